/*
 * layout/page.c: opening and finishing a page: its size, margins and
 * header kind, the body area the header and footer leave, the lines and
 * rules put on it, and its header and footer (laid out when PAGE and
 * NUMPAGES are known).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "layout/place.h"


vndoc_box *vndoc_layout__push_box(vndoc_page *pg)
{
	if (pg->n_boxes == pg->cap) {
		pg->cap = pg->cap ? pg->cap * 2 : 64;
		pg->boxes = vndoc_xreallocarray(pg->boxes, pg->cap, sizeof *pg->boxes);
	}
	memset(&pg->boxes[pg->n_boxes], 0, sizeof pg->boxes[0]);
	return &pg->boxes[pg->n_boxes++];
}

double vndoc_layout__margin_left(const vndoc_docx_section *s, const vndoc_page *pg)
{
	return TW(pg && pg->mirrored ? s->margin_right : s->margin_left);
}

int vndoc_layout__new_page(vndoc_layout__flow *f, bool natural)
{
	vndoc_layout *l = f->l;
	const vndoc_docx_section *s = f->sect;
	vndoc_page *pg;
	int k;
	int error;

	/* Balancing columns: the trial did not fit. */
	if (f->bal.trial) {
		vndoc_layout__stop(f, VNDOC_LAYOUT__TRIAL_FULL);
		return 0;
	}
	if (f->cols.open)
		vndoc_layout__close_columns(f, f->area.bottom);
	if (l->n_pages >= VNDOC_LIMIT_PAGES)
		return vndoc_error_set(f->err, VNDOC_ELIMIT, "more than %d pages", VNDOC_LIMIT_PAGES);
	/* The page before is full: its footnotes go at its foot. */
	if ((error = vndoc_layout__place_notes(f)) < 0)
		return error;
	/* Streaming: the page before is final, let it go. */
	if (l->stream && l->n_pages > l->n_released && (error = vndoc_layout__finish_page(l, f->err)) < 0)
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
	pg->page_number = f->num.next++;
	pg->mirrored = l->doc->mirror_margins && pg->page_number % 2 == 0;
	pg->section = f->sect_index;
	pg->blank = f->num.blank;
	f->num.blank = false;
	if (pg->blank)
		k = -1;
	else if (f->num.section_first && s->title_page)
		k = VNDOC_DOCX_HF_FIRST;
	else if (l->doc->even_and_odd_headers && pg->page_number % 2 == 0)
		k = VNDOC_DOCX_HF_EVEN;
	else
		k = VNDOC_DOCX_HF_DEFAULT;
	pg->header_kind = k;
	if (!pg->blank)
		f->num.section_first = false;
	f->cur.page = pg;
	f->area.top = TW(s->margin_top);
	f->area.bottom = pg->h - TW(s->margin_bottom);
	if (k >= 0) {
		if (f->hf.header[k].story >= 0 && TW(s->margin_header) + f->hf.header[k].height > f->area.top)
			f->area.top = TW(s->margin_header) + f->hf.header[k].height;
		if (f->hf.footer[k].story >= 0 &&
		    pg->h - TW(s->margin_footer) - f->hf.footer[k].height < f->area.bottom)
			f->area.bottom = pg->h - TW(s->margin_footer) - f->hf.footer[k].height;
	}
	f->area.left = vndoc_layout__margin_left(s, pg);
	f->area.width = pg->w - TW(s->margin_left) - TW(s->margin_right);
	pg->text_x = f->area.left;
	pg->text_y = TW(s->margin_top);
	pg->text_w = f->area.width;
	pg->text_h = pg->h - TW(s->margin_top) - TW(s->margin_bottom);
	f->cur.y = f->area.top;
	f->notes.bottom = f->area.bottom;
	f->notes.n = 0;
	vndoc_layout__add_pending(f);
	f->floats.n = 0;
	f->cur.empty = true;
	f->cur.kept = true;
	f->cur.natural = natural;
	f->cur.broken = false;
	f->cur.joined = false;
	f->cur.prev_after = 0;
	f->cur.prev_style = NULL;
	f->cur.paid = 0;
	if (f->cols.n > 1)
		vndoc_layout__open_columns(f);
	return 0;
}

