/*
 * layout/line.c: one line Pango made: its height under the line-spacing
 * rule (as LibreOffice measures it), its text, pictures, footnotes, tab
 * leaders and the decorations Pango cannot draw.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb-ot.h>

#include "core/alloc.h"
#include "layout/para.h"


/* The extent a picture run asks for, or false for a text run. */
static bool run_shape(const PangoGlyphItem *run, PangoRectangle *logical)
{
	for (GSList *a = run->item->analysis.extra_attrs; a; a = a->next) {
		const PangoAttribute *attr = a->data;
		if (attr->klass->type == PANGO_ATTR_SHAPE) {
			*logical = ((const PangoAttrShape *)attr)->logical_rect;
			return true;
		}
	}
	return false;
}

/* Is run `run` moved by w:position (a rise attribute that is not a
 * super- or subscript's)? */
static bool run_rise(const PangoGlyphItem *run, const vndoc_layout__span *spans, size_t n_spans)
{
	size_t n;
	const vndoc_layout__span *s = vndoc_layout__spans_at(spans, n_spans, run->item->offset, &n);
	if (n && s->rpr && s->start <= run->item->offset && !s->rpr->position)
		return false;
	for (GSList *a = run->item->analysis.extra_attrs; a; a = a->next)
		if (((PangoAttribute *)a->data)->klass->type == PANGO_ATTR_RISE)
			return true;
	return false;
}

/* The family run `run` asked for (before fontconfig's substitutes). */
static const char *run_family(const PangoGlyphItem *run, const vndoc_layout__span *spans, size_t n_spans)
{
	size_t n;
	const vndoc_layout__span *s = vndoc_layout__spans_at(spans, n_spans, run->item->offset, &n);
	return n && s->rpr && s->start <= run->item->offset ? vndoc_layout__family(s->rpr) : NULL;
}

/* Is run `run` a list's number or bullet (or the tab after it)? */
static bool run_label(const PangoGlyphItem *run, const vndoc_layout__span *spans, size_t n_spans)
{
	size_t n;
	const vndoc_layout__span *s = vndoc_layout__spans_at(spans, n_spans, run->item->offset, &n);
	return n && s->rpr && s->start <= run->item->offset && s->rpr->label;
}

/* How much larger than run `run`'s font its text's own size is, when the
 * run is a superscript or a subscript (w:vertAlign); 1 for any other run.
 * LibreOffice gives such a run the height and ascent of its font at the
 * text's size, not at the smaller size it is drawn in (SwSubFont::
 * CalcEscAscent and CalcEscHeight with an automatic escapement: the
 * original font's), so a line of superscript alone is as tall as one of
 * plain text: 14.9 pt for 13 pt Times, where vndoc had 8.7 (vn-nd30-2020
 * page 1, vn-nd30-pl3 pages 3 and 4, vn-nd30-pl5: the rule "_______" under
 * a title, set as a superscript).  On a line of plain text too: a
 * footnote mark in a taller font raises its line (poi-stress008: a
 * Calibri mark among Times, 0.4 pt a line, as in LibreOffice's PDF). */
static double escapement_scale(const PangoGlyphItem *run, const vndoc_layout__span *spans, size_t n_spans)
{
	size_t n;
	const vndoc_layout__span *s = vndoc_layout__spans_at(spans, n_spans, run->item->offset, &n);
	PangoFontDescription *d;
	double drawn;
	if (!n || !s->rpr || s->start > run->item->offset || s->rpr->vert_align == VNDOC_DOCX_VALIGN_BASELINE ||
	    s->rpr->position || s->rpr->size <= 0)
		return 1;
	d = pango_font_describe(run->item->analysis.font);
	drawn = pango_font_description_get_size(d);
	pango_font_description_free(d);
	return drawn > 0 ? s->rpr->size * PANGO_SCALE / 2.0 / drawn : 1;
}

/* Is run `run` blanks alone: spaces (LibreOffice's lcl_HasOnlyBlanks: U+0020,
 * U+2002, U+2003, U+2005, U+3000), tabs and the zero-width spaces put after
 * them? */
static bool blanks_alone(const PangoLayoutLine *line, const PangoGlyphItem *run)
{
	const char *t = pango_layout_get_text(line->layout) + run->item->offset, *end = t + run->item->length;
	if (t == end)
		return false;
	for (; t < end; t = g_utf8_next_char(t)) {
		gunichar c = g_utf8_get_char(t);
		if (c != ' ' && c != '\t' && c != 0x200B && c != 0x2002 && c != 0x2003 && c != 0x2005 && c != 0x3000)
			return false;
	}
	return true;
}

/* Is run `run` of `line` blanks alone (blanks_alone), in a document
 * another application (LibreOffice) wrote?  LibreOffice 7.4 gives a line of
 * blanks alone the paragraph's own font, its style's (line_metrics): vn-nd30-
 * pl3 p17, dotted lines of a 12 pt tab in a 13 pt style are 15 pt; soffice:
 * a line of one 20 pt space in a 10 pt paragraph is 11.5 pt.  Word was not
 * checked: only in a document another application wrote, as its author saw
 * it there. */
static bool tabs_alone(const vndoc_layout *l, const PangoLayoutLine *line, const PangoGlyphItem *run)
{
	return l->doc && l->doc->other_app && blanks_alone(line, run);
}

/* Word's ascent of `font`, given vndoc's `a` (the font's ascent with its
 * line gap above it): Word sets a font's OS/2 winAscent above the
 * baseline, and above that what its line (hhea ascender, descender and
 * gap) holds more than winAscent + winDescent.  The line is the same
 * height; only a Symbol bullet's ascent, which raises it, is measured
 * against this.  Times New Roman (Liberation Serif: 1825 + 443 of 2048,
 * gap 87) has all its gap above, as here: vn-websec-baocao p17, a bullet
 * line 0.96 pt taller at 13 pt, (1.005 - 0.934) em.  Calibri (Carlito:
 * 1536 + 512, gap 452; winAscent 1950, winDescent 550) splits it:
 * ru-tritpo-usecase, 11 pt at 259/240, a bullet line 15.12 pt where the
 * others are 14.52, (1.005 - 0.952) em more, not (1.005 - 0.971). */
