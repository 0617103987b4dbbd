/*
 * test_e2e_pictures.c: pictures from data (issue 16, item 5).  A form with
 * a signature in the text ({%chu_ky}), a seal alone in a centred paragraph
 * ({%%dau}) and a photo in a table cell ({%anh}), merged by the CLI from
 * PNG files beside the data file: the package holds the media parts, their
 * relationships and content type; `vndoc render` draws the three pictures
 * where LibreOffice draws them (within 3 px at 72 dpi); a path leaving the
 * folder and a symbolic link are refused.
 */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "package/package.h"
#include "pictures_common.h"
#include "test.h"

/* 60x20, one colour */
static const char SIGN_PNG[] =
	"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x3c\x00\x00\x00\x14"
	"\x08\x02\x00\x00\x00\x5e\x61\xc9\x7e\x00\x00\x00\x2b\x49\x44\x41\x54\x78\xda\xed\xce\x41\x09\x00"
	"\x00\x08\x00\xb1\xeb\x9f\xcc\x58\xa6\xf0\x21\x0c\x16\x60\xd5\x3c\x24\x2d\x2d\x2d\x2d\x2d\x2d\x2d"
	"\x2d\x2d\x2d\x2d\x2d\x7d\x60\x01\x53\xe2\xa9\xae\x54\xf4\x46\x36\x00\x00\x00\x00\x49\x45\x4e\x44"
	"\xae\x42\x60\x82";
static const size_t SIGN_LEN = 100;

/* 30x40, one colour */
static const char PHOTO_PNG[] =
	"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x1e\x00\x00\x00\x28"
	"\x08\x02\x00\x00\x00\x66\x71\xdd\x45\x00\x00\x00\x29\x49\x44\x41\x54\x78\xda\xed\xcc\x41\x09\x00"
	"\x00\x08\x00\xb1\xeb\x1f\xc0\xbc\xa6\xf0\x21\x0c\xf6\x5e\x4d\x57\xd4\x6a\xb5\x5a\xad\x56\xab\xd5"
	"\x6a\xb5\x5a\xfd\xbf\x5e\xfa\xa1\xbf\x3f\xf2\xb1\x5a\x70\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42"
	"\x60\x82";
static const size_t PHOTO_LEN = 98;

static const char DOCUMENT[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
	"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
	"<w:body><w:p><w:r><w:t xml:space=\"preserve\">Người ký: {%chu_ky} (đã ký)</w:t></w:r></w:p>"
	"<w:p><w:r><w:t>{%%dau}</w:t></w:r></w:p>"
	"<w:tbl><w:tblPr><w:tblW w:w=\"6000\" w:type=\"dxa\"/></w:tblPr>"
	"<w:tblGrid><w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"3000\"/></w:tblGrid>"
	"<w:tr><w:tc><w:tcPr><w:tcW w:w=\"3000\" w:type=\"dxa\"/></w:tcPr><w:p><w:r><w:t>Ảnh</w:t></w:r></w:p></w:tc>"
	"<w:tc><w:tcPr><w:tcW w:w=\"3000\" w:type=\"dxa\"/></w:tcPr><w:p><w:r><w:t>{%anh}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
	"<w:p/><w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
	"<w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/>"
	"</w:sectPr></w:body></w:document>";

/* The form and its data in `dir`, the pictures in `dir`/anh. */
static void make_inputs(const char *dir, const char *data_json)
{
	char path[4200];

	snprintf(path, sizeof path, "%s/anh", dir);
	mkdir(path, 0755);
	write_file(path, "dau.png", SEAL_PNG, SEAL_LEN);
	write_file(path, "chu_ky.png", SIGN_PNG, SIGN_LEN);
	write_file(path, "the.png", PHOTO_PNG, PHOTO_LEN);
	snprintf(path, sizeof path, "%s/mau.docx", dir);
	write_form(path, DOCUMENT);
	write_file(dir, "du_lieu.json", data_json, strlen(data_json));
}

static const char DATA[] =
	"{\"chu_ky\": \"anh/chu_ky.png\", \"dau\": {\"src\": \"anh/dau.png\", \"width\": 30},"
	" \"anh\": {\"src\": \"anh/the.png\", \"height\": 40}}";

static int run(const char *dir, const char *cmd_fmt, char **errout)
{
	char cmd[12000];
	snprintf(cmd, sizeof cmd, cmd_fmt, dir, VNDOC_EXE);
	return test_run(cmd, NULL, errout);
}

START_TEST(e2e_pictures__package_holds_media_relationships_and_type)
{
	const char *dir = test_tmpdir();
	char out[4200], *doc, *rels, *types, *media, *err = NULL;
	size_t len;

	make_inputs(dir, DATA);
	ck_assert_msg(run(dir, "cd '%s' && '%s' merge mau.docx du_lieu.json -o don.docx", &err) == 0, "%s", err);
	free(err);
	snprintf(out, sizeof out, "%s/don.docx", dir);
	doc = test_read_part(out, "word/document.xml", &len);
	ck_assert_ptr_nonnull(strstr(doc, "Người ký: </w:t><w:drawing>"));
	ck_assert_ptr_nonnull(strstr(doc, "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing>"));
	/* 30 mm wide, square; 40 mm high, 30:40 */
	ck_assert_ptr_nonnull(strstr(doc, "<wp:extent cx=\"1080000\" cy=\"1080000\"/>"));
	ck_assert_ptr_nonnull(strstr(doc, "<wp:extent cx=\"1080000\" cy=\"1440000\"/>"));
	ck_assert_ptr_nonnull(strstr(doc, "<wp:extent cx=\"571500\" cy=\"190500\"/>")); /* 60 x 20 px */
	rels = test_read_part(out, "word/_rels/document.xml.rels", &len);
	for (int i = 1; i <= 3; i++) {
		char want[200];
		snprintf(want, sizeof want, "Id=\"rIdVndocPic%d\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
			 "2006/relationships/image\" Target=\"media/vndoc-document-%d.png\"", i, i);
		ck_assert_msg(strstr(rels, want), "no %s in %s", want, rels);
	}
	media = test_read_part(out, "word/media/vndoc-document-2.png", &len);
	ck_assert_uint_eq(len, SEAL_LEN);
	ck_assert_int_eq(memcmp(media, SEAL_PNG, len), 0);
	types = test_read_part(out, "[Content_Types].xml", &len);
	ck_assert_ptr_nonnull(strstr(types, "<Default Extension=\"png\" ContentType=\"image/png\"/></Types>"));
	free(doc);
	free(rels);
	free(media);
	free(types);
}
END_TEST

/* The bounding box of the pixels of one colour in a P6 PPM. */
static void colour_box(const char *ppm, int channel, int box[4])
{
	size_t len;
	char *d = test_read_file(ppm, &len);
	int w, h, max, n = 0;
	const unsigned char *px;
	ck_assert_int_eq(sscanf(d, "P6 %d %d %d%n", &w, &h, &max, &n), 3);
	px = (const unsigned char *)d + n + 1;
	box[0] = box[1] = 1 << 30;
	box[2] = box[3] = -1;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			const unsigned char *p = px + 3 * ((size_t)y * w + x);
			if (p[channel] > 120 && p[(channel + 1) % 3] < 70 && p[(channel + 2) % 3] < 70) {
				box[0] = x < box[0] ? x : box[0];
				box[1] = y < box[1] ? y : box[1];
				box[2] = x > box[2] ? x : box[2];
				box[3] = y > box[3] ? y : box[3];
			}
		}
	free(d);
}

