/*
 * filters_vn.c: filters for Vietnamese paperwork.
 *
 *   {tien | so}          1234567.5  -> 1.234.567,5
 *   {tien | so:2}        1234567.5  -> 1.234.567,50
 *   {tien | bang_chu}    1205000    -> một triệu hai trăm linh năm nghìn
 *   {tien | bang_chu:"đồng"}        -> Một triệu hai trăm linh năm nghìn đồng
 *                        (options, in any order: "đồng", "ngàn", "lẻ")
 *   {ngay_ky | ngay}     2024-07-15 -> ngày 15 tháng 7 năm 2024
 *   {ngay_ky | ngay:"Lai Châu"}     -> Lai Châu, ngày 15 tháng 7 năm 2024
 *                        (Decree 30/2020: days below 10 and months 1, 2
 *                        written with a 0; a part not known is dots)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/limits.h"
#include "tmpl/filters_vn.h"

static bool nothing(vndoc_tmpl__xv x)
{
	return x.kind == VNDOC_XV_UNDEF || x.kind == VNDOC_XV_NULL;
}

static vndoc_tmpl__xv buf_result(vndoc_buf *b, vndoc_tmpl__xenv *env)
{
	vndoc_tmpl__xv x = vndoc_tmpl__xv_str(vndoc_tmpl__arena_strndup(env->arena, b->len ? b->ptr : "", b->len),
					      b->len);
	vndoc_buf_dispose(b);
	return x;
}

/* The input as a number: a number, or text that reads as one. */
static bool number_of(vndoc_tmpl__xv in, double *out, const char *filter, vndoc_tmpl__xenv *env)
{
	size_t len;
	const char *s;
	if (in.kind == VNDOC_XV_NUM || (in.kind == VNDOC_XV_STR && in.len)) {
		*out = vndoc_tmpl__xv_number(in);
		if (isfinite(*out))
			return true;
	}
	s = vndoc_tmpl__xv_text(in, &len, env->arena);
	snprintf(env->error, sizeof env->error, "%s: '%.*s' is not a number", filter,
		 (int)(len > 40 ? 40 : len), s);
	return false;
}

/* ---- so --------------------------------------------------------------- */

/* `digits` (a decimal number, no sign, no exponent) rounded half up to
 * `prec` places, padded with zeros to them. */
static void round_decimal(char *digits, size_t size, int prec)
{
	char *dot = strchr(digits, '.');
	size_t int_len = dot ? (size_t)(dot - digits) : strlen(digits), frac_len = dot ? strlen(dot + 1) : 0;
	char tmp[400];
	size_t n = 0;

	for (size_t i = 0; i < int_len; i++)
		tmp[n++] = digits[i];
	for (int i = 0; i < prec; i++)
		tmp[n++] = (size_t)i < frac_len ? dot[1 + i] : '0';
	if ((size_t)prec < frac_len && dot[1 + prec] >= '5') {
		size_t k = n;
		while (k > 0 && tmp[k - 1] == '9')
			tmp[--k] = '0';
		if (k == 0) {
			memmove(tmp + 1, tmp, n++);
			tmp[0] = '1';
			int_len++;
		} else {
			tmp[k - 1]++;
		}
	}
	tmp[n] = '\0';
	snprintf(digits, size, "%.*s%s%s", (int)int_len, tmp, prec ? "." : "", tmp + int_len);
}

int vndoc_tmpl__filter_so(vndoc_tmpl__xv *out, vndoc_tmpl__xv in, const vndoc_tmpl__xv *args, size_t n,
			  vndoc_tmpl__xenv *env)
{
	double x, p = -1;
	char digits[400];
	vndoc_buf b = VNDOC_BUF_INIT(VNDOC_LIMIT_PART_BYTES);
	const char *dot;
	size_t int_len;

	if (nothing(in))
		return *out = in, 0;
	if (!number_of(in, &x, "so", env))
		return -1;
	if (n) {
		p = vndoc_tmpl__xv_number(args[0]);
		if (!(p >= 0 && p <= 20 && p == floor(p))) {
			snprintf(env->error, sizeof env->error, "so: the precision must be a whole number from 0 to 20");
			return -1;
		}
	}
	if (fabs(x) < 1e21 && fabs(x) >= 1e-6)
		vndoc_tmpl__js_number(digits, sizeof digits, fabs(x));
	else
		snprintf(digits, sizeof digits, "%.20f", fabs(x));
	if (p >= 0)
		round_decimal(digits, sizeof digits, (int)p);
	else if (strchr(digits, '.')) { /* %.20f's trailing zeros */
		char *end = digits + strlen(digits);
		while (end[-1] == '0')
			*--end = '\0';
		if (end[-1] == '.')
			end[-1] = '\0';
	}
	dot = strchr(digits, '.');
	int_len = dot ? (size_t)(dot - digits) : strlen(digits);
	if (x < 0 && strspn(digits, "0.") != strlen(digits))
		vndoc_buf_putc(&b, '-');
	for (size_t i = 0; i < int_len; i++) {
		if (i && (int_len - i) % 3 == 0)
			vndoc_buf_putc(&b, '.');
		vndoc_buf_putc(&b, digits[i]);
	}
	if (dot) {
		vndoc_buf_putc(&b, ',');
		vndoc_buf_puts(&b, dot + 1);
	}
	*out = buf_result(&b, env);
	return 0;
}

