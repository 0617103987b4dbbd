/*
 * docx/docx.h: a resolved model of a WordprocessingML document, for layout.
 *
 * vndoc_docx_load reads word/document.xml, styles.xml, numbering.xml,
 * theme1.xml, the headers and footers a section refers to and the
 * footnotes (word/footnotes.xml, read whole by vndoc_docx_open too), and resolves
 * every paragraph and run property (direct formatting over character style
 * over paragraph style over document defaults) into the plain structs
 * below.  Nothing in the model refers back to XML: layout needs no libxml2.
 *
 * Units: lengths are in twips (1/20 pt) unless a field says otherwise;
 * font sizes are in half-points, as in the XML.
 *
 * The model is a tree owned by the vndoc_docx: a story (the body, a header,
 * a footer, a table cell) is a list of blocks; a block is a paragraph or a
 * table; a table holds rows of cells, each cell a story.  Pointers obtained
 * from the structs are borrowed and live as long as the vndoc_docx.
 *
 * A document opened with vndoc_docx_open instead holds its body only a few
 * blocks at a time, and the body's tables a few rows at a time: read the
 * body with vndoc_docx_block_get and the rows of any table with
 * vndoc_docx_row_get (both work on a loaded document too), and say what is
 * no longer needed with vndoc_docx_block_release and vndoc_docx_row_release.
 */
#ifndef VNDOC_DOCX_H
#define VNDOC_DOCX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "package/package.h"

typedef enum {
	VNDOC_DOCX_ALIGN_LEFT = 0,
	VNDOC_DOCX_ALIGN_CENTER,
	VNDOC_DOCX_ALIGN_RIGHT,
	VNDOC_DOCX_ALIGN_BOTH /* justified; the last line is not */
} vndoc_docx_align;

typedef enum {
	VNDOC_DOCX_LINE_AUTO = 0, /* `line` is in 240ths of a single line */
	VNDOC_DOCX_LINE_EXACT,    /* `line` is the line height in twips */
	VNDOC_DOCX_LINE_AT_LEAST  /* `line` is the least line height in twips */
} vndoc_docx_line_rule;

typedef enum {
	VNDOC_DOCX_TAB_LEFT = 0,
	VNDOC_DOCX_TAB_CENTER,
	VNDOC_DOCX_TAB_RIGHT,
	VNDOC_DOCX_TAB_DECIMAL
} vndoc_docx_tab_align;

#define VNDOC_DOCX_MAX_TABS 32

/** What fills the room a tab takes (w:leader). */
typedef enum {
	VNDOC_DOCX_LEADER_NONE = 0,
	VNDOC_DOCX_LEADER_DOT,        /* "......" (tables of contents) */
	VNDOC_DOCX_LEADER_HYPHEN,     /* "------" */
	VNDOC_DOCX_LEADER_UNDERSCORE, /* "______" (signature lines); also "heavy" */
	VNDOC_DOCX_LEADER_MIDDLE_DOT  /* "······" */
} vndoc_docx_tab_leader;

typedef struct vndoc_docx_tab {
	int pos; /* twips from the text area's left edge */
	vndoc_docx_tab_align align;
	vndoc_docx_tab_leader leader;
} vndoc_docx_tab;

typedef enum {
	VNDOC_DOCX_BORDER_NONE = 0,
	VNDOC_DOCX_BORDER_SINGLE, /* also the styles not listed here */
	VNDOC_DOCX_BORDER_DOUBLE,
	VNDOC_DOCX_BORDER_DOTTED,
	VNDOC_DOCX_BORDER_DASHED  /* dashed, dashSmallGap, dotDash, dotDotDash */
} vndoc_docx_border_style;

/* The room a border takes, as LibreOffice 7.4 counts it from w:sz (w),
 * where its style does not say it (measured with soffice: a table's rows
 * and a paragraph's borders move by this much).  See
 * vndoc_layout__border_width. */
typedef enum {
	VNDOC_DOCX_BORDER_W_STYLE = 0, /* by the style: w, 3w when double */
	VNDOC_DOCX_BORDER_W_TWICE,     /* thick: 2w */
	VNDOC_DOCX_BORDER_W_INSET,     /* inset, outset: 2w as 15 tw and two halves */
	VNDOC_DOCX_BORDER_W_QUARTERS,  /* 3-D, medium gaps: 2w as two quarters and a half */
	VNDOC_DOCX_BORDER_W_THRICE,    /* triple: 3w */
	VNDOC_DOCX_BORDER_W_SMALL_GAP, /* thin-thick, small gap: w + 1.5 pt */
	VNDOC_DOCX_BORDER_W_LARGE_GAP  /* thin-thick, large gap: w + 2.25 pt */
} vndoc_docx_border_weight;

typedef struct vndoc_docx_border {
	vndoc_docx_border_style style;
	int size;        /* eighths of a point */
	int space;       /* points between the border and the text (paragraphs) */
	uint32_t color;  /* 0xRRGGBB */
	vndoc_docx_border_weight weight;
} vndoc_docx_border;

/** Where a frame's position is measured from (framePr w:hAnchor, w:vAnchor). */
typedef enum {
	VNDOC_DOCX_FRAME_FROM_TEXT = 0, /* horizontally the column, vertically the paragraph (the default) */
	VNDOC_DOCX_FRAME_FROM_MARGIN,
	VNDOC_DOCX_FRAME_FROM_PAGE
} vndoc_docx_frame_from;

