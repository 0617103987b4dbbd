/*
 * layout/repair.h: what the layout draws other than the document asks, each
 * with a warning (never silently): a character its font has no glyph for,
 * drawn with a fallback font (fallback.c); text typed in a legacy
 * Vietnamese font (TCVN3 ".VnTime", VNI "VNI-Times"), drawn as the Unicode
 * Vietnamese it means in the matching Unicode font (legacy_font.c).
 */
#ifndef VNDOC_LAYOUT_REPAIR_H
#define VNDOC_LAYOUT_REPAIR_H

#include <stdbool.h>
#include <stddef.h>

#include <pango/pango.h>

#include "core/error.h"
#include "docx/docx.h"
#include "layout/layout.h"

/* A layout's state for these (in struct vndoc_layout). */
typedef struct vndoc_layout__repairs {
	bool strict;                   /* strict_fonts: a missing glyph is an error */
	void (*on_warning)(const char *message, void *userdata);
	void *userdata;
	GHashTable *seen;              /* "U+XXXX font" already reported */
	size_t n_chars;                /* characters reported */
	bool legacy_warned;            /* legacy text reported */
} vndoc_layout__repairs;

/** Takes the options' strict_fonts and on_warning. */
void vndoc_layout__repairs_init(vndoc_layout__repairs *r, const vndoc_layout_options *opts);
void vndoc_layout__repairs_dispose(vndoc_layout__repairs *r);

/** Adds a warning to `l` (and gives it to on_warning). */
void vndoc_layout__warn(vndoc_layout *l, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/**
 * Looks at every character of `layout` (shaped) that the font its text asks
 * for has no glyph for.  Strict: VNDOC_EFONT, "no glyph for U+0627 "ا" in
 * font "Times New Roman" (drawn with Liberation Serif)".  With fallback
 * fonts: 0, and a warning per character and font, once per layout: `no
 * glyph for U+0627 "ا" in font "Times New Roman": drawn with DejaVu Sans`.
 */
int vndoc_layout__fallback_check(vndoc_layout *l, PangoLayout *layout, vndoc_error *err);
/* The primary font `ctx` loads for `desc`, a new reference; kept per run
 * for the layout's own context (fallback.c, presplit.c). */
PangoFont *vndoc_layout__primary_font(vndoc_layout *l, PangoContext *ctx, const PangoFontDescription *desc);

/**
 * A grapheme cluster (a character and its marks) of `text` (`len` bytes,
 * the text of `attrs`; `base`: the layout's font) that the font its text
 * asks for cannot draw whole is drawn whole by one fallback font, the one
 * the font's fallback chain gives the first character it lacks, where that
 * font has every character of the cluster: a family attribute on the
 * cluster is added to `attrs`.  LibreOffice falls back per cluster (an
 * Arabic letter with a Quranic mark DejaVu Sans lacks: letter and mark in
 * the fallback font, POI's stress004); Pango per character, which put the
 * mark in one font and its letter in another, and pdftotext then cut the
 * word at the font change.  The font asked for stays the run's: the
 * characters it lacks still get their warning (fallback_check).
 */
void vndoc_layout__cluster_fallback(PangoContext *ctx, PangoAttrList *attrs, const PangoFontDescription *base,
				    const char *text, int len);

/**
 * Where `drawn` draws a character of text asked in `family` as its
 * companion (Noto Serif for what Caladea, Cambria's replacement, lacks:
 * no fallback, as LibreOffice draws it), the font asked for at `drawn`'s
 * size and style (a new reference), whose line the text keeps; else NULL.
 */
PangoFont *vndoc_layout__companion_primary(PangoContext *ctx, PangoFont *drawn, const char *family);
PangoFont *vndoc_layout__script_font(PangoContext *ctx, const PangoGlyphItem *run, const char *family);

/** The family the text of run properties `r` is drawn in: its font, Times
 * New Roman when none, the Unicode font matching a legacy one (".VnTime",
 * "VNI-Times": Times New Roman; ".VnArial", "VNI-Helve": Arial). */
const char *vndoc_layout__family(const vndoc_docx_rpr *r);

/**
 * `text` (in a run with properties `r`) converted to Unicode when its font
 * is a legacy Vietnamese one (g_free), else NULL (also for text already in
 * Unicode: it holds a letter only Unicode has, "ộ").  The first conversion
 * in a layout adds its warning.
 */
char *vndoc_layout__legacy_text(vndoc_layout *l, const vndoc_docx_rpr *r, const char *text);

#endif
