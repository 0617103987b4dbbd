/*
 * docx/tables.c: tables: the grid, rows and cells, merges, borders and
 * cell margins resolved from the table style and direct formatting.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/limits.h"
#include "docx/docx_internal.h"

static void parse_cell_props(const xmlNode *tcpr, vndoc_docx_cell *cell, vndoc_docx__tbl_patch *own)
{
	const xmlNode *c;

	if (!tcpr)
		return;
	if ((c = vndoc_docx__child(tcpr, "tcW"))) {
		const char *type = vndoc_docx__attr(c, "type");
		if (!type || !strcmp(type, "dxa"))
			cell->width = vndoc_docx__attr_int(c, "w", 0);
	}
	if ((c = vndoc_docx__child(tcpr, "gridSpan"))) {
		int span = vndoc_docx__attr_int(c, "val", 1);
		cell->grid_span = span < 1 ? 1 : span > 64 ? 64 : span;
	}
	if ((c = vndoc_docx__child(tcpr, "vMerge"))) {
		const char *v = vndoc_docx__attr(c, "val");
		cell->vmerge = v && !strcmp(v, "restart") ? VNDOC_DOCX_VMERGE_RESTART
							  : VNDOC_DOCX_VMERGE_CONTINUE;
	}
	if ((c = vndoc_docx__child(tcpr, "vAlign"))) {
		const char *v = vndoc_docx__attr(c, "val");
		cell->valign = v && !strcmp(v, "center")   ? VNDOC_DOCX_CELL_CENTER
			       : v && !strcmp(v, "bottom") ? VNDOC_DOCX_CELL_BOTTOM
							   : VNDOC_DOCX_CELL_TOP;
	}
	if ((c = vndoc_docx__child(tcpr, "shd"))) {
		const char *fill = vndoc_docx__attr(c, "fill");
		if (fill && strcmp(fill, "auto") != 0) {
			char *end;
			unsigned long v = strtoul(fill, &end, 16);
			if (!*end && v != 0xffffff) {
				cell->has_fill = true;
				cell->fill = (uint32_t)v;
			}
		}
	}
	if ((c = vndoc_docx__child(tcpr, "tcBorders")))
		own->border_set |= vndoc_docx__parse_borders(c, 4, own->border);
	if ((c = vndoc_docx__child(tcpr, "tcMar"))) {
		for (int i = 0; i < 4; i++) {
			const xmlNode *m = vndoc_docx__side(c, i);
			if (m) {
				own->margin[i] = vndoc_docx__attr_int(m, "w", 0);
				own->margin_set |= 1u << i;
			}
		}
	}
}

/* The cell of `c`, a child of a row (a tc, or one in a content control),
 * or NULL. */
static const xmlNode *row_cell(const xmlNode *c)
{
	if (vndoc_docx__is(c, "sdt")) {
		const xmlNode *content = vndoc_docx__child(c, "sdtContent");
		c = content ? vndoc_docx__child(content, "tc") : NULL;
	}
	return c && vndoc_docx__is(c, "tc") ? c : NULL;
}

/* The conditions of the table style that apply to cell `ci` of `n_cells`
 * of row `r` (the last row when `last_row`).  Bands are counted after the
 * first row and column when those have their own look, and neither the
 * first nor the last row (column) is banded when it has its own. */
static unsigned cnf_mask(const vndoc_docx__tbl_build *tb, size_t r, bool last_row, size_t ci, size_t n_cells)
{
	unsigned look = tb->look, m;
	bool frow = r == 0 && (look & 0x20), lrow = last_row && (look & 0x40);
	bool fcol = ci == 0 && (look & 0x80), lcol = ci + 1 == n_cells && (look & 0x100);

	if (!tb->n_chain)
		return 0;
#define CNF(cond, k) ((cond) ? 1u << VNDOC_DOCX__CNF_##k : 0u)
	m = CNF(frow, FIRST_ROW) | CNF(lrow, LAST_ROW) | CNF(fcol, FIRST_COL) | CNF(lcol, LAST_COL) |
	    CNF(frow && fcol, NW_CELL) | CNF(frow && lcol, NE_CELL) | CNF(lrow && fcol, SW_CELL) |
	    CNF(lrow && lcol, SE_CELL);
#undef CNF
	if (!frow && !lrow && !(look & 0x200)) {
		size_t k = (r - ((look & 0x20) ? 1 : 0)) / (size_t)tb->row_band;
		m |= 1u << (k % 2 ? VNDOC_DOCX__CNF_BAND2_HORZ : VNDOC_DOCX__CNF_BAND1_HORZ);
	}
	if (!fcol && !lcol && !(look & 0x400)) {
		size_t k = (ci - ((look & 0x80) ? 1 : 0)) / (size_t)tb->col_band;
		m |= 1u << (k % 2 ? VNDOC_DOCX__CNF_BAND2_VERT : VNDOC_DOCX__CNF_BAND1_VERT);
	}
	return m;
}

