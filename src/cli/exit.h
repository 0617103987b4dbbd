/*
 * cli/exit.h: documented exit statuses (README, "Exit status").
 */
#ifndef VNDOC_CLI_EXIT_H
#define VNDOC_CLI_EXIT_H

enum {
	VNDOC_EXIT_OK = 0,    /* success */
	VNDOC_EXIT_DATA = 1,  /* data or template error (bad tag, bad JSON, missing value) */
	VNDOC_EXIT_USAGE = 2, /* bad command line */
	VNDOC_EXIT_IO = 3     /* a file could not be read or written, or is not a DOCX/zip */
};

#endif
