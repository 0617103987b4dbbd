/*
 * layout/check.c: the layout's invariants, checked on every finished page
 * and at the end of every pass in Debug builds (VNDOC_DEBUG_CHECKS, which
 * cmake/VndocTargets.cmake defines there), so that every test run in
 * Debug checks them.  A broken invariant is a bug of the engine: it is
 * reported as VNDOC_EINVAL naming the page and the box, never a crash.
 *
 * What holds for any input, however hostile: pages come out once each, in
 * order, and their count is the layout's; every box has a known kind and
 * story and finite coordinates (an INFINITY of a row part or a NaN of a
 * division would show here); lines and leaders carry their text and
 * Pango line, pictures point into the layout's own copies; headings are
 * in page order on pages that exist.  (Boxes inside the page do not hold:
 * a document may put a picture or a table past the page's edge.)
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>

#include "layout/layout_internal.h"

static int broken(vndoc_error *err, const vndoc_page *pg, size_t box, const char *what)
{
	if (box == SIZE_MAX)
		return vndoc_error_set(err, VNDOC_EINVAL, "layout invariant broken: page %d: %s",
				       pg ? pg->number : 0, what);
	return vndoc_error_set(err, VNDOC_EINVAL, "layout invariant broken: page %d, box %zu: %s", pg->number,
			       box, what);
}

static int check_box(const vndoc_layout *l, const vndoc_page *pg, size_t i, vndoc_error *err)
{
	const vndoc_box *b = &pg->boxes[i];
	if (b->kind < VNDOC_BOX_LINE || b->kind > VNDOC_BOX_SHAPE)
		return broken(err, pg, i, "unknown kind");
	if (b->story < VNDOC_STORY_BODY || b->story > VNDOC_STORY_FOOTNOTE)
		return broken(err, pg, i, "unknown story");
	if (!isfinite(b->x) || !isfinite(b->y) || !isfinite(b->w) || !isfinite(b->h) || !isfinite(b->baseline))
		return broken(err, pg, i, "a coordinate is not finite");
	if ((b->kind == VNDOC_BOX_LINE || b->kind == VNDOC_BOX_LEADER) && (!b->text || !b->line))
		return broken(err, pg, i, "a line without its text");
	if (b->kind == VNDOC_BOX_IMAGE && (!b->image || b->image < l->images || b->image >= l->images + l->n_images))
		return broken(err, pg, i, "a picture not the layout's");
	if (b->kind == VNDOC_BOX_SHAPE && !b->shape)
		return broken(err, pg, i, "a shape without its outline");
	return 0;
}

int vndoc_layout__check_page(vndoc_layout *l, const vndoc_page *pg, vndoc_error *err)
{
	int error;
	if (pg->number != (int)l->n_checked + 1)
		return broken(err, pg, SIZE_MAX, "pages out of order");
	l->n_checked++;
	if (!isfinite(pg->w) || !isfinite(pg->h) || !isfinite(pg->text_x) || !isfinite(pg->text_y) ||
	    !isfinite(pg->text_w) || !isfinite(pg->text_h))
		return broken(err, pg, SIZE_MAX, "a size is not finite");
	if (pg->n_boxes > pg->cap || pg->header_kind < -1 || pg->header_kind >= VNDOC_DOCX_HF_COUNT ||
	    (l->doc && pg->section >= l->doc->n_sections))
		return broken(err, pg, SIZE_MAX, "a field out of range");
	for (size_t i = 0; i < pg->n_boxes; i++)
		if ((error = check_box(l, pg, i, err)) < 0)
			return error;
	return 0;
}

int vndoc_layout__check_pass(const vndoc_layout *l, vndoc_error *err)
{
	if (l->n_checked != l->n_pages)
		return broken(err, NULL, SIZE_MAX, "pages checked and pages laid out differ");
	for (size_t i = 0; i < l->n_headings; i++) {
		const vndoc_layout_heading *h = &l->headings[i];
		if (h->page >= l->n_pages || !isfinite(h->y) || (i && h->page < l->headings[i - 1].page))
			return broken(err, NULL, SIZE_MAX, "headings out of order");
	}
	return 0;
}
