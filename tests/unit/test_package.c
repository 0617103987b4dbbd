/*
 * test_package.c: reading and writing packages, determinism, raw copies of
 * untouched parts, folders, and hostile archives (made here with libzip,
 * since our own writer refuses to make them).
 */
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zip.h>

#include "core/fsutil.h"
#include "core/limits.h"
#include "package/package.h"
#include "test.h"

#define CT "[Content_Types].xml"
#define CT_XML "<?xml version=\"1.0\"?><Types/>"
#define DOC_XML "<w:document>Xin chào Lai Châu</w:document>"

static const vndoc_part base_parts[] = {
	{ "word/document.xml", DOC_XML, sizeof DOC_XML - 1, NULL },
	{ "word/styles.xml", "<w:styles/>", 11, NULL },
	{ CT, CT_XML, sizeof CT_XML - 1, NULL },
};

/* A package made by our writer from base_parts, held in memory. */
static char *make_base(size_t *len)
{
	char *data;
	vndoc_error err;
	ck_assert_int_eq(vndoc_package_write_memory(&data, len, NULL, base_parts, 3, NULL, &err), 0);
	return data;
}

static vndoc_package *open_mem(const char *data, size_t len)
{
	vndoc_package *pkg;
	vndoc_error err;
	ck_assert_int_eq(vndoc_package_open_memory(&pkg, data, len, "mem.docx", &err), 0);
	return pkg;
}

/* An archive written directly with libzip: names and contents as given. */
typedef struct raw_entry {
	const char *name;
	const char *data;
	size_t len;
} raw_entry;

static char *make_raw(size_t *len, const raw_entry *e, size_t n)
{
	zip_error_t ze;
	zip_source_t *s;
	zip_t *za;
	zip_stat_t st;
	char *data;

	zip_error_init(&ze);
	s = zip_source_buffer_create(NULL, 0, 0, &ze);
	za = zip_open_from_source(s, ZIP_TRUNCATE, &ze);
	ck_assert_ptr_nonnull(za);
	zip_source_keep(s);
	for (size_t i = 0; i < n; i++) {
		zip_source_t *d = zip_source_buffer(za, e[i].data, e[i].len, 0);
		ck_assert_int_ge(zip_file_add(za, e[i].name, d, ZIP_FL_ENC_RAW), 0);
	}
	ck_assert_int_eq(zip_close(za), 0);
	ck_assert_int_eq(zip_source_open(s), 0);
	ck_assert_int_eq(zip_source_stat(s, &st), 0);
	data = malloc(st.size);
	ck_assert_int_eq(zip_source_read(s, data, st.size), (zip_int64_t)st.size);
	zip_source_close(s);
	zip_source_free(s);
	zip_error_fini(&ze);
	*len = st.size;
	return data;
}

static void assert_refused(const raw_entry *e, size_t n, int code, const char *msg)
{
	size_t len;
	char *data = make_raw(&len, e, n);
	vndoc_package *pkg = (vndoc_package *)1;
	vndoc_error err;
	vndoc_error_clear(&err);
	ck_assert_int_eq(vndoc_package_open_memory(&pkg, data, len, "hostile.docx", &err), code);
	ck_assert_ptr_null(pkg);
	test_assert_error(&err, code, msg);
	free(data);
}

START_TEST(package__round_trip_in_memory)
{
	size_t len, plen;
	char *data = make_base(&len), *part;
	vndoc_package *pkg = open_mem(data, len);
	vndoc_error err;

	ck_assert_uint_eq(vndoc_package_count(pkg), 3);
	/* [Content_Types].xml is written first though it was given last. */
	vndoc_error_clear(&err);
	ck_assert_str_eq(vndoc_package_name(pkg, 0), CT);
	ck_assert_str_eq(vndoc_package_name(pkg, 1), "word/document.xml");
	ck_assert_str_eq(vndoc_package_name(pkg, 2), "word/styles.xml");
	ck_assert_int_eq(vndoc_package_find(pkg, "word/styles.xml"), 2);
	ck_assert_int_eq(vndoc_package_find(pkg, "Word/Styles.XML"), 2); /* OPC names ignore case */
	ck_assert_int_eq(vndoc_package_find(pkg, "word/numbering.xml"), -1);
	ck_assert_int_eq(vndoc_package_read(&part, &plen, pkg, "word/document.xml", &err), 0);
	ck_assert_str_eq(part, DOC_XML);
	ck_assert_uint_eq(plen, strlen(DOC_XML));
	free(part);
	ck_assert_int_eq(vndoc_package_read(&part, &plen, pkg, "word/numbering.xml", &err), VNDOC_EFORMAT);
	test_assert_error(&err, VNDOC_EFORMAT, "mem.docx[word/numbering.xml]: no such part");
	vndoc_package_free(pkg);
	free(data);
}
END_TEST

