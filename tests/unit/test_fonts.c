/*
 * tests/unit/test_fonts.c: characters a font has no glyph for (fallback
 * fonts, and the strict layout of our own templates), symbol fonts'
 * private-use characters, fonts the configuration does not know, and text
 * typed in legacy Vietnamese fonts (.VnTime, VNI-Times).
 *
 * The fixtures tests/fixtures/render/fonts-fallback and fonts-legacy are
 * ours; the fonts named are those LibreOffice 7.4 draws the same text
 * with on Debian 12 (pdffonts on its PDF).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/fsutil.h"
#include "docx/docx.h"
#include "layout/layout.h"
#include "package/package.h"
#include "render/render.h"
#include "render_util.h"
#include "test.h"

/* Lays out the package at `path` with `strict` fonts; NULL and `e` filled
 * on failure. */
static vndoc_layout *layout_fonts(const char *path, bool strict, vndoc_error *e)
{
	vndoc_layout_options lo = VNDOC_LAYOUT_OPTIONS_INIT;
	vndoc_package *pkg = NULL;
	vndoc_docx *doc = NULL;
	vndoc_layout *l = NULL;

	lo.strict_fonts = strict;
	vndoc_error_clear(e);
	if (vndoc_package_open(&pkg, path, e) == 0 && vndoc_docx_load(&doc, pkg, e) == 0)
		vndoc_layout_run(&l, doc, &lo, e);
	vndoc_docx_free(doc);
	vndoc_package_free(pkg);
	return l;
}

/* The layout's warnings, one a line. */
static char *warnings(const vndoc_layout *l)
{
	vndoc_buf out = VNDOC_BUF_INIT((size_t)1 << 20);
	for (size_t i = 0; i < vndoc_layout_warning_count(l); i++)
		vndoc_buf_printf(&out, "%s\n", vndoc_layout_warning(l, i));
	return vndoc_buf_detach(&out, NULL);
}

/* The fonts a PDF embeds, without their subset tags, sorted, one a line. */
static char *pdf_fonts(const char *pdf)
{
	char cmd[4400], *out = NULL;
	snprintf(cmd, sizeof cmd, "pdffonts '%s' | tail -n +3 | awk '{print $1}' | sed 's/^[A-Z]*+//' | LC_ALL=C sort -u",
		 pdf);
	ck_assert_int_eq(test_run(cmd, &out, NULL), 0);
	return out;
}

/* Renders the package at `in` with the vndoc command and `options`:
 * its exit status, standard error in *errout; the PDF is `pdf`. */
static int render_cli(const char *in, const char *pdf, const char *options, char **errout)
{
	char cmd[9000];
	snprintf(cmd, sizeof cmd, "'%s' render '%s' -o '%s' %s", VNDOC_EXE, in, pdf, options);
	return test_run(cmd, NULL, errout);
}

/* What the fallback fixture warns of, in the text's order. */
#define FALLBACK_WARNINGS                                                                          \
	"no glyph for U+0633 \"\xd8\xb3\" in font \"Times New Roman\": drawn with DejaVu Sans\n"     \
	"no glyph for U+0644 \"\xd9\x84\" in font \"Times New Roman\": drawn with DejaVu Sans\n"     \
	"no glyph for U+0627 \"\xd8\xa7\" in font \"Times New Roman\": drawn with DejaVu Sans\n"     \
	"no glyph for U+0645 \"\xd9\x85\" in font \"Times New Roman\": drawn with DejaVu Sans\n"     \
	"no glyph for U+65E5 \"\xe6\x97\xa5\" in font \"Times New Roman\": drawn with Noto Serif CJK JP\n" \
	"no glyph for U+672C \"\xe6\x9c\xac\" in font \"Times New Roman\": drawn with Noto Serif CJK JP\n" \
	"no glyph for U+1D446 \"\xf0\x9d\x91\x86\" in font \"Times New Roman\": drawn with DejaVu Math TeX Gyre\n" \
	"no glyph for U+2605 \"\xe2\x98\x85\" in font \"Times New Roman\": drawn with DejaVu Sans\n" \
	"no glyph for U+1F4C5 \"\xf0\x9f\x93\x85\" in font \"Times New Roman\": drawn with Symbola\n"

