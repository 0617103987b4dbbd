/*
 * layout/place_table.c: placing a table on pages: rows split across pages,
 * header rows repeated, vertically merged cells drawn as one box per page.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "layout/place.h"


/*
 * A vertically merged cell of the table's body, as LibreOffice draws it:
 * one box per page over the rows it covers there, its text flowing down
 * them and on to the next page; the row it ends with grows when the rest
 * of its text needs more room.  Its box on a page is pushed when the page
 * reaches it and given its height, and its lines, when it ends there.
 */
typedef struct vmerge {
	size_t row, last;   /* its first and last rows; row == SIZE_MAX: none */
	size_t cell;        /* its index in row `row` */
	size_t box;         /* its box on this page: an index (boxes move) */
	double from;        /* content offset of its first line not placed yet */
	double y0;          /* the top of its box on this page */
	double pad;         /* the top border of the row its box begins with */
} vmerge;

/* A table being placed. */
typedef struct tplace {
	vndoc_layout__mtable *mt;
	size_t max_cells;
	vmerge *vm;         /* per grid column, [0, n_grid] */
	size_t n_active;
	size_t released;    /* the rows before it are let go */
	/* Set by place_row_part for a part of a row: are the merged cells
	 * that end with the row done, did they move on? */
	bool ends_done, ends_moved;
	bool repeat;        /* header rows repeated: their footnotes are placed once */
	int error;          /* the first error placing the footnotes of its cells */
} tplace;

static void put_cell(vndoc_layout__flow *f, const vndoc_layout__mtable *mt, size_t r, const vndoc_layout__mcell *mc,
		     double y, double h, bool cont_above, bool cont_below)
{
	const vndoc_docx_cell *cell = mc->cell;
	vndoc_box *b = vndoc_layout__push_box(f->cur.page);
	b->kind = VNDOC_BOX_CELL;
	b->x = f->area.left + mt->x + mc->x;
	b->y = y;
	b->w = mc->w;
	b->h = h;
	b->row = (int)r;
	b->col = cell->grid_col;
	memcpy(b->border, cell->border, sizeof b->border);
	/* Inside a vertical merge the cells draw as one. */
	if (cell->vmerge == VNDOC_DOCX_VMERGE_CONTINUE || cont_above)
		b->border[VNDOC_DOCX_TOP].style = VNDOC_DOCX_BORDER_NONE;
	if (cont_below)
		b->border[VNDOC_DOCX_BOTTOM].style = VNDOC_DOCX_BORDER_NONE;
	b->has_fill = cell->has_fill;
	b->fill = cell->fill;
}

static bool merged_below(const vndoc_docx *doc, const vndoc_layout__mtable *mt, size_t r,
			 const vndoc_docx_cell *cell)
{
	const vndoc_docx_row *next;
	if (r + 1 >= mt->n_rows || cell->vmerge == VNDOC_DOCX_VMERGE_NONE)
		return false;
	/* Read by place_table before the row is placed: no error here. */
	if (vndoc_docx_row_get(&next, doc, mt->table, r + 1, NULL) < 0)
		return false;
	for (size_t i = 0; i < next->n_cells; i++)
		if (next->cells[i].grid_col == cell->grid_col)
			return next->cells[i].vmerge == VNDOC_DOCX_VMERGE_CONTINUE;
	return false;
}

/* The height of measured rows `from` to `last` of mt. */
static double rows_height(const vndoc_layout__mtable *mt, size_t from, size_t last)
{
	double h = 0;
	for (size_t k = from; k <= last; k++)
		h += vndoc_layout__mrow_at(mt, k)->h;
	return h;
}

/* The height of the rows a merged cell of header row `r` spans, when they
 * are measured and all fit on the page from f->cur.y; else 0. */
static double span_height(const vndoc_layout__flow *f, const vndoc_layout__mtable *mt, size_t r,
			  const vndoc_layout__mcell *mc)
{
	size_t last = r + (size_t)mc->span_rows - 1;
	double h;
	if (mc->span_rows <= 1 || last >= mt->n_final)
		return 0;
	h = rows_height(mt, r, last);
	return f->cur.y + h <= f->area.bottom + EPS ? h : 0;
}

/* The merge in grid column `g` of body row `r`: the one cell `cell` begins
 * or continues, else NULL. */
static vmerge *merge_at(const tplace *tp, size_t r, size_t g)
{
	vmerge *m;
	if (r < tp->mt->n_header || g > tp->mt->table->n_grid)
		return NULL;
	m = &tp->vm[g];
	return m->row != SIZE_MAX && m->row <= r && r <= m->last ? m : NULL;
}

static const vndoc_layout__mcell *merge_cell(const tplace *tp, const vmerge *m)
{
	return &vndoc_layout__mrow_at(tp->mt, m->row)->cells[m->cell];
}

/*
 * Where a cell's part ends when line `p` is the first that does not fit in
 * it (its content offset; the part began at `from`): above the space
 * before of the paragraph `p` begins, which the next part keeps above it
 * at the top of the next page, as LibreOffice 7.4 keeps a cell's first
 * paragraph's space before there (vn-nd30-pl3 p4: 3 pt).
 */
static double part_end(const vndoc_layout__placed *p, double from)
{
	return fmax(from, p->y - p->above);
}

/* The content offset where the lines of merge `m` that fit in its box
 * `h` high on this page end (INFINITY: all of them); *used: the height
 * they take there with the cell's margins. */
