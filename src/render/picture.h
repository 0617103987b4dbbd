/*
 * render/picture.h: the pixels Cairo draws a picture from (render/picture.c),
 * for the PDF and the PNG pages alike.
 */
#ifndef VNDOC_RENDER_PICTURE_H
#define VNDOC_RENDER_PICTURE_H

#include <stdbool.h>
#include <stddef.h>

#include <cairo.h>

#include "docx/docx.h"

/**
 * The surface of picture `img`: PNG decoded by Cairo, GIF by giflib; JPEG
 * for a PDF (`pdf`): an empty surface carrying the file, which the PDF
 * embeds as it is; JPEG for a PNG page, and CMYK JPEG for a PDF: decoded
 * by libjpeg.  NULL for a
 * picture drawn as an empty frame (a FRAME picture, or one that does not
 * decode).  What is drawn wrong or not at all is said in `note` ("" when
 * all went well), e.g. "picture word/media/a.jpeg is damaged, drawn as
 * decoded (Premature end of JPEG file)".
 */
cairo_surface_t *vndoc_render__picture_surface(const vndoc_docx_image *img, bool pdf, char *note, size_t size);

/**
 * Draws surface `s` (vndoc_render__picture_surface's) filling the box
 * x, y, w, h; an empty frame when `s` is NULL: a thin grey outline and
 * its diagonals, the picture's room kept.
 */
void vndoc_render__picture_draw(cairo_t *cr, cairo_surface_t *s, double x, double y, double w, double h);

#endif
