/*
 * tests/unit/test_rtl.c: right-to-left text is written into the PDF in
 * visual order (render/text.c), so that its words are read back whole:
 * before, Cairo wrote each Arabic run from its right end leftwards and
 * pdftotext -bbox-layout read every letter as a word of its own (POI's
 * stress004, in Persian: 17,000 of LibreOffice's 36,664 words not found).
 * LibreOffice 7.4 writes the same glyphs left to right; pdftotext gives
 * the words of a line left to right, each spelt as seen (visual order),
 * and in plain mode puts them back into logical order.  Also the text
 * written for the hyphen where a line breaks at a soft hyphen.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"
#include "render_util.h"
#include "test.h"

/* قرآن, تدبر, کلیدهای: Persian; no lam-alef, whose one glyph stands for
 * two letters. */
#define QURAN "\xd9\x82\xd8\xb1\xd8\xa2\xd9\x86"
#define TADABBOR "\xd8\xaa\xd8\xaf\xd8\xa8\xd8\xb1"
#define KELID "\xda\xa9\xd9\x84\xdb\x8c\xd8\xaf\xd9\x87\xd8\xa7\xdb\x8c"
/* the same as drawn, left to right */
#define QURAN_SEEN "\xd9\x86\xd8\xa2\xd8\xb1\xd9\x82"
#define TADABBOR_SEEN "\xd8\xb1\xd8\xa8\xd8\xaf\xd8\xaa"
#define KELID_SEEN "\xdb\x8c\xd8\xa7\xd9\x87\xd8\xaf\xdb\x8c\xd9\x84\xda\xa9"

/* Renders `body` to a PDF; runs `tool` ("pdftotext -bbox-layout") on it
 * and returns its output. */
static char *pdf_text(const char *body, const char *tool)
{
	const char *dir = write_doc(body);
	char pdf[4200], cmd[8600], *out = NULL;
	vndoc_error e;
	vndoc_layout *l = layout_path(dir, &e);
	ck_assert_ptr_nonnull(l);
	snprintf(pdf, sizeof pdf, "%s/rtl.pdf", dir);
	ck_assert_int_eq(vndoc_render_pdf(l, pdf, NULL, &e), 0);
	vndoc_layout_free(l);
	snprintf(cmd, sizeof cmd, "%s '%s' - | sed -n 's/^ *<word [^>]*>\\(.*\\)<\\/word>$/\\1/p'", tool, pdf);
	ck_assert_int_eq(test_run(cmd, &out, NULL), 0);
	return out;
}

START_TEST(rtl__words_read_back_whole)
{
	char *words = pdf_text("<w:p><w:pPr><w:bidi/></w:pPr><w:r><w:rPr><w:rtl/></w:rPr>"
			       "<w:t>" KELID " " TADABBOR " " QURAN "</w:t></w:r></w:p>",
			       "pdftotext -bbox-layout");
	ck_assert_str_eq(words, QURAN_SEEN "\n" TADABBOR_SEEN "\n" KELID_SEEN "\n");
	free(words);
}
END_TEST

START_TEST(rtl__mixed_line_underlined_and_coloured)
{
	/* A right-to-left run between Latin words, underlined and red: the
	 * run's colour and underline go with it; Latin text as before. */
	char *words = pdf_text("<w:p><w:r><w:t xml:space=\"preserve\">Sách </w:t></w:r>"
			       "<w:r><w:rPr><w:color w:val=\"FF0000\"/><w:u w:val=\"single\"/><w:rtl/></w:rPr>"
			       "<w:t>" TADABBOR " " QURAN "</w:t></w:r>"
			       "<w:r><w:t xml:space=\"preserve\"> trang 5</w:t></w:r></w:p>",
			       "pdftotext -bbox-layout");
	ck_assert_str_eq(words, "Sách\n" QURAN_SEEN "\n" TADABBOR_SEEN "\ntrang\n5\n");
	free(words);
}
END_TEST

