/*
 * layout/fallback.c: characters their font has no glyph for.
 *
 * Pango draws each character with the first font of its fontset that has
 * it; fonts/fonts.conf makes that set the font asked for (through its
 * metric-compatible replacement) followed by the fallback chain (DejaVu
 * Sans, Noto Kufi Arabic, Noto Naskh Arabic, DejaVu Math TeX Gyre, Noto
 * CJK, Noto Sans Symbols, OpenSymbol), as LibreOffice falls back; a
 * grapheme cluster Pango would split between fonts is given one
 * (vndoc_layout__cluster_fallback), as LibreOffice falls back per
 * cluster.  Here every character
 * drawn by a font other than the one asked for (its "primary" font, the
 * first of the set), or by none, is found: an error when the layout is
 * strict (our own templates), else a warning per character and font; a
 * font's companion (Noto Serif for Caladea's missing Vietnamese letters)
 * is no fallback.
 */
#include <stdio.h>
#include <string.h>

#include "core/limits.h"
#include "layout/layout_internal.h"

/* The part of the text a font description (an attribute, or the layout's
 * own) covers, and the primary font it loads. */
typedef struct asked {
	int start, end;
	const PangoFontDescription *desc;
	PangoFont *primary; /* loaded when first needed */
} asked;

/* The font descriptions of `layout`'s text, in order, covering it. */
static GArray *asked_ranges(PangoLayout *layout)
{
	GArray *out = g_array_new(FALSE, FALSE, sizeof(asked));
	const PangoFontDescription *base = pango_layout_get_font_description(layout);
	PangoAttrList *attrs = pango_layout_get_attributes(layout);
	PangoAttrIterator *it;

	if (!attrs) {
		asked a = { 0, G_MAXINT, base, NULL };
		g_array_append_val(out, a);
		return out;
	}
	it = pango_attr_list_get_iterator(attrs);
	do {
		PangoAttribute *f = pango_attr_iterator_get(it, PANGO_ATTR_FONT_DESC);
		asked a = { 0, 0, f ? ((PangoAttrFontDesc *)f)->desc : base, NULL };
		pango_attr_iterator_range(it, &a.start, &a.end);
		if (a.end > a.start)
			g_array_append_val(out, a);
	} while (pango_attr_iterator_next(it));
	pango_attr_iterator_destroy(it);
	return out;
}

static asked *asked_at(GArray *ranges, int offset)
{
	guint lo = 0, hi = ranges->len;
	while (lo < hi) {
		guint mid = (lo + hi) / 2;
		asked *a = &g_array_index(ranges, asked, mid);
		if (offset < a->start)
			hi = mid;
		else if (offset >= a->end)
			lo = mid + 1;
		else
			return a;
	}
	return NULL;
}

static char *family_of(PangoFont *f)
{
	PangoFontDescription *d = f ? pango_font_describe(f) : NULL;
	char *name = g_strdup(d && pango_font_description_get_family(d) ? pango_font_description_get_family(d)
									 : "none");
	if (d)
		pango_font_description_free(d);
	return name;
}

/* Characters a line has without their font being the one that draws them,
 * and that are never a glyph's matter. */
static bool ignored(gunichar ch)
{
	GUnicodeType t = g_unichar_type(ch);
	return g_unichar_isspace(ch) || ch == 0xfffc || t == G_UNICODE_CONTROL || t == G_UNICODE_FORMAT ||
	       t == G_UNICODE_LINE_SEPARATOR || t == G_UNICODE_PARAGRAPH_SEPARATOR;
}

/* Fonts that draw what another lacks by design, as LibreOffice draws it
 * (fonts/fonts.conf names the companion after the font): Caladea,
 * Cambria's replacement, has no Vietnamese letters with a dot below or a
 * hook above (nor Cyrillic), and LibreOffice draws them with Noto Serif. */
static const struct {
	const char *asked, *primary, *companion;
} COMPANIONS[] = { { "Cambria", "Caladea", "Noto Serif" } };

static bool companion(PangoFont *primary, PangoFont *drawn)
{
	char *p, *d;
	bool yes = false;
	if (!primary || !drawn)
		return false;
	p = family_of(primary);
	d = family_of(drawn);
	for (size_t i = 0; i < sizeof COMPANIONS / sizeof COMPANIONS[0] && !yes; i++)
		yes = !strcmp(p, COMPANIONS[i].primary) && !strcmp(d, COMPANIONS[i].companion);
	g_free(p);
	g_free(d);
	return yes;
}

