/*
 * bench_merge: vndoc's side of bench/merge (bench/README.md).
 *
 *   bench_merge [-n N] [-w WARMUP] [-o DIR] [--recompile] TEMPLATE DATA.json
 *
 * Compiles TEMPLATE (a .docx or an unpacked folder) once, then merges the
 * records of DATA.json (a JSON array; an object is one record) one after
 * the other on this thread, each into memory (vndoc_tmpl_merge_memory),
 * freeing every document.  N is the number of documents (default: one per
 * record; records are reused in turn when N is larger).  -o DIR writes
 * every document to DIR/00001.docx... instead (vndoc_tmpl_merge).
 * --recompile opens and compiles the template again for every document,
 * as docxtemplater must (new PizZip(template) each time).
 *
 * The first WARMUP documents (default min(50, N)) are merged untimed.
 * Prints "vndoc: N docs in S s = X docs/s" on stdout; details on stderr.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "core/error.h"
#include "data/data.h"
#include "package/package.h"
#include "tmpl/tmpl.h"

static const char usage[] =
	"usage: bench_merge [-n N] [-w WARMUP] [-o DIR] [--recompile] TEMPLATE DATA.json\n";

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void print_errors(const char *what, const vndoc_error_list *errs, const vndoc_error *err)
{
	char line[1024];
	for (size_t i = 0; i < errs->count; i++)
		fprintf(stderr, "bench_merge: %s: %s\n", what,
			vndoc_error_format(&errs->items[i], line, sizeof line));
	if (!errs->count)
		fprintf(stderr, "bench_merge: %s: %s\n", what, vndoc_error_format(err, line, sizeof line));
}

/* Reads a whole file into a malloc'd buffer; NULL if it is not a regular
 * file (a template folder). */
static char *read_file(const char *path, size_t *len)
{
	struct stat st;
	FILE *f;
	char *buf;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return NULL;
	if (!(f = fopen(path, "rb")))
		return NULL;
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		fclose(f);
		return NULL;
	}
	*len = fread(buf, 1, (size_t)st.st_size, f);
	fclose(f);
	return buf;
}

typedef struct {
	const char *tmpl_path;
	const char *tmpl_bytes; /* the template file, for --recompile; NULL: a folder */
	size_t tmpl_len;
	const vndoc_tmpl *tmpl; /* compiled once, unless recompile */
	bool recompile;
	const char *out_dir;
} bench;

