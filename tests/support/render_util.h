/*
 * tests/support/render_util.h: what test_docx.c, test_layout.c and
 * test_render.c share: documents written into temporary folders, laid out
 * and dumped, pages of a dump, PDFs of streamed and loaded documents.
 */
#ifndef VNDOC_RENDER_UTIL_H
#define VNDOC_RENDER_UTIL_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#include "core/buf.h"
#include "docx/docx.h"
#include "layout/layout.h"
#include "test.h"

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

#define A4 "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"850\" " \
	   "w:bottom=\"1134\" w:left=\"1701\" w:header=\"567\" w:footer=\"567\"/></w:sectPr>"

/* Collects a streamed PDF; fails after `fail_after` bytes when not 0. */
typedef struct stream_out {
	vndoc_buf buf;
	size_t fail_after;
} stream_out;

/* The package at `path` read whole (vndoc_docx_load); the test fails
 * with the error when it cannot be. */
vndoc_docx *load_docx(const char *path);

/* Loads and lays out the package at `path`; on failure fills `e` and
 * returns NULL. */
vndoc_layout *layout_path(const char *path, vndoc_error *e);

char *dump_layout(const vndoc_layout *l);

char *dump_path(const char *path);

/* Writes an unpacked package holding word/document.xml with `body` in a
 * fresh temporary folder; returns the folder (static buffer). */
const char *write_doc(const char *body);

/* write_doc() with the namespace declarations `xmlns` on w:document. */
const char *write_doc_xmlns(const char *xmlns, const char *body);

/* write_doc() of `body` on Letter pages with mirrored margins
 * (settings.xml w:mirrorMargins), w:left 2 in and w:right 1 in: the
 * margins are [144, 540] on odd pages, [72, 468] on even ones. */
const char *write_doc_mirrored(const char *body);

/* Writes `text` as part `name` of the folder package `dir`. */
void put_part(const char *dir, const char *name, const char *text);

/* The dump lines of page `n` (1-based), malloc'd. */
char *page_of(const char *dump, int n);

int count(const char *hay, const char *needle);

/* `n` one-line paragraphs of 10 pt (11.5 pt lines); 63 fill an A4 body. */
void fillers(vndoc_buf *b, int n);

/* The RGB of pixel (x, y) of a PNG file, 0xRRGGBB. */
uint32_t png_pixel(const char *path, int x, int y);

int stream_write(const unsigned char *data, size_t len, void *userdata);

/* The PDF of `path` laid out whole and streamed page by page: the same
 * bytes, the same number of pages. */
void check_stream_same(const char *path);

/* Lays out and writes `doc` as a streamed PDF into *out (malloc'd). */
void pdf_of(const vndoc_docx *doc, const char *what, char **out, size_t *len, size_t *pages);

/* The document at `path` read whole (vndoc_docx_load) and streamed
 * (vndoc_docx_open): the same PDF bytes, the same pages, the same layout
 * dump. */
void check_open_same(const char *path);

/* A folder package: word/document.xml with `body` and a footer holding
 * `footer` (paragraph content), referenced by the body's last section. */
const char *write_doc_footer(const char *body, const char *footer);

#endif
