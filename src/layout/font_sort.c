/*
 * layout/font_sort.c: fontconfig's sorted font list and best font for a
 * style, found once per process instead of once per font size.
 *
 * For every new font description (family, size, weight, style, language)
 * Pango 1.50 has fontconfig match and sort all the configuration's fonts
 * (FcFontSetMatch and FcFontSetSort, in Pango's fontconfig thread, the
 * sort whether or not a fallback font is ever needed; the sort merges the
 * fonts' character sets).  With the fallback chain of fonts/fonts.conf
 * that was about 2.7 million instructions a description and a quarter of
 * a one-form `vndoc render` (29 descriptions, issue 20).  Both compare the
 * pattern's size with a font's only when the font has one (FC_SIZE: an
 * optical size range; FC_PIXEL_SIZE: a bitmap strike); our fonts are
 * scalable and have neither, so 11 pt Liberation Serif sorts and matches
 * as 14 pt does.  The definitions here take the place of fontconfig's for
 * every caller in the program (a program's own symbols come before its
 * libraries', as render/pdf.c does for zlib's deflateInit_) and keep each
 * answer by the pattern without its sizes, the configuration and the very
 * fonts searched:
 *
 *   - FcFontSetSort: the sorted list itself;
 *   - FcFontSetMatch: the best font; the answer is then what fontconfig
 *     makes of it, FcFontRenderPrepare(config, pattern, best), with the
 *     pattern's own size.
 *
 * When a font has a size of its own, the pattern names a file, the caller
 * asks for the merged character set, or the cache is full, fontconfig's
 * own function answers.  The answers are fontconfig's (test_font_sort
 * checks them against fontconfig's own at sizes of several styles).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <glib.h>

#include "core/alloc.h"
#include "core/limits.h"
#include "layout/layout_internal.h"

typedef FcFontSet *(*sort_fn)(FcConfig *, FcFontSet **, int, FcPattern *, FcBool, FcCharSet **, FcResult *);
typedef FcPattern *(*match_fn)(FcConfig *, FcFontSet **, int, FcPattern *, FcResult *);

/* One answer: what it was asked with, and fontconfig's answer. */
typedef struct entry {
	bool match;         /* FcFontSetMatch's best font, else a sorted list */
	FcConfig *config;   /* a reference */
	FcPattern *pattern; /* the pattern asked, less its sizes */
	FcChar32 hash;      /* FcPatternHash of pattern */
	int nsets;
	int *nfonts;        /* per set: its fonts, each referenced */
	FcPattern ***fonts;
	FcBool trim;
	FcFontSet *sorted;  /* the sorted list */
	FcPattern *best;    /* the best font (of the sets, referenced) */
	FcResult result;
} entry;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static GPtrArray *entries; /* entry *, under lock */
static unsigned long hits, misses;
static int holders;        /* font objects alive (fonts.c); none: nothing kept */

static sort_fn real_sort;
static match_fn real_match;

/* fontconfig's own functions, the next definitions after ours. */
static void find_real(void)
{
	void *sort = dlsym(RTLD_NEXT, "FcFontSetSort"), *match = dlsym(RTLD_NEXT, "FcFontSetMatch");
	memcpy(&real_sort, &sort, sizeof real_sort);
	memcpy(&real_match, &match, sizeof real_match);
}

bool vndoc_layout__font_sort_init(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, find_real);
	return real_sort && real_match;
}

/* Whether the answer may come from the cache: no font of the sets has a
 * size of its own, which fontconfig would compare with the pattern's, and
 * the pattern names no file. */
static bool cacheable(FcConfig *config, FcFontSet **sets, int nsets, FcPattern *p)
{
	FcValue v;
	if (!config || !p || !sets || nsets < 1 || FcPatternGet(p, FC_FILE, 0, &v) == FcResultMatch ||
	    FcPatternGet(p, FC_INDEX, 0, &v) == FcResultMatch)
		return false;
	for (int s = 0; s < nsets; s++) {
		for (int i = 0; sets[s] && i < sets[s]->nfont; i++) {
			if (FcPatternGet(sets[s]->fonts[i], FC_SIZE, 0, &v) == FcResultMatch ||
			    FcPatternGet(sets[s]->fonts[i], FC_PIXEL_SIZE, 0, &v) == FcResultMatch)
				return false;
		}
	}
	return true;
}

