/*
 * tests/unit/test_layout_flow.c: the layout of footnotes (split, in
 * cells, pushing their line on), columns (balanced, of unequal widths),
 * raised and lowered runs, and rows split over two pages.  Text around
 * floating pictures and cells merged across pages are in
 * tests/spec/layout.txt.
 *
 * Split from tests/unit/test_render.c (test_layout.c holds the rest of the
 * layout API's tests); shared helpers in tests/support/render_util.h.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <jpeglib.h>

#include "core/buf.h"
#include "core/fsutil.h"
#include "docx/docx.h"
#include "layout/layout.h"
#include "package/package.h"
#include "render/render.h"
#include "test.h"
#include "render_util.h"

/* ---------------------------------------------------------------- lines of a dump */

/* The y of the dump line holding exactly `text` in `dump`, or -1. */
static double text_line_y(const char *dump, const char *text)
{
	char quoted[256];
	const char *p, *start;
	double y;
	snprintf(quoted, sizeof quoted, "\"%s\"\n", text);
	p = strstr(dump, quoted);
	if (!p)
		return -1;
	for (start = p; start > dump && start[-1] != '\n'; start--)
		;
	return sscanf(start, "  line y=%lf", &y) == 1 ? y : -1;
}

/* ---------------------------------------------------------------- footnotes */

/* Writes a package whose body is `body` (then A4) and whose footnotes
 * part, found through the document's relationships, holds the separators
 * and footnote 2 with the text `note` (10 pt, its number first). */
static const char *write_doc_notes(const char *body, const char *note)
{
	vndoc_buf b = VNDOC_BUF_INIT((size_t)1 << 24);
	const char *dir;

	vndoc_buf_printf(&b, "%s%s", body, A4);
	dir = write_doc(b.ptr);
	vndoc_buf_clear(&b);
	vndoc_buf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<w:footnotes %s>"
			 "<w:footnote w:type=\"separator\" w:id=\"0\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
			 "<w:footnote w:type=\"continuationSeparator\" w:id=\"1\"><w:p><w:r><w:continuationSeparator/>"
			 "</w:r></w:p></w:footnote><w:footnote w:id=\"2\"><w:p><w:pPr><w:rPr><w:sz w:val=\"20\"/></w:rPr>"
			 "</w:pPr><w:r><w:rPr><w:sz w:val=\"20\"/></w:rPr><w:footnoteRef/></w:r><w:r><w:rPr>"
			 "<w:sz w:val=\"20\"/></w:rPr><w:t xml:space=\"preserve\"> %s</w:t></w:r></w:p></w:footnote>"
			 "</w:footnotes>", W_NS, note);
	put_part(dir, "word/footnotes.xml", b.ptr);
	put_part(dir, "word/_rels/document.xml.rels",
		 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Relationships "
		 "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		 "<Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
		 "2006/relationships/footnotes\" Target=\"footnotes.xml\"/></Relationships>");
	vndoc_buf_dispose(&b);
	return dir;
}

#define NOTE_REF "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:footnoteReference w:id=\"2\"/></w:r>"

START_TEST(layout__footnote_custom_mark)
{
	/* customMarkFollows: the run's text is the mark, in the footnote too. */
	char *d = dump_path(write_doc_notes("<w:p><w:r><w:t>Dấu</w:t></w:r><w:r><w:footnoteReference "
					    "w:customMarkFollows=\"1\" w:id=\"2\"/><w:t>*</w:t></w:r></w:p>",
					    "Chú thích riêng."));
	ck_assert_msg(strstr(d, "\"Dấu*\"") != NULL, "%s", d);
	ck_assert_msg(strstr(d, "\"* Chú thích riêng.\"") != NULL, "%s", d);
	free(d);
}
END_TEST

START_TEST(layout__footnotes_outside_the_body_are_named)
{
	/* A footnote referenced in a table cell is placed (no warning); an
	 * endnote is named. */
	vndoc_error e;
	char msg[1024];
	vndoc_layout *l = layout_path(
		write_doc_notes("<w:tbl><w:tblGrid><w:gridCol w:w=\"4000\"/></w:tblGrid><w:tr><w:tc><w:p><w:r>"
				"<w:t>Ô</w:t></w:r><w:r><w:footnoteReference w:id=\"2\"/></w:r></w:p></w:tc></w:tr>"
				"</w:tbl><w:p><w:r><w:t>Cuối</w:t></w:r><w:r><w:endnoteReference w:id=\"1\"/></w:r></w:p>",
				"Chú thích trong ô."),
		&e);
	if (!l)
		ck_abort_msg("%s", vndoc_error_format(&e, msg, sizeof msg));
	ck_assert_uint_eq(vndoc_layout_warning_count(l), 1);
	ck_assert_str_eq(vndoc_layout_warning(l, 0), "endnotes not drawn (w:endnoteReference)");
	vndoc_layout_free(l);
}
END_TEST

