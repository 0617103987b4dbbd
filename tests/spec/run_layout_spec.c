/*
 * run_layout_spec.c: runs the examples of tests/spec/layout.txt, in the
 * manner of cmark's spec tests, as one Check loop test.
 *
 * An example is fenced by 32 backticks and "example"; a line holding only
 * "." separates the document, written in the shorthand described at the
 * top of layout.txt (tests/spec/layout_doc.c turns it into a DOCX package
 * in memory), from its expected `vndoc render --dump-layout` text.  The
 * package goes the same way as that command's: vndoc_package_open_memory,
 * vndoc_docx_load, vndoc_layout_run, vndoc_render_dump; the dump, followed
 * by the layout's warnings ("warning: ..."), must match exactly, and a
 * failure prints a line diff.
 *
 * VNDOC_SPEC_EXAMPLE=N runs example N only.
 *   run_layout_spec SPEC --write-docx DIR   each example as DIR/NNN.docx and
 *                                           its actual dump as DIR/NNN.dump
 *                                           (for scripts/layout_spec_lo.py)
 *   run_layout_spec SPEC --rewrite OUT      SPEC with every expected dump
 *                                           replaced by the actual one
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/fsutil.h"
#include "docx/docx.h"
#include "layout/layout.h"
#include "layout_doc.h"
#include "package/package.h"
#include "render/render.h"
#include "spec_file.h"

typedef spec_entry example;

static example *examples;
static int n_examples;
static vndoc_layout_fonts *fonts;

/* ---- Running an example --------------------------------------------- */

/* The DOCX of example `ex` (malloc'd), or NULL with `msg` set. */
static char *build(const example *ex, size_t *len, char *msg, size_t msg_size)
{
	char *zip;
	if (layout_doc_build(&zip, len, ex->part[0], msg, msg_size) < 0)
		return NULL;
	return zip;
}

/* The dump of example `ex` (malloc'd); errors come out as "error: ...". */
static char *run(const example *ex)
{
	vndoc_buf out = VNDOC_BUF_INIT((size_t)1 << 28);
	vndoc_package *pkg = NULL;
	vndoc_docx *doc = NULL;
	vndoc_layout *l = NULL;
	vndoc_layout_options lo = VNDOC_LAYOUT_OPTIONS_INIT;
	vndoc_error err;
	char msg[1024], *zip;
	size_t len;

	vndoc_error_clear(&err);
	if (!(zip = build(ex, &len, msg, sizeof msg))) {
		vndoc_buf_printf(&out, "error: %s\n", msg);
		return vndoc_buf_detach(&out, NULL);
	}
	lo.fonts = fonts;
	if (vndoc_package_open_memory(&pkg, zip, len, "example.docx", &err) < 0 ||
	    vndoc_docx_load(&doc, pkg, &err) < 0 || vndoc_layout_run(&l, doc, &lo, &err) < 0)
		vndoc_buf_printf(&out, "error: %s\n", vndoc_error_format(&err, msg, sizeof msg));
	else if (vndoc_render_dump(l, &out) < 0)
		vndoc_buf_puts(&out, "error: dump larger than its limit\n");
	for (size_t i = 0; l && i < vndoc_layout_warning_count(l); i++)
		vndoc_buf_printf(&out, "warning: %s\n", vndoc_layout_warning(l, i));
	vndoc_layout_free(l);
	vndoc_docx_free(doc);
	vndoc_package_free(pkg);
	free(zip);
	return vndoc_buf_detach(&out, NULL);
}

/* ---- A line diff ------------------------------------------------------ */

