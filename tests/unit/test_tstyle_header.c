/*
 * tests/unit/test_tstyle_header.c: a table style's first row marked as a
 * header row (w:tblStylePr w:type="firstRow" / w:trPr / w:tblHeader) is
 * repeated at the top of each page, as LibreOffice 7.4 repeats it (and as
 * docx4j's documents rely on: their "Child Elements" tables).
 *
 * The fixture tests/fixtures/render/tstyle-header (make_tstyle_header.py)
 * holds two tables of 90 rows in that style, the first with tblLook
 * firstRow on, the second with it off; neither row has a trPr.  Converted
 * by LibreOffice 7.4 (soffice --convert-to pdf, pdftotext): six pages,
 * "Phần tử con" at the top of pages 1-3, "Không lặp lại" of pages 4-6.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docx/docx.h"
#include "package/package.h"
#include "render_util.h"
#include "test.h"

START_TEST(tstyle_header_docx__first_row_is_a_header_row)
{
	vndoc_package *pkg = NULL;
	vndoc_docx *doc = NULL;
	vndoc_error e;
	char msg[1024];
	size_t n = 0;

	vndoc_error_clear(&e);
	if (vndoc_package_open(&pkg, test_fixture("render/tstyle-header"), &e) < 0 ||
	    vndoc_docx_load(&doc, pkg, &e) < 0)
		ck_abort_msg("%s", vndoc_error_format(&e, msg, sizeof msg));
	for (size_t b = 0; b < doc->body.n_blocks; b++) {
		const vndoc_docx_block *blk = &doc->body.blocks[b];
		if (blk->kind != VNDOC_DOCX_BLOCK_TABLE)
			continue;
		ck_assert_uint_eq(blk->u.table.n_rows, 90);
		ck_assert_uint_eq(blk->u.table.n_header, 1);
		ck_assert(!blk->u.table.rows[1].header);
		n++;
	}
	ck_assert_uint_eq(n, 2);
	vndoc_docx_free(doc);
	vndoc_package_free(pkg);
}
END_TEST

START_TEST(tstyle_header_layout__repeated_on_each_page)
{
	char *d = dump_path(test_fixture("render/tstyle-header"));
	ck_assert_msg(count(d, "page ") == 6, "%s", d);
	for (int p = 1; p <= 6; p++) {
		char *pg = page_of(d, p);
		ck_assert_msg(count(pg, p <= 3 ? "\"Phần tử con\"" : "\"Không lặp lại\"") == 1, "page %d: %s", p, pg);
		free(pg);
	}
	free(d);
}
END_TEST

static Suite *tstyle_header_suite(void)
{
	Suite *s = suite_create("tstyle_header");
	TCase *tc = tcase_create("tstyle_header");
	tcase_add_test(tc, tstyle_header_docx__first_row_is_a_header_row);
	tcase_add_test(tc, tstyle_header_layout__repeated_on_each_page);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(tstyle_header_suite());
}
