/*
 * layout/place_para.c: placing a paragraph on pages: spacing between
 * paragraphs, keep with next, keep lines together, widows and orphans.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/limits.h"
#include "layout/place.h"

static double seg_height(const vndoc_layout__seg *s, size_t from, size_t to)
{
	double h = 0;
	for (size_t i = from; i < to && i < s->n_lines; i++)
		h += s->lines[i].h;
	return h;
}

/* The height lines [from, to) need on a page: the last one's hang may
 * pass the bottom (vndoc_layout__apply_line_rule). */
static double seg_fit_height(const vndoc_layout__seg *s, size_t from, size_t to)
{
	if (to > s->n_lines)
		to = s->n_lines;
	return from < to ? seg_height(s, from, to) - s->lines[to - 1].hang : 0;
}

double vndoc_layout__keep_before(vndoc_layout__flow *f, size_t next)
{
	const vndoc_layout__mblock *b;
	if (next >= f->win.n_blocks || vndoc_layout__measure_block(f, next) < 0)
		return 0;
	b = vndoc_layout__block_at(f, next);
	return !b->table && b->n_segs ? b->segs[0].before : 0;
}

/* Is segment s kept in one piece on a page?  Keep lines together, and
 * keep with next too: LibreOffice's SwTextFrameBreak counts keep-with-next
 * as keep-together (a 13-line paragraph kept with the next that would
 * be split moves whole to the next page in LibreOffice 7.4's PDF). */
static bool keeps_whole(const vndoc_layout__seg *s)
{
	return s->keep_lines || s->keep_next;
}

/* The least height that must follow a keep-with-next paragraph on its page:
 * the next block's first lines (two with widow control; all of them when
 * it is kept whole), or the whole of it when it is itself kept with the
 * next, and so on down the chain.  Measured until it passes `room` (what
 * is more does not change where the chain goes). */
double vndoc_layout__keep_need(vndoc_layout__flow *f, size_t next, double room)
{
	size_t n = f->win.n_blocks;
	double need = 0;
	for (int k = 0; k < VNDOC_LIMIT_KEEP_CHAIN && next < n && need <= room; k++, next++) {
		const vndoc_layout__mblock *b;
		const vndoc_layout__seg *s;
		/* A failure shows again when the block is placed. */
		if (vndoc_layout__measure_block(f, next) < 0)
			return need;
		b = vndoc_layout__block_at(f, next);
		if (b->table) {
			vndoc_layout__mtable *mt = b->table;
			if (mt->n_rows && vndoc_layout__table_rows(f->l, mt, mt->n_header, f->err) < 0)
				return need;
			for (size_t r = 0; r < mt->n_rows && r <= mt->n_header; r++)
				need += vndoc_layout__mrow_at(mt, r)->h;
			return need;
		}
		if (!b->n_segs)
			return need;
		s = &b->segs[0];
		if (!s->keep_next || b->n_segs != 1)
			return need + s->before +
			       seg_fit_height(s, 0, keeps_whole(s) ? s->n_lines : s->widow && s->n_lines > 1 ? 2 : 1);
		need += s->before + seg_height(s, 0, s->n_lines) + s->after -
			fmin(s->after, vndoc_layout__keep_before(f, next + 1));
	}
	return need;
}

static void add_heading(vndoc_layout__flow *f, const vndoc_layout__seg *s, double y)
{
	vndoc_layout *l = f->l;
	vndoc_layout_heading *h;
	if (f->bal.trial)
		return;
	l->headings = vndoc_xreallocarray(l->headings, l->n_headings + 1, sizeof *l->headings);
	h = &l->headings[l->n_headings++];
	h->level = s->outline_level;
	h->title = s->outline_title;
	h->page = l->n_pages - 1;
	h->y = y;
}

/* A segment being placed: its next line `i`, the top of the paragraph on
 * the page its first line is on (where its floating pictures are measured
 * from), the space above it, and whether its pictures are on a page. */
typedef struct seg_place {
	vndoc_layout__seg *s;
	size_t i;
	double top, before;
	bool floats_put;
} seg_place;

/* A page or column break before the paragraph. */
static int breaks_before(vndoc_layout__flow *f, const vndoc_layout__seg *s)
{
	int error;
	if (s->page_break_before && !f->cur.empty && (error = vndoc_layout__new_page(f, false)) < 0)
		return error;
	if (vndoc_layout__stopped(f))
		return 0;
	if (s->column_break_before && !f->cur.empty && (error = vndoc_layout__next_area(f, false)) < 0)
		return error;
	return 0;
}

