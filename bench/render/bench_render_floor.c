/*
 * bench_render_floor: the floor of bench/render (bench/README.md): how long
 * Pango and Cairo alone take to shape and draw the lines vndoc laid out,
 * with no layout logic, against vndoc's own time for the same documents
 * in the same process.
 *
 *   bench_render_floor [-r RUNS] [-o DIR] FILE.docx...
 *
 * Untimed, each document is read and laid out by vndoc once; its plan is
 * kept: the pages' sizes and, for each line of text (and tab leader), its
 * text, its Pango attributes (fonts, sizes, styles of its runs) and its
 * position.  Then, RUNS times each, best kept:
 *
 *   floor: for each document, a Cairo PDF surface; for each page, for each
 *          line, one PangoLayout of the line's text with the line's
 *          attributes, from the context vndoc laid it out with (the same
 *          fonts), drawn at the line's top-left with
 *          pango_cairo_show_layout; the PDF's bytes counted and dropped
 *          (-o DIR: also written to DIR/NAME.pdf once, untimed, to look at).
 *   vndoc: for each document, what `vndoc render f1 f2 ... --outdir D`
 *          does in one process: the package opened, the DOCX read, laid
 *          out, and drawn to PDF (pictures, borders and all), into memory.
 *
 * Both keep one vndoc_layout_fonts for all the documents, as the one-call
 * render does, and both run after the untimed pass (fonts loaded, caches
 * warm).  Prints on standard output:
 *
 *   floor: S s for N documents, L lines, P pages (best of RUNS)
 *   vndoc: S s for N documents (best of RUNS)
 *
 * in seconds of CPU time (user + system, this process), and the runs on
 * standard error.  Exit 1 if a document cannot be laid out.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "core/error.h"
#include "docx/docx.h"
#include "layout/layout.h"
#include "package/package.h"
#include "render/render.h"

static const char usage[] = "usage: bench_render_floor [-r RUNS] [-o DIR] FILE.docx...\n";

/* A line of the plan: what the floor draws. */
typedef struct line {
	double x, y;             /* top-left of the line's box */
	char *text;              /* the line's own text (UTF-8) */
	PangoAttrList *attrs;    /* the paragraph's attributes, shifted to the line */
	PangoFontDescription *font; /* the paragraph layout's font, or NULL */
	PangoContext *ctx;       /* vndoc's context (a reference) */
} line;

typedef struct page {
	double w, h;
	line *lines;
	size_t n, cap;
} page;

typedef struct plan {
	const char *path;
	page *pages;
	size_t n_pages;
} plan;

/* CPU time of the process: on a shared machine the wall time swings with
 * the other work (tenfold on a 2-CPU VM with a load of 10), CPU time much
 * less; both sides run on this one thread. */
static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) {
		fputs("bench_render_floor: out of memory\n", stderr);
		exit(2);
	}
	return q;
}

/* Copies a laid-out line into the plan: its slice of the paragraph's text,
 * and the paragraph's attributes moved so that the slice starts at 0. */
static void plan_line(page *pg, const vndoc_box *b)
{
	PangoLayout *pl = b->line->layout;
	const char *all = pango_layout_get_text(pl);
	const PangoFontDescription *fd = pango_layout_get_font_description(pl);
	PangoAttrList *attrs = pango_layout_get_attributes(pl);
	int start = b->line->start_index, len = b->line->length;
	line *l;

	if (pg->n == pg->cap) {
		pg->cap = pg->cap ? 2 * pg->cap : 64;
		pg->lines = xrealloc(pg->lines, pg->cap * sizeof *pg->lines);
	}
	l = &pg->lines[pg->n++];
	l->x = b->x;
	l->y = b->y;
	l->text = g_strndup(all + start, (gsize)len);
	l->attrs = attrs ? pango_attr_list_copy(attrs) : pango_attr_list_new();
	if (start > 0)
		pango_attr_list_update(l->attrs, 0, start, 0);
	l->font = fd ? pango_font_description_copy(fd) : NULL;
	l->ctx = g_object_ref(pango_layout_get_context(pl));
}

