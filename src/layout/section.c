/*
 * layout/section.c: a section's flow: the window of its blocks measured
 * ahead of placing them, its pages and columns begun, its blocks placed in
 * order.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "layout/place.h"


/* PAGE and NUMPAGES while measuring body block `bi`: the page the block
 * began on in the first pass, else the page the section began on. */
static void block_fields(vndoc_layout__flow *f, size_t bi)
{
	vndoc_layout *l = f->l;
	l->field_page = l->block_runs && bi < l->n_block_pages ? vndoc_layout__block_page(l, bi) : f->num.sec_page;
	l->field_pages = l->body_pages > 0 ? l->body_pages : f->num.sec_pages;
	l->field_format = f->sect->page_format;
}

/* Block i of the section in the window (i >= f->win.b0), which grows to it. */
static size_t window_slot(vndoc_layout__flow *f, size_t i)
{
	if (!f->win.n)
		f->win.b0 = i;
	while (f->win.b0 + f->win.n <= i) {
		if (f->win.n == f->win.cap) {
			f->win.cap = f->win.cap ? f->win.cap * 2 : 8;
			f->win.blocks = vndoc_xreallocarray(f->win.blocks, f->win.cap, sizeof *f->win.blocks);
			f->win.measured = vndoc_xreallocarray(f->win.measured, f->win.cap, sizeof *f->win.measured);
		}
		memset(&f->win.blocks[f->win.n], 0, sizeof f->win.blocks[0]);
		f->win.measured[f->win.n++] = false;
	}
	return i - f->win.b0;
}

vndoc_layout__mblock *vndoc_layout__block_at(vndoc_layout__flow *f, size_t i)
{
	return &f->win.blocks[window_slot(f, i)];
}

/* Measures block i of the section unless done. */
int vndoc_layout__measure_block(vndoc_layout__flow *f, size_t i)
{
	const vndoc_docx_section *s = f->sect;
	const vndoc_docx_block *blk;
	double width = f->cols.n > 1 ? f->area.width /* the column's */
				     : TW(s->page_w - s->margin_left - s->margin_right);
	size_t k = window_slot(f, i);
	int error;

	if (f->win.measured[k])
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
		f->win.measured[k] = true;
		return 0;
	}
	/* An empty paragraph whose mark is hidden (w:vanish in its w:pPr's
	 * w:rPr) is not shown and takes no room (LibreOffice; poi-bug59058
	 * page 5: the one before the article's table would push its first
	 * row to the foot of the page, which LibreOffice begins on page 6). */
	if (blk->kind == VNDOC_DOCX_BLOCK_PARA && vndoc_layout__hidden_empty_para(&blk->u.para)) {
		f->win.measured[k] = true;
		return 0;
	}
	if (blk->kind == VNDOC_DOCX_BLOCK_PARA) {
		f->l->body_para = true;
		error = vndoc_layout__measure_para(f->l, &blk->u.para, width, &f->win.blocks[k].segs,
						   &f->win.blocks[k].n_segs, f->err);
		f->l->body_para = false;
	}
	else
		error = vndoc_layout__measure_table(f->l, &blk->u.table, width, true, &f->win.blocks[k].table,
						    f->err);
	f->win.measured[k] = error == 0;
	return error;
}

/* Block i of the section is placed: its measure goes (the first of the
 * window), and the document's blocks before it (it stays: the next
 * paragraph looks at its style). */
static void release_block(vndoc_layout__flow *f, size_t i)
{
	vndoc_layout__mblock *b;
	if (!f->win.n || i < f->win.b0 || i >= f->win.b0 + f->win.n)
		return;
	b = &f->win.blocks[i - f->win.b0];
	vndoc_layout__segs_free(b->segs, b->n_segs);
	vndoc_layout__mtable_free(b->table);
	memset(b, 0, sizeof *b);
	f->win.measured[i - f->win.b0] = false;
	if (i == f->win.b0) {
		memmove(f->win.blocks, f->win.blocks + 1, (f->win.n - 1) * sizeof *f->win.blocks);
		memmove(f->win.measured, f->win.measured + 1, (f->win.n - 1) * sizeof *f->win.measured);
		f->win.n--;
		f->win.b0++;
	}
	vndoc_docx_block_release(f->l->doc, f->sect->first_block + i);
}

/* Is block i of the section (its first_block + i) an empty paragraph
 * that only carries the section's break? */
static bool empty_break_para(vndoc_layout__flow *f, size_t i)
{
	const vndoc_docx_block *blk;
	if (f->sect->first_block + i + 1 != f->sect->end_block ||
	    vndoc_docx_block_get(&blk, f->l->doc, f->sect->first_block + i, f->err) < 0)
		return false;
	return blk->kind == VNDOC_DOCX_BLOCK_PARA && !blk->u.para.n_inlines;
}

