/*
 * layout/para.h: what the files that measure a paragraph share (inline.c,
 * line.c, para_measure.c); nothing outside them includes it.
 *
 * A paragraph is measured in three steps: its inlines become one Pango
 * text with attributes (inline.c), Pango breaks it into lines, and each
 * line gets its height and what it carries besides text (line.c); the
 * paragraph is cut into segments at explicit breaks and given its borders
 * (para_measure.c).
 */
#ifndef VNDOC_LAYOUT_PARA_H
#define VNDOC_LAYOUT_PARA_H

#include "layout/layout_internal.h"

#define PU(pt) ((int)lround((pt) * PANGO_SCALE)) /* points to Pango units */
#define PT(pu) ((double)(pu) / PANGO_SCALE)

/* The part of the layout's text an inline produced, to name the font in
 * error messages. */
typedef struct vndoc_layout__span {
	int start, end;
	const vndoc_docx_rpr *rpr;
	const vndoc_docx_inline *in;
} vndoc_layout__span;

/* inline.c */
#define VNDOC_LAYOUT__ESC_PROP 0.58 /* a super- or subscript's size (LibreOffice's DFLT_ESC_PROP) */
PangoFontDescription *vndoc_layout__font_desc(const vndoc_layout *l, const vndoc_docx_rpr *r);
PangoTabArray *vndoc_layout__make_tabs(const vndoc_layout *l, const vndoc_docx_ppr *ppr,
				       double origin, double width);
vndoc_docx_tab_leader vndoc_layout__tab_leader(const vndoc_docx_ppr *ppr, double origin, double x);
void vndoc_layout__add_image_attr(PangoAttrList *list, const vndoc_docx_inline *in, int start,
				  int end, double room);
void vndoc_layout__add_run_attrs(const vndoc_layout *l, PangoAttrList *list, const vndoc_docx_rpr *r,
				 int start, int end);
void vndoc_layout__append_inline(GString *text, const vndoc_layout *l, const vndoc_docx_inline *in,
				 const char *legacy);
/* Forbids the breaks LibreOffice does not take and Pango would (keep.c):
 * after a slash between words, before a digit after an infix separator;
 * with `word` (a document Word wrote), after any slash between words. */
void vndoc_layout__keep_breaks(PangoAttrList *attrs, const char *text, int len, bool word);
/* No hyphen where a word too long for its line is cut (keep.c), as in
 * LibreOffice and Word; after a soft hyphen it stays. */
void vndoc_layout__no_cut_hyphens(PangoAttrList *attrs, const char *text, int len);
/* The line does not break in a list label nor after its tab (keep.c):
 * the label from byte `from` of `text`, its tab at byte `tab`. */
void vndoc_layout__keep_label(PangoAttrList *attrs, const char *text, int len, int from, int tab);
/* Lets the line break after a hyphen before a digit, as LibreOffice does
 * (keep.c): a zero-width space after each one from byte `from`. */
void vndoc_layout__hyphen_breaks(GString *text, size_t from, bool word);
bool vndoc_layout__tab_breaks(const char *next);
void vndoc_layout__keep_note_ref(PangoAttrList *attrs, const char *text, int start, int end);
void vndoc_layout__keep_ligatures(PangoAttrList *attrs, const char *text, int start, int end, int spacing);
bool vndoc_layout__hang_spaces(const vndoc_layout *l, PangoAttrList *attrs, const char *text, int len,
			       const vndoc_layout__span *spans, size_t n_spans, bool before_break);
void vndoc_layout__shaping_add_rpr(const vndoc_layout *l, vndoc_layout__shaping *sh, const vndoc_docx_rpr *r);
void vndoc_layout__small_caps(PangoAttrList *list, const vndoc_docx_rpr *r, const char *orig,
			      int start);

/* U+200B ZERO WIDTH SPACE: holds the empty line after a paragraph's final
 * line break (measure_segment), gives a break after a tab or a hyphen
 * (vndoc_layout__tab_breaks, _hyphen_breaks); dropped from the line's
 * text. */
#define VNDOC_LAYOUT__ZWSP "\xe2\x80\x8b"
/* How far past the right margin (points) a tab may end and stay on its
 * line: Pango's rounding of a stop at the margin (para_measure.c). */
#define VNDOC_LAYOUT__TAB_SLACK 0.05

/* line.c */
char *vndoc_layout__line_text(const char *text, const PangoLayoutLine *line);
void vndoc_layout__apply_line_rule(const vndoc_docx_ppr *ppr, double asc, double desc, double gap,
				   double text_asc, bool word, double *h, double *base, double *hang);
void vndoc_layout__justify_hanging(PangoLayout *layout);
/* Justified lines without a space left as they are (line.c), not spread
 * between their letters as Pango does. */
void vndoc_layout__unjustify_words(PangoLayout *layout);
/* Justified lines holding a tab widen only the spaces after the last one (line.c). */
void vndoc_layout__justify_after_tab(PangoLayout *layout);

/* one_line.c: a text that fits on one line shaped once, not twice.
 * _try, before the layout is first asked for its lines: whether it may
 * (then it is set to ellipsize); _check, after: takes the ellipsizing off
 * (Pango breaks the text again) unless the line is the one Pango's line
 * breaking gives. */
