/*
 * test_e2e_pictures_stream.c: pictures from data in streamed merges (the
 * batch's plan and summary), and a JPEG from data drawn by render.
 *
 * A list of units, each with its logo ({%logo} in a section over them),
 * merged whole (vndoc_tmpl_merge) and streamed (vndoc_tmpl_merge_stream):
 * the same bytes; the same logo twice is one media part drawn twice.  The
 * JPEG is made by PIL (python3-pil, scripts/deps.sh --test); `vndoc render`
 * puts it in the PDF as a DCT image of its own size.
 */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "data/data.h"
#include "package/package.h"
#include "pictures_common.h"
#include "test.h"
#include "tmpl/tmpl.h"

static const char DOCUMENT[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
	"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
	"<w:body><w:p><w:r><w:t>{#don_vi}</w:t></w:r></w:p>"
	"<w:p><w:r><w:t xml:space=\"preserve\">{ten}: {%logo}</w:t></w:r></w:p>"
	"<w:p><w:r><w:t>{/don_vi}</w:t></w:r></w:p>"
	"<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
	"<w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/>"
	"</w:sectPr></w:body></w:document>";

static const char UNITS[] =
	"{\"don_vi\": [{\"ten\": \"Trường A\", \"logo\": \"anh/dau.png\"},"
	" {\"ten\": \"Trường B\", \"logo\": {\"src\": \"anh/logo.jpg\", \"width\": 20}},"
	" {\"ten\": \"Trường C\", \"logo\": \"anh/dau.png\"}]}";

/* mau.docx, du_lieu.json (`data`) and anh/: dau.png, and logo.jpg, 48x32
 * pixels, made by PIL. */
static void make_inputs(const char *dir, const char *data)
{
	char path[4200], cmd[5000], *out = NULL;

	snprintf(path, sizeof path, "%s/anh", dir);
	mkdir(path, 0755);
	write_file(path, "dau.png", SEAL_PNG, SEAL_LEN);
	snprintf(cmd, sizeof cmd,
		 "/usr/bin/python3 -c 'from PIL import Image; Image.new(\"RGB\", (48, 32), (30, 40, 200))"
		 ".save(\"%s/logo.jpg\", quality=90)'", path);
	ck_assert_msg(test_run(cmd, NULL, &out) == 0, "PIL (python3-pil) made no JPEG: %s", out);
	free(out);
	snprintf(path, sizeof path, "%s/mau.docx", dir);
	write_form(path, DOCUMENT);
	write_file(dir, "du_lieu.json", data, strlen(data));
}

typedef struct {
	const vndoc_value *list;
	size_t next;
} list_stream;

static int list_next(void *userdata, const vndoc_value **item, vndoc_error *err)
{
	list_stream *ls = userdata;
	(void)err;
	if (ls->next == vndoc_value_count(ls->list))
		return 0;
	*item = vndoc_value_at(ls->list, ls->next++);
	return 1;
}

static int list_rewind(void *userdata, vndoc_error *err)
{
	(void)err;
	((list_stream *)userdata)->next = 0;
	return 0;
}

static size_t count(const char *hay, size_t len, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = memmem(p, len - (size_t)(p - hay), needle, strlen(needle))); p++)
		n++;
	return n;
}

START_TEST(pictures_stream__streamed_merge_gives_the_whole_merges_bytes)
{
	const char *dir = test_tmpdir();
	vndoc_tmpl_options o = VNDOC_TMPL_OPTIONS_INIT;
	vndoc_tmpl *t = NULL;
	vndoc_value *data = NULL, *top = NULL;
	const vndoc_value *scopes[1];
	list_stream ls;
	vndoc_tmpl_stream st = { "don_vi", 3, list_next, list_rewind, &ls };
	vndoc_error err;
	char path[4200], whole[4200], streamed[4200], *a, *b, *doc;
	size_t a_len, b_len, len;

	make_inputs(dir, UNITS);
	snprintf(path, sizeof path, "%s/du_lieu.json", dir);
	ck_assert_int_eq(vndoc_data_load_file(&data, path, &err), 0);
	o.picture_dir = dir;
	snprintf(path, sizeof path, "%s/mau.docx", dir);
	ck_assert_msg(vndoc_tmpl_load(&t, path, &o, NULL, &err) == 0, "%s", err.message);
	scopes[0] = data;
	snprintf(whole, sizeof whole, "%s/whole.docx", dir);
	ck_assert_msg(vndoc_tmpl_merge(t, scopes, 1, whole, NULL, &err) == 0, "%s", err.message);
	/* the list streamed, the scope without it */
	ls.list = vndoc_value_get(data, "don_vi", 6);
	ls.next = 0;
	top = vndoc_value_new_map();
	scopes[0] = top;
	snprintf(streamed, sizeof streamed, "%s/streamed.docx", dir);
	ck_assert_msg(vndoc_tmpl_merge_stream(t, scopes, 1, &st, 1, streamed, NULL, &err) == 0, "%s", err.message);
	a = test_read_file(whole, &a_len);
	b = test_read_file(streamed, &b_len);
	ck_assert_uint_eq(a_len, b_len);
	ck_assert_int_eq(memcmp(a, b, a_len), 0);
	/* three drawings, two media parts: the seal once */
	doc = test_read_part(streamed, "word/document.xml", &len);
	ck_assert_uint_eq(count(doc, len, "<w:drawing>"), 3);
	ck_assert_uint_eq(count(doc, len, "r:embed=\"rIdVndocPic1\""), 2);
	ck_assert_uint_eq(count(doc, len, "r:embed=\"rIdVndocPic2\""), 1);
	ck_assert_ptr_nonnull(strstr(doc, "<wp:docPr id=\"900001\""));
	ck_assert_ptr_nonnull(strstr(doc, "<wp:docPr id=\"900003\""));
	free(doc);
	doc = test_read_part(streamed, "word/media/vndoc-document-2.jpeg", &len);
	ck_assert_uint_ge(len, 100);
	free(doc);
	doc = test_read_part(streamed, "word/_rels/document.xml.rels", &len);
	ck_assert_ptr_nonnull(strstr(doc, "Target=\"media/vndoc-document-1.png\""));
	ck_assert_ptr_null(strstr(doc, "rIdVndocPic3"));
	free(doc);
	free(a);
	free(b);
	vndoc_value_free(top);
	vndoc_value_free(data);
	vndoc_tmpl_free(t);
}
END_TEST

