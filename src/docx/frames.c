/*
 * docx/frames.c: a paragraph's text frame (w:framePr, ECMA-376 17.3.1.11),
 * as Word writes it around a footer's page number ("wrap around, at the
 * right of the margin") or a drop cap's box.  The layout places framed
 * paragraphs (layout/frames.c); here only the attributes are read.
 */
#include <string.h>

#include "core/alloc.h"
#include "docx/docx_internal.h"

/* hAnchor (`horizontal`) or vAnchor; Word's defaults: hAnchor the column
 * ("text"), vAnchor the margin. */
static vndoc_docx_frame_from parse_from(const char *v, bool horizontal)
{
	if (!v)
		return horizontal ? VNDOC_DOCX_FRAME_FROM_TEXT : VNDOC_DOCX_FRAME_FROM_MARGIN;
	if (!strcmp(v, "page"))
		return VNDOC_DOCX_FRAME_FROM_PAGE;
	if (!strcmp(v, "margin"))
		return VNDOC_DOCX_FRAME_FROM_MARGIN;
	return VNDOC_DOCX_FRAME_FROM_TEXT;
}

/* xAlign (left, center, right, inside, outside) or yAlign (top, center,
 * bottom, inside, outside, inline); absent or unknown: the offset. */
static vndoc_docx_frame_align parse_align(const char *v)
{
	if (!v)
		return VNDOC_DOCX_FRAME_AT;
	if (!strcmp(v, "left") || !strcmp(v, "top"))
		return VNDOC_DOCX_FRAME_LEFT;
	if (!strcmp(v, "center"))
		return VNDOC_DOCX_FRAME_CENTER;
	if (!strcmp(v, "right") || !strcmp(v, "bottom"))
		return VNDOC_DOCX_FRAME_RIGHT;
	if (!strcmp(v, "inside"))
		return VNDOC_DOCX_FRAME_INSIDE;
	if (!strcmp(v, "outside"))
		return VNDOC_DOCX_FRAME_OUTSIDE;
	if (!strcmp(v, "inline"))
		return VNDOC_DOCX_FRAME_INLINE;
	return VNDOC_DOCX_FRAME_AT;
}

void vndoc_docx__parse_frame(const xmlNode *fp, vndoc_docx_frame *out)
{
	const char *v;

	memset(out, 0, sizeof *out);
	out->set = true;
	out->w = vndoc_docx__attr_int(fp, "w", 0);
	out->h = vndoc_docx__attr_int(fp, "h", 0);
	if (out->w < 0)
		out->w = 0;
	if (out->h < 0)
		out->h = 0;
	v = vndoc_docx__attr(fp, "hRule");
	out->h_rule = v && !strcmp(v, "exact")   ? VNDOC_DOCX_LINE_EXACT
		      : v && !strcmp(v, "auto") ? VNDOC_DOCX_LINE_AUTO
		      : out->h > 0             ? VNDOC_DOCX_LINE_AT_LEAST
					       : VNDOC_DOCX_LINE_AUTO;
	out->x = vndoc_docx__attr_int(fp, "x", 0);
	out->y = vndoc_docx__attr_int(fp, "y", 0);
	out->h_from = parse_from(vndoc_docx__attr(fp, "hAnchor"), true);
	out->v_from = parse_from(vndoc_docx__attr(fp, "vAnchor"), false);
	out->x_align = parse_align(vndoc_docx__attr(fp, "xAlign"));
	out->y_align = parse_align(vndoc_docx__attr(fp, "yAlign"));
	v = vndoc_docx__attr(fp, "wrap");
	out->wrap = v && !strcmp(v, "notBeside") ? VNDOC_DOCX_FRAME_WRAP_NOT_BESIDE
		    : v && !strcmp(v, "none")   ? VNDOC_DOCX_FRAME_WRAP_NONE
						: VNDOC_DOCX_FRAME_WRAP_AROUND;
	out->h_space = vndoc_docx__attr_int(fp, "hSpace", 0);
	out->v_space = vndoc_docx__attr_int(fp, "vSpace", 0);
	if (out->h_space < 0)
		out->h_space = 0;
	if (out->v_space < 0)
		out->v_space = 0;
}

