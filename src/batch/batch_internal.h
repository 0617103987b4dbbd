/*
 * batch/batch_internal.h: pieces of the batch run in files of their own
 * (private to src/batch).
 */
#ifndef VNDOC_BATCH_INTERNAL_H
#define VNDOC_BATCH_INTERNAL_H

#include <stdbool.h>
#include <sys/stat.h>

#include <glib.h>
#include <jansson.h>

#include "core/error.h"
#include "data/data.h"

/* sheet.c: every registration of the units of `s` (read from where it
 * stands to its end) as a row of the flat sheet at `path` (tong-hop.xlsx:
 * vndoc_collect_writer), written to a temporary name and renamed. */
int vndoc_batch__sheet(const char *path, vndoc_data_stream *s, vndoc_error *err);

/* blank.c: `unit` (freed) as a blank form shows it: its own fields, the
 * name in capitals when it has none, one collective and
 * VNDOC_BATCH_BLANK_INDIVIDUALS individuals whose every field is the
 * placeholder dots (a unit fills them in Word; vndoc collect passes over
 * rows still dotted). */
#define VNDOC_BATCH_BLANK_INDIVIDUALS 3
vndoc_value *vndoc_batch__blank_unit(vndoc_value *unit);

/* slug.c: a unit's folder is its name folded to a slug (at most 80
 * bytes; a name Windows reserves gets "-don-vi").  A slug taken by an
 * earlier unit gets "-2", "-3", … in data order: unit_suffix gives the n
 * of "slug-n" for `name` given the slugs `taken` so far (1: the slug as
 * it is) and records it; slug_with builds "base-n".  Both malloc. */
char *vndoc_batch__slug_base(const char *name);
char *vndoc_batch__slug_with(const char *base, int n);
int vndoc_batch__unit_suffix(GHashTable *taken, const char *name);

/* outdir.c: the batch's own folder OUT/.vndoc (marked by a file in it):
 * the lock of a manifest, held while the run writes it (a second run
 * refuses), and the folder of its temporary files, emptied of what a
 * killed run left.  Close releases the lock and removes what is left. */
typedef struct vndoc_batch__outdir {
	int lock_fd;
	char own[4096];
	char lock[4200];
	char work[4200];   /* the run's temporaries (vndoc_fs_set_temporary_dir) */
} vndoc_batch__outdir;

int vndoc_batch__outdir_open(vndoc_batch__outdir *o, const char *out_dir, const char *name, vndoc_error *err);
void vndoc_batch__outdir_close(vndoc_batch__outdir *o);

/* earlier.c: the manifest an earlier run left at `manifest` (NULL when
 * there is none); after this run's manifest is written there, the files
 * the earlier one lists and this one does not, still as they were
 * written, are removed (the count returned); those changed since are left
 * and named in `notes`. */
json_t *vndoc_batch__earlier_load(const char *manifest);
size_t vndoc_batch__earlier_clean(json_t *earlier, const char *out_dir, const char *manifest,
				  vndoc_error_list *notes);

/* datafile.c: the data file when the run began (its stat and the SHA-256
 * of its bytes), and whether it is still so at the end (VNDOC_EIO naming
 * it when it is not).  Nothing is known of standard input ("-"). */
typedef struct vndoc_batch__data_mark {
	bool known;
	struct stat st;
	unsigned char sha256[32];
} vndoc_batch__data_mark;

void vndoc_batch__data_mark_take(vndoc_batch__data_mark *m, const char *path);
int vndoc_batch__data_unchanged(const vndoc_batch__data_mark *m, const char *path, vndoc_error *err);
/* VNDOC_EINVAL naming both when the file `out` would be one of the `n`
 * `inputs` (NULL ones skipped; device and inode compared), else 0. */
int vndoc_batch__not_an_input(const char *out, const char *const *inputs, size_t n, vndoc_error *err);

/* A folder of its own at `path`, not a symbolic link (VNDOC_EIO naming it). */
int vndoc_batch__real_folder(const char *path, vndoc_error *err);

#endif
