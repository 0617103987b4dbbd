/*
 * test_hostile.c: every hostile fixture (tests/fixtures/hostile, made by
 * scripts/make-hostile.py) ends in its exact error, a non-zero exit, and
 * nothing written: no output, no temporary file.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "test.h"

#define HOSTILE VNDOC_FIXTURES "/hostile/"
#define SAMPLES VNDOC_SOURCE_DIR "/samples/lai-chau.json"
#define LO VNDOC_FIXTURES "/docx/lo-authored.docx"

typedef struct hostile_case {
	const char *command;  /* "merge" (fixture as template), "data" (fixture as data) or "check" */
	const char *fixture;
	int status;
	const char *error;    /* stderr, after "vndoc: FIXTURE_PATH" */
} hostile_case;

static const hostile_case cases[] = {
	{ "merge", "zip-bomb.docx", 3, "[word/document.xml]: compression ratio is too high (zip bomb?)" },
	{ "merge", "overlap.docx", 3, ": not a zip archive: Zip archive inconsistent" },
	{ "merge", "truncated.docx", 3, ": not a zip archive: Not a zip archive" },
	{ "merge", "encrypted.docx", 3, "[[Content_Types].xml]: encrypted parts are not supported" },
	{ "merge", "traversal.docx", 3, "[../../evil.xml]: unsafe part name: \".\" or \"..\" segment" },
	{ "merge", "absolute.docx", 3, "[/etc/passwd]: unsafe part name: absolute path" },
	{ "merge", "no-content-types.docx", 3, ": not a Word document: no [Content_Types].xml" },
	{ "merge", "no-document.docx", 3, ": not a Word document: no word/document.xml" },
	{ "merge", "billion-laughs.docx", 3, "[word/document.xml]:1: DOCTYPE declarations are refused" },
	{ "merge", "xxe.docx", 3, "[word/document.xml]:1: DOCTYPE declarations are refused" },
	{ "merge", "deep.docx", 3, "[word/document.xml]:1:1405: elements nested deeper than 256" },
	{ "merge", "bad-utf8.docx", 3,
	  "[word/document.xml]:1:151: malformed XML: Input is not proper UTF-8, indicate encoding !" },
	{ "merge", "nested-sections.docx", 3,
	  "[word/document.xml]: {#a}: sections nested deeper than 64 levels (in \"…a}{#a}{#a}{#a}{#a}{#a}{#a}"
	  "{#a}{#a}{#a}{#a}{#a}{#a}{#a}{#a}{#a}{#a}{#a}{#a}{#a}{#…\")" },
	{ "data", "big-field.json", 3, ": a string is longer than 1048576 bytes" },
	{ "check", "big-field.csv", 3, ":row 2:2:307211: field longer than 262144 bytes" },
	{ "check", "million-columns.csv", 3, ":row 1:1:1025: more than 1024 columns" },
};

/* The limits of core/limits.h a document reaches when rendered: refused
 * (nothing written) or repaired with a warning (the PDF written). */
typedef struct limit_case {
	const char *fixture;
	int status;
	const char *stderr_text; /* after "vndoc: " */
} limit_case;

#define WARN(f) "warning: " HOSTILE f ": "
static const limit_case render_cases[] = {
	{ "deep-tables.docx", 3, HOSTILE "deep-tables.docx[word/document.xml]: tables nested more than 16 deep" },
	{ "deep-content.docx", 3,
	  HOSTILE "deep-content.docx[word/document.xml]: content nested more than 32 deep" },
	{ "many-pages.docx", 3, HOSTILE "many-pages.docx: more than 20000 pages" },
	{ "deep-runs.docx", 0, WARN("deep-runs.docx") "runs nested more than 32 deep: the deeper ones not drawn" },
	{ "deep-fields.docx", 0,
	  WARN("deep-fields.docx") "fields nested more than 8 deep: the deeper ones not drawn" },
	{ "huge-picture.docx", 0,
	  WARN("huge-picture.docx") "picture word/media/big.png too large (10000 x 10000 pixels), drawn as an empty frame" },
	{ "deep-drawing.docx", 0, WARN("deep-drawing.docx") "linked or missing picture (pic:pic) not drawn" },
};
#undef WARN

