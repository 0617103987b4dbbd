/*
 * docx/vml.c: the VML drawings of a run (w:pict, w:object, and the
 * mc:Fallback of shapes Word writes beside DrawingML), read into the same
 * vndoc_docx_drawing as DrawingML shapes (shapes.c).
 *
 * Read: v:rect, v:roundrect (arcsize), v:oval, v:line (from, to),
 * v:polyline (points), v:shape (its path, or its v:shapetype's: m l c r v
 * t x e nf ns; a few o:spt presets), v:group (coordsize, coordorigin)
 * holding any of them, v:textbox (inset, the w:txbxContent story, its
 * text level whatever the shape's rotation and flip, within the outline's
 * textboxrect),
 * v:imagedata (a picture), o:hr rules.  Style: position (absolute: a
 * floating drawing placed by margin-left / margin-top and
 * mso-position-*), left, top, width, height, rotation, flip, z-index
 * (negative: behind the text), visibility, v-text-anchor; w10:wrap.
 * strokecolor, strokeweight, stroked, fillcolor, filled, and the v:stroke
 * (dashstyle, arrows) and v:fill children.  A w:object's VML is its
 * preview picture, drawn with a warning; the object itself is not run.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/limits.h"
#include "docx/docx_internal.h"

/* ---------------------------------------------------------------- style */

/* The value of `key` in a CSS-like style ("a:b;c:d"), into out; false if absent. */
static bool style_get(const char *style, const char *key, char *out, size_t size)
{
	size_t kl = strlen(key);
	for (const char *p = style; p && *p;) {
		const char *end = strchr(p, ';'), *colon;
		size_t n = end ? (size_t)(end - p) : strlen(p);
		while (n && isspace((unsigned char)*p))
			p++, n--;
		colon = memchr(p, ':', n);
		if (colon && (size_t)(colon - p) == kl && !strncmp(p, key, kl)) {
			size_t vl = n - kl - 1;
			const char *v = colon + 1;
			while (vl && isspace((unsigned char)*v))
				v++, vl--;
			if (vl >= size)
				vl = size - 1;
			memcpy(out, v, vl);
			out[vl] = '\0';
			return true;
		}
		p = end ? end + 1 : NULL;
	}
	return false;
}

/* A CSS length in points; unitless numbers are multiplied by `unit`. */
static double length(const char *v, double unit)
{
	char *end;
	double d = strtod(v, &end);
	if (end == v || !(d > -1e7 && d < 1e7))
		return 0;
	while (isspace((unsigned char)*end))
		end++;
	if (!strncmp(end, "pt", 2))
		return d;
	if (!strncmp(end, "in", 2))
		return d * 72;
	if (!strncmp(end, "cm", 2))
		return d * 72 / 2.54;
	if (!strncmp(end, "mm", 2))
		return d * 72 / 25.4;
	if (!strncmp(end, "px", 2))
		return d * 0.75;
	if (!strncmp(end, "pc", 2))
		return d * 12;
	if (!strncmp(end, "em", 2))
		return d * 12;
	return d * unit;
}

static double style_len(const char *style, const char *key, double unit, double dflt)
{
	char v[64];
	return style_get(style, key, v, sizeof v) ? length(v, unit) : dflt;
}

static bool style_is(const char *style, const char *key, const char *val)
{
	char v[64];
	return style_get(style, key, v, sizeof v) && !strcmp(v, val);
}

/* An attribute that is VML's true ("t", "true", "1", "on"); `dflt` if absent. */
static bool truth(const xmlNode *n, const char *name, bool dflt)
{
	const char *v = vndoc_docx__attr(n, name);
	if (!v)
		return dflt;
	return !strcmp(v, "t") || !strcmp(v, "true") || !strcmp(v, "1") || !strcmp(v, "on");
}

/* Two numbers "a,b" (units as length); false when not two. */
static bool pair(const char *v, double unit, double *a, double *b)
{
	const char *comma = v ? strchr(v, ',') : NULL;
	if (!comma)
		return false;
	*a = length(v, unit);
	*b = length(comma + 1, unit);
	return true;
}

/* ---------------------------------------------------------------- colours */

