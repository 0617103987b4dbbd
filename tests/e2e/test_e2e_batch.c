/*
 * test_e2e_batch.c: `vndoc batch` on the samples: the files, the
 * manifest's hashes, byte-identical output with -j 1 and -j 2, shards,
 * a unit with bad data skipped, and recovery after a run killed midway.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <jansson.h>

#include "test.h"

#define SAMPLES VNDOC_SOURCE_DIR "/samples/lai-chau.json"

static void batch(const char *data, const char *out, const char *extra, int want)
{
	char cmd[12000], *err = NULL;
	int status;
	ck_assert_int_lt(snprintf(cmd, sizeof cmd, "'%s' batch '%s' -o '%s' --template '%s/templates' %s",
				  VNDOC_EXE, data, out, VNDOC_BINARY_DIR, extra),
			 (int)sizeof cmd);
	status = test_run(cmd, NULL, &err);
	ck_assert_msg(status == want, "%s: exit %d: %s", cmd, status, err);
	free(err);
}

static char *sha256_of_file(const char *path, size_t *len)
{
	char *data = test_read_file(path, len);
	gchar *hex = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, *len);
	char *copy = strdup(hex);
	g_free(hex);
	free(data);
	return copy;
}

/* Every file under `dir`, relative, sorted, with its SHA-256. */
static GPtrArray *listing(const char *root, const char *rel, GPtrArray *acc)
{
	char path[4096];
	DIR *d;
	struct dirent *de;

	if (!acc)
		acc = g_ptr_array_new_with_free_func(g_free);
	snprintf(path, sizeof path, "%s%s%s", root, *rel ? "/" : "", rel);
	d = opendir(path);
	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d))) {
		char sub[4096], full[8200];
		struct stat st;
		if (de->d_name[0] == '.' && (!de->d_name[1] || !strcmp(de->d_name, "..")))
			continue;
		snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", de->d_name);
		snprintf(full, sizeof full, "%s/%s", root, sub);
		ck_assert_int_eq(stat(full, &st), 0);
		if (S_ISDIR(st.st_mode)) {
			listing(root, sub, acc);
		} else {
			size_t len;
			char *h = sha256_of_file(full, &len);
			g_ptr_array_add(acc, g_strdup_printf("%s %s", sub, h));
			free(h);
		}
	}
	closedir(d);
	g_ptr_array_sort(acc, (GCompareFunc)g_strcmp0);
	return acc;
}

static int cmp_entries(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void assert_same_trees(const char *a, const char *b)
{
	GPtrArray *x = listing(a, "", NULL), *y = listing(b, "", NULL);
	g_ptr_array_sort(x, cmp_entries);
	g_ptr_array_sort(y, cmp_entries);
	ck_assert_uint_eq(x->len, y->len);
	for (guint i = 0; i < x->len; i++)
		ck_assert_str_eq(g_ptr_array_index(x, i), g_ptr_array_index(y, i));
	g_ptr_array_free(x, TRUE);
	g_ptr_array_free(y, TRUE);
}

START_TEST(e2e_batch__files_manifest_and_determinism)
{
	char one[4200], two[4200], path[4300];
	json_t *m;
	json_error_t je;
	size_t n_forms = 0;

	snprintf(one, sizeof one, "%s/j1", test_tmpdir());
	snprintf(two, sizeof two, "%s/j2", test_tmpdir());
	batch(SAMPLES, one, "-j 1 -q", 0);
	batch(SAMPLES, two, "-j 2 -q", 0);
	assert_same_trees(one, two);

	snprintf(path, sizeof path, "%s/manifest.json", one);
	m = json_load_file(path, 0, &je);
	ck_assert_ptr_nonnull(m);
	/* Plan and summary, then 26 forms, each as DOCX and PDF; the summary
	 * also as a sheet (tong-hop.xlsx). */
	ck_assert_uint_eq(json_array_size(m), 2 * (2 + 26) + 1);
	for (size_t i = 0; i < json_array_size(m); i++) {
		json_t *e = json_array_get(m, i);
		const char *file = json_string_value(json_object_get(e, "file"));
		size_t len;
		char full[8300], *h;
		snprintf(full, sizeof full, "%s/%s", one, file);
		h = sha256_of_file(full, &len);
		ck_assert_str_eq(h, json_string_value(json_object_get(e, "sha256")));
		ck_assert_uint_eq(len, (size_t)json_integer_value(json_object_get(e, "bytes")));
		free(h);
		n_forms += strstr(file, "/bieu-dang-ky.docx") != NULL;
	}
	ck_assert_uint_eq(n_forms, 26);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(m, 0), "file")), "ke-hoach.docx");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(m, 4), "file")), "tong-hop.xlsx");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(m, 5), "file")),
			 "van-phong-so/bieu-dang-ky.docx");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(m, 5), "unit")), "Văn phòng Sở");
	json_decref(m);
	{
		size_t len;
		char *report;
		snprintf(path, sizeof path, "%s/report.txt", one);
		report = test_read_file(path, &len);
		ck_assert_str_eq(report, "every rule of the plan holds (26 units)\n");
		free(report);
	}
	/* The plan and the summary, merged with the units streamed from the
	 * file, are the very bytes `vndoc merge` makes from the data held whole. */
	for (int k = 0; k < 2; k++) {
		const char *name = k ? "tong-hop" : "ke-hoach";
		char cmd[12000], merged[4300], *err = NULL, *a, *b;
		size_t la, lb;
		snprintf(merged, sizeof merged, "%s/%s-merged.docx", test_tmpdir(), name);
		snprintf(cmd, sizeof cmd, "'%s' merge '%s/templates/%s.docx' '%s' -o '%s'", VNDOC_EXE, VNDOC_BINARY_DIR,
			 name, SAMPLES, merged);
		ck_assert_int_eq(test_run(cmd, NULL, &err), 0);
		free(err);
		snprintf(path, sizeof path, "%s/%s.docx", one, name);
		a = test_read_file(path, &la);
		b = test_read_file(merged, &lb);
		ck_assert_uint_eq(la, lb);
		ck_assert(memcmp(a, b, la) == 0);
		free(a);
		free(b);
	}
}
END_TEST

