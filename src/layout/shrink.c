/*
 * layout/shrink.c: Word's justified lines, and LibreOffice's lines a few
 * hundredths too long, that take one more word by narrowing their spaces.
 *
 * Word 2013 and later (compatibilityMode 15) breaks a justified paragraph's
 * lines as if its spaces could shrink: the word that crosses the right
 * margin stays on the line when little of it does, and the line's spaces
 * narrow to make room.  Measured on the Word PDFs of the Vietnamese
 * reports in corpus/word (vn-pyproject-baocao, vn-websec-baocao,
 * vn-langassist-baocao, vn-gr2-baocao, vn-mvb-form-vochong: 305 justified
 * lines followed by a line of the same paragraph): every word of which at
 * most 38% of its natural width lies past the margin stayed (143 lines),
 * every one with more went to the next line (162), and no line's spaces
 * went below 76% of their natural width (the first line of vn-langassist-
 * baocao's acknowledgements, page 3: 19 words where LibreOffice 7.4 and
 * Pango put 18; vn-pyproject-baocao page 22: 'chuyên', 35% of it past
 * the margin, stays, its spaces at 76%; page 8: 'du', 40%, goes to the
 * next line though its spaces would only have narrowed to 90%).  LibreOffice
 * 7.4 never shrinks; later versions shrink spaces to 75% whatever the word.
 * A line holding a tab (a list item's first line: its number, a tab, the
 * text) narrows the spaces after its last tab the same: vn-analyst-baocao
 * p3, "2." TAB "Hiểu rõ hơn ... số lượng lượt đăng" one line in Word's PDF.
 *
 * LibreOffice 7.4 (documents that are not Word's) measures a line by
 * each character's advance rounded to 1/120 pt (a pixel of Writer's
 * reference device; vcl's GenericSalLayout::GetTextBreak sums them against
 * the width in the same pixels), and takes the word that ends at most at
 * the margin so counted, whatever the line's alignment: poi-bug59058 p28,
 * Times 13 pt, "comparative ... of disease" is 468.178 pt exact, 56160
 * pixels rounded, and stays on its 468 pt line (soffice: it stays with a
 * right indent of 0 or less, goes from 1 twip).  Such a line takes its
 * word the same way, its spaces narrowed by the few hundredths it lacks.
 *
 * Word with its East Asian layout on (vndoc_layout__hanging_punct) lets a
 * line's last full stop or comma hang past the right margin, whatever the
 * alignment, in mode 14 and less: d4j-gettingstarted p30, "... directly
 * (see below)." is 451.7 pt of Calibri 11 in 451.35, one line in Word's
 * PDF (in mode 15 not: vn-gr2-baocao p25's "chuẩn,").  Such a
 * line takes its word the same way, its spaces narrowed by what it lacks.
 *
 * Word before its 2013 layout (compatibilityMode 14 and less, in a
 * document Word wrote) counts a line in whole twips: a line less than half
 * a twip too long takes its word, a tab before it or not.  d4j-gettingstarted
 * p22, TAB TAB "org.docx4j.wml.ObjectFactory factory = Context.
 * getWmlObjectFactory();" is 66 + 3 characters of Consolas 10 pt (1126/2048
 * em each: 379.365 pt, 7587.3 twips) after the tab stop at 1440 twips in a
 * text area of 9027: one line in Word's PDF, 0.3 twip past the margin;
 * vndoc sent "Context.getWmlObjectFactory();" down.  Mac Word's
 * en-telco-usermanual p3 (mode 14, a Times cell line "Required only ...
 * or run the" + "data") is 0.37 twip past in vndoc's Liberation Serif and
 * about 0.8 in Word's wider Times: Word sends "data" down, vndoc now not.
 *
 * Pango only stretches: a line that takes a word is laid out again with
 * its spaces narrowed by letter spacing (so the word fits), and Pango's
 * justification then spreads what is left.
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/limits.h"

#include "layout/para.h"

/* At most this share of the word may lie past the margin (see above),
 * in vndoc's widths: Liberation Serif's line is a little wider than Word's
 * Times New Roman, so Word's 38.5 % is 39.8 % here (vn-websec-baocao p14,
 * "độc" stays in Word's PDF); at 41 % vn-pyproject-baocao parts from Word. */
