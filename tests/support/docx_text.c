#include "docx_text.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "test.h"

static int is_w(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns &&
	       !strcmp((const char *)n->ns->href,
		       "http://schemas.openxmlformats.org/wordprocessingml/2006/main") &&
	       !strcmp((const char *)n->name, name);
}

static void text_of(vndoc_buf *b, xmlNode *n)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		if (is_w(c, "p"))
			continue; /* nested paragraphs are items of their own */
		if (is_w(c, "t")) {
			xmlChar *s = xmlNodeGetContent(c);
			vndoc_buf_puts(b, (const char *)s);
			xmlFree(s);
		} else if (is_w(c, "tab")) {
			vndoc_buf_putc(b, '\t');
		} else if (is_w(c, "br") || is_w(c, "cr")) {
			vndoc_buf_putc(b, '\n');
		} else if (c->type == XML_ELEMENT_NODE) {
			text_of(b, c);
		}
	}
}

static void walk(test_paragraphs *out, size_t *cap, xmlNode *n)
{
	for (xmlNode *c = n; c; c = c->next) {
		if (is_w(c, "p")) {
			vndoc_buf b = VNDOC_BUF_INIT((size_t)1 << 28);
			text_of(&b, c);
			if (out->count == *cap) {
				*cap = *cap ? *cap * 2 : 64;
				out->items = vndoc_xreallocarray(out->items, *cap, sizeof(char *));
			}
			out->items[out->count++] = vndoc_buf_detach(&b, NULL);
		}
		if (c->type == XML_ELEMENT_NODE && c->children)
			walk(out, cap, c->children);
	}
}

test_paragraphs test_xml_paragraphs(const char *xml, size_t len)
{
	test_paragraphs out = { NULL, 0 };
	size_t cap = 0;
	xmlDoc *doc = xmlReadMemory(xml, (int)len, "part.xml", NULL, XML_PARSE_NONET);
	ck_assert_msg(doc != NULL, "part is not well-formed XML");
	walk(&out, &cap, xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	return out;
}

test_paragraphs test_docx_paragraphs(const char *docx, const char *part)
{
	size_t len;
	char *xml = test_read_part(docx, part, &len);
	test_paragraphs p = test_xml_paragraphs(xml, len);
	free(xml);
	return p;
}

void test_paragraphs_dispose(test_paragraphs *p)
{
	for (size_t i = 0; i < p->count; i++)
		free(p->items[i]);
	free(p->items);
	p->items = NULL;
	p->count = 0;
}

char *test_normalize_space(const char *s)
{
	vndoc_buf b = VNDOC_BUF_INIT((size_t)1 << 28);
	int space = 1;
	for (const char *p = s; *p; p++) {
		int blank = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '.' ||
			    !strncmp(p, "\xC2\xA0", 2) || !strncmp(p, "\xE2\x80\xA6", 3);
		/* '.' counts as a blank only in a run of two or more (dots to fill
		 * by hand), or alone between spaces. */
		if (*p == '.') {
			int run = (p[1] == '.') || (p > s && p[-1] == '.');
			blank = run;
		}
		if (blank) {
			if (!strncmp(p, "\xC2\xA0", 2))
				p += 1;
			else if (!strncmp(p, "\xE2\x80\xA6", 3))
				p += 2;
			if (!space)
				vndoc_buf_putc(&b, ' ');
			space = 1;
		} else {
			vndoc_buf_putc(&b, *p);
			space = 0;
		}
	}
	if (b.len && b.ptr[b.len - 1] == ' ')
		vndoc_buf_truncate(&b, b.len - 1);
	return vndoc_buf_detach(&b, NULL);
}

static size_t rows_of(xmlNode *n, size_t *seen, size_t want)
{
	for (xmlNode *c = n; c; c = c->next) {
		if (is_w(c, "tbl")) {
			if ((*seen)++ == want) {
				size_t rows = 0;
				for (xmlNode *r = c->children; r; r = r->next)
					rows += is_w(r, "tr");
				return rows;
			}
		}
		if (c->type == XML_ELEMENT_NODE && c->children) {
			size_t r = rows_of(c->children, seen, want);
			if (r != (size_t)-1)
				return r;
		}
	}
	return (size_t)-1;
}

size_t test_docx_table_rows(const char *docx, const char *part, size_t n)
{
	size_t len, seen = 0, rows;
	char *xml = test_read_part(docx, part, &len);
	xmlDoc *doc = xmlReadMemory(xml, (int)len, "part.xml", NULL, XML_PARSE_NONET);
	ck_assert_msg(doc != NULL, "part is not well-formed XML");
	rows = rows_of(xmlDocGetRootElement(doc), &seen, n);
	xmlFreeDoc(doc);
	free(xml);
	ck_assert_msg(rows != (size_t)-1, "no table %zu in %s", n, part);
	return rows;
}
