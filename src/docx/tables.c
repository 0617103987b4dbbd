/*
 * docx/tables.c: tables: the grid, rows and cells, merges, borders and
 * cell margins resolved from the table style and direct formatting.
 */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "docx/docx_internal.h"

/* Tables nested deeper than this are refused (crafted input). */
#define MAX_TABLE_DEPTH 16

static void parse_cell_props(const xmlNode *tcpr, vndoc_docx_cell *cell, vndoc_docx__tbl_patch *own)
{
	static const char *const sides[4][2] = {
		{ "top", "top" }, { "left", "start" }, { "bottom", "bottom" }, { "right", "end" }
	};
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
	if ((c = vndoc_docx__child(tcpr, "tcBorders"))) {
		for (int i = 0; i < 4; i++) {
			const xmlNode *b = vndoc_docx__child(c, sides[i][0]);
			if (!b)
				b = vndoc_docx__child(c, sides[i][1]);
			if (b) {
				vndoc_docx__parse_border(b, &own->border[i]);
				own->border_set |= 1u << i;
			}
		}
	}
	if ((c = vndoc_docx__child(tcpr, "tcMar"))) {
		for (int i = 0; i < 4; i++) {
			const xmlNode *m = vndoc_docx__child(c, sides[i][0]);
			if (!m)
				m = vndoc_docx__child(c, sides[i][1]);
			if (m) {
				own->margin[i] = vndoc_docx__attr_int(m, "w", 0);
				own->margin_set |= 1u << i;
			}
		}
	}
}

static int parse_row(vndoc_docx__loader *ld, const xmlNode *tr, vndoc_docx_row *row,
		     const vndoc_docx__tbl_patch *tp, size_t n_grid, int depth)
{
	const xmlNode *c, *trpr = vndoc_docx__child(tr, "trPr");
	size_t cap = 0;
	int col = 0, error;

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
	for (c = tr->children; c; c = c->next) {
		const xmlNode *tc = c;
		vndoc_docx_cell *cell;
		vndoc_docx__tbl_patch own;

		/* Cells wrapped in content controls. */
		if (vndoc_docx__is(c, "sdt")) {
			const xmlNode *content = vndoc_docx__child(c, "sdtContent");
			tc = content ? vndoc_docx__child(content, "tc") : NULL;
		}
		if (!tc || !vndoc_docx__is(tc, "tc"))
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
		if ((error = vndoc_docx__parse_story(ld, tc, &cell->content, depth + 1)) < 0)
			return error;
	}
	return 0;
}

/* Outer table borders go on the cells at the edges, inside borders on the
 * others, unless the cell sets its own: row `r` of `n_rows`. */
static void resolve_row_borders(const vndoc_docx_table *t, vndoc_docx_row *row, size_t r, size_t n_rows,
				const vndoc_docx__tbl_patch *tp, const unsigned char *own_sets)
{
	for (size_t i = 0; i < row->n_cells; i++) {
		vndoc_docx_cell *cell = &row->cells[i];
		unsigned own = own_sets[i];
		bool last_col = (size_t)(cell->grid_col + cell->grid_span) >= t->n_grid;
		if (!(own & 1))
			cell->border[VNDOC_DOCX_TOP] = tp->border[r == 0 ? VNDOC_DOCX_TOP : VNDOC_DOCX_INSIDE_H];
		if (!(own & 2))
			cell->border[VNDOC_DOCX_LEFT] =
				tp->border[cell->grid_col == 0 ? VNDOC_DOCX_LEFT : VNDOC_DOCX_INSIDE_V];
		if (!(own & 4))
			cell->border[VNDOC_DOCX_BOTTOM] =
				tp->border[r + 1 == n_rows ? VNDOC_DOCX_BOTTOM : VNDOC_DOCX_INSIDE_H];
		if (!(own & 8))
			cell->border[VNDOC_DOCX_RIGHT] = tp->border[last_col ? VNDOC_DOCX_RIGHT : VNDOC_DOCX_INSIDE_V];
	}
}

