/*
 * layout/layout_internal.h: measured paragraphs, tables and stories, the
 * types the measuring and the placing files share.  The map of the engine
 * is the comment at the top of layout.c.
 */
#ifndef VNDOC_LAYOUT_INTERNAL_H
#define VNDOC_LAYOUT_INTERNAL_H

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "layout/layout.h"
#include "layout/repair.h"

#include "core/limits.h"

#define TW(x) ((double)(x) / 20.0) /* twips to points */
/* The private font variation axis that carries w:w's percentage from a
 * font description to the font map (inline.c, fonts.c). */
#define VNDOC_LAYOUT__SCALE_AXIS "vndw"
/* The private axis that names the table of the asked font's own advances
 * (vndoc_layout__substitute_advances) the drawn font takes (inline.c,
 * fonts.c). */
#define VNDOC_LAYOUT__ADVANCE_AXIS "vnda"

/* A character's advance in the font Word drew with, in thousandths of
 * the em; a table ends with {0, 0}. */
typedef struct vndoc_layout__advance {
	unsigned c, w;
} vndoc_layout__advance;

/* substitutes.c: a font Word drew with and the free one drawn instead,
 * with the first one's line metrics (of the em; an ascent of 0: the drawn
 * font's own) and its width against the second's (regular, bold), and its
 * own advances where known (regular, bold; NULL for none). */
typedef struct vndoc_layout__substitute {
	const char *asked, *drawn;
	double ascent, descent, gap;
	double width, width_bold;
	const vndoc_layout__advance *advances, *advances_bold;
	/* A symbol font: its ascent raises the line of the text beside it,
	 * but proportional line spacing stretches the text's height alone. */
	bool unstretched;
} vndoc_layout__substitute;

/* The key (> 0) of substitute `s`'s advances table for an upright run,
 * bold or not, or 0 when it has none. */
int vndoc_layout__substitute_key(const vndoc_layout__substitute *s, bool bold, bool italic);
/* The advances table of `key`, the drawn family it is for and the width
 * applied with it (the font matrix's), or NULL. */
const vndoc_layout__advance *vndoc_layout__substitute_advances(int key, const char **drawn, double *width);

const vndoc_layout__substitute *vndoc_layout__substitute_find(const char *asked);
/* Does layout `l` take Word's fonts' metrics?  Not for a document another
 * application wrote (docProps/app.xml: LibreOffice...): its author saw the
 * free fonts' (l may be NULL). */
bool vndoc_layout__word_fonts(const vndoc_layout *l);
/* The asked font's ascent, descent and line height in points, when `font`
 * is the free one drawn for it. */
bool vndoc_layout__substitute_metrics(PangoFont *font, const char *asked, double *asc, double *desc,
				      double *height);

/* Body blocks [block, next run's block) began on page `page`. */
typedef struct vndoc_layout__page_run {
	size_t block;
	int page;
} vndoc_layout__page_run;

