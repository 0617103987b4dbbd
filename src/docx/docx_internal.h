/*
 * docx/docx_internal.h: the loader shared by the files of the docx module.
 *
 * Properties are read from the XML into "patches": a full property struct
 * plus a mask of the fields the XML set.  Resolving a paragraph applies the
 * patches in order (defaults, style chain from the root, numbering level,
 * direct formatting) onto a property struct.
 */
#ifndef VNDOC_DOCX_INTERNAL_H
#define VNDOC_DOCX_INTERNAL_H

#include <stdbool.h>
#include <string.h>

#include <libxml/tree.h>

#include "docx/docx.h"
#include "xml/xml.h"

/* (the string of vndoc_xml_ns_w) */
#define VNDOC_DOCX_W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

/* Paragraph property fields. */
enum {
	VNDOC_DOCX__P_ALIGN = 1u << 0,
	VNDOC_DOCX__P_IND_LEFT = 1u << 1,
	VNDOC_DOCX__P_IND_RIGHT = 1u << 2,
	VNDOC_DOCX__P_IND_FIRST = 1u << 3,
	VNDOC_DOCX__P_BEFORE = 1u << 4,
	VNDOC_DOCX__P_AFTER = 1u << 5,
	VNDOC_DOCX__P_LINE = 1u << 6,
	VNDOC_DOCX__P_KEEP_NEXT = 1u << 7,
	VNDOC_DOCX__P_KEEP_LINES = 1u << 8,
	VNDOC_DOCX__P_PAGE_BREAK = 1u << 9,
	VNDOC_DOCX__P_WIDOW = 1u << 10,
	VNDOC_DOCX__P_NUM = 1u << 11,
	VNDOC_DOCX__P_CONTEXTUAL = 1u << 12,
	VNDOC_DOCX__P_BORDER_TOP = 1u << 13,
	VNDOC_DOCX__P_BORDER_BOTTOM = 1u << 14,
	VNDOC_DOCX__P_OUTLINE = 1u << 15,
	VNDOC_DOCX__P_AUTO_BEFORE = 1u << 16,
	VNDOC_DOCX__P_AUTO_AFTER = 1u << 17,
	VNDOC_DOCX__P_FRAME = 1u << 18,
	VNDOC_DOCX__P_BIDI = 1u << 19
};

/* Run property fields. */
enum {
	VNDOC_DOCX__R_FONT = 1u << 0,
	VNDOC_DOCX__R_SIZE = 1u << 1,
	VNDOC_DOCX__R_BOLD = 1u << 2,
	VNDOC_DOCX__R_ITALIC = 1u << 3,
	VNDOC_DOCX__R_UNDERLINE = 1u << 4,
	VNDOC_DOCX__R_STRIKE = 1u << 5,
	VNDOC_DOCX__R_DSTRIKE = 1u << 6,
	VNDOC_DOCX__R_CAPS = 1u << 7,
	VNDOC_DOCX__R_SMALL_CAPS = 1u << 8,
	VNDOC_DOCX__R_VANISH = 1u << 9,
	VNDOC_DOCX__R_VERT_ALIGN = 1u << 10,
	VNDOC_DOCX__R_COLOR = 1u << 11,
	VNDOC_DOCX__R_KERN = 1u << 12,
	VNDOC_DOCX__R_HIGHLIGHT = 1u << 13,
	VNDOC_DOCX__R_SPACING = 1u << 14,
	VNDOC_DOCX__R_POSITION = 1u << 15,
	VNDOC_DOCX__R_SCALE = 1u << 16,
	VNDOC_DOCX__R_FONT_EA = 1u << 17,
	VNDOC_DOCX__R_FONT_CS = 1u << 18,
	VNDOC_DOCX__R_HINT = 1u << 19,
	VNDOC_DOCX__R_SIZE_CS = 1u << 20,
	VNDOC_DOCX__R_BOLD_CS = 1u << 21,
	VNDOC_DOCX__R_ITALIC_CS = 1u << 22
};

typedef struct vndoc_docx__tab_patch {
	int pos;
	vndoc_docx_tab_align align;
	vndoc_docx_tab_leader leader;
	bool clear;
} vndoc_docx__tab_patch;

typedef struct vndoc_docx__ppr_patch {
	vndoc_docx_ppr v;
	unsigned set;
	int n_tabs;
	vndoc_docx__tab_patch tabs[VNDOC_DOCX_MAX_TABS];
} vndoc_docx__ppr_patch;

