/*
 * serve/zip.h: deterministic zips of files on the disk (zip.c; private
 * to src/serve).
 */
#ifndef VNDOC_SERVE_ZIP_H
#define VNDOC_SERVE_ZIP_H

#include <stddef.h>

#include "core/error.h"

typedef struct vndoc_serve_zip_item {
	char *name;  /* in the archive */
	char *path;  /* on the disk */
} vndoc_serve_zip_item;

typedef struct vndoc_serve_zip {
	vndoc_serve_zip_item *items;
	size_t n, cap;
} vndoc_serve_zip;

void vndoc_serve__zip_add(vndoc_serve_zip *z, const char *name, const char *path);
/** Writes the archive to `path` (temporary name, rename), names sorted. */
int vndoc_serve__zip_write(vndoc_serve_zip *z, const char *path, vndoc_error *err);
void vndoc_serve__zip_dispose(vndoc_serve_zip *z);

#endif
