/*
 * batch/batch.c: the batch run (batch.h).
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <jansson.h>

#include "batch/batch.h"
#include "batch/batch_internal.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/fsutil.h"
#include "core/limits.h"
#include "docx/docx.h"
#include "layout/layout.h"
#include "package/package.h"
#include "render/render.h"
#include "tmpl/tmpl.h"

enum { T_PLAN, T_SUMMARY, T_FORM, N_TEMPLATES };
static const char *const template_names[N_TEMPLATES] = { "ke-hoach", "tong-hop", "bieu-dang-ky" };

typedef struct out_file {
	const char *ext;         /* "docx", "pdf", "xlsx" (static) */
	size_t bytes;
	unsigned char sha256[32];
} out_file;

/* One document (or, for a unit, its form), from the moment a worker takes
 * it until its line of the manifest is written.  File names follow from
 * the kind and the slug. */
typedef struct item {
	unsigned char kind;      /* T_PLAN, T_SUMMARY or T_FORM */
	bool skip;               /* the unit has check findings */
	bool failed;
	unsigned char n_files;   /* 0, 1 (DOCX), 2 (and PDF or the sheet), 3 */
	size_t unit;             /* forms: index in don_vi */
	char *unit_name;         /* forms: owned */
	char *slug;              /* forms: the unit's folder (owned) */
	size_t pages;
	out_file files[3];
	vndoc_error error;       /* when failed */
} item;

/*
 * What is kept for the whole run grows by a bit per unit (and a number per
 * unit whose folder name was taken), not by an item: items live while they
 * are worked on, and the manifest is written as they finish, in order.
 */
typedef struct run {
	const vndoc_batch_input *in;
	const vndoc_batch_options *opts;
	vndoc_batch_result *res;
	const vndoc_value *scopes[3];  /* outermost first: totals, --doc, the file's fields */
	size_t n_scopes;
	size_t n_units;
	unsigned char *skip;           /* bit per unit: it has check findings */
	GHashTable *suffixes;          /* unit index + 1 -> n of "slug-n", for taken slugs */
	vndoc_tmpl *tmpl[N_TEMPLATES];
	size_t n_items, next;          /* this shard's items; the next to take */
	size_t done, pages;
	/* The units as workers take them, read in order under `lock`. */
	vndoc_data_stream *units;
	size_t units_read;
	/* The manifest, written in item order as items finish. */
	vndoc_fs_atomic manifest;
	FILE *manifest_out;
	size_t manifest_lines;         /* entries written */
	size_t written;                /* items whose lines are written */
	GHashTable *finished;          /* position -> item, done but not yet written */
	pthread_mutex_t lock;
	vndoc_batch__outdir outdir;    /* OUT/.vndoc: the lock, the temporaries */
	json_t *earlier;               /* the manifest an earlier run left, if any */
	vndoc_batch__data_mark data;   /* the data file when the run began */
	char template_paths[N_TEMPLATES][4096];
	const char *inputs[2 + N_TEMPLATES]; /* never written over (datafile.c) */
} run;

/* Templates ---------------------------------------------------------- */

static int load_templates(run *r, vndoc_error *err)
{
	vndoc_tmpl_options topts = VNDOC_TMPL_OPTIONS_INIT;
	gchar *picture_dir = NULL;

	/* Pictures from data ({%logo}): paths below the data file's folder
	 * (none for standard input); the template keeps a copy. */
	if (strcmp(r->in->path, "-") != 0)
		topts.picture_dir = picture_dir = g_path_get_dirname(r->in->path);
	for (int t = 0; t < N_TEMPLATES; t++) {
		char path[4096];
		vndoc_error_list errs = VNDOC_ERROR_LIST_INIT;
		int rc;
		struct stat st;

		snprintf(path, sizeof path, "%s/%s.docx", r->opts->templates, template_names[t]);
		if (stat(path, &st) < 0)
			snprintf(path, sizeof path, "%s/%s", r->opts->templates, template_names[t]);
		snprintf(r->template_paths[t], sizeof r->template_paths[t], "%s", path);
		r->inputs[2 + t] = r->template_paths[t];
		rc = vndoc_tmpl_load(&r->tmpl[t], path, &topts, &errs, err);
		if (rc < 0 && errs.count)
			*err = errs.items[0];
		vndoc_error_list_dispose(&errs);
		if (rc < 0) {
			vndoc_error_set_file(err, path);
			g_free(picture_dir);
			return rc;
		}
	}
	g_free(picture_dir);
	return 0;
}