START_TEST(package__write_is_deterministic_and_dated_1980)
{
	size_t len1, len2;
	char *a = make_base(&len1), *b;
	zip_error_t ze;
	zip_source_t *s;
	zip_t *za;
	zip_stat_t st;

	sleep(2); /* a writer that used the clock would now write other bytes */
	b = make_base(&len2);
	ck_assert_uint_eq(len1, len2);
	ck_assert(memcmp(a, b, len1) == 0);

	zip_error_init(&ze);
	s = zip_source_buffer_create(a, len1, 0, &ze);
	za = zip_open_from_source(s, ZIP_RDONLY, &ze);
	ck_assert_ptr_nonnull(za);
	for (zip_uint64_t i = 0; i < 3; i++) {
		struct tm tm;
		ck_assert_int_eq(zip_stat_index(za, i, 0, &st), 0);
		localtime_r(&st.mtime, &tm);
		ck_assert_int_eq(tm.tm_year + 1900, 1980);
		ck_assert_int_eq(tm.tm_mon, 0);
		ck_assert_int_eq(tm.tm_mday, 1);
		ck_assert_int_eq(st.comp_method, ZIP_CM_DEFLATE);
	}
	zip_discard(za);
	zip_error_fini(&ze);
	free(a);
	free(b);
}
END_TEST

/* The compressed bytes of entry `name` as stored in the archive. */
static char *compressed_bytes(const char *data, size_t len, const char *name, size_t *out_len)
{
	zip_error_t ze;
	zip_source_t *s;
	zip_t *za;
	zip_file_t *zf;
	zip_stat_t st;
	char *buf;

	zip_error_init(&ze);
	s = zip_source_buffer_create(data, len, 0, &ze);
	za = zip_open_from_source(s, ZIP_RDONLY, &ze);
	ck_assert_ptr_nonnull(za);
	ck_assert_int_eq(zip_stat(za, name, 0, &st), 0);
	zf = zip_fopen(za, name, ZIP_FL_COMPRESSED);
	ck_assert_ptr_nonnull(zf);
	buf = malloc(st.comp_size + 1);
	ck_assert_int_eq(zip_fread(zf, buf, st.comp_size), (zip_int64_t)st.comp_size);
	zip_fclose(zf);
	zip_discard(za);
	zip_error_fini(&ze);
	*out_len = st.comp_size;
	return buf;
}

START_TEST(package__untouched_parts_are_copied_not_recompressed)
{
	size_t len, out_len, a_len, b_len, plen;
	char *data, *out, *a, *b, *part;
	vndoc_package *pkg, *again;
	vndoc_package_write_options level9 = { 9, 0 };
	vndoc_part replace = { "word/document.xml", "<w:document/>", 13, NULL };
	vndoc_error err;

	/* Written at level 9; rewritten at level 1: a recompressed part would
	 * come out different. */
	ck_assert_int_eq(vndoc_package_write_memory(&data, &len, NULL, base_parts, 3, &level9, &err), 0);
	pkg = open_mem(data, len);
	vndoc_package_write_options level1 = { 1, 0 };
	ck_assert_int_eq(vndoc_package_write_memory(&out, &out_len, pkg, &replace, 1, &level1, &err), 0);
	a = compressed_bytes(data, len, "word/styles.xml", &a_len);
	b = compressed_bytes(out, out_len, "word/styles.xml", &b_len);
	ck_assert_uint_eq(a_len, b_len);
	ck_assert(memcmp(a, b, a_len) == 0);

	again = open_mem(out, out_len);
	ck_assert_int_eq(vndoc_package_read(&part, &plen, again, "word/document.xml", &err), 0);
	ck_assert_str_eq(part, "<w:document/>");
	free(part);
	ck_assert_int_eq(vndoc_package_read(&part, &plen, again, "word/styles.xml", &err), 0);
	ck_assert_str_eq(part, "<w:styles/>");
	free(part);
	vndoc_package_free(again);
	vndoc_package_free(pkg);
	free(a);
	free(b);
	free(out);
	free(data);
}
END_TEST

