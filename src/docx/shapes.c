/*
 * docx/shapes.c: DrawingML shapes of a run (wps:wsp), their text boxes
 * (wps:txbx), groups (wpg:wgp, wpg:grpSp) and drawing canvases (wpc:wpc),
 * read into a vndoc_docx_drawing: the shapes flattened, each in points
 * from the drawing's top-left corner.
 *
 * Preset geometries: rect (and the presets drawn as their box: flowchart
 * process, text frames...), roundRect, ellipse, line and the connectors,
 * triangle, rtTriangle, diamond, parallelogram, hexagon as paths; others
 * are drawn as their box with a warning.  custGeom paths whose points are
 * numbers (moveTo, lnTo, cubicBezTo, quadBezTo, arcTo, close).  Outline
 * (a:ln: width, prstDash, colour, arrowheads) and fill (solidFill; the
 * first stop of a gradient, with a warning) from spPr, else from the
 * shape's style (lnRef, fillRef) as LibreOffice takes them.  Colours:
 * srgbClr, schemeClr through the theme, sysClr, prstClr, with lumMod,
 * lumOff, shade and tint.  Charts and SmartArt keep their room, with a
 * warning.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/limits.h"
#include "docx/docx_internal.h"

#define EMU_PER_PT 12700.0
#define PI 3.14159265358979323846

/* ---------------------------------------------------------------- xml */

const xmlNode *vndoc_docx__kid(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, name))
			return c;
	return NULL;
}

static const xmlNode *kid(const xmlNode *n, const char *name)
{
	return vndoc_docx__kid(n, name);
}

