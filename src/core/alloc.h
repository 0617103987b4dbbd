/*
 * core/alloc.h: allocation that cannot fail.  Running out of memory prints
 * one line and aborts, as cmark's default allocator and GLib's g_malloc do;
 * sizes that come from input are bounded by core/limits.h before they get
 * here.
 */
#ifndef VNDOC_CORE_ALLOC_H
#define VNDOC_CORE_ALLOC_H

#include <stddef.h>
#include <stdlib.h>

void *vndoc_xmalloc(size_t size);
void *vndoc_xcalloc(size_t n, size_t size);
void *vndoc_xrealloc(void *ptr, size_t size);
/** realloc of n * size bytes with an overflow check. */
void *vndoc_xreallocarray(void *ptr, size_t n, size_t size);
char *vndoc_xstrdup(const char *s);
/** Copies `len` bytes and adds a NUL. */
char *vndoc_xstrndup(const char *s, size_t len);

#endif
