/*
 * render/shape.c: shapes (lines, rectangles, rounded rectangles, ellipses,
 * paths) drawn with Cairo and printed in the dump.  See render/shape.h.
 */
#include <math.h>
#include <string.h>

#include "render/shape.h"

#define PI 3.14159265358979323846

static void set_rgb(cairo_t *cr, uint32_t c)
{
	cairo_set_source_rgb(cr, ((c >> 16) & 0xff) / 255.0, ((c >> 8) & 0xff) / 255.0, (c & 0xff) / 255.0);
}

/* Dashes in line widths, as DrawingML defines its preset dashes. */
static void set_dash(cairo_t *cr, vndoc_docx_dash dash, double w)
{
	static const double pattern[][6] = {
		{ 0 },
		{ 1, 3 },
		{ 4, 3 },
		{ 8, 3 },
		{ 4, 3, 1, 3 },
		{ 8, 3, 1, 3 },
		{ 8, 3, 1, 3, 1, 3 },
		{ 3, 1 },
		{ 1, 1 },
		{ 3, 1, 1, 1 },
		{ 3, 1, 1, 1, 1, 1 } };
	static const int count[] = { 0, 2, 2, 2, 4, 4, 6, 2, 2, 4, 6 };
	double d[6];
	int n;
	if ((unsigned)dash >= sizeof count / sizeof count[0] || !(n = count[dash]))
		return;
	for (int i = 0; i < n; i++)
		d[i] = pattern[dash][i] * w;
	cairo_set_dash(cr, d, n, 0);
}

static void round_rect(cairo_t *cr, double w, double h, double r)
{
	r = fmin(r, fmin(w, h) / 2);
	if (r <= 0) {
		cairo_rectangle(cr, 0, 0, w, h);
		return;
	}
	cairo_new_sub_path(cr);
	cairo_arc(cr, w - r, r, r, -PI / 2, 0);
	cairo_arc(cr, w - r, h - r, r, 0, PI / 2);
	cairo_arc(cr, r, h - r, r, PI / 2, PI);
	cairo_arc(cr, r, r, r, PI, 3 * PI / 2);
	cairo_close_path(cr);
}

static void ellipse(cairo_t *cr, double w, double h)
{
	if (w <= 0 || h <= 0) {
		/* flat: the line it comes down to */
		cairo_move_to(cr, 0, 0);
		cairo_line_to(cr, w, h);
		return;
	}
	cairo_save(cr);
	cairo_translate(cr, w / 2, h / 2);
	cairo_scale(cr, w / 2, h / 2);
	cairo_new_sub_path(cr);
	cairo_arc(cr, 0, 0, 1, 0, 2 * PI);
	cairo_close_path(cr);
	cairo_restore(cr);
}

static void path(cairo_t *cr, const vndoc_docx_shape *s, double sx, double sy)
{
	for (size_t i = 0; i < s->n_path; i++) {
		const vndoc_docx_path_op *op = &s->path[i];
		switch (op->verb) {
		case VNDOC_DOCX_PATH_MOVE:
			cairo_move_to(cr, op->x[0] * sx, op->y[0] * sy);
			break;
		case VNDOC_DOCX_PATH_LINE:
			if (!cairo_has_current_point(cr))
				cairo_move_to(cr, op->x[0] * sx, op->y[0] * sy);
			else
				cairo_line_to(cr, op->x[0] * sx, op->y[0] * sy);
			break;
		case VNDOC_DOCX_PATH_CURVE:
			if (!cairo_has_current_point(cr))
				cairo_move_to(cr, op->x[0] * sx, op->y[0] * sy);
			cairo_curve_to(cr, op->x[0] * sx, op->y[0] * sy, op->x[1] * sx, op->y[1] * sy,
				       op->x[2] * sx, op->y[2] * sy);
			break;
		case VNDOC_DOCX_PATH_CLOSE:
			cairo_close_path(cr);
			break;
		}
	}
}

/* A filled arrowhead at (x1, y1), pointing away from (x0, y0). */
static void arrowhead(cairo_t *cr, double x0, double y0, double x1, double y1, double lw)
{
	double len = 3 * fmax(lw, 1.5), dx = x1 - x0, dy = y1 - y0, d = hypot(dx, dy);
	if (d <= 0)
		return;
	dx /= d;
	dy /= d;
	cairo_move_to(cr, x1, y1);
	cairo_line_to(cr, x1 - len * dx + len / 2 * dy, y1 - len * dy - len / 2 * dx);
	cairo_line_to(cr, x1 - len * dx - len / 2 * dy, y1 - len * dy + len / 2 * dx);
	cairo_close_path(cr);
	cairo_fill(cr);
}

/* The ends of an open outline (LINE, or a PATH's first and last segments)
 * for its arrowheads: from, next to it; last, before it. */
