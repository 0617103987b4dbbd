/*
 * layout/place.h: the placement state (the flow) that the files placing
 * blocks on pages share; nothing outside the layout module includes it.
 */
#ifndef VNDOC_LAYOUT_PLACE_H
#define VNDOC_LAYOUT_PLACE_H

#include "layout/layout_internal.h"

/* A line may overhang the body area by this much (rounding). */
#define EPS 0.01

/* A block of the section in the window: a paragraph's segments, or a
 * table (measured lazily, row by row). */
typedef struct vndoc_layout__mblock {
	vndoc_layout__seg *segs;
	size_t n_segs;
	vndoc_layout__mtable *table;
} vndoc_layout__mblock;

/* A header or footer story of the section and its height. */
typedef struct vndoc_layout__hf_story {
	int story;          /* index into doc->stories, -1 none */
	double height;
} vndoc_layout__hf_story;

/* A footnote at the foot of the page. */
typedef struct vndoc_layout__page_note {
	int note;                      /* index into doc->notes */
	/* The part of it on the page (all of it unless LibreOffice split it
	 * over two pages): from `from` below its top, `h` high. */
	double from, h;
	double after;                  /* the spacing after its last paragraph, in h (0 for a part) */
	char label[32];                /* its reference's label (a copy: the body block goes) */
} vndoc_layout__page_note;

/* The room a floating picture takes from the body text of its page: its
 * box widened by its distances (distT, distB, distL, distR). */
typedef struct vndoc_layout__wrap_area {
	double x0, x1, y0, y1;
	vndoc_docx_wrap wrap;
	vndoc_docx_wrap_side side;
} vndoc_layout__wrap_area;

/* Where the next line goes, and what the paragraph before left for the
 * spacing of the next. */
typedef struct vndoc_layout__cursor {
	vndoc_page *page;
	double y;
	bool empty;                    /* nothing placed in this area yet */
	bool kept;                     /* all placed in it is kept with the next */
	bool natural;                  /* the area began by overflow, not a break */
	bool broken;                   /* the page began at a page break (w:br) */
	bool joined;                   /* a page break left for the section break to make */
	double prev_after;
	const char *prev_style;
	bool prev_contextual;
	double paid;                   /* space above the section's first paragraph already left */
	size_t block;                  /* the body block being placed (index into the body) */
	size_t seg;                    /* and its segment */
} vndoc_layout__cursor;

/* The area lines go in: the page's body area less its footnotes, or one
 * of its columns. */
typedef struct vndoc_layout__area {
	double top, bottom, left, width;
} vndoc_layout__area;

/* The section's headers and footers (VNDOC_DOCX_HF_DEFAULT, _FIRST, _EVEN). */
typedef struct vndoc_layout__hfs {
	vndoc_layout__hf_story header[3], footer[3];
} vndoc_layout__hfs;

/* Page numbers. */
typedef struct vndoc_layout__numbering {
	bool section_first;            /* the next page is the section's first */
	int next;                      /* PAGE of the next page */
	bool blank;                    /* the next page is a blank one */
	int sec_page, sec_pages;       /* PAGE and NUMPAGES as the section began */
} vndoc_layout__numbering;

/* Blocks are measured when first needed, with PAGE and NUMPAGES as they
 * stood when the section began: a window of the section's blocks
 * [b0, b0 + n), from the one being placed to the last one looked at ahead
 * (keep with next). */
typedef struct vndoc_layout__window {
	vndoc_layout__mblock *blocks;
	bool *measured;
	size_t b0, n, cap;
	size_t n_blocks;               /* the section's */
} vndoc_layout__window;

/* The floating pictures of the page that body text wraps around. */
typedef struct vndoc_layout__floats {
	vndoc_layout__wrap_area *areas;
	size_t n, cap;
} vndoc_layout__floats;

/* Columns (w:cols) of the section: column `col` of n is being filled; on
 * this page they begin at `top`, and `y` is the lowest a column left
 * reached.  open: columns begun on this page. */
typedef struct vndoc_layout__columns {
	int n, col;
	double top, y;
	bool open;
} vndoc_layout__columns;

/* The footnotes whose references are on the page, in order: the room they
 * take (and the separator's) is taken off the area's bottom; they go at
 * the foot of the body area, above `bottom` (see place_notes).  The
 * arrays are made once, as large as the document needs: placing again
 * (balancing) only puts the counts back. */
