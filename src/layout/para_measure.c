/*
 * layout/para_measure.c: a paragraph measured: cut into segments at
 * explicit breaks, each laid out by Pango into lines, with its borders;
 * laid out again beside a floating picture or in a column of another
 * width.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/limits.h"
#include "layout/para.h"
#include "vn/vn.h"


/* What a segment's lines are laid out from (layout_internal.h). */
struct vndoc_layout__src {
	const vndoc_docx_para *p;  /* borrowed: held while the segment is placed */
	size_t from, to;           /* the segment's inlines */
	double width;              /* the column's */
	char *text;                /* the segment's text (owned) */
	int len;
	PangoAttrList *attrs;      /* a reference */
	vndoc_layout__span *spans;               /* owned */
	size_t n_spans;
	bool border_top, border_bottom; /* the paragraph's first, last segment */
	bool hangs;                /* spaces made to hang (hang_spaces): shaped apart (fonts.c) */
};

static void src_free(vndoc_layout__src *src)
{
	if (!src)
		return;
	g_free(src->text);
	if (src->attrs)
		pango_attr_list_unref(src->attrs);
	free(src->spans);
	free(src);
}

/* Paragraph borders take room in LibreOffice: the border's width and its
 * distance to the text go above the first line and below the last. */
static void add_border_top(const vndoc_docx_para *p, double width, vndoc_layout__line *first)
{
	const vndoc_docx_border *t = &p->ppr.border_top;
	double x = TW(p->ppr.ind_left), w = width - TW(p->ppr.ind_left) - TW(p->ppr.ind_right);
	if (t->style != VNDOC_DOCX_BORDER_NONE) {
		double bw = vndoc_layout__border_width(t), pre = bw + t->space;
		first->rule_top = t;
		first->rule_top_y = bw / 2;
		first->top += pre;
		first->base += pre;
		first->h += pre;
		first->rule_x = x;
		first->rule_w = w;
	}
}

static void add_border_bottom(const vndoc_docx_para *p, double width, vndoc_layout__line *last)
{
	const vndoc_docx_border *b = &p->ppr.border_bottom;
	double x = TW(p->ppr.ind_left), w = width - TW(p->ppr.ind_left) - TW(p->ppr.ind_right);
	if (b->style != VNDOC_DOCX_BORDER_NONE) {
		double bw = vndoc_layout__border_width(b);
		last->rule_bottom = b;
		last->rule_bottom_y = last->top + last->text_h + b->space + bw / 2;
		last->h += b->space + bw;
		last->hang = 0;
		last->rule_x = x;
		last->rule_w = w;
	}
}

/* The spans of the segment's text from byte `offset` to `end`, moved to
 * begin there (*n_out of them; the caller frees the array). */
static vndoc_layout__span *spans_from(const vndoc_layout__src *src, int offset, int end, size_t *n_out)
{
	size_t n_after, n = 0;
	const vndoc_layout__span *after = vndoc_layout__spans_at(src->spans, src->n_spans, offset, &n_after);
	vndoc_layout__span *spans = vndoc_xcalloc(n_after + 1, sizeof *spans);
	for (size_t i = 0; i < n_after && after[i].start < end; i++) {
		spans[n] = after[i];
		spans[n].start = spans[n].start > offset ? spans[n].start - offset : 0;
		spans[n++].end -= offset;
	}
	*n_out = n;
	return spans;
}

/* Does the text begin right to left: is its first letter of a
 * right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko and their
 * presentation forms)?  Pango lays a layout out in the direction of its
 * first strong character and then swaps left and right alignment.  The
 * directional marks and embeddings are strong characters to Pango too
 * (pango_find_base_dir): poi-stress011's right-to-left heading "لجنة حقوق
 * الطفل" begins with a left-to-right mark, and was drawn on the left. */
static bool starts_rtl(const char *text)
{
	for (const char *q = text; q && *q; q = g_utf8_next_char(q)) {
		gunichar c = g_utf8_get_char(q);
		if (c == 0x200E || c == 0x202A || c == 0x202D) /* LRM, LRE, LRO */
			return false;
		if (c == 0x200F || c == 0x061C || c == 0x202B || c == 0x202E) /* RLM, ALM, RLE, RLO */
			return true;
		if (!g_unichar_isalpha(c))
			continue;
		return (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF) ||
		       (c >= 0x10800 && c <= 0x10FFF) || (c >= 0x1E800 && c <= 0x1EFFF);
	}
	return false;
}

/* Pango's alignment for the physical one `align` wants (left, right,
 * centre; justified lines end on the left, or on the right in a
 * right-to-left paragraph): swapped where Pango will swap it back. */
static PangoAlignment pango_align(PangoLayout *layout, PangoAlignment align)
{
	if (align != PANGO_ALIGN_CENTER && starts_rtl(pango_layout_get_text(layout)))
		return align == PANGO_ALIGN_LEFT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
	return align;
}

/*
 * The letter spacing of the segment's text when all its runs share one
 * (twips), else 0.  LibreOffice adds a run's spacing after each glyph
 * but leaves the line's last glyph's out when it breaks the line
 * (OutputDevice::GetTextBreak adds it after the test); Pango's breaking
 * counts it: "abcdefghij X" spaced by 1 pt fits from 41.1 pt in
 * LibreOffice, from 40.1 in Pango.  The layout is widened by it.
 */
