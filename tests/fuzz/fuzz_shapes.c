/*
 * fuzz_shapes.c: shapes and VML (docx/shapes.c, docx/vml.c) through
 * loading, layout and drawing.  The input is what a run holds (a
 * w:drawing, a w:pict, an mc:AlternateContent around them, text): it is
 * put in a paragraph between two others, with every namespace Word
 * declares and the theme the shapes' colours refer to, then loaded, laid
 * out, dumped and drawn to a PDF in memory.
 */
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
static const char rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
	"2006/relationships\"><Relationship Id=\"rIdT\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	"relationships/theme\" Target=\"theme/theme1.xml\"/></Relationships>";
/* The colours and lines of a theme (schemeClr, lnRef, fillRef). */
static const char theme[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/"
	"2006/main\" name=\"T\"><a:themeElements><a:clrScheme name=\"T\"><a:dk1><a:sysClr val=\"windowText\" "
	"lastClr=\"000000\"/></a:dk1><a:lt1><a:sysClr val=\"window\" lastClr=\"FFFFFF\"/></a:lt1><a:dk2><a:srgbClr "
	"val=\"44546A\"/></a:dk2><a:lt2><a:srgbClr val=\"E7E6E6\"/></a:lt2><a:accent1><a:srgbClr val=\"4472C4\"/>"
	"</a:accent1><a:accent2><a:srgbClr val=\"ED7D31\"/></a:accent2><a:accent3><a:srgbClr val=\"A5A5A5\"/>"
	"</a:accent3><a:accent4><a:srgbClr val=\"FFC000\"/></a:accent4><a:accent5><a:srgbClr val=\"5B9BD5\"/>"
	"</a:accent5><a:accent6><a:srgbClr val=\"70AD47\"/></a:accent6><a:hlink><a:srgbClr val=\"0563C1\"/>"
	"</a:hlink><a:folHlink><a:srgbClr val=\"954F72\"/></a:folHlink></a:clrScheme><a:fmtScheme name=\"T\">"
	"<a:fillStyleLst><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr "
	"val=\"phClr\"><a:tint val=\"50000\"/></a:schemeClr></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/>"
	"</a:solidFill></a:fillStyleLst><a:lnStyleLst><a:ln w=\"6350\"><a:solidFill><a:schemeClr val=\"phClr\"/>"
	"</a:solidFill></a:ln><a:ln w=\"12700\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>"
	"<a:ln w=\"19050\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln></a:lnStyleLst>"
	"</a:fmtScheme></a:themeElements></a:theme>";
static const char head[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document "
	"xmlns:wpc=\"http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas\" "
	"xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "
	"xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
	"xmlns:v=\"urn:schemas-microsoft-com:vml\" "
	"xmlns:wp14=\"http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing\" "
	"xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
	"xmlns:w10=\"urn:schemas-microsoft-com:office:word\" "
	"xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
	"xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" "
	"xmlns:wpg=\"http://schemas.microsoft.com/office/word/2010/wordprocessingGroup\" "
	"xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" "
	"xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
	"xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\" mc:Ignorable=\"w14 wp14\">"
	"<w:body><w:p><w:r><w:t>Trước hình.</w:t></w:r></w:p><w:p><w:r>";
static const char tail[] =
	"</w:r></w:p><w:p><w:r><w:t>Sau hình, một đoạn đủ dài để xuống dòng quanh một hình nổi bên cạnh nó "
	"nếu có.</w:t></w:r></w:p></w:body></w:document>";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vndoc_buf body = VNDOC_BUF_INIT(1u << 20);
	vndoc_package *pkg = NULL;
	vndoc_docx *doc = NULL;
	vndoc_layout *l = NULL;
	vndoc_render_pdf_options po = VNDOC_RENDER_PDF_OPTIONS_INIT;
	vndoc_error err;
	char *zip = NULL, *pdf = NULL;
	size_t len, pdf_len;

	if (size > 32768)
		return 0; /* layout time grows with the text; keep runs short */
	vndoc_buf_put(&body, head, sizeof head - 1);
	vndoc_buf_put(&body, (const char *)data, size);
	vndoc_buf_put(&body, tail, sizeof tail - 1);
	{
		vndoc_part parts[] = {
			{ "[Content_Types].xml", content_types, sizeof content_types - 1, NULL },
			{ "word/document.xml", body.ptr, body.len, NULL },
			{ "word/_rels/document.xml.rels", rels, sizeof rels - 1, NULL },
			{ "word/theme/theme1.xml", theme, sizeof theme - 1, NULL },
		};
		if (vndoc_package_write_memory(&zip, &len, NULL, parts, sizeof parts / sizeof parts[0], NULL, &err) < 0)
			goto done;
	}
	if (vndoc_package_open_memory(&pkg, zip, len, "fuzz.docx", &err) == 0 &&
	    vndoc_docx_load(&doc, pkg, &err) == 0 && vndoc_layout_run(&l, doc, NULL, &err) == 0) {
		vndoc_buf dump = VNDOC_BUF_INIT(1 << 24);
		vndoc_render_dump(l, &dump);
		vndoc_buf_dispose(&dump);
		if (vndoc_render_pdf_memory(&pdf, &pdf_len, l, &po, &err) == 0)
			free(pdf);
	}
done:
	vndoc_layout_free(l);
	vndoc_docx_free(doc);
	vndoc_package_free(pkg);
	free(zip);
	vndoc_buf_dispose(&body);
	return 0;
}
