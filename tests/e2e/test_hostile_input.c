/*
 * test_hostile_input.c: the hostile inputs of issue 18 that reach the
 * readers (XLSX cells, XML encodings and prologs, CSV encodings, dates,
 * mc:AlternateContent).  Inputs are made by scripts/make-hostile.py; each
 * case asserts the exact standard error, the exit status and the files
 * left in the output folder.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "test.h"

#define HOSTILE VNDOC_FIXTURES "/hostile/"
#define SAMPLES VNDOC_SOURCE_DIR "/samples/lai-chau.json"
#define LO VNDOC_FIXTURES "/docx/lo-authored.docx"

typedef struct input_case {
	const char *command;  /* "check", "data" (merge with it as data), "merge" (as template),
			       * "picture" (data for picture.docx), "render", "unpack" */
	const char *fixture;
	int status;
	const char *stderr_text; /* every line, "%s" standing for the fixture's path */
	int files;            /* entries left in the output folder */
} input_case;

#define E(s) "vndoc: %s" s "\n"
#define PICTURE_SIZE                                                                                          \
	"vndoc: " HOSTILE "picture.docx[word/document.xml]: {%%anh}: a picture's width and height are millimetres, " \
	"above 0 and at most 1000 (in \"Ảnh: {%%anh} hết\")\n"
