/*
 * test_collect.c: returned forms read back (src/collect): the fixtures of
 * tests/fixtures/collect/ (scripts/make-collect-fixtures.py), written as
 * Word writes documents, as the seed's annex is laid out, and files that
 * are not forms; each with its exact values, notes or error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/collect.h"
#include "test.h"

static const char *text(const vndoc_value *v, const char *path)
{
	char key[64];
	const char *dot;
	while ((dot = strchr(path, '.'))) {
		snprintf(key, sizeof key, "%.*s", (int)(dot - path), path);
		if (*key >= '0' && *key <= '9')
			v = vndoc_value_at(v, (size_t)atoi(key));
		else
			v = vndoc_value_get(v, key, strlen(key));
		path = dot + 1;
	}
	v = vndoc_value_get(v, path, strlen(path));
	ck_assert_msg(v != NULL, "no %s", path);
	return vndoc_value_text(v, NULL);
}

/* Note i's message (the file is the fixture's path). */
static const char *note(const vndoc_error_list *l, size_t i, int code)
{
	ck_assert_uint_lt(i, l->count);
	ck_assert_int_eq(l->items[i].code, code);
	return l->items[i].message;
}

START_TEST(collect__word_form_as_word_writes_it)
{
	vndoc_value *u;
	vndoc_error_list notes = VNDOC_ERROR_LIST_INIT;
	vndoc_error err;

	ck_assert_int_eq(vndoc_collect_read(&u, test_fixture("collect/word-form.docx"), &notes, &err), 0);
	/* the heading; the name from the sentence, its tracked change accepted */
	ck_assert_str_eq(text(u, "ten"), "Trung tâm Văn hóa, Thể thao và Truyền thông huyện Phong Thổ");
	ck_assert_str_eq(text(u, "ten_in_hoa"), "TRUNG TÂM VĂN HÓA, THỂ THAO VÀ TRUYỀN THÔNG");
	ck_assert_str_eq(text(u, "co_quan_cap_tren"), "UBND HUYỆN PHONG THỔ");
	ck_assert_str_eq(text(u, "so"), "08/ĐK-TTVH");
	ck_assert_str_eq(text(u, "dia_danh"), "Phong Thổ");
	ck_assert_str_eq(text(u, "ngay"), "18");
	ck_assert_str_eq(text(u, "thang"), "7");
	ck_assert_str_eq(text(u, "nam"), "2024");
	ck_assert_str_eq(text(u, "thu_truong.chuc_vu"), "GIÁM ĐỐC");
	ck_assert_str_eq(text(u, "thu_truong.ho_ten"), "Vàng A Dế");
	/* one collective: the column-number, dotted and empty rows passed over */
	ck_assert_uint_eq(vndoc_value_count(vndoc_value_get(u, "tap_the", 7)), 1);
	ck_assert_str_eq(text(u, "tap_the.0.ten"), "Đội Thông tin lưu động huyện Phong Thổ");
	ck_assert_str_eq(text(u, "tap_the.0.dia_chi"), "Tổ 5, thị trấn Phong Thổ"); /* .VnTime */
	ck_assert_str_eq(text(u, "tap_the.0.giai_phap"),
			 "Xây dựng 12 chương trình lưu động mỗi năm.\nPhối hợp với các xã tổ chức liên hoan văn nghệ.");
	ck_assert_str_eq(text(u, "tap_the.0.ghi_chu"), "");
	/* four individuals: the pasted header and the row without a name left out */
	ck_assert_uint_eq(vndoc_value_count(vndoc_value_get(u, "ca_nhan", 7)), 4);
	ck_assert_str_eq(text(u, "ca_nhan.0.chuc_vu"), "Viên chức");
	ck_assert_str_eq(text(u, "ca_nhan.0.don_vi_cong_tac"), "Trung tâm Văn hóa, Thể thao và Truyền thông huyện Phong Thổ");
	ck_assert_str_eq(text(u, "ca_nhan.0.noi_cu_tru"), "Bản Pa So, xã Ma Li Pho"); /* after a line break */
	ck_assert_str_eq(text(u, "ca_nhan.1.ho_ten"), "Lò Thị Mai");                   /* VNI-Times */
	ck_assert_str_eq(text(u, "ca_nhan.1.noi_cu_tru"), "Tổ 3, thị trấn Phong Thổ");
	ck_assert_str_eq(text(u, "ca_nhan.1.linh_vuc"), "Thể dục thể thao");            /* vMerge */
	ck_assert_str_eq(text(u, "ca_nhan.1.ghi_chu"), "Đạt giải A hội diễn 2023");     /* w:ins kept, w:del out */
	ck_assert_str_eq(text(u, "ca_nhan.2.chuc_vu"), "Phó Giám đốc Trung tâm");
	ck_assert_str_eq(text(u, "ca_nhan.2.ghi_chu"), "ĐỀ NGHỊ KHEN THƯỞNG");          /* .VnTimeH */
	ck_assert_str_eq(text(u, "ca_nhan.3.linh_vuc"), "Du lịch cộng đồng");          /* gridSpan */
	ck_assert_str_eq(text(u, "ca_nhan.3.giai_phap"), "");

	ck_assert_uint_eq(notes.count, 8);
	ck_assert_str_eq(note(&notes, 0, VNDOC_OK), "I. TẬP THỂ, row 3, dia_chi: typed in the legacy font .VnTime: converted to Unicode");
	ck_assert_str_eq(note(&notes, 1, VNDOC_OK), "II. CÁ NHÂN, row 3, ho_ten: typed in the legacy font VNI-Times: converted to Unicode");
	ck_assert_str_eq(note(&notes, 3, VNDOC_OK),
			 "II. CÁ NHÂN, row 3, linh_vuc: a cell merged with the row above: its text taken for this row too");
	ck_assert_str_eq(note(&notes, 4, VNDOC_EDATA),
			 "II. CÁ NHÂN, row 5: no name (Họ và tên), so the row is not taken "
			 "(chuc_vu; don_vi_cong_tac; noi_cu_tru: \"Chuyên viên; Trung tâm; Bản Mồ Sì San\")");
	ck_assert_str_eq(note(&notes, 5, VNDOC_OK), "II. CÁ NHÂN, row 6, ghi_chu: typed in the legacy font .VnTimeH: converted to Unicode");
	ck_assert_str_eq(note(&notes, 6, VNDOC_OK),
			 "II. CÁ NHÂN, row 6: \"Phó Giám đốc Trung tâm\" does not split into chuc_vu; don_vi_cong_tac; "
			 "noi_cu_tru: kept whole in chuc_vu");
	ck_assert_str_eq(note(&notes, 7, VNDOC_OK),
			 "II. CÁ NHÂN, row 7: a cell spans the columns linh_vuc and giai_phap: its text taken as linh_vuc");
	vndoc_value_free(u);
	vndoc_error_list_dispose(&notes);
}
END_TEST

