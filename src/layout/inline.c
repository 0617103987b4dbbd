/*
 * layout/inline.c: a paragraph's inlines as Pango text: the text each
 * inline stands for, its attributes (fonts, rise, decorations, small
 * caps), tab stops.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/limits.h"
#include "layout/para.h"
#include "vn/vn.h"


PangoFontDescription *vndoc_layout__font_desc(const vndoc_layout *l, const vndoc_docx_rpr *r)
{
	PangoFontDescription *d = pango_font_description_new();
	const vndoc_layout__substitute *s =
		vndoc_layout__word_fonts(l) ? vndoc_layout__substitute_find(vndoc_layout__family(r)) : NULL;
	double scale = (r->scale > 0 ? r->scale : 100) * (s ? (r->bold ? s->width_bold : s->width) : 1.0);
	pango_font_description_set_family(d, vndoc_layout__family(r));
	pango_font_description_set_size(d, r->size * PANGO_SCALE / 2);
	pango_font_description_set_weight(d, r->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(d, r->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	/* w:w, and the width of the font Word drew with against the free
	 * one drawn for it (substitutes.c): the font map's substitute function
	 * (fonts.c) turns this private axis into a horizontal font matrix. */
	if (scale != 100) {
		char v[64];
		int key = vndoc_layout__substitute_key(s, r->bold, r->italic);
		/* and the asked font's own advances where known (fonts.c) */
		if (key)
			g_snprintf(v, sizeof v, VNDOC_LAYOUT__SCALE_AXIS "=%.2f," VNDOC_LAYOUT__ADVANCE_AXIS "=%d",
				   scale, key);
		else
			g_snprintf(v, sizeof v, VNDOC_LAYOUT__SCALE_AXIS "=%.2f", scale);
		pango_font_description_set_variations(d, v);
	}
	return d;
}

static void add_attr(PangoAttrList *list, PangoAttribute *a, int start, int end)
{
	a->start_index = (guint)start;
	a->end_index = (guint)end;
	pango_attr_list_insert(list, a);
}

/*
 * w:position as LibreOffice draws it: an escapement of
 * round(position / size * 100) percent, at the run's own size, of the
 * font's height with its line gap (SwSubFont::CalcEscAscent).  Pango
 * units up; Pango's rise moves the run, and line_metrics the line's top
 * or bottom with it.
 */
static int position_rise(PangoContext *ctx, const vndoc_docx_rpr *r, const PangoFontDescription *d)
{
	double esc = round(r->position * 100.0 / (r->size > 0 ? r->size : 24));
	PangoFont *f = pango_context_load_font(ctx, d);
	int h = 0;
	if (f) {
		PangoFontMetrics *m = pango_font_get_metrics(f, NULL);
		h = pango_font_metrics_get_height(m);
		pango_font_metrics_unref(m);
		g_object_unref(f);
	}
	return (int)lround(h * esc / 100.0);
}

/*
 * w:vertAlign as LibreOffice draws it (an automatic escapement at 58 %,
 * DFLT_ESC_PROP): the text at 58 % of its size, a superscript raised until
 * its top meets the top of the text at full size (42 % of the full
 * ascent), a subscript lowered by 42 % of the full size's descent and line
 * gap.  Pango's own superscript (the font's OS/2 size, 65 % in Times)
 * was wider, so a line with note marks ran longer (vn-nd30-pl3 page 3: the
 * mark "3" 4.2 pt wide, LibreOffice's 3.75).  Pango units up (down < 0).
 */
static int escapement_rise(PangoContext *ctx, const vndoc_docx_rpr *r, const PangoFontDescription *full)
{
	PangoFont *f = pango_context_load_font(ctx, full);
	int rise = 0;
	if (f) {
		PangoFontMetrics *m = pango_font_get_metrics(f, NULL);
		int asc = pango_font_metrics_get_ascent(m), h = pango_font_metrics_get_height(m);
		rise = r->vert_align == VNDOC_DOCX_VALIGN_SUPERSCRIPT ? (int)lround(asc * (1 - VNDOC_LAYOUT__ESC_PROP))
								     : -(int)lround((h - asc) * (1 - VNDOC_LAYOUT__ESC_PROP));
		pango_font_metrics_unref(m);
		g_object_unref(f);
	}
	return rise;
}

