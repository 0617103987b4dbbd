/*
 * tmpl/tmpl_internal.h: the compiled form of a template part.
 *
 * Compiling a part (parse.c) turns its XML tree into a flat stream of
 * tokens: RAW tokens are serialized XML bytes (start tags, end tags, text
 * pieces) held in one buffer, TAG tokens stand where a template tag was.
 * Tags split across runs are found in the text of each paragraph (lex.c)
 * and moved whole into the w:t where they start.  Sections are then given
 * a region of the token stream by where their open and close tags stand
 * (inline, paragraphs, table rows, or joined paragraphs), and the stream
 * becomes a program: a flat array of ops in which a section's body is the
 * ops up to its `end`.  Merging (eval.c) runs the program against the data
 * and only copies bytes and writes values.
 */
#ifndef VNDOC_TMPL_INTERNAL_H
#define VNDOC_TMPL_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <libxml/tree.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/str.h"
#include "tmpl/expr.h"
#include "tmpl/tmpl.h"

typedef enum {
	VNDOC_TAG_VALUE,   /* {name} */
	VNDOC_TAG_OPEN,    /* {#name} */
	VNDOC_TAG_INVERT,  /* {^name} */
	VNDOC_TAG_CLOSE,   /* {/name} or {/} */
	VNDOC_TAG_DELIM,   /* {=[[ ]]=} */
	VNDOC_TAG_PICTURE  /* {%anh}, {%%anh} */
} vndoc_tmpl__tag_kind;

/* A dotted path, split at compile time. Zero segments means "." */
typedef struct {
	vndoc_str *segs;
	size_t n;
} vndoc_tmpl__path;

typedef struct {
	vndoc_tmpl__tag_kind kind;
	char *raw;            /* the tag as written, delimiters included */
	char *name;           /* trimmed name ("" for {/}) */
	vndoc_tmpl__path path;
	vndoc_tmpl__expr *expr; /* an expression ({a > 1}, {x | upper}); NULL for a plain path */
	char excerpt[96];     /* paragraph text around the tag */
	size_t para;          /* index of its paragraph */
	size_t off;           /* byte offset in the paragraph text */
	size_t tok;           /* its token, once tokenized */
	bool alone;           /* the only thing in its paragraph but white space */
	bool centered;        /* {%%anh}: a picture alone in a centred paragraph */
	xmlNode *wt;          /* the w:t where it starts */
	/* Token indexes of the innermost enclosing elements (SIZE_MAX: none). */
	size_t p_tok, p_parent_tok, tr_tok, tc_tok, tbl_tok;
} vndoc_tmpl__tag;

typedef enum {
	VNDOC_OP_RAW,      /* copy bytes */
	VNDOC_OP_VALUE,    /* write a value */
	VNDOC_OP_SECTION,  /* repeat / show the body */
	VNDOC_OP_INVERTED, /* show the body when the value is falsy */
	VNDOC_OP_TABLE,    /* a table left out when its body writes no row */
	VNDOC_OP_PICTURE   /* a picture from data (`end`: its paragraph's end, for {%%anh}) */
} vndoc_tmpl__op_kind;

typedef struct {
	vndoc_tmpl__op_kind kind;
	bool ensure_paragraph; /* sections: write <w:p/> if the body wrote nothing */
	uint32_t end;          /* sections: index of the op after the body */
	uint32_t tag;          /* VALUE and sections: the tag */
	size_t off, len;       /* RAW: bytes in part->raw */
} vndoc_tmpl__op;

/* One compiled part. */
typedef struct {
	char *name;                /* "word/document.xml" */
	char *raw;                 /* serialized XML pieces */
	size_t raw_len;
	vndoc_tmpl__op *ops;
	size_t n_ops;
	vndoc_tmpl__tag *tags;
	size_t n_tags;
	size_t out_hint;           /* output size of the last merge, to presize */
} vndoc_tmpl__part;

struct vndoc_tmpl {
	vndoc_package *owned_pkg;  /* set by vndoc_tmpl_load */
	const vndoc_package *pkg;
	vndoc_tmpl_options opts;   /* opts.picture_dir is picture_dir */
	char *picture_dir;         /* the caller's, copied */
	vndoc_tmpl__part *parts;
	size_t n_parts;
};

/* The delimiters in force, which {=[[ ]]=} changes part-wide. */
typedef struct {
	char open[16], close[16];
} vndoc_tmpl__delims;

