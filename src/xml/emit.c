#include <string.h>

#include "xml/xml.h"

static void put_qname(vndoc_buf *out, const xmlNs *ns, const xmlChar *name)
{
	if (ns && ns->prefix) {
		vndoc_buf_puts(out, (const char *)ns->prefix);
		vndoc_buf_putc(out, ':');
	}
	vndoc_buf_puts(out, (const char *)name);
}

static void put_escaped(vndoc_buf *out, const char *s, size_t len, int attr)
{
	size_t run = 0;
	for (size_t i = 0; i < len; i++) {
		const char *rep = NULL;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = attr ? "&quot;" : NULL; break;
		case '\n': rep = attr ? "&#10;" : NULL; break;
		case '\r': rep = "&#13;"; break;
		case '\t': rep = attr ? "&#9;" : NULL; break;
		}
		if (rep) {
			vndoc_buf_put(out, s + run, i - run);
			vndoc_buf_puts(out, rep);
			run = i + 1;
		}
	}
	vndoc_buf_put(out, s + run, len - run);
}

int vndoc_xml_emit_text(vndoc_buf *out, const char *text, size_t len)
{
	put_escaped(out, text, len, 0);
	return vndoc_buf_failed(out) ? VNDOC_ELIMIT : 0;
}

int vndoc_xml_emit_start(vndoc_buf *out, const xmlNode *elem, int empty, int preserve)
{
	int has_space = 0;

	vndoc_buf_putc(out, '<');
	put_qname(out, elem->ns, elem->name);
	for (const xmlNs *ns = elem->nsDef; ns; ns = ns->next) {
		vndoc_buf_puts(out, " xmlns");
		if (ns->prefix) {
			vndoc_buf_putc(out, ':');
			vndoc_buf_puts(out, (const char *)ns->prefix);
		}
		vndoc_buf_puts(out, "=\"");
		put_escaped(out, (const char *)ns->href, strlen((const char *)ns->href), 1);
		vndoc_buf_putc(out, '"');
	}
	for (const xmlAttr *a = elem->properties; a; a = a->next) {
		const xmlNode *v = a->children;
		if (a->ns && a->ns->prefix && !strcmp((const char *)a->ns->prefix, "xml") &&
		    !strcmp((const char *)a->name, "space"))
			has_space = 1;
		vndoc_buf_putc(out, ' ');
		put_qname(out, a->ns, a->name);
		vndoc_buf_puts(out, "=\"");
		for (; v; v = v->next)
			if (v->content)
				put_escaped(out, (const char *)v->content, strlen((const char *)v->content), 1);
		vndoc_buf_putc(out, '"');
	}
	if (preserve && !has_space)
		vndoc_buf_puts(out, " xml:space=\"preserve\"");
	vndoc_buf_puts(out, empty ? "/>" : ">");
	return vndoc_buf_failed(out) ? VNDOC_ELIMIT : 0;
}

int vndoc_xml_emit_end(vndoc_buf *out, const xmlNode *elem)
{
	vndoc_buf_puts(out, "</");
	put_qname(out, elem->ns, elem->name);
	vndoc_buf_putc(out, '>');
	return vndoc_buf_failed(out) ? VNDOC_ELIMIT : 0;
}

int vndoc_xml_emit_node(vndoc_buf *out, const xmlNode *node)
{
	const char *content = (const char *)node->content;
	switch (node->type) {
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		if (content)
			put_escaped(out, content, strlen(content), 0);
		break;
	case XML_COMMENT_NODE:
		vndoc_buf_puts(out, "<!--");
		vndoc_buf_puts(out, content ? content : "");
		vndoc_buf_puts(out, "-->");
		break;
	case XML_PI_NODE:
		vndoc_buf_puts(out, "<?");
		vndoc_buf_puts(out, (const char *)node->name);
		if (content && *content) {
			vndoc_buf_putc(out, ' ');
			vndoc_buf_puts(out, content);
		}
		vndoc_buf_puts(out, "?>");
		break;
	default:
		break;
	}
	return vndoc_buf_failed(out) ? VNDOC_ELIMIT : 0;
}