typedef struct vndoc_docx__rpr_patch {
	vndoc_docx_rpr v;
	unsigned set;
	char theme_font[16]; /* "minorHAnsi", ... when the font is a theme font */
	char theme_ea[16], theme_cs[16]; /* "minorEastAsia", "minorBidi", ... */
} vndoc_docx__rpr_patch;

/* Which of a run's fonts draws code point `cp` (docx/scripts.c):
 * VNDOC_DOCX__SCRIPT_WEAK for spaces, digits and punctuation, which go
 * with the characters around them. */
enum { VNDOC_DOCX__SCRIPT_LATIN = 0, VNDOC_DOCX__SCRIPT_EA, VNDOC_DOCX__SCRIPT_CS, VNDOC_DOCX__SCRIPT_WEAK };
int vndoc_docx__script_of(unsigned cp, bool hint_ea);

/* The index in minor_script/major_script of an East Asian w:lang
 * ("ja-JP" -> Jpan...), -1 for another. */
int vndoc_docx__ea_script(const char *lang);

/* The code point at `s` (U+FFFD for a bad byte) in *cp; its length in
 * bytes, at least 1 and at most `len` (> 0). */
size_t vndoc_docx__utf8_next(const char *s, size_t len, unsigned *cp);

/* The script of the character at `s` in *sc (vndoc_docx__script_of), its
 * length in bytes as vndoc_docx__utf8_next gives it: ASCII, most of a
 * text, without the calls (a letter Latin, the rest weak). */
static inline size_t vndoc_docx__script_next(const char *s, size_t len, bool hint_ea, int *sc)
{
	unsigned char c = (unsigned char)*s;
	unsigned cp;
	size_t n;
	if (c < 0x80) {
		bool letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
		*sc = letter ? VNDOC_DOCX__SCRIPT_LATIN : VNDOC_DOCX__SCRIPT_WEAK;
		return 1;
	}
	n = vndoc_docx__utf8_next(s, len, &cp);
	*sc = vndoc_docx__script_of(cp, hint_ea);
	return n;
}

/* Table properties that styles and tblPr may set. */
typedef struct vndoc_docx__tbl_patch {
	vndoc_docx_border border[6]; /* top, left, bottom, right, insideH, insideV */
	unsigned border_set;         /* bit i: border[i] set */
	int margin[4];               /* top, left, bottom, right */
	unsigned margin_set;
	vndoc_docx_align align;
	int indent;
	bool align_set, indent_set;
} vndoc_docx__tbl_patch;

/* Table style conditional formatting (tblStylePr), in the order they are
 * applied, the later winning, as LibreOffice 7.4 applies them on import:
 * banded rows < banded columns < last/first column < last/first row <
 * corner cells (ECMA-376 17.7.6 puts the banded rows over the columns);
 * bit i of a cell's mask. */
enum {
	VNDOC_DOCX__CNF_BAND1_HORZ = 0,
	VNDOC_DOCX__CNF_BAND2_HORZ,
	VNDOC_DOCX__CNF_BAND1_VERT,
	VNDOC_DOCX__CNF_BAND2_VERT,
	VNDOC_DOCX__CNF_LAST_COL,
	VNDOC_DOCX__CNF_FIRST_COL,
	VNDOC_DOCX__CNF_LAST_ROW,
	VNDOC_DOCX__CNF_FIRST_ROW,
	VNDOC_DOCX__CNF_SW_CELL,
	VNDOC_DOCX__CNF_SE_CELL,
	VNDOC_DOCX__CNF_NW_CELL,
	VNDOC_DOCX__CNF_NE_CELL,
	VNDOC_DOCX__CNF_COUNT
};

/* Cell properties a table style (or one of its conditions) sets: tcPr's
 * shading and borders (the six of tcBorders, tblBorders merged under). */
typedef struct vndoc_docx__cell_patch {
	vndoc_docx_border border[6]; /* top, left, bottom, right, insideH, insideV */
	unsigned border_set;
	bool fill_set, has_fill;
	uint32_t fill;
} vndoc_docx__cell_patch;

typedef struct vndoc_docx__cond {
	vndoc_docx__ppr_patch p;
	vndoc_docx__rpr_patch r;
	vndoc_docx__cell_patch c;
} vndoc_docx__cond;

