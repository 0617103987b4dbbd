/*
 * cli/scope.c: merge --scope PATH.  The path is checked for its form
 * before the data is read (an empty part between two dots, a dot at an
 * end, too many parts), then walked in the data one part at a time, each
 * failure saying which part met what: an index on an object, a name on a
 * list, an index past a list's end, a part inside a text or a number.
 */
#include <string.h>

#include "cli/scope.h"

static bool all_digits(const char *s, size_t len)
{
	if (!len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* "-1", "-07": an index below the first. */
static bool negative_index(const char *s, size_t len)
{
	return len > 1 && s[0] == '-' && all_digits(s + 1, len - 1);
}

int vndoc_cli_scope_check(const char *path, vndoc_error *err)
{
	size_t parts = 1;

	if (!*path)
		return vndoc_error_set(err, VNDOC_EINVAL, "an empty path (e.g. don_vi.3)");
	if (path[0] == '.')
		return vndoc_error_set(err, VNDOC_EINVAL, "starts with a dot: the first name is empty");
	if (path[strlen(path) - 1] == '.')
		return vndoc_error_set(err, VNDOC_EINVAL, "ends with a dot: the last name is empty");
	for (const char *p = path; *p; p++) {
		if (*p != '.')
			continue;
		if (p[1] == '.')
			return vndoc_error_set(err, VNDOC_EINVAL, "two dots together at character %zu: an empty name",
					       (size_t)(p - path) + 1);
		if (++parts > VNDOC_LIMIT_PATH_PARTS)
			return vndoc_error_set(err, VNDOC_EINVAL, "more than %d parts", VNDOC_LIMIT_PATH_PARTS);
	}
	return 0;
}

static const char *type_name(const vndoc_value *v)
{
	switch (vndoc_value_type_of(v)) {
	case VNDOC_VALUE_NULL: return "null";
	case VNDOC_VALUE_BOOL: return "true or false";
	case VNDOC_VALUE_NUMBER: return "a number";
	case VNDOC_VALUE_STRING: return "a text";
	case VNDOC_VALUE_LIST: return "a list";
	default: return "an object";
	}
}

/* One part inside `v`, or NULL with the reason; `at` is the path up to
 * the part ("" at the top level). */
static const vndoc_value *step(const vndoc_value *v, const char *at, size_t at_len, const char *seg, size_t len,
			       vndoc_error *err)
{
	const char *where = at_len ? at : "the data's top level";
	int wl = at_len ? (int)at_len : (int)strlen(where), sl = (int)len;
	const vndoc_value *hit;
	size_t n, i = 0;

	switch (vndoc_value_type_of(v)) {
	case VNDOC_VALUE_MAP:
		if ((hit = vndoc_value_get(v, seg, len)))
			return hit;
		if (all_digits(seg, len) || negative_index(seg, len))
			vndoc_error_set(err, VNDOC_EDATA, "%.*s is an object, not a list: %.*s is no index in it "
					"and none of its names", wl, where, sl, seg);
		else
			vndoc_error_set(err, VNDOC_EDATA, "%.*s has no value named \"%.*s\"", wl, where, sl, seg);
		return NULL;
	case VNDOC_VALUE_LIST:
		n = vndoc_value_count(v);
		if (negative_index(seg, len)) {
			vndoc_error_set(err, VNDOC_EDATA, "%.*s is a negative index: a list's items are 0 to %zu", sl,
					seg, n ? n - 1 : 0);
			return NULL;
		}
		if (!all_digits(seg, len)) {
			vndoc_error_set(err, VNDOC_EDATA, "%.*s is a list: \"%.*s\" is not an index (0, 1, ...)", wl,
					where, sl, seg);
			return NULL;
		}
		for (size_t k = 0; k < len && i < n; k++) /* stops past n: no overflow */
			i = i * 10 + (size_t)(seg[k] - '0');
		if (i >= n) {
			if (n)
				vndoc_error_set(err, VNDOC_EDATA, "%.*s has %zu items (0 to %zu): no item %.*s", wl, where,
						n, n - 1, sl, seg);
			else
				vndoc_error_set(err, VNDOC_EDATA, "%.*s is an empty list: no item %.*s", wl, where, sl, seg);
			return NULL;
		}
		return vndoc_value_at(v, i);
	default:
		vndoc_error_set(err, VNDOC_EDATA, "%.*s is %s, not an object or a list: nothing named \"%.*s\" in it",
				wl, where, type_name(v), sl, seg);
		return NULL;
	}
}

int vndoc_cli_scope_chain(const vndoc_value **chain, size_t *n_out, const vndoc_value *root, const char *path,
			  vndoc_error *err)
{
	const vndoc_value *v = root;
	const char *p = path;
	size_t n = 0;
	int rc;

	*n_out = 0;
	if ((rc = vndoc_cli_scope_check(path, err)) < 0)
		return rc;
	chain[n++] = root;
	for (;;) {
		const char *dot = strchr(p, '.');
		size_t len = dot ? (size_t)(dot - p) : strlen(p);
		size_t at_len = p == path ? 0 : (size_t)(p - path) - 1;
		if (!(v = step(v, path, at_len, p, len, err)))
			return VNDOC_EDATA;
		if (vndoc_value_type_of(v) == VNDOC_VALUE_MAP || !dot)
			chain[n++] = v; /* parts <= VNDOC_LIMIT_PATH_PARTS: fits */
		if (!dot)
			break;
		p = dot + 1;
	}
	*n_out = n;
	return 0;
}
