/*
 * tests/unit/test_keep.c: the breaks vndoc forbids where Pango would take
 * one and LibreOffice does not (layout/keep.c), and the bound on them
 * (VNDOC_LIMIT_LAYOUT_KEEPS, VNDOC_LIMIT_LAYOUT_KEEP_BYTES): Pango pays
 * for each in time and memory, and 1 MB of "{/}" (tests/fixtures/hostile/
 * stray-closes.docx) took 10.7 s and 1 GB to render with one each; the
 * runs of spaces made to hang (layout/inline.c) and their bound
 * (VNDOC_LIMIT_LAYOUT_HANGS, VNDOC_LIMIT_LAYOUT_HANG_BYTES).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/limits.h"
#include "layout/layout_internal.h"
#include "layout/para.h"
#include "render_util.h"
#include "test.h"

/* The forbidden stretches of `text`, "start-end " each. */
static char *keeps_of(const char *text, size_t *n)
{
	PangoAttrList *attrs = pango_attr_list_new();
	GSList *all, *a;
	GString *out = g_string_new("");
	char *s;

	vndoc_layout__keep_breaks(attrs, text, (int)strlen(text), false);
	all = pango_attr_list_get_attributes(attrs);
	*n = 0;
	for (a = all; a; a = a->next) {
		PangoAttribute *at = a->data;
		ck_assert_int_eq(at->klass->type, PANGO_ATTR_ALLOW_BREAKS);
		ck_assert_int_eq(((PangoAttrInt *)at)->value, 0);
		g_string_append_printf(out, "%u-%u ", at->start_index, at->end_index);
		(*n)++;
	}
	g_slist_free_full(all, (GDestroyNotify)pango_attribute_destroy);
	pango_attr_list_unref(attrs);
	s = strdup(out->str);
	g_string_free(out, TRUE);
	return s;
}

static void expect(const char *text, const char *want)
{
	size_t n;
	char *got = keeps_of(text, &n);
	ck_assert_msg(!strcmp(got, want), "%s: %s, want %s", text, got, want);
	free(got);
}

START_TEST(keep__where_libreoffice_does_not_break)
{
	expect("Số 15/HD-SVHTTDL", "7-9 ");           /* after a slash between words */
	expect("x a/b/c/d", "3-9 ");                  /* stretches that touch: one */
	expect("x https://a.vn/x/y", "8-11 14-18 ");  /* "//": one */
	expect("......6......", "5-7 ");              /* an infix separator before a digit */
	expect("x a/b 05/7/2024 0,5 1.25", "3-5 ");   /* between digits Pango keeps them itself */
	expect("a / b a/ b a /b", "");                /* a space beside the slash: a break */
	expect("a/b/c", "");                          /* no whitespace before: a break */
	expect("x\u00a0a/b", "");                     /* a no-break space is none */
	/* 66 UTF-16 units after the space, the breaks after a slash are taken
	 * (LibreOffice, an overly long path): "common/" of a long URL. */
	expect("in https://github.com/plutext/docx4j/blob/master/src/main/java/org/docx4j/convert/out/common/X",
	       "9-12 21-23 29-31 36-38 41-43 48-50 52-54 57-59 62-64 66-68 ");
}
END_TEST

/* 1.3 MB of "{/} ": stretches that do not touch, one every 4 bytes.  They
 * stop at the paragraph's allowance (64, and one for each 16 bytes). */
START_TEST(keep__bounded_in_a_hostile_paragraph)
{
	enum { N = 340000 };
	char *text = malloc(4 * N + 1), *got;
	size_t n, bound = VNDOC_LIMIT_LAYOUT_KEEPS + 4 * N / VNDOC_LIMIT_LAYOUT_KEEP_BYTES;

	for (size_t i = 0; i < N; i++)
		memcpy(text + 4 * i, " {/}", 4);
	text[4 * N] = '\0';
	got = keeps_of(text, &n);
	ck_assert_uint_le(n, bound);
	ck_assert_uint_ge(n, bound - 1);
	ck_assert(!strncmp(got, "2-4 6-8 10-12 ", 14)); /* the first ones all kept */
	free(got);
	free(text);
}
END_TEST

/* A zero-width space after a hyphen before a digit, from byte `from`
 * only; 1 MB of "-1" in one pass. */
START_TEST(keep__hyphen_breaks_before_digits)
{
	enum { N = 500000 };
	GString *t = g_string_new("a-1 ");
	size_t from = t->len;
	g_string_append(t, "2014-21018 -5 ISO-9001 a-b 7-");
	vndoc_layout__hyphen_breaks(t, from, false);
	ck_assert_str_eq(t->str, "a-1 2014-\u200b21018 -\u200b5 ISO-\u200b9001 a-b 7-");
	g_string_truncate(t, 0);
	for (size_t i = 0; i < N; i++)
		g_string_append(t, "-1");
	vndoc_layout__hyphen_breaks(t, 0, false);
	ck_assert_uint_eq(t->len, 5 * (size_t)N);
	ck_assert(!memcmp(t->str + 5 * (N - 1), "-\xe2\x80\x8b" "1", 5));
	g_string_free(t, TRUE);
}
END_TEST

/* The attributes hang_spaces adds to `text` in one run of the document's
 * first paragraph's properties. */
static size_t hang_attrs(const char *text)
{
	vndoc_error e;
	vndoc_docx *doc = load_docx(write_doc("<w:p><w:r><w:t>x</w:t></w:r></w:p>"));
	vndoc_layout *l = NULL;
	PangoAttrList *attrs = pango_attr_list_new();
	vndoc_layout__span span = { 0, (int)strlen(text), NULL, NULL };
	GSList *all;
	size_t n;

	ck_assert_int_eq(vndoc_layout_run(&l, doc, NULL, &e), 0);
	span.rpr = &doc->body.blocks[0].u.para.mark;
	vndoc_layout__hang_spaces(l, attrs, text, span.end, &span, 1, false);
	all = pango_attr_list_get_attributes(attrs);
	n = g_slist_length(all);
	g_slist_free_full(all, (GDestroyNotify)pango_attribute_destroy);
	pango_attr_list_unref(attrs);
	vndoc_layout_free(l);
	vndoc_docx_free(doc);
	return n;
}

/* A run of spaces hangs (the last space takes the width of all, the
 * others none: two attributes); 150,000 runs "a  " (11 s and 318 MB to
 * render) stop at the paragraph's allowance: 64, and one for each 16
 * bytes before a run. */
START_TEST(keep__hanging_spaces_bounded)
{
	enum { N = 150000 };
	char *text = malloc(3 * N + 1);
	size_t bound = 2 * (VNDOC_LIMIT_LAYOUT_HANGS + 3 * N / VNDOC_LIMIT_LAYOUT_HANG_BYTES + 1), n;

	ck_assert_uint_eq(hang_attrs("Số:     /QĐ-UBND"), 2);
	ck_assert_uint_eq(hang_attrs("a b c"), 0);
	for (size_t i = 0; i < N; i++)
		memcpy(text + 3 * i, "a  ", 3);
	text[3 * N] = '\0';
	n = hang_attrs(text);
	ck_assert_uint_le(n, bound);
	ck_assert_uint_ge(n, bound - 4);
	free(text);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("keep");
	TCase *tc = tcase_create("keep");
	tcase_add_test(tc, keep__where_libreoffice_does_not_break);
	tcase_add_test(tc, keep__bounded_in_a_hostile_paragraph);
	tcase_add_test(tc, keep__hyphen_breaks_before_digits);
	tcase_add_test(tc, keep__hanging_spaces_bounded);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