#define WORD_PAST_MARGIN 0.40
/* Spaces narrow to no less than this share of their width. */
#define SPACE_LEAST 0.75
/* LibreOffice's pixels a point (see above). */
#define LO_PIXELS_PT 120.0

/* What a line holds, in Pango units: the width of its glyphs without the
 * space that ends it, its single spaces between words (not in runs of two
 * or more, nor in runs with letter spacing of their own: they are left as
 * they are) and their widths, and the space that ends it. */
typedef struct line_room {
	int used, spaces_w, n_spaces, trail_w;
	int after_tab; /* the byte after the line's last tab: its spaces count from there */
	long used_px;
	bool tab;
} line_room;

/* A width in Pango units in LibreOffice's pixels (see above). */
static long lo_pixels(int w)
{
	return lround(w * LO_PIXELS_PT / PANGO_SCALE);
}

static bool is_space_at(const char *text, int len, int i)
{
	return i >= 0 && i < len && text[i] == ' ';
}

/* The byte ranges of the layout's text that have letter spacing. */
typedef struct spacing {
	int (*r)[2];
	size_t n;
} spacing;

static void spacing_get(PangoLayout *layout, spacing *sp)
{
	PangoAttrList *attrs = pango_layout_get_attributes(layout);
	GSList *all = attrs ? pango_attr_list_get_attributes(attrs) : NULL;
	size_t n = 0;
	sp->n = 0;
	sp->r = NULL;
	for (GSList *a = all; a; a = a->next)
		n += ((PangoAttribute *)a->data)->klass->type == PANGO_ATTR_LETTER_SPACING;
	if (n)
		sp->r = vndoc_xreallocarray(NULL, n, sizeof *sp->r);
	for (GSList *a = all; a; a = a->next) {
		PangoAttribute *at = a->data;
		if (at->klass->type == PANGO_ATTR_LETTER_SPACING && ((PangoAttrInt *)at)->value) {
			sp->r[sp->n][0] = (int)at->start_index;
			sp->r[sp->n++][1] = at->end_index > (guint)INT_MAX ? INT_MAX : (int)at->end_index;
		}
	}
	g_slist_free_full(all, (GDestroyNotify)pango_attribute_destroy);
}

/* Does the glyph at byte `i` have letter spacing of its own? */
static bool spaced(const spacing *sp, int i)
{
	for (size_t k = 0; k < sp->n; k++)
		if (i >= sp->r[k][0] && i < sp->r[k][1])
			return true;
	return false;
}

/* The width of a space in the font of `run`, as shaped, before Pango
 * justified the line (it widens the spaces of a justified line and zeroes
 * the one that ends it); *font and *w remember the last one asked. */
int vndoc_layout__space_width(PangoGlyphItem *run, PangoFont **font, int *w)
{
	PangoGlyphString *g;
	if (run->item->analysis.font == *font)
		return *w;
	g = pango_glyph_string_new();
	pango_shape(" ", 1, &run->item->analysis, g);
	*w = pango_glyph_string_get_width(g);
	*font = run->item->analysis.font;
	pango_glyph_string_free(g);
	return *w;
}

/* *font and *sw: vndoc_layout__space_width's memory, kept by the caller
 * from line to line while the layout stays the same. */
/* The end of line `pl`'s text, without a zero-width space put after its
 * last space (vndoc_layout__hyphen_breaks: a break before a full stop). */
static int line_end(const PangoLayoutLine *pl, const char *text)
{
	int end = pl->start_index + pl->length;
	if (pl->length >= 4 && !memcmp(text + end - 3, VNDOC_LAYOUT__ZWSP, 3) && text[end - 4] == ' ')
		end -= 3;
	return end;
}

