/*
 * layout/layout.c: the layout engine's passes, streaming, and the getters
 * of a finished layout.  Read this comment first: it is the map of the
 * engine.
 *
 * THE MODEL.  The input is the resolved document of docx/ (every property
 * already looked up through styles, numbering and defaults); the output is
 * a list of pages, each a flat array of boxes (vndoc_box: lines, cells,
 * rules, pictures, leaders) in page coordinates, points from the top left.
 * Renderers (render/pdf.c, render/dump.c) only walk the boxes.  Lines are
 * PangoLayoutLines that the boxes borrow; nothing is laid out twice for
 * drawing.  The engine is in two layers:
 *
 *   measuring, which knows nothing of pages:
 *     inline.c        a paragraph's inlines as one Pango text + attributes
 *     line.c          each Pango line's height, pictures, notes, leaders
 *     para_measure.c  a paragraph as segments (cut at explicit page and
 *                     column breaks), each a list of lines with heights
 *     table_measure.c a table's grid and rows, each cell's content a stack
 *     stack.c         a story without page breaks (cell, header, footer,
 *                     footnote): its lines one below the other
 *   placing, which puts measured blocks on pages (state: the flow of
 *   place.h, one named part per concern):
 *     section.c       a section: its pages begun, its blocks in order
 *     place_para.c    a paragraph: spacing, keeps, widows and orphans
 *     place_table.c   a table: rows split over pages, header rows
 *                     repeated, vertically merged cells
 *     page.c          a page opened and finished, its header and footer
 *     columns.c       column areas, the separator, balancing
 *     floats.c        floating pictures and the room they leave text
 *     notes.c         the footnote area at a page's foot
 *
 * The flow is a cursor (page, y, the spacing the paragraph before left) in
 * an area (the page's body less its footnotes, or a column).  Placing a
 * paragraph takes its lines while they fit, keeps what widow, orphan and
 * keep rules say, and asks for the next area (next column, else a new
 * page) for the rest.  Nothing is ever moved back: a decision is final
 * once a line is on a page, except while balancing (below).
 *
 * THREE PASSES, and why.  PAGE and NUMPAGES in the body change the text,
 * so the lines, so the pages: a first pass (only when the body has such a
 * field) places everything to learn on which page each body block begins
 * (kept as runs of blocks, so memory grows with pages, not blocks) and the
 * number of pages; the real pass measures each block with those values.
 * Headers and footers are laid out last, on each finished page, when PAGE
 * and NUMPAGES are known; when streaming, a page must go out before the
 * total is known, so NUMPAGES in a header or footer asks for a pass that
 * only counts pages (no page is kept).  A document without fields is laid
 * out once.  The values the first pass finds are used as they are (not
 * iterated to a fixed point).
 *
 * THREE WINDOWS, and why.  A 1,000-page document must not hold 1,000 pages
 * of Pango layouts (vndoc batch renders many documents at once on small
 * machines), so the engine holds:
 *   - blocks: a window of the section's blocks, from the one being placed
 *     to the last one looked at ahead (keep with next); a placed block is
 *     let go, and so is the document's block (docx streams its body:
 *     vndoc_docx_block_get, _release);
 *   - table rows: a table keeps its header rows (repeated on each page)
 *     and the rows its merged cells reach; the others are measured when
 *     placing reaches them and let go once placed (table_measure.c);
 *   - pages: vndoc_layout_stream hands each finished page to the caller
 *     and keeps only the page being filled, with the Pango layouts its
 *     lines borrow (page_refs).
 * The windows are why measuring happens on demand (measure_block,
 * vndoc_layout__table_rows) and why PAGE and NUMPAGES are per block.
 *
 * COLUMN BALANCING.  When a section with columns is followed by a
 * continuous section on the same page, LibreOffice makes the columns of
 * its last page as short as they can be (the first columns as full as that
 * height allows).  The engine holds the blocks placed on each page of such
 * a section, takes a snapshot of the flow as the columns begin on a page
 * (vndoc_layout__snapshot: only what a trial changes), and at the
 * section's end places the last page again in columns of a trial height,
 * by bisection.  A trial must not begin a page: new_page then records the
 * outcome TRIAL_FULL and placing stops (vndoc_layout__stopped); a table is
 * never placed twice (TRIAL_NOBAL: the columns stay as they are).  The
 * outcome travels in the flow, not in the error codes.
 *
 * LIBREOFFICE'S RULES.  The reference is LibreOffice 7.4 (Debian 12)
 * converting Word documents to PDF; the rules were measured on small
 * fixtures of ours (tests/fixtures/render, tests/fixtures/fidelity) with
 * `soffice --headless --convert-to pdf` and `pdftotext -bbox-layout`, and
 * bench/fidelity/run.sh compares the two engines on all of them.  The rule
 * is written where it is applied, with what was measured: line heights
 * (line gap above the ascent, exact and at-least lines, proportional
 * spacing: line.c), spacing between paragraphs (the larger of after and
 * before, none at the top of a page begun by overflow: place_para.c),
 * footnote area and splitting (notes.c), wrapping around pictures
 * (SwTextFly, TEXT_MIN_SMALL: floats.c), row splitting, merged cells and
 * borders (place_table.c, table_measure.c), column balancing (columns.c),
 * w:position and small caps (inline.c).  The target is LibreOffice's
 * output, not Word's; where the two agree, the comment says so.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "layout/place.h"


static void push_run(vndoc_layout *l, size_t block, int page)
{
	if (l->n_found_runs && l->found_runs[l->n_found_runs - 1].page == page)
		return;
	if (l->n_found_runs == l->cap_found_runs) {
		l->cap_found_runs = l->cap_found_runs ? l->cap_found_runs * 2 : 16;
		l->found_runs = vndoc_xreallocarray(l->found_runs, l->cap_found_runs, sizeof *l->found_runs);
	}
	l->found_runs[l->n_found_runs].block = block;
	l->found_runs[l->n_found_runs++].page = page;
}

/* Notes the page the current body block begins on (PAGE in the body).
 * Blocks are met in order; one never placed has 0. */