START_TEST(e2e_batch__shards_add_up_to_the_whole)
{
	char all[4200], parts[4200], path[4300];
	json_t *m1, *m2, *whole;
	json_error_t je;

	snprintf(all, sizeof all, "%s/all", test_tmpdir());
	snprintf(parts, sizeof parts, "%s/parts", test_tmpdir());
	batch(SAMPLES, all, "-q --no-pdf", 0);
	batch(SAMPLES, parts, "-q --no-pdf --shard 1/2", 0);
	batch(SAMPLES, parts, "-q --no-pdf --shard 2/2", 0);
	snprintf(path, sizeof path, "%s/manifest-1-of-2.json", parts);
	m1 = json_load_file(path, 0, &je);
	snprintf(path, sizeof path, "%s/manifest-2-of-2.json", parts);
	m2 = json_load_file(path, 0, &je);
	snprintf(path, sizeof path, "%s/manifest.json", all);
	whole = json_load_file(path, 0, &je);
	ck_assert_uint_eq(json_array_size(m1) + json_array_size(m2), json_array_size(whole));
	json_decref(m1);
	json_decref(m2);
	json_decref(whole);
	/* Same files, same bytes, once the shard manifests are set aside. */
	snprintf(path, sizeof path, "%s/manifest-1-of-2.json", parts);
	unlink(path);
	snprintf(path, sizeof path, "%s/manifest-2-of-2.json", parts);
	unlink(path);
	snprintf(path, sizeof path, "%s/manifest.json", all);
	unlink(path);
	assert_same_trees(all, parts);
}
END_TEST

/* The samples with unit `bad` stripped of its individuals, written to a file. */
static const char *data_with_bad_unit(size_t bad, size_t copies)
{
	static char path[4200];
	json_error_t je;
	json_t *root = json_load_file(SAMPLES, 0, &je), *units = json_object_get(root, "don_vi"), *more;
	size_t n = json_array_size(units);

	more = json_array();
	for (size_t c = 0; c < copies; c++)
		for (size_t i = 0; i < n; i++) {
			json_t *u = json_deep_copy(json_array_get(units, i));
			if (c) {
				char *name = g_strdup_printf("%s (bản %zu)", json_string_value(json_object_get(u, "ten")), c + 1);
				json_object_set_new(u, "ten", json_string(name));
				g_free(name);
				/* Different people, so that nobody is registered twice. */
				json_t *tt = json_array_get(json_object_get(u, "tap_the"), 0);
				char *tn = g_strdup_printf("%s %zu", json_string_value(json_object_get(tt, "ten")), c + 1);
				json_object_set_new(tt, "ten", json_string(tn));
				g_free(tn);
				json_t *cn = json_object_get(u, "ca_nhan");
				for (size_t k = 0; k < json_array_size(cn); k++) {
					json_t *p = json_array_get(cn, k);
					char *pn = g_strdup_printf("%s %zu", json_string_value(json_object_get(p, "don_vi_cong_tac")), c + 1);
					json_object_set_new(p, "don_vi_cong_tac", json_string(pn));
					g_free(pn);
				}
			}
			json_array_append_new(more, u);
		}
	if (bad < json_array_size(more))
		json_object_set_new(json_array_get(more, bad), "ca_nhan", json_array());
	json_object_set_new(root, "don_vi", more);
	snprintf(path, sizeof path, "%s/data.json", test_tmpdir());
	ck_assert_int_eq(json_dump_file(root, path, JSON_INDENT(1)), 0);
	json_decref(root);
	return path;
}

