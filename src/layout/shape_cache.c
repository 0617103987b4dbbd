/*
 * layout/shape_cache.c: HarfBuzz's shaping of one item's text kept while
 * Pango breaks one paragraph, for presplit.c.
 *
 * Pango 1.50 shapes an item that fits whole on its line twice: once when
 * it first meets it (at the end of the line before, where it does not
 * fit), and again when it places it (process_item's "glyphs = shape_run
 * (...)").  The second time HarfBuzz gets the very same input: the same
 * font, the same buffer (properties, flags, characters and clusters, the
 * paragraph's text around them as context) and the same features.  So,
 * while vndoc_layout__shape_cache is on (one layout's first breaking,
 * presplit.c: the text and its fonts do not change meanwhile, so the same
 * clusters mean the same place in the same text and the same context),
 * Pango's calls of hb_shape come here: the last VNDOC_LIMIT_SHAPE_CACHE
 * results are kept, and an input met again gets the glyphs HarfBuzz gave
 * it, copied into the buffer as hb_shape leaves them.  Off, or for
 * anything else, hb_shape is HarfBuzz's (found with dlsym RTLD_NEXT: the
 * executable's definition comes first for the libraries it loads).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>

#include "core/alloc.h"
#include "core/limits.h"
#include "layout/para.h"

/* One kept shaping: its input and HarfBuzz's output. */
typedef struct kept {
	bool used;
	hb_font_t *parent; /* Pango shapes with a sub-font of its font's */
	int xs, ys;
	hb_segment_properties_t props;
	hb_buffer_flags_t flags;
	hb_buffer_cluster_level_t level;
	hb_codepoint_t invisible, replacement;
	unsigned n_in, n_features, n_out;
	hb_codepoint_t *cp;
	unsigned *cluster;
	hb_feature_t *features;
	hb_glyph_info_t *info;
	hb_glyph_position_t *pos;
} kept;

typedef void (*shape_fn)(hb_font_t *, hb_buffer_t *, const hb_feature_t *, unsigned);

static _Thread_local bool on;
static _Thread_local kept cache[VNDOC_LIMIT_SHAPE_CACHE];
static _Thread_local unsigned next_slot;
static _Thread_local long hits;

static void forget(kept *k)
{
	free(k->cp);
	free(k->cluster);
	free(k->features);
	free(k->info);
	free(k->pos);
	*k = (kept){0};
}

void vndoc_layout__shape_cache(bool yes)
{
	on = yes;
	if (!yes)
		for (int i = 0; i < VNDOC_LIMIT_SHAPE_CACHE; i++)
			forget(&cache[i]);
}

long vndoc_layout__shape_cache_hits(void)
{
	return hits;
}

static shape_fn harfbuzz(void)
{
	static shape_fn real;
	shape_fn f = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
	if (!f) {
		f = (shape_fn)dlsym(RTLD_NEXT, "hb_shape");
		__atomic_store_n(&real, f, __ATOMIC_RELEASE);
	}
	return f;
}

/* The input of a shaping in `k` (its arrays not yet). */
static void key(kept *k, hb_font_t *font, hb_buffer_t *buf, unsigned n, unsigned n_features)
{
	k->parent = hb_font_get_parent(font);
	hb_font_get_scale(font, &k->xs, &k->ys);
	hb_buffer_get_segment_properties(buf, &k->props);
	k->flags = hb_buffer_get_flags(buf);
	k->level = hb_buffer_get_cluster_level(buf);
	k->invisible = hb_buffer_get_invisible_glyph(buf);
	k->replacement = hb_buffer_get_replacement_codepoint(buf);
	k->n_in = n;
	k->n_features = n_features;
}

static bool same(const kept *e, const kept *k, const hb_glyph_info_t *in,
                 const hb_feature_t *features)
{
	if (!e->used || e->parent != k->parent || e->xs != k->xs || e->ys != k->ys ||
	    !hb_segment_properties_equal(&e->props, &k->props) || e->flags != k->flags ||
	    e->level != k->level || e->invisible != k->invisible ||
	    e->replacement != k->replacement || e->n_in != k->n_in ||
	    e->n_features != k->n_features ||
	    (k->n_features && memcmp(e->features, features, k->n_features * sizeof *features)))
		return false;
	for (unsigned j = 0; j < k->n_in; j++)
		if (e->cp[j] != in[j].codepoint || e->cluster[j] != in[j].cluster)
			return false;
	return true;
}

void hb_shape(hb_font_t *font, hb_buffer_t *buf, const hb_feature_t *features,
              unsigned int num_features)
{
	kept k = {0}, *e;
	hb_glyph_info_t *in, *out_info;
	hb_glyph_position_t *out_pos;
	unsigned n, m;

	if (!on || hb_buffer_get_content_type(buf) != HB_BUFFER_CONTENT_TYPE_UNICODE) {
		harfbuzz()(font, buf, features, num_features);
		return;
	}
	in = hb_buffer_get_glyph_infos(buf, &n);
	key(&k, font, buf, n, num_features);
	for (int i = 0; i < VNDOC_LIMIT_SHAPE_CACHE; i++) {
		e = &cache[i];
		if (!same(e, &k, in, features))
			continue;
		hits++;
		if (!hb_buffer_set_length(buf, e->n_out))
			break;
		hb_buffer_set_content_type(buf, HB_BUFFER_CONTENT_TYPE_GLYPHS);
		memcpy(hb_buffer_get_glyph_infos(buf, NULL), e->info, e->n_out * sizeof *e->info);
		memcpy(hb_buffer_get_glyph_positions(buf, NULL), e->pos, e->n_out * sizeof *e->pos);
		return;
	}
	e = &cache[next_slot];
	next_slot = (next_slot + 1) % VNDOC_LIMIT_SHAPE_CACHE;
	forget(e);
	k.cp = vndoc_xreallocarray(NULL, n, sizeof *k.cp);
	k.cluster = vndoc_xreallocarray(NULL, n, sizeof *k.cluster);
	k.features = vndoc_xreallocarray(NULL, num_features, sizeof *k.features);
	for (unsigned j = 0; j < n; j++) {
		k.cp[j] = in[j].codepoint;
		k.cluster[j] = in[j].cluster;
	}
	if (num_features)
		memcpy(k.features, features, num_features * sizeof *features);
	harfbuzz()(font, buf, features, num_features);
	out_info = hb_buffer_get_glyph_infos(buf, &m);
	out_pos = hb_buffer_get_glyph_positions(buf, NULL);
	k.info = vndoc_xreallocarray(NULL, m, sizeof *k.info);
	k.pos = vndoc_xreallocarray(NULL, m, sizeof *k.pos);
	memcpy(k.info, out_info, m * sizeof *out_info);
	memcpy(k.pos, out_pos, m * sizeof *out_pos);
	k.n_out = m;
	k.used = true;
	*e = k;
}
