/*
 * data/flat.c: registration data from flat sheets (CSV, XLSX): one row per
 * registration, columns found by their header text.
 *
 * A header matches a column when, folded (no tone marks, lower case) and
 * reduced to letters, digits and single spaces, it equals one of the
 * column's names, or starts with one marked '*'.  So "Người đứng đầu;
 * phụ trách đơn vị" and "NGUOI DUNG DAU" both find nguoi_dung_dau.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/limits.h"
#include "data/data_internal.h"
#include "vn/vn.h"

typedef enum { TO_UNIT_NAME, TO_KIND, TO_NAME, TO_UNIT, TO_TAP_THE, TO_CA_NHAN, TO_BOTH } target;

typedef struct column {
	const char *key;      /* "dia_chi", "thu_truong.ho_ten" */
	target to;
	const char *names;    /* folded header names, '|'-separated; '*' = prefix */
	const char *title;    /* the header as the README documents it */
} column;

static const column columns[] = {
	{ "ten", TO_UNIT_NAME, "don vi dang ky*|ten don vi dang ky|co quan don vi dang ky", "Đơn vị đăng ký" },
	{ "loai", TO_KIND, "loai|loai dang ky|tap the ca nhan|doi tuong", "Loại" },
	{ "ten", TO_NAME, "ten tap the ho va ten|ho va ten ten tap the|ten|ho va ten|ho ten|ten tap the",
	  "Tên tập thể / Họ và tên" },
	{ "ten_in_hoa", TO_UNIT, "ten don vi in hoa|don vi in hoa", "Tên đơn vị in hoa" },
	{ "co_quan_cap_tren", TO_UNIT, "co quan cap tren|co quan chu quan", "Cơ quan cấp trên" },
	{ "dia_danh", TO_UNIT, "dia danh", "Địa danh" },
	{ "ngay", TO_UNIT, "ngay", "Ngày" },
	{ "thang", TO_UNIT, "thang", "Tháng" },
	{ "nam", TO_UNIT, "nam", "Năm" },
	{ "so", TO_UNIT, "so|so van ban|so ky hieu", "Số" },
	{ "thu_truong.chuc_vu", TO_UNIT, "chuc vu thu truong", "Chức vụ thủ trưởng" },
	{ "thu_truong.ho_ten", TO_UNIT, "thu truong|ho ten thu truong|ho va ten thu truong", "Thủ trưởng" },
	{ "dia_chi", TO_TAP_THE, "dia chi", "Địa chỉ" },
	{ "nguoi_dung_dau", TO_TAP_THE, "nguoi dung dau*", "Người đứng đầu; phụ trách đơn vị" },
	{ "chuc_vu", TO_CA_NHAN, "chuc vu", "Chức vụ" },
	{ "don_vi_cong_tac", TO_CA_NHAN, "don vi cong tac", "Đơn vị công tác" },
	{ "noi_cu_tru", TO_CA_NHAN, "noi cu tru|dia chi noi cu tru", "Nơi cư trú" },
	{ "linh_vuc", TO_BOTH, "dien hinh thuoc linh vuc*|linh vuc*", "Điển hình thuộc lĩnh vực" },
	{ "giai_phap", TO_BOTH, "cac giai phap*|giai phap*", "Các giải pháp" },
	{ "ghi_chu", TO_BOTH, "ghi chu", "Ghi chú" },
};
#define N_COLUMNS (sizeof columns / sizeof columns[0])

struct vndoc_data__flat {
	const char *file;
	vndoc_data_options opts;
	int col_of[N_COLUMNS];      /* sheet column index of each column, or -1 */
	size_t n_cells;             /* header width */
	char **headers;             /* as written, for messages */
	vndoc_value *root, *units;
	GHashTable *unit_by_name;   /* name -> vndoc_value * (borrowed) */
	GHashTable *unit_rows;      /* vndoc_value * -> first row, for messages */
	vndoc_buf scratch;
	bool have_header;
	bool unit_list;             /* only the unit column: units, no registrations */
};

void vndoc_data_fold_header(vndoc_buf *out, const char *s, size_t len)
{
	vndoc_buf f = VNDOC_BUF_INIT(len * 2 + 16);
	bool space = false;

	vndoc_vn_fold(&f, s, len);
	vndoc_buf_clear(out);
	for (size_t i = 0; i < f.len; i++) {
		char c = f.ptr[i];
		if (c == '(') /* "(nêu khái quát)" and the like are not the name */
			break;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (space && out->len)
				vndoc_buf_putc(out, ' ');
			space = false;
			vndoc_buf_putc(out, c);
		} else {
			space = true;
		}
	}
	vndoc_buf_dispose(&f);
}

