/*
 * expr_eval.c: evaluating a compiled expression against the scope chain,
 * with JavaScript's rules as angular-expressions applies them: a name is
 * looked up in `this` and then in the enclosing scopes (the first that
 * holds it, not null, decides); a member of nothing is nothing (no error);
 * `+` adds numbers or joins text, and treats a missing side as absent;
 * `-`, `*`, `/`, `%` of a missing side are missing; comparisons and
 * truthiness are JavaScript's.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/limits.h"
#include "tmpl/expr_internal.h"

void *vndoc_tmpl__arena_alloc(vndoc_tmpl__arena *a, size_t size)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 8;
		a->ptrs = vndoc_xreallocarray(a->ptrs, a->cap, sizeof *a->ptrs);
	}
	return a->ptrs[a->n++] = vndoc_xmalloc(size ? size : 1);
}

const vndoc_value *vndoc_tmpl__arena_keep(vndoc_tmpl__arena *a, vndoc_value *v)
{
	if (a->n_values == a->cap_values) {
		a->cap_values = a->cap_values ? a->cap_values * 2 : 4;
		a->values = vndoc_xreallocarray(a->values, a->cap_values, sizeof *a->values);
	}
	return a->values[a->n_values++] = v;
}

char *vndoc_tmpl__arena_strndup(vndoc_tmpl__arena *a, const char *s, size_t len)
{
	char *d = vndoc_tmpl__arena_alloc(a, len + 1);
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

void vndoc_tmpl__arena_free(vndoc_tmpl__arena *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->ptrs[i]);
	for (size_t i = 0; i < a->n_values; i++)
		vndoc_value_free(a->values[i]);
	free(a->ptrs);
	free(a->values);
	memset(a, 0, sizeof *a);
}

static const vndoc_tmpl__xv undef = { VNDOC_XV_UNDEF, false, 0, NULL, NULL, 0, NULL };

vndoc_tmpl__xv vndoc_tmpl__xv_str(const char *s, size_t len)
{
	vndoc_tmpl__xv x = undef;
	x.kind = VNDOC_XV_STR;
	x.s = s;
	x.len = len;
	return x;
}

vndoc_tmpl__xv vndoc_tmpl__xv_num(double n)
{
	vndoc_tmpl__xv x = undef;
	x.kind = VNDOC_XV_NUM;
	x.n = n;
	return x;
}

static vndoc_tmpl__xv xv_bool(bool b)
{
	vndoc_tmpl__xv x = undef;
	x.kind = VNDOC_XV_BOOL;
	x.b = b;
	return x;
}

vndoc_tmpl__xv vndoc_tmpl__xv_of(const vndoc_value *v)
{
	vndoc_tmpl__xv x = undef;
	if (!v)
		return x;
	switch (vndoc_value_type_of(v)) {
	case VNDOC_VALUE_NULL:
		x.kind = VNDOC_XV_NULL;
		break;
	case VNDOC_VALUE_BOOL:
		x = xv_bool(vndoc_value_bool(v));
		break;
	case VNDOC_VALUE_NUMBER:
		x = vndoc_tmpl__xv_num(vndoc_value_number(v));
		x.num_text = vndoc_value_text(v, NULL);
		break;
	case VNDOC_VALUE_STRING:
		x.kind = VNDOC_XV_STR;
		x.s = vndoc_value_text(v, &x.len);
		break;
	default:
		x.kind = VNDOC_XV_DATA;
		x.v = v;
		break;
	}
	return x;
}

void vndoc_tmpl__js_number(char *buf, size_t size, double n)
{
	char digits[40], *e;
	int exp, nd, prec;

	if (isnan(n)) {
		snprintf(buf, size, "NaN");
		return;
	}
	if (isinf(n)) {
		snprintf(buf, size, n < 0 ? "-Infinity" : "Infinity");
		return;
	}
	if (n == 0) {
		snprintf(buf, size, "0");
		return;
	}
	/* The shortest digits that read back as n. */
	for (prec = 1; prec <= 17; prec++) {
		snprintf(digits, sizeof digits, "%.*e", prec - 1, n);
		if (strtod(digits, NULL) == n)
			break;
	}
	e = strchr(digits, 'e');
	exp = atoi(e + 1);
	*e = '\0';
	{ /* the digits without sign and point */
		char d[24];
		int k = 0;
		for (const char *p = digits; *p; p++)
			if (*p >= '0' && *p <= '9')
				d[k++] = *p;
		while (k > 1 && d[k - 1] == '0')
			k--;
		d[k] = '\0';
		nd = k;
		{
			const char *sign = n < 0 ? "-" : "";
			if (exp >= 21 || exp < -6) {
				snprintf(buf, size, "%s%c%s%.*s" "e%c%d", sign, d[0], nd > 1 ? "." : "", nd - 1,
					 d + 1, exp < 0 ? '-' : '+', abs(exp));
			} else if (exp >= nd - 1) {
				snprintf(buf, size, "%s%s%0*d", sign, d, exp - (nd - 1), 0);
				if (exp == nd - 1)
					snprintf(buf, size, "%s%s", sign, d);
			} else if (exp >= 0) {
				snprintf(buf, size, "%s%.*s.%s", sign, exp + 1, d, d + exp + 1);
			} else {
				snprintf(buf, size, "%s0.%0*d%s", sign, -exp - 1, 0, d);
				if (exp == -1)
					snprintf(buf, size, "%s0.%s", sign, d);
			}
		}
	}
}