/** framePr w:xAlign, w:yAlign: an alignment in the anchor's area, else
 * the offset x, y. */
typedef enum {
	VNDOC_DOCX_FRAME_AT = 0,   /* at x (or y) */
	VNDOC_DOCX_FRAME_LEFT,     /* also top */
	VNDOC_DOCX_FRAME_CENTER,
	VNDOC_DOCX_FRAME_RIGHT,    /* also bottom */
	VNDOC_DOCX_FRAME_INSIDE,
	VNDOC_DOCX_FRAME_OUTSIDE,
	VNDOC_DOCX_FRAME_INLINE    /* yAlign="inline": in the flow */
} vndoc_docx_frame_align;

typedef enum {
	VNDOC_DOCX_FRAME_WRAP_AROUND = 0, /* around, auto, tight, through: text beside it */
	VNDOC_DOCX_FRAME_WRAP_NOT_BESIDE, /* text above and below only */
	VNDOC_DOCX_FRAME_WRAP_NONE        /* over the text, which ignores it */
} vndoc_docx_frame_wrap;

/** A paragraph's text frame (w:framePr); consecutive paragraphs with the
 * same frame form one frame.  Twips. */
typedef struct vndoc_docx_frame {
	bool set;
	int w, h;                         /* 0 = auto: w the widest line, h the text's */
	vndoc_docx_line_rule h_rule;      /* hRule: AUTO (default), EXACT, AT_LEAST */
	int x, y;
	vndoc_docx_frame_from h_from, v_from;
	vndoc_docx_frame_align x_align, y_align;
	vndoc_docx_frame_wrap wrap;
	int h_space, v_space;             /* distance from the text around it */
} vndoc_docx_frame;

/** Resolved paragraph properties. */
typedef struct vndoc_docx_ppr {
	vndoc_docx_align align;
	int ind_left, ind_right;
	int ind_first;          /* first-line indent; negative for a hanging indent */
	int space_before, space_after;
	/* beforeAutospacing, afterAutospacing: the spacing is 14 pt (280
	 * twips) whatever space_before or space_after say, as HTML paragraphs
	 * (LibreOffice and Word), none before the first paragraph of the body
	 * or of a cell, none after the last of a cell (layout). */
	bool auto_before, auto_after;
	int line;               /* see line_rule; 240 = single */
	vndoc_docx_line_rule line_rule;
	bool contextual_spacing; /* no spacing between paragraphs of the same style */
	bool keep_next, keep_lines, page_break_before, widow_control;
	/* w:bidi: a right-to-left paragraph: ind_left is the indent of its
	 * right side (its start), ind_right of its left, and alignment left
	 * (start) puts it on the right (layout). */
	bool bidi;
	int n_tabs;             /* at most VNDOC_DOCX_MAX_TABS */
	const vndoc_docx_tab *tabs; /* by position; shared by the paragraphs that have the
				 * same stops (borrowed from the vndoc_docx) */
	int num_id, num_level;  /* list membership; num_id 0 = none */
	int label_jc;           /* its list label's lvlJc: 0 left, 1 centre, 2 right */
	vndoc_docx_border border_top, border_bottom; /* pBdr top and bottom */
	int outline_level;      /* 0-8 for a heading (outlineLvl, or a HeadingN style); -1 */
	vndoc_docx_frame frame; /* framePr; frame.set false = none */
} vndoc_docx_ppr;

typedef enum {
	VNDOC_DOCX_VALIGN_BASELINE = 0,
	VNDOC_DOCX_VALIGN_SUPERSCRIPT,
	VNDOC_DOCX_VALIGN_SUBSCRIPT
} vndoc_docx_vert_align;

typedef enum {
	VNDOC_DOCX_UNDERLINE_SINGLE = 0, /* also words, thick: drawn single */
	VNDOC_DOCX_UNDERLINE_DOUBLE,
	VNDOC_DOCX_UNDERLINE_DOTTED,     /* dotted, dottedHeavy */
	VNDOC_DOCX_UNDERLINE_WAVE,       /* wave, wavyHeavy, wavyDouble */
	VNDOC_DOCX_UNDERLINE_DASHED      /* dash, dashLong, dotDash, ... */
} vndoc_docx_underline;

/** Resolved run properties. */
typedef struct vndoc_docx_rpr {
	char font[64];          /* family as written (theme fonts resolved) */
	/* w:rFonts w:eastAsia and w:cs ("" when not given): the fonts of
	 * its Chinese, Japanese and Korean characters and of its complex
	 * scripts (Arabic, Hebrew, Thai...), as Word and LibreOffice draw
	 * them; a text inline's `font` is already the one for its text (the
	 * loader cuts runs where the script changes).  hint_ea: w:hint
	 * "eastAsia", punctuation shared by both in the East Asian font. */
	char font_ea[32], font_cs[32];
	bool hint_ea;
	int size;               /* half-points */
	bool bold, italic, underline, strike, dstrike, caps, small_caps, vanish;
	/* w:szCs (0: not given, `size`), w:bCs, w:iCs: the size, weight and
	 * slant of the complex scripts' characters, as Word and LibreOffice
	 * draw them (w:sz, w:b and w:i are the others'); a text inline's
	 * `size`, `bold` and `italic` are already its text's. */
	int size_cs;
	bool bold_cs, italic_cs;
	bool deleted;           /* a tracked deletion drawn as markup (w:del, w:moveFrom):
				 * not part of the text once changes are accepted */
	vndoc_docx_underline underline_style; /* when underline */
	bool kern;              /* w:kern: pair kerning (off unless set) */
	bool label;             /* a list's number or bullet, and the tab or space after it */
	vndoc_docx_vert_align vert_align;
	uint32_t color;         /* 0xRRGGBB */
	bool has_highlight;     /* w:highlight, else w:shd fill */
	uint32_t highlight;     /* 0xRRGGBB */
	int spacing;            /* w:spacing: twips added after each character (may be < 0) */
	int position;           /* w:position: half-points the text is raised (< 0: lowered),
				 * at its own size; 0 = none.  Only direct formatting:
				 * in a style it is a superscript or subscript (LibreOffice) */
	int scale;              /* w:w: the characters' width, percent of normal (1-600); 0 = 100 */
} vndoc_docx_rpr;

