/*
 * test_data_stream.c: the unit stream (data/stream.c) gives what the
 * whole-file loaders give, a unit at a time, and says where JSON is bad;
 * the checker, a unit at a time, finds what vndoc_data_check finds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "data/data.h"
#include "data/data_internal.h"
#include "test.h"

#define SAMPLES VNDOC_SOURCE_DIR "/samples/"
#define DATA VNDOC_FIXTURES "/data/"

/* ---- helpers ------------------------------------------------------------ */

/* A canonical dump: type, exact bytes, keys in order. */
static void dump_to(vndoc_buf *b, const vndoc_value *v)
{
	size_t len;
	const char *text;

	switch (vndoc_value_type_of(v)) {
	case VNDOC_VALUE_NULL: vndoc_buf_puts(b, "null"); break;
	case VNDOC_VALUE_BOOL: vndoc_buf_puts(b, vndoc_value_bool(v) ? "true" : "false"); break;
	case VNDOC_VALUE_NUMBER: vndoc_buf_printf(b, "#%s", vndoc_value_text(v, NULL)); break;
	case VNDOC_VALUE_STRING:
		text = vndoc_value_text(v, &len);
		vndoc_buf_printf(b, "s%zu:", len);
		vndoc_buf_put(b, text, len);
		break;
	case VNDOC_VALUE_LIST:
		vndoc_buf_putc(b, '[');
		for (size_t i = 0; i < vndoc_value_count(v); i++) {
			dump_to(b, vndoc_value_at(v, i));
			vndoc_buf_putc(b, ',');
		}
		vndoc_buf_putc(b, ']');
		break;
	case VNDOC_VALUE_MAP:
		vndoc_buf_putc(b, '{');
		for (size_t i = 0; i < vndoc_value_count(v); i++) {
			vndoc_buf_printf(b, "k%s=", vndoc_value_key_at(v, i));
			dump_to(b, vndoc_value_at(v, i));
			vndoc_buf_putc(b, ',');
		}
		vndoc_buf_putc(b, '}');
		break;
	}
}

static char *dump(const vndoc_value *v)
{
	vndoc_buf b = VNDOC_BUF_INIT(64u << 20);
	dump_to(&b, v);
	ck_assert(!vndoc_buf_failed(&b));
	return vndoc_buf_detach(&b, NULL);
}

/* The top level of a whole-file load without don_vi, dumped as a map. */
static char *dump_without_units(const vndoc_value *v)
{
	vndoc_buf b = VNDOC_BUF_INIT(64u << 20);
	if (vndoc_value_type_of(v) != VNDOC_VALUE_MAP) {
		dump_to(&b, v);
		return vndoc_buf_detach(&b, NULL);
	}
	vndoc_buf_putc(&b, '{');
	for (size_t i = 0; i < vndoc_value_count(v); i++) {
		if (!strcmp(vndoc_value_key_at(v, i), "don_vi"))
			continue;
		vndoc_buf_printf(&b, "k%s=", vndoc_value_key_at(v, i));
		dump_to(&b, vndoc_value_at(v, i));
		vndoc_buf_putc(&b, ',');
	}
	vndoc_buf_putc(&b, '}');
	return vndoc_buf_detach(&b, NULL);
}

static const char *fmt_error(const vndoc_error *e)
{
	static char msg[2048];
	return vndoc_error_format(e, msg, sizeof msg);
}

static vndoc_data_stream *open_ok(const char *path, const vndoc_data_options *opts)
{
	vndoc_data_stream *s = NULL;
	vndoc_error e;
	vndoc_error_clear(&e);
	if (vndoc_data_stream_open(&s, path, opts, &e) < 0)
		ck_abort_msg("%s", fmt_error(&e));
	ck_assert_ptr_nonnull(s);
	return s;
}

static vndoc_value *load_ok(const char *path, const vndoc_data_options *opts)
{
	vndoc_value *v = NULL;
	vndoc_error e;
	vndoc_error_clear(&e);
	if (vndoc_data_load_file_with(&v, path, opts, &e) < 0)
		ck_abort_msg("%s", fmt_error(&e));
	return v;
}

/* Files the tests write, in one temporary folder per test, removed after it. */
static char temp_dir[4096];
static char temp_files[16][4200];
static size_t n_temp_files;

/* Writes `text` to the file NAME in the test's temporary folder. */
static const char *write_temp(const char *name, const char *text)
{
	char *path;
	FILE *f;
	size_t i;

	if (!*temp_dir)
		snprintf(temp_dir, sizeof temp_dir, "%s", test_tmpdir());
	for (i = 0; i < n_temp_files && strcmp(strrchr(temp_files[i], '/') + 1, name); i++)
		;
	ck_assert_uint_lt(i, 16);
	path = temp_files[i];
	snprintf(path, sizeof temp_files[i], "%s/%s", temp_dir, name);
	if (i == n_temp_files)
		n_temp_files++;
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, strlen(text), f), strlen(text));
	fclose(f);
	return path;
}

static void remove_temp(void)
{
	for (size_t i = 0; i < n_temp_files; i++)
		remove(temp_files[i]);
	if (*temp_dir)
		remove(temp_dir);
	n_temp_files = 0;
	*temp_dir = '\0';
}

/* Every unit of the stream, in order, against the whole-file load; the
 * root against the top level without don_vi.  Twice, with a rewind. */
static void assert_same_as_whole(const char *path)
{
	vndoc_value *whole = load_ok(path, NULL);
	vndoc_data_stream *s = open_ok(path, NULL);
	const vndoc_value *units = vndoc_value_get(whole, "don_vi", 6);
	char *a, *b;
	vndoc_error e;

	ck_assert(vndoc_data_stream_has_units(s));
	ck_assert_uint_eq(vndoc_data_stream_count(s), vndoc_value_count(units));
	a = dump(vndoc_data_stream_root(s));
	b = dump_without_units(whole);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
	for (int pass = 0; pass < 2; pass++) {
		vndoc_value *u;
		size_t i = 0;
		int rc;
		vndoc_error_clear(&e);
		while ((rc = vndoc_data_stream_next(s, &u, &e)) > 0) {
			ck_assert_uint_lt(i, vndoc_value_count(units));
			a = dump(u);
			b = dump(vndoc_value_at(units, i));
			ck_assert_msg(!strcmp(a, b), "%s: unit %zu differs (pass %d)", path, i, pass);
			free(a);
			free(b);
			vndoc_value_free(u);
			i++;
		}
		ck_assert_msg(rc == 0, "%s", fmt_error(&e));
		ck_assert_uint_eq(i, vndoc_value_count(units));
		/* the end stays the end */
		ck_assert_int_eq(vndoc_data_stream_next(s, &u, &e), 0);
		ck_assert_ptr_null(u);
		ck_assert_int_eq(vndoc_data_stream_rewind(s, &e), 0);
	}
	vndoc_data_stream_free(s);
	vndoc_value_free(whole);
}