bool vndoc_docx_frame_same(const vndoc_docx_frame *a, const vndoc_docx_frame *b)
{
	return a->set && b->set && a->w == b->w && a->h == b->h && a->h_rule == b->h_rule && a->x == b->x &&
	       a->y == b->y && a->h_from == b->h_from && a->v_from == b->v_from && a->x_align == b->x_align &&
	       a->y_align == b->y_align && a->wrap == b->wrap && a->h_space == b->h_space &&
	       a->v_space == b->v_space;
}

/* xAlign (`horizontal`) or yAlign as an anchor's alignment: a horizontal
 * inside or outside is mirrored on even pages with the margins (layout). */
static vndoc_docx_anchor_align frame_align(vndoc_docx_frame_align a, bool horizontal)
{
	switch (a) {
	case VNDOC_DOCX_FRAME_LEFT: return VNDOC_DOCX_ANCHOR_START;
	case VNDOC_DOCX_FRAME_CENTER: return VNDOC_DOCX_ANCHOR_CENTER;
	case VNDOC_DOCX_FRAME_RIGHT: return VNDOC_DOCX_ANCHOR_END;
	case VNDOC_DOCX_FRAME_INSIDE: return horizontal ? VNDOC_DOCX_ANCHOR_INSIDE : VNDOC_DOCX_ANCHOR_START;
	case VNDOC_DOCX_FRAME_OUTSIDE: return horizontal ? VNDOC_DOCX_ANCHOR_OUTSIDE : VNDOC_DOCX_ANCHOR_END;
	default: return VNDOC_DOCX_ANCHOR_OFFSET;
	}
}

vndoc_docx_anchor_align vndoc_docx__anchor_align(const char *v, bool horizontal)
{
	return frame_align(parse_align(v), horizontal);
}

/* hAnchor (`horizontal`) or vAnchor as what an anchor is measured from:
 * the text is the column across, the paragraph's top down. */
static vndoc_docx_anchor_from frame_from(vndoc_docx_frame_from f, bool horizontal)
{
	switch (f) {
	case VNDOC_DOCX_FRAME_FROM_PAGE: return VNDOC_DOCX_FROM_PAGE;
	case VNDOC_DOCX_FRAME_FROM_MARGIN: return VNDOC_DOCX_FROM_MARGIN;
	default: return horizontal ? VNDOC_DOCX_FROM_COLUMN : VNDOC_DOCX_FROM_PARAGRAPH;
	}
}

vndoc_docx_anchor_from vndoc_docx__anchor_from(const char *v, bool horizontal)
{
	return frame_from(parse_from(v, horizontal), horizontal);
}

/* The floating text box that holds the paragraphs of a frame `fr`, moved
 * into `story` (owned by it from now on). */