static const input_case cases[] = {
	/* 1. XLSX cells: no heap overflow, no integer overflow, no leak. */
	{ "check", "long-row.xlsx", 3,
	  E("[xl/worksheets/sheet1.xml]:1:498: row 2: the cells hold more than 4194304 bytes"), 0 },
	{ "data", "long-row.xlsx", 3,
	  E("[xl/worksheets/sheet1.xml]:1:498: row 2: the cells hold more than 4194304 bytes"), 0 },
	{ "check", "big-cell.xlsx", 3, E("[xl/worksheets/sheet1.xml]:1:1126898: cell C2: longer than 1048576 bytes"),
	  0 },
	{ "check", "date-huge.xlsx", 1,
	  E("[xl/worksheets/sheet1.xml]:1:486: cell C2: 1e300 is not a date (Excel's dates run from 0 to 2958465)"), 0 },
	{ "data", "date-nan.xlsx", 1, E("[xl/worksheets/sheet1.xml]:1:484: cell C2: \"NaN\" is not a number"), 0 },
	{ "check", "shared-index.xlsx", 1,
	  E("[xl/worksheets/sheet1.xml]:1:491: cell C2: shared string 4294967297 does not exist (there are 1)"), 0 },
	{ "check", "row-number.xlsx", 1,
	  E("[xl/worksheets/sheet1.xml]:1:473: row number 99999999999999999999 is not between 1 and 1048576"), 0 },
	{ "check", "far-column.xlsx", 3, E("[xl/worksheets/sheet1.xml]:1:495: more than 1024 columns"), 0 },
	{ "check", "doctype-strings.xlsx", 3, E("[xl/sharedStrings.xml]:1: DOCTYPE declarations are refused"), 0 },
	/* 2. The DOCTYPE refusal after decoding, on every path. */
	{ "check", "utf16-strings.xlsx", 3, E("[xl/sharedStrings.xml]:1: DOCTYPE declarations are refused"), 0 },
	{ "merge", "utf16-billion.docx", 3, E("[word/document.xml]:1: DOCTYPE declarations are refused"), 0 },
	{ "render", "utf16-billion.docx", 3, E("[word/document.xml]:1: DOCTYPE declarations are refused"), 0 },
	{ "render", "long-prolog.docx", 3, E("[word/document.xml]:1: DOCTYPE declarations are refused"), 0 },
	{ "merge", "long-prolog.docx", 3, E("[word/document.xml]:1: DOCTYPE declarations are refused"), 0 },
	{ "merge", "utf16-ok.docx", 0, "", 1 },
	/* 3. CSV encodings: Windows-1258 repaired with a warning, the rest
	 * refused, never a U+FFFD. */
	{ "check", "cp1258.csv", 0,
	  "vndoc: warning: %s: not UTF-8: read as Windows-1258 (Vietnamese Windows); save it as \"CSV UTF-8\" to be sure\n",
	  0 },
	{ "data", "cp1258.csv", 0,
	  "vndoc: warning: %s: not UTF-8: read as Windows-1258 (Vietnamese Windows); save it as \"CSV UTF-8\" to be sure\n",
	  1 },
	{ "check", "stray-byte.csv", 1,
	  E(":2: invalid UTF-8 (byte 0xE1) in a file that is otherwise UTF-8: save it as \"CSV UTF-8\""), 0 },
	/* 4. Template runaways (the flood of errors: below), a limit on the
	 * merge's work.  Nothing written. */
	{ "merge", "many-attributes.docx", 3, E("[word/document.xml]:1: an element with more than 1024 attributes"), 0 },
	{ "render", "many-attributes.docx", 3, E("[word/document.xml]:1: an element with more than 1024 attributes"),
	  0 },
	{ "render", "many-attributes-utf16.docx", 3,
	  E("[word/document.xml]:1: an element with more than 1024 attributes"), 0 },
	{ "check", "many-attributes.xlsx", 3, E("[xl/sharedStrings.xml]:1: an element with more than 1024 attributes"),
	  0 },
	{ "merge", "split-bomb.docx", 3, E("[word/pad1.xml]: the parts together are compressed too well (zip bomb?)"),
	  0 },
	{ "unpack", "split-bomb.docx", 3, E("[word/pad1.xml]: the parts together are compressed too well (zip bomb?)"),
	  0 },
	{ "render", "split-bomb.docx", 3, E("[word/pad1.xml]: the parts together are compressed too well (zip bomb?)"),
	  0 },
	{ "merge", "nested-lists.docx", 3,
	  E("[word/document.xml]: the template takes more than 50000000 steps to merge (sections nested over long "
	    "lists?)"), 0 },
	{ "data", "utf16.csv", 1, E(": encoded as UTF-16 (Excel's \"Unicode Text\"): save it as \"CSV UTF-8\""), 0 },
	{ "render", "utf16-ok.docx", 0, "", 1 },
	/* 5. A picture's size from data: no overflow of its size in EMU. */
	{ "picture", "picture-huge.json", 1, PICTURE_SIZE, 0 },
	{ "picture", "picture-negative.json", 1, PICTURE_SIZE, 0 },
	{ "picture", "picture-text.json", 1, PICTURE_SIZE, 0 },
};
#undef E

START_TEST(hostile_input__exact_outcome)
{
	const input_case *c = &cases[_i];
	const char *dir = test_tmpdir();
	char cmd[12000], fixture[4096], want[8192], *err = NULL;
	int status;

	snprintf(fixture, sizeof fixture, "%s%s", HOSTILE, c->fixture);
	if (!strcmp(c->command, "merge"))
		snprintf(cmd, sizeof cmd, "'%s' merge '%s' '%s' -o '%s/out.docx'", VNDOC_EXE, fixture, SAMPLES, dir);
	else if (!strcmp(c->command, "picture"))
		snprintf(cmd, sizeof cmd, "'%s' merge '%spicture.docx' '%s' -o '%s/out.docx'", VNDOC_EXE, HOSTILE, fixture,
			 dir);
	else if (!strcmp(c->command, "data"))
		snprintf(cmd, sizeof cmd, "'%s' merge '%s' '%s' -o '%s/out.docx'", VNDOC_EXE, LO, fixture, dir);
	else if (!strcmp(c->command, "render"))
		snprintf(cmd, sizeof cmd, "'%s' render '%s' -o '%s/out.pdf'", VNDOC_EXE, fixture, dir);
	else if (!strcmp(c->command, "unpack"))
		snprintf(cmd, sizeof cmd, "'%s' unpack '%s' -o '%s/out'", VNDOC_EXE, fixture, dir);
	else
		snprintf(cmd, sizeof cmd, "'%s' check '%s'", VNDOC_EXE, fixture);
	status = test_run(cmd, NULL, &err);
	snprintf(want, sizeof want, c->stderr_text, fixture, fixture);
	ck_assert_msg(status == c->status, "%s %s: exit %d, want %d (%s)", c->command, c->fixture, status, c->status,
		      err);
	ck_assert_str_eq(err, want);
	ck_assert_uint_eq(test_dir_entries(dir), (size_t)c->files);
	free(err);
}
END_TEST