/* Output names ---------------------------------------------------------- */

/* The folder of unit `unit` named `name`: its slug, with the number
 * the first reading found for it when an earlier unit took it (slug.c). */
static char *unit_slug(const run *r, size_t unit, const char *name)
{
	char *base = vndoc_batch__slug_base(name), *slug;
	gpointer n = g_hash_table_lookup(r->suffixes, GSIZE_TO_POINTER(unit + 1));

	slug = vndoc_batch__slug_with(base, n ? GPOINTER_TO_INT(n) : 1);
	free(base);
	return slug;
}

/* One item ------------------------------------------------------------- */

static const char *text_of(const vndoc_value *map, const char *key)
{
	const char *s = vndoc_value_text(vndoc_value_get(map, key, strlen(key)), NULL);
	return s ? s : "";
}

/* Where the item's file of extension `ext` goes, relative to out_dir. */
static void rel_path(char *out, size_t size, const item *it, const char *ext)
{
	if (it->kind == T_FORM)
		snprintf(out, size, "%s/%s.%s", it->slug, template_names[T_FORM], ext);
	else
		snprintf(out, size, "%s.%s", template_names[it->kind], ext);
}

static void out_path(char *out, size_t size, const run *r, const item *it, const char *ext)
{
	char rel[4096];
	rel_path(rel, sizeof rel, it, ext);
	snprintf(out, size, "%s/%s", r->opts->out_dir, rel);
}

static void sha_digest(unsigned char out[32], GChecksum *c)
{
	gsize n = 32;
	g_checksum_get_digest(c, out, &n);
}

/* Records a file written in one piece from memory. */
static int save(run *r, item *it, const char *data, size_t len, vndoc_error *err)
{
	char path[4200];
	out_file *f = &it->files[it->n_files];
	GChecksum *c;
	int rc;

	out_path(path, sizeof path, r, it, "docx");
	if ((rc = vndoc_fs_write_file(path, data, len, err)) < 0)
		return rc;
	c = g_checksum_new(G_CHECKSUM_SHA256);
	g_checksum_update(c, (const guchar *)data, (gssize)len);
	sha_digest(f->sha256, c);
	g_checksum_free(c);
	f->bytes = len;
	f->ext = "docx";
	it->n_files++;
	return 0;
}

/* Records a file already written (the streamed summary): size and hash,
 * read back in pieces. */
static int record(run *r, item *it, const char *ext, vndoc_error *err)
{
	char path[4200], buf[65536];
	out_file *f = &it->files[it->n_files];
	GChecksum *c;
	FILE *fp;
	size_t n;

	out_path(path, sizeof path, r, it, ext);
	f->ext = ext;
	if (!(fp = fopen(path, "rb"))) {
		vndoc_error_set_file(err, path);
		return vndoc_error_set_sys(err, VNDOC_EIO, errno, "cannot read back");
	}
	c = g_checksum_new(G_CHECKSUM_SHA256);
	f->bytes = 0;
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
		g_checksum_update(c, (const guchar *)buf, (gssize)n);
		f->bytes += n;
	}
	sha_digest(f->sha256, c);
	g_checksum_free(c);
	fclose(fp);
	it->n_files++;
	return 0;
}

/* A PDF being written page by page into its temporary file, hashed as it
 * goes. */
typedef struct pdf_sink {
	vndoc_fs_atomic file;
	GChecksum *sha;
	size_t bytes;
	int write_errno;         /* the first write that failed (cairo may not say) */
} pdf_sink;

