/*
 * docx/symbols.h: symbol-encoded fonts (Symbol, Wingdings, ...).  Word
 * writes their characters as private-use U+F020-U+F0FF (the font's own
 * codes 0x20-0xFF plus 0xF000); they are read as the Unicode characters
 * LibreOffice draws for them (unotools' fontcvt tables), which OpenSymbol
 * and the fallback fonts have.
 */
#ifndef VNDOC_DOCX_SYMBOLS_H
#define VNDOC_DOCX_SYMBOLS_H

#include <stddef.h>

/* The fonts with a table; 0 (VNDOC_DOCX__SYMBOL_NONE) for any other. */
enum {
	VNDOC_DOCX__SYMBOL_NONE = 0,
	VNDOC_DOCX__SYMBOL_SYMBOL,
	VNDOC_DOCX__SYMBOL_WINGDINGS,
	VNDOC_DOCX__SYMBOL_WINGDINGS2,
	VNDOC_DOCX__SYMBOL_WINGDINGS3,
	VNDOC_DOCX__SYMBOL_WEBDINGS
};

/** The table for font `font` ("Symbol", "Wingdings 2"; case ignored). */
int vndoc_docx__symbol_font(const char *font);

/**
 * The Unicode character for `cp` (U+F020-U+F0FF, or its low byte) in a
 * font with table `kind`; a code the table leaves empty is a bullet
 * (U+2022), as LibreOffice draws it.  0 when `cp` is not such a code.
 */
unsigned vndoc_docx__symbol_char(int kind, unsigned cp);

/**
 * `text` (UTF-8, `len` bytes) with its private-use characters U+F020-
 * U+F0FF mapped: by the table of `kind`, or for a font without one
 * (VNDOC_DOCX__SYMBOL_NONE: a barcode font, say) to U+0020-U+00FF, the
 * codes they stand for.  malloc'd (length in *out_len), or NULL when
 * there are none.
 */
char *vndoc_docx__map_symbols(int kind, const char *text, size_t len, size_t *out_len);

/** Writes `cp` (below U+10000) as UTF-8 at `out` (3 bytes of room); its length. */
size_t vndoc_docx__put_utf8(char *out, unsigned cp);

#endif
