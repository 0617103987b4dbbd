/*
 * layout/long_word.c: where LibreOffice breaks a word too long for its
 * line.
 *
 * A word that begins a line and does not fit on it is cut where it
 * reaches the margin, by Pango and by LibreOffice alike, when it is all of
 * one portion (LibreOffice's stretch of text with the same attributes).
 * When the letter that crosses the margin lies in a later portion,
 * LibreOffice 7.4 (SwTextPortion::Format_, case C1) hands the line back to
 * the portion that holds the word's start, which it formats again a twip
 * narrower than itself (SwTextFormatter::Underflow): the line ends inside
 * that first portion, less its last letter (a portion of one letter keeps
 * it), and the rest of the word is cut at the margin on the lines after.
 * poi-bug59058 p31: "[69]:SElnORMH=..." (a formula written out as text, 470
 * pt without a space), "[" in black, "69" a green link: LibreOffice puts
 * "[" on a line of its own and "69]:SElnORMH=..." on the next; with "69"
 * in black too, "[69]:SElnORMH=⊗℘℘" and the last "℘" begins the next
 * line (soffice on copies of that paragraph, and on documents of our own).
 *
 * A word after a tab is cut at the margin too (vn-nd30-pl3 p3: a tab, 43
 * dots, a superscript "6" and dots to the margin stay on one line), and
 * vndoc leaves alone the lines that begin after a tab or a line break,
 * and a list item's first line: its label is no portion of the word
 * after it (keep.c, vndoc_layout__keep_label).
 *
 * Pango cuts a word only inside the item (a stretch of one font and
 * attributes) that crosses the margin: the lines before such a line are
 * kept, the line's text up to LibreOffice's break is laid out as a piece
 * of its own, and the rest from there (para_measure.c).
 */
#include <string.h>

#include "core/limits.h"

#include "layout/para.h"

/* Do runs `a` and `b` make one portion: the same attributes? */
static bool same_portion(const vndoc_docx_rpr *a, const vndoc_docx_rpr *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp(a->font, b->font) && !strcmp(a->font_ea, b->font_ea) && !strcmp(a->font_cs, b->font_cs) &&
	       a->size == b->size && a->bold == b->bold && a->italic == b->italic &&
	       a->underline == b->underline && a->underline_style == b->underline_style &&
	       a->strike == b->strike && a->dstrike == b->dstrike && a->caps == b->caps &&
	       a->small_caps == b->small_caps && a->kern == b->kern && a->vert_align == b->vert_align &&
	       a->color == b->color && a->has_highlight == b->has_highlight && a->highlight == b->highlight &&
	       a->spacing == b->spacing && a->position == b->position && a->scale == b->scale;
}

/* The byte where the portion holding byte `at` ends; `to` when it goes on past it. */
static int portion_end(const vndoc_layout__span *spans, size_t n_spans, int at, int to)
{
	size_t n;
	const vndoc_layout__span *s = vndoc_layout__spans_at(spans, n_spans, at, &n);
	if (!n || s->start > at)
		return to;
	for (size_t i = 1; i < n && s[i].start < to; i++)
		if (!same_portion(s[0].rpr, s[i].rpr))
			return s[i].start;
	return to;
}

bool vndoc_layout__long_word(PangoLayout *layout, const vndoc_layout__span *spans, size_t n_spans,
			     bool word_start, int *line, int *cut)
{
	const char *text = pango_layout_get_text(layout);
	const PangoLogAttr *attrs;
	int n_attrs, ci = 0, at = 0, n_lines = pango_layout_get_line_count(layout);

	if (pango_layout_get_width(layout) <= 0 || n_spans < 2)
		return false;
	attrs = pango_layout_get_log_attrs_readonly(layout, &n_attrs);
	for (int k = 0; k + 1 < n_lines; k++) {
		PangoLayoutLine *pl = pango_layout_get_line_readonly(layout, k);
		int start = pl->start_index, stop = start + pl->length, cs, first, to;

		/* characters to the line's start, then to its end */
		if (start < at)
			break;
		cs = ci + (int)g_utf8_strlen(text + at, start - at);
		ci = cs + (int)g_utf8_strlen(text + start, pl->length);
		at = stop;
		/* the line ends inside a word that begins it */
		if (pl->length <= 0 || ci >= n_attrs || attrs[ci].is_line_break ||
		    pango_layout_get_line_readonly(layout, k + 1)->is_paragraph_start ||
		    (start > 0 ? !attrs[cs].is_line_break || text[start - 1] != ' ' : !word_start || text[0] == '\t'))
			continue;
		first = portion_end(spans, n_spans, start, stop + 1);
		if (first > stop)
			continue; /* one portion: cut at the margin */
		/* the first portion less its last letter, unless it has one */
		to = (int)(g_utf8_prev_char(text + first) - text);
		*line = k;
		*cut = to > start ? to : first;
		return true;
	}
	return false;
}
