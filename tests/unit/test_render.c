/*
 * tests/unit/test_render.c: the docx model, layout and renderers.
 *
 * Line and page breaks are asserted on the text dump.  The expected breaks
 * of the fixtures under tests/fixtures/render/ were checked against
 * LibreOffice 7 (soffice --convert-to pdf, pdftotext -bbox-layout): every
 * line has the same text on the same page.
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

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define A4 "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"850\" " \
	   "w:bottom=\"1134\" w:left=\"1701\" w:header=\"567\" w:footer=\"567\"/></w:sectPr>"

/* Loads and lays out the package at `path`; on failure fills `e` and
 * returns NULL. */
static vndoc_layout *layout_path(const char *path, vndoc_error *e)
{
	vndoc_package *pkg = NULL;
	vndoc_docx *doc = NULL;
	vndoc_layout *l = NULL;

	vndoc_error_clear(e);
	if (vndoc_package_open(&pkg, path, e) == 0 && vndoc_docx_load(&doc, pkg, e) == 0)
		vndoc_layout_run(&l, doc, NULL, e);
	vndoc_docx_free(doc);
	vndoc_package_free(pkg);
	return l;
}

static char *dump_layout(const vndoc_layout *l)
{
	vndoc_buf out = VNDOC_BUF_INIT((size_t)1 << 28);
	ck_assert_int_eq(vndoc_render_dump(l, &out), 0);
	return vndoc_buf_detach(&out, NULL);
}

static char *dump_path(const char *path)
{
	vndoc_error e;
	char msg[1024], *d;
	vndoc_layout *l = layout_path(path, &e);
	if (!l)
		ck_abort_msg("%s", vndoc_error_format(&e, msg, sizeof msg));
	d = dump_layout(l);
	vndoc_layout_free(l);
	return d;
}

/* Writes an unpacked package holding word/document.xml with `body` in a
 * fresh temporary folder; returns the folder (static buffer). */
static const char *write_doc(const char *body)
{
	static char dir[4096];
	char path[4200];
	vndoc_buf doc = VNDOC_BUF_INIT((size_t)1 << 24);
	vndoc_error e;

	snprintf(dir, sizeof dir, "%s", test_tmpdir());
	snprintf(path, sizeof path, "%s/word", dir);
	ck_assert_int_eq(vndoc_fs_mkdirs(path, &e), 0);
	vndoc_buf_printf(&doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<w:document %s><w:body>%s</w:body></w:document>",
			 W_NS, body);
	snprintf(path, sizeof path, "%s/word/document.xml", dir);
	ck_assert_int_eq(vndoc_fs_write_file(path, doc.ptr, doc.len, &e), 0);
	vndoc_buf_dispose(&doc);
	return dir;
}

/* Writes `text` as part `name` of the folder package `dir`. */
static void put_part(const char *dir, const char *name, const char *text)
{
	char path[4200], *slash;
	vndoc_error e;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	slash = strrchr(path, '/');
	*slash = '\0';
	ck_assert_int_eq(vndoc_fs_mkdirs(path, &e), 0);
	*slash = '/';
	ck_assert_int_eq(vndoc_fs_write_file(path, text, strlen(text), &e), 0);
}

/* The dump lines of page `n` (1-based), malloc'd. */
static char *page_of(const char *dump, int n)
{
	char head[32];
	const char *start, *end;
	snprintf(head, sizeof head, "page %d ", n);
	start = strstr(dump, head);
	ck_assert_ptr_nonnull(start);
	snprintf(head, sizeof head, "page %d ", n + 1);
	end = strstr(start, head);
	if (!end)
		end = start + strlen(start);
	return strndup(start, (size_t)(end - start));
}

static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* ---------------------------------------------------------------- layout */

START_TEST(render_layout__justified_line_breaks)
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

START_TEST(render_layout__page_break_when_text_overflows)
{
	char *d = dump_path(test_fixture("render/pages"));
	char *p1 = page_of(d, 1), *p2 = page_of(d, 2);
	ck_assert_int_eq(count(d, "\npage "), 3); /* 4 pages */
	/* Page 1 ends in the middle of a paragraph; page 2 begins at the top
	 * margin with its next line (no spacing before). */
	ck_assert_ptr_nonnull(strstr(p1, "  line y=766.6 x=85.0 w=467.8 h=16.1 \"ngày càng giàu đẹp, văn minh. Các hoạt động được tổ chức thiết thực, hiệu quả, \"\n"));
	ck_assert_ptr_nonnull(strstr(p2, "page 2 595.3x841.9\n  line y=56.7 x=85.0 w=467.8 h=16.1 \"tiết kiệm, an toàn,"));
	free(p1);
	free(p2);
	free(d);
}
END_TEST

START_TEST(render_layout__numbered_headings_and_bullets)
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

START_TEST(render_layout__header_row_repeats_on_each_page)
{
	char *d = dump_path(test_fixture("render/tables"));
	for (int n = 2; n <= 5; n++) {
		char *p = page_of(d, n);
		const char *first_cell = strstr(p, "  cell ");
		ck_assert_ptr_nonnull(first_cell);
		ck_assert_msg(!strncmp(first_cell, "  cell r0c0 x=56.7 y=56.7 w=40.0 h=15.4\n  line y=57.2 x=69.5 w=14.5 h=14.9 \"Stt\"", 80),
			      "page %d starts with %.80s", n, first_cell);
		free(p);
	}
	/* Page 2 holds rows 1-15; row 16 opens page 3 under the header
	 * (as in LibreOffice: rows are 30.4 pt, two 13 pt lines and a border). */
	ck_assert_ptr_nonnull(strstr(d, "  cell r15c0 x=56.7 y=497.7 w=40.0 h=30.4\n"));
	{
		char *p3 = page_of(d, 3);
		ck_assert_ptr_nonnull(strstr(p3, "  cell r16c0 x=56.7 y=72.1 w=40.0 h=30.4\n"));
		free(p3);
	}
	free(d);
}
END_TEST

START_TEST(render_layout__landscape_section_after_portrait)
{
	char *d = dump_path(test_fixture("render/tables"));
	ck_assert_ptr_nonnull(strstr(d, "page 1 595.3x841.9\n"));
	ck_assert_ptr_nonnull(strstr(d, "page 2 841.9x595.3\n"));
	ck_assert_ptr_nonnull(strstr(d, "page 6 841.9x595.3\n"));
	free(d);
}
END_TEST

START_TEST(render_layout__page_fields_in_header_and_footer)
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

START_TEST(render_layout__explicit_page_breaks)
{
	const char *dir = write_doc(
		"<w:p><w:r><w:t>one</w:t></w:r><w:r><w:br w:type=\"page\"/></w:r><w:r><w:t>two</w:t></w:r></w:p>"
		"<w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>three</w:t></w:r></w:p>" A4);
	char *d = dump_path(dir);
	ck_assert_str_eq(d, "page 1 595.3x841.9\n"
			    "  line y=56.7 x=85.0 w=14.4 h=11.5 \"one\"\n"
			    "page 2 595.3x841.9\n"
			    "  line y=56.7 x=85.0 w=15.0 h=11.5 \"two\"\n"
			    "page 3 595.3x841.9\n"
			    "  line y=56.7 x=85.0 w=20.0 h=11.5 \"three\"\n");
	free(d);
}
END_TEST

/* `n` one-line paragraphs of 10 pt (11.5 pt lines); 63 fill an A4 body. */
static void fillers(vndoc_buf *b, int n)
{
	for (int i = 0; i < n; i++)
		vndoc_buf_printf(b, "<w:p><w:r><w:t>line %d</w:t></w:r></w:p>", i + 1);
}

START_TEST(render_layout__keep_with_next_moves_heading)
{
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 20);
	char *d, *p2;
	fillers(&body, 62);
	vndoc_buf_puts(&body, "<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:t>Heading</w:t></w:r></w:p>"
			      "<w:p><w:r><w:t>Text</w:t></w:r></w:p>" A4);
	d = dump_path(write_doc(body.ptr));
	p2 = page_of(d, 2);
	ck_assert_ptr_nonnull(strstr(p2, "page 2 595.3x841.9\n  line y=56.7 x=85.0 w=33.9 h=11.5 \"Heading\"\n"));
	free(p2);
	free(d);
	vndoc_buf_dispose(&body);
}
END_TEST

START_TEST(render_layout__widow_control_moves_paragraph)
{
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 20);
	const char *three = "<w:r><w:t>one</w:t><w:br/><w:t>two</w:t><w:br/><w:t>three</w:t></w:r></w:p>";
	char *d, *p2;

	/* Two lines fit at the bottom of page 1: with widow control the last
	 * would be alone on page 2, so the whole paragraph moves. */
	fillers(&body, 61);
	vndoc_buf_printf(&body, "<w:p><w:pPr><w:widowControl/></w:pPr>%s" A4, three);
	d = dump_path(write_doc(body.ptr));
	p2 = page_of(d, 2);
	ck_assert_ptr_nonnull(strstr(p2, "page 2 595.3x841.9\n  line y=56.7 x=85.0 w=14.4 h=11.5 \"one\"\n"));
	free(p2);
	free(d);
	/* Without it, two lines stay on page 1. */
	vndoc_buf_clear(&body);
	fillers(&body, 61);
	vndoc_buf_printf(&body, "<w:p><w:pPr><w:widowControl w:val=\"0\"/></w:pPr>%s" A4, three);
	d = dump_path(write_doc(body.ptr));
	p2 = page_of(d, 2);
	ck_assert_ptr_nonnull(strstr(p2, "page 2 595.3x841.9\n  line y=56.7 x=85.0 w=20.0 h=11.5 \"three\"\n"));
	free(p2);
	free(d);
	vndoc_buf_dispose(&body);
}
END_TEST

START_TEST(render_layout__space_before_at_page_top)
{
	/* LibreOffice drops "space before" on a page begun by overflow and
	 * keeps it after an explicit break (checked with soffice). */
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 20);
	char *d;
	fillers(&body, 63);
	vndoc_buf_puts(&body, "<w:p><w:pPr><w:spacing w:before=\"480\"/></w:pPr><w:r><w:t>natural</w:t></w:r></w:p>"
			      "<w:p><w:pPr><w:pageBreakBefore/><w:spacing w:before=\"480\"/></w:pPr><w:r><w:t>explicit</w:t></w:r></w:p>" A4);
	d = dump_path(write_doc(body.ptr));
	ck_assert_ptr_nonnull(strstr(d, "page 2 595.3x841.9\n  line y=56.7 x=85.0 w=27.8 h=11.5 \"natural\"\n"));
	ck_assert_ptr_nonnull(strstr(d, "page 3 595.3x841.9\n  line y=80.7 x=85.0 w=30.0 h=11.5 \"explicit\"\n"));
	free(d);
	vndoc_buf_dispose(&body);
}
END_TEST

START_TEST(render_layout__line_spacing_rules)
{
	const char *dir = write_doc(
		"<w:p><w:pPr><w:spacing w:line=\"360\" w:lineRule=\"auto\"/></w:pPr><w:r><w:t>a</w:t></w:r></w:p>"
		"<w:p><w:pPr><w:spacing w:line=\"400\" w:lineRule=\"exact\"/></w:pPr><w:r><w:t>b</w:t></w:r></w:p>"
		"<w:p><w:pPr><w:spacing w:line=\"100\" w:lineRule=\"atLeast\"/></w:pPr><w:r><w:t>c</w:t></w:r></w:p>" A4);
	char *d = dump_path(dir);
	ck_assert_str_eq(d, "page 1 595.3x841.9\n"
			    "  line y=56.7 x=85.0 w=4.4 h=17.2 \"a\"\n"
			    "  line y=73.9 x=85.0 w=5.0 h=20.0 \"b\"\n"
			    "  line y=93.9 x=85.0 w=4.4 h=11.5 \"c\"\n");
	free(d);
}
END_TEST

START_TEST(render_layout__paragraph_border_takes_room)
{
	/* The short line under a title: a top border 0.75 pt thick, 1 pt from
	 * the text; LibreOffice moves the text down by both. */
	const char *dir = write_doc(
		"<w:p><w:pPr><w:pBdr><w:top w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>"
		"<w:ind w:left=\"3543\" w:right=\"3543\"/></w:pPr><w:r><w:t>x</w:t></w:r></w:p>"
		"<w:p><w:r><w:t>y</w:t></w:r></w:p>" A4);
	char *d = dump_path(dir);
	ck_assert_str_eq(d, "page 1 595.3x841.9\n"
			    "  rule x=262.2 y=57.1 w=113.5 h=0.8\n"
			    "  line y=58.5 x=262.2 w=5.0 h=11.5 \"x\"\n"
			    "  line y=69.9 x=85.0 w=5.0 h=11.5 \"y\"\n");
	free(d);
}
END_TEST

START_TEST(render_layout__missing_glyph_is_an_error)
{
	const char *dir = write_doc("<w:p><w:r><w:t>Tây Tạng: \xe0\xbd\x80</w:t></w:r></w:p>" A4);
	vndoc_error e;
	vndoc_layout *l = layout_path(dir, &e);
	ck_assert_ptr_null(l);
	ck_assert_int_eq(e.code, VNDOC_EFONT);
	ck_assert_str_eq(e.message,
			 "no glyph for U+0F40 \"\xe0\xbd\x80\" in font \"Times New Roman\" (drawn with Liberation Serif)");
}
END_TEST

START_TEST(render_layout__symbol_font_private_use_mapped)
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

START_TEST(render_layout__merged_cell_spreads_over_its_rows)
{
	/* A cell merged down over three one-line rows, its two lines centred:
	 * the rows keep their height, the cell is one box over them, its text
	 * in the middle (LibreOffice). */
	const char *cell = "<w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>";
	char body[4096];
	char *d;
	snprintf(body, sizeof body,
		 "<w:tbl><w:tblGrid><w:gridCol w:w=\"1000\"/><w:gridCol w:w=\"3000\"/></w:tblGrid>"
		 "<w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/><w:vAlign w:val=\"center\"/></w:tcPr>"
		 "<w:p><w:r><w:t>A</w:t></w:r><w:r><w:br/><w:t>B</w:t></w:r></w:p></w:tc>%s</w:tr>"
		 "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>%s</w:tr>"
		 "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>%s</w:tr></w:tbl>" A4,
		 cell, cell, cell);
	d = dump_path(write_doc(body));
	/* Three rows of 11.5 pt (10 pt text, no vertical margins): one box
	 * of 34.5 pt. */
	ck_assert_ptr_nonnull(strstr(d, "cell r0c0 x=79.6 y=56.7 w=50.0 h=34.5"));
	ck_assert_int_eq(count(d, "cell r1c0"), 0);
	ck_assert_ptr_nonnull(strstr(d, "cell r1c1 x=129.6 y=68.2 w=150.0 h=11.5"));
	/* (34.5 - 23.0) / 2 below the top */
	ck_assert_ptr_nonnull(strstr(d, "line y=62.4 x=85.0 w=7.2 h=11.5 \"A\""));
	free(d);
}
END_TEST

START_TEST(render_layout__table_row_splits_at_page_end)
{
	/* A two-line row that meets the page's end is split there, its first
	 * line on this page (LibreOffice), not moved whole. */
	vndoc_buf b = VNDOC_BUF_INIT((size_t)1 << 20);
	char *d, *p1;
	fillers(&b, 62); /* 713 of 728.5 pt: room for one line of 11.5 */
	vndoc_buf_puts(&b, "<w:tbl><w:tblGrid><w:gridCol w:w=\"3000\"/></w:tblGrid><w:tr><w:tc><w:p>"
			   "<w:r><w:t>Dòng một</w:t></w:r><w:r><w:br/><w:t>Dòng hai</w:t></w:r></w:p></w:tc></w:tr></w:tbl>" A4);
	d = dump_path(write_doc(b.ptr));
	p1 = page_of(d, 1);
	ck_assert_ptr_nonnull(strstr(p1, "\"Dòng một\""));
	ck_assert_ptr_null(strstr(p1, "\"Dòng hai\""));
	ck_assert_ptr_nonnull(strstr(d, "\"Dòng hai\""));
	free(p1);
	free(d);
	vndoc_buf_dispose(&b);
}
END_TEST

START_TEST(render_layout__shared_fonts_give_the_same_layout)
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

START_TEST(render_layout__missing_font_configuration)
{
	vndoc_layout_fonts *fonts = NULL;
	vndoc_error e;
	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_layout_fonts_new(&fonts, "/nonexistent/fonts.conf", &e), VNDOC_EFONT);
	ck_assert_ptr_null(fonts);
	ck_assert_str_eq(e.message, "cannot load the font configuration");
}
END_TEST

START_TEST(render_layout__inline_pictures_at_their_extent)
{
	vndoc_error e;
	char msg[1024], *d;
	vndoc_layout *l = layout_path(test_fixture("render/images"), &e);
	if (!l)
		ck_abort_msg("%s", vndoc_error_format(&e, msg, sizeof msg));
	d = dump_layout(l);
	/* 914400 x 457200 EMU = 72 x 36 pt, standing on the baseline; the
	 * picture raises its line.  U+FFFC stands for it in the text. */
	ck_assert_str_eq(d,
		"page 1 595.3x841.9\n"
		"  line y=56.7 x=85.0 w=171.5 h=39.6 \"Logo: \xef\xbf\xbc cuối dòng.\"\n"
		"  image x=122.0 y=57.3 w=72.0 h=36.0 \"word/media/image1.png\"\n"
		"  line y=96.3 x=85.0 w=144.0 h=75.6 \"\xef\xbf\xbc\"\n"
		"  image x=85.0 y=96.9 w=144.0 h=72.0 \"word/media/image2.jpeg\"\n"
		"  line y=171.9 x=85.0 w=36.2 h=16.1 \"EMF: \"\n"
		"  line y=188.0 x=85.0 w=49.0 h=16.1 \"Sau hộp.\"\n"
		"  line y=204.1 x=85.0 w=64.0 h=16.1 \"Sau đường.\"\n"
		"  line y=220.2 x=85.0 w=69.6 h=16.1 \"Sau biểu đồ.\"\n");
	/* What is not drawn is named once, and the rest renders. */
	ck_assert_uint_eq(vndoc_layout_warning_count(l), 4);
	ck_assert_str_eq(vndoc_layout_warning(l, 0),
			 "picture word/media/image3.emf (emf) not drawn: only PNG and JPEG are");
	ck_assert_str_eq(vndoc_layout_warning(l, 1), "text box (wps:wsp) not drawn");
	ck_assert_str_eq(vndoc_layout_warning(l, 2), "VML drawing (w:pict) not drawn");
	ck_assert_str_eq(vndoc_layout_warning(l, 3), "chart (c:chart) not drawn");
	ck_assert_ptr_null(vndoc_layout_warning(l, 4));
	free(d);
	vndoc_layout_free(l);
}
END_TEST