void vndoc_layout__add_run_attrs(const vndoc_layout *l, PangoAttrList *list, const vndoc_docx_rpr *r, int start,
				  int end)
{
	PangoFontDescription *d = vndoc_layout__font_desc(l, r);
	int rise = 0;
	/* A direct w:position wins over w:vertAlign, at the run's own size. */
	if (r->position)
		rise = position_rise(l->ctx, r, d);
	else if (r->vert_align != VNDOC_DOCX_VALIGN_BASELINE) {
		rise = escapement_rise(l->ctx, r, d);
		pango_font_description_set_size(
			d, (int)lround(pango_font_description_get_size(d) * VNDOC_LAYOUT__ESC_PROP));
	}
	add_attr(list, pango_attr_font_desc_new(d), start, end);
	if (rise)
		add_attr(list, pango_attr_rise_new(rise), start, end);
	pango_font_description_free(d);
	/* Word and LibreOffice kern only runs with w:kern; Pango kerns by
	 * default, which makes "V." narrower and moves line breaks. */
	if (!r->kern)
		add_attr(list, pango_attr_font_features_new("kern 0"), start, end);
	if (r->underline && r->underline_style != VNDOC_DOCX_UNDERLINE_DOTTED &&
	    r->underline_style != VNDOC_DOCX_UNDERLINE_DASHED) {
		/* Dotted and dashed ones are rules (line_decos). */
		PangoUnderline u = r->underline_style == VNDOC_DOCX_UNDERLINE_DOUBLE ? PANGO_UNDERLINE_DOUBLE
				   : r->underline_style == VNDOC_DOCX_UNDERLINE_WAVE  ? PANGO_UNDERLINE_ERROR
										      : PANGO_UNDERLINE_SINGLE;
		add_attr(list, pango_attr_underline_new(u), start, end);
	}
	/* Pango has no double strikethrough: dstrike is two rules (line_decos). */
	if (r->strike && !r->dstrike)
		add_attr(list, pango_attr_strikethrough_new(TRUE), start, end);
	if (r->has_highlight)
		add_attr(list, pango_attr_background_new((guint16)(((r->highlight >> 16) & 0xff) * 257),
							 (guint16)(((r->highlight >> 8) & 0xff) * 257),
							 (guint16)((r->highlight & 0xff) * 257)),
			 start, end);
	if (r->spacing)
		add_attr(list, pango_attr_letter_spacing_new(PU(TW(r->spacing))), start, end);
	if (r->color)
		add_attr(list, pango_attr_foreground_new((guint16)(((r->color >> 16) & 0xff) * 257),
							 (guint16)(((r->color >> 8) & 0xff) * 257),
							 (guint16)((r->color & 0xff) * 257)),
			 start, end);
}

/*
 * Small caps as LibreOffice draws them: lower-case letters become capitals
 * at 80% of the size (g_utf8_strup upper-cases Vietnamese letters with
 * their marks: "ệ" -> "Ệ").  append_inline upper-cased the whole text;
 * here the letters that were lower-case get the smaller size.  `orig` is
 * the inline's text, `start` where its upper-cased NFC form begins.
 */
