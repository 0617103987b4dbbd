/*
 * test_hostile_files.c: issue 18, classes "Files" and "Messages": output
 * never written over an input or through a link it did not make, a full
 * disk reported as an I/O error naming the file with nothing incomplete
 * left, two batches into one folder, and messages that name what the user
 * gave (the input, the unit) rather than what vndoc made.
 */
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"

#define SAMPLES VNDOC_SOURCE_DIR "/samples/"
#define TEMPLATES VNDOC_BINARY_DIR "/templates"
#define LO VNDOC_FIXTURES "/docx/lo-authored.docx"
#define HOSTILE VNDOC_FIXTURES "/hostile/"

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* Runs `cmd` (printf-style), checks its exit status and its whole stderr. */
static void expect(int status, const char *want_err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void expect(int status, const char *want_err, const char *fmt, ...)
{
	char cmd[16384], *err = NULL;
	va_list ap;
	int got;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	got = test_run(cmd, NULL, &err);
	ck_assert_msg(got == status, "%s: exit %d, want %d; stderr: %s", cmd, got, status, err);
	if (want_err)
		ck_assert_str_eq(err, want_err);
	free(err);
}

/* Messages ------------------------------------------------------------------ */

START_TEST(messages__unpack_names_the_input)
{
	const char *dir = test_tmpdir();

	expect(3, "vndoc: " HOSTILE "bad-content-types.docx[[Content_Types].xml]:1:7: malformed XML: "
	       "Couldn't find end of Start Tag Types line 1\n",
	       "'%s' unpack '" HOSTILE "bad-content-types.docx' -o '%s/out'", VNDOC_EXE, dir);
	ck_assert_uint_eq(test_dir_entries(dir), 0); /* no temporary folder */
}
END_TEST

/* An end-of-central-directory record alone: 22 bytes, no entry. */
START_TEST(messages__empty_zip_refused)
{
	const char *dir = test_tmpdir();

	expect(3, "vndoc: " HOSTILE "empty.zip: an empty archive: nothing to unpack\n",
	       "'%s' unpack '" HOSTILE "empty.zip' -o '%s/out'", VNDOC_EXE, dir);
	ck_assert_uint_eq(test_dir_entries(dir), 0);
}
END_TEST

START_TEST(messages__unpacked_folder_follows_the_umask)
{
	const char *dir = test_tmpdir();
	char path[4200];
	struct stat st;

	expect(0, "", "umask 027 && '%s' unpack '%s' -o '%s/a'", VNDOC_EXE, LO, dir);
	expect(0, "", "umask 022 && '%s' unpack '%s' -o '%s/b'", VNDOC_EXE, LO, dir);
	snprintf(path, sizeof path, "%s/a", dir);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0750);
	snprintf(path, sizeof path, "%s/b", dir);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0755);
}
END_TEST

START_TEST(messages__broken_row_gives_its_reason)
{
	const char *dir = test_tmpdir();

	expect(1, "vndoc: " HOSTILE "broken-row.csv:row 3:3: Loại: \"Đoàn thể\" is neither \"Tập thể\" nor \"Cá nhân\"\n",
	       "'%s' batch '" HOSTILE "broken-row.csv' -o '%s/out' --template '%s' --no-pdf -q", VNDOC_EXE, dir,
	       TEMPLATES);
	ck_assert_uint_eq(test_dir_entries(dir), 0); /* nothing written */
}
END_TEST

START_TEST(messages__nameless_unit_named_by_index)
{
	const char *dir = test_tmpdir();

	expect(1, "vndoc: don_vi[0]: skipped: the data breaks the plan's rules (report.txt)\n",
	       "'%s' batch '" HOSTILE "nameless-unit.json' -o '%s/out' --template '%s' --no-pdf -q", VNDOC_EXE, dir,
	       TEMPLATES);
}
END_TEST

/* batch --blank checks nothing, but a unit that is a number, text, null or
 * a list has no fields to fill: it crashed (SIGSEGV); now each is skipped,
 * named, and the blank forms of the others are written. */
