/* tests/e2e/pictures_common.c: see pictures_common.h. */
#include <stdio.h>
#include <string.h>

#include "package/package.h"
#include "pictures_common.h"
#include "test.h"

const char SEAL_PNG[] =
	"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x28\x00\x00\x00\x28"
	"\x08\x02\x00\x00\x00\x03\x9c\x2f\x3a\x00\x00\x00\x2d\x49\x44\x41\x54\x78\xda\xed\xcd\x41\x09\x00"
	"\x00\x08\x00\xb1\xeb\x9f\xcc\x58\x96\x10\xfc\x0c\xf6\x5f\x53\x2f\x12\x8b\xc5\x62\xb1\x58\x2c\x16"
	"\x8b\xc5\x62\xb1\x58\x2c\x16\x8b\xef\x2c\x11\xb8\xe2\x3d\xc4\x5d\x63\xf2\x00\x00\x00\x00\x49\x45"
	"\x4e\x44\xae\x42\x60\x82";
const size_t SEAL_LEN = 102;

static const char CONTENT_TYPES[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/word/document.xml\" "
	"ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

static const char RELS[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
	"Target=\"word/document.xml\"/></Relationships>";

void write_file(const char *dir, const char *name, const char *data, size_t len)
{
	char path[4200];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	ck_assert_msg((f = fopen(path, "wb")) != NULL, "cannot write %s", path);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	fclose(f);
}

void write_form(const char *path, const char *document)
{
	vndoc_part parts[] = {
		{ "[Content_Types].xml", CONTENT_TYPES, sizeof CONTENT_TYPES - 1, NULL },
		{ "_rels/.rels", RELS, sizeof RELS - 1, NULL },
		{ "word/document.xml", document, strlen(document), NULL },
	};
	vndoc_error err;
	ck_assert_int_eq(vndoc_package_write(NULL, parts, 3, path, NULL, &err), 0);
}