static vndoc_docx_inline frame_float(const vndoc_docx_frame *fr, vndoc_docx_story story, const vndoc_docx_rpr *rpr)
{
	vndoc_docx_inline in;
	vndoc_docx_drawing *d = vndoc_xcalloc(1, sizeof *d);
	vndoc_docx_shape *sh = vndoc_xcalloc(1, sizeof *sh);
	vndoc_docx_anchor *a = &in.anchor;

	memset(&in, 0, sizeof in);
	d->w = fr->w / 20.0;
	d->h = fr->h / 20.0;
	d->fit_w = fr->w == 0;
	d->shapes = sh;
	d->n_shapes = 1;
	sh->kind = VNDOC_DOCX_SHAPE_RECT; /* neither stroked nor filled */
	sh->w = d->w;
	sh->h = d->h;
	sh->image = VNDOC_DOCX_NO_IMAGE;
	sh->text = vndoc_xcalloc(1, sizeof *sh->text);
	sh->text->story = story;
	sh->text->grow = fr->h_rule != VNDOC_DOCX_LINE_EXACT;
	in.kind = VNDOC_DOCX_INLINE_FLOAT;
	in.rpr = *rpr;
	in.image = VNDOC_DOCX_NO_IMAGE;
	in.image_w = d->w;
	in.image_h = d->h;
	in.drawing = d;
	a->h_from = frame_from(fr->h_from, true);
	a->v_from = frame_from(fr->v_from, false);
	a->h_align = frame_align(fr->x_align, true);
	a->v_align = frame_align(fr->y_align, false);
	a->h_offset = fr->x / 20.0;
	a->v_offset = fr->y / 20.0;
	a->wrap = fr->wrap == VNDOC_DOCX_FRAME_WRAP_NONE	     ? VNDOC_DOCX_WRAP_NONE
		  : fr->wrap == VNDOC_DOCX_FRAME_WRAP_NOT_BESIDE ? VNDOC_DOCX_WRAP_TOP_BOTTOM
								 : VNDOC_DOCX_WRAP_SQUARE;
	a->wrap_side = VNDOC_DOCX_WRAP_BOTH;
	a->dist_l = a->dist_r = fr->h_space / 20.0;
	a->dist_t = a->dist_b = fr->v_space / 20.0;
	return in;
}

static bool framed(const vndoc_docx_block *b)
{
	return b->kind == VNDOC_DOCX_BLOCK_PARA && b->u.para.ppr.frame.set &&
	       b->u.para.ppr.frame.y_align != VNDOC_DOCX_FRAME_INLINE;
}

/* The paragraphs of one frame, `n` blocks from `b`, as the text box that
 * floats (the blocks' structs move into it). */
static vndoc_docx_inline gather_one(const vndoc_docx_block *b, size_t n)
{
	vndoc_docx_story inner;

	inner.n_blocks = n;
	inner.blocks = vndoc_xreallocarray(NULL, n, sizeof *inner.blocks);
	memcpy(inner.blocks, b, n * sizeof *inner.blocks);
	for (size_t k = 0; k < n; k++)
		inner.blocks[k].u.para.ppr.frame.set = false;
	return frame_float(&b->u.para.ppr.frame, inner, &inner.blocks[0].u.para.mark);
}

/* Puts the `n` frames of `pending` first in `host`'s inlines, in order. */
static void host_frames(vndoc_docx_para *host, const vndoc_docx_inline *pending, size_t n)
{
	host->inlines = vndoc_xreallocarray(host->inlines, host->n_inlines + n, sizeof *host->inlines);
	memmove(&host->inlines[n], &host->inlines[0], host->n_inlines * sizeof *host->inlines);
	memcpy(host->inlines, pending, n * sizeof *pending);
	host->n_inlines += n;
}

/* Makes `b` an empty paragraph with the properties of `anchor` (a frame's
 * first paragraph, whose pointers the frame owns) holding the frames. */
static void hold_frames(vndoc_docx_block *b, const vndoc_docx_para *anchor, const vndoc_docx_inline *pending, size_t n)
{
	b->kind = VNDOC_DOCX_BLOCK_PARA;
	b->u.para = *anchor;
	b->u.para.ppr.frame.set = false;
	b->u.para.inlines = NULL;
	b->u.para.n_inlines = 0;
	b->u.para.section = -1;
	host_frames(&b->u.para, pending, n);
}

/*
 * In one pass over the blocks (a block moves once: 12,000 frames in a cell
 * took 7.7 s when each frame moved the blocks after it): each run of
 * paragraphs with the same frame becomes a text box, and the text boxes
 * float in the first paragraph after them that is not framed; before a
 * table or at the end, an empty paragraph made of the frame's first one
 * holds them.  A framed paragraph is never the holder (it would be drawn
 * as body text).
 */