/* Does Word drop the space before at the top of a page a page break
 * began?  From its mode 14 on, in documents Word wrote (below). */
static bool word_break_drops(const vndoc_layout *l)
{
	return l->doc->compat_mode >= 14 && !l->doc->other_app;
}

/* The space above segment `s` where it begins. */
static double space_before(vndoc_layout__flow *f, const vndoc_layout__seg *s)
{
	bool same = f->cur.prev_style && s->contextual && f->cur.prev_contextual &&
		    !strcmp(f->cur.prev_style, s->style);
	/* Between two paragraphs LibreOffice leaves the larger of the space
	 * after the first and the space before the second (measured). */
	double before = same ? 0 : s->before > f->cur.prev_after ? s->before : f->cur.prev_after;
	/* LibreOffice keeps "space before" at the top of the first page and
	 * after an explicit break, and drops it on pages begun by overflow.
	 * Word 2013 and later (compatibilityMode 15) drops it after a page
	 * break (w:br) too, keeping it after pageBreakBefore and at a
	 * section's start (less the space after before it, section.c's
	 * first_page): vn-pyproject-baocao's LỜI CẢM ƠN, MỤC LỤC and
	 * CHƯƠNG 2 headings (12 and 18 pt before) begin at the top margin in
	 * Word's PDF, 12 and 18 pt lower in LibreOffice 7.4's (and in
	 * documents other applications wrote: vndoc_layout__word).  Word
	 * 2010's mode (14) too: en-telco-usermanual's "1 Introduction" (14 pt
	 * before) and dxp-case10's headings (24 pt) after a page break begin
	 * at the top margin in Word's PDFs. */
	if (f->cur.empty && (f->cur.natural || (f->cur.broken && word_break_drops(f->l))))
		before = 0;
	before = before > f->cur.paid ? before - f->cur.paid : 0;
	f->cur.paid = 0;
	return before;
}

/* Keep lines together, keep with next: does the paragraph begin in the
 * next area?  As LibreOffice decides: a paragraph kept whole that does
 * not fit moves unless it is the area's first (SwFlowFrame::MoveFwd),
 * longer than a page or not; a chain kept with the next that does not
 * fit moves unless every block above it in the area is kept with the
 * next too (SwFlowFrame::IsKeepFwdMoveAllowed), so a chain longer than
 * a page begins a page.  poi-bug65649 page 2: 25 paragraphs kept
 * together after the table of the contract's place and date begin page
 * 3 in LibreOffice's PDF.  The Word corpus has no such chain; Word's
 * PDFs say nothing against it. */
static bool keeps_move(const vndoc_layout__flow *f, const vndoc_layout__seg *s, double before,
		       double keep_after)
{
	if (f->cur.empty)
		return false;
	if (f->cur.y + before + seg_fit_height(s, 0, s->n_lines) > f->area.bottom + EPS && keeps_whole(s))
		return true;
	return s->keep_next && keep_after > 0 && !f->cur.kept &&
	       f->cur.y + before + seg_height(s, 0, s->n_lines) + s->after + keep_after > f->area.bottom + EPS;
}

/*
 * How many lines from line sp->i fit in the area (*fit), each with its
 * footnotes; *split_at: the last of them when it stays only because a
 * footnote of it is split (LibreOffice; the page is full then).
 * *moved_at: the first that stays though a footnote of it finds no room
 * on the page, not even for its first lines: as LibreOffice's
 * SwTextFormatter::NewFootnotePortion, the line stays when the page holds
 * footnotes already and another line as tall would still fit above them,
 * and that footnote goes whole to the next page with the ones after it
 * (f->notes.moved); the body goes on.  With no footnote on the page, or
 * on the last line that fits, the line goes to the next page with it
 * (vn-nd30-pl5 page 3: the heading with footnote 5 stays, the footnote
 * begins page 4).  The room a footnote is split into is measured from
 * the line's text, its proportional spacing's extra below left out (the
 * line's real height when NewFootnotePortion connects the footnote, as
 * for the footnotes that fit whole): poi-stress018 p28, a 1.15-spaced
 * line of 11 pt Calibri keeps six lines of its footnote there, 2 pt
 * more than the line's 15.4 pt allow (checked with soffice at 1.15 and
 * 1.5: LibreOffice's room is larger by the extra, 2.0 and 6.7 pt).
 */
