/*
 * tests/spec/spec_file.c: reading a cmark-style spec file (spec_file.h).
 */
#include "spec_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/fsutil.h"

static const char FENCE_OPEN[] = "```````````````````````````````` example";
static const char FENCE_CLOSE[] = "````````````````````````````````";

spec_entry *spec_file_read(const char *path, int n_parts, int *n_examples)
{
	char *text, *line, *save = NULL, section[128] = "", title[160] = "";
	size_t len;
	int lineno = 0, in_example = 0, cap = 0, part = 0, n = 0;
	vndoc_buf parts[SPEC_MAX_PARTS];
	spec_entry *examples = NULL, *ex = NULL;
	vndoc_error err;

	if (vndoc_fs_read_file(&text, &len, path, 1 << 26, &err) < 0) {
		fprintf(stderr, "spec: cannot read %s: %s\n", path, err.message);
		exit(2);
	}
	/* strtok_r would merge empty lines; split by hand. */
	for (line = text; line; line = save) {
		char *nl = strchr(line, '\n');
		save = nl ? nl + 1 : NULL;
		if (nl)
			*nl = '\0';
		lineno++;
		if (!in_example) {
			if (!strncmp(line, "## ", 3)) {
				snprintf(section, sizeof section, "%s", line + 3);
			} else if (!strcmp(line, FENCE_OPEN)) {
				in_example = 1;
				part = 0;
				for (int i = 0; i < SPEC_MAX_PARTS; i++)
					vndoc_buf_init(&parts[i], 1 << 24);
				if (n == cap) {
					cap = cap ? cap * 2 : 64;
					examples = vndoc_xreallocarray(examples, (size_t)cap, sizeof *examples);
				}
				ex = &examples[n];
				memset(ex, 0, sizeof *ex);
				ex->line_start = lineno;
				ex->part_line[0] = lineno + 1;
				snprintf(ex->section, sizeof ex->section, "%s", section);
				snprintf(ex->title, sizeof ex->title, "%s", title);
			} else if (*line && strncmp(line, "```", 3)) {
				snprintf(title, sizeof title, "%s", line);
			}
		} else if (!strcmp(line, FENCE_CLOSE)) {
			ex->number = n + 1;
			ex->line_end = lineno;
			for (int i = 0; i < SPEC_MAX_PARTS; i++)
				ex->part[i] = vndoc_buf_detach(&parts[i], NULL);
			n++;
			in_example = 0;
		} else if (!strcmp(line, ".") && part < n_parts - 1) {
			ex->part_line[++part] = lineno + 1;
		} else {
			vndoc_buf_puts(&parts[part], line);
			vndoc_buf_putc(&parts[part], '\n');
		}
	}
	if (in_example) {
		fprintf(stderr, "spec: %s: the example at line %d is not closed\n", path, ex->line_start);
		for (int i = 0; i < SPEC_MAX_PARTS; i++)
			vndoc_buf_dispose(&parts[i]);
	}
	free(text);
	*n_examples = n;
	return examples;
}

void spec_file_free(spec_entry *ex, int n_examples)
{
	for (int i = 0; i < n_examples; i++)
		for (int j = 0; j < SPEC_MAX_PARTS; j++)
			free(ex[i].part[j]);
	free(ex);
}