/* A UTF-16 document is read as Word reads it: merged, its text is the text. */
START_TEST(hostile_input__utf16_document_is_read)
{
	const char *dir = test_tmpdir();
	char cmd[12000], out[4200], *xml;
	size_t len;

	snprintf(out, sizeof out, "%s/out.docx", dir);
	snprintf(cmd, sizeof cmd, "'%s' merge '%sutf16-ok.docx' '%s' -o '%s'", VNDOC_EXE, HOSTILE, SAMPLES, out);
	ck_assert_int_eq(test_run(cmd, NULL, NULL), 0);
	xml = test_read_part(out, "word/document.xml", &len);
	ck_assert_ptr_nonnull(strstr(xml, "<w:t xml:space=\"preserve\">Xin chào </w:t>"));
	free(xml);
}
END_TEST

/* mc:AlternateContent: the Choice vndoc understands (w14, w15), else the
 * Fallback (w16se's emoji), and a warning when there is neither. */
START_TEST(hostile_input__alternate_content_read_as_word_reads_it)
{
	char cmd[12000], *out = NULL, *err = NULL;

	snprintf(cmd, sizeof cmd, "'%s' render '%salternate-content.docx' --dump-layout", VNDOC_EXE, HOSTILE);
	ck_assert_int_eq(test_run(cmd, &out, &err), 0);
	ck_assert_str_eq(out, "page 1 612.0x792.0\n"
			      "  line y=72.0 x=72.0 w=74.4 h=11.5 \"Khối trong Choice\"\n"
			      "  line y=83.5 x=72.0 w=105.4 h=11.5 \"Đoạn có chữ trong Choice\"\n"
			      "  line y=95.0 x=72.0 w=51.2 h=11.5 \"Mặt cười: :-)\"\n");
	ck_assert_str_eq(err, "vndoc: warning: " HOSTILE "alternate-content.docx: content that needs \"x9\" and has "
			      "no fallback not drawn (mc:AlternateContent)\n");
	free(out);
	free(err);
}
END_TEST

/* Windows-1258 gives the same registrations as the UTF-8 it was saved
 * from: the unit's folder is named from its repaired name. */
START_TEST(hostile_input__cp1258_batch_gives_the_utf8_names)
{
	const char *dir = test_tmpdir();
	char cmd[12000], path[4300], *err = NULL;
	struct stat st;

	snprintf(cmd, sizeof cmd, "'%s' batch '%scp1258.csv' -o '%s/out' --template '%s/templates' -q --no-pdf",
		 VNDOC_EXE, HOSTILE, dir, VNDOC_BINARY_DIR);
	ck_assert_int_eq(test_run(cmd, NULL, &err), 0);
	ck_assert_str_eq(err, "vndoc: warning: " HOSTILE "cp1258.csv: not UTF-8: read as Windows-1258 (Vietnamese "
			      "Windows); save it as \"CSV UTF-8\" to be sure\n");
	snprintf(path, sizeof path, "%s/out/van-phong-so/bieu-dang-ky.docx", dir);
	ck_assert_msg(stat(path, &st) == 0, "no %s", path);
	free(err);
}
END_TEST

/* The deadline rule in every form people type it, or a finding saying why
 * it was not applied: never skipped without a word. */
