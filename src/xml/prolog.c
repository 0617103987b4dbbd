/*
 * xml/prolog.c: the check every XML part passes before libxml2 parses it
 * (issue 18), whatever path reads it: loaded whole, streamed, or read by
 * the XLSX reader.
 *
 * The part's encoding is found first, as the XML specification finds it
 * (byte order mark, the first four bytes, the declaration); the prolog is
 * then decoded to UTF-8 and scanned up to the root element, however long
 * it is, and a DOCTYPE refused.  libxml2 is then told that encoding and to
 * ignore the declaration (XML_PARSE_IGNORE_ENC), so it parses exactly the
 * characters that were checked: a part encoded as UTF-16, or declared as
 * any other encoding, cannot slip a DOCTYPE past the check.
 */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlreader.h>

#include "core/limits.h"
#include "xml/xml.h"

enum { S_START, S_TOP, S_LT, S_BANG, S_COMMENT, S_PI, S_DONE,
       /* After the prolog: attributes counted in every start tag. */
       B_TEXT, B_LT, B_BANG, B_COMMENT, B_CDATA, B_OTHER, B_TAG, B_QUOTED };

static int refuse(vndoc_xml_prolog *p, vndoc_error *err, long line, const char *fmt, const char *arg)
{
	vndoc_error_set_part(err, p->part);
	vndoc_error_set_pos(err, line, 0);
	return vndoc_error_set(err, VNDOC_ELIMIT, fmt, arg);
}

/* The encoding declared in an ASCII-compatible prolog, if any. */
static void declared_encoding(const char *head, size_t n, char *out, size_t size)
{
	const char *end = head + n, *p, *q;

	out[0] = '\0';
	if (n < 5 || memcmp(head, "<?xml", 5))
		return;
	for (q = head; q < end - 1 && memcmp(q, "?>", 2); q++)
		;
	for (p = head + 5; p + 8 <= q; p++) {
		const char *v;
		char quote;
		size_t k = 0;
		if (memcmp(p, "encoding", 8))
			continue;
		for (v = p + 8; v < q && (*v == ' ' || *v == '=' || *v == '\t' || *v == '\r' || *v == '\n'); v++)
			;
		if (v >= q || (*v != '"' && *v != '\''))
			return;
		quote = *v++;
		while (v < q && *v != quote && k + 1 < size)
			out[k++] = *v++;
		out[k] = '\0';
		return;
	}
}

int vndoc_xml_prolog_begin(vndoc_xml_prolog *p, const char *head, size_t n, const char *part, vndoc_error *err)
{
	const unsigned char *b = (const unsigned char *)head;
	char declared[64];

	memset(p, 0, sizeof *p);
	p->whole = true;
	p->part = part ? part : "";
	p->line = 1;
	p->cd = (void *)-1;
	if (n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) {
		if (n >= 4 && b[0] == 0xFF && !b[2] && !b[3])
			return refuse(p, err, 1, "XML encoded as %s is not supported", "UTF-32");
		snprintf(p->encoding, sizeof p->encoding, "%s", b[0] == 0xFF ? "UTF-16LE" : "UTF-16BE");
	} else if (n >= 4 && ((!b[0] && !b[1]) || (!b[2] && !b[3]))) {
		return refuse(p, err, 1, "XML encoded as %s is not supported", "UTF-32");
	} else if (n >= 2 && b[0] == '<' && !b[1]) {
		snprintf(p->encoding, sizeof p->encoding, "UTF-16LE");
	} else if (n >= 2 && !b[0] && b[1] == '<') {
		snprintf(p->encoding, sizeof p->encoding, "UTF-16BE");
	} else if (n >= 4 && !memcmp(b, "\x4C\x6F\xA7\x94", 4)) {
		return refuse(p, err, 1, "XML encoded as %s is not supported", "EBCDIC");
	} else {
		size_t bom = n >= 3 && !memcmp(b, "\xEF\xBB\xBF", 3) ? 3 : 0;
		declared_encoding(head + bom, n - bom, declared, sizeof declared);
		if (bom || !declared[0] || !strcasecmp(declared, "UTF-8") || !strcasecmp(declared, "UTF8"))
			snprintf(p->encoding, sizeof p->encoding, "UTF-8");
		else if (!strncasecmp(declared, "UTF-16", 6) || !strncasecmp(declared, "UTF-32", 6) ||
			 !strncasecmp(declared, "UCS", 3))
			/* Declared as a two- or four-byte encoding but written in
			 * single bytes: read as UTF-8, as libxml2 reads it. */
			snprintf(p->encoding, sizeof p->encoding, "UTF-8");
		else if (strlen(declared) >= sizeof p->encoding)
			return refuse(p, err, 1, "unknown XML encoding \"%s\"", declared);
		else
			memcpy(p->encoding, declared, strlen(declared) + 1);
	}
	if (strcmp(p->encoding, "UTF-8")) {
		p->cd = iconv_open("UTF-8", p->encoding);
		if (p->cd == (void *)-1)
			return refuse(p, err, 1, "unknown XML encoding \"%s\"", p->encoding);
	}
	return 0;
}

