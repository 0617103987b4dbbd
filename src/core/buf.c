#include "core/buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

char vndoc_buf__empty[1];

void vndoc_buf_init(vndoc_buf *b, size_t max)
{
	b->ptr = vndoc_buf__empty;
	b->len = b->cap = 0;
	b->max = max;
	b->failed = 0;
}

int vndoc_buf_grow(vndoc_buf *b, size_t extra)
{
	size_t need, cap;

	if (b->failed)
		return VNDOC_ELIMIT;
	if (extra > b->max || b->len > b->max - extra) {
		b->failed = 1;
		return VNDOC_ELIMIT;
	}
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	if (b->ptr == vndoc_buf__empty) {
		b->ptr = vndoc_xmalloc(cap);
		b->ptr[0] = '\0';
	} else {
		b->ptr = vndoc_xrealloc(b->ptr, cap);
	}
	b->cap = cap;
	return 0;
}

int vndoc_buf_put(vndoc_buf *b, const void *data, size_t len)
{
	if (!len)
		return b->failed ? VNDOC_ELIMIT : 0;
	if (vndoc_buf_grow(b, len) < 0)
		return VNDOC_ELIMIT;
	memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
	return 0;
}

int vndoc_buf_puts(vndoc_buf *b, const char *s)
{
	return vndoc_buf_put(b, s, strlen(s));
}

int vndoc_buf_putc(vndoc_buf *b, char c)
{
	return vndoc_buf_put(b, &c, 1);
}

int vndoc_buf_printf(vndoc_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || vndoc_buf_grow(b, (size_t)n) < 0) {
		b->failed = 1;
		return VNDOC_ELIMIT;
	}
	va_start(ap, fmt);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

void vndoc_buf_clear(vndoc_buf *b)
{
	b->len = 0;
	b->failed = 0;
	if (b->ptr != vndoc_buf__empty)
		b->ptr[0] = '\0';
}

void vndoc_buf_truncate(vndoc_buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->ptr[len] = '\0';
	}
}

char *vndoc_buf_detach(vndoc_buf *b, size_t *len_out)
{
	char *p = b->ptr == vndoc_buf__empty ? vndoc_xstrdup("") : b->ptr;
	if (len_out)
		*len_out = b->len;
	vndoc_buf_init(b, b->max);
	return p;
}

void vndoc_buf_dispose(vndoc_buf *b)
{
	if (b->ptr != vndoc_buf__empty)
		free(b->ptr);
	vndoc_buf_init(b, b->max);
}
