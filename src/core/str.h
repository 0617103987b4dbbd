/*
 * core/str.h: read-only string views.  A view is never assumed to be
 * NUL-terminated; it borrows the bytes of whoever owns them.
 */
#ifndef VNDOC_CORE_STR_H
#define VNDOC_CORE_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

typedef struct vndoc_str {
	const char *ptr;
	size_t len;
} vndoc_str;

static inline vndoc_str vndoc_str_of(const char *s)
{
	vndoc_str v = { s, s ? strlen(s) : 0 };
	return v;
}

static inline vndoc_str vndoc_str_make(const char *p, size_t len)
{
	vndoc_str v = { p, len };
	return v;
}

static inline bool vndoc_str_eq(vndoc_str a, vndoc_str b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

static inline bool vndoc_str_eq_cstr(vndoc_str a, const char *s)
{
	return vndoc_str_eq(a, vndoc_str_of(s));
}

static inline bool vndoc_str_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/** The view without leading and trailing ASCII white space. */
static inline vndoc_str vndoc_str_trim(vndoc_str v)
{
	while (v.len && vndoc_str_is_space(v.ptr[0])) {
		v.ptr++;
		v.len--;
	}
	while (v.len && vndoc_str_is_space(v.ptr[v.len - 1]))
		v.len--;
	return v;
}

static inline bool vndoc_str_starts_with(vndoc_str v, const char *prefix)
{
	size_t n = strlen(prefix);
	return v.len >= n && memcmp(v.ptr, prefix, n) == 0;
}

#endif
