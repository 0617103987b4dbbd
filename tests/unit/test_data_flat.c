/*
 * test_data_flat.c: registration data from CSV and XLSX sheets, text
 * repair, and the plan's rules (vndoc check).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fsutil.h"
#include "data/data.h"
#include "package/package.h"
#include "test.h"

#define SAMPLES VNDOC_SOURCE_DIR "/samples/lai-chau"
#define HEAD "Đơn vị đăng ký;Loại;Tên tập thể / Họ và tên;Địa chỉ;Chức vụ;Ghi chú\r\n"

/* Deep equality, map keys in any order, `_row` (the source row) ignored. */
static int same(const vndoc_value *a, const vndoc_value *b)
{
	vndoc_value_type t = vndoc_value_type_of(a);
	size_t na = 0, nb = 0;

	if (t != vndoc_value_type_of(b))
		return 0;
	switch (t) {
	case VNDOC_VALUE_STRING:
	case VNDOC_VALUE_NUMBER:
		return !strcmp(vndoc_value_text(a, NULL), vndoc_value_text(b, NULL));
	case VNDOC_VALUE_LIST:
		if (vndoc_value_count(a) != vndoc_value_count(b))
			return 0;
		for (size_t i = 0; i < vndoc_value_count(a); i++)
			if (!same(vndoc_value_at(a, i), vndoc_value_at(b, i)))
				return 0;
		return 1;
	case VNDOC_VALUE_MAP:
		for (size_t i = 0; i < vndoc_value_count(a); i++) {
			const char *k = vndoc_value_key_at(a, i);
			if (!strcmp(k, "_row"))
				continue;
			na++;
			if (!same(vndoc_value_at(a, i), vndoc_value_get(b, k, strlen(k))))
				return 0;
		}
		for (size_t i = 0; i < vndoc_value_count(b); i++)
			nb += strcmp(vndoc_value_key_at(b, i), "_row") != 0;
		return na == nb;
	case VNDOC_VALUE_BOOL:
		return vndoc_value_bool(a) == vndoc_value_bool(b);
	default:
		return 1;
	}
}

static vndoc_value *load_file(const char *path)
{
	vndoc_value *v;
	vndoc_error e;
	char msg[1024];
	vndoc_error_clear(&e);
	if (vndoc_data_load_file(&v, path, &e) < 0)
		ck_abort_msg("%s", vndoc_error_format(&e, msg, sizeof msg));
	return v;
}

static vndoc_value *csv(const char *text, vndoc_legacy legacy, vndoc_error_list *warnings)
{
	vndoc_value *v;
	vndoc_error e;
	vndoc_data_options o = VNDOC_DATA_OPTIONS_INIT;
	char msg[1024];
	o.legacy = legacy;
	o.warnings = warnings;
	vndoc_error_clear(&e);
	if (vndoc_data_load_csv(&v, text, strlen(text), "dk.csv", &o, &e) < 0)
		ck_abort_msg("%s", vndoc_error_format(&e, msg, sizeof msg));
	return v;
}

static void csv_fails(const char *text, int code, const char *want)
{
	vndoc_value *v = (vndoc_value *)1;
	vndoc_error e;
	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_data_load_csv(&v, text, strlen(text), "dk.csv", NULL, &e), code);
	ck_assert_ptr_null(v);
	test_assert_error(&e, code, want);
}

static const char *field(const vndoc_value *root, size_t unit, const char *list, size_t i, const char *key)
{
	const vndoc_value *u = vndoc_value_at(vndoc_value_get(root, "don_vi", 6), unit);
	const vndoc_value *it = list ? vndoc_value_at(vndoc_value_get(u, list, strlen(list)), i) : u;
	return vndoc_value_text(vndoc_value_get(it, key, strlen(key)), NULL);
}

