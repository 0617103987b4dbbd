#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "data/data.h"
#include "test.h"
#include "tmpl/tmpl.h"
#include "tmpl/tmpl_internal.h"

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
#define DOC_OPEN "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
#define DOC_CLOSE "</w:body></w:document>"

static vndoc_value *json(const char *text)
{
	vndoc_value *v;
	vndoc_error e;
	ck_assert_int_eq(vndoc_data_load_json(&v, text, strlen(text), "t.json", &e), 0);
	return v;
}

/* Merges `body` (inside w:body) with `data`; returns the merged body, or
 * "error: <first error>" (malloc'd). */
static char *merge_body(const char *body, const char *data, bool strict)
{
	vndoc_buf doc = VNDOC_BUF_INIT((size_t)1 << 30), out = VNDOC_BUF_INIT((size_t)1 << 30);
	vndoc_tmpl_options opts = VNDOC_TMPL_OPTIONS_INIT;
	vndoc_error_list errs = VNDOC_ERROR_LIST_INIT;
	vndoc_value *v = json(data);
	vndoc_error e;
	char *res;
	int rc;

	opts.strict = strict;
	vndoc_error_clear(&e);
	vndoc_buf_puts(&doc, HEAD DOC_OPEN);
	vndoc_buf_puts(&doc, body);
	vndoc_buf_puts(&doc, DOC_CLOSE);
	rc = vndoc_tmpl_merge_xml(&out, doc.ptr, doc.len, "word/document.xml", &opts,
				  (const vndoc_value *const *)&v, 1, &errs, &e);
	if (rc < 0) {
		char msg[1024];
		size_t n = strlen(vndoc_error_format(&e, msg, sizeof msg)) + 8;
		res = malloc(n);
		snprintf(res, n, "error: %s", msg);
	} else {
		size_t skip = strlen(HEAD DOC_OPEN), tail = strlen(DOC_CLOSE);
		ck_assert_uint_ge(out.len, skip + tail);
		res = vndoc_xstrndup(out.ptr + skip, out.len - skip - tail);
	}
	vndoc_buf_dispose(&doc);
	vndoc_buf_dispose(&out);
	vndoc_error_list_dispose(&errs);
	vndoc_value_free(v);
	return res;
}

START_TEST(tmpl_merge__part_without_tags_is_unchanged)
{
	const char *body = "<w:p w:rsidR=\"00A1\"><w:pPr><w:jc w:val=\"both\"/></w:pPr>"
			   "<w:r><w:rPr><w:rFonts w:ascii=\"Times New Roman\"/></w:rPr>"
			   "<w:t xml:space=\"preserve\">Số:   /KH-SVHTTDL </w:t></w:r></w:p>";
	char *out = merge_body(body, "{}", false);
	ck_assert_str_eq(out, body);
	free(out);
}
END_TEST

START_TEST(tmpl_merge__keeps_markup_around_tags)
{
	/* A paragraph as LibreOffice writes it: rsids, properties, a tag
	 * split by a formatting change. */
	const char *body =
		"<w:p w:rsidR=\"00C2\" w:rsidRDefault=\"00C2\"><w:pPr><w:spacing w:after=\"120\"/><w:ind w:firstLine=\"567\"/></w:pPr>"
		"<w:r w:rsidRPr=\"0001\"><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\">Căn cứ Hướng dẫn số {huong_</w:t></w:r>"
		"<w:r><w:rPr><w:b/><w:sz w:val=\"28\"/></w:rPr><w:t>dan.so}</w:t></w:r>"
		"<w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\"> ngày </w:t></w:r></w:p>";
	const char *want =
		"<w:p w:rsidR=\"00C2\" w:rsidRDefault=\"00C2\"><w:pPr><w:spacing w:after=\"120\"/><w:ind w:firstLine=\"567\"/></w:pPr>"
		"<w:r w:rsidRPr=\"0001\"><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\">Căn cứ Hướng dẫn số 2533/HD-UBND</w:t></w:r>"
		"<w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\"> ngày </w:t></w:r></w:p>";
	char *out = merge_body(body, "{\"huong_dan\": {\"so\": \"2533/HD-UBND\"}}", false);
	ck_assert_str_eq(out, want);
	free(out);
}
END_TEST

