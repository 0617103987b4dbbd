/*
 * docx/document.c: the loader: relationships, theme fonts, settings, the
 * body and its paragraphs, runs and fields.
 */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlreader.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/limits.h"
#include "docx/body.h"
#include "docx/docx_internal.h"
#include "docx/symbols.h"
#include "xml/xml.h"

/* ---------------------------------------------------------------- xml helpers */

static bool is_w_ns(const xmlNode *n)
{
	return n->ns && n->ns->href &&
	       (n->ns->href == (const xmlChar *)vndoc_xml_ns_w ||
		!strcmp((const char *)n->ns->href, VNDOC_DOCX_W_NS));
}

xmlNode *vndoc_docx__child(const xmlNode *n, const char *name)
{
	if (!n)
		return NULL;
	for (xmlNode *c = n->children; c; c = c->next)
		if (vndoc_docx__is(c, name))
			return c;
	return NULL;
}

const char *vndoc_docx__attr(const xmlNode *n, const char *name)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (vndoc_docx__eq((const char *)a->name, name) && a->children &&
		    a->children->content)
			return (const char *)a->children->content;
	return NULL;
}

int vndoc_docx__attr_int(const xmlNode *n, const char *name, int dflt)
{
	const char *s = vndoc_docx__attr(n, name);
	char *end;
	long v = 0;
	bool read = false;
	if (!s)
		return dflt;
	/* Most values are a few digits: read here what strtol would read
	 * (up to 9 digits, no overflow), strtol for anything else. */
	if ((s[0] >= '0' && s[0] <= '9') || (s[0] == '-' && s[1] >= '0' && s[1] <= '9')) {
		const char *d = s + (s[0] == '-');
		int k = 0;
		while (k < 9 && d[k] >= '0' && d[k] <= '9')
			v = v * 10 + (d[k++] - '0');
		read = !(d[k] >= '0' && d[k] <= '9');
		if (s[0] == '-')
			v = -v;
	}
	if (!read) {
		v = strtol(s, &end, 10);
		/* Some writers put fractional twips ("1440.0"); the integer part will do. */
		if (end == s)
			return dflt;
	}
	if (v > 10000000)
		v = 10000000;
	if (v < -10000000)
		v = -10000000;
	return (int)v;
}

int vndoc_docx__onoff(const xmlNode *n)
{
	const char *v;
	if (!n)
		return -1;
	v = vndoc_docx__attr(n, "val");
	if (!v)
		return 1;
	if (vndoc_docx__eq(v, "0") || vndoc_docx__eq(v, "false") || vndoc_docx__eq(v, "off"))
		return 0;
	return 1;
}

/* An element by local name in any namespace (theme, core properties). */
static const xmlNode *child_any(const xmlNode *n, const char *name)
{
	if (!n)
		return NULL;
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, name))
			return c;
	return NULL;
}

int vndoc_docx__read_xml(xmlDoc **out, vndoc_docx__loader *ld, const char *part, bool optional)
{
	vndoc_xml_fast *fast;
	char *data = NULL;
	size_t len = 0;
	int error = 0;

	*out = NULL;
	if (optional && vndoc_package_find(ld->pkg, part) < 0)
		return 0;
	if ((error = vndoc_package_read(&data, &len, ld->pkg, part, ld->err)) < 0)
		return error;
	/* The tree of xml/fast.c where it reads the part, else libxml2's
	 * (which then also reports what is wrong with the part). */
	if (vndoc_xml_fast_parse(&fast, data, len) == 0)
		*out = vndoc_xml_fast_doc(fast);
	else
		error = vndoc_xml_parse(out, data, len, part, ld->err);
	free(data);
	if (error == 0 && !xmlDocGetRootElement(*out)) {
		vndoc_xml_free_doc(*out);
		*out = NULL;
		vndoc_error_set_part(ld->err, part);
		return vndoc_error_set(ld->err, VNDOC_EFORMAT, "empty XML part");
	}
	return error;
}

static void copy_text(char *dst, size_t size, const xmlNode *n)
{
	size_t len = 0;
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next) {
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
			size_t k = strlen((const char *)c->content);
			if (len + k >= size)
				k = size - 1 - len;
			memcpy(dst + len, c->content, k);
			len += k;
		}
	}
	dst[len] = '\0';
}

/* ---------------------------------------------------------------- package parts */

int vndoc_docx__load_rels(vndoc_docx__loader *ld, const char *part, vndoc_docx__rel **out, size_t *n_out)
{
	char rels_part[512], dir[512];
	const char *slash = strrchr(part, '/');
	xmlDoc *xml = NULL;
	size_t cap = 0;
	int error;

	*out = NULL;
	*n_out = 0;
	/* word/document.xml -> word/_rels/document.xml.rels; targets are
	 * relative to the part's folder. */
	snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - part) : 0, part);
	if (snprintf(rels_part, sizeof rels_part, "%s%s_rels/%s.rels", dir, *dir ? "/" : "",
		     slash ? slash + 1 : part) >= (int)sizeof rels_part)
		return 0; /* no such part can exist */
	if ((error = vndoc_docx__read_xml(&xml, ld, rels_part, true)) < 0)
		return error;
	if (!xml)
		return 0;
	for (const xmlNode *c = xmlDocGetRootElement(xml)->children; c; c = c->next) {
		const char *id = vndoc_docx__attr(c, "Id"), *target = vndoc_docx__attr(c, "Target");
		const char *type = vndoc_docx__attr(c, "Type"), *mode = vndoc_docx__attr(c, "TargetMode");
		const char *ts;
		vndoc_docx__rel *r;

		if (c->type != XML_ELEMENT_NODE || !id || !target || !type)
			continue;
		if (mode && !strcmp(mode, "External"))
			continue;
		if (*n_out == cap) {
			cap = cap ? cap * 2 : 16;
			*out = vndoc_xreallocarray(*out, cap, sizeof *r);
		}
		r = &(*out)[(*n_out)++];
		snprintf(r->id, sizeof r->id, "%s", id);
		if (target[0] == '/')
			snprintf(r->target, sizeof r->target, "%s", target + 1);
		else if (*dir && snprintf(r->target, sizeof r->target, "%s/%s", dir, target) >=
					 (int)sizeof r->target)
			r->target[0] = '\0'; /* too long for any part name we read */
		else if (!*dir)
			snprintf(r->target, sizeof r->target, "%s", target);
		ts = strrchr(type, '/');
		snprintf(r->type, sizeof r->type, "%s", ts ? ts + 1 : type);
	}
	vndoc_xml_free_doc(xml);
	return 0;
}

const vndoc_docx__rel *vndoc_docx__rel_find(const vndoc_docx__loader *ld, const char *id)
{
	if (!id)
		return NULL;
	for (size_t i = 0; i < ld->n_rels; i++)
		if (!strcmp(ld->rels[i].id, id))
			return &ld->rels[i];
	return NULL;
}

/* A theme font's a:ea and a:cs typefaces and its a:font for the East
 * Asian scripts (Jpan Hans Hant Hang). */
static void theme_scripts(const xmlNode *font, char ea[32], char cs[32], char script[4][32])
{
	static const char *const names[4] = { "Jpan", "Hans", "Hant", "Hang" };
	const xmlNode *x;
	const char *face;
	if ((x = child_any(font, "ea")) && (face = vndoc_docx__attr(x, "typeface")))
		snprintf(ea, 32, "%s", face);
	if ((x = child_any(font, "cs")) && (face = vndoc_docx__attr(x, "typeface")))
		snprintf(cs, 32, "%s", face);
	for (x = font ? font->children : NULL; x; x = x->next) {
		const char *sc = x->type == XML_ELEMENT_NODE ? vndoc_docx__attr(x, "script") : NULL;
		for (int i = 0; sc && i < 4; i++)
			if (!strcmp(sc, names[i]) && (face = vndoc_docx__attr(x, "typeface")))
				snprintf(script[i], 32, "%s", face);
	}
}

static int load_theme(vndoc_docx__loader *ld)
{
	const char *part = NULL;
	const xmlNode *n;
	xmlDoc *xml = NULL;
	int error;

	/* Office's own theme fonts, used when the document has no theme. */
	snprintf(ld->minor_font, sizeof ld->minor_font, "Calibri");
	snprintf(ld->major_font, sizeof ld->major_font, "Calibri Light");
	for (size_t i = 0; i < ld->n_rels; i++)
		if (!strcmp(ld->rels[i].type, "theme"))
			part = ld->rels[i].target;
	if (!part)
		return 0;
	if ((error = vndoc_docx__read_xml(&xml, ld, part, true)) < 0)
		return error;
	if (!xml)
		return 0;
	n = child_any(child_any(xmlDocGetRootElement(xml), "themeElements"), "fontScheme");
	if (n) {
		const xmlNode *latin;
		const char *face;
		if ((latin = child_any(child_any(n, "minorFont"), "latin")) &&
		    (face = vndoc_docx__attr(latin, "typeface")) && *face)
			snprintf(ld->minor_font, sizeof ld->minor_font, "%s", face);
		if ((latin = child_any(child_any(n, "majorFont"), "latin")) &&
		    (face = vndoc_docx__attr(latin, "typeface")) && *face)
			snprintf(ld->major_font, sizeof ld->major_font, "%s", face);
		theme_scripts(child_any(n, "minorFont"), ld->minor_ea, ld->minor_cs, ld->minor_script);
		theme_scripts(child_any(n, "majorFont"), ld->major_ea, ld->major_cs, ld->major_script);
	}
	vndoc_xml_free_doc(xml);
	return 0;
}