static double word_ascent(PangoFont *font, double a)
{
	hb_font_t *hb = pango_font_get_hb_font(font);
	hb_position_t asc, desc, gap, win_a, win_d;
	double total, win, above;
	if (!hb || !hb_ot_metrics_get_position(hb, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &asc) ||
	    !hb_ot_metrics_get_position(hb, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &desc) ||
	    !hb_ot_metrics_get_position(hb, HB_OT_METRICS_TAG_HORIZONTAL_LINE_GAP, &gap) ||
	    !hb_ot_metrics_get_position(hb, HB_OT_METRICS_TAG_HORIZONTAL_CLIPPING_ASCENT, &win_a) ||
	    !hb_ot_metrics_get_position(hb, HB_OT_METRICS_TAG_HORIZONTAL_CLIPPING_DESCENT, &win_d) ||
	    asc + (gap > 0 ? gap : 0) <= 0 || win_a <= 0)
		return a;
	total = (double)asc + fabs((double)desc) + (gap > 0 ? gap : 0);
	win = (double)win_a + fabs((double)win_d);
	above = win_a + (total > win ? total - win : 0);
	return a * above / (asc + (gap > 0 ? gap : 0));
}

/* Does the line hold anything but blanks (blanks_alone)? */
static bool not_blank(const PangoLayoutLine *line)
{
	for (GSList *rl = line->runs; rl; rl = rl->next) {
		PangoGlyphItem *run = rl->data;
		if (run->item->length > 0 && !blanks_alone(line, run))
			return true;
	}
	return false;
}

/* Ascent, descent and line gap of the tallest font on the line (LibreOffice
 * adds the gap, "external leading", above the ascent for Word documents).
 * Runs of blanks alone (blanks_alone) leave the height of a line that holds
 * anything else as it is (LibreOffice 7.4 for Word's documents, SwLineLayout::
 * CalcLine with IgnoreTabsAndBlanksForLineCalculation): poi-stress016 p1, a
 * paragraph that begins with a 12 pt space before its 10 pt Calibri text has
 * a first line of 12.2 pt there, 14.65 in vndoc, and from it every line of
 * the page stood 2.5 pt lower; soffice on a document of our own: a 20 pt
 * space, three of them or a 20 pt tab among 10 pt text leave its line at
 * 11.5 pt; vn-nd30-pl4 p4, a 20 pt dot leader among 12 pt text: the "50 mm"
 * paragraph's line is 13.8 pt, not 16.1.  Not the blanks that end a line:
 * Word counts them (en-telco-usermanual p5, Word's PDF: a Consolas cell line
 * "models/aspect_degradation.csv" and a Calibri space after it is 13.2 pt
 * high, the space's).  A line of blanks alone keeps their height, or takes the
 * paragraph's own font (tabs_alone). */
