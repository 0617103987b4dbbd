/*
 * test_e2e_collect.c: `vndoc collect` from the command line: every skipped
 * file named with its reason and every repair listed (standard error and
 * --report), exit 1; and the cycle without LibreOffice: batch writes the
 * sample's forms, collect reads them back field by field, and batch from
 * what was collected writes the same summary and plan, byte for byte;
 * batch --blank writes each unit's empty form from a unit list alone,
 * scripts/fill-forms.py fills them as a unit would in Word (typing into
 * cells, inserting and deleting rows), and collect and batch give back the
 * sample's registrations and its summary's bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "test.h"

#define FIX VNDOC_FIXTURES "/collect"
#define SAMPLES VNDOC_SOURCE_DIR "/samples/"

static int vndoc(const char *args, char **out, char **err)
{
	char cmd[65536];
	ck_assert_int_lt(snprintf(cmd, sizeof cmd, "cd '%s' && '%s' %s", FIX, VNDOC_EXE, args), (int)sizeof cmd);
	return test_run(cmd, out, err);
}

static const char notes[] =
	"warning: word-form.docx: I. TẬP THỂ, row 3, dia_chi: typed in the legacy font .VnTime: converted to Unicode\n"
	"warning: word-form.docx: II. CÁ NHÂN, row 3, ho_ten: typed in the legacy font VNI-Times: converted to Unicode\n"
	"warning: word-form.docx: II. CÁ NHÂN, row 3, chuc_vu; don_vi_cong_tac; noi_cu_tru: typed in the legacy font "
	"VNI-Times: converted to Unicode\n"
	"warning: word-form.docx: II. CÁ NHÂN, row 3, linh_vuc: a cell merged with the row above: its text taken for "
	"this row too\n"
	"word-form.docx: II. CÁ NHÂN, row 5: no name (Họ và tên), so the row is not taken (chuc_vu; "
	"don_vi_cong_tac; noi_cu_tru: \"Chuyên viên; Trung tâm; Bản Mồ Sì San\")\n"
	"warning: word-form.docx: II. CÁ NHÂN, row 6, ghi_chu: typed in the legacy font .VnTimeH: converted to Unicode\n"
	"warning: word-form.docx: II. CÁ NHÂN, row 6: \"Phó Giám đốc Trung tâm\" does not split into chuc_vu; "
	"don_vi_cong_tac; noi_cu_tru: kept whole in chuc_vu\n"
	"warning: word-form.docx: II. CÁ NHÂN, row 7: a cell spans the columns linh_vuc and giai_phap: its text "
	"taken as linh_vuc\n"
	"warning: seed-annex.docx: II. CÁ NHÂN, row 3: \"Chuyên viên; Phòng Văn hóa và Thông tin\" does not split "
	"into chuc_vu; don_vi_cong_tac; noi_cu_tru: kept whole in chuc_vu\n"
	"no-table.docx: skipped: no registration table: no table with the columns of the form (Stt, Đơn vị / Họ và "
	"tên, Điển hình thuộc lĩnh vực…)\n"
	"old-word.doc: skipped: a Word 97-2003 document (.doc), not .docx: open it in Word and save it as \"Word "
	"Document (*.docx)\"\n"
	"scan.pdf: skipped: a PDF, not a Word document: ask the unit for the .docx it printed\n"
	"not-a-docx.docx: skipped: not a Word document (.docx)\n"
	"no-document.docx: skipped: a zip without word/document.xml: not a Word document (.docx)\n"
	"%s/second-copy.docx: skipped: a second form of \"Trung tâm Văn hóa, Thể thao và Truyền thông huyện Phong "
	"Thổ\", already read from word-form.docx: keep the right one and collect again\n";

/* `text` with "vndoc: " before every line. */
static char *prefixed(const char *text)
{
	size_t n = strlen(text);
	char *out = malloc(n * 2 + 64), *o = out;
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p + 1) : strlen(p);
		o += sprintf(o, "vndoc: %.*s", (int)len, p);
		p += len;
	}
	*o = '\0';
	return out;
}

