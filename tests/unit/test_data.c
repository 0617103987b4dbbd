#include <stdlib.h>
#include <string.h>

#include "data/data.h"
#include "core/buf.h"
#include "data/data_internal.h"
#include "test.h"

static vndoc_value *load(const char *json)
{
	vndoc_value *v = NULL;
	vndoc_error e;
	char msg[1024];
	vndoc_error_clear(&e);
	if (vndoc_data_load_json(&v, json, strlen(json), "t.json", &e) < 0)
		ck_abort_msg("%s", vndoc_error_format(&e, msg, sizeof msg));
	return v;
}

/* Issue 18: a "_row" a JSON file sets to anything is no row (no cast of
 * 1e300 to long). */
START_TEST(data_check__row_out_of_range_is_no_row)
{
	vndoc_value *v = load("{\"don_vi\": [{\"ten\": \"A\", \"tap_the\": [{\"_row\": 1e300, \"ten\": \"T\"}],"
			      " \"ca_nhan\": [{\"_row\": -1e300, \"ho_ten\": \"N\"}, {\"_row\": 7, \"ho_ten\": \"M\"}]}]}");
	vndoc_findings f = VNDOC_FINDINGS_INIT;
	ck_assert_uint_gt(vndoc_data_check(v, &f), 0);
	for (size_t i = 0; i < f.count; i++)
		ck_assert_msg(f.items[i].row == 0 || f.items[i].row == 7, "row %ld", f.items[i].row);
	vndoc_findings_dispose(&f);
	vndoc_value_free(v);
}
END_TEST

START_TEST(data_json__types_and_order)
{
	vndoc_value *v = load("{\"z\": 1, \"a\": [true, null, \"x\"], \"m\": {}}");
	ck_assert_int_eq(vndoc_value_type_of(v), VNDOC_VALUE_MAP);
	ck_assert_uint_eq(vndoc_value_count(v), 3);
	ck_assert_str_eq(vndoc_value_key_at(v, 0), "z");
	ck_assert_str_eq(vndoc_value_key_at(v, 1), "a");
	const vndoc_value *a = vndoc_value_get(v, "a", 1);
	ck_assert_int_eq(vndoc_value_type_of(vndoc_value_at(a, 0)), VNDOC_VALUE_BOOL);
	ck_assert_int_eq(vndoc_value_type_of(vndoc_value_at(a, 1)), VNDOC_VALUE_NULL);
	ck_assert_str_eq(vndoc_value_text(vndoc_value_at(a, 2), NULL), "x");
	ck_assert_ptr_null(vndoc_value_get(v, "missing", 7));
	vndoc_value_free(v);
}
END_TEST

START_TEST(data_json__nfd_becomes_nfc)
{
	/* "Thắng" typed as NFD: a + breve (U+0306) + acute (U+0301). */
	vndoc_value *v = load("\"Tha\\u0306\\u0301ng\"");
	ck_assert_str_eq(vndoc_value_text(v, NULL), "Th\xE1\xBA\xAFng");
	vndoc_value_free(v);
}
END_TEST

START_TEST(data_json__bom_is_skipped)
{
	vndoc_value *v = load("\xEF\xBB\xBF{\"a\": 1}");
	ck_assert_str_eq(vndoc_value_text(vndoc_value_get(v, "a", 1), NULL), "1");
	vndoc_value_free(v);
}
END_TEST

/* jansson gives the column where it stopped reading: the token's end. */
START_TEST(data_json__error_line_column)
{
	vndoc_value *v;
	vndoc_error e;
	const char *json = "{\n  \"a\": 1,\n  \"b\": tru\n}";
	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_data_load_json(&v, json, strlen(json), "units.json", &e), VNDOC_EFORMAT);
	ck_assert_ptr_null(v);
	test_assert_error(&e, VNDOC_EFORMAT, "units.json:3:10: invalid JSON: invalid token near 'tru'");
}
END_TEST

/* jansson alone would take "{"a": 1<NUL>}" for an object. */
START_TEST(data_json__nul_byte_is_refused)
{
	static const char text[] = "{\"tên\": 1,\n \"nam\": 2024\0}";
	vndoc_value *v;
	vndoc_error e;
	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_data_load_json(&v, text, sizeof text - 1, "nul.json", &e), VNDOC_EFORMAT);
	test_assert_error(&e, VNDOC_EFORMAT, "nul.json:2:13: invalid JSON: a NUL byte");
	ck_assert_ptr_null(v);
}
END_TEST