struct vndoc_layout {
	vndoc_page *pages;
	size_t n_pages, cap_pages;
	GPtrArray *pango;     /* every PangoLayout whose lines boxes borrow */
	GPtrArray *strings;   /* line texts (g_free) */
	GHashTable *shaping_keys; /* run properties (their bytes) -> their key for the shaping lock (inline.c) */
	vndoc_layout_fonts *own_fonts; /* made for this run when none was given */
	PangoContext *ctx;             /* a reference to the fonts' context */
	GHashTable *primary_fonts;     /* font description -> the PangoFont `ctx` loads for it (fallback.c) */
	GHashTable *presplit_fonts;    /* hb font -> its advances and kerned spaces (presplit.c) */
	const vndoc_docx *doc;
	char title[256], author[256], subject[256], keywords[256];
	vndoc_layout_heading *headings;
	size_t n_headings;
	vndoc_docx_image *images;      /* copies of the document's pictures */
	GPtrArray *shapes;             /* copies of the shapes SHAPE boxes borrow (drawing.c);
					* a streamed layout lets them go with their page */
	size_t n_images;
	char **warnings;               /* copies of the document's warnings, then the layout's */
	size_t n_warnings;
	vndoc_layout__repairs repairs; /* fallback fonts, legacy fonts (repair.h) */
	/* Values given to PAGE and NUMPAGES while measuring, and how PAGE
	 * prints (its section's page_format; NUMPAGES is decimal, as in Word). */
	int field_page, field_pages;
	const char *field_format;
	/* PAGE and NUMPAGES in the body (two passes): the page number each
	 * body block began on in the first pass (runs of blocks beginning on
	 * the same page: memory grows with pages, not blocks), and its number
	 * of pages. */
	vndoc_layout__page_run *block_runs; /* second pass: from the first; else NULL */
	size_t n_block_runs, block_runs_end;
	vndoc_layout__page_run *found_runs; /* first pass: being found */
	size_t n_found_runs, cap_found_runs, found_end;
	bool finding;
	size_t n_block_pages;
	int body_pages;       /* 0: no first pass */
	/* Streaming (vndoc_layout_stream): pages[0] is page n_released, the
	 * only one held; each finished page goes to on_page (NULL while a
	 * pass only counts) and is let go. */
	bool stream;
	size_t n_released;
	GPtrArray *page_refs;  /* the Pango layouts the held page borrows */
	vndoc_layout_page_fn on_page;
	void *on_page_data;
	int total_pages;       /* NUMPAGES in headers and footers, found by a
				* counting pass (0: none needed) */
	int count_last_page;   /* PAGE of the last page with a header met
				* by a counting pass */
	const char *count_last_format; /* and its format */
	const char *note_label; /* laying out a footnote: its reference's label */
	/* Footnotes numbered on each page (note_numbers.c): per footnote, the
	 * page (vndoc_page.number, 0: none) and order its reference was
	 * placed in by the first pass; then its label on that page. */
	int *note_pages;
	size_t *note_order, n_notes_found;
	char (*note_labels)[16];
	bool body_para;        /* measuring a body paragraph: keep what it was
				* laid out from (it may wrap around a picture) */
	int in_cell;           /* measuring a table cell's story (nesting depth) */
	size_t n_checked;      /* pages the invariant checks saw in this pass */
};

/* A picture on a line: dx from the line's left edge, its bottom on the
 * baseline. */
typedef struct vndoc_layout__img {
	const vndoc_docx_image *image;
	const vndoc_docx_drawing *drawing; /* shapes instead (borrowed from the document during the run) */
	double dx, w, h;
} vndoc_layout__img;

/* A tab's leader, or a ruby's phonetic guide, drawn with a line: dx from
 * its left edge, its baseline dy below the line's (< 0: above).  A leader
 * of a document Word wrote also keeps what vndoc_layout__leader_on_grid
 * needs: its fill, run properties (borrowed from the document), the tab's
 * room (x0 to x1 from the line's left edge), one fill's advance and the
 * count of fills in pl; one is 0 for the others. */
typedef struct vndoc_layout__leader {
	PangoLayoutLine *pl;
	const char *text;
	double dx, w, dy;
	const char *fill;
	const vndoc_docx_rpr *rpr;
	double x0, x1, one, w1; /* one: Word's advance, w1: the font's */
	int n;
} vndoc_layout__leader;

/* A floating picture: its inline (borrowed from the document during the
 * run) and the layout's copy of its picture.  Body paragraphs wrap around
 * it (floats.c): see vndoc_docx_anchor's wrap. */
typedef struct vndoc_layout__float {
	const vndoc_docx_inline *in;
	const vndoc_docx_image *image; /* NULL for shapes (in->drawing) */
} vndoc_layout__float;

/* What a segment's lines were laid out from, to lay them out again beside
 * a floating picture (para_measure.c; owned by the segment). */
typedef struct vndoc_layout__src vndoc_layout__src;