/* What only a table style holds (allocated when it holds any). */
typedef struct vndoc_docx__tstyle {
	vndoc_docx__cell_patch c;    /* whole table: the style's tcPr */
	int row_band, col_band;      /* tblStyleRowBandSize, ColBandSize; 0 = not set */
	unsigned cond_set;           /* bit i: cond[i] given */
	int header_row;              /* firstRow's trPr tblHeader: 1 on, 0 off, -1 not given */
	vndoc_docx__cond *cond[VNDOC_DOCX__CNF_COUNT]; /* owned, NULL when not given */
} vndoc_docx__tstyle;

#define VNDOC_DOCX__MAX_STYLE_CHAIN 32

/* The table style of the cell whose paragraphs are being read: its chain
 * (root first) and the conditions that apply to the cell. */
typedef struct vndoc_docx__cell_style {
	const struct vndoc_docx__style *const *chain;
	int n_chain;
	unsigned mask;
	bool named; /* the table names its style (w:tblStyle) */
} vndoc_docx__cell_style;

enum { VNDOC_DOCX__STYLE_PARA = 0, VNDOC_DOCX__STYLE_CHAR, VNDOC_DOCX__STYLE_TABLE, VNDOC_DOCX__STYLE_OTHER };

typedef struct vndoc_docx__style {
	char id[64];
	char based_on[64];
	int type;
	bool is_default;
	vndoc_docx__ppr_patch p;
	vndoc_docx__rpr_patch r;
	vndoc_docx__tbl_patch t;
	vndoc_docx__tstyle *ts;    /* table styles only (owned), or NULL */
} vndoc_docx__style;

typedef struct vndoc_docx__level {
	int start;
	char fmt[32];      /* decimal, bullet, lowerRoman, ... */
	char text[64];     /* lvlText, e.g. "%1.%2." */
	int suffix;        /* 0 tab, 1 space, 2 nothing */
	int jc;            /* lvlJc: 0 left, 1 centre, 2 right */
	vndoc_docx__ppr_patch p;
	vndoc_docx__rpr_patch r;
} vndoc_docx__level;

typedef struct vndoc_docx__abstract {
	int id;
	vndoc_docx__level levels[9];
} vndoc_docx__abstract;

typedef struct vndoc_docx__num {
	int id;
	int abstract;      /* index into abstracts, -1 if none */
	int start_override[9]; /* -1 = none */
	int counters[9];
	bool started[9];
} vndoc_docx__num;

typedef struct vndoc_docx__rel {
	char id[64];
	char target[256]; /* part name, resolved against word/ */
	char type[32];    /* last path segment of the type URI: header, footer, theme, ... */
} vndoc_docx__rel;

typedef struct vndoc_docx__loader {
	const vndoc_package *pkg;
	vndoc_docx *doc;
	vndoc_error *err;
	const char *part;  /* the part being read, for errors */

	vndoc_docx__style *styles;
	size_t n_styles;
	vndoc_docx__ppr_patch default_p;
	vndoc_docx__rpr_patch default_r;
	char default_para_style[64];
	char default_table_style[64];
	char minor_font[64], major_font[64];
	/* The theme's East Asian and complex-script fonts (a:ea, a:cs; an
	 * empty a:ea is the a:font of the East Asian language styles.xml's
	 * docDefaults give: Jpan, Hans, Hant or Hang), "" when none. */
	char minor_ea[32], major_ea[32], minor_cs[32], major_cs[32];
	char minor_script[4][32], major_script[4][32]; /* Jpan Hans Hant Hang */

	vndoc_docx__abstract *abstracts;
	size_t n_abstracts;
	vndoc_docx__num *nums;
	size_t n_nums;
	/* stream.c: the nums numbered while a section's headers and footers
	 * are read (their counters are all a later pass must set again) */
	size_t *nums_log;
	size_t n_nums_log, cap_nums_log;
	bool nums_logging;

	vndoc_docx__rel *rels;
	size_t n_rels;
	size_t cap_sections;
	bool in_body;      /* parsing the body: sectPr in pPr ends a section */
	/* settings.xml w:revisionView w:markup or w:insDel off: tracked
	 * changes shown as accepted (deletions not drawn), else as markup */
	bool changes_hidden;
	bool override_table_style; /* compatSetting overrideTableStyleFontSizeAndJustification */
	bool in_hf;        /* parsing a header or footer */
	/* The index in the body of the first block of the story being built
	 * from the body (0 when it is the body itself; the next block's when
	 * a streamed body is read one element at a time). */
	size_t block_base;
	/* A streamed body (vndoc_docx_open): NULL when the document is read
	 * whole.  `replay`: the sections are known; a paragraph ending one
	 * takes its index, and the numbering as it stood after the section's
	 * headers and footers were read. */
	struct vndoc_docx__stream *stream;
	bool replay;
	/* Streamed: the tab stop lists by hash (index + 1, 0 = empty). */
	size_t *tab_hash;
	size_t tab_hash_cap;
	/* Footnotes (notes.c): references numbered so far in the body (set
	 * back when a streamed body is read again), footnotePr's numFmt and
	 * numStart, and whether a footnote's own text is being read. */
	int note_count, note_start;
	char note_fmt[32];
	bool in_notes;
	/* Reading a table cell: its table style's part, between the defaults
	 * and the paragraph style; NULL outside tables. */
	const vndoc_docx__cell_style *cell_style;
	/* Shapes (shapes.c): the theme's colours (dk1 lt1 dk2 lt2 accent1-6
	 * hlink folHlink) and line widths (lnStyleLst, points), read on first
	 * use; the text boxes being read, inside one another. */
	bool theme_read;
	/* vml.c: copies of the v:shapetype elements met so far (Word defines
	 * one once, in the first w:pict that uses it), owned. */
	xmlNode **vml_types;
	size_t n_vml_types;
	uint32_t theme_colors[12];
	double theme_lines[3];
	int txbx_depth;
} vndoc_docx__loader;

