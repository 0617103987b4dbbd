/*
 * test_e2e_templates.c: our templates merged with the bundled samples by
 * the built vndoc, checked against the seed text and the data.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/fsutil.h"
#include "data/data.h"
#include "docx_text.h"
#include "test.h"

#define SEED VNDOC_SOURCE_DIR "/../shared/seeds/000_929fa45f1a12aaac.txt"
#define SAMPLES VNDOC_SOURCE_DIR "/samples/lai-chau.json"
#define TEMPLATES VNDOC_BINARY_DIR "/templates"

static const char *merge(const char *tmpl, const char *scope)
{
	static char out[4200];
	char cmd[9000], *err = NULL;
	int status;
	snprintf(out, sizeof out, "%s/%s%s%s.docx", test_tmpdir(), tmpl, scope ? "-" : "", scope ? scope : "");
	snprintf(cmd, sizeof cmd, "'%s' merge '%s/%s.docx' '%s' -o '%s'%s%s", VNDOC_EXE, TEMPLATES, tmpl,
		 SAMPLES, out, scope ? " --scope " : "", scope ? scope : "");
	status = test_run(cmd, NULL, &err);
	ck_assert_msg(status == 0, "%s: exit %d: %s", cmd, status, err);
	ck_assert_str_eq(err, "");
	free(err);
	return out;
}

/* The plan's paragraphs in the seed: from the start to the annexed form,
 * markdown marks removed, blank lines skipped. */
static test_paragraphs seed_plan(void)
{
	test_paragraphs p = { NULL, 0 };
	size_t cap = 0, len;
	char *text = test_read_file(SEED, &len), *line, *next;

	for (line = text; line && *line; line = next) {
		char *nl = strchr(line, '\n'), *s = line, clean[8192];
		size_t n = 0;
		next = nl ? nl + 1 : NULL;
		if (nl)
			*nl = '\0';
		if (!strcmp(line, "ĐƠN VỊ..."))
			break;
		while (*s == '#')
			s++;
		while (*s == ' ')
			s++;
		for (; *s && n < sizeof clean - 1; s++) {
			if (*s == '*')
				continue;
			if (!strncmp(s, "<sub>", 5)) { s += 4; continue; }
			if (!strncmp(s, "</sub>", 6)) { s += 5; continue; }
			clean[n++] = *s;
		}
		clean[n] = '\0';
		char *norm = test_normalize_space(clean);
		if (!*norm) {
			free(norm);
			continue;
		}
		if (p.count == cap) {
			cap = cap ? cap * 2 : 128;
			p.items = vndoc_xreallocarray(p.items, cap, sizeof(char *));
		}
		p.items[p.count++] = norm;
	}
	free(text);
	return p;
}

START_TEST(e2e_templates__plan_holds_every_seed_paragraph_in_order)
{
	const char *docx = merge("ke-hoach", NULL);
	test_paragraphs seed = seed_plan(), doc = test_docx_paragraphs(docx, "word/document.xml");
	size_t at = 0;

	ck_assert_uint_ge(seed.count, 60);
	for (size_t i = 0; i < seed.count; i++) {
		size_t k;
		for (k = at; k < doc.count; k++) {
			char *norm = test_normalize_space(doc.items[k]);
			int same = !strcmp(norm, seed.items[i]);
			free(norm);
			if (same)
				break;
		}
		ck_assert_msg(k < doc.count, "seed paragraph %zu not found (in order) in the plan: \"%s\"",
			      i + 1, seed.items[i]);
		at = k + 1;
	}
	test_paragraphs_dispose(&seed);
	test_paragraphs_dispose(&doc);
}
END_TEST

static size_t count_paragraphs_equal(const test_paragraphs *p, const char *text)
{
	size_t n = 0;
	for (size_t i = 0; i < p->count; i++) {
		char *norm = test_normalize_space(p->items[i]);
		n += !strcmp(norm, text);
		free(norm);
	}
	return n;
}

START_TEST(e2e_templates__each_form_has_exactly_its_rows)
{
	vndoc_value *data;
	vndoc_error err;
	const vndoc_value *units;
	size_t n_units;

	ck_assert_int_eq(vndoc_data_load_file(&data, SAMPLES, &err), 0);
	units = vndoc_value_get(data, "don_vi", 6);
	n_units = vndoc_value_count(units);
	ck_assert_uint_ge(n_units, 20);
	for (size_t u = 0; u < n_units; u++) {
		char scope[32];
		const vndoc_value *unit = vndoc_value_at(units, u);
		const vndoc_value *tt = vndoc_value_get(unit, "tap_the", 7);
		const vndoc_value *cn = vndoc_value_get(unit, "ca_nhan", 7);
		test_paragraphs doc;
		snprintf(scope, sizeof scope, "don_vi.%zu", u);
		const char *docx = merge("bieu-dang-ky", scope);
		doc = test_docx_paragraphs(docx, "word/document.xml");
		/* Every registration's name is there once, in order. */
		for (size_t i = 0; i < vndoc_value_count(tt); i++) {
			const char *name = vndoc_value_text(vndoc_value_get(vndoc_value_at(tt, i), "ten", 3), NULL);
			ck_assert_uint_eq(count_paragraphs_equal(&doc, name), 1);
		}
		for (size_t i = 0; i < vndoc_value_count(cn); i++) {
			const char *name = vndoc_value_text(vndoc_value_get(vndoc_value_at(cn, i), "ho_ten", 6), NULL);
			ck_assert_msg(count_paragraphs_equal(&doc, name) == 1, "%s: %s", scope, name);
		}
		/* Table 0 is the head; table I (1) has a header row and one row
		 * per collective, table II (2) one per individual. */
		ck_assert_uint_eq(test_docx_table_rows(docx, "word/document.xml", 1), 1 + vndoc_value_count(tt));
		ck_assert_uint_eq(test_docx_table_rows(docx, "word/document.xml", 2), 1 + vndoc_value_count(cn));
		test_paragraphs_dispose(&doc);
	}
	vndoc_value_free(data);
}
END_TEST

