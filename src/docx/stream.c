/*
 * docx/stream.c: documents read while they are laid out (vndoc_docx_open):
 * body blocks and table rows pulled through a small window.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>

#include "core/alloc.h"
#include "core/limits.h"
#include "docx/body.h"
#include "docx/docx_internal.h"
#include "package/package.h"
#include "xml/xml.h"

/*
 * vndoc_docx_open reads the body once through (the first pass) with the
 * code that loads it, keeping only what layout needs up front: the number
 * of blocks, the sections (and their headers and footers), each table's
 * number of rows, header rows and widest row, whether there are fields.
 * Blocks are then read again as they are asked for into a window: block
 * `base` to `base + n_held`, each with the rows of its table read so far
 * and not released.  Going back (a layout pass begins again) reads the body
 * again from its start.  Numbering counters are the only state the reading
 * changes: they are set back to where the body begins, and to where the
 * first pass left them after each section's headers and footers.
 */

/* What the first pass learnt about each table of the body, in order:
 * kept as three variable-length numbers (about 3 bytes a table). */
typedef struct table_info {
	size_t n_rows, n_header, max_cells;
} table_info;

static void put_varint(vndoc_docx__stream *st, size_t v);
static size_t get_varint(vndoc_docx__stream *st);

/* A body block held, with its rows when it is a streamed table. */
typedef struct held_block {
	vndoc_docx_block blk;
	size_t index;
	vndoc_docx_row **head;   /* header rows [0, n_head) */
	size_t n_head;
	vndoc_docx_row **rows;   /* rows [row_base, row_base + n_rows) */
	size_t row_base, n_rows, cap_rows;
	bool streamed;           /* rows come from the cursor */
} held_block;

/* The numbering counters a section's headers and footers set (as many as
 * they number, not a copy of every list: 3,300 sections over 10,000 lists
 * took 3 GB, issue 18). */
typedef struct nums_delta {
	size_t n, *idx;
	vndoc_docx__num *val;
} nums_delta;

struct vndoc_docx__stream {
	vndoc_docx__loader ld;
	vndoc_docx__num *nums0;      /* the numbering where the body begins */
	nums_delta *sect_nums;       /* ... set by each section's headers and footers */
	size_t n_sect_nums;
	size_t sect_seen;            /* replaying: sections met */
	unsigned char *tables;       /* table_info as varints */
	size_t n_tables, tables_len, tables_cap, tables_pos;
	bool fields, numpages;

	/* Reading. */
	vndoc_part_reader *part;
	body_cursor cur;
	bool open;                   /* the cursor may go on */
	size_t next_block;           /* the index of the block the cursor gives next */
	size_t next_table;           /* ... of its next table */
	vndoc_docx_story queue;      /* blocks of one element not given yet */
	size_t queue_pos, queue_cap;
	held_block *table;           /* the table whose rows the cursor gives, or NULL */
	held_block *orphan;          /* ... when let go before its end */
	bool in_table;               /* the cursor is in a table (held or not) */
	vndoc_docx__tbl_build tb;
	size_t next_row;
	table_info tinfo;

	/* The window. */
	held_block **blocks;         /* [base, base + n_held) */
	size_t base, n_held, cap_held;
	size_t rows_held, rows_peak, blocks_peak, reads;
	char encoding[40];         /* the body's, once xml/prolog.c checked it */
};

static size_t nums_size(const vndoc_docx__loader *ld)
{
	return (ld->n_nums ? ld->n_nums : 1) * sizeof *ld->nums;
}

static vndoc_docx__num *nums_copy(const vndoc_docx__loader *ld)
{
	vndoc_docx__num *n = vndoc_xmalloc(nums_size(ld));
	if (ld->n_nums)
		memcpy(n, ld->nums, ld->n_nums * sizeof *ld->nums);
	return n;
}