typedef enum {
	VNDOC_DOCX_INLINE_TEXT = 0, /* text: UTF-8, as written (NFC not forced) */
	VNDOC_DOCX_INLINE_TAB,
	VNDOC_DOCX_INLINE_LINE_BREAK,
	VNDOC_DOCX_INLINE_PAGE_BREAK,
	VNDOC_DOCX_INLINE_FIELD_PAGE,     /* the current page number */
	VNDOC_DOCX_INLINE_FIELD_NUMPAGES, /* the number of pages */
	VNDOC_DOCX_INLINE_IMAGE,          /* an inline picture (wp:inline) */
	VNDOC_DOCX_INLINE_FLOAT,          /* a floating picture (wp:anchor): takes no room */
	VNDOC_DOCX_INLINE_COLUMN_BREAK,   /* w:br w:type="column": the text goes on in the next column */
	VNDOC_DOCX_INLINE_NOTE_REF        /* a footnote's number: see vndoc_docx_inline.note */
} vndoc_docx_inline_kind;

/** What a floating picture's position is measured from. */
typedef enum {
	VNDOC_DOCX_FROM_PAGE = 0,
	VNDOC_DOCX_FROM_MARGIN,    /* the text area */
	VNDOC_DOCX_FROM_COLUMN,    /* horizontal: the paragraph's column */
	VNDOC_DOCX_FROM_PARAGRAPH, /* vertical: the paragraph's top */
	/* the margins themselves (wp:positionH/V relativeFrom leftMargin...,
	 * VML's mso-position-*-relative left-margin-area...): the strip
	 * between the page's edge and the text area */
	VNDOC_DOCX_FROM_START_MARGIN, /* left margin, top margin */
	VNDOC_DOCX_FROM_END_MARGIN,   /* right margin, bottom margin */
	VNDOC_DOCX_FROM_INSIDE_MARGIN, /* horizontal: the left margin, the right one on a mirrored page */
	VNDOC_DOCX_FROM_OUTSIDE_MARGIN /* horizontal: the right margin, the left one on a mirrored page */
} vndoc_docx_anchor_from;

typedef enum {
	VNDOC_DOCX_ANCHOR_OFFSET = 0, /* posOffset */
	VNDOC_DOCX_ANCHOR_START,      /* left, top */
	VNDOC_DOCX_ANCHOR_CENTER,
	VNDOC_DOCX_ANCHOR_END,        /* right, bottom */
	/* horizontal only: left (inside) or right (outside) on an odd page,
	 * the other way on an even one when the margins are mirrored
	 * (vndoc_docx.mirror_margins); vertical inside and outside are START
	 * and END */
	VNDOC_DOCX_ANCHOR_INSIDE,
	VNDOC_DOCX_ANCHOR_OUTSIDE
} vndoc_docx_anchor_align;

/** How the text goes around a floating picture. */
typedef enum {
	VNDOC_DOCX_WRAP_NONE = 0,     /* wrapNone (or none given): drawn over or under the text */
	VNDOC_DOCX_WRAP_SQUARE,       /* wrapSquare, wrapTight, wrapThrough: beside its box */
	VNDOC_DOCX_WRAP_TOP_BOTTOM    /* wrapTopAndBottom: above and below it */
} vndoc_docx_wrap;

/** The side(s) of a square-wrapped picture the text goes on (wrapText). */
typedef enum {
	VNDOC_DOCX_WRAP_BOTH = 0,     /* bothSides */
	VNDOC_DOCX_WRAP_LEFT,         /* left: the text on the left of the picture only */
	VNDOC_DOCX_WRAP_RIGHT,        /* right */
	VNDOC_DOCX_WRAP_LARGEST       /* largest: the side with the more room */
} vndoc_docx_wrap_side;

typedef struct vndoc_docx_anchor {
	vndoc_docx_anchor_from h_from, v_from;
	vndoc_docx_anchor_align h_align, v_align;
	double h_offset, v_offset; /* points, for OFFSET */
	bool behind;               /* behindDoc: drawn under the text */
	vndoc_docx_wrap wrap;
	vndoc_docx_wrap_side wrap_side;
	double dist_t, dist_b, dist_l, dist_r; /* distT..distR: room kept free around it, points */
	long z;                    /* relativeHeight (VML: z-index): among the floating
				    * drawings of a page, the lower drawn first */
} vndoc_docx_anchor;

typedef struct vndoc_docx_drawing vndoc_docx_drawing;