static bool named(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

vndoc_docx_wrap_side vndoc_docx__wrap_side(const char *v)
{
	return !v                     ? VNDOC_DOCX_WRAP_BOTH
	       : !strcmp(v, "left")    ? VNDOC_DOCX_WRAP_LEFT
	       : !strcmp(v, "right")   ? VNDOC_DOCX_WRAP_RIGHT
	       : !strcmp(v, "largest") ? VNDOC_DOCX_WRAP_LARGEST
				       : VNDOC_DOCX_WRAP_BOTH;
}

vndoc_docx_anchor_from vndoc_docx__margin_from(const char *v)
{
	return !strncmp(v, "out", 3)                             ? VNDOC_DOCX_FROM_OUTSIDE_MARGIN
	       : !strncmp(v, "in", 2)                            ? VNDOC_DOCX_FROM_INSIDE_MARGIN
	       : !strncmp(v, "right", 5) || !strncmp(v, "bottom", 6) ? VNDOC_DOCX_FROM_END_MARGIN
								   : VNDOC_DOCX_FROM_START_MARGIN;
}

/* A length attribute in EMU as points; `dflt` when absent or absurd. */
static double emu_attr(const xmlNode *n, const char *name, double dflt)
{
	const char *v = vndoc_docx__attr(n, name);
	double d;
	char *end;
	if (!v)
		return dflt;
	d = strtod(v, &end);
	if (end == v || !(d > -1e12 && d < 1e12))
		return dflt;
	return d / EMU_PER_PT;
}

/* A number attribute (DrawingML's are often past vndoc_docx__attr_int's
 * range: EMU, 60000ths of a degree); `dflt` when absent or absurd. */
static double num(const xmlNode *n, const char *name, double dflt)
{
	double v = emu_attr(n, name, dflt / EMU_PER_PT);
	return v * EMU_PER_PT;
}

/* ---------------------------------------------------------------- colours */

static const char *const scheme_names[12] = { "dk1",     "lt1",     "dk2",     "lt2",     "accent1", "accent2",
					      "accent3", "accent4", "accent5", "accent6", "hlink",   "folHlink" };

/* Office's default theme, for a document without one. */
static const uint32_t office_colors[12] = { 0x000000, 0xffffff, 0x44546a, 0xe7e6e6, 0x4472c4, 0xed7d31,
					    0xa5a5a5, 0xffc000, 0x5b9bd5, 0x70ad47, 0x0563c1, 0x954f72 };

static uint32_t hex_color(const char *v, uint32_t dflt)
{
	char *end;
	unsigned long c;
	if (!v || strlen(v) != 6)
		return dflt;
	c = strtoul(v, &end, 16);
	return *end ? dflt : (uint32_t)c;
}

/* One colour of a theme's clrScheme element. */
static uint32_t scheme_entry(const xmlNode *e, uint32_t dflt)
{
	const xmlNode *c;
	if ((c = kid(e, "srgbClr")))
		return hex_color(vndoc_docx__attr(c, "val"), dflt);
	if ((c = kid(e, "sysClr")))
		return hex_color(vndoc_docx__attr(c, "lastClr"), dflt);
	return dflt;
}

static void read_theme(vndoc_docx__loader *ld)
{
	const char *part = NULL;
	xmlDoc *xml = NULL;
	const xmlNode *el, *n;
	vndoc_error keep = *ld->err;

	ld->theme_read = true;
	memcpy(ld->theme_colors, office_colors, sizeof office_colors);
	ld->theme_lines[0] = 0.5;
	ld->theme_lines[1] = 1.0;
	ld->theme_lines[2] = 1.5;
	for (size_t i = 0; i < ld->n_rels; i++)
		if (!strcmp(ld->rels[i].type, "theme"))
			part = ld->rels[i].target;
	if (!part || vndoc_docx__read_xml(&xml, ld, part, true) < 0 || !xml) {
		*ld->err = keep; /* a damaged theme: Office's colours */
		return;
	}
	el = kid(xmlDocGetRootElement(xml), "themeElements");
	if ((n = kid(el, "clrScheme")))
		for (int i = 0; i < 12; i++)
			ld->theme_colors[i] = scheme_entry(kid(n, scheme_names[i]), ld->theme_colors[i]);
	n = kid(kid(el, "fmtScheme"), "lnStyleLst");
	for (const xmlNode *c = n ? n->children : NULL, *k = NULL; c; c = c->next) {
		int i = 0;
		if (!named(c, "ln"))
			continue;
		for (k = n->children; k != c; k = k->next)
			i += named(k, "ln");
		if (i < 3)
			ld->theme_lines[i] = emu_attr(c, "w", ld->theme_lines[i]);
	}
	vndoc_xml_free_doc(xml);
}

bool vndoc_docx__theme_color(vndoc_docx__loader *ld, const char *name, uint32_t *out)
{
	static const char *const aliases[][2] = { { "tx1", "dk1" }, { "bg1", "lt1" }, { "tx2", "dk2" },
						   { "bg2", "lt2" } };
	if (!ld->theme_read)
		read_theme(ld);
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (!strcmp(name, aliases[i][0]))
			name = aliases[i][1];
	for (int i = 0; i < 12; i++)
		if (!strcmp(name, scheme_names[i])) {
			*out = ld->theme_colors[i];
			return true;
		}
	return false;
}

static void to_hsl(uint32_t c, double *h, double *s, double *l)
{
	double r = (c >> 16 & 0xff) / 255.0, g = (c >> 8 & 0xff) / 255.0, b = (c & 0xff) / 255.0;
	double mx = fmax(r, fmax(g, b)), mn = fmin(r, fmin(g, b)), d = mx - mn;
	*l = (mx + mn) / 2;
	*h = *s = 0;
	if (d <= 0)
		return;
	*s = *l > 0.5 ? d / (2 - mx - mn) : d / (mx + mn);
	*h = mx == r ? fmod((g - b) / d + 6, 6) : mx == g ? (b - r) / d + 2 : (r - g) / d + 4;
	*h /= 6;
}

static double hue(double p, double q, double t)
{
	t = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
	return t < 1 / 6.0 ? p + (q - p) * 6 * t : t < 0.5 ? q : t < 2 / 3.0 ? p + (q - p) * (2 / 3.0 - t) * 6 : p;
}

static unsigned byte_of(double v)
{
	v = v < 0 ? 0 : v > 1 ? 1 : v;
	return (unsigned)(v * 255 + 0.5);
}

static uint32_t from_hsl(double h, double s, double l)
{
	double q = l < 0.5 ? l * (1 + s) : l + s - l * s, p = 2 * l - q;
	if (s <= 0)
		return byte_of(l) << 16 | byte_of(l) << 8 | byte_of(l);
	return byte_of(hue(p, q, h + 1 / 3.0)) << 16 | byte_of(hue(p, q, h)) << 8 | byte_of(hue(p, q, h - 1 / 3.0));
}

/* lumMod, lumOff, shade, tint of colour element `e` applied to `c`. */
static uint32_t modify(const xmlNode *e, uint32_t c)
{
	for (const xmlNode *m = e->children; m; m = m->next) {
		double v, h, s, l;
		if (m->type != XML_ELEMENT_NODE || !vndoc_docx__attr(m, "val"))
			continue;
		v = vndoc_docx__attr_int(m, "val", 100000) / 100000.0;
		if (named(m, "lumMod") || named(m, "lumOff")) {
			to_hsl(c, &h, &s, &l);
			l = named(m, "lumMod") ? l * v : l + v;
			c = from_hsl(h, s, l < 0 ? 0 : l > 1 ? 1 : l);
		} else if (named(m, "shade") || named(m, "tint")) {
			unsigned ch[3] = { c >> 16 & 0xff, c >> 8 & 0xff, c & 0xff };
			for (int i = 0; i < 3; i++)
				ch[i] = named(m, "shade") ? byte_of(ch[i] / 255.0 * v)
							  : byte_of(ch[i] / 255.0 + (1 - ch[i] / 255.0) * (1 - v));
			c = ch[0] << 16 | ch[1] << 8 | ch[2];
		}
	}
	return c;
}

/* The colour a fill, line or style reference element holds (srgbClr,
 * schemeClr, ...); `ph` stands for phClr.  False when it holds none. */
static bool color_in(vndoc_docx__loader *ld, const xmlNode *holder, uint32_t ph, uint32_t *out)
{
	static const struct { const char *name; uint32_t rgb; } presets[] = {
		{ "black", 0x000000 }, { "white", 0xffffff }, { "red", 0xff0000 }, { "green", 0x008000 },
		{ "blue", 0x0000ff },  { "yellow", 0xffff00 }, { "gray", 0x808080 }, { "grey", 0x808080 },
		{ "darkGray", 0xa9a9a9 }, { "lightGray", 0xd3d3d3 }, { "orange", 0xffa500 },
		{ "darkBlue", 0x00008b }, { "darkRed", 0x8b0000 }, { "darkGreen", 0x006400 } };
	for (const xmlNode *e = holder ? holder->children : NULL; e; e = e->next) {
		const char *v = vndoc_docx__attr(e, "val");
		uint32_t c = 0;
		if (e->type != XML_ELEMENT_NODE)
			continue;
		if (named(e, "srgbClr")) {
			c = hex_color(v, 0);
		} else if (named(e, "schemeClr")) {
			if (!v || !strcmp(v, "phClr") || !vndoc_docx__theme_color(ld, v, &c))
				c = ph;
		} else if (named(e, "sysClr")) {
			c = hex_color(vndoc_docx__attr(e, "lastClr"), v && !strcmp(v, "window") ? 0xffffff : 0);
		} else if (named(e, "prstClr")) {
			for (size_t i = 0; i < sizeof presets / sizeof presets[0]; i++)
				if (v && !strcmp(v, presets[i].name))
					c = presets[i].rgb;
		} else if (named(e, "scrgbClr")) {
			c = byte_of(vndoc_docx__attr_int(e, "r", 0) / 100000.0) << 16 |
			    byte_of(vndoc_docx__attr_int(e, "g", 0) / 100000.0) << 8 |
			    byte_of(vndoc_docx__attr_int(e, "b", 0) / 100000.0);
		} else {
			continue;
		}
		*out = modify(e, c);
		return true;
	}
	return false;
}

/* ---------------------------------------------------------------- outline and fill */

static vndoc_docx_dash dash_of(const char *v)
{
	static const char *const names[] = { "solid",     "dot",          "dash",    "lgDash",
					     "dashDot",   "lgDashDot",    "lgDashDotDot", "sysDash",
					     "sysDot",    "sysDashDot",   "sysDashDotDot" };
	for (size_t i = 0; v && i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(v, names[i]))
			return (vndoc_docx_dash)i;
	return VNDOC_DOCX_DASH_SOLID;
}

static bool arrow(const xmlNode *end)
{
	const char *t = vndoc_docx__attr(end, "type");
	return t && strcmp(t, "none");
}

/* The fill of spPr (or a style's fillRef): true when it says something. */
static bool read_fill(vndoc_docx__loader *ld, const xmlNode *sppr, vndoc_docx_shape *s)
{
	const xmlNode *f;
	if (kid(sppr, "noFill")) {
		s->has_fill = false;
		return true;
	}
	if ((f = kid(sppr, "solidFill"))) {
		s->has_fill = color_in(ld, f, 0xffffff, &s->fill);
		return true;
	}
	if ((f = kid(sppr, "gradFill"))) {
		const xmlNode *gs = kid(kid(f, "gsLst"), "gs");
		s->has_fill = color_in(ld, gs, 0xffffff, &s->fill);
		vndoc_docx__warn(ld->doc, "gradient fill of a shape drawn in its first colour (a:gradFill)");
		return true;
	}
	if ((f = kid(sppr, "pattFill"))) {
		s->has_fill = color_in(ld, kid(f, "bgClr"), 0xffffff, &s->fill);
		vndoc_docx__warn(ld->doc, "pattern fill of a shape drawn in its background colour (a:pattFill)");
		return true;
	}
	if (kid(sppr, "blipFill")) {
		s->has_fill = false;
		vndoc_docx__warn(ld->doc, "picture fill of a shape not drawn (a:blipFill)");
		return true;
	}
	return false;
}

/* The outline: a:ln of spPr over the style's lnRef. */
static void read_line(vndoc_docx__loader *ld, const xmlNode *sppr, const xmlNode *style, vndoc_docx_shape *s)
{
	const xmlNode *ln = kid(sppr, "ln"), *ref = kid(style, "lnRef"), *f;
	int idx = ref ? vndoc_docx__attr_int(ref, "idx", 0) : 0;
	uint32_t ref_color = 0;

	if (!ld->theme_read)
		read_theme(ld);
	s->has_stroke = idx > 0 && color_in(ld, ref, 0, &ref_color);
	s->stroke = ref_color;
	s->stroke_w = idx > 0 ? ld->theme_lines[idx > 3 ? 2 : idx - 1] : 0.75;
	if (!ln)
		return;
	s->stroke_w = emu_attr(ln, "w", s->stroke_w);
	if (s->stroke_w < 0 || s->stroke_w > 1000)
		s->stroke_w = 0.75;
	if (kid(ln, "noFill")) {
		s->has_stroke = false;
	} else if ((f = kid(ln, "solidFill"))) {
		s->has_stroke = color_in(ld, f, ref_color, &s->stroke);
	} else if ((f = kid(ln, "gradFill"))) {
		s->has_stroke = color_in(ld, kid(kid(f, "gsLst"), "gs"), ref_color, &s->stroke);
	}
	if ((f = kid(ln, "prstDash")))
		s->dash = dash_of(vndoc_docx__attr(f, "val"));
	else if (kid(ln, "custDash"))
		s->dash = VNDOC_DOCX_DASH_DASH;
	s->head_arrow = arrow(kid(ln, "headEnd"));
	s->tail_arrow = arrow(kid(ln, "tailEnd"));
}

/* ---------------------------------------------------------------- geometry */

void vndoc_docx__path_add(vndoc_docx_shape *s, vndoc_docx_path_verb verb, const double *pts, int n)
{
	vndoc_docx_path_op *op;
	if (s->n_path >= VNDOC_LIMIT_SHAPE_PATH_OPS)
		return;
	s->path = vndoc_xreallocarray(s->path, s->n_path + 1, sizeof *s->path);
	op = &s->path[s->n_path++];
	memset(op, 0, sizeof *op);
	op->verb = verb;
	for (int i = 0; i < n; i++) {
		op->x[i] = pts[2 * i];
		op->y[i] = pts[2 * i + 1];
	}
}

/* A closed polygon of n points (fractions of the box). */
static void polygon(vndoc_docx_shape *s, const double *frac, int n)
{
	for (int i = 0; i < n; i++) {
		double p[2] = { frac[2 * i] * s->w, frac[2 * i + 1] * s->h };
		vndoc_docx__path_add(s, i ? VNDOC_DOCX_PATH_LINE : VNDOC_DOCX_PATH_MOVE, p, 1);
	}
	vndoc_docx__path_add(s, VNDOC_DOCX_PATH_CLOSE, NULL, 0);
}

/* The adjust value `name` of prstGeom's avLst ("val 16667"), or dflt. */
static double adjust(const xmlNode *geom, const char *name, double dflt)
{
	for (const xmlNode *g = kid(kid(geom, "avLst"), "gd"); g; g = g->next) {
		const char *n = vndoc_docx__attr(g, "name"), *f = vndoc_docx__attr(g, "fmla");
		if (named(g, "gd") && n && f && !strcmp(n, name) && !strncmp(f, "val ", 4))
			return strtod(f + 4, NULL);
	}
	return dflt;
}

static void preset(vndoc_docx__loader *ld, const xmlNode *geom, vndoc_docx_shape *s)
{
	static const char *const boxes[] = { "rect", "flowChartProcess", "textBox", "frame", "snip1Rect",
					     "flowChartPredefinedProcess", "flowChartDocument", "plaque", "bevel" };
	static const double tri[] = { 0.5, 0, 1, 1, 0, 1 }, rtri[] = { 0, 0, 1, 1, 0, 1 };
	static const double dia[] = { 0.5, 0, 1, 0.5, 0.5, 1, 0, 0.5 };
	const char *prst = vndoc_docx__attr(geom, "prst");
	double m = fmin(s->w, s->h);

	s->kind = VNDOC_DOCX_SHAPE_RECT;
	if (!prst)
		return;
	for (size_t i = 0; i < sizeof boxes / sizeof boxes[0]; i++)
		if (!strcmp(prst, boxes[i]))
			return;
	if (!strcmp(prst, "roundRect") || !strcmp(prst, "flowChartAlternateProcess")) {
		s->kind = VNDOC_DOCX_SHAPE_ROUND_RECT;
		s->radius = m * fmax(0, fmin(50000, adjust(geom, "adj", 16667))) / 100000;
	} else if (!strcmp(prst, "ellipse") || !strcmp(prst, "flowChartConnector") || !strcmp(prst, "donut")) {
		s->kind = VNDOC_DOCX_SHAPE_ELLIPSE;
	} else if (!strcmp(prst, "line") || !strncmp(prst, "straightConnector", 17) ||
		   !strncmp(prst, "curvedConnector", 15)) {
		s->kind = VNDOC_DOCX_SHAPE_LINE;
	} else if (!strncmp(prst, "bentConnector", 13)) {
		double p[2] = { 0, 0 };
		s->kind = VNDOC_DOCX_SHAPE_PATH;
		vndoc_docx__path_add(s, VNDOC_DOCX_PATH_MOVE, p, 1);
		p[0] = s->w / 2;
		vndoc_docx__path_add(s, VNDOC_DOCX_PATH_LINE, p, 1);
		p[1] = s->h;
		vndoc_docx__path_add(s, VNDOC_DOCX_PATH_LINE, p, 1);
		p[0] = s->w;
		vndoc_docx__path_add(s, VNDOC_DOCX_PATH_LINE, p, 1);
	} else if (!strcmp(prst, "triangle") || !strcmp(prst, "flowChartExtract")) {
		s->kind = VNDOC_DOCX_SHAPE_PATH;
		polygon(s, tri, 3);
	} else if (!strcmp(prst, "rtTriangle")) {
		s->kind = VNDOC_DOCX_SHAPE_PATH;
		polygon(s, rtri, 3);
	} else if (!strcmp(prst, "diamond") || !strcmp(prst, "flowChartDecision")) {
		s->kind = VNDOC_DOCX_SHAPE_PATH;
		polygon(s, dia, 4);
	} else if (!strcmp(prst, "parallelogram") || !strcmp(prst, "flowChartInputOutput")) {
		double a = s->w > 0 ? fmin(0.5, m * adjust(geom, "adj", 25000) / 100000 / s->w) : 0;
		double par[] = { a, 0, 1, 0, 1 - a, 1, 0, 1 };
		s->kind = VNDOC_DOCX_SHAPE_PATH;
		polygon(s, par, 4);
	} else if (!strcmp(prst, "hexagon")) {
		double a = s->w > 0 ? fmin(0.5, m * adjust(geom, "adj", 25000) / 100000 / s->w) : 0;
		double hex[] = { a, 0, 1 - a, 0, 1, 0.5, 1 - a, 1, a, 1, 0, 0.5 };
		s->kind = VNDOC_DOCX_SHAPE_PATH;
		polygon(s, hex, 6);
	} else {
		vndoc_docx__warn(ld->doc, "shape %s drawn as its box (a:prstGeom)", prst);
	}
}

/* A path point (a:pt) in the path's own units; false unless numbers. */
static bool point(const xmlNode *pt, double *x, double *y)
{
	const char *xs = vndoc_docx__attr(pt, "x"), *ys = vndoc_docx__attr(pt, "y");
	char *e1, *e2;
	if (!xs || !ys)
		return false;
	*x = strtod(xs, &e1);
	*y = strtod(ys, &e2);
	return !*e1 && !*e2 && e1 != xs && e2 != ys && fabs(*x) < 1e12 && fabs(*y) < 1e12;
}

/* arcTo from (*cx, *cy): radii wr, hr, from angle st sweeping sw
 * (degrees), as cubic Beziers of at most 90 degrees each. */
static void arc(vndoc_docx_shape *s, double *cx, double *cy, double wr, double hr, double st, double sw)
{
	double a0 = st * PI / 180, da = sw * PI / 180;
	double ox = *cx - wr * cos(a0), oy = *cy - hr * sin(a0);
	int n = (int)ceil(fabs(da) / (PI / 2));
	if (n < 1 || n > 8)
		n = n < 1 ? 1 : 8;
	for (int i = 0; i < n; i++) {
		double a1 = a0 + da * i / n, a2 = a0 + da * (i + 1) / n, k = 4.0 / 3 * tan((a2 - a1) / 4);
		double p[6] = { ox + wr * (cos(a1) - k * sin(a1)), oy + hr * (sin(a1) + k * cos(a1)),
				ox + wr * (cos(a2) + k * sin(a2)), oy + hr * (sin(a2) - k * cos(a2)),
				ox + wr * cos(a2), oy + hr * sin(a2) };
		vndoc_docx__path_add(s, VNDOC_DOCX_PATH_CURVE, p, 3);
	}
	*cx = ox + wr * cos(a0 + da);
	*cy = oy + hr * sin(a0 + da);
}

/* One a:path of custGeom into s->path, scaled from its w x h to the box. */
static bool custom_path(const xmlNode *path, vndoc_docx_shape *s)
{
	double pw = num(path, "w", 0), ph = num(path, "h", 0);
	double sx = pw > 0 ? s->w / pw : 1 / EMU_PER_PT, sy = ph > 0 ? s->h / ph : 1 / EMU_PER_PT;
	double cx = 0, cy = 0;

	for (const xmlNode *c = path->children; c; c = c->next) {
		double p[6], x, y;
		int n = 0;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (named(c, "close")) {
			vndoc_docx__path_add(s, VNDOC_DOCX_PATH_CLOSE, NULL, 0);
			continue;
		}
		if (named(c, "arcTo")) {
			double wr = num(c, "wR", 0) * sx, hr = num(c, "hR", 0) * sy;
			double st = num(c, "stAng", 0) / 60000.0;
			double sw = num(c, "swAng", 0) / 60000.0;
			arc(s, &cx, &cy, wr, hr, st, sw);
			continue;
		}
		for (const xmlNode *pt = c->children; pt && n < 3; pt = pt->next) {
			if (!named(pt, "pt"))
				continue;
			if (!point(pt, &x, &y))
				return false;
			p[2 * n] = x * sx;
			p[2 * n + 1] = y * sy;
			n++;
		}
		if (n == 0)
			continue;
		if (named(c, "quadBezTo") && n == 2) {
			/* the cubic with the same curve */
			double q[6] = { cx + 2.0 / 3 * (p[0] - cx), cy + 2.0 / 3 * (p[1] - cy),
					p[2] + 2.0 / 3 * (p[0] - p[2]), p[3] + 2.0 / 3 * (p[1] - p[3]), p[2], p[3] };
			vndoc_docx__path_add(s, VNDOC_DOCX_PATH_CURVE, q, 3);
		} else if (named(c, "cubicBezTo") && n == 3) {
			vndoc_docx__path_add(s, VNDOC_DOCX_PATH_CURVE, p, 3);
		} else {
			vndoc_docx__path_add(s, named(c, "moveTo") ? VNDOC_DOCX_PATH_MOVE : VNDOC_DOCX_PATH_LINE, p, 1);
		}
		cx = p[2 * (n - 1)];
		cy = p[2 * (n - 1) + 1];
	}
	return true;
}

static void custom(vndoc_docx__loader *ld, const xmlNode *geom, vndoc_docx_shape *s)
{
	s->kind = VNDOC_DOCX_SHAPE_PATH;
	for (const xmlNode *p = kid(kid(geom, "pathLst"), "path"); p; p = p->next)
		if (named(p, "path") && !custom_path(p, s)) {
			vndoc_docx__warn(ld->doc, "shape with a computed outline drawn as its box (a:custGeom)");
			free(s->path);
			s->path = NULL;
			s->n_path = 0;
			s->kind = VNDOC_DOCX_SHAPE_RECT;
			return;
		}
}

/* ---------------------------------------------------------------- shapes and groups */

/* Child coordinates (EMU) to the drawing's points: x' = dx + sx * x. */
typedef struct xform {
	double sx, sy, dx, dy;
	double rotation;
} xform;

typedef struct walk {
	vndoc_docx__loader *ld;
	vndoc_docx_drawing *d;
	double ext_w, ext_h; /* the drawing's extent: a top-level shape fills it */
} walk;

static vndoc_docx_shape *push_shape(walk *wk)
{
	vndoc_docx_drawing *d = wk->d;
	if (d->n_shapes >= VNDOC_LIMIT_SHAPES) {
		vndoc_docx__warn(wk->ld->doc, "more than %d shapes in one drawing: the others not drawn",
				 VNDOC_LIMIT_SHAPES);
		return NULL;
	}
	d->shapes = vndoc_xreallocarray(d->shapes, d->n_shapes + 1, sizeof *d->shapes);
	memset(&d->shapes[d->n_shapes], 0, sizeof d->shapes[0]);
	return &d->shapes[d->n_shapes++];
}

/* a:xfrm of a shape or group: its box in the drawing; rotation, flips.
 * A top-level shape without one fills the extent. */
static void place(const walk *wk, const xmlNode *xfrm, const xform *t, vndoc_docx_shape *s)
{
	const xmlNode *off = kid(xfrm, "off"), *ext = kid(xfrm, "ext");
	const char *fh = vndoc_docx__attr(xfrm, "flipH"), *fv = vndoc_docx__attr(xfrm, "flipV");
	if (!t) {
		s->x = s->y = 0;
		s->w = wk->ext_w;
		s->h = wk->ext_h;
	} else {
		s->x = t->dx + t->sx * emu_attr(off, "x", 0) * EMU_PER_PT;
		s->y = t->dy + t->sy * emu_attr(off, "y", 0) * EMU_PER_PT;
		s->w = t->sx * emu_attr(ext, "cx", 0) * EMU_PER_PT;
		s->h = t->sy * emu_attr(ext, "cy", 0) * EMU_PER_PT;
	}
	s->rotation = fmod(num(xfrm, "rot", 0) / 60000.0 + (t ? t->rotation : 0), 360);
	s->flip_h = fh && (!strcmp(fh, "1") || !strcmp(fh, "true"));
	s->flip_v = fv && (!strcmp(fv, "1") || !strcmp(fv, "true"));
}

/* bodyPr of a text box: insets, anchor, growing. */
static void body_pr(vndoc_docx__loader *ld, const xmlNode *body, vndoc_docx_text_box *tb, double rotation)
{
	const char *a = vndoc_docx__attr(body, "anchor"), *vert = vndoc_docx__attr(body, "vert");
	tb->inset[VNDOC_DOCX_LEFT] = emu_attr(body, "lIns", 7.2);
	tb->inset[VNDOC_DOCX_RIGHT] = emu_attr(body, "rIns", 7.2);
	tb->inset[VNDOC_DOCX_TOP] = emu_attr(body, "tIns", 3.6);
	tb->inset[VNDOC_DOCX_BOTTOM] = emu_attr(body, "bIns", 3.6);
	tb->anchor = a && !strcmp(a, "ctr") ? VNDOC_DOCX_CELL_CENTER
		     : a && !strcmp(a, "b") ? VNDOC_DOCX_CELL_BOTTOM
					    : VNDOC_DOCX_CELL_TOP;
	tb->grow = kid(body, "spAutoFit") != NULL;
	(void)rotation; /* the layout turns the text with its shape */
	if (vert && strcmp(vert, "horz"))
		vndoc_docx__warn(ld->doc, "vertical text of a text box drawn horizontally (wps:bodyPr vert=\"%s\")",
				 vert);
}

vndoc_docx_text_box *vndoc_docx__text_box(vndoc_docx__loader *ld, const xmlNode *txbx)
{
	const xmlNode *content = kid(txbx, "txbxContent");
	vndoc_docx_text_box *tb;
	vndoc_error keep = *ld->err;
	if (!content)
		return NULL;
	if (ld->txbx_depth >= VNDOC_LIMIT_TEXT_BOX_DEPTH) {
		vndoc_docx__warn(ld->doc, "text boxes inside text boxes more than %d deep: not drawn",
				 VNDOC_LIMIT_TEXT_BOX_DEPTH);
		return NULL;
	}
	tb = vndoc_xcalloc(1, sizeof *tb);
	ld->txbx_depth++;
	if (vndoc_docx__parse_story(ld, content, &tb->story, 1) < 0) {
		/* What was read is drawn; the run around it goes on. */
		vndoc_docx__warn(ld->doc, "text box cut short: %s", ld->err->message);
		*ld->err = keep;
	}
	ld->txbx_depth--;
	return tb;
}

static void shape(walk *wk, const xmlNode *wsp, const xform *t)
{
	const xmlNode *sppr = kid(wsp, "spPr"), *style = kid(wsp, "style"), *geom, *txbx;
	vndoc_docx_shape *s = push_shape(wk);

	if (!s)
		return;
	place(wk, kid(sppr, "xfrm"), t, s);
	if ((geom = kid(sppr, "prstGeom")))
		preset(wk->ld, geom, s);
	else if ((geom = kid(sppr, "custGeom")))
		custom(wk->ld, geom, s);
	if (!read_fill(wk->ld, sppr, s)) {
		const xmlNode *ref = kid(style, "fillRef");
		s->has_fill = ref && vndoc_docx__attr_int(ref, "idx", 0) > 0 &&
			      color_in(wk->ld, ref, 0xffffff, &s->fill);
	}
	read_line(wk->ld, sppr, style, s);
	if (s->kind == VNDOC_DOCX_SHAPE_LINE)
		s->has_fill = false;
	if ((txbx = kid(wsp, "txbx"))) {
		vndoc_docx_text_box *tb = vndoc_docx__text_box(wk->ld, txbx);
		if (tb) {
			/* The shape may have been moved by a reallocation. */
			s = &wk->d->shapes[wk->d->n_shapes - 1];
			s->text = tb;
			body_pr(wk->ld, kid(wsp, "bodyPr"), tb, s->rotation);
		}
	} else if (kid(wsp, "linkedTxbx")) {
		vndoc_docx__warn(wk->ld->doc, "text going on in a linked text box not drawn (wps:linkedTxbx)");
	}
}

static void children(walk *wk, const xmlNode *parent, const xform *t, int depth);

/* A group: its children's coordinates (chOff, chExt) mapped onto its box. */
static void group(walk *wk, const xmlNode *grp, const xform *t, int depth)
{
	const xmlNode *xfrm = kid(kid(grp, "grpSpPr"), "xfrm");
	const xmlNode *off = kid(xfrm, "off"), *ext = kid(xfrm, "ext");
	const xmlNode *choff = kid(xfrm, "chOff"), *chext = kid(xfrm, "chExt");
	double cw = emu_attr(chext, "cx", 0), ch = emu_attr(chext, "cy", 0);
	vndoc_docx_shape box;
	xform in;

	if (depth > VNDOC_LIMIT_SHAPE_DEPTH) {
		vndoc_docx__warn(wk->ld->doc, "groups of shapes nested more than %d deep: the deeper ones not drawn",
				 VNDOC_LIMIT_SHAPE_DEPTH);
		return;
	}
	memset(&box, 0, sizeof box);
	place(wk, xfrm, t, &box);
	if (!t || !off || !ext) {
		/* the top group fills the extent */
		box.x = box.y = 0;
		box.w = wk->ext_w;
		box.h = wk->ext_h;
	}
	in.sx = cw > 0 ? box.w / cw / EMU_PER_PT : (t ? t->sx : 1 / EMU_PER_PT);
	in.sy = ch > 0 ? box.h / ch / EMU_PER_PT : (t ? t->sy : 1 / EMU_PER_PT);
	in.dx = box.x - in.sx * emu_attr(choff, "x", 0) * EMU_PER_PT;
	in.dy = box.y - in.sy * emu_attr(choff, "y", 0) * EMU_PER_PT;
	in.rotation = box.rotation;
	if (fmod(fabs(box.rotation), 360) > 0.01 || box.flip_h || box.flip_v)
		vndoc_docx__warn(wk->ld->doc, "rotated or flipped group of shapes drawn unrotated (wpg:grpSpPr)");
	children(wk, grp, &in, depth + 1);
}

long vndoc_docx__picture_of(vndoc_docx__loader *ld, const char *rel_id)
{
	const vndoc_docx__rel *rel = vndoc_docx__rel_find(ld, rel_id);
	if (!rel) {
		vndoc_docx__warn(ld->doc, "linked or missing picture in a drawing not drawn");
		return -1;
	}
	return vndoc_docx__load_picture(ld, rel->target);
}

/* A picture in a group or canvas (pic:pic). */
static void group_picture(walk *wk, const xmlNode *pic, const xform *t)
{
	const xmlNode *blip = kid(kid(pic, "blipFill"), "blip");
	long img = vndoc_docx__picture_of(wk->ld, vndoc_docx__attr(blip, "embed"));
	vndoc_docx_shape *s;
	if (img < 0 || !(s = push_shape(wk)))
		return;
	place(wk, kid(kid(pic, "spPr"), "xfrm"), t, s);
	s->kind = VNDOC_DOCX_SHAPE_PICTURE;
	s->image = (size_t)img;
}

static void children(walk *wk, const xmlNode *parent, const xform *t, int depth)
{
	for (const xmlNode *c = parent->children; c; c = c->next) {
		if (named(c, "wsp"))
			shape(wk, c, t);
		else if (named(c, "grpSp"))
			group(wk, c, t, depth);
		else if (named(c, "pic"))
			group_picture(wk, c, t);
		else if (named(c, "graphicFrame"))
			vndoc_docx__warn(wk->ld->doc, "chart or diagram in a group not drawn (wpg:graphicFrame)");
	}
}

/* ---------------------------------------------------------------- entry points */

void vndoc_docx__drawing_free(vndoc_docx_drawing *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n_shapes; i++) {
		free(d->shapes[i].path);
		if (d->shapes[i].text) {
			vndoc_docx__story_dispose(&d->shapes[i].text->story);
			free(d->shapes[i].text);
		}
	}
	free(d->shapes);
	free(d);
}