START_TEST(data_flat__three_sample_formats_give_the_same_units)
{
	vndoc_value *json = load_file(SAMPLES ".json");
	vndoc_value *c = load_file(SAMPLES ".csv");
	vndoc_value *x = load_file(SAMPLES ".xlsx");
	const vndoc_value *units = vndoc_value_get(json, "don_vi", 6);

	ck_assert_uint_eq(vndoc_value_count(units), 26);
	ck_assert(same(units, vndoc_value_get(c, "don_vi", 6)));
	ck_assert(same(units, vndoc_value_get(x, "don_vi", 6)));
	/* Rows as a spreadsheet numbers them: the header is row 1. */
	ck_assert_str_eq(vndoc_value_text(vndoc_value_get(vndoc_value_at(vndoc_value_get(vndoc_value_at(
				vndoc_value_get(c, "don_vi", 6), 0), "tap_the", 7), 0), "_row", 4), NULL), "2");
	vndoc_value_free(json);
	vndoc_value_free(c);
	vndoc_value_free(x);
}
END_TEST

START_TEST(data_flat__rows_grouped_into_units)
{
	vndoc_value *v = csv(HEAD
		"Thư viện tỉnh;Tập thể;Phòng Đọc thiếu nhi;Số 2, đường Trần Phú;;\r\n"
		"Phòng Văn hóa và Thông tin huyện Tam Đường;cá nhân;Lò Văn Pọm;;Chuyên viên;\r\n"
		"Thư viện tỉnh;CÁ NHÂN;Tẩn Thị Mẩy;;Thủ thư;Người Dao\r\n"
		"\r\n", VNDOC_LEGACY_AUTO, NULL);
	ck_assert_uint_eq(vndoc_value_count(vndoc_value_get(v, "don_vi", 6)), 2);
	ck_assert_str_eq(field(v, 0, NULL, 0, "ten"), "Thư viện tỉnh");
	ck_assert_str_eq(field(v, 0, NULL, 0, "ten_in_hoa"), "THƯ VIỆN TỈNH");
	ck_assert_str_eq(field(v, 0, "tap_the", 0, "ten"), "Phòng Đọc thiếu nhi");
	ck_assert_str_eq(field(v, 0, "tap_the", 0, "dia_chi"), "Số 2, đường Trần Phú");
	ck_assert_str_eq(field(v, 0, "ca_nhan", 0, "ho_ten"), "Tẩn Thị Mẩy");
	ck_assert_str_eq(field(v, 0, "ca_nhan", 0, "ghi_chu"), "Người Dao");
	ck_assert_str_eq(field(v, 0, "ca_nhan", 0, "_row"), "4");
	ck_assert_str_eq(field(v, 1, "ca_nhan", 0, "chuc_vu"), "Chuyên viên");
	ck_assert_uint_eq(vndoc_value_count(vndoc_value_get(vndoc_value_at(vndoc_value_get(v, "don_vi", 6), 1),
							   "tap_the", 7)), 0);
	vndoc_value_free(v);
}
END_TEST

START_TEST(data_flat__text_is_repaired)
{
	vndoc_error_list w = VNDOC_ERROR_LIST_INIT;
	char msg[1024];
	/* NFD (a + breve + acute), TCVN3 (.VnTime), VNI, a control character,
	 * and spaces to trim and collapse. */
	vndoc_value *v = csv(HEAD
		"Bảo tàng tỉnh;Cá nhân;Tha\xCC\x86\xCC\x81ng  A   Sùng ;;C\xC3\xA9ng t\xC2\xB8\x63 vi\xC2\xAAn;\r\n"
		"Bảo tàng tỉnh;Cá nhân;Lò Thị Xuân;;Coäng taùc vieân;ghi\x01 chú\r\n",
		VNDOC_LEGACY_AUTO, &w);
	ck_assert_str_eq(field(v, 0, "ca_nhan", 0, "ho_ten"), "Thắng A Sùng");
	ck_assert_str_eq(field(v, 0, "ca_nhan", 0, "chuc_vu"), "Cộng tác viên");
	ck_assert_str_eq(field(v, 0, "ca_nhan", 1, "chuc_vu"), "Cộng tác viên");
	ck_assert_str_eq(field(v, 0, "ca_nhan", 1, "ghi_chu"), "ghi chú");
	ck_assert_uint_eq(w.count, 1);
	ck_assert_str_eq(vndoc_error_format(&w.items[0], msg, sizeof msg),
			 "dk.csv:row 3: Ghi chú: removed 1 control character");
	vndoc_error_list_dispose(&w);
	vndoc_value_free(v);

	/* --legacy off leaves legacy text as it came. */
	v = csv(HEAD "Bảo tàng tỉnh;Cá nhân;Lò Thị Xuân;;Coäng taùc vieân;\r\n", VNDOC_LEGACY_OFF, NULL);
	ck_assert_str_eq(field(v, 0, "ca_nhan", 0, "chuc_vu"), "Coäng taùc vieân");
	vndoc_value_free(v);
}
END_TEST