START_TEST(messages__blank_skips_units_without_fields)
{
	const char *dir = test_tmpdir();
	char path[4200], *report;
	size_t len;

	expect(1, "vndoc: don_vi[0]: skipped: the data breaks the plan's rules (report.txt)\n"
	       "vndoc: don_vi[1]: skipped: the data breaks the plan's rules (report.txt)\n"
	       "vndoc: don_vi[2]: skipped: the data breaks the plan's rules (report.txt)\n"
	       "vndoc: don_vi[3]: skipped: the data breaks the plan's rules (report.txt)\n",
	       "'%s' batch '" HOSTILE "blank-not-units.json' -o '%s/out' --blank --template '%s' --no-pdf -q -j2",
	       VNDOC_EXE, dir, TEMPLATES);
	snprintf(path, sizeof path, "%s/out", dir);
	ck_assert_uint_eq(test_dir_entries(path), 4); /* ke-hoach.docx, manifest.json, phong-a, report.txt */
	snprintf(path, sizeof path, "%s/out/phong-a/bieu-dang-ky.docx", dir);
	ck_assert(access(path, F_OK) == 0);
	snprintf(path, sizeof path, "%s/out/report.txt", dir);
	report = test_read_file(path, &len);
	ck_assert(!strncmp(report, "don_vi[0]: don_vi[0]: a unit is an object of fields ({\"ten\": …}), not a number, "
			   "text or list\n", 91));
	free(report);
}
END_TEST

/* A folder of returned forms where some came back as .doc or a PDF scan:
 * they were passed over without a word (exit 0); now each is named and
 * skipped, exit 1.  Word's lock files, hidden files, subfolders and the
 * run's own output (a second run into the folder) are left out. */
START_TEST(messages__collect_names_every_file_of_a_folder)
{
	const char *dir = test_tmpdir();
	char want[8192];

	expect(0, NULL, "mkdir -p '%s/f/sub' && cp '%s/collect/seed-annex.docx' '%s/collect/old-word.doc' "
	       "'%s/collect/scan.pdf' '%s/f/' && touch '%s/f/~$seed-annex.docx' '%s/f/.hidden' '%s/f/Thumbs.db'", dir,
	       VNDOC_FIXTURES, VNDOC_FIXTURES, VNDOC_FIXTURES, dir, dir, dir, dir);
	snprintf(want, sizeof want,
		 "vndoc: %s/f/old-word.doc: skipped: a Word 97-2003 document (.doc), not .docx: open it in Word and save it "
		 "as \"Word Document (*.docx)\"\n"
		 "vndoc: %s/f/scan.pdf: skipped: a PDF, not a Word document: ask the unit for the .docx it printed\n"
		 "vndoc: warning: %s/f/seed-annex.docx: II. CÁ NHÂN, row 3: \"Chuyên viên; Phòng Văn hóa và Thông tin\" "
		 "does not split into chuc_vu; don_vi_cong_tac; noi_cu_tru: kept whole in chuc_vu\n", dir, dir, dir);
	for (int run = 0; run < 2; run++)
		expect(1, want, "'%s' collect '%s/f' -o '%s/f/all.json' -q", VNDOC_EXE, dir, dir);
}
END_TEST

START_TEST(messages__shard_refused_unless_exact)
{
	static const char *const bad[] = { "1/99999999999", "1/2/3", "1/", "0/2", "3/2", "+1/2", "1/2x" };
	const char *dir = test_tmpdir();
	char want[512];

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(want, sizeof want,
			 "vndoc batch: --shard takes K/N with 1 <= K <= N <= 1000000, e.g. 2/8 (not %s)\n", bad[i]);
		expect(2, want, "'%s' batch '%slai-chau.json' -o '%s/out' --shard '%s' --no-pdf -q", VNDOC_EXE,
		       SAMPLES, dir, bad[i]);
	}
	ck_assert_uint_eq(test_dir_entries(dir), 0);
}
END_TEST

/* Files ------------------------------------------------------------------------ */

START_TEST(files__render_outdir_refuses_one_name_twice)
{
	const char *dir = test_tmpdir();
	char want[8192];

	expect(0, NULL, "mkdir '%s/A' '%s/B' && cp '%s' '%s/A/f.docx' && cp '%s' '%s/B/f.docx'", dir, dir, LO, dir, LO,
	       dir);
	snprintf(want, sizeof want,
		 "vndoc render: %s/A/f.docx and %s/B/f.docx would both be written as %s/D/f.pdf; "
		 "render them into different folders\n", dir, dir, dir);
	expect(2, want, "'%s' render '%s/A/f.docx' '%s/B/f.docx' --outdir '%s/D'", VNDOC_EXE, dir, dir, dir);
	ck_assert_uint_eq(test_dir_entries(dir), 2); /* A, B: no D */
}
END_TEST

