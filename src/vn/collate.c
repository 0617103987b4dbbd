/*
 * vn/collate.c: Vietnamese alphabetical order with ICU's collation for
 * "vi" (a ă â b c d đ e ê … with tones ordered ngang, huyền, hỏi, ngã,
 * sắc, nặng), and personal names ordered as Vietnamese lists order them.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucol.h>

#include "core/alloc.h"
#include "vn/vn.h"

static UCollator *collator;
static pthread_once_t collator_once = PTHREAD_ONCE_INIT;

static void open_collator(void)
{
	UErrorCode status = U_ZERO_ERROR;
	collator = ucol_open("vi", &status);
	if (U_FAILURE(status))
		collator = NULL;
}

/* Collators are safe to share between threads for comparisons. */
int vndoc_vn_compare(const char *a, size_t a_len, const char *b, size_t b_len)
{
	UErrorCode status = U_ZERO_ERROR;
	UCollationResult r;

	pthread_once(&collator_once, open_collator);
	if (!collator) {
		int c = memcmp(a, b, a_len < b_len ? a_len : b_len);
		return c ? c : (a_len > b_len) - (a_len < b_len);
	}
	r = ucol_strcollUTF8(collator, a, (int32_t)a_len, b, (int32_t)b_len, &status);
	return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}

/* The words of a name: start and length of each, up to `max`. */
static size_t words(const char *s, size_t len, size_t starts[], size_t lens[], size_t max)
{
	size_t n = 0, i = 0;
	while (i < len && n < max) {
		while (i < len && s[i] == ' ')
			i++;
		if (i == len)
			break;
		starts[n] = i;
		while (i < len && s[i] != ' ')
			i++;
		lens[n] = i - starts[n];
		n++;
	}
	return n;
}

int vndoc_vn_compare_names(const char *a, const char *b)
{
	size_t as[16], al[16], bs[16], bl[16];
	size_t na = words(a, strlen(a), as, al, 16), nb = words(b, strlen(b), bs, bl, 16);
	int c;

	if (!na || !nb)
		return (na > nb) - (na < nb);
	/* Given name (the last word) first. */
	if ((c = vndoc_vn_compare(a + as[na - 1], al[na - 1], b + bs[nb - 1], bl[nb - 1])))
		return c;
	/* Then the middle names, in order. */
	for (size_t i = 1; i + 1 < na && i + 1 < nb; i++)
		if ((c = vndoc_vn_compare(a + as[i], al[i], b + bs[i], bl[i])))
			return c;
	if (na != nb)
		return na < nb ? -1 : 1;
	/* Then the family name. */
	return vndoc_vn_compare(a + as[0], al[0], b + bs[0], bl[0]);
}

static int cmp_text(const void *x, const void *y)
{
	const char *a = *(const char *const *)x, *b = *(const char *const *)y;
	return vndoc_vn_compare(a, strlen(a), b, strlen(b));
}

static int cmp_names(const void *x, const void *y)
{
	return vndoc_vn_compare_names(*(const char *const *)x, *(const char *const *)y);
}

void vndoc_vn_sort(const char **items, size_t n, bool as_names)
{
	if (n > 1)
		qsort(items, n, sizeof *items, as_names ? cmp_names : cmp_text);
}