/* The error of open (or of the first next() that fails). */
static int stream_error(const char *path, vndoc_error *e, size_t *units_before)
{
	vndoc_data_stream *s = NULL;
	vndoc_value *u;
	int rc;

	*units_before = 0;
	vndoc_error_clear(e);
	if ((rc = vndoc_data_stream_open(&s, path, NULL, e)) < 0) {
		ck_assert_ptr_null(s);
		return rc;
	}
	while ((rc = vndoc_data_stream_next(s, &u, e)) > 0) {
		vndoc_value_free(u);
		(*units_before)++;
	}
	ck_assert_ptr_null(u);
	vndoc_data_stream_free(s);
	return rc;
}

/* ---- the same units as the whole-file loaders ---------------------------- */

START_TEST(data_stream__sample_json_units_as_loaded_whole)
{
	assert_same_as_whole(SAMPLES "lai-chau.json");
}
END_TEST

START_TEST(data_stream__sample_csv_units_as_loaded_whole)
{
	vndoc_data_stream *s = open_ok(SAMPLES "lai-chau.csv", NULL);
	/* sorted by unit: read a unit at a time */
	ck_assert_int_eq(vndoc_data__stream_mode_of(s), VNDOC_DATA__STREAM_CSV);
	vndoc_data_stream_free(s);
	assert_same_as_whole(SAMPLES "lai-chau.csv");
}
END_TEST

START_TEST(data_stream__sample_xlsx_units_as_loaded_whole)
{
	assert_same_as_whole(SAMPLES "lai-chau.xlsx");
}
END_TEST

START_TEST(data_stream__root_is_every_field_but_units_in_order)
{
	vndoc_value *whole = load_ok(SAMPLES "lai-chau.json", NULL);
	vndoc_data_stream *s = open_ok(SAMPLES "lai-chau.json", NULL);
	const vndoc_value *root = vndoc_data_stream_root(s);
	size_t k = 0;

	ck_assert_uint_eq(vndoc_data_stream_count(s), 26);
	ck_assert_uint_eq(vndoc_value_count(root), vndoc_value_count(whole) - 1);
	for (size_t i = 0; i < vndoc_value_count(whole); i++) {
		if (!strcmp(vndoc_value_key_at(whole, i), "don_vi"))
			continue;
		ck_assert_str_eq(vndoc_value_key_at(root, k), vndoc_value_key_at(whole, i));
		k++;
	}
	ck_assert_ptr_null(vndoc_value_get(root, "don_vi", 6));
	/* no totals added */
	ck_assert_ptr_null(vndoc_value_get(root, "tong_so_don_vi", 14));
	vndoc_data_stream_free(s);
	vndoc_value_free(whole);
}
END_TEST

START_TEST(data_stream__keys_after_units_are_in_root)
{
	const char *path = write_temp("after.json",
				      "{\"a\": 1,\n \"don_vi\": [{\"ten\": \"X\"}, {\"ten\": \"Y\"}],\n"
				      " \"b\": {\"c\": [true, null]}, \"d\": \"cuối\"}\n");
	vndoc_data_stream *s = open_ok(path, NULL);
	char *a = dump(vndoc_data_stream_root(s));

	ck_assert_str_eq(a, "{ka=#1,kb={kc=[true,null,],},kd=s6:cuối,}");
	free(a);
	ck_assert_uint_eq(vndoc_data_stream_count(s), 2);
	vndoc_data_stream_free(s);
	assert_same_as_whole(path);
}
END_TEST

START_TEST(data_stream__strings_do_not_confuse_the_scanner)
{
	/* Brackets, quotes and backslashes inside strings, in keys and values,
	 * an escaped quote before a bracket, \u escapes, scalars and empty
	 * containers as items, CRLF line ends and a byte order mark. */
	const char *path = write_temp("tricky.json",
		"\xEF\xBB\xBF{\"x}\": \"]\", \"don_vi\": [\r\n"
		"  {\"ten\": \"}\", \"a\\\"]\": \"\\\"}\", \"b\": \"\\\\\"},\r\n"
		"  {\"ten\": \"{[\\\\\\\"]}\", \"c\": [\"]\", {\"d\": \"}{\"}], \"e\": \"\\u007d\\u0022\"},\r\n"
		"  \"chuỗi } ]\", 12.5e3, true, null, [], {},\r\n"
		"  {\"ten\": \"\\\\\", \"f\": {}}\r\n"
		"], \"y\": \"\\\\\"}\r\n");
	vndoc_data_stream *s = open_ok(path, NULL);
	vndoc_value *u;
	vndoc_error e;

	ck_assert_uint_eq(vndoc_data_stream_count(s), 9);
	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_data_stream_next(s, &u, &e), 1);
	ck_assert_str_eq(vndoc_value_text(vndoc_value_get(u, "ten", 3), NULL), "}");
	ck_assert_str_eq(vndoc_value_text(vndoc_value_get(u, "a\"]", 3), NULL), "\"}");
	ck_assert_str_eq(vndoc_value_text(vndoc_value_get(u, "b", 1), NULL), "\\");
	vndoc_value_free(u);
	ck_assert_int_eq(vndoc_data_stream_next(s, &u, &e), 1);
	ck_assert_str_eq(vndoc_value_text(vndoc_value_get(u, "ten", 3), NULL), "{[\\\"]}");
	ck_assert_str_eq(vndoc_value_text(vndoc_value_get(u, "e", 1), NULL), "}\"");
	vndoc_value_free(u);
	vndoc_data_stream_free(s);
	assert_same_as_whole(path);
}
END_TEST