START_TEST(fonts_fallback__each_character_drawn_and_named)
{
	/* Arabic, Japanese, a mathematical italic S, Symbol's bullet U+F0B7, a
	 * star, an emoji (monochrome: Symbola), and runs in Tahoma, Century,
	 * an unknown font and Consolas. */
	char pdf[4200], *w, *fonts;
	vndoc_error e;
	vndoc_layout *l = layout_fonts(test_fixture("render/fonts-fallback"), false, &e);
	ck_assert_ptr_nonnull(l);
	w = warnings(l);
	ck_assert_str_eq(w, FALLBACK_WARNINGS);
	snprintf(pdf, sizeof pdf, "%s/fallback.pdf", test_tmpdir());
	ck_assert_int_eq(vndoc_render_pdf(l, pdf, NULL, &e), 0);
	fonts = pdf_fonts(pdf);
	/* Symbol: OpenSymbol; Tahoma: DejaVu Sans Condensed; Century: Noto
	 * Serif; the unknown IRNazanin: Noto Sans, as LibreOffice 7.4 draws a
	 * family the machine lacks; Consolas: Liberation Mono. */
	ck_assert_str_eq(fonts, "DejaVuMathTeXGyre-Regular\n"
				"DejaVuSans\n"
				"DejaVuSansCondensed\n"
				"LiberationMono\n"
				"LiberationSerif\n"
				"NotoSans-Regular\n"
				"NotoSerif-Regular\n"
				"NotoSerifCJKjp-Regular\n"
				"OpenSymbol\n"
				"Symbola\n");
	free(fonts);
	free(w);
	vndoc_layout_free(l);
}
END_TEST

START_TEST(fonts_fallback__cli_prints_each_warning_once)
{
	char pdf[4200], want[4096], *err = NULL, *text = NULL, cmd[4400];
	const char *in = test_fixture("render/fonts-fallback");
	snprintf(pdf, sizeof pdf, "%s/cli.pdf", test_tmpdir());
	ck_assert_int_eq(render_cli(in, pdf, "", &err), 0);
	snprintf(want, sizeof want, "%s", "");
	for (const char *p = FALLBACK_WARNINGS; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = strlen(want);
		snprintf(want + n, sizeof want - n, "vndoc: warning: %s: %.*s\n", in, (int)(nl - p), p);
		p = nl + 1;
	}
	ck_assert_str_eq(err, want);
	free(err);
	/* The text is all there, Symbol's bullet as U+2022. */
	snprintf(cmd, sizeof cmd, "pdftotext '%s' - | grep -c -e '^\xe2\x80\xa2 Mục một$' -e '^Toán: \xf0\x9d\x91\x86 = 1$' "
				  "-e '^Tiếng Nhật: \xe6\x97\xa5\xe6\x9c\xac$'", pdf);
	ck_assert_int_eq(test_run(cmd, &text, NULL), 0);
	ck_assert_str_eq(text, "3\n");
	free(text);
}
END_TEST

START_TEST(fonts_strict__refuses_as_before)
{
	/* `vndoc batch` and `render --strict-fonts`: our own templates never
	 * fall back. */
	char pdf[4200], want[4400], *err = NULL;
	const char *in = test_fixture("render/fonts-fallback");
	vndoc_error e;
	vndoc_layout *l = layout_fonts(in, true, &e);
	ck_assert_ptr_null(l);
	ck_assert_int_eq(e.code, VNDOC_EFONT);
	ck_assert_str_eq(e.message,
			 "no glyph for U+0633 \"\xd8\xb3\" in font \"Times New Roman\" (drawn with Liberation Serif)");
	snprintf(pdf, sizeof pdf, "%s/strict.pdf", test_tmpdir());
	ck_assert_int_eq(render_cli(in, pdf, "--strict-fonts", &err), 1);
	snprintf(want, sizeof want,
		 "vndoc: %s: no glyph for U+0633 \"\xd8\xb3\" in font \"Times New Roman\" (drawn with Liberation "
		 "Serif) (in \"Tiếng Ả Rập: \xd8\xb3\xd9\x84\xd8\xa7\xd9\x85\")\n",
		 in);
	ck_assert_str_eq(err, want);
	ck_assert_int_ne(access(pdf, F_OK), 0); /* nothing written */
	free(err);
}
END_TEST

