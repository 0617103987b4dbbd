/*
 * registration.c: values the registration documents derive from the data.
 */
#include <stdio.h>
#include <string.h>

#include "data/data.h"
#include "data/data_internal.h"

static void set_count(vndoc_value *map, const char *key, size_t n)
{
	char text[32];
	if (vndoc_value_get(map, key, strlen(key)))
		return; /* the data's own value wins */
	snprintf(text, sizeof text, "%zu", n);
	vndoc_value_map_set(map, key, strlen(key), vndoc_value_new_number((double)n, text));
}

void vndoc_data_add_totals(vndoc_value *root)
{
	const vndoc_value *units = vndoc_value_get(root, "don_vi", 6);
	size_t tap_the = 0, ca_nhan = 0;

	if (vndoc_value_type_of(units) != VNDOC_VALUE_LIST)
		return;
	for (size_t i = 0; i < vndoc_value_count(units); i++) {
		const vndoc_value *u = vndoc_value_at(units, i);
		tap_the += vndoc_value_count(vndoc_value_get(u, "tap_the", 7));
		ca_nhan += vndoc_value_count(vndoc_value_get(u, "ca_nhan", 7));
	}
	set_count(root, "tong_so_don_vi", vndoc_value_count(units));
	set_count(root, "tong_so_tap_the", tap_the);
	set_count(root, "tong_so_ca_nhan", ca_nhan);
}