START_TEST(data_stream__empty_list)
{
	const char *path = write_temp("empty.json", "{\"don_vi\": [ ], \"a\": 1}");
	vndoc_data_stream *s = open_ok(path, NULL);
	vndoc_value *u;
	vndoc_error e;
	ck_assert(vndoc_data_stream_has_units(s));
	ck_assert_uint_eq(vndoc_data_stream_count(s), 0);
	ck_assert_int_eq(vndoc_data_stream_next(s, &u, &e), 0);
	ck_assert_uint_eq(vndoc_value_count(vndoc_data_stream_root(s)), 1);
	vndoc_data_stream_free(s);
}
END_TEST

/* Without an object holding a list don_vi, the file is loaded whole. */
START_TEST(data_stream__without_a_list_of_units)
{
	static const struct { const char *text, *root; } cases[] = {
		{ "{\"a\": 1}", "{ka=#1,}" },
		{ "{\"a\": 1, \"don_vi\": {\"b\": 2}, \"c\": 3}", "{ka=#1,kc=#3,}" },
		{ "[1, 2]", "[#1,#2,]" },
		{ "\"x\"", "s1:x" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		vndoc_data_stream *s = open_ok(write_temp("no-units.json", cases[i].text), NULL);
		vndoc_value *u;
		vndoc_error e;
		char *a = dump(vndoc_data_stream_root(s));
		ck_assert(!vndoc_data_stream_has_units(s));
		ck_assert_uint_eq(vndoc_data_stream_count(s), 0);
		ck_assert_int_eq(vndoc_data_stream_next(s, &u, &e), 0);
		ck_assert_str_eq(a, cases[i].root);
		free(a);
		vndoc_data_stream_free(s);
	}
}
END_TEST

/* don_vi given twice: as jansson does, the last one counts. */
START_TEST(data_stream__units_given_twice)
{
	const char *path = write_temp("twice.json", "{\"don_vi\": [1, 2], \"a\": 0, \"don_vi\": [3]}");
	vndoc_data_stream *s = open_ok(path, NULL);
	ck_assert_uint_eq(vndoc_data_stream_count(s), 1);
	vndoc_data_stream_free(s);
	assert_same_as_whole(path);
}
END_TEST

START_TEST(data_stream__several_streams_on_one_file)
{
	vndoc_data_stream *a = open_ok(SAMPLES "lai-chau.json", NULL);
	vndoc_data_stream *b = open_ok(SAMPLES "lai-chau.json", NULL);
	vndoc_value *ua, *ub;
	vndoc_error e;
	vndoc_error_clear(&e);
	/* b runs one unit ahead of a */
	ck_assert_int_eq(vndoc_data_stream_next(b, &ub, &e), 1);
	vndoc_value_free(ub);
	for (size_t i = 0; i + 1 < 26; i++) {
		char *da, *db;
		ck_assert_int_eq(vndoc_data_stream_next(a, &ua, &e), 1);
		ck_assert_int_eq(vndoc_data_stream_next(b, &ub, &e), 1);
		ck_assert_str_ne(da = dump(ua), db = dump(ub));
		free(da);
		free(db);
		vndoc_value_free(ua);
		vndoc_value_free(ub);
	}
	ck_assert_int_eq(vndoc_data_stream_next(b, &ub, &e), 0);
	ck_assert_int_eq(vndoc_data_stream_next(a, &ua, &e), 1);
	vndoc_value_free(ua);
	vndoc_data_stream_free(a);
	vndoc_data_stream_free(b);
}
END_TEST

/* Warnings and repairs as the whole-file loader makes them. */
START_TEST(data_stream__repairs_and_warnings_as_whole)
{
	const char *path = write_temp("warn.json",
				      "{\"ten\": \"a\\u0001b\", \"don_vi\": [{\"ten\": \"Tha\\u0306\\u0301ng\\u0002\"}]}");
	vndoc_error_list w1 = VNDOC_ERROR_LIST_INIT, w2 = VNDOC_ERROR_LIST_INIT;
	vndoc_data_options o1 = VNDOC_DATA_OPTIONS_INIT, o2 = VNDOC_DATA_OPTIONS_INIT;
	vndoc_value *whole, *u;
	vndoc_data_stream *s;
	vndoc_error e;

	o1.warnings = &w1;
	o2.warnings = &w2;
	whole = load_ok(path, &o1);
	s = open_ok(path, &o2);
	ck_assert_uint_eq(w2.count, 1); /* the unit's is told when it is read */
	ck_assert_int_eq(vndoc_data_stream_next(s, &u, &e), 1);
	ck_assert_str_eq(vndoc_value_text(vndoc_value_get(u, "ten", 3), NULL), "Th\xE1\xBA\xAFng");
	ck_assert_uint_eq(w1.count, 2);
	ck_assert_uint_eq(w2.count, 2);
	for (size_t i = 0; i < 2; i++) {
		char a[1024];
		ck_assert_str_eq(fmt_error(&w2.items[i]), vndoc_error_format(&w1.items[i], a, sizeof a));
	}
	ck_assert_str_eq(w2.items[1].tag, "ten");
	ck_assert_str_eq(w2.items[1].message, "removed 1 control character");
	vndoc_value_free(u);
	vndoc_data_stream_free(s);
	vndoc_value_free(whole);
	vndoc_error_list_dispose(&w1);
	vndoc_error_list_dispose(&w2);
}
END_TEST

/* ---- CSV a unit at a time ---------------------------------------------------- */

#define CSV_HEADER "Đơn vị đăng ký,Loại,Họ và tên,Chức vụ,Thủ trưởng,Các giải pháp (nêu khái quát)\n"

/* Streamed (or loaded whole, as `mode` says) and the same as whole. */
static void assert_csv(const char *path, vndoc_data__stream_mode mode, size_t units)
{
	vndoc_data_stream *s = open_ok(path, NULL);
	ck_assert_int_eq(vndoc_data__stream_mode_of(s), mode);
	ck_assert_uint_eq(vndoc_data_stream_count(s), units);
	vndoc_data_stream_free(s);
	assert_same_as_whole(path);
}

START_TEST(data_stream__csv_contiguous_is_streamed)
{
	const char *path = write_temp("units.csv",
				      CSV_HEADER
				      "Sở A,Tập thể,Phòng một,,Lò Văn A,Gọn\n"
				      "Sở A,Cá nhân,Người một,Chuyên viên,,\n"
				      "\n"
				      " , ,\n"
				      "Sở B,Cá nhân,Người hai,Kế toán,Lò Văn B,\n"
				      "Sở B,Tập thể,Phòng hai,,,\n"
				      "Sở C,Tập thể,Phòng ba,,,\n");
	vndoc_data_stream *s = open_ok(path, NULL);
	vndoc_value *u;
	vndoc_error e;

	assert_csv(path, VNDOC_DATA__STREAM_CSV, 3);
	/* the root: what a sheet loaded whole has but don_vi, nothing */
	ck_assert_uint_eq(vndoc_value_count(vndoc_data_stream_root(s)), 0);
	ck_assert(vndoc_data_stream_has_units(s));
	/* the rows' numbers in the sheet, blank ones counted */
	ck_assert_int_eq(vndoc_data_stream_next(s, &u, &e), 1);
	vndoc_value_free(u);
	ck_assert_int_eq(vndoc_data_stream_next(s, &u, &e), 1);
	ck_assert_str_eq(vndoc_value_text(vndoc_value_get(u, "ten", 3), NULL), "Sở B");
	ck_assert_str_eq(vndoc_value_text(vndoc_value_get(vndoc_value_at(vndoc_value_get(u, "ca_nhan", 7), 0),
							   "_row", 4), NULL), "6");
	vndoc_value_free(u);
	vndoc_data_stream_free(s);
}
END_TEST

/* Sở A's rows come back after Sở B's: loaded whole, grouped as ever. */
START_TEST(data_stream__csv_not_contiguous_is_loaded_whole)
{
	const char *path = write_temp("mixed.csv",
				      CSV_HEADER
				      "Sở A,Tập thể,Phòng một,,,\n"
				      "Sở B,Tập thể,Phòng hai,,,\n"
				      "Sở A,Cá nhân,Người một,,,\n"
				      "Sở C,Cá nhân,Người ba,,,\n");
	vndoc_data_stream *s;
	vndoc_value *u;
	vndoc_error e;

	assert_csv(path, VNDOC_DATA__STREAM_WHOLE, 3);
	s = open_ok(path, NULL);
	ck_assert_int_eq(vndoc_data_stream_next(s, &u, &e), 1);
	ck_assert_uint_eq(vndoc_value_count(vndoc_value_get(u, "ca_nhan", 7)), 1);
	vndoc_value_free(u);
	vndoc_data_stream_free(s);
	/* the key is the repaired name, as the rows are grouped: "Sở  A" is
	 * Sở A, so it comes back too */
	path = write_temp("spaces.csv",
			  CSV_HEADER
			  "Sở A,Tập thể,Phòng một,,,\n"
			  "Sở B,Tập thể,Phòng hai,,,\n"
			  "  Sở  A ,Cá nhân,Người một,,,\n");
	assert_csv(path, VNDOC_DATA__STREAM_WHOLE, 2);
	/* and "sở a" is another unit, its rows contiguous */
	path = write_temp("case.csv",
			  CSV_HEADER
			  "Sở A,Tập thể,Phòng một,,,\n"
			  "sở a,Tập thể,Phòng hai,,,\n"
			  "Sở A ,Cá nhân,Người một,,,\n");
	assert_csv(path, VNDOC_DATA__STREAM_WHOLE, 2);
	path = write_temp("case2.csv",
			  CSV_HEADER
			  "Sở A,Tập thể,Phòng một,,,\n"
			  "Sở  A,Cá nhân,Người một,,,\n"
			  "sở a,Tập thể,Phòng hai,,,\n");
	assert_csv(path, VNDOC_DATA__STREAM_CSV, 2);
}
END_TEST

/* Quoted fields holding separators, quotes, CRLF and LF, every record
 * straddling the reader's window, for windows of 1 to 40 bytes. */
START_TEST(data_stream__csv_records_across_the_window)
{
	const char *path = write_temp("quoted.csv",
				      "\xEF\xBB\xBF\"Đơn vị đăng ký\";Loại;\"Họ và tên\";\"Các giải pháp; tóm tắt\"\r\n"
				      "\"Sở A; Lai Châu\";Tập thể;\"Phòng \"\"một\"\"\";\"dòng 1\r\ndòng 2; ba\"\r\n"
				      "\"Sở A; Lai Châu\";Cá nhân;Lò Thị Ả;\"\"\"\"\r\n"
				      "\r\n"
				      "Sở B;Cá nhân;\"Giàng\nA Páo\";\"x,y;z\"\r\n"
				      "\"Sở C\";\"Tập thể\";\"Đội, \"\"C\"\"\";\r\n"
				      "Sở C;Cá nhân;\"x\r\ny\";kết\r\n");
	size_t saved = vndoc_data__csv_read_size;

	for (size_t w = 1; w <= 40; w++) {
		vndoc_data__csv_read_size = w;
		assert_csv(path, VNDOC_DATA__STREAM_CSV, 3);
	}
	vndoc_data__csv_read_size = saved;
}
END_TEST

/* A field longer than the reader's window as it is. */
START_TEST(data_stream__csv_field_longer_than_the_window)
{
	vndoc_buf b = VNDOC_BUF_INIT(1 << 20);
	vndoc_data_stream *s;
	vndoc_value *u;
	vndoc_error e;

	vndoc_buf_puts(&b, CSV_HEADER "Sở A,Tập thể,Phòng một,,,\"");
	for (int i = 0; i < 40000; i++)
		vndoc_buf_puts(&b, i % 100 ? "ải, " : "ải\n\"\"");
	vndoc_buf_puts(&b, "\"\nSở B,Tập thể,Phòng hai,,,\n");
	ck_assert_uint_gt(b.len, 2 * vndoc_data__csv_read_size);
	assert_csv(write_temp("long.csv", b.ptr), VNDOC_DATA__STREAM_CSV, 2);
	s = open_ok(write_temp("long.csv", b.ptr), NULL);
	ck_assert_int_eq(vndoc_data_stream_next(s, &u, &e), 1);
	ck_assert_uint_gt(strlen(vndoc_value_text(vndoc_value_get(vndoc_value_at(vndoc_value_get(u, "tap_the", 7), 0),
								  "giai_phap", 9), NULL)), 100000);
	vndoc_value_free(u);
	ck_assert_int_eq(vndoc_data_stream_next(s, &u, &e), 1);
	ck_assert_str_eq(vndoc_value_text(vndoc_value_get(u, "ten", 3), NULL), "Sở B");
	vndoc_value_free(u);
	vndoc_data_stream_free(s);
	vndoc_buf_dispose(&b);
}
END_TEST

/* Line ends and separators as sheets come: LF, CRLF, CR; ',' and ';'; with
 * and without a byte order mark; no newline at the end. */
START_TEST(data_stream__csv_line_ends_bom_separator)
{
	static const char *texts[] = {
		"Đơn vị đăng ký,Loại,Họ và tên\nSở A,Tập thể,P1\nSở A,Cá nhân,N1\nSở B,Cá nhân,N2\n",
		"Đơn vị đăng ký,Loại,Họ và tên\r\nSở A,Tập thể,P1\r\nSở A,Cá nhân,N1\r\nSở B,Cá nhân,N2",
		"\xEF\xBB\xBFĐơn vị đăng ký;Loại;Họ và tên\r\nSở A;Tập thể;P1\r\nSở A;Cá nhân;N1\r\nSở B;Cá nhân;N2\r\n",
		"\xEF\xBB\xBFĐơn vị đăng ký;Loại;Họ và tên\rSở A;Tập thể;P1\rSở A;Cá nhân;N1\rSở B;Cá nhân;N2\r",
		"Đơn vị đăng ký;Loại;Họ và tên, Tên tập thể\nSở A;Tập thể;P1\n\nSở A;Cá nhân;\"N1, N\"\nSở B;Cá nhân;N2",
	};
	size_t saved = vndoc_data__csv_read_size;

	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		char name[32];
		snprintf(name, sizeof name, "ends%zu.csv", i);
		for (size_t w = 2; w <= 8; w += 6) {
			vndoc_data__csv_read_size = w;
			assert_csv(write_temp(name, texts[i]), VNDOC_DATA__STREAM_CSV, 2);
		}
		vndoc_data__csv_read_size = saved;
		assert_csv(write_temp(name, texts[i]), VNDOC_DATA__STREAM_CSV, 2);
	}
}
END_TEST

