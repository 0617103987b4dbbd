/*
 * serve/download.c: the files a campaign offers, made on first request by
 * the batch (and collect, for the summary) on a worker, kept in the
 * campaign's out/ folder until their inputs change:
 *
 *     out/blank/        vndoc batch --blank (plan and blank forms, PDF too)
 *     out/blank.zip     the folder zipped
 *     out/plan/         the plan alone (the same bytes as blank's)
 *     out/filled/, out/filled.zip   vndoc batch of the uploaded data
 *     out/summary/G/    the forms received up to number G: each unit's
 *                       latest form read by collect into data.json, then
 *                       the plan and the summary made from it (batch)
 *     out/all-G.zip     the data, every form received, the summary and
 *                       manifest.json
 *
 * A campaign's downloads are made one at a time (a lock per campaign,
 * taken by the request thread), so twenty clients asking for blank.zip
 * at once make it once.  Progress goes to the campaign's event stream.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch/batch.h"
#include "collect/collect.h"
#include "core/alloc.h"
#include "core/fsutil.h"
#include "data/data.h"
#include "serve/download.h"
#include "serve/zip.h"

/* Each download and the job that makes it (named in its events). */
typedef struct kind {
	const char *what, *job;
} kind;

static const kind kinds[] = {
	{ "blank.zip", "blank" },     { "filled.zip", "filled" },     { "plan.docx", "plan" },
	{ "plan.pdf", "plan" },      { "summary.docx", "summary" },  { "summary.pdf", "summary" },
	{ "summary.xlsx", "summary" }, { "all.zip", "all" },
};

bool vndoc_serve__is_download(const char *what)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (!strcmp(kinds[i].what, what))
			return true;
	return false;
}

/* One download being made. */
typedef struct build {
	vndoc_server *s;
	const char *id;
	const char *job;
	long gen;                /* forms received, for the summary and all.zip */
	char out[4400];          /* DIR/ID/out */
	vndoc_serve_reply *reply;
} build;

static void on_progress(size_t done, size_t total, size_t pages, void *userdata)
{
	build *b = userdata;
	(void)pages;
	vndoc_serve__events_post(b->s->events, b->id, "progress",
				 json_pack("{s:s, s:I, s:I}", "job", b->job, "done", (json_int_t)done, "total",
					   (json_int_t)total));
}

static bool exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Every file under `dir` (hidden ones left out) into the zip, as PREFIX/REL. */
static void add_tree(vndoc_serve_zip *z, const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d))) {
		char path[4600], name[1200];
		struct stat st;
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		snprintf(name, sizeof name, "%s%s%s", prefix, *prefix ? "/" : "", de->d_name);
		if (lstat(path, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode))
			add_tree(z, path, name);
		else if (S_ISREG(st.st_mode))
			vndoc_serve__zip_add(z, name, path);
	}
	closedir(d);
}

/* The campaign's data file, its name in the folder. */
static void data_path(char *out, size_t size, const build *b)
{
	char rel[64];
	char info_path[4400];
	json_t *info;

	vndoc_serve__campaign_path(info_path, sizeof info_path, b->s, b->id, "campaign.json");
	info = vndoc_serve__read_json(info_path);
	snprintf(rel, sizeof rel, "%s", vndoc_serve__jstr(json_object_get(info, "data")));
	json_decref(info);
	vndoc_serve__campaign_path(out, size, b->s, b->id, rel);
}

/* The document's own fields: doc.json, under the data's own top level. */
static int load_doc(vndoc_value **out, const build *b, vndoc_error *err)
{
	char path[4400];
	vndoc_data_stream *st = NULL;
	vndoc_value *doc = NULL;
	int rc;

	*out = NULL;
	vndoc_serve__campaign_path(path, sizeof path, b->s, b->id, "doc.json");
	if (exists(path) && (rc = vndoc_data_load_file(&doc, path, err)) < 0)
		return rc;
	data_path(path, sizeof path, b);
	if ((rc = vndoc_data_stream_open(&st, path, NULL, err)) < 0) {
		vndoc_value_free(doc);
		return rc;
	}
	if (!doc)
		doc = vndoc_value_new_map();
	vndoc_value_overlay(doc, vndoc_value_copy(vndoc_data_stream_root(st)));
	vndoc_data_stream_free(st);
	*out = doc;
	return 0;
}