START_TEST(package__add_and_remove_parts)
{
	size_t len, out_len;
	char *data = make_base(&len), *out;
	vndoc_package *pkg = open_mem(data, len), *res;
	vndoc_part changes[] = {
		{ "word/styles.xml", NULL, 0, NULL },                  /* removed */
		{ "word/footer1.xml", "<w:ftr/>", 8, NULL },           /* added, at the end */
		{ "customXml/item1.xml", "<r/>", 4, NULL },            /* added after it */
	};
	vndoc_error err;

	ck_assert_int_eq(vndoc_package_write_memory(&out, &out_len, pkg, changes, 3, NULL, &err), 0);
	res = open_mem(out, out_len);
	ck_assert_uint_eq(vndoc_package_count(res), 4);
	ck_assert_str_eq(vndoc_package_name(res, 0), CT);
	ck_assert_str_eq(vndoc_package_name(res, 1), "word/document.xml");
	ck_assert_str_eq(vndoc_package_name(res, 2), "word/footer1.xml");
	ck_assert_str_eq(vndoc_package_name(res, 3), "customXml/item1.xml");
	vndoc_package_free(res);
	vndoc_package_free(pkg);
	free(out);
	free(data);
}
END_TEST

START_TEST(package__writer_refuses_unsafe_names)
{
	vndoc_part evil = { "../evil.xml", "<x/>", 4, NULL };
	char *out;
	size_t len;
	vndoc_error err;
	vndoc_error_clear(&err);
	ck_assert_int_eq(vndoc_package_write_memory(&out, &len, NULL, &evil, 1, NULL, &err), VNDOC_ELIMIT);
	test_assert_error(&err, VNDOC_ELIMIT, "[../evil.xml]: unsafe part name: \".\" or \"..\" segment");
	ck_assert_ptr_null(out);
}
END_TEST

START_TEST(package__check_name)
{
	static const struct { const char *name, *msg; } bad[] = {
		{ "/etc/passwd", "[/etc/passwd]: unsafe part name: absolute path" },
		{ "word/../../x", "[word/../../x]: unsafe part name: \".\" or \"..\" segment" },
		{ "./word", "[./word]: unsafe part name: \".\" or \"..\" segment" },
		{ "word\\document.xml", "[word\\document.xml]: unsafe part name: backslash" },
		{ "word//a.xml", "[word//a.xml]: unsafe part name: empty segment" },
		{ "C:evil", "[C:evil]: unsafe part name: drive letter" },
		{ "a\x01", "[a\x01]: unsafe part name: control character" },
		{ "", "unsafe part name: empty" },
	};
	vndoc_error err;
	char msg[1024];

	ck_assert_int_eq(vndoc_package_check_name("word/document.xml", NULL), 0);
	ck_assert_int_eq(vndoc_package_check_name("_rels/.rels", NULL), 0);
	ck_assert_int_eq(vndoc_package_check_name("[Content_Types].xml", NULL), 0);
	ck_assert_int_eq(vndoc_package_check_name("word/media/ảnh..png", NULL), 0);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		vndoc_error_clear(&err);
		ck_assert_int_eq(vndoc_package_check_name(bad[i].name, &err), VNDOC_ELIMIT);
		ck_assert_str_eq(vndoc_error_format(&err, msg, sizeof msg), bad[i].msg);
	}
}
END_TEST

START_TEST(package__hostile_names_are_refused)
{
	raw_entry traversal[] = { { CT, "<a/>", 4 }, { "word/../../../tmp/evil", "x", 1 } };
	raw_entry absolute[] = { { "/tmp/evil", "x", 1 } };
	raw_entry dup[] = { { "word/document.xml", "<a/>", 4 }, { "Word/Document.xml", "<b/>", 4 } };

	assert_refused(traversal, 2, VNDOC_ELIMIT,
		       "hostile.docx[word/../../../tmp/evil]: unsafe part name: \".\" or \"..\" segment");
	assert_refused(absolute, 1, VNDOC_ELIMIT, "hostile.docx[/tmp/evil]: unsafe part name: absolute path");
	assert_refused(dup, 2, VNDOC_ELIMIT, "hostile.docx[Word/Document.xml]: the archive holds this part twice");
}
END_TEST

