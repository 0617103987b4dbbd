/*
 * batch/slug.c: the folder names of units (batch_internal.h).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "batch/batch.h"
#include "batch/batch_internal.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "vn/vn.h"

/* Names Windows reserves for devices, whatever the extension. */
static bool reserved_on_windows(const char *s)
{
	static const char *const names[] = { "con", "prn", "aux", "nul" };
	for (size_t i = 0; i < 4; i++)
		if (!strcmp(s, names[i]))
			return true;
	return (!strncmp(s, "com", 3) || !strncmp(s, "lpt", 3)) && s[3] >= '0' && s[3] <= '9' && !s[4];
}

/* A unit's folder: its name folded to a slug.  A slug taken by an earlier
 * unit gets "-2", "-3", … in data order (over all units, whatever the
 * shard), so names do not depend on threads or shards: the first reading
 * finds those (unit_suffix), the workers then name the folder again. */
char *vndoc_batch__slug_base(const char *name)
{
	vndoc_buf b = VNDOC_BUF_INIT(1024);

	vndoc_vn_slug(&b, name, strlen(name));
	if (b.len > 80) /* file systems limit names to 255 bytes */
		vndoc_buf_truncate(&b, 80);
	if (reserved_on_windows(b.ptr))
		vndoc_buf_puts(&b, "-don-vi");
	return vndoc_buf_detach(&b, NULL);
}

char *vndoc_batch__slug_with(const char *base, int n)
{
	size_t size = strlen(base) + 16;
	char *slug = vndoc_xmalloc(size);
	if (n > 1)
		snprintf(slug, size, "%s-%d", base, n);
	else
		snprintf(slug, size, "%s", base);
	return slug;
}

/* The n of "slug-n" unit `name` gets, given the slugs `taken` so far (1:
 * the slug as it is); records its slug in `taken`. */
int vndoc_batch__unit_suffix(GHashTable *taken, const char *name)
{
	char *base = vndoc_batch__slug_base(name), *slug = vndoc_xstrdup(base);
	int n = 1;

	while (g_hash_table_contains(taken, slug)) {
		free(slug);
		slug = vndoc_batch__slug_with(base, ++n);
	}
	g_hash_table_add(taken, slug);
	free(base);
	return n;
}

/* The public face of the above, for those who name units as the batch
 * does (vndoc serve's unit list and downloads). */
struct vndoc_batch_slugs {
	GHashTable *taken;
};

vndoc_batch_slugs *vndoc_batch_slugs_new(void)
{
	vndoc_batch_slugs *s = vndoc_xmalloc(sizeof *s);
	s->taken = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
	return s;
}

char *vndoc_batch_slugs_next(vndoc_batch_slugs *s, const char *name)
{
	char *base = vndoc_batch__slug_base(name), *slug;

	slug = vndoc_batch__slug_with(base, vndoc_batch__unit_suffix(s->taken, name));
	free(base);
	return slug;
}

void vndoc_batch_slugs_free(vndoc_batch_slugs *s)
{
	if (!s)
		return;
	g_hash_table_destroy(s->taken);
	free(s);
}
