/*
 * legacy.c: text typed in the 8-bit encodings of old government files,
 * TCVN3 (ABC, fonts ".VnTime") and VNI (fonts "VNI-Times"), repaired to
 * Unicode.  Such text reaches us as the Latin-1 characters of its bytes
 * (a run of "Céng hßa" in a .VnTime font); the tables in legacy_tables.h
 * map those characters back.  The correspondence is public (UniKey's
 * tables, duydev/vietnamese-conversion); the code and tables are ours.
 */
#include <glib.h>
#include <string.h>

#include "vn/vn.h"
#include "vn/legacy_tables.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

vndoc_legacy vndoc_vn_legacy_from_font(const char *font, bool *upper)
{
	size_t n = font ? strlen(font) : 0;
	if (upper)
		*upper = false;
	if (n > 3 && !strncmp(font, ".Vn", 3)) {
		/* ".VnTimeH", ".VnArialH": the upper-case fonts. */
		if (upper)
			*upper = font[n - 1] == 'H';
		return VNDOC_LEGACY_TCVN3;
	}
	if (n > 4 && !g_ascii_strncasecmp(font, "VNI-", 4))
		return VNDOC_LEGACY_VNI;
	return VNDOC_LEGACY_OFF;
}

static gunichar tcvn3(gunichar c)
{
	for (size_t i = 0; i < N(tcvn3_map); i++)
		if (tcvn3_map[i].from == c)
			return tcvn3_map[i].to;
	return c;
}

static gunichar vni_single_of(gunichar c)
{
	for (size_t i = 0; i < N(vni_single); i++)
		if (vni_single[i].from == c)
			return vni_single[i].to;
	return c;
}

static gunichar vni_pair(gunichar base, gunichar mod)
{
	for (size_t i = 0; i < N(vni_pairs); i++)
		if (vni_pairs[i].base == base && vni_pairs[i].mod == mod)
			return vni_pairs[i].to;
	return 0;
}

static void put(vndoc_buf *out, gunichar c, bool upper)
{
	char u[8];
	if (upper)
		c = g_unichar_toupper(c);
	vndoc_buf_put(out, u, (size_t)g_unichar_to_utf8(c, u));
}

static void convert(vndoc_buf *out, const gunichar *s, glong n, vndoc_legacy enc, bool upper)
{
	for (glong i = 0; i < n; i++) {
		if (enc == VNDOC_LEGACY_TCVN3) {
			put(out, tcvn3(s[i]), upper);
		} else {
			gunichar p = i + 1 < n ? vni_pair(s[i], s[i + 1]) : 0;
			if (p) {
				put(out, p, upper);
				i++;
			} else {
				put(out, vni_single_of(s[i]), upper);
			}
		}
	}
}

/* The marks Vietnamese letters carry: five tones, circumflex, breve, horn. */
static bool vn_mark(gunichar m)
{
	return m == 0x300 || m == 0x301 || m == 0x303 || m == 0x309 || m == 0x323 || m == 0x302 ||
	       m == 0x306 || m == 0x31B;
}

/* A letter of the Vietnamese alphabet, any case, any tone ("ä" is not). */
static bool vn_letter(gunichar c)
{
	gunichar d[4];
	gsize n;

	if (c < 0x80)
		return g_ascii_isalpha((gchar)c);
	if (c == 0x0110 || c == 0x0111)
		return true;
	n = g_unichar_fully_decompose(c, FALSE, d, 4);
	if (n < 2 || d[0] >= 0x80 || !g_ascii_isalpha((gchar)d[0]))
		return false;
	for (gsize i = 1; i < n; i++)
		if (!vn_mark(d[i]))
			return false;
	return true;
}

static const char *const initials[] = {
	"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
	"b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
};
static const char *const nuclei[] = {
	"a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây",
	"eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "oo", "ôi", "ơi", "ua", "uâ", "uê", "ui",
	"uô", "uơ", "uy", "ưa", "ưi", "ưu", "ươ", "yê", "iêu", "yêu", "oai", "oay", "oeo", "uây", "uôi",
	"ươi", "ươu", "uya", "uyê", "uyu",
};
static const char *const finals[] = { "", "c", "ch", "m", "n", "ng", "nh", "p", "t" };

static bool in_set(const char *s, size_t len, const char *const *set, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(set[i]) == len && !memcmp(set[i], s, len))
			return true;
	return false;
}

/* Whether `w` (lower case, tone marks removed, NFC) is initial + nucleus +
 * final.  Tries every initial and final, so "gi", "qu" work both ways. */
static bool syllable_shape(const char *w)
{
	size_t len = strlen(w);
	for (size_t i = 0; i < N(initials); i++) {
		size_t il = strlen(initials[i]);
		if (il > len || memcmp(w, initials[i], il))
			continue;
		for (size_t f = 0; f < N(finals); f++) {
			size_t fl = strlen(finals[f]);
			if (il + fl >= len || memcmp(w + len - fl, finals[f], fl))
				continue;
			if (in_set(w + il, len - il - fl, nuclei, N(nuclei)))
				return true;
		}
	}
	return false;
}