bool vndoc_layout__break_ends_section(vndoc_layout__flow *f)
{
	const vndoc_docx *doc = f->l->doc;
	const vndoc_docx_section *next;
	size_t i = f->cur.block - f->sect->first_block;
	if (f->l->doc->compat_mode < 15 || f->sect_index + 1 >= doc->n_sections ||
	    f->cur.seg + 1 != vndoc_layout__block_at(f, i)->n_segs)
		return false;
	next = &doc->sections[f->sect_index + 1];
	if (next->type == VNDOC_DOCX_SECTION_CONTINUOUS && next->page_w == f->sect->page_w &&
	    next->page_h == f->sect->page_h)
		return false;
	return f->cur.block + 1 == f->sect->end_block || empty_break_para(f, i + 1);
}

/*
 * Is block i the section's empty last paragraph, the next section begins on
 * a new page, and its line does not fit on this page?  It makes no page of
 * its own then: LibreOffice 7.4 leaves it out, and Word does too
 * (vn-ddd-baocao-thuctap: 28 pages in Word's docProps/app.xml and in
 * LibreOffice's PDF; the paragraph after the caption "Hình 4. 4" ending
 * page 23 made a blank page 24 here).  An empty paragraph with text
 * after it, or one holding a character, still goes to the next page.
 */
static bool break_para_left_out(vndoc_layout__flow *f, size_t i)
{
	const vndoc_docx *doc = f->l->doc;
	const vndoc_layout__mblock *b = vndoc_layout__block_at(f, i);
	const vndoc_layout__line *ln;
	if (f->cur.empty || f->cols.n > 1 || f->sect_index + 1 >= doc->n_sections ||
	    doc->sections[f->sect_index + 1].type == VNDOC_DOCX_SECTION_CONTINUOUS || !empty_break_para(f, i) ||
	    b->table || b->n_segs != 1 || b->segs[0].n_lines != 1)
		return false;
	ln = &b->segs[0].lines[0];
	return f->cur.y + fmax(f->cur.prev_after, b->segs[0].before) + ln->h - ln->hang > f->area.bottom + EPS;
}

/* Places block i of the section from segment k0, line line0 of it. */
static int place_block(vndoc_layout__flow *f, size_t i, size_t k0, size_t line0)
{
	int error;
	f->cur.block = f->sect->first_block + i;
	/* The section's empty last paragraph after a page break that the
	 * section break took over (vndoc_layout__break_ends_section). */
	if (f->cur.joined && k0 == 0 && line0 == 0 && empty_break_para(f, i))
		return 0;
	if ((error = vndoc_layout__measure_block(f, i)) < 0)
		return error;
	if (k0 == 0 && line0 == 0 && break_para_left_out(f, i))
		return 0;
	if (vndoc_layout__block_at(f, i)->table)
		return vndoc_layout__place_table(f, vndoc_layout__block_at(f, i)->table);
	for (size_t k = k0; k < vndoc_layout__block_at(f, i)->n_segs && error == 0 && !vndoc_layout__stopped(f);
	     k++) {
		bool last = k + 1 == vndoc_layout__block_at(f, i)->n_segs;
		double keep = last ? vndoc_layout__keep_need(f, i + 1, f->area.bottom - f->area.top) : 0;
		if (keep > 0)
			keep -= fmin(vndoc_layout__block_at(f, i)->segs[k].after, vndoc_layout__keep_before(f, i + 1));
		f->cur.seg = k;
		error = vndoc_layout__place_seg(f, &vndoc_layout__block_at(f, i)->segs[k], keep, k == k0 ? line0 : 0);
	}
	return error;
}

/* Places the rest of the section from block bi, segment k0, line line0. */
int vndoc_layout__place_from(vndoc_layout__flow *f, size_t bi, size_t k0, size_t line0)
{
	int error = 0;
	for (size_t i = bi; i < f->win.n_blocks && error == 0 && !vndoc_layout__stopped(f); i++)
		error = place_block(f, i, i == bi ? k0 : 0, i == bi ? line0 : 0);
	return error;
}

/* The section begins: its window of blocks, its headers and footers
 * measured (as wide as the page), its columns, and whether its blocks are
 * held to balance its last page's columns (a continuous section of the
 * same page size follows). */
