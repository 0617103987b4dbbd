/*
 * tests/support/docx_text.h: the text of a DOCX part, paragraph by
 * paragraph, for end-to-end assertions.
 */
#ifndef VNDOC_TEST_DOCX_TEXT_H
#define VNDOC_TEST_DOCX_TEXT_H

#include <stddef.h>

typedef struct {
	char **items; /* one malloc'd string per w:p, in document order */
	size_t count;
} test_paragraphs;

/**
 * Every w:p of `part` in `docx`, in document order (table cells
 * included): the w:t text, "\t" for w:tab, "\n" for w:br.  Aborts the
 * test on failure.
 */
test_paragraphs test_docx_paragraphs(const char *docx, const char *part);

/** Same, from XML text. */
test_paragraphs test_xml_paragraphs(const char *xml, size_t len);

void test_paragraphs_dispose(test_paragraphs *p);

/** Collapses white space (and runs of '.' or '…' used as blanks to fill
 * by hand) to single spaces and trims, for comparing text. Malloc'd. */
char *test_normalize_space(const char *s);

/** Number of w:tr in the n-th w:tbl (0-based, document order) of `part`. */
size_t test_docx_table_rows(const char *docx, const char *part, size_t n);

#endif
