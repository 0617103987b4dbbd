/*
 * tests/unit/test_scripts.c: w:rFonts w:eastAsia, w:cs and w:hint (and
 * the theme's East Asian fonts): each character is drawn in the font of
 * its script, as Word and LibreOffice draw it (docx/scripts.c); Chinese,
 * Japanese and Korean font names are drawn with Noto CJK (fonts.conf).
 * Before, the Latin font drew everything, and POI's stress019 drew its
 * Japanese in Century's fallback with 51 warnings.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docx/docx.h"
#include "package/package.h"
#include "render/render.h"
#include "render_util.h"
#include "test.h"

#define MINCHO "\xef\xbc\xad\xef\xbc\xb3 \xe6\x98\x8e\xe6\x9c\x9d" /* ＭＳ 明朝 */
#define NIHONGO "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x80\x82"   /* 日本語。 */
#define QURAN "\xd9\x82\xd8\xb1\xd8\xa2\xd9\x86"                      /* قرآن */

/* "text|font" for each inline of the first paragraph, one a line. */
static char *pieces(const vndoc_docx *doc)
{
	const vndoc_docx_para *p = &doc->body.blocks[0].u.para;
	vndoc_buf out = VNDOC_BUF_INIT((size_t)1 << 20);
	for (size_t i = 0; i < p->n_inlines; i++)
		vndoc_buf_printf(&out, "%s|%s\n", p->inlines[i].text ? p->inlines[i].text : "", p->inlines[i].rpr.font);
	return vndoc_buf_detach(&out, NULL);
}

START_TEST(scripts__each_in_its_font)
{
	const char *dir = write_doc("<w:p><w:r><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "
				    "w:eastAsia=\"" MINCHO "\" w:cs=\"DejaVu Sans\"/></w:rPr>"
				    "<w:t>H\xc3\xa0 N\xe1\xbb\x99i " NIHONGO " and " QURAN " 5</w:t></w:r></w:p>");
	vndoc_docx *doc = load_docx(dir);
	char *got = pieces(doc), pdf[4200], cmd[4400], *fonts = NULL;
	vndoc_error e;
	vndoc_layout *l;

	/* spaces and digits go with the characters before them */
	ck_assert_str_eq(got, "H\xc3\xa0 N\xe1\xbb\x99i |Times New Roman\n" NIHONGO " |" MINCHO "\n"
			      "and |Times New Roman\n" QURAN " 5|DejaVu Sans\n");
	free(got);
	vndoc_docx_free(doc);
	/* drawn with Noto Serif CJK, Liberation Serif and DejaVu Sans: no
	 * character falls back */
	l = layout_path(dir, &e);
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(vndoc_layout_warning_count(l), 0);
	snprintf(pdf, sizeof pdf, "%s/scripts.pdf", dir);
	ck_assert_int_eq(vndoc_render_pdf(l, pdf, NULL, &e), 0);
	vndoc_layout_free(l);
	snprintf(cmd, sizeof cmd, "pdffonts '%s' | tail -n +3 | awk '{print $1}' | sed 's/^[A-Z]*+//' | LC_ALL=C sort -u",
		 pdf);
	ck_assert_int_eq(test_run(cmd, &fonts, NULL), 0);
	ck_assert_str_eq(fonts, "DejaVuSans\nLiberationSerif\nNotoSerifCJKjp-Regular\n");
	free(fonts);
}
END_TEST

START_TEST(scripts__hint_gives_shared_punctuation_to_east_asian)
{
	const char *dir = write_doc("<w:p><w:r><w:rPr><w:rFonts w:ascii=\"Arial\" w:eastAsia=\"SimSun\" "
				    "w:hint=\"eastAsia\"/></w:rPr><w:t>\xe2\x80\x9cHi\xe2\x80\x9d</w:t></w:r>"
				    "<w:r><w:rPr><w:rFonts w:ascii=\"Arial\" w:eastAsia=\"SimSun\"/></w:rPr>"
				    "<w:t>\xe2\x80\x9cHi\xe2\x80\x9d</w:t></w:r></w:p>");
	vndoc_docx *doc = load_docx(dir);
	char *got = pieces(doc);
	ck_assert_str_eq(got, "\xe2\x80\x9c|SimSun\nHi|Arial\n\xe2\x80\x9d|SimSun\n\xe2\x80\x9cHi\xe2\x80\x9d|Arial\n");
	free(got);
	vndoc_docx_free(doc);
}
END_TEST