typedef struct vndoc_docx_inline {
	vndoc_docx_inline_kind kind;
	vndoc_docx_rpr rpr;
	char *text; /* TEXT: owned; NULL for other kinds */
	size_t image;          /* IMAGE, FLOAT: index into vndoc_docx.images */
	double image_w, image_h; /* IMAGE, FLOAT: the extent, in points */
	vndoc_docx_anchor anchor; /* FLOAT: where it goes */
	/* IMAGE, FLOAT: shapes (wps, wpg, VML) to draw at the extent instead
	 * of a picture (`image` is then VNDOC_DOCX_NO_IMAGE); owned, else NULL */
	vndoc_docx_drawing *drawing;
	/* FIELD_*: the number format its `\\* roman`-style switch asks for
	 * (a static string, as vndoc_docx_format_number takes), or NULL: the
	 * section's format for PAGE, decimal for NUMPAGES. */
	const char *field_format;
	/* NOTE_REF in the body (w:footnoteReference): the footnote, an index
	 * into vndoc_docx.notes, its label in `text` (owned; "" when a custom
	 * mark follows).  -1 in a footnote's own text (w:footnoteRef): the
	 * label of the reference it is laid out for, superscript. */
	int note;
	/* TEXT, the first of a w:ruby's base (w:rubyBase): the phonetic guide
	 * (w:rt, furigana over Japanese, pinyin over Chinese) drawn centred
	 * over the `ruby_base` inlines from this one, at `ruby_size`
	 * half-points (w:hps), its baseline `ruby_raise` half-points above
	 * theirs (w:hpsRaise); owned, else NULL. */
	char *ruby;
	int ruby_base, ruby_size, ruby_raise;
} vndoc_docx_inline;

typedef enum {
	VNDOC_DOCX_IMAGE_PNG = 0,
	VNDOC_DOCX_IMAGE_JPEG,
	VNDOC_DOCX_IMAGE_GIF,
	VNDOC_DOCX_IMAGE_EMF,  /* drawn from its records (render/metafile.c) */
	VNDOC_DOCX_IMAGE_FRAME /* not drawable (EMF, WMF, missing, damaged...): an empty frame */
} vndoc_docx_image_type;

/** A picture of the package (word/media/...), read once however often used. */
typedef struct vndoc_docx_image {
	char part[256];        /* part name, e.g. "word/media/image1.png" */
	vndoc_docx_image_type type;
	unsigned char *data;   /* the file as stored (owned) */
	size_t len;
	int px_w, px_h;        /* pixels, from the PNG IHDR, the JPEG SOF, the GIF screen, the EMF frame at 96 dpi; FRAME: 0 */
} vndoc_docx_image;

typedef struct vndoc_docx_para {
	vndoc_docx_ppr ppr;
	vndoc_docx_rpr mark;  /* properties of the paragraph mark (empty lines) */
	vndoc_docx_rpr base;  /* its style's run properties (docDefaults, style
			       * chain), the mark's own left out: a line of tabs
			       * alone takes their font in LibreOffice */
	char style[64];       /* paragraph style id, "" for the default */
	vndoc_docx_inline *inlines;
	size_t n_inlines;
	int section;          /* index of the section the paragraph ends, or -1 */
} vndoc_docx_para;

enum { VNDOC_DOCX_TOP = 0, VNDOC_DOCX_LEFT, VNDOC_DOCX_BOTTOM, VNDOC_DOCX_RIGHT,
       VNDOC_DOCX_INSIDE_H, VNDOC_DOCX_INSIDE_V };

typedef enum {
	VNDOC_DOCX_VMERGE_NONE = 0,
	VNDOC_DOCX_VMERGE_RESTART,
	VNDOC_DOCX_VMERGE_CONTINUE
} vndoc_docx_vmerge;

typedef enum {
	VNDOC_DOCX_CELL_TOP = 0,
	VNDOC_DOCX_CELL_CENTER,
	VNDOC_DOCX_CELL_BOTTOM
} vndoc_docx_cell_valign;

typedef struct vndoc_docx_story vndoc_docx_story;

/** Whether two paragraphs' frames are one frame (the same framePr). */
bool vndoc_docx_frame_same(const vndoc_docx_frame *a, const vndoc_docx_frame *b);

struct vndoc_docx_story {
	struct vndoc_docx_block *blocks;
	size_t n_blocks;
};

/* ---------------------------------------------------------------- shapes */

/** vndoc_docx_inline.image of a drawing that is not a picture. */
#define VNDOC_DOCX_NO_IMAGE ((size_t)-1)

typedef enum {
	VNDOC_DOCX_SHAPE_RECT = 0,   /* also every preset drawn as its box */
	VNDOC_DOCX_SHAPE_ROUND_RECT, /* corners of `radius` */
	VNDOC_DOCX_SHAPE_ELLIPSE,    /* in its box */
	VNDOC_DOCX_SHAPE_LINE,       /* from (x, y) to (x + w, y + h), flips applied */
	VNDOC_DOCX_SHAPE_PATH,       /* `path`, in points from (x, y) */
	VNDOC_DOCX_SHAPE_PICTURE     /* picture `image` filling the box (in groups, VML) */
} vndoc_docx_shape_kind;

/** An outline's dashes, as DrawingML's prstDash names them (VML's
 * dashstyle mapped to the nearest). */