void vndoc_layout__small_caps(PangoAttrList *list, const vndoc_docx_rpr *r, const char *orig, int start)
{
	char *nfc = vndoc_vn_nfc(orig, -1);
	const char *p = nfc ? nfc : orig;
	int pos = start, run = -1;
	int small = (int)lround(r->size * PANGO_SCALE / 2.0 * 0.8);

	while (*p) {
		gunichar ch = g_utf8_get_char(p);
		const char *next = g_utf8_next_char(p);
		char *up = g_utf8_strup(p, next - p);
		bool lower = g_unichar_islower(ch);
		if (lower && run < 0)
			run = pos;
		if (!lower && run >= 0) {
			add_attr(list, pango_attr_size_new(small), run, pos);
			run = -1;
		}
		pos += (int)strlen(up);
		g_free(up);
		p = next;
	}
	if (run >= 0)
		add_attr(list, pango_attr_size_new(small), run, pos);
	g_free(nfc);
}

/*
 * Whether the line may break after a tab where UAX #14 (Pango) says it may
 * not: before ".", ")", "…" and the like.  Writer lays a tab out as a
 * portion of its own, and a text portion after it that does not fit and
 * has no break of its own leaves the tab: the dotted fill-in line
 * "→......6......" of a form begins on the next line, where Pango cut
 * it after the tab (vn-nd30-pl3 page 3; LibreOffice 7.4).  When the tab
 * follows text on its line, LibreOffice moves the tab to the next line
 * with the text; Pango never breaks before a tab, so there the tab stays
 * at the end of the line and the text begins the next line at its start.
 * `next` is the text that follows the tab (NULL: none).  The caller puts
 * a zero-width space after the tab.
 */
bool vndoc_layout__tab_breaks(const char *next)
{
	char pair[8] = "\t";
	PangoLogAttr attrs[3];
	size_t n;

	if (!next || !*next)
		return false;
	n = (size_t)(g_utf8_next_char(next) - next);
	memcpy(pair + 1, next, n);
	pango_get_log_attrs(pair, (int)(1 + n), -1, pango_language_from_string("vi"), attrs, 3);
	return !attrs[1].is_line_break;
}

/* A footnote's reference mark stays with the word it follows: Pango
 * (UAX #14 as a regular expression) breaks between "hängt." and a mark
 * "25", LibreOffice (ICU, IS x NU) and Word do not (poi-stress008 p25:
 * "hängt.25" begins a line in LibreOffice, ends one here).  The mark
 * from byte `start` to `end` of `text`. */
void vndoc_layout__keep_note_ref(PangoAttrList *attrs, const char *text, int start, int end)
{
	const char *prev;
	if (start <= 0 || end <= start)
		return;
	prev = g_utf8_find_prev_char(text, text + start);
	if (!prev || g_unichar_isspace(g_utf8_get_char(prev)))
		return;
	add_attr(attrs, pango_attr_allow_breaks_new(FALSE), (int)(prev - text), end);
}

/* Lam followed by an alef (bare, with madda, hamza above or below): the
 * lam-alef ligature of Arabic fonts. */
static bool lam_alef(const char *p, const char *end)
{
	const char *q = g_utf8_next_char(p);
	gunichar b;
	if (g_utf8_get_char(p) != 0x644 || q >= end)
		return false;
	b = g_utf8_get_char(q);
	return b == 0x622 || b == 0x623 || b == 0x625 || b == 0x627;
}

static gboolean is_run_spacing(PangoAttribute *a, gpointer data)
{
	const int *range = data;
	return a->klass->type == PANGO_ATTR_LETTER_SPACING && (int)a->start_index == range[0] &&
	       (int)a->end_index == range[1];
}

/*
 * Letter spacing does not undo the lam-alef ligature in LibreOffice 7.4:
 * the ligature stays one glyph, spaced as one (poi-stress011 p34:
 * "والأنشطة" in a run spaced by -0.1 pt; checked with soffice:
 * "لألألألألأ" spaced by 1 pt keeps its five ligatures and narrows by
 * 5 pt).  Pango turns ligatures off wherever a letter-spacing attribute
 * lies, whatever its value: the run's spacing `spacing` (Pango units),
 * over [start, end) of `text`, is laid around each lam-alef pair, and the
 * pair's share goes to the next letter that is not in one (the last one
 * before it at the run's end; a run of lam-alefs alone loses it).
 */
