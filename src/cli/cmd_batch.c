/*
 * vndoc batch DATA -o DIR: every unit's form, the plan and the summary.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "batch/batch.h"
#include "cli/cmd.h"
#include "cli/data_args.h"
#include "cli/exit.h"
#include "cli/opt.h"
#include "core/limits.h"

#ifndef VNDOC_TEMPLATES_DIR
#define VNDOC_TEMPLATES_DIR "templates"
#endif

static const char batch_usage[] =
	"usage: vndoc batch DATA -o DIR [options]\n"
	"\n"
	"Writes, from registration data (.json, .csv or .xlsx), into DIR: the plan\n"
	"(ke-hoach.docx, .pdf), the compiled summary (tong-hop.docx, .pdf, and\n"
	"tong-hop.xlsx: every registration a row, to sort and filter), each\n"
	"unit's registration form (UNIT-SLUG/bieu-dang-ky.docx, .pdf), manifest.json\n"
	"(every file with its unit, size and SHA-256) and report.txt (vndoc check's\n"
	"findings).  A unit whose data breaks the plan's rules is reported and\n"
	"skipped.  Output is byte-identical whatever -j is; a run that was\n"
	"interrupted can simply be started again.  While it runs, DIR/.vndoc holds\n"
	"its lock (a second batch into DIR refuses) and its temporary files.  Files\n"
	"an earlier run listed in manifest.json that this one does not make are\n"
	"removed when unchanged, named when changed.\n"
	"\n"
	"Options:\n"
	"  -o, --output DIR       the folder to write (created if missing)\n"
	"  -j, --jobs N           worker threads (default: the number of cores)\n"
	"      --template DIR     templates: ke-hoach, bieu-dang-ky, tong-hop as .docx\n"
	"                         files or unpacked folders (default: the bundled ones;\n"
	"                         $VNDOC_TEMPLATES overrides)\n"
	"      --shard K/N        only the K-th of N parts of the work (manifest-K-of-N.json)\n"
	"      --no-pdf           DOCX only\n"
	"      --blank            blank forms to send to the units: each unit's form with\n"
	"                         its heading filled and empty rows (a unit list is\n"
	"                         enough), and the plan; no summary, nothing checked\n"
	"  -q, --quiet            no progress on standard error\n"
	VNDOC_CLI_DATA_HELP
	"  -h, --help             show this help\n"
	"\n"
	"Exit status: 0 ok, 1 some unit failed or broke a rule, 2 usage, 3 I/O error.\n";

enum { OPT_OUTPUT = 1, OPT_JOBS, OPT_TEMPLATE, OPT_SHARD, OPT_NO_PDF, OPT_QUIET, OPT_HELP, OPT_DOC,
       OPT_LEGACY, OPT_SHEET, OPT_BLANK };

static const vndoc_opt_spec specs[] = {
	{ "output", 'o', true, OPT_OUTPUT },
	{ "jobs", 'j', true, OPT_JOBS },
	{ "template", 0, true, OPT_TEMPLATE },
	{ "shard", 0, true, OPT_SHARD },
	{ "no-pdf", 0, false, OPT_NO_PDF },
	{ "quiet", 'q', false, OPT_QUIET },
	{ "help", 'h', false, OPT_HELP },
	{ "doc", 0, true, OPT_DOC },
	{ "legacy", 0, true, OPT_LEGACY },
	{ "sheet", 0, true, OPT_SHEET },
	{ "blank", 0, false, OPT_BLANK },
	{ NULL, 0, false, 0 },
};

typedef struct progress {
	int tty;
	struct timespec start;
	size_t last_decile;
} progress;

static double seconds_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* A bar on a terminal; otherwise a line at every tenth of the work. */
static void on_progress(size_t done, size_t total, size_t pages, void *userdata)
{
	progress *p = userdata;
	double s = seconds_since(&p->start), rate = s > 0 ? (double)done / s : 0;
	double left = rate > 0 ? (double)(total - done) / rate : 0;

	if (p->tty) {
		char bar[31];
		size_t fill = total ? done * 30 / total : 30;
		for (size_t i = 0; i < 30; i++)
			bar[i] = i < fill ? '#' : '.';
		bar[30] = '\0';
		fprintf(stderr, "\r[%s] %zu/%zu documents, %zu pages, %.1f/s, %.0f s left ", bar, done, total, pages,
			rate, left);
		if (done == total)
			fputc('\n', stderr);
	} else if (done * 10 / total > p->last_decile || done == total) {
		p->last_decile = done * 10 / total;
		fprintf(stderr, "vndoc batch: %zu/%zu documents, %zu pages, %.1f s\n", done, total, pages, s);
	}
}

/* A number of --shard: decimal digits only, up to VNDOC_LIMIT_SHARDS
 * (sscanf's %d would wrap 99999999999 and stop before a third "/3"). */
static const char *shard_number(const char *s, int *out)
{
	long n = 0;

	if (*s < '0' || *s > '9')
		return NULL;
	for (; *s >= '0' && *s <= '9'; s++)
		if ((n = n * 10 + (*s - '0')) > VNDOC_LIMIT_SHARDS)
			return NULL;
	*out = (int)n;
	return s;
}

/* "K/N" with 1 <= K <= N <= VNDOC_LIMIT_SHARDS, nothing before or after. */
static int parse_shard(const char *arg, int *k, int *n)
{
	const char *p = shard_number(arg, k);

	if (!p || *p != '/' || !(p = shard_number(p + 1, n)) || *p || *k < 1 || *k > *n)
		return -1;
	return 0;
}

