#include "core/error.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

void vndoc_error_clear(vndoc_error *err)
{
	if (err)
		memset(err, 0, sizeof(*err));
}

int vndoc_error_vset(vndoc_error *err, vndoc_code code, const char *fmt, va_list ap)
{
	if (err) {
		err->code = code;
		vsnprintf(err->message, sizeof(err->message), fmt, ap);
	}
	return code;
}

int vndoc_error_set(vndoc_error *err, vndoc_code code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vndoc_error_vset(err, code, fmt, ap);
	va_end(ap);
	return code;
}

int vndoc_error_set_sys(vndoc_error *err, vndoc_code code, int sys_errno, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vndoc_error_vset(err, code, fmt, ap);
	va_end(ap);
	if (err) {
		size_t n = strlen(err->message);
		err->sys_errno = sys_errno;
		if (sys_errno && n < sizeof(err->message) - 3)
			snprintf(err->message + n, sizeof(err->message) - n, ": %s", strerror(sys_errno));
	}
	return code;
}

/* Copies at most `len` bytes of `src` into `dst`, cutting on a UTF-8
 * character boundary so that a truncated field is still valid text. */
static void copy_utf8(char *dst, size_t size, const char *src, size_t len)
{
	if (len >= size) {
		len = size - 1;
		while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(dst, src, len);
	dst[len] = '\0';
}

void vndoc_error_set_file(vndoc_error *err, const char *file)
{
	if (err && file && !err->file[0])
		copy_utf8(err->file, sizeof(err->file), file, strlen(file));
}

void vndoc_error_set_part(vndoc_error *err, const char *part)
{
	if (err && part && !err->part[0])
		copy_utf8(err->part, sizeof(err->part), part, strlen(part));
}

void vndoc_error_set_tag(vndoc_error *err, const char *tag, size_t len)
{
	if (err && tag && !err->tag[0])
		copy_utf8(err->tag, sizeof(err->tag), tag, len);
}

void vndoc_error_set_excerpt(vndoc_error *err, const char *text, size_t len)
{
	if (err && text && !err->excerpt[0])
		copy_utf8(err->excerpt, sizeof(err->excerpt), text, len);
}

void vndoc_error_set_pos(vndoc_error *err, long line, long column)
{
	if (err && !err->line) {
		err->line = line;
		err->column = column;
	}
}

/* Appends to out[*n…size), truncating silently: a message cut short is
 * still a message. */
static void put(char *out, size_t size, size_t *n, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void put(char *out, size_t size, size_t *n, const char *fmt, ...)
{
	va_list ap;
	int w;

	va_start(ap, fmt);
	w = vsnprintf(out + *n, size - *n, fmt, ap);
	va_end(ap);
	if (w > 0)
		*n = (size_t)w >= size - *n ? size - 1 : *n + (size_t)w;
}

char *vndoc_error_format(const vndoc_error *err, char *out, size_t size)
{
	size_t n = 0;

	if (!size)
		return out;
	out[0] = '\0';
	if (!err)
		return out;
	if (err->file[0])
		put(out, size, &n, "%s", err->file);
	if (err->part[0])
		put(out, size, &n, "[%s]", err->part);
	if (err->row)
		put(out, size, &n, "%srow %ld", n ? ":" : "", err->row);
	if (err->line) {
		put(out, size, &n, ":%ld", err->line);
		if (err->column)
			put(out, size, &n, ":%ld", err->column);
	}
	if (n)
		put(out, size, &n, ": ");
	if (err->tag[0])
		put(out, size, &n, "%s: ", err->tag);
	put(out, size, &n, "%s", err->message[0] ? err->message : vndoc_error_code_name(err->code));
	if (err->excerpt[0])
		put(out, size, &n, " (in \"%s\")", err->excerpt);
	return out;
}

const char *vndoc_error_code_name(vndoc_code code)
{
	switch (code) {
	case VNDOC_OK: return "ok";
	case VNDOC_EIO: return "i/o error";
	case VNDOC_EFORMAT: return "format error";
	case VNDOC_ELIMIT: return "limit exceeded";
	case VNDOC_ETEMPLATE: return "template error";
	case VNDOC_EDATA: return "data error";
	case VNDOC_EFONT: return "font error";
	case VNDOC_EINVAL: return "invalid argument";
	case VNDOC_EUNSUPPORTED: return "unsupported";
	}
	return "error";
}

void vndoc_error_list_push(vndoc_error_list *list, const vndoc_error *err)
{
	if (list->max && list->count >= list->max) {
		list->dropped++;
		return;
	}
	if (list->count == list->cap) {
		list->cap = list->cap ? list->cap * 2 : 8;
		list->items = vndoc_xreallocarray(list->items, list->cap, sizeof(*list->items));
	}
	list->items[list->count++] = *err;
}

void vndoc_error_list_dispose(vndoc_error_list *list)
{
	free(list->items);
	list->items = NULL;
	list->count = list->cap = list->dropped = list->shown = 0;
}
