/*
 * render/picture.c: decoding pictures for Cairo, and drawing them.
 *
 * A JPEG goes into a PDF as it is: the surface Cairo draws from is empty
 * and carries the file as its JPEG mime data.  Cairo uses that data only
 * when it draws the surface as an image of its own size; asked to pad it
 * (CAIRO_EXTEND_PAD, which keeps the edges of scaled pictures sharp on PNG
 * pages), Cairo 1.16 makes a padded copy of the empty pixels instead, and
 * the picture comes out as a black box.  So only decoded pictures are
 * padded.  A CMYK JPEG is decoded for the PDF too (see below).
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

#include "core/alloc.h"
#include "docx/picture.h"
#include "render/metafile.h"
#include "render/picture.h"

typedef struct png_reader {
	const unsigned char *data;
	size_t len, pos;
} png_reader;

static cairo_status_t read_png(void *closure, unsigned char *data, unsigned int len)
{
	png_reader *r = closure;
	if (r->len - r->pos < len)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, r->data + r->pos, len);
	r->pos += len;
	return CAIRO_STATUS_SUCCESS;
}

/* ---------------------------------------------------------------- JPEG */

/* More scans than any real progressive JPEG has (they have about ten):
 * a hostile file could otherwise make each of thousands redo the picture. */
#define MAX_JPEG_SCANS 256

/* libjpeg's error manager: errors jump back to decode_jpeg instead of
 * exit(), warnings (corrupt data) are kept instead of printed. */
typedef struct jpeg_failure {
	struct jpeg_error_mgr mgr;
	jmp_buf jump;
	char message[JMSG_LENGTH_MAX]; /* the error, else the first warning */
} jpeg_failure;

static void jpeg_fail(j_common_ptr cinfo) __attribute__((noreturn));
static void jpeg_fail(j_common_ptr cinfo)
{
	jpeg_failure *f = (jpeg_failure *)(void *)cinfo->err;
	cinfo->err->format_message(cinfo, f->message);
	longjmp(f->jump, 1);
}

static void jpeg_refuse(j_common_ptr cinfo, const char *why) __attribute__((noreturn));
static void jpeg_refuse(j_common_ptr cinfo, const char *why)
{
	jpeg_failure *f = (jpeg_failure *)(void *)cinfo->err;
	snprintf(f->message, sizeof f->message, "%s", why);
	longjmp(f->jump, 1);
}

static void jpeg_note(j_common_ptr cinfo, int level)
{
	jpeg_failure *f = (jpeg_failure *)(void *)cinfo->err;
	if (level >= 0)
		return; /* trace messages */
	if (!f->message[0])
		cinfo->err->format_message(cinfo, f->message);
	cinfo->err->num_warnings++;
}

static void jpeg_progress(j_common_ptr cinfo)
{
	if (cinfo->is_decompressor && ((j_decompress_ptr)cinfo)->input_scan_number > MAX_JPEG_SCANS)
		jpeg_refuse(cinfo, "too many scans");
}

/* One row of CMYK (Adobe files store it inverted: 255 is no ink) as
 * RGB24 pixels. */
static void cmyk_row(uint32_t *out, const unsigned char *in, unsigned w, bool inverted)
{
	for (unsigned x = 0; x < w; x++, in += 4) {
		unsigned c = in[0], m = in[1], y = in[2], k = in[3];
		if (!inverted) {
			c = 255 - c;
			m = 255 - m;
			y = 255 - y;
			k = 255 - k;
		}
		out[x] = (c * k + 127) / 255 << 16 | (m * k + 127) / 255 << 8 | (y * k + 127) / 255;
	}
}

/* The decompressor's rows into `s`, in its pixel layout; `cmyk` is a row
 * of CMYK to convert, or NULL. */
static void read_rows(j_decompress_ptr cinfo, cairo_surface_t *s, unsigned char *cmyk)
{
	unsigned char *pixels;
	int stride;

	cairo_surface_flush(s);
	pixels = cairo_image_surface_get_data(s);
	stride = cairo_image_surface_get_stride(s);
	while (cinfo->output_scanline < cinfo->output_height) {
		unsigned char *line = pixels + (size_t)cinfo->output_scanline * (size_t)stride;
		JSAMPROW row = cmyk ? cmyk : line;
		if (jpeg_read_scanlines(cinfo, &row, 1) != 1)
			jpeg_refuse((j_common_ptr)cinfo, "cannot read a row");
		if (cmyk)
			cmyk_row((uint32_t *)(void *)line, cmyk, cinfo->output_width, cinfo->saw_Adobe_marker);
	}
	cairo_surface_mark_dirty(s);
}

