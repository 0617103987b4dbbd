/*
 * docx/walk.c: the walker over the model (see docx.h, "walking"), and
 * what is found with it: the PAGE and NUMPAGES fields of a story.
 *
 * The iterator keeps one frame per open node (the node and its next
 * child), in an array of fixed size: a cell's story is four frames below
 * the story of its table (table, row, cell, story), tables nest at most
 * VNDOC_LIMIT_TABLE_DEPTH deep, and a table nested deeper is entered with
 * no children, so the stack never holds more than ITER_FRAMES.
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/alloc.h"
#include "core/limits.h"
#include "docx/body.h"
#include "docx/docx.h"

/* Root story, then per table level: table, row, cell, story; then the
 * deepest table (no children) or paragraph. */
#define ITER_FRAMES (4 * (VNDOC_LIMIT_TABLE_DEPTH + 1) + 2)

typedef struct iter_frame {
	vndoc_docx_node node;
	size_t next; /* index of the next child; SIZE_MAX: none (skipped) */
} iter_frame;

struct vndoc_docx_iter {
	vndoc_docx_node root, cur;
	vndoc_docx_event ev;
	bool started;
	int n; /* frames open */
	iter_frame f[ITER_FRAMES];
};

vndoc_docx_iter *vndoc_docx_iter_new(const vndoc_docx_node *root)
{
	vndoc_docx_iter *it = vndoc_xcalloc(1, sizeof *it);
	it->root = *root;
	if (it->root.depth < 0)
		it->root.depth = 0;
	return it;
}

void vndoc_docx_iter_free(vndoc_docx_iter *it)
{
	free(it);
}

const vndoc_docx_node *vndoc_docx_iter_node(const vndoc_docx_iter *it)
{
	return &it->cur;
}

/* Child `i` of `p` in *out; false when there is none. */
static bool child(const vndoc_docx_node *p, size_t i, vndoc_docx_node *out)
{
	out->depth = p->depth;
	switch (p->kind) {
	case VNDOC_DOCX_NODE_STORY:
		if (!p->u.story->blocks || i >= p->u.story->n_blocks)
			return false;
		if (p->u.story->blocks[i].kind == VNDOC_DOCX_BLOCK_PARA) {
			out->kind = VNDOC_DOCX_NODE_PARA;
			out->u.para = &p->u.story->blocks[i].u.para;
		} else {
			out->kind = VNDOC_DOCX_NODE_TABLE;
			out->u.table = &p->u.story->blocks[i].u.table;
		}
		return true;
	case VNDOC_DOCX_NODE_PARA:
		if (i >= p->u.para->n_inlines)
			return false;
		out->kind = VNDOC_DOCX_NODE_INLINE;
		out->u.inl = &p->u.para->inlines[i];
		return true;
	case VNDOC_DOCX_NODE_TABLE:
		if (!p->u.table->rows || i >= p->u.table->n_rows)
			return false;
		out->kind = VNDOC_DOCX_NODE_ROW;
		out->u.row = &p->u.table->rows[i];
		return true;
	case VNDOC_DOCX_NODE_ROW:
		if (i >= p->u.row->n_cells)
			return false;
		out->kind = VNDOC_DOCX_NODE_CELL;
		out->u.cell = &p->u.row->cells[i];
		return true;
	case VNDOC_DOCX_NODE_CELL:
		if (i > 0)
			return false;
		out->kind = VNDOC_DOCX_NODE_STORY;
		out->u.story = &p->u.cell->content;
		out->depth = p->depth + 1;
		return true;
	case VNDOC_DOCX_NODE_INLINE:
		break;
	}
	return false;
}

/* Enters `n`: a frame for its children, none for an inline. */
static vndoc_docx_event enter(vndoc_docx_iter *it, const vndoc_docx_node *n)
{
	it->cur = *n;
	if (n->kind != VNDOC_DOCX_NODE_INLINE) {
		iter_frame *f = &it->f[it->n++];
		f->node = *n;
		/* Deeper than the loader reads: entered and left at once. */
		f->next = (n->kind == VNDOC_DOCX_NODE_TABLE && n->depth > VNDOC_LIMIT_TABLE_DEPTH) ||
				  it->n == ITER_FRAMES
			  ? SIZE_MAX
			  : 0;
	}
	return it->ev = VNDOC_DOCX_EVENT_ENTER;
}

vndoc_docx_event vndoc_docx_iter_next(vndoc_docx_iter *it)
{
	vndoc_docx_node c;

	if (!it->started) {
		it->started = true;
		return enter(it, &it->root);
	}
	if (!it->n)
		return it->ev = VNDOC_DOCX_EVENT_DONE;
	iter_frame *top = &it->f[it->n - 1];
	if (top->next != SIZE_MAX && child(&top->node, top->next, &c)) {
		top->next++;
		return enter(it, &c);
	}
	it->cur = top->node;
	it->n--;
	return it->ev = VNDOC_DOCX_EVENT_EXIT;
}

void vndoc_docx_iter_skip(vndoc_docx_iter *it)
{
	if (it->ev == VNDOC_DOCX_EVENT_ENTER && it->cur.kind != VNDOC_DOCX_NODE_INLINE && it->n)
		it->f[it->n - 1].next = SIZE_MAX;
}

/* ---------------------------------------------------------------- fields */

unsigned vndoc_docx__node_fields(const vndoc_docx_node *root)
{
	vndoc_docx_iter *it = vndoc_docx_iter_new(root);
	unsigned found = 0;
	vndoc_docx_event ev;

	while (found != (VNDOC_DOCX__FIELD_PAGE | VNDOC_DOCX__FIELD_NUMPAGES) &&
	       (ev = vndoc_docx_iter_next(it)) != VNDOC_DOCX_EVENT_DONE) {
		const vndoc_docx_node *n = vndoc_docx_iter_node(it);
		if (ev != VNDOC_DOCX_EVENT_ENTER || n->kind != VNDOC_DOCX_NODE_INLINE)
			continue;
		if (n->u.inl->kind == VNDOC_DOCX_INLINE_FIELD_PAGE)
			found |= VNDOC_DOCX__FIELD_PAGE;
		else if (n->u.inl->kind == VNDOC_DOCX_INLINE_FIELD_NUMPAGES)
			found |= VNDOC_DOCX__FIELD_NUMPAGES;
	}
	vndoc_docx_iter_free(it);
	return found;
}

bool vndoc_docx_story_has_fields(const vndoc_docx_story *st, bool numpages_only)
{
	unsigned found = vndoc_docx__node_fields(&(vndoc_docx_node){ .kind = VNDOC_DOCX_NODE_STORY, .u.story = st });
	return (found & VNDOC_DOCX__FIELD_NUMPAGES) || (!numpages_only && (found & VNDOC_DOCX__FIELD_PAGE));
}