START_TEST(files__output_never_an_input)
{
	const char *dir = test_tmpdir();
	char want[8192], path[4200], *before, *after;
	size_t n_before, n_after;

	expect(0, NULL, "cp '%s' '%s/t.docx' && ln -s t.docx '%s/link.docx'", LO, dir, dir);
	snprintf(path, sizeof path, "%s/t.docx", dir);
	before = test_read_file(path, &n_before);
	/* Through a symbolic link, and as another spelling of the name. */
	snprintf(want, sizeof want, "vndoc merge: %s/link.docx is the input %s/t.docx: refusing to write over it\n",
		 dir, dir);
	expect(2, want, "'%s' merge '%s/t.docx' '%slai-chau.json' -o '%s/link.docx'", VNDOC_EXE, dir, SAMPLES, dir);
	snprintf(want, sizeof want, "vndoc render: %s/./t.docx is the input %s/t.docx: refusing to write over it\n",
		 dir, dir);
	expect(2, want, "'%s' render '%s/t.docx' -o '%s/./t.docx'", VNDOC_EXE, dir, dir);
	snprintf(want, sizeof want, "vndoc collect: %s/link.docx is the input %s/t.docx: refusing to write over it\n",
		 dir, dir);
	expect(2, want, "'%s' collect '%s/t.docx' -o '%s/link.docx'", VNDOC_EXE, dir, dir);
	/* Two outputs that are one file: the report replaced the data, exit 0. */
	snprintf(want, sizeof want, "vndoc collect: --report %s/./c.json is the output %s/c.json: one would replace the "
		 "other\n", dir, dir);
	expect(2, want, "'%s' collect '%s/t.docx' -o '%s/c.json' --report '%s/./c.json'", VNDOC_EXE, dir, dir, dir);
	after = test_read_file(path, &n_after);
	ck_assert_uint_eq(n_after, n_before);
	ck_assert(memcmp(before, after, n_before) == 0);
	ck_assert_uint_eq(test_dir_entries(dir), 2);
	free(before);
	free(after);
}
END_TEST

/* A full disk, as RLIMIT_FSIZE makes it (prlimit sets it in the child;
 * SIGXFSZ is ignored by vndoc, so the write fails with EFBIG): exit 3, the
 * file named, nothing under a final name that is incomplete, no
 * temporary left. */
START_TEST(files__full_disk_merge_render_unpack)
{
	const char *dir = test_tmpdir();
	char want[8192];

	snprintf(want, sizeof want, "vndoc: %s/out.docx: cannot write archive: Seek error: File too large\n", dir);
	expect(3, want, "prlimit --fsize=4096 '%s' merge '%s/bieu-dang-ky.docx' '%slai-chau.json' --scope don_vi.0 "
	       "-o '%s/out.docx'", VNDOC_EXE, TEMPLATES, SAMPLES, dir);
	snprintf(want, sizeof want, "vndoc: %s/out.pdf: cannot write: File too large\n", dir);
	expect(3, want, "prlimit --fsize=4096 '%s' render '%s' -o '%s/out.pdf'", VNDOC_EXE, LO, dir);
	/* unpack names the file as it would be in OUT, not in its temporary folder. */
	snprintf(want, sizeof want, "vndoc: %s/u/word/document.xml: cannot write: File too large\n", dir);
	expect(3, want, "prlimit --fsize=2000 '%s' unpack '%s' -o '%s/u'", VNDOC_EXE, LO, dir);
	ck_assert_uint_eq(test_dir_entries(dir), 0);
}
END_TEST