bool vndoc_tmpl__xv_truthy(vndoc_tmpl__xv x)
{
	switch (x.kind) {
	case VNDOC_XV_BOOL: return x.b;
	case VNDOC_XV_NUM: return x.n != 0 && !isnan(x.n);
	case VNDOC_XV_STR: return x.len > 0;
	case VNDOC_XV_DATA: return true;
	default: return false;
	}
}

static double text_number(const char *s, size_t len)
{
	char tmp[64], *end;
	double d;
	while (len && strchr(" \t\n\r", *s))
		s++, len--;
	while (len && strchr(" \t\n\r", s[len - 1]))
		len--;
	if (!len)
		return 0;
	if (len >= sizeof tmp)
		return NAN;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	if (!strcmp(tmp, "Infinity") || !strcmp(tmp, "+Infinity"))
		return INFINITY;
	if (!strcmp(tmp, "-Infinity"))
		return -INFINITY;
	if (strpbrk(tmp, "iInN")) /* strtod's "inf" and "nan" are not JavaScript's */
		return NAN;
	d = strtod(tmp, &end);
	return *end ? NAN : d;
}

double vndoc_tmpl__xv_number(vndoc_tmpl__xv x)
{
	switch (x.kind) {
	case VNDOC_XV_NULL: return 0;
	case VNDOC_XV_BOOL: return x.b;
	case VNDOC_XV_NUM: return x.n;
	case VNDOC_XV_STR: return text_number(x.s, x.len);
	case VNDOC_XV_DATA:
		if (vndoc_value_type_of(x.v) == VNDOC_VALUE_LIST) {
			if (!vndoc_value_count(x.v))
				return 0;
			if (vndoc_value_count(x.v) == 1)
				return vndoc_tmpl__xv_number(vndoc_tmpl__xv_of(vndoc_value_at(x.v, 0)));
		}
		return NAN;
	default: return NAN;
	}
}

static void list_text(vndoc_buf *b, const vndoc_value *v, vndoc_tmpl__arena *a)
{
	for (size_t i = 0; i < vndoc_value_count(v); i++) {
		vndoc_tmpl__xv item = vndoc_tmpl__xv_of(vndoc_value_at(v, i));
		size_t len;
		const char *s;
		if (i)
			vndoc_buf_putc(b, ',');
		if (item.kind == VNDOC_XV_DATA && vndoc_value_type_of(item.v) == VNDOC_VALUE_LIST) {
			list_text(b, item.v, a);
			continue;
		}
		s = vndoc_tmpl__xv_text(item, &len, a);
		vndoc_buf_put(b, s, len);
	}
}

