/*
 * test_e2e_merge.c: the built `vndoc` on a template authored in
 * LibreOffice (tests/fixtures/docx/lo-authored.docx, made from the .fodt
 * beside it), checked paragraph by paragraph and opened by LibreOffice;
 * exit statuses, error messages, and no output left behind on failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/fsutil.h"
#include "docx_text.h"
#include "test.h"

#define FIXTURE(name) VNDOC_FIXTURES "/docx/" name

static char *run_vndoc(const char *args, int want_status)
{
	char cmd[16384], *err = NULL;
	int status;
	snprintf(cmd, sizeof cmd, "'%s' %s", VNDOC_EXE, args);
	status = test_run(cmd, NULL, &err);
	ck_assert_msg(status == want_status, "%s: exit %d, want %d: %s", cmd, status, want_status, err);
	return err;
}

static int exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* Lines of a text file, normalized (test_normalize_space) or as they are. */
static test_paragraphs read_lines(const char *path, int normalize)
{
	test_paragraphs p = { NULL, 0 };
	size_t len, cap = 0;
	char *text = test_read_file(path, &len), *line, *next;

	for (line = text; line && *line; line = next) {
		char *nl = strchr(line, '\n');
		next = nl ? nl + 1 : NULL;
		if (nl)
			*nl = '\0';
		if (p.count == cap) {
			cap = cap ? 2 * cap : 32;
			p.items = realloc(p.items, cap * sizeof *p.items);
		}
		p.items[p.count++] = normalize ? test_normalize_space(line) : strdup(line);
	}
	free(text);
	return p;
}

static const char *merge_fixture(const char *dir, const char *name)
{
	static char out[4200];
	char args[9000];
	snprintf(out, sizeof out, "%s/%s", dir, name);
	snprintf(args, sizeof args, "merge '%s' '%s' -o '%s'", FIXTURE("lo-authored.docx"),
		 FIXTURE("lo-authored.json"), out);
	free(run_vndoc(args, 0));
	return out;
}

START_TEST(e2e_merge__libreoffice_template_paragraph_by_paragraph)
{
	const char *out = merge_fixture(test_tmpdir(), "out.docx");
	test_paragraphs want = read_lines(FIXTURE("lo-authored.expected.txt"), 1);
	test_paragraphs got = test_docx_paragraphs(out, "word/document.xml");

	for (size_t i = 0; i < want.count && i < got.count; i++) {
		char *norm = test_normalize_space(got.items[i]);
		ck_assert_msg(!strcmp(norm, want.items[i]), "paragraph %zu: got \"%s\", want \"%s\"", i + 1,
			      norm, want.items[i]);
		free(norm);
	}
	ck_assert_uint_eq(got.count, want.count);
	test_paragraphs_dispose(&want);
	test_paragraphs_dispose(&got);
}
END_TEST

START_TEST(e2e_merge__libreoffice_opens_the_output)
{
	const char *dir = test_tmpdir();
	const char *out = merge_fixture(dir, "out.docx");
	char cmd[12000], txt[4300], *text, *stderr_text = NULL;
	test_paragraphs want = read_lines(FIXTURE("lo-authored.expected.txt"), 0);
	size_t len;
	int status;

	snprintf(cmd, sizeof cmd,
		 "cd '%s' && HOME='%s' timeout 180 soffice --headless --norestore --convert-to txt:Text "
		 "--outdir '%s' '%s'", dir, dir, dir, out);
	status = test_run(cmd, NULL, &stderr_text);
	ck_assert_msg(status == 0, "soffice failed (%d): %s", status, stderr_text);
	free(stderr_text);
	snprintf(txt, sizeof txt, "%s/out.txt", dir);
	ck_assert_msg(exists(txt), "LibreOffice wrote no text for %s", out);
	text = test_read_file(txt, &len);
	/* LibreOffice reads every paragraph of the merged document. */
	for (size_t i = 0; i < want.count; i++)
		ck_assert_msg(strstr(text, want.items[i]), "LibreOffice's text lacks \"%s\"", want.items[i]);
	free(text);
	test_paragraphs_dispose(&want);
}
END_TEST

