/*
 * core/fsutil.h: whole-file reads and atomic writes.
 *
 * Output files are written to a temporary file in the target folder (or
 * one of the caller's, vndoc_fs_set_temporary_dir), flushed to the disk, and
 * renamed over the target only when complete, so a failed or interrupted
 * run never leaves a partial file behind.
 */
#ifndef VNDOC_CORE_FSUTIL_H
#define VNDOC_CORE_FSUTIL_H

#include <stddef.h>

#include "core/error.h"

/**
 * Reads the whole file `path` ("-" reads standard input) into a malloc'd,
 * NUL-terminated buffer that the caller frees.  Files larger than `max`
 * bytes fail with VNDOC_ELIMIT.  VNDOC_EIO when it cannot be read.
 */
int vndoc_fs_read_file(char **out, size_t *len, const char *path, size_t max, vndoc_error *err);

/** Writes `len` bytes to `path` through a temporary file and rename(2). */
int vndoc_fs_write_file(const char *path, const void *data, size_t len, vndoc_error *err);

/**
 * An output file being written: `fd` is open on `tmp_path` (in the target's
 * folder).  Commit renames it onto `path`; abort removes it.
 */
typedef struct vndoc_fs_atomic {
	int fd;
	char path[4096];
	char tmp_path[4096];
} vndoc_fs_atomic;

int vndoc_fs_atomic_open(vndoc_fs_atomic *f, const char *path, vndoc_error *err);

/**
 * Temporary files of the calling thread go into `dir` (on the targets'
 * file system) instead of beside their targets; NULL restores that.  The
 * batch keeps them in a folder of its own, so that it removes only what
 * it made.
 */
void vndoc_fs_set_temporary_dir(const char *dir);
int vndoc_fs_atomic_commit(vndoc_fs_atomic *f, vndoc_error *err);
void vndoc_fs_atomic_abort(vndoc_fs_atomic *f);

/** Creates `path` and missing parents (mode 0777 & ~umask). */
int vndoc_fs_mkdirs(const char *path, vndoc_error *err);

/** 1 if `a` and `b` both exist and are one file (device and inode). */
int vndoc_fs_same_file(const char *a, const char *b);

/** 1 if `path` is a directory, 0 otherwise. */
int vndoc_fs_is_dir(const char *path);

#endif
