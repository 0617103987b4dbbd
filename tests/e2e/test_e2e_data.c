/*
 * test_e2e_data.c: `vndoc check` on a sheet that breaks each rule of the
 * plan, and the three sample formats merging to the same bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "test.h"

#define DATA VNDOC_FIXTURES "/data/"
#define SAMPLES VNDOC_SOURCE_DIR "/samples/"

static int vndoc(const char *args, char **out, char **err)
{
	char cmd[16384];
	snprintf(cmd, sizeof cmd, "'%s' %s", VNDOC_EXE, args);
	return test_run(cmd, out, err);
}

START_TEST(e2e_data__check_names_unit_row_and_field)
{
	char *out, *err;
	const char *f = DATA "broken-rules.csv";
	char want[8192];

	ck_assert_int_eq(vndoc("check '" DATA "broken-rules.csv' --doc '" DATA "broken-rules-doc.json'", &out, &err), 1);
	snprintf(want, sizeof want,
		 "%s:row 3: Thư viện tỉnh: tap_the: registers 2 collectives; the plan asks for exactly one\n"
		 "%s:row 2: Thư viện tỉnh: ca_nhan: registers no individual; the plan asks for at least one\n"
		 "%s:row 2: Thư viện tỉnh: ngay: registered on 28/7/2024, after the deadline 25/7/2024\n"
		 "%s:row 5: Bảo tàng tỉnh: ca_nhan[0].chuc_vu: ca_nhan[0].chuc_vu is empty\n"
		 "%s:row 6: Bảo tàng tỉnh: ca_nhan[1].ho_ten: \"TẨN THỊ MẨY\" is registered twice "
		 "(also by \"Bảo tàng tỉnh\", row 5)\n", f, f, f, f, f);
	ck_assert_str_eq(out, want);
	ck_assert_str_eq(err, "");
	free(out);
	free(err);
}
END_TEST

START_TEST(e2e_data__check_json_output)
{
	char *out, *err;
	json_error_t je;
	json_t *a;
	static const char *rules[] = { "one-collective", "an-individual", "deadline", "required", "duplicate" };
	static const long rows[] = { 3, 2, 2, 5, 6 };

	ck_assert_int_eq(vndoc("check --json '" DATA "broken-rules.csv' --doc '" DATA "broken-rules-doc.json'", &out,
			       &err), 1);
	a = json_loads(out, 0, &je);
	ck_assert_msg(a != NULL, "not JSON: %s", je.text);
	ck_assert_uint_eq(json_array_size(a), 5);
	for (size_t i = 0; i < 5; i++) {
		json_t *e = json_array_get(a, i);
		ck_assert_str_eq(json_string_value(json_object_get(e, "rule")), rules[i]);
		ck_assert_int_eq(json_integer_value(json_object_get(e, "row")), rows[i]);
	}
	json_decref(a);
	free(out);
	free(err);
}
END_TEST

START_TEST(e2e_data__samples_hold_every_rule_in_every_format)
{
	static const char *files[] = { "lai-chau.json", "lai-chau.csv", "lai-chau.xlsx" };
	for (size_t i = 0; i < 3; i++) {
		char args[4096], *out, *err, want[4096];
		snprintf(args, sizeof args, "check '%s%s'", SAMPLES, files[i]);
		ck_assert_int_eq(vndoc(args, &out, &err), 0);
		snprintf(want, sizeof want, "%s%s: every rule of the plan holds (26 units)\n", SAMPLES, files[i]);
		ck_assert_str_eq(out, want);
		free(out);
		free(err);
	}
}
END_TEST

/* The form of unit 7 and the summary, from each format, byte for byte. */
START_TEST(e2e_data__three_formats_merge_to_the_same_bytes)
{
	const char *dir = test_tmpdir();
	static const char *tmpl[] = { "bieu-dang-ky", "tong-hop" };
	for (size_t t = 0; t < 2; t++) {
		char *first = NULL;
		size_t first_len = 0;
		static const char *files[] = { "lai-chau.json", "lai-chau.csv", "lai-chau.xlsx" };
		for (size_t i = 0; i < 3; i++) {
			char args[8192], out[4200], *data;
			size_t len;
			snprintf(out, sizeof out, "%s/%s-%zu.docx", dir, tmpl[t], i);
			snprintf(args, sizeof args, "merge '%s/templates/%s.docx' '%s%s' %s %s -o '%s'", VNDOC_BINARY_DIR,
				 tmpl[t], SAMPLES, files[i], i ? "--doc '" SAMPLES "lai-chau-van-ban.json'" : "",
				 t == 0 ? "--scope don_vi.7" : "", out);
			ck_assert_int_eq(vndoc(args, NULL, NULL), 0);
			data = test_read_file(out, &len);
			if (!first) {
				first = data;
				first_len = len;
				continue;
			}
			ck_assert_msg(len == first_len && !memcmp(data, first, len), "%s from %s differs", tmpl[t], files[i]);
			free(data);
		}
		free(first);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("e2e_data");
	TCase *tc = tcase_create("data");
	tcase_add_test(tc, e2e_data__check_names_unit_row_and_field);
	tcase_add_test(tc, e2e_data__check_json_output);
	tcase_add_test(tc, e2e_data__samples_hold_every_rule_in_every_format);
	tcase_add_test(tc, e2e_data__three_formats_merge_to_the_same_bytes);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