/* The elements after the prolog: each start tag's attributes (and
 * namespace declarations) counted; comments, CDATA sections, processing
 * instructions and end tags skipped.  libxml2 compares each attribute with
 * every one before it (100,000 on one element took minutes). */
static bool ends_text(unsigned char c)
{
	return c == '<' || c == '\n';
}

static bool ends_name(unsigned char c)
{
	return c == '>' || c == '"' || c == '\'' || c == '=' || c == '\n';
}

static int scan_body(vndoc_xml_prolog *p, const char *s, size_t n, vndoc_error *err)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n; i++) {
		char c;
		/* Straight past the bytes that change nothing (a byte at a time
		 * through the switch, this loop was 8% of vndoc_docx_load). */
		if (p->state == B_TEXT)
			while (i < n && !ends_text(u[i]))
				i++;
		else if (p->state == B_QUOTED)
			while (i < n && u[i] != (unsigned char)p->quote && u[i] != '\n')
				i++;
		else if (p->state == B_TAG)
			while (i < n && !ends_name(u[i]))
				i++;
		if (i == n)
			break;
		c = s[i];
		if (c == '\n')
			p->line++;
		switch (p->state) {
		case B_TEXT:
			if (c == '<')
				p->state = B_LT;
			break;
		case B_LT:
			p->k = 0;
			p->attrs = 0;
			p->state = c == '!' ? B_BANG : c == '?' || c == '/' ? B_OTHER : B_TAG;
			break;
		case B_BANG: /* "<!--", "<![CDATA[" (its 2 first bytes decide) */
			p->word[p->k++] = c;
			if (p->k == 2) {
				p->state = !memcmp(p->word, "--", 2) ? B_COMMENT : p->word[0] == '[' ? B_CDATA : B_OTHER;
				p->k = 0;
			}
			break;
		case B_COMMENT:
			if (c == '>' && p->k >= 2)
				p->state = B_TEXT;
			p->k = c == '-' ? p->k + 1 : 0;
			break;
		case B_CDATA:
			if (c == '>' && p->k >= 2)
				p->state = B_TEXT;
			p->k = c == ']' ? p->k + 1 : 0;
			break;
		case B_OTHER:
			if (c == '>')
				p->state = B_TEXT;
			break;
		case B_TAG:
			if (c == '>') {
				p->state = B_TEXT;
			} else if (c == '"' || c == '\'') {
				p->quote = c;
				p->state = B_QUOTED;
			} else if (c == '=' && ++p->attrs > VNDOC_LIMIT_XML_ATTRIBUTES) {
				vndoc_error_set_part(err, p->part);
				vndoc_error_set_pos(err, p->line, 0);
				return vndoc_error_set(err, VNDOC_ELIMIT, "an element with more than %d attributes",
						       VNDOC_LIMIT_XML_ATTRIBUTES);
			}
			break;
		case B_QUOTED:
			if (c == p->quote)
				p->state = B_TAG;
			break;
		}
	}
	return 1;
}

/* Scans decoded UTF-8: 1 while still in the prolog (or, with `whole`, in
 * the part), 0 at the root element (or anything else libxml2 will judge),
 * < 0 at a DOCTYPE or a limit. */