static bool vml_color(const char *v, uint32_t *out)
{
	static const struct { const char *name; uint32_t rgb; } names[] = {
		{ "black", 0x000000 }, { "white", 0xffffff }, { "red", 0xff0000 },    { "green", 0x008000 },
		{ "blue", 0x0000ff },  { "yellow", 0xffff00 }, { "gray", 0x808080 },  { "grey", 0x808080 },
		{ "silver", 0xc0c0c0 }, { "maroon", 0x800000 }, { "navy", 0x000080 }, { "purple", 0x800080 },
		{ "teal", 0x008080 },  { "olive", 0x808000 },  { "lime", 0x00ff00 },  { "aqua", 0x00ffff },
		{ "fuchsia", 0xff00ff }, { "windowText", 0x000000 }, { "window", 0xffffff } };
	char tok[32];
	size_t n;
	if (!v)
		return false;
	while (isspace((unsigned char)*v))
		v++;
	n = strcspn(v, " [");
	if (n == 0 || n >= sizeof tok)
		return false;
	memcpy(tok, v, n);
	tok[n] = '\0';
	if (tok[0] == '#') {
		unsigned long c;
		char *end;
		c = strtoul(tok + 1, &end, 16);
		if (*end)
			return false;
		if (n == 4) /* #rgb */
			c = (c >> 8 & 0xf) * 0x110000 + (c >> 4 & 0xf) * 0x1100 + (c & 0xf) * 0x11;
		else if (n != 7)
			return false;
		*out = (uint32_t)c;
		return true;
	}
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(tok, names[i].name)) {
			*out = names[i].rgb;
			return true;
		}
	return false;
}

/* ---------------------------------------------------------------- outline, fill */

static vndoc_docx_dash vml_dash(const char *v)
{
	static const struct { const char *name; vndoc_docx_dash dash; } dashes[] = {
		{ "solid", VNDOC_DOCX_DASH_SOLID },
		{ "shortdash", VNDOC_DOCX_DASH_SYS_DASH },
		{ "shortdot", VNDOC_DOCX_DASH_SYS_DOT },
		{ "shortdashdot", VNDOC_DOCX_DASH_SYS_DASH_DOT },
		{ "shortdashdotdot", VNDOC_DOCX_DASH_SYS_DASH_DOT_DOT },
		{ "dot", VNDOC_DOCX_DASH_DOT },
		{ "dash", VNDOC_DOCX_DASH_DASH },
		{ "longdash", VNDOC_DOCX_DASH_LG_DASH },
		{ "dashdot", VNDOC_DOCX_DASH_DASH_DOT },
		{ "longdashdot", VNDOC_DOCX_DASH_LG_DASH_DOT },
		{ "longdashdotdot", VNDOC_DOCX_DASH_LG_DASH_DOT_DOT } };
	for (size_t i = 0; v && i < sizeof dashes / sizeof dashes[0]; i++)
		if (!strcmp(v, dashes[i].name))
			return dashes[i].dash;
	/* a custom pattern in line widths ("1 1", "3 1"): dots or dashes */
	if (v && isdigit((unsigned char)*v))
		return strtol(v, NULL, 10) <= 1 ? VNDOC_DOCX_DASH_SYS_DOT : VNDOC_DOCX_DASH_SYS_DASH;
	return v && *v ? VNDOC_DOCX_DASH_DASH : VNDOC_DOCX_DASH_SOLID;
}

static const xmlNode *kid(const xmlNode *n, const char *name)
{
	return vndoc_docx__kid(n, name);
}