static void measure_line(PangoLayoutLine *pl, const char *text, int len, const spacing *sp, PangoFont **font,
			 int *sw, line_room *r)
{
	int end = line_end(pl, text);
	*r = (line_room){ 0 };
	for (GSList *rl = pl->runs; rl; rl = rl->next) {
		PangoGlyphItem *run = rl->data;
		PangoGlyphString *g = run->glyphs;
		for (int i = 0; i < g->num_glyphs; i++) {
			int at = run->item->offset + g->log_clusters[i], w = g->glyphs[i].geometry.width;
			if (text[at] == '\t') {
				/* a tab takes what spaces before it give up */
				r->tab = true;
				r->after_tab = at + 1;
				r->spaces_w = r->n_spaces = 0;
			}
			/* a no-break space at its width unjustified: Pango widens
			 * it as a space (vn-gr2-baocao p30, "NVKD" U+00A0 " chọn
			 * ... khách" and "hàng." one line in Word's PDF: it counted
			 * 4.6 pt wider, the line 6.5 pt too long for its 2.0);
			 * U+00A0 is as wide as the space in Word's fonts */
			if (at + 1 < len && !memcmp(text + at, "\xc2\xa0", 2))
				w = vndoc_layout__space_width(run, font, sw);
			if (text[at] != ' ' || spaced(sp, at)) {
				r->used += w;
				r->used_px += lo_pixels(w);
				continue;
			}
			w = vndoc_layout__space_width(run, font, sw);
			if (at == end - 1) {
				r->trail_w = w;
				continue;
			}
			r->used += w;
			r->used_px += lo_pixels(w);
			if (!is_space_at(text, len, at - 1) && !is_space_at(text, len, at + 1)) {
				r->spaces_w += w;
				r->n_spaces++;
			}
		}
	}
}

/* Word's punctuation that may hang past the right margin (see
 * vndoc_layout__hanging_punct): full stop and comma, and their East Asian
 * forms. */
static bool hangs(const char *s)
{
	return *s == '.' || *s == ',' || !strncmp(s, "\xe3\x80\x81", 3) || !strncmp(s, "\xe3\x80\x82", 3) ||
	       !strncmp(s, "\xef\xbc\x8c", 3) || !strncmp(s, "\xef\xbc\x8e", 3);
}

/* The width of the word that begins line `pl` (up to its first space
 * the line may break after, or the paragraph's end: a last word alone on
 * its line is taken the same, vn-gr2-baocao p16, "QTVHT chọn chức năng
 * quản lý dịch vụ" one line in Word's PDF, its spaces at 96 %), in Pango
 * units; 0 when the line holds no space nor the end to end it there;
 * *px: in LibreOffice's pixels; *hang: the width of its last character
 * when that may hang (hangs()).  A space the line may not break after
 * (before a full stop, UAX #14's LB13) goes with the word, at its own
 * width: vn-mvb-form-vochong p1, "... Tòa án nhân dân .........." is one
 * line in Word's PDF, its spaces at 93 %; Pango sent "dân .........." down
 * whole and only "dân" was measured, which fitted. */
static int first_word(PangoLayoutLine *pl, const char *text, int len, long *px, int *hang)
{
	const PangoLogAttr *attrs;
	PangoFont *font = NULL;
	int w = 0, n_attrs, sw = 0;
	long start = -1, ci;
	*px = 0;
	*hang = 0;
	for (GSList *rl = pl->runs; rl; rl = rl->next) {
		PangoGlyphItem *run = rl->data;
		PangoGlyphString *g = run->glyphs;
		for (int i = 0; i < g->num_glyphs; i++) {
			int at = run->item->offset + g->log_clusters[i], gw = g->glyphs[i].geometry.width;
			if (text[at] == ' ') {
				if (at + 1 >= len || is_space_at(text, len, at + 1))
					return w;
				if (start < 0)
					start = g_utf8_pointer_to_offset(text, text + pl->start_index);
				attrs = pango_layout_get_log_attrs_readonly(pl->layout, &n_attrs);
				ci = start + g_utf8_pointer_to_offset(text + pl->start_index, text + at + 1);
				if (ci >= n_attrs || attrs[ci].is_line_break)
					return w;
				gw = vndoc_layout__space_width(run, &font, &sw);
			}
			if (text[at] == '\t')
				return 0;
			w += gw;
			*px += lo_pixels(gw);
			*hang = hangs(text + at) ? gw : 0;
		}
	}
	return pl->start_index + pl->length >= len ? w : 0;
}