/* A text decoration Pango cannot draw (double strikethrough, dotted or
 * dashed underline), as a rule: dx from the line's left edge, dy of its
 * centre from the baseline. */
typedef struct vndoc_layout__deco {
	vndoc_docx_border border;
	double dx, w, dy;
} vndoc_layout__deco;

/* A line measured by Pango, relative to its paragraph. */
typedef struct vndoc_layout__line {
	PangoLayoutLine *pl;
	double x, w;      /* from the paragraph's column left edge */
	double h;         /* advance: the line, and the paragraph's borders on the
			   * first and last line */
	double top;       /* the text box's top within the advance */
	double text_h;    /* the text box's height, line-spacing rule applied */
	double hang;      /* the bottom part of h that may pass the area's bottom
			   * (proportional spacing's extra height; see lines_fit) */
	double base;      /* baseline from the advance's top */
	/* An empty paragraph's line whose mark is a superscript, left-aligned
	 * in a document LibreOffice wrote: its advance and baseline, which it
	 * keeps unless a floating object lies beside it (para_measure.c's
	 * empty_escaped); else 0. */
	double full_h, full_base;
	const char *text;
	/* Wrapping around floating pictures: where the line begins in its
	 * segment's text (bytes), the room taken from the paragraph's text
	 * area on the left and on the right when it was laid out, and the
	 * space above it where a picture pushed it down (set by floats.c). */
	int start;
	double wrap_l, wrap_r, dy;
	vndoc_layout__img *imgs;  /* owned; freed with the segment */
	size_t n_imgs;
	vndoc_layout__leader *leaders; /* owned; freed with the segment */
	size_t n_leaders;
	vndoc_layout__float *floats; /* floating pictures anchored here (owned) */
	size_t n_floats;
	vndoc_layout__deco *decos;   /* owned */
	size_t n_decos;
	/* The body's footnote references on the line (NOTE_REF inlines,
	 * borrowed from the document while its paragraph is held; owned array). */
	const vndoc_docx_inline **notes;
	size_t n_notes;
	/* Paragraph borders drawn with this line (borrowed from the document,
	 * valid during the run), their offsets from the advance's top, and
	 * their extent from the column's left edge. */
	const vndoc_docx_border *rule_top, *rule_bottom;
	double rule_top_y, rule_bottom_y, rule_x, rule_w;
} vndoc_layout__line;

/* A paragraph, or the part of one between explicit page breaks. */
typedef struct vndoc_layout__seg {
	vndoc_layout__line *lines;
	size_t n_lines;
	double before, after;
	bool keep_next, keep_lines, widow, page_break_before;
	bool break_after;       /* an explicit page break ends the segment */
	bool column_break;      /* with break_after: a column break, not a page break */
	bool column_break_before; /* a column break before the paragraph's text */
	bool contextual;
	const char *style;
	int outline_level;      /* first segment of a heading: 0-8; else -1 */
	const char *outline_title;
	GPtrArray *refs;        /* the Pango layouts its lines borrow (references) */
	/* The paragraph's text area from the column's left edge (indents). */
	double area_l, area_r;
	vndoc_layout__src *src; /* owned; NULL when there is nothing to wrap */
} vndoc_layout__seg;

/* A line placed in a cell or a header: y of its top from the story's top;
 * above: its paragraph's space before when it is the paragraph's first
 * line (what it takes at the top of a cell's part on a following page,
 * and where its floating objects are measured from in a cell). */
typedef struct vndoc_layout__placed {
	const vndoc_layout__line *line;
	double x, y, above;
} vndoc_layout__placed;

/* A story laid out without page breaks (cell, header, footer). */
typedef struct vndoc_layout__stack {
	vndoc_layout__placed *items;
	size_t n, cap;
	double height;
	double after;                         /* the last paragraph's spacing after, in height */
	struct vndoc_layout__mtable **tables; /* nested tables measured for it */
	size_t n_tables;
	vndoc_layout__seg **segs;             /* owned segment arrays */
	size_t *n_segs;
	size_t n_seg_arrays;
	/* Cell boxes of nested tables, relative to the story's top. */
	vndoc_box *cells;
	size_t n_cells, cap_cells;
} vndoc_layout__stack;