typedef struct vndoc_layout__notes {
	vndoc_layout__page_note *list;
	size_t n;
	double bottom;
	double *h;                     /* per footnote of the document: its height, < 0 unknown */
	double *after;                 /* and its last paragraph's spacing after, in h */
	double sep;                    /* the room above the page's first footnote
					* (vndoc_layout__notes_init) */
	/* Footnotes referenced in table cells that found no room on their
	 * page: they go first on the next one (LibreOffice). */
	vndoc_layout__page_note *pending;
	size_t n_pending;
	/* A footnote of a body line that stays waits for the next page:
	 * the footnotes referred to after it on this page wait too. */
	bool moved;
} vndoc_layout__notes;

/* A place in the section: block, segment, line. */
typedef struct vndoc_layout__pos {
	size_t block, seg, line;
} vndoc_layout__pos;

/* What placing the page's columns again must undo: the flow as they
 * began on the page, and the counts of what was added since (boxes,
 * headings, the Pango layouts the page holds).  The window and the
 * arrays are not copied: blocks are only measured, never changed, by a
 * trial, and the arrays only grow. */
typedef struct vndoc_layout__snapshot {
	vndoc_layout__cursor cur;
	vndoc_layout__area area;
	vndoc_layout__columns cols;
	vndoc_layout__pos at;          /* where placing begins again */
	size_t n_floats, n_notes, n_pending;
	double note_bottom;
	bool ok, in_table, notes_moved;
	size_t n_boxes, n_headings, n_refs;
} vndoc_layout__snapshot;

/* How a trial placement (balancing, `trial` set) ended: it held all that
 * was left, it needed another column or page, or it met what cannot be
 * placed twice (a table). */
typedef enum vndoc_layout__trial {
	VNDOC_LAYOUT__TRIAL_FITS = 0,
	VNDOC_LAYOUT__TRIAL_FULL,
	VNDOC_LAYOUT__TRIAL_NOBAL
} vndoc_layout__trial;

/* Balancing the columns of a section a continuous one follows (as
 * LibreOffice does): the blocks placed on the page are held (`hold`), a
 * snapshot is taken as the columns begin on each page, and the section's
 * last page is placed again in shorter columns (`trial`: no page may
 * begin) until the shortest that holds it is found.  ok: the page can be
 * placed again (no table on it). */
typedef struct vndoc_layout__balance {
	bool hold, trial, ok, in_table;
	vndoc_layout__pos at;          /* where placing is: segment and line */
	vndoc_layout__snapshot *saved;
	vndoc_layout__trial outcome;   /* of the trial under way */
} vndoc_layout__balance;

/* The placement state. */
typedef struct vndoc_layout__flow {
	vndoc_layout *l;
	vndoc_error *err;
	const vndoc_docx_section *sect;
	size_t sect_index;
	vndoc_layout__hfs hf;
	vndoc_layout__numbering num;
	vndoc_layout__cursor cur;
	vndoc_layout__area area;
	vndoc_layout__window win;
	vndoc_layout__floats floats;
	vndoc_layout__columns cols;
	vndoc_layout__notes notes;
	vndoc_layout__balance bal;
} vndoc_layout__flow;

/* A trial placement has ended (it did not fit, or cannot be made): place
 * nothing more.  Always false outside a trial. */
static inline bool vndoc_layout__stopped(const vndoc_layout__flow *f)
{
	return f->bal.outcome != VNDOC_LAYOUT__TRIAL_FITS;
}

/* A trial placement ends: it needed another column or page (FULL), or met
 * a table (NOBAL). */
static inline void vndoc_layout__stop(vndoc_layout__flow *f, vndoc_layout__trial why)
{
	f->bal.outcome = why;
}

/* columns.c */
int vndoc_layout__end_columns(vndoc_layout__flow *f);
int vndoc_layout__next_area(vndoc_layout__flow *f, bool natural);
void vndoc_layout__close_columns(vndoc_layout__flow *f, double bottom);
void vndoc_layout__open_columns(vndoc_layout__flow *f);

/* floats.c */
int vndoc_layout__wrap_line(vndoc_layout__flow *f, vndoc_layout__seg *s, size_t k, double y,
			    double before);
void vndoc_layout__add_areas(vndoc_layout__flow *f, const vndoc_layout__line *ln, double y);
/* The room a box of the page floating at (bx, by), w x h, anchored by
 * `a`, takes from the body text (a picture's, a floating table's). */
void vndoc_layout__add_area(vndoc_layout__flow *f, const vndoc_docx_anchor *a, double bx, double by, double w,
			    double h);
/* Where a box w x h anchored by `a` to the paragraph whose top is at y in
 * the column whose left edge is x goes on page pg: its top left corner. */