/* Row `r` of the table being built, `last_row` when it is the last. */
static int parse_row(vndoc_docx__loader *ld, const vndoc_docx__tbl_build *tb, const xmlNode *tr,
		     vndoc_docx_row *row, size_t r, bool last_row)
{
	const vndoc_docx__tbl_patch *tp = &tb->tp;
	const xmlNode *c, *trpr = vndoc_docx__child(tr, "trPr");
	size_t cap = 0, n_grid = tb->parse_grid, n_tc = 0;
	int col = 0, error = 0, depth = tb->depth;
	const vndoc_docx__cell_style *saved = ld->cell_style;

	/* The table style's first row may be a header row (tblStylePr
	 * firstRow's trPr): LibreOffice 7.4 repeats it whatever the look. */
	for (int s = 0; r == 0 && s < tb->n_chain; s++)
		if (tb->chain[s]->ts && tb->chain[s]->ts->header_row >= 0)
			row->header = tb->chain[s]->ts->header_row == 1;
	if ((c = vndoc_docx__child(tr, "tblPrEx")) && (c = vndoc_docx__child(c, "tblBorders"))) {
		vndoc_docx_border ex[6];
		memset(ex, 0, sizeof ex);
		unsigned set = vndoc_docx__parse_borders(c, 6, ex);
		if (set & (1u << VNDOC_DOCX_BOTTOM)) {
			row->has_ex_bottom = true;
			row->ex_bottom = ex[VNDOC_DOCX_BOTTOM];
		}
		if (set & (1u << VNDOC_DOCX_INSIDE_H)) {
			row->has_ex_inside_h = true;
			row->ex_inside_h = ex[VNDOC_DOCX_INSIDE_H];
		}
	}
	if (trpr) {
		const xmlNode *x;
		if ((x = vndoc_docx__child(trpr, "trHeight"))) {
			const char *rule = vndoc_docx__attr(x, "hRule");
			row->height = vndoc_docx__attr_int(x, "val", 0);
			row->height_rule = rule && !strcmp(rule, "exact")  ? VNDOC_DOCX_HEIGHT_EXACT
					   : rule && !strcmp(rule, "auto") ? VNDOC_DOCX_HEIGHT_AUTO
									   : VNDOC_DOCX_HEIGHT_AT_LEAST;
		}
		if ((x = vndoc_docx__child(trpr, "tblHeader")))
			row->header = vndoc_docx__onoff(x) == 1;
		if ((x = vndoc_docx__child(trpr, "cantSplit")))
			row->cant_split = vndoc_docx__onoff(x) == 1;
		if ((x = vndoc_docx__child(trpr, "gridBefore")))
			col = vndoc_docx__attr_int(x, "val", 0);
		if (col < 0 || (size_t)col > n_grid)
			col = 0;
	}
	for (c = tr->children; c; c = c->next)
		if (row_cell(c))
			n_tc++;
	for (c = tr->children; c; c = c->next) {
		const xmlNode *tc = row_cell(c); /* cells may be wrapped in content controls */
		vndoc_docx_cell *cell;
		vndoc_docx__tbl_patch own;
		vndoc_docx__cell_style cs;

		if (!tc)
			continue;
		if (row->n_cells == cap) {
			cap = cap ? cap * 2 : 8;
			row->cells = vndoc_xreallocarray(row->cells, cap, sizeof *cell);
		}
		cell = &row->cells[row->n_cells++];
		memset(cell, 0, sizeof *cell);
		cell->grid_col = col;
		cell->grid_span = 1;
		memset(&own, 0, sizeof own);
		parse_cell_props(vndoc_docx__child(tc, "tcPr"), cell, &own);
		for (int i = 0; i < 4; i++) {
			cell->margin[i] = own.margin_set & (1u << i) ? own.margin[i] : tp->margin[i];
			if (own.border_set & (1u << i))
				cell->border[i] = own.border[i];
		}
		col += cell->grid_span;
		/* The paragraphs take the table style's look for this cell. */
		cs.chain = tb->chain;
		cs.n_chain = tb->n_chain;
		cs.mask = cnf_mask(tb, r, last_row, row->n_cells - 1, n_tc);
		cs.named = tb->named;
		ld->cell_style = tb->n_chain ? &cs : NULL;
		error = vndoc_docx__parse_story(ld, tc, &cell->content, depth + 1);
		ld->cell_style = saved;
		if (error < 0)
			return error;
	}
	return 0;
}

