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
 * rows or inside a row, with header rows repeated on each page.  Also as
 * LibreOffice does (checked with soffice): table widths (tblW in twips or
 * percent, scaling the grid), tblInd before and after Word 2013, thick cell
 * borders pushing the text; tab leaders; inline and floating pictures;
 * page numbers restarted by sections, odd/even section starts (a blank
 * page), even-page headers; PAGE and NUMPAGES in the body (laid out twice);
 * footnotes at the foot of the page holding their reference, below a
 * separator rule, a line going to the next page with its footnotes when
 * they do not fit.
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

/*
 * Fonts: the fontconfig configuration and a Pango font map with its caches
 * (faces, glyph metrics, shaping).  Making one costs far more than laying
 * out a page, so a program that lays out many documents makes one and
 * passes it in vndoc_layout_options.fonts.  The configuration file itself
 * is loaded once per process and shared (fontconfig is thread-safe).
 *
 * Threads: a vndoc_layout_fonts is used by one thread at a time -- every
 * vndoc_layout_run given it, and every rendering (render/render.h) of a
 * layout made with it, since drawing goes through its fonts.  Keep one per
 * worker thread.  Layouts hold references to what they need, so the fonts
 * may be freed before the layouts made with them (the one-thread rule then
 * still covers those layouts together).
 */
typedef struct vndoc_layout_fonts vndoc_layout_fonts;

/**
 * Loads the fontconfig file `fonts_conf` (NULL: $VNDOC_FONTS_CONF, else the
 * build's fonts/fonts.conf).  VNDOC_EFONT when it cannot be loaded.
 * The caller frees *out with vndoc_layout_fonts_free.
 */
int vndoc_layout_fonts_new(vndoc_layout_fonts **out, const char *fonts_conf, vndoc_error *err);

void vndoc_layout_fonts_free(vndoc_layout_fonts *fonts);

typedef enum {
	VNDOC_BOX_LINE = 0, /* a line of text */
	VNDOC_BOX_CELL,     /* a table cell: borders and fill; its lines follow it */
	VNDOC_BOX_RULE,     /* a line (paragraph border, footnote separator, column
			     * separator): horizontal, centred on y from x to x + w, h
			     * thick; `vertical`, centred on x from y to y + h, w thick;
			     * border[0] gives style and color */
	VNDOC_BOX_IMAGE,    /* a picture filling x, y, w, h: inline, it follows its line;
			     * floating, after its paragraph's first line (or first on the
			     * page when behind the text) */
	VNDOC_BOX_LEADER,   /* a tab's leader ("....."): drawn like a LINE; it follows its line */
	VNDOC_BOX_SHAPE     /* a drawn shape (docx/shapes.c) in x, y, w, h (unrotated): see
			     * `shape`; placed as pictures are, the lines of its text box
			     * follow it */
} vndoc_box_kind;

typedef enum {
	VNDOC_STORY_BODY = 0,
	VNDOC_STORY_HEADER,
	VNDOC_STORY_FOOTER,
	VNDOC_STORY_FOOTNOTE /* footnotes at the page's foot, and their separator rule */
} vndoc_story_kind;

typedef struct vndoc_box {
	vndoc_box_kind kind;
	vndoc_story_kind story;
	double x, y, w, h;        /* LINE: the line's logical box; CELL: the cell */
	double baseline;          /* LINE, LEADER: y of the baseline */
	const char *text;         /* LINE, LEADER: UTF-8, tabs as \t (borrowed) */
	PangoLayoutLine *line;    /* LINE, LEADER: draw at (x, baseline) (borrowed) */
	int row, col;             /* CELL: row in its table, first grid column */
	vndoc_docx_border border[4]; /* CELL: top, left, bottom, right; RULE: [0] */
	bool vertical;            /* RULE: a vertical line */
	bool has_fill;            /* CELL */
	uint32_t fill;            /* CELL: 0xRRGGBB */
	const vndoc_docx_image *image; /* IMAGE: the picture (borrowed from the layout) */
	const vndoc_docx_shape *shape; /* SHAPE: its kind, outline and fill (borrowed from the
					* layout; its own box is not used) */
	/* A floating drawing's boxes (its shapes, its text box's lines): -1
	 * behind the text, 1 over it, 0 not floating.  Once the page is done,
	 * those behind go first and those over it last, each by `z` (the
	 * drawing's relativeHeight: the lower drawn first), then in order. */
	signed char layer;
	long z;
	/* The text of a rotated text box (lines, leaders, rules, cells): laid
	 * out upright, then turned `rotation` degrees clockwise about
	 * (pivot_x, pivot_y), its shape's centre; 0 for the others. */
	double rotation, pivot_x, pivot_y;
} vndoc_box;

typedef struct vndoc_page {
	double w, h;              /* points */
	int number;               /* 1-based, counting every page */
	int page_number;          /* what PAGE prints: restarts where a section says
				   * (pgNumType w:start) */
	bool blank;               /* inserted so that a section begins on an odd or
				   * even page (evenPage, oddPage): no header, no footer */
	int header_kind;          /* VNDOC_DOCX_HF_DEFAULT, _FIRST or _EVEN: the
				   * section's header and footer it takes */
	size_t section;           /* index into vndoc_docx.sections */
	double text_x, text_y, text_w, text_h; /* the area within the margins */
	bool mirrored;            /* an even page of a document with mirrored margins
				   * (vndoc_docx.mirror_margins): its left margin is
				   * the section's right one and the other way round */
	vndoc_box *boxes;
	size_t n_boxes, cap;
} vndoc_page;