typedef enum {
	VNDOC_DOCX_DASH_SOLID = 0,
	VNDOC_DOCX_DASH_DOT,         /* dot: 1 on, 3 off (in line widths) */
	VNDOC_DOCX_DASH_DASH,        /* 4, 3 */
	VNDOC_DOCX_DASH_LG_DASH,     /* 8, 3 */
	VNDOC_DOCX_DASH_DASH_DOT,    /* 4, 3, 1, 3 */
	VNDOC_DOCX_DASH_LG_DASH_DOT, /* 8, 3, 1, 3 */
	VNDOC_DOCX_DASH_LG_DASH_DOT_DOT, /* 8, 3, 1, 3, 1, 3 */
	VNDOC_DOCX_DASH_SYS_DASH,    /* 3, 1 */
	VNDOC_DOCX_DASH_SYS_DOT,     /* 1, 1 */
	VNDOC_DOCX_DASH_SYS_DASH_DOT, /* 3, 1, 1, 1 */
	VNDOC_DOCX_DASH_SYS_DASH_DOT_DOT /* 3, 1, 1, 1, 1, 1 */
} vndoc_docx_dash;

typedef enum {
	VNDOC_DOCX_PATH_MOVE = 0, /* to p[0] */
	VNDOC_DOCX_PATH_LINE,     /* to p[0] */
	VNDOC_DOCX_PATH_CURVE,    /* cubic Bezier: p[0], p[1] control points, to p[2] */
	VNDOC_DOCX_PATH_CLOSE
} vndoc_docx_path_verb;

typedef struct vndoc_docx_path_op {
	vndoc_docx_path_verb verb;
	double x[3], y[3];
} vndoc_docx_path_op;

/** The text of a text box (wps:txbx, v:textbox), laid out inside its shape. */
typedef struct vndoc_docx_text_box {
	vndoc_docx_story story;
	double inset[4];          /* points; VNDOC_DOCX_TOP, _LEFT, _BOTTOM, _RIGHT */
	vndoc_docx_cell_valign anchor; /* bodyPr anchor t, ctr, b (v-text-anchor) */
	bool grow;                /* spAutoFit (mso-fit-shape-to-text): the shape
				   * grows to hold the text */
	bool level;               /* v:textbox: the text stays level whatever the
				   * shape's rotation and flips (Word's VML, as
				   * LibreOffice 7.4 draws it) */
} vndoc_docx_text_box;

/** One shape of a drawing, groups flattened. */
typedef struct vndoc_docx_shape {
	vndoc_docx_shape_kind kind;
	double x, y, w, h;        /* points, from the drawing's top-left corner, unrotated */
	double rotation;          /* degrees clockwise about the box's centre */
	bool flip_h, flip_v;      /* mirrored (applied before the rotation) */
	double radius;            /* ROUND_RECT: the corners, points */
	bool has_stroke;
	double stroke_w;          /* points (0: the thinnest line the device draws) */
	uint32_t stroke;          /* 0xRRGGBB */
	vndoc_docx_dash dash;
	bool head_arrow, tail_arrow; /* LINE, open PATH: an arrowhead at the start, end */
	bool has_fill;
	uint32_t fill;            /* 0xRRGGBB */
	vndoc_docx_path_op *path; /* PATH: owned */
	size_t n_path;
	size_t image;             /* PICTURE: index into vndoc_docx.images */
	vndoc_docx_text_box *text; /* owned, or NULL */
} vndoc_docx_shape;

/** What a drawing of shapes holds: its shapes in drawing order, in a box
 * of w x h points (the inline's image_w x image_h).  No shapes: something
 * not drawn (a chart, an OLE object: a warning says so) keeps its room. */
struct vndoc_docx_drawing {
	double w, h;
	double rel_w;             /* > 0: the width is this share of the column
				   * (an o:hr rule); w is then 0 */
	vndoc_docx_shape *shapes;
	size_t n_shapes;
	bool fit_w;               /* a w:framePr frame without w:w: as wide as the
				   * widest line of its text (w is then 0) */
};

typedef struct vndoc_docx_cell {
	int grid_col;     /* first grid column */
	int grid_span;    /* grid columns covered, >= 1 */
	int width;        /* tcW in twips, 0 = from the grid */
	vndoc_docx_vmerge vmerge;
	vndoc_docx_cell_valign valign;
	vndoc_docx_border border[4]; /* resolved: top, left, bottom, right */
	int margin[4];               /* resolved cell margins, twips */
	bool has_fill;
	uint32_t fill;
	vndoc_docx_story content;
} vndoc_docx_cell;

typedef enum {
	VNDOC_DOCX_HEIGHT_AUTO = 0,
	VNDOC_DOCX_HEIGHT_AT_LEAST,
	VNDOC_DOCX_HEIGHT_EXACT
} vndoc_docx_height_rule;

typedef struct vndoc_docx_row {
	vndoc_docx_cell *cells;
	size_t n_cells;
	int height;       /* trHeight, twips */
	vndoc_docx_height_rule height_rule;
	bool header;      /* tblHeader: repeated at the top of each page */
	bool cant_split;
	/* tblPrEx's tblBorders bottom: LibreOffice 7.4 gives it to each cell of
	 * the row that sets no bottom of its own, as if the row ended a table
	 * (poi-form-footnotes) */
	bool has_ex_bottom;
	vndoc_docx_border ex_bottom;
	/* tblPrEx's insideH: the border above the row's cells, for the table's */
	bool has_ex_inside_h;
	vndoc_docx_border ex_inside_h;
} vndoc_docx_row;