vndoc_docx_drawing *vndoc_docx__parse_shapes(vndoc_docx__loader *ld, const xmlNode *holder,
					     const xmlNode *what, double *w, double *h)
{
	const char *name = (const char *)what->name;
	const xmlNode *ext = kid(holder, "extent");
	walk wk;

	/* absent: 0; absurd (past 1e12 EMU, not a number): no size, not 0 (a
	 * text box 0 wide took a line a letter) */
	*w = vndoc_docx__attr(ext, "cx") ? emu_attr(ext, "cx", NAN) : 0;
	*h = vndoc_docx__attr(ext, "cy") ? emu_attr(ext, "cy", NAN) : 0;
	/* 0 x 0: a line of no length, as Word writes it: nothing to see */
	if (!(*w >= 0 && *h >= 0 && *w <= 10000 && *h <= 10000)) {
		vndoc_docx__warn(ld->doc, "drawing without a size not drawn (wp:extent)");
		return NULL;
	}
	memset(&wk, 0, sizeof wk);
	wk.ld = ld;
	wk.d = vndoc_xcalloc(1, sizeof *wk.d);
	wk.d->w = wk.ext_w = *w;
	wk.d->h = wk.ext_h = *h;
	if (!strcmp(name, "wsp")) {
		shape(&wk, what, NULL);
	} else if (!strcmp(name, "wgp")) {
		group(&wk, what, NULL, 0);
	} else if (!strcmp(name, "wpc")) {
		xform t = { 1 / EMU_PER_PT, 1 / EMU_PER_PT, 0, 0, 0 };
		children(&wk, what, &t, 0);
	} else if (!strcmp(name, "chart")) {
		vndoc_docx__warn(ld->doc, "chart (c:chart) not drawn, its room kept");
	} else if (!strcmp(name, "relIds")) {
		vndoc_docx__warn(ld->doc, "SmartArt diagram (dgm:relIds) not drawn, its room kept");
	} else {
		char q[96];
		snprintf(q, sizeof q, "%s%s%s", what->ns && what->ns->prefix ? (const char *)what->ns->prefix : "",
			 what->ns && what->ns->prefix ? ":" : "", name);
		vndoc_docx__warn(ld->doc, "drawing (%s) not drawn, its room kept", q);
	}
	return wk.d;
}
