/*
 * collect/text.c: small text helpers of the form reader: placeholder
 * dots, notes, cleaned values.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "collect/collect_internal.h"
#include "core/limits.h"
#include "vn/vn.h"

bool vndoc_collect__blank(const char *s)
{
	/* dots, ellipses, underscores, dashes and the separators of a
	 * combined cell ("……; ……; ……") left to be filled: no letter or digit */
	for (const char *p = s; *p; p = g_utf8_next_char(p))
		if (g_unichar_isalnum(g_utf8_get_char(p)))
			return false;
	return true;
}

void vndoc_collect__note(vndoc_collect__form *form, int code, const char *fmt, ...)
{
	vndoc_error e;
	va_list ap;

	if (code == VNDOC_OK)
		form->repairs++;
	else
		form->not_taken++;
	if (!form->notes)
		return;
	vndoc_error_clear(&e);
	vndoc_error_set_file(&e, form->path);
	va_start(ap, fmt);
	vndoc_error_vset(&e, (vndoc_code)code, fmt, ap);
	va_end(ap);
	vndoc_error_list_push(form->notes, &e);
}

vndoc_value *vndoc_collect__string(vndoc_collect__form *form, const char *s, size_t len, const char *where)
{
	vndoc_buf b = VNDOC_BUF_INIT(VNDOC_LIMIT_VALUE_BYTES * 4);
	size_t removed = 0;
	vndoc_value *v;

	if (vndoc_collect__blank(s))
		len = 0;
	vndoc_vn_clean(&b, s, len, VNDOC_LEGACY_OFF, &removed);
	if (removed)
		vndoc_collect__note(form, VNDOC_OK, "%s: removed %zu control character%s", where, removed,
				    removed > 1 ? "s" : "");
	v = vndoc_value_new_string(b.ptr ? b.ptr : "", b.len);
	vndoc_buf_dispose(&b);
	return v;
}
