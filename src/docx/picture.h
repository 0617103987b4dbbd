/*
 * docx/picture.h: what the renderer needs to know of a picture's bytes
 * beyond docx.h: the components of a JPEG, and the pixels of a GIF, which
 * neither Cairo nor the PDF takes as it is.  The loader (picture.c) checks each
 * GIF with the same decoder, so the renderer's decoding fails only when
 * memory does.
 */
#ifndef VNDOC_DOCX_PICTURE_H
#define VNDOC_DOCX_PICTURE_H

#include <stddef.h>
#include <stdint.h>

/**
 * Decodes the first picture of a GIF whose logical screen is w x h pixels
 * into `pixels` (rows of `stride` bytes; each pixel a native-endian
 * premultiplied 0xAARRGGBB word, as Cairo's ARGB32: the transparent colour
 * and what the picture does not cover are 0), or only checks it when
 * `pixels` is NULL.  0, or -1 with the reason in `why`.
 */
int vndoc_docx_picture_gif(const unsigned char *data, size_t len, int w, int h, unsigned char *pixels,
			   size_t stride, char *why, size_t size);

/** The colour components of a JPEG (1 grey, 3 YCbCr or RGB, 4 CMYK or
 * YCCK), from its frame header; 0 when it has none. */
int vndoc_docx_picture_jpeg_components(const unsigned char *data, size_t len);

#endif
