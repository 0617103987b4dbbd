/*
 * layout/para_chunk.c: a long paragraph handed to Pango a piece at a time.
 *
 * Pango 1.50 breaks lines in time that grows with the square of a run's
 * length (at each line it shapes again the rest of the run it breaks), so
 * one 200,000-character paragraph without a space took minutes; and it
 * sums a run's width in an int, so a run wider than 2^31 Pango units
 * (about 2,000,000 pt: 80,000 words) overflowed and "fitted" on one line
 * wider than the page.  para_measure.c lays out a paragraph longer than
 * VNDOC_LIMIT_LAYOUT_CHUNK_BYTES a piece at a time, keeps the lines that
 * end well before the piece's end and goes on from there: the same lines,
 * in time linear in the paragraph's length.  This file says how long a
 * piece may be and gives each piece its spans and attributes in time that
 * depends on the piece, not on the paragraph.
 */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/limits.h"
#include "layout/para.h"

/* The widest a character can be under `rpr`, in points: four em (the
 * widest glyphs of our fonts are about two) and its letter spacing. */
static double widest(const vndoc_docx_rpr *rpr)
{
	double w = rpr->size / 2.0 * 4;
	if (rpr->spacing > 0)
		w += rpr->spacing / 20.0;
	return w > 1 ? w : 1;
}

int vndoc_layout__chunk_most(const vndoc_docx_rpr *mark, const vndoc_layout__span *spans, size_t n_spans,
			     int from, int to)
{
	size_t n;
	const vndoc_layout__span *s = vndoc_layout__spans_at(spans, n_spans, from, &n);
	double w = n ? 1 : widest(mark), bound;
	for (size_t i = 0; i < n && s[i].start < to; i++) {
		double x = s[i].rpr ? widest(s[i].rpr) : 1;
		if (s[i].in && s[i].in->kind == VNDOC_DOCX_INLINE_IMAGE && s[i].in->image_w > x)
			x = s[i].in->image_w;
		if (x > w)
			w = x;
	}
	/* A piece never holds a run wider than Pango can add up. */
	bound = VNDOC_LIMIT_LAYOUT_PIECE_PT / w;
	return bound < 64 ? 64 : bound > (double)(1 << 24) ? 1 << 24 : (int)bound;
}

int vndoc_layout__chunk_end(const char *text, int len, int from, int chunk)
{
	int end;
	if (len - from <= chunk)
		return len;
	end = from + chunk;
	/* at a character's first byte */
	while (end > from + 1 && ((unsigned char)text[end] & 0xC0) == 0x80)
		end--;
	return end;
}

const vndoc_layout__span *vndoc_layout__spans_at(const vndoc_layout__span *spans, size_t n_spans, int from,
						 size_t *n_out)
{
	size_t lo = 0, hi = n_spans;
	/* spans follow each other: the first one ending after `from` */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (spans[mid].end <= from)
			lo = mid + 1;
		else
			hi = mid;
	}
	*n_out = n_spans - lo;
	return spans + lo;
}

void vndoc_layout__window_init(vndoc_layout__window *w, PangoAttrList *attrs)
{
	GSList *all = pango_attr_list_get_attributes(attrs), *a;
	size_t n = 0;
	memset(w, 0, sizeof *w);
	w->all = vndoc_xcalloc(g_slist_length(all) + 1, sizeof *w->all);
	w->active = vndoc_xcalloc(g_slist_length(all) + 1, sizeof *w->active);
	for (a = all; a; a = a->next)
		w->all[n++] = a->data;
	w->n = n;
	g_slist_free(all);
}

void vndoc_layout__window_free(vndoc_layout__window *w)
{
	for (size_t i = 0; i < w->n; i++)
		pango_attribute_destroy(w->all[i]);
	free(w->all);
	free(w->active);
	memset(w, 0, sizeof *w);
}

PangoAttrList *vndoc_layout__window_attrs(vndoc_layout__window *w, int from, int to)
{
	PangoAttrList *list = pango_attr_list_new();
	size_t k = 0;
	/* `from` only grows: what ended before it is gone for good */
	for (size_t i = 0; i < w->n_active; i++)
		if (w->all[w->active[i]]->end_index > (guint)from)
			w->active[k++] = w->active[i];
	w->n_active = k;
	while (w->next < w->n && w->all[w->next]->start_index < (guint)to) {
		if (w->all[w->next]->end_index > (guint)from)
			w->active[w->n_active++] = w->next;
		w->next++;
	}
	for (size_t i = 0; i < w->n_active; i++) {
		PangoAttribute *a = pango_attribute_copy(w->all[w->active[i]]);
		a->start_index = a->start_index > (guint)from ? a->start_index - (guint)from : 0;
		if (a->end_index != PANGO_ATTR_INDEX_TO_TEXT_END)
			a->end_index -= (guint)from;
		pango_attr_list_insert(list, a);
	}
	return list;
}
