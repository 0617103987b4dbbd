/*
 * tests/support/render_util.c: helpers of the docx, layout and render
 * suites (render_util.h).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cairo.h>
#include <jpeglib.h>
#include "core/buf.h"
#include "core/fsutil.h"
#include "docx/docx.h"
#include "layout/layout.h"
#include "package/package.h"
#include "render/render.h"
#include "test.h"
#include "render_util.h"

/* Loads and lays out the package at `path`; on failure fills `e` and
 * returns NULL. */
vndoc_layout *layout_path(const char *path, vndoc_error *e)
{
	vndoc_package *pkg = NULL;
	vndoc_docx *doc = NULL;
	vndoc_layout *l = NULL;

	vndoc_error_clear(e);
	if (vndoc_package_open(&pkg, path, e) == 0 && vndoc_docx_load(&doc, pkg, e) == 0)
		vndoc_layout_run(&l, doc, NULL, e);
	vndoc_docx_free(doc);
	vndoc_package_free(pkg);
	return l;
}

char *dump_layout(const vndoc_layout *l)
{
	vndoc_buf out = VNDOC_BUF_INIT((size_t)1 << 28);
	ck_assert_int_eq(vndoc_render_dump(l, &out), 0);
	return vndoc_buf_detach(&out, NULL);
}

char *dump_path(const char *path)
{
	vndoc_error e;
	char msg[1024], *d;
	vndoc_layout *l = layout_path(path, &e);
	if (!l)
		ck_abort_msg("%s", vndoc_error_format(&e, msg, sizeof msg));
	d = dump_layout(l);
	vndoc_layout_free(l);
	return d;
}

vndoc_docx *load_docx(const char *path)
{
	vndoc_package *pkg = NULL;
	vndoc_docx *doc = NULL;
	vndoc_error e;
	char msg[1024];
	vndoc_error_clear(&e);
	if (vndoc_package_open(&pkg, path, &e) < 0 || vndoc_docx_load(&doc, pkg, &e) < 0)
		ck_abort_msg("%s", vndoc_error_format(&e, msg, sizeof msg));
	vndoc_package_free(pkg);
	return doc;
}

const char *write_doc_xmlns(const char *xmlns, const char *body)
{
	static char dir[4096];
	char path[4200];
	vndoc_buf doc = VNDOC_BUF_INIT((size_t)1 << 24);
	vndoc_error e;

	snprintf(dir, sizeof dir, "%s", test_tmpdir());
	snprintf(path, sizeof path, "%s/word", dir);
	ck_assert_int_eq(vndoc_fs_mkdirs(path, &e), 0);
	vndoc_buf_printf(&doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<w:document %s><w:body>%s</w:body></w:document>",
			 xmlns, body);
	snprintf(path, sizeof path, "%s/word/document.xml", dir);
	ck_assert_int_eq(vndoc_fs_write_file(path, doc.ptr, doc.len, &e), 0);
	vndoc_buf_dispose(&doc);
	return dir;
}

const char *write_doc(const char *body)
{
	return write_doc_xmlns(W_NS, body);
}

const char *write_doc_mirrored(const char *body)
{
	vndoc_buf b = VNDOC_BUF_INIT((size_t)1 << 24);
	const char *dir;
	vndoc_buf_printf(&b, "%s<w:sectPr><w:pgSz w:w=\"12240\" w:h=\"15840\"/><w:pgMar w:top=\"1440\" "
			 "w:right=\"1440\" w:bottom=\"1440\" w:left=\"2880\" w:header=\"720\" w:footer=\"720\"/>"
			 "</w:sectPr>", body);
	dir = write_doc(b.ptr);
	vndoc_buf_dispose(&b);
	put_part(dir, "word/settings.xml", "<w:settings " W_NS "><w:mirrorMargins/></w:settings>");
	return dir;
}

