/*
 * serve/download.h: the files a campaign offers (download.c, preview.c;
 * private to src/serve).
 */
#ifndef VNDOC_SERVE_DOWNLOAD_H
#define VNDOC_SERVE_DOWNLOAD_H

#include "serve/campaign.h"

/** Whether `what` is a download's name (blank.zip, plan.pdf, ...). */
bool vndoc_serve__is_download(const char *what);
/**
 * Makes download `what` of campaign `id` unless made already for the same
 * inputs (on a worker, with progress events), opens it into *fd and sets
 * `name` to the ASCII file name to offer.  0, or -1 with `out` set to
 * the error to answer.
 */
int vndoc_serve__download(vndoc_server *s, const char *id, const char *what, int *fd, char *name, size_t name_size,
			  vndoc_serve_reply *out);
/** The PNG of the first page of form `n` (preview.c): as vndoc_serve__download. */
int vndoc_serve__preview(vndoc_server *s, const char *id, long n, int *fd, vndoc_serve_reply *out);
/** The lock a campaign's downloads (`what` "downloads") or previews
 * ("previews") are made under, one at a time; a recursive mutex (two
 * keys may share one). */
pthread_mutex_t *vndoc_serve__campaign_lock(vndoc_server *s, const char *id, const char *what);

#endif