static int begin_section(vndoc_layout__flow *f, size_t si)
{
	const vndoc_docx *doc = f->l->doc;
	const vndoc_docx_section *s = &doc->sections[si];
	const vndoc_docx_section *next = si + 1 < doc->n_sections ? &doc->sections[si + 1] : NULL;
	int error;

	f->win.blocks = NULL;
	f->win.measured = NULL;
	f->win.b0 = f->win.n = f->win.cap = 0;
	f->win.n_blocks = s->end_block - s->first_block;
	f->sect = s;
	f->sect_index = si;
	f->cols.n = 1;
	f->area.left = vndoc_layout__margin_left(s, f->cur.page);
	f->area.width = TW(s->page_w - s->margin_left - s->margin_right);
	f->cols.open = false;
	for (int k = 0; k < VNDOC_DOCX_HF_COUNT; k++)
		if ((error = vndoc_layout__measure_hf(f, &f->hf.header[k], s->header[k])) < 0 ||
		    (error = vndoc_layout__measure_hf(f, &f->hf.footer[k], s->footer[k])) < 0)
			return error;
	f->num.section_first = true;
	f->cols.n = s->n_cols;
	f->cur.block = s->first_block;
	f->bal.at.seg = f->bal.at.line = 0;
	f->bal.ok = false;
	f->bal.in_table = false;
	f->bal.hold = false;
	if (s->n_cols > 1 && next && next->type == VNDOC_DOCX_SECTION_CONTINUOUS && next->page_w == s->page_w &&
	    next->page_h == s->page_h) {
		f->bal.hold = true;
		f->bal.saved = vndoc_xmalloc(sizeof *f->bal.saved);
	}
	return 0;
}

/* The section's first page: a new one unless it is continuous on a page
 * of its size, after a blank one when evenPage or oddPage asks; or its
 * columns below what is on the page. */
static int first_page(vndoc_layout__flow *f, size_t si)
{
	const vndoc_docx_section *s = f->sect, *prev = si ? &f->l->doc->sections[si - 1] : NULL;
	const vndoc_docx *doc = f->l->doc;
	int error;

	if (!prev || !f->cur.page || s->type != VNDOC_DOCX_SECTION_CONTINUOUS || prev->page_w != s->page_w ||
	    prev->page_h != s->page_h) {
		/* Word (mode 14 on, documents it wrote) counts the space
		 * after the section's last paragraph as given on the page
		 * before: the next section's first paragraph begins its page
		 * with only what its space before has more.  dxp-case26 and
		 * dxp-case28 (Heading 1, 24 pt before, after an empty
		 * paragraph with 10 pt after) begin 14 pt below the top
		 * margin in Word's PDFs; d4j-gettingstarted p21 (24 pt
		 * before, 14 pt autospacing after) 10 pt.  LibreOffice keeps
		 * the whole space before. */
		double paid = prev && f->cur.page && doc->compat_mode >= 14 && !doc->other_app ? f->cur.prev_after : 0;
		if (s->page_start >= 0)
			f->num.next = s->page_start;
		if (f->cur.page && ((s->type == VNDOC_DOCX_SECTION_EVEN_PAGE && f->num.next % 2 != 0) ||
				    (s->type == VNDOC_DOCX_SECTION_ODD_PAGE && f->num.next % 2 == 0))) {
			f->num.blank = true;
			if ((error = vndoc_layout__new_page(f, false)) < 0)
				return error;
		}
		if ((error = vndoc_layout__new_page(f, false)) < 0)
			return error;
		f->cur.paid = paid;
	}
	f->num.sec_page = f->cur.page->page_number;
	f->num.sec_pages = (int)f->l->n_pages;
	if (f->cols.n > 1 && !f->cols.open) {
		/* A continuous section: its columns begin below the space
		 * after the paragraph before, which the first paragraph's
		 * space before then includes (LibreOffice). */
		f->cur.y += f->cur.prev_after;
		f->cur.paid = f->cur.prev_after;
		vndoc_layout__open_columns(f);
	}
	return 0;
}

/* The section's window and snapshot go. */
static void end_section(vndoc_layout__flow *f)
{
	while (f->win.n) {
		vndoc_layout__mblock *b = &f->win.blocks[--f->win.n];
		vndoc_layout__segs_free(b->segs, b->n_segs);
		vndoc_layout__mtable_free(b->table);
	}
	free(f->win.blocks);
	free(f->win.measured);
	free(f->bal.saved);
	f->bal.saved = NULL;
	f->bal.hold = false;
	f->win.blocks = NULL;
	f->win.measured = NULL;
	f->win.n_blocks = 0;
}

int vndoc_layout__flow_section(vndoc_layout__flow *f, size_t si)
{
	const vndoc_docx_section *s = &f->l->doc->sections[si];
	size_t n = s->end_block - s->first_block;
	int error;

	if ((error = begin_section(f, si)) < 0 || (error = first_page(f, si)) < 0) {
		end_section(f);
		return error;
	}
	for (size_t i = 0; i < n && error == 0; i++) {
		error = place_block(f, i, 0, 0);
		/* Placed: its lines live on in the pages that show them (held
		 * while its page's columns may be balanced). */
		if (!f->bal.hold)
			release_block(f, i);
	}
	if (error == 0 && f->cols.open)
		error = vndoc_layout__end_columns(f);
	f->cols.n = 1;
	f->cols.open = false;
	f->area.left = vndoc_layout__margin_left(s, f->cur.page);
	f->area.width = TW(s->page_w - s->margin_left - s->margin_right);
	/* Fields as measuring every block up front left them (the headers
	 * of the next section are measured with them). */
	if (error == 0 && n)
		block_fields(f, s->end_block - 1);
	end_section(f);
	return error;
}