START_TEST(data_flat__headers_found_loosely)
{
	/* Upper case, no tone marks, other spacing, an unknown column. */
	vndoc_value *v = csv("DON VI DANG KY, loai ,Họ và tên,Ghi  chú (nếu có),Cột riêng\n"
			     "Thanh tra Sở,Cá nhân,Vàng A Dế,ok,x\n", VNDOC_LEGACY_AUTO, NULL);
	ck_assert_str_eq(field(v, 0, "ca_nhan", 0, "ho_ten"), "Vàng A Dế");
	ck_assert_str_eq(field(v, 0, "ca_nhan", 0, "ghi_chu"), "ok");
	vndoc_value_free(v);
}
END_TEST

START_TEST(data_flat__unit_list)
{
	/* Only the units (to send blank forms to, issue 19): each row a unit
	 * with its own fields and empty lists; a unit named twice is one. */
	vndoc_value *v = csv("Đơn vị đăng ký;Cơ quan cấp trên\r\nVăn phòng Sở;SỞ VĂN HÓA\r\nThanh tra Sở;\r\n"
			     "Văn phòng Sở;\r\n\r\n", VNDOC_LEGACY_AUTO, NULL);
	ck_assert_uint_eq(vndoc_value_count(vndoc_value_get(v, "don_vi", 6)), 2);
	ck_assert_str_eq(field(v, 1, NULL, 0, "ten"), "Thanh tra Sở");
	ck_assert_str_eq(field(v, 0, NULL, 0, "co_quan_cap_tren"), "SỞ VĂN HÓA");
	ck_assert_str_eq(field(v, 1, NULL, 0, "ten_in_hoa"), "THANH TRA SỞ");
	ck_assert_uint_eq(vndoc_value_count(vndoc_value_get(vndoc_value_at(vndoc_value_get(v, "don_vi", 6), 0),
							   "ca_nhan", 7)), 0);
	vndoc_value_free(v);
}
END_TEST

START_TEST(data_flat__bad_sheets_name_row_and_column)
{
	csv_fails("Đơn vị đăng ký;Tên\r\nA;B\r\n", VNDOC_EDATA, "dk.csv:row 1:1: no column \"Loại\" in the header");
	csv_fails(HEAD "Thư viện tỉnh;Đoàn thể;X;;;\r\n", VNDOC_EDATA,
		  "dk.csv:row 2:2: Loại: \"Đoàn thể\" is neither \"Tập thể\" nor \"Cá nhân\"");
	csv_fails(HEAD "Thư viện tỉnh;Cá nhân;;;;\r\n", VNDOC_EDATA, "dk.csv:row 2:2: Tên tập thể / Họ và tên: the name is empty");
	csv_fails(HEAD "Thư viện tỉnh;Cá nhân;\"Lò Văn\r\nA;;;\r\n", VNDOC_EFORMAT,
		  "dk.csv:row 2:2:23: unterminated quoted field");
}
END_TEST

/* An XLSX made with our own package writer from the parts given. */
static const char *make_xlsx(const char *sheet_xml, const char *shared, const char *styles)
{
	static char path[4200];
	const char *wb = "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
			 "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
			 "<sheet name=\"Ghi chú\" sheetId=\"1\" r:id=\"rId9\"/><sheet name=\"Đăng ký\" sheetId=\"2\" r:id=\"rId1\"/>"
			 "</sheets></workbook>";
	const char *rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
			   "<Relationship Id=\"rId1\" Type=\"ws\" Target=\"worksheets/sheet1.xml\"/>"
			   "<Relationship Id=\"rId9\" Type=\"ws\" Target=\"/xl/worksheets/empty.xml\"/></Relationships>";
	vndoc_part parts[] = {
		{ "[Content_Types].xml", "<Types/>", 8, NULL },
		{ "xl/workbook.xml", wb, strlen(wb), NULL },
		{ "xl/_rels/workbook.xml.rels", rels, strlen(rels), NULL },
		{ "xl/worksheets/sheet1.xml", sheet_xml, strlen(sheet_xml), NULL },
		{ "xl/worksheets/empty.xml", "<worksheet><sheetData/></worksheet>", 35, NULL },
		{ "xl/sharedStrings.xml", shared, shared ? strlen(shared) : 0, NULL },
		{ "xl/styles.xml", styles, styles ? strlen(styles) : 0, NULL },
	};
	vndoc_error e;
	snprintf(path, sizeof path, "%s/t.xlsx", test_tmpdir());
	ck_assert_int_eq(vndoc_package_write(NULL, parts, 7, path, NULL, &e), 0);
	return path;
}

