/*
 * docx/document.c: the loader: relationships, theme fonts, settings, the
 * body and its paragraphs, runs and fields.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/limits.h"
#include "docx/docx_internal.h"
#include "xml/xml.h"

/* Nesting of content controls, smart tags, hyperlinks, ... inside a story. */
#define MAX_WRAPPER_DEPTH 32

/* ---------------------------------------------------------------- xml helpers */

static bool is_w_ns(const xmlNode *n)
{
	return n->ns && n->ns->href && !strcmp((const char *)n->ns->href, VNDOC_DOCX_W_NS);
}

bool vndoc_docx__is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && is_w_ns(n) && !strcmp((const char *)n->name, name);
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
		if (!strcmp((const char *)a->name, name) && a->children && a->children->content)
			return (const char *)a->children->content;
	return NULL;
}

int vndoc_docx__attr_int(const xmlNode *n, const char *name, int dflt)
{
	const char *s = vndoc_docx__attr(n, name);
	char *end;
	long v;
	if (!s)
		return dflt;
	v = strtol(s, &end, 10);
	/* Some writers put fractional twips ("1440.0"); the integer part will do. */
	if (end == s)
		return dflt;
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
	return strcmp(v, "0") && strcmp(v, "false") && strcmp(v, "off") ? 1 : 0;
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
	char *data = NULL;
	size_t len = 0;
	int error;

	*out = NULL;
	if (optional && vndoc_package_find(ld->pkg, part) < 0)
		return 0;
	if ((error = vndoc_package_read(&data, &len, ld->pkg, part, ld->err)) < 0)
		return error;
	error = vndoc_xml_parse(out, data, len, part, ld->err);
	free(data);
	if (error == 0 && !xmlDocGetRootElement(*out)) {
		xmlFreeDoc(*out);
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
	xmlFreeDoc(xml);
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
	}
	xmlFreeDoc(xml);
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
	if ((n = vndoc_docx__child(xmlDocGetRootElement(xml), "evenAndOddHeaders")))
		ld->doc->even_and_odd_headers = vndoc_docx__onoff(n) == 1;
	if ((n = vndoc_docx__child(xmlDocGetRootElement(xml), "compat"))) {
		for (const xmlNode *c = n->children; c; c = c->next) {
			const char *name = vndoc_docx__attr(c, "name");
			if (vndoc_docx__is(c, "compatSetting") && name && !strcmp(name, "compatibilityMode"))
				ld->doc->compat_mode = vndoc_docx__attr_int(c, "val", 0);
		}
	}
	xmlFreeDoc(xml);
	return 0;
}

static int load_core(vndoc_docx__loader *ld)
{
	xmlDoc *xml = NULL;
	const xmlNode *root;
	int error;

	if ((error = vndoc_docx__read_xml(&xml, ld, "docProps/core.xml", true)) < 0)
		return error;
	if (!xml)
		return 0;
	root = xmlDocGetRootElement(xml);
	copy_text(ld->doc->title, sizeof ld->doc->title, child_any(root, "title"));
	copy_text(ld->doc->author, sizeof ld->doc->author, child_any(root, "creator"));
	copy_text(ld->doc->subject, sizeof ld->doc->subject, child_any(root, "subject"));
	copy_text(ld->doc->keywords, sizeof ld->doc->keywords, child_any(root, "keywords"));
	xmlFreeDoc(xml);
	return 0;
}

/* ---------------------------------------------------------------- paragraphs */

/* Complex fields (fldChar begin / instrText / separate / end) may nest. */
#define MAX_FIELD_DEPTH 8

typedef struct field {
	char instr[128];
	int kind;     /* 0 unknown, else a VNDOC_DOCX_INLINE_FIELD_* */
	bool result;  /* between separate and end */
	bool emitted;
} field;

typedef struct field_state {
	int depth;
	field f[MAX_FIELD_DEPTH];
} field_state;

typedef struct para_builder {
	vndoc_docx__loader *ld;
	vndoc_docx_para *para;
	size_t cap;
	vndoc_docx_rpr base;  /* the paragraph style's run properties */
	field_state fields;
} para_builder;