START_TEST(e2e_pictures__render_draws_them_where_libreoffice_does)
{
	const char *dir = test_tmpdir();
	char *err = NULL, *pdf;
	size_t len;
	int images = 0;

	make_inputs(dir, DATA);
	ck_assert_msg(run(dir, "cd '%s' && '%s' merge mau.docx du_lieu.json -o don.docx", &err) == 0, "%s", err);
	free(err), err = NULL;
	ck_assert_msg(run(dir, "cd '%s' && mkdir -p v && '%s' render don.docx -o v/don.pdf", &err) == 0, "%s", err);
	free(err), err = NULL;
	{
		char path[4200];
		snprintf(path, sizeof path, "%s/v/don.pdf", dir);
		pdf = test_read_file(path, &len);
		for (const char *p = pdf; (p = memmem(p, len - (size_t)(p - pdf), "/Subtype /Image", 15)); p++)
			images++;
		free(pdf);
		ck_assert_int_eq(images, 3);
	}
	ck_assert_msg(run(dir, "cd '%s' && mkdir -p lo && HOME=\"$PWD\" timeout 180 soffice --headless --norestore "
			  "--convert-to pdf --outdir lo don.docx >/dev/null 2>&1; : '%s'", &err) == 0, "%s", err);
	free(err), err = NULL;
	ck_assert_msg(run(dir, "cd '%s' && pdftoppm -r 72 -f 1 -l 1 v/don.pdf v/p && pdftoppm -r 72 -f 1 -l 1 "
			  "lo/don.pdf lo/p; : '%s'", &err) == 0, "%s", err);
	free(err);
	for (int channel = 0; channel < 3; channel++) {
		char a[4200], b[4200];
		int va[4], lb[4];
		snprintf(a, sizeof a, "%s/v/p-1.ppm", dir);
		snprintf(b, sizeof b, "%s/lo/p-1.ppm", dir);
		colour_box(a, channel, va);
		colour_box(b, channel, lb);
		ck_assert_msg(va[2] >= 0 && lb[2] >= 0, "colour %d: a picture is missing", channel);
		for (int k = 0; k < 4; k++)
			ck_assert_msg(abs(va[k] - lb[k]) <= 3, "colour %d: vndoc %d,%d-%d,%d, LibreOffice %d,%d-%d,%d",
				      channel, va[0], va[1], va[2], va[3], lb[0], lb[1], lb[2], lb[3]);
	}
}
END_TEST

START_TEST(e2e_pictures__leaving_the_folder_and_links_are_refused)
{
	const char *dir = test_tmpdir();
	char *err = NULL, link[4200];

	make_inputs(dir, "{\"chu_ky\": \"../anh/chu_ky.png\", \"dau\": \"anh/lien_ket.png\", \"anh\": \"anh/the.png\"}");
	snprintf(link, sizeof link, "%s/anh/lien_ket.png", dir);
	ck_assert_int_eq(symlink("dau.png", link), 0);
	ck_assert_int_eq(run(dir, "cd '%s' && '%s' merge mau.docx du_lieu.json -o don.docx", &err), 1);
	ck_assert_msg(strstr(err, "{%chu_ky}: picture '../anh/chu_ky.png': the path must stay inside the data "
			      "file's folder"), "%s", err);
	ck_assert_msg(strstr(err, "{%%dau}: picture 'anh/lien_ket.png': a symbolic link, not a picture"), "%s", err);
	free(err);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("e2e_pictures");
	TCase *tc = tcase_create("pictures");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, e2e_pictures__package_holds_media_relationships_and_type);
	tcase_add_test(tc, e2e_pictures__render_draws_them_where_libreoffice_does);
	tcase_add_test(tc, e2e_pictures__leaving_the_folder_and_links_are_refused);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
