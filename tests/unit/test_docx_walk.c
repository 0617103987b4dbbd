/*
 * test_docx_walk.c: the walker over the docx model (vndoc_docx_iter_*,
 * docx.h) on models built by hand, and the fields found with it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/limits.h"
#include "docx/docx.h"
#include "test.h"

/* The events of a walk over `root`, one word each: "+table" entering,
 * "-table" leaving, "text:abc" an inline (entered only); depth after '@'
 * where not 0.  Tables named `skip` are skipped. */
static void walk(const vndoc_docx_node *root, bool skip_tables, char *out, size_t size)
{
	static const char *names[] = { "story", "para", "table", "row", "cell", "inline" };
	vndoc_docx_iter *it = vndoc_docx_iter_new(root);
	vndoc_docx_event ev;
	size_t n = 0;

	out[0] = '\0';
	while ((ev = vndoc_docx_iter_next(it)) != VNDOC_DOCX_EVENT_DONE) {
		const vndoc_docx_node *node = vndoc_docx_iter_node(it);
		char word[64];
		if (node->kind == VNDOC_DOCX_NODE_INLINE)
			snprintf(word, sizeof word, "%s", node->u.inl->text ? node->u.inl->text
						       : node->u.inl->kind == VNDOC_DOCX_INLINE_FIELD_PAGE ? "PAGE"
						       : "NUMPAGES");
		else
			snprintf(word, sizeof word, "%c%s", ev == VNDOC_DOCX_EVENT_ENTER ? '+' : '-',
				 names[node->kind]);
		if (node->depth)
			snprintf(word + strlen(word), sizeof word - strlen(word), "@%d", node->depth);
		n += (size_t)snprintf(out + n, size - n, "%s%s", n ? " " : "", word);
		ck_assert_uint_lt(n, size);
		if (skip_tables && ev == VNDOC_DOCX_EVENT_ENTER && node->kind == VNDOC_DOCX_NODE_TABLE)
			vndoc_docx_iter_skip(it);
	}
	/* DONE again and again. */
	ck_assert_int_eq(vndoc_docx_iter_next(it), VNDOC_DOCX_EVENT_DONE);
	vndoc_docx_iter_free(it);
}

/* A model: paragraph "a" [PAGE], a table of one row of two cells (the
 * first holding "b", the second a table of one cell holding NUMPAGES),
 * an empty paragraph. */
typedef struct model {
	vndoc_docx_inline inl[4];
	vndoc_docx_block body_blocks[3], cell_blocks[2], inner_blocks[1];
	vndoc_docx_cell cells[2], inner_cell;
	vndoc_docx_row row, inner_row;
	vndoc_docx_story body;
} model;

static void build(model *m)
{
	memset(m, 0, sizeof *m);
	m->inl[0].kind = VNDOC_DOCX_INLINE_TEXT;
	m->inl[0].text = "a";
	m->inl[1].kind = VNDOC_DOCX_INLINE_FIELD_PAGE;
	m->inl[2].kind = VNDOC_DOCX_INLINE_TEXT;
	m->inl[2].text = "b";
	m->inl[3].kind = VNDOC_DOCX_INLINE_FIELD_NUMPAGES;
	m->body_blocks[0].u.para.inlines = &m->inl[0];
	m->body_blocks[0].u.para.n_inlines = 2;
	m->body_blocks[1].kind = VNDOC_DOCX_BLOCK_TABLE;
	m->body_blocks[1].u.table.rows = &m->row;
	m->body_blocks[1].u.table.n_rows = 1;
	m->row.cells = m->cells;
	m->row.n_cells = 2;
	m->cells[0].content = (vndoc_docx_story){ &m->cell_blocks[0], 1 };
	m->cell_blocks[0].u.para.inlines = &m->inl[2];
	m->cell_blocks[0].u.para.n_inlines = 1;
	m->cells[1].content = (vndoc_docx_story){ &m->cell_blocks[1], 1 };
	m->cell_blocks[1].kind = VNDOC_DOCX_BLOCK_TABLE;
	m->cell_blocks[1].u.table.rows = &m->inner_row;
	m->cell_blocks[1].u.table.n_rows = 1;
	m->inner_row.cells = &m->inner_cell;
	m->inner_row.n_cells = 1;
	m->inner_cell.content = (vndoc_docx_story){ m->inner_blocks, 1 };
	m->inner_blocks[0].u.para.inlines = &m->inl[3];
	m->inner_blocks[0].u.para.n_inlines = 1;
	m->body = (vndoc_docx_story){ m->body_blocks, 3 };
}

START_TEST(docx_walk__enters_and_leaves_in_document_order)
{
	model m;
	char got[2048];

	build(&m);
	walk(&(vndoc_docx_node){ .kind = VNDOC_DOCX_NODE_STORY, .u.story = &m.body }, false, got, sizeof got);
	ck_assert_str_eq(got, "+story +para a PAGE -para +table +row +cell +story@1 +para@1 b@1 -para@1 -story@1 "
			      "-cell +cell +story@1 +table@1 +row@1 +cell@1 +story@2 +para@2 NUMPAGES@2 -para@2 "
			      "-story@2 -cell@1 -row@1 -table@1 -story@1 -cell -row -table +para -para -story");
	/* Skipped tables: entered, then left at once. */
	walk(&(vndoc_docx_node){ .kind = VNDOC_DOCX_NODE_STORY, .u.story = &m.body }, true, got, sizeof got);
	ck_assert_str_eq(got, "+story +para a PAGE -para +table -table +para -para -story");
	/* Any node is a root: a row, an inline. */
	walk(&(vndoc_docx_node){ .kind = VNDOC_DOCX_NODE_ROW, .u.row = &m.inner_row }, false, got, sizeof got);
	ck_assert_str_eq(got, "+row +cell +story@1 +para@1 NUMPAGES@1 -para@1 -story@1 -cell -row");
	walk(&(vndoc_docx_node){ .kind = VNDOC_DOCX_NODE_INLINE, .u.inl = &m.inl[0] }, false, got, sizeof got);
	ck_assert_str_eq(got, "a");
}
END_TEST

