/*
 * merge.c: templates as packages: which parts hold tags, compiling them
 * all, and merging into a new package.
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/limits.h"
#include "tmpl/media.h"

/* The parts whose text is merged (template-language.md, "Where tags are
 * found"). */
static bool is_text_part(const char *name)
{
	static const char *const patterns[] = {
		"word/document.xml", "word/header*.xml", "word/footer*.xml",
		"word/footnotes.xml", "word/endnotes.xml",
	};
	for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++)
		if (fnmatch(patterns[i], name, FNM_PATHNAME) == 0)
			return true;
	return false;
}

/* After several errors, `err` says how many; its location fields would
 * only describe the first, so they are cleared. */
static void summarize(vndoc_error *err, size_t n, const char *what)
{
	if (!err || n < 2)
		return;
	snprintf(err->message, sizeof err->message, "%zu %s", n, what);
	err->tag[0] = err->excerpt[0] = err->part[0] = '\0';
}

/* Template errors kept from here on: VNDOC_LIMIT_TMPL_ERRORS, the rest
 * only counted (issue 18: 340,000 stray {/} kept 482 MB of errors). */
typedef struct error_cap { size_t max, first, dropped; } error_cap;

static error_cap cap_errors(vndoc_error_list *list)
{
	error_cap c = { list->max, list->count, list->dropped };
	if (!list->max)
		list->max = list->count + VNDOC_LIMIT_TMPL_ERRORS;
	return c;
}

/* The errors since cap_errors, kept and counted; lifts the cap. */
static size_t uncap_errors(vndoc_error_list *list, error_cap c)
{
	list->max = c.max;
	return list->count - c.first + list->dropped - c.dropped;
}

static const vndoc_tmpl_options default_options = VNDOC_TMPL_OPTIONS_INIT;

int vndoc_tmpl_compile(vndoc_tmpl **out, const vndoc_package *pkg,
		       const vndoc_tmpl_options *opts, vndoc_error_list *errs, vndoc_error *err)
{
	vndoc_tmpl *t;
	vndoc_error_list local = VNDOC_ERROR_LIST_INIT;
	vndoc_error_list *list = errs ? errs : &local;
	size_t first_error = list->count, n = vndoc_package_count(pkg), n_errors;
	error_cap cap;
	int error = 0;

	*out = NULL;
	if (vndoc_package_find(pkg, "word/document.xml") < 0)
		return vndoc_error_set(err, VNDOC_EFORMAT, "not a Word document: no word/document.xml");
	/* Word refuses a package without its content types; so do we. */
	if (vndoc_package_find(pkg, "[Content_Types].xml") < 0)
		return vndoc_error_set(err, VNDOC_EFORMAT, "not a Word document: no [Content_Types].xml");
	cap = cap_errors(list);
	t = vndoc_xcalloc(1, sizeof *t);
	t->pkg = pkg;
	t->opts = opts ? *opts : default_options;
	t->picture_dir = t->opts.picture_dir ? vndoc_xstrdup(t->opts.picture_dir) : NULL;
	t->opts.picture_dir = t->picture_dir;
	t->parts = vndoc_xcalloc(n + 1, sizeof *t->parts);
	for (size_t i = 0; i < n; i++) {
		const char *name = vndoc_package_name(pkg, i);
		vndoc_tmpl__part *part = NULL;
		vndoc_error e;
		char *xml;
		size_t len;
		int rc;

		if (!is_text_part(name))
			continue;
		vndoc_error_clear(&e);
		if ((rc = vndoc_package_read(&xml, &len, pkg, name, &e)) < 0) {
			vndoc_error_list_push(list, &e);
			error = error ? error : rc;
			continue;
		}
		rc = vndoc_tmpl__compile_part(&part, xml, len, name, &t->opts, list, &e);
		free(xml);
		if (rc < 0) {
			/* Template errors are in the list already; others not. */
			if (list->count == first_error || (rc != VNDOC_ETEMPLATE && rc != VNDOC_EUNSUPPORTED &&
							   rc != VNDOC_ELIMIT))
				vndoc_error_list_push(list, &e);
			error = error ? error : rc;
			continue;
		}
		if (part)
			t->parts[t->n_parts++] = *part, free(part);
	}
	n_errors = uncap_errors(list, cap);
	if (error < 0 || list->count > first_error) {
		if (err)
			*err = list->items[first_error];
		summarize(err, n_errors, "template errors");
		error = error < 0 ? error : list->items[first_error].code;
		vndoc_tmpl_free(t);
		vndoc_error_list_dispose(&local);
		return error;
	}
	vndoc_error_list_dispose(&local);
	*out = t;
	return 0;
}

