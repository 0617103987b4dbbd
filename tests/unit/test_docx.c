/*
 * tests/unit/test_docx.c: reading the docx model -- styles, number formats,
 * table styles, and documents streamed (vndoc_docx_open) laid out and drawn
 * the same as loaded whole (vndoc_docx_load).
 *
 * Split from tests/unit/test_render.c; shared helpers in
 * tests/support/render_util.h.
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
#include "docx/docx_internal.h"
#include "docx/symbols.h"
#include "layout/layout.h"
#include "package/package.h"
#include "render/render.h"
#include "test.h"
#include "render_util.h"

/* Floating pictures (open_same_as_load_floats). */
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

START_TEST(docx__number_formats)
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

START_TEST(docx__open_same_as_load)
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
START_TEST(docx__open_same_as_load_mixed)
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

START_TEST(docx__open_long_table_stays_flat)
{
	check_long_table(false);
}
END_TEST

START_TEST(docx__open_long_table_numpages_in_footer)
{
	check_long_table(true);
}
END_TEST

/* A body that is not well-formed fails at open, as when loaded. */
START_TEST(docx__open_malformed_body)
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

/* ---------------------------------------------------------------- docx */

/* docProps/app.xml naming LibreOffice: a document whose author saw
 * LibreOffice's layout (Word's own rules then do not apply, layout.c). */
START_TEST(docx__app_other_than_word)
{
	vndoc_package *pkg = NULL;
	vndoc_docx *doc = NULL;
	vndoc_error e;

	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_package_open(&pkg, test_fixture("fidelity/08-giu-dong.docx"), &e), 0);
	ck_assert_int_eq(vndoc_docx_load(&doc, pkg, &e), 0);
	ck_assert_int_eq(doc->compat_mode, 15);
	ck_assert(doc->other_app);
	vndoc_docx_free(doc);
	vndoc_package_free(pkg);
}
END_TEST

START_TEST(docx__styles_resolve_through_based_on)
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
	ck_assert(doc->other_app); /* docProps/app.xml: written by "vndoc" */
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

/* The fixture made in LibreOffice, and pictures with every kind of wrap:
 * streamed as loaded. */
START_TEST(docx__open_same_as_load_floats)
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

/* A long table of units merged down over 2 to 13 rows, with more lines
 * than rows in some, a repeated header row: streamed as loaded, and as
 * laid out whole; a streamed body holds about a page of rows. */
START_TEST(docx__open_same_as_load_long_merges)
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

START_TEST(docx__table_style_conditional_formatting)
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
START_TEST(docx__table_style_open_same_as_load)
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

/* A border with no w:val is no border (fuzz_collect: border_weight read
 * the missing value and crashed). */
START_TEST(docx__border_without_val)
{
	vndoc_docx *doc = load_docx(write_doc(
		"<w:tbl><w:tr><w:tc><w:tcPr><w:tcBorders><w:top w:sz=\"8\"/><w:bottom w:val=\"triple\" w:sz=\"4\"/>"
		"</w:tcBorders></w:tcPr><w:p/></w:tc></w:tr></w:tbl>" A4));
	const vndoc_docx_cell *c = ts_cell(doc, 0, 0, 0);
	ck_assert_int_eq(c->border[VNDOC_DOCX_TOP].style, VNDOC_DOCX_BORDER_NONE);
	ck_assert_int_eq(c->border[VNDOC_DOCX_BOTTOM].weight, VNDOC_DOCX_BORDER_W_THRICE);
	vndoc_docx_free(doc);
}
END_TEST

/* The reader's shortcuts read what the long way reads: an integer
 * attribute's plain digits read in place, anything else by strtol, and
 * the value clamped to +-10,000,000 both ways; a text without an EF byte
 * has no private-use character to map, one with them maps from there. */
START_TEST(docx__attr_int_and_symbols_as_the_long_way)
{
	static const struct {
		const char *v;
		int want;
	} cases[] = {
		{ "0", 0 },        { "240", 240 },         { "-240", -240 },       { "-0", 0 },
		{ "007", 7 },      { "1440.0", 1440 },     { "12pt", 12 },         { "123456789", 10000000 },
		{ "-123456789", -10000000 }, { "1234567890123", 10000000 }, { "-99999999999", -10000000 },
		{ "9999999", 9999999 }, { "+5", 5 },       { " 7", 7 },            { "-", -1 },
		{ "", -1 },        { "x1", -1 },           { "--3", -1 },          { "0x10", 0 },
	};
	const char *plain = "Vi\xe1\xbb\x87t Nam", *sym = "Vi\xe1\xbb\x87t \xef\x81\x81 x";
	xmlNode *n = xmlNewNode(NULL, (const xmlChar *)"ind");
	size_t len = 99;
	char *m;

	ck_assert_int_eq(vndoc_docx__attr_int(n, "left", -1), -1);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		xmlSetProp(n, (const xmlChar *)"left", (const xmlChar *)cases[i].v);
		ck_assert_msg(vndoc_docx__attr_int(n, "left", -1) == cases[i].want, "\"%s\": %d, not %d", cases[i].v,
			      vndoc_docx__attr_int(n, "left", -1), cases[i].want);
	}
	xmlFreeNode(n);
	/* U+F041 (EF 81 81) in a font without a table is "A"; Vietnamese
	 * text (no EF byte) is left alone. */
	ck_assert_ptr_null(vndoc_docx__map_symbols(VNDOC_DOCX__SYMBOL_NONE, plain, strlen(plain), &len));
	m = vndoc_docx__map_symbols(VNDOC_DOCX__SYMBOL_NONE, sym, strlen(sym), &len);
	ck_assert_ptr_nonnull(m);
	ck_assert_uint_eq(len, strlen("Vi\xe1\xbb\x87t A x"));
	ck_assert_str_eq(m, "Vi\xe1\xbb\x87t A x");
	free(m);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("docx");
	TCase *tc = tcase_create("docx");

	/* Long tables of 20,000 rows laid out several times. */
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, docx__styles_resolve_through_based_on);
	tcase_add_test(tc, docx__app_other_than_word);
	tcase_add_test(tc, docx__number_formats);
	tcase_add_test(tc, docx__open_same_as_load);
	tcase_add_test(tc, docx__open_same_as_load_mixed);
	tcase_add_test(tc, docx__open_long_table_stays_flat);
	tcase_add_test(tc, docx__open_long_table_numpages_in_footer);
	tcase_add_test(tc, docx__open_malformed_body);
	tcase_add_test(tc, docx__open_same_as_load_floats);
	tcase_add_test(tc, docx__open_same_as_load_long_merges);
	tcase_add_test(tc, docx__table_style_conditional_formatting);
	tcase_add_test(tc, docx__table_style_open_same_as_load);
	tcase_add_test(tc, docx__border_without_val);
	tcase_add_test(tc, docx__attr_int_and_symbols_as_the_long_way);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