static int load_settings(vndoc_docx__loader *ld)
{
	xmlDoc *xml = NULL;
	const xmlNode *n;
	int error;

	ld->doc->default_tab = 720;
	if ((error = vndoc_docx__read_xml(&xml, ld, "word/settings.xml", true)) < 0)
		return error;
	if (!xml)
		return 0;
	if ((n = vndoc_docx__child(xmlDocGetRootElement(xml), "defaultTabStop"))) {
		int v = vndoc_docx__attr_int(n, "val", 720);
		ld->doc->default_tab = v > 0 ? v : 720;
	}
	if ((n = vndoc_docx__child(xmlDocGetRootElement(xml), "footnotePr")))
		vndoc_docx__note_pr(ld, n);
	if ((n = vndoc_docx__child(xmlDocGetRootElement(xml), "evenAndOddHeaders")))
		ld->doc->even_and_odd_headers = vndoc_docx__onoff(n) == 1;
	if ((n = vndoc_docx__child(xmlDocGetRootElement(xml), "mirrorMargins")))
		ld->doc->mirror_margins = vndoc_docx__onoff(n) == 1;
	if ((n = vndoc_docx__child(xmlDocGetRootElement(xml), "revisionView"))) {
		const char *markup = vndoc_docx__attr(n, "markup"), *insdel = vndoc_docx__attr(n, "insDel");
		ld->changes_hidden = (markup && (!strcmp(markup, "0") || !strcmp(markup, "false"))) ||
				     (insdel && (!strcmp(insdel, "0") || !strcmp(insdel, "false")));
	}
	if ((n = vndoc_docx__child(xmlDocGetRootElement(xml), "compat"))) {
		for (const xmlNode *c = n->children; c; c = c->next) {
			const char *name = vndoc_docx__attr(c, "name");
			if (vndoc_docx__is(c, "useFELayout"))
				ld->doc->fe_layout = vndoc_docx__onoff(c) == 1;
			if (vndoc_docx__is(c, "compatSetting") && name && !strcmp(name, "compatibilityMode"))
				ld->doc->compat_mode = vndoc_docx__attr_int(c, "val", 0);
			if (vndoc_docx__is(c, "compatSetting") && name &&
			    !strcmp(name, "overrideTableStyleFontSizeAndJustification"))
				ld->override_table_style = vndoc_docx__attr_int(c, "val", 0) == 1;
		}
	}
	vndoc_xml_free_doc(xml);
	return 0;
}

static int load_core(vndoc_docx__loader *ld)
{
	xmlDoc *xml = NULL;
	const xmlNode *root;
	int error;

	if ((error = vndoc_docx__read_xml(&xml, ld, "docProps/core.xml", true)) < 0)
		return error;
	if (xml) {
		root = xmlDocGetRootElement(xml);
		copy_text(ld->doc->title, sizeof ld->doc->title, child_any(root, "title"));
		copy_text(ld->doc->author, sizeof ld->doc->author, child_any(root, "creator"));
		copy_text(ld->doc->subject, sizeof ld->doc->subject, child_any(root, "subject"));
		copy_text(ld->doc->keywords, sizeof ld->doc->keywords, child_any(root, "keywords"));
		vndoc_xml_free_doc(xml);
		xml = NULL;
	}
	/* docProps/app.xml: the application that wrote the document, read
	 * with or without a core.xml (only a hint: a part that does not read
	 * is no reason to refuse). */
	if (vndoc_docx__read_xml(&xml, ld, "docProps/app.xml", true) < 0)
		vndoc_error_clear(ld->err);
	else if (xml) {
		char app[64];
		copy_text(app, sizeof app, child_any(xmlDocGetRootElement(xml), "Application"));
		ld->doc->other_app = app[0] && !strstr(app, "Microsoft");
		vndoc_xml_free_doc(xml);
	}
	return 0;
}

/* ---------------------------------------------------------------- paragraphs */

/* Complex fields (fldChar begin / instrText / separate / end) may nest,
 * VNDOC_LIMIT_FIELD_DEPTH deep. */

typedef struct field {
	char instr[128];
	int kind;     /* 0 unknown, else a VNDOC_DOCX_INLINE_FIELD_* */
	const char *format; /* its \\* switch's number format, or NULL */
	bool result;  /* between separate and end */
	bool emitted;
} field;

typedef struct field_state {
	int depth;
	field f[VNDOC_LIMIT_FIELD_DEPTH];
} field_state;

typedef struct para_builder {
	vndoc_docx__loader *ld;
	vndoc_docx_para *para;
	size_t cap;
	vndoc_docx_rpr base;  /* the paragraph style's run properties */
	field_state fields;
	int change;           /* inside a tracked change: CHANGE_INSERTED or CHANGE_DELETED */
	bool apart;           /* the next text begins an inline of its own (a ruby's base) */
	int script;           /* the script of the paragraph's last letter so far (-1: none yet) */
	size_t note_tab;      /* where a hanging footnote's first tab goes: after its number (0: none) */
} para_builder;

/*
 * Tracked changes are drawn as LibreOffice 7.4 draws them by default, and
 * Word in its "All Markup" view: inserted text (w:ins, w:moveTo)
 * underlined, deleted text (w:del, w:moveFrom) struck through, both in
 * the author's colour.  LibreOffice's colour for the first author of a
 * document is #0646A2 (poi-stress023's PDF: 1,028 deleted words of its
 * 5,354); we give every author that one.  With settings.xml's
 * w:revisionView w:markup="0" or w:insDel="0" the document is shown as
 * if the changes were accepted: inserted text plain, deleted text gone.
 */
enum { CHANGE_NONE = 0, CHANGE_INSERTED, CHANGE_DELETED };
#define CHANGE_COLOR 0x0646a2u

static vndoc_docx_inline *push_inline(para_builder *b, vndoc_docx_inline_kind kind,
				      const vndoc_docx_rpr *rpr)
{
	vndoc_docx_para *p = b->para;
	vndoc_docx_inline *in;
	if (p->n_inlines == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 4;
		p->inlines = vndoc_xreallocarray(p->inlines, b->cap, sizeof *in);
	}
	in = &p->inlines[p->n_inlines++];
	in->kind = kind;
	in->rpr = *rpr;
	in->text = NULL;
	in->image = 0;
	in->image_w = in->image_h = 0;
	in->field_format = NULL;
	in->note = -1;
	in->drawing = NULL;
	in->ruby = NULL;
	in->ruby_base = in->ruby_size = in->ruby_raise = 0;
	memset(&in->anchor, 0, sizeof in->anchor);
	return in;
}

static void push_text_raw(para_builder *b, const vndoc_docx_rpr *rpr, const char *text, size_t len);

/* `out`: `run`'s properties with the font of script `sc` (its own when
 * the run names none for that script); a complex script's size, weight
 * and slant are w:szCs, w:bCs and w:iCs (POI's stress011: Arabic at
 * 15 pt in 10 pt Latin paragraphs). */
static void script_font(vndoc_docx_rpr *out, const vndoc_docx_rpr *run, int sc)
{
	const char *f = sc == VNDOC_DOCX__SCRIPT_EA ? run->font_ea : sc == VNDOC_DOCX__SCRIPT_CS ? run->font_cs : "";
	*out = *run;
	if (*f)
		snprintf(out->font, sizeof out->font, "%s", f);
	if (sc == VNDOC_DOCX__SCRIPT_CS) {
		if (run->size_cs)
			out->size = run->size_cs;
		out->bold = run->bold_cs;
		out->italic = run->italic_cs;
	}
}

/* Whether the run's complex-script characters look other than the rest. */
static bool cs_differs(const vndoc_docx_rpr *r)
{
	return (r->size_cs && r->size_cs != r->size) || r->bold_cs != r->bold || r->italic_cs != r->italic;
}

static void push_text(para_builder *b, const vndoc_docx_rpr *rpr, const char *text, size_t len)
{
	int kind = vndoc_docx__symbol_font(rpr->font);
	size_t n;
	char *mapped;
	if (!len)
		return;
	/* Symbol fonts' private-use characters as Unicode (docx/symbols.h);
	 * another font's (a barcode font's) as the codes they stand for. */
	if ((mapped = vndoc_docx__map_symbols(kind, text, len, &n)) != NULL) {
		if (kind == VNDOC_DOCX__SYMBOL_NONE)
			vndoc_docx__warn(b->ld->doc, "private-use characters U+F020-U+F0FF in the font \"%s\" "
				"drawn as the characters of their codes U+0020-U+00FF", rpr->font);
		push_text_raw(b, rpr, mapped, n);
		free(mapped);
		return;
	}
	push_text_raw(b, rpr, text, len);
}