START_TEST(fonts_fallback__a_character_no_font_has)
{
	/* Tibetan: drawn as a box, and said so; strict, the error it was. */
	const char *dir = write_doc("<w:p><w:r><w:t>Tây Tạng: \xe0\xbd\x80</w:t></w:r></w:p>" A4);
	vndoc_error e;
	vndoc_layout *l = layout_fonts(dir, false, &e);
	char *w;
	ck_assert_ptr_nonnull(l);
	w = warnings(l);
	ck_assert_str_eq(w, "no glyph for U+0F40 \"\xe0\xbd\x80\" in font \"Times New Roman\" nor in the "
			    "fallback fonts: drawn as a box\n");
	free(w);
	vndoc_layout_free(l);
	ck_assert_ptr_null(layout_fonts(dir, true, &e));
	ck_assert_int_eq(e.code, VNDOC_EFONT);
	ck_assert_str_eq(e.message,
			 "no glyph for U+0F40 \"\xe0\xbd\x80\" in font \"Times New Roman\" (drawn with Liberation Serif)");
}
END_TEST

/* قُلۡ: qaf, damma, lam and the Quranic sukun U+06E1 DejaVu Sans lacks;
 * ٱللَّهُ begins with the alef wasla U+0671 it lacks too. */
#define QUL "\xd9\x82\xd9\x8f\xd9\x84\xdb\xa1"
#define ALLAH "\xd9\xb1\xd9\x84\xd9\x84\xd9\x8e\xd9\x91\xd9\x87\xd9\x8f"
#define ARABIC_RUN(font, text) \
	"<w:p><w:pPr><w:bidi/></w:pPr><w:r><w:rPr><w:rFonts w:ascii=\"" font "\" w:hAnsi=\"" font "\" " \
	"w:cs=\"" font "\"/><w:rtl/></w:rPr><w:t xml:space=\"preserve\">" text "</w:t></w:r></w:p>"

/* Lays out `body` with fallback fonts and renders it: the warnings, and
 * pdftotext -bbox-layout's words of the PDF, one a line, in *words. */
static char *fallback_words(const char *body, char **words)
{
	const char *dir = write_doc(body);
	char pdf[4200], cmd[8600], *w, *fonts;
	vndoc_error e;
	vndoc_layout *l = layout_fonts(dir, false, &e);
	ck_assert_ptr_nonnull(l);
	w = warnings(l);
	snprintf(pdf, sizeof pdf, "%s/cluster.pdf", dir);
	ck_assert_int_eq(vndoc_render_pdf(l, pdf, NULL, &e), 0);
	vndoc_layout_free(l);
	snprintf(cmd, sizeof cmd, "pdftotext -bbox-layout '%s' - | sed -n 's/^ *<word [^>]*>\\(.*\\)<\\/word>$/\\1/p'",
		 pdf);
	ck_assert_int_eq(test_run(cmd, words, NULL), 0);
	fonts = pdf_fonts(pdf);
	w = vndoc_xrealloc(w, strlen(w) + strlen(fonts) + 8);
	strcat(strcat(w, "--\n"), fonts);
	free(fonts);
	return w;
}

START_TEST(fonts_fallback__a_letter_and_its_mark_in_one_font)
{
	/* LibreOffice falls back per grapheme cluster: where DejaVu Sans
	 * lacks the mark U+06E1 on a lam, it draws the lam and the mark with
	 * Noto Kufi Arabic, the letters around them with DejaVu Sans (its
	 * PDF of this text; POI's stress004).  Pango chose a font per
	 * character: the lam in DejaVu Sans, the mark alone in the fallback
	 * font, and pdftotext read the mark, then lam, damma and qaf, where
	 * LibreOffice's PDF reads the lam, the mark, then damma and qaf (a
	 * raised mark is a word of its own to pdftotext in both): most of the
	 * 485 words of stress004 with such marks did not match.  One warning
	 * per character DejaVu lacks, none for the lam. */
	char *words, *w = fallback_words(ARABIC_RUN("DejaVu Sans", QUL), &words);
	ck_assert_str_eq(w, "no glyph for U+06E1 \"\xdb\xa1\" in font \"DejaVu Sans\": drawn with Noto Kufi Arabic\n"
			    "--\nDejaVuSans\nNotoKufiArabic-Regular\n");
	ck_assert_str_eq(words, "\xd9\x84\n\xdb\xa1\n\xd9\x8f\xd9\x82\n");
	free(words);
	free(w);
	/* The alef wasla, a cluster of its own, alone in Noto Kufi Arabic. */
	w = fallback_words(ARABIC_RUN("DejaVu Sans", ALLAH), &words);
	ck_assert_str_eq(w, "no glyph for U+0671 \"\xd9\xb1\" in font \"DejaVu Sans\": drawn with Noto Kufi Arabic\n"
			    "--\nDejaVuSans\nNotoKufiArabic-Regular\n");
	free(words);
	free(w);
}
END_TEST

