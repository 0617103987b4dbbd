/*
 * tests/spec/spec_file.h: reading a cmark-style spec file, shared by the
 * spec runners (run_spec.c for tmpl.txt, run_layout_spec.c for layout.txt).
 *
 * An example is fenced by a line of 32 backticks and " example" and a line
 * of 32 backticks; inside, lines holding only "." separate its parts.  A
 * "## " line outside examples names the section; the last other non-blank
 * line before an example is its title.
 */
#ifndef VNDOC_SPEC_FILE_H
#define VNDOC_SPEC_FILE_H

#define SPEC_MAX_PARTS 4

typedef struct spec_entry {
	int number;                    /* 1-based */
	int line_start, line_end;      /* the fences' lines */
	int part_line[SPEC_MAX_PARTS]; /* first line of each part */
	char section[128], title[160];
	char *part[SPEC_MAX_PARTS];    /* malloc'd, "" when absent; each line ends in \n */
} spec_entry;

/** Reads the examples of `path`, each with up to `n_parts` parts (the last
 * part takes any further "." lines as text).  Exits with status 2 when the
 * file cannot be read.  Free with spec_file_free. */
spec_entry *spec_file_read(const char *path, int n_parts, int *n_examples);

void spec_file_free(spec_entry *ex, int n_examples);

#endif