/* ---- bang_chu --------------------------------------------------------- */

static const char *const DIGIT[] = {
	"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
};

static void word(vndoc_buf *out, const char *w)
{
	if (out->len)
		vndoc_buf_putc(out, ' ');
	vndoc_buf_puts(out, w);
}

/* A group of three digits; `full` when a higher group came before it
 * ("không trăm", "linh" are then said). */
static void group_words(vndoc_buf *out, unsigned g, bool full, bool le)
{
	unsigned h = g / 100, t = g / 10 % 10, u = g % 10;
	if (h || full) {
		word(out, DIGIT[h]);
		word(out, "trăm");
	}
	if (t == 0) {
		if (u && (h || full))
			word(out, le ? "lẻ" : "linh");
	} else if (t == 1) {
		word(out, "mười");
	} else {
		word(out, DIGIT[t]);
		word(out, "mươi");
	}
	if (!u)
		return;
	if (u == 1 && t >= 2)
		word(out, "mốt");
	else if (u == 5 && t >= 1)
		word(out, "lăm");
	else
		word(out, DIGIT[u]);
}

/* Below 10^9, the groups of thousands; `full` as above. */
static void below_billion(vndoc_buf *out, unsigned long n, bool full, bool ngan, bool le)
{
	static const char *const unit[] = { "triệu", NULL, "" };
	unsigned groups[3] = { (unsigned)(n / 1000000), (unsigned)(n / 1000 % 1000), (unsigned)(n % 1000) };
	for (int i = 0; i < 3; i++) {
		if (!groups[i])
			continue;
		group_words(out, groups[i], full, le);
		if (i < 2)
			word(out, unit[i] ? unit[i] : ngan ? "ngàn" : "nghìn");
		full = true;
	}
}

void vndoc_tmpl__number_words(vndoc_buf *out, unsigned long long n, bool ngan, bool le)
{
	size_t start = out->len;
	if (n == 0) {
		word(out, "không");
		return;
	}
	if (n >= 1000000000ULL) {
		/* "một nghìn tỷ", "năm trăm triệu tỷ": the billions as a number */
		vndoc_tmpl__number_words(out, n / 1000000000ULL, ngan, le);
		word(out, "tỷ");
		if (n % 1000000000ULL)
			below_billion(out, (unsigned long)(n % 1000000000ULL), true, ngan, le);
		return;
	}
	below_billion(out, (unsigned long)n, false, ngan, le);
	(void)start;
}

static bool option_is(vndoc_tmpl__xv a, const char *w, vndoc_tmpl__xenv *env)
{
	size_t len;
	const char *s = vndoc_tmpl__xv_text(a, &len, env->arena);
	return len == strlen(w) && !memcmp(s, w, len);
}

int vndoc_tmpl__filter_bang_chu(vndoc_tmpl__xv *out, vndoc_tmpl__xv in, const vndoc_tmpl__xv *args,
				size_t n, vndoc_tmpl__xenv *env)
{
	bool dong = false, ngan = false, le = false;
	double x, whole;
	vndoc_buf b = VNDOC_BUF_INIT(VNDOC_LIMIT_PART_BYTES);

	for (size_t i = 0; i < n; i++) {
		if (option_is(args[i], "đồng", env))
			dong = true;
		else if (option_is(args[i], "ngàn", env))
			ngan = true;
		else if (option_is(args[i], "lẻ", env))
			le = true;
		else if (!option_is(args[i], "nghìn", env) && !option_is(args[i], "linh", env)) {
			snprintf(env->error, sizeof env->error,
				 "bang_chu: options are \"đồng\", \"ngàn\" or \"nghìn\", \"lẻ\" or \"linh\"");
			return -1;
		}
	}
	if (nothing(in))
		return *out = in, 0;
	if (!number_of(in, &x, "bang_chu", env))
		return -1;
	if (fabs(x) >= 1e15) {
		snprintf(env->error, sizeof env->error, "bang_chu: %.0f is too large (below 10^15)", x);
		return -1;
	}
	if (x < 0 && (x <= -1 || !dong))
		word(&b, "âm");
	whole = floor(fabs(x));
	vndoc_tmpl__number_words(&b, (unsigned long long)whole, ngan, le);
	if (!dong && fabs(x) != whole) {
		/* the decimals read as a number: 2,25 -> "hai phẩy hai mươi lăm" */
		char digits[64], *dot;
		vndoc_tmpl__js_number(digits, sizeof digits, fabs(x));
		if ((dot = strchr(digits, '.')) && !strchr(digits, 'e')) {
			word(&b, "phẩy");
			for (dot++; *dot == '0'; dot++)
				word(&b, "không");
			if (*dot)
				vndoc_tmpl__number_words(&b, strtoull(dot, NULL, 10), ngan, le);
		}
	}
	if (dong) {
		word(&b, "đồng");
		/* "Một triệu…": capital first letter (one ASCII letter, or Â of "âm") */
		if (b.ptr[0] >= 'a' && b.ptr[0] <= 'z')
			b.ptr[0] = (char)(b.ptr[0] - 'a' + 'A');
		else if (!memcmp(b.ptr, "â", 2))
			memcpy(b.ptr, "Â", 2);
	}
	*out = buf_result(&b, env);
	return 0;
}