/* The summary: one heading per unit, in order, with its counts, and the
 * totals, all computed here from the data. */
START_TEST(e2e_templates__summary_counts_are_right)
{
	vndoc_value *data;
	vndoc_error err;
	const vndoc_value *units;
	size_t n_units, total_tt = 0, total_cn = 0, at = 0;
	const char *docx = merge("tong-hop", NULL);
	test_paragraphs doc = test_docx_paragraphs(docx, "word/document.xml");
	char want[1024], *norm;

	ck_assert_int_eq(vndoc_data_load_file(&data, SAMPLES, &err), 0);
	units = vndoc_value_get(data, "don_vi", 6);
	n_units = vndoc_value_count(units);
	for (size_t u = 0; u < n_units; u++) {
		const vndoc_value *unit = vndoc_value_at(units, u);
		size_t tt = vndoc_value_count(vndoc_value_get(unit, "tap_the", 7));
		size_t cn = vndoc_value_count(vndoc_value_get(unit, "ca_nhan", 7));
		size_t k;
		total_tt += tt;
		total_cn += cn;
		snprintf(want, sizeof want, "%zu. %s: %zu tập thể, %zu cá nhân", u + 1,
			 vndoc_value_text(vndoc_value_get(unit, "ten", 3), NULL), tt, cn);
		for (k = at; k < doc.count; k++) {
			norm = test_normalize_space(doc.items[k]);
			int same = !strcmp(norm, want);
			free(norm);
			if (same)
				break;
		}
		ck_assert_msg(k < doc.count, "no heading \"%s\" in order in the summary", want);
		at = k + 1;
	}
	snprintf(want, sizeof want, "Tổng cộng: %zu đơn vị, %zu tập thể, %zu cá nhân.", n_units, total_tt, total_cn);
	ck_assert_uint_eq(count_paragraphs_equal(&doc, want), 1);
	/* Two tables per unit after the head table: one row per registration
	 * plus the header row. */
	for (size_t u = 0; u < n_units; u++) {
		const vndoc_value *unit = vndoc_value_at(units, u);
		ck_assert_uint_eq(test_docx_table_rows(docx, "word/document.xml", 1 + 2 * u),
				  1 + vndoc_value_count(vndoc_value_get(unit, "tap_the", 7)));
		ck_assert_uint_eq(test_docx_table_rows(docx, "word/document.xml", 2 + 2 * u),
				  1 + vndoc_value_count(vndoc_value_get(unit, "ca_nhan", 7)));
	}
	test_paragraphs_dispose(&doc);
	vndoc_value_free(data);
}
END_TEST

/* LibreOffice converts the plan, a form and the summary to PDF; each PDF
 * has pages (pdfinfo), the form's in landscape. */
START_TEST(e2e_templates__libreoffice_converts_each_to_pdf)
{
	char plan[4200], form[4200], sum[4200], cmd[20000], *out = NULL, *err = NULL;
	const char *dir;
	static const struct { const char *pdf; int landscape; } want[] = {
		{ "ke-hoach.pdf", 0 },
		{ "bieu-dang-ky-don_vi.0.pdf", 1 },
		{ "tong-hop.pdf", 1 },
	};

	snprintf(plan, sizeof plan, "%s", merge("ke-hoach", NULL));
	snprintf(form, sizeof form, "%s", merge("bieu-dang-ky", "don_vi.0"));
	snprintf(sum, sizeof sum, "%s", merge("tong-hop", NULL));
	dir = test_tmpdir();
	snprintf(cmd, sizeof cmd,
		 "HOME='%s' timeout 300 soffice --headless --norestore --convert-to pdf --outdir '%s' '%s' '%s' '%s'",
		 dir, dir, plan, form, sum);
	ck_assert_msg(test_run(cmd, NULL, &err) == 0, "soffice: %s", err);
	free(err);
	for (size_t i = 0; i < 3; i++) {
		char *pages, *size;
		double w = 0, h = 0;
		snprintf(cmd, sizeof cmd, "pdfinfo '%s/%s'", dir, want[i].pdf);
		ck_assert_msg(test_run(cmd, &out, NULL) == 0, "%s: no PDF", want[i].pdf);
		pages = strstr(out, "Pages:");
		ck_assert_ptr_nonnull(pages);
		ck_assert_int_ge(atoi(pages + 6), 1);
		size = strstr(out, "Page size:");
		ck_assert_ptr_nonnull(size);
		ck_assert_int_eq(sscanf(size, "Page size: %lf x %lf", &w, &h), 2);
		ck_assert_msg(strstr(size, "(A4)"), "%s is not A4", want[i].pdf);
		ck_assert_msg((w > h) == want[i].landscape, "%s: %.1f x %.1f", want[i].pdf, w, h);
		free(out);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("e2e_templates");
	TCase *tc = tcase_create("samples");
	tcase_add_test(tc, e2e_templates__plan_holds_every_seed_paragraph_in_order);
	tcase_add_test(tc, e2e_templates__each_form_has_exactly_its_rows);
	tcase_add_test(tc, e2e_templates__summary_counts_are_right);
	tcase_add_test(tc, e2e_templates__libreoffice_converts_each_to_pdf);
	tcase_set_timeout(tc, 400);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