static double merge_fit(const tplace *tp, const vmerge *m, double h, double pad_bottom, double *used)
{
	const vndoc_layout__mcell *mc = merge_cell(tp, m);
	double top = TW(mc->cell->margin[VNDOC_DOCX_TOP]) + m->pad;
	double mb = TW(mc->cell->margin[VNDOC_DOCX_BOTTOM]) + pad_bottom;
	*used = 0;
	for (size_t i = 0; i < mc->content.n; i++) {
		const vndoc_layout__placed *p = &mc->content.items[i];
		double bottom;
		if (p->y < m->from - EPS)
			continue;
		bottom = top + p->y - m->from + p->line->h + mb;
		if (bottom > h + EPS)
			return part_end(p, m->from);
		*used = bottom;
	}
	return INFINITY;
}

/* The height body row `r` takes placed whole from f->cur.y: its own, or more
 * where a merged cell that ends with it needs more for the rest of its
 * text (with the rows it covers on this page). */
static double row_height(const vndoc_layout__flow *f, const tplace *tp, size_t r)
{
	const vndoc_layout__mtable *mt = tp->mt;
	const vndoc_layout__mrow *mr = vndoc_layout__mrow_at(mt, r);
	/* Rows a header row's merged cell reaches: as measured. */
	double h = r < mt->n_keep ? mr->h : mr->own_h;

	for (size_t g = 0; tp->n_active && g <= mt->table->n_grid; g++) {
		const vmerge *m = &tp->vm[g];
		const vndoc_layout__mcell *mc;
		double need;
		if (m->row == SIZE_MAX || m->last != r || isinf(m->from))
			continue;
		mc = merge_cell(tp, m);
		need = TW(mc->cell->margin[VNDOC_DOCX_TOP]) + m->pad + mc->content.height - m->from +
		       TW(mc->cell->margin[VNDOC_DOCX_BOTTOM]) - (f->cur.y - m->y0);
		if (need > h)
			h = need;
	}
	return h;
}

/* What a row that ends a page needs below its height: the rest of its
 * cells' bottom border (LibreOffice draws it there and makes room for it:
 * rows of 0.75 pt outset borders, 25.85 pt high, stay whole on a page
 * from 27.4 pt left; poi-bib-chernigovka page 3's last row). */
static double foot_room(const vndoc_layout__mrow *mr)
{
	return mr->foot > mr->pad_bottom ? mr->foot - mr->pad_bottom : 0;
}

/* The vertical alignment of a cell's text: how far it moves down in a
 * box leaving `room` below it. */
static double valign_shift(const vndoc_docx_cell *cell, double room)
{
	if (room > 0)
		return cell->valign == VNDOC_DOCX_CELL_CENTER ? room / 2 : room;
	return 0;
}

/* The lines, their floating objects and nested tables of a cell's content
 * [from, to) in a box where content offset `from` is at (x, y).  With `notes`, their footnotes
 * go to the foot of the page, below `notes_below`. */
static void put_content(vndoc_layout__flow *f, tplace *tp, const vndoc_layout__mcell *mc, double from,
			double to, double x, double y, bool notes, double notes_below)
{
	/* The nested tables' cells first: their shading under their text
	 * (vn-gr2-baocao p22, the orange heading row of a nested table drew
	 * over "STT", "Thực hiện bởi", "Hành động"). */
	for (size_t i = 0; i < mc->content.n_cells; i++) {
		const vndoc_box *nb = &mc->content.cells[i];
		vndoc_box *b;
		if (nb->y < from - EPS || nb->y >= to - EPS)
			continue;
		b = vndoc_layout__push_box(f->cur.page);
		*b = *nb;
		b->x += x;
		b->y += y - from;
	}
	for (size_t i = 0; i < mc->content.n; i++) {
		const vndoc_layout__placed *p = &mc->content.items[i];
		if (p->y < from - EPS || p->y >= to - EPS)
			continue;
		vndoc_layout__put_line_at(f->l, f->cur.page, VNDOC_STORY_BODY, p->line, x + p->x, y + p->y - from, false);
		/* Its floating objects from its paragraph's top, above the
		 * paragraph's space before (LibreOffice 7.4; vn-nd30-pl4 p4: the
		 * stamp's "ĐẾN" box 9 pt lower than LibreOffice's, the space
		 * before of the cell's paragraph). */
		for (size_t m = 0; m < p->line->n_floats; m++)
			vndoc_layout__put_float(f->l, f->cur.page, VNDOC_STORY_BODY, &p->line->floats[m], x + p->x,
						y + p->y - p->above - from);
		if (p->line->n_notes && notes && tp->error == 0)
			tp->error = vndoc_layout__cell_notes(f, p->line, notes_below);
	}
}

/* The box of merge `m` on this page begins at f->cur.y. */
static void open_merge(vndoc_layout__flow *f, const tplace *tp, vmerge *m, double pad)
{
	put_cell(f, tp->mt, m->row, merge_cell(tp, m), f->cur.y, 0, false, false);
	m->box = f->cur.page->n_boxes - 1;
	m->y0 = f->cur.y;
	m->pad = pad;
}

/*
 * The box of merge `m` on this page ends at f->cur.y, the lines that fit in it
 * go in; when the merge ends here (`end`), all the rest, with the cell's
 * vertical alignment in the box, and the bottom border of its last row's
 * cell.  A box that goes on to the next page keeps its text at the top
 * and has its borders all round (LibreOffice).
 */
