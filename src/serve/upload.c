/*
 * serve/upload.c: a multipart/form-data body parsed as it arrives
 * (libmicrohttpd's post processor), each file part streamed into a
 * temporary file of DIR/.tmp, so memory stays flat however large the
 * upload.  Limits: VNDOC_LIMIT_SERVE_FILE_BYTES a file,
 * VNDOC_LIMIT_SERVE_FILES files, VNDOC_LIMIT_SERVE_REQUEST_BYTES in all
 * (413 past any of them); a body the parser refuses is 400.  File names
 * are kept as strings only: the temporary name is mkstemp's.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <microhttpd.h>

#include "core/alloc.h"
#include "serve/serve_internal.h"
#include "serve/upload.h"

static enum MHD_Result fail(vndoc_serve_upload *u, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum MHD_Result fail(vndoc_serve_upload *u, int status, const char *fmt, ...)
{
	va_list ap;

	if (!u->status) {
		u->status = status;
		va_start(ap, fmt);
		vsnprintf(u->error, sizeof u->error, fmt, ap);
		va_end(ap);
	}
	return MHD_NO;
}

/* A name as the client sent it, made valid UTF-8 (each bad byte U+FFFD),
 * so that it can stand in JSON (malloc'd). */
static char *valid_utf8(const char *s, size_t len)
{
	gchar *g = g_utf8_make_valid(s, (gssize)len);
	char *out = vndoc_xstrdup(g);
	g_free(g);
	return out;
}

static vndoc_serve_file *new_file(vndoc_serve_upload *u, const char *key, const char *filename)
{
	vndoc_serve_file *f;

	if (u->n == u->cap) {
		u->cap = u->cap ? u->cap * 2 : 8;
		u->files = vndoc_xreallocarray(u->files, u->cap, sizeof *u->files);
	}
	f = &u->files[u->n];
	memset(f, 0, sizeof *f);
	snprintf(f->key, sizeof f->key, "%s", key);
	f->name = valid_utf8(filename, strlen(filename));
	snprintf(f->tmp, sizeof f->tmp, "%s/up-XXXXXX", u->tmpdir);
	if ((f->fd = mkostemp(f->tmp, O_CLOEXEC)) < 0) {
		free(f->name);
		return NULL;
	}
	u->n++;
	return f;
}

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
			       const char *content_type, const char *transfer_encoding, const char *data,
			       uint64_t off, size_t size)
{
	vndoc_serve_upload *u = cls;
	vndoc_serve_file *f = u->n ? &u->files[u->n - 1] : NULL;

	(void)kind;
	(void)content_type;
	(void)transfer_encoding;
	if (u->status)
		return MHD_NO;
	if (!filename) {
		/* A text field: only the campaign's name is kept. */
		if (strcmp(key, "name"))
			return MHD_YES;
		if (off == 0)
			u->name_len = 0;
		if (u->name_len + size > VNDOC_LIMIT_SERVE_FIELD_BYTES)
			return fail(u, 413, "the field 'name' is longer than %d bytes", VNDOC_LIMIT_SERVE_FIELD_BYTES);
		memcpy(u->name + u->name_len, data, size);
		u->name_len += size;
		u->name[u->name_len] = '\0';
		return MHD_YES;
	}
	if (strcmp(key, "data") && strcmp(key, "doc") && strcmp(key, "form"))
		return MHD_YES; /* a part no route reads */
	if (off == 0 || !f || f->fd < 0 || strcmp(f->key, key)) {
		if (u->n >= VNDOC_LIMIT_SERVE_FILES)
			return fail(u, 413, "more than %d files in one request", VNDOC_LIMIT_SERVE_FILES);
		if (f && f->fd >= 0) {
			close(f->fd);
			f->fd = -1;
		}
		if (!(f = new_file(u, key, filename)))
			return fail(u, 500, "cannot make a temporary file");
	}
	if (f->size + size > VNDOC_LIMIT_SERVE_FILE_BYTES)
		return fail(u, 413, "%s is larger than the limit of %u MiB", f->name, VNDOC_LIMIT_SERVE_FILE_BYTES >> 20);
	for (size_t done = 0; done < size;) {
		ssize_t w = write(f->fd, data + done, size - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return fail(u, 500, "cannot write the upload to the disk");
		done += (size_t)w;
	}
	f->size += size;
	return MHD_YES;
}

int vndoc_serve__upload_begin(vndoc_serve_upload *u, struct MHD_Connection *c, const char *tmpdir)
{
	memset(u, 0, sizeof *u);
	u->tmpdir = tmpdir;
	u->pp = MHD_create_post_processor(c, 64 * 1024, on_part, u);
	if (!u->pp) {
		u->status = 400;
		snprintf(u->error, sizeof u->error, "the body is not multipart/form-data");
		return -1;
	}
	return 0;
}

int vndoc_serve__upload_feed(vndoc_serve_upload *u, const char *data, size_t size)
{
	u->total += size;
	if (u->total > VNDOC_LIMIT_SERVE_REQUEST_BYTES) {
		fail(u, 413, "the request is larger than the limit of %u MiB", VNDOC_LIMIT_SERVE_REQUEST_BYTES >> 20);
		return -1;
	}
	if (u->status)
		return 0; /* refused already: the rest is dropped */
	if (MHD_post_process(u->pp, data, size) != MHD_YES && !u->status)
		fail(u, 400, "malformed multipart body");
	return 0;
}

int vndoc_serve__upload_end(vndoc_serve_upload *u)
{
	if (u->name_len && !g_utf8_validate(u->name, (gssize)u->name_len, NULL)) {
		char *v = valid_utf8(u->name, u->name_len);
		snprintf(u->name, sizeof u->name, "%s", v);
		u->name_len = strlen(u->name);
		free(v);
	}
	if (u->pp && MHD_destroy_post_processor(u->pp) != MHD_YES && !u->status)
		fail(u, 400, "malformed multipart body (it ends inside a part)");
	u->pp = NULL;
	for (size_t i = 0; i < u->n; i++) {
		vndoc_serve_file *f = &u->files[i];
		if (f->fd >= 0) {
			if (!u->status && fsync(f->fd) < 0)
				fail(u, 500, "cannot write the upload to the disk");
			close(f->fd);
			f->fd = -1;
		}
	}
	return u->status ? -1 : 0;
}

void vndoc_serve__upload_dispose(vndoc_serve_upload *u)
{
	if (u->pp)
		MHD_destroy_post_processor(u->pp);
	u->pp = NULL;
	for (size_t i = 0; i < u->n; i++) {
		if (u->files[i].fd >= 0)
			close(u->files[i].fd);
		if (u->files[i].tmp[0])
			unlink(u->files[i].tmp);
		free(u->files[i].name);
	}
	free(u->files);
	u->files = NULL;
	u->n = u->cap = 0;
}

const vndoc_serve_file *vndoc_serve__upload_file(const vndoc_serve_upload *u, const char *key)
{
	for (size_t i = 0; i < u->n; i++)
		if (!strcmp(u->files[i].key, key))
			return &u->files[i];
	return NULL;
}
