#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <stdio.h>

#include "core/buf.h"
#include "test.h"
#include "vn/vn.h"

static char *fold(const char *s)
{
	vndoc_buf b = VNDOC_BUF_INIT(1 << 20);
	vndoc_vn_fold(&b, s, strlen(s));
	return vndoc_buf_detach(&b, NULL);
}

static char *slug(const char *s)
{
	vndoc_buf b = VNDOC_BUF_INIT(1 << 20);
	vndoc_vn_slug(&b, s, strlen(s));
	return vndoc_buf_detach(&b, NULL);
}

static char *nfc(const char *s)
{
	vndoc_buf b = VNDOC_BUF_INIT(1 << 20);
	vndoc_vn_append_nfc(&b, s, strlen(s));
	return vndoc_buf_detach(&b, NULL);
}

#define CHECK(fn, in, want)                      \
	do {                                     \
		char *got_ = fn(in);             \
		ck_assert_str_eq(got_, want);    \
		free(got_);                      \
	} while (0)

START_TEST(vn_fold__headers)
{
	CHECK(fold, "Họ và  tên", "ho va ten");
	CHECK(fold, "  Người đứng đầu; phụ trách đơn vị ", "nguoi dung dau; phu trach don vi");
	CHECK(fold, "ĐIỂN HÌNH THUỘC LĨNH VỰC", "dien hinh thuoc linh vuc");
	/* NFD input folds the same */
	CHECK(fold, "Ghi chu\xCC\x81", "ghi chu");
}
END_TEST

START_TEST(vn_slug__unit_names)
{
	CHECK(slug, "Phòng Văn hóa và Thông tin huyện Tam Đường", "phong-van-hoa-va-thong-tin-huyen-tam-duong");
	CHECK(slug, "Trung tâm Văn hóa, Thể thao và Truyền thông huyện Mường Tè",
	      "trung-tam-van-hoa-the-thao-va-truyen-thong-huyen-muong-te");
	CHECK(slug, "../../etc/passwd", "etc-passwd");
	CHECK(slug, "/etc", "etc");
	CHECK(slug, "...", "x");
}
END_TEST

START_TEST(vn_nfc__all_134_letters)
{
	/* Every Vietnamese vowel with every tone, typed decomposed (NFD), comes
	 * out precomposed, and so does its upper case: with đ and Đ, the 134
	 * letters outside ASCII. */
	static const char *const bases[] = { "a", "a\xCC\x86", "a\xCC\x82", "e", "e\xCC\x82", "i", "o",
					     "o\xCC\x82", "o\xCC\x9B", "u", "u\xCC\x9B", "y" };
	static const char *const tones[] = { "", "\xCC\x80", "\xCC\x89", "\xCC\x83", "\xCC\x81", "\xCC\xA3" };
	size_t non_ascii = 2; /* đ Đ */
	for (size_t b = 0; b < 12; b++) {
		for (size_t t = 0; t < 6; t++) {
			char in[16], *lower, *upper_in, *upper;
			snprintf(in, sizeof in, "%s%s", bases[b], tones[t]);
			lower = nfc(in);
			ck_assert_msg(g_utf8_strlen(lower, -1) == 1, "NFD %zu/%zu not composed", b, t);
			upper_in = g_utf8_strup(in, -1); /* still decomposed */
			upper = nfc(upper_in);
			ck_assert_int_eq(g_utf8_strlen(upper, -1), 1);
			{
				char *direct = g_utf8_strup(lower, -1); /* ạ → Ạ, on the composed letter */
				ck_assert_str_eq(upper, direct);
				g_free(direct);
			}
			non_ascii += ((unsigned char)lower[0] >= 0x80) * 2;
			g_free(upper_in);
			free(lower);
			free(upper);
		}
	}
	ck_assert_uint_eq(non_ascii, 134);
}
END_TEST

static char *legacy(const char *s, vndoc_legacy mode, vndoc_legacy *used)
{
	vndoc_buf b = VNDOC_BUF_INIT(1 << 20);
	vndoc_legacy u = vndoc_vn_legacy_to_unicode(&b, s, strlen(s), mode, false);
	if (used)
		*used = u;
	return vndoc_buf_detach(&b, NULL);
}

#define LEGACY(in, mode, want, want_used)                      \
	do {                                                   \
		vndoc_legacy used_;                            \
		char *got_ = legacy(in, mode, &used_);         \
		ck_assert_str_eq(got_, want);                  \
		ck_assert_int_eq(used_, want_used);            \
		free(got_);                                    \
	} while (0)