typedef enum {
	VNDOC_DOCX_WIDTH_AUTO = 0,
	VNDOC_DOCX_WIDTH_DXA,   /* twips */
	VNDOC_DOCX_WIDTH_PCT    /* fiftieths of a percent: 5000 = 100% */
} vndoc_docx_width_type;

typedef struct vndoc_docx_table {
	int *grid;        /* gridCol widths, twips */
	size_t n_grid;
	vndoc_docx_align align; /* jc: LEFT, CENTER or RIGHT */
	int indent;       /* tblInd, twips */
	int width;        /* tblW, see width_type */
	vndoc_docx_width_type width_type;
	bool fixed;       /* tblLayout fixed (else autofit) */
	bool bidi;        /* bidiVisual: its columns laid out right to left */
	/* A floating table of the body (w:tblpPr): where it goes, as a
	 * floating picture's anchor (tblpX/tblpXSpec from horzAnchor, tblpY/
	 * tblpYSpec from vertAnchor; wrapped square on both sides, the
	 * *FromText distances kept free); the layout decides whether it
	 * floats (layout/place_table.c). */
	bool floating;
	vndoc_docx_anchor position;
	vndoc_docx_border border_left; /* the table's own left border (style, tblBorders) */
	int cell_margin_left; /* the table's own left cell margin (tblCellMar, style; 108 twips
			       * when none), before a cell's tcMar */
	vndoc_docx_row *rows;   /* NULL for a table of a streamed body: see vndoc_docx_row_get */
	size_t n_rows;
	size_t n_header;        /* leading rows marked tblHeader */
	size_t max_cells;       /* the most cells in a row */
} vndoc_docx_table;

typedef enum { VNDOC_DOCX_BLOCK_PARA = 0, VNDOC_DOCX_BLOCK_TABLE } vndoc_docx_block_kind;

typedef struct vndoc_docx_block {
	vndoc_docx_block_kind kind;
	union {
		vndoc_docx_para para;
		vndoc_docx_table table;
	} u;
} vndoc_docx_block;

typedef enum {
	VNDOC_DOCX_SECTION_NEXT_PAGE = 0,
	VNDOC_DOCX_SECTION_CONTINUOUS,
	VNDOC_DOCX_SECTION_EVEN_PAGE,
	VNDOC_DOCX_SECTION_ODD_PAGE
} vndoc_docx_section_type;

/** The most columns a section has (Word's limit is 45); more are cut. */
#define VNDOC_DOCX_MAX_COLS 45

enum { VNDOC_DOCX_HF_DEFAULT = 0, VNDOC_DOCX_HF_FIRST, VNDOC_DOCX_HF_EVEN, VNDOC_DOCX_HF_COUNT };

typedef struct vndoc_docx_section {
	vndoc_docx_section_type type;
	int page_w, page_h;           /* twips */
	bool landscape;
	int margin_top, margin_right, margin_bottom, margin_left;
	int margin_header, margin_footer;
	bool title_page;              /* titlePg: the first page has its own header/footer */
	int page_start;               /* pgNumType w:start: the first page's number, -1 = go on */
	char page_format[16];         /* pgNumType w:fmt, how PAGE prints: "decimal" (the
				       * default), "lowerRoman", ... (vndoc_docx_format_number) */
	/* Indexes into vndoc_docx.stories, -1 = none.  Inherited from the
	 * previous section when the section has no reference of its own. */
	int header[VNDOC_DOCX_HF_COUNT];
	int footer[VNDOC_DOCX_HF_COUNT];
	size_t first_block, end_block; /* the body blocks [first, end) */
	/* w:cols: n_cols columns (1: one), w:space apart when of equal width
	 * (the default); else (equalWidth="0" with w:col children) column i
	 * is col_w[i] twips wide and col_gap[i] from the next.  col_sep: w:sep,
	 * a line in the middle of each gap. */
	int n_cols;
	int col_space;
	bool col_equal, col_sep;
	int col_w[VNDOC_DOCX_MAX_COLS], col_gap[VNDOC_DOCX_MAX_COLS];
} vndoc_docx_section;

/** A footnote (word/footnotes.xml; the separator is vndoc_docx.note_separator). */
typedef struct vndoc_docx_note {
	int id;                        /* w:id */
	vndoc_docx_story story;
} vndoc_docx_note;

typedef struct vndoc_docx__stream vndoc_docx__stream;