static bool ends(const vndoc_docx_shape *s, double w, double h, double *e)
{
	const vndoc_docx_path_op *a, *b, *z, *y;
	double sx, sy;
	if (s->kind == VNDOC_DOCX_SHAPE_LINE) {
		double v[8] = { 0, 0, w, h, w, h, 0, 0 };
		memcpy(e, v, sizeof v);
		return true;
	}
	if (s->kind != VNDOC_DOCX_SHAPE_PATH || s->n_path < 2)
		return false;
	sx = s->w > 0 ? w / s->w : 1;
	sy = s->h > 0 ? h / s->h : 1;
	a = &s->path[0];
	b = &s->path[1];
	z = &s->path[s->n_path - 1];
	y = &s->path[s->n_path - 2];
	if (z->verb == VNDOC_DOCX_PATH_CLOSE)
		return false;
	e[0] = a->x[0] * sx, e[1] = a->y[0] * sy;
	e[2] = b->x[0] * sx, e[3] = b->y[0] * sy;
	e[4] = (z->verb == VNDOC_DOCX_PATH_CURVE ? z->x[2] : z->x[0]) * sx;
	e[5] = (z->verb == VNDOC_DOCX_PATH_CURVE ? z->y[2] : z->y[0]) * sy;
	e[6] = (z->verb == VNDOC_DOCX_PATH_CURVE ? z->x[1] : y->verb == VNDOC_DOCX_PATH_CURVE ? y->x[2] : y->x[0]) * sx;
	e[7] = (z->verb == VNDOC_DOCX_PATH_CURVE ? z->y[1] : y->verb == VNDOC_DOCX_PATH_CURVE ? y->y[2] : y->y[0]) * sy;
	return true;
}

void vndoc_render__draw_shape(cairo_t *cr, const vndoc_docx_shape *s, double x, double y, double w, double h)
{
	double e[8];
	if (s->kind == VNDOC_DOCX_SHAPE_PICTURE || (!s->has_fill && !s->has_stroke))
		return;
	cairo_save(cr);
	cairo_translate(cr, x + w / 2, y + h / 2);
	if (s->rotation != 0)
		cairo_rotate(cr, s->rotation * PI / 180);
	cairo_scale(cr, s->flip_h ? -1 : 1, s->flip_v ? -1 : 1);
	cairo_translate(cr, -w / 2, -h / 2);
	cairo_new_path(cr);
	switch (s->kind) {
	case VNDOC_DOCX_SHAPE_RECT:
		cairo_rectangle(cr, 0, 0, w, h);
		break;
	case VNDOC_DOCX_SHAPE_ROUND_RECT:
		round_rect(cr, w, h, s->radius);
		break;
	case VNDOC_DOCX_SHAPE_ELLIPSE:
		ellipse(cr, w, h);
		break;
	case VNDOC_DOCX_SHAPE_LINE:
		cairo_move_to(cr, 0, 0);
		cairo_line_to(cr, w, h);
		break;
	case VNDOC_DOCX_SHAPE_PATH:
		path(cr, s, s->w > 0 ? w / s->w : 1, s->h > 0 ? h / s->h : 1);
		break;
	case VNDOC_DOCX_SHAPE_PICTURE:
		break;
	}
	if (s->has_fill && s->kind != VNDOC_DOCX_SHAPE_LINE) {
		set_rgb(cr, s->fill);
		cairo_fill_preserve(cr);
	}
	if (s->has_stroke) {
		/* 0: the thinnest line, as Word draws a hairline */
		double lw = s->stroke_w > 0 ? s->stroke_w : 0.25;
		set_rgb(cr, s->stroke);
		cairo_set_line_width(cr, lw);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
		set_dash(cr, s->dash, lw);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
		if ((s->head_arrow || s->tail_arrow) && ends(s, w, h, e)) {
			if (s->head_arrow)
				arrowhead(cr, e[2], e[3], e[0], e[1], lw);
			if (s->tail_arrow)
				arrowhead(cr, e[6], e[7], e[4], e[5], lw);
		}
	}
	cairo_new_path(cr);
	cairo_restore(cr);
}

/* -0.0 prints as "-0.0"; a layout never means that. */
static double tidy(double v)
{
	return v > -0.05 && v < 0.05 ? 0.0 : v;
}

void vndoc_render__dump_shape(vndoc_buf *out, const vndoc_docx_shape *s, double x, double y, double w, double h)
{
	static const char *const kinds[] = { "rect", "roundrect", "ellipse", "line", "path", "picture" };
	static const char *const dashes[] = { "solid",   "dot",        "dash",         "lgDash",
					      "dashDot", "lgDashDot",  "lgDashDotDot", "sysDash",
					      "sysDot",  "sysDashDot", "sysDashDotDot" };
	vndoc_buf_printf(out, "  shape %s x=%.1f y=%.1f w=%.1f h=%.1f",
			 (unsigned)s->kind < 6 ? kinds[s->kind] : "?", tidy(x), tidy(y), tidy(w), tidy(h));
	if (s->has_stroke)
		vndoc_buf_printf(out, " stroke=%.2f #%06X %s", s->stroke_w, (unsigned)s->stroke & 0xffffff,
				 (unsigned)s->dash < 11 ? dashes[s->dash] : "?");
	else
		vndoc_buf_puts(out, " stroke=none");
	if (s->has_fill && s->kind != VNDOC_DOCX_SHAPE_LINE)
		vndoc_buf_printf(out, " fill=#%06X", (unsigned)s->fill & 0xffffff);
	if (tidy(s->rotation) != 0)
		vndoc_buf_printf(out, " rot=%.0f", s->rotation);
	if (s->flip_h || s->flip_v)
		vndoc_buf_printf(out, " flip=%s%s", s->flip_h ? "h" : "", s->flip_v ? "v" : "");
	if (s->kind == VNDOC_DOCX_SHAPE_ROUND_RECT)
		vndoc_buf_printf(out, " radius=%.1f", tidy(s->radius));
	if (s->head_arrow || s->tail_arrow)
		vndoc_buf_printf(out, " arrows=%s", s->head_arrow && s->tail_arrow ? "both" : s->head_arrow ? "head" : "tail");
	if (s->kind == VNDOC_DOCX_SHAPE_PATH)
		vndoc_buf_printf(out, " path=%zu", s->n_path);
	vndoc_buf_putc(out, '\n');
}
