/*
 * layout/fonts.c: the private fontconfig configuration and the Pango
 * context layouts are made in.
 *
 * Loading a configuration (parsing fonts.conf, scanning its folders) is the
 * costly part, so each configuration file is loaded once per process and
 * shared by reference: fontconfig is thread-safe, and a loaded FcConfig is
 * never changed afterwards.  A Pango font map and context are not
 * thread-safe; each vndoc_layout_fonts has its own, and keeps the fonts and
 * shaping caches that make the second document cheaper than the first.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>
#include <pango/pangofc-fontmap.h>

#include "core/alloc.h"
#include "layout/layout_internal.h"

#ifndef VNDOC_FONTS_CONF_DEFAULT
#define VNDOC_FONTS_CONF_DEFAULT "fonts/fonts.conf"
#endif

struct vndoc_layout_fonts {
	bool holds_sorts; /* holds font_sort.c's answers */
	FcConfig *fc;
	PangoFontMap *fontmap;
	PangoContext *ctx;
};

/*
 * The first shaping with a font, process-wide.  When two threads shape with
 * the same font at the same size for the first time in the process at once
 * (each with its own font map), one of them can keep widths that justify a
 * kerned line a few thousandths of a point differently for as long as its
 * font map lives (Pango 1.50, HarfBuzz 6.0, Cairo 1.16; found comparing
 * `vndoc batch -j 2` with `-j 1` on a document with w:kern: a space of 3558
 * Pango units in one, 3572 in the other).  Once a font has been shaped, its
 * first use in another font map is safe.  So text is shaped under a
 * readers-writer lock: shared when every font of the text is known to have
 * been shaped, exclusive (and the fonts then named known) otherwise.
 */
static pthread_rwlock_t shaping_lock = PTHREAD_RWLOCK_INITIALIZER;
static GHashTable *shaped_fonts; /* keys: font descriptions as text; under shaping_lock */

void vndoc_layout__shaping_add(vndoc_layout__shaping *s, const PangoFontDescription *desc, const char *extra)
{
	char *d = pango_font_description_to_string(desc);
	if (!s->keys)
		s->keys = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(s->keys, g_strconcat(d, "|", extra ? extra : "", NULL));
	g_free(d);
}

void vndoc_layout__shaping_add_key(vndoc_layout__shaping *s, const char *key)
{
	if (!s->keys)
		s->keys = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(s->keys, g_strdup(key));
}

/* Text shaped another way than plain runs (spaces made to hang by letter
 * spacing, vndoc_layout__hang_spaces) counts as a font of its own: its
 * first shaping in the process is exclusive too.  Without this, since
 * hanging spaces came (7cfcf1c), `batch -j 2` gave other bytes than
 * `-j 1` in 6 runs of 100 (the kerned forms of test e2e_batch), after it
 * none in 100. */
void vndoc_layout__shaping_tag(vndoc_layout__shaping *s, const char *tag)
{
	for (guint i = 0; s->keys && i < s->keys->len; i++) {
		char *k = g_strconcat(s->keys->pdata[i], tag, NULL);
		g_free(s->keys->pdata[i]);
		s->keys->pdata[i] = k;
	}
}

void vndoc_layout__shaping_begin(vndoc_layout__shaping *s)
{
	bool known = true;
	pthread_rwlock_rdlock(&shaping_lock);
	for (guint i = 0; s->keys && i < s->keys->len && known; i++)
		known = shaped_fonts && g_hash_table_contains(shaped_fonts, s->keys->pdata[i]);
	s->held = true;
	if (known) {
		s->exclusive = false;
		return;
	}
	pthread_rwlock_unlock(&shaping_lock);
	pthread_rwlock_wrlock(&shaping_lock);
	s->exclusive = true;
}

void vndoc_layout__shaping_end(vndoc_layout__shaping *s)
{
	if (s->held && s->exclusive) {
		if (!shaped_fonts)
			shaped_fonts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
		for (guint i = 0; s->keys && i < s->keys->len; i++)
			if (!g_hash_table_contains(shaped_fonts, s->keys->pdata[i]))
				g_hash_table_add(shaped_fonts, g_strdup(s->keys->pdata[i]));
	}
	if (s->held)
		pthread_rwlock_unlock(&shaping_lock);
	if (s->keys)
		g_ptr_array_free(s->keys, TRUE);
	s->keys = NULL;
	s->held = s->exclusive = false;
}

/*
 * Character scaling (w:w): the font description carries the percentage as
 * a private variation axis (vndoc_layout__font_desc); here, before
 * fontconfig matches, it becomes the pattern's matrix, which both Pango's
 * shaping (advances) and Cairo's drawing (glyphs) apply.  Word and
 * LibreOffice stretch the glyphs and their advances, spaces included, and
 * keep the height (dxp-case24 of corpus/word: 50% to 200%).  Fonts have no
 * such axis, so HarfBuzz ignores it.
 */
