/*
 * test_hostile_layout.c: runaways and loss in the layout (issue 18).
 * Inputs are made by scripts/make-hostile.py (layout_runaways).  A long
 * paragraph goes to Pango a piece of at most VNDOC_LIMIT_LAYOUT_CHUNK_BYTES
 * at a time (layout/para_chunk.c) and is normalized a piece at a time
 * (vn/nfc.c): the bound is that limit, asserted through what it makes
 * possible (every line inside the column, no character lost), not a time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/limits.h"
#include "test.h"

#define HOSTILE VNDOC_FIXTURES "/hostile/"
/* Letter paper less the default margins (72 pt on each side). */
#define COLUMN 468.0

typedef struct dump_stats {
	int pages, lines;
	double widest;
	char *text; /* the lines' text, one after the other */
} dump_stats;

static void read_dump(const char *fixture, dump_stats *st)
{
	char cmd[8192], *out = NULL, *err = NULL, *p;
	size_t len = 0, cap;

	snprintf(cmd, sizeof cmd, "'%s' render '%s%s' --dump-layout", VNDOC_EXE, HOSTILE, fixture);
	ck_assert_int_eq(test_run(cmd, &out, &err), 0);
	ck_assert_str_eq(err, "");
	memset(st, 0, sizeof *st);
	cap = strlen(out) + 1;
	st->text = calloc(1, cap);
	for (p = out; *p; p = strchr(p, '\n') + 1) {
		double w;
		const char *q;
		if (!strncmp(p, "page ", 5))
			st->pages++;
		const char *nl = strchr(p, '\n') ? strchr(p, '\n') : p + strlen(p);
		if (!strncmp(p, "  line ", 7) && (q = strstr(p, " w=")) && sscanf(q, " w=%lf", &w) == 1) {
			const char *t = memchr(p, '"', (size_t)(nl - p)), *e = nl;
			while (e > p && e[-1] != '"')
				e--;
			st->lines++;
			if (w > st->widest)
				st->widest = w;
			if (t && e - 1 > t) {
				memcpy(st->text + len, t + 1, (size_t)(e - 1 - t - 1));
				len += (size_t)(e - 1 - t - 1);
			}
		}
		if (!*nl)
			break;
	}
	free(out);
	free(err);
}

/* 200,000 characters without a space: broken at the character where
 * nothing else fits (as Word and LibreOffice do: 93 "x" of 5 pt to the
 * 468 pt line, no hyphen), every one of them on a page.  It hung (Pango's
 * line breaking is quadratic in a run). */
START_TEST(hostile_layout__long_word_broken_at_characters)
{
	dump_stats st;
	read_dump("long-word.docx", &st);
	ck_assert_uint_eq(strlen(st.text), 200000);
	ck_assert_uint_eq(strspn(st.text, "x"), 200000);
	ck_assert_double_le(st.widest, COLUMN);
	ck_assert_int_eq(st.lines, 2151);
	ck_assert_int_eq(st.pages, 39);
	free(st.text);
}
END_TEST

/* 80,000 words in one paragraph: lines inside the column, not one line
 * 2,000,000 points wide (Pango's widths are ints of 1/1024 pt). */
START_TEST(hostile_layout__many_words_stay_on_the_page)
{
	dump_stats st;
	read_dump("many-words.docx", &st);
	/* every word and space, in order */
	ck_assert_uint_eq(strlen(st.text), 80000 * strlen("Nguyễn ") - 1);
	ck_assert_int_eq(memcmp(st.text, "Nguyễn Nguyễn ", strlen("Nguyễn Nguyễn ")), 0);
	ck_assert_double_le(st.widest, COLUMN);
	ck_assert_double_ge(st.widest, COLUMN - 60);
	ck_assert_int_eq(st.lines, 6154);
	ck_assert_int_eq(st.pages, 110);
	free(st.text);
}
END_TEST

/* 300 letters of 1638 pt, 5,000 of 12 pt, 20,000 of 1 pt in one
 * paragraph: each large letter alone on its line (as wide as it is), the
 * others inside the column, none lost. */
