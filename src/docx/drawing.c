/*
 * docx/drawing.c: pictures and the other drawings of a run.
 *
 * An inline picture (w:drawing/wp:inline holding pic:pic, whose a:blip
 * r:embed names a part: picture.c reads it) becomes an IMAGE inline at its extent;
 * a floating one (wp:anchor) a FLOAT inline with its position and how the
 * text wraps around it (the layout does it for body paragraphs; a warning
 * says where it does not).  Everything else a run may draw
 * -- shapes (wps), groups, text boxes, charts, SmartArt, VML (w:pict), OLE
 * objects -- is skipped with one warning per kind.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/limits.h"
#include "docx/docx_internal.h"

#define EMU_PER_PT 12700.0

void vndoc_docx__warn(vndoc_docx *doc, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	for (size_t i = 0; i < doc->n_warnings; i++)
		if (!strcmp(doc->warnings[i], msg))
			return;
	if (doc->n_warnings >= VNDOC_DOCX_MAX_WARNINGS)
		return;
	doc->warnings = vndoc_xreallocarray(doc->warnings, doc->n_warnings + 1, sizeof *doc->warnings);
	doc->warnings[doc->n_warnings++] = vndoc_xstrdup(msg);
}

/* A child by local name, any namespace. */
static const xmlNode *child_named(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, name))
			return c;
	return NULL;
}

/* The first element child. */
static const xmlNode *first_element(const xmlNode *n)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

/* A descendant by local name (depth first, bounded). */
static const xmlNode *find_named(const xmlNode *n, const char *name, int depth)
{
	if (!n || depth > VNDOC_LIMIT_DRAWING_DEPTH)
		return NULL;
	for (const xmlNode *c = n->children; c; c = c->next) {
		const xmlNode *hit;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!strcmp((const char *)c->name, name))
			return c;
		if ((hit = find_named(c, name, depth + 1)))
			return hit;
	}
	return NULL;
}

/* "prefix:name" of an element, for warnings. */
static void qname(char *out, size_t size, const xmlNode *n)
{
	if (n->ns && n->ns->prefix)
		snprintf(out, size, "%s:%s", (const char *)n->ns->prefix, (const char *)n->name);
	else
		snprintf(out, size, "%s", (const char *)n->name);
}

/* A wp:inline or wp:anchor: the picture, or a warning naming what it holds. */
static long picture(vndoc_docx__loader *ld, const xmlNode *inl, const char *what_name, double *w,
		    double *h)
{
	const xmlNode *ext = child_named(inl, "extent");
	const xmlNode *data = child_named(child_named(inl, "graphic"), "graphicData");
	const xmlNode *what = first_element(data), *blip;
	const vndoc_docx__rel *rel;
	char name[96];

	if (!what) {
		vndoc_docx__warn(ld->doc, "empty drawing (%s) not drawn", what_name);
		return -1;
	}
	qname(name, sizeof name, what);
	if (strcmp((const char *)what->name, "pic")) {
		if (!strcmp((const char *)what->name, "wsp"))
			vndoc_docx__warn(ld->doc, find_named(what, "txbx", 0) ? "text box (%s) not drawn"
									    : "shape (%s) not drawn",
					 name);
		else if (!strcmp((const char *)what->name, "chart"))
			vndoc_docx__warn(ld->doc, "chart (%s) not drawn", name);
		else if (!strcmp((const char *)what->name, "wgp"))
			vndoc_docx__warn(ld->doc, "group of shapes (%s) not drawn", name);
		else if (!strcmp((const char *)what->name, "relIds"))
			vndoc_docx__warn(ld->doc, "SmartArt diagram (%s) not drawn", name);
		else
			vndoc_docx__warn(ld->doc, "drawing (%s) not drawn", name);
		return -1;
	}
	blip = find_named(what, "blip", 0);
	rel = vndoc_docx__rel_find(ld, blip ? vndoc_docx__attr(blip, "embed") : NULL);
	if (!rel) {
		vndoc_docx__warn(ld->doc, "linked or missing picture (pic:pic) not drawn");
		return -1;
	}
	*w = vndoc_docx__attr_int(ext, "cx", 0) / EMU_PER_PT;
	*h = vndoc_docx__attr_int(ext, "cy", 0) / EMU_PER_PT;
	if (*w <= 0 || *h <= 0 || *w > 10000 || *h > 10000) {
		vndoc_docx__warn(ld->doc, "picture %s has no size, not drawn", rel->target);
		return -1;
	}
	return vndoc_docx__load_picture(ld, rel->target);
}

