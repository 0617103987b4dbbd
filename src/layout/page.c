/*
 * layout/page.c: the page flow.  Measured paragraphs and tables are placed
 * on pages of their section's size; headers and footers are laid out last,
 * when the number of pages is known (PAGE, NUMPAGES).
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "layout/layout_internal.h"

/* A line may overhang the body area by this much (rounding). */
#define EPS 0.01

/* Returned while balancing columns (never out of this file): a trial
 * placement did not fit (FULL), or met what it cannot place again (NOBAL). */
#define FULL (-1000)
#define NOBAL (-1001)


typedef struct mblock {
	vndoc_layout__seg *segs; /* paragraph */
	size_t n_segs;
	vndoc_layout__mtable *table;
} mblock;

typedef struct hf_story {
	int story;          /* index into doc->stories, -1 none */
	double height;
} hf_story;

typedef struct flow {
	vndoc_layout *l;
	vndoc_error *err;
	const vndoc_docx_section *sect;
	size_t sect_index;
	hf_story header[3], footer[3]; /* VNDOC_DOCX_HF_DEFAULT, _FIRST, _EVEN */
	bool section_first;            /* the next page is the section's first */
	int next_number;               /* PAGE of the next page */
	bool blank;                    /* the next page is a blank one */
	size_t block;                  /* the body block being placed */
	vndoc_page *page;
	double y, top, bottom, left, width;
	bool empty;                    /* nothing placed on this page yet */
	bool natural;                  /* the page began by overflow */
	double prev_after;
	const char *prev_style;
	bool prev_contextual;
	/* Blocks are measured when first needed, with PAGE and NUMPAGES as
	 * they stood when the section began: a window of the section's
	 * blocks [b0, b0 + n_win), from the one being placed to the last one
	 * looked at ahead (keep with next). */
	mblock *blocks;
	bool *measured;
	size_t b0, n_win, cap_win;
	size_t n_blocks;
	int sec_page, sec_pages;
	/* The floating pictures of the page that body text wraps around. */
	struct wrap_area *areas;
	size_t n_areas, cap_areas;
	/* Columns (w:cols) of the section: column `col` of n_cols is being
	 * filled; on this page they begin at col_top, and col_y is the lowest
	 * a column left reached.  cols_open: columns begun on this page. */
	int n_cols, col;
	double col_top, col_y;
	bool cols_open;
	/* Balancing the columns of a section a continuous one follows (as
	 * LibreOffice does): the blocks placed on the page are held (`hold`),
	 * and `saved` is the flow as the columns began on it, at block
	 * pos_block, segment pos_seg, line pos_line, with the page's box,
	 * heading and reference counts; the section's last page is placed
	 * again in shorter columns (`trial`: no page may begin) until the
	 * shortest that holds it is found.  snap_ok: it can be placed again
	 * (no table on it). */
	bool hold, trial, snap_ok, in_table;
	double paid;          /* space above the section's first paragraph already left */
	size_t cur_seg, pos_block, pos_seg, pos_line;
	size_t snap_boxes, snap_headings, snap_refs;
	struct flow *saved;
	/* The footnotes whose references are on the page, in order: the room
	 * they take (and the separator's) is taken off `bottom`; they go at
	 * the foot of the body area, above note_bottom (see place_notes).
	 * Both arrays are made once, as large as the document needs, so that
	 * a copy of the flow can be put back. */
	struct page_note *notes;
	size_t n_notes;
	double note_bottom;
	double *note_h;                /* per footnote of the document: its height, < 0 unknown */
	/* Footnotes referenced in table cells that found no room on their
	 * page: they go first on the next one (LibreOffice). */
	struct page_note *pending;
	size_t n_pending;
} flow;

typedef struct page_note {
	int note;                      /* index into doc->notes */
	/* The part of it on the page (all of it unless LibreOffice split it
	 * over two pages): from `from` below its top, `h` high. */
	double from, h;
	char label[32];                /* its reference's label (a copy: the body block goes) */
} page_note;

/* The room a floating picture takes from the body text of its page: its
 * box widened by its distances (distT, distB, distL, distR). */
typedef struct wrap_area {
	double x0, x1, y0, y1;
	vndoc_docx_wrap wrap;
	vndoc_docx_wrap_side side;
} wrap_area;

static int finish_page(vndoc_layout *l, vndoc_error *err);
static int place_notes(flow *f);
static void add_pending(flow *f);
static void push_note(flow *f, int note, const char *label, double from, double h);
static bool note_seen(const flow *f, int note);
static void open_columns(flow *f);
static void close_columns(flow *f, double bottom);

vndoc_box *vndoc_layout__push_box(vndoc_page *pg)
{
	if (pg->n_boxes == pg->cap) {
		pg->cap = pg->cap ? pg->cap * 2 : 64;
		pg->boxes = vndoc_xreallocarray(pg->boxes, pg->cap, sizeof *pg->boxes);
	}
	memset(&pg->boxes[pg->n_boxes], 0, sizeof pg->boxes[0]);
	return &pg->boxes[pg->n_boxes++];
}

static int new_page(flow *f, bool natural)
{
	vndoc_layout *l = f->l;
	const vndoc_docx_section *s = f->sect;
	vndoc_page *pg;
	int k;

	int error;

	if (f->trial)
		return FULL;
	if (f->cols_open)
		close_columns(f, f->bottom);
	if (l->n_pages >= VNDOC_LIMIT_PAGES)
		return vndoc_error_set(f->err, VNDOC_ELIMIT, "more than %d pages", VNDOC_LIMIT_PAGES);
	/* The page before is full: its footnotes go at its foot. */
	if ((error = place_notes(f)) < 0)
		return error;
	/* Streaming: the page before is final, let it go. */
	if (l->stream && l->n_pages > l->n_released && (error = finish_page(l, f->err)) < 0)
		return error;
	if (l->n_pages - l->n_released == l->cap_pages) {
		l->cap_pages = l->cap_pages ? l->cap_pages * 2 : 16;
		l->pages = vndoc_xreallocarray(l->pages, l->cap_pages, sizeof *l->pages);
	}
	pg = &l->pages[l->n_pages++ - l->n_released];
	memset(pg, 0, sizeof *pg);
	pg->w = TW(s->page_w);
	pg->h = TW(s->page_h);
	pg->number = (int)l->n_pages;
	pg->page_number = f->next_number++;
	pg->section = f->sect_index;
	pg->blank = f->blank;
	f->blank = false;
	if (pg->blank)
		k = -1;
	else if (f->section_first && s->title_page)
		k = VNDOC_DOCX_HF_FIRST;
	else if (l->doc->even_and_odd_headers && pg->page_number % 2 == 0)
		k = VNDOC_DOCX_HF_EVEN;
	else
		k = VNDOC_DOCX_HF_DEFAULT;
	pg->header_kind = k;
	if (!pg->blank)
		f->section_first = false;
	f->page = pg;
	f->top = TW(s->margin_top);
	f->bottom = pg->h - TW(s->margin_bottom);
	if (k >= 0) {
		if (f->header[k].story >= 0 && TW(s->margin_header) + f->header[k].height > f->top)
			f->top = TW(s->margin_header) + f->header[k].height;
		if (f->footer[k].story >= 0 &&
		    pg->h - TW(s->margin_footer) - f->footer[k].height < f->bottom)
			f->bottom = pg->h - TW(s->margin_footer) - f->footer[k].height;
	}
	f->left = TW(s->margin_left);
	f->width = pg->w - TW(s->margin_left) - TW(s->margin_right);
	pg->text_x = f->left;
	pg->text_y = TW(s->margin_top);
	pg->text_w = f->width;
	pg->text_h = pg->h - TW(s->margin_top) - TW(s->margin_bottom);
	f->y = f->top;
	f->note_bottom = f->bottom;
	f->n_notes = 0;
	add_pending(f);
	f->n_areas = 0;
	f->empty = true;
	f->natural = natural;
	f->prev_after = 0;
	f->prev_style = NULL;
	f->paid = 0;
	if (f->n_cols > 1)
		open_columns(f);
	return 0;
}