START_TEST(vn_legacy__tcvn3)
{
	LEGACY("Céng hßa x· héi chñ nghÜa viÖt nam", VNDOC_LEGACY_AUTO,
	       "Cộng hòa xã hội chủ nghĩa việt nam", VNDOC_LEGACY_TCVN3);
	LEGACY("§éc lËp - Tù do - H¹nh phóc", VNDOC_LEGACY_AUTO, "Độc lập - Tự do - Hạnh phúc",
	       VNDOC_LEGACY_TCVN3);
	LEGACY("Së V¨n hãa, ThÓ thao vµ Du lÞch", VNDOC_LEGACY_TCVN3, "Sở Văn hóa, Thể thao và Du lịch",
	       VNDOC_LEGACY_TCVN3);
	/* ư is 0xAD, the soft hyphen of Latin-1. */
	LEGACY("Tr\u00ADêng", VNDOC_LEGACY_TCVN3, "Trường", VNDOC_LEGACY_TCVN3);
	/* Curly quotes of .VnTime text stay curly quotes. */
	LEGACY("\u201CHäc tËp\u201D", VNDOC_LEGACY_AUTO, "\u201CHọc tập\u201D", VNDOC_LEGACY_TCVN3);
}
END_TEST

START_TEST(vn_legacy__vni)
{
	LEGACY("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", VNDOC_LEGACY_AUTO,
	       "Cộng hòa xã hội chủ nghĩa Việt Nam", VNDOC_LEGACY_VNI);
	LEGACY("Ñoäc laäp - Töï do - Haïnh phuùc", VNDOC_LEGACY_AUTO, "Độc lập - Tự do - Hạnh phúc",
	       VNDOC_LEGACY_VNI);
}
END_TEST

START_TEST(vn_legacy__unicode_is_left_alone)
{
	LEGACY("Lai Châu", VNDOC_LEGACY_AUTO, "Lai Châu", VNDOC_LEGACY_OFF);
	LEGACY("Thái, Mông, Hà Nhì", VNDOC_LEGACY_AUTO, "Thái, Mông, Hà Nhì", VNDOC_LEGACY_OFF);
	LEGACY("Sở Văn hóa", VNDOC_LEGACY_AUTO, "Sở Văn hóa", VNDOC_LEGACY_OFF);
	LEGACY("Café « crème »", VNDOC_LEGACY_AUTO, "Café « crème »", VNDOC_LEGACY_OFF);
	LEGACY("Céng hßa", VNDOC_LEGACY_OFF, "Céng hßa", VNDOC_LEGACY_OFF);
}
END_TEST

START_TEST(vn_legacy__font_names)
{
	bool upper;
	ck_assert_int_eq(vndoc_vn_legacy_from_font(".VnTime", &upper), VNDOC_LEGACY_TCVN3);
	ck_assert(!upper);
	ck_assert_int_eq(vndoc_vn_legacy_from_font(".VnTimeH", &upper), VNDOC_LEGACY_TCVN3);
	ck_assert(upper);
	ck_assert_int_eq(vndoc_vn_legacy_from_font("VNI-Times", &upper), VNDOC_LEGACY_VNI);
	ck_assert_int_eq(vndoc_vn_legacy_from_font("Times New Roman", &upper), VNDOC_LEGACY_OFF);
	/* .VnTimeH text is upper case. */
	{
		vndoc_buf b = VNDOC_BUF_INIT(1 << 10);
		vndoc_vn_legacy_to_unicode(&b, "céng hßa", strlen("céng hßa"), VNDOC_LEGACY_TCVN3, true);
		ck_assert_str_eq(b.ptr, "CỘNG HÒA");
		vndoc_buf_dispose(&b);
	}
}
END_TEST

START_TEST(vn_collate__alphabetical_order)
{
	/* The Vietnamese alphabet: a ă â b c d đ e ê …; tones: ngang, huyền,
	 * hỏi, ngã, sắc, nặng.  Bytewise order gets most of these wrong. */
	const char *words[] = { "đường", "dân", "ân", "ăn", "an", "ơn", "ôn", "on", "ma", "mạ", "má", "mã", "mả", "mà",
				"Ưu", "uy" };
	const char *want[] = { "an", "ăn", "ân", "dân", "đường", "ma", "mà", "mả", "mã", "má", "mạ", "on", "ôn", "ơn",
			       "uy", "Ưu" };
	vndoc_vn_sort(words, 16, false);
	for (size_t i = 0; i < 16; i++)
		ck_assert_str_eq(words[i], want[i]);
	ck_assert_int_gt(vndoc_vn_compare("Đào", 5, "Dương", 7), 0); /* d < đ */
}
END_TEST