START_TEST(data_json__depth_limit)
{
	char json[300];
	vndoc_value *v;
	vndoc_error e;
	memset(json, '[', 100);
	memset(json + 100, ']', 100);
	json[200] = '\0';
	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_data_load_json(&v, json, 200, "deep.json", &e), VNDOC_ELIMIT);
	test_assert_error(&e, VNDOC_ELIMIT, "deep.json: JSON nested deeper than 64 levels");
}
END_TEST

static const char *fmt(double d)
{
	static char out[64];
	vndoc_data__format_number(out, sizeof out, d);
	return out;
}

START_TEST(data_number__as_javascript_prints)
{
	ck_assert_str_eq(fmt(1.5), "1.5");
	ck_assert_str_eq(fmt(0.1), "0.1");
	ck_assert_str_eq(fmt(-2500), "-2500");
	ck_assert_str_eq(fmt(1e21), "1e+21");
	ck_assert_str_eq(fmt(123456789012345680000.0), "123456789012345680000");
	ck_assert_str_eq(fmt(1e-7), "1e-7");
	ck_assert_str_eq(fmt(0.000001), "0.000001");
	ck_assert_str_eq(fmt(1.25e-10), "1.25e-10");
	ck_assert_str_eq(fmt(0.1 + 0.2), "0.30000000000000004");
	ck_assert_str_eq(fmt(-0.0), "0");
}
END_TEST

START_TEST(data_truthy)
{
	vndoc_value *v = load("[0, 1, \"\", \"x\", [], [0], {}, null, false, true]");
	int want[] = { 0, 1, 0, 1, 0, 1, 1, 0, 0, 1 };
	for (size_t i = 0; i < 10; i++)
		ck_assert_int_eq(vndoc_value_truthy(vndoc_value_at(v, i)), want[i]);
	ck_assert(!vndoc_value_truthy(NULL));
	vndoc_value_free(v);
}
END_TEST

START_TEST(data_totals__counted_unless_given)
{
	vndoc_value *v = load("{\"don_vi\": [{\"tap_the\": [1], \"ca_nhan\": [1, 2]},"
			      " {\"tap_the\": [1], \"ca_nhan\": [1]}]}");
	vndoc_data_add_totals(v);
	ck_assert_str_eq(vndoc_value_text(vndoc_value_get(v, "tong_so_don_vi", 14), NULL), "2");
	ck_assert_str_eq(vndoc_value_text(vndoc_value_get(v, "tong_so_tap_the", 15), NULL), "2");
	ck_assert_str_eq(vndoc_value_text(vndoc_value_get(v, "tong_so_ca_nhan", 15), NULL), "3");
	vndoc_value_free(v);
	v = load("{\"don_vi\": [], \"tong_so_don_vi\": \"mười\"}");
	vndoc_data_add_totals(v);
	ck_assert_str_eq(vndoc_value_text(vndoc_value_get(v, "tong_so_don_vi", 14), NULL), "mười");
	vndoc_value_free(v);
}
END_TEST

START_TEST(data_load_file__unknown_extension)
{
	vndoc_value *v;
	vndoc_error e;
	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_data_load_file(&v, "units.txt", &e), VNDOC_EFORMAT);
	test_assert_error(&e, VNDOC_EFORMAT, "units.txt: unknown data format (expected .json, .csv or .xlsx)");
}
END_TEST

/* ---- CSV -------------------------------------------------------------- */

typedef struct {
	vndoc_buf out;
} csv_sink;

/* Prints records as "row:line [f1|f2|...]" lines. */
static int collect(const vndoc_str *f, size_t n, long row, long line, void *ud)
{
	csv_sink *s = ud;
	vndoc_buf_printf(&s->out, "%ld:%ld [", row, line);
	for (size_t i = 0; i < n; i++) {
		if (i)
			vndoc_buf_putc(&s->out, '|');
		vndoc_buf_put(&s->out, f[i].ptr, f[i].len);
	}
	vndoc_buf_puts(&s->out, "]\n");
	return 0;
}

static char *csv(const char *text, vndoc_error *e)
{
	csv_sink s = { VNDOC_BUF_INIT(1 << 20) };
	vndoc_error_clear(e);
	if (vndoc_data_read_csv(text, strlen(text), "units.csv", collect, &s, e) < 0) {
		vndoc_buf_dispose(&s.out);
		return NULL;
	}
	return vndoc_buf_detach(&s.out, NULL);
}

