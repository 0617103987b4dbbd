/*
 * layout/place_para.c: placing a paragraph on pages: spacing between paragraphs, keep
 * with next, keep lines together, widows and orphans.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "layout/place.h"


static double seg_height(const vndoc_layout__seg *s, size_t from, size_t to)
{
	double h = 0;
	for (size_t i = from; i < to && i < s->n_lines; i++)
		h += s->lines[i].h;
	return h;
}

double vndoc_layout__keep_need(flow *f, size_t next, int depth)
{
	const mblock *b;
	size_t n = f->n_blocks;
	if (next >= n || depth > 8)
		return 0;
	/* A failure shows again when the block is placed. */
	if (vndoc_layout__measure_block(f, next) < 0)
		return 0;
	b = vndoc_layout__block_at(f, next);
	if (b->table) {
		vndoc_layout__mtable *mt = b->table;
		double h = 0;
		if (mt->n_rows && vndoc_layout__table_rows(f->l, mt, mt->n_header, f->err) < 0)
			return 0;
		for (size_t r = 0; r < mt->n_rows && r <= mt->n_header; r++)
			h += vndoc_layout__mrow_at(mt, r)->h;
		return h;
	}
	if (b->n_segs) {
		const vndoc_layout__seg *s = &b->segs[0];
		if (s->keep_next && b->n_segs == 1)
			return s->before + seg_height(s, 0, s->n_lines) + s->after +
			       vndoc_layout__keep_need(f, next + 1, depth + 1);
		return s->before + seg_height(s, 0, s->widow && s->n_lines > 1 ? 2 : 1);
	}
	return 0;
}

static void add_heading(flow *f, const vndoc_layout__seg *s, double y)
{
	vndoc_layout *l = f->l;
	vndoc_layout_heading *h;
	if (f->trial)
		return;
	l->headings = vndoc_xreallocarray(l->headings, l->n_headings + 1, sizeof *l->headings);
	h = &l->headings[l->n_headings++];
	h->level = s->outline_level;
	h->title = s->outline_title;
	h->page = l->n_pages - 1;
	h->y = y;
}

/* Places the lines of s from line `from` on (not 0: the rest of a
 * paragraph at the top of a column, placed again to balance columns). */
