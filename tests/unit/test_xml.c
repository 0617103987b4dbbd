/*
 * test_xml.c: safe parsing (entities, DOCTYPE, depth, error positions) and
 * deterministic writing, compact and pretty, and their round trip.
 */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/limits.h"
#include "xml/xml.h"
#include "test.h"

#define W "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"

static const char doc_xml[] =
	DECL "<w:document " W "><w:body><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>"
	"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">  Cộng hòa &amp; \"xã\" &lt;hội&gt; </w:t></w:r>"
	"<w:r><w:t>chủ nghĩa</w:t></w:r></w:p><w:p/></w:body></w:document>";

static xmlDoc *parse_ok(const char *xml)
{
	xmlDoc *doc;
	vndoc_error err;
	vndoc_error_clear(&err);
	ck_assert_msg(vndoc_xml_parse(&doc, xml, strlen(xml), "word/document.xml", &err) == 0, "%s", err.message);
	return doc;
}

static void assert_parse_error(const char *xml, int code, const char *msg)
{
	xmlDoc *doc = (xmlDoc *)1;
	vndoc_error err;
	vndoc_error_clear(&err);
	ck_assert_int_eq(vndoc_xml_parse(&doc, xml, strlen(xml), "word/document.xml", &err), code);
	ck_assert_ptr_null(doc);
	test_assert_error(&err, code, msg);
}

START_TEST(xml__write_is_byte_exact)
{
	xmlDoc *doc = parse_ok(doc_xml);
	vndoc_buf out = VNDOC_BUF_INIT(1 << 20);
	vndoc_error err;
	ck_assert_int_eq(vndoc_xml_write(&out, doc, &err), 0);
	ck_assert_str_eq(out.ptr, doc_xml);
	vndoc_buf_dispose(&out);
	xmlFreeDoc(doc);
}
END_TEST

START_TEST(xml__pretty_prints_element_only_content)
{
	xmlDoc *doc = parse_ok(doc_xml);
	vndoc_buf out = VNDOC_BUF_INIT(1 << 20);
	vndoc_error err;
	ck_assert_int_eq(vndoc_xml_write_pretty(&out, doc, &err), 0);
	ck_assert_str_eq(out.ptr,
		DECL "<w:document " W ">\n"
		"  <w:body>\n"
		"    <w:p>\n"
		"      <w:pPr>\n"
		"        <w:jc w:val=\"center\"/>\n"
		"      </w:pPr>\n"
		"      <w:r>\n"
		"        <w:rPr>\n"
		"          <w:b/>\n"
		"        </w:rPr>\n"
		"        <w:t xml:space=\"preserve\">  Cộng hòa &amp; \"xã\" &lt;hội&gt; </w:t>\n"
		"      </w:r>\n"
		"      <w:r>\n"
		"        <w:t>chủ nghĩa</w:t>\n"
		"      </w:r>\n"
		"    </w:p>\n"
		"    <w:p/>\n"
		"  </w:body>\n"
		"</w:document>\n");
	vndoc_buf_dispose(&out);
	xmlFreeDoc(doc);
}
END_TEST

START_TEST(xml__pretty_then_strip_gives_the_original)
{
	xmlDoc *doc = parse_ok(doc_xml), *again;
	vndoc_buf pretty = VNDOC_BUF_INIT(1 << 20), twice = VNDOC_BUF_INIT(1 << 20), compact = VNDOC_BUF_INIT(1 << 20);
	vndoc_error err;

	ck_assert_int_eq(vndoc_xml_write_pretty(&pretty, doc, &err), 0);
	again = parse_ok(pretty.ptr);
	/* Pretty-printing what is already pretty changes nothing. */
	ck_assert_int_eq(vndoc_xml_write_pretty(&twice, again, &err), 0);
	ck_assert_str_eq(twice.ptr, pretty.ptr);
	vndoc_xml_strip_indentation(again);
	ck_assert_int_eq(vndoc_xml_write(&compact, again, &err), 0);
	ck_assert_str_eq(compact.ptr, doc_xml);
	vndoc_buf_dispose(&pretty);
	vndoc_buf_dispose(&twice);
	vndoc_buf_dispose(&compact);
	xmlFreeDoc(doc);
	xmlFreeDoc(again);
}
END_TEST

START_TEST(xml__malformed_gives_line_and_column)
{
	assert_parse_error("<w:document " W ">\n<w:body>\n  <w:p></w:r>\n</w:body></w:document>",
			   VNDOC_EFORMAT,
			   "[word/document.xml]:3:14: malformed XML: Opening and ending tag mismatch: p line 3 and r");
	assert_parse_error("", VNDOC_EFORMAT, "[word/document.xml]:1:1: malformed XML: Document is empty");
}
END_TEST

