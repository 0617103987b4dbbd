/*
 * serve/zip.c: the downloads' zips, deterministic: entries in name order,
 * every one dated 1980-01-01 00:00 with no extra fields, deflated; each
 * file read from the disk only while the archive is written (libzip opens
 * a file source when it reads it), so a zip of 5,000 forms holds no file
 * open.  Written to a temporary name and renamed.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zip.h>

#include "core/alloc.h"
#include "serve/zip.h"

#define DOS_TIME_MIDNIGHT 0
#define DOS_DATE_1980_01_01 ((0 << 9) | (1 << 5) | 1)

void vndoc_serve__zip_add(vndoc_serve_zip *z, const char *name, const char *path)
{
	if (z->n == z->cap) {
		z->cap = z->cap ? z->cap * 2 : 64;
		z->items = vndoc_xreallocarray(z->items, z->cap, sizeof *z->items);
	}
	z->items[z->n].name = vndoc_xstrdup(name);
	z->items[z->n].path = vndoc_xstrdup(path);
	z->n++;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const vndoc_serve_zip_item *)a)->name, ((const vndoc_serve_zip_item *)b)->name);
}

int vndoc_serve__zip_write(vndoc_serve_zip *z, const char *path, vndoc_error *err)
{
	char tmp[4400];
	zip_t *za;
	int ze = 0, fd;

	snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0)
		return vndoc_error_set(err, VNDOC_EIO, "cannot write %s", path);
	close(fd);
	if (!(za = zip_open(tmp, ZIP_TRUNCATE, &ze))) {
		unlink(tmp);
		return vndoc_error_set(err, VNDOC_EIO, "cannot write %s", path);
	}
	qsort(z->items, z->n, sizeof *z->items, by_name);
	for (size_t i = 0; i < z->n; i++) {
		zip_source_t *s = zip_source_file(za, z->items[i].path, 0, -1);
		zip_int64_t idx = s ? zip_file_add(za, z->items[i].name, s, ZIP_FL_ENC_UTF_8) : -1;
		if (idx < 0) {
			zip_source_free(s);
			zip_discard(za);
			unlink(tmp);
			return vndoc_error_set(err, VNDOC_EIO, "cannot add %s to %s", z->items[i].name, path);
		}
		zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 6);
		zip_file_set_dostime(za, (zip_uint64_t)idx, DOS_TIME_MIDNIGHT, DOS_DATE_1980_01_01, 0);
		zip_file_set_external_attributes(za, (zip_uint64_t)idx, 0, ZIP_OPSYS_DOS, 0);
	}
	if (zip_close(za) < 0) {
		zip_discard(za);
		unlink(tmp);
		return vndoc_error_set(err, VNDOC_EIO, "cannot write %s", path);
	}
	if ((fd = open(tmp, O_RDONLY | O_CLOEXEC)) >= 0) {
		fsync(fd);
		close(fd);
	}
	if (rename(tmp, path) < 0) {
		unlink(tmp);
		return vndoc_error_set(err, VNDOC_EIO, "cannot write %s", path);
	}
	return 0;
}

void vndoc_serve__zip_dispose(vndoc_serve_zip *z)
{
	for (size_t i = 0; i < z->n; i++) {
		free(z->items[i].name);
		free(z->items[i].path);
	}
	free(z->items);
	memset(z, 0, sizeof *z);
}
