/*
 * batch/blank.c: a unit's form left blank to be filled (batch --blank).
 */
#include <string.h>

#include <glib.h>

#include "batch/batch_internal.h"

/* What a blank cell shows: dots to write on, as printed forms have. */
static const char dots[] = "………………";

static vndoc_value *row(const char *const *keys, size_t n)
{
	vndoc_value *r = vndoc_value_new_map();
	for (size_t i = 0; i < n; i++)
		vndoc_value_map_set(r, keys[i], strlen(keys[i]), vndoc_value_new_string(dots, strlen(dots)));
	return r;
}

vndoc_value *vndoc_batch__blank_unit(vndoc_value *unit)
{
	static const char *const tt[] = { "ten", "dia_chi", "nguoi_dung_dau", "linh_vuc", "giai_phap", "ghi_chu" };
	static const char *const cn[] = { "ho_ten", "chuc_vu", "don_vi_cong_tac", "noi_cu_tru", "linh_vuc",
					  "giai_phap", "ghi_chu" };
	vndoc_value *l;
	const vndoc_value *up = vndoc_value_get(unit, "ten_in_hoa", 10);

	if (vndoc_value_type_of(unit) != VNDOC_VALUE_MAP)
		return unit; /* not reached: such a unit is skipped (first_reading) */
	if (!up || !*vndoc_value_text(up, NULL)) {
		gchar *s = g_utf8_strup(vndoc_value_text(vndoc_value_get(unit, "ten", 3), NULL), -1);
		vndoc_value_map_set(unit, "ten_in_hoa", 10, vndoc_value_new_string(s, strlen(s)));
		g_free(s);
	}
	l = vndoc_value_new_list();
	vndoc_value_list_push(l, row(tt, sizeof tt / sizeof tt[0]));
	vndoc_value_map_set(unit, "tap_the", 7, l);
	l = vndoc_value_new_list();
	for (int i = 0; i < VNDOC_BATCH_BLANK_INDIVIDUALS; i++)
		vndoc_value_list_push(l, row(cn, sizeof cn / sizeof cn[0]));
	vndoc_value_map_set(unit, "ca_nhan", 7, l);
	return unit;
}
