/*
 * batch/batch.c: the batch run (batch.h).
 */
#include <dirent.h>
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
#include "core/alloc.h"
#include "core/buf.h"
#include "core/fsutil.h"
#include "docx/docx.h"
#include "layout/layout.h"
#include "package/package.h"
#include "render/render.h"
#include "tmpl/tmpl.h"
#include "vn/vn.h"

enum { T_PLAN, T_SUMMARY, T_FORM, N_TEMPLATES };
static const char *const template_names[N_TEMPLATES] = { "ke-hoach", "tong-hop", "bieu-dang-ky" };

typedef struct out_file {
	char *path;              /* relative to out_dir */
	size_t bytes;
	char sha256[65];
} out_file;

typedef struct item {
	int kind;                /* T_PLAN, T_SUMMARY or T_FORM */
	size_t unit;             /* for forms: index in don_vi */
	const char *unit_name;   /* borrowed from the data; NULL for plan and summary */
	char *slug;              /* forms: the unit's folder */
	bool skip;               /* the unit has check findings */
	out_file files[2];
	size_t n_files, pages;
	vndoc_error error;
	bool failed;
} item;

typedef struct run {
	const vndoc_value *data, *units;
	const vndoc_batch_options *opts;
	vndoc_tmpl *tmpl[N_TEMPLATES];
	item *items;
	size_t n_items, next, done, pages;
	pthread_mutex_t lock;
} run;

/* Templates ---------------------------------------------------------- */

static int load_templates(run *r, vndoc_error *err)
{
	vndoc_tmpl_options topts = VNDOC_TMPL_OPTIONS_INIT;
	for (int t = 0; t < N_TEMPLATES; t++) {
		char path[4096];
		vndoc_error_list errs = VNDOC_ERROR_LIST_INIT;
		int rc;
		struct stat st;

		snprintf(path, sizeof path, "%s/%s.docx", r->opts->templates, template_names[t]);
		if (stat(path, &st) < 0)
			snprintf(path, sizeof path, "%s/%s", r->opts->templates, template_names[t]);
		rc = vndoc_tmpl_load(&r->tmpl[t], path, &topts, &errs, err);
		if (rc < 0 && errs.count)
			*err = errs.items[0];
		vndoc_error_list_dispose(&errs);
		if (rc < 0) {
			vndoc_error_set_file(err, path);
			return rc;
		}
	}
	return 0;
}

/* Output names ---------------------------------------------------------- */

/* Names Windows reserves for devices, whatever the extension. */
static bool reserved_on_windows(const char *s)
{
	static const char *const names[] = { "con", "prn", "aux", "nul" };
	for (size_t i = 0; i < 4; i++)
		if (!strcmp(s, names[i]))
			return true;
	return (!strncmp(s, "com", 3) || !strncmp(s, "lpt", 3)) && s[3] >= '0' && s[3] <= '9' && !s[4];
}

/* One folder per unit, named by its slug; a slug taken by an earlier unit
 * gets "-2", "-3", … in data order, so names do not depend on threads. */
static void make_slugs(run *r)
{
	GHashTable *taken = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (size_t i = 0; i < r->n_items; i++) {
		item *it = &r->items[i];
		vndoc_buf b = VNDOC_BUF_INIT(1024);
		char *base;

		if (!it->unit_name)
			continue;
		vndoc_vn_slug(&b, it->unit_name, strlen(it->unit_name));
		if (b.len > 80) /* file systems limit names to 255 bytes */
			vndoc_buf_truncate(&b, 80);
		if (reserved_on_windows(b.ptr))
			vndoc_buf_puts(&b, "-don-vi");
		base = vndoc_buf_detach(&b, NULL);
		it->slug = g_strdup(base);
		for (int n = 2; g_hash_table_contains(taken, it->slug); n++) {
			g_free(it->slug);
			it->slug = g_strdup_printf("%s-%d", base, n);
		}
		g_hash_table_add(taken, g_strdup(it->slug));
		free(base);
	}
	g_hash_table_destroy(taken);
}