static vndoc_docx_inline *push_inline(para_builder *b, vndoc_docx_inline_kind kind,
				      const vndoc_docx_rpr *rpr)
{
	vndoc_docx_para *p = b->para;
	vndoc_docx_inline *in;
	if (p->n_inlines == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 8;
		p->inlines = vndoc_xreallocarray(p->inlines, b->cap, sizeof *in);
	}
	in = &p->inlines[p->n_inlines++];
	in->kind = kind;
	in->rpr = *rpr;
	in->text = NULL;
	in->image = 0;
	in->image_w = in->image_h = 0;
	memset(&in->anchor, 0, sizeof in->anchor);
	return in;
}

static void push_text(para_builder *b, const vndoc_docx_rpr *rpr, const char *text, size_t len)
{
	vndoc_docx_para *p = b->para;
	vndoc_docx_inline *last = p->n_inlines ? &p->inlines[p->n_inlines - 1] : NULL;
	if (!len)
		return;
	/* Adjacent runs with the same properties become one inline. */
	if (last && last->kind == VNDOC_DOCX_INLINE_TEXT && !memcmp(&last->rpr, rpr, sizeof *rpr)) {
		size_t old = strlen(last->text);
		last->text = vndoc_xrealloc(last->text, old + len + 1);
		memcpy(last->text + old, text, len);
		last->text[old + len] = '\0';
		return;
	}
	push_inline(b, VNDOC_DOCX_INLINE_TEXT, rpr)->text = vndoc_xstrndup(text, len);
}

static int field_kind(const char *instr)
{
	char word[32];
	size_t n = 0;
	while (*instr == ' ')
		instr++;
	while (*instr && *instr != ' ' && n + 1 < sizeof word)
		word[n++] = *instr++;
	word[n] = '\0';
	if (!strcmp(word, "PAGE"))
		return VNDOC_DOCX_INLINE_FIELD_PAGE;
	if (!strcmp(word, "NUMPAGES") || !strcmp(word, "SECTIONPAGES"))
		return VNDOC_DOCX_INLINE_FIELD_NUMPAGES;
	return 0;
}

/* True while the runs being read are the cached result of a field we
 * compute ourselves, or a field's instruction. */
static bool in_field_code(const field_state *fs)
{
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
		if (fs->depth < MAX_FIELD_DEPTH) {
			memset(&fs->f[fs->depth], 0, sizeof fs->f[0]);
		}
		fs->depth++;
	} else if (fs->depth > 0 && fs->depth <= MAX_FIELD_DEPTH) {
		field *f = &fs->f[fs->depth - 1];
		if (!strcmp(type, "separate") || !strcmp(type, "end")) {
			if (!f->result) {
				f->kind = field_kind(f->instr);
				f->result = true;
			}
			if (f->kind && !f->emitted) {
				push_inline(b, (vndoc_docx_inline_kind)f->kind, rpr);
				f->emitted = true;
			}
		}
		if (!strcmp(type, "end"))
			fs->depth--;
	} else if (fs->depth > 0 && !strcmp(type, "end")) {
		fs->depth--;
	}
}