START_TEST(hostile_layout__huge_letters_then_small_ones)
{
	dump_stats st;
	size_t n = 0;
	read_dump("huge-letters.docx", &st);
	ck_assert_uint_eq(strlen(st.text), 300 + 5000 * strlen("ằ") + 20000);
	for (const char *p = st.text; (p = strstr(p, "ằ")); p += strlen("ằ"))
		n++;
	ck_assert_uint_eq(n, 5000);
	ck_assert_uint_eq(strspn(st.text, "W"), 300);
	ck_assert_uint_eq(strspn(st.text + strlen(st.text) - 20000, "i"), 20000);
	ck_assert_int_eq(st.lines, 360);
	ck_assert_int_eq(st.pages, 301);
	free(st.text);
}
END_TEST

/* 10,000 sections, 10,000 lists: laid out (linear work), a page each
 * section; the list counting from the largest start counts on.  (100,000
 * table rows are linear too, 0.3 ms a row: measured, not a test.) */
START_TEST(hostile_layout__many_sections_and_lists)
{
	dump_stats st;
	read_dump("many-sections.docx", &st);
	ck_assert_int_eq(st.pages, 10001);
	ck_assert_int_eq(st.lines, 10001);
	free(st.text);
	read_dump("many-lists.docx", &st);
	ck_assert_int_eq(st.lines, 10002);
	ck_assert_ptr_nonnull(strstr(st.text, "10000001.\\tmục"));
	free(st.text);
}
END_TEST

/* 3,300 sections over 10,000 lists in a body render streams: under 1.5 GB
 * of address space (the counters of every list kept for each section took
 * 3 GB).  The sanitizers reserve more than that: there, no limit. */
START_TEST(hostile_layout__streamed_lists_bounded)
{
	const char *dir = test_tmpdir();
	char cmd[12000], *err = NULL;
	const char *limit = test_address_limit(1500000);
	snprintf(cmd, sizeof cmd, "%s'%s' render '%sstream-lists.docx' -o '%s/out.pdf'", limit, VNDOC_EXE, HOSTILE,
		 dir);
	ck_assert_int_eq(test_run(cmd, NULL, &err), 0);
	ck_assert_str_eq(err, "");
	free(err);
}
END_TEST

/* A header of 500 frames over 300 page breaks: a small body (read whole)
 * whose 301 pages are written as they are laid out, under 400 MB of
 * address space (all pages were kept before the PDF was written: 545 MB
 * resident).  The sanitizers reserve more than that: there, no limit. */
START_TEST(hostile_layout__many_pages_of_a_small_body_bounded)
{
	const char *dir = test_tmpdir();
	char cmd[12000], *err = NULL, *out = NULL;
	const char *limit = test_address_limit(400000);
	snprintf(cmd, sizeof cmd, "%s'%s' render '%sheader-frames.docx' -o '%s/frames.pdf'", limit, VNDOC_EXE,
		 HOSTILE, dir);
	ck_assert_int_eq(test_run(cmd, NULL, &err), 0);
	ck_assert_str_eq(err, "");
	free(err);
	snprintf(cmd, sizeof cmd, "pdfinfo '%s/frames.pdf' | grep '^Pages:'", dir);
	ck_assert_int_eq(test_run(cmd, &out, NULL), 0);
	ck_assert_str_eq(out, "Pages:           301\n");
	free(out);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("hostile_layout");
	TCase *tc = tcase_create("hostile_layout");
	tcase_add_test(tc, hostile_layout__long_word_broken_at_characters);
	tcase_add_test(tc, hostile_layout__many_words_stay_on_the_page);
	tcase_add_test(tc, hostile_layout__huge_letters_then_small_ones);
	tcase_add_test(tc, hostile_layout__many_sections_and_lists);
	tcase_add_test(tc, hostile_layout__streamed_lists_bounded);
	tcase_add_test(tc, hostile_layout__many_pages_of_a_small_body_bounded);
	tcase_set_timeout(tc, 600);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