int vndoc_docx__body_section(vndoc_docx__loader *ld, const xmlNode *sectpr, size_t end_block)
{
	vndoc_docx__stream *st = ld->stream;
	int index = (int)ld->doc->n_sections, error;

	if (st && ld->replay) {
		size_t k = st->sect_seen++;
		for (size_t i = 0; k < st->n_sect_nums && i < st->sect_nums[k].n; i++)
			ld->nums[st->sect_nums[k].idx[i]] = st->sect_nums[k].val[i];
		return (int)k;
	}
	ld->nums_logging = st != NULL;
	ld->n_nums_log = 0;
	error = vndoc_docx__parse_sectpr(ld, sectpr, end_block);
	ld->nums_logging = false;
	if (error < 0)
		return error;
	if (st) {
		nums_delta *d;
		st->sect_nums = vndoc_xreallocarray(st->sect_nums, st->n_sect_nums + 1, sizeof *st->sect_nums);
		d = &st->sect_nums[st->n_sect_nums++];
		d->n = ld->n_nums_log;
		d->idx = vndoc_xcalloc(d->n + 1, sizeof *d->idx);
		d->val = vndoc_xcalloc(d->n + 1, sizeof *d->val);
		for (size_t i = 0; i < d->n; i++) {
			d->idx[i] = ld->nums_log[i];
			d->val[i] = ld->nums[ld->nums_log[i]];
		}
	}
	return index;
}

void vndoc_docx__nums_log(vndoc_docx__loader *ld, size_t num)
{
	if (ld->n_nums_log == ld->cap_nums_log) {
		ld->cap_nums_log = ld->cap_nums_log ? ld->cap_nums_log * 2 : 16;
		ld->nums_log = vndoc_xreallocarray(ld->nums_log, ld->cap_nums_log, sizeof *ld->nums_log);
	}
	ld->nums_log[ld->n_nums_log++] = num;
}

static int part_read(void *ctx, char *buf, int len)
{
	vndoc_docx__stream *st = ctx;
	ssize_t n;
	if (len <= 0)
		return 0;
	n = vndoc_part_reader_read(st->part, buf, (size_t)len, st->ld.err);
	if (n < 0) {
		st->cur.br.failed = true; /* the error is set: keep it */
		return -1;
	}
	return (int)n;
}

static int part_close(void *ctx)
{
	(void)ctx;
	return 0;
}

static void held_free(vndoc_docx__stream *st, held_block *h)
{
	if (!h)
		return;
	if (st->table == h)
		st->table = NULL;
	for (size_t i = 0; i < h->n_head; i++) {
		vndoc_docx__row_dispose(h->head[i]);
		free(h->head[i]);
	}
	for (size_t i = 0; i < h->n_rows; i++) {
		vndoc_docx__row_dispose(h->rows[i]);
		free(h->rows[i]);
	}
	st->rows_held -= h->n_head + h->n_rows;
	free(h->head);
	free(h->rows);
	h->head = h->rows = NULL;
	h->n_head = h->n_rows = 0;
	/* The table the cursor is in: its rows still to come are read (and
	 * let go) against it. */
	if (st->in_table && st->tb.out == &h->blk.u.table && h->blk.kind == VNDOC_DOCX_BLOCK_TABLE) {
		st->orphan = h;
		return;
	}
	if (h->blk.kind == VNDOC_DOCX_BLOCK_PARA)
		vndoc_docx__para_dispose(&h->blk.u.para);
	else
		vndoc_docx__table_dispose(&h->blk.u.table);
	free(h);
}

static void orphan_free(vndoc_docx__stream *st)
{
	held_block *h = st->orphan;
	if (!h)
		return;
	st->orphan = NULL;
	vndoc_docx__table_dispose(&h->blk.u.table);
	free(h);
}

static void queue_clear(vndoc_docx__stream *st)
{
	/* Blocks given already were moved out (zeroed). */
	vndoc_docx__story_dispose(&st->queue);
	st->queue_pos = st->queue_cap = 0;
}