int vndoc_layout__place_seg(flow *f, vndoc_layout__seg *s, double keep_after, size_t from)
{
	double before, gap = 0, body = f->bottom - f->top, total, top;
	size_t i = 0, n = s->n_lines;
	bool same, floats_put;
	int error;

	f->pos_seg = f->cur_seg;
	f->pos_line = 0;
	if (from > 0) {
		i = from;
		top = f->y;
		before = 0;
		floats_put = true;
		goto lines;
	}
	if (s->page_break_before && !f->empty && (error = vndoc_layout__new_page(f, false)) < 0)
		return error;
	if (s->column_break_before && !f->empty && (error = vndoc_layout__next_area(f, false)) < 0)
		return error;
	same = f->prev_style && s->contextual && f->prev_contextual && !strcmp(f->prev_style, s->style);
	/* Between two paragraphs LibreOffice leaves the larger of the space
	 * after the first and the space before the second (measured). */
	before = same ? 0 : s->before > f->prev_after ? s->before : f->prev_after;
	/* LibreOffice keeps "space before" at the top of the first page and
	 * after an explicit break, and drops it on pages begun by overflow. */
	if (f->empty && f->natural)
		before = 0;
	before = before > f->paid ? before - f->paid : 0;
	f->paid = 0;
	total = gap + before + seg_height(s, 0, n);
	/* Keep lines together, keep with next: start on a new page when that
	 * helps, that is when the whole would fit on an empty page. */
	if (!f->empty && f->y + total > f->bottom + EPS) {
		if (s->keep_lines && seg_height(s, 0, n) + before <= body) {
			if ((error = vndoc_layout__next_area(f, true)) < 0)
				return error;
			return vndoc_layout__place_seg(f, s, keep_after, 0);
		}
	}
	if (!f->empty && s->keep_next && keep_after > 0 && f->y + total + s->after + keep_after > f->bottom + EPS &&
	    total + s->after + keep_after <= body) {
		if ((error = vndoc_layout__next_area(f, true)) < 0)
			return error;
		return vndoc_layout__place_seg(f, s, keep_after, 0);
	}

	/* The paragraph's top, where its floating pictures are measured from. */
	top = f->y;
	floats_put = false;
	f->y += gap + before;
lines:
	while (i < n) {
		size_t fit = 0, k, areas = f->n_areas, split_at = SIZE_MAX;
		double y = f->y, notes = 0;
		/* Its pictures go on the page of its first line: the text there
		 * (this paragraph's too) wraps around them. */
		if (i == 0 && !floats_put)
			vndoc_layout__add_areas(f, &s->lines[0], top);
		/* In a column of another width (unequal w:col), LibreOffice
		 * breaks the lines that go there again at its width. */
		if ((error = vndoc_layout__seg_rewidth(f->l, s, i, f->width, f->err)) < 0)
			return error;
		while (i + fit < s->n_lines) {
			double need;
			if ((error = vndoc_layout__wrap_line(f, s, i + fit, y, i + fit == 0 ? before : 0)) < 0)
				return error;
			/* A line goes with its footnotes, or to the next page. */
			if ((error = vndoc_layout__notes_need(f, &s->lines[i + fit], f->n_notes == 0 && notes == 0, &need)) < 0)
				return error;
			if (y + s->lines[i + fit].dy + s->lines[i + fit].h > f->bottom - notes - need + EPS) {
				/* LibreOffice keeps the line when it splits a footnote
				 * (split_notes); the page is full then. */
				double below = f->bottom - notes - (y + s->lines[i + fit].dy + s->lines[i + fit].h);
				bool ok = false, split = false;
				if (s->lines[i + fit].n_notes && below > -EPS &&
				    (error = vndoc_layout__split_notes(f, &s->lines[i + fit], below, f->n_notes == 0 && notes == 0,
							 true, false, &ok, &split)) < 0)
					return error;
				if (!ok || !split)
					break;
				split_at = i + fit;
				fit++;
				break;
			}
			notes += need;
			y += s->lines[i + fit].dy + s->lines[i + fit].h;
			fit++;
		}
		n = s->n_lines;
		if (i + fit == n) {
			k = fit;
		} else {
			k = fit;
			if (s->widow) {
				/* Orphan: never one first line alone at the bottom. */
				if (i == 0 && k == 1 && n > 1)
					k = 0;
				/* Widow: never one last line alone at the top. */
				if (k > 0 && n - (i + k) == 1 && n > 2) {
					k--;
					if (i == 0 && k < 2)
						k = 0;
				}
			}
			if (k == 0 && f->empty && i == 0 && !floats_put && s->lines[0].dy > 0) {
				/* Its own pictures leave its first line no room on
				 * an empty page: they stay, the text goes on. */
				for (size_t m = 0; m < s->lines[0].n_floats; m++)
					vndoc_layout__put_float(f->page, VNDOC_STORY_BODY, &s->lines[0].floats[m], f->left, top);
				floats_put = true;
				areas = f->n_areas;
			} else if (k == 0 && f->empty) {
				k = fit ? fit : 1; /* a line taller than the page */
			}
		}
		if (i == 0 && k == 0)
			f->n_areas = areas; /* the paragraph begins on the next page */
		for (size_t j = i; j < i + k; j++) {
			const vndoc_layout__line *ln = &s->lines[j];
			vndoc_layout__mark_block(f);
			f->y += ln->dy;
			if (j == 0 && s->outline_level >= 0)
				add_heading(f, s, f->y + ln->top);
			vndoc_layout__put_line_at(f->l, f->page, VNDOC_STORY_BODY, ln, f->left, f->y, false);
			if (j == split_at) {
				bool ok, split;
				if ((error = vndoc_layout__split_notes(f, ln, f->bottom - (f->y + ln->h), f->n_notes == 0, true, true,
							 &ok, &split)) < 0)
					return error;
				if (!ok)
					vndoc_layout__add_notes(f, ln);
			} else {
				vndoc_layout__add_notes(f, ln);
			}
			for (size_t m = 0; j == 0 && !floats_put && m < ln->n_floats; m++)
				vndoc_layout__put_float(f->page, VNDOC_STORY_BODY, &ln->floats[m], f->left, top);
			f->y += ln->h;
			f->empty = false;
		}
		i += k;
		if (i < n) {
			f->pos_line = i;
			if ((error = vndoc_layout__next_area(f, true)) < 0)
				return error;
			top = f->y;
			before = 0;
		}
	}
	f->empty = false;
	f->prev_after = s->after;
	f->prev_style = s->style;
	f->prev_contextual = s->contextual;
	if (s->break_after) {
		f->pos_seg = f->cur_seg + 1;
		f->pos_line = 0;
		if ((error = s->column_break ? vndoc_layout__next_area(f, false) : vndoc_layout__new_page(f, false)) < 0)
			return error;
	}
	return 0;
}