static void parse_run(para_builder *b, const xmlNode *r)
{
	vndoc_docx__loader *ld = b->ld;
	vndoc_docx_rpr rpr = b->base;
	const xmlNode *rpr_node = vndoc_docx__child(r, "rPr"), *c;
	vndoc_docx__rpr_patch direct;

	if (rpr_node) {
		const xmlNode *rs = vndoc_docx__child(rpr_node, "rStyle");
		if (rs)
			vndoc_docx__char_style(ld, vndoc_docx__attr(rs, "val"), &rpr);
		memset(&direct, 0, sizeof direct);
		vndoc_docx__parse_rpr(rpr_node, &direct);
		vndoc_docx__apply_rpr(ld, &rpr, &direct);
	}
	for (c = r->children; c; c = c->next) {
		field_state *fs = &b->fields;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (vndoc_docx__is(c, "fldChar")) {
			on_fldchar(b, c, &rpr);
			continue;
		}
		if (vndoc_docx__is(c, "instrText")) {
			if (fs->depth > 0 && fs->depth <= MAX_FIELD_DEPTH) {
				char *instr = fs->f[fs->depth - 1].instr;
				size_t have = strlen(instr);
				copy_text(instr + have, sizeof fs->f[0].instr - have, c);
			}
			continue;
		}
		if (in_field_code(fs) || rpr.vanish)
			continue;
		if (vndoc_docx__is(c, "t")) {
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
			push_inline(b, VNDOC_DOCX_INLINE_TAB, &rpr);
		} else if (vndoc_docx__is(c, "br")) {
			const char *type = vndoc_docx__attr(c, "type");
			push_inline(b, type && !strcmp(type, "page") ? VNDOC_DOCX_INLINE_PAGE_BREAK
								     : VNDOC_DOCX_INLINE_LINE_BREAK, &rpr);
		} else if (vndoc_docx__is(c, "drawing") || vndoc_docx__is(c, "pict") ||
			   vndoc_docx__is(c, "object") ||
			   !strcmp((const char *)c->name, "AlternateContent")) {
			double w = 0, h = 0;
			bool floating = false;
			vndoc_docx_anchor anchor;
			long img;
			memset(&anchor, 0, sizeof anchor);
			img = vndoc_docx__parse_drawing(ld, c, &w, &h, &floating, &anchor);
			if (img >= 0) {
				vndoc_docx_inline *in = push_inline(
					b, floating ? VNDOC_DOCX_INLINE_FLOAT : VNDOC_DOCX_INLINE_IMAGE, &rpr);
				in->image = (size_t)img;
				in->image_w = w;
				in->image_h = h;
				in->anchor = anchor;
			}
		} else if (vndoc_docx__is(c, "cr")) {
			push_inline(b, VNDOC_DOCX_INLINE_LINE_BREAK, &rpr);
		} else if (vndoc_docx__is(c, "noBreakHyphen")) {
			push_text(b, &rpr, "\xe2\x80\x91", 3);
		} else if (vndoc_docx__is(c, "softHyphen")) {
			push_text(b, &rpr, "\xc2\xad", 2);
		} else if (vndoc_docx__is(c, "sym")) {
			const char *ch = vndoc_docx__attr(c, "char");
			unsigned long cp = ch ? strtoul(ch, NULL, 16) : 0;
			char u[8];
			int n = 0;
			/* Symbol-font code points (F0xx) map to their ASCII position. */
			if (cp >= 0xf020 && cp <= 0xf0ff)
				cp -= 0xf000;
			if (cp >= 0x20 && cp < 0x80)
				u[n++] = (char)cp;
			else if (cp >= 0x80 && cp < 0x800) {
				u[n++] = (char)(0xc0 | (cp >> 6));
				u[n++] = (char)(0x80 | (cp & 0x3f));
			}
			if (n)
				push_text(b, &rpr, u, (size_t)n);
		}
	}
}

static void parse_inline_content(para_builder *b, const xmlNode *parent, int depth)
{
	if (depth > MAX_WRAPPER_DEPTH)
		return;
	for (const xmlNode *c = parent->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || !is_w_ns(c))
			continue;
		if (vndoc_docx__is(c, "r")) {
			parse_run(b, c);
		} else if (vndoc_docx__is(c, "fldSimple")) {
			int kind = field_kind(vndoc_docx__attr(c, "instr") ? vndoc_docx__attr(c, "instr") : "");
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
				push_inline(b, (vndoc_docx_inline_kind)kind, &rpr);
			} else {
				parse_inline_content(b, c, depth + 1);
			}
		} else if (vndoc_docx__is(c, "hyperlink") || vndoc_docx__is(c, "ins") ||
			   vndoc_docx__is(c, "smartTag") || vndoc_docx__is(c, "customXml") ||
			   vndoc_docx__is(c, "moveTo") || vndoc_docx__is(c, "dir") ||
			   vndoc_docx__is(c, "bdo")) {
			parse_inline_content(b, c, depth + 1);
		} else if (vndoc_docx__is(c, "sdt")) {
			const xmlNode *content = vndoc_docx__child(c, "sdtContent");
			if (content)
				parse_inline_content(b, content, depth + 1);
		}
	}
}