START_TEST(package__zip_bomb_is_refused)
{
	size_t n = 4u * 1024 * 1024;
	char *zeros = calloc(1, n);
	raw_entry bomb[] = { { "word/document.xml", zeros, n } };
	assert_refused(bomb, 1, VNDOC_ELIMIT, "hostile.docx[word/document.xml]: compression ratio is too high (zip bomb?)");
	free(zeros);
}
END_TEST

START_TEST(package__too_many_entries_are_refused)
{
	size_t n = VNDOC_LIMIT_ZIP_ENTRIES + 1;
	raw_entry *e = calloc(n, sizeof *e);
	char (*names)[32] = calloc(n, 32);
	for (size_t i = 0; i < n; i++) {
		snprintf(names[i], 32, "p/%zu", i);
		e[i].name = names[i];
		e[i].data = "";
	}
	assert_refused(e, n, VNDOC_ELIMIT, "hostile.docx: the archive has 10001 entries (limit 10000)");
	free(names);
	free(e);
}
END_TEST

START_TEST(package__not_a_zip)
{
	vndoc_package *pkg;
	vndoc_error err;
	vndoc_error_clear(&err);
	ck_assert_int_eq(vndoc_package_open_memory(&pkg, "{\"json\": true}", 14, "data.docx", &err), VNDOC_EFORMAT);
	test_assert_error(&err, VNDOC_EFORMAT, "data.docx: not a zip archive: Not a zip archive");
}
END_TEST

START_TEST(package__corrupt_part_is_reported)
{
	size_t len, plen;
	char *data = make_base(&len), *part;
	vndoc_package *pkg;
	vndoc_error err;
	/* Flip a byte in the middle of the first entry's compressed data (its
	 * local header is 30 bytes + name). */
	data[30 + strlen(CT) + 3] ^= 0x55;
	pkg = open_mem(data, len);
	vndoc_error_clear(&err);
	ck_assert_int_lt(vndoc_package_read(&part, &plen, pkg, CT, &err), 0);
	ck_assert_int_eq(err.code, VNDOC_EFORMAT);
	ck_assert_str_eq(err.part, CT);
	ck_assert_ptr_null(part);
	/* The package's kept handle is dropped with the failed read: the
	 * other parts read as written, the corrupt one fails again. */
	ck_assert_int_eq(vndoc_package_read(&part, &plen, pkg, "word/document.xml", &err), 0);
	ck_assert_str_eq(part, DOC_XML);
	free(part);
	vndoc_error_clear(&err);
	ck_assert_int_eq(vndoc_package_read(&part, &plen, pkg, CT, &err), VNDOC_EFORMAT);
	ck_assert_str_eq(err.part, CT);
	vndoc_package_free(pkg);
	free(data);
}
END_TEST

/* Several threads reading the parts of one package at once: each read
 * takes the package's kept handle or, when another has it, its own. */
typedef struct reader_job {
	const vndoc_package *pkg;
	int bad;
} reader_job;

static void *read_parts(void *arg)
{
	reader_job *job = arg;
	for (int k = 0; k < 200; k++) {
		const vndoc_part *bp = &base_parts[k % 3];
		char *part = NULL;
		size_t plen;
		vndoc_error err;
		if (vndoc_package_read(&part, &plen, job->pkg, bp->name, &err) != 0 || plen != bp->len ||
		    memcmp(part, bp->data, plen))
			job->bad++;
		free(part);
	}
	return NULL;
}

