/*
 * layout/repair.c: the warnings the layout adds for what it repairs
 * (see repair.h), kept with the document's own.
 */
#include <stdarg.h>
#include <stdlib.h>

#include "core/alloc.h"
#include "layout/layout_internal.h"

void vndoc_layout__repairs_init(vndoc_layout__repairs *r, const vndoc_layout_options *opts)
{
	r->strict = opts->strict_fonts;
	r->on_warning = opts->on_warning;
	r->userdata = opts->userdata;
	r->seen = NULL;
	r->n_chars = 0;
	r->legacy_warned = false;
}

void vndoc_layout__repairs_dispose(vndoc_layout__repairs *r)
{
	if (r->seen)
		g_hash_table_destroy(r->seen);
	r->seen = NULL;
}

void vndoc_layout__warn(vndoc_layout *l, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	l->warnings = vndoc_xreallocarray(l->warnings, l->n_warnings + 1, sizeof *l->warnings);
	l->warnings[l->n_warnings++] = vndoc_xstrdup(msg);
	g_free(msg);
	if (l->repairs.on_warning)
		l->repairs.on_warning(l->warnings[l->n_warnings - 1], l->repairs.userdata);
}