static void push_piece(para_builder *b, const vndoc_docx_rpr *rpr, const char *text, size_t len);

/* The script of the last letter of `text` (`script` when it has none);
 * w:hint's East Asian punctuation is not a letter. */
static int last_script(const char *text, size_t len, int script)
{
	/* From the end (the text is UTF-8, as libxml2 gives it): back to
	 * each character's first byte, stopping at the first letter. */
	size_t end = len;
	while (end > 0) {
		size_t i = end - 1;
		unsigned cp;
		int sc;
		while (i > 0 && end - i < 4 && ((unsigned char)text[i] & 0xc0) == 0x80)
			i--;
		if (vndoc_docx__utf8_next(text + i, end - i, &cp) != end - i)
			break; /* not UTF-8: the whole text from its start */
		if ((sc = vndoc_docx__script_of(cp, false)) != VNDOC_DOCX__SCRIPT_WEAK)
			return sc;
		end = i;
	}
	if (end == 0)
		return script;
	for (size_t i = 0; i < len;) {
		int sc;
		i += vndoc_docx__script_next(text + i, len - i, false, &sc);
		if (sc != VNDOC_DOCX__SCRIPT_WEAK)
			script = sc;
	}
	return script;
}

/* Text in the run's fonts: cut where the script changes when the run has
 * an East Asian or complex-script font or complex-script size, weight or
 * slant of its own (docx/scripts.c), each piece in its font; spaces,
 * digits and punctuation go with the letter before them in the paragraph,
 * in this run or an earlier one: LibreOffice's rule for weak characters
 * (SwScriptInfo::InitScriptInfo). POI's stress011: a run of its own with
 * the "." or the "(" of a footnote mark after Arabic is in the Arabic
 * font and size, not the Latin.  Before the paragraph's first letter
 * they are complex script in a right-to-left paragraph, Latin in a
 * left-to-right one, whatever letter follows them, in this run or the
 * next (LibreOffice 7.4, soffice: "56 -" before Arabic or Latin text,
 * DejaVu Sans at w:szCs in a w:bidi paragraph, else the Latin font;
 * poi-stress010's numbered paragraphs "123 - ..." and its contents' page
 * numbers); East Asian text still takes them with it. */
static void push_text_raw(para_builder *b, const vndoc_docx_rpr *rpr, const char *text, size_t len)
{
	vndoc_docx_rpr piece = *rpr;
	size_t start = 0, i = 0;
	int cur = b->script;
	int lead = b->para->ppr.bidi ? VNDOC_DOCX__SCRIPT_CS : VNDOC_DOCX__SCRIPT_LATIN;

	if (!rpr->font_ea[0] && !rpr->font_cs[0] && !cs_differs(rpr)) {
		push_piece(b, rpr, text, len);
		b->script = last_script(text, len, b->script);
		return;
	}
	while (i < len) {
		int sc;
		size_t n = vndoc_docx__script_next(text + i, len - i, rpr->hint_ea, &sc);
		if (cur < 0 && sc != VNDOC_DOCX__SCRIPT_WEAK && i > start && sc != lead && sc != VNDOC_DOCX__SCRIPT_EA)
			cur = lead; /* the weak characters before it are the paragraph's */
		if (sc == VNDOC_DOCX__SCRIPT_WEAK || sc == cur || cur < 0) {
			if (sc != VNDOC_DOCX__SCRIPT_WEAK)
				cur = sc;
			i += n;
			continue;
		}
		script_font(&piece, rpr, cur);
		push_piece(b, &piece, text + start, i - start);
		start = i;
		cur = sc;
		i += n;
	}
	script_font(&piece, rpr, cur < 0 ? lead : cur);
	push_piece(b, &piece, text + start, len - start);
	b->script = last_script(text, len, b->script);
}

static void push_piece(para_builder *b, const vndoc_docx_rpr *rpr, const char *text, size_t len)
{
	vndoc_docx_para *p = b->para;
	vndoc_docx_inline *last = p->n_inlines ? &p->inlines[p->n_inlines - 1] : NULL;
	if (!len)
		return;
	/* Adjacent runs with the same properties become one inline. */
	if (last && !b->apart && last->kind == VNDOC_DOCX_INLINE_TEXT && !memcmp(&last->rpr, rpr, sizeof *rpr)) {
		size_t old = strlen(last->text);
		last->text = vndoc_xrealloc(last->text, old + len + 1);
		memcpy(last->text + old, text, len);
		last->text[old + len] = '\0';
		return;
	}
	push_inline(b, VNDOC_DOCX_INLINE_TEXT, rpr)->text = vndoc_xstrndup(text, len);
	b->apart = false;
}

/* The field's kind (0: one we do not compute) and, from a `\* FORMAT`
 * switch, the number format it asks for (NULL: none; MERGEFORMAT and
 * CHARFORMAT say nothing of the number).  Word's names: Arabic, roman,
 * ROMAN, alphabetic, ALPHABETIC, ArabicDash; the case of a name's first
 * letter gives the case of the numerals. */
static int field_kind(const char *instr, const char **format)
{
	static const struct {
		const char *name, *lower, *upper;
	} formats[] = {
		{ "arabic", "decimal", "decimal" },
		{ "roman", "lowerRoman", "upperRoman" },
		{ "alphabetic", "lowerLetter", "upperLetter" },
		{ "arabicdash", "numberInDash", "numberInDash" },
	};
	char word[32];
	size_t n = 0;
	int kind = 0;

	*format = NULL;
	while (*instr == ' ')
		instr++;
	while (*instr && *instr != ' ' && n + 1 < sizeof word)
		word[n++] = *instr++;
	word[n] = '\0';
	if (!strcmp(word, "PAGE"))
		kind = VNDOC_DOCX_INLINE_FIELD_PAGE;
	else if (!strcmp(word, "NUMPAGES") || !strcmp(word, "SECTIONPAGES"))
		kind = VNDOC_DOCX_INLINE_FIELD_NUMPAGES;
	if (!kind)
		return 0;
	/* The switches: \* NAME, possibly with the name quoted. */
	while ((instr = strstr(instr, "\\*")) != NULL) {
		instr += 2;
		while (*instr == ' ' || *instr == '"')
			instr++;
		for (n = 0; instr[n] && instr[n] != ' ' && instr[n] != '"' && instr[n] != '\\' && n + 1 < sizeof word; n++)
			word[n] = (char)tolower((unsigned char)instr[n]);
		word[n] = '\0';
		for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
			if (!strcmp(word, formats[i].name))
				*format = islower((unsigned char)instr[0]) ? formats[i].lower : formats[i].upper;
	}
	return kind;
}

/* True while the runs being read are the cached result of a field we
 * compute ourselves, or a field's instruction, or inside a field nested
 * too deep. */
static bool in_field_code(const field_state *fs)
{
	if (fs->depth > VNDOC_LIMIT_FIELD_DEPTH)
		return true;
	for (int i = 0; i < fs->depth; i++)
		if (!fs->f[i].result || fs->f[i].kind)
			return true;
	return false;
}

static void on_fldchar(para_builder *b, const xmlNode *fc, const vndoc_docx_rpr *rpr)
{
	field_state *fs = &b->fields;
	const char *type = vndoc_docx__attr(fc, "fldCharType");
	if (!type)
		return;
	if (!strcmp(type, "begin")) {
		if (fs->depth < VNDOC_LIMIT_FIELD_DEPTH)
			memset(&fs->f[fs->depth], 0, sizeof fs->f[0]);
		else
			vndoc_docx__warn(b->ld->doc, "fields nested more than %d deep: the deeper ones not drawn",
					 VNDOC_LIMIT_FIELD_DEPTH);
		fs->depth++;
	} else if (fs->depth > 0 && fs->depth <= VNDOC_LIMIT_FIELD_DEPTH) {
		field *f = &fs->f[fs->depth - 1];
		if (!strcmp(type, "separate") || !strcmp(type, "end")) {
			if (!f->result) {
				f->kind = field_kind(f->instr, &f->format);
				f->result = true;
			}
			if (f->kind && !f->emitted) {
				push_inline(b, (vndoc_docx_inline_kind)f->kind, rpr)->field_format = f->format;
				f->emitted = true;
			}
		}
		if (!strcmp(type, "end"))
			fs->depth--;
	} else if (fs->depth > 0 && !strcmp(type, "end")) {
		fs->depth--;
	}
}

/* A w:r, or (with `inherit`, its properties) the branch of an
 * mc:AlternateContent inside one, `depth` deep. */
static void parse_ruby(para_builder *b, const xmlNode *ruby, int depth);

