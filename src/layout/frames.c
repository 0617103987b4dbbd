/*
 * layout/frames.c: the size of a w:framePr frame, which docx/frames.c made
 * a floating text box: without w:w it is as wide as the widest line of its
 * text laid out in the room of its anchor (LibreOffice's auto-width
 * frame); without an exact w:h as high as its text (at least w:h).  The
 * floats of floats.c ask here before they are placed, so that a page
 * number framed at the right ends at the right margin.
 */
#include <math.h>

#include "layout/layout_internal.h"

void vndoc_layout__float_size(vndoc_layout *l, const vndoc_docx_inline *in, double room, double *w, double *h)
{
	const vndoc_docx_drawing *d = in->drawing;
	const vndoc_docx_text_box *tb;
	vndoc_layout__stack st;
	vndoc_error e;
	double widest = 0;

	*w = in->image_w;
	*h = in->image_h;
	if (!d || d->n_shapes != 1 || !(tb = d->shapes[0].text) || !(d->fit_w || tb->grow))
		return;
	vndoc_error_clear(&e);
	/* A failure is reported when the text box is drawn (drawing.c). */
	if (vndoc_layout__stack_story(l, &tb->story, d->fit_w ? (room > 1 ? room : 1) : (*w > 1 ? *w : 1), &st, 1,
				      &e) != 0)
		return;
	for (size_t i = 0; i < st.n; i++) {
		/* the letters' width, not where the alignment put them */
		if (st.items[i].line->w > widest)
			widest = st.items[i].line->w;
	}
	if (d->fit_w)
		*w = ceil(widest * 100 + 1) / 100; /* lines laid out again at it keep their breaks */
	if (st.height > *h)
		*h = st.height;
	vndoc_layout__stack_dispose(&st);
}
