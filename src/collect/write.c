/*
 * collect/write.c: the collected data written a unit at a time: JSON here
 * (the document's fields, then `don_vi`, indented as json.dumps(indent=2)
 * writes the samples), the flat sheets in sheet.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "collect/collect_internal.h"
#include "collect/sheet.h"
#include "core/alloc.h"
#include "core/fsutil.h"

enum { W_JSON, W_CSV, W_XLSX };

struct vndoc_collect_writer {
	int kind;
	vndoc_fs_atomic file;
	FILE *out;                  /* JSON, CSV: on file.fd */
	vndoc_collect__sheet *sheet;/* CSV, XLSX */
	size_t units;
};

static void json_string(FILE *out, const char *s, size_t len)
{
	fputc('"', out);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		default:
			if (c < 0x20)
				fprintf(out, "\\u%04x", c);
			else
				fputc(c, out);
		}
	}
	fputc('"', out);
}

static void json_value(FILE *out, const vndoc_value *v, int indent)
{
	size_t len, n = vndoc_value_count(v);
	const char *s;
	vndoc_value_type t = vndoc_value_type_of(v);

	switch (t) {
	case VNDOC_VALUE_NULL: fputs("null", out); return;
	case VNDOC_VALUE_BOOL: fputs(vndoc_value_bool(v) ? "true" : "false", out); return;
	case VNDOC_VALUE_NUMBER: s = vndoc_value_text(v, &len); fwrite(s, 1, len, out); return;
	case VNDOC_VALUE_STRING: s = vndoc_value_text(v, &len); json_string(out, s, len); return;
	default: break;
	}
	if (!n) {
		fputs(t == VNDOC_VALUE_LIST ? "[]" : "{}", out);
		return;
	}
	fputc(t == VNDOC_VALUE_LIST ? '[' : '{', out);
	for (size_t i = 0; i < n; i++) {
		fprintf(out, "%s\n%*s", i ? "," : "", indent + 2, "");
		if (t == VNDOC_VALUE_MAP) {
			const char *k = vndoc_value_key_at(v, i);
			json_string(out, k, strlen(k));
			fputs(": ", out);
		}
		json_value(out, vndoc_value_at(v, i), indent + 2);
	}
	fprintf(out, "\n%*s%c", indent, "", t == VNDOC_VALUE_LIST ? ']' : '}');
}

static bool has_ext(const char *path, const char *ext)
{
	size_t n = strlen(path), e = strlen(ext);
	return n > e && !strcasecmp(path + n - e, ext);
}

int vndoc_collect_writer_open(vndoc_collect_writer **out, const char *path, const vndoc_value *doc,
			      vndoc_error *err)
{
	vndoc_collect_writer *w;
	int kind, rc, fd;

	*out = NULL;
	vndoc_error_clear(err);
	if (has_ext(path, ".json"))
		kind = W_JSON;
	else if (has_ext(path, ".csv"))
		kind = W_CSV;
	else if (has_ext(path, ".xlsx"))
		kind = W_XLSX;
	else {
		vndoc_error_set_file(err, path);
		return vndoc_error_set(err, VNDOC_EINVAL, "the output must be .json, .csv or .xlsx");
	}
	w = vndoc_xcalloc(1, sizeof *w);
	w->kind = kind;
	if ((rc = vndoc_fs_atomic_open(&w->file, path, err)) < 0) {
		free(w);
		return rc;
	}
	if (kind == W_XLSX) {
		rc = vndoc_collect__sheet_open_xlsx(&w->sheet, w->file.tmp_path, err);
	} else if ((fd = dup(w->file.fd)) < 0 || !(w->out = fdopen(fd, "w"))) {
		if (fd >= 0)
			close(fd);
		rc = vndoc_error_set_sys(err, VNDOC_EIO, errno, "cannot write");
	} else if (kind == W_CSV) {
		w->sheet = vndoc_collect__sheet_open_csv(w->out);
	} else {
		size_t n = vndoc_value_count(doc);
		fputs("{", w->out);
		for (size_t i = 0; i < n; i++) {
			const char *k = vndoc_value_key_at(doc, i);
			if (!strcmp(k, "don_vi"))
				continue;
			fputs("\n  ", w->out);
			json_string(w->out, k, strlen(k));
			fputs(": ", w->out);
			json_value(w->out, vndoc_value_at(doc, i), 2);
			fputc(',', w->out);
		}
		fputs("\n  \"don_vi\": [", w->out);
	}
	if (rc < 0) {
		vndoc_error_set_file(err, path);
		vndoc_collect_writer_abort(w);
		return rc;
	}
	*out = w;
	return 0;
}

int vndoc_collect_writer_unit(vndoc_collect_writer *w, const vndoc_value *unit, vndoc_error *err)
{
	int rows = (int)(vndoc_value_count(vndoc_value_get(unit, "tap_the", 7)) +
			 vndoc_value_count(vndoc_value_get(unit, "ca_nhan", 7)));

	if (w->kind != W_JSON) {
		int rc = vndoc_collect__sheet_unit(w->sheet, unit, err);
		if (rc < 0)
			vndoc_error_set_file(err, w->file.path);
		return rc;
	}
	fputs(w->units ? ",\n    " : "\n    ", w->out);
	json_value(w->out, unit, 4);
	w->units++;
	return rows;
}

int vndoc_collect_writer_close(vndoc_collect_writer *w, vndoc_error *err)
{
	int rc = 0;

	if (w->kind == W_JSON)
		fputs(w->units ? "\n  ]\n}\n" : "]\n}\n", w->out);
	if (w->sheet && (rc = vndoc_collect__sheet_close(w->sheet, err)) < 0)
		vndoc_error_set_file(err, w->file.path);
	w->sheet = NULL;
	if (w->out) {
		int failed = ferror(w->out) | fclose(w->out);
		w->out = NULL;
		if (failed && rc == 0) {
			vndoc_error_set_file(err, w->file.path);
			rc = vndoc_error_set_sys(err, VNDOC_EIO, errno, "cannot write");
		}
	}
	if (rc == 0)
		rc = vndoc_fs_atomic_commit(&w->file, err);
	else
		vndoc_fs_atomic_abort(&w->file);
	free(w);
	return rc;
}

void vndoc_collect_writer_abort(vndoc_collect_writer *w)
{
	if (!w)
		return;
	vndoc_collect__sheet_abort(w->sheet);
	if (w->out)
		fclose(w->out);
	vndoc_fs_atomic_abort(&w->file);
	free(w);
}