START_TEST(e2e_collect__skips_and_repairs_named)
{
	const char *dir = test_tmpdir();
	char args[8192], want[16384], want_err[32768], *out, *err, *report, *pre;
	const char *summary = "8 forms: 2 units (2 collectives, 6 individuals) written to %s/out.json; 6 skipped, "
			      "8 repairs, 1 piece of text not taken\n";

	snprintf(args, sizeof args, "cp '" FIX "/word-form.docx' '%s/second-copy.docx'", dir);
	ck_assert_int_eq(test_run(args, NULL, NULL), 0);
	snprintf(args, sizeof args,
		 "collect word-form.docx seed-annex.docx no-table.docx old-word.doc scan.pdf not-a-docx.docx no-document.docx "
		 "'%s/second-copy.docx' -o '%s/out.json' --report '%s/report.txt'", dir, dir, dir);
	ck_assert_int_eq(vndoc(args, &out, &err), 1);
	snprintf(want, sizeof want, notes, dir);
	pre = prefixed(want);
	snprintf(want_err, sizeof want_err, "%svndoc collect: ", pre);
	snprintf(want_err + strlen(want_err), sizeof want_err - strlen(want_err), summary, dir);
	ck_assert_str_eq(err, want_err);
	ck_assert_str_eq(out, "");
	snprintf(args, sizeof args, "%s/report.txt", dir);
	report = test_read_file(args, NULL);
	snprintf(want + strlen(want), sizeof want - strlen(want), summary, dir);
	ck_assert_str_eq(report, want);
	free(report);
	free(pre);
	free(out);
	free(err);
	/* the units read are written all the same */
	snprintf(args, sizeof args, "%s/out.json", dir);
	report = test_read_file(args, NULL);
	ck_assert_ptr_nonnull(strstr(report, "\"ten\": \"Phòng Văn hóa và Thông tin huyện Sìn Hồ\""));
	free(report);
}
END_TEST

/* Hostile files (tests/fixtures/hostile/) are skipped with the reason the
 * package and XML readers give, and nothing else is read. */
START_TEST(e2e_collect__hostile_files_skipped)
{
	char *out, *err;
	ck_assert_int_eq(vndoc("collect ../hostile/zip-bomb.docx ../hostile/billion-laughs.docx ../hostile/traversal.docx "
			       "seed-annex.docx -o \"$(mktemp -d)/x.json\" -q", &out, &err), 1);
	ck_assert_str_eq(err,
		"vndoc: ../hostile/zip-bomb.docx[word/document.xml]: skipped: compression ratio is too high (zip bomb?)\n"
		"vndoc: ../hostile/billion-laughs.docx[word/document.xml]:1: skipped: DOCTYPE declarations are refused\n"
		"vndoc: ../hostile/traversal.docx[../../evil.xml]: skipped: unsafe part name: \".\" or \"..\" segment\n"
		"vndoc: warning: seed-annex.docx: II. CÁ NHÂN, row 3: \"Chuyên viên; Phòng Văn hóa và Thông tin\" does not "
		"split into chuc_vu; don_vi_cong_tac; noi_cu_tru: kept whole in chuc_vu\n");
	free(out);
	free(err);
}
END_TEST

START_TEST(e2e_collect__usage)
{
	char *out, *err;
	ck_assert_int_eq(vndoc("collect word-form.docx", &out, &err), 2);
	ck_assert_ptr_nonnull(strstr(err, "vndoc collect: missing -o FILE\n"));
	free(out);
	free(err);
	ck_assert_int_eq(vndoc("collect word-form.docx -o /tmp/x.txt", &out, &err), 2);
	ck_assert_str_eq(err, "vndoc: /tmp/x.txt: the output must be .json, .csv or .xlsx\n");
	free(out);
	free(err);
}
END_TEST

/* The forms of a batch folder, in data order (from its manifest). */
static void forms_in_order(char *out, size_t size, const char *dir)
{
	char path[4200];
	json_error_t je;
	json_t *m;
	size_t n = 0;

	ck_assert_int_lt(snprintf(path, sizeof path, "%s/manifest.json", dir), (int)sizeof path);
	m = json_load_file(path, 0, &je);
	ck_assert_ptr_nonnull(m);
	out[0] = '\0';
	for (size_t i = 0; i < json_array_size(m); i++) {
		const char *f = json_string_value(json_object_get(json_array_get(m, i), "file"));
		if (f && strstr(f, "bieu-dang-ky.docx"))
			n += (size_t)snprintf(out + n, size - n, " '%s/%s'", dir, f);
	}
	json_decref(m);
}

static const char *str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "(none)";
}

