/*
 * run_spec.c: runs the examples of a spec file (tests/spec/tmpl.txt), in the
 * manner of cmark's spec_tests.py, as one Check loop test.
 *
 * An example is fenced by 32 backticks and "example"; lines holding only
 * "." separate its sections: the template, the data (JSON), the expected
 * output, and optionally options ("strict", "delimiters [[ ]]").
 *
 * Templates are written in a shorthand that keeps run-splitting cases to
 * one line (see the top of tmpl.txt): each line a paragraph, "¦" starts a
 * new run, "[b]"/"[i]" at the start of a run make it bold/italic, a line
 * "| a | b |" is a table row (consecutive rows form a table), and a line
 * starting with "<" is raw WordprocessingML for the body.  The merged
 * document is printed back in the same shorthand ("↵" a line break, "→" a
 * tab), or, when the template was raw XML, as the body's exact XML.  An
 * expected output starting with "error:" lists the expected errors.
 *
 * VNDOC_SPEC_EXAMPLE=N runs example N only.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/fsutil.h"
#include "data/data.h"
#include "tmpl/tmpl.h"
#include "spec_file.h"

typedef spec_entry example;

static example *examples;
static int n_examples;

/* ---- Shorthand to WordprocessingML ----------------------------------- */

static const char W_NS[] = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

static void put_escaped(vndoc_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': vndoc_buf_puts(b, "&amp;"); break;
		case '<': vndoc_buf_puts(b, "&lt;"); break;
		case '>': vndoc_buf_puts(b, "&gt;"); break;
		default: vndoc_buf_putc(b, s[i]);
		}
	}
}

static const char RUN_SEP[] = "\xC2\xA6"; /* ¦ */

static void put_run(vndoc_buf *b, const char *s, size_t n)
{
	vndoc_buf_puts(b, "<w:r>");
	if (n >= 3 && s[0] == '[') {
		const char *close = memchr(s, ']', n);
		if (close && strspn(s + 1, "biu") == (size_t)(close - s - 1)) {
			vndoc_buf_puts(b, "<w:rPr>");
			for (const char *p = s + 1; p < close; p++) {
				if (*p == 'b') vndoc_buf_puts(b, "<w:b/>");
				if (*p == 'i') vndoc_buf_puts(b, "<w:i/>");
				if (*p == 'u') vndoc_buf_puts(b, "<w:u w:val=\"single\"/>");
			}
			vndoc_buf_puts(b, "</w:rPr>");
			n -= (size_t)(close + 1 - s);
			s = close + 1;
		}
	}
	vndoc_buf_puts(b, "<w:t xml:space=\"preserve\">");
	put_escaped(b, s, n);
	vndoc_buf_puts(b, "</w:t></w:r>");
}

static void put_paragraph(vndoc_buf *b, const char *s, size_t n)
{
	if (!n) {
		vndoc_buf_puts(b, "<w:p/>");
		return;
	}
	vndoc_buf_puts(b, "<w:p>");
	for (;;) {
		const char *sep = NULL;
		for (size_t i = 0; i + 1 < n; i++)
			if (!memcmp(s + i, RUN_SEP, 2)) {
				sep = s + i;
				break;
			}
		if (!sep) {
			put_run(b, s, n);
			break;
		}
		if (sep > s)
			put_run(b, s, (size_t)(sep - s));
		n -= (size_t)(sep + 2 - s);
		s = sep + 2;
	}
	vndoc_buf_puts(b, "</w:p>");
}

static char *to_document(const char *tmpl, int *raw_mode)
{
	vndoc_buf b = VNDOC_BUF_INIT(1 << 26);
	const char *line = tmpl;
	int in_table = 0;

	vndoc_buf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
			     "<w:document xmlns:w=\"%s\"><w:body>", W_NS);
	*raw_mode = tmpl[0] == '<';
	while (*line) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		if (*raw_mode) {
			vndoc_buf_put(&b, line, n);
		} else if (n && line[0] == '|') {
			if (!in_table)
				vndoc_buf_puts(&b, "<w:tbl>");
			in_table = 1;
			vndoc_buf_puts(&b, "<w:tr>");
			const char *cell = line + 1, *end = line + n;
			while (cell < end) {
				const char *bar = memchr(cell, '|', (size_t)(end - cell));
				if (!bar)
					break;
				const char *a = cell, *z = bar;
				while (a < z && *a == ' ') a++;
				while (z > a && z[-1] == ' ') z--;
				vndoc_buf_puts(&b, "<w:tc>");
				/* " ¶ " separates paragraphs within a cell */
				for (;;) {
					const char *pil = NULL;
					for (const char *q = a; q + 1 < z; q++)
						if (!memcmp(q, "\xC2\xB6", 2)) { pil = q; break; }
					if (!pil) { put_paragraph(&b, a, (size_t)(z - a)); break; }
					const char *pz = pil;
					while (pz > a && pz[-1] == ' ') pz--;
					put_paragraph(&b, a, (size_t)(pz - a));
					a = pil + 2;
					while (a < z && *a == ' ') a++;
				}
				vndoc_buf_puts(&b, "</w:tc>");
				cell = bar + 1;
			}
			vndoc_buf_puts(&b, "</w:tr>");
		} else {
			if (in_table)
				vndoc_buf_puts(&b, "</w:tbl>");
			in_table = 0;
			put_paragraph(&b, line, n);
		}
		line = nl ? nl + 1 : line + n;
	}
	if (in_table)
		vndoc_buf_puts(&b, "</w:tbl>");
	vndoc_buf_puts(&b, "</w:body></w:document>");
	return vndoc_buf_detach(&b, NULL);
}

