/*
 * filters.c: the filters of template expressions ({ten | upper}), the
 * table that names them, and the general ones: upper, lower, title,
 * count, join, default, sort.  The Vietnamese number and date ones (so,
 * bang_chu, ngay) are in filters_vn.c.
 *
 * A filter given nothing (a missing value) gives nothing, so that
 * `default` after it still works; one given a value it cannot use sets
 * env->error, which the merge reports with the tag.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "core/alloc.h"
#include "core/limits.h"
#include "tmpl/filters_vn.h"
#include "vn/vn.h"

static bool nothing(vndoc_tmpl__xv x)
{
	return x.kind == VNDOC_XV_UNDEF || x.kind == VNDOC_XV_NULL;
}

/* GLib's result, NFC, moved into the arena. */
static vndoc_tmpl__xv from_glib(gchar *g, vndoc_tmpl__xenv *env)
{
	gchar *nfc = vndoc_vn_nfc(g, -1);
	size_t len = strlen(nfc ? nfc : g);
	vndoc_tmpl__xv x = vndoc_tmpl__xv_str(vndoc_tmpl__arena_strndup(env->arena, nfc ? nfc : g, len), len);
	g_free(nfc);
	g_free(g);
	return x;
}

/* The input as valid UTF-8 text (the data's strings are). */
static const char *text_of(vndoc_tmpl__xv in, size_t *len, vndoc_tmpl__xenv *env)
{
	const char *s = vndoc_tmpl__xv_text(in, len, env->arena);
	return g_utf8_validate(s, (gssize)*len, NULL) ? s : NULL;
}

/* upper and lower: GLib's case mapping of the text. */
static int change_case(vndoc_tmpl__xv *out, vndoc_tmpl__xv in, vndoc_tmpl__xenv *env,
		       gchar *(*map)(const gchar *, gssize))
{
	size_t len;
	const char *s;
	if (nothing(in))
		return *out = in, 0;
	if (!(s = text_of(in, &len, env)))
		return -1;
	*out = from_glib(map(s, (gssize)len), env);
	return 0;
}

static int f_upper(vndoc_tmpl__xv *out, vndoc_tmpl__xv in, const vndoc_tmpl__xv *args, size_t n,
		   vndoc_tmpl__xenv *env)
{
	(void)args, (void)n;
	return change_case(out, in, env, g_utf8_strup);
}

static int f_lower(vndoc_tmpl__xv *out, vndoc_tmpl__xv in, const vndoc_tmpl__xv *args, size_t n,
		   vndoc_tmpl__xenv *env)
{
	(void)args, (void)n;
	return change_case(out, in, env, g_utf8_strdown);
}

/* Each word's first letter in capitals, the rest in small letters:
 * "NGUYỄN văn đức" -> "Nguyễn Văn Đức" (GLib's case tables know the
 * precomposed Vietnamese letters, and the result is NFC again). */
static int f_title(vndoc_tmpl__xv *out, vndoc_tmpl__xv in, const vndoc_tmpl__xv *args, size_t n,
		   vndoc_tmpl__xenv *env)
{
	size_t len;
	const char *s;
	gchar *low;
	GString *g;
	bool start = true;
	(void)args, (void)n;
	if (nothing(in))
		return *out = in, 0;
	if (!(s = text_of(in, &len, env)))
		return -1;
	low = g_utf8_strdown(s, (gssize)len);
	g = g_string_sized_new(len + 8);
	for (const gchar *p = low; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (start && g_unichar_isalpha(c))
			c = g_unichar_totitle(c);
		start = !g_unichar_isalnum(c) && !g_unichar_ismark(c) && c != '\'';
		g_string_append_unichar(g, c);
	}
	g_free(low);
	*out = from_glib(g_string_free(g, FALSE), env);
	return 0;
}

/* Items of a list, entries of an object, characters of a text. */
static int f_count(vndoc_tmpl__xv *out, vndoc_tmpl__xv in, const vndoc_tmpl__xv *args, size_t n,
		   vndoc_tmpl__xenv *env)
{
	size_t len;
	const char *s;
	(void)args, (void)n;
	if (nothing(in))
		return *out = vndoc_tmpl__xv_num(0), 0;
	if (in.kind == VNDOC_XV_DATA)
		return *out = vndoc_tmpl__xv_num((double)vndoc_value_count(in.v)), 0;
	if (!(s = text_of(in, &len, env)))
		return -1;
	*out = vndoc_tmpl__xv_num((double)g_utf8_strlen(s, (gssize)len));
	return 0;
}