/* The batch into out/NAME (blank, filled) or `dir`, from the data file
 * `data` (NULL: the campaign's). */
static int run_batch(build *b, const char *data, const char *dir, bool blank, bool no_forms, vndoc_error *err)
{
	vndoc_batch_options bo = VNDOC_BATCH_OPTIONS_INIT;
	vndoc_batch_input in;
	vndoc_batch_result res;
	vndoc_value *doc = NULL;
	char path[4400];
	int rc;

	if (!data) {
		data_path(path, sizeof path, b);
		data = path;
		if ((rc = load_doc(&doc, b, err)) < 0)
			return rc;
	}
	in.path = data;
	in.doc = doc;
	in.doc_path = NULL;
	{
		vndoc_data_options dflt = VNDOC_DATA_OPTIONS_INIT;
		in.data = dflt;
	}
	bo.templates = b->s->templates;
	bo.out_dir = dir;
	bo.jobs = b->s->batch_jobs;
	bo.blank = blank;
	bo.no_forms = no_forms;
	bo.progress = on_progress;
	bo.userdata = b;
	rc = vndoc_batch_run(&in, &bo, &res, err);
	if (rc < 0 && res.errors.count && err->code == VNDOC_OK)
		*err = res.errors.items[0];
	/* A unit that breaks a rule is left out of the filled forms (as the
	 * batch does); the rest is made. */
	if (rc == VNDOC_EDATA && !res.bad_data && !res.io_failed)
		rc = 0;
	vndoc_error_list_dispose(&res.errors);
	vndoc_error_list_dispose(&res.notes);
	vndoc_value_free(doc);
	return rc;
}

/* out/blank or out/filled, and its zip. */
static int make_batch_zip(build *b, bool blank, vndoc_error *err)
{
	char dir[4500], zip[4500];
	vndoc_serve_zip z = { NULL, 0, 0 };
	int rc;

	snprintf(dir, sizeof dir, "%s/%s", b->out, blank ? "blank" : "filled");
	snprintf(zip, sizeof zip, "%s/%s.zip", b->out, blank ? "blank" : "filled");
	if (exists(zip))
		return 0;
	if ((rc = run_batch(b, NULL, dir, blank, false, err)) < 0)
		return rc;
	add_tree(&z, dir, "");
	rc = vndoc_serve__zip_write(&z, zip, err);
	vndoc_serve__zip_dispose(&z);
	return rc;
}

/* out/plan: the plan alone, without every unit's blank form. */
static int make_plan(build *b, vndoc_error *err)
{
	char dir[4500];

	snprintf(dir, sizeof dir, "%s/plan", b->out);
	return run_batch(b, NULL, dir, true, true, err);
}

/* Removes what older forms made: out/summary/N for N != keep, all-N.zip. */
static void remove_stale(const build *b)
{
	char dir[4500];
	DIR *d;
	struct dirent *de;

	snprintf(dir, sizeof dir, "%s/summary", b->out);
	if ((d = opendir(dir))) {
		while ((de = readdir(d))) {
			char path[4800];
			if (de->d_name[0] == '.' || atol(de->d_name) == b->gen)
				continue;
			snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
			vndoc_serve__remove_tree(path);
		}
		closedir(d);
	}
	if ((d = opendir(b->out))) {
		while ((de = readdir(d))) {
			char path[4800];
			if (strncmp(de->d_name, "all-", 4) || atol(de->d_name + 4) == b->gen)
				continue;
			snprintf(path, sizeof path, "%s/%s", b->out, de->d_name);
			unlink(path);
		}
		closedir(d);
	}
}

