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

int main(void)
{
	Suite *s = suite_create("render");
	TCase *layout = tcase_create("layout"), *pdf = tcase_create("pdf"), *docx = tcase_create("docx");

	tcase_set_timeout(layout, 60);
	tcase_set_timeout(pdf, 60);
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
	tcase_add_test(pdf, render_pdf__vietnamese_text_extracts_unchanged);
	tcase_add_test(pdf, render_pdf__is_deterministic);
	tcase_add_test(pdf, render_png__one_file_per_page);
	tcase_add_test(docx, render_docx__styles_resolve_through_based_on);
	suite_add_tcase(s, docx);
	suite_add_tcase(s, layout);
	suite_add_tcase(s, pdf);
	return test_run_suite(s);
}
