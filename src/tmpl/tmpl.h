/*
 * tmpl/tmpl.h: the template engine, compatible with docxtemplater's core tag
 * language (../shared/docs/template-language.md, tests/spec/tmpl.txt).
 *
 * A template is compiled once (every text part's tags found, across Word's
 * run splitting, and checked) and merged any number of times, from any
 * number of threads: a compiled template is immutable.
 *
 * Template errors are all collected in one pass into a vndoc_error_list,
 * each naming the part, the tag as written and an excerpt of the
 * paragraph; the single `err` then says how many there were.
 */
#ifndef VNDOC_TMPL_H
#define VNDOC_TMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/error.h"
#include "data/data.h"
#include "package/package.h"

typedef struct vndoc_tmpl vndoc_tmpl;

typedef struct vndoc_tmpl_options {
	bool strict;             /* every missing value is an error */
	const char *delim_open;  /* NULL: "{" */
	const char *delim_close; /* NULL: "}" */
	int level;               /* deflate level of merged parts (1..9) */
	const char *picture_dir; /* pictures from data ({%anh}) are paths below it
				  * (copied: the caller's may go) */
} vndoc_tmpl_options;

#define VNDOC_TMPL_OPTIONS_INIT { false, NULL, NULL, 6, NULL }

/**
 * Compiles the text parts of `pkg` (word/document.xml, headers, footers,
 * footnotes, endnotes).  `pkg` is borrowed and must outlive the template.
 * VNDOC_ETEMPLATE with every problem in `errs` (may be NULL);
 * VNDOC_EFORMAT for a part that is not XML; VNDOC_EFORMAT if the package
 * has no word/document.xml.
 */
int vndoc_tmpl_compile(vndoc_tmpl **out, const vndoc_package *pkg,
		       const vndoc_tmpl_options *opts, vndoc_error_list *errs, vndoc_error *err);

/** Opens `path` (DOCX file or unpacked folder) and compiles it; the
 * template then owns the package. */
int vndoc_tmpl_load(vndoc_tmpl **out, const char *path, const vndoc_tmpl_options *opts,
		    vndoc_error_list *errs, vndoc_error *err);

void vndoc_tmpl_free(vndoc_tmpl *t);

/**
 * Merges and writes a DOCX to `path` (atomically; nothing is written on
 * failure).  `scopes` is the scope chain, outermost first (the data file's
 * top level, then e.g. one unit): names are looked up from the innermost
 * outwards.  Missing values print as nothing unless strict, when each is
 * an error in `errs` (VNDOC_EDATA).
 */
int vndoc_tmpl_merge(const vndoc_tmpl *t, const vndoc_value *const *scopes, size_t n_scopes,
		     const char *path, vndoc_error_list *errs, vndoc_error *err);

/** Same, into memory (the caller frees *out). */
int vndoc_tmpl_merge_memory(char **out, size_t *out_len, const vndoc_tmpl *t,
			    const vndoc_value *const *scopes, size_t n_scopes,
			    vndoc_error_list *errs, vndoc_error *err);

/**
 * A list too long to hold in memory (the units of a ministry-wide
 * campaign), given to a merge item by item.  A section whose tag is just
 * `name`, {#name}...{/name}, loops over it: rewind() (if set) and then
 * next() until it says the end, the body once per item, $index and $stt
 * counting as for a list.  {^name} shows its body when `count` is 0.
 * Nothing else reaches it: {name.length} or {name.0} look in the scopes
 * as usual.
 */
typedef struct vndoc_tmpl_stream {
	const char *name;
	size_t count;
	/* 1 with *item (borrowed until the next call), 0 at the end, or a
	 * negative code with `err` set: the merge then fails with it. */
	int (*next)(void *userdata, const vndoc_value **item, vndoc_error *err);
	/* Back to the first item: each loop over the list starts with it. */
	int (*rewind)(void *userdata, vndoc_error *err);
	void *userdata;
} vndoc_tmpl_stream;

/**
 * vndoc_tmpl_merge with streamed lists, for documents too large to hold:
 * each merged part is written to an unnamed temporary file in the output's
 * folder as it is produced, and the package is written from those files.
 * Memory does not grow with the lists, but for pictures from data, held
 * until the package is written (each distinct picture once, at most
 * VNDOC_LIMIT_PART_PICTURE_BYTES a part); the output is the same bytes that
 * vndoc_tmpl_merge gives for the same data held in lists.
 */
int vndoc_tmpl_merge_stream(const vndoc_tmpl *t, const vndoc_value *const *scopes, size_t n_scopes,
			    const vndoc_tmpl_stream *streams, size_t n_streams, const char *path,
			    vndoc_error_list *errs, vndoc_error *err);

/**
 * Merges one XML part given as text (compile + merge in one call), appending
 * the result to `out`.  Used by the spec tests and by tools.  `part` names
 * the part in errors.
 */
int vndoc_tmpl_merge_xml(vndoc_buf *out, const char *xml, size_t len, const char *part,
			 const vndoc_tmpl_options *opts, const vndoc_value *const *scopes,
			 size_t n_scopes, vndoc_error_list *errs, vndoc_error *err);

/**
 * Resolves a dotted path against a data value ("don_vi.3" -> the fourth
 * unit): keys of maps, numeric indexes of lists.  NULL when absent.
 */
const vndoc_value *vndoc_tmpl_resolve_path(const vndoc_value *root, const char *path);

#endif