/* ---- WordprocessingML back to shorthand ------------------------------ */

static int is_w(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && !strcmp((const char *)n->ns->href, W_NS) &&
	       !strcmp((const char *)n->name, name);
}

static void print_run(vndoc_buf *b, xmlNode *r)
{
	for (xmlNode *c = r->children; c; c = c->next) {
		if (is_w(c, "rPr")) {
			int bold = 0, ital = 0;
			for (xmlNode *p = c->children; p; p = p->next) {
				bold |= is_w(p, "b");
				ital |= is_w(p, "i");
			}
			if (bold || ital)
				vndoc_buf_printf(&b[0], "[%s%s]", bold ? "b" : "", ital ? "i" : "");
		} else if (is_w(c, "t")) {
			xmlChar *s = xmlNodeGetContent(c);
			vndoc_buf_puts(b, (const char *)s);
			xmlFree(s);
		} else if (is_w(c, "br")) {
			vndoc_buf_puts(b, "\xE2\x86\xB5"); /* ↵ */
		} else if (is_w(c, "tab")) {
			vndoc_buf_puts(b, "\xE2\x86\x92"); /* → */
		}
	}
}

static void collect_runs(xmlNode *n, xmlNode **runs, int *count)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		if (is_w(c, "r")) {
			if (*count < 4096)
				runs[(*count)++] = c;
		} else if (c->type == XML_ELEMENT_NODE && !is_w(c, "pPr")) {
			collect_runs(c, runs, count);
		}
	}
}

static void print_paragraph(vndoc_buf *b, xmlNode *p)
{
	static xmlNode *runs[4096];
	int count = 0;
	collect_runs(p, runs, &count);
	for (int i = 0; i < count; i++) {
		if (i)
			vndoc_buf_puts(b, RUN_SEP);
		print_run(b, runs[i]);
	}
}

static void print_body(vndoc_buf *b, xmlNode *body)
{
	for (xmlNode *c = body->children; c; c = c->next) {
		if (is_w(c, "p")) {
			print_paragraph(b, c);
			vndoc_buf_putc(b, '\n');
		} else if (is_w(c, "tbl")) {
			for (xmlNode *tr = c->children; tr; tr = tr->next) {
				if (!is_w(tr, "tr"))
					continue;
				vndoc_buf_puts(b, "|");
				for (xmlNode *tc = tr->children; tc; tc = tc->next) {
					int first = 1;
					if (!is_w(tc, "tc"))
						continue;
					vndoc_buf_putc(b, ' ');
					for (xmlNode *p = tc->children; p; p = p->next) {
						if (!is_w(p, "p"))
							continue;
						if (!first)
							vndoc_buf_puts(b, " \xC2\xB6 ");
						first = 0;
						print_paragraph(b, p);
					}
					vndoc_buf_puts(b, " |");
				}
				vndoc_buf_putc(b, '\n');
			}
		}
	}
}

static char *to_shorthand(const char *xml, size_t len, int raw_mode)
{
	vndoc_buf b = VNDOC_BUF_INIT(1 << 26);
	xmlDoc *doc = xmlReadMemory(xml, (int)len, "out.xml", NULL, XML_PARSE_NONET);
	xmlNode *body;

	if (!doc) {
		vndoc_buf_puts(&b, "(output is not well-formed XML)\n");
		vndoc_buf_put(&b, xml, len);
		return vndoc_buf_detach(&b, NULL);
	}
	body = xmlDocGetRootElement(doc)->children;
	if (raw_mode) {
		const char *s = strstr(xml, "<w:body>"), *e = strstr(xml, "</w:body>");
		if (s && e) {
			vndoc_buf_put(&b, s + 8, (size_t)(e - s - 8));
			vndoc_buf_putc(&b, '\n');
		}
	} else if (body) {
		print_body(&b, body);
	}
	xmlFreeDoc(doc);
	return vndoc_buf_detach(&b, NULL);
}

/* ---- Running an example --------------------------------------------- */