static int plan_make(plan *p, const char *path, vndoc_layout_fonts *fonts, size_t *n_lines)
{
	vndoc_layout_options lo = VNDOC_LAYOUT_OPTIONS_INIT;
	vndoc_package *pkg = NULL;
	vndoc_docx *doc = NULL;
	vndoc_layout *l = NULL;
	vndoc_error err;
	char msg[1024];
	int rc;

	vndoc_error_clear(&err);
	lo.fonts = fonts;
	p->path = path;
	if ((rc = vndoc_package_open(&pkg, path, &err)) == 0 && (rc = vndoc_docx_load(&doc, pkg, &err)) == 0)
		rc = vndoc_layout_run(&l, doc, &lo, &err);
	if (rc == 0) {
		p->n_pages = vndoc_layout_page_count(l);
		p->pages = calloc(p->n_pages ? p->n_pages : 1, sizeof *p->pages);
		for (size_t i = 0; i < p->n_pages; i++) {
			const vndoc_page *vp = vndoc_layout_page(l, i);
			page *pg = &p->pages[i];
			pg->w = vp->w;
			pg->h = vp->h;
			for (size_t k = 0; k < vp->n_boxes; k++) {
				const vndoc_box *b = &vp->boxes[k];
				if ((b->kind == VNDOC_BOX_LINE || b->kind == VNDOC_BOX_LEADER) && b->line &&
				    b->line->length > 0)
					plan_line(pg, b);
			}
			*n_lines += pg->n;
		}
	} else {
		fprintf(stderr, "bench_render_floor: %s: %s\n", path, vndoc_error_format(&err, msg, sizeof msg));
	}
	vndoc_layout_free(l);
	vndoc_docx_free(doc);
	vndoc_package_free(pkg);
	return rc;
}

static void plan_free(plan *p)
{
	for (size_t i = 0; i < p->n_pages; i++) {
		for (size_t k = 0; k < p->pages[i].n; k++) {
			line *l = &p->pages[i].lines[k];
			g_free(l->text);
			pango_attr_list_unref(l->attrs);
			if (l->font)
				pango_font_description_free(l->font);
			g_object_unref(l->ctx);
		}
		free(p->pages[i].lines);
	}
	free(p->pages);
}

static cairo_status_t count_bytes(void *closure, const unsigned char *data, unsigned int len)
{
	(void)data;
	*(size_t *)closure += len;
	return CAIRO_STATUS_SUCCESS;
}

/* The floor for one document: each line one PangoLayout, drawn. */
__attribute__((noinline)) static void floor_draw(const plan *p, const char *dir)
{
	size_t bytes = 0;
	cairo_surface_t *s;
	double w = p->n_pages ? p->pages[0].w : 595, h = p->n_pages ? p->pages[0].h : 842;

	if (dir) {
		const char *base = strrchr(p->path, '/') ? strrchr(p->path, '/') + 1 : p->path;
		char out[4096];
		size_t stem = strlen(base);
		if (stem > 5 && !strcmp(base + stem - 5, ".docx"))
			stem -= 5;
		snprintf(out, sizeof out, "%s/%.*s.pdf", dir, (int)stem, base);
		s = cairo_pdf_surface_create(out, w, h);
	} else {
		s = cairo_pdf_surface_create_for_stream(count_bytes, &bytes, w, h);
	}
	cairo_pdf_surface_restrict_to_version(s, CAIRO_PDF_VERSION_1_5);
	for (size_t i = 0; i < p->n_pages; i++) {
		const page *pg = &p->pages[i];
		cairo_t *cr;

		cairo_pdf_surface_set_size(s, pg->w, pg->h);
		cr = cairo_create(s);
		for (size_t k = 0; k < pg->n; k++) {
			const line *l = &pg->lines[k];
			PangoLayout *pl = pango_layout_new(l->ctx);

			if (l->font)
				pango_layout_set_font_description(pl, l->font);
			pango_layout_set_text(pl, l->text, -1);
			pango_layout_set_attributes(pl, l->attrs);
			cairo_move_to(cr, l->x, l->y);
			pango_cairo_show_layout(cr, pl);
			g_object_unref(pl);
		}
		cairo_destroy(cr);
		cairo_surface_show_page(s);
	}
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
}

