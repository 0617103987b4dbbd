/*
 * serve/campaign.c: campaigns on the disk (campaign.h): made from an
 * upload, read back as the API shows them, listed, removed.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch/batch.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/fsutil.h"
#include "data/data.h"
#include "serve/campaign.h"
#include "serve/download.h"
#include "serve/upload.h"
#include "vn/vn.h"

void vndoc_serve__reply_error(vndoc_serve_reply *r, int status, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	json_decref(r->body);
	r->status = status;
	r->body = json_pack("{s:s}", "error", msg);
}

void vndoc_serve__campaign_path(char *out, size_t size, const vndoc_server *s, const char *id, const char *rel)
{
	snprintf(out, size, "%s/%s%s%s", s->dir, id, rel && *rel ? "/" : "", rel ? rel : "");
}

bool vndoc_serve__campaign_exists(const vndoc_server *s, const char *id)
{
	char path[4400];
	struct stat st;

	if (!vndoc_serve__valid_id(id))
		return false;
	vndoc_serve__campaign_path(path, sizeof path, s, id, "campaign.json");
	return lstat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Campaigns in the folder, by ID (oldest first): malloc'd, *n of them. */
static char **list_ids(const vndoc_server *s, size_t *n)
{
	DIR *d = opendir(s->dir);
	struct dirent *de;
	char **ids = NULL;
	size_t cap = 0;

	*n = 0;
	if (!d)
		return NULL;
	while ((de = readdir(d)))
		if (vndoc_serve__campaign_exists(s, de->d_name)) {
			if (*n == cap) {
				cap = cap ? cap * 2 : 16;
				ids = vndoc_xreallocarray(ids, cap, sizeof *ids);
			}
			ids[(*n)++] = vndoc_xstrdup(de->d_name);
		}
	closedir(d);
	if (*n)
		qsort(ids, *n, sizeof *ids, by_string);
	return ids;
}

static void free_ids(char **ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
}

/* Making a campaign ------------------------------------------------------ */

/* A folded name, to match a form's unit with the list's. */
static char *fold(const char *name)
{
	vndoc_buf b = VNDOC_BUF_INIT(4096);
	vndoc_vn_fold(&b, name, strlen(name));
	return vndoc_buf_detach(&b, NULL);
}

static const char *text_of(const vndoc_value *map, const char *key)
{
	const char *t = vndoc_value_text(vndoc_value_get(map, key, strlen(key)), NULL);
	return t ? t : "";
}

/* What the data says, read once (units.json): the units and their
 * folders, check's findings when the data registers anything, the
 * deadline.  422 with the reader's message when it cannot be read. */