bool vndoc_layout__one_line_try(PangoLayout *layout, const char *text, int len, double min_size,
				double width);
void vndoc_layout__one_line_check(PangoLayout *layout);

/* presplit.c: a wrapped paragraph's guessed line starts made item
 * boundaries, so that Pango shapes each line's text as one item.  _begin,
 * before the layout is first asked for its lines (lays it out and keeps
 * the boundaries only where Pango's lines are those it gives without);
 * _end, after the steps that may lay it out again: false when they did,
 * the attributes are then those of before and the steps must run again.
 * _counts: paragraphs split, boundaries kept, paragraphs laid out again
 * (tests); _disable: off for this process (tests; VNDOC_NO_PRESPLIT=1
 * too). */
typedef struct vndoc_layout__presplit {
	PangoAttrList *orig; /* the attributes before, while the boundaries are on */
	guint serial;        /* the layout's serial when they were checked */
} vndoc_layout__presplit;
void vndoc_layout__presplit_begin(vndoc_layout *l, PangoLayout *layout, vndoc_layout__presplit *ps);
bool vndoc_layout__presplit_end(vndoc_layout__presplit *ps, PangoLayout *layout);
void vndoc_layout__presplit_counts(int *split, int *boundaries, int *undone);
void vndoc_layout__presplit_disable(bool off);
/* shape_cache.c: while on (this thread), HarfBuzz's shaping of an input
 * met again is the one it gave (off forgets them); hits, for tests. */
void vndoc_layout__shape_cache(bool on);
long vndoc_layout__shape_cache_hits(void);

/* shrink.c: Word's justified lines that take one more word by narrowing
 * their spaces (documents vndoc_layout__word says are Word's), and
 * LibreOffice's lines whose next word fits in its rounded widths. */
void vndoc_layout__shrink_lines(const vndoc_layout *l, PangoLayout *layout);
/* The width of a space in the font of `run`, as shaped, before Pango
 * justified the line; *font and *w remember the last one asked. */
int vndoc_layout__space_width(PangoGlyphItem *run, PangoFont **font, int *w);

/* italic.c: the room LibreOffice keeps after an italic word that ends a
 * line (`ends`: the layout's text ends the paragraph). */
void vndoc_layout__italic_room(const vndoc_layout *l, PangoLayout *layout, const vndoc_layout__span *spans,
			       size_t n_spans, bool ends);
/* long_word.c: the first line of the layout (*line) that ends inside a
 * word too long for it, which LibreOffice breaks elsewhere: in the word's
 * first portion, at byte *cut (`word_start`: the layout's text begins a
 * word). */
bool vndoc_layout__long_word(PangoLayout *layout, const vndoc_layout__span *spans, size_t n_spans,
			     bool word_start, int *line, int *cut);
void vndoc_layout__keep_layout(vndoc_layout *l, vndoc_layout__seg *seg, PangoLayout *pl);
void vndoc_layout__keep_text(PangoLayout *pl, char *text);
void vndoc_layout__line_decos(const vndoc_layout__span *spans, size_t n_spans, PangoLayoutLine *pl,
			      vndoc_layout__line *ln);
void vndoc_layout__line_images(const vndoc_layout *l, const vndoc_layout__span *spans,
			       size_t n_spans, PangoLayoutLine *pl, vndoc_layout__line *ln);
void vndoc_layout__line_leaders(vndoc_layout *l, vndoc_layout__seg *seg, const vndoc_docx_ppr *ppr,
				const char *text, const vndoc_layout__span *spans, size_t n_spans,
				double origin, double line_x, PangoLayoutLine *pl,
				vndoc_layout__line *ln);
void vndoc_layout__line_rubies(vndoc_layout *l, vndoc_layout__seg *seg, const vndoc_layout__span *spans,
			       size_t n_spans, PangoLayoutLine *pl, vndoc_layout__line *ln);
void vndoc_layout__line_metrics(const vndoc_layout *l, PangoLayoutLine *line, const vndoc_layout__span *spans,
				size_t n_spans, const PangoFontDescription *mark, const PangoFontDescription *para,
				double *asc, double *desc,
				double *gap, double *text_asc);
void vndoc_layout__line_notes(const vndoc_layout__span *spans, size_t n_spans, PangoLayoutLine *pl,
			      vndoc_layout__line *ln);

/* para_chunk.c: a long paragraph laid out a piece at a time. */
typedef struct vndoc_layout__window {
	PangoAttribute **all; /* the segment's attributes by start (owned) */
	size_t n, next;       /* next: the first not yet in a piece */
	size_t *active;       /* those reaching into the current piece */
	size_t n_active;
} vndoc_layout__window;

int vndoc_layout__chunk_most(const vndoc_docx_rpr *mark, const vndoc_layout__span *spans, size_t n_spans,
			     int from, int to);
int vndoc_layout__chunk_end(const char *text, int len, int from, int chunk);
const vndoc_layout__span *vndoc_layout__spans_at(const vndoc_layout__span *spans, size_t n_spans, int from,
						 size_t *n_out);
void vndoc_layout__window_init(vndoc_layout__window *w, PangoAttrList *attrs);
PangoAttrList *vndoc_layout__window_attrs(vndoc_layout__window *w, int from, int to);
void vndoc_layout__window_free(vndoc_layout__window *w);

#endif
