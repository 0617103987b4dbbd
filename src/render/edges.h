/*
 * render/edges.h: the borders of a page (table cells' edges, paragraph
 * rules, column separators) gathered and stroked a few paths at a time.
 *
 * Stroked one by one, every edge is an operation of its own for Cairo's
 * PDF surface, which tests each against the region of all the page's
 * earlier operations when the page is shown: a long table's page of
 * 3,000 edges spent more than drawing its text (bench/render: 03-bang-dai
 * 4.1x the floor).  Edges of the same look (width, colour, dashes, cap)
 * are kept as one path and stroked once, when the page ends or before a
 * shape or picture is drawn (so those keep their order with the edges);
 * borders therefore lie over the text and cell shading of their page, as
 * Word draws them.  Private to src/render.
 */
#ifndef VNDOC_RENDER_EDGES_H
#define VNDOC_RENDER_EDGES_H

#include <cairo.h>
#include <stddef.h>

#include "docx/docx.h"

typedef struct vndoc_render_edge_group vndoc_render_edge_group;

typedef struct vndoc_render_edges {
	vndoc_render_edge_group *groups; /* in order of first use */
	size_t n, cap;
} vndoc_render_edges;

/**
 * Adds the edge from (x0, y0) to (x1, y1) drawn with border `b` and line
 * cap `cap` (nothing for no border); (nx, ny) is the unit normal a double
 * border's two lines are set apart along.
 */
void vndoc_render__edges_add(vndoc_render_edges *e, const vndoc_docx_border *b, cairo_line_cap_t cap,
			     double x0, double y0, double x1, double y1, double nx, double ny);

/** Strokes what was added onto `cr` and empties `e` (its memory kept). */
void vndoc_render__edges_flush(vndoc_render_edges *e, cairo_t *cr);

/** Frees `e`'s memory. */
void vndoc_render__edges_dispose(vndoc_render_edges *e);

#endif