static int read_units(const char *data, const char *doc_path, const char *data_name, const char *doc_name,
		      json_t **out, vndoc_serve_reply *reply)
{
	vndoc_data_options opts = VNDOC_DATA_OPTIONS_INIT;
	vndoc_data_stream *st = NULL;
	vndoc_value *doc = NULL, *unit = NULL, *root = NULL;
	vndoc_findings fs = VNDOC_FINDINGS_INIT;
	vndoc_checker *checker = NULL;
	vndoc_batch_slugs *slugs = vndoc_batch_slugs_new();
	json_t *units = json_array(), *findings = json_array();
	const vndoc_value *deadline;
	bool registers = false;
	vndoc_error err;
	char line[2048];
	int rc;

	vndoc_error_clear(&err);
	if (doc_path && vndoc_data_load_file(&doc, doc_path, &err) < 0) {
		vndoc_serve__error_line(line, sizeof line, &err, doc_name);
		vndoc_serve__reply_error(reply, 422, "%s", line);
		rc = -1;
		goto done;
	}
	if ((rc = vndoc_data_stream_open(&st, data, &opts, &err)) < 0)
		goto bad;
	root = vndoc_value_copy(vndoc_data_stream_root(st));
	if (doc) {
		vndoc_value_overlay(doc, root);
		root = doc;
		doc = NULL;
	}
	if (!vndoc_data_stream_has_units(st)) {
		vndoc_serve__reply_error(reply, 422, "%s: no list of units: a sheet with the column "
				"\"Đơn vị đăng ký\", or JSON with \"don_vi\"", data_name);
		rc = -1;
		goto done;
	}
	checker = vndoc_checker_new(root);
	while ((rc = vndoc_data_stream_next(st, &unit, &err)) > 0) {
		const char *name = text_of(unit, "ten");
		char *slug = vndoc_batch_slugs_next(slugs, name), *key = fold(name);
		if (vndoc_value_count(vndoc_value_get(unit, "tap_the", 7)) ||
		    vndoc_value_count(vndoc_value_get(unit, "ca_nhan", 7)))
			registers = true;
		vndoc_checker_unit(checker, unit, json_array_size(units), &fs);
		json_array_append_new(units, json_pack("{s:s, s:s, s:s}", "name", name, "slug", slug, "key", key));
		free(slug);
		free(key);
		vndoc_value_free(unit);
		unit = NULL;
	}
	if (rc < 0)
		goto bad;
	/* A unit list alone registers nothing yet: no findings. */
	for (size_t i = 0; registers && i < fs.count; i++)
		json_array_append_new(findings, vndoc_serve__finding_json(&fs.items[i], NULL));
	deadline = vndoc_value_get(root, "han_dang_ky", 11);
	*out = json_pack("{s:b, s:s, s:O, s:O}", "registers", registers, "deadline",
			 deadline ? vndoc_value_text(deadline, NULL) : "", "units", units, "findings", findings);
	rc = 0;
	goto done;
bad:
	vndoc_serve__error_line(line, sizeof line, &err, data_name);
	vndoc_serve__reply_error(reply, 422, "%s", line);
	rc = -1;
done:
	json_decref(units);
	json_decref(findings);
	vndoc_checker_free(checker);
	vndoc_findings_dispose(&fs);
	vndoc_batch_slugs_free(slugs);
	vndoc_value_free(root);
	vndoc_value_free(doc);
	vndoc_data_stream_free(st);
	return rc;
}

/* Takes an uploaded file: renamed to `path` (its temporary name cleared). */
static int take(vndoc_serve_file *f, const char *path)
{
	if (rename(f->tmp, path) < 0)
		return -1;
	f->tmp[0] = '\0';
	return 0;
}