typedef struct vndoc_layout__mcell {
	const vndoc_docx_cell *cell;
	double x, w;              /* from the table's left edge */
	double text_x;            /* the content's left edge from the cell's: margin and
				   * the part of a thick left border inside the cell */
	vndoc_layout__stack content;
	int span_rows;            /* vMerge restart: rows covered */
} vndoc_layout__mcell;

typedef struct vndoc_layout__mrow {
	const vndoc_docx_row *row;
	vndoc_layout__mcell *cells;
	size_t n_cells;
	double h;
	/* The row's own height: h before a merged cell that ends with it made
	 * it taller (a table placed on pages works that out as it goes). */
	double own_h;
	/* LibreOffice puts the content below the row's top border and above
	 * the table's bottom border: their widths add to the row's height. */
	double pad_top, pad_bottom;
	/* The widest bottom border of its cells: a row that ends a page
	 * needs that room below it, as the table's last row does. */
	double foot;
} vndoc_layout__mrow;

typedef struct vndoc_layout__mtable {
	const vndoc_docx_table *table;
	double x, w;              /* from the column's left edge */
	/* Measured rows: [0, n_keep) kept (the header rows, repeated on each
	 * page, and the rows their merged cells reach down to), and a window
	 * of the others, [win_base, win_base + n_win): a row placed is let go
	 * (vndoc_layout__table_row_release), so that a long table holds only
	 * the rows of about a page.  See vndoc_layout__mrow_at. */
	vndoc_layout__mrow *head;
	size_t n_keep, cap_head;
	vndoc_layout__mrow *win;
	size_t win_base, n_win, cap_win;
	size_t n_rows;
	size_t n_header;          /* leading header rows */
	/* Rows are measured on demand (vndoc_layout__table_rows): [0, n_raw)
	 * measured, [0, n_final) with the merged cells' heights spread. */
	size_t n_raw, n_final;
	double width;             /* the column's width */
	double *col_x;            /* grid column edges */
	int field_page, field_pages; /* PAGE, NUMPAGES when the table was met */
	/* Placing: per grid column, 1 + the last row a merged cell drawn as
	 * one box covers (its rows' own boxes are not drawn); 0 none. */
	size_t *covered;
	/* Measuring: per grid column, the width of the bottom border of the
	 * row measured last (the next row's top edge). */
	double *edge;
} vndoc_layout__mtable;

/** Measured row `r` of `mt`: a header row, or one of the window (measured
 * and not let go).  The pointer lasts until more rows are measured or
 * one is let go. */
static inline vndoc_layout__mrow *vndoc_layout__mrow_at(const vndoc_layout__mtable *mt, size_t r)
{
	return r < mt->n_keep ? &mt->head[r] : &mt->win[r - mt->win_base];
}

/* fonts.c */
int vndoc_layout__fonts_init(vndoc_layout *l, vndoc_layout_fonts *fonts, const char *fonts_conf,
			     vndoc_error *err);
void vndoc_layout__fonts_dispose(vndoc_layout *l);

/* font_sort.c: fontconfig's sorted font lists and best fonts kept by
 * style, not size (FcFontSetSort and FcFontSetMatch are defined there in
 * fontconfig's place).  _init finds fontconfig's own functions (false: not
 * found); _stats gives the questions answered from the cache and those
 * fontconfig answered, since the process began. */
bool vndoc_layout__font_sort_init(void);
/* Each font object (vndoc_layout_fonts) holds the answers while it lives;
 * when the last is released they are dropped. */
void vndoc_layout__font_sort_hold(void);
void vndoc_layout__font_sort_release(void);
void vndoc_layout__font_sort_stats(unsigned long *n_hits, unsigned long *n_misses);

