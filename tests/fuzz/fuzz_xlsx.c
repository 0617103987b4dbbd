/*
 * fuzz_xlsx.c: the XLSX reader: zip, workbook, relationships, shared
 * strings, styles and the streamed sheet.
 */
#include <stddef.h>
#include <stdint.h>

#include "data/data.h"
#include "package/package.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vndoc_package *pkg;
	vndoc_value *v = NULL;
	vndoc_error err;

	if (vndoc_package_open_memory(&pkg, data, size, "fuzz.xlsx", &err) < 0)
		return 0;
	vndoc_data_load_xlsx_package(&v, pkg, "fuzz.xlsx", NULL, &err);
	vndoc_value_free(v);
	vndoc_package_free(pkg);
	return 0;
}