void vndoc_serve__campaign_create(vndoc_server *s, vndoc_serve_upload *u, vndoc_serve_reply *out)
{
	vndoc_serve_file *data = (vndoc_serve_file *)vndoc_serve__upload_file(u, "data");
	vndoc_serve_file *doc = (vndoc_serve_file *)vndoc_serve__upload_file(u, "doc");
	char ext[8], id[VNDOC_SERVE_ID_LEN + 1], hex[8], created[32], build[4400], path[4600], data_rel[16];
	json_t *units = NULL, *info = NULL;
	time_t now = time(NULL);
	struct tm tm;
	size_t n;
	char **ids;
	vndoc_error err;

	out->status = 0;
	out->body = NULL;
	if (!data) {
		vndoc_serve__reply_error(out, 400, "missing the part 'data' (a .json, .csv or .xlsx file)");
		return;
	}
	vndoc_serve__extension(ext, data->name);
	if (strcmp(ext, "json") && strcmp(ext, "csv") && strcmp(ext, "xlsx")) {
		vndoc_serve__reply_error(out, 422, "%s: not a data file: .json, .csv or .xlsx", data->name);
		return;
	}
	ids = list_ids(s, &n);
	free_ids(ids, n);
	if (n >= VNDOC_LIMIT_SERVE_CAMPAIGNS) {
		vndoc_serve__reply_error(out, 413, "already %zu campaigns: remove some first", n);
		return;
	}
	gmtime_r(&now, &tm);
	strftime(id, sizeof id, "%Y%m%d-%H%M%S-", &tm);
	if (vndoc_serve__random_hex(hex, 2) < 0) {
		vndoc_serve__reply_error(out, 500, "no random numbers");
		return;
	}
	strcat(id, hex);
	vndoc_serve__iso_time(created, (long long)now);
	snprintf(build, sizeof build, "%s/new-%s", s->tmp, id);
	snprintf(data_rel, sizeof data_rel, "data.%s", ext);
	vndoc_error_clear(&err);
	snprintf(path, sizeof path, "%s/forms", build);
	if (mkdir(build, 0700) < 0 || mkdir(path, 0700) < 0) {
		vndoc_serve__reply_error(out, 500, "cannot make the campaign's folder");
		goto fail;
	}
	snprintf(path, sizeof path, "%s/%s", build, data_rel);
	if (take(data, path) < 0) {
		vndoc_serve__reply_error(out, 500, "cannot keep the data file");
		goto fail;
	}
	if (doc) {
		char doc_path[4600];
		snprintf(doc_path, sizeof doc_path, "%s/doc.json", build);
		if (take(doc, doc_path) < 0) {
			vndoc_serve__reply_error(out, 500, "cannot keep the document's fields");
			goto fail;
		}
		if (read_units(path, doc_path, data->name, doc->name, &units, out) < 0)
			goto fail;
	} else if (read_units(path, NULL, data->name, NULL, &units, out) < 0) {
		goto fail;
	}
	info = json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?}", "id", id, "name", u->name_len ? u->name : data->name,
			 "created", created, "data_file", data->name, "doc_file", doc ? doc->name : NULL, "data",
			 data_rel);
	snprintf(path, sizeof path, "%s/units.json", build);
	if (!info || vndoc_serve__write_json(path, units, &err) < 0) {
		vndoc_serve__reply_error(out, 500, "cannot write the campaign");
		goto fail;
	}
	snprintf(path, sizeof path, "%s/campaign.json", build);
	if (vndoc_serve__write_json(path, info, &err) < 0) {
		vndoc_serve__reply_error(out, 500, "cannot write the campaign");
		goto fail;
	}
	vndoc_serve__sync_dir(build);
	vndoc_serve__campaign_path(path, sizeof path, s, id, NULL);
	if (rename(build, path) < 0) {
		vndoc_serve__reply_error(out, 500, "cannot make the campaign's folder");
		goto fail;
	}
	vndoc_serve__sync_dir(s->dir);
	out->status = 201;
	out->body = json_pack("{s:s, s:o}", "id", id, "campaign", vndoc_serve__campaign_json(s, id));
	json_decref(units);
	json_decref(info);
	return;
fail:
	json_decref(units);
	json_decref(info);
	vndoc_serve__remove_tree(build);
}

/* Reading a campaign ----------------------------------------------------- */

long vndoc_serve__campaign_forms(const vndoc_server *s, const char *id)
{
	char path[4400];
	DIR *d;
	struct dirent *de;
	long max = 0;

	vndoc_serve__campaign_path(path, sizeof path, s, id, "forms");
	if (!(d = opendir(path)))
		return 0;
	while ((de = readdir(d))) {
		char *end;
		long n = strtol(de->d_name, &end, 10);
		if (n > max && !strcmp(end, ".json"))
			max = n;
	}
	closedir(d);
	return max;
}

static json_t *problems_or_empty(json_t *form)
{
	json_t *p = json_object_get(form, "problems");
	return json_is_array(p) ? json_incref(p) : json_array();
}