static int uniform_spacing(const vndoc_layout__src *src)
{
	int sp = 0;
	bool seen = false;
	for (size_t i = src->from; i < src->to; i++) {
		const vndoc_docx_inline *in = &src->p->inlines[i];
		if (in->kind != VNDOC_DOCX_INLINE_TEXT)
			continue;
		if (seen && in->rpr.spacing != sp)
			return 0;
		sp = in->rpr.spacing;
		seen = true;
	}
	return sp;
}

/* How far a list label right-aligned (lvlJc right) or centred on its
 * place stands left of it, in points: its width, or half of it (Word and
 * LibreOffice; vn-websec-baocao p46, "[1]." right-aligned at 18 pt, its
 * text after the tab at the hanging indent, 36 pt: vndoc set the label
 * from 18 pt, past 36, and the tab went to the style's centre stop). */
static double label_shift(vndoc_layout *l, PangoLayout *layout, const vndoc_layout__src *src)
{
	const vndoc_docx_para *p = src->p;
	PangoLayout *m;
	PangoRectangle r;
	size_t n = 0, i;
	if (!p->ppr.label_jc || p->ppr.bidi)
		return 0;
	for (i = 0; i < p->n_inlines && p->inlines[i].rpr.label && p->inlines[i].kind == VNDOC_DOCX_INLINE_TEXT; i++)
		n += strlen(p->inlines[i].text);
	if (!n || n > (size_t)src->len || strncmp(src->text, p->inlines[0].text, strlen(p->inlines[0].text)))
		return 0;
	m = pango_layout_new(l->ctx);
	pango_layout_set_font_description(m, pango_layout_get_font_description(layout));
	pango_layout_set_text(m, src->text, (int)n);
	pango_layout_set_attributes(m, pango_layout_get_attributes(layout));
	pango_layout_get_extents(m, NULL, &r);
	g_object_unref(m);
	return p->ppr.label_jc == 2 ? PT(r.width) : PT(r.width) / 2;
}

/* The paragraph's width, indents, alignment and tab stops on `layout`,
 * its text area narrowed by dl and dr; `first`: the first line has the
 * first-line indent.  Returns the lines' origin from the column's left
 * edge. */
static double set_geometry(vndoc_layout *l, PangoLayout *layout, const vndoc_layout__src *src, double dl,
			   double dr, bool first)
{
	vndoc_docx_ppr shifted;
	const vndoc_docx_ppr *ppr = &src->p->ppr;
	double origin, lw, avail = src->width - TW(ppr->ind_left) - TW(ppr->ind_right) - dl - dr;
	/* A right-to-left paragraph starts on the right: its left indent and
	 * a hanging first line are on that side (LibreOffice 7.4, as Word). */
	double start_side = TW(ppr->bidi ? ppr->ind_right : ppr->ind_left);
	PangoAlignment start = ppr->bidi ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
	PangoTabArray *tabs;

	/* a label right-aligned or centred on the first line's start */
	if (first && src->from == 0 && src->p->ppr.label_jc) {
		shifted = *ppr;
		shifted.ind_first -= (int)lround(label_shift(l, layout, src) * 20);
		ppr = &shifted;
	}
	if (ppr->ind_first < 0 && first) {
		origin = ppr->bidi ? start_side : TW(ppr->ind_left + ppr->ind_first);
		lw = avail - TW(ppr->ind_first);
	} else {
		origin = start_side;
		lw = avail;
	}
	origin += dl;
	lw += TW(uniform_spacing(src));
	if (lw < 1)
		lw = 1;
	pango_layout_set_width(layout, PU(lw));
	/* Only the first segment of a paragraph has the first-line indent. */
	pango_layout_set_indent(layout, first ? PU(TW(ppr->ind_first)) : 0);
	switch (ppr->align) {
	case VNDOC_DOCX_ALIGN_CENTER: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER); break;
	case VNDOC_DOCX_ALIGN_RIGHT:
		pango_layout_set_alignment(layout, pango_align(layout, ppr->bidi ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT));
		break;
	case VNDOC_DOCX_ALIGN_BOTH:
		pango_layout_set_alignment(layout, pango_align(layout, start));
		pango_layout_set_justify(layout, TRUE);
		break;
	default: pango_layout_set_alignment(layout, pango_align(layout, start)); break;
	}
	/* Pango measures a right-to-left layout's tab stops from its right
	 * edge, Word from the text area's right edge there. */
	if ((tabs = vndoc_layout__make_tabs(l, ppr, ppr->bidi ? src->width - origin - lw : origin, lw))) {
		pango_layout_set_tabs(layout, tabs);
		pango_tab_array_free(tabs);
	}
	return origin;
}

/*
 * A tab stop past the right margin in a document made for Word before
 * 2013 (compatibilityMode < 15: LibreOffice's TabOverMargin): a tab to it
 * still goes there, and the rest of the paragraph stays on its line, past
 * the margin (vn-nd30-pl3, mode 11: "Căn cứ", a dotted left tab at 8789
 * twips in a text area of 8787, then ";"; in mode 15 LibreOffice puts
 * the ";" on the next line and draws no dots).  When the paragraph's first
 * line holds such a tab, the layout is not wrapped at all; otherwise it
 * is left as it is.  `src` from its start, whole.
 */