PangoFont *vndoc_layout__companion_primary(PangoContext *ctx, PangoFont *drawn, const char *family)
{
	PangoFontDescription *desc;
	PangoFont *primary;
	bool known = false;
	for (size_t i = 0; family && i < sizeof COMPANIONS / sizeof COMPANIONS[0] && !known; i++)
		known = !g_ascii_strcasecmp(family, COMPANIONS[i].asked) ||
			!g_ascii_strcasecmp(family, COMPANIONS[i].primary);
	if (!known || !ctx || !drawn)
		return NULL;
	desc = pango_font_describe(drawn);
	pango_font_description_set_family(desc, family);
	primary = pango_context_load_font(ctx, desc);
	pango_font_description_free(desc);
	if (primary && primary != drawn && companion(primary, drawn))
		return primary;
	if (primary)
		g_object_unref(primary);
	return NULL;
}

/* LibreOffice takes a line's height from the font each run names, as
 * the system resolves the name for the run's script (SwFntObj::
 * GetFontAscent and GetFontHeight read the reference device's metrics of
 * that font); a font that only lends glyphs the resolved one lacks
 * (VCL's glyph fallback) never counts.  An Arabic run drawn by a font
 * other than the one drawing the script's plain letters (the Quranic
 * marks U+06D6-U+06ED and the alef wasla that DejaVu Sans lacks, in Noto
 * Kufi Arabic, among letters in DejaVu Sans; POI's stress004) then
 * takes that font's metrics: returns it, or NULL for any other run. */
PangoFont *vndoc_layout__script_font(PangoContext *ctx, const PangoGlyphItem *run, const char *family)
{
	PangoFontDescription *desc;
	PangoFontset *set;
	PangoFont *plain;
	if (!ctx || !family || !run->item->analysis.font || run->item->analysis.script != PANGO_SCRIPT_ARABIC)
		return NULL;
	desc = pango_font_describe(run->item->analysis.font);
	pango_font_description_set_family(desc, family);
	set = pango_context_load_fontset(ctx, desc, run->item->analysis.language);
	pango_font_description_free(desc);
	if (!set)
		return NULL;
	plain = pango_fontset_get_font(set, 0x0627); /* alef */
	g_object_unref(set);
	if (plain && plain == run->item->analysis.font) {
		g_object_unref(plain);
		return NULL;
	}
	return plain;
}

/* The end of the grapheme cluster that begins at `p`: the character and
 * the marks (Mn, Mc, Me) that follow it. */
static const char *cluster_end(const char *p, const char *end)
{
	p = g_utf8_next_char(p);
	/* every mark is past U+02FF: an ASCII byte begins no mark */
	while (p < end && (guchar)*p >= 0x80 && g_unichar_ismark(g_utf8_get_char(p)))
		p = g_utf8_next_char(p);
	return p;
}

/* Whether `f` has every character from `p` to `end` that is a glyph's matter. */
static bool has_all(PangoFont *f, const char *p, const char *end)
{
	for (; p < end; p = g_utf8_next_char(p)) {
		gunichar ch = g_utf8_get_char(p);
		if (!ignored(ch) && !pango_font_has_char(f, ch))
			return false;
	}
	return true;
}

/* Whether `set` draws the characters of the cluster `p`..`end` with more
 * than one font, as Pango draws them character by character. */
static bool split(PangoFontset *set, const char *p, const char *end)
{
	PangoFont *first = NULL;
	bool more = false;
	for (; p < end && !more; p = g_utf8_next_char(p)) {
		gunichar ch = g_utf8_get_char(p);
		PangoFont *f;
		if (ignored(ch))
			continue;
		f = pango_fontset_get_font(set, ch);
		if (!first)
			first = f;
		else {
			more = f != first;
			if (f)
				g_object_unref(f);
		}
	}
	if (first)
		g_object_unref(first);
	return more;
}

/* The font of `set` for the first character of the cluster `p`..`end`
 * that `primary` lacks and that has the whole cluster (a new reference),
 * else NULL. */
static PangoFont *cluster_font(PangoFontset *set, PangoFont *primary, const char *p, const char *end)
{
	const char *c = p;
	for (; c < end; c = g_utf8_next_char(c)) {
		gunichar ch = g_utf8_get_char(c);
		PangoFont *f;
		if (ignored(ch) || pango_font_has_char(primary, ch))
			continue;
		f = pango_fontset_get_font(set, ch);
		if (f && f != primary && has_all(f, p, end))
			return f;
		if (f)
			g_object_unref(f);
	}
	return NULL;
}

