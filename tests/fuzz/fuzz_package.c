/*
 * fuzz_package.c: the zip reader (libzip with the hostile-input checks),
 * every part read, and the archive written again.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "package/package.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vndoc_package *pkg;
	vndoc_error err;
	char *out;
	size_t len;

	if (vndoc_package_open_memory(&pkg, data, size, "fuzz.docx", &err) < 0)
		return 0;
	for (size_t i = 0; i < vndoc_package_count(pkg); i++) {
		char *part;
		if (vndoc_package_read(&part, &len, pkg, vndoc_package_name(pkg, i), &err) == 0)
			free(part);
	}
	if (vndoc_package_write_memory(&out, &len, pkg, NULL, 0, NULL, &err) == 0)
		free(out);
	vndoc_package_free(pkg);
	return 0;
}