const char *vndoc_tmpl__xv_text(vndoc_tmpl__xv x, size_t *len, vndoc_tmpl__arena *a)
{
	char *s;
	switch (x.kind) {
	case VNDOC_XV_BOOL:
		*len = x.b ? 4 : 5;
		return x.b ? "true" : "false";
	case VNDOC_XV_NUM:
		if (x.num_text) {
			*len = strlen(x.num_text);
			return x.num_text;
		}
		s = vndoc_tmpl__arena_alloc(a, 32);
		vndoc_tmpl__js_number(s, 32, x.n);
		*len = strlen(s);
		return s;
	case VNDOC_XV_STR:
		*len = x.len;
		return x.s;
	case VNDOC_XV_DATA:
		if (vndoc_value_type_of(x.v) == VNDOC_VALUE_LIST) {
			vndoc_buf b = VNDOC_BUF_INIT(VNDOC_LIMIT_PART_BYTES);
			char *out;
			list_text(&b, x.v, a);
			out = vndoc_tmpl__arena_alloc(a, b.len + 1);
			memcpy(out, b.len ? b.ptr : "", b.len);
			out[b.len] = '\0';
			*len = b.len;
			vndoc_buf_dispose(&b);
			return out;
		}
		*len = 15;
		return "[object Object]";
	default:
		*len = 0;
		return "";
	}
}

/* ---- Evaluation ------------------------------------------------------- */

typedef struct {
	const vndoc_tmpl__expr *e;
	vndoc_tmpl__xenv *env;
} run;

static vndoc_tmpl__xv eval(const run *r, uint32_t k);

static vndoc_tmpl__xv lookup(const run *r, const char *name, size_t len)
{
	const vndoc_tmpl__frame *f = r->env->frames;
	size_t d = r->env->depth;
	bool stt = len == 4 && !memcmp(name, "$stt", 4);

	if (stt || (len == 6 && !memcmp(name, "$index", 6))) {
		for (size_t i = d; i-- > 0;)
			if (f[i].index >= 0)
				return vndoc_tmpl__xv_num((double)(f[i].index + stt));
	}
	for (size_t i = d; i-- > 0;) {
		const vndoc_value *v = vndoc_value_get(f[i].value, name, len);
		if (v && vndoc_value_type_of(v) != VNDOC_VALUE_NULL)
			return vndoc_tmpl__xv_of(v);
	}
	return undef;
}

/* UTF-16 length, as JavaScript counts a string. */
static size_t js_length(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c & 0xC0) != 0x80)
			n += c >= 0xF0 ? 2 : 1;
	}
	return n;
}

static vndoc_tmpl__xv member(vndoc_tmpl__xv obj, const char *key, size_t len)
{
	size_t i = 0;
	bool is_index = len > 0 && len < 10;
	for (size_t k = 0; k < len; k++)
		if (key[k] < '0' || key[k] > '9')
			is_index = false;
	if (is_index)
		for (size_t k = 0; k < len; k++)
			i = i * 10 + (size_t)(key[k] - '0');
	if (obj.kind == VNDOC_XV_STR && len == 6 && !memcmp(key, "length", 6))
		return vndoc_tmpl__xv_num((double)js_length(obj.s, obj.len));
	if (obj.kind != VNDOC_XV_DATA)
		return undef;
	if (vndoc_value_type_of(obj.v) == VNDOC_VALUE_LIST) {
		if (len == 6 && !memcmp(key, "length", 6))
			return vndoc_tmpl__xv_num((double)vndoc_value_count(obj.v));
		return is_index && i < vndoc_value_count(obj.v) ? vndoc_tmpl__xv_of(vndoc_value_at(obj.v, i))
								 : undef;
	}
	return vndoc_tmpl__xv_of(vndoc_value_get(obj.v, key, len));
}

static bool is_text(vndoc_tmpl__xv x)
{
	return x.kind == VNDOC_XV_STR || x.kind == VNDOC_XV_DATA;
}