/* out/summary/G: the latest form of each unit collected, then summed up. */
static int make_summary(build *b, vndoc_error *err)
{
	char dir[4500], data[4600], done[4600];
	vndoc_collect_result cres;
	vndoc_value *doc = NULL;
	char **paths;
	size_t n;
	int rc;

	snprintf(dir, sizeof dir, "%s/summary/%ld", b->out, b->gen);
	snprintf(done, sizeof done, "%s/tong-hop.xlsx", dir);
	if (exists(done))
		return 0;
	remove_stale(b);
	if ((rc = vndoc_fs_mkdirs(dir, err)) < 0 || (rc = load_doc(&doc, b, err)) < 0)
		return rc;
	snprintf(data, sizeof data, "%s/data.json", dir);
	paths = vndoc_serve__forms_latest(b->s, b->id, &n);
	rc = vndoc_collect_run((const char *const *)paths, n, data, doc, &cres, err);
	vndoc_error_list_dispose(&cres.notes);
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	vndoc_value_free(doc);
	if (rc < 0 && rc != VNDOC_EDATA)
		return rc;
	return run_batch(b, data, dir, false, true, err);
}

/* out/all-G.zip: the data, every form received, the summary, a manifest. */
static int make_all(build *b, vndoc_error *err)
{
	char zip[4500], path[4600], dir[4500], manifest[4600];
	vndoc_serve_zip z = { NULL, 0, 0 };
	json_t *c, *m, *forms;
	int rc;

	snprintf(zip, sizeof zip, "%s/all-%ld.zip", b->out, b->gen);
	if (exists(zip))
		return 0;
	if ((rc = make_summary(b, err)) < 0)
		return rc;
	snprintf(dir, sizeof dir, "%s/summary/%ld", b->out, b->gen);
	c = vndoc_serve__campaign_json(b->s, b->id);
	data_path(path, sizeof path, b);
	{
		const char *slash = strrchr(path, '/');
		vndoc_serve__zip_add(&z, slash ? slash + 1 : path, path);
	}
	vndoc_serve__campaign_path(path, sizeof path, b->s, b->id, "doc.json");
	if (exists(path))
		vndoc_serve__zip_add(&z, "doc.json", path);
	forms = json_array();
	for (size_t i = 0; i < json_array_size(json_object_get(c, "forms")); i++) {
		json_t *f = json_array_get(json_object_get(c, "forms"), i);
		char rel[64], name[64];
		json_int_t fid = json_integer_value(json_object_get(f, "id"));
		snprintf(rel, sizeof rel, "forms/%lld.docx", (long long)fid);
		snprintf(name, sizeof name, "forms/%04lld.docx", (long long)fid);
		vndoc_serve__campaign_path(path, sizeof path, b->s, b->id, rel);
		vndoc_serve__zip_add(&z, name, path);
		json_array_append_new(forms, json_pack("{s:s, s:O?, s:O?, s:O?}", "path", name, "file",
						       json_object_get(f, "file"), "unit", json_object_get(f, "unit"),
						       "status", json_object_get(f, "status")));
	}
	for (size_t i = 0; i < 3; i++) {
		static const char *const ext[] = { "docx", "pdf", "xlsx" };
		char name[32];
		snprintf(path, sizeof path, "%s/tong-hop.%s", dir, ext[i]);
		snprintf(name, sizeof name, "tong-hop.%s", ext[i]);
		vndoc_serve__zip_add(&z, name, path);
	}
	snprintf(path, sizeof path, "%s/data.json", dir);
	vndoc_serve__zip_add(&z, "tong-hop.json", path);
	m = json_pack("{s:O?, s:O?, s:O?, s:O?, s:o}", "campaign", json_object_get(c, "id"), "name",
		      json_object_get(c, "name"), "data_file", json_object_get(c, "data_file"), "counts",
		      json_object_get(c, "counts"), "forms", forms);
	snprintf(manifest, sizeof manifest, "%s/manifest.json", dir);
	rc = vndoc_serve__write_json(manifest, m, err);
	json_decref(m);
	json_decref(c);
	vndoc_serve__zip_add(&z, "manifest.json", manifest);
	if (rc == 0)
		rc = vndoc_serve__zip_write(&z, zip, err);
	vndoc_serve__zip_dispose(&z);
	return rc;
}

