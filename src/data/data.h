/*
 * data/data.h: the data model merged into templates: a tree of values
 * (null, bool, number, string, list, map), and its loaders.
 *
 * Strings are NFC-normalized UTF-8 (vn/vn.h) from the moment they are
 * loaded.  Numbers keep the text they are printed as (JSON.stringify's
 * form, as docxtemplater prints them).  A map keeps its keys in source
 * order.  A tree owns its children: vndoc_value_free frees the subtree.
 */
#ifndef VNDOC_DATA_H
#define VNDOC_DATA_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "core/str.h"
#include "vn/vn.h"

typedef enum {
	VNDOC_VALUE_NULL,
	VNDOC_VALUE_BOOL,
	VNDOC_VALUE_NUMBER,
	VNDOC_VALUE_STRING,
	VNDOC_VALUE_LIST,
	VNDOC_VALUE_MAP
} vndoc_value_type;

typedef struct vndoc_value vndoc_value;

/* Constructors: the caller owns the result (vndoc_value_free). */
vndoc_value *vndoc_value_new_null(void);
vndoc_value *vndoc_value_new_bool(bool b);
/** A number with the text it prints as (e.g. "3", "1.5", "1e+21"). */
vndoc_value *vndoc_value_new_number(double d, const char *text);
/** Copies `len` bytes of UTF-8 `s` (the caller has normalized it). */
vndoc_value *vndoc_value_new_string(const char *s, size_t len);
vndoc_value *vndoc_value_new_list(void);
vndoc_value *vndoc_value_new_map(void);

/** Appends `item` to a list, taking ownership. */
void vndoc_value_list_push(vndoc_value *list, vndoc_value *item);
/** Sets `key` (copied) in a map to `item` (owned), replacing any old value. */
void vndoc_value_map_set(vndoc_value *map, const char *key, size_t key_len, vndoc_value *item);

void vndoc_value_free(vndoc_value *v);
/** A deep copy of `v` (the caller owns it). */
vndoc_value *vndoc_value_copy(const vndoc_value *v);
/** Moves every entry of map `top` into map `base`, replacing entries of the
 * same key, and frees `top` (whatever its type). */
void vndoc_value_overlay(vndoc_value *base, vndoc_value *top);

vndoc_value_type vndoc_value_type_of(const vndoc_value *v);
bool vndoc_value_bool(const vndoc_value *v);      /* BOOL only */
double vndoc_value_number(const vndoc_value *v);  /* NUMBER only */
/** String or number text (borrowed; NUL-terminated); "" for other types. */
const char *vndoc_value_text(const vndoc_value *v, size_t *len);
/** Items of a list, entries of a map; 0 otherwise. */
size_t vndoc_value_count(const vndoc_value *v);
/** The i-th item of a list or the i-th value of a map (borrowed). */
const vndoc_value *vndoc_value_at(const vndoc_value *v, size_t i);
/** The i-th key of a map (borrowed). */
const char *vndoc_value_key_at(const vndoc_value *v, size_t i);
/** The value of `key` in a map (borrowed), or NULL if absent or not a map. */
const vndoc_value *vndoc_value_get(const vndoc_value *v, const char *key, size_t key_len);

/**
 * Truthiness as the template language defines it: false, null, 0, "" and
 * [] are false; everything else is true.
 */
bool vndoc_value_truthy(const vndoc_value *v);

/**
 * Parses JSON text (jansson).  Strings are NFC-normalized.  VNDOC_EFORMAT
 * with line and column for bad JSON; VNDOC_ELIMIT past the nesting limit.
 * `file` names the source in errors.
 */
int vndoc_data_load_json(vndoc_value **out, const char *text, size_t len,
			 const char *file, vndoc_error *err);

/** How flat sheets (CSV, XLSX) are read and their text repaired. */
typedef struct vndoc_data_options {
	vndoc_legacy legacy;          /* TCVN3/VNI repair of every value (vn.h) */
	const char *sheet;            /* XLSX: the sheet's name; NULL: the first */
	vndoc_error_list *warnings;   /* repairs worth telling (may be NULL) */
} vndoc_data_options;

#define VNDOC_DATA_OPTIONS_INIT { VNDOC_LEGACY_AUTO, NULL, NULL }