/* Repairs and their warnings as the whole-sheet load makes them, told as
 * each unit is read. */
START_TEST(data_stream__csv_repairs_and_warnings_as_whole)
{
	const char *path = write_temp("warn.csv",
				      CSV_HEADER
				      "Sở A,Tập thể,Phòng\x01 một,,,\n"
				      "Sở B,Cá nhân,Người\x02\x03 hai,,,\n");
	vndoc_error_list w1 = VNDOC_ERROR_LIST_INIT, w2 = VNDOC_ERROR_LIST_INIT;
	vndoc_data_options o1 = VNDOC_DATA_OPTIONS_INIT, o2 = VNDOC_DATA_OPTIONS_INIT;
	vndoc_value *whole, *u;
	vndoc_data_stream *s;
	vndoc_error e;

	o1.warnings = &w1;
	o2.warnings = &w2;
	whole = load_ok(path, &o1);
	s = open_ok(path, &o2);
	ck_assert_int_eq(vndoc_data__stream_mode_of(s), VNDOC_DATA__STREAM_CSV);
	ck_assert_uint_eq(w2.count, 0);
	for (int i = 0; i < 2; i++) {
		ck_assert_int_eq(vndoc_data_stream_next(s, &u, &e), 1);
		vndoc_value_free(u);
		ck_assert_uint_eq(w2.count, (size_t)i + 1);
	}
	ck_assert_uint_eq(w1.count, 2);
	for (size_t i = 0; i < 2; i++) {
		char a[1024];
		ck_assert_str_eq(fmt_error(&w2.items[i]), vndoc_error_format(&w1.items[i], a, sizeof a));
	}
	vndoc_data_stream_free(s);
	vndoc_value_free(whole);
	vndoc_error_list_dispose(&w1);
	vndoc_error_list_dispose(&w2);
}
END_TEST