START_TEST(package__parts_read_from_several_threads)
{
	size_t len;
	char *data = make_base(&len);
	vndoc_package *pkg = open_mem(data, len);
	pthread_t t[4];
	reader_job jobs[4];
	for (int i = 0; i < 4; i++) {
		jobs[i] = (reader_job){ pkg, 0 };
		ck_assert_int_eq(pthread_create(&t[i], NULL, read_parts, &jobs[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		ck_assert_int_eq(jobs[i].bad, 0);
	}
	vndoc_package_free(pkg);
	free(data);
}
END_TEST

static void write_text(const char *dir, const char *name, const char *text)
{
	char path[4096];
	vndoc_error err;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	ck_assert_int_eq(vndoc_fs_write_file(path, text, strlen(text), &err), 0);
}

START_TEST(package__folder_is_a_package)
{
	const char *dir = test_tmpdir();
	char sub[4200], *part;
	size_t len;
	vndoc_package *pkg;
	vndoc_error err;

	snprintf(sub, sizeof sub, "%s/word/_rels", dir);
	ck_assert_int_eq(vndoc_fs_mkdirs(sub, &err), 0);
	snprintf(sub, sizeof sub, "%s/_rels", dir);
	ck_assert_int_eq(vndoc_fs_mkdirs(sub, &err), 0);
	write_text(dir, "word/document.xml", DOC_XML);
	write_text(dir, "word/_rels/document.xml.rels", "<Relationships/>");
	write_text(dir, "_rels/.rels", "<Relationships/>");
	write_text(dir, CT, CT_XML);
	ck_assert_int_eq(vndoc_package_open(&pkg, dir, &err), 0);
	ck_assert_uint_eq(vndoc_package_count(pkg), 4);
	/* Sorted bytewise. */
	ck_assert_str_eq(vndoc_package_name(pkg, 0), CT);
	ck_assert_str_eq(vndoc_package_name(pkg, 1), "_rels/.rels");
	ck_assert_str_eq(vndoc_package_name(pkg, 2), "word/_rels/document.xml.rels");
	ck_assert_str_eq(vndoc_package_name(pkg, 3), "word/document.xml");
	ck_assert_int_eq(vndoc_package_read(&part, &len, pkg, "word/document.xml", &err), 0);
	ck_assert_str_eq(part, DOC_XML);
	free(part);
	vndoc_package_free(pkg);
}
END_TEST

/* Reads part `name` through a vndoc_part_reader, `chunk` bytes at a time. */
static ssize_t read_streamed(char **out, const vndoc_package *pkg, const char *name, size_t chunk,
			     vndoc_error *err)
{
	vndoc_part_reader *rd;
	size_t cap = 1024, len = 0;
	char *buf;
	ssize_t n;
	int rc;

	*out = NULL;
	if ((rc = vndoc_package_part_open(&rd, pkg, name, err)) < 0)
		return rc;
	buf = malloc(cap);
	for (;;) {
		if (len + chunk + 1 > cap) {
			cap = 2 * (len + chunk + 1);
			buf = realloc(buf, cap);
		}
		if ((n = vndoc_part_reader_read(rd, buf + len, chunk, err)) <= 0)
			break;
		len += (size_t)n;
	}
	vndoc_part_reader_close(rd);
	if (n < 0) {
		free(buf);
		return n;
	}
	buf[len] = '\0';
	*out = buf;
	return (ssize_t)len;
}

START_TEST(package__part_reader_streams_parts)
{
	const char *dir = test_tmpdir();
	size_t len;
	char *data = make_base(&len), *part;
	vndoc_package *pkg = open_mem(data, len);
	vndoc_error err;

	ck_assert_int_eq(read_streamed(&part, pkg, "word/document.xml", 7, &err), (ssize_t)strlen(DOC_XML));
	ck_assert_str_eq(part, DOC_XML);
	free(part);
	/* Part names are found without case, as vndoc_package_read does. */
	ck_assert_int_eq(read_streamed(&part, pkg, "Word/Styles.xml", 4096, &err), 11);
	ck_assert_str_eq(part, "<w:styles/>");
	free(part);
	vndoc_error_clear(&err);
	ck_assert_int_eq(read_streamed(&part, pkg, "word/none.xml", 16, &err), VNDOC_EFORMAT);
	ck_assert_str_eq(err.message, "no such part");
	ck_assert_str_eq(err.part, "word/none.xml");
	vndoc_package_free(pkg);

	/* A corrupt part fails in the reader, naming it. */
	data[30 + strlen(CT) + 3] ^= 0x55;
	pkg = open_mem(data, len);
	vndoc_error_clear(&err);
	ck_assert_int_lt(read_streamed(&part, pkg, CT, 5, &err), 0);
	ck_assert_int_eq(err.code, VNDOC_EFORMAT);
	ck_assert_str_eq(err.part, CT);
	ck_assert_ptr_null(part);
	vndoc_package_free(pkg);
	free(data);

	/* Folder packages stream their parts too. */
	write_text(dir, "document.xml", DOC_XML);
	ck_assert_int_eq(vndoc_package_open(&pkg, dir, &err), 0);
	ck_assert_int_eq(read_streamed(&part, pkg, "document.xml", 3, &err), (ssize_t)strlen(DOC_XML));
	ck_assert_str_eq(part, DOC_XML);
	free(part);
	vndoc_package_free(pkg);
}
END_TEST

/* Bytes no deflate can shrink, the same on every run. */
static char *noise(size_t n)
{
	char *p = malloc(n);
	unsigned long x = 12345;
	for (size_t i = 0; i < n; i++) {
		x = x * 6364136223846793005ul + 1442695040888963407ul;
		p[i] = (char)(x >> 56);
	}
	return p;
}

START_TEST(package__large_archive_is_read_from_its_file)
{
	const char *dir = test_tmpdir();
	const size_t n = 3u << 20; /* more than the 1 MB held in memory */
	char *big = noise(n), *part, path[4200], copy[4200];
	vndoc_part parts[] = {
		{ CT, CT_XML, sizeof CT_XML - 1, NULL },
		{ "word/media/big.bin", big, n, NULL },
		{ "word/document.xml", DOC_XML, sizeof DOC_XML - 1, NULL },
	};
	vndoc_part change = { "word/document.xml", "<w:document/>", 13, NULL };
	vndoc_package *pkg, *res;
	size_t len;
	vndoc_error err;

	snprintf(path, sizeof path, "%s/big.docx", dir);
	snprintf(copy, sizeof copy, "%s/copy.docx", dir);
	ck_assert_int_eq(vndoc_package_write(NULL, parts, 3, path, NULL, &err), 0);
	ck_assert_int_eq(vndoc_package_open(&pkg, path, &err), 0);
	ck_assert_int_eq(vndoc_package_read(&part, &len, pkg, "word/media/big.bin", &err), 0);
	ck_assert_uint_eq(len, n);
	ck_assert(memcmp(part, big, n) == 0);
	free(part);
	ck_assert_int_eq(read_streamed(&part, pkg, "word/media/big.bin", 65536, &err), (ssize_t)n);
	ck_assert(memcmp(part, big, n) == 0);
	free(part);
	/* Written from the file: the big part copied as it is stored. */
	ck_assert_int_eq(vndoc_package_write(pkg, &change, 1, copy, NULL, &err), 0);
	vndoc_package_free(pkg);
	ck_assert_int_eq(vndoc_package_open(&res, copy, &err), 0);
	ck_assert_int_eq(vndoc_package_read(&part, &len, res, "word/document.xml", &err), 0);
	ck_assert_str_eq(part, "<w:document/>");
	free(part);
	ck_assert_int_eq(vndoc_package_read(&part, &len, res, "word/media/big.bin", &err), 0);
	ck_assert(len == n && memcmp(part, big, n) == 0);
	free(part);
	vndoc_package_free(res);
	free(big);
}
END_TEST

START_TEST(package__part_from_a_file_is_written)
{
	size_t len_mem, len_file;
	char *from_mem, *from_file, *part;
	FILE *f = tmpfile();
	vndoc_part mem[] = { { CT, CT_XML, sizeof CT_XML - 1, NULL },
			     { "word/document.xml", DOC_XML, sizeof DOC_XML - 1, NULL } };
	vndoc_part file[] = { { CT, CT_XML, sizeof CT_XML - 1, NULL },
			      { "word/document.xml", NULL, sizeof DOC_XML - 1, f } };
	vndoc_package *pkg;
	vndoc_error err;

	ck_assert_ptr_nonnull(f);
	fputs(DOC_XML, f); /* the writer reads it from the start, unflushed as it is */
	ck_assert_int_eq(vndoc_package_write_memory(&from_mem, &len_mem, NULL, mem, 2, NULL, &err), 0);
	ck_assert_int_eq(vndoc_package_write_memory(&from_file, &len_file, NULL, file, 2, NULL, &err), 0);
	ck_assert_uint_eq(len_mem, len_file);
	ck_assert(memcmp(from_mem, from_file, len_mem) == 0);
	/* The caller's FILE stays open and usable (its position is not kept). */
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	ck_assert_int_eq((int)ftell(f), (int)(sizeof DOC_XML - 1));
	fclose(f);
	pkg = open_mem(from_file, len_file);
	ck_assert_int_eq(vndoc_package_read(&part, NULL, pkg, "word/document.xml", &err), 0);
	ck_assert_str_eq(part, DOC_XML);
	free(part);
	vndoc_package_free(pkg);
	free(from_mem);
	free(from_file);
}
END_TEST

/* A CRC that does not match the data (set alike in the local header and
 * the central directory, which libzip compares) is found by both reads;
 * the whole read once missed it when its single read ended at the end. */
START_TEST(package__bad_crc_is_reported)
{
	raw_entry e[] = { { "word/document.xml", DOC_XML, sizeof DOC_XML - 1 } };
	size_t len, plen;
	char *data = make_raw(&len, e, 1), *part, *cd;
	vndoc_package *pkg;
	vndoc_error err;

	data[14] ^= 0x01; /* the local header's CRC-32 */
	for (cd = data; cd + 4 < data + len && memcmp(cd, "PK\x01\x02", 4); cd++)
		;
	ck_assert(cd + 4 < data + len);
	cd[16] ^= 0x01;   /* the central directory's */
	pkg = open_mem(data, len);
	vndoc_error_clear(&err);
	ck_assert_int_eq(vndoc_package_read(&part, &plen, pkg, "word/document.xml", &err), VNDOC_EFORMAT);
	ck_assert_str_eq(err.message, "corrupt part: CRC error");
	ck_assert_ptr_null(part);
	vndoc_error_clear(&err);
	ck_assert_int_lt(read_streamed(&part, pkg, "word/document.xml", 4096, &err), 0);
	ck_assert_str_eq(err.message, "corrupt part: CRC error");
	vndoc_package_free(pkg);
	free(data);
}
END_TEST

static int count_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;
	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)))
		n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
	closedir(d);
	return n;
}

