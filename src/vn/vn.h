/*
 * vn/vn.h: Vietnamese text helpers.  Normalization uses GLib.
 */
#ifndef VNDOC_VN_H
#define VNDOC_VN_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"

/**
 * Appends `len` bytes of `s` to `out` in NFC, dropping characters XML 1.0
 * cannot hold (C0 controls other than tab, newline and carriage return,
 * U+FFFE, U+FFFF, lone surrogates).  Invalid UTF-8 bytes are replaced by
 * U+FFFD.  Returns 0 or VNDOC_ELIMIT (buffer limit).
 */
int vndoc_vn_append_nfc(vndoc_buf *out, const char *s, size_t len);

/** True if `s` is plain ASCII with no control character but tab and
 * newline: already NFC and XML-clean (the fast path). */
bool vndoc_vn_is_simple(const char *s, size_t len);

/**
 * `len` bytes of UTF-8 `s` (all of it when len < 0) in NFC, as
 * g_utf8_normalize(s, len, G_NORMALIZE_NFC) gives it (NULL when `s` is not
 * UTF-8), in time linear in `len` (GLib's grows with its square).  Free
 * with g_free.
 */
char *vndoc_vn_nfc(const char *s, long len);

/**
 * Appends `s` folded for matching: tone and vowel marks removed (through
 * NFD), đ → d, lower case, white space collapsed to single spaces and
 * trimmed.  "Họ và  tên" → "ho va ten".
 */
int vndoc_vn_fold(vndoc_buf *out, const char *s, size_t len);

/**
 * Appends a file-name slug: folded, every run of characters other than
 * a-z and 0-9 becomes one '-', no leading or trailing '-'; "x" if nothing
 * is left.  "Phòng Văn hóa và Thông tin huyện Tam Đường" →
 * "phong-van-hoa-va-thong-tin-huyen-tam-duong".  A slug cannot name a
 * path outside its folder ("../..", "/etc" → "etc").
 */
int vndoc_vn_slug(vndoc_buf *out, const char *s, size_t len);

/**
 * Vietnamese alphabetical order (ICU collation for "vi"): đ after d, ă and
 * â after a, tones in dictionary order.  <0, 0, >0 like strcmp.
 */
int vndoc_vn_compare(const char *a, size_t a_len, const char *b, size_t b_len);

/**
 * Personal names as Vietnamese lists order them: by given name (the last
 * word), then the middle names, then the family name (the first word):
 * "Nguyễn Văn An" < "Lò Thị Bình" < "Hoàng Văn Bình".
 */
int vndoc_vn_compare_names(const char *a, const char *b);

/** Sorts `items` (NUL-terminated strings) in place by collation
 * or, with `as_names`, as personal names. */
void vndoc_vn_sort(const char **items, size_t n, bool as_names);

/** Legacy 8-bit Vietnamese encodings (vn-admin-format.md, "Vietnamese text"). */
typedef enum {
	VNDOC_LEGACY_OFF,   /* leave text as it is */
	VNDOC_LEGACY_AUTO,  /* detect, convert only when the result reads as Vietnamese */
	VNDOC_LEGACY_TCVN3, /* TCVN3 / ABC (.VnTime fonts) */
	VNDOC_LEGACY_VNI    /* VNI-Windows (VNI-Times fonts) */
} vndoc_legacy;

/**
 * The encoding a run's font implies: ".Vn…" is TCVN3 (`*upper` set for
 * the upper-case fonts ending in H, ".VnTimeH"), "VNI-…" is VNI; anything
 * else VNDOC_LEGACY_OFF.
 */
vndoc_legacy vndoc_vn_legacy_from_font(const char *font, bool *upper);

/**
 * Appends `s` converted from a legacy encoding to Unicode (NFC).  `s` holds
 * the legacy bytes as the Latin-1 characters they show as.  With AUTO the
 * text is converted only when it has characters Unicode Vietnamese never
 * uses, no letter only Unicode has, and converts to words that read as
 * Vietnamese syllables; otherwise it is copied as it is.  `upper` upper-cases
 * the result (the H fonts).  Returns the encoding applied (OFF: copied).
 */
vndoc_legacy vndoc_vn_legacy_to_unicode(vndoc_buf *out, const char *s, size_t len,
					vndoc_legacy mode, bool upper);

/**
 * Appends `s` repaired but for white space: legacy text converted (`legacy`
 * as for vndoc_vn_legacy_to_unicode, skipped for text holding a letter only
 * Unicode has), NFC, characters XML cannot hold dropped (their number added
 * to `*removed` when not NULL), CRLF made LF.  What JSON values get.
 */
int vndoc_vn_repair(vndoc_buf *out, const char *s, size_t len, vndoc_legacy legacy, size_t *removed);

/**
 * Appends `s` repaired as every sheet value is: legacy text converted
 * (`legacy` as for vndoc_vn_legacy_to_unicode), NFC, characters XML cannot
 * hold dropped (their number added to `*removed` when not NULL), CRLF made
 * LF, runs of spaces and tabs collapsed to one space, spaces at the ends
 * of lines and of the value trimmed.  Returns 0 or VNDOC_ELIMIT.
 */
int vndoc_vn_clean(vndoc_buf *out, const char *s, size_t len, vndoc_legacy legacy, size_t *removed);

#endif
