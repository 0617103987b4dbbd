/*
 * cli/opt.h: a small getopt_long-style parser shared by every command.
 * Options may come before or after operands; `--` ends options; `-` alone
 * is an operand (standard input).
 */
#ifndef VNDOC_CLI_OPT_H
#define VNDOC_CLI_OPT_H

#include <stdbool.h>

typedef struct vndoc_opt_spec {
	const char *long_name; /* "output" for --output */
	char short_name;       /* 'o' for -o, 0 if none */
	bool has_arg;
	int id;                /* returned by vndoc_opt_next */
} vndoc_opt_spec;

typedef struct vndoc_opt {
	int argc;
	char **argv;
	int index;             /* next argv element to look at */
	const vndoc_opt_spec *specs;
	const char *arg;       /* argument of the last option */
	const char *bad;       /* the offending word after an error */
	char *operands[1024];
	int n_operands;
	bool done;             /* `--` seen */
} vndoc_opt;

enum { VNDOC_OPT_END = -1, VNDOC_OPT_ERROR = -2 };

void vndoc_opt_init(vndoc_opt *o, int argc, char **argv, const vndoc_opt_spec *specs);
/**
 * Returns the id of the next option (arg in o->arg), VNDOC_OPT_END when all
 * words have been read (operands collected in o->operands), or
 * VNDOC_OPT_ERROR after printing "vndoc CMD: ..." to stderr.
 */
int vndoc_opt_next(vndoc_opt *o);

#endif