/* Writes `text` as part `name` of the folder package `dir`. */
void put_part(const char *dir, const char *name, const char *text)
{
	char path[4200], *slash;
	vndoc_error e;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	slash = strrchr(path, '/');
	*slash = '\0';
	ck_assert_int_eq(vndoc_fs_mkdirs(path, &e), 0);
	*slash = '/';
	ck_assert_int_eq(vndoc_fs_write_file(path, text, strlen(text), &e), 0);
}

/* The dump lines of page `n` (1-based), malloc'd. */
char *page_of(const char *dump, int n)
{
	char head[32];
	const char *start, *end;
	snprintf(head, sizeof head, "page %d ", n);
	start = strstr(dump, head);
	ck_assert_ptr_nonnull(start);
	snprintf(head, sizeof head, "page %d ", n + 1);
	end = strstr(start, head);
	if (!end)
		end = start + strlen(start);
	return strndup(start, (size_t)(end - start));
}

int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* `n` one-line paragraphs of 10 pt (11.5 pt lines); 63 fill an A4 body. */
void fillers(vndoc_buf *b, int n)
{
	for (int i = 0; i < n; i++)
		vndoc_buf_printf(b, "<w:p><w:r><w:t>line %d</w:t></w:r></w:p>", i + 1);
}

/* The RGB of pixel (x, y) of a PNG file, 0xRRGGBB. */
uint32_t png_pixel(const char *path, int x, int y)
{
	cairo_surface_t *s = cairo_image_surface_create_from_png(path);
	uint32_t px;
	ck_assert_int_eq(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	cairo_surface_flush(s);
	px = ((const uint32_t *)(const void *)(cairo_image_surface_get_data(s) +
					       y * cairo_image_surface_get_stride(s)))[x];
	cairo_surface_destroy(s);
	return px & 0xffffff;
}

int stream_write(const unsigned char *data, size_t len, void *userdata)
{
	stream_out *o = userdata;
	if (o->fail_after && o->buf.len + len > o->fail_after)
		return VNDOC_EIO;
	return vndoc_buf_put(&o->buf, data, len);
}

/* The PDF of `path` laid out whole and streamed page by page: the same
 * bytes, the same number of pages. */
void check_stream_same(const char *path)
{
	vndoc_package *pkg = NULL;
	vndoc_docx *doc = NULL;
	vndoc_layout *l = NULL;
	vndoc_error e;
	stream_out o = { VNDOC_BUF_INIT((size_t)1 << 28), 0 };
	char *pdf, msg[1024];
	size_t len, pages = 0;

	vndoc_error_clear(&e);
	if (vndoc_package_open(&pkg, path, &e) < 0 || vndoc_docx_load(&doc, pkg, &e) < 0 ||
	    vndoc_layout_run(&l, doc, NULL, &e) < 0)
		ck_abort_msg("%s: %s", path, vndoc_error_format(&e, msg, sizeof msg));
	ck_assert_int_eq(vndoc_render_pdf_memory(&pdf, &len, l, NULL, &e), 0);
	if (vndoc_render_pdf_stream(doc, NULL, NULL, stream_write, &o, &pages, &e) < 0)
		ck_abort_msg("%s: %s", path, vndoc_error_format(&e, msg, sizeof msg));
	ck_assert_uint_eq(pages, vndoc_layout_page_count(l));
	ck_assert_uint_eq(o.buf.len, len);
	ck_assert_msg(memcmp(o.buf.ptr, pdf, len) == 0, "%s: streamed PDF differs", path);
	free(pdf);
	vndoc_buf_dispose(&o.buf);
	vndoc_layout_free(l);
	vndoc_docx_free(doc);
	vndoc_package_free(pkg);
}

/* Lays out and writes `doc` as a streamed PDF into *out (malloc'd). */
void pdf_of(const vndoc_docx *doc, const char *what, char **out, size_t *len, size_t *pages)
{
	stream_out o = { VNDOC_BUF_INIT((size_t)1 << 30), 0 };
	vndoc_error e;
	char msg[1024];

	vndoc_error_clear(&e);
	if (vndoc_render_pdf_stream(doc, NULL, NULL, stream_write, &o, pages, &e) < 0)
		ck_abort_msg("%s: %s", what, vndoc_error_format(&e, msg, sizeof msg));
	*out = vndoc_buf_detach(&o.buf, len);
}

/* The document at `path` read whole (vndoc_docx_load) and streamed
 * (vndoc_docx_open): the same PDF bytes, the same pages, the same layout
 * dump. */
void check_open_same(const char *path)
{
	vndoc_package *pkg = NULL;
	vndoc_docx *loaded = NULL, *opened = NULL;
	vndoc_layout *l1 = NULL, *l2 = NULL;
	vndoc_error e;
	char *pdf1, *pdf2, *d1, *d2, msg[1024];
	size_t len1, len2, pages1 = 0, pages2 = 0;

	vndoc_error_clear(&e);
	if (vndoc_package_open(&pkg, path, &e) < 0 || vndoc_docx_load(&loaded, pkg, &e) < 0 ||
	    vndoc_docx_open(&opened, pkg, &e) < 0)
		ck_abort_msg("%s: %s", path, vndoc_error_format(&e, msg, sizeof msg));
	ck_assert_uint_eq(opened->body.n_blocks, loaded->body.n_blocks);
	ck_assert_uint_eq(opened->n_sections, loaded->n_sections);
	ck_assert_uint_eq(opened->n_stories, loaded->n_stories);
	ck_assert_uint_eq(opened->n_images, loaded->n_images);
	ck_assert_uint_eq(opened->n_warnings, loaded->n_warnings);
	pdf_of(loaded, path, &pdf1, &len1, &pages1);
	pdf_of(opened, path, &pdf2, &len2, &pages2);
	ck_assert_msg(pages1 == pages2, "%s: %zu pages loaded, %zu opened", path, pages1, pages2);
	ck_assert_msg(len1 == len2 && memcmp(pdf1, pdf2, len1) == 0, "%s: PDF differs", path);
	/* Laid out whole too: a streamed document goes back to its start. */
	if (vndoc_layout_run(&l1, loaded, NULL, &e) < 0 || vndoc_layout_run(&l2, opened, NULL, &e) < 0)
		ck_abort_msg("%s: %s", path, vndoc_error_format(&e, msg, sizeof msg));
	d1 = dump_layout(l1);
	d2 = dump_layout(l2);
	ck_assert_msg(strcmp(d1, d2) == 0, "%s: layout differs", path);
	ck_assert_uint_eq(vndoc_docx_rows_held_peak(loaded), 0);
	free(d1);
	free(d2);
	free(pdf1);
	free(pdf2);
	vndoc_layout_free(l1);
	vndoc_layout_free(l2);
	vndoc_docx_free(opened);
	vndoc_docx_free(loaded);
	vndoc_package_free(pkg);
}

/* A folder package: word/document.xml with `body` and a footer holding
 * `footer` (paragraph content), referenced by the body's last section. */
const char *write_doc_footer(const char *body, const char *footer)
{
	vndoc_buf b = VNDOC_BUF_INIT((size_t)1 << 28);
	const char *dir;

	vndoc_buf_printf(&b, "%s<w:sectPr xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
			 "<w:footerReference w:type=\"default\" r:id=\"rIdF\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
			 "<w:pgMar w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\" w:header=\"567\" "
			 "w:footer=\"567\"/></w:sectPr>", body);
	dir = write_doc(b.ptr);
	vndoc_buf_clear(&b);
	vndoc_buf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<w:ftr %s><w:p>%s</w:p></w:ftr>", W_NS,
			 footer);
	put_part(dir, "word/footer1.xml", b.ptr);
	put_part(dir, "word/_rels/document.xml.rels",
		 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Relationships "
		 "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		 "<Relationship Id=\"rIdF\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
		 "2006/relationships/footer\" Target=\"footer1.xml\"/></Relationships>");
	vndoc_buf_dispose(&b);
	return dir;
}
