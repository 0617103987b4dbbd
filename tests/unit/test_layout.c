/*
 * tests/unit/test_layout.c: the layout API on the render fixtures and on
 * documents written here: line and page breaks, tables, sections, fields,
 * pictures, footnotes, columns, fonts and threads.
 *
 * Line and page breaks are asserted on the text dump.  The expected breaks
 * of the fixtures under tests/fixtures/render/ were checked against
 * LibreOffice 7 (soffice --convert-to pdf, pdftotext -bbox-layout): every
 * line has the same text on the same page.  Small documents whose whole
 * layout is one screen are in tests/spec/layout.txt instead; floats,
 * merged cells across pages, footnotes and columns in test_layout_flow.c.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <jpeglib.h>

#include "core/buf.h"
#include "core/fsutil.h"
#include "docx/docx.h"
#include "layout/layout.h"
#include "package/package.h"
#include "render/render.h"
#include "test.h"
#include "render_util.h"

/* ---------------------------------------------------------------- layout */

START_TEST(layout__justified_line_breaks)
{
	/* 14 pt Times New Roman, justified, first line 1 cm, on A4 with
	 * 30/15 mm margins: LibreOffice breaks at the same words. */
	char *d = dump_path(test_fixture("render/basic"));
	ck_assert_str_eq(d,
		"page 1 595.3x841.9\n"
		"  line y=56.7 x=113.4 w=439.4 h=16.1 \"Căn cứ Hướng dẫn số 15/HD-SVHTTDL ngày 05 tháng 7 năm 2024 của Sở \"\n"
		"  line y=72.8 x=85.0 w=467.8 h=16.1 \"Văn hóa, Thể thao và Du lịch tỉnh Lai Châu về việc tổ chức các hoạt động văn hóa, \"\n"
		"  line y=88.9 x=85.0 w=467.8 h=16.1 \"thể thao chào mừng kỷ niệm các ngày lễ lớn trong năm, Sở xây dựng Kế hoạch tổ \"\n"
		"  line y=105.0 x=85.0 w=133.6 h=16.1 \"chức thực hiện như sau.\"\n");
	free(d);
}
END_TEST

/* HTML spacing between two paragraphs of one list is none (LibreOffice's
 * writerfilter, DomainMapper_Impl::finishParagraph): poi-bug59058's
 * references, 5 pt before (auto) and 9 pt after, are 9 pt apart, not
 * 14; a paragraph of no list after them keeps its 14 pt.  soffice 7.4 on
 * this document (compatibility mode 14, 13.5 pt lines there): baselines
 * 27.5, 22.4, 22.5 and 27.4 pt apart, spacing 14, 9, 9 and 14 (the
 * larger of after and before, as between any two paragraphs). */
START_TEST(layout__list_items_drop_autospacing_between_them)
{
#define ITEM(t)                                                                                     \
	"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>"                   \
	"<w:spacing w:before=\"100\" w:beforeAutospacing=\"1\" w:after=\"180\"/></w:pPr>"             \
	"<w:r><w:t>" t "</w:t></w:r></w:p>"
	const char *dir = write_doc(
		"<w:p><w:r><w:t>Top</w:t></w:r></w:p>" ITEM("one") ITEM("two") ITEM("three")
		"<w:p><w:pPr><w:spacing w:before=\"100\" w:beforeAutospacing=\"1\" w:after=\"0\"/></w:pPr>"
		"<w:r><w:t>After</w:t></w:r></w:p>");
#undef ITEM
	put_part(dir, "word/numbering.xml",
		 "<w:numbering " W_NS "><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\">"
		 "<w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/>"
		 "<w:pPr><w:ind w:left=\"720\" w:hanging=\"360\"/></w:pPr></w:lvl></w:abstractNum>"
		 "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>");
	put_part(dir, "word/settings.xml",
		 "<w:settings " W_NS "><w:compat><w:compatSetting w:name=\"compatibilityMode\" "
		 "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"14\"/></w:compat></w:settings>");
	char *d = dump_path(dir);
	ck_assert_str_eq(d, "page 1 612.0x792.0\n"
			    "  line y=72.0 x=72.0 w=16.1 h=11.5 \"Top\"\n"
			    "  line y=97.5 x=90.0 w=32.4 h=11.5 \"1.\\tone\"\n"
			    "  line y=118.0 x=90.0 w=33.0 h=11.5 \"2.\\ttwo\"\n"
			    "  line y=138.5 x=90.0 w=38.0 h=11.5 \"3.\\tthree\"\n"
			    "  line y=164.0 x=72.0 w=21.1 h=11.5 \"After\"\n");
	free(d);
}
END_TEST

/* An empty bulleted paragraph whose mark is hidden is left out, its bullet
 * too; an empty one whose mark is shown keeps its bullet and line
 * (LibreOffice 7.4, soffice on a document of our own: "before", hidden
 * item, "after", shown item, "end"; poi-bug59058 p49, an "o" vndoc drew
 * above "New Cases, Deaths ..."). */
START_TEST(layout__hidden_empty_list_item_leaves_out_its_bullet)
{
#define ITEM(rpr)                                                                                    \
	"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>"                   \
	"<w:rPr>" rpr "</w:rPr></w:pPr></w:p>"
	const char *dir = write_doc("<w:p><w:r><w:t>before</w:t></w:r></w:p>" ITEM("<w:vanish/>")
				    "<w:p><w:r><w:t>after</w:t></w:r></w:p>" ITEM("")
				    "<w:p><w:r><w:t>end</w:t></w:r></w:p>");
#undef ITEM
	put_part(dir, "word/numbering.xml",
		 "<w:numbering " W_NS "><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\">"
		 "<w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"o\"/>"
		 "<w:pPr><w:ind w:left=\"720\" w:hanging=\"360\"/></w:pPr></w:lvl></w:abstractNum>"
		 "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>");
	char *d = dump_path(dir);
	ck_assert_str_eq(d, "page 1 612.0x792.0\n"
			    "  line y=72.0 x=72.0 w=25.5 h=11.5 \"before\"\n"
			    "  line y=83.5 x=72.0 w=18.3 h=11.5 \"after\"\n"
			    "  line y=95.0 x=90.0 w=18.0 h=11.5 \"o\\t\"\n"
			    "  line y=106.5 x=72.0 w=14.4 h=11.5 \"end\"\n");
	free(d);
}
END_TEST

/* A level numbered before any item of a level above it starts that level
 * too: the list's first item of level 0, after items of level 1, is its
 * second (Word and LibreOffice 7.4: vn-websec-baocao's "2. PHƯƠNG ÁN
 * KHẮC PHỤC" after chapter 1's sections, numbered 1.1. to 1.8. with no
 * item of level 0 before them; vndoc gave "1." and then "1.1."). */
START_TEST(layout__numbering_starts_the_levels_above)
{
#define ITEM(lvl, t)                                                                                 \
	"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" lvl "\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>"   \
	"<w:r><w:t>" t "</w:t></w:r></w:p>"
	const char *dir = write_doc(ITEM("1", "a") ITEM("1", "b") ITEM("0", "C") ITEM("1", "d") ITEM("2", "e"));
#undef ITEM
	put_part(dir, "word/numbering.xml",
		 "<w:numbering " W_NS "><w:abstractNum w:abstractNumId=\"0\">"
		 "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl>"
		 "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.%2.\"/></w:lvl>"
		 "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.%2.%3.\"/></w:lvl>"
		 "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>");
	char *d = dump_path(dir);
	const char *labels[] = { "\"1.1.\\ta\"", "\"1.2.\\tb\"", "\"2.\\tC\"", "\"2.1.\\td\"", "\"2.1.1.\\te\"" };
	const char *at = d;
	for (size_t i = 0; i < sizeof labels / sizeof *labels; i++) {
		at = strstr(at, labels[i]);
		ck_assert_msg(at, "no %s in order in:\n%s", labels[i], d);
	}
	free(d);
}
END_TEST

/* A list label right-aligned (lvlJc right) ends where the first line
 * starts, a centred one is centred there, and the tab after it goes to
 * the hanging indent (Word and LibreOffice; vn-websec-baocao p46: "[1]."
 * right-aligned at 18 pt, its text at 36 pt, where vndoc set the label
 * from 18 pt, past 36, and the tab went on to the style's centre stop at
 * 318.95 pt).  The first line starts at 72 + 36 - 18 = 90 pt; "[1]." is
 * 14.2 pt wide in Times 10 (Liberation Serif): from 75.8 right-aligned,
 * 82.9 centred; each text after its tab at 108. */
START_TEST(layout__list_label_right_and_centre)
{
#define ITEM(num, t)                                                                                 \
	"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"" num "\"/></w:numPr>"           \
	"<w:tabs><w:tab w:val=\"center\" w:pos=\"6379\"/></w:tabs></w:pPr><w:r><w:t>" t "</w:t></w:r></w:p>"
	const char *dir = write_doc(ITEM("1", "left") ITEM("2", "right") ITEM("3", "centre"));
#undef ITEM
#define LVL(id, jc)                                                                                  \
	"<w:abstractNum w:abstractNumId=\"" id "\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>"      \
	"<w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"[%1].\"/><w:lvlJc w:val=\"" jc "\"/>"         \
	"<w:pPr><w:ind w:left=\"720\" w:hanging=\"360\"/></w:pPr></w:lvl></w:abstractNum>"
	put_part(dir, "word/numbering.xml",
		 "<w:numbering " W_NS ">" LVL("0", "left") LVL("1", "right") LVL("2", "center")
		 "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
		 "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>"
		 "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"2\"/></w:num></w:numbering>");
#undef LVL
	char *d = dump_path(dir);
	ck_assert_str_eq(d, "page 1 612.0x792.0\n"
			    "  line y=72.0 x=90.0 w=31.3 h=11.5 \"[1].\\tleft\"\n"
			    "  line y=83.5 x=75.8 w=51.0 h=11.5 \"[1].\\tright\"\n"
			    "  line y=95.0 x=82.9 w=49.5 h=11.5 \"[1].\\tcentre\"\n");
	free(d);
}
END_TEST

