/*
 * layout/fonts.c: the private fontconfig configuration and the Pango
 * context every layout is made in.
 */
#include <stdlib.h>

#include <pango/pangofc-fontmap.h>

#include "layout/layout_internal.h"

#ifndef VNDOC_FONTS_CONF_DEFAULT
#define VNDOC_FONTS_CONF_DEFAULT "fonts/fonts.conf"
#endif

int vndoc_layout__fonts_init(vndoc_layout *l, const char *fonts_conf, vndoc_error *err)
{
	cairo_font_options_t *fo;

	if (!fonts_conf)
		fonts_conf = getenv("VNDOC_FONTS_CONF");
	if (!fonts_conf || !*fonts_conf)
		fonts_conf = VNDOC_FONTS_CONF_DEFAULT;

	l->fc = FcConfigCreate();
	if (!l->fc || !FcConfigParseAndLoad(l->fc, (const FcChar8 *)fonts_conf, FcTrue) ||
	    !FcConfigBuildFonts(l->fc)) {
		vndoc_error_set_file(err, fonts_conf);
		return vndoc_error_set(err, VNDOC_EFONT, "cannot load the font configuration");
	}
	l->fontmap = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	if (!l->fontmap || !PANGO_IS_FC_FONT_MAP(l->fontmap))
		return vndoc_error_set(err, VNDOC_EFONT, "Pango has no fontconfig font map");
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(l->fontmap), l->fc);
	/* Points everywhere: 72 units per inch. */
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(l->fontmap), 72.0);
	l->ctx = pango_font_map_create_context(l->fontmap);
	pango_cairo_context_set_resolution(l->ctx, 72.0);
	/* Device-independent metrics: the PDF and the dump must agree. */
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(l->ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(l->ctx, FALSE);
	pango_context_set_language(l->ctx, pango_language_from_string("vi"));
	return 0;
}

void vndoc_layout__fonts_dispose(vndoc_layout *l)
{
	if (l->ctx)
		g_object_unref(l->ctx);
	if (l->fontmap)
		g_object_unref(l->fontmap);
	if (l->fc)
		FcConfigDestroy(l->fc);
	l->ctx = NULL;
	l->fontmap = NULL;
	l->fc = NULL;
}
