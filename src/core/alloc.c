#include "core/alloc.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void oom(size_t size)
{
	fprintf(stderr, "vndoc: out of memory (%zu bytes)\n", size);
	abort();
}

void *vndoc_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		oom(size);
	return p;
}

void *vndoc_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom(n * size);
	return p;
}

void *vndoc_xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		oom(size);
	return p;
}

void *vndoc_xreallocarray(void *ptr, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		oom(SIZE_MAX);
	return vndoc_xrealloc(ptr, n * size);
}

char *vndoc_xstrndup(const char *s, size_t len)
{
	char *p = vndoc_xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *vndoc_xstrdup(const char *s)
{
	return vndoc_xstrndup(s, strlen(s));
}