int vndoc_cmd_batch(int argc, char **argv)
{
	vndoc_opt o;
	vndoc_batch_options bo = VNDOC_BATCH_OPTIONS_INIT;
	vndoc_cli_data_args args = { NULL, NULL, NULL };
	vndoc_batch_result res;
	vndoc_batch_input in;
	vndoc_error_list warnings;
	vndoc_value *doc = NULL;
	vndoc_error err;
	progress p = { 0, { 0, 0 }, 0 };
	int id, quiet = 0, status, rc;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);

	bo.jobs = cores > 0 ? (int)cores : 1;
	bo.templates = getenv("VNDOC_TEMPLATES") ? getenv("VNDOC_TEMPLATES") : VNDOC_TEMPLATES_DIR;
	vndoc_opt_init(&o, argc, argv, specs);
	while ((id = vndoc_opt_next(&o)) != VNDOC_OPT_END) {
		switch (id) {
		case OPT_OUTPUT: bo.out_dir = o.arg; break;
		case OPT_JOBS:
			bo.jobs = atoi(o.arg);
			if (bo.jobs < 1 || bo.jobs > 256) {
				fprintf(stderr, "vndoc batch: -j takes a number from 1 to 256\n");
				return VNDOC_EXIT_USAGE;
			}
			break;
		case OPT_TEMPLATE: bo.templates = o.arg; break;
		case OPT_SHARD:
			if (parse_shard(o.arg, &bo.shard, &bo.shards) < 0) {
				fprintf(stderr, "vndoc batch: --shard takes K/N with 1 <= K <= N <= %d, "
					"e.g. 2/8 (not %s)\n", VNDOC_LIMIT_SHARDS, o.arg);
				return VNDOC_EXIT_USAGE;
			}
			break;
		case OPT_NO_PDF: bo.pdf = false; break;
		case OPT_BLANK: bo.blank = true; break;
		case OPT_QUIET: quiet = 1; break;
		case OPT_DOC: args.doc = o.arg; break;
		case OPT_LEGACY: args.legacy = o.arg; break;
		case OPT_SHEET: args.sheet = o.arg; break;
		case OPT_HELP: fputs(batch_usage, stdout); return VNDOC_EXIT_OK;
		default: fputs(batch_usage, stderr); return VNDOC_EXIT_USAGE;
		}
	}
	if (o.n_operands != 1 || !bo.out_dir) {
		fprintf(stderr, "vndoc batch: %s\n", o.n_operands != 1 ? "expected one DATA file" : "missing -o DIR");
		fputs(batch_usage, stderr);
		return VNDOC_EXIT_USAGE;
	}
	/* The data is read a unit at a time by the batch itself; only the
	 * document's own fields of --doc are loaded here. */
	in.path = o.operands[0];
	in.doc = NULL;
	in.doc_path = args.doc;
	if ((status = vndoc_cli_data_options(&in.data, &args)) != VNDOC_EXIT_OK)
		return status;
	vndoc_cli_warnings_init(&warnings);
	in.data.warnings = &warnings;
	vndoc_error_clear(&err);
	if (args.doc) {
		if (vndoc_data_load_file(&doc, args.doc, &err) < 0) {
			vndoc_cli_print_error(&err);
			return err.code == VNDOC_EIO || err.code == VNDOC_ELIMIT ? VNDOC_EXIT_IO : VNDOC_EXIT_DATA;
		}
		in.doc = doc;
	}
	if (!quiet) {
		p.tty = isatty(STDERR_FILENO);
		clock_gettime(CLOCK_MONOTONIC, &p.start);
		bo.progress = on_progress;
		bo.userdata = &p;
	}
	vndoc_error_clear(&err);
	rc = vndoc_batch_run(&in, &bo, &res, &err);
	vndoc_cli_end_warnings(&warnings, in.path);
	for (size_t i = 0; i < res.errors.count; i++)
		vndoc_cli_print_error(&res.errors.items[i]);
	/* A run that stopped (data that cannot be read, a folder, the
	 * manifest) says why; items that failed were printed above. */
	if (rc < 0 && err.code != VNDOC_OK)
		vndoc_cli_print_error(&err);
	else if (!quiet)
		fprintf(stderr, "vndoc batch: wrote %zu files (%zu pages) in %s; %zu failed; %zu findings in report.txt\n",
			res.files, res.pages, bo.out_dir, res.failed, res.findings);
	/* What an earlier run into the folder left that this one does not make. */
	for (size_t i = 0; i < res.notes.count; i++) {
		char line[2048];
		fprintf(stderr, "vndoc batch: %s\n", vndoc_error_format(&res.notes.items[i], line, sizeof line));
	}
	if (res.notes.dropped)
		fprintf(stderr, "vndoc batch: %zu more files written by an earlier run and changed since: left in place\n",
			res.notes.dropped);
	if (res.removed)
		fprintf(stderr, "vndoc batch: removed %zu files an earlier run wrote in %s that this one does not make "
			"(its manifest listed them)\n", res.removed, bo.out_dir);
	vndoc_error_list_dispose(&res.notes);
	vndoc_error_list_dispose(&res.errors);
	vndoc_value_free(doc);
	/* As for every command: data that cannot be read is an I/O error, bad
	 * data is data. */
	if (res.bad_data && rc < 0)
		return rc == VNDOC_EIO || rc == VNDOC_ELIMIT ? VNDOC_EXIT_IO : VNDOC_EXIT_DATA;
	return rc == 0 ? VNDOC_EXIT_OK : vndoc_cli_exit_status(rc);
}