START_TEST(collect__seed_annex_layout)
{
	vndoc_value *u;
	vndoc_error_list notes = VNDOC_ERROR_LIST_INIT;
	vndoc_error err;

	ck_assert_int_eq(vndoc_collect_read(&u, test_fixture("collect/seed-annex.docx"), &notes, &err), 0);
	ck_assert_str_eq(text(u, "ten"), "Phòng Văn hóa và Thông tin huyện Sìn Hồ");
	ck_assert_str_eq(text(u, "ten_in_hoa"), "PHÒNG VĂN HÓA VÀ THÔNG TIN HUYỆN SÌN HỒ");
	ck_assert_str_eq(text(u, "co_quan_cap_tren"), "");
	ck_assert_str_eq(text(u, "dia_danh"), "Sìn Hồ");
	ck_assert_str_eq(text(u, "ngay"), "20");
	ck_assert_str_eq(text(u, "so"), "");
	ck_assert_str_eq(text(u, "thu_truong.chuc_vu"), "");
	ck_assert_str_eq(text(u, "thu_truong.ho_ten"), "Lý Văn Sơn");
	ck_assert_str_eq(text(u, "tap_the.0.ten"), "Thư viện huyện Sìn Hồ");
	ck_assert_str_eq(text(u, "tap_the.0.nguoi_dung_dau"), "Tẩn Thị Mẩy - Phụ trách");
	/* the combined column split into its three fields… */
	ck_assert_str_eq(text(u, "ca_nhan.0.chuc_vu"), "Chuyên viên");
	ck_assert_str_eq(text(u, "ca_nhan.0.don_vi_cong_tac"), "Phòng Văn hóa và Thông tin huyện Sìn Hồ");
	ck_assert_str_eq(text(u, "ca_nhan.0.noi_cu_tru"), "Bản Nậm Tăm, xã Nậm Tăm");
	/* …or kept whole, with a note, where the text does not allow it */
	ck_assert_str_eq(text(u, "ca_nhan.1.chuc_vu"), "Chuyên viên; Phòng Văn hóa và Thông tin");
	ck_assert_str_eq(text(u, "ca_nhan.1.noi_cu_tru"), "");
	ck_assert_uint_eq(notes.count, 1);
	ck_assert_str_eq(note(&notes, 0, VNDOC_OK),
			 "II. CÁ NHÂN, row 3: \"Chuyên viên; Phòng Văn hóa và Thông tin\" does not split into "
			 "chuc_vu; don_vi_cong_tac; noi_cu_tru: kept whole in chuc_vu");
	vndoc_value_free(u);
	vndoc_error_list_dispose(&notes);
}
END_TEST

