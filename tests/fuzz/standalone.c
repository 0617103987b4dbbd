/*
 * standalone.c: runs a fuzz target over files and folders of inputs,
 * without libFuzzer (as libgit2's standalone_driver.c), so that CTest
 * replays every corpus in an ordinary build.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/fsutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
	char *data;
	size_t len;
	vndoc_error err;
	if (vndoc_fs_read_file(&data, &len, path, 1u << 26, &err) < 0) {
		fprintf(stderr, "cannot read %s: %s\n", path, err.message);
		return 1;
	}
	LLVMFuzzerTestOneInput((const uint8_t *)data, len);
	free(data);
	return 0;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	int n = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) < 0) {
			fprintf(stderr, "no such input: %s\n", argv[i]);
			return 1;
		}
		if (S_ISDIR(st.st_mode)) {
			DIR *d = opendir(argv[i]);
			struct dirent *e;
			char **names = NULL;
			size_t count = 0, cap = 0;
			while (d && (e = readdir(d))) {
				if (e->d_name[0] == '.')
					continue;
				if (count == cap) {
					cap = cap ? cap * 2 : 64;
					names = realloc(names, cap * sizeof *names);
				}
				names[count++] = strdup(e->d_name);
			}
			if (d)
				closedir(d);
			qsort(names, count, sizeof *names, cmp);
			for (size_t k = 0; k < count; k++) {
				char path[4096];
				snprintf(path, sizeof path, "%s/%s", argv[i], names[k]);
				if (run_file(path))
					return 1;
				n++;
				free(names[k]);
			}
			free(names);
		} else {
			if (run_file(argv[i]))
				return 1;
			n++;
		}
	}
	printf("replayed %d inputs\n", n);
	return n ? 0 : 1;
}