START_TEST(scripts__theme_east_asian_font_by_language)
{
	/* The theme's minor a:ea is empty: its a:font for Jpan, as
	 * docDefaults' w:lang w:eastAsia is Japanese; asciiTheme
	 * minorEastAsia names it for Latin text too (stress019). */
	const char *dir = write_doc("<w:p><w:r><w:rPr><w:rFonts w:asciiTheme=\"minorEastAsia\" "
				    "w:hAnsiTheme=\"minorEastAsia\"/></w:rPr><w:t>A" NIHONGO "</w:t></w:r>"
				    "<w:r><w:t>B" NIHONGO "</w:t></w:r></w:p>");
	vndoc_docx *doc;
	char *got;
	put_part(dir, "word/_rels/document.xml.rels",
		 "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		 "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
		 "relationships/theme\" Target=\"theme/theme1.xml\"/></Relationships>");
	put_part(dir, "word/theme/theme1.xml",
		 "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:themeElements>"
		 "<a:fontScheme><a:majorFont><a:latin typeface=\"Arial\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/>"
		 "</a:majorFont><a:minorFont><a:latin typeface=\"Century\"/><a:ea typeface=\"\"/>"
		 "<a:cs typeface=\"\"/><a:font script=\"Hans\" typeface=\"SimSun\"/>"
		 "<a:font script=\"Jpan\" typeface=\"" MINCHO "\"/></a:minorFont></a:fontScheme>"
		 "</a:themeElements></a:theme>");
	put_part(dir, "word/styles.xml",
		 "<w:styles " W_NS "><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme=\"minorHAnsi\" "
		 "w:eastAsiaTheme=\"minorEastAsia\" w:hAnsiTheme=\"minorHAnsi\"/><w:lang w:val=\"en-US\" "
		 "w:eastAsia=\"ja-JP\"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>");
	doc = load_docx(dir);
	got = pieces(doc);
	ck_assert_str_eq(got, "A" NIHONGO "|" MINCHO "\nB|Century\n" NIHONGO "|" MINCHO "\n");
	free(got);
	vndoc_docx_free(doc);
}
END_TEST

START_TEST(scripts__complex_script_size_weight_and_slant)
{
	/* w:sz 10 pt, w:szCs 15 pt, w:b without w:bCs, w:iCs without w:i:
	 * the Arabic (and the space and digit after it) at 15 pt, upright
	 * and not bold; the Latin text at 10 pt, bold (POI's stress011: its
	 * Arabic at 10 pt laid out 30 pages where LibreOffice has 41). */
	const char *dir = write_doc("<w:p><w:r><w:rPr><w:b/><w:iCs/><w:sz w:val=\"20\"/><w:szCs w:val=\"30\"/></w:rPr>"
				    "<w:t>See " QURAN " 5</w:t></w:r>"
				    "<w:r><w:rPr><w:b/><w:bCs/><w:sz w:val=\"20\"/></w:rPr><w:t>" QURAN "</w:t></w:r></w:p>");
	vndoc_docx *doc = load_docx(dir);
	const vndoc_docx_para *p = &doc->body.blocks[0].u.para;
	vndoc_buf out = VNDOC_BUF_INIT((size_t)1 << 20);
	char *got;
	for (size_t i = 0; i < p->n_inlines; i++)
		vndoc_buf_printf(&out, "%s|%d|%s%s\n", p->inlines[i].text, p->inlines[i].rpr.size,
				 p->inlines[i].rpr.bold ? "b" : "", p->inlines[i].rpr.italic ? "i" : "");
	got = vndoc_buf_detach(&out, NULL);
	ck_assert_str_eq(got, "See |20|b\n" QURAN " 5|30|i\n" QURAN "|20|b\n");
	free(got);
	vndoc_docx_free(doc);
}
END_TEST

START_TEST(scripts__weak_run_takes_the_script_before_it)
{
	/* Runs of their own with only punctuation after Arabic: "(" and "."
	 * in the Arabic font and size (w:cs, w:szCs 15 pt), as LibreOffice
	 * gives weak characters the script of the letter before them in the
	 * paragraph; "(" opening a paragraph goes with the Latin after it.
	 * Before, both were in the Latin font at 10 pt, and POI's stress011's
	 * footnote marks ".)1(" came apart from their Arabic word in the PDF
	 * text (drawn 98.99% -> 99.3%). */
#define RPR "<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:cs=\"DejaVu Sans\"/><w:sz w:val=\"20\"/>" \
	    "<w:szCs w:val=\"30\"/></w:rPr>"
	const char *dir = write_doc("<w:p><w:r>" RPR "<w:t>" QURAN "</w:t></w:r><w:r>" RPR "<w:t>(</w:t></w:r>"
				    "<w:r>" RPR "<w:t>.</w:t></w:r></w:p>"
				    "<w:p><w:r>" RPR "<w:t>(</w:t></w:r><w:r>" RPR "<w:t>see)</w:t></w:r></w:p>");
#undef RPR
	vndoc_docx *doc = load_docx(dir);
	vndoc_buf out = VNDOC_BUF_INIT((size_t)1 << 20);
	char *got;
	for (size_t k = 0; k < 2; k++) {
		const vndoc_docx_para *p = &doc->body.blocks[k].u.para;
		for (size_t i = 0; i < p->n_inlines; i++)
			vndoc_buf_printf(&out, "%s|%s|%d\n", p->inlines[i].text, p->inlines[i].rpr.font,
					 p->inlines[i].rpr.size);
	}
	got = vndoc_buf_detach(&out, NULL);
	ck_assert_str_eq(got, QURAN "(.|DejaVu Sans|30\n(see)|Times New Roman|20\n");
	free(got);
	vndoc_docx_free(doc);
}
END_TEST

