/*
 * render/metafile.c: an EMF picture's records played onto Cairo.
 *
 * Coordinates go logical -> device -> picture: the world transform
 * (SetWorldTransform), the page mapping (the mapping mode with the window
 * and viewport origins and extents), then the reference device's pixels
 * (the header's szlDevice over szlMillimeters) to the header's frame,
 * which fills the picture's box.  Pens, brushes and fonts are objects of
 * a handle table; SaveDC/RestoreDC keep the state with cairo_save (the
 * clip).  Records docx/metafile.c does not call drawn are skipped (the
 * document warned once); the walk stops at a damaged record.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <pango/pangocairo.h>

#include "core/alloc.h"
#include "core/limits.h"
#include "docx/metafile.h"
#include "layout/layout_internal.h"
#include "render/metafile.h"

#define u32 vndoc_docx_emf_u32
#define i32 vndoc_docx_emf_i32

typedef enum { OBJ_NONE, OBJ_PEN, OBJ_BRUSH, OBJ_FONT } obj_kind;

typedef struct obj {
	obj_kind kind;
	uint32_t style;    /* pen: PS_*; brush: BS_* */
	uint32_t colour;   /* COLORREF: 0x00bbggrr */
	double width;      /* pen: logical units, 0 for one device pixel */
	/* font */
	int32_t height, escapement, weight;
	bool italic, underline, strike;
	char face[100];    /* UTF-8 */
} obj;

typedef struct dc {
	cairo_matrix_t world;
	uint32_t map_mode;
	double win_org[2], win_ext[2], vp_org[2], vp_ext[2];
	obj pen, brush, font;
	uint32_t text_colour, text_align, bk_mode, fill_mode;
	double cur[2];     /* the current position, logical */
	double miter;
} dc;

typedef struct player {
	cairo_t *cr;
	vndoc_docx_emf emf;
	cairo_matrix_t device;  /* device pixels -> picture points */
	dc dc;
	dc saved[VNDOC_LIMIT_EMF_SAVES];
	int n_saved, n_lost;    /* saves kept, saves past the limit */
	obj *objs;
	uint32_t n_objs;
	bool in_path;
	cairo_path_t *path;     /* the last EndPath's */
	PangoLayout *layout;
} player;

/* The most points a logical unit may be on the picture. */
#define MAX_UNIT 1e4

/* Picture points per 0.01 mm. */
#define PT_PER_HMM (72.0 / 2540.0)

static void colour(cairo_t *cr, uint32_t c)
{
	cairo_set_source_rgb(cr, (c & 0xff) / 255.0, ((c >> 8) & 0xff) / 255.0, ((c >> 16) & 0xff) / 255.0);
}

/* The page mapping's scale of one axis (MS-EMF 2.1.21), device per logical. */
static double map_scale(const player *p, int axis)
{
	double px_per_mm = (double)p->emf.device[axis] / p->emf.mm[axis], s;
	switch (p->dc.map_mode) {
	case 2: s = px_per_mm / 10; break;          /* MM_LOMETRIC: 0.1 mm */
	case 3: s = px_per_mm / 100; break;         /* MM_HIMETRIC: 0.01 mm */
	case 4: s = px_per_mm * 0.254; break;       /* MM_LOENGLISH: 0.01 in */
	case 5: s = px_per_mm * 0.0254; break;      /* MM_HIENGLISH: 0.001 in */
	case 6: s = px_per_mm * 25.4 / 1440; break; /* MM_TWIPS */
	case 7:                                     /* MM_ISOTROPIC */
	case 8:                                     /* MM_ANISOTROPIC */
		if (p->dc.win_ext[axis] == 0)
			return 1;
		return p->dc.vp_ext[axis] / p->dc.win_ext[axis];
	default: return 1;                          /* MM_TEXT */
	}
	/* The metric modes have y going up. */
	return axis == 1 ? -s : s;
}

/* Sets the Cairo matrix for logical coordinates; false when it is not
 * invertible (nothing can be drawn). */
static bool set_matrix(player *p)
{
	cairo_matrix_t page, m, inv;
	double sx = map_scale(p, 0), sy = map_scale(p, 1), det, big;

	cairo_matrix_init(&page, sx, 0, 0, sy, p->dc.vp_org[0] - p->dc.win_org[0] * sx,
			  p->dc.vp_org[1] - p->dc.win_org[1] * sy);
	cairo_matrix_multiply(&m, &p->dc.world, &page);
	cairo_matrix_multiply(&m, &m, &p->device);
	/* A logical unit over 10,000 pt (a picture is at most 2,835 pt wide),
	 * an origin past a billion: hostile, and Cairo's pens and curves
	 * grow with them. */
	if (!(fabs(m.xx) <= MAX_UNIT && fabs(m.yx) <= MAX_UNIT && fabs(m.xy) <= MAX_UNIT && fabs(m.yy) <= MAX_UNIT &&
	      fabs(m.x0) <= 1e9 && fabs(m.y0) <= 1e9))
		return false;
	/* Nor one flattened to almost nothing across (its inverse, which
	 * Cairo strokes with, is then astronomical). */
	det = fabs(m.xx * m.yy - m.xy * m.yx);
	big = fmax(fmax(fabs(m.xx), fabs(m.yy)), fmax(fabs(m.xy), fabs(m.yx)));
	if (!(det >= 1e-12 && big * big <= 1e12 * det))
		return false;
	inv = m;
	if (cairo_matrix_invert(&inv) != CAIRO_STATUS_SUCCESS)
		return false;
	cairo_set_matrix(p->cr, &m);
	return true;
}