START_TEST(xml__undeclared_prefix_is_malformed)
{
	assert_parse_error("<w:document><w:body/></w:document>", VNDOC_EFORMAT,
			   "[word/document.xml]:1:12: malformed XML: Namespace prefix w on document is not defined");
}
END_TEST

START_TEST(xml__doctype_and_entities_are_refused)
{
	/* Billion laughs. */
	assert_parse_error("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
			   "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>\n"
			   "<lolz>&lol2;</lolz>",
			   VNDOC_ELIMIT, "[word/document.xml]:2: DOCTYPE declarations are refused");
	/* External entity (XXE), after a comment. */
	assert_parse_error("<!-- a\n comment -->\n<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><x>&xxe;</x>",
			   VNDOC_ELIMIT, "[word/document.xml]:3: DOCTYPE declarations are refused");
	/* An undefined entity without a DTD is plain malformed XML. */
	assert_parse_error("<x>&xxe;</x>", VNDOC_EFORMAT, "[word/document.xml]:1:9: malformed XML: Entity 'xxe' not defined");
}
END_TEST

/* Issue 18: the refusal looks at the characters, not the bytes: UTF-16 (with
 * and without its mark), any declared encoding, a long prolog, and a part
 * fed a few bytes at a time (a character cut between two reads). */
static void feed_in_pieces(const char *data, size_t len, size_t piece, int want, const char *encoding)
{
	vndoc_xml_prolog p;
	vndoc_error err;
	int rc = 1;
	vndoc_error_clear(&err);
	ck_assert_int_eq(vndoc_xml_prolog_begin(&p, data, len < 512 ? len : 512, "p.xml", &err), 0);
	for (size_t i = 0; i < len && rc == 1; i += piece)
		rc = vndoc_xml_prolog_feed(&p, data + i, len - i < piece ? len - i : piece, &err);
	vndoc_xml_prolog_dispose(&p);
	ck_assert_int_eq(rc, want);
	ck_assert_str_eq(p.encoding, encoding);
	if (want < 0)
		test_assert_error(&err, VNDOC_ELIMIT, "[p.xml]:2: DOCTYPE declarations are refused");
}

START_TEST(xml__doctype_refused_whatever_the_encoding)
{
	/* "<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE x []><x/>" */
	static const char text[] = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>";
	char le[512], be[512];
	size_t n = 2;
	xmlDoc *doc;
	vndoc_error err;

	le[0] = (char)0xFF, le[1] = (char)0xFE, be[0] = (char)0xFE, be[1] = (char)0xFF;
	for (const char *c = text; *c; c++, n += 2)
		le[n] = *c, le[n + 1] = 0, be[n] = 0, be[n + 1] = *c;
	for (size_t piece = 1; piece <= 7; piece++) {
		feed_in_pieces(le, n, piece, VNDOC_ELIMIT, "UTF-16LE");
		feed_in_pieces(be, n, piece, VNDOC_ELIMIT, "UTF-16BE");
		feed_in_pieces(le + 2, n - 2, piece, VNDOC_ELIMIT, "UTF-16LE"); /* no byte order mark */
	}
	vndoc_error_clear(&err);
	ck_assert_int_eq(vndoc_xml_parse(&doc, le, n, "word/document.xml", &err), VNDOC_ELIMIT);
	test_assert_error(&err, VNDOC_ELIMIT, "[word/document.xml]:2: DOCTYPE declarations are refused");
	/* UTF-7 hides '<' from a byte search. */
	assert_parse_error("<?xml version=\"1.0\" encoding=\"UTF-7\"?>\n+ADwAIQ-DOCTYPE x +AFsAXQA+-+ADw-x/+AD4-",
			   VNDOC_ELIMIT, "[word/document.xml]:2: DOCTYPE declarations are refused");
	/* A prolog longer than any first read. */
	{
		vndoc_buf b = VNDOC_BUF_INIT(1 << 20);
		vndoc_buf_puts(&b, "<?xml version=\"1.0\"?>\n<!--");
		for (int i = 0; i < 10000; i++)
			vndoc_buf_puts(&b, "- -");
		vndoc_buf_puts(&b, "--><!DOCTYPE x []><x/>");
		feed_in_pieces(b.ptr, b.len, 4096, VNDOC_ELIMIT, "UTF-8");
		vndoc_buf_dispose(&b);
	}
}
END_TEST

