/*
 * package/package_internal.h: what read.c and write.c share.
 */
#ifndef VNDOC_PACKAGE_INTERNAL_H
#define VNDOC_PACKAGE_INTERNAL_H

#include <pthread.h>
#include <stdint.h>
#include <zip.h>

#include "package/package.h"

/* One part.  A part of a zip archive is found by `index` in the archive
 * held in `vndoc_package.zip`; a part of a folder holds its bytes. */
typedef struct vndoc_package_entry {
	char *name;
	zip_uint64_t index;  /* in the archive (zip packages) */
	zip_uint64_t size;   /* uncompressed bytes */
	char *data;          /* folder packages: the bytes, owned; NULL for zip */
} vndoc_package_entry;

struct vndoc_package {
	char *label;                   /* path or name, for errors */
	unsigned char *zip;            /* the whole archive, or NULL (folder, or left in its file) */
	size_t zip_len;
	char *zip_path;                /* an archive too large to hold: read from this file */
	vndoc_package_entry *entries;  /* archive order (zip) or sorted (folder) */
	size_t count;
	/* archives held in memory: the handle the archive was first opened with, kept for
	 * the reads of whole parts (opening one checks every entry's header:
	 * 54,000 instructions a part over bench/fidelity's documents); a read
	 * that finds it in use opens its own, as every read did before. */
	zip_t *held;
	pthread_mutex_t held_lock;
};

/**
 * Opens the package's archive bytes as a new read-only libzip handle.
 * Each caller gets its own, which is what makes reading thread-safe.
 */
int vndoc_package__open_zip(zip_t **out, const vndoc_package *pkg, vndoc_error *err);

/** The package is a zip archive (in memory or in its file), not a folder. */
static inline int vndoc_package__is_zip(const vndoc_package *pkg)
{
	return pkg->zip || pkg->zip_path;
}

/** Fills `err` from a libzip error with the package and part named. */
int vndoc_package__zip_error(vndoc_error *err, zip_error_t *ze, const vndoc_package *pkg,
			     const char *part, const char *what);

#endif