/* Closes the cursor and lets go of every block held. */
static void stream_reset(vndoc_docx__stream *st)
{
	if (st->in_table)
		vndoc_docx__table_end(&st->tb, false);
	st->in_table = false;
	st->table = NULL;
	orphan_free(st);
	vndoc_docx__cursor_dispose(&st->cur);
	vndoc_part_reader_close(st->part);
	st->part = NULL;
	queue_clear(st);
	for (size_t i = 0; i < st->n_held; i++)
		held_free(st, st->blocks[i]);
	st->n_held = 0;
	st->open = false;
}

/* Opens the part from its start: the numbering as the body begins. */
static int stream_start(vndoc_docx__stream *st)
{
	vndoc_docx__loader *ld = &st->ld;
	const char *part = "word/document.xml";
	vndoc_xml_prolog prolog;
	char head[4096];
	ssize_t n;
	int error;

	stream_reset(st);
	if (ld->n_nums)
		memcpy(ld->nums, st->nums0, ld->n_nums * sizeof *ld->nums);
	st->sect_seen = 0;
	ld->note_count = 0; /* footnotes are numbered from the body's start */
	st->next_block = st->next_table = 0;
	st->tables_pos = 0;
	st->base = 0;
	st->reads++;
	if ((error = vndoc_package_part_open(&st->part, ld->pkg, part, ld->err)) < 0)
		return error;
	/* The check every part passes, as on the loaded path (xml/prolog.c:
	 * the part decoded, no DOCTYPE, attributes bounded), on the first
	 * read; later passes read the same bytes. */
	if (!st->encoding[0]) {
		if ((n = vndoc_part_reader_read(st->part, head, sizeof head, ld->err)) < 0)
			return (int)n;
		if ((error = vndoc_xml_prolog_begin(&prolog, head, (size_t)n, part, ld->err)) < 0)
			return error;
		while ((error = vndoc_xml_prolog_feed(&prolog, head, (size_t)n, ld->err)) == 1 &&
		       (n = vndoc_part_reader_read(st->part, head, sizeof head, ld->err)) > 0)
			;
		vndoc_xml_prolog_dispose(&prolog);
		if (error < 0)
			return error;
		if (n < 0)
			return (int)n;
		memcpy(st->encoding, prolog.encoding, sizeof st->encoding);
		vndoc_part_reader_close(st->part);
		st->part = NULL;
		if ((error = vndoc_package_part_open(&st->part, ld->pkg, part, ld->err)) < 0)
			return error;
	}
	memset(&st->cur, 0, sizeof st->cur);
	st->cur.br.ld = ld;
	st->cur.br.r = xmlReaderForIO(part_read, part_close, st, NULL, st->encoding,
				      vndoc_docx__reader_options | XML_PARSE_IGNORE_ENC);
	if (!st->cur.br.r)
		return vndoc_error_set(ld->err, VNDOC_EFORMAT, "malformed XML");
	xmlTextReaderSetStructuredErrorHandler(st->cur.br.r, vndoc_docx__reader_error, &st->cur.br);
	st->open = true;
	return 0;
}

static void count_rows(vndoc_docx__stream *st, long delta)
{
	st->rows_held += (size_t)delta;
	if (st->rows_held > st->rows_peak)
		st->rows_peak = st->rows_held;
}

/* The next row of the table the cursor is in: kept in `st->table` when it
 * is held, else read and let go (the numbering must advance).  *done when
 * the table ended instead. */
