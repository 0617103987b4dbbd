/*
 * fuzz_emf.c: EMF and WMF pictures (docx/metafile.c, render/metafile.c).
 * The input is the picture's file: a WMF turned into an EMF, the EMF
 * checked as the document does when it is read, then, when readable,
 * played onto a recording surface which is drawn onto a small image (the
 * records replayed into pixels).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "docx/docx.h"
#include "docx/metafile.h"
#include "render/metafile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vndoc_docx_image img;
	cairo_surface_t *s, *out;
	cairo_t *cr;
	char why[256], *emf = NULL;
	size_t emf_len;

	if (vndoc_docx_wmf_is(data, size)) {
		if (vndoc_docx_wmf_to_emf(data, size, &emf, &emf_len, why, sizeof why) < 0)
			return 0;
		data = (const uint8_t *)emf;
		size = emf_len;
	}
	if (vndoc_docx_emf_check(data, size, why, sizeof why) < 0) {
		free(emf);
		return 0;
	}
	memset(&img, 0, sizeof img);
	strcpy(img.part, "word/media/fuzz.emf");
	img.type = VNDOC_DOCX_IMAGE_EMF;
	img.data = (unsigned char *)(uintptr_t)data;
	img.len = size;
	if (!(s = vndoc_render__metafile_surface(&img))) {
		free(emf);
		return 0;
	}
	out = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 64, 64);
	cr = cairo_create(out);
	cairo_set_source_surface(cr, s, 0, 0);
	cairo_paint(cr);
	cairo_destroy(cr);
	cairo_surface_destroy(out);
	cairo_surface_destroy(s);
	free(emf);
	return 0;
}
