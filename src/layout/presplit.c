/*
 * layout/presplit.c: a wrapped paragraph's lines guessed before Pango
 * breaks it, so that Pango shapes each line's text once.
 *
 * Pango 1.50, breaking a paragraph to a width (pango-layout.c,
 * process_item), shapes each item whole to measure it; when the item does
 * not fit on its line, it shapes the piece up to each candidate break near
 * the line's end (one to three), and the rest once more on the next line:
 * a paragraph of several lines is shaped two to three times over.  An item
 * that starts a line and fits on it is shaped when Pango first meets it
 * (at the end of the line before, where it does not fit) and again, the
 * very same input, when it places it: shape_cache.c gives HarfBuzz's first
 * answer the second time.
 *
 * So, before the layout is first asked for its lines, the line starts are
 * guessed from the fonts' nominal advances (HarfBuzz's, through the hb font
 * Pango shapes with), and an item boundary is put at each one that is sure
 * by VNDOC_LIMIT_LAYOUT_PRESPLIT_GUESS of the font size either way: a copy
 * of the font description attribute covering the byte, starting there
 * (Pango's itemizer starts an item at every change of the attributes it
 * itemizes by; the copy, on top of the only font attribute there, gives
 * the same font).  Only where all is simple: Latin text (no tab, no line
 * separator, nothing Pango may itemize apart), no letter spacing, shape or
 * break attributes, no font features but "kern 0", every character in its
 * range's first font; a boundary only after a space not kerned with the
 * next letter, not where attributes change (Pango may start an item there
 * already).
 *
 * After the layout (verify), each boundary must start a line, and Pango
 * must have decided there as without it: the pieces it shapes at a line's
 * end are the same text either way, so the same glyphs; only the whole
 * item's shaping, whose widths Pango compares away from the line's end,
 * differs, by kerning across the boundary (none, above).  The line before
 * each boundary, in its glyphs' widths (a space at its natural advance),
 * must fit with VNDOC_LIMIT_LAYOUT_PRESPLIT_SURE to spare, and with the
 * next word up to Pango's next break be too long by as much.  A justified
 * line is justified again as Pango justifies a line it breaks inside an
 * item (rejustify).  Otherwise the attributes are put back and Pango
 * breaks the paragraph as before; the same if a later step lays the
 * paragraph out again (the layout's serial moved): lay_out_piece then
 * runs its steps again without the boundaries.  scripts/layout-hashes.sh
 * over our documents and both corpora gives main's bytes.
 */
#include <stdlib.h>
#include <string.h>

#include <hb.h>

#include "core/alloc.h"
#include "core/limits.h"
#include "layout/layout_internal.h"
#include "layout/para.h"

static int stats[3];
static int disabled = -1;

void vndoc_layout__presplit_counts(int *split, int *boundaries, int *undone)
{
	*split = g_atomic_int_get(&stats[0]);
	*boundaries = g_atomic_int_get(&stats[1]);
	*undone = g_atomic_int_get(&stats[2]);
}

void vndoc_layout__presplit_disable(bool off)
{
	g_atomic_int_set(&disabled, off ? 1 : 0);
}

static bool is_off(void)
{
	int d = g_atomic_int_get(&disabled);
	if (d < 0) {
		d = g_getenv("VNDOC_NO_PRESPLIT") != NULL;
		g_atomic_int_set(&disabled, d);
	}
	return d != 0;
}

enum { SPACE = 1, WORD = 2, OTHER = 3 };

/* A character's class here: WORD where no line break can be on either
 * side of it within a word (letters, digits, marks, the infix and quote
 * punctuation of UAX #14's IS and QU classes), SPACE for U+0020, OTHER
 * for the rest Pango may break around; 0: not handled. */
