/*
 * layout/floats.c: floating pictures (and floating tables, place_table.c):
 * where they go on the page, and the areas the body text wraps around (as
 * LibreOffice's SwTextFly does).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "layout/place.h"


/* One coordinate of a floating picture: from the area [a0, a0 + len);
 * inside is the start and outside the end, the other way round on a
 * `mirrored` page (an even page of mirrored margins). */
static double float_pos(vndoc_docx_anchor_align align, double offset, double a0, double len, double size,
			bool mirrored)
{
	switch (align) {
	case VNDOC_DOCX_ANCHOR_START: return a0;
	case VNDOC_DOCX_ANCHOR_CENTER: return a0 + (len - size) / 2;
	case VNDOC_DOCX_ANCHOR_END: return a0 + len - size;
	case VNDOC_DOCX_ANCHOR_INSIDE: return mirrored ? a0 + len - size : a0;
	case VNDOC_DOCX_ANCHOR_OUTSIDE: return mirrored ? a0 : a0 + len - size;
	default: return a0 + offset;
	}
}

/* Where a floating picture or table (w x h, anchored by `a`) of the
 * paragraph whose top is at y in the column whose left edge is x goes on
 * page pg: its box's top left corner.
 * LibreOffice measures from the paragraph's top before its space above; a
 * margin's strip is the page's edge to the text area (SwFlyFreeFrame's
 * PAGE_LEFT, PAGE_RIGHT, PAGE_PRINT_AREA_TOP, PAGE_PRINT_AREA_BOTTOM). */
void vndoc_layout__float_at(const vndoc_page *pg, const vndoc_docx_anchor *a, double x, double y, double w, double h,
			    double *bx, double *by)
{
	double x0, w0, y0, h0;

	bool left_margin = a->h_from == VNDOC_DOCX_FROM_START_MARGIN ||
			   (a->h_from == VNDOC_DOCX_FROM_INSIDE_MARGIN && !pg->mirrored) ||
			   (a->h_from == VNDOC_DOCX_FROM_OUTSIDE_MARGIN && pg->mirrored);
	double right = pg->text_x + pg->text_w, bottom = pg->text_y + pg->text_h;

	switch (a->h_from) {
	case VNDOC_DOCX_FROM_PAGE: x0 = 0; w0 = pg->w; break;
	case VNDOC_DOCX_FROM_COLUMN: x0 = x; w0 = pg->text_w; break;
	case VNDOC_DOCX_FROM_START_MARGIN:
	case VNDOC_DOCX_FROM_END_MARGIN:
	case VNDOC_DOCX_FROM_INSIDE_MARGIN:
	case VNDOC_DOCX_FROM_OUTSIDE_MARGIN:
		x0 = left_margin ? 0 : right;
		w0 = left_margin ? pg->text_x : pg->w - right;
		break;
	default: x0 = pg->text_x; w0 = pg->text_w; break;
	}
	switch (a->v_from) {
	case VNDOC_DOCX_FROM_PAGE: y0 = 0; h0 = pg->h; break;
	case VNDOC_DOCX_FROM_PARAGRAPH: y0 = y; h0 = 0; break;
	case VNDOC_DOCX_FROM_START_MARGIN:
	case VNDOC_DOCX_FROM_INSIDE_MARGIN: y0 = 0; h0 = pg->text_y; break;
	case VNDOC_DOCX_FROM_END_MARGIN:
	case VNDOC_DOCX_FROM_OUTSIDE_MARGIN: y0 = bottom; h0 = pg->h - bottom; break;
	default: y0 = pg->text_y; h0 = pg->text_h; break;
	}
	*bx = float_pos(a->h_align, a->h_offset, x0, w0, w, pg->mirrored);
	*by = float_pos(a->v_align, a->v_offset, y0, h0, h, false);
}

/* A floating picture (or drawing of shapes) of the paragraph whose top is
 * at y in the column whose left edge is x.  Behind the text, it is drawn
 * first on the page. */