int vndoc_tmpl_load(vndoc_tmpl **out, const char *path, const vndoc_tmpl_options *opts,
		    vndoc_error_list *errs, vndoc_error *err)
{
	vndoc_package *pkg;
	size_t first = errs ? errs->count : 0;
	int error;

	*out = NULL;
	if ((error = vndoc_package_open(&pkg, path, err)) < 0)
		return error;
	if ((error = vndoc_tmpl_compile(out, pkg, opts, errs, err)) < 0) {
		vndoc_error_set_file(err, path);
		for (size_t i = first; errs && i < errs->count; i++)
			vndoc_error_set_file(&errs->items[i], path);
		vndoc_package_free(pkg);
		return error;
	}
	(*out)->owned_pkg = pkg;
	return 0;
}

void vndoc_tmpl_free(vndoc_tmpl *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n_parts; i++) {
		vndoc_tmpl__part *p = &t->parts[i];
		for (size_t k = 0; k < p->n_tags; k++)
			vndoc_tmpl__tag_dispose(&p->tags[k]);
		free(p->tags);
		free(p->ops);
		free(p->raw);
		free(p->name);
	}
	free(t->parts);
	free(t->picture_dir);
	vndoc_package_free(t->owned_pkg);
	free(t);
}

/* The pictures' media, relationships and content types (media.c) added
 * after the template's n_parts merged parts in *parts. */
static int add_media_parts(vndoc_part **parts, size_t *n, vndoc_tmpl__extra *extra, const vndoc_tmpl *t,
			   const vndoc_tmpl__media *media, vndoc_error *err)
{
	const char **names = vndoc_xcalloc(t->n_parts + 1, sizeof *names);
	int error;

	for (size_t i = 0; i < t->n_parts; i++)
		names[i] = t->parts[i].name;
	error = vndoc_tmpl__media_parts(extra, t->pkg, names, media, t->n_parts, err);
	free(names);
	if (!error && extra->n) {
		*parts = vndoc_xreallocarray(*parts, *n + extra->n, sizeof **parts);
		memcpy(*parts + *n, extra->parts, extra->n * sizeof **parts);
		*n += extra->n;
	}
	return error;
}

/* Where part i's pictures come from, and its drawings' ids: apart from
 * Word's and from the other parts' (VNDOC_LIMIT_PART_PICTURES). */
static void media_init(vndoc_tmpl__media *m, const vndoc_tmpl *t, size_t i)
{
	m->dir = t->opts.picture_dir;
	m->id_base = 900000 + 10000 * (unsigned)i;
}

