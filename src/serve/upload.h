/*
 * serve/upload.h: multipart bodies streamed into temporary files
 * (upload.c; private to src/serve).
 */
#ifndef VNDOC_SERVE_UPLOAD_H
#define VNDOC_SERVE_UPLOAD_H

#include "serve/serve_internal.h"

struct MHD_Connection;
/** Starts parsing the body of `c` into files of `tmpdir`; -1 (status 400)
 * when the body is not multipart/form-data. */
int vndoc_serve__upload_begin(vndoc_serve_upload *u, struct MHD_Connection *c, const char *tmpdir);
/** Parses more of the body; a limit or a malformed body sets u->status,
 * and the rest of the body is then dropped (so that the client, which
 * sends it all before it reads, gets the answer).  -1 past
 * VNDOC_LIMIT_SERVE_REQUEST_BYTES: the connection is to be cut. */
int vndoc_serve__upload_feed(vndoc_serve_upload *u, const char *data, size_t size);
/** The body is complete: files flushed to the disk; -1 when u->status is set. */
int vndoc_serve__upload_end(vndoc_serve_upload *u);
/** Removes the temporary files not taken (tmp[0] cleared) and frees. */
void vndoc_serve__upload_dispose(vndoc_serve_upload *u);
/** The first file of part `key`, or NULL. */
const vndoc_serve_file *vndoc_serve__upload_file(const vndoc_serve_upload *u, const char *key);

#endif
