/*
 * collect/collect_internal.h: what the reading of a returned form passes
 * between its steps (private to src/collect).
 *
 * read.c turns the DOCX body into a plain view: a list of items, each a
 * paragraph's text or a table of cells' text (tracked changes as accepted,
 * legacy-font runs converted, paragraphs and line breaks as '\n').  find.c
 * finds the registration tables in it and reads their rows; unit.c reads
 * the unit's heading and signer from the text around them.
 */
#ifndef VNDOC_COLLECT_INTERNAL_H
#define VNDOC_COLLECT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "collect/collect.h"
#include "core/buf.h"
#include "data/data.h"

typedef struct vndoc_collect__cell {
	char *text;          /* paragraphs joined with '\n', NFC (owned) */
	int col, span;       /* first grid column, grid columns covered */
	bool merged;         /* vMerge continue: the text is the cell above's */
	bool numbered;       /* an automatic number (w:numPr) stands in it */
	char legacy[64];     /* the legacy font of a converted run, "" if none */
} vndoc_collect__cell;

typedef struct vndoc_collect__row {
	vndoc_collect__cell *cells;
	size_t n_cells;
} vndoc_collect__row;

typedef struct vndoc_collect__table {
	vndoc_collect__row *rows;
	size_t n_rows;
	bool registrations;  /* find.c: a table of registrations */
} vndoc_collect__table;

typedef struct vndoc_collect__item {
	char *text;                    /* a paragraph (owned), or NULL: */
	vndoc_collect__table *table;   /* a table (owned) */
	char legacy[64];               /* paragraphs: as for cells */
} vndoc_collect__item;

typedef struct vndoc_collect__form {
	const char *path;              /* for notes (borrowed) */
	vndoc_collect__item *items;
	size_t n_items;
	vndoc_error_list *notes;       /* repairs and dropped text (borrowed) */
	size_t repairs, not_taken;     /* the notes made, each kind counted even
					* when `notes` keeps no more (its max) */
} vndoc_collect__form;

/* read.c: `path` into a view; VNDOC_EFORMAT with the reason a file is not
 * a form we can read (a .doc, a PDF, a picture, not a DOCX), VNDOC_EIO. */
int vndoc_collect__read(vndoc_collect__form *form, const char *path, vndoc_error *err);
struct vndoc_package;
/* Same, from a package already open (form->path names it in errors). */
int vndoc_collect__read_package(vndoc_collect__form *form, const struct vndoc_package *pkg, vndoc_error *err);
/* collect.c: the unit of a form read into its view: its tables, heading
 * and signer (VNDOC_EFORMAT when it is no registration form). */
int vndoc_collect__unit_of(vndoc_value **unit, vndoc_collect__form *form, vndoc_error *err);
void vndoc_collect__form_dispose(vndoc_collect__form *form);

/* find.c: the registration tables of `form` into unit's tap_the and
 * ca_nhan lists (created); marks them in the view.  The number of tables
 * found (0: no registration table). */
size_t vndoc_collect__find(vndoc_collect__form *form, vndoc_value *unit);

/* unit.c: the unit's fields (ten, ten_in_hoa, co_quan_cap_tren, dia_danh,
 * ngay, thang, nam, so) from the text above the registration tables, in a
 * new map, in the order of the sample data; NULL (with `err`) when the form
 * names no unit.  The lists go in afterwards, then the signer. */
vndoc_value *vndoc_collect__heading(vndoc_collect__form *form, vndoc_error *err);
/* Sets thu_truong {chuc_vu, ho_ten} from the signature block below the
 * tables: the name under "(Ký, ghi rõ họ và tên, đóng dấu)", the title
 * above it when it is not the form's "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ". */
void vndoc_collect__signer(vndoc_collect__form *form, vndoc_value *unit);

/* Text helpers (text.c). */
/* Whether `s` holds no letter or digit: white space, placeholder dots,
 * dashes, the separators of an unfilled combined cell. */
bool vndoc_collect__blank(const char *s);
/* A note about `form` (code VNDOC_OK: a repair; else text dropped). */
void vndoc_collect__note(vndoc_collect__form *form, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A string value of `s` cleaned as sheet values are (NFC, spaces). */
vndoc_value *vndoc_collect__string(vndoc_collect__form *form, const char *s, size_t len, const char *where);

#endif
