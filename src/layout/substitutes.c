/*
 * layout/substitutes.c: the metrics of the fonts Word drew a document with,
 * where the free font vndoc draws it with (fonts/fonts.conf) has other
 * ones.  Word's PDFs in corpus/word embed the fonts themselves; their
 * line metrics and widths are read from there:
 *
 *   asked     drawn            line (of the em)            width
 *   Cambria   Caladea          1946 + 455 of 2048, no gap  x 1.045 (bold 1.021)
 *   Consolas  Liberation Mono  1521 + 527 + 350 of 2048    x 1126/1229 (exact)
 *   Verdana   DejaVu Sans      2059 + 430 of 2048, no gap  x 1.010
 *   Aptos     Liberation Sans  1923 + 577 of 2048, no gap  x 0.9645 (bold 0.9483)
 *   Aptos Display  (the same)  1923 + 577 of 2048, no gap  x 0.9018 (bold 0.8930)
 *   Symbol    OpenSymbol       1005 + 216 of 1000, no gap  (as it is)
 *   Calibri Light  Carlito     (Carlito's)                 x 0.9896 (bold 0.9532)
 *
 * Caladea, said to be metric-compatible with Cambria, is 0.9 + 0.25 em high
 * (11 pt lines at 1.15: 14.50 pt, Word's 14.83 in dxp-case22, 24, 26, 28)
 * and narrower: 'e' 441 thousandths against 488, 'o' 480 against 531.  The
 * width here is the ratio of the two fonts' advances summed over the
 * characters of a long document (dxp-case13: 662,455 of them, 1.0448;
 * 1.044 and 1.050 over dxp-case22 and 24; bold over d4j-gettingstarted);
 * a character's own ratio is 1.00 to 1.10, so lines still break a little
 * differently, but no longer a word a line earlier.  Consolas is
 * monospaced, 1126 of 2048 em against Liberation Mono's 1229: exact (it
 * was 0.9165, a glyph 0.001 pt wider at 10 pt: d4j-gettingstarted p22's 69
 * characters were 0.07 pt too long for Word's line).  Verdana
 * over d4j-gettingstarted's text.  Aptos (Word's body font since 2023)
 * over the text of the five corpus documents in it (en-coverletter-abhiram,
 * en-resume-abhiram, vn-dns-hdsd, dxp-case6, 10): its own 16.97 pt lines at
 * 12 pt and 278/240 where Liberation Sans takes 15.95; Aptos Display, its
 * headings' face, 0.935 of Aptos (bold 0.942) over the characters both
 * subsets hold, times Aptos's ratio (vn-dns-hdsd's headings: caps, whose
 * ratio is lower, 0.94 of that still).  Symbol: SymbolMT's FontDescriptor
 * in Word's PDFs (the bullets of lists in the Symbol font); Word makes a
 * line holding one that much taller than its Cambria text (en-cv-abhis:
 * bullet lines 12.84-12.96 pt at 10.5 pt, the others 12.24), where
 * OpenSymbol's 0.693 + 0.216 em and 0.150 em gap left it as it was.
 * Calibri and Carlito, Times New Roman and Liberation Serif, Arial and
 * Liberation Sans are the same both ways (measured the same way: 1.0000).  LibreOffice draws the free fonts with
 * their own metrics: it differs here; and a document LibreOffice wrote
 * keeps them, as its author saw them (tests/fixtures/fidelity/04-phong-chu).
 */
#include <string.h>

#include <glib.h>

#include "layout/layout_internal.h"

/*
 * Cambria's own advances, in thousandths of the em, of the characters
 * Word's PDFs in corpus/word embed with a WinAnsi encoding (their /Widths:
 * every PDF gives the same value for a character).  A letter's ratio
 * to Caladea's runs from 0.945 ('I') to 1.107 ('e'), the space 1.000, the
 * figures (all 0.554 em in Cambria) up to 1.53 ('1'), so
 * the one width above still breaks lines where Word does not (dxp-case13
 * p1: "years" 25.07 pt wide here, 25.71 in Word, fitted Word's first line
 * with 0.3 pt to spare).  Drawn with these (fonts.c); a character not
 * listed keeps the width above.
 */
