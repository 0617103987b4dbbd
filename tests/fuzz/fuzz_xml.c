/*
 * fuzz_xml.c: the XML part reader (DOCTYPE refusal, depth limit, errors)
 * and both writers; pretty-printing then stripping must give back the
 * compact form.  xml/fast.c is checked against libxml2 on every input: a
 * part it reads, libxml2 must read too, into a tree written out to the
 * same bytes; a part libxml2 refuses, it must leave to libxml2.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "xml/xml.h"

/* The fast parser against libxml2 on the same bytes (libxml2's result:
 * `doc`, NULL when it refused them). */
static void same_as_libxml2(const uint8_t *data, size_t size, xmlDoc *doc)
{
	vndoc_xml_fast *f = NULL;
	vndoc_error err;

	if (vndoc_xml_fast_parse(&f, (const char *)data, size) != 0)
		return;
	if (!doc)
		abort(); /* read what libxml2 refuses */
	vndoc_buf mine = VNDOC_BUF_INIT(1 << 26), theirs = VNDOC_BUF_INIT(1 << 26);
	if (vndoc_xml_write(&mine, vndoc_xml_fast_doc(f), &err) != vndoc_xml_write(&theirs, doc, &err) ||
	    mine.len != theirs.len || memcmp(mine.ptr, theirs.ptr, mine.len))
		abort(); /* another tree */
	vndoc_buf_dispose(&mine);
	vndoc_buf_dispose(&theirs);
	vndoc_xml_fast_free(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	xmlDoc *doc, *again;
	vndoc_error err;
	vndoc_buf compact = VNDOC_BUF_INIT(1 << 26), pretty = VNDOC_BUF_INIT(1 << 26);

	if (vndoc_xml_parse(&doc, (const char *)data, size, "word/document.xml", &err) < 0) {
		same_as_libxml2(data, size, NULL);
		return 0;
	}
	same_as_libxml2(data, size, doc);
	vndoc_xml_write(&compact, doc, &err);
	vndoc_xml_write_pretty(&pretty, doc, &err);
	if (vndoc_xml_parse(&again, pretty.ptr, pretty.len, "pretty", &err) == 0) {
		vndoc_buf back = VNDOC_BUF_INIT(1 << 26), orig = VNDOC_BUF_INIT(1 << 26);
		/* Only documents without significant blank text between
		 * elements round-trip; compare after stripping both. */
		vndoc_xml_strip_indentation(again);
		vndoc_xml_strip_indentation(doc);
		vndoc_xml_write(&back, again, &err);
		vndoc_xml_write(&orig, doc, &err);
		if (back.len != orig.len || memcmp(back.ptr, orig.ptr, back.len))
			abort();
		vndoc_buf_dispose(&back);
		vndoc_buf_dispose(&orig);
		xmlFreeDoc(again);
	}
	vndoc_buf_dispose(&compact);
	vndoc_buf_dispose(&pretty);
	xmlFreeDoc(doc);
	return 0;
}