START_TEST(render_pdf__jpeg_embedded_as_is_png_decoded)
{
	vndoc_error e;
	char pdf[4200], cmd[8600], *out = NULL;
	vndoc_layout *l = layout_path(test_fixture("render/images"), &e);

	ck_assert_ptr_nonnull(l);
	snprintf(pdf, sizeof pdf, "%s/img.pdf", test_tmpdir());
	ck_assert_int_eq(vndoc_render_pdf(l, pdf, NULL, &e), 0);
	/* Columns: page num type width height color comp bpc enc ... size;
	 * the JPEG keeps its 677 bytes. */
	snprintf(cmd, sizeof cmd, "pdfimages -list '%s' | awk 'NR > 2 { print $4, $5, $9 ($9 == \"jpeg\" ? \" \" $15 : \"\") }'",
		 pdf);
	ck_assert_int_eq(test_run(cmd, &out, NULL), 0);
	ck_assert_str_eq(out, "40 20 image\n24 12 jpeg 677B\n");
	free(out);
	/* The PNG page draws too (the JPEG decoded). */
	ck_assert_int_eq(vndoc_render_png(l, test_tmpdir(), 36, &e), 0);
	vndoc_layout_free(l);
}
END_TEST

START_TEST(render_layout__tab_stops_and_leaders)
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

START_TEST(render_layout__table_widths_as_libreoffice)
{
	/* Each cell's text x; LibreOffice 7 puts the same words 0.2-0.4 pt
	 * further right in pdftotext's boxes, everywhere on the page. */
	static const char *const want[][2] = {
		{ "T1", "90.5 246.4 402.3" }, /* tblW 100%: the grid (3 x 2000) scaled to 467.8 pt */
		{ "T2", "90.5 190.5 290.4" }, /* tblW 6000 dxa, fixed: the grid (3 x 2500) scaled */
		{ "T3", "90.5 190.5 290.4" }, /* the same, autofit */
		{ "T4", "118.8 218.8 318.8" }, /* tblInd 567 */
		{ "T5", "207.4 285.3 363.3" }, /* 50%, centred */
		{ "T6", "93.2 190.5 290.4" }, /* a 6 pt left border pushes its cell's text */
	};
	static const char *const want14[][2] = {
		/* compatibilityMode 14: left tables stand out by the cell margin */
		{ "T1", "84.8 240.7 396.6" }, { "T2", "84.8 184.8 284.8" }, { "T3", "84.8 184.8 284.8" },
		{ "T4", "113.2 213.2 313.1" }, { "T5", "207.4 285.3 363.3" }, { "T6", "84.8 184.8 284.8" },
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
	ck_assert_ptr_nonnull(strstr(d, "  cell r0c0 x=85.0 y=56.7 w=155.9 h=17.1\n"));
	ck_assert_ptr_nonnull(strstr(d, "  cell r0c0 x=202.0 y=189.5 w=78.0 h=17.1\n"));
	free(d);
	free(d14);
}
END_TEST

START_TEST(render_layout__sections_odd_even_and_restarts)
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

static void check_stream_same(const char *path);

START_TEST(render_layout__page_number_formats)
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

START_TEST(render_docx__number_formats)
{
	static const struct {
		const char *fmt;
		int n;
		const char *want;
	} cases[] = {
		{ "decimal", 7, "7" },          { "lowerRoman", 14, "xiv" },   { "upperRoman", 1994, "MCMXCIV" },
		{ "upperRoman", 0, "0" },       { "upperLetter", 26, "Z" },    { "upperLetter", 27, "AA" },
		{ "lowerLetter", 53, "aaa" },   { "numberInDash", 7, "- 7 -" }, { "decimalZero", 3, "03" },
		{ "none", 3, "" },              { "ordinal", 3, "3" },         { "lowerLetter", 0, "0" },
	};
	char out[32], tiny[4];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		vndoc_docx_format_number(out, sizeof out, cases[i].fmt, cases[i].n);
		ck_assert_msg(!strcmp(out, cases[i].want), "%s %d: \"%s\"", cases[i].fmt, cases[i].n, out);
	}
	/* Cut to the buffer, always terminated. */
	vndoc_docx_format_number(tiny, sizeof tiny, "upperRoman", 3888);
	ck_assert_str_eq(tiny, "M");
	vndoc_docx_format_number(tiny, sizeof tiny, "lowerLetter", 26 * 5);
	ck_assert_str_eq(tiny, "zzz");
}
END_TEST

START_TEST(render_layout__page_fields_in_the_body)
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

/* The RGB of pixel (x, y) of a PNG file, 0xRRGGBB. */
static uint32_t png_pixel(const char *path, int x, int y)
{
	cairo_surface_t *s = cairo_image_surface_create_from_png(path);
	uint32_t px;
	ck_assert_int_eq(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	cairo_surface_flush(s);
	px = ((const uint32_t *)(const void *)(cairo_image_surface_get_data(s) +
					       y * cairo_image_surface_get_stride(s)))[x];
	cairo_surface_destroy(s);
	return px & 0xffffff;
}

START_TEST(render_layout__character_properties)
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
		"  rule x=89.7 y=215.8 w=150.3 h=0.6\n" /* dotted underline */
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

START_TEST(render_layout__fonts_per_thread)
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

START_TEST(render_layout__picture_in_a_header)
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

START_TEST(render_layout__floating_pictures)
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

START_TEST(render_layout__huge_picture_is_not_decoded)
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
			 "picture word/media/big.png too large (40000 x 40000 pixels), not drawn");
	d = dump_layout(l);
	ck_assert_ptr_null(strstr(d, "image"));
	ck_assert_ptr_nonnull(strstr(d, "\"Chữ vẫn in.\""));
	free(d);
	vndoc_layout_free(l);
}
END_TEST

/* ---------------------------------------------------------------- pdf */

/* Every vowel with every tone mark, in NFC, one paragraph per line. */
static const char *const vietnamese[] = {
	"a à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ",
	"A À Á Ả Ã Ạ Ă Ằ Ắ Ẳ Ẵ Ặ Â Ầ Ấ Ẩ Ẫ Ậ",
	"e è é ẻ ẽ ẹ ê ề ế ể ễ ệ E È É Ẻ Ẽ Ẹ Ê Ề Ế Ể Ễ Ệ",
	"i ì í ỉ ĩ ị I Ì Í Ỉ Ĩ Ị y ỳ ý ỷ ỹ ỵ Y Ỳ Ý Ỷ Ỹ Ỵ",
	"o ò ó ỏ õ ọ ô ồ ố ổ ỗ ộ ơ ờ ớ ở ỡ ợ",
	"O Ò Ó Ỏ Õ Ọ Ô Ồ Ố Ổ Ỗ Ộ Ơ Ờ Ớ Ở Ỡ Ợ",
	"u ù ú ủ ũ ụ ư ừ ứ ử ữ ự U Ù Ú Ủ Ũ Ụ Ư Ừ Ứ Ử Ữ Ự",
	"đ Đ Cộng hòa xã hội chủ nghĩa Việt Nam",
};

START_TEST(render_pdf__vietnamese_text_extracts_unchanged)
{
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 20), want = VNDOC_BUF_INIT((size_t)1 << 20);
	const char *dir, *tmp;
	char pdf[4200], cmd[8600], *out = NULL, msg[1024];
	vndoc_layout *l;
	vndoc_error e;

	for (size_t i = 0; i < sizeof vietnamese / sizeof vietnamese[0]; i++) {
		vndoc_buf_printf(&body, "<w:p><w:r><w:rPr><w:sz w:val=\"26\"/></w:rPr><w:t>%s</w:t></w:r></w:p>",
				 vietnamese[i]);
		vndoc_buf_printf(&want, "%s\n", vietnamese[i]);
	}
	vndoc_buf_puts(&body, A4);
	dir = write_doc(body.ptr);
	l = layout_path(dir, &e);
	if (!l)
		ck_abort_msg("%s", vndoc_error_format(&e, msg, sizeof msg));
	tmp = test_tmpdir();
	snprintf(pdf, sizeof pdf, "%s/vi.pdf", tmp);
	ck_assert_int_eq(vndoc_render_pdf(l, pdf, NULL, &e), 0);
	snprintf(cmd, sizeof cmd, "pdftotext -raw -enc UTF-8 -nopgbrk '%s' -", pdf);
	ck_assert_int_eq(test_run(cmd, &out, NULL), 0);
	ck_assert_str_eq(out, want.ptr);
	free(out);
	vndoc_layout_free(l);
	vndoc_buf_dispose(&body);
	vndoc_buf_dispose(&want);
}
END_TEST

static void *memmem_(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; i + k <= n; i++)
		if (!memcmp(hay + i, needle, k))
			return (void *)(hay + i);
	return NULL;
}

START_TEST(render_pdf__is_deterministic)
{
	vndoc_render_pdf_options opts = VNDOC_RENDER_PDF_OPTIONS_INIT;
	char *a = NULL, *b = NULL;
	size_t na, nb;
	vndoc_error e;
	vndoc_layout *l = layout_path(test_fixture("render/tables"), &e);

	ck_assert_ptr_nonnull(l);
	opts.date = 1720137600; /* 2024-07-05 */
	ck_assert_int_eq(vndoc_render_pdf_memory(&a, &na, l, &opts, &e), 0);
	ck_assert_int_eq(vndoc_render_pdf_memory(&b, &nb, l, &opts, &e), 0);
	ck_assert_uint_eq(na, nb);
	ck_assert_mem_eq(a, b, na);
	ck_assert_ptr_nonnull(memmem_(a, na, "/Creator (vndoc)"));
	ck_assert_ptr_nonnull(memmem_(a, na, "20240705000000Z)"));
	free(a);
	free(b);
	vndoc_layout_free(l);
}
END_TEST

/* Collects a streamed PDF; fails after `fail_after` bytes when not 0. */
typedef struct stream_out {
	vndoc_buf buf;
	size_t fail_after;
} stream_out;

static int stream_write(const unsigned char *data, size_t len, void *userdata)
{
	stream_out *o = userdata;
	if (o->fail_after && o->buf.len + len > o->fail_after)
		return VNDOC_EIO;
	return vndoc_buf_put(&o->buf, data, len);
}

/* The PDF of `path` laid out whole and streamed page by page: the same
 * bytes, the same number of pages. */
static void check_stream_same(const char *path)
{
	vndoc_package *pkg = NULL;
	vndoc_docx *doc = NULL;
	vndoc_layout *l = NULL;
	vndoc_error e;
	stream_out o = { VNDOC_BUF_INIT((size_t)1 << 28), 0 };
	char *pdf, msg[1024];
	size_t len, pages = 0;

	vndoc_error_clear(&e);
	if (vndoc_package_open(&pkg, path, &e) < 0 || vndoc_docx_load(&doc, pkg, &e) < 0 ||
	    vndoc_layout_run(&l, doc, NULL, &e) < 0)
		ck_abort_msg("%s: %s", path, vndoc_error_format(&e, msg, sizeof msg));
	ck_assert_int_eq(vndoc_render_pdf_memory(&pdf, &len, l, NULL, &e), 0);
	if (vndoc_render_pdf_stream(doc, NULL, NULL, stream_write, &o, &pages, &e) < 0)
		ck_abort_msg("%s: %s", path, vndoc_error_format(&e, msg, sizeof msg));
	ck_assert_uint_eq(pages, vndoc_layout_page_count(l));
	ck_assert_uint_eq(o.buf.len, len);
	ck_assert_msg(memcmp(o.buf.ptr, pdf, len) == 0, "%s: streamed PDF differs", path);
	free(pdf);
	vndoc_buf_dispose(&o.buf);
	vndoc_layout_free(l);
	vndoc_docx_free(doc);
	vndoc_package_free(pkg);
}

START_TEST(render_pdf__streamed_same_bytes)
{
	static const char *const fixtures[] = { "render/basic", "render/chars", "render/floats",
						"render/hdrimage", "render/images", "render/pages",
						"render/sections", "render/tables", "render/tabs",
						"render/widths", "render/widths14" };
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 24);

	for (size_t i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++)
		check_stream_same(test_fixture(fixtures[i]));
	/* A long table (header row repeated, rows measured as they come,
	 * merged cells) with PAGE and NUMPAGES in the body (three passes). */
	vndoc_buf_puts(&body, "<w:p><w:r><w:t>Trang </w:t></w:r>"
			      "<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>9</w:t></w:r></w:fldSimple>"
			      "<w:r><w:t>/</w:t></w:r><w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t>9</w:t></w:r></w:fldSimple></w:p>"
			      "<w:tbl><w:tblGrid><w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"5000\"/></w:tblGrid>"
			      "<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:r><w:t>STT</w:t></w:r></w:p></w:tc>"
			      "<w:tc><w:p><w:r><w:t>Tên đơn vị</w:t></w:r></w:p></w:tc></w:tr>");
	for (int r = 0; r < 400; r++)
		vndoc_buf_printf(&body, "<w:tr><w:tc><w:tcPr>%s</w:tcPr><w:p><w:r><w:t>%d</w:t></w:r></w:p></w:tc>"
				 "<w:tc><w:p><w:r><w:t>Đơn vị số %d, một dòng chữ khá dài để xuống dòng trong ô "
				 "của bảng tổng hợp</w:t></w:r></w:p></w:tc></w:tr>",
				 r % 7 == 0 ? "<w:vMerge w:val=\"restart\"/>" : r % 7 < 3 ? "<w:vMerge/>" : "", r, r);
	vndoc_buf_puts(&body, "</w:tbl><w:p><w:fldSimple w:instr=\" PAGE \"><w:r><w:t>9</w:t></w:r></w:fldSimple></w:p>" A4);
	check_stream_same(write_doc(body.ptr));
	vndoc_buf_dispose(&body);
}
END_TEST

/* ---------------------------------------------------------------- streamed documents */

/* Lays out and writes `doc` as a streamed PDF into *out (malloc'd). */
static void pdf_of(const vndoc_docx *doc, const char *what, char **out, size_t *len, size_t *pages)
{
	stream_out o = { VNDOC_BUF_INIT((size_t)1 << 30), 0 };
	vndoc_error e;
	char msg[1024];

	vndoc_error_clear(&e);
	if (vndoc_render_pdf_stream(doc, NULL, NULL, stream_write, &o, pages, &e) < 0)
		ck_abort_msg("%s: %s", what, vndoc_error_format(&e, msg, sizeof msg));
	*out = vndoc_buf_detach(&o.buf, len);
}

/* The document at `path` read whole (vndoc_docx_load) and streamed
 * (vndoc_docx_open): the same PDF bytes, the same pages, the same layout
 * dump. */
static void check_open_same(const char *path)
{
	vndoc_package *pkg = NULL;
	vndoc_docx *loaded = NULL, *opened = NULL;
	vndoc_layout *l1 = NULL, *l2 = NULL;
	vndoc_error e;
	char *pdf1, *pdf2, *d1, *d2, msg[1024];
	size_t len1, len2, pages1 = 0, pages2 = 0;

	vndoc_error_clear(&e);
	if (vndoc_package_open(&pkg, path, &e) < 0 || vndoc_docx_load(&loaded, pkg, &e) < 0 ||
	    vndoc_docx_open(&opened, pkg, &e) < 0)
		ck_abort_msg("%s: %s", path, vndoc_error_format(&e, msg, sizeof msg));
	ck_assert_uint_eq(opened->body.n_blocks, loaded->body.n_blocks);
	ck_assert_uint_eq(opened->n_sections, loaded->n_sections);
	ck_assert_uint_eq(opened->n_stories, loaded->n_stories);
	ck_assert_uint_eq(opened->n_images, loaded->n_images);
	ck_assert_uint_eq(opened->n_warnings, loaded->n_warnings);
	pdf_of(loaded, path, &pdf1, &len1, &pages1);
	pdf_of(opened, path, &pdf2, &len2, &pages2);
	ck_assert_msg(pages1 == pages2, "%s: %zu pages loaded, %zu opened", path, pages1, pages2);
	ck_assert_msg(len1 == len2 && memcmp(pdf1, pdf2, len1) == 0, "%s: PDF differs", path);
	/* Laid out whole too: a streamed document goes back to its start. */
	if (vndoc_layout_run(&l1, loaded, NULL, &e) < 0 || vndoc_layout_run(&l2, opened, NULL, &e) < 0)
		ck_abort_msg("%s: %s", path, vndoc_error_format(&e, msg, sizeof msg));
	d1 = dump_layout(l1);
	d2 = dump_layout(l2);
	ck_assert_msg(strcmp(d1, d2) == 0, "%s: layout differs", path);
	ck_assert_uint_eq(vndoc_docx_rows_held_peak(loaded), 0);
	free(d1);
	free(d2);
	free(pdf1);
	free(pdf2);
	vndoc_layout_free(l1);
	vndoc_layout_free(l2);
	vndoc_docx_free(opened);
	vndoc_docx_free(loaded);
	vndoc_package_free(pkg);
}

/* `vndoc merge TEMPLATE samples/lai-chau.json` into the temporary folder. */
static const char *merge_sample(const char *tmpl, const char *scope)
{
	static char out[4200];
	char cmd[9000], *err = NULL;
	int status;
	snprintf(out, sizeof out, "%s/%s%s.docx", test_tmpdir(), tmpl, scope ? scope : "");
	snprintf(cmd, sizeof cmd, "'%s' merge '%s/templates/%s.docx' '%s/samples/lai-chau.json' -o '%s'%s%s",
		 VNDOC_EXE, VNDOC_BINARY_DIR, tmpl, VNDOC_SOURCE_DIR, out, scope ? " --scope " : "",
		 scope ? scope : "");
	status = test_run(cmd, NULL, &err);
	ck_assert_msg(status == 0, "%s: exit %d: %s", cmd, status, err);
	free(err);
	return out;
}