/* Removes the temporary files an interrupted run left (".NAME.tmp-XXXXXX",
 * vndoc_fs_atomic_open's names) in `dir` and its unit folders. */
static void remove_stale_temporaries(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d))) {
		char path[4096];
		struct stat st;
		size_t n = strlen(de->d_name);
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		if (lstat(path, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode) && depth > 0)
			remove_stale_temporaries(path, depth - 1);
		else if (S_ISREG(st.st_mode) && de->d_name[0] == '.' && n > 12 &&
			 !strncmp(de->d_name + n - 11, ".tmp-", 5))
			unlink(path);
	}
	closedir(d);
}

/* One item ------------------------------------------------------------- */

static void sha256_hex(char out[65], const char *data, size_t len)
{
	GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
	g_checksum_update(c, (const guchar *)data, (gssize)len);
	snprintf(out, 65, "%s", g_checksum_get_string(c));
	g_checksum_free(c);
}

static int save(run *r, item *it, const char *rel, const char *data, size_t len, vndoc_error *err)
{
	char path[4096];
	out_file *f = &it->files[it->n_files];
	int rc;

	snprintf(path, sizeof path, "%s/%s", r->opts->out_dir, rel);
	if ((rc = vndoc_fs_write_file(path, data, len, err)) < 0)
		return rc;
	f->path = vndoc_xstrdup(rel);
	f->bytes = len;
	sha256_hex(f->sha256, data, len);
	it->n_files++;
	return 0;
}

/* A PDF being written page by page into its temporary file, hashed as it
 * goes. */