START_TEST(data_xlsx__cells_of_every_kind)
{
	const char *shared = "<sst><si><t>Đơn vị đăng ký</t></si><si><t>Loại</t></si><si><t>Họ và tên</t></si>"
			     "<si><t>Ghi chú</t></si><si><t>Năm</t></si><si><t>Thư viện tỉnh</t></si>"
			     "<si><r><t>Cá </t></r><r><rPr><b/></rPr><t>nhân</t></r></si>"
			     "<si><t>Giàng</t><rPh><t>ジ</t></rPh></si></sst>";
	const char *styles = "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"[$-42A]d/m/yyyy\"/></numFmts>"
			     "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>";
	const char *sheet =
		"<worksheet><sheetData>"
		"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c>"
		"<c r=\"D1\" t=\"s\"><v>3</v></c><c r=\"E1\" t=\"s\"><v>4</v></c></row>"
		"<row r=\"3\"><c r=\"A3\" t=\"s\"><v>5</v></c><c r=\"B3\" t=\"s\"><v>6</v></c>"
		"<c r=\"C3\" t=\"inlineStr\"><is><t>Lò Văn Pọm</t></is></c><c r=\"D3\" s=\"1\"><v>45488</v></c>"
		"<c r=\"E3\"><v>2024</v></c></row>"
		"<row r=\"4\"><c r=\"A4\" t=\"s\"><v>5</v></c><c r=\"B4\" t=\"s\"><v>6</v></c><c r=\"C4\" t=\"s\"><v>7</v></c>"
		"<c r=\"D4\"><v>1.50</v></c></row>"
		"<row r=\"5\"><c r=\"A5\" t=\"s\"><v>5</v></c><c r=\"B5\" t=\"s\"><v>6</v></c>"
		"<c r=\"C5\" t=\"str\"><v>Tẩn A Lù</v></c><c r=\"D5\" s=\"2\"><v>1</v></c></row>"
		"</sheetData></worksheet>";
	vndoc_value *v;
	vndoc_error e;
	vndoc_data_options o = VNDOC_DATA_OPTIONS_INIT;

	o.sheet = "Đăng ký";
	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_data_load_xlsx(&v, make_xlsx(sheet, shared, styles), &o, &e), 0);
	ck_assert_str_eq(field(v, 0, "ca_nhan", 0, "ho_ten"), "Lò Văn Pọm");      /* inline string */
	ck_assert_str_eq(field(v, 0, "ca_nhan", 0, "ghi_chu"), "15/7/2024");      /* a date serial */
	ck_assert_str_eq(field(v, 0, NULL, 0, "nam"), "2024");                  /* a number */
	ck_assert_str_eq(field(v, 0, "ca_nhan", 0, "_row"), "3");                 /* row 2 is empty */
	ck_assert_str_eq(field(v, 0, "ca_nhan", 1, "ho_ten"), "Giàng");           /* phonetic run left out */
	ck_assert_str_eq(field(v, 0, "ca_nhan", 1, "ghi_chu"), "1.5");            /* as JSON prints it */
	ck_assert_str_eq(field(v, 0, "ca_nhan", 2, "ghi_chu"), "1/1/1900");       /* built-in date format */
	vndoc_value_free(v);

	/* The first sheet by default: here an empty one. */
	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_data_load_xlsx(&v, make_xlsx(sheet, shared, styles), NULL, &e), VNDOC_EDATA);
	ck_assert_str_eq(e.message, "no header row");
	o.sheet = "Trang 3";
	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_data_load_xlsx(&v, make_xlsx(sheet, shared, styles), &o, &e), VNDOC_EDATA);
	ck_assert_str_eq(e.message, "no sheet called \"Trang 3\"");
}
END_TEST

