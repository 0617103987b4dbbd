/*
 * layout/paragraph.c: one paragraph through Pango: text and attributes,
 * indents, tabs, alignment; then lines with LibreOffice's line heights.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "layout/layout_internal.h"

#define PU(pt) ((int)lround((pt) * PANGO_SCALE)) /* points to Pango units */
#define PT(pu) ((double)(pu) / PANGO_SCALE)

/* The part of the layout's text an inline produced, to name the font in
 * error messages. */
typedef struct span {
	int start, end;
	const vndoc_docx_rpr *rpr;
	const vndoc_docx_inline *in;
} span;

static PangoFontDescription *font_desc(const vndoc_docx_rpr *r)
{
	PangoFontDescription *d = pango_font_description_new();
	pango_font_description_set_family(d, r->font[0] ? r->font : "Times New Roman");
	pango_font_description_set_size(d, r->size * PANGO_SCALE / 2);
	pango_font_description_set_weight(d, r->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(d, r->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
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

static void add_run_attrs(PangoContext *ctx, PangoAttrList *list, const vndoc_docx_rpr *r, int start, int end)
{
	PangoFontDescription *d = font_desc(r);
	add_attr(list, pango_attr_font_desc_new(d), start, end);
	/* A direct w:position wins over w:vertAlign, at the run's own size. */
	if (r->position)
		add_attr(list, pango_attr_rise_new(position_rise(ctx, r, d)), start, end);
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
	if (r->vert_align != VNDOC_DOCX_VALIGN_BASELINE && !r->position) {
		bool sup = r->vert_align == VNDOC_DOCX_VALIGN_SUPERSCRIPT;
		add_attr(list, pango_attr_font_scale_new(sup ? PANGO_FONT_SCALE_SUPERSCRIPT
							     : PANGO_FONT_SCALE_SUBSCRIPT),
			 start, end);
		add_attr(list, pango_attr_baseline_shift_new(sup ? PANGO_BASELINE_SHIFT_SUPERSCRIPT
								 : PANGO_BASELINE_SHIFT_SUBSCRIPT),
			 start, end);
	}
}

/*
 * Small caps as LibreOffice draws them: lower-case letters become capitals
 * at 80% of the size (g_utf8_strup upper-cases Vietnamese letters with
 * their marks: "ệ" -> "Ệ").  append_inline upper-cased the whole text;
 * here the letters that were lower-case get the smaller size.  `orig` is
 * the inline's text, `start` where its upper-cased NFC form begins.
 */
static void small_caps(PangoAttrList *list, const vndoc_docx_rpr *r, const char *orig, int start)
{
	char *nfc = g_utf8_normalize(orig, -1, G_NORMALIZE_NFC);
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

/* LibreOffice (ICU) does not break after a slash between two words, as in
 * "15/HD-SVHTTDL"; Pango (UAX #14) does.  Forbid those breaks. */
static void keep_slashes(PangoAttrList *attrs, const char *text, int len)
{
	for (int i = 1; i + 1 < len; i++) {
		if (text[i] != '/' || text[i - 1] == ' ' || text[i + 1] == ' ' || text[i + 1] == '\t')
			continue;
		const char *next = g_utf8_next_char(text + i + 1);
		add_attr(attrs, pango_attr_allow_breaks_new(FALSE), i, (int)(next - text));
	}
}

/* Appends the text inline `in` stands for: its text (NFC, upper-cased for
 * caps), a tab, a line separator, or a field's value. */
static void append_inline(GString *text, const vndoc_layout *l, const vndoc_docx_inline *in)
{
	char num[32];
	switch (in->kind) {
	case VNDOC_DOCX_INLINE_TEXT: {
		char *nfc = g_utf8_normalize(in->text, -1, G_NORMALIZE_NFC);
		const char *s = nfc ? nfc : in->text;
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
		g_string_append(text, in->note >= 0 ? in->text : l->note_label ? l->note_label : "");
		break;
	case VNDOC_DOCX_INLINE_PAGE_BREAK:
	case VNDOC_DOCX_INLINE_COLUMN_BREAK:
	case VNDOC_DOCX_INLINE_FLOAT: /* takes no room: see seg_floats */
		break;
	}
}

/* A picture takes its extent on the line, standing on the baseline. */
static void add_image_attr(PangoAttrList *list, const vndoc_docx_inline *in, int start, int end)
{
	PangoRectangle r;
	r.x = 0;
	r.y = -PU(in->image_h);
	r.width = PU(in->image_w);
	r.height = PU(in->image_h);
	add_attr(list, pango_attr_shape_new(&r, &r), start, end);
}

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

static PangoTabArray *make_tabs(const vndoc_layout *l, const vndoc_docx_ppr *ppr, double origin,
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
		if (pos <= last)
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

/* Reports the first character no font could draw. */
static int check_glyphs(PangoLayout *layout, const span *spans, size_t n_spans, vndoc_error *err)
{
	const char *text = pango_layout_get_text(layout);
	for (GSList *ll = pango_layout_get_lines_readonly(layout); ll; ll = ll->next) {
		PangoLayoutLine *line = ll->data;
		for (GSList *rl = line->runs; rl; rl = rl->next) {
			PangoGlyphItem *run = rl->data;
			for (int g = 0; g < run->glyphs->num_glyphs; g++) {
				PangoGlyph glyph = run->glyphs->glyphs[g].glyph;
				int offset = run->item->offset + run->glyphs->log_clusters[g];
				const char *asked = "?";
				char *got = NULL, utf8[8];
				PangoFontDescription *d;
				gunichar ch;

				if (!(glyph & PANGO_GLYPH_UNKNOWN_FLAG))
					continue;
				ch = g_utf8_get_char(text + offset);
				for (size_t i = 0; i < n_spans; i++)
					if (offset >= spans[i].start && offset < spans[i].end)
						asked = spans[i].rpr->font;
				d = run->item->analysis.font ? pango_font_describe(run->item->analysis.font) : NULL;
				got = d ? g_strdup(pango_font_description_get_family(d)) : g_strdup("none");
				utf8[g_unichar_to_utf8(ch, utf8)] = '\0';
				vndoc_error_set(err, VNDOC_EFONT,
						"no glyph for U+%04X \"%s\" in font \"%s\" (drawn with %s)",
						(unsigned)ch, utf8, asked, got);
				g_free(got);
				if (d)
					pango_font_description_free(d);
				return VNDOC_EFONT;
			}
		}
	}
	return 0;
}

/* Is run `run` moved by w:position (a rise attribute)? */
static bool run_rise(const PangoGlyphItem *run)
{
	for (GSList *a = run->item->analysis.extra_attrs; a; a = a->next)
		if (((PangoAttribute *)a->data)->klass->type == PANGO_ATTR_RISE)
			return true;
	return false;
}

/* Ascent, descent and line gap of the tallest font on the line (LibreOffice
 * adds the gap, "external leading", above the ascent for Word documents). */
static void line_metrics(PangoContext *ctx, PangoLayoutLine *line,
			 const PangoFontDescription *mark, double *asc, double *desc, double *gap)
{
	double picture = 0, max_gap = 0;
	*asc = *desc = *gap = 0;
	for (GSList *rl = line->runs; rl; rl = rl->next) {
		PangoGlyphItem *run = rl->data;
		PangoFontMetrics *m;
		PangoRectangle shape;
		double a, d, h;
		if (run_shape(run, &shape)) {
			/* A picture raises the line; the text's metrics still count. */
			if (PT(-shape.y) > picture)
				picture = PT(-shape.y);
		}
		if (!run->item->analysis.font)
			continue;
		m = pango_font_get_metrics(run->item->analysis.font, NULL);
		a = PT(pango_font_metrics_get_ascent(m));
		d = PT(pango_font_metrics_get_descent(m));
		h = PT(pango_font_metrics_get_height(m));
		pango_font_metrics_unref(m);
		/* Each font's line gap goes with its own ascent: the line's top
		 * is the highest gap + ascent of its fonts (LibreOffice), not the
		 * largest gap over the largest ascent of two different fonts. */
		if (h - a - d > 0) {
			if (h - a - d > max_gap)
				max_gap = h - a - d;
			a += h - a - d;
		}
		/* A raised run (w:position) makes the line taller above, a
		 * lowered one below (SwSubFont::CalcEscAscent, CalcEscHeight).
		 * Superscripts and subscripts keep theirs to the font's. */
		if (run->y_offset && run_rise(run)) {
			if (run->y_offset > 0)
				a += PT(run->y_offset);
			else
				d -= PT(run->y_offset);
		}
		if (a > *asc)
			*asc = a;
		if (d > *desc)
			*desc = d;
	}
	/* Over a picture, the gap of the line's fonts. */
	if (picture > 0 && picture + max_gap > *asc)
		*asc = picture + max_gap;
	if (*asc == 0 && *desc == 0) {
		/* An empty line: the paragraph mark's font. */
		PangoFont *f = pango_context_load_font(ctx, mark);
		if (f) {
			PangoFontMetrics *m = pango_font_get_metrics(f, NULL);
			*asc = PT(pango_font_metrics_get_ascent(m));
			*desc = PT(pango_font_metrics_get_descent(m));
			*gap = PT(pango_font_metrics_get_height(m)) - *asc - *desc;
			if (*gap < 0)
				*gap = 0;
			pango_font_metrics_unref(m);
			g_object_unref(f);
		}
	}
}

static void apply_line_rule(const vndoc_docx_ppr *ppr, double asc, double desc, double gap,
			    double *h, double *base)
{
	double natural = gap + asc + desc, top = gap + asc;
	switch (ppr->line_rule) {
	case VNDOC_DOCX_LINE_EXACT:
		/* LibreOffice: the ascent becomes 80% of a fixed line height. */
		*h = TW(ppr->line);
		*base = *h * 0.8;
		return;
	case VNDOC_DOCX_LINE_AT_LEAST:
		*h = natural > TW(ppr->line) ? natural : TW(ppr->line);
		break;
	default: {
		int line = ppr->line > 0 ? ppr->line : 240;
		*h = natural * line / 240.0;
		/* Proportional spacing above single (115 %, 1.5, double): the
		 * extra height goes below the text (measured with soffice). */
		if (*h > natural) {
			*base = top;
			return;
		}
		break;
	}
	}
	/* "At least": extra height goes above the text; a proportional line
	 * smaller than single loses it above (SwTextIter::CalcAscentAndHeight). */
	*base = top + (*h - natural);
}

static char *line_text(const char *text, const PangoLayoutLine *line)
{
	int len = line->length;
	/* Drop the line separator a manual break leaves at the end. */
	while (len >= 3 && !memcmp(text + line->start_index + len - 3, "\xe2\x80\xa8", 3))
		len -= 3;
	while (len > 0 && text[line->start_index + len - 1] == '\n')
		len--;
	return g_strndup(text + line->start_index, (gsize)len);
}

/* The pictures of line `pl`, from the spans of IMAGE inlines. */
static void line_images(const vndoc_layout *l, const span *spans, size_t n_spans, PangoLayoutLine *pl,
			vndoc_layout__line *ln)
{
	for (size_t i = 0; i < n_spans; i++) {
		const vndoc_docx_inline *in = spans[i].in;
		int xpos;
		if (in->kind != VNDOC_DOCX_INLINE_IMAGE || in->image >= l->n_images)
			continue;
		if (spans[i].start < pl->start_index || spans[i].start >= pl->start_index + pl->length)
			continue;
		pango_layout_line_index_to_x(pl, spans[i].start, FALSE, &xpos);
		ln->imgs = vndoc_xreallocarray(ln->imgs, ln->n_imgs + 1, sizeof *ln->imgs);
		ln->imgs[ln->n_imgs].image = &l->images[in->image];
		ln->imgs[ln->n_imgs].dx = PT(xpos);
		ln->imgs[ln->n_imgs].w = in->image_w;
		ln->imgs[ln->n_imgs].h = in->image_h;
		ln->n_imgs++;
	}
}

/* The footnotes line `pl` refers to, from the spans of NOTE_REF inlines. */
static void line_notes(const span *spans, size_t n_spans, PangoLayoutLine *pl, vndoc_layout__line *ln)
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

/* The leader of the stop a tab starting at x (points from the layout's left
 * edge) goes to: the first stop beyond x, as Pango chooses it. */
static vndoc_docx_tab_leader tab_leader(const vndoc_docx_ppr *ppr, double origin, double x)
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

/* A layout of `n` leader characters in the font of `rpr`. */
static PangoLayout *leader_layout(vndoc_layout *l, const vndoc_docx_rpr *rpr, const char *ch, int n)
{
	PangoLayout *layout = pango_layout_new(l->ctx);
	PangoAttrList *attrs = pango_attr_list_new();
	GString *text = g_string_new(NULL);
	for (int i = 0; i < n; i++)
		g_string_append(text, ch);
	pango_layout_set_text(layout, text->str, (int)text->len);
	add_run_attrs(l->ctx, attrs, rpr, 0, (int)text->len);
	pango_layout_set_attributes(layout, attrs);
	pango_attr_list_unref(attrs);
	g_string_free(text, TRUE);
	return layout;
}


/* A Pango layout whose lines the segment's lines borrow: the segment holds
 * a reference (dropped by vndoc_layout__segs_free), and so does the layout
 * unless it streams its pages (then each page holds its own). */
static void keep_layout(vndoc_layout *l, vndoc_layout__seg *seg, PangoLayout *pl)
{
	if (!seg->refs)
		seg->refs = g_ptr_array_new_with_free_func(g_object_unref);
	g_ptr_array_add(seg->refs, g_object_ref(pl));
	if (!l->stream)
		g_ptr_array_add(l->pango, g_object_ref(pl));
}

/* A line's text lives as long as the Pango layout it comes from. */
static void keep_text(PangoLayout *pl, char *text)
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
static void line_leaders(vndoc_layout *l, vndoc_layout__seg *seg, const vndoc_docx_ppr *ppr,
			 const char *text, const span *spans, size_t n_spans, double origin,
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
		double w1;

		if (text[i] != '\t')
			continue;
		pango_layout_line_index_to_x(pl, i, FALSE, &x0);
		pango_layout_line_index_to_x(pl, i, TRUE, &x1);
		leader = tab_leader(ppr, origin, line_x + PT(x0));
		if (leader == VNDOC_DOCX_LEADER_NONE || x1 <= x0)
			continue;
		for (size_t k = 0; k < n_spans; k++)
			if (i >= spans[k].start && i < spans[k].end)
				rpr = spans[k].rpr;
		if (!rpr)
			continue;
		one = leader_layout(l, rpr, fill[leader], 1);
		pango_layout_get_extents(one, NULL, &r);
		g_object_unref(one);
		w1 = PT(r.width);
		n = w1 > 0 ? (int)floor(PT(x1 - x0) / w1) : 0;
		if (n <= 0)
			continue;
		dots = leader_layout(l, rpr, fill[leader], n);
		pango_layout_get_extents(dots, NULL, &r);
		ln->leaders = vndoc_xreallocarray(ln->leaders, ln->n_leaders + 1, sizeof *ln->leaders);
		ld = &ln->leaders[ln->n_leaders++];
		ld->pl = pango_layout_get_line_readonly(dots, 0);
		ld->w = PT(r.width);
		ld->dx = PT(x1) - ld->w;
		ld->text = pango_layout_get_text(dots);
		/* The line and its text borrow from the layout. */
		keep_layout(l, seg, dots);
		g_object_unref(dots);
	}
}

/* Rules for what Pango cannot draw: double strikethrough, dotted and
 * dashed underlines, at the positions and thickness the font gives. */
static void line_decos(const span *spans, size_t n_spans, PangoLayoutLine *pl, vndoc_layout__line *ln)
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

/* What a segment's lines are laid out from (layout_internal.h). */
struct vndoc_layout__src {
	const vndoc_docx_para *p;  /* borrowed: held while the segment is placed */
	size_t from, to;           /* the segment's inlines */
	double width;              /* the column's */
	char *text;                /* the segment's text (owned) */
	int len;
	PangoAttrList *attrs;      /* a reference */
	span *spans;               /* owned */
	size_t n_spans;
	bool border_top, border_bottom; /* the paragraph's first, last segment */
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
		last->rule_x = x;
		last->rule_w = w;
	}
}

/* Names to `sh` the fonts text with run properties `r` is shaped with:
 * the description, and what else picks the font or its size (small caps,
 * superscript, subscript) or changes the shaping (kerning). */
static void shaping_add_rpr(vndoc_layout__shaping *sh, const vndoc_docx_rpr *r)
{
	PangoFontDescription *d = font_desc(r);
	char extra[8];
	snprintf(extra, sizeof extra, "%c%c%d", r->kern ? 'k' : '-', r->small_caps ? 'c' : '-',
		 r->position ? 0 : (int)r->vert_align);
	vndoc_layout__shaping_add(sh, d, extra);
	pango_font_description_free(d);
}

/*
 * Lays out the segment's text from byte `offset` (a line's start: 0, or
 * where a line laid out before ended) with its text area narrowed by `dl`
 * on the left and `dr` on the right, and appends the lines to seg.  From
 * 0 the first line has the first-line indent; from elsewhere every line
 * is a following one.
 */
static int lay_out(vndoc_layout *l, vndoc_layout__seg *seg, const vndoc_layout__src *src, int offset,
		   double dl, double dr, vndoc_error *err)
{
	const vndoc_docx_para *p = src->p;
	const vndoc_docx_ppr *ppr = &p->ppr;
	const char *text = src->text + offset;
	PangoAttrList *attrs;
	PangoLayout *layout = pango_layout_new(l->ctx);
	PangoFontDescription *mark = font_desc(&p->mark);
	PangoTabArray *tabs;
	PangoLayoutIter *it;
	span *spans = vndoc_xcalloc(src->n_spans + 1, sizeof *spans);
	size_t n_spans = 0, first_line = seg->n_lines, n_lines;
	double origin, lw, avail = src->width - TW(ppr->ind_left) - TW(ppr->ind_right) - dl - dr;
	bool first = offset == 0 && (src->from == 0 || ppr->ind_first < 0);
	vndoc_layout__shaping sh = VNDOC_LAYOUT__SHAPING_INIT;
	int error = 0;

	/* The spans and attributes of the text from `offset`. */
	for (size_t i = 0; i < src->n_spans; i++) {
		if (src->spans[i].end <= offset)
			continue;
		spans[n_spans] = src->spans[i];
		spans[n_spans].start = spans[n_spans].start > offset ? spans[n_spans].start - offset : 0;
		spans[n_spans++].end -= offset;
	}
	if (offset > 0) {
		attrs = pango_attr_list_copy(src->attrs);
		pango_attr_list_update(attrs, 0, offset, 0);
	} else {
		attrs = pango_attr_list_ref(src->attrs);
	}
	pango_layout_set_text(layout, text, src->len - offset);
	pango_layout_set_attributes(layout, attrs);
	pango_layout_set_font_description(layout, mark);
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);

	if (ppr->ind_first < 0 && first) {
		origin = TW(ppr->ind_left + ppr->ind_first);
		lw = avail - TW(ppr->ind_first);
	} else {
		origin = TW(ppr->ind_left);
		lw = avail;
	}
	origin += dl;
	if (lw < 1)
		lw = 1;
	pango_layout_set_width(layout, PU(lw));
	/* Only the first segment of a paragraph has the first-line indent. */
	pango_layout_set_indent(layout, first ? PU(TW(ppr->ind_first)) : 0);
	switch (ppr->align) {
	case VNDOC_DOCX_ALIGN_CENTER: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER); break;
	case VNDOC_DOCX_ALIGN_RIGHT: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT); break;
	case VNDOC_DOCX_ALIGN_BOTH:
		pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT);
		pango_layout_set_justify(layout, TRUE);
		break;
	default: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT); break;
	}
	if ((tabs = make_tabs(l, ppr, origin, lw))) {
		pango_layout_set_tabs(layout, tabs);
		pango_tab_array_free(tabs);
	}

	/* Pango shapes the text when first asked about its lines; from here
	 * to the end, it and the tab leaders are shaped (see fonts.c). */
	shaping_add_rpr(&sh, &p->mark);
	for (size_t i = 0; i < n_spans; i++)
		if (spans[i].rpr)
			shaping_add_rpr(&sh, spans[i].rpr);
	vndoc_layout__shaping_begin(&sh);
	if (pango_layout_get_unknown_glyphs_count(layout) > 0 &&
	    (error = check_glyphs(layout, spans, n_spans, err)) < 0) {
		vndoc_error_set_excerpt(err, text, (size_t)(src->len - offset));
		goto done;
	}

	n_lines = seg->n_lines + (size_t)pango_layout_get_line_count(layout);
	seg->lines = vndoc_xreallocarray(seg->lines, n_lines ? n_lines : 1, sizeof *seg->lines);
	it = pango_layout_get_iter(layout);
	do {
		PangoLayoutLine *pl = pango_layout_iter_get_line_readonly(it);
		PangoRectangle logical;
		vndoc_layout__line *ln;
		double asc, desc, gap;
		char *t;

		if (seg->n_lines == n_lines)
			break; /* cannot happen: Pango counted its lines */
		ln = &seg->lines[seg->n_lines++];
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		line_metrics(l->ctx, pl, mark, &asc, &desc, &gap);
		memset(ln, 0, sizeof *ln);
		apply_line_rule(ppr, asc, desc, gap, &ln->h, &ln->base);
		ln->text_h = ln->h;
		ln->pl = pl;
		ln->x = origin + PT(logical.x);
		ln->w = PT(logical.width);
		ln->start = offset + pl->start_index;
		ln->wrap_l = dl;
		ln->wrap_r = dr;
		t = line_text(text, pl);
		keep_text(layout, t);
		ln->text = t;
		line_images(l, spans, n_spans, pl, ln);
		line_notes(spans, n_spans, pl, ln);
		line_decos(spans, n_spans, pl, ln);
		if (ppr->n_tabs)
			line_leaders(l, seg, ppr, text, spans, n_spans, origin, PT(logical.x), pl, ln);
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	/* Floating pictures go with the segment's first line. */
	for (size_t i = src->from; offset == 0 && i < src->to && seg->n_lines > first_line; i++) {
		vndoc_layout__line *ln = &seg->lines[first_line];
		if (p->inlines[i].kind != VNDOC_DOCX_INLINE_FLOAT || p->inlines[i].image >= l->n_images)
			continue;
		ln->floats = vndoc_xreallocarray(ln->floats, ln->n_floats + 1, sizeof *ln->floats);
		ln->floats[ln->n_floats].in = &p->inlines[i];
		ln->floats[ln->n_floats++].image = &l->images[p->inlines[i].image];
	}
	/* The lines borrow from the layout: keep it until the layout is freed. */
	keep_layout(l, seg, layout);

done:
	vndoc_layout__shaping_end(&sh);
	free(spans);
	pango_font_description_free(mark);
	pango_attr_list_unref(attrs);
	g_object_unref(layout);
	return error;
}