void vndoc_layout__keep_ligatures(PangoAttrList *attrs, const char *text, int start, int end, int spacing)
{
	int range[2] = { start, end }, debt = 0, last = -1, from = start, *mult;
	PangoAttrList *gone;
	bool found = false;

	for (const char *p = text + start; p < text + end && !found; p = g_utf8_next_char(p))
		found = lam_alef(p, text + end);
	if (!found || !(gone = pango_attr_list_filter(attrs, is_run_spacing, range)))
		return;
	pango_attr_list_unref(gone);
	/* each letter's share of spacing, by its first byte: 0 in a pair */
	mult = vndoc_xcalloc((size_t)(end - start), sizeof *mult);
	for (const char *p = text + start; p < text + end;) {
		if (lam_alef(p, text + end)) {
			debt++;
			p = g_utf8_next_char(g_utf8_next_char(p));
			continue;
		}
		last = (int)(p - text) - start;
		mult[last] = 1 + debt;
		debt = 0;
		p = g_utf8_next_char(p);
	}
	if (last >= 0)
		mult[last] += debt;
	for (const char *p = text + start; p < text + end;) {
		const char *q = g_utf8_next_char(p);
		int m = mult[from - start];
		if (q >= text + end || mult[q - text - start] != m || lam_alef(q, text + end) != lam_alef(p, text + end)) {
			if (m)
				add_attr(attrs, pango_attr_letter_spacing_new(m * spacing), from, (int)(q - text));
			from = (int)(q - text);
		}
		p = q;
	}
	free(mult);
}

/* The width of a space with run properties `r` (Pango units).  Shaped
 * under the shaping lock like a paragraph (fonts.c): a font's first shaping
 * racing another worker's made `batch -j 2` differ from `-j 1` now and then
 * (e2e_batch, kerned forms). */
static int space_width(const vndoc_layout *l, const vndoc_docx_rpr *r)
{
	PangoLayout *layout = pango_layout_new(l->ctx);
	PangoAttrList *attrs = pango_attr_list_new();
	PangoRectangle logical;
	vndoc_layout__shaping sh = VNDOC_LAYOUT__SHAPING_INIT;
	vndoc_layout__add_run_attrs(l, attrs, r, 0, 1);
	pango_layout_set_text(layout, " ", 1);
	pango_layout_set_attributes(layout, attrs);
	vndoc_layout__shaping_add_rpr(l, &sh, r);
	vndoc_layout__shaping_begin(&sh);
	pango_layout_get_extents(layout, NULL, &logical);
	vndoc_layout__shaping_end(&sh);
	pango_attr_list_unref(attrs);
	g_object_unref(layout);
	return logical.width;
}

/*
 * Spaces at the end of a line hang past the margin, however many there
 * are (LibreOffice: "liên tiếp từ" and 17 spaces end a full justified
 * line of Decree 30/2020, vn-nd30-2020 page 8, and "từ" stays on it).
 * Pango lets only the last space of a line hang: the break after a run
 * of spaces is taken only if all but the last fit.  So in a run of two or
 * more spaces the last one takes the width of them all and the others
 * none (letter spacing: the text and its drawing stay spaces).  A run's
 * own letter spacing counts in each space's width (vn-nd30-pl1: "(/),"
 * and 15 spaces condensed by 0.1 pt end a justified line).  Each run is
 * two or three Pango attributes, which Pango pays for as keep.c says: a
 * paragraph hangs VNDOC_LIMIT_LAYOUT_HANGS runs and one more for each
 * VNDOC_LIMIT_LAYOUT_HANG_BYTES of its text before them, the rest as
 * Pango does (150,000 runs "a  " took 11 s and 318 MB).
 * Before a line break Pango lets no space hang; with `before_break` (a
 * left-aligned paragraph) the spaces there take no width at all, so they
 * never push the line's last word down (LibreOffice and Word: a Consolas
 * line of d4j-gettingstarted page 16 ends 0.8 pt short of the margin and
 * its two spaces before the break would pass it).  Centred, right-aligned
 * and justified lines keep them: LibreOffice counts such spaces there
 * when they fit (centres "ff  " as four characters; justifies them).
 */