/* Runs every compiled part; on success `bufs` hold the merged parts. */
static int merge_parts(vndoc_buf *bufs, vndoc_part *parts, vndoc_tmpl__media *media, const vndoc_tmpl *t,
		       const vndoc_value *const *scopes, size_t n_scopes,
		       vndoc_error_list *errs, vndoc_error *err)
{
	vndoc_error_list local = VNDOC_ERROR_LIST_INIT;
	vndoc_error_list *list = errs ? errs : &local;
	size_t first = list->count, n_errors;
	error_cap cap = cap_errors(list);
	int error = 0;

	for (size_t i = 0; i < t->n_parts; i++) {
		const vndoc_tmpl__part *p = &t->parts[i];
		vndoc_error e;
		int rc;
		vndoc_error_clear(&e);
		vndoc_buf_init(&bufs[i], VNDOC_LIMIT_OUTPUT_BYTES);
		vndoc_buf_grow(&bufs[i], p->raw_len + p->raw_len / 2);
		media_init(&media[i], t, i);
		rc = vndoc_tmpl__eval_part_media(&bufs[i], p, t->opts.strict, scopes, n_scopes, &media[i], list, &e);
		if (rc < 0 && rc != VNDOC_EDATA)
			vndoc_error_list_push(list, &e);
		if (rc < 0 && !error)
			error = rc;
		parts[i].name = p->name;
		parts[i].data = bufs[i].ptr;
		parts[i].len = bufs[i].len;
	}
	n_errors = uncap_errors(list, cap);
	if (error < 0) {
		if (err)
			*err = list->items[first];
		summarize(err, n_errors, error == VNDOC_EDATA ? "missing values" : "errors");
	}
	vndoc_error_list_dispose(&local);
	return error;
}

static int merge_to(char **mem, size_t *mem_len, const char *path, const vndoc_tmpl *t,
		    const vndoc_value *const *scopes, size_t n_scopes,
		    vndoc_error_list *errs, vndoc_error *err)
{
	vndoc_buf *bufs = vndoc_xcalloc(t->n_parts + 1, sizeof *bufs);
	vndoc_part *parts = vndoc_xcalloc(t->n_parts + 1, sizeof *parts);
	vndoc_tmpl__media *media = vndoc_xcalloc(t->n_parts + 1, sizeof *media);
	vndoc_package_write_options wo = VNDOC_PACKAGE_WRITE_OPTIONS_INIT;
	vndoc_tmpl__extra extra;
	size_t n = t->n_parts;
	int error;

	memset(&extra, 0, sizeof extra);
	wo.level = t->opts.level;
	error = merge_parts(bufs, parts, media, t, scopes, n_scopes, errs, err);
	if (!error)
		error = add_media_parts(&parts, &n, &extra, t, media, err);
	if (!error) {
		if (mem)
			error = vndoc_package_write_memory(mem, mem_len, t->pkg, parts, n, &wo, err);
		else
			error = vndoc_package_write(t->pkg, parts, n, path, &wo, err);
	}
	for (size_t i = 0; i < t->n_parts; i++) {
		vndoc_buf_dispose(&bufs[i]);
		vndoc_tmpl__media_dispose(&media[i]);
	}
	vndoc_tmpl__extra_dispose(&extra);
	free(media);
	free(bufs);
	free(parts);
	return error;
}

int vndoc_tmpl_merge(const vndoc_tmpl *t, const vndoc_value *const *scopes, size_t n_scopes,
		     const char *path, vndoc_error_list *errs, vndoc_error *err)
{
	return merge_to(NULL, NULL, path, t, scopes, n_scopes, errs, err);
}

/* An unnamed file beside `path`: on the output's file system, where the
 * room for the output is, and gone however the process ends. */
static FILE *scratch_file(const char *path, vndoc_error *err)
{
	const char *slash = strrchr(path, '/');
	char tmp[4200];
	FILE *f = NULL;
	int fd;

	snprintf(tmp, sizeof tmp, "%.*s.vndoc-part-XXXXXX", slash ? (int)(slash - path + 1) : 0, path);
	if ((fd = mkstemp(tmp)) >= 0) {
		unlink(tmp);
		if (!(f = fdopen(fd, "w+b")))
			close(fd);
	}
	if (!f) {
		vndoc_error_set_file(err, path);
		vndoc_error_set_sys(err, VNDOC_EIO, errno, "cannot create a temporary file");
	}
	return f;
}

