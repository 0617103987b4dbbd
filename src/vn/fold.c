/*
 * fold.c: Vietnamese text without its marks, for matching headers and
 * making file names.  Decomposition is GLib's (NFD); đ/Đ, which Unicode
 * does not decompose, fold to d.
 */
#include <glib.h>
#include <string.h>

#include "vn/vn.h"

int vndoc_vn_fold(vndoc_buf *out, const char *s, size_t len)
{
	gchar *valid = g_utf8_make_valid(s, (gssize)len);
	gchar *nfd = g_utf8_normalize(valid, -1, G_NORMALIZE_NFD);
	bool space = true;

	g_free(valid);
	for (const char *p = nfd ? nfd : ""; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (g_unichar_type(c) == G_UNICODE_NON_SPACING_MARK)
			continue;
		if (c == 0x0111 || c == 0x0110) /* đ Đ */
			c = 'd';
		c = g_unichar_tolower(c);
		if (g_unichar_isspace(c)) {
			if (!space)
				vndoc_buf_putc(out, ' ');
			space = true;
			continue;
		}
		char utf8[8];
		int n = g_unichar_to_utf8(c, utf8);
		vndoc_buf_put(out, utf8, (size_t)n);
		space = false;
	}
	if (out->len && out->ptr[out->len - 1] == ' ')
		vndoc_buf_truncate(out, out->len - 1);
	g_free(nfd);
	return vndoc_buf_failed(out) ? VNDOC_ELIMIT : 0;
}

int vndoc_vn_slug(vndoc_buf *out, const char *s, size_t len)
{
	vndoc_buf folded = VNDOC_BUF_INIT(len * 2 + 16);
	bool dash = true;
	size_t start = out->len;

	vndoc_vn_fold(&folded, s, len);
	for (size_t i = 0; i < folded.len; i++) {
		char c = folded.ptr[i];
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			vndoc_buf_putc(out, c);
			dash = false;
		} else if (!dash) {
			vndoc_buf_putc(out, '-');
			dash = true;
		}
	}
	if (out->len > start && out->ptr[out->len - 1] == '-')
		vndoc_buf_truncate(out, out->len - 1);
	if (out->len == start)
		vndoc_buf_puts(out, "x"); /* never an empty (or hidden) file name */
	vndoc_buf_dispose(&folded);
	return vndoc_buf_failed(out) ? VNDOC_ELIMIT : 0;
}
