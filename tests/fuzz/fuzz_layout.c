/*
 * fuzz_layout.c: the document model and the layout of a WordprocessingML
 * body.  The input is the text of word/document.xml, then optionally a NUL
 * byte and the text of word/settings.xml (a w:compatSetting
 * compatibilityMode of 15 lays out as Word 2013 and later: justified lines
 * that shrink their spaces, layout/shrink.c); it is put in a package with
 * three footnotes (w:id 1 to 3) and laid out, and the dump walked; then
 * read again while it is laid out (vndoc_docx_open), which must agree.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "docx/docx.h"
#include "layout/layout.h"
#include "package/package.h"
#include "render/render.h"

static const char content_types[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
	"content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";

/* Footnotes 1 to 3 (the last of two paragraphs), for the body's
 * w:footnoteReference to find. */
static const char rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
	"2006/relationships\"><Relationship Id=\"rIdN\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	"relationships/footnotes\" Target=\"footnotes.xml\"/></Relationships>";
static const char footnotes[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:footnotes xmlns:w=\"http://schemas.openxmlformats.org/"
	"wordprocessingml/2006/main\"><w:footnote w:type=\"separator\" w:id=\"0\"><w:p><w:r><w:separator/></w:r>"
	"</w:p></w:footnote><w:footnote w:id=\"1\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>Một.</w:t></w:r></w:p>"
	"</w:footnote><w:footnote w:id=\"2\"><w:p><w:r><w:t>Hai dòng chú thích, dài hơn một chút để xuống dòng "
	"khi cột hẹp.</w:t></w:r></w:p></w:footnote><w:footnote w:id=\"3\"><w:p><w:r><w:t>Ba.</w:t></w:r></w:p>"
	"<w:p><w:r><w:t>Đoạn hai.</w:t></w:r></w:p></w:footnote></w:footnotes>";

static int count_page(const vndoc_layout *l, const vndoc_page *page, void *userdata)
{
	(void)l;
	(void)page;
	(*(size_t *)userdata)++;
	return 0;
}

/* The same body read while it is laid out (vndoc_docx_open) must open
 * exactly when loading succeeds, and give as many pages. */
static void check_streamed(const vndoc_package *pkg, bool loaded, const vndoc_layout *whole)
{
	vndoc_docx *doc = NULL;
	vndoc_layout *l = NULL;
	vndoc_error err;
	size_t pages = 0;
	bool opened = vndoc_docx_open(&doc, pkg, &err) == 0;

	if (opened != loaded)
		abort();
	if (opened) {
		bool laid = vndoc_layout_stream(&l, doc, NULL, count_page, &pages, &err) == 0;
		if (laid != (whole != NULL) || (laid && pages != vndoc_layout_page_count(whole)))
			abort();
	}
	vndoc_layout_free(l);
	vndoc_docx_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *nul = memchr(text, '\0', size);
	size_t doc_len = nul ? (size_t)(nul - text) : size;
	vndoc_part parts[] = {
		{ "[Content_Types].xml", content_types, sizeof content_types - 1, NULL },
		{ "word/document.xml", text, doc_len, NULL },
		{ "word/_rels/document.xml.rels", rels, sizeof rels - 1, NULL },
		{ "word/footnotes.xml", footnotes, sizeof footnotes - 1, NULL },
		{ "word/settings.xml", nul ? nul + 1 : "", nul ? size - doc_len - 1 : 0, NULL },
	};
	vndoc_package *pkg = NULL;
	vndoc_docx *doc = NULL;
	vndoc_layout *l = NULL;
	vndoc_error err;
	char *zip;
	size_t len;

	if (size > 65536)
		return 0; /* layout time grows with the text; keep runs short */
	if (vndoc_package_write_memory(&zip, &len, NULL, parts, sizeof parts / sizeof parts[0] - (nul ? 0 : 1), NULL,
				       &err) < 0)
		return 0;
	if (vndoc_package_open_memory(&pkg, zip, len, "fuzz.docx", &err) == 0 &&
	    vndoc_docx_load(&doc, pkg, &err) == 0 && vndoc_layout_run(&l, doc, NULL, &err) == 0) {
		vndoc_buf dump = VNDOC_BUF_INIT(1 << 24);
		vndoc_render_dump(l, &dump);
		vndoc_buf_dispose(&dump);
	}
	if (pkg)
		check_streamed(pkg, doc != NULL, l);
	vndoc_layout_free(l);
	vndoc_docx_free(doc);
	vndoc_package_free(pkg);
	free(zip);
	return 0;
}
