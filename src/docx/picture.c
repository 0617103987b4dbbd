/*
 * docx/picture.c: the pictures of the package (word/media/...), read once
 * however often the document shows them.
 *
 * PNG and JPEG are kept as they are (Cairo decodes PNG, a PDF embeds the
 * JPEG, libjpeg decodes it for PNG pages); GIF is checked here with giflib
 * and decoded by the renderer with the same code; EMF is checked here
 * (docx/metafile.c: one warning naming the records vndoc does not draw)
 * and played onto Cairo by the renderer; a WMF is turned into the EMF
 * that draws the same (docx/metafile.c).  Every other picture -- PDF, TIFF, BMP, a missing, damaged or too large one -- still
 * takes its room on the page: it becomes a FRAME picture, which the
 * renderer draws as a thin grey frame, with one warning naming it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gif_lib.h>

#include "core/alloc.h"
#include "core/limits.h"
#include "docx/docx_internal.h"
#include "docx/metafile.h"
#include "docx/picture.h"

static unsigned be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

/* The offset of a JPEG's first start-of-frame marker whose header is
 * whole (its sample size, height, width, components), or 0. */
static size_t jpeg_sof(const unsigned char *d, size_t len)
{
	size_t i = 2;
	while (i + 4 <= len) {
		unsigned m;
		if (d[i] != 0xff) {
			i++;
			continue;
		}
		m = d[i + 1];
		if (m == 0xff) {
			i++; /* fill byte */
			continue;
		}
		if (m == 0x01 || (m >= 0xd0 && m <= 0xd9)) {
			i += 2; /* markers without a length */
			continue;
		}
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc)
			return i + 10 <= len ? i : 0;
		i += 2 + be16(d + i + 2);
	}
	return 0;
}

/* The pixel size of a JPEG, from its frame header. */
static bool jpeg_size(const unsigned char *d, size_t len, int *w, int *h)
{
	size_t i = jpeg_sof(d, len);
	if (!i)
		return false;
	*h = (int)be16(d + i + 5);
	*w = (int)be16(d + i + 7);
	return *w > 0 && *h > 0;
}

int vndoc_docx_picture_jpeg_components(const unsigned char *data, size_t len)
{
	size_t i = len >= 4 ? jpeg_sof(data, len) : 0;
	return i ? data[i + 9] : 0;
}

/* ---------------------------------------------------------------- GIF */

typedef struct gif_reader {
	const unsigned char *data;
	size_t len, pos;
} gif_reader;

static int gif_read(GifFileType *gif, GifByteType *buf, int n)
{
	gif_reader *r = gif->UserData;
	size_t k = n > 0 ? (size_t)n : 0;
	if (k > r->len - r->pos)
		k = r->len - r->pos;
	memcpy(buf, r->data + r->pos, k);
	r->pos += k;
	return (int)k;
}

/* An extension block: the transparent colour of a graphic control one
 * into *transparent; the rest is skipped. */
static int gif_extension(GifFileType *gif, int *transparent)
{
	GifByteType *ext = NULL;
	int code = 0;
	if (DGifGetExtension(gif, &code, &ext) == GIF_ERROR)
		return -1;
	if (code == GRAPHICS_EXT_FUNC_CODE && ext && ext[0] == 4) {
		GraphicsControlBlock gcb;
		if (DGifExtensionToGCB(ext[0], ext + 1, &gcb) == GIF_OK)
			*transparent = gcb.TransparentColor;
	}
	while (ext)
		if (DGifGetExtensionNext(gif, &ext) == GIF_ERROR)
			return -1;
	return 0;
}

/* Row `y` of the frame (`line`, its colour indexes) onto the w x h screen. */
static void gif_row(const GifFileType *gif, const ColorMapObject *map, int transparent, const GifPixelType *line,
		    int y, unsigned char *pixels, size_t stride, int w, int h)
{
	const GifImageDesc *fr = &gif->Image;
	uint32_t *out;
	if (!pixels || fr->Top + y >= h)
		return;
	out = (uint32_t *)(void *)(pixels + (size_t)(fr->Top + y) * stride);
	for (int x = 0; x < fr->Width && fr->Left + x < w; x++) {
		int i = line[x];
		const GifColorType *c = &map->Colors[i];
		if (i == transparent || i >= map->ColorCount)
			continue;
		out[fr->Left + x] = 0xff000000u | (uint32_t)c->Red << 16 | (uint32_t)c->Green << 8 | c->Blue;
	}
}

