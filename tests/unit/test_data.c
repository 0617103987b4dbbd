#include <stdlib.h>
#include <string.h>

#include "data/data.h"
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
	test_assert_error(&e, VNDOC_EFORMAT, "units.txt: unknown data format (expected .json)");
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
	tcase_add_test(json, data_json__depth_limit);
	tcase_add_test(json, data_load_file__unknown_extension);
	tcase_add_test(value, data_number__as_javascript_prints);
	tcase_add_test(value, data_truthy);
	tcase_add_test(value, data_totals__counted_unless_given);
	suite_add_tcase(s, json);
	suite_add_tcase(s, value);
	return test_run_suite(s);
}