static void close_merge(vndoc_layout__flow *f, tplace *tp, vmerge *m, bool end, double pad_bottom)
{
	const vndoc_layout__mtable *mt = tp->mt;
	const vndoc_layout__mcell *mc = merge_cell(tp, m);
	const vndoc_docx_cell *cell = mc->cell;
	double h = f->cur.y - m->y0, used, to = INFINITY, shift = 0;
	double x = f->area.left + mt->x + mc->x + mc->text_x;
	double top = m->y0 + TW(cell->margin[VNDOC_DOCX_TOP]) + m->pad;
	vndoc_box *b = NULL;

	/* Floating pictures put behind the text move the boxes on. */
	for (size_t i = m->box; i < f->cur.page->n_boxes && !b; i++)
		if (f->cur.page->boxes[i].kind == VNDOC_BOX_CELL && f->cur.page->boxes[i].row == (int)m->row &&
		    f->cur.page->boxes[i].col == cell->grid_col && f->cur.page->boxes[i].y == m->y0)
			b = &f->cur.page->boxes[i];
	if (b)
		b->h = h;
	if (!end) {
		to = merge_fit(tp, m, h, pad_bottom, &used);
	} else {
		const vndoc_docx_row *lr = vndoc_layout__mrow_at(mt, m->last)->row;
		for (size_t k = 0; b && k < lr->n_cells; k++)
			if (lr->cells[k].grid_col == cell->grid_col)
				b->border[VNDOC_DOCX_BOTTOM] = lr->cells[k].border[VNDOC_DOCX_BOTTOM];
		if (cell->valign != VNDOC_DOCX_CELL_TOP && !isinf(m->from))
			shift = valign_shift(cell, h - (mc->content.height - m->from) -
						     TW(cell->margin[VNDOC_DOCX_TOP]) -
						     TW(cell->margin[VNDOC_DOCX_BOTTOM]) - m->pad - pad_bottom);
	}
	put_content(f, tp, mc, m->from, to, x, top + shift, true, f->cur.y);
	m->from = to;
	if (end) {
		m->row = SIZE_MAX;
		tp->n_active--;
	}
}

/* Row `r` is placed: the merged cells that end with it end. */
static void end_merges(vndoc_layout__flow *f, tplace *tp, size_t r)
{
	double pad_bottom = vndoc_layout__mrow_at(tp->mt, r)->pad_bottom;
	for (size_t g = 0; tp->n_active && g <= tp->mt->table->n_grid; g++)
		if (tp->vm[g].row != SIZE_MAX && tp->vm[g].last == r)
			close_merge(f, tp, &tp->vm[g], true, pad_bottom);
}

/* A part of row `r` being placed: the content of cell c from from[c] to
 * to[c], in at most `avail` points (INFINITY: all the rest); `whole`:
 * all of the row at once.  h: the part's height; all_done: nothing of the
 * row is left for the next page. */
typedef struct row_part {
	size_t r;
	const double *from;
	double *to;
	double avail, h;
	bool first, whole, body, placed, all_done;
} row_part;

/* How near the page's foot (points) a line of a cell holding nested tables
 * is checked for their cells' bottom margins (nested_margin): a cell's
 * margins are a few points; the check costs a pass over the content. */
#define NESTED_NEAR 72.0

/* Does nested cell box `b` hold the line placed as `p`? */
static bool box_holds(const vndoc_box *b, const vndoc_layout__placed *p)
{
	return p->y >= b->y - EPS && p->y < b->y + b->h - EPS && p->x >= b->x - EPS && p->x < b->x + b->w;
}

/*
 * The margins of the nested tables' cells around line `i` of a cell's
 * content: above its cells' first lines (`top`) or below their last.  A
 * nested row split across pages keeps them in each part, as the cell's own
 * do (LibreOffice 7.4): the part that ends a page keeps room for the
 * bottom ones under its last line, the next part begins below the top
 * ones.
 */
static double nested_margin(const vndoc_layout__stack *st, size_t i, bool top)
{
	const vndoc_layout__placed *p = &st->items[i];
	double sum = 0;
	for (size_t k = 0; k < st->n_cells; k++) {
		const vndoc_box *b = &st->cells[k];
		size_t j = i;
		if (!box_holds(b, p))
			continue;
		if (top) {
			while (j > 0 && box_holds(b, &st->items[j - 1]))
				j--;
			sum += st->items[j].y - b->y;
		} else {
			while (j + 1 < st->n && box_holds(b, &st->items[j + 1]))
				j++;
			sum += b->y + b->h - st->items[j].y - st->items[j].line->h;
		}
	}
	return sum > 0 ? sum : 0;
}

/* The room kept above a part's text beginning at content offset `from`:
 * its nested cells' top margins (nested_margin). */
static double nested_top(const vndoc_layout__stack *st, double from)
{
	if (from <= 0 || !st->n_cells)
		return 0;
	for (size_t i = 0; i < st->n; i++)
		if (st->items[i].y >= from - EPS)
			return nested_margin(st, i, true);
	return 0;
}

/* Where the text of each cell stops in the part (to[c]), and the height
 * it takes (rp->h). */