START_TEST(tmpl_merge__run_keeps_other_content)
{
	/* The spilled-into run also holds a tab: the run stays, its w:t goes. */
	const char *body = "<w:p><w:r><w:t>{a</w:t></w:r><w:r><w:t>}</w:t><w:tab/><w:t>x</w:t></w:r></w:p>";
	char *out = merge_body(body, "{\"a\": 1}", false);
	ck_assert_str_eq(out, "<w:p><w:r><w:t xml:space=\"preserve\">1</w:t></w:r><w:r><w:tab/><w:t>x</w:t></w:r></w:p>");
	free(out);
}
END_TEST

START_TEST(tmpl_merge__header_and_comments_survive)
{
	const char *body = "<!-- kept --><w:p><w:r><w:t>{a}</w:t></w:r></w:p>";
	char *out = merge_body(body, "{\"a\": \"x\"}", false);
	ck_assert_str_eq(out, "<!-- kept --><w:p><w:r><w:t xml:space=\"preserve\">x</w:t></w:r></w:p>");
	free(out);
}
END_TEST

START_TEST(tmpl_merge__strict_lists_every_missing_tag)
{
	vndoc_buf doc = VNDOC_BUF_INIT(1 << 20), out = VNDOC_BUF_INIT(1 << 20);
	vndoc_tmpl_options opts = VNDOC_TMPL_OPTIONS_INIT;
	vndoc_error_list errs = VNDOC_ERROR_LIST_INIT;
	vndoc_value *v = json("{\"a\": 1}");
	vndoc_error e;

	opts.strict = true;
	vndoc_buf_puts(&doc, HEAD DOC_OPEN "<w:p><w:r><w:t>{a}{b}{c.d}</w:t></w:r></w:p>" DOC_CLOSE);
	ck_assert_int_eq(vndoc_tmpl_merge_xml(&out, doc.ptr, doc.len, "word/document.xml", &opts,
					      (const vndoc_value *const *)&v, 1, &errs, &e), VNDOC_EDATA);
	ck_assert_uint_eq(errs.count, 2);
	ck_assert_str_eq(errs.items[0].tag, "{b}");
	ck_assert_str_eq(errs.items[1].tag, "{c.d}");
	ck_assert_str_eq(errs.items[1].message, "no value for 'c.d'");
	ck_assert_str_eq(e.message, "2 missing values");
	vndoc_buf_dispose(&doc);
	vndoc_buf_dispose(&out);
	vndoc_error_list_dispose(&errs);
	vndoc_value_free(v);
}
END_TEST

START_TEST(tmpl_merge__bad_xml_names_part_and_position)
{
	vndoc_buf out = VNDOC_BUF_INIT(1 << 20);
	vndoc_error e;
	const char *xml = "<w:document xmlns:w=\"x\">\n<w:p></w:document>";
	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_tmpl_merge_xml(&out, xml, strlen(xml), "word/footer1.xml", NULL, NULL, 0,
					      NULL, &e), VNDOC_EFORMAT);
	ck_assert_str_eq(e.part, "word/footer1.xml");
	ck_assert_int_eq(e.line, 2);
	vndoc_buf_dispose(&out);
}
END_TEST

START_TEST(tmpl_resolve_path)
{
	vndoc_value *v = json("{\"don_vi\": [{\"ten\": \"A\"}, {\"ten\": \"B\"}]}");
	ck_assert_str_eq(vndoc_value_text(vndoc_tmpl_resolve_path(v, "don_vi.1.ten"), NULL), "B");
	ck_assert_ptr_eq(vndoc_tmpl_resolve_path(v, "."), v);
	ck_assert_ptr_null(vndoc_tmpl_resolve_path(v, "don_vi.2"));
	ck_assert_ptr_null(vndoc_tmpl_resolve_path(v, "don_vi.x"));
	ck_assert_ptr_null(vndoc_tmpl_resolve_path(v, "nothing.here"));
	vndoc_value_free(v);
}
END_TEST

/* ---- Pathological inputs (cmark's pathological_tests) ---------------- */

START_TEST(tmpl_pathological__10k_nested_sections)
{
	vndoc_buf body = VNDOC_BUF_INIT(1 << 20);
	char *out;
	vndoc_buf_puts(&body, "<w:p><w:r><w:t>");
	for (int i = 0; i < 10000; i++)
		vndoc_buf_puts(&body, "{#a}");
	for (int i = 0; i < 10000; i++)
		vndoc_buf_puts(&body, "{/a}");
	vndoc_buf_puts(&body, "</w:t></w:r></w:p>");
	out = merge_body(body.ptr, "{\"a\": true}", false);
	ck_assert_str_eq(out, "error: [word/document.xml]: {#a}: sections nested deeper than 64 levels"
			      " (in \"…a}{#a}{#a}{#a}{#a}{#a}{#a}{#a}{#a}{#a}{#a}{#a}{#a}{#a}{#a}{#a}{#a}{#a}{#a}{#a}{#…\")");
	free(out);
	vndoc_buf_dispose(&body);
}
END_TEST