/* The region a table style's cell properties cover: its outer borders go
 * on the cells' edges along it, its inside borders on the others. */
enum { REGION_TABLE = 0, REGION_ROW, REGION_COL, REGION_CELL };

static const int cnf_region[VNDOC_DOCX__CNF_COUNT] = {
	REGION_ROW, REGION_ROW, REGION_COL,  REGION_COL,  REGION_COL,  REGION_COL,
	REGION_ROW, REGION_ROW, REGION_CELL, REGION_CELL, REGION_CELL, REGION_CELL
};

/* Borders and shading of `p` onto `cell` (not the sides or the shading in
 * `own`: the cell's own), covering `region`; `edge` bit i: side i is on
 * the table's edge. */
static void apply_cell_patch(vndoc_docx_cell *cell, const vndoc_docx__cell_patch *p, int region, unsigned edge,
			     unsigned own)
{
	static const int inside[4] = { VNDOC_DOCX_INSIDE_H, VNDOC_DOCX_INSIDE_V, VNDOC_DOCX_INSIDE_H,
				       VNDOC_DOCX_INSIDE_V };
	for (int i = 0; i < 4; i++) {
		bool outer = (edge & (1u << i)) || region == REGION_CELL ||
			     (region == REGION_ROW && (i == VNDOC_DOCX_TOP || i == VNDOC_DOCX_BOTTOM)) ||
			     (region == REGION_COL && (i == VNDOC_DOCX_LEFT || i == VNDOC_DOCX_RIGHT));
		int k = outer ? i : inside[i];
		if (!(own & (1u << i)) && (p->border_set & (1u << k)))
			cell->border[i] = p->border[k];
	}
	if (!(own & 16) && p->fill_set) {
		cell->has_fill = p->has_fill;
		cell->fill = p->fill;
	}
}

/* Outer table borders go on the cells at the edges, inside borders on the
 * others, then the table style's cell properties (the whole table's, then
 * the conditions'), unless the cell sets its own: row `r` of `n_rows`. */