START_TEST(rtl__ligature_characters_as_seen)
{
	/* السلام: its lam-alef ligature is one glyph for two letters, written
	 * right to left like the rest ("alef lam" as seen), so that readers
	 * turning the word back into logical order get "lam alef". */
	char *words = pdf_text("<w:p><w:pPr><w:bidi/></w:pPr><w:r><w:rPr><w:rtl/></w:rPr>"
			       "<w:t>\xd8\xa7\xd9\x84\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85</w:t></w:r></w:p>",
			       "pdftotext -bbox-layout");
	ck_assert_str_eq(words, "\xd9\x85\xd8\xa7\xd9\x84\xd8\xb3\xd9\x84\xd8\xa7\n");
	free(words);
}
END_TEST

/* A right-to-left line far off the page (an indent of -2^31 twips: -1e8
 * pt) is drawn without its position passing through an int of Pango units
 * (UBSan: float-cast-overflow, -1.09e11 outside int); the next line as
 * before. */
START_TEST(rtl__line_far_off_the_page)
{
	char *words = pdf_text("<w:p><w:pPr><w:bidi/><w:ind w:left=\"-2147483648\" w:right=\"-2147483648\"/></w:pPr>"
			       "<w:r><w:rPr><w:rtl/></w:rPr><w:t>" TADABBOR "</w:t></w:r></w:p>"
			       "<w:p><w:pPr><w:bidi/></w:pPr><w:r><w:rPr><w:rtl/></w:rPr><w:t>" QURAN "</w:t></w:r></w:p>",
			       "pdftotext -bbox-layout");
	ck_assert_str_eq(words, QURAN_SEEN "\n");
	free(words);
}
END_TEST

/*
 * The hyphen drawn where a line breaks at a soft hyphen reads "-", as in
 * LibreOffice's and Word's PDFs; a soft hyphen inside a line reads as
 * nothing (render/text.c; Cairo wrote U+00AD for the hyphen: poi-drawing).
 * A narrow column of syllables joined by soft hyphens breaks only at them:
 * every word pdftotext reads but the last ends in "-", and the words with
 * those hyphens taken off are the syllables, in order.
 */
START_TEST(text__soft_hyphen_at_line_end_reads_hyphen)
{
	static const char *const syl[] = {"Sach", "giao", "khoa", "mien", "phi", "cho", "hoc", "sinh"};
	const size_t n = sizeof syl / sizeof syl[0];
	char body[1024], joined[256] = "", read[256] = "", *words, *line, *save = NULL;
	int lines = 0;

	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(joined, "\xc2\xad");
		strcat(joined, syl[i]);
	}
	snprintf(body, sizeof body,
		 "<w:p><w:r><w:t>Mid\xc2\xadword</w:t></w:r></w:p>"
		 "<w:p><w:pPr><w:ind w:right=\"8000\"/></w:pPr><w:r><w:t>%s</w:t></w:r></w:p>", joined);
	words = pdf_text(body, "pdftotext -bbox-layout");
	ck_assert_ptr_null(strstr(words, "\xc2\xad"));
	line = strtok_r(words, "\n", &save);
	ck_assert_str_eq(line, "Midword");
	while ((line = strtok_r(NULL, "\n", &save))) {
		size_t len = strlen(line);
		char *next = save && *save ? save : NULL;
		lines++;
		if (next) {
			ck_assert_int_gt(len, 1);
			ck_assert_int_eq(line[len - 1], '-');
			line[len - 1] = '\0';
		}
		strcat(read, line);
	}
	ck_assert_int_gt(lines, 2);
	for (size_t i = 0, o = 0; i < n; o += strlen(syl[i++]))
		ck_assert_int_eq(strncmp(read + o, syl[i], strlen(syl[i])), 0);
	ck_assert_int_eq(strlen(read), strlen(joined) - 2 * (n - 1));
	free(words);
}
END_TEST

static Suite *rtl_suite(void)
{
	Suite *s = suite_create("rtl");
	TCase *tc = tcase_create("rtl");
	tcase_add_test(tc, rtl__words_read_back_whole);
	tcase_add_test(tc, rtl__mixed_line_underlined_and_coloured);
	tcase_add_test(tc, rtl__ligature_characters_as_seen);
	tcase_add_test(tc, rtl__line_far_off_the_page);
	tcase_add_test(tc, text__soft_hyphen_at_line_end_reads_hyphen);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(rtl_suite());
}