static void tab_over_margin(PangoLayout *layout, const vndoc_layout__src *src, double origin)
{
	const vndoc_docx_ppr *ppr = &src->p->ppr;
	int width = pango_layout_get_width(layout);
	bool over = false;

	for (int i = 0; i < ppr->n_tabs; i++)
		if (PU(TW(ppr->tabs[i].pos) - origin) > width)
			over = true;
	if (!over || !memchr(src->text, '\t', (size_t)src->len))
		return;
	pango_layout_set_width(layout, -1);
	for (int i = 0; i < src->len; i++) {
		PangoRectangle pos;
		int line;
		if (src->text[i] != '\t')
			continue;
		pango_layout_index_to_pos(layout, i, &pos);
		if (pos.x + pos.width <= width)
			continue;
		pango_layout_index_to_line_x(layout, i, FALSE, &line, NULL);
		if (line == 0 && pos.x <= width)
			return; /* the first line's tab goes past the margin */
		break;
	}
	pango_layout_set_width(layout, width);
}

/* Is there an explicit stop of `ppr` beyond x (points from the layout's
 * left edge, whose stops begin at `origin`)? */
static bool stop_beyond(const vndoc_docx_ppr *ppr, double origin, double x)
{
	for (int i = 0; i < ppr->n_tabs; i++)
		if (TW(ppr->tabs[i].pos) - origin > x + 0.01)
			return true;
	return false;
}

/*
 * A tab that finds no stop before the right margin begins the next line,
 * where it goes to the first stop again (Word, and LibreOffice 7.4):
 * vn-mvb-form-vochong p2, ten tabs to one dotted right stop near the
 * margin are ten dotted lines in Word's PDF (p1: "CMND/CCCD số:" TAB
 * " do:" TAB TAB, the third tab begins line 2).  Only a default stop
 * counts as none: a tab to an explicit stop a little past the margin stays
 * (vn-langassist-baocao's table of contents, its right stop 2 twips past
 * the margin).  Pango lets a tab always fit its line and never breaks
 * before one.  The first tab of the layout's first `keep` lines that ends
 * past the layout's width at a default stop and does not begin its line:
 * *line, and *at its byte.  Not looked for in a layout not wrapped
 * (tab_over_margin) nor right to left, nor in a document made for Word
 * before 2013 (compatibilityMode < 15, LibreOffice's TabOverMargin): there
 * the tab stays past the margin (vn-nd30-pl3 p3, "..\t" ending a full line
 * of dots stays on it in LibreOffice 7.4).
 */
static bool tab_wraps(PangoLayout *layout, const vndoc_docx_ppr *ppr, double origin, const char *text, int len,
		      int keep, int *line, int *at)
{
	int width = pango_layout_get_width(layout);
	const char *t = text, *end = text + len;

	if (width <= 0 || ppr->bidi)
		return false;
	while ((t = memchr(t, '\t', (size_t)(end - t)))) {
		int i = (int)(t - text), k;
		PangoRectangle pos;
		t++;
		pango_layout_index_to_line_x(layout, i, FALSE, &k, NULL);
		if (k >= keep)
			return false;
		if (pango_layout_get_line_readonly(layout, k)->start_index == i)
			continue;
		pango_layout_index_to_pos(layout, i, &pos);
		if (pos.x + pos.width > width + PU(VNDOC_LAYOUT__TAB_SLACK) && !stop_beyond(ppr, origin, PT(pos.x))) {
			*line = k;
			*at = i;
			return true;
		}
	}
	return false;
}

/*
 * An empty paragraph whose mark is a superscript or a subscript takes no
 * room in LibreOffice 7.4 but its line spacing's extra height (at 1.15,
 * 2.4 pt of a 14 pt line; at double, 16.1) when its line holds anything
 * but the mark: centred, right-aligned or justified (vn-nd30-pl3 and pl5
 * close their title block with such a paragraph under a superscript rule
 * "_________", and LibreOffice puts the next heading right under the
 * rule), or, left-aligned, beside a floating object (place_para.c; vn-nd30-pl3
 * p7: a text box of the paragraph above).  Left-aligned with nothing
 * beside it, it takes its mark's line: LibreOffice's shortcut for an empty
 * paragraph (SwTextFrame::FormatEmpty), which the alignment or an object
 * overlapping it turns off.  Word gives the paragraph its line, so only
 * where another application (LibreOffice) wrote the document, as its
 * author saw it there.
 */
static bool empty_escaped(const vndoc_layout *l, const vndoc_layout__src *src)
{
	const vndoc_docx_para *p = src->p;
	return src->len == 0 && l->doc->other_app && p->mark.vert_align != VNDOC_DOCX_VALIGN_BASELINE &&
	       !p->mark.position;
}

/* Appends the first `keep` lines of `layout` (the text of `src` from byte
 * `offset`) to seg. */