/* Back to the first unit from anywhere. */
START_TEST(data_stream__csv_rewind)
{
	const char *path = write_temp("rw.csv",
				      "\xEF\xBB\xBF" CSV_HEADER
				      "Sở A,Tập thể,P1,,,\n"
				      "Sở B,Tập thể,P2,,,\n"
				      "Sở C,Tập thể,P3,,,\n");
	static const char *names[] = { "Sở A", "Sở B", "Sở C" };
	size_t saved = vndoc_data__csv_read_size;
	vndoc_data_stream *s;
	vndoc_value *u;
	vndoc_error e;

	vndoc_data__csv_read_size = 5;
	s = open_ok(path, NULL);
	for (size_t stop = 0; stop <= 3; stop++) {
		for (size_t i = 0; i < stop; i++) {
			ck_assert_int_eq(vndoc_data_stream_next(s, &u, &e), 1);
			ck_assert_str_eq(vndoc_value_text(vndoc_value_get(u, "ten", 3), NULL), names[i]);
			vndoc_value_free(u);
		}
		ck_assert_int_eq(vndoc_data_stream_rewind(s, &e), 0);
	}
	for (size_t i = 0; i < 3; i++) {
		ck_assert_int_eq(vndoc_data_stream_next(s, &u, &e), 1);
		ck_assert_str_eq(vndoc_value_text(vndoc_value_get(u, "ten", 3), NULL), names[i]);
		vndoc_value_free(u);
	}
	ck_assert_int_eq(vndoc_data_stream_next(s, &u, &e), 0);
	vndoc_data_stream_free(s);
	vndoc_data__csv_read_size = saved;
}
END_TEST


/* Units one per line, the third one bad: next() says where, in the whole
 * file, in the same words as the whole-file loader; the first two came. */
/* Two units come, then the error `want` (code `code`), twice: it stays
 * until a rewind. */
static void two_units_then_error(vndoc_data_stream *s, vndoc_error *e, vndoc_code code, const char *want)
{
	vndoc_value *u;
	for (int k = 0; k < 2; k++) {
		ck_assert_int_eq(vndoc_data_stream_next(s, &u, e), 1);
		vndoc_value_free(u);
	}
	for (int k = 0; k < 2; k++) {
		vndoc_error_clear(e);
		ck_assert_int_eq(vndoc_data_stream_next(s, &u, e), code);
		ck_assert_ptr_null(u);
		test_assert_error(e, code, want);
	}
}