bool vndoc_data_header_matches(const char *names, const char *h)
{
	size_t hl = strlen(h);
	for (const char *p = names; *p;) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		bool prefix = n && p[n - 1] == '*';
		size_t m = prefix ? n - 1 : n;
		if (prefix ? hl >= m && !memcmp(h, p, m) : hl == m && !memcmp(h, p, m))
			return true;
		p += n + (bar != NULL);
	}
	return false;
}

vndoc_data__flat *vndoc_data__flat_new(const char *file, const vndoc_data_options *opts)
{
	vndoc_data__flat *f = vndoc_xcalloc(1, sizeof *f);
	vndoc_data_options defaults = VNDOC_DATA_OPTIONS_INIT;

	f->file = file;
	f->opts = opts ? *opts : defaults;
	for (size_t i = 0; i < N_COLUMNS; i++)
		f->col_of[i] = -1;
	f->root = vndoc_value_new_map();
	f->units = vndoc_value_new_list();
	f->unit_by_name = g_hash_table_new(g_str_hash, g_str_equal);
	f->unit_rows = g_hash_table_new(g_direct_hash, g_direct_equal);
	vndoc_buf_init(&f->scratch, VNDOC_LIMIT_VALUE_BYTES * 4);
	return f;
}

void vndoc_data__flat_free(vndoc_data__flat *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n_cells; i++)
		free(f->headers[i]);
	free(f->headers);
	vndoc_value_free(f->root);
	vndoc_value_free(f->units);
	g_hash_table_destroy(f->unit_by_name);
	g_hash_table_destroy(f->unit_rows);
	vndoc_buf_dispose(&f->scratch);
	free(f);
}