START_TEST(layout__footnote_pushes_its_line_to_next_page)
{
	/* The page has room for one more line, not for it and its footnote
	 * of several lines: the line goes to the next page with it. */
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 20), note = VNDOC_BUF_INIT((size_t)1 << 20);
	char *d, *p1, *p2;
	const char *dir;
	fillers(&body, 61);
	vndoc_buf_puts(&body, "<w:p><w:r><w:t>Dòng có chú thích</w:t></w:r>" NOTE_REF "</w:p>");
	for (int i = 0; i < 40; i++)
		vndoc_buf_puts(&note, "chú thích dài ");
	/* Without the footnote the line is the last one of page 1. */
	vndoc_buf_puts(&body, A4);
	d = dump_path(write_doc(body.ptr));
	body.len -= strlen(A4);
	body.ptr[body.len] = '\0';
	p1 = page_of(d, 1);
	ck_assert_msg(strstr(p1, "\"Dòng có chú thích\"") != NULL, "%s", d);
	free(p1);
	free(d);
	dir = write_doc_notes(body.ptr, note.ptr);
	d = dump_path(dir);
	p1 = page_of(d, 1);
	p2 = page_of(d, 2);
	ck_assert_msg(strstr(p1, "Dòng có chú thích") == NULL && strstr(p1, "footnote") == NULL &&
		      strstr(p1, "rule") == NULL, "%s", d);
	ck_assert_msg(strstr(p2, "  line y=56.7 x=85.0 w=") != NULL && strstr(p2, "\"Dòng có chú thích1\"") &&
		      strstr(p2, "footnote y=") && strstr(p2, "\"1 chú thích dài") && strstr(p2, "rule x=85.0"),
		      "%s", d);
	free(p1);
	free(p2);
	free(d);
	/* Streamed as loaded. */
	check_open_same(dir);
	vndoc_buf_dispose(&body);
	vndoc_buf_dispose(&note);
}
END_TEST

/* ---------------------------------------------------------------- columns */

#define COLS_SECT(cols, type)                                                                            \
	"<w:sectPr>" type "<w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"850\" " \
	"w:bottom=\"1134\" w:left=\"1701\" w:header=\"567\" w:footer=\"567\"/>" cols "</w:sectPr>"

/* Two equal columns 36 pt apart with a line between: the text fills the
 * first, then goes on at the top of the second, then on the next page. */
START_TEST(layout__footnotes_numbered_on_each_page)
{
	/* footnotePr numRestart eachPage (a section's, as POI's stress004 has
	 * it): footnotes 2 and 3 on page 1 are 1 and 2, footnote 4 on page 2
	 * is 1 again, in the text and at the foot of the page.  Before: 1, 2
	 * and 3. */
	vndoc_buf b = VNDOC_BUF_INIT((size_t)1 << 20);
	const char *dir = write_doc("<w:p><w:r><w:t>A</w:t></w:r><w:r><w:footnoteReference w:id=\"2\"/></w:r>"
				    "<w:r><w:t>B</w:t></w:r><w:r><w:footnoteReference w:id=\"3\"/></w:r></w:p>"
				    "<w:p><w:r><w:br w:type=\"page\"/><w:t>C</w:t></w:r>"
				    "<w:r><w:footnoteReference w:id=\"4\"/></w:r></w:p>"
				    "<w:sectPr><w:footnotePr><w:numRestart w:val=\"eachPage\"/></w:footnotePr>"
				    "<w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"850\" "
				    "w:bottom=\"1134\" w:left=\"1701\" w:header=\"567\" w:footer=\"567\"/></w:sectPr>");
	char *d, *p1, *p2;
	vndoc_buf_printf(&b, "<w:footnotes %s>", W_NS);
	for (int id = 2; id <= 4; id++)
		vndoc_buf_printf(&b, "<w:footnote w:id=\"%d\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t "
				 "xml:space=\"preserve\"> Note %d</w:t></w:r></w:p></w:footnote>", id, id);
	vndoc_buf_printf(&b, "</w:footnotes>");
	put_part(dir, "word/footnotes.xml", b.ptr);
	vndoc_buf_dispose(&b);
	put_part(dir, "word/_rels/document.xml.rels",
		 "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		 "<Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
		 "2006/relationships/footnotes\" Target=\"footnotes.xml\"/></Relationships>");
	d = dump_path(dir);
	p1 = page_of(d, 1);
	p2 = page_of(d, 2);
	ck_assert_msg(strstr(p1, "\"A1B2\"") && strstr(p1, "\"1 Note 2\"") && strstr(p1, "\"2 Note 3\""), "%s", p1);
	ck_assert_msg(strstr(p2, "\"C1\"") && strstr(p2, "\"1 Note 4\""), "%s", p2);
	free(p1);
	free(p2);
	free(d);
	check_open_same(dir); /* streamed as loaded: the first pass there too */
}
END_TEST