int vndoc_tmpl_merge_stream(const vndoc_tmpl *t, const vndoc_value *const *scopes, size_t n_scopes,
			    const vndoc_tmpl_stream *streams, size_t n_streams, const char *path,
			    vndoc_error_list *errs, vndoc_error *err)
{
	vndoc_error_list local = VNDOC_ERROR_LIST_INIT;
	vndoc_error_list *list = errs ? errs : &local;
	vndoc_part *parts = vndoc_xcalloc(t->n_parts + 1, sizeof *parts);
	vndoc_tmpl__media *media = vndoc_xcalloc(t->n_parts + 1, sizeof *media);
	vndoc_package_write_options wo = VNDOC_PACKAGE_WRITE_OPTIONS_INIT;
	vndoc_tmpl__extra extra;
	size_t first = list->count, n_errors, n = t->n_parts;
	error_cap cap = cap_errors(list);
	int error = 0;

	memset(&extra, 0, sizeof extra);
	/* Missing values are all reported; any other failure stops. */
	for (size_t i = 0; i < t->n_parts && (error == 0 || error == VNDOC_EDATA); i++) {
		const vndoc_tmpl__part *p = &t->parts[i];
		vndoc_error e;
		int rc;

		vndoc_error_clear(&e);
		parts[i].name = p->name;
		if (!(parts[i].file = scratch_file(path, &e))) {
			vndoc_error_list_push(list, &e);
			error = e.code;
			break;
		}
		media_init(&media[i], t, i);
		rc = vndoc_tmpl__eval_part_to(parts[i].file, &parts[i].len, p, t->opts.strict, scopes, n_scopes,
					      streams, n_streams, &media[i], list, &e);
		if (rc < 0 && rc != VNDOC_EDATA)
			vndoc_error_list_push(list, &e);
		if (rc < 0 && (error == 0 || rc != VNDOC_EDATA))
			error = rc;
	}
	n_errors = uncap_errors(list, cap);
	if (error < 0) {
		if (err)
			*err = list->items[first];
		summarize(err, n_errors, error == VNDOC_EDATA ? "missing values" : "errors");
	} else if (!(error = add_media_parts(&parts, &n, &extra, t, media, err))) {
		wo.level = t->opts.level;
		error = vndoc_package_write(t->pkg, parts, n, path, &wo, err);
	}
	for (size_t i = 0; i < t->n_parts; i++) {
		if (parts[i].file)
			fclose(parts[i].file);
		vndoc_tmpl__media_dispose(&media[i]);
	}
	vndoc_tmpl__extra_dispose(&extra);
	free(media);
	free(parts);
	vndoc_error_list_dispose(&local);
	return error;
}

int vndoc_tmpl_merge_memory(char **out, size_t *out_len, const vndoc_tmpl *t,
			    const vndoc_value *const *scopes, size_t n_scopes,
			    vndoc_error_list *errs, vndoc_error *err)
{
	*out = NULL;
	return merge_to(out, out_len, NULL, t, scopes, n_scopes, errs, err);
}

int vndoc_tmpl_merge_xml(vndoc_buf *out, const char *xml, size_t len, const char *part,
			 const vndoc_tmpl_options *opts, const vndoc_value *const *scopes,
			 size_t n_scopes, vndoc_error_list *errs, vndoc_error *err)
{
	vndoc_tmpl__part *p = NULL;
	int error;

	if ((error = vndoc_tmpl__compile_part(&p, xml, len, part, opts ? opts : &default_options,
					      errs, err)) < 0)
		return error;
	if (!p) /* no tags: the part as it is */
		return vndoc_buf_put(out, xml, len);
	{
		/* The pictures' drawings are in `out`; their parts are not. */
		vndoc_tmpl__media media;
		memset(&media, 0, sizeof media);
		media.dir = opts ? opts->picture_dir : NULL;
		error = vndoc_tmpl__eval_part_media(out, p, opts && opts->strict, scopes, n_scopes, &media,
						    errs, err);
		vndoc_tmpl__media_dispose(&media);
	}
	vndoc_tmpl__part_free(p);
	return error;
}
