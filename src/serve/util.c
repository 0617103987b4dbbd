/*
 * serve/util.c: small helpers of the server: random tokens, IDs, times,
 * JSON files written atomically, folders removed.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "core/fsutil.h"
#include "data/data.h"
#include "serve/serve_internal.h"

int vndoc_serve__random_hex(char *out, size_t n)
{
	unsigned char b[64];
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	ssize_t got = -1;

	if (n > sizeof b)
		n = sizeof b;
	if (fd >= 0) {
		got = read(fd, b, n);
		close(fd);
	}
	if (got != (ssize_t)n)
		return -1;
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", b[i]);
	out[2 * n] = '\0';
	return 0;
}

bool vndoc_serve__valid_id(const char *s)
{
	/* YYYYMMDD-HHMMSS-xxxx */
	static const char pattern[] = "dddddddd-dddddd-xxxx";

	for (size_t i = 0; i < sizeof pattern - 1; i++) {
		char c = s[i];
		if (pattern[i] == '-' ? c != '-'
		    : pattern[i] == 'd' ? !(c >= '0' && c <= '9')
					: !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return false;
	}
	return s[sizeof pattern - 1] == '\0';
}

void vndoc_serve__iso_time(char out[32], long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int vndoc_serve__write_json(const char *path, const json_t *j, vndoc_error *err)
{
	char *text = json_dumps(j, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	int rc;

	if (!text)
		return vndoc_error_set(err, VNDOC_EIO, "cannot write %s", path);
	rc = vndoc_fs_write_file(path, text, strlen(text), err);
	free(text);
	return rc;
}

json_t *vndoc_serve__read_json(const char *path)
{
	return json_load_file(path, 0, NULL);
}

void vndoc_serve__sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

int vndoc_serve__remove_tree(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *de;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	if (!(d = opendir(path)))
		return -1;
	while ((de = readdir(d))) {
		char sub[4400];
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if ((size_t)snprintf(sub, sizeof sub, "%s/%s", path, de->d_name) >= sizeof sub)
			continue;
		vndoc_serve__remove_tree(sub);
	}
	closedir(d);
	return rmdir(path);
}

void vndoc_serve__extension(char out[8], const char *name)
{
	const char *dot = name ? strrchr(name, '.') : NULL;
	size_t i = 0;

	if (dot && strlen(dot + 1) < 8 && !strchr(dot, '/'))
		for (dot++; *dot; dot++)
			out[i++] = (char)(*dot >= 'A' && *dot <= 'Z' ? *dot - 'A' + 'a' : *dot);
	out[i] = '\0';
}

void vndoc_serve__utf8_fix(char *s)
{
	const gchar *end;

	/* A message cut at its buffer's size may end inside a character. */
	while (!g_utf8_validate(s, -1, &end))
		*(char *)end = '?';
}

void vndoc_serve__error_line(char *out, size_t size, const vndoc_error *err, const char *name)
{
	vndoc_error e = *err;
	if (name)
		snprintf(e.file, sizeof e.file, "%s", name);
	vndoc_error_format(&e, out, size);
	vndoc_serve__utf8_fix(out);
}

const char *vndoc_serve__jstr(const json_t *j)
{
	const char *t = json_string_value(j);
	return t ? t : "";
}

json_t *vndoc_serve__finding_json(const struct vndoc_finding *f, const char *file)
{
	char table[128] = "", column[128] = "", unit[sizeof f->unit], message[sizeof f->message];
	long row = f->row;
	const char *br = strchr(f->field, '['), *dot = strchr(f->field, '.');
	json_t *o;

	if (br) {
		snprintf(table, sizeof table, "%.*s", (int)(br - f->field), f->field);
		if (!row)
			row = strtol(br + 1, NULL, 10) + 1;
	} else if (!dot) {
		snprintf(column, sizeof column, "%s", f->field);
	}
	if (dot)
		snprintf(column, sizeof column, "%s", dot + 1);
	snprintf(unit, sizeof unit, "%s", f->unit);
	snprintf(message, sizeof message, "%s", f->message);
	vndoc_serve__utf8_fix(unit);
	vndoc_serve__utf8_fix(message);
	vndoc_serve__utf8_fix(table);
	vndoc_serve__utf8_fix(column);
	o = json_pack("{s:s, s:s, s:I, s:s, s:s, s:s}", "unit", unit, "table", table, "row", (json_int_t)row, "column",
		      column, "rule", f->rule, "message", message);
	if (file)
		json_object_set_new(o, "file", json_string(file));
	return o;
}