static void cells_fit(vndoc_layout__flow *f, tplace *tp, row_part *rp)
{
	const vndoc_layout__mtable *mt = tp->mt;
	const vndoc_layout__mrow *mr = vndoc_layout__mrow_at(mt, rp->r);
	/* a line's spacing below its text may hang past the page's foot, as
	 * a paragraph's last line on a page (LibreOffice); not in a document
	 * Word wrote: Word's PDF of d4j-gettingstarted p36 ends a split row's
	 * part on a line whose 2 pt of spacing at 1.15 would hang, and puts
	 * that line on the next page */
	bool hangs = !vndoc_layout__word_fonts(f->l);
	for (size_t c = 0; c < mr->n_cells; c++) {
		const vndoc_layout__mcell *mc = &mr->cells[c];
		const vndoc_docx_cell *cell = mc->cell;
		/* A part on a following page keeps the top border's width
		 * above its text, as the first does (LibreOffice). */
		double mt_ = TW(cell->margin[VNDOC_DOCX_TOP]) + mr->pad_top;
		double mb = TW(cell->margin[VNDOC_DOCX_BOTTOM]) + mr->pad_bottom;
		/* A part that may end the page keeps room for the row's
		 * bottom border; the part that ends the row does not take it. */
		double foot = isinf(rp->avail) ? 0 : foot_room(mr);
		double used = 0, above = nested_top(&mc->content, rp->from[c]);
		rp->to[c] = INFINITY;
		/* A merged cell of a header row whose rows fit on the page
		 * spreads its text over them (LibreOffice): it does not make
		 * this row taller.  One of the body is placed by close_merge. */
		if (rp->whole && !rp->body && span_height(f, mt, rp->r, mc) > 0)
			continue;
		if (rp->body && mc->span_rows > 1 && (size_t)cell->grid_col <= mt->table->n_grid)
			continue;
		for (size_t i = 0; i < mc->content.n; i++) {
			const vndoc_layout__placed *p = &mc->content.items[i];
			double bottom;
			if (p->y < rp->from[c] - EPS)
				continue;
			bottom = above + p->y - rp->from[c] + p->line->h;
			/* near the foot, the nested cells' bottom margins too */
			if (mc->content.n_cells && !isinf(rp->avail) &&
			    mt_ + bottom + mb + foot + NESTED_NEAR > rp->avail)
				bottom += nested_margin(&mc->content, i, false);
			if (mt_ + bottom - (hangs ? p->line->hang : 0) + mb + foot > rp->avail + EPS) {
				rp->to[c] = part_end(p, rp->from[c]);
				break;
			}
			used = bottom;
			rp->placed = true;
		}
		if (isinf(rp->to[c]))
			foot = 0;
		/* The rest of a split cell: as high as what its text takes
		 * below its first line there, a nested table's cell margins and
		 * borders under its last line too (LibreOffice: poi-60329 p2,
		 * the rows after a split row 2.8 pt lower). */
		if (isinf(rp->to[c]) && !rp->whole && rp->from[c] > 0 && above + mc->content.height - rp->from[c] > used)
			used = above + mc->content.height - rp->from[c];
		if (mc->content.n && (used > 0 || isinf(rp->to[c])) && mt_ + used + mb + foot > rp->h)
			rp->h = mt_ + used + mb + foot;
		if (mc->span_rows == 1 && isinf(rp->to[c]) && rp->whole && mc->content.height + mt_ + mb > rp->h)
			rp->h = mc->content.height + mt_ + mb;
	}
}

/* The merged cells that end with the row: as much of their text as fits
 * in their boxes (tp->ends_done, tp->ends_moved), and the height that
 * takes. */
static void merge_ends_fit(vndoc_layout__flow *f, tplace *tp, row_part *rp)
{
	const vndoc_layout__mtable *mt = tp->mt;
	const vndoc_layout__mrow *mr = vndoc_layout__mrow_at(mt, rp->r);
	for (size_t g = 0; rp->body && !rp->whole && tp->n_active && g <= mt->table->n_grid; g++) {
		const vmerge *m = &tp->vm[g];
		double off = f->cur.y - m->y0, used, mto;
		if (m->row == SIZE_MAX || m->last != rp->r)
			continue;
		mto = merge_fit(tp, m, off + rp->avail, mr->pad_bottom, &used);
		if (!isinf(mto))
			tp->ends_done = false;
		if (mto > m->from + EPS || (isinf(mto) && !isinf(m->from))) {
			tp->ends_moved = true;
			rp->placed = true;
		}
		if (used - off > rp->h)
			rp->h = used - off;
	}
}

/* The height of the part, and whether it ends the row. */
static void part_height(vndoc_layout__flow *f, tplace *tp, row_part *rp)
{
	const vndoc_layout__mrow *mr = vndoc_layout__mrow_at(tp->mt, rp->r);
	cells_fit(f, tp, rp);
	merge_ends_fit(f, tp, rp);
	if (rp->whole)
		rp->h = rp->body ? fmax(rp->h, row_height(f, tp, rp->r)) : fmax(rp->h, mr->h);
	/* A row of exact height keeps it whatever its cells hold (Word and
	 * LibreOffice clip them): vn-nd30-pl4 p4, a stamp's row of 20.7 pt
	 * whose empty cell asks 25.1 (9 pt before a 14 pt line). */
	if (rp->whole && mr->row->height_rule == VNDOC_DOCX_HEIGHT_EXACT && mr->row->height > 0 && mr->h < rp->h)
		rp->h = mr->h;
	rp->all_done = tp->ends_done;
	for (size_t c = 0; c < mr->n_cells; c++)
		rp->all_done = rp->all_done && isinf(rp->to[c]);
	/* Nothing fits: the part fills the page. */
	if (!isinf(rp->avail) && (rp->h > rp->avail || (!rp->all_done && !rp->placed)))
		rp->h = rp->avail;
}

