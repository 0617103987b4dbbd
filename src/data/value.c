#include "data/data.h"

#include <string.h>

#include "core/alloc.h"
#include "data/data_internal.h"

static vndoc_value *new_value(vndoc_value_type type)
{
	vndoc_value *v = vndoc_xcalloc(1, sizeof(*v));
	v->type = type;
	return v;
}

vndoc_value *vndoc_value_new_null(void) { return new_value(VNDOC_VALUE_NULL); }

vndoc_value *vndoc_value_new_bool(bool b)
{
	vndoc_value *v = new_value(VNDOC_VALUE_BOOL);
	v->u.b = b;
	return v;
}

vndoc_value *vndoc_value_new_number(double d, const char *text)
{
	vndoc_value *v = new_value(VNDOC_VALUE_NUMBER);
	v->u.s.d = d;
	v->u.s.len = strlen(text);
	v->u.s.ptr = vndoc_xstrndup(text, v->u.s.len);
	return v;
}

vndoc_value *vndoc_value_new_string(const char *s, size_t len)
{
	vndoc_value *v = new_value(VNDOC_VALUE_STRING);
	v->u.s.ptr = vndoc_xstrndup(s, len);
	v->u.s.len = len;
	return v;
}

vndoc_value *vndoc_value_new_list(void) { return new_value(VNDOC_VALUE_LIST); }
vndoc_value *vndoc_value_new_map(void) { return new_value(VNDOC_VALUE_MAP); }

static void coll_reserve(vndoc_value *v)
{
	if (v->u.c.count == v->u.c.cap) {
		v->u.c.cap = v->u.c.cap ? v->u.c.cap * 2 : 4;
		v->u.c.items = vndoc_xreallocarray(v->u.c.items, v->u.c.cap, sizeof(*v->u.c.items));
		if (v->type == VNDOC_VALUE_MAP)
			v->u.c.keys = vndoc_xreallocarray(v->u.c.keys, v->u.c.cap, sizeof(*v->u.c.keys));
	}
}

void vndoc_value_list_push(vndoc_value *list, vndoc_value *item)
{
	coll_reserve(list);
	list->u.c.items[list->u.c.count++] = item;
}

void vndoc_value_map_set(vndoc_value *map, const char *key, size_t key_len, vndoc_value *item)
{
	for (size_t i = 0; i < map->u.c.count; i++) {
		if (map->u.c.keys[i].len == key_len && !memcmp(map->u.c.keys[i].ptr, key, key_len)) {
			vndoc_value_free(map->u.c.items[i]);
			map->u.c.items[i] = item;
			return;
		}
	}
	coll_reserve(map);
	map->u.c.keys[map->u.c.count].ptr = vndoc_xstrndup(key, key_len);
	map->u.c.keys[map->u.c.count].len = key_len;
	map->u.c.items[map->u.c.count++] = item;
}

/* Depth is bounded by the loaders' nesting limit. */
vndoc_value *vndoc_value_copy(const vndoc_value *v)
{
	vndoc_value *c;

	switch (v->type) {
	case VNDOC_VALUE_NULL: return vndoc_value_new_null();
	case VNDOC_VALUE_BOOL: return vndoc_value_new_bool(v->u.b);
	case VNDOC_VALUE_NUMBER: return vndoc_value_new_number(v->u.s.d, v->u.s.ptr);
	case VNDOC_VALUE_STRING: return vndoc_value_new_string(v->u.s.ptr, v->u.s.len);
	case VNDOC_VALUE_LIST:
		c = vndoc_value_new_list();
		for (size_t i = 0; i < v->u.c.count; i++)
			vndoc_value_list_push(c, vndoc_value_copy(v->u.c.items[i]));
		return c;
	case VNDOC_VALUE_MAP:
		c = vndoc_value_new_map();
		for (size_t i = 0; i < v->u.c.count; i++)
			vndoc_value_map_set(c, v->u.c.keys[i].ptr, v->u.c.keys[i].len,
					    vndoc_value_copy(v->u.c.items[i]));
		return c;
	}
	return vndoc_value_new_null();
}