/**
 * Registration data from a flat CSV sheet (README, "Flat sheets"): one row
 * per registration, columns found by their header text, rows grouped into
 * units in order of first appearance.  Every value is repaired with
 * vndoc_vn_clean.  Each registration records its sheet row as `_row`.
 * VNDOC_EFORMAT/VNDOC_ELIMIT for bad CSV, VNDOC_EDATA for a missing column
 * or a bad row, with file, row and column (`tag` holds the header).
 */
int vndoc_data_load_csv(vndoc_value **out, const char *text, size_t len, const char *file,
			const vndoc_data_options *opts, vndoc_error *err);

/** A header as flat sheets match it: folded (vndoc_vn_fold), reduced to
 * letters, digits and single spaces, cut at '(' ("(nêu khái quát)"). */
void vndoc_data_fold_header(vndoc_buf *out, const char *s, size_t len);
/** Whether folded header `h` is one of `names` ('|'-separated; a trailing
 * '*' marks a prefix). */
bool vndoc_data_header_matches(const char *names, const char *h);

/** Same, from the first sheet (or opts->sheet) of an .xlsx workbook. */
int vndoc_data_load_xlsx(vndoc_value **out, const char *path, const vndoc_data_options *opts,
			 vndoc_error *err);

struct vndoc_package;
/** Same, from a workbook already open (package/package.h); `name` is used
 * in errors. */
int vndoc_data_load_xlsx_package(vndoc_value **out, const struct vndoc_package *pkg, const char *name,
				 const vndoc_data_options *opts, vndoc_error *err);

/** Reads a data file by its extension: .json ("-": JSON on standard
 * input), .csv or .xlsx.  `opts` may be NULL. */
int vndoc_data_load_file_with(vndoc_value **out, const char *path, const vndoc_data_options *opts,
			      vndoc_error *err);

/** vndoc_data_load_file_with with the default options. */
int vndoc_data_load_file(vndoc_value **out, const char *path, vndoc_error *err);

/**
 * A unit stream: a registration file's units (the list `don_vi`) read one at
 * a time, so that memory stays flat however many units there are.
 *
 * vndoc_data_stream_open opens `path` (`opts` may be NULL).  JSON files are
 * scanned once: every top-level field but `don_vi` is parsed (with the same
 * conversion, text repair, warnings and limits as vndoc_data_load_file_with),
 * `don_vi`'s items are only delimited and counted, and are parsed one by one
 * by vndoc_data_stream_next.  Memory: one unit at a time and a small read
 * buffer; one unit or field may not pass VNDOC_LIMIT_DATA_BYTES (the file
 * as a whole may).  Malformed JSON is an error of open when the scan finds it (the
 * structure around the units, strings and brackets that never close, what
 * follows the top level), and of next otherwise (inside a unit).  A CSV
 * file is read once at open, a record at a time through a small buffer:
 * its header is checked and its units counted; when each unit's rows are
 * contiguous (the usual sheet, sorted or grouped by unit), next reads and
 * builds one unit at a time, as vndoc_data_load_csv builds it (same repair,
 * `_row`, warnings and errors; a bad row fails next for its unit, after the
 * units before it; memory: one unit, and the units' names at open; one
 * unit may not pass VNDOC_LIMIT_DATA_BYTES, the file as a whole may); its
 * root is an empty map.  A CSV file whose units' rows are not contiguous,
 * or in which the scan finds an error, is loaded whole.  XLSX, "-" (JSON on
 * standard input) and JSON whose top level is not an object with a list
 * `don_vi` are loaded whole with the loaders above, and the stream hands
 * out their units from memory.  Several streams may be open on one
 * file at once.  Errors as vndoc_data_load_file_with's: the file, line and
 * column (counted in the whole file, columns in characters); VNDOC_EIO when
 * the file cannot be read.  On failure *out is NULL.
 */
typedef struct vndoc_data_stream vndoc_data_stream;

int vndoc_data_stream_open(vndoc_data_stream **out, const char *path, const vndoc_data_options *opts,
			   vndoc_error *err);
/** The document's own fields: the top level without `don_vi`, in source
 * order (borrowed; lives as long as the stream).  No totals are added. */