START_TEST(render_docx__open_same_as_load)
{
	static const char *const fidelity[] = { "01-van-xuoi", "02-danh-sach", "03-bang-dai", "04-phong-chu",
						"05-huong-giay", "06-dau-trang", "07-gian-dong", "08-giu-dong",
						"09-tab", "10-nghi-dinh-30", "11-hinh-anh", "12-cong-van",
						"13-o-gop", "15-chu-thich", "17-bang-kieu" };
	static const char *const fixtures[] = { "render/basic", "render/chars", "render/floats",
						"render/hdrimage", "render/images", "render/pages",
						"render/sections", "render/tables", "render/tabs",
						"render/widths", "render/widths14" };
	char path[512];

	for (size_t i = 0; i < sizeof fidelity / sizeof fidelity[0]; i++) {
		snprintf(path, sizeof path, "fidelity/%s.docx", fidelity[i]);
		check_open_same(test_fixture(path));
	}
	for (size_t i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++)
		check_open_same(test_fixture(fixtures[i]));
	check_open_same(merge_sample("ke-hoach", NULL));
	check_open_same(merge_sample("bieu-dang-ky", "don_vi.0"));
	check_open_same(merge_sample("tong-hop", NULL));
}
END_TEST

/* Sections with their own headers, numbered lists across them, keep with
 * next before tables, content controls holding several blocks, a table
 * without a grid, PAGE in the body: streamed as loaded. */
START_TEST(render_docx__open_same_as_load_mixed)
{
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 24);
	for (int k = 0; k < 3; k++) {
		vndoc_buf_printf(&body, "<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:t>Phần %d</w:t></w:r>"
				 "<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p>", k);
		vndoc_buf_puts(&body, "<w:sdt><w:sdtContent><w:p><w:r><w:t>một</w:t></w:r></w:p>"
				      "<w:p><w:r><w:t>hai</w:t></w:r></w:p></w:sdtContent></w:sdt><w:tbl>");
		for (int r = 0; r < 120; r++)
			vndoc_buf_printf(&body, "<w:tr>%s<w:tc><w:p><w:r><w:t>%d</w:t></w:r></w:p></w:tc>"
					 "<w:tc><w:p><w:r><w:t>dòng %d của bảng %d</w:t></w:r></w:p></w:tc></w:tr>",
					 r < 2 ? "<w:trPr><w:tblHeader/></w:trPr>" : "", r, r, k);
		vndoc_buf_puts(&body, "</w:tbl>");
		fillers(&body, 30);
		if (k < 2)
			vndoc_buf_printf(&body, "<w:p><w:pPr><w:sectPr><w:pgSz w:w=\"%d\" w:h=\"%d\"/>"
					 "<w:type w:val=\"%s\"/></w:sectPr></w:pPr></w:p>",
					 k ? 11906 : 16838, k ? 16838 : 11906, k ? "oddPage" : "continuous");
	}
	/* A header row whose merged cell reaches into the body rows, repeated
	 * on each page. */
	vndoc_buf_puts(&body, "<w:tbl><w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"6000\"/></w:tblGrid>");
	for (int r = 0; r < 150; r++)
		vndoc_buf_printf(&body, "<w:tr>%s<w:tc><w:tcPr>%s</w:tcPr><w:p><w:r><w:t>%d</w:t></w:r></w:p></w:tc>"
				 "<w:tc><w:p><w:r><w:t>hàng %d</w:t></w:r></w:p></w:tc></w:tr>",
				 r == 0 ? "<w:trPr><w:tblHeader/></w:trPr>" : "",
				 r == 0 ? "<w:vMerge w:val=\"restart\"/>" : r < 3 ? "<w:vMerge/>" : "", r, r);
	vndoc_buf_puts(&body, "</w:tbl>");
	vndoc_buf_puts(&body, A4);
	check_open_same(write_doc(body.ptr));
	vndoc_buf_dispose(&body);
}
END_TEST

/* A folder package: word/document.xml with `body` and a footer holding
 * `footer` (paragraph content), referenced by the body's last section. */
static const char *write_doc_footer(const char *body, const char *footer)
{
	vndoc_buf b = VNDOC_BUF_INIT((size_t)1 << 28);
	const char *dir;

	vndoc_buf_printf(&b, "%s<w:sectPr xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
			 "<w:footerReference w:type=\"default\" r:id=\"rIdF\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
			 "<w:pgMar w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\" w:header=\"567\" "
			 "w:footer=\"567\"/></w:sectPr>", body);
	dir = write_doc(b.ptr);
	vndoc_buf_clear(&b);
	vndoc_buf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<w:ftr %s><w:p>%s</w:p></w:ftr>", W_NS,
			 footer);
	put_part(dir, "word/footer1.xml", b.ptr);
	put_part(dir, "word/_rels/document.xml.rels",
		 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Relationships "
		 "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		 "<Relationship Id=\"rIdF\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
		 "2006/relationships/footer\" Target=\"footer1.xml\"/></Relationships>");
	vndoc_buf_dispose(&b);
	return dir;
}

START_TEST(render_layout__field_format_switches)
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

static int count_page(const vndoc_layout *l, const vndoc_page *page, void *userdata)
{
	(void)l;
	(void)page;
	(*(size_t *)userdata)++;
	return 0;
}

/* How many rows the long table has: VNDOC_TEST_LONG_ROWS (valgrind runs
 * may ask for fewer), else 20,000. */
static int long_rows(void)
{
	const char *v = getenv("VNDOC_TEST_LONG_ROWS");
	int n = v ? atoi(v) : 0;
	return n > 0 ? n : 20000;
}

/* A table of 20,000 rows, its header row repeated on each page, streamed:
 * the page count of the document read whole, the header on a late page,
 * and never more than a page's worth of rows held. */
static void check_long_table(bool numpages)
{
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 28);
	vndoc_package *pkg = NULL;
	vndoc_docx *doc = NULL;
	vndoc_layout *l = NULL;
	vndoc_error e;
	char *pdf, *text = NULL, cmd[9000], path[4300], msg[1024];
	const char *dir;
	size_t len, pages = 0, want = 0;
	int rows = long_rows();

	vndoc_buf_puts(&body, "<w:p><w:r><w:t>Tổng hợp</w:t></w:r></w:p>"
			      "<w:tbl><w:tblPr><w:tblBorders><w:insideH w:val=\"single\" w:sz=\"4\"/>"
			      "</w:tblBorders></w:tblPr><w:tblGrid><w:gridCol w:w=\"1200\"/><w:gridCol w:w=\"8000\"/>"
			      "</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>"
			      "<w:tc><w:p><w:r><w:t>STT</w:t></w:r></w:p></w:tc>"
			      "<w:tc><w:p><w:r><w:t>Tên đơn vị đăng ký</w:t></w:r></w:p></w:tc></w:tr>");
	for (int r = 1; r <= rows; r++)
		vndoc_buf_printf(&body, "<w:tr><w:tc><w:p><w:r><w:t>%d</w:t></w:r></w:p></w:tc>"
				 "<w:tc><w:p><w:r><w:t>Đơn vị số %d</w:t></w:r></w:p></w:tc></w:tr>", r, r);
	vndoc_buf_puts(&body, "</w:tbl><w:p><w:r><w:t>Hết</w:t></w:r></w:p>");
	dir = write_doc_footer(body.ptr, numpages ? "<w:r><w:t>Trang </w:t></w:r><w:fldSimple w:instr=\" PAGE \">"
						    "<w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t>/</w:t></w:r>"
						    "<w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t>1</w:t></w:r>"
						    "</w:fldSimple>"
						  : "<w:r><w:t>Chân trang</w:t></w:r>");
	vndoc_buf_dispose(&body);

	vndoc_error_clear(&e);
	/* The page count of the document read whole. */
	if (vndoc_package_open(&pkg, dir, &e) < 0 || vndoc_docx_load(&doc, pkg, &e) < 0 ||
	    vndoc_layout_stream(&l, doc, NULL, count_page, &want, &e) < 0)
		ck_abort_msg("%s", vndoc_error_format(&e, msg, sizeof msg));
	vndoc_layout_free(l);
	vndoc_docx_free(doc);
	doc = NULL;
	ck_assert_uint_gt(want, (size_t)rows / 60);

	if (vndoc_docx_open(&doc, pkg, &e) < 0)
		ck_abort_msg("%s", vndoc_error_format(&e, msg, sizeof msg));
	ck_assert_uint_eq(doc->body.n_blocks, 3);
	ck_assert_ptr_null(doc->body.blocks);
	pdf_of(doc, dir, &pdf, &len, &pages);
	ck_assert_uint_eq(pages, want);
	/* A page's rows and a few looked at ahead, whatever the length. */
	ck_assert_uint_le(vndoc_docx_rows_held_peak(doc), 200);
	ck_assert_uint_le(vndoc_docx_blocks_held_peak(doc), 4);
	/* Read by open, then once per layout pass. */
	ck_assert_uint_eq(vndoc_docx_body_reads(doc), numpages ? 3 : 2);

	snprintf(path, sizeof path, "%s/long.pdf", dir);
	ck_assert_int_eq(vndoc_fs_write_file(path, pdf, len, &e), 0);
	snprintf(cmd, sizeof cmd, "pdftotext -f %zu -l %zu '%s' -", pages - 1, pages - 1, path);
	ck_assert_int_eq(test_run(cmd, &text, NULL), 0);
	ck_assert_msg(strstr(text, "Tên đơn vị đăng ký") != NULL, "no header row on page %zu: %s", pages - 1, text);
	if (numpages) {
		/* pdftotext may drop the space after "Trang". */
		snprintf(msg, sizeof msg, "%zu/%zu", pages - 1, pages);
		ck_assert_msg(strstr(text, msg) != NULL, "no \"%s\" on page %zu: %s", msg, pages - 1, text);
	} else {
		ck_assert_ptr_nonnull(strstr(text, "Chân trang"));
	}
	free(text);
	free(pdf);
	vndoc_docx_free(doc);
	vndoc_package_free(pkg);
}

START_TEST(render_docx__open_long_table_stays_flat)
{
	check_long_table(false);
}
END_TEST

START_TEST(render_docx__open_long_table_numpages_in_footer)
{
	check_long_table(true);
}
END_TEST

/* A body that is not well-formed fails at open, as when loaded. */
START_TEST(render_docx__open_malformed_body)
{
	vndoc_package *pkg = NULL;
	vndoc_docx *doc = NULL;
	vndoc_error e1, e2;
	char m1[1024], m2[1024];
	const char *dir = write_doc("<w:p><w:r><w:t>x</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p></w:tc></w:tr></w:tbl>");

	vndoc_error_clear(&e1);
	vndoc_error_clear(&e2);
	ck_assert_int_eq(vndoc_package_open(&pkg, dir, &e1), 0);
	ck_assert_int_eq(vndoc_docx_load(&doc, pkg, &e1), VNDOC_EFORMAT);
	ck_assert_int_eq(vndoc_docx_open(&doc, pkg, &e2), VNDOC_EFORMAT);
	ck_assert_ptr_null(doc);
	ck_assert_str_eq(vndoc_error_format(&e2, m2, sizeof m2), vndoc_error_format(&e1, m1, sizeof m1));
	vndoc_package_free(pkg);
}
END_TEST

START_TEST(render_pdf__streamed_write_failure)
{
	vndoc_package *pkg = NULL;
	vndoc_docx *doc = NULL;
	vndoc_error e;
	stream_out o = { VNDOC_BUF_INIT((size_t)1 << 28), 2000 };

	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_package_open(&pkg, test_fixture("render/tables"), &e), 0);
	ck_assert_int_eq(vndoc_docx_load(&doc, pkg, &e), 0);
	ck_assert_int_eq(vndoc_render_pdf_stream(doc, NULL, NULL, stream_write, &o, NULL, &e), VNDOC_EIO);
	ck_assert_uint_le(o.buf.len, 2000);
	vndoc_buf_dispose(&o.buf);
	vndoc_docx_free(doc);
	vndoc_package_free(pkg);
}
END_TEST

/* A 32 x 16 JPEG, its left half one colour and its right half another
 * (`comps` bytes each, as `cs` says: JCS_RGB, JCS_GRAYSCALE, JCS_CMYK --
 * libjpeg writes an Adobe marker with CMYK), at quality 95; malloc'd.
 * The same arguments give the same bytes. */
static unsigned char *make_jpeg(size_t *len, J_COLOR_SPACE cs, int comps, const unsigned char *left,
				const unsigned char *right)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr jerr;
	unsigned char *buf = NULL, row[32 * 4];
	unsigned long size = 0;

	c.err = jpeg_std_error(&jerr);
	jpeg_create_compress(&c);
	jpeg_mem_dest(&c, &buf, &size);
	c.image_width = 32;
	c.image_height = 16;
	c.input_components = comps;
	c.in_color_space = cs;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 95, TRUE);
	jpeg_start_compress(&c, TRUE);
	for (int x = 0; x < 32; x++)
		memcpy(row + x * comps, x < 16 ? left : right, (size_t)comps);
	while (c.next_scanline < c.image_height) {
		JSAMPROW r = row;
		jpeg_write_scanlines(&c, &r, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	*len = size;
	return buf;
}

/* Writes a document whose paragraphs each hold one picture of 64 x 32 pt,
 * word/media/NAME[i] holding data[i], then a line of text; returns its
 * folder (write_doc's). */
static const char *write_pictures(int n, const char *const *names, unsigned char *const *data,
				  const size_t *lens)
{
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 20), rels = VNDOC_BUF_INIT((size_t)1 << 20);
	char path[4300];
	const char *dir;
	vndoc_error e;

	vndoc_buf_puts(&rels, "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
	for (int i = 0; i < n; i++) {
		vndoc_buf_printf(&rels, "<Relationship Id=\"rId%d\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" "
					"Target=\"media/%s\"/>", i + 10, names[i]);
		vndoc_buf_printf(&body,
			"<w:p><w:r><w:drawing><wp:inline xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\">"
			"<wp:extent cx=\"812800\" cy=\"406400\"/><a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
			"<a:graphicData><pic:pic xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:blipFill>"
			"<a:blip xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" r:embed=\"rId%d\"/>"
			"</pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>", i + 10);
	}
	vndoc_buf_puts(&rels, "</Relationships>");
	vndoc_buf_puts(&body, "<w:p><w:r><w:t>Chữ vẫn in.</w:t></w:r></w:p>" A4);
	dir = write_doc(body.ptr);
	snprintf(path, sizeof path, "%s/word/_rels", dir);
	ck_assert_int_eq(vndoc_fs_mkdirs(path, &e), 0);
	snprintf(path, sizeof path, "%s/word/_rels/document.xml.rels", dir);
	ck_assert_int_eq(vndoc_fs_write_file(path, rels.ptr, rels.len, &e), 0);
	snprintf(path, sizeof path, "%s/word/media", dir);
	ck_assert_int_eq(vndoc_fs_mkdirs(path, &e), 0);
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/word/media/%s", dir, names[i]);
		ck_assert_int_eq(vndoc_fs_write_file(path, data[i], lens[i], &e), 0);
	}
	vndoc_buf_dispose(&body);
	vndoc_buf_dispose(&rels);
	return dir;
}

/* The box of picture `part` in a layout dump: x, y, w, h. */
static void image_box(const char *dump, const char *part, double box[4])
{
	char want[300];
	const char *p;
	snprintf(want, sizeof want, " \"%s\"\n", part);
	p = strstr(dump, want);
	ck_assert_msg(p != NULL, "no image %s in\n%s", part, dump);
	while (p > dump && p[-1] != '\n')
		p--;
	ck_assert_int_eq(sscanf(p, "  image x=%lf y=%lf w=%lf h=%lf", &box[0], &box[1], &box[2], &box[3]), 4);
}

/* Is 0xRRGGBB within `tol` of r, g, b in every channel? */
static bool near_rgb(uint32_t px, int r, int g, int b, int tol)
{
	int pr = (int)(px >> 16 & 0xff), pg = (int)(px >> 8 & 0xff), pb = (int)(px & 0xff);
	return abs(pr - r) <= tol && abs(pg - g) <= tol && abs(pb - b) <= tol;
}

/* Lays out the document of write_pictures and draws it as PNG at 72 dpi
 * (a pixel is a point), its warnings into `warnings`.  Returns the layout
 * dump (malloc'd) and the page's file in `png`. */
static char *draw_pictures(int n, const char *const *names, unsigned char *const *data, const size_t *lens,
			   vndoc_error_list *warnings, char *png, size_t size)
{
	vndoc_render_png_options opts = VNDOC_RENDER_PNG_OPTIONS_INIT;
	vndoc_layout *l = NULL;
	vndoc_error e;
	const char *tmp;
	char *d;

	l = layout_path(write_pictures(n, names, data, lens), &e);
	ck_assert_ptr_nonnull(l);
	d = dump_layout(l);
	ck_assert_ptr_nonnull(strstr(d, "\"Chữ vẫn in.\""));
	tmp = test_tmpdir();
	opts.dpi = 72;
	opts.warnings = warnings;
	ck_assert_int_eq(vndoc_render_png_with(l, tmp, &opts, &e), 0);
	snprintf(png, size, "%s/page-001.png", tmp);
	vndoc_layout_free(l);
	return d;
}

START_TEST(render_png__jpeg_pictures_decoded)
{
	/* YCbCr (from RGB), greyscale, and Adobe CMYK stored inverted (255
	 * is no ink): C=0 M=1 Y=1 K=0 is red, C=1 M=0 Y=0 K=0.5 dark cyan. */
	static const unsigned char rgb_l[] = { 200, 30, 30 }, rgb_r[] = { 30, 60, 200 };
	static const unsigned char grey_l[] = { 64 }, grey_r[] = { 224 };
	static const unsigned char cmyk_l[] = { 255, 0, 0, 255 }, cmyk_r[] = { 0, 255, 255, 128 };
	static const char *const names[] = { "rgb.jpeg", "grey.jpg", "cmyk.jpg" };
	static const int want[3][2][3] = {
		{ { 200, 30, 30 }, { 30, 60, 200 } },
		{ { 64, 64, 64 }, { 224, 224, 224 } },
		{ { 255, 0, 0 }, { 0, 128, 128 } },
	};
	unsigned char *data[3];
	size_t lens[3];
	vndoc_error_list warnings = VNDOC_ERROR_LIST_INIT;
	char path[4200], *d;

	data[0] = make_jpeg(&lens[0], JCS_RGB, 3, rgb_l, rgb_r);
	data[1] = make_jpeg(&lens[1], JCS_GRAYSCALE, 1, grey_l, grey_r);
	data[2] = make_jpeg(&lens[2], JCS_CMYK, 4, cmyk_l, cmyk_r);
	d = draw_pictures(3, names, data, lens, &warnings, path, sizeof path);
	ck_assert_uint_eq(warnings.count, 0);
	/* Each half of a picture is 32 x 32 pt; its centre keeps the JPEG's
	 * colour within the loss of quality 95. */
	for (int i = 0; i < 3; i++) {
		char where[64];
		double box[4];
		snprintf(where, sizeof where, "word/media/%s", names[i]);
		image_box(d, where, box);
		ck_assert_double_eq_tol(box[2], 64, 0.05);
		ck_assert_double_eq_tol(box[3], 32, 0.05);
		for (int half = 0; half < 2; half++) {
			uint32_t px = png_pixel(path, (int)(box[0] + box[2] * (half ? 0.75 : 0.25)),
						(int)(box[1] + box[3] / 2));
			ck_assert_msg(near_rgb(px, want[i][half][0], want[i][half][1], want[i][half][2], 6),
				      "%s, %s half: %06x", names[i], half ? "right" : "left", (unsigned)px);
		}
	}
	free(d);
	for (int i = 0; i < 3; i++)
		free(data[i]);
	vndoc_error_list_dispose(&warnings);
}
END_TEST

