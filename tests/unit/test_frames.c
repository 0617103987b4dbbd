/*
 * tests/unit/test_frames.c: w:framePr frames read into the docx model
 * (docx/frames.c: a floating text box anchored in the paragraph after
 * them) and placed as LibreOffice 7.4 places them (layout/frames.c).
 *
 * The fixture tests/fixtures/render/frames (make_frames.py) is written as
 * Word writes: a footer's page number framed at the right of the margin,
 * a header frame of two paragraphs 144 pt wide at 72, 36 on the page, and
 * a body frame 144 pt wide at the right of the margin, the text beside it.
 * The positions were measured on the fixture zipped and converted by
 * LibreOffice 7.4 (soffice --convert-to pdf, pdftotext -bbox-layout):
 * "1" at x 532.2..538.7, y 798.45; "Framed one" at 72.1, 35.85; "Framed
 * two" at 72.1, 50.75; "Header title" at 281.5, 28.15.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docx/docx.h"
#include "package/package.h"
#include "render_util.h"
#include "test.h"

START_TEST(frames_docx__footer_page_number_becomes_a_float)
{
	vndoc_docx *doc = load_docx(test_fixture("render/frames"));
	const vndoc_docx_story *ftr = &doc->stories[doc->sections[0].footer[VNDOC_DOCX_HF_DEFAULT]];
	const vndoc_docx_para *host;
	const vndoc_docx_inline *in;
	const vndoc_docx_story *inner;

	/* The framed paragraph went into the float; Word's empty paragraph
	 * after it holds it. */
	ck_assert_uint_eq(ftr->n_blocks, 1);
	host = &ftr->blocks[0].u.para;
	ck_assert(!host->ppr.frame.set);
	ck_assert_int_eq(host->ppr.ind_right, 360);
	ck_assert_uint_ge(host->n_inlines, 1);
	in = &host->inlines[0];
	ck_assert_int_eq(in->kind, VNDOC_DOCX_INLINE_FLOAT);
	ck_assert_int_eq(in->anchor.h_from, VNDOC_DOCX_FROM_MARGIN);
	ck_assert_int_eq(in->anchor.v_from, VNDOC_DOCX_FROM_PARAGRAPH);
	ck_assert_int_eq(in->anchor.h_align, VNDOC_DOCX_ANCHOR_END);
	ck_assert_int_eq(in->anchor.v_align, VNDOC_DOCX_ANCHOR_OFFSET);
	ck_assert_double_eq_tol(in->anchor.v_offset, 0.05, 1e-9);
	ck_assert_int_eq(in->anchor.wrap, VNDOC_DOCX_WRAP_SQUARE);
	ck_assert(in->drawing && in->drawing->fit_w && in->drawing->n_shapes == 1);
	inner = &in->drawing->shapes[0].text->story;
	ck_assert_uint_eq(inner->n_blocks, 1);
	ck_assert(!inner->blocks[0].u.para.ppr.frame.set);
	{
		const vndoc_docx_para *p = &inner->blocks[0].u.para;
		size_t k = 0;
		while (k < p->n_inlines && p->inlines[k].kind != VNDOC_DOCX_INLINE_FIELD_PAGE)
			k++;
		ck_assert_uint_lt(k, p->n_inlines); /* the PAGE field is in the frame */
	}
	vndoc_docx_free(doc);
}
END_TEST

START_TEST(frames_docx__same_frame_paragraphs_are_one_frame)
{
	vndoc_docx *doc = load_docx(test_fixture("render/frames"));
	const vndoc_docx_story *hdr = &doc->stories[doc->sections[0].header[VNDOC_DOCX_HF_DEFAULT]];
	const vndoc_docx_inline *in;
	/* two framed paragraphs, then the title that holds them */
	ck_assert_uint_eq(hdr->n_blocks, 1);
	in = &hdr->blocks[0].u.para.inlines[0];
	ck_assert_int_eq(in->kind, VNDOC_DOCX_INLINE_FLOAT);
	ck_assert_int_eq(in->anchor.h_from, VNDOC_DOCX_FROM_PAGE);
	ck_assert_int_eq(in->anchor.v_from, VNDOC_DOCX_FROM_PAGE);
	ck_assert_double_eq_tol(in->anchor.h_offset, 72.0, 1e-9);
	ck_assert_double_eq_tol(in->anchor.v_offset, 36.0, 1e-9);
	ck_assert_double_eq_tol(in->anchor.dist_l, 9.0, 1e-9);
	ck_assert_double_eq_tol(in->image_w, 144.0, 1e-9);
	ck_assert(!in->drawing->fit_w);
	ck_assert_uint_eq(in->drawing->shapes[0].text->story.n_blocks, 2);
	vndoc_docx_free(doc);
}
END_TEST

START_TEST(frames_layout__placed_as_libreoffice_places_them)
{
	char *d = dump_path(test_fixture("render/frames"));
	/* the page number ends at the right margin (595.3 - 56.7 = 538.6) */
	ck_assert_msg(strstr(d, "  footer y=798.6 x=532.1 w=6.5 h=14.9 \"1\"\n"), "%s", d);
	ck_assert_msg(strstr(d, "  header y=36.0 x=72.0 w=61.7 h=14.9 \"Framed one\"\n"), "%s", d);
	ck_assert_msg(strstr(d, "  header y=51.0 x=72.0 w=62.5 h=14.9 \"Framed two\"\n"), "%s", d);
	ck_assert_msg(strstr(d, "  header y=28.4 x=281.3 w=61.0 h=14.9 \"Header title\"\n"), "%s", d);
	/* the body's frame at the right of the margin (LibreOffice: 394.7,
	 * 71.9 and 86.9), the text on its left (LibreOffice breaks its first
	 * line after "viết" too), its host line taking no room */
	ck_assert_msg(strstr(d, "  line y=72.0 x=394.6 w=139.0 h=14.9 \"Khung trong thân văn bản, \"\n"), "%s", d);
	ck_assert_msg(strstr(d, "  line y=87.0 x=394.6 w=114.1 h=14.9 \"rộng 144 pt, bên phải.\"\n"), "%s", d);
	ck_assert_msg(strstr(d, "  line y=72.0 x=85.0 w=294.1 h=14.9 \"Văn bản này chạy quanh khung bên phải, như Word viết \"\n"),
		      "%s", d);
	/* the frame takes no room in the footer: its empty paragraph is the
	 * footer's only line */
	ck_assert_int_eq(count(d, "  footer y="), 2);
	free(d);
}
END_TEST

START_TEST(frames_layout__streamed_as_loaded)
{
	check_open_same(test_fixture("render/frames"));
}
END_TEST

static Suite *frames_suite(void)
{
	Suite *s = suite_create("frames");
	TCase *tc = tcase_create("frames");
	tcase_add_test(tc, frames_docx__footer_page_number_becomes_a_float);
	tcase_add_test(tc, frames_docx__same_frame_paragraphs_are_one_frame);
	tcase_add_test(tc, frames_layout__placed_as_libreoffice_places_them);
	tcase_add_test(tc, frames_layout__streamed_as_loaded);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(frames_suite());
}