void vndoc_layout__mark_block(vndoc_layout__flow *f)
{
	vndoc_layout *l = f->l;
	size_t b = f->cur.block;
	if (f->bal.trial || !l->finding || b >= l->n_block_pages || b < l->found_end)
		return;
	if (b > l->found_end)
		push_run(l, l->found_end, 0);
	push_run(l, b, f->cur.page->page_number);
	l->found_end = b + 1;
}

/* The page block `b` began on in the first pass. */
int vndoc_layout__block_page(const vndoc_layout *l, size_t b)
{
	size_t lo = 0, hi = l->n_block_runs;
	if (b >= l->block_runs_end || !hi)
		return 0;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->block_runs[mid].block <= b)
			lo = mid;
		else
			hi = mid;
	}
	return l->block_runs[lo].block <= b ? l->block_runs[lo].page : 0;
}

/* Debug builds: the invariants of the pass's pages (check.c). */
static int check_pass(vndoc_layout *l, vndoc_error *err)
{
	int error;
	if (!VNDOC_LAYOUT__CHECKS)
		return 0;
	for (size_t p = 0; !l->stream && p < l->n_pages; p++)
		if ((error = vndoc_layout__check_page(l, &l->pages[p], err)) < 0)
			return error;
	return vndoc_layout__check_pass(l, err);
}

static int run_pass(vndoc_layout *l, const vndoc_layout_options *opts, vndoc_error *err)
{
	const vndoc_docx *doc = l->doc;
	vndoc_layout__flow f;
	int error;

	memset(&f, 0, sizeof f);
	l->n_checked = 0;
	f.l = l;
	f.err = err;
	f.num.next = 1;
	if (doc->n_notes) {
		f.notes.h = vndoc_xreallocarray(NULL, doc->n_notes, sizeof *f.notes.h);
		f.notes.after = vndoc_xreallocarray(NULL, doc->n_notes, sizeof *f.notes.after);
		for (size_t i = 0; i < doc->n_notes; i++)
			f.notes.h[i] = -1;
		f.notes.list = vndoc_xreallocarray(NULL, doc->n_notes, sizeof *f.notes.list);
		f.notes.pending = vndoc_xreallocarray(NULL, doc->n_notes, sizeof *f.notes.pending);
	}
	error = doc->n_notes ? vndoc_layout__notes_init(&f) : 0;
	for (size_t si = 0; si < doc->n_sections && error == 0; si++) {
		error = vndoc_layout__flow_section(&f, si);
		if (error == 0 && opts->progress)
			opts->progress(l->n_pages, opts->userdata);
	}
	if (error < 0) {
		free(f.floats.areas);
		free(f.notes.list);
		free(f.notes.pending);
		free(f.notes.h);
		free(f.notes.after);
		return error;
	}
	/* Footnotes of the last row that found no room: a page of their own. */
	error = f.notes.n_pending ? vndoc_layout__new_page(&f, true) : 0;
	if (error == 0)
		error = vndoc_layout__place_notes(&f);
	free(f.floats.areas);
	free(f.notes.list);
	free(f.notes.pending);
	free(f.notes.h);
	free(f.notes.after);
	if (error < 0)
		return error;
	if (l->stream)
		error = l->n_pages > l->n_released ? vndoc_layout__finish_page(l, err) : 0;
	else
		error = vndoc_layout__place_headers_footers(l, err);
	return error < 0 ? error : check_pass(l, err);
}