START_TEST(render_png__damaged_jpeg_is_a_grey_box_and_a_warning)
{
	/* One JPEG whose frame says 12 bits a sample (libjpeg decodes 8),
	 * one cut short in its data; the rest of the page still renders. */
	static const unsigned char red[] = { 200, 30, 30 };
	static const char *const names[] = { "bad.jpg", "short.jpg" };
	unsigned char *data[2];
	size_t lens[2];
	vndoc_error_list warnings = VNDOC_ERROR_LIST_INIT;
	char path[4200], *d;
	double box[4];
	size_t i;

	data[0] = make_jpeg(&lens[0], JCS_RGB, 3, red, red);
	data[1] = make_jpeg(&lens[1], JCS_RGB, 3, red, red);
	for (i = 2; i + 9 < lens[0] && !(data[0][i] == 0xff && data[0][i + 1] == 0xc0); i++)
		;
	ck_assert_uint_lt(i + 9, lens[0]);
	data[0][i + 4] = 12; /* the precision after the marker and its length */
	for (i = 2; i + 4 < lens[1] && !(data[1][i] == 0xff && data[1][i + 1] == 0xda); i++)
		;
	ck_assert_uint_lt(i + 4, lens[1]);
	/* Two thirds of the entropy-coded data after the scan's header. */
	i += 2 + ((size_t)data[1][i + 2] << 8 | data[1][i + 3]);
	lens[1] = i + (lens[1] - i) * 2 / 3;
	d = draw_pictures(2, names, data, lens, &warnings, path, sizeof path);
	/* One warning per picture, naming it: pictures are decoded once. */
	ck_assert_uint_eq(warnings.count, 2);
	ck_assert_str_eq(warnings.items[0].message,
			 "picture word/media/bad.jpg is damaged, not drawn (Unsupported JPEG data precision 12)");
	ck_assert_str_eq(warnings.items[1].message,
			 "picture word/media/short.jpg is damaged, drawn as decoded (Premature end of JPEG file)");
	ck_assert_int_eq(warnings.items[0].code, VNDOC_EFORMAT);
	image_box(d, "word/media/bad.jpg", box);
	ck_assert_uint_eq(png_pixel(path, (int)(box[0] + box[2] / 2), (int)(box[1] + box[3] / 2)), 0xd9d9d9);
	/* The top of the short one is there. */
	image_box(d, "word/media/short.jpg", box);
	ck_assert_msg(near_rgb(png_pixel(path, (int)(box[0] + 4), (int)(box[1] + 2)), 200, 30, 30, 6), "%06x",
		      (unsigned)png_pixel(path, (int)(box[0] + 4), (int)(box[1] + 2)));
	free(d);
	for (i = 0; i < 2; i++)
		free(data[i]);
	vndoc_error_list_dispose(&warnings);
}
END_TEST

START_TEST(render_png__one_file_per_page)
{
	vndoc_error e;
	char path[4200];
	const char *tmp = test_tmpdir();
	vndoc_layout *l = layout_path(test_fixture("render/basic"), &e);
	size_t len;
	char *png;

	ck_assert_ptr_nonnull(l);
	ck_assert_int_eq(vndoc_render_png(l, tmp, 36, &e), 0);
	snprintf(path, sizeof path, "%s/page-001.png", tmp);
	png = test_read_file(path, &len);
	ck_assert_uint_gt(len, 8);
	ck_assert_mem_eq(png, "\x89PNG", 4);
	free(png);
	vndoc_layout_free(l);
}
END_TEST

START_TEST(render_pdf__outline_from_headings_and_metadata)
{
	vndoc_render_pdf_options opts = VNDOC_RENDER_PDF_OPTIONS_INIT;
	const char *dir = write_doc(
		"<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>I. Mục đích</w:t></w:r></w:p>"
		"<w:p><w:pPr><w:pStyle w:val=\"Heading2\"/></w:pPr><w:r><w:t>1. Yêu cầu</w:t></w:r></w:p>"
		"<w:p><w:r><w:t>Nội dung.</w:t></w:r></w:p>"
		"<w:p><w:pPr><w:pStyle w:val=\"Heading2\"/></w:pPr><w:r><w:t>2. Thời gian</w:t></w:r></w:p>"
		"<w:p><w:pPr><w:pageBreakBefore/><w:outlineLvl w:val=\"0\"/></w:pPr><w:r><w:t>II. Tổ chức</w:t></w:r></w:p>"
		A4);
	char pdf[4200], cmd[8600], *out = NULL;
	vndoc_error e;
	vndoc_layout *l = layout_path(dir, &e);

	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(vndoc_layout_heading_count(l), 4);
	ck_assert_int_eq(vndoc_layout_heading_at(l, 1)->level, 1);
	ck_assert_uint_eq(vndoc_layout_heading_at(l, 3)->page, 1);
	ck_assert_str_eq(vndoc_layout_heading_at(l, 3)->title, "II. Tổ chức");
	snprintf(pdf, sizeof pdf, "%s/outline.pdf", test_tmpdir());
	opts.title = "Kế hoạch";
	opts.subject = "Văn hóa";
	ck_assert_int_eq(vndoc_render_pdf(l, pdf, &opts, &e), 0);
	snprintf(cmd, sizeof cmd, "pdftohtml -xml -i -stdout -q '%s' | sed -n '/<outline>/,$p' | grep -v '^</pdf2xml>'", pdf);
	ck_assert_int_eq(test_run(cmd, &out, NULL), 0);
	ck_assert_str_eq(out, "<outline>\n"
			      "<item page=\"1\">I. Mục đích</item>\n"
			      "<outline>\n"
			      "<item page=\"1\">1. Yêu cầu</item>\n"
			      "<item page=\"1\">2. Thời gian</item>\n"
			      "</outline>\n"
			      "<item page=\"2\">II. Tổ chức</item>\n"
			      "</outline>\n");
	free(out);
	snprintf(cmd, sizeof cmd, "pdfinfo '%s' | grep -E '^(Title|Subject):'", pdf);
	ck_assert_int_eq(test_run(cmd, &out, NULL), 0);
	ck_assert_str_eq(out, "Title:           Kế hoạch\nSubject:         Văn hóa\n");
	free(out);
	vndoc_layout_free(l);
}
END_TEST

START_TEST(render_cli__prints_warnings)
{
	char cmd[8600], *out = NULL, *errout = NULL;
	snprintf(cmd, sizeof cmd, "'%s' render '%s' -o '%s/w.pdf'", VNDOC_EXE, test_fixture("render/images"),
		 test_tmpdir());
	ck_assert_int_eq(test_run(cmd, &out, &errout), 0);
	ck_assert_ptr_nonnull(strstr(errout, "vndoc: warning: "));
	ck_assert_ptr_nonnull(strstr(errout, "images: chart (c:chart) not drawn\n"));
	ck_assert_int_eq(count(errout, "vndoc: warning: "), 4);
	free(out);
	free(errout);
}
END_TEST

/* ---------------------------------------------------------------- docx */

START_TEST(render_docx__styles_resolve_through_based_on)
{
	vndoc_package *pkg = NULL;
	vndoc_docx *doc = NULL;
	vndoc_error e;
	const vndoc_docx_para *p;

	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_package_open(&pkg, test_fixture("render/pages"), &e), 0);
	ck_assert_int_eq(vndoc_docx_load(&doc, pkg, &e), 0);
	ck_assert_uint_eq(doc->n_sections, 1);
	ck_assert_int_eq(doc->sections[0].page_w, 11906);
	ck_assert(doc->sections[0].title_page);
	ck_assert_str_eq(doc->title, "Kế hoạch thử");
	/* Heading1 (keepNext, bold) based on Normal (widowControl) over the
	 * defaults (Times New Roman 14 pt). */
	p = &doc->body.blocks[2].u.para;
	ck_assert_str_eq(p->style, "Heading1");
	ck_assert(p->ppr.keep_next);
	ck_assert(p->ppr.widow_control);
	ck_assert_int_eq(p->ppr.space_before, 240);
	ck_assert_int_eq(p->ppr.ind_left, 927);
	ck_assert_int_eq(p->ppr.ind_first, -360);
	ck_assert_str_eq(p->inlines[0].text, "I.");
	ck_assert(p->inlines[0].rpr.bold);
	ck_assert_int_eq(p->inlines[1].kind, VNDOC_DOCX_INLINE_TAB);
	ck_assert_str_eq(p->inlines[2].rpr.font, "Times New Roman");
	ck_assert_int_eq(p->inlines[2].rpr.size, 28);
	vndoc_docx_free(doc);
	vndoc_package_free(pkg);
}
END_TEST

/* ---------------------------------------------------------------- floating pictures: wrapping */

#define R14 "<w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:t>"
#define WP_NS "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""
#define LONG_TEXT                                                                                   \
	"Ủy ban nhân dân tỉnh đã chỉ đạo các sở, ban, ngành và địa phương triển khai đồng bộ nhiều " \
	"giải pháp nhằm nâng cao hiệu quả công tác cải cách hành chính. Việc ứng dụng công nghệ "    \
	"thông tin trong quản lý văn bản giúp rút ngắn thời gian xử lý hồ sơ, giảm chi phí và tăng " \
	"tính minh bạch. Người dân có thể nộp hồ sơ trực tuyến, theo dõi tiến độ giải quyết và nhận " \
	"kết quả qua dịch vụ bưu chính công ích."

/* A run holding a floating picture (rId9, 144 x 72 pt) with `wrap` (an
 * element), positioned by `pos_h` and `pos_v` (wp:positionH, positionV),
 * `dist` its distT.. attributes. */
static void float_run(vndoc_buf *b, const char *wrap, const char *pos_h, const char *pos_v, const char *dist)
{
	vndoc_buf_printf(b,
		"<w:r><w:drawing><wp:anchor %s behindDoc=\"0\" %s simplePos=\"0\" relativeHeight=\"1\" locked=\"0\" "
		"layoutInCell=\"1\" allowOverlap=\"1\"><wp:simplePos x=\"0\" y=\"0\"/>%s%s"
		"<wp:extent cx=\"1828800\" cy=\"914400\"/>%s<wp:docPr id=\"1\" name=\"a\"/>"
		"<a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
		"<a:graphicData><pic:pic xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:blipFill>"
		"<a:blip xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" r:embed=\"rId9\"/>"
		"</pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>",
		WP_NS, dist, pos_h, pos_v, wrap);
}

/* write_doc with the picture rId9 (word/media/p.png). */
static const char *write_float_doc(const char *body)
{
	static const char rels[] =
		"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		"<Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" "
		"Target=\"media/p.png\"/></Relationships>";
	const char *dir = write_doc(body);
	char path[4300], *png;
	size_t len;
	vndoc_error e;

	png = test_read_file(test_fixture("render/floats/word/media/image1.png"), &len);
	snprintf(path, sizeof path, "%s/word/_rels", dir);
	ck_assert_int_eq(vndoc_fs_mkdirs(path, &e), 0);
	snprintf(path, sizeof path, "%s/word/_rels/document.xml.rels", dir);
	ck_assert_int_eq(vndoc_fs_write_file(path, rels, sizeof rels - 1, &e), 0);
	snprintf(path, sizeof path, "%s/word/media", dir);
	ck_assert_int_eq(vndoc_fs_mkdirs(path, &e), 0);
	snprintf(path, sizeof path, "%s/word/media/p.png", dir);
	ck_assert_int_eq(vndoc_fs_write_file(path, png, len, &e), 0);
	free(png);
	return dir;
}

typedef struct dump_line {
	int page;
	double y, x, w;
	char text[64];
} dump_line;

/* The body lines of a dump (at most `max`), with their page. */
static size_t dump_lines(const char *d, dump_line *out, size_t max)
{
	size_t n = 0;
	int page = 0;
	for (const char *p = d; p && *p && n < max; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		const char *q;
		if (sscanf(p, "page %d ", &page) == 1)
			continue;
		if (sscanf(p, "  line y=%lf x=%lf w=%lf", &out[n].y, &out[n].x, &out[n].w) != 3)
			continue;
		out[n].page = page;
		q = strchr(p, '"');
		snprintf(out[n].text, sizeof out[n].text, "%.*s", q ? (int)strcspn(q + 1, "\n") - 1 : 0,
			 q ? q + 1 : "");
		n++;
	}
	return n;
}

/* The texts of the body lines of a dump from the `from`-th on, joined
 * (malloc'd): the text of the paragraphs they come from. */
static char *joined_text(const char *d, size_t from)
{
	vndoc_buf out = VNDOC_BUF_INIT((size_t)1 << 20);
	size_t k = 0;
	for (const char *p = strstr(d, "  line "); p; p = strstr(p + 1, "  line ")) {
		const char *q = strchr(p, '"'), *end = q ? strstr(q, "\"\n") : NULL;
		if (!end || k++ < from)
			continue;
		vndoc_buf_put(&out, q + 1, (size_t)(end - q - 1));
	}
	return vndoc_buf_detach(&out, NULL);
}

/* Square wrap, picture at the right of the column: the lines beside it
 * (its own paragraph's, and the next one's with its first-line indent)
 * end before it and its distL, justified; the first line below is full
 * width, and the text goes on at the character where it stopped. */
START_TEST(render_layout__text_wraps_beside_square_picture)
{
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 20);
	dump_line ln[64];
	size_t n, beside = 0, below = 0;
	vndoc_layout *l;
	vndoc_error e;
	char *d, *all;

	vndoc_buf_puts(&body, "<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr>");
	float_run(&body, "<wp:wrapSquare wrapText=\"bothSides\"/>",
		  "<wp:positionH relativeFrom=\"column\"><wp:align>right</wp:align></wp:positionH>",
		  "<wp:positionV relativeFrom=\"paragraph\"><wp:posOffset>0</wp:posOffset></wp:positionV>",
		  "distT=\"0\" distB=\"0\" distL=\"114300\" distR=\"114300\"");
	vndoc_buf_puts(&body, R14 "Đoạn có ảnh nổi bên phải.</w:t></w:r></w:p>"
			      "<w:p><w:pPr><w:ind w:firstLine=\"720\"/><w:jc w:val=\"both\"/></w:pPr>" R14 LONG_TEXT
			      "</w:t></w:r></w:p>" A4);
	l = layout_path(write_float_doc(body.ptr), &e);
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(vndoc_layout_warning_count(l), 0);
	d = dump_layout(l);
	/* The picture: right-aligned in the column (85.05 + 467.8 - 144). */
	ck_assert_ptr_nonnull(strstr(d, "  image x=408.8 y=56.7 w=144.0 h=72.0 \"word/media/p.png\"\n"));
	n = dump_lines(d, ln, 64);
	ck_assert_uint_ge(n, 6);
	ck_assert_str_eq(ln[0].text, "Đoạn có ảnh nổi bên phải.");
	ck_assert_double_eq_tol(ln[1].x, 121.0, 0.05); /* first-line indent */
	for (size_t i = 0; i < n; i++) {
		if (ln[i].y < 56.7 + 72 - 0.01) {
			/* Beside it: ends before 408.8 - 9 (distL). */
			ck_assert_double_le_tol(ln[i].x + ln[i].w, 399.8, 0.05);
			if (i > 1 && i + 1 < n && ln[i + 1].y < 56.7 + 72)
				ck_assert_double_gt(ln[i].x + ln[i].w, 390); /* justified */
			beside++;
		} else if (!below++) {
			/* The first line below: the full width (justified). */
			ck_assert_double_eq_tol(ln[i].x, 85.0, 0.05);
			ck_assert_double_eq_tol(ln[i].x + ln[i].w, 552.8, 0.1);
		}
	}
	ck_assert_uint_ge(beside, 4);
	ck_assert_uint_ge(below, 2);
	/* Nothing lost or doubled where the width changed. */
	all = joined_text(d, 1);
	ck_assert_str_eq(all, LONG_TEXT);
	free(all);
	free(d);
	vndoc_layout_free(l);
	vndoc_buf_dispose(&body);
}
END_TEST

/* Square wrap with text on the right only, the picture at the left of the
 * margin: the lines beside it begin after it and its distR. */
START_TEST(render_layout__text_wraps_right_of_left_picture)
{
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 20);
	dump_line ln[64];
	size_t n;
	char *d, *all;

	vndoc_buf_puts(&body, "<w:p>");
	float_run(&body, "<wp:wrapSquare wrapText=\"right\"/>",
		  "<wp:positionH relativeFrom=\"margin\"><wp:align>left</wp:align></wp:positionH>",
		  "<wp:positionV relativeFrom=\"paragraph\"><wp:posOffset>0</wp:posOffset></wp:positionV>",
		  "distT=\"0\" distB=\"127000\" distL=\"0\" distR=\"228600\"");
	vndoc_buf_puts(&body, R14 LONG_TEXT "</w:t></w:r></w:p>" A4);
	d = dump_path(write_float_doc(body.ptr));
	ck_assert_ptr_nonnull(strstr(d, "  image x=85.0 y=56.7 w=144.0 h=72.0 \"word/media/p.png\"\n"));
	n = dump_lines(d, ln, 64);
	ck_assert_uint_ge(n, 7);
	/* Beside it down to 56.7 + 72 + 10 (distB): from 85.05 + 144 + 18. */
	for (size_t i = 0; i < n; i++) {
		if (ln[i].y < 56.7 + 82 - 0.01)
			ck_assert_double_eq_tol(ln[i].x, 247.05, 0.06);
		else
			ck_assert_double_eq_tol(ln[i].x, 85.0, 0.05);
	}
	/* Line 6 (from 56.7 + 5 x 16.1) still reaches into the distB. */
	ck_assert_double_eq_tol(ln[5].x, 247.05, 0.06);
	ck_assert_double_eq_tol(ln[6].y, 56.7 + 6 * 16.1, 0.3);
	ck_assert_double_eq_tol(ln[6].x, 85.0, 0.05);
	all = joined_text(d, 0);
	ck_assert_str_eq(all, LONG_TEXT);
	free(all);
	free(d);
	vndoc_buf_dispose(&body);
}
END_TEST