/* Shaping text (making a PangoLayout's lines) goes between
 * vndoc_layout__shaping_begin and _end, after each font description the
 * text uses (with `extra`: what else changes the shaping, e.g. its font
 * features) has been named with vndoc_layout__shaping_add: text whose
 * fonts have all been shaped before in the process is shaped alongside
 * other threads, other text alone (see fonts.c: why).  Initialise with
 * VNDOC_LAYOUT__SHAPING_INIT; _end (also when _begin was not reached)
 * frees what _add made. */
typedef struct vndoc_layout__shaping {
	GPtrArray *keys;
	bool held, exclusive;
	const vndoc_docx_rpr *last; /* the run properties added last */
} vndoc_layout__shaping;
#define VNDOC_LAYOUT__SHAPING_INIT { NULL, false, false, NULL }
void vndoc_layout__shaping_add(vndoc_layout__shaping *s, const PangoFontDescription *desc, const char *extra);
/* A key made before (a copy is kept). */
void vndoc_layout__shaping_add_key(vndoc_layout__shaping *s, const char *key);
/* The table of vndoc_layout.shaping_keys. */
GHashTable *vndoc_layout__shaping_keys_new(void);
void vndoc_layout__shaping_tag(vndoc_layout__shaping *s, const char *tag);
void vndoc_layout__shaping_begin(vndoc_layout__shaping *s);
void vndoc_layout__shaping_end(vndoc_layout__shaping *s);

/* para_measure.c */
/** Measures `p` at `width` points; one segment per explicit page break.
 * The caller frees with vndoc_layout__segs_free. */
int vndoc_layout__measure_para(vndoc_layout *l, const vndoc_docx_para *p, double width,
			       vndoc_layout__seg **out, size_t *n_out, vndoc_error *err);
void vndoc_layout__segs_free(vndoc_layout__seg *segs, size_t n);
/** Lays out the lines of `seg` from line `from` on again, their text
 * area narrowed by `dl` points on the left and `dr` on the right (beside
 * a floating picture); the new lines replace lines [from, n_lines).  The
 * paragraph `seg` was measured from must still be held. */
int vndoc_layout__seg_rewrap(vndoc_layout *l, vndoc_layout__seg *seg, size_t from, double dl, double dr,
			     vndoc_error *err);

/** Lays out the lines of `seg` from line `from` on again at `width`
 * points (a column of another width than the one it was measured at),
 * as vndoc_layout__seg_rewrap does (nothing when it is the width it has
 * now, or when `seg` keeps no text: not a body paragraph). */
int vndoc_layout__seg_rewidth(vndoc_layout *l, vndoc_layout__seg *seg, size_t from, double width,
			      vndoc_error *err);

/* layout.c */
/** Word's own rules apply where they differ from LibreOffice 7.4's: a Word
 * 2013 or later document (compatibilityMode 15) that no other application
 * says it wrote (docProps/app.xml: LibreOffice's, Google Docs' or our own
 * templates' authors saw another layout than Word's). */
bool vndoc_layout__word(const vndoc_layout *l);
vndoc_layout__leader vndoc_layout__leader_on_grid(vndoc_layout *l, const vndoc_layout__leader *ld, double line_x);
/** Word lets a line's last full stop or comma hang past the right margin
 * (its line is measured without it) in a document Word wrote with its
 * East Asian layout on (settings.xml useFELayout), before its 2013 layout
 * (compatibilityMode 14 and less). */
bool vndoc_layout__hanging_punct(const vndoc_layout *l);

/* table_measure.c */
/** The width a border takes, in points (0 for none). */
double vndoc_layout__border_width(const vndoc_docx_border *b);
/** Measures a table's geometry; `lazy`: its rows only when asked for with
 * vndoc_layout__table_rows, else all of them now. */
int vndoc_layout__measure_table(vndoc_layout *l, const vndoc_docx_table *t, double width, bool lazy,
				vndoc_layout__mtable **out, vndoc_error *err);
