/*
 * vn/clean.c: the repair every data value goes through.
 */
#include <glib.h>
#include <string.h>

#include "vn/vn.h"

/* Characters dropped by vndoc_vn_append_nfc: C0 controls but tab, LF, CR. */
static size_t count_removed(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		n += c < 0x20 && c != '\t' && c != '\n' && c != '\r';
		/* U+FFFE and U+FFFF: EF BF BE, EF BF BF. */
		if (c == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBF &&
		    ((unsigned char)s[i + 2] == 0xBE || (unsigned char)s[i + 2] == 0xBF))
			n++;
	}
	return n;
}

/* Letters only Unicode Vietnamese has (ă đ ĩ ơ ư … in U+0100–U+01B0, and
 * the precomposed letters with tones in U+1EA0–U+1EF9), found by their
 * UTF-8 lead bytes: text holding one is not legacy text (legacy.c's
 * detection would say so too, after more work). */
static bool has_unicode_vietnamese(const char *s, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++) {
		unsigned char a = (unsigned char)s[i], b = (unsigned char)s[i + 1];
		if ((a == 0xC4 || a == 0xC5 || (a == 0xC6 && b <= 0xB0)) && (b & 0xC0) == 0x80)
			return true;
		if (a == 0xE1 && (b == 0xBA || b == 0xBB))
			return true;
	}
	return false;
}

int vndoc_vn_repair(vndoc_buf *out, const char *s, size_t len, vndoc_legacy legacy, size_t *removed)
{
	if (removed)
		*removed += count_removed(s, len);
	if (legacy != VNDOC_LEGACY_OFF && !vndoc_vn_is_simple(s, len) &&
	    !(legacy == VNDOC_LEGACY_AUTO && has_unicode_vietnamese(s, len))) {
		vndoc_buf a = VNDOC_BUF_INIT(len * 4 + 64);
		int rc;
		vndoc_vn_legacy_to_unicode(&a, s, len, legacy, false);
		rc = vndoc_vn_append_nfc(out, a.ptr, a.len);
		vndoc_buf_dispose(&a);
		return rc;
	}
	return vndoc_vn_append_nfc(out, s, len);
}

int vndoc_vn_clean(vndoc_buf *out, const char *s, size_t len, vndoc_legacy legacy, size_t *removed)
{
	vndoc_buf b = VNDOC_BUF_INIT(len * 4 + 64);
	size_t start = out->len, pending_space = 0;
	bool line_start = true;

	vndoc_vn_repair(&b, s, len, legacy, removed);
	for (size_t i = 0; i < b.len; i++) {
		char c = b.ptr[i];
		if (c == ' ' || c == '\t') {
			pending_space = !line_start;
			continue;
		}
		if (c == '\n') {
			/* Trailing spaces of a line go; so do blank lines at the start. */
			pending_space = 0;
			if (out->len > start)
				vndoc_buf_putc(out, '\n');
			line_start = true;
			continue;
		}
		if (pending_space)
			vndoc_buf_putc(out, ' ');
		pending_space = 0;
		line_start = false;
		vndoc_buf_putc(out, c);
	}
	/* Trailing newlines go too. */
	while (out->len > start && out->ptr[out->len - 1] == '\n')
		vndoc_buf_truncate(out, out->len - 1);
	vndoc_buf_dispose(&b);
	return vndoc_buf_failed(out) ? VNDOC_ELIMIT : 0;
}