/* Top and bottom: the lines that would overlap the picture (and its distT,
 * distB) go below it; its paragraph's first line keeps the space above
 * the paragraph below it (LibreOffice).  wrapNone leaves the text where
 * it was. */
START_TEST(render_layout__top_and_bottom_moves_text_below)
{
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 20);
	dump_line ln[64];
	size_t n;
	char *d;

	vndoc_buf_puts(&body, "<w:p>" R14 "Trước ảnh.</w:t></w:r></w:p>"
			      "<w:p><w:pPr><w:spacing w:before=\"120\"/></w:pPr>");
	float_run(&body, "<wp:wrapTopAndBottom/>",
		  "<wp:positionH relativeFrom=\"column\"><wp:align>center</wp:align></wp:positionH>",
		  "<wp:positionV relativeFrom=\"paragraph\"><wp:posOffset>127000</wp:posOffset></wp:positionV>",
		  "distT=\"0\" distB=\"63500\" distL=\"0\" distR=\"0\"");
	vndoc_buf_puts(&body, R14 "Dưới ảnh.</w:t></w:r></w:p><w:p>" R14 "Tiếp theo.</w:t></w:r></w:p>" A4);
	d = dump_path(write_float_doc(body.ptr));
	n = dump_lines(d, ln, 64);
	ck_assert_uint_eq(n, 3);
	/* The paragraph's top: 56.7 + 16.1; the picture 10 pt below it. */
	ck_assert_ptr_nonnull(strstr(d, "  image x=246.9 y=82.8 w=144.0 h=72.0 \"word/media/p.png\"\n"));
	ck_assert_str_eq(ln[1].text, "Dưới ảnh.");
	/* 82.8 + 72 + 5 (distB) + 6 (space before). */
	ck_assert_double_eq_tol(ln[1].y, 165.8, 0.05);
	ck_assert_double_eq_tol(ln[2].y, 165.8 + 16.1, 0.05);
	free(d);

	/* The same picture with wrapNone: over the text, nothing moves. */
	vndoc_buf_clear(&body);
	vndoc_buf_puts(&body, "<w:p>" R14 "Trước ảnh.</w:t></w:r></w:p>"
			      "<w:p><w:pPr><w:spacing w:before=\"120\"/></w:pPr>");
	float_run(&body, "<wp:wrapNone/>",
		  "<wp:positionH relativeFrom=\"column\"><wp:align>center</wp:align></wp:positionH>",
		  "<wp:positionV relativeFrom=\"paragraph\"><wp:posOffset>127000</wp:posOffset></wp:positionV>",
		  "distT=\"0\" distB=\"63500\" distL=\"0\" distR=\"0\"");
	vndoc_buf_puts(&body, R14 "Dưới ảnh.</w:t></w:r></w:p><w:p>" R14 "Tiếp theo.</w:t></w:r></w:p>" A4);
	d = dump_path(write_float_doc(body.ptr));
	n = dump_lines(d, ln, 64);
	ck_assert_uint_eq(n, 3);
	ck_assert_double_eq_tol(ln[1].y, 56.7 + 16.1 + 6, 0.05);
	ck_assert_double_eq_tol(ln[1].x, 85.0, 0.05);
	free(d);
	vndoc_buf_dispose(&body);
}
END_TEST

/* A picture goes on the page of its paragraph's first line, and wraps the
 * text of that page only: a paragraph pushed to page 2 takes its picture
 * along; the lines of page 1 stay full width. */
START_TEST(render_layout__floating_picture_on_its_paragraphs_page)
{
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 20);
	dump_line ln[128];
	size_t n;
	char *d, *p1, *p2;

	fillers(&body, 60);
	vndoc_buf_puts(&body, "<w:p><w:pPr><w:keepLines/></w:pPr>");
	float_run(&body, "<wp:wrapSquare wrapText=\"bothSides\"/>",
		  "<wp:positionH relativeFrom=\"column\"><wp:align>right</wp:align></wp:positionH>",
		  "<wp:positionV relativeFrom=\"paragraph\"><wp:posOffset>0</wp:posOffset></wp:positionV>",
		  "distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"");
	vndoc_buf_puts(&body, R14 LONG_TEXT "</w:t></w:r></w:p>" A4);
	d = dump_path(write_float_doc(body.ptr));
	p1 = page_of(d, 1);
	p2 = page_of(d, 2);
	ck_assert_ptr_null(strstr(p1, "image"));
	ck_assert_ptr_nonnull(strstr(p2, "  image x=408.8 y=56.7 w=144.0 h=72.0 \"word/media/p.png\"\n"));
	n = dump_lines(p2, ln, 128);
	ck_assert_uint_ge(n, 6);
	ck_assert_double_eq_tol(ln[0].y, 56.7, 0.05);
	ck_assert_double_le_tol(ln[0].x + ln[0].w, 408.8, 0.05);
	ck_assert_double_gt(ln[n - 1].y, 56.7 + 72);
	free(p1);
	free(p2);
	free(d);
	vndoc_buf_dispose(&body);
}
END_TEST

/* The fixture made in LibreOffice, and pictures with every kind of wrap:
 * streamed as loaded. */
START_TEST(render_docx__open_same_as_load_floats)
{
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 20);
	static const char *const wraps[] = { "<wp:wrapSquare wrapText=\"bothSides\"/>", "<wp:wrapSquare wrapText=\"left\"/>",
					     "<wp:wrapTight wrapText=\"largest\"/>", "<wp:wrapTopAndBottom/>", "<wp:wrapNone/>" };
	check_open_same(test_fixture("fidelity/14-hinh-noi.docx"));
	for (size_t i = 0; i < 40; i++) {
		vndoc_buf_puts(&body, "<w:p><w:pPr><w:ind w:left=\"360\" w:hanging=\"360\"/><w:jc w:val=\"both\"/></w:pPr>");
		if (i % 3 == 0)
			float_run(&body, wraps[i / 3 % 5],
				  "<wp:positionH relativeFrom=\"page\"><wp:posOffset>2540000</wp:posOffset></wp:positionH>",
				  "<wp:positionV relativeFrom=\"paragraph\"><wp:posOffset>63500</wp:posOffset></wp:positionV>",
				  "distT=\"63500\" distB=\"63500\" distL=\"63500\" distR=\"63500\"");
		vndoc_buf_puts(&body, R14 LONG_TEXT "</w:t></w:r></w:p>");
	}
	vndoc_buf_puts(&body, A4);
	check_open_same(write_float_doc(body.ptr));
	vndoc_buf_dispose(&body);
}
END_TEST

/* ---------------------------------------------------------------- merged cells across pages */

/* The y of the dump line holding exactly `text` in `dump`, or -1. */
static double text_line_y(const char *dump, const char *text)
{
	char quoted[256];
	const char *p, *start;
	double y;
	snprintf(quoted, sizeof quoted, "\"%s\"\n", text);
	p = strstr(dump, quoted);
	if (!p)
		return -1;
	for (start = p; start > dump && start[-1] != '\n'; start--)
		;
	return sscanf(start, "  line y=%lf", &y) == 1 ? y : -1;
}

/* A table of grid 1000 + 3000 twips: `header` a repeated header row, then
 * a cell merged down over `span` rows holding the lines `merged`
 * (w:br between them) beside one-line cells "hàng N".  After `fill`
 * filler lines. */
static const char *merge_doc(int fill, bool header, int span, const char *const *merged, int n_merged)
{
	vndoc_buf b = VNDOC_BUF_INIT((size_t)1 << 20);
	const char *dir;
	fillers(&b, fill);
	vndoc_buf_puts(&b, "<w:tbl><w:tblGrid><w:gridCol w:w=\"1000\"/><w:gridCol w:w=\"3000\"/></w:tblGrid>");
	if (header)
		vndoc_buf_puts(&b, "<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:r><w:t>TT</w:t></w:r></w:p></w:tc>"
				   "<w:tc><w:p><w:r><w:t>Họ và tên</w:t></w:r></w:p></w:tc></w:tr>");
	for (int r = 0; r < span; r++) {
		vndoc_buf_puts(&b, "<w:tr><w:tc>");
		if (r == 0) {
			vndoc_buf_puts(&b, "<w:tcPr><w:vMerge w:val=\"restart\"/><w:vAlign w:val=\"center\"/></w:tcPr><w:p>");
			for (int i = 0; i < n_merged; i++)
				vndoc_buf_printf(&b, "<w:r>%s<w:t>%s</w:t></w:r>", i ? "<w:br/>" : "", merged[i]);
			vndoc_buf_puts(&b, "</w:p>");
		} else {
			vndoc_buf_puts(&b, "<w:tcPr><w:vMerge/></w:tcPr><w:p/>");
		}
		vndoc_buf_printf(&b, "</w:tc><w:tc><w:p><w:r><w:t>hàng %d</w:t></w:r></w:p></w:tc></w:tr>", r);
	}
	vndoc_buf_puts(&b, "</w:tbl><w:p><w:r><w:t>Hết</w:t></w:r></w:p>" A4);
	dir = write_doc(b.ptr);
	vndoc_buf_dispose(&b);
	return dir;
}

START_TEST(render_layout__merged_cell_crosses_page_break)
{
	/* Four one-line rows (11.5 pt) after 61 filler lines (758.1 of
	 * 785.2): two of them fit on page 1.  The cell merged over the four
	 * is one box over the rows of each page, its four lines flowing over
	 * them (LibreOffice); the first row is not made taller. */
	static const char *const merged[] = { "Ắ", "Bờ", "Cừ", "Dạ" };
	char *d = dump_path(merge_doc(61, false, 4, merged, 4)), *p1 = page_of(d, 1), *p2 = page_of(d, 2);

	ck_assert_int_eq(count(d, "page "), 2);
	ck_assert_ptr_nonnull(strstr(p1, "cell r0c0 x=79.6 y=758.1 w=50.0 h=23.0\n"));
	ck_assert_ptr_nonnull(strstr(p1, "cell r0c1 x=129.6 y=758.1 w=150.0 h=11.5\n"));
	ck_assert_ptr_nonnull(strstr(p1, "cell r1c1 x=129.6 y=769.6 w=150.0 h=11.5\n"));
	ck_assert_ptr_nonnull(strstr(p2, "cell r0c0 x=79.6 y=56.7 w=50.0 h=23.0\n"));
	ck_assert_ptr_nonnull(strstr(p2, "cell r2c1 x=129.6 y=56.7 w=150.0 h=11.5\n"));
	ck_assert_ptr_nonnull(strstr(p2, "cell r3c1 x=129.6 y=68.2 w=150.0 h=11.5\n"));
	/* No box of its own for a row the merged cell covers. */
	ck_assert_int_eq(count(d, "c0 x="), 2);
	/* Top aligned where it goes on to the next page; centred in the box
	 * where it ends (its two lines fill the box there). */
	ck_assert_double_eq_tol(text_line_y(p1, "Ắ"), 758.1, 0.05);
	ck_assert_double_eq_tol(text_line_y(p1, "Bờ"), 769.6, 0.05);
	ck_assert_double_eq_tol(text_line_y(p2, "Cừ"), 56.7, 0.05);
	ck_assert_double_eq_tol(text_line_y(p2, "Dạ"), 68.2, 0.05);
	ck_assert_double_eq_tol(text_line_y(p1, "hàng 1"), 769.6, 0.05);
	ck_assert_double_eq_tol(text_line_y(p2, "Hết"), 79.7, 0.05);
	free(p1);
	free(p2);
	free(d);
}
END_TEST

START_TEST(render_layout__merged_cell_rest_makes_its_last_row_taller)
{
	/* A header row, then a cell merged over two rows with six lines:
	 * after 61 filler lines the header and the first row fit on page 1,
	 * the merged cell's box there holding one line.  The second row goes
	 * to page 2, below the repeated header, and grows to hold the other
	 * five (57.5 pt: LibreOffice), not the 46 it would take unsplit. */
	static const char *const merged[] = { "một", "hai", "ba", "bốn", "năm", "sáu" };
	char *d = dump_path(merge_doc(61, true, 2, merged, 6)), *p1 = page_of(d, 1), *p2 = page_of(d, 2);

	ck_assert_int_eq(count(d, "page "), 2);
	ck_assert_ptr_nonnull(strstr(p1, "cell r1c0 x=79.6 y=769.6 w=50.0 h=11.5\n"));
	ck_assert_ptr_nonnull(strstr(p1, "cell r1c1 x=129.6 y=769.6 w=150.0 h=11.5\n"));
	ck_assert_ptr_nonnull(strstr(p2, "cell r0c1 x=129.6 y=56.7 w=150.0 h=11.5\n"));
	ck_assert_ptr_nonnull(strstr(p2, "cell r1c0 x=79.6 y=68.2 w=50.0 h=57.5\n"));
	ck_assert_ptr_nonnull(strstr(p2, "cell r2c1 x=129.6 y=68.2 w=150.0 h=57.5\n"));
	ck_assert_double_eq_tol(text_line_y(p1, "một"), 769.6, 0.05);
	ck_assert_double_eq_tol(text_line_y(p2, "hai"), 68.2, 0.05);
	ck_assert_double_eq_tol(text_line_y(p2, "sáu"), 114.2, 0.05);
	ck_assert_double_eq_tol(text_line_y(p2, "Hết"), 125.7, 0.05);
	free(p1);
	free(p2);
	free(d);
}
END_TEST

START_TEST(render_layout__merged_cell_splits_its_last_row)
{
	/* Eight lines merged over two rows, after 58 filler lines (723.6):
	 * both rows fit, but not the second grown to hold the lines.  It is
	 * split: five lines on page 1, the box and the row ending with the
	 * last of them; the other three in a second part of the row on page
	 * 2, the row's own cell an empty box beside them.  Both parts have
	 * their borders (LibreOffice). */
	static const char *const merged[] = { "1a", "2b", "3c", "4d", "5e", "6f", "7g", "8h" };
	char *d = dump_path(merge_doc(58, false, 2, merged, 8)), *p1 = page_of(d, 1), *p2 = page_of(d, 2);

	ck_assert_int_eq(count(d, "page "), 2);
	ck_assert_ptr_nonnull(strstr(p1, "cell r0c0 x=79.6 y=723.6 w=50.0 h=57.5\n"));
	ck_assert_ptr_nonnull(strstr(p1, "cell r1c1 x=129.6 y=735.1 w=150.0 h=46.0\n"));
	ck_assert_ptr_nonnull(strstr(p2, "cell r0c0 x=79.6 y=56.7 w=50.0 h=34.5\n"));
	ck_assert_ptr_nonnull(strstr(p2, "cell r1c1 x=129.6 y=56.7 w=150.0 h=34.5\n"));
	ck_assert_double_eq_tol(text_line_y(p1, "5e"), 769.6, 0.05);
	ck_assert_double_eq_tol(text_line_y(p2, "6f"), 56.7, 0.05);
	ck_assert_double_eq_tol(text_line_y(p2, "8h"), 79.7, 0.05);
	ck_assert_ptr_null(strstr(p2, "hàng"));
	free(p1);
	free(p2);
	free(d);
}
END_TEST

/* A long table of units merged down over 2 to 13 rows, with more lines
 * than rows in some, a repeated header row: streamed as loaded, and as
 * laid out whole; a streamed body holds about a page of rows. */
START_TEST(render_docx__open_same_as_load_long_merges)
{
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 26);
	vndoc_package *pkg = NULL;
	vndoc_docx *doc = NULL;
	vndoc_error e;
	char *pdf, msg[1024];
	const char *dir;
	size_t len, pages = 0;
	int r = 0;

	vndoc_buf_puts(&body, "<w:tbl><w:tblPr><w:tblBorders><w:insideH w:val=\"single\" w:sz=\"4\"/>"
			      "<w:insideV w:val=\"single\" w:sz=\"4\"/></w:tblBorders></w:tblPr><w:tblGrid>"
			      "<w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"3000\"/></w:tblGrid>"
			      "<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:r><w:t>Đơn vị</w:t></w:r></w:p></w:tc>"
			      "<w:tc><w:p><w:r><w:t>Họ và tên</w:t></w:r></w:p></w:tc>"
			      "<w:tc><w:p><w:r><w:t>Nhận xét</w:t></w:r></w:p></w:tc></w:tr>");
	for (int g = 0; r < 1500; g++) {
		int span = 2 + g % 12, lines = g % 3 ? 2 : span + 9;
		for (int k = 0; k < span; k++, r++) {
			vndoc_buf_puts(&body, "<w:tr><w:tc>");
			if (k == 0) {
				vndoc_buf_printf(&body, "<w:tcPr><w:vMerge w:val=\"restart\"/>%s</w:tcPr><w:p>",
						 g % 2 ? "<w:vAlign w:val=\"center\"/>" : "");
				for (int i = 0; i < lines; i++)
					vndoc_buf_printf(&body, "<w:r>%s<w:t>Đơn vị %d dòng %d</w:t></w:r>", i ? "<w:br/>" : "",
							 g, i);
				vndoc_buf_puts(&body, "</w:p>");
			} else {
				vndoc_buf_puts(&body, "<w:tcPr><w:vMerge/></w:tcPr><w:p/>");
			}
			/* The third column merged too, in every fourth unit. */
			vndoc_buf_printf(&body, "</w:tc><w:tc><w:p><w:r><w:t>Người %d</w:t></w:r></w:p></w:tc><w:tc>"
					 "<w:tcPr>%s</w:tcPr><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc></w:tr>",
					 r, g % 4 != 1 ? "" : k == 0 ? "<w:vMerge w:val=\"restart\"/>" : "<w:vMerge/>",
					 k == 0 ? "Ghi chú ghi chú ghi chú ghi chú ghi chú ghi chú ghi chú ghi chú" : "");
		}
	}
	vndoc_buf_puts(&body, "</w:tbl><w:p><w:r><w:t>Hết</w:t></w:r></w:p>" A4);
	dir = write_doc(body.ptr);
	vndoc_buf_dispose(&body);
	check_open_same(dir);
	check_stream_same(dir);

	vndoc_error_clear(&e);
	if (vndoc_package_open(&pkg, dir, &e) < 0 || vndoc_docx_open(&doc, pkg, &e) < 0)
		ck_abort_msg("%s", vndoc_error_format(&e, msg, sizeof msg));
	pdf_of(doc, dir, &pdf, &len, &pages);
	ck_assert_uint_gt(pages, 20);
	ck_assert_uint_le(vndoc_docx_rows_held_peak(doc), 200);
	free(pdf);
	vndoc_docx_free(doc);
	vndoc_package_free(pkg);
}
END_TEST

/* ---------------------------------------------------------------- footnotes */