/* ---------------------------------------------------------------- objects */

/* Stock object `i` (its high bit set) into *o; false when there is none. */
static bool stock(uint32_t i, obj *o)
{
	static const uint32_t brush[] = { 0xffffff, 0xc0c0c0, 0x808080, 0x404040, 0x000000 };
	i &= 0x7fffffff;
	memset(o, 0, sizeof *o);
	if (i <= 4) {
		o->kind = OBJ_BRUSH;
		o->colour = brush[i];
	} else if (i == 5) {
		o->kind = OBJ_BRUSH;
		o->style = 1; /* BS_NULL */
	} else if (i == 6 || i == 7 || i == 19) {
		o->kind = OBJ_PEN; /* WHITE_PEN, BLACK_PEN, DC_PEN */
		o->colour = i == 6 ? 0xffffff : 0;
	} else if (i == 8) {
		o->kind = OBJ_PEN;
		o->style = 5; /* PS_NULL */
	} else if (i >= 10 && i <= 17) {
		o->kind = OBJ_FONT;
		o->height = 12;
		snprintf(o->face, sizeof o->face, "%s", i == 10 || i == 11 ? "Courier New" : "Arial");
	} else if (i == 18) {
		o->kind = OBJ_BRUSH; /* DC_BRUSH */
		o->colour = 0xffffff;
	} else {
		return false;
	}
	return true;
}

static obj *slot(player *p, uint32_t i)
{
	return i > 0 && i < p->n_objs ? &p->objs[i] : NULL;
}

static void select_object(player *p, uint32_t i)
{
	obj st;
	const obj *o = i & 0x80000000u ? (stock(i, &st) ? &st : NULL) : slot(p, i);
	if (!o)
		return;
	if (o->kind == OBJ_PEN)
		p->dc.pen = *o;
	else if (o->kind == OBJ_BRUSH)
		p->dc.brush = *o;
	else if (o->kind == OBJ_FONT)
		p->dc.font = *o;
}

/* A UTF-16LE string of `n` units at `s` as UTF-8 (g_free), up to a NUL. */
static char *utf16(const unsigned char *s, size_t n)
{
	gunichar2 *w = vndoc_xmalloc((n + 1) * sizeof *w);
	size_t k = 0;
	char *out;
	for (; k < n; k++) {
		w[k] = (gunichar2)(s[2 * k] | s[2 * k + 1] << 8);
		if (!w[k])
			break;
	}
	out = g_utf16_to_utf8(w, (glong)k, NULL, NULL, NULL);
	free(w);
	return out;
}

static void create_object(player *p, const vndoc_docx_emf_record *r)
{
	obj *o = slot(p, u32(r->p + 8)), n;
	memset(&n, 0, sizeof n);
	if (!o)
		return;
	switch (r->type) {
	case VNDOC_EMR_CREATEPEN:
		if (r->size < 28)
			return;
		n.kind = OBJ_PEN;
		n.style = u32(r->p + 12);
		n.width = abs(i32(r->p + 16));
		n.colour = u32(r->p + 24);
		break;
	case VNDOC_EMR_EXTCREATEPEN:
		if (r->size < 52)
			return;
		n.kind = OBJ_PEN;
		n.style = u32(r->p + 28);
		/* A cosmetic pen is one pixel wide, whatever its width says. */
		n.width = n.style & 0x10000 ? (double)u32(r->p + 32) : 0;
		n.colour = u32(r->p + 40);
		if (u32(r->p + 36) == 1) /* BS_NULL: no line */
			n.style = (n.style & ~0xfu) | 5;
		break;
	case VNDOC_EMR_CREATEBRUSHINDIRECT:
		if (r->size < 24)
			return;
		n.kind = OBJ_BRUSH;
		n.style = u32(r->p + 12);
		n.colour = u32(r->p + 16);
		break;
	case VNDOC_EMR_EXTCREATEFONTINDIRECTW: {
		char *face;
		if (r->size < 104)
			return;
		n.kind = OBJ_FONT;
		n.height = i32(r->p + 12);
		n.escapement = i32(r->p + 20);
		n.weight = i32(r->p + 28);
		n.italic = r->p[32];
		n.underline = r->p[33];
		n.strike = r->p[34];
		face = utf16(r->p + 40, 32);
		snprintf(n.face, sizeof n.face, "%s", face ? face : "");
		g_free(face);
		break;
	}
	default:
		return;
	}
	*o = n;
}

/* ---------------------------------------------------------------- drawing */

static bool has_pen(const player *p)
{
	return (p->dc.pen.style & 0xf) != 5;
}

static bool has_brush(const player *p)
{
	return p->dc.brush.style != 1;
}

/* How many dash periods of `period` the current path is long (an upper
 * bound: control points count as corners). */
static double dashes(cairo_t *cr, double period)
{
	cairo_path_t *path = cairo_copy_path(cr);
	double len = 0, x = 0, y = 0;
	for (int i = 0; path->status == CAIRO_STATUS_SUCCESS && i < path->num_data; i += path->data[i].header.length) {
		const cairo_path_data_t *h = &path->data[i];
		for (int k = 1; k < h->header.length; k++) {
			if (h->header.type != CAIRO_PATH_MOVE_TO)
				len += hypot(h[k].point.x - x, h[k].point.y - y);
			x = h[k].point.x, y = h[k].point.y;
		}
	}
	cairo_path_destroy(path);
	return period > 0 && isfinite(len) ? len / period : INFINITY;
}