/* A streamed body's tables hold no rows, its story no blocks. */
START_TEST(docx_walk__walks_only_what_the_model_holds)
{
	model m;
	char got[512];
	vndoc_docx_story streamed = { NULL, 12 };

	build(&m);
	m.body_blocks[1].u.table.rows = NULL;
	walk(&(vndoc_docx_node){ .kind = VNDOC_DOCX_NODE_STORY, .u.story = &m.body }, false, got, sizeof got);
	ck_assert_str_eq(got, "+story +para a PAGE -para +table -table +para -para -story");
	walk(&(vndoc_docx_node){ .kind = VNDOC_DOCX_NODE_STORY, .u.story = &streamed }, false, got, sizeof got);
	ck_assert_str_eq(got, "+story -story");
}
END_TEST

START_TEST(docx_walk__fields_in_tables_too)
{
	model m;

	build(&m);
	ck_assert(vndoc_docx_story_has_fields(&m.body, false));
	ck_assert(vndoc_docx_story_has_fields(&m.body, true)); /* NUMPAGES in the nested table */
	m.inl[3].kind = VNDOC_DOCX_INLINE_TAB;
	ck_assert(vndoc_docx_story_has_fields(&m.body, false));
	ck_assert(!vndoc_docx_story_has_fields(&m.body, true));
	m.inl[1].kind = VNDOC_DOCX_INLINE_TAB;
	ck_assert(!vndoc_docx_story_has_fields(&m.body, false));
	m.inl[3].kind = VNDOC_DOCX_INLINE_FIELD_PAGE;
	ck_assert(vndoc_docx_story_has_fields(&m.body, false));
}
END_TEST

/* Tables nested past VNDOC_LIMIT_TABLE_DEPTH (only a model built by hand
 * has them: the loader refuses them) are entered and left without their
 * rows: the walk's memory does not grow. */
START_TEST(docx_walk__tables_past_the_limit_are_not_entered)
{
	enum { LEVELS = VNDOC_LIMIT_TABLE_DEPTH + 3 };
	vndoc_docx_block blocks[LEVELS + 1];
	vndoc_docx_row rows[LEVELS];
	vndoc_docx_cell cells[LEVELS];
	vndoc_docx_inline field = { .kind = VNDOC_DOCX_INLINE_FIELD_NUMPAGES };
	vndoc_docx_story body = { &blocks[0], 1 };
	vndoc_docx_iter *it;
	vndoc_docx_event ev;
	int deepest = 0, tables = 0, exits = 0;

	memset(blocks, 0, sizeof blocks);
	memset(rows, 0, sizeof rows);
	memset(cells, 0, sizeof cells);
	/* Table i holds one row, one cell, whose story holds block i + 1. */
	for (int i = 0; i < LEVELS; i++) {
		blocks[i].kind = VNDOC_DOCX_BLOCK_TABLE;
		blocks[i].u.table.rows = &rows[i];
		blocks[i].u.table.n_rows = 1;
		rows[i].cells = &cells[i];
		rows[i].n_cells = 1;
		cells[i].content = (vndoc_docx_story){ &blocks[i + 1], 1 };
	}
	blocks[LEVELS].u.para.inlines = &field;
	blocks[LEVELS].u.para.n_inlines = 1;
	it = vndoc_docx_iter_new(&(vndoc_docx_node){ .kind = VNDOC_DOCX_NODE_STORY, .u.story = &body });
	while ((ev = vndoc_docx_iter_next(it)) != VNDOC_DOCX_EVENT_DONE) {
		const vndoc_docx_node *n = vndoc_docx_iter_node(it);
		if (n->kind != VNDOC_DOCX_NODE_TABLE)
			continue;
		if (ev == VNDOC_DOCX_EVENT_EXIT) {
			exits++;
			continue;
		}
		tables++;
		if (n->depth > deepest)
			deepest = n->depth;
	}
	vndoc_docx_iter_free(it);
	/* Tables at depths 0..16 walked, the one at 17 entered and left. */
	ck_assert_int_eq(deepest, VNDOC_LIMIT_TABLE_DEPTH + 1);
	ck_assert_int_eq(tables, VNDOC_LIMIT_TABLE_DEPTH + 2);
	ck_assert_int_eq(exits, tables);
	ck_assert(!vndoc_docx_story_has_fields(&body, false));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("docx_walk");
	TCase *tc = tcase_create("walk");
	tcase_add_test(tc, docx_walk__enters_and_leaves_in_document_order);
	tcase_add_test(tc, docx_walk__walks_only_what_the_model_holds);
	tcase_add_test(tc, docx_walk__fields_in_tables_too);
	tcase_add_test(tc, docx_walk__tables_past_the_limit_are_not_entered);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
