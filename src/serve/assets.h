/*
 * serve/assets.h: the page's files (src/serve/page/), embedded into the
 * binary when it is built (cmake/EmbedFiles.cmake writes assets.c).
 */
#ifndef VNDOC_SERVE_ASSETS_H
#define VNDOC_SERVE_ASSETS_H

#include <stddef.h>

typedef struct vndoc_serve_asset {
	const char *name;  /* "index.html", "app.js", "style.css" */
	const char *type;  /* its Content-Type */
	const char *data;
	size_t len;
} vndoc_serve_asset;

/** The embedded file `name`, or NULL. */
const vndoc_serve_asset *vndoc_serve__asset(const char *name);

#endif