json_t *vndoc_serve__campaign_json(const vndoc_server *s, const char *id)
{
	char path[4400];
	json_t *info, *units_doc, *units, *forms, *latest, *out, *unit_list;
	long n_forms;
	size_t n_units, received = 0, problem = 0;

	if (!vndoc_serve__campaign_exists(s, id))
		return NULL;
	vndoc_serve__campaign_path(path, sizeof path, s, id, "campaign.json");
	info = vndoc_serve__read_json(path);
	vndoc_serve__campaign_path(path, sizeof path, s, id, "units.json");
	units_doc = vndoc_serve__read_json(path);
	if (!info || !units_doc) {
		json_decref(info);
		json_decref(units_doc);
		return NULL;
	}
	units = json_object_get(units_doc, "units");
	n_units = json_array_size(units);
	latest = json_array();
	for (size_t i = 0; i < n_units; i++)
		json_array_append_new(latest, json_null());
	forms = json_array();
	n_forms = vndoc_serve__campaign_forms(s, id);
	for (long n = 1; n <= n_forms; n++) {
		char rel[64];
		json_t *f, *ui;
		snprintf(rel, sizeof rel, "forms/%ld.json", n);
		vndoc_serve__campaign_path(path, sizeof path, s, id, rel);
		if (!(f = vndoc_serve__read_json(path)))
			continue;
		json_array_append_new(forms, json_pack("{s:I, s:O?, s:O?, s:O?, s:O?}", "id", (json_int_t)n, "file",
						       json_object_get(f, "file"), "unit", json_object_get(f, "unit"),
						       "status", json_object_get(f, "status"), "error",
						       json_object_get(f, "error")));
		ui = json_object_get(f, "unit_index");
		if (json_is_integer(ui) && json_integer_value(ui) >= 0 && (size_t)json_integer_value(ui) < n_units &&
		    strcmp(vndoc_serve__jstr(json_object_get(f, "status")), "rejected")) {
			json_object_set_new(f, "id", json_integer(n));
			json_array_set(latest, (size_t)json_integer_value(ui), f);
		}
		json_decref(f);
	}
	unit_list = json_array();
	for (size_t i = 0; i < n_units; i++) {
		json_t *u = json_array_get(units, i), *f = json_array_get(latest, i), *form = json_null();
		const char *status = "missing";
		if (!json_is_null(f)) {
			char preview[128];
			json_int_t fid = json_integer_value(json_object_get(f, "id"));
			bool bad = !strcmp(vndoc_serve__jstr(json_object_get(f, "status")), "problem");
			status = bad ? "problem" : "received";
			if (bad)
				problem++;
			else
				received++;
			snprintf(preview, sizeof preview, "/api/campaigns/%s/forms/%lld/preview.png", id, (long long)fid);
			form = json_pack("{s:I, s:O?, s:O?, s:O?, s:O?, s:o, s:s}", "id", fid, "file",
					 json_object_get(f, "file"), "received", json_object_get(f, "received"),
					 "tap_the", json_object_get(f, "tap_the"), "ca_nhan", json_object_get(f, "ca_nhan"),
					 "problems", problems_or_empty(f), "preview", preview);
		}
		json_array_append_new(unit_list, json_pack("{s:I, s:O?, s:O?, s:s, s:o}", "index", (json_int_t)i, "name",
							   json_object_get(u, "name"), "slug", json_object_get(u, "slug"),
							   "status", status, "form", form));
	}
	out = json_pack("{s:O?, s:O?, s:O?, s:O?, s:{s:I, s:I, s:I, s:I}, s:O?, s:b, s:o, s:o}", "id",
			json_object_get(info, "id"), "name", json_object_get(info, "name"), "created",
			json_object_get(info, "created"), "data_file", json_object_get(info, "data_file"), "counts",
			"units", (json_int_t)n_units, "received", (json_int_t)received, "missing",
			(json_int_t)(n_units - received - problem), "problem", (json_int_t)problem, "findings",
			json_object_get(units_doc, "findings"), "registers",
			json_is_true(json_object_get(units_doc, "registers")), "units", unit_list, "forms", forms);
	json_decref(latest);
	json_decref(info);
	json_decref(units_doc);
	return out;
}

