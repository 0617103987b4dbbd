/*
 * tmpl/media.h: the parts pictures from data add to a merged package
 * (media.c): media files, relationships, content types.
 */
#ifndef VNDOC_TMPL_MEDIA_H
#define VNDOC_TMPL_MEDIA_H

#include "tmpl/tmpl_internal.h"

/* Parts to add to the package: names owned, data owned when owned[i]. */
typedef struct {
	vndoc_part *parts;
	char **owned;
	size_t n, cap;
} vndoc_tmpl__extra;

/** The parts for the pictures of the merged parts names[i] (media[i]). */
int vndoc_tmpl__media_parts(vndoc_tmpl__extra *x, const vndoc_package *pkg, const char *const *names,
			    const vndoc_tmpl__media *media, size_t n, vndoc_error *err);

void vndoc_tmpl__extra_dispose(vndoc_tmpl__extra *x);

#endif