static int char_class(gunichar c)
{
	if (c == ' ')
		return SPACE;
	if (c < 0x80) {
		if (g_ascii_isalnum((char)c) || c == '.' || c == ',' || c == ';' || c == ':' ||
		    c == '\'' || c == '"')
			return WORD;
		return c >= 0x21 && c < 0x7f ? OTHER : 0;
	}
	if (c == 0xa0 || (c >= 0xc0 && c <= 0x24f && c != 0xd7 && c != 0xf7) ||
	    (c >= 0x300 && c <= 0x36f) || (c >= 0x1e00 && c <= 0x1eff) ||
	    (c >= 0x2018 && c <= 0x2019) || (c >= 0x201c && c <= 0x201d))
		return WORD;
	if ((c >= 0xa1 && c <= 0xbf && c != 0xad) || c == 0xd7 || c == 0xf7 ||
	    (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x203a))
		return OTHER;
	return 0;
}

/* A line may start at a letter or digit after spaces. */
static bool starts_word(gunichar c)
{
	return c < 0x80 ? g_ascii_isalnum((char)c)
	                : char_class(c) == WORD && (c < 0x300 || c > 0x36f) && c != 0xa0 &&
	                      (c < 0x2018 || c > 0x201d);
}

/* One character of the text. */
typedef struct ch {
	int at; /* byte */
	int w;  /* nominal advance, Pango units */
	gunichar u;
	char cls;      /* char_class */
	bool no_cut;   /* no boundary here: break or font attributes */
	int em;        /* font size, Pango units */
	hb_font_t *hb; /* its range's first font */
	bool range;    /* the first of a range of the attributes */
	bool no_kern;  /* in a run with "kern 0" (inline.c) */
} ch;

/* Per font (the hb font Pango shapes with), for U+0000..U+024F and
 * U+1E00..U+1EFF (Vietnamese) and U+2000..U+206F: the nominal advances and the kerning of a
 * space before each character, filled when asked. */
#define CACHED (0x250 + 0x100 + 0x70)
#define UNKNOWN (-0x7fffffff)
typedef struct font_cache {
	hb_font_t *font;
	int space; /* the space's advance, or -1 */
	int w[CACHED], kern[CACHED];
} font_cache;

/* The paragraph's fonts (kept by the layout run: a font's entry holds a
 * reference to it, so its address is not another font's while kept). */
typedef struct para {
	GHashTable *fonts; /* l->presplit_fonts */
	hb_font_t *last;
	font_cache *last_cache;
	PangoFont *last_font; /* and its hb font */
	hb_font_t *last_hb;
} para;

static void cache_free(void *data)
{
	font_cache *a = data;
	hb_font_destroy(a->font);
	free(a);
}

static font_cache *cache_of(para *pp, hb_font_t *font)
{
	font_cache *a;
	hb_codepoint_t g;
	if (font == pp->last)
		return pp->last_cache;
	if (!(a = g_hash_table_lookup(pp->fonts, font))) {
		a = vndoc_xmalloc(sizeof *a);
		a->font = hb_font_reference(font);
		a->space = hb_font_get_nominal_glyph(font, ' ', &g)
		               ? hb_font_get_glyph_h_advance(font, g)
		               : -1;
		for (int k = 0; k < CACHED; k++)
			a->w[k] = a->kern[k] = UNKNOWN;
		g_hash_table_insert(pp->fonts, font, a);
	}
	pp->last = font;
	pp->last_cache = a;
	return a;
}

/* A character's place in font_cache, or -1. */
static int slot(gunichar c)
{
	if (c < 0x250)
		return (int)c;
	if (c >= 0x1e00 && c < 0x1f00)
		return (int)(c - 0x1e00) + 0x250;
	if (c >= 0x2000 && c < 0x2070)
		return (int)(c - 0x2000) + 0x350;
	return -1;
}

