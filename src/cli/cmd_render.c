/*
 * vndoc render IN.docx -o OUT.pdf [--dump-layout] [--png DIR] [--dpi N] [--strict-fonts]
 * vndoc render IN.docx... --outdir DIR
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <glib.h>

#include "cli/cmd.h"
#include "cli/exit.h"
#include "cli/opt.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/fsutil.h"
#include "core/limits.h"
#include "docx/docx.h"
#include "layout/layout.h"
#include "package/package.h"
#include "render/render.h"

static const char render_usage[] =
	"usage: vndoc render IN.docx -o OUT.pdf [options]\n"
	"       vndoc render IN.docx... --outdir DIR\n"
	"\n"
	"Lays out IN (a .docx, or a folder holding an unpacked one) and writes it\n"
	"as PDF.  Fonts come from vndoc's own font configuration (Times New Roman is\n"
	"drawn with Liberation Serif, Arial with Liberation Sans, Calibri with\n"
	"Carlito, Cambria with Caladea), so the pages are the same on every machine.\n"
	"A character its font has no glyph for (Arabic, Japanese, a symbol) is drawn\n"
	"with a fallback font (DejaVu, Noto, OpenSymbol) and named in a warning; text\n"
	"in a legacy Vietnamese font (.VnTime, VNI-Times) is drawn as the Unicode\n"
	"Vietnamese it means, with a warning.\n"
	"Nothing is written when rendering fails.  With --outdir, each IN becomes\n"
	"DIR/NAME.pdf in one process that keeps its fonts from one document to the\n"
	"next (what LibreOffice's --convert-to does with several files); two INs\n"
	"of one NAME are refused, as is an output that is an input.\n"
	"\n"
	"Options:\n"
	"  -o, --output FILE      the PDF to write\n"
	"      --outdir DIR       render every IN into DIR (created if missing)\n"
	"  -j, --jobs N           with --outdir: documents rendered at once, each by\n"
	"                         its own process (default 1; 0: the number of cores)\n"
	"      --dump-layout      print the geometry of every page, line and table\n"
	"                         cell to standard output (-o is then optional)\n"
	"      --png DIR          also write each page as DIR/page-001.png, ...\n"
	"      --dpi N            resolution of the PNG images (default 96)\n"
	"      --strict-fonts     a character its font has no glyph for is an error\n"
	"                         (exit 1), as in `vndoc batch`, instead of a fallback\n"
	"  -h, --help             show this help\n"
	"\n"
	"Exit status: 0 ok, 1 font or document error, 2 usage, 3 input/output error.\n";

enum { OPT_OUTPUT = 1, OPT_DUMP, OPT_PNG, OPT_DPI, OPT_HELP, OPT_OUTDIR, OPT_JOBS, OPT_STRICT_FONTS };

static const vndoc_opt_spec specs[] = {
	{ "output", 'o', true, OPT_OUTPUT },
	{ "dump-layout", 0, false, OPT_DUMP },
	{ "png", 0, true, OPT_PNG },
	{ "dpi", 0, true, OPT_DPI },
	{ "help", 'h', false, OPT_HELP },
	{ "outdir", 0, true, OPT_OUTDIR },
	{ "jobs", 'j', true, OPT_JOBS },
	{ "strict-fonts", 0, false, OPT_STRICT_FONTS },
	{ NULL, 0, false, 0 },
};

/* The PDF going to its file as it is made, in pieces of 64 KiB. */
typedef struct out_file {
	int fd;
	int write_errno; /* the first write that failed (cairo may not say) */
	size_t n;
	unsigned char buf[65536];
} out_file;

static int out_flush(out_file *o)
{
	size_t done = 0;
	while (done < o->n) {
		ssize_t k = write(o->fd, o->buf + done, o->n - done);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			if (!o->write_errno)
				o->write_errno = k < 0 ? errno : ENOSPC;
			return VNDOC_EIO;
		}
		done += (size_t)k;
	}
	o->n = 0;
	return 0;
}