bool vndoc_layout__hang_spaces(const vndoc_layout *l, PangoAttrList *attrs, const char *text, int len,
			       const vndoc_layout__span *spans, size_t n_spans, bool before_break)
{
	const vndoc_docx_rpr *measured = NULL; /* the last run whose space was measured, */
	int measured_w = 0;                    /* and that width */
	size_t k = 0;
	long runs = 0;
	bool hung = false;
	for (int a = 0; a < len; a++) {
		int b = a, total = 0, last = 0;
		bool ok = true, brk;
		if (text[a] != ' ')
			continue;
		while (b < len && text[b] == ' ')
			b++;
		brk = before_break && b + 3 <= len && !memcmp(text + b, "\xe2\x80\xa8", 3);
		if (b - a < 2 && !brk) {
			a = b;
			continue;
		}
		if (runs >= VNDOC_LIMIT_LAYOUT_HANGS + a / VNDOC_LIMIT_LAYOUT_HANG_BYTES) {
			a = b;
			continue;
		}
		/* each space at its own run's width */
		while (k < n_spans && spans[k].end <= a)
			k++;
		for (size_t i = k; i < n_spans && spans[i].start < b && ok; i++) {
			int from = spans[i].start > a ? spans[i].start : a, to = spans[i].end < b ? spans[i].end : b;
			int w;
			if (to <= from)
				continue;
			if (!spans[i].rpr) {
				ok = false;
				break;
			}
			/* a lone space is measured without its letter spacing (a
			 * layout each: once per run of text) */
			if (spans[i].rpr != measured) {
				measured = spans[i].rpr;
				measured_w = space_width(l, measured);
			}
			w = measured_w;
			total += (w + PU(TW(spans[i].rpr->spacing))) * (to - from);
			last = w;
			if (brk)
				add_attr(attrs, pango_attr_letter_spacing_new(-w), from, to);
			else if (to < b)
				add_attr(attrs, pango_attr_letter_spacing_new(-w), from, to);
			else if (to - 1 > from)
				add_attr(attrs, pango_attr_letter_spacing_new(-w), from, to - 1);
		}
		if (brk)
			hung = true;
		else if (ok && total > last) {
			add_attr(attrs, pango_attr_letter_spacing_new(total - last), b - 1, b);
			hung = true;
		}
		runs++;
		a = b;
	}
	return hung;
}

/* Appends the text inline `in` stands for: its text (`legacy` instead when
 * not NULL: its conversion from a legacy font; NFC, upper-cased for caps),
 * a tab, a line separator, or a field's value. */