START_TEST(xml__other_encodings_are_decoded)
{
	static const char latin[] = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><x>caf\xE9</x>";
	static const char u16[] = "\xFF\xFE<\0x\0>\0\x03\x01<\0/\0x\0>\0";
	xmlDoc *doc;
	xmlChar *t;
	vndoc_error err;

	vndoc_error_clear(&err);
	ck_assert_int_eq(vndoc_xml_parse(&doc, latin, sizeof latin - 1, "p.xml", &err), 0);
	t = xmlNodeGetContent(xmlDocGetRootElement(doc));
	ck_assert_str_eq((char *)t, "café");
	xmlFree(t);
	xmlFreeDoc(doc);
	ck_assert_int_eq(vndoc_xml_parse(&doc, u16, sizeof u16 - 1, "p.xml", &err), 0);
	t = xmlNodeGetContent(xmlDocGetRootElement(doc));
	ck_assert_str_eq((char *)t, "ă");
	xmlFree(t);
	xmlFreeDoc(doc);
	/* UTF-32 is not an encoding of OOXML parts. */
	ck_assert_int_eq(vndoc_xml_parse(&doc, "<\0\0\0x\0\0\0", 8, "p.xml", &err), VNDOC_ELIMIT);
	test_assert_error(&err, VNDOC_ELIMIT, "[p.xml]:1: XML encoded as UTF-32 is not supported");
}
END_TEST

/* Issue 18: at most VNDOC_LIMIT_XML_ATTRIBUTES attributes on an element
 * (libxml2 is quadratic in them); '=' in values, text, comments and CDATA
 * sections is not an attribute. */
START_TEST(xml__attributes_are_limited)
{
	vndoc_buf b = VNDOC_BUF_INIT(1 << 20);
	xmlDoc *doc;
	vndoc_error err;

	vndoc_buf_puts(&b, "<!-- = = --><x a=\"1\">");
	for (int i = 0; i < 2000; i++)
		vndoc_buf_puts(&b, "= <!-- = --><![CDATA[ = ]]><y b='=' c=\"=\"/>");
	vndoc_buf_puts(&b, "</x>");
	vndoc_error_clear(&err);
	ck_assert_int_eq(vndoc_xml_parse(&doc, b.ptr, b.len, "p.xml", &err), 0);
	xmlFreeDoc(doc);
	vndoc_buf_clear(&b);
	vndoc_buf_puts(&b, "<x\n");
	for (int i = 0; i <= VNDOC_LIMIT_XML_ATTRIBUTES; i++)
		vndoc_buf_printf(&b, " a%d='%d'", i, i);
	vndoc_buf_puts(&b, "/>");
	ck_assert_int_eq(vndoc_xml_parse(&doc, b.ptr, b.len, "p.xml", &err), VNDOC_ELIMIT);
	test_assert_error(&err, VNDOC_ELIMIT, "[p.xml]:2: an element with more than 1024 attributes");
	vndoc_buf_dispose(&b);
}
END_TEST

START_TEST(xml__depth_is_limited)
{
	vndoc_buf b = VNDOC_BUF_INIT(1 << 20);
	xmlDoc *doc;
	vndoc_error err;
	for (int i = 0; i < VNDOC_LIMIT_XML_DEPTH + 10; i++)
		vndoc_buf_puts(&b, "<a>");
	for (int i = 0; i < VNDOC_LIMIT_XML_DEPTH + 10; i++)
		vndoc_buf_puts(&b, "</a>");
	vndoc_error_clear(&err);
	ck_assert_int_eq(vndoc_xml_parse(&doc, b.ptr, b.len, "word/document.xml", &err), VNDOC_ELIMIT);
	ck_assert_str_eq(err.message, "elements nested deeper than 256");
	vndoc_buf_dispose(&b);
}
END_TEST

START_TEST(xml__is_xml_part)
{
	ck_assert(vndoc_xml_is_xml_part("word/document.xml"));
	ck_assert(vndoc_xml_is_xml_part("_rels/.rels"));
	ck_assert(vndoc_xml_is_xml_part("[Content_Types].xml"));
	ck_assert(!vndoc_xml_is_xml_part("word/media/image1.png"));
	ck_assert(!vndoc_xml_is_xml_part("word/vbaProject.bin"));
}
END_TEST

/* ---- xml/fast.c: the same tree as libxml2's reader makes (what the body
 * reader used to expand), or nothing at all. */

