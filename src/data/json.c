#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/fsutil.h"
#include "core/limits.h"
#include "data/data.h"
#include "data/data_internal.h"
#include "vn/vn.h"

void vndoc_data__format_number(char *out, size_t size, double d)
{
	char digits[32], tmp[40], res[64];
	int prec, k = 0, n;
	size_t r = 0;

	if (d == 0.0 || !isfinite(d)) { /* JSON has no NaN or Infinity */
		snprintf(out, size, "0");
		return;
	}
	if (d < 0) {
		res[r++] = '-';
		d = -d;
	}
	/* The shortest digit string that reads back as the same double. */
	for (prec = 1; prec < 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*e", prec - 1, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	snprintf(tmp, sizeof tmp, "%.*e", prec - 1, d);
	for (const char *p = tmp; *p != 'e'; p++)
		if (*p != '.')
			digits[k++] = *p;
	while (k > 1 && digits[k - 1] == '0')
		k--;
	/* ECMAScript's Number::toString: the decimal point sits after n digits. */
	n = atoi(strchr(tmp, 'e') + 1) + 1;
	if (k <= n && n <= 21) {
		memcpy(res + r, digits, (size_t)k), r += (size_t)k;
		for (int i = k; i < n; i++)
			res[r++] = '0';
	} else if (0 < n && n <= 21) {
		memcpy(res + r, digits, (size_t)n), r += (size_t)n;
		res[r++] = '.';
		memcpy(res + r, digits + n, (size_t)(k - n)), r += (size_t)(k - n);
	} else if (-6 < n && n <= 0) {
		res[r++] = '0';
		res[r++] = '.';
		for (int i = 0; i < -n; i++)
			res[r++] = '0';
		memcpy(res + r, digits, (size_t)k), r += (size_t)k;
	} else {
		res[r++] = digits[0];
		if (k > 1) {
			res[r++] = '.';
			memcpy(res + r, digits + 1, (size_t)(k - 1)), r += (size_t)(k - 1);
		}
		r += (size_t)snprintf(res + r, sizeof res - r, "e%c%d", n - 1 >= 0 ? '+' : '-', abs(n - 1));
	}
	res[r] = '\0';
	snprintf(out, size, "%s", res);
}

static int convert(vndoc_value **out, json_t *j, int depth, vndoc_data__json_ctx *cx, vndoc_error *err)
{
	*out = NULL;
	if (depth > VNDOC_LIMIT_JSON_DEPTH)
		return vndoc_error_set(err, VNDOC_ELIMIT, "JSON nested deeper than %d levels",
				       VNDOC_LIMIT_JSON_DEPTH);
	switch (json_typeof(j)) {
	case JSON_NULL:
		*out = vndoc_value_new_null();
		return 0;
	case JSON_TRUE:
	case JSON_FALSE:
		*out = vndoc_value_new_bool(json_is_true(j));
		return 0;
	case JSON_INTEGER: {
		char text[32];
		snprintf(text, sizeof text, "%" JSON_INTEGER_FORMAT, json_integer_value(j));
		*out = vndoc_value_new_number((double)json_integer_value(j), text);
		return 0;
	}
	case JSON_REAL: {
		char text[40];
		vndoc_data__format_number(text, sizeof text, json_real_value(j));
		*out = vndoc_value_new_number(json_real_value(j), text);
		return 0;
	}
	case JSON_STRING: {
		size_t len = json_string_length(j);
		if (len > VNDOC_LIMIT_VALUE_BYTES)
			return vndoc_error_set(err, VNDOC_ELIMIT, "a string is longer than %u bytes",
					       VNDOC_LIMIT_VALUE_BYTES);
		size_t removed = 0;
		vndoc_buf_clear(&cx->scratch);
		vndoc_vn_repair(&cx->scratch, json_string_value(j), len, cx->legacy, &removed);
		if (removed && cx->warnings) {
			vndoc_error w;
			vndoc_error_clear(&w);
			vndoc_error_set_file(&w, cx->file);
			if (cx->key)
				vndoc_error_set_tag(&w, cx->key, strlen(cx->key));
			vndoc_error_set(&w, VNDOC_OK, "removed %zu control character%s", removed, removed > 1 ? "s" : "");
			vndoc_error_list_push(cx->warnings, &w);
		}
		*out = vndoc_value_new_string(cx->scratch.ptr, cx->scratch.len);
		return 0;
	}
	case JSON_ARRAY: {
		vndoc_value *list = vndoc_value_new_list();
		const char *key = cx->key; /* the list's; items freed below may hold others */
		size_t i;
		json_t *item;
		json_array_foreach(j, i, item) {
			vndoc_value *v;
			int error;
			cx->key = key;
			error = convert(&v, item, depth + 1, cx, err);
			if (error < 0) {
				vndoc_value_free(list);
				return error;
			}
			vndoc_value_list_push(list, v);
			/* Free jansson's copy as ours grows, so that the two trees
			 * are not both whole at once (peak memory). */
			json_array_set_new(j, i, json_null());
		}
		*out = list;
		return 0;
	}
	case JSON_OBJECT: {
		vndoc_value *map = vndoc_value_new_map();
		const char *key;
		size_t key_len;
		json_t *item;
		void *tmp;
		json_object_keylen_foreach_safe(j, tmp, key, key_len, item) {
			vndoc_value *v;
			int error;
			cx->key = key;
			error = convert(&v, item, depth + 1, cx, err);
			if (error < 0) {
				vndoc_value_free(map);
				return error;
			}
			vndoc_value_map_set(map, key, key_len, v);
			if (json_typeof(item) == JSON_ARRAY || json_typeof(item) == JSON_OBJECT)
				json_object_setn_new_nocheck(j, key, key_len, json_null());
		}
		*out = map;
		return 0;
	}
	}
	return vndoc_error_set(err, VNDOC_EFORMAT, "unknown JSON value");
}

void vndoc_data__json_ctx_init(vndoc_data__json_ctx *cx, const char *file, const vndoc_data_options *opts)
{
	vndoc_buf_init(&cx->scratch, VNDOC_LIMIT_VALUE_BYTES * 4);
	cx->legacy = opts ? opts->legacy : VNDOC_LEGACY_OFF;
	cx->warnings = opts ? opts->warnings : NULL;
	cx->file = file;
	cx->key = NULL;
}

void vndoc_data__json_ctx_dispose(vndoc_data__json_ctx *cx)
{
	vndoc_buf_dispose(&cx->scratch);
}

int vndoc_data__json_load_at(vndoc_value **out, const char *text, size_t len, long line, long column, int depth,
			     vndoc_data__json_ctx *cx, vndoc_error *err)
{
	json_error_t jerr;
	json_t *root;
	const char *nul;
	int error;

	*out = NULL;
	/* jansson takes a NUL byte between tokens for the end of the input
	 * and may then accept what follows: refuse it first (JSON has none). */
	if ((nul = memchr(text, '\0', len))) {
		long l = line, c = column - 1;
		for (const char *p = text; p <= nul; p++) {
			if (*p == '\n') {
				l++;
				c = 0;
			} else if (((unsigned char)*p & 0xC0) != 0x80) {
				c++; /* columns count characters, as jansson's do */
			}
		}
		vndoc_error_set_file(err, cx->file);
		vndoc_error_set_pos(err, l, c);
		return vndoc_error_set(err, VNDOC_EFORMAT, "invalid JSON: a NUL byte");
	}
	/* JSON_PRESERVE_ORDER is the default since jansson 2.8: keys keep
	 * source order. */
	root = json_loadb(text, len, JSON_DECODE_ANY, &jerr);
	if (!root) {
		/* jansson counts from the start of `text`: lines from `line`,
		 * columns (characters) on the first line from `column`. */
		long l = jerr.line > 0 ? line + jerr.line - 1 : line;
		long c = jerr.line > 1 ? jerr.column : column - 1 + (jerr.line == 1 ? jerr.column : 1);
		vndoc_error_set_file(err, cx->file);
		vndoc_error_set_pos(err, l > 0 ? l : 1, c > 0 ? c : 1);
		return vndoc_error_set(err, VNDOC_EFORMAT, "invalid JSON: %s", jerr.text);
	}
	error = convert(out, root, depth, cx, err);
	if (error < 0) {
		vndoc_error_set_file(err, cx->file);
		/* A part of a file (a unit) says where it starts; the whole says nothing. */
		if (line > 1 || column > 1)
			vndoc_error_set_pos(err, line, column);
	}
	json_decref(root);
	return error;
}

static int load_json(vndoc_value **out, const char *text, size_t len, const char *file,
		     const vndoc_data_options *opts, vndoc_error *err)
{
	vndoc_data__json_ctx cx;
	int error;

	/* A UTF-8 byte order mark, as Windows editors write, is not JSON. */
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
		text += 3;
		len -= 3;
	}
	vndoc_data__json_ctx_init(&cx, file, opts);
	error = vndoc_data__json_load_at(out, text, len, 1, 1, 0, &cx, err);
	vndoc_data__json_ctx_dispose(&cx);
	return error;
}