static bool advance(para *pp, hb_font_t *font, gunichar c, int *w)
{
	int k = slot(c);
	font_cache *a = k >= 0 ? cache_of(pp, font) : NULL;
	hb_codepoint_t g;
	if (a && a->w[k] != UNKNOWN) {
		*w = a->w[k];
		return *w >= 0;
	}
	if (!hb_font_get_nominal_glyph(font, c, &g))
		*w = -1;
	else
		*w = (c >= 0x300 && c <= 0x36f) ? 0 : hb_font_get_glyph_h_advance(font, g);
	if (a)
		a->w[k] = *w;
	return *w >= 0;
}

/* How much HarfBuzz's shaping of a space before `next` in `font` changes
 * the space's advance (kerning), or UNKNOWN. */
static int space_kern(para *pp, hb_font_t *font, gunichar next)
{
	int k = slot(next);
	font_cache *a = k >= 0 ? cache_of(pp, font) : NULL;
	hb_buffer_t *buf;
	int kern = UNKNOWN;
	if (!a || a->space < 0)
		return UNKNOWN;
	if (a->kern[k] != UNKNOWN)
		return a->kern[k];
	buf = hb_buffer_create();
	hb_buffer_add(buf, ' ', 0);
	hb_buffer_add(buf, next, 1);
	hb_buffer_set_content_type(buf, HB_BUFFER_CONTENT_TYPE_UNICODE);
	hb_buffer_guess_segment_properties(buf);
	hb_shape(font, buf, NULL, 0);
	if (hb_buffer_get_length(buf) == 2)
		kern = hb_buffer_get_glyph_positions(buf, NULL)[0].x_advance - a->space;
	hb_buffer_destroy(buf);
	a->kern[k] = kern;
	return kern;
}

/* Font attributes besides PANGO_ATTR_FONT_DESC. */
static bool is_font_attr(PangoAttrType t)
{
	switch (t) {
	case PANGO_ATTR_FAMILY:
	case PANGO_ATTR_STYLE:
	case PANGO_ATTR_WEIGHT:
	case PANGO_ATTR_VARIANT:
	case PANGO_ATTR_STRETCH:
	case PANGO_ATTR_SIZE:
	case PANGO_ATTR_SCALE:
	case PANGO_ATTR_ABSOLUTE_SIZE:
	case PANGO_ATTR_GRAVITY:
	case PANGO_ATTR_GRAVITY_HINT:
	case PANGO_ATTR_FONT_SCALE:
	case PANGO_ATTR_LANGUAGE:
		return true;
	default:
		return false;
	}
}

/* Attributes that make the paragraph not handled here. */
static bool is_unhandled_attr(const PangoAttribute *a)
{
	switch (a->klass->type) {
	case PANGO_ATTR_LETTER_SPACING:
		return ((const PangoAttrInt *)a)->value != 0;
	case PANGO_ATTR_SHAPE:
	case PANGO_ATTR_TEXT_TRANSFORM:
	case PANGO_ATTR_SHOW:
	case PANGO_ATTR_GRAVITY:
	case PANGO_ATTR_GRAVITY_HINT:
		return true;
	default:
		return false;
	}
}

/* Attributes that change where lines may break.  Not
 * PANGO_ATTR_INSERT_HYPHENS, on every paragraph (keep.c): Pango's tailoring
 * of an item's breaks, which keeps the line break at the item's start as
 * it was, does not keep whether a break there inserts a hyphen, and a
 * boundary is only put after a space. */
static bool is_break_attr(PangoAttrType t)
{
	return t == PANGO_ATTR_ALLOW_BREAKS || t == PANGO_ATTR_WORD || t == PANGO_ATTR_SENTENCE;
}

/* The characters of `layout`'s text with their classes and advances, in
 * *out (n_chars + 1 entries, the last the end); false when the
 * paragraph is not handled here. */