/* A word too long for what is left of a list item's first line stays
 * after the label's tab and is cut at the margin there (Word and
 * LibreOffice 7.4: d4j-gettingstarted p20, "ContentControlsAddCustom
 * XmlDataStoragePart" after a Symbol bullet breaks after "Storage" on the
 * bullet's line in both PDFs; soffice on this document: the bullet, then
 * 90 a and 6 b to the margin on its line, "bbbb" on the next).  vndoc left the bullet
 * alone on its line: Pango broke after the tab, and LibreOffice's cut of
 * a long word at the end of its first portion (long_word.c) took the
 * bullet, in the Symbol font, for the word's first portion. */
START_TEST(layout__long_word_stays_on_the_label_line)
{
	const char *dir = write_doc(
		"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>"
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		"bbbbbbbbbb</w:t></w:r></w:p>");
	put_part(dir, "word/numbering.xml",
		 "<w:numbering " W_NS "><w:abstractNum w:abstractNumId=\"0\">"
		 "<w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\xef\x82\xb7\"/>"
		 "<w:pPr><w:ind w:left=\"720\" w:hanging=\"360\"/></w:pPr>"
		 "<w:rPr><w:rFonts w:ascii=\"Symbol\" w:hAnsi=\"Symbol\" w:hint=\"default\"/></w:rPr></w:lvl>"
		 "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>");
	char *d = dump_path(dir);
	ck_assert_str_eq(d, "page 1 612.0x792.0\n"
			    "  line y=72.0 x=90.0 w=447.5 h=12.2 \"\xe2\x80\xa2\\taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
			    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaabbbbbb\"\n"
			    "  line y=84.2 x=108.0 w=20.0 h=11.5 \"bbbb\"\n");
	free(d);
}
END_TEST

/* Word's line of a Calibri list (d4j-gettingstarted, ru-tritpo-usecase:
 * Calibri 11 pt at 276/240): a Symbol bullet raises its line by what
 * SymbolMT's ascent (1.005 em) has above Calibri's winAscent (0.952 em),
 * 0.58 pt, not above Carlito's ascent with its line gap (0.971 em,
 * 0.38 pt): bullet lines 16.02 pt in Word's PDF (ru-tritpo-usecase 15.12
 * at 259/240), the others 15.44 (Word's, not counted in twips:
 * apply_line_rule); and a Courier New "o" label, whose
 * descent (0.300 em) is deeper than Calibri's, leaves the line as it is
 * (d4j-gettingstarted p5: 15.42 pt, not 16.1). */
START_TEST(layout__list_labels_and_word_line)
{
#define ITEM(lvl, t)                                                                                 \
	"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" lvl "\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>"   \
	"<w:r><w:t>" t "</w:t></w:r></w:p>"
	const char *dir = write_doc("<w:p><w:r><w:t>plain</w:t></w:r></w:p>" ITEM("0", "bullet") ITEM("1", "circle")
				    "<w:p><w:r><w:t>plain</w:t></w:r></w:p>");
#undef ITEM
	put_part(dir, "word/styles.xml",
		 "<w:styles " W_NS "><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Calibri\" "
		 "w:hAnsi=\"Calibri\"/><w:sz w:val=\"22\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
		 "<w:spacing w:after=\"0\" w:line=\"276\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>"
		 "</w:docDefaults></w:styles>");
	put_part(dir, "word/numbering.xml",
		 "<w:numbering " W_NS "><w:abstractNum w:abstractNumId=\"0\">"
		 "<w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\xef\x82\xb7\"/>"
		 "<w:pPr><w:ind w:left=\"720\" w:hanging=\"360\"/></w:pPr>"
		 "<w:rPr><w:rFonts w:ascii=\"Symbol\" w:hAnsi=\"Symbol\"/></w:rPr></w:lvl>"
		 "<w:lvl w:ilvl=\"1\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"o\"/>"
		 "<w:pPr><w:ind w:left=\"1440\" w:hanging=\"360\"/></w:pPr>"
		 "<w:rPr><w:rFonts w:ascii=\"Courier New\" w:hAnsi=\"Courier New\"/></w:rPr></w:lvl>"
		 "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>");
	char *d = dump_path(dir);
	ck_assert_str_eq(d, "page 1 612.0x792.0\n"
			    "  line y=72.0 x=72.0 w=21.9 h=15.4 \"plain\"\n"
			    "  line y=87.4 x=90.0 w=43.8 h=16.0 \"•\\tbullet\"\n"
			    "  line y=103.5 x=126.0 w=41.7 h=15.4 \"o\\tcircle\"\n"
			    "  line y=118.9 x=72.0 w=21.9 h=15.4 \"plain\"\n");
	free(d);
}
END_TEST

START_TEST(layout__page_break_when_text_overflows)
{
	char *d = dump_path(test_fixture("render/pages"));
	char *p1 = page_of(d, 1), *p2 = page_of(d, 2);
	ck_assert_int_eq(count(d, "\npage "), 3); /* 4 pages */
	/* Page 1 ends in the middle of a paragraph; page 2 begins at the top
	 * margin with its next line (no spacing before). */
	ck_assert_ptr_nonnull(strstr(p1, "  line y=766.7 x=85.0 w=467.8 h=16.1 \"ngày càng giàu đẹp, văn minh. Các hoạt động được tổ chức thiết thực, hiệu quả, \"\n"));
	ck_assert_ptr_nonnull(strstr(p2, "page 2 595.3x841.9\n  line y=56.7 x=85.0 w=467.8 h=16.1 \"tiết kiệm, an toàn,"));
	free(p1);
	free(p2);
	free(d);
}
END_TEST

START_TEST(layout__numbered_headings_and_bullets)
{
	char *d = dump_path(test_fixture("render/pages"));
	/* Roman numbering; the label is wider than the hanging indent, so the
	 * tab goes on to the next default stop, as in LibreOffice. */
	ck_assert_ptr_nonnull(strstr(d, "\"I.\\tMỤC ĐÍCH, YÊU CẦU PHẦN 1\""));
	ck_assert_ptr_nonnull(strstr(d, "\"IV.\\tMỤC ĐÍCH, YÊU CẦU PHẦN 4\""));
	ck_assert_ptr_nonnull(strstr(d, "x=113.4 w=439.4 h=16.1 \"-\\tCăn cứ Hướng dẫn"));
	free(d);
}
END_TEST

START_TEST(layout__header_row_repeats_on_each_page)
{
	char *d = dump_path(test_fixture("render/tables"));
	for (int n = 2; n <= 5; n++) {
		char *p = page_of(d, n);
		const char *first_cell = strstr(p, "  cell ");
		ck_assert_ptr_nonnull(first_cell);
		ck_assert_msg(!strncmp(first_cell, "  cell r0c0 x=57.0 y=56.7 w=40.0 h=15.4\n  line y=57.2 x=69.7 w=14.5 h=14.9 \"Stt\"", 80),
			      "page %d starts with %.80s", n, first_cell);
		free(p);
	}
	/* Page 2 holds rows 1-15; row 16 opens page 3 under the header
	 * (as in LibreOffice: rows are 30.4 pt, two 13 pt lines and a border). */
	ck_assert_ptr_nonnull(strstr(d, "  cell r15c0 x=57.0 y=497.7 w=40.0 h=30.4\n"));
	{
		char *p3 = page_of(d, 3);
		ck_assert_ptr_nonnull(strstr(p3, "  cell r16c0 x=57.0 y=72.2 w=40.0 h=30.4\n"));
		free(p3);
	}
	free(d);
}
END_TEST

START_TEST(layout__landscape_section_after_portrait)
{
	char *d = dump_path(test_fixture("render/tables"));
	ck_assert_ptr_nonnull(strstr(d, "page 1 595.3x841.9\n"));
	ck_assert_ptr_nonnull(strstr(d, "page 2 841.9x595.3\n"));
	ck_assert_ptr_nonnull(strstr(d, "page 6 841.9x595.3\n"));
	free(d);
}
END_TEST

START_TEST(layout__page_fields_in_header_and_footer)
{
	char *d = dump_path(test_fixture("render/tables"));
	char *p2 = page_of(d, 2);
	ck_assert_ptr_nonnull(strstr(p2, "  header y=28.4 x=417.7 w=6.5 h=14.9 \"2\"\n"));
	ck_assert_ptr_nonnull(strstr(p2, "  footer y=552.0 x=395.5 w=50.9 h=14.9 \"Trang 2/6\"\n"));
	free(p2);
	free(d);
	/* titlePg without a first-page header: page 1 has none. */
	d = dump_path(test_fixture("render/pages"));
	p2 = page_of(d, 1);
	ck_assert_int_eq(count(p2, "  header "), 0);
	ck_assert_int_eq(count(p2, "  footer "), 0);
	free(p2);
	p2 = page_of(d, 2);
	ck_assert_ptr_nonnull(strstr(p2, "  header y=28.4 x=315.7 w=6.5 h=14.9 \"2\"\n"));
	ck_assert_ptr_nonnull(strstr(p2, "\"Trang 2/4\""));
	free(p2);
	free(d);
}
END_TEST

START_TEST(layout__symbol_font_private_use_mapped)
{
	/* Word writes Symbol's bullet and dash as U+F0B7 and U+F02D: drawn as
	 * U+2022 and U+2212 (with OpenSymbol, as LibreOffice), not an error;
	 * w:sym too. */
	const char *dir = write_doc(
		"<w:p><w:r><w:rPr><w:rFonts w:ascii=\"Symbol\" w:hAnsi=\"Symbol\"/></w:rPr>"
		"<w:t>\xef\x82\xb7\xef\x80\xad</w:t></w:r><w:r><w:t> Một</w:t></w:r></w:p>"
		"<w:p><w:r><w:sym w:font=\"Wingdings\" w:char=\"F0A7\"/><w:t> Hai</w:t></w:r></w:p>" A4);
	char *d = dump_path(dir);
	ck_assert_ptr_nonnull(strstr(d, "\"\xe2\x80\xa2\xe2\x88\x92Một\""));
	ck_assert_ptr_nonnull(strstr(d, "\"\xe2\x96\xaaHai\""));
	free(d);
}
END_TEST