/* A merged cell of a body row begins a merge: its box is opened, its text
 * placed by close_merge. */
static void begin_merge(vndoc_layout__flow *f, tplace *tp, const row_part *rp, size_t c, vmerge *m)
{
	const vndoc_layout__mrow *mr = vndoc_layout__mrow_at(tp->mt, rp->r);
	size_t g = (size_t)mr->cells[c].cell->grid_col;
	if (!rp->first || m)
		return;
	m = &tp->vm[g];
	m->row = rp->r;
	m->last = rp->r + (size_t)mr->cells[c].span_rows - 1;
	m->cell = c;
	m->from = 0;
	open_merge(f, tp, m, mr->pad_top);
	tp->n_active++;
}

/* A merged cell of a header row as one box `span_h` high over its rows,
 * with the bottom border of its last row's cell; the bottom border width
 * of that row. */
static double put_span_cell(vndoc_layout__flow *f, tplace *tp, size_t r, const vndoc_layout__mcell *mc,
			    double span_h)
{
	vndoc_layout__mtable *mt = tp->mt;
	size_t last = r + (size_t)mc->span_rows - 1, g = (size_t)mc->cell->grid_col;
	const vndoc_docx_row *lr = vndoc_layout__mrow_at(mt, last)->row;
	put_cell(f, mt, r, mc, f->cur.y, span_h, false, false);
	for (size_t k = 0; k < lr->n_cells; k++)
		if (lr->cells[k].grid_col == mc->cell->grid_col)
			f->cur.page->boxes[f->cur.page->n_boxes - 1].border[VNDOC_DOCX_BOTTOM] =
				lr->cells[k].border[VNDOC_DOCX_BOTTOM];
	if (g <= mt->table->n_grid)
		mt->covered[g] = last + 1;
	return vndoc_layout__mrow_at(mt, last)->pad_bottom;
}

/* Cell c of the part: its box and its text. */
static void put_part_cell(vndoc_layout__flow *f, tplace *tp, const row_part *rp, size_t c)
{
	vndoc_layout__mtable *mt = tp->mt;
	const vndoc_layout__mrow *mr = vndoc_layout__mrow_at(mt, rp->r);
	const vndoc_layout__mcell *mc = &mr->cells[c];
	const vndoc_docx_cell *cell = mc->cell;
	size_t r = rp->r, g = (size_t)cell->grid_col;
	double x = f->area.left + mt->x + mc->x + mc->text_x;
	double top = f->cur.y + TW(cell->margin[VNDOC_DOCX_TOP]) + mr->pad_top, h = rp->h;
	double shift = 0, span_h = rp->whole && !rp->body ? span_height(f, mt, r, mc) : 0,
	       pad_bottom = mr->pad_bottom;
	vmerge *m = rp->body ? merge_at(tp, r, g) : NULL;

	if (cell->vmerge == VNDOC_DOCX_VMERGE_CONTINUE && g <= mt->table->n_grid && mt->covered[g] > r)
		return; /* drawn by the merged cell above, as one box */
	if (m && m->row < r && cell->vmerge == VNDOC_DOCX_VMERGE_CONTINUE)
		return; /* likewise, by close_merge */
	if (rp->body && mc->span_rows > 1 && g <= mt->table->n_grid) {
		begin_merge(f, tp, rp, c, m);
		return;
	}
	if (span_h > 0)
		pad_bottom = put_span_cell(f, tp, r, mc, span_h);
	else
		put_cell(f, mt, r, mc, f->cur.y, h, false, merged_below(f->l->doc, mt, r, cell));
	if (rp->whole && (mc->span_rows == 1 || span_h > 0) && cell->valign != VNDOC_DOCX_CELL_TOP) {
		shift = valign_shift(cell, (span_h > 0 ? span_h : h) - mc->content.height -
						   TW(cell->margin[VNDOC_DOCX_TOP]) -
						   TW(cell->margin[VNDOC_DOCX_BOTTOM]) - mr->pad_top - pad_bottom);
	} else if (!rp->first && rp->all_done && mc->span_rows == 1 && cell->valign != VNDOC_DOCX_CELL_TOP &&
		   rp->from[c] < mc->content.height) {
		/* The last part of a split row: its cells' rest of the text is
		 * aligned in the part (LibreOffice). */
		shift = valign_shift(cell, h - (mc->content.height - rp->from[c]) -
						   TW(cell->margin[VNDOC_DOCX_TOP]) -
						   TW(cell->margin[VNDOC_DOCX_BOTTOM]) - mr->pad_top - pad_bottom);
	}
	put_content(f, tp, mc, rp->from[c], rp->to[c], x, top + shift + nested_top(&mc->content, rp->from[c]),
		    !tp->repeat, f->cur.y + h);
}

/*
 * Places the part of row `r` whose content starts at from[c] (per cell, in
 * the cell's own coordinates) in at most `avail` points.  Sets to[c] to the
 * content offset where each cell stops (INFINITY when done) and returns the
 * height used.  With avail = INFINITY the whole rest is placed.  A part
 * that goes on to the next page is as high as the lines it holds
 * (LibreOffice), and the cells keep their borders on both pages.
 */