static int lines_fit(vndoc_layout__flow *f, seg_place *sp, size_t *fit, size_t *split_at, size_t *moved_at)
{
	vndoc_layout__seg *s = sp->s;
	size_t i = sp->i, n = 0;
	double y = f->cur.y, notes = 0, lead = vndoc_layout__notes_lead(f);
	bool moved = f->notes.moved;
	int error;

	*split_at = *moved_at = SIZE_MAX;
	while (i + n < s->n_lines) {
		const vndoc_layout__line *ln;
		double need, below, next = lead;
		bool ok = false, split = false;
		if ((error = vndoc_layout__wrap_line(f, s, i + n, y, i + n == 0 ? sp->before : 0)) < 0)
			return error;
		ln = &s->lines[i + n];
		/* A line goes with its footnotes, or to the next page. */
		if ((error = vndoc_layout__notes_need(f, ln, &next, &need)) < 0)
			return error;
		if (moved && need > 0) {
			/* Its footnotes follow those waiting for the next page. */
			if (y + ln->dy + 2 * ln->h > f->area.bottom - notes + EPS)
				break;
			need = 0;
		}
		if (y + ln->dy + ln->h - ln->hang > f->area.bottom - notes - need + EPS) {
			below = f->area.bottom - notes - (y + ln->dy + ln->h - ln->hang);
			if (ln->n_notes && below > -EPS &&
			    (error = vndoc_layout__split_notes(f, ln, below, lead, true, false, false, &ok, &split)) < 0)
				return error;
			if (ok && split) {
				*split_at = i + n++;
				break;
			}
			if (ln->n_notes && below > -EPS && !ok && (f->notes.n > 0 || notes > 0) &&
			    y + ln->dy + 2 * ln->h <= f->area.bottom - notes + EPS) {
				moved = true;
				*moved_at = i + n;
				y += ln->dy + ln->h;
				n++;
				continue;
			}
			break;
		}
		notes += need;
		if (need > 0)
			lead = next;
		y += ln->dy + ln->h;
		n++;
	}
	*fit = n;
	return 0;
}

/* Of the `fit` lines from line i that fit, how many stay: never one first
 * line alone at the bottom (orphan), never one last line alone at the top
 * (widow). */
static size_t widows_orphans(const vndoc_layout__seg *s, size_t i, size_t fit)
{
	size_t n = s->n_lines, k = fit;
	if (!s->widow)
		return k;
	if (i == 0 && k == 1 && n > 1)
		k = 0;
	if (k > 0 && n - (i + k) == 1 && n > 2) {
		k--;
		if (i == 0 && k < 2)
			k = 0;
	}
	return k;
}

/* How many of the `fit` lines from sp->i stay in this area.  *areas: the
 * wrap areas to keep should the paragraph begin in the next one. */
static size_t lines_here(vndoc_layout__flow *f, seg_place *sp, size_t fit, size_t *areas)
{
	const vndoc_layout__seg *s = sp->s;
	size_t k;
	if (sp->i + fit == s->n_lines)
		return fit;
	k = widows_orphans(s, sp->i, fit);
	if (k == 0 && f->cur.empty && sp->i == 0 && !sp->floats_put && s->lines[0].dy > 0) {
		/* Its own pictures leave its first line no room on an empty
		 * page: they stay, the text goes on. */
		for (size_t m = 0; m < s->lines[0].n_floats; m++)
			vndoc_layout__put_float(f->l, f->cur.page, VNDOC_STORY_BODY, &s->lines[0].floats[m],
						f->area.left, sp->top);
		sp->floats_put = true;
		*areas = f->floats.n;
	} else if (k == 0 && f->cur.empty) {
		k = fit ? fit : 1; /* a line taller than the page */
	}
	return k;
}

/* Puts lines [sp->i, sp->i + k) in the area, with their footnotes and (the
 * paragraph's first line) its floating pictures. */