START_TEST(files__full_disk_batch)
{
	const char *dir = test_tmpdir();
	char cmd[8192], *err = NULL, *out = NULL, want[8192];

	snprintf(cmd, sizeof cmd, "prlimit --fsize=20480 '%s' batch '%slai-chau.json' -o '%s/out' --template '%s' -q -j1",
		 VNDOC_EXE, SAMPLES, dir, TEMPLATES);
	ck_assert_int_eq(test_run(cmd, NULL, &err), 3);
	snprintf(want, sizeof want, "vndoc: %s/out/van-phong-so/bieu-dang-ky.pdf: cannot write: File too large\n", dir);
	ck_assert_msg(strstr(err, want), "%s", err);
	/* Every PDF left is complete; no dot-file anywhere. */
	snprintf(cmd, sizeof cmd, "cd '%s/out' && for f in $(find . -name '*.pdf'); do tail -c 6 $f | grep -q EOF || "
		 "echo \"$f\"; done; find . -name '.*' ! -name . ! -name .vndoc", dir);
	ck_assert_int_eq(test_run(cmd, &out, NULL), 0);
	ck_assert_str_eq(out, "");
	free(out);
	free(err);
}
END_TEST

#define MARKER "This folder belongs to vndoc batch: its locks and temporary files.\n"

/* A second batch writing the same manifest refuses while the first holds
 * the lock (flock(1) holds it here, as a running batch would). */
START_TEST(files__batch_lock)
{
	const char *dir = test_tmpdir();
	char path[4200], want[8192];

	snprintf(path, sizeof path, "%s/out", dir);
	ck_assert_int_eq(mkdir(path, 0777), 0);
	snprintf(path, sizeof path, "%s/out/.vndoc", dir);
	ck_assert_int_eq(mkdir(path, 0777), 0);
	snprintf(path, sizeof path, "%s/out/.vndoc/vndoc-batch", dir);
	write_text(path, MARKER);
	snprintf(want, sizeof want,
		 "vndoc: %s/out: another vndoc batch is writing manifest.json in this folder; wait for it to end\n", dir);
	expect(3, want, "flock '%s/out/.vndoc/manifest.lock' '%s' batch '%slai-chau.json' -o '%s/out' --template '%s' "
	       "--no-pdf -q", dir, VNDOC_EXE, SAMPLES, dir, TEMPLATES);
	snprintf(path, sizeof path, "%s/out", dir);
	ck_assert_uint_eq(test_dir_entries(path), 1); /* .vndoc: nothing written */
	/* Once it is free, the run goes, and leaves no folder of its own. */
	expect(0, "", "'%s' batch '%slai-chau.json' -o '%s/out' --template '%s' --no-pdf -q", VNDOC_EXE, SAMPLES, dir,
	       TEMPLATES);
	ck_assert_uint_eq(test_dir_entries(path), 26 + 5);
}
END_TEST

/* Files that look like temporaries are not removed; what a killed run
 * left in the batch's own marked folder is. */
START_TEST(files__batch_removes_only_its_own_temporaries)
{
	const char *dir = test_tmpdir();
	char path[4200];
	struct stat st;

	expect(0, NULL, "mkdir -p '%s/out/.vndoc/manifest.tmp' '%s/out/van-phong-so' && printf '" MARKER "' > "
	       "'%s/out/.vndoc/vndoc-batch' && echo a > '%s/out/.vndoc/manifest.tmp/bieu-dang-ky.docx.tmp-Ab12Cd' && "
	       "echo mine > '%s/out/.ke-hoach.docx.tmp-ABCDEF' && echo mine > "
	       "'%s/out/van-phong-so/.notes.tmp-123456.abcdef'", dir, dir, dir, dir, dir, dir);
	expect(0, "", "'%s' batch '%slai-chau.json' -o '%s/out' --template '%s' --no-pdf -q", VNDOC_EXE, SAMPLES, dir,
	       TEMPLATES);
	snprintf(path, sizeof path, "%s/out/.ke-hoach.docx.tmp-ABCDEF", dir);
	ck_assert_int_eq(stat(path, &st), 0);
	snprintf(path, sizeof path, "%s/out/van-phong-so/.notes.tmp-123456.abcdef", dir);
	ck_assert_int_eq(stat(path, &st), 0);
	snprintf(path, sizeof path, "%s/out/.vndoc", dir);
	ck_assert_int_ne(stat(path, &st), 0);
}
END_TEST