void vndoc_docx__frames_gather(vndoc_docx_story *s, size_t from)
{
	vndoc_docx_inline *pending = NULL;
	vndoc_docx_para anchor; /* the first framed paragraph since the last holder */
	size_t n_pending = 0, cap = 0, w = from, r = from;

	while (r < s->n_blocks) {
		vndoc_docx_block *b = &s->blocks[r];
		if (framed(b)) {
			size_t j = r + 1;
			while (j < s->n_blocks && framed(&s->blocks[j]) &&
			       vndoc_docx_frame_same(&s->blocks[j].u.para.ppr.frame, &b->u.para.ppr.frame))
				j++;
			if (!n_pending)
				anchor = b->u.para;
			if (n_pending == cap) {
				cap = cap ? 2 * cap : 4;
				pending = vndoc_xreallocarray(pending, cap, sizeof *pending);
			}
			pending[n_pending++] = gather_one(b, j - r);
			r = j;
			continue;
		}
		if (n_pending && b->kind != VNDOC_DOCX_BLOCK_PARA) {
			/* w < r: the frames took at least one block's place */
			hold_frames(&s->blocks[w++], &anchor, pending, n_pending);
			n_pending = 0;
		}
		s->blocks[w] = *b;
		if (n_pending) {
			host_frames(&s->blocks[w].u.para, pending, n_pending);
			n_pending = 0;
		}
		w++;
		r++;
	}
	if (n_pending)
		hold_frames(&s->blocks[w++], &anchor, pending, n_pending);
	s->n_blocks = w;
	free(pending);
}

/*
 * A paragraph in a table cell is never framed: Word and LibreOffice 7.4
 * draw a w:framePr paragraph of a cell in the cell, where it stands, and
 * the row takes its height.  vn-gr2-baocao (Word's PDF) p22 to p30: the
 * nested tables of its use cases have w:framePr (wrap around, from the
 * margin, 111 twips below the text) on every paragraph, 141 in all;
 * Word and LibreOffice draw them as plain cell text, vndoc floated each
 * one at the margin, over the outer table, and the nested rows kept one
 * empty line.  LibreOffice does the same in a cell of a table that is not
 * nested (soffice on a document of our own).
 */
void vndoc_docx__frames_drop(vndoc_docx_story *s, size_t from)
{
	for (size_t i = from; i < s->n_blocks; i++)
		if (s->blocks[i].kind == VNDOC_DOCX_BLOCK_PARA)
			s->blocks[i].u.para.ppr.frame.set = false;
}

void vndoc_docx__frame_in_place(vndoc_docx_para *p)
{
	vndoc_docx_story inner;
	vndoc_docx_inline in;
	vndoc_docx_frame fr = p->ppr.frame;

	if (!fr.set || fr.y_align == VNDOC_DOCX_FRAME_INLINE)
		return;
	inner.n_blocks = 1;
	inner.blocks = vndoc_xcalloc(1, sizeof *inner.blocks);
	inner.blocks[0].kind = VNDOC_DOCX_BLOCK_PARA;
	inner.blocks[0].u.para = *p;
	inner.blocks[0].u.para.ppr.frame.set = false;
	inner.blocks[0].u.para.section = -1;
	in = frame_float(&fr, inner, &p->mark);
	/* The host keeps the block's place (the sections count blocks) and
	 * takes no room: no spacing, no border, a line of 1 twip. */
	p->inlines = vndoc_xcalloc(1, sizeof *p->inlines);
	p->inlines[0] = in;
	p->n_inlines = 1;
	p->ppr.frame.set = false;
	p->ppr.space_before = p->ppr.space_after = 0;
	p->ppr.auto_before = p->ppr.auto_after = false;
	p->ppr.line = 1;
	p->ppr.line_rule = VNDOC_DOCX_LINE_EXACT;
	p->ppr.num_id = 0;
	p->ppr.border_top.style = p->ppr.border_bottom.style = VNDOC_DOCX_BORDER_NONE;
	p->ppr.outline_level = -1;
}
