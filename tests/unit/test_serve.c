/*
 * test_serve.c: pieces of vndoc serve (src/serve) that need no socket:
 * campaign IDs, file name extensions, the deterministic zips, the
 * bounded worker pool.  The HTTP API itself is tested by tests/serve/.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "serve/serve_internal.h"
#include "serve/zip.h"
#include "test.h"

START_TEST(serve__ids)
{
	ck_assert(vndoc_serve__valid_id("20261207-143000-0a9f"));
	ck_assert(!vndoc_serve__valid_id("20261207-143000-0A9F"));  /* upper-case hex */
	ck_assert(!vndoc_serve__valid_id("20261207-143000-0a9"));
	ck_assert(!vndoc_serve__valid_id("20261207-143000-0a9ff"));
	ck_assert(!vndoc_serve__valid_id("../../etc/passwd"));
	ck_assert(!vndoc_serve__valid_id(".tmp"));
	ck_assert(!vndoc_serve__valid_id(""));
	ck_assert(!vndoc_serve__valid_id("2026120x-143000-0a9f"));
}
END_TEST

START_TEST(serve__extensions)
{
	char ext[8];
	vndoc_serve__extension(ext, "Lai Châu.CSV");
	ck_assert_str_eq(ext, "csv");
	vndoc_serve__extension(ext, "a.tar.XLSX");
	ck_assert_str_eq(ext, "xlsx");
	vndoc_serve__extension(ext, "no-extension");
	ck_assert_str_eq(ext, "");
	vndoc_serve__extension(ext, "x.verylongext");
	ck_assert_str_eq(ext, "");
	vndoc_serve__extension(ext, "dir.json/file");
	ck_assert_str_eq(ext, "");
	vndoc_serve__extension(ext, NULL);
	ck_assert_str_eq(ext, "");
}
END_TEST

/* Writes `text` to DIR/NAME. */
static char *put(const char *dir, const char *name, const char *text)
{
	char *path = malloc(4200);
	FILE *f;
	snprintf(path, 4200, "%s/%s", dir, name);
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	return path;
}

START_TEST(serve__zips_are_deterministic)
{
	const char *dir = test_tmpdir();
	char *a = put(dir, "a.txt", "first"), *b = put(dir, "b.txt", "second"), out1[4200], out2[4200];
	vndoc_serve_zip z = { NULL, 0, 0 };
	vndoc_error err;
	char *d1, *d2;
	size_t l1, l2;

	snprintf(out1, sizeof out1, "%s/1.zip", dir);
	snprintf(out2, sizeof out2, "%s/2.zip", dir);
	/* Added in either order, written in name order with fixed times. */
	vndoc_serve__zip_add(&z, "z/b.txt", b);
	vndoc_serve__zip_add(&z, "a.txt", a);
	ck_assert_int_eq(vndoc_serve__zip_write(&z, out1, &err), 0);
	vndoc_serve__zip_dispose(&z);
	sleep(1);
	vndoc_serve__zip_add(&z, "a.txt", a);
	vndoc_serve__zip_add(&z, "z/b.txt", b);
	ck_assert_int_eq(vndoc_serve__zip_write(&z, out2, &err), 0);
	vndoc_serve__zip_dispose(&z);
	d1 = test_read_file(out1, &l1);
	d2 = test_read_file(out2, &l2);
	ck_assert_uint_eq(l1, l2);
	ck_assert(memcmp(d1, d2, l1) == 0);
	/* The first entry's name is a.txt (local header at offset 30). */
	ck_assert(memcmp(d1 + 30, "a.txt", 5) == 0);
	/* A file that is not there: an error, no archive. */
	vndoc_serve__zip_add(&z, "gone.txt", "/nonexistent/gone.txt");
	snprintf(out1, sizeof out1, "%s/3.zip", dir);
	ck_assert_int_lt(vndoc_serve__zip_write(&z, out1, &err), 0);
	ck_assert_int_ne(access(out1, F_OK), 0);
	vndoc_serve__zip_dispose(&z);
	free(d1);
	free(d2);
	free(a);
	free(b);
}
END_TEST

static int add_one(vndoc_serve_worker *w, void *arg)
{
	(void)w;
	return ++*(int *)arg;
}

START_TEST(serve__jobs_run_and_return)
{
	vndoc_serve_jobs *j = vndoc_serve__jobs_new(2);
	int n = 0;

	for (int i = 1; i <= 10; i++)
		ck_assert_int_eq(vndoc_serve__jobs_run(j, add_one, &n), i);
	vndoc_serve__jobs_free(j);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("serve");
	TCase *tc = tcase_create("pieces");
	tcase_add_test(tc, serve__ids);
	tcase_add_test(tc, serve__extensions);
	tcase_add_test(tc, serve__zips_are_deterministic);
	tcase_add_test(tc, serve__jobs_run_and_return);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