/* ---------------------------------------------------------------- columns */

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
static void open_columns(flow *f)
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
static void close_columns(flow *f, double bottom)
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
static int next_area(flow *f, bool natural)
{
	if (!f->cols_open || f->col + 1 >= f->n_cols)
		return new_page(f, natural);
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

static void put_rule(vndoc_page *pg, vndoc_story_kind story, const vndoc_docx_border *border,
		     double x, double y, double w)
{
	vndoc_box *b = vndoc_layout__push_box(pg);
	b->kind = VNDOC_BOX_RULE;
	b->story = story;
	b->x = x;
	b->y = y;
	b->w = w;
	b->h = vndoc_layout__border_width(border);
	b->border[0] = *border;
}

/* One coordinate of a floating picture: from the area [a0, a0 + len). */
static double float_pos(vndoc_docx_anchor_align align, double offset, double a0, double len, double size)
{
	switch (align) {
	case VNDOC_DOCX_ANCHOR_START: return a0;
	case VNDOC_DOCX_ANCHOR_CENTER: return a0 + (len - size) / 2;
	case VNDOC_DOCX_ANCHOR_END: return a0 + len - size;
	default: return a0 + offset;
	}
}

/* Where a floating picture of the paragraph whose top is at y in the
 * column whose left edge is x goes on page pg: its box's top left corner.
 * LibreOffice measures from the paragraph's top before its space above. */
static void float_place(const vndoc_page *pg, const vndoc_layout__float *fl, double x, double y, double *bx,
			double *by)
{
	const vndoc_docx_inline *in = fl->in;
	const vndoc_docx_anchor *a = &in->anchor;
	double x0, w0, y0, h0;

	switch (a->h_from) {
	case VNDOC_DOCX_FROM_PAGE: x0 = 0; w0 = pg->w; break;
	case VNDOC_DOCX_FROM_COLUMN: x0 = x; w0 = pg->text_w; break;
	default: x0 = pg->text_x; w0 = pg->text_w; break;
	}
	switch (a->v_from) {
	case VNDOC_DOCX_FROM_PAGE: y0 = 0; h0 = pg->h; break;
	case VNDOC_DOCX_FROM_PARAGRAPH: y0 = y; h0 = 0; break;
	default: y0 = pg->text_y; h0 = pg->text_h; break;
	}
	*bx = float_pos(a->h_align, a->h_offset, x0, w0, in->image_w);
	*by = float_pos(a->v_align, a->v_offset, y0, h0, in->image_h);
}

/* A floating picture of the paragraph whose top is at y in the column
 * whose left edge is x.  Behind the text, it is drawn first on the page. */
static void put_float(vndoc_page *pg, vndoc_story_kind story, const vndoc_layout__float *fl, double x,
		      double y)
{
	const vndoc_docx_inline *in = fl->in;
	vndoc_box *b;
	double bx, by;

	float_place(pg, fl, x, y, &bx, &by);
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

/* A line whose advance begins at y; x is the column's left edge.  With
 * `floats`, its floating pictures too (the paragraph's top at y). */
static void put_line_at(vndoc_layout *l, vndoc_page *pg, vndoc_story_kind story,
			const vndoc_layout__line *ln, double x, double y, bool floats)
{
	vndoc_box *b, line;
	/* Streaming: the page holds the Pango layouts its lines borrow. */
	if (l->stream) {
		if (ln->pl)
			g_ptr_array_add(l->page_refs, g_object_ref(ln->pl->layout));
		for (size_t i = 0; i < ln->n_leaders; i++)
			g_ptr_array_add(l->page_refs, g_object_ref(ln->leaders[i].pl->layout));
	}
	if (ln->rule_top)
		put_rule(pg, story, ln->rule_top, x + ln->rule_x, y + ln->rule_top_y, ln->rule_w);
	b = vndoc_layout__push_box(pg);
	b->kind = VNDOC_BOX_LINE;
	b->story = story;
	b->x = x + ln->x;
	b->y = y + ln->top;
	b->w = ln->w;
	b->h = ln->text_h;
	b->baseline = y + ln->base;
	b->text = ln->text;
	b->line = ln->pl;
	line = *b; /* push_box may move b */
	for (size_t i = 0; i < ln->n_leaders; i++) {
		b = vndoc_layout__push_box(pg);
		*b = line;
		b->kind = VNDOC_BOX_LEADER;
		b->x = line.x + ln->leaders[i].dx;
		b->w = ln->leaders[i].w;
		b->text = ln->leaders[i].text;
		b->line = ln->leaders[i].pl;
	}
	for (size_t i = 0; i < ln->n_imgs; i++) {
		double bx = x + ln->x, base = y + ln->base;
		b = vndoc_layout__push_box(pg);
		b->kind = VNDOC_BOX_IMAGE;
		b->story = story;
		b->x = bx + ln->imgs[i].dx;
		b->y = base - ln->imgs[i].h;
		b->w = ln->imgs[i].w;
		b->h = ln->imgs[i].h;
		b->image = ln->imgs[i].image;
	}
	if (ln->rule_bottom)
		put_rule(pg, story, ln->rule_bottom, x + ln->rule_x, y + ln->rule_bottom_y, ln->rule_w);
	for (size_t i = 0; i < ln->n_decos; i++)
		put_rule(pg, story, &ln->decos[i].border, line.x + ln->decos[i].dx,
			 line.baseline + ln->decos[i].dy, ln->decos[i].w);
	for (size_t i = 0; floats && i < ln->n_floats; i++)
		put_float(pg, story, &ln->floats[i], x, y);
}

static void put_line(vndoc_layout *l, vndoc_page *pg, vndoc_story_kind story,
		     const vndoc_layout__line *ln, double x, double y)
{
	put_line_at(l, pg, story, ln, x, y, true);
}

static void push_run(vndoc_layout *l, size_t block, int page)
{
	if (l->n_found_runs && l->found_runs[l->n_found_runs - 1].page == page)
		return;
	if (l->n_found_runs == l->cap_found_runs) {
		l->cap_found_runs = l->cap_found_runs ? l->cap_found_runs * 2 : 16;
		l->found_runs = vndoc_xreallocarray(l->found_runs, l->cap_found_runs, sizeof *l->found_runs);
	}
	l->found_runs[l->n_found_runs].block = block;
	l->found_runs[l->n_found_runs++].page = page;
}

/* Notes the page the current body block begins on (PAGE in the body).
 * Blocks are met in order; one never placed has 0. */
static void mark_block(flow *f)
{
	vndoc_layout *l = f->l;
	size_t b = f->block;
	if (f->trial || !l->finding || b >= l->n_block_pages || b < l->found_end)
		return;
	if (b > l->found_end)
		push_run(l, l->found_end, 0);
	push_run(l, b, f->page->page_number);
	l->found_end = b + 1;
}

/* The page block `b` began on in the first pass. */
static int block_page(const vndoc_layout *l, size_t b)
{
	size_t lo = 0, hi = l->n_block_runs;
	if (b >= l->block_runs_end || !hi)
		return 0;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->block_runs[mid].block <= b)
			lo = mid;
		else
			hi = mid;
	}
	return l->block_runs[lo].block <= b ? l->block_runs[lo].page : 0;
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

/* ---------------------------------------------------------------- paragraphs */

static double seg_height(const vndoc_layout__seg *s, size_t from, size_t to)
{
	double h = 0;
	for (size_t i = from; i < to && i < s->n_lines; i++)
		h += s->lines[i].h;
	return h;
}

/* The least height that must follow a keep-with-next paragraph on its page:
 * the next block's first lines (two with widow control), or the whole of
 * it when it is itself kept with the next. */
static int measure_block(flow *f, size_t i);
static mblock *block_at(flow *f, size_t i);

static double keep_need(flow *f, size_t next, int depth)
{
	const mblock *b;
	size_t n = f->n_blocks;
	if (next >= n || depth > 8)
		return 0;
	/* A failure shows again when the block is placed. */
	if (measure_block(f, next) < 0)
		return 0;
	b = block_at(f, next);
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
			       keep_need(f, next + 1, depth + 1);
		return s->before + seg_height(s, 0, s->widow && s->n_lines > 1 ? 2 : 1);
	}
	return 0;
}

/* ---------------------------------------------------------------- wrapping */

/* A side of a square-wrapped picture takes text when it leaves this much
 * room (LibreOffice's TEXT_MIN_SMALL, 300 twips, for Word documents); a
 * line narrower than this goes below the picture. */
#define WRAP_MIN 15.0

/* Notes the floating pictures of line `ln` (its paragraph's top at y) that
 * the body text of the page wraps around. */
static void add_areas(flow *f, const vndoc_layout__line *ln, double y)
{
	for (size_t i = 0; i < ln->n_floats; i++) {
		const vndoc_docx_inline *in = ln->floats[i].in;
		const vndoc_docx_anchor *a = &in->anchor;
		wrap_area *w;
		double bx, by;
		if (a->wrap == VNDOC_DOCX_WRAP_NONE)
			continue;
		float_place(f->page, &ln->floats[i], f->left, y, &bx, &by);
		if (f->n_areas == f->cap_areas) {
			f->cap_areas = f->cap_areas ? f->cap_areas * 2 : 4;
			f->areas = vndoc_xreallocarray(f->areas, f->cap_areas, sizeof *f->areas);
		}
		w = &f->areas[f->n_areas++];
		w->x0 = bx - a->dist_l;
		w->x1 = bx + in->image_w + a->dist_r;
		w->y0 = by - a->dist_t;
		w->y1 = by + in->image_h + a->dist_b;
		w->wrap = a->wrap;
		w->side = a->wrap_side;
	}
}

/*
 * The room the pictures of the page leave a line of `s` whose advance is
 * [y, y + h): its text area narrowed by *dl on the left and *dr on the
 * right; *below > y when there is none before *below (top and bottom, or
 * too narrow a side), as LibreOffice does (SwTextFly).
 */