static bool read_chars(vndoc_layout *l, PangoLayout *layout, para *pp, ch **out, int *n_out)
{
	const char *text = pango_layout_get_text(layout);
	int len = (int)strlen(text), n = 0;
	PangoAttrList *attrs = pango_layout_get_attributes(layout);
	const PangoFontDescription *base = pango_layout_get_font_description(layout);
	PangoAttrIterator *it;
	ch *c;
	bool ok = true;

	if (!attrs)
		return false;
	c = vndoc_xreallocarray(NULL, (size_t)len + 1, sizeof *c);
	it = pango_attr_list_get_iterator(attrs);
	do {
		int start, end;
		GSList *all, *extra = NULL;
		PangoFontDescription *desc = NULL;
		PangoAttribute *fd;
		PangoFont *font = NULL;
		hb_font_t *hb;
		bool cut_ok = true;
		int em;

		pango_attr_iterator_range(it, &start, &end);
		if (end > len)
			end = len;
		if (start >= end)
			continue;
		bool no_kern = false;
		all = pango_attr_iterator_get_attrs(it);
		for (GSList *a = all; a && ok; a = a->next) {
			PangoAttribute *attr = a->data;
			if (is_unhandled_attr(attr))
				ok = false;
			if (attr->klass->type == PANGO_ATTR_FONT_FEATURES) {
				if (strcmp(((PangoAttrFontFeatures *)attr)->features, "kern 0"))
					ok = false;
				no_kern = true;
			}
			if (is_font_attr(attr->klass->type) || is_break_attr(attr->klass->type))
				cut_ok = false;
		}
		g_slist_free_full(all, (GDestroyNotify)pango_attribute_destroy);
		/* the run's own description where it is the only one (the
		 * font fallback.c loads for it), else the merged one */
		fd = pango_attr_iterator_get(it, PANGO_ATTR_FONT_DESC);
		if (!cut_ok || !(fd || base)) {
			desc =
			    base ? pango_font_description_copy(base) : pango_font_description_new();
			pango_attr_iterator_get_font(it, desc, NULL, &extra);
			g_slist_free_full(extra, (GDestroyNotify)pango_attribute_destroy);
		}
		if (!desc)
			em = pango_font_description_get_size(fd ? ((PangoAttrFontDesc *)fd)->desc
			                                        : base);
		else
			em = pango_font_description_get_size(desc);
		if (ok && em > 0)
			font = vndoc_layout__primary_font(l, l->ctx,
			                                  desc ? desc
			                                  : fd ? ((PangoAttrFontDesc *)fd)->desc
			                                       : base);
		if (desc)
			pango_font_description_free(desc);
		if (!font) {
			ok = false;
			break;
		}
		hb = pango_font_get_hb_font(font);
		for (const char *p = text + start; ok && p < text + end; p = g_utf8_next_char(p)) {
			gunichar u = g_utf8_get_char(p);
			int w = 0;
			c[n].at = (int)(p - text);
			c[n].cls = (char)char_class(u);
			c[n].no_cut = !cut_ok;
			c[n].em = em;
			c[n].hb = hb;
			c[n].range = p == text + start;
			c[n].no_kern = no_kern;
			if (!c[n].cls || !advance(pp, hb, u, &w))
				ok = false;
			c[n].w = w;
			c[n].u = u;
			n++;
		}
		g_object_unref(font);
	} while (ok && pango_attr_iterator_next(it));
	pango_attr_iterator_destroy(it);
	if (!ok || n == 0) {
		free(c);
		return false;
	}
	c[n] = (ch){.at = len, .cls = SPACE, .no_cut = true};
	*out = c;
	*n_out = n;
	return true;
}

/* Pango's width for line `k` (the first has the indent). */
static int line_width(PangoLayout *layout, int k)
{
	int w = pango_layout_get_width(layout), indent = pango_layout_get_indent(layout);
	if (pango_layout_get_alignment(layout) == PANGO_ALIGN_CENTER)
		return w;
	if (k == 0 && indent >= 0)
		w -= indent;
	else if (k > 0 && indent < 0)
		w += indent;
	return w < 0 ? 0 : w;
}

/* Whether Pango breaks a line before c[b] (after a space): a letter or
 * digit after spaces after what is not an opening bracket, no attribute
 * there that may forbid it. */