static bool named(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* stroke*, fill* attributes and the v:stroke, v:fill children. */
static void paint(const xmlNode *n, vndoc_docx_shape *s)
{
	const xmlNode *st = kid(n, "stroke"), *fi = kid(n, "fill");
	const char *v;
	s->has_stroke = truth(n, "stroked", true);
	s->stroke = 0;
	vml_color(vndoc_docx__attr(n, "strokecolor"), &s->stroke);
	s->stroke_w = (v = vndoc_docx__attr(n, "strokeweight")) ? length(v, 1.0 / 12700) : 0.75;
	s->has_fill = truth(n, "filled", true);
	s->fill = 0xffffff;
	vml_color(vndoc_docx__attr(n, "fillcolor"), &s->fill);
	if (st) {
		s->has_stroke = truth(st, "on", s->has_stroke);
		vml_color(vndoc_docx__attr(st, "color"), &s->stroke);
		if ((v = vndoc_docx__attr(st, "weight")))
			s->stroke_w = length(v, 1.0 / 12700);
		s->dash = vml_dash(vndoc_docx__attr(st, "dashstyle"));
		s->head_arrow = (v = vndoc_docx__attr(st, "startarrow")) && strcmp(v, "none");
		s->tail_arrow = (v = vndoc_docx__attr(st, "endarrow")) && strcmp(v, "none");
	}
	if (fi) {
		s->has_fill = truth(fi, "on", s->has_fill);
		vml_color(vndoc_docx__attr(fi, "color"), &s->fill);
	}
	if (s->stroke_w < 0 || s->stroke_w > 1000)
		s->stroke_w = 0.75;
}

/* ---------------------------------------------------------------- paths */

/* The next number of a VML path at *p: empty (",," or before a letter)
 * is 0; false for a formula (@n) or garbage. */
static bool path_num(const char **p, double *out)
{
	const char *s = *p;
	char *end;
	while (*s == ' ')
		s++;
	if (*s == ',' || !*s || isalpha((unsigned char)*s)) {
		*out = 0;
		*p = *s == ',' ? s + 1 : s;
		return true;
	}
	*out = strtod(s, &end);
	if (end == s || !(fabs(*out) < 1e9))
		return false;
	while (*end == ' ')
		end++;
	*p = *end == ',' ? end + 1 : end;
	return true;
}

/* VML path `v` in the coordsize cw x ch into s->path scaled to the box.
 * False for what is not read (formulas, arcs): drawn as the box. */
static bool vml_path(const char *v, double cw, double ch, vndoc_docx_shape *s)
{
	double sx = cw > 0 ? s->w / cw : 1, sy = ch > 0 ? s->h / ch : 1, cx = 0, cy = 0;
	const char *p = v;
	char cmd = 0;
	bool skip_commas = true;

	for (;;) {
		double n[6], pts[6];
		int want;
		bool rel;
		/* a comma after a command or its numbers is a number left out,
		 * 0: Word's diamond "m10800,l,10800,10800,21600,21600,10800xe"
		 * (its sides went astray), flowChartDocument's "l21597,,,xe"
		 * (its corner (0,0) was lost) */
		while (*p == ' ' || (*p == ',' && skip_commas))
			p++;
		if (!*p)
			return true;
		skip_commas = false;
		if (isalpha((unsigned char)*p)) {
			skip_commas = true;
			if (*p == 'x') {
				vndoc_docx__path_add(s, VNDOC_DOCX_PATH_CLOSE, NULL, 0);
			} else if (*p == 'n' && (p[1] == 'f' || p[1] == 's')) {
				p++;
			} else if (*p != 'e') {
				if (!strchr("mlrtcv", *p))
					return false; /* arcs, quadrants: not read */
				cmd = *p;
				skip_commas = false;
			}
			p++;
			continue;
		}
		if (!cmd)
			return false;
		want = cmd == 'c' || cmd == 'v' ? 6 : 2;
		rel = cmd == 'r' || cmd == 't' || cmd == 'v';
		for (int i = 0; i < want; i++)
			if (!path_num(&p, &n[i]))
				return false;
		for (int i = 0; i < want; i += 2) {
			pts[i] = ((rel ? cx : 0) + n[i]) * sx;
			pts[i + 1] = ((rel ? cy : 0) + n[i + 1]) * sy;
		}
		vndoc_docx__path_add(s, cmd == 'm' || cmd == 't'   ? VNDOC_DOCX_PATH_MOVE
					: cmd == 'c' || cmd == 'v' ? VNDOC_DOCX_PATH_CURVE
								   : VNDOC_DOCX_PATH_LINE,
				     pts, want / 2);
		cx = (rel ? cx : 0) + n[want - 2];
		cy = (rel ? cy : 0) + n[want - 1];
	}
}

/* ---------------------------------------------------------------- shapes */

/* Child coordinates to the drawing's points: x' = dx + sx * x. */
typedef struct vxf {
	double sx, sy, dx, dy;
	double unit; /* points per unitless number: 1 in groups, else px */
} vxf;

typedef struct vwalk {
	vndoc_docx__loader *ld;
	vndoc_docx_drawing *d;
	const xmlNode *pict; /* where v:shapetype elements are looked up */
} vwalk;

/* The v:shapetype of id `id`: in w:pict `pict`, else one an earlier
 * w:pict defined (kept by keep_shapetypes). */
static const xmlNode *shapetype_by_id(const vndoc_docx__loader *ld, const xmlNode *pict, const char *id)
{
	for (const xmlNode *c = pict ? pict->children : NULL; c; c = c->next) {
		const char *cid = vndoc_docx__attr(c, "id");
		if (named(c, "shapetype") && cid && !strcmp(cid, id))
			return c;
	}
	for (size_t i = 0; i < ld->n_vml_types; i++)
		if (!strcmp(vndoc_docx__attr(ld->vml_types[i], "id"), id))
			return ld->vml_types[i];
	return NULL;
}

static const xmlNode *shapetype(const vwalk *wk, const xmlNode *e)
{
	const char *type = vndoc_docx__attr(e, "type");
	if (!type)
		return NULL;
	if (*type == '#')
		type++;
	return shapetype_by_id(wk->ld, wk->pict, type);
}

/* Keeps a copy of each v:shapetype of `pict` not kept yet: Word defines a
 * shape type once, in the first w:pict using it, and later shapes refer
 * to it (poi-stress003 p18: a diamond whose type was defined two w:pict
 * before was drawn as a rectangle). */
static void keep_shapetypes(vndoc_docx__loader *ld, const xmlNode *pict)
{
	for (const xmlNode *c = pict->children; c && ld->n_vml_types < VNDOC_LIMIT_VML_SHAPETYPES; c = c->next) {
		const char *id = vndoc_docx__attr(c, "id");
		xmlNode *copy;
		if (!named(c, "shapetype") || !id || shapetype_by_id(ld, NULL, id))
			continue;
		if (!(copy = xmlCopyNode((xmlNode *)c, 1)))
			continue;
		ld->vml_types = vndoc_xreallocarray(ld->vml_types, ld->n_vml_types + 1, sizeof *ld->vml_types);
		ld->vml_types[ld->n_vml_types++] = copy;
	}
}

void vndoc_docx__vml_dispose(vndoc_docx__loader *ld)
{
	for (size_t i = 0; i < ld->n_vml_types; i++)
		xmlFreeNode(ld->vml_types[i]);
	free(ld->vml_types);
	ld->vml_types = NULL;
	ld->n_vml_types = 0;
}

/* The box of `e` in the drawing: its style's left/top/width/height. */
static void box_of(const xmlNode *e, const vxf *t, vndoc_docx_shape *s)
{
	const char *style = vndoc_docx__attr(e, "style");
	char v[64];
	double x = style_len(style, "left", t->unit, 0) + style_len(style, "margin-left", t->unit, 0);
	double y = style_len(style, "top", t->unit, 0) + style_len(style, "margin-top", t->unit, 0);
	s->x = t->dx + t->sx * x;
	s->y = t->dy + t->sy * y;
	s->w = t->sx * style_len(style, "width", t->unit, 0);
	s->h = t->sy * style_len(style, "height", t->unit, 0);
	if (style_get(style, "rotation", v, sizeof v)) {
		double r = strtod(v, NULL);
		s->rotation = fmod(strchr(v, 'f') ? r / 65536 : r, 360);
	}
	if (style_get(style, "flip", v, sizeof v)) {
		s->flip_h = strchr(v, 'x') != NULL;
		s->flip_v = strchr(v, 'y') != NULL;
	}
}

/*
 * The text rectangle of a v:shape's outline (its v:path's textboxrect, or
 * its v:shapetype's): "left,top,right,bottom" in the coordsize's units,
 * as the room it leaves on each side of the shape's w x h box, in points
 * (order: left, top, right, bottom); false when there is none or it asks
 * for formulas ("@3").  Word and LibreOffice set a diamond's text (o:spt 4,
 * 5400,5400,16200,16200) in its middle half, a flowChartDocument's (114)
 * above its wavy foot: poi-stress003 p18's flow chart, whose diamonds'
 * text ran over their edges.
 */
static bool text_rect(const vwalk *wk, const xmlNode *e, double w, double h, double room[4])
{
	const xmlNode *type = shapetype(wk, e), *path = kid(e, "path");
	const char *r = vndoc_docx__attr(path, "textboxrect"), *cs = vndoc_docx__attr(e, "coordsize");
	double cw = 21600, ch = 21600, v[4];
	char *end;

	if (!r)
		r = vndoc_docx__attr(kid(type, "path"), "textboxrect");
	if (!cs)
		cs = vndoc_docx__attr(type, "coordsize");
	if (!r || (cs && (!pair(cs, 1, &cw, &ch) || cw <= 0 || ch <= 0)))
		return false;
	for (int i = 0; i < 4; i++) {
		v[i] = strtod(r, &end);
		if (end == r || (i < 3 && *end != ',') || (i == 3 && *end && *end != ';'))
			return false;
		r = end + 1;
	}
	if (v[0] < 0 || v[1] < 0 || v[2] > cw || v[3] > ch || v[2] <= v[0] || v[3] <= v[1])
		return false;
	room[0] = w * v[0] / cw;
	room[1] = h * v[1] / ch;
	room[2] = w * (cw - v[2]) / cw;
	room[3] = h * (ch - v[3]) / ch;
	return true;
}

/* v:textbox: the story, its insets (within the outline's text rectangle,
 * `room`), the shape's v-text-anchor. */
static void text_of(vwalk *wk, const xmlNode *e, const xmlNode *tbox, const double room[4],
		    vndoc_docx_text_box **out)
{
	const char *inset = vndoc_docx__attr(tbox, "inset"), *style = vndoc_docx__attr(e, "style");
	static const int order[4] = { VNDOC_DOCX_LEFT, VNDOC_DOCX_TOP, VNDOC_DOCX_RIGHT, VNDOC_DOCX_BOTTOM };
	static const double dflt[4] = { 7.2, 3.6, 7.2, 3.6 };
	vndoc_docx_text_box *tb = vndoc_docx__text_box(wk->ld, tbox);
	char v[64];
	if (!tb)
		return;
	for (int i = 0; i < 4; i++) {
		const char *p = inset;
		tb->inset[order[i]] = dflt[i];
		for (int k = 0; p && k < i; k++)
			p = (p = strchr(p, ',')) ? p + 1 : NULL;
		if (p && *p && *p != ',')
			tb->inset[order[i]] = length(p, 0.75);
		tb->inset[order[i]] += room[i];
	}
	if (style_get(style, "v-text-anchor", v, sizeof v))
		tb->anchor = !strncmp(v, "middle", 6) ? VNDOC_DOCX_CELL_CENTER
			     : !strncmp(v, "bottom", 6) ? VNDOC_DOCX_CELL_BOTTOM
							: VNDOC_DOCX_CELL_TOP;
	tb->grow = style_is(vndoc_docx__attr(tbox, "style"), "mso-fit-shape-to-text", "t");
	tb->level = true;
	*out = tb;
}

/* v:shape's outline: a picture, a preset (o:spt), or its path. */
static void shape_kind(vwalk *wk, const xmlNode *e, vndoc_docx_shape *s)
{
	const xmlNode *type = shapetype(wk, e);
	const char *path = vndoc_docx__attr(e, "path"), *cs = vndoc_docx__attr(e, "coordsize");
	int spt = vndoc_docx__attr_int(e, "spt", vndoc_docx__attr_int(type, "spt", 0));
	double cw = 21600, ch = 21600;

	if (!path)
		path = vndoc_docx__attr(type, "path");
	if (!cs)
		cs = vndoc_docx__attr(type, "coordsize");
	if (cs && (!pair(cs, 1, &cw, &ch) || cw <= 0 || ch <= 0))
		cw = ch = 21600;
	s->kind = VNDOC_DOCX_SHAPE_RECT;
	if (spt == 3) {
		s->kind = VNDOC_DOCX_SHAPE_ELLIPSE;
	} else if (spt == 2 || spt == 176 || spt == 116) {
		/* roundRect (adj 1/6), flowChartAlternateProcess (1/8 of the
		 * shorter side), flowChartTerminator (a stadium) */
		s->kind = VNDOC_DOCX_SHAPE_ROUND_RECT;
		s->radius = fmin(s->w, s->h) * (spt == 2 ? 0.1667 : spt == 176 ? 0.125 : 0.5);
	} else if (spt == 20 || spt == 32) {
		s->kind = VNDOC_DOCX_SHAPE_LINE;
	} else if (spt != 1 && spt != 75 && spt != 202 && path) {
		s->kind = VNDOC_DOCX_SHAPE_PATH;
		if (!vml_path(path, cw, ch, s)) {
			free(s->path);
			s->path = NULL;
			s->n_path = 0;
			s->kind = VNDOC_DOCX_SHAPE_RECT;
			vndoc_docx__warn(wk->ld->doc, "VML shape with a computed outline drawn as its box (v:shape)");
		}
	}
}

static vndoc_docx_shape *push(vwalk *wk)
{
	vndoc_docx_drawing *d = wk->d;
	if (d->n_shapes >= VNDOC_LIMIT_SHAPES)
		return NULL;
	d->shapes = vndoc_xreallocarray(d->shapes, d->n_shapes + 1, sizeof *d->shapes);
	memset(&d->shapes[d->n_shapes], 0, sizeof d->shapes[0]);
	return &d->shapes[d->n_shapes++];
}

static void element(vwalk *wk, const xmlNode *e, const vxf *t, int depth);

static void group(vwalk *wk, const xmlNode *g, const vxf *t, int depth)
{
	vndoc_docx_shape box;
	double cw = 1000, ch = 1000, ox = 0, oy = 0;
	vxf in;
	memset(&box, 0, sizeof box);
	box_of(g, t, &box);
	pair(vndoc_docx__attr(g, "coordsize"), 1, &cw, &ch);
	pair(vndoc_docx__attr(g, "coordorigin"), 1, &ox, &oy);
	in.sx = cw > 0 ? box.w / cw : 1;
	in.sy = ch > 0 ? box.h / ch : 1;
	in.dx = box.x - in.sx * ox;
	in.dy = box.y - in.sy * oy;
	in.unit = 1;
	for (const xmlNode *c = g->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			element(wk, c, &in, depth + 1);
}

/* v:line and v:polyline: their points through `t`. */
static void points(const xmlNode *e, const vxf *t, vndoc_docx_shape *s)
{
	double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
	if (named(e, "line")) {
		const char *from = vndoc_docx__attr(e, "from"), *to = vndoc_docx__attr(e, "to");
		s->kind = VNDOC_DOCX_SHAPE_LINE;
		pair(from ? from : "0,0", t->unit, &x0, &y0);
		pair(to ? to : "10,10", t->unit, &x1, &y1);
		x0 = t->dx + t->sx * x0, x1 = t->dx + t->sx * x1;
		y0 = t->dy + t->sy * y0, y1 = t->dy + t->sy * y1;
		s->x = fmin(x0, x1);
		s->y = fmin(y0, y1);
		s->w = fabs(x1 - x0);
		s->h = fabs(y1 - y0);
		/* the line goes from (x, y) to (x + w, y + h) unless flipped */
		s->flip_h = (x1 < x0) != (y1 < y0);
		s->flip_v = s->flip_h ? false : x1 < x0;
		if (x1 < x0 && y1 < y0)
			s->flip_h = s->flip_v = true;
	} else {
		const char *p = vndoc_docx__attr(e, "points");
		int n = 0;
		s->kind = VNDOC_DOCX_SHAPE_PATH;
		while (p && *p) {
			double x, y, pt[2];
			char *end;
			x = strtod(p, &end);
			if (end == p)
				break;
			p = end + strspn(end, " ,");
			y = strtod(p, &end);
			if (end == p)
				break;
			p = end + strspn(end, " ,");
			pt[0] = t->dx + t->sx * x * t->unit;
			pt[1] = t->dy + t->sy * y * t->unit;
			vndoc_docx__path_add(s, n++ ? VNDOC_DOCX_PATH_LINE : VNDOC_DOCX_PATH_MOVE, pt, 1);
		}
	}
}

static void element(vwalk *wk, const xmlNode *e, const vxf *t, int depth)
{
	const char *name = (const char *)e->name;
	const xmlNode *c;
	vndoc_docx_shape *s;

	if (style_is(vndoc_docx__attr(e, "style"), "visibility", "hidden"))
		return;
	if (!strcmp(name, "group")) {
		if (depth >= VNDOC_LIMIT_SHAPE_DEPTH)
			vndoc_docx__warn(wk->ld->doc, "groups of shapes nested more than %d deep: the deeper ones "
						      "not drawn", VNDOC_LIMIT_SHAPE_DEPTH);
		else
			group(wk, e, t, depth);
		return;
	}
	if (strcmp(name, "rect") && strcmp(name, "roundrect") && strcmp(name, "oval") && strcmp(name, "shape") &&
	    strcmp(name, "line") && strcmp(name, "polyline") && strcmp(name, "image"))
		return;
	if (!(s = push(wk)))
		return;
	paint(e, s);
	if (!strcmp(name, "line") || !strcmp(name, "polyline")) {
		points(e, t, s);
		if (!strcmp(name, "line"))
			s->has_fill = false;
		return;
	}
	box_of(e, t, s);
	if ((c = kid(e, "imagedata")) || !strcmp(name, "image")) {
		const char *rid = vndoc_docx__attr(c ? c : e, "id");
		long img = vndoc_docx__picture_of(wk->ld, rid ? rid : vndoc_docx__attr(c ? c : e, "src"));
		if (img < 0) {
			wk->d->n_shapes--;
			return;
		}
		s->kind = VNDOC_DOCX_SHAPE_PICTURE;
		s->image = (size_t)img;
		s->has_fill = s->has_stroke = false;
	} else if (!strcmp(name, "oval")) {
		s->kind = VNDOC_DOCX_SHAPE_ELLIPSE;
	} else if (!strcmp(name, "roundrect")) {
		const char *a = vndoc_docx__attr(e, "arcsize");
		double f = a ? strtod(a, NULL) : 0.2;
		if (a && strchr(a, 'f'))
			f /= 65536;
		else if (a && strchr(a, '%'))
			f /= 100;
		s->kind = VNDOC_DOCX_SHAPE_ROUND_RECT;
		/* a share of the shorter side, as DrawingML's adj: Word writes
		 * arcsize="10923f" (1/6) for the default roundRect */
		s->radius = fmin(s->w, s->h) * fmax(0, fmin(0.5, f));
	} else if (!strcmp(name, "shape")) {
		shape_kind(wk, e, s);
	}
	if ((c = kid(e, "textbox"))) {
		vndoc_docx_text_box *tb = NULL;
		size_t i = wk->d->n_shapes - 1;
		double room[4] = { 0, 0, 0, 0 };
		if (!strcmp(name, "shape") && !text_rect(wk, e, s->w, s->h, room))
			memset(room, 0, sizeof room);
		text_of(wk, e, c, room, &tb);
		wk->d->shapes[i].text = tb; /* the array may have moved */
	}
}

/* ---------------------------------------------------------------- the drawing */

/* Where a floating VML drawing goes: its style's position and w10:wrap. */
static void vml_anchor(const xmlNode *e, double x, double y, vndoc_docx_anchor *a)
{
	const char *style = vndoc_docx__attr(e, "style");
	const xmlNode *wrap = kid(e, "wrap");
	const char *type = vndoc_docx__attr(wrap, "type"), *side = vndoc_docx__attr(wrap, "side");
	char v[64];

	memset(a, 0, sizeof *a);
	a->h_from = VNDOC_DOCX_FROM_COLUMN;
	if (style_get(style, "mso-position-horizontal-relative", v, sizeof v))
		a->h_from = strstr(v, "-margin-area") ? vndoc_docx__margin_from(v)
			    : !strcmp(v, "margin") ? VNDOC_DOCX_FROM_MARGIN
			    : !strcmp(v, "text") || !strcmp(v, "char") ? VNDOC_DOCX_FROM_COLUMN
								       : VNDOC_DOCX_FROM_PAGE;
	a->v_from = VNDOC_DOCX_FROM_PARAGRAPH;
	if (style_get(style, "mso-position-vertical-relative", v, sizeof v))
		a->v_from = strstr(v, "-margin-area") ? vndoc_docx__margin_from(v)
			    : !strcmp(v, "margin") ? VNDOC_DOCX_FROM_MARGIN
			    : !strcmp(v, "text") || !strcmp(v, "line") ? VNDOC_DOCX_FROM_PARAGRAPH
								       : VNDOC_DOCX_FROM_PAGE;
	a->h_offset = x;
	a->v_offset = y;
	if (style_get(style, "mso-position-horizontal", v, sizeof v) && strcmp(v, "absolute"))
		a->h_align = !strcmp(v, "center")    ? VNDOC_DOCX_ANCHOR_CENTER
			     : !strcmp(v, "right")   ? VNDOC_DOCX_ANCHOR_END
			     : !strcmp(v, "inside")  ? VNDOC_DOCX_ANCHOR_INSIDE
			     : !strcmp(v, "outside") ? VNDOC_DOCX_ANCHOR_OUTSIDE
						     : VNDOC_DOCX_ANCHOR_START;
	if (style_get(style, "mso-position-vertical", v, sizeof v) && strcmp(v, "absolute"))
		a->v_align = !strcmp(v, "center")                           ? VNDOC_DOCX_ANCHOR_CENTER
			     : !strcmp(v, "bottom") || !strcmp(v, "outside") ? VNDOC_DOCX_ANCHOR_END
									      : VNDOC_DOCX_ANCHOR_START;
	a->z = style_get(style, "z-index", v, sizeof v) ? strtol(v, NULL, 10) : 0;
	a->behind = a->z < 0;
	a->dist_l = style_len(style, "mso-wrap-distance-left", 0.75, 0);
	a->dist_r = style_len(style, "mso-wrap-distance-right", 0.75, 0);
	a->dist_t = style_len(style, "mso-wrap-distance-top", 0.75, 0);
	a->dist_b = style_len(style, "mso-wrap-distance-bottom", 0.75, 0);
	if (type && (!strcmp(type, "square") || !strcmp(type, "tight") || !strcmp(type, "through")))
		a->wrap = VNDOC_DOCX_WRAP_SQUARE;
	else if (type && !strcmp(type, "topAndBottom"))
		a->wrap = VNDOC_DOCX_WRAP_TOP_BOTTOM;
	a->wrap_side = vndoc_docx__wrap_side(side);
}

/* The first element of a w:pict or w:object that draws something. */
static const xmlNode *first_drawn(const xmlNode *pict)
{
	static const char *const kinds[] = { "group", "rect", "roundrect", "oval", "shape", "line", "polyline",
					     "image" };
	for (const xmlNode *c = pict->children; c; c = c->next)
		for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
			if (named(c, kinds[i]))
				return c;
	return NULL;
}

/* An o:hr rule: a bar as wide as the column (or its o:hrpct share). */
static vndoc_docx_drawing *rule(const xmlNode *e, double *w, double *h)
{
	const char *style = vndoc_docx__attr(e, "style"), *pct = vndoc_docx__attr(e, "hrpct");
	vndoc_docx_drawing *d = vndoc_xcalloc(1, sizeof *d);
	vndoc_docx_shape *s = vndoc_xcalloc(1, sizeof *s);
	*w = style_len(style, "width", 0.75, 0);
	*h = style_len(style, "height", 0.75, 1.5);
	if (*h <= 0 || *h > 1000)
		*h = 1.5;
	if (*w <= 0 || *w > 10000 || pct) {
		double p = pct ? strtod(pct, NULL) / 1000 : 1;
		d->rel_w = p > 0 && p <= 1 ? p : 1;
		*w = 0;
	}
	paint(e, s);
	if (!vndoc_docx__attr(e, "fillcolor"))
		s->fill = 0xa0a0a0; /* Word's grey rule */
	s->kind = VNDOC_DOCX_SHAPE_RECT;
	s->w = *w;
	s->h = *h;
	d->w = *w;
	d->h = *h;
	d->shapes = s;
	d->n_shapes = 1;
	return d;
}

long vndoc_docx__parse_vml(vndoc_docx__loader *ld, const xmlNode *pict, double *w, double *h,
			   bool *floating, vndoc_docx_anchor *anchor, vndoc_docx_drawing **shapes)
{
	const xmlNode *e = first_drawn(pict), *img;
	bool object = named(pict, "object");
	const char *style;
	vwalk wk;
	vxf t = { 1, 1, 0, 0, 0.75 };
	double x, y;

	*shapes = NULL;
	keep_shapetypes(ld, pict);
	if (!e) {
		/* an empty w:pict draws nothing, as in Word; anything else (an
		 * ActiveX control, an OLE object without a preview) is named */
		const xmlNode *c = pict->children;
		while (c && c->type != XML_ELEMENT_NODE)
			c = c->next;
		if (c)
			vndoc_docx__warn(ld->doc, object ? "embedded object (w:object) not drawn"
							 : "VML drawing without shapes (w:pict) not drawn");
		return -1;
	}
	style = vndoc_docx__attr(e, "style");
	if (truth(e, "hr", false)) {
		*shapes = rule(e, w, h);
		return -1;
	}
	*floating = style_is(style, "position", "absolute");
	x = style_len(style, "margin-left", 0.75, 0) + style_len(style, "left", 0.75, 0);
	y = style_len(style, "margin-top", 0.75, 0) + style_len(style, "top", 0.75, 0);
	*w = style_len(style, "width", 0.75, 0);
	*h = style_len(style, "height", 0.75, 0);
	if (object)
		vndoc_docx__warn(ld->doc, "embedded object (w:object) drawn as its preview picture");
	if (named(e, "line")) {
		vndoc_docx_shape probe;
		memset(&probe, 0, sizeof probe);
		points(e, &t, &probe);
		x += probe.x, y += probe.y;
		*w = probe.w, *h = probe.h;
		t.dx = -probe.x, t.dy = -probe.y;
	}
	if (!(*w >= 0 && *h >= 0 && *w < 10000 && *h < 10000) || (*w <= 0 && *h <= 0)) {
		vndoc_docx__warn(ld->doc, "VML drawing without a size not drawn (%s)", object ? "w:object" : "w:pict");
		*floating = false;
		return -1;
	}
	if (*floating)
		vml_anchor(e, x, y, anchor);
	/* A lone picture: drawn as any picture. */
	if (named(e, "shape") && (img = kid(e, "imagedata")) && !kid(e, "textbox"))
		return vndoc_docx__picture_of(ld, vndoc_docx__attr(img, "id"));
	memset(&wk, 0, sizeof wk);
	wk.ld = ld;
	wk.pict = pict;
	wk.d = vndoc_xcalloc(1, sizeof *wk.d);
	wk.d->w = *w;
	wk.d->h = *h;
	if (!named(e, "line")) {
		/* the top element fills the drawing: its offset went to the anchor */
		t.dx = -x;
		t.dy = -y;
		if (!*floating) {
			t.dx = -(style_len(style, "left", 0.75, 0) + style_len(style, "margin-left", 0.75, 0));
			t.dy = -(style_len(style, "top", 0.75, 0) + style_len(style, "margin-top", 0.75, 0));
		}
	}
	element(&wk, e, &t, 0);
	for (const xmlNode *c = e->next; c; c = c->next)
		if (first_drawn(pict) != c && (named(c, "rect") || named(c, "shape") || named(c, "group") ||
					       named(c, "line") || named(c, "oval") || named(c, "roundrect")))
			vndoc_docx__warn(ld->doc, "VML drawing with several shapes: the first drawn (w:pict)");
	*shapes = wk.d;
	return -1;
}
