/*
 * tmpl/filters_vn.h: the filters for Vietnamese paperwork (filters_vn.c):
 * so (a number as Vietnamese write it), bang_chu (a number in words),
 * ngay (a date written out, and the Decree 30 place-and-date line).
 */
#ifndef VNDOC_TMPL_FILTERS_VN_H
#define VNDOC_TMPL_FILTERS_VN_H

#include "tmpl/expr.h"
#include "core/buf.h"

int vndoc_tmpl__filter_so(vndoc_tmpl__xv *out, vndoc_tmpl__xv in, const vndoc_tmpl__xv *args,
			  size_t n, vndoc_tmpl__xenv *env);
int vndoc_tmpl__filter_bang_chu(vndoc_tmpl__xv *out, vndoc_tmpl__xv in, const vndoc_tmpl__xv *args,
				size_t n, vndoc_tmpl__xenv *env);
int vndoc_tmpl__filter_ngay(vndoc_tmpl__xv *out, vndoc_tmpl__xv in, const vndoc_tmpl__xv *args,
			    size_t n, vndoc_tmpl__xenv *env);

/** Appends the Vietnamese words for the whole number `n` (|n| < 10^15):
 * 1005 -> "một nghìn không trăm linh năm".  `ngan` says "ngàn" for
 * "nghìn", `le` "lẻ" for "linh". */
void vndoc_tmpl__number_words(vndoc_buf *out, unsigned long long n, bool ngan, bool le);

#endif