START_TEST(layout__shared_fonts_give_the_same_layout)
{
	vndoc_layout_options opts = VNDOC_LAYOUT_OPTIONS_INIT;
	vndoc_layout_fonts *fonts = NULL;
	vndoc_package *pkg = NULL;
	vndoc_docx *doc = NULL;
	vndoc_layout *l1 = NULL, *l2 = NULL;
	vndoc_error e;
	char *want = dump_path(test_fixture("render/tables")), *d1, *d2, *pdf;
	size_t len;

	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_package_open(&pkg, test_fixture("render/tables"), &e), 0);
	ck_assert_int_eq(vndoc_docx_load(&doc, pkg, &e), 0);
	ck_assert_int_eq(vndoc_layout_fonts_new(&fonts, NULL, &e), 0);
	opts.fonts = fonts;
	/* The second layout reuses the fonts' caches: same result. */
	ck_assert_int_eq(vndoc_layout_run(&l1, doc, &opts, &e), 0);
	ck_assert_int_eq(vndoc_layout_run(&l2, doc, &opts, &e), 0);
	d1 = dump_layout(l1);
	d2 = dump_layout(l2);
	ck_assert_str_eq(d1, want);
	ck_assert_str_eq(d2, want);
	/* Layouts keep what they draw with after the fonts are freed. */
	vndoc_layout_fonts_free(fonts);
	ck_assert_int_eq(vndoc_render_pdf_memory(&pdf, &len, l1, NULL, &e), 0);
	ck_assert_uint_gt(len, 1000);
	free(pdf);
	free(d1);
	free(d2);
	free(want);
	vndoc_layout_free(l1);
	vndoc_layout_free(l2);
	vndoc_docx_free(doc);
	vndoc_package_free(pkg);
}
END_TEST

START_TEST(layout__missing_font_configuration)
{
	vndoc_layout_fonts *fonts = NULL;
	vndoc_error e;
	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_layout_fonts_new(&fonts, "/nonexistent/fonts.conf", &e), VNDOC_EFONT);
	ck_assert_ptr_null(fonts);
	ck_assert_str_eq(e.message, "cannot load the font configuration");
}
END_TEST

START_TEST(layout__inline_pictures_at_their_extent)
{
	vndoc_error e;
	char msg[1024], *d;
	vndoc_layout *l = layout_path(test_fixture("render/images"), &e);
	if (!l)
		ck_abort_msg("%s", vndoc_error_format(&e, msg, sizeof msg));
	d = dump_layout(l);
	/* 914400 x 457200 EMU = 72 x 36 pt, standing on the baseline; the
	 * picture raises its line.  U+FFFC stands for it in the text.  A
	 * picture alone on its line makes it just as tall (LibreOffice:
	 * "Logo:" to "EMF:" 111.1 pt; 111.6 here). */
	ck_assert_str_eq(d,
		"page 1 595.3x841.9\n"
		"  line y=56.7 x=85.0 w=171.5 h=39.6 \"Logo: \xef\xbf\xbc cuối dòng.\"\n"
		"  image x=122.0 y=57.3 w=72.0 h=36.0 \"word/media/image1.png\"\n"
		"  line y=96.3 x=85.0 w=144.0 h=72.0 \"\xef\xbf\xbc\"\n"
		"  image x=85.0 y=96.3 w=144.0 h=72.0 \"word/media/image2.jpeg\"\n"
		"  line y=168.3 x=85.0 w=108.2 h=39.6 \"EMF: \xef\xbf\xbc\"\n"
		"  image x=121.2 y=168.9 w=72.0 h=36.0 \"word/media/image3.emf\"\n"
		/* a text box (no outline, no fill: its text only), a VML line
		 * (from 0,0 to 10,10 px: VML's defaults) and a chart (its room) */
		"  line y=207.9 x=85.0 w=121.0 h=39.6 \"\xef\xbf\xbcSau hộp.\"\n"
		"  shape rect x=85.0 y=208.5 w=72.0 h=36.0 stroke=none\n"
		"  line y=212.1 x=92.2 w=24.1 h=16.1 \"Hộp\"\n"
		"  line y=247.5 x=85.0 w=71.5 h=16.1 \"\xef\xbf\xbcSau đường.\"\n"
		"  shape line x=85.0 y=253.1 w=7.5 h=7.5 stroke=0.75 #000000 solid\n"
		"  line y=263.6 x=85.0 w=141.6 h=39.6 \"\xef\xbf\xbcSau biểu đồ.\"\n");
	/* What is not drawn is named once, and the rest renders; the EMF
	 * keeps its room (an empty frame). */
	ck_assert_uint_eq(vndoc_layout_warning_count(l), 2);
	ck_assert_str_eq(vndoc_layout_warning(l, 0),
			 "picture word/media/image3.emf (EMF) is damaged, drawn as an empty frame");
	ck_assert_str_eq(vndoc_layout_warning(l, 1), "chart (c:chart) not drawn, its room kept");
	ck_assert_ptr_null(vndoc_layout_warning(l, 2));
	free(d);
	vndoc_layout_free(l);
}
END_TEST

START_TEST(layout__tab_stops_and_leaders)
{
	char *d = dump_path(test_fixture("render/tabs"));
	/* Right tabs at the margin with dot leaders (a table of contents),
	 * a centred tab, an underscore leader: LibreOffice draws the same
	 * number of dots, and puts the page numbers and "GIÁM ĐỐC" at the
	 * same places (within 0.2 pt). */
	ck_assert_str_eq(d,
		"page 1 595.3x841.9\n"
		"  line y=56.7 x=85.0 w=467.8 h=16.1 \"I. MỤC ĐÍCH, YÊU CẦU\\t1\"\n"
		"  leader y=56.7 x=237.8 w=308.0 h=16.1 \"........................................................................................\"\n"
		"  line y=72.8 x=85.0 w=467.8 h=16.1 \"II. NỘI DUNG VÀ HÌNH THỨC TỔ CHỨC\\t2\"\n"
		"  leader y=72.8 x=342.8 w=203.0 h=16.1 \"..........................................................\"\n"
		"  line y=88.9 x=85.0 w=467.8 h=16.1 \"III. TỔ CHỨC THỰC HIỆN\\t12\"\n"
		"  leader y=88.9 x=248.3 w=290.5 h=16.1 \"...................................................................................\"\n"
		"  line y=105.0 x=85.0 w=269.1 h=16.1 \"\\tGIÁM ĐỐC\"\n"
		"  line y=121.1 x=85.0 w=311.8 h=16.1 \"Họ tên:\\t\\t\"\n"
		"  leader y=121.1 x=172.9 w=224.0 h=16.1 \"________________________________\"\n");
	free(d);
}
END_TEST

/* The x of every line whose text begins with `prefix`, "x x x". */
static char *xs_of(const char *dump, const char *prefix)
{
	vndoc_buf out = VNDOC_BUF_INIT(1 << 16);
	char key[64];
	snprintf(key, sizeof key, " \"%s", prefix);
	for (const char *p = strstr(dump, key); p; p = strstr(p + 1, key)) {
		const char *line = p, *x;
		while (line > dump && line[-1] != '\n')
			line--;
		x = strstr(line, " x=");
		if (x && x < p)
			vndoc_buf_printf(&out, "%s%.*s", out.len ? " " : "", (int)strcspn(x + 3, " "), x + 3);
	}
	return vndoc_buf_detach(&out, NULL);
}

START_TEST(layout__table_column_edges_cut_to_the_twip)
{
	/* The grid 564, 684, 1124, 1243, 1004 twips (4619), 75-twip cell
	 * margins, bold Times New Roman 12 pt (POI's bug57031 header row):
	 * the edges kept in 1/10000 of the width and cut to the twip are 563,
	 * 1248, 2371 and 3614 twips, so "Obs" (413.6 twips) and "Censored"
	 * (973.2) no longer fit their 413 and 973 and break, as LibreOffice
	 * breaks them; "Time" (533.2 in 535), "Treatment" and "Number" stay
	 * whole. Before, every word fitted and the header row was a line
	 * shorter than LibreOffice's on each of the table's pages. */
#define HEAD(w, text) "<w:tc><w:tcPr><w:tcW w:w=\"" w "\" w:type=\"dxa\"/></w:tcPr><w:p><w:r><w:rPr>" \
	"<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\"/><w:b/><w:sz w:val=\"24\"/></w:rPr>" \
	"<w:t>" text "</w:t></w:r></w:p></w:tc>"
	const char *dir = write_doc("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblCellMar>"
				    "<w:left w:w=\"75\" w:type=\"dxa\"/><w:right w:w=\"75\" w:type=\"dxa\"/></w:tblCellMar>"
				    "</w:tblPr><w:tblGrid><w:gridCol w:w=\"564\"/><w:gridCol w:w=\"684\"/>"
				    "<w:gridCol w:w=\"1124\"/><w:gridCol w:w=\"1243\"/><w:gridCol w:w=\"1004\"/></w:tblGrid>"
				    "<w:tr>" HEAD("564", "Obs") HEAD("684", "Time") HEAD("1124", "Censored")
				    HEAD("1243", "Treatment") HEAD("1004", "Number") "</w:tr></w:tbl><w:p/>");
#undef HEAD
	char *d = dump_path(dir);
	const char *want[] = { "\"Ob\"\n", "\"s\"\n", "\"Time\"\n", "\"Censore\"\n", "\"d\"\n", "\"Treatment\"\n",
			       "\"Number\"\n" };
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		ck_assert_msg(strstr(d, want[i]) != NULL, "%s not in\n%s", want[i], d);
	free(d);
}
END_TEST

/* Each of `want` is in the dump of the document in `dir`. */
static void expect_in_dump(const char *dir, const char *const *want, size_t n)
{
	char *d = dump_path(dir);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(strstr(d, want[i]) != NULL, "%s not in\n%s", want[i], d);
	free(d);
}

