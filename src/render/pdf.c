/*
 * render/pdf.c: PDF and PNG through Cairo.  Both draw the same boxes with
 * the same code; only the surface differs.  Pictures: render/picture.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <zlib.h>

#include "core/alloc.h"
#include "core/fsutil.h"
#include "core/limits.h"
#include "render/edges.h"
#include "render/picture.h"
#include "render/shape.h"
#include "render/render.h"
#include "render/text.h"

/*
 * cairo deflates every stream of a PDF (page contents, and the font
 * subsets each document embeds) at zlib's default level, 6, and offers no
 * way to ask for less.  For the small documents of a batch, deflating the
 * same fonts again and again is the largest single cost: level 1 makes
 * `vndoc batch` 7% faster for PDFs 4.5% larger (bench/batch, 1,000 units).
 * This definition takes the place of zlib's deflateInit_ (what deflateInit()
 * expands to) for every caller in the program, as a program's own symbols
 * come before its libraries'; only cairo calls it -- libzip and libpng use
 * deflateInit2_ with levels of their own, which are left alone.  Output
 * stays deterministic: the same input gives the same bytes.
 */
int deflateInit_(z_streamp strm, int level, const char *version, int stream_size)
{
	if (level == Z_DEFAULT_COMPRESSION)
		level = 1;
	return deflateInit2_(strm, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY, version, stream_size);
}

typedef struct draw {
	cairo_t *cr;
	cairo_surface_t *surface;
	double scale;            /* PNG: pixels per point */
	const char *png_dir;     /* PNG: where pages go */
	vndoc_buf *png;          /* PNG: bytes of one page */
	vndoc_error *err;
	vndoc_error_list *warnings; /* PNG: pictures not drawn (may be NULL) */
	GHashTable *pictures;    /* vndoc_docx_image * -> cairo_surface_t *, made once */
	struct sink *sink;       /* PDF streamed: where the bytes go */
	vndoc_render_edges edges; /* the page's borders not stroked yet */
} draw;

/* A streamed PDF's output: the caller's write function, the output limit. */
typedef struct sink {
	vndoc_write_fn write;
	void *userdata;
	size_t total;
	int error;               /* the write function's failure, or VNDOC_ELIMIT */
} sink;

/* Notes a picture a PNG page draws wrong or not at all. */
static void warn(draw *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(draw *d, const char *fmt, ...)
{
	vndoc_error w;
	va_list ap;
	if (!d->warnings)
		return;
	vndoc_error_clear(&w);
	va_start(ap, fmt);
	vndoc_error_vset(&w, VNDOC_EFORMAT, fmt, ap);
	va_end(ap);
	vndoc_error_list_push(d->warnings, &w);
}

/* ---------------------------------------------------------------- pictures */

/* The surface of a picture (NULL: an empty frame), made once; what a
 * PNG page draws wrong or not at all is a warning. */
static cairo_surface_t *picture(draw *d, const vndoc_docx_image *img)
{
	cairo_surface_t *s;
	gpointer found;
	char note[512];

	if (!d->pictures)
		d->pictures = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
						    (GDestroyNotify)cairo_surface_destroy);
	if (g_hash_table_lookup_extended(d->pictures, img, NULL, &found))
		return found;
	s = vndoc_render__picture_surface(img, !d->png, note, sizeof note);
	if (*note)
		warn(d, "%s", note);
	g_hash_table_insert(d->pictures, (gpointer)img, s);
	return s;
}

static void draw_picture(draw *d, const vndoc_box *b)
{
	vndoc_render__picture_draw(d->cr, picture(d, b->image), b->x, b->y, b->w, b->h);
}

static void pictures_dispose(draw *d)
{
	if (d->pictures)
		g_hash_table_destroy(d->pictures);
	d->pictures = NULL;
}

static void set_rgb(cairo_t *cr, uint32_t c)
{
	cairo_set_source_rgb(cr, ((c >> 16) & 0xff) / 255.0, ((c >> 8) & 0xff) / 255.0, (c & 0xff) / 255.0);
}