/* vndoc's own work for one document, as `vndoc render --outdir` does it.
 * Not inlined, so that callgrind's --toggle-collect can single it out (and
 * floor_draw) for instruction counts: bench/README.md. */
__attribute__((noinline)) static int vndoc_once(const char *path, vndoc_layout_fonts *fonts)
{
	vndoc_layout_options lo = VNDOC_LAYOUT_OPTIONS_INIT;
	vndoc_package *pkg = NULL;
	vndoc_docx *doc = NULL;
	vndoc_layout *l = NULL;
	vndoc_error err;
	char *pdf = NULL;
	size_t len = 0;
	int rc;

	vndoc_error_clear(&err);
	lo.fonts = fonts;
	if ((rc = vndoc_package_open(&pkg, path, &err)) == 0 && (rc = vndoc_docx_load(&doc, pkg, &err)) == 0 &&
	    (rc = vndoc_layout_run(&l, doc, &lo, &err)) == 0)
		rc = vndoc_render_pdf_memory(&pdf, &len, l, NULL, &err);
	free(pdf);
	vndoc_layout_free(l);
	vndoc_docx_free(doc);
	vndoc_package_free(pkg);
	return rc;
}

int main(int argc, char **argv)
{
	int runs = 3, first = 1;
	const char *dir = NULL;
	vndoc_layout_fonts *fonts = NULL;
	vndoc_error err;
	plan *plans;
	size_t n, n_lines = 0, n_pages = 0;
	double best_floor = 0, best_vndoc = 0;
	char msg[1024];

	for (; first < argc && argv[first][0] == '-'; first += 2) {
		if (first + 1 >= argc) {
			fputs(usage, stderr);
			return 2;
		}
		if (!strcmp(argv[first], "-r"))
			runs = atoi(argv[first + 1]);
		else if (!strcmp(argv[first], "-o"))
			dir = argv[first + 1];
		else {
			fputs(usage, stderr);
			return 2;
		}
	}
	if (first >= argc || runs < 1) {
		fputs(usage, stderr);
		return 2;
	}
	n = (size_t)(argc - first);
	vndoc_error_clear(&err);
	if (vndoc_layout_fonts_new(&fonts, NULL, &err) < 0) {
		fprintf(stderr, "bench_render_floor: %s\n", vndoc_error_format(&err, msg, sizeof msg));
		return 1;
	}
	plans = calloc(n, sizeof *plans);
	for (size_t i = 0; i < n; i++) {
		if (plan_make(&plans[i], argv[first + (int)i], fonts, &n_lines) < 0)
			return 1;
		n_pages += plans[i].n_pages;
	}
	for (size_t i = 0; dir && i < n; i++) /* the files, untimed */
		floor_draw(&plans[i], dir);
	for (int r = 1; r <= runs; r++) {
		double t0 = now(), t;
		for (size_t i = 0; i < n; i++)
			floor_draw(&plans[i], NULL);
		t = now() - t0;
		fprintf(stderr, "  floor run %d: %.4f s CPU for %zu documents\n", r, t, n);
		if (r == 1 || t < best_floor)
			best_floor = t;
		t0 = now();
		for (size_t i = 0; i < n; i++)
			if (vndoc_once(plans[i].path, fonts) < 0)
				return 1;
		t = now() - t0;
		fprintf(stderr, "  vndoc in-process run %d: %.4f s CPU for %zu documents\n", r, t, n);
		if (r == 1 || t < best_vndoc)
			best_vndoc = t;
	}
	printf("floor: %.4f s for %zu documents, %zu lines, %zu pages (CPU time, best of %d)\n", best_floor, n,
	       n_lines, n_pages, runs);
	printf("vndoc: %.4f s for %zu documents (CPU time, best of %d)\n", best_vndoc, n, runs);
	for (size_t i = 0; i < n; i++)
		plan_free(&plans[i]);
	free(plans);
	vndoc_layout_fonts_free(fonts);
	return 0;
}