START_TEST(layout__empty_paragraph_after_nested_table_takes_no_room)
{
	/* A cell's last paragraph, empty, right after a nested table takes
	 * no room in LibreOffice 7.4, even with a 20 pt paragraph mark
	 * (poi-60329: its header's and first row's nested tables): "After"
	 * follows the outer row, which is the inner row's height. Before, the
	 * outer row was 23 pt taller. A paragraph with text keeps its line. */
#define NEST(last) "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid>" \
	"<w:gridCol w:w=\"5000\"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w=\"5000\" w:type=\"dxa\"/></w:tcPr>" \
	"<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"3000\"/>" \
	"</w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w=\"3000\" w:type=\"dxa\"/></w:tcPr><w:p><w:r><w:t>Inner</w:t>" \
	"</w:r></w:p></w:tc></w:tr></w:tbl>" last "</w:tc></w:tr></w:tbl>"
	const char *dir = write_doc(NEST("<w:p><w:pPr><w:rPr><w:sz w:val=\"40\"/></w:rPr></w:pPr></w:p>")
				    "<w:p><w:r><w:t>After</w:t></w:r></w:p>"
				    NEST("<w:p><w:r><w:t>Text</w:t></w:r></w:p>") "<w:p><w:r><w:t>End</w:t></w:r></w:p>");
#undef NEST
	static const char *const want[] = { "cell r0c0 x=66.6 y=72.0 w=250.0 h=11.5\n", "line y=83.5 x=72.0 w=21.1 h=11.5 \"After\"",
			       "cell r0c0 x=66.6 y=95.0 w=250.0 h=23.0\n", "line y=106.5 x=72.0 w=18.3 h=11.5 \"Text\"" };
	expect_in_dump(dir, want, sizeof want / sizeof want[0]);
}
END_TEST

START_TEST(layout__floating_table_anchored_to_text_stands_tblpY_lower)
{
	/* A floating table anchored to the text, too wide for text beside
	 * it, stands tblpY lower, the text after it below it, as Word draws
	 * it (vn-gr2-baocao p22: 5.55 pt under its heading); one anchored to
	 * the page stands tblpY from the page's top, the text going on where
	 * it stood (tests/spec/layout.txt, "Floating tables").  LibreOffice
	 * 7.4 differs: it keeps such a table where it stands (soffice). */
#define FLOATING(anchor, text) "<w:tbl><w:tblPr><w:tblpPr w:leftFromText=\"180\" w:rightFromText=\"180\" " \
	"w:vertAnchor=\"" anchor "\" w:horzAnchor=\"margin\" w:tblpY=\"200\"/><w:tblW w:w=\"9000\" w:type=\"dxa\"/>" \
	"</w:tblPr><w:tblGrid><w:gridCol w:w=\"9000\"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w=\"9000\" " \
	"w:type=\"dxa\"/></w:tcPr><w:p><w:r><w:t>" text "</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
	const char *dir = write_doc("<w:p><w:r><w:t>Before</w:t></w:r></w:p>" FLOATING("text", "Floating")
				    "<w:p><w:r><w:t>After</w:t></w:r></w:p>" FLOATING("page", "Paged")
				    "<w:p><w:r><w:t>End</w:t></w:r></w:p>");
#undef FLOATING
	static const char *const want[] = { "  cell r0c0 x=66.6 y=93.5 w=450.0 h=11.5\n"
					    "  line y=93.5 x=72.0 w=33.3 h=11.5 \"Floating\"\n"
					    "  line y=105.0 x=72.0 w=21.1 h=11.5 \"After\"\n"
					    "  cell r0c0 x=66.6 y=10.0 w=450.0 h=11.5\n"
					    "  line y=10.0 x=72.0 w=24.4 h=11.5 \"Paged\"\n"
					    "  line y=116.5 x=72.0 w=16.1 h=11.5 \"End\"\n" };
	expect_in_dump(dir, want, sizeof want / sizeof want[0]);
}
END_TEST

START_TEST(layout__nested_cell_shading_under_its_text)
{
	/* A nested table's cell box (its shading) goes on the page before its
	 * text, as the outer cells', header and footnote cells' do: boxes are
	 * drawn in order, and vn-gr2-baocao's orange heading rows of nested
	 * tables covered their text ("STT", "Hành động") in vndoc's PDF. */
	const char *dir = write_doc(
		"<w:tbl><w:tblGrid><w:gridCol w:w=\"5000\"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w=\"5000\" "
		"w:type=\"dxa\"/></w:tcPr><w:tbl><w:tblGrid><w:gridCol w:w=\"3000\"/></w:tblGrid><w:tr><w:tc><w:tcPr>"
		"<w:tcW w:w=\"3000\" w:type=\"dxa\"/><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"FFCC99\"/></w:tcPr>"
		"<w:p><w:r><w:t>STT</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>"
		"<w:p><w:r><w:t>End</w:t></w:r></w:p>");
	char *d = dump_path(dir);
	const char *inner = strstr(d, "  cell r0c0 x=66.6 y=72.0 w=150.0 h=11.5\n"), *text = strstr(d, "\"STT\"");
	ck_assert_msg(inner && text && inner < text, "%s", d);
	free(d);
}
END_TEST

START_TEST(layout__cell_hidden_paragraph_and_spacing_after_nested_table)
{
	/* In a cell, an empty paragraph whose mark is hidden takes no room,
	 * as in the body, and a paragraph right after a nested table gets
	 * no HTML spacing before, as the cell's first paragraph (LibreOffice
	 * 7.4, soffice on cells of our own; poi-drawing p1: "НОВОСИБИРСК"
	 * 27.8 pt lower than there).  "Inner" follows "Top"'s 14 pt
	 * after, "After" the nested table at once; the hidden paragraph had
	 * taken 11.5 pt and "After" 14 pt more.  A plain 14 pt before stays. */
#define CELL(inner) "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid>" \
	"<w:gridCol w:w=\"5000\"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w=\"5000\" w:type=\"dxa\"/></w:tcPr>" \
	inner "</w:tc></w:tr></w:tbl>"
#define INNER "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"3000\"/>" \
	"</w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w=\"3000\" w:type=\"dxa\"/></w:tcPr><w:p><w:r><w:t>Inner</w:t>" \
	"</w:r></w:p></w:tc></w:tr></w:tbl>"
#define SPACED(sp, text) "<w:p><w:pPr><w:spacing " sp "/></w:pPr><w:r><w:t>" text "</w:t></w:r></w:p>"
	const char *dir = write_doc(
		CELL(SPACED("w:after=\"100\" w:afterAutospacing=\"1\"", "Top")
		     "<w:p><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr></w:p>" INNER
		     SPACED("w:before=\"100\" w:beforeAutospacing=\"1\"", "After") "<w:p><w:r><w:t>End</w:t></w:r></w:p>")
		"<w:p/>" CELL(INNER SPACED("w:before=\"280\"", "Plain")));
#undef SPACED
#undef INNER
#undef CELL
	static const char *const want[] = { "line y=72.0 x=72.0 w=16.1 h=11.5 \"Top\"",
					    "line y=97.5 x=72.0 w=21.1 h=11.5 \"Inner\"",
					    "line y=109.0 x=72.0 w=21.1 h=11.5 \"After\"",
					    "line y=120.5 x=72.0 w=16.1 h=11.5 \"End\"",
					    "line y=169.0 x=72.0 w=20.6 h=11.5 \"Plain\"" };
	expect_in_dump(dir, want, sizeof want / sizeof want[0]);
}
END_TEST

/* The dump of an outer table whose first row holds a nested table of
 * one cell, "L1" to "L16", with top and bottom margins `mar` (tcMar
 * children), and whose second row holds "Next", on pages 250 pt wide and
 * `page_h` twips high with 36 pt margins. */
static char *split_nested_dump(const char *mar, int page_h)
{
	vndoc_buf body = VNDOC_BUF_INIT(1 << 16);
	char *d;
	vndoc_buf_printf(&body, "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid>"
			 "<w:gridCol w:w=\"3000\"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w=\"3000\" w:type=\"dxa\"/>"
			 "</w:tcPr><w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid>"
			 "<w:gridCol w:w=\"2000\"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/>"
			 "<w:tcMar>%s</w:tcMar></w:tcPr>", mar);
	for (int i = 1; i <= 16; i++)
		vndoc_buf_printf(&body, "<w:p><w:r><w:t>L%d</w:t></w:r></w:p>", i);
	vndoc_buf_printf(&body, "</w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr><w:tr><w:tc><w:tcPr>"
			 "<w:tcW w:w=\"3000\" w:type=\"dxa\"/></w:tcPr><w:p><w:r><w:t>Next</w:t></w:r></w:p></w:tc>"
			 "</w:tr></w:tbl><w:p/><w:sectPr><w:pgSz w:w=\"5000\" w:h=\"%d\"/><w:pgMar w:top=\"720\" "
			 "w:right=\"720\" w:bottom=\"720\" w:left=\"720\" w:header=\"360\" w:footer=\"360\"/></w:sectPr>",
			 page_h);
	d = dump_path(write_doc(body.ptr));
	vndoc_buf_dispose(&body);
	return d;
}

START_TEST(layout__split_nested_row_keeps_its_bottom_margin)
{
	/* A row holding a nested table whose row goes on to the next page:
	 * the rest there is as high as the nested cell's text and its bottom
	 * margin (39 twips, 1.95 pt), so "Next" begins 1.95 pt below "L16"'s
	 * line, as in LibreOffice 7.4 (95.5 after 82.0 there; poi-60329 p2,
	 * where the rows after the split one were 2.8 pt high). It followed
	 * "L16" at once (93.5). */
	char *d = split_nested_dump("<w:bottom w:w=\"39\" w:type=\"dxa\"/>", 4040), *p2 = page_of(d, 2);
	ck_assert_msg(strstr(p2, "line y=82.0 x=36.0 w=16.1 h=11.5 \"L16\"\n") != NULL, "%s", p2);
	ck_assert_msg(strstr(p2, "line y=95.4 x=36.0 w=19.4 h=11.5 \"Next\"\n") != NULL, "%s", p2);
	free(p2);
	free(d);
}
END_TEST