/* xml helpers (document.c) */
/** Whether `n` is the element w:`name`.  Inline, and the name's first byte
 * compared before the rest and before the namespace: the readers ask it of
 * every child for each name they know (about 2 million times for our 21
 * documents, most of them different from the first byte on); the
 * namespace of xml/fast.c's trees by its pointer (vndoc_xml_ns_w). */
static inline bool vndoc_docx__is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->name[0] == (xmlChar)name[0] &&
	       !strcmp((const char *)n->name, name) && n->ns && n->ns->href &&
	       (n->ns->href == (const xmlChar *)vndoc_xml_ns_w ||
		!strcmp((const char *)n->ns->href, VNDOC_DOCX_W_NS));
}
xmlNode *vndoc_docx__child(const xmlNode *n, const char *name);
/** Whether `s` is `lit`, first bytes first (most values differ there). */
static inline bool vndoc_docx__eq(const char *s, const char *lit)
{
	return s[0] == lit[0] && !strcmp(s, lit);
}
/** The value of attribute `name` (local name, any namespace), borrowed. */
const char *vndoc_docx__attr(const xmlNode *n, const char *name);
int vndoc_docx__attr_int(const xmlNode *n, const char *name, int dflt);
/** An on/off property element: absent = -1, else 1 or 0. */
int vndoc_docx__onoff(const xmlNode *n);
/* A part's tree, freed by vndoc_xml_free_doc (xml/fast.c's, or libxml2's). */
int vndoc_docx__read_xml(xmlDoc **out, vndoc_docx__loader *ld, const char *part, bool optional);
const vndoc_docx__rel *vndoc_docx__rel_find(const vndoc_docx__loader *ld, const char *id);
/** The relationships of `part` (its _rels/NAME.rels, none if missing),
 * targets resolved against the part's folder.  The caller frees *out. */
int vndoc_docx__load_rels(vndoc_docx__loader *ld, const char *part, vndoc_docx__rel **out,
			  size_t *n_out);
int vndoc_docx__parse_story(vndoc_docx__loader *ld, const xmlNode *parent, vndoc_docx_story *out,
			    int depth);
void vndoc_docx__story_dispose(vndoc_docx_story *s);

/* styles.c */
int vndoc_docx__load_styles(vndoc_docx__loader *ld);
void vndoc_docx__parse_ppr(const xmlNode *ppr, vndoc_docx__ppr_patch *out);
/* w:framePr into *out (docx/frames.c). */
void vndoc_docx__parse_frame(const xmlNode *fp, vndoc_docx_frame *out);
/* xAlign or yAlign (`horizontal` or not) of a frame, tblpXSpec or
 * tblpYSpec of a floating table, as an anchor's alignment (absent, inline
 * or unknown: the offset). */
