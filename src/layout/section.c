/*
 * layout/section.c: a section's flow: the window of its blocks measured ahead of
 * placing them, its pages and columns begun, its blocks placed in order.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "layout/place.h"


/* PAGE and NUMPAGES while measuring body block `bi`: the page the block
 * began on in the first pass, else the page the section began on. */
static void block_fields(flow *f, size_t bi)
{
	vndoc_layout *l = f->l;
	l->field_page = l->block_runs && bi < l->n_block_pages ? vndoc_layout__block_page(l, bi) : f->sec_page;
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

mblock *vndoc_layout__block_at(flow *f, size_t i)
{
	return &f->blocks[window_slot(f, i)];
}

/* Measures block i of the section unless done. */
int vndoc_layout__measure_block(flow *f, size_t i)
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
	if ((error = vndoc_layout__measure_block(f, i)) < 0)
		return error;
	if (vndoc_layout__block_at(f, i)->table)
		return vndoc_layout__place_table(f, vndoc_layout__block_at(f, i)->table);
	for (size_t k = k0; k < vndoc_layout__block_at(f, i)->n_segs && error == 0; k++) {
		bool last = k + 1 == vndoc_layout__block_at(f, i)->n_segs;
		double keep = last ? vndoc_layout__keep_need(f, i + 1, 0) : 0;
		f->cur_seg = k;
		error = vndoc_layout__place_seg(f, &vndoc_layout__block_at(f, i)->segs[k], keep, k == k0 ? line0 : 0);
	}
	return error;
}

/* Places the rest of the section from block bi, segment k0, line line0. */
int vndoc_layout__place_from(flow *f, size_t bi, size_t k0, size_t line0)
{
	int error = 0;
	for (size_t i = bi; i < f->n_blocks && error == 0; i++)
		error = place_block(f, i, i == bi ? k0 : 0, i == bi ? line0 : 0);
	return error;
}

int vndoc_layout__flow_section(flow *f, size_t si)
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
		if ((error = vndoc_layout__measure_hf(f, &f->header[k], s->header[k])) < 0 ||
		    (error = vndoc_layout__measure_hf(f, &f->footer[k], s->footer[k])) < 0)
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
			if ((error = vndoc_layout__new_page(f, false)) < 0)
				goto done;
		}
		if ((error = vndoc_layout__new_page(f, false)) < 0)
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
		vndoc_layout__open_columns(f);
	}

	for (size_t i = 0; i < n && error == 0; i++) {
		error = place_block(f, i, 0, 0);
		/* Placed: its lines live on in the pages that show them (held
		 * while its page's columns may be balanced). */
		if (!f->hold)
			release_block(f, i);
	}
	if (error == 0 && f->cols_open)
		error = vndoc_layout__end_columns(f);
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
