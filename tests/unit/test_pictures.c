/*
 * tests/unit/test_pictures.c: pictures as documents carry them -- JPEGs
 * (Adobe marker, progressive, CMYK), GIF, and what is drawn as an empty
 * frame (EMF, WMF, PDF, missing, damaged) -- on the fixture
 * render/pictures (make_pictures.py): each keeps its box, the PDF and the
 * PNG pages show their colours, each frame has one warning.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "core/buf.h"
#include "docx/metafile.h"
#include "docx/picture.h"
#include "docx/docx.h"
#include "layout/layout.h"
#include "package/package.h"
#include "render/render.h"
#include "test.h"

/* The fixture's pictures, in order: each 100 x 50 pt after its label. */
static const char *const parts[] = {
	"word/media/adobe.jpeg", "word/media/progressive.jpg", "word/media/cmyk.jpg",
	"word/media/logo.gif",   "word/media/chart.emf",       "word/media/seal.wmf",
	"word/media/page.pdf",   "word/media/gone.png",        "word/media/short.gif",
};
#define N_PARTS (sizeof parts / sizeof parts[0])

/* The fixture laid out; its document's warnings copied into `warnings`
 * (one string, a line each). */
static vndoc_layout *layout_pictures(char **warnings)
{
	vndoc_package *pkg = NULL;
	vndoc_docx *doc = NULL;
	vndoc_layout *l = NULL;
	vndoc_buf w = VNDOC_BUF_INIT((size_t)1 << 20);
	vndoc_error e;
	char msg[1024];

	vndoc_error_clear(&e);
	if (vndoc_package_open(&pkg, test_fixture("render/pictures"), &e) < 0 || vndoc_docx_load(&doc, pkg, &e) < 0 ||
	    vndoc_layout_run(&l, doc, NULL, &e) < 0)
		ck_abort_msg("%s", vndoc_error_format(&e, msg, sizeof msg));
	vndoc_buf_puts(&w, "");
	for (size_t i = 0; i < doc->n_warnings; i++)
		vndoc_buf_printf(&w, "%s\n", doc->warnings[i]);
	*warnings = vndoc_buf_detach(&w, NULL);
	vndoc_docx_free(doc);
	vndoc_package_free(pkg);
	return l;
}

/* The boxes of the fixture's pictures (x, y, w, h), from the layout dump. */
static void picture_boxes(const vndoc_layout *l, double box[N_PARTS][4])
{
	vndoc_buf out = VNDOC_BUF_INIT((size_t)1 << 24);
	ck_assert_int_eq(vndoc_render_dump(l, &out), 0);
	for (size_t i = 0; i < N_PARTS; i++) {
		char want[128];
		const char *p;
		snprintf(want, sizeof want, " \"%s\"\n", parts[i]);
		p = strstr(out.ptr, want);
		ck_assert_msg(p != NULL, "no box for %s in\n%s", parts[i], out.ptr);
		while (p > out.ptr && p[-1] != '\n')
			p--;
		ck_assert_int_eq(sscanf(p, "  image x=%lf y=%lf w=%lf h=%lf", &box[i][0], &box[i][1], &box[i][2],
					&box[i][3]),
				 4);
	}
	vndoc_buf_dispose(&out);
}