/* An edge of box `b`: gathered with the page's others (render/edges.h),
 * or stroked at once when the box is rotated. */
static void edge(draw *d, const vndoc_box *b, const vndoc_docx_border *border, cairo_line_cap_t cap, double x0,
		 double y0, double x1, double y1, double nx, double ny)
{
	vndoc_render__edges_add(&d->edges, border, cap, x0, y0, x1, y1, nx, ny);
	if (b->rotation != 0)
		vndoc_render__edges_flush(&d->edges, d->cr);
}

static void draw_cell(draw *d, const vndoc_box *b)
{
	double x0 = b->x, y0 = b->y, x1 = b->x + b->w, y1 = b->y + b->h;
	if (b->has_fill) {
		set_rgb(d->cr, b->fill);
		cairo_rectangle(d->cr, x0, y0, b->w, b->h);
		cairo_fill(d->cr);
	}
	edge(d, b, &b->border[VNDOC_DOCX_TOP], CAIRO_LINE_CAP_SQUARE, x0, y0, x1, y0, 0, 1);
	edge(d, b, &b->border[VNDOC_DOCX_BOTTOM], CAIRO_LINE_CAP_SQUARE, x0, y1, x1, y1, 0, 1);
	edge(d, b, &b->border[VNDOC_DOCX_LEFT], CAIRO_LINE_CAP_SQUARE, x0, y0, x0, y1, 1, 0);
	edge(d, b, &b->border[VNDOC_DOCX_RIGHT], CAIRO_LINE_CAP_SQUARE, x1, y0, x1, y1, 1, 0);
}

static int draw_box(const vndoc_page *pg, const vndoc_box *b, void *userdata)
{
	draw *d = userdata;
	(void)pg;
	/* Shapes, pictures and rotated boxes keep their order with the edges
	 * before them (and those are not drawn rotated). */
	if (b->kind == VNDOC_BOX_IMAGE || b->kind == VNDOC_BOX_SHAPE || b->rotation != 0)
		vndoc_render__edges_flush(&d->edges, d->cr);
	cairo_save(d->cr);
	if (b->rotation != 0) {
		cairo_translate(d->cr, b->pivot_x, b->pivot_y);
		cairo_rotate(d->cr, b->rotation * 3.14159265358979323846 / 180);
		cairo_translate(d->cr, -b->pivot_x, -b->pivot_y);
	}
	if (b->kind == VNDOC_BOX_RULE && b->vertical) {
		/* Square caps, as when column separators were drawn as cells'
		 * borders: the same PDF. */
		edge(d, b, &b->border[0], CAIRO_LINE_CAP_SQUARE, b->x, b->y, b->x, b->y + b->h, 1, 0);
	} else if (b->kind == VNDOC_BOX_RULE) {
		edge(d, b, &b->border[0], CAIRO_LINE_CAP_BUTT, b->x, b->y, b->x + b->w, b->y, 0, 1);
	} else if (b->kind == VNDOC_BOX_CELL) {
		draw_cell(d, b);
	} else if (b->kind == VNDOC_BOX_IMAGE) {
		if (b->image)
			draw_picture(d, b);
	} else if (b->kind == VNDOC_BOX_SHAPE) {
		if (b->shape)
			vndoc_render__draw_shape(d->cr, b->shape, b->x, b->y, b->w, b->h);
	} else if (b->line) {
		cairo_set_source_rgb(d->cr, 0, 0, 0);
		vndoc_render__show_line(d->cr, b->line, b->x, b->baseline);
	}
	cairo_restore(d->cr);
	return 0;
}

static int cairo_failed(draw *d)
{
	cairo_status_t st = cairo_status(d->cr);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(d->surface);
	if (st == CAIRO_STATUS_SUCCESS)
		return 0;
	if (st == CAIRO_STATUS_WRITE_ERROR && d->sink && d->sink->error != VNDOC_ELIMIT)
		return vndoc_error_set(d->err, d->sink->error, "cannot write the PDF");
	if (st == CAIRO_STATUS_WRITE_ERROR)
		return vndoc_error_set(d->err, VNDOC_ELIMIT, "PDF larger than the output limit");
	return vndoc_error_set(d->err, VNDOC_EFONT, "cairo: %s", cairo_status_to_string(st));
}