START_TEST(e2e_merge__same_inputs_same_bytes)
{
	const char *dir = test_tmpdir();
	char a_path[4200];
	size_t a_len, b_len;
	char *a, *b;

	snprintf(a_path, sizeof a_path, "%s", merge_fixture(dir, "a.docx"));
	a = test_read_file(a_path, &a_len);
	b = test_read_file(merge_fixture(dir, "b.docx"), &b_len);
	ck_assert_uint_eq(a_len, b_len);
	ck_assert(memcmp(a, b, a_len) == 0);
	free(a);
	free(b);
}
END_TEST

START_TEST(e2e_merge__data_from_standard_input)
{
	const char *dir = test_tmpdir();
	char args[9000], *a, *b, out[4200];
	size_t a_len, b_len;

	snprintf(out, sizeof out, "%s/stdin.docx", dir);
	snprintf(args, sizeof args, "merge '%s' - -o '%s' < '%s'", FIXTURE("lo-authored.docx"), out,
		 FIXTURE("lo-authored.json"));
	free(run_vndoc(args, 0));
	a = test_read_file(out, &a_len);
	b = test_read_file(merge_fixture(dir, "file.docx"), &b_len);
	ck_assert_uint_eq(a_len, b_len);
	ck_assert(memcmp(a, b, a_len) == 0);
	free(a);
	free(b);
}
END_TEST

/* A template folder whose document holds `body` (WordprocessingML). */
static const char *make_template(const char *dir, const char *body)
{
	static char root[4200];
	char path[4400], doc[8192];
	vndoc_error err;

	snprintf(root, sizeof root, "%s/tmpl", dir);
	snprintf(path, sizeof path, "%s/word", root);
	ck_assert_int_eq(vndoc_fs_mkdirs(path, &err), 0);
	snprintf(path, sizeof path, "%s/word/document.xml", root);
	snprintf(doc, sizeof doc,
		 "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
		 "<w:body>%s</w:body></w:document>", body);
	ck_assert_int_eq(vndoc_fs_write_file(path, doc, strlen(doc), &err), 0);
	snprintf(path, sizeof path, "%s/[Content_Types].xml", root);
	ck_assert_int_eq(vndoc_fs_write_file(path, "<Types/>", 8, &err), 0);
	return root;
}

START_TEST(e2e_merge__template_errors_all_reported_nothing_written)
{
	const char *dir = test_tmpdir();
	const char *tmpl = make_template(dir,
		"<w:p><w:r><w:t>{#ca_nhan}{ho_ten}</w:t></w:r></w:p>"
		"<w:p><w:r><w:t>Kính gửi: {/don_vi}</w:t></w:r></w:p>"
		"<w:p><w:r><w:t>Số: {so</w:t></w:r></w:p>");
	char args[9000], out[4200], *err;

	snprintf(out, sizeof out, "%s/out.docx", dir);
	snprintf(args, sizeof args, "merge '%s' '%s' -o '%s'", tmpl, FIXTURE("lo-authored.json"), out);
	err = run_vndoc(args, 1);
	ck_assert_ptr_nonnull(strstr(err, "[word/document.xml]: {/don_vi}: mismatched close: {#ca_nhan} is open"
					  " (in \"Kính gửi: {/don_vi}\")"));
	ck_assert_ptr_nonnull(strstr(err, "[word/document.xml]: {so: unclosed tag (in \"Số: {so\")"));
	ck_assert(!exists(out));
	free(err);
}
END_TEST

