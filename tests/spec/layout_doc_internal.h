/*
 * tests/spec/layout_doc_internal.h: what layout_doc.c (text, paragraphs,
 * tables) and layout_doc_pkg.c (sections, the package) share.
 */
#ifndef VNDOC_LAYOUT_DOC_INTERNAL_H
#define VNDOC_LAYOUT_DOC_INTERNAL_H

#include <stddef.h>

#include "core/buf.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define REL_T "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define MAX_GRID 32
#define MAX_STORIES 16

typedef struct {
	int w, h, top, right, bottom, left, header, footer; /* twips */
	int cols, col_space;       /* equal columns */
	int col_w[8], col_sp[8], n_col_w; /* unequal columns */
	char type[96];
	int start, title_page;
	vndoc_buf refs;             /* header and footer references */
} section;

typedef struct {
	char name[32];
	char *xml;
} story_part;

typedef struct {
	const char *line;          /* the line being read, for messages */
	int lineno, failed;
	char *msg;
	size_t msg_size;
	vndoc_buf body, para, notes, rels;
	int para_pending, in_table, has_content, last_was_table;
	int n_notes, n_pics, uses_png, counter;
	int grid[MAX_GRID], n_grid;
	section sect;
	story_part stories[MAX_STORIES];
	int n_stories;
	/* doc line */
	char font[96];
	double size;
	double note_size;
	double note_after;   /* the footnote text style's spacing after (pt) */
	double note_hanging; /* its left indent and hanging indent, alike (pt) */
	double normal_size; /* the Normal style's w:sz, 0: none */
	int widow, even_odd, compat, tab;
	int by_lo; /* doc app=LibreOffice: docProps/app.xml names LibreOffice */
	char fe[96]; /* doc fe=LANG: useFELayout, East Asian language LANG */
} doc;

/* Property lists: "key=value" or "flag" words separated by spaces. */
typedef struct {
	char key[32], val[96];
} prop;

/* Sets the message "shorthand line N: ..." (the first one only); -1. */
int ld_fail(doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Points to twips, rounded. */
int ld_tw(double pt);
/* Splits s[0..n) into "key=value" or "flag" words; how many (at most max). */
int ld_split_props(prop *out, int max, const char *s, size_t n);
/* "p[*N] props: text" or plain text as paragraphs; `hold` leaves the last
 * one open for ld_flush_para. */
void ld_put_paragraphs(doc *d, vndoc_buf *out, const char *s, size_t n, int hold);
/* Writes the held-back paragraph, ending a section (ld_put_sect) or not. */
void ld_flush_para(doc *d, int with_sect);
void ld_open_table(doc *d, const char *s, size_t n);
void ld_put_rows(doc *d, const char *s, size_t n);
void ld_close_table(doc *d);
/* The current section's sectPr. */
void ld_put_sect(doc *d, vndoc_buf *out);

#endif