/* Strokes the current path with the pen (the path kept when `keep`). */
static void stroke(player *p, bool keep)
{
	cairo_t *cr = p->cr;
	const obj *pen = &p->dc.pen;
	static const double dash[][6] = { { 18, 6 }, { 3, 3 }, { 9, 6, 3, 6 }, { 9, 3, 3, 3, 3, 3 } };
	static const int n_dash[] = { 2, 2, 4, 6 };
	uint32_t kind = pen->style & 0xf, cap = pen->style & 0xf00, join = pen->style & 0xf000;
	double w = pen->width;

	if (!has_pen(p)) {
		if (!keep)
			cairo_new_path(cr);
		return;
	}
	colour(cr, pen->colour);
	cairo_set_line_cap(cr, cap == 0x100 ? CAIRO_LINE_CAP_SQUARE : cap == 0x200 ? CAIRO_LINE_CAP_BUTT
											 : CAIRO_LINE_CAP_ROUND);
	cairo_set_line_join(cr, join == 0x1000 ? CAIRO_LINE_JOIN_BEVEL : join == 0x2000 ? CAIRO_LINE_JOIN_MITER
											    : CAIRO_LINE_JOIN_ROUND);
	cairo_set_miter_limit(cr, p->dc.miter > 1 ? p->dc.miter : 10);
	cairo_save(cr);
	if (w <= 0) {
		/* One device pixel: in picture points. */
		cairo_identity_matrix(cr);
		w = p->device.xx > 0 ? p->device.xx : 0.75;
	}
	{
		/* No wider than MAX_UNIT points (Cairo's round joins grow with it). */
		cairo_matrix_t m;
		double k;
		cairo_get_matrix(cr, &m);
		k = sqrt(fabs(m.xx * m.yy - m.xy * m.yx));
		if (k > 0 && w * k > MAX_UNIT)
			w = MAX_UNIT / k;
	}
	cairo_set_line_width(cr, w > 0 ? w : 1);
	if (kind >= 1 && kind <= 4 && dashes(cr, (w > 0 ? w : 1) * 8) <= VNDOC_LIMIT_EMF_DASHES) {
		double d[6];
		for (int i = 0; i < n_dash[kind - 1]; i++)
			d[i] = dash[kind - 1][i] * (w > 0 ? w : 1) / 3;
		cairo_set_dash(cr, d, n_dash[kind - 1], 0);
	} else {
		cairo_set_dash(cr, NULL, 0, 0);
	}
	if (keep)
		cairo_stroke_preserve(cr);
	else
		cairo_stroke(cr);
	cairo_restore(cr);
}

static void fill(player *p, bool keep)
{
	if (!has_brush(p)) {
		if (!keep)
			cairo_new_path(p->cr);
		return;
	}
	colour(p->cr, p->dc.brush.colour);
	cairo_set_fill_rule(p->cr, p->dc.fill_mode == 2 ? CAIRO_FILL_RULE_WINDING : CAIRO_FILL_RULE_EVEN_ODD);
	if (keep)
		cairo_fill_preserve(p->cr);
	else
		cairo_fill(p->cr);
}

/* The shape just made into the path: kept for a path bracket, else
 * filled (`closed`) and stroked. */
static void finish(player *p, bool closed)
{
	if (p->in_path)
		return;
	if (closed)
		fill(p, true);
	stroke(p, false);
}

/* Starts a shape: the matrix, and a new path outside a path bracket. */
static bool begin(player *p)
{
	if (!set_matrix(p))
		return false;
	if (!p->in_path)
		cairo_new_path(p->cr);
	return true;
}

/* The n points of a poly record (16- or 32-bit) from `pts`. */
static void point(const unsigned char *pts, bool small, uint32_t i, double *x, double *y)
{
	if (small) {
		*x = (int16_t)(pts[4 * i] | pts[4 * i + 1] << 8);
		*y = (int16_t)(pts[4 * i + 2] | pts[4 * i + 3] << 8);
	} else {
		*x = i32(pts + 8 * i);
		*y = i32(pts + 8 * i + 4);
	}
}

static void poly(player *p, const vndoc_docx_emf_record *r, bool small)
{
	uint32_t n, t = r->type, psize = small ? 4 : 8;
	const unsigned char *pts = r->p + 28;
	bool bezier = t == VNDOC_EMR_POLYBEZIER || t == VNDOC_EMR_POLYBEZIER16 || t == VNDOC_EMR_POLYBEZIERTO ||
		      t == VNDOC_EMR_POLYBEZIERTO16;
	bool to = t == VNDOC_EMR_POLYBEZIERTO || t == VNDOC_EMR_POLYBEZIERTO16 || t == VNDOC_EMR_POLYLINETO ||
		  t == VNDOC_EMR_POLYLINETO16;
	bool closed = t == VNDOC_EMR_POLYGON || t == VNDOC_EMR_POLYGON16;
	uint32_t i = 0;
	double x, y, x1, y1, x2, y2;

	if (r->size < 28)
		return;
	n = u32(r->p + 24);
	if (n > (r->size - 28) / psize || n == 0 || !begin(p))
		return;
	if (to) {
		cairo_move_to(p->cr, p->dc.cur[0], p->dc.cur[1]);
	} else {
		point(pts, small, 0, &x, &y);
		cairo_move_to(p->cr, x, y);
		i = 1;
	}
	if (bezier) {
		for (; i + 2 < n + 0 || i + 3 <= n; i += 3) {
			if (i + 3 > n)
				break;
			point(pts, small, i, &x, &y);
			point(pts, small, i + 1, &x1, &y1);
			point(pts, small, i + 2, &x2, &y2);
			cairo_curve_to(p->cr, x, y, x1, y1, x2, y2);
		}
	} else {
		for (; i < n; i++) {
			point(pts, small, i, &x, &y);
			cairo_line_to(p->cr, x, y);
		}
	}
	if (to)
		cairo_get_current_point(p->cr, &p->dc.cur[0], &p->dc.cur[1]);
	if (closed)
		cairo_close_path(p->cr);
	finish(p, closed);
}