bool vndoc_layout__word(const vndoc_layout *l)
{
	return vndoc_docx_word_layout(l->doc);
}

/* Not in Word's own layout (compatibility mode 15): vn-gr2-baocao p25,
 * "chuẩn," 2.9 pt past a cell's margin, less than its comma, goes to the
 * next line in Word's PDF; d4j-gettingstarted (mode 14) hangs its stop. */
bool vndoc_layout__hanging_punct(const vndoc_layout *l)
{
	return l->doc->fe_layout && l->doc->ea_default && vndoc_layout__word_fonts(l) && !vndoc_layout__word(l);
}

/* Forgets the pages of a first pass. */
static void clear_pages(vndoc_layout *l)
{
	for (size_t i = 0; i < l->n_pages - l->n_released; i++)
		free(l->pages[i].boxes);
	l->n_pages = 0;
	l->n_released = 0;
	l->n_headings = 0;
	if (l->page_refs)
		g_ptr_array_set_size(l->page_refs, 0);
	g_ptr_array_set_size(l->pango, 0);
	g_ptr_array_set_size(l->strings, 0);
}

/* Does any header or footer print NUMPAGES? */
static bool hf_numpages(const vndoc_docx *doc)
{
	for (size_t i = 0; i < doc->n_stories; i++)
		if (vndoc_docx_story_has_fields(&doc->stories[i], true))
			return true;
	return false;
}

/* A new layout of `doc`: what it keeps of the document (metadata, and
 * copies of its pictures and warnings, which outlive the document). */
static vndoc_layout *layout_new(const vndoc_docx *doc)
{
	vndoc_layout *l = vndoc_xcalloc(1, sizeof *l);
	l->doc = doc;
	l->pango = g_ptr_array_new_with_free_func(g_object_unref);
	l->strings = g_ptr_array_new_with_free_func(g_free);
	l->shaping_keys = vndoc_layout__shaping_keys_new();
	l->field_page = 1;
	l->field_pages = 1;
	l->field_format = "decimal";
	snprintf(l->title, sizeof l->title, "%s", doc->title);
	snprintf(l->author, sizeof l->author, "%s", doc->author);
	snprintf(l->subject, sizeof l->subject, "%s", doc->subject);
	snprintf(l->keywords, sizeof l->keywords, "%s", doc->keywords);
	/* Pictures and warnings outlive the document: copy them. */
	if (doc->n_images) {
		l->images = vndoc_xcalloc(doc->n_images, sizeof *l->images);
		for (size_t i = 0; i < doc->n_images; i++) {
			l->images[i] = doc->images[i];
			l->images[i].data = vndoc_xmalloc(doc->images[i].len ? doc->images[i].len : 1);
			memcpy(l->images[i].data, doc->images[i].data, doc->images[i].len);
		}
		l->n_images = doc->n_images;
	}
	if (doc->n_warnings) {
		l->warnings = vndoc_xcalloc(doc->n_warnings, sizeof *l->warnings);
		for (size_t i = 0; i < doc->n_warnings; i++)
			l->warnings[i] = vndoc_xstrdup(doc->warnings[i]);
		l->n_warnings = doc->n_warnings;
	}
	return l;
}

