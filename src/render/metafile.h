/*
 * render/metafile.h: EMF pictures played onto Cairo (render/metafile.c).
 */
#ifndef VNDOC_RENDER_METAFILE_H
#define VNDOC_RENDER_METAFILE_H

#include <cairo.h>

#include "docx/docx.h"

/**
 * The EMF picture `img` drawn on a recording surface (vectors, kept as
 * such in a PDF) whose extents are its frame in points; NULL when the
 * file cannot be read (docx/picture.c checked it: not expected).
 */
cairo_surface_t *vndoc_render__metafile_surface(const vndoc_docx_image *img);

#endif
