#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/data_args.h"
#include "cli/exit.h"
#include "core/limits.h"

int vndoc_cli_data_options(vndoc_data_options *opts, const vndoc_cli_data_args *args)
{
	const char *mode = args->legacy ? args->legacy : "auto";
	vndoc_data_options dflt = VNDOC_DATA_OPTIONS_INIT;

	*opts = dflt;
	if (!strcmp(mode, "auto"))
		opts->legacy = VNDOC_LEGACY_AUTO;
	else if (!strcmp(mode, "tcvn3"))
		opts->legacy = VNDOC_LEGACY_TCVN3;
	else if (!strcmp(mode, "vni"))
		opts->legacy = VNDOC_LEGACY_VNI;
	else if (!strcmp(mode, "off"))
		opts->legacy = VNDOC_LEGACY_OFF;
	else {
		fprintf(stderr, "vndoc: --legacy takes auto, tcvn3, vni or off, not '%s'\n", mode);
		return VNDOC_EXIT_USAGE;
	}
	opts->sheet = args->sheet;
	return VNDOC_EXIT_OK;
}

void vndoc_cli_warnings_init(vndoc_error_list *warnings)
{
	vndoc_error_list empty = VNDOC_ERROR_LIST_INIT;
	*warnings = empty;
	warnings->max = VNDOC_LIMIT_WARNINGS;
}

void vndoc_cli_print_warnings(vndoc_error_list *warnings)
{
	/* The items stay (at most `max` of them): a running total over the
	 * run, not over each call, is what the limit bounds. */
	for (; warnings->shown < warnings->count; warnings->shown++) {
		char line[2048];
		fprintf(stderr, "vndoc: warning: %s\n",
			vndoc_error_format(&warnings->items[warnings->shown], line, sizeof line));
	}
}

void vndoc_cli_end_warnings(vndoc_error_list *warnings, const char *file)
{
	vndoc_cli_print_warnings(warnings);
	if (warnings->dropped)
		fprintf(stderr, "vndoc: warning: %s: %zu more warnings not shown\n", file, warnings->dropped);
	vndoc_error_list_dispose(warnings);
}

int vndoc_cli_load_data(vndoc_value **out, const char *path, const vndoc_cli_data_args *args)
{
	vndoc_data_options opts;
	vndoc_error_list warnings;
	vndoc_value *doc = NULL;
	vndoc_error err;
	int rc;

	*out = NULL;
	if ((rc = vndoc_cli_data_options(&opts, args)) != VNDOC_EXIT_OK)
		return rc;
	vndoc_cli_warnings_init(&warnings);
	opts.warnings = &warnings;
	vndoc_error_clear(&err);
	rc = vndoc_data_load_file_with(out, path, &opts, &err);
	vndoc_cli_end_warnings(&warnings, path);
	if (rc == 0 && args->doc) {
		vndoc_error_clear(&err);
		if ((rc = vndoc_data_load_file(&doc, args->doc, &err)) == 0) {
			/* The sheet's units go into the document's fields. */
			vndoc_value_overlay(doc, *out);
			*out = doc;
		} else {
			vndoc_value_free(*out);
			*out = NULL;
		}
	}
	if (rc < 0) {
		vndoc_cli_print_error(&err);
		/* A data file that cannot be read is an I/O error; bad data is data. */
		return rc == VNDOC_EIO || rc == VNDOC_ELIMIT ? VNDOC_EXIT_IO : VNDOC_EXIT_DATA;
	}
	vndoc_data_add_totals(*out);
	return VNDOC_EXIT_OK;
}