static bool breaks_at(const ch *c, int s, int b)
{
	int p = b - 1;
	if (c[b].no_cut || c[b - 1].no_cut || !starts_word(c[b].u))
		return false;
	while (p > s && c[p].cls == SPACE)
		p--;
	return p > s && (c[p].cls == WORD || (c[p].u < 0x80 && strchr(")]}!?%-", (int)c[p].u)));
}

/* The guessed line starts, sure by the margins, where a boundary may go
 * (a line whose start is sure but takes none, after a space kerned with
 * the next letter, is left to Pango), as character indexes. */
static int guess(PangoLayout *layout, para *pp, const ch *c, int n, int em, int *cuts, int max_cuts)
{
	int s = 0, k = 0, n_cuts = 0;
	long long *sum = vndoc_xreallocarray(NULL, (size_t)n + 1, sizeof *sum);
	long long margin = (long long)em * VNDOC_LIMIT_LAYOUT_PRESPLIT_GUESS / 100;
	sum[0] = 0;
	for (int i = 0; i < n; i++)
		sum[i + 1] = sum[i] + c[i].w;
	while (n_cuts < max_cuts) {
		int av = line_width(layout, k), best = -1, q;
		/* the text from s fits: the last line */
		if (sum[n] - sum[s] <= av)
			break;
		for (int b = s + 1; b < n; b++) {
			if (c[b - 1].cls != SPACE || c[b].cls == SPACE)
				continue;
			if (sum[b] - sum[s] - c[b - 1].w > av - margin)
				break;
			/* a later break fits: one Pango may not take is not sure */
			best = breaks_at(c, s, b) ? b : -1;
		}
		if (best < 0)
			break;
		/* the next word, to the first place Pango could break */
		for (q = best; q < n && c[q].cls == WORD; q++)
			;
		if (q == best || sum[q] - sum[s] <= av + margin)
			break;
		/* Not where attributes change: Pango may start an item there
		 * already (then it justifies the line as with a boundary). */
		if (!c[best].range &&
		    (c[best - 1].no_kern || space_kern(pp, c[best - 1].hb, c[best].u) == 0))
			cuts[n_cuts++] = best;
		s = best;
		k++;
	}
	free(sum);
	return n_cuts;
}

/* Whether `item` is shaped with "kern 0" (and no other features). */
static bool no_kerning(const PangoItem *item)
{
	for (GSList *a = item->analysis.extra_attrs; a; a = a->next) {
		const PangoAttribute *attr = a->data;
		if (attr->klass->type == PANGO_ATTR_FONT_FEATURES &&
		    !strcmp(((const PangoAttrFontFeatures *)attr)->features, "kern 0"))
			return true;
	}
	return false;
}

/* A glyph's width before justification: a space (its glyph emptied by
 * Pango at a line's end) at its font's advance with its kerning before
 * the next character `next`; *kerned: that was not known. */
static int natural(para *pp, const PangoGlyphItem *run, int i, const char *text, gunichar next,
                   bool *unknown)
{
	const PangoGlyphInfo *g = &run->glyphs->glyphs[i];
	int at = run->item->offset + run->glyphs->log_clusters[i], kern;
	font_cache *a;
	hb_font_t *hb;
	if (text[at] != ' ')
		return g->geometry.width;
	if (run->item->analysis.font != pp->last_font) {
		pp->last_font = run->item->analysis.font;
		pp->last_hb = pango_font_get_hb_font(pp->last_font);
	}
	hb = pp->last_hb;
	a = cache_of(pp, hb);
	kern = next && !no_kerning(run->item) ? space_kern(pp, hb, next) : 0;
	if (a->space < 0 || kern == UNKNOWN) {
		*unknown = true;
		return g->geometry.width;
	}
	return a->space + kern;
}

/* Pango's justification of a line's spaces (pango-layout.c,
 * justify_words): `room` spread over the spaces of natural widths n[],
 * in proportion, into w[]. */
