/*
 * layout/italic.c: the room LibreOffice keeps after italic text at the
 * end of a line.
 *
 * LibreOffice 7.4 fits an italic portion into what is left of its line
 * less a twelfth of the portion's height in twips (SwTextGuess::Guess,
 * "nItalic": the slanted letters' overhang), unless content may run over
 * the margin (TabOverMargin, which its DOCX import sets for documents of
 * Word before 2013, compatibilityMode < 15).  So an italic word that ends
 * less than that before the margin goes to the next line: poi-stress006
 * p2, "The Rev. Mr. Shave is ... a former Stated Clerk." in Calibri 12 pt
 * italic (14.65 pt: 293 twips, 24 kept, 1.2 pt) ends 0.54 pt before the
 * margin and LibreOffice puts "Clerk." on a line of its own; every line of
 * the page after it then sat one line higher in vndoc.  Measured on a
 * document of our own (the same text, the right indent stepped by 0.1 pt):
 * the word stays from 1.2 pt of room on, upright from 0.
 *
 * Word does not keep that room: on vn-voicegender-baocao (compatibilityMode
 * 15, Word's PDF beside it) vndoc had 100 % of Word's words on Word's
 * lines, and with the room 92.7 %, as LibreOffice.  So the room is kept
 * only in documents another application wrote in that mode (LibreOffice:
 * docProps/app.xml), whose author saw LibreOffice's lines; poi-stress006,
 * written by Word, keeps "Clerk." on the line, as Word would.
 *
 * Pango breaks a paragraph against one width: a line whose last italic
 * letter ends in that room is laid out again, its last word made to go
 * down, by forbidding the break after it (the word goes on with the next
 * line's first) or, on the paragraph's last line, by widening its last
 * letter by the room (LibreOffice counts the room in the width of an
 * italic portion that ends its paragraph).
 */
#include <math.h>
#include <string.h>

#include "core/limits.h"

#include "layout/para.h"

/* The span's run properties at byte `at`, if it has any. */
static const vndoc_docx_rpr *rpr_at(const vndoc_layout__span *spans, size_t n_spans, int at)
{
	size_t n;
	const vndoc_layout__span *s = vndoc_layout__spans_at(spans, n_spans, at, &n);
	return n && s->start <= at && at < s->end ? s->rpr : NULL;
}

static bool any_italic(const vndoc_layout__span *spans, size_t n_spans)
{
	for (size_t i = 0; i < n_spans; i++)
		if (spans[i].rpr && spans[i].rpr->italic)
			return true;
	return false;
}

/* LibreOffice's room after an italic portion in `font`: its height in
 * twips over 12, in Pango units. */
static int room_after(PangoFont *font)
{
	PangoFontMetrics *m = pango_font_get_metrics(font, NULL);
	int h = pango_font_metrics_get_height(m), ad = pango_font_metrics_get_ascent(m) + pango_font_metrics_get_descent(m);
	long twips = lround(PT(h > ad ? h : ad) * 20);
	pango_font_metrics_unref(m);
	return PU((double)(twips / 12) / 20);
}

/* Where the last italic letter of line `pl` ends (*end, Pango units from
 * the line's start), its byte (*at) and the
 * room it needs after it (*need); false when the line has none. */
static bool last_italic(PangoLayoutLine *pl, const char *text, const vndoc_layout__span *spans,
			size_t n_spans, bool justify, int *end, int *at, int *need)
{
	int x = 0, sw = 0;
	bool found = false;
	PangoFont *sf = NULL;
	for (GSList *rl = pl->runs; rl; rl = rl->next) {
		PangoGlyphItem *run = rl->data;
		PangoGlyphString *g = run->glyphs;
		const vndoc_docx_rpr *r = rpr_at(spans, n_spans, run->item->offset);
		if (run->item->analysis.level % 2)
			return false; /* right to left: not measured */
		for (int i = 0; i < g->num_glyphs; i++) {
			int b = run->item->offset + g->log_clusters[i];
			/* a justified line's spaces at their own width */
			x += justify && text[b] == ' ' ? vndoc_layout__space_width(run, &sf, &sw)
						       : g->glyphs[i].geometry.width;
			if (!r || !r->italic || !run->item->analysis.font || text[b] == ' ' || text[b] == '\t')
				continue;
			*end = x;
			*at = b;
			*need = room_after(run->item->analysis.font);
			found = true;
		}
	}
	return found;
}

/* The byte where the word holding byte `at` begins, on line `pl`. */
static int word_start(PangoLayoutLine *pl, const char *text, int at)
{
	while (at > pl->start_index && text[at - 1] != ' ' && text[at - 1] != '\t')
		at--;
	return at;
}

static void add_attr(PangoLayout *layout, PangoAttribute *a, int start, int end)
{
	PangoAttrList *attrs = pango_attr_list_copy(pango_layout_get_attributes(layout));
	if (!attrs)
		attrs = pango_attr_list_new();
	a->start_index = (guint)start;
	a->end_index = (guint)end;
	pango_attr_list_change(attrs, a);
	pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_NONE);
	pango_layout_set_attributes(layout, attrs);
	pango_attr_list_unref(attrs);
}

void vndoc_layout__italic_room(const vndoc_layout *l, PangoLayout *layout, const vndoc_layout__span *spans,
			       size_t n_spans, bool ends)
{
	const char *text = pango_layout_get_text(layout);
	int len = (int)strlen(text), width = pango_layout_get_width(layout);
	int indent = pango_layout_get_indent(layout), moved = 0;
	bool justify = pango_layout_get_justify(layout);

	/* LibreOffice's alone: Word keeps the word (see above) */
	if (l->doc->compat_mode < 15 || vndoc_layout__word(l) || width <= 0 || !any_italic(spans, n_spans))
		return;
	for (int k = 0; k < pango_layout_get_line_count(layout) && moved < VNDOC_LIMIT_LAYOUT_ITALIC; k++) {
		PangoLayoutLine *pl = pango_layout_get_line_readonly(layout, k);
		PangoLayoutLine *next = k + 1 < pango_layout_get_line_count(layout)
						? pango_layout_get_line_readonly(layout, k + 1) : NULL;
		int room = width, end = 0, at = 0, need = 0, stop = pl->start_index + pl->length, word;

		if (pl->is_paragraph_start && indent >= 0)
			room -= indent;
		else if (!pl->is_paragraph_start && indent < 0)
			room += indent;
		if (!last_italic(pl, text, spans, n_spans, justify, &end, &at, &need) || end + need <= room)
			continue;
		word = word_start(pl, text, at);
		if (word <= pl->start_index)
			continue; /* the line's first word: it stays */
		if (next && !next->is_paragraph_start && stop < len) {
			/* no break after the word: it goes down with the next one */
			int to = stop;
			while (to > word && (text[to - 1] == ' ' || text[to - 1] == '\t'))
				to--;
			if (to == stop)
				to = (int)(g_utf8_prev_char(text + stop) - text);
			add_attr(layout, pango_attr_allow_breaks_new(FALSE), to, (int)(g_utf8_next_char(text + stop) - text));
		} else if (!next && ends) {
			add_attr(layout, pango_attr_letter_spacing_new(need), at,
				 (int)(g_utf8_next_char(text + at) - text));
		} else {
			continue;
		}
		moved++;
		pl = pango_layout_get_line_readonly(layout, k);
		if (pl->start_index + pl->length != stop)
			k--; /* the same line again */
	}
}