static void polypoly(player *p, const vndoc_docx_emf_record *r, bool small)
{
	uint32_t n_polys, n_pts, psize = small ? 4 : 8, done = 0;
	bool closed = r->type == VNDOC_EMR_POLYPOLYGON || r->type == VNDOC_EMR_POLYPOLYGON16;
	const unsigned char *counts, *pts;
	double x, y;

	if (r->size < 32)
		return;
	n_polys = u32(r->p + 24);
	n_pts = u32(r->p + 28);
	if (n_polys > (r->size - 32) / 4 || n_pts > (r->size - 32 - 4 * n_polys) / psize || !begin(p))
		return;
	counts = r->p + 32;
	pts = counts + 4 * n_polys;
	for (uint32_t k = 0; k < n_polys; k++) {
		uint32_t c = u32(counts + 4 * k);
		if (c > n_pts - done)
			break;
		for (uint32_t i = 0; i < c; i++) {
			point(pts, small, done + i, &x, &y);
			if (i == 0)
				cairo_move_to(p->cr, x, y);
			else
				cairo_line_to(p->cr, x, y);
		}
		if (closed && c)
			cairo_close_path(p->cr);
		done += c;
	}
	finish(p, closed);
}

/* The rectangle of a record at +8: l, t, r, b. */
static void rect(const vndoc_docx_emf_record *r, double *l, double *t, double *rr, double *b)
{
	*l = i32(r->p + 8);
	*t = i32(r->p + 12);
	*rr = i32(r->p + 16);
	*b = i32(r->p + 20);
}

static void shape(player *p, const vndoc_docx_emf_record *r)
{
	double l, t, rr, b, w, h;
	if (r->size < 24 || !begin(p))
		return;
	rect(r, &l, &t, &rr, &b);
	w = rr - l;
	h = b - t;
	if (r->type == VNDOC_EMR_RECTANGLE) {
		cairo_rectangle(p->cr, l, t, w, h);
	} else if (r->type == VNDOC_EMR_ELLIPSE || r->size < 32) {
		if (w == 0 || h == 0)
			return;
		cairo_save(p->cr);
		cairo_translate(p->cr, l + w / 2, t + h / 2);
		cairo_scale(p->cr, w / 2, h / 2);
		cairo_new_sub_path(p->cr);
		cairo_arc(p->cr, 0, 0, 1, 0, 2 * G_PI);
		cairo_restore(p->cr);
	} else {
		/* ROUNDRECT: corners of an ellipse cx by cy. */
		double rx = fmin(fabs(w) / 2, i32(r->p + 24) / 2.0), ry = fmin(fabs(h) / 2, i32(r->p + 28) / 2.0);
		if (rx <= 0 || ry <= 0 || w <= 0 || h <= 0) {
			cairo_rectangle(p->cr, l, t, w, h);
		} else {
			cairo_save(p->cr);
			cairo_translate(p->cr, l, t);
			cairo_scale(p->cr, rx, ry);
			cairo_new_sub_path(p->cr);
			cairo_arc(p->cr, w / rx - 1, 1, 1, -G_PI / 2, 0);
			cairo_arc(p->cr, w / rx - 1, h / ry - 1, 1, 0, G_PI / 2);
			cairo_arc(p->cr, 1, h / ry - 1, 1, G_PI / 2, G_PI);
			cairo_arc(p->cr, 1, 1, 1, G_PI, 3 * G_PI / 2);
			cairo_close_path(p->cr);
			cairo_restore(p->cr);
		}
	}
	finish(p, true);
}

/* ---------------------------------------------------------------- text */

