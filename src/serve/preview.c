/*
 * serve/preview.c: the first page of a received form as PNG (60 dpi),
 * laid out and drawn by render on a worker, kept in out/preview/N.png.
 * The form goes through the same package and XML limits as every file
 * the CLI reads; a file that is no DOCX has no preview (422).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/fsutil.h"
#include "docx/docx.h"
#include "layout/layout.h"
#include "package/package.h"
#include "render/render.h"
#include "serve/download.h"

#define PREVIEW_DPI 60

typedef struct preview {
	const char *form;      /* forms/N.docx */
	const char *png;       /* out/preview/N.png */
	const char *work;      /* a folder of its own for the pages */
	vndoc_error err;
} preview;

static int preview_job(vndoc_serve_worker *w, void *arg)
{
	preview *p = arg;
	vndoc_layout_options lo = VNDOC_LAYOUT_OPTIONS_INIT;
	vndoc_package *pkg = NULL;
	vndoc_docx *doc = NULL;
	vndoc_layout *layout = NULL;
	char page[4600];
	int rc;

	if (!w->fonts && vndoc_layout_fonts_new(&w->fonts, NULL, &p->err) < 0)
		w->fonts = NULL; /* the layout reports the font error itself */
	vndoc_error_clear(&p->err);
	lo.fonts = w->fonts;
	if ((rc = vndoc_package_open(&pkg, p->form, &p->err)) == 0 && (rc = vndoc_docx_load(&doc, pkg, &p->err)) == 0 &&
	    (rc = vndoc_layout_run(&layout, doc, &lo, &p->err)) == 0 &&
	    (rc = vndoc_render_png(layout, p->work, PREVIEW_DPI, &p->err)) == 0) {
		snprintf(page, sizeof page, "%s/page-001.png", p->work);
		if (rename(page, p->png) < 0)
			rc = vndoc_error_set(&p->err, VNDOC_EIO, "cannot keep the preview");
	}
	vndoc_layout_free(layout);
	vndoc_docx_free(doc);
	vndoc_package_free(pkg);
	vndoc_serve__remove_tree(p->work);
	return rc;
}

int vndoc_serve__preview(vndoc_server *s, const char *id, long n, int *fd, vndoc_serve_reply *out)
{
	char form[4400], rel[64], dir[4400], png[4500], work[4500], hex[16];
	pthread_mutex_t *lock = vndoc_serve__campaign_lock(s, id, "previews");
	preview p;
	int rc = 0;

	*fd = -1;
	snprintf(rel, sizeof rel, "forms/%ld.json", n);
	vndoc_serve__campaign_path(form, sizeof form, s, id, rel);
	if (access(form, F_OK) < 0) {
		vndoc_serve__reply_error(out, 404, "no form %ld", n);
		return -1;
	}
	snprintf(rel, sizeof rel, "forms/%ld.docx", n);
	vndoc_serve__campaign_path(form, sizeof form, s, id, rel);
	vndoc_serve__campaign_path(dir, sizeof dir, s, id, "out/preview");
	snprintf(png, sizeof png, "%s/%ld.png", dir, n);
	pthread_mutex_lock(lock);
	if (access(png, F_OK) < 0) {
		vndoc_error e;
		vndoc_error_clear(&e);
		if (vndoc_serve__random_hex(hex, 4) < 0 || vndoc_fs_mkdirs(dir, &e) < 0) {
			vndoc_serve__reply_error(out, 500, "cannot make the preview's folder");
			rc = -1;
		} else {
			snprintf(work, sizeof work, "%s/.work-%ld-%s", dir, n, hex);
			p.form = form;
			p.png = png;
			p.work = work;
			vndoc_error_clear(&p.err);
			rc = vndoc_serve__jobs_run(s->jobs, preview_job, &p);
			if (rc == VNDOC_SERVE_EBUSY) {
				vndoc_serve__reply_error(out, 503, "busy: too much work waiting, try again in a moment");
			} else if (rc < 0) {
				char line[1024];
				snprintf(rel, sizeof rel, "form %ld", n);
				vndoc_serve__error_line(line, sizeof line, &p.err, rel);
				vndoc_serve__reply_error(out, 422, "no preview: %s", line);
			}
		}
	}
	if (rc == 0 && (*fd = open(png, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0) {
		vndoc_serve__reply_error(out, 500, "cannot read the preview");
		rc = -1;
	}
	pthread_mutex_unlock(lock);
	return rc < 0 ? -1 : 0;
}
