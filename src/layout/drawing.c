/*
 * layout/drawing.c: drawings of shapes (docx/shapes.c, docx/vml.c) put on
 * a page: a SHAPE box per shape, an IMAGE box per picture of a group, and
 * the story of a text box laid out inside its shape as a header is
 * (vndoc_layout__stack_story), within its insets, at its vertical anchor;
 * a text box that grows to its text (spAutoFit) grows downwards, as
 * LibreOffice grows it.
 *
 * The boxes borrow the layout's copies of the shapes (the document may go
 * before the layout); a streamed layout lets them go with their page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "layout/place.h"

static void shape_free(gpointer p)
{
	vndoc_docx_shape *s = p;
	free(s->path);
	free(s);
}

/* The layout's copy of `s` (without its text), for a box to borrow. */
static const vndoc_docx_shape *keep_shape(vndoc_layout *l, const vndoc_docx_shape *s)
{
	vndoc_docx_shape *c = vndoc_xmalloc(sizeof *c);
	*c = *s;
	c->text = NULL;
	c->path = NULL;
	if (s->n_path) {
		c->path = vndoc_xreallocarray(NULL, s->n_path, sizeof *c->path);
		memcpy(c->path, s->path, s->n_path * sizeof *c->path);
	}
	if (!l->shapes)
		l->shapes = g_ptr_array_new_with_free_func(shape_free);
	g_ptr_array_add(l->shapes, c);
	return c;
}

/* A warning of the layout, once. */
static void warn(vndoc_layout *l, const char *msg)
{
	for (size_t i = 0; i < l->n_warnings; i++)
		if (!strcmp(l->warnings[i], msg))
			return;
	l->warnings = vndoc_xreallocarray(l->warnings, l->n_warnings + 1, sizeof *l->warnings);
	l->warnings[l->n_warnings++] = vndoc_xstrdup(msg);
}

/* The text of text box `tb` laid out at `width`; false (with a warning)
 * when it cannot be: the shape is drawn without it. */
static bool measure_text(vndoc_layout *l, const vndoc_docx_text_box *tb, double width, vndoc_layout__stack *st)
{
	vndoc_error e;
	char msg[320];
	vndoc_error_clear(&e);
	if (vndoc_layout__stack_story(l, &tb->story, width > 1 ? width : 1, st, 1, &e) == 0)
		return true;
	vndoc_layout__stack_dispose(st);
	snprintf(msg, sizeof msg, "text box not drawn: %s", e.message);
	warn(l, msg);
	return false;
}

/* The lines and cells of a text box's stack, its top left corner at x, y. */
static void put_text(vndoc_layout *l, vndoc_page *pg, vndoc_story_kind story, const vndoc_layout__stack *st,
		     double x, double y)
{
	for (size_t c = 0; c < st->n_cells; c++) {
		vndoc_box *b = vndoc_layout__push_box(pg);
		*b = st->cells[c];
		b->story = story;
		b->x += x;
		b->y += y;
	}
	for (size_t i = 0; i < st->n; i++)
		vndoc_layout__put_line(l, pg, story, st->items[i].line, x + st->items[i].x, y + st->items[i].y);
}