vndoc_docx_anchor_align vndoc_docx__anchor_align(const char *v, bool horizontal);
/* hAnchor or vAnchor (`horizontal` or not) of a frame, horzAnchor or
 * vertAnchor of a floating table, as what an anchor is measured from
 * (page, margin, else the text: the column, the paragraph); Word's
 * defaults: the column across, the margin down. */
vndoc_docx_anchor_from vndoc_docx__anchor_from(const char *v, bool horizontal);
/* Each run of consecutive paragraphs of blocks[from..] with the same frame
 * becomes a floating text box anchored in the first paragraph after them
 * that is not framed (one pass: each block moves once). */
void vndoc_docx__frames_gather(vndoc_docx_story *s, size_t from);
/* Blocks [from, ...) of a table cell's story: their paragraphs' frames
 * are no frames (Word and LibreOffice keep the text in its cell). */
void vndoc_docx__frames_drop(vndoc_docx_story *s, size_t from);
/* A framed paragraph of the body made a floating text box in a paragraph
 * that takes no room (one frame a paragraph: the body streams). */
void vndoc_docx__frame_in_place(vndoc_docx_para *p);
void vndoc_docx__parse_rpr(const xmlNode *rpr, vndoc_docx__rpr_patch *out);
void vndoc_docx__parse_tblpr(const xmlNode *tblpr, vndoc_docx__tbl_patch *out);
void vndoc_docx__parse_border(const xmlNode *b, vndoc_docx_border *out);
/** Side `side` (VNDOC_DOCX_TOP .. VNDOC_DOCX_INSIDE_V) of a tblBorders,
 * tcBorders, tblCellMar or tcMar element (left/start, right/end), or NULL. */
const xmlNode *vndoc_docx__side(const xmlNode *box, int side);
/** Reads the first `n` sides (4 or 6) of a borders element into out[];
 * returns the mask of those it sets (bit i: side i). */
unsigned vndoc_docx__parse_borders(const xmlNode *box, int n, vndoc_docx_border *out);
/* Tab stops while resolving a paragraph's properties. */
typedef struct vndoc_docx__tabs {
	int n;
	vndoc_docx_tab t[VNDOC_DOCX_MAX_TABS];
} vndoc_docx__tabs;
void vndoc_docx__apply_ppr(vndoc_docx_ppr *dst, vndoc_docx__tabs *tabs, const vndoc_docx__ppr_patch *p);
/** The document's copy of `tabs` (shared with the paragraphs having the
 * same), NULL when there are none. */
const vndoc_docx_tab *vndoc_docx__intern_tabs(vndoc_docx__loader *ld, const vndoc_docx__tabs *tabs);
void vndoc_docx__apply_rpr(const vndoc_docx__loader *ld, vndoc_docx_rpr *dst,
			   const vndoc_docx__rpr_patch *p);
void vndoc_docx__apply_tbl(vndoc_docx__tbl_patch *dst, const vndoc_docx__tbl_patch *p);
/** Paragraph properties and paragraph-level run properties of style `id`
 * ("" or unknown: the default paragraph style), defaults included. */
void vndoc_docx__para_style(const vndoc_docx__loader *ld, const char *id, vndoc_docx_ppr *ppr,
			    vndoc_docx__tabs *tabs, vndoc_docx_rpr *rpr);
/** Applies character style `id` (with its basedOn chain) onto `rpr`. */
void vndoc_docx__char_style(const vndoc_docx__loader *ld, const char *id, vndoc_docx_rpr *rpr);
/** Table style `id` ("" = the default table style) onto `out`; its chain,
 * root first, into chain[0 .. *n_chain) when `chain` is not NULL. */
void vndoc_docx__table_style(const vndoc_docx__loader *ld, const char *id, vndoc_docx__tbl_patch *out,
			     const vndoc_docx__style **chain, int *n_chain);
void vndoc_docx__styles_dispose(vndoc_docx__loader *ld);

/* numbering.c */
int vndoc_docx__load_numbering(vndoc_docx__loader *ld);
/**
 * Advances the counters of list `num_id` at `level` and writes the label
 * (UTF-8) into `label`.  Returns false if the list or level is unknown.
 * `p` and `r` receive the level's paragraph and run patches (borrowed).
 */
bool vndoc_docx__number(vndoc_docx__loader *ld, int num_id, int level, char *label, size_t size,
			int *suffix, int *jc, const vndoc_docx__ppr_patch **p, const vndoc_docx__rpr_patch **r);
void vndoc_docx__numbering_dispose(vndoc_docx__loader *ld);

