/*
 * docx/scripts.c: which of a run's fonts draws a character.  A run names
 * up to four fonts in w:rFonts: ascii and hAnsi for Latin text, eastAsia
 * for Chinese, Japanese and Korean, cs for the complex scripts (Arabic,
 * Hebrew, Thai, the Indic scripts...), and Word and LibreOffice draw each
 * character in the one of its script (LibreOffice: its Asian and CTL
 * fonts, chosen by i18n's script type).  Spaces, digits and punctuation
 * are weak: they go with the characters before them (after them at the
 * start), as in LibreOffice; w:hint="eastAsia" gives the punctuation both
 * share (quotes, dashes, the ellipsis, Latin-1's signs) to the East Asian
 * font, as Word does.  POI's stress019 (Japanese: Century for Latin text,
 * ＭＳ 明朝 for the rest) drew its Japanese in Century's fallback.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "docx/docx_internal.h"

static bool in(unsigned cp, unsigned lo, unsigned hi)
{
	return cp >= lo && cp <= hi;
}

int vndoc_docx__script_of(unsigned cp, bool hint_ea)
{
	/* ASCII and Latin-1's letters first (most of every text; none of the
	 * ranges below holds one of them). */
	if (cp < 0x80)
		return in(cp | 0x20, 'a', 'z') ? VNDOC_DOCX__SCRIPT_LATIN : VNDOC_DOCX__SCRIPT_WEAK;
	if (in(cp, 0x00c0, 0x024f) && cp != 0x00d7 && cp != 0x00f7)
		return VNDOC_DOCX__SCRIPT_LATIN;
	if (in(cp, 0x1100, 0x11ff) || in(cp, 0x2e80, 0x2fff) || in(cp, 0x3000, 0x33ff) ||
	    in(cp, 0x3400, 0x4dbf) || in(cp, 0x4e00, 0x9fff) || in(cp, 0xa000, 0xa4cf) ||
	    in(cp, 0xac00, 0xd7af) || in(cp, 0xf900, 0xfaff) || in(cp, 0xfe30, 0xfe4f) ||
	    in(cp, 0xff00, 0xffef) || in(cp, 0x20000, 0x2ffff))
		return VNDOC_DOCX__SCRIPT_EA;
	if (in(cp, 0x0590, 0x08ff) || in(cp, 0x0900, 0x0dff) || in(cp, 0x0e00, 0x0fff) ||
	    in(cp, 0x1000, 0x109f) || in(cp, 0x1780, 0x17ff) || in(cp, 0xfb1d, 0xfdff) || in(cp, 0xfe70, 0xfeff))
		return VNDOC_DOCX__SCRIPT_CS;
	if (in(cp, 0x00a1, 0x00bf) || cp == 0x00d7 || cp == 0x00f7 || in(cp, 0x2010, 0x2027) ||
	    in(cp, 0x2030, 0x205e) || in(cp, 0x2190, 0x27bf))
		return hint_ea ? VNDOC_DOCX__SCRIPT_EA : VNDOC_DOCX__SCRIPT_WEAK;
	if (cp < 0x80 && !in(cp | 0x20, 'a', 'z'))
		return VNDOC_DOCX__SCRIPT_WEAK;
	if (cp == 0x00a0 || in(cp, 0x2000, 0x200f) || in(cp, 0x2028, 0x202f) || in(cp, 0x205f, 0x206f))
		return VNDOC_DOCX__SCRIPT_WEAK;
	return VNDOC_DOCX__SCRIPT_LATIN;
}

int vndoc_docx__ea_script(const char *lang)
{
	if (!lang)
		return -1;
	if (!strncmp(lang, "ja", 2))
		return 0;
	if (!strcmp(lang, "zh-CN") || !strcmp(lang, "zh-SG"))
		return 1;
	if (!strncmp(lang, "zh", 2))
		return 2;
	if (!strncmp(lang, "ko", 2))
		return 3;
	return -1;
}

size_t vndoc_docx__utf8_next(const char *s, size_t len, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = u[0] < 0x80 ? 1 : u[0] >= 0xf0 ? 4 : u[0] >= 0xe0 ? 3 : u[0] >= 0xc0 ? 2 : 1;
	unsigned v = n == 1 ? u[0] : u[0] & (0x7f >> n);
	if (n > len)
		n = 1, v = 0xfffd;
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return i;
		}
		v = (v << 6) | (u[i] & 0x3f);
	}
	*cp = v;
	return n;
}