START_TEST(layout__split_nested_row_keeps_its_margins_on_each_page)
{
	/* The nested cell's margins, 10 pt top and 20 pt bottom, in each part
	 * of its split row (LibreOffice 7.4, the same document: "L1"-"L8" on
	 * page 1, "L9" 10 pt down page 2, "Next" alone on page 3). Page 1
	 * held 10 lines and page 2 began at its top margin. */
	char *d = split_nested_dump("<w:top w:w=\"200\" w:type=\"dxa\"/><w:bottom w:w=\"400\" w:type=\"dxa\"/>", 4000);
	char *p1 = page_of(d, 1), *p2 = page_of(d, 2), *p3 = page_of(d, 3);
	ck_assert_msg(strstr(p1, "\"L8\"\n") && !strstr(p1, "\"L9\""), "%s", p1);
	ck_assert_msg(strstr(p2, "line y=46.0 x=36.0 w=11.1 h=11.5 \"L9\"\n") && strstr(p2, "\"L16\"\n"), "%s", p2);
	ck_assert_msg(strstr(p3, "line y=36.0 x=36.0 w=19.4 h=11.5 \"Next\"\n") != NULL, "%s", p3);
	free(p1);
	free(p2);
	free(p3);
	free(d);
}
END_TEST

START_TEST(layout__old_table_edge_by_the_table_margin)
{
	/* Before Word 2013 (mode 12) a table stands out by its own left cell
	 * margin (tblCellMar) or half its border, not by a cell's tcMar
	 * (LibreOffice 7.4, the same tables: "Own" 73.5, "Kept" 72.0, "Wide"
	 * 68.55; poi-60329). vndoc had 71.6, 71.6 and 72.0. */
#define TBL(mar, tcmar, text) "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblBorders>" \
	"<w:left w:val=\"single\" w:sz=\"7\" w:space=\"0\" w:color=\"000000\"/></w:tblBorders>" mar \
	"</w:tblPr><w:tblGrid><w:gridCol w:w=\"3000\"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w=\"3000\" " \
	"w:type=\"dxa\"/>" tcmar "</w:tcPr><w:p><w:r><w:t>" text "</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/>"
#define ZERO "<w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar>"
#define OWN "<w:tcMar><w:left w:w=\"39\" w:type=\"dxa\"/></w:tcMar>"
	const char *dir = write_doc(TBL(ZERO, OWN, "Own") TBL("", "", "Kept") TBL("", OWN, "Wide"));
#undef TBL
#undef ZERO
#undef OWN
	put_part(dir, "word/settings.xml", "<w:settings " W_NS "><w:compat><w:compatSetting w:name=\"compatibilityMode\" "
		 "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"12\"/></w:compat></w:settings>");
	char *d = dump_path(dir), *x = xs_of(d, "Own");
	ck_assert_str_eq(x, "73.5");
	free(x);
	x = xs_of(d, "Kept");
	ck_assert_str_eq(x, "72.0");
	free(x);
	x = xs_of(d, "Wide");
	ck_assert_str_eq(x, "68.5");
	free(x);
	free(d);
}
END_TEST

START_TEST(layout__row_exception_bottom_border_below_least_height)
{
	/* tblPrEx's bottom border (double, 0.75 pt lines: 2.25 pt) goes on
	 * the cells of its row that set no bottom of their own, and
	 * LibreOffice 7.4 puts it below the row's least height; its insideH
	 * (none) is the border above the row (poi-form-footnotes' form; the
	 * same rows in soffice: "R3" 27.7 pt below "R2"). Row 1 sets its own
	 * bottom: its least height holds it. */
#define EXC "<w:tblPrEx><w:tblBorders><w:bottom w:val=\"double\" w:sz=\"6\" w:space=\"0\" w:color=\"auto\"/>" \
	"<w:insideH w:val=\"none\" w:sz=\"0\" w:space=\"0\" w:color=\"auto\"/></w:tblBorders></w:tblPrEx>"
#define CELL(b, t) "<w:tc><w:tcPr><w:tcW w:w=\"3000\" w:type=\"dxa\"/><w:tcBorders>" b "</w:tcBorders></w:tcPr>" \
	"<w:p><w:r><w:t>" t "</w:t></w:r></w:p></w:tc>"
#define SINGLE "w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"auto\"/>"
	const char *dir = write_doc("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblLayout w:type=\"fixed\"/>"
				    "</w:tblPr><w:tblGrid><w:gridCol w:w=\"3000\"/></w:tblGrid>"
				    "<w:tr>" EXC "<w:trPr><w:trHeight w:val=\"378\"/></w:trPr>" CELL("<w:bottom " SINGLE, "R1")
				    "</w:tr><w:tr>" EXC "<w:trPr><w:trHeight w:val=\"525\"/></w:trPr>"
				    CELL("<w:top " SINGLE, "R2") "</w:tr><w:tr>" EXC CELL("", "R3") "</w:tr></w:tbl><w:p/>");
#undef EXC
#undef CELL
#undef SINGLE
	static const char *const want[] = { "cell r0c0 x=66.6 y=72.0 w=150.0 h=18.9\n", "line y=91.7 x=72.0 w=11.7 h=11.5 \"R2\"",
			       "cell r1c0 x=66.6 y=90.9 w=150.0 h=28.5\n", "line y=119.4 x=72.0 w=11.7 h=11.5 \"R3\"" };
	expect_in_dump(dir, want, sizeof want / sizeof want[0]);
}
END_TEST

START_TEST(layout__bidi_paragraph_starts_on_the_right)
{
	/* LibreOffice 7.4, as Word: a right-to-left paragraph (w:bidi) puts
	 * "left" (its start) on the right and "right" on the left, whatever
	 * its text; a left-to-right one puts Arabic text on the left (Pango
	 * alone aligns by the text's own direction); w:ind w:left indents a
	 * right-to-left paragraph's right side, its hanging first line there
	 * (soffice on the same paragraphs: "short text" right, left, the
	 * Arabic left; the hanging line's right edge 34 pt from the margin,
	 * the next 62.3; poi-stress011's footnotes, poi-stress010's headings). */
#define P(ppr, t) "<w:p><w:pPr>" ppr "</w:pPr><w:r><w:t>" t "</w:t></w:r></w:p>"
	const char *dir = write_doc(P("<w:bidi/><w:jc w:val=\"left\"/>", "short text")
				    P("<w:bidi/><w:jc w:val=\"right\"/>", "short text")
				    P("<w:jc w:val=\"left\"/>", "\u0642\u0635\u064a\u0631 \u062c\u062f\u0627")
				    P("<w:bidi/><w:ind w:left=\"1247\" w:right=\"400\" w:hanging=\"567\"/>",
				      "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
				      "sixteen seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three"));
#undef P
	static const char *const want[] = { "line y=72.0 x=502.5 w=37.5 h=11.5 \"short text\"",
					    "line y=83.5 x=72.0 w=37.5 h=11.5 \"short text\"", "line y=95.0 x=72.0 w=",
					    "line y=106.6 x=132.0 w=374.0 h=11.5 \"one two",
					    "line y=118.1 x=187.2 w=290.4 h=11.5 \"seventeen" };
	expect_in_dump(dir, want, sizeof want / sizeof want[0]);
}
END_TEST

START_TEST(layout__bidi_paragraph_led_by_a_mark_starts_on_the_right)
{
	/* A directional mark is a strong character to Pango: a right-to-left
	 * paragraph whose text begins with a left-to-right mark (U+200E)
	 * before its Arabic was laid out left to right and drawn on the left;
	 * LibreOffice 7.4 puts it on the right, as any right-to-left
	 * paragraph (poi-stress011's "لجنة حقوق الطفل" under its title table;
	 * and a left-to-right paragraph whose Latin text follows a
	 * right-to-left mark on the left, where vndoc drew it on the right
	 * (soffice on the same paragraphs: the Arabic's right edge 540.1,
	 * "short text" from 72.1). */
#define P(ppr, t) "<w:p><w:pPr>" ppr "</w:pPr><w:r><w:t>" t "</w:t></w:r></w:p>"
	const char *dir = write_doc(P("<w:bidi/><w:jc w:val=\"left\"/>", "\u200e\u0642\u0635\u064a\u0631 \u062c\u062f\u0627\u200f")
				    P("<w:jc w:val=\"left\"/>", "\u200fshort text"));
#undef P
	static const char *const want[] = { "line y=72.0 x=500.6 w=39.4 h=11.6", "line y=83.6 x=72.0 w=37.5 h=11.5" };
	expect_in_dump(dir, want, sizeof want / sizeof want[0]);
}
END_TEST

START_TEST(layout__letter_spacing_keeps_lam_alef)
{
	/* Letter spacing leaves a lam-alef ligature one glyph, spaced as one
	 * (LibreOffice 7.4; Pango alone takes it apart in a letter-spaced
	 * run, 0.6 pt wider in DejaVu Sans at 10 pt): "والأنشطة", seven glyphs,
	 * spaced by 1 pt is 6 pt wider; "سلام سلام" (seven, Pango keeping this one) too.  soffice: the
	 * same words followed by " ء" need 8 pt more at 1 pt; poi-stress011 p34,
	 * "والأنشطة" spaced by -0.1 pt in a line that fits. */
#define P(rpr, t) "<w:p><w:pPr><w:jc w:val=\"left\"/></w:pPr><w:r><w:rPr>" rpr "</w:rPr><w:t>" t "</w:t></w:r></w:p>"
#define WORD "\u0648\u0627\u0644\u0623\u0646\u0634\u0637\u0629"
#define SALAM "\u0633\u0644\u0627\u0645 \u0633\u0644\u0627\u0645"
	const char *dir = write_doc(P("", WORD) P("<w:spacing w:val=\"20\"/>", WORD) P("", SALAM)
				    P("<w:spacing w:val=\"20\"/>", SALAM));
#undef P
#undef WORD
#undef SALAM
	static const char *const want[] = { "x=72.0 w=38.6 h=11.6 \"\u0648", "x=72.0 w=44.6 h=11.6 \"\u0648",
					    "x=72.0 w=44.3 h=11.6 \"\u0633", "x=72.0 w=50.3 h=11.6 \"\u0633" };
	expect_in_dump(dir, want, sizeof want / sizeof want[0]);
}
END_TEST

