/*
 * fuzz_collect.c: a returned form read back (src/collect).  The input is
 * the text of word/document.xml, put in a package with a numbering part;
 * the body becomes the plain view, its registration tables are found and
 * read, the heading and the signer too, whatever the text.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "collect/collect_internal.h"
#include "package/package.h"

static const char content_types[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
	"content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
static const char rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
	"2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	"relationships/numbering\" Target=\"numbering.xml\"/></Relationships>";
static const char numbering[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering xmlns:w=\"http://schemas.openxmlformats.org/"
	"wordprocessingml/2006/main\"><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>"
	"<w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\">"
	"<w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vndoc_part parts[] = {
		{ "[Content_Types].xml", content_types, sizeof content_types - 1, NULL },
		{ "word/_rels/document.xml.rels", rels, sizeof rels - 1, NULL },
		{ "word/numbering.xml", numbering, sizeof numbering - 1, NULL },
		{ "word/document.xml", (const char *)data, size, NULL },
	};
	vndoc_package *pkg = NULL;
	vndoc_collect__form form;
	vndoc_error_list notes = VNDOC_ERROR_LIST_INIT;
	vndoc_value *unit = NULL;
	vndoc_error err;
	char *zip = NULL;
	size_t len;

	if (vndoc_package_write_memory(&zip, &len, NULL, parts, sizeof parts / sizeof parts[0], NULL, &err) < 0)
		return 0;
	memset(&form, 0, sizeof form);
	form.path = "fuzz.docx";
	form.notes = &notes;
	if (vndoc_package_open_memory(&pkg, zip, len, "fuzz.docx", &err) == 0 &&
	    vndoc_collect__read_package(&form, pkg, &err) == 0)
		vndoc_collect__unit_of(&unit, &form, &err);
	vndoc_value_free(unit);
	vndoc_collect__form_dispose(&form);
	vndoc_error_list_dispose(&notes);
	vndoc_package_free(pkg);
	free(zip);
	return 0;
}