/* The sample and the collected data agree on every field a form carries. */
static void compare_with_sample(const char *path)
{
	static const char *unit_keys[] = { "ten", "ten_in_hoa", "co_quan_cap_tren", "dia_danh", "ngay", "thang",
					   "nam", "so" };
	json_error_t je;
	json_t *a = json_load_file(SAMPLES "lai-chau.json", 0, &je), *b = json_load_file(path, 0, &je);
	json_t *ua = json_object_get(a, "don_vi"), *ub = json_object_get(b, "don_vi");

	ck_assert_ptr_nonnull(b);
	ck_assert_uint_eq(json_array_size(ub), 26);
	for (size_t i = 0; i < 26; i++) {
		json_t *x = json_array_get(ua, i), *y = json_array_get(ub, i);
		for (size_t k = 0; k < sizeof unit_keys / sizeof unit_keys[0]; k++)
			ck_assert_str_eq(str(y, unit_keys[k]), str(x, unit_keys[k]));
		ck_assert_str_eq(str(json_object_get(y, "thu_truong"), "ho_ten"),
				 str(json_object_get(x, "thu_truong"), "ho_ten"));
		for (int l = 0; l < 2; l++) {
			const char *list = l ? "ca_nhan" : "tap_the";
			json_t *lx = json_object_get(x, list), *ly = json_object_get(y, list);
			ck_assert_uint_eq(json_array_size(ly), json_array_size(lx));
			for (size_t r = 0; r < json_array_size(lx); r++) {
				json_t *rx = json_array_get(lx, r), *ry = json_array_get(ly, r);
				const char *key;
				json_t *v;
				ck_assert_uint_eq(json_object_size(ry), json_object_size(rx));
				json_object_foreach(rx, key, v)
					ck_assert_str_eq(str(ry, key), json_string_value(v));
			}
		}
	}
	json_decref(a);
	json_decref(b);
}

static void same_file(const char *a, const char *b)
{
	size_t la, lb;
	char *x = test_read_file(a, &la), *y = test_read_file(b, &lb);
	ck_assert_msg(la == lb && !memcmp(x, y, la), "%s and %s differ", a, b);
	free(x);
	free(y);
}

START_TEST(e2e_collect__round_trip_through_batch)
{
	const char *dir = test_tmpdir();
	static char forms[65536], args[70000];
	char a[4200], b[4200], *out, *err;

	snprintf(args, sizeof args, "batch '%slai-chau.json' -o '%s/sent' --no-pdf -q -j 1", SAMPLES, dir);
	ck_assert_int_eq(vndoc(args, NULL, NULL), 0);
	snprintf(a, sizeof a, "%s/sent", dir);
	forms_in_order(forms, sizeof forms, a);
	snprintf(args, sizeof args, "collect%s -o '%s/back.json' --doc '%slai-chau-van-ban.json'", forms, dir, SAMPLES);
	ck_assert_int_eq(vndoc(args, &out, &err), 0);
	snprintf(b, sizeof b, "vndoc collect: 26 forms: 26 units (26 collectives, 51 individuals) written to "
		 "%s/back.json; 0 skipped, 0 repairs, 0 pieces of text not taken\n", dir);
	ck_assert_str_eq(err, b);
	free(out);
	free(err);
	snprintf(a, sizeof a, "%s/back.json", dir);
	compare_with_sample(a);

	/* the plan and the summary are not forms */
	snprintf(args, sizeof args, "collect '%s/sent/ke-hoach.docx' '%s/sent/tong-hop.docx' -o '%s/x.json' -q", dir, dir,
		 dir);
	ck_assert_int_eq(vndoc(args, &out, &err), 1);
	snprintf(args, sizeof args,
		 "vndoc: %s/sent/ke-hoach.docx: skipped: no registration table: no table with the columns of the form "
		 "(Stt, Đơn vị / Họ và tên, Điển hình thuộc lĩnh vực…)\n"
		 "vndoc: %s/sent/tong-hop.docx: skipped: not a registration form: neither the title \"BIỂU ĐĂNG KÝ\" nor "
		 "the sentence \"…, <unit> đăng ký thực hiện như sau\" (a summary? another document?)\n", dir, dir);
	ck_assert_str_eq(err, args);
	free(out);
	free(err);

	snprintf(args, sizeof args, "batch '%s/back.json' -o '%s/again' --no-pdf -q -j 1", dir, dir);
	ck_assert_int_eq(vndoc(args, NULL, NULL), 0);
	snprintf(a, sizeof a, "%s/sent/tong-hop.docx", dir);
	snprintf(b, sizeof b, "%s/again/tong-hop.docx", dir);
	same_file(a, b);
	snprintf(a, sizeof a, "%s/sent/ke-hoach.docx", dir);
	snprintf(b, sizeof b, "%s/again/ke-hoach.docx", dir);
	same_file(a, b);

	/* the same as sheets: check reads them, and the XLSX bytes are fixed */
	for (int k = 0; k < 3; k++) {
		const char *ext = k ? "xlsx" : "csv";
		snprintf(args, sizeof args, "collect%s -o '%s/back%d.%s' -q", forms, dir, k, ext);
		ck_assert_int_eq(vndoc(args, NULL, NULL), 0);
		snprintf(args, sizeof args, "check '%s/back%d.%s'", dir, k, ext);
		ck_assert_int_eq(vndoc(args, &out, NULL), 0);
		snprintf(b, sizeof b, "%s/back%d.%s: every rule of the plan holds (26 units)\n", dir, k, ext);
		ck_assert_str_eq(out, b);
		free(out);
	}
	snprintf(a, sizeof a, "%s/back1.xlsx", dir);
	snprintf(b, sizeof b, "%s/back2.xlsx", dir);
	same_file(a, b);
}
END_TEST

