/*
 * tests/unit/test_font_sort.c: fontconfig's sorted font lists and best
 * fonts kept by style (layout/font_sort.c) give the answers fontconfig
 * itself gives at every size, and our configuration is fontconfig's
 * current one (issue 20).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <string.h>

#include <fontconfig/fontconfig.h>

#include "layout/layout.h"
#include "layout/layout_internal.h"
#include "test.h"

typedef FcFontSet *(*sort_fn)(FcConfig *, FcFontSet **, int, FcPattern *, FcBool, FcCharSet **, FcResult *);
typedef FcPattern *(*match_fn)(FcConfig *, FcFontSet **, int, FcPattern *, FcResult *);

/* A pattern as Pango makes one for a font description. */
static FcPattern *pattern(FcConfig *fc, const char *family, double size, int weight, int slant)
{
	FcPattern *p = FcPatternCreate();
	FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)family);
	FcPatternAddDouble(p, FC_SIZE, size);
	FcPatternAddDouble(p, FC_PIXEL_SIZE, size);
	FcPatternAddDouble(p, FC_WEIGHT, weight);
	FcPatternAddInteger(p, FC_SLANT, slant);
	FcPatternAddString(p, FC_LANG, (const FcChar8 *)"vi");
	FcConfigSubstitute(fc, p, FcMatchPattern);
	FcDefaultSubstitute(p);
	return p;
}

/* The same fonts in the same order. */
static void assert_same(const FcFontSet *a, const FcFontSet *b)
{
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(a->nfont, b->nfont);
	for (int i = 0; i < a->nfont; i++)
		ck_assert_ptr_eq(a->fonts[i], b->fonts[i]);
}

START_TEST(font_sort__same_answers_as_fontconfig_at_every_size)
{
	static const char *families[] = { "Times New Roman", "Arial", "Courier New", "Calibri", "IRNazanin", "serif" };
	static const double sizes[] = { 11, 8, 13.5, 26, 11 };
	vndoc_layout_fonts *fonts = NULL;
	vndoc_error e;
	sort_fn real;
	match_fn real_match;
	void *sym;
	unsigned long hits0, misses0, hits, misses;
	FcConfig *fc;
	FcFontSet *sets[1];
	int styles = 0;

	vndoc_error_clear(&e);
	ck_assert_int_eq(vndoc_layout_fonts_new(&fonts, NULL, &e), 0);
	sym = dlsym(RTLD_NEXT, "FcFontSetSort");
	ck_assert_ptr_nonnull(sym);
	memcpy(&real, &sym, sizeof real);
	sym = dlsym(RTLD_NEXT, "FcFontSetMatch");
	ck_assert_ptr_nonnull(sym);
	memcpy(&real_match, &sym, sizeof real_match);
	/* Ours is the current configuration: the system's was never loaded. */
	fc = FcConfigGetCurrent();
	sets[0] = FcConfigGetFonts(fc, FcSetSystem);
	ck_assert_ptr_nonnull(sets[0]);
	{
		FcStrList *files = FcConfigGetConfigFiles(fc);
		FcChar8 *first = FcStrListNext(files);
		ck_assert_ptr_nonnull(first);
		ck_assert_str_eq((const char *)first + strlen((const char *)first) - strlen("fonts/fonts.conf"),
				 "fonts/fonts.conf");
		ck_assert_ptr_null(FcStrListNext(files));
		FcStrListDone(files);
	}
	vndoc_layout__font_sort_stats(&hits0, &misses0);
	for (size_t f = 0; f < sizeof families / sizeof *families; f++) {
		for (int bold = 0; bold < 2; bold++) {
			for (int italic = 0; italic < 2; italic++, styles++) {
				for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
					FcPattern *p = pattern(fc, families[f], sizes[s],
							       bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR,
							       italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
					FcResult r1 = FcResultNoMatch, r2 = FcResultNoMatch;
					FcFontSet *ours = FcFontSetSort(fc, sets, 1, p, FcTrue, NULL, &r1);
					FcFontSet *theirs = real(fc, sets, 1, p, FcTrue, NULL, &r2);
					assert_same(ours, theirs);
					ck_assert_int_eq(r1, r2);
					FcFontSetDestroy(ours);
					FcFontSetDestroy(theirs);
					/* The best font, prepared with this size. */
					{
						FcPattern *m1 = FcFontSetMatch(fc, sets, 1, p, &r1);
						FcPattern *m2 = real_match(fc, sets, 1, p, &r2);
						double size;
						ck_assert_ptr_nonnull(m1);
						ck_assert(FcPatternEqual(m1, m2));
						ck_assert_int_eq(r1, r2);
						ck_assert_int_eq(FcPatternGetDouble(m1, FC_PIXEL_SIZE, 0, &size), FcResultMatch);
						ck_assert_double_eq(size, sizes[s]);
						FcPatternDestroy(m1);
						FcPatternDestroy(m2);
					}
					FcPatternDestroy(p);
				}
			}
		}
	}
	/* One sort and one match per style, the other sizes from the cache. */
	vndoc_layout__font_sort_stats(&hits, &misses);
	ck_assert_uint_eq(misses - misses0, 2ul * (unsigned long)styles);
	ck_assert_uint_eq(hits - hits0, 2ul * (unsigned long)styles * (sizeof sizes / sizeof *sizes - 1));
	/* Asked for the merged character set: fontconfig answers, uncached. */
	{
		FcPattern *p = pattern(fc, "Arial", 11, FC_WEIGHT_REGULAR, FC_SLANT_ROMAN);
		FcCharSet *cs1 = NULL, *cs2 = NULL;
		FcResult r;
		FcFontSet *ours = FcFontSetSort(fc, sets, 1, p, FcTrue, &cs1, &r);
		FcFontSet *theirs = real(fc, sets, 1, p, FcTrue, &cs2, &r);
		assert_same(ours, theirs);
		ck_assert(FcCharSetEqual(cs1, cs2));
		vndoc_layout__font_sort_stats(&hits0, &misses0);
		ck_assert_uint_eq(hits0, hits);
		ck_assert_uint_eq(misses0, misses);
		FcCharSetDestroy(cs1);
		FcCharSetDestroy(cs2);
		FcFontSetDestroy(ours);
		FcFontSetDestroy(theirs);
		FcPatternDestroy(p);
	}
	vndoc_layout_fonts_free(fonts);
	/* The last font object gone, so are the answers: asked again, the
	 * first size is fontconfig's to answer. */
	ck_assert_int_eq(vndoc_layout_fonts_new(&fonts, NULL, &e), 0);
	{
		FcPattern *p = pattern(fc, "Arial", 11, FC_WEIGHT_REGULAR, FC_SLANT_ROMAN);
		FcResult r;
		FcFontSet *ours = FcFontSetSort(fc, sets, 1, p, FcTrue, NULL, &r);
		vndoc_layout__font_sort_stats(&hits, &misses);
		ck_assert_uint_eq(misses, misses0 + 1);
		FcFontSetDestroy(ours);
		FcPatternDestroy(p);
	}
	vndoc_layout_fonts_free(fonts);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("font_sort");
	TCase *tc = tcase_create("sort");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, font_sort__same_answers_as_fontconfig_at_every_size);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