START_TEST(layout__columns_flow_and_separator)
{
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 20);
	char *d, *p1;
	fillers(&body, 130);
	vndoc_buf_puts(&body, COLS_SECT("<w:cols w:num=\"2\" w:space=\"720\" w:sep=\"1\"/>", ""));
	d = dump_path(write_doc(body.ptr));
	p1 = page_of(d, 1);
	ck_assert_ptr_nonnull(strstr(p1, "  line y=769.6 x=85.0 w=27.5 h=11.5 \"line 63\"\n"));
	ck_assert_ptr_nonnull(strstr(p1, "  line y=56.7 x=336.9 w=27.5 h=11.5 \"line 64\"\n"));
	/* The separator: in the middle of the gap, the body's height. */
	ck_assert_ptr_nonnull(strstr(p1, "  rule x=318.9 y=56.7 w=0.2 h=728.5 vertical\n"));
	ck_assert_ptr_nonnull(strstr(d, "page 2 595.3x841.9\n  line y=56.7 x=85.0 w=32.5 h=11.5 \"line 127\"\n"));
	free(p1);
	free(d);
	vndoc_buf_dispose(&body);
}
END_TEST

/* A two-column section between one-column ones on the same page
 * (continuous breaks): its columns begin below the text before, are
 * balanced (ten lines: five and five), and the text after goes on
 * below them; the empty paragraphs carrying the breaks take no room. */
START_TEST(layout__continuous_columns_are_balanced)
{
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 20);
	char *d;
	vndoc_buf_puts(&body, "<w:p><w:r><w:t>Title</w:t></w:r></w:p>"
			      "<w:p><w:pPr>" COLS_SECT("", "") "</w:pPr></w:p>");
	fillers(&body, 10);
	vndoc_buf_puts(&body, "<w:p><w:pPr>" COLS_SECT("<w:cols w:num=\"2\" w:space=\"720\" w:sep=\"true\"/>",
						     "<w:type w:val=\"continuous\"/>") "</w:pPr></w:p>"
			      "<w:p><w:r><w:t>After</w:t></w:r></w:p>" COLS_SECT("", "<w:type w:val=\"continuous\"/>"));
	d = dump_path(write_doc(body.ptr));
	ck_assert_ptr_nonnull(strstr(d, "\"Title\"\n  line y=68.2 x=85.0 w=22.5 h=11.5 \"line 1\"\n"));
	ck_assert_ptr_nonnull(strstr(d, "  line y=114.2 x=85.0 w=22.5 h=11.5 \"line 5\"\n"
					"  line y=68.2 x=336.9 w=22.5 h=11.5 \"line 6\"\n"));
	ck_assert_ptr_nonnull(strstr(d, "  line y=114.2 x=336.9 w=27.5 h=11.5 \"line 10\"\n"));
	ck_assert_ptr_nonnull(strstr(d, "  rule x=318.9 y=68.2 w=0.2 h=57.5 vertical\n"));
	ck_assert_ptr_nonnull(strstr(d, "  line y=125.7 x=85.0 w=21.1 h=11.5 \"After\"\n"));
	ck_assert_int_eq(count(d, "page "), 1);
	free(d);
	vndoc_buf_dispose(&body);
}
END_TEST

/* A table of `rows` one-line rows after `fill` filler lines; row `ref`
 * (also inside a nested table when `nested`) refers to footnote 2. */
static const char *write_table_note(int fill, int rows, int ref, bool nested, const char *note)
{
	vndoc_buf b = VNDOC_BUF_INIT((size_t)1 << 20);
	const char *dir;
	fillers(&b, fill);
	vndoc_buf_puts(&b, "<w:tbl><w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"6000\"/></w:tblGrid>");
	for (int r = 0; r < rows; r++) {
		vndoc_buf_printf(&b, "<w:tr><w:tc><w:p><w:r><w:t>ô %d</w:t></w:r></w:p></w:tc><w:tc>", r);
		if (r == ref && nested)
			vndoc_buf_puts(&b, "<w:tbl><w:tblGrid><w:gridCol w:w=\"3000\"/></w:tblGrid><w:tr><w:tc><w:p>"
					   "<w:r><w:t>lồng</w:t></w:r>" NOTE_REF "</w:p></w:tc></w:tr></w:tbl><w:p/>");
		else if (r == ref)
			vndoc_buf_printf(&b, "<w:p><w:r><w:t>hàng %d</w:t></w:r>" NOTE_REF "</w:p>", r);
		else
			vndoc_buf_printf(&b, "<w:p><w:r><w:t>hàng %d</w:t></w:r></w:p>", r);
		vndoc_buf_puts(&b, "</w:tc></w:tr>");
	}
	vndoc_buf_puts(&b, "</w:tbl><w:p><w:r><w:t>sau bảng</w:t></w:r></w:p>");
	dir = write_doc_notes(b.ptr, note);
	vndoc_buf_dispose(&b);
	return dir;
}

