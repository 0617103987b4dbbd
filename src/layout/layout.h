/*
 * layout/layout.h: pages, lines and table cells computed from a resolved
 * document (docx/docx.h) with Pango.
 *
 * Text is shaped and broken into lines by Pango with a private fontconfig
 * configuration (fonts/fonts.conf), so the result never depends on the
 * fonts installed on the machine: Times New Roman is drawn with Liberation
 * Serif, Arial with Liberation Sans, Calibri with Carlito, Cambria with
 * Caladea.  Lines are stacked on pages following LibreOffice's rules for
 * Word documents (each checked against soffice): single spacing is the
 * font's ascent + descent + line gap, the gap going above the text; between
 * paragraphs the larger of "after" and "before"; "before" dropped on a page
 * begun by overflow but kept after an explicit break; widows and orphans
 * (two lines, on unless the document turns it off); keep with next, keep
 * lines together, page break before; paragraph and table borders take room;
 * sections with their own page size and orientation; tables split between
 * rows or inside a row, with header rows repeated on each page.
 *
 * The result is a list of pages, each a flat list of boxes in drawing
 * order.  Coordinates are in points from the page's top-left corner.
 */
#ifndef VNDOC_LAYOUT_H
#define VNDOC_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include <pango/pango.h>

#include "core/error.h"
#include "docx/docx.h"

typedef struct vndoc_layout vndoc_layout;

typedef enum {
	VNDOC_BOX_LINE = 0, /* a line of text */
	VNDOC_BOX_CELL,     /* a table cell: borders and fill; its lines follow it */
	VNDOC_BOX_RULE      /* a paragraph border: a horizontal line centred on y, from x
			     * to x + w, h thick; border[0] gives style and color */
} vndoc_box_kind;

typedef enum {
	VNDOC_STORY_BODY = 0,
	VNDOC_STORY_HEADER,
	VNDOC_STORY_FOOTER
} vndoc_story_kind;

typedef struct vndoc_box {
	vndoc_box_kind kind;
	vndoc_story_kind story;
	double x, y, w, h;        /* LINE: the line's logical box; CELL: the cell */
	double baseline;          /* LINE: y of the baseline */
	const char *text;         /* LINE: UTF-8, tabs as \t (borrowed) */
	PangoLayoutLine *line;    /* LINE: draw at (x, baseline) (borrowed) */
	int row, col;             /* CELL: row in its table, first grid column */
	vndoc_docx_border border[4]; /* CELL: top, left, bottom, right; RULE: [0] */
	bool has_fill;            /* CELL */
	uint32_t fill;            /* CELL: 0xRRGGBB */
} vndoc_box;

typedef struct vndoc_page {
	double w, h;              /* points */
	int number;               /* 1-based */
	size_t section;           /* index into vndoc_docx.sections */
	vndoc_box *boxes;
	size_t n_boxes, cap;
} vndoc_page;

typedef struct vndoc_layout_options {
	/* fontconfig file; NULL: $VNDOC_FONTS_CONF, else the build's fonts/fonts.conf */
	const char *fonts_conf;
	/* Progress: called after each section is laid out (may be NULL). */
	void (*progress)(size_t pages_done, void *userdata);
	void *userdata;
} vndoc_layout_options;

#define VNDOC_LAYOUT_OPTIONS_INIT { NULL, NULL, NULL }

/**
 * Lays out `doc` (borrowed; it must outlive the call only).
 * VNDOC_EFONT: the font configuration cannot be loaded, or a character has
 * no glyph in any configured font (the message names the character and the
 * font asked for).  VNDOC_ELIMIT: more than VNDOC_LIMIT_PAGES pages.
 * The caller frees *out with vndoc_layout_free.
 */
int vndoc_layout_run(vndoc_layout **out, const vndoc_docx *doc, const vndoc_layout_options *opts,
		     vndoc_error *err);

void vndoc_layout_free(vndoc_layout *l);

size_t vndoc_layout_page_count(const vndoc_layout *l);
/** Page `i` (0-based), borrowed from `l`. */
const vndoc_page *vndoc_layout_page(const vndoc_layout *l, size_t i);

/** The document's title and author (docProps/core.xml), "" if none. */
const char *vndoc_layout_title(const vndoc_layout *l);
const char *vndoc_layout_author(const vndoc_layout *l);

#endif
