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

#endif