static void parse_run_in(para_builder *b, const xmlNode *r, const vndoc_docx_rpr *inherit, int depth)
{
	vndoc_docx__loader *ld = b->ld;
	vndoc_docx_rpr rpr = inherit ? *inherit : b->base;
	const xmlNode *rpr_node = inherit ? NULL : vndoc_docx__child(r, "rPr"), *c;
	vndoc_docx__rpr_patch direct;

	if (rpr_node) {
		const xmlNode *rs = vndoc_docx__child(rpr_node, "rStyle");
		if (rs)
			vndoc_docx__char_style(ld, vndoc_docx__attr(rs, "val"), &rpr);
		memset(&direct, 0, sizeof direct);
		vndoc_docx__parse_rpr(rpr_node, &direct);
		vndoc_docx__apply_rpr(ld, &rpr, &direct);
	}
	if (b->change == CHANGE_DELETED) {
		rpr.deleted = true;
		rpr.strike = true;
		rpr.color = CHANGE_COLOR;
	} else if (b->change == CHANGE_INSERTED) {
		rpr.underline = true;
		rpr.underline_style = VNDOC_DOCX_UNDERLINE_SINGLE;
		rpr.color = CHANGE_COLOR;
	}
	for (c = r->children; c; c = c->next) {
		field_state *fs = &b->fields;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (vndoc_docx__is(c, "fldChar")) {
			on_fldchar(b, c, &rpr);
			continue;
		}
		if (vndoc_docx__is(c, "instrText") || vndoc_docx__is(c, "delInstrText")) {
			if (fs->depth > 0 && fs->depth <= VNDOC_LIMIT_FIELD_DEPTH) {
				char *instr = fs->f[fs->depth - 1].instr;
				size_t have = strlen(instr);
				copy_text(instr + have, sizeof fs->f[0].instr - have, c);
			}
			continue;
		}
		if (in_field_code(fs) || rpr.vanish)
			continue;
		if (vndoc_docx__is_mc(c, "AlternateContent") && depth < VNDOC_LIMIT_WRAPPER_DEPTH &&
		    !vndoc_docx__mc_is_drawing(vndoc_docx__mc_branch(c))) {
			const xmlNode *branch = vndoc_docx__mc_read(ld, c); /* text: w14, w16se... */
			if (branch)
				parse_run_in(b, branch, &rpr, depth + 1);
			continue;
		}
		if (vndoc_docx__is(c, "ruby") && depth < VNDOC_LIMIT_WRAPPER_DEPTH) {
			parse_ruby(b, c, depth + 1);
			continue;
		}
		if (vndoc_docx__is(c, "t") || (vndoc_docx__is(c, "delText") && b->change == CHANGE_DELETED)) {
			/* Without xml:space="preserve", Word and LibreOffice drop the
			 * white space at both ends of a w:t. */
			bool preserve = xmlNodeGetSpacePreserve(c) == 1;
			for (const xmlNode *t = c->children; t; t = t->next) {
				const char *txt;
				size_t len;
				if ((t->type != XML_TEXT_NODE && t->type != XML_CDATA_SECTION_NODE) || !t->content)
					continue;
				txt = (const char *)t->content;
				len = strlen(txt);
				if (!preserve) {
					if (t == c->children)
						while (len && strchr(" \t\r\n", *txt))
							txt++, len--;
					if (!t->next)
						while (len && strchr(" \t\r\n", txt[len - 1]))
							len--;
				}
				push_text(b, &rpr, txt, len);
			}
		} else if (vndoc_docx__is(c, "tab") || vndoc_docx__is(c, "ptab")) {
			vndoc_docx_para *p = b->para;
			vndoc_docx_inline tab = *push_inline(b, VNDOC_DOCX_INLINE_TAB, &rpr);
			/* In a footnote of a hanging indent LibreOffice puts the
			 * first tab right after the number, before what stands
			 * between them ("1", a space, a tab: the text starts a
			 * space past the indent; poi-stress008 footnote 127). */
			if (b->note_tab && b->note_tab < p->n_inlines) {
				memmove(&p->inlines[b->note_tab + 1], &p->inlines[b->note_tab],
					(p->n_inlines - 1 - b->note_tab) * sizeof tab);
				p->inlines[b->note_tab] = tab;
			}
			b->note_tab = 0;
		} else if (vndoc_docx__is(c, "br")) {
			const char *type = vndoc_docx__attr(c, "type");
			push_inline(b, type && !strcmp(type, "page")     ? VNDOC_DOCX_INLINE_PAGE_BREAK
				       : type && !strcmp(type, "column") ? VNDOC_DOCX_INLINE_COLUMN_BREAK
									 : VNDOC_DOCX_INLINE_LINE_BREAK, &rpr);
		} else if (vndoc_docx__is(c, "drawing") || vndoc_docx__is(c, "pict") ||
			   vndoc_docx__is(c, "object") ||
			   !strcmp((const char *)c->name, "AlternateContent")) {
			double w = 0, h = 0;
			bool floating = false;
			vndoc_docx_anchor anchor;
			vndoc_docx_drawing *shapes = NULL;
			long img;
			memset(&anchor, 0, sizeof anchor);
			img = vndoc_docx__parse_drawing(ld, c, &w, &h, &floating, &anchor, &shapes);
			if (img >= 0 || shapes) {
				vndoc_docx_inline *in = push_inline(
					b, floating ? VNDOC_DOCX_INLINE_FLOAT : VNDOC_DOCX_INLINE_IMAGE, &rpr);
				in->image = img >= 0 ? (size_t)img : VNDOC_DOCX_NO_IMAGE;
				in->drawing = shapes;
				in->image_w = w;
				in->image_h = h;
				in->anchor = anchor;
			}
		} else if (vndoc_docx__is(c, "endnoteReference") && !ld->in_notes) {
			vndoc_docx__warn(ld->doc, "endnotes not drawn (w:endnoteReference)");
		} else if (vndoc_docx__is(c, "footnoteReference") && !ld->in_notes) {
			int note = vndoc_docx__note_find(ld->doc, vndoc_docx__attr_int(c, "id", INT_MIN));
			const char *custom = vndoc_docx__attr(c, "customMarkFollows");
			char label[32] = "";
			vndoc_docx_inline *in;
			vndoc_docx_rpr nr_script;
			if (note < 0)
				continue;
			/* The layout places the footnotes of the body and its
			 * tables only. */
			if (ld->in_hf)
				vndoc_docx__warn(ld->doc, "footnotes referenced in headers and footers are numbered "
							  "but not placed (w:footnoteReference)");
			if (!custom || !strcmp(custom, "0") || !strcmp(custom, "false") || !strcmp(custom, "off")) {
				vndoc_docx__note_label(ld, label, sizeof label);
			} else {
				/* A custom mark: the run's text that follows is the
				 * label, in the body and in the footnote. */
				const xmlNode *t = c->next;
				while (t && t->type != XML_ELEMENT_NODE)
					t = t->next;
				if (t && vndoc_docx__is(t, "t")) {
					size_t n;
					copy_text(label, sizeof label, t);
					/* Cut short: not inside a character. */
					if ((n = strlen(label)) == sizeof label - 1) {
						while (n && ((unsigned char)label[n - 1] & 0xc0) == 0x80)
							n--;
						if (n && (unsigned char)label[n - 1] >= 0xc0)
							n--;
						label[n] = '\0';
					}
					c = t;
				}
			}
			/* The mark's digits are weak characters too: in the
			 * script of the letter before them. */
			script_font(&nr_script, &rpr, b->script < 0 ? VNDOC_DOCX__SCRIPT_LATIN : b->script);
			in = push_inline(b, VNDOC_DOCX_INLINE_NOTE_REF, &nr_script);
			in->note = note;
			in->text = vndoc_xstrdup(label);
		} else if (vndoc_docx__is(c, "footnoteRef") && ld->in_notes) {
			/* LibreOffice draws the number in the footnote superscript
			 * whatever the run says (its Footnote Characters style). */
			vndoc_docx_rpr nr = rpr;
			nr.vert_align = VNDOC_DOCX_VALIGN_SUPERSCRIPT;
			push_inline(b, VNDOC_DOCX_INLINE_NOTE_REF, &nr);
			if (b->para->ppr.ind_first < 0)
				b->note_tab = b->para->n_inlines;
		} else if (vndoc_docx__is(c, "cr")) {
			push_inline(b, VNDOC_DOCX_INLINE_LINE_BREAK, &rpr);
		} else if (vndoc_docx__is(c, "noBreakHyphen")) {
			push_text(b, &rpr, "\xe2\x80\x91", 3);
		} else if (vndoc_docx__is(c, "softHyphen")) {
			push_text(b, &rpr, "\xc2\xad", 2);
		} else if (vndoc_docx__is(c, "sym")) {
			const char *ch = vndoc_docx__attr(c, "char"), *font = vndoc_docx__attr(c, "font");
			unsigned long cp = ch ? strtoul(ch, NULL, 16) : 0;
			int kind = vndoc_docx__symbol_font(font);
			vndoc_docx_rpr srpr = rpr;
			char u[8];
			size_t n = 0;
			/* A symbol font's character as Unicode, drawn with that font;
			 * other fonts' F0xx codes at their ASCII position. */
			if (kind != VNDOC_DOCX__SYMBOL_NONE &&
			    (cp = vndoc_docx__symbol_char(kind, (unsigned)cp)) != 0)
				snprintf(srpr.font, sizeof srpr.font, "%s", font);
			else if (cp >= 0xf020 && cp <= 0xf0ff)
				cp -= 0xf000;
			if (cp >= 0x20 && cp < 0x10000)
				n = vndoc_docx__put_utf8(u, (unsigned)cp);
			if (n)
				push_text_raw(b, &srpr, u, n);
		}
	}
}