int vndoc_data_load_json(vndoc_value **out, const char *text, size_t len,
			 const char *file, vndoc_error *err)
{
	return load_json(out, text, len, file, NULL, err);
}

static int has_extension(const char *path, const char *ext)
{
	size_t n = strlen(path), e = strlen(ext);
	return n > e && !strcasecmp(path + n - e, ext);
}

int vndoc_data_load_file_with(vndoc_value **out, const char *path, const vndoc_data_options *opts,
			      vndoc_error *err)
{
	char *text;
	size_t len;
	int error, is_csv = has_extension(path, ".csv");

	*out = NULL;
	if (has_extension(path, ".xlsx"))
		return vndoc_data_load_xlsx(out, path, opts, err);
	if (strcmp(path, "-") != 0 && !is_csv && !has_extension(path, ".json")) {
		vndoc_error_set_file(err, path);
		return vndoc_error_set(err, VNDOC_EFORMAT, "unknown data format (expected .json, .csv or .xlsx)");
	}
	if ((error = vndoc_fs_read_file(&text, &len, path, VNDOC_LIMIT_DATA_BYTES, err)) < 0)
		return error;
	if (is_csv)
		error = vndoc_data_load_csv(out, text, len, path, opts, err);
	else
		error = load_json(out, text, len, strcmp(path, "-") ? path : "<stdin>", opts, err);
	free(text);
	return error;
}

int vndoc_data_load_file(vndoc_value **out, const char *path, vndoc_error *err)
{
	return vndoc_data_load_file_with(out, path, NULL, err);
}