static void same_ns(const xmlNs *a, const xmlNs *b)
{
	ck_assert_msg(!a == !b, "namespace on one side only");
	if (!a)
		return;
	ck_assert_str_eq((const char *)a->href, (const char *)b->href);
	ck_assert_msg(!a->prefix == !b->prefix, "prefix on one side only");
	if (a->prefix)
		ck_assert_str_eq((const char *)a->prefix, (const char *)b->prefix);
}

/* The lists of nodes from a and b (only a and b themselves: `one`). */
static void same_tree(const xmlNode *a, const xmlNode *b, bool one)
{
	for (; a || b; a = one ? NULL : a->next, b = one ? NULL : b->next) {
		ck_assert_msg(a && b, "a node on one side only (%s)", a ? (const char *)a->name : (const char *)b->name);
		ck_assert_int_eq(a->type, b->type);
		ck_assert_str_eq((const char *)a->name, (const char *)b->name);
		same_ns(a->ns, b->ns);
		if (a->type == XML_TEXT_NODE) {
			ck_assert_str_eq((const char *)a->content, (const char *)b->content);
			continue;
		}
		const xmlNs *na = a->nsDef, *nb = b->nsDef;
		for (; na || nb; na = na->next, nb = nb->next) {
			ck_assert_msg(na && nb, "namespace declared on one side only");
			same_ns(na, nb);
		}
		const xmlAttr *x = a->properties, *y = b->properties;
		for (; x || y; x = x->next, y = y->next) {
			ck_assert_msg(x && y, "attribute on one side only");
			ck_assert_str_eq((const char *)x->name, (const char *)y->name);
			same_ns(x->ns, y->ns);
			ck_assert_ptr_eq(x->parent, a);
			same_tree(x->children, y->children, false);
		}
		for (const xmlNode *c = a->children; c; c = c->next)
			ck_assert_ptr_eq(c->parent, a);
		same_tree(a->children, b->children, false);
	}
}