static void text(player *p, const vndoc_docx_emf_record *r)
{
	uint32_t n, off, align = p->dc.text_align;
	const obj *f = &p->dc.font;
	const vndoc_layout__substitute *sub;
	PangoFontDescription *desc;
	PangoAttrList *attrs;
	PangoRectangle ink, logical;
	cairo_matrix_t m;
	double x, y, size, scale, dx = 0, dy = 0;
	char *s;

	if (r->size < 76)
		return;
	x = i32(r->p + 36);
	y = i32(r->p + 40);
	n = u32(r->p + 44);
	off = u32(r->p + 48);
	if (off > r->size || n > (r->size - off) / 2 || n == 0 || !(s = utf16(r->p + off, n)))
		return;
	if (!*s || !set_matrix(p)) {
		g_free(s);
		return;
	}
	/* A negative height is the em; a positive one the cell (ascent and
	 * descent), about 1.15 em in Office's fonts. */
	size = f->height < 0 ? -(double)f->height : f->height > 0 ? f->height / 1.15 : 12;
	/* Text from 0.01 to 2000 pt on the picture, under a million units
	 * (a hostile size would overflow Pango's units or make glyphs of a
	 * giant's size). */
	cairo_get_matrix(p->cr, &m);
	scale = size * sqrt(fabs(m.xx * m.yy - m.xy * m.yx));
	if (size > 1e6 || !(scale >= 0.01 && scale <= 2000)) {
		g_free(s);
		return;
	}
	if (!p->layout)
		p->layout = pango_cairo_create_layout(p->cr);
	sub = f->face[0] ? vndoc_layout__substitute_find(f->face) : NULL;
	desc = pango_font_description_new();
	pango_font_description_set_family(desc, sub ? sub->drawn : f->face[0] ? f->face : "Arial");
	pango_font_description_set_weight(desc, f->weight >= 100 && f->weight <= 1000 ? (PangoWeight)f->weight
										     : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(desc, f->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	pango_font_description_set_absolute_size(desc, size * PANGO_SCALE);
	pango_layout_set_font_description(p->layout, desc);
	pango_font_description_free(desc);
	attrs = pango_attr_list_new();
	if (f->underline)
		pango_attr_list_insert(attrs, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE));
	if (f->strike)
		pango_attr_list_insert(attrs, pango_attr_strikethrough_new(TRUE));
	pango_layout_set_attributes(p->layout, attrs);
	pango_attr_list_unref(attrs);
	pango_layout_set_text(p->layout, s, -1);
	g_free(s);
	pango_cairo_update_layout(p->cr, p->layout);
	pango_layout_get_extents(p->layout, &ink, &logical);
	if (align & 1) { /* TA_UPDATECP: at the current position */
		x = p->dc.cur[0];
		y = p->dc.cur[1];
	}
	if ((align & 6) == 6)
		dx = -logical.width / (double)PANGO_SCALE / 2;
	else if (align & 2)
		dx = -logical.width / (double)PANGO_SCALE;
	if ((align & 24) == 24)
		dy = -pango_layout_get_baseline(p->layout) / (double)PANGO_SCALE;
	else if (align & 8)
		dy = -logical.height / (double)PANGO_SCALE;
	cairo_save(p->cr);
	cairo_translate(p->cr, x, y);
	cairo_get_matrix(p->cr, &m);
	/* Text stands upright whichever way the y axis goes. */
	if (m.xx * m.yy - m.xy * m.yx < 0)
		cairo_scale(p->cr, 1, -1);
	if (f->escapement)
		cairo_rotate(p->cr, -f->escapement * G_PI / 1800);
	colour(p->cr, p->dc.text_colour);
	cairo_move_to(p->cr, dx, dy);
	pango_cairo_show_layout(p->cr, p->layout);
	cairo_restore(p->cr);
	if (align & 1)
		p->dc.cur[0] = x + logical.width / (double)PANGO_SCALE;
}

/* ---------------------------------------------------------------- bitmaps */

/* A DIB (BITMAPINFOHEADER at `bmi`, pixels at `bits`) as a surface;
 * NULL when it is not one vndoc reads.  `alpha`: 32-bit pixels carry
 * alpha (AlphaBlend), else they are opaque. */
static cairo_surface_t *dib(const unsigned char *bmi, uint32_t cb_bmi, const unsigned char *bits, uint32_t cb_bits,
			    bool alpha)
{
	uint32_t hsize, bpp, comp, used, stride, n_pal;
	int32_t w, h;
	bool top_down;
	cairo_surface_t *s;
	unsigned char *px;
	int sstride;

	if (cb_bmi < 40)
		return NULL;
	hsize = u32(bmi);
	w = i32(bmi + 4);
	h = i32(bmi + 8);
	bpp = bmi[14] | bmi[15] << 8;
	comp = u32(bmi + 16);
	used = u32(bmi + 32);
	top_down = h < 0;
	if (h == INT32_MIN || hsize < 40 || hsize > cb_bmi)
		return NULL;
	h = abs(h);
	if (w <= 0 || h <= 0 || w > VNDOC_LIMIT_PICTURE_SIDE || h > VNDOC_LIMIT_PICTURE_SIDE ||
	    (double)w * h > VNDOC_LIMIT_PICTURE_PIXELS)
		return NULL;
	if (!(comp == 0 || (comp == 3 && (bpp == 16 || bpp == 32))))
		return NULL; /* RLE, JPEG, PNG inside a DIB: not read */
	if (bpp != 1 && bpp != 4 && bpp != 8 && bpp != 24 && bpp != 32)
		return NULL;
	n_pal = bpp <= 8 ? (used && used <= (1u << bpp) ? used : 1u << bpp) : 0;
	if (n_pal && (cb_bmi - hsize) / 4 < n_pal)
		n_pal = (cb_bmi - hsize) / 4;
	stride = (uint32_t)(((uint64_t)w * bpp + 31) / 32 * 4);
	if ((uint64_t)stride * (uint64_t)h > cb_bits)
		return NULL;
	s = cairo_image_surface_create(alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24, w, h);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return NULL;
	}
	cairo_surface_flush(s);
	px = cairo_image_surface_get_data(s);
	sstride = cairo_image_surface_get_stride(s);
	for (int32_t row = 0; row < h; row++) {
		const unsigned char *in = bits + (size_t)stride * (size_t)(top_down ? row : h - 1 - row);
		uint32_t *out = (uint32_t *)(void *)(px + (size_t)sstride * (size_t)row);
		for (int32_t x = 0; x < w; x++) {
			uint32_t v;
			if (bpp == 32) {
				uint32_t a = alpha ? in[4 * x + 3] : 255;
				v = a << 24 | (in[4 * x + 2] * a / 255) << 16 | (in[4 * x + 1] * a / 255) << 8 |
				    in[4 * x] * a / 255;
			} else if (bpp == 24) {
				v = 0xff000000u | (uint32_t)in[3 * x + 2] << 16 | (uint32_t)in[3 * x + 1] << 8 | in[3 * x];
			} else {
				uint32_t idx = bpp == 8   ? in[x]
					       : bpp == 4 ? (uint32_t)(in[x / 2] >> (x % 2 ? 0 : 4)) & 0xf
							  : (uint32_t)(in[x / 8] >> (7 - x % 8)) & 1;
				const unsigned char *e = bmi + hsize + 4 * idx;
				v = idx < n_pal ? 0xff000000u | (uint32_t)e[2] << 16 | (uint32_t)e[1] << 8 | e[0]
						: (idx ? 0xffffffffu : 0xff000000u);
			}
			out[x] = v;
		}
	}
	cairo_surface_mark_dirty(s);
	return s;
}