START_TEST(data_xlsx__broken_workbooks)
{
	vndoc_value *v;
	vndoc_error e;
	vndoc_data_options o = VNDOC_DATA_OPTIONS_INIT;
	char msg[1024], path[4200];

	o.sheet = "Đăng ký";
	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_data_load_xlsx(&v, make_xlsx("<worksheet><sheetData><row r=\"1\">\n<c r=\"A1\">"
							      "<v>1</v></row></sheetData></worksheet>", NULL, NULL),
					      &o, &e), VNDOC_EFORMAT);
	ck_assert_ptr_nonnull(strstr(vndoc_error_format(&e, msg, sizeof msg), "[xl/worksheets/sheet1.xml]:2:"));
	ck_assert_str_eq(e.message, "malformed XML");

	snprintf(path, sizeof path, "%s/not.xlsx", test_tmpdir());
	ck_assert_int_eq(vndoc_fs_write_file(path, "Đơn vị;Loại\n", 13, &e), 0);
	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_data_load_xlsx(&v, path, NULL, &e), VNDOC_EFORMAT);
	ck_assert_str_eq(e.message, "not a zip archive: Not a zip archive");
}
END_TEST

START_TEST(data_json__repaired_but_spaces_kept)
{
	const char *json = "{\"don_vi\":[{\"ten\":\"Th\\u01b0 vi\\u1ec7n\","
			   "\"tap_the\":[{\"ten\":\"C\\u00e9ng t\\u00b8c vi\\u00aan\"}],"
			   "\"ca_nhan\":[{\"ho_ten\":\"L\\u00f2 V\\u0103n\\u0001  P\\u1ecdm\\t\"}]}],"
			   "\"ghi\":\"Caf\\u00e9 \\u00ab cr\\u00e8me \\u00bb\"}";
	char path[4300], msg[1024];
	vndoc_value *v;
	vndoc_error e;
	vndoc_error_list w = VNDOC_ERROR_LIST_INIT;
	vndoc_data_options o = VNDOC_DATA_OPTIONS_INIT;

	snprintf(path, sizeof path, "%s/dk.json", test_tmpdir());
	ck_assert_int_eq(vndoc_fs_write_file(path, json, strlen(json), &e), 0);
	o.warnings = &w;
	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_data_load_file_with(&v, path, &o, &e), 0);
	/* TCVN3 converted; Unicode and French left alone; the control
	 * character gone with a warning, the spaces and the tab kept. */
	ck_assert_str_eq(field(v, 0, "tap_the", 0, "ten"), "Cộng tác viên");
	ck_assert_str_eq(field(v, 0, NULL, 0, "ten"), "Thư viện");
	ck_assert_str_eq(field(v, 0, "ca_nhan", 0, "ho_ten"), "Lò Văn  Pọm\t");
	ck_assert_str_eq(vndoc_value_text(vndoc_value_get(v, "ghi", 3), NULL), "Café « crème »");
	ck_assert_uint_eq(w.count, 1);
	snprintf(path + strlen(path), 64, ": ho_ten: removed 1 control character");
	ck_assert_str_eq(vndoc_error_format(&w.items[0], msg, sizeof msg), path);
	vndoc_error_list_dispose(&w);
	vndoc_value_free(v);

	/* The library call without options repairs no legacy text. */
	ck_assert_int_eq(vndoc_data_load_json(&v, json, strlen(json), "dk.json", &e), 0);
	ck_assert_str_eq(field(v, 0, "tap_the", 0, "ten"), "Céng t¸c viªn");
	vndoc_value_free(v);
}
END_TEST

static vndoc_findings check_json(const char *json)
{
	vndoc_value *v;
	vndoc_error e;
	vndoc_findings f = VNDOC_FINDINGS_INIT;
	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_data_load_json(&v, json, strlen(json), "t.json", &e), 0);
	vndoc_data_check(v, &f);
	vndoc_value_free(v);
	return f;
}