void vndoc_layout__put_rule(vndoc_page *pg, vndoc_story_kind story, const vndoc_docx_border *border,
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

/* A vertical rule centred on x, from y to y + h. */
void vndoc_layout__put_vrule(vndoc_page *pg, vndoc_story_kind story, const vndoc_docx_border *border, double x,
			     double y, double h)
{
	vndoc_box *b = vndoc_layout__push_box(pg);
	b->kind = VNDOC_BOX_RULE;
	b->vertical = true;
	b->story = story;
	b->x = x;
	b->y = y;
	b->w = vndoc_layout__border_width(border);
	b->h = h;
	b->border[0] = *border;
}

/* A line whose advance begins at y; x is the column's left edge.  With
 * `floats`, its floating pictures too (the paragraph's top at y). */
void vndoc_layout__put_line_at(vndoc_layout *l, vndoc_page *pg, vndoc_story_kind story,
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
		vndoc_layout__put_rule(pg, story, ln->rule_top, x + ln->rule_x, y + ln->rule_top_y, ln->rule_w);
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
		vndoc_layout__leader ld = vndoc_layout__leader_on_grid(l, &ln->leaders[i], line.x);
		if (!ld.pl)
			continue;
		b = vndoc_layout__push_box(pg);
		*b = line;
		b->kind = VNDOC_BOX_LEADER;
		b->x = line.x + ld.dx;
		b->y = line.y + ld.dy;
		b->baseline = line.baseline + ld.dy;
		b->w = ld.w;
		b->text = ld.text;
		b->line = ld.pl;
	}
	for (size_t i = 0; i < ln->n_imgs; i++) {
		double bx = x + ln->x, base = y + ln->base;
		if (ln->imgs[i].drawing) {
			vndoc_layout__put_drawing(l, pg, story, ln->imgs[i].drawing, bx + ln->imgs[i].dx,
						  base - ln->imgs[i].h, ln->imgs[i].w, ln->imgs[i].h, VNDOC_LAYOUT__INLINE, 0);
			continue;
		}
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
		vndoc_layout__put_rule(pg, story, ln->rule_bottom, x + ln->rule_x, y + ln->rule_bottom_y, ln->rule_w);
	for (size_t i = 0; i < ln->n_decos; i++)
		vndoc_layout__put_rule(pg, story, &ln->decos[i].border, line.x + ln->decos[i].dx,
			 line.baseline + ln->decos[i].dy, ln->decos[i].w);
	for (size_t i = 0; floats && i < ln->n_floats; i++)
		vndoc_layout__put_float(l, pg, story, &ln->floats[i], x, y);
}

void vndoc_layout__put_line(vndoc_layout *l, vndoc_page *pg, vndoc_story_kind story,
		     const vndoc_layout__line *ln, double x, double y)
{
	vndoc_layout__put_line_at(l, pg, story, ln, x, y, true);
}

int vndoc_layout__measure_hf(vndoc_layout__flow *f, vndoc_layout__hf_story *hs, int story)
{
	vndoc_layout__stack st;
	int error;
	hs->story = story;
	hs->height = 0;
	if (story < 0)
		return 0;
	if ((error = vndoc_layout__stack_story(f->l, &f->l->doc->stories[story], f->area.width, &st, 0,
					       f->err)) < 0) {
		vndoc_layout__stack_dispose(&st);
		return error;
	}
	hs->height = st.height;
	vndoc_layout__stack_dispose(&st);
	return 0;
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
			b->x += vndoc_layout__margin_left(s, pg);
			b->y += y0;
		}
		for (size_t i = 0; i < st.n; i++)
			vndoc_layout__put_line(l, pg, which == 0 ? VNDOC_STORY_HEADER : VNDOC_STORY_FOOTER, st.items[i].line,
				 vndoc_layout__margin_left(s, pg) + st.items[i].x, y0 + st.items[i].y);
		vndoc_layout__stack_dispose(&st);
	}
	vndoc_layout__sort_layers(pg);
	return 0;
}

/* Headers and footers, now that PAGE and NUMPAGES are known. */
int vndoc_layout__place_headers_footers(vndoc_layout *l, vndoc_error *err)
{
	int error;
	for (size_t p = 0; p < l->n_pages; p++)
		if ((error = place_hf(l, &l->pages[p], err)) < 0)
			return error;
	return 0;
}

/* Streaming: the held page is final.  Its header and footer go on, it goes
 * to the caller (unless the pass only counts), and it is let go. */
int vndoc_layout__finish_page(vndoc_layout *l, vndoc_error *err)
{
	vndoc_page *pg = &l->pages[0];
	int error = 0;
	if (l->on_page) {
		/* The flow goes on after: leave its field values as they were. */
		int page = l->field_page, pages = l->field_pages;
		const char *format = l->field_format;
		if ((error = place_hf(l, pg, err)) == 0 &&
		    (!VNDOC_LAYOUT__CHECKS || (error = vndoc_layout__check_page(l, pg, err)) == 0))
			error = l->on_page(l, pg, l->on_page_data);
		l->field_page = page;
		l->field_pages = pages;
		l->field_format = format;
	}
	else {
		if (pg->header_kind >= 0) {
			l->count_last_page = pg->page_number; /* see run() */
			l->count_last_format = l->doc->sections[pg->section].page_format;
		}
		if (VNDOC_LAYOUT__CHECKS)
			error = vndoc_layout__check_page(l, pg, err);
	}
	free(pg->boxes);
	memset(pg, 0, sizeof *pg);
	g_ptr_array_set_size(l->page_refs, 0);
	vndoc_layout__drawings_dispose(l);
	l->n_released = l->n_pages;
	return error;
}
