/*
 * cli/scope.h: merge --scope PATH, the value a form is merged with as the
 * innermost scope (don_vi.3: the fourth unit).
 */
#ifndef VNDOC_CLI_SCOPE_H
#define VNDOC_CLI_SCOPE_H

#include <stddef.h>

#include "core/error.h"
#include "core/limits.h"
#include "data/data.h"

/* The chain --scope gives: the top level and at most one value per part. */
#define VNDOC_CLI_SCOPE_CHAIN (VNDOC_LIMIT_PATH_PARTS + 1)

/**
 * Checks the form of `path` before any data is read: names and list
 * indexes joined by single dots, at most VNDOC_LIMIT_PATH_PARTS of them.
 * 0, or VNDOC_EINVAL with the reason in `err`.
 */
int vndoc_cli_scope_check(const char *path, vndoc_error *err);

/**
 * Fills `chain` (VNDOC_CLI_SCOPE_CHAIN entries) with the scopes of `path`
 * in `root`: the top level, each object along the path, and the value the
 * path ends on.  Each part is a name in an object or an index (0, 1, ...)
 * in a list.  *n_out is their count.  0, or VNDOC_EDATA when the path does
 * not lead to a value of the data, with what it meets instead in `err`.
 */
int vndoc_cli_scope_chain(const vndoc_value **chain, size_t *n_out, const vndoc_value *root, const char *path,
			  vndoc_error *err);

#endif