/* ---------------------------------------------------------------- PDF */

static int pdf_begin(const vndoc_page *pg, void *userdata)
{
	draw *d = userdata;
	cairo_pdf_surface_set_size(d->surface, pg->w, pg->h);
	return 0;
}

static int pdf_end(const vndoc_page *pg, void *userdata)
{
	draw *d = userdata;
	(void)pg;
	vndoc_render__edges_flush(&d->edges, d->cr);
	cairo_show_page(d->cr);
	return cairo_failed(d);
}

static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	return vndoc_buf_put(closure, data, len) < 0 ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

static void iso_date(char *out, size_t size, long long when)
{
	time_t t;
	struct tm tm;
	if (when < 0) {
		const char *env = getenv("SOURCE_DATE_EPOCH");
		char *end;
		when = 946684800; /* 2000-01-01T00:00:00Z */
		if (env && *env) {
			long long v = strtoll(env, &end, 10);
			if (!*end && v >= 0)
				when = v;
		}
	}
	t = (time_t)when;
	gmtime_r(&t, &tm);
	strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The document outline: each heading under the last one of a higher level. */
static void add_outline(cairo_surface_t *surface, const vndoc_layout *l)
{
	int parents[10];
	for (int i = 0; i < 10; i++)
		parents[i] = CAIRO_PDF_OUTLINE_ROOT;
	for (size_t i = 0; i < vndoc_layout_heading_count(l); i++) {
		const vndoc_layout_heading *h = vndoc_layout_heading_at(l, i);
		char link[96];
		int id, lvl = h->level < 0 ? 0 : h->level > 8 ? 8 : h->level;
		if (!*h->title)
			continue;
		snprintf(link, sizeof link, "page=%zu pos=[0 %.2f]", h->page + 1, h->y);
		id = cairo_pdf_surface_add_outline(surface, parents[lvl], h->title, link, 0);
		for (int k = lvl + 1; k < 10; k++)
			parents[k] = id;
	}
}

/* Makes the PDF surface writing through `fn`, its first page w x h, with
 * the metadata. */
static void pdf_open(draw *d, cairo_write_func_t fn, void *closure, double w, double h,
		     const vndoc_render_pdf_options *opts, const char *doc_title, const char *doc_author,
		     const char *doc_subject, const char *keywords)
{
	const char *title, *author, *subject;
	char date[32];

	d->surface = cairo_pdf_surface_create_for_stream(fn, closure, w, h);
	cairo_pdf_surface_restrict_to_version(d->surface, CAIRO_PDF_VERSION_1_5);
	iso_date(date, sizeof date, opts->date);
	title = opts->title ? opts->title : doc_title;
	author = opts->author ? opts->author : doc_author;
	subject = opts->subject ? opts->subject : doc_subject;
	cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATOR, "vndoc");
	cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_MOD_DATE, date);
	if (title && *title)
		cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_TITLE, title);
	if (author && *author)
		cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_AUTHOR, author);
	if (subject && *subject)
		cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_SUBJECT, subject);
	if (*keywords)
		cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_KEYWORDS, keywords);
	d->cr = cairo_create(d->surface);
}

/* Adds the outline (when `l` laid out every page) and finishes the PDF. */
static int pdf_close(draw *d, const vndoc_layout *l, int error)
{
	cairo_status_t st;
	if (error == 0 && l)
		add_outline(d->surface, l);
	cairo_destroy(d->cr);
	cairo_surface_finish(d->surface);
	pictures_dispose(d);
	vndoc_render__edges_dispose(&d->edges);
	st = cairo_surface_status(d->surface);
	if (error == 0 && st != CAIRO_STATUS_SUCCESS) {
		if (st == CAIRO_STATUS_WRITE_ERROR && d->sink && d->sink->error != VNDOC_ELIMIT)
			error = vndoc_error_set(d->err, d->sink->error, "cannot write the PDF");
		else if (st == CAIRO_STATUS_WRITE_ERROR)
			error = vndoc_error_set(d->err, VNDOC_ELIMIT, "PDF larger than the output limit");
		else
			error = vndoc_error_set(d->err, VNDOC_EFONT, "cairo: %s", cairo_status_to_string(st));
	}
	cairo_surface_destroy(d->surface);
	return error;
}