typedef struct vndoc_layout_options {
	/* fontconfig file; NULL: $VNDOC_FONTS_CONF, else the build's fonts/fonts.conf.
	 * Used only when `fonts` is NULL. */
	const char *fonts_conf;
	/* Progress: called after each section is laid out (may be NULL). */
	void (*progress)(size_t pages_done, void *userdata);
	void *userdata;
	/* Fonts to lay out with (see vndoc_layout_fonts); NULL: made for
	 * this call from fonts_conf, and freed with the layout. */
	vndoc_layout_fonts *fonts;
	/* A character its font has no glyph for: false, drawn with the first
	 * font of the configuration's fallback chain that has it (DejaVu,
	 * Noto: see fonts/fonts.conf) with a warning naming the character and
	 * the fonts, as LibreOffice falls back; true (`vndoc batch`, `render
	 * --strict-fonts`: our own templates never fall back), VNDOC_EFONT. */
	bool strict_fonts;
	/* Called with each warning the layout itself adds (fallback fonts,
	 * legacy Vietnamese fonts converted), once, as it is found; may be
	 * NULL.  The warnings are also in vndoc_layout_warning. */
	void (*on_warning)(const char *message, void *userdata);
} vndoc_layout_options;

#define VNDOC_LAYOUT_OPTIONS_INIT { NULL, NULL, NULL, NULL, false, NULL }

/**
 * Lays out `doc` (borrowed; it must outlive the call only).
 * VNDOC_EFONT: the font configuration cannot be loaded, or (with
 * strict_fonts) a character has no glyph in its font (the message names
 * the character and the font asked for).  VNDOC_ELIMIT: more than
 * VNDOC_LIMIT_PAGES pages.
 * The caller frees *out with vndoc_layout_free.
 */
int vndoc_layout_run(vndoc_layout **out, const vndoc_docx *doc, const vndoc_layout_options *opts,
		     vndoc_error *err);

void vndoc_layout_free(vndoc_layout *l);

/**
 * Called with each page of a streamed layout as soon as it is final
 * (headers and footers included), in order.  `page` is borrowed for the
 * call only: the page, its boxes and the Pango lines only it uses are let
 * go when the call returns.  0 to go on, or a negative code that stops
 * the layout and is returned by vndoc_layout_stream.
 */
typedef int (*vndoc_layout_page_fn)(const vndoc_layout *l, const vndoc_page *page, void *userdata);

/**
 * Lays out `doc` as vndoc_layout_run does, giving each page to `on_page`
 * and holding only the page being laid out, so that memory stays flat
 * however long the document.  A document whose fields need the number of
 * pages (NUMPAGES, and PAGE in the body) is laid out more than once, the
 * first passes only counting pages.  *out (freed with vndoc_layout_free)
 * then holds what is not per page: vndoc_layout_page_count is the number
 * of pages, vndoc_layout_page gives NULL, headings, title and warnings
 * are there as after vndoc_layout_run.  On failure *out is NULL.
 */
int vndoc_layout_stream(vndoc_layout **out, const vndoc_docx *doc, const vndoc_layout_options *opts,
			vndoc_layout_page_fn on_page, void *userdata, vndoc_error *err);

size_t vndoc_layout_page_count(const vndoc_layout *l);
/** Page `i` (0-based), borrowed from `l`; NULL after vndoc_layout_stream. */
const vndoc_page *vndoc_layout_page(const vndoc_layout *l, size_t i);

/**
 * What the document holds that the layout does not draw (shapes, text
 * boxes, charts, VML, floating or unsupported pictures): one message per
 * kind, e.g. "shape (wps:wsp) not drawn"; then what the layout repaired:
 * a character drawn with a fallback font (one per character), text in a
 * legacy Vietnamese font converted (one).  Borrowed from `l`.
 */
size_t vndoc_layout_warning_count(const vndoc_layout *l);
const char *vndoc_layout_warning(const vndoc_layout *l, size_t i);

/** The document's title, author, subject and keywords (docProps/core.xml),
 * "" if none. */
const char *vndoc_layout_title(const vndoc_layout *l);
const char *vndoc_layout_author(const vndoc_layout *l);
const char *vndoc_layout_subject(const vndoc_layout *l);
const char *vndoc_layout_keywords(const vndoc_layout *l);

/** A heading of the body (outlineLvl, or a Heading1..9 style) where it was
 * placed: the PDF outline. */
typedef struct vndoc_layout_heading {
	int level;                /* 0 for Heading 1 ... 8 */
	const char *title;        /* its text, UTF-8 (borrowed from the layout) */
	size_t page;              /* 0-based page index */
	double y;                 /* top of its first line, points from the page's top */
} vndoc_layout_heading;

/** The headings in document order; vndoc_layout_heading_at(l, i) is
 * borrowed from `l` (NULL past the end). */
size_t vndoc_layout_heading_count(const vndoc_layout *l);
const vndoc_layout_heading *vndoc_layout_heading_at(const vndoc_layout *l, size_t i);

#endif
