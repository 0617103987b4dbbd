/*
 * cli/data_args.h: how every command that reads registration data loads
 * it: the file (JSON, CSV or XLSX), --doc, --legacy, --sheet.
 */
#ifndef VNDOC_CLI_DATA_ARGS_H
#define VNDOC_CLI_DATA_ARGS_H

#include "data/data.h"

typedef struct vndoc_cli_data_args {
	const char *doc;      /* --doc FILE.json: the document's own fields */
	const char *legacy;   /* --legacy auto|tcvn3|vni|off */
	const char *sheet;    /* --sheet NAME (XLSX) */
} vndoc_cli_data_args;

/* The options' help lines, for each command's usage text. */
#define VNDOC_CLI_DATA_HELP                                                               \
	"      --doc FILE.json    the document's own fields (place, date, guidance,\n"      \
	"                         signer) for data from a CSV or XLSX sheet\n"             \
	"      --legacy MODE      repair TCVN3/VNI text: auto (default), tcvn3, vni, off\n" \
	"      --sheet NAME       the XLSX sheet to read (default: the first)\n"

/** Fills `opts` (legacy repair, sheet) from the arguments; VNDOC_EXIT_OK,
 * or VNDOC_EXIT_USAGE after saying what is wrong. */
int vndoc_cli_data_options(vndoc_data_options *opts, const vndoc_cli_data_args *args);

/** An empty list for data warnings that keeps VNDOC_LIMIT_WARNINGS of
 * them and counts the rest. */
void vndoc_cli_warnings_init(vndoc_error_list *warnings);
/** Prints each repair warning not printed yet as "vndoc: warning: ..." on
 * standard error (for warnings printed as they come). */
void vndoc_cli_print_warnings(vndoc_error_list *warnings);
/** Prints the rest, then "FILE: N more warnings not shown" when some were
 * only counted, and frees the list. */
void vndoc_cli_end_warnings(vndoc_error_list *warnings, const char *file);

/**
 * Loads `path` as the arguments say, prints warnings and errors, and adds
 * the totals.  Returns VNDOC_EXIT_OK with *out set, or an exit status.
 */
int vndoc_cli_load_data(vndoc_value **out, const char *path, const vndoc_cli_data_args *args);

#endif