START_TEST(tmpl_pathological__100k_rows)
{
	vndoc_buf data = VNDOC_BUF_INIT(1 << 26);
	char *out, *p;
	size_t rows = 0;
	vndoc_buf_puts(&data, "{\"r\": [");
	for (int i = 0; i < 100000; i++)
		vndoc_buf_printf(&data, "%s{\"v\": \"row %d\"}", i ? "," : "", i);
	vndoc_buf_puts(&data, "]}");
	out = merge_body("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>{#r}{$stt}</w:t></w:r></w:p></w:tc>"
			 "<w:tc><w:p><w:r><w:t>{v}{/r}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
			 data.ptr, false);
	/* Counted by hand: ASan's strstr rescans the whole haystack per call. */
	for (p = out; *p; p++)
		rows += p[0] == '<' && !strncmp(p, "<w:tr>", 6);
	ck_assert_uint_eq(rows, 100000);
	ck_assert_ptr_nonnull(strstr(out, ">100000</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r>"
					  "<w:t xml:space=\"preserve\">row 99999</w:t>"));
	free(out);
	vndoc_buf_dispose(&data);
}
END_TEST

START_TEST(tmpl_pathological__tag_split_across_5k_runs)
{
	vndoc_buf body = VNDOC_BUF_INIT(1 << 24), data = VNDOC_BUF_INIT(1 << 20);
	char *out;
	vndoc_buf_puts(&body, "<w:p><w:r><w:t>{</w:t></w:r>");
	vndoc_buf_puts(&data, "{\"");
	for (int i = 0; i < 5000; i++) {
		vndoc_buf_puts(&body, "<w:r><w:t>k</w:t></w:r>");
		vndoc_buf_putc(&data, 'k');
	}
	vndoc_buf_puts(&body, "<w:r><w:t>}</w:t></w:r></w:p>");
	vndoc_buf_puts(&data, "\": \"found\"}");
	out = merge_body(body.ptr, data.ptr, false);
	ck_assert_str_eq(out, "<w:p><w:r><w:t xml:space=\"preserve\">found</w:t></w:r></w:p>");
	free(out);
	vndoc_buf_dispose(&body);
	vndoc_buf_dispose(&data);
}
END_TEST

START_TEST(tmpl_pathological__1mb_paragraph)
{
	vndoc_buf body = VNDOC_BUF_INIT(1 << 24);
	char *out;
	vndoc_buf_puts(&body, "<w:p><w:r><w:t>");
	for (int i = 0; i < (1 << 20) / 8; i++)
		vndoc_buf_puts(&body, "Lai Chau");
	vndoc_buf_puts(&body, "{end}</w:t></w:r></w:p>");
	out = merge_body(body.ptr, "{\"end\": \"!\"}", false);
	ck_assert_uint_eq(strlen(out), body.len - strlen("{end}") + 1 + strlen(" xml:space=\"preserve\""));
	ck_assert_ptr_nonnull(strstr(out, "Lai Chau!</w:t>"));
	free(out);
	vndoc_buf_dispose(&body);
}
END_TEST

/* ---- One compiled part, merged from several threads at once ----------- */

typedef struct {
	const vndoc_tmpl__part *part;
	const vndoc_value *data;
	char *out;
} job;

static void *merge_job(void *arg)
{
	job *j = arg;
	vndoc_buf out = VNDOC_BUF_INIT((size_t)1 << 28);
	for (int k = 0; k < 50; k++) {
		vndoc_buf_clear(&out);
		vndoc_tmpl__eval_part(&out, j->part, false, &j->data, 1, NULL, NULL);
	}
	j->out = vndoc_buf_detach(&out, NULL);
	return NULL;
}

