/*
 * layout/stack.c: stories laid out without page breaks: table cells,
 * headers, footers and footnotes, paragraph after paragraph, nested tables
 * whole.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "layout/layout_internal.h"


static void stack_push(vndoc_layout__stack *s, const vndoc_layout__line *ln, double x, double y, double above)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->items = vndoc_xreallocarray(s->items, s->cap, sizeof *s->items);
	}
	s->items[s->n].line = ln;
	s->items[s->n].x = x;
	s->items[s->n].y = y;
	s->items[s->n].above = above;
	s->n++;
}

static vndoc_box *stack_push_cell(vndoc_layout__stack *s)
{
	if (s->n_cells == s->cap_cells) {
		s->cap_cells = s->cap_cells ? s->cap_cells * 2 : 8;
		s->cells = vndoc_xreallocarray(s->cells, s->cap_cells, sizeof *s->cells);
	}
	memset(&s->cells[s->n_cells], 0, sizeof s->cells[0]);
	return &s->cells[s->n_cells++];
}

static void keep_segs(vndoc_layout__stack *s, vndoc_layout__seg *segs, size_t n)
{
	s->segs = vndoc_xreallocarray(s->segs, s->n_seg_arrays + 1, sizeof *s->segs);
	s->n_segs = vndoc_xreallocarray(s->n_segs, s->n_seg_arrays + 1, sizeof *s->n_segs);
	s->segs[s->n_seg_arrays] = segs;
	s->n_segs[s->n_seg_arrays++] = n;
}

/* A nested table stacked row after row at `y`, never split. */
static double stack_table(vndoc_layout__stack *s, const vndoc_layout__mtable *mt, double y)
{
	for (size_t r = 0; r < mt->n_rows; r++) {
		const vndoc_layout__mrow *row = vndoc_layout__mrow_at(mt, r);
		for (size_t c = 0; c < row->n_cells; c++) {
			const vndoc_layout__mcell *mc = &row->cells[c];
			const vndoc_docx_cell *cell = mc->cell;
			vndoc_box *b = stack_push_cell(s);
			b->kind = VNDOC_BOX_CELL;
			b->x = mt->x + mc->x;
			b->y = y;
			b->w = mc->w;
			b->h = row->h;
			b->row = (int)r;
			b->col = cell->grid_col;
			memcpy(b->border, cell->border, sizeof b->border);
			b->has_fill = cell->has_fill;
			b->fill = cell->fill;
			for (size_t i = 0; i < mc->content.n; i++) {
				const vndoc_layout__placed *p = &mc->content.items[i];
				stack_push(s, p->line, mt->x + mc->x + mc->text_x + p->x,
					   y + row->pad_top + TW(cell->margin[VNDOC_DOCX_TOP]) + p->y, 0);
			}
		}
		y += row->h;
	}
	return y;
}

/* LibreOffice 7.4 leaves out a bulleted paragraph with no text whose mark
 * is hidden, bullet and all (soffice; poi-bug59058 p49, an "o" above "New
 * Cases, Deaths ..."). */
bool vndoc_layout__hidden_empty_para(const vndoc_docx_para *p)
{
	if (!p->mark.vanish)
		return false;
	for (size_t i = 0; i < p->n_inlines; i++)
		if (!p->inlines[i].rpr.label)
			return false;
	return true;
}

int vndoc_layout__stack_story(vndoc_layout *l, const vndoc_docx_story *story, double width,
			      vndoc_layout__stack *out, int depth, vndoc_error *err)
{
	double y = 0, prev_after = 0;
	const char *prev_style = NULL;
	bool prev_contextual = false;
	int error;

	memset(out, 0, sizeof *out);
	if (depth > 16)
		return vndoc_error_set(err, VNDOC_ELIMIT, "tables nested too deep");
	for (size_t b = 0; b < story->n_blocks; b++) {
		const vndoc_docx_block *blk = &story->blocks[b];
		/* A cell's last paragraph, empty, right after a nested table
		 * (the paragraph Word must end a cell with) takes no room in
		 * LibreOffice 7.4, whatever its font (poi-60329: the header's
		 * and the first row's nested tables; checked with soffice). */
		if (l->in_cell && blk->kind == VNDOC_DOCX_BLOCK_PARA && b > 0 && b + 1 == story->n_blocks &&
		    story->blocks[b - 1].kind != VNDOC_DOCX_BLOCK_PARA && blk->u.para.n_inlines == 0)
			break;
		/* An empty paragraph whose mark is hidden takes no room, as in
		 * the body (section.c), and the spacings around it meet
		 * (LibreOffice 7.4; poi-drawing p1: the one between a nested
		 * table and the rule's table of a cell, 13.8 pt there). */
		if (blk->kind == VNDOC_DOCX_BLOCK_PARA && vndoc_layout__hidden_empty_para(&blk->u.para))
			continue;
		if (blk->kind == VNDOC_DOCX_BLOCK_PARA) {
			vndoc_layout__seg *segs;
			size_t n;
			if ((error = vndoc_layout__measure_para(l, &blk->u.para, width, &segs, &n, err)) < 0)
				return error;
			keep_segs(out, segs, n);
			for (size_t i = 0; i < n; i++) {
				const vndoc_layout__seg *sg = &segs[i];
				bool same = prev_style && sg->contextual && prev_contextual &&
					    !strcmp(prev_style, sg->style);
				/* the larger of the two spacings, as in the page flow */
				y += same ? 0 : prev_after > sg->before ? prev_after : sg->before;
				for (size_t k = 0; k < sg->n_lines; k++) {
					stack_push(out, &sg->lines[k], 0, y, k == 0 && !same ? sg->before : 0);
					y += sg->lines[k].h;
				}
				prev_after = sg->after;
				prev_style = sg->style;
				prev_contextual = sg->contextual;
			}
		} else {
			vndoc_layout__mtable *mt;
			if ((error = vndoc_layout__measure_table(l, &blk->u.table, width, false, &mt, err)) < 0)
				return error;
			out->tables = vndoc_xreallocarray(out->tables, out->n_tables + 1, sizeof *out->tables);
			out->tables[out->n_tables++] = mt;
			y = stack_table(out, mt, y + prev_after);
			prev_after = 0;
			prev_style = NULL;
		}
	}
	/* The last paragraph's spacing after counts in a cell (Word, LibreOffice). */
	out->height = y + prev_after;
	out->after = prev_after;
	return 0;
}

void vndoc_layout__stack_dispose(vndoc_layout__stack *s)
{
	free(s->items);
	for (size_t i = 0; i < s->n_tables; i++)
		vndoc_layout__mtable_free(s->tables[i]);
	free(s->tables);
	for (size_t i = 0; i < s->n_seg_arrays; i++)
		vndoc_layout__segs_free(s->segs[i], s->n_segs[i]);
	free(s->segs);
	free(s->n_segs);
	free(s->cells);
	memset(s, 0, sizeof *s);
}