static double place_row_part(vndoc_layout__flow *f, tplace *tp, size_t r, const double *from, double *to,
			     double avail, bool first_part, double min_h)
{
	const vndoc_layout__mrow *mr = vndoc_layout__mrow_at(tp->mt, r);
	row_part rp = { r, from, to, avail, min_h, first_part, isinf(avail) && first_part, r >= tp->mt->n_header,
			false, false };

	vndoc_layout__mark_block(f);
	tp->ends_done = true;
	tp->ends_moved = false;
	part_height(f, tp, &rp);
	for (size_t c = 0; c < mr->n_cells; c++)
		put_part_cell(f, tp, &rp, c);
	f->cur.y += rp.h;
	f->cur.empty = false;
	f->cur.kept = false;
	return rp.h;
}

/* Does the first line of every cell of row `mr` fit in `avail` points?
 * In a document Word wrote (`word`) a row whose cells hold one line each
 * is not split: its lines fit with their paragraphs' spacing after, the
 * row's height (Word's own page breaks of poi-bug59058: p2's last row of
 * one-line Times 12 cells with 14.4 pt after, 36.1 pt high, would end 1.9
 * pt below the foot and begins p3, where LibreOffice keeps its text on p2
 * without the spacing). */
static bool first_lines_fit(const vndoc_layout__mrow *mr, double avail, bool word)
{
	for (size_t c = 0; word && c < mr->n_cells; c++)
		word = mr->cells[c].content.n <= 1;
	for (size_t c = 0; c < mr->n_cells; c++) {
		const vndoc_layout__mcell *mc = &mr->cells[c];
		const vndoc_docx_cell *cell = mc->cell;
		const vndoc_layout__placed *p;
		double text;
		if (!mc->content.n)
			continue;
		p = &mc->content.items[0];
		text = word ? fmax(p->y + p->line->h, mc->content.height) : p->y + p->line->h;
		if (TW(cell->margin[VNDOC_DOCX_TOP]) + mr->pad_top + text +
			    TW(cell->margin[VNDOC_DOCX_BOTTOM]) + mr->pad_bottom + foot_room(mr) >
		    avail + EPS)
			return false;
	}
	return true;
}

/* Row `r` goes on to a new page: moved there whole (`fresh`), or its rest
 * after a part placed on this one.  The merged cells going on end their
 * boxes here and begin new ones there, below the header rows. */
static int table_new_page(vndoc_layout__flow *f, tplace *tp, size_t r, bool fresh)
{
	vndoc_layout__mtable *mt = tp->mt;
	double *from, *to, pad_bottom = fresh ? 0 : vndoc_layout__mrow_at(mt, r)->pad_bottom;
	int error;
	for (size_t g = 0; tp->n_active && g <= mt->table->n_grid; g++)
		if (tp->vm[g].row != SIZE_MAX)
			close_merge(f, tp, &tp->vm[g], false, pad_bottom);
	if ((error = vndoc_layout__next_area(f, true)) < 0)
		return error;
	/* Repeat the header rows, unless the row being split is one of them. */
	if (r >= mt->n_header && mt->n_header > 0) {
		from = vndoc_xcalloc(tp->max_cells, sizeof *from);
		to = vndoc_xcalloc(tp->max_cells, sizeof *to);
		tp->repeat = true;
		for (size_t h = 0; h < mt->n_header; h++) {
			memset(from, 0, tp->max_cells * sizeof *from);
			place_row_part(f, tp, h, from, to, INFINITY, true, 0);
		}
		tp->repeat = false;
		free(from);
		free(to);
	}
	for (size_t g = 0; tp->n_active && g <= mt->table->n_grid; g++)
		if (tp->vm[g].row != SIZE_MAX)
			open_merge(f, tp, &tp->vm[g], fresh ? vndoc_layout__mrow_at(mt, r)->pad_top : 0);
	return 0;
}

/* Lets go of the placed rows up to `r` that no merged cell still needs
 * (a merged cell's text lives in its first row), in order. */
static void release_rows(vndoc_layout__flow *f, tplace *tp, size_t r)
{
	size_t keep = r + 1;
	for (size_t g = 0; tp->n_active && g <= tp->mt->table->n_grid; g++)
		if (tp->vm[g].row != SIZE_MAX && tp->vm[g].row < keep)
			keep = tp->vm[g].row;
	while (tp->released < keep)
		vndoc_layout__table_row_release(f->l, tp->mt, tp->released++);
}

/* Measures row `r` and what placing it looks at: the header rows first,
 * the rows its merged cells span, and the next row (merged_below). */
static int measure_for_row(vndoc_layout__flow *f, vndoc_layout__mtable *mt, size_t r)
{
	const vndoc_layout__mrow *mr;
	int error;
	if ((error = vndoc_layout__table_rows(f->l, mt, r > mt->n_header ? r : mt->n_header, f->err)) < 0)
		return error;
	mr = vndoc_layout__mrow_at(mt, r);
	for (size_t c = 0; c < mr->n_cells && error == 0; c++) {
		if (mr->cells[c].span_rows > 1)
			error = vndoc_layout__table_rows(f->l, mt, r + (size_t)mr->cells[c].span_rows - 1, f->err);
		mr = vndoc_layout__mrow_at(mt, r);
	}
	if (error == 0 && r + 1 < mt->n_rows) {
		const vndoc_docx_row *next;
		error = vndoc_docx_row_get(&next, f->l->doc, mt->table, r + 1, f->err);
	}
	return error;
}

/* Does row `r` move whole to the next page before it is placed?  Rigid
 * rows and header rows do when they do not fit (header rows stay with the
 * first body row); other rows are split there, as LibreOffice does, when
 * the first line of each cell fits, else they move whole, a row taller
 * than a page too (LibreOffice 7.4: a row of 17 lines beside a 100 pt
 * picture begins the next page when 52 pt are left; poi-bug59058 page 5:
 * the article's row, beside a 233 pt spacer picture, begins page 6). */
