/*
 * collect/collect.c: a form into a unit (vndoc_collect_read), and a run
 * over many forms into one data file (vndoc_collect_run).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <glib.h>

#include "collect/collect_internal.h"
#include "core/alloc.h"
#include "core/limits.h"
#include "vn/vn.h"

int vndoc_collect__unit_of(vndoc_value **unit, vndoc_collect__form *form, vndoc_error *err)
{
	vndoc_value *lists = vndoc_value_new_map(), *u = NULL;
	int rc = 0;

	*unit = NULL;
	if (!vndoc_collect__find(form, lists)) {
		vndoc_error_set_file(err, form->path);
		rc = vndoc_error_set(err, VNDOC_EFORMAT, "no registration table: no table with the columns of the "
				     "form (Stt, Đơn vị / Họ và tên, Điển hình thuộc lĩnh vực…)");
	} else if (!(u = vndoc_collect__heading(form, err))) {
		rc = err ? err->code : VNDOC_EFORMAT;
	} else {
		vndoc_value_map_set(u, "tap_the", 7, vndoc_value_copy(vndoc_value_get(lists, "tap_the", 7)));
		vndoc_value_map_set(u, "ca_nhan", 7, vndoc_value_copy(vndoc_value_get(lists, "ca_nhan", 7)));
		vndoc_collect__signer(form, u);
		*unit = u;
	}
	vndoc_value_free(lists);
	return rc;
}

/* The form at `path` into *unit, its notes into `notes` (which keeps as
 * many as its max) and counted by kind in *repairs and *not_taken. */
static int read_form(vndoc_value **unit, const char *path, vndoc_error_list *notes, size_t *repairs,
		     size_t *not_taken, vndoc_error *err)
{
	vndoc_collect__form form;
	vndoc_error_list mine = VNDOC_ERROR_LIST_INIT; /* given out only for a form read */
	int rc;

	*unit = NULL;
	memset(&form, 0, sizeof form);
	form.path = path;
	/* A form of a million rows, each with a note, keeps no more notes
	 * than the list it goes to. */
	mine.max = notes && notes->max ? notes->max - (notes->count < notes->max ? notes->count : notes->max) : 0;
	form.notes = notes && (!notes->max || notes->count < notes->max) ? &mine : NULL;
	vndoc_error_clear(err);
	if ((rc = vndoc_collect__read(&form, path, err)) == 0 && (rc = vndoc_collect__unit_of(unit, &form, err)) == 0) {
		for (size_t i = 0; notes && i < mine.count; i++)
			vndoc_error_list_push(notes, &mine.items[i]);
		if (notes)
			notes->dropped += mine.dropped + (form.notes ? 0 : form.repairs + form.not_taken);
		*repairs = form.repairs;
		*not_taken = form.not_taken;
	}
	vndoc_error_list_dispose(&mine);
	vndoc_collect__form_dispose(&form);
	return rc;
}

int vndoc_collect_read(vndoc_value **unit, const char *path, vndoc_error_list *notes, vndoc_error *err)
{
	size_t repairs = 0, not_taken = 0;
	return read_form(unit, path, notes, &repairs, &not_taken, err);
}

static void note(vndoc_collect_result *res, const char *path, int code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void note(vndoc_collect_result *res, const char *path, int code, const char *fmt, ...)
{
	vndoc_error e;
	va_list ap;

	vndoc_error_clear(&e);
	vndoc_error_set_file(&e, path);
	va_start(ap, fmt);
	vndoc_error_vset(&e, (vndoc_code)code, fmt, ap);
	va_end(ap);
	if (code == VNDOC_OK)
		res->repairs++;
	else if (strncmp(e.message, "skipped: ", 9))
		res->not_taken++;
	vndoc_error_list_push(&res->notes, &e);
}

/* The unit's name folded, for finding a second form of it. */
static char *unit_key(const vndoc_value *unit)
{
	size_t len;
	const char *name = vndoc_value_text(vndoc_value_get(unit, "ten", 3), &len);
	vndoc_buf f = VNDOC_BUF_INIT(1 << 20);
	vndoc_vn_fold(&f, name, len); /* all of it: "… (bản 2)" is another unit */
	return vndoc_buf_detach(&f, NULL);
}

static bool has_ext(const char *path, const char *ext)
{
	size_t n = strlen(path), e = strlen(ext);
	return n > e && !strcasecmp(path + n - e, ext);
}

int vndoc_collect_run(const char *const *paths, size_t n, const char *out, const vndoc_value *doc,
		      vndoc_collect_result *res, vndoc_error *err)
{
	vndoc_collect_writer *w = NULL;
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
	int rc;

	memset(res, 0, sizeof *res);
	res->notes.max = VNDOC_LIMIT_WARNINGS;
	vndoc_error_clear(err);
	res->forms = n;
	if ((rc = vndoc_collect_writer_open(&w, out, doc, err)) < 0)
		goto done;
	for (size_t i = 0; i < n; i++) {
		vndoc_value *unit = NULL;
		vndoc_error e;
		char *key;
		size_t before = res->notes.count, dropped = res->notes.dropped, repairs = 0, not_taken = 0;
		if (read_form(&unit, paths[i], &res->notes, &repairs, &not_taken, &e) < 0) {
			char msg[sizeof e.message];
			memcpy(msg, e.message, sizeof msg);
			memcpy(e.message, "skipped: ", 10);
			g_strlcpy(e.message + 9, msg, sizeof e.message - 9);
			vndoc_error_list_push(&res->notes, &e);
			res->skipped++;
			continue;
		}
		key = unit_key(unit);
		if (g_hash_table_contains(seen, key)) {
			/* Its notes are about text that is not written. */
			res->notes.count = before;
			res->notes.dropped = dropped;
			note(res, paths[i], VNDOC_EDATA, "skipped: a second form of \"%s\", already read from %s: "
			     "keep the right one and collect again", vndoc_value_text(vndoc_value_get(unit, "ten", 3), NULL),
			     paths[(size_t)GPOINTER_TO_SIZE(g_hash_table_lookup(seen, key))]);
			res->skipped++;
			free(key);
			vndoc_value_free(unit);
			continue;
		}
		g_hash_table_insert(seen, key, GSIZE_TO_POINTER(i));
		res->repairs += repairs;
		res->not_taken += not_taken;
		rc = vndoc_collect_writer_unit(w, unit, err);
		if (rc < 0) {
			vndoc_value_free(unit);
			goto done;
		}
		res->units++;
		res->tap_the += vndoc_value_count(vndoc_value_get(unit, "tap_the", 7));
		res->ca_nhan += vndoc_value_count(vndoc_value_get(unit, "ca_nhan", 7));
		if (rc == 0)
			note(res, paths[i], VNDOC_EDATA, "\"%s\" registers nothing: both tables are empty or still dotted%s",
			     vndoc_value_text(vndoc_value_get(unit, "ten", 3), NULL),
			     has_ext(out, ".json") ? "" : "; a sheet has no row for it");
		vndoc_value_free(unit);
	}
	rc = vndoc_collect_writer_close(w, err);
	w = NULL;
	if (rc == 0 && (res->skipped || res->not_taken))
		rc = VNDOC_EDATA;
done:
	if (w)
		vndoc_collect_writer_abort(w);
	g_hash_table_destroy(seen);
	return rc;
}
