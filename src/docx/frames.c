/*
 * docx/frames.c: a paragraph's text frame (w:framePr, ECMA-376 17.3.1.11),
 * as Word writes it around a footer's page number ("wrap around, at the
 * right of the margin") or a drop cap's box.  The layout places framed
 * paragraphs (layout/frames.c); here only the attributes are read.
 */
#include <string.h>

#include "docx/docx_internal.h"

static vndoc_docx_frame_from parse_from(const char *v)
{
	if (!v)
		return VNDOC_DOCX_FRAME_FROM_TEXT;
	if (!strcmp(v, "page"))
		return VNDOC_DOCX_FRAME_FROM_PAGE;
	if (!strcmp(v, "margin"))
		return VNDOC_DOCX_FRAME_FROM_MARGIN;
	return VNDOC_DOCX_FRAME_FROM_TEXT;
}

/* xAlign (left, center, right, inside, outside) or yAlign (top, center,
 * bottom, inside, outside, inline); absent or unknown: the offset. */
static vndoc_docx_frame_align parse_align(const char *v)
{
	if (!v)
		return VNDOC_DOCX_FRAME_AT;
	if (!strcmp(v, "left") || !strcmp(v, "top"))
		return VNDOC_DOCX_FRAME_LEFT;
	if (!strcmp(v, "center"))
		return VNDOC_DOCX_FRAME_CENTER;
	if (!strcmp(v, "right") || !strcmp(v, "bottom"))
		return VNDOC_DOCX_FRAME_RIGHT;
	if (!strcmp(v, "inside"))
		return VNDOC_DOCX_FRAME_INSIDE;
	if (!strcmp(v, "outside"))
		return VNDOC_DOCX_FRAME_OUTSIDE;
	if (!strcmp(v, "inline"))
		return VNDOC_DOCX_FRAME_INLINE;
	return VNDOC_DOCX_FRAME_AT;
}

void vndoc_docx__parse_frame(const xmlNode *fp, vndoc_docx_frame *out)
{
	const char *v;

	memset(out, 0, sizeof *out);
	out->set = true;
	out->w = vndoc_docx__attr_int(fp, "w", 0);
	out->h = vndoc_docx__attr_int(fp, "h", 0);
	if (out->w < 0)
		out->w = 0;
	if (out->h < 0)
		out->h = 0;
	v = vndoc_docx__attr(fp, "hRule");
	out->h_rule = v && !strcmp(v, "exact")   ? VNDOC_DOCX_LINE_EXACT
		      : v && !strcmp(v, "auto") ? VNDOC_DOCX_LINE_AUTO
		      : out->h > 0             ? VNDOC_DOCX_LINE_AT_LEAST
					       : VNDOC_DOCX_LINE_AUTO;
	out->x = vndoc_docx__attr_int(fp, "x", 0);
	out->y = vndoc_docx__attr_int(fp, "y", 0);
	/* Word's defaults: hAnchor column ("text"), vAnchor margin. */
	out->h_from = parse_from(vndoc_docx__attr(fp, "hAnchor"));
	v = vndoc_docx__attr(fp, "vAnchor");
	out->v_from = v ? parse_from(v) : VNDOC_DOCX_FRAME_FROM_MARGIN;
	out->x_align = parse_align(vndoc_docx__attr(fp, "xAlign"));
	out->y_align = parse_align(vndoc_docx__attr(fp, "yAlign"));
	v = vndoc_docx__attr(fp, "wrap");
	out->wrap = v && !strcmp(v, "notBeside") ? VNDOC_DOCX_FRAME_WRAP_NOT_BESIDE
		    : v && !strcmp(v, "none")   ? VNDOC_DOCX_FRAME_WRAP_NONE
						: VNDOC_DOCX_FRAME_WRAP_AROUND;
	out->h_space = vndoc_docx__attr_int(fp, "hSpace", 0);
	out->v_space = vndoc_docx__attr_int(fp, "vSpace", 0);
	if (out->h_space < 0)
		out->h_space = 0;
	if (out->v_space < 0)
		out->v_space = 0;
}

bool vndoc_docx_frame_same(const vndoc_docx_frame *a, const vndoc_docx_frame *b)
{
	return a->set && b->set && a->w == b->w && a->h == b->h && a->h_rule == b->h_rule && a->x == b->x &&
	       a->y == b->y && a->h_from == b->h_from && a->v_from == b->v_from && a->x_align == b->x_align &&
	       a->y_align == b->y_align && a->wrap == b->wrap && a->h_space == b->h_space &&
	       a->v_space == b->v_space;
}
