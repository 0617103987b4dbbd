/*
 * serve/serve_internal.h: the pieces of the server, one concern a file
 * (private to src/serve).
 */
#ifndef VNDOC_SERVE_INTERNAL_H
#define VNDOC_SERVE_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "core/error.h"
#include "core/limits.h"
#include "serve/serve.h"

/* A status that is not a vndoc_code: the work queue is full (503). */
#define VNDOC_SERVE_EBUSY (-100)

/* A campaign's ID: YYYYMMDD-HHMMSS-xxxx. */
#define VNDOC_SERVE_ID_LEN 20

/* jobs.c: a bounded pool of worker threads.  A request thread hands its
 * heavy work to the pool and waits for it; when VNDOC_LIMIT_SERVE_QUEUE
 * jobs already wait, it is answered 503 instead. */
typedef struct vndoc_serve_jobs vndoc_serve_jobs;
struct vndoc_layout_fonts;
/* What a job gets: its worker's fonts (made on first use, kept). */
typedef struct vndoc_serve_worker {
	struct vndoc_layout_fonts *fonts;
} vndoc_serve_worker;
typedef int (*vndoc_serve_job_fn)(vndoc_serve_worker *w, void *arg);

vndoc_serve_jobs *vndoc_serve__jobs_new(int workers);
/** Runs fn(arg) on a worker and waits: its return, or VNDOC_SERVE_EBUSY. */
int vndoc_serve__jobs_run(vndoc_serve_jobs *j, vndoc_serve_job_fn fn, void *arg);
void vndoc_serve__jobs_free(vndoc_serve_jobs *j);

/* events.c: what happens to campaigns, for their event streams (SSE). */
typedef struct vndoc_serve_events vndoc_serve_events;
vndoc_serve_events *vndoc_serve__events_new(void);
/** Posts `event: NAME` with JSON `data` (stolen) to campaign `id`'s streams. */
void vndoc_serve__events_post(vndoc_serve_events *ev, const char *id, const char *name, json_t *data);
/** Ends every stream (the server stops). */
void vndoc_serve__events_close(vndoc_serve_events *ev);
void vndoc_serve__events_free(vndoc_serve_events *ev);
struct MHD_Response;
/** A response streaming campaign `id`'s events until the client leaves. */
struct MHD_Response *vndoc_serve__events_response(vndoc_serve_events *ev, const char *id);

struct vndoc_server {
	struct MHD_Daemon *daemon;
	char dir[4096];         /* the campaigns */
	char tmp[4200];         /* DIR/.tmp: uploads being received, emptied at start */
	char templates[4096];
	char url[256];
	char csrf[33];
	char token[65];
	bool need_token;        /* bound to an address other than loopback */
	int batch_jobs;         /* threads of a batch a worker runs (-j: the cores a
				 * single download may take) */
	vndoc_serve_jobs *jobs;
	vndoc_serve_events *events;
	pthread_mutex_t store;  /* numbering forms, creating and removing campaigns */
	pthread_mutex_t build[16]; /* a campaign's downloads, its previews, made one at a time
				    * (download.h: vndoc_serve__campaign_lock) */
};

/* util.c */
/** n random bytes as 2n hex characters (and a NUL) from /dev/urandom. */
int vndoc_serve__random_hex(char *out, size_t n);
/** A campaign ID as the API writes it (nothing else reaches a path). */
bool vndoc_serve__valid_id(const char *s);
/** "2026-12-07T14:30:00Z" for `t`. */
void vndoc_serve__iso_time(char out[32], long long t);
/** Writes `j` (not stolen) to `path` atomically (temporary, fsync, rename). */
int vndoc_serve__write_json(const char *path, const json_t *j, vndoc_error *err);
/** Reads a JSON file (NULL when missing or bad). */
json_t *vndoc_serve__read_json(const char *path);
/** fsync of a folder, so that a rename in it survives a crash. */
void vndoc_serve__sync_dir(const char *dir);
/** Removes a folder and what it holds (no symbolic link is followed). */
int vndoc_serve__remove_tree(const char *path);
/** The lower-cased extension of a file name ("" when none), at most 7 bytes. */
void vndoc_serve__extension(char out[8], const char *name);
/** Makes `s` valid UTF-8 in place: a byte that is not (a message cut
 * inside a character) becomes '?'. */
void vndoc_serve__utf8_fix(char *s);
/** `err` as one line, its file named `name` instead of a temporary path,
 * valid UTF-8. */
void vndoc_serve__error_line(char *out, size_t size, const vndoc_error *err, const char *name);

/** A JSON string's text, "" for anything else. */
const char *vndoc_serve__jstr(const json_t *j);
struct vndoc_finding;
/** A check finding as the API shows it: unit, table, row, column, rule,
 * message ("ca_nhan[1].chuc_vu": table ca_nhan, row 2, column chuc_vu),
 * and `file` when given. */
json_t *vndoc_serve__finding_json(const struct vndoc_finding *f, const char *file);

/* upload.c: multipart/form-data bodies streamed into temporary files. */
typedef struct vndoc_serve_file {
	char key[16];           /* the part's name: data, doc, form */
	char *name;             /* the file name as sent (a string, never a path) */
	char tmp[4300];         /* where its bytes are, until taken */
	int fd;
	size_t size;
} vndoc_serve_file;

typedef struct vndoc_serve_upload {
	struct MHD_PostProcessor *pp;
	const char *tmpdir;
	vndoc_serve_file *files;
	size_t n, cap;
	char name[VNDOC_LIMIT_SERVE_FIELD_BYTES + 1];
	size_t name_len;
	size_t total;            /* body bytes so far */
	int status;              /* 0, or the HTTP status that ends the request */
	char error[256];
} vndoc_serve_upload;

#endif