START_TEST(scripts__fallback_mark_keeps_the_line_of_the_script_font)
{
	/* "قُلۡ" in a font we do not have: DejaVu Sans draws the qaf, Noto
	 * Kufi Arabic the Quranic sukun U+06E1 that DejaVu lacks and the lam
	 * it sits on (a cluster in one font, as LibreOffice draws it). The
	 * line is as tall as the same word without it (DejaVu Sans's line),
	 * as LibreOffice takes a line's height from the font the name
	 * resolves to for the script, never from a glyph-fallback font; Noto
	 * Naskh's taller line made POI's stress004 117 pages where
	 * LibreOffice has 113 (now 113). */
#define RUN(text) "<w:p><w:r><w:rPr><w:rFonts w:ascii=\"KFGQPC Uthmanic Script HAFS\" " \
	"w:cs=\"KFGQPC Uthmanic Script HAFS\"/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr><w:t>" text \
	"</w:t></w:r></w:p>"
	const char *dir = write_doc(RUN("\xd9\x82\xd9\x8f\xd9\x84\xdb\xa1") RUN("\xd9\x82\xd9\x8f\xd9\x84"));
#undef RUN
	char *d = dump_path(dir);
	/* on the left: the paragraphs are left to right (no w:bidi), as in
	 * LibreOffice (layout__bidi_paragraph_starts_on_the_right) */
	ck_assert_msg(strstr(d, "  line y=72.0 x=72.0 w=16.4 h=16.3 \"\xd9\x82\xd9\x8f\xd9\x84\xdb\xa1\"\n"
				"  line y=88.3 x=72.0 w=17.3 h=16.3 \"\xd9\x82\xd9\x8f\xd9\x84\"\n") != NULL, "%s", d);
	free(d);
}
END_TEST

START_TEST(scripts__ruby_guide_over_its_base)
{
	/* w:ruby: the base "日本" is text of the line, "にほん" (w:hps 10:
	 * 5 pt) centred over it, its baseline w:hpsRaise 18 (9 pt) above the
	 * line's.  Before, both were dropped (POI's stress019 lost "担当者",
	 * "氏名" and their guides). */
	const char *dir = write_doc("<w:p><w:r><w:rPr><w:rFonts w:ascii=\"" MINCHO "\" w:eastAsia=\"" MINCHO "\"/>"
				      "<w:sz w:val=\"24\"/></w:rPr><w:t>A</w:t></w:r><w:r><w:ruby><w:rubyPr>"
				      "<w:hps w:val=\"10\"/><w:hpsRaise w:val=\"18\"/><w:hpsBaseText w:val=\"24\"/>"
				      "</w:rubyPr><w:rt><w:r><w:rPr><w:rFonts w:eastAsia=\"" MINCHO "\"/><w:sz w:val=\"10\"/>"
				      "</w:rPr><w:t>\xe3\x81\xab\xe3\x81\xbb\xe3\x82\x93</w:t></w:r></w:rt><w:rubyBase><w:r>"
				      "<w:rPr><w:rFonts w:ascii=\"" MINCHO "\" w:eastAsia=\"" MINCHO "\"/><w:sz w:val=\"24\"/>"
				      "</w:rPr><w:t>\xe6\x97\xa5\xe6\x9c\xac</w:t></w:r></w:rubyBase></w:ruby></w:r>"
				      "<w:r><w:rPr><w:rFonts w:ascii=\"" MINCHO "\" w:eastAsia=\"" MINCHO "\"/><w:sz w:val=\"24\"/>"
				      "</w:rPr><w:t>B</w:t></w:r></w:p>");
	char *d = dump_path(dir);
	/* The base from 8.6 to 32.6 pt of the line (Noto Serif CJK's A is
	 * 8.6 pt wide): the guide, 15 pt wide, at 72 + 20.6 - 7.5; the line
	 * from 72, the guide from 63 */
	ck_assert_msg(strstr(d, "\"A\xe6\x97\xa5\xe6\x9c\xac" "B\"\n") != NULL, "%s", d);
	ck_assert_msg(strstr(d, "  leader y=63.0 x=85.1 w=15.0 h=17.2 \"\xe3\x81\xab\xe3\x81\xbb\xe3\x82\x93\"\n") != NULL,
		      "%s", d);
	free(d);
	check_open_same(dir); /* streamed as loaded */
}
END_TEST

static Suite *scripts_suite(void)
{
	Suite *s = suite_create("scripts");
	TCase *tc = tcase_create("scripts");
	tcase_add_test(tc, scripts__each_in_its_font);
	tcase_add_test(tc, scripts__hint_gives_shared_punctuation_to_east_asian);
	tcase_add_test(tc, scripts__theme_east_asian_font_by_language);
	tcase_add_test(tc, scripts__complex_script_size_weight_and_slant);
	tcase_add_test(tc, scripts__weak_run_takes_the_script_before_it);
	tcase_add_test(tc, scripts__fallback_mark_keeps_the_line_of_the_script_font);
	tcase_add_test(tc, scripts__ruby_guide_over_its_base);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(scripts_suite());
}