START_TEST(fonts_fallback__a_cluster_one_font_draws_keeps_its_spaces)
{
	/* Arabic in Times New Roman: Liberation Serif has none of it, and
	 * DejaVu Sans draws each letter with its marks, and the spaces
	 * between them, as Pango chose; a cluster drawn whole by one font
	 * gets no font of its own, which put the spaces of "رَبِّ إِنَّ" in
	 * Liberation Serif (3.5 pt at 14 pt where LibreOffice has DejaVu's
	 * 4.45: stress004 page 7's first line took one more word). */
	char *words, *w = fallback_words(ARABIC_RUN("Times New Roman", "\xd8\xb1\xd9\x8e\xd8\xa8\xd9\x90\xd9\x91 "
								       "\xd8\xa5\xd9\x90\xd9\x86\xd9\x8e\xd9\x91"),
					 &words);
	ck_assert_msg(strstr(w, "--\nDejaVuSans\n") != NULL && !strstr(w, "LiberationSerif"), "%s", w);
	free(words);
	free(w);
}
END_TEST

START_TEST(fonts_fallback__unknown_fonts_are_never_monospace)
{
	/* Century went to Liberation Mono: a serif or sans of similar width. */
	char pdf[4200], *fonts;
	const char *dir = write_doc(
		"<w:p><w:r><w:rPr><w:rFonts w:ascii=\"Century\" w:hAnsi=\"Century\"/></w:rPr><w:t>Century</w:t></w:r></w:p>"
		"<w:p><w:r><w:rPr><w:rFonts w:ascii=\"Segoe UI\" w:hAnsi=\"Segoe UI\"/></w:rPr><w:t>Segoe</w:t></w:r></w:p>"
		"<w:p><w:r><w:rPr><w:rFonts w:ascii=\"Franklin Gothic Book\" w:hAnsi=\"Franklin Gothic Book\"/></w:rPr>"
		"<w:t>Franklin</w:t></w:r></w:p>"
		"<w:p><w:r><w:rPr><w:rFonts w:ascii=\"Verdana\" w:hAnsi=\"Verdana\"/></w:rPr><w:t>Verdana</w:t></w:r></w:p>"
		"<w:p><w:r><w:rPr><w:rFonts w:ascii=\"MinionPro-Regular\" w:hAnsi=\"MinionPro-Regular\"/></w:rPr>"
		"<w:t>Minion</w:t></w:r></w:p>");
	vndoc_error e;
	vndoc_layout *l = layout_fonts(dir, true, &e);
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(vndoc_layout_warning_count(l), 0);
	snprintf(pdf, sizeof pdf, "%s/unknown.pdf", test_tmpdir());
	ck_assert_int_eq(vndoc_render_pdf(l, pdf, NULL, &e), 0);
	fonts = pdf_fonts(pdf);
	/* MinionPro-Regular, unknown: Noto Sans (LibreOffice 7.4's choice). */
	ck_assert_str_eq(fonts, "DejaVuSans\nNotoSans-Regular\nNotoSerif-Regular\n");
	free(fonts);
	vndoc_layout_free(l);
}
END_TEST

/* Lays out the document `body` strictly (no warning), renders it to
 * NAME.pdf and checks the fonts it embeds; the layout, for more checks. */
static vndoc_layout *strict_fonts(const char *body, const char *name, const char *fonts_expected)
{
	char pdf[4200], *fonts;
	const char *dir = write_doc(body);
	vndoc_error e;
	vndoc_layout *l = layout_fonts(dir, true, &e);
	ck_assert_msg(l != NULL, "%s", e.message);
	ck_assert_uint_eq(vndoc_layout_warning_count(l), 0);
	snprintf(pdf, sizeof pdf, "%s/%s.pdf", test_tmpdir(), name);
	ck_assert_int_eq(vndoc_render_pdf(l, pdf, NULL, &e), 0);
	fonts = pdf_fonts(pdf);
	ck_assert_str_eq(fonts, fonts_expected);
	free(fonts);
	return l;
}

