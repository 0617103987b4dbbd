/*
 * collect/sheet.h: registration data as a flat sheet (README, "Flat
 * sheets"): a row per registration with its unit's fields, CSV (as Excel
 * writes "CSV UTF-8" in a Vietnamese locale: BOM, ';', CRLF) or XLSX
 * (libxlsxwriter: header row frozen, column widths set, a filter on the
 * header, fixed dates so the same rows give the same bytes).  Private to
 * src/collect (vndoc_collect_writer is the public face).
 */
#ifndef VNDOC_COLLECT_SHEET_H
#define VNDOC_COLLECT_SHEET_H

#include <stdio.h>

#include "core/error.h"
#include "data/data.h"

typedef struct vndoc_collect__sheet vndoc_collect__sheet;

/** CSV on `out` (borrowed: the caller closes it after sheet_close). */
vndoc_collect__sheet *vndoc_collect__sheet_open_csv(FILE *out);
/** XLSX written to `path` on close. */
int vndoc_collect__sheet_open_xlsx(vndoc_collect__sheet **out, const char *path, vndoc_error *err);
/** The unit's registrations as rows: their number, or a negative code. */
int vndoc_collect__sheet_unit(vndoc_collect__sheet *s, const vndoc_value *unit, vndoc_error *err);
/** Finishes (XLSX: writes the file) and frees. */
int vndoc_collect__sheet_close(vndoc_collect__sheet *s, vndoc_error *err);
void vndoc_collect__sheet_abort(vndoc_collect__sheet *s);

#endif
