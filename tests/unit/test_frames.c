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

#include "core/alloc.h"
#include "docx/docx.h"
#include "docx/docx_internal.h"
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
	ck_assert_msg(strstr(d, "  footer y=798.7 x=532.1 w=6.5 h=14.9 \"1\"\n"), "%s", d);
	ck_assert_msg(strstr(d, "  header y=36.0 x=72.0 w=61.7 h=14.9 \"Framed one\"\n"), "%s", d);
	ck_assert_msg(strstr(d, "  header y=50.9 x=72.0 w=62.5 h=14.9 \"Framed two\"\n"), "%s", d);
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

/* A frame's text, the first run of its text box's first paragraph. */
static const char *frame_text(const vndoc_docx_inline *in)
{
	const vndoc_docx_story *inner = &in->drawing->shapes[0].text->story;
	return inner->blocks[0].u.para.inlines[0].text;
}

#define FRAME(x, text)                                                                                   \
	"<w:p><w:pPr><w:framePr w:w=\"1500\" w:wrap=\"around\" w:vAnchor=\"text\" w:hAnchor=\"text\" w:x=\"" x \
	"\" w:y=\"0\"/></w:pPr><w:r><w:t>" text "</w:t></w:r></w:p>"
#define PARA(text) "<w:p><w:r><w:t>" text "</w:t></w:r></w:p>"

/* Frames one after the other (each its own framePr) float in the first
 * paragraph after them that is not framed, in order; a frame at the end
 * of a text box gets an empty paragraph of its own.  Each frame used to
 * float in the paragraph after it, framed or not, and that paragraph,
 * taken for a plain one, was drawn as the text box's text. */
START_TEST(frames_docx__frames_in_a_row_float_in_the_next_paragraph)
{
	const char *dir = write_doc_xmlns(
		W_NS " xmlns:v=\"v\"",
		"<w:p><w:r><w:pict><v:rect style=\"width:400pt;height:60pt\"><v:textbox><w:txbxContent>" PARA("trước")
			FRAME("0", "Khung 0") FRAME("1600", "Khung 1a") FRAME("1600", "Khung 1b")
				FRAME("3200", "Khung 2") PARA("sau") FRAME("4800", "Khung 3")
		"</w:txbxContent></v:textbox></v:rect></w:pict></w:r></w:p>" PARA("x"));
	vndoc_docx *doc = load_docx(dir);
	const vndoc_docx_para *host = &doc->body.blocks[0].u.para;
	const vndoc_docx_story *box;
	const vndoc_docx_para *sau, *end;
	char *d;

	ck_assert_uint_ge(host->n_inlines, 1);
	ck_assert(host->inlines[0].drawing && host->inlines[0].drawing->n_shapes == 1);
	box = &host->inlines[0].drawing->shapes[0].text->story;
	ck_assert_uint_eq(box->n_blocks, 3);
	sau = &box->blocks[1].u.para;
	ck_assert_uint_eq(sau->n_inlines, 4);
	ck_assert_str_eq(frame_text(&sau->inlines[0]), "Khung 0");
	ck_assert_str_eq(frame_text(&sau->inlines[1]), "Khung 1a");
	ck_assert_uint_eq(sau->inlines[1].drawing->shapes[0].text->story.n_blocks, 2); /* 1a and 1b: one frame */
	ck_assert_str_eq(frame_text(&sau->inlines[2]), "Khung 2");
	ck_assert_str_eq(sau->inlines[3].text, "sau");
	end = &box->blocks[2].u.para;
	ck_assert(!end->ppr.frame.set);
	ck_assert_uint_eq(end->n_inlines, 1);
	ck_assert_str_eq(frame_text(&end->inlines[0]), "Khung 3");
	vndoc_docx_free(doc);

	/* drawn once each, in their boxes beside "sau" (80 pt apart, from
	 * the text box's inner edge) */
	d = dump_path(dir);
	ck_assert_msg(strstr(d, "  line y=75.6 x=79.2 w=21.3 h=11.5 \"trước\"\n"
				"  line y=87.1 x=79.2 w=13.3 h=11.5 \"sau\"\n"), "%s", d);
	ck_assert_msg(strstr(d, "  shape rect x=159.2 y=87.1 w=75.0 h=23.0 stroke=none\n"
				"  line y=87.1 x=159.2 w=39.2 h=11.5 \"Khung 1a\"\n"
				"  line y=98.6 x=159.2 w=39.7 h=11.5 \"Khung 1b\"\n"), "%s", d);
	ck_assert_int_eq(count(d, "\"Khung 1b\""), 1);
	ck_assert_int_eq(count(d, "  shape rect "), 5);
	free(d);
}
END_TEST

/* A framed paragraph in a table cell is no frame: Word and LibreOffice
 * 7.4 draw it in its cell, where it stands (vn-gr2-baocao's nested tables
 * in Word's PDF, every paragraph with a w:framePr; soffice on a document
 * of our own: in a plain table and in a nested one).  vndoc floated each
 * at the margin, over the table, and the rows kept an empty line. */