/* The text of the w:t of the runs of `parent` (a ruby's w:rt), malloc'd. */
static char *runs_text(const xmlNode *parent)
{
	char *out = vndoc_xstrndup("", 0);
	size_t len = 0;
	for (const xmlNode *r = parent->children; r; r = r->next) {
		if (r->type != XML_ELEMENT_NODE || !vndoc_docx__is(r, "r"))
			continue;
		for (const xmlNode *t = r->children; t; t = t->next) {
			if (t->type != XML_ELEMENT_NODE || !vndoc_docx__is(t, "t"))
				continue;
			for (const xmlNode *x = t->children; x; x = x->next) {
				size_t k;
				if ((x->type != XML_TEXT_NODE && x->type != XML_CDATA_SECTION_NODE) || !x->content)
					continue;
				k = strlen((const char *)x->content);
				out = vndoc_xrealloc(out, len + k + 1);
				memcpy(out + len, x->content, k + 1);
				len += k;
			}
		}
	}
	return out;
}

/*
 * w:ruby, a phonetic guide (furigana over Japanese, pinyin over Chinese):
 * the runs of its w:rubyBase are text of the line, in inlines of their
 * own; the text of its w:rt goes with the first of them, drawn centred
 * over them by the layout at w:hps, w:hpsRaise above their baseline, as
 * Word and LibreOffice draw it.  POI's stress019 (a Japanese form) lost
 * "担当者" and "氏名" and their guides.
 */
static void parse_ruby(para_builder *b, const xmlNode *ruby, int depth)
{
	const xmlNode *pr = vndoc_docx__child(ruby, "rubyPr"), *rt = vndoc_docx__child(ruby, "rt");
	const xmlNode *base = vndoc_docx__child(ruby, "rubyBase"), *x;
	size_t first = b->para->n_inlines;
	vndoc_docx_inline *in;
	int hps, raise;
	if (!base)
		return;
	b->apart = true;
	for (const xmlNode *r = base->children; r; r = r->next)
		if (r->type == XML_ELEMENT_NODE && vndoc_docx__is(r, "r"))
			parse_run_in(b, r, NULL, depth);
	b->apart = true; /* the text after the base is not part of it */
	if (!rt || b->para->n_inlines == first)
		return;
	in = &b->para->inlines[first];
	if (in->kind != VNDOC_DOCX_INLINE_TEXT || in->ruby)
		return;
	in->ruby = runs_text(rt);
	in->ruby_base = (int)(b->para->n_inlines - first);
	hps = pr && (x = vndoc_docx__child(pr, "hps")) ? vndoc_docx__attr_int(x, "val", 0) : 0;
	raise = pr && (x = vndoc_docx__child(pr, "hpsRaise")) ? vndoc_docx__attr_int(x, "val", -1) : -1;
	/* Word's defaults: half the base's size, raised by its size. */
	in->ruby_size = hps > 0 && hps <= 3276 ? hps : in->rpr.size / 2;
	in->ruby_raise = raise >= 0 && raise <= 3276 ? raise : in->rpr.size;
	if (!in->ruby[0]) {
		free(in->ruby);
		in->ruby = NULL;
	}
}

static void parse_run(para_builder *b, const xmlNode *r)
{
	parse_run_in(b, r, NULL, 0);
}

static void parse_change(para_builder *b, const xmlNode *c, int depth);

static void parse_inline_content(para_builder *b, const xmlNode *parent, int depth)
{
	if (depth > VNDOC_LIMIT_WRAPPER_DEPTH) {
		vndoc_docx__warn(b->ld->doc, "runs nested more than %d deep: the deeper ones not drawn",
				 VNDOC_LIMIT_WRAPPER_DEPTH);
		return;
	}
	for (const xmlNode *c = parent->children; c; c = c->next) {
		if (vndoc_docx__is_mc(c, "AlternateContent")) {
			const xmlNode *branch = vndoc_docx__mc_read(b->ld, c);
			if (branch)
				parse_inline_content(b, branch, depth + 1);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE || !is_w_ns(c))
			continue;
		if (vndoc_docx__is(c, "r")) {
			parse_run(b, c);
		} else if (vndoc_docx__is(c, "fldSimple")) {
			const char *format;
			int kind = field_kind(vndoc_docx__attr(c, "instr") ? vndoc_docx__attr(c, "instr") : "", &format);
			if (kind) {
				vndoc_docx_rpr rpr = b->base;
				const xmlNode *r = vndoc_docx__child(c, "r");
				const xmlNode *rp = r ? vndoc_docx__child(r, "rPr") : NULL;
				if (rp) {
					vndoc_docx__rpr_patch direct;
					memset(&direct, 0, sizeof direct);
					vndoc_docx__parse_rpr(rp, &direct);
					vndoc_docx__apply_rpr(b->ld, &rpr, &direct);
				}
				push_inline(b, (vndoc_docx_inline_kind)kind, &rpr)->field_format = format;
			} else {
				parse_inline_content(b, c, depth + 1);
			}
		} else if (vndoc_docx__is(c, "ins") || vndoc_docx__is(c, "moveTo") || vndoc_docx__is(c, "del") ||
			   vndoc_docx__is(c, "moveFrom")) {
			parse_change(b, c, depth);
		} else if (vndoc_docx__is(c, "hyperlink") || vndoc_docx__is(c, "smartTag") ||
			   vndoc_docx__is(c, "customXml") || vndoc_docx__is(c, "dir") || vndoc_docx__is(c, "bdo")) {
			parse_inline_content(b, c, depth + 1);
		} else if (vndoc_docx__is(c, "sdt")) {
			const xmlNode *content = vndoc_docx__child(c, "sdtContent");
			if (content)
				parse_inline_content(b, content, depth + 1);
		}
	}
}

/* A tracked change, w:ins, w:moveTo, w:del or w:moveFrom (see
 * CHANGE_COLOR), `depth` deep. */
static void parse_change(para_builder *b, const xmlNode *c, int depth)
{
	int was = b->change;
	bool deleted = vndoc_docx__is(c, "del") || vndoc_docx__is(c, "moveFrom");

	if (b->ld->changes_hidden) {
		if (deleted)
			return;
		parse_inline_content(b, c, depth + 1);
		return;
	}
	vndoc_docx__warn(b->ld->doc, "tracked changes drawn as markup, as LibreOffice and Word's All Markup "
				     "view show them: inserted text underlined, deleted text struck through");
	b->change = deleted ? CHANGE_DELETED : was == CHANGE_DELETED ? was : CHANGE_INSERTED;
	parse_inline_content(b, c, depth + 1);
	b->change = was;
}

static void parse_para(vndoc_docx__loader *ld, const xmlNode *p, vndoc_docx_para *out)
{
	const xmlNode *ppr = vndoc_docx__child(p, "pPr"), *x;
	vndoc_docx__ppr_patch direct;
	vndoc_docx__rpr_patch mark;
	para_builder b;
	vndoc_docx_ppr styled;
	vndoc_docx__tabs styled_tabs, tabs;

	memset(out, 0, sizeof *out);
	memset(&b, 0, sizeof b);
	memset(&direct, 0, sizeof direct);
	memset(&mark, 0, sizeof mark);
	out->section = -1;
	b.ld = ld;
	b.para = out;
	b.script = -1;

	if ((x = ppr ? vndoc_docx__child(ppr, "pStyle") : NULL))
		snprintf(out->style, sizeof out->style, "%s", vndoc_docx__attr(x, "val") ? vndoc_docx__attr(x, "val") : "");
	vndoc_docx__para_style(ld, out->style, &styled, &styled_tabs, &b.base);
	vndoc_docx__parse_ppr(ppr, &direct);
	vndoc_docx__parse_rpr(ppr ? vndoc_docx__child(ppr, "rPr") : NULL, &mark);

	out->ppr = styled;
	tabs = styled_tabs;
	vndoc_docx__apply_ppr(&out->ppr, &tabs, &direct);
	out->mark = b.base;
	out->base = b.base;
	vndoc_docx__apply_rpr(ld, &out->mark, &mark);

	if (out->ppr.num_id > 0) {
		const vndoc_docx__ppr_patch *lp;
		const vndoc_docx__rpr_patch *lr;
		char label[128];
		int suffix, jc;
		if (vndoc_docx__number(ld, out->ppr.num_id, out->ppr.num_level, label, sizeof label,
				       &suffix, &jc, &lp, &lr)) {
			vndoc_docx_rpr lrpr = out->mark;
			/* The level's indents sit between the style and direct formatting. */
			out->ppr = styled;
			tabs = styled_tabs;
			vndoc_docx__apply_ppr(&out->ppr, &tabs, lp);
			vndoc_docx__apply_ppr(&out->ppr, &tabs, &direct);
			out->ppr.label_jc = jc;
			vndoc_docx__apply_rpr(ld, &lrpr, lr);
			lrpr.label = true;
			push_text(&b, &lrpr, label, strlen(label));
			if (suffix == 0)
				push_inline(&b, VNDOC_DOCX_INLINE_TAB, &lrpr);
			else if (suffix == 1)
				push_text(&b, &lrpr, " ", 1);
		}
	}
	/* Word's built-in heading styles are outline levels even when the
	 * style does not say so. */
	if (out->ppr.outline_level < 0 && (out->style[0] == 'H' || out->style[0] == 'h') &&
	    !strncmp(out->style + 1, "eading", 6)) {
		const char *n = out->style + 7;
		if (*n == ' ')
			n++;
		if (n[0] >= '1' && n[0] <= '9' && !n[1])
			out->ppr.outline_level = n[0] - '1';
	}
	/* HTML spacing (LibreOffice's writerfilter, Word): 14 pt whatever
	 * the spacing says; see also parse_story and parse_block_node. */
	if (out->ppr.auto_before)
		out->ppr.space_before = 280;
	if (out->ppr.auto_after)
		out->ppr.space_after = 280;
	out->ppr.n_tabs = tabs.n;
	out->ppr.tabs = vndoc_docx__intern_tabs(ld, &tabs);
	parse_inline_content(&b, p, 0);
	/* Fit the array: a summary holds tens of thousands of paragraphs. */
	if (b.cap > out->n_inlines && out->n_inlines)
		out->inlines = vndoc_xreallocarray(out->inlines, out->n_inlines, sizeof *out->inlines);
}