static const struct { const char *fixture, *finding; } deadlines[] = {
	{ "deadline-iso.json", "Phòng A: ngay: registered on 26/7/2024, after the deadline 2024-07-25" },
	{ "deadline-serial.json", "Phòng A: ngay: registered on 26/7/2024, after the deadline 45498" },
	{ "deadline-words.json",
	  "Phòng A: ngay: registered on 26/7/2024, after the deadline ngày 25 tháng 7 năm 2024" },
	{ "deadline-not-a-date.json", ": han_dang_ky: \"cuối tháng 7\" is not a date (25/7/2024, 2024-07-25 or an "
				      "Excel serial): no unit's date was checked against it" },
	{ "unit-date-not-a-date.json", "Phòng A: ngay: registered on \"31/6/7/2024\", which is not a date: not "
				       "checked against the deadline 25/7/2024" },
};

START_TEST(hostile_input__deadline_never_skipped)
{
	char cmd[12000], want[2000], *out = NULL, *err = NULL;

	snprintf(cmd, sizeof cmd, "'%s' check '%s%s'", VNDOC_EXE, HOSTILE, deadlines[_i].fixture);
	ck_assert_int_eq(test_run(cmd, &out, &err), 1);
	snprintf(want, sizeof want, "%s%s: %s\n", HOSTILE, deadlines[_i].fixture, deadlines[_i].finding);
	ck_assert_str_eq(out, want);
	ck_assert_str_eq(err, "");
	free(out);
	free(err);
}
END_TEST

/* A flood of template errors: VNDOC_LIMIT_TMPL_ERRORS (100) printed, the
 * rest counted, in linear time (300,000 unmatched openings were quadratic). */
static const struct { const char *fixture, *first, *last; } floods[] = {
	{ "stray-closes-90k.docx",
	  "[word/document.xml]: {/}: closing tag without an open section (in \"{/}{/}{/}{/}{/}{/}{/}{/}{/}{/}{/}{/}{/}{/}"
	  "{/}{/}{/}{/}{/}{/}{/}{/}{/}{/}{/}{/}{/…\")\n",
	  ": 89900 more errors not shown\n" },
	{ "unmatched-opens.docx",
	  "[word/document.xml]: {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{: unclosed tag (in \"{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{"
	  "{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{…\")\n",
	  ": 299900 more errors not shown\n" },
};

START_TEST(hostile_input__template_errors_capped)
{
	const char *dir = test_tmpdir();
	char cmd[12000], want[4096], *err = NULL, *last;
	size_t lines = 0;

	snprintf(cmd, sizeof cmd, "'%s' merge '%s%s' '%s' -o '%s/out.docx'", VNDOC_EXE, HOSTILE, floods[_i].fixture,
		 SAMPLES, dir);
	ck_assert_int_eq(test_run(cmd, NULL, &err), 1);
	for (const char *p = err; *p; p++)
		lines += *p == '\n';
	ck_assert_uint_eq(lines, 101);
	snprintf(want, sizeof want, "vndoc: %s%s%s", HOSTILE, floods[_i].fixture, floods[_i].first);
	ck_assert(!strncmp(err, want, strlen(want)));
	err[strlen(err) - 1] = '\0';
	last = strrchr(err, '\n') + 1;
	snprintf(want, sizeof want, "vndoc: %s%s%s", HOSTILE, floods[_i].fixture, floods[_i].last);
	want[strlen(want) - 1] = '\0';
	ck_assert_str_eq(last, want);
	ck_assert_uint_eq(test_dir_entries(dir), 0);
	free(err);
}
END_TEST

/* 340,000 stray {/} (1 MB of XML, 2 KB zipped): refused at the 100,001st
 * tag (VNDOC_LIMIT_TMPL_TAGS), before the tags take more memory: under
 * 150 MB of address space, where they took 142 MB of memory and more than
 * 250 MB of address space.  The sanitizers reserve more: there, no limit. */
