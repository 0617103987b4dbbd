/*
 * package/names.c: part names as they stand in a zip or a folder.
 */
#include <string.h>

#include "core/limits.h"
#include "package/package.h"

static int refuse(vndoc_error *err, const char *name, const char *why)
{
	vndoc_error_set_part(err, name);
	return vndoc_error_set(err, VNDOC_ELIMIT, "unsafe part name: %s", why);
}

int vndoc_package_check_name(const char *name, vndoc_error *err)
{
	size_t len = strlen(name);
	const char *seg = name;

	if (len == 0)
		return refuse(err, name, "empty");
	if (len > VNDOC_LIMIT_PART_NAME)
		return refuse(err, "", "longer than the limit");
	if (name[0] == '/')
		return refuse(err, name, "absolute path");
	for (const char *p = name; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '\\')
			return refuse(err, name, "backslash");
		if (c < 0x20 || c == 0x7f)
			return refuse(err, name, "control character");
		if (c == ':' && seg == name && p == name + 1)
			return refuse(err, name, "drive letter");
		if (c == '/' || p[1] == '\0') {
			size_t n = (size_t)(p - seg) + (c != '/');
			if (n == 0)
				return refuse(err, name, "empty segment");
			if ((n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' && seg[1] == '.'))
				return refuse(err, name, "\".\" or \"..\" segment");
			seg = p + 1;
		}
	}
	return 0;
}