static int out_write(const unsigned char *data, size_t len, void *userdata)
{
	out_file *o = userdata;
	int error;
	while (len > 0) {
		size_t k = sizeof o->buf - o->n < len ? sizeof o->buf - o->n : len;
		memcpy(o->buf + o->n, data, k);
		o->n += k;
		data += k;
		len -= k;
		if (o->n == sizeof o->buf && (error = out_flush(o)) < 0)
			return error;
	}
	return 0;
}

/* A warning of the layout (a fallback font, a legacy font), as it is found. */
static void print_warning(const char *message, void *userdata)
{
	fprintf(stderr, "vndoc: warning: %s: %s\n", (const char *)userdata, message);
}

/* The layout options of `vndoc render` for input `in`: fallback fonts
 * unless `strict`; warnings printed as they are found when `print`. */
static vndoc_layout_options render_options(vndoc_layout_fonts *fonts, const char *in, bool strict,
					   bool print)
{
	vndoc_layout_options lo = VNDOC_LAYOUT_OPTIONS_INIT;
	lo.fonts = fonts;
	lo.strict_fonts = strict;
	lo.on_warning = print ? print_warning : NULL;
	lo.userdata = (void *)in;
	return lo;
}

/* Lays out and writes the PDF page by page: memory stays flat however
 * long the document.  Nothing is left behind on failure. */
static int render_stream(const vndoc_docx *doc, const char *path, const vndoc_layout_options *lo,
			 vndoc_error *err)
{
	vndoc_fs_atomic f;
	out_file *o;
	int error;

	if ((error = vndoc_fs_atomic_open(&f, path, err)) < 0)
		return error;
	o = vndoc_xmalloc(sizeof *o);
	o->fd = f.fd;
	o->write_errno = 0;
	o->n = 0;
	error = vndoc_render_pdf_stream(doc, lo, NULL, out_write, o, NULL, err);
	if (error == 0)
		out_flush(o);
	if ((error == 0 || error == VNDOC_EIO) && o->write_errno)
		error = vndoc_error_set_sys(err, VNDOC_EIO, o->write_errno, "cannot write");
	free(o);
	if (error == 0)
		return vndoc_fs_atomic_commit(&f, err);
	if (error == VNDOC_EIO)
		vndoc_error_set_file(err, path);
	vndoc_fs_atomic_abort(&f);
	return error;
}

/* A body up to this size (word/document.xml inflated: about 40 MB of
 * memory once read) is read whole; a longer one is read as it is laid
 * out, so memory stays flat, at the price of reading it again for each
 * pass of the layout (NUMPAGES in a footer asks for a pass that counts
 * the pages).  Either way the pages go out one by one as they are laid
 * out: a small body can make many pages (400 page breaks under a header
 * of 1,000 frames held 1.4 GB of pages; 26 MB so).  The PDFs are the
 * same bytes either way. */
#define RENDER_HOLD_BYTES (2u << 20)

/* Renders IN (already opened as `pkg`) into the PDF `path`; warnings go to
 * standard error, each line written whole. */
static int render_file(vndoc_package *pkg, const char *in, const char *path, vndoc_layout_fonts *fonts,
		       bool strict, vndoc_error *err)
{
	vndoc_layout_options lo = render_options(fonts, in, strict, true);
	long body = vndoc_package_find(pkg, "word/document.xml");
	bool hold = body >= 0 && vndoc_package_size(pkg, (size_t)body) <= RENDER_HOLD_BYTES;
	vndoc_docx *doc = NULL;
	int rc;

	if ((rc = hold ? vndoc_docx_load(&doc, pkg, err) : vndoc_docx_open(&doc, pkg, err)) < 0)
		return rc;
	for (size_t i = 0; i < doc->n_warnings; i++)
		fprintf(stderr, "vndoc: warning: %s: %s\n", in, doc->warnings[i]);
	rc = render_stream(doc, path, &lo, err);
	vndoc_docx_free(doc);
	return rc;
}