START_TEST(frames_docx__frames_in_a_cell_stay_in_the_cell)
{
	const char *dir = write_doc(
		"<w:tbl><w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"5000\"/></w:tblGrid><w:tr><w:tc>"
		PARA("trước") "</w:tc><w:tc><w:tbl><w:tblGrid><w:gridCol w:w=\"2000\"/></w:tblGrid><w:tr><w:tc>"
		FRAME("0", "Khung 0") FRAME("1600", "Khung 1") "</w:tc></w:tr></w:tbl>" PARA("")
		"</w:tc></w:tr><w:tr><w:tc>" FRAME("0", "Khung 2") "</w:tc><w:tc>" PARA("sau") "</w:tc></w:tr></w:tbl>"
		PARA("x"));
	vndoc_docx *doc = load_docx(dir);
	const vndoc_docx_table *t = &doc->body.blocks[0].u.table;
	const vndoc_docx_story *inner = &t->rows[0].cells[1].content.blocks[0].u.table.rows[0].cells[0].content;
	const vndoc_docx_story *c = &t->rows[1].cells[0].content;
	char *d;

	ck_assert_uint_eq(inner->n_blocks, 2);
	ck_assert(!inner->blocks[0].u.para.ppr.frame.set && !inner->blocks[1].u.para.ppr.frame.set);
	ck_assert_str_eq(inner->blocks[0].u.para.inlines[0].text, "Khung 0");
	ck_assert_str_eq(inner->blocks[1].u.para.inlines[0].text, "Khung 1");
	ck_assert_uint_eq(c->n_blocks, 1);
	ck_assert_str_eq(c->blocks[0].u.para.inlines[0].text, "Khung 2");
	vndoc_docx_free(doc);

	d = dump_path(dir);
	/* in the nested cell one under the other, the row two lines high */
	ck_assert_msg(strstr(d, "  line y=72.0 x=172.0 w=34.7 h=11.5 \"Khung 0\"\n"
				"  line y=83.5 x=172.0 w=34.7 h=11.5 \"Khung 1\"\n"), "%s", d);
	ck_assert_msg(strstr(d, "  cell r1c0 x=66.6 y=95.0 w=100.0 h=11.5\n"
				"  line y=95.0 x=72.0 w=34.7 h=11.5 \"Khung 2\"\n"), "%s", d);
	ck_assert_int_eq(count(d, "  shape rect "), 0);
	free(d);
}
END_TEST

/* Frames are gathered in one pass, each block moved once: 30,000 frames
 * before one paragraph.  Each frame moved every block after it before,
 * 30,000 x 30,000 / 2 blocks of 440 bytes (12,000 frames in a cell took
 * 7.7 s of which 68% in memmove); at this size the test would not end
 * within its time. */
START_TEST(frames_docx__many_frames_gathered_in_one_pass)
{
	enum { N = 30000 };
	vndoc_docx_story s;

	s.n_blocks = N + 1;
	s.blocks = vndoc_xcalloc(N + 1, sizeof *s.blocks);
	for (size_t i = 0; i <= N; i++) {
		vndoc_docx_para *p = &s.blocks[i].u.para;
		s.blocks[i].kind = VNDOC_DOCX_BLOCK_PARA;
		p->section = -1;
		p->ppr.frame.set = i < N;
		p->ppr.frame.x = (int)i; /* each its own frame */
	}
	vndoc_docx__frames_gather(&s, 0);
	ck_assert_uint_eq(s.n_blocks, 1);
	ck_assert(!s.blocks[0].u.para.ppr.frame.set);
	ck_assert_uint_eq(s.blocks[0].u.para.n_inlines, N);
	for (size_t i = 0; i < N; i += N / 10)
		ck_assert_double_eq_tol(s.blocks[0].u.para.inlines[i].anchor.h_offset, i / 20.0, 1e-9);
	vndoc_docx__story_dispose(&s);
}
END_TEST

START_TEST(frames_layout__inside_and_outside_mirrored_on_even_pages)
{
	/* settings.xml mirrorMargins, w:left 2 in (the inside), w:right 1 in
	 * (the outside): page 1's margins are [144, 540], page 2's [72, 468].
	 * A frame at xAlign outside of the margin, 72 pt wide: at the right
	 * of page 1's (468), at the left of page 2's (72); a frame inside:
	 * the other way round (144; 396).  Before, inside was always left and
	 * outside right, and the margins were never swapped. */
#define MFRAME(align, text)                                                                                  \
	"<w:p><w:pPr><w:framePr w:w=\"1440\" w:hAnchor=\"margin\" w:vAnchor=\"text\" w:xAlign=\"" align "\" " \
	"w:wrap=\"around\"/></w:pPr><w:r><w:t>" text "</w:t></w:r></w:p>"
	const char *dir = write_doc_mirrored(MFRAME("outside", "Out1") MFRAME("inside", "In1")
					     "<w:p><w:r><w:t>Odd</w:t></w:r></w:p><w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
					     MFRAME("outside", "Out2") MFRAME("inside", "In2")
					     "<w:p><w:r><w:t>Even</w:t></w:r></w:p>");
#undef MFRAME
	char *dump, *p1, *p2;
	dump = dump_path(dir);
	p1 = page_of(dump, 1);
	p2 = page_of(dump, 2);
	/* the body text beside the inside frame */
	ck_assert_msg(strstr(p1, "x=468.0 w=20.0 h=11.5 \"Out1\"") && strstr(p1, "x=144.0 w=13.3 h=11.5 \"In1\"") &&
			      strstr(p1, "x=216.0 w=17.2 h=11.5 \"Odd\""),
		      "%s", p1);
	ck_assert_msg(strstr(p2, "x=72.0 w=20.0 h=11.5 \"Out2\"") && strstr(p2, "x=396.0 w=13.3 h=11.5 \"In2\"") &&
			      strstr(p2, "x=144.0 w=20.5 h=11.5 \"Even\""),
		      "%s", p2);
	free(p1);
	free(p2);
	free(dump);
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
	tcase_add_test(tc, frames_docx__frames_in_a_row_float_in_the_next_paragraph);
	tcase_add_test(tc, frames_docx__frames_in_a_cell_stay_in_the_cell);
	tcase_add_test(tc, frames_docx__many_frames_gathered_in_one_pass);
	tcase_add_test(tc, frames_layout__inside_and_outside_mirrored_on_even_pages);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(frames_suite());
}