START_TEST(data_stream__syntax_error_in_third_unit)
{
	const char *path = write_temp("bad3.json",
				      "{\n"
				      "  \"ten\": \"Sở\",\n"
				      "  \"don_vi\": [\n"
				      "    {\"ten\": \"một\"},\n"
				      "    {\"ten\": \"hai\"},\n"
				      "    {\"ten\": \"ba\", \"ngày\": tru},\n"
				      "    {\"ten\": \"bốn\"}\n"
				      "  ]\n"
				      "}\n");
	vndoc_value *v;
	vndoc_error e, whole;
	size_t before;
	char want[4400];

	ck_assert_int_eq(stream_error(path, &e, &before), VNDOC_EFORMAT);
	ck_assert_uint_eq(before, 2);
	snprintf(want, sizeof want, "%s:6:29: invalid JSON: invalid token near 'tru'", path);
	test_assert_error(&e, VNDOC_EFORMAT, want);
	vndoc_error_clear(&whole);
	ck_assert_int_eq(vndoc_data_load_file(&v, path, &whole), VNDOC_EFORMAT);
	test_assert_error(&whole, VNDOC_EFORMAT, want);

	/* The error stays until a rewind; then the units come again. */
	{
		vndoc_data_stream *s = open_ok(path, NULL);
		vndoc_value *u;
		ck_assert_uint_eq(vndoc_data_stream_count(s), 4);
		two_units_then_error(s, &e, VNDOC_EFORMAT, want);
		ck_assert_int_eq(vndoc_data_stream_rewind(s, &e), 0);
		ck_assert_int_eq(vndoc_data_stream_next(s, &u, &e), 1);
		ck_assert_str_eq(vndoc_value_text(vndoc_value_get(u, "ten", 3), NULL), "một");
		vndoc_value_free(u);
		vndoc_data_stream_free(s);
	}
}
END_TEST

/* The rows of the third unit, a bad one among them: the first two units
 * come, then next() fails with the whole-sheet loader's error (file, row,
 * line, column header), until a rewind. */
START_TEST(data_stream__csv_bad_row_in_third_unit)
{
	static const char *bad[] = {
		"Sở C,Tập thể,Phòng ba,,,\nSở C,Khác,Người,,,\n",
		"Sở C,Tập thể,Phòng ba,,Lò Văn C,\nSở C,Cá nhân,Người,,Lò Văn D,\n",
		"Sở C,Tập thể,,,,\n",
	};
	static const char *want[] = {
		"row 7:7: Loại: \"Khác\" is neither \"Tập thể\" nor \"Cá nhân\"",
		"row 7:7: Thủ trưởng: \"Lò Văn D\" differs from \"Lò Văn C\" given for this unit in row 6",
		"row 6:6: Họ và tên: the name is empty",
	};

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char text[2048], msg[4400];
		const char *path;
		vndoc_value *v, *u;
		vndoc_error e, whole;
		vndoc_data_stream *s;
		size_t before;

		snprintf(text, sizeof text,
			 CSV_HEADER
			 "Sở A,Tập thể,Phòng một,,,\n"
			 "Sở A,Cá nhân,Người một,,,\n"
			 "Sở B,Tập thể,Phòng hai,,,\n"
			 "\n"
			 "%s"
			 "Sở D,Tập thể,Phòng bốn,,,\n"
			 "Sở D,Khác,Người,,,\n", bad[i]);
		path = write_temp("bad3.csv", text);
		vndoc_error_clear(&whole);
		ck_assert_int_eq(vndoc_data_load_file(&v, path, &whole), VNDOC_EDATA);
		snprintf(msg, sizeof msg, "%s:%s", path, want[i]);
		test_assert_error(&whole, VNDOC_EDATA, msg);
		ck_assert_int_eq(stream_error(path, &e, &before), VNDOC_EDATA);
		ck_assert_uint_eq(before, 2);
		test_assert_error(&e, VNDOC_EDATA, msg);
		ck_assert_str_eq(e.tag, whole.tag);
		ck_assert_int_eq(e.row, whole.row);

		s = open_ok(path, NULL);
		ck_assert_int_eq(vndoc_data__stream_mode_of(s), VNDOC_DATA__STREAM_CSV);
		ck_assert_uint_eq(vndoc_data_stream_count(s), 4);
		two_units_then_error(s, &e, VNDOC_EDATA, msg);
		ck_assert_int_eq(vndoc_data_stream_rewind(s, &e), 0);
		ck_assert_int_eq(vndoc_data_stream_next(s, &u, &e), 1);
		ck_assert_str_eq(vndoc_value_text(vndoc_value_get(u, "ten", 3), NULL), "Sở A");
		ck_assert_uint_eq(vndoc_value_count(vndoc_value_get(u, "ca_nhan", 7)), 1);
		vndoc_value_free(u);
		vndoc_data_stream_free(s);
	}
}
END_TEST

/* What the scan finds wrong with a sheet (its header, its CSV) is told by
 * open as the whole-sheet loader tells it: the first error in the file. */
START_TEST(data_stream__csv_errors_of_open_as_whole)
{
	static const char *texts[] = {
		"",
		"\n\n",
		"Đơn vị,Loại,Họ và tên\nA,Tập thể,P\n",
		CSV_HEADER "Sở A,Tập thể,P1,,,\nSở B,Tập thể,\"P2\n",
		CSV_HEADER "Sở A,Tập thể,P1,,,\nSở B,Tập thể,\"P2\"x,,,\n",
		/* a bad row before bad CSV: the row is told */
		CSV_HEADER "Sở A,Tập thể,,,,\nSở B,Tập thể,\"P2\n",
		/* a bad row in a sheet loaded whole */
		CSV_HEADER "Sở A,Tập thể,P1,,,\nSở B,Tập thể,P2,,,\nSở A,Tập thể,,,,\n",
	};

	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		const char *path = write_temp("open.csv", texts[i]);
		vndoc_error e, whole;
		vndoc_value *v;
		size_t before;
		char a[4400];
		int code;

		vndoc_error_clear(&whole);
		code = vndoc_data_load_file(&v, path, &whole);
		ck_assert_int_lt(code, 0);
		ck_assert_int_eq(stream_error(path, &e, &before), code);
		ck_assert_uint_eq(before, 0);
		ck_assert_str_eq(fmt_error(&e), vndoc_error_format(&whole, a, sizeof a));
	}
}
END_TEST