/* Merges one document; adds its size to *bytes. 0 or -1. */
static int merge_one(const bench *b, const vndoc_value *record, size_t index, size_t *bytes)
{
	vndoc_error err;
	vndoc_error_list errs = VNDOC_ERROR_LIST_INIT;
	vndoc_tmpl_options opts = VNDOC_TMPL_OPTIONS_INIT;
	vndoc_tmpl *own = NULL;
	vndoc_package *pkg = NULL;
	const vndoc_tmpl *t = b->tmpl;
	const vndoc_value *scopes[1] = { record };
	int rc = 0;

	vndoc_error_clear(&err);
	if (b->recompile) {
		if (b->tmpl_bytes) {
			if ((rc = vndoc_package_open_memory(&pkg, b->tmpl_bytes, b->tmpl_len,
							    b->tmpl_path, &err)) == 0)
				rc = vndoc_tmpl_compile(&own, pkg, &opts, &errs, &err);
		} else {
			rc = vndoc_tmpl_load(&own, b->tmpl_path, &opts, &errs, &err);
		}
		if (rc < 0) {
			print_errors(b->tmpl_path, &errs, &err);
			goto done;
		}
		t = own;
	}
	if (b->out_dir) {
		char path[4096];
		struct stat st;
		snprintf(path, sizeof path, "%s/%05zu.docx", b->out_dir, index + 1);
		rc = vndoc_tmpl_merge(t, scopes, 1, path, &errs, &err);
		if (rc == 0 && stat(path, &st) == 0)
			*bytes += (size_t)st.st_size;
	} else {
		char *doc = NULL;
		size_t len = 0;
		rc = vndoc_tmpl_merge_memory(&doc, &len, t, scopes, 1, &errs, &err);
		*bytes += len;
		free(doc);
	}
	if (rc < 0) {
		char what[64];
		snprintf(what, sizeof what, "record %zu", index + 1);
		print_errors(what, &errs, &err);
	}
done:
	vndoc_error_list_dispose(&errs);
	vndoc_tmpl_free(own);
	vndoc_package_free(pkg);
	return rc < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
	const char *operands[2];
	size_t n_operands = 0;
	long n = 0, warmup = -1;
	bench b = { 0 };
	vndoc_tmpl *t = NULL;
	vndoc_value *data = NULL;
	vndoc_error err;
	vndoc_error_list errs = VNDOC_ERROR_LIST_INIT;
	vndoc_tmpl_options opts = VNDOC_TMPL_OPTIONS_INIT;
	char *tmpl_bytes = NULL;
	size_t n_records, bytes = 0;
	struct rusage ru;
	double t0, secs;
	int status = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if ((!strcmp(a, "-n") || !strcmp(a, "-w") || !strcmp(a, "-o")) && i + 1 < argc) {
			const char *v = argv[++i];
			char *end;
			if (a[1] == 'o') {
				b.out_dir = v;
				continue;
			}
			errno = 0;
			long x = strtol(v, &end, 10);
			if (errno || *end || x < 0) {
				fprintf(stderr, "bench_merge: %s: bad number: %s\n", a, v);
				return 2;
			}
			*(a[1] == 'n' ? &n : &warmup) = x;
		} else if (!strcmp(a, "--recompile")) {
			b.recompile = true;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage, stdout);
			return 0;
		} else if (a[0] == '-' || n_operands == 2) {
			fputs(usage, stderr);
			return 2;
		} else {
			operands[n_operands++] = a;
		}
	}
	if (n_operands != 2) {
		fputs(usage, stderr);
		return 2;
	}
	b.tmpl_path = operands[0];

	vndoc_error_clear(&err);
	if (vndoc_data_load_file(&data, operands[1], &err) < 0) {
		print_errors(operands[1], &errs, &err);
		return 1;
	}
	if (vndoc_value_type_of(data) == VNDOC_VALUE_LIST) {
		n_records = vndoc_value_count(data);
	} else if (vndoc_value_type_of(data) == VNDOC_VALUE_MAP) {
		n_records = 1;
	} else {
		fprintf(stderr, "bench_merge: %s: expected an array of records\n", operands[1]);
		vndoc_value_free(data);
		return 1;
	}
	if (!n_records) {
		fprintf(stderr, "bench_merge: %s: no records\n", operands[1]);
		vndoc_value_free(data);
		return 1;
	}
	if (!n)
		n = (long)n_records;
	if (warmup < 0)
		warmup = n < 50 ? n : 50;

	/* The template is opened and compiled before the clock starts. */
	if (vndoc_tmpl_load(&t, b.tmpl_path, &opts, &errs, &err) < 0) {
		print_errors(b.tmpl_path, &errs, &err);
		vndoc_error_list_dispose(&errs);
		vndoc_value_free(data);
		return 1;
	}
	b.tmpl = t;
	if (b.recompile)
		b.tmpl_bytes = tmpl_bytes = read_file(b.tmpl_path, &b.tmpl_len);
	if (b.out_dir && mkdir(b.out_dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "bench_merge: %s: %s\n", b.out_dir, strerror(errno));
		status = 1;
		goto out;
	}

#define RECORD(i) (vndoc_value_type_of(data) == VNDOC_VALUE_LIST \
			   ? vndoc_value_at(data, (size_t)(i) % n_records) : data)
	{
		bench warm = b;
		warm.out_dir = NULL; /* warm-up never writes */
		size_t ignored = 0;
		for (long i = 0; i < warmup; i++)
			if (merge_one(&warm, RECORD(i), (size_t)i, &ignored) < 0) {
				status = 1;
				goto out;
			}
	}

	t0 = now();
	for (long i = 0; i < n; i++)
		if (merge_one(&b, RECORD(i), (size_t)i, &bytes) < 0) {
			status = 1;
			goto out;
		}
	secs = now() - t0;
#undef RECORD

	printf("vndoc%s: %ld docs in %.3f s = %.1f docs/s\n", b.recompile ? " (--recompile)" : "", n,
	       secs, (double)n / secs);
	getrusage(RUSAGE_SELF, &ru);
	fprintf(stderr, "vndoc: average output %zu bytes, warm-up %ld docs, self-reported peak RSS %ld kB\n",
		n ? bytes / (size_t)n : 0, warmup, ru.ru_maxrss);
out:
	vndoc_error_list_dispose(&errs);
	free(tmpl_bytes);
	vndoc_tmpl_free(t);
	vndoc_value_free(data);
	return status;
}