/* ---------------------------------------------------------------- stories */

static vndoc_docx_block *push_block(story_builder *sb)
{
	vndoc_docx_story *s = sb->story;
	if (s->n_blocks == sb->cap) {
		sb->cap = sb->cap ? sb->cap * 2 : 2;
		s->blocks = vndoc_xreallocarray(s->blocks, sb->cap, sizeof *s->blocks);
	}
	memset(&s->blocks[s->n_blocks], 0, sizeof s->blocks[0]);
	return &s->blocks[s->n_blocks++];
}

static int parse_blocks(vndoc_docx__loader *ld, const xmlNode *parent, story_builder *sb,
			int depth, int wrap);

/* Between two paragraphs of one list (the same numbering), HTML spacing
 * is none: the second's before, the first's after (LibreOffice's
 * writerfilter, DomainMapper_Impl::finishParagraph).  poi-bug59058's
 * references (before 5 pt auto, after 9 pt) are 9 pt apart there, not 14. */
static void list_autospacing(story_builder *sb)
{
	vndoc_docx_story *s = sb->story;
	vndoc_docx_para *cur, *prev;
	if (s->n_blocks < 2 || s->blocks[s->n_blocks - 2].kind != VNDOC_DOCX_BLOCK_PARA)
		return;
	cur = &s->blocks[s->n_blocks - 1].u.para;
	prev = &s->blocks[s->n_blocks - 2].u.para;
	if (!cur->ppr.num_id || cur->ppr.num_id != prev->ppr.num_id)
		return;
	if (cur->ppr.auto_before)
		cur->ppr.space_before = 0;
	if (prev->ppr.auto_after)
		prev->ppr.space_after = 0;
}

/* One child of a story: a paragraph, a table, or a wrapper of blocks. */
int vndoc_docx__parse_block_node(vndoc_docx__loader *ld, const xmlNode *c, story_builder *sb, int depth,
			    int wrap)
{
	int error;
	if (vndoc_docx__is(c, "p")) {
		vndoc_docx_block *blk = push_block(sb);
		const xmlNode *ppr = vndoc_docx__child(c, "pPr");
		const xmlNode *sect = ppr ? vndoc_docx__child(ppr, "sectPr") : NULL;
		blk->kind = VNDOC_DOCX_BLOCK_PARA;
		parse_para(ld, c, &blk->u.para);
		/* A framed paragraph of the body floats (other stories gather
		 * theirs in vndoc_docx__parse_story). */
		if (ld->in_body && depth == 0)
			vndoc_docx__frame_in_place(&blk->u.para);
		/* No HTML spacing before the document's first paragraph. */
		if (ld->in_body && depth == 0 && ld->block_base + sb->story->n_blocks == 1 &&
		    blk->u.para.ppr.auto_before)
			blk->u.para.ppr.space_before = 0;
		list_autospacing(sb);
		if (sect && ld->in_body && depth == 0) {
			/* The section is parsed after the block exists: header loads
			 * may reallocate nothing in this story, but index anyway. */
			size_t n = sb->story->n_blocks;
			if ((error = vndoc_docx__body_section(ld, sect, ld->block_base + n)) < 0)
				return error;
			sb->story->blocks[n - 1].u.para.section = error;
		}
	} else if (vndoc_docx__is(c, "tbl")) {
		vndoc_docx_block *blk = push_block(sb);
		blk->kind = VNDOC_DOCX_BLOCK_TABLE;
		if ((error = vndoc_docx__parse_table(ld, c, &blk->u.table, depth)) < 0)
			return error;
	} else if (vndoc_docx__is(c, "sdt")) {
		const xmlNode *content = vndoc_docx__child(c, "sdtContent");
		if (content && (error = parse_blocks(ld, content, sb, depth, wrap + 1)) < 0)
			return error;
	} else if (vndoc_docx__is(c, "customXml") || vndoc_docx__is(c, "ins")) {
		if ((error = parse_blocks(ld, c, sb, depth, wrap + 1)) < 0)
			return error;
	} else if (vndoc_docx__is_mc(c, "AlternateContent")) {
		const xmlNode *branch = vndoc_docx__mc_read(ld, c);
		if (branch && (error = parse_blocks(ld, branch, sb, depth, wrap + 1)) < 0)
			return error;
	}
	return 0;
}

static int parse_blocks(vndoc_docx__loader *ld, const xmlNode *parent, story_builder *sb,
			int depth, int wrap)
{
	int error;

	if (wrap > VNDOC_LIMIT_WRAPPER_DEPTH)
		return vndoc_error_set(ld->err, VNDOC_ELIMIT, "content nested more than %d deep",
				       VNDOC_LIMIT_WRAPPER_DEPTH);
	for (const xmlNode *c = parent->children; c; c = c->next)
		if ((error = vndoc_docx__parse_block_node(ld, c, sb, depth, wrap)) < 0)
			return error;
	return 0;
}

int vndoc_docx__parse_story(vndoc_docx__loader *ld, const xmlNode *parent, vndoc_docx_story *out,
			    int depth)
{
	story_builder sb = { out, out->n_blocks };
	size_t from = out->n_blocks;
	bool in_body = ld->in_body;
	int error;
	/* Headers, footers and cells never end a section. */
	if (depth > 0 || !vndoc_docx__is(parent, "body"))
		ld->in_body = false;
	error = parse_blocks(ld, parent, &sb, depth, 0);
	ld->in_body = in_body;
	/* Frames in headers, footers and text boxes (the body's blocks are
	 * counted by its sections: they stay where they are); a table cell
	 * has none (vndoc_docx__frames_drop). */
	if (error == 0 && vndoc_docx__is(parent, "tc"))
		vndoc_docx__frames_drop(out, from);
	else if (error == 0 && (depth > 0 || !vndoc_docx__is(parent, "body")))
		vndoc_docx__frames_gather(out, from);
	/* In a cell (a note, a text box), no HTML spacing before the first
	 * paragraph nor after the last (LibreOffice).  Nor before a
	 * paragraph right after a nested table, which LibreOffice 7.4 begins
	 * as it begins a cell (soffice: 14 pt between a nested table and an
	 * auto-spaced paragraph in the body, none in a cell; a plain 14 pt
	 * before stays; poi-drawing p1, "НОВОСИБИРСК" under the rule's
	 * table; checked in cells only). */
	if (error == 0 && depth > 0 && out->n_blocks) {
		vndoc_docx_block *first = &out->blocks[0], *last = &out->blocks[out->n_blocks - 1];
		if (first->kind == VNDOC_DOCX_BLOCK_PARA && first->u.para.ppr.auto_before)
			first->u.para.ppr.space_before = 0;
		if (last->kind == VNDOC_DOCX_BLOCK_PARA && last->u.para.ppr.auto_after)
			last->u.para.ppr.space_after = 0;
		for (size_t i = from + 1; i < out->n_blocks; i++)
			if (out->blocks[i - 1].kind == VNDOC_DOCX_BLOCK_TABLE &&
			    out->blocks[i].kind == VNDOC_DOCX_BLOCK_PARA && out->blocks[i].u.para.ppr.auto_before)
				out->blocks[i].u.para.ppr.space_before = 0;
	}
	/* Fit the array: a block is large and most cells hold one or two
	 * (growing by doubling from 16 cost 10 KB a cell, 320 MB for a
	 * summary of 30,000 cells). */
	if (sb.cap > out->n_blocks && out->n_blocks)
		out->blocks = vndoc_xreallocarray(out->blocks, out->n_blocks, sizeof *out->blocks);
	return error;
}