static int stream_row(vndoc_docx__stream *st, bool *done)
{
	vndoc_docx__loader *ld = &st->ld;
	held_block *h = st->table;
	vndoc_docx_row row;
	xmlNode *n;
	int ev, error;

	*done = false;
	if ((ev = vndoc_docx__cursor_next(&st->cur, &n)) < 0)
		return ev;
	if (ev == EV_TABLE_END) {
		if (st->next_row != st->tinfo.n_rows)
			return vndoc_error_set(ld->err, VNDOC_EFORMAT, "the body changed while read");
		vndoc_docx__table_end(&st->tb, false);
		st->in_table = false;
		st->table = NULL;
		orphan_free(st);
		*done = true;
		return 0;
	}
	if (ev != EV_ROW || st->next_row >= st->tinfo.n_rows)
		return vndoc_error_set(ld->err, VNDOC_EFORMAT, "the body changed while read");
	if ((error = vndoc_docx__table_row_alone(ld, &st->tb, n, &row, st->next_row, st->tinfo.n_rows)) < 0)
		return error;
	if (!h) {
		vndoc_docx__row_dispose(&row);
	} else {
		vndoc_docx_row *copy = vndoc_xmalloc(sizeof *copy);
		*copy = row;
		if (st->next_row < h->blk.u.table.n_header) {
			h->head = vndoc_xreallocarray(h->head, h->n_head + 1, sizeof *h->head);
			h->head[h->n_head++] = copy;
		} else {
			if (h->n_rows == h->cap_rows) {
				h->cap_rows = h->cap_rows ? h->cap_rows * 2 : 8;
				h->rows = vndoc_xreallocarray(h->rows, h->cap_rows, sizeof *h->rows);
			}
			if (!h->n_rows)
				h->row_base = st->next_row;
			h->rows[h->n_rows++] = copy;
		}
		count_rows(st, 1);
	}
	st->next_row++;
	return 0;
}

/* The next block of the body, held at the end of the window (or let go
 * when `keep` is false). */
static int stream_block(vndoc_docx__stream *st, bool keep)
{
	vndoc_docx__loader *ld = &st->ld;
	held_block *h;
	xmlNode *n;
	int ev, error;

	/* A table not read to its end: its rows first. */
	while (st->in_table) {
		bool done;
		if ((error = stream_row(st, &done)) < 0)
			return error;
	}
	while (st->queue_pos >= st->queue.n_blocks) {
		queue_clear(st);
		if ((ev = vndoc_docx__cursor_next(&st->cur, &n)) < 0)
			return ev;
		if (ev == EV_END || ev == EV_ROW || ev == EV_TABLE_END)
			return vndoc_error_set(ld->err, VNDOC_EFORMAT, "the body changed while read");
		if (ev == EV_TABLE) {
			h = vndoc_xcalloc(1, sizeof *h);
			h->index = st->next_block;
			h->blk.kind = VNDOC_DOCX_BLOCK_TABLE;
			h->streamed = true;
			if (st->next_table >= st->n_tables) {
				free(h);
				return vndoc_error_set(ld->err, VNDOC_EFORMAT, "the body changed while read");
			}
			st->next_table++;
			st->tinfo.n_rows = get_varint(st);
			st->tinfo.n_header = get_varint(st);
			st->tinfo.max_cells = get_varint(st);
			if ((error = vndoc_docx__table_begin(ld, st->cur.tblpr, st->cur.grid, &h->blk.u.table, 0,
							     &st->tb)) < 0) {
				free(h);
				return error;
			}
			st->in_table = true;
			st->next_row = 0;
			vndoc_docx__table_grid_fallback(&h->blk.u.table, st->tinfo.max_cells);
			h->blk.u.table.n_rows = st->tinfo.n_rows;
			h->blk.u.table.n_header = st->tinfo.n_header;
			h->blk.u.table.max_cells = st->tinfo.max_cells;
			st->table = keep ? h : NULL;
			goto got;
		}
		if (vndoc_docx__is(n, "sectPr"))
			continue; /* the body's own: read by the first pass */
		ld->block_base = st->next_block;
		error = vndoc_docx__parse_block_node(ld, n, &(story_builder){ &st->queue, 0 }, 0, 0);
		st->queue_cap = st->queue.n_blocks;
		if (error < 0)
			return error;
		st->queue_pos = 0;
	}
	h = vndoc_xcalloc(1, sizeof *h);
	h->index = st->next_block;
	h->blk = st->queue.blocks[st->queue_pos];
	memset(&st->queue.blocks[st->queue_pos], 0, sizeof st->queue.blocks[0]);
	st->queue.blocks[st->queue_pos].kind = VNDOC_DOCX_BLOCK_PARA; /* nothing to free */
	st->queue_pos++;
got:
	st->next_block++;
	if (!keep) {
		held_free(st, h);
		return 0;
	}
	if (st->n_held == st->cap_held) {
		st->cap_held = st->cap_held ? st->cap_held * 2 : 8;
		st->blocks = vndoc_xreallocarray(st->blocks, st->cap_held, sizeof *st->blocks);
	}
	if (!st->n_held)
		st->base = h->index;
	st->blocks[st->n_held++] = h;
	if (st->n_held > st->blocks_peak)
		st->blocks_peak = st->n_held;
	return 0;
}

