/*
 * layout/note_numbers.c: footnotes numbered again on each page
 * (footnotePr w:numRestart="eachPage", vndoc_docx.notes_each_page), as
 * LibreOffice numbers them (its footnote settings: "per page").  A
 * reference's number is text of its line, measured before the page is
 * known: the first pass (layout.c) notes the page each reference is placed
 * on, in order; the real pass gives each footnote, its reference and its
 * own label, its number among that page's (from numStart, in numFmt).  As
 * for PAGE in the body, the first pass's pages are taken as they are.
 */
#include <stdlib.h>

#include "core/alloc.h"
#include "layout/layout_internal.h"

void vndoc_layout__note_numbers_init(vndoc_layout *l)
{
	size_t n = l->doc->n_notes;
	if (!l->doc->notes_each_page || !n || l->note_pages)
		return;
	l->note_pages = vndoc_xcalloc(n, sizeof *l->note_pages);
	l->note_order = vndoc_xcalloc(n, sizeof *l->note_order);
}

void vndoc_layout__note_found(vndoc_layout *l, int note, int page)
{
	if (!l->note_pages || !l->finding || note < 0 || (size_t)note >= l->doc->n_notes)
		return;
	l->note_pages[note] = page;
	l->note_order[note] = ++l->n_notes_found;
}

static const vndoc_layout *sort_layout; /* qsort has no user data in C11 */

static int by_page_then_order(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	const vndoc_layout *l = sort_layout;
	if (l->note_pages[x] != l->note_pages[y])
		return l->note_pages[x] < l->note_pages[y] ? -1 : 1;
	return l->note_order[x] < l->note_order[y] ? -1 : l->note_order[x] > l->note_order[y];
}

void vndoc_layout__note_numbers_assign(vndoc_layout *l)
{
	const vndoc_docx *doc = l->doc;
	int *idx, start = doc->note_start > 0 ? doc->note_start : 1, page = 0, k = 0;
	size_t n = 0;
	if (!l->note_pages)
		return;
	idx = vndoc_xreallocarray(NULL, doc->n_notes, sizeof *idx);
	for (size_t i = 0; i < doc->n_notes; i++)
		if (l->note_pages[i] > 0)
			idx[n++] = (int)i;
	sort_layout = l;
	qsort(idx, n, sizeof *idx, by_page_then_order);
	sort_layout = NULL;
	free(l->note_labels);
	l->note_labels = vndoc_xcalloc(doc->n_notes, sizeof *l->note_labels);
	for (size_t i = 0; i < n; i++) {
		if (l->note_pages[idx[i]] != page) {
			page = l->note_pages[idx[i]];
			k = 0;
		}
		vndoc_docx_format_number(l->note_labels[idx[i]], sizeof l->note_labels[0],
					 doc->note_format[0] ? doc->note_format : "decimal", start + k++);
	}
	free(idx);
}

const char *vndoc_layout__note_text(const vndoc_layout *l, const vndoc_docx_inline *in)
{
	const char *own = in->text ? in->text : "";
	/* A custom mark (an empty label) stays as the document has it. */
	if (!l->note_labels || in->note < 0 || (size_t)in->note >= l->doc->n_notes || !*own ||
	    !l->note_labels[in->note][0])
		return own;
	return l->note_labels[in->note];
}

void vndoc_layout__note_numbers_dispose(vndoc_layout *l)
{
	free(l->note_pages);
	free(l->note_order);
	free(l->note_labels);
	l->note_pages = NULL;
	l->note_order = NULL;
	l->note_labels = NULL;
}