START_TEST(pictures_stream__render_draws_the_jpeg_as_dct)
{
	const char *dir = test_tmpdir();
	char cmd[9000], *out = NULL, *err = NULL;

	make_inputs(dir, UNITS);
	snprintf(cmd, sizeof cmd, "cd '%s' && '%s' merge mau.docx du_lieu.json -o don.docx && '%s' render don.docx -o don.pdf",
		 dir, VNDOC_EXE, VNDOC_EXE);
	ck_assert_msg(test_run(cmd, NULL, &err) == 0, "%s", err);
	free(err), err = NULL;
	/* pdfimages -list: page num type width height color comp bpc enc */
	snprintf(cmd, sizeof cmd, "cd '%s' && pdfimages -list don.pdf | awk 'NR > 2 { print $4 \"x\" $5, $9 }'", dir);
	ck_assert_msg(test_run(cmd, &out, &err) == 0, "%s", err);
	ck_assert_msg(strstr(out, "48x32 jpeg\n"), "no 48x32 DCT image in the PDF:\n%s", out);
	ck_assert_msg(count(out, strlen(out), "\n") == 3, "not three pictures in the PDF:\n%s", out);
	free(out);
	free(err);
}
END_TEST

/* The batch: the summary (tong-hop, a streamed merge over the units) with
 * each unit's logo, and each unit's form (bieu-dang-ky) with it too, from
 * a path beside the data file. */
START_TEST(pictures_stream__batch_reads_pictures_beside_its_data)
{
	const char *dir = test_tmpdir();
	char cmd[12000], *out = NULL, *err = NULL, path[4200], *doc;
	size_t len, units;

	make_inputs(dir, UNITS);
	snprintf(cmd, sizeof cmd,
		 "cd '%s' && cp -r '%s/templates' mau && "
		 "sed -i 's/{ca_nhan.length} cá nhân/& {%%logo}/' mau/tong-hop/word/document.xml && "
		 "sed -i 's/{ten_in_hoa}/& {%%logo}/' mau/bieu-dang-ky/word/document.xml && "
		 "grep -c '{%%logo}' mau/tong-hop/word/document.xml mau/bieu-dang-ky/word/document.xml && "
		 "mkdir -p d/anh && cp anh/dau.png d/anh/ && /usr/bin/python3 -c 'import json, sys\n"
		 "d = json.load(open(sys.argv[1]))\nfor u in d[\"don_vi\"]: u[\"logo\"] = \"anh/dau.png\"\n"
		 "json.dump(d, open(\"d/du_lieu.json\", \"w\"), ensure_ascii=False)\nprint(len(d[\"don_vi\"]))' "
		 "'%s/samples/lai-chau.json' && VNDOC_TEMPLATES=mau '%s' batch -q --no-pdf d/du_lieu.json -o ra",
		 dir, VNDOC_SOURCE_DIR, VNDOC_SOURCE_DIR, VNDOC_EXE);
	ck_assert_msg(test_run(cmd, &out, &err) == 0, "%s\n%s", out, err);
	ck_assert_msg(strstr(out, "document.xml:1\n"), "%s", out);
	/* the last line: the units python3 counted */
	{
		size_t n = strlen(out);
		while (n && out[n - 1] == '\n')
			out[--n] = '\0';
		units = strtoul(strrchr(out, '\n') ? strrchr(out, '\n') + 1 : out, NULL, 10);
	}
	snprintf(path, sizeof path, "%s/ra/tong-hop.docx", dir);
	doc = test_read_part(path, "word/document.xml", &len);
	ck_assert_uint_ge(units, 2);
	ck_assert_uint_eq(count(doc, len, "<w:drawing>"), units);
	ck_assert_uint_eq(count(doc, len, "<w:drawing>"), count(doc, len, "r:embed=\"rIdVndocPic1\""));
	free(doc);
	doc = test_read_part(path, "word/media/vndoc-document-1.png", &len);
	ck_assert_uint_eq(len, SEAL_LEN);
	free(doc);
	free(out), out = NULL;
	free(err), err = NULL;
	/* a unit's form (merged whole) has its logo too */
	snprintf(cmd, sizeof cmd, "cd '%s' && ls ra/*/*.docx | head -n 1", dir);
	ck_assert_int_eq(test_run(cmd, &out, &err), 0);
	out[strcspn(out, "\n")] = '\0';
	snprintf(path, sizeof path, "%s/%s", dir, out);
	doc = test_read_part(path, "word/document.xml", &len);
	ck_assert_uint_eq(count(doc, len, "r:embed=\"rIdVndocPic1\""), 1);
	free(doc);
	free(out);
	free(err);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("e2e_pictures_stream");
	TCase *tc = tcase_create("pictures_stream");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, pictures_stream__streamed_merge_gives_the_whole_merges_bytes);
	tcase_add_test(tc, pictures_stream__render_draws_the_jpeg_as_dct);
	tcase_add_test(tc, pictures_stream__batch_reads_pictures_beside_its_data);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
