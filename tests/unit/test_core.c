#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/fsutil.h"
#include "core/str.h"
#include "test.h"

START_TEST(core_buf__empty_is_never_null)
{
	vndoc_buf b = VNDOC_BUF_INIT(16);
	ck_assert_ptr_nonnull(b.ptr);
	ck_assert_str_eq(b.ptr, "");
	vndoc_buf_dispose(&b);
	ck_assert_str_eq(b.ptr, "");
}
END_TEST

START_TEST(core_buf__limit_sticks)
{
	vndoc_buf b = VNDOC_BUF_INIT(8);
	ck_assert_int_eq(vndoc_buf_puts(&b, "12345"), 0);
	ck_assert_int_eq(vndoc_buf_puts(&b, "6789"), VNDOC_ELIMIT);
	ck_assert(vndoc_buf_failed(&b));
	/* A later append that would fit still fails: the failure sticks. */
	ck_assert_int_eq(vndoc_buf_putc(&b, 'x'), VNDOC_ELIMIT);
	ck_assert_str_eq(b.ptr, "12345");
	ck_assert_uint_eq(b.len, 5);
	vndoc_buf_dispose(&b);
}
END_TEST

START_TEST(core_buf__printf_and_detach)
{
	vndoc_buf b = VNDOC_BUF_INIT(1024);
	size_t len;
	char *s;
	vndoc_buf_printf(&b, "%s=%d", "so", 7);
	vndoc_buf_puts(&b, " Tổng");
	s = vndoc_buf_detach(&b, &len);
	ck_assert_str_eq(s, "so=7 Tổng");
	ck_assert_uint_eq(len, strlen("so=7 Tổng"));
	ck_assert_str_eq(b.ptr, "");
	free(s);
}
END_TEST

START_TEST(core_error__format_full)
{
	vndoc_error e;
	char out[512];
	vndoc_error_clear(&e);
	vndoc_error_set_file(&e, "form.docx");
	vndoc_error_set_part(&e, "word/document.xml");
	vndoc_error_set_tag(&e, "{#rows}", 7);
	vndoc_error_set_excerpt(&e, "Stt {#rows}", 11);
	vndoc_error_set(&e, VNDOC_ETEMPLATE, "unclosed section");
	ck_assert_str_eq(vndoc_error_format(&e, out, sizeof out),
			 "form.docx[word/document.xml]: {#rows}: unclosed section (in \"Stt {#rows}\")");
}
END_TEST

START_TEST(core_error__format_line_column)
{
	vndoc_error e;
	char out[512];
	vndoc_error_clear(&e);
	vndoc_error_set_file(&e, "units.json");
	vndoc_error_set_pos(&e, 12, 4);
	vndoc_error_set(&e, VNDOC_EFORMAT, "invalid JSON: %s", "end of file expected");
	ck_assert_str_eq(vndoc_error_format(&e, out, sizeof out),
			 "units.json:12:4: invalid JSON: end of file expected");
}
END_TEST

START_TEST(core_error__setters_keep_first_value)
{
	vndoc_error e;
	vndoc_error_clear(&e);
	vndoc_error_set_file(&e, "a.docx");
	vndoc_error_set_file(&e, "b.docx");
	ck_assert_str_eq(e.file, "a.docx");
}
END_TEST

START_TEST(core_error__truncates_on_character_boundary)
{
	vndoc_error e;
	char tag[200];
	vndoc_error_clear(&e);
	/* 62 ASCII bytes then "ạ" (3 bytes): only 63 bytes fit, so "ạ" goes whole. */
	memset(tag, 'x', 62);
	strcpy(tag + 62, "ạ");
	vndoc_error_set_tag(&e, tag, strlen(tag));
	ck_assert_uint_eq(strlen(e.tag), 62);
}
END_TEST

START_TEST(core_error__set_returns_code)
{
	ck_assert_int_eq(vndoc_error_set(NULL, VNDOC_EDATA, "x"), VNDOC_EDATA);
}
END_TEST

START_TEST(core_fs__atomic_write_and_read)
{
	char path[4200], *data;
	size_t len;
	vndoc_error e;
	snprintf(path, sizeof path, "%s/out.txt", test_tmpdir());
	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_fs_write_file(path, "Lai Châu", strlen("Lai Châu"), &e), 0);
	ck_assert_int_eq(vndoc_fs_read_file(&data, &len, path, 1024, &e), 0);
	ck_assert_str_eq(data, "Lai Châu");
	free(data);
}
END_TEST

START_TEST(core_fs__abort_leaves_nothing)
{
	char dir[4096], path[4200];
	vndoc_fs_atomic f;
	vndoc_error e;
	struct stat st;
	snprintf(dir, sizeof dir, "%s", test_tmpdir());
	snprintf(path, sizeof path, "%s/never.docx", dir);
	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_fs_atomic_open(&f, path, &e), 0);
	ck_assert_int_eq(write(f.fd, "partial", 7), 7);
	vndoc_fs_atomic_abort(&f);
	ck_assert_int_eq(stat(path, &st), -1);
	ck_assert_int_eq(rmdir(dir), 0); /* empty: the temporary file is gone too */
}
END_TEST

START_TEST(core_fs__read_limit)
{
	char path[4200], *data;
	vndoc_error e;
	snprintf(path, sizeof path, "%s/big.txt", test_tmpdir());
	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_fs_write_file(path, "0123456789", 10, &e), 0);
	ck_assert_int_eq(vndoc_fs_read_file(&data, NULL, path, 9, &e), VNDOC_ELIMIT);
	ck_assert_str_eq(e.message, "file is larger than 9 bytes");
	ck_assert_ptr_null(data);
}
END_TEST

START_TEST(core_fs__missing_file)
{
	char *data;
	vndoc_error e;
	char out[1024];
	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_fs_read_file(&data, NULL, "/nonexistent/x.json", 9, &e), VNDOC_EIO);
	ck_assert_int_eq(e.sys_errno, ENOENT);
	ck_assert_str_eq(vndoc_error_format(&e, out, sizeof out),
			 "/nonexistent/x.json: cannot open: No such file or directory");
}
END_TEST

START_TEST(core_str__trim)
{
	vndoc_str v = vndoc_str_trim(vndoc_str_of("  {#a} \t"));
	ck_assert(vndoc_str_eq_cstr(v, "{#a}"));
	ck_assert_uint_eq(vndoc_str_trim(vndoc_str_of(" \n ")).len, 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("core");
	TCase *buf = tcase_create("buf"), *err = tcase_create("error"), *fs = tcase_create("fs");
	tcase_add_test(buf, core_buf__empty_is_never_null);
	tcase_add_test(buf, core_buf__limit_sticks);
	tcase_add_test(buf, core_buf__printf_and_detach);
	tcase_add_test(buf, core_str__trim);
	tcase_add_test(err, core_error__format_full);
	tcase_add_test(err, core_error__format_line_column);
	tcase_add_test(err, core_error__setters_keep_first_value);
	tcase_add_test(err, core_error__truncates_on_character_boundary);
	tcase_add_test(err, core_error__set_returns_code);
	tcase_add_test(fs, core_fs__atomic_write_and_read);
	tcase_add_test(fs, core_fs__abort_leaves_nothing);
	tcase_add_test(fs, core_fs__read_limit);
	tcase_add_test(fs, core_fs__missing_file);
	suite_add_tcase(s, buf);
	suite_add_tcase(s, err);
	suite_add_tcase(s, fs);
	return test_run_suite(s);
}