/* The text of child `name` of `n`, or NULL. */
static const char *child_text(const xmlNode *n, const char *name)
{
	const xmlNode *c = child_named(n, name);
	for (const xmlNode *t = c ? c->children : NULL; t; t = t->next)
		if (t->type == XML_TEXT_NODE && t->content)
			return (const char *)t->content;
	return NULL;
}

/* positionH / positionV of a wp:anchor. */
static void parse_position(const xmlNode *pos, bool horizontal, vndoc_docx_anchor_from *from,
			   vndoc_docx_anchor_align *align, double *offset)
{
	const char *rel = vndoc_docx__attr(pos, "relativeFrom"), *a = child_text(pos, "align");
	const char *off = child_text(pos, "posOffset");

	*from = VNDOC_DOCX_FROM_PAGE;
	if (rel && !strcmp(rel, "margin"))
		*from = VNDOC_DOCX_FROM_MARGIN;
	else if (rel && (!strcmp(rel, horizontal ? "leftMargin" : "topMargin") ||
			 !strcmp(rel, horizontal ? "rightMargin" : "bottomMargin") ||
			 (horizontal && (!strcmp(rel, "insideMargin") || !strcmp(rel, "outsideMargin")))))
		*from = vndoc_docx__margin_from(rel);
	else if (rel && horizontal && (!strcmp(rel, "column") || !strcmp(rel, "character")))
		*from = VNDOC_DOCX_FROM_COLUMN;
	else if (rel && !horizontal && (!strcmp(rel, "paragraph") || !strcmp(rel, "line")))
		*from = VNDOC_DOCX_FROM_PARAGRAPH;
	else if (!rel)
		*from = horizontal ? VNDOC_DOCX_FROM_COLUMN : VNDOC_DOCX_FROM_PARAGRAPH;
	*align = VNDOC_DOCX_ANCHOR_OFFSET;
	*offset = 0;
	if (a) {
		*align = !strcmp(a, "center")                                ? VNDOC_DOCX_ANCHOR_CENTER
			 : horizontal && !strcmp(a, "inside")                 ? VNDOC_DOCX_ANCHOR_INSIDE
			 : horizontal && !strcmp(a, "outside")                ? VNDOC_DOCX_ANCHOR_OUTSIDE
			 : !strcmp(a, "right") || !strcmp(a, "bottom") || !strcmp(a, "outside") ? VNDOC_DOCX_ANCHOR_END
											 : VNDOC_DOCX_ANCHOR_START;
	} else if (off) {
		double v = strtod(off, NULL) / EMU_PER_PT;
		*offset = v > -10000 && v < 10000 ? v : 0;
	}
}

/* distT, distB, distL, distR of a wp:anchor, in points. */
static double dist(const xmlNode *anchor, const char *name)
{
	double v = vndoc_docx__attr_int(anchor, name, 0) / EMU_PER_PT;
	return v > 0 && v < 1000 ? v : 0;
}

/* A wp:anchor: a picture where its position says, over or under the text. */
static long floating_picture(vndoc_docx__loader *ld, const xmlNode *anchor, double *w, double *h,
			     vndoc_docx_anchor *out)
{
	long img = picture(ld, anchor, "wp:anchor", w, h);
	if (img >= 0)
		vndoc_docx__parse_anchor(ld, anchor, out);
	return img;
}

