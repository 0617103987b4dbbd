/*
 * render/text.h: drawing a laid-out line of text (render/text.c), for the
 * PDF and PNG backends (pdf.c).  Private to src/render.
 */
#ifndef VNDOC_RENDER_TEXT_H
#define VNDOC_RENDER_TEXT_H

#include <cairo.h>
#include <pango/pango.h>

/**
 * Draws `line` with the left end of its baseline at (x, baseline), in the
 * current source colour where its runs set none.  A line with a
 * right-to-left run (Arabic, Persian, Hebrew) is written into the PDF in
 * visual order, left to right, glyph by glyph as it is seen, each glyph
 * carrying the characters of its cluster, as LibreOffice writes it:
 * Cairo writes a right-to-left run in logical order, each glyph to the
 * left of the one before, and text extraction (pdftotext -bbox, copying
 * from a viewer) then cuts every Arabic word into single letters.  The
 * hyphen drawn where a line breaks at a soft hyphen is written as "-", as
 * LibreOffice and Word write it (Cairo wrote U+00AD).  Other lines are
 * drawn by pango_cairo_show_layout_line, as before.
 */
void vndoc_render__show_line(cairo_t *cr, PangoLayoutLine *line, double x, double baseline);

#endif