void vndoc_layout__append_inline(GString *text, const vndoc_layout *l, const vndoc_docx_inline *in,
				 const char *legacy)
{
	char num[32];
	switch (in->kind) {
	case VNDOC_DOCX_INLINE_TEXT: {
		const char *t = legacy ? legacy : in->text;
		char *nfc = vndoc_vn_nfc(t, -1);
		const char *s = nfc ? nfc : t;
		if (in->rpr.caps || in->rpr.small_caps) {
			char *up = g_utf8_strup(s, -1);
			g_string_append(text, up);
			g_free(up);
		} else {
			g_string_append(text, s);
		}
		g_free(nfc);
		break;
	}
	case VNDOC_DOCX_INLINE_TAB:
		g_string_append_c(text, '\t');
		break;
	case VNDOC_DOCX_INLINE_LINE_BREAK:
		g_string_append(text, "\xe2\x80\xa8"); /* U+2028 LINE SEPARATOR */
		break;
	case VNDOC_DOCX_INLINE_FIELD_PAGE:
		/* A `\\* roman`-style switch, else the section's format. */
		vndoc_docx_format_number(num, sizeof num, in->field_format ? in->field_format : l->field_format,
					 l->field_page);
		g_string_append(text, num);
		break;
	case VNDOC_DOCX_INLINE_FIELD_NUMPAGES:
		vndoc_docx_format_number(num, sizeof num, in->field_format ? in->field_format : "decimal",
					 l->field_pages);
		g_string_append(text, num);
		break;
	case VNDOC_DOCX_INLINE_IMAGE:
		g_string_append(text, "\xef\xbf\xbc"); /* U+FFFC OBJECT REPLACEMENT CHARACTER */
		break;
	case VNDOC_DOCX_INLINE_NOTE_REF:
		/* In a footnote's text: the label of the reference it is for. */
		g_string_append(text, in->note >= 0 ? vndoc_layout__note_text(l, in) : l->note_label ? l->note_label : "");
		break;
	case VNDOC_DOCX_INLINE_PAGE_BREAK:
	case VNDOC_DOCX_INLINE_COLUMN_BREAK:
	case VNDOC_DOCX_INLINE_FLOAT: /* takes no room: see seg_floats */
		break;
	}
}

/* A picture takes its extent on the line, standing on the baseline; a
 * rule of a share of the column (o:hr) that share of `room`. */
void vndoc_layout__add_image_attr(PangoAttrList *list, const vndoc_docx_inline *in, int start, int end,
				  double room)
{
	PangoRectangle r;
	r.x = 0;
	r.y = -PU(in->image_h);
	r.width = PU(in->drawing && in->drawing->rel_w > 0 ? in->drawing->rel_w * room : in->image_w);
	r.height = PU(in->image_h);
	add_attr(list, pango_attr_shape_new(&r, &r), start, end);
}

PangoTabArray *vndoc_layout__make_tabs(const vndoc_layout *l, const vndoc_docx_ppr *ppr, double origin,
				double width)
{
	PangoTabArray *tabs = pango_tab_array_new(0, FALSE);
	double last = origin, step = TW(l->doc->default_tab > 0 ? l->doc->default_tab : 720);
	int n = 0;

	/* Word measures tab stops from the text area's left edge, Pango from
	 * the layout's; a hanging indent adds an implicit stop at the indent. */
	for (int i = 0; i <= ppr->n_tabs; i++) {
		double pos;
		PangoTabAlign align = PANGO_TAB_LEFT;
		if (i < ppr->n_tabs) {
			pos = TW(ppr->tabs[i].pos);
			switch (ppr->tabs[i].align) {
			case VNDOC_DOCX_TAB_CENTER: align = PANGO_TAB_CENTER; break;
			case VNDOC_DOCX_TAB_RIGHT: align = PANGO_TAB_RIGHT; break;
			case VNDOC_DOCX_TAB_DECIMAL: align = PANGO_TAB_DECIMAL; break;
			default: break;
			}
		} else if (ppr->ind_first < 0) {
			pos = TW(ppr->ind_left);
		} else {
			continue;
		}
		/* the implicit stop counts before explicit ones too (vn-websec-
		 * baocao p12, "1." TAB in a 50.2 pt hanging indent with a centre
		 * stop at 318.95 pt: the heading's text at the indent in Word's
		 * PDF, centred on the stop here before) */
		if (pos <= (i < ppr->n_tabs ? last : origin))
			continue;
		/* keep the list sorted: the implicit stop may come before others */
		pango_tab_array_resize(tabs, n + 1);
		pango_tab_array_set_tab(tabs, n++, align, PU(pos - origin));
		last = pos;
	}
	/* Sort (the implicit hanging stop was appended last). */
	for (int i = 1; i < n; i++) {
		for (int j = i; j > 0; j--) {
			PangoTabAlign a1, a2;
			int p1, p2;
			pango_tab_array_get_tab(tabs, j - 1, &a1, &p1);
			pango_tab_array_get_tab(tabs, j, &a2, &p2);
			if (p1 <= p2)
				break;
			pango_tab_array_set_tab(tabs, j - 1, a2, p2);
			pango_tab_array_set_tab(tabs, j, a1, p1);
		}
	}
	if (n) {
		int p;
		pango_tab_array_get_tab(tabs, n - 1, NULL, &p);
		last = PT(p) + origin;
	}
	/* Default stops after the last explicit one, up to the right edge. */
	for (double pos = (floor(last / step) + 1) * step; pos - origin < width + step && n < 200;
	     pos += step) {
		if (pos <= origin)
			continue;
		pango_tab_array_resize(tabs, n + 1);
		pango_tab_array_set_tab(tabs, n++, PANGO_TAB_LEFT, PU(pos - origin));
	}
	if (n == 0) {
		pango_tab_array_free(tabs);
		return NULL;
	}
	return tabs;
}