START_TEST(layout__weak_characters_first_in_a_paragraph_take_its_direction)
{
	/* Digits and punctuation before a paragraph's first letter are complex
	 * script in a right-to-left paragraph (its size w:szCs, here 20 pt),
	 * Latin in a left-to-right one, whatever letter follows them
	 * (LibreOffice 7.4, soffice on the same paragraphs with a Traditional
	 * Arabic complex font: "12" 25.4 pt wide, 10.0, 10.0 before Arabic in a
	 * left-to-right paragraph, 25.4 before Latin in a right-to-left one;
	 * poi-stress010's "56 -", "123 -" and its contents' page numbers).
	 * Here the complex font is the Latin one: "12" at 20 pt is 20.0 wide. */
#define P(bidi, t) "<w:p><w:pPr>" bidi "<w:jc w:val=\"left\"/></w:pPr><w:r><w:rPr><w:szCs w:val=\"40\"/></w:rPr>" \
	"<w:t xml:space=\"preserve\">" t "</w:t></w:r></w:p>"
	const char *dir = write_doc(P("<w:bidi/>", "12") P("", "12") P("", "12 \u0642\u0635\u064a\u0631")
				    P("<w:bidi/>", "12 short"));
#undef P
	static const char *const want[] = { "w=20.0 h=23.0 \"12\"", "w=10.0 h=11.5 \"12\"", "w=56.5 h=23.3 \"12 \u0642",
					    "w=45.0 h=23.0 \"12 short\"" };
	expect_in_dump(dir, want, sizeof want / sizeof want[0]);
}
END_TEST

START_TEST(layout__bidi_visual_table_columns_right_to_left)
{
	/* A table with w:bidiVisual lays its grid columns out from the
	 * right: its first cell is the rightmost (LibreOffice 7.4, as Word;
	 * poi-stress010's contents: the page numbers in the left column, its
	 * title page's "الأمم المتحدة" on the right). */
#define CELL(w, t) "<w:tc><w:tcPr><w:tcW w:w=\"" w "\" w:type=\"dxa\"/></w:tcPr><w:p><w:r><w:t>" t \
	"</w:t></w:r></w:p></w:tc>"
	const char *dir = write_doc("<w:tbl><w:tblPr><w:bidiVisual/><w:tblW w:w=\"5000\" w:type=\"dxa\"/>"
				    "<w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"1000\"/>"
				    "<w:gridCol w:w=\"4000\"/></w:tblGrid><w:tr>" CELL("1000", "first") CELL("4000", "second")
				    "</w:tr></w:tbl><w:p/>");
#undef CELL
	static const char *const want[] = { "cell r0c0 x=266.6 y=72.0 w=50.0 h=11.5\n", "cell r0c1 x=66.6 y=72.0 w=200.0 h=11.5\n" };
	expect_in_dump(dir, want, sizeof want / sizeof want[0]);
}
END_TEST

START_TEST(layout__row_under_bottom_border_makes_room_for_it)
{
	/* The border between two rows takes its room in the lower row: the
	 * wider of the row's top and the bottom of the row above.  Row 1 sets
	 * a bottom border (0.75 pt), row 2 a nil top: in LibreOffice 7.4
	 * (soffice, the same document) R2's line is 12.3 pt below R1's, R3's
	 * 11.5 below R2's; before, R2's was 11.5 below R1's.  Found on
	 * poi-bug65649's cost estimates (rows under a bottom border). */
#define CELL(b, t) "<w:tc><w:tcPr><w:tcW w:w=\"3000\" w:type=\"dxa\"/><w:tcBorders>" b "</w:tcBorders></w:tcPr>" \
	"<w:p><w:r><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\"/><w:sz w:val=\"20\"/>" \
	"</w:rPr><w:t>" t "</w:t></w:r></w:p></w:tc>"
	const char *dir = write_doc("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblLayout w:type=\"fixed\"/>"
				    "</w:tblPr><w:tblGrid><w:gridCol w:w=\"3000\"/></w:tblGrid>"
				    "<w:tr>" CELL("<w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"auto\"/>", "R1")
				    "</w:tr><w:tr>" CELL("<w:top w:val=\"nil\"/>", "R2") "</w:tr><w:tr>" CELL("", "R3")
				    "</w:tr></w:tbl><w:p/>");
#undef CELL
	static const char *const want[] = { "cell r1c0 x=66.6 y=83.5 w=150.0 h=12.2\n", "line y=84.2 x=72.0 w=11.7 h=11.5 \"R2\"",
			       "cell r2c0 x=66.6 y=95.7 w=150.0 h=11.5\n", "line y=95.7 x=72.0 w=11.7 h=11.5 \"R3\"" };
	expect_in_dump(dir, want, sizeof want / sizeof want[0]);
}
END_TEST

START_TEST(layout__style_without_id_found_by_name)
{
	/* A style with no w:styleId (poi-60329's EmptyCellLayoutStyle, 1 pt)
	 * is the one a paragraph names by its w:name, as in LibreOffice 7.4:
	 * the 9 pt row holds its empty 1 pt paragraph; it was 11.5 pt. */
	const char *dir = write_doc("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid>"
				    "<w:gridCol w:w=\"3000\"/></w:tblGrid><w:tr><w:trPr><w:trHeight w:val=\"180\"/>"
				    "</w:trPr><w:tc><w:tcPr><w:tcW w:w=\"3000\" w:type=\"dxa\"/></w:tcPr><w:p><w:pPr>"
				    "<w:pStyle w:val=\"Tiny\"/></w:pPr></w:p></w:tc></w:tr></w:tbl>"
				    "<w:p><w:r><w:t>After</w:t></w:r></w:p>");
	put_part(dir, "word/styles.xml",
		 "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
		 "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
		 "<w:style><w:name w:val=\"Tiny\"/><w:basedOn w:val=\"Normal\"/><w:rPr><w:sz w:val=\"2\"/></w:rPr>"
		 "</w:style></w:styles>");
	static const char *const want[] = { "cell r0c0 x=66.6 y=72.0 w=150.0 h=9.0\n",
					    "line y=81.0 x=72.0 w=21.1 h=11.5 \"After\"" };
	expect_in_dump(dir, want, sizeof want / sizeof want[0]);
}
END_TEST

START_TEST(layout__table_widths_as_libreoffice)
{
	/* Each cell's text x; LibreOffice 7.4's PDF has the same words 0.1 pt
	 * further right in pdftotext's boxes (90.8 246.7 402.6 for T1; 93.6
	 * 193.6 293.6 for T6).  A left table stands half its left border
	 * right of tblInd (it was 0.2-0.4 pt left of LibreOffice's). */
	static const char *const want[][2] = {
		/* tblW 100%: the grid (3 x 2000) scaled to 9355 twips, the
		 * columns' edges cut to the twip (quantize_columns): 3118 and
		 * 6236 twips from the first, as in LibreOffice's PDF, were
		 * 3118.3 and 6236.7 */
		{ "T1", "90.7 246.6 402.5" },
		{ "T2", "90.7 190.7 290.7" }, /* tblW 6000 dxa, fixed: the grid (3 x 2500) scaled (1999, 4000) */
		{ "T3", "90.7 190.7 290.7" }, /* the same, autofit */
		{ "T4", "119.1 219.0 319.0" }, /* tblInd 567 */
		{ "T5", "207.4 285.3 363.3" }, /* 50%, centred */
		{ "T6", "93.5 190.7 290.7" }, /* a 6 pt left border pushes its cell's text */
	};
	static const char *const want14[][2] = {
		/* compatibilityMode 14: left tables stand out by the table's
		 * cell margin, not by it and half the border (LibreOffice's
		 * PDF: 85.1 241.0 396.9, 85.1 185.1 285.1, 113.4 213.4 313.4;
		 * they were 84.8 240.7 396.6, 84.8 184.8 284.8, 113.2 ...) */
		{ "T1", "85.0 241.0 396.8" }, { "T2", "85.0 185.0 285.0" }, { "T3", "85.0 185.0 285.0" },
		{ "T4", "113.4 213.3 313.4" }, { "T5", "207.4 285.3 363.3" }, { "T6", "85.0 185.0 285.0" },
	};
	char *d = dump_path(test_fixture("render/widths"));
	char *d14 = dump_path(test_fixture("render/widths14"));
	for (size_t i = 0; i < 6; i++) {
		char *x = xs_of(d, want[i][0]), *x14 = xs_of(d14, want14[i][0]);
		ck_assert_msg(!strcmp(x, want[i][1]), "%s: %s", want[i][0], x);
		ck_assert_msg(!strcmp(x14, want14[i][1]), "%s (14): %s", want14[i][0], x14);
		free(x);
		free(x14);
	}
	ck_assert_ptr_nonnull(strstr(d, "  cell r0c0 x=85.3 y=56.7 w=155.9 h=17.1\n"));
	ck_assert_ptr_nonnull(strstr(d, "  cell r0c0 x=202.0 y=189.5 w=78.0 h=17.1\n"));
	free(d);
	free(d14);
}
END_TEST

START_TEST(layout__sections_odd_even_and_restarts)
{
	char *d = dump_path(test_fixture("render/sections"));
	/* Section 2 begins on an odd page: a blank page 2 comes first (no
	 * header; LibreOffice counts it too: "Trang 3/4").  Section 3 restarts
	 * at 10, an even number, so no blank page; with evenAndOddHeaders the
	 * even page takes the even header, and no footer (none defined).
	 * Section 4 is continuous. */
	ck_assert_str_eq(d,
		"page 1 595.3x841.9\n"
		"  line y=56.7 x=85.0 w=110.4 h=16.1 \"Phần một, trang 1/4\"\n"
		"  line y=72.8 x=85.0 w=0.0 h=16.1 \"\"\n"
		"  header y=28.4 x=315.7 w=6.5 h=14.9 \"1\"\n"
		"  footer y=798.6 x=293.5 w=50.9 h=14.9 \"Trang 1/4\"\n"
		"page 2 595.3x841.9 blank\n"
		"page 3 595.3x841.9\n"
		"  line y=56.7 x=85.0 w=196.0 h=16.1 \"Phần hai bắt đầu ở trang lẻ, trang 3\"\n"
		"  line y=72.8 x=85.0 w=0.0 h=16.1 \"\"\n"
		"  header y=28.4 x=315.7 w=6.5 h=14.9 \"3\"\n"
		"  footer y=798.6 x=293.5 w=50.9 h=14.9 \"Trang 3/4\"\n"
		"page 4 595.3x841.9 number=10\n"
		"  line y=56.7 x=85.0 w=221.0 h=16.1 \"Phần ba đánh số lại từ 10, trang 10của4\"\n"
		"  line y=72.8 x=85.0 w=0.0 h=16.1 \"\"\n"
		"  line y=88.9 x=85.0 w=114.3 h=16.1 \"Phần bốn liền mạch.\"\n"
		"  header y=28.4 x=85.0 w=80.9 h=16.1 \"Trang chẵn 10\"\n");
	free(d);
}
END_TEST