START_TEST(tmpl_eval__threads_share_a_compiled_part)
{
	const char *xml = HEAD DOC_OPEN "<w:p><w:r><w:t>{#a}[{.}]{/a}</w:t></w:r></w:p>" DOC_CLOSE;
	vndoc_tmpl_options opts = VNDOC_TMPL_OPTIONS_INIT;
	vndoc_tmpl__part *part;
	vndoc_value *d1 = json("{\"a\": [1, 2]}"), *d2 = json("{\"a\": [\"x\"]}");
	job jobs[2] = { { NULL, d1, NULL }, { NULL, d2, NULL } };
	pthread_t th[2];
	vndoc_error e;

	ck_assert_int_eq(vndoc_tmpl__compile_part(&part, xml, strlen(xml), "word/document.xml", &opts,
						  NULL, &e), 0);
	for (int i = 0; i < 2; i++) {
		jobs[i].part = part;
		pthread_create(&th[i], NULL, merge_job, &jobs[i]);
	}
	for (int i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	ck_assert_ptr_nonnull(strstr(jobs[0].out, ">[1][2]</w:t>"));
	ck_assert_ptr_nonnull(strstr(jobs[1].out, ">[x]</w:t>"));
	free(jobs[0].out);
	free(jobs[1].out);
	vndoc_tmpl__part_free(part);
	vndoc_value_free(d1);
	vndoc_value_free(d2);
}
END_TEST

/* A vndoc_tmpl_stream over the items of a list, counting rewinds; fails at
 * item `fail_at` (if not 0). */
typedef struct list_stream {
	const vndoc_value *list;
	size_t next, rewinds, fail_at;
} list_stream;

static int list_next(void *userdata, const vndoc_value **item, vndoc_error *err)
{
	list_stream *ls = userdata;
	if (ls->fail_at && ls->next + 1 == ls->fail_at)
		return vndoc_error_set(err, VNDOC_EFORMAT, "unit %zu is broken", ls->next);
	if (ls->next >= vndoc_value_count(ls->list))
		return 0;
	*item = vndoc_value_at(ls->list, ls->next++);
	return 1;
}

static int list_rewind(void *userdata, vndoc_error *err)
{
	list_stream *ls = userdata;
	(void)err;
	ls->next = 0;
	ls->rewinds++;
	return 0;
}

/* The part merged into memory with `data`, and merged to a file with the
 * list `a` of `data` given as a stream (and absent from the scope): the
 * bytes must be the same. */
static void check_streamed_equals(const char *body, const char *data, size_t fail_at)
{
	const char *xml_fmt = HEAD DOC_OPEN "%s" DOC_CLOSE;
	size_t xml_len = strlen(xml_fmt) + strlen(body);
	char *xml = malloc(xml_len), *got;
	vndoc_tmpl_options opts = VNDOC_TMPL_OPTIONS_INIT;
	vndoc_tmpl__part *part;
	vndoc_value *full = json(data), *scope = json("{\"title\": \"Lai Châu\"}");
	vndoc_buf mem = VNDOC_BUF_INIT((size_t)1 << 30);
	list_stream ls = { vndoc_value_get(full, "a", 1), 0, 0, fail_at };
	vndoc_tmpl_stream st = { "a", vndoc_value_count(ls.list), list_next, list_rewind, &ls };
	FILE *f = tmpfile();
	size_t len = 0;
	vndoc_error e;
	int rc;

	snprintf(xml, xml_len, xml_fmt, body);
	ck_assert_int_eq(vndoc_tmpl__compile_part(&part, xml, strlen(xml), "word/document.xml", &opts, NULL, &e), 0);
	ck_assert_int_eq(vndoc_tmpl__eval_part(&mem, part, false, (const vndoc_value *const *)&full, 1, NULL, &e), 0);
	vndoc_error_clear(&e);
	rc = vndoc_tmpl__eval_part_to(f, &len, part, false, (const vndoc_value *const *)&scope, 1, &st, 1, NULL, NULL, &e);
	if (fail_at) {
		ck_assert_int_eq(rc, VNDOC_EFORMAT);
		ck_assert_str_eq(e.message, "unit 1 is broken");
	} else {
		ck_assert_int_eq(rc, 0);
		ck_assert_uint_eq(len, mem.len);
		got = malloc(len + 1);
		rewind(f);
		ck_assert_uint_eq(fread(got, 1, len, f), len);
		ck_assert(memcmp(got, mem.ptr, len) == 0);
		free(got);
	}
	fclose(f);
	vndoc_buf_dispose(&mem);
	vndoc_tmpl__part_free(part);
	vndoc_value_free(full);
	vndoc_value_free(scope);
	free(xml);
}

START_TEST(tmpl_stream__same_bytes_as_a_list)
{
	const char *body = "<w:p><w:r><w:t>{title}</w:t></w:r></w:p>"
			   "<w:p><w:r><w:t>{#a}{$stt}. {ten} ({title}); {/a}</w:t></w:r></w:p>"
			   "<w:p><w:r><w:t>{^a}không có{/a}</w:t></w:r></w:p>"
			   "<w:p><w:r><w:t>{#a}</w:t></w:r></w:p><w:p><w:r><w:t>[{ten}]</w:t></w:r></w:p>"
			   "<w:p><w:r><w:t>{/a}</w:t></w:r></w:p>";
	check_streamed_equals(body, "{\"title\": \"Lai Châu\", \"a\": [{\"ten\": \"Sìn Hồ\"}, {\"ten\": \"Mường Tè\"}]}", 0);
	check_streamed_equals(body, "{\"title\": \"Lai Châu\", \"a\": []}", 0);
}
END_TEST

START_TEST(tmpl_stream__each_loop_rewinds_and_errors_stop_the_merge)
{
	const char *xml = HEAD DOC_OPEN "<w:p><w:r><w:t>{#a}{.}{/a}|{#a}{.}{/a}</w:t></w:r></w:p>" DOC_CLOSE;
	vndoc_tmpl_options opts = VNDOC_TMPL_OPTIONS_INIT;
	vndoc_tmpl__part *part;
	vndoc_value *data = json("{\"a\": [\"x\", \"y\"]}");
	list_stream ls = { vndoc_value_get(data, "a", 1), 0, 0, 0 };
	vndoc_tmpl_stream st = { "a", 2, list_next, list_rewind, &ls };
	FILE *f = tmpfile();
	char got[4096];
	size_t len;
	vndoc_error e;

	ck_assert_int_eq(vndoc_tmpl__compile_part(&part, xml, strlen(xml), "word/document.xml", &opts, NULL, &e), 0);
	ck_assert_int_eq(vndoc_tmpl__eval_part_to(f, &len, part, false, NULL, 0, &st, 1, NULL, NULL, &e), 0);
	ck_assert_uint_eq(ls.rewinds, 2);
	rewind(f);
	got[fread(got, 1, len, f)] = '\0';
	ck_assert_ptr_nonnull(strstr(got, ">xy|xy</w:t>"));
	fclose(f);
	vndoc_tmpl__part_free(part);
	vndoc_value_free(data);
	check_streamed_equals("<w:p><w:r><w:t>{#a}{.}{/a}</w:t></w:r></w:p>", "{\"a\": [1, 2, 3]}", 2);
}
END_TEST

/* 100,000 rows of a table through the stream: several flushes. */
START_TEST(tmpl_stream__long_table)
{
	vndoc_buf data = VNDOC_BUF_INIT((size_t)1 << 30);
	vndoc_buf_puts(&data, "{\"a\": [");
	for (int i = 0; i < 100000; i++)
		vndoc_buf_printf(&data, "%s{\"ten\": \"Đơn vị %d\"}", i ? "," : "", i);
	vndoc_buf_puts(&data, "]}");
	check_streamed_equals("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>{#a}{$stt}</w:t></w:r></w:p></w:tc>"
			      "<w:tc><w:p><w:r><w:t>{ten}{/a}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
			      data.ptr, 0);
	vndoc_buf_dispose(&data);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("tmpl");
	TCase *merge = tcase_create("merge"), *patho = tcase_create("pathological");
	tcase_add_test(merge, tmpl_merge__part_without_tags_is_unchanged);
	tcase_add_test(merge, tmpl_merge__keeps_markup_around_tags);
	tcase_add_test(merge, tmpl_merge__run_keeps_other_content);
	tcase_add_test(merge, tmpl_merge__header_and_comments_survive);
	tcase_add_test(merge, tmpl_merge__strict_lists_every_missing_tag);
	tcase_add_test(merge, tmpl_merge__bad_xml_names_part_and_position);
	tcase_add_test(merge, tmpl_resolve_path);
	tcase_add_test(merge, tmpl_eval__threads_share_a_compiled_part);
	tcase_add_test(merge, tmpl_stream__same_bytes_as_a_list);
	tcase_add_test(merge, tmpl_stream__each_loop_rewinds_and_errors_stop_the_merge);
	tcase_add_test(patho, tmpl_stream__long_table);
	tcase_add_test(patho, tmpl_pathological__10k_nested_sections);
	tcase_add_test(patho, tmpl_pathological__100k_rows);
	tcase_add_test(patho, tmpl_pathological__tag_split_across_5k_runs);
	tcase_add_test(patho, tmpl_pathological__1mb_paragraph);
	tcase_set_timeout(patho, 120);
	suite_add_tcase(s, merge);
	suite_add_tcase(s, patho);
	return test_run_suite(s);
}