void vndoc_docx__para_dispose(vndoc_docx_para *p)
{
	for (size_t i = 0; i < p->n_inlines; i++) {
		free(p->inlines[i].text);
		free(p->inlines[i].ruby);
		vndoc_docx__drawing_free(p->inlines[i].drawing);
	}
	free(p->inlines);
}

void vndoc_docx__story_dispose(vndoc_docx_story *s)
{
	for (size_t i = 0; i < s->n_blocks; i++) {
		if (s->blocks[i].kind == VNDOC_DOCX_BLOCK_PARA)
			vndoc_docx__para_dispose(&s->blocks[i].u.para);
		else
			vndoc_docx__table_dispose(&s->blocks[i].u.table);
	}
	free(s->blocks);
	s->blocks = NULL;
	s->n_blocks = 0;
}

/* ---------------------------------------------------------------- body */

/*
 * The body is read with a streaming reader, one block at a time (a table
 * one row at a time), so that no tree of the whole document is ever held:
 * a summary of ten thousand registrations is a single table of 100 MB of
 * XML, whose libxml2 tree took fifteen times that.  A cursor walks the
 * body and gives its children (EV_NODE, expanded), and its tables as
 * EV_TABLE (properties and grid read), EV_ROW per row, EV_TABLE_END.
 * vndoc_docx_load builds the whole body from it; a streamed document
 * (vndoc_docx_open, stream.c) pulls blocks and rows from it as layout
 * asks.  The reader's types are in docx/body.h.
 */

void vndoc_docx__reader_error(void *arg, xmlErrorPtr e)
{
	body_reader *br = arg;
	char msg[200];
	size_t n;

	if (br->failed || e->level < XML_ERR_ERROR)
		return;
	br->failed = true;
	snprintf(msg, sizeof msg, "%s", e->message ? e->message : "malformed XML");
	/* One line: libxml2 adds details after a newline. */
	msg[strcspn(msg, "\n")] = '\0';
	n = strlen(msg);
	while (n && (msg[n - 1] == ' ' || msg[n - 1] == ','))
		msg[--n] = '\0';
	vndoc_error_set_pos(br->ld->err, e->line, e->int2);
	if (e->code == XML_ERR_INTERNAL_ERROR && strstr(msg, "depth"))
		vndoc_error_set(br->ld->err, VNDOC_ELIMIT, "elements nested deeper than %d",
				VNDOC_LIMIT_XML_DEPTH);
	else
		vndoc_error_set(br->ld->err, VNDOC_EFORMAT, "malformed XML: %s", msg);
}

static bool rd_is(xmlTextReaderPtr r, const char *name)
{
	const xmlChar *ns = xmlTextReaderConstNamespaceUri(r);
	return xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT && ns &&
	       !strcmp((const char *)ns, VNDOC_DOCX_W_NS) &&
	       !strcmp((const char *)xmlTextReaderConstLocalName(r), name);
}

/* The reader failed (ret < 0) or the XML was malformed. */
static int rd_failed(body_reader *br)
{
	if (!br->failed) {
		br->failed = true;
		vndoc_error_set(br->ld->err, VNDOC_EFORMAT, "malformed XML");
	}
	return br->ld->err ? (int)br->ld->err->code : VNDOC_EFORMAT;
}

/* Expands the element under the reader: a tree valid until it moves on. */
static xmlNode *rd_expand(body_reader *br)
{
	xmlNode *n = xmlTextReaderExpand(br->r);
	if (!n)
		rd_failed(br);
	return n;
}


static int cursor_move(body_cursor *c)
{
	int adv = c->advance;
	c->advance = ADV_READ;
	if (adv == ADV_NEXT)
		return xmlTextReaderNext(c->br.r);
	return xmlTextReaderRead(c->br.r);
}

/* The next event of the body; *node: EV_NODE, EV_ROW's element, valid
 * until the next call.  A negative code on failure. */
/* Moves to the table's next child element (1) or its end tag (0). */
static int table_child(body_cursor *c)
{
	xmlTextReaderPtr r = c->br.r;

	for (;;) {
		int type, d;
		if (cursor_move(c) != 1)
			return rd_failed(&c->br);
		type = xmlTextReaderNodeType(r);
		d = xmlTextReaderDepth(r);
		if (type == XML_READER_TYPE_END_ELEMENT && d == c->tbl_depth)
			return 0;
		if (type == XML_READER_TYPE_ELEMENT && d == c->tbl_depth + 1)
			return 1;
	}
}

/* The element after `n` among its siblings (the first child of `parent`
 * when n is NULL). */