/* Writes a package whose body is `body` (then A4) and whose footnotes
 * part, found through the document's relationships, holds the separators
 * and footnote 2 with the text `note` (10 pt, its number first). */
static const char *write_doc_notes(const char *body, const char *note)
{
	vndoc_buf b = VNDOC_BUF_INIT((size_t)1 << 24);
	const char *dir;

	vndoc_buf_printf(&b, "%s%s", body, A4);
	dir = write_doc(b.ptr);
	vndoc_buf_clear(&b);
	vndoc_buf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<w:footnotes %s>"
			 "<w:footnote w:type=\"separator\" w:id=\"0\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
			 "<w:footnote w:type=\"continuationSeparator\" w:id=\"1\"><w:p><w:r><w:continuationSeparator/>"
			 "</w:r></w:p></w:footnote><w:footnote w:id=\"2\"><w:p><w:pPr><w:rPr><w:sz w:val=\"20\"/></w:rPr>"
			 "</w:pPr><w:r><w:rPr><w:sz w:val=\"20\"/></w:rPr><w:footnoteRef/></w:r><w:r><w:rPr>"
			 "<w:sz w:val=\"20\"/></w:rPr><w:t xml:space=\"preserve\"> %s</w:t></w:r></w:p></w:footnote>"
			 "</w:footnotes>", W_NS, note);
	put_part(dir, "word/footnotes.xml", b.ptr);
	put_part(dir, "word/_rels/document.xml.rels",
		 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Relationships "
		 "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		 "<Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
		 "2006/relationships/footnotes\" Target=\"footnotes.xml\"/></Relationships>");
	vndoc_buf_dispose(&b);
	return dir;
}

#define NOTE_REF "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:footnoteReference w:id=\"2\"/></w:r>"

START_TEST(render_layout__footnote_at_page_foot)
{
	/* The mark in the body line; the footnote on the same page, its last
	 * line on the bottom margin (841.9 - 56.7 = 785.2), below a rule a
	 * quarter of the text area long (467.8 / 4), 0.5 pt thick, 1 mm above
	 * the footnote. */
	char *d = dump_path(write_doc_notes("<w:p><w:r><w:t>Văn bản</w:t></w:r>" NOTE_REF
					    "<w:r><w:t xml:space=\"preserve\"> tiếp theo.</w:t></w:r></w:p>",
					    "Chú thích cuối trang."));
	ck_assert_int_eq(count(d, "page "), 1);
	ck_assert_msg(strstr(d, "\"Văn bản1 tiếp theo.\"") != NULL, "%s", d);
	ck_assert_msg(strstr(d, "  rule x=85.0 y=770.6 w=116.9 h=0.5\n"
				"  footnote y=773.7 x=85.0 w=") != NULL, "%s", d);
	ck_assert_msg(strstr(d, "h=11.5 \"1 Chú thích cuối trang.\"\n") != NULL, "%s", d);
	free(d);
}
END_TEST

START_TEST(render_layout__footnote_custom_mark)
{
	/* customMarkFollows: the run's text is the mark, in the footnote too. */
	char *d = dump_path(write_doc_notes("<w:p><w:r><w:t>Dấu</w:t></w:r><w:r><w:footnoteReference "
					    "w:customMarkFollows=\"1\" w:id=\"2\"/><w:t>*</w:t></w:r></w:p>",
					    "Chú thích riêng."));
	ck_assert_msg(strstr(d, "\"Dấu*\"") != NULL, "%s", d);
	ck_assert_msg(strstr(d, "\"* Chú thích riêng.\"") != NULL, "%s", d);
	free(d);
}
END_TEST

START_TEST(render_layout__footnotes_outside_the_body_are_named)
{
	/* A footnote referenced in a table cell is placed (no warning); an
	 * endnote is named. */
	vndoc_error e;
	char msg[1024];
	vndoc_layout *l = layout_path(
		write_doc_notes("<w:tbl><w:tblGrid><w:gridCol w:w=\"4000\"/></w:tblGrid><w:tr><w:tc><w:p><w:r>"
				"<w:t>Ô</w:t></w:r><w:r><w:footnoteReference w:id=\"2\"/></w:r></w:p></w:tc></w:tr>"
				"</w:tbl><w:p><w:r><w:t>Cuối</w:t></w:r><w:r><w:endnoteReference w:id=\"1\"/></w:r></w:p>",
				"Chú thích trong ô."),
		&e);
	if (!l)
		ck_abort_msg("%s", vndoc_error_format(&e, msg, sizeof msg));
	ck_assert_uint_eq(vndoc_layout_warning_count(l), 1);
	ck_assert_str_eq(vndoc_layout_warning(l, 0), "endnotes not drawn (w:endnoteReference)");
	vndoc_layout_free(l);
}
END_TEST

START_TEST(render_layout__footnote_pushes_its_line_to_next_page)
{
	/* The page has room for one more line, not for it and its footnote
	 * of several lines: the line goes to the next page with it. */
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 20), note = VNDOC_BUF_INIT((size_t)1 << 20);
	char *d, *p1, *p2;
	const char *dir;
	fillers(&body, 61);
	vndoc_buf_puts(&body, "<w:p><w:r><w:t>Dòng có chú thích</w:t></w:r>" NOTE_REF "</w:p>");
	for (int i = 0; i < 40; i++)
		vndoc_buf_puts(&note, "chú thích dài ");
	/* Without the footnote the line is the last one of page 1. */
	vndoc_buf_puts(&body, A4);
	d = dump_path(write_doc(body.ptr));
	body.len -= strlen(A4);
	body.ptr[body.len] = '\0';
	p1 = page_of(d, 1);
	ck_assert_msg(strstr(p1, "\"Dòng có chú thích\"") != NULL, "%s", d);
	free(p1);
	free(d);
	dir = write_doc_notes(body.ptr, note.ptr);
	d = dump_path(dir);
	p1 = page_of(d, 1);
	p2 = page_of(d, 2);
	ck_assert_msg(strstr(p1, "Dòng có chú thích") == NULL && strstr(p1, "footnote") == NULL &&
		      strstr(p1, "rule") == NULL, "%s", d);
	ck_assert_msg(strstr(p2, "  line y=56.7 x=85.0 w=") != NULL && strstr(p2, "\"Dòng có chú thích1\"") &&
		      strstr(p2, "footnote y=") && strstr(p2, "\"1 chú thích dài") && strstr(p2, "rule x=85.0"),
		      "%s", d);
	free(p1);
	free(p2);
	free(d);
	/* Streamed as loaded. */
	check_open_same(dir);
	vndoc_buf_dispose(&body);
	vndoc_buf_dispose(&note);
}
END_TEST

/* ---------------------------------------------------------------- columns */

#define COLS_SECT(cols, type)                                                                            \
	"<w:sectPr>" type "<w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"850\" " \
	"w:bottom=\"1134\" w:left=\"1701\" w:header=\"567\" w:footer=\"567\"/>" cols "</w:sectPr>"

/* Two equal columns 36 pt apart with a line between: the text fills the
 * first, then goes on at the top of the second, then on the next page. */
START_TEST(render_layout__columns_flow_and_separator)
{
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 20);
	char *d, *p1;
	fillers(&body, 130);
	vndoc_buf_puts(&body, COLS_SECT("<w:cols w:num=\"2\" w:space=\"720\" w:sep=\"1\"/>", ""));
	d = dump_path(write_doc(body.ptr));
	p1 = page_of(d, 1);
	ck_assert_ptr_nonnull(strstr(p1, "  line y=769.6 x=85.0 w=27.5 h=11.5 \"line 63\"\n"));
	ck_assert_ptr_nonnull(strstr(p1, "  line y=56.7 x=336.9 w=27.5 h=11.5 \"line 64\"\n"));
	/* The separator: in the middle of the gap, the body's height. */
	ck_assert_ptr_nonnull(strstr(p1, "  cell r-1c-1 x=318.9 y=56.7 w=0.0 h=728.5\n"));
	ck_assert_ptr_nonnull(strstr(d, "page 2 595.3x841.9\n  line y=56.7 x=85.0 w=32.5 h=11.5 \"line 127\"\n"));
	free(p1);
	free(d);
	vndoc_buf_dispose(&body);
}
END_TEST

/* w:br w:type="column": what follows begins the next column; unequal
 * columns (w:col) have their own widths and gaps. */
START_TEST(render_layout__column_break_and_unequal_columns)
{
	char *d;
	d = dump_path(write_doc("<w:p><w:r><w:t>one</w:t></w:r><w:r><w:br w:type=\"column\"/><w:t>two</w:t></w:r></w:p>"
				"<w:p><w:r><w:br w:type=\"column\"/></w:r><w:r><w:t>three</w:t></w:r></w:p>" COLS_SECT(
					"<w:cols w:num=\"3\" w:equalWidth=\"0\"><w:col w:w=\"2000\" w:space=\"400\"/>"
					"<w:col w:w=\"3000\" w:space=\"600\"/><w:col w:w=\"3355\"/></w:cols>",
					"")));
	ck_assert_str_eq(d, "page 1 595.3x841.9\n"
			    "  line y=56.7 x=85.0 w=14.4 h=11.5 \"one\"\n"
			    "  line y=56.7 x=205.1 w=15.0 h=11.5 \"two\"\n"
			    "  line y=56.7 x=385.1 w=20.0 h=11.5 \"three\"\n");
	free(d);
}
END_TEST

/* A two-column section between one-column ones on the same page
 * (continuous breaks): its columns begin below the text before, are
 * balanced (ten lines: five and five), and the text after goes on
 * below them; the empty paragraphs carrying the breaks take no room. */
START_TEST(render_layout__continuous_columns_are_balanced)
{
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 20);
	char *d;
	vndoc_buf_puts(&body, "<w:p><w:r><w:t>Title</w:t></w:r></w:p>"
			      "<w:p><w:pPr>" COLS_SECT("", "") "</w:pPr></w:p>");
	fillers(&body, 10);
	vndoc_buf_puts(&body, "<w:p><w:pPr>" COLS_SECT("<w:cols w:num=\"2\" w:space=\"720\" w:sep=\"true\"/>",
						     "<w:type w:val=\"continuous\"/>") "</w:pPr></w:p>"
			      "<w:p><w:r><w:t>After</w:t></w:r></w:p>" COLS_SECT("", "<w:type w:val=\"continuous\"/>"));
	d = dump_path(write_doc(body.ptr));
	ck_assert_ptr_nonnull(strstr(d, "\"Title\"\n  line y=68.2 x=85.0 w=22.5 h=11.5 \"line 1\"\n"));
	ck_assert_ptr_nonnull(strstr(d, "  line y=114.2 x=85.0 w=22.5 h=11.5 \"line 5\"\n"
					"  line y=68.2 x=336.9 w=22.5 h=11.5 \"line 6\"\n"));
	ck_assert_ptr_nonnull(strstr(d, "  line y=114.2 x=336.9 w=27.5 h=11.5 \"line 10\"\n"));
	ck_assert_ptr_nonnull(strstr(d, "  cell r-1c-1 x=318.9 y=68.2 w=0.0 h=57.5\n"));
	ck_assert_ptr_nonnull(strstr(d, "  line y=125.7 x=85.0 w=21.1 h=11.5 \"After\"\n"));
	ck_assert_int_eq(count(d, "page "), 1);
	free(d);
	vndoc_buf_dispose(&body);
}
END_TEST

/* ---------------------------------------------------------------- table styles: conditional formatting */

#define TS_STYLES                                                                                         \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<w:styles " W_NS ">"                                   \
	"<w:docDefaults><w:pPrDefault><w:pPr><w:spacing w:after=\"160\" w:line=\"259\" w:lineRule=\"auto\"/>" \
	"</w:pPr></w:pPrDefault></w:docDefaults>"                                                            \
	"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>" \
	"<w:style w:type=\"paragraph\" w:styleId=\"Ghi\"><w:rPr><w:color w:val=\"00FF00\"/></w:rPr></w:style>" \
	"<w:style w:type=\"table\" w:styleId=\"Luoi\"><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" "       \
	"w:lineRule=\"auto\"/></w:pPr><w:tblPr><w:tblStyleRowBandSize w:val=\"1\"/>"                          \
	"<w:tblBorders><w:insideH w:val=\"single\" w:sz=\"4\" w:color=\"8EAADB\"/></w:tblBorders></w:tblPr>"  \
	"<w:tblStylePr w:type=\"firstRow\"><w:rPr><w:b/><w:color w:val=\"FFFFFF\"/></w:rPr><w:tcPr>"          \
	"<w:tcBorders><w:bottom w:val=\"single\" w:sz=\"12\" w:color=\"4472C4\"/></w:tcBorders>"             \
	"<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"4472C4\"/></w:tcPr></w:tblStylePr>"                 \
	"<w:tblStylePr w:type=\"lastRow\"><w:pPr><w:jc w:val=\"right\"/></w:pPr><w:rPr><w:i/></w:rPr>"       \
	"<w:tcPr><w:tcBorders><w:top w:val=\"double\" w:sz=\"4\" w:color=\"4472C4\"/></w:tcBorders>"         \
	"</w:tcPr></w:tblStylePr>"                                                                           \
	"<w:tblStylePr w:type=\"firstCol\"><w:rPr><w:b/></w:rPr></w:tblStylePr>"                             \
	"<w:tblStylePr w:type=\"band1Vert\"><w:tcPr><w:shd w:val=\"clear\" w:fill=\"E2EFD9\"/></w:tcPr>"      \
	"</w:tblStylePr>"                                                                                    \
	"<w:tblStylePr w:type=\"band1Horz\"><w:tcPr><w:shd w:val=\"clear\" w:fill=\"D9E2F3\"/></w:tcPr>"      \
	"</w:tblStylePr></w:style>"                                                                          \
	"<w:style w:type=\"table\" w:styleId=\"Luoi2\"><w:basedOn w:val=\"Luoi\"/><w:tblPr>"                  \
	"<w:tblStyleRowBandSize w:val=\"2\"/></w:tblPr></w:style></w:styles>"

/* A table of `n_rows` rows of three cells "rRcC" in style `style` with
 * the tblLook element `look`; `cell(r, c)` gives a cell's tcPr, rPr and
 * pPr. */
static void ts_table(vndoc_buf *b, const char *style, const char *look, int n_rows,
		     void (*cell)(int r, int c, const char **tcpr, const char **rpr, const char **ppr))
{
	vndoc_buf_printf(b, "<w:tbl><w:tblPr><w:tblStyle w:val=\"%s\"/>%s</w:tblPr><w:tblGrid>"
			    "<w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/></w:tblGrid>",
			 style, look);
	for (int r = 0; r < n_rows; r++) {
		/* A long table repeats its first row. */
		vndoc_buf_puts(b, r == 0 && n_rows > 20 ? "<w:tr><w:trPr><w:tblHeader/></w:trPr>" : "<w:tr>");
		for (int c = 0; c < 3; c++) {
			const char *tcpr = "", *rpr = "", *ppr = "";
			if (cell)
				cell(r, c, &tcpr, &rpr, &ppr);
			vndoc_buf_printf(b, "<w:tc><w:tcPr>%s</w:tcPr><w:p><w:pPr>%s</w:pPr><w:r><w:rPr>%s</w:rPr>"
					    "<w:t>r%dc%d</w:t></w:r></w:p></w:tc>", tcpr, ppr, rpr, r, c);
		}
		vndoc_buf_puts(b, "</w:tr>");
	}
	vndoc_buf_puts(b, "</w:tbl><w:p/>");
}

/* Direct formatting over the style: cell r0c0 white and black, not bold;
 * r0c2 in paragraph style Ghi (green); r1c1 yellow; r2c2 with its own
 * bottom border; r3c1 with its own spacing. */
static void ts_direct(int r, int c, const char **tcpr, const char **rpr, const char **ppr)
{
	if (r == 0 && c == 0) {
		*tcpr = "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"FFFFFF\"/>";
		*rpr = "<w:b w:val=\"0\"/><w:color w:val=\"000000\"/>";
	} else if (r == 1 && c == 1) {
		*tcpr = "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"FFFF00\"/>";
	} else if (r == 2 && c == 2) {
		*tcpr = "<w:tcBorders><w:bottom w:val=\"dotted\" w:sz=\"8\"/></w:tcBorders>";
	} else if (r == 0 && c == 2) {
		*ppr = "<w:pStyle w:val=\"Ghi\"/>";
	} else if (r == 3 && c == 1) {
		*ppr = "<w:spacing w:after=\"120\"/>";
	}
}

/* A contradicting cnfStyle (a cache Word writes) changes nothing. */
static void ts_cnf(int r, int c, const char **tcpr, const char **rpr, const char **ppr)
{
	(void)rpr;
	(void)ppr;
	if (r == 2 && c == 1)
		*tcpr = "<w:cnfStyle w:val=\"100000000000\" w:firstRow=\"1\"/>";
}

/* The tables of the conditional formatting tests, A4. */
static const char *ts_doc(int long_rows)
{
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 24);
	const char *dir;
	/* 0: firstRow, firstColumn, noVBand (Word's 04A0). */
	ts_table(&body, "Luoi", "<w:tblLook w:val=\"04A0\"/>", 5, NULL);
	/* 1: attributes over w:val: lastRow only, no banding. */
	ts_table(&body, "Luoi",
		 "<w:tblLook w:val=\"04A0\" w:firstRow=\"0\" w:lastRow=\"1\" w:firstColumn=\"0\" "
		 "w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>",
		 4, NULL);
	/* 2: direct formatting wins. */
	ts_table(&body, "Luoi", "<w:tblLook w:val=\"04A0\"/>", 4, ts_direct);
	/* 3: bands of two rows (basedOn), columns banded, no header. */
	ts_table(&body, "Luoi2", "<w:tblLook w:val=\"0000\"/>", 6, ts_cnf);
	/* 4: long, header row repeated, total row. */
	ts_table(&body, "Luoi", "<w:tblLook w:val=\"00E0\"/>", long_rows, NULL);
	vndoc_buf_puts(&body, A4);
	dir = write_doc(body.ptr);
	put_part(dir, "word/styles.xml", TS_STYLES);
	vndoc_buf_dispose(&body);
	return dir;
}

static const vndoc_docx_cell *ts_cell(const vndoc_docx *doc, size_t table, size_t r, size_t c)
{
	const vndoc_docx_block *b = NULL;
	const vndoc_docx_row *row = NULL;
	vndoc_error e;
	size_t k = 0, i;
	for (i = 0; i < doc->body.n_blocks; i++) {
		ck_assert_int_eq(vndoc_docx_block_get(&b, doc, i, &e), 0);
		if (b->kind == VNDOC_DOCX_BLOCK_TABLE && k++ == table)
			break;
	}
	ck_assert_uint_lt(i, doc->body.n_blocks);
	ck_assert_int_eq(vndoc_docx_row_get(&row, doc, &b->u.table, r, &e), 0);
	ck_assert_uint_lt(c, row->n_cells);
	return &row->cells[c];
}