const vndoc_value *vndoc_data_stream_root(const vndoc_data_stream *s);
/** true when the top level has a list `don_vi`. */
bool vndoc_data_stream_has_units(const vndoc_data_stream *s);
/** The number of units (0 without a list `don_vi`), known after open. */
size_t vndoc_data_stream_count(const vndoc_data_stream *s);
/**
 * The next unit, in order: 1 with *unit set (the caller frees it with
 * vndoc_value_free), 0 after the last one, or a negative code with `err`
 * naming the file, line and column (VNDOC_EFORMAT for bad JSON, placed as
 * the whole-file loader places it; VNDOC_ELIMIT for a limit, with where the
 * unit begins).  After an error, next gives the same error until a rewind.
 */
int vndoc_data_stream_next(vndoc_data_stream *s, vndoc_value **unit, vndoc_error *err);
/** Back to the first unit (a JSON file is read again). */
int vndoc_data_stream_rewind(vndoc_data_stream *s, vndoc_error *err);
void vndoc_data_stream_free(vndoc_data_stream *s);

/**
 * Registration files (README, "Data"): when `root` is a map with a list
 * `don_vi`, adds the totals the summary prints, unless the data has them:
 * tong_so_don_vi (units), tong_so_tap_the (collectives), tong_so_ca_nhan
 * (individuals).  Other data is left as it is.
 */
void vndoc_data_add_totals(vndoc_value *root);

/** One broken rule of the plan, found by vndoc_data_check. */
typedef struct vndoc_finding {
	const char *rule;     /* "one-collective", "an-individual", "required",
			       * "duplicate", "deadline" (static strings) */
	char unit[256];       /* the unit's name, or "don_vi[N]" if it has none */
	long row;             /* source row (flat sheets), 0 if unknown */
	char field[128];      /* path of the field, e.g. "ca_nhan[1].chuc_vu" */
	char message[512];    /* one line, Vietnamese names quoted as written */
} vndoc_finding;

typedef struct vndoc_findings {
	vndoc_finding *items;
	size_t count, cap;
	size_t dropped;  /* found past VNDOC_LIMIT_FINDINGS: counted, not kept */
} vndoc_findings;

#define VNDOC_FINDINGS_INIT { NULL, 0, 0, 0 }

/**
 * Checks registration data against the plan's rules: each unit registers
 * exactly one collective and at least one individual; the form's fields
 * are filled; no collective or person is registered twice (names compared
 * without case, tone marks or extra spaces); a unit's registration date is
 * not after the deadline `han_dang_ky` (d/m/yyyy).  Appends findings in
 * unit order; returns their number.
 */
size_t vndoc_data_check(const vndoc_value *root, vndoc_findings *out);
void vndoc_findings_dispose(vndoc_findings *f);

/**
 * The same checks a unit at a time (vndoc_data_check is a loop over
 * vndoc_checker_unit).  `root` holds the document's fields (the deadline
 * han_dang_ky is read from it); it is borrowed for the checker's life.  The
 * checker remembers the names seen so far, to find duplicates: that is the
 * only memory that grows with the units (folded names and where they were
 * seen, in one arena).
 */
typedef struct vndoc_checker vndoc_checker;

vndoc_checker *vndoc_checker_new(const vndoc_value *root);
/** Checks unit number `index` (0-based, for "don_vi[N]" names); appends
 * its findings, as vndoc_data_check words and orders them; returns how many. */
size_t vndoc_checker_unit(vndoc_checker *c, const vndoc_value *unit, size_t index, vndoc_findings *out);
void vndoc_checker_free(vndoc_checker *c);

/**
 * Called once per CSV record with its fields (views valid during the call
 * only), the record's number (the header is 1, as a spreadsheet numbers
 * rows) and the line it starts on.  A non-zero return stops the reader and
 * is returned by it.
 */
typedef int (*vndoc_csv_record_cb)(const vndoc_str *fields, size_t n_fields, long row,
				   long line, void *userdata);

/**
 * Reads CSV as RFC 4180 describes it, streaming: quoted fields may hold
 * separators, doubled quotes and newlines; a UTF-8 byte order mark is
 * skipped; lines end in LF or CRLF; the separator is ',' or ';' (as Excel
 * writes in Vietnamese locales), whichever the header line has more of.
 * Errors (VNDOC_EFORMAT, VNDOC_ELIMIT) give `file`, row, line and column.
 */
int vndoc_data_read_csv(const char *text, size_t len, const char *file,
			vndoc_csv_record_cb cb, void *userdata, vndoc_error *err);

#endif