static xmlNode *next_element(xmlNode *parent, xmlNode *n)
{
	for (n = n ? n->next : parent->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

static bool written_empty(const xmlNode *n)
{
	return n->extra & VNDOC_XML_FAST_EMPTY;
}

/* cursor_next over the tree of xml/fast.c: the events the reader gives. */
static int fast_next(body_cursor *c, xmlNode **node)
{
	xmlNode *n;

	switch (c->state) {
	case ST_START:
		for (n = next_element(vndoc_xml_fast_root(c->fast), NULL); n; n = next_element(n->parent, n))
			if (vndoc_docx__is(n, "body"))
				break;
		if (!n)
			return vndoc_error_set(c->br.ld->err, VNDOC_EFORMAT, "no w:body in the document");
		c->tbl = n; /* the body, for ST_BODY */
		c->at = NULL;
		c->state = written_empty(n) ? ST_DONE : ST_BODY;
		return fast_next(c, node);
	case ST_BODY:
		if (!(n = next_element(c->tbl, c->at))) {
			c->state = ST_DONE;
			return EV_END;
		}
		c->at = n;
		if (vndoc_docx__is(n, "tbl") && !written_empty(n)) {
			c->tblpr = c->grid = NULL; /* the tree's own, not copies */
			c->state = ST_TABLE_PRE;
			return fast_next(c, node);
		}
		*node = n;
		return EV_NODE;
	case ST_TABLE_PRE:
		/* The table's properties and grid, up to its first row. */
		for (n = next_element(c->at, NULL); n; n = next_element(c->at, n)) {
			if (vndoc_docx__is(n, "tr"))
				break;
			if (vndoc_docx__is(n, "tblPr") && !c->tblpr)
				c->tblpr = n;
			else if (vndoc_docx__is(n, "tblGrid") && !c->grid)
				c->grid = n;
		}
		c->state = n ? ST_TABLE_ROW : ST_TABLE_EMPTY;
		c->tbl = c->at; /* the table, the body its parent */
		c->at = n;      /* its first row */
		return EV_TABLE;
	case ST_TABLE_ROW:
		*node = c->at;
		c->state = ST_TABLE_ROWS;
		return EV_ROW;
	case ST_TABLE_ROWS:
		while ((n = next_element(c->tbl, c->at)) && !vndoc_docx__is(n, "tr"))
			c->at = n;
		if (n) {
			c->at = n;
			*node = n;
			return EV_ROW;
		}
		/* fall through */
	case ST_TABLE_EMPTY:
		c->at = c->tbl;
		c->tbl = c->tbl->parent;
		c->state = ST_BODY;
		return EV_TABLE_END;
	default:
		return EV_END;
	}
}

int vndoc_docx__cursor_next(body_cursor *c, xmlNode **node)
{
	xmlTextReaderPtr r = c->br.r;
	int ret, type, d;

	*node = NULL;
	if (c->fast)
		return fast_next(c, node);
	switch (c->state) {
	case ST_START:
		/* w:document, then w:body (the first one) as its child. */
		while ((ret = xmlTextReaderRead(r)) == 1) {
			if (xmlTextReaderDepth(r) == 1 && rd_is(r, "body")) {
				c->body_depth = 1;
				if (xmlTextReaderIsEmptyElement(r)) {
					c->state = ST_TAIL;
					return vndoc_docx__cursor_next(c, node);
				}
				c->state = ST_BODY;
				c->advance = ADV_READ;
				return vndoc_docx__cursor_next(c, node);
			}
		}
		if (ret < 0 || c->br.failed)
			return rd_failed(&c->br);
		return vndoc_error_set(c->br.ld->err, VNDOC_EFORMAT, "no w:body in the document");
	case ST_BODY:
		for (;;) {
			if ((ret = cursor_move(c)) != 1)
				return rd_failed(&c->br);
			type = xmlTextReaderNodeType(r);
			d = xmlTextReaderDepth(r);
			if (type == XML_READER_TYPE_END_ELEMENT && d == c->body_depth) {
				c->state = ST_TAIL;
				return vndoc_docx__cursor_next(c, node);
			}
			if (type != XML_READER_TYPE_ELEMENT || d != c->body_depth + 1)
				continue;
			if (rd_is(r, "tbl") && !xmlTextReaderIsEmptyElement(r)) {
				xmlFreeNode(c->tblpr);
				xmlFreeNode(c->grid);
				c->tblpr = c->grid = NULL;
				c->tbl_depth = d;
				c->state = ST_TABLE_PRE;
				return vndoc_docx__cursor_next(c, node);
			}
			if (!(*node = rd_expand(&c->br)))
				return rd_failed(&c->br);
			c->advance = ADV_NEXT;
			return EV_NODE;
		}
	case ST_TABLE_PRE:
		/* The table's properties and grid, up to its first row. */
		for (;;) {
			if ((ret = table_child(c)) < 0)
				return ret;
			if (ret == 0) {
				c->state = ST_TABLE_EMPTY;
				return EV_TABLE;
			}
			if (rd_is(r, "tr")) {
				c->state = ST_TABLE_ROW;
				c->advance = ADV_NONE;
				return EV_TABLE;
			}
			if ((rd_is(r, "tblPr") && !c->tblpr) || (rd_is(r, "tblGrid") && !c->grid)) {
				/* Kept past the reader's moving on: copies. */
				bool is_pr = rd_is(r, "tblPr");
				xmlNode *n = rd_expand(&c->br);
				if (!n)
					return rd_failed(&c->br);
				if (is_pr)
					c->tblpr = xmlDocCopyNode(n, NULL, 1);
				else
					c->grid = xmlDocCopyNode(n, NULL, 1);
			}
			c->advance = ADV_NEXT;
		}
	case ST_TABLE_ROW: /* the reader is on a w:tr */
		if (!(*node = rd_expand(&c->br)))
			return rd_failed(&c->br);
		c->state = ST_TABLE_ROWS;
		c->advance = ADV_NEXT;
		return EV_ROW;
	case ST_TABLE_ROWS:
		for (;;) {
			if ((ret = table_child(c)) < 0)
				return ret;
			if (ret == 0) {
				c->state = ST_BODY;
				c->advance = ADV_READ;
				return EV_TABLE_END;
			}
			c->advance = ADV_NEXT;
			if (rd_is(r, "tr")) {
				if (!(*node = rd_expand(&c->br)))
					return rd_failed(&c->br);
				return EV_ROW;
			}
		}
	case ST_TABLE_EMPTY:
		c->state = ST_BODY;
		c->advance = ADV_READ;
		return EV_TABLE_END;
	case ST_TAIL:
		/* The rest of the part, for its well-formedness. */
		while ((ret = xmlTextReaderRead(r)) == 1)
			;
		c->state = ST_DONE;
		if (ret < 0 || c->br.failed)
			return rd_failed(&c->br);
		return EV_END;
	default:
		return EV_END;
	}
}

void vndoc_docx__cursor_dispose(body_cursor *c)
{
	if (c->br.r)
		xmlFreeTextReader(c->br.r);
	if (!c->fast) { /* copies the reader made; the tree's own otherwise */
		xmlFreeNode(c->tblpr);
		xmlFreeNode(c->grid);
	}
	vndoc_xml_fast_free(c->fast);
	memset(c, 0, sizeof *c);
}

const int vndoc_docx__reader_options =
	XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;

/* Reads word/document.xml: the body's blocks and its last section. */
static int load_body(vndoc_docx__loader *ld)
{
	const char *part = "word/document.xml";
	story_builder sb = { &ld->doc->body, 0 };
	body_cursor c;
	vndoc_docx__tbl_build tb;
	bool in_table = false;
	xmlNode *sect = NULL, *n;
	char *data = NULL;
	size_t len = 0;
	int ev, error;

	memset(&c, 0, sizeof c);
	memset(&tb, 0, sizeof tb);
	c.br.ld = ld;
	if ((error = vndoc_package_read(&data, &len, ld->pkg, part, ld->err)) < 0)
		return error;
	/* The tree of xml/fast.c where it reads the part, else libxml2's
	 * reader (which then also reports what is wrong with the part). */
	if (vndoc_xml_fast_parse(&c.fast, data, len) != 0) {
		if ((error = vndoc_xml_reader_open(&c.br.r, data, len, part, vndoc_docx__reader_options, ld->err)) < 0)
			goto done;
		xmlTextReaderSetStructuredErrorHandler(c.br.r, vndoc_docx__reader_error, &c.br);
	}
	ld->in_body = true;
	while (error == 0 && (ev = vndoc_docx__cursor_next(&c, &n)) != EV_END) {
		vndoc_docx_block *blk;
		if (ev < 0) {
			error = ev;
			break;
		}
		switch (ev) {
		case EV_NODE:
			if (vndoc_docx__is(n, "sectPr")) {
				/* The tree's own stays till the end; the reader's moves on. */
				if (!sect)
					sect = c.fast ? n : xmlDocCopyNode(n, NULL, 1);
			} else {
				error = vndoc_docx__parse_block_node(ld, n, &sb, 0, 0);
			}
			break;
		case EV_TABLE:
			blk = push_block(&sb);
			blk->kind = VNDOC_DOCX_BLOCK_TABLE;
			if ((error = vndoc_docx__table_begin(ld, c.tblpr, c.grid, &blk->u.table, 0, &tb)) == 0)
				in_table = true;
			break;
		case EV_ROW:
			error = vndoc_docx__table_row(ld, &tb, n);
			break;
		case EV_TABLE_END:
			error = vndoc_docx__table_end(&tb, true);
			in_table = false;
			break;
		}
	}
	if (in_table)
		vndoc_docx__table_end(&tb, false);
	ld->in_body = false;
	if (sb.cap > ld->doc->body.n_blocks && ld->doc->body.n_blocks)
		ld->doc->body.blocks = vndoc_xreallocarray(ld->doc->body.blocks, ld->doc->body.n_blocks,
							   sizeof *ld->doc->body.blocks);
	/* The body's own sectPr is the last section; a document without one
	 * gets Word's defaults. */
	if (error == 0)
		error = vndoc_docx__parse_sectpr(ld, sect, ld->doc->body.n_blocks);
done:
	if (!c.fast)
		xmlFreeNode(sect);
	vndoc_docx__cursor_dispose(&c);
	free(data);
	return error;
}

/* ---------------------------------------------------------------- load */

int vndoc_docx__load_parts(vndoc_docx__loader *ld)
{
	int error;
	if ((error = vndoc_docx__load_rels(ld, "word/document.xml", &ld->rels, &ld->n_rels)) < 0 ||
	    (error = load_theme(ld)) < 0 || (error = load_settings(ld)) < 0 ||
	    (error = vndoc_docx__load_styles(ld)) < 0 || (error = vndoc_docx__load_numbering(ld)) < 0 ||
	    (error = load_core(ld)) < 0 || (error = vndoc_docx__load_notes(ld)) < 0)
		return error;
	ld->part = "word/document.xml";
	return 0;
}

int vndoc_docx_load(vndoc_docx **out, const vndoc_package *pkg, vndoc_error *err)
{
	vndoc_docx__loader ld;
	vndoc_docx *doc;
	int error;

	*out = NULL;
	memset(&ld, 0, sizeof ld);
	doc = vndoc_xcalloc(1, sizeof *doc);
	ld.pkg = pkg;
	ld.doc = doc;
	ld.err = err;
	ld.part = "word/document.xml";

	if ((error = vndoc_docx__load_parts(&ld)) < 0)
		goto done;
	if ((error = load_body(&ld)) < 0)
		goto done;
	vndoc_docx__finish_sections(doc);

done:
	if (error < 0)
		vndoc_error_set_part(err, ld.part);
	free(ld.rels);
	vndoc_docx__vml_dispose(&ld);
	vndoc_docx__styles_dispose(&ld);
	vndoc_docx__numbering_dispose(&ld);
	if (error < 0) {
		vndoc_docx_free(doc);
		return error;
	}
	*out = doc;
	return 0;
}

bool vndoc_docx_word_layout(const vndoc_docx *doc)
{
	return doc->compat_mode >= 15 && !doc->other_app;
}

void vndoc_docx_free(vndoc_docx *doc)
{
	if (!doc)
		return;
	if (doc->stream) {
		vndoc_docx__stream_free(doc->stream);
		doc->stream = NULL;
		doc->body.n_blocks = 0; /* never held */
	}
	vndoc_docx__story_dispose(&doc->body);
	for (size_t i = 0; i < doc->n_stories; i++)
		vndoc_docx__story_dispose(&doc->stories[i]);
	free(doc->stories);
	vndoc_docx__notes_free(doc);
	free(doc->sections);
	for (size_t i = 0; i < doc->n_images; i++)
		free(doc->images[i].data);
	free(doc->images);
	for (size_t i = 0; i < doc->n_warnings; i++)
		free(doc->warnings[i]);
	free(doc->warnings);
	for (size_t i = 0; i < doc->n_tab_sets; i++)
		free(doc->tab_sets[i]);
	free(doc->tab_sets);
	free(doc->tab_set_sizes);
	free(doc);
}
