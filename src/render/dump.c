/*
 * render/dump.c: the walker, and the text dump of a layout (tests,
 * `vndoc render --dump-layout`).
 */
#include <string.h>

#include "render/render.h"
#include "render/shape.h"

int vndoc_render_walk(const vndoc_layout *l, const vndoc_render_callbacks *cb, void *userdata)
{
	int error;
	for (size_t p = 0; p < vndoc_layout_page_count(l); p++) {
		const vndoc_page *pg = vndoc_layout_page(l, p);
		if (cb->begin_page && (error = cb->begin_page(pg, userdata)) < 0)
			return error;
		for (size_t i = 0; i < pg->n_boxes; i++)
			if (cb->box && (error = cb->box(pg, &pg->boxes[i], userdata)) < 0)
				return error;
		if (cb->end_page && (error = cb->end_page(pg, userdata)) < 0)
			return error;
	}
	return 0;
}

/* -0.0 prints as "-0.0"; a layout never means that. */
static double tidy(double v)
{
	return v > -0.05 && v < 0.05 ? 0.0 : v;
}

static void put_quoted(vndoc_buf *out, const char *s)
{
	vndoc_buf_putc(out, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			vndoc_buf_putc(out, '\\');
			vndoc_buf_putc(out, (char)c);
		} else if (c == '\t') {
			vndoc_buf_puts(out, "\\t");
		} else if (c < 0x20) {
			vndoc_buf_printf(out, "\\x%02x", c);
		} else {
			vndoc_buf_putc(out, (char)c);
		}
	}
	vndoc_buf_putc(out, '"');
}

static int dump_page(const vndoc_page *pg, void *userdata)
{
	vndoc_buf *out = userdata;
	vndoc_buf_printf(out, "page %d %.1fx%.1f", pg->number, tidy(pg->w), tidy(pg->h));
	if (pg->page_number != pg->number)
		vndoc_buf_printf(out, " number=%d", pg->page_number);
	if (pg->blank)
		vndoc_buf_puts(out, " blank");
	vndoc_buf_putc(out, '\n');
	return vndoc_buf_failed(out) ? VNDOC_ELIMIT : 0;
}

static int dump_box(const vndoc_page *pg, const vndoc_box *b, void *userdata)
{
	static const char *const story[] = { "line", "header", "footer", "footnote" };
	vndoc_buf *out = userdata;
	(void)pg;
	if (b->kind == VNDOC_BOX_RULE) {
		vndoc_buf_printf(out, "  rule x=%.1f y=%.1f w=%.1f h=%.1f%s\n", tidy(b->x), tidy(b->y),
				 tidy(b->w), tidy(b->h), b->vertical ? " vertical" : "");
	} else if (b->kind == VNDOC_BOX_IMAGE) {
		vndoc_buf_printf(out, "  image x=%.1f y=%.1f w=%.1f h=%.1f ", tidy(b->x), tidy(b->y),
				 tidy(b->w), tidy(b->h));
		put_quoted(out, b->image ? b->image->part : "");
		vndoc_buf_putc(out, '\n');
	} else if (b->kind == VNDOC_BOX_SHAPE) {
		if (b->shape)
			vndoc_render__dump_shape(out, b->shape, b->x, b->y, b->w, b->h);
	} else if (b->kind == VNDOC_BOX_LEADER) {
		vndoc_buf_printf(out, "  leader y=%.1f x=%.1f w=%.1f h=%.1f ", tidy(b->y), tidy(b->x), tidy(b->w),
				 tidy(b->h));
		put_quoted(out, b->text ? b->text : "");
		vndoc_buf_putc(out, '\n');
	} else if (b->kind == VNDOC_BOX_CELL) {
		vndoc_buf_printf(out, "  cell r%dc%d x=%.1f y=%.1f w=%.1f h=%.1f\n", b->row, b->col,
				 tidy(b->x), tidy(b->y), tidy(b->w), tidy(b->h));
	} else {
		vndoc_buf_printf(out, "  %s y=%.1f x=%.1f w=%.1f h=%.1f ", story[b->story], tidy(b->y),
				 tidy(b->x), tidy(b->w), tidy(b->h));
		put_quoted(out, b->text ? b->text : "");
		if (b->rotation != 0)
			vndoc_buf_printf(out, " rot=%.0f", b->rotation);
		vndoc_buf_putc(out, '\n');
	}
	return vndoc_buf_failed(out) ? VNDOC_ELIMIT : 0;
}

int vndoc_render_dump(const vndoc_layout *l, vndoc_buf *out)
{
	static const vndoc_render_callbacks cb = { dump_page, dump_box, NULL };
	return vndoc_render_walk(l, &cb, out);
}