static const vndoc_layout__advance CAMBRIA[] = {
	{0x20, 220}, {0x23, 619}, {0x24, 506}, {0x25, 890}, {0x27, 237}, {0x28, 382},
	{0x29, 382}, {0x2a, 427}, {0x2b, 554}, {0x2c, 205}, {0x2d, 332}, {0x2e, 205},
	{0x2f, 490}, {0x30, 554}, {0x31, 554}, {0x32, 554}, {0x33, 554}, {0x34, 554},
	{0x35, 554}, {0x36, 554}, {0x37, 554}, {0x38, 554}, {0x39, 554}, {0x3a, 264},
	{0x3f, 422}, {0x40, 885}, {0x41, 623}, {0x42, 611}, {0x43, 563}, {0x44, 662},
	{0x45, 575}, {0x46, 537}, {0x47, 611}, {0x48, 687}, {0x49, 324}, {0x4a, 307},
	{0x4b, 629}, {0x4c, 537}, {0x4d, 815}, {0x4e, 681}, {0x4f, 653}, {0x50, 568},
	{0x51, 653}, {0x52, 621}, {0x53, 496}, {0x54, 593}, {0x55, 648}, {0x56, 604},
	{0x57, 921}, {0x58, 571}, {0x59, 570}, {0x61, 488}, {0x62, 547}, {0x63, 441},
	{0x64, 555}, {0x65, 488}, {0x66, 303}, {0x67, 494}, {0x68, 552}, {0x69, 278},
	{0x6a, 266}, {0x6b, 524}, {0x6c, 271}, {0x6d, 832}, {0x6e, 558}, {0x6f, 531},
	{0x70, 556}, {0x71, 547}, {0x72, 414}, {0x73, 430}, {0x74, 338}, {0x75, 552},
	{0x76, 504}, {0x77, 774}, {0x78, 483}, {0x79, 504}, {0x7a, 455}, {0x7c, 316},
	{0, 0}
};
static const vndoc_layout__advance CAMBRIA_BOLD[] = {
	{0x20, 220}, {0x25, 976}, {0x28, 408}, {0x29, 408}, {0x2c, 232}, {0x2d, 337},
	{0x2e, 232}, {0x2f, 505}, {0x30, 592}, {0x31, 592}, {0x32, 592}, {0x33, 592},
	{0x34, 592}, {0x35, 592}, {0x37, 592}, {0x38, 592}, {0x39, 592}, {0x3a, 280},
	{0x3f, 452}, {0x41, 652}, {0x42, 651}, {0x43, 573}, {0x44, 705}, {0x45, 578},
	{0x46, 551}, {0x47, 646}, {0x48, 722}, {0x49, 350}, {0x4a, 341}, {0x4b, 682},
	{0x4c, 551}, {0x4d, 846}, {0x4e, 679}, {0x4f, 695}, {0x50, 614}, {0x51, 695},
	{0x52, 662}, {0x53, 513}, {0x54, 639}, {0x55, 676}, {0x56, 634}, {0x57, 961},
	{0x58, 619}, {0x61, 535}, {0x62, 591}, {0x63, 469}, {0x64, 597}, {0x65, 531},
	{0x66, 326}, {0x67, 520}, {0x68, 597}, {0x69, 314}, {0x6a, 302}, {0x6b, 592},
	{0x6c, 308}, {0x6d, 890}, {0x6e, 604}, {0x6f, 569}, {0x70, 597}, {0x72, 461},
	{0x73, 459}, {0x74, 365}, {0x75, 597}, {0x76, 531}, {0x77, 798}, {0x78, 525},
	{0x79, 531}, {0, 0}
};

/*
 * Aptos's own advances, the same way (dxp-case6, 10, en-coverletter-
 * abhiram, en-resume-abhiram, vn-dns-hdsd); Liberation Sans drawn for it,
 * a character's ratio runs from 0.80 to 1.20 of the 0.9645 applied
 * (dxp-case6 p1: "network" fitted the line Word ends at "including").
 */