START_TEST(data_check__every_rule)
{
	vndoc_findings f = check_json(
		"{\"han_dang_ky\": \"25/7/2024\", \"don_vi\": ["
		" {\"ten\": \"Thư viện tỉnh\", \"ngay\": \"26\", \"thang\": \"7\", \"nam\": \"2024\","
		"  \"tap_the\": [{\"ten\": \"Phòng Đọc\", \"dia_chi\": \"a\", \"nguoi_dung_dau\": \"b\", \"linh_vuc\": \"c\", \"giai_phap\": \"d\"},"
		"               {\"ten\": \"Kho sách\", \"dia_chi\": \"a\", \"nguoi_dung_dau\": \"b\", \"linh_vuc\": \"c\", \"giai_phap\": \"d\"}],"
		"  \"ca_nhan\": []},"
		" {\"ten\": \"Bảo tàng tỉnh\", \"ngay\": \"25\", \"thang\": \"7\", \"nam\": \"2024\","
		"  \"tap_the\": [{\"ten\": \"PHÒNG  ĐỌC\", \"dia_chi\": \"a\", \"nguoi_dung_dau\": \"b\", \"linh_vuc\": \"c\", \"giai_phap\": \"d\"}],"
		"  \"ca_nhan\": [{\"ho_ten\": \"Lò Văn Pọm\", \"chuc_vu\": \"\", \"don_vi_cong_tac\": \"x\", \"noi_cu_tru\": \"y\", \"linh_vuc\": \"c\", \"giai_phap\": \"d\"},"
		"               {\"ho_ten\": \"Lo Van Pom\", \"chuc_vu\": \"z\", \"don_vi_cong_tac\": \"X\", \"noi_cu_tru\": \"y\", \"linh_vuc\": \"c\", \"giai_phap\": \"d\"}]}"
		"]}");
	static const char *want[][4] = {
		{ "one-collective", "Thư viện tỉnh", "tap_the", "registers 2 collectives; the plan asks for exactly one" },
		{ "an-individual", "Thư viện tỉnh", "ca_nhan", "registers no individual; the plan asks for at least one" },
		{ "deadline", "Thư viện tỉnh", "ngay", "registered on 26/7/2024, after the deadline 25/7/2024" },
		{ "duplicate", "Bảo tàng tỉnh", "tap_the[0].ten", "\"PHÒNG  ĐỌC\" is registered twice (also by \"Thư viện tỉnh\")" },
		{ "required", "Bảo tàng tỉnh", "ca_nhan[0].chuc_vu", "ca_nhan[0].chuc_vu is empty" },
		{ "duplicate", "Bảo tàng tỉnh", "ca_nhan[1].ho_ten", "\"Lo Van Pom\" is registered twice (also by \"Bảo tàng tỉnh\")" },
	};
	ck_assert_uint_eq(f.count, 6);
	for (size_t i = 0; i < 6; i++) {
		ck_assert_str_eq(f.items[i].rule, want[i][0]);
		ck_assert_str_eq(f.items[i].unit, want[i][1]);
		ck_assert_str_eq(f.items[i].field, want[i][2]);
		ck_assert_str_eq(f.items[i].message, want[i][3]);
	}
	vndoc_findings_dispose(&f);
}
END_TEST

START_TEST(data_check__samples_hold_every_rule)
{
	vndoc_value *v = load_file(SAMPLES ".csv");
	vndoc_findings f = VNDOC_FINDINGS_INIT;
	ck_assert_uint_eq(vndoc_data_check(v, &f), 0);
	vndoc_value_free(v);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("data_flat");
	TCase *tc = tcase_create("flat");
	tcase_add_test(tc, data_flat__three_sample_formats_give_the_same_units);
	tcase_add_test(tc, data_flat__rows_grouped_into_units);
	tcase_add_test(tc, data_flat__text_is_repaired);
	tcase_add_test(tc, data_flat__unit_list);
	tcase_add_test(tc, data_flat__headers_found_loosely);
	tcase_add_test(tc, data_flat__bad_sheets_name_row_and_column);
	tcase_add_test(tc, data_xlsx__cells_of_every_kind);
	tcase_add_test(tc, data_xlsx__broken_workbooks);
	tcase_add_test(tc, data_json__repaired_but_spaces_kept);
	tcase_add_test(tc, data_check__every_rule);
	tcase_add_test(tc, data_check__samples_hold_every_rule);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