static void resolve_borders(vndoc_docx_table *t, const vndoc_docx__tbl_patch *tp,
			    const unsigned char *own_sets)
{
	size_t k = 0;
	for (size_t r = 0; r < t->n_rows; r++) {
		resolve_row_borders(t, &t->rows[r], r, t->n_rows, tp, own_sets + k);
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

int vndoc_docx__table_begin(vndoc_docx__loader *ld, const xmlNode *tblpr, const xmlNode *grid,
			    vndoc_docx_table *out, int depth, vndoc_docx__tbl_build *tb)
{
	vndoc_docx__tbl_patch direct;
	const xmlNode *c, *x;

	memset(tb, 0, sizeof *tb);
	tb->out = out;
	tb->depth = depth;
	if (depth > MAX_TABLE_DEPTH)
		return vndoc_error_set(ld->err, VNDOC_ELIMIT, "tables nested more than %d deep",
				       MAX_TABLE_DEPTH);
	memset(out, 0, sizeof *out);
	memset(&direct, 0, sizeof direct);
	/* Word's "Normal Table": 108 twips (0.19 cm) left and right. */
	tb->tp.margin[VNDOC_DOCX_LEFT] = tb->tp.margin[VNDOC_DOCX_RIGHT] = 108;
	x = tblpr ? vndoc_docx__child(tblpr, "tblStyle") : NULL;
	vndoc_docx__table_style(ld, x ? vndoc_docx__attr(x, "val") : NULL, &tb->tp);
	vndoc_docx__parse_tblpr(tblpr, &direct);
	vndoc_docx__apply_tbl(&tb->tp, &direct);
	out->align = tb->tp.align_set ? tb->tp.align : VNDOC_DOCX_ALIGN_LEFT;
	out->indent = tb->tp.indent_set ? tb->tp.indent : 0;
	out->border_left = tb->tp.border[VNDOC_DOCX_LEFT];
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

/* Which borders the cells of `tr` set themselves (tcBorders), one byte
 * per cell, into own[0 .. n). */
static void own_borders(const xmlNode *tr, unsigned char *own, size_t n)
{
	size_t k = 0;
	for (const xmlNode *x = tr->children; x && k < n; x = x->next) {
		const xmlNode *tc = x, *tcpr, *b;
		if (vndoc_docx__is(x, "sdt")) {
			const xmlNode *content = vndoc_docx__child(x, "sdtContent");
			tc = content ? vndoc_docx__child(content, "tc") : NULL;
		}
		if (!tc || !vndoc_docx__is(tc, "tc"))
			continue;
		tcpr = vndoc_docx__child(tc, "tcPr");
		b = tcpr ? vndoc_docx__child(tcpr, "tcBorders") : NULL;
		own[k++] = !b ? 0
			      : (unsigned char)((vndoc_docx__child(b, "top") ? 1 : 0) |
						(vndoc_docx__child(b, "left") || vndoc_docx__child(b, "start") ? 2 : 0) |
						(vndoc_docx__child(b, "bottom") ? 4 : 0) |
						(vndoc_docx__child(b, "right") || vndoc_docx__child(b, "end") ? 8 : 0));
	}
	while (k < n)
		own[k++] = 0;
}

/* Parses `tr` into `row` (zeroed first); on failure the row is disposed. */
static int read_row(vndoc_docx__loader *ld, vndoc_docx__tbl_build *tb, const xmlNode *tr, vndoc_docx_row *row)
{
	int error;
	memset(row, 0, sizeof *row);
	if ((error = parse_row(ld, tr, row, &tb->tp, tb->parse_grid, tb->depth)) < 0) {
		vndoc_docx__row_dispose(row);
		return error;
	}
	if (row->n_cells)
		row->cells = vndoc_xreallocarray(row->cells, row->n_cells, sizeof *row->cells);
	if (row->n_cells > tb->max_cells)
		tb->max_cells = row->n_cells;
	return 0;
}

int vndoc_docx__table_row(vndoc_docx__loader *ld, vndoc_docx__tbl_build *tb, const xmlNode *tr)
{
	vndoc_docx_table *out = tb->out;
	vndoc_docx_row *row;
	int error;

	if (out->n_rows == tb->cap_rows) {
		tb->cap_rows = tb->cap_rows ? tb->cap_rows * 2 : 8;
		out->rows = vndoc_xreallocarray(out->rows, tb->cap_rows, sizeof *row);
	}
	row = &out->rows[out->n_rows];
	if ((error = read_row(ld, tb, tr, row)) < 0)
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

int vndoc_docx__table_row_alone(vndoc_docx__loader *ld, vndoc_docx__tbl_build *tb, const xmlNode *tr,
				vndoc_docx_row *row, size_t r, size_t n_rows)
{
	unsigned char own_small[32], *own;
	int error;

	if ((error = read_row(ld, tb, tr, row)) < 0)
		return error;
	own = row->n_cells <= sizeof own_small ? own_small : vndoc_xmalloc(row->n_cells);
	own_borders(tr, own, row->n_cells);
	resolve_row_borders(tb->out, row, r, n_rows, &tb->tp, own);
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

void vndoc_docx__table_end(vndoc_docx__tbl_build *tb, bool ok)
{
	vndoc_docx_table *out = tb->out;
	if (ok) {
		vndoc_docx__table_grid_fallback(out, tb->max_cells);
		out->max_cells = tb->max_cells;
		while (out->n_header < out->n_rows && out->rows[out->n_header].header)
			out->n_header++;
		if (!tb->own_sets)
			tb->own_sets = vndoc_xcalloc(1, 1);
		resolve_borders(out, &tb->tp, tb->own_sets);
		if (out->n_rows && tb->cap_rows > out->n_rows)
			out->rows = vndoc_xreallocarray(out->rows, out->n_rows, sizeof *out->rows);
	}
	free(tb->own_sets);
	tb->own_sets = NULL;
}

int vndoc_docx__parse_table(vndoc_docx__loader *ld, const xmlNode *tbl, vndoc_docx_table *out,
			    int depth)
{
	vndoc_docx__tbl_build tb;
	int error;

	if ((error = vndoc_docx__table_begin(ld, vndoc_docx__child(tbl, "tblPr"),
					     vndoc_docx__child(tbl, "tblGrid"), out, depth, &tb)) < 0)
		return error;
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
