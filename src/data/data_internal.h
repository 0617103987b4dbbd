/*
 * data/data_internal.h: the value struct, for the data module only.
 */
#ifndef VNDOC_DATA_INTERNAL_H
#define VNDOC_DATA_INTERNAL_H

#include "core/buf.h"
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

/* JSON (json.c), shared by the whole-file loader and the unit stream
 * (stream.c): jansson parses, convert() builds the vndoc_value tree with
 * the text repair and the limits. */
typedef struct vndoc_data__json_ctx {
	vndoc_buf scratch;
	vndoc_legacy legacy;
	vndoc_error_list *warnings;
	const char *file;         /* names the source in errors and warnings */
	const char *key;          /* of the value being converted, for warnings */
} vndoc_data__json_ctx;

/** `opts` may be NULL (no repair, no warnings). */
void vndoc_data__json_ctx_init(vndoc_data__json_ctx *cx, const char *file, const vndoc_data_options *opts);
void vndoc_data__json_ctx_dispose(vndoc_data__json_ctx *cx);

/**
 * Parses `len` bytes of JSON (one value) that begin at `line`:`column` of
 * cx->file, and converts them as a value nested `depth` levels deep (0:
 * the top level).  Errors give the position in the whole file (columns in
 * characters, as jansson counts them); a limit error in a part of a file
 * gives where the part begins.
 */
int vndoc_data__json_load_at(vndoc_value **out, const char *text, size_t len, long line, long column, int depth,
			     vndoc_data__json_ctx *cx, vndoc_error *err);

#endif
