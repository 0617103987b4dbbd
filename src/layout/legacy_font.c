/*
 * layout/legacy_font.c: text typed in a legacy Vietnamese font, drawn as
 * the Vietnamese it means.
 *
 * Before Unicode, Vietnamese documents were typed in 8-bit fonts whose
 * letters sit where Latin-1 has others: ".VnTime" (TCVN3, ABC) shows "Céng
 * hßa" for "Cộng hòa", "VNI-Times" (VNI) "Coäng hoøa".  A machine without
 * those fonts (and LibreOffice, drawing the bytes in a substitute font)
 * shows the mojibake.  The font's name says exactly which encoding it is
 * (vn/legacy.c), so the text is converted by it and drawn in the Unicode
 * font of the same design: Times New Roman for the Times faces, Arial for
 * the sans ones, Courier New for the typewriter ones.
 */
#include <string.h>

#include "core/buf.h"
#include "layout/layout_internal.h"
#include "vn/vn.h"

/* Words in a legacy font's name that make it a sans or a typewriter face
 * (".VnArial", ".VnHelvetInsH", "VNI-Helve", "VNI-Univer", "VNI-Couri"). */
static const char *const sans_words[] = { "arial", "helve", "univer", "avant", "swiss", "futura", "vnbook", NULL };
static const char *const mono_words[] = { "couri", "typewriter", NULL };

static bool has_word(const char *font, const char *const *words)
{
	char *low = g_ascii_strdown(font, -1);
	bool found = false;
	for (size_t i = 0; words[i] && !found; i++)
		found = strstr(low, words[i]) != NULL;
	g_free(low);
	return found;
}

const char *vndoc_layout__family(const vndoc_docx_rpr *r)
{
	if (!r->font[0])
		return "Times New Roman";
	if (vndoc_vn_legacy_from_font(r->font, NULL) == VNDOC_LEGACY_OFF)
		return r->font;
	if (has_word(r->font, mono_words))
		return "Courier New";
	return has_word(r->font, sans_words) ? "Arial" : "Times New Roman";
}

/* Whether `text` holds a letter only Unicode Vietnamese has (ă đ ơ ư, the
 * Latin Extended Additional block): typed in Unicode, whatever its font
 * says (legacy text holds only the Latin-1 characters of its bytes). */
static bool unicode_vietnamese(const char *text)
{
	for (const char *p = text; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if ((c >= 0x100 && c <= 0x1b0) || (c >= 0x1ea0 && c <= 0x1ef9))
			return true;
	}
	return false;
}

char *vndoc_layout__legacy_text(vndoc_layout *l, const vndoc_docx_rpr *r, const char *text)
{
	bool upper = false;
	vndoc_legacy enc = vndoc_vn_legacy_from_font(r->font, &upper);
	size_t len = strlen(text);
	/* A character (1 to 4 bytes) becomes one of at most 4. */
	vndoc_buf out = VNDOC_BUF_INIT(4 * len + 16);
	char *s;

	if (enc == VNDOC_LEGACY_OFF || unicode_vietnamese(text))
		return NULL;
	vndoc_vn_legacy_to_unicode(&out, text, len, enc, upper);
	s = g_strndup(out.ptr, out.len);
	vndoc_buf_dispose(&out);
	if (!l->repairs.legacy_warned) {
		l->repairs.legacy_warned = true;
		vndoc_layout__warn(l, "text in the legacy Vietnamese font \"%s\" (%s) converted to Unicode and "
				      "drawn in %s", r->font, enc == VNDOC_LEGACY_TCVN3 ? "TCVN3" : "VNI",
				   vndoc_layout__family(r));
	}
	return s;
}