void vndoc_layout__cluster_fallback(PangoContext *ctx, PangoAttrList *attrs, const PangoFontDescription *base,
				    const char *text, int len)
{
	PangoAttrIterator *it = pango_attr_list_get_iterator(attrs);
	PangoFont *primary = NULL;
	PangoFontset *set = NULL;
	PangoFontDescription *desc = NULL;
	PangoLanguage *lang = NULL;
	GSList *found = NULL;
	const char *p = text, *end = text + len;
	int from, to;

	pango_attr_iterator_range(it, &from, &to);
	for (const char *q; p < end; p = q) {
		int at = (int)(p - text);
		q = cluster_end(p, end);
		if (q == g_utf8_next_char(p))
			continue; /* no mark: the character is its own cluster */
		while (at >= to && pango_attr_iterator_next(it)) {
			pango_attr_iterator_range(it, &from, &to);
			g_clear_object(&primary);
			g_clear_object(&set);
		}
		if (!primary) {
			if (desc)
				pango_font_description_free(desc);
			desc = pango_font_description_copy(base);
			lang = NULL;
			pango_attr_iterator_get_font(it, desc, &lang, NULL);
			primary = pango_context_load_font(ctx, desc);
		}
		if (!primary || has_all(primary, p, q))
			continue;
		if (!set)
			set = pango_context_load_fontset(ctx, desc, lang ? lang : pango_context_get_language(ctx));
		/* a cluster Pango draws in one font anyway keeps Pango's items */
		PangoFont *f = set && split(set, p, q) ? cluster_font(set, primary, p, q) : NULL;
		if (f) {
			char *family = family_of(f);
			PangoAttribute *a = pango_attr_family_new(family);
			a->start_index = (guint)at;
			a->end_index = (guint)(q - text);
			found = g_slist_prepend(found, a);
			g_free(family);
			g_object_unref(f);
		}
	}
	pango_attr_iterator_destroy(it);
	g_clear_object(&primary);
	g_clear_object(&set);
	if (desc)
		pango_font_description_free(desc);
	/* inserted once the iterator is gone: it walks the list */
	found = g_slist_reverse(found);
	for (GSList *f = found; f; f = f->next)
		pango_attr_list_insert(attrs, f->data);
	g_slist_free(found);
}

/* The primary font `ctx` loads for `desc`, a new reference.  Loaded once
 * per run for each description met on the layout's own context: the
 * same context and description give the same font (Pango's font map
 * looks the font set up again on each call, 3,211 calls over the 2,800
 * paragraphs of bench/fidelity's 21 documents). */
PangoFont *vndoc_layout__primary_font(vndoc_layout *l, PangoContext *ctx, const PangoFontDescription *desc)
{
	PangoFont *font;

	if (ctx != l->ctx)
		return pango_context_load_font(ctx, desc);
	if (!l->primary_fonts)
		l->primary_fonts =
			g_hash_table_new_full((GHashFunc)pango_font_description_hash,
					      (GEqualFunc)pango_font_description_equal,
					      (GDestroyNotify)pango_font_description_free, g_object_unref);
	if (!g_hash_table_lookup_extended(l->primary_fonts, desc, NULL, (gpointer *)&font)) {
		if (!(font = pango_context_load_font(ctx, desc)))
			return NULL;
		g_hash_table_insert(l->primary_fonts, pango_font_description_copy(desc), font);
	}
	return font ? g_object_ref(font) : NULL;
}

/* Character `ch`, asked in `a`'s font, is drawn with `drawn` (NULL: by no
 * font). */