START_TEST(package__failed_write_leaves_nothing)
{
	const char *dir = test_tmpdir();
	char path[4200];
	size_t len;
	char *data = make_base(&len);
	vndoc_package *pkg = open_mem(data, len);
	vndoc_part evil = { "a/../b", "x", 1, NULL };
	vndoc_error err;
	struct stat st;

	snprintf(path, sizeof path, "%s/out.docx", dir);
	vndoc_error_clear(&err);
	ck_assert_int_eq(vndoc_package_write(pkg, &evil, 1, path, NULL, &err), VNDOC_ELIMIT);
	ck_assert_int_eq(stat(path, &st), -1);
	ck_assert_int_eq(count_files(dir), 0); /* no temporary file either */
	ck_assert_int_eq(vndoc_package_write(pkg, NULL, 0, path, NULL, &err), 0);
	ck_assert_int_eq(count_files(dir), 1);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq((long)st.st_size, (long)len);
	vndoc_package_free(pkg);
	free(data);
}
END_TEST

/* `len` bytes of `data` and `extra` bytes after them: a newline, then
 * letters (malloc'd). */
static char *with_trailing(const char *data, size_t len, size_t extra)
{
	char *out = malloc(len + extra + 1);
	memcpy(out, data, len);
	for (size_t i = 0; i < extra; i++)
		out[len + i] = i == 0 ? '\n' : (char)('a' + i % 26);
	return out;
}

