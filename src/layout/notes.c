/*
 * layout/notes.c: the footnote area at the foot of a page: the room
 * footnotes take, splitting one over two pages, and placing them with
 * their separator.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "layout/place.h"

/*
 * LibreOffice's footnote area for Word documents (SwPageFootnoteInfo's
 * defaults: m_nTopDist 57, m_nLineWidth 10, m_nBottomDist 57 twips; the
 * container's print area begins below them, SwFootnoteContFrame::Format):
 * at the foot of the body area, the footnotes one below the other, their
 * last line on the bottom margin; above them a rule 0.5 pt thick, a
 * quarter of the text area long at its left edge, with 1 mm (57 twips)
 * above it and 1 mm below it: the body ends 6.2 pt above the first
 * footnote line (poi-stress008 page 50: LibreOffice's rule 2.85 pt below
 * the body's limit, its notes 3.1 pt below the rule's middle).  The
 * spacing after the last footnote's last paragraph takes no room: it
 * would go below the bottom margin, as a paragraph's spacing after at the
 * foot of the body does (poi-stress011 page 9: six footnote lines with
 * 3 pt after each, the last on the margin's 2.1 pt lower than with it
 * counted, and one body line more above them; checked with soffice: with
 * 30 pt after, a footnote's line stays where it was with none, and two
 * footnotes stay 30 pt apart).  A footnote that does not fit is split
 * over two pages (see split_notes).
 */
#define NOTE_SEP_ABOVE TW(57)
#define NOTE_SEP_LINE 0.5
#define NOTE_SEP_BELOW TW(57)
#define NOTE_SEP (NOTE_SEP_ABOVE + NOTE_SEP_LINE + NOTE_SEP_BELOW)

/* Footnote `note` laid out for the reference labelled `label`, at the
 * width of the page's text area.  On failure *st is disposed. */
static int note_stack(vndoc_layout__flow *f, int note, const char *label, vndoc_layout__stack *st)
{
	vndoc_layout *l = f->l;
	int error;
	l->note_label = label;
	error = vndoc_layout__stack_story(l, &l->doc->notes[note].story, f->cur.page->text_w, st, 0, f->err);
	l->note_label = NULL;
	if (error < 0)
		vndoc_layout__stack_dispose(st);
	return error;
}

/* The height of footnote `in->note` (measured once). */
static int note_height(vndoc_layout__flow *f, const vndoc_docx_inline *in, double *h)
{
	vndoc_layout__stack st;
	int error;
	if (f->notes.h[in->note] < 0) {
		if ((error = note_stack(f, in->note, in->text, &st)) < 0)
			return error;
		f->notes.h[in->note] = st.height;
		f->notes.after[in->note] = st.after;
		vndoc_layout__stack_dispose(&st);
	}
	*h = f->notes.h[in->note];
	return 0;
}

/* Is footnote `note` on the page, or waiting for the next one? */
static bool note_seen(const vndoc_layout__flow *f, int note)
{
	for (size_t k = 0; k < f->notes.n; k++)
		if (f->notes.list[k].note == note)
			return true;
	for (size_t k = 0; k < f->notes.n_pending; k++)
		if (f->notes.pending[k].note == note)
			return true;
	return false;
}

/*
 * The room above a page's footnotes (f->notes.sep): LibreOffice's
 * (NOTE_SEP), but in a document Word wrote the separator footnote's
 * paragraph (w:footnote w:type="separator", usually Normal at single
 * spacing, no spacing after), as Word's PDF of d4j-gettingstarted shows
 * (bench/README.md, "Word's footnote area differs": 13.4 pt for Calibri 11
 * pt).  Word's own page breaks (w:lastRenderedPageBreak) in the real
 * corpus agree: poi-stress018 p25, 2.3 pt left above a two-line footnote
 * in vndoc with 6.2 pt, Word moves the paragraph's last two lines to p26
 * (and p26 ends at "predios que se" as in Word); over the real corpus 208
 * to 220 of Word's 432 marks (bench/README.md).
 */
