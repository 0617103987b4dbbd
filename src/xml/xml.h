/*
 * xml/xml.h: parsing and writing XML parts with libxml2, safely and
 * deterministically.
 *
 * Parsing never loads a DTD, never expands an entity, never touches the
 * network, and refuses any document with a DOCTYPE (OOXML parts have none):
 * billion-laughs and external-entity files fail with VNDOC_ELIMIT.  Depth is
 * bounded by VNDOC_LIMIT_XML_DEPTH.  Errors carry the part name, line and
 * column.
 */
#ifndef VNDOC_XML_H
#define VNDOC_XML_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "core/buf.h"
#include "core/error.h"

/**
 * Parses `len` bytes into a new document the caller frees with xmlFreeDoc.
 * `part` names the part in errors.  VNDOC_EFORMAT for malformed XML (with
 * line and column), VNDOC_ELIMIT for a DOCTYPE or excessive depth.
 */
int vndoc_xml_parse(xmlDoc **out, const char *data, size_t len, const char *part, vndoc_error *err);

/*
 * The check every part passes before libxml2 sees it (prolog.c): the
 * part's encoding found (BOM, first bytes, declaration), the prolog decoded
 * and scanned up to the root element, a DOCTYPE refused (VNDOC_ELIMIT).
 * libxml2 must then be given `encoding` with XML_PARSE_IGNORE_ENC, so that
 * it parses exactly the characters checked.
 */
typedef struct vndoc_xml_prolog {
	const char *part;
	char encoding[40];   /* "UTF-8", "UTF-16LE", ... for libxml2 */
	void *cd;            /* iconv_t to UTF-8, (void *)-1 for UTF-8 */
	int state;
	long line;
	char word[8];
	size_t k;
	char carry[16];      /* a character cut between two reads */
	size_t carry_len;
	bool whole;          /* scan the whole part, not just the prolog */
	long attrs;          /* attributes of the start tag being read */
	char quote;
} vndoc_xml_prolog;

/** Finds the encoding from the part's first bytes (up to 512).  Sets
 * `whole`: every start tag is then checked too (at most
 * VNDOC_LIMIT_XML_ATTRIBUTES attributes), and feed wants the whole part. */
int vndoc_xml_prolog_begin(vndoc_xml_prolog *p, const char *head, size_t n, const char *part, vndoc_error *err);
/** The part's bytes in order: 1 while the prolog goes on, 0 once the root
 * element starts, < 0 (VNDOC_ELIMIT) at a DOCTYPE or undecodable prolog. */
int vndoc_xml_prolog_feed(vndoc_xml_prolog *p, const char *data, size_t n, vndoc_error *err);
void vndoc_xml_prolog_dispose(vndoc_xml_prolog *p);

/** begin + feed + dispose over a part in memory: 0 (p->encoding set) or < 0. */
int vndoc_xml_check_prolog(vndoc_xml_prolog *p, const char *data, size_t len, const char *part, vndoc_error *err);

/**
 * A streaming reader over a part in memory, after the check: `options`
 * are libxml2's (XML_PARSE_IGNORE_ENC is added).  Errors name `part`.
 */
int vndoc_xml_reader_open(xmlTextReaderPtr *out, const char *data, size_t len, const char *part, int options,
			  vndoc_error *err);

/*
 * A part's tree made by xml/fast.c, not by libxml2's parser: libxml2's
 * node structures, the tree its SAX2 builder makes of the same part, held
 * in one arena.  Read it only (no node of it may be freed, unlinked or
 * changed; copies, xmlDocCopyNode, are libxml2's own).
 */
typedef struct vndoc_xml_fast vndoc_xml_fast;
/* In a node's `extra`: the element was written empty (<a/>), as libxml2's
 * reader tells it (xmlTextReaderIsEmptyElement). */
#define VNDOC_XML_FAST_EMPTY 1
/** WordprocessingML's namespace name.  The trees of vndoc_xml_fast_parse
 * point their declarations of it here (not at a copy), so that a reader
 * of them may compare the pointer before the string's 60 bytes. */
extern const char vndoc_xml_ns_w[];
/** 0 and the tree in *out, or 1 when the part is one this parser leaves to
 * libxml2 (not UTF-8, larger than VNDOC_LIMIT_XML_FAST_BYTES, a DOCTYPE,
 * CDATA, a processing instruction, any error...): nothing is made, and
 * the caller parses the part with libxml2, which reports the errors. */
int vndoc_xml_fast_parse(vndoc_xml_fast **out, const char *data, size_t len);
/** The root element. */
xmlNode *vndoc_xml_fast_root(const vndoc_xml_fast *f);
/** The document, whose root element that is: freed by vndoc_xml_free_doc. */
xmlDoc *vndoc_xml_fast_doc(const vndoc_xml_fast *f);
void vndoc_xml_fast_free(vndoc_xml_fast *f);
/** Frees a document of vndoc_xml_parse (xmlFreeDoc) or of
 * vndoc_xml_fast_doc (its whole tree). */
void vndoc_xml_free_doc(xmlDoc *doc);

/**
 * Appends the document to `out` exactly as Office writes parts: the XML
 * declaration `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`,
 * CRLF after it, then the root element with no added white space.
 * Deterministic: the same tree gives the same bytes.
 */
int vndoc_xml_write(vndoc_buf *out, xmlDoc *doc, vndoc_error *err);

/**
 * Pretty-prints for review in git (vndoc unpack): two-space indentation of
 * element-only content; text-bearing elements (w:t, w:instrText, ...) and
 * any element holding text are left exactly as they are.
 */
int vndoc_xml_write_pretty(vndoc_buf *out, xmlDoc *doc, vndoc_error *err);

/**
 * Undoes pretty-printing in place (vndoc pack): removes white-space-only
 * text nodes from elements that also have element children.  Text inside
 * w:t and other elements that hold only text is kept.
 */
void vndoc_xml_strip_indentation(xmlDoc *doc);

/** 1 if the part name is an XML part by its extension (.xml, .rels). */
int vndoc_xml_is_xml_part(const char *name);

/*
 * Serializer primitives, shared by the writers here and by the template
 * compiler, which serializes a part piece by piece.  Each appends to `out`
 * and returns 0 or VNDOC_ELIMIT (the buffer's limit).
 */

/** `<qname xmlns…="…" attr="…">`, or `<qname …/>` when `empty`.  With
 * `preserve`, adds xml:space="preserve" unless the element has it. */
int vndoc_xml_emit_start(vndoc_buf *out, const xmlNode *elem, int empty, int preserve);
/** `</qname>` */
int vndoc_xml_emit_end(vndoc_buf *out, const xmlNode *elem);
/** Text content, escaping `&`, `<` and `>`. */
int vndoc_xml_emit_text(vndoc_buf *out, const char *text, size_t len);
/** A non-element node: text, CDATA (as escaped text), comment, PI. */
int vndoc_xml_emit_node(vndoc_buf *out, const xmlNode *node);

#endif