START_TEST(e2e_batch__bad_unit_is_reported_and_skipped)
{
	char out[4200], path[4300], *report;
	size_t len;
	struct stat st;
	const char *data = data_with_bad_unit(1, 1);

	snprintf(out, sizeof out, "%s/out", test_tmpdir());
	batch(data, out, "-q --no-pdf", 1);
	snprintf(path, sizeof path, "%s/report.txt", out);
	report = test_read_file(path, &len);
	ck_assert_str_eq(report, "Thanh tra Sở: ca_nhan: registers no individual; the plan asks for at least one\n");
	free(report);
	snprintf(path, sizeof path, "%s/thanh-tra-so", out);
	ck_assert_int_eq(stat(path, &st), -1);
	snprintf(path, sizeof path, "%s/van-phong-so/bieu-dang-ky.docx", out);
	ck_assert_int_eq(stat(path, &st), 0);
}
END_TEST

/* The same registrations as a CSV or XLSX sheet with the document's own
 * fields beside it (--doc): the very same files as from the JSON. */
START_TEST(e2e_batch__sheets_give_the_same_files)
{
	char json[4200], csv[4200], xlsx[4200], extra[8400];

	snprintf(json, sizeof json, "%s/json", test_tmpdir());
	snprintf(csv, sizeof csv, "%s/csv", test_tmpdir());
	snprintf(xlsx, sizeof xlsx, "%s/xlsx", test_tmpdir());
	snprintf(extra, sizeof extra, "-q -j 2 --doc '%s/samples/lai-chau-van-ban.json'", VNDOC_SOURCE_DIR);
	batch(SAMPLES, json, "-q -j 2", 0);
	batch(VNDOC_SOURCE_DIR "/samples/lai-chau.csv", csv, extra, 0);
	batch(VNDOC_SOURCE_DIR "/samples/lai-chau.xlsx", xlsx, extra, 0);
	assert_same_trees(json, csv);
	assert_same_trees(json, xlsx);
}
END_TEST

static size_t count_temporaries(const char *root)
{
	GPtrArray *all = listing(root, "", NULL);
	size_t n = 0;
	for (guint i = 0; i < all->len; i++)
		n += strstr(g_ptr_array_index(all, i), ".tmp-") != NULL;
	g_ptr_array_free(all, TRUE);
	return n;
}

START_TEST(e2e_batch__killed_run_recovers)
{
	char killed[4200], clean[4200], cmd[12000];
	const char *data = data_with_bad_unit((size_t)-1, 4);

	snprintf(killed, sizeof killed, "%s/killed", test_tmpdir());
	snprintf(clean, sizeof clean, "%s/clean", test_tmpdir());
	/* Killed without warning partway through (SIGKILL: no clean-up runs). */
	snprintf(cmd, sizeof cmd, "timeout -s KILL 0.3 '%s' batch '%s' -o '%s' --template '%s/templates' -q -j 1",
		 VNDOC_EXE, data, killed, VNDOC_BINARY_DIR);
	ck_assert_int_ne(test_run(cmd, NULL, NULL), 0);
	/* Started again, it finishes and leaves what a clean run leaves. */
	batch(data, killed, "-q -j 2", 0);
	ck_assert_uint_eq(count_temporaries(killed), 0);
	batch(data, clean, "-q -j 1", 0);
	assert_same_trees(clean, killed);
}
END_TEST

/* `vndoc render --outdir` over several files gives the bytes `vndoc render
 * -o` gives for each alone, and the batch's PDFs are those same bytes. */