void vndoc_layout__line_metrics(const vndoc_layout *l, PangoLayoutLine *line, const vndoc_layout__span *spans,
				size_t n_spans, const PangoFontDescription *mark, const PangoFontDescription *para,
				double *asc, double *desc,
				double *gap, double *text_asc)
{
	double picture = 0, max_gap = 0, symbol = 0, word_asc = 0, label_desc = 0;
	bool text = false, tabs = false, blanks_count = !not_blank(line);
	*asc = *desc = *gap = 0;
	for (GSList *rl = line->runs; rl; rl = rl->next) {
		PangoGlyphItem *run = rl->data;
		PangoFontMetrics *m;
		PangoRectangle shape;
		PangoFont *font, *primary;
		double a, d, h, esc, lower;
		bool unstretched = false, substituted = false;
		if (run_shape(run, &shape)) {
			/* A picture raises the line; the text's metrics still count. */
			if (PT(-shape.y) > picture)
				picture = PT(-shape.y);
		} else {
			text = true;
		}
		if (!(font = run->item->analysis.font))
			continue;
		if (!blanks_count && blanks_alone(line, run) &&
		    run->item->offset + run->item->length < line->start_index + line->length)
			continue;
		if (tabs_alone(l, line, run)) {
			tabs = true;
			continue;
		}
		/* A companion font's letters (Noto Serif's in Cambria text) keep
		 * the line of the font asked for, as in LibreOffice. */
		primary = vndoc_layout__companion_primary(l->ctx, font, run_family(run, spans, n_spans));
		/* A glyph-fallback font's letters keep the line of the font
		 * drawing their script's plain letters. */
		if (!primary)
			primary = vndoc_layout__script_font(l->ctx, run, run_family(run, spans, n_spans));
		if (primary)
			font = primary;
		m = pango_font_get_metrics(font, NULL);
		a = PT(pango_font_metrics_get_ascent(m));
		d = PT(pango_font_metrics_get_descent(m));
		h = PT(pango_font_metrics_get_height(m));
		pango_font_metrics_unref(m);
		esc = escapement_scale(run, spans, n_spans);
		a *= esc;
		d *= esc;
		h *= esc;
		/* Word's own font's line where a free one stands for it. */
		if (vndoc_layout__word_fonts(l) &&
		    vndoc_layout__substitute_metrics(font, run_family(run, spans, n_spans), &a, &d, &h)) {
			unstretched = vndoc_layout__substitute_find(run_family(run, spans, n_spans))->unstretched;
			substituted = true;
		}
		/* Each font's line gap goes with its own ascent: the line's top
		 * is the highest gap + ascent of its fonts (LibreOffice), not the
		 * largest gap over the largest ascent of two different fonts. */
		if (h - a - d > 0) {
			if (h - a - d > max_gap)
				max_gap = h - a - d;
			a += h - a - d;
		}
		/* what Word has less above the baseline than vndoc (word_ascent) */
		lower = unstretched || substituted || !vndoc_layout__word_fonts(l) ? 0 : a - word_ascent(font, a);
		if (primary)
			g_object_unref(primary);
		/* A raised run (w:position) makes the line taller above, a
		 * lowered one below (SwSubFont::CalcEscAscent, CalcEscHeight).
		 * Superscripts and subscripts keep theirs to the font's. */
		if (run->y_offset && run_rise(run, spans, n_spans)) {
			if (run->y_offset > 0)
				a += PT(run->y_offset);
			else
				d -= PT(run->y_offset);
		}
		/* Word: a Symbol bullet's ascent raises the line, but a
		 * proportional spacing stretches the text's height alone
		 * (vn-websec-baocao p17, Times New Roman 13 pt at 1.5: a bullet
		 * line 0.99 pt taller than the others in Word's PDF, 1.44 when
		 * stretched too), as a picture's (below). */
		if (unstretched && a > symbol)
			symbol = a;
		else if (!unstretched && a > *asc)
			*asc = a;
		if (!unstretched && a - lower > word_asc)
			word_asc = a - lower;
		/* Word: a list's number or bullet does not deepen the line
		 * (d4j-gettingstarted p5, Calibri 11 pt items at 1.15 behind a
		 * Courier New "o": 15.42 pt apart in Word's PDF, as the others,
		 * not 16.1 for Liberation Mono's 0.300 em descent). */
		if (vndoc_layout__word_fonts(l) && run_label(run, spans, n_spans)) {
			if (d > label_desc)
				label_desc = d;
		} else if (d > *desc) {
			*desc = d;
		}
	}
	if (*desc == 0)
		*desc = label_desc;
	if (symbol > 0 && *asc == 0)
		*asc = word_asc = symbol;
	*text_asc = *asc;
	/* raised by what it has above Word's ascent of the text (word_ascent) */
	if (symbol > word_asc)
		*asc += symbol - word_asc;
	/* Pictures alone on their line and taller than its font: the line is
	 * as tall as they are, the font's descent and gap left out;
	 * proportional spacing still adds its share of the text's height
	 * (LibreOffice: a 40 pt picture alone in an 11 pt paragraph makes a
	 * 40 pt line single, 46.3 at 1.5; vn-kl-tuan4's 85.5 pt picture at
	 * 1.5 then still fits page 2).  A thinner one (a rule) leaves the
	 * line as its font makes it (test_shapes). */
	if (picture > 0 && !text && picture > *asc + *desc) {
		*text_asc += *desc;
		*asc = picture;
		*desc = 0;
		return;
	}
	/* Over a picture, the gap of the line's fonts. */
	if (picture > 0 && picture + max_gap > *asc)
		*asc = picture + max_gap;
	if (*asc == 0 && *desc == 0) {
		/* An empty line: the paragraph mark's font; a line of blanks
		 * alone: the paragraph's own, its style's (tabs_alone). */
		const PangoFontDescription *fd = tabs && para ? para : mark;
		PangoFont *f = pango_context_load_font(l->ctx, fd);
		if (f) {
			PangoFontMetrics *m = pango_font_get_metrics(f, NULL);
			double h;
			*asc = PT(pango_font_metrics_get_ascent(m));
			*desc = PT(pango_font_metrics_get_descent(m));
			h = PT(pango_font_metrics_get_height(m));
			if (vndoc_layout__word_fonts(l))
				vndoc_layout__substitute_metrics(f, pango_font_description_get_family(fd), asc, desc,
								 &h);
			*gap = h - *asc - *desc;
			if (*gap < 0)
				*gap = 0;
			*text_asc = *asc + *gap;
			pango_font_metrics_unref(m);
			g_object_unref(f);
		}
	}
}

/* `text_asc`: the ascent of the line's text alone (without pictures), its
 * line gap included; `word`: a document Word wrote (vndoc_layout__word_fonts). */
void vndoc_layout__apply_line_rule(const vndoc_docx_ppr *ppr, double asc, double desc, double gap,
			    double text_asc, bool word, double *h, double *base, double *hang)
{
	double natural = gap + asc + desc, top = gap + asc;
	*hang = 0;
	switch (ppr->line_rule) {
	case VNDOC_DOCX_LINE_EXACT:
		/* LibreOffice: the ascent becomes 80% of a fixed line height. */
		*h = TW(ppr->line);
		*base = *h * 0.8;
		return;
	case VNDOC_DOCX_LINE_AT_LEAST:
		*h = TW(lround(natural * 20.0) > ppr->line ? lround(natural * 20.0) : ppr->line);
		break;
	default: {
		long line = ppr->line > 0 ? ppr->line : 240;
		long tw, text, extra;
		/* Word does not count a single or proportional line in
		 * twips: its lines are the natural height and the
		 * proportion's extra of the text's height as they are
		 * (Word's PDFs: Times New Roman 11 pt at 1.15 14.546 pt
		 * apart, LibreOffice's 14.50; Calibri 11 pt single 13.428,
		 * LibreOffice's 13.45; the page breaks Word recorded in
		 * documents it saved, w:lastRenderedPageBreak, fall where
		 * these heights put them).  Lines under single as below. */
		if (word && line >= 240) {
			double x = (text_asc + desc) * (double)(line - 240) / 240.0;
			*h = natural + x;
			*base = top;
			*hang = x;
			return;
		}
		/* LibreOffice counts in twips: the natural height rounded to
		 * one, and the proportion's extra (or missing) height, rounded
		 * down, of the text's height alone: a picture in the line is
		 * not stretched (SwTextFormatter::CalcRealHeight).  An 11 pt
		 * Times line at 1.15 is 14.50 pt there, not 14.547 (measured
		 * with soffice). */
		tw = lround(natural * 20.0);
		text = lround((text_asc + desc) * 20.0);
		extra = (long)floor((double)text * (double)(line - 240) / 240.0);
		*h = TW(tw + extra);
		/* Proportional spacing above single (115 %, 1.5, double): the
		 * extra height goes below the text (measured with soffice),
		 * and on a page's last line it may hang past the bottom
		 * margin: LibreOffice puts 8 lines of 16.8 pt (Carlito 12 at
		 * 1.15, 2.15 pt of extra) in a body 2.1 pt shorter than
		 * 134.4 pt, not 2.3; at 1.5 (7.3 pt) 7.2 but not 7.4.  Word
		 * too: dxp-case4 of corpus/word keeps a heading and two lines
		 * ending 0.2 pt below the margin on page 1. */
		if (*h > natural) {
			*base = top;
			*hang = TW(extra);
			return;
		}
		break;
	}
	}
	/* "At least": extra height goes above the text; a proportional line
	 * smaller than single loses it above (SwTextIter::CalcAscentAndHeight). */
	*base = top + (*h - natural);
}

