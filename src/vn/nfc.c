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

char *vndoc_vn_nfc(const char *s, long len)
{
	const char *p, *piece, *end;
	GString *out;

	if (len < 0)
		len = (long)strlen(s);
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