static bool same_question(const entry *e, bool match, FcConfig *config, FcFontSet **sets, int nsets,
			  FcBool trim, const FcPattern *key, FcChar32 hash)
{
	if (e->match != match || e->hash != hash || e->config != config || e->nsets != nsets || e->trim != trim)
		return false;
	for (int s = 0; s < nsets; s++) {
		int n = sets[s] ? sets[s]->nfont : 0;
		if (e->nfonts[s] != n || (n && memcmp(e->fonts[s], sets[s]->fonts, (size_t)n * sizeof(FcPattern *))))
			return false;
	}
	return FcPatternEqual(e->pattern, key);
}

/* A new set holding `fs`'s fonts (each referenced again): the caller
 * destroys it. */
static FcFontSet *copy_set(const FcFontSet *fs)
{
	FcFontSet *out = FcFontSetCreate();
	for (int i = 0; out && i < fs->nfont; i++) {
		FcPatternReference(fs->fonts[i]);
		if (!FcFontSetAdd(out, fs->fonts[i])) {
			FcPatternDestroy(fs->fonts[i]);
			FcFontSetDestroy(out);
			return NULL;
		}
	}
	return out;
}

/* The question's key: `p` less its sizes (NULL: out of memory). */
static FcPattern *key_of(FcPattern *p, FcChar32 *hash)
{
	FcPattern *key = FcPatternDuplicate(p);
	if (key) {
		FcPatternDel(key, FC_SIZE);
		FcPatternDel(key, FC_PIXEL_SIZE);
		*hash = FcPatternHash(key);
	}
	return key;
}

/* The cached answer to the question, or NULL; under lock. */
static entry *lookup(bool match, FcConfig *config, FcFontSet **sets, int nsets, FcBool trim, const FcPattern *key,
		     FcChar32 hash)
{
	for (guint i = 0; entries && i < entries->len; i++)
		if (same_question(entries->pdata[i], match, config, sets, nsets, trim, key, hash))
			return entries->pdata[i];
	return NULL;
}

/* Keeps an answer (taking `key`); false when the cache is full. */
static bool keep(bool match, FcConfig *config, FcFontSet **sets, int nsets, FcBool trim, FcPattern *key,
		 FcChar32 hash, const FcFontSet *sorted, FcPattern *best, FcResult result)
{
	entry *e;
	pthread_mutex_lock(&lock);
	if (!entries)
		entries = g_ptr_array_new();
	if (holders <= 0 || entries->len >= VNDOC_LIMIT_FONT_SORTS ||
	    lookup(match, config, sets, nsets, trim, key, hash)) {
		pthread_mutex_unlock(&lock);
		return false;
	}
	e = vndoc_xcalloc(1, sizeof *e);
	e->match = match;
	e->config = FcConfigReference(config);
	e->pattern = key;
	e->hash = hash;
	e->nsets = nsets;
	e->nfonts = vndoc_xcalloc((size_t)nsets + 1, sizeof *e->nfonts);
	e->fonts = vndoc_xcalloc((size_t)nsets + 1, sizeof *e->fonts);
	for (int s = 0; s < nsets; s++) {
		int n = sets[s] ? sets[s]->nfont : 0;
		e->nfonts[s] = n;
		e->fonts[s] = vndoc_xcalloc((size_t)n + 1, sizeof(FcPattern *));
		for (int i = 0; i < n; i++) {
			FcPatternReference(sets[s]->fonts[i]);
			e->fonts[s][i] = sets[s]->fonts[i];
		}
	}
	e->trim = trim;
	e->sorted = sorted ? copy_set(sorted) : NULL;
	if (best)
		FcPatternReference(best);
	e->best = best;
	e->result = result;
	g_ptr_array_add(entries, e);
	pthread_mutex_unlock(&lock);
	return true;
}

FcFontSet *FcFontSetSort(FcConfig *config, FcFontSet **sets, int nsets, FcPattern *p, FcBool trim,
			 FcCharSet **csp, FcResult *result)
{
	FcPattern *key;
	FcChar32 hash = 0;
	FcFontSet *sorted;
	FcResult r = FcResultNoMatch;
	entry *e;

	if (!vndoc_layout__font_sort_init())
		return NULL;
	if (csp || !cacheable(config, sets, nsets, p) || !(key = key_of(p, &hash)))
		return real_sort(config, sets, nsets, p, trim, csp, result);
	pthread_mutex_lock(&lock);
	if ((e = lookup(false, config, sets, nsets, trim, key, hash))) {
		sorted = copy_set(e->sorted);
		r = e->result;
		hits++;
		pthread_mutex_unlock(&lock);
		FcPatternDestroy(key);
		if (result)
			*result = r;
		return sorted;
	}
	misses++;
	pthread_mutex_unlock(&lock);

	sorted = real_sort(config, sets, nsets, p, trim, NULL, &r);
	if (result)
		*result = r;
	if (!sorted || !keep(false, config, sets, nsets, trim, key, hash, sorted, NULL, r))
		FcPatternDestroy(key);
	return sorted;
}

