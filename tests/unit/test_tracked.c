/*
 * tests/unit/test_tracked.c: tracked changes are drawn as markup, as
 * LibreOffice 7.4 draws them and Word's "All Markup" view shows them:
 * inserted text (w:ins, w:moveTo) underlined, deleted text (w:del,
 * w:moveFrom) struck through, both in #0646A2 (LibreOffice's colour for a
 * document's first author; Apache POI's stress023: 1,028 of its 5,354
 * words are deleted text, missing from our page when it was not drawn).
 * settings.xml's w:revisionView w:insDel="0" (or w:markup="0") shows
 * the document as if the changes were accepted.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docx/docx.h"
#include "package/package.h"
#include "render_util.h"
#include "test.h"

#define CHANGES                                                                                          \
	"<w:p><w:r><w:t xml:space=\"preserve\">Giữ </w:t></w:r>"                                         \
	"<w:del w:id=\"1\" w:author=\"A\"><w:r><w:rPr><w:b/></w:rPr><w:delText>xóa đi</w:delText></w:r></w:del>" \
	"<w:ins w:id=\"2\" w:author=\"A\"><w:r><w:t>thêm vào</w:t></w:r></w:ins>"                        \
	"<w:moveFrom w:id=\"3\" w:author=\"B\"><w:r><w:t xml:space=\"preserve\"> cũ</w:t></w:r></w:moveFrom></w:p>" \
	"<w:p><w:r><w:t>Không đổi</w:t></w:r></w:p>"

#define MARKUP_WARNING                                                                                   \
	"tracked changes drawn as markup, as LibreOffice and Word's All Markup view show them: "          \
	"inserted text underlined, deleted text struck through"

static size_t warned(const vndoc_docx *doc, const char *what)
{
	size_t n = 0;
	for (size_t i = 0; i < doc->n_warnings; i++)
		n += !strcmp(doc->warnings[i], what);
	return n;
}

START_TEST(tracked__drawn_as_markup)
{
	const char *dir = write_doc(CHANGES);
	vndoc_docx *doc = load_docx(dir);
	const vndoc_docx_para *p = &doc->body.blocks[0].u.para;
	char *d;

	ck_assert_uint_eq(warned(doc, MARKUP_WARNING), 1);
	ck_assert_uint_eq(p->n_inlines, 4);
	ck_assert_str_eq(p->inlines[0].text, "Giữ ");
	ck_assert(!p->inlines[0].rpr.strike && !p->inlines[0].rpr.underline);
	ck_assert_uint_eq(p->inlines[0].rpr.color, 0);
	/* deleted: struck through, in the change colour, its own bold kept */
	ck_assert_str_eq(p->inlines[1].text, "xóa đi");
	ck_assert(p->inlines[1].rpr.strike && !p->inlines[1].rpr.underline && p->inlines[1].rpr.bold);
	ck_assert(p->inlines[1].rpr.deleted && !p->inlines[2].rpr.deleted);
	ck_assert_uint_eq(p->inlines[1].rpr.color, 0x0646a2);
	/* inserted: underlined */
	ck_assert_str_eq(p->inlines[2].text, "thêm vào");
	ck_assert(p->inlines[2].rpr.underline && !p->inlines[2].rpr.strike);
	ck_assert_uint_eq(p->inlines[2].rpr.color, 0x0646a2);
	/* moved away: as deleted */
	ck_assert_str_eq(p->inlines[3].text, " cũ");
	ck_assert(p->inlines[3].rpr.strike);
	vndoc_docx_free(doc);
	d = dump_path(dir);
	ck_assert_msg(strstr(d, "\"Giữ xóa đithêm vào cũ\"\n"), "%s", d);
	ck_assert_msg(strstr(d, "\"Không đổi\"\n"), "%s", d);
	free(d);
}
END_TEST

START_TEST(tracked__settings_hide_the_markup)
{
	const char *dir = write_doc(CHANGES);
	vndoc_docx *doc;
	char *d;

	put_part(dir, "word/settings.xml",
		 "<w:settings " W_NS "><w:revisionView w:insDel=\"0\" w:formatting=\"0\"/></w:settings>");
	doc = load_docx(dir);
	ck_assert_uint_eq(warned(doc, MARKUP_WARNING), 0);
	/* one run of text: nothing sets the inserted text apart */
	ck_assert_uint_eq(doc->body.blocks[0].u.para.n_inlines, 1);
	ck_assert_str_eq(doc->body.blocks[0].u.para.inlines[0].text, "Giữ thêm vào");
	vndoc_docx_free(doc);
	d = dump_path(dir);
	ck_assert_msg(strstr(d, "\"Giữ thêm vào\"\n") && !strstr(d, "xóa") && !strstr(d, "cũ"), "%s", d);
	free(d);
}
END_TEST

static Suite *tracked_suite(void)
{
	Suite *s = suite_create("tracked");
	TCase *tc = tcase_create("tracked");
	tcase_add_test(tc, tracked__drawn_as_markup);
	tcase_add_test(tc, tracked__settings_hide_the_markup);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(tracked_suite());
}