/* Whether the character before byte `i` of `s` is a quotation mark. */
static bool after_quote(const char *s, int i)
{
	int b = i - 1;
	while (b > 0 && ((unsigned char)s[b] & 0xc0) == 0x80)
		b--;
	return g_unichar_break_type(g_utf8_get_char(s + b)) == G_UNICODE_BREAK_QUOTATION;
}

/* `len` bytes of `s` without the zero-width spaces put after tabs,
 * hyphens, backslashes, quotation marks and spaces before a full stop (vndoc_layout__tab_breaks,
 * _hyphen_breaks). */
static char *without_tab_breaks(const char *s, int len)
{
	GString *out = g_string_sized_new((gsize)len);
	for (int i = 0; i < len; i++) {
		if (i > 0 && i + 3 <= len && !memcmp(s + i, VNDOC_LAYOUT__ZWSP, 3) &&
		    (s[i - 1] == '\t' || s[i - 1] == '-' || s[i - 1] == '\\' || after_quote(s, i) ||
		     (s[i - 1] == ' ' && (i + 3 == len || s[i + 3] == '.')))) {
			i += 2;
			continue;
		}
		g_string_append_c(out, s[i]);
	}
	return g_string_free(out, FALSE);
}

char *vndoc_layout__line_text(const char *text, const PangoLayoutLine *line)
{
	int len = line->length;
	/* Drop the line separator a manual break leaves at the end. */
	while (len >= 3 && !memcmp(text + line->start_index + len - 3, "\xe2\x80\xa8", 3))
		len -= 3;
	while (len > 0 && text[line->start_index + len - 1] == '\n')
		len--;
	/* The empty line after a final line break (measure_segment). */
	if (len == 3 && !memcmp(text + line->start_index, VNDOC_LAYOUT__ZWSP, 3) &&
	    !text[line->start_index + 3])
		len = 0;
	return without_tab_breaks(text + line->start_index, len);
}

/* A line's glyphs, one at a time: each with its byte index and whether
 * Pango may widen it (an expandable space); a glyph of no width is left
 * out of the spaces (the one zeroed at the line's end). */
typedef void (*glyph_fn)(PangoGlyphItem *run, PangoGlyphInfo *gi, int at, bool space, void *data);

static void each_glyph(PangoLayoutLine *pl, const char *text, const PangoLogAttr *attrs, int n_attrs, glyph_fn fn,
		       void *data)
{
	for (GSList *rl = pl->runs; rl; rl = rl->next) {
		PangoGlyphItem *run = rl->data;
		PangoGlyphString *g = run->glyphs;
		const char *item = text + run->item->offset;
		long first = g_utf8_pointer_to_offset(text, item);
		for (int i = 0; i < g->num_glyphs; i++) {
			long ch = first + g_utf8_pointer_to_offset(item, item + g->log_clusters[i]);
			fn(run, &g->glyphs[i], run->item->offset + g->log_clusters[i],
			   g->glyphs[i].geometry.width > 0 && ch < n_attrs && attrs[ch].is_expandable_space, data);
		}
	}
}

/* Room `extra` spread over spaces `total` wide, in proportion to their
 * widths as Pango does: `sofar` and `added` count what was given. */
typedef struct spread {
	int total, extra, sofar, added;
} spread;

static void spread_to(PangoGlyphInfo *gi, spread *s)
{
	int add;
	s->sofar += gi->geometry.width;
	add = (int)((gint64)s->sofar * s->extra / s->total) - s->added;
	gi->geometry.width += add;
	s->added += add;
}

/* justify_hanging's walk: pass 0 measures, pass 1 spreads. */
typedef struct hanging {
	int pass, used;
	spread s;
} hanging;

static void hanging_glyph(PangoGlyphItem *run, PangoGlyphInfo *gi, int at, bool space, void *data)
{
	hanging *h = data;
	(void)run;
	(void)at;
	if (h->pass == 0) {
		h->used += gi->geometry.width;
		if (space)
			h->s.total += gi->geometry.width;
	} else if (space) {
		spread_to(gi, &h->s);
	}
}

/*
 * Justified lines that end in two or more spaces: the spaces hang past
 * the margin (vndoc_layout__hang_spaces) and the words still fill the
 * line (LibreOffice).  Pango justifies such a line with the room left
 * after the spaces, none or little: the rest goes to its spaces here, in
 * proportion to their widths as Pango does.  Not the layout's last line,
 * which is not justified.  A line asked for with pango_layout_get_line
 * measures its glyphs again (Pango keeps no extents for it).
 */