/* Draws the DIB of a bitmap record: destination x, y, w, h (logical),
 * source x, y, w, h (pixels). */
static void blit(player *p, const vndoc_docx_emf_record *r, const double d[4], double sx, double sy, double sw,
		 double sh, uint32_t off_bmi, uint32_t cb_bmi, uint32_t off_bits, uint32_t cb_bits, bool alpha)
{
	cairo_surface_t *s;

	if (off_bmi > r->size || cb_bmi > r->size - off_bmi || off_bits > r->size || cb_bits > r->size - off_bits)
		return;
	if (!(s = dib(r->p + off_bmi, cb_bmi, r->p + off_bits, cb_bits, alpha)))
		return;
	if (sw == 0 || sh == 0) {
		sw = cairo_image_surface_get_width(s);
		sh = cairo_image_surface_get_height(s);
	}
	if (d[2] != 0 && d[3] != 0 && set_matrix(p)) {
		cairo_save(p->cr);
		cairo_new_path(p->cr);
		cairo_rectangle(p->cr, d[0], d[1], d[2], d[3]);
		cairo_clip(p->cr);
		cairo_translate(p->cr, d[0], d[1]);
		cairo_scale(p->cr, d[2] / sw, d[3] / sh);
		cairo_set_source_surface(p->cr, s, -sx, -sy);
		cairo_pattern_set_extend(cairo_get_source(p->cr), CAIRO_EXTEND_PAD);
		/* A few pixels blown up (an icon, a pattern) stay sharp. */
		if (fabs(d[2] / sw) > 4 && fabs(d[3] / sh) > 4)
			cairo_pattern_set_filter(cairo_get_source(p->cr), CAIRO_FILTER_NEAREST);
		cairo_paint(p->cr);
		cairo_restore(p->cr);
	}
	cairo_surface_destroy(s);
}

static void bitmap(player *p, const vndoc_docx_emf_record *r)
{
	double d[4];
	const unsigned char *q = r->p;

	if (r->type == VNDOC_EMR_STRETCHDIBITS) {
		if (r->size < 80)
			return;
		d[0] = i32(q + 24), d[1] = i32(q + 28), d[2] = i32(q + 72), d[3] = i32(q + 76);
		blit(p, r, d, i32(q + 32), i32(q + 36), i32(q + 40), i32(q + 44), u32(q + 48), u32(q + 52),
		     u32(q + 56), u32(q + 60), false);
		return;
	}
	/* BITBLT, STRETCHBLT, ALPHABLEND share their first 100 bytes. */
	if (r->size < 100)
		return;
	d[0] = i32(q + 24), d[1] = i32(q + 28), d[2] = i32(q + 32), d[3] = i32(q + 36);
	if (u32(q + 88) == 0) {
		/* No bitmap: a raster operation over the box.  PATCOPY fills
		 * it with the brush; the others leave it (drawn as copies). */
		if (r->type == VNDOC_EMR_BITBLT && u32(q + 40) == 0x00f00021 && has_brush(p) && begin(p)) {
			cairo_rectangle(p->cr, d[0], d[1], d[2], d[3]);
			fill(p, false);
		}
		return;
	}
	if (r->type == VNDOC_EMR_BITBLT)
		blit(p, r, d, i32(q + 44), i32(q + 48), 0, 0, u32(q + 84), u32(q + 88), u32(q + 92), u32(q + 96), false);
	else if (r->size >= 108)
		blit(p, r, d, i32(q + 44), i32(q + 48), i32(q + 100), i32(q + 104), u32(q + 84), u32(q + 88),
		     u32(q + 92), u32(q + 96), r->type == VNDOC_EMR_ALPHABLEND && q[43] == 1);
}

/* ---------------------------------------------------------------- state */

static double fl(const unsigned char *q)
{
	uint32_t v = u32(q);
	float f;
	memcpy(&f, &v, sizeof f);
	return f;
}

