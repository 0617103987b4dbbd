/*
 * tests/unit/test_presplit.c: paragraphs of several lines laid out with
 * their guessed line starts as item boundaries (layout/presplit.c) and
 * Pango's shaping of a line's item met again taken from the last one
 * (layout/shape_cache.c) give the layout and PDF of Pango's own breaking,
 * byte for byte: left-aligned, justified (Pango justifies a line it
 * breaks inside an item with more room than one ending at an item:
 * presplit.c spreads that room again), with a first-line indent and a
 * hanging one.  And the boundaries are there: most lines of the
 * paragraphs start at one, and HarfBuzz's shaping of the items met again
 * is taken from the cache, so the test fails if the saving stops.
 */
#include <string.h>

#include "layout/layout_internal.h"
#include "layout/para.h"
#include "render_util.h"
#include "test.h"

#define WORDS                                                                                                                  \
	"Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ "  \
	"sung một số điều "                                                                                             \
	"của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm " \
	"2019; theo đề "                                                                                                    \
	"nghị của Giám đốc Sở Văn hóa, Thể thao và Du lịch tại Tờ trình số 15/TTr-SVHTTDL, the "       \
	"quick brown fox "                                                                                                     \
	"jumps over the lazy dog while Những người lao động work on the fields of the province. "

#define PARA(ppr)                                                                                  \
	"<w:p><w:pPr>" ppr "</w:pPr><w:r><w:t xml:space=\"preserve\">" WORDS WORDS                 \
	"</w:t></w:r></w:p>"

START_TEST(presplit__same_layout_fewer_shapings)
{
	const char *dir = write_doc(PARA("<w:jc w:val=\"both\"/>") PARA("")
	                                PARA("<w:ind w:firstLine=\"720\"/><w:jc w:val=\"both\"/>")
	                                    PARA("<w:ind w:left=\"720\" w:hanging=\"720\"/>"));
	vndoc_docx *doc = load_docx(dir);
	char *d0, *d1, *pdf0, *pdf1;
	size_t len0, len1, pages0 = 0, pages1 = 0;
	int split0, cuts0, undone0, split1, cuts1, undone1, lines;
	long hits0, hits1;

	vndoc_layout__presplit_disable(true);
	d0 = dump_path(dir);
	pdf_of(doc, "without", &pdf0, &len0, &pages0);
	vndoc_layout__presplit_disable(false);
	vndoc_layout__presplit_counts(&split0, &cuts0, &undone0);
	hits0 = vndoc_layout__shape_cache_hits();
	d1 = dump_path(dir);
	vndoc_layout__presplit_counts(&split1, &cuts1, &undone1);
	hits1 = vndoc_layout__shape_cache_hits();
	pdf_of(doc, "with", &pdf1, &len1, &pages1);

	ck_assert_str_eq(d0, d1);
	ck_assert_uint_eq(len0, len1);
	ck_assert(!memcmp(pdf0, pdf1, len0));
	/* every paragraph split, most of its lines at a boundary, each of
	 * those items' second shaping taken from the cache */
	lines = count(d1, "  line ");
	ck_assert_int_ge(lines, 4 * 8);
	ck_assert_int_eq(split1 - split0, 4);
	ck_assert_int_eq(undone1 - undone0, 0);
	ck_assert_msg(cuts1 - cuts0 >= (lines - 4) * 3 / 4, "%d boundaries for %d lines",
	              cuts1 - cuts0, lines);
	ck_assert_msg(hits1 - hits0 >= cuts1 - cuts0, "%ld cache hits for %d boundaries",
	              hits1 - hits0, cuts1 - cuts0);
	free(d0);
	free(d1);
	free(pdf0);
	free(pdf1);
	vndoc_docx_free(doc);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("presplit");
	TCase *tc = tcase_create("presplit");
	tcase_add_test(tc, presplit__same_layout_fewer_shapings);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