/*
 * Decodes the JPEG `img` (greyscale, YCbCr, RGB, CMYK or YCCK) into an
 * RGB24 surface.  NULL when it cannot, with libjpeg's reason in `why`;
 * a surface with `why` set when the data is corrupt but decodes (what is
 * missing is grey); `why` empty when all went well.
 */
static cairo_surface_t *decode_jpeg(const vndoc_docx_image *img, char *why, size_t size)
{
	struct jpeg_decompress_struct cinfo;
	struct jpeg_progress_mgr progress;
	jpeg_failure fail;
	/* Set after setjmp and read after longjmp: volatile. */
	cairo_surface_t *volatile s = NULL;
	unsigned char *volatile cmyk = NULL;

	memset(&cinfo, 0, sizeof cinfo);
	memset(&fail, 0, sizeof fail);
	memset(&progress, 0, sizeof progress);
	cinfo.err = jpeg_std_error(&fail.mgr);
	fail.mgr.error_exit = jpeg_fail;
	fail.mgr.emit_message = jpeg_note;
	progress.progress_monitor = jpeg_progress;
	if (setjmp(fail.jump) == 0) {
		jpeg_create_decompress(&cinfo);
		cinfo.progress = &progress;
		jpeg_mem_src(&cinfo, img->data, (unsigned long)img->len);
		jpeg_read_header(&cinfo, TRUE);
		/* The size the document was read with bounds the memory (drawing.c). */
		if ((int)cinfo.image_width != img->px_w || (int)cinfo.image_height != img->px_h)
			jpeg_refuse((j_common_ptr)&cinfo, "two sizes in one file");
		switch (cinfo.jpeg_color_space) {
		case JCS_GRAYSCALE:
		case JCS_YCbCr:
		case JCS_RGB:
			/* RGB24 is a native-endian 0x00RRGGBB word. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
			cinfo.out_color_space = JCS_EXT_XRGB;
#else
			cinfo.out_color_space = JCS_EXT_BGRX;
#endif
			break;
		case JCS_CMYK:
		case JCS_YCCK:
			cinfo.out_color_space = JCS_CMYK;
			break;
		default:
			jpeg_refuse((j_common_ptr)&cinfo, "unknown colour space");
		}
		jpeg_start_decompress(&cinfo);
		s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)cinfo.output_width,
					       (int)cinfo.output_height);
		if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
			jpeg_refuse((j_common_ptr)&cinfo, "out of memory");
		if (cinfo.out_color_space == JCS_CMYK)
			cmyk = vndoc_xmalloc((size_t)cinfo.output_width * 4);
		read_rows(&cinfo, s, cmyk);
		jpeg_finish_decompress(&cinfo);
	} else if (s) {
		cairo_surface_destroy(s);
		s = NULL;
	}
	jpeg_destroy_decompress(&cinfo);
	free(cmyk);
	snprintf(why, size, "%s", fail.message);
	return s;
}

/* ---------------------------------------------------------------- GIF */

/* The first picture of a GIF (docx/picture.c checked it when the document
 * was read) on a transparent ARGB32 surface; NULL with the reason in `why`. */
static cairo_surface_t *decode_gif(const vndoc_docx_image *img, char *why, size_t size)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, img->px_w, img->px_h);
	int rc;
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		snprintf(why, size, "out of memory");
		return NULL;
	}
	cairo_surface_flush(s);
	rc = vndoc_docx_picture_gif(img->data, img->len, img->px_w, img->px_h, cairo_image_surface_get_data(s),
				    (size_t)cairo_image_surface_get_stride(s), why, size);
	cairo_surface_mark_dirty(s);
	if (rc < 0) {
		cairo_surface_destroy(s);
		return NULL;
	}
	return s;
}

/* ---------------------------------------------------------------- pictures */