START_TEST(vn_collate__names_by_given_name)
{
	const char *names[] = { "Hoàng Văn Bình", "Nguyễn Văn An", "Lò Thị Bình", "Giàng A Páo", "Tẩn Thị Mẩy",
				"Lò Văn Bình" };
	const char *want[] = { "Nguyễn Văn An", "Lò Thị Bình", "Hoàng Văn Bình", "Lò Văn Bình", "Tẩn Thị Mẩy",
			       "Giàng A Páo" };
	vndoc_vn_sort(names, 6, true);
	for (size_t i = 0; i < 6; i++)
		ck_assert_str_eq(names[i], want[i]);
}
END_TEST

/* vndoc_vn_nfc's shortcut (text NFC leaves as it is, returned as it is)
 * gives GLib's answer: every character it takes as stable is its own NFC,
 * alone and after letters; texts with marks, decomposed letters, invalid
 * UTF-8 and a NUL go the long way, to the same answer. */
START_TEST(vn_nfc__shortcut_is_glibs_answer)
{
	static const gunichar ranges[][2] = { { 0x1, 0x2FF },       { 0x1E00, 0x1EFF }, { 0x2010, 0x2027 },
					      { 0x2030, 0x205E },   { 0x4E00, 0x9FFF }, { 0xAC00, 0xD7A3 } };
	static const char *texts[] = {
		"Ủy ban nhân dân tỉnh Lai Châu – “Kế hoạch” số 12/KH-UBND…",
		"Nguye\xcc\x82\xcc\x83n", /* NFD: composed */
		"A\xcc\x81 \xe1\xbb\x87\xcc\x81", /* a mark after a stable letter */
		"\xe2\x80\x80 en quad", /* U+2000: NFC makes it U+2002 */
		"\xef\xa4\x80", /* U+F900, a compatibility ideograph */
		"bad \xc3", /* invalid UTF-8 */
		"",
	};
	for (size_t r = 0; r < sizeof ranges / sizeof *ranges; r++) {
		for (gunichar c = ranges[r][0]; c <= ranges[r][1]; c++) {
			char in[16] = "a";
			int n = g_unichar_to_utf8(c, in + 1);
			char *want = g_utf8_normalize(in, n + 1, G_NORMALIZE_NFC), *got = vndoc_vn_nfc(in, n + 1);
			ck_assert_ptr_nonnull(got);
			ck_assert_str_eq(got, want);
			ck_assert_str_eq(got, in);
			g_free(want);
			g_free(got);
		}
	}
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		char *want = g_utf8_normalize(texts[i], -1, G_NORMALIZE_NFC), *got = vndoc_vn_nfc(texts[i], -1);
		if (!want)
			ck_assert_ptr_null(got);
		else
			ck_assert_str_eq(got, want);
		g_free(want);
		g_free(got);
	}
	{
		/* A NUL inside the length: GLib's answer, whatever it is. */
		char *want = g_utf8_normalize("ab\0c", 4, G_NORMALIZE_NFC), *got = vndoc_vn_nfc("ab\0c", 4);
		ck_assert((want == NULL) == (got == NULL));
		if (want)
			ck_assert_str_eq(got, want);
		g_free(want);
		g_free(got);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("vn");
	TCase *tc = tcase_create("text");
	tcase_add_test(tc, vn_fold__headers);
	tcase_add_test(tc, vn_slug__unit_names);
	tcase_add_test(tc, vn_nfc__all_134_letters);
	tcase_add_test(tc, vn_nfc__shortcut_is_glibs_answer);
	tcase_add_test(tc, vn_legacy__tcvn3);
	tcase_add_test(tc, vn_legacy__vni);
	tcase_add_test(tc, vn_legacy__unicode_is_left_alone);
	tcase_add_test(tc, vn_legacy__font_names);
	tcase_add_test(tc, vn_collate__alphabetical_order);
	tcase_add_test(tc, vn_collate__names_by_given_name);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