void vndoc_layout__justify_hanging(PangoLayout *layout)
{
	const char *text = pango_layout_get_text(layout);
	const PangoLogAttr *attrs;
	int n_attrs, index = -1, width = pango_layout_get_width(layout), indent = pango_layout_get_indent(layout);

	if (!pango_layout_get_justify(layout) || width < 0)
		return;
	attrs = pango_layout_get_log_attrs_readonly(layout, &n_attrs);
	for (GSList *ll = pango_layout_get_lines_readonly(layout); ll && ll->next; ll = ll->next) {
		PangoLayoutLine *pl = ll->data;
		int end = pl->start_index + pl->length, room = width;
		hanging h = { 0 };
		index++;
		if (pl->length < 2 || text[end - 1] != ' ' || text[end - 2] != ' ')
			continue;
		pl = pango_layout_get_line(layout, index);
		if (pl->is_paragraph_start && indent >= 0)
			room -= indent;
		else if (!pl->is_paragraph_start && indent < 0)
			room += indent;
		each_glyph(pl, text, attrs, n_attrs, hanging_glyph, &h);
		if (h.used >= room || h.s.total == 0)
			continue;
		h.s.extra = room - h.used;
		h.pass = 1;
		each_glyph(pl, text, attrs, n_attrs, hanging_glyph, &h);
	}
}

/* The byte index of line `pl`'s last tab, or -1. */
static int last_tab(const PangoLayoutLine *pl, const char *text)
{
	for (int i = pl->start_index + pl->length - 1; i >= pl->start_index; i--)
		if (text[i] == '\t')
			return i;
	return -1;
}

/* justify_after_tab's walk: pass 0 measures what Pango gave the spaces
 * before the tab and the spaces after it, pass 1 takes the one and gives
 * it to the other. */
typedef struct after_tab {
	int pass, tab, sw;
	PangoFont *font;
	spread s;
} after_tab;

static void after_tab_glyph(PangoGlyphItem *run, PangoGlyphInfo *gi, int at, bool space, void *data)
{
	after_tab *t = data;
	if (!space)
		return;
	if (at < t->tab) {
		int natural = vndoc_layout__space_width(run, &t->font, &t->sw);
		if (gi->geometry.width <= natural)
			return;
		if (t->pass == 0)
			t->s.extra += gi->geometry.width - natural;
		else
			gi->geometry.width = natural;
	} else if (t->pass == 0) {
		t->s.total += gi->geometry.width;
	} else {
		spread_to(gi, &t->s);
	}
}

/*
 * Justified lines holding a tab: LibreOffice 7.4 widens only the spaces
 * after the line's last tab; those before it keep their width, so the
 * text after the tab starts at its stop (soffice: "tt uu vv ww" TAB "xx
 * yy ..." justified, the spaces before the tab 2.5 pt, "xx" at the stop;
 * poi-stress010 p36, "56 -" TAB text).  Pango widened every space of the
 * line: what it gave those before the last tab goes to those after it,
 * in proportion to their widths as Pango does; to none if there are none
 * (poi-stress011's footnotes, "(4)" TAB text TAB and a link on the next
 * line: LibreOffice leaves the text's spaces as they are).
 */
void vndoc_layout__justify_after_tab(PangoLayout *layout)
{
	const char *text = pango_layout_get_text(layout);
	const PangoLogAttr *attrs;
	int n_attrs, index = -1;

	if (!pango_layout_get_justify(layout) || pango_layout_get_width(layout) < 0)
		return;
	attrs = pango_layout_get_log_attrs_readonly(layout, &n_attrs);
	for (GSList *ll = pango_layout_get_lines_readonly(layout); ll && ll->next; ll = ll->next) {
		PangoLayoutLine *pl = ll->data;
		after_tab t = { .tab = last_tab(pl, text) };
		index++;
		if (t.tab < 0)
			continue;
		pl = pango_layout_get_line(layout, index);
		each_glyph(pl, text, attrs, n_attrs, after_tab_glyph, &t);
		if (t.s.extra == 0)
			continue; /* with no space after the tab, pass 1 gives nothing */
		t.pass = 1;
		each_glyph(pl, text, attrs, n_attrs, after_tab_glyph, &t);
	}
}

/* Does line `pl` hold no space (one zeroed at its end aside) and no tab? */
static bool no_spaces(const PangoLayoutLine *pl, const char *text)
{
	for (GSList *rl = pl->runs; rl; rl = rl->next) {
		const PangoGlyphItem *run = rl->data;
		for (int i = 0; i < run->glyphs->num_glyphs; i++) {
			const char *c = text + run->item->offset + run->glyphs->log_clusters[i];
			if (*c == '\t' || (run->glyphs->glyphs[i].geometry.width > 0 &&
					   g_unichar_type(g_utf8_get_char(c)) == G_UNICODE_SPACE_SEPARATOR))
				return false;
		}
	}
	return true;
}

/*
 * Justified lines without a space: Pango 1.50 spreads what the line lacks
 * between its letters (justify_clusters); LibreOffice widens spaces alone
 * and leaves such a line as it is, on the left (soffice: "aaaa" alone on a
 * justified line, a word cut at the margin; poi-bug59058 p31, a formula
 * written out as text).  Such a line gets the glyphs of its text laid out
 * alone again; the layout's last line is not justified.
 */