static const vndoc_layout__advance APTOS[] = {
	{0x20, 203}, {0x24, 534}, {0x25, 826}, {0x27, 210}, {0x28, 293}, {0x29, 293},
	{0x2b, 534}, {0x2c, 286}, {0x2d, 340}, {0x2e, 286}, {0x2f, 339}, {0x30, 534},
	{0x31, 534}, {0x32, 534}, {0x33, 534}, {0x34, 534}, {0x35, 534}, {0x36, 534},
	{0x37, 534}, {0x38, 534}, {0x39, 534}, {0x3a, 286}, {0x3d, 534}, {0x41, 589},
	{0x42, 604}, {0x43, 692}, {0x44, 686}, {0x45, 556}, {0x46, 524}, {0x47, 708},
	{0x48, 707}, {0x49, 260}, {0x4a, 331}, {0x4b, 568}, {0x4c, 500}, {0x4d, 790},
	{0x4e, 706}, {0x4f, 732}, {0x50, 577}, {0x51, 732}, {0x52, 606}, {0x53, 566},
	{0x54, 479}, {0x55, 681}, {0x57, 892}, {0x59, 540}, {0x5b, 294}, {0x5d, 294},
	{0x61, 531}, {0x62, 561}, {0x63, 525}, {0x64, 561}, {0x65, 527}, {0x66, 301},
	{0x67, 484}, {0x68, 551}, {0x69, 239}, {0x6a, 239}, {0x6b, 487}, {0x6c, 260},
	{0x6d, 853}, {0x6e, 551}, {0x6f, 552}, {0x70, 561}, {0x71, 561}, {0x72, 334},
	{0x73, 486}, {0x74, 323}, {0x75, 559}, {0x76, 452}, {0x77, 721}, {0x78, 442},
	{0x79, 452}, {0x7a, 438}, {0xb0, 365}, {0xe0, 531}, {0xe1, 531}, {0xe2, 531},
	{0xe9, 527}, {0xea, 527}, {0xec, 239}, {0xed, 239}, {0xf2, 552}, {0xf3, 552},
	{0xf4, 552}, {0xf9, 559}, {0xfd, 452}, {0, 0}
};
static const vndoc_layout__advance APTOS_BOLD[] = {
	{0x20, 203}, {0x2d, 340}, {0x31, 534}, {0x32, 534}, {0x33, 534}, {0x34, 534},
	{0x3a, 300}, {0x42, 619}, {0x43, 707}, {0x44, 707}, {0x46, 537}, {0x48, 729},
	{0x4b, 623}, {0x4c, 512}, {0x4e, 723}, {0x50, 605}, {0x51, 737}, {0x52, 634},
	{0x53, 598}, {0x54, 505}, {0x5a, 547}, {0x61, 552}, {0x62, 586}, {0x63, 549},
	{0x64, 586}, {0x65, 556}, {0x66, 335}, {0x67, 511}, {0x68, 579}, {0x69, 268},
	{0x6b, 534}, {0x6c, 296}, {0x6d, 889}, {0x6e, 579}, {0x6f, 573}, {0x70, 586},
	{0x71, 586}, {0x72, 369}, {0x73, 516}, {0x74, 355}, {0x75, 582}, {0x76, 494},
	{0x77, 761}, {0x79, 494}, {0xe0, 552}, {0xe1, 552}, {0xea, 556}, {0xec, 268},
	{0xf3, 573}, {0xf4, 573}, {0, 0}
};

/*
 * Calibri Light, the theme's heading font from Word 2013 to 2019 (Carlito
 * drawn for it, and its line: Calibri Light's is Calibri's), has its own
 * advances, a little narrower than Calibri's ('a' 471 against 479; over
 * vn-gr2-baocao's Calibri Light text 0.9896 of Carlito's).  Word has no
 * bold Calibri Light: it emboldens the light face and sets it 0.9817 of
 * the light face's advances (vn-gr2-baocao's four bold Heading 3 lines in
 * Word's PDF, 75.7 to 452.1 pt long: 0.9816 to 0.9824 each; "doanh" 30.12
 * pt at 12 pt, Carlito Bold's 31.66), 0.9532 of Carlito Bold's.  The
 * characters of Word's PDF (its /Widths), the bold ones times 0.9817.
 */