static bool row_moves(const vndoc_layout__flow *f, const tplace *tp, size_t r, bool rigid)
{
	const vndoc_layout__mtable *mt = tp->mt;
	const vndoc_layout__mrow *mr = vndoc_layout__mrow_at(mt, r);
	double need = (r < mt->n_header ? mr->h : row_height(f, tp, r)) + foot_room(mr);

	if (r == 0 && mt->n_header > 0)
		for (size_t k = 1; k <= mt->n_header && k < mt->n_rows; k++)
			need += vndoc_layout__mrow_at(mt, k)->h + foot_room(vndoc_layout__mrow_at(mt, k)) -
				foot_room(vndoc_layout__mrow_at(mt, k - 1));
	return f->cur.y + need > f->area.bottom + EPS && !f->cur.empty &&
	       (rigid || r < mt->n_header ||
		!first_lines_fit(mr, f->area.bottom - f->cur.y, vndoc_layout__word_fonts(f->l)));
}

/*
 * A row whose lines all fit at the foot of the page but not its whole
 * height (its last paragraph's space after, its bottom margin) goes on to
 * the next page in LibreOffice: an empty part as high as the whole row,
 * its cells' borders drawn (measured with rows of 11.5 pt lines and 14.4
 * or 30 pt after: the part on the next page is 26.4 or 42 pt high, the
 * row's height; poi-bug59058 page 3, below the repeated header rows).  Word
 * does not: not in the documents Word wrote (vndoc_layout__word).
 */
static int empty_rest(vndoc_layout__flow *f, tplace *tp, size_t r, double h, double *from, double *to)
{
	int error;
	if ((error = table_new_page(f, tp, r, false)) < 0)
		return error;
	for (size_t c = 0; c < tp->max_cells; c++)
		from[c] = INFINITY;
	place_row_part(f, tp, r, from, to, INFINITY, false, h);
	return 0;
}

/* Places row `r`, in parts over as many pages as it needs (from, to: per
 * cell, scratch of tp->max_cells). */
static int place_row(vndoc_layout__flow *f, tplace *tp, size_t r, bool rigid, double *from, double *to)
{
	const vndoc_layout__mtable *mt = tp->mt;
	const vndoc_layout__mrow *mr = vndoc_layout__mrow_at(mt, r);
	bool first = true;
	int error;

	for (;;) {
		bool done = true, moved = false;
		double h = r < mt->n_header ? mr->h : row_height(f, tp, r);
		if (first && (f->cur.y + h + foot_room(mr) <= f->area.bottom + EPS || rigid)) {
			place_row_part(f, tp, r, from, to, INFINITY, true, 0);
			return 0;
		}
		place_row_part(f, tp, r, from, to, f->area.bottom - f->cur.y, first, 0);
		for (size_t c = 0; c < mr->n_cells; c++) {
			if (!isinf(to[c]))
				done = false;
			if (to[c] > from[c] + EPS)
				moved = true;
		}
		if (done && tp->ends_done)
			return first && !rigid && !tp->n_active && r >= mt->n_header && !vndoc_layout__word(f->l)
				       ? empty_rest(f, tp, r, h, from, to)
				       : 0;
		if (!moved && !tp->ends_moved && !first) {
			/* A line taller than the page: place the rest anyway. */
			place_row_part(f, tp, r, from, to, INFINITY, false, 0);
			return 0;
		}
		memcpy(from, to, tp->max_cells * sizeof *from);
		first = false;
		if ((error = table_new_page(f, tp, r, false)) < 0)
			return error;
	}
}

/* The room LibreOffice 7.4 asks beside a floating table (lo_frame):
 * writerfilter's nMagicNumber, 469 hundredths of a millimetre. */
#define LO_FLOAT_ROOM (4.69 * 72 / 25.4)

/*
 * Does LibreOffice 7.4 make floating table mt (w:tblpPr) a frame, placed
 * at its position with its first cell's text at tblpX?  Only where text
 * could go beside it (writerfilter's
 * SectionPropertyMap::FloatingTableConversion): narrower, with its left
 * and right distances, than the text area by more than 469 hundredths of
 * a millimetre, or than the page less its narrower margin when placed
 * from the page's edge, or in a section of columns; never one placed
 * from the page's corner into its lower left quarter (nor one holding a
 * footnote: not followed).  Else it keeps it in the flow where it stands,
 * at its tblInd (poi-stress011, vn-nd30-pl1, vn-nd30-pl6: as wide as the
 * text).
 */
static bool lo_frame(const vndoc_layout__flow *f, const vndoc_layout__mtable *mt)
{
	const vndoc_docx_anchor *a = &mt->table->position;
	const vndoc_docx_section *s = f->sect;
	double page_w = TW(s->page_w), need = mt->w + a->dist_l + a->dist_r + LO_FLOAT_ROOM;
	if (a->h_from == VNDOC_DOCX_FROM_PAGE && a->v_from == VNDOC_DOCX_FROM_PAGE &&
	    a->h_align == VNDOC_DOCX_ANCHOR_OFFSET && a->v_align == VNDOC_DOCX_ANCHOR_OFFSET &&
	    a->h_offset < page_w / 2 && a->v_offset > TW(s->page_h) / 2)
		return false;
	return need < page_w - TW(s->margin_left) - TW(s->margin_right) ||
	       (a->h_from == VNDOC_DOCX_FROM_PAGE &&
		need < page_w - TW(MIN(s->margin_left, s->margin_right))) ||
	       s->n_cols > 1;
}

