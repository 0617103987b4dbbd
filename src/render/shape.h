/*
 * render/shape.h: drawing and printing the shapes of a layout (lines,
 * rectangles, ellipses, paths: vndoc_docx_shape), shared by the PDF and
 * PNG backends (pdf.c) and the text dump (dump.c).  Private to src/render.
 */
#ifndef VNDOC_RENDER_SHAPE_H
#define VNDOC_RENDER_SHAPE_H

#include <cairo.h>

#include "core/buf.h"
#include "docx/docx.h"

/**
 * Draws shape `s` in the box x, y, w, h (points; the shape's own box is
 * not used): rotated about the box's centre and flipped as it says, its
 * fill then its outline (width, dashes, colour, arrowheads).  PICTURE
 * shapes are drawn as pictures by the caller: nothing here.
 */
void vndoc_render__draw_shape(cairo_t *cr, const vndoc_docx_shape *s, double x, double y, double w,
			      double h);

/**
 * Appends one dump line for shape `s` in the box x, y, w, h:
 *
 *   shape rect x=85.0 y=56.7 w=100.0 h=50.0 stroke=0.8 #000000 solid fill=#FFFFFF
 *
 * then, when they apply: " rot=90", " flip=h" / "v" / "hv", " radius=R",
 * " arrows=head" / "tail" / "both", " path=N" (its segments); "stroke=none"
 * and no fill= when there is none.
 */
void vndoc_render__dump_shape(vndoc_buf *out, const vndoc_docx_shape *s, double x, double y, double w,
			      double h);

#endif