/**
 * lex.c: finds the tags in one paragraph's text, appending them to *tags
 * (realloc'd; *n_tags updated) and problems to `errs` (return value: the
 * number of errors found).  `delims` is updated by delimiter tags.  Stops
 * with *full set at a tag past VNDOC_LIMIT_TMPL_TAGS.
 */
size_t vndoc_tmpl__lex_paragraph(vndoc_tmpl__tag **tags, size_t *n_tags, size_t *cap,
				  const char *text, size_t len, size_t para,
				  vndoc_tmpl__delims *delims, const char *part,
				  vndoc_error_list *errs, bool *full);

/** Fills an error about `tag` in `part` into `e`. */
void vndoc_tmpl__tag_error(vndoc_error *e, vndoc_code code, const char *part,
			   const vndoc_tmpl__tag *tag, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

void vndoc_tmpl__tag_dispose(vndoc_tmpl__tag *tag);

/**
 * parse.c: compiles one XML part.  Returns 0 with *out NULL when the part
 * holds no tag (it is copied unchanged), VNDOC_ETEMPLATE with `errs`
 * filled, or VNDOC_EFORMAT / VNDOC_ELIMIT for a bad part.
 */
int vndoc_tmpl__compile_part(vndoc_tmpl__part **out, const char *xml, size_t len,
			     const char *name, const vndoc_tmpl_options *opts,
			     vndoc_error_list *errs, vndoc_error *err);

void vndoc_tmpl__part_free(vndoc_tmpl__part *part);

/* A picture from data (picture.c), and those of one merged part. */
typedef struct {
	char *data;
	size_t len;
	const char *ext; /* "png", "jpeg" */
	long cx, cy;     /* EMU */
	char *path;      /* the file it was read from, as "device:inode" (owned
			  * until added to the media; NULL for a data: URI) */
	size_t cached;   /* n > 0: the bytes are media item n-1's, borrowed (that
			  * file was read already: it is not read again) */
} vndoc_tmpl__picture;

typedef struct {
	vndoc_tmpl__picture *items;
	size_t n, cap;
	const char *dir; /* paths are relative to it (the data file's folder) */
	unsigned id_base; /* drawing ids: unique in the document */
	unsigned drawings; /* drawings written (a picture may be drawn again) */
	size_t bytes;      /* of the items together */
	struct _GHashTable *paths; /* file read ("device:inode") -> its item's index + 1
				    * (NULL: none yet) */
} vndoc_tmpl__media;

/** Loads the picture a value names (a file the part's `media` holds
 * already is not read again); -1 with the reason in `msg`. */
int vndoc_tmpl__picture_load(vndoc_tmpl__picture *out, const vndoc_value *v, const char *dir,
			     const vndoc_tmpl__media *media, char *msg, size_t size);
/** The w:drawing of picture number `n` (relationship rIdVndocPic<n>). */
void vndoc_tmpl__picture_drawing(vndoc_buf *out, const vndoc_tmpl__picture *p, unsigned id, size_t n);
void vndoc_tmpl__media_dispose(vndoc_tmpl__media *m);

/** eval.c: vndoc_tmpl__eval_part, collecting pictures into `media`. */
int vndoc_tmpl__eval_part_media(vndoc_buf *out, const vndoc_tmpl__part *part, bool strict,
				const vndoc_value *const *scopes, size_t n_scopes, vndoc_tmpl__media *media,
				vndoc_error_list *errs, vndoc_error *err);

/**
 * eval.c: runs a compiled part against the scope chain, appending the
 * merged XML to `out`.  Missing values are errors in `errs` when strict.
 */
int vndoc_tmpl__eval_part(vndoc_buf *out, const vndoc_tmpl__part *part, bool strict,
			  const vndoc_value *const *scopes, size_t n_scopes,
			  vndoc_error_list *errs, vndoc_error *err);

/**
 * Same, written to `sink` as it is produced (never whole in memory), with
 * `streams` answering the sections over them and pictures collected into
 * `media` (their bytes stay in memory until the package is written); *len
 * is the number of bytes written.
 */
int vndoc_tmpl__eval_part_to(FILE *sink, size_t *len, const vndoc_tmpl__part *part, bool strict,
			     const vndoc_value *const *scopes, size_t n_scopes,
			     const vndoc_tmpl_stream *streams, size_t n_streams, vndoc_tmpl__media *media,
			     vndoc_error_list *errs, vndoc_error *err);

#endif
