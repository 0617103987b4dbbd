/*
 * core/error.h: error codes and the error record every fallible vndoc
 * function fills.
 *
 * Fallible functions return 0 or a negative vndoc_code and describe the
 * problem in a caller-supplied vndoc_error (which may be NULL).  The record
 * holds no pointers, so reporting an error never allocates.  Where a stage
 * can find several problems in one pass (template errors), it collects them
 * in a vndoc_error_list as well.
 */
#ifndef VNDOC_CORE_ERROR_H
#define VNDOC_CORE_ERROR_H

#include <stdarg.h>
#include <stddef.h>

typedef enum {
	VNDOC_OK = 0,
	VNDOC_EIO = -1,       /* open/read/write/rename failed; sys_errno says why */
	VNDOC_EFORMAT = -2,   /* not a zip / not XML / not JSON / malformed data */
	VNDOC_ELIMIT = -3,    /* a hostile-input limit was reached */
	VNDOC_ETEMPLATE = -4, /* bad tag, unclosed or mismatched section */
	VNDOC_EDATA = -5,     /* missing value (strict), wrong type, bad row */
	VNDOC_EFONT = -6,     /* a font or glyph the document needs is missing */
	VNDOC_EINVAL = -7,    /* the caller broke the API contract (a bug) */
	VNDOC_EUNSUPPORTED = -8 /* a feature vndoc refuses (raw XML tags, ...) */
} vndoc_code;

typedef struct vndoc_error {
	vndoc_code code;
	int sys_errno;
	char file[512];     /* file the error is about, "" if none */
	char part[128];     /* zip member, e.g. "word/document.xml", "" if none */
	long line, column;  /* 1-based; 0 = not applicable */
	long row;           /* data row (CSV/XLSX); 0 = not applicable */
	char tag[64];       /* template tag as written, e.g. "{#rows}" */
	char excerpt[96];   /* nearby text (paragraph excerpt), "" if none */
	char message[256];  /* one line, no trailing period */
} vndoc_error;

/* A growable list of errors, for stages that report everything in one pass. */
typedef struct vndoc_error_list {
	vndoc_error *items;
	size_t count, cap;
	size_t max;      /* with max > 0, errors past `max` are only counted: */
	size_t dropped;  /* how many (a flood of errors is not kept, issue 18) */
	size_t shown;    /* items already printed, for a caller printing them as
			  * they come (they stay, so that `max` holds over a run) */
} vndoc_error_list;

#define VNDOC_ERROR_LIST_INIT { NULL, 0, 0, 0, 0, 0 }

/** Clears `err` (all fields empty, code VNDOC_OK). `err` may be NULL. */
void vndoc_error_clear(vndoc_error *err);

/**
 * Sets code and message (printf-style) and returns `code`, so that
 * `return vndoc_error_set(err, VNDOC_EFORMAT, "...")` reads well.
 * Location fields are left as they are.  `err` may be NULL.
 */
int vndoc_error_set(vndoc_error *err, vndoc_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int vndoc_error_vset(vndoc_error *err, vndoc_code code, const char *fmt, va_list ap);

/** Like vndoc_error_set, and records errno in sys_errno. */
int vndoc_error_set_sys(vndoc_error *err, vndoc_code code, int sys_errno, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Location setters: each fills its field only when it is still empty, so
 * callers may add context without overwriting what the finder knew. */
void vndoc_error_set_file(vndoc_error *err, const char *file);
void vndoc_error_set_part(vndoc_error *err, const char *part);
void vndoc_error_set_tag(vndoc_error *err, const char *tag, size_t len);
void vndoc_error_set_excerpt(vndoc_error *err, const char *text, size_t len);
void vndoc_error_set_pos(vndoc_error *err, long line, long column);

/**
 * Writes the error as one line, without newline, into `out` (size `size`),
 * e.g. `form.docx[word/document.xml]: {#rows}: unclosed section (in "…")`
 * or `data.json:3:14: ...`.  Returns `out`.
 */
char *vndoc_error_format(const vndoc_error *err, char *out, size_t size);

/** A short name for a code: "io", "format", "limit", ... */
const char *vndoc_error_code_name(vndoc_code code);

/** Appends a copy of `err` to `list` (or counts it in `dropped` when the
 * list holds `max`).  Aborts on out of memory. */
void vndoc_error_list_push(vndoc_error_list *list, const vndoc_error *err);
/** Frees the items; the list struct itself belongs to the caller. */
void vndoc_error_list_dispose(vndoc_error_list *list);

#endif