static void transform(player *p, const vndoc_docx_emf_record *r)
{
	cairo_matrix_t x;
	uint32_t mode = r->type == VNDOC_EMR_SETWORLDTRANSFORM ? 4 : r->size >= 36 ? u32(r->p + 32) : 0;
	if (r->size < 32)
		return;
	cairo_matrix_init(&x, fl(r->p + 8), fl(r->p + 12), fl(r->p + 16), fl(r->p + 20), fl(r->p + 24),
			  fl(r->p + 28));
	if (mode == 1)
		cairo_matrix_init_identity(&p->dc.world);
	else if (mode == 2) /* MWT_LEFTMULTIPLY: the new one first */
		cairo_matrix_multiply(&p->dc.world, &x, &p->dc.world);
	else if (mode == 3)
		cairo_matrix_multiply(&p->dc.world, &p->dc.world, &x);
	else if (mode == 4)
		p->dc.world = x;
}

static void save(player *p)
{
	if (p->n_saved >= VNDOC_LIMIT_EMF_SAVES) {
		p->n_lost++;
		return;
	}
	p->saved[p->n_saved++] = p->dc;
	cairo_save(p->cr);
}

static void restore(player *p, int32_t which)
{
	/* Negative: that many levels back; positive: back to that level. */
	int32_t levels = which < 0 ? -(int64_t)which > INT32_MAX ? INT32_MAX : -which
				   : p->n_saved + p->n_lost - which + 1;
	for (; levels > 0; levels--) {
		if (p->n_lost) {
			p->n_lost--;
			continue;
		}
		if (!p->n_saved)
			return;
		p->dc = p->saved[--p->n_saved];
		cairo_restore(p->cr);
	}
}

/* A record's one 32-bit value, into *v. */
static void one(const vndoc_docx_emf_record *r, uint32_t *v)
{
	if (r->size >= 12)
		*v = u32(r->p + 8);
}

/* A record's point or size, into v[0], v[1]. */
static void pair(const vndoc_docx_emf_record *r, double v[2])
{
	if (r->size >= 16)
		v[0] = i32(r->p + 8), v[1] = i32(r->p + 12);
}

static void play(player *p, const vndoc_docx_emf_record *r)
{
	const unsigned char *q = r->p;
	bool two = r->size >= 16;

	switch (r->type) {
	case VNDOC_EMR_SETWINDOWEXTEX:
		pair(r, p->dc.win_ext);
		break;
	case VNDOC_EMR_SETWINDOWORGEX:
		pair(r, p->dc.win_org);
		break;
	case VNDOC_EMR_SETVIEWPORTEXTEX:
		pair(r, p->dc.vp_ext);
		break;
	case VNDOC_EMR_SETVIEWPORTORGEX:
		pair(r, p->dc.vp_org);
		break;
	case VNDOC_EMR_SETMAPMODE:
		one(r, &p->dc.map_mode);
		break;
	case VNDOC_EMR_SETBKMODE:
		one(r, &p->dc.bk_mode);
		break;
	case VNDOC_EMR_SETPOLYFILLMODE:
		one(r, &p->dc.fill_mode);
		break;
	case VNDOC_EMR_SETTEXTALIGN:
		one(r, &p->dc.text_align);
		break;
	case VNDOC_EMR_SETTEXTCOLOR:
		one(r, &p->dc.text_colour);
		break;
	case VNDOC_EMR_SETMITERLIMIT:
		if (r->size >= 12)
			p->dc.miter = u32(q + 8);
		break;
	case VNDOC_EMR_MOVETOEX:
		if (two) {
			p->dc.cur[0] = i32(q + 8), p->dc.cur[1] = i32(q + 12);
			if (p->in_path && set_matrix(p))
				cairo_move_to(p->cr, p->dc.cur[0], p->dc.cur[1]);
		}
		break;
	case VNDOC_EMR_LINETO:
		if (two && begin(p)) {
			cairo_move_to(p->cr, p->dc.cur[0], p->dc.cur[1]);
			p->dc.cur[0] = i32(q + 8), p->dc.cur[1] = i32(q + 12);
			cairo_line_to(p->cr, p->dc.cur[0], p->dc.cur[1]);
			finish(p, false);
		}
		break;
	case VNDOC_EMR_INTERSECTCLIPRECT:
		if (r->size >= 24 && set_matrix(p)) {
			double l, t, rr, b;
			rect(r, &l, &t, &rr, &b);
			cairo_new_path(p->cr);
			cairo_rectangle(p->cr, l, t, rr - l, b - t);
			cairo_clip(p->cr);
		}
		break;
	case VNDOC_EMR_SAVEDC:
		save(p);
		break;
	case VNDOC_EMR_RESTOREDC:
		if (r->size >= 12)
			restore(p, i32(q + 8));
		break;
	case VNDOC_EMR_SETWORLDTRANSFORM:
	case VNDOC_EMR_MODIFYWORLDTRANSFORM:
		transform(p, r);
		break;
	case VNDOC_EMR_SELECTOBJECT:
		if (r->size >= 12)
			select_object(p, u32(q + 8));
		break;
	case VNDOC_EMR_DELETEOBJECT:
		if (r->size >= 12 && slot(p, u32(q + 8)))
			slot(p, u32(q + 8))->kind = OBJ_NONE;
		break;
	case VNDOC_EMR_CREATEPEN:
	case VNDOC_EMR_EXTCREATEPEN:
	case VNDOC_EMR_CREATEBRUSHINDIRECT:
	case VNDOC_EMR_EXTCREATEFONTINDIRECTW:
		if (r->size >= 12)
			create_object(p, r);
		break;
	case VNDOC_EMR_POLYBEZIER: case VNDOC_EMR_POLYGON: case VNDOC_EMR_POLYLINE:
	case VNDOC_EMR_POLYBEZIERTO: case VNDOC_EMR_POLYLINETO:
		poly(p, r, false);
		break;
	case VNDOC_EMR_POLYBEZIER16: case VNDOC_EMR_POLYGON16: case VNDOC_EMR_POLYLINE16:
	case VNDOC_EMR_POLYBEZIERTO16: case VNDOC_EMR_POLYLINETO16:
		poly(p, r, true);
		break;
	case VNDOC_EMR_POLYPOLYLINE: case VNDOC_EMR_POLYPOLYGON:
		polypoly(p, r, false);
		break;
	case VNDOC_EMR_POLYPOLYLINE16: case VNDOC_EMR_POLYPOLYGON16:
		polypoly(p, r, true);
		break;
	case VNDOC_EMR_RECTANGLE: case VNDOC_EMR_ELLIPSE: case VNDOC_EMR_ROUNDRECT:
		shape(p, r);
		break;
	case VNDOC_EMR_BEGINPATH:
		cairo_new_path(p->cr);
		p->in_path = true;
		break;
	case VNDOC_EMR_CLOSEFIGURE:
		if (p->in_path)
			cairo_close_path(p->cr);
		break;
	case VNDOC_EMR_ENDPATH:
		if (p->path)
			cairo_path_destroy(p->path);
		/* Kept in picture points: no matrix while it is copied. */
		cairo_save(p->cr);
		cairo_identity_matrix(p->cr);
		p->path = cairo_copy_path(p->cr);
		cairo_restore(p->cr);
		cairo_new_path(p->cr);
		p->in_path = false;
		break;
	case VNDOC_EMR_ABORTPATH:
		cairo_new_path(p->cr);
		p->in_path = false;
		break;
	case VNDOC_EMR_FILLPATH:
	case VNDOC_EMR_STROKEPATH:
	case VNDOC_EMR_STROKEANDFILLPATH:
		if (p->path && set_matrix(p)) {
			cairo_save(p->cr);
			cairo_identity_matrix(p->cr);
			cairo_new_path(p->cr);
			cairo_append_path(p->cr, p->path);
			cairo_restore(p->cr);
			if (r->type != VNDOC_EMR_STROKEPATH)
				fill(p, true);
			if (r->type != VNDOC_EMR_FILLPATH)
				stroke(p, true);
			cairo_new_path(p->cr);
			cairo_path_destroy(p->path);
			p->path = NULL;
		}
		break;
	case VNDOC_EMR_EXTTEXTOUTW:
		text(p, r);
		break;
	case VNDOC_EMR_STRETCHDIBITS: case VNDOC_EMR_BITBLT: case VNDOC_EMR_STRETCHBLT: case VNDOC_EMR_ALPHABLEND:
		bitmap(p, r);
		break;
	default:
		break; /* named by the document's warning (docx/metafile.c) */
	}
}