static void scale_substitute(FcPattern *p, gpointer data)
{
	FcChar8 *v;
	const char *at;
	(void)data;
	if (FcPatternGetString(p, FC_FONT_VARIATIONS, 0, &v) != FcResultMatch ||
	    !(at = strstr((const char *)v, VNDOC_LAYOUT__SCALE_AXIS "=")))
		return;
	double pct = g_ascii_strtod(at + strlen(VNDOC_LAYOUT__SCALE_AXIS "="), NULL);
	if (!(pct >= 0.5 && pct <= 700) || pct == 100)
		return;
	FcMatrix m, *old;
	FcMatrixInit(&m);
	if (FcPatternGetMatrix(p, FC_MATRIX, 0, &old) == FcResultMatch)
		m = *old;
	m.xx *= pct / 100.0;
	m.xy *= pct / 100.0;
	FcPatternDel(p, FC_MATRIX);
	FcPatternAddMatrix(p, FC_MATRIX, &m);
}

/*
 * The asked font's own advances (substitutes.c) on the drawn one: Pango
 * shapes with the HarfBuzz font its font class makes; for a font whose
 * pattern names an advances table (VNDOC_LAYOUT__ADVANCE_AXIS, set by
 * vndoc_layout__font_desc) and is the table's drawn family, that font
 * becomes the parent of one that answers the table's characters with their
 * advances and the rest as the parent does (the width of the font matrix).
 * Cairo draws each glyph where Pango placed it.
 */
typedef struct glyph_advances {
	double width;	     /* the font matrix's width, taken off the table's */
	unsigned n;	     /* glyphs in the face */
	unsigned short *w; /* per glyph, thousandths of the em; 0: the parent's */
} glyph_advances;

static void glyph_advances_free(void *data)
{
	glyph_advances *a = data;
	free(a->w);
	free(a);
}

static hb_position_t table_advance(hb_font_t *font, void *data, hb_codepoint_t glyph, void *user)
{
	const glyph_advances *a = data;
	int xs, ys;
	(void)user;
	if (glyph >= a->n || !a->w[glyph])
		return hb_font_get_glyph_h_advance(hb_font_get_parent(font), glyph);
	hb_font_get_scale(font, &xs, &ys);
	return (hb_position_t)(a->w[glyph] * (double)xs / (1000.0 * a->width) + 0.5);
}

static hb_font_t *(*pango_create_hb_font)(PangoFont *font);
static hb_font_funcs_t *table_funcs;

static hb_font_t *create_hb_font(PangoFont *font)
{
	hb_font_t *hb = pango_create_hb_font(font), *sub;
	FcPattern *p = PANGO_IS_FC_FONT(font) ? pango_fc_font_get_pattern(PANGO_FC_FONT(font)) : NULL;
	FcChar8 *v, *family;
	const char *at, *drawn;
	const vndoc_layout__advance *t;
	glyph_advances *a;
	double width;
	if (!hb || !p || FcPatternGetString(p, FC_FONT_VARIATIONS, 0, &v) != FcResultMatch ||
	    !(at = strstr((const char *)v, VNDOC_LAYOUT__ADVANCE_AXIS "=")) ||
	    !(t = vndoc_layout__substitute_advances(atoi(at + strlen(VNDOC_LAYOUT__ADVANCE_AXIS "=")), &drawn,
						      &width)) ||
	    FcPatternGetString(p, FC_FAMILY, 0, &family) != FcResultMatch ||
	    g_ascii_strcasecmp((const char *)family, drawn))
		return hb;
	a = vndoc_xcalloc(1, sizeof *a);
	a->width = width;
	a->n = hb_face_get_glyph_count(hb_font_get_face(hb));
	a->w = vndoc_xcalloc(a->n ? a->n : 1, sizeof *a->w);
	for (; t->c; t++) {
		hb_codepoint_t g;
		if (hb_font_get_nominal_glyph(hb, t->c, &g) && g < a->n)
			a->w[g] = (unsigned short)t->w;
	}
	sub = hb_font_create_sub_font(hb);
	hb_font_destroy(hb);
	hb_font_set_funcs(sub, table_funcs, a, glyph_advances_free);
	return sub;
}

/* Once, before the first font map: the fontconfig font class (and so
 * Pango Cairo's, which copies it when first used, or already did) shapes
 * through create_hb_font. */
static pthread_once_t advances_once = PTHREAD_ONCE_INIT;

static void advances_hook(void)
{
	PangoFontClass *k = g_type_class_ref(PANGO_TYPE_FC_FONT);
	GType t = g_type_from_name("PangoCairoFcFont");
	PangoFontClass *c = t ? g_type_class_peek(t) : NULL;
	if (!k || !k->create_hb_font)
		return;
	table_funcs = hb_font_funcs_create();
	hb_font_funcs_set_glyph_h_advance_func(table_funcs, table_advance, NULL, NULL);
	hb_font_funcs_make_immutable(table_funcs);
	pango_create_hb_font = k->create_hb_font;
	k->create_hb_font = create_hb_font;
	if (c && c->create_hb_font == pango_create_hb_font)
		c->create_hb_font = create_hb_font;
}

/* Loaded configurations, by file name, each holding one reference. */
/* A pthread mutex rather than a GMutex, so that ThreadSanitizer sees it. */
static pthread_mutex_t configs_lock = PTHREAD_MUTEX_INITIALIZER;
static GHashTable *configs;

