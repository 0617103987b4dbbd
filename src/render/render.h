/*
 * render/render.h: output of a layout (layout/layout.h).
 *
 * Every backend goes through one walker, vndoc_render_walk, which calls a
 * backend's callbacks page by page and box by box in drawing order:
 *   - the text dump (vndoc_render_dump), the geometry of every page, line
 *     and cell as stable text, for tests and `vndoc render --dump-layout`;
 *   - PDF through Cairo (vndoc_render_pdf), deterministic: the same layout
 *     gives the same bytes (fixed dates, no random IDs);
 *   - PNG images through Cairo (vndoc_render_png), one file per page.
 */
#ifndef VNDOC_RENDER_H
#define VNDOC_RENDER_H

#include <stddef.h>

#include "core/buf.h"
#include "core/error.h"
#include "layout/layout.h"

typedef struct vndoc_render_callbacks {
	/* Each returns 0 to go on, or a negative code that stops the walk
	 * and is returned by vndoc_render_walk.  Any may be NULL. */
	int (*begin_page)(const vndoc_page *page, void *userdata);
	int (*box)(const vndoc_page *page, const vndoc_box *box, void *userdata);
	int (*end_page)(const vndoc_page *page, void *userdata);
} vndoc_render_callbacks;

/** Walks every page of `l` in order.  0, or the first negative return. */
int vndoc_render_walk(const vndoc_layout *l, const vndoc_render_callbacks *cb, void *userdata);

/**
 * Appends the layout as text to `out`, numbers with one decimal:
 *
 *     page 1 595.3x841.9        (then " number=N" when PAGE prints another
 *                                number, " blank" for an inserted blank page)
 *       line y=56.7 x=85.0 w=425.2 h=16.1 "text of the line"
 *       cell r0c1 x=85.0 y=120.3 w=200.0 h=18.4
 *       rule x=… y=… w=… h=…       (a paragraph border, or the footnote
 *                                separator; y is its centre)
 *       image x=… y=… w=… h=… "word/media/image1.png"  (after its line)
 *       leader y=… x=… w=… h=… "....."  (a tab's fill, after its line)
 *       shape line x=… y=… w=… h=… stroke=0.75 #000000 solid  (a drawn shape:
 *                                rect, roundrect, ellipse, line, path; its
 *                                outline and fill, see render/shape.h; the
 *                                lines of its text box follow it)
 *       line y=… x=… w=… h=… "…" rot=270  (in a rotated text box: drawn
 *                                turned about its shape's centre)
 *       header y=… x=… w=… h=… "…"
 *       footer y=… x=… w=… h=… "…"
 *       footnote y=… x=… w=… h=… "1\tfootnote text"  (the page's footnotes,
 *                                at its foot, after its separator rule)
 *
 * y is the top of the box; in text, `"` and `\` are escaped and a tab is
 * `\t`.  0, or VNDOC_ELIMIT when `out` reaches its limit.
 */
int vndoc_render_dump(const vndoc_layout *l, vndoc_buf *out);

typedef struct vndoc_render_pdf_options {
	const char *title;   /* NULL: the document's (docProps/core.xml) */
	const char *author;  /* NULL: the document's */
	/* Creation and modification date, seconds since 1970; -1 means
	 * $SOURCE_DATE_EPOCH if set, else 2000-01-01T00:00:00Z, so that
	 * output is reproducible. */
	long long date;
	const char *subject; /* NULL: the document's */
} vndoc_render_pdf_options;

#define VNDOC_RENDER_PDF_OPTIONS_INIT { NULL, NULL, -1, NULL }

/**
 * Writes the layout as PDF to `path` atomically (temporary file, rename).
 * Text stays text: it is extractable (pdftotext) and searchable.  The
 * headings (vndoc_layout_heading_at) make the document outline
 * (bookmarks); title, author, subject and keywords go in the metadata.
 * VNDOC_EIO when the file cannot be written; VNDOC_ELIMIT past
 * VNDOC_LIMIT_OUTPUT_BYTES; VNDOC_EFONT when Cairo fails to draw.
 */
int vndoc_render_pdf(const vndoc_layout *l, const char *path, const vndoc_render_pdf_options *opts,
		     vndoc_error *err);

/** Same, into a malloc'd buffer the caller frees. */
int vndoc_render_pdf_memory(char **out, size_t *len, const vndoc_layout *l,
			    const vndoc_render_pdf_options *opts, vndoc_error *err);

/**
 * Where a streamed PDF goes: called with each piece of the file in order.
 * 0 to go on; a negative VNDOC_E* code stops the rendering, which returns
 * it (any other non-zero value counts as VNDOC_EIO).
 */
typedef int (*vndoc_write_fn)(const unsigned char *data, size_t len, void *userdata);

/**
 * Lays out `doc` (layout options `lo`, may be NULL) and writes it as PDF
 * through `write`, page by page as each is laid out (vndoc_layout_stream):
 * only the current page is held, so memory stays flat however long the
 * document.  The bytes are those vndoc_render_pdf writes for the same
 * document and options.  Sets *pages (may be NULL) to the number of pages.
 * Errors as vndoc_layout_run and vndoc_render_pdf, and the write
 * function's; on failure part of the file may have been written.
 */
int vndoc_render_pdf_stream(const vndoc_docx *doc, const vndoc_layout_options *lo,
			    const vndoc_render_pdf_options *po, vndoc_write_fn write, void *userdata,
			    size_t *pages, vndoc_error *err);

/**
 * Writes each page as DIR/page-001.png, ... at `dpi` (e.g. 96), creating
 * DIR if needed.  VNDOC_EIO when a file cannot be written.  Pictures are
 * decoded (PNG by Cairo, JPEG by libjpeg, GIF by giflib); a damaged one
 * is drawn as an empty frame (vndoc_render_png_with tells which).
 */
int vndoc_render_png(const vndoc_layout *l, const char *dir, double dpi, vndoc_error *err);

typedef struct vndoc_render_png_options {
	double dpi;                  /* 1 to 1200 */
	/* What the pages draw wrong or not at all, one per picture, e.g.
	 * "picture word/media/image2.jpeg is damaged, drawn as an empty frame
	 * (Bogus marker length)" (code VNDOC_EFORMAT); may be NULL. */
	vndoc_error_list *warnings;
} vndoc_render_png_options;

#define VNDOC_RENDER_PNG_OPTIONS_INIT { 96, NULL }

/** vndoc_render_png with options (`opts` may be NULL: the defaults). */
int vndoc_render_png_with(const vndoc_layout *l, const char *dir, const vndoc_render_png_options *opts,
			  vndoc_error *err);

#endif