void vndoc_value_free(vndoc_value *v)
{
	if (!v)
		return;
	switch (v->type) {
	case VNDOC_VALUE_NUMBER:
	case VNDOC_VALUE_STRING:
		free(v->u.s.ptr);
		break;
	case VNDOC_VALUE_LIST:
	case VNDOC_VALUE_MAP:
		/* Depth is bounded by VNDOC_LIMIT_JSON_DEPTH, so recursion is safe. */
		for (size_t i = 0; i < v->u.c.count; i++) {
			vndoc_value_free(v->u.c.items[i]);
			if (v->u.c.keys)
				free(v->u.c.keys[i].ptr);
		}
		free(v->u.c.items);
		free(v->u.c.keys);
		break;
	default:
		break;
	}
	free(v);
}

vndoc_value_type vndoc_value_type_of(const vndoc_value *v)
{
	return v ? v->type : VNDOC_VALUE_NULL;
}

bool vndoc_value_bool(const vndoc_value *v)
{
	return v && v->type == VNDOC_VALUE_BOOL && v->u.b;
}

double vndoc_value_number(const vndoc_value *v)
{
	return v && v->type == VNDOC_VALUE_NUMBER ? v->u.s.d : 0.0;
}

const char *vndoc_value_text(const vndoc_value *v, size_t *len)
{
	if (v && (v->type == VNDOC_VALUE_STRING || v->type == VNDOC_VALUE_NUMBER)) {
		if (len)
			*len = v->u.s.len;
		return v->u.s.ptr;
	}
	if (len)
		*len = 0;
	return "";
}

size_t vndoc_value_count(const vndoc_value *v)
{
	return v && (v->type == VNDOC_VALUE_LIST || v->type == VNDOC_VALUE_MAP) ? v->u.c.count : 0;
}

const vndoc_value *vndoc_value_at(const vndoc_value *v, size_t i)
{
	return i < vndoc_value_count(v) ? v->u.c.items[i] : NULL;
}

const char *vndoc_value_key_at(const vndoc_value *v, size_t i)
{
	return v && v->type == VNDOC_VALUE_MAP && i < v->u.c.count ? v->u.c.keys[i].ptr : NULL;
}

const vndoc_value *vndoc_value_get(const vndoc_value *v, const char *key, size_t key_len)
{
	if (!v || v->type != VNDOC_VALUE_MAP)
		return NULL;
	for (size_t i = 0; i < v->u.c.count; i++)
		if (v->u.c.keys[i].len == key_len && !memcmp(v->u.c.keys[i].ptr, key, key_len))
			return v->u.c.items[i];
	return NULL;
}

bool vndoc_value_truthy(const vndoc_value *v)
{
	if (!v)
		return false;
	switch (v->type) {
	case VNDOC_VALUE_NULL: return false;
	case VNDOC_VALUE_BOOL: return v->u.b;
	case VNDOC_VALUE_NUMBER: return v->u.s.d != 0.0;
	case VNDOC_VALUE_STRING: return v->u.s.len != 0;
	case VNDOC_VALUE_LIST: return v->u.c.count != 0;
	case VNDOC_VALUE_MAP: return true;
	}
	return false;
}

void vndoc_value_overlay(vndoc_value *base, vndoc_value *top)
{
	if (!top)
		return;
	if (base->type == VNDOC_VALUE_MAP && top->type == VNDOC_VALUE_MAP) {
		for (size_t i = 0; i < top->u.c.count; i++) {
			vndoc_value_map_set(base, top->u.c.keys[i].ptr, top->u.c.keys[i].len, top->u.c.items[i]);
			top->u.c.items[i] = NULL;
		}
	}
	vndoc_value_free(top);
}