/* The height of table mt, its rows measured (for a position from its
 * centre or bottom). */
static int table_height(vndoc_layout__flow *f, vndoc_layout__mtable *mt, double *h)
{
	int error;
	*h = 0;
	if (!mt->n_rows)
		return 0;
	if ((error = vndoc_layout__table_rows(f->l, mt, mt->n_rows - 1, f->err)) < 0)
		return error;
	*h = rows_height(mt, 0, mt->n_rows - 1);
	return 0;
}

/*
 * A floating table (w:tblpPr) goes where its position puts it, from the
 * top of the paragraph it stands before (vertAnchor text) as a floating
 * picture of that paragraph would (*top: its top), the text after it
 * beside or below it (place_table).  Word floats every one: vn-gr2-baocao
 * p22 to p25, its use-case tables (vertAnchor text, tblpY 111 to 264
 * twips, 9000 of 9360 twips wide) stand tblpY below the heading before
 * them in Word's PDF (5.55 pt on p22), the empty paragraphs after them
 * below them; its left edge at tblpX as its tblInd would put it.  In a
 * document another application wrote, LibreOffice's horizontal place: its
 * first cell's text at tblpX in a frame (writerfilter's
 * lcl_DecrementHoriOrientPosition; soffice on a table of our own: the
 * text at the margin for tblpX 0 from it, 5.5 pt left of the same table
 * in the flow), else at its tblInd (lo_frame).  LibreOffice's keeping a
 * wide one where it stands in the flow is not followed: Word's place
 * (bench/README.md).
 */
static int float_table(vndoc_layout__flow *f, vndoc_layout__mtable *mt, double *top)
{
	const vndoc_docx_table *t = mt->table;
	const vndoc_docx_anchor *a = &t->position;
	double h = 0, left;
	int error;
	if (a->v_align != VNDOC_DOCX_ANCHOR_OFFSET && a->v_align != VNDOC_DOCX_ANCHOR_START &&
	    (error = table_height(f, mt, &h)) < 0)
		return error;
	vndoc_layout__float_at(f->cur.page, a, f->area.left, f->cur.y, mt->w, h, &left, top);
	if (vndoc_layout__word(f->l) && t->align == VNDOC_DOCX_ALIGN_LEFT)
		mt->x += left - f->area.left - TW(t->indent); /* its edge as for tblInd */
	else if (vndoc_layout__word(f->l))
		mt->x = left - f->area.left;
	else if (lo_frame(f, mt))
		mt->x = left - f->area.left - TW(t->cell_margin_left);
	f->cur.y = *top;
	return 0;
}

int vndoc_layout__place_table(vndoc_layout__flow *f, vndoc_layout__mtable *mt)
{
	size_t max_cells = mt->table->max_cells > 1 ? mt->table->max_cells : 1;
	double *from, *to;
	tplace tp = { mt, max_cells, NULL, 0, mt->n_header, true, false, false, 0 };
	vndoc_layout__cursor before = f->cur;
	bool floats = mt->table->floating;
	double top = 0;
	int error = 0;

	/* A table is not placed twice: no balancing on its pages. */
	if (f->bal.trial) {
		vndoc_layout__stop(f, VNDOC_LAYOUT__TRIAL_NOBAL);
		return 0;
	}
	f->bal.ok = false;
	f->bal.in_table = true;

	from = vndoc_xcalloc(max_cells, sizeof *from);
	to = vndoc_xcalloc(max_cells, sizeof *to);
	tp.vm = vndoc_xcalloc(mt->table->n_grid + 1, sizeof *tp.vm);
	for (size_t g = 0; g <= mt->table->n_grid; g++)
		tp.vm[g].row = SIZE_MAX;
	f->cur.y += f->cur.empty || f->cur.prev_after < f->cur.paid ? 0 : f->cur.prev_after - f->cur.paid;
	f->cur.paid = 0;
	if (floats)
		error = float_table(f, mt, &top);

	for (size_t r = 0; r < mt->n_rows && error == 0; r++) {
		const vndoc_docx_row *row;
		bool rigid;
		if ((error = measure_for_row(f, mt, r)) < 0)
			break;
		row = vndoc_layout__mrow_at(mt, r)->row;
		rigid = row->cant_split || row->height_rule == VNDOC_DOCX_HEIGHT_EXACT;
		memset(from, 0, max_cells * sizeof *from);
		if (row_moves(f, &tp, r, rigid) && (error = table_new_page(f, &tp, r, true)) < 0)
			break;
		if ((error = place_row(f, &tp, r, rigid, from, to)) < 0 || (error = tp.error) < 0)
			break;
		end_merges(f, &tp, r);
		if ((error = tp.error) < 0)
			break;
		/* Placed: the row is not needed again (header rows repeat). */
		release_rows(f, &tp, r);
	}
	free(tp.vm);
	free(from);
	free(to);
	f->cur.prev_after = 0;
	f->cur.prev_style = NULL;
	f->bal.in_table = false;
	/* Whole on its page, a floating table is out of the flow: the text
	 * after it goes on from where it stood, beside or below it.  Split
	 * over pages, the text follows its end. */
	if (floats && error == 0 && f->cur.page == before.page) {
		vndoc_layout__add_area(f, &mt->table->position, f->area.left + mt->x, top, mt->w, f->cur.y - top);
		f->cur = before;
	}
	return error;
}