static void parse_para(vndoc_docx__loader *ld, const xmlNode *p, vndoc_docx_para *out)
{
	const xmlNode *ppr = vndoc_docx__child(p, "pPr"), *x;
	vndoc_docx__ppr_patch direct;
	vndoc_docx__rpr_patch mark;
	para_builder b;
	vndoc_docx_ppr styled;

	memset(out, 0, sizeof *out);
	memset(&b, 0, sizeof b);
	memset(&direct, 0, sizeof direct);
	memset(&mark, 0, sizeof mark);
	out->section = -1;
	b.ld = ld;
	b.para = out;

	if ((x = ppr ? vndoc_docx__child(ppr, "pStyle") : NULL))
		snprintf(out->style, sizeof out->style, "%s", vndoc_docx__attr(x, "val") ? vndoc_docx__attr(x, "val") : "");
	vndoc_docx__para_style(ld, out->style, &styled, &b.base);
	vndoc_docx__parse_ppr(ppr, &direct);
	vndoc_docx__parse_rpr(ppr ? vndoc_docx__child(ppr, "rPr") : NULL, &mark);

	out->ppr = styled;
	vndoc_docx__apply_ppr(&out->ppr, &direct);
	out->mark = b.base;
	vndoc_docx__apply_rpr(ld, &out->mark, &mark);

	if (out->ppr.num_id > 0) {
		const vndoc_docx__ppr_patch *lp;
		const vndoc_docx__rpr_patch *lr;
		char label[128];
		int suffix;
		if (vndoc_docx__number(ld, out->ppr.num_id, out->ppr.num_level, label, sizeof label,
				       &suffix, &lp, &lr)) {
			vndoc_docx_rpr lrpr = out->mark;
			/* The level's indents sit between the style and direct formatting. */
			out->ppr = styled;
			vndoc_docx__apply_ppr(&out->ppr, lp);
			vndoc_docx__apply_ppr(&out->ppr, &direct);
			vndoc_docx__apply_rpr(ld, &lrpr, lr);
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
	parse_inline_content(&b, p, 0);
}

/* ---------------------------------------------------------------- stories */

typedef struct story_builder {
	vndoc_docx_story *story;
	size_t cap;
} story_builder;

static vndoc_docx_block *push_block(story_builder *sb)
{
	vndoc_docx_story *s = sb->story;
	if (s->n_blocks == sb->cap) {
		sb->cap = sb->cap ? sb->cap * 2 : 16;
		s->blocks = vndoc_xreallocarray(s->blocks, sb->cap, sizeof *s->blocks);
	}
	memset(&s->blocks[s->n_blocks], 0, sizeof s->blocks[0]);
	return &s->blocks[s->n_blocks++];
}

static int parse_blocks(vndoc_docx__loader *ld, const xmlNode *parent, story_builder *sb,
			int depth, int wrap)
{
	int error;

	if (wrap > MAX_WRAPPER_DEPTH)
		return vndoc_error_set(ld->err, VNDOC_ELIMIT, "content nested more than %d deep",
				       MAX_WRAPPER_DEPTH);
	for (const xmlNode *c = parent->children; c; c = c->next) {
		if (vndoc_docx__is(c, "p")) {
			vndoc_docx_block *blk = push_block(sb);
			const xmlNode *ppr = vndoc_docx__child(c, "pPr");
			const xmlNode *sect = ppr ? vndoc_docx__child(ppr, "sectPr") : NULL;
			blk->kind = VNDOC_DOCX_BLOCK_PARA;
			parse_para(ld, c, &blk->u.para);
			if (sect && ld->in_body && depth == 0) {
				/* The section is parsed after the block exists: header loads
				 * may reallocate nothing in this story, but index anyway. */
				size_t n = sb->story->n_blocks;
				sb->story->blocks[n - 1].u.para.section = (int)ld->doc->n_sections;
				if ((error = vndoc_docx__parse_sectpr(ld, sect, n)) < 0)
					return error;
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
		}
	}
	return 0;
}

int vndoc_docx__parse_story(vndoc_docx__loader *ld, const xmlNode *parent, vndoc_docx_story *out,
			    int depth)
{
	story_builder sb = { out, out->n_blocks };
	bool in_body = ld->in_body;
	int error;
	/* Headers, footers and cells never end a section. */
	if (depth > 0 || !vndoc_docx__is(parent, "body"))
		ld->in_body = false;
	error = parse_blocks(ld, parent, &sb, depth, 0);
	ld->in_body = in_body;
	return error;
}

static void para_dispose(vndoc_docx_para *p)
{
	for (size_t i = 0; i < p->n_inlines; i++)
		free(p->inlines[i].text);
	free(p->inlines);
}

void vndoc_docx__story_dispose(vndoc_docx_story *s)
{
	for (size_t i = 0; i < s->n_blocks; i++) {
		if (s->blocks[i].kind == VNDOC_DOCX_BLOCK_PARA)
			para_dispose(&s->blocks[i].u.para);
		else
			vndoc_docx__table_dispose(&s->blocks[i].u.table);
	}
	free(s->blocks);
	s->blocks = NULL;
	s->n_blocks = 0;
}

/* ---------------------------------------------------------------- load */

int vndoc_docx_load(vndoc_docx **out, const vndoc_package *pkg, vndoc_error *err)
{
	vndoc_docx__loader ld;
	vndoc_docx *doc;
	xmlDoc *xml = NULL;
	const xmlNode *body;
	int error;

	*out = NULL;
	memset(&ld, 0, sizeof ld);
	doc = vndoc_xcalloc(1, sizeof *doc);
	ld.pkg = pkg;
	ld.doc = doc;
	ld.err = err;
	ld.part = "word/document.xml";

	if ((error = vndoc_docx__load_rels(&ld, "word/document.xml", &ld.rels, &ld.n_rels)) < 0 || (error = load_theme(&ld)) < 0 ||
	    (error = load_settings(&ld)) < 0 || (error = vndoc_docx__load_styles(&ld)) < 0 ||
	    (error = vndoc_docx__load_numbering(&ld)) < 0 || (error = load_core(&ld)) < 0 ||
	    (error = vndoc_docx__read_xml(&xml, &ld, "word/document.xml", false)) < 0)
		goto done;
	body = vndoc_docx__child(xmlDocGetRootElement(xml), "body");
	if (!body) {
		vndoc_error_set_part(err, "word/document.xml");
		error = vndoc_error_set(err, VNDOC_EFORMAT, "no w:body in the document");
		goto done;
	}
	ld.in_body = true;
	if ((error = vndoc_docx__parse_story(&ld, body, &doc->body, 0)) < 0)
		goto done;
	/* The body's own sectPr is the last section; a document without one
	 * gets Word's defaults. */
	if ((error = vndoc_docx__parse_sectpr(&ld, vndoc_docx__child(body, "sectPr"),
					      doc->body.n_blocks)) < 0)
		goto done;
	vndoc_docx__finish_sections(doc);

done:
	if (error < 0)
		vndoc_error_set_part(err, ld.part);
	xmlFreeDoc(xml);
	free(ld.rels);
	vndoc_docx__styles_dispose(&ld);
	vndoc_docx__numbering_dispose(&ld);
	if (error < 0) {
		vndoc_docx_free(doc);
		return error;
	}
	*out = doc;
	return 0;
}

void vndoc_docx_free(vndoc_docx *doc)
{
	if (!doc)
		return;
	vndoc_docx__story_dispose(&doc->body);
	for (size_t i = 0; i < doc->n_stories; i++)
		vndoc_docx__story_dispose(&doc->stories[i]);
	free(doc->stories);
	free(doc->sections);
	for (size_t i = 0; i < doc->n_images; i++)
		free(doc->images[i].data);
	free(doc->images);
	for (size_t i = 0; i < doc->n_warnings; i++)
		free(doc->warnings[i]);
	free(doc->warnings);
	free(doc);
}