START_TEST(hostile__refused_cleanly)
{
	const hostile_case *c = &cases[_i];
	const char *dir = test_tmpdir();
	char cmd[12000], want[4096], *err = NULL;
	int status;

	if (!strcmp(c->command, "merge"))
		snprintf(cmd, sizeof cmd, "'%s' merge '%s%s' '%s' -o '%s/out.docx'", VNDOC_EXE, HOSTILE, c->fixture,
			 SAMPLES, dir);
	else if (!strcmp(c->command, "data"))
		snprintf(cmd, sizeof cmd, "'%s' merge '%s' '%s%s' -o '%s/out.docx'", VNDOC_EXE, LO, HOSTILE, c->fixture,
			 dir);
	else
		snprintf(cmd, sizeof cmd, "'%s' check '%s%s'", VNDOC_EXE, HOSTILE, c->fixture);
	status = test_run(cmd, NULL, &err);
	snprintf(want, sizeof want, "vndoc: %s%s%s\n", HOSTILE, c->fixture, c->error);
	ck_assert_msg(status == c->status, "%s: exit %d, want %d", c->fixture, status, c->status);
	ck_assert_str_eq(err, want);
	/* Nothing written, not even a temporary file. */
	ck_assert_uint_eq(test_dir_entries(dir), 0);
	free(err);
}
END_TEST

START_TEST(hostile__render_limits)
{
	const limit_case *c = &render_cases[_i];
	const char *dir = test_tmpdir();
	char cmd[12000], want[4096], *err = NULL;
	int status;

	snprintf(cmd, sizeof cmd, "'%s' render '%s%s' -o '%s/out.pdf'", VNDOC_EXE, HOSTILE, c->fixture, dir);
	status = test_run(cmd, NULL, &err);
	snprintf(want, sizeof want, "vndoc: %s\n", c->stderr_text);
	ck_assert_msg(status == c->status, "%s: exit %d, want %d", c->fixture, status, c->status);
	ck_assert_str_eq(err, want);
	/* Refused: nothing written; repaired: the PDF alone. */
	ck_assert_uint_eq(test_dir_entries(dir), c->status ? 0 : 1);
	free(err);
}
END_TEST

/* A folder package nested past VNDOC_LIMIT_FOLDER_DEPTH (32). */
START_TEST(hostile__deep_folder_package)
{
	const char *dir = test_tmpdir();
	char path[4096], cmd[12000], want[4200], *err = NULL;
	size_t n;
	FILE *f;

	n = (size_t)snprintf(path, sizeof path, "%s/pkg", dir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	snprintf(cmd, sizeof cmd, "%s/[Content_Types].xml", path);
	ck_assert_ptr_nonnull(f = fopen(cmd, "w"));
	fclose(f);
	for (int i = 0; i < 34; i++) {
		n += (size_t)snprintf(path + n, sizeof path - n, "/d");
		ck_assert_int_eq(mkdir(path, 0700), 0);
	}
	snprintf(cmd, sizeof cmd, "'%s' render '%s/pkg' -o '%s/out.pdf'", VNDOC_EXE, dir, dir);
	ck_assert_int_eq(test_run(cmd, NULL, &err), 3);
	/* The folder 33 below the package's is the one refused. */
	path[n - 2] = '\0';
	snprintf(want, sizeof want, "vndoc: %s: folders nested more than 32 deep\n", path);
	ck_assert_str_eq(err, want);
	ck_assert_uint_eq(test_dir_entries(dir), 1); /* pkg/ */
	free(err);
}
END_TEST

/* Unit names that try to leave the output folder, or that Windows
 * reserves, become folders inside it. */
START_TEST(hostile__unit_names_stay_inside_the_output)
{
	const char *dir = test_tmpdir();
	char cmd[12000], path[4300], *err = NULL;
	static const char *folders[] = { "x", "etc", "con-don-vi", "aux-don-vi", "x-2", "a-b", "nul-txt" };
	struct stat st;

	snprintf(cmd, sizeof cmd, "'%s' batch '%sescape-names.json' -o '%s/out' --template '%s/templates' -q --no-pdf",
		 VNDOC_EXE, HOSTILE, dir, VNDOC_BINARY_DIR);
	ck_assert_int_eq(test_run(cmd, NULL, &err), 0);
	free(err);
	for (size_t i = 0; i < 7; i++) {
		snprintf(path, sizeof path, "%s/out/%s/bieu-dang-ky.docx", dir, folders[i]);
		ck_assert_msg(stat(path, &st) == 0, "no %s", path);
	}
	/* The temporary folder holds only out/. */
	ck_assert_uint_eq(test_dir_entries(dir), 1);
	snprintf(path, sizeof path, "%s/out", dir);
	ck_assert_uint_eq(test_dir_entries(path), 7 + 5); /* + plan, summary, its sheet, manifest, report */
}
END_TEST

int main(void)
{
	Suite *s = suite_create("hostile");
	TCase *tc = tcase_create("hostile");
	tcase_add_loop_test(tc, hostile__refused_cleanly, 0, (int)(sizeof cases / sizeof cases[0]));
	tcase_add_loop_test(tc, hostile__render_limits, 0, (int)(sizeof render_cases / sizeof render_cases[0]));
	tcase_add_test(tc, hostile__deep_folder_package);
	tcase_add_test(tc, hostile__unit_names_stay_inside_the_output);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