void vndoc_layout__unjustify_words(PangoLayout *layout)
{
	const char *text = pango_layout_get_text(layout);
	int index = -1;

	if (!pango_layout_get_justify(layout) || pango_layout_get_width(layout) < 0)
		return;
	for (GSList *ll = pango_layout_get_lines_readonly(layout); ll && ll->next; ll = ll->next) {
		PangoLayoutLine *pl = ll->data, *tl;
		PangoLayout *tmp;
		PangoAttrList *a;
		GSList *rl, *tr;
		index++;
		if (pl->length < 2 || !pl->runs || !no_spaces(pl, text))
			continue;
		tmp = pango_layout_new(pango_layout_get_context(layout));
		pango_layout_set_text(tmp, text + pl->start_index, pl->length);
		a = pango_attr_list_copy(pango_layout_get_attributes(layout));
		if (a) {
			pango_attr_list_update(a, 0, pl->start_index, 0);
			pango_layout_set_attributes(tmp, a);
			pango_attr_list_unref(a);
		}
		pango_layout_set_font_description(tmp, pango_layout_get_font_description(layout));
		pl = pango_layout_get_line(layout, index);
		tl = pango_layout_get_line_readonly(tmp, 0);
		/* the same runs, glyph for glyph, or the line as it is */
		for (rl = pl->runs, tr = tl->runs; rl && tr; rl = rl->next, tr = tr->next)
			if (((PangoGlyphItem *)rl->data)->glyphs->num_glyphs !=
			    ((PangoGlyphItem *)tr->data)->glyphs->num_glyphs)
				break;
		if (!rl && !tr && pango_layout_get_line_count(tmp) == 1)
			for (rl = pl->runs, tr = tl->runs; rl; rl = rl->next, tr = tr->next) {
				PangoGlyphString *g = ((PangoGlyphItem *)rl->data)->glyphs;
				PangoGlyphString *n = ((PangoGlyphItem *)tr->data)->glyphs;
				for (int i = 0; i < g->num_glyphs; i++) {
					if (g->glyphs[i].geometry.width == 0)
						continue; /* a space zeroed at the line's end */
					g->glyphs[i].geometry.width = n->glyphs[i].geometry.width;
					g->glyphs[i].geometry.x_offset = n->glyphs[i].geometry.x_offset;
				}
			}
		g_object_unref(tmp);
	}
}

/* The pictures of line `pl`, from the spans of IMAGE inlines. */
void vndoc_layout__line_images(const vndoc_layout *l, const vndoc_layout__span *spans, size_t n_spans, PangoLayoutLine *pl,
			vndoc_layout__line *ln)
{
	for (size_t i = 0; i < n_spans; i++) {
		const vndoc_docx_inline *in = spans[i].in;
		int xpos;
		int xend;
		if (in->kind != VNDOC_DOCX_INLINE_IMAGE || (!in->drawing && in->image >= l->n_images))
			continue;
		if (spans[i].start < pl->start_index || spans[i].start >= pl->start_index + pl->length)
			continue;
		pango_layout_line_index_to_x(pl, spans[i].start, FALSE, &xpos);
		pango_layout_line_index_to_x(pl, spans[i].start, TRUE, &xend);
		ln->imgs = vndoc_xreallocarray(ln->imgs, ln->n_imgs + 1, sizeof *ln->imgs);
		ln->imgs[ln->n_imgs].image = in->drawing ? NULL : &l->images[in->image];
		ln->imgs[ln->n_imgs].drawing = in->drawing;
		ln->imgs[ln->n_imgs].dx = PT(xpos);
		/* a rule as wide as its column took the width Pango gave it */
		ln->imgs[ln->n_imgs].w = in->drawing && in->drawing->rel_w > 0 ? PT(xend - xpos) : in->image_w;
		ln->imgs[ln->n_imgs].h = in->image_h;
		ln->n_imgs++;
	}
}

/* The footnotes line `pl` refers to, from the spans of NOTE_REF inlines. */
void vndoc_layout__line_notes(const vndoc_layout__span *spans, size_t n_spans, PangoLayoutLine *pl, vndoc_layout__line *ln)
{
	for (size_t i = 0; i < n_spans; i++) {
		const vndoc_docx_inline *in = spans[i].in;
		if (in->kind != VNDOC_DOCX_INLINE_NOTE_REF || in->note < 0)
			continue;
		if (spans[i].start < pl->start_index || spans[i].start >= pl->start_index + pl->length)
			continue;
		ln->notes = vndoc_xreallocarray(ln->notes, ln->n_notes + 1, sizeof *ln->notes);
		ln->notes[ln->n_notes++] = in;
	}
}

/* A layout of `text` in the font of `rpr`. */
static PangoLayout *text_layout(vndoc_layout *l, const vndoc_docx_rpr *rpr, const char *text)
{
	PangoLayout *layout = pango_layout_new(l->ctx);
	PangoAttrList *attrs = pango_attr_list_new();
	int len = (int)strlen(text);
	pango_layout_set_text(layout, text, len);
	vndoc_layout__add_run_attrs(l, attrs, rpr, 0, len);
	pango_layout_set_attributes(layout, attrs);
	pango_attr_list_unref(attrs);
	return layout;
}

/* A layout of `n` leader characters in the font of `rpr`, `extra` points
 * added between them. */
static PangoLayout *leader_layout(vndoc_layout *l, const vndoc_docx_rpr *rpr, const char *ch, int n, double extra)
{
	GString *text = g_string_new(NULL);
	PangoLayout *layout;
	for (int i = 0; i < n; i++)
		g_string_append(text, ch);
	layout = text_layout(l, rpr, text->str);
	if (extra != 0) {
		PangoAttrList *attrs = pango_attr_list_copy(pango_layout_get_attributes(layout));
		pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(PU(extra)));
		pango_layout_set_attributes(layout, attrs);
		pango_attr_list_unref(attrs);
	}
	g_string_free(text, TRUE);
	return layout;
}

/* A fill's advance as Word sets its leaders: the font's advance `w` (at
 * `size` points) in whole pixels of a 600 dpi device at a whole pixel
 * size (Word's PDFs: Times New Roman's dot 3.0 pt at 12 pt, 3.24 at 13
 * pt in vn-pyproject-baocao, 2.76 at 11 pt in vn-iotweather-baocao, where
 * the font's own are 3.0, 3.25 and 2.75). */