/* The frame whose descriptor comes next: its rows, interlaced or not. */
static int gif_frame(GifFileType *gif, int transparent, unsigned char *pixels, size_t stride, int w, int h,
		     char *why, size_t size)
{
	static const int first[] = { 0, 4, 2, 1 }, step[] = { 8, 8, 4, 2 };
	const ColorMapObject *map;
	GifPixelType *line;
	int passes, rc = 0;

	if (DGifGetImageDesc(gif) == GIF_ERROR)
		return -1;
	map = gif->Image.ColorMap ? gif->Image.ColorMap : gif->SColorMap;
	if (!map || gif->Image.Width <= 0 || gif->Image.Height <= 0 || gif->Image.Left < 0 || gif->Image.Top < 0) {
		snprintf(why, size, "%s", map ? "a frame without pixels" : "no colour table");
		return -1;
	}
	/* Its rows are decoded even where they fall off the screen: a frame
	 * of a tiny screen must not be a picture too large to decode. */
	if ((double)gif->Image.Width * gif->Image.Height > VNDOC_LIMIT_PICTURE_PIXELS) {
		snprintf(why, size, "a frame of %d x %d pixels", gif->Image.Width, gif->Image.Height);
		return -1;
	}
	line = vndoc_xmalloc((size_t)gif->Image.Width);
	passes = gif->Image.Interlace ? 4 : 1;
	for (int p = 0; p < passes && rc == 0; p++) {
		int y0 = passes > 1 ? first[p] : 0, dy = passes > 1 ? step[p] : 1;
		for (int y = y0; y < gif->Image.Height && rc == 0; y += dy) {
			if (DGifGetLine(gif, line, gif->Image.Width) == GIF_ERROR)
				rc = -1;
			else
				gif_row(gif, map, transparent, line, y, pixels, stride, w, h);
		}
	}
	free(line);
	return rc;
}

int vndoc_docx_picture_gif(const unsigned char *data, size_t len, int w, int h, unsigned char *pixels,
			   size_t stride, char *why, size_t size)
{
	gif_reader r = { data, len, 0 };
	int err = 0, rc = -1, transparent = NO_TRANSPARENT_COLOR;
	GifRecordType type;
	GifFileType *gif = DGifOpen(&r, gif_read, &err);
	const char *msg;

	*why = '\0';
	if (!gif) {
		msg = GifErrorString(err);
		snprintf(why, size, "%s", msg ? msg : "not a GIF");
		return -1;
	}
	if (gif->SWidth != w || gif->SHeight != h) {
		snprintf(why, size, "two sizes in one file");
		DGifCloseFile(gif, &err);
		return -1;
	}
	while (rc < 0 && !*why && DGifGetRecordType(gif, &type) != GIF_ERROR) {
		if (type == EXTENSION_RECORD_TYPE && gif_extension(gif, &transparent) == 0)
			continue;
		if (type == IMAGE_DESC_RECORD_TYPE && gif_frame(gif, transparent, pixels, stride, w, h, why, size) == 0)
			rc = 0;
		else if (type == TERMINATE_RECORD_TYPE)
			snprintf(why, size, "no picture in the file");
		else
			break;
	}
	if (rc < 0 && !*why) {
		msg = GifErrorString(gif->Error);
		snprintf(why, size, "%s", msg ? msg : "damaged data");
	}
	DGifCloseFile(gif, &err);
	return rc;
}

/* ---------------------------------------------------------------- loading */

/* What a picture the renderer cannot draw is, for its warning: the format
 * its first bytes say, else its part name's extension. */
