/*
 * collect/read.c: a returned form's body as a plain view of paragraphs and
 * tables of text (collect_internal.h), through the document model of
 * src/docx: tracked deletions are left out and insertions kept (the text
 * as accepted), spell-check marks, bookmarks and revision ids split runs
 * but not text, merged cells keep their grid columns.  A run in a TCVN3 or
 * VNI font (".VnTime", ".VnTimeH", "VNI-Times"...) is converted by its
 * font name, which says which encoding it is.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "collect/collect_internal.h"
#include "core/alloc.h"
#include "core/fsutil.h"
#include "core/limits.h"
#include "docx/docx.h"
#include "package/package.h"
#include "vn/vn.h"

/* What the first bytes say a file is, when it is not a zip. */
static const char *foreign_kind(const unsigned char *b, size_t n)
{
	if (n >= 8 && !memcmp(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
		return "a Word 97-2003 document (.doc), not .docx: open it in Word and save it as "
		       "\"Word Document (*.docx)\"";
	if (n >= 5 && !memcmp(b, "%PDF-", 5))
		return "a PDF, not a Word document: ask the unit for the .docx it printed";
	if ((n >= 3 && !memcmp(b, "\xFF\xD8\xFF", 3)) || (n >= 8 && !memcmp(b, "\x89PNG\r\n\x1a\n", 8)) ||
	    (n >= 4 && (!memcmp(b, "II*\0", 4) || !memcmp(b, "MM\0*", 4))))
		return "a picture (a scan?), not a Word document: ask the unit for the .docx";
	if (n >= 5 && !memcmp(b, "{\\rtf", 5))
		return "an RTF document, not .docx: open it in Word and save it as \"Word Document (*.docx)\"";
	return NULL;
}

static int sniff(const char *path, vndoc_error *err)
{
	unsigned char b[8];
	size_t n;
	const char *kind;
	FILE *f = fopen(path, "rb");

	if (!f) {
		vndoc_error_set_file(err, path);
		return vndoc_error_set_sys(err, VNDOC_EIO, errno, "cannot read");
	}
	n = fread(b, 1, sizeof b, f);
	fclose(f);
	vndoc_error_set_file(err, path);
	if ((kind = foreign_kind(b, n)))
		return vndoc_error_set(err, VNDOC_EFORMAT, "%s", kind);
	if (n < 4 || memcmp(b, "PK\3\4", 4))
		return vndoc_error_set(err, VNDOC_EFORMAT, "not a Word document (.docx)%s", n ? "" : ": the file is empty");
	return 0;
}

/* A Unicode letter only Vietnamese in Unicode has: the run is already
 * Unicode, whatever its font says. */
static bool unicode_vietnamese(const char *s, size_t len)
{
	for (const char *p = s; p < s + len; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char_validated(p, (gssize)(s + len - p));
		if (c == (gunichar)-1 || c == (gunichar)-2)
			return false;
		if ((c >= 0x1EA0 && c <= 0x1EF9) || c == 0x103 || c == 0x102 || c == 0x111 || c == 0x110 ||
		    c == 0x1A1 || c == 0x1A0 || c == 0x1B0 || c == 0x1AF || (c >= 0x300 && c <= 0x323))
			return true;
	}
	return false;
}

typedef struct text_sink {
	vndoc_buf buf;
	char legacy[64];   /* the first legacy font converted */
	bool numbered;
} text_sink;

static void put_run(text_sink *t, const vndoc_docx_inline *in)
{
	bool upper;
	vndoc_legacy enc = vndoc_vn_legacy_from_font(in->rpr.font, &upper);
	size_t len = strlen(in->text);

	if (enc == VNDOC_LEGACY_OFF || unicode_vietnamese(in->text, len)) {
		vndoc_buf_put(&t->buf, in->text, len);
		return;
	}
	if (vndoc_vn_legacy_to_unicode(&t->buf, in->text, len, enc, upper) != VNDOC_LEGACY_OFF && !t->legacy[0])
		snprintf(t->legacy, sizeof t->legacy, "%s", in->rpr.font);
}

static void put_story(text_sink *t, const vndoc_docx_story *st, int depth);

static void put_para(text_sink *t, const vndoc_docx_para *p)
{
	if (p->ppr.num_id)
		t->numbered = true;
	for (size_t i = 0; i < p->n_inlines; i++) {
		const vndoc_docx_inline *in = &p->inlines[i];
		if (in->rpr.vanish || in->rpr.deleted) /* the text as it stands: changes accepted */
			continue;
		if (in->kind == VNDOC_DOCX_INLINE_TEXT && in->text)
			put_run(t, in);
		else if (in->kind == VNDOC_DOCX_INLINE_TAB)
			vndoc_buf_putc(&t->buf, ' ');
		else if (in->kind == VNDOC_DOCX_INLINE_LINE_BREAK || in->kind == VNDOC_DOCX_INLINE_PAGE_BREAK ||
			 in->kind == VNDOC_DOCX_INLINE_COLUMN_BREAK)
			vndoc_buf_putc(&t->buf, '\n');
	}
}

/* A nested table inside a cell: its cells' text, one per line. */
static void put_table_text(text_sink *t, const vndoc_docx_table *tb, int depth)
{
	for (size_t r = 0; r < tb->n_rows; r++)
		for (size_t c = 0; c < tb->rows[r].n_cells; c++) {
			if (t->buf.len)
				vndoc_buf_putc(&t->buf, '\n');
			put_story(t, &tb->rows[r].cells[c].content, depth + 1);
		}
}

static void put_story(text_sink *t, const vndoc_docx_story *st, int depth)
{
	for (size_t b = 0; b < st->n_blocks; b++) {
		const vndoc_docx_block *blk = &st->blocks[b];
		if (b && t->buf.len)
			vndoc_buf_putc(&t->buf, '\n');
		if (blk->kind == VNDOC_DOCX_BLOCK_PARA)
			put_para(t, &blk->u.para);
		else if (depth < 8)
			put_table_text(t, &blk->u.table, depth);
	}
}

/* The text taken out of a sink, NFC. */
static char *sink_text(text_sink *t)
{
	vndoc_buf out = VNDOC_BUF_INIT(VNDOC_LIMIT_VALUE_BYTES * 4);
	vndoc_vn_append_nfc(&out, t->buf.ptr ? t->buf.ptr : "", t->buf.len);
	vndoc_buf_clear(&t->buf);
	return vndoc_buf_detach(&out, NULL);
}

/* `tb` as cells of text; *repeat is what cells merged down may still copy
 * from the cells above them (*over set once it would run out: nothing
 * more is copied). */
static vndoc_collect__table *read_table(const vndoc_docx_table *tb, size_t *repeat, bool *over)
{
	vndoc_collect__table *out = vndoc_xcalloc(1, sizeof *out);
	text_sink t;

	memset(&t, 0, sizeof t);
	vndoc_buf_init(&t.buf, VNDOC_LIMIT_VALUE_BYTES * 4);
	out->rows = vndoc_xcalloc(tb->n_rows ? tb->n_rows : 1, sizeof *out->rows);
	out->n_rows = tb->n_rows;
	for (size_t r = 0; r < tb->n_rows; r++) {
		const vndoc_docx_row *row = &tb->rows[r];
		vndoc_collect__row *o = &out->rows[r];
		o->cells = vndoc_xcalloc(row->n_cells ? row->n_cells : 1, sizeof *o->cells);
		o->n_cells = row->n_cells;
		for (size_t c = 0; c < row->n_cells; c++) {
			const vndoc_docx_cell *cell = &row->cells[c];
			vndoc_collect__cell *oc = &o->cells[c];
			t.legacy[0] = '\0';
			t.numbered = false;
			put_story(&t, &cell->content, 0);
			oc->text = sink_text(&t);
			oc->col = cell->grid_col;
			oc->span = cell->grid_span > 0 ? cell->grid_span : 1;
			oc->merged = cell->vmerge == VNDOC_DOCX_VMERGE_CONTINUE;
			oc->numbered = t.numbered;
			memcpy(oc->legacy, t.legacy, sizeof oc->legacy);
		}
	}
	vndoc_buf_dispose(&t.buf);
	/* A cell merged with the one above (vMerge) holds that one's text. */
	for (size_t r = 1; r < out->n_rows; r++)
		for (size_t c = 0; c < out->rows[r].n_cells; c++) {
			vndoc_collect__cell *oc = &out->rows[r].cells[c];
			const vndoc_collect__row *above = &out->rows[r - 1];
			if (!oc->merged)
				continue;
			for (size_t a = 0; a < above->n_cells && !*over; a++)
				if (above->cells[a].col == oc->col) {
					size_t n = strlen(above->cells[a].text);
					if (n > *repeat) {
						*over = true;
						break;
					}
					*repeat -= n;
					free(oc->text);
					oc->text = vndoc_xstrdup(above->cells[a].text);
					memcpy(oc->legacy, above->cells[a].legacy, sizeof oc->legacy);
					break;
				}
		}
	return out;
}

static void push_item(vndoc_collect__form *form, const vndoc_collect__item *it)
{
	form->items = vndoc_xreallocarray(form->items, form->n_items + 1, sizeof *form->items);
	form->items[form->n_items++] = *it;
}

/* The body's paragraphs and tables; false when cells merged down would
 * repeat more than VNDOC_LIMIT_COLLECT_REPEAT_BYTES of text. */
static bool read_body(vndoc_collect__form *form, const vndoc_docx *doc)
{
	size_t repeat = VNDOC_LIMIT_COLLECT_REPEAT_BYTES;
	bool over = false;
	text_sink t;

	memset(&t, 0, sizeof t);
	vndoc_buf_init(&t.buf, VNDOC_LIMIT_VALUE_BYTES * 4);
	for (size_t b = 0; b < doc->body.n_blocks; b++) {
		const vndoc_docx_block *blk = &doc->body.blocks[b];
		vndoc_collect__item it;
		memset(&it, 0, sizeof it);
		if (blk->kind == VNDOC_DOCX_BLOCK_PARA) {
			t.legacy[0] = '\0';
			put_para(&t, &blk->u.para);
			it.text = sink_text(&t);
			memcpy(it.legacy, t.legacy, sizeof it.legacy);
		} else {
			it.table = read_table(&blk->u.table, &repeat, &over);
		}
		push_item(form, &it);
	}
	vndoc_buf_dispose(&t.buf);
	return !over;
}

int vndoc_collect__read_package(vndoc_collect__form *form, const vndoc_package *pkg, vndoc_error *err)
{
	vndoc_docx *doc = NULL;
	int rc;

	if (vndoc_package_find(pkg, "word/document.xml") < 0) {
		vndoc_error_clear(err);
		vndoc_error_set_file(err, form->path);
		return vndoc_error_set(err, VNDOC_EFORMAT, "a zip without word/document.xml: not a Word document (.docx)");
	}
	if ((rc = vndoc_docx_load(&doc, pkg, err)) < 0) {
		vndoc_error_set_file(err, form->path);
		return rc;
	}
	rc = read_body(form, doc) ? 0 : VNDOC_ELIMIT;
	vndoc_docx_free(doc);
	if (rc < 0) {
		/* A cell merged down over thousands of rows would repeat its text
		 * in each (issue 18: 62 KB gave 500 MB). */
		vndoc_error_clear(err);
		vndoc_error_set_file(err, form->path);
		vndoc_error_set(err, VNDOC_ELIMIT, "cells merged down (vMerge) repeat more than %u bytes of text in "
				"their rows", VNDOC_LIMIT_COLLECT_REPEAT_BYTES);
	}
	return rc;
}

int vndoc_collect__read(vndoc_collect__form *form, const char *path, vndoc_error *err)
{
	vndoc_package *pkg = NULL;
	int rc;

	if ((rc = sniff(path, err)) < 0)
		return rc;
	if ((rc = vndoc_package_open(&pkg, path, err)) < 0) {
		vndoc_error_set_file(err, path);
		return rc;
	}
	rc = vndoc_collect__read_package(form, pkg, err);
	vndoc_package_free(pkg);
	return rc;
}

static void table_free(vndoc_collect__table *t)
{
	if (!t)
		return;
	for (size_t r = 0; r < t->n_rows; r++) {
		for (size_t c = 0; c < t->rows[r].n_cells; c++)
			free(t->rows[r].cells[c].text);
		free(t->rows[r].cells);
	}
	free(t->rows);
	free(t);
}

void vndoc_collect__form_dispose(vndoc_collect__form *form)
{
	for (size_t i = 0; i < form->n_items; i++) {
		free(form->items[i].text);
		table_free(form->items[i].table);
	}
	free(form->items);
	form->items = NULL;
	form->n_items = 0;
}