static void add_lines(vndoc_layout *l, vndoc_layout__seg *seg, PangoLayout *layout, const vndoc_layout__src *src,
		      int offset, int keep, const vndoc_layout__span *spans, size_t n_spans,
		      const PangoFontDescription *mark, const PangoFontDescription *para, double origin, double dl,
		      double dr)
{
	const vndoc_docx_ppr *ppr = &src->p->ppr;
	const char *text = src->text + offset;
	size_t n_lines = seg->n_lines + (size_t)keep;
	PangoLayoutIter *it;

	seg->lines = vndoc_xreallocarray(seg->lines, n_lines ? n_lines : 1, sizeof *seg->lines);
	it = pango_layout_get_iter(layout);
	do {
		PangoLayoutLine *pl = pango_layout_iter_get_line_readonly(it);
		PangoRectangle logical;
		vndoc_layout__line *ln;
		double asc, desc, gap, text_asc;
		char *t;

		if (seg->n_lines == n_lines)
			break; /* cannot happen: Pango counted its lines */
		ln = &seg->lines[seg->n_lines++];
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		vndoc_layout__line_metrics(l, pl, spans, n_spans, mark, para, &asc, &desc, &gap, &text_asc);
		memset(ln, 0, sizeof *ln);
		vndoc_layout__apply_line_rule(ppr, asc, desc, gap, text_asc, vndoc_layout__word_fonts(l), &ln->h,
					      &ln->base, &ln->hang);
		if (empty_escaped(l, src) && ppr->align != VNDOC_DOCX_ALIGN_LEFT) {
			ln->h = ln->hang;
			ln->base = 0;
		} else if (empty_escaped(l, src)) {
			ln->full_h = ln->h;
			ln->full_base = ln->base;
		}
		ln->text_h = ln->h;
		ln->pl = pl;
		ln->x = origin + PT(logical.x);
		ln->w = PT(logical.width);
		ln->start = offset + pl->start_index;
		ln->wrap_l = dl;
		ln->wrap_r = dr;
		t = vndoc_layout__line_text(text, pl);
		vndoc_layout__keep_text(layout, t);
		ln->text = t;
		vndoc_layout__line_images(l, spans, n_spans, pl, ln);
		vndoc_layout__line_notes(spans, n_spans, pl, ln);
		vndoc_layout__line_decos(spans, n_spans, pl, ln);
		if (ppr->n_tabs)
			vndoc_layout__line_leaders(l, seg, ppr, text, spans, n_spans, origin, PT(logical.x), pl, ln);
		vndoc_layout__line_rubies(l, seg, spans, n_spans, pl, ln);
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

/* Floating pictures go with the segment's first line. */
static void add_floats(vndoc_layout *l, const vndoc_layout__src *src, vndoc_layout__line *ln)
{
	const vndoc_docx_para *p = src->p;
	for (size_t i = src->from; i < src->to; i++) {
		const vndoc_docx_inline *in = &p->inlines[i];
		if (in->kind != VNDOC_DOCX_INLINE_FLOAT || (!in->drawing && in->image >= l->n_images))
			continue;
		ln->floats = vndoc_xreallocarray(ln->floats, ln->n_floats + 1, sizeof *ln->floats);
		ln->floats[ln->n_floats].in = in;
		ln->floats[ln->n_floats++].image = in->drawing ? NULL : &l->images[in->image];
	}
}

/* How many of the lines of a piece ending at `end` (before the text's
 * end) to keep: those ending a quarter of the piece before its end, whose
 * breaks saw the text after them as a layout of the whole would; 0 when
 * none does. */
static int lines_to_keep(PangoLayout *layout, int offset, int end)
{
	int keep = 0, last = end - offset - (end - offset) / 4;
	for (GSList *ll = pango_layout_get_lines_readonly(layout); ll && ll->next; ll = ll->next) {
		const PangoLayoutLine *pl = ll->data;
		if (pl->start_index + pl->length > last)
			break;
		keep++;
	}
	return keep;
}

/* The smallest font size (points) of the text from byte `offset`. */
static double min_size(const vndoc_layout__src *src, int offset)
{
	double least = src->p->mark.size / 2.0;
	for (size_t i = 0; i < src->n_spans; i++)
		if (src->spans[i].end > offset && src->spans[i].rpr && src->spans[i].rpr->size / 2.0 < least)
			least = src->spans[i].rpr->size / 2.0;
	return least > 1 ? least : 1;
}

/*
 * Lays out the segment's text from byte `offset` (a line's start) to
 * `end` with its text area narrowed by `dl` on the left and `dr` on the
 * right, and appends its lines to seg: all of them at the text's end,
 * else those lines_to_keep says (at least one when `force`).  *next: where
 * the lines kept end (offset when none is).  From 0 the first line has the
 * first-line indent; from elsewhere every line is a following one.
 * `win`: the attributes of a piece, when the text is laid out in pieces.
 * `cut` (NULL: not looked for): the byte where LibreOffice breaks the first
 * word too long for its line that Pango breaks elsewhere (long_word.c), the
 * lines kept ending where that line begins; 0 when there is none.
 */
static int lay_out_piece(vndoc_layout *l, vndoc_layout__seg *seg, const vndoc_layout__src *src, int offset,
			 int end, vndoc_layout__window *win, bool force, double dl, double dr, int *next,
			 int *cut, vndoc_error *err)
{
	const vndoc_docx_para *p = src->p;
	const char *text = src->text + offset;
	PangoAttrList *attrs;
	PangoLayout *layout = pango_layout_new(l->ctx);
	PangoFontDescription *mark = vndoc_layout__font_desc(l, &p->mark);
	PangoFontDescription *para = p->base.size > 0 ? vndoc_layout__font_desc(l, &p->base) : NULL;
	vndoc_layout__span *spans;
	size_t n_spans;
	double origin;
	bool first = offset == 0 && (src->from == 0 || p->ppr.ind_first < 0);
	vndoc_layout__shaping sh = VNDOC_LAYOUT__SHAPING_INIT;
	vndoc_layout__presplit ps = { 0 };
	int error = 0, keep, long_line, long_cut, tab_line, tab_at;
	bool one;

	/* The spans and attributes of the text from `offset`. */
	spans = spans_from(src, offset, end, &n_spans);
	if (win) {
		attrs = vndoc_layout__window_attrs(win, offset, end);
	} else if (offset > 0) {
		attrs = pango_attr_list_copy(src->attrs);
		pango_attr_list_update(attrs, 0, offset, 0);
	} else {
		attrs = pango_attr_list_ref(src->attrs);
	}
	pango_layout_set_text(layout, text, end - offset);
	pango_layout_set_attributes(layout, attrs);
	/* The layout's base font: a run's description overrides only what it
	 * sets, so the mark's character scaling (w:w) would stretch every
	 * unscaled run (en-resume-anshul: a mark at 95% narrowed its line). */
	pango_font_description_unset_fields(mark, PANGO_FONT_MASK_VARIATIONS);
	pango_layout_set_font_description(layout, mark);
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	origin = set_geometry(l, layout, src, dl, dr, first);
	/* A short text whole: one shaping if it fits on one line (one_line.c). */
	one = !win && end == src->len &&
	      vndoc_layout__one_line_try(layout, text, end - offset, min_size(src, offset),
					 PT(pango_layout_get_width(layout)));

	/* Pango shapes the text when first asked about its lines; from here
	 * to the end, it and the tab leaders are shaped (see fonts.c). */
	vndoc_layout__shaping_add_rpr(l, &sh, &p->mark);
	for (size_t i = 0; i < n_spans; i++)
		if (spans[i].rpr)
			vndoc_layout__shaping_add_rpr(l, &sh, spans[i].rpr);
	if (src->hangs)
		vndoc_layout__shaping_tag(&sh, "+hang");
	vndoc_layout__shaping_begin(&sh);
	if (offset == 0 && end == src->len && dl == 0 && dr == 0 && l->doc->compat_mode < 15)
		tab_over_margin(layout, src, origin);
	if (one)
		vndoc_layout__one_line_check(layout);
	else
		vndoc_layout__presplit_begin(l, layout, &ps);
again:
	if ((error = vndoc_layout__fallback_check(l, layout, err)) < 0) {
		vndoc_error_set_excerpt(err, text, (size_t)(src->len - offset));
		goto done;
	}
	vndoc_layout__italic_room(l, layout, spans, n_spans, end == src->len);
	vndoc_layout__shrink_lines(l, layout);
	vndoc_layout__justify_hanging(layout);
	vndoc_layout__justify_after_tab(layout);
	vndoc_layout__unjustify_words(layout);
	if (!one && !vndoc_layout__presplit_end(&ps, layout))
		goto again;
	keep = end == src->len ? pango_layout_get_line_count(layout) : lines_to_keep(layout, offset, end);
	if (keep == 0 && force)
		keep = 1;
	if (cut) {
		*cut = 0;
		if (vndoc_layout__long_word(layout, spans, n_spans,
					    offset == 0 ? !(n_spans && spans[0].rpr && spans[0].rpr->label)
							: src->text[offset - 1] == ' ',
					    &long_line, &long_cut) &&
		    long_line < keep) {
			keep = long_line;
			*cut = offset + long_cut;
			*next = offset + pango_layout_get_line_readonly(layout, long_line)->start_index;
		}
	}
	if (cut && l->doc->compat_mode >= 15 && memchr(text, '\t', (size_t)(end - offset)) &&
	    tab_wraps(layout, &p->ppr, origin, text, end - offset, keep, &tab_line, &tab_at)) {
		keep = tab_line;
		*cut = offset + tab_at;
		*next = offset + pango_layout_get_line_readonly(layout, tab_line)->start_index;
	}
	if (!cut || !*cut)
		*next = offset;
	if (keep > 0) {
		PangoLayoutLine *after = keep < pango_layout_get_line_count(layout)
						 ? pango_layout_get_line_readonly(layout, keep) : NULL;
		if (!cut || !*cut)
			*next = after ? offset + after->start_index : end;
		add_lines(l, seg, layout, src, offset, keep, spans, n_spans, mark, para, origin, dl, dr);
		/* The lines borrow from the layout: keep it until the layout is freed. */
		vndoc_layout__keep_layout(l, seg, layout);
	}

done:
	if (ps.orig)
		pango_attr_list_unref(ps.orig);
	vndoc_layout__shaping_end(&sh);
	free(spans);
	pango_font_description_free(mark);
	if (para)
		pango_font_description_free(para);
	pango_attr_list_unref(attrs);
	g_object_unref(layout);
	return error;
}

/*
 * Lays out the segment's text from byte `offset` to its end (see
 * lay_out_piece), in pieces when it is long (para_chunk.c): each piece's
 * lines that end well before its end are kept, the rest laid out again
 * with the next; a piece too short for a line is made longer.
 */
static int lay_out(vndoc_layout *l, vndoc_layout__seg *seg, const vndoc_layout__src *src, int offset,
		   double dl, double dr, vndoc_error *err)
{
	vndoc_layout__window win;
	size_t first_line = seg->n_lines;
	int chunk = VNDOC_LIMIT_LAYOUT_CHUNK_BYTES, error = 0, from = offset, long_words = 0;
	bool pieces = false;

	do {
		/* the longest piece here whose widest run Pango can add up */
		int most = vndoc_layout__chunk_most(&src->p->mark, src->spans, src->n_spans, from, from + chunk);
		int end, next, cut = 0;
		if (chunk > most)
			chunk = most;
		end = vndoc_layout__chunk_end(src->text, src->len, from, chunk);
		if (end < src->len && !pieces) {
			vndoc_layout__window_init(&win, src->attrs);
			pieces = true;
		}
		error = lay_out_piece(l, seg, src, from, end, pieces ? &win : NULL, chunk >= most, dl, dr, &next,
				      long_words < VNDOC_LIMIT_LAYOUT_LONG_WORDS ? &cut : NULL, err);
		if (error < 0)
			break;
		if (cut) {
			/* the long word's line up to LibreOffice's break, as a piece of its own */
			if (!pieces) {
				vndoc_layout__window_init(&win, src->attrs);
				pieces = true;
			}
			error = lay_out_piece(l, seg, src, next, cut, &win, true, dl, dr, &next, NULL, err);
			if (error < 0)
				break;
			long_words++;
			chunk = VNDOC_LIMIT_LAYOUT_CHUNK_BYTES;
			from = next;
			continue;
		}
		if (next == from && chunk >= most)
			break; /* cannot happen: a forced piece keeps a line */
		/* a piece too short for a line: a longer one */
		chunk = next == from ? (chunk > most / 2 ? most : chunk * 2) : VNDOC_LIMIT_LAYOUT_CHUNK_BYTES;
		from = next;
	} while (from < src->len);
	if (pieces)
		vndoc_layout__window_free(&win);
	if (error == 0 && offset == 0 && seg->n_lines > first_line)
		add_floats(l, src, &seg->lines[first_line]);
	return error;
}

/* The text of the first inline from `i` to `to` that has any, when it is
 * a run's text (vndoc_layout__tab_breaks). */
static const char *next_text(const vndoc_docx_para *p, size_t i, size_t to)
{
	for (; i < to; i++) {
		const vndoc_docx_inline *in = &p->inlines[i];
		if (in->kind != VNDOC_DOCX_INLINE_TEXT)
			return NULL;
		if (in->text && *in->text)
			return in->text;
	}
	return NULL;
}

/* Is `s` only no-break spaces (U+00A0)? */
static bool nbsp_only(const char *s)
{
	for (; s && *s; s += 2)
		if ((unsigned char)s[0] != 0xc2 || (unsigned char)s[1] != 0xa0)
			return false;
	return s != NULL;
}

/*
 * No-break spaces that end a table cell's paragraph hang past its right
 * edge, as spaces do, in a document of Word 2010 or older
 * (compatibilityMode 14 and below): LibreOffice 7.4 puts "(per 100,000
 * women)" and two no-break spaces on one line of a 108 pt cell of
 * poi-bug59058; in compatibility mode 15, or out of a table, the no-break
 * spaces count and "women)" goes to a second line.  They become spaces.
 * The inlines from *first on are only no-break spaces; the one before may
 * end in some.
 */
static bool nbsp_tail(const vndoc_layout *l, const vndoc_docx_para *p, size_t from, size_t to, size_t *first)
{
	size_t k = to;
	if (!l->in_cell || l->doc->compat_mode > 14 || to != p->n_inlines)
		return false;
	while (k > from && p->inlines[k - 1].kind == VNDOC_DOCX_INLINE_TEXT && nbsp_only(p->inlines[k - 1].text))
		k--;
	*first = k;
	return true;
}

/* The no-break spaces at the end of text[start..] become spaces. */
static void nbsp_to_spaces(GString *text, size_t start)
{
	size_t end = text->len, n = 0;
	while (end >= start + 2 && (unsigned char)text->str[end - 2] == 0xc2 &&
	       (unsigned char)text->str[end - 1] == 0xa0) {
		end -= 2;
		n++;
	}
	g_string_truncate(text, end);
	while (n--)
		g_string_append_c(text, ' ');
}

static int measure_segment(vndoc_layout *l, const vndoc_docx_para *p, size_t from, size_t to,
			   double width, vndoc_layout__seg *seg, vndoc_error *err)
{
	GString *text = g_string_new(NULL);
	vndoc_layout__src *src = vndoc_xcalloc(1, sizeof *src);
	vndoc_layout__span *spans = vndoc_xcalloc(to - from + 1, sizeof *spans);
	size_t n_spans = 0;
	size_t tail = SIZE_MAX;
	int error, label_from = -1, label_tab = -1;

	src->attrs = pango_attr_list_new();
	if (!nbsp_tail(l, p, from, to, &tail))
		tail = SIZE_MAX;
	for (size_t i = from; i < to; i++) {
		const vndoc_docx_inline *in = &p->inlines[i];
		int start = (int)text->len;
		/* A legacy font's text as the Unicode it means (legacy_font.c). */
		char *legacy = in->kind == VNDOC_DOCX_INLINE_TEXT ? vndoc_layout__legacy_text(l, &in->rpr, in->text)
								   : NULL;
		vndoc_layout__append_inline(text, l, in, legacy);
		/* small caps map the run's own text to its bytes: none put in */
		if (in->kind == VNDOC_DOCX_INLINE_TEXT && !in->rpr.small_caps)
			vndoc_layout__hyphen_breaks(text, (size_t)start, vndoc_layout__word_fonts(l));
		if (tail != SIZE_MAX && i + 1 >= tail)
			nbsp_to_spaces(text, (size_t)start);
		/* a list label and its tab, kept with the word after (keep.c) */
		if (in->rpr.label && label_from < 0)
			label_from = start;
		if (in->kind == VNDOC_DOCX_INLINE_TAB && in->rpr.label)
			label_tab = start;
		else if (in->kind == VNDOC_DOCX_INLINE_TAB && vndoc_layout__tab_breaks(next_text(p, i + 1, to)))
			g_string_append(text, VNDOC_LAYOUT__ZWSP);
		if ((int)text->len > start) {
			vndoc_layout__add_run_attrs(l, src->attrs, &in->rpr, start, (int)text->len);
			if (in->rpr.spacing)
				vndoc_layout__keep_ligatures(src->attrs, text->str, start, (int)text->len,
							     PU(TW(in->rpr.spacing)));
			if (in->kind == VNDOC_DOCX_INLINE_TEXT && in->rpr.small_caps && !in->rpr.caps)
				vndoc_layout__small_caps(src->attrs, &in->rpr, legacy ? legacy : in->text, start);
			if (in->kind == VNDOC_DOCX_INLINE_NOTE_REF)
				vndoc_layout__keep_note_ref(src->attrs, text->str, start, (int)text->len);
			if (in->kind == VNDOC_DOCX_INLINE_IMAGE)
				vndoc_layout__add_image_attr(src->attrs, in, start, (int)text->len,
							     width - TW(p->ppr.ind_left) - TW(p->ppr.ind_right));
			spans[n_spans].start = start;
			spans[n_spans].end = (int)text->len;
			spans[n_spans].in = in;
			spans[n_spans++].rpr = &in->rpr;
		}
		g_free(legacy);
	}
	/* A line break that ends the paragraph leaves an empty line after it
	 * (Word, LibreOffice); Pango gives none after a final separator, so
	 * a zero-width space in the paragraph mark's font holds it. */
	if (to > from && to == p->n_inlines && p->inlines[to - 1].kind == VNDOC_DOCX_INLINE_LINE_BREAK) {
		int start = (int)text->len;
		g_string_append(text, VNDOC_LAYOUT__ZWSP);
		vndoc_layout__add_run_attrs(l, src->attrs, &p->mark, start, (int)text->len);
	}
	{
		PangoFontDescription *mark = vndoc_layout__font_desc(l, &p->mark);
		vndoc_layout__cluster_fallback(l->ctx, src->attrs, mark, text->str, (int)text->len);
		pango_font_description_free(mark);
	}
	vndoc_layout__keep_breaks(src->attrs, text->str, (int)text->len, vndoc_layout__word_fonts(l));
	vndoc_layout__no_cut_hyphens(src->attrs, text->str, (int)text->len);
	if (label_tab >= 0)
		vndoc_layout__keep_label(src->attrs, text->str, (int)text->len, label_from, label_tab);
	src->hangs = vndoc_layout__hang_spaces(l, src->attrs, text->str, (int)text->len, spans, n_spans,
					       p->ppr.align == VNDOC_DOCX_ALIGN_LEFT && !p->ppr.bidi);
	src->p = p;
	src->from = from;
	src->to = to;
	src->width = width;
	src->len = (int)text->len;
	src->text = g_string_free(text, FALSE);
	src->spans = spans;
	src->n_spans = n_spans;
	seg->src = src;
	seg->area_l = TW(p->ppr.ind_left);
	seg->area_r = width - TW(p->ppr.ind_right);
	error = lay_out(l, seg, src, 0, 0, 0, err);
	/* Only body paragraphs wrap around pictures. */
	if (!l->body_para) {
		src_free(src);
		seg->src = NULL;
	}
	return error;
}

/* Frees lines [from, n_lines) of seg. */
static void lines_free(vndoc_layout__seg *seg, size_t from)
{
	for (size_t k = from; k < seg->n_lines; k++) {
		free(seg->lines[k].imgs);
		free(seg->lines[k].leaders);
		free(seg->lines[k].floats);
		free(seg->lines[k].decos);
		free(seg->lines[k].notes);
	}
	if (from < seg->n_lines)
		seg->n_lines = from;
}

int vndoc_layout__seg_rewrap(vndoc_layout *l, vndoc_layout__seg *seg, size_t from, double dl, double dr,
			     vndoc_error *err)
{
	const vndoc_layout__src *src = seg->src;
	int offset, error;
	if (!src || from >= seg->n_lines)
		return 0;
	offset = seg->lines[from].start;
	lines_free(seg, from);
	if ((error = lay_out(l, seg, src, offset, dl, dr, err)) < 0)
		return error;
	if (from == 0 && src->border_top && seg->n_lines)
		add_border_top(src->p, src->width, &seg->lines[0]);
	if (src->border_bottom && seg->n_lines)
		add_border_bottom(src->p, src->width, &seg->lines[seg->n_lines - 1]);
	return 0;
}

int vndoc_layout__seg_rewidth(vndoc_layout *l, vndoc_layout__seg *seg, size_t from, double width,
			      vndoc_error *err)
{
	vndoc_layout__src *src = seg->src;
	if (!src || from >= seg->n_lines || fabs(src->width - width) < 0.01)
		return 0;
	src->width = width;
	seg->area_r = width - TW(src->p->ppr.ind_right);
	return vndoc_layout__seg_rewrap(l, seg, from, 0, 0, err);
}

/* A heading's text for the outline: its runs (numbering included), tabs
 * and breaks as spaces, white space at the ends dropped. */
static const char *heading_title(vndoc_layout *l, const vndoc_docx_para *p)
{
	GString *t = g_string_new(NULL);
	char *nfc;
	for (size_t i = 0; i < p->n_inlines; i++) {
		const vndoc_docx_inline *in = &p->inlines[i];
		if (in->kind == VNDOC_DOCX_INLINE_TEXT) {
			char *legacy = vndoc_layout__legacy_text(l, &in->rpr, in->text);
			g_string_append(t, legacy ? legacy : in->text);
			g_free(legacy);
		} else if (in->kind == VNDOC_DOCX_INLINE_TAB || in->kind == VNDOC_DOCX_INLINE_LINE_BREAK)
			g_string_append_c(t, ' ');
	}
	g_strstrip(t->str);
	nfc = vndoc_vn_nfc(t->str, (long)t->len);
	g_string_free(t, TRUE);
	if (!nfc)
		nfc = g_strdup("");
	g_ptr_array_add(l->strings, nfc);
	return nfc;
}

int vndoc_layout__measure_para(vndoc_layout *l, const vndoc_docx_para *p, double width,
			       vndoc_layout__seg **out, size_t *n_out, vndoc_error *err)
{
	vndoc_layout__seg *segs = NULL;
	size_t n = 0, from = 0;
	int error = 0;
	bool column_before = false;

	*out = NULL;
	*n_out = 0;
	for (size_t i = 0; i <= p->n_inlines; i++) {
		vndoc_layout__seg *s;
		bool column = i < p->n_inlines && p->inlines[i].kind == VNDOC_DOCX_INLINE_COLUMN_BREAK;
		if (i < p->n_inlines && p->inlines[i].kind != VNDOC_DOCX_INLINE_PAGE_BREAK && !column)
			continue;
		/* A column break before any text: the paragraph begins the next
		 * column (LibreOffice makes it a break before). */
		if (column && n == 0 && from == i) {
			column_before = true;
			from = i + 1;
			continue;
		}
		/* A page break at the very end of a paragraph leaves no empty
		 * line behind it (Word and LibreOffice agree). */
		if (i == p->n_inlines && n > 0 && from == i)
			break;
		segs = vndoc_xreallocarray(segs, n + 1, sizeof *segs);
		s = &segs[n++];
		memset(s, 0, sizeof *s);
		s->keep_lines = p->ppr.keep_lines;
		s->widow = p->ppr.widow_control;
		s->contextual = p->ppr.contextual_spacing;
		s->style = p->style;
		s->outline_level = -1;
		if (n == 1 && p->ppr.outline_level >= 0) {
			s->outline_level = p->ppr.outline_level;
			s->outline_title = heading_title(l, p);
		}
		if (n == 1) {
			s->before = TW(p->ppr.space_before);
			s->page_break_before = p->ppr.page_break_before;
			s->column_break_before = column_before;
		}
		if ((error = measure_segment(l, p, from, i, width, s, err)) < 0)
			break;
		s->break_after = i < p->n_inlines;
		s->column_break = column;
		from = i + 1;
	}
	if (error < 0) {
		vndoc_layout__segs_free(segs, n);
		return error;
	}
	add_border_top(p, width, &segs[0].lines[0]);
	add_border_bottom(p, width, &segs[n - 1].lines[segs[n - 1].n_lines - 1]);
	if (segs[0].src)
		segs[0].src->border_top = true;
	if (segs[n - 1].src)
		segs[n - 1].src->border_bottom = true;
	segs[n - 1].after = TW(p->ppr.space_after);
	segs[n - 1].keep_next = p->ppr.keep_next;
	*out = segs;
	*n_out = n;
	return 0;
}

void vndoc_layout__segs_free(vndoc_layout__seg *segs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		lines_free(&segs[i], 0);
		free(segs[i].lines);
		src_free(segs[i].src);
		if (segs[i].refs)
			g_ptr_array_unref(segs[i].refs);
	}
	free(segs);
}
