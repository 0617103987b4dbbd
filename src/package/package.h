/*
 * package/package.h: OPC packages (.docx, .xlsx): zip archives of parts.
 *
 * A package is read whole at open: every part's raw (compressed) bytes, CRC
 * and sizes are kept in memory, so an opened package is immutable and may be
 * shared by several threads that write new packages from it at once.  An
 * archive file larger than 1 MB is the exception: it is checked at open and
 * then read from the file whenever a part is asked for (the file must stay
 * as it is while the package is open), so that the summary of thousands of
 * units is never held in memory.
 *
 * Writing is deterministic: parts in a fixed order ([Content_Types].xml
 * first, then the template's order, then added parts in the order given),
 * fixed timestamps (1980-01-01 00:00), fixed attributes; parts that were not
 * replaced are copied as their original compressed bytes, never recompressed.
 * Files are written straight to a temporary name (never whole in memory)
 * and renamed when complete.
 *
 * Hostile archives are refused with VNDOC_ELIMIT or VNDOC_EFORMAT (limits in
 * core/limits.h): too many entries, a part or the whole larger than the
 * limits, a suspicious compression ratio, encrypted entries, names that are
 * absolute, contain "..", backslashes or NUL, or appear twice.
 */
#ifndef VNDOC_PACKAGE_H
#define VNDOC_PACKAGE_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "core/error.h"

typedef struct vndoc_package vndoc_package;

/** A part given by the caller: a name and bytes (borrowed), or, when
 * `file` is set (and `data` NULL), the first `len` bytes of an open file,
 * read from its start when the package is written (merged parts too large
 * to hold in memory). */
typedef struct vndoc_part {
	const char *name;
	const char *data;
	size_t len;
	FILE *file;
} vndoc_part;

/**
 * Opens `path`: a zip file, or a folder holding an unpacked package (every
 * regular file below it is a part, named by its path relative to the
 * folder with '/' separators; names sorted bytewise).
 * VNDOC_EIO: cannot read; VNDOC_EFORMAT: not a zip; VNDOC_ELIMIT: hostile.
 * The caller frees *out with vndoc_package_free.
 */
int vndoc_package_open(vndoc_package **out, const char *path, vndoc_error *err);

/** Opens a zip archive held in memory (copied). `name` is used in errors. */
int vndoc_package_open_memory(vndoc_package **out, const void *data, size_t len,
			      const char *name, vndoc_error *err);

void vndoc_package_free(vndoc_package *pkg);

/** Number of parts and their names in archive order (borrowed). */
size_t vndoc_package_count(const vndoc_package *pkg);
const char *vndoc_package_name(const vndoc_package *pkg, size_t i);
/** Part i's size once inflated, in bytes (as the archive records it;
 * checked when the part is read), or 0 when there is no part i. */
size_t vndoc_package_size(const vndoc_package *pkg, size_t i);
/** Index of the part called `name`, or -1. */
long vndoc_package_find(const vndoc_package *pkg, const char *name);

/**
 * Reads (inflates) part `name` into a malloc'd NUL-terminated buffer that
 * the caller frees.  VNDOC_EFORMAT if there is no such part or its data is
 * corrupt (CRC), VNDOC_ELIMIT past VNDOC_LIMIT_PART_BYTES.
 * Thread-safe on a shared package.
 */
int vndoc_package_read(char **out, size_t *len, const vndoc_package *pkg,
		       const char *name, vndoc_error *err);

/**
 * A part read as a stream, for parts too large to hold (the body of a
 * summary of thousands of units): inflated as it is read, CRC checked at
 * its end, VNDOC_LIMIT_PART_BYTES enforced.  Each reader has its own
 * libzip handle: several may be open on one package, in several threads.
 */
typedef struct vndoc_part_reader vndoc_part_reader;

/** Opens part `name` of `pkg` (which must outlive the reader) for reading
 * from its start.  VNDOC_EFORMAT if there is no such part. */
int vndoc_package_part_open(vndoc_part_reader **out, const vndoc_package *pkg, const char *name,
			    vndoc_error *err);

/** Reads up to `len` bytes: the number read, 0 at the end of the part, or
 * a negative code (VNDOC_EFORMAT for corrupt data or a bad CRC,
 * VNDOC_ELIMIT past the part limit) with `err` set. */
ssize_t vndoc_part_reader_read(vndoc_part_reader *rd, void *buf, size_t len, vndoc_error *err);

void vndoc_part_reader_close(vndoc_part_reader *rd);

/** Options for writing. */
typedef struct vndoc_package_write_options {
	int level;            /* deflate level for replaced/added parts, 1..9 */
	int pretty_xml;       /* unused by the package module; for callers */
} vndoc_package_write_options;

#define VNDOC_PACKAGE_WRITE_OPTIONS_INIT { 6, 0 }

/**
 * Writes a new package to `path` (atomically): the parts of `pkg` (may be
 * NULL for a package made only of `parts`), with those named in `parts`
 * replaced by the given bytes, and parts of `parts` not in `pkg` added.
 * A part in `parts` whose data is NULL is removed.
 * Thread-safe on a shared `pkg`.
 */
int vndoc_package_write(const vndoc_package *pkg, const vndoc_part *parts, size_t n_parts,
			const char *path, const vndoc_package_write_options *opts, vndoc_error *err);

/** Same, into a malloc'd memory buffer the caller frees. */
int vndoc_package_write_memory(char **out, size_t *out_len, const vndoc_package *pkg,
			       const vndoc_part *parts, size_t n_parts,
			       const vndoc_package_write_options *opts, vndoc_error *err);

/**
 * Checks a part name as it stands in a zip or a folder: relative, '/'
 * separators, no "." or ".." segment, no backslash, no control character,
 * at most VNDOC_LIMIT_PART_NAME bytes.  0 or VNDOC_ELIMIT with a message
 * naming the entry.
 */
int vndoc_package_check_name(const char *name, vndoc_error *err);

#endif