START_TEST(e2e_batch__render_many_in_one_call)
{
	const char *dir = test_tmpdir();
	char cmd[16384], a[4200], b[4200], *x, *y;
	size_t xl, yl;
	static const char *names[] = { "ke-hoach", "tong-hop" };

	for (size_t i = 0; i < 2; i++) {
		snprintf(cmd, sizeof cmd, "'%s' merge '%s/templates/%s.docx' '%s' -o '%s/%s.docx' && '%s' render '%s/%s.docx' -o '%s/%s-alone.pdf'",
			 VNDOC_EXE, VNDOC_BINARY_DIR, names[i], SAMPLES, dir, names[i], VNDOC_EXE, dir, names[i], dir, names[i]);
		ck_assert_int_eq(test_run(cmd, NULL, NULL), 0);
	}
	snprintf(cmd, sizeof cmd, "'%s' render '%s/ke-hoach.docx' '%s/tong-hop.docx' --outdir '%s/many'", VNDOC_EXE, dir, dir, dir);
	ck_assert_int_eq(test_run(cmd, NULL, NULL), 0);
	for (size_t i = 0; i < 2; i++) {
		snprintf(a, sizeof a, "%s/%s-alone.pdf", dir, names[i]);
		snprintf(b, sizeof b, "%s/many/%s.pdf", dir, names[i]);
		x = test_read_file(a, &xl);
		y = test_read_file(b, &yl);
		ck_assert_msg(xl == yl && !memcmp(x, y, xl), "%s differs", names[i]);
		free(x);
		free(y);
	}
	/* A file that cannot be read is reported; the others are still made. */
	snprintf(cmd, sizeof cmd, "'%s' render '%s/missing.docx' '%s/ke-hoach.docx' --outdir '%s/more'", VNDOC_EXE, dir, dir, dir);
	ck_assert_int_eq(test_run(cmd, NULL, NULL), 3);
	snprintf(b, sizeof b, "%s/more/ke-hoach.pdf", dir);
	y = test_read_file(b, &yl);
	ck_assert_uint_gt(yl, 1000);
	free(y);
}
END_TEST

/* Two files with the same bytes, as `cmp` says. */
static void assert_same_file(const char *a, const char *b)
{
	size_t al, bl;
	char *x = test_read_file(a, &al), *y = test_read_file(b, &bl);
	ck_assert_msg(al == bl && !memcmp(x, y, al), "%s and %s differ", a, b);
	free(x);
	free(y);
}

/* `vndoc render -j 2 --outdir` gives every document the bytes `vndoc render
 * -o` gives it alone.  (With two threads laying out at once, justified
 * lines of 06-dau-trang came out spaced differently; workers are now
 * processes.)  A failing file is reported and the others are made. */
START_TEST(e2e_batch__render_many_in_parallel)
{
	const char *dir = test_tmpdir();
	static const char *names[] = { "01-van-xuoi", "05-huong-giay", "06-dau-trang", "08-giu-dong" };
	char cmd[16384], a[4200], b[4200], *err = NULL;
	size_t n;

	/* Each document twice over (a, b copies), so that both workers lay
	 * out the same text at the same time. */
	n = (size_t)snprintf(cmd, sizeof cmd, "'%s' render -j 2 --outdir '%s/many'", VNDOC_EXE, dir);
	for (size_t i = 0; i < 4; i++) {
		char one[4200];
		snprintf(a, sizeof a, "fidelity/%s.docx", names[i]);
		snprintf(one, sizeof one, "cp '%s' '%s/%s-a.docx' && cp '%s' '%s/%s-b.docx' && '%s' render '%s' -o '%s/%s.pdf'",
			 test_fixture(a), dir, names[i], test_fixture(a), dir, names[i], VNDOC_EXE, test_fixture(a), dir,
			 names[i]);
		ck_assert_int_eq(test_run(one, NULL, NULL), 0);
		n += (size_t)snprintf(cmd + n, sizeof cmd - n, " '%s/%s-a.docx' '%s/%s-b.docx'", dir, names[i], dir, names[i]);
	}
	ck_assert_int_eq(test_run(cmd, NULL, NULL), 0);
	for (size_t i = 0; i < 4; i++) {
		snprintf(a, sizeof a, "%s/%s.pdf", dir, names[i]);
		snprintf(b, sizeof b, "%s/many/%s-a.pdf", dir, names[i]);
		assert_same_file(a, b);
		snprintf(b, sizeof b, "%s/many/%s-b.pdf", dir, names[i]);
		assert_same_file(a, b);
	}
	/* A missing file: named, exit status 3, the other file still made. */
	snprintf(cmd, sizeof cmd, "'%s' render -j 2 '%s/missing.docx' '%s/01-van-xuoi-a.docx' --outdir '%s/more'",
		 VNDOC_EXE, dir, dir, dir);
	ck_assert_int_eq(test_run(cmd, NULL, &err), 3);
	ck_assert_ptr_nonnull(strstr(err, "missing.docx"));
	free(err);
	snprintf(a, sizeof a, "%s/01-van-xuoi.pdf", dir);
	snprintf(b, sizeof b, "%s/more/01-van-xuoi-a.pdf", dir);
	assert_same_file(a, b);
	/* --jobs goes with --outdir. */
	snprintf(cmd, sizeof cmd, "'%s' render -j 2 '%s/01-van-xuoi-a.docx' -o '%s/x.pdf'", VNDOC_EXE, dir, dir);
	ck_assert_int_eq(test_run(cmd, NULL, &err), 2);
	ck_assert_str_eq(err, "vndoc render: --jobs goes with --outdir\n");
	free(err);
}
END_TEST