cairo_surface_t *vndoc_render__picture_surface(const vndoc_docx_image *img, bool pdf, char *note, size_t size)
{
	cairo_surface_t *s = NULL;
	char why[JMSG_LENGTH_MAX];

	*note = '\0';
	switch (img->type) {
	case VNDOC_DOCX_IMAGE_PNG: {
		png_reader r = { img->data, img->len, 0 };
		s = cairo_image_surface_create_from_png_stream(read_png, &r);
		if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
			snprintf(note, size, "picture %s is damaged, drawn as an empty frame (%s)", img->part,
				 cairo_status_to_string(cairo_surface_status(s)));
			cairo_surface_destroy(s);
			s = NULL;
		}
		break;
	}
	case VNDOC_DOCX_IMAGE_JPEG:
		/* Cairo 1.16 embeds a CMYK JPEG without the /Decode that Adobe's
		 * inverted CMYK needs: it would print as a negative. */
		if (pdf && vndoc_docx_picture_jpeg_components(img->data, img->len) != 4) {
			s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, img->px_w, img->px_h);
			/* The layout owns the bytes and outlives the surface. */
			cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, img->data, img->len, NULL, NULL);
		} else if ((s = decode_jpeg(img, why, sizeof why)) && *why) {
			snprintf(note, size, "picture %s is damaged, drawn as decoded (%s)", img->part, why);
		} else if (!s) {
			snprintf(note, size, "picture %s is damaged, drawn as an empty frame (%s)", img->part, why);
		}
		break;
	case VNDOC_DOCX_IMAGE_GIF:
		if (!(s = decode_gif(img, why, sizeof why)))
			snprintf(note, size, "picture %s is damaged, drawn as an empty frame (%s)", img->part, why);
		break;
	case VNDOC_DOCX_IMAGE_EMF:
		/* What it does not draw was said when the document was read. */
		s = vndoc_render__metafile_surface(img);
		break;
	case VNDOC_DOCX_IMAGE_FRAME:
		break; /* the document said why when it was read */
	}
	if (s)
		cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_UNIQUE_ID, (const unsigned char *)img->part,
					    strlen(img->part), NULL, NULL);
	return s;
}

/* An empty frame: a hairline grey outline and its diagonals. */
static void draw_frame(cairo_t *cr, double x, double y, double w, double h)
{
	double lw = 0.5, in = lw / 2;
	if (w <= lw || h <= lw)
		return;
	cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
	cairo_set_line_width(cr, lw);
	cairo_set_dash(cr, NULL, 0, 0);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	cairo_rectangle(cr, x + in, y + in, w - lw, h - lw);
	cairo_move_to(cr, x + in, y + in);
	cairo_line_to(cr, x + w - in, y + h - in);
	cairo_move_to(cr, x + w - in, y + in);
	cairo_line_to(cr, x + in, y + h - in);
	cairo_stroke(cr);
}

void vndoc_render__picture_draw(cairo_t *cr, cairo_surface_t *s, double x, double y, double w, double h)
{
	const unsigned char *jpeg = NULL;
	unsigned long jpeg_len = 0;
	cairo_rectangle_t ext;
	int pw, ph;

	if (s && cairo_surface_get_type(s) == CAIRO_SURFACE_TYPE_RECORDING) {
		/* An EMF's vectors (render/metafile.c), clipped to the box. */
		if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS || !cairo_recording_surface_get_extents(s, &ext) ||
		    ext.width <= 0 || ext.height <= 0) {
			draw_frame(cr, x, y, w, h);
			return;
		}
		cairo_rectangle(cr, x, y, w, h);
		cairo_clip(cr);
		cairo_translate(cr, x, y);
		cairo_scale(cr, w / ext.width, h / ext.height);
		cairo_set_source_surface(cr, s, 0, 0);
		cairo_paint(cr);
		return;
	}
	if (!s || cairo_surface_status(s) != CAIRO_STATUS_SUCCESS ||
	    (pw = cairo_image_surface_get_width(s)) <= 0 || (ph = cairo_image_surface_get_height(s)) <= 0) {
		draw_frame(cr, x, y, w, h);
		return;
	}
	cairo_surface_get_mime_data(s, CAIRO_MIME_TYPE_JPEG, &jpeg, &jpeg_len);
	cairo_translate(cr, x, y);
	cairo_scale(cr, w / pw, h / ph);
	cairo_set_source_surface(cr, s, 0, 0);
	/* Padding (see the top of the file) only where Cairo has the pixels. */
	cairo_pattern_set_extend(cairo_get_source(cr), jpeg ? CAIRO_EXTEND_NONE : CAIRO_EXTEND_PAD);
	cairo_rectangle(cr, 0, 0, pw, ph);
	cairo_fill(cr);
}