START_TEST(files__batch_refuses_a_linked_unit_folder)
{
	const char *dir = test_tmpdir();
	char path[4200], want[8192];

	expect(0, NULL, "mkdir -p '%s/out' '%s/elsewhere' && ln -s ../elsewhere '%s/out/van-phong-so'", dir, dir, dir);
	snprintf(want, sizeof want, "vndoc: %s/out/van-phong-so: a symbolic link: refusing to write through it\n", dir);
	expect(3, want, "'%s' batch '%slai-chau.json' -o '%s/out' --template '%s' --no-pdf -q", VNDOC_EXE, SAMPLES, dir,
	       TEMPLATES);
	snprintf(path, sizeof path, "%s/elsewhere", dir);
	ck_assert_uint_eq(test_dir_entries(path), 0);
}
END_TEST

/* A smaller run removes the forms of the units gone, as the earlier
 * manifest proves they were its own; a form changed since is left, named. */
START_TEST(files__batch_earlier_forms)
{
	const char *dir = test_tmpdir();
	char want[8192], path[4200];
	struct stat st;

	expect(0, "", "'%s' batch '%slai-chau.json' -o '%s/out' --template '%s' --no-pdf -q", VNDOC_EXE, SAMPLES, dir,
	       TEMPLATES);
	expect(0, NULL, "echo changed >> '%s/out/phong-van-hoa-va-thong-tin-huyen-than-uyen/bieu-dang-ky.docx' && "
	       "python3 -c \"import json,sys; d=json.load(open(sys.argv[1])); d['don_vi']=d['don_vi'][:24]; "
	       "json.dump(d,open(sys.argv[2],'w'))\" '%slai-chau.json' '%s/small.json'", dir, SAMPLES, dir);
	snprintf(want, sizeof want,
		 "vndoc batch: %s/out/phong-van-hoa-va-thong-tin-huyen-than-uyen/bieu-dang-ky.docx: written by an earlier "
		 "run, not by this one, and changed since: left in place\n"
		 "vndoc batch: removed 1 files an earlier run wrote in %s/out that this one does not make "
		 "(its manifest listed them)\n", dir, dir);
	expect(0, want, "'%s' batch '%s/small.json' -o '%s/out' --template '%s' --no-pdf -q", VNDOC_EXE, dir, dir,
	       TEMPLATES);
	snprintf(path, sizeof path, "%s/out/trung-tam-van-hoa-the-thao-va-truyen-thong-huyen-than-uyen", dir);
	ck_assert_int_ne(stat(path, &st), 0);
	snprintf(path, sizeof path, "%s/out/phong-van-hoa-va-thong-tin-huyen-than-uyen/bieu-dang-ky.docx", dir);
	ck_assert_int_eq(stat(path, &st), 0);
}
END_TEST

/* An earlier manifest listing 1,500 forms this run does not make, each
 * changed since: VNDOC_LIMIT_WARNINGS (1,000) named, the rest counted. */
START_TEST(files__batch_earlier_notes_capped)
{
	const char *dir = test_tmpdir();
	char cmd[8192], want[8192], *err = NULL;

	expect(0, NULL, "mkdir '%s/out' && cd '%s/out' && python3 -c \"import json,os; m=[]\n"
	       "for i in range(1500):\n"
	       "  os.mkdir('u%%d' %% i); open('u%%d/bieu-dang-ky.docx' %% i, 'w').write('x')\n"
	       "  m.append({'file': 'u%%d/bieu-dang-ky.docx' %% i, 'unit': 'U', 'bytes': 1, 'sha256': '0' * 64})\n"
	       "json.dump(m, open('manifest.json', 'w'))\"", dir, dir);
	snprintf(cmd, sizeof cmd, "'%s' batch '%slai-chau.json' -o '%s/out' --template '%s' --no-pdf -q", VNDOC_EXE,
		 SAMPLES, dir, TEMPLATES);
	ck_assert_int_eq(test_run(cmd, NULL, &err), 0);
	snprintf(want, sizeof want, "vndoc batch: %s/out/u999/bieu-dang-ky.docx: written by an earlier run, not by this "
		 "one, and changed since: left in place\nvndoc batch: 500 more files written by an earlier run and changed "
		 "since: left in place\n", dir);
	ck_assert_uint_eq(strlen(err) > strlen(want) ? 1 : 0, 1);
	ck_assert_str_eq(err + strlen(err) - strlen(want), want);
	free(err);
}
END_TEST