/** Measures the rows of `mt` up to `r` included (their heights final). */
int vndoc_layout__table_rows(vndoc_layout *l, vndoc_layout__mtable *mt, size_t r, vndoc_error *err);
/** Row `r` is placed and no longer needed: its content is freed, and the
 * row itself (with the document's row) when it is the first of the window.
 * Header rows keep their measure. */
void vndoc_layout__table_row_release(vndoc_layout *l, vndoc_layout__mtable *mt, size_t r);
void vndoc_layout__mtable_free(vndoc_layout__mtable *t);

/* stack.c */
/** Is `p` a paragraph with nothing to show but its mark, which is hidden
 * (w:vanish in its w:pPr's w:rPr)?  Its list label does not count: such a
 * paragraph takes no room and shows no label (LibreOffice 7.4). */
bool vndoc_layout__hidden_empty_para(const vndoc_docx_para *p);
/** Lays out a story (cell content, header) top to bottom at `width`. */
int vndoc_layout__stack_story(vndoc_layout *l, const vndoc_docx_story *s, double width,
			      vndoc_layout__stack *out, int depth, vndoc_error *err);
void vndoc_layout__stack_dispose(vndoc_layout__stack *s);

/* frames.c */
/** The size of floating inline `in` in a column `room` wide: its extent,
 * or for a frame (docx/frames.c) the size of its text. */
void vndoc_layout__float_size(vndoc_layout *l, const vndoc_docx_inline *in, double room, double *w, double *h);

/* page.c */
vndoc_box *vndoc_layout__push_box(vndoc_page *pg);

/* drawing.c */
/** Where a drawing goes among the boxes of its page. */
typedef enum {
	VNDOC_LAYOUT__BEHIND = -1, /* behind the text: before every box (vndoc_layout__sort_layers) */
	VNDOC_LAYOUT__INLINE = 0,  /* in the flow: where it is put */
	VNDOC_LAYOUT__FRONT = 1    /* over the text: after every box */
} vndoc_layout__layer;
/** The shapes of drawing `d` in the box x, y, w, h of page `pg` (a text
 * box's text laid out inside its shape), on `layer`. */
void vndoc_layout__put_drawing(vndoc_layout *l, vndoc_page *pg, vndoc_story_kind story,
			       const vndoc_docx_drawing *d, double x, double y, double w, double h,
			       vndoc_layout__layer layer, long z);
/** Puts the page's BEHIND boxes first and its FRONT boxes last, each by
 * z, then in order (the page is done: its header and footer are on it). */
void vndoc_layout__sort_layers(vndoc_page *pg);
/** Lets go of the shapes boxes borrow (the layout is freed, or a streamed
 * page is done). */
void vndoc_layout__drawings_dispose(vndoc_layout *l);

/* check.c: the invariants of a finished page, and of a pass's pages and
 * headings (VNDOC_EINVAL when one is broken).  Run in Debug builds only:
 * VNDOC_LAYOUT__CHECKS is 1 there, 0 elsewhere. */
#ifdef VNDOC_DEBUG_CHECKS
#define VNDOC_LAYOUT__CHECKS 1
#else
#define VNDOC_LAYOUT__CHECKS 0
#endif
int vndoc_layout__check_page(vndoc_layout *l, const vndoc_page *pg, vndoc_error *err);
int vndoc_layout__check_pass(const vndoc_layout *l, vndoc_error *err);

/* note_numbers.c: footnotes numbered on each page. */
void vndoc_layout__note_numbers_init(vndoc_layout *l);
/** The first pass placed footnote `note`'s reference on page `page`. */
void vndoc_layout__note_found(vndoc_layout *l, int note, int page);
/** After the first pass: each footnote's number on its page. */
void vndoc_layout__note_numbers_assign(vndoc_layout *l);
/** The label reference `in` (NOTE_REF) shows: its number on its page, or
 * the document's. */
const char *vndoc_layout__note_text(const vndoc_layout *l, const vndoc_docx_inline *in);
void vndoc_layout__note_numbers_dispose(vndoc_layout *l);

#endif