START_TEST(layout__footnote_in_table_cell)
{
	/* Referenced in a cell, in a nested table too: the footnote goes to
	 * the foot of the cell's page, below the separator, as in the body. */
	for (int nested = 0; nested < 2; nested++) {
		const char *dir = write_table_note(0, 3, 1, nested, "Chú thích trong ô.");
		char *d = dump_path(dir);
		ck_assert_int_eq(count(d, "page "), 1);
		ck_assert_msg(strstr(d, nested ? "\"lồng1\"" : "\"hàng 11\"") != NULL, "%s", d);
		ck_assert_msg(strstr(d, "  rule x=85.0 y=770.6 w=116.9 h=0.5\n"
					"  footnote y=773.7 x=85.0 w=") != NULL, "%s", d);
		ck_assert_msg(strstr(d, "h=11.5 \"1 Chú thích trong ô.\"\n") != NULL, "%s", d);
		free(d);
		check_open_same(dir);
	}
}
END_TEST

START_TEST(layout__footnote_in_cell_without_room_moves_on)
{
	/* LibreOffice does not move a row for its footnotes: the rows after
	 * the one referring to it stop above the footnote area; a footnote
	 * with no room below its row for one line goes whole to the foot of
	 * the next page, and the rows after fill the page it left. */
	vndoc_buf note = VNDOC_BUF_INIT((size_t)1 << 20);
	const char *dir;
	char *d, *p1, *p2;
	for (int i = 0; i < 12; i++)
		vndoc_buf_puts(&note, "chú thích trong ô ");
	dir = write_table_note(50, 12, 3, false, note.ptr);
	d = dump_path(dir);
	p1 = page_of(d, 1);
	p2 = page_of(d, 2);
	ck_assert_msg(strstr(p1, "\"hàng 31\"") && strstr(p1, "footnote y=") && strstr(p1, "\"1 chú thích") &&
		      !strstr(p1, "\"hàng 11\"") && !strstr(p2, "footnote"), "%s", d);
	free(p1);
	free(p2);
	free(d);
	check_open_same(dir);
	/* No room below the row referring to it for even one line of it (in
	 * LibreOffice too): the next row still fits. */
	dir = write_table_note(58, 12, 3, false, note.ptr);
	d = dump_path(dir);
	p1 = page_of(d, 1);
	p2 = page_of(d, 2);
	ck_assert_msg(strstr(p1, "\"hàng 31\"") && strstr(p1, "\"hàng 4\"") && !strstr(p1, "footnote") && !strstr(p1, "rule") &&
		      strstr(p2, "rule x=85.0") && strstr(p2, "footnote y=") && strstr(p2, "\"1 chú thích"), "%s", d);
	free(p1);
	free(p2);
	free(d);
	check_open_same(dir);
	vndoc_buf_dispose(&note);
}
END_TEST

/* ------------------------------------------------------- split footnotes */

/* A footnote of ten 10 pt lines (140 numbered words) in `b`. */
static void long_note(vndoc_buf *b)
{
	for (int i = 0; i < 140; i++)
		vndoc_buf_printf(b, "chữ%03d ", i);
}

/* write_doc_notes with a second footnote, id 3, holding `note3`. */
static const char *write_doc_two_notes(const char *body, const char *note2, const char *note3)
{
	vndoc_buf b = VNDOC_BUF_INIT((size_t)1 << 24);
	const char *dir = write_doc_notes(body, note2);
	char path[4200];
	char *xml;
	const char *end;
	size_t len;
	vndoc_error e;

	snprintf(path, sizeof path, "%s/word/footnotes.xml", dir);
	ck_assert_int_eq(vndoc_fs_read_file(&xml, &len, path, (size_t)1 << 24, &e), 0);
	end = strstr(xml, "</w:footnotes>");
	ck_assert_ptr_nonnull(end);
	vndoc_buf_put(&b, xml, (size_t)(end - xml));
	vndoc_buf_printf(&b, "<w:footnote w:id=\"3\"><w:p><w:r><w:rPr><w:sz w:val=\"20\"/></w:rPr>"
			 "<w:footnoteRef/></w:r>"
			 "<w:r><w:rPr><w:sz w:val=\"20\"/></w:rPr><w:t xml:space=\"preserve\"> %s</w:t></w:r></w:p>"
			 "</w:footnote></w:footnotes>", note3);
	put_part(dir, "word/footnotes.xml", b.ptr);
	free(xml);
	vndoc_buf_dispose(&b);
	return dir;
}

