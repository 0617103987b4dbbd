/*
 * fuzz_tmpl.c: the tag lexer, section placement and merge, on one XML
 * part.  Input: JSON data, a NUL byte, then the part's XML.  The low bit
 * of the first byte (part of the JSON) turns strict mode on.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "data/data.h"
#include "tmpl/tmpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *nul = memchr(text, '\0', size);
	vndoc_tmpl_options opts = VNDOC_TMPL_OPTIONS_INIT;
	vndoc_error_list errs = VNDOC_ERROR_LIST_INIT;
	vndoc_buf out = VNDOC_BUF_INIT(1u << 24);
	vndoc_value *v = NULL;
	vndoc_error err;

	if (!nul || size < 2)
		return 0;
	opts.strict = data[0] & 1;
	if (vndoc_data_load_json(&v, text, (size_t)(nul - text), "fuzz.json", &err) < 0)
		v = NULL;
	vndoc_tmpl_merge_xml(&out, nul + 1, size - (size_t)(nul - text) - 1, "word/document.xml",
			     &opts, (const vndoc_value *const *)&v, v ? 1 : 0, &errs, &err);
	vndoc_buf_dispose(&out);
	vndoc_error_list_dispose(&errs);
	vndoc_value_free(v);
	return 0;
}