static int run(vndoc_layout **out, const vndoc_docx *doc, const vndoc_layout_options *opts,
	       vndoc_layout_page_fn on_page, void *userdata, vndoc_error *err)
{
	vndoc_layout_options dflt = VNDOC_LAYOUT_OPTIONS_INIT;
	vndoc_layout *l;
	int error;

	*out = NULL;
	if (!opts)
		opts = &dflt;
	l = layout_new(doc);
	vndoc_layout__repairs_init(&l->repairs, opts);
	if ((error = vndoc_layout__fonts_init(l, opts->fonts, opts->fonts_conf, err)) < 0)
		goto fail;
	l->stream = on_page != NULL;
	l->count_last_page = INT_MIN;
	l->page_refs = g_ptr_array_new_with_free_func(g_object_unref);

	/* PAGE and NUMPAGES in the body: a first pass finds the page each
	 * block begins on and the number of pages; the second uses them. */
	/* Footnotes numbered on each page: the first pass finds the page of
	 * each reference too (note_numbers.c). */
	vndoc_layout__note_numbers_init(l);
	if (vndoc_docx_body_has_fields(doc, false) || l->note_pages) {
		vndoc_layout_options quiet = *opts;
		quiet.progress = NULL;
		l->n_block_pages = doc->body.n_blocks;
		l->finding = true;
		if ((error = run_pass(l, &quiet, err)) < 0)
			goto fail;
		l->finding = false;
		vndoc_layout__note_numbers_assign(l);
		l->body_pages = (int)l->n_pages;
		/* Leave PAGE and NUMPAGES as placing the headers would have. */
		if (l->stream && l->count_last_page != INT_MIN) {
			l->field_page = l->count_last_page;
			l->field_pages = (int)l->n_pages;
			l->field_format = l->count_last_format;
		}
		l->block_runs = l->found_runs;
		l->n_block_runs = l->n_found_runs;
		l->block_runs_end = l->found_end;
		l->found_runs = NULL;
		l->n_found_runs = l->cap_found_runs = 0;
		/* A run for every block, as if never placed blocks had begun on
		 * page 0 (what the first pass leaves for them). */
		if (!l->block_runs)
			l->block_runs = vndoc_xcalloc(1, sizeof *l->block_runs);
		clear_pages(l);
	}
	/* Streaming: NUMPAGES in a header or footer needs the number of
	 * pages before the first page goes out: a pass that only counts. */
	if (l->stream && hf_numpages(doc)) {
		vndoc_layout_options quiet = *opts;
		int page = l->field_page, pages = l->field_pages;
		const char *format = l->field_format;
		quiet.progress = NULL;
		if ((error = run_pass(l, &quiet, err)) < 0)
			goto fail;
		l->total_pages = (int)l->n_pages;
		clear_pages(l);
		l->field_page = page;
		l->field_pages = pages;
		l->field_format = format;
	}
	l->on_page = on_page;
	l->on_page_data = userdata;
	if ((error = run_pass(l, opts, err)) < 0)
		goto fail;
	l->on_page = NULL;
	l->doc = NULL; /* borrowed only during the run */
	*out = l;
	return 0;
fail:
	vndoc_layout_free(l);
	return error;
}

int vndoc_layout_run(vndoc_layout **out, const vndoc_docx *doc, const vndoc_layout_options *opts,
		     vndoc_error *err)
{
	return run(out, doc, opts, NULL, NULL, err);
}

int vndoc_layout_stream(vndoc_layout **out, const vndoc_docx *doc, const vndoc_layout_options *opts,
			vndoc_layout_page_fn on_page, void *userdata, vndoc_error *err)
{
	if (!on_page) {
		*out = NULL;
		return vndoc_error_set(err, VNDOC_EINVAL, "no page callback");
	}
	return run(out, doc, opts, on_page, userdata, err);
}

void vndoc_layout_free(vndoc_layout *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n_pages - l->n_released; i++)
		free(l->pages[i].boxes);
	free(l->pages);
	/* The held page borrows from these. */
	if (l->page_refs)
		g_ptr_array_free(l->page_refs, TRUE);
	/* Boxes borrow lines from these layouts: free them last. */
	if (l->pango)
		g_ptr_array_free(l->pango, TRUE);
	if (l->strings)
		g_ptr_array_free(l->strings, TRUE);
	if (l->shaping_keys)
		g_hash_table_destroy(l->shaping_keys);
	vndoc_layout__fonts_dispose(l);
	free(l->block_runs);
	free(l->headings);
	free(l->found_runs);
	vndoc_layout__note_numbers_dispose(l);
	for (size_t i = 0; i < l->n_images; i++)
		free(l->images[i].data);
	free(l->images);
	vndoc_layout__drawings_dispose(l);
	for (size_t i = 0; i < l->n_warnings; i++)
		free(l->warnings[i]);
	free(l->warnings);
	free(l);
}

size_t vndoc_layout_warning_count(const vndoc_layout *l)
{
	return l ? l->n_warnings : 0;
}

const char *vndoc_layout_warning(const vndoc_layout *l, size_t i)
{
	return l && i < l->n_warnings ? l->warnings[i] : NULL;
}

size_t vndoc_layout_page_count(const vndoc_layout *l)
{
	return l ? l->n_pages : 0;
}

const vndoc_page *vndoc_layout_page(const vndoc_layout *l, size_t i)
{
	return l && !l->stream && i < l->n_pages ? &l->pages[i] : NULL;
}

const char *vndoc_layout_title(const vndoc_layout *l)
{
	return l->title;
}

const char *vndoc_layout_author(const vndoc_layout *l)
{
	return l->author;
}

const char *vndoc_layout_subject(const vndoc_layout *l)
{
	return l->subject;
}

const char *vndoc_layout_keywords(const vndoc_layout *l)
{
	return l->keywords;
}

size_t vndoc_layout_heading_count(const vndoc_layout *l)
{
	return l ? l->n_headings : 0;
}

const vndoc_layout_heading *vndoc_layout_heading_at(const vndoc_layout *l, size_t i)
{
	return l && i < l->n_headings ? &l->headings[i] : NULL;
}
