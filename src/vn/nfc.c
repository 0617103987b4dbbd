/*
 * vn/nfc.c: NFC in time linear in the text's length.
 *
 * GLib composes a decomposed text by moving the rest of its buffer back
 * one character at each composition (gunidecomp.c), so g_utf8_normalize
 * takes time growing with the square of the length of a text that is not
 * plain ASCII: 80,000 words "Nguyễn" in one paragraph took seconds per
 * layout pass (issue 18).  A long text is normalized a piece at a time,
 * cut before characters that nothing before them can change.
 */
#include <string.h>

#include "vn/vn.h"

#include <glib.h>

/* Pieces are about this long: as quick as one call, far from quadratic. */
#define NFC_PIECE 1024

/* Can NFC be applied to the text before `c` and from `c` on apart?  `c`
 * is a starter (combining class 0) that no canonical composition takes
 * as its second character: Latin below U+0300, Latin Extended Additional
 * (the precomposed Vietnamese letters), CJK ideographs, Hangul
 * syllables.  Marks after it go with it, not with what is before. */
static bool cut_before(gunichar c)
{
	return c < 0x300 || (c >= 0x1E00 && c <= 0x1EFF) || (c >= 0x4E00 && c <= 0x9FFF) ||
	       (c >= 0xAC00 && c <= 0xD7A3);
}

/* Is `c` its own NFC, whatever is around it?  It is one of the cut_before
 * starters (nothing before it composes with it, and it with nothing after
 * it but marks, which are not here) and NFC leaves it as it is (checked
 * for every one of them against GLib by test_vn): also General
 * Punctuation's dashes, quotes and ellipsis. */
static bool stable(gunichar c)
{
	return (c > 0 && cut_before(c)) || (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E);
}

/* Whether the valid UTF-8 text s[0, len) is in NFC already for certain:
 * every character stable (Vietnamese text nearly always is). */
static bool already_nfc(const char *s, long len)
{
	const char *end = s + len;
	for (const char *p = s; p < end; p = g_utf8_next_char(p))
		if ((unsigned char)*p >= 0x80 ? !stable(g_utf8_get_char(p)) : *p == 0)
			return false;
	return true;
}

char *vndoc_vn_nfc(const char *s, long len)
{
	const char *p, *piece, *end;
	GString *out;

	if (len < 0)
		len = (long)strlen(s);
	/* g_utf8_normalize's answer for such a text, without its cost (2.7%
	 * of vndoc's time on bench/render's documents: issue 20). */
	if (g_utf8_validate(s, (gssize)len, NULL) && already_nfc(s, len))
		return g_strndup(s, (gsize)len);
	if (len <= NFC_PIECE || !g_utf8_validate(s, (gssize)len, NULL))
		return g_utf8_normalize(s, (gssize)len, G_NORMALIZE_NFC);
	out = g_string_sized_new((gsize)len);
	end = s + len;
	for (p = piece = s; p < end; p = g_utf8_next_char(p)) {
		if (p - piece >= NFC_PIECE && cut_before(g_utf8_get_char(p))) {
			char *nfc = g_utf8_normalize(piece, p - piece, G_NORMALIZE_NFC);
			g_string_append(out, nfc ? nfc : "");
			g_free(nfc);
			piece = p;
		}
	}
	{
		char *nfc = g_utf8_normalize(piece, end - piece, G_NORMALIZE_NFC);
		g_string_append(out, nfc ? nfc : "");
		g_free(nfc);
	}
	return g_string_free(out, FALSE);
}