/* The units of the sample alone: names and where they are, no registrations. */
static void unit_list(const char *path)
{
	json_error_t je;
	json_t *a = json_load_file(SAMPLES "lai-chau.json", 0, &je), *units = json_array(), *root = json_object();
	json_t *ua = json_object_get(a, "don_vi");
	static const char *keys[] = { "ten", "co_quan_cap_tren", "dia_danh" };

	for (size_t i = 0; i < json_array_size(ua); i++) {
		json_t *u = json_object();
		for (size_t k = 0; k < 3; k++)
			json_object_set(u, keys[k], json_object_get(json_array_get(ua, i), keys[k]));
		json_array_append_new(units, u);
	}
	json_object_set_new(root, "don_vi", units);
	ck_assert_int_eq(json_dump_file(root, path, JSON_INDENT(1)), 0);
	json_decref(root);
	json_decref(a);
}

START_TEST(e2e_collect__blank_forms_filled_and_collected)
{
	const char *dir = test_tmpdir();
	static char args[70000];
	char a[4200], b[4200], *out, *err;
	json_error_t je;
	json_t *m;

	snprintf(a, sizeof a, "%s/units.json", dir);
	unit_list(a);
	/* the blank forms, DOCX and PDF, and the plan; nothing checked */
	snprintf(args, sizeof args, "batch '%s/units.json' --doc '%slai-chau-van-ban.json' -o '%s/blank' --blank -q",
		 dir, SAMPLES, dir);
	ck_assert_int_eq(vndoc(args, NULL, NULL), 0);
	snprintf(a, sizeof a, "%s/blank/report.txt", dir);
	out = test_read_file(a, NULL);
	ck_assert_str_eq(out, "blank forms for 26 units: nothing registered yet, nothing checked\n");
	free(out);
	snprintf(a, sizeof a, "%s/blank/manifest.json", dir);
	m = json_load_file(a, 0, &je);
	ck_assert_uint_eq(json_array_size(m), 2 + 2 * 26);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(m, 1), "file")), "ke-hoach.pdf");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(m, 3), "file")), "van-phong-so/bieu-dang-ky.pdf");
	json_decref(m);

	/* a blank form read back: its unit, and nothing registered */
	snprintf(args, sizeof args, "collect '%s/blank/van-phong-so/bieu-dang-ky.docx' -o '%s/one.json'", dir, dir);
	ck_assert_int_eq(vndoc(args, &out, &err), 1);
	snprintf(b, sizeof b, "vndoc: %s/blank/van-phong-so/bieu-dang-ky.docx: \"Văn phòng Sở\" registers nothing: both "
		 "tables are empty or still dotted\nvndoc collect: 1 form: 1 unit (0 collectives, 0 individuals) written "
		 "to %s/one.json; 0 skipped, 0 repairs, 1 piece of text not taken\n", dir, dir);
	ck_assert_str_eq(err, b);
	free(out);
	free(err);

	/* filled as a unit fills it in Word, read back, compiled */
	snprintf(args, sizeof args, "python3 '%s/scripts/fill-forms.py' '%slai-chau.json' '%s/blank' '%s/filled'",
		 VNDOC_SOURCE_DIR, SAMPLES, dir, dir);
	ck_assert_int_eq(test_run(args, NULL, NULL), 0);
	snprintf(args, sizeof args, "collect '%s/filled' -o '%s/back.json' --doc '%slai-chau-van-ban.json' -q", dir, dir,
		 SAMPLES);
	ck_assert_int_eq(vndoc(args, NULL, NULL), 0);
	snprintf(a, sizeof a, "%s/back.json", dir);
	compare_with_sample(a);
	snprintf(args, sizeof args, "batch '%s/back.json' -o '%s/again' --no-pdf -q -j 1 && '%s' batch '%slai-chau.json' "
		 "-o '%s/sample' --no-pdf -q -j 1", dir, dir, VNDOC_EXE, SAMPLES, dir);
	ck_assert_int_eq(vndoc(args, NULL, NULL), 0);
	snprintf(a, sizeof a, "%s/sample/tong-hop.docx", dir);
	snprintf(b, sizeof b, "%s/again/tong-hop.docx", dir);
	same_file(a, b);
	/* (tong-hop.xlsx differs: it has the heads' titles, which the form does
	 * not carry: "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ" is printed for every unit.) */
}
END_TEST