START_TEST(layout__page_number_formats)
{
	/* Section 1 numbers its pages in lower Roman, section 2 restarts at 1
	 * in decimal, section 3 (no format: decimal again) goes on.  PAGE
	 * prints in its section's format, in the body and in the footer;
	 * NUMPAGES stays decimal, as in Word.  LibreOffice 7.4 prints the
	 * same PAGE values on the same 6 pages, but NUMPAGES in the section's
	 * format, counting a blank page it does not export ("Trang i/vii"). */
	static const char ftr[] =
		"<?xml version=\"1.0\"?><w:ftr " W_NS "><w:p><w:r><w:t xml:space=\"preserve\">Trang </w:t></w:r>"
		"<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t>/</w:t></w:r>"
		"<w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:ftr>";
	static const char rels[] =
		"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		"<Relationship Id=\"rId5\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" "
		"Target=\"footer1.xml\"/></Relationships>";
	static const char *const pgnum[] = { "<w:pgNumType w:fmt=\"lowerRoman\"/>",
					     "<w:pgNumType w:fmt=\"decimal\" w:start=\"1\"/>", "" };
	static const int pages[] = { 3, 2, 1 };
	static const char *const want[] = {
		"\"Phần 1, trang i\"\n", "\"Trang i/6\"\n", "\"Phần 1, trang ii\"\n", "\"Trang ii/6\"\n",
		"\"Phần 1, trang iii\"\n", "\"Trang iii/6\"\n", "\"Phần 2, trang 1\"\n", "\"Trang 1/6\"\n",
		"\"Phần 2, trang 2\"\n", "\"Trang 2/6\"\n", "\"Phần 3, trang 3\"\n", "\"Trang 3/6\"\n",
	};
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 20);
	const char *dir;
	char path[4300], *d;
	vndoc_error e;

	for (int sec = 0; sec < 3; sec++) {
		for (int p = 0; p < pages[sec]; p++)
			vndoc_buf_printf(&body, "<w:p>%s<w:r><w:t xml:space=\"preserve\">Phần %d, trang </w:t></w:r>"
					 "<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p>",
					 p ? "<w:pPr><w:pageBreakBefore/></w:pPr>" : "", sec + 1);
		vndoc_buf_printf(&body, "%s<w:sectPr xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
				 "<w:footerReference w:type=\"default\" r:id=\"rId5\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
				 "<w:pgMar w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\" w:header=\"567\" "
				 "w:footer=\"567\"/>%s</w:sectPr>%s",
				 sec < 2 ? "<w:p><w:pPr>" : "", pgnum[sec], sec < 2 ? "</w:pPr></w:p>" : "");
	}
	dir = write_doc(body.ptr);
	snprintf(path, sizeof path, "%s/word/_rels", dir);
	ck_assert_int_eq(vndoc_fs_mkdirs(path, &e), 0);
	snprintf(path, sizeof path, "%s/word/_rels/document.xml.rels", dir);
	ck_assert_int_eq(vndoc_fs_write_file(path, rels, sizeof rels - 1, &e), 0);
	snprintf(path, sizeof path, "%s/word/footer1.xml", dir);
	ck_assert_int_eq(vndoc_fs_write_file(path, ftr, sizeof ftr - 1, &e), 0);
	d = dump_path(dir);
	ck_assert_int_eq(count(d, "page "), 6);
	ck_assert_ptr_nonnull(strstr(d, "page 4 595.3x841.9 number=1\n"));
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		ck_assert_msg(strstr(d, want[i]) != NULL, "no %s in\n%s", want[i], d);
	free(d);
	/* Streamed (fields found by extra passes): the same pages and bytes. */
	check_stream_same(dir);
	vndoc_buf_dispose(&body);
}
END_TEST

START_TEST(layout__page_fields_in_the_body)
{
	/* PAGE is the page the paragraph lands on, NUMPAGES the count: the
	 * second pass knows both. */
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 20);
	const char *dir;
	char *d;
	vndoc_buf_puts(&body, "<w:p><w:r><w:t xml:space=\"preserve\">Trang </w:t></w:r>"
			      "<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>9</w:t></w:r></w:fldSimple>"
			      "<w:r><w:t>/</w:t></w:r><w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t>9</w:t></w:r></w:fldSimple></w:p>");
	for (int i = 0; i < 80; i++)
		vndoc_buf_puts(&body, "<w:p><w:r><w:t>Dòng.</w:t></w:r></w:p>");
	vndoc_buf_puts(&body, "<w:p><w:r><w:t xml:space=\"preserve\">Cuối: trang </w:t><w:fldChar w:fldCharType=\"begin\"/></w:r>"
			      "<w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
			      "<w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>" A4);
	dir = write_doc(body.ptr);
	d = dump_path(dir);
	ck_assert_ptr_nonnull(strstr(d, "\"Trang 1/2\"\n"));
	ck_assert_ptr_nonnull(strstr(d, "\"Cuối: trang 2\"\n"));
	free(d);
	vndoc_buf_dispose(&body);
}
END_TEST

START_TEST(layout__character_properties)
{
	char *d = dump_path(test_fixture("render/chars"));
	vndoc_error e;
	vndoc_layout *l;
	char path[4200];
	const char *tmp;
	/* Widths as LibreOffice's (line ends within 0.3 pt, condensed 0.8):
	 * spacing 2 pt after each of 27 characters, -0.5 pt; capitals with
	 * their Vietnamese marks; small caps at 80%. */
	ck_assert_str_eq(d,
		"page 1 595.3x841.9\n"
		"  line y=56.7 x=85.0 w=159.6 h=16.1 \"[Tiếng Việt có dấu: ệ ở ừ đ.]\"\n"
		"  line y=72.8 x=85.0 w=159.6 h=16.1 \"[Tiếng Việt có dấu: ệ ở ừ đ.]\"\n"
		"  line y=88.9 x=85.0 w=213.6 h=16.1 \"[Tiếng Việt có dấu: ệ ở ừ đ.]\"\n"
		"  line y=105.0 x=85.0 w=146.1 h=16.1 \"[Tiếng Việt có dấu: ệ ở ừ đ.]\"\n"
		"  line y=121.1 x=85.0 w=204.5 h=16.1 \"[TIẾNG VIỆT CÓ DẤU: Ệ Ở Ừ Đ.]\"\n"
		"  line y=137.2 x=85.0 w=175.6 h=16.1 \"[TIẾNG VIỆT CÓ DẤU: Ệ Ở Ừ Đ.]\"\n"
		"  line y=153.3 x=85.0 w=159.6 h=16.1 \"[Tiếng Việt có dấu: ệ ở ừ đ.]\"\n"
		"  line y=169.4 x=85.0 w=159.6 h=16.1 \"[Tiếng Việt có dấu: ệ ở ừ đ.]\"\n"
		"  rule x=89.7 y=179.9 w=150.3 h=1.1\n" /* dstrike: two lines */
		"  line y=185.5 x=85.0 w=159.6 h=16.1 \"[Tiếng Việt có dấu: ệ ở ừ đ.]\"\n"
		"  line y=201.6 x=85.0 w=159.6 h=16.1 \"[Tiếng Việt có dấu: ệ ở ừ đ.]\"\n"
		"  rule x=89.7 y=215.9 w=150.3 h=0.6\n" /* dotted underline */
		"  line y=217.7 x=85.0 w=159.6 h=16.1 \"[Tiếng Việt có dấu: ệ ở ừ đ.]\"\n");
	free(d);
	/* The highlight and the shading are painted behind the text. */
	l = layout_path(test_fixture("render/chars"), &e);
	ck_assert_ptr_nonnull(l);
	tmp = test_tmpdir();
	ck_assert_int_eq(vndoc_render_png(l, tmp, 72, &e), 0);
	snprintf(path, sizeof path, "%s/page-001.png", tmp);
	ck_assert_uint_eq(png_pixel(path, 200, 58), 0xffff00);
	ck_assert_uint_eq(png_pixel(path, 200, 74), 0xd9d9d9);
	ck_assert_uint_eq(png_pixel(path, 200, 90), 0xffffff);
	vndoc_layout_free(l);
}
END_TEST

/* A worker of the thread test: its own fonts, two layouts. */
static gpointer layout_worker(gpointer data)
{
	const vndoc_docx *doc = data;
	vndoc_layout_options opts = VNDOC_LAYOUT_OPTIONS_INIT;
	vndoc_error e;
	vndoc_layout *l = NULL;
	char *d = NULL, *pdf = NULL;
	size_t len;

	vndoc_error_clear(&e);
	if (vndoc_layout_fonts_new(&opts.fonts, NULL, &e) < 0)
		return NULL;
	for (int i = 0; i < 2; i++) {
		vndoc_layout_free(l);
		free(d);
		l = NULL;
		d = NULL;
		if (vndoc_layout_run(&l, doc, &opts, &e) < 0)
			break;
		d = dump_layout(l);
		if (vndoc_render_pdf_memory(&pdf, &len, l, NULL, &e) == 0)
			free(pdf);
	}
	vndoc_layout_free(l);
	vndoc_layout_fonts_free(opts.fonts);
	return d;
}

START_TEST(layout__fonts_per_thread)
{
	vndoc_package *pkg = NULL;
	vndoc_docx *doc = NULL;
	vndoc_error e;
	GThread *t[3];
	char *want = dump_path(test_fixture("render/pages"));

	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_package_open(&pkg, test_fixture("render/pages"), &e), 0);
	ck_assert_int_eq(vndoc_docx_load(&doc, pkg, &e), 0);
	/* The document is only read: threads may share it. */
	for (int i = 0; i < 3; i++)
		t[i] = g_thread_new("layout", layout_worker, doc);
	for (int i = 0; i < 3; i++) {
		char *d = g_thread_join(t[i]);
		ck_assert_ptr_nonnull(d);
		ck_assert_str_eq(d, want);
		free(d);
	}
	free(want);
	vndoc_docx_free(doc);
	vndoc_package_free(pkg);
}
END_TEST