void vndoc_layout__float_at(const vndoc_page *pg, const vndoc_docx_anchor *a, double x, double y, double w, double h,
			    double *bx, double *by);
void vndoc_layout__put_float(vndoc_layout *l, vndoc_page *pg, vndoc_story_kind story,
			     const vndoc_layout__float *fl, double x, double y);

/* layout.c */
int vndoc_layout__block_page(const vndoc_layout *l, size_t b);
void vndoc_layout__mark_block(vndoc_layout__flow *f);

/* notes.c */
int vndoc_layout__cell_notes(vndoc_layout__flow *f, const vndoc_layout__line *ln, double bottom);
int vndoc_layout__notes_init(vndoc_layout__flow *f);
double vndoc_layout__notes_lead(const vndoc_layout__flow *f);
int vndoc_layout__notes_need(vndoc_layout__flow *f, const vndoc_layout__line *ln, double *lead,
			     double *need);
int vndoc_layout__place_notes(vndoc_layout__flow *f);
int vndoc_layout__split_notes(vndoc_layout__flow *f, const vndoc_layout__line *ln, double avail,
			      double lead, bool body, bool stay, bool commit, bool *ok, bool *split);
void vndoc_layout__add_notes(vndoc_layout__flow *f, const vndoc_layout__line *ln);
void vndoc_layout__add_pending(vndoc_layout__flow *f);

/* page.c */
int vndoc_layout__finish_page(vndoc_layout *l, vndoc_error *err);
int vndoc_layout__measure_hf(vndoc_layout__flow *f, vndoc_layout__hf_story *hs, int story);
int vndoc_layout__new_page(vndoc_layout__flow *f, bool natural);
/** The left margin of section `s` on page `pg` (NULL: an odd page), in
 * points: w:left, or w:right on an even page when the margins are mirrored. */
double vndoc_layout__margin_left(const vndoc_docx_section *s, const vndoc_page *pg);
/* Word 2013 and later: a page break that ends a section (its last
 * paragraph, or the one before an empty last one), when the next section
 * begins a page of its own, is that page's break: not a blank page between
 * (vn-langassist-baocao: 40 pages as Word's and LibreOffice's, not 41; vn-pyproject-
 * baocao's 'Tài liệu tham khảo' has one empty line and its heading's
 * 18 pt above it on Word's page 25, the empty paragraph that carries the
 * section break taking no room). */
bool vndoc_layout__break_ends_section(vndoc_layout__flow *f);
int vndoc_layout__place_headers_footers(vndoc_layout *l, vndoc_error *err);
void vndoc_layout__put_line(vndoc_layout *l, vndoc_page *pg, vndoc_story_kind story,
			    const vndoc_layout__line *ln, double x, double y);
void vndoc_layout__put_line_at(vndoc_layout *l, vndoc_page *pg, vndoc_story_kind story,
			       const vndoc_layout__line *ln, double x, double y, bool floats);
void vndoc_layout__put_rule(vndoc_page *pg, vndoc_story_kind story, const vndoc_docx_border *border,
			    double x, double y, double w);
void vndoc_layout__put_vrule(vndoc_page *pg, vndoc_story_kind story, const vndoc_docx_border *border, double x,
			     double y, double h);

/* place_para.c */
double vndoc_layout__keep_need(vndoc_layout__flow *f, size_t next, double room);
/* The space before block `next` (its first paragraph's; 0 for a table):
 * between a paragraph and the next only the larger of the space after the
 * one and before the other is left, so a keep-with-next paragraph's need
 * counts it once (vn-langassist-baocao page 15: a 241 pt picture kept
 * with its caption, 6 pt after it and 6 pt before the caption, fits in
 * the 271 pt left, as in Word's PDF). */
double vndoc_layout__keep_before(vndoc_layout__flow *f, size_t next);
int vndoc_layout__place_seg(vndoc_layout__flow *f, vndoc_layout__seg *s, double keep_after,
			    size_t from);

/* place_table.c */
int vndoc_layout__place_table(vndoc_layout__flow *f, vndoc_layout__mtable *mt);

/* section.c */
int vndoc_layout__flow_section(vndoc_layout__flow *f, size_t si);
int vndoc_layout__measure_block(vndoc_layout__flow *f, size_t i);
int vndoc_layout__place_from(vndoc_layout__flow *f, size_t bi, size_t k0, size_t line0);
vndoc_layout__mblock *vndoc_layout__block_at(vndoc_layout__flow *f, size_t i);

#endif
