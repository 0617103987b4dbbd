/*
 * layout/columns.c: the columns of a section (w:cols): their areas on a page, the
 * separator between them, and balancing them above a continuous section.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "layout/place.h"


/* Column c of the section: its left edge and width. */
static void column_geometry(const flow *f, int c, double *x, double *w, double *gap)
{
	const vndoc_docx_section *s = f->sect;
	double left = TW(s->margin_left), text_w = TW(s->page_w - s->margin_left - s->margin_right);
	int n = f->n_cols;
	*x = left;
	*w = text_w;
	*gap = 0;
	if (n <= 1)
		return;
	if (s->col_equal) {
		*gap = TW(s->col_space);
		*w = (text_w - *gap * (n - 1)) / n;
		*x = left + c * (*w + *gap);
	} else {
		for (int i = 0; i < c; i++)
			*x += TW(s->col_w[i]) + TW(s->col_gap[i]);
		*w = TW(s->col_w[c]);
		*gap = TW(s->col_gap[c]);
	}
	if (*w < 1)
		*w = 1;
}

static void set_column(flow *f, int c)
{
	double gap;
	f->col = c;
	column_geometry(f, c, &f->left, &f->width, &gap);
}

/* The flow as the columns begin on this page, to place it again. */
static void take_snapshot(flow *f)
{
	vndoc_layout *l = f->l;
	/* The blocks before the first one placed here are done with. */
	while (f->n_win && f->b0 < f->pos_block) {
		mblock *b = &f->blocks[0];
		vndoc_layout__segs_free(b->segs, b->n_segs);
		vndoc_layout__mtable_free(b->table);
		memmove(f->blocks, f->blocks + 1, (f->n_win - 1) * sizeof *f->blocks);
		memmove(f->measured, f->measured + 1, (f->n_win - 1) * sizeof *f->measured);
		f->n_win--;
		f->b0++;
	}
	if (f->pos_block)
		vndoc_docx_block_release(l->doc, f->sect->first_block + f->pos_block);
	f->snap_boxes = f->page->n_boxes;
	f->snap_headings = l->n_headings;
	f->snap_refs = l->page_refs ? l->page_refs->len : 0;
	f->snap_ok = !f->in_table;
	*f->saved = *f;
}

/* Columns begin at f->y on this page. */
void vndoc_layout__open_columns(flow *f)
{
	f->pos_block = f->block >= f->sect->first_block ? f->block - f->sect->first_block : 0;
	f->col_top = f->y;
	f->col_y = f->y;
	f->cols_open = true;
	set_column(f, 0);
	if (f->hold)
		take_snapshot(f);
}

/* The columns of this page end at `bottom`: the lines between them
 * (w:sep), from their top, drawn as cells with a left border only. */
void vndoc_layout__close_columns(flow *f, double bottom)
{
	f->cols_open = false;
	if (!f->sect->col_sep || f->n_cols < 2 || bottom <= f->col_top)
		return;
	for (int c = 0; c + 1 < f->n_cols; c++) {
		double x, w, gap;
		vndoc_box *b;
		column_geometry(f, c, &x, &w, &gap);
		b = vndoc_layout__push_box(f->page);
		b->kind = VNDOC_BOX_CELL;
		b->x = x + w + gap / 2;
		b->y = f->col_top;
		b->h = bottom - f->col_top;
		b->row = b->col = -1;
		b->border[VNDOC_DOCX_LEFT].style = VNDOC_DOCX_BORDER_SINGLE;
		b->border[VNDOC_DOCX_LEFT].size = 2;
	}
}

/* The text goes on in the next column, or on the next page after the
 * last (`natural`: by overflow, not a break). */
int vndoc_layout__next_area(flow *f, bool natural)
{
	if (!f->cols_open || f->col + 1 >= f->n_cols)
		return vndoc_layout__new_page(f, natural);
	if (f->y > f->col_y)
		f->col_y = f->y;
	set_column(f, f->col + 1);
	f->y = f->col_top;
	f->empty = true;
	f->natural = natural;
	f->prev_after = 0;
	f->prev_style = NULL;
	f->paid = 0;
	return 0;
}

/* Back to the flow as the columns began on this page. */
static void restore(flow *f)
{
	flow cur = *f;
	vndoc_layout *l = f->l;
	*f = *cur.saved;
	f->blocks = cur.blocks;
	f->measured = cur.measured;
	f->b0 = cur.b0;
	f->n_win = cur.n_win;
	f->cap_win = cur.cap_win;
	f->areas = cur.areas;
	f->cap_areas = cur.cap_areas;
	f->page->n_boxes = f->snap_boxes;
	l->n_headings = f->snap_headings;
	if (l->page_refs)
		g_ptr_array_set_size(l->page_refs, (guint)f->snap_refs);
}

/*
 * The section ends on this page and a continuous section follows: its
 * columns here are made as short as they can be and still hold what they
 * hold (LibreOffice balances them: measured, the first columns as full as
 * that height allows, the last one shorter or as high).  *bottom: where
 * they end.
 */
static int balance(flow *f, double *bottom)
{
	double lo = 0, hi = f->saved->bottom - f->saved->col_top, page_bottom = f->saved->bottom;
	size_t bi = f->saved->pos_block, k0 = f->saved->pos_seg, line0 = f->saved->pos_line;
	int error;

	for (int it = 0; it < 32 && hi - lo > 0.01; it++) {
		double mid = (lo + hi) / 2;
		restore(f);
		f->trial = true;
		f->bottom = f->col_top + mid;
		error = vndoc_layout__place_from(f, bi, k0, line0);
		f->trial = false;
		if (error == FULL)
			lo = mid;
		else if (error == NOBAL)
			hi = page_bottom - f->col_top, lo = hi;
		else if (error < 0)
			return error;
		else
			hi = mid;
	}
	restore(f);
	f->bottom = f->col_top + hi;
	error = vndoc_layout__place_from(f, bi, k0, line0);
	f->bottom = page_bottom;
	*bottom = f->col_top + hi;
	return error;
}

/* The section's columns end: balanced when a continuous section follows
 * on the page, the next section going on below them. */
int vndoc_layout__end_columns(flow *f)
{
	double bottom = f->bottom;
	int error;
	if (f->hold && f->snap_ok) {
		if ((error = balance(f, &bottom)) < 0)
			return error;
	}
	if (f->y > f->col_y)
		f->col_y = f->y;
	if (f->hold && !f->snap_ok)
		bottom = f->col_y;
	vndoc_layout__close_columns(f, bottom);
	if (f->hold)
		f->y = f->col_y;
	return 0;
}