typedef struct vndoc_docx {
	/* Opened with vndoc_docx_open: `blocks` is NULL and n_blocks their
	 * number; read them with vndoc_docx_block_get. */
	vndoc_docx_story body;
	vndoc_docx_section *sections;  /* at least one */
	size_t n_sections;
	vndoc_docx_story *stories;     /* headers and footers */
	size_t n_stories;
	int default_tab;               /* twips (settings.xml defaultTabStop) */
	bool even_and_odd_headers;     /* settings.xml evenAndOddHeaders: even pages take
					* the EVEN header and footer */
	/* footnotePr (settings.xml's, and w:numRestart of a section's too):
	 * numRestart eachPage, the footnotes numbered again on each page (as
	 * in LibreOffice, for the whole document: the layout renumbers them,
	 * from note_start in note_format); note_start 0 and note_format ""
	 * when not given (1, decimal). */
	bool notes_each_page;
	int note_start;
	char note_format[32];
	bool mirror_margins;           /* settings.xml mirrorMargins: on even pages the left
					* margin is w:right and the right one w:left (the
					* inside and outside of facing pages) */
	int compat_mode;               /* settings.xml compatibilityMode: 15 for Word 2013
					* and later, 0 when not given (older) */
	bool fe_layout;                /* settings.xml compat useFELayout: Word's East
					* Asian line rules (hanging punctuation) */
	bool ea_default;               /* the document's East Asian language (styles.xml
					* docDefaults w:lang eastAsia) is Japanese,
					* Chinese or Korean */
	bool other_app;                /* docProps/app.xml names an application other
					* than Microsoft Word (LibreOffice, Google Docs,
					* vndoc): its author saw that one's layout */
	char title[256], author[256];  /* docProps/core.xml, "" if none */
	char subject[256], keywords[256];
	vndoc_docx_image *images;      /* pictures used by IMAGE inlines */
	size_t n_images;
	/* What was read but will not be drawn (shapes, text boxes, charts,
	 * VML, other image formats) or not as Word would (text in headers,
	 * footers and cells does not wrap around floating pictures): one
	 * message per kind,
	 * e.g. "shape (wps:wsp) not drawn". */
	char **warnings;
	size_t n_warnings;
	/* The distinct lists of tab stops the paragraphs point to (owned). */
	vndoc_docx_tab **tab_sets;
	int *tab_set_sizes;
	size_t n_tab_sets;
	vndoc_docx__stream *stream;    /* private: the streamed body, NULL when loaded */
	vndoc_docx_note *notes;        /* the footnotes, read whole by load and open alike */
	size_t n_notes;
	/* The separator footnote (w:footnote w:type="separator"): in a
	 * document Word wrote, the room above the footnotes is its paragraph's
	 * (layout/notes.c); has_note_separator false when there is none. */
	vndoc_docx_story note_separator;
	bool has_note_separator;
} vndoc_docx;

/** At most this many distinct warnings are kept. */
#define VNDOC_DOCX_MAX_WARNINGS 64

/**
 * Loads the document of `pkg` (borrowed; not needed after the call).
 * VNDOC_EFORMAT: a part is missing or is not valid WordprocessingML (the
 * error names the part); VNDOC_ELIMIT: a limit of core/limits.h was hit.
 * The caller frees *out with vndoc_docx_free.
 */
int vndoc_docx_load(vndoc_docx **out, const vndoc_package *pkg, vndoc_error *err);

/*
 * Opens the document of `pkg` for streamed layout: styles, numbering,
 * settings, theme, core properties, headers and footers and the sections
 * are read now; the body's blocks, and the rows of its tables, are read
 * from word/document.xml as layout asks for them and let go once placed, so
 * memory does not grow with the length of the body.  `pkg` is borrowed and
 * must outlive the vndoc_docx.  Errors as vndoc_docx_load (the body is read
 * through once here, so a malformed body fails here).  The model is the
 * one vndoc_docx_load gives, block for block and row for row.
 *
 * Threads: the getters below change what a streamed document holds: one
 * thread at a time per vndoc_docx (a loaded one may be shared).
 * The caller frees *out with vndoc_docx_free.
 */
int vndoc_docx_open(vndoc_docx **out, const vndoc_package *pkg, vndoc_error *err);

void vndoc_docx_free(vndoc_docx *doc);

/** Whether the author saw Word 2013's or a later Word's layout: compatibility
 * mode 15 and no other application named in docProps/app.xml.  Where Word
 * and LibreOffice lay a document out differently, vndoc follows Word in
 * these and LibreOffice in the rest. */
bool vndoc_docx_word_layout(const vndoc_docx *doc);

/**
 * Body block `i` (0-based, < doc->body.n_blocks) in *out, borrowed: for a
 * loaded document, as long as `doc`; for a streamed one, until it is
 * released, or until a block before the first one held is asked for: the
 * body is then read again from its start and every block and row held
 * until then is let go.  Blocks after those held are read now.
 * VNDOC_EINVAL: no such block; reading a streamed body: the errors of
 * vndoc_docx_open (VNDOC_EIO, VNDOC_EFORMAT, VNDOC_ELIMIT).
 */
int vndoc_docx_block_get(const vndoc_docx_block **out, const vndoc_docx *doc, size_t i,
			 vndoc_error *err);

/** Streamed documents: lets go of the body blocks before `before` (their
 * tables' rows too).  Nothing for a loaded document. */
void vndoc_docx_block_release(const vndoc_docx *doc, size_t before);

/**
 * Row `r` (< t->n_rows) of table `t` in *out, borrowed like the table.
 * Nested tables and the tables of a loaded document hold their rows
 * (t->rows); a table of a streamed body reads them as they are asked for,
 * in order, and holds them until released.  VNDOC_EINVAL: no such row, or
 * a row already released (a streamed table is read forward only); else
 * the errors of vndoc_docx_block_get.
 */
int vndoc_docx_row_get(const vndoc_docx_row **out, const vndoc_docx *doc, const vndoc_docx_table *t,
		       size_t r, vndoc_error *err);

/** Streamed tables: lets go of rows [t->n_header, before) of `t`; the
 * header rows are held with the table.  Nothing for other tables. */
void vndoc_docx_row_release(const vndoc_docx *doc, const vndoc_docx_table *t, size_t before);