static void resolve_row_borders(const vndoc_docx__tbl_build *tb, vndoc_docx_row *row, size_t r, size_t n_rows,
				const unsigned char *own_sets)
{
	const vndoc_docx_table *t = tb->out;
	const vndoc_docx__tbl_patch *tp = &tb->tp;

	for (size_t i = 0; i < row->n_cells; i++) {
		vndoc_docx_cell *cell = &row->cells[i];
		unsigned own = own_sets[i], mask;
		bool last_col = (size_t)(cell->grid_col + cell->grid_span) >= t->n_grid;
		unsigned edge = (r == 0 ? 1u : 0) | (cell->grid_col == 0 ? 2u : 0) | (r + 1 == n_rows ? 4u : 0) |
				(last_col ? 8u : 0);
		if (!(own & 1))
			cell->border[VNDOC_DOCX_TOP] = r > 0 && row->has_ex_inside_h
							       ? row->ex_inside_h
							       : tp->border[r == 0 ? VNDOC_DOCX_TOP : VNDOC_DOCX_INSIDE_H];
		if (!(own & 2))
			cell->border[VNDOC_DOCX_LEFT] =
				tp->border[cell->grid_col == 0 ? VNDOC_DOCX_LEFT : VNDOC_DOCX_INSIDE_V];
		if (!(own & 4))
			cell->border[VNDOC_DOCX_BOTTOM] =
				row->has_ex_bottom ? row->ex_bottom
						   : tp->border[r + 1 == n_rows ? VNDOC_DOCX_BOTTOM : VNDOC_DOCX_INSIDE_H];
		if (!(own & 8))
			cell->border[VNDOC_DOCX_RIGHT] = tp->border[last_col ? VNDOC_DOCX_RIGHT : VNDOC_DOCX_INSIDE_V];
		mask = cnf_mask(tb, r, r + 1 == n_rows, i, row->n_cells);
		for (int s = 0; s < tb->n_chain; s++) {
			const vndoc_docx__tstyle *ts = tb->chain[s]->ts;
			if (!ts)
				continue;
			apply_cell_patch(cell, &ts->c, REGION_TABLE, edge, own);
			for (int k = 0; k < VNDOC_DOCX__CNF_COUNT; k++)
				if (mask & ts->cond_set & (1u << k))
					apply_cell_patch(cell, &ts->cond[k]->c, cnf_region[k], edge, own);
		}
	}
}

static void resolve_borders(const vndoc_docx__tbl_build *tb, const unsigned char *own_sets)
{
	const vndoc_docx_table *t = tb->out;
	size_t k = 0;
	for (size_t r = 0; r < t->n_rows; r++) {
		resolve_row_borders(tb, &t->rows[r], r, t->n_rows, own_sets + k);
		k += t->rows[r].n_cells;
	}
}

/* A table without a grid: one column per cell of the widest row. */
void vndoc_docx__table_grid_fallback(vndoc_docx_table *t, size_t max_cells)
{
	if (t->n_grid)
		return;
	t->n_grid = max_cells ? max_cells : 1;
	t->grid = vndoc_xcalloc(t->n_grid, sizeof *t->grid);
	for (size_t i = 0; i < t->n_grid; i++)
		t->grid[i] = 9000 / (int)t->n_grid;
}

/* tblLook (w:val, a hex mask, or the attributes Word 2010 writes beside
 * it, which win; none: 04A0 as LibreOffice takes it), the band sizes of
 * the style, and whether rows must wait for the next to know the last. */
static void read_look(vndoc_docx__tbl_build *tb, const xmlNode *tblpr)
{
	static const struct {
		const char *name;
		unsigned bit;
	} flags[] = { { "firstRow", 0x20 },     { "lastRow", 0x40 }, { "firstColumn", 0x80 },
		      { "lastColumn", 0x100 }, { "noHBand", 0x200 }, { "noVBand", 0x400 } };
	const xmlNode *x = tblpr ? vndoc_docx__child(tblpr, "tblLook") : NULL;
	unsigned conds = 0;

	tb->look = 0x04a0;
	if (x) {
		const char *v = vndoc_docx__attr(x, "val");
		tb->look = v ? (unsigned)strtoul(v, NULL, 16) : 0;
		for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++) {
			const char *a = vndoc_docx__attr(x, flags[i].name);
			if (!a)
				continue;
			if (!strcmp(a, "1") || !strcmp(a, "true") || !strcmp(a, "on"))
				tb->look |= flags[i].bit;
			else
				tb->look &= ~flags[i].bit;
		}
	}
	tb->row_band = tb->col_band = 1;
	for (int i = 0; i < tb->n_chain; i++) {
		const vndoc_docx__tstyle *ts = tb->chain[i]->ts;
		if (!ts)
			continue;
		if (ts->row_band > 0)
			tb->row_band = ts->row_band;
		if (ts->col_band > 0)
			tb->col_band = ts->col_band;
		conds |= ts->cond_set;
	}
	tb->defer = conds && (tb->look & 0x40);
}

/* A twips attribute of a floating table's position, as points: Word's
 * own bound for a position, 22 inches either way, kept. */
