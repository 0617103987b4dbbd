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

int vndoc_cmd_check(int argc, char **argv)
{
	vndoc_opt o;
	vndoc_cli_data_args args = { NULL, NULL, NULL };
	vndoc_findings fs = VNDOC_FINDINGS_INIT;
	vndoc_value *data;
	int id, json = 0, status;

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
	if ((status = vndoc_cli_load_data(&data, o.operands[0], &args)) != VNDOC_EXIT_OK)
		return status;
	vndoc_data_check(data, &fs);
	if (json) {
		print_json(o.operands[0], &fs);
	} else {
		for (size_t i = 0; i < fs.count; i++) {
			const vndoc_finding *f = &fs.items[i];
			if (f->row)
				printf("%s:row %ld: %s: %s: %s\n", o.operands[0], f->row, f->unit, f->field, f->message);
			else
				printf("%s: %s: %s: %s\n", o.operands[0], f->unit, f->field, f->message);
		}
		if (!fs.count)
			printf("%s: every rule of the plan holds (%zu units)\n", o.operands[0],
			       vndoc_value_count(vndoc_value_get(data, "don_vi", 6)));
	}
	status = fs.count ? VNDOC_EXIT_DATA : VNDOC_EXIT_OK;
	vndoc_findings_dispose(&fs);
	vndoc_value_free(data);
	return status;
}