static int measure_segment(vndoc_layout *l, const vndoc_docx_para *p, size_t from, size_t to,
			   double width, vndoc_layout__seg *seg, vndoc_error *err)
{
	GString *text = g_string_new(NULL);
	vndoc_layout__src *src = vndoc_xcalloc(1, sizeof *src);
	span *spans = vndoc_xcalloc(to - from + 1, sizeof *spans);
	size_t n_spans = 0;
	int error;

	src->attrs = pango_attr_list_new();
	for (size_t i = from; i < to; i++) {
		const vndoc_docx_inline *in = &p->inlines[i];
		int start = (int)text->len;
		append_inline(text, l, in);
		if ((int)text->len > start) {
			add_run_attrs(l->ctx, src->attrs, &in->rpr, start, (int)text->len);
			if (in->kind == VNDOC_DOCX_INLINE_TEXT && in->rpr.small_caps && !in->rpr.caps)
				small_caps(src->attrs, &in->rpr, in->text, start);
			if (in->kind == VNDOC_DOCX_INLINE_IMAGE)
				add_image_attr(src->attrs, in, start, (int)text->len);
			spans[n_spans].start = start;
			spans[n_spans].end = (int)text->len;
			spans[n_spans].in = in;
			spans[n_spans++].rpr = &in->rpr;
		}
	}
	keep_slashes(src->attrs, text->str, (int)text->len);
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
		if (in->kind == VNDOC_DOCX_INLINE_TEXT)
			g_string_append(t, in->text);
		else if (in->kind == VNDOC_DOCX_INLINE_TAB || in->kind == VNDOC_DOCX_INLINE_LINE_BREAK)
			g_string_append_c(t, ' ');
	}
	g_strstrip(t->str);
	nfc = g_utf8_normalize(t->str, -1, G_NORMALIZE_NFC);
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