START_TEST(collect__retyped_copy)
{
	vndoc_value *u;
	vndoc_error_list notes = VNDOC_ERROR_LIST_INIT;
	vndoc_error err;

	ck_assert_int_eq(vndoc_collect_read(&u, test_fixture("collect/retyped.docx"), &notes, &err), 0);
	ck_assert_uint_eq(notes.count, 0);
	/* a sentence of its own, "Số" without a colon, a numeric date */
	ck_assert_str_eq(text(u, "ten"), "Phòng Văn hóa và Thông tin huyện Tam Đường");
	ck_assert_str_eq(text(u, "ten_in_hoa"), "PHÒNG VĂN HÓA VÀ THÔNG TIN");
	ck_assert_str_eq(text(u, "so"), "05/ĐK-VHTT");
	ck_assert_str_eq(text(u, "dia_danh"), "Tam Đường");
	ck_assert_str_eq(text(u, "ngay"), "19");
	ck_assert_str_eq(text(u, "thang"), "7");
	ck_assert_str_eq(text(u, "nam"), "2024");
	ck_assert_str_eq(text(u, "thu_truong.chuc_vu"), "TRƯỞNG PHÒNG");
	ck_assert_str_eq(text(u, "thu_truong.ho_ten"), "Tẩn Láo Lở");
	/* one table, section rows, a two-row header, separate columns */
	ck_assert_uint_eq(vndoc_value_count(vndoc_value_get(u, "tap_the", 7)), 1);
	ck_assert_str_eq(text(u, "tap_the.0.ten"), "Thư viện huyện Tam Đường");
	ck_assert_str_eq(text(u, "tap_the.0.nguoi_dung_dau"), "Lò Thị Hoa");
	ck_assert_str_eq(text(u, "tap_the.0.linh_vuc"), "Thư viện");
	ck_assert_str_eq(text(u, "tap_the.0.giai_phap"), "Xe sách lưu động về bản.");
	ck_assert_uint_eq(vndoc_value_count(vndoc_value_get(u, "ca_nhan", 7)), 1);
	ck_assert_str_eq(text(u, "ca_nhan.0.ho_ten"), "Tẩn Văn Chỉn");
	ck_assert_str_eq(text(u, "ca_nhan.0.chuc_vu"), "Thủ thư");
	ck_assert_str_eq(text(u, "ca_nhan.0.don_vi_cong_tac"), "Thư viện huyện Tam Đường");
	ck_assert_str_eq(text(u, "ca_nhan.0.noi_cu_tru"), "Bản Bình Lư");
	ck_assert_str_eq(text(u, "ca_nhan.0.giai_phap"), "Đọc sách cho trẻ em mỗi tuần.");
	ck_assert_str_eq(text(u, "ca_nhan.0.ghi_chu"), "");
	vndoc_value_free(u);
	vndoc_error_list_dispose(&notes);
}
END_TEST