START_TEST(layout__footnote_split_over_two_pages)
{
	/* As LibreOffice 7.4 does: the line stays on page 1 with the 7 lines
	 * of its footnote that fit; the other 3 go to the foot of page 2,
	 * below a separator like the first one (3.1 pt above them), before
	 * page 2's own footnote.  The body of page 1 ends with the line. */
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 20), note = VNDOC_BUF_INIT((size_t)1 << 20);
	const char *dir;
	char *d, *p1, *p2;
	fillers(&body, 54);
	vndoc_buf_puts(&body, "<w:p><w:r><w:t>Dòng có chú thích</w:t></w:r>" NOTE_REF "</w:p>");
	for (int i = 0; i < 5; i++)
		vndoc_buf_printf(&body, "<w:p><w:r><w:t>sau %d</w:t></w:r></w:p>", i + 1);
	vndoc_buf_puts(&body, "<w:p><w:r><w:t>Dòng hai</w:t></w:r><w:r><w:rPr><w:vertAlign w:val=\"superscript\"/>"
			      "</w:rPr><w:footnoteReference w:id=\"3\"/></w:r></w:p>");
	long_note(&note);
	dir = write_doc_two_notes(body.ptr, note.ptr, "Chú thích trang hai.");
	d = dump_path(dir);
	p1 = page_of(d, 1);
	p2 = page_of(d, 2);
	ck_assert_int_eq(count(d, "page "), 2);
	ck_assert_msg(strstr(p1, "  line y=677.6 x=85.0 w=76.5 h=11.5 \"Dòng có chú thích1\"\n"
				 "  rule x=85.0 y=701.6 w=116.9 h=0.5\n"
				 "  footnote y=704.7 x=85.0 w=455.9 h=11.5 \"1 chữ000 ") != NULL &&
		      count(p1, "  footnote ") == 7 &&
		      strstr(p1, "footnote y=773.7 x=85.0 w=450.5 h=11.5 \"chữ084 ") &&
		      !strstr(p1, "sau 1"), "%s", p1);
	ck_assert_msg(strstr(p2, "  line y=56.7 x=85.0 w=") && strstr(p2, "\"sau 1\"") &&
		      strstr(p2, "  rule x=85.0 y=736.1 w=116.9 h=0.5\n"
				 "  footnote y=739.2 x=85.0 w=450.5 h=11.5 \"chữ098 ") &&
		      strstr(p2, "footnote y=762.2 x=85.0 w=453.0 h=11.5 \"chữ126 ") &&
		      strstr(p2, "footnote y=773.7 x=85.0 w=84.8 h=11.5 \"2 Chú thích trang hai.\"\n") &&
		      count(p2, "  footnote ") == 4 && count(p2, "  rule ") == 1, "%s", p2);
	free(p1);
	free(p2);
	free(d);
	check_open_same(dir);
	vndoc_buf_dispose(&body);
	vndoc_buf_dispose(&note);
}
END_TEST

START_TEST(layout__footnote_split_keeps_two_lines)
{
	/* As in LibreOffice: orphan control holds on the reference's page,
	 * not on the next one: room for one line of the footnote moves the
	 * line; room for 9 of its 10 lines leaves one alone on page 2.  The
	 * body ends 6.2 pt above the footnotes: room for 2 lines, not 3. */
	static const struct { int fill, p1, p2; const char *last; } cases[] = {
		{ 60, 0, 10, "\"line 60\"" },
		{ 59, 2, 8, "\"Dòng có chú thích1\"" },
		{ 52, 9, 1, "\"Dòng có chú thích1\"" },
	};
	vndoc_buf note = VNDOC_BUF_INIT((size_t)1 << 20);
	long_note(&note);
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 20);
		const char *dir;
		char *d, *p1, *p2, *last;
		fillers(&body, cases[c].fill);
		vndoc_buf_puts(&body, "<w:p><w:r><w:t>Dòng có chú thích</w:t></w:r>" NOTE_REF "</w:p>");
		dir = write_doc_notes(body.ptr, note.ptr);
		d = dump_path(dir);
		p1 = page_of(d, 1);
		p2 = page_of(d, 2);
		last = strrchr(p1, '\n');
		ck_assert_ptr_nonnull(last);
		*last = '\0';
		last = strstr(p1, "\n  line ");
		for (char *q = last; q; q = strstr(q + 1, "\n  line "))
			last = q;
		ck_assert_msg(count(p1, "  footnote ") == cases[c].p1 && count(p2, "  footnote ") == cases[c].p2 &&
			      last && strstr(last, cases[c].last), "case %zu:\n%s", c, p1);
		free(p1);
		free(p2);
		free(d);
		if (c == 0)
			check_open_same(dir);
		vndoc_buf_dispose(&body);
	}
	vndoc_buf_dispose(&note);
}
END_TEST