static int pdf_to_buf(vndoc_buf *out, const vndoc_layout *l, const vndoc_render_pdf_options *opts,
		      vndoc_error *err)
{
	static const vndoc_render_callbacks cb = { pdf_begin, draw_box, pdf_end };
	vndoc_render_pdf_options dflt = VNDOC_RENDER_PDF_OPTIONS_INIT;
	const vndoc_page *first = vndoc_layout_page(l, 0);
	draw d;
	int error;

	if (!opts)
		opts = &dflt;
	memset(&d, 0, sizeof d);
	d.err = err;
	pdf_open(&d, write_buf, out, first ? first->w : 595.3, first ? first->h : 841.9, opts,
		 vndoc_layout_title(l), vndoc_layout_author(l), vndoc_layout_subject(l),
		 vndoc_layout_keywords(l));
	error = vndoc_render_walk(l, &cb, &d);
	return pdf_close(&d, l, error);
}

/* ---------------------------------------------------------------- PDF streamed */

static cairo_status_t write_sink(void *closure, const unsigned char *data, unsigned int len)
{
	sink *s = closure;
	int rc;
	if (s->error)
		return CAIRO_STATUS_WRITE_ERROR;
	if (len > VNDOC_LIMIT_OUTPUT_BYTES - s->total) {
		s->error = VNDOC_ELIMIT;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	s->total += len;
	if ((rc = s->write(data, len, s->userdata)) != 0) {
		s->error = rc < 0 ? rc : VNDOC_EIO;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

/* A page of the streamed layout, drawn as soon as it is final. */
static int stream_page(const vndoc_layout *l, const vndoc_page *pg, void *userdata)
{
	int error;
	(void)l;
	if ((error = pdf_begin(pg, userdata)) < 0)
		return error;
	for (size_t i = 0; i < pg->n_boxes; i++)
		if ((error = draw_box(pg, &pg->boxes[i], userdata)) < 0)
			return error;
	return pdf_end(pg, userdata);
}

int vndoc_render_pdf_stream(const vndoc_docx *doc, const vndoc_layout_options *lo,
			    const vndoc_render_pdf_options *po, vndoc_write_fn write, void *userdata,
			    size_t *pages, vndoc_error *err)
{
	vndoc_render_pdf_options dflt = VNDOC_RENDER_PDF_OPTIONS_INIT;
	const vndoc_docx_section *s0 = doc->n_sections ? &doc->sections[0] : NULL;
	vndoc_layout *l = NULL;
	sink out = { write, userdata, 0, 0 };
	draw d;
	int error;

	if (pages)
		*pages = 0;
	if (!po)
		po = &dflt;
	memset(&d, 0, sizeof d);
	d.err = err;
	d.sink = &out;
	/* The first page's size is the first section's, as the layout makes it. */
	pdf_open(&d, write_sink, &out, s0 ? s0->page_w / 20.0 : 595.3, s0 ? s0->page_h / 20.0 : 841.9, po,
		 doc->title, doc->author, doc->subject, doc->keywords);
	error = vndoc_layout_stream(&l, doc, lo, stream_page, &d, err);
	if (error < 0 && !out.error)
		out.error = error; /* no more bytes: the file is not finished */
	error = pdf_close(&d, l, error);
	if (error == 0 && pages)
		*pages = vndoc_layout_page_count(l);
	vndoc_layout_free(l);
	return error;
}

int vndoc_render_pdf_memory(char **out, size_t *len, const vndoc_layout *l,
			    const vndoc_render_pdf_options *opts, vndoc_error *err)
{
	vndoc_buf buf = VNDOC_BUF_INIT(VNDOC_LIMIT_OUTPUT_BYTES);
	int error;
	*out = NULL;
	*len = 0;
	if ((error = pdf_to_buf(&buf, l, opts, err)) < 0) {
		vndoc_buf_dispose(&buf);
		return error;
	}
	*out = vndoc_buf_detach(&buf, len);
	return 0;
}

int vndoc_render_pdf(const vndoc_layout *l, const char *path, const vndoc_render_pdf_options *opts,
		     vndoc_error *err)
{
	vndoc_buf buf = VNDOC_BUF_INIT(VNDOC_LIMIT_OUTPUT_BYTES);
	int error;
	if ((error = pdf_to_buf(&buf, l, opts, err)) == 0)
		error = vndoc_fs_write_file(path, buf.ptr, buf.len, err);
	if (error < 0)
		vndoc_error_set_file(err, path);
	vndoc_buf_dispose(&buf);
	return error;
}

/* ---------------------------------------------------------------- PNG */

static int png_begin(const vndoc_page *pg, void *userdata)
{
	draw *d = userdata;
	int w = (int)(pg->w * d->scale + 0.5), h = (int)(pg->h * d->scale + 0.5);
	d->surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w > 0 ? w : 1, h > 0 ? h : 1);
	d->cr = cairo_create(d->surface);
	cairo_set_source_rgb(d->cr, 1, 1, 1);
	cairo_paint(d->cr);
	cairo_scale(d->cr, d->scale, d->scale);
	return 0;
}

static int png_end(const vndoc_page *pg, void *userdata)
{
	draw *d = userdata;
	char path[4096];
	int error;

	vndoc_buf_clear(d->png);
	vndoc_render__edges_flush(&d->edges, d->cr);
	cairo_surface_flush(d->surface);
	if ((error = cairo_failed(d)) == 0 &&
	    cairo_surface_write_to_png_stream(d->surface, write_buf, d->png) != CAIRO_STATUS_SUCCESS)
		error = vndoc_error_set(d->err, VNDOC_ELIMIT, "PNG larger than the output limit");
	cairo_destroy(d->cr);
	cairo_surface_destroy(d->surface);
	d->cr = NULL;
	d->surface = NULL;
	if (error < 0)
		return error;
	snprintf(path, sizeof path, "%s/page-%03d.png", d->png_dir, pg->number);
	if ((error = vndoc_fs_write_file(path, d->png->ptr, d->png->len, d->err)) < 0)
		vndoc_error_set_file(d->err, path);
	return error;
}

int vndoc_render_png_with(const vndoc_layout *l, const char *dir, const vndoc_render_png_options *opts,
			  vndoc_error *err)
{
	static const vndoc_render_callbacks cb = { png_begin, draw_box, png_end };
	vndoc_render_png_options dflt = VNDOC_RENDER_PNG_OPTIONS_INIT;
	vndoc_buf png = VNDOC_BUF_INIT(VNDOC_LIMIT_OUTPUT_BYTES);
	draw d;
	int error;

	if (!opts)
		opts = &dflt;
	if (opts->dpi <= 0 || opts->dpi > 1200)
		return vndoc_error_set(err, VNDOC_EINVAL, "resolution %g dpi out of range (1-1200)", opts->dpi);
	if ((error = vndoc_fs_mkdirs(dir, err)) < 0)
		return error;
	memset(&d, 0, sizeof d);
	d.err = err;
	d.warnings = opts->warnings;
	d.scale = opts->dpi / 72.0;
	d.png_dir = dir;
	d.png = &png;
	error = vndoc_render_walk(l, &cb, &d);
	if (d.cr)
		cairo_destroy(d.cr);
	if (d.surface)
		cairo_surface_destroy(d.surface);
	pictures_dispose(&d);
	vndoc_render__edges_dispose(&d.edges);
	vndoc_buf_dispose(&png);
	return error;
}

int vndoc_render_png(const vndoc_layout *l, const char *dir, double dpi, vndoc_error *err)
{
	vndoc_render_png_options opts = VNDOC_RENDER_PNG_OPTIONS_INIT;
	opts.dpi = dpi;
	return vndoc_render_png_with(l, dir, &opts, err);
}