static int report(vndoc_layout *l, gunichar ch, asked *a, PangoFont *drawn, vndoc_error *err)
{
	const char *font = pango_font_description_get_family(a->desc);
	char utf8[8], *key, *got;

	utf8[g_unichar_to_utf8(ch, utf8)] = '\0';
	if (!font)
		font = "?";
	if (l->repairs.strict) {
		got = family_of(a->primary);
		vndoc_error_set(err, VNDOC_EFONT, "no glyph for U+%04X \"%s\" in font \"%s\" (drawn with %s)",
				(unsigned)ch, utf8, font, got);
		g_free(got);
		return VNDOC_EFONT;
	}
	if (!l->repairs.seen)
		l->repairs.seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	key = g_strdup_printf("%04X %s", (unsigned)ch, font);
	if (g_hash_table_contains(l->repairs.seen, key)) {
		g_free(key);
		return 0;
	}
	g_hash_table_add(l->repairs.seen, key);
	if (++l->repairs.n_chars > VNDOC_LIMIT_FALLBACK_WARNINGS) {
		if (l->repairs.n_chars == VNDOC_LIMIT_FALLBACK_WARNINGS + 1)
			vndoc_layout__warn(l, "more characters with no glyph in their font drawn with fallback "
					      "fonts: only the first %d are listed", VNDOC_LIMIT_FALLBACK_WARNINGS);
		return 0;
	}
	if (!drawn) {
		vndoc_layout__warn(l, "no glyph for U+%04X \"%s\" in font \"%s\" nor in the fallback fonts: "
				      "drawn as a box", (unsigned)ch, utf8, font);
		return 0;
	}
	got = family_of(drawn);
	vndoc_layout__warn(l, "no glyph for U+%04X \"%s\" in font \"%s\": drawn with %s", (unsigned)ch, utf8,
			   font, got);
	g_free(got);
	return 0;
}

/* Whether the glyphs of each cluster of `run` (by its first byte, from
 * the item's start) include one no font had: 1, else 0; -1 where no
 * cluster begins.  A cluster may hold several characters (lam-alef). */
static signed char *cluster_flags(const PangoGlyphItem *run)
{
	int n = run->item->length;
	signed char *flags = g_malloc((gsize)n + 1);
	memset(flags, -1, (size_t)n + 1);
	for (int g = 0; g < run->glyphs->num_glyphs; g++) {
		int c = run->glyphs->log_clusters[g];
		bool none = (run->glyphs->glyphs[g].glyph & PANGO_GLYPH_UNKNOWN_FLAG) != 0;
		if (c >= 0 && c < n && flags[c] < (none ? 1 : 0))
			flags[c] = none ? 1 : 0;
	}
	return flags;
}

/* The characters of `run`, in the text's order, that the font their text
 * asks for does not draw. */
static int check_run(vndoc_layout *l, PangoContext *ctx, const char *text, GArray *ranges,
		     PangoGlyphItem *run, vndoc_error *err)
{
	PangoFont *font = run->item->analysis.font;
	asked *a = asked_at(ranges, run->item->offset);
	const char *p = text + run->item->offset, *end = p + run->item->length;
	signed char *flags;
	bool unknown = false;
	int error = 0, none = 0;

	if (!a)
		return 0;
	for (int g = 0; g < run->glyphs->num_glyphs && !unknown; g++)
		unknown = (run->glyphs->glyphs[g].glyph & PANGO_GLYPH_UNKNOWN_FLAG) != 0;
	if (!a->primary)
		a->primary = vndoc_layout__primary_font(l, ctx, a->desc);
	if (font == a->primary && !unknown)
		return 0; /* the common case */
	flags = cluster_flags(run);
	for (; p < end && !error; p = g_utf8_next_char(p)) {
		int at = (int)(p - text);
		gunichar ch = g_utf8_get_char(p);
		if (flags[at - run->item->offset] >= 0)
			none = flags[at - run->item->offset];
		if (ignored(ch) || !(a = asked_at(ranges, at)))
			continue;
		if (!a->primary)
			a->primary = vndoc_layout__primary_font(l, ctx, a->desc);
		if (!none && (font == a->primary || (a->primary && pango_font_has_char(a->primary, ch)) ||
			      companion(a->primary, font)))
			continue;
		error = report(l, ch, a, none ? NULL : font, err);
	}
	g_free(flags);
	return error;
}

int vndoc_layout__fallback_check(vndoc_layout *l, PangoLayout *layout, vndoc_error *err)
{
	const char *text = pango_layout_get_text(layout);
	PangoContext *ctx = pango_layout_get_context(layout);
	GArray *ranges = asked_ranges(layout);
	int error = 0;

	for (GSList *ll = pango_layout_get_lines_readonly(layout); ll && !error; ll = ll->next)
		for (GSList *rl = ((PangoLayoutLine *)ll->data)->runs; rl && !error; rl = rl->next)
			error = check_run(l, ctx, text, ranges, rl->data, err);
	for (guint i = 0; i < ranges->len; i++)
		if (g_array_index(ranges, asked, i).primary)
			g_object_unref(g_array_index(ranges, asked, i).primary);
	g_array_free(ranges, TRUE);
	return error;
}