void vndoc_layout__put_float(vndoc_layout *l, vndoc_page *pg, vndoc_story_kind story,
			     const vndoc_layout__float *fl, double x, double y)
{
	const vndoc_docx_inline *in = fl->in;
	vndoc_box *b;
	double bx, by, w, h;

	vndoc_layout__float_size(l, in, pg->text_w, &w, &h);
	vndoc_layout__float_at(pg, &in->anchor, x, y, w, h, &bx, &by);
	if (in->drawing) {
		vndoc_layout__put_drawing(l, pg, story, in->drawing, bx, by, w, h,
					  in->anchor.behind ? VNDOC_LAYOUT__BEHIND : VNDOC_LAYOUT__FRONT, in->anchor.z);
		return;
	}
	b = vndoc_layout__push_box(pg);
	if (in->anchor.behind && pg->n_boxes > 1) {
		memmove(&pg->boxes[1], &pg->boxes[0], (pg->n_boxes - 1) * sizeof pg->boxes[0]);
		b = &pg->boxes[0];
		memset(b, 0, sizeof *b);
	}
	b->kind = VNDOC_BOX_IMAGE;
	b->story = story;
	b->x = bx;
	b->y = by;
	b->w = in->image_w;
	b->h = in->image_h;
	b->image = fl->image;
}

/* A side of a square-wrapped picture takes text when it leaves this much
 * room (LibreOffice's TEXT_MIN_SMALL, 300 twips, for Word documents); a
 * line narrower than this goes below the picture. */
#define WRAP_MIN 15.0

/* Notes the floating pictures of line `ln` (its paragraph's top at y) that
 * the body text of the page wraps around, and those it does not
 * (wrapNone: line_room passes them by; see escaped_line). */
void vndoc_layout__add_areas(vndoc_layout__flow *f, const vndoc_layout__line *ln, double y)
{
	for (size_t i = 0; i < ln->n_floats; i++) {
		const vndoc_docx_inline *in = ln->floats[i].in;
		double bx, by, fw, fh;
		vndoc_layout__float_size(f->l, in, f->cur.page->text_w, &fw, &fh);
		vndoc_layout__float_at(f->cur.page, &in->anchor, f->area.left, y, fw, fh, &bx, &by);
		vndoc_layout__add_area(f, &in->anchor, bx, by, fw, fh);
	}
}

void vndoc_layout__add_area(vndoc_layout__flow *f, const vndoc_docx_anchor *a, double bx, double by, double w,
			    double h)
{
	vndoc_layout__wrap_area *area;
	if (f->floats.n == f->floats.cap) {
		f->floats.cap = f->floats.cap ? f->floats.cap * 2 : 4;
		f->floats.areas = vndoc_xreallocarray(f->floats.areas, f->floats.cap, sizeof *f->floats.areas);
	}
	area = &f->floats.areas[f->floats.n++];
	area->x0 = bx - a->dist_l;
	area->x1 = bx + w + a->dist_r;
	area->y0 = by - a->dist_t;
	area->y1 = by + h + a->dist_b;
	area->wrap = a->wrap;
	area->side = a->wrap_side;
}

/*
 * The room the pictures of the page leave a line of `s` whose advance is
 * [y, y + h): its text area narrowed by *dl on the left and *dr on the
 * right; *below > y when there is none before *below (top and bottom, or
 * too narrow a side), as LibreOffice does (SwTextFly); *past: the bottom of
 * the pictures it goes beside (0: none).
 */
static void line_room(const vndoc_layout__flow *f, const vndoc_layout__seg *s, double y, double h, double *dl, double *dr,
		      double *below, double *past)
{
	double L = f->area.left + s->area_l, R = f->area.left + s->area_r, nl = L, nr = R, next = 0;
	bool square = false;

	*below = y;
	for (size_t i = 0; i < f->floats.n; i++) {
		const vndoc_layout__wrap_area *a = &f->floats.areas[i];
		vndoc_docx_wrap_side side = a->side;
		double room_l, room_r;
		if (a->wrap == VNDOC_DOCX_WRAP_NONE || !(y < a->y1 - EPS && y + h > a->y0 + EPS) || a->x1 <= L + EPS ||
		    a->x0 >= R - EPS)
			continue;
		if (a->wrap == VNDOC_DOCX_WRAP_TOP_BOTTOM) {
			if (a->y1 > *below)
				*below = a->y1;
			continue;
		}
		if (!square || a->y1 < next)
			next = a->y1;
		square = true;
		if (side == VNDOC_DOCX_WRAP_BOTH || side == VNDOC_DOCX_WRAP_LARGEST) {
			/* Text on one side only: the one with more room. */
			room_l = a->x0 - L;
			room_r = R - a->x1;
			side = room_l >= WRAP_MIN && room_l > room_r ? VNDOC_DOCX_WRAP_LEFT : VNDOC_DOCX_WRAP_RIGHT;
		}
		if (side == VNDOC_DOCX_WRAP_LEFT) {
			if (a->x0 < nr)
				nr = a->x0;
		} else if (a->x1 > nl) {
			nl = a->x1;
		}
	}
	*past = next;
	if (*below > y)
		return;
	if (square && nr - nl < WRAP_MIN) {
		*below = next;
		return;
	}
	*dl = nl - L;
	*dr = R - nr;
}