/* Narrows the single spaces of line `pl` from byte `from` on (the line's
 * last tab takes what those before it would give up) by `share` of their
 * width, in a copy of the layout's attributes. */
static void narrow(PangoLayout *layout, PangoLayoutLine *pl, const char *text, int len, const spacing *sp,
		   int from, double share)
{
	PangoAttrList *attrs = pango_attr_list_copy(pango_layout_get_attributes(layout));
	if (!attrs)
		attrs = pango_attr_list_new();
	PangoFont *font = NULL;
	int sw = 0;
	for (GSList *rl = pl->runs; rl; rl = rl->next) {
		PangoGlyphItem *run = rl->data;
		PangoGlyphString *g = run->glyphs;
		for (int i = 0; i < g->num_glyphs; i++) {
			int at = run->item->offset + g->log_clusters[i], w;
			PangoAttribute *a;
			if (at < from || text[at] != ' ' || is_space_at(text, len, at - 1) ||
			    is_space_at(text, len, at + 1) || spaced(sp, at))
				continue;
			w = vndoc_layout__space_width(run, &font, &sw);
			a = pango_attr_letter_spacing_new(-(int)ceil(w * share) - 1);
			a->start_index = (guint)at;
			a->end_index = (guint)at + 1;
			pango_attr_list_change(attrs, a);
		}
	}
	pango_layout_set_attributes(layout, attrs);
	pango_attr_list_unref(attrs);
}

void vndoc_layout__shrink_lines(const vndoc_layout *l, PangoLayout *layout)
{
	const char *text = pango_layout_get_text(layout);
	int len = (int)strlen(text), width = pango_layout_get_width(layout);
	int indent = pango_layout_get_indent(layout), n = 0, sw = 0;
	bool word_rule = vndoc_layout__word(l), justify = pango_layout_get_justify(layout);
	bool hanging = vndoc_layout__hanging_punct(l), twips = !word_rule && vndoc_layout__word_fonts(l);
	PangoFont *font = NULL;
	GSList *ll;
	spacing sp;

	if ((word_rule && !justify && !hanging) || width <= 0)
		return;
	spacing_get(layout, &sp);
	ll = pango_layout_get_lines_readonly(layout);
	for (int k = 0; ll && ll->next && n < VNDOC_LIMIT_LAYOUT_SHRINK; k++, ll = ll->next) {
		PangoLayoutLine *pl = ll->data, *next = ll->next->data;
		int end = line_end(pl, text), room = width, word, over, total, hang;
		long word_px;
		line_room r;

		/* a line that ends at a space, not at a break */
		if (end - pl->start_index < 2 || text[end - 1] != ' ' || text[end - 2] == ' ' || next->is_paragraph_start ||
		    spaced(&sp, end - 1) || (word = first_word(next, text, len, &word_px, &hang)) <= 0)
			continue;
		if (pl->is_paragraph_start && indent >= 0)
			room -= indent;
		else if (!pl->is_paragraph_start && indent < 0)
			room += indent;
		measure_line(pl, text, len, &sp, &font, &sw, &r);
		over = r.used + r.trail_w + word - room;
		total = r.spaces_w + r.trail_w;
		if (!r.n_spaces || over <= 0 || over > (1 - SPACE_LEAST) * total)
			continue;
		if (twips && over * 20 * 2 < PANGO_SCALE)
			; /* Word's line, in whole twips, fits (see above) */
		else if (r.tab && !word_rule)
			continue;
		else if (!(hanging && over <= hang) &&
		    (word_rule ? !justify || over > WORD_PAST_MARGIN * word
			       : r.used_px + lo_pixels(r.trail_w) + word_px > lo_pixels(room)))
			continue;
		narrow(layout, pl, text, len, &sp, r.after_tab, (double)over / total);
		free(sp.r);
		spacing_get(layout, &sp);
		/* laid out again: its lines are new */
		font = NULL;
		n++;
		if (!(ll = g_slist_nth(pango_layout_get_lines_readonly(layout), (guint)k)))
			break;
	}
	free(sp.r);
}