#define WORD_LEADER_DPI 600.0
static double word_fill_advance(double w, double size)
{
	double ppem = round(size * WORD_LEADER_DPI / 72.0);
	return size > 0 ? round(w / size * ppem) * 72.0 / WORD_LEADER_DPI : w;
}

/* A Pango layout whose lines the segment's lines borrow: the segment holds
 * a reference (dropped by vndoc_layout__segs_free), and so does the layout
 * unless it streams its pages (then each page holds its own). */
void vndoc_layout__keep_layout(vndoc_layout *l, vndoc_layout__seg *seg, PangoLayout *pl)
{
	if (!seg->refs)
		seg->refs = g_ptr_array_new_with_free_func(g_object_unref);
	g_ptr_array_add(seg->refs, g_object_ref(pl));
	if (!l->stream)
		g_ptr_array_add(l->pango, g_object_ref(pl));
}

/* A line's text lives as long as the Pango layout it comes from. */
void vndoc_layout__keep_text(PangoLayout *pl, char *text)
{
	GPtrArray *texts = g_object_get_data(G_OBJECT(pl), "vndoc-texts");
	if (!texts) {
		texts = g_ptr_array_new_with_free_func(g_free);
		g_object_set_data_full(G_OBJECT(pl), "vndoc-texts", texts,
				       (GDestroyNotify)g_ptr_array_unref);
	}
	g_ptr_array_add(texts, text);
}

/* Leaders of the tabs of line `pl` whose stop asks for one: as many fill
 * characters as fit in the room the tab takes, ending where it ends. */
void vndoc_layout__line_leaders(vndoc_layout *l, vndoc_layout__seg *seg, const vndoc_docx_ppr *ppr,
			 const char *text, const vndoc_layout__span *spans, size_t n_spans, double origin,
			 double line_x, PangoLayoutLine *pl, vndoc_layout__line *ln)
{
	static const char *const fill[] = { "", ".", "-", "_", "\xc2\xb7" };
	for (int i = pl->start_index; i < pl->start_index + pl->length; i++) {
		const vndoc_docx_rpr *rpr = NULL;
		vndoc_docx_tab_leader leader;
		PangoLayout *one, *dots;
		PangoRectangle r;
		vndoc_layout__leader *ld;
		int x0, x1, n;
		double w1, pitch = 0;

		if (text[i] != '\t')
			continue;
		pango_layout_line_index_to_x(pl, i, FALSE, &x0);
		pango_layout_line_index_to_x(pl, i, TRUE, &x1);
		leader = vndoc_layout__tab_leader(ppr, origin, line_x + PT(x0));
		if (leader == VNDOC_DOCX_LEADER_NONE || x1 <= x0)
			continue;
		for (size_t k = 0; k < n_spans; k++)
			if (i >= spans[k].start && i < spans[k].end)
				rpr = spans[k].rpr;
		if (!rpr)
			continue;
		one = leader_layout(l, rpr, fill[leader], 1, 0);
		pango_layout_get_extents(one, NULL, &r);
		g_object_unref(one);
		w1 = PT(r.width);
		if (vndoc_layout__word(l))
			pitch = word_fill_advance(w1, rpr->size / 2.0);
		n = w1 > 0 ? (int)floor(PT(x1 - x0) / w1) : 0;
		if (n <= 0)
			continue;
		dots = leader_layout(l, rpr, fill[leader], n, 0);
		pango_layout_get_extents(dots, NULL, &r);
		ln->leaders = vndoc_xreallocarray(ln->leaders, ln->n_leaders + 1, sizeof *ln->leaders);
		ld = &ln->leaders[ln->n_leaders++];
		*ld = (vndoc_layout__leader){ 0 };
		ld->pl = pango_layout_get_line_readonly(dots, 0);
		ld->w = PT(r.width);
		ld->dx = PT(x1) - ld->w;
		ld->text = pango_layout_get_text(dots);
		if (vndoc_layout__word(l)) {
			ld->fill = fill[leader];
			ld->rpr = rpr;
			ld->x0 = PT(x0);
			ld->x1 = PT(x1);
			ld->one = pitch;
			ld->w1 = w1;
			ld->n = n;
		}
		/* The line and its text borrow from the layout. */
		vndoc_layout__keep_layout(l, seg, dots);
		g_object_unref(dots);
	}
}

/* Leader `ld` of a line whose left edge is at page x `line_x`, as drawn:
 * in a document Word wrote (ld->one > 0), whole fills on a grid of a
 * fill's own advance counted from the page's left edge, within the tab's
 * room (Word's PDFs: vn-gr2-baocao's contents, Times 12 pt, dots at
 * 72 + 3k pt, the last ending 2.5 pt before its page number; the grid
 * from the page's edge, not the margin, in vn-langassist-baocao,
 * vn-iotweather-baocao, vn-pyproject-baocao, vn-websec-baocao,
 * vn-mvb-form-vochong, d4j-gettingstarted), often one fewer than fit the
 * room.  A layout of fewer fills is made here and kept; returns a leader
 * with no pl when none fits. */
#define GRID_SLACK 1e-3 /* of a fill: a position's rounding, not a fill's room */
vndoc_layout__leader vndoc_layout__leader_on_grid(vndoc_layout *l, const vndoc_layout__leader *ld, double line_x)
{
	vndoc_layout__leader g = *ld;
	PangoLayout *dots;
	PangoRectangle r;
	int first, last;
	if (ld->one <= 0)
		return g;
	first = (int)ceil((line_x + ld->x0) / ld->one - GRID_SLACK);
	last = (int)floor((line_x + ld->x1) / ld->one + GRID_SLACK);
	g.dx = first * ld->one - line_x;
	if (last <= first) {
		g.pl = NULL;
		return g;
	}
	dots = leader_layout(l, ld->rpr, ld->fill, last - first, ld->one - ld->w1);
	pango_layout_get_extents(dots, NULL, &r);
	g.pl = pango_layout_get_line_readonly(dots, 0);
	g.w = PT(r.width);
	g.text = pango_layout_get_text(dots);
	g_ptr_array_add(l->stream ? l->page_refs : l->pango, dots);
	return g;
}