START_TEST(hostile_input__template_tags_bounded)
{
	const char *dir = test_tmpdir();
	char cmd[12000], *err = NULL;
	const char *limit = test_address_limit(150000);

	snprintf(cmd, sizeof cmd, "%s'%s' merge '%sstray-closes.docx' '%s' -o '%s/out.docx'", limit, VNDOC_EXE,
		 HOSTILE, SAMPLES, dir);
	ck_assert_int_eq(test_run(cmd, NULL, &err), 3);
	ck_assert_str_eq(err, "vndoc: " HOSTILE "stray-closes.docx[word/document.xml]: more than 100000 tags in one "
			      "part\n");
	ck_assert_uint_eq(test_dir_entries(dir), 0);
	free(err);
}
END_TEST

/* Floods of data warnings and of collect's notes: VNDOC_LIMIT_WARNINGS
 * (1000) printed, the rest counted in one line, the totals still right;
 * of check findings, VNDOC_LIMIT_FINDINGS. */
static size_t count_lines(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* The last line of `s` (which ends in a newline), without it. */
static const char *last_line(char *s)
{
	char *nl;
	s[strlen(s) - 1] = '\0';
	nl = strrchr(s, '\n');
	return nl ? nl + 1 : s;
}

START_TEST(hostile_input__data_warnings_capped)
{
	const char *dir = test_tmpdir();
	char cmd[12000], want[4096], path[4200], *err = NULL, *out = NULL;
	size_t len;

	/* check streams the units, printing warnings as they come; of its
	 * 15,001 findings (the persons lack fields) it keeps and prints
	 * VNDOC_LIMIT_FINDINGS (10,000). */
	snprintf(cmd, sizeof cmd, "'%s' check '%smany-warnings.csv'", VNDOC_EXE, HOSTILE);
	ck_assert_int_eq(test_run(cmd, &out, &err), 1);
	ck_assert_uint_eq(count_lines(out), 10001);
	ck_assert_str_eq(last_line(out), HOSTILE "many-warnings.csv: 5001 more findings not shown");
	free(out);
	ck_assert_uint_eq(count_lines(err), 1001);
	ck_assert(!strncmp(err, "vndoc: warning: " HOSTILE "many-warnings.csv:row 2: Tên tập thể / Họ và tên: removed 1 "
			   "control character\n", 106));
	ck_assert_str_eq(last_line(err), "vndoc: warning: " HOSTILE "many-warnings.csv: 2000 more warnings not shown");
	free(err);
	/* merge loads the file whole. */
	snprintf(cmd, sizeof cmd, "'%s' merge '%s' '%smany-warnings.csv' -o '%s/out.docx'", VNDOC_EXE, LO, HOSTILE, dir);
	ck_assert_int_eq(test_run(cmd, NULL, &err), 0);
	ck_assert_uint_eq(count_lines(err), 1001);
	snprintf(want, sizeof want, "vndoc: warning: %smany-warnings.csv:row 1001: Tên tập thể / Họ và tên: removed 1 "
		 "control character\nvndoc: warning: %smany-warnings.csv: 2000 more warnings not shown", HOSTILE, HOSTILE);
	ck_assert_ptr_nonnull(strstr(err, want));
	ck_assert_uint_eq(test_dir_entries(dir), 1);
	free(err);
	/* batch: the same warnings; report.txt the same findings. */
	snprintf(cmd, sizeof cmd, "'%s' batch '%smany-warnings.csv' -o '%s/b' --template '%s/templates' --no-pdf -q",
		 VNDOC_EXE, HOSTILE, dir, VNDOC_BINARY_DIR);
	ck_assert_int_eq(test_run(cmd, NULL, &err), 1);
	snprintf(want, sizeof want, "vndoc: warning: %smany-warnings.csv: 2000 more warnings not shown\n"
		 "vndoc: A: skipped: the data breaks the plan's rules (report.txt)\n", HOSTILE);
	ck_assert_uint_eq(count_lines(err), 1002);
	ck_assert_str_eq(err + strlen(err) - strlen(want), want);
	snprintf(path, sizeof path, "%s/b/report.txt", dir);
	out = test_read_file(path, &len);
	ck_assert_uint_eq(count_lines(out), 10001);
	ck_assert_str_eq(last_line(out), "5001 more findings not shown");
	free(out);
	free(err);
}
END_TEST

START_TEST(hostile_input__collect_notes_capped)
{
	const char *dir = test_tmpdir();
	char cmd[12000], path[4200], *err = NULL, *report;
	size_t len;
	static const char summary[] = "1 form: 1 unit (1 collective, 2001 individuals) written to %s/c.json; 0 skipped, "
				      "2000 repairs, 1500 pieces of text not taken";
	char want[8192], line[4096];

	snprintf(cmd, sizeof cmd, "'%s' collect '%smany-notes.docx' -o '%s/c.json' --report '%s/r.txt'", VNDOC_EXE,
		 HOSTILE, dir, dir);
	ck_assert_int_eq(test_run(cmd, NULL, &err), 1);
	ck_assert_uint_eq(count_lines(err), 1002);
	snprintf(line, sizeof line, summary, dir);
	snprintf(want, sizeof want, "vndoc: warning: 2500 more notes not shown\nvndoc collect: %s\n", line);
	ck_assert_str_eq(err + strlen(err) - strlen(want), want);
	snprintf(path, sizeof path, "%s/r.txt", dir);
	report = test_read_file(path, &len);
	snprintf(want, sizeof want, "warning: 2500 more notes not shown\n%s\n", line);
	ck_assert_uint_eq(count_lines(report), 1002);
	ck_assert_str_eq(report + len - strlen(want), want);
	ck_assert_uint_eq(test_dir_entries(dir), 2); /* c.json, r.txt */
	free(report);
	free(err);
}
END_TEST

/* A cell merged down over 600 rows would repeat its 2,000 characters in
 * each: past VNDOC_LIMIT_COLLECT_REPEAT_BYTES the form is skipped, named,
 * and the other forms are collected. */
START_TEST(hostile_input__collect_merged_down_bounded)
{
	const char *dir = test_tmpdir();
	char cmd[12000], want[8192], *err = NULL;

	snprintf(cmd, sizeof cmd, "'%s' collect '%smerged-down.docx' '%s/collect/seed-annex.docx' -o '%s/c.json'",
		 VNDOC_EXE, HOSTILE, VNDOC_FIXTURES, dir);
	ck_assert_int_eq(test_run(cmd, NULL, &err), 1);
	snprintf(want, sizeof want,
		 "vndoc: %smerged-down.docx: skipped: cells merged down (vMerge) repeat more than 1048576 bytes of text "
		 "in their rows\n"
		 "vndoc: warning: %s/collect/seed-annex.docx: II. CÁ NHÂN, row 3: \"Chuyên viên; Phòng Văn hóa và Thông "
		 "tin\" does not split into chuc_vu; don_vi_cong_tac; noi_cu_tru: kept whole in chuc_vu\n"
		 "vndoc collect: 2 forms: 1 unit (1 collective, 2 individuals) written to %s/c.json; 1 skipped, 1 repair, "
		 "0 pieces of text not taken\n", HOSTILE, VNDOC_FIXTURES, dir);
	ck_assert_str_eq(err, want);
	ck_assert_uint_eq(test_dir_entries(dir), 1);
	free(err);
}
END_TEST

/* One 16 MB picture named by 2,000 units, 1,000 ways: read once (it was
 * read, copied and compared 2,000 times: 32 GB), so the merge stays under
 * 20 s of CPU (RLIMIT_CPU, not a timing: the old code is killed by
 * SIGXCPU). */
START_TEST(hostile_input__picture_read_once)
{
	const char *dir = test_tmpdir();
	char cmd[12000], path[4200], *err = NULL;
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x0a\0\0\0\x0a\x08\x02\0\0\0";
	FILE *f;

	snprintf(path, sizeof path, "%s/big.png", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "wb"));
	fwrite(png, 1, sizeof png - 1, f);
	for (int i = 0; i < 16 * 1024; i++) {
		char zeros[1024] = { 0 };
		fwrite(zeros, 1, sizeof zeros, f);
	}
	fclose(f);
	snprintf(path, sizeof path, "%s/d.json", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs("{\"ds\": [", f);
	/* Each unit spells it another way ("./big.png", "././big.png", …):
	 * the file, not its name, is what is read once. */
	for (int i = 0; i < 2000; i++) {
		fprintf(f, "%s{\"anh\": \"", i ? ", " : "");
		for (int k = 0; k < i % 1000; k++)
			fputs("./", f);
		fputs("big.png\"}", f);
	}
	fputs("]}", f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "prlimit --cpu=20 '%s' merge '%spicture-loop.docx' '%s/d.json' -o '%s/out.docx'",
		 VNDOC_EXE, HOSTILE, dir, dir);
	ck_assert_int_eq(test_run(cmd, NULL, &err), 0);
	ck_assert_str_eq(err, "");
	ck_assert_uint_eq(test_dir_entries(dir), 3); /* big.png, d.json, out.docx */
	free(err);
}
END_TEST

/* A UTF-16 body streamed by render (> 2 MiB) is read as its UTF-8 twin,
 * loaded whole, is: the same PDF bytes. */
START_TEST(hostile_input__utf16_streamed_gives_the_same_pdf)
{
	const char *dir = test_tmpdir();
	char cmd[12000], a[4200], b[4200], *pa, *pb;
	size_t la, lb;

	snprintf(a, sizeof a, "%s/utf16.pdf", dir);
	snprintf(b, sizeof b, "%s/utf8.pdf", dir);
	snprintf(cmd, sizeof cmd, "'%s' render '%sbig-utf16.docx' -o '%s'", VNDOC_EXE, HOSTILE, a);
	ck_assert_int_eq(test_run(cmd, NULL, NULL), 0);
	snprintf(cmd, sizeof cmd, "'%s' render '%sbig-utf8.docx' -o '%s'", VNDOC_EXE, HOSTILE, b);
	ck_assert_int_eq(test_run(cmd, NULL, NULL), 0);
	pa = test_read_file(a, &la);
	pb = test_read_file(b, &lb);
	ck_assert_uint_eq(la, lb);
	ck_assert(!memcmp(pa, pb, la));
	free(pa);
	free(pb);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("hostile_input");
	TCase *tc = tcase_create("hostile_input");
	tcase_add_loop_test(tc, hostile_input__exact_outcome, 0, (int)(sizeof cases / sizeof cases[0]));
	tcase_add_test(tc, hostile_input__utf16_document_is_read);
	tcase_add_test(tc, hostile_input__utf16_streamed_gives_the_same_pdf);
	tcase_add_test(tc, hostile_input__alternate_content_read_as_word_reads_it);
	tcase_add_test(tc, hostile_input__cp1258_batch_gives_the_utf8_names);
	tcase_add_loop_test(tc, hostile_input__template_errors_capped, 0, (int)(sizeof floods / sizeof floods[0]));
	tcase_add_test(tc, hostile_input__template_tags_bounded);
	tcase_add_test(tc, hostile_input__data_warnings_capped);
	tcase_add_test(tc, hostile_input__collect_notes_capped);
	tcase_add_test(tc, hostile_input__collect_merged_down_bounded);
	tcase_add_test(tc, hostile_input__picture_read_once);
	tcase_add_loop_test(tc, hostile_input__deadline_never_skipped, 0, (int)(sizeof deadlines / sizeof deadlines[0]));
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