START_TEST(layout__picture_in_a_header)
{
	/* The header's rId1 is its own (the logo), not the document's. */
	char *d = dump_path(test_fixture("render/hdrimage"));
	ck_assert_str_eq(d,
		"page 1 595.3x841.9\n"
		"  line y=56.7 x=85.0 w=56.0 h=16.1 \"Nội dung.\"\n"
		"  header y=28.4 x=85.0 w=125.1 h=21.6 \"\xef\xbf\xbc SỞ VĂN HÓA\"\n"
		"  image x=85.0 y=28.9 w=36.0 h=18.0 \"word/media/logo.png\"\n");
	free(d);
}
END_TEST

START_TEST(layout__floating_pictures)
{
	vndoc_error e;
	vndoc_layout *l = layout_path(test_fixture("render/floats"), &e);
	char *d;
	ck_assert_ptr_nonnull(l);
	d = dump_layout(l);
	/* LibreOffice puts both pictures at the same places (pdftohtml -xml).
	 * The stamp is behind the text: first on the page. */
	ck_assert_str_eq(d,
		"page 1 595.3x841.9\n"
		"  image x=285.1 y=82.8 w=100.0 h=100.0 \"word/media/image1.png\"\n"
		"  line y=56.7 x=85.0 w=57.5 h=16.1 \"Đoạn đầu.\"\n"
		"  line y=72.8 x=85.0 w=113.1 h=16.1 \"Ký tên và đóng dấu.\"\n"
		"  line y=88.9 x=85.0 w=52.9 h=16.1 \"Sau logo.\"\n"
		"  image x=261.6 y=749.2 w=72.0 h=36.0 \"word/media/image1.png\"\n");
	/* The square-wrapped one is below the text: the text would wrap
	 * around it, on one side only. */
	ck_assert_uint_eq(vndoc_layout_warning_count(l), 1);
	ck_assert_str_eq(vndoc_layout_warning(l, 0),
			 "text goes on one side only of a centred floating picture (wp:wrapSquare bothSides)");
	free(d);
	vndoc_layout_free(l);
}
END_TEST

START_TEST(layout__huge_picture_is_not_decoded)
{
	/* A PNG header claiming 40000 x 40000 pixels (6.4 GB decoded). */
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x9c\x40\0\0\x9c\x40\x08\x02\0\0\0";
	static const char rels[] =
		"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		"<Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" "
		"Target=\"media/big.png\"/></Relationships>";
	const char *dir = write_doc(
		"<w:p><w:r><w:drawing><wp:inline xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\">"
		"<wp:extent cx=\"914400\" cy=\"914400\"/><a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
		"<a:graphicData><pic:pic xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:blipFill>"
		"<a:blip xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" r:embed=\"rId9\"/>"
		"</pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
		"<w:r><w:t>Chữ vẫn in.</w:t></w:r></w:p>" A4);
	char path[4300];
	vndoc_error e;
	vndoc_layout *l;
	char *d;

	snprintf(path, sizeof path, "%s/word/_rels", dir);
	ck_assert_int_eq(vndoc_fs_mkdirs(path, &e), 0);
	snprintf(path, sizeof path, "%s/word/_rels/document.xml.rels", dir);
	ck_assert_int_eq(vndoc_fs_write_file(path, rels, sizeof rels - 1, &e), 0);
	snprintf(path, sizeof path, "%s/word/media", dir);
	ck_assert_int_eq(vndoc_fs_mkdirs(path, &e), 0);
	snprintf(path, sizeof path, "%s/word/media/big.png", dir);
	ck_assert_int_eq(vndoc_fs_write_file(path, png, sizeof png - 1, &e), 0);
	l = layout_path(dir, &e);
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(vndoc_layout_warning_count(l), 1);
	ck_assert_str_eq(vndoc_layout_warning(l, 0),
			 "picture word/media/big.png too large (40000 x 40000 pixels), drawn as an empty frame");
	d = dump_layout(l);
	ck_assert_ptr_nonnull(strstr(d, " w=72.0 h=72.0 \"word/media/big.png\"\n"));
	ck_assert_ptr_nonnull(strstr(d, "\xef\xbf\xbc" "Chữ vẫn in.\"\n"));
	free(d);
	vndoc_layout_free(l);
}
END_TEST

START_TEST(layout__field_format_switches)
{
	/* `\* FORMAT` switches of PAGE and NUMPAGES, in simple and complex
	 * fields, beat the section's format (here upper letters): ROMAN,
	 * alphabetic, Arabic (with MERGEFORMAT, which says nothing of the
	 * number) and a quoted "ArabicDash" in the footer.  A field without a
	 * switch keeps the section's format. */
	static const char page_roman[] =
		"<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE "
		"</w:instrText></w:r><w:r><w:instrText>\\* ROMAN </w:instrText></w:r><w:r><w:fldChar "
		"w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 20);
	const char *dir;
	char *d;

	for (int p = 0; p < 3; p++)
		vndoc_buf_printf(&body, "<w:p>%s<w:r><w:t xml:space=\"preserve\">Trang </w:t></w:r>%s"
				 "<w:r><w:t xml:space=\"preserve\"> / </w:t></w:r><w:fldSimple w:instr=\" NUMPAGES \\* "
				 "alphabetic \"><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space=\"preserve\"> ; "
				 "</w:t></w:r><w:fldSimple w:instr=\" PAGE  \\* Arabic  \\* MERGEFORMAT \"><w:r><w:t>1</w:t>"
				 "</w:r></w:fldSimple><w:r><w:t xml:space=\"preserve\"> ; </w:t></w:r><w:fldSimple "
				 "w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p>",
				 p ? "<w:pPr><w:pageBreakBefore/></w:pPr>" : "", page_roman);
	vndoc_buf_puts(&body, "<w:p><w:pPr><w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" "
			      "w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\" w:header=\"567\" w:footer=\"567\"/>"
			      "<w:pgNumType w:fmt=\"upperLetter\"/></w:sectPr></w:pPr></w:p>");
	dir = write_doc_footer(body.ptr, "<w:fldSimple w:instr=\"PAGE \\* &quot;ArabicDash&quot;\"><w:r><w:t>1</w:t>"
					 "</w:r></w:fldSimple>");
	d = dump_path(dir);
	ck_assert_msg(strstr(d, "\"Trang I / d ; 1 ; A\"\n") && strstr(d, "\"Trang II / d ; 2 ; B\"\n") &&
			      strstr(d, "\"Trang III / d ; 3 ; C\"\n"),
		      "%s", d);
	/* Four pages: the last section (decimal, no format) is page 4, the
	 * one with the footer. */
	ck_assert_msg(strstr(d, "\"- 4 -\"\n") != NULL, "%s", d);
	free(d);
	check_stream_same(dir);
	vndoc_buf_dispose(&body);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("layout");
	TCase *tc = tcase_create("layout");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, layout__justified_line_breaks);
	tcase_add_test(tc, layout__page_break_when_text_overflows);
	tcase_add_test(tc, layout__numbered_headings_and_bullets);
	tcase_add_test(tc, layout__list_label_right_and_centre);
	tcase_add_test(tc, layout__numbering_starts_the_levels_above);
	tcase_add_test(tc, layout__list_labels_and_word_line);
	tcase_add_test(tc, layout__long_word_stays_on_the_label_line);
	tcase_add_test(tc, layout__header_row_repeats_on_each_page);
	tcase_add_test(tc, layout__landscape_section_after_portrait);
	tcase_add_test(tc, layout__page_fields_in_header_and_footer);
	tcase_add_test(tc, layout__shared_fonts_give_the_same_layout);
	tcase_add_test(tc, layout__missing_font_configuration);
	tcase_add_test(tc, layout__fonts_per_thread);
	tcase_add_test(tc, layout__inline_pictures_at_their_extent);
	tcase_add_test(tc, layout__picture_in_a_header);
	tcase_add_test(tc, layout__floating_pictures);
	tcase_add_test(tc, layout__huge_picture_is_not_decoded);
	tcase_add_test(tc, layout__tab_stops_and_leaders);
	tcase_add_test(tc, layout__table_widths_as_libreoffice);
	tcase_add_test(tc, layout__table_column_edges_cut_to_the_twip);
	tcase_add_test(tc, layout__empty_paragraph_after_nested_table_takes_no_room);
	tcase_add_test(tc, layout__nested_cell_shading_under_its_text);
	tcase_add_test(tc, layout__floating_table_anchored_to_text_stands_tblpY_lower);
	tcase_add_test(tc, layout__cell_hidden_paragraph_and_spacing_after_nested_table);
	tcase_add_test(tc, layout__split_nested_row_keeps_its_bottom_margin);
	tcase_add_test(tc, layout__split_nested_row_keeps_its_margins_on_each_page);
	tcase_add_test(tc, layout__old_table_edge_by_the_table_margin);
	tcase_add_test(tc, layout__row_exception_bottom_border_below_least_height);
	tcase_add_test(tc, layout__bidi_paragraph_starts_on_the_right);
	tcase_add_test(tc, layout__bidi_paragraph_led_by_a_mark_starts_on_the_right);
	tcase_add_test(tc, layout__letter_spacing_keeps_lam_alef);
	tcase_add_test(tc, layout__weak_characters_first_in_a_paragraph_take_its_direction);
	tcase_add_test(tc, layout__bidi_visual_table_columns_right_to_left);
	tcase_add_test(tc, layout__row_under_bottom_border_makes_room_for_it);
	tcase_add_test(tc, layout__style_without_id_found_by_name);
	tcase_add_test(tc, layout__sections_odd_even_and_restarts);
	tcase_add_test(tc, layout__page_fields_in_the_body);
	tcase_add_test(tc, layout__page_number_formats);
	tcase_add_test(tc, layout__field_format_switches);
	tcase_add_test(tc, layout__character_properties);
	tcase_add_test(tc, layout__symbol_font_private_use_mapped);
	tcase_add_test(tc, layout__list_items_drop_autospacing_between_them);
	tcase_add_test(tc, layout__hidden_empty_list_item_leaves_out_its_bullet);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