static void format_name(char *out, size_t size, const unsigned char *d, size_t len, const char *part)
{
	const char *ext = strrchr(part, '.'), *name = NULL;
	if (len >= 44 && !memcmp(d, "\x01\x00\x00\x00", 4) && !memcmp(d + 40, " EMF", 4))
		name = "EMF";
	else if (len >= 4 && (!memcmp(d, "\xd7\xcd\xc6\x9a", 4) || !memcmp(d, "\x01\x00\x09\x00", 4) ||
			      !memcmp(d, "\x02\x00\x09\x00", 4)))
		name = "WMF";
	else if (len >= 5 && !memcmp(d, "%PDF-", 5))
		name = "PDF";
	else if (len >= 4 && (!memcmp(d, "II*\0", 4) || !memcmp(d, "MM\0*", 4)))
		name = "TIFF";
	else if (len >= 2 && !memcmp(d, "BM", 2))
		name = "BMP";
	if (name) {
		snprintf(out, size, "%s", name);
		return;
	}
	snprintf(out, size, "%s", ext && ext[1] && !strchr(ext, '/') ? ext + 1 : "unknown format");
	for (char *c = out; *c; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
}

/* The type and pixel size of a picture's bytes; false (with a warning)
 * when it cannot be drawn.  `wmf`: the bytes are an EMF made of a WMF,
 * which did not draw the records named there. */
static bool identify(vndoc_docx *doc, vndoc_docx_image *img, const unsigned char *d, size_t len, const char *wmf)
{
	char fmt[32], why[256];
	if (len >= 24 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8) && !memcmp(d + 12, "IHDR", 4)) {
		unsigned long w = be32(d + 16), h = be32(d + 20);
		img->type = VNDOC_DOCX_IMAGE_PNG;
		img->px_w = w > 0 && w < 1000000 ? (int)w : 0;
		img->px_h = h > 0 && h < 1000000 ? (int)h : 0;
	} else if (len >= 4 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff) {
		img->type = VNDOC_DOCX_IMAGE_JPEG;
		if (!jpeg_size(d, len, &img->px_w, &img->px_h))
			img->px_w = img->px_h = 0;
	} else if (len >= 13 && (!memcmp(d, "GIF87a", 6) || !memcmp(d, "GIF89a", 6))) {
		img->type = VNDOC_DOCX_IMAGE_GIF;
		img->px_w = d[6] | d[7] << 8;
		img->px_h = d[8] | d[9] << 8;
	} else if (vndoc_docx_emf_check(d, len, why, sizeof why) == 0) {
		vndoc_docx_emf e;
		vndoc_docx_emf_open(&e, d, len);
		img->type = VNDOC_DOCX_IMAGE_EMF;
		img->px_w = (int)(((int64_t)e.frame[2] - e.frame[0]) * 96 / 2540 + 1);
		img->px_h = (int)(((int64_t)e.frame[3] - e.frame[1]) * 96 / 2540 + 1);
		if ((wmf && *wmf) || *why)
			vndoc_docx__warn(doc, "picture %s (%s) drawn in part: vndoc does not draw its %s", img->part,
					 wmf ? "WMF" : "EMF", wmf && *wmf ? wmf : why);
		return true;
	} else {
		format_name(fmt, sizeof fmt, d, len, img->part);
		if (!strcmp(fmt, "EMF") || !strcmp(fmt, "WMF"))
			vndoc_docx__warn(doc, "picture %s (%s) is damaged, drawn as an empty frame", img->part, fmt);
		else
			vndoc_docx__warn(doc, "picture %s (%s) drawn as an empty frame: vndoc draws PNG, JPEG, GIF, EMF and WMF",
					 img->part, fmt);
		return false;
	}
	if (img->px_w <= 0 || img->px_h <= 0) {
		vndoc_docx__warn(doc, "picture %s is damaged, drawn as an empty frame", img->part);
		return false;
	}
	if (img->px_w > VNDOC_LIMIT_PICTURE_SIDE || img->px_h > VNDOC_LIMIT_PICTURE_SIDE ||
	    (double)img->px_w * img->px_h > VNDOC_LIMIT_PICTURE_PIXELS) {
		vndoc_docx__warn(doc, "picture %s too large (%d x %d pixels), drawn as an empty frame", img->part,
				 img->px_w, img->px_h);
		return false;
	}
	if (img->type == VNDOC_DOCX_IMAGE_GIF &&
	    vndoc_docx_picture_gif(d, len, img->px_w, img->px_h, NULL, 0, why, sizeof why) < 0) {
		vndoc_docx__warn(doc, "picture %s is damaged, drawn as an empty frame (%s)", img->part, why);
		return false;
	}
	return true;
}

long vndoc_docx__load_picture(vndoc_docx__loader *ld, const char *part)
{
	vndoc_docx *doc = ld->doc;
	vndoc_docx_image img;
	vndoc_error e;
	char *data = NULL, wmf[256];
	size_t len = 0;
	bool is_wmf = false;

	for (size_t i = 0; i < doc->n_images; i++)
		if (!strcmp(doc->images[i].part, part))
			return (long)i;
	memset(&img, 0, sizeof img);
	snprintf(img.part, sizeof img.part, "%s", part);
	vndoc_error_clear(&e);
	if (vndoc_package_find(ld->pkg, part) < 0 || vndoc_package_read(&data, &len, ld->pkg, part, &e) < 0) {
		vndoc_docx__warn(doc, "picture %s missing, drawn as an empty frame", part);
		data = NULL;
		len = 0;
	}
	if (data && vndoc_docx_wmf_is((const unsigned char *)data, len)) {
		/* A WMF is drawn as the EMF it is turned into. */
		char *emf;
		size_t emf_len;
		if (vndoc_docx_wmf_to_emf((const unsigned char *)data, len, &emf, &emf_len, wmf, sizeof wmf) == 0) {
			free(data);
			data = emf;
			len = emf_len;
			is_wmf = true;
		}
	}
	if (!data || !identify(doc, &img, (const unsigned char *)data, len, is_wmf ? wmf : NULL)) {
		/* A frame keeps the picture's room; its bytes are not needed. */
		free(data);
		data = vndoc_xmalloc(1);
		len = 0;
		img.type = VNDOC_DOCX_IMAGE_FRAME;
		img.px_w = img.px_h = 0;
	}
	img.data = (unsigned char *)data;
	img.len = len;
	doc->images = vndoc_xreallocarray(doc->images, doc->n_images + 1, sizeof *doc->images);
	doc->images[doc->n_images] = img;
	return (long)doc->n_images++;
}
