/*
 * vndoc check DATA: the plan's rules, unit by unit.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/data_args.h"
#include "cli/exit.h"
#include "cli/opt.h"

static const char check_usage[] =
	"usage: vndoc check DATA [options]\n"
	"\n"
	"Checks registration data (.json, .csv or .xlsx) against the plan's rules:\n"
	"each unit registers exactly one collective and at least one individual;\n"
	"the form's fields are filled; no collective or person is registered twice;\n"
	"no unit registered after the deadline (han_dang_ky).  Each finding names\n"
	"the unit, the source row (CSV, XLSX) and the field.\n"
	"\n"
	"Options:\n"
	"      --json             findings as a JSON array, for machines\n"
	VNDOC_CLI_DATA_HELP
	"  -h, --help             show this help\n"
	"\n"
	"Exit status: 0 every rule holds, 1 a rule is broken or the data is bad,\n"
	"2 usage, 3 input/output error.\n";

enum { OPT_JSON = 1, OPT_HELP, OPT_DOC, OPT_LEGACY, OPT_SHEET };

static const vndoc_opt_spec specs[] = {
	{ "json", 0, false, OPT_JSON },
	{ "help", 'h', false, OPT_HELP },
	{ "doc", 0, true, OPT_DOC },
	{ "legacy", 0, true, OPT_LEGACY },
	{ "sheet", 0, true, OPT_SHEET },
	{ NULL, 0, false, 0 },
};

static void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void print_json(const char *file, const vndoc_findings *fs)
{
	printf("[");
	for (size_t i = 0; i < fs->count; i++) {
		const vndoc_finding *f = &fs->items[i];
		printf("%s\n  {\"file\": ", i ? "," : "");
		json_string(stdout, file);
		printf(", \"unit\": ");
		json_string(stdout, f->unit);
		printf(", \"row\": %ld, \"field\": ", f->row);
		json_string(stdout, f->field);
		printf(", \"rule\": \"%s\", \"message\": ", f->rule);
		json_string(stdout, f->message);
		printf("}");
	}
	printf("%s]\n", fs->count ? "\n" : "");
}

/* A data file that cannot be read is an I/O error; bad data is data. */
static int data_error(const vndoc_error *err, int rc)
{
	vndoc_cli_print_error(err);
	return rc == VNDOC_EIO || rc == VNDOC_ELIMIT ? VNDOC_EXIT_IO : VNDOC_EXIT_DATA;
}

/*
 * Units are read one at a time (vndoc_data_stream), so memory stays flat
 * for JSON however many units there are; the findings are kept and printed
 * at the end, so that bad data met half-way prints nothing but the error.
 */
int vndoc_cmd_check(int argc, char **argv)
{
	vndoc_opt o;
	vndoc_cli_data_args args = { NULL, NULL, NULL };
	vndoc_data_options opts;
	vndoc_error_list warnings;
	vndoc_findings fs = VNDOC_FINDINGS_INIT;
	vndoc_data_stream *stream = NULL;
	vndoc_checker *checker = NULL;
	vndoc_value *doc = NULL, *unit;
	const vndoc_value *root;
	vndoc_error err;
	size_t units;
	int id, json = 0, status, rc;

	vndoc_opt_init(&o, argc, argv, specs);
	while ((id = vndoc_opt_next(&o)) != VNDOC_OPT_END) {
		switch (id) {
		case OPT_JSON: json = 1; break;
		case OPT_DOC: args.doc = o.arg; break;
		case OPT_LEGACY: args.legacy = o.arg; break;
		case OPT_SHEET: args.sheet = o.arg; break;
		case OPT_HELP: fputs(check_usage, stdout); return VNDOC_EXIT_OK;
		default: fputs(check_usage, stderr); return VNDOC_EXIT_USAGE;
		}
	}
	if (o.n_operands != 1) {
		fprintf(stderr, "vndoc check: expected one DATA file\n");
		fputs(check_usage, stderr);
		return VNDOC_EXIT_USAGE;
	}
	if ((status = vndoc_cli_data_options(&opts, &args)) != VNDOC_EXIT_OK)
		return status;
	vndoc_cli_warnings_init(&warnings);
	opts.warnings = &warnings;
	vndoc_error_clear(&err);
	rc = vndoc_data_stream_open(&stream, o.operands[0], &opts, &err);
	vndoc_cli_print_warnings(&warnings);
	if (rc < 0) {
		status = data_error(&err, rc);
		goto done;
	}
	root = vndoc_data_stream_root(stream);
	if (args.doc) {
		/* The sheet's fields go over the document's. */
		vndoc_error_clear(&err);
		if ((rc = vndoc_data_load_file(&doc, args.doc, &err)) < 0) {
			status = data_error(&err, rc);
			goto done;
		}
		vndoc_value_overlay(doc, vndoc_value_copy(root));
		root = doc;
	}
	if (!vndoc_data_stream_has_units(stream)) {
		/* No list of its own: the document as it is (--doc may hold one). */
		vndoc_data_check(root, &fs);
		units = vndoc_value_count(vndoc_value_get(root, "don_vi", 6));
	} else {
		checker = vndoc_checker_new(root);
		for (size_t i = 0; (rc = vndoc_data_stream_next(stream, &unit, &err)) > 0; i++) {
			vndoc_checker_unit(checker, unit, i, &fs);
			vndoc_value_free(unit);
			vndoc_cli_print_warnings(&warnings);
		}
		vndoc_cli_end_warnings(&warnings, o.operands[0]);
		if (rc < 0) {
			status = data_error(&err, rc);
			goto done;
		}
		units = vndoc_data_stream_count(stream);
	}
	if (json) {
		print_json(o.operands[0], &fs);
		if (fs.dropped) /* not in the array, which holds findings only */
			fprintf(stderr, "vndoc check: %s: %zu more findings not shown\n", o.operands[0], fs.dropped);
	} else {
		for (size_t i = 0; i < fs.count; i++) {
			const vndoc_finding *f = &fs.items[i];
			if (f->row)
				printf("%s:row %ld: %s: %s: %s\n", o.operands[0], f->row, f->unit, f->field, f->message);
			else
				printf("%s: %s: %s: %s\n", o.operands[0], f->unit, f->field, f->message);
		}
		if (fs.dropped) /* past VNDOC_LIMIT_FINDINGS */
			printf("%s: %zu more findings not shown\n", o.operands[0], fs.dropped);
		if (!fs.count)
			printf("%s: every rule of the plan holds (%zu units)\n", o.operands[0], units);
	}
	status = fs.count ? VNDOC_EXIT_DATA : VNDOC_EXIT_OK;
done:
	vndoc_checker_free(checker);
	vndoc_findings_dispose(&fs);
	vndoc_value_free(doc);
	vndoc_data_stream_free(stream);
	vndoc_cli_end_warnings(&warnings, o.operands[0]);
	return status;
}