/* JavaScript's loose equality (==). */
static bool loose_equal(vndoc_tmpl__xv a, vndoc_tmpl__xv b, vndoc_tmpl__arena *ar)
{
	bool a_nil = a.kind == VNDOC_XV_UNDEF || a.kind == VNDOC_XV_NULL;
	bool b_nil = b.kind == VNDOC_XV_UNDEF || b.kind == VNDOC_XV_NULL;
	if (a_nil || b_nil)
		return a_nil && b_nil;
	if (a.kind == VNDOC_XV_DATA && b.kind == VNDOC_XV_DATA)
		return a.v == b.v;
	if (a.kind == VNDOC_XV_STR && b.kind == VNDOC_XV_STR)
		return a.len == b.len && !memcmp(a.s, b.s, a.len);
	if ((a.kind == VNDOC_XV_DATA) != (b.kind == VNDOC_XV_DATA) &&
	    (a.kind == VNDOC_XV_STR || b.kind == VNDOC_XV_STR)) {
		size_t la, lb;
		const char *sa = vndoc_tmpl__xv_text(a, &la, ar), *sb = vndoc_tmpl__xv_text(b, &lb, ar);
		return la == lb && !memcmp(sa, sb, la);
	}
	return vndoc_tmpl__xv_number(a) == vndoc_tmpl__xv_number(b);
}

static bool strict_equal(vndoc_tmpl__xv a, vndoc_tmpl__xv b)
{
	if (a.kind != b.kind)
		return false;
	switch (a.kind) {
	case VNDOC_XV_BOOL: return a.b == b.b;
	case VNDOC_XV_NUM: return a.n == b.n;
	case VNDOC_XV_STR: return a.len == b.len && !memcmp(a.s, b.s, a.len);
	case VNDOC_XV_DATA: return a.v == b.v;
	default: return true;
	}
}

/* <, <=, >, >=: text against text by code unit, anything else as numbers
 * (NaN compares false). */
static bool compare(vndoc_tmpl__xop op, vndoc_tmpl__xv a, vndoc_tmpl__xv b, vndoc_tmpl__arena *ar)
{
	double x, y;
	if (is_text(a) && is_text(b)) {
		size_t la, lb;
		const char *sa = vndoc_tmpl__xv_text(a, &la, ar), *sb = vndoc_tmpl__xv_text(b, &lb, ar);
		int c = memcmp(sa, sb, la < lb ? la : lb);
		c = c ? c : (la > lb) - (la < lb);
		x = c;
		y = 0;
	} else {
		x = vndoc_tmpl__xv_number(a);
		y = vndoc_tmpl__xv_number(b);
		if (a.kind == VNDOC_XV_UNDEF || b.kind == VNDOC_XV_UNDEF)
			return false;
	}
	switch (op) {
	case VNDOC_XOP_LT: return x < y;
	case VNDOC_XOP_LE: return x <= y;
	case VNDOC_XOP_GT: return x > y;
	default: return x >= y;
	}
}

static vndoc_tmpl__xv concat(vndoc_tmpl__xv a, vndoc_tmpl__xv b, vndoc_tmpl__arena *ar)
{
	size_t la, lb;
	const char *sa = vndoc_tmpl__xv_text(a, &la, ar), *sb = vndoc_tmpl__xv_text(b, &lb, ar);
	char *s = vndoc_tmpl__arena_alloc(ar, la + lb + 1);
	memcpy(s, sa, la);
	memcpy(s + la, sb, lb);
	s[la + lb] = '\0';
	return vndoc_tmpl__xv_str(s, la + lb);
}

static vndoc_tmpl__xv arith(vndoc_tmpl__xop op, vndoc_tmpl__xv a, vndoc_tmpl__xv b, vndoc_tmpl__arena *ar)
{
	double x, y;
	if (op == VNDOC_XOP_ADD) {
		/* angular: a missing side leaves the other as it is */
		if (a.kind == VNDOC_XV_UNDEF)
			return b;
		if (b.kind == VNDOC_XV_UNDEF)
			return a;
		if (is_text(a) || is_text(b))
			return concat(a, b, ar);
	}
	/* as docxtemplater gives it: - * / % of a missing value is missing */
	if (a.kind == VNDOC_XV_UNDEF || b.kind == VNDOC_XV_UNDEF)
		return undef;
	x = vndoc_tmpl__xv_number(a);
	y = vndoc_tmpl__xv_number(b);
	switch (op) {
	case VNDOC_XOP_ADD: return vndoc_tmpl__xv_num(x + y);
	case VNDOC_XOP_SUB: return vndoc_tmpl__xv_num(x - y);
	case VNDOC_XOP_MUL: return vndoc_tmpl__xv_num(x * y);
	case VNDOC_XOP_DIV: return vndoc_tmpl__xv_num(x / y);
	default: return vndoc_tmpl__xv_num(fmod(x, y));
	}
}