/* Line k of s at y (its advance's top), an empty paragraph's whose mark is
 * a superscript (ln->full_h > 0): no room but its spacing's extra when a
 * floating object of the page, wrapped or not, overlaps it, its full line
 * otherwise (para_measure.c's empty_escaped). */
static void escaped_line(const vndoc_layout__flow *f, const vndoc_layout__seg *s, vndoc_layout__line *ln, double y)
{
	double L = f->area.left + s->area_l, R = f->area.left + s->area_r;
	bool beside = false;
	for (size_t i = 0; i < f->floats.n && !beside; i++) {
		const vndoc_layout__wrap_area *a = &f->floats.areas[i];
		beside = y < a->y1 - EPS && y + ln->full_h > a->y0 + EPS && a->x1 > L + EPS && a->x0 < R - EPS;
	}
	ln->h = ln->text_h = beside ? ln->hang : ln->full_h;
	ln->base = beside ? 0 : ln->full_base;
}

/* Does line `ln` of s, laid out beside a picture that leaves it `dr` less
 * room on the right, end past that room: its text, white space at its end
 * left out, or where it begins (an empty line, after its first-line
 * indent)?  LibreOffice then moves it below the picture: vn-nd30-pl4 p1,
 * ten empty paragraphs indented 36 pt by their first line beside a text
 * box that leaves 23 pt on its right go below it, to page 2. */
static bool past_room(const vndoc_layout__seg *s, const vndoc_layout__line *ln, double dr)
{
	const PangoLayoutLine *pl = ln->pl;
	const char *t = pango_layout_get_text(pl->layout);
	int end = pl->start_index + pl->length, x = 0;
	/* A line holding an inline object (a rule as wide as the text)
	 * stays beside it (LibreOffice; test_shapes). */
	if (g_utf8_strchr(t + pl->start_index, pl->length, 0xFFFC))
		return false;
	while (end > pl->start_index) {
		const char *prev = g_utf8_prev_char(t + end);
		gunichar c = g_utf8_get_char(prev);
		if (!g_unichar_isspace(c) && c != 0x200B)
			break;
		end = (int)(prev - t);
	}
	if (end > pl->start_index)
		pango_layout_line_index_to_x((PangoLayoutLine *)pl, (int)(g_utf8_prev_char(t + end) - t), TRUE, &x);
	return ln->x + (double)x / PANGO_SCALE > s->area_r - dr + EPS;
}

/* Lays out line k of s (and those after it) again when the pictures of the
 * page leave it other room at y, its advance's top, and moves it down
 * below those it cannot go beside (ln->dy).  `before`: the space above the
 * paragraph, for its first line: LibreOffice keeps it below the picture. */
int vndoc_layout__wrap_line(vndoc_layout__flow *f, vndoc_layout__seg *s, size_t k, double y, double before)
{
	int error;
	s->lines[k].dy = 0;
	if (s->lines[k].full_h > 0) {
		escaped_line(f, s, &s->lines[k], y);
		return 0;
	}
	if (!f->floats.n && s->lines[k].wrap_l == 0 && s->lines[k].wrap_r == 0)
		return 0;
	for (int tries = 0; tries < 16; tries++) {
		vndoc_layout__line *ln = &s->lines[k];
		double dl = 0, dr = 0, below, past, dy = ln->dy;
		line_room(f, s, y + dy, ln->h, &dl, &dr, &below, &past);
		if (below > y + dy + EPS) {
			ln->dy = below - y + (k == 0 ? before : 0);
			continue;
		}
		if (fabs(dl - ln->wrap_l) >= 0.01 || fabs(dr - ln->wrap_r) >= 0.01) {
			if ((error = vndoc_layout__seg_rewrap(f->l, s, k, dl, dr, f->err)) < 0)
				return error;
			if (k >= s->n_lines)
				return 0;
			ln = &s->lines[k];
			ln->dy = dy;
		}
		if (past <= y + dy + EPS || !past_room(s, ln, dr))
			return 0;
		ln->dy = past - y + (k == 0 ? before : 0);
	}
	return 0;
}