START_TEST(e2e_merge__bad_json_names_line_and_column)
{
	const char *dir = test_tmpdir();
	char args[9000], out[4200], data[4200], *err;
	vndoc_error e;
	const char *json = "{\n  \"co_quan\": \"Sở Văn hóa\",\n  \"so\": 12,,\n}\n";

	snprintf(out, sizeof out, "%s/out.docx", dir);
	snprintf(data, sizeof data, "%s/bad.json", dir);
	ck_assert_int_eq(vndoc_fs_write_file(data, json, strlen(json), &e), 0);
	snprintf(args, sizeof args, "merge '%s' '%s' -o '%s'", FIXTURE("lo-authored.docx"), data, out);
	err = run_vndoc(args, 1);
	ck_assert_ptr_nonnull(strstr(err, "bad.json:3:12: "));
	ck_assert(!exists(out));
	free(err);
}
END_TEST

START_TEST(e2e_merge__usage_and_io_statuses)
{
	const char *dir = test_tmpdir();
	char args[9000], *err;

	free(run_vndoc("merge", 2));
	free(run_vndoc("merge a.docx b.json", 2)); /* no -o */
	free(run_vndoc("frobnicate", 2));
	err = run_vndoc("merge --help", 0);
	free(err);
	snprintf(args, sizeof args, "merge '%s/missing.docx' '%s' -o '%s/o.docx'", dir,
		 FIXTURE("lo-authored.json"), dir);
	err = run_vndoc(args, 3);
	ck_assert_ptr_nonnull(strstr(err, "missing.docx: cannot open"));
	free(err);
	snprintf(args, sizeof args, "merge '%s' '%s' -o '%s/no/such/dir/o.docx'", FIXTURE("lo-authored.docx"),
		 FIXTURE("lo-authored.json"), dir);
	free(run_vndoc(args, 3));
}
END_TEST

/* A --scope path that is malformed (checked before the data is read) or
 * leads to no value of the data is refused, exit 2, naming the option,
 * the path and what it met; nothing is written. */
START_TEST(e2e_merge__scope_paths_refused)
{
	static const struct {
		const char *path, *want;
	} cases[] = {
		{ "don_vi..0", "two dots together at character 7: an empty name" },
		{ "don_vi.", "ends with a dot: the last name is empty" },
		{ ".don_vi", "starts with a dot: the first name is empty" },
		{ "", "an empty path (e.g. don_vi.3)" },
		{ "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.1.2.3.4.5.6.7", "more than 32 parts" },
		{ "don_vi.-1", "in DATA, -1 is a negative index: a list's items are 0 to 1" },
		{ "don_vi.2", "in DATA, don_vi has 2 items (0 to 1): no item 2" },
		{ "don_vi.18446744073709551617", "in DATA, don_vi has 2 items (0 to 1): no item 18446744073709551617" },
		{ "rong.0", "in DATA, rong is an empty list: no item 0" },
		{ "don_vi.0.1", "in DATA, don_vi.0 is an object, not a list: 1 is no index in it and none of its names" },
		{ "0", "in DATA, the data's top level is an object, not a list: 0 is no index in it and none of its names" },
		{ "don_vi.ten", "in DATA, don_vi is a list: \"ten\" is not an index (0, 1, ...)" },
		{ "don_vi.0.ten.x", "in DATA, don_vi.0.ten is a text, not an object or a list: nothing named \"x\" in it" },
		{ "don_vi.0.ho", "in DATA, don_vi.0 has no value named \"ho\"" },
	};
	const char *dir = test_tmpdir();
	char data[4200], out[4200], args[9000], want[9000], *err;
	FILE *f;

	snprintf(data, sizeof data, "%s/scope.json", dir);
	snprintf(out, sizeof out, "%s/scope.docx", dir);
	f = fopen(data, "w");
	ck_assert_ptr_nonnull(f);
	fputs("{\"don_vi\": [{\"ten\": \"A\"}, {\"ten\": \"B\"}], \"rong\": [], \"so\": 5}", f);
	fclose(f);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *in = strstr(cases[i].want, "DATA");
		snprintf(args, sizeof args, "merge '%s' '%s' --scope '%s' -o '%s'", FIXTURE("lo-authored.docx"), data,
			 cases[i].path, out);
		err = run_vndoc(args, 2);
		if (in)
			snprintf(want, sizeof want, "vndoc merge: --scope \"%s\": in %s%s\n", cases[i].path, data, in + 4);
		else
			snprintf(want, sizeof want, "vndoc merge: --scope \"%s\": %s\n", cases[i].path, cases[i].want);
		ck_assert_str_eq(err, want);
		ck_assert(!exists(out));
		free(err);
	}
	/* the well-formed ones merge (an index may have leading zeros, as in a tag) */
	snprintf(args, sizeof args, "merge '%s' '%s' --scope don_vi.01 -o '%s'", FIXTURE("lo-authored.docx"), data, out);
	free(run_vndoc(args, 0));
	ck_assert(exists(out));
}
END_TEST