void vndoc_docx__parse_anchor(vndoc_docx__loader *ld, const xmlNode *anchor, vndoc_docx_anchor *out)
{
	static const char *const wraps[] = { "wrapSquare", "wrapTight", "wrapThrough", "wrapTopAndBottom" };
	const char *behind = vndoc_docx__attr(anchor, "behindDoc");
	const xmlNode *wrap = NULL;
	size_t k;

	memset(out, 0, sizeof *out);
	parse_position(child_named(anchor, "positionH"), true, &out->h_from, &out->h_align, &out->h_offset);
	parse_position(child_named(anchor, "positionV"), false, &out->v_from, &out->v_align, &out->v_offset);
	out->behind = behind && (!strcmp(behind, "1") || !strcmp(behind, "true"));
	out->z = strtol(vndoc_docx__attr(anchor, "relativeHeight") ? vndoc_docx__attr(anchor, "relativeHeight") : "0",
			NULL, 10);
	out->dist_t = dist(anchor, "distT");
	out->dist_b = dist(anchor, "distB");
	out->dist_l = dist(anchor, "distL");
	out->dist_r = dist(anchor, "distR");
	for (k = 0; k < sizeof wraps / sizeof wraps[0] && !wrap; k++)
		wrap = child_named(anchor, wraps[k]);
	if (!wrap)
		return; /* wrapNone: over or under the text */
	k--;
	if (k == 3) {
		out->wrap = VNDOC_DOCX_WRAP_TOP_BOTTOM;
	} else {
		const char *side = vndoc_docx__attr(wrap, "wrapText");
		out->wrap = VNDOC_DOCX_WRAP_SQUARE;
		out->wrap_side = vndoc_docx__wrap_side(side);
		if (k > 0)
			vndoc_docx__warn(ld->doc, "text wraps around the box of floating pictures, not their "
						  "outline (wp:%s)", wraps[k]);
		/* LibreOffice and Word put text on both sides of a picture in
		 * the middle of the text; the layout on the wider one only. */
		if (out->wrap_side == VNDOC_DOCX_WRAP_BOTH && out->h_align == VNDOC_DOCX_ANCHOR_CENTER)
			vndoc_docx__warn(ld->doc, "text goes on one side only of a centred floating picture "
						  "(wp:%s bothSides)", wraps[k]);
	}
	/* The layout wraps the body's paragraphs only. */
	if (!ld->in_body)
		vndoc_docx__warn(ld->doc, "text in headers, footers and table cells does not wrap around "
					  "floating pictures (wp:%s)", wraps[k]);
}

/* A w:drawing: its wp:inline or wp:anchor, a picture or shapes. */
static long drawing(vndoc_docx__loader *ld, const xmlNode *n, double *w, double *h, bool *floating,
		    vndoc_docx_anchor *anchor, vndoc_docx_drawing **shapes)
{
	const xmlNode *inl = child_named(n, "inline"), *anc = child_named(n, "anchor");
	const xmlNode *holder = inl ? inl : anc;
	const xmlNode *what = first_element(child_named(child_named(holder, "graphic"), "graphicData"));

	if (!holder)
		return -1;
	if (what && strcmp((const char *)what->name, "pic")) {
		/* Shapes, groups; charts and the like keep their room. */
		if (!(*shapes = vndoc_docx__parse_shapes(ld, holder, what, w, h)))
			return -1;
		*floating = anc && !inl;
		if (*floating)
			vndoc_docx__parse_anchor(ld, anc, anchor);
		return -1;
	}
	if (inl)
		return picture(ld, inl, "wp:inline", w, h);
	*floating = true;
	return floating_picture(ld, anc, w, h, anchor);
}

long vndoc_docx__parse_drawing(vndoc_docx__loader *ld, const xmlNode *n, double *w, double *h,
			       bool *floating, vndoc_docx_anchor *anchor, vndoc_docx_drawing **shapes)
{
	const char *name = (const char *)n->name;
	char q[96];

	*floating = false;
	*shapes = NULL;
	if (!strcmp(name, "AlternateContent")) {
		/* The choice Word reads (wps, wpg, ...); the fallback (usually
		 * VML) when it needs what we do not read (ink, chartex...). */
		const xmlNode *choice = vndoc_docx__mc_read(ld, n);
		long found = -1;
		for (const xmlNode *c = choice ? choice->children : NULL; c && found < 0 && !*shapes; c = c->next)
			if (c->type == XML_ELEMENT_NODE)
				found = vndoc_docx__parse_drawing(ld, c, w, h, floating, anchor, shapes);
		return found;
	}
	if (!strcmp(name, "drawing"))
		return drawing(ld, n, w, h, floating, anchor, shapes);
	if (!strcmp(name, "pict") || !strcmp(name, "object"))
		return vndoc_docx__parse_vml(ld, n, w, h, floating, anchor, shapes);
	qname(q, sizeof q, n);
	vndoc_docx__warn(ld->doc, "drawing (%s) not drawn", q);
	return -1;
}