static void spread(const int *n, int count, int room, int *w)
{
	long long total = 0, so_far = 0, added = 0;
	bool hinted = (room & (PANGO_SCALE - 1)) == 0;
	for (int i = 0; i < count; i++)
		total += n[i];
	for (int i = 0; i < count; i++) {
		long long adj;
		if (room <= 0 || total == 0) {
			w[i] = n[i];
			continue;
		}
		so_far += n[i];
		adj = (long long)((unsigned long long)so_far * (unsigned long long)room /
		                  (unsigned long long)total) -
		      added;
		if (hinted)
			adj = PANGO_UNITS_ROUND(adj);
		w[i] = n[i] + (int)adj;
		added += adj;
	}
}

/* One line's glyphs in logical order with what the checks need. */
typedef struct glyph {
	PangoGlyphInfo *g;
	int n;      /* natural width */
	bool space; /* an expandable space with a width */
	bool trail; /* the emptied last space */
} glyph;

/* Line `pl`'s glyphs (LTR runs only), with their natural widths; false
 * when a width is not known or a space has more than one glyph. */
static int line_glyphs(para *pp, PangoLayoutLine *pl, const char *text, const PangoLogAttr *la,
                       int line_char, glyph **out)
{
	int count = 0, ci = line_char, at_prev = pl->start_index;
	glyph *gl;
	bool unknown = false;
	for (GSList *rl = pl->runs; rl; rl = rl->next)
		count += ((PangoGlyphItem *)rl->data)->glyphs->num_glyphs;
	gl = vndoc_xreallocarray(NULL, count ? (size_t)count : 1, sizeof *gl);
	count = 0;
	for (GSList *rl = pl->runs; rl && !unknown; rl = rl->next) {
		PangoGlyphItem *run = rl->data;
		PangoGlyphString *gs = run->glyphs;
		if (run->item->analysis.level % 2)
			unknown = true;
		for (int i = 0; i < gs->num_glyphs && !unknown; i++) {
			int at = run->item->offset + gs->log_clusters[i];
			const char *nx = g_utf8_next_char(text + at);
			gunichar next = text[at] == ' ' && *nx ? g_utf8_get_char(nx) : 0;
			if (at < at_prev)
				unknown = true;
			ci += (int)g_utf8_pointer_to_offset(text + at_prev, text + at);
			at_prev = at;
			gl[count].g = &gs->glyphs[i];
			gl[count].n = natural(pp, run, i, text, next, &unknown);
			gl[count].space =
			    la[ci].is_expandable_space && gs->glyphs[i].geometry.width != 0;
			gl[count].trail =
			    la[ci].is_expandable_space && gs->glyphs[i].geometry.width == 0;
			if (la[ci].is_expandable_space &&
			    (text[at] != ' ' ||
			     (i > 0 && gs->log_clusters[i - 1] == gs->log_clusters[i]))) {
				unknown = true;
			}
			count++;
		}
	}
	if (unknown) {
		free(gl);
		return -1;
	}
	*out = gl;
	return count;
}

/*
 * A justified line ending at a boundary, as Pango justifies it without
 * the boundary.  Without, Pango breaks the line inside the item and
 * spreads the room left after the line less the space it ends with; with
 * the boundary the item ends there and fits whole, and the room is what
 * is left after the line with that space.  So the spaces' natural widths
 * (each must be what Pango's spread gives back exactly) are spread again
 * with the space's width more.
 */
