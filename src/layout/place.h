/*
 * layout/place.h: the placement state (the flow) that the files placing
 * blocks on pages share; nothing outside the layout module includes it.
 */
#ifndef VNDOC_LAYOUT_PLACE_H
#define VNDOC_LAYOUT_PLACE_H

#include "layout/layout_internal.h"

/* A line may overhang the body area by this much (rounding). */
#define EPS 0.01

/* Returned while balancing columns (never out of this file): a trial
 * placement did not fit (FULL), or met what it cannot place again (NOBAL). */
#define FULL (-1000)
#define NOBAL (-1001)


typedef struct mblock {
	vndoc_layout__seg *segs; /* paragraph */
	size_t n_segs;
	vndoc_layout__mtable *table;
} mblock;

typedef struct hf_story {
	int story;          /* index into doc->stories, -1 none */
	double height;
} hf_story;

typedef struct flow {
	vndoc_layout *l;
	vndoc_error *err;
	const vndoc_docx_section *sect;
	size_t sect_index;
	hf_story header[3], footer[3]; /* VNDOC_DOCX_HF_DEFAULT, _FIRST, _EVEN */
	bool section_first;            /* the next page is the section's first */
	int next_number;               /* PAGE of the next page */
	bool blank;                    /* the next page is a blank one */
	size_t block;                  /* the body block being placed */
	vndoc_page *page;
	double y, top, bottom, left, width;
	bool empty;                    /* nothing placed on this page yet */
	bool natural;                  /* the page began by overflow */
	double prev_after;
	const char *prev_style;
	bool prev_contextual;
	/* Blocks are measured when first needed, with PAGE and NUMPAGES as
	 * they stood when the section began: a window of the section's
	 * blocks [b0, b0 + n_win), from the one being placed to the last one
	 * looked at ahead (keep with next). */
	mblock *blocks;
	bool *measured;
	size_t b0, n_win, cap_win;
	size_t n_blocks;
	int sec_page, sec_pages;
	/* The floating pictures of the page that body text wraps around. */
	struct wrap_area *areas;
	size_t n_areas, cap_areas;
	/* Columns (w:cols) of the section: column `col` of n_cols is being
	 * filled; on this page they begin at col_top, and col_y is the lowest
	 * a column left reached.  cols_open: columns begun on this page. */
	int n_cols, col;
	double col_top, col_y;
	bool cols_open;
	/* Balancing the columns of a section a continuous one follows (as
	 * LibreOffice does): the blocks placed on the page are held (`hold`),
	 * and `saved` is the flow as the columns began on it, at block
	 * pos_block, segment pos_seg, line pos_line, with the page's box,
	 * heading and reference counts; the section's last page is placed
	 * again in shorter columns (`trial`: no page may begin) until the
	 * shortest that holds it is found.  snap_ok: it can be placed again
	 * (no table on it). */
	bool hold, trial, snap_ok, in_table;
	double paid;          /* space above the section's first paragraph already left */
	size_t cur_seg, pos_block, pos_seg, pos_line;
	size_t snap_boxes, snap_headings, snap_refs;
	struct flow *saved;
	/* The footnotes whose references are on the page, in order: the room
	 * they take (and the separator's) is taken off `bottom`; they go at
	 * the foot of the body area, above note_bottom (see place_notes).
	 * Both arrays are made once, as large as the document needs, so that
	 * a copy of the flow can be put back. */
	struct page_note *notes;
	size_t n_notes;
	double note_bottom;
	double *note_h;                /* per footnote of the document: its height, < 0 unknown */
	/* Footnotes referenced in table cells that found no room on their
	 * page: they go first on the next one (LibreOffice). */
	struct page_note *pending;
	size_t n_pending;
} flow;

typedef struct page_note {
	int note;                      /* index into doc->notes */
	/* The part of it on the page (all of it unless LibreOffice split it
	 * over two pages): from `from` below its top, `h` high. */
	double from, h;
	char label[32];                /* its reference's label (a copy: the body block goes) */
} page_note;

/* The room a floating picture takes from the body text of its page: its
 * box widened by its distances (distT, distB, distL, distR). */
typedef struct wrap_area {
	double x0, x1, y0, y1;
	vndoc_docx_wrap wrap;
	vndoc_docx_wrap_side side;
} wrap_area;

/* columns.c */
int vndoc_layout__end_columns(flow *f);
int vndoc_layout__next_area(flow *f, bool natural);
void vndoc_layout__close_columns(flow *f, double bottom);
void vndoc_layout__open_columns(flow *f);

/* floats.c */
int vndoc_layout__wrap_line(flow *f, vndoc_layout__seg *s, size_t k, double y, double before);
void vndoc_layout__add_areas(flow *f, const vndoc_layout__line *ln, double y);
void vndoc_layout__put_float(vndoc_page *pg, vndoc_story_kind story, const vndoc_layout__float *fl, double x, double y);

/* layout.c */
int vndoc_layout__block_page(const vndoc_layout *l, size_t b);
void vndoc_layout__mark_block(flow *f);

/* notes.c */
int vndoc_layout__cell_notes(flow *f, const vndoc_layout__line *ln, double bottom);
int vndoc_layout__notes_need(flow *f, const vndoc_layout__line *ln, bool first, double *need);
int vndoc_layout__place_notes(flow *f);
int vndoc_layout__split_notes(flow *f, const vndoc_layout__line *ln, double avail, bool first, bool body, bool commit, bool *ok, bool *split);
void vndoc_layout__add_notes(flow *f, const vndoc_layout__line *ln);
void vndoc_layout__add_pending(flow *f);

/* page.c */
int vndoc_layout__finish_page(vndoc_layout *l, vndoc_error *err);
int vndoc_layout__measure_hf(flow *f, hf_story *hs, int story);
int vndoc_layout__new_page(flow *f, bool natural);
int vndoc_layout__place_headers_footers(vndoc_layout *l, vndoc_error *err);
void vndoc_layout__put_line(vndoc_layout *l, vndoc_page *pg, vndoc_story_kind story, const vndoc_layout__line *ln, double x, double y);
void vndoc_layout__put_line_at(vndoc_layout *l, vndoc_page *pg, vndoc_story_kind story, const vndoc_layout__line *ln, double x, double y, bool floats);
void vndoc_layout__put_rule(vndoc_page *pg, vndoc_story_kind story, const vndoc_docx_border *border, double x, double y, double w);

/* place_para.c */
double vndoc_layout__keep_need(flow *f, size_t next, int depth);
int vndoc_layout__place_seg(flow *f, vndoc_layout__seg *s, double keep_after, size_t from);

/* place_table.c */
int vndoc_layout__place_table(flow *f, vndoc_layout__mtable *mt);

/* section.c */
int vndoc_layout__flow_section(flow *f, size_t si);
int vndoc_layout__measure_block(flow *f, size_t i);
int vndoc_layout__place_from(flow *f, size_t bi, size_t k0, size_t line0);
mblock *vndoc_layout__block_at(flow *f, size_t i);

#endif