/* The leader of the stop a tab starting at x (points from the layout's left
 * edge) goes to: the first stop beyond x, as Pango chooses it. */
vndoc_docx_tab_leader vndoc_layout__tab_leader(const vndoc_docx_ppr *ppr, double origin, double x)
{
	double hang = ppr->ind_first < 0 ? TW(ppr->ind_left) - origin : -1;
	for (int i = 0; i < ppr->n_tabs; i++) {
		double pos = TW(ppr->tabs[i].pos) - origin;
		if (pos <= x + 0.01)
			continue;
		/* the implicit stop of a hanging indent comes first */
		if (hang > x + 0.01 && hang < pos)
			return VNDOC_DOCX_LEADER_NONE;
		return ppr->tabs[i].leader;
	}
	return VNDOC_DOCX_LEADER_NONE;
}

/* Names to `sh` the fonts text with run properties `r` is shaped with:
 * the description, and what else picks the font or its size (small caps,
 * superscript, subscript) or changes the shaping (kerning). */
/* Run properties as the keys of a hash table: their bytes. */
static guint rpr_hash(gconstpointer key)
{
	const unsigned char *b = key;
	guint h = 2166136261u; /* FNV-1a */
	for (size_t i = 0; i < sizeof(vndoc_docx_rpr); i++)
		h = (h ^ b[i]) * 16777619u;
	return h;
}

static gboolean rpr_equal(gconstpointer a, gconstpointer b)
{
	return !memcmp(a, b, sizeof(vndoc_docx_rpr));
}

GHashTable *vndoc_layout__shaping_keys_new(void)
{
	return g_hash_table_new_full(rpr_hash, rpr_equal, g_free, g_free);
}

void vndoc_layout__shaping_add_rpr(const vndoc_layout *l, vndoc_layout__shaping *sh, const vndoc_docx_rpr *r)
{
	PangoFontDescription *d;
	const char *known;
	char extra[8];
	/* The same properties as the run before (the mark and its runs, runs
	 * cut by bookmarks or proofing marks) make the same key: spared (the
	 * key's text was 1.4% of vndoc's instructions in bench/render). */
	if (sh->last && !memcmp(sh->last, r, sizeof *r))
		return;
	sh->last = r;
	/* And properties met before in the run give the key made then (the
	 * font description's text was 0.6% more). */
	if (l->shaping_keys && (known = g_hash_table_lookup(l->shaping_keys, r))) {
		vndoc_layout__shaping_add_key(sh, known);
		return;
	}
	d = vndoc_layout__font_desc(l, r);
	snprintf(extra, sizeof extra, "%c%c%d", r->kern ? 'k' : '-', r->small_caps ? 'c' : '-',
		 r->position ? 0 : (int)r->vert_align);
	vndoc_layout__shaping_add(sh, d, extra);
	pango_font_description_free(d);
	if (l->shaping_keys)
		g_hash_table_insert(l->shaping_keys, g_memdup2(r, sizeof *r),
				    g_strdup(sh->keys->pdata[sh->keys->len - 1]));
}