static void line_room(const flow *f, const vndoc_layout__seg *s, double y, double h, double *dl, double *dr,
		      double *below)
{
	double L = f->left + s->area_l, R = f->left + s->area_r, nl = L, nr = R, next = 0;
	bool square = false;

	*below = y;
	for (size_t i = 0; i < f->n_areas; i++) {
		const wrap_area *a = &f->areas[i];
		vndoc_docx_wrap_side side = a->side;
		double room_l, room_r;
		if (!(y < a->y1 - EPS && y + h > a->y0 + EPS) || a->x1 <= L + EPS || a->x0 >= R - EPS)
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
	if (*below > y)
		return;
	if (square && nr - nl < WRAP_MIN) {
		*below = next;
		return;
	}
	*dl = nl - L;
	*dr = R - nr;
}

/* Lays out line k of s (and those after it) again when the pictures of the
 * page leave it other room at y, its advance's top, and moves it down
 * below those it cannot go beside (ln->dy).  `before`: the space above the
 * paragraph, for its first line: LibreOffice keeps it below the picture. */
static int wrap_line(flow *f, vndoc_layout__seg *s, size_t k, double y, double before)
{
	int error;
	s->lines[k].dy = 0;
	if (!f->n_areas && s->lines[k].wrap_l == 0 && s->lines[k].wrap_r == 0)
		return 0;
	for (int tries = 0; tries < 16; tries++) {
		vndoc_layout__line *ln = &s->lines[k];
		double dl = 0, dr = 0, below, dy = ln->dy;
		line_room(f, s, y + dy, ln->h, &dl, &dr, &below);
		if (below > y + dy + EPS) {
			ln->dy = below - y + (k == 0 ? before : 0);
			continue;
		}
		if (fabs(dl - ln->wrap_l) < 0.01 && fabs(dr - ln->wrap_r) < 0.01)
			return 0;
		if ((error = vndoc_layout__seg_rewrap(f->l, s, k, dl, dr, f->err)) < 0)
			return error;
		if (k >= s->n_lines)
			return 0;
		s->lines[k].dy = dy;
	}
	return 0;
}

/* ---------------------------------------------------------------- footnotes */

/*
 * LibreOffice's footnote area for Word documents (SwPageFootnoteInfo's
 * defaults, measured in its PDFs): at the foot of the body area, the
 * footnotes one below the other, their last line on the bottom margin;
 * above them a rule 0.5 pt thick, a quarter of the text area long at its
 * left edge, with 1 mm (57 twips) above it and 1 mm below it.  The body
 * text ends 9.3 pt (186 twips) above the first footnote line, the
 * rule's middle 3.1 pt above it (both measured: LibreOffice keeps 1 mm
 * more above the rule than it draws).  A footnote that does not fit is
 * split over two pages (see split_notes).
 */
#define NOTE_SEP_ABOVE TW(119)
#define NOTE_SEP_LINE 0.5
#define NOTE_SEP_BELOW TW(57)
#define NOTE_SEP (NOTE_SEP_ABOVE + NOTE_SEP_LINE + NOTE_SEP_BELOW)

/* Footnote `note` laid out for the reference labelled `label`, at the
 * width of the page's text area.  On failure *st is disposed. */
static int note_stack(flow *f, int note, const char *label, vndoc_layout__stack *st)
{
	vndoc_layout *l = f->l;
	int error;
	l->note_label = label;
	error = vndoc_layout__stack_story(l, &l->doc->notes[note].story, f->page->text_w, st, 0, f->err);
	l->note_label = NULL;
	if (error < 0)
		vndoc_layout__stack_dispose(st);
	return error;
}

/* The height of footnote `in->note` (measured once). */
static int note_height(flow *f, const vndoc_docx_inline *in, double *h)
{
	vndoc_layout__stack st;
	int error;
	if (f->note_h[in->note] < 0) {
		if ((error = note_stack(f, in->note, in->text, &st)) < 0)
			return error;
		f->note_h[in->note] = st.height;
		vndoc_layout__stack_dispose(&st);
	}
	*h = f->note_h[in->note];
	return 0;
}

/* The room the footnotes of line `ln` take (with the separator when they
 * are the `first` of the page). */
static int notes_need(flow *f, const vndoc_layout__line *ln, bool first, double *need)
{
	int error;
	*need = 0;
	for (size_t i = 0; i < ln->n_notes; i++) {
		double h;
		if ((error = note_height(f, ln->notes[i], &h)) < 0)
			return error;
		if (!note_seen(f, ln->notes[i]->note))
			*need += h;
	}
	if (ln->n_notes && first)
		*need += NOTE_SEP;
	return 0;
}

/* Line `ln` is on the page: its footnotes too (notes_need measured them
 * and said they fit).  A footnote referred to twice on a page (the
 * document's n_notes bound the list) is shown once. */
static void add_notes(flow *f, const vndoc_layout__line *ln)
{
	for (size_t i = 0; i < ln->n_notes; i++) {
		int note = ln->notes[i]->note;
		push_note(f, note, ln->notes[i]->text ? ln->notes[i]->text : "", 0, f->note_h[note]);
	}
}

/* Part [from, from + h) of footnote `note` (measured) joins the page's. */
static void push_note(flow *f, int note, const char *label, double from, double h)
{
	page_note *pn;
	for (size_t k = 0; k < f->n_notes; k++)
		if (f->notes[k].note == note)
			return;
	if (f->n_notes >= f->l->doc->n_notes || f->note_h[note] < 0)
		return;
	if (f->n_notes == 0)
		f->bottom -= NOTE_SEP;
	pn = &f->notes[f->n_notes++];
	pn->note = note;
	pn->from = from;
	pn->h = h;
	snprintf(pn->label, sizeof pn->label, "%s", label);
	f->bottom -= h;
}

/* Part [from, from + h) of footnote `note` goes first on the next page. */
static void push_pending(flow *f, int note, const char *label, double from, double h)
{
	page_note *pn;
	if (f->n_pending >= f->l->doc->n_notes)
		return;
	pn = &f->pending[f->n_pending++];
	pn->note = note;
	pn->from = from;
	pn->h = h;
	snprintf(pn->label, sizeof pn->label, "%s", label);
}

/* Is footnote `note` on the page, or waiting for the next one? */
static bool note_seen(const flow *f, int note)
{
	for (size_t k = 0; k < f->n_notes; k++)
		if (f->notes[k].note == note)
			return true;
	for (size_t k = 0; k < f->n_pending; k++)
		if (f->pending[k].note == note)
			return true;
	return false;
}

/*
 * The most of footnote `note` that fits in `room`: its first lines, *h
 * high, the rest beginning *from below its top; *h = 0 when not even its
 * first line fits.  A footnote holding a table is not split.  `orphans`
 * (a reference in the body): its first line does not stay alone when its
 * first paragraph keeps widows and orphans.  The rest may be one line
 * alone: LibreOffice drops widow and orphan control for the part of a
 * footnote on a page after its reference's (WidowsAndOrphans in
 * sw/source/core/text/widorp.cxx); in a table cell it leaves one line
 * alone on the row's page too (measured).
 */
static int note_cut(flow *f, int note, const char *label, double room, bool orphans, double *h, double *from)
{
	vndoc_layout__stack st;
	size_t k = 0;
	int error;

	*h = *from = 0;
	if ((error = note_stack(f, note, label, &st)) < 0)
		return error;
	if (st.n_tables == 0 && st.n_cells == 0) {
		for (size_t i = 1; i < st.n; i++) {
			const vndoc_layout__placed *p = &st.items[i - 1];
			if (p->y + p->line->h > room + EPS)
				break;
			k = i;
		}
		if (k == 1 && orphans && st.n_seg_arrays && st.n_segs[0] && st.segs[0][0].widow &&
		    st.segs[0][0].n_lines > 1)
			k = 0;
	}
	if (k) {
		*h = st.items[k - 1].y + st.items[k - 1].line->h;
		*from = st.items[k].y;
	}
	vndoc_layout__stack_dispose(&st);
	return 0;
}

/*
 * Line `ln` ends `avail` above the page's footnote area (f->bottom);
 * `first`: no footnote on the page yet.  Its footnotes go to the foot of
 * the page while they fit; LibreOffice splits the first that does not:
 * the lines that fit stay, the rest goes first to the foot of the next
 * page, and so do the footnotes after it.  In the body (`body`) the line
 * goes to the next page when that footnote cannot be split (*ok false);
 * a table row stays, the footnote goes whole to the next page.  With
 * `commit` false nothing changes: *ok only says whether the line stays,
 * *split whether a footnote is split (the page is full then).
 */
static int split_notes(flow *f, const vndoc_layout__line *ln, double avail, bool first, bool body, bool commit,
		       bool *ok, bool *split)
{
	int error;

	*ok = true;
	*split = false;
	for (size_t i = 0; i < ln->n_notes; i++) {
		const vndoc_docx_inline *in = ln->notes[i];
		const char *label = in->text ? in->text : "";
		double h, sep = first ? NOTE_SEP : 0, part, from;
		if ((error = note_height(f, in, &h)) < 0)
			return error;
		if (note_seen(f, in->note))
			continue;
		if (!*split && h + sep <= avail + EPS) {
			if (commit)
				push_note(f, in->note, label, 0, h);
			avail -= h + sep;
			first = false;
			continue;
		}
		if (!*split) {
			if ((error = note_cut(f, in->note, label, avail - sep, body, &part, &from)) < 0)
				return error;
			if (part > 0) {
				if (commit) {
					push_note(f, in->note, label, 0, part);
					push_pending(f, in->note, label, from, h - from);
				}
				*split = true;
				continue;
			}
			if (body) {
				*ok = false;
				return 0;
			}
		}
		if (commit)
			push_pending(f, in->note, label, 0, h);
	}
	return 0;
}

/*
 * Line `ln` of a table cell is placed on the page in a row (or part of
 * one) ending at `bottom`.  LibreOffice does not move a row for its
 * footnotes: a footnote goes to the foot of the page when it fits below
 * the row, else its first lines that fit do (as few as one), the rest
 * to the next page, before that page's own footnotes.
 */
static int cell_notes(flow *f, const vndoc_layout__line *ln, double bottom)
{
	bool ok, split;
	return split_notes(f, ln, f->bottom - bottom, f->n_notes == 0, false, true, &ok, &split);
}

/* A new page: the footnotes that found no room on the page before. */
static void add_pending(flow *f)
{
	for (size_t k = 0; k < f->n_pending; k++)
		push_note(f, f->pending[k].note, f->pending[k].label, f->pending[k].from, f->pending[k].h);
	f->n_pending = 0;
}

/* The page's footnotes and their separator, at its foot. */
static int place_notes(flow *f)
{
	vndoc_page *pg = f->page;
	vndoc_docx_border rule = { VNDOC_DOCX_BORDER_SINGLE, 4, 0, 0 };
	double y, total = 0;
	int error;

	if (!pg || !f->n_notes)
		return 0;
	for (size_t i = 0; i < f->n_notes; i++)
		total += f->notes[i].h;
	y = f->note_bottom - total;
	put_rule(pg, VNDOC_STORY_FOOTNOTE, &rule, pg->text_x, y - NOTE_SEP_BELOW - NOTE_SEP_LINE / 2,
		 pg->text_w / 4);
	for (size_t i = 0; i < f->n_notes; i++) {
		const page_note *pn = &f->notes[i];
		vndoc_layout__stack st;
		if ((error = note_stack(f, pn->note, pn->label, &st)) < 0)
			return error;
		/* A split footnote holds no table: cells only when it is whole. */
		for (size_t c = 0; c < st.n_cells; c++) {
			vndoc_box *b = vndoc_layout__push_box(pg);
			*b = st.cells[c];
			b->story = VNDOC_STORY_FOOTNOTE;
			b->x += pg->text_x;
			b->y += y - pn->from;
		}
		for (size_t k = 0; k < st.n; k++) {
			if (st.items[k].y < pn->from - EPS || st.items[k].y >= pn->from + pn->h - EPS)
				continue;
			put_line(f->l, pg, VNDOC_STORY_FOOTNOTE, st.items[k].line, pg->text_x + st.items[k].x,
				 y + st.items[k].y - pn->from);
		}
		y += pn->h;
		vndoc_layout__stack_dispose(&st);
	}
	f->n_notes = 0;
	return 0;
}

/* Places the lines of s from line `from` on (not 0: the rest of a
 * paragraph at the top of a column, placed again to balance columns). */
static int place_seg(flow *f, vndoc_layout__seg *s, double keep_after, size_t from)
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
	if (s->page_break_before && !f->empty && (error = new_page(f, false)) < 0)
		return error;
	if (s->column_break_before && !f->empty && (error = next_area(f, false)) < 0)
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
			if ((error = next_area(f, true)) < 0)
				return error;
			return place_seg(f, s, keep_after, 0);
		}
	}
	if (!f->empty && s->keep_next && keep_after > 0 && f->y + total + s->after + keep_after > f->bottom + EPS &&
	    total + s->after + keep_after <= body) {
		if ((error = next_area(f, true)) < 0)
			return error;
		return place_seg(f, s, keep_after, 0);
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
			add_areas(f, &s->lines[0], top);
		/* In a column of another width (unequal w:col), LibreOffice
		 * breaks the lines that go there again at its width. */
		if ((error = vndoc_layout__seg_rewidth(f->l, s, i, f->width, f->err)) < 0)
			return error;
		while (i + fit < s->n_lines) {
			double need;
			if ((error = wrap_line(f, s, i + fit, y, i + fit == 0 ? before : 0)) < 0)
				return error;
			/* A line goes with its footnotes, or to the next page. */
			if ((error = notes_need(f, &s->lines[i + fit], f->n_notes == 0 && notes == 0, &need)) < 0)
				return error;
			if (y + s->lines[i + fit].dy + s->lines[i + fit].h > f->bottom - notes - need + EPS) {
				/* LibreOffice keeps the line when it splits a footnote
				 * (split_notes); the page is full then. */
				double below = f->bottom - notes - (y + s->lines[i + fit].dy + s->lines[i + fit].h);
				bool ok = false, split = false;
				if (s->lines[i + fit].n_notes && below > -EPS &&
				    (error = split_notes(f, &s->lines[i + fit], below, f->n_notes == 0 && notes == 0,
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
					put_float(f->page, VNDOC_STORY_BODY, &s->lines[0].floats[m], f->left, top);
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
			mark_block(f);
			f->y += ln->dy;
			if (j == 0 && s->outline_level >= 0)
				add_heading(f, s, f->y + ln->top);
			put_line_at(f->l, f->page, VNDOC_STORY_BODY, ln, f->left, f->y, false);
			if (j == split_at) {
				bool ok, split;
				if ((error = split_notes(f, ln, f->bottom - (f->y + ln->h), f->n_notes == 0, true, true,
							 &ok, &split)) < 0)
					return error;
				if (!ok)
					add_notes(f, ln);
			} else {
				add_notes(f, ln);
			}
			for (size_t m = 0; j == 0 && !floats_put && m < ln->n_floats; m++)
				put_float(f->page, VNDOC_STORY_BODY, &ln->floats[m], f->left, top);
			f->y += ln->h;
			f->empty = false;
		}
		i += k;
		if (i < n) {
			f->pos_line = i;
			if ((error = next_area(f, true)) < 0)
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
		if ((error = s->column_break ? next_area(f, false) : new_page(f, false)) < 0)
			return error;
	}
	return 0;
}

/* ---------------------------------------------------------------- tables */

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

static void put_cell(flow *f, const vndoc_layout__mtable *mt, size_t r, const vndoc_layout__mcell *mc,
		     double y, double h, bool cont_above, bool cont_below)
{
	const vndoc_docx_cell *cell = mc->cell;
	vndoc_box *b = vndoc_layout__push_box(f->page);
	b->kind = VNDOC_BOX_CELL;
	b->x = f->left + mt->x + mc->x;
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

/* The height of the rows a merged cell of header row `r` spans, when they
 * are measured and all fit on the page from f->y; else 0. */
static double span_height(const flow *f, const vndoc_layout__mtable *mt, size_t r,
			  const vndoc_layout__mcell *mc)
{
	size_t last = r + (size_t)mc->span_rows - 1;
	double h = 0;
	if (mc->span_rows <= 1 || last >= mt->n_final)
		return 0;
	for (size_t k = r; k <= last; k++)
		h += vndoc_layout__mrow_at(mt, k)->h;
	return f->y + h <= f->bottom + EPS ? h : 0;
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
			return p->y;
		*used = bottom;
	}
	return INFINITY;
}

/* The height body row `r` takes placed whole from f->y: its own, or more
 * where a merged cell that ends with it needs more for the rest of its
 * text (with the rows it covers on this page). */
static double row_height(const flow *f, const tplace *tp, size_t r)
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
		       TW(mc->cell->margin[VNDOC_DOCX_BOTTOM]) - (f->y - m->y0);
		if (need > h)
			h = need;
	}
	return h;
}

/* The box of merge `m` on this page begins at f->y. */
static void open_merge(flow *f, const tplace *tp, vmerge *m, double pad)
{
	put_cell(f, tp->mt, m->row, merge_cell(tp, m), f->y, 0, false, false);
	m->box = f->page->n_boxes - 1;
	m->y0 = f->y;
	m->pad = pad;
}

/*
 * The box of merge `m` on this page ends at f->y, the lines that fit in it
 * go in; when the merge ends here (`end`), all the rest, with the cell's
 * vertical alignment in the box, and the bottom border of its last row's
 * cell.  A box that goes on to the next page keeps its text at the top
 * and has its borders all round (LibreOffice).
 */
static void close_merge(flow *f, tplace *tp, vmerge *m, bool end, double pad_bottom)
{
	const vndoc_layout__mtable *mt = tp->mt;
	const vndoc_layout__mcell *mc = merge_cell(tp, m);
	const vndoc_docx_cell *cell = mc->cell;
	double h = f->y - m->y0, used, to = INFINITY, shift = 0;
	double x = f->left + mt->x + mc->x + mc->text_x;
	double top = m->y0 + TW(cell->margin[VNDOC_DOCX_TOP]) + m->pad;
	vndoc_box *b = NULL;

	/* Floating pictures put behind the text move the boxes on. */
	for (size_t i = m->box; i < f->page->n_boxes && !b; i++)
		if (f->page->boxes[i].kind == VNDOC_BOX_CELL && f->page->boxes[i].row == (int)m->row &&
		    f->page->boxes[i].col == cell->grid_col && f->page->boxes[i].y == m->y0)
			b = &f->page->boxes[i];
	if (b)
		b->h = h;
	if (!end) {
		to = merge_fit(tp, m, h, pad_bottom, &used);
	} else {
		const vndoc_docx_row *lr = vndoc_layout__mrow_at(mt, m->last)->row;
		for (size_t k = 0; b && k < lr->n_cells; k++)
			if (lr->cells[k].grid_col == cell->grid_col)
				b->border[VNDOC_DOCX_BOTTOM] = lr->cells[k].border[VNDOC_DOCX_BOTTOM];
		if (cell->valign != VNDOC_DOCX_CELL_TOP && !isinf(m->from)) {
			double room = h - (mc->content.height - m->from) - TW(cell->margin[VNDOC_DOCX_TOP]) -
				      TW(cell->margin[VNDOC_DOCX_BOTTOM]) - m->pad - pad_bottom;
			if (room > 0)
				shift = cell->valign == VNDOC_DOCX_CELL_CENTER ? room / 2 : room;
		}
	}
	for (size_t i = 0; i < mc->content.n; i++) {
		const vndoc_layout__placed *p = &mc->content.items[i];
		if (p->y < m->from - EPS || p->y >= to - EPS)
			continue;
		put_line(f->l, f->page, VNDOC_STORY_BODY, p->line, x + p->x, top + shift + p->y - m->from);
		if (p->line->n_notes && tp->error == 0)
			tp->error = cell_notes(f, p->line, f->y);
	}
	for (size_t i = 0; i < mc->content.n_cells; i++) {
		const vndoc_box *nb = &mc->content.cells[i];
		vndoc_box *nbox;
		if (nb->y < m->from - EPS || nb->y >= to - EPS)
			continue;
		nbox = vndoc_layout__push_box(f->page);
		*nbox = *nb;
		nbox->x += x;
		nbox->y += top + shift - m->from;
	}
	m->from = to;
	if (end) {
		m->row = SIZE_MAX;
		tp->n_active--;
	}
}

/* Row `r` is placed: the merged cells that end with it end. */
static void end_merges(flow *f, tplace *tp, size_t r)
{
	double pad_bottom = vndoc_layout__mrow_at(tp->mt, r)->pad_bottom;
	for (size_t g = 0; tp->n_active && g <= tp->mt->table->n_grid; g++)
		if (tp->vm[g].row != SIZE_MAX && tp->vm[g].last == r)
			close_merge(f, tp, &tp->vm[g], true, pad_bottom);
}

/*
 * Places the part of row `r` whose content starts at from[c] (per cell, in
 * the cell's own coordinates) in at most `avail` points.  Sets to[c] to the
 * content offset where each cell stops (INFINITY when done) and returns the
 * height used.  With avail = INFINITY the whole rest is placed.  A part
 * that goes on to the next page is as high as the lines it holds
 * (LibreOffice), and the cells keep their borders on both pages.
 */
static double place_row_part(flow *f, tplace *tp, size_t r, const double *from, double *to, double avail,
			     bool first_part)
{
	vndoc_layout__mtable *mt = tp->mt;
	const vndoc_layout__mrow *mr = vndoc_layout__mrow_at(mt, r);
	double h = 0;
	bool whole = isinf(avail) && first_part, body = r >= mt->n_header, placed = false, all_done;

	mark_block(f);
	tp->ends_done = true;
	tp->ends_moved = false;
	for (size_t c = 0; c < mr->n_cells; c++) {
		const vndoc_layout__mcell *mc = &mr->cells[c];
		const vndoc_docx_cell *cell = mc->cell;
		/* A part on a following page keeps the top border's width
		 * above its text, as the first does (LibreOffice). */
		double mt_ = TW(cell->margin[VNDOC_DOCX_TOP]) + mr->pad_top;
		double mb = TW(cell->margin[VNDOC_DOCX_BOTTOM]) + mr->pad_bottom;
		double used = 0;
		to[c] = INFINITY;
		/* A merged cell of a header row whose rows fit on the page
		 * spreads its text over them (LibreOffice): it does not make
		 * this row taller.  One of the body is placed by close_merge. */
		if (whole && !body && span_height(f, mt, r, mc) > 0)
			continue;
		if (body && mc->span_rows > 1 && (size_t)cell->grid_col <= mt->table->n_grid)
			continue;
		for (size_t i = 0; i < mc->content.n; i++) {
			const vndoc_layout__placed *p = &mc->content.items[i];
			double bottom;
			if (p->y < from[c] - EPS)
				continue;
			bottom = p->y - from[c] + p->line->h;
			if (mt_ + bottom + mb > avail + EPS) {
				to[c] = p->y;
				break;
			}
			used = bottom;
			placed = true;
		}
		if (mc->content.n && (used > 0 || isinf(to[c])) && mt_ + used + mb > h)
			h = mt_ + used + mb;
		if (mc->span_rows == 1 && isinf(to[c]) && whole && mc->content.height + mt_ + mb > h)
			h = mc->content.height + mt_ + mb;
	}
	/* The merged cells that end with this row: as much of their text as
	 * fits in their boxes. */
	for (size_t g = 0; body && !whole && tp->n_active && g <= mt->table->n_grid; g++) {
		const vmerge *m = &tp->vm[g];
		double off = f->y - m->y0, used, mto;
		if (m->row == SIZE_MAX || m->last != r)
			continue;
		mto = merge_fit(tp, m, off + avail, mr->pad_bottom, &used);
		if (!isinf(mto))
			tp->ends_done = false;
		if (mto > m->from + EPS || (isinf(mto) && !isinf(m->from))) {
			tp->ends_moved = true;
			placed = true;
		}
		if (used - off > h)
			h = used - off;
	}
	if (whole)
		h = body ? fmax(h, row_height(f, tp, r)) : fmax(h, mr->h);
	all_done = tp->ends_done;
	for (size_t c = 0; c < mr->n_cells; c++)
		all_done = all_done && isinf(to[c]);
	/* Nothing fits: the part fills the page. */
	if (!isinf(avail) && (h > avail || (!all_done && !placed)))
		h = avail;

	for (size_t c = 0; c < mr->n_cells; c++) {
		const vndoc_layout__mcell *mc = &mr->cells[c];
		const vndoc_docx_cell *cell = mc->cell;
		double x = f->left + mt->x + mc->x + mc->text_x;
		double top = f->y + TW(cell->margin[VNDOC_DOCX_TOP]) + mr->pad_top;
		double shift = 0, span_h = whole && !body ? span_height(f, mt, r, mc) : 0,
		       pad_bottom = mr->pad_bottom;
		size_t g = (size_t)cell->grid_col;
		vmerge *m = body ? merge_at(tp, r, g) : NULL;

		if (cell->vmerge == VNDOC_DOCX_VMERGE_CONTINUE && g <= mt->table->n_grid &&
		    mt->covered[g] > r)
			continue; /* drawn by the merged cell above, as one box */
		if (m && m->row < r && cell->vmerge == VNDOC_DOCX_VMERGE_CONTINUE)
			continue; /* likewise, by close_merge */
		if (body && mc->span_rows > 1 && g <= mt->table->n_grid) {
			if (first_part && !m) {
				m = &tp->vm[g];
				m->row = r;
				m->last = r + (size_t)mc->span_rows - 1;
				m->cell = c;
				m->from = 0;
				open_merge(f, tp, m, mr->pad_top);
				tp->n_active++;
			}
			continue;
		}
		if (span_h > 0) {
			/* The merged cell as one box over its rows, with the bottom
			 * border of its last row's cell. */
			size_t last = r + (size_t)mc->span_rows - 1;
			const vndoc_docx_row *lr = vndoc_layout__mrow_at(mt, last)->row;
			put_cell(f, mt, r, mc, f->y, span_h, false, false);
			for (size_t k = 0; k < lr->n_cells; k++)
				if (lr->cells[k].grid_col == cell->grid_col)
					f->page->boxes[f->page->n_boxes - 1].border[VNDOC_DOCX_BOTTOM] =
						lr->cells[k].border[VNDOC_DOCX_BOTTOM];
			if (g <= mt->table->n_grid)
				mt->covered[g] = last + 1;
			pad_bottom = vndoc_layout__mrow_at(mt, last)->pad_bottom;
		} else {
			put_cell(f, mt, r, mc, f->y, h, false, merged_below(f->l->doc, mt, r, cell));
		}
		if (whole && (mc->span_rows == 1 || span_h > 0) && cell->valign != VNDOC_DOCX_CELL_TOP) {
			double room = (span_h > 0 ? span_h : h) - mc->content.height -
				      TW(cell->margin[VNDOC_DOCX_TOP]) - TW(cell->margin[VNDOC_DOCX_BOTTOM]) -
				      mr->pad_top - pad_bottom;
			if (room > 0)
				shift = cell->valign == VNDOC_DOCX_CELL_CENTER ? room / 2 : room;
		} else if (!first_part && all_done && mc->span_rows == 1 && cell->valign != VNDOC_DOCX_CELL_TOP &&
			   from[c] < mc->content.height) {
			/* The last part of a split row: its cells' rest of the
			 * text is aligned in the part (LibreOffice). */
			double room = h - (mc->content.height - from[c]) - TW(cell->margin[VNDOC_DOCX_TOP]) -
				      TW(cell->margin[VNDOC_DOCX_BOTTOM]) - mr->pad_top - pad_bottom;
			if (room > 0)
				shift = cell->valign == VNDOC_DOCX_CELL_CENTER ? room / 2 : room;
		}
		for (size_t i = 0; i < mc->content.n; i++) {
			const vndoc_layout__placed *p = &mc->content.items[i];
			if (p->y < from[c] - EPS || p->y >= to[c] - EPS)
				continue;
			put_line(f->l, f->page, VNDOC_STORY_BODY, p->line, x + p->x,
				 top + shift + p->y - from[c]);
			if (p->line->n_notes && !tp->repeat && tp->error == 0)
				tp->error = cell_notes(f, p->line, f->y + h);
		}
		for (size_t i = 0; i < mc->content.n_cells; i++) {
			const vndoc_box *nb = &mc->content.cells[i];
			vndoc_box *b;
			if (nb->y < from[c] - EPS || nb->y >= to[c] - EPS)
				continue;
			b = vndoc_layout__push_box(f->page);
			*b = *nb;
			b->x += x;
			b->y += top + shift - from[c];
		}
	}
	f->y += h;
	f->empty = false;
	return h;
}

/* Does the first line of every cell of row `mr` fit in `avail` points? */
static bool first_lines_fit(const vndoc_layout__mrow *mr, double avail)
{
	for (size_t c = 0; c < mr->n_cells; c++) {
		const vndoc_layout__mcell *mc = &mr->cells[c];
		const vndoc_docx_cell *cell = mc->cell;
		const vndoc_layout__placed *p;
		if (!mc->content.n)
			continue;
		p = &mc->content.items[0];
		if (TW(cell->margin[VNDOC_DOCX_TOP]) + mr->pad_top + p->y + p->line->h +
			    TW(cell->margin[VNDOC_DOCX_BOTTOM]) + mr->pad_bottom >
		    avail + EPS)
			return false;
	}
	return true;
}

/* Row `r` goes on to a new page: moved there whole (`fresh`), or its rest
 * after a part placed on this one.  The merged cells going on end their
 * boxes here and begin new ones there, below the header rows. */
static int table_new_page(flow *f, tplace *tp, size_t r, bool fresh)
{
	vndoc_layout__mtable *mt = tp->mt;
	double *from, *to, pad_bottom = fresh ? 0 : vndoc_layout__mrow_at(mt, r)->pad_bottom;
	int error;
	for (size_t g = 0; tp->n_active && g <= mt->table->n_grid; g++)
		if (tp->vm[g].row != SIZE_MAX)
			close_merge(f, tp, &tp->vm[g], false, pad_bottom);
	if ((error = next_area(f, true)) < 0)
		return error;
	/* Repeat the header rows, unless the row being split is one of them. */
	if (r >= mt->n_header && mt->n_header > 0) {
		from = vndoc_xcalloc(tp->max_cells, sizeof *from);
		to = vndoc_xcalloc(tp->max_cells, sizeof *to);
		tp->repeat = true;
		for (size_t h = 0; h < mt->n_header; h++) {
			memset(from, 0, tp->max_cells * sizeof *from);
			place_row_part(f, tp, h, from, to, INFINITY, true);
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
static void release_rows(flow *f, tplace *tp, size_t r)
{
	size_t keep = r + 1;
	for (size_t g = 0; tp->n_active && g <= tp->mt->table->n_grid; g++)
		if (tp->vm[g].row != SIZE_MAX && tp->vm[g].row < keep)
			keep = tp->vm[g].row;
	while (tp->released < keep)
		vndoc_layout__table_row_release(f->l, tp->mt, tp->released++);
}

static int place_table(flow *f, vndoc_layout__mtable *mt)
{
	size_t max_cells = mt->table->max_cells > 1 ? mt->table->max_cells : 1;
	double *from, *to, body = f->bottom - f->top;
	tplace tp = { mt, max_cells, NULL, 0, mt->n_header, true, false, false, 0 };
	int error = 0;

	/* A table is not placed twice: no balancing on its pages. */
	if (f->trial)
		return NOBAL;
	f->snap_ok = false;
	f->in_table = true;

	from = vndoc_xcalloc(max_cells, sizeof *from);
	to = vndoc_xcalloc(max_cells, sizeof *to);
	tp.vm = vndoc_xcalloc(mt->table->n_grid + 1, sizeof *tp.vm);
	for (size_t g = 0; g <= mt->table->n_grid; g++)
		tp.vm[g].row = SIZE_MAX;
	f->y += f->empty || f->prev_after < f->paid ? 0 : f->prev_after - f->paid;
	f->paid = 0;

	for (size_t r = 0; r < mt->n_rows && error == 0; r++) {
		const vndoc_layout__mrow *mr;
		bool first = true, rigid;
		double need, h;

		/* Rows are measured as they come, with the header rows first, and
		 * the rows a merged cell spans with its first. */
		if ((error = vndoc_layout__table_rows(f->l, mt, r > mt->n_header ? r : mt->n_header,
						      f->err)) < 0)
			break;
		mr = vndoc_layout__mrow_at(mt, r);
		for (size_t c = 0; c < mr->n_cells && error == 0; c++) {
			if (mr->cells[c].span_rows > 1)
				error = vndoc_layout__table_rows(f->l, mt, r + (size_t)mr->cells[c].span_rows - 1,
								 f->err);
			mr = vndoc_layout__mrow_at(mt, r);
		}
		/* The next row, which merged_below looks at, read now. */
		if (error == 0 && r + 1 < mt->n_rows) {
			const vndoc_docx_row *next;
			error = vndoc_docx_row_get(&next, f->l->doc, mt->table, r + 1, f->err);
		}
		if (error < 0)
			break;
		mr = vndoc_layout__mrow_at(mt, r);
		rigid = mr->row->cant_split || mr->row->height_rule == VNDOC_DOCX_HEIGHT_EXACT;
		h = r < mt->n_header ? mr->h : row_height(f, &tp, r);
		need = h;

		/* Header rows stay with the first body row. */
		if (r == 0 && mt->n_header > 0)
			for (size_t k = 1; k <= mt->n_header && k < mt->n_rows; k++)
				need += vndoc_layout__mrow_at(mt, k)->h;
		memset(from, 0, max_cells * sizeof *from);
		/* Rigid rows and header rows move whole to the next page; other
		 * rows are split there, as LibreOffice does, when the first line
		 * of each cell fits (else they move whole if they fit a page). */
		if (f->y + need > f->bottom + EPS && !f->empty &&
		    (rigid || r < mt->n_header ||
		     (h <= body && !first_lines_fit(mr, f->bottom - f->y))) &&
		    (error = table_new_page(f, &tp, r, true)) < 0)
			break;
		for (;;) {
			bool done = true, moved = false;
			h = r < mt->n_header ? mr->h : row_height(f, &tp, r);
			if (first && (f->y + h <= f->bottom + EPS || rigid)) {
				place_row_part(f, &tp, r, from, to, INFINITY, true);
				break;
			}
			place_row_part(f, &tp, r, from, to, f->bottom - f->y, first);
			for (size_t c = 0; c < mr->n_cells; c++) {
				if (!isinf(to[c]))
					done = false;
				if (to[c] > from[c] + EPS)
					moved = true;
			}
			if (done && tp.ends_done)
				break;
			if (!moved && !tp.ends_moved && !first) {
				/* A line taller than the page: place the rest anyway. */
				place_row_part(f, &tp, r, from, to, INFINITY, false);
				break;
			}
			memcpy(from, to, max_cells * sizeof *from);
			first = false;
			if ((error = table_new_page(f, &tp, r, false)) < 0)
				break;
		}
		if (error == 0)
			error = tp.error;
		if (error < 0)
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
	f->prev_after = 0;
	f->prev_style = NULL;
	f->in_table = false;
	return error;
}

/* ---------------------------------------------------------------- sections */

static int measure_hf(flow *f, hf_story *hs, int story)
{
	vndoc_layout__stack st;
	int error;
	hs->story = story;
	hs->height = 0;
	if (story < 0)
		return 0;
	if ((error = vndoc_layout__stack_story(f->l, &f->l->doc->stories[story], f->width, &st, 0,
					       f->err)) < 0) {
		vndoc_layout__stack_dispose(&st);
		return error;
	}
	hs->height = st.height;
	vndoc_layout__stack_dispose(&st);
	return 0;
}

/* PAGE and NUMPAGES while measuring body block `bi`: the page the block
 * began on in the first pass, else the page the section began on. */
static void block_fields(flow *f, size_t bi)
{
	vndoc_layout *l = f->l;
	l->field_page = l->block_runs && bi < l->n_block_pages ? block_page(l, bi) : f->sec_page;
	l->field_pages = l->body_pages > 0 ? l->body_pages : f->sec_pages;
	l->field_format = f->sect->page_format;
}

/* Block i of the section in the window (i >= f->b0), which grows to it. */
static size_t window_slot(flow *f, size_t i)
{
	if (!f->n_win)
		f->b0 = i;
	while (f->b0 + f->n_win <= i) {
		if (f->n_win == f->cap_win) {
			f->cap_win = f->cap_win ? f->cap_win * 2 : 8;
			f->blocks = vndoc_xreallocarray(f->blocks, f->cap_win, sizeof *f->blocks);
			f->measured = vndoc_xreallocarray(f->measured, f->cap_win, sizeof *f->measured);
		}
		memset(&f->blocks[f->n_win], 0, sizeof f->blocks[0]);
		f->measured[f->n_win++] = false;
	}
	return i - f->b0;
}

static mblock *block_at(flow *f, size_t i)
{
	return &f->blocks[window_slot(f, i)];
}

/* Measures block i of the section unless done. */
static int measure_block(flow *f, size_t i)
{
	const vndoc_docx_section *s = f->sect;
	const vndoc_docx_block *blk;
	double width = f->n_cols > 1 ? f->width /* the column's */
				     : TW(s->page_w - s->margin_left - s->margin_right);
	size_t k = window_slot(f, i);
	int error;

	if (f->measured[k])
		return 0;
	if ((error = vndoc_docx_block_get(&blk, f->l->doc, s->first_block + i, f->err)) < 0)
		return error;
	block_fields(f, s->first_block + i);
	/* An empty paragraph that only carries a continuous section break
	 * into or out of columns takes no room (LibreOffice drops it). */
	if (blk->kind == VNDOC_DOCX_BLOCK_PARA && !blk->u.para.n_inlines && blk->u.para.section >= 0 &&
	    (size_t)blk->u.para.section + 1 < f->l->doc->n_sections &&
	    f->l->doc->sections[blk->u.para.section + 1].type == VNDOC_DOCX_SECTION_CONTINUOUS &&
	    (f->l->doc->sections[blk->u.para.section].n_cols > 1 ||
	     f->l->doc->sections[blk->u.para.section + 1].n_cols > 1)) {
		f->measured[k] = true;
		return 0;
	}
	if (blk->kind == VNDOC_DOCX_BLOCK_PARA) {
		f->l->body_para = true;
		error = vndoc_layout__measure_para(f->l, &blk->u.para, width, &f->blocks[k].segs,
						   &f->blocks[k].n_segs, f->err);
		f->l->body_para = false;
	}
	else
		error = vndoc_layout__measure_table(f->l, &blk->u.table, width, true, &f->blocks[k].table,
						    f->err);
	f->measured[k] = error == 0;
	return error;
}

/* Block i of the section is placed: its measure goes (the first of the
 * window), and the document's blocks before it (it stays: the next
 * paragraph looks at its style). */
static void release_block(flow *f, size_t i)
{
	mblock *b;
	if (!f->n_win || i < f->b0 || i >= f->b0 + f->n_win)
		return;
	b = &f->blocks[i - f->b0];
	vndoc_layout__segs_free(b->segs, b->n_segs);
	vndoc_layout__mtable_free(b->table);
	memset(b, 0, sizeof *b);
	f->measured[i - f->b0] = false;
	if (i == f->b0) {
		memmove(f->blocks, f->blocks + 1, (f->n_win - 1) * sizeof *f->blocks);
		memmove(f->measured, f->measured + 1, (f->n_win - 1) * sizeof *f->measured);
		f->n_win--;
		f->b0++;
	}
	vndoc_docx_block_release(f->l->doc, f->sect->first_block + i);
}

/* Places block i of the section from segment k0, line line0 of it. */
static int place_block(flow *f, size_t i, size_t k0, size_t line0)
{
	int error;
	f->block = f->sect->first_block + i;
	if ((error = measure_block(f, i)) < 0)
		return error;
	if (block_at(f, i)->table)
		return place_table(f, block_at(f, i)->table);
	for (size_t k = k0; k < block_at(f, i)->n_segs && error == 0; k++) {
		bool last = k + 1 == block_at(f, i)->n_segs;
		double keep = last ? keep_need(f, i + 1, 0) : 0;
		f->cur_seg = k;
		error = place_seg(f, &block_at(f, i)->segs[k], keep, k == k0 ? line0 : 0);
	}
	return error;
}

/* Places the rest of the section from block bi, segment k0, line line0. */
static int place_from(flow *f, size_t bi, size_t k0, size_t line0)
{
	int error = 0;
	for (size_t i = bi; i < f->n_blocks && error == 0; i++)
		error = place_block(f, i, i == bi ? k0 : 0, i == bi ? line0 : 0);
	return error;
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
		error = place_from(f, bi, k0, line0);
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
	error = place_from(f, bi, k0, line0);
	f->bottom = page_bottom;
	*bottom = f->col_top + hi;
	return error;
}

/* The section's columns end: balanced when a continuous section follows
 * on the page, the next section going on below them. */
static int end_columns(flow *f)
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
	close_columns(f, bottom);
	if (f->hold)
		f->y = f->col_y;
	return 0;
}

static int flow_section(flow *f, size_t si)
{
	const vndoc_docx *doc = f->l->doc;
	const vndoc_docx_section *s = &doc->sections[si];
	const vndoc_docx_section *prev = si ? &doc->sections[si - 1] : NULL;
	size_t n = s->end_block - s->first_block;
	double width = TW(s->page_w - s->margin_left - s->margin_right);
	int error = 0;

	f->blocks = NULL;
	f->measured = NULL;
	f->b0 = f->n_win = f->cap_win = 0;
	f->n_blocks = n;
	f->sect = s;
	f->sect_index = si;
	f->n_cols = 1;
	f->left = TW(s->margin_left);
	f->width = width;
	f->cols_open = false;
	for (int k = 0; k < VNDOC_DOCX_HF_COUNT; k++)
		if ((error = measure_hf(f, &f->header[k], s->header[k])) < 0 ||
		    (error = measure_hf(f, &f->footer[k], s->footer[k])) < 0)
			goto done;
	f->section_first = true;
	/* Columns: after the headers, which are as wide as the page. */
	f->n_cols = s->n_cols;
	f->block = s->first_block;
	f->pos_seg = f->pos_line = 0;
	f->snap_ok = false;
	f->in_table = false;
	f->hold = false;
	if (s->n_cols > 1 && si + 1 < doc->n_sections &&
	    doc->sections[si + 1].type == VNDOC_DOCX_SECTION_CONTINUOUS &&
	    doc->sections[si + 1].page_w == s->page_w && doc->sections[si + 1].page_h == s->page_h) {
		f->hold = true;
		f->saved = vndoc_xmalloc(sizeof *f->saved);
	}
	if (!prev || !f->page || s->type != VNDOC_DOCX_SECTION_CONTINUOUS || prev->page_w != s->page_w ||
	    prev->page_h != s->page_h) {
		if (s->page_start >= 0)
			f->next_number = s->page_start;
		/* evenPage, oddPage: a blank page when the number is wrong. */
		if (f->page && ((s->type == VNDOC_DOCX_SECTION_EVEN_PAGE && f->next_number % 2 != 0) ||
				(s->type == VNDOC_DOCX_SECTION_ODD_PAGE && f->next_number % 2 == 0))) {
			f->blank = true;
			if ((error = new_page(f, false)) < 0)
				goto done;
		}
		if ((error = new_page(f, false)) < 0)
			goto done;
	}
	f->sec_page = f->page->page_number;
	f->sec_pages = (int)f->l->n_pages;
	if (f->n_cols > 1 && !f->cols_open) {
		/* A continuous section: its columns begin below the space
		 * after the paragraph before, which the first paragraph's
		 * space before then includes (LibreOffice). */
		f->y += f->prev_after;
		f->paid = f->prev_after;
		open_columns(f);
	}

	for (size_t i = 0; i < n && error == 0; i++) {
		error = place_block(f, i, 0, 0);
		/* Placed: its lines live on in the pages that show them (held
		 * while its page's columns may be balanced). */
		if (!f->hold)
			release_block(f, i);
	}
	if (error == 0 && f->cols_open)
		error = end_columns(f);
	f->n_cols = 1;
	f->cols_open = false;
	f->left = TW(s->margin_left);
	f->width = width;
	/* Fields as measuring every block up front left them (the headers
	 * of the next section are measured with them). */
	if (error == 0 && n)
		block_fields(f, s->end_block - 1);
done:
	while (f->n_win) {
		mblock *b = &f->blocks[--f->n_win];
		vndoc_layout__segs_free(b->segs, b->n_segs);
		vndoc_layout__mtable_free(b->table);
	}
	free(f->blocks);
	free(f->measured);
	free(f->saved);
	f->saved = NULL;
	f->hold = false;
	f->blocks = NULL;
	f->measured = NULL;
	f->n_blocks = 0;
	return error;
}

/* The header and footer of page `pg`, with PAGE and NUMPAGES known. */
static int place_hf(vndoc_layout *l, vndoc_page *pg, vndoc_error *err)
{
	const vndoc_docx_section *s = &l->doc->sections[pg->section];
	int hk = pg->header_kind;
	double width = TW(s->page_w - s->margin_left - s->margin_right);

	if (hk < 0)
		return 0; /* a blank page */
	l->field_page = pg->page_number;
	l->field_pages = l->stream ? l->total_pages : (int)l->n_pages;
	l->field_format = s->page_format;
	for (int which = 0; which < 2; which++) {
		int story = which == 0 ? s->header[hk] : s->footer[hk];
		vndoc_layout__stack st;
		double y0;
		int error;
		if (story < 0)
			continue;
		if ((error = vndoc_layout__stack_story(l, &l->doc->stories[story], width, &st, 0, err)) < 0) {
			vndoc_layout__stack_dispose(&st);
			return error;
		}
		y0 = which == 0 ? TW(s->margin_header) : pg->h - TW(s->margin_footer) - st.height;
		for (size_t c = 0; c < st.n_cells; c++) {
			vndoc_box *b = vndoc_layout__push_box(pg);
			*b = st.cells[c];
			b->story = which == 0 ? VNDOC_STORY_HEADER : VNDOC_STORY_FOOTER;
			b->x += TW(s->margin_left);
			b->y += y0;
		}
		for (size_t i = 0; i < st.n; i++)
			put_line(l, pg, which == 0 ? VNDOC_STORY_HEADER : VNDOC_STORY_FOOTER, st.items[i].line,
				 TW(s->margin_left) + st.items[i].x, y0 + st.items[i].y);
		vndoc_layout__stack_dispose(&st);
	}
	return 0;
}

/* Headers and footers, now that PAGE and NUMPAGES are known. */
static int place_headers_footers(vndoc_layout *l, vndoc_error *err)
{
	int error;
	for (size_t p = 0; p < l->n_pages; p++)
		if ((error = place_hf(l, &l->pages[p], err)) < 0)
			return error;
	return 0;
}

/* Streaming: the held page is final.  Its header and footer go on, it goes
 * to the caller (unless the pass only counts), and it is let go. */
static int finish_page(vndoc_layout *l, vndoc_error *err)
{
	vndoc_page *pg = &l->pages[0];
	int error = 0;
	if (l->on_page) {
		/* The flow goes on after: leave its field values as they were. */
		int page = l->field_page, pages = l->field_pages;
		const char *format = l->field_format;
		if ((error = place_hf(l, pg, err)) == 0)
			error = l->on_page(l, pg, l->on_page_data);
		l->field_page = page;
		l->field_pages = pages;
		l->field_format = format;
	}
	else if (pg->header_kind >= 0) {
		l->count_last_page = pg->page_number; /* see run() */
		l->count_last_format = l->doc->sections[pg->section].page_format;
	}
	free(pg->boxes);
	memset(pg, 0, sizeof *pg);
	g_ptr_array_set_size(l->page_refs, 0);
	l->n_released = l->n_pages;
	return error;
}

/* Does the story hold a PAGE or NUMPAGES field (tables included)? */
static bool has_fields(const vndoc_docx_story *st, int depth, bool numpages_only)
{
	if (depth > 16)
		return false;
	for (size_t b = 0; b < st->n_blocks; b++) {
		const vndoc_docx_block *blk = &st->blocks[b];
		if (blk->kind == VNDOC_DOCX_BLOCK_PARA) {
			for (size_t i = 0; i < blk->u.para.n_inlines; i++)
				if ((!numpages_only &&
				     blk->u.para.inlines[i].kind == VNDOC_DOCX_INLINE_FIELD_PAGE) ||
				    blk->u.para.inlines[i].kind == VNDOC_DOCX_INLINE_FIELD_NUMPAGES)
					return true;
			continue;
		}
		for (size_t r = 0; r < blk->u.table.n_rows; r++)
			for (size_t c = 0; c < blk->u.table.rows[r].n_cells; c++)
				if (has_fields(&blk->u.table.rows[r].cells[c].content, depth + 1,
					       numpages_only))
					return true;
	}
	return false;
}

static int run_pass(vndoc_layout *l, const vndoc_layout_options *opts, vndoc_error *err)
{
	const vndoc_docx *doc = l->doc;
	flow f;
	int error;

	memset(&f, 0, sizeof f);
	f.l = l;
	f.err = err;
	f.next_number = 1;
	if (doc->n_notes) {
		f.note_h = vndoc_xreallocarray(NULL, doc->n_notes, sizeof *f.note_h);
		for (size_t i = 0; i < doc->n_notes; i++)
			f.note_h[i] = -1;
		f.notes = vndoc_xreallocarray(NULL, doc->n_notes, sizeof *f.notes);
		f.pending = vndoc_xreallocarray(NULL, doc->n_notes, sizeof *f.pending);
	}
	for (size_t si = 0; si < doc->n_sections; si++) {
		error = flow_section(&f, si);
		if (error < 0) {
			free(f.areas);
			free(f.notes);
			free(f.pending);
			free(f.note_h);
			return error;
		}
		if (opts->progress)
			opts->progress(l->n_pages, opts->userdata);
	}
	/* Footnotes of the last row that found no room: a page of their own. */
	error = f.n_pending ? new_page(&f, true) : 0;
	if (error == 0)
		error = place_notes(&f);
	free(f.areas);
	free(f.notes);
	free(f.pending);
	free(f.note_h);
	if (error < 0)
		return error;
	if (l->stream)
		return l->n_pages > l->n_released ? finish_page(l, err) : 0;
	return place_headers_footers(l, err);
}

/* Forgets the pages of a first pass. */
static void clear_pages(vndoc_layout *l)
{
	for (size_t i = 0; i < l->n_pages - l->n_released; i++)
		free(l->pages[i].boxes);
	l->n_pages = 0;
	l->n_released = 0;
	l->n_headings = 0;
	if (l->page_refs)
		g_ptr_array_set_size(l->page_refs, 0);
	g_ptr_array_set_size(l->pango, 0);
	g_ptr_array_set_size(l->strings, 0);
}

/* Does any header or footer print NUMPAGES? */
static bool hf_numpages(const vndoc_docx *doc)
{
	for (size_t i = 0; i < doc->n_stories; i++)
		if (has_fields(&doc->stories[i], 0, true))
			return true;
	return false;
}

static int run(vndoc_layout **out, const vndoc_docx *doc, const vndoc_layout_options *opts,
	       vndoc_layout_page_fn on_page, void *userdata, vndoc_error *err)
{
	vndoc_layout_options dflt = VNDOC_LAYOUT_OPTIONS_INIT;
	vndoc_layout *l;
	int error;

	*out = NULL;
	if (!opts)
		opts = &dflt;
	l = vndoc_xcalloc(1, sizeof *l);
	l->doc = doc;
	l->pango = g_ptr_array_new_with_free_func(g_object_unref);
	l->strings = g_ptr_array_new_with_free_func(g_free);
	l->field_page = 1;
	l->field_pages = 1;
	l->field_format = "decimal";
	snprintf(l->title, sizeof l->title, "%s", doc->title);
	snprintf(l->author, sizeof l->author, "%s", doc->author);
	snprintf(l->subject, sizeof l->subject, "%s", doc->subject);
	snprintf(l->keywords, sizeof l->keywords, "%s", doc->keywords);
	/* Pictures and warnings outlive the document: copy them. */
	if (doc->n_images) {
		l->images = vndoc_xcalloc(doc->n_images, sizeof *l->images);
		for (size_t i = 0; i < doc->n_images; i++) {
			l->images[i] = doc->images[i];
			l->images[i].data = vndoc_xmalloc(doc->images[i].len ? doc->images[i].len : 1);
			memcpy(l->images[i].data, doc->images[i].data, doc->images[i].len);
		}
		l->n_images = doc->n_images;
	}
	if (doc->n_warnings) {
		l->warnings = vndoc_xcalloc(doc->n_warnings, sizeof *l->warnings);
		for (size_t i = 0; i < doc->n_warnings; i++)
			l->warnings[i] = vndoc_xstrdup(doc->warnings[i]);
		l->n_warnings = doc->n_warnings;
	}
	if ((error = vndoc_layout__fonts_init(l, opts->fonts, opts->fonts_conf, err)) < 0)
		goto fail;
	l->stream = on_page != NULL;
	l->count_last_page = INT_MIN;
	l->page_refs = g_ptr_array_new_with_free_func(g_object_unref);

	/* PAGE and NUMPAGES in the body: a first pass finds the page each
	 * block begins on and the number of pages; the second uses them. */
	if (vndoc_docx_body_has_fields(doc, false)) {
		vndoc_layout_options quiet = *opts;
		quiet.progress = NULL;
		l->n_block_pages = doc->body.n_blocks;
		l->finding = true;
		if ((error = run_pass(l, &quiet, err)) < 0)
			goto fail;
		l->finding = false;
		l->body_pages = (int)l->n_pages;
		/* Leave PAGE and NUMPAGES as placing the headers would have. */
		if (l->stream && l->count_last_page != INT_MIN) {
			l->field_page = l->count_last_page;
			l->field_pages = (int)l->n_pages;
			l->field_format = l->count_last_format;
		}
		l->block_runs = l->found_runs;
		l->n_block_runs = l->n_found_runs;
		l->block_runs_end = l->found_end;
		l->found_runs = NULL;
		l->n_found_runs = l->cap_found_runs = 0;
		/* A run for every block, as if never placed blocks had begun on
		 * page 0 (what the first pass leaves for them). */
		if (!l->block_runs)
			l->block_runs = vndoc_xcalloc(1, sizeof *l->block_runs);
		clear_pages(l);
	}
	/* Streaming: NUMPAGES in a header or footer needs the number of
	 * pages before the first page goes out: a pass that only counts. */
	if (l->stream && hf_numpages(doc)) {
		vndoc_layout_options quiet = *opts;
		int page = l->field_page, pages = l->field_pages;
		const char *format = l->field_format;
		quiet.progress = NULL;
		if ((error = run_pass(l, &quiet, err)) < 0)
			goto fail;
		l->total_pages = (int)l->n_pages;
		clear_pages(l);
		l->field_page = page;
		l->field_pages = pages;
		l->field_format = format;
	}
	l->on_page = on_page;
	l->on_page_data = userdata;
	if ((error = run_pass(l, opts, err)) < 0)
		goto fail;
	l->on_page = NULL;
	l->doc = NULL; /* borrowed only during the run */
	*out = l;
	return 0;
fail:
	vndoc_layout_free(l);
	return error;
}

int vndoc_layout_run(vndoc_layout **out, const vndoc_docx *doc, const vndoc_layout_options *opts,
		     vndoc_error *err)
{
	return run(out, doc, opts, NULL, NULL, err);
}

int vndoc_layout_stream(vndoc_layout **out, const vndoc_docx *doc, const vndoc_layout_options *opts,
			vndoc_layout_page_fn on_page, void *userdata, vndoc_error *err)
{
	if (!on_page) {
		*out = NULL;
		return vndoc_error_set(err, VNDOC_EINVAL, "no page callback");
	}
	return run(out, doc, opts, on_page, userdata, err);
}

void vndoc_layout_free(vndoc_layout *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n_pages - l->n_released; i++)
		free(l->pages[i].boxes);
	free(l->pages);
	/* The held page borrows from these. */
	if (l->page_refs)
		g_ptr_array_free(l->page_refs, TRUE);
	/* Boxes borrow lines from these layouts: free them last. */
	if (l->pango)
		g_ptr_array_free(l->pango, TRUE);
	if (l->strings)
		g_ptr_array_free(l->strings, TRUE);
	vndoc_layout__fonts_dispose(l);
	free(l->block_runs);
	free(l->headings);
	free(l->found_runs);
	for (size_t i = 0; i < l->n_images; i++)
		free(l->images[i].data);
	free(l->images);
	for (size_t i = 0; i < l->n_warnings; i++)
		free(l->warnings[i]);
	free(l->warnings);
	free(l);
}

size_t vndoc_layout_warning_count(const vndoc_layout *l)
{
	return l ? l->n_warnings : 0;
}

const char *vndoc_layout_warning(const vndoc_layout *l, size_t i)
{
	return l && i < l->n_warnings ? l->warnings[i] : NULL;
}

size_t vndoc_layout_page_count(const vndoc_layout *l)
{
	return l ? l->n_pages : 0;
}

const vndoc_page *vndoc_layout_page(const vndoc_layout *l, size_t i)
{
	return l && !l->stream && i < l->n_pages ? &l->pages[i] : NULL;
}

const char *vndoc_layout_title(const vndoc_layout *l)
{
	return l->title;
}

const char *vndoc_layout_author(const vndoc_layout *l)
{
	return l->author;
}

const char *vndoc_layout_subject(const vndoc_layout *l)
{
	return l->subject;
}

const char *vndoc_layout_keywords(const vndoc_layout *l)
{
	return l->keywords;
}

size_t vndoc_layout_heading_count(const vndoc_layout *l)
{
	return l ? l->n_headings : 0;
}

const vndoc_layout_heading *vndoc_layout_heading_at(const vndoc_layout *l, size_t i)
{
	return l && i < l->n_headings ? &l->headings[i] : NULL;
}
