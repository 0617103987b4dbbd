/*
 * xml/parse.c: parsing parts with libxml2, safely.
 *
 * A DOCTYPE is refused before libxml2 sees the document (no OOXML part has
 * one, and every entity attack needs one: prolog.c, after decoding), and
 * again if libxml2 meets one; the parser runs without network
 * access, entity substitution or DTD loading, and with libxml2's own depth
 * and size limits.  The first error is kept with its line and column.
 */
#include <string.h>

#include <libxml/parser.h>
#include <libxml/SAX2.h>

#include "core/limits.h"
#include "xml/xml.h"

typedef struct parse_state {
	vndoc_error *err;
	const char *part;
	int failed;
} parse_state;

static void on_error(void *userdata, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = userdata;
	parse_state *st = ctxt->_private;
	char msg[200];
	size_t n;

	if (st->failed || e->level < XML_ERR_ERROR)
		return;
	st->failed = 1;
	snprintf(msg, sizeof msg, "%s", e->message ? e->message : "malformed XML");
	/* One line: libxml2 adds details ("Bytes: 0xE2 …") after a newline. */
	msg[strcspn(msg, "\n")] = '\0';
	n = strlen(msg);
	while (n && (msg[n - 1] == ' ' || msg[n - 1] == ','))
		msg[--n] = '\0';
	vndoc_error_set_part(st->err, st->part);
	vndoc_error_set_pos(st->err, e->line, e->int2);
	if (e->code == XML_ERR_INTERNAL_ERROR && strstr(msg, "depth"))
		vndoc_error_set(st->err, VNDOC_ELIMIT, "elements nested deeper than %d", VNDOC_LIMIT_XML_DEPTH);
	else
		vndoc_error_set(st->err, VNDOC_EFORMAT, "malformed XML: %s", msg);
}

/* A second guard: libxml2 met a DOCTYPE after all (it is stopped before
 * the internal subset, its entities and their expansion). */
static void on_doctype(void *userdata, const xmlChar *name, const xmlChar *external, const xmlChar *system)
{
	xmlParserCtxtPtr ctxt = userdata;
	parse_state *st = ctxt->_private;

	(void)name, (void)external, (void)system;
	if (!st->failed) {
		st->failed = 1;
		vndoc_error_set_part(st->err, st->part);
		vndoc_error_set_pos(st->err, xmlSAX2GetLineNumber(ctxt), 0);
		vndoc_error_set(st->err, VNDOC_ELIMIT, "DOCTYPE declarations are refused");
	}
	xmlStopParser(ctxt);
}

int vndoc_xml_parse(xmlDoc **out, const char *data, size_t len, const char *part, vndoc_error *err)
{
	parse_state st = { err, part ? part : "", 0 };
	vndoc_xml_prolog prolog;
	xmlParserCtxtPtr ctxt;
	xmlDoc *doc;
	int rc;

	*out = NULL;
	if ((rc = vndoc_xml_check_prolog(&prolog, data, len, part, err)) < 0)
		return rc;
	if (len > (size_t)0x7fffffff)
		return vndoc_error_set(err, VNDOC_ELIMIT, "part is too large for the XML parser");
	if (!(ctxt = xmlNewParserCtxt()))
		return vndoc_error_set(err, VNDOC_ELIMIT, "out of memory");
	ctxt->_private = &st;
	ctxt->sax->serror = on_error;
	ctxt->sax->internalSubset = on_doctype;
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, prolog.encoding,
				XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
				XML_PARSE_NOCDATA | XML_PARSE_IGNORE_ENC);
	if (!st.failed && (!doc || !ctxt->wellFormed || !ctxt->nsWellFormed)) {
		st.failed = 1;
		vndoc_error_set_part(err, st.part);
		vndoc_error_set(err, VNDOC_EFORMAT, "malformed XML");
	}
	if (!st.failed && (!doc || !xmlDocGetRootElement(doc))) {
		st.failed = 1;
		vndoc_error_set_part(err, st.part);
		vndoc_error_set(err, VNDOC_EFORMAT, "malformed XML: no root element");
	}
	xmlFreeParserCtxt(ctxt);
	if (st.failed) {
		xmlFreeDoc(doc);
		return err ? (int)err->code : VNDOC_EFORMAT;
	}
	*out = doc;
	return 0;
}