START_TEST(layout__footnote_in_cell_split)
{
	/* The row stays (LibreOffice does not move it for its footnotes): the
	 * lines of the footnote that fit below it stay, as few as one, the
	 * rest goes to the foot of page 2; the rows after go to page 2. */
	vndoc_buf note = VNDOC_BUF_INIT((size_t)1 << 20);
	const char *dir;
	char *d, *p1, *p2;
	for (int i = 0; i < 12; i++)
		vndoc_buf_puts(&note, "chú thích trong ô ");
	dir = write_table_note(57, 12, 3, false, note.ptr);
	d = dump_path(dir);
	p1 = page_of(d, 1);
	p2 = page_of(d, 2);
	ck_assert_msg(strstr(p1, "  line y=746.6 x=185.0 w=29.8 h=11.5 \"hàng 31\"\n") && !strstr(p1, "\"hàng 4\"") &&
		      strstr(p1, "  rule x=85.0 y=770.6 w=116.9 h=0.5\n"
				 "  footnote y=773.7 x=85.0 w=465.6 h=11.5 \"1 chú thích trong ô ") &&
		      count(p1, "  footnote ") == 1, "%s", p1);
	ck_assert_msg(strstr(p2, "  line y=56.7 x=185.0 w=26.9 h=11.5 \"hàng 4\"\n") &&
		      strstr(p2, "  rule x=85.0 y=770.6 w=116.9 h=0.5\n"
				 "  footnote y=773.7 x=85.0 w=383.8 h=11.5 \"trong ô chú thích") &&
		      count(p2, "  footnote ") == 1, "%s", p2);
	free(p1);
	free(p2);
	free(d);
	check_open_same(dir);
	/* Ten lines, room for six below the row: six and four. */
	vndoc_buf_clear(&note);
	long_note(&note);
	dir = write_table_note(52, 12, 3, false, note.ptr);
	d = dump_path(dir);
	p1 = page_of(d, 1);
	p2 = page_of(d, 2);
	ck_assert_msg(count(p1, "  footnote ") == 6 && count(p2, "  footnote ") == 4 &&
		      strstr(p2, "  footnote y=739.2 x=85.0 w=450.5 h=11.5 \"chữ084 "), "%s", p2);
	free(p1);
	free(p2);
	free(d);
	check_open_same(dir);
	vndoc_buf_dispose(&note);
}
END_TEST

/* ---------------------------------------------------------------- columns of unequal widths */

#define COLS_WIDE_NARROW                                                                                 \
	"<w:cols w:num=\"2\" w:equalWidth=\"0\"><w:col w:w=\"6955\" w:space=\"400\"/><w:col w:w=\"2000\"/></w:cols>"
#define COLS_NARROW_WIDE                                                                                 \
	"<w:cols w:num=\"2\" w:equalWidth=\"0\"><w:col w:w=\"2000\" w:space=\"400\"/><w:col w:w=\"6955\"/></w:cols>"

/* One paragraph of `n` words "wNNN". */
static void words_para(vndoc_buf *b, int n)
{
	vndoc_buf_puts(b, "<w:p><w:r><w:t>");
	for (int i = 0; i < n; i++)
		vndoc_buf_printf(b, "%sw%03d", i ? " " : "", i);
	vndoc_buf_puts(b, "</w:t></w:r></w:p>");
}

/* A paragraph going from a wide column into a narrow one, then on to the
 * wide column of the next page: the lines in each column are broken at
 * that column's width (LibreOffice 7.4 does, measured). */
START_TEST(layout__unequal_columns_break_lines_again)
{
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 20);
	const char *dir;
	char *d;
	fillers(&body, 61);
	words_para(&body, 300);
	vndoc_buf_puts(&body, COLS_SECT(COLS_WIDE_NARROW, ""));
	dir = write_doc(body.ptr);
	d = dump_path(dir);
	ck_assert_ptr_nonnull(strstr(d, "  line y=769.6 x=85.0 w=343.6 h=11.5 \"w014 w015 w016 w017 w018 w019 w020 "
					"w021 w022 w023 w024 w025 w026 w027 \"\n"
					"  line y=56.7 x=452.8 w=96.4 h=11.5 \"w028 w029 w030 w031 \"\n"));
	ck_assert_ptr_nonnull(strstr(d, "  line y=769.6 x=452.8 w=96.4 h=11.5 \"w276 w277 w278 w279 \"\n"));
	ck_assert_ptr_nonnull(strstr(d, "page 2 595.3x841.9\n"
					"  line y=56.7 x=85.0 w=343.6 h=11.5 \"w280 w281 w282 w283 w284 w285 w286 "
					"w287 w288 w289 w290 w291 w292 w293 \"\n"
					"  line y=68.2 x=85.0 w=145.8 h=11.5 \"w294 w295 w296 w297 w298 w299\"\n"));
	free(d);
	check_open_same(dir);
	vndoc_buf_dispose(&body);
}
END_TEST

/* Balanced columns of unequal widths: each trial breaks the lines again
 * at the width of the column they land in. */
