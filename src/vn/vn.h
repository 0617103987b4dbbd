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

/** True if `s` is already NFC and XML-clean ASCII-fast path. */
bool vndoc_vn_is_simple(const char *s, size_t len);

#endif
