/*
 * render/text.c: a laid-out line of text through Cairo (see text.h).
 *
 * Right-to-left runs: pango_cairo_show_layout_line hands Cairo a run's
 * glyphs with its text clusters marked "backward", and Cairo's PDF
 * operators then write the glyphs in logical order, from the right end of
 * the run leftwards.  What reads a PDF's text by position (poppler's
 * pdftotext, a viewer's search and copy) takes each glyph placed to the
 * left of the one before as the start of a new word: an Arabic word came
 * out letter by letter (POI's stress004, in Persian: 17,000 of
 * LibreOffice's 36,664 words not found in our PDF's text).  LibreOffice
 * writes the glyphs left to right, as they are seen, each mapped to its
 * cluster's characters, and readers put the words back into logical
 * order themselves.
 *
 * So a line with a right-to-left run is drawn by a small PangoRenderer of
 * our own: the base class walks the line (runs, rise, underlines and
 * strike-throughs, colours from the attributes) and this renderer draws
 * each left-to-right run with pango_cairo_show_glyph_item, as Pango's
 * Cairo renderer does, and each right-to-left run as a left-to-right one:
 * the same glyphs at the same places, with a copy of the run's text whose
 * clusters, and the letters in each, are put in visual order.
 *
 * A line that breaks at a soft hyphen is drawn by it too: the hyphen
 * Pango draws there is written into the PDF as "-" (show_hyphenated).
 * Other lines are drawn by pango_cairo_show_layout_line, byte for byte as
 * before.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "core/alloc.h"
#include "render/text.h"

/* GObject's naming (TypeName, type_name_init) is G_DEFINE_TYPE's. */
typedef struct VisualRenderer {
	PangoRenderer parent;
	cairo_t *cr;
} VisualRenderer;

typedef struct VisualRendererClass {
	PangoRendererClass parent_class;
} VisualRendererClass;

G_DEFINE_TYPE(VisualRenderer, visual_renderer, PANGO_TYPE_RENDERER)

/* The colour of `part` as the attributes set it; else the cairo context's
 * own source is kept (what pango_cairo_show_layout_line does). */
static void set_part_color(PangoRenderer *r, PangoRenderPart part)
{
	cairo_t *cr = ((VisualRenderer *)r)->cr;
	const PangoColor *c = pango_renderer_get_color(r, part);
	guint16 a = pango_renderer_get_alpha(r, part);
	if (c)
		cairo_set_source_rgba(cr, c->red / 65535.0, c->green / 65535.0, c->blue / 65535.0,
				      a ? a / 65535.0 : 1.0);
}

/* The `n` bytes of UTF-8 at `src` into `dst`, their letters in reverse
 * order, each with its marks after it: a cluster's letters as seen, right
 * to left.  Readers of the PDF turn a right-to-left word back into logical
 * order letter by letter (pdftotext): a lam-alef ligature written "lam
 * alef" came back "alef lam".  A letter's marks stay after it, as
 * LibreOffice writes them (readers keep them with their letter). */
static void reverse_letters(char *dst, const char *src, int n)
{
	int end = n;
	while (end > 0) {
		int start = end;
		/* back to the start of the last letter with its marks */
		for (;;) {
			const char *p = g_utf8_find_prev_char(src, src + start);
			start = p ? (int)(p - src) : 0;
			if (start == 0 || !g_unichar_ismark(g_utf8_get_char(src + start)))
				break;
		}
		memcpy(dst, src + start, (size_t)(end - start));
		dst += end - start;
		end = start;
	}
}

/*
 * Draws the right-to-left run `gi` (glyphs in visual order, their
 * log_clusters falling from left to right) as a left-to-right one: its
 * clusters' text copied in visual order, the log_clusters pointing into
 * the copy.  false when the run's clusters are not in that order (then
 * nothing is drawn).
 */