START_TEST(layout__unequal_columns_balanced)
{
	vndoc_buf body = VNDOC_BUF_INIT((size_t)1 << 20);
	const char *dir;
	char *d;
	vndoc_buf_puts(&body, "<w:p><w:r><w:t>Title</w:t></w:r></w:p>"
			      "<w:p><w:pPr>" COLS_SECT("", "") "</w:pPr></w:p>");
	words_para(&body, 80);
	vndoc_buf_puts(&body, "<w:p><w:pPr>" COLS_SECT(COLS_NARROW_WIDE, "<w:type w:val=\"continuous\"/>")
			      "</w:pPr></w:p><w:p><w:r><w:t>After</w:t></w:r></w:p>"
			      COLS_SECT("", "<w:type w:val=\"continuous\"/>"));
	dir = write_doc(body.ptr);
	d = dump_path(dir);
	ck_assert_ptr_nonnull(strstr(d, "  line y=114.2 x=85.0 w=96.4 h=11.5 \"w016 w017 w018 w019 \"\n"
					"  line y=68.2 x=205.1 w=343.6 h=11.5 \"w020 w021 w022 w023 w024 w025 w026 "
					"w027 w028 w029 w030 w031 w032 w033 \"\n"));
	ck_assert_ptr_nonnull(strstr(d, "  line y=114.2 x=205.1 w=96.4 h=11.5 \"w076 w077 w078 w079\"\n"
					"  line y=125.7 x=85.0 w=21.1 h=11.5 \"After\"\n"));
	ck_assert_int_eq(count(d, "page "), 1);
	free(d);
	check_open_same(dir);
	vndoc_buf_dispose(&body);
}
END_TEST

/* ---------------------------------------------------------------- w:position, split rows' last part */

#define POS_STYLES                                                                                    \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<w:styles " W_NS ">"                                 \
	"<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val=\"24\"/></w:rPr></w:rPrDefault></w:docDefaults>"  \
	"<w:style w:type=\"character\" w:styleId=\"Up\"><w:rPr><w:position w:val=\"8\"/></w:rPr></w:style>" \
	"<w:style w:type=\"character\" w:styleId=\"Up2\"><w:basedOn w:val=\"Up\"/>"                         \
	"<w:rPr><w:color w:val=\"FF0000\"/></w:rPr></w:style></w:styles>"

/* Direct w:position raises or lowers a run at its own size by
 * round(position / size) percent of the font's height (LibreOffice 7.4,
 * measured: +3.45 pt and -3.45 pt for 3 pt at 12 pt), and the line grows
 * by it above and below (20.7 pt = 13.8 + 2 * 3.45).  In a style it is a
 * superscript (LibreOffice), through basedOn too. */
START_TEST(layout__run_position_raises_and_lowers)
{
	vndoc_package *pkg = NULL;
	vndoc_docx *doc = NULL;
	vndoc_error e;
	const vndoc_docx_para *p;
	const char *dir;
	char *d;

	dir = write_doc("<w:p><w:r><w:t xml:space=\"preserve\">Base </w:t></w:r>"
			"<w:r><w:rPr><w:position w:val=\"6\"/></w:rPr><w:t xml:space=\"preserve\">Hup </w:t></w:r>"
			"<w:r><w:rPr><w:position w:val=\"-6\"/></w:rPr><w:t>Ldn</w:t></w:r></w:p>"
			"<w:p><w:r><w:t>Plain</w:t></w:r></w:p>"
			"<w:p><w:r><w:rPr><w:rStyle w:val=\"Up2\"/></w:rPr><w:t>Sty</w:t></w:r></w:p>"
			"<w:p><w:r><w:rPr><w:vertAlign w:val=\"superscript\"/><w:position w:val=\"0\"/></w:rPr>"
			"<w:t>Zero</w:t></w:r></w:p>" A4);
	put_part(dir, "word/styles.xml", POS_STYLES);
	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_package_open(&pkg, dir, &e), 0);
	ck_assert_int_eq(vndoc_docx_load(&doc, pkg, &e), 0);
	p = &doc->body.blocks[0].u.para;
	ck_assert_int_eq(p->inlines[0].rpr.position, 0);
	ck_assert_int_eq(p->inlines[1].rpr.position, 6);
	ck_assert_int_eq(p->inlines[2].rpr.position, -6);
	p = &doc->body.blocks[2].u.para;
	ck_assert_int_eq(p->inlines[0].rpr.position, 0);
	ck_assert_int_eq(p->inlines[0].rpr.vert_align, VNDOC_DOCX_VALIGN_SUPERSCRIPT);
	ck_assert_uint_eq(p->inlines[0].rpr.color, 0xff0000);
	p = &doc->body.blocks[3].u.para;
	ck_assert_int_eq(p->inlines[0].rpr.position, 0);
	ck_assert_int_eq(p->inlines[0].rpr.vert_align, VNDOC_DOCX_VALIGN_SUPERSCRIPT);
	vndoc_docx_free(doc);
	vndoc_package_free(pkg);

	d = dump_path(dir);
	ck_assert_ptr_nonnull(strstr(d, "h=20.7 \"Base Hup Ldn\"\n"));
	ck_assert_double_eq_tol(text_line_y(d, "Plain") - text_line_y(d, "Base Hup Ldn"), 20.7, 0.05);
	free(d);
	check_open_same(dir);
}
END_TEST