static int put_lines(vndoc_layout__flow *f, seg_place *sp, size_t k, size_t split_at, size_t moved_at)
{
	const vndoc_layout__seg *s = sp->s;
	int error;
	for (size_t j = sp->i; j < sp->i + k; j++) {
		const vndoc_layout__line *ln = &s->lines[j];
		vndoc_layout__mark_block(f);
		f->cur.y += ln->dy;
		if (j == 0 && s->outline_level >= 0)
			add_heading(f, s, f->cur.y + ln->top);
		vndoc_layout__put_line_at(f->l, f->cur.page, VNDOC_STORY_BODY, ln, f->area.left, f->cur.y, false);
		if (j == split_at || j == moved_at || (f->notes.moved && ln->n_notes)) {
			bool ok, split;
			if ((error = vndoc_layout__split_notes(f, ln, f->area.bottom - (f->cur.y + ln->h - ln->hang),
							       vndoc_layout__notes_lead(f), true, j != split_at, true, &ok,
							       &split)) < 0)
				return error;
			if (!ok)
				vndoc_layout__add_notes(f, ln);
		} else {
			vndoc_layout__add_notes(f, ln);
		}
		for (size_t m = 0; j == 0 && !sp->floats_put && m < ln->n_floats; m++)
			vndoc_layout__put_float(f->l, f->cur.page, VNDOC_STORY_BODY, &ln->floats[m], f->area.left,
						sp->top);
		f->cur.y += ln->h;
		f->cur.empty = false;
	}
	return 0;
}

/* The segment is placed: the spacing it leaves, and its break after. */
static int end_seg(vndoc_layout__flow *f, const vndoc_layout__seg *s)
{
	int error;
	f->cur.empty = false;
	f->cur.kept = f->cur.kept && s->keep_next;
	f->cur.prev_after = s->after;
	f->cur.prev_style = s->style;
	f->cur.prev_contextual = s->contextual;
	if (!s->break_after)
		return 0;
	f->bal.at.seg = f->cur.seg + 1;
	f->bal.at.line = 0;
	if (s->column_break)
		return vndoc_layout__next_area(f, false);
	if (vndoc_layout__break_ends_section(f)) {
		f->cur.joined = true;
		return 0;
	}
	if ((error = vndoc_layout__new_page(f, false)) == 0)
		f->cur.broken = true;
	return error;
}

/* Places the lines of s from line `from` on (not 0: the rest of a
 * paragraph at the top of a column, placed again to balance columns). */
int vndoc_layout__place_seg(vndoc_layout__flow *f, vndoc_layout__seg *s, double keep_after, size_t from)
{
	seg_place sp = { s, from, f->cur.y, 0, from > 0 };
	int error;

	f->bal.at.seg = f->cur.seg;
	f->bal.at.line = 0;
	if (from == 0) {
		if ((error = breaks_before(f, s)) < 0 || vndoc_layout__stopped(f))
			return error;
		double prev_after = f->cur.prev_after > f->cur.paid ? f->cur.prev_after - f->cur.paid : 0;
		sp.before = space_before(f, s);
		if (keeps_move(f, s, sp.before, keep_after)) {
			if ((error = vndoc_layout__next_area(f, true)) < 0 || vndoc_layout__stopped(f))
				return error;
			return vndoc_layout__place_seg(f, s, keep_after, 0);
		}
		/* Its pictures are placed from its own top: below the space after
		 * the paragraph before it, which LibreOffice keeps in that
		 * paragraph (its frame's lower space; the larger of the two
		 * spaces only shortens this one's upper space), above its own
		 * space before.  poi-bib-chernigovka: the title's text box 15.7
		 * pt below its paragraph, 10 pt (the space after above) lower in
		 * LibreOffice's PDF than it was here. */
		sp.top = f->cur.y + (prev_after < sp.before ? prev_after : sp.before);
		f->cur.y += sp.before;
	}
	while (sp.i < s->n_lines) {
		size_t fit, k, split_at, moved_at, areas = f->floats.n;
		/* Its pictures go on the page of its first line: the text there
		 * (this paragraph's too) wraps around them. */
		if (sp.i == 0 && !sp.floats_put)
			vndoc_layout__add_areas(f, &s->lines[0], sp.top);
		/* In a column of another width (unequal w:col), LibreOffice
		 * breaks the lines that go there again at its width. */
		if ((error = vndoc_layout__seg_rewidth(f->l, s, sp.i, f->area.width, f->err)) < 0 ||
		    (error = lines_fit(f, &sp, &fit, &split_at, &moved_at)) < 0)
			return error;
		k = lines_here(f, &sp, fit, &areas);
		if (sp.i == 0 && k == 0)
			f->floats.n = areas; /* the paragraph begins in the next area */
		if ((error = put_lines(f, &sp, k, split_at, moved_at)) < 0)
			return error;
		sp.i += k;
		if (sp.i < s->n_lines) {
			f->bal.at.line = sp.i;
			if ((error = vndoc_layout__next_area(f, true)) < 0 || vndoc_layout__stopped(f))
				return error;
			sp.top = f->cur.y;
			sp.before = 0;
		}
	}
	return end_seg(f, s);
}
