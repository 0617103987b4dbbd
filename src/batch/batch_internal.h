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

/* blank.c: `unit` (freed) as a blank form shows it: its own fields, the
 * name in capitals when it has none, one collective and
 * VNDOC_BATCH_BLANK_INDIVIDUALS individuals whose every field is the
 * placeholder dots (a unit fills them in Word; vndoc collect passes over
 * rows still dotted). */
#define VNDOC_BATCH_BLANK_INDIVIDUALS 3
vndoc_value *vndoc_batch__blank_unit(vndoc_value *unit);

#endif
