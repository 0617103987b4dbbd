/*
 * layout/one_line.c: a paragraph that fits on one line, shaped once.
 *
 * Pango 1.50 breaking lines to a width shapes every run twice, even one
 * that fits: once to measure it, and again to place it on its line
 * (process_item: "glyphs = shape_run (...)" before it accepts a run that
 * fits).  Without a width to wrap to, or on a line it is told to ellipsize,
 * it places the run with the glyphs of the first shaping.  Most paragraphs
 * of tables and forms are one line (a cell's "TT", a name, a number), and
 * bench/render's floor shapes each line once: vndoc shaped 2.5 times the
 * floor's characters (bench_render_floor over the 21 documents of
 * bench/fidelity: 480,726 against 191,106).
 *
 * So a short paragraph is first laid out with PANGO_ELLIPSIZE_END, at its
 * width, alignment and indent as always: with the default height (-1)
 * Pango then makes each paragraph one line, placed with its one shaping,
 * aligned by Pango against the real width.  If the line fits as Pango's
 * line breaking would have accepted it (below), the layout is kept as it
 * is, the same glyphs at the same places as a wrapped layout gives;
 * otherwise the ellipsizing is taken off and Pango breaks the text as
 * before (the wasted shaping is kept rare by a guess from the length).
 *
 * When the wrapped layout is the same one line.  Pango accepts a run when
 * its width plus an "extra" (a hyphen it would add at a break after it, or
 * less the space it ends with) is at most what is left of the line
 * (line width: the layout's less a positive first-line indent).  So the
 * shortcut is taken only when no break inserts a hyphen (the extra is then
 * at most 0), no letter spacing is set (Pango moves letter spacing between
 * runs after breaking, so the runs' widths would not be those it
 * compared), every run is left-to-right, and the width of the runs up to
 * each one is at most the line's width; and never for a text holding what
 * ends a line by itself (a line or paragraph separator, a newline) or a tab
 * (whose width depends on the runs after it).
 */
#include <string.h>

#include "layout/para.h"

/* Characters a layout may break a line at whatever its width. */
static bool has_line_enders(const char *text, int len)
{
	for (int i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == '\n' || c == '\r' || c == '\t')
			return true;
		/* U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR */
		if (c == 0xE2 && i + 2 < len && (unsigned char)text[i + 1] == 0x80 &&
		    ((unsigned char)text[i + 2] == 0xA8 || (unsigned char)text[i + 2] == 0xA9))
			return true;
	}
	return false;
}

static bool has_letter_spacing(PangoAttrList *attrs)
{
	PangoAttrIterator *it;
	bool yes = false;
	if (!attrs)
		return false;
	it = pango_attr_list_get_iterator(attrs);
	do {
		PangoAttribute *a = pango_attr_iterator_get(it, PANGO_ATTR_LETTER_SPACING);
		if (a && ((PangoAttrInt *)a)->value != 0)
			yes = true;
	} while (!yes && pango_attr_iterator_next(it));
	pango_attr_iterator_destroy(it);
	return yes;
}

bool vndoc_layout__one_line_try(PangoLayout *layout, const char *text, int len, double min_size,
				double width)
{
	/* A guess, only to spare shaping a long text twice more: on the 21
	 * documents of bench/fidelity no text of more than 2.4 em a character
	 * of its smallest size per point of width fitted (a miss costs one
	 * shaping, a text not tried one too). */
	if (len > 0 && g_utf8_strlen(text, len) * min_size * 0.42 > width)
		return false;
	if (has_line_enders(text, len) || has_letter_spacing(pango_layout_get_attributes(layout)))
		return false;
	pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
	return true;
}

/* Whether Pango's line breaking would have put the layout's one line as
 * it is (see above). */
static bool fits(PangoLayout *layout)
{
	int width = pango_layout_get_width(layout), indent = pango_layout_get_indent(layout);
	int n_attrs, sum = 0, end;
	const char *text = pango_layout_get_text(layout);
	const PangoLogAttr *attrs;
	PangoLayoutLine *line;

	if (pango_layout_is_ellipsized(layout) || pango_layout_get_line_count(layout) != 1)
		return false;
	if (indent > 0)
		width -= indent;
	attrs = pango_layout_get_log_attrs_readonly(layout, &n_attrs);
	line = pango_layout_get_line_readonly(layout, 0);
	for (GSList *r = line->runs; r; r = r->next) {
		const PangoGlyphItem *run = r->data;
		if (run->item->analysis.level % 2)
			return false;
		sum += pango_glyph_string_get_width(run->glyphs);
		if (sum > width)
			return false;
		/* a break after the run that would add a hyphen */
		end = (int)g_utf8_pointer_to_offset(text, text + run->item->offset + run->item->length);
		if (end >= n_attrs ||
		    ((attrs[end].is_line_break || end == n_attrs - 1) && attrs[end].break_inserts_hyphen))
			return false;
	}
	return true;
}

void vndoc_layout__one_line_check(PangoLayout *layout)
{
	if (!fits(layout))
		pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_NONE);
}