/*
 * `vndoc render --outdir`: the inputs, taken in turn by `jobs` workers.
 * Workers are processes, not threads: when two threads lay out at once,
 * Pango and Cairo (1.50, 1.16) can space a justified line a thousandth of
 * an em differently, so the PDF bytes would depend on timing.  A process
 * per worker gives every document the bytes `vndoc render -o` gives it.
 * What the workers share lives in an anonymous shared mapping.
 */
typedef struct many {
	char **in;
	int n;
	const char *dir;
	bool strict;
	int next;      /* the next input to take (atomic) */
	int status[];  /* per input: 1 until rendered, then 0 or its error code */
} many;

/* DIR/NAME.pdf, the PDF input `in` becomes with --outdir. */
static void outdir_path(char *out, size_t size, const char *dir, const char *in)
{
	const char *base = strrchr(in, '/') ? strrchr(in, '/') + 1 : in;
	size_t stem = strlen(base);

	if (stem > 5 && !strcmp(base + stem - 5, ".docx"))
		stem -= 5;
	snprintf(out, size, "%s/%.*s.pdf", dir, (int)stem, base);
}

/* The (device, inode) of `path` as a string, NULL when it does not exist. */
static char *file_id(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? g_strdup_printf("%ju:%ju", (uintmax_t)st.st_dev, (uintmax_t)st.st_ino) : NULL;
}

/*
 * Two inputs of one name (A/f.docx, B/f.docx: after a batch every unit's
 * form is bieu-dang-ky.docx) would be one DIR/f.pdf, the second written
 * over the first.  They are refused before anything is rendered rather
 * than renamed: DIR/NAME.pdf is what scripts look for, and a "f-2.pdf"
 * would leave the user to guess which form it is.  An output that is one
 * of the inputs is refused too.
 */
static int distinct_outputs(char **in, int n, const char *dir)
{
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
	GHashTable *inputs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	int rc = 0;

	for (int i = 0; i < n; i++) {
		char *id = file_id(in[i]);
		if (id)
			g_hash_table_insert(inputs, id, GINT_TO_POINTER(i));
	}
	for (int i = 0; i < n && rc == 0; i++) {
		char path[8192], *id;
		gpointer first;

		outdir_path(path, sizeof path, dir, in[i]);
		id = file_id(path);
		if (g_hash_table_lookup_extended(seen, path, NULL, &first)) {
			fprintf(stderr, "vndoc render: %s and %s would both be written as %s; "
					"render them into different folders\n", in[GPOINTER_TO_INT(first)], in[i], path);
			rc = -1;
		} else if (id && g_hash_table_lookup_extended(inputs, id, NULL, &first)) {
			fprintf(stderr, "vndoc render: %s is the input %s: refusing to write over it\n", path,
				in[GPOINTER_TO_INT(first)]);
			rc = -1;
		} else {
			g_hash_table_insert(seen, vndoc_xstrdup(path), GINT_TO_POINTER(i));
		}
		g_free(id);
	}
	g_hash_table_destroy(seen);
	g_hash_table_destroy(inputs);
	return rc;
}

static void render_worker(many *m)
{
	vndoc_layout_fonts *fonts = NULL;
	vndoc_error err;

	vndoc_error_clear(&err);
	if (vndoc_layout_fonts_new(&fonts, NULL, &err) < 0)
		fonts = NULL; /* each document then reports the font error */
	for (;;) {
		int i = __atomic_fetch_add(&m->next, 1, __ATOMIC_SEQ_CST);
		vndoc_package *pkg = NULL;
		const char *in;
		char path[8192];
		int rc;

		if (i >= m->n)
			break;
		in = m->in[i];
		outdir_path(path, sizeof path, m->dir, in);
		vndoc_error_clear(&err);
		if ((rc = vndoc_package_open(&pkg, in, &err)) == 0)
			rc = render_file(pkg, in, path, fonts, m->strict, &err);
		if (rc < 0) {
			vndoc_error_set_file(&err, in);
			vndoc_cli_print_error(&err);
		}
		m->status[i] = rc;
		vndoc_package_free(pkg);
	}
	vndoc_layout_fonts_free(fonts);
}