START_TEST(data_csv__rfc4180)
{
	vndoc_error e;
	char *out = csv("Stt,Họ và tên,Ghi chú\r\n1,\"Lò Văn Thắng, Tổ trưởng\",\"Nói \"\"Then\"\"\r\nhai dòng\"\r\n2,Giàng A Páo,\r\n", &e);
	ck_assert_str_eq(out, "1:1 [Stt|Họ và tên|Ghi chú]\n"
			      "2:2 [1|Lò Văn Thắng, Tổ trưởng|Nói \"Then\"\nhai dòng]\n"
			      "3:4 [2|Giàng A Páo|]\n");
	free(out);
}
END_TEST

START_TEST(data_csv__bom_semicolon_no_final_newline)
{
	vndoc_error e;
	char *out = csv("\xEF\xBB\xBFĐơn vị;Địa chỉ\nSở VHTTDL;Lai Châu, Việt Nam", &e);
	ck_assert_str_eq(out, "1:1 [Đơn vị|Địa chỉ]\n2:2 [Sở VHTTDL|Lai Châu, Việt Nam]\n");
	free(out);
}
END_TEST

START_TEST(data_csv__unterminated_quote)
{
	vndoc_error e;
	ck_assert_ptr_null(csv("a,b\n1,\"open\n2,x\n", &e));
	test_assert_error(&e, VNDOC_EFORMAT, "units.csv:row 2:2:3: unterminated quoted field");
}
END_TEST

START_TEST(data_csv__text_after_closing_quote)
{
	vndoc_error e;
	ck_assert_ptr_null(csv("a,b\n\"x\"y,1\n", &e));
	test_assert_error(&e, VNDOC_EFORMAT, "units.csv:row 2:2:4: unexpected character after a closing quote");
}
END_TEST

START_TEST(data_csv__too_many_columns)
{
	vndoc_buf b = VNDOC_BUF_INIT(1 << 22);
	vndoc_error e;
	for (int i = 0; i < 2000; i++)
		vndoc_buf_puts(&b, "x,");
	ck_assert_ptr_null(csv(b.ptr, &e));
	test_assert_error(&e, VNDOC_ELIMIT, "units.csv:row 1:1:2049: more than 1024 columns");
	vndoc_buf_dispose(&b);
}
END_TEST

START_TEST(data_csv__field_too_long)
{
	vndoc_buf b = VNDOC_BUF_INIT(1 << 22);
	vndoc_error e;
	vndoc_buf_puts(&b, "a\n");
	for (int i = 0; i < (1 << 20); i++)
		vndoc_buf_putc(&b, 'x');
	ck_assert_ptr_null(csv(b.ptr, &e));
	test_assert_error(&e, VNDOC_ELIMIT, "units.csv:row 2:2:1048577: field longer than 262144 bytes");
	vndoc_buf_dispose(&b);
}
END_TEST

static int stop_at_two(const vndoc_str *f, size_t n, long row, long line, void *ud)
{
	(void)f, (void)n, (void)line;
	*(long *)ud = row;
	return row == 2 ? 42 : 0;
}

START_TEST(data_csv__callback_stops_reader)
{
	long last = 0;
	ck_assert_int_eq(vndoc_data_read_csv("a\nb\nc\n", 6, "x.csv", stop_at_two, &last, NULL), 42);
	ck_assert_int_eq(last, 2);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("data");
	TCase *json = tcase_create("json"), *value = tcase_create("value");
	tcase_add_test(json, data_json__types_and_order);
	tcase_add_test(json, data_json__nfd_becomes_nfc);
	tcase_add_test(json, data_json__bom_is_skipped);
	tcase_add_test(json, data_json__error_line_column);
	tcase_add_test(json, data_json__nul_byte_is_refused);
	tcase_add_test(json, data_json__depth_limit);
	tcase_add_test(json, data_load_file__unknown_extension);
	tcase_add_test(value, data_number__as_javascript_prints);
	tcase_add_test(value, data_truthy);
	tcase_add_test(value, data_totals__counted_unless_given);
	TCase *csvc = tcase_create("csv");
	tcase_add_test(csvc, data_csv__rfc4180);
	tcase_add_test(csvc, data_csv__bom_semicolon_no_final_newline);
	tcase_add_test(csvc, data_csv__unterminated_quote);
	tcase_add_test(csvc, data_csv__text_after_closing_quote);
	tcase_add_test(csvc, data_csv__too_many_columns);
	tcase_add_test(csvc, data_csv__field_too_long);
	tcase_add_test(csvc, data_csv__callback_stops_reader);
	tcase_add_test(csvc, data_check__row_out_of_range_is_no_row);
	suite_add_tcase(s, csvc);
	suite_add_tcase(s, json);
	suite_add_tcase(s, value);
	return test_run_suite(s);
}