static void put_varint(vndoc_docx__stream *st, size_t v)
{
	do {
		if (st->tables_len == st->tables_cap) {
			st->tables_cap = st->tables_cap ? st->tables_cap * 2 : 64;
			st->tables = vndoc_xrealloc(st->tables, st->tables_cap);
		}
		st->tables[st->tables_len++] = (unsigned char)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
		v >>= 7;
	} while (v);
}

static size_t get_varint(vndoc_docx__stream *st)
{
	size_t v = 0;
	for (int shift = 0; st->tables_pos < st->tables_len && shift < 64; shift += 7) {
		unsigned char b = st->tables[st->tables_pos++];
		v |= (size_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			break;
	}
	return v;
}

/* Notes the PAGE and NUMPAGES fields of a block or row read by the survey. */
static void note_fields(vndoc_docx__stream *st, const vndoc_docx_node *n)
{
	unsigned found = vndoc_docx__node_fields(n);
	st->fields |= found != 0;
	st->numpages |= (found & VNDOC_DOCX__FIELD_NUMPAGES) != 0;
}

/* The first pass: sections, tables' shapes, fields.  The body is read as
 * vndoc_docx_load reads it, each block let go once looked at. */
static int stream_survey(vndoc_docx__stream *st)
{
	vndoc_docx__loader *ld = &st->ld;
	vndoc_docx *doc = ld->doc;
	vndoc_docx_table t;
	vndoc_docx_story tmp = { NULL, 0 };
	xmlNode *sect = NULL, *n;
	table_info ti;
	size_t n_blocks = 0, r = 0;
	bool in_table = false;
	int ev, error = 0;

	memset(&t, 0, sizeof t);
	memset(&ti, 0, sizeof ti);
	if ((error = stream_start(st)) < 0)
		return error;
	ld->in_body = true;
	while (error == 0 && (ev = vndoc_docx__cursor_next(&st->cur, &n)) != EV_END) {
		vndoc_docx_row row;
		if (ev < 0) {
			error = ev;
			break;
		}
		switch (ev) {
		case EV_NODE:
			if (vndoc_docx__is(n, "sectPr")) {
				if (!sect)
					sect = xmlDocCopyNode(n, NULL, 1);
				break;
			}
			ld->block_base = n_blocks;
			error = vndoc_docx__parse_block_node(ld, n, &(story_builder){ &tmp, 0 }, 0, 0);
			note_fields(st, &(vndoc_docx_node){ .kind = VNDOC_DOCX_NODE_STORY, .u.story = &tmp });
			n_blocks += tmp.n_blocks;
			vndoc_docx__story_dispose(&tmp);
			break;
		case EV_TABLE:
			if ((error = vndoc_docx__table_begin(ld, st->cur.tblpr, st->cur.grid, &t, 0, &st->tb)) < 0)
				break;
			in_table = true;
			memset(&ti, 0, sizeof ti);
			r = 0;
			break;
		case EV_ROW:
			/* Borders need the number of rows: not known yet, not needed. */
			if ((error = vndoc_docx__table_row_alone(ld, &st->tb, n, &row, r, (size_t)-1)) < 0)
				break;
			if (ti.n_header == r && row.header)
				ti.n_header++;
			note_fields(st, &(vndoc_docx_node){ .kind = VNDOC_DOCX_NODE_ROW, .u.row = &row });
			vndoc_docx__row_dispose(&row);
			r++;
			break;
		case EV_TABLE_END:
			ti.n_rows = r;
			ti.max_cells = st->tb.max_cells;
			vndoc_docx__table_end(&st->tb, false);
			vndoc_docx__table_dispose(&t);
			in_table = false;
			put_varint(st, ti.n_rows);
			put_varint(st, ti.n_header);
			put_varint(st, ti.max_cells);
			st->n_tables++;
			n_blocks++;
			break;
		}
	}
	if (in_table) {
		vndoc_docx__table_end(&st->tb, false);
		vndoc_docx__table_dispose(&t);
	}
	vndoc_docx__story_dispose(&tmp);
	ld->in_body = false;
	if (error == 0)
		error = vndoc_docx__parse_sectpr(ld, sect, n_blocks);
	xmlFreeNode(sect);
	doc->body.n_blocks = n_blocks;
	stream_reset(st);
	return error;
}

int vndoc_docx_open(vndoc_docx **out, const vndoc_package *pkg, vndoc_error *err)
{
	vndoc_docx__stream *st;
	vndoc_docx__loader *ld;
	vndoc_docx *doc;
	int error;

	*out = NULL;
	doc = vndoc_xcalloc(1, sizeof *doc);
	st = vndoc_xcalloc(1, sizeof *st);
	doc->stream = st;
	ld = &st->ld;
	ld->pkg = pkg;
	ld->doc = doc;
	ld->err = err;
	ld->part = "word/document.xml";
	ld->stream = st;

	if ((error = vndoc_docx__load_parts(ld)) < 0)
		goto done;
	st->nums0 = nums_copy(ld);
	if ((error = stream_survey(st)) < 0)
		goto done;
	vndoc_docx__finish_sections(doc);
	ld->replay = true;
	ld->in_body = true; /* from now on only the body is read */
done:
	if (error < 0) {
		vndoc_error_set_part(err, ld->part);
		vndoc_docx_free(doc);
		return error;
	}
	ld->err = NULL;
	*out = doc;
	return 0;
}

void vndoc_docx__stream_free(vndoc_docx__stream *st)
{
	if (!st)
		return;
	stream_reset(st);
	free(st->blocks);
	free(st->queue.blocks);
	free(st->tables);
	free(st->nums0);
	for (size_t i = 0; i < st->n_sect_nums; i++) {
		free(st->sect_nums[i].idx);
		free(st->sect_nums[i].val);
	}
	free(st->sect_nums);
	free(st->ld.nums_log);
	free(st->ld.rels);
	free(st->ld.tab_hash);
	vndoc_docx__vml_dispose(&st->ld);
	vndoc_docx__styles_dispose(&st->ld);
	vndoc_docx__numbering_dispose(&st->ld);
	free(st);
}

/* A failure leaves the cursor where it cannot go on: the next read begins
 * again (and meets the same failure, if it lies in the part). */
static int stream_fail(vndoc_docx__stream *st, int error)
{
	vndoc_error_set_part(st->ld.err, "word/document.xml");
	stream_reset(st);
	return error;
}

int vndoc_docx_block_get(const vndoc_docx_block **out, const vndoc_docx *doc, size_t i, vndoc_error *err)
{
	vndoc_docx__stream *st = doc->stream;
	int error;

	*out = NULL;
	if (i >= doc->body.n_blocks)
		return vndoc_error_set(err, VNDOC_EINVAL, "no body block %zu", i);
	if (!st) {
		*out = &doc->body.blocks[i];
		return 0;
	}
	st->ld.err = err;
	if (st->n_held && i >= st->base && i < st->base + st->n_held) {
		*out = &st->blocks[i - st->base]->blk;
		return 0;
	}
	if (!st->open || i < st->next_block) {
		if ((error = stream_start(st)) < 0)
			return stream_fail(st, error);
	}
	/* Blocks before `i` not held: read and let go (only when reading
	 * again from the start: layout asks for blocks in order). */
	while (st->next_block < i)
		if ((error = stream_block(st, st->n_held > 0)) < 0)
			return stream_fail(st, error);
	if ((error = stream_block(st, true)) < 0)
		return stream_fail(st, error);
	*out = &st->blocks[st->n_held - 1]->blk;
	return 0;
}

void vndoc_docx_block_release(const vndoc_docx *doc, size_t before)
{
	vndoc_docx__stream *st = doc ? doc->stream : NULL;
	size_t k = 0;
	if (!st)
		return;
	while (k < st->n_held && st->blocks[k]->index < before)
		held_free(st, st->blocks[k++]);
	if (!k)
		return;
	memmove(st->blocks, st->blocks + k, (st->n_held - k) * sizeof *st->blocks);
	st->n_held -= k;
	st->base = st->n_held ? st->blocks[0]->index : before;
}

/* The held block whose table is `t`, or NULL. */
static held_block *held_table(const vndoc_docx__stream *st, const vndoc_docx_table *t)
{
	for (size_t i = 0; i < st->n_held; i++)
		if (&st->blocks[i]->blk.u.table == t && st->blocks[i]->blk.kind == VNDOC_DOCX_BLOCK_TABLE)
			return st->blocks[i];
	return NULL;
}

int vndoc_docx_row_get(const vndoc_docx_row **out, const vndoc_docx *doc, const vndoc_docx_table *t,
		       size_t r, vndoc_error *err)
{
	vndoc_docx__stream *st = doc->stream;
	held_block *h;
	int error;

	*out = NULL;
	if (r >= t->n_rows)
		return vndoc_error_set(err, VNDOC_EINVAL, "no table row %zu", r);
	if (t->rows) {
		*out = &t->rows[r];
		return 0;
	}
	if (!st || !(h = held_table(st, t)) || !h->streamed)
		return vndoc_error_set(err, VNDOC_EINVAL, "table not held");
	st->ld.err = err;
	for (;;) {
		if (r < h->n_head) {
			*out = h->head[r];
			return 0;
		}
		if (h->n_rows && r >= h->row_base && r < h->row_base + h->n_rows) {
			*out = h->rows[r - h->row_base];
			return 0;
		}
		if (st->table != h || r < st->next_row)
			return vndoc_error_set(err, VNDOC_EINVAL, "table row %zu was let go", r);
		bool done;
		if ((error = stream_row(st, &done)) < 0)
			return stream_fail(st, error);
		if (done)
			return vndoc_error_set(err, VNDOC_EINVAL, "no table row %zu", r);
	}
}

void vndoc_docx_row_release(const vndoc_docx *doc, const vndoc_docx_table *t, size_t before)
{
	vndoc_docx__stream *st = doc ? doc->stream : NULL;
	held_block *h;
	size_t k = 0;
	if (!st || t->rows || !(h = held_table(st, t)))
		return;
	while (k < h->n_rows && h->row_base + k < before) {
		vndoc_docx__row_dispose(h->rows[k]);
		free(h->rows[k]);
		k++;
	}
	if (!k)
		return;
	memmove(h->rows, h->rows + k, (h->n_rows - k) * sizeof *h->rows);
	h->n_rows -= k;
	h->row_base += k;
	st->rows_held -= k;
}

bool vndoc_docx_body_has_fields(const vndoc_docx *doc, bool numpages_only)
{
	if (doc->stream)
		return numpages_only ? doc->stream->numpages : doc->stream->fields;
	return vndoc_docx_story_has_fields(&doc->body, numpages_only);
}

size_t vndoc_docx_rows_held_peak(const vndoc_docx *doc)
{
	return doc && doc->stream ? doc->stream->rows_peak : 0;
}

size_t vndoc_docx_blocks_held_peak(const vndoc_docx *doc)
{
	return doc && doc->stream ? doc->stream->blocks_peak : 0;
}

size_t vndoc_docx_body_reads(const vndoc_docx *doc)
{
	return doc && doc->stream ? doc->stream->reads : 0;
}