/** Does the body hold a PAGE or NUMPAGES field (`numpages_only`: a
 * NUMPAGES), in its tables too?  Known without reading a streamed body
 * again. */
bool vndoc_docx_body_has_fields(const vndoc_docx *doc, bool numpages_only);

/**
 * Writes `n` into `out` (size `size`, NUL-terminated) in the number format
 * `fmt` of WordprocessingML (ST_NumberFormat, as numFmt and pgNumType
 * write it): decimal, decimalZero ("01"), upperRoman, lowerRoman,
 * upperLetter, lowerLetter (A..Z, then AA..ZZ, AAA..: the letter
 * repeated, as Word and LibreOffice do), numberInDash ("- 1 -"), none
 * (""); any other, or a number Roman numerals cannot write, as decimal.
 * List labels and PAGE fields.
 */
void vndoc_docx_format_number(char *out, size_t size, const char *fmt, int n);

/** Streamed documents: the most body table rows, and the most body
 * blocks, held at once since vndoc_docx_open (what keeps memory flat; for
 * tests).  0 for a loaded document. */
size_t vndoc_docx_rows_held_peak(const vndoc_docx *doc);
size_t vndoc_docx_blocks_held_peak(const vndoc_docx *doc);
/** Streamed documents: how many times the body was read from its start
 * (once by vndoc_docx_open, then once per layout pass, about). */
size_t vndoc_docx_body_reads(const vndoc_docx *doc);

/* ---------------------------------------------------------------- walking */

/*
 * One walk over the model, as cmark's iterator walks its tree: each node
 * is entered (VNDOC_DOCX_EVENT_ENTER) and, after its children, left
 * (VNDOC_DOCX_EVENT_EXIT), in document order; inlines are leaves, entered
 * only.  What holds what:
 *
 *   story -> blocks: paragraph -> inlines
 *                    table -> rows -> cells -> the cell's story -> ...
 *
 *   vndoc_docx_iter *it = vndoc_docx_iter_new(&(vndoc_docx_node){
 *           .kind = VNDOC_DOCX_NODE_STORY, .u.story = &doc->stories[i] });
 *   vndoc_docx_event ev;
 *   while ((ev = vndoc_docx_iter_next(it)) != VNDOC_DOCX_EVENT_DONE) {
 *           const vndoc_docx_node *n = vndoc_docx_iter_node(it);
 *           if (ev == VNDOC_DOCX_EVENT_ENTER && n->kind == VNDOC_DOCX_NODE_TABLE)
 *                   vndoc_docx_iter_skip(it);    (its rows are not walked)
 *   }
 *   vndoc_docx_iter_free(it);
 *
 * Only what the model holds is walked: a streamed body (vndoc_docx_open)
 * holds no blocks, and its tables no rows (read them with
 * vndoc_docx_block_get and vndoc_docx_row_get, and walk each).  The
 * walker needs no recursion and no memory that grows: tables nested deeper
 * than VNDOC_LIMIT_TABLE_DEPTH (the loader refuses them; only a model
 * built by hand has them) are entered and left without their rows.
 */
typedef enum {
	VNDOC_DOCX_EVENT_DONE = 0, /* the walk is over */
	VNDOC_DOCX_EVENT_ENTER,
	VNDOC_DOCX_EVENT_EXIT
} vndoc_docx_event;

typedef enum {
	VNDOC_DOCX_NODE_STORY = 0,
	VNDOC_DOCX_NODE_PARA,
	VNDOC_DOCX_NODE_TABLE,
	VNDOC_DOCX_NODE_ROW,
	VNDOC_DOCX_NODE_CELL,
	VNDOC_DOCX_NODE_INLINE
} vndoc_docx_node_kind;

/** A node of the model: borrowed pointers, as the structs'. */
typedef struct vndoc_docx_node {
	vndoc_docx_node_kind kind;
	int depth; /* the table cells around it, counted from the walk's root (0) */
	union {
		const vndoc_docx_story *story;
		const vndoc_docx_para *para;
		const vndoc_docx_table *table;
		const vndoc_docx_row *row;
		const vndoc_docx_cell *cell;
		const vndoc_docx_inline *inl;
	} u;
} vndoc_docx_node;

typedef struct vndoc_docx_iter vndoc_docx_iter;

/** A walk over `root` (copied) and what it holds; free it with
 * vndoc_docx_iter_free.  The model must not change during the walk. */
vndoc_docx_iter *vndoc_docx_iter_new(const vndoc_docx_node *root);
/** The next event; its node is vndoc_docx_iter_node's.  DONE (again and
 * again) once the root has been left. */
vndoc_docx_event vndoc_docx_iter_next(vndoc_docx_iter *it);
/** The node of the last event (valid until the next call). */
const vndoc_docx_node *vndoc_docx_iter_node(const vndoc_docx_iter *it);
/** Right after entering a node: its children are not walked, the next
 * event leaves it.  Nothing otherwise. */
void vndoc_docx_iter_skip(vndoc_docx_iter *it);
void vndoc_docx_iter_free(vndoc_docx_iter *it);

/** Does the story hold a PAGE or NUMPAGES field (`numpages_only`: a
 * NUMPAGES), in its tables too?  A header's or footer's story, a cell's,
 * a footnote's (the body of a streamed document: vndoc_docx_body_has_fields). */
bool vndoc_docx_story_has_fields(const vndoc_docx_story *st, bool numpages_only);

#endif