START_TEST(package__bytes_after_the_archive_are_ignored)
{
	/* Word and LibreOffice open an archive followed by a stray newline
	 * (or more): so does vndoc, up to VNDOC_LIMIT_ZIP_TRAILING_BYTES. */
	static const size_t extra[] = { 1, 100, VNDOC_LIMIT_ZIP_TRAILING_BYTES };
	size_t len, n;
	char *base = make_base(&len), *part;
	vndoc_package *pkg;
	vndoc_error err;

	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++) {
		char *data = with_trailing(base, len, extra[i]);
		pkg = open_mem(data, len + extra[i]);
		ck_assert_uint_eq(vndoc_package_count(pkg), 3);
		ck_assert_int_eq(vndoc_package_read(&part, &n, pkg, "word/document.xml", &err), 0);
		ck_assert_str_eq(part, DOC_XML);
		free(part);
		vndoc_package_free(pkg);
		free(data);
	}
	free(base);
}
END_TEST

START_TEST(package__bytes_after_a_large_archive_file_are_ignored)
{
	/* Read from its file (more than the 1 MB held in memory). */
	const size_t n = 3u << 19;
	char *big = noise(n), *data, *tail, *part, path[4200];
	vndoc_part parts[] = {
		{ CT, CT_XML, sizeof CT_XML - 1, NULL },
		{ "word/media/big.bin", big, n, NULL },
		{ "word/document.xml", DOC_XML, sizeof DOC_XML - 1, NULL },
	};
	vndoc_package *pkg;
	size_t len;
	vndoc_error err;

	snprintf(path, sizeof path, "%s/big.docx", test_tmpdir());
	ck_assert_int_eq(vndoc_package_write_memory(&data, &len, NULL, parts, 3, NULL, &err), 0);
	tail = with_trailing(data, len, 2);
	ck_assert_int_eq(vndoc_fs_write_file(path, tail, len + 2, &err), 0);
	ck_assert_int_eq(vndoc_package_open(&pkg, path, &err), 0);
	ck_assert_int_eq(vndoc_package_read(&part, &len, pkg, "word/media/big.bin", &err), 0);
	ck_assert(len == n && memcmp(part, big, n) == 0);
	free(part);
	vndoc_package_free(pkg);
	free(tail);
	free(data);
	free(big);
}
END_TEST