static int sink_write(const unsigned char *data, size_t len, void *userdata)
{
	pdf_sink *s = userdata;

	g_checksum_update(s->sha, data, (gssize)len);
	s->bytes += len;
	while (len) {
		ssize_t n = write(s->file.fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			if (!s->write_errno)
				s->write_errno = errno;
			return VNDOC_EIO;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The DOCX `pkg` as the item's PDF, laid out and written a page at a time
 * with the worker's fonts.  Documents that may be long (the plan and the
 * summary) are read a block at a time too (vndoc_docx_open). */
static int render_pdf(run *r, item *it, const vndoc_package *pkg, vndoc_layout_fonts *fonts,
		      vndoc_error *err)
{
	vndoc_docx *doc = NULL;
	vndoc_layout_options lo = VNDOC_LAYOUT_OPTIONS_INIT;
	vndoc_render_pdf_options po = VNDOC_RENDER_PDF_OPTIONS_INIT;
	pdf_sink sink = { .sha = NULL, .bytes = 0, .write_errno = 0 };
	char path[4200];
	int rc;

	lo.fonts = fonts;
	lo.strict_fonts = true; /* our own templates never fall back */
	out_path(path, sizeof path, r, it, "pdf");
	rc = it->kind == T_FORM ? vndoc_docx_load(&doc, pkg, err) : vndoc_docx_open(&doc, pkg, err);
	if (rc == 0 && (rc = vndoc_fs_atomic_open(&sink.file, path, err)) == 0) {
		sink.sha = g_checksum_new(G_CHECKSUM_SHA256);
		rc = vndoc_render_pdf_stream(doc, &lo, &po, sink_write, &sink, &it->pages, err);
		/* A write that failed fails the PDF, whatever cairo made of it. */
		if ((rc == 0 || rc == VNDOC_EIO) && sink.write_errno)
			rc = vndoc_error_set_sys(err, VNDOC_EIO, sink.write_errno, "cannot write");
		else if (rc == VNDOC_EIO && err && !err->sys_errno)
			vndoc_error_set_sys(err, VNDOC_EIO, errno, "cannot write");
		if (rc == 0 && (rc = vndoc_fs_atomic_commit(&sink.file, err)) == 0) {
			out_file *f = &it->files[it->n_files++];
			f->ext = "pdf";
			f->bytes = sink.bytes;
			sha_digest(f->sha256, sink.sha);
		} else if (rc < 0) {
			vndoc_fs_atomic_abort(&sink.file);
			vndoc_error_set_file(err, path);
		}
		g_checksum_free(sink.sha);
	}
	vndoc_docx_free(doc);
	return rc;
}

/* The data a worker's own stream reads: as the batch's, without the
 * warnings (given once, by the first reading). */
static int open_units(vndoc_data_stream **out, const run *r, vndoc_error *err)
{
	vndoc_data_options o = r->in->data;
	o.warnings = NULL;
	return vndoc_data_stream_open(out, r->in->path, &o, err);
}

/* The units as a template sees them while the plan or the summary is
 * merged: read from a stream of the item's own, opened when a loop over
 * them begins (the plan has none). */
typedef struct unit_list {
	const run *r;
	vndoc_data_stream *s;
	vndoc_value *current;
} unit_list;

static int unit_list_next(void *userdata, const vndoc_value **unit, vndoc_error *err)
{
	unit_list *ul = userdata;
	int rc;

	vndoc_value_free(ul->current);
	ul->current = NULL;
	if ((rc = vndoc_data_stream_next(ul->s, &ul->current, err)) > 0)
		*unit = ul->current;
	return rc;
}

static int unit_list_rewind(void *userdata, vndoc_error *err)
{
	unit_list *ul = userdata;
	return ul->s ? vndoc_data_stream_rewind(ul->s, err) : open_units(&ul->s, ul->r, err);
}

/* The plan or the summary: merged into its file with the units streamed,
 * then rendered from that file. */
static int do_document(run *r, item *it, vndoc_layout_fonts *fonts, vndoc_error *err)
{
	unit_list ul = { r, NULL, NULL };
	vndoc_tmpl_stream st = { "don_vi", r->n_units, unit_list_next, unit_list_rewind, &ul };
	vndoc_error_list errs = VNDOC_ERROR_LIST_INIT;
	vndoc_package *pkg = NULL;
	char path[4200];
	int rc;

	out_path(path, sizeof path, r, it, "docx");
	rc = vndoc_tmpl_merge_stream(r->tmpl[it->kind], r->scopes, r->n_scopes, &st, 1, path, &errs, err);
	if (rc < 0 && errs.count)
		*err = errs.items[0];
	vndoc_error_list_dispose(&errs);
	vndoc_value_free(ul.current);
	vndoc_data_stream_free(ul.s);
	if (rc < 0)
		vndoc_error_set_file(err, path);
	if (rc == 0)
		rc = record(r, it, "docx", err);
	if (rc == 0 && r->opts->pdf && (rc = vndoc_package_open(&pkg, path, err)) == 0)
		rc = render_pdf(r, it, pkg, fonts, err);
	vndoc_package_free(pkg);
	/* The summary also as a sheet the office can sort and filter. */
	if (rc == 0 && it->kind == T_SUMMARY) {
		vndoc_data_stream *s = NULL;
		out_path(path, sizeof path, r, it, "xlsx");
		if ((rc = open_units(&s, r, err)) == 0 && (rc = vndoc_batch__sheet(path, s, err)) == 0)
			rc = record(r, it, "xlsx", err);
		vndoc_data_stream_free(s);
	}
	return rc;
}

/* A unit's form: small, merged and rendered in memory. */
static int do_form(run *r, item *it, const vndoc_value *unit, vndoc_layout_fonts *fonts, vndoc_error *err)
{
	const vndoc_value *scopes[4];
	vndoc_error_list errs = VNDOC_ERROR_LIST_INIT;
	vndoc_package *pkg = NULL;
	char dir[4200], *docx = NULL;
	size_t docx_len, n = r->n_scopes;
	int rc;

	memcpy(scopes, r->scopes, n * sizeof *scopes);
	scopes[n++] = unit;
	/* A template in this unit's folder (--template OUT/slug) stays. */
	for (int k = 0; k < 2; k++) {
		out_path(dir, sizeof dir, r, it, k ? "pdf" : "docx");
		if ((rc = vndoc_batch__not_an_input(dir, r->inputs, 2 + N_TEMPLATES, err)) < 0)
			return rc;
	}
	snprintf(dir, sizeof dir, "%s/%s", r->opts->out_dir, it->slug);
	if ((rc = vndoc_fs_mkdirs(dir, err)) < 0 || (rc = vndoc_batch__real_folder(dir, err)) < 0)
		return rc;
	rc = vndoc_tmpl_merge_memory(&docx, &docx_len, r->tmpl[T_FORM], scopes, n, &errs, err);
	if (rc < 0 && errs.count)
		*err = errs.items[0];
	vndoc_error_list_dispose(&errs);
	if (rc == 0)
		rc = save(r, it, docx, docx_len, err);
	if (rc == 0 && r->opts->pdf && (rc = vndoc_package_open_memory(&pkg, docx, docx_len, dir, err)) == 0)
		rc = render_pdf(r, it, pkg, fonts, err);
	vndoc_package_free(pkg);
	free(docx);
	return rc;
}

/* Unit `index` from the shared stream, which the workers read in order
 * (items are taken in order, under the lock). */
static int take_unit(run *r, size_t index, vndoc_value **out, vndoc_error *err)
{
	int rc;

	*out = NULL;
	while (r->units_read <= index) {
		vndoc_value_free(*out);
		*out = NULL;
		rc = vndoc_data_stream_next(r->units, out, err);
		if (rc <= 0) {
			if (rc == 0)
				rc = vndoc_error_set(err, VNDOC_EDATA, "the data file changed during the run");
			return rc;
		}
		r->units_read++;
	}
	return 0;
}

/* Item `pos` of this shard: items are dealt round-robin over the shards
 * from the whole list (0: the plan, 1: the summary, 2…: the units). */
static item *item_new(const run *r, size_t pos)
{
	size_t g = (size_t)(r->opts->shard - 1) + pos * (size_t)r->opts->shards;
	item *it = vndoc_xcalloc(1, sizeof *it);

	it->kind = g == 0 ? T_PLAN : g == 1 ? T_SUMMARY : T_FORM;
	if (g >= 2) {
		it->unit = g - 2;
		it->skip = (r->skip[it->unit / 8] >> (it->unit % 8)) & 1;
	}
	return it;
}

static void item_free(item *it)
{
	if (!it)
		return;
	free(it->unit_name);
	free(it->slug);
	free(it);
}

/* Manifest ------------------------------------------------------------------ */

/* One entry of manifest.json, as json_dumps would indent it in the list. */
static void manifest_entry(run *r, json_t *o)
{
	char *text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	FILE *out = r->manifest_out;

	fputs(r->manifest_lines++ ? ",\n  " : "[\n  ", out);
	for (const char *p = text; *p; p++) {
		fputc(*p, out);
		if (*p == '\n')
			fputs("  ", out);
	}
	free(text);
	json_decref(o);
}

static void manifest_item(run *r, const item *it)
{
	for (int f = 0; f < it->n_files; f++) {
		json_t *o = json_object();
		char rel[4096], hex[65];
		rel_path(rel, sizeof rel, it, it->files[f].ext);
		for (int k = 0; k < 32; k++)
			snprintf(hex + 2 * k, 3, "%02x", it->files[f].sha256[k]);
		json_object_set_new(o, "file", json_string(rel));
		json_object_set_new(o, "unit", it->unit_name ? json_string(it->unit_name) : json_null());
		json_object_set_new(o, "bytes", json_integer((json_int_t)it->files[f].bytes));
		json_object_set_new(o, "sha256", json_string(hex));
		manifest_entry(r, o);
	}
	if (it->failed || it->skip) {
		char line[1024];
		json_t *o = json_object();
		json_object_set_new(o, "unit", it->unit_name ? json_string(it->unit_name) : json_null());
		json_object_set_new(o, "error", json_string(it->skip ? "skipped: see report.txt"
						: vndoc_error_format(&it->error, line, sizeof line)));
		manifest_entry(r, o);
	}
}

/* "manifest" or "manifest-K-of-N", without ".json". */
static void manifest_name(const run *r, char *name, size_t size)
{
	if (r->opts->shards > 1)
		snprintf(name, size, "manifest-%d-of-%d", r->opts->shard, r->opts->shards);
	else
		snprintf(name, size, "manifest");
}

static int manifest_open(run *r, vndoc_error *err)
{
	char name[64], path[4200];
	int rc, fd;

	manifest_name(r, name, sizeof name);
	snprintf(path, sizeof path, "%s/%s.json", r->opts->out_dir, name);
	if ((rc = vndoc_fs_atomic_open(&r->manifest, path, err)) < 0)
		return rc;
	if ((fd = dup(r->manifest.fd)) < 0 || !(r->manifest_out = fdopen(fd, "w"))) {
		rc = vndoc_error_set_sys(err, VNDOC_EIO, errno, "cannot write");
		if (fd >= 0)
			close(fd);
		vndoc_fs_atomic_abort(&r->manifest);
		vndoc_error_set_file(err, path);
		return rc;
	}
	return 0;
}

static int manifest_close(run *r, vndoc_error *err)
{
	int failed;

	fputs(r->manifest_lines ? "\n]\n" : "[]\n", r->manifest_out);
	failed = ferror(r->manifest_out) | fclose(r->manifest_out);
	r->manifest_out = NULL;
	if (failed) {
		vndoc_fs_atomic_abort(&r->manifest);
		vndoc_error_set_file(err, r->manifest.path);
		return vndoc_error_set_sys(err, VNDOC_EIO, errno, "cannot write");
	}
	return vndoc_fs_atomic_commit(&r->manifest, err);
}

/* Item `pos` is done (under the lock): it waits until those before it are
 * written, then every finished item in order goes to the manifest and
 * the result, and is let go. */
static void finish(run *r, size_t pos, item *it)
{
	vndoc_batch_result *res = r->res;

	r->done++;
	r->pages += it->pages;
	g_hash_table_insert(r->finished, GSIZE_TO_POINTER(pos), it);
	while ((it = g_hash_table_lookup(r->finished, GSIZE_TO_POINTER(r->written)))) {
		g_hash_table_remove(r->finished, GSIZE_TO_POINTER(r->written));
		manifest_item(r, it);
		res->files += it->n_files;
		if (it->failed || it->skip) {
			vndoc_error e = it->error;
			res->failed++;
			if (it->failed && e.code == VNDOC_EIO)
				res->io_failed = true;
			if (it->skip) {
				/* A unit without a name as text is named as report.txt names it. */
				char label[32];
				snprintf(label, sizeof label, "don_vi[%zu]", it->unit);
				vndoc_error_clear(&e);
				vndoc_error_set(&e, VNDOC_EDATA, "%s: skipped: the data breaks the plan's rules (report.txt)",
						it->unit_name && *it->unit_name ? it->unit_name : label);
			}
			vndoc_error_list_push(&res->errors, &e);
		}
		item_free(it);
		r->written++;
	}
}

static void *worker(void *arg)
{
	run *r = arg;
	vndoc_layout_fonts *fonts = NULL;
	vndoc_error font_err;

	/* Temporary files go into the run's own folder (outdir.c). */
	vndoc_fs_set_temporary_dir(r->outdir.work);
	/* One set of fonts per worker: a vndoc_layout_fonts serves one thread. */
	vndoc_error_clear(&font_err);
	if (r->opts->pdf && vndoc_layout_fonts_new(&fonts, NULL, &font_err) < 0)
		fonts = NULL; /* each layout then reports the font error itself */
	for (;;) {
		vndoc_value *unit = NULL;
		item *it;
		size_t pos;
		int rc = 0;

		pthread_mutex_lock(&r->lock);
		if ((pos = r->next) >= r->n_items) {
			pthread_mutex_unlock(&r->lock);
			break;
		}
		r->next++;
		it = item_new(r, pos);
		vndoc_error_clear(&it->error);
		if (it->kind == T_FORM && (rc = take_unit(r, it->unit, &unit, &it->error)) == 0) {
			const char *name = text_of(unit, "ten");
			it->unit_name = vndoc_xstrdup(name);
			it->slug = unit_slug(r, it->unit, name);
		}
		pthread_mutex_unlock(&r->lock);
		if (rc == 0 && r->opts->blank && unit)
			unit = vndoc_batch__blank_unit(unit);
		/* Blank forms go out with the plan; there is nothing to sum up. */
		if (rc == 0 && !it->skip && !(r->opts->blank && it->kind == T_SUMMARY))
			rc = it->kind == T_FORM ? do_form(r, it, unit, fonts, &it->error)
						: do_document(r, it, fonts, &it->error);
		it->failed = rc < 0;
		vndoc_value_free(unit);
		pthread_mutex_lock(&r->lock);
		finish(r, pos, it);
		if (r->opts->progress)
			r->opts->progress(r->done, r->n_items, r->pages, r->opts->userdata);
		pthread_mutex_unlock(&r->lock);
	}
	vndoc_layout_fonts_free(fonts);
	vndoc_fs_set_temporary_dir(NULL);
	return NULL;
}

/* Report ------------------------------------------------------------------- */

static int write_report(run *r, const vndoc_findings *fs, vndoc_error *err)
{
	vndoc_buf b = VNDOC_BUF_INIT((size_t)64 << 20);
	char path[4096];
	int rc;

	for (size_t i = 0; i < fs->count; i++) {
		const vndoc_finding *f = &fs->items[i];
		if (f->row)
			vndoc_buf_printf(&b, "row %ld: ", f->row);
		vndoc_buf_printf(&b, "%s: %s: %s\n", f->unit, f->field, f->message);
	}
	if (fs->dropped) /* past VNDOC_LIMIT_FINDINGS */
		vndoc_buf_printf(&b, "%zu more findings not shown\n", fs->dropped);
	if (r->opts->blank)
		vndoc_buf_printf(&b, "blank forms for %zu units: nothing registered yet, nothing checked\n", r->n_units);
	else if (!fs->count)
		vndoc_buf_printf(&b, "every rule of the plan holds (%zu units)\n", r->n_units);
	snprintf(path, sizeof path, "%s/report.txt", r->opts->out_dir);
	rc = vndoc_fs_write_file(path, b.ptr, b.len, err);
	vndoc_buf_dispose(&b);
	return rc;
}

/* The first reading --------------------------------------------------------- */

/* The first of the scopes, innermost first, that has `key`. */
static const vndoc_value *scope_get(const run *r, const char *key)
{
	for (size_t i = r->n_scopes; i-- > 0;) {
		const vndoc_value *v = vndoc_value_get(r->scopes[i], key, strlen(key));
		if (v)
			return v;
	}
	return NULL;
}

static vndoc_value *number(size_t n)
{
	char text[32];
	snprintf(text, sizeof text, "%zu", n);
	return vndoc_value_new_number((double)n, text);
}

/* A finding of the batch's own (the checker makes the others). */
static void own_finding(vndoc_findings *fs, const char *unit, const char *field, const char *message)
{
	vndoc_finding *f;

	if (fs->count >= VNDOC_LIMIT_FINDINGS) {
		fs->dropped++;
		return;
	}
	if (fs->count == fs->cap) {
		fs->cap = fs->cap ? 2 * fs->cap : 16;
		fs->items = vndoc_xreallocarray(fs->items, fs->cap, sizeof *fs->items);
	}
	f = &fs->items[fs->count++];
	memset(f, 0, sizeof *f);
	f->rule = "required";
	snprintf(f->unit, sizeof f->unit, "%s", unit);
	snprintf(f->field, sizeof f->field, "%s", field);
	snprintf(f->message, sizeof f->message, "%s", message);
}

/*
 * Reads every unit once, before anything is written: checks it (report.txt;
 * a unit with findings is skipped), counts the totals, and finds the units
 * whose folder name an earlier unit took.  Bad data stops the run here.
 * The stream is left in *fields: its root is a scope of every merge.
 */
static int first_reading(run *r, vndoc_data_stream **fields, vndoc_value *totals, vndoc_findings *fs,
			 vndoc_error *err)
{
	vndoc_data_stream *s = NULL;
	vndoc_checker *checker = NULL;
	vndoc_value *check_root = vndoc_value_new_map(), *unit = NULL;
	GHashTable *taken = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
	const vndoc_value *deadline;
	size_t n_tt = 0, n_cn = 0, all;
	int rc;

	if ((rc = vndoc_data_stream_open(&s, r->in->path, &r->in->data, err)) < 0)
		goto done;
	r->scopes[r->n_scopes++] = vndoc_data_stream_root(s);
	r->n_units = vndoc_data_stream_count(s);
	r->skip = vndoc_xcalloc(r->n_units / 8 + 1, 1);
	/* The checker reads the deadline wherever the data gives it. */
	if ((deadline = scope_get(r, "han_dang_ky"))) {
		size_t len;
		const char *t = vndoc_value_text(deadline, &len);
		vndoc_value_map_set(check_root, "han_dang_ky", 11, vndoc_value_new_string(t, len));
	}
	checker = vndoc_checker_new(check_root);
	if (!vndoc_data_stream_has_units(s))
		own_finding(fs, "", "don_vi", "the data has no list of units (don_vi)");
	for (size_t u = 0; u < r->n_units; u++) {
		int n;
		if ((rc = vndoc_data_stream_next(s, &unit, err)) <= 0) {
			if (rc == 0)
				rc = vndoc_error_set(err, VNDOC_EDATA, "fewer units than counted");
			goto done;
		}
		if (!r->opts->blank && vndoc_checker_unit(checker, unit, u, fs))
			r->skip[u / 8] |= (unsigned char)(1u << (u % 8));
		else if (r->opts->blank && vndoc_value_type_of(unit) != VNDOC_VALUE_MAP) {
			/* Nothing is checked for blank forms, but a unit that is a
			 * number or a list has no fields to fill (it crashed). */
			char name[32];
			snprintf(name, sizeof name, "don_vi[%zu]", u);
			own_finding(fs, name, name, "a unit is an object of fields ({\"ten\": …}), not a number, text or list");
			r->skip[u / 8] |= (unsigned char)(1u << (u % 8));
		}
		n_tt += vndoc_value_count(vndoc_value_get(unit, "tap_the", 7));
		n_cn += vndoc_value_count(vndoc_value_get(unit, "ca_nhan", 7));
		if ((n = vndoc_batch__unit_suffix(taken, text_of(unit, "ten"))) > 1)
			g_hash_table_insert(r->suffixes, GSIZE_TO_POINTER(u + 1), GINT_TO_POINTER(n));
		vndoc_value_free(unit);
		unit = NULL;
	}
	/* The totals the summary prints, where the data does not give them. */
	if (vndoc_data_stream_has_units(s)) {
		vndoc_value_map_set(totals, "tong_so_don_vi", 14, number(r->n_units));
		vndoc_value_map_set(totals, "tong_so_tap_the", 15, number(n_tt));
		vndoc_value_map_set(totals, "tong_so_ca_nhan", 15, number(n_cn));
	}
	/* This shard's items: every shards-th of the plan, the summary, the units. */
	all = r->opts->no_forms ? 2 : 2 + r->n_units;
	r->n_items = all / (size_t)r->opts->shards +
		     ((size_t)(r->opts->shard - 1) < all % (size_t)r->opts->shards ? 1 : 0);
done:
	vndoc_value_free(unit);
	vndoc_checker_free(checker);
	vndoc_value_free(check_root);
	g_hash_table_destroy(taken);
	*fields = s;
	return rc;
}

/* The run -------------------------------------------------------------- */

/* The files every run writes (the forms: do_form) are none of its inputs. */
static int outputs_not_inputs(const run *r, vndoc_error *err)
{
	static const char *const exts[] = { "docx", "pdf", "xlsx" };
	char path[4200], name[64];
	item it;
	int rc = 0;

	memset(&it, 0, sizeof it);
	for (int k = T_PLAN; k <= T_SUMMARY && rc == 0; k++)
		for (size_t e = 0; e < 3 && rc == 0; e++) {
			it.kind = (unsigned char)k;
			out_path(path, sizeof path, r, &it, exts[e]);
			rc = vndoc_batch__not_an_input(path, r->inputs, 2 + N_TEMPLATES, err);
		}
	manifest_name(r, name, sizeof name);
	snprintf(path, sizeof path, "%s/%s.json", r->opts->out_dir, name);
	if (rc == 0)
		rc = vndoc_batch__not_an_input(path, r->inputs, 2 + N_TEMPLATES, err);
	snprintf(path, sizeof path, "%s/report.txt", r->opts->out_dir);
	return rc < 0 ? rc : vndoc_batch__not_an_input(path, r->inputs, 2 + N_TEMPLATES, err);
}

int vndoc_batch_run(const vndoc_batch_input *in, const vndoc_batch_options *opts, vndoc_batch_result *res,
		    vndoc_error *err)
{
	run r;
	vndoc_findings fs = VNDOC_FINDINGS_INIT;
	vndoc_data_stream *fields = NULL;
	vndoc_value *totals = vndoc_value_new_map();
	pthread_t *threads;
	int jobs = opts->jobs > 0 ? opts->jobs : 1, rc;

	memset(res, 0, sizeof *res);
	res->notes.max = VNDOC_LIMIT_WARNINGS; /* an earlier manifest may list a million files */
	memset(&r, 0, sizeof r);
	r.outdir.lock_fd = -1;
	r.in = in;
	r.opts = opts;
	r.inputs[0] = strcmp(in->path, "-") ? in->path : NULL;
	r.inputs[1] = in->doc_path;
	r.res = res;
	r.suffixes = g_hash_table_new(g_direct_hash, g_direct_equal);
	r.finished = g_hash_table_new(g_direct_hash, g_direct_equal);
	r.scopes[r.n_scopes++] = totals;
	if (in->doc)
		r.scopes[r.n_scopes++] = in->doc;
	if (opts->shards < 1 || opts->shard < 1 || opts->shard > opts->shards) {
		rc = vndoc_error_set(err, VNDOC_EINVAL, "shard %d of %d does not exist", opts->shard, opts->shards);
		goto out;
	}
	/* Everything that can stop the run comes before the first file. */
	vndoc_batch__data_mark_take(&r.data, in->path);
	rc = first_reading(&r, &fields, totals, &fs, err);
	res->bad_data = rc < 0;
	if (rc < 0 || (rc = load_templates(&r, err)) < 0 || (rc = outputs_not_inputs(&r, err)) < 0 ||
	    (rc = vndoc_fs_mkdirs(opts->out_dir, err)) < 0 ||
	    (rc = open_units(&r.units, &r, err)) < 0)
		goto out;
	res->findings = fs.count + fs.dropped;
	{
		char name[64];
		manifest_name(&r, name, sizeof name);
		if ((rc = vndoc_batch__outdir_open(&r.outdir, opts->out_dir, name, err)) < 0)
			goto out;
	}
	vndoc_fs_set_temporary_dir(r.outdir.work);
	{
		char name[64], path[4200];
		manifest_name(&r, name, sizeof name);
		snprintf(path, sizeof path, "%s/%s.json", opts->out_dir, name);
		r.earlier = vndoc_batch__earlier_load(path);
	}
	if ((rc = manifest_open(&r, err)) < 0)
		goto out;

	pthread_mutex_init(&r.lock, NULL);
	threads = vndoc_xcalloc((size_t)jobs, sizeof *threads);
	for (int j = 0; j < jobs; j++)
		pthread_create(&threads[j], NULL, worker, &r);
	for (int j = 0; j < jobs; j++)
		pthread_join(threads[j], NULL);
	free(threads);
	pthread_mutex_destroy(&r.lock);

	res->items = r.n_items;
	res->pages = r.pages;
	if ((rc = vndoc_batch__data_unchanged(&r.data, in->path, err)) < 0)
		goto out; /* no manifest: the files may mix two versions of the data */
	/* Not for a shard: a unit can move to another shard's manifest. */
	if ((rc = manifest_close(&r, err)) == 0 && opts->shards == 1)
		res->removed = vndoc_batch__earlier_clean(r.earlier, opts->out_dir, r.manifest.path, &res->notes);
	if (rc == 0 && opts->shard == 1)
		rc = write_report(&r, &fs, err);
	if (rc == 0 && res->failed)
		rc = res->io_failed ? VNDOC_EIO : VNDOC_EDATA;
out:
	if (r.manifest_out) {
		fclose(r.manifest_out);
		vndoc_fs_atomic_abort(&r.manifest);
	}
	vndoc_fs_set_temporary_dir(NULL);
	vndoc_batch__outdir_close(&r.outdir);
	json_decref(r.earlier);
	for (int t = 0; t < N_TEMPLATES; t++)
		vndoc_tmpl_free(r.tmpl[t]);
	vndoc_data_stream_free(r.units);
	vndoc_data_stream_free(fields);
	g_hash_table_destroy(r.suffixes);
	g_hash_table_destroy(r.finished);
	free(r.skip);
	vndoc_value_free(totals);
	vndoc_findings_dispose(&fs);
	return rc;
}
