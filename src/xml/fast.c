/*
 * xml/fast.c: the tree of a UTF-8 part made without libxml2's parser, for
 * word/document.xml (docx/document.c reads its body from it).
 *
 * libxml2 spent about 115 instructions a byte reading a body (its push
 * parser under xmlTextReaderExpand, then building and freeing the nodes
 * one malloc each): half of what vndoc spent reading a document.  This
 * parser reads the XML most parts are written in (elements, attributes,
 * namespaces, text with the five entities and character references,
 * comments outside the root element) and builds the very tree libxml2's
 * SAX2 builder makes of it -- libxml2's own node structures, so that the
 * readers and libxml2's tree functions work on it unchanged -- in one
 * arena, freed at once.  It checks what libxml2 checks on that subset
 * (well-formedness, UTF-8, XML characters, declared prefixes, duplicate
 * attributes); anything else (a DOCTYPE, a CDATA section, a processing
 * instruction, a comment inside the root, a non-ASCII name, an error of
 * any kind) makes it give up, and the caller parses the part with libxml2
 * as before, which gives its own error.  test_xml compares the two trees.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parserInternals.h> /* xmlStringText, the name of text nodes */
#include <libxml/uri.h>

#include "core/alloc.h"
#include "core/limits.h"
#include "xml/xml.h"

typedef unsigned char uchar;

const char vndoc_xml_ns_w[] = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

typedef struct chunk {
	struct chunk *next;
	size_t used, size;
} chunk;

#define CHUNK_HEAD ((sizeof(chunk) + 15) & ~(size_t)15)
enum { CHUNK_BYTES = 256 * 1024, NAMES = 1024 };

struct vndoc_xml_fast {
	xmlDoc *doc;
	chunk *chunks;
	const char *names[NAMES]; /* element and attribute names, interned */
	size_t name_len[NAMES];
};

typedef struct ns_entry {
	const uchar *prefix; /* NULL: the default namespace */
	size_t plen;
	xmlNs *ns;
} ns_entry;

typedef struct frame {
	xmlNode *node;
	const uchar *qname;
	size_t qlen;
	size_t ns_mark;
} frame;

typedef struct attr_tmp {
	const uchar *prefix, *local, *value, *value_end;
	size_t plen, llen;
} attr_tmp;

typedef struct parser {
	vndoc_xml_fast *f;
	const uchar *s, *end;
	int depth;
	ns_entry *ns;
	size_t n_ns, cap_ns;
	attr_tmp *attrs;
	size_t cap_attrs;
	uchar *buf;  /* decoded text */
	size_t cap_buf;
	xmlNs *xml_ns;
	/* The last prefix found (most are w:), while the declarations in
	 * scope stay the same (`ns_gen` counts their changes). */
	unsigned long ns_gen, hit_gen;
	const uchar *hit_prefix;
	size_t hit_plen;
	xmlNs *hit;
	/* Last, not zeroed: a frame is written before it is read. */
	frame stack[VNDOC_LIMIT_XML_FAST_DEPTH];
} parser;

static void *arena(vndoc_xml_fast *f, size_t n)
{
	chunk *c = f->chunks;
	void *p;

	n = (n + 15) & ~(size_t)15;
	if (!c || c->size - c->used < n) {
		size_t size = n > CHUNK_BYTES ? n : CHUNK_BYTES;
		c = vndoc_xmalloc(CHUNK_HEAD + size);
		c->used = 0;
		c->size = size;
		c->next = f->chunks;
		f->chunks = c;
	}
	p = (char *)c + CHUNK_HEAD + c->used;
	c->used += n;
	return p;
}