static char *run(const example *ex)
{
	vndoc_buf out = VNDOC_BUF_INIT(1 << 26), res = VNDOC_BUF_INIT(1 << 26);
	vndoc_tmpl_options opts = VNDOC_TMPL_OPTIONS_INIT;
	vndoc_error_list errs = VNDOC_ERROR_LIST_INIT;
	vndoc_value *data = NULL;
	vndoc_error err;
	char open[16], close[16], *doc, *shorthand;
	const char *opt;
	int raw_mode, rc;

	vndoc_error_clear(&err);
	opts.strict = strstr(ex->part[3], "strict") != NULL;
	if ((opt = strstr(ex->part[3], "delimiters ")) && sscanf(opt + 11, "%15s %15s", open, close) == 2) {
		opts.delim_open = open;
		opts.delim_close = close;
	}
	if (vndoc_data_load_json(&data, ex->part[1], strlen(ex->part[1]), "data.json", &err) < 0) {
		char line[1024];
		vndoc_buf_printf(&res, "error: %s\n", vndoc_error_format(&err, line, sizeof line));
		return vndoc_buf_detach(&res, NULL);
	}
	doc = to_document(ex->part[0], &raw_mode);
	rc = vndoc_tmpl_merge_xml(&out, doc, strlen(doc), "word/document.xml", &opts,
				  (const vndoc_value *const *)&data, 1, &errs, &err);
	if (rc < 0) {
		char line[1024];
		vndoc_buf_puts(&res, "error:");
		if (!errs.count)
			vndoc_error_list_push(&errs, &err);
		for (size_t i = 0; i < errs.count; i++)
			vndoc_buf_printf(&res, "%s%s\n", i ? "" : " ",
					 vndoc_error_format(&errs.items[i], line, sizeof line));
	} else {
		shorthand = to_shorthand(out.ptr, out.len, raw_mode);
		vndoc_buf_puts(&res, shorthand);
		free(shorthand);
	}
	free(doc);
	vndoc_buf_dispose(&out);
	vndoc_error_list_dispose(&errs);
	vndoc_value_free(data);
	return vndoc_buf_detach(&res, NULL);
}

START_TEST(spec_example)
{
	const example *ex = &examples[_i];
	const char *only = getenv("VNDOC_SPEC_EXAMPLE");
	char *actual;

	if (only && atoi(only) != ex->number)
		return;
	actual = run(ex);
	if (strcmp(actual, ex->part[2]) != 0) {
		fprintf(stderr, "Example %d (lines %d-%d) %s\n--- template\n%s--- expected\n%s--- actual\n%s\n",
			ex->number, ex->line_start, ex->line_end, ex->section, ex->part[0], ex->part[2], actual);
		free(actual);
		ck_abort_msg("Example %d (lines %d-%d) %s", ex->number, ex->line_start, ex->line_end,
			     ex->section);
	}
	free(actual);
}
END_TEST

/* --write-corpus DIR: each example as a seed for fuzz_tmpl (data, NUL,
 * part XML) and fuzz_json (data), in DIR/tmpl and DIR/json. */
static int write_corpus(const char *dir)
{
	for (int i = 0; i < n_examples; i++) {
		const example *ex = &examples[i];
		int raw_mode;
		char *doc = to_document(ex->part[0], &raw_mode), path[4096];
		vndoc_buf seed = VNDOC_BUF_INIT(1 << 26);
		vndoc_error err;
		vndoc_buf_puts(&seed, ex->part[1]);
		vndoc_buf_putc(&seed, '\0');
		vndoc_buf_puts(&seed, doc);
		snprintf(path, sizeof path, "%s/tmpl/spec-%03d", dir, ex->number);
		if (vndoc_fs_write_file(path, seed.ptr, seed.len, &err) < 0)
			return fprintf(stderr, "%s\n", err.message), 1;
		snprintf(path, sizeof path, "%s/json/spec-%03d", dir, ex->number);
		if (vndoc_fs_write_file(path, ex->part[1], strlen(ex->part[1]), &err) < 0)
			return fprintf(stderr, "%s\n", err.message), 1;
		vndoc_buf_dispose(&seed);
		free(doc);
	}
	printf("wrote %d seeds\n", n_examples);
	return 0;
}

int main(int argc, char **argv)
{
	Suite *s = suite_create("spec");
	TCase *tc = tcase_create("examples");
	SRunner *sr;
	int failed;

	if (argc < 2) {
		fprintf(stderr, "usage: run_spec SPEC.txt [--write-corpus DIR]\n");
		return 2;
	}
	examples = spec_file_read(argv[1], 4, &n_examples);
	if (argc == 4 && !strcmp(argv[2], "--write-corpus"))
		return write_corpus(argv[3]);
	tcase_add_loop_test(tc, spec_example, 0, n_examples);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	spec_file_free(examples, n_examples);
	return failed ? 1 : 0;
}