cairo_surface_t *vndoc_render__metafile_surface(const vndoc_docx_image *img)
{
	player *p;
	cairo_surface_t *s;
	cairo_rectangle_t ext;
	vndoc_docx_emf_record r;
	size_t off = 0;
	unsigned long n = 0;

	p = vndoc_xcalloc(1, sizeof *p);
	if (vndoc_docx_emf_open(&p->emf, img->data, img->len) < 0) {
		free(p);
		return NULL;
	}
	ext.x = ext.y = 0;
	ext.width = ((double)p->emf.frame[2] - p->emf.frame[0]) * PT_PER_HMM;
	ext.height = ((double)p->emf.frame[3] - p->emf.frame[1]) * PT_PER_HMM;
	s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &ext);
	p->cr = cairo_create(s);
	/* Device pixels -> 0.01 mm -> the frame's origin -> points. */
	cairo_matrix_init(&p->device, 100.0 * p->emf.mm[0] / p->emf.device[0] * PT_PER_HMM, 0, 0,
			  100.0 * p->emf.mm[1] / p->emf.device[1] * PT_PER_HMM, -p->emf.frame[0] * PT_PER_HMM,
			  -p->emf.frame[1] * PT_PER_HMM);
	cairo_matrix_init_identity(&p->dc.world);
	p->dc.map_mode = 1;
	p->dc.win_ext[0] = p->dc.win_ext[1] = p->dc.vp_ext[0] = p->dc.vp_ext[1] = 1;
	stock(0x80000007u, &p->dc.pen);
	stock(0x80000000u, &p->dc.brush);
	stock(0x8000000du, &p->dc.font);
	p->dc.bk_mode = 2;
	p->dc.fill_mode = 1;
	p->dc.text_align = 0;
	p->n_objs = p->emf.n_handles;
	p->objs = vndoc_xcalloc(p->n_objs ? p->n_objs : 1, sizeof *p->objs);
	while (vndoc_docx_emf_next(&p->emf, &off, &r) > 0 && ++n <= VNDOC_LIMIT_EMF_RECORDS)
		play(p, &r);
	restore(p, -(int32_t)(p->n_saved + p->n_lost));
	if (p->layout)
		g_object_unref(p->layout);
	if (p->path)
		cairo_path_destroy(p->path);
	cairo_destroy(p->cr);
	free(p->objs);
	free(p);
	return s;
}
