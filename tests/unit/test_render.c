/*
 * tests/unit/test_render.c: the renderers -- PDF (deterministic, streamed,
 * text that extracts unchanged, embedded pictures, outline and metadata),
 * PNG pages, and `vndoc render`'s warnings.
 *
 * Split from the former test_render.c: the docx model is tested in
 * test_docx.c, the layout in test_layout.c and tests/spec/layout.txt.
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

START_TEST(render_png__damaged_jpeg_is_an_empty_frame_and_a_warning)
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
			 "picture word/media/bad.jpg is damaged, drawn as an empty frame (Unsupported JPEG data precision 12)");
	ck_assert_str_eq(warnings.items[1].message,
			 "picture word/media/short.jpg is damaged, drawn as decoded (Premature end of JPEG file)");
	ck_assert_int_eq(warnings.items[0].code, VNDOC_EFORMAT);
	/* An empty frame: white inside, between its diagonals. */
	image_box(d, "word/media/bad.jpg", box);
	ck_assert_uint_eq(png_pixel(path, (int)(box[0] + box[2] / 4), (int)(box[1] + box[3] / 2)), 0xffffff);
	ck_assert_uint_lt(png_pixel(path, (int)box[0], (int)(box[1] + box[3] / 2)) >> 16, 0xff);
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
	ck_assert_ptr_nonnull(strstr(errout, "images: chart (c:chart) not drawn, its room kept\n"));
	ck_assert_int_eq(count(errout, "vndoc: warning: "), 2);
	free(out);
	free(errout);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("render");
	TCase *tc = tcase_create("pdf");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, render_pdf__jpeg_embedded_as_is_png_decoded);
	tcase_add_test(tc, render_pdf__vietnamese_text_extracts_unchanged);
	tcase_add_test(tc, render_pdf__is_deterministic);
	tcase_add_test(tc, render_pdf__streamed_same_bytes);
	tcase_add_test(tc, render_pdf__streamed_write_failure);
	tcase_add_test(tc, render_png__one_file_per_page);
	tcase_add_test(tc, render_png__jpeg_pictures_decoded);
	tcase_add_test(tc, render_png__damaged_jpeg_is_an_empty_frame_and_a_warning);
	tcase_add_test(tc, render_pdf__outline_from_headings_and_metadata);
	tcase_add_test(tc, render_cli__prints_warnings);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
