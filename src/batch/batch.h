/*
 * batch/batch.h: every document of a registration cycle in one run: the
 * plan, the compiled summary, each unit's registration form, as DOCX and
 * PDF, with a manifest and a report.
 *
 * Work is split into items (0: the plan, 1: the summary, 2…: the units in
 * data order) shared by worker threads.  Templates are compiled once and
 * shared; each worker keeps its own layout resources.  Every file is
 * written to a temporary name and renamed, and the manifest lists items in
 * order, so output is byte-identical whatever the number of workers.
 *
 * Memory stays flat as units grow: the data is read a unit at a time
 * (data/data.h streams; JSON files), once to check it, count it and name
 * the folders, then again as the workers take the units; the summary is
 * merged with its units streamed into a file and laid out from that file a
 * page at a time.  What is kept per unit is its name, folder and the hashes
 * of its files, for the manifest.
 */
#ifndef VNDOC_BATCH_H
#define VNDOC_BATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "data/data.h"

/** Called by workers (one at a time) after each item. */
typedef void (*vndoc_progress_cb)(size_t done, size_t total, size_t pages, void *userdata);

typedef struct vndoc_batch_options {
	const char *templates;   /* folder holding ke-hoach, bieu-dang-ky, tong-hop (.docx or unpacked) */
	const char *out_dir;     /* created if missing */
	int jobs;                /* worker threads, at least 1 */
	int shard, shards;       /* produce part `shard` (1-based) of `shards`: 1/1 is all */
	bool pdf;                /* also render each DOCX to PDF */
	vndoc_progress_cb progress;
	void *userdata;
	bool blank;              /* blank forms to send out: each unit's form with its
				  * heading and empty rows (one collective, a few
				  * individuals; any registrations left out), the plan;
				  * no summary, nothing checked */
	bool no_forms;           /* only the plan and the summary, no unit's form
				  * (vndoc serve's summary of the forms received) */
} vndoc_batch_options;

#define VNDOC_BATCH_OPTIONS_INIT { NULL, NULL, 1, 1, 1, true, NULL, NULL, false, false }

typedef struct vndoc_batch_result {
	size_t items;            /* items of this shard */
	size_t files;            /* files written */
	size_t pages;            /* PDF pages rendered */
	size_t failed;           /* items skipped: bad data, a merge or render error */
	size_t findings;         /* vndoc check findings (report.txt) */
	vndoc_error_list errors; /* one per failed item; the caller disposes */
	bool bad_data;           /* the run stopped on data that cannot be read */
	bool io_failed;          /* some item failed to be written (a full disk) */
	size_t removed;          /* files of an earlier run this one does not make, removed */
	vndoc_error_list notes;  /* files of an earlier run left in place (VNDOC_LIMIT_WARNINGS
				  * kept, the rest counted in notes.dropped); the caller disposes */
} vndoc_batch_result;

/** The data a batch reads. */
typedef struct vndoc_batch_input {
	const char *path;               /* the registration file (.json, .csv, .xlsx) */
	vndoc_data_options data;        /* how it is read; its `warnings` receive the
					 * repairs made while reading it (once) */
	const vndoc_value *doc;         /* the document's own fields for a sheet (--doc),
					 * under the file's; may be NULL (borrowed) */
	const char *doc_path;           /* the file `doc` came from, never written over;
					 * may be NULL */
} vndoc_batch_input;

/**
 * Runs the batch over the registration file `in` (the totals the summary
 * prints are counted unless the data gives them).  Data that cannot be
 * read stops the run before anything is written.  Writes, in out_dir: ke-hoach.{docx,pdf},
 * tong-hop.{docx,pdf}, <unit-slug>/bieu-dang-ky.{docx,pdf}, manifest.json
 * (manifest-K-of-N.json for a shard) and report.txt (the check findings).
 * A unit with findings or whose merge fails is skipped and recorded; the
 * others are produced.  While it runs, the batch holds a lock in its own
 * folder OUT/.vndoc (a second run writing the same manifest refuses) and
 * makes its temporary files there (batch/outdir.c); a unit folder that is a
 * symbolic link is refused.  Files an earlier run's manifest.json listed
 * that this run does not make are removed when still as written (res:
 * removed, notes).  A data file that changes during the run fails it
 * (VNDOC_EIO) with no manifest written.  Returns 0 when everything was produced,
 * VNDOC_EDATA when some item failed, or another negative code when the
 * run could not start (templates, out_dir).
 */
int vndoc_batch_run(const vndoc_batch_input *in, const vndoc_batch_options *opts, vndoc_batch_result *res,
		    vndoc_error *err);

/**
 * Units' folder names as the batch gives them, in data order: a unit's
 * name folded to a slug, "-2", "-3", … when an earlier unit took it.
 * vndoc_batch_slugs_next returns a malloc'd name for the next unit.
 */
typedef struct vndoc_batch_slugs vndoc_batch_slugs;
vndoc_batch_slugs *vndoc_batch_slugs_new(void);
char *vndoc_batch_slugs_next(vndoc_batch_slugs *s, const char *name);
void vndoc_batch_slugs_free(vndoc_batch_slugs *s);

#endif