/* sections.c */
int vndoc_docx__parse_sectpr(vndoc_docx__loader *ld, const xmlNode *sectpr, size_t end_block);

/* document.c: a streamed body */
/** A paragraph of the body ends a section (its pPr holds a sectPr): the
 * section's index.  Reading: the section is parsed; replaying: the
 * numbering is set as it stood after it.  A negative code on failure. */
int vndoc_docx__body_section(vndoc_docx__loader *ld, const xmlNode *sectpr, size_t end_block);
void vndoc_docx__nums_log(vndoc_docx__loader *ld, size_t num);
/** Fills inherited header/footer references and block ranges. */
void vndoc_docx__finish_sections(vndoc_docx *doc);

/* drawing.c */
/** Adds a warning to the document unless it is already there. */
void vndoc_docx__warn(vndoc_docx *doc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* mc:AlternateContent (mc.c): the branch Word reads, the first mc:Choice
 * whose Requires it understands, else mc:Fallback, else NULL.  _read
 * warns when there is none; _is_drawing: the branch holds a w:drawing,
 * w:pict or w:object (read by drawing.c). */
bool vndoc_docx__is_mc(const xmlNode *n, const char *name);
const xmlNode *vndoc_docx__mc_branch(const xmlNode *ac);
const xmlNode *vndoc_docx__mc_read(vndoc_docx__loader *ld, const xmlNode *ac);
bool vndoc_docx__mc_is_drawing(const xmlNode *branch);
/**
 * Reads a drawing of a run (w:drawing, w:pict, w:object,
 * mc:AlternateContent): the index of the picture to draw at *w x *h
 * points, or -1 after warning about what will not be drawn.  *floating
 * tells a wp:anchor, placed as *anchor says, from a wp:inline.
 */
long vndoc_docx__parse_drawing(vndoc_docx__loader *ld, const xmlNode *n, double *w, double *h,
			       bool *floating, vndoc_docx_anchor *anchor, vndoc_docx_drawing **shapes);
/** wp:anchor's position and wrapping into *out. */
void vndoc_docx__parse_anchor(vndoc_docx__loader *ld, const xmlNode *anchor, vndoc_docx_anchor *out);
/** The index of the picture of relationship `rel_id` (read the first
 * time), or -1 after a warning. */
long vndoc_docx__picture_of(vndoc_docx__loader *ld, const char *rel_id);

/* shapes.c, vml.c: drawings that are not pictures (*shapes is then set:
 * the functions return -1, or a picture's index for a VML picture) */
/** The shapes of `what` (wps:wsp, wpg:wgp, wpc:wpc; charts, SmartArt:
 * none, with a warning), the graphicData child of wp:inline or wp:anchor
 * `holder`, at its extent *w x *h; NULL when it has no size. */
vndoc_docx_drawing *vndoc_docx__parse_shapes(vndoc_docx__loader *ld, const xmlNode *holder,
					     const xmlNode *what, double *w, double *h);
/** A w:pict or w:object (VML): a picture's index, or -1 and *shapes. */
/* Frees the loader's VML shape types. */
void vndoc_docx__vml_dispose(vndoc_docx__loader *ld);
long vndoc_docx__parse_vml(vndoc_docx__loader *ld, const xmlNode *pict, double *w, double *h,
			   bool *floating, vndoc_docx_anchor *anchor, vndoc_docx_drawing **shapes);
/** A child by local name, any namespace (DrawingML, VML). */
const xmlNode *vndoc_docx__kid(const xmlNode *n, const char *name);
/** wrapText / w10:wrap side: bothSides, left, right, largest. */
vndoc_docx_wrap_side vndoc_docx__wrap_side(const char *v);
/** A position measured from a margin itself: wp:positionH/V relativeFrom
 * leftMargin, rightMargin, insideMargin, outsideMargin, topMargin,
 * bottomMargin, or VML's left-, right-, inner-, outer-, top- and
 * bottom-margin-area (as LibreOffice's PAGE_LEFT, PAGE_RIGHT,
 * PAGE_PRINT_AREA_TOP, PAGE_PRINT_AREA_BOTTOM relations). */
vndoc_docx_anchor_from vndoc_docx__margin_from(const char *v);
/** The story of text box `txbx` (wps:txbx, v:textbox), or NULL (none, or
 * nested too deep: a warning); insets and anchor left to the caller. */
vndoc_docx_text_box *vndoc_docx__text_box(vndoc_docx__loader *ld, const xmlNode *txbx);
/** A colour of the theme (clrScheme: "accent1", "tx1", ...), read on first use. */
bool vndoc_docx__theme_color(vndoc_docx__loader *ld, const char *name, uint32_t *out);
void vndoc_docx__drawing_free(vndoc_docx_drawing *d);
/** Adds a segment to s->path (n points from pts: x, y, ...); none past
 * VNDOC_LIMIT_SHAPE_PATH_OPS. */
void vndoc_docx__path_add(vndoc_docx_shape *s, vndoc_docx_path_verb verb, const double *pts, int n);

/* picture.c */
/** The index in doc->images of picture `part`, read the first time; one
 * that cannot be drawn is a VNDOC_DOCX_IMAGE_FRAME (with a warning). */
long vndoc_docx__load_picture(vndoc_docx__loader *ld, const char *part);

/* notes.c */
/** Reads the footnotes part the document's relationships name (none:
 * no footnotes), after the styles and numbering. */
int vndoc_docx__load_notes(vndoc_docx__loader *ld);
/** footnotePr (settings.xml): numFmt, numStart and numRestart. */
void vndoc_docx__note_pr(vndoc_docx__loader *ld, const xmlNode *pr);
/** A footnotePr's numRestart (a section's: the rest is settings.xml's). */
void vndoc_docx__note_restart(vndoc_docx__loader *ld, const xmlNode *pr);
/** The index in doc->notes of footnote `id`, or -1. */
int vndoc_docx__note_find(const vndoc_docx *doc, int id);
/** The label of the next footnote reference of the body. */
void vndoc_docx__note_label(vndoc_docx__loader *ld, char *out, size_t size);
void vndoc_docx__notes_free(vndoc_docx *doc);

/* tables.c */
/* A table read row by row (the body's tables are streamed). */
typedef struct vndoc_docx__tbl_build {
	vndoc_docx__loader *ld;
	vndoc_docx_table *out;
	vndoc_docx__tbl_patch tp;
	unsigned char *own_sets;  /* per cell: the borders it sets itself */
	size_t n_cells, cap_own, cap_rows;
	int depth;
	size_t parse_grid;        /* gridCol count as read (before any fallback) */
	size_t max_cells;         /* the most cells of a row read so far */
	/* Conditional formatting: the table style's chain (root first), tblLook
	 * (0x20 firstRow .. 0x400 noVBand), the band sizes. */
	const vndoc_docx__style *chain[VNDOC_DOCX__MAX_STYLE_CHAIN];
	int n_chain;
	bool named;               /* the table names its style (w:tblStyle) */
	unsigned look;
	int row_band, col_band;
	/* Read whole: the number of rows when known before the rows (else
	 * SIZE_MAX).  When the last row's look matters and the count is not
	 * known, each row is read when the next comes (or the table ends):
	 * `pending` is a copy of the row not read yet. */
	size_t n_rows_known;
	bool defer;
	xmlNode *pending;
} vndoc_docx__tbl_build;
int vndoc_docx__table_begin(vndoc_docx__loader *ld, const xmlNode *tblpr, const xmlNode *grid,
			    vndoc_docx_table *out, int depth, vndoc_docx__tbl_build *tb);
int vndoc_docx__table_row(vndoc_docx__loader *ld, vndoc_docx__tbl_build *tb, const xmlNode *tr);
/** Reads `tr` into `row` (not into the table: a streamed body's table),
 * its borders resolved as row `r` of `n_rows`.  On failure the row is
 * disposed. */
int vndoc_docx__table_row_alone(vndoc_docx__loader *ld, vndoc_docx__tbl_build *tb, const xmlNode *tr,
				vndoc_docx_row *row, size_t r, size_t n_rows);
void vndoc_docx__row_dispose(vndoc_docx_row *row);
/** A table without a grid: one column per cell of the widest row. */
void vndoc_docx__table_grid_fallback(vndoc_docx_table *t, size_t max_cells);
/** Finishes the table (borders resolved) when `ok`; frees the builder.
 * A negative code when a row held back could not be read (the table is
 * finished without it). */
int vndoc_docx__table_end(vndoc_docx__tbl_build *tb, bool ok);
int vndoc_docx__parse_table(vndoc_docx__loader *ld, const xmlNode *tbl, vndoc_docx_table *out,
			    int depth);
void vndoc_docx__table_dispose(vndoc_docx_table *t);

#endif