/* A list's items as text, separated by the argument (", " by default). */
static int f_join(vndoc_tmpl__xv *out, vndoc_tmpl__xv in, const vndoc_tmpl__xv *args, size_t n,
		  vndoc_tmpl__xenv *env)
{
	vndoc_buf b = VNDOC_BUF_INIT(VNDOC_LIMIT_PART_BYTES);
	size_t sep_len = 2;
	const char *sep = n ? vndoc_tmpl__xv_text(args[0], &sep_len, env->arena) : ", ";

	if (nothing(in) || in.kind != VNDOC_XV_DATA || vndoc_value_type_of(in.v) != VNDOC_VALUE_LIST)
		return *out = in, 0;
	for (size_t i = 0, k = 0; i < vndoc_value_count(in.v); i++) {
		vndoc_tmpl__xv item = vndoc_tmpl__xv_of(vndoc_value_at(in.v, i));
		size_t len;
		const char *s;
		if (nothing(item))
			continue;
		s = vndoc_tmpl__xv_text(item, &len, env->arena);
		if (k++)
			vndoc_buf_put(&b, sep, sep_len);
		vndoc_buf_put(&b, s, len);
	}
	*out = vndoc_tmpl__xv_str(vndoc_tmpl__arena_strndup(env->arena, b.len ? b.ptr : "", b.len), b.len);
	vndoc_buf_dispose(&b);
	return 0;
}

/* The argument when the value is missing, null, empty text or an empty
 * list. */
static int f_default(vndoc_tmpl__xv *out, vndoc_tmpl__xv in, const vndoc_tmpl__xv *args, size_t n,
		     vndoc_tmpl__xenv *env)
{
	(void)n, (void)env;
	if (nothing(in) || (in.kind == VNDOC_XV_STR && !in.len) ||
	    (in.kind == VNDOC_XV_DATA && vndoc_value_type_of(in.v) == VNDOC_VALUE_LIST &&
	     !vndoc_value_count(in.v)))
		*out = args[0];
	else
		*out = in;
	return 0;
}

typedef struct {
	const vndoc_value *item;
	const char *key;
	size_t len, order;
	double num;
	bool is_num, names;
} sort_item;

static int cmp_sort(const void *a, const void *b)
{
	const sort_item *x = a, *y = b;
	int c;
	if (x->is_num && y->is_num)
		c = (x->num > y->num) - (x->num < y->num);
	else if (x->is_num != y->is_num)
		c = x->is_num ? -1 : 1;
	else if (x->names)
		c = vndoc_vn_compare_names(x->key, y->key);
	else
		c = vndoc_vn_compare(x->key, x->len, y->key, y->len);
	return c ? c : (x->order > y->order) - (x->order < y->order);
}

/* A list in Vietnamese alphabetical order (numbers by value, first), by
 * the items themselves or by a field of each; with "ten" as a second
 * argument, as personal names (given name first).  Stable. */
static int f_sort(vndoc_tmpl__xv *out, vndoc_tmpl__xv in, const vndoc_tmpl__xv *args, size_t n,
		  vndoc_tmpl__xenv *env)
{
	size_t count, flen = 0, olen = 0;
	const char *field = n ? vndoc_tmpl__xv_text(args[0], &flen, env->arena) : NULL;
	const char *opt = n > 1 ? vndoc_tmpl__xv_text(args[1], &olen, env->arena) : "";
	sort_item *items;
	vndoc_value *list;

	if (nothing(in) || in.kind != VNDOC_XV_DATA || vndoc_value_type_of(in.v) != VNDOC_VALUE_LIST)
		return *out = in, 0;
	count = vndoc_value_count(in.v);
	items = vndoc_xcalloc(count + 1, sizeof *items);
	for (size_t i = 0; i < count; i++) {
		const vndoc_value *item = vndoc_value_at(in.v, i);
		vndoc_tmpl__xv key = vndoc_tmpl__xv_of(field && flen ? vndoc_value_get(item, field, flen) : item);
		items[i].item = item;
		items[i].order = i;
		items[i].is_num = key.kind == VNDOC_XV_NUM;
		items[i].num = key.n;
		items[i].key = nothing(key) ? "" : vndoc_tmpl__xv_text(key, &items[i].len, env->arena);
		if (nothing(key))
			items[i].len = 0;
	}
	for (size_t i = 0; i < count; i++)
		items[i].names = (olen == 3 && !memcmp(opt, "ten", 3)) ||
				 (olen == 4 && !memcmp(opt, "t\xc3\xaan", 4));
	qsort(items, count, sizeof *items, cmp_sort);
	list = vndoc_value_new_list();
	for (size_t i = 0; i < count; i++)
		vndoc_value_list_push(list, vndoc_value_copy(items[i].item));
	free(items);
	out->kind = VNDOC_XV_DATA;
	out->v = vndoc_tmpl__arena_keep(env->arena, list);
	return 0;
}

static const vndoc_tmpl__filter filters[] = {
	{ "bang_chu", 0, 3, vndoc_tmpl__filter_bang_chu },
	{ "count", 0, 0, f_count },
	{ "default", 1, 1, f_default },
	{ "join", 0, 1, f_join },
	{ "lower", 0, 0, f_lower },
	{ "ngay", 0, 1, vndoc_tmpl__filter_ngay },
	{ "so", 0, 1, vndoc_tmpl__filter_so },
	{ "sort", 0, 2, f_sort },
	{ "title", 0, 0, f_title },
	{ "upper", 0, 0, f_upper },
};

const vndoc_tmpl__filter *vndoc_tmpl__filter_find(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++)
		if (strlen(filters[i].name) == len && !memcmp(filters[i].name, name, len))
			return &filters[i];
	return NULL;
}