static int build_job(vndoc_serve_worker *w, void *arg)
{
	build *b = arg;
	vndoc_error err;
	int rc;

	(void)w;
	vndoc_error_clear(&err);
	if (vndoc_fs_mkdirs(b->out, &err) < 0)
		rc = -1;
	else if (!strcmp(b->job, "blank"))
		rc = make_batch_zip(b, true, &err);
	else if (!strcmp(b->job, "plan"))
		rc = make_plan(b, &err);
	else if (!strcmp(b->job, "filled"))
		rc = make_batch_zip(b, false, &err);
	else if (!strcmp(b->job, "summary"))
		rc = make_summary(b, &err);
	else
		rc = make_all(b, &err);
	if (rc < 0) {
		char line[1024];
		vndoc_error_format(&err, line, sizeof line);
		vndoc_serve__events_post(b->s->events, b->id, "error", json_pack("{s:s, s:s}", "job", b->job, "error", line));
		vndoc_serve__reply_error(b->reply, 500, "%s: %s", b->job, line);
	} else {
		vndoc_serve__events_post(b->s->events, b->id, "done", json_pack("{s:s}", "job", b->job));
	}
	return rc;
}

pthread_mutex_t *vndoc_serve__campaign_lock(vndoc_server *s, const char *id, const char *what)
{
	unsigned h = 5381;
	for (const char *p = id; *p; p++)
		h = h * 33 + (unsigned char)*p;
	for (const char *p = what; *p; p++)
		h = h * 33 + (unsigned char)*p;
	return &s->build[h % (sizeof s->build / sizeof s->build[0])];
}

/* The file of download `what` once made. */
static void file_of(char *path, size_t size, const build *b, const char *what)
{
	if (!strcmp(what, "blank.zip") || !strcmp(what, "filled.zip"))
		snprintf(path, size, "%s/%s", b->out, what);
	else if (!strcmp(what, "plan.docx") || !strcmp(what, "plan.pdf"))
		snprintf(path, size, "%s/plan/ke-hoach.%s", b->out, strchr(what, '.') + 1);
	else if (!strncmp(what, "summary.", 8))
		snprintf(path, size, "%s/summary/%ld/tong-hop.%s", b->out, b->gen, what + 8);
	else
		snprintf(path, size, "%s/all-%ld.zip", b->out, b->gen);
}

int vndoc_serve__download(vndoc_server *s, const char *id, const char *what, int *fd, char *name, size_t name_size,
			  vndoc_serve_reply *out)
{
	build b;
	char path[4600];
	pthread_mutex_t *lock = vndoc_serve__campaign_lock(s, id, "downloads");
	int rc = 0;

	*fd = -1;
	memset(&b, 0, sizeof b);
	b.s = s;
	b.id = id;
	b.reply = out;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (!strcmp(kinds[i].what, what))
			b.job = kinds[i].job;
	vndoc_serve__campaign_path(b.out, sizeof b.out, s, id, "out");
	if (!strcmp(b.job, "filled")) {
		char units[4400];
		json_t *u;
		vndoc_serve__campaign_path(units, sizeof units, s, id, "units.json");
		u = vndoc_serve__read_json(units);
		if (!json_is_true(json_object_get(u, "registers"))) {
			json_decref(u);
			vndoc_serve__reply_error(out, 422, "the data registers nothing (a unit list): no filled forms");
			return -1;
		}
		json_decref(u);
	}
	pthread_mutex_lock(lock);
	b.gen = vndoc_serve__campaign_forms(s, id);
	file_of(path, sizeof path, &b, what);
	if (!exists(path)) {
		rc = vndoc_serve__jobs_run(s->jobs, build_job, &b);
		if (rc == VNDOC_SERVE_EBUSY)
			vndoc_serve__reply_error(out, 503, "busy: too much work waiting, try again in a moment");
		else if (rc == 0 && !exists(path))
			vndoc_serve__reply_error(out, 500, "%s was not made", what);
		if (rc == 0 && !exists(path))
			rc = -1;
	}
	if (rc == 0 && (*fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0) {
		vndoc_serve__reply_error(out, 500, "cannot read %s", what);
		rc = -1;
	}
	pthread_mutex_unlock(lock);
	/* The name offered: ASCII, the campaign's ID in it. */
	snprintf(name, name_size, "%s-%s", id, what);
	return rc < 0 ? -1 : 0;
}
