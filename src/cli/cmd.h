/*
 * cli/cmd.h: the vndoc commands.  Only src/cli/ writes to the terminal;
 * each command returns an exit status (cli/exit.h).
 */
#ifndef VNDOC_CLI_CMD_H
#define VNDOC_CLI_CMD_H

#include <stdbool.h>

#include "core/error.h"

typedef struct vndoc_cmd {
	const char *name;
	const char *summary;               /* one line, for `vndoc --help` */
	int (*run)(int argc, char **argv); /* argv[0] is the command name */
} vndoc_cmd;

int vndoc_cmd_merge(int argc, char **argv);
int vndoc_cmd_pack(int argc, char **argv);
int vndoc_cmd_unpack(int argc, char **argv);
int vndoc_cmd_check(int argc, char **argv);
int vndoc_cmd_batch(int argc, char **argv);
int vndoc_cmd_render(int argc, char **argv);
int vndoc_cmd_collect(int argc, char **argv);
int vndoc_cmd_serve(int argc, char **argv);

/** Prints `vndoc: <formatted error>` to stderr. */
void vndoc_cli_print_error(const vndoc_error *err);
/** Maps an error code to the documented exit status. */
int vndoc_cli_exit_status(int code);

/** Whether the file `out` would be written inside the folder `dir` (false
 * when `dir` is no folder), symbolic links and other spellings resolved:
 * a folder package holding its own output would hold it as a part on the
 * next run, and grow each time (outpath.c). */
bool vndoc_cli_inside_folder(const char *out, const char *dir);
/** Whether two outputs are one file: the same file, or, not there yet,
 * the same name in the same folder (links and spellings resolved). */
bool vndoc_cli_same_output(const char *a, const char *b);

#endif