/* The phonetic guides (w:ruby) of the bases that begin on line `pl`:
 * each centred over its base (the inlines its first one names, on this
 * line), at its size, its baseline raised by its raise, as Word draws
 * it; the line keeps its height (LibreOffice makes room above). */
void vndoc_layout__line_rubies(vndoc_layout *l, vndoc_layout__seg *seg, const vndoc_layout__span *spans,
			       size_t n_spans, PangoLayoutLine *pl, vndoc_layout__line *ln)
{
	int line_end = pl->start_index + pl->length;
	for (size_t i = 0; i < n_spans; i++) {
		const vndoc_docx_inline *in = spans[i].in;
		int start = spans[i].start, end = spans[i].end, x0, x1;
		vndoc_layout__leader *ld;
		vndoc_docx_rpr rpr;
		PangoLayout *guide;
		PangoRectangle r;
		if (!in->ruby || start < pl->start_index || start >= line_end)
			continue;
		for (size_t j = i + 1; j < n_spans && spans[j].in > in && spans[j].in < in + in->ruby_base; j++)
			end = spans[j].end;
		if (end > line_end)
			end = line_end;
		pango_layout_line_index_to_x(pl, start, FALSE, &x0);
		pango_layout_line_index_to_x(pl, end, FALSE, &x1);
		rpr = in->rpr;
		rpr.size = in->ruby_size;
		rpr.vert_align = VNDOC_DOCX_VALIGN_BASELINE;
		rpr.position = 0;
		rpr.spacing = 0;
		guide = text_layout(l, &rpr, in->ruby);
		pango_layout_get_extents(guide, NULL, &r);
		ln->leaders = vndoc_xreallocarray(ln->leaders, ln->n_leaders + 1, sizeof *ln->leaders);
		ld = &ln->leaders[ln->n_leaders++];
		*ld = (vndoc_layout__leader){ 0 };
		ld->pl = pango_layout_get_line_readonly(guide, 0);
		ld->w = PT(r.width);
		ld->dx = PT(x0 + x1) / 2 - ld->w / 2;
		ld->dy = -in->ruby_raise / 2.0;
		ld->text = pango_layout_get_text(guide);
		vndoc_layout__keep_layout(l, seg, guide);
		g_object_unref(guide);
	}
}

/* Rules for what Pango cannot draw: double strikethrough, dotted and
 * dashed underlines, at the positions and thickness the font gives. */
void vndoc_layout__line_decos(const vndoc_layout__span *spans, size_t n_spans, PangoLayoutLine *pl, vndoc_layout__line *ln)
{
	int x = 0;
	for (GSList *rl = pl->runs; rl; rl = rl->next) {
		PangoGlyphItem *run = rl->data;
		int w = pango_glyph_string_get_width(run->glyphs);
		const vndoc_docx_rpr *r = NULL;
		PangoFontMetrics *m;

		for (size_t i = 0; i < n_spans; i++)
			if (run->item->offset >= spans[i].start && run->item->offset < spans[i].end)
				r = spans[i].rpr;
		if (!r || !run->item->analysis.font || w <= 0 ||
		    !(r->dstrike || (r->underline && (r->underline_style == VNDOC_DOCX_UNDERLINE_DOTTED ||
						      r->underline_style == VNDOC_DOCX_UNDERLINE_DASHED)))) {
			x += w;
			continue;
		}
		m = pango_font_get_metrics(run->item->analysis.font, NULL);
		for (int k = 0; k < 2; k++) {
			vndoc_layout__deco *d;
			double thick, pos;
			if (k == 0 && !r->dstrike)
				continue;
			if (k == 1 && !(r->underline && (r->underline_style == VNDOC_DOCX_UNDERLINE_DOTTED ||
							 r->underline_style == VNDOC_DOCX_UNDERLINE_DASHED)))
				continue;
			thick = PT(k == 0 ? pango_font_metrics_get_strikethrough_thickness(m)
					  : pango_font_metrics_get_underline_thickness(m));
			pos = PT(k == 0 ? pango_font_metrics_get_strikethrough_position(m)
					: pango_font_metrics_get_underline_position(m));
			if (thick <= 0)
				thick = 0.5;
			ln->decos = vndoc_xreallocarray(ln->decos, ln->n_decos + 1, sizeof *ln->decos);
			d = &ln->decos[ln->n_decos++];
			memset(d, 0, sizeof *d);
			d->dx = PT(x);
			d->w = PT(w);
			d->border.color = r->color;
			if (k == 0) {
				/* two lines, each 60% of the font's strikethrough */
				d->border.style = VNDOC_DOCX_BORDER_DOUBLE;
				d->border.size = (int)lround(thick * 0.6 * 8) > 0 ? (int)lround(thick * 0.6 * 8) : 1;
				d->dy = -pos + thick / 2;
			} else {
				d->border.style = r->underline_style == VNDOC_DOCX_UNDERLINE_DOTTED
							  ? VNDOC_DOCX_BORDER_DOTTED
							  : VNDOC_DOCX_BORDER_DASHED;
				d->border.size = (int)lround(thick * 8) > 0 ? (int)lround(thick * 8) : 1;
				d->dy = -pos + thick / 2;
			}
		}
		pango_font_metrics_unref(m);
		x += w;
	}
}