static int scan(vndoc_xml_prolog *p, const char *s, size_t n, vndoc_error *err)
{
	int after = B_TEXT; /* where the body scan goes on once the prolog ends */
	size_t i;

	if (p->state > S_DONE)
		return scan_body(p, s, n, err);
	for (i = 0; i < n && p->state != S_DONE; i++) {
		char c = s[i];
		if (c == '\n')
			p->line++;
		switch (p->state) {
		case S_START:
			p->state = S_TOP;
			if (n - i >= 3 && !memcmp(s + i, "\xEF\xBB\xBF", 3)) {
				i += 2;
				break;
			}
			/* fall through */
		case S_TOP:
			if (c == '<')
				p->state = S_LT;
			else if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
				p->state = S_DONE;
			break;
		case S_LT:
			p->state = c == '!' ? S_BANG : c == '?' ? S_PI : S_DONE;
			after = B_TAG; /* the root element's start tag */
			p->k = 0;
			break;
		case S_BANG:
			p->word[p->k++] = c;
			if (p->k == 2 && !memcmp(p->word, "--", 2)) {
				p->state = S_COMMENT;
				p->k = 0;
			} else if (p->k == 7 && !memcmp(p->word, "DOCTYPE", 7)) {
				return refuse(p, err, p->line, "%s", "DOCTYPE declarations are refused");
			} else if (memcmp(p->word, "--", p->k < 2 ? p->k : 2) && memcmp(p->word, "DOCTYPE", p->k)) {
				p->state = S_DONE;
				after = B_OTHER;
			}
			break;
		case S_COMMENT:
			if (c == '>' && p->k >= 2)
				p->state = S_TOP;
			p->k = c == '-' ? p->k + 1 : 0;
			break;
		case S_PI:
			if (c == '>' && p->k)
				p->state = S_TOP;
			p->k = c == '?';
			break;
		}
	}
	if (p->state != S_DONE)
		return 1;
	if (!p->whole)
		return 0;
	p->state = after;
	p->attrs = 0;
	p->k = 0;
	return scan_body(p, s + i, n - i, err);
}

int vndoc_xml_prolog_feed(vndoc_xml_prolog *p, const char *data, size_t n, vndoc_error *err)
{
	char out[4096];

	if (p->state == S_DONE)
		return 0;
	if (p->cd == (void *)-1)
		return scan(p, data, n, err);
	while (n || p->carry_len) {
		char in[sizeof p->carry + 64], *ip = in, *op = out;
		size_t take = n < 64 ? n : 64, il, ol = sizeof out;
		int rc;
		/* A character cut between two reads waits in `carry`. */
		memcpy(in, p->carry, p->carry_len);
		memcpy(in + p->carry_len, data, take);
		il = p->carry_len + take;
		data += take;
		n -= take;
		p->carry_len = 0;
		if (iconv(p->cd, &ip, &il, &op, &ol) == (size_t)-1 && errno != EINVAL && errno != E2BIG)
			return refuse(p, err, p->line, "the prolog is not valid %s", p->encoding);
		if (il > sizeof p->carry)
			return refuse(p, err, p->line, "the prolog is not valid %s", p->encoding);
		memcpy(p->carry, ip, il);
		p->carry_len = il;
		if ((rc = scan(p, out, (size_t)(op - out), err)) <= 0)
			return rc;
		if (!take)
			break;
	}
	return 1;
}

void vndoc_xml_prolog_dispose(vndoc_xml_prolog *p)
{
	if (p->cd != (void *)-1)
		iconv_close(p->cd);
	p->cd = (void *)-1;
}

int vndoc_xml_check_prolog(vndoc_xml_prolog *p, const char *data, size_t len, const char *part, vndoc_error *err)
{
	int rc;
	if ((rc = vndoc_xml_prolog_begin(p, data, len < 512 ? len : 512, part, err)) == 0)
		rc = vndoc_xml_prolog_feed(p, data, len, err);
	vndoc_xml_prolog_dispose(p);
	return rc < 0 ? rc : 0;
}

int vndoc_xml_reader_open(xmlTextReaderPtr *out, const char *data, size_t len, const char *part, int options,
			  vndoc_error *err)
{
	vndoc_xml_prolog p;
	int rc;

	*out = NULL;
	if ((rc = vndoc_xml_check_prolog(&p, data, len, part, err)) < 0)
		return rc;
	if (len > (size_t)0x7fffffff) {
		vndoc_error_set_part(err, part ? part : "");
		return vndoc_error_set(err, VNDOC_ELIMIT, "part is too large for the XML parser");
	}
	*out = xmlReaderForMemory(data, (int)len, NULL, p.encoding, options | XML_PARSE_IGNORE_ENC);
	if (!*out) {
		vndoc_error_set_part(err, part ? part : "");
		return vndoc_error_set(err, VNDOC_EFORMAT, "cannot read the XML");
	}
	return 0;
}
