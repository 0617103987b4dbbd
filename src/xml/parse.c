/*
 * xml/parse.c: parsing parts with libxml2, safely.
 *
 * A DOCTYPE is refused before libxml2 sees the document (no OOXML part has
 * one, and every entity attack needs one); the parser runs without network
 * access, entity substitution or DTD loading, and with libxml2's own depth
 * and size limits.  The first error is kept with its line and column.
 */
#include <string.h>

#include <libxml/parser.h>

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

/* 1 if a DOCTYPE comes before the root element. */
static int has_doctype(const char *p, size_t len, long *line)
{
	const char *end = p + len;

	*line = 1;
	if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	while (p < end) {
		if (*p == '\n')
			(*line)++;
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			p++;
		} else if (end - p >= 4 && !memcmp(p, "<!--", 4)) {
			const char *q = p + 4;
			while (q + 3 <= end && memcmp(q, "-->", 3))
				*line += *q++ == '\n';
			p = q + 3;
		} else if (end - p >= 2 && !memcmp(p, "<?", 2)) {
			const char *q = p + 2;
			while (q + 2 <= end && memcmp(q, "?>", 2))
				*line += *q++ == '\n';
			p = q + 2;
		} else {
			return end - p >= 9 && !memcmp(p, "<!DOCTYPE", 9);
		}
	}
	return 0;
}

int vndoc_xml_check_prolog(const char *data, size_t len, const char *part, vndoc_error *err)
{
	long line;
	if (!has_doctype(data, len, &line))
		return 0;
	vndoc_error_set_part(err, part ? part : "");
	vndoc_error_set_pos(err, line, 0);
	return vndoc_error_set(err, VNDOC_ELIMIT, "DOCTYPE declarations are refused");
}

int vndoc_xml_parse(xmlDoc **out, const char *data, size_t len, const char *part, vndoc_error *err)
{
	parse_state st = { err, part ? part : "", 0 };
	xmlParserCtxtPtr ctxt;
	xmlDoc *doc;
	int rc;

	*out = NULL;
	if ((rc = vndoc_xml_check_prolog(data, len, part, err)) < 0)
		return rc;
	if (len > (size_t)0x7fffffff)
		return vndoc_error_set(err, VNDOC_ELIMIT, "part is too large for the XML parser");
	if (!(ctxt = xmlNewParserCtxt()))
		return vndoc_error_set(err, VNDOC_ELIMIT, "out of memory");
	ctxt->_private = &st;
	ctxt->sax->serror = on_error;
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL,
				XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
				XML_PARSE_NOCDATA);
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
