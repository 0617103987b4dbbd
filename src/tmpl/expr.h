/*
 * tmpl/expr.h: template expressions, compatible with docxtemplater's
 * angular-expressions parser (expressions.js) in everything but its
 * JavaScript-only corners: paths with . and [n], string and number
 * literals, == != === !== < <= > >=, && || !, + - * / %, ? :, parentheses,
 * and filters `value | name:arg1:arg2`, chained.
 *
 * An expression is compiled once with the template (expr.c) into a small
 * tree, and evaluated for each merge against the scope chain, JavaScript's
 * rules for operators and truthiness; filters are in filters.c.
 */
#ifndef VNDOC_TMPL_EXPR_H
#define VNDOC_TMPL_EXPR_H

#include <stdbool.h>
#include <stddef.h>

#include "data/data.h"

typedef struct vndoc_tmpl__expr vndoc_tmpl__expr;

/* One scope of the chain: the value and, in a list, the item's position. */
typedef struct {
	const vndoc_value *value;
	long index; /* -1 outside lists */
} vndoc_tmpl__frame;

typedef enum {
	VNDOC_XV_UNDEF, /* nothing there (a missing value) */
	VNDOC_XV_NULL,
	VNDOC_XV_BOOL,
	VNDOC_XV_NUM,
	VNDOC_XV_STR,
	VNDOC_XV_DATA   /* a list or a map of the data */
} vndoc_tmpl__xv_kind;

/* A value during evaluation.  Strings are borrowed from the data or the
 * expression, or allocated in the evaluation's arena. */
typedef struct {
	vndoc_tmpl__xv_kind kind;
	bool b;
	double n;
	const char *num_text; /* NUM read from the data: its text as written */
	const char *s;        /* STR */
	size_t len;
	const vndoc_value *v; /* DATA */
} vndoc_tmpl__xv;

/* Allocations of one evaluation, freed together. */
typedef struct {
	void **ptrs;
	size_t n, cap;
	vndoc_value **values;
	size_t n_values, cap_values;
} vndoc_tmpl__arena;

void *vndoc_tmpl__arena_alloc(vndoc_tmpl__arena *a, size_t size);
/** `v` is freed with the arena. */
const vndoc_value *vndoc_tmpl__arena_keep(vndoc_tmpl__arena *a, vndoc_value *v);
/** A copy of `len` bytes, NUL-terminated, in the arena. */
char *vndoc_tmpl__arena_strndup(vndoc_tmpl__arena *a, const char *s, size_t len);
void vndoc_tmpl__arena_free(vndoc_tmpl__arena *a);

/* What an evaluation sees, and where it reports a failed filter. */
typedef struct {
	const vndoc_tmpl__frame *frames;
	size_t depth;              /* frames[depth - 1] is `this` */
	vndoc_tmpl__arena *arena;
	char error[160];           /* set by a filter that cannot work */
} vndoc_tmpl__xenv;

/** True when `s` is a plain path ("a.b.0", "$stt", "."), which the
 * template engine resolves without an expression. */
bool vndoc_tmpl__expr_is_path(const char *s, size_t len);

/** Compiles `src`.  -1 with a message naming the place ("')' unexpected at
 * character 5", "unknown filter 'foo'") in `msg`. */
int vndoc_tmpl__expr_compile(vndoc_tmpl__expr **out, const char *src, size_t len,
			     char *msg, size_t msg_size);

void vndoc_tmpl__expr_free(vndoc_tmpl__expr *e);

/** Evaluates with env->frames[env->depth - 1] as `this`, names looked up
 * from there outwards.  UNDEF for a missing value; env->error set when a
 * filter failed. */
vndoc_tmpl__xv vndoc_tmpl__expr_eval(const vndoc_tmpl__expr *e, vndoc_tmpl__xenv *env);

/* Conversions, with JavaScript's rules. */
vndoc_tmpl__xv vndoc_tmpl__xv_of(const vndoc_value *v);
bool vndoc_tmpl__xv_truthy(vndoc_tmpl__xv x);
double vndoc_tmpl__xv_number(vndoc_tmpl__xv x);
/** The text of `x` as JavaScript's String() gives it ("" for undefined
 * and null); may allocate in `a`. */
const char *vndoc_tmpl__xv_text(vndoc_tmpl__xv x, size_t *len, vndoc_tmpl__arena *a);
vndoc_tmpl__xv vndoc_tmpl__xv_str(const char *s, size_t len);
vndoc_tmpl__xv vndoc_tmpl__xv_num(double n);
/** A number as JavaScript prints it (1.5, 1e+21, 1e-7); `buf` >= 32. */
void vndoc_tmpl__js_number(char *buf, size_t size, double n);

/* ---- Filters (filters.c) ---------------------------------------------- */

typedef int (*vndoc_tmpl__filter_fn)(vndoc_tmpl__xv *out, vndoc_tmpl__xv in,
				     const vndoc_tmpl__xv *args, size_t n_args, vndoc_tmpl__xenv *env);

typedef struct {
	const char *name;
	unsigned min_args, max_args;
	vndoc_tmpl__filter_fn fn;
} vndoc_tmpl__filter;

/** The filter called `name`, or NULL. */
const vndoc_tmpl__filter *vndoc_tmpl__filter_find(const char *name, size_t len);

#endif