static bool rejustify(PangoLayout *layout, int k, const glyph *gl, int count, int trail)
{
	int n_sp = 0, room = line_width(layout, k), *n, *w;
	bool ok = true;
	n = vndoc_xreallocarray(NULL, ((size_t)count + 1) * 2, sizeof *n);
	w = n + count + 1;
	for (int i = 0; i < count; i++) {
		room -= gl[i].trail ? 0 : gl[i].space ? gl[i].n : gl[i].g->geometry.width;
		if (gl[i].space)
			n[n_sp++] = gl[i].n;
	}
	spread(n, n_sp, room - trail, w);
	for (int i = 0, j = 0; i < count && ok; i++)
		if (gl[i].space)
			ok = w[j++] == gl[i].g->geometry.width;
	if (ok) {
		spread(n, n_sp, room, w);
		/* the line's extents are measured again */
		pango_layout_get_line(layout, k);
		for (int i = 0, j = 0; i < count; i++)
			if (gl[i].space)
				gl[i].g->geometry.width = w[j++];
	}
	free(n);
	return ok;
}

/* Whether each boundary starts a line of the layout and Pango's choice
 * there is sure by VNDOC_LIMIT_LAYOUT_PRESPLIT_SURE (see above); a
 * justified line before one is justified as without it. */
static bool verify(PangoLayout *layout, para *pp, const int *at, int n_at, int em)
{
	const char *text = pango_layout_get_text(layout);
	int n_attrs, k = 0, j = 0, line_char = 0, prev_start = 0;
	const PangoLogAttr *la = pango_layout_get_log_attrs_readonly(layout, &n_attrs);
	GSList *lines = pango_layout_get_lines_readonly(layout);
	long long sure = (long long)em * VNDOC_LIMIT_LAYOUT_PRESPLIT_SURE / 100;
	bool justify = pango_layout_get_justify(layout);

	for (GSList *ll = lines; ll && j < n_at; ll = ll->next, k++) {
		PangoLayoutLine *pl = ll->data, *next;
		long long w = 0, wn = 0;
		int end = pl->start_index + pl->length, ci, count, trail = 0, spaces = 0;
		glyph *gl;
		bool ok;
		line_char +=
		    (int)g_utf8_pointer_to_offset(text + prev_start, text + pl->start_index);
		prev_start = pl->start_index;
		if (end < at[j])
			continue;
		if (end != at[j] || !ll->next || text[end - 1] != ' ') {
			return false;
		}
		next = ll->next->data;
		/* the line before the boundary, less its last space */
		if ((count = line_glyphs(pp, pl, text, la, line_char, &gl)) < 0) {
			return false;
		}
		for (int i = 0; i < count; i++) {
			w += gl[i].trail ? 0 : gl[i].n;
			spaces += gl[i].space;
			if (gl[i].trail)
				trail = gl[i].n;
		}
		ok = trail > 0 && spaces > 0 && w <= line_width(layout, k) - sure;
		/* Pango's next break after the boundary, on the next line */
		ci = line_char + (int)g_utf8_pointer_to_offset(text + pl->start_index, text + end);
		for (ci++; ci < n_attrs - 1 && !la[ci].is_line_break; ci++)
			;
		if (ok) {
			int c_at = (int)(g_utf8_offset_to_pointer(text, ci) - text);
			ok = c_at <= next->start_index + next->length;
			for (GSList *rl = next->runs; rl && ok; rl = rl->next) {
				PangoGlyphItem *run = rl->data;
				for (int i = 0; i < run->glyphs->num_glyphs; i++) {
					int a = run->item->offset + run->glyphs->log_clusters[i];
					bool unknown = false;
					if (a < c_at && !(a == c_at - 1 && la[ci - 1].is_white))
						wn += natural(pp, run, i, text, 0, &unknown);
				}
			}
			ok = ok && w + trail + wn > line_width(layout, k) + sure;
		}
		if (ok && justify) {
			ok = rejustify(layout, k, gl, count, trail);
		}
		free(gl);
		if (!ok)
			return false;
		j++;
	}
	return j == n_at;
}