static double float_twips(const xmlNode *n, const char *name, bool positive)
{
	int v = vndoc_docx__attr_int(n, name, 0);
	if (v > VNDOC_LIMIT_FLOAT_TWIPS)
		v = VNDOC_LIMIT_FLOAT_TWIPS;
	if (v < (positive ? 0 : -VNDOC_LIMIT_FLOAT_TWIPS))
		v = positive ? 0 : -VNDOC_LIMIT_FLOAT_TWIPS;
	return v / 20.0;
}

/* A floating table's position (w:tblpPr, ECMA-376 17.4.58) as the anchor
 * of a floating picture wrapped square on both sides.  Word's defaults
 * (as for a frame, w:framePr): horzAnchor the column ("text"), vertAnchor
 * the margin. */
static void read_position(const xmlNode *p, vndoc_docx_anchor *a)
{
	memset(a, 0, sizeof *a);
	a->h_from = vndoc_docx__anchor_from(vndoc_docx__attr(p, "horzAnchor"), true);
	a->v_from = vndoc_docx__anchor_from(vndoc_docx__attr(p, "vertAnchor"), false);
	a->h_align = vndoc_docx__anchor_align(vndoc_docx__attr(p, "tblpXSpec"), true);
	a->v_align = vndoc_docx__anchor_align(vndoc_docx__attr(p, "tblpYSpec"), false);
	a->h_offset = float_twips(p, "tblpX", false);
	a->v_offset = float_twips(p, "tblpY", false);
	a->wrap = VNDOC_DOCX_WRAP_SQUARE;
	a->wrap_side = VNDOC_DOCX_WRAP_BOTH;
	a->dist_l = float_twips(p, "leftFromText", true);
	a->dist_r = float_twips(p, "rightFromText", true);
	a->dist_t = float_twips(p, "topFromText", true);
	a->dist_b = float_twips(p, "bottomFromText", true);
}

int vndoc_docx__table_begin(vndoc_docx__loader *ld, const xmlNode *tblpr, const xmlNode *grid,
			    vndoc_docx_table *out, int depth, vndoc_docx__tbl_build *tb)
{
	vndoc_docx__tbl_patch direct;
	const xmlNode *c, *x;

	memset(tb, 0, sizeof *tb);
	tb->out = out;
	tb->depth = depth;
	if (depth > VNDOC_LIMIT_TABLE_DEPTH)
		return vndoc_error_set(ld->err, VNDOC_ELIMIT, "tables nested more than %d deep",
				       VNDOC_LIMIT_TABLE_DEPTH);
	memset(out, 0, sizeof *out);
	memset(&direct, 0, sizeof direct);
	/* Word's "Normal Table": 108 twips (0.19 cm) left and right. */
	tb->tp.margin[VNDOC_DOCX_LEFT] = tb->tp.margin[VNDOC_DOCX_RIGHT] = 108;
	tb->ld = ld;
	tb->n_rows_known = SIZE_MAX;
	x = tblpr ? vndoc_docx__child(tblpr, "tblStyle") : NULL;
	vndoc_docx__table_style(ld, x ? vndoc_docx__attr(x, "val") : NULL, &tb->tp, tb->chain, &tb->n_chain);
	tb->named = x && vndoc_docx__attr(x, "val") && *vndoc_docx__attr(x, "val");
	read_look(tb, tblpr);
	vndoc_docx__parse_tblpr(tblpr, &direct);
	vndoc_docx__apply_tbl(&tb->tp, &direct);
	out->align = tb->tp.align_set ? tb->tp.align : VNDOC_DOCX_ALIGN_LEFT;
	out->indent = tb->tp.indent_set ? tb->tp.indent : 0;
	out->border_left = tb->tp.border[VNDOC_DOCX_LEFT];
	out->cell_margin_left = tb->tp.margin[VNDOC_DOCX_LEFT];
	if ((x = tblpr ? vndoc_docx__child(tblpr, "tblW") : NULL)) {
		const char *type = vndoc_docx__attr(x, "type"), *w = vndoc_docx__attr(x, "w");
		if (type && !strcmp(type, "pct")) {
			/* "2500" (fiftieths of a percent) or "50%" */
			double v = w ? strtod(w, NULL) : 0;
			if (w && strchr(w, '%'))
				v *= 50;
			if (v > 0 && v <= 50000) {
				out->width = (int)v;
				out->width_type = VNDOC_DOCX_WIDTH_PCT;
			}
		} else if (type && !strcmp(type, "dxa")) {
			out->width = vndoc_docx__attr_int(x, "w", 0);
			if (out->width > 0)
				out->width_type = VNDOC_DOCX_WIDTH_DXA;
		}
	}
	/* Floating in the body only (a nested one stays in its cell). */
	if ((x = tblpr ? vndoc_docx__child(tblpr, "tblpPr") : NULL) && depth == 0) {
		out->floating = true;
		read_position(x, &out->position);
	}
	if ((x = tblpr ? vndoc_docx__child(tblpr, "bidiVisual") : NULL))
		out->bidi = vndoc_docx__onoff(x) == 1;
	if ((x = tblpr ? vndoc_docx__child(tblpr, "tblLayout") : NULL)) {
		const char *type = vndoc_docx__attr(x, "type");
		out->fixed = type && !strcmp(type, "fixed");
	}

	if (grid) {
		size_t gcap = 0;
		for (c = grid->children; c; c = c->next) {
			if (!vndoc_docx__is(c, "gridCol"))
				continue;
			if (out->n_grid == gcap) {
				gcap = gcap ? gcap * 2 : 8;
				out->grid = vndoc_xreallocarray(out->grid, gcap, sizeof *out->grid);
			}
			out->grid[out->n_grid++] = vndoc_docx__attr_int(c, "w", 0);
		}
	}
	tb->parse_grid = out->n_grid;
	return 0;
}

