/*
 * serve/forms.c: returned forms received (POST /api/campaigns/ID/forms).
 * Each `form` part is read by collect, matched with a unit of the list
 * by its folded name and checked against the plan's rules; then, under
 * the store's lock, it gets the next number N and is renamed to
 * forms/N.docx, what was read written to forms/N.json, the folder synced:
 * only then is the request answered, so an acknowledged form survives a
 * crash.  A file that is not a form is kept too, as rejected.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <time.h>

#include "collect/collect.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/limits.h"
#include "data/data.h"
#include "serve/campaign.h"
#include "serve/upload.h"
#include "vn/vn.h"

/* A collect note as a problem: "<table>, row N, column C: message". */
static json_t *note_json(const vndoc_error *e, const char *file)
{
	char table[128] = "", m[sizeof e->message];
	long row = e->row, column = e->column;
	const char *p;

	snprintf(m, sizeof m, "%s", e->message);
	vndoc_serve__utf8_fix(m);
	if ((p = strstr(m, ", row ")) && p - m < (long)sizeof table) {
		snprintf(table, sizeof table, "%.*s", (int)(p - m), m);
		row = strtol(p + 6, NULL, 10);
		if ((p = strstr(p, ", column ")))
			column = strtol(p + 9, NULL, 10);
	}
	return json_pack("{s:s, s:s, s:I, s:I, s:s}", "file", file, "table", table, "row", (json_int_t)row, "column",
			 (json_int_t)column, "message", m);
}

/* What collect reads from one form, as forms/N.json holds it. */
static json_t *read_form(const vndoc_serve_file *f, const json_t *units_doc, const char *received)
{
	vndoc_error_list notes = VNDOC_ERROR_LIST_INIT;
	vndoc_value *unit = NULL, *root = NULL;
	vndoc_findings fs = VNDOC_FINDINGS_INIT;
	json_t *units = json_object_get(units_doc, "units"), *problems = json_array(), *out;
	const char *deadline = vndoc_serve__jstr(json_object_get(units_doc, "deadline")), *name, *status = "received";
	char line[2048];
	vndoc_error err;
	long index = -1;
	size_t n_tt, n_cn;

	notes.max = VNDOC_LIMIT_WARNINGS;
	vndoc_error_clear(&err);
	if (vndoc_collect_read(&unit, f->tmp, &notes, &err) < 0) {
		vndoc_serve__error_line(line, sizeof line, &err, f->name);
		vndoc_error_list_dispose(&notes);
		json_decref(problems);
		return json_pack("{s:s, s:s, s:s, s:n, s:I, s:i, s:i, s:[], s:s}", "file", f->name, "received", received,
				 "status", "rejected", "unit", "unit_index", (json_int_t)-1, "tap_the", 0, "ca_nhan", 0,
				 "problems", "error", line);
	}
	for (size_t i = 0; i < notes.count; i++)
		if (notes.items[i].code < 0)
			json_array_append_new(problems, note_json(&notes.items[i], f->name));
	name = vndoc_value_text(vndoc_value_get(unit, "ten", 3), NULL);
	if (name && *name) {
		vndoc_buf b = VNDOC_BUF_INIT(4096);
		vndoc_vn_fold(&b, name, strlen(name));
		for (size_t i = 0; i < json_array_size(units); i++)
			if (!strcmp(vndoc_serve__jstr(json_object_get(json_array_get(units, i), "key")), b.ptr)) {
				index = (long)i;
				name = vndoc_serve__jstr(json_object_get(json_array_get(units, i), "name"));
				break;
			}
		vndoc_buf_dispose(&b);
	}
	if (index < 0)
		json_array_append_new(problems,
				      json_pack("{s:s, s:s, s:i, s:i, s:s}", "file", f->name, "table", "", "row", 0, "column",
						0, "message", name && *name ? "the unit of this form is not in the campaign's list"
									    : "the form does not name its unit"));
	/* The plan's rules on what the form registers. */
	root = vndoc_value_new_map();
	if (*deadline)
		vndoc_value_map_set(root, "han_dang_ky", 11, vndoc_value_new_string(deadline, strlen(deadline)));
	{
		vndoc_checker *c = vndoc_checker_new(root);
		vndoc_checker_unit(c, unit, index < 0 ? 0 : (size_t)index, &fs);
		vndoc_checker_free(c);
	}
	for (size_t i = 0; i < fs.count; i++)
		json_array_append_new(problems, vndoc_serve__finding_json(&fs.items[i], f->name));
	if (json_array_size(problems))
		status = "problem";
	n_tt = vndoc_value_count(vndoc_value_get(unit, "tap_the", 7));
	n_cn = vndoc_value_count(vndoc_value_get(unit, "ca_nhan", 7));
	out = json_pack("{s:s, s:s, s:s, s:s?, s:I, s:I, s:I, s:o, s:n}", "file", f->name, "received", received,
			"status", status, "unit", index >= 0 ? name : NULL, "unit_index", (json_int_t)index, "tap_the",
			(json_int_t)n_tt, "ca_nhan", (json_int_t)n_cn, "problems", problems, "error");
	vndoc_findings_dispose(&fs);
	vndoc_value_free(root);
	vndoc_value_free(unit);
	vndoc_error_list_dispose(&notes);
	return out;
}

