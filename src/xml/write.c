/*
 * xml/write.c: serializing trees as Office writes parts, compact or
 * pretty-printed for review.
 */
#include <string.h>

#include "core/limits.h"
#include "xml/xml.h"

static const char xml_decl[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";

static int is_blank(const xmlChar *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 0;
	return 1;
}

static int has_element_child(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return 1;
	return 0;
}

/* Element-only content: element children, and text that is only white
 * space (indentation), comments and PIs. */
static int element_only(const xmlNode *n)
{
	if (!has_element_child(n))
		return 0;
	for (const xmlNode *c = n->children; c; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && !is_blank(c->content))
			return 0;
	return 1;
}

static void indent(vndoc_buf *out, int depth)
{
	vndoc_buf_putc(out, '\n');
	for (int i = 0; i < depth; i++)
		vndoc_buf_puts(out, "  ");
}

/* Iterative walk, so that deep trees do not deepen the C stack.
 * `flat[d]` says whether the element open at depth d holds element-only
 * content (and so gets its children indented). */
static void write_tree(vndoc_buf *out, const xmlNode *root, int pretty)
{
	enum { MAX_DEPTH = VNDOC_LIMIT_XML_DEPTH + 8 };
	unsigned char flat[MAX_DEPTH + 1];
	const xmlNode *n = root;
	int depth = 0;

	flat[0] = 0;
	while (n) {
		int pretty_here = depth <= MAX_DEPTH && flat[depth];

		if (pretty_here && n->type == XML_TEXT_NODE) {
			/* indentation of element-only content: rewritten */
		} else {
			if (pretty_here)
				indent(out, depth);
			if (n->type == XML_ELEMENT_NODE) {
				vndoc_xml_emit_start(out, n, n->children == NULL, 0);
				if (n->children) {
					n = n->children;
					depth++;
					if (depth <= MAX_DEPTH)
						flat[depth] = pretty && element_only(n->parent);
					continue;
				}
			} else {
				vndoc_xml_emit_node(out, n);
			}
		}
		/* Next sibling, or close parents until one has a sibling. */
		while (n != root && !n->next) {
			int was_flat = depth <= MAX_DEPTH && flat[depth];
			n = n->parent;
			depth--;
			if (was_flat)
				indent(out, depth);
			vndoc_xml_emit_end(out, n);
		}
		n = n == root ? NULL : n->next;
	}
}

static int write_doc(vndoc_buf *out, xmlDoc *doc, int pretty, vndoc_error *err)
{
	vndoc_buf_puts(out, xml_decl);
	for (const xmlNode *n = doc->children; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE)
			write_tree(out, n, pretty);
		else if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE) {
			vndoc_xml_emit_node(out, n);
			vndoc_buf_puts(out, "\r\n");
		}
	}
	if (pretty)
		vndoc_buf_putc(out, '\n');
	if (vndoc_buf_failed(out))
		return vndoc_error_set(err, VNDOC_ELIMIT, "XML output is larger than the limit");
	return 0;
}

int vndoc_xml_write(vndoc_buf *out, xmlDoc *doc, vndoc_error *err)
{
	return write_doc(out, doc, 0, err);
}

int vndoc_xml_write_pretty(vndoc_buf *out, xmlDoc *doc, vndoc_error *err)
{
	return write_doc(out, doc, 1, err);
}

void vndoc_xml_strip_indentation(xmlDoc *doc)
{
	xmlNode *n = xmlDocGetRootElement(doc);

	while (n) {
		if (n->type == XML_ELEMENT_NODE && has_element_child(n)) {
			xmlNode *c = n->children, *next;
			for (; c; c = next) {
				next = c->next;
				if (c->type == XML_TEXT_NODE && is_blank(c->content)) {
					xmlUnlinkNode(c);
					xmlFreeNode(c);
				}
			}
		}
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n && !n->next && n->parent && n->parent->type == XML_ELEMENT_NODE)
			n = n->parent;
		n = n && n->parent && n->parent->type == XML_ELEMENT_NODE ? n->next : NULL;
	}
}

int vndoc_xml_is_xml_part(const char *name)
{
	size_t len = strlen(name);
	return (len >= 4 && !strcmp(name + len - 4, ".xml")) || (len >= 5 && !strcmp(name + len - 5, ".rels"));
}
