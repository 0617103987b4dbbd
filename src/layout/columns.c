/*
 * layout/columns.c: the columns of a section (w:cols): their areas on a
 * page, the separator between them, and balancing them above a continuous
 * section.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "layout/place.h"


/* Column c of the section: its left edge and width. */
static void column_geometry(const vndoc_layout__flow *f, int c, double *x, double *w, double *gap)
{
	const vndoc_docx_section *s = f->sect;
	double left = vndoc_layout__margin_left(s, f->cur.page), text_w = TW(s->page_w - s->margin_left - s->margin_right);
	int n = f->cols.n;
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

static void set_column(vndoc_layout__flow *f, int c)
{
	double gap;
	f->cols.col = c;
	column_geometry(f, c, &f->area.left, &f->area.width, &gap);
}

/* The flow as the columns begin on this page, to place it again. */
static void take_snapshot(vndoc_layout__flow *f)
{
	vndoc_layout *l = f->l;
	vndoc_layout__snapshot *s = f->bal.saved;
	/* The blocks before the first one placed here are done with. */
	while (f->win.n && f->win.b0 < f->bal.at.block) {
		vndoc_layout__mblock *b = &f->win.blocks[0];
		vndoc_layout__segs_free(b->segs, b->n_segs);
		vndoc_layout__mtable_free(b->table);
		memmove(f->win.blocks, f->win.blocks + 1, (f->win.n - 1) * sizeof *f->win.blocks);
		memmove(f->win.measured, f->win.measured + 1, (f->win.n - 1) * sizeof *f->win.measured);
		f->win.n--;
		f->win.b0++;
	}
	if (f->bal.at.block)
		vndoc_docx_block_release(l->doc, f->sect->first_block + f->bal.at.block);
	f->bal.ok = !f->bal.in_table;
	s->cur = f->cur;
	s->area = f->area;
	s->cols = f->cols;
	s->at = f->bal.at;
	s->n_floats = f->floats.n;
	s->n_notes = f->notes.n;
	s->n_pending = f->notes.n_pending;
	s->notes_moved = f->notes.moved;
	s->note_bottom = f->notes.bottom;
	s->ok = f->bal.ok;
	s->in_table = f->bal.in_table;
	s->n_boxes = f->cur.page->n_boxes;
	s->n_headings = l->n_headings;
	s->n_refs = l->page_refs ? l->page_refs->len : 0;
}

/* Columns begin at f->cur.y on this page. */
void vndoc_layout__open_columns(vndoc_layout__flow *f)
{
	f->bal.at.block = f->cur.block >= f->sect->first_block ? f->cur.block - f->sect->first_block : 0;
	f->cols.top = f->cur.y;
	f->cols.y = f->cur.y;
	f->cols.open = true;
	set_column(f, 0);
	if (f->bal.hold)
		take_snapshot(f);
}

/* The columns of this page end at `bottom`: the lines between them
 * (w:sep), in the middle of the gap, from their top. */
void vndoc_layout__close_columns(vndoc_layout__flow *f, double bottom)
{
	static const vndoc_docx_border sep = { VNDOC_DOCX_BORDER_SINGLE, 2, 0, 0, VNDOC_DOCX_BORDER_W_STYLE };
	f->cols.open = false;
	if (!f->sect->col_sep || f->cols.n < 2 || bottom <= f->cols.top)
		return;
	for (int c = 0; c + 1 < f->cols.n; c++) {
		double x, w, gap;
		column_geometry(f, c, &x, &w, &gap);
		vndoc_layout__put_vrule(f->cur.page, VNDOC_STORY_BODY, &sep, x + w + gap / 2, f->cols.top,
					bottom - f->cols.top);
	}
}

/* The text goes on in the next column, or on the next page after the
 * last (`natural`: by overflow, not a break). */
int vndoc_layout__next_area(vndoc_layout__flow *f, bool natural)
{
	if (!f->cols.open || f->cols.col + 1 >= f->cols.n)
		return vndoc_layout__new_page(f, natural);
	if (f->cur.y > f->cols.y)
		f->cols.y = f->cur.y;
	set_column(f, f->cols.col + 1);
	f->cur.y = f->cols.top;
	f->cur.empty = true;
	f->cur.kept = true;
	f->cur.natural = natural;
	f->cur.broken = false;
	f->cur.prev_after = 0;
	f->cur.prev_style = NULL;
	f->cur.paid = 0;
	return 0;
}

/* Back to the flow as the columns began on this page. */
static void restore(vndoc_layout__flow *f)
{
	const vndoc_layout__snapshot *s = f->bal.saved;
	vndoc_layout *l = f->l;
	f->cur = s->cur;
	f->area = s->area;
	f->cols = s->cols;
	f->bal.at = s->at;
	f->floats.n = s->n_floats;
	f->notes.n = s->n_notes;
	f->notes.n_pending = s->n_pending;
	f->notes.moved = s->notes_moved;
	f->notes.bottom = s->note_bottom;
	f->bal.ok = s->ok;
	f->bal.in_table = s->in_table;
	f->cur.page->n_boxes = s->n_boxes;
	l->n_headings = s->n_headings;
	if (l->page_refs)
		g_ptr_array_set_size(l->page_refs, (guint)s->n_refs);
}

/* One trial: does the rest of the page go in columns `h` high? */
static int try_height(vndoc_layout__flow *f, double h, vndoc_layout__trial *out)
{
	const vndoc_layout__snapshot *s = f->bal.saved;
	int error;
	restore(f);
	f->bal.trial = true;
	f->bal.outcome = VNDOC_LAYOUT__TRIAL_FITS;
	f->area.bottom = f->cols.top + h;
	error = vndoc_layout__place_from(f, s->at.block, s->at.seg, s->at.line);
	f->bal.trial = false;
	*out = f->bal.outcome;
	f->bal.outcome = VNDOC_LAYOUT__TRIAL_FITS;
	return error;
}

/*
 * The section ends on this page and a continuous section follows: its
 * columns here are made as short as they can be and still hold what they
 * hold (LibreOffice balances them: measured, the first columns as full as
 * that height allows, the last one shorter or as high).  *bottom: where
 * they end.
 */
static int balance(vndoc_layout__flow *f, double *bottom)
{
	const vndoc_layout__snapshot *s = f->bal.saved;
	double lo = 0, hi = s->area.bottom - s->cols.top, page_bottom = s->area.bottom;
	vndoc_layout__trial outcome;
	int error;

	for (int it = 0; it < 32 && hi - lo > 0.01; it++) {
		double mid = (lo + hi) / 2;
		if ((error = try_height(f, mid, &outcome)) < 0)
			return error;
		if (outcome == VNDOC_LAYOUT__TRIAL_FULL)
			lo = mid;
		else if (outcome == VNDOC_LAYOUT__TRIAL_NOBAL)
			hi = page_bottom - f->cols.top, lo = hi;
		else
			hi = mid;
	}
	restore(f);
	f->area.bottom = f->cols.top + hi;
	error = vndoc_layout__place_from(f, s->at.block, s->at.seg, s->at.line);
	f->area.bottom = page_bottom;
	*bottom = f->cols.top + hi;
	return error;
}

/* The section's columns end: balanced when a continuous section follows
 * on the page, the next section going on below them. */
int vndoc_layout__end_columns(vndoc_layout__flow *f)
{
	double bottom = f->area.bottom;
	int error;
	if (f->bal.hold && f->bal.ok) {
		if ((error = balance(f, &bottom)) < 0)
			return error;
	}
	if (f->cur.y > f->cols.y)
		f->cols.y = f->cur.y;
	if (f->bal.hold && !f->bal.ok)
		bottom = f->cols.y;
	vndoc_layout__close_columns(f, bottom);
	if (f->bal.hold)
		f->cur.y = f->cols.y;
	return 0;
}
