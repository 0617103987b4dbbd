/*
 * tests/support/test.h: helpers shared by the Check suites.
 */
#ifndef VNDOC_TEST_H
#define VNDOC_TEST_H

#include <check.h>
#include <stddef.h>

#include "core/error.h"

/** The absolute path of a fixture: VNDOC_FIXTURES "/" rel (static buffer). */
const char *test_fixture(const char *rel);

/** Reads a whole file (aborts the test on failure); the caller frees. */
char *test_read_file(const char *path, size_t *len);

/** Reads one part of a DOCX file (aborts the test on failure); the caller frees. */
char *test_read_part(const char *docx, const char *part, size_t *len);

/** A fresh temporary folder (mkdtemp under $TMPDIR or /tmp); static buffer. */
const char *test_tmpdir(void);
/* "ulimit -v KB; " to put before a shell command that must stay under KB
 * of address space; "" in the sanitizer builds, which reserve more. */
const char *test_address_limit(unsigned long kb);

/** The number of entries in folder `dir` ("." and ".." left out; aborts the
 * test when it cannot be read). */
size_t test_dir_entries(const char *dir);

/** Runs a shell command, capturing stdout and stderr into malloc'd strings
 * (either pointer may be NULL); returns the exit status (or -1). */
int test_run(const char *cmd, char **out, char **errout);

/** Asserts code and formatted message of an error at once. */
#define test_assert_error(e, want_code, want_msg)                                   \
	do {                                                                       \
		char test_msg_[1024];                                              \
		ck_assert_int_eq((e)->code, (want_code));                          \
		ck_assert_str_eq(vndoc_error_format((e), test_msg_, sizeof test_msg_), (want_msg)); \
	} while (0)

/** Runs a suite with CK_NORMAL output; returns the process exit status. */
int test_run_suite(Suite *s);

#endif
