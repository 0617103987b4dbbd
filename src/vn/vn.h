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

#endif