/* Done when of issue 15: LibreOffice as the real client.  The blank forms
 * are filled through LibreOffice's API (scripts/fill-forms-lo.py: typing
 * into cells, the table's own row insertion, saved as Word 2007-365), then
 * collect gives back the sample field by field and batch the same summary. */
START_TEST(e2e_collect__libreoffice_fills_the_forms)
{
	const char *dir = test_tmpdir();
	static char args[8192];
	char a[4200], b[4200], *err = NULL;

	snprintf(a, sizeof a, "%s/units.json", dir);
	unit_list(a);
	snprintf(args, sizeof args, "batch '%s/units.json' --doc '%slai-chau-van-ban.json' -o '%s/blank' --blank --no-pdf "
		 "-q && '%s' batch '%slai-chau.json' -o '%s/sample' --no-pdf -q -j 1", dir, SAMPLES, dir, VNDOC_EXE, SAMPLES,
		 dir);
	ck_assert_int_eq(vndoc(args, NULL, NULL), 0);
	snprintf(args, sizeof args, "HOME='%s' timeout 500 /usr/bin/python3 '%s/scripts/fill-forms-lo.py' '%slai-chau.json' "
		 "'%s/blank' '%s/filled'", dir, VNDOC_SOURCE_DIR, SAMPLES, dir, dir);
	ck_assert_msg(test_run(args, NULL, &err) == 0, "fill-forms-lo.py: %s", err);
	free(err);
	snprintf(args, sizeof args, "collect '%s/filled' -o '%s/back.json' --doc '%slai-chau-van-ban.json'", dir, dir,
		 SAMPLES);
	ck_assert_int_eq(vndoc(args, NULL, &err), 0);
	snprintf(a, sizeof a, "vndoc collect: 26 forms: 26 units (26 collectives, 51 individuals) written to "
		 "%s/back.json; 0 skipped, 0 repairs, 0 pieces of text not taken\n", dir);
	ck_assert_str_eq(err, a);
	free(err);
	snprintf(a, sizeof a, "%s/back.json", dir);
	compare_with_sample(a);
	snprintf(args, sizeof args, "batch '%s/back.json' -o '%s/again' --no-pdf -q -j 1", dir, dir);
	ck_assert_int_eq(vndoc(args, NULL, NULL), 0);
	snprintf(a, sizeof a, "%s/sample/tong-hop.docx", dir);
	snprintf(b, sizeof b, "%s/again/tong-hop.docx", dir);
	same_file(a, b);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("e2e_collect");
	TCase *tc = tcase_create("collect");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, e2e_collect__skips_and_repairs_named);
	tcase_add_test(tc, e2e_collect__usage);
	tcase_add_test(tc, e2e_collect__hostile_files_skipped);
	tcase_add_test(tc, e2e_collect__round_trip_through_batch);
	tcase_add_test(tc, e2e_collect__blank_forms_filled_and_collected);
	suite_add_tcase(s, tc);
	tc = tcase_create("libreoffice");
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, e2e_collect__libreoffice_fills_the_forms);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