START_TEST(package__damaged_archives_are_still_refused)
{
	size_t len, olen;
	char *base = make_base(&len), *data;
	char *overlap = test_read_file(test_fixture("hostile/overlap.docx"), &olen);
	vndoc_package *pkg = (vndoc_package *)1;
	vndoc_error err;

	/* Cut short: the end-of-central-directory record is not whole. */
	vndoc_error_clear(&err);
	ck_assert_int_eq(vndoc_package_open_memory(&pkg, base, len - 10, "cut.docx", &err), VNDOC_EFORMAT);
	ck_assert_ptr_null(pkg);
	test_assert_error(&err, VNDOC_EFORMAT, "cut.docx: not a zip archive: Not a zip archive");
	/* More bytes after the end than the limit. */
	data = with_trailing(base, len, VNDOC_LIMIT_ZIP_TRAILING_BYTES + 1);
	vndoc_error_clear(&err);
	ck_assert_int_eq(vndoc_package_open_memory(&pkg, data, len + VNDOC_LIMIT_ZIP_TRAILING_BYTES + 1, "long.docx",
						   &err),
			 VNDOC_EFORMAT);
	test_assert_error(&err, VNDOC_EFORMAT, "long.docx: not a zip archive: Not a zip archive");
	free(data);
	/* Overlapping entries followed by a newline: refused as without it. */
	data = with_trailing(overlap, olen, 1);
	vndoc_error_clear(&err);
	ck_assert_int_eq(vndoc_package_open_memory(&pkg, data, olen + 1, "overlap.docx", &err), VNDOC_EFORMAT);
	test_assert_error(&err, VNDOC_EFORMAT, "overlap.docx: not a zip archive: Zip archive inconsistent");
	free(data);
	free(overlap);
	free(base);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("package");
	TCase *tc = tcase_create("package");
	tcase_add_test(tc, package__round_trip_in_memory);
	tcase_add_test(tc, package__write_is_deterministic_and_dated_1980);
	tcase_add_test(tc, package__untouched_parts_are_copied_not_recompressed);
	tcase_add_test(tc, package__add_and_remove_parts);
	tcase_add_test(tc, package__writer_refuses_unsafe_names);
	tcase_add_test(tc, package__check_name);
	tcase_add_test(tc, package__hostile_names_are_refused);
	tcase_add_test(tc, package__zip_bomb_is_refused);
	tcase_add_test(tc, package__too_many_entries_are_refused);
	tcase_add_test(tc, package__not_a_zip);
	tcase_add_test(tc, package__corrupt_part_is_reported);
	tcase_add_test(tc, package__parts_read_from_several_threads);
	tcase_add_test(tc, package__folder_is_a_package);
	tcase_add_test(tc, package__failed_write_leaves_nothing);
	tcase_add_test(tc, package__part_reader_streams_parts);
	tcase_add_test(tc, package__large_archive_is_read_from_its_file);
	tcase_add_test(tc, package__part_from_a_file_is_written);
	tcase_add_test(tc, package__bad_crc_is_reported);
	tcase_add_test(tc, package__bytes_after_the_archive_are_ignored);
	tcase_add_test(tc, package__bytes_after_a_large_archive_file_are_ignored);
	tcase_add_test(tc, package__damaged_archives_are_still_refused);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