static vndoc_tmpl__xv eval_filter(const run *r, const vndoc_tmpl__xnode *n)
{
	vndoc_tmpl__xv in = eval(r, n->a), out = undef, args[16];
	for (uint32_t i = 0; i < n->c; i++)
		args[i] = eval(r, r->e->args[n->b + i]);
	if (r->env->error[0])
		return undef;
	if (n->filter->fn(&out, in, args, n->c, r->env) < 0 && !r->env->error[0])
		snprintf(r->env->error, sizeof r->env->error, "filter '%s' failed", n->filter->name);
	return out;
}

static vndoc_tmpl__xv eval(const run *r, uint32_t k)
{
	const vndoc_tmpl__xnode *n = &r->e->nodes[k];
	vndoc_tmpl__arena *ar = r->env->arena;
	vndoc_tmpl__xv a, b;

	switch (n->op) {
	case VNDOC_XOP_NUM: return vndoc_tmpl__xv_num(n->num);
	case VNDOC_XOP_STR: return vndoc_tmpl__xv_str(r->e->text + n->text, n->len);
	case VNDOC_XOP_BOOL: return xv_bool(n->num != 0);
	case VNDOC_XOP_NULL: a = undef; a.kind = VNDOC_XV_NULL; return a;
	case VNDOC_XOP_UNDEF: return undef;
	case VNDOC_XOP_THIS:
		return r->env->depth ? vndoc_tmpl__xv_of(r->env->frames[r->env->depth - 1].value) : undef;
	case VNDOC_XOP_NAME: return lookup(r, r->e->text + n->text, n->len);
	case VNDOC_XOP_MEMBER: return member(eval(r, n->a), r->e->text + n->text, n->len);
	case VNDOC_XOP_INDEX: {
		size_t len;
		const char *key;
		a = eval(r, n->a);
		b = eval(r, n->b);
		if (b.kind == VNDOC_XV_NUM && b.n >= 0 && b.n == floor(b.n) && b.n < 1e9) {
			char tmp[16];
			snprintf(tmp, sizeof tmp, "%.0f", b.n);
			return member(a, tmp, strlen(tmp));
		}
		key = vndoc_tmpl__xv_text(b, &len, ar);
		return member(a, key, len);
	}
	case VNDOC_XOP_NOT: return xv_bool(!vndoc_tmpl__xv_truthy(eval(r, n->a)));
	case VNDOC_XOP_NEG: return vndoc_tmpl__xv_num(-vndoc_tmpl__xv_number(eval(r, n->a)));
	case VNDOC_XOP_POS: return vndoc_tmpl__xv_num(vndoc_tmpl__xv_number(eval(r, n->a)));
	case VNDOC_XOP_OR:
		a = eval(r, n->a);
		return vndoc_tmpl__xv_truthy(a) ? a : eval(r, n->b);
	case VNDOC_XOP_AND:
		a = eval(r, n->a);
		return vndoc_tmpl__xv_truthy(a) ? eval(r, n->b) : a;
	case VNDOC_XOP_COND:
		return vndoc_tmpl__xv_truthy(eval(r, n->a)) ? eval(r, n->b) : eval(r, n->c);
	case VNDOC_XOP_FILTER: return eval_filter(r, n);
	default: break;
	}
	a = eval(r, n->a);
	b = eval(r, n->b);
	switch (n->op) {
	case VNDOC_XOP_EQ: return xv_bool(loose_equal(a, b, ar));
	case VNDOC_XOP_NE: return xv_bool(!loose_equal(a, b, ar));
	case VNDOC_XOP_SEQ: return xv_bool(strict_equal(a, b));
	case VNDOC_XOP_SNE: return xv_bool(!strict_equal(a, b));
	case VNDOC_XOP_LT: case VNDOC_XOP_LE: case VNDOC_XOP_GT: case VNDOC_XOP_GE:
		return xv_bool(compare(n->op, a, b, ar));
	default: return arith(n->op, a, b, ar);
	}
}

vndoc_tmpl__xv vndoc_tmpl__expr_eval(const vndoc_tmpl__expr *e, vndoc_tmpl__xenv *env)
{
	run r = { e, env };
	return eval(&r, e->root);
}