/* The next free number: past every N.docx and N.json there is. */
static long next_number(const char *forms)
{
	DIR *d = opendir(forms);
	struct dirent *de;
	long max = 0;

	if (!d)
		return -1;
	while ((de = readdir(d))) {
		char *end;
		long n = strtol(de->d_name, &end, 10);
		if (n > max && (!strcmp(end, ".json") || !strcmp(end, ".docx")))
			max = n;
	}
	closedir(d);
	return max + 1;
}

void vndoc_serve__forms_add(vndoc_server *s, const char *id, vndoc_serve_upload *u, vndoc_serve_reply *out)
{
	char forms[4400], path[4600], received[32];
	json_t *units_doc, *results = json_array();
	size_t n_files = 0;
	long total;

	out->status = 0;
	out->body = NULL;
	for (size_t i = 0; i < u->n; i++)
		n_files += !strcmp(u->files[i].key, "form");
	if (!n_files) {
		json_decref(results);
		vndoc_serve__reply_error(out, 400, "missing the part 'form' (one or more .docx files)");
		return;
	}
	if (vndoc_serve__campaign_forms(s, id) + (long)n_files > VNDOC_LIMIT_SERVE_FORMS) {
		json_decref(results);
		vndoc_serve__reply_error(out, 413, "a campaign keeps at most %d forms", VNDOC_LIMIT_SERVE_FORMS);
		return;
	}
	vndoc_serve__campaign_path(path, sizeof path, s, id, "units.json");
	units_doc = vndoc_serve__read_json(path);
	vndoc_serve__campaign_path(forms, sizeof forms, s, id, "forms");
	vndoc_serve__iso_time(received, (long long)time(NULL));
	for (size_t i = 0; i < u->n; i++) {
		vndoc_serve_file *f = &u->files[i];
		json_t *form, *res;
		vndoc_error err;
		long n;
		if (strcmp(f->key, "form"))
			continue;
		if (!(form = read_form(f, units_doc, received))) {
			json_decref(results);
			json_decref(units_doc);
			vndoc_serve__reply_error(out, 500, "cannot record the form %s", f->name);
			return;
		}
		vndoc_error_clear(&err);
		pthread_mutex_lock(&s->store);
		if (!vndoc_serve__campaign_exists(s, id) || (n = next_number(forms)) < 0) {
			pthread_mutex_unlock(&s->store);
			json_decref(form);
			break;
		}
		snprintf(path, sizeof path, "%s/%ld.docx", forms, n);
		if (rename(f->tmp, path) == 0) {
			f->tmp[0] = '\0';
			snprintf(path, sizeof path, "%s/%ld.json", forms, n);
			if (vndoc_serve__write_json(path, form, &err) < 0)
				n = -1;
		} else {
			n = -1;
		}
		pthread_mutex_unlock(&s->store);
		if (n < 0) {
			json_decref(form);
			json_decref(results);
			json_decref(units_doc);
			vndoc_serve__reply_error(out, 500, "cannot keep the form %s", f->name);
			return;
		}
		res = json_pack("{s:O?, s:I, s:O?, s:O?, s:O?, s:O?}", "file", json_object_get(form, "file"), "id",
				(json_int_t)n, "status", json_object_get(form, "status"), "unit",
				json_object_get(form, "unit"), "problems", json_object_get(form, "problems"), "error",
				json_object_get(form, "error"));
		json_array_append_new(results, res);
		json_decref(form);
	}
	json_decref(units_doc);
	vndoc_serve__sync_dir(forms);
	if (!vndoc_serve__campaign_exists(s, id)) {
		json_decref(results);
		vndoc_serve__reply_error(out, 404, "no campaign %s", id);
		return;
	}
	total = 0;
	{
		json_t *c = vndoc_serve__campaign_json(s, id);
		json_t *counts = json_object_get(c, "counts");
		total = (long)(json_integer_value(json_object_get(counts, "received")) +
			       json_integer_value(json_object_get(counts, "problem")));
		json_decref(c);
	}
	vndoc_serve__events_post(s->events, id, "forms", json_pack("{s:I}", "received", (json_int_t)total));
	out->status = 200;
	out->body = json_pack("{s:o}", "results", results);
}

char **vndoc_serve__forms_latest(const vndoc_server *s, const char *id, size_t *n)
{
	char path[4400];
	json_t *c = vndoc_serve__campaign_json(s, id), *units = json_object_get(c, "units");
	char **paths = vndoc_xcalloc(json_array_size(units) + 1, sizeof *paths);

	*n = 0;
	for (size_t i = 0; i < json_array_size(units); i++) {
		json_t *form = json_object_get(json_array_get(units, i), "form");
		char rel[64];
		if (!json_is_object(form))
			continue;
		snprintf(rel, sizeof rel, "forms/%lld.docx", (long long)json_integer_value(json_object_get(form, "id")));
		vndoc_serve__campaign_path(path, sizeof path, s, id, rel);
		paths[(*n)++] = vndoc_xstrdup(path);
	}
	json_decref(c);
	return paths;
}