static int split_lines(char *s, char ***out)
{
	int n = 0, cap = 16;
	char **v = vndoc_xreallocarray(NULL, (size_t)cap, sizeof *v);
	for (char *p = s; *p;) {
		char *nl = strchr(p, '\n');
		if (n == cap)
			v = vndoc_xreallocarray(v, (size_t)(cap *= 2), sizeof *v);
		v[n++] = p;
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	*out = v;
	return n;
}

/* Prints expected and actual as a diff ("-" expected only, "+" actual
 * only), through the longest common subsequence of their lines. */
static void print_diff(const char *expected, const char *actual)
{
	char *e = vndoc_xstrdup(expected), *a = vndoc_xstrdup(actual), **el, **al;
	int ne = split_lines(e, &el), na = split_lines(a, &al);
	int *t = vndoc_xcalloc((size_t)(ne + 1) * (size_t)(na + 1), sizeof *t);
#define T(i, j) t[(size_t)(i) * (size_t)(na + 1) + (size_t)(j)]
	for (int i = ne - 1; i >= 0; i--)
		for (int j = na - 1; j >= 0; j--)
			T(i, j) = !strcmp(el[i], al[j]) ? T(i + 1, j + 1) + 1
							 : (T(i + 1, j) > T(i, j + 1) ? T(i + 1, j) : T(i, j + 1));
	for (int i = 0, j = 0; i < ne || j < na;) {
		if (i < ne && j < na && !strcmp(el[i], al[j]))
			fprintf(stderr, "  %s\n", el[i++]), j++;
		else if (j < na && (i == ne || T(i, j + 1) >= T(i + 1, j)))
			fprintf(stderr, "+ %s\n", al[j++]);
		else
			fprintf(stderr, "- %s\n", el[i++]);
	}
#undef T
	free(t);
	free(el);
	free(al);
	free(e);
	free(a);
}

START_TEST(layout_example)
{
	const example *ex = &examples[_i];
	const char *only = getenv("VNDOC_SPEC_EXAMPLE");
	char *actual;

	if (only && atoi(only) != ex->number)
		return;
	actual = run(ex);
	if (strcmp(actual, ex->part[1]) != 0) {
		fprintf(stderr, "Example %d (lines %d-%d): %s\n--- input\n%s--- diff (- expected, + actual)\n",
			ex->number, ex->line_start, ex->line_end, ex->title, ex->part[0]);
		print_diff(ex->part[1], actual);
		free(actual);
		ck_abort_msg("Example %d (lines %d-%d): %s", ex->number, ex->line_start, ex->line_end, ex->title);
	}
	free(actual);
}
END_TEST

/* ---- Tools ------------------------------------------------------------ */

static int write_docx(const char *dir)
{
	vndoc_error err;
	if (vndoc_fs_mkdirs(dir, &err) < 0)
		return fprintf(stderr, "%s\n", err.message), 1;
	for (int i = 0; i < n_examples; i++) {
		char path[4096], msg[1024], *zip, *dump;
		size_t len;
		if (!(zip = build(&examples[i], &len, msg, sizeof msg)))
			return fprintf(stderr, "example %d: %s\n", i + 1, msg), 1;
		snprintf(path, sizeof path, "%s/%03d.docx", dir, i + 1);
		if (vndoc_fs_write_file(path, zip, len, &err) < 0)
			return fprintf(stderr, "%s\n", err.message), 1;
		free(zip);
		dump = run(&examples[i]);
		snprintf(path, sizeof path, "%s/%03d.dump", dir, i + 1);
		if (vndoc_fs_write_file(path, dump, strlen(dump), &err) < 0)
			return fprintf(stderr, "%s\n", err.message), 1;
		free(dump);
	}
	printf("wrote %d examples\n", n_examples);
	return 0;
}

static int rewrite(const char *spec, const char *out_path)
{
	char *text, *line, *save;
	size_t len;
	int lineno = 0, k = 0, skipping = 0;
	vndoc_buf out = VNDOC_BUF_INIT((size_t)1 << 28);
	vndoc_error err;

	if (vndoc_fs_read_file(&text, &len, spec, 1 << 26, &err) < 0)
		return fprintf(stderr, "%s\n", err.message), 1;
	for (line = text; line; line = save) {
		char *nl = strchr(line, '\n');
		save = nl ? nl + 1 : NULL;
		if (nl)
			*nl = '\0';
		lineno++;
		if (k < n_examples && lineno == examples[k].part_line[1]) {
			char *actual = run(&examples[k]);
			vndoc_buf_puts(&out, actual);
			free(actual);
			skipping = 1;
		}
		if (skipping && k < n_examples && lineno == examples[k].line_end) {
			skipping = 0;
			k++;
		}
		if (!skipping && (nl || *line)) {
			vndoc_buf_puts(&out, line);
			vndoc_buf_putc(&out, '\n');
		}
	}
	free(text);
	if (vndoc_fs_write_file(out_path, out.ptr, out.len, &err) < 0)
		return fprintf(stderr, "%s\n", err.message), 1;
	vndoc_buf_dispose(&out);
	return 0;
}

int main(int argc, char **argv)
{
	Suite *s;
	TCase *tc;
	SRunner *sr;
	vndoc_error err;
	int failed;

	if (argc < 2) {
		fprintf(stderr, "usage: run_layout_spec SPEC.txt [--write-docx DIR | --rewrite OUT]\n");
		return 2;
	}
	examples = spec_file_read(argv[1], 2, &n_examples);
	if (vndoc_layout_fonts_new(&fonts, NULL, &err) < 0) {
		fprintf(stderr, "run_layout_spec: %s\n", err.message);
		return 2;
	}
	if (argc == 4 && !strcmp(argv[2], "--write-docx"))
		failed = write_docx(argv[3]);
	else if (argc == 4 && !strcmp(argv[2], "--rewrite"))
		failed = rewrite(argv[1], argv[3]);
	else {
		/* Every example runs in this process, one after another, never
		 * in a forked child: Pango 1.50 matches fonts on a thread of its
		 * own, and a child forked while that thread holds fontconfig's
		 * lock waits for it forever (CI's Debug run, under load, hung
		 * in example 1 until the timeout).  A hang is CTest's to time
		 * out; a failed example still fails only itself. */
		s = suite_create("layout_spec");
		tc = tcase_create("examples");
		tcase_add_loop_test(tc, layout_example, 0, n_examples);
		suite_add_tcase(s, tc);
		sr = srunner_create(s);
		srunner_set_fork_status(sr, CK_NOFORK);
		srunner_run_all(sr, CK_NORMAL);
		failed = srunner_ntests_failed(sr);
		srunner_free(sr);
	}
	vndoc_layout_fonts_free(fonts);
	spec_file_free(examples, n_examples);
	return failed ? 1 : 0;
}
