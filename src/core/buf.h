/*
 * core/buf.h: a growable byte buffer with a size limit and a sticky failure
 * (cmark's buffer, libgit2's git_str, curl's dynbuf).
 *
 * Invariants: `ptr` is never NULL and the contents are always NUL-terminated
 * (it points at a static empty string until the first growth); `len <= max`.
 * Once an append fails (the limit was reached), the buffer is marked failed
 * and every later append is a no-op returning VNDOC_ELIMIT, so a series of
 * appends can be checked once with vndoc_buf_failed().
 */
#ifndef VNDOC_CORE_BUF_H
#define VNDOC_CORE_BUF_H

#include <stddef.h>

#include "core/error.h"

typedef struct vndoc_buf {
	char *ptr;
	size_t len, cap, max;
	int failed;
} vndoc_buf;

extern char vndoc_buf__empty[1];

#define VNDOC_BUF_INIT(max) { vndoc_buf__empty, 0, 0, (max), 0 }

void vndoc_buf_init(vndoc_buf *b, size_t max);
/** Makes room for `extra` more bytes.  0 or VNDOC_ELIMIT. */
int vndoc_buf_grow(vndoc_buf *b, size_t extra);
int vndoc_buf_put(vndoc_buf *b, const void *data, size_t len);
int vndoc_buf_puts(vndoc_buf *b, const char *s);
int vndoc_buf_putc(vndoc_buf *b, char c);
int vndoc_buf_printf(vndoc_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** Sets the length to 0, keeping the allocation (and clearing `failed`). */
void vndoc_buf_clear(vndoc_buf *b);
/** Shortens the contents to `len` bytes (no-op if already shorter). */
void vndoc_buf_truncate(vndoc_buf *b, size_t len);
static inline int vndoc_buf_failed(const vndoc_buf *b) { return b->failed; }
/** Hands the bytes to the caller, who frees them with free(); `len_out`
 * may be NULL.  The buffer is left empty and usable. */
char *vndoc_buf_detach(vndoc_buf *b, size_t *len_out);
/** Releases the contents; the struct belongs to the caller. */
void vndoc_buf_dispose(vndoc_buf *b);

#endif
