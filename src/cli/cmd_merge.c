/*
 * vndoc merge TEMPLATE DATA -o OUT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/data_args.h"
#include "cli/exit.h"
#include "cli/opt.h"
#include "cli/scope.h"
#include "core/fsutil.h"
#include "data/data.h"
#include "tmpl/tmpl.h"

static const char merge_usage[] =
	"usage: vndoc merge TEMPLATE.docx DATA -o OUT.docx [options]\n"
	"\n"
	"Merges DATA (.json, '-' for JSON on standard input, .csv or .xlsx) into\n"
	"TEMPLATE (a .docx, or a folder holding an unpacked one) and writes\n"
	"OUT.docx.  Nothing is written when the merge fails.\n"
	"\n"
	"Options:\n"
	"  -o, --output FILE      the DOCX to write (required)\n"
	"      --scope PATH       merge with the value at PATH (e.g. don_vi.3) as the\n"
	"                         innermost scope; names not found there are looked\n"
	"                         up in the enclosing values up to the top level;\n"
	"                         a path that leads to no value is a usage error\n"
	"      --strict           every tag without a value is an error\n"
	"      --delimiters \"O C\" tag delimiters instead of \"{ }\", e.g. \"{{ }}\"\n"
	VNDOC_CLI_DATA_HELP
	"  -h, --help             show this help\n"
	"\n"
	"Exit status: 0 ok, 1 data or template error, 2 usage, 3 input/output error.\n";

enum { OPT_OUTPUT = 1, OPT_SCOPE, OPT_STRICT, OPT_DELIMS, OPT_HELP, OPT_DOC, OPT_LEGACY, OPT_SHEET };

static const vndoc_opt_spec specs[] = {
	{ "output", 'o', true, OPT_OUTPUT },
	{ "scope", 0, true, OPT_SCOPE },
	{ "strict", 0, false, OPT_STRICT },
	{ "delimiters", 0, true, OPT_DELIMS },
	{ "help", 'h', false, OPT_HELP },
	{ "doc", 0, true, OPT_DOC },
	{ "legacy", 0, true, OPT_LEGACY },
	{ "sheet", 0, true, OPT_SHEET },
	{ NULL, 0, false, 0 },
};

int vndoc_cmd_merge(int argc, char **argv)
{
	vndoc_opt o;
	const char *out = NULL, *scope = NULL;
	vndoc_tmpl_options opts = VNDOC_TMPL_OPTIONS_INIT;
	char picture_dir[4096];
	char open[16] = "", close[16] = "";
	vndoc_tmpl *t = NULL;
	vndoc_value *data = NULL;
	vndoc_error err;
	vndoc_error_list errs = VNDOC_ERROR_LIST_INIT;
	const vndoc_value *chain[VNDOC_CLI_SCOPE_CHAIN];
	size_t n_chain;
	int id, status = VNDOC_EXIT_OK, rc;
	vndoc_cli_data_args data_args = { NULL, NULL, NULL };

	vndoc_opt_init(&o, argc, argv, specs);
	while ((id = vndoc_opt_next(&o)) != VNDOC_OPT_END) {
		switch (id) {
		case OPT_OUTPUT: out = o.arg; break;
		case OPT_SCOPE: scope = o.arg; break;
		case OPT_STRICT: opts.strict = true; break;
		case OPT_DELIMS:
			if (sscanf(o.arg, "%15s %15s", open, close) != 2) {
				fprintf(stderr, "vndoc merge: --delimiters takes two words, e.g. \"{{ }}\"\n");
				return VNDOC_EXIT_USAGE;
			}
			opts.delim_open = open;
			opts.delim_close = close;
			break;
		case OPT_HELP: fputs(merge_usage, stdout); return VNDOC_EXIT_OK;
		case OPT_DOC: data_args.doc = o.arg; break;
		case OPT_LEGACY: data_args.legacy = o.arg; break;
		case OPT_SHEET: data_args.sheet = o.arg; break;
		default: fputs(merge_usage, stderr); return VNDOC_EXIT_USAGE;
		}
	}
	if (o.n_operands != 2 || !out) {
		fprintf(stderr, "vndoc merge: %s\n", o.n_operands != 2 ? "expected TEMPLATE and DATA"
									: "missing -o OUT.docx");
		fputs(merge_usage, stderr);
		return VNDOC_EXIT_USAGE;
	}

	/* Output never written over an input (a link or another spelling of
	 * its name included: device and inode compared). */
	{
		const char *inputs[3] = { o.operands[0], o.operands[1], data_args.doc };
		for (int i = 0; i < 3; i++)
			if (inputs[i] && vndoc_fs_same_file(out, inputs[i])) {
				fprintf(stderr, "vndoc merge: %s is the input %s: refusing to write over it\n", out,
					inputs[i]);
				return VNDOC_EXIT_USAGE;
			}
		if (vndoc_cli_inside_folder(out, o.operands[0])) {
			fprintf(stderr, "vndoc merge: %s is inside the template folder %s: the template would hold it; "
				"write it elsewhere\n", out, o.operands[0]);
			return VNDOC_EXIT_USAGE;
		}
	}
	vndoc_error_clear(&err);
	if (scope && vndoc_cli_scope_check(scope, &err) < 0) { /* before the data is read */
		fprintf(stderr, "vndoc merge: --scope \"%s\": %s\n", scope, err.message);
		return VNDOC_EXIT_USAGE;
	}
	if ((status = vndoc_cli_load_data(&data, o.operands[1], &data_args)) != VNDOC_EXIT_OK)
		return status;
	if (scope) {
		if (vndoc_cli_scope_chain(chain, &n_chain, data, scope, &err) < 0) {
			fprintf(stderr, "vndoc merge: --scope \"%s\": in %s, %s\n", scope, o.operands[1], err.message);
			vndoc_value_free(data);
			return VNDOC_EXIT_USAGE;
		}
	} else {
		chain[0] = data;
		n_chain = 1;
	}

	if (strcmp(o.operands[1], "-") != 0) { /* pictures from data: paths below the data's folder */
		char *slash;
		snprintf(picture_dir, sizeof picture_dir, "%s", o.operands[1]);
		if ((slash = strrchr(picture_dir, '/')))
			slash[slash == picture_dir] = '\0';
		else
			snprintf(picture_dir, sizeof picture_dir, ".");
		opts.picture_dir = picture_dir;
	}
	if ((rc = vndoc_tmpl_load(&t, o.operands[0], &opts, &errs, &err)) < 0 ||
	    (rc = vndoc_tmpl_merge(t, chain, n_chain, out, &errs, &err)) < 0) {
		if (errs.count) {
			for (size_t i = 0; i < errs.count; i++) {
				vndoc_error_set_file(&errs.items[i], o.operands[0]);
				vndoc_cli_print_error(&errs.items[i]);
			}
			if (errs.dropped)
				fprintf(stderr, "vndoc: %s: %zu more errors not shown\n", o.operands[0], errs.dropped);
		} else {
			vndoc_cli_print_error(&err);
		}
		status = vndoc_cli_exit_status(rc);
	}
	vndoc_error_list_dispose(&errs);
	vndoc_tmpl_free(t);
	vndoc_value_free(data);
	return status;
}