/* A new reference to the configuration loaded from `path`, or NULL. */
static FcConfig *shared_config(const char *path)
{
	FcConfig *fc;

	pthread_mutex_lock(&configs_lock);
	if (!configs)
		configs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
						(GDestroyNotify)FcConfigDestroy);
	fc = g_hash_table_lookup(configs, path);
	if (!fc) {
		fc = FcConfigCreate();
		if (fc && (!FcConfigParseAndLoad(fc, (const FcChar8 *)path, FcTrue) || !FcConfigBuildFonts(fc))) {
			FcConfigDestroy(fc);
			fc = NULL;
		}
		if (fc)
			g_hash_table_insert(configs, g_strdup(path), fc);
		/* The first configuration loaded is also fontconfig's current
		 * one, before any font map exists: Pango's fontconfig thread
		 * then finds one and does not load the system's (FcInit: a
		 * tenth of a one-form `vndoc render`, for a configuration
		 * nothing here uses). */
		if (fc && g_hash_table_size(configs) == 1)
			FcConfigSetCurrent(fc);
	}
	if (fc)
		FcConfigReference(fc);
	pthread_mutex_unlock(&configs_lock);
	return fc;
}

int vndoc_layout_fonts_new(vndoc_layout_fonts **out, const char *fonts_conf, vndoc_error *err)
{
	vndoc_layout_fonts *f;
	cairo_font_options_t *fo;

	*out = NULL;
	if (!fonts_conf)
		fonts_conf = getenv("VNDOC_FONTS_CONF");
	if (!fonts_conf || !*fonts_conf)
		fonts_conf = VNDOC_FONTS_CONF_DEFAULT;

	f = vndoc_xcalloc(1, sizeof *f);
	/* Sorted font lists and best fonts shared between sizes
	 * (font_sort.c): its FcFontSetSort and FcFontSetMatch stand in for
	 * fontconfig's, which they call. */
	if (!vndoc_layout__font_sort_init()) {
		vndoc_layout_fonts_free(f);
		return vndoc_error_set(err, VNDOC_EFONT, "fontconfig has no FcFontSetSort or FcFontSetMatch");
	}
	vndoc_layout__font_sort_hold();
	f->holds_sorts = true;
	if (!(f->fc = shared_config(fonts_conf))) {
		vndoc_layout_fonts_free(f);
		vndoc_error_set_file(err, fonts_conf);
		return vndoc_error_set(err, VNDOC_EFONT, "cannot load the font configuration");
	}
	pthread_once(&advances_once, advances_hook);
	f->fontmap = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	if (!f->fontmap || !PANGO_IS_FC_FONT_MAP(f->fontmap)) {
		vndoc_layout_fonts_free(f);
		return vndoc_error_set(err, VNDOC_EFONT, "Pango has no fontconfig font map");
	}
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->fontmap), f->fc);
	pango_fc_font_map_set_default_substitute(PANGO_FC_FONT_MAP(f->fontmap), scale_substitute, NULL, NULL);
	/* Points everywhere: 72 units per inch. */
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(f->fontmap), 72.0);
	f->ctx = pango_font_map_create_context(f->fontmap);
	pango_cairo_context_set_resolution(f->ctx, 72.0);
	/* Device-independent metrics: the PDF and the dump must agree. */
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(f->ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(f->ctx, FALSE);
	pango_context_set_language(f->ctx, pango_language_from_string("vi"));
	*out = f;
	return 0;
}

void vndoc_layout_fonts_free(vndoc_layout_fonts *f)
{
	if (!f)
		return;
	if (f->ctx)
		g_object_unref(f->ctx);
	if (f->fontmap)
		g_object_unref(f->fontmap);
	if (f->fc)
		FcConfigDestroy(f->fc);
	if (f->holds_sorts)
		vndoc_layout__font_sort_release();
	free(f);
}

int vndoc_layout__fonts_init(vndoc_layout *l, vndoc_layout_fonts *fonts, const char *fonts_conf,
			     vndoc_error *err)
{
	int error;
	if (!fonts) {
		if ((error = vndoc_layout_fonts_new(&l->own_fonts, fonts_conf, err)) < 0)
			return error;
		fonts = l->own_fonts;
	}
	/* The layout's Pango layouts hold the context, and through it the
	 * font map: they stay valid if `fonts` is freed first. */
	l->ctx = g_object_ref(fonts->ctx);
	return 0;
}

void vndoc_layout__fonts_dispose(vndoc_layout *l)
{
	if (l->primary_fonts)
		g_hash_table_destroy(l->primary_fonts);
	l->primary_fonts = NULL;
	if (l->presplit_fonts)
		g_hash_table_destroy(l->presplit_fonts);
	l->presplit_fonts = NULL;
	if (l->ctx)
		g_object_unref(l->ctx);
	vndoc_layout__repairs_dispose(&l->repairs);
	vndoc_layout_fonts_free(l->own_fonts);
	l->ctx = NULL;
	l->own_fonts = NULL;
}