/* `xml` through xml/fast.c and through libxml2's reader: the same tree. */
static void fast_same(const char *xml)
{
	vndoc_xml_fast *f = NULL;
	xmlTextReaderPtr r;
	vndoc_error err;
	xmlNode *root;
	const xmlNode *mine;

	ck_assert_msg(vndoc_xml_fast_parse(&f, xml, strlen(xml)) == 0, "fast parser gave up on: %s", xml);
	vndoc_error_clear(&err);
	ck_assert_int_eq(vndoc_xml_reader_open(&r, xml, strlen(xml), "t.xml",
					       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA,
					       &err),
			 0);
	while (xmlTextReaderRead(r) == 1 && xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
		;
	root = xmlTextReaderExpand(r);
	ck_assert_ptr_nonnull(root);
	mine = vndoc_xml_fast_root(f);
	ck_assert_ptr_null(mine->next);
	same_tree(mine, root, true);
	xmlFreeTextReader(r);
	vndoc_xml_fast_free(f);
}

static void fast_gives_up(const char *xml, size_t len)
{
	vndoc_xml_fast *f = (vndoc_xml_fast *)1;
	ck_assert_msg(vndoc_xml_fast_parse(&f, xml, len) == 1, "fast parser read: %s", xml);
	ck_assert_ptr_null(f);
}
#define GIVES_UP(lit) fast_gives_up(lit, sizeof lit - 1)

START_TEST(xml__fast_tree_is_libxml2s)
{
	fast_same(doc_xml);
	/* line ends, white space and references in text and in attributes */
	fast_same(DECL "<w:document " W "><w:body>\r\n  <w:p w:a=\"x\r\ny\tz\nw\rv\" w:b='&#10;&#x9;&#13;' w:c=\"\">"
		       "<w:t>a\r\nb\rc\n\td ]] &gt; &apos;&quot; &#x1F600;&#233; ]</w:t><w:t/><w:t></w:t></w:p>\n"
		       "</w:body></w:document>");
	/* default and redeclared namespaces, xml:, mc: and w14: attributes */
	fast_same("<?xml version='1.0' standalone='no'?><!-- before --><document xmlns=\"urn:a\" " W
		  " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" mc:Ignorable=\"w14\">"
		  "<body><w:p xmlns:w=\"urn:other\" w:x=\"1\"><w:r xml:space=\"preserve\" x=\"2\"/></w:p>"
		  "<p xmlns=\"urn:b\" a:b=\"c\" xmlns:a=\"urn:c\"/><w:tbl/></body></document>\n<!-- after -->\n");
	/* no declaration, a byte order mark, names with dots and dashes */
	fast_same("\xEF\xBB\xBF<a.b-c _x=\"é\" y.z-1 = \"1\" ><d/></a.b-c>");
	fast_same("<a/>");
}
END_TEST

START_TEST(xml__fast_leaves_the_rest_to_libxml2)
{
	GIVES_UP("<a><![CDATA[x]]></a>");
	GIVES_UP("<a><?pi x?></a>");
	GIVES_UP("<?xml-stylesheet href=\"a\"?><a/>");
	GIVES_UP("<a><!-- in the root --></a>");
	GIVES_UP("<a><w:b/></a>");                   /* undeclared prefix */
	GIVES_UP("<a x=\"1\" x=\"2\"/>");            /* duplicate attribute */
	GIVES_UP("<a xmlns:p=\"u\" xmlns:q=\"u\" p:x=\"1\" q:x=\"2\"/>");
	GIVES_UP("<a><b></a></b>");
	GIVES_UP("<a>x]]>y</a>");
	GIVES_UP("<a>\xC3\x28</a>");                 /* not UTF-8 */
	GIVES_UP("<a>\xE0\x80\x80</a>");             /* overlong */
	GIVES_UP("<a>\x01</a>");
	GIVES_UP("<a>&nbsp;</a>");
	GIVES_UP("<a>&#0;</a>");
	GIVES_UP("<a x=\"<\"/>");
	GIVES_UP("<a x=1/>");
	GIVES_UP("<a x=\"1\"y=\"2\"/>");
	GIVES_UP("<!DOCTYPE a><a/>");
	GIVES_UP("<?xml version=\"1.0\" encoding=\"windows-1258\"?><a/>");
	GIVES_UP("<\xC3\xA9/>");                     /* a non-ASCII name */
	GIVES_UP("<a>");
	GIVES_UP("<a/>x");
	GIVES_UP("<a/><b/>");
	GIVES_UP("<a xmlns=\"\"/>");
	GIVES_UP("<a xmlns:p=\"u&amp;v\"/>");      /* libxml2 keeps \"&#38;\" there */
	GIVES_UP("<a xmlns:p=\"http://a b\"/>");   /* not a URI */
	GIVES_UP("<a xmlns:p=\"http://www.w3.org/2000/xmlns/\"/>");
	GIVES_UP("<a>\0</a>");
	fast_gives_up("<\0a\0/\0>\0", 8);            /* UTF-16 */
	{
		vndoc_buf b = VNDOC_BUF_INIT(1 << 20);
		for (int i = 0; i <= VNDOC_LIMIT_XML_FAST_DEPTH; i++)
			vndoc_buf_puts(&b, "<a>");
		for (int i = 0; i <= VNDOC_LIMIT_XML_FAST_DEPTH; i++)
			vndoc_buf_puts(&b, "</a>");
		fast_gives_up(b.ptr, b.len);
		vndoc_buf_dispose(&b);
	}
}
END_TEST

START_TEST(xml__fast_marks_empty_elements)
{
	vndoc_xml_fast *f;
	const char *xml = "<a><b/><b></b></a>";
	const xmlNode *a;
	ck_assert_int_eq(vndoc_xml_fast_parse(&f, xml, strlen(xml)), 0);
	a = vndoc_xml_fast_root(f);
	ck_assert_int_eq(a->children->extra & VNDOC_XML_FAST_EMPTY, VNDOC_XML_FAST_EMPTY);
	ck_assert_int_eq(a->children->next->extra & VNDOC_XML_FAST_EMPTY, 0);
	vndoc_xml_fast_free(f);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("xml");
	TCase *tc = tcase_create("xml");
	tcase_add_test(tc, xml__write_is_byte_exact);
	tcase_add_test(tc, xml__pretty_prints_element_only_content);
	tcase_add_test(tc, xml__pretty_then_strip_gives_the_original);
	tcase_add_test(tc, xml__malformed_gives_line_and_column);
	tcase_add_test(tc, xml__undeclared_prefix_is_malformed);
	tcase_add_test(tc, xml__doctype_and_entities_are_refused);
	tcase_add_test(tc, xml__doctype_refused_whatever_the_encoding);
	tcase_add_test(tc, xml__other_encodings_are_decoded);
	tcase_add_test(tc, xml__attributes_are_limited);
	tcase_add_test(tc, xml__depth_is_limited);
	tcase_add_test(tc, xml__is_xml_part);
	tcase_add_test(tc, xml__fast_tree_is_libxml2s);
	tcase_add_test(tc, xml__fast_leaves_the_rest_to_libxml2);
	tcase_add_test(tc, xml__fast_marks_empty_elements);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