/* One shape in the box x, y, w, h, with its text. */
static void put_shape(vndoc_layout *l, vndoc_page *pg, vndoc_story_kind story, const vndoc_docx_shape *s,
		      double x, double y, double w, double h)
{
	const vndoc_docx_text_box *tb = s->text;
	vndoc_layout__stack st;
	bool text = false;
	double dy = 0;
	vndoc_box *b;

	if (s->kind == VNDOC_DOCX_SHAPE_PICTURE) {
		if (s->image >= l->n_images)
			return;
		b = vndoc_layout__push_box(pg);
		b->kind = VNDOC_BOX_IMAGE;
		b->story = story;
		b->x = x, b->y = y, b->w = w, b->h = h;
		b->image = &l->images[s->image];
		return;
	}
	if (tb) {
		double room = h - tb->inset[VNDOC_DOCX_TOP] - tb->inset[VNDOC_DOCX_BOTTOM];
		text = measure_text(l, tb, w - tb->inset[VNDOC_DOCX_LEFT] - tb->inset[VNDOC_DOCX_RIGHT], &st);
		if (text && tb->grow && st.height > room) {
			h += st.height - room;
			room = st.height;
		}
		if (text && tb->anchor == VNDOC_DOCX_CELL_CENTER)
			dy = (room - st.height) / 2;
		else if (text && tb->anchor == VNDOC_DOCX_CELL_BOTTOM)
			dy = room - st.height;
	}
	b = vndoc_layout__push_box(pg);
	b->kind = VNDOC_BOX_SHAPE;
	b->story = story;
	b->x = x, b->y = y, b->w = w, b->h = h;
	b->shape = keep_shape(l, s);
	if (text) {
		size_t n0 = pg->n_boxes;
		put_text(l, pg, story, &st, x + tb->inset[VNDOC_DOCX_LEFT], y + tb->inset[VNDOC_DOCX_TOP] + dy);
		vndoc_layout__stack_dispose(&st);
		/* Word turns the text with its shape (not mirrored by a flip);
		 * a VML text box's text stays level */
		for (size_t i = n0; s->rotation != 0 && !tb->level && i < pg->n_boxes; i++) {
			pg->boxes[i].rotation = s->rotation;
			pg->boxes[i].pivot_x = x + w / 2;
			pg->boxes[i].pivot_y = y + h / 2;
		}
	}
}

void vndoc_layout__put_drawing(vndoc_layout *l, vndoc_page *pg, vndoc_story_kind story,
			       const vndoc_docx_drawing *d, double x, double y, double w, double h,
			       vndoc_layout__layer layer, long z)
{
	double sx = d->w > 0 ? w / d->w : 1, sy = d->h > 0 ? h / d->h : 1;
	size_t n0 = pg->n_boxes;

	for (size_t i = 0; i < d->n_shapes; i++) {
		const vndoc_docx_shape *s = &d->shapes[i];
		/* a rule as wide as its column (rel_w) has no width of its own */
		double sw = d->w > 0 ? s->w * sx : w;
		put_shape(l, pg, story, s, x + s->x * sx, y + s->y * sy, sw, s->h * sy);
	}
	for (size_t i = n0; i < pg->n_boxes; i++) {
		pg->boxes[i].layer = (signed char)layer;
		pg->boxes[i].z = z;
	}
}

/* Behind the text by z, the text, over it by z; else in order. */
static int layer_order(const void *a, const void *b)
{
	const vndoc_box *x = a, *y = b;
	if (x->layer != y->layer)
		return x->layer < y->layer ? -1 : 1;
	if (x->layer && x->z != y->z)
		return x->z < y->z ? -1 : 1;
	return 0;
}

/* A stable merge sort of b[0, n) by layer_order, through tmp (n boxes). */
static void sort_boxes(vndoc_box *b, vndoc_box *tmp, size_t n)
{
	size_t h = n / 2, i = 0, j = h, k = 0;
	if (n < 2)
		return;
	sort_boxes(b, tmp, h);
	sort_boxes(b + h, tmp, n - h);
	while (i < h && j < n)
		tmp[k++] = layer_order(&b[j], &b[i]) < 0 ? b[j++] : b[i++];
	while (i < h)
		tmp[k++] = b[i++];
	while (j < n)
		tmp[k++] = b[j++];
	memcpy(b, tmp, n * sizeof *b);
}

void vndoc_layout__sort_layers(vndoc_page *pg)
{
	bool any = false;
	vndoc_box *tmp;
	for (size_t i = 0; i < pg->n_boxes && !any; i++)
		any = pg->boxes[i].layer != 0;
	if (!any)
		return;
	tmp = vndoc_xreallocarray(NULL, pg->n_boxes, sizeof *tmp);
	sort_boxes(pg->boxes, tmp, pg->n_boxes);
	free(tmp);
}

void vndoc_layout__drawings_dispose(vndoc_layout *l)
{
	if (l->shapes)
		g_ptr_array_unref(l->shapes);
	l->shapes = NULL;
}
