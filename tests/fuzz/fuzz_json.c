/*
 * fuzz_json.c: the JSON loader (jansson, NFC, limits).
 */
#include <stddef.h>
#include <stdint.h>

#include "data/data.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vndoc_value *v = NULL;
	vndoc_error err;
	if (vndoc_data_load_json(&v, (const char *)data, size, "fuzz.json", &err) == 0)
		vndoc_data_add_totals(v);
	vndoc_value_free(v);
	return 0;
}