/* What the scan at open finds, in jansson's words, where jansson would. */
START_TEST(data_stream__syntax_errors_found_by_the_scan)
{
	static const struct { const char *text, *error; int at_open; } cases[] = {
		/* after the units */
		{ "{\"don_vi\": [{}], \"a\": 1} x", ":1:26: invalid JSON: end of file expected near 'x'", 1 },
		{ "{\"don_vi\": [{}], \"a\": 1,}", ":1:25: invalid JSON: string or '}' expected near '}'", 1 },
		{ "{\"don_vi\": [{}] \"a\": 1}", ":1:19: invalid JSON: '}' expected near '\"a\"'", 1 },
		{ "{\"don_vi\": [{}], \"a\": tru}", ":1:25: invalid JSON: invalid token near 'tru'", 1 },
		{ "{\"don_vi\": [{}], \"a\" 1}", ":1:22: invalid JSON: ':' expected near '1'", 1 },
		/* between units */
		{ "{\"don_vi\": [{\"x\":1} {\"y\":2}]}", ":1:21: invalid JSON: ']' expected near '{'", 1 },
		{ "{\"don_vi\": [{\"x\":1},]}", ":1:21: invalid JSON: unexpected token near ']'", 1 },
		{ "{\"don_vi\": [", ":1:12: invalid JSON: ']' expected near end of file", 1 },
		{ "{\"don_vi\": [{\"x\":1},", ":1:20: invalid JSON: ']' expected near end of file", 1 },
		{ "{\"don_vi\": [{\"x\":1}", ":1:19: invalid JSON: ']' expected near end of file", 1 },
		/* a unit the file ends in: jansson's word on it */
		{ "{\"don_vi\": [{\"x\": \"ab", ":1:21: invalid JSON: premature end of input near '\"ab'", 1 },
		{ "{\"don_vi\": [{\"x\": [1, 2}]}", ":1:24: invalid JSON: ']' expected near '}'", 1 },
		/* a number run into a word; a stray quote in a unit, found after it */
		{ "{\"don_vi\": [1ba]}", ":1:15: invalid JSON: ']' expected near 'ba'", 1 },
		{ "{\"don_vi\": [{\"a\": \"x\"y\"}, {\"b\": \"}\"}]}", ":1:22: invalid JSON: '}' expected near 'y'", 1 },
		/* a string left open in a unit: jansson's word on that unit */
		{ "{\"don_vi\": [{\"x\": \"a\n}, {\"y\": 1}]}", ":1:20: invalid JSON: unexpected newline near '\"a'", 1 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *path = write_temp("bad.json", cases[i].text);
		vndoc_data_stream *s = NULL;
		vndoc_value *v;
		vndoc_error e, whole;
		size_t before;
		char want[4400];
		int rc;

		snprintf(want, sizeof want, "%s%s", path, cases[i].error);
		vndoc_error_clear(&e);
		rc = vndoc_data_stream_open(&s, path, NULL, &e);
		ck_assert_msg((rc < 0) == cases[i].at_open, "case %zu: open gives %d", i, rc);
		vndoc_data_stream_free(s);
		ck_assert_int_eq(stream_error(path, &e, &before), VNDOC_EFORMAT);
		ck_assert_msg(!strcmp(fmt_error(&e), want), "case %zu: %s, want %s", i, fmt_error(&e), want);
		/* jansson, on the whole file, says the same */
		vndoc_error_clear(&whole);
		ck_assert_int_eq(vndoc_data_load_file(&v, path, &whole), VNDOC_EFORMAT);
		ck_assert_msg(!strcmp(fmt_error(&whole), want), "case %zu: whole says %s", i, fmt_error(&whole));
	}
}
END_TEST

START_TEST(data_stream__limits_hold)
{
	char text[400], want[4400];
	const char *path;
	vndoc_error e;
	size_t before;
	size_t n = 0;

	/* a unit nested past the limit: where it begins */
	n += (size_t)snprintf(text + n, sizeof text - n, "{\"don_vi\": [{}, ");
	for (int i = 0; i < 70; i++)
		text[n++] = '[';
	for (int i = 0; i < 70; i++)
		text[n++] = ']';
	snprintf(text + n, sizeof text - n, "]}");
	path = write_temp("deep.json", text);
	ck_assert_int_eq(stream_error(path, &e, &before), VNDOC_ELIMIT);
	ck_assert_uint_eq(before, 1);
	snprintf(want, sizeof want, "%s:1:17: JSON nested deeper than 64 levels", path);
	test_assert_error(&e, VNDOC_ELIMIT, want);

	/* a field too deep at the top level (depth counts from the top) */
	n = (size_t)snprintf(text, sizeof text, "{\"don_vi\": [], \"a\": ");
	for (int i = 0; i < 65; i++)
		text[n++] = '[';
	for (int i = 0; i < 65; i++)
		text[n++] = ']';
	snprintf(text + n, sizeof text - n, "}");
	path = write_temp("deep2.json", text);
	ck_assert_int_eq(stream_error(path, &e, &before), VNDOC_ELIMIT);
	snprintf(want, sizeof want, "%s:1:21: JSON nested deeper than 64 levels", path);
	test_assert_error(&e, VNDOC_ELIMIT, want);

	/* the hostile fixture: a string past the value limit */
	ck_assert_int_eq(stream_error(VNDOC_FIXTURES "/hostile/big-field.json", &e, &before), VNDOC_ELIMIT);
	test_assert_error(&e, VNDOC_ELIMIT, VNDOC_FIXTURES "/hostile/big-field.json:1:9: a string is longer than 1048576 bytes");
}
END_TEST

START_TEST(data_stream__missing_file)
{
	vndoc_data_stream *s = NULL;
	vndoc_error e;
	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_data_stream_open(&s, "/nonexistent/units.json", NULL, &e), VNDOC_EIO);
	ck_assert_ptr_null(s);
	ck_assert_str_eq(e.file, "/nonexistent/units.json");
	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_data_stream_open(&s, "units.txt", NULL, &e), VNDOC_EFORMAT);
	test_assert_error(&e, VNDOC_EFORMAT, "units.txt: unknown data format (expected .json, .csv or .xlsx)");
}
END_TEST

/* ---- the checker ------------------------------------------------------------ */

static void assert_findings_eq(const vndoc_findings *a, const vndoc_findings *b)
{
	ck_assert_uint_eq(a->count, b->count);
	for (size_t i = 0; i < a->count; i++) {
		ck_assert_str_eq(a->items[i].rule, b->items[i].rule);
		ck_assert_str_eq(a->items[i].unit, b->items[i].unit);
		ck_assert_int_eq(a->items[i].row, b->items[i].row);
		ck_assert_str_eq(a->items[i].field, b->items[i].field);
		ck_assert_str_eq(a->items[i].message, b->items[i].message);
	}
}

