/*
 * cli/outpath.c: where an output may not go.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "core/fsutil.h"

bool vndoc_cli_inside_folder(const char *out, const char *dir)
{
	char real_dir[PATH_MAX], parent[PATH_MAX], real_parent[PATH_MAX], *slash;
	size_t n;

	if (!vndoc_fs_is_dir(dir) || !realpath(dir, real_dir))
		return false;
	snprintf(parent, sizeof parent, "%s", out);
	if ((slash = strrchr(parent, '/')))
		slash[slash == parent] = '\0';
	else
		snprintf(parent, sizeof parent, ".");
	if (!realpath(parent, real_parent))
		return false; /* no such folder: the write says so */
	n = strlen(real_dir);
	return !strncmp(real_parent, real_dir, n) &&
	       (real_parent[n] == '\0' || real_parent[n] == '/' || !strcmp(real_dir, "/"));
}

/* `path` with its folder resolved (the file itself need not exist), in
 * `out`; false when the folder cannot be. */
static bool resolve(const char *path, char out[PATH_MAX])
{
	char parent[PATH_MAX], real[PATH_MAX];
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;

	if (slash)
		snprintf(parent, sizeof parent, "%.*s", (int)(slash == path ? 1 : slash - path), path);
	else
		snprintf(parent, sizeof parent, ".");
	if (!realpath(parent, real))
		return false;
	return snprintf(out, PATH_MAX, "%s/%s", real, base) < PATH_MAX;
}

bool vndoc_cli_same_output(const char *a, const char *b)
{
	char ra[PATH_MAX], rb[PATH_MAX];

	if (vndoc_fs_same_file(a, b))
		return true;
	return resolve(a, ra) && resolve(b, rb) && !strcmp(ra, rb);
}
