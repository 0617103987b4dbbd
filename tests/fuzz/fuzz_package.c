/*
 * fuzz_package.c: the zip reader (libzip with the hostile-input checks),
 * every part read whole and as a stream (vndoc_part_reader), which must
 * agree byte for byte or both fail, and the archive written again.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "package/package.h"

/* Part `name` through a reader, in pieces of 4 KB: 0 and the bytes, or <0. */
static int read_streamed(char **out, size_t *len, const vndoc_package *pkg, const char *name)
{
	vndoc_part_reader *rd;
	vndoc_error err;
	size_t cap = 4096;
	char *buf;
	ssize_t n;

	*out = NULL;
	*len = 0;
	if (vndoc_package_part_open(&rd, pkg, name, &err) < 0)
		return -1;
	buf = malloc(cap);
	while ((n = vndoc_part_reader_read(rd, buf + *len, 4096, &err)) > 0) {
		*len += (size_t)n;
		if (*len + 4096 > cap)
			buf = realloc(buf, cap *= 2);
	}
	vndoc_part_reader_close(rd);
	if (n < 0) {
		free(buf);
		return -1;
	}
	*out = buf;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vndoc_package *pkg;
	vndoc_error err;
	char *out;
	size_t len;

	if (vndoc_package_open_memory(&pkg, data, size, "fuzz.docx", &err) < 0)
		return 0;
	for (size_t i = 0; i < vndoc_package_count(pkg); i++) {
		char *whole, *streamed;
		size_t n_streamed;
		int ok_whole = vndoc_package_read(&whole, &len, pkg, vndoc_package_name(pkg, i), &err) == 0;
		int ok_streamed = read_streamed(&streamed, &n_streamed, pkg, vndoc_package_name(pkg, i)) == 0;
		if (ok_whole != ok_streamed ||
		    (ok_whole && (len != n_streamed || memcmp(whole, streamed, len) != 0)))
			abort();
		free(whole);
		free(streamed);
	}
	if (vndoc_package_write_memory(&out, &len, pkg, NULL, 0, NULL, &err) == 0)
		free(out);
	vndoc_package_free(pkg);
	return 0;
}