/* A Vietnamese syllable: letters of the alphabet, at most one tone mark,
 * and a shape the language has. */
static bool vn_syllable(const gunichar *w, size_t n)
{
	char buf[64];
	size_t len = 0;
	int tones = 0;

	for (size_t i = 0; i < n; i++) {
		gunichar d[4], base = 0;
		gsize k;
		char u[8];
		gint ul;

		if (!vn_letter(w[i]))
			return false;
		k = g_unichar_fully_decompose(g_unichar_tolower(w[i]), FALSE, d, 4);
		/* Rebuild the letter without its tone. */
		base = d[0];
		for (gsize j = 1; j < k; j++) {
			if (d[j] == 0x300 || d[j] == 0x301 || d[j] == 0x303 || d[j] == 0x309 || d[j] == 0x323)
				tones++;
			else
				g_unichar_compose(base, d[j], &base);
		}
		ul = g_unichar_to_utf8(base, u);
		if (len + (size_t)ul >= sizeof buf)
			return false;
		memcpy(buf + len, u, (size_t)ul);
		len += (size_t)ul;
	}
	buf[len] = '\0';
	return tones <= 1 && syllable_shape(buf);
}

/* Whether text reads as Vietnamese: every word holding a letter beyond
 * ASCII is a Vietnamese syllable, and there is at least one such word.
 * Words of ASCII letters only (abbreviations, English) do not count. */
static bool reads_vietnamese(const gunichar *s, glong n)
{
	glong start = 0;
	bool any = false;

	for (glong i = 0; i <= n; i++) {
		bool letter = i < n && (vn_letter(s[i]) || g_unichar_isalpha(s[i]));
		if (letter)
			continue;
		if (i > start) {
			bool ascii = true;
			for (glong j = start; j < i; j++)
				ascii &= s[j] < 0x80;
			if (!ascii) {
				if (!vn_syllable(s + start, (size_t)(i - start)))
					return false;
				any = true;
			}
		}
		start = i + 1;
	}
	return any;
}

/* Characters TCVN3 or VNI text has and Unicode Vietnamese never does. */
static bool legacy_only(gunichar c)
{
	if (c < 0xA0 || c > 0xFF)
		return false;
	return !vn_letter(c);
}

/* Converts with `enc` and says whether the result reads as Vietnamese. */
static bool try_encoding(const gunichar *u, glong n, vndoc_legacy enc)
{
	vndoc_buf t = VNDOC_BUF_INIT((size_t)n * 8 + 16);
	glong m = 0;
	gunichar *c;
	bool ok;

	convert(&t, u, n, enc, false);
	c = g_utf8_to_ucs4(t.ptr, (glong)t.len, NULL, &m, NULL);
	ok = c && reads_vietnamese(c, m);
	g_free(c);
	vndoc_buf_dispose(&t);
	return ok;
}

/* The encoding text in an unknown font was typed in: OFF unless it has
 * characters only legacy text has (or letters Vietnamese does not), no
 * letter only Unicode has, and reads as Vietnamese once converted. */
static vndoc_legacy detect(const gunichar *u, glong n)
{
	bool signal = false;

	for (glong i = 0; i < n; i++) {
		/* ă đ ơ ư and the Latin Extended Additional block: Unicode already. */
		if ((u[i] >= 0x100 && u[i] <= 0x1B0) || (u[i] >= 0x1EA0 && u[i] <= 0x1EF9))
			return VNDOC_LEGACY_OFF;
		signal |= legacy_only(u[i]) || (u[i] >= 0x80 && g_unichar_isalpha(u[i]) && !vn_letter(u[i]));
	}
	if (!signal || reads_vietnamese(u, n))
		return VNDOC_LEGACY_OFF;
	if (try_encoding(u, n, VNDOC_LEGACY_TCVN3))
		return VNDOC_LEGACY_TCVN3;
	if (try_encoding(u, n, VNDOC_LEGACY_VNI))
		return VNDOC_LEGACY_VNI;
	return VNDOC_LEGACY_OFF;
}

vndoc_legacy vndoc_vn_legacy_to_unicode(vndoc_buf *out, const char *s, size_t len,
					vndoc_legacy mode, bool upper)
{
	glong n = 0;
	gunichar *u = g_utf8_to_ucs4(s, (glong)len, NULL, &n, NULL);
	vndoc_legacy used = mode;

	if (!u || mode == VNDOC_LEGACY_OFF) {
		vndoc_buf_put(out, s, len);
		g_free(u);
		return VNDOC_LEGACY_OFF;
	}
	if (mode == VNDOC_LEGACY_AUTO && (used = detect(u, n)) == VNDOC_LEGACY_OFF) {
		vndoc_buf_put(out, s, len);
		g_free(u);
		return used;
	}
	convert(out, u, n, used, upper);
	g_free(u);
	return used;
}