/* ---- ngay ------------------------------------------------------------- */

static int days_in(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : d[m - 1];
}

/* Reads "2024-07-15" (ISO, a time after it allowed), "15/07/2024",
 * "07/2024", "2024-07", "2024"; 0 for a part not given.  False when it
 * is none of these or not a real date. */
static bool parse_date(const char *s, size_t len, int *d, int *m, int *y)
{
	char tmp[40], rest[40];
	int a, b, c, n = 0;
	if (len >= sizeof tmp)
		return false;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	*d = *m = *y = 0;
	rest[0] = '\0';
	if (sscanf(tmp, "%4d-%2d-%2d%n", &a, &b, &c, &n) == 3 && (!tmp[n] || tmp[n] == 'T' || tmp[n] == ' '))
		*y = a, *m = b, *d = c;
	else if (sscanf(tmp, "%2d/%2d/%4d%n", &a, &b, &c, &n) == 3 && !tmp[n])
		*d = a, *m = b, *y = c;
	else if (sscanf(tmp, "%4d-%2d%n", &a, &b, &n) == 2 && !tmp[n])
		*y = a, *m = b;
	else if (sscanf(tmp, "%2d/%4d%n", &a, &b, &n) == 2 && !tmp[n])
		*m = a, *y = b;
	else if (sscanf(tmp, "%4d%n", &a, &n) == 1 && !tmp[n] && n == 4)
		*y = a;
	else
		return false;
	(void)rest;
	if (*y < 1 || *y > 9999 || (*m && (*m < 1 || *m > 12)) || (*d && (!*m || *d < 1 || *d > days_in(*y, *m))))
		return false;
	return true;
}

int vndoc_tmpl__filter_ngay(vndoc_tmpl__xv *out, vndoc_tmpl__xv in, const vndoc_tmpl__xv *args, size_t n,
			    vndoc_tmpl__xenv *env)
{
	static const char DOTS[] = "....";
	vndoc_buf b = VNDOC_BUF_INIT(VNDOC_LIMIT_PART_BYTES);
	int d = 0, m = 0, y = 0;
	bool nd30 = n > 0;

	if (!nothing(in)) {
		size_t len;
		const char *s = vndoc_tmpl__xv_text(in, &len, env->arena);
		if (len && !parse_date(s, len, &d, &m, &y)) {
			snprintf(env->error, sizeof env->error,
				 "ngay: '%.*s' is not a date (2024-07-15, 15/07/2024, 07/2024 or 2024)",
				 (int)(len > 40 ? 40 : len), s);
			return -1;
		}
	}
	if (nd30) {
		size_t len;
		const char *place = vndoc_tmpl__xv_text(args[0], &len, env->arena);
		if (len) {
			vndoc_buf_put(&b, place, len);
			vndoc_buf_puts(&b, ", ");
		}
	}
	/* Decree 30: "ngày 05 tháng 02", the 0 before days below 10 and
	 * months 1 and 2. */
	if (d)
		vndoc_buf_printf(&b, nd30 && d < 10 ? "ngày 0%d" : "ngày %d", d);
	else
		vndoc_buf_printf(&b, "ngày %s", DOTS);
	if (m)
		vndoc_buf_printf(&b, nd30 && m < 3 ? " tháng 0%d" : " tháng %d", m);
	else
		vndoc_buf_printf(&b, " tháng %s", DOTS);
	if (y)
		vndoc_buf_printf(&b, " năm %d", y);
	else
		vndoc_buf_printf(&b, " năm %s", DOTS);
	*out = buf_result(&b, env);
	return 0;
}
