/*
 * fuzz_expr.c: template expressions (tmpl/expr_parse.c, expr_eval.c,
 * filters.c, filters_vn.c).  Input: JSON data, a NUL byte, then an
 * expression; it is merged as a value tag, a section's condition and an
 * inverted section's, in a paragraph each, against the data.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "data/data.h"
#include "tmpl/tmpl.h"

/* The expression as XML text: & < > escaped (the tag is read from the
 * paragraph's text, where Word escapes them). */
static void put_escaped(vndoc_buf *b, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		switch (s[i]) {
		case '&': vndoc_buf_put(b, "&amp;", 5); break;
		case '<': vndoc_buf_put(b, "&lt;", 4); break;
		case '>': vndoc_buf_put(b, "&gt;", 4); break;
		default: vndoc_buf_put(b, s + i, 1); break;
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const around[][2] = { { "{", "}" }, { "{#", "}có{/}" }, { "{^", "}không{/}" } };
	const char *text = (const char *)data, *nul = memchr(text, '\0', size), *expr;
	vndoc_tmpl_options opts = VNDOC_TMPL_OPTIONS_INIT;
	vndoc_buf xml = VNDOC_BUF_INIT(1u << 20);
	vndoc_value *v = NULL;
	vndoc_error err;
	size_t expr_len;

	if (!nul || size > 8192)
		return 0;
	expr = nul + 1;
	expr_len = size - (size_t)(expr - text);
	if (vndoc_data_load_json(&v, text, (size_t)(nul - text), "fuzz.json", &err) < 0)
		v = NULL;
	vndoc_buf_put(&xml, "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
			    "<w:body>", 91);
	for (size_t k = 0; k < sizeof around / sizeof around[0]; k++) {
		vndoc_buf_put(&xml, "<w:p><w:r><w:t xml:space=\"preserve\">", 36);
		vndoc_buf_put(&xml, around[k][0], strlen(around[k][0]));
		put_escaped(&xml, expr, expr_len);
		vndoc_buf_put(&xml, around[k][1], strlen(around[k][1]));
		vndoc_buf_put(&xml, "</w:t></w:r></w:p>", 18);
	}
	vndoc_buf_put(&xml, "</w:body></w:document>", 22);
	for (int strict = 0; strict < 2; strict++) {
		vndoc_error_list errs = VNDOC_ERROR_LIST_INIT;
		vndoc_buf out = VNDOC_BUF_INIT(1u << 24);
		opts.strict = strict;
		vndoc_tmpl_merge_xml(&out, xml.ptr, xml.len, "word/document.xml", &opts,
				     (const vndoc_value *const *)&v, v ? 1 : 0, &errs, &err);
		vndoc_buf_dispose(&out);
		vndoc_error_list_dispose(&errs);
	}
	vndoc_buf_dispose(&xml);
	vndoc_value_free(v);
	return 0;
}