int vndoc_layout__notes_init(vndoc_layout__flow *f)
{
	const vndoc_docx *doc = f->l->doc;
	const vndoc_docx_section *s = &doc->sections[0];
	vndoc_layout__stack st;
	int error;

	f->notes.sep = NOTE_SEP;
	if (!doc->has_note_separator || !vndoc_layout__word_fonts(f->l))
		return 0;
	error = vndoc_layout__stack_story(f->l, &doc->note_separator, TW(s->page_w - s->margin_left - s->margin_right),
					  &st, 0, f->err);
	if (error < 0) {
		vndoc_layout__stack_dispose(&st);
		return error;
	}
	if (st.height > 0)
		f->notes.sep = st.height;
	vndoc_layout__stack_dispose(&st);
	return 0;
}

/* The room the next footnote of the page needs above it: the separator's
 * when it is the first (vndoc_layout__notes_init), else the spacing after
 * the one before it (which takes no room while that one is the last). */
double vndoc_layout__notes_lead(const vndoc_layout__flow *f)
{
	return f->notes.n ? f->notes.list[f->notes.n - 1].after : f->notes.sep;
}

/* Part [from, from + h) of footnote `note` (measured) joins the page's. */
static void push_note(vndoc_layout__flow *f, int note, const char *label, double from, double h)
{
	vndoc_layout__page_note *pn;
	double lead = vndoc_layout__notes_lead(f);
	for (size_t k = 0; k < f->notes.n; k++)
		if (f->notes.list[k].note == note)
			return;
	if (f->notes.n >= f->l->doc->n_notes || f->notes.h[note] < 0)
		return;
	pn = &f->notes.list[f->notes.n++];
	pn->note = note;
	pn->from = from;
	pn->h = h;
	pn->after = from + h >= f->notes.h[note] - EPS ? f->notes.after[note] : 0;
	snprintf(pn->label, sizeof pn->label, "%s", label);
	f->area.bottom -= lead + h - pn->after;
}

/* Part [from, from + h) of footnote `note` goes first on the next page. */
static void push_pending(vndoc_layout__flow *f, int note, const char *label, double from, double h)
{
	vndoc_layout__page_note *pn;
	if (f->notes.n_pending >= f->l->doc->n_notes)
		return;
	pn = &f->notes.pending[f->notes.n_pending++];
	pn->note = note;
	pn->from = from;
	pn->h = h;
	snprintf(pn->label, sizeof pn->label, "%s", label);
}

/* The room the footnotes of line `ln` take below those before them, which
 * leave `*lead` for them (vndoc_layout__notes_lead); *lead becomes what
 * they leave for the next. */
int vndoc_layout__notes_need(vndoc_layout__flow *f, const vndoc_layout__line *ln, double *lead, double *need)
{
	int error;
	*need = 0;
	for (size_t i = 0; i < ln->n_notes; i++) {
		double h;
		if ((error = note_height(f, ln->notes[i], &h)) < 0)
			return error;
		if (!note_seen(f, ln->notes[i]->note)) {
			*need += *lead + h - f->notes.after[ln->notes[i]->note];
			*lead = f->notes.after[ln->notes[i]->note];
		}
	}
	return 0;
}

/* Line `ln` is on the page: its footnotes too (notes_need measured them
 * and said they fit).  A footnote referred to twice on a page (the
 * document's n_notes bound the list) is shown once. */