/* Pixel (x, y) of a PNG file as 0xRRGGBB. */
static unsigned png_at(const char *path, double x, double y)
{
	cairo_surface_t *s = cairo_image_surface_create_from_png(path);
	unsigned px;
	ck_assert_int_eq(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	cairo_surface_flush(s);
	px = ((const uint32_t *)(const void *)(cairo_image_surface_get_data(s) +
					       (int)y * cairo_image_surface_get_stride(s)))[(int)x];
	cairo_surface_destroy(s);
	return px & 0xffffff;
}

static void assert_colour(const char *path, double x, double y, int r, int g, int b, const char *what)
{
	unsigned px = png_at(path, x, y);
	int pr = (int)(px >> 16), pg = (int)(px >> 8 & 0xff), pb = (int)(px & 0xff);
	ck_assert_msg(abs(pr - r) <= 8 && abs(pg - g) <= 8 && abs(pb - b) <= 8,
		      "%s at %.0f,%.0f: %06x, not %02x%02x%02x", what, x, y, px, (unsigned)r, (unsigned)g, (unsigned)b);
}

/* The colours both renderers must show at 72 dpi (a pixel a point) on the
 * page image `path`: each JPEG's halves, the GIF's, the frames. */
static void assert_page(const char *path, double box[N_PARTS][4])
{
	/* JPEG halves: red and blue; CMYK (0,1,1,0) red and (1,0,0,.5) teal. */
	static const int halves[3][2][3] = {
		{ { 200, 30, 30 }, { 30, 60, 200 } },
		{ { 200, 30, 30 }, { 30, 60, 200 } },
		{ { 255, 0, 0 }, { 0, 128, 128 } },
	};
	for (int i = 0; i < 3; i++)
		for (int h = 0; h < 2; h++)
			assert_colour(path, box[i][0] + box[i][2] * (h ? 0.75 : 0.25), box[i][1] + box[i][3] / 2,
				      halves[i][h][0], halves[i][h][1], halves[i][h][2], parts[i]);
	/* The GIF: its top quarter transparent (the white page), then green
	 * and blue. */
	assert_colour(path, box[3][0] + 25, box[3][1] + 5, 255, 255, 255, "GIF, transparent");
	assert_colour(path, box[3][0] + 25, box[3][1] + 35, 0, 160, 0, "GIF, left");
	assert_colour(path, box[3][0] + 75, box[3][1] + 35, 0, 0, 255, "GIF, right");
	/* The frames: grey outline and diagonals, white between. */
	for (size_t i = 4; i < N_PARTS; i++) {
		unsigned edge = png_at(path, box[i][0] + 0.25, box[i][1] + 10);
		ck_assert_msg(edge != 0xffffff && (edge >> 16) == (edge & 0xff) && (edge >> 16) >= 0x80,
			      "%s: frame %06x", parts[i], edge);
		assert_colour(path, box[i][0] + 25, box[i][1] + 25, 255, 255, 255, parts[i]);
	}
}

START_TEST(pictures__every_picture_keeps_its_box)
{
	char *warnings;
	vndoc_layout *l = layout_pictures(&warnings);
	double box[N_PARTS][4];

	picture_boxes(l, box);
	for (size_t i = 0; i < N_PARTS; i++) {
		ck_assert_double_eq_tol(box[i][2], 100, 0.05);
		ck_assert_double_eq_tol(box[i][3], 50, 0.05);
	}
	/* One warning per picture drawn as a frame, none for the others. */
	ck_assert_str_eq(warnings,
			 "picture word/media/chart.emf (EMF) is damaged, drawn as an empty frame\n"
			 "picture word/media/seal.wmf (WMF) is damaged, drawn as an empty frame\n"
			 "picture word/media/page.pdf (PDF) drawn as an empty frame: vndoc draws PNG, JPEG, GIF, EMF and WMF\n"
			 "picture word/media/gone.png missing, drawn as an empty frame\n"
			 "picture word/media/short.gif is damaged, drawn as an empty frame (Failed to read from "
			 "given file)\n");
	free(warnings);
	vndoc_layout_free(l);
}
END_TEST

START_TEST(pictures__pdf_shows_the_jpeg_not_a_black_box)
{
	char *warnings, *out = NULL, *errout = NULL, cmd[9000], pdf[4200], png[4200];
	const char *tmp = test_tmpdir();
	vndoc_layout *l = layout_pictures(&warnings);
	double box[N_PARTS][4];
	vndoc_error e;

	picture_boxes(l, box);
	snprintf(pdf, sizeof pdf, "%s/p.pdf", tmp);
	ck_assert_int_eq(vndoc_render_pdf(l, pdf, NULL, &e), 0);
	/* The RGB JPEGs go in as they are (DCT streams of their own size);
	 * the CMYK one decoded (Adobe's inverted CMYK), the GIF with its mask. */
	snprintf(cmd, sizeof cmd,
		 "pdfimages -list '%s' | awk 'NR > 2 { print $3, $6, $9, ($9 == \"jpeg\" ? $4 \"x\" $5 : \"\") }' | "
		 "sort | uniq -c", pdf);
	ck_assert_int_eq(test_run(cmd, &out, &errout), 0);
	ck_assert_str_eq(out, "      2 image rgb image \n"
			      "      2 image rgb jpeg 200x100\n"
			      "      1 smask gray image \n");
	free(out);
	free(errout);
	snprintf(cmd, sizeof cmd, "pdftoppm -png -r 72 -singlefile '%s' '%s/p'", pdf, tmp);
	ck_assert_int_eq(test_run(cmd, &out, &errout), 0);
	snprintf(png, sizeof png, "%s/p.png", tmp);
	assert_page(png, box);
	free(out);
	free(errout);
	free(warnings);
	vndoc_layout_free(l);
}
END_TEST

START_TEST(pictures__png_pages_decode_them)
{
	vndoc_render_png_options opts = VNDOC_RENDER_PNG_OPTIONS_INIT;
	vndoc_error_list list = VNDOC_ERROR_LIST_INIT;
	char *warnings, png[4200];
	const char *tmp = test_tmpdir();
	vndoc_layout *l = layout_pictures(&warnings);
	double box[N_PARTS][4];
	vndoc_error e;

	picture_boxes(l, box);
	opts.dpi = 72;
	opts.warnings = &list;
	ck_assert_int_eq(vndoc_render_png_with(l, tmp, &opts, &e), 0);
	ck_assert_uint_eq(list.count, 0); /* the document said it all */
	snprintf(png, sizeof png, "%s/page-001.png", tmp);
	assert_page(png, box);
	vndoc_error_list_dispose(&list);
	free(warnings);
	vndoc_layout_free(l);
}
END_TEST

START_TEST(pictures__gif_frames_larger_than_the_limit_are_refused)
{
	/* A 1 x 1 screen whose frame claims 20000 x 20000 pixels: refused
	 * before its data is decoded (it would be 400 million pixels). */
	static const unsigned char gif[] = "GIF89a\x01\x00\x01\x00\x80\x00\x00"
					   "\x00\x00\x00\xff\xff\xff"
					   ",\x00\x00\x00\x00\x20\x4e\x20\x4e\x00"
					   "\x02\x02\x44\x01\x00;";
	char why[128];
	ck_assert_int_eq(vndoc_docx_picture_gif(gif, sizeof gif - 1, 1, 1, NULL, 0, why, sizeof why), -1);
	ck_assert_str_eq(why, "a frame of 20000 x 20000 pixels");
	/* The same file with a frame of 1 x 1 decodes. */
	{
		unsigned char ok[sizeof gif];
		uint32_t px = 0;
		memcpy(ok, gif, sizeof gif);
		ok[24] = 1, ok[25] = 0, ok[26] = 1, ok[27] = 0;
		ck_assert_int_eq(vndoc_docx_picture_gif(ok, sizeof ok - 1, 1, 1, (unsigned char *)&px, 4, why, sizeof why),
				 0);
		ck_assert_uint_eq(px, 0xff000000u);
	}
}
END_TEST

/* An EMF and a WMF of our own (make_emf.py) drawn from their records: a
 * filled polygon, an ellipse, a line, a bitmap the right way up, text; no
 * warning. */
START_TEST(pictures__emf_and_wmf_are_drawn_from_their_records)
{
	vndoc_package *pkg = NULL;
	vndoc_docx *doc = NULL;
	vndoc_layout *l = NULL;
	vndoc_error e;
	char msg[1024], pdf[4200], png[4200], cmd[9000], *out = NULL, *errout = NULL;
	const char *tmp = test_tmpdir();
	/* The box is at 85.0, 56.7; a logical unit is 0.72 pt. */
	double x0 = 85.0, y0 = 56.7, u = 0.72;

	vndoc_error_clear(&e);
	if (vndoc_package_open(&pkg, test_fixture("render/emf"), &e) < 0 || vndoc_docx_load(&doc, pkg, &e) < 0 ||
	    vndoc_layout_run(&l, doc, NULL, &e) < 0)
		ck_abort_msg("%s", vndoc_error_format(&e, msg, sizeof msg));
	ck_assert_uint_eq(doc->n_warnings, 0);
	snprintf(pdf, sizeof pdf, "%s/emf.pdf", tmp);
	ck_assert_int_eq(vndoc_render_pdf(l, pdf, NULL, &e), 0);
	snprintf(cmd, sizeof cmd, "pdftoppm -png -r 72 -singlefile '%s' '%s/emf'", pdf, tmp);
	ck_assert_int_eq(test_run(cmd, &out, &errout), 0);
	free(out);
	free(errout);
	snprintf(png, sizeof png, "%s/emf.png", tmp);
	assert_colour(png, x0 + 35 * u, y0 + 35 * u, 255, 0, 0, "polygon");
	assert_colour(png, x0 + 100 * u, y0 + 35 * u, 0, 0, 255, "ellipse");
	assert_colour(png, x0 + 135 * u, y0 + 35 * u, 255, 255, 255, "between ellipse and bitmap");
	assert_colour(png, x0 + 100 * u, y0 + 66 * u, 0, 255, 0, "line");
	assert_colour(png, x0 + 100 * u, y0 + 62 * u, 255, 255, 255, "above the line");
	assert_colour(png, x0 + 142 * u, y0 + 12 * u, 0, 255, 255, "bitmap, top left");
	assert_colour(png, x0 + 188 * u, y0 + 12 * u, 255, 0, 255, "bitmap, top right");
	assert_colour(png, x0 + 142 * u, y0 + 58 * u, 0, 0, 0, "bitmap, bottom left");
	snprintf(cmd, sizeof cmd, "pdftotext '%s' -", pdf);
	ck_assert_int_eq(test_run(cmd, &out, &errout), 0);
	ck_assert_msg(strstr(out, "EMF text") != NULL, "no text in %s", out);
	/* The WMF below it (72 x 36 pt at 85.0, 128.7): its green square
	 * on the left half, its text. */
	assert_colour(png, 85.0 + 18, 128.7 + 18, 0, 255, 0, "WMF polygon");
	assert_colour(png, 85.0 + 60, 128.7 + 4, 255, 255, 255, "WMF, right of the polygon");
	ck_assert_msg(strstr(out, "WMF text") != NULL, "no WMF text in %s", out);
	free(out);
	free(errout);
	vndoc_layout_free(l);
	vndoc_docx_free(doc);
	vndoc_package_free(pkg);
}
END_TEST

/* A damaged EMF: records past a count are refused, the rest named. */
START_TEST(pictures__emf_check_names_what_is_skipped)
{
	/* A header (frame 1 x 1 mm), an EMR_ARC, a POLYGON16 claiming 1000
	 * points in 4 bytes. */
	unsigned char d[88 + 40 + 32 + 20];
	char why[256];
	memset(d, 0, sizeof d);
	d[0] = 1, d[4] = 88, d[40] = ' ', d[41] = 'E', d[42] = 'M', d[43] = 'F';
	d[32] = 100, d[36] = 100;             /* frame right, bottom: 1 mm */
	d[72] = 100, d[76] = 100, d[80] = 10, d[84] = 10; /* device, mm */
	d[88] = 45, d[92] = 40;               /* EMR_ARC: skipped, named */
	d[128] = 86, d[132] = 32, d[152] = 0xe8, d[153] = 0x03; /* POLYGON16, 1000 points */
	ck_assert_int_eq(vndoc_docx_emf_check(d, sizeof d, why, sizeof why), 0);
	ck_assert_str_eq(why, "ARC, damaged from record 3"); /* the header is record 1 */
	/* No header: not an EMF vndoc reads. */
	d[0] = 2;
	ck_assert_int_eq(vndoc_docx_emf_check(d, sizeof d, why, sizeof why), -1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pictures");
	TCase *tc = tcase_create("pictures");
	tcase_add_test(tc, pictures__every_picture_keeps_its_box);
	tcase_add_test(tc, pictures__pdf_shows_the_jpeg_not_a_black_box);
	tcase_add_test(tc, pictures__png_pages_decode_them);
	tcase_add_test(tc, pictures__gif_frames_larger_than_the_limit_are_refused);
	tcase_add_test(tc, pictures__emf_and_wmf_are_drawn_from_their_records);
	tcase_add_test(tc, pictures__emf_check_names_what_is_skipped);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