void vndoc_layout__presplit_begin(vndoc_layout *l, PangoLayout *layout, vndoc_layout__presplit *ps)
{
	const char *text = pango_layout_get_text(layout);
	PangoAttrList *attrs = pango_layout_get_attributes(layout), *split;
	ch *c = NULL;
	int n = 0, n_cuts, em = 0, *cuts;
	para *pp;

	*ps = (vndoc_layout__presplit){0};
	if (is_off() || !attrs || pango_layout_get_width(layout) <= 0 ||
	    pango_layout_get_ellipsize(layout) != PANGO_ELLIPSIZE_NONE ||
	    pango_layout_get_wrap(layout) != PANGO_WRAP_WORD_CHAR ||
	    pango_context_get_base_dir(pango_layout_get_context(layout)) == PANGO_DIRECTION_RTL)
		return;
	if (!l->presplit_fonts)
		l->presplit_fonts =
		    g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, cache_free);
	pp = &(para){l->presplit_fonts, NULL, NULL, NULL, NULL};
	if (!read_chars(l, layout, pp, &c, &n)) {
		return;
	}
	for (int i = 0; i < n; i++)
		if (c[i].em > em)
			em = c[i].em;
	cuts = vndoc_xreallocarray(NULL, VNDOC_LIMIT_LAYOUT_PRESPLIT_CUTS, sizeof *cuts);
	n_cuts = guess(layout, pp, c, n, em, cuts, VNDOC_LIMIT_LAYOUT_PRESPLIT_CUTS);
	if (n_cuts == 0) {
		free(cuts);
		free(c);
		return;
	}
	/* a copy of the font description on each boundary's byte (the
	 * boundaries ascend: one walk of the ranges) */
	split = pango_attr_list_copy(attrs);
	{
		PangoAttrIterator *it = pango_attr_list_get_iterator(attrs);
		GSList *copies = NULL;
		int start, end, i = 0;
		do {
			PangoAttribute *fd;
			pango_attr_iterator_range(it, &start, &end);
			fd = pango_attr_iterator_get(it, PANGO_ATTR_FONT_DESC);
			for (; i < n_cuts && c[cuts[i]].at < end; i++) {
				int b = c[cuts[i]].at;
				PangoAttribute *copy =
				    fd ? pango_attribute_copy(fd)
				       : pango_attr_font_desc_new(
				             pango_layout_get_font_description(layout));
				copy->start_index = (guint)b;
				copy->end_index = fd ? fd->end_index : (guint)strlen(text);
				copies = g_slist_prepend(copies, copy);
				cuts[i] = b;
			}
		} while (i < n_cuts && pango_attr_iterator_next(it));
		pango_attr_iterator_destroy(it);
		for (GSList *cp = copies = g_slist_reverse(copies); cp; cp = cp->next)
			pango_attr_list_insert(split, cp->data);
		g_slist_free(copies);
		n_cuts = i;
	}
	free(c);
	ps->orig = pango_attr_list_ref(attrs);
	pango_layout_set_attributes(layout, split);
	pango_attr_list_unref(split);
	/* each line's item is shaped once (shape_cache.c) */
	vndoc_layout__shape_cache(true);
	pango_layout_get_lines_readonly(layout);
	vndoc_layout__shape_cache(false);
	if (!verify(layout, pp, cuts, n_cuts, em)) {
		pango_layout_set_attributes(layout, ps->orig);
		pango_attr_list_unref(ps->orig);
		ps->orig = NULL;
		g_atomic_int_inc(&stats[2]);
	} else {
		ps->serial = pango_layout_get_serial(layout);
		g_atomic_int_inc(&stats[0]);
		g_atomic_int_add(&stats[1], n_cuts);
	}
	free(cuts);
}

bool vndoc_layout__presplit_end(vndoc_layout__presplit *ps, PangoLayout *layout)
{
	bool same;
	if (!ps->orig)
		return true;
	same = pango_layout_get_serial(layout) == ps->serial;
	if (!same) {
		/* laid out again since: again without the boundaries */
		pango_layout_set_attributes(layout, ps->orig);
		g_atomic_int_inc(&stats[2]);
	}
	pango_attr_list_unref(ps->orig);
	ps->orig = NULL;
	return same;
}