START_TEST(data_checker__finds_what_data_check_finds)
{
	vndoc_value *whole = load_ok(DATA "broken-rules.csv", NULL);
	vndoc_value *doc = load_ok(DATA "broken-rules-doc.json", NULL);
	vndoc_data_stream *s = open_ok(DATA "broken-rules.csv", NULL);
	vndoc_findings want = VNDOC_FINDINGS_INIT, got = VNDOC_FINDINGS_INIT;
	vndoc_checker *c;
	vndoc_value *u;
	vndoc_error e;
	size_t i = 0, n = 0;
	int rc;

	/* The sheet's units with the document's deadline, as `vndoc check
	 * --doc` reads them. */
	vndoc_value_overlay(doc, whole);
	ck_assert_uint_eq(vndoc_data_check(doc, &want), 5);
	c = vndoc_checker_new(doc);
	vndoc_error_clear(&e);
	while ((rc = vndoc_data_stream_next(s, &u, &e)) > 0) {
		n += vndoc_checker_unit(c, u, i++, &got);
		vndoc_value_free(u);
	}
	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(n, 5);
	assert_findings_eq(&got, &want);
	ck_assert_str_eq(got.items[4].rule, "duplicate");
	ck_assert_str_eq(got.items[4].message, "\"TẨN THỊ MẨY\" is registered twice (also by \"Bảo tàng tỉnh\", row 5)");
	vndoc_checker_free(c);
	vndoc_findings_dispose(&want);
	vndoc_findings_dispose(&got);
	vndoc_data_stream_free(s);
	vndoc_value_free(doc);
}
END_TEST

/* Duplicates across units, a unit without a name, no deadline. */
START_TEST(data_checker__duplicates_across_units)
{
	const char *path = write_temp("dup.json",
		"{\"don_vi\": ["
		"{\"ten\": \"A\", \"tap_the\": [{\"ten\": \"Đội  Văn nghệ\"}], \"ca_nhan\": [{\"ho_ten\": \"Lò Văn Ơn\", \"don_vi_cong_tac\": \"X\"}]},"
		"{\"tap_the\": [{\"ten\": \"đội văn NGHỆ\"}], \"ca_nhan\": [{\"ho_ten\": \"LÒ VĂN ƠN\", \"don_vi_cong_tac\": \"x\"},"
		" {\"ho_ten\": \"Lò Văn Ơn\", \"don_vi_cong_tac\": \"Y\"}]}]}");
	vndoc_value *whole = load_ok(path, NULL);
	vndoc_data_stream *s = open_ok(path, NULL);
	vndoc_findings want = VNDOC_FINDINGS_INIT, got = VNDOC_FINDINGS_INIT;
	vndoc_checker *c = vndoc_checker_new(vndoc_data_stream_root(s));
	vndoc_value *u;
	vndoc_error e;
	size_t i = 0;

	vndoc_data_check(whole, &want);
	while (vndoc_data_stream_next(s, &u, &e) > 0) {
		vndoc_checker_unit(c, u, i++, &got);
		vndoc_value_free(u);
	}
	assert_findings_eq(&got, &want);
	{
		size_t dups = 0, unnamed = 0;
		for (size_t k = 0; k < got.count; k++) {
			dups += !strcmp(got.items[k].rule, "duplicate");
			unnamed += !strcmp(got.items[k].unit, "don_vi[1]") &&
				   !strcmp(got.items[k].message, "the unit has no name");
		}
		/* the collective, and the person at the same workplace (not at Y) */
		ck_assert_uint_eq(dups, 2);
		ck_assert_uint_eq(unnamed, 1);
	}
	vndoc_checker_free(c);
	vndoc_findings_dispose(&want);
	vndoc_findings_dispose(&got);
	vndoc_data_stream_free(s);
	vndoc_value_free(whole);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("data_stream");
	TCase *same = tcase_create("same");
	TCase *errors = tcase_create("errors");
	TCase *check = tcase_create("checker");

	tcase_add_test(same, data_stream__sample_json_units_as_loaded_whole);
	tcase_add_test(same, data_stream__sample_csv_units_as_loaded_whole);
	tcase_add_test(same, data_stream__sample_xlsx_units_as_loaded_whole);
	tcase_add_test(same, data_stream__root_is_every_field_but_units_in_order);
	tcase_add_test(same, data_stream__keys_after_units_are_in_root);
	tcase_add_test(same, data_stream__strings_do_not_confuse_the_scanner);
	tcase_add_test(same, data_stream__empty_list);
	tcase_add_test(same, data_stream__without_a_list_of_units);
	tcase_add_test(same, data_stream__units_given_twice);
	tcase_add_test(same, data_stream__several_streams_on_one_file);
	tcase_add_test(same, data_stream__repairs_and_warnings_as_whole);
	tcase_add_test(same, data_stream__csv_contiguous_is_streamed);
	tcase_add_test(same, data_stream__csv_not_contiguous_is_loaded_whole);
	tcase_add_test(same, data_stream__csv_records_across_the_window);
	tcase_add_test(same, data_stream__csv_field_longer_than_the_window);
	tcase_add_test(same, data_stream__csv_line_ends_bom_separator);
	tcase_add_test(same, data_stream__csv_repairs_and_warnings_as_whole);
	tcase_add_test(same, data_stream__csv_rewind);
	tcase_add_test(errors, data_stream__syntax_error_in_third_unit);
	tcase_add_test(errors, data_stream__csv_bad_row_in_third_unit);
	tcase_add_test(errors, data_stream__csv_errors_of_open_as_whole);
	tcase_add_test(errors, data_stream__syntax_errors_found_by_the_scan);
	tcase_add_test(errors, data_stream__limits_hold);
	tcase_add_test(errors, data_stream__missing_file);
	tcase_add_test(check, data_checker__finds_what_data_check_finds);
	tcase_add_test(check, data_checker__duplicates_across_units);
	tcase_add_checked_fixture(same, NULL, remove_temp);
	tcase_add_checked_fixture(errors, NULL, remove_temp);
	tcase_add_checked_fixture(check, NULL, remove_temp);
	tcase_set_timeout(same, 60);
	suite_add_tcase(s, same);
	suite_add_tcase(s, errors);
	suite_add_tcase(s, check);
	return test_run_suite(s);
}