static bool show_visual(cairo_t *cr, const char *text, PangoGlyphItem *gi)
{
	PangoItem item = *gi->item;
	PangoGlyphItem v = *gi;
	PangoGlyphString *gs;
	const int *lc = gi->glyphs->log_clusters;
	const char *run = text + item.offset;
	int n = gi->glyphs->num_glyphs, out = 0, end = item.length;
	char *copy;

	if (n == 0 || lc[n - 1] != 0 || lc[0] >= item.length)
		return false;
	for (int i = 1; i < n; i++)
		if (lc[i] > lc[i - 1])
			return false;
	gs = pango_glyph_string_copy(gi->glyphs);
	copy = vndoc_xmalloc((size_t)item.length + 1);
	for (int i = 0; i < n;) {
		/* glyphs i..j-1 are one cluster; it ends where the cluster to
		 * its left, the next one in logical order, begins */
		int j = i, start = lc[i];
		while (j < n && lc[j] == start)
			j++;
		reverse_letters(copy + out, run + start, end - start);
		for (int k = i; k < j; k++)
			gs->log_clusters[k] = out;
		out += end - start;
		end = start;
		i = j;
	}
	copy[out] = '\0';
	item.offset = 0;
	item.analysis.level = 0;
	v.item = &item;
	v.glyphs = gs;
	pango_cairo_show_glyph_item(cr, copy, &v);
	free(copy);
	pango_glyph_string_free(gs);
	return true;
}

/* A left-to-right run that ends where its line breaks with a hyphen drawn
 * (Pango's PANGO_ANALYSIS_FLAG_NEED_HYPHEN). */
static bool ends_hyphenated(const PangoGlyphItem *gi)
{
	return !(gi->item->analysis.level & 1) && (gi->item->analysis.flags & PANGO_ANALYSIS_FLAG_NEED_HYPHEN) &&
	       gi->glyphs->num_glyphs > 0;
}

/*
 * Draws the run `gi` that ends hyphenated with the text of its last
 * cluster read as "-": Pango draws the hyphen in the cluster of the soft
 * hyphen (U+00AD) the line breaks at (or of the letter it breaks after),
 * and Cairo wrote that cluster's text, U+00AD, for the hyphen drawn:
 * pdftotext read "extra\u00ad" where LibreOffice's and Word's PDFs give
 * "extra-" (poi-drawing).  The cluster's text is copied without its soft
 * hyphens, then "-"; the rest of the run as it is.
 */
static void show_hyphenated(cairo_t *cr, const char *text, PangoGlyphItem *gi)
{
	PangoItem item = *gi->item;
	PangoGlyphItem v = *gi;
	const char *run = text + item.offset;
	int last = gi->glyphs->log_clusters[gi->glyphs->num_glyphs - 1], out = last;
	char *copy = vndoc_xmalloc((size_t)item.length + 2);

	memcpy(copy, run, (size_t)last);
	for (int i = last; i < item.length; i++) {
		if (i + 1 < item.length && (unsigned char)run[i] == 0xc2 && (unsigned char)run[i + 1] == 0xad) {
			i++;
			continue;
		}
		copy[out++] = run[i];
	}
	copy[out++] = '-';
	copy[out] = '\0';
	item.offset = 0;
	item.length = out;
	v.item = &item;
	pango_cairo_show_glyph_item(cr, copy, &v);
	free(copy);
}

static void draw_glyph_item(PangoRenderer *r, const char *text, PangoGlyphItem *gi, int x, int y)
{
	cairo_t *cr = ((VisualRenderer *)r)->cr;
	cairo_save(cr);
	set_part_color(r, PANGO_RENDER_PART_FOREGROUND);
	cairo_move_to(cr, (double)x / PANGO_SCALE, (double)y / PANGO_SCALE);
	if (ends_hyphenated(gi))
		show_hyphenated(cr, text, gi);
	else if (!(gi->item->analysis.level & 1) || !show_visual(cr, text, gi))
		pango_cairo_show_glyph_item(cr, text, gi);
	cairo_restore(cr);
}

