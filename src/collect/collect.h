/*
 * collect/collect.h: returned registration forms (Biểu đăng ký, .docx)
 * read back into registration data, in the format check, merge and batch
 * read (data/data.h: a unit of `don_vi` with its `tap_the` and `ca_nhan`).
 *
 * What a form says is found by its text, not by position: the two tables
 * by their heading ("I. TẬP THỂ", "II. CÁ NHÂN") and column headers,
 * matched as sheet headers are (no case, tone marks or punctuation); the
 * unit from the heading (superior body, unit, number, place and date) and
 * the sentence "…, <unit> đăng ký thực hiện như sau:"; the signer from
 * the signature block.  Word's ways are followed: tracked changes read as
 * accepted, runs split by spell-check marks and bookmarks, merged cells,
 * several paragraphs or line breaks in a cell, automatic numbering, header
 * rows repeated, rows added, empty or still dotted, text in TCVN3 or VNI
 * fonts converted by the run's font name.  Every repair and every piece
 * of text not taken is a note; a file that is not a form is an error that
 * says why.
 */
#ifndef VNDOC_COLLECT_H
#define VNDOC_COLLECT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "data/data.h"

/**
 * Reads the form at `path` into *unit (a map, the caller frees it).
 * Notes go to `notes` (may be NULL), each naming the file: code VNDOC_OK
 * for a repair (a legacy font converted, a combined cell kept whole, a
 * merged cell's text repeated), VNDOC_EDATA for text that was not taken
 * (a row without a name, a cell under no header); none for a file that is
 * not read.  Returns 0, or
 * VNDOC_EFORMAT when the file is not a form that can be read (a Word
 * 97-2003 .doc, a PDF, a picture, not a DOCX, no registration table),
 * VNDOC_EIO when it cannot be read; `err` says why, naming the file.
 */
int vndoc_collect_read(vndoc_value **unit, const char *path, vndoc_error_list *notes, vndoc_error *err);

/**
 * Registration data written as it is collected, a unit at a time, by the
 * extension of `path`: .json (the document's fields `doc` first, then
 * `don_vi`), .csv or .xlsx (the flat sheet: a row per registration with
 * the unit's fields, in the columns README "Flat sheets" lists; the XLSX
 * with its header row frozen and column widths set).  Written to a
 * temporary name and renamed on close; the same units give the same bytes.
 */
typedef struct vndoc_collect_writer vndoc_collect_writer;

/** VNDOC_EINVAL for an extension other than .json, .csv, .xlsx. `doc`
 * (may be NULL) is borrowed until close; a sheet ignores it. */
int vndoc_collect_writer_open(vndoc_collect_writer **out, const char *path, const vndoc_value *doc,
			      vndoc_error *err);
/** Appends a unit; returns how many of its registrations went out. */
int vndoc_collect_writer_unit(vndoc_collect_writer *w, const vndoc_value *unit, vndoc_error *err);
/** Finishes the file and frees the writer (also on failure). */
int vndoc_collect_writer_close(vndoc_collect_writer *w, vndoc_error *err);
/** Frees the writer, leaving nothing under the final name. */
void vndoc_collect_writer_abort(vndoc_collect_writer *w);

/** What a run over many forms did. */
typedef struct vndoc_collect_result {
	size_t forms, units, skipped;   /* files given, units written, files skipped */
	size_t tap_the, ca_nhan;        /* registrations written */
	vndoc_error_list notes;         /* in file order: skips (code < 0) and repairs;
					 * VNDOC_LIMIT_WARNINGS kept, the rest counted
					 * in notes.dropped */
	size_t repairs, not_taken;      /* notes of code VNDOC_OK, and those of text
					 * not taken (code < 0, skips aside), all counted */
} vndoc_collect_result;

/**
 * Reads `paths` in order into `out` (vndoc_collect_writer): a file that
 * cannot be read is skipped with a note; a second form of a unit already
 * read (names compared folded) is skipped with a note naming the first.
 * Returns 0 when nothing was skipped, VNDOC_EDATA when some file was,
 * another code when the output cannot be written.
 */
int vndoc_collect_run(const char *const *paths, size_t n, const char *out, const vndoc_value *doc,
		      vndoc_collect_result *res, vndoc_error *err);

#endif
