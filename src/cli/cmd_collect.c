/*
 * vndoc collect FORM.docx... -o OUT: returned forms read back into
 * registration data.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cmd.h"
#include "cli/exit.h"
#include "cli/opt.h"
#include "collect/collect.h"
#include "core/alloc.h"
#include "core/fsutil.h"

static const char collect_usage[] =
	"usage: vndoc collect FORM.docx... -o OUT.json|OUT.csv|OUT.xlsx [options]\n"
	"\n"
	"Reads the registration forms (Biểu đăng ký) the units filled and sent back\n"
	"into registration data that check, merge and batch read: each form's unit\n"
	"(heading, number, place and date, signer) and its collectives and\n"
	"individuals.  A FORM may be a folder: its files, in name order.  A\n"
	"file that is not a form (.doc, PDF, scan, no registration table) or a\n"
	"second form of one unit is skipped and named; every repair is listed.\n"
	"\n"
	"Options:\n"
	"  -o, --output FILE      .json (with --doc's fields), .csv or .xlsx (flat sheet)\n"
	"      --doc FILE.json    the document's own fields, put at the top of a JSON output\n"
	"      --report FILE      also write the notes (skips, repairs) to FILE\n"
	"  -q, --quiet            no summary line\n"
	"  -h, --help             show this help\n"
	"\n"
	"Exit status: 0 ok, 1 a file was skipped or text not taken, 2 usage, 3 I/O error.\n";

enum { OPT_OUTPUT = 1, OPT_DOC, OPT_REPORT, OPT_QUIET, OPT_HELP };

static const vndoc_opt_spec specs[] = {
	{ "output", 'o', true, OPT_OUTPUT }, { "doc", 0, true, OPT_DOC }, { "report", 0, true, OPT_REPORT },
	{ "quiet", 'q', false, OPT_QUIET },  { "help", 'h', false, OPT_HELP }, { NULL, 0, false, 0 },
};

typedef struct paths {
	char **items;
	size_t n, cap;
} paths;

static void add(paths *p, char *s)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->items = vndoc_xreallocarray(p->items, p->cap, sizeof *p->items);
	}
	p->items[p->n++] = s;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A folder's files, in name order: its .docx and every other file, which
 * the reader then names with the reason it is no form (a .doc, a PDF, a
 * scan: a folder of them was passed over without a word).  Left out:
 * Word's "~$" lock files, hidden files, Windows' Thumbs.db and
 * desktop.ini, folders, and the run's own outputs `out` and `report`. */
static int add_folder(paths *p, const char *dir, const char *out, const char *report)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t first = p->n;

	if (!d)
		return -1;
	while ((de = readdir(d))) {
		size_t size = strlen(dir) + strlen(de->d_name) + 2;
		char *s;
		if (de->d_name[0] == '.' || !strncmp(de->d_name, "~$", 2) || !strcasecmp(de->d_name, "Thumbs.db") ||
		    !strcasecmp(de->d_name, "desktop.ini"))
			continue;
		s = vndoc_xmalloc(size);
		snprintf(s, size, "%s/%s", dir, de->d_name);
		if (vndoc_fs_is_dir(s) || vndoc_cli_same_output(s, out) || (report && vndoc_cli_same_output(s, report)))
			free(s);
		else
			add(p, s);
	}
	closedir(d);
	qsort(p->items + first, p->n - first, sizeof *p->items, by_name);
	return 0;
}

static void print_notes(const vndoc_error_list *notes, FILE *report)
{
	char line[2048];
	for (size_t i = 0; i < notes->count; i++) {
		const vndoc_error *e = &notes->items[i];
		vndoc_error_format(e, line, sizeof line);
		fprintf(stderr, "vndoc: %s%s\n", e->code == VNDOC_OK ? "warning: " : "", line);
		if (report)
			fprintf(report, "%s%s\n", e->code == VNDOC_OK ? "warning: " : "", line);
	}
	/* Past VNDOC_LIMIT_WARNINGS notes are only counted (the totals below
	 * count them all). */
	if (notes->dropped) {
		fprintf(stderr, "vndoc: warning: %zu more notes not shown\n", notes->dropped);
		if (report)
			fprintf(report, "warning: %zu more notes not shown\n", notes->dropped);
	}
}

static int load_doc(vndoc_value **doc, const char *path)
{
	vndoc_error err;
	vndoc_error_clear(&err);
	if (!path)
		return VNDOC_EXIT_OK;
	if (vndoc_data_load_file(doc, path, &err) < 0) {
		vndoc_cli_print_error(&err);
		return err.code == VNDOC_EIO || err.code == VNDOC_ELIMIT ? VNDOC_EXIT_IO : VNDOC_EXIT_DATA;
	}
	return VNDOC_EXIT_OK;
}