static void draw_glyphs(PangoRenderer *r, PangoFont *font, PangoGlyphString *glyphs, int x, int y)
{
	cairo_t *cr = ((VisualRenderer *)r)->cr;
	cairo_save(cr);
	set_part_color(r, PANGO_RENDER_PART_FOREGROUND);
	cairo_move_to(cr, (double)x / PANGO_SCALE, (double)y / PANGO_SCALE);
	pango_cairo_show_glyph_string(cr, font, glyphs);
	cairo_restore(cr);
}

/* Underlines, strike-throughs and run backgrounds. */
static void draw_rectangle(PangoRenderer *r, PangoRenderPart part, int x, int y, int w, int h)
{
	cairo_t *cr = ((VisualRenderer *)r)->cr;
	cairo_save(cr);
	set_part_color(r, part);
	cairo_rectangle(cr, (double)x / PANGO_SCALE, (double)y / PANGO_SCALE, (double)w / PANGO_SCALE,
			(double)h / PANGO_SCALE);
	cairo_fill(cr);
	cairo_restore(cr);
}

static void draw_error_underline(PangoRenderer *r, int x, int y, int w, int h)
{
	cairo_t *cr = ((VisualRenderer *)r)->cr;
	cairo_save(cr);
	set_part_color(r, PANGO_RENDER_PART_UNDERLINE);
	pango_cairo_show_error_underline(cr, (double)x / PANGO_SCALE, (double)y / PANGO_SCALE,
					 (double)w / PANGO_SCALE, (double)h / PANGO_SCALE);
	cairo_restore(cr);
}

static void draw_trapezoid(PangoRenderer *r, PangoRenderPart part, double y1, double x11, double x21, double y2,
			   double x12, double x22)
{
	cairo_t *cr = ((VisualRenderer *)r)->cr;
	cairo_save(cr);
	set_part_color(r, part);
	cairo_move_to(cr, x11, y1);
	cairo_line_to(cr, x21, y1);
	cairo_line_to(cr, x22, y2);
	cairo_line_to(cr, x12, y2);
	cairo_close_path(cr);
	cairo_fill(cr);
	cairo_restore(cr);
}

static void visual_renderer_init(VisualRenderer *self)
{
	self->cr = NULL;
}

static void visual_renderer_class_init(VisualRendererClass *klass)
{
	PangoRendererClass *rc = PANGO_RENDERER_CLASS(klass);
	rc->draw_glyph_item = draw_glyph_item;
	rc->draw_glyphs = draw_glyphs;
	rc->draw_rectangle = draw_rectangle;
	rc->draw_error_underline = draw_error_underline;
	rc->draw_trapezoid = draw_trapezoid;
}

/* A line with a right-to-left run or a hyphen drawn where it breaks. */
static bool needs_own_renderer(const PangoLayoutLine *line)
{
	for (const GSList *l = line->runs; l; l = l->next) {
		const PangoGlyphItem *run = l->data;
		if (run && ((run->item->analysis.level & 1) || ends_hyphenated(run)))
			return true;
	}
	return false;
}

void vndoc_render__show_line(cairo_t *cr, PangoLayoutLine *line, double x, double baseline)
{
	VisualRenderer *r;

	if (!needs_own_renderer(line)) {
		cairo_move_to(cr, x, baseline);
		pango_cairo_show_layout_line(cr, line);
		return;
	}
	r = g_object_new(visual_renderer_get_type(), NULL);
	r->cr = cr;
	/* The line drawn at the origin moved to (x, baseline): a line far off
	 * the page (an indent of -2^31 twips, a VML text box at top:-1000000in)
	 * is at more Pango units than an int holds. */
	cairo_save(cr);
	cairo_translate(cr, x, baseline);
	pango_renderer_draw_layout_line(&r->parent, line, 0, 0);
	cairo_restore(cr);
	g_object_unref(r);
}