static const vndoc_docx_para *ts_para(const vndoc_docx_cell *cell)
{
	ck_assert_uint_ge(cell->content.n_blocks, 1);
	ck_assert_int_eq(cell->content.blocks[0].kind, VNDOC_DOCX_BLOCK_PARA);
	return &cell->content.blocks[0].u.para;
}

static const vndoc_docx_rpr *ts_run(const vndoc_docx_cell *cell)
{
	const vndoc_docx_para *p = ts_para(cell);
	ck_assert_uint_ge(p->n_inlines, 1);
	return &p->inlines[0].rpr;
}

static void ts_check_fill(const vndoc_docx_cell *cell, bool has, uint32_t fill)
{
	ck_assert_int_eq(cell->has_fill, has);
	if (has)
		ck_assert_uint_eq(cell->fill, fill);
}

/* The assertions of the conditional formatting tests on `doc` (loaded or
 * streamed: the same answers). */
static void ts_check(const vndoc_docx *doc, size_t long_rows)
{
	const vndoc_docx_cell *c;

	/* 0: header cells blue, bold white; banded rows alternate from the
	 * first row after the header; first column bold; the table style's
	 * spacing over the document defaults; the last row plain. */
	for (size_t k = 0; k < 3; k++) {
		c = ts_cell(doc, 0, 0, k);
		ts_check_fill(c, true, 0x4472C4);
		ck_assert(ts_run(c)->bold);
		ck_assert_uint_eq(ts_run(c)->color, 0xFFFFFF);
		ck_assert_int_eq(c->border[VNDOC_DOCX_BOTTOM].size, 12);
	}
	ts_check_fill(ts_cell(doc, 0, 1, 1), true, 0xD9E2F3);
	ts_check_fill(ts_cell(doc, 0, 2, 1), false, 0);
	ts_check_fill(ts_cell(doc, 0, 3, 1), true, 0xD9E2F3);
	ts_check_fill(ts_cell(doc, 0, 4, 1), false, 0);
	ck_assert(ts_run(ts_cell(doc, 0, 2, 0))->bold);
	ck_assert(!ts_run(ts_cell(doc, 0, 2, 1))->bold);
	ck_assert_uint_eq(ts_run(ts_cell(doc, 0, 2, 0))->color, 0);
	ck_assert_int_eq(ts_para(ts_cell(doc, 0, 2, 1))->ppr.space_after, 0);
	ck_assert_int_eq(ts_para(ts_cell(doc, 0, 2, 1))->ppr.line, 240);
	ck_assert(!ts_run(ts_cell(doc, 0, 4, 1))->italic);
	ck_assert_int_eq(ts_cell(doc, 0, 1, 1)->border[VNDOC_DOCX_TOP].style, VNDOC_DOCX_BORDER_SINGLE);

	/* 1: tblLook's attributes turn the header, the first column and the
	 * bands off, the last row on (right aligned, italic, double top). */
	c = ts_cell(doc, 1, 0, 0);
	ts_check_fill(c, false, 0);
	ck_assert(!ts_run(c)->bold);
	ts_check_fill(ts_cell(doc, 1, 1, 1), false, 0);
	ck_assert(!ts_run(ts_cell(doc, 1, 1, 0))->bold);
	c = ts_cell(doc, 1, 3, 1);
	ck_assert(ts_run(c)->italic);
	ck_assert_int_eq(ts_para(c)->ppr.align, VNDOC_DOCX_ALIGN_RIGHT);
	ck_assert_int_eq(c->border[VNDOC_DOCX_TOP].style, VNDOC_DOCX_BORDER_DOUBLE);
	ck_assert(!ts_run(ts_cell(doc, 1, 2, 1))->italic);

	/* 2: direct formatting wins over the style. */
	c = ts_cell(doc, 2, 0, 0);
	ts_check_fill(c, false, 0);
	ck_assert(!ts_run(c)->bold);
	ck_assert_uint_eq(ts_run(c)->color, 0);
	ts_check_fill(ts_cell(doc, 2, 0, 1), true, 0x4472C4);
	ts_check_fill(ts_cell(doc, 2, 1, 1), true, 0xFFFF00);
	ck_assert_int_eq(ts_cell(doc, 2, 2, 2)->border[VNDOC_DOCX_BOTTOM].style, VNDOC_DOCX_BORDER_DOTTED);
	c = ts_cell(doc, 2, 0, 2);
	ck_assert_uint_eq(ts_run(c)->color, 0x00FF00);
	ck_assert(ts_run(c)->bold);
	ck_assert_int_eq(ts_para(ts_cell(doc, 2, 3, 1))->ppr.space_after, 120);

	/* 3: no header: bands of two rows from the first row (basedOn
	 * changes the band size), columns banded from the first column, the
	 * columns' bands over the rows' (as LibreOffice); cnfStyle does not
	 * count. */
	for (size_t r = 0; r < 6; r++) {
		ts_check_fill(ts_cell(doc, 3, r, 1), (r / 2) % 2 == 0, 0xD9E2F3);
		ts_check_fill(ts_cell(doc, 3, r, 0), true, 0xE2EFD9);
	}
	ck_assert(!ts_run(ts_cell(doc, 3, 0, 0))->bold);
	ck_assert(!ts_run(ts_cell(doc, 3, 2, 1))->bold);

	/* 4: the header and the last row of a long table. */
	ck_assert(ts_run(ts_cell(doc, 4, 0, 1))->bold);
	ck_assert(ts_run(ts_cell(doc, 4, long_rows - 1, 1))->italic);
	ck_assert(!ts_run(ts_cell(doc, 4, long_rows - 2, 1))->italic);
	ck_assert(ts_run(ts_cell(doc, 4, long_rows - 1, 0))->bold);
}

START_TEST(render_docx__table_style_conditional_formatting)
{
	vndoc_package *pkg = NULL;
	vndoc_docx *loaded = NULL, *opened = NULL;
	vndoc_error e;
	const char *dir = ts_doc(60);

	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_package_open(&pkg, dir, &e), 0);
	ck_assert_int_eq(vndoc_docx_load(&loaded, pkg, &e), 0);
	ts_check(loaded, 60);
	ck_assert_int_eq(vndoc_docx_open(&opened, pkg, &e), 0);
	ts_check(opened, 60);
	vndoc_docx_free(opened);
	vndoc_docx_free(loaded);
	vndoc_package_free(pkg);
}
END_TEST

/* Streamed as loaded, the long table crossing pages with its header row;
 * the header repeated on the next page keeps its look. */
START_TEST(render_docx__table_style_open_same_as_load)
{
	char *d, *p2;
	check_open_same(ts_doc(120));
	d = dump_path(ts_doc(120));
	ck_assert_int_ge(count(d, "page "), 2);
	p2 = page_of(d, 2);
	ck_assert_ptr_nonnull(strstr(p2, "\"r0c1\""));
	free(p2);
	free(d);
}
END_TEST


/* A table of `rows` one-line rows after `fill` filler lines; row `ref`
 * (also inside a nested table when `nested`) refers to footnote 2. */
static const char *write_table_note(int fill, int rows, int ref, bool nested, const char *note)
{
	vndoc_buf b = VNDOC_BUF_INIT((size_t)1 << 20);
	const char *dir;
	fillers(&b, fill);
	vndoc_buf_puts(&b, "<w:tbl><w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"6000\"/></w:tblGrid>");
	for (int r = 0; r < rows; r++) {
		vndoc_buf_printf(&b, "<w:tr><w:tc><w:p><w:r><w:t>ô %d</w:t></w:r></w:p></w:tc><w:tc>", r);
		if (r == ref && nested)
			vndoc_buf_puts(&b, "<w:tbl><w:tblGrid><w:gridCol w:w=\"3000\"/></w:tblGrid><w:tr><w:tc><w:p>"
					   "<w:r><w:t>lồng</w:t></w:r>" NOTE_REF "</w:p></w:tc></w:tr></w:tbl><w:p/>");
		else if (r == ref)
			vndoc_buf_printf(&b, "<w:p><w:r><w:t>hàng %d</w:t></w:r>" NOTE_REF "</w:p>", r);
		else
			vndoc_buf_printf(&b, "<w:p><w:r><w:t>hàng %d</w:t></w:r></w:p>", r);
		vndoc_buf_puts(&b, "</w:tc></w:tr>");
	}
	vndoc_buf_puts(&b, "</w:tbl><w:p><w:r><w:t>sau bảng</w:t></w:r></w:p>");
	dir = write_doc_notes(b.ptr, note);
	vndoc_buf_dispose(&b);
	return dir;
}

START_TEST(render_layout__footnote_in_table_cell)
{
	/* Referenced in a cell, in a nested table too: the footnote goes to
	 * the foot of the cell's page, below the separator, as in the body. */
	for (int nested = 0; nested < 2; nested++) {
		const char *dir = write_table_note(0, 3, 1, nested, "Chú thích trong ô.");
		char *d = dump_path(dir);
		ck_assert_int_eq(count(d, "page "), 1);
		ck_assert_msg(strstr(d, nested ? "\"lồng1\"" : "\"hàng 11\"") != NULL, "%s", d);
		ck_assert_msg(strstr(d, "  rule x=85.0 y=770.6 w=116.9 h=0.5\n"
					"  footnote y=773.7 x=85.0 w=") != NULL, "%s", d);
		ck_assert_msg(strstr(d, "h=11.5 \"1 Chú thích trong ô.\"\n") != NULL, "%s", d);
		free(d);
		check_open_same(dir);
	}
}
END_TEST

START_TEST(render_layout__footnote_in_cell_without_room_moves_on)
{
	/* LibreOffice does not move a row for its footnotes: the rows after
	 * the one referring to it stop above the footnote area; a footnote
	 * with no room below its row for one line goes whole to the foot of
	 * the next page, and the rows after fill the page it left. */
	vndoc_buf note = VNDOC_BUF_INIT((size_t)1 << 20);
	const char *dir;
	char *d, *p1, *p2;
	for (int i = 0; i < 12; i++)
		vndoc_buf_puts(&note, "chú thích trong ô ");
	dir = write_table_note(50, 12, 3, false, note.ptr);
	d = dump_path(dir);
	p1 = page_of(d, 1);
	p2 = page_of(d, 2);
	ck_assert_msg(strstr(p1, "\"hàng 31\"") && strstr(p1, "footnote y=") && strstr(p1, "\"1 chú thích") &&
		      !strstr(p1, "\"hàng 11\"") && !strstr(p2, "footnote"), "%s", d);
	free(p1);
	free(p2);
	free(d);
	check_open_same(dir);
	/* No room below the row referring to it for even one line of it (in
	 * LibreOffice too): the next row still fits. */
	dir = write_table_note(58, 12, 3, false, note.ptr);
	d = dump_path(dir);
	p1 = page_of(d, 1);
	p2 = page_of(d, 2);
	ck_assert_msg(strstr(p1, "\"hàng 31\"") && strstr(p1, "\"hàng 4\"") && !strstr(p1, "footnote") && !strstr(p1, "rule") &&
		      strstr(p2, "rule x=85.0") && strstr(p2, "footnote y=") && strstr(p2, "\"1 chú thích"), "%s", d);
	free(p1);
	free(p2);
	free(d);
	check_open_same(dir);
	vndoc_buf_dispose(&note);
}
END_TEST

/* ------------------------------------------------------- split footnotes */

/* A footnote of ten 10 pt lines (140 numbered words) in `b`. */
static void long_note(vndoc_buf *b)
{
	for (int i = 0; i < 140; i++)
		vndoc_buf_printf(b, "chữ%03d ", i);
}

/* write_doc_notes with a second footnote, id 3, holding `note3`. */
static const char *write_doc_two_notes(const char *body, const char *note2, const char *note3)
{
	vndoc_buf b = VNDOC_BUF_INIT((size_t)1 << 24);
	const char *dir = write_doc_notes(body, note2);
	char path[4200];
	char *xml;
	const char *end;
	size_t len;
	vndoc_error e;

	snprintf(path, sizeof path, "%s/word/footnotes.xml", dir);
	ck_assert_int_eq(vndoc_fs_read_file(&xml, &len, path, (size_t)1 << 24, &e), 0);
	end = strstr(xml, "</w:footnotes>");
	ck_assert_ptr_nonnull(end);
	vndoc_buf_put(&b, xml, (size_t)(end - xml));
	vndoc_buf_printf(&b, "<w:footnote w:id=\"3\"><w:p><w:r><w:rPr><w:sz w:val=\"20\"/></w:rPr>"
			 "<w:footnoteRef/></w:r>"
			 "<w:r><w:rPr><w:sz w:val=\"20\"/></w:rPr><w:t xml:space=\"preserve\"> %s</w:t></w:r></w:p>"
			 "</w:footnote></w:footnotes>", note3);
	put_part(dir, "word/footnotes.xml", b.ptr);
	free(xml);
	vndoc_buf_dispose(&b);
	return dir;
}

START_TEST(render_layout__footnote_split_over_two_pages)
{
	/* As LibreOffice 7.4 does: the line stays on page 1 with the 7 lines
	 * of its footnote that fit; the other 3 go to the foot of page 2,
	 * below a separator like the first one (3.1 pt above them), before
	 * page 2's own footnote.  The body of page 1 ends with the line. */
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 20), note = VNDOC_BUF_INIT((size_t)1 << 20);
	const char *dir;
	char *d, *p1, *p2;
	fillers(&body, 54);
	vndoc_buf_puts(&body, "<w:p><w:r><w:t>Dòng có chú thích</w:t></w:r>" NOTE_REF "</w:p>");
	for (int i = 0; i < 5; i++)
		vndoc_buf_printf(&body, "<w:p><w:r><w:t>sau %d</w:t></w:r></w:p>", i + 1);
	vndoc_buf_puts(&body, "<w:p><w:r><w:t>Dòng hai</w:t></w:r><w:r><w:rPr><w:vertAlign w:val=\"superscript\"/>"
			      "</w:rPr><w:footnoteReference w:id=\"3\"/></w:r></w:p>");
	long_note(&note);
	dir = write_doc_two_notes(body.ptr, note.ptr, "Chú thích trang hai.");
	d = dump_path(dir);
	p1 = page_of(d, 1);
	p2 = page_of(d, 2);
	ck_assert_int_eq(count(d, "page "), 2);
	ck_assert_msg(strstr(p1, "  line y=677.6 x=85.0 w=76.8 h=11.5 \"Dòng có chú thích1\"\n"
				 "  rule x=85.0 y=701.6 w=116.9 h=0.5\n"
				 "  footnote y=704.7 x=85.0 w=457.2 h=11.5 \"1 chữ000 ") != NULL &&
		      count(p1, "  footnote ") == 7 &&
		      strstr(p1, "footnote y=773.7 x=85.0 w=450.5 h=11.5 \"chữ084 ") &&
		      !strstr(p1, "sau 1"), "%s", p1);
	ck_assert_msg(strstr(p2, "  line y=56.7 x=85.0 w=") && strstr(p2, "\"sau 1\"") &&
		      strstr(p2, "  rule x=85.0 y=736.1 w=116.9 h=0.5\n"
				 "  footnote y=739.2 x=85.0 w=450.5 h=11.5 \"chữ098 ") &&
		      strstr(p2, "footnote y=762.2 x=85.0 w=453.0 h=11.5 \"chữ126 ") &&
		      strstr(p2, "footnote y=773.7 x=85.0 w=86.1 h=11.5 \"2 Chú thích trang hai.\"\n") &&
		      count(p2, "  footnote ") == 4 && count(p2, "  rule ") == 1, "%s", p2);
	free(p1);
	free(p2);
	free(d);
	check_open_same(dir);
	vndoc_buf_dispose(&body);
	vndoc_buf_dispose(&note);
}
END_TEST

START_TEST(render_layout__footnote_split_keeps_two_lines)
{
	/* As in LibreOffice: orphan control holds on the reference's page,
	 * not on the next one: room for one line of the footnote moves the
	 * line; room for 9 of its 10 lines leaves one alone on page 2.  The
	 * body ends 9.3 pt above the footnotes: room for 2 lines, not 3. */
	static const struct { int fill, p1, p2; const char *last; } cases[] = {
		{ 60, 0, 10, "\"line 60\"" },
		{ 59, 2, 8, "\"Dòng có chú thích1\"" },
		{ 52, 9, 1, "\"Dòng có chú thích1\"" },
	};
	vndoc_buf note = VNDOC_BUF_INIT((size_t)1 << 20);
	long_note(&note);
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 20);
		const char *dir;
		char *d, *p1, *p2, *last;
		fillers(&body, cases[c].fill);
		vndoc_buf_puts(&body, "<w:p><w:r><w:t>Dòng có chú thích</w:t></w:r>" NOTE_REF "</w:p>");
		dir = write_doc_notes(body.ptr, note.ptr);
		d = dump_path(dir);
		p1 = page_of(d, 1);
		p2 = page_of(d, 2);
		last = strrchr(p1, '\n');
		ck_assert_ptr_nonnull(last);
		*last = '\0';
		last = strstr(p1, "\n  line ");
		for (char *q = last; q; q = strstr(q + 1, "\n  line "))
			last = q;
		ck_assert_msg(count(p1, "  footnote ") == cases[c].p1 && count(p2, "  footnote ") == cases[c].p2 &&
			      last && strstr(last, cases[c].last), "case %zu:\n%s", c, p1);
		free(p1);
		free(p2);
		free(d);
		if (c == 0)
			check_open_same(dir);
		vndoc_buf_dispose(&body);
	}
	vndoc_buf_dispose(&note);
}
END_TEST

