/*
 * test_numbering_index.c: which list a paragraph gets where numbering.xml
 * repeats ids (issue 18).  docx/numbering.c finds lists by binary search
 * over sorted ids (10,000 lists compared pairwise were quadratic); the
 * answers stay those of the old linear scans: a w:num takes the last
 * w:abstractNum of its id among those before it (none if it comes first),
 * and a paragraph takes the last w:num of its id.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "test.h"

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define ABSTRACT(id, start)                                                                                   \
	"<w:abstractNum w:abstractNumId=\"" id "\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"" start "\"/>"        \
	"<w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1)\"/></w:lvl></w:abstractNum>"
#define NUM(id, abstract) "<w:num w:numId=\"" id "\"><w:abstractNumId w:val=\"" abstract "\"/></w:num>"
#define PARA(num, text)                                                                                       \
	"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"" num "\"/></w:numPr></w:pPr>"            \
	"<w:r><w:t>" text "</w:t></w:r></w:p>"

static void put(const char *dir, const char *name, const char *text)
{
	char path[4096];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	ck_assert_int_eq(fputs(text, f) >= 0, 1);
	ck_assert_int_eq(fclose(f), 0);
}

START_TEST(numbering__repeated_ids_resolved_as_before)
{
	const char *dir = test_tmpdir();
	char path[4096], cmd[8192], *out = NULL, *err = NULL;

	snprintf(path, sizeof path, "%s/word", dir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	put(dir, "[Content_Types].xml",
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
	    "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" "
	    "ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/"
	    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
	/* num 1 before abstract 5: no list.  Abstract 7 three times: num 2 and
	 * the second num 3 take the second (20), num 4 the third (30). */
	put(dir, "word/numbering.xml",
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering " W_NS ">" NUM("1", "5") ABSTRACT("5", "1")
		    ABSTRACT("7", "10") ABSTRACT("7", "20") NUM("2", "7") NUM("3", "5") NUM("3", "7")
			    ABSTRACT("7", "30") NUM("4", "7") "</w:numbering>");
	put(dir, "word/document.xml",
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " W_NS "><w:body>" PARA("1", "a") PARA("2", "b")
		    PARA("3", "c") PARA("3", "d") PARA("4", "e") PARA("9", "f") "</w:body></w:document>");
	snprintf(cmd, sizeof cmd, "'%s' render '%s' --dump-layout", VNDOC_EXE, dir);
	ck_assert_int_eq(test_run(cmd, &out, &err), 0);
	ck_assert_str_eq(err, "");
	ck_assert_ptr_nonnull(strstr(out, "\"a\"\n"));
	ck_assert_ptr_nonnull(strstr(out, "\"20)\\tb\"\n"));
	ck_assert_ptr_nonnull(strstr(out, "\"20)\\tc\"\n"));
	ck_assert_ptr_nonnull(strstr(out, "\"21)\\td\"\n"));
	ck_assert_ptr_nonnull(strstr(out, "\"30)\\te\"\n"));
	ck_assert_ptr_nonnull(strstr(out, "\"f\"\n"));
	free(out);
	free(err);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("numbering_index");
	TCase *tc = tcase_create("numbering_index");
	tcase_add_test(tc, numbering__repeated_ids_resolved_as_before);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