json_t *vndoc_serve__campaign_list(const vndoc_server *s)
{
	size_t n;
	char **ids = list_ids(s, &n);
	json_t *list = json_array();

	for (size_t i = n; i-- > 0;) {
		json_t *c = vndoc_serve__campaign_json(s, ids[i]);
		if (!c)
			continue;
		json_array_append_new(list, json_pack("{s:O?, s:O?, s:O?, s:O?, s:O?}", "id", json_object_get(c, "id"), "name",
						      json_object_get(c, "name"), "created", json_object_get(c, "created"),
						      "units", json_object_get(json_object_get(c, "counts"), "units"),
						      "received",
						      json_object_get(json_object_get(c, "counts"), "received")));
		json_decref(c);
	}
	free_ids(ids, n);
	return json_pack("{s:o}", "campaigns", list);
}

int vndoc_serve__campaign_delete(vndoc_server *s, const char *id)
{
	char path[4400], gone[4400], hex[8];
	int rc = -1;

	/* Not while a download or a preview of it is being made (their
	 * locks), nor while a form is numbered (the store's). */
	pthread_mutex_t *a = vndoc_serve__campaign_lock(s, id, "downloads"),
			*b = vndoc_serve__campaign_lock(s, id, "previews");
	if (b < a) { /* in one order, whoever deletes */
		pthread_mutex_t *t = a;
		a = b;
		b = t;
	}
	pthread_mutex_lock(a);
	pthread_mutex_lock(b);
	pthread_mutex_lock(&s->store);
	if (vndoc_serve__campaign_exists(s, id) && vndoc_serve__random_hex(hex, 3) == 0) {
		/* Out of the list at once (a rename), then removed. */
		vndoc_serve__campaign_path(path, sizeof path, s, id, NULL);
		snprintf(gone, sizeof gone, "%s/gone-%s-%s", s->tmp, id, hex);
		if (rename(path, gone) == 0) {
			vndoc_serve__sync_dir(s->dir);
			rc = 0;
		}
	}
	pthread_mutex_unlock(&s->store);
	pthread_mutex_unlock(b);
	pthread_mutex_unlock(a);
	if (rc == 0)
		vndoc_serve__remove_tree(gone);
	return rc;
}

static bool is_zip_temporary(const char *name)
{
	return strstr(name, ".zip.") != NULL;
}

static bool is_preview_work(const char *name)
{
	return !strncmp(name, ".work-", 6);
}

/* Removes what `dir` holds whose name `match`es. */
static void remove_where(const char *dir, bool (*match)(const char *name))
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d))) {
		char path[4700];
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") && match(de->d_name)) {
			snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
			vndoc_serve__remove_tree(path);
		}
	}
	closedir(d);
}

/* A form renamed into forms/ whose N.json was not written yet when the
 * server died was never acknowledged: it goes, as do temporary files (an
 * N.json, a zip) and a preview's pages half drawn. */
static void sweep_one(const vndoc_server *s, const char *id)
{
	char dir[4400];
	DIR *d;
	struct dirent *de;

	vndoc_serve__campaign_path(dir, sizeof dir, s, id, "forms");
	if ((d = opendir(dir))) {
		while ((de = readdir(d))) {
			char path[4700], *end;
			long n = strtol(de->d_name, &end, 10);
			if (de->d_name[0] == '.' && strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
				/* an N.json being written (core/fsutil.c's temporary) */
				snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
				unlink(path);
				continue;
			}
			if (n <= 0 || strcmp(end, ".docx"))
				continue;
			snprintf(path, sizeof path, "%s/%ld.json", dir, n);
			if (access(path, F_OK) == 0)
				continue;
			snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
			unlink(path);
		}
		closedir(d);
	}
	/* A zip being written (zip.c's temporary: NAME.zip.XXXXXX); a
	 * preview's pages (preview.c's .work-N-xxxx). */
	vndoc_serve__campaign_path(dir, sizeof dir, s, id, "out");
	remove_where(dir, is_zip_temporary);
	vndoc_serve__campaign_path(dir, sizeof dir, s, id, "out/preview");
	remove_where(dir, is_preview_work);
}

void vndoc_serve__campaign_sweep(const vndoc_server *s)
{
	size_t n;
	char **ids = list_ids(s, &n);

	for (size_t i = 0; i < n; i++)
		sweep_one(s, ids[i]);
	free_ids(ids, n);
}
