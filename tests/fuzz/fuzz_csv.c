/*
 * fuzz_csv.c: the CSV reader and the flat-sheet builder (headers, units,
 * text repair with legacy detection).
 */
#include <stddef.h>
#include <stdint.h>

#include "data/data.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vndoc_value *v = NULL;
	vndoc_error err;
	vndoc_findings f = VNDOC_FINDINGS_INIT;

	if (vndoc_data_load_csv(&v, (const char *)data, size, "fuzz.csv", NULL, &err) == 0) {
		vndoc_data_check(v, &f);
		vndoc_findings_dispose(&f);
	}
	vndoc_value_free(v);
	return 0;
}