START_TEST(fonts_cjk__gothic_fonts_drawn_with_noto_sans_cjk)
{
	/* MS Gothic, Malgun Gothic, SimHei and Microsoft YaHei went to
	 * Liberation Sans, which has no CJK glyph: strict layout refused
	 * them.  LibreOffice draws them with Noto Sans CJK, their Latin
	 * letters too. */
	static const char *const names[] = { "MS Gothic", "Malgun Gothic", "SimHei", "Microsoft YaHei" };
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 20);
	char *xml;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		vndoc_buf_printf(&body, "<w:p><w:r><w:rPr><w:rFonts w:ascii=\"%s\" w:hAnsi=\"%s\" w:eastAsia=\"%s\"/>"
				 "</w:rPr><w:t>Gothic \xe6\x97\xa5\xe6\x9c\xac</w:t></w:r></w:p>",
				 names[i], names[i], names[i]);
	xml = vndoc_buf_detach(&body, NULL);
	vndoc_layout_free(strict_fonts(xml, "gothic", "NotoSansCJKjp-Regular\n"));
	free(xml);
}
END_TEST

START_TEST(fonts_unknown__franklin_gothic_segoe_ui_lucida_sans_drawn_with_noto_sans)
{
	/* Franklin Gothic Book and Segoe UI went to Liberation Sans, narrower
	 * than the Noto Sans LibreOffice 7.4 draws them with (pdffonts on its
	 * PDFs of poi-stress023 and d4j-rfonts): poi-stress023 came out 14
	 * pages against LibreOffice's 17, 3.6% of its words on its line.
	 * Lucida Sans (Unicode) went to DejaVu Sans, whose line is 1.16 em
	 * against Noto Sans' 1.36 (poi-bug59058 p49, LibreOffice's NotoSans). */
	static const char *const names[] = { "Franklin Gothic Book", "Franklin Gothic Medium",
					     "Franklin Gothic Demi", "Segoe UI", "Lucida Sans Unicode",
					     "Lucida Sans" };
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 20);
	char *xml;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		vndoc_buf_printf(&body, "<w:p><w:r><w:rPr><w:rFonts w:ascii=\"%s\" w:hAnsi=\"%s\"/>"
				 "</w:rPr><w:t>Annual report</w:t></w:r></w:p>",
				 names[i], names[i]);
	xml = vndoc_buf_detach(&body, NULL);
	vndoc_layout_free(strict_fonts(xml, "franklin", "NotoSans-Regular\n"));
	free(xml);
}
END_TEST

START_TEST(fonts_cambria__vietnamese_letters_caladea_lacks_in_noto_serif)
{
	/* Caladea has no U+1ED9 (o with circumflex and dot below) nor U+1EE7:
	 * they fell back to Liberation Serif with a warning each
	 * (vn-ddd-donxinviec-trong: 34).  LibreOffice draws them with Noto
	 * Serif, and the rest with Caladea, on Caladea's line: so does vndoc,
	 * with no warning, strict too; the line is as high as one without
	 * them (Noto Serif's own would be 1.36 em against 1.17). */
	const vndoc_page *pg;
	double h[2];
	int n = 0;
	vndoc_layout *l = strict_fonts("<w:p><w:r><w:rPr><w:rFonts w:ascii=\"Cambria\" w:hAnsi=\"Cambria\"/></w:rPr>"
				       "<w:t>C\xe1\xbb\x99ng h\xc3\xb2" "a x\xc3\xa3 h\xe1\xbb\x99i ch\xe1\xbb\xa7 ngh\xc4\xa9" "a "
				       "Vi\xe1\xbb\x87t Nam</w:t></w:r></w:p>"
				       "<w:p><w:r><w:rPr><w:rFonts w:ascii=\"Cambria\" w:hAnsi=\"Cambria\"/></w:rPr>"
				       "<w:t>Cong hoa</w:t></w:r></w:p>",
				       "cambria", "Caladea-Regular\nNotoSerif-Regular\n");
	pg = vndoc_layout_page(l, 0);
	for (size_t b = 0; b < pg->n_boxes && n < 2; b++)
		if (pg->boxes[b].kind == VNDOC_BOX_LINE)
			h[n++] = pg->boxes[b].h;
	ck_assert_int_eq(n, 2);
	ck_assert_double_eq_tol(h[0], h[1], 0.001);
	vndoc_layout_free(l);
}
END_TEST