/* Which borders (bits 0-3) and whether the shading (bit 4) the cells of
 * `tr` set themselves, one byte per cell, into own[0 .. n). */
static void own_borders(const xmlNode *tr, unsigned char *own, size_t n)
{
	size_t k = 0;
	for (const xmlNode *x = tr->children; x && k < n; x = x->next) {
		const xmlNode *tc = row_cell(x), *tcpr, *b;
		if (!tc)
			continue;
		tcpr = vndoc_docx__child(tc, "tcPr");
		b = tcpr ? vndoc_docx__child(tcpr, "tcBorders") : NULL;
		own[k] = 0;
		for (int i = 0; b && i < 4; i++)
			if (vndoc_docx__side(b, i))
				own[k] |= (unsigned char)(1u << i);
		if (tcpr && vndoc_docx__child(tcpr, "shd"))
			own[k] |= 16;
		k++;
	}
	while (k < n)
		own[k++] = 0;
}

/* Parses `tr` into `row` (zeroed first) as row `r`, the last when
 * `last_row`; on failure the row is disposed. */
static int read_row(vndoc_docx__loader *ld, vndoc_docx__tbl_build *tb, const xmlNode *tr, vndoc_docx_row *row,
		    size_t r, bool last_row)
{
	int error;
	memset(row, 0, sizeof *row);
	if ((error = parse_row(ld, tb, tr, row, r, last_row)) < 0) {
		vndoc_docx__row_dispose(row);
		return error;
	}
	if (row->n_cells)
		row->cells = vndoc_xreallocarray(row->cells, row->n_cells, sizeof *row->cells);
	if (row->n_cells > tb->max_cells)
		tb->max_cells = row->n_cells;
	return 0;
}

static int add_row(vndoc_docx__loader *ld, vndoc_docx__tbl_build *tb, const xmlNode *tr, bool last_row)
{
	vndoc_docx_table *out = tb->out;
	vndoc_docx_row *row;
	int error;

	if (out->n_rows == tb->cap_rows) {
		tb->cap_rows = tb->cap_rows ? tb->cap_rows * 2 : 8;
		out->rows = vndoc_xreallocarray(out->rows, tb->cap_rows, sizeof *row);
	}
	row = &out->rows[out->n_rows];
	if ((error = read_row(ld, tb, tr, row, out->n_rows, last_row)) < 0)
		return error;
	out->n_rows++;
	/* Which borders did the cells set themselves?  Re-read tcBorders. */
	if (tb->n_cells + row->n_cells > tb->cap_own) {
		tb->cap_own = (tb->n_cells + row->n_cells) * 2;
		tb->own_sets = vndoc_xreallocarray(tb->own_sets, tb->cap_own, 1);
	}
	/* (A row without cells: own_sets may still be NULL.) */
	if (row->n_cells)
		own_borders(tr, tb->own_sets + tb->n_cells, row->n_cells);
	tb->n_cells += row->n_cells;
	return 0;
}