static const vndoc_layout__advance CALIBRI_LIGHT[] = {
	{0x20, 226}, {0x2c, 245}, {0x2f, 362}, {0x4d, 845}, {0x51, 666}, {0x54, 483}, {0x55, 636},
	{0x58, 501}, {0x61, 471}, {0x62, 520}, {0x63, 425}, {0x64, 520}, {0x65, 494}, {0x67, 469},
	{0x68, 520}, {0x69, 221}, {0x6b, 441}, {0x6c, 221}, {0x6d, 791}, {0x6e, 520}, {0x6f, 521},
	{0x70, 520}, {0x73, 387}, {0x74, 329}, {0x75, 520}, {0x76, 440}, {0xe1, 471}, {0xea, 494},
	{0xf3, 521}, {0x1ea1, 471}, {0x1ea9, 471}, {0x1ead, 471}, {0x1ebf, 494}, {0x1ec1, 494},
	{0x1ec7, 494}, {0x1ecb, 221}, {0x1ed1, 521}, {0x1ee5, 520}, {0x1ee7, 520}, {0x201c, 409},
	{0x201d, 409}, {0, 0}
};
static const vndoc_layout__advance CALIBRI_LIGHT_BOLD[] = {
	{0x20, 222}, {0x2c, 240}, {0x2f, 356}, {0x4d, 829}, {0x51, 654}, {0x54, 475}, {0x55, 624},
	{0x58, 492}, {0x61, 462}, {0x62, 510}, {0x63, 418}, {0x64, 510}, {0x65, 485}, {0x67, 460},
	{0x68, 510}, {0x69, 217}, {0x6b, 433}, {0x6c, 217}, {0x6d, 777}, {0x6e, 510}, {0x6f, 512},
	{0x70, 510}, {0x73, 380}, {0x74, 323}, {0x75, 510}, {0x76, 432}, {0xe1, 462}, {0xea, 485},
	{0xf3, 512}, {0x1ea1, 462}, {0x1ea9, 462}, {0x1ead, 462}, {0x1ebf, 485}, {0x1ec1, 485},
	{0x1ec7, 485}, {0x1ecb, 217}, {0x1ed1, 512}, {0x1ee5, 510}, {0x1ee7, 510}, {0x201c, 402},
	{0x201d, 402}, {0, 0}
};

static const vndoc_layout__substitute SUBSTITUTES[] = {
	{"Cambria", "Caladea", 1946.0 / 2048, 455.0 / 2048, 0, 1.045, 1.021, CAMBRIA, CAMBRIA_BOLD, false},
	{"Consolas", "Liberation Mono", 1521.0 / 2048, 527.0 / 2048, 350.0 / 2048, 1126.0 / 1229, 1126.0 / 1229, NULL, NULL, false},
	{"Verdana", "DejaVu Sans", 2059.0 / 2048, 430.0 / 2048, 0, 1.010, 1.010, NULL, NULL, false},
	{"Aptos", "Liberation Sans", 1923.0 / 2048, 577.0 / 2048, 0, 0.9645, 0.9483, APTOS, APTOS_BOLD, false},
	{"Aptos Display", "Liberation Sans", 1923.0 / 2048, 577.0 / 2048, 0, 0.9018, 0.8930, NULL, NULL, false},
	{"Calibri Light", "Carlito", 0, 0, 0, 0.9896, 0.9532, CALIBRI_LIGHT, CALIBRI_LIGHT_BOLD, false},
	{"Symbol", "OpenSymbol", 1005.0 / 1000, 216.0 / 1000, 0, 1.0, 1.0, NULL, NULL, true},
};

#define N_SUBSTITUTES (sizeof SUBSTITUTES / sizeof SUBSTITUTES[0])

int vndoc_layout__substitute_key(const vndoc_layout__substitute *s, bool bold, bool italic)
{
	if (!s || italic || !(bold ? s->advances_bold : s->advances))
		return 0;
	return (int)(s - SUBSTITUTES) * 2 + (bold ? 2 : 1);
}

const vndoc_layout__advance *vndoc_layout__substitute_advances(int key, const char **drawn, double *width)
{
	const vndoc_layout__substitute *s;
	bool bold;
	if (key < 1 || (size_t)key > 2 * N_SUBSTITUTES)
		return NULL;
	s = &SUBSTITUTES[(key - 1) / 2];
	bold = !(key % 2);
	*drawn = s->drawn;
	*width = bold ? s->width_bold : s->width;
	return bold ? s->advances_bold : s->advances;
}

bool vndoc_layout__word_fonts(const vndoc_layout *l)
{
	return l && l->doc && !l->doc->other_app;
}

const vndoc_layout__substitute *vndoc_layout__substitute_find(const char *asked)
{
	for (size_t i = 0; asked && i < N_SUBSTITUTES; i++)
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
	/* no line of its own: the drawn font's */
	if (!s || !font || s->ascent <= 0)
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