/* The font of the sets that fontconfig's answer `ret` was made from (the
 * same file and face), or NULL when not exactly one. */
static FcPattern *best_of(FcFontSet **sets, int nsets, FcPattern *ret)
{
	FcChar8 *file, *f;
	int index, i2;
	FcPattern *best = NULL;

	if (FcPatternGetString(ret, FC_FILE, 0, &file) != FcResultMatch ||
	    FcPatternGetInteger(ret, FC_INDEX, 0, &index) != FcResultMatch)
		return NULL;
	for (int s = 0; s < nsets; s++) {
		for (int i = 0; sets[s] && i < sets[s]->nfont; i++) {
			FcPattern *font = sets[s]->fonts[i];
			if (FcPatternGetString(font, FC_FILE, 0, &f) != FcResultMatch ||
			    FcPatternGetInteger(font, FC_INDEX, 0, &i2) != FcResultMatch || i2 != index ||
			    strcmp((const char *)f, (const char *)file))
				continue;
			if (best)
				return NULL;
			best = font;
		}
	}
	return best;
}

FcPattern *FcFontSetMatch(FcConfig *config, FcFontSet **sets, int nsets, FcPattern *p, FcResult *result)
{
	FcPattern *key, *ret, *best = NULL;
	FcChar32 hash = 0;
	entry *e;

	if (!vndoc_layout__font_sort_init())
		return NULL;
	if (!cacheable(config, sets, nsets, p) || !(key = key_of(p, &hash)))
		return real_match(config, sets, nsets, p, result);
	pthread_mutex_lock(&lock);
	if ((e = lookup(true, config, sets, nsets, FcFalse, key, hash))) {
		best = e->best;
		FcPatternReference(best);
		hits++;
	} else {
		misses++;
	}
	pthread_mutex_unlock(&lock);
	if (best) {
		/* What fontconfig does with the best font it finds. */
		FcPatternDestroy(key);
		ret = FcFontRenderPrepare(config, p, best);
		FcPatternDestroy(best);
		if (result)
			*result = ret ? FcResultMatch : FcResultNoMatch;
		return ret;
	}
	ret = real_match(config, sets, nsets, p, result);
	if (!ret || !(best = best_of(sets, nsets, ret)) ||
	    !keep(true, config, sets, nsets, FcFalse, key, hash, NULL, best, FcResultMatch))
		FcPatternDestroy(key);
	return ret;
}

static void entry_free(entry *e)
{
	for (int s = 0; s < e->nsets; s++) {
		for (int i = 0; i < e->nfonts[s]; i++)
			FcPatternDestroy(e->fonts[s][i]);
		free(e->fonts[s]);
	}
	free(e->fonts);
	free(e->nfonts);
	if (e->sorted)
		FcFontSetDestroy(e->sorted);
	if (e->best)
		FcPatternDestroy(e->best);
	FcPatternDestroy(e->pattern);
	FcConfigDestroy(e->config);
	free(e);
}

void vndoc_layout__font_sort_hold(void)
{
	pthread_mutex_lock(&lock);
	holders++;
	pthread_mutex_unlock(&lock);
}

/* The last font object gone, the answers go too: nothing of fontconfig's
 * stays held at exit (a pattern keeps its elements by offset, which
 * valgrind and LeakSanitizer take for lost memory), and an answer that
 * Pango's thread finishes later is not kept. */
void vndoc_layout__font_sort_release(void)
{
	pthread_mutex_lock(&lock);
	if (--holders <= 0 && entries) {
		holders = 0;
		for (guint i = 0; i < entries->len; i++)
			entry_free(entries->pdata[i]);
		g_ptr_array_free(entries, TRUE);
		entries = NULL;
	}
	pthread_mutex_unlock(&lock);
}

void vndoc_layout__font_sort_stats(unsigned long *n_hits, unsigned long *n_misses)
{
	pthread_mutex_lock(&lock);
	*n_hits = hits;
	*n_misses = misses;
	pthread_mutex_unlock(&lock);
}