/* Renders every input into `dir` as NAME.pdf with `jobs` worker
 * processes (none forked for one).  Goes on after a failure; returns the
 * error code of the first input (in the order given) that failed. */
static int render_many(char **in, int n, const char *dir, int jobs, bool strict)
{
	size_t size = sizeof(many) + (size_t)n * sizeof(int);
	vndoc_error err;
	many *m;
	int first = 0, started = 0;

	if (distinct_outputs(in, n, dir) < 0)
		return VNDOC_EINVAL;
	vndoc_error_clear(&err);
	if (vndoc_fs_mkdirs(dir, &err) < 0) {
		vndoc_cli_print_error(&err);
		return err.code;
	}
	if (jobs > n)
		jobs = n;
	m = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED) {
		fprintf(stderr, "vndoc: cannot share memory with worker processes: %s\n", strerror(errno));
		return VNDOC_EIO;
	}
	m->in = in;
	m->n = n;
	m->dir = dir;
	m->strict = strict;
	m->next = 0;
	for (int i = 0; i < n; i++)
		m->status[i] = 1;
	fflush(NULL);
	for (; jobs > 1 && started < jobs; started++) {
		pid_t pid = fork();
		if (pid == 0) {
			render_worker(m);
			fflush(NULL);
			_exit(0);
		}
		if (pid < 0)
			break; /* the workers already started (or this process) do the rest */
	}
	if (started == 0)
		render_worker(m);
	while (started > 0 && wait(NULL) > 0)
		;
	/* A worker that died (a signal) leaves its document not done. */
	for (int i = 0; i < n; i++) {
		if (m->status[i] == 1) {
			fprintf(stderr, "vndoc: %s: the worker rendering it stopped before the end\n", in[i]);
			m->status[i] = VNDOC_EIO;
		}
		if (!first)
			first = m->status[i];
	}
	munmap(m, size);
	return first;
}

