/*
 * layout/substitutes.c: the metrics of the fonts Word drew a document with,
 * where the free font vndoc draws it with (fonts/fonts.conf) has other
 * ones.  Word's PDFs in corpus/word embed the fonts themselves; their
 * line metrics and widths are read from there:
 *
 *   asked     drawn            line (of the em)            width
 *   Cambria   Caladea          1946 + 455 of 2048, no gap  x 1.045 (bold 1.021)
 *   Consolas  Liberation Mono  1521 + 527 + 350 of 2048    x 0.9165 (exact)
 *   Verdana   DejaVu Sans      2059 + 430 of 2048, no gap  x 1.010
 *   Aptos     Liberation Sans  1923 + 577 of 2048, no gap  x 0.9645 (bold 0.9483)
 *   Aptos Display  (the same)  1923 + 577 of 2048, no gap  x 0.9018 (bold 0.8930)
 *
 * Caladea, said to be metric-compatible with Cambria, is 0.9 + 0.25 em high
 * (11 pt lines at 1.15: 14.50 pt, Word's 14.83 in dxp-case22, 24, 26, 28)
 * and narrower: 'e' 441 thousandths against 488, 'o' 480 against 531.  The
 * width here is the ratio of the two fonts' advances summed over the
 * characters of a long document (dxp-case13: 662,455 of them, 1.0448;
 * 1.044 and 1.050 over dxp-case22 and 24; bold over d4j-gettingstarted);
 * a character's own ratio is 1.00 to 1.10, so lines still break a little
 * differently, but no longer a word a line earlier.  Consolas is
 * monospaced, 0.550 em against Liberation Mono's 0.600: exact.  Verdana
 * over d4j-gettingstarted's text.  Aptos (Word's body font since 2023)
 * over the text of the five corpus documents in it (en-coverletter-abhiram,
 * en-resume-abhiram, vn-dns-hdsd, dxp-case6, 10): its own 16.97 pt lines at
 * 12 pt and 278/240 where Liberation Sans takes 15.95; Aptos Display, its
 * headings' face, 0.935 of Aptos (bold 0.942) over the characters both
 * subsets hold, times Aptos's ratio (vn-dns-hdsd's headings: caps, whose
 * ratio is lower, 0.94 of that still).  Calibri and Carlito, Times New
 * Roman and Liberation Serif, Arial and Liberation Sans are the same both
 * ways (measured the same way: 1.0000).  LibreOffice draws the free fonts with
 * their own metrics: it differs here; and a document LibreOffice wrote
 * keeps them, as its author saw them (tests/fixtures/fidelity/04-phong-chu).
 */
#include <string.h>

#include <glib.h>

#include "layout/layout_internal.h"

static const vndoc_layout__substitute SUBSTITUTES[] = {
	{"Cambria", "Caladea", 1946.0 / 2048, 455.0 / 2048, 0, 1.045, 1.021},
	{"Consolas", "Liberation Mono", 1521.0 / 2048, 527.0 / 2048, 350.0 / 2048, 0.9165, 0.9165},
	{"Verdana", "DejaVu Sans", 2059.0 / 2048, 430.0 / 2048, 0, 1.010, 1.010},
	{"Aptos", "Liberation Sans", 1923.0 / 2048, 577.0 / 2048, 0, 0.9645, 0.9483},
	{"Aptos Display", "Liberation Sans", 1923.0 / 2048, 577.0 / 2048, 0, 0.9018, 0.8930},
};

bool vndoc_layout__word_fonts(const vndoc_layout *l)
{
	return l && l->doc && !l->doc->other_app;
}

const vndoc_layout__substitute *vndoc_layout__substitute_find(const char *asked)
{
	for (size_t i = 0; asked && i < sizeof SUBSTITUTES / sizeof SUBSTITUTES[0]; i++)
		if (!g_ascii_strcasecmp(asked, SUBSTITUTES[i].asked))
			return &SUBSTITUTES[i];
	return NULL;
}

bool vndoc_layout__substitute_metrics(PangoFont *font, const char *asked, double *asc, double *desc,
				      double *height)
{
	const vndoc_layout__substitute *s = vndoc_layout__substitute_find(asked);
	PangoFontDescription *real;
	const char *family;
	double size;
	bool ok;
	if (!s || !font)
		return false;
	real = pango_font_describe(font);
	family = pango_font_description_get_family(real);
	size = (double)pango_font_description_get_size(real) / PANGO_SCALE;
	ok = family && !g_ascii_strcasecmp(family, s->drawn) && size > 0;
	if (ok) {
		*asc = size * s->ascent;
		*desc = size * s->descent;
		*height = size * (s->ascent + s->descent + s->gap);
	}
	pango_font_description_free(real);
	return ok;
}
