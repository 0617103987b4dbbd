/*
 * bench_data: vndoc's data loaders on a big registration sheet (bench/data,
 * bench/README.md).
 *
 *   bench_data [-r RUNS] [--legacy-off] FILE.{csv,xlsx,json}
 *
 * Loads FILE with vndoc_data_load_file_with (the default options: TCVN3/VNI
 * repair on "auto", or off with --legacy-off; warnings collected, as the
 * CLI does), RUNS times
 * (default 1), and counts the registrations it holds (the collectives and
 * individuals of every unit).  The clock (CLOCK_MONOTONIC) covers the load
 * only: reading the file, parsing, repairing and building the tree.  Each
 * tree is freed before the next run, untimed.
 *
 * Prints on stdout, for the fastest run:
 *   csv: 100000 rows in S s = X rows/s, peak RSS M MB
 * and on stderr the units, the time of every run and the warnings.  Peak
 * RSS is the process's (getrusage ru_maxrss), the loaded tree included.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "core/error.h"
#include "data/data.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t count_of(const vndoc_value *map, const char *key)
{
	return vndoc_value_count(vndoc_value_get(map, key, strlen(key)));
}

int main(int argc, char **argv)
{
	const char *path = NULL, *ext;
	int runs = 1;
	bool legacy_off = false;
	double best = -1;
	size_t rows = 0, units = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-r") && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--legacy-off"))
			legacy_off = true;
		else if (argv[i][0] == '-' || path) {
			fprintf(stderr, "usage: bench_data [-r RUNS] [--legacy-off] FILE.{csv,xlsx,json}\n");
			return 2;
		} else
			path = argv[i];
	}
	if (!path || runs < 1) {
		fprintf(stderr, "usage: bench_data [-r RUNS] [--legacy-off] FILE.{csv,xlsx,json}\n");
		return 2;
	}
	ext = strrchr(path, '.');
	ext = ext ? ext + 1 : path;

	for (int r = 1; r <= runs; r++) {
		vndoc_data_options opts = VNDOC_DATA_OPTIONS_INIT;
		vndoc_error_list warnings = { 0 };
		vndoc_value *data = NULL;
		vndoc_error err;
		const vndoc_value *don_vi;
		double t0, s;
		int rc;

		opts.warnings = &warnings;
		if (legacy_off)
			opts.legacy = VNDOC_LEGACY_OFF;
		vndoc_error_clear(&err);
		t0 = now();
		rc = vndoc_data_load_file_with(&data, path, &opts, &err);
		s = now() - t0;
		if (rc != 0) {
			char line[1024];
			fprintf(stderr, "bench_data: %s\n", vndoc_error_format(&err, line, sizeof line));
			return 1;
		}
		don_vi = vndoc_value_get(data, "don_vi", 6);
		units = vndoc_value_count(don_vi);
		rows = 0;
		for (size_t u = 0; u < units; u++) {
			const vndoc_value *unit = vndoc_value_at(don_vi, u);
			rows += count_of(unit, "tap_the") + count_of(unit, "ca_nhan");
		}
		fprintf(stderr, "  run %d: %zu units, %zu registrations in %.3f s (%zu warnings)\n", r, units, rows,
			s, warnings.count);
		vndoc_error_list_dispose(&warnings);
		vndoc_value_free(data);
		if (best < 0 || s < best)
			best = s;
	}
	{
		struct rusage ru;
		getrusage(RUSAGE_SELF, &ru);
		printf("%s: %zu rows in %.3f s = %.0f rows/s, peak RSS %.1f MB\n", ext, rows, best,
		       best > 0 ? (double)rows / best : 0.0, (double)ru.ru_maxrss / 1024.0);
	}
	return 0;
}
