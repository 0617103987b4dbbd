/*
 * data/data_internal.h: the value struct, for the data module only.
 */
#ifndef VNDOC_DATA_INTERNAL_H
#define VNDOC_DATA_INTERNAL_H

#include "data/data.h"

typedef struct { char *ptr; size_t len; } vndoc_data__key;

struct vndoc_value {
	vndoc_value_type type;
	union {
		bool b;
		struct { char *ptr; size_t len; double d; } s;   /* STRING, NUMBER (text) */
		struct {
			vndoc_value **items;
			vndoc_data__key *keys; /* MAP only */
			size_t count, cap;
		} c;
	} u;
};

/** Formats `d` as ECMAScript's Number::toString does (JSON.stringify). */
void vndoc_data__format_number(char *out, size_t size, double d);

/* The flat-sheet builder (flat.c), shared by the CSV and XLSX readers:
 * the first row given is the header. */
typedef struct vndoc_data__flat vndoc_data__flat;
vndoc_data__flat *vndoc_data__flat_new(const char *file, const vndoc_data_options *opts);
int vndoc_data__flat_row(vndoc_data__flat *f, const vndoc_str *cells, size_t n, long row, vndoc_error *err);
/** Hands over the data built (the builder keeps nothing). */
int vndoc_data__flat_finish(vndoc_data__flat *f, vndoc_value **out, vndoc_error *err);
void vndoc_data__flat_free(vndoc_data__flat *f);

#endif