START_TEST(collect__files_that_are_not_forms)
{
	static const struct { const char *file, *message; } cases[] = {
		{ "collect/old-word.doc", "a Word 97-2003 document (.doc), not .docx: open it in Word and save it as "
					  "\"Word Document (*.docx)\"" },
		{ "collect/scan.pdf", "a PDF, not a Word document: ask the unit for the .docx it printed" },
		{ "collect/not-a-docx.docx", "not a Word document (.docx)" },
		{ "collect/no-document.docx", "a zip without word/document.xml: not a Word document (.docx)" },
		{ "collect/no-table.docx", "no registration table: no table with the columns of the form (Stt, "
					   "Đơn vị / Họ và tên, Điển hình thuộc lĩnh vực…)" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		vndoc_value *u = (vndoc_value *)1;
		vndoc_error err;
		char want[1024];
		const char *path = test_fixture(cases[i].file);
		snprintf(want, sizeof want, "%s: %s", path, cases[i].message);
		ck_assert_int_eq(vndoc_collect_read(&u, path, NULL, &err), VNDOC_EFORMAT);
		ck_assert_ptr_null(u);
		test_assert_error(&err, VNDOC_EFORMAT, want);
	}
}
END_TEST

START_TEST(collect__missing_file)
{
	vndoc_value *u;
	vndoc_error err;
	ck_assert_int_eq(vndoc_collect_read(&u, "/nonexistent/form.docx", NULL, &err), VNDOC_EIO);
	test_assert_error(&err, VNDOC_EIO, "/nonexistent/form.docx: cannot read: No such file or directory");
}
END_TEST

START_TEST(collect__writer_csv_and_json)
{
	vndoc_value *u, *doc = vndoc_value_new_map();
	vndoc_collect_writer *w;
	vndoc_error err;
	char path[4200], *got;
	const char *dir = test_tmpdir();

	ck_assert_int_eq(vndoc_collect_read(&u, test_fixture("collect/seed-annex.docx"), NULL, &err), 0);
	snprintf(path, sizeof path, "%s/out.csv", dir);
	ck_assert_int_eq(vndoc_collect_writer_open(&w, path, NULL, &err), 0);
	ck_assert_int_eq(vndoc_collect_writer_unit(w, u, &err), 3);
	ck_assert_int_eq(vndoc_collect_writer_close(w, &err), 0);
	got = test_read_file(path, NULL);
	ck_assert_str_eq(got,
		"\xEF\xBB\xBF" "Đơn vị đăng ký;Cơ quan cấp trên;Tên đơn vị in hoa;Địa danh;Ngày;Tháng;Năm;Số;Thủ trưởng;"
		"Chức vụ thủ trưởng;Loại;Tên tập thể / Họ và tên;Địa chỉ;\"Người đứng đầu; phụ trách đơn vị\";Chức vụ;"
		"Đơn vị công tác;Nơi cư trú;Điển hình thuộc lĩnh vực;Các giải pháp thực hiện xây dựng, nhân rộng điển "
		"hình (nêu khái quát);Ghi chú\r\n"
		"Phòng Văn hóa và Thông tin huyện Sìn Hồ;;PHÒNG VĂN HÓA VÀ THÔNG TIN HUYỆN SÌN HỒ;Sìn Hồ;20;7;2024;;"
		"Lý Văn Sơn;;Tập thể;Thư viện huyện Sìn Hồ;Thị trấn Sìn Hồ;Tẩn Thị Mẩy - Phụ trách;;;;Thư viện;"
		"Luân chuyển sách về các điểm trường.;\r\n"
		"Phòng Văn hóa và Thông tin huyện Sìn Hồ;;PHÒNG VĂN HÓA VÀ THÔNG TIN HUYỆN SÌN HỒ;Sìn Hồ;20;7;2024;;"
		"Lý Văn Sơn;;Cá nhân;Lý A Phử;;;Chuyên viên;Phòng Văn hóa và Thông tin huyện Sìn Hồ;"
		"Bản Nậm Tăm, xã Nậm Tăm;Văn hóa cơ sở;Xây dựng hương ước, quy ước ở 5 bản.;\r\n"
		"Phòng Văn hóa và Thông tin huyện Sìn Hồ;;PHÒNG VĂN HÓA VÀ THÔNG TIN HUYỆN SÌN HỒ;Sìn Hồ;20;7;2024;;"
		"Lý Văn Sơn;;Cá nhân;Lò Văn Hương;;;\"Chuyên viên; Phòng Văn hóa và Thông tin\";;;Gia đình;"
		"Tuyên truyền phòng chống bạo lực gia đình.;\r\n");
	free(got);

	vndoc_value_map_set(doc, "nam", 3, vndoc_value_new_string("2024", 4));
	vndoc_value_map_set(doc, "don_vi", 6, vndoc_value_new_list()); /* replaced by the units */
	snprintf(path, sizeof path, "%s/out.json", dir);
	ck_assert_int_eq(vndoc_collect_writer_open(&w, path, doc, &err), 0);
	ck_assert_int_eq(vndoc_collect_writer_close(w, &err), 0);
	got = test_read_file(path, NULL);
	ck_assert_str_eq(got, "{\n  \"nam\": \"2024\",\n  \"don_vi\": []\n}\n");
	free(got);

	test_assert_error((vndoc_collect_writer_open(&w, "out.txt", NULL, &err), &err), VNDOC_EINVAL,
			  "out.txt: the output must be .json, .csv or .xlsx");
	vndoc_value_free(doc);
	vndoc_value_free(u);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("collect");
	TCase *tc = tcase_create("forms");
	tcase_add_test(tc, collect__word_form_as_word_writes_it);
	tcase_add_test(tc, collect__seed_annex_layout);
	tcase_add_test(tc, collect__retyped_copy);
	tcase_add_test(tc, collect__files_that_are_not_forms);
	tcase_add_test(tc, collect__missing_file);
	tcase_add_test(tc, collect__writer_csv_and_json);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
