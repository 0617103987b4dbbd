/*
 * docx/styles.c: styles.xml (document defaults, paragraph, character and
 * table styles with basedOn chains) and the property patches they hold.
 */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "docx/docx_internal.h"

/* basedOn chains longer than this are cycles or crafted input. */
#define MAX_STYLE_CHAIN VNDOC_DOCX__MAX_STYLE_CHAIN

static void copy_str(char *dst, size_t size, const char *src)
{
	size_t n = src ? strlen(src) : 0;
	if (n >= size)
		n = size - 1;
	if (n)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

static uint32_t parse_color(const char *s, uint32_t dflt)
{
	char *end;
	unsigned long v;
	if (!s || vndoc_docx__eq(s, "auto"))
		return dflt;
	v = strtoul(s, &end, 16);
	return *end ? dflt : (uint32_t)(v & 0xffffff);
}

const xmlNode *vndoc_docx__side(const xmlNode *box, int side)
{
	/* Word 2007 writes left and right, later versions start and end. */
	static const char *const names[6][2] = { { "top", "top" },       { "left", "start" },
						 { "bottom", "bottom" }, { "right", "end" },
						 { "insideH", "insideH" }, { "insideV", "insideV" } };
	const xmlNode *c = vndoc_docx__child(box, names[side][0]);
	return c ? c : vndoc_docx__child(box, names[side][1]);
}

unsigned vndoc_docx__parse_borders(const xmlNode *box, int n, vndoc_docx_border *out)
{
	unsigned set = 0;
	for (int i = 0; i < n; i++) {
		const xmlNode *b = vndoc_docx__side(box, i);
		if (b) {
			vndoc_docx__parse_border(b, &out[i]);
			set |= 1u << i;
		}
	}
	return set;
}

/* How LibreOffice 7.4 counts a border style's width from w:sz
 * (editeng's ConvertBorderWidthFromWord, checked with soffice on a table
 * of each style: the rows move by the width; inset and outset take 2w,
 * not the 2w + 0.75 pt the function gives, rounded as
 * vndoc_layout__border_width says).  poi-bug59058 and
 * poi-bib-chernigovka: tables of outset 0.75 pt borders, each row 0.8 pt
 * taller than single borders make it. */
static vndoc_docx_border_weight border_weight(const char *val)
{
	static const struct {
		const char *name;
		vndoc_docx_border_weight weight;
	} table[] = {
		{"thick", VNDOC_DOCX_BORDER_W_TWICE},
		{"threeDEmboss", VNDOC_DOCX_BORDER_W_QUARTERS},
		{"threeDEngrave", VNDOC_DOCX_BORDER_W_QUARTERS},
		{"inset", VNDOC_DOCX_BORDER_W_INSET},
		{"outset", VNDOC_DOCX_BORDER_W_INSET},
		{"thinThickMediumGap", VNDOC_DOCX_BORDER_W_QUARTERS},
		{"thickThinMediumGap", VNDOC_DOCX_BORDER_W_QUARTERS},
		{"thinThickThinMediumGap", VNDOC_DOCX_BORDER_W_QUARTERS},
		{"triple", VNDOC_DOCX_BORDER_W_THRICE},
		{"doubleWave", VNDOC_DOCX_BORDER_W_THRICE},
		{"thinThickSmallGap", VNDOC_DOCX_BORDER_W_SMALL_GAP},
		{"thickThinSmallGap", VNDOC_DOCX_BORDER_W_SMALL_GAP},
		{"thinThickThinSmallGap", VNDOC_DOCX_BORDER_W_SMALL_GAP},
		{"thinThickLargeGap", VNDOC_DOCX_BORDER_W_LARGE_GAP},
		{"thickThinLargeGap", VNDOC_DOCX_BORDER_W_LARGE_GAP},
		{"thinThickThinLargeGap", VNDOC_DOCX_BORDER_W_LARGE_GAP},
	};
	/* First bytes first: a table's borders are mostly "single", none of these. */
	for (size_t i = 0; val && i < sizeof table / sizeof table[0]; i++)
		if (vndoc_docx__eq(val, table[i].name))
			return table[i].weight;
	return VNDOC_DOCX_BORDER_W_STYLE;
}

void vndoc_docx__parse_border(const xmlNode *b, vndoc_docx_border *out)
{
	const char *val = vndoc_docx__attr(b, "val");
	memset(out, 0, sizeof *out);
	if (!val || vndoc_docx__eq(val, "nil") || vndoc_docx__eq(val, "none"))
		out->style = VNDOC_DOCX_BORDER_NONE;
	else if (vndoc_docx__eq(val, "double"))
		out->style = VNDOC_DOCX_BORDER_DOUBLE;
	else if (vndoc_docx__eq(val, "dotted"))
		out->style = VNDOC_DOCX_BORDER_DOTTED;
	else if (vndoc_docx__eq(val, "dashed") || vndoc_docx__eq(val, "dashSmallGap") ||
		 vndoc_docx__eq(val, "dotDash") || vndoc_docx__eq(val, "dotDotDash"))
		out->style = VNDOC_DOCX_BORDER_DASHED;
	else
		out->style = VNDOC_DOCX_BORDER_SINGLE; /* thick, triple, art...: drawn single */
	out->weight = border_weight(val);
	out->size = vndoc_docx__attr_int(b, "sz", 4);
	out->space = vndoc_docx__attr_int(b, "space", 0);
	if (out->space < 0 || out->space > 31)
		out->space = 0;
	out->color = parse_color(vndoc_docx__attr(b, "color"), 0);
}

/* An ST_OnOff attribute's value: "1", "true", "on" (and "0", "false",
 * "off", "none" for off). */
static bool onoff_value(const char *v)
{
	return !vndoc_docx__eq(v, "0") && !vndoc_docx__eq(v, "false") && !vndoc_docx__eq(v, "off") &&
	       !vndoc_docx__eq(v, "none");
}

static vndoc_docx_align parse_align(const char *v)
{
	if (!v)
		return VNDOC_DOCX_ALIGN_LEFT;
	if (vndoc_docx__eq(v, "center"))
		return VNDOC_DOCX_ALIGN_CENTER;
	if (vndoc_docx__eq(v, "right") || vndoc_docx__eq(v, "end"))
		return VNDOC_DOCX_ALIGN_RIGHT;
	if (vndoc_docx__eq(v, "both") || vndoc_docx__eq(v, "distribute") ||
	    vndoc_docx__eq(v, "lowKashida") || vndoc_docx__eq(v, "mediumKashida") ||
	    vndoc_docx__eq(v, "highKashida"))
		return VNDOC_DOCX_ALIGN_BOTH;
	return VNDOC_DOCX_ALIGN_LEFT;
}

void vndoc_docx__parse_ppr(const xmlNode *ppr, vndoc_docx__ppr_patch *out)
{
	const xmlNode *c;
	int v;

	if (!ppr)
		return;
	for (c = ppr->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (vndoc_docx__is(c, "jc")) {
			out->v.align = parse_align(vndoc_docx__attr(c, "val"));
			out->set |= VNDOC_DOCX__P_ALIGN;
		} else if (vndoc_docx__is(c, "ind")) {
			const char *s;
			if ((s = vndoc_docx__attr(c, "left")) || (s = vndoc_docx__attr(c, "start"))) {
				out->v.ind_left = atoi(s);
				out->set |= VNDOC_DOCX__P_IND_LEFT;
			}
			if ((s = vndoc_docx__attr(c, "right")) || (s = vndoc_docx__attr(c, "end"))) {
				out->v.ind_right = atoi(s);
				out->set |= VNDOC_DOCX__P_IND_RIGHT;
			}
			if ((s = vndoc_docx__attr(c, "hanging"))) {
				out->v.ind_first = -atoi(s);
				out->set |= VNDOC_DOCX__P_IND_FIRST;
			} else if ((s = vndoc_docx__attr(c, "firstLine"))) {
				out->v.ind_first = atoi(s);
				out->set |= VNDOC_DOCX__P_IND_FIRST;
			}
		} else if (vndoc_docx__is(c, "spacing")) {
			const char *s;
			if ((s = vndoc_docx__attr(c, "before"))) {
				out->v.space_before = atoi(s);
				out->set |= VNDOC_DOCX__P_BEFORE;
			}
			if ((s = vndoc_docx__attr(c, "after"))) {
				out->v.space_after = atoi(s);
				out->set |= VNDOC_DOCX__P_AFTER;
			}
			if ((s = vndoc_docx__attr(c, "beforeAutospacing"))) {
				out->v.auto_before = onoff_value(s);
				out->set |= VNDOC_DOCX__P_AUTO_BEFORE;
			}
			if ((s = vndoc_docx__attr(c, "afterAutospacing"))) {
				out->v.auto_after = onoff_value(s);
				out->set |= VNDOC_DOCX__P_AUTO_AFTER;
			}
			if ((s = vndoc_docx__attr(c, "line"))) {
				const char *rule = vndoc_docx__attr(c, "lineRule");
				out->v.line = atoi(s);
				out->v.line_rule = !rule || !strcmp(rule, "auto") ? VNDOC_DOCX_LINE_AUTO
						   : !strcmp(rule, "exact")      ? VNDOC_DOCX_LINE_EXACT
										 : VNDOC_DOCX_LINE_AT_LEAST;
				out->set |= VNDOC_DOCX__P_LINE;
			}
		} else if (vndoc_docx__is(c, "framePr")) {
			vndoc_docx__parse_frame(c, &out->v.frame);
			out->set |= VNDOC_DOCX__P_FRAME;
		} else if (vndoc_docx__is(c, "outlineLvl")) {
			int lvl = vndoc_docx__attr_int(c, "val", 9);
			out->v.outline_level = lvl >= 0 && lvl <= 8 ? lvl : -1; /* 9: body text */
			out->set |= VNDOC_DOCX__P_OUTLINE;
		} else if (vndoc_docx__is(c, "keepNext")) {
			out->v.keep_next = vndoc_docx__onoff(c) == 1;
			out->set |= VNDOC_DOCX__P_KEEP_NEXT;
		} else if (vndoc_docx__is(c, "bidi")) {
			out->v.bidi = vndoc_docx__onoff(c) == 1;
			out->set |= VNDOC_DOCX__P_BIDI;
		} else if (vndoc_docx__is(c, "keepLines")) {
			out->v.keep_lines = vndoc_docx__onoff(c) == 1;
			out->set |= VNDOC_DOCX__P_KEEP_LINES;
		} else if (vndoc_docx__is(c, "pageBreakBefore")) {
			out->v.page_break_before = vndoc_docx__onoff(c) == 1;
			out->set |= VNDOC_DOCX__P_PAGE_BREAK;
		} else if (vndoc_docx__is(c, "widowControl")) {
			out->v.widow_control = vndoc_docx__onoff(c) == 1;
			out->set |= VNDOC_DOCX__P_WIDOW;
		} else if (vndoc_docx__is(c, "pBdr")) {
			const xmlNode *b;
			if ((b = vndoc_docx__child(c, "top"))) {
				vndoc_docx__parse_border(b, &out->v.border_top);
				out->set |= VNDOC_DOCX__P_BORDER_TOP;
			}
			if ((b = vndoc_docx__child(c, "bottom"))) {
				vndoc_docx__parse_border(b, &out->v.border_bottom);
				out->set |= VNDOC_DOCX__P_BORDER_BOTTOM;
			}
		} else if (vndoc_docx__is(c, "contextualSpacing")) {
			out->v.contextual_spacing = vndoc_docx__onoff(c) == 1;
			out->set |= VNDOC_DOCX__P_CONTEXTUAL;
		} else if (vndoc_docx__is(c, "numPr")) {
			const xmlNode *id = vndoc_docx__child(c, "numId");
			const xmlNode *lvl = vndoc_docx__child(c, "ilvl");
			if (id) {
				out->v.num_id = vndoc_docx__attr_int(id, "val", 0);
				out->set |= VNDOC_DOCX__P_NUM;
			}
			if (lvl) {
				v = vndoc_docx__attr_int(lvl, "val", 0);
				out->v.num_level = v < 0 || v > 8 ? 0 : v;
				out->set |= VNDOC_DOCX__P_NUM;
			}
		} else if (vndoc_docx__is(c, "tabs")) {
			const xmlNode *t;
			for (t = c->children; t; t = t->next) {
				const char *val;
				vndoc_docx__tab_patch *tp;
				if (!vndoc_docx__is(t, "tab") || out->n_tabs >= VNDOC_DOCX_MAX_TABS)
					continue;
				val = vndoc_docx__attr(t, "val");
				tp = &out->tabs[out->n_tabs++];
				tp->pos = vndoc_docx__attr_int(t, "pos", 0);
				tp->clear = val && !strcmp(val, "clear");
				tp->align = !val                      ? VNDOC_DOCX_TAB_LEFT
					    : !strcmp(val, "center")  ? VNDOC_DOCX_TAB_CENTER
					    : !strcmp(val, "right") || !strcmp(val, "end") ? VNDOC_DOCX_TAB_RIGHT
					    : !strcmp(val, "decimal") ? VNDOC_DOCX_TAB_DECIMAL
								      : VNDOC_DOCX_TAB_LEFT;
				val = vndoc_docx__attr(t, "leader");
				tp->leader = !val                        ? VNDOC_DOCX_LEADER_NONE
					     : !strcmp(val, "dot")       ? VNDOC_DOCX_LEADER_DOT
					     : !strcmp(val, "hyphen")    ? VNDOC_DOCX_LEADER_HYPHEN
					     : !strcmp(val, "underscore") || !strcmp(val, "heavy")
						     ? VNDOC_DOCX_LEADER_UNDERSCORE
					     : !strcmp(val, "middleDot") ? VNDOC_DOCX_LEADER_MIDDLE_DOT
									 : VNDOC_DOCX_LEADER_NONE;
			}
		}
	}
}

/* w:highlight's named colours. */
static uint32_t highlight_color(const char *v, bool *on)
{
	static const struct {
		const char *name;
		uint32_t rgb;
	} names[] = {
		{ "yellow", 0xffff00 }, { "green", 0x00ff00 }, { "cyan", 0x00ffff }, { "magenta", 0xff00ff },
		{ "blue", 0x0000ff }, { "red", 0xff0000 }, { "darkBlue", 0x000080 }, { "darkCyan", 0x008080 },
		{ "darkGreen", 0x008000 }, { "darkMagenta", 0x800080 }, { "darkRed", 0x800000 },
		{ "darkYellow", 0x808000 }, { "darkGray", 0x808080 }, { "lightGray", 0xc0c0c0 },
		{ "black", 0x000000 }, { "white", 0xffffff },
	};
	*on = false;
	for (size_t i = 0; v && i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(v, names[i].name)) {
			*on = true;
			return names[i].rgb;
		}
	return 0;
}

/* w:rFonts' East Asian and complex-script fonts and its hint. */
static void parse_script_fonts(const xmlNode *c, vndoc_docx__rpr_patch *out)
{
	const char *ea = vndoc_docx__attr(c, "eastAsia"), *ea_theme = vndoc_docx__attr(c, "eastAsiaTheme");
	const char *cs = vndoc_docx__attr(c, "cs"), *cs_theme = vndoc_docx__attr(c, "cstheme");
	const char *hint = vndoc_docx__attr(c, "hint");
	if (ea_theme || ea) {
		copy_str(out->theme_ea, sizeof out->theme_ea, ea_theme ? ea_theme : "");
		copy_str(out->v.font_ea, sizeof out->v.font_ea, ea_theme ? "" : ea);
		out->set |= VNDOC_DOCX__R_FONT_EA;
	}
	if (cs_theme || cs) {
		copy_str(out->theme_cs, sizeof out->theme_cs, cs_theme ? cs_theme : "");
		copy_str(out->v.font_cs, sizeof out->v.font_cs, cs_theme ? "" : cs);
		out->set |= VNDOC_DOCX__R_FONT_CS;
	}
	if (hint) {
		out->v.hint_ea = !strcmp(hint, "eastAsia");
		out->set |= VNDOC_DOCX__R_HINT;
	}
}

void vndoc_docx__parse_rpr(const xmlNode *rpr, vndoc_docx__rpr_patch *out)
{
	const xmlNode *c;
	int on;

	if (!rpr)
		return;
	for (c = rpr->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		on = vndoc_docx__onoff(c) == 1;
		if (vndoc_docx__is(c, "rFonts")) {
			const char *f = vndoc_docx__attr(c, "ascii");
			const char *theme = vndoc_docx__attr(c, "asciiTheme");
			if (!f)
				f = vndoc_docx__attr(c, "hAnsi");
			if (!theme)
				theme = vndoc_docx__attr(c, "hAnsiTheme");
			if (theme) {
				copy_str(out->theme_font, sizeof out->theme_font, theme);
				out->set |= VNDOC_DOCX__R_FONT;
			} else if (f) {
				copy_str(out->v.font, sizeof out->v.font, f);
				out->theme_font[0] = '\0';
				out->set |= VNDOC_DOCX__R_FONT;
			}
			parse_script_fonts(c, out);
		} else if (vndoc_docx__is(c, "sz")) {
			int sz = vndoc_docx__attr_int(c, "val", 0);
			if (sz > 0 && sz <= 3276) {
				out->v.size = sz;
				out->set |= VNDOC_DOCX__R_SIZE;
			}
		} else if (vndoc_docx__is(c, "szCs")) {
			int sz = vndoc_docx__attr_int(c, "val", 0);
			if (sz > 0 && sz <= 3276) {
				out->v.size_cs = sz;
				out->set |= VNDOC_DOCX__R_SIZE_CS;
			}
		} else if (vndoc_docx__is(c, "b")) {
			out->v.bold = on;
			out->set |= VNDOC_DOCX__R_BOLD;
		} else if (vndoc_docx__is(c, "bCs")) {
			out->v.bold_cs = on;
			out->set |= VNDOC_DOCX__R_BOLD_CS;
		} else if (vndoc_docx__is(c, "i")) {
			out->v.italic = on;
			out->set |= VNDOC_DOCX__R_ITALIC;
		} else if (vndoc_docx__is(c, "iCs")) {
			out->v.italic_cs = on;
			out->set |= VNDOC_DOCX__R_ITALIC_CS;
		} else if (vndoc_docx__is(c, "u")) {
			const char *v = vndoc_docx__attr(c, "val");
			out->v.underline = v && strcmp(v, "none") != 0;
			out->v.underline_style = !v                          ? VNDOC_DOCX_UNDERLINE_SINGLE
						 : !strcmp(v, "double")       ? VNDOC_DOCX_UNDERLINE_DOUBLE
						 : !strcmp(v, "dotted") || !strcmp(v, "dottedHeavy")
							 ? VNDOC_DOCX_UNDERLINE_DOTTED
						 : !strncmp(v, "dot", 3) || !strncmp(v, "dash", 4)
							 ? VNDOC_DOCX_UNDERLINE_DASHED
						 : !strncmp(v, "wav", 3)      ? VNDOC_DOCX_UNDERLINE_WAVE
									      : VNDOC_DOCX_UNDERLINE_SINGLE;
			out->set |= VNDOC_DOCX__R_UNDERLINE;
		} else if (vndoc_docx__is(c, "highlight")) {
			out->v.highlight = highlight_color(vndoc_docx__attr(c, "val"), &out->v.has_highlight);
			out->set |= VNDOC_DOCX__R_HIGHLIGHT;
		} else if (vndoc_docx__is(c, "shd")) {
			/* Run shading shows like a highlight (which wins over it). */
			const char *fill = vndoc_docx__attr(c, "fill");
			if (!(out->set & VNDOC_DOCX__R_HIGHLIGHT) || !out->v.has_highlight) {
				out->v.has_highlight = fill && strcmp(fill, "auto") && strcmp(fill, "FFFFFF");
				out->v.highlight = out->v.has_highlight ? parse_color(fill, 0) : 0;
				out->set |= VNDOC_DOCX__R_HIGHLIGHT;
			}
		} else if (vndoc_docx__is(c, "spacing")) {
			int v = vndoc_docx__attr_int(c, "val", 0);
			out->v.spacing = v < -2000 ? -2000 : v > 2000 ? 2000 : v;
			out->set |= VNDOC_DOCX__R_SPACING;
		} else if (vndoc_docx__is(c, "position")) {
			/* 0 is as if not written (LibreOffice ignores it). */
			int v = vndoc_docx__attr_int(c, "val", 0);
			if (v) {
				out->v.position = v < -3276 ? -3276 : v > 3276 ? 3276 : v;
				out->set |= VNDOC_DOCX__R_POSITION;
			}
		} else if (vndoc_docx__is(c, "w")) {
			/* w:w="150" or, as python-docx and Word 2010+ write it,
			 * "150%" (ST_TextScale); the schema's range is 1-600. */
			int v = vndoc_docx__attr_int(c, "val", 100);
			out->v.scale = v < 1 ? 1 : v > 600 ? 600 : v == 100 ? 0 : v;
			out->set |= VNDOC_DOCX__R_SCALE;
		} else if (vndoc_docx__is(c, "strike")) {
			out->v.strike = on;
			out->set |= VNDOC_DOCX__R_STRIKE;
		} else if (vndoc_docx__is(c, "dstrike")) {
			out->v.dstrike = on;
			out->set |= VNDOC_DOCX__R_DSTRIKE;
		} else if (vndoc_docx__is(c, "caps")) {
			out->v.caps = on;
			out->set |= VNDOC_DOCX__R_CAPS;
		} else if (vndoc_docx__is(c, "smallCaps")) {
			out->v.small_caps = on;
			out->set |= VNDOC_DOCX__R_SMALL_CAPS;
		} else if (vndoc_docx__is(c, "vanish")) {
			out->v.vanish = on;
			out->set |= VNDOC_DOCX__R_VANISH;
		} else if (vndoc_docx__is(c, "vertAlign")) {
			const char *v = vndoc_docx__attr(c, "val");
			out->v.vert_align = !v                         ? VNDOC_DOCX_VALIGN_BASELINE
					    : !strcmp(v, "superscript") ? VNDOC_DOCX_VALIGN_SUPERSCRIPT
					    : !strcmp(v, "subscript")   ? VNDOC_DOCX_VALIGN_SUBSCRIPT
									: VNDOC_DOCX_VALIGN_BASELINE;
			out->set |= VNDOC_DOCX__R_VERT_ALIGN;
		} else if (vndoc_docx__is(c, "kern")) {
			out->v.kern = vndoc_docx__attr_int(c, "val", 0) > 0;
			out->set |= VNDOC_DOCX__R_KERN;
		} else if (vndoc_docx__is(c, "color")) {
			out->v.color = parse_color(vndoc_docx__attr(c, "val"), 0);
			out->set |= VNDOC_DOCX__R_COLOR;
		}
	}
}

static void parse_margins(const xmlNode *mar, vndoc_docx__tbl_patch *out)
{
	for (int i = 0; i < 4; i++) {
		const xmlNode *m = vndoc_docx__side(mar, i);
		if (m) {
			out->margin[i] = vndoc_docx__attr_int(m, "w", 0);
			out->margin_set |= 1u << i;
		}
	}
}

void vndoc_docx__parse_tblpr(const xmlNode *tblpr, vndoc_docx__tbl_patch *out)
{
	const xmlNode *c;

	if (!tblpr)
		return;
	if ((c = vndoc_docx__child(tblpr, "tblBorders")))
		out->border_set |= vndoc_docx__parse_borders(c, 6, out->border);
	if ((c = vndoc_docx__child(tblpr, "tblCellMar")))
		parse_margins(c, out);
	if ((c = vndoc_docx__child(tblpr, "jc"))) {
		out->align = parse_align(vndoc_docx__attr(c, "val"));
		if (out->align == VNDOC_DOCX_ALIGN_BOTH)
			out->align = VNDOC_DOCX_ALIGN_LEFT;
		out->align_set = true;
	}
	if ((c = vndoc_docx__child(tblpr, "tblInd"))) {
		out->indent = vndoc_docx__attr_int(c, "w", 0);
		out->indent_set = true;
	}
}

void vndoc_docx__apply_ppr(vndoc_docx_ppr *dst, vndoc_docx__tabs *tabs, const vndoc_docx__ppr_patch *p)
{
	unsigned s = p->set;
	if (s & VNDOC_DOCX__P_ALIGN)
		dst->align = p->v.align;
	if (s & VNDOC_DOCX__P_IND_LEFT)
		dst->ind_left = p->v.ind_left;
	if (s & VNDOC_DOCX__P_IND_RIGHT)
		dst->ind_right = p->v.ind_right;
	if (s & VNDOC_DOCX__P_IND_FIRST)
		dst->ind_first = p->v.ind_first;
	if (s & VNDOC_DOCX__P_BEFORE)
		dst->space_before = p->v.space_before;
	if (s & VNDOC_DOCX__P_AFTER)
		dst->space_after = p->v.space_after;
	if (s & VNDOC_DOCX__P_AUTO_BEFORE)
		dst->auto_before = p->v.auto_before;
	if (s & VNDOC_DOCX__P_AUTO_AFTER)
		dst->auto_after = p->v.auto_after;
	if (s & VNDOC_DOCX__P_LINE) {
		dst->line = p->v.line;
		dst->line_rule = p->v.line_rule;
	}
	if (s & VNDOC_DOCX__P_KEEP_NEXT)
		dst->keep_next = p->v.keep_next;
	if (s & VNDOC_DOCX__P_KEEP_LINES)
		dst->keep_lines = p->v.keep_lines;
	if (s & VNDOC_DOCX__P_BIDI)
		dst->bidi = p->v.bidi;
	if (s & VNDOC_DOCX__P_PAGE_BREAK)
		dst->page_break_before = p->v.page_break_before;
	if (s & VNDOC_DOCX__P_WIDOW)
		dst->widow_control = p->v.widow_control;
	if (s & VNDOC_DOCX__P_CONTEXTUAL)
		dst->contextual_spacing = p->v.contextual_spacing;
	if (s & VNDOC_DOCX__P_BORDER_TOP)
		dst->border_top = p->v.border_top;
	if (s & VNDOC_DOCX__P_FRAME)
		dst->frame = p->v.frame;
	if (s & VNDOC_DOCX__P_OUTLINE)
		dst->outline_level = p->v.outline_level;
	if (s & VNDOC_DOCX__P_BORDER_BOTTOM)
		dst->border_bottom = p->v.border_bottom;
	if (s & VNDOC_DOCX__P_NUM) {
		dst->num_id = p->v.num_id;
		dst->num_level = p->v.num_level;
	}
	/* Tab stops accumulate along the chain; "clear" removes an inherited one. */
	for (int i = 0; i < p->n_tabs; i++) {
		const vndoc_docx__tab_patch *t = &p->tabs[i];
		int j, k;
		for (j = 0; j < tabs->n && tabs->t[j].pos != t->pos; j++)
			;
		if (j < tabs->n) {
			if (t->clear) {
				memmove(&tabs->t[j], &tabs->t[j + 1],
					(size_t)(tabs->n - j - 1) * sizeof tabs->t[0]);
				tabs->n--;
			} else {
				tabs->t[j].align = t->align;
				tabs->t[j].leader = t->leader;
			}
			continue;
		}
		if (t->clear || tabs->n >= VNDOC_DOCX_MAX_TABS)
			continue;
		for (k = tabs->n; k > 0 && tabs->t[k - 1].pos > t->pos; k--)
			tabs->t[k] = tabs->t[k - 1];
		tabs->t[k].pos = t->pos;
		tabs->t[k].align = t->align;
		tabs->t[k].leader = t->leader;
		tabs->n++;
	}
}

const vndoc_docx_tab *vndoc_docx__intern_tabs(vndoc_docx__loader *ld, const vndoc_docx__tabs *tabs)
{
	vndoc_docx *doc = ld->doc;
	size_t size = (size_t)tabs->n * sizeof tabs->t[0];
	vndoc_docx_tab *copy;

	if (tabs->n <= 0)
		return NULL;
	if (ld->stream) {
		/* A streamed body is read several times: every list is found
		 * again (a hash of them all), so that they do not pile up. */
		uint64_t h = 1469598103934665603u;
		size_t mask, k;
		for (size_t i = 0; i < size; i++)
			h = (h ^ ((const unsigned char *)tabs->t)[i]) * 1099511628211u;
		if (2 * (doc->n_tab_sets + 1) > ld->tab_hash_cap) {
			size_t cap = ld->tab_hash_cap ? ld->tab_hash_cap * 2 : 64;
			free(ld->tab_hash);
			ld->tab_hash = vndoc_xcalloc(cap, sizeof *ld->tab_hash);
			ld->tab_hash_cap = cap;
			for (size_t i = 0; i < doc->n_tab_sets; i++) {
				uint64_t hi = 1469598103934665603u;
				size_t si = (size_t)doc->tab_set_sizes[i] * sizeof tabs->t[0];
				for (size_t b = 0; b < si; b++)
					hi = (hi ^ ((const unsigned char *)doc->tab_sets[i])[b]) * 1099511628211u;
				for (k = (size_t)hi & (cap - 1); ld->tab_hash[k]; k = (k + 1) & (cap - 1))
					;
				ld->tab_hash[k] = i + 1;
			}
		}
		mask = ld->tab_hash_cap - 1;
		for (k = (size_t)h & mask; ld->tab_hash[k]; k = (k + 1) & mask) {
			size_t i = ld->tab_hash[k] - 1;
			if (doc->tab_set_sizes[i] == tabs->n && !memcmp(doc->tab_sets[i], tabs->t, size))
				return doc->tab_sets[i];
		}
		ld->tab_hash[k] = doc->n_tab_sets + 1;
	} else {
		/* Most documents have a handful of distinct lists: look at the
		 * last few made (a bounded search, whatever the document). */
		for (size_t i = doc->n_tab_sets, k = 0; i > 0 && k < 16; i--, k++)
			if (doc->tab_set_sizes[i - 1] == tabs->n && !memcmp(doc->tab_sets[i - 1], tabs->t, size))
				return doc->tab_sets[i - 1];
	}
	copy = vndoc_xmalloc(size);
	memcpy(copy, tabs->t, size);
	doc->tab_sets = vndoc_xreallocarray(doc->tab_sets, doc->n_tab_sets + 1, sizeof *doc->tab_sets);
	doc->tab_set_sizes = vndoc_xreallocarray(doc->tab_set_sizes, doc->n_tab_sets + 1,
						 sizeof *doc->tab_set_sizes);
	doc->tab_sets[doc->n_tab_sets] = copy;
	doc->tab_set_sizes[doc->n_tab_sets++] = tabs->n;
	return copy;
}

/* A theme font by its name in w:rFonts: minorHAnsi, majorAscii,
 * minorEastAsia, majorBidi...; an East Asian or complex-script one the
 * theme leaves empty is its Latin font. */
static const char *theme_face(const vndoc_docx__loader *ld, const char *name)
{
	bool major = !strncmp(name, "major", 5);
	const char *face = strstr(name, "EastAsia") ? (major ? ld->major_ea : ld->minor_ea)
			   : strstr(name, "Bidi")   ? (major ? ld->major_cs : ld->minor_cs)
						    : "";
	return *face ? face : major ? ld->major_font : ld->minor_font;
}

void vndoc_docx__apply_rpr(const vndoc_docx__loader *ld, vndoc_docx_rpr *dst,
			   const vndoc_docx__rpr_patch *p)
{
	unsigned s = p->set;
	if (s & VNDOC_DOCX__R_FONT) {
		if (p->theme_font[0])
			copy_str(dst->font, sizeof dst->font, theme_face(ld, p->theme_font));
		else
			copy_str(dst->font, sizeof dst->font, p->v.font);
	}
	if (s & VNDOC_DOCX__R_FONT_EA)
		copy_str(dst->font_ea, sizeof dst->font_ea, p->theme_ea[0] ? theme_face(ld, p->theme_ea) : p->v.font_ea);
	if (s & VNDOC_DOCX__R_FONT_CS)
		copy_str(dst->font_cs, sizeof dst->font_cs, p->theme_cs[0] ? theme_face(ld, p->theme_cs) : p->v.font_cs);
	if (s & VNDOC_DOCX__R_HINT)
		dst->hint_ea = p->v.hint_ea;
	if (s & VNDOC_DOCX__R_SIZE)
		dst->size = p->v.size;
	if (s & VNDOC_DOCX__R_BOLD)
		dst->bold = p->v.bold;
	if (s & VNDOC_DOCX__R_ITALIC)
		dst->italic = p->v.italic;
	if (s & VNDOC_DOCX__R_SIZE_CS)
		dst->size_cs = p->v.size_cs;
	if (s & VNDOC_DOCX__R_BOLD_CS)
		dst->bold_cs = p->v.bold_cs;
	if (s & VNDOC_DOCX__R_ITALIC_CS)
		dst->italic_cs = p->v.italic_cs;
	if (s & VNDOC_DOCX__R_UNDERLINE) {
		dst->underline = p->v.underline;
		dst->underline_style = p->v.underline_style;
	}
	if (s & VNDOC_DOCX__R_HIGHLIGHT) {
		dst->has_highlight = p->v.has_highlight;
		dst->highlight = p->v.highlight;
	}
	if (s & VNDOC_DOCX__R_SPACING)
		dst->spacing = p->v.spacing;
	if (s & VNDOC_DOCX__R_STRIKE)
		dst->strike = p->v.strike;
	if (s & VNDOC_DOCX__R_DSTRIKE)
		dst->dstrike = p->v.dstrike;
	if (s & VNDOC_DOCX__R_CAPS)
		dst->caps = p->v.caps;
	if (s & VNDOC_DOCX__R_SMALL_CAPS)
		dst->small_caps = p->v.small_caps;
	if (s & VNDOC_DOCX__R_VANISH)
		dst->vanish = p->v.vanish;
	if (s & VNDOC_DOCX__R_VERT_ALIGN)
		dst->vert_align = p->v.vert_align;
	if (s & VNDOC_DOCX__R_COLOR)
		dst->color = p->v.color;
	if (s & VNDOC_DOCX__R_KERN)
		dst->kern = p->v.kern;
	if (s & VNDOC_DOCX__R_POSITION)
		dst->position = p->v.position;
	if (s & VNDOC_DOCX__R_SCALE)
		dst->scale = p->v.scale;
}

/*
 * w:position in a style: LibreOffice cannot know the run's final size
 * there, so a raised style is a superscript and a lowered one a subscript
 * (unless the style sets w:vertAlign itself); in docDefaults it is
 * ignored (writerfilter, DomainMapper).
 */
static void style_position(vndoc_docx__rpr_patch *r, bool defaults)
{
	if (!(r->set & VNDOC_DOCX__R_POSITION))
		return;
	if (!defaults && !(r->set & VNDOC_DOCX__R_VERT_ALIGN)) {
		r->v.vert_align = r->v.position > 0 ? VNDOC_DOCX_VALIGN_SUPERSCRIPT : VNDOC_DOCX_VALIGN_SUBSCRIPT;
		r->set |= VNDOC_DOCX__R_VERT_ALIGN;
	}
	r->v.position = 0;
	r->set &= ~(unsigned)VNDOC_DOCX__R_POSITION;
}

void vndoc_docx__apply_tbl(vndoc_docx__tbl_patch *dst, const vndoc_docx__tbl_patch *p)
{
	for (int i = 0; i < 6; i++)
		if (p->border_set & (1u << i))
			dst->border[i] = p->border[i];
	for (int i = 0; i < 4; i++)
		if (p->margin_set & (1u << i))
			dst->margin[i] = p->margin[i];
	dst->border_set |= p->border_set;
	dst->margin_set |= p->margin_set;
	if (p->align_set) {
		dst->align = p->align;
		dst->align_set = true;
	}
	if (p->indent_set) {
		dst->indent = p->indent;
		dst->indent_set = true;
	}
}

static const vndoc_docx__style *find_style(const vndoc_docx__loader *ld, const char *id, int type)
{
	for (size_t i = 0; i < ld->n_styles; i++)
		if (ld->styles[i].type == type && !strcmp(ld->styles[i].id, id))
			return &ld->styles[i];
	return NULL;
}

/* The chain from `id` up through basedOn, root last; returns its length. */
static int style_chain(const vndoc_docx__loader *ld, const char *id, int type,
		       const vndoc_docx__style **chain)
{
	int n = 0;
	const vndoc_docx__style *s = id && *id ? find_style(ld, id, type) : NULL;
	while (s && n < MAX_STYLE_CHAIN) {
		chain[n++] = s;
		s = s->based_on[0] ? find_style(ld, s->based_on, type) : NULL;
	}
	return n;
}

void vndoc_docx__para_style(const vndoc_docx__loader *ld, const char *id, vndoc_docx_ppr *ppr,
			    vndoc_docx__tabs *tabs, vndoc_docx_rpr *rpr)
{
	const vndoc_docx__style *chain[MAX_STYLE_CHAIN];
	int n, table_size;
	vndoc_docx_align table_align;
	bool normal, size_set = false, align_set = false;

	memset(ppr, 0, sizeof *ppr);
	memset(tabs, 0, sizeof *tabs);
	memset(rpr, 0, sizeof *rpr);
	/* The built-in defaults when styles.xml says nothing.  Widow and
	 * orphan control is on, as LibreOffice imports such documents. */
	ppr->line = 240;
	ppr->widow_control = true;
	ppr->outline_level = -1;
	copy_str(rpr->font, sizeof rpr->font, "Times New Roman");
	rpr->size = 20;
	vndoc_docx__apply_ppr(ppr, tabs, &ld->default_p);
	vndoc_docx__apply_rpr(ld, rpr, &ld->default_r);
	/* In a table cell: the table style's pPr and rPr, then those of the
	 * conditions that apply to the cell, above the defaults and below the
	 * paragraph style (as LibreOffice imports them). */
	if (ld->cell_style) {
		const vndoc_docx__cell_style *cs = ld->cell_style;
		for (int i = 0; i < cs->n_chain; i++) {
			const vndoc_docx__style *s = cs->chain[i];
			vndoc_docx__apply_ppr(ppr, tabs, &s->p);
			vndoc_docx__apply_rpr(ld, rpr, &s->r);
			if (!s->ts)
				continue;
			for (int k = 0; k < VNDOC_DOCX__CNF_COUNT; k++) {
				if (!(cs->mask & s->ts->cond_set & (1u << k)))
					continue;
				vndoc_docx__apply_ppr(ppr, tabs, &s->ts->cond[k]->p);
				vndoc_docx__apply_rpr(ld, rpr, &s->ts->cond[k]->r);
			}
		}
	}

	table_size = rpr->size;
	table_align = ppr->align;
	n = style_chain(ld, id, VNDOC_DOCX__STYLE_PARA, chain);
	if (n == 0 && ld->default_para_style[0])
		n = style_chain(ld, ld->default_para_style, VNDOC_DOCX__STYLE_PARA, chain);
	normal = n > 0 && !strcmp(chain[0]->id, ld->default_para_style);
	while (n-- > 0) {
		vndoc_docx__apply_ppr(ppr, tabs, &chain[n]->p);
		vndoc_docx__apply_rpr(ld, rpr, &chain[n]->r);
		size_set |= (chain[n]->r.set & VNDOC_DOCX__R_SIZE) != 0;
		align_set |= (chain[n]->p.set & VNDOC_DOCX__P_ALIGN) != 0;
	}
	/* Word's compatibility rule, which LibreOffice follows
	 * (DomainMapperTableHandler::ApplyParagraphPropertiesFromTableStyle):
	 * in a table, the Normal style's font size of 11 or 12 pt and its
	 * left alignment give way to the table style's (its defaults'),
	 * unless the document sets overrideTableStyleFontSizeAndJustification;
	 * only in a table that names its style (w:tblStyle).  d4j-convert-out:
	 * a Normal of 12 pt, 11 pt in the docDefaults, its "via XSLT" table
	 * (TableGrid) in 11 pt in LibreOffice's PDF; poi-bug57031's table that
	 * names no style keeps 12 pt. */
	if (ld->cell_style && ld->cell_style->named && normal && !ld->override_table_style) {
		if (size_set && (rpr->size == 22 || rpr->size == 24))
			rpr->size = table_size;
		if (align_set && ppr->align == VNDOC_DOCX_ALIGN_LEFT)
			ppr->align = table_align;
	}
}

void vndoc_docx__char_style(const vndoc_docx__loader *ld, const char *id, vndoc_docx_rpr *rpr)
{
	const vndoc_docx__style *chain[MAX_STYLE_CHAIN];
	int n = style_chain(ld, id, VNDOC_DOCX__STYLE_CHAR, chain);
	while (n-- > 0)
		vndoc_docx__apply_rpr(ld, rpr, &chain[n]->r);
}

void vndoc_docx__table_style(const vndoc_docx__loader *ld, const char *id, vndoc_docx__tbl_patch *out,
			     const vndoc_docx__style **root_first, int *n_chain)
{
	const vndoc_docx__style *chain[MAX_STYLE_CHAIN];
	int n = style_chain(ld, id && *id ? id : ld->default_table_style, VNDOC_DOCX__STYLE_TABLE, chain);
	if (root_first) {
		for (int i = 0; i < n; i++)
			root_first[i] = chain[n - 1 - i];
		*n_chain = n;
	}
	while (n-- > 0)
		vndoc_docx__apply_tbl(out, &chain[n]->t);
}

/* A tcPr's shading and borders (tcBorders; insideH and insideV where a
 * table style gives them) onto `out`. */
static void parse_cell_patch(const xmlNode *tcpr, vndoc_docx__cell_patch *out)
{
	const xmlNode *c;

	if (!tcpr)
		return;
	if ((c = vndoc_docx__child(tcpr, "shd"))) {
		const char *fill = vndoc_docx__attr(c, "fill");
		char *end;
		unsigned long v = fill && strcmp(fill, "auto") != 0 ? strtoul(fill, &end, 16) : 0;
		out->fill_set = true;
		out->has_fill = fill && strcmp(fill, "auto") != 0 && !*end && v != 0xffffff;
		out->fill = out->has_fill ? (uint32_t)v : 0;
	}
	if ((c = vndoc_docx__child(tcpr, "tcBorders")))
		out->border_set |= vndoc_docx__parse_borders(c, 6, out->border);
}

/* A table style's own parts: band sizes, tcPr, tblStylePr; NULL when it
 * has none. */
static vndoc_docx__tstyle *parse_table_style(const xmlNode *style)
{
	static const char *const types[VNDOC_DOCX__CNF_COUNT] = {
		"band1Horz", "band2Horz", "band1Vert", "band2Vert", "lastCol", "firstCol",
		"lastRow",   "firstRow",  "swCell",    "seCell",    "nwCell",   "neCell"
	};
	const xmlNode *tblpr = vndoc_docx__child(style, "tblPr"), *x;
	vndoc_docx__tstyle *ts;

	if (!vndoc_docx__child(style, "tblStylePr") && !vndoc_docx__child(style, "tcPr") &&
	    !(tblpr && (vndoc_docx__child(tblpr, "tblStyleRowBandSize") ||
			vndoc_docx__child(tblpr, "tblStyleColBandSize"))))
		return NULL;
	ts = vndoc_xcalloc(1, sizeof *ts);
	ts->header_row = -1;
	if (tblpr && (x = vndoc_docx__child(tblpr, "tblStyleRowBandSize")))
		ts->row_band = vndoc_docx__attr_int(x, "val", 1);
	if (tblpr && (x = vndoc_docx__child(tblpr, "tblStyleColBandSize")))
		ts->col_band = vndoc_docx__attr_int(x, "val", 1);
	parse_cell_patch(vndoc_docx__child(style, "tcPr"), &ts->c);
	for (const xmlNode *c = style->children; c; c = c->next) {
		const char *type;
		vndoc_docx__cond *cond;
		vndoc_docx__tbl_patch tp;
		int k;

		if (!vndoc_docx__is(c, "tblStylePr") || !(type = vndoc_docx__attr(c, "type")))
			continue;
		for (k = 0; k < VNDOC_DOCX__CNF_COUNT && strcmp(types[k], type); k++)
			;
		if (k == VNDOC_DOCX__CNF_COUNT)
			continue; /* wholeTable: the style's own properties */
		if (!ts->cond[k])
			ts->cond[k] = vndoc_xcalloc(1, sizeof *ts->cond[k]);
		cond = ts->cond[k];
		ts->cond_set |= 1u << k;
		vndoc_docx__parse_ppr(vndoc_docx__child(c, "pPr"), &cond->p);
		vndoc_docx__parse_rpr(vndoc_docx__child(c, "rPr"), &cond->r);
		style_position(&cond->r, false);
		/* The condition's tblBorders, under its tcBorders. */
		memset(&tp, 0, sizeof tp);
		vndoc_docx__parse_tblpr(vndoc_docx__child(c, "tblPr"), &tp);
		for (int i = 0; i < 6; i++)
			cond->c.border[i] = tp.border[i];
		cond->c.border_set = tp.border_set;
		parse_cell_patch(vndoc_docx__child(c, "tcPr"), &cond->c);
		/* A header row repeated on each page, as LibreOffice reads it. */
		if (k == VNDOC_DOCX__CNF_FIRST_ROW && (x = vndoc_docx__child(c, "trPr")) &&
		    (x = vndoc_docx__child(x, "tblHeader")))
			ts->header_row = vndoc_docx__onoff(x) == 1;
	}
	return ts;
}

int vndoc_docx__load_styles(vndoc_docx__loader *ld)
{
	xmlDoc *xml = NULL;
	const xmlNode *root, *c, *d;
	size_t cap = 0;
	int error;

	if ((error = vndoc_docx__read_xml(&xml, ld, "word/styles.xml", true)) < 0)
		return error;
	if (!xml)
		return 0;
	root = xmlDocGetRootElement(xml);
	if ((d = vndoc_docx__child(root, "docDefaults"))) {
		const xmlNode *x;
		if ((x = vndoc_docx__child(d, "rPrDefault"))) {
			const xmlNode *lang = vndoc_docx__child(vndoc_docx__child(x, "rPr"), "lang");
			int script = vndoc_docx__ea_script(lang ? vndoc_docx__attr(lang, "eastAsia") : NULL);
			ld->doc->ea_default = script >= 0;
			/* the theme's East Asian font, when it names none, for the
			 * document's East Asian language */
			if (script >= 0 && !ld->minor_ea[0])
				copy_str(ld->minor_ea, sizeof ld->minor_ea, ld->minor_script[script]);
			if (script >= 0 && !ld->major_ea[0])
				copy_str(ld->major_ea, sizeof ld->major_ea, ld->major_script[script]);
			vndoc_docx__parse_rpr(vndoc_docx__child(x, "rPr"), &ld->default_r);
		}
		if ((x = vndoc_docx__child(d, "pPrDefault")))
			vndoc_docx__parse_ppr(vndoc_docx__child(x, "pPr"), &ld->default_p);
		style_position(&ld->default_r, true);
	}
	for (c = root->children; c; c = c->next) {
		vndoc_docx__style *s;
		const char *type, *def;
		const xmlNode *x;

		if (!vndoc_docx__is(c, "style"))
			continue;
		if (ld->n_styles == cap) {
			cap = cap ? cap * 2 : 64;
			ld->styles = vndoc_xreallocarray(ld->styles, cap, sizeof *ld->styles);
		}
		s = &ld->styles[ld->n_styles++];
		memset(s, 0, sizeof *s);
		type = vndoc_docx__attr(c, "type");
		s->type = !type || !strcmp(type, "paragraph") ? VNDOC_DOCX__STYLE_PARA
			  : !strcmp(type, "character")        ? VNDOC_DOCX__STYLE_CHAR
			  : !strcmp(type, "table")            ? VNDOC_DOCX__STYLE_TABLE
							      : VNDOC_DOCX__STYLE_OTHER;
		copy_str(s->id, sizeof s->id, vndoc_docx__attr(c, "styleId"));
		/* No styleId: paragraphs name it by its w:name, as LibreOffice 7.4
		 * finds it (poi-60329's EmptyCellLayoutStyle, 1 pt: its 9 pt
		 * rows were 11.5 pt, 2.5 pt a row, a line a page) */
		if (!s->id[0] && (x = vndoc_docx__child(c, "name")))
			copy_str(s->id, sizeof s->id, vndoc_docx__attr(x, "val"));
		def = vndoc_docx__attr(c, "default");
		s->is_default = def && (!strcmp(def, "1") || !strcmp(def, "true"));
		if ((x = vndoc_docx__child(c, "basedOn")))
			copy_str(s->based_on, sizeof s->based_on, vndoc_docx__attr(x, "val"));
		if (!strcmp(s->based_on, s->id))
			s->based_on[0] = '\0';
		vndoc_docx__parse_ppr(vndoc_docx__child(c, "pPr"), &s->p);
		vndoc_docx__parse_rpr(vndoc_docx__child(c, "rPr"), &s->r);
		style_position(&s->r, false);
		vndoc_docx__parse_tblpr(vndoc_docx__child(c, "tblPr"), &s->t);
		if (s->type == VNDOC_DOCX__STYLE_TABLE)
			s->ts = parse_table_style(c);
		if (s->is_default && s->type == VNDOC_DOCX__STYLE_PARA)
			copy_str(ld->default_para_style, sizeof ld->default_para_style, s->id);
		if (s->is_default && s->type == VNDOC_DOCX__STYLE_TABLE)
			copy_str(ld->default_table_style, sizeof ld->default_table_style, s->id);
	}
	vndoc_xml_free_doc(xml);
	return 0;
}

void vndoc_docx__styles_dispose(vndoc_docx__loader *ld)
{
	for (size_t i = 0; i < ld->n_styles; i++) {
		vndoc_docx__tstyle *ts = ld->styles[i].ts;
		if (!ts)
			continue;
		for (int k = 0; k < VNDOC_DOCX__CNF_COUNT; k++)
			free(ts->cond[k]);
		free(ts);
	}
	free(ld->styles);
	ld->styles = NULL;
	ld->n_styles = 0;
}