int vndoc_docx__table_row(vndoc_docx__loader *ld, vndoc_docx__tbl_build *tb, const xmlNode *tr)
{
	int error = 0;

	if (tb->n_rows_known != SIZE_MAX || !tb->defer)
		return add_row(ld, tb, tr, tb->out->n_rows + 1 == tb->n_rows_known);
	/* The last row has a look of its own: read each row when the next
	 * comes, the last one when the table ends. */
	if (tb->pending) {
		error = add_row(ld, tb, tb->pending, false);
		xmlFreeNode(tb->pending);
		tb->pending = NULL;
	}
	if (error == 0)
		tb->pending = xmlDocCopyNode((xmlNode *)tr, NULL, 1);
	return error;
}

int vndoc_docx__table_row_alone(vndoc_docx__loader *ld, vndoc_docx__tbl_build *tb, const xmlNode *tr,
				vndoc_docx_row *row, size_t r, size_t n_rows)
{
	unsigned char own_small[32], *own;
	int error;

	if ((error = read_row(ld, tb, tr, row, r, r + 1 == n_rows)) < 0)
		return error;
	own = row->n_cells <= sizeof own_small ? own_small : vndoc_xmalloc(row->n_cells);
	own_borders(tr, own, row->n_cells);
	resolve_row_borders(tb, row, r, n_rows, own);
	if (own != own_small)
		free(own);
	return 0;
}

void vndoc_docx__row_dispose(vndoc_docx_row *row)
{
	for (size_t i = 0; i < row->n_cells; i++)
		vndoc_docx__story_dispose(&row->cells[i].content);
	free(row->cells);
	row->cells = NULL;
	row->n_cells = 0;
}

int vndoc_docx__table_end(vndoc_docx__tbl_build *tb, bool ok)
{
	vndoc_docx_table *out = tb->out;
	int error = 0;

	if (tb->pending) {
		if (ok)
			error = add_row(tb->ld, tb, tb->pending, true);
		xmlFreeNode(tb->pending);
		tb->pending = NULL;
	}
	if (ok) {
		vndoc_docx__table_grid_fallback(out, tb->max_cells);
		out->max_cells = tb->max_cells;
		while (out->n_header < out->n_rows && out->rows[out->n_header].header)
			out->n_header++;
		if (!tb->own_sets)
			tb->own_sets = vndoc_xcalloc(1, 1);
		resolve_borders(tb, tb->own_sets);
		if (out->n_rows && tb->cap_rows > out->n_rows)
			out->rows = vndoc_xreallocarray(out->rows, out->n_rows, sizeof *out->rows);
	}
	free(tb->own_sets);
	tb->own_sets = NULL;
	return error;
}

int vndoc_docx__parse_table(vndoc_docx__loader *ld, const xmlNode *tbl, vndoc_docx_table *out,
			    int depth)
{
	vndoc_docx__tbl_build tb;
	int error;

	if ((error = vndoc_docx__table_begin(ld, vndoc_docx__child(tbl, "tblPr"),
					     vndoc_docx__child(tbl, "tblGrid"), out, depth, &tb)) < 0)
		return error;
	/* The whole table is here: its row count is known. */
	tb.n_rows_known = 0;
	for (const xmlNode *c = tbl->children; c; c = c->next)
		if (vndoc_docx__is(c, "tr"))
			tb.n_rows_known++;
	for (const xmlNode *c = tbl->children; c && error == 0; c = c->next)
		if (vndoc_docx__is(c, "tr"))
			error = vndoc_docx__table_row(ld, &tb, c);
	vndoc_docx__table_end(&tb, error == 0);
	return error;
}

void vndoc_docx__table_dispose(vndoc_docx_table *t)
{
	if (t->rows)
		for (size_t r = 0; r < t->n_rows; r++)
			vndoc_docx__row_dispose(&t->rows[r]);
	free(t->rows);
	free(t->grid);
	memset(t, 0, sizeof *t);
}
