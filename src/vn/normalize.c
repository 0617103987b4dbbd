#include "vn/vn.h"

#include <glib.h>

/* Characters XML 1.0 can hold (the "Char" production), minus CR which the
 * template engine never writes into text. */
static bool xml_char_ok(gunichar c)
{
	if (c < 0x20)
		return c == '\t' || c == '\n';
	if (c >= 0xD800 && c <= 0xDFFF)
		return false;
	return c != 0xFFFE && c != 0xFFFF && c <= 0x10FFFF;
}

bool vndoc_vn_is_simple(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80 || (c < 0x20 && c != '\t' && c != '\n'))
			return false;
	}
	return true;
}

/*
 * Whether valid UTF-8 `s` is already NFC and XML-clean, judged quickly:
 * every character is in a block whose characters are all NFC_QC=Yes and
 * not combining (ASCII but controls, Latin-1, Latin Extended-A and -B,
 * Latin Extended Additional with every precomposed Vietnamese letter,
 * common punctuation).  Anything else takes the slow path.
 */
static bool quick_nfc(const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	while (p < end) {
		gunichar c = g_utf8_get_char(p);
		if (c < 0x80) {
			if (c < 0x20 && c != '\t' && c != '\n')
				return false;
		} else if (!((c >= 0xA0 && c <= 0x24F) || (c >= 0x1E00 && c <= 0x1EFF) ||
			     (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E))) {
			return false;
		}
		p = g_utf8_next_char(p);
	}
	return true;
}

int vndoc_vn_append_nfc(vndoc_buf *out, const char *s, size_t len)
{
	gchar *valid, *nfc;
	const char *p;

	if (vndoc_vn_is_simple(s, len))
		return vndoc_buf_put(out, s, len);
	/* Most Vietnamese text arrives precomposed: no need to normalize. */
	if (g_utf8_validate(s, (gssize)len, NULL) && quick_nfc(s, len))
		return vndoc_buf_put(out, s, len);
	/* CRLF and lone CR become LF before anything else, so that a
	 * Windows-typed value breaks lines once. */
	valid = g_utf8_make_valid(s, (gssize)len);
	nfc = vndoc_vn_nfc(valid, -1);
	g_free(valid);
	if (!nfc)
		return vndoc_buf_put(out, "", 0);
	for (p = nfc; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		const char *next = g_utf8_next_char(p);
		if (c == '\r') {
			if (*next != '\n')
				vndoc_buf_putc(out, '\n');
			continue;
		}
		if (xml_char_ok(c))
			vndoc_buf_put(out, p, (size_t)(next - p));
	}
	g_free(nfc);
	return vndoc_buf_failed(out) ? VNDOC_ELIMIT : 0;
}