static int row_error(vndoc_data__flat *f, long row, long col, vndoc_error *err, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static int row_error(vndoc_data__flat *f, long row, long col, vndoc_error *err, const char *fmt, ...)
{
	va_list ap;
	vndoc_error_set_file(err, f->file);
	if (err) {
		err->row = row;
		if (col >= 0 && (size_t)col < f->n_cells)
			vndoc_error_set_tag(err, f->headers[col], strlen(f->headers[col]));
	}
	va_start(ap, fmt);
	vndoc_error_vset(err, VNDOC_EDATA, fmt, ap);
	va_end(ap);
	return VNDOC_EDATA;
}

static int header(vndoc_data__flat *f, const vndoc_str *cells, size_t n, long row, vndoc_error *err)
{
	vndoc_buf h = VNDOC_BUF_INIT(4096);

	f->n_cells = n;
	f->headers = vndoc_xcalloc(n ? n : 1, sizeof *f->headers);
	for (size_t c = 0; c < n; c++) {
		f->headers[c] = vndoc_xstrndup(cells[c].ptr, cells[c].len > 60 ? 60 : cells[c].len);
		vndoc_data_fold_header(&h, cells[c].ptr, cells[c].len);
		for (size_t k = 0; k < N_COLUMNS; k++) {
			if (f->col_of[k] >= 0 || !vndoc_data_header_matches(columns[k].names, h.ptr))
				continue;
			f->col_of[k] = (int)c;
			break;
		}
	}
	vndoc_buf_dispose(&h);
	/* A unit list (the units to send blank forms to): the unit column
	 * and the unit's own, no kind and no name of a registration. */
	f->unit_list = f->col_of[0] >= 0 && f->col_of[1] < 0 && f->col_of[2] < 0;
	for (size_t k = 0; k < N_COLUMNS && !f->unit_list; k++)
		if (f->col_of[k] < 0 && (columns[k].to == TO_UNIT_NAME || columns[k].to == TO_KIND ||
					 columns[k].to == TO_NAME))
			return row_error(f, row, -1, err, "no column \"%s\" in the header", columns[k].title);
	f->have_header = true;
	return 0;
}

/* The cell of column k, repaired, in `out` (NUL-terminated). */
static const char *clean(const vndoc_data__flat *f, vndoc_buf *out, const vndoc_str *cells, size_t n, size_t k,
			 size_t *removed)
{
	int c = f->col_of[k];

	vndoc_buf_clear(out);
	if (c >= 0 && (size_t)c < n)
		vndoc_vn_clean(out, cells[c].ptr, cells[c].len, f->opts.legacy, removed);
	return out->ptr;
}

/* The cell of column k, repaired, in f->scratch; a repair worth telling is
 * told. */
static const char *cell(vndoc_data__flat *f, const vndoc_str *cells, size_t n, size_t k, long row)
{
	int c = f->col_of[k];
	size_t removed = 0;

	clean(f, &f->scratch, cells, n, k, &removed);
	if (removed && f->opts.warnings) {
		vndoc_error w;
		vndoc_error_clear(&w);
		vndoc_error_set_file(&w, f->file);
		w.row = row;
		vndoc_error_set_tag(&w, f->headers[c], strlen(f->headers[c]));
		vndoc_error_set(&w, VNDOC_OK, "removed %zu control character%s", removed, removed > 1 ? "s" : "");
		vndoc_error_list_push(f->opts.warnings, &w);
	}
	return f->scratch.ptr;
}

static vndoc_value *string(const char *s)
{
	return vndoc_value_new_string(s, strlen(s));
}

/* Sets `key` ("a" or "a.b") in `map`. */
static void set_path(vndoc_value *map, const char *key, vndoc_value *v)
{
	const char *dot = strchr(key, '.');
	vndoc_value *sub;

	if (!dot) {
		vndoc_value_map_set(map, key, strlen(key), v);
		return;
	}
	sub = (vndoc_value *)vndoc_value_get(map, key, (size_t)(dot - key));
	if (!sub) {
		sub = vndoc_value_new_map();
		vndoc_value_map_set(map, key, (size_t)(dot - key), sub);
	}
	vndoc_value_map_set(sub, dot + 1, strlen(dot + 1), v);
}

static const vndoc_value *get_path(const vndoc_value *map, const char *key)
{
	const char *dot = strchr(key, '.');
	if (!dot)
		return vndoc_value_get(map, key, strlen(key));
	return vndoc_value_get(vndoc_value_get(map, key, (size_t)(dot - key)), dot + 1, strlen(dot + 1));
}

static vndoc_value *unit_for(vndoc_data__flat *f, const char *name, long row)
{
	vndoc_value *u = g_hash_table_lookup(f->unit_by_name, name);
	if (u)
		return u;
	u = vndoc_value_new_map();
	vndoc_value_map_set(u, "ten", 3, string(name));
	vndoc_value_list_push(f->units, u);
	/* The key is the unit's own copy of its name, which lives as long. */
	g_hash_table_insert(f->unit_by_name, (gpointer)vndoc_value_text(vndoc_value_get(u, "ten", 3), NULL), u);
	g_hash_table_insert(f->unit_rows, u, GINT_TO_POINTER((int)row));
	return u;
}

/* A row of blank cells is not a registration. */
static bool is_blank(const vndoc_str *cells, size_t n)
{
	for (size_t c = 0; c < n; c++)
		if (vndoc_str_trim(cells[c]).len)
			return false;
	return true;
}

int vndoc_data__flat_unit_key(vndoc_data__flat *f, const vndoc_str *cells, size_t n, vndoc_buf *out)
{
	vndoc_buf_clear(out);
	if (is_blank(cells, n))
		return 0;
	clean(f, out, cells, n, 0, NULL);
	return 1;
}

int vndoc_data__flat_row(vndoc_data__flat *f, const vndoc_str *cells, size_t n, long row, vndoc_error *err)
{
	vndoc_value *unit, *item, *name;
	int kind;
	char *unit_name;
	char rowtext[32];

	if (!f->have_header)
		return header(f, cells, n, row, err);
	if (is_blank(cells, n))
		return 0;

	unit_name = vndoc_xstrdup(cell(f, cells, n, 0, row));
	if (!*unit_name) {
		free(unit_name);
		return row_error(f, row, f->col_of[0], err, "the unit is empty");
	}
	if (f->unit_list) {
		kind = -1;
		name = NULL;
	} else {
		vndoc_buf k = VNDOC_BUF_INIT(256);
		const char *v = cell(f, cells, n, 1, row);
		vndoc_vn_fold(&k, v, strlen(v));
		kind = !strcmp(k.ptr, "tap the") ? TO_TAP_THE : !strcmp(k.ptr, "ca nhan") ? TO_CA_NHAN : -1;
		vndoc_buf_dispose(&k);
		if (kind < 0) {
			int rc = row_error(f, row, f->col_of[1], err, "\"%s\" is neither \"Tập thể\" nor \"Cá nhân\"",
					   f->scratch.ptr);
			free(unit_name);
			return rc;
		}
		/* Repaired once: a repair is told once. */
		name = string(cell(f, cells, n, 2, row));
		if (!*vndoc_value_text(name, NULL)) {
			vndoc_value_free(name);
			free(unit_name);
			return row_error(f, row, f->col_of[2], err, "the name is empty");
		}
	}
	unit = unit_for(f, unit_name, row);
	free(unit_name);
	/* Unit columns: the first row that fills one decides; a later row
	 * that says otherwise is an error, not a silent choice. */
	for (size_t k = 3; k < N_COLUMNS; k++) {
		const vndoc_value *had;
		const char *v;
		if (columns[k].to != TO_UNIT || f->col_of[k] < 0)
			continue;
		v = cell(f, cells, n, k, row);
		had = get_path(unit, columns[k].key);
		if (!had) {
			set_path(unit, columns[k].key, string(v));
		} else if (*v && strcmp(vndoc_value_text(had, NULL), v)) {
			if (!*vndoc_value_text(had, NULL)) {
				set_path(unit, columns[k].key, string(v));
				continue;
			}
			vndoc_value_free(name);
			return row_error(f, row, f->col_of[k], err, "\"%s\" differs from \"%s\" given for this unit in row %d",
					 v, vndoc_value_text(had, NULL),
					 GPOINTER_TO_INT(g_hash_table_lookup(f->unit_rows, unit)));
		}
	}

	if (f->unit_list)
		return 0;
	item = vndoc_value_new_map();
	vndoc_value_map_set(item, kind == TO_TAP_THE ? "ten" : "ho_ten", kind == TO_TAP_THE ? 3 : 6,
			    name);
	for (size_t k = 3; k < N_COLUMNS; k++)
		if (f->col_of[k] >= 0 && (columns[k].to == (target)kind || columns[k].to == TO_BOTH))
			set_path(item, columns[k].key, string(cell(f, cells, n, k, row)));
	snprintf(rowtext, sizeof rowtext, "%ld", row);
	vndoc_value_map_set(item, "_row", 4, vndoc_value_new_number((double)row, rowtext));
	{
		const char *list = kind == TO_TAP_THE ? "tap_the" : "ca_nhan";
		vndoc_value *l = (vndoc_value *)vndoc_value_get(unit, list, 7);
		if (!l) {
			l = vndoc_value_new_list();
			vndoc_value_map_set(unit, list, 7, l);
		}
		vndoc_value_list_push(l, item);
	}
	return 0;
}

vndoc_value *vndoc_data__flat_take_units(vndoc_data__flat *f)
{
	vndoc_value *units = f->units;

	for (size_t i = 0; i < vndoc_value_count(units); i++) {
		vndoc_value *u = (vndoc_value *)vndoc_value_at(units, i);
		/* Every unit has both lists, empty or not, and its name in capitals. */
		if (!vndoc_value_get(u, "tap_the", 7))
			vndoc_value_map_set(u, "tap_the", 7, vndoc_value_new_list());
		if (!vndoc_value_get(u, "ca_nhan", 7))
			vndoc_value_map_set(u, "ca_nhan", 7, vndoc_value_new_list());
		if (!vndoc_value_get(u, "ten_in_hoa", 10) ||
		    !*vndoc_value_text(vndoc_value_get(u, "ten_in_hoa", 10), NULL)) {
			gchar *up = g_utf8_strup(vndoc_value_text(vndoc_value_get(u, "ten", 3), NULL), -1);
			vndoc_value_map_set(u, "ten_in_hoa", 10, string(up));
			g_free(up);
		}
	}
	f->units = vndoc_value_new_list();
	g_hash_table_remove_all(f->unit_by_name);
	g_hash_table_remove_all(f->unit_rows);
	return units;
}

int vndoc_data__flat_finish(vndoc_data__flat *f, vndoc_value **out, vndoc_error *err)
{
	*out = NULL;
	if (!f->have_header) {
		vndoc_error_set_file(err, f->file);
		return vndoc_error_set(err, VNDOC_EDATA, "no header row");
	}
	vndoc_value_map_set(f->root, "don_vi", 6, vndoc_data__flat_take_units(f));
	*out = f->root;
	f->root = NULL;
	return 0;
}

/* CSV ---------------------------------------------------------------- */

typedef struct csv_ctx {
	vndoc_data__flat *flat;
	vndoc_error *err;
} csv_ctx;

int vndoc_data__flat_csv_record(vndoc_data__flat *f, const vndoc_str *cells, size_t n, long row, long line,
				vndoc_error *err)
{
	int rc = vndoc_data__flat_row(f, cells, n, row, err);
	if (rc < 0 && err && !err->line)
		vndoc_error_set_pos(err, line, 0);
	return rc;
}

static int on_csv_record(const vndoc_str *fields, size_t n, long row, long line, void *userdata)
{
	csv_ctx *c = userdata;
	return vndoc_data__flat_csv_record(c->flat, fields, n, row, line, c->err);
}

int vndoc_data_load_csv(vndoc_value **out, const char *text, size_t len, const char *file,
			const vndoc_data_options *opts, vndoc_error *err)
{
	vndoc_data__flat *flat;
	csv_ctx c;
	char *decoded;
	int rc;

	*out = NULL;
	if ((rc = vndoc_data__csv_decode(&text, &len, &decoded, file, opts ? opts->warnings : NULL, err)) < 0)
		return rc;
	flat = vndoc_data__flat_new(file, opts);
	c = (csv_ctx){ flat, err };
	rc = vndoc_data_read_csv(text, len, file, on_csv_record, &c, err);
	if (rc == 0)
		rc = vndoc_data__flat_finish(flat, out, err);
	vndoc_data__flat_free(flat);
	g_free(decoded);
	return rc;
}
