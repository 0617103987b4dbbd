/*
 * vndoc: the command-line interface.  Only this folder writes to the
 * terminal; the library reports errors as values.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/exit.h"

#ifndef VNDOC_VERSION
#define VNDOC_VERSION "0.0.0"
#endif

static const vndoc_cmd commands[] = {
	{ "merge", "merge data into a DOCX template", vndoc_cmd_merge },
	{ "batch", "every unit's form, the plan and the summary, as DOCX and PDF", vndoc_cmd_batch },
	{ "collect", "read filled registration forms back into data", vndoc_cmd_collect },
	{ "check", "check registration data against the plan's rules", vndoc_cmd_check },
	{ "serve", "the registration cycle as a web page on this machine", vndoc_cmd_serve },
	{ "render", "lay out a DOCX and draw it to PDF (or PNG, or a text dump)", vndoc_cmd_render },
	{ "pack", "pack a folder holding an unpacked package into a .docx", vndoc_cmd_pack },
	{ "unpack", "unpack a .docx into a folder, XML pretty-printed", vndoc_cmd_unpack },
};

void vndoc_cli_print_error(const vndoc_error *err)
{
	char line[2048];
	fprintf(stderr, "vndoc: %s\n", vndoc_error_format(err, line, sizeof line));
}

int vndoc_cli_exit_status(int code)
{
	switch (code) {
	case VNDOC_OK:
		return VNDOC_EXIT_OK;
	case VNDOC_EIO:
	case VNDOC_EFORMAT:
	case VNDOC_ELIMIT:
		return VNDOC_EXIT_IO;
	case VNDOC_EINVAL:
		return VNDOC_EXIT_USAGE;
	default:
		return VNDOC_EXIT_DATA;
	}
}

static void usage(FILE *f)
{
	fprintf(f, "usage: vndoc COMMAND [OPTIONS] ...\n\n"
		   "Vietnamese administrative documents: DOCX templates merged with data.\n\n"
		   "Commands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n`vndoc COMMAND --help` describes a command.\n"
		   "Exit status: 0 ok, 1 data or template error, 2 usage, 3 input/output error.\n");
}

int main(int argc, char **argv)
{
	/* A write past RLIMIT_FSIZE fails with EFBIG, reported naming its file
	 * (exit 3), instead of killing the process with a temporary left. */
	signal(SIGXFSZ, SIG_IGN);
	if (argc < 2) {
		usage(stderr);
		return VNDOC_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return VNDOC_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("vndoc %s\n", VNDOC_VERSION);
		return VNDOC_EXIT_OK;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "vndoc: unknown command '%s' (see vndoc --help)\n", argv[1]);
	return VNDOC_EXIT_USAGE;
}