START_TEST(e2e_merge__unpack_pack_round_trip)
{
	const char *dir = test_tmpdir();
	char args[9000], un1[4200], un2[4200], p1[4200], p2[4200], p3[4200], *a, *b;
	size_t a_len, b_len;

	snprintf(un1, sizeof un1, "%s/un1", dir);
	snprintf(un2, sizeof un2, "%s/un2", dir);
	snprintf(p1, sizeof p1, "%s/p1.docx", dir);
	snprintf(p2, sizeof p2, "%s/p2.docx", dir);
	snprintf(p3, sizeof p3, "%s/p3.docx", dir);
	snprintf(args, sizeof args, "unpack '%s' -o '%s'", FIXTURE("lo-authored.docx"), un1);
	free(run_vndoc(args, 0));
	snprintf(args, sizeof args, "pack '%s' -o '%s'", un1, p1);
	free(run_vndoc(args, 0));
	snprintf(args, sizeof args, "pack '%s' -o '%s'", un1, p2);
	free(run_vndoc(args, 0));
	snprintf(args, sizeof args, "unpack '%s' -o '%s'", p1, un2);
	free(run_vndoc(args, 0));
	snprintf(args, sizeof args, "pack '%s' -o '%s'", un2, p3);
	free(run_vndoc(args, 0));
	/* Packing is deterministic and unpack ∘ pack is the identity. */
	a = test_read_file(p1, &a_len);
	b = test_read_file(p2, &b_len);
	ck_assert(a_len == b_len && !memcmp(a, b, a_len));
	free(b);
	b = test_read_file(p3, &b_len);
	ck_assert(a_len == b_len && !memcmp(a, b, a_len));
	free(a);
	free(b);
	/* The packed template merges like the original. */
	{
		test_paragraphs x = test_docx_paragraphs(FIXTURE("lo-authored.docx"), "word/document.xml");
		test_paragraphs y = test_docx_paragraphs(p1, "word/document.xml");
		ck_assert_uint_eq(x.count, y.count);
		for (size_t i = 0; i < x.count; i++)
			ck_assert_str_eq(x.items[i], y.items[i]);
		test_paragraphs_dispose(&x);
		test_paragraphs_dispose(&y);
	}
	/* unpack refuses a folder that is not empty. */
	snprintf(args, sizeof args, "unpack '%s' -o '%s'", p1, un1);
	b = run_vndoc(args, 3);
	ck_assert_ptr_nonnull(strstr(b, "the folder exists and is not empty"));
	free(b);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("e2e_merge");
	TCase *tc = tcase_create("merge");
	tcase_add_test(tc, e2e_merge__libreoffice_template_paragraph_by_paragraph);
	tcase_add_test(tc, e2e_merge__libreoffice_opens_the_output);
	tcase_add_test(tc, e2e_merge__same_inputs_same_bytes);
	tcase_add_test(tc, e2e_merge__data_from_standard_input);
	tcase_add_test(tc, e2e_merge__template_errors_all_reported_nothing_written);
	tcase_add_test(tc, e2e_merge__bad_json_names_line_and_column);
	tcase_add_test(tc, e2e_merge__usage_and_io_statuses);
	tcase_add_test(tc, e2e_merge__scope_paths_refused);
	tcase_add_test(tc, e2e_merge__unpack_pack_round_trip);
	tcase_set_timeout(tc, 300);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
