/*
 * render/edges.c: borders gathered by look and stroked as one path each
 * (edges.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "render/edges.h"

/* One segment of a path. */
typedef struct seg {
	double x0, y0, x1, y1;
} seg;

/* The edges of one look, in the order they were added. */
struct vndoc_render_edge_group {
	double width;
	uint32_t color;
	vndoc_docx_border_style dash; /* DOTTED, DASHED or anything else: solid */
	cairo_line_cap_t cap;
	seg *segs;
	size_t n, cap_segs;
};

static vndoc_render_edge_group *group_of(vndoc_render_edges *e, double width, uint32_t color,
					 vndoc_docx_border_style dash, cairo_line_cap_t cap)
{
	vndoc_render_edge_group *g;
	for (size_t i = 0; i < e->n; i++) {
		g = &e->groups[i];
		if (g->width == width && g->color == color && g->dash == dash && g->cap == cap)
			return g;
	}
	if (e->n == e->cap) {
		size_t cap_n = e->cap ? 2 * e->cap : 4;
		e->groups = vndoc_xreallocarray(e->groups, cap_n, sizeof *e->groups);
		memset(e->groups + e->cap, 0, (cap_n - e->cap) * sizeof *e->groups);
		e->cap = cap_n;
	}
	g = &e->groups[e->n++];
	g->width = width;
	g->color = color;
	g->dash = dash;
	g->cap = cap;
	g->n = 0; /* its segments' memory is reused from an earlier page */
	return g;
}

static void push(vndoc_render_edge_group *g, double x0, double y0, double x1, double y1)
{
	if (g->n == g->cap_segs) {
		g->cap_segs = g->cap_segs ? 2 * g->cap_segs : 64;
		g->segs = vndoc_xreallocarray(g->segs, g->cap_segs, sizeof *g->segs);
	}
	g->segs[g->n++] = (seg){ x0, y0, x1, y1 };
}

void vndoc_render__edges_add(vndoc_render_edges *e, const vndoc_docx_border *b, cairo_line_cap_t cap,
			     double x0, double y0, double x1, double y1, double nx, double ny)
{
	double w = b->size > 0 ? b->size / 8.0 : 0.5;
	vndoc_docx_border_style dash = VNDOC_DOCX_BORDER_SINGLE;
	vndoc_render_edge_group *g;

	if (b->style == VNDOC_DOCX_BORDER_NONE)
		return;
	if (w < 0.25)
		w = 0.25;
	if (b->style == VNDOC_DOCX_BORDER_DOTTED || b->style == VNDOC_DOCX_BORDER_DASHED) {
		dash = b->style;
		cap = CAIRO_LINE_CAP_BUTT; /* dashes end where they end */
	}
	g = group_of(e, w, b->color, dash, cap);
	if (b->style == VNDOC_DOCX_BORDER_DOUBLE) {
		/* two lines of width w with a gap of w, centred on the edge */
		push(g, x0 - nx * w, y0 - ny * w, x1 - nx * w, y1 - ny * w);
		push(g, x0 + nx * w, y0 + ny * w, x1 + nx * w, y1 + ny * w);
	} else {
		push(g, x0, y0, x1, y1);
	}
}

void vndoc_render__edges_flush(vndoc_render_edges *e, cairo_t *cr)
{
	for (size_t i = 0; i < e->n; i++) {
		const vndoc_render_edge_group *g = &e->groups[i];
		if (!g->n)
			continue;
		cairo_save(cr);
		cairo_set_source_rgb(cr, ((g->color >> 16) & 0xff) / 255.0, ((g->color >> 8) & 0xff) / 255.0,
				     (g->color & 0xff) / 255.0);
		cairo_set_line_width(cr, g->width);
		cairo_set_line_cap(cr, g->cap);
		if (g->dash != VNDOC_DOCX_BORDER_SINGLE) {
			/* dots as long as the line is wide, dashes four times; each
			 * edge a subpath of its own, so each starts its pattern anew */
			double dash[2] = { g->dash == VNDOC_DOCX_BORDER_DOTTED ? g->width : 4 * g->width,
					   2 * g->width };
			cairo_set_dash(cr, dash, 2, 0);
		}
		cairo_new_path(cr);
		for (size_t k = 0; k < g->n; k++) {
			cairo_move_to(cr, g->segs[k].x0, g->segs[k].y0);
			cairo_line_to(cr, g->segs[k].x1, g->segs[k].y1);
		}
		cairo_stroke(cr);
		cairo_restore(cr);
	}
	e->n = 0;
}

void vndoc_render__edges_dispose(vndoc_render_edges *e)
{
	/* groups past e->n keep their segments' memory too */
	for (size_t i = 0; i < e->cap; i++)
		free(e->groups[i].segs);
	free(e->groups);
	memset(e, 0, sizeof *e);
}
