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
/** vndoc_data__flat_row for a CSV record that begins on `line`: an error
 * without a line is given this one (as the whole-sheet loader gives it). */
int vndoc_data__flat_csv_record(vndoc_data__flat *f, const vndoc_str *cells, size_t n, long row, long line,
				vndoc_error *err);
/** Hands over the data built (the builder keeps nothing). */
int vndoc_data__flat_finish(vndoc_data__flat *f, vndoc_value **out, vndoc_error *err);
/**
 * A unit at a time (the unit stream): the units built from the rows given
 * since the last call, completed as vndoc_data__flat_finish completes them
 * (a list, owned by the caller); the builder forgets them and keeps the
 * header.  Given one unit's rows, the list holds that unit, as the
 * whole-sheet load would build it.
 */
vndoc_value *vndoc_data__flat_take_units(vndoc_data__flat *f);
/**
 * The key rows are grouped into units by: the unit column's value repaired
 * as vndoc_data__flat_row repairs it (no warnings told), in `out`.  0 for a
 * blank row (not a registration, no key), 1 otherwise (the key may be "").
 * The header must have been given.
 */
int vndoc_data__flat_unit_key(vndoc_data__flat *f, const vndoc_str *cells, size_t n, vndoc_buf *out);
void vndoc_data__flat_free(vndoc_data__flat *f);

/*
 * The CSV reader over a file (csv.c): the same state machine as
 * vndoc_data_read_csv, through a window of vndoc_data__csv_read_size bytes
 * refilled from a FILE*, a record at a time.
 */
typedef struct vndoc_data__csv vndoc_data__csv;
/** Where a record starts, to come back to it. */
typedef struct vndoc_data__csv_mark { long offset, row, line; } vndoc_data__csv_mark;
/** Bytes read at a time (a knob for tests: 64 KiB unless changed). */
extern size_t vndoc_data__csv_read_size;
/** Opens `path` (which errors name, borrowed) and finds its separator. */
int vndoc_data__csv_open(vndoc_data__csv **out, const char *path, vndoc_error *err);
/** The next record (views valid until the next call): 1, 0 at the end, or
 * a negative code with errors as vndoc_data_read_csv gives them. */
int vndoc_data__csv_next(vndoc_data__csv *r, const vndoc_str **fields, size_t *n, long *row, long *line,
			 vndoc_error *err);
/** The next call to vndoc_data__csv_next gives the same record again. */
void vndoc_data__csv_unread(vndoc_data__csv *r);
/** Where the next record starts (not after an unread). */
void vndoc_data__csv_tell(const vndoc_data__csv *r, vndoc_data__csv_mark *out);
int vndoc_data__csv_seek(vndoc_data__csv *r, const vndoc_data__csv_mark *mark, vndoc_error *err);
void vndoc_data__csv_free(vndoc_data__csv *r);
/**
 * A CSV file's text as UTF-8 (issue 18): UTF-8 as it is; Windows-1258
 * (no valid UTF-8 character among its bytes, mostly) converted, tone
 * marks composed (NFC), with a warning; refused with a message naming the
 * line: UTF-16, NUL bytes, UTF-8 with stray bytes, neither.  Never a
 * U+FFFD.  *owned (g_free) holds the converted text, if any.
 */
int vndoc_data__csv_decode(const char **text, size_t *len, char **owned, const char *file,
			   vndoc_error_list *warnings, vndoc_error *err);

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

/* The unit stream (stream.c): how it holds the units, for tests. */
typedef enum {
	VNDOC_DATA__STREAM_WHOLE,   /* loaded whole, handed out as copies */
	VNDOC_DATA__STREAM_JSON,    /* JSON read a unit at a time */
	VNDOC_DATA__STREAM_CSV      /* CSV read a unit at a time */
} vndoc_data__stream_mode;
vndoc_data__stream_mode vndoc_data__stream_mode_of(const vndoc_data_stream *s);

#endif