int vndoc_cmd_render(int argc, char **argv)
{
	vndoc_opt o;
	const char *out = NULL, *png = NULL, *outdir = NULL;
	bool dump = false, strict = false;
	double dpi = 96;
	int jobs = 1;
	bool jobs_given = false;
	vndoc_package *pkg = NULL;
	vndoc_docx *doc = NULL;
	vndoc_layout *layout = NULL;
	vndoc_error err;
	int id, rc = 0;

	vndoc_opt_init(&o, argc, argv, specs);
	while ((id = vndoc_opt_next(&o)) != VNDOC_OPT_END) {
		switch (id) {
		case OPT_OUTPUT: out = o.arg; break;
		case OPT_OUTDIR: outdir = o.arg; break;
		case OPT_DUMP: dump = true; break;
		case OPT_PNG: png = o.arg; break;
		case OPT_STRICT_FONTS: strict = true; break;
		case OPT_DPI: {
			char *end;
			dpi = strtod(o.arg, &end);
			if (*end || dpi < 1 || dpi > 1200) {
				fprintf(stderr, "vndoc render: --dpi takes a number from 1 to 1200\n");
				return VNDOC_EXIT_USAGE;
			}
			break;
		}
		case OPT_JOBS: {
			char *end;
			long j = strtol(o.arg, &end, 10);
			if (*end || end == o.arg || j < 0 || j > 256) {
				fprintf(stderr, "vndoc render: --jobs takes a number from 0 to 256\n");
				return VNDOC_EXIT_USAGE;
			}
			if (j == 0) {
				long cores = sysconf(_SC_NPROCESSORS_ONLN);
				j = cores > 0 ? cores : 1;
			}
			jobs = (int)j;
			jobs_given = true;
			break;
		}
		case OPT_HELP: fputs(render_usage, stdout); return VNDOC_EXIT_OK;
		default: fputs(render_usage, stderr); return VNDOC_EXIT_USAGE;
		}
	}
	if (outdir) {
		if (o.n_operands < 1 || out || dump || png) {
			fprintf(stderr, "vndoc render: --outdir takes one or more IN.docx and no -o, --dump-layout or --png\n");
			return VNDOC_EXIT_USAGE;
		}
		rc = render_many(o.operands, o.n_operands, outdir, jobs, strict);
		return rc < 0 ? vndoc_cli_exit_status(rc) : VNDOC_EXIT_OK;
	}
	if (o.n_operands == 1 && ((out && vndoc_fs_same_file(out, o.operands[0])) ||
				  (png && vndoc_fs_same_file(png, o.operands[0])))) {
		fprintf(stderr, "vndoc render: %s is the input %s: refusing to write over it\n", out ? out : png,
			o.operands[0]);
		return VNDOC_EXIT_USAGE;
	}
	if (jobs_given) {
		fprintf(stderr, "vndoc render: --jobs goes with --outdir\n");
		return VNDOC_EXIT_USAGE;
	}
	if (o.n_operands != 1 || (!out && !dump && !png)) {
		fprintf(stderr, "vndoc render: %s\n", o.n_operands != 1 ? "expected one IN.docx"
									 : "missing -o OUT.pdf");
		fputs(render_usage, stderr);
		return VNDOC_EXIT_USAGE;
	}

	vndoc_error_clear(&err);
	if ((rc = vndoc_package_open(&pkg, o.operands[0], &err)) < 0)
		goto done;
	if (!dump && !png) {
		/* PDF alone: a long body is read as it is laid out. */
		rc = render_file(pkg, o.operands[0], out, NULL, strict, &err);
		goto done;
	}
	if ((rc = vndoc_docx_load(&doc, pkg, &err)) < 0)
		goto done;
	/* The package is not needed once the document is read. */
	vndoc_package_free(pkg);
	pkg = NULL;
	{
		/* Its warnings are printed with the document's, below. */
		vndoc_layout_options lo = render_options(NULL, o.operands[0], strict, false);
		if ((rc = vndoc_layout_run(&layout, doc, &lo, &err)) < 0)
			goto done;
	}
	for (size_t i = 0; i < vndoc_layout_warning_count(layout); i++)
		fprintf(stderr, "vndoc: warning: %s: %s\n", o.operands[0], vndoc_layout_warning(layout, i));
	if (dump) {
		vndoc_buf text = VNDOC_BUF_INIT(VNDOC_LIMIT_OUTPUT_BYTES);
		if ((rc = vndoc_render_dump(layout, &text)) < 0)
			vndoc_error_set(&err, rc, "layout dump larger than the output limit");
		else
			fwrite(text.ptr, 1, text.len, stdout);
		vndoc_buf_dispose(&text);
		if (rc < 0)
			goto done;
	}
	if (out && (rc = vndoc_render_pdf(layout, out, NULL, &err)) < 0)
		goto done;
	if (png) {
		vndoc_render_png_options po = VNDOC_RENDER_PNG_OPTIONS_INIT;
		vndoc_error_list warnings = VNDOC_ERROR_LIST_INIT;
		po.dpi = dpi;
		po.warnings = &warnings;
		rc = vndoc_render_png_with(layout, png, &po, &err);
		for (size_t i = 0; i < warnings.count; i++)
			fprintf(stderr, "vndoc: warning: %s: %s\n", o.operands[0], warnings.items[i].message);
		vndoc_error_list_dispose(&warnings);
	}

done:
	if (rc < 0) {
		vndoc_error_set_file(&err, o.operands[0]);
		vndoc_cli_print_error(&err);
	}
	vndoc_layout_free(layout);
	vndoc_docx_free(doc);
	vndoc_package_free(pkg);
	return rc < 0 ? vndoc_cli_exit_status(rc) : VNDOC_EXIT_OK;
}