void vndoc_layout__add_notes(vndoc_layout__flow *f, const vndoc_layout__line *ln)
{
	for (size_t i = 0; i < ln->n_notes; i++) {
		int note = ln->notes[i]->note;
		if (!f->bal.trial)
			vndoc_layout__note_found(f->l, note, f->cur.page->number);
		push_note(f, note, vndoc_layout__note_text(f->l, ln->notes[i]), 0, f->notes.h[note]);
	}
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
static int note_cut(vndoc_layout__flow *f, int note, const char *label, double room, bool orphans, double *h, double *from)
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
 * Line `ln` ends `avail` above the page's footnote area (f->area.bottom);
 * `lead`: the room its first footnote needs above it (notes_lead).  Its footnotes go to the foot of
 * the page while they fit; LibreOffice splits the first that does not:
 * the lines that fit stay, the rest goes first to the foot of the next
 * page, and so do the footnotes after it.  In the body (`body`) the line
 * goes to the next page when that footnote cannot be split (*ok false)
 * unless it stays all the same (`stay`, see lines_fit in place_para.c);
 * a table row stays.  A footnote that stays behind a line goes whole to
 * the next page, and so do the ones after it (f->notes.moved).  With
 * `commit` false nothing changes: *ok only says whether the line stays,
 * *split whether a footnote is split (the page is full then).
 */
int vndoc_layout__split_notes(vndoc_layout__flow *f, const vndoc_layout__line *ln, double avail, double lead, bool body,
			      bool stay, bool commit, bool *ok, bool *split)
{
	bool moved = stay && f->notes.moved;
	int error;

	*ok = true;
	*split = false;
	for (size_t i = 0; i < ln->n_notes; i++) {
		const vndoc_docx_inline *in = ln->notes[i];
		const char *label = vndoc_layout__note_text(f->l, in);
		double h, part, from;
		if ((error = note_height(f, in, &h)) < 0)
			return error;
		if (note_seen(f, in->note))
			continue;
		if (commit && !f->bal.trial)
			vndoc_layout__note_found(f->l, in->note, f->cur.page->number);
		if (!*split && !moved && lead + h - f->notes.after[in->note] <= avail + EPS) {
			if (commit)
				push_note(f, in->note, label, 0, h);
			avail -= lead + h - f->notes.after[in->note];
			lead = f->notes.after[in->note];
			continue;
		}
		if (!*split && !moved) {
			if ((error = note_cut(f, in->note, label, avail - lead, body, &part, &from)) < 0)
				return error;
			if (part > 0) {
				if (commit) {
					push_note(f, in->note, label, 0, part);
					push_pending(f, in->note, label, from, h - from);
				}
				*split = true;
				continue;
			}
			if (body && !stay) {
				*ok = false;
				return 0;
			}
			moved = true;
		}
		if (commit) {
			push_pending(f, in->note, label, 0, h);
			f->notes.moved = f->notes.moved || stay;
		}
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
int vndoc_layout__cell_notes(vndoc_layout__flow *f, const vndoc_layout__line *ln, double bottom)
{
	bool ok, split;
	return vndoc_layout__split_notes(f, ln, f->area.bottom - bottom, vndoc_layout__notes_lead(f), false, false, true,
					 &ok, &split);
}

/* A new page: the footnotes that found no room on the page before. */
void vndoc_layout__add_pending(vndoc_layout__flow *f)
{
	for (size_t k = 0; k < f->notes.n_pending; k++)
		push_note(f, f->notes.pending[k].note, f->notes.pending[k].label, f->notes.pending[k].from, f->notes.pending[k].h);
	f->notes.n_pending = 0;
	f->notes.moved = false;
}

/* The page's footnotes and their separator, at its foot. */
int vndoc_layout__place_notes(vndoc_layout__flow *f)
{
	vndoc_page *pg = f->cur.page;
	vndoc_docx_border rule = { VNDOC_DOCX_BORDER_SINGLE, 4, 0, 0, VNDOC_DOCX_BORDER_W_STYLE };
	double y, total = 0;
	int error;

	if (!pg || !f->notes.n)
		return 0;
	for (size_t i = 0; i < f->notes.n; i++)
		total += f->notes.list[i].h;
	y = f->notes.bottom - total + f->notes.list[f->notes.n - 1].after;
	vndoc_layout__put_rule(pg, VNDOC_STORY_FOOTNOTE, &rule, pg->text_x, y - NOTE_SEP_BELOW - NOTE_SEP_LINE / 2,
		 pg->text_w / 4);
	for (size_t i = 0; i < f->notes.n; i++) {
		const vndoc_layout__page_note *pn = &f->notes.list[i];
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
			vndoc_layout__put_line(f->l, pg, VNDOC_STORY_FOOTNOTE, st.items[k].line, pg->text_x + st.items[k].x,
				 y + st.items[k].y - pn->from);
		}
		y += pn->h;
		vndoc_layout__stack_dispose(&st);
	}
	f->notes.n = 0;
	return 0;
}