/* The text of the layout's lines, one a line. */
static char *lines_of(const vndoc_layout *l)
{
	vndoc_buf out = VNDOC_BUF_INIT((size_t)1 << 20);
	for (size_t i = 0; i < vndoc_layout_page_count(l); i++) {
		const vndoc_page *pg = vndoc_layout_page(l, i);
		for (size_t b = 0; b < pg->n_boxes; b++)
			if (pg->boxes[b].kind == VNDOC_BOX_LINE)
				vndoc_buf_printf(&out, "%s\n", pg->boxes[b].text);
	}
	return vndoc_buf_detach(&out, NULL);
}

START_TEST(fonts_symbols__private_use_characters_as_libreoffice_maps_them)
{
	/* Symbol's F094 has no character: a bullet, as LibreOffice draws it;
	 * Wingdings' F0A7 the small square; Wingdings' F04A and Wingdings
	 * 2's F097 OpenSymbol's U+E425 and U+E570; a barcode font's codes are
	 * its ASCII text. */
	const char *dir = write_doc(
		"<w:p><w:r><w:sym w:font=\"Symbol\" w:char=\"F094\"/><w:t xml:space=\"preserve\"> a</w:t></w:r></w:p>"
		"<w:p><w:r><w:rPr><w:rFonts w:ascii=\"Symbol\" w:hAnsi=\"Symbol\"/></w:rPr><w:t>\xef\x82\x94\xef\x81\xa1</w:t></w:r></w:p>"
		"<w:p><w:r><w:rPr><w:rFonts w:ascii=\"Wingdings\" w:hAnsi=\"Wingdings\"/></w:rPr><w:t>\xef\x82\xa7\xef\x81\x8a</w:t></w:r></w:p>"
		"<w:p><w:r><w:sym w:font=\"Wingdings 2\" w:char=\"F097\"/></w:r></w:p>"
		"<w:p><w:r><w:rPr><w:rFonts w:ascii=\"C39T30Lfz\" w:hAnsi=\"C39T30Lfz\"/></w:rPr>"
		"<w:t>\xef\x80\xaa\xef\x80\xb1\xef\x80\xb2\xef\x80\xaa</w:t></w:r></w:p>");
	vndoc_error e;
	vndoc_layout *l = layout_fonts(dir, true, &e);
	char *t, msg[512];
	ck_assert_msg(l != NULL, "%s", vndoc_error_format(&e, msg, sizeof msg));
	t = lines_of(l);
	ck_assert_str_eq(t, "\xe2\x80\xa2 a\n"
			    "\xe2\x80\xa2\xce\xb1\n"
			    "\xe2\x96\xaa\xee\x90\xa5\n"
			    "\xee\x95\xb0\n"
			    "*12*\n");
	free(t);
	t = warnings(l);
	ck_assert_str_eq(t, "private-use characters U+F020-U+F0FF in the font \"C39T30Lfz\" drawn as the "
			    "characters of their codes U+0020-U+00FF\n");
	free(t);
	vndoc_layout_free(l);
}
END_TEST

START_TEST(fonts_fallback__warnings_stop_after_the_limit)
{
	/* 60 kanji: 50 named, then one line for the others. */
	char body[2048] = "<w:p><w:r><w:t>";
	vndoc_error e;
	vndoc_layout *l;
	for (unsigned c = 0x4e00; c < 0x4e00 + 60; c++) {
		char u[8];
		u[g_unichar_to_utf8(c, u)] = '\0';
		strcat(body, u);
	}
	strcat(body, "</w:t></w:r></w:p>");
	l = layout_fonts(write_doc(body), false, &e);
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(vndoc_layout_warning_count(l), 51);
	ck_assert_str_eq(vndoc_layout_warning(l, 0),
			 "no glyph for U+4E00 \"\xe4\xb8\x80\" in font \"Times New Roman\": drawn with Noto Serif CJK JP");
	ck_assert_str_eq(vndoc_layout_warning(l, 50), "more characters with no glyph in their font drawn with "
						      "fallback fonts: only the first 50 are listed");
	vndoc_layout_free(l);
}
END_TEST

