/*
 * tests/unit/test_tracked.c: tracked changes are drawn as accepted
 * (w:ins's text drawn, w:del's and w:moveFrom's not), with one warning
 * saying so: LibreOffice 7.4 draws the deleted text struck through, so
 * its words are missing from vndoc's page (Apache POI's stress023: 1,028
 * deleted words, 20% of LibreOffice's).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docx/docx.h"
#include "package/package.h"
#include "render_util.h"
#include "test.h"

START_TEST(tracked__deleted_text_not_drawn_with_a_warning)
{
	const char *dir = write_doc("<w:p><w:r><w:t xml:space=\"preserve\">Giữ </w:t></w:r>"
				    "<w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText>xóa đi</w:delText></w:r></w:del>"
				    "<w:ins w:id=\"2\" w:author=\"A\"><w:r><w:t>thêm vào</w:t></w:r></w:ins></w:p>"
				    "<w:p><w:r><w:t>Không đổi</w:t></w:r></w:p>");
	vndoc_package *pkg = NULL;
	vndoc_docx *doc = NULL;
	vndoc_error e;
	char msg[1024], *d;
	size_t n = 0;

	vndoc_error_clear(&e);
	if (vndoc_package_open(&pkg, dir, &e) < 0 || vndoc_docx_load(&doc, pkg, &e) < 0)
		ck_abort_msg("%s", vndoc_error_format(&e, msg, sizeof msg));
	for (size_t i = 0; i < doc->n_warnings; i++)
		if (!strcmp(doc->warnings[i], "tracked changes drawn as accepted: deleted text (w:del, w:moveFrom) "
					      "not drawn (LibreOffice draws it struck through)"))
			n++;
	ck_assert_uint_eq(n, 1);
	vndoc_docx_free(doc);
	vndoc_package_free(pkg);
	d = dump_path(dir);
	ck_assert_msg(strstr(d, "\"Giữ thêm vào\"\n") && !strstr(d, "xóa"), "%s", d);
	ck_assert_msg(strstr(d, "\"Không đổi\"\n"), "%s", d);
	free(d);
}
END_TEST

static Suite *tracked_suite(void)
{
	Suite *s = suite_create("tracked");
	TCase *tc = tcase_create("tracked");
	tcase_add_test(tc, tracked__deleted_text_not_drawn_with_a_warning);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(tracked_suite());
}