/* The data file changed by the shell command `change` (its path as %s)
 * once the run holds its lock (the first reading is done), while the PDFs
 * are drawn: found at the end, exit 3, no manifest. */
static void data_changed_during_run(const char *change)
{
	const char *dir = test_tmpdir();
	char want[8192], path[4200], cmd[4200];
	struct stat st;

	expect(0, NULL, "cp '%slai-chau.json' '%s/d.json'", SAMPLES, dir);
	snprintf(want, sizeof want, "vndoc: %s/d.json: the data file changed during the run: the files written may "
		 "mix two versions of it, and no manifest was written; run again\n", dir);
	snprintf(path, sizeof path, "'%s/d.json'", dir);
	snprintf(cmd, sizeof cmd, change, path);
	expect(3, want, "('%s' batch '%s/d.json' -o '%s/out' --template '%s' -q -j1 & "
	       "i=0; while [ ! -e '%s/out/.vndoc/manifest.lock' ] && [ $i -lt 3000 ]; do sleep 0.01; i=$((i+1)); done; "
	       "%s; wait $!)", VNDOC_EXE, dir, dir, TEMPLATES, dir, cmd);
	snprintf(path, sizeof path, "%s/out/manifest.json", dir);
	ck_assert_int_ne(stat(path, &st), 0);
	snprintf(path, sizeof path, "%s/out/.vndoc", dir);
	ck_assert_int_ne(stat(path, &st), 0);
}

START_TEST(files__batch_data_changed)
{
	data_changed_during_run("echo ' ' >> %s");
}
END_TEST

/* Written in place keeping its size, with its modification time set
 * back: size, time and inode are all as they were, the bytes are not
 * (their SHA-256 is compared; issue 18). */
START_TEST(files__batch_data_changed_same_size_and_time)
{
	data_changed_during_run("python3 -c \"import os,sys; p=sys.argv[1]; st=os.stat(p); f=open(p,'r+b'); "
				"b=f.read(); f.seek(0); f.write(b.replace(b'Nguy', b'Ngux', 1)); f.close(); "
				"os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))\" %s");
}
END_TEST

/* A second run from the summary sheet the first wrote, a data file named
 * manifest.json in the output folder, the templates' folder as the output
 * folder: batch wrote over its input (the data file was replaced by the
 * manifest, exit 0).  Refused before anything is written, naming both. */
START_TEST(files__batch_never_writes_over_its_inputs)
{
	const char *dir = test_tmpdir();
	char want[8192], path[4200], *before, *after;
	size_t n_before, n_after;

	expect(0, "", "'%s' batch '%slai-chau.json' -o '%s/out' --template '%s' --no-pdf -q", VNDOC_EXE, SAMPLES, dir,
	       TEMPLATES);
	snprintf(path, sizeof path, "%s/out/tong-hop.xlsx", dir);
	before = test_read_file(path, &n_before);
	snprintf(want, sizeof want, "vndoc: %s/out/tong-hop.xlsx: this run would write over its input "
		 "%s/out/./tong-hop.xlsx; write it elsewhere (-o)\n", dir, dir);
	expect(2, want, "'%s' batch '%s/out/./tong-hop.xlsx' -o '%s/out' --template '%s' --no-pdf -q", VNDOC_EXE, dir,
	       dir, TEMPLATES);
	after = test_read_file(path, &n_after);
	ck_assert(n_after == n_before && !memcmp(before, after, n_before));
	free(before);
	free(after);
	expect(0, NULL, "mkdir '%s/m' '%s/t' && cp '%slai-chau.json' '%s/m/manifest.json' && cp '%s/'*.docx '%s/t'", dir,
	       dir, SAMPLES, dir, TEMPLATES, dir);
	snprintf(want, sizeof want, "vndoc: %s/m/manifest.json: this run would write over its input %s/m/manifest.json; "
		 "write it elsewhere (-o)\n", dir, dir);
	expect(2, want, "'%s' batch '%s/m/manifest.json' -o '%s/m' --template '%s' --no-pdf -q", VNDOC_EXE, dir, dir,
	       TEMPLATES);
	snprintf(path, sizeof path, "%s/m", dir);
	ck_assert_uint_eq(test_dir_entries(path), 1);
	snprintf(want, sizeof want, "vndoc: %s/t/ke-hoach.docx: this run would write over its input %s/t/ke-hoach.docx; "
		 "write it elsewhere (-o)\n", dir, dir);
	expect(2, want, "'%s' batch '%slai-chau.json' -o '%s/t' --template '%s/t' --no-pdf -q", VNDOC_EXE, SAMPLES, dir,
	       dir);
	snprintf(path, sizeof path, "%s/t", dir);
	ck_assert_uint_eq(test_dir_entries(path), 3); /* the three templates, nothing written */
}
END_TEST

