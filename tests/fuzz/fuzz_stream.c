/*
 * fuzz_stream.c: the unit stream against the whole-file loader.  For any
 * input, read as a JSON file and as a CSV sheet, reading it a unit at a
 * time (vndoc_data_stream) must succeed exactly when loading it whole does,
 * and give the same fields and the same units; anything else aborts.
 */
#define _DEFAULT_SOURCE /* mkstemps */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/data.h"

static int same(const vndoc_value *a, const vndoc_value *b)
{
	size_t la, lb;
	const char *ta, *tb;

	if (vndoc_value_type_of(a) != vndoc_value_type_of(b))
		return 0;
	switch (vndoc_value_type_of(a)) {
	case VNDOC_VALUE_NULL:
		return 1;
	case VNDOC_VALUE_BOOL:
		return vndoc_value_bool(a) == vndoc_value_bool(b);
	case VNDOC_VALUE_NUMBER:
	case VNDOC_VALUE_STRING:
		ta = vndoc_value_text(a, &la);
		tb = vndoc_value_text(b, &lb);
		return la == lb && !memcmp(ta, tb, la);
	case VNDOC_VALUE_LIST:
	case VNDOC_VALUE_MAP:
		if (vndoc_value_count(a) != vndoc_value_count(b))
			return 0;
		for (size_t i = 0; i < vndoc_value_count(a); i++) {
			if (vndoc_value_type_of(a) == VNDOC_VALUE_MAP &&
			    strcmp(vndoc_value_key_at(a, i), vndoc_value_key_at(b, i)))
				return 0;
			if (!same(vndoc_value_at(a, i), vndoc_value_at(b, i)))
				return 0;
		}
		return 1;
	}
	return 0;
}

/* The whole file's fields but don_vi, against the stream's root. */
static int same_fields(const vndoc_value *whole, const vndoc_value *root)
{
	size_t k = 0;
	for (size_t i = 0; i < vndoc_value_count(whole); i++) {
		if (!strcmp(vndoc_value_key_at(whole, i), "don_vi"))
			continue;
		if (k >= vndoc_value_count(root) || strcmp(vndoc_value_key_at(whole, i), vndoc_value_key_at(root, k)) ||
		    !same(vndoc_value_at(whole, i), vndoc_value_at(root, k)))
			return 0;
		k++;
	}
	return k == vndoc_value_count(root);
}

/* The input as a file ending in `ext`: the stream and the whole loader
 * must agree on it. */
static void check(const uint8_t *data, size_t size, const char *ext)
{
	char path[64];
	vndoc_value *whole = NULL, *unit = NULL;
	vndoc_data_stream *s = NULL;
	vndoc_error err;
	int fd, ok_whole, ok_stream, rc = 0;

	snprintf(path, sizeof path, "/tmp/vndoc-fuzz-stream-XXXXXX%s", ext);
	if ((fd = mkstemps(path, (int)strlen(ext))) < 0)
		return;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return;
	}
	close(fd);
	ok_whole = vndoc_data_load_file_with(&whole, path, NULL, &err) == 0;
	ok_stream = vndoc_data_stream_open(&s, path, NULL, &err) == 0;
	if (ok_whole && !ok_stream)
		abort();
	if (ok_stream && ok_whole) {
		const vndoc_value *units = vndoc_value_get(whole, "don_vi", 6);
		int listed = vndoc_value_type_of(units) == VNDOC_VALUE_LIST;
		if (vndoc_data_stream_has_units(s) != listed ||
		    vndoc_data_stream_count(s) != (listed ? vndoc_value_count(units) : 0))
			abort();
		if (listed && !same_fields(whole, vndoc_data_stream_root(s)))
			abort();
		for (size_t i = 0; listed && (rc = vndoc_data_stream_next(s, &unit, &err)) > 0; i++) {
			if (i >= vndoc_value_count(units) || !same(unit, vndoc_value_at(units, i)))
				abort();
			vndoc_value_free(unit);
		}
		if (rc < 0)
			abort(); /* the whole file loaded, a unit of it did not */
	} else if (ok_stream) {
		/* Loading whole failed: the stream must fail too, by the last unit. */
		while ((rc = vndoc_data_stream_next(s, &unit, &err)) > 0)
			vndoc_value_free(unit);
		if (rc == 0)
			abort();
	}
	vndoc_data_stream_free(s);
	vndoc_value_free(whole);
	unlink(path);
}

/* The same bytes as JSON and as a CSV sheet. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check(data, size, ".json");
	check(data, size, ".csv");
	return 0;
}