START_TEST(fonts_legacy__drawn_as_unicode_vietnamese)
{
	/* Typed in .VnTime, .VnTimeH (capitals), VNI-Times and .VnArial:
	 * converted by the encoding the font's name says, drawn in Times New
	 * Roman (Liberation Serif) and Arial (Liberation Sans); one warning.
	 * A .VnTime run already in Unicode ("Đường") is left as it is. */
	char pdf[4200], cmd[4400], want[4400], *err = NULL, *text = NULL, *fonts;
	const char *in = test_fixture("render/fonts-legacy");
	snprintf(pdf, sizeof pdf, "%s/legacy.pdf", test_tmpdir());
	ck_assert_int_eq(render_cli(in, pdf, "", &err), 0);
	snprintf(want, sizeof want,
		 "vndoc: warning: %s: text in the legacy Vietnamese font \".VnTime\" (TCVN3) converted to "
		 "Unicode and drawn in Times New Roman\n",
		 in);
	ck_assert_str_eq(err, want);
	snprintf(cmd, sizeof cmd, "pdftotext '%s' -", pdf);
	ck_assert_int_eq(test_run(cmd, &text, NULL), 0);
	/* NFC: every letter precomposed ("ộ" is U+1ED9, not o + marks). */
	ck_assert_str_eq(text, "C\xe1\xbb\x99ng h\xc3\xb2" "a x\xc3\xa3 h\xe1\xbb\x99i ch\xe1\xbb\xa7 ngh\xc4\xa9" "a "
			       "Vi\xe1\xbb\x87t Nam\n"
			       "\xc4\x90\xe1\xbb\x98" "C L\xe1\xba\xac" "P - T\xe1\xbb\xb0 DO - H\xe1\xba\xa0NH PH\xc3\x9a" "C\n"
			       "C\xe1\xbb\x99ng h\xc3\xb2" "a x\xc3\xa3 h\xe1\xbb\x99i ch\xe1\xbb\xa7 ngh\xc4\xa9" "a "
			       "Vi\xe1\xbb\x87t Nam\n"
			       "H\xc3\xa0 N\xe1\xbb\x99i\n"
			       "Unicode: Lai Ch\xc3\xa2u, Tam \xc4\x90\xc6\xb0\xe1\xbb\x9dng\n\n\f");
	fonts = pdf_fonts(pdf);
	ck_assert_str_eq(fonts, "LiberationSans\nLiberationSerif\n");
	free(fonts);
	free(text);
	free(err);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("fonts");
	TCase *fallback = tcase_create("fallback");
	TCase *legacy = tcase_create("legacy");
	tcase_set_timeout(fallback, 60);
	tcase_set_timeout(legacy, 60);
	tcase_add_test(fallback, fonts_fallback__each_character_drawn_and_named);
	tcase_add_test(fallback, fonts_fallback__cli_prints_each_warning_once);
	tcase_add_test(fallback, fonts_strict__refuses_as_before);
	tcase_add_test(fallback, fonts_fallback__a_character_no_font_has);
	tcase_add_test(fallback, fonts_fallback__a_letter_and_its_mark_in_one_font);
	tcase_add_test(fallback, fonts_fallback__a_cluster_one_font_draws_keeps_its_spaces);
	tcase_add_test(fallback, fonts_fallback__unknown_fonts_are_never_monospace);
	tcase_add_test(fallback, fonts_cjk__gothic_fonts_drawn_with_noto_sans_cjk);
	tcase_add_test(fallback, fonts_unknown__franklin_gothic_segoe_ui_lucida_sans_drawn_with_noto_sans);
	tcase_add_test(fallback, fonts_cambria__vietnamese_letters_caladea_lacks_in_noto_serif);
	tcase_add_test(fallback, fonts_symbols__private_use_characters_as_libreoffice_maps_them);
	tcase_add_test(fallback, fonts_fallback__warnings_stop_after_the_limit);
	tcase_add_test(legacy, fonts_legacy__drawn_as_unicode_vietnamese);
	suite_add_tcase(s, fallback);
	suite_add_tcase(s, legacy);
	return test_run_suite(s);
}