/* pack -o inside the folder it packs (the package would hold itself next
 * time, and grow), merge -o inside a template folder: refused, naming
 * both, through a symbolic link or another spelling too; nothing written. */
START_TEST(files__output_inside_the_folder_packed)
{
	const char *dir = test_tmpdir();
	char want[8192], path[4200];
	size_t parts;

	expect(0, "", "'%s' unpack '%s' -o '%s/u' && ln -s u '%s/link'", VNDOC_EXE, LO, dir, dir);
	snprintf(path, sizeof path, "%s/u", dir);
	parts = test_dir_entries(path);
	snprintf(want, sizeof want, "vndoc pack: %s/u/t.docx is inside the folder %s/u being packed: the package "
		 "would hold itself; write it elsewhere\n", dir, dir);
	expect(2, want, "'%s' pack '%s/u' -o '%s/u/t.docx'", VNDOC_EXE, dir, dir);
	snprintf(want, sizeof want, "vndoc pack: %s/link/word/../t.docx is inside the folder %s/u being packed: the "
		 "package would hold itself; write it elsewhere\n", dir, dir);
	expect(2, want, "'%s' pack '%s/u' -o '%s/link/word/../t.docx'", VNDOC_EXE, dir, dir);
	snprintf(want, sizeof want, "vndoc merge: %s/u/word/out.docx is inside the template folder %s/link: the "
		 "template would hold it; write it elsewhere\n", dir, dir);
	expect(2, want, "'%s' merge '%s/link' '%slai-chau.json' -o '%s/u/word/out.docx'", VNDOC_EXE, dir, SAMPLES, dir);
	ck_assert_uint_eq(test_dir_entries(path), parts);
	ck_assert_uint_eq(test_dir_entries(dir), 2); /* u, link */
	/* Beside it: fine. */
	expect(0, "", "'%s' pack '%s/u' -o '%s/t.docx'", VNDOC_EXE, dir, dir);
}
END_TEST


int main(void)
{
	Suite *s = suite_create("hostile_files");
	TCase *m = tcase_create("messages");
	tcase_add_test(m, messages__unpack_names_the_input);
	tcase_add_test(m, messages__empty_zip_refused);
	tcase_add_test(m, messages__unpacked_folder_follows_the_umask);
	tcase_add_test(m, messages__broken_row_gives_its_reason);
	tcase_add_test(m, messages__nameless_unit_named_by_index);
	tcase_add_test(m, messages__shard_refused_unless_exact);
	tcase_add_test(m, messages__blank_skips_units_without_fields);
	tcase_add_test(m, messages__collect_names_every_file_of_a_folder);
	tcase_set_timeout(m, 120);
	suite_add_tcase(s, m);
	TCase *f = tcase_create("files");
	tcase_add_test(f, files__render_outdir_refuses_one_name_twice);
	tcase_add_test(f, files__output_never_an_input);
	tcase_add_test(f, files__full_disk_merge_render_unpack);
	tcase_add_test(f, files__full_disk_batch);
	tcase_add_test(f, files__batch_lock);
	tcase_add_test(f, files__batch_removes_only_its_own_temporaries);
	tcase_add_test(f, files__batch_refuses_a_linked_unit_folder);
	tcase_add_test(f, files__batch_earlier_forms);
	tcase_add_test(f, files__batch_data_changed);
	tcase_add_test(f, files__batch_data_changed_same_size_and_time);
	tcase_add_test(f, files__output_inside_the_folder_packed);
	tcase_add_test(f, files__batch_never_writes_over_its_inputs);
	tcase_add_test(f, files__batch_earlier_notes_capped);
	tcase_set_timeout(f, 120);
	suite_add_tcase(s, f);
	return test_run_suite(s);
}