/* `vndoc render -o` reads a body over 2 MiB as it lays it out (memory
 * stays flat) and a smaller one whole: the PDFs are the same bytes.  The
 * plan's body is made long with a 5 MB comment after its root element. */
START_TEST(e2e_batch__render_long_body_streamed_same_bytes)
{
	const char *dir = test_tmpdir();
	char cmd[16384], a[4200], b[4200];

	snprintf(cmd, sizeof cmd,
		 "cp -r '%s/templates/ke-hoach' '%s/short' && cp -r '%s/templates/ke-hoach' '%s/long' && "
		 "{ printf '<!--'; head -c 5000000 /dev/zero | tr '\\0' x; printf -- '-->\\n'; } >> '%s/long/word/document.xml' && "
		 "test $(wc -c < '%s/long/word/document.xml') -gt 2097152 && "
		 "'%s' render '%s/short' -o '%s/short.pdf' && '%s' render '%s/long' -o '%s/long.pdf'",
		 VNDOC_SOURCE_DIR, dir, VNDOC_SOURCE_DIR, dir, dir, dir, VNDOC_EXE, dir, dir, VNDOC_EXE, dir, dir);
	ck_assert_int_eq(test_run(cmd, NULL, NULL), 0);
	snprintf(a, sizeof a, "%s/short.pdf", dir);
	snprintf(b, sizeof b, "%s/long.pdf", dir);
	assert_same_file(a, b);
}
END_TEST

/* Worker threads give the bytes one worker gives, also for a form whose
 * justified text is kerned (w:kern): the fidelity document 06-dau-trang
 * stands in for bieu-dang-ky.  Before shaping took a lock at a font's
 * first use, about one `-j 2` run in three spaced some forms' lines
 * differently (a race at the process's first shaping of a font at a size),
 * so the comparison is made in six fresh processes. */
START_TEST(e2e_batch__kerned_forms_same_bytes_on_every_worker_count)
{
	const char *dir = test_tmpdir();
	char cmd[24000], tpl[4200], one[4200], two[4200], *err = NULL;

	snprintf(tpl, sizeof tpl, "%s/tpl", dir);
	snprintf(cmd, sizeof cmd, "mkdir -p '%s' && cp '%s/templates/ke-hoach.docx' '%s/templates/tong-hop.docx' '%s/' && "
		 "cp '%s' '%s/bieu-dang-ky.docx'", tpl, VNDOC_BINARY_DIR, VNDOC_BINARY_DIR, tpl,
		 test_fixture("fidelity/06-dau-trang.docx"), tpl);
	ck_assert_int_eq(test_run(cmd, NULL, NULL), 0);
	snprintf(one, sizeof one, "%s/one", dir);
	snprintf(cmd, sizeof cmd, "'%s' batch '%s' -o '%s' --template '%s' -q -j 1", VNDOC_EXE, SAMPLES, one, tpl);
	ck_assert_int_eq(test_run(cmd, NULL, &err), 0);
	free(err);
	for (int k = 0; k < 6; k++) {
		snprintf(two, sizeof two, "%s/two-%d", dir, k);
		snprintf(cmd, sizeof cmd, "'%s' batch '%s' -o '%s' --template '%s' -q -j 2", VNDOC_EXE, SAMPLES, two, tpl);
		ck_assert_int_eq(test_run(cmd, NULL, &err), 0);
		free(err);
		assert_same_trees(one, two);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("e2e_batch");
	TCase *tc = tcase_create("batch");
	tcase_add_test(tc, e2e_batch__files_manifest_and_determinism);
	tcase_add_test(tc, e2e_batch__shards_add_up_to_the_whole);
	tcase_add_test(tc, e2e_batch__bad_unit_is_reported_and_skipped);
	tcase_add_test(tc, e2e_batch__killed_run_recovers);
	tcase_add_test(tc, e2e_batch__render_many_in_one_call);
	tcase_add_test(tc, e2e_batch__render_many_in_parallel);
	tcase_add_test(tc, e2e_batch__render_long_body_streamed_same_bytes);
	tcase_add_test(tc, e2e_batch__kerned_forms_same_bytes_on_every_worker_count);
	tcase_add_test(tc, e2e_batch__sheets_give_the_same_files);
	tcase_set_timeout(tc, 600);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