static int run(const paths *p, const char *out, const char *report_path, const vndoc_value *doc, bool quiet)
{
	vndoc_collect_result res;
	vndoc_error err;
	FILE *report = NULL;
	int rc;

	vndoc_error_clear(&err);
	rc = vndoc_collect_run((const char *const *)p->items, p->n, out, doc, &res, &err);
	if (report_path && !(report = fopen(report_path, "w")))
		fprintf(stderr, "vndoc: %s: cannot write the report\n", report_path);
	print_notes(&res.notes, report);
	if (rc < 0 && rc != VNDOC_EDATA)
		vndoc_cli_print_error(&err);
	else {
		char line[512];
		snprintf(line, sizeof line,
			 "%zu form%s: %zu unit%s (%zu collective%s, %zu individual%s) written to %s; %zu skipped, "
			 "%zu repair%s, %zu piece%s of text not taken",
			 res.forms, res.forms == 1 ? "" : "s", res.units, res.units == 1 ? "" : "s", res.tap_the,
			 res.tap_the == 1 ? "" : "s", res.ca_nhan, res.ca_nhan == 1 ? "" : "s", out, res.skipped,
			 res.repairs, res.repairs == 1 ? "" : "s", res.not_taken, res.not_taken == 1 ? "" : "s");
		if (!quiet)
			fprintf(stderr, "vndoc collect: %s\n", line);
		if (report)
			fprintf(report, "%s\n", line);
	}
	if (report && fclose(report) != 0)
		fprintf(stderr, "vndoc: %s: cannot write the report\n", report_path);
	vndoc_error_list_dispose(&res.notes);
	if (rc == VNDOC_EDATA)
		return VNDOC_EXIT_DATA;
	return rc == 0 ? VNDOC_EXIT_OK : vndoc_cli_exit_status(rc);
}

int vndoc_cmd_collect(int argc, char **argv)
{
	vndoc_opt o;
	const char *out = NULL, *doc_path = NULL, *report_path = NULL;
	vndoc_value *doc = NULL;
	paths p = { NULL, 0, 0 };
	bool quiet = false;
	int id, status;

	vndoc_opt_init(&o, argc, argv, specs);
	while ((id = vndoc_opt_next(&o)) != VNDOC_OPT_END) {
		switch (id) {
		case OPT_OUTPUT: out = o.arg; break;
		case OPT_DOC: doc_path = o.arg; break;
		case OPT_REPORT: report_path = o.arg; break;
		case OPT_QUIET: quiet = true; break;
		case OPT_HELP: fputs(collect_usage, stdout); return VNDOC_EXIT_OK;
		default: fputs(collect_usage, stderr); return VNDOC_EXIT_USAGE;
		}
	}
	if (!o.n_operands || !out) {
		fprintf(stderr, "vndoc collect: %s\n", !o.n_operands ? "expected one or more FORM.docx" : "missing -o FILE");
		fputs(collect_usage, stderr);
		return VNDOC_EXIT_USAGE;
	}
	for (int i = 0; i < o.n_operands; i++)
		if (!vndoc_fs_is_dir(o.operands[i]))
			add(&p, vndoc_xstrdup(o.operands[i]));
		else if (add_folder(&p, o.operands[i], out, report_path) < 0)
			fprintf(stderr, "vndoc: %s: cannot read the folder\n", o.operands[i]);
	/* Neither output written over an input (device and inode compared). */
	status = VNDOC_EXIT_OK;
	for (size_t i = 0; i <= p.n && status == VNDOC_EXIT_OK; i++) {
		const char *in = i < p.n ? p.items[i] : doc_path, *outs[2] = { out, report_path };
		for (int k = 0; k < 2 && in && status == VNDOC_EXIT_OK; k++)
			if (outs[k] && vndoc_fs_same_file(outs[k], in)) {
				fprintf(stderr, "vndoc collect: %s is the input %s: refusing to write over it\n", outs[k], in);
				status = VNDOC_EXIT_USAGE;
			}
	}
	/* Nor the report over the data (it replaced it, exit 0). */
	if (status == VNDOC_EXIT_OK && report_path && vndoc_cli_same_output(out, report_path)) {
		fprintf(stderr, "vndoc collect: --report %s is the output %s: one would replace the other\n", report_path,
			out);
		status = VNDOC_EXIT_USAGE;
	}
	if (status == VNDOC_EXIT_OK && (status = load_doc(&doc, doc_path)) == VNDOC_EXIT_OK)
		status = run(&p, out, report_path, doc, quiet);
	vndoc_value_free(doc);
	for (size_t i = 0; i < p.n; i++)
		free(p.items[i]);
	free(p.items);
	return status;
}
