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

/*
 * Fewer segments, the same strokes.  A path is stroked as one shape, the
 * union of what its segments cover, painted once: a segment drawn twice
 * (the edge two cells share, each drawing its own) paints nothing more.
 * Solid segments on one line that touch or overlap cover together what
 * one segment from the first's start to the last's end covers, with any
 * cap (butt, square or round: each segment widened by the same shape, and
 * the union of the widened segments is the widened union).  Dashes start
 * anew at each segment, so dashed and dotted ones are only kept once
 * each, in their order.  Cairo's PDF surface writes each number of a path
 * with printf: 03-bang-dai's pages spent more on their borders' numbers
 * than on their text (2,024 segments).
 */

/* 0 horizontal, 1 vertical, 2 neither */
static int seg_kind(const seg *s)
{
	return s->y0 == s->y1 ? 0 : s->x0 == s->x1 ? 1 : 2;
}

/* the line a horizontal or vertical segment lies on, its start and end */
static double seg_line(const seg *s)
{
	return seg_kind(s) == 0 ? s->y0 : s->x0;
}

static double seg_start(const seg *s)
{
	return seg_kind(s) == 0 ? s->x0 : s->y0;
}

static double seg_end(const seg *s)
{
	return seg_kind(s) == 0 ? s->x1 : s->y1;
}

static int seg_cmp(const void *pa, const void *pb)
{
	const seg *a = pa, *b = pb;
	int ka = seg_kind(a), kb = seg_kind(b);
	if (ka != kb)
		return ka < kb ? -1 : 1;
	if (seg_line(a) != seg_line(b))
		return seg_line(a) < seg_line(b) ? -1 : 1;
	if (seg_start(a) != seg_start(b))
		return seg_start(a) < seg_start(b) ? -1 : 1;
	return 0;
}

/* Solid segments: the horizontal and vertical ones turned to run left to
 * right and top to bottom, sorted by line, and those on one line that
 * touch or overlap made one; the others after them as they came.  Returns
 * how many are left, at the array's start. */
static size_t merge(seg *s, size_t n)
{
	size_t axis = 0, n_others = 0, out = 0;
	seg *others = NULL;
	for (size_t k = 0; k < n; k++) {
		seg t = s[k];
		if (seg_kind(&t) == 2) {
			if (!others)
				others = vndoc_xreallocarray(NULL, n, sizeof *others);
			others[n_others++] = t;
			continue;
		}
		if (t.x0 > t.x1 || t.y0 > t.y1)
			t = (seg){ t.x1, t.y1, t.x0, t.y0 };
		s[axis++] = t;
	}
	qsort(s, axis, sizeof *s, seg_cmp);
	for (size_t k = 0; k < axis; k++) {
		seg *last = out ? &s[out - 1] : NULL;
		if (last && seg_kind(last) == seg_kind(&s[k]) && seg_line(last) == seg_line(&s[k]) &&
		    seg_start(&s[k]) <= seg_end(last)) {
			if (seg_end(&s[k]) > seg_end(last)) {
				last->x1 = s[k].x1;
				last->y1 = s[k].y1;
			}
			continue;
		}
		s[out++] = s[k];
	}
	if (n_others)
		memcpy(s + out, others, n_others * sizeof *others);
	free(others);
	return out + n_others;
}

/* Dashed segments: each kept once, where it first came. */
static size_t drop_repeats(seg *s, size_t n)
{
	size_t out = 0;
	for (size_t k = 0; k < n; k++) {
		size_t j = 0;
		while (j < out && memcmp(&s[j], &s[k], sizeof *s))
			j++;
		if (j == out)
			s[out++] = s[k];
	}
	return out;
}

void vndoc_render__edges_flush(vndoc_render_edges *e, cairo_t *cr)
{
	for (size_t i = 0; i < e->n; i++) {
		vndoc_render_edge_group *g = &e->groups[i];
		size_t n;
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
		n = g->dash == VNDOC_DOCX_BORDER_SINGLE ? merge(g->segs, g->n) : drop_repeats(g->segs, g->n);
		for (size_t k = 0; k < n; k++) {
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