static xmlChar *arena_str(vndoc_xml_fast *f, const uchar *s, size_t n)
{
	xmlChar *p = arena(f, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* A name, the same pointer for the same name (they are few). */
static const xmlChar *name(vndoc_xml_fast *f, const uchar *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 16777619u;
	for (size_t k = 0; k < NAMES; k++) {
		const char **slot = &f->names[(h + k) & (NAMES - 1)];
		if (!*slot) {
			if (k > NAMES / 2)
				break;
			*slot = (const char *)arena_str(f, s, n);
			f->name_len[slot - f->names] = n;
			return (const xmlChar *)*slot;
		}
		if (f->name_len[slot - f->names] == n && !memcmp(*slot, s, n))
			return (const xmlChar *)*slot;
	}
	return arena_str(f, s, n);
}

static xmlNode *node_new(parser *p, xmlElementType type, xmlNode *parent)
{
	xmlNode *n = arena(p->f, sizeof *n);
	memset(n, 0, sizeof *n);
	n->type = type;
	n->doc = p->f->doc;
	n->parent = parent;
	/* (the document's first fields are a node's: the root goes there too) */
	if (parent->last) {
		parent->last->next = n;
		n->prev = parent->last;
	} else {
		parent->children = n;
	}
	parent->last = n;
	return n;
}

static bool is_space(uchar c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* ASCII name characters: 1 may start a name, 2 only continue one. */
static const uchar name_class[256] = {
	['_'] = 1, ['.'] = 2, ['-'] = 2,
	['0'] = 2, ['1'] = 2, ['2'] = 2, ['3'] = 2, ['4'] = 2, ['5'] = 2, ['6'] = 2, ['7'] = 2, ['8'] = 2, ['9'] = 2,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1,
	['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1,
	['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
};

static bool name_start(uchar c)
{
	return name_class[c] == 1;
}

static bool name_char(uchar c)
{
	return name_class[c] != 0;
}

/* An ASCII QName at p->s: prefix (may be empty) and local part. */
static bool qname(parser *p, const uchar **prefix, size_t *plen, const uchar **local, size_t *llen)
{
	const uchar *s = p->s, *a = s;
	if (s >= p->end || !name_start(*s))
		return false;
	while (s < p->end && name_char(*s))
		s++;
	*prefix = NULL;
	*plen = 0;
	if (s < p->end && *s == ':') {
		*prefix = a;
		*plen = (size_t)(s - a);
		a = ++s;
		if (s >= p->end || !name_start(*s))
			return false;
		while (s < p->end && name_char(*s))
			s++;
		if (s < p->end && *s == ':')
			return false;
	}
	*local = a;
	*llen = (size_t)(s - a);
	p->s = s;
	return true;
}

static bool is_xml_char(uint32_t c)
{
	return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
	       (c >= 0x10000 && c <= 0x10FFFF);
}

/* The length of the valid UTF-8 character of an XML character at s, 0
 * if it is not one. */
static size_t utf8_char(const uchar *s, const uchar *end)
{
	uint32_t c;
	size_t n;
	if (s[0] < 0xC2)
		return 0;
	n = s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : s[0] < 0xF5 ? 4 : 0;
	if (!n || (size_t)(end - s) < n)
		return 0;
	c = s[0] & (0xFF >> (n + 1));
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) || !is_xml_char(c))
		return 0;
	return n;
}

static size_t utf8_put(uchar *out, uint32_t c)
{
	if (c < 0x80) {
		out[0] = (uchar)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (uchar)(0xC0 | (c >> 6));
		out[1] = (uchar)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (uchar)(0xE0 | (c >> 12));
		out[1] = (uchar)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (uchar)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (uchar)(0xF0 | (c >> 18));
	out[1] = (uchar)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (uchar)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (uchar)(0x80 | (c & 0x3F));
	return 4;
}

/* The reference at s ('&'), before end: its character into out; the
 * bytes it takes, 0 if it is not one of the five entities or a
 * character reference to an XML character. */
static size_t reference(const uchar *s, const uchar *end, uchar *out, size_t *outn)
{
	static const struct {
		const char *name;
		char c;
	} ents[] = { { "lt;", '<' }, { "gt;", '>' }, { "amp;", '&' }, { "apos;", '\'' }, { "quot;", '"' } };
	size_t left = (size_t)(end - s);
	if (left >= 3 && s[1] == '#') {
		uint32_t c = 0;
		size_t i = 2;
		bool hex = s[2] == 'x';
		if (hex)
			i++;
		size_t start = i;
		for (; i < left && s[i] != ';'; i++) {
			uchar d = s[i];
			int v = d >= '0' && d <= '9' ? d - '0'
				: hex && d >= 'a' && d <= 'f' ? d - 'a' + 10
				: hex && d >= 'A' && d <= 'F' ? d - 'A' + 10
				: -1;
			if (v < 0 || c > 0x10FFFF)
				return 0;
			c = c * (hex ? 16 : 10) + (uint32_t)v;
		}
		if (i == start || i >= left || !is_xml_char(c))
			return 0;
		*outn = utf8_put(out, c);
		return i + 1;
	}
	for (size_t k = 0; k < sizeof ents / sizeof ents[0]; k++) {
		size_t n = strlen(ents[k].name);
		if (left > n && !memcmp(s + 1, ents[k].name, n)) {
			out[0] = (uchar)ents[k].c;
			*outn = 1;
			return n + 1;
		}
	}
	return 0;
}

static uchar *buf_room(parser *p, size_t n)
{
	if (n > p->cap_buf) {
		free(p->buf);
		p->cap_buf = n > 2 * p->cap_buf ? n : 2 * p->cap_buf;
		p->buf = vndoc_xmalloc(p->cap_buf);
	}
	return p->buf;
}

/*
 * The characters of [a, b) as libxml2 gives them: line ends made "\n",
 * references replaced, and in an attribute value (`attr`) each white-space
 * character a space (a character reference stays as written).  false if
 * anything is not well-formed (or is left to libxml2).
 */
static bool decode(parser *p, const uchar *a, const uchar *b, bool attr, const uchar **out, size_t *outn)
{
	const uchar *s = a;
	uchar *o, *o0;

	/* Most text is plain: no copy. */
	while (s < b && *s >= 0x20 && *s < 0x80 && *s != '&' && *s != '<' && *s != ']')
		s++;
	if (s == b) {
		*out = a;
		*outn = (size_t)(b - a);
		return true;
	}
	o0 = o = buf_room(p, (size_t)(b - a));
	memcpy(o, a, (size_t)(s - a));
	o += s - a;
	while (s < b) {
		uchar c = *s;
		size_t n;
		if (c >= 0x80) {
			if (!(n = utf8_char(s, b)))
				return false;
			memcpy(o, s, n);
			o += n;
			s += n;
		} else if (c == '&') {
			size_t k;
			if (!(n = reference(s, b, o, &k)))
				return false;
			o += k;
			s += n;
		} else if (c == '<') {
			return false;
		} else if (c == '\r') {
			s += s + 1 < b && s[1] == '\n' ? 2 : 1;
			*o++ = attr ? ' ' : '\n';
		} else if (c == '\n' || c == '\t') {
			*o++ = attr ? ' ' : c;
			s++;
		} else if (c < 0x20) {
			return false;
		} else if (c == ']' && !attr && b - s >= 3 && s[1] == ']' && s[2] == '>') {
			return false;
		} else {
			*o++ = c;
			s++;
		}
	}
	*out = o0;
	*outn = (size_t)(o - o0);
	return true;
}

static xmlNs *ns_find(parser *p, const uchar *prefix, size_t plen)
{
	if (prefix && p->hit && p->hit_gen == p->ns_gen && p->hit_plen == plen && !memcmp(p->hit_prefix, prefix, plen))
		return p->hit;
	for (size_t i = p->n_ns; i-- > 0;) {
		const ns_entry *e = &p->ns[i];
		if (!prefix ? !e->prefix : e->prefix && e->plen == plen && !memcmp(e->prefix, prefix, plen)) {
			if (prefix) {
				p->hit = e->ns;
				p->hit_gen = p->ns_gen;
				p->hit_prefix = e->prefix;
				p->hit_plen = plen;
			}
			return e->ns;
		}
	}
	return NULL;
}

/* A namespace name libxml2 takes: a URI it can parse, not the XML or
 * XMLNS namespace (its errors otherwise). */
static bool namespace_name(const uchar *v, size_t n)
{
	char tmp[512];
	xmlURI *uri;
	if (n >= sizeof tmp)
		return false;
	memcpy(tmp, v, n);
	tmp[n] = '\0';
	if (!strcmp(tmp, (const char *)XML_XML_NAMESPACE) || !strcmp(tmp, "http://www.w3.org/2000/xmlns/"))
		return false;
	if (!(uri = xmlParseURI(tmp)))
		return false;
	xmlFreeURI(uri);
	return true;
}

static bool is_xml_prefix(const uchar *prefix, size_t plen)
{
	return prefix && plen == 3 && !memcmp(prefix, "xml", 3);
}

/* `S? = S? "value"` (or 'value') at p->s: the value's bytes [*v, *end). */
static bool value(parser *p, const uchar **v, const uchar **end)
{
	uchar quote;
	while (p->s < p->end && is_space(*p->s))
		p->s++;
	if (p->s >= p->end || *p->s != '=')
		return false;
	p->s++;
	while (p->s < p->end && is_space(*p->s))
		p->s++;
	if (p->s >= p->end || (*p->s != '"' && *p->s != '\''))
		return false;
	quote = *p->s++;
	*v = p->s;
	while (p->s < p->end && *p->s != quote)
		p->s++;
	if (p->s >= p->end)
		return false;
	*end = p->s++;
	return true;
}

/* A start tag at p->s (after '<'). */
static bool start_tag(parser *p, xmlNode *parent)
{
	const uchar *prefix, *local;
	size_t plen, llen, n_attrs = 0, mark = p->n_ns;
	xmlNode *el;
	const uchar *qstart = p->s;
	xmlAttr *last_attr = NULL;
	bool empty = false;

	if (!qname(p, &prefix, &plen, &local, &llen))
		return false;
	for (;;) {
		bool space = false;
		attr_tmp *a;
		while (p->s < p->end && is_space(*p->s)) {
			p->s++;
			space = true;
		}
		if (p->s >= p->end)
			return false;
		if (*p->s == '>') {
			p->s++;
			break;
		}
		if (*p->s == '/') {
			if (p->s + 1 >= p->end || p->s[1] != '>')
				return false;
			p->s += 2;
			empty = true;
			break;
		}
		if (!space)
			return false;
		if (n_attrs == p->cap_attrs) {
			if (n_attrs >= VNDOC_LIMIT_XML_ATTRIBUTES)
				return false;
			p->cap_attrs = p->cap_attrs ? 2 * p->cap_attrs : 16;
			p->attrs = vndoc_xreallocarray(p->attrs, p->cap_attrs, sizeof *p->attrs);
		}
		a = &p->attrs[n_attrs++];
		if (!qname(p, &a->prefix, &a->plen, &a->local, &a->llen))
			return false;
		if (!value(p, &a->value, &a->value_end))
			return false;
	}
	el = node_new(p, XML_ELEMENT_NODE, parent);
	el->name = name(p->f, local, llen);
	/* The namespaces it declares, in order. */
	for (size_t i = 0; i < n_attrs; i++) {
		attr_tmp *a = &p->attrs[i];
		bool deflt = !a->prefix && a->llen == 5 && !memcmp(a->local, "xmlns", 5);
		const uchar *v;
		size_t vn;
		xmlNs *ns, **tail;
		if (!deflt && !(a->prefix && a->plen == 5 && !memcmp(a->prefix, "xmlns", 5)))
			continue;
		/* (libxml2 keeps "&#38;" for an '&' in a namespace name) */
		if (memchr(a->value, '&', (size_t)(a->value_end - a->value)) ||
		    !decode(p, a->value, a->value_end, true, &v, &vn) || !vn || !namespace_name(v, vn))
			return false;
		if (!deflt && (is_xml_prefix(a->local, a->llen) || (a->llen == 5 && !memcmp(a->local, "xmlns", 5))))
			return false;
		for (size_t k = mark; k < p->n_ns; k++)
			if (deflt ? !p->ns[k].prefix
				  : p->ns[k].prefix && p->ns[k].plen == a->llen && !memcmp(p->ns[k].prefix, a->local, a->llen))
				return false;
		ns = arena(p->f, sizeof *ns);
		memset(ns, 0, sizeof *ns);
		ns->type = XML_NAMESPACE_DECL;
		ns->href = vn == sizeof vndoc_xml_ns_w - 1 && !memcmp(v, vndoc_xml_ns_w, vn)
				   ? (const xmlChar *)vndoc_xml_ns_w
				   : arena_str(p->f, v, vn);
		ns->prefix = deflt ? NULL : name(p->f, a->local, a->llen);
		for (tail = &el->nsDef; *tail; tail = &(*tail)->next)
			;
		*tail = ns;
		if (p->n_ns == p->cap_ns) {
			p->cap_ns = p->cap_ns ? 2 * p->cap_ns : 32;
			p->ns = vndoc_xreallocarray(p->ns, p->cap_ns, sizeof *p->ns);
		}
		p->ns[p->n_ns++] = (ns_entry){ deflt ? NULL : a->local, deflt ? 0 : a->llen, ns };
		p->ns_gen++;
		a->local = NULL; /* done */
	}
	if (prefix) {
		if (is_xml_prefix(prefix, plen) || !(el->ns = ns_find(p, prefix, plen)))
			return false;
	} else {
		el->ns = ns_find(p, NULL, 0);
	}
	/* Its attributes, in order. */
	for (size_t i = 0; i < n_attrs; i++) {
		attr_tmp *a = &p->attrs[i];
		xmlAttr *at;
		xmlNode *t;
		xmlNs *ns = NULL;
		const uchar *v;
		size_t vn;
		if (!a->local)
			continue;
		if (a->prefix) {
			if (is_xml_prefix(a->prefix, a->plen)) {
				if (!p->xml_ns && !(p->xml_ns = xmlSearchNs(p->f->doc, el, (const xmlChar *)"xml")))
					return false;
				ns = p->xml_ns;
			} else if (!(ns = ns_find(p, a->prefix, a->plen))) {
				return false;
			}
		}
		if (!decode(p, a->value, a->value_end, true, &v, &vn))
			return false;
		at = arena(p->f, sizeof *at);
		memset(at, 0, sizeof *at);
		at->type = XML_ATTRIBUTE_NODE;
		at->name = name(p->f, a->local, a->llen);
		at->parent = el;
		at->doc = p->f->doc;
		at->ns = ns;
		/* the same name twice in the same namespace */
		for (xmlAttr *o = el->properties; o; o = o->next)
			if (!strcmp((const char *)o->name, (const char *)at->name) &&
			    (o->ns == ns || (o->ns && ns && !strcmp((const char *)o->ns->href, (const char *)ns->href))))
				return false;
		t = arena(p->f, sizeof *t);
		memset(t, 0, sizeof *t);
		t->type = XML_TEXT_NODE;
		t->name = xmlStringText;
		t->doc = p->f->doc;
		t->parent = (xmlNode *)at;
		t->content = arena_str(p->f, v, vn);
		at->children = at->last = t;
		if (last_attr) {
			last_attr->next = at;
			at->prev = last_attr;
		} else {
			el->properties = at;
		}
		last_attr = at;
	}
	if (empty) {
		el->extra = VNDOC_XML_FAST_EMPTY;
		if (p->n_ns != mark)
			p->ns_gen++;
		p->n_ns = mark;
		return true;
	}
	if (p->depth >= VNDOC_LIMIT_XML_FAST_DEPTH)
		return false;
	p->stack[p->depth++] = (frame){ el, qstart, llen + (prefix ? plen + 1 : 0), mark };
	return true;
}

/* An end tag at p->s (after "</"). */
static bool end_tag(parser *p)
{
	frame *fr;
	if (!p->depth)
		return false;
	fr = &p->stack[p->depth - 1];
	if ((size_t)(p->end - p->s) < fr->qlen || memcmp(p->s, fr->qname, fr->qlen))
		return false;
	p->s += fr->qlen;
	if (p->s < p->end && name_char(*p->s))
		return false;
	while (p->s < p->end && is_space(*p->s))
		p->s++;
	if (p->s >= p->end || *p->s != '>')
		return false;
	p->s++;
	if (p->n_ns != fr->ns_mark)
		p->ns_gen++;
	p->n_ns = fr->ns_mark;
	p->depth--;
	return true;
}

/* A comment at p->s (after "<!--"), outside the root element. */
static bool comment(parser *p)
{
	const uchar *s = p->s;
	while (s + 1 < p->end && !(s[0] == '-' && s[1] == '-')) {
		size_t n = 1;
		if (*s >= 0x80 ? !(n = utf8_char(s, p->end)) : *s < 0x20 && !is_space(*s))
			return false;
		s += n;
	}
	if (s + 2 >= p->end || s[2] != '>')
		return false;
	p->s = s + 3;
	return true;
}

/* White space and comments outside the root element. */
static bool misc(parser *p)
{
	for (;;) {
		while (p->s < p->end && is_space(*p->s))
			p->s++;
		if (p->end - p->s >= 4 && !memcmp(p->s, "<!--", 4)) {
			p->s += 4;
			if (!comment(p))
				return false;
			continue;
		}
		return true;
	}
}

/* The XML declaration, as libxml2 accepts it, if there is one. */
static bool xml_decl(parser *p)
{
	static const char *const names[] = { "version", "encoding", "standalone" };
	int next = 0;

	if (p->end - p->s < 6 || memcmp(p->s, "<?xml", 5) || !is_space(p->s[5]))
		return p->end - p->s < 2 || memcmp(p->s, "<?", 2); /* other PIs: libxml2's */
	p->s += 5;
	for (;;) {
		const uchar *v, *ve;
		int k;
		bool space = false;
		while (p->s < p->end && is_space(*p->s)) {
			p->s++;
			space = true;
		}
		if (p->end - p->s >= 2 && !memcmp(p->s, "?>", 2)) {
			p->s += 2;
			return next > 0;
		}
		if (!space)
			return false;
		for (k = next; k < 3; k++)
			if ((size_t)(p->end - p->s) > strlen(names[k]) && !memcmp(p->s, names[k], strlen(names[k])))
				break;
		if (k == 3 || (k > 0 && next == 0))
			return false;
		p->s += strlen(names[k]);
		next = k + 1;
		if (!value(p, &v, &ve))
			return false;
		if (k == 0 && !(ve - v == 3 && !memcmp(v, "1.0", 3)))
			return false;
		if (k == 1) {
			if (v == ve || !((*v >= 'a' && *v <= 'z') || (*v >= 'A' && *v <= 'Z')))
				return false;
			for (const uchar *c = v; c < ve; c++)
				if (!name_char(*c))
					return false;
		}
		if (k == 2 && !((ve - v == 3 && !memcmp(v, "yes", 3)) || (ve - v == 2 && !memcmp(v, "no", 2))))
			return false;
	}
}

static bool parse(parser *p)
{
	xmlNode *doc = (xmlNode *)p->f->doc, *root = NULL;

	if (p->end - p->s >= 3 && !memcmp(p->s, "\xEF\xBB\xBF", 3))
		p->s += 3;
	if (!xml_decl(p) || !misc(p))
		return false;
	if (p->s >= p->end || *p->s != '<')
		return false;
	p->s++;
	if (!start_tag(p, doc))
		return false;
	root = p->f->doc->children;
	if (!root)
		return false;
	while (p->depth > 0) {
		const uchar *a = p->s;
		xmlNode *parent = p->stack[p->depth - 1].node;
		if (p->s < p->end && *p->s != '<') { /* text: memchr's pace */
			const uchar *lt = memchr(p->s, '<', (size_t)(p->end - p->s));
			p->s = lt ? lt : p->end;
		}
		if (p->s >= p->end)
			return false;
		if (p->s > a) {
			const uchar *v;
			size_t vn;
			xmlNode *t;
			if (!decode(p, a, p->s, false, &v, &vn))
				return false;
			t = node_new(p, XML_TEXT_NODE, parent);
			t->name = xmlStringText;
			t->content = arena_str(p->f, v, vn);
		}
		p->s++;
		if (p->s < p->end && *p->s == '/') {
			p->s++;
			if (!end_tag(p))
				return false;
		} else if (!start_tag(p, parent)) {
			return false;
		}
	}
	return misc(p) && p->s == p->end;
}

void vndoc_xml_fast_free(vndoc_xml_fast *f)
{
	if (!f)
		return;
	if (f->doc) {
		/* The nodes are the arena's; the document's own namespace
		 * (xml:) is libxml2's. */
		f->doc->children = f->doc->last = NULL;
		xmlFreeDoc(f->doc);
	}
	while (f->chunks) {
		chunk *c = f->chunks;
		f->chunks = c->next;
		free(c);
	}
	free(f);
}

int vndoc_xml_fast_parse(vndoc_xml_fast **out, const char *data, size_t len)
{
	vndoc_xml_prolog pro;
	parser p;
	bool ok;
	vndoc_error err;

	*out = NULL;
	if (len > VNDOC_LIMIT_XML_FAST_BYTES)
		return 1;
	/* The prolog's own check, the part's encoding: UTF-8 only.  The
	 * attribute count of every start tag is checked below. */
	vndoc_error_clear(&err);
	if (vndoc_xml_prolog_begin(&pro, data, len < 512 ? len : 512, NULL, &err) < 0) {
		vndoc_xml_prolog_dispose(&pro);
		return 1;
	}
	pro.whole = false;
	ok = strcmp(pro.encoding, "UTF-8") == 0 && vndoc_xml_prolog_feed(&pro, data, len, &err) == 0;
	vndoc_xml_prolog_dispose(&pro);
	if (!ok)
		return 1;
	/* Only what is read before it is written zeroed: not the parser's
	 * stack of 200 frames, not the lengths of the names' empty slots
	 * (6 KiB and 8 KiB, for each of about 150 parts in our 21 documents). */
	memset(&p, 0, offsetof(parser, stack));
	p.f = vndoc_xmalloc(sizeof *p.f);
	p.f->chunks = NULL;
	memset(p.f->names, 0, sizeof p.f->names);
	p.f->doc = xmlNewDoc((const xmlChar *)"1.0");
	if (p.f->doc)
		p.f->doc->_private = p.f; /* for vndoc_xml_free_doc */
	p.s = (const uchar *)data;
	p.end = p.s + len;
	ok = p.f->doc && parse(&p);
	free(p.ns);
	free(p.attrs);
	free(p.buf);
	if (!ok) {
		vndoc_xml_fast_free(p.f);
		return 1;
	}
	*out = p.f;
	return 0;
}

xmlNode *vndoc_xml_fast_root(const vndoc_xml_fast *f)
{
	return f->doc->children;
}

xmlDoc *vndoc_xml_fast_doc(const vndoc_xml_fast *f)
{
	return f->doc;
}

void vndoc_xml_free_doc(xmlDoc *doc)
{
	vndoc_xml_fast *f = doc ? doc->_private : NULL;
	if (f && f->doc == doc)
		vndoc_xml_fast_free(f);
	else
		xmlFreeDoc(doc);
}