START_TEST(render_layout__footnote_in_cell_split)
{
	/* The row stays (LibreOffice does not move it for its footnotes): the
	 * lines of the footnote that fit below it stay, as few as one, the
	 * rest goes to the foot of page 2; the rows after go to page 2. */
	vndoc_buf note = VNDOC_BUF_INIT((size_t)1 << 20);
	const char *dir;
	char *d, *p1, *p2;
	for (int i = 0; i < 12; i++)
		vndoc_buf_puts(&note, "chú thích trong ô ");
	dir = write_table_note(57, 12, 3, false, note.ptr);
	d = dump_path(dir);
	p1 = page_of(d, 1);
	p2 = page_of(d, 2);
	ck_assert_msg(strstr(p1, "  line y=746.6 x=185.0 w=30.2 h=11.5 \"hàng 31\"\n") && !strstr(p1, "\"hàng 4\"") &&
		      strstr(p1, "  rule x=85.0 y=770.6 w=116.9 h=0.5\n"
				 "  footnote y=773.7 x=85.0 w=466.9 h=11.5 \"1 chú thích trong ô ") &&
		      count(p1, "  footnote ") == 1, "%s", p1);
	ck_assert_msg(strstr(p2, "  line y=56.7 x=185.0 w=26.9 h=11.5 \"hàng 4\"\n") &&
		      strstr(p2, "  rule x=85.0 y=770.6 w=116.9 h=0.5\n"
				 "  footnote y=773.7 x=85.0 w=383.8 h=11.5 \"trong ô chú thích") &&
		      count(p2, "  footnote ") == 1, "%s", p2);
	free(p1);
	free(p2);
	free(d);
	check_open_same(dir);
	/* Ten lines, room for six below the row: six and four. */
	vndoc_buf_clear(&note);
	long_note(&note);
	dir = write_table_note(52, 12, 3, false, note.ptr);
	d = dump_path(dir);
	p1 = page_of(d, 1);
	p2 = page_of(d, 2);
	ck_assert_msg(count(p1, "  footnote ") == 6 && count(p2, "  footnote ") == 4 &&
		      strstr(p2, "  footnote y=739.2 x=85.0 w=450.5 h=11.5 \"chữ084 "), "%s", p2);
	free(p1);
	free(p2);
	free(d);
	check_open_same(dir);
	vndoc_buf_dispose(&note);
}
END_TEST

/* ---------------------------------------------------------------- columns of unequal widths */

#define COLS_WIDE_NARROW                                                                                 \
	"<w:cols w:num=\"2\" w:equalWidth=\"0\"><w:col w:w=\"6955\" w:space=\"400\"/><w:col w:w=\"2000\"/></w:cols>"
#define COLS_NARROW_WIDE                                                                                 \
	"<w:cols w:num=\"2\" w:equalWidth=\"0\"><w:col w:w=\"2000\" w:space=\"400\"/><w:col w:w=\"6955\"/></w:cols>"

/* One paragraph of `n` words "wNNN". */
static void words_para(vndoc_buf *b, int n)
{
	vndoc_buf_puts(b, "<w:p><w:r><w:t>");
	for (int i = 0; i < n; i++)
		vndoc_buf_printf(b, "%sw%03d", i ? " " : "", i);
	vndoc_buf_puts(b, "</w:t></w:r></w:p>");
}

/* A paragraph going from a wide column into a narrow one, then on to the
 * wide column of the next page: the lines in each column are broken at
 * that column's width (LibreOffice 7.4 does, measured). */
START_TEST(render_layout__unequal_columns_break_lines_again)
{
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 20);
	const char *dir;
	char *d;
	fillers(&body, 61);
	words_para(&body, 300);
	vndoc_buf_puts(&body, COLS_SECT(COLS_WIDE_NARROW, ""));
	dir = write_doc(body.ptr);
	d = dump_path(dir);
	ck_assert_ptr_nonnull(strstr(d, "  line y=769.6 x=85.0 w=343.6 h=11.5 \"w014 w015 w016 w017 w018 w019 w020 "
					"w021 w022 w023 w024 w025 w026 w027 \"\n"
					"  line y=56.7 x=452.8 w=96.4 h=11.5 \"w028 w029 w030 w031 \"\n"));
	ck_assert_ptr_nonnull(strstr(d, "  line y=769.6 x=452.8 w=96.4 h=11.5 \"w276 w277 w278 w279 \"\n"));
	ck_assert_ptr_nonnull(strstr(d, "page 2 595.3x841.9\n"
					"  line y=56.7 x=85.0 w=343.6 h=11.5 \"w280 w281 w282 w283 w284 w285 w286 "
					"w287 w288 w289 w290 w291 w292 w293 \"\n"
					"  line y=68.2 x=85.0 w=145.8 h=11.5 \"w294 w295 w296 w297 w298 w299\"\n"));
	free(d);
	check_open_same(dir);
	vndoc_buf_dispose(&body);
}
END_TEST

/* Balanced columns of unequal widths: each trial breaks the lines again
 * at the width of the column they land in. */
START_TEST(render_layout__unequal_columns_balanced)
{
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 20);
	const char *dir;
	char *d;
	vndoc_buf_puts(&body, "<w:p><w:r><w:t>Title</w:t></w:r></w:p>"
			      "<w:p><w:pPr>" COLS_SECT("", "") "</w:pPr></w:p>");
	words_para(&body, 80);
	vndoc_buf_puts(&body, "<w:p><w:pPr>" COLS_SECT(COLS_NARROW_WIDE, "<w:type w:val=\"continuous\"/>")
			      "</w:pPr></w:p><w:p><w:r><w:t>After</w:t></w:r></w:p>"
			      COLS_SECT("", "<w:type w:val=\"continuous\"/>"));
	dir = write_doc(body.ptr);
	d = dump_path(dir);
	ck_assert_ptr_nonnull(strstr(d, "  line y=114.2 x=85.0 w=96.4 h=11.5 \"w016 w017 w018 w019 \"\n"
					"  line y=68.2 x=205.1 w=343.6 h=11.5 \"w020 w021 w022 w023 w024 w025 w026 "
					"w027 w028 w029 w030 w031 w032 w033 \"\n"));
	ck_assert_ptr_nonnull(strstr(d, "  line y=114.2 x=205.1 w=96.4 h=11.5 \"w076 w077 w078 w079\"\n"
					"  line y=125.7 x=85.0 w=21.1 h=11.5 \"After\"\n"));
	ck_assert_int_eq(count(d, "page "), 1);
	free(d);
	check_open_same(dir);
	vndoc_buf_dispose(&body);
}
END_TEST

/* ---------------------------------------------------------------- w:position, split rows' last part */

#define POS_STYLES                                                                                    \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<w:styles " W_NS ">"                                 \
	"<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val=\"24\"/></w:rPr></w:rPrDefault></w:docDefaults>"  \
	"<w:style w:type=\"character\" w:styleId=\"Up\"><w:rPr><w:position w:val=\"8\"/></w:rPr></w:style>" \
	"<w:style w:type=\"character\" w:styleId=\"Up2\"><w:basedOn w:val=\"Up\"/>"                         \
	"<w:rPr><w:color w:val=\"FF0000\"/></w:rPr></w:style></w:styles>"

/* Direct w:position raises or lowers a run at its own size by
 * round(position / size) percent of the font's height (LibreOffice 7.4,
 * measured: +3.45 pt and -3.45 pt for 3 pt at 12 pt), and the line grows
 * by it above and below (20.7 pt = 13.8 + 2 * 3.45).  In a style it is a
 * superscript (LibreOffice), through basedOn too. */
START_TEST(render_layout__run_position_raises_and_lowers)
{
	vndoc_package *pkg = NULL;
	vndoc_docx *doc = NULL;
	vndoc_error e;
	const vndoc_docx_para *p;
	const char *dir;
	char *d;

	dir = write_doc("<w:p><w:r><w:t xml:space=\"preserve\">Base </w:t></w:r>"
			"<w:r><w:rPr><w:position w:val=\"6\"/></w:rPr><w:t xml:space=\"preserve\">Hup </w:t></w:r>"
			"<w:r><w:rPr><w:position w:val=\"-6\"/></w:rPr><w:t>Ldn</w:t></w:r></w:p>"
			"<w:p><w:r><w:t>Plain</w:t></w:r></w:p>"
			"<w:p><w:r><w:rPr><w:rStyle w:val=\"Up2\"/></w:rPr><w:t>Sty</w:t></w:r></w:p>"
			"<w:p><w:r><w:rPr><w:vertAlign w:val=\"superscript\"/><w:position w:val=\"0\"/></w:rPr>"
			"<w:t>Zero</w:t></w:r></w:p>" A4);
	put_part(dir, "word/styles.xml", POS_STYLES);
	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_package_open(&pkg, dir, &e), 0);
	ck_assert_int_eq(vndoc_docx_load(&doc, pkg, &e), 0);
	p = &doc->body.blocks[0].u.para;
	ck_assert_int_eq(p->inlines[0].rpr.position, 0);
	ck_assert_int_eq(p->inlines[1].rpr.position, 6);
	ck_assert_int_eq(p->inlines[2].rpr.position, -6);
	p = &doc->body.blocks[2].u.para;
	ck_assert_int_eq(p->inlines[0].rpr.position, 0);
	ck_assert_int_eq(p->inlines[0].rpr.vert_align, VNDOC_DOCX_VALIGN_SUPERSCRIPT);
	ck_assert_uint_eq(p->inlines[0].rpr.color, 0xff0000);
	p = &doc->body.blocks[3].u.para;
	ck_assert_int_eq(p->inlines[0].rpr.position, 0);
	ck_assert_int_eq(p->inlines[0].rpr.vert_align, VNDOC_DOCX_VALIGN_SUPERSCRIPT);
	vndoc_docx_free(doc);
	vndoc_package_free(pkg);

	d = dump_path(dir);
	ck_assert_ptr_nonnull(strstr(d, "h=20.7 \"Base Hup Ldn\"\n"));
	ck_assert_double_eq_tol(text_line_y(d, "Plain") - text_line_y(d, "Base Hup Ldn"), 20.7, 0.05);
	free(d);
	check_open_same(dir);
}
END_TEST

/* Row 0 of a 4000 + 4000 twip table with 0.5 pt borders: cell A holds
 * A0..A69, cell B B0..B59 aligned `valign`; it is split over two pages. */
static const char *split_valign_doc(const char *valign)
{
	vndoc_buf b = VNDOC_BUF_INIT((size_t)1 << 20);
	const char *dir;
	vndoc_buf_puts(&b, "<w:p><w:r><w:t>Intro</w:t></w:r></w:p><w:tbl><w:tblPr><w:tblBorders>");
	for (int i = 0; i < 6; i++)
		vndoc_buf_printf(&b, "<w:%s w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>",
				 (const char *[]){ "top", "left", "bottom", "right", "insideH", "insideV" }[i]);
	vndoc_buf_puts(&b, "</w:tblBorders></w:tblPr><w:tblGrid><w:gridCol w:w=\"4000\"/><w:gridCol w:w=\"4000\"/>"
			   "</w:tblGrid><w:tr><w:tc>");
	for (int i = 0; i < 70; i++)
		vndoc_buf_printf(&b, "<w:p><w:r><w:t>A%d</w:t></w:r></w:p>", i);
	vndoc_buf_printf(&b, "</w:tc><w:tc><w:tcPr><w:vAlign w:val=\"%s\"/></w:tcPr>", valign);
	for (int i = 0; i < 60; i++)
		vndoc_buf_printf(&b, "<w:p><w:r><w:t>B%d</w:t></w:r></w:p>", i);
	vndoc_buf_puts(&b, "</w:tc></w:tr></w:tbl><w:p><w:r><w:t>After</w:t></w:r></w:p>" A4);
	dir = write_doc(b.ptr);
	put_part(dir, "word/styles.xml", POS_STYLES);
	vndoc_buf_dispose(&b);
	return dir;
}

/* LibreOffice 7.4 (measured): the last part of a split row aligns the
 * rest of a centred or bottom-aligned cell in the part (B51 level with
 * A56, B59 with A69), and a part on a following page keeps the top
 * border's 0.5 pt above its text as the first part does. */
START_TEST(render_layout__split_row_last_part_aligns_cells)
{
	const char *dir;
	char *d, *p1, *p2;

	dir = split_valign_doc("center");
	d = dump_path(dir);
	ck_assert_int_eq(count(d, "page "), 2);
	p1 = page_of(d, 1);
	p2 = page_of(d, 2);
	ck_assert_double_eq_tol(text_line_y(p1, "A0") - text_line_y(p1, "Intro"), 14.3, 0.05);
	ck_assert_double_eq_tol(text_line_y(p2, "A51"), 56.7 + 0.5, 0.05);
	ck_assert_double_eq_tol(text_line_y(p2, "B51"), text_line_y(p2, "A56"), 0.01);
	free(p1);
	free(p2);
	free(d);
	check_open_same(dir);

	dir = split_valign_doc("bottom");
	d = dump_path(dir);
	p2 = page_of(d, 2);
	ck_assert_double_eq_tol(text_line_y(p2, "B59"), text_line_y(p2, "A69"), 0.01);
	ck_assert_double_eq_tol(text_line_y(p2, "B51"), text_line_y(p2, "A61"), 0.01);
	free(p2);
	free(d);
	check_open_same(dir);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("render");
	TCase *layout = tcase_create("layout"), *pdf = tcase_create("pdf"), *docx = tcase_create("docx");

	tcase_set_timeout(layout, 60);
	tcase_set_timeout(pdf, 60);
	/* Long tables of 20,000 rows laid out several times. */
	tcase_set_timeout(docx, 600);
	tcase_add_test(layout, render_layout__justified_line_breaks);
	tcase_add_test(layout, render_layout__page_break_when_text_overflows);
	tcase_add_test(layout, render_layout__numbered_headings_and_bullets);
	tcase_add_test(layout, render_layout__header_row_repeats_on_each_page);
	tcase_add_test(layout, render_layout__landscape_section_after_portrait);
	tcase_add_test(layout, render_layout__page_fields_in_header_and_footer);
	tcase_add_test(layout, render_layout__explicit_page_breaks);
	tcase_add_test(layout, render_layout__keep_with_next_moves_heading);
	tcase_add_test(layout, render_layout__widow_control_moves_paragraph);
	tcase_add_test(layout, render_layout__space_before_at_page_top);
	tcase_add_test(layout, render_layout__line_spacing_rules);
	tcase_add_test(layout, render_layout__paragraph_border_takes_room);
	tcase_add_test(layout, render_layout__missing_glyph_is_an_error);
	tcase_add_test(layout, render_layout__shared_fonts_give_the_same_layout);
	tcase_add_test(layout, render_layout__missing_font_configuration);
	tcase_add_test(layout, render_layout__fonts_per_thread);
	tcase_add_test(layout, render_layout__inline_pictures_at_their_extent);
	tcase_add_test(layout, render_layout__picture_in_a_header);
	tcase_add_test(layout, render_layout__floating_pictures);
	tcase_add_test(layout, render_layout__huge_picture_is_not_decoded);
	tcase_add_test(layout, render_layout__tab_stops_and_leaders);
	tcase_add_test(layout, render_layout__table_widths_as_libreoffice);
	tcase_add_test(layout, render_layout__sections_odd_even_and_restarts);
	tcase_add_test(layout, render_layout__page_fields_in_the_body);
	tcase_add_test(layout, render_layout__page_number_formats);
	tcase_add_test(layout, render_layout__field_format_switches);
	tcase_add_test(layout, render_layout__character_properties);
	tcase_add_test(pdf, render_pdf__jpeg_embedded_as_is_png_decoded);
	tcase_add_test(pdf, render_pdf__vietnamese_text_extracts_unchanged);
	tcase_add_test(pdf, render_pdf__is_deterministic);
	tcase_add_test(pdf, render_pdf__streamed_same_bytes);
	tcase_add_test(layout, render_layout__symbol_font_private_use_mapped);
	tcase_add_test(layout, render_layout__merged_cell_spreads_over_its_rows);
	tcase_add_test(layout, render_layout__table_row_splits_at_page_end);
	tcase_add_test(pdf, render_pdf__streamed_write_failure);
	tcase_add_test(pdf, render_png__one_file_per_page);
	tcase_add_test(pdf, render_png__jpeg_pictures_decoded);
	tcase_add_test(pdf, render_png__damaged_jpeg_is_a_grey_box_and_a_warning);
	tcase_add_test(pdf, render_pdf__outline_from_headings_and_metadata);
	tcase_add_test(pdf, render_cli__prints_warnings);
	tcase_add_test(docx, render_docx__styles_resolve_through_based_on);
	tcase_add_test(docx, render_docx__number_formats);
	tcase_add_test(docx, render_docx__open_same_as_load);
	tcase_add_test(docx, render_docx__open_same_as_load_mixed);
	tcase_add_test(docx, render_docx__open_long_table_stays_flat);
	tcase_add_test(docx, render_docx__open_long_table_numpages_in_footer);
	tcase_add_test(docx, render_docx__open_malformed_body);
	tcase_add_test(layout, render_layout__text_wraps_beside_square_picture);
	tcase_add_test(layout, render_layout__text_wraps_right_of_left_picture);
	tcase_add_test(layout, render_layout__top_and_bottom_moves_text_below);
	tcase_add_test(layout, render_layout__floating_picture_on_its_paragraphs_page);
	tcase_add_test(docx, render_docx__open_same_as_load_floats);
	tcase_add_test(layout, render_layout__merged_cell_crosses_page_break);
	tcase_add_test(layout, render_layout__merged_cell_rest_makes_its_last_row_taller);
	tcase_add_test(layout, render_layout__merged_cell_splits_its_last_row);
	tcase_add_test(docx, render_docx__open_same_as_load_long_merges);
	tcase_add_test(layout, render_layout__columns_flow_and_separator);
	tcase_add_test(layout, render_layout__column_break_and_unequal_columns);
	tcase_add_test(layout, render_layout__continuous_columns_are_balanced);
	tcase_add_test(layout, render_layout__footnote_at_page_foot);
	tcase_add_test(layout, render_layout__footnote_pushes_its_line_to_next_page);
	tcase_add_test(layout, render_layout__footnote_custom_mark);
	tcase_add_test(layout, render_layout__footnotes_outside_the_body_are_named);
	tcase_add_test(layout, render_layout__footnote_in_table_cell);
	tcase_add_test(layout, render_layout__footnote_in_cell_without_room_moves_on);
	tcase_add_test(layout, render_layout__footnote_split_over_two_pages);
	tcase_add_test(layout, render_layout__footnote_split_keeps_two_lines);
	tcase_add_test(layout, render_layout__footnote_in_cell_split);
	tcase_add_test(docx, render_docx__table_style_conditional_formatting);
	tcase_add_test(docx, render_docx__table_style_open_same_as_load);
	tcase_add_test(layout, render_layout__unequal_columns_break_lines_again);
	tcase_add_test(layout, render_layout__unequal_columns_balanced);
	tcase_add_test(layout, render_layout__run_position_raises_and_lowers);
	tcase_add_test(layout, render_layout__split_row_last_part_aligns_cells);
	suite_add_tcase(s, docx);
	suite_add_tcase(s, layout);
	suite_add_tcase(s, pdf);
	return test_run_suite(s);
}