/* Row 0 of a 4000 + 4000 twip table with 0.5 pt borders: cell A holds
 * A0..A69, cell B B0..B59 aligned `valign`; it is split over two pages. */
static const char *split_valign_doc(const char *valign)
{
	vndoc_buf b = VNDOC_BUF_INIT((size_t)1 << 20);
	const char *dir;
	vndoc_buf_puts(&b, "<w:p><w:r><w:t>Intro</w:t></w:r></w:p><w:tbl><w:tblPr><w:tblBorders>");
	for (int i = 0; i < 6; i++)
		vndoc_buf_printf(&b, "<w:%s w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>",
				 (const char *[]){ "top", "left", "bottom", "right", "insideH", "insideV" }[i]);
	vndoc_buf_puts(&b, "</w:tblBorders></w:tblPr><w:tblGrid><w:gridCol w:w=\"4000\"/><w:gridCol w:w=\"4000\"/>"
			   "</w:tblGrid><w:tr><w:tc>");
	for (int i = 0; i < 70; i++)
		vndoc_buf_printf(&b, "<w:p><w:r><w:t>A%d</w:t></w:r></w:p>", i);
	vndoc_buf_printf(&b, "</w:tc><w:tc><w:tcPr><w:vAlign w:val=\"%s\"/></w:tcPr>", valign);
	for (int i = 0; i < 60; i++)
		vndoc_buf_printf(&b, "<w:p><w:r><w:t>B%d</w:t></w:r></w:p>", i);
	vndoc_buf_puts(&b, "</w:tc></w:tr></w:tbl><w:p><w:r><w:t>After</w:t></w:r></w:p>" A4);
	dir = write_doc(b.ptr);
	put_part(dir, "word/styles.xml", POS_STYLES);
	vndoc_buf_dispose(&b);
	return dir;
}

/* LibreOffice 7.4 (measured): the last part of a split row aligns the
 * rest of a centred or bottom-aligned cell in the part (B51 level with
 * A56, B59 with A69), and a part on a following page keeps the top
 * border's 0.5 pt above its text as the first part does. */
START_TEST(layout__split_row_last_part_aligns_cells)
{
	const char *dir;
	char *d, *p1, *p2;

	dir = split_valign_doc("center");
	d = dump_path(dir);
	ck_assert_int_eq(count(d, "page "), 2);
	p1 = page_of(d, 1);
	p2 = page_of(d, 2);
	ck_assert_double_eq_tol(text_line_y(p1, "A0") - text_line_y(p1, "Intro"), 14.3, 0.05);
	ck_assert_double_eq_tol(text_line_y(p2, "A51"), 56.7 + 0.5, 0.05);
	ck_assert_double_eq_tol(text_line_y(p2, "B51"), text_line_y(p2, "A56"), 0.01);
	free(p1);
	free(p2);
	free(d);
	check_open_same(dir);

	dir = split_valign_doc("bottom");
	d = dump_path(dir);
	p2 = page_of(d, 2);
	ck_assert_double_eq_tol(text_line_y(p2, "B59"), text_line_y(p2, "A69"), 0.01);
	ck_assert_double_eq_tol(text_line_y(p2, "B51"), text_line_y(p2, "A61"), 0.01);
	free(p2);
	free(d);
	check_open_same(dir);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("layout_flow");
	TCase *tc = tcase_create("layout");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, layout__columns_flow_and_separator);
	tcase_add_test(tc, layout__continuous_columns_are_balanced);
	tcase_add_test(tc, layout__footnote_pushes_its_line_to_next_page);
	tcase_add_test(tc, layout__footnotes_numbered_on_each_page);
	tcase_add_test(tc, layout__footnote_custom_mark);
	tcase_add_test(tc, layout__footnotes_outside_the_body_are_named);
	tcase_add_test(tc, layout__footnote_in_table_cell);
	tcase_add_test(tc, layout__footnote_in_cell_without_room_moves_on);
	tcase_add_test(tc, layout__footnote_split_over_two_pages);
	tcase_add_test(tc, layout__footnote_split_keeps_two_lines);
	tcase_add_test(tc, layout__footnote_in_cell_split);
	tcase_add_test(tc, layout__unequal_columns_break_lines_again);
	tcase_add_test(tc, layout__unequal_columns_balanced);
	tcase_add_test(tc, layout__run_position_raises_and_lowers);
	tcase_add_test(tc, layout__split_row_last_part_aligns_cells);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
