/*
 * batch/batch_internal.h: pieces of the batch run in files of their own
 * (private to src/batch).
 */
#ifndef VNDOC_BATCH_INTERNAL_H
#define VNDOC_BATCH_INTERNAL_H

#include "core/error.h"
#include "data/data.h"

/* sheet.c: every registration of the units of `s` (read from where it
 * stands to its end) as a row of the flat sheet at `path` (tong-hop.xlsx:
 * vndoc_collect_writer), written to a temporary name and renamed. */
int vndoc_batch__sheet(const char *path, vndoc_data_stream *s, vndoc_error *err);

#endif