typedef struct pdf_sink {
	vndoc_fs_atomic file;
	GChecksum *sha;
	size_t bytes;
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
		if (n < 0)
			return VNDOC_EIO;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* DOCX bytes -> out_dir/rel as PDF, laid out and written a page at a
 * time (the summary of thousands of units never sits in memory whole),
 * with the worker's fonts. */
static int render_pdf(run *r, item *it, const char *rel, const char *docx, size_t len,
		      vndoc_layout_fonts *fonts, vndoc_error *err)
{
	vndoc_package *pkg = NULL;
	vndoc_docx *doc = NULL;
	vndoc_layout_options lo = VNDOC_LAYOUT_OPTIONS_INIT;
	vndoc_render_pdf_options po = VNDOC_RENDER_PDF_OPTIONS_INIT;
	pdf_sink sink = { .sha = NULL, .bytes = 0 };
	char path[4096];
	int rc;

	lo.fonts = fonts;
	snprintf(path, sizeof path, "%s/%s", r->opts->out_dir, rel);
	if ((rc = vndoc_package_open_memory(&pkg, docx, len, rel, err)) == 0 &&
	    (rc = vndoc_docx_load(&doc, pkg, err)) == 0 && (rc = vndoc_fs_atomic_open(&sink.file, path, err)) == 0) {
		sink.sha = g_checksum_new(G_CHECKSUM_SHA256);
		rc = vndoc_render_pdf_stream(doc, &lo, &po, sink_write, &sink, &it->pages, err);
		if (rc == VNDOC_EIO && err && !err->sys_errno)
			vndoc_error_set_sys(err, VNDOC_EIO, errno, "cannot write");
		if (rc == 0 && (rc = vndoc_fs_atomic_commit(&sink.file, err)) == 0) {
			out_file *f = &it->files[it->n_files++];
			f->path = vndoc_xstrdup(rel);
			f->bytes = sink.bytes;
			snprintf(f->sha256, sizeof f->sha256, "%s", g_checksum_get_string(sink.sha));
		} else if (rc < 0) {
			vndoc_fs_atomic_abort(&sink.file);
			vndoc_error_set_file(err, path);
		}
		g_checksum_free(sink.sha);
	}
	vndoc_docx_free(doc);
	vndoc_package_free(pkg);
	return rc;
}

static int do_item(run *r, item *it, vndoc_layout_fonts *fonts, vndoc_error *err)
{
	const vndoc_value *scopes[2] = { r->data, NULL };
	const vndoc_tmpl *t;
	vndoc_error_list errs = VNDOC_ERROR_LIST_INIT;
	char rel[4096], *docx = NULL;
	size_t docx_len, n_scopes = 1;
	int rc;

	if (it->kind == T_FORM) {
		char dir[4096];
		scopes[1] = vndoc_value_at(r->units, it->unit);
		n_scopes = 2;
		t = r->tmpl[T_FORM];
		snprintf(rel, sizeof rel, "%s/bieu-dang-ky", it->slug);
		snprintf(dir, sizeof dir, "%s/%s", r->opts->out_dir, it->slug);
		if ((rc = vndoc_fs_mkdirs(dir, err)) < 0)
			return rc;
	} else {
		t = r->tmpl[it->kind];
		snprintf(rel, sizeof rel, "%s", template_names[it->kind]);
	}
	rc = vndoc_tmpl_merge_memory(&docx, &docx_len, t, scopes, n_scopes, &errs, err);
	if (rc < 0 && errs.count)
		*err = errs.items[0];
	vndoc_error_list_dispose(&errs);
	if (rc == 0) {
		size_t n = strlen(rel);
		snprintf(rel + n, sizeof rel - n, ".docx");
		rc = save(r, it, rel, docx, docx_len, err);
		if (rc == 0 && r->opts->pdf) {
			snprintf(rel + n, sizeof rel - n, ".pdf");
			rc = render_pdf(r, it, rel, docx, docx_len, fonts, err);
		}
	}
	free(docx);
	return rc;
}

static void *worker(void *arg)
{
	run *r = arg;
	vndoc_layout_fonts *fonts = NULL;
	vndoc_error font_err;

	/* One set of fonts per worker: a vndoc_layout_fonts serves one thread. */
	vndoc_error_clear(&font_err);
	if (r->opts->pdf && vndoc_layout_fonts_new(&fonts, NULL, &font_err) < 0)
		fonts = NULL; /* each layout then reports the font error itself */
	for (;;) {
		item *it;
		size_t i;

		pthread_mutex_lock(&r->lock);
		i = r->next++;
		pthread_mutex_unlock(&r->lock);
		if (i >= r->n_items)
			break;
		it = &r->items[i];
		if (!it->skip && do_item(r, it, fonts, &it->error) < 0)
			it->failed = true;
		pthread_mutex_lock(&r->lock);
		r->done++;
		r->pages += it->pages;
		if (r->opts->progress)
			r->opts->progress(r->done, r->n_items, r->pages, r->opts->userdata);
		pthread_mutex_unlock(&r->lock);
	}
	vndoc_layout_fonts_free(fonts);
	return NULL;
}

/* Manifest and report ------------------------------------------------------ */

static int write_manifest(run *r, vndoc_error *err)
{
	json_t *files = json_array();
	char name[64], path[4096];
	char *text;
	int rc;

	for (size_t i = 0; i < r->n_items; i++) {
		item *it = &r->items[i];
		for (size_t f = 0; f < it->n_files; f++) {
			json_t *o = json_object();
			json_object_set_new(o, "file", json_string(it->files[f].path));
			json_object_set_new(o, "unit", it->unit_name ? json_string(it->unit_name) : json_null());
			json_object_set_new(o, "bytes", json_integer((json_int_t)it->files[f].bytes));
			json_object_set_new(o, "sha256", json_string(it->files[f].sha256));
			json_array_append_new(files, o);
		}
		if (it->failed || it->skip) {
			char line[1024];
			json_t *o = json_object();
			json_object_set_new(o, "unit", it->unit_name ? json_string(it->unit_name) : json_null());
			json_object_set_new(o, "error", json_string(it->skip ? "skipped: see report.txt"
							: vndoc_error_format(&it->error, line, sizeof line)));
			json_array_append_new(files, o);
		}
	}
	if (r->opts->shards > 1)
		snprintf(name, sizeof name, "manifest-%d-of-%d.json", r->opts->shard, r->opts->shards);
	else
		snprintf(name, sizeof name, "manifest.json");
	snprintf(path, sizeof path, "%s/%s", r->opts->out_dir, name);
	text = json_dumps(files, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(files);
	{
		size_t len = strlen(text);
		text = realloc(text, len + 2);
		text[len] = '\n';
		text[len + 1] = '\0';
		rc = vndoc_fs_write_file(path, text, len + 1, err);
	}
	free(text);
	return rc;
}

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
	if (!fs->count)
		vndoc_buf_printf(&b, "every rule of the plan holds (%zu units)\n", vndoc_value_count(r->units));
	snprintf(path, sizeof path, "%s/report.txt", r->opts->out_dir);
	rc = vndoc_fs_write_file(path, b.ptr, b.len, err);
	vndoc_buf_dispose(&b);
	return rc;
}

/* The run -------------------------------------------------------------- */

static bool unit_has_findings(const vndoc_findings *fs, const char *name)
{
	for (size_t i = 0; i < fs->count; i++)
		if (!strcmp(fs->items[i].unit, name))
			return true;
	return false;
}

int vndoc_batch_run(const vndoc_value *data, const vndoc_batch_options *opts, vndoc_batch_result *res,
		    vndoc_error *err)
{
	run r;
	vndoc_findings fs = VNDOC_FINDINGS_INIT;
	size_t n_units, all;
	pthread_t *threads;
	int jobs = opts->jobs > 0 ? opts->jobs : 1, rc;

	memset(res, 0, sizeof *res);
	memset(&r, 0, sizeof r);
	r.data = data;
	r.opts = opts;
	r.units = vndoc_value_get(data, "don_vi", 6);
	n_units = vndoc_value_count(r.units);
	if (opts->shards < 1 || opts->shard < 1 || opts->shard > opts->shards)
		return vndoc_error_set(err, VNDOC_EINVAL, "shard %d of %d does not exist", opts->shard, opts->shards);
	if ((rc = vndoc_fs_mkdirs(opts->out_dir, err)) < 0)
		return rc;
	if ((rc = load_templates(&r, err)) < 0)
		goto out;
	remove_stale_temporaries(opts->out_dir, 1);
	vndoc_data_check(data, &fs);
	res->findings = fs.count;

	/* This shard's items: every shards-th item of the whole list. */
	all = 2 + n_units;
	r.items = vndoc_xcalloc(all, sizeof *r.items);
	for (size_t i = 0; i < all; i++) {
		item *it;
		if (i % (size_t)opts->shards != (size_t)(opts->shard - 1))
			continue;
		it = &r.items[r.n_items++];
		it->kind = i == 0 ? T_PLAN : i == 1 ? T_SUMMARY : T_FORM;
		if (i >= 2) {
			it->unit = i - 2;
			it->unit_name = vndoc_value_text(vndoc_value_get(vndoc_value_at(r.units, i - 2), "ten", 3), NULL);
			if (!it->unit_name)
				it->unit_name = "";
			it->skip = unit_has_findings(&fs, it->unit_name);
		}
	}
	make_slugs(&r);
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
	for (size_t i = 0; i < r.n_items; i++) {
		item *it = &r.items[i];
		res->files += it->n_files;
		if (it->failed || it->skip) {
			vndoc_error e = it->error;
			res->failed++;
			if (it->skip) {
				vndoc_error_clear(&e);
				vndoc_error_set(&e, VNDOC_EDATA, "%s: skipped: the data breaks the plan's rules (report.txt)",
						it->unit_name);
			}
			vndoc_error_list_push(&res->errors, &e);
		}
	}
	if ((rc = write_manifest(&r, err)) == 0 && opts->shard == 1)
		rc = write_report(&r, &fs, err);
	if (rc == 0 && res->failed)
		rc = VNDOC_EDATA;
out:
	for (size_t i = 0; i < r.n_items; i++) {
		for (size_t f = 0; f < r.items[i].n_files; f++)
			free(r.items[i].files[f].path);
		g_free(r.items[i].slug);
	}
	free(r.items);
	for (int t = 0; t < N_TEMPLATES; t++)
		vndoc_tmpl_free(r.tmpl[t]);
	vndoc_findings_dispose(&fs);
	return rc;
}
