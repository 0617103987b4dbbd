/*
 * collect/find.c: the registration tables of a form and their rows.
 *
 * A table is one of ours when a row of it is a header: three or more cells
 * whose text, folded as sheet headers are (no case, tone marks or
 * punctuation), names a column of the form.  Whether it holds collectives
 * or individuals is said by its header (a "Họ và tên" column, a "Người
 * đứng đầu" column...), else by the heading above it or a row "I. TẬP
 * THỂ" / "II. CÁ NHÂN" inside it.  Header rows may come again (repeated
 * on each page, or a copy pasted in); a row of column numbers "(1) (2)…",
 * empty rows and rows still holding the placeholder dots are passed over.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/collect_internal.h"
#include "core/alloc.h"

typedef enum {
	F_NONE = 0, F_STT, F_NAME_TT, F_NAME_CN, F_NAME, F_DIA_CHI, F_NGUOI_DUNG_DAU, F_CHUC_VU,
	F_DON_VI_CONG_TAC, F_NOI_CU_TRU, F_COMBINED3, F_COMBINED2, F_LINH_VUC, F_GIAI_PHAP, F_GHI_CHU,
	N_FIELDS
} field;

enum { K_NONE = 0, K_TAP_THE, K_CA_NHAN };

/* Folded header names, '|'-separated, '*' marks a prefix (as in flat.c). */
static const char *const names[N_FIELDS] = {
	[F_STT] = "stt|tt|so tt|so thu tu",
	[F_NAME_TT] = "don vi|ten don vi|tap the|ten tap the|ten tap the don vi|ten don vi tap the",
	[F_NAME_CN] = "ho va ten|ho ten|ten ca nhan|ho va ten ca nhan",
	[F_NAME] = "ten",
	[F_DIA_CHI] = "dia chi|dia chi tru so",
	[F_NGUOI_DUNG_DAU] = "nguoi dung dau*",
	[F_CHUC_VU] = "chuc vu",
	[F_DON_VI_CONG_TAC] = "don vi cong tac|noi cong tac|co quan cong tac",
	[F_NOI_CU_TRU] = "noi cu tru|dia chi noi cu tru|noi o",
	[F_COMBINED3] = "chuc vu don vi cong tac dia chi noi cu tru|chuc vu don vi cong tac noi cu tru",
	[F_COMBINED2] = "chuc vu don vi cong tac",
	[F_LINH_VUC] = "dien hinh thuoc linh vuc*|linh vuc*",
	[F_GIAI_PHAP] = "cac giai phap*|giai phap*",
	[F_GHI_CHU] = "ghi chu",
};

/* The keys of the fields, as in the data. */
static const char *const keys[N_FIELDS] = {
	[F_STT] = "stt", [F_DIA_CHI] = "dia_chi", [F_NGUOI_DUNG_DAU] = "nguoi_dung_dau",
	[F_CHUC_VU] = "chuc_vu", [F_DON_VI_CONG_TAC] = "don_vi_cong_tac", [F_NOI_CU_TRU] = "noi_cu_tru",
	[F_COMBINED3] = "chuc_vu; don_vi_cong_tac; noi_cu_tru", [F_COMBINED2] = "chuc_vu; don_vi_cong_tac",
	[F_LINH_VUC] = "linh_vuc", [F_GIAI_PHAP] = "giai_phap", [F_GHI_CHU] = "ghi_chu",
};

static field match(const char *text)
{
	vndoc_buf h = VNDOC_BUF_INIT(4096);
	field f = F_NONE;

	vndoc_data_fold_header(&h, text, strlen(text));
	for (int k = F_STT; k < N_FIELDS && h.len; k++)
		if (vndoc_data_header_matches(names[k], h.ptr)) {
			f = (field)k;
			break;
		}
	vndoc_buf_dispose(&h);
	return f;
}

/* "I. TẬP THỂ", "II. CÁ NHÂN", "Tập thể", "B. Cá nhân": K_NONE otherwise. */
static int section_kind(const char *text)
{
	vndoc_buf h = VNDOC_BUF_INIT(4096);
	const char *s;
	int kind = K_NONE;

	vndoc_data_fold_header(&h, text, strlen(text));
	s = h.ptr ? h.ptr : "";
	if (!strncmp(s, "ii ", 3) || !strncmp(s, "i ", 2) || !strncmp(s, "a ", 2) || !strncmp(s, "b ", 2) ||
	    !strncmp(s, "1 ", 2) || !strncmp(s, "2 ", 2))
		s = strchr(s, ' ') + 1;
	if (!strncmp(s, "doi voi ", 8))
		s += 8;
	if (!strcmp(s, "tap the") || !strcmp(s, "dien hinh tap the"))
		kind = K_TAP_THE;
	else if (!strcmp(s, "ca nhan") || !strcmp(s, "dien hinh ca nhan"))
		kind = K_CA_NHAN;
	vndoc_buf_dispose(&h);
	return kind;
}

/* A table's reading state: what each grid column holds. */
typedef struct reader {
	vndoc_collect__form *form;
	vndoc_value *unit;
	const char *title;      /* "I. TẬP THỂ" or "II. CÁ NHÂN", for notes */
	int kind;               /* K_* */
	field *col;             /* per grid column */
	size_t n_col;
	bool header_before;     /* the previous row was a header */
	size_t found;           /* header rows seen */
} reader;

static size_t row_grid(const vndoc_collect__row *row)
{
	size_t n = 0;
	for (size_t c = 0; c < row->n_cells; c++)
		if ((size_t)(row->cells[c].col + row->cells[c].span) > n)
			n = (size_t)(row->cells[c].col + row->cells[c].span);
	return n;
}

static void grow_cols(reader *rd, size_t n)
{
	if (n <= rd->n_col)
		return;
	rd->col = vndoc_xreallocarray(rd->col, n, sizeof *rd->col);
	memset(rd->col + rd->n_col, 0, (n - rd->n_col) * sizeof *rd->col);
	rd->n_col = n;
}

/* A header row: three or more cells name columns. */
static bool is_header(const vndoc_collect__row *row)
{
	size_t n = 0;
	for (size_t c = 0; c < row->n_cells; c++)
		if (!row->cells[c].merged && match(row->cells[c].text) != F_NONE)
			n++;
	return n >= 3;
}

/* A row of column numbers: "1 2 3…" or "(1) (2)…". */
static bool is_numbers(const vndoc_collect__row *row)
{
	size_t n = 0;
	for (size_t c = 0; c < row->n_cells; c++) {
		const char *s = row->cells[c].text;
		if (vndoc_collect__blank(s))
			continue;
		for (; *s; s++)
			if (!strchr("0123456789() .", *s))
				return false;
		n++;
	}
	return n >= 3;
}

static void read_header(reader *rd, const vndoc_collect__row *row)
{
	grow_cols(rd, row_grid(row));
	for (size_t c = 0; c < row->n_cells; c++) {
		const vndoc_collect__cell *cell = &row->cells[c];
		field f = cell->merged ? F_NONE : match(cell->text);
		/* A second header row (sub-columns) refines the first. */
		if (f == F_NONE && rd->header_before)
			continue;
		if (f == F_NAME_CN || f == F_CHUC_VU || f == F_COMBINED3 || f == F_COMBINED2 ||
		    f == F_DON_VI_CONG_TAC || f == F_NOI_CU_TRU)
			rd->kind = K_CA_NHAN;
		else if (f == F_NAME_TT || f == F_NGUOI_DUNG_DAU || f == F_DIA_CHI)
			rd->kind = rd->kind == K_CA_NHAN && f == F_DIA_CHI ? K_CA_NHAN : K_TAP_THE;
		for (int g = cell->col; g < cell->col + cell->span && (size_t)g < rd->n_col; g++)
			rd->col[g] = f;
	}
	rd->found++;
}

/* A data row's text per field (several cells under one field: joined). */
typedef struct row_text {
	vndoc_buf text[N_FIELDS];
	char legacy[N_FIELDS][64];
	bool merged[N_FIELDS];
} row_text;

static void gather(reader *rd, const vndoc_collect__row *row, size_t r, row_text *rt)
{
	for (size_t c = 0; c < row->n_cells; c++) {
		const vndoc_collect__cell *cell = &row->cells[c];
		field f = (size_t)cell->col < rd->n_col ? rd->col[cell->col] : F_NONE;
		vndoc_buf *b;
		if (vndoc_collect__blank(cell->text))
			continue;
		if (f == F_NONE) {
			vndoc_collect__note(rd->form, VNDOC_EDATA, "%s, row %zu, column %d: \"%.80s\" is under no column of the form: not taken",
					    rd->title, r + 1, cell->col + 1, cell->text);
			continue;
		}
		for (int g = cell->col + 1; g < cell->col + cell->span && (size_t)g < rd->n_col; g++)
			if (rd->col[g] != f && rd->col[g] != F_NONE && rd->col[g] != F_STT) {
				vndoc_collect__note(rd->form, VNDOC_OK, "%s, row %zu: a cell spans the columns %s and %s: its text taken as %s",
						    rd->title, r + 1, keys[f] ? keys[f] : "ten", keys[rd->col[g]],
						    keys[f] ? keys[f] : "ten");
				break;
			}
		b = &rt->text[f];
		if (b->len)
			vndoc_buf_putc(b, ' ');
		vndoc_buf_puts(b, cell->text);
		if (cell->legacy[0] && !rt->legacy[f][0])
			memcpy(rt->legacy[f], cell->legacy, 64);
		rt->merged[f] |= cell->merged;
	}
}

static bool row_blank(const row_text *rt)
{
	for (int f = F_NAME_TT; f < N_FIELDS; f++)
		if (rt->text[f].len)
			return false;
	return true;
}

static const char *text_of(const row_text *rt, field f)
{
	return rt->text[f].len ? rt->text[f].ptr : "";
}

static void set(reader *rd, vndoc_value *item, const char *key, const char *s, size_t len, size_t r)
{
	char where[160];
	snprintf(where, sizeof where, "%s, row %zu, %s", rd->title, r + 1, key);
	vndoc_value_map_set(item, key, strlen(key), vndoc_collect__string(rd->form, s, len, where));
}

/* Splits `s` at `sep` into exactly `n` parts (their bounds in `at`). */
static bool split(const char *s, char sep, size_t n, const char **at)
{
	size_t k = 1;
	at[0] = s;
	for (const char *p = s; *p; p++)
		if (*p == sep) {
			if (k == n)
				return false;
			at[k++] = p + 1;
		}
	at[k] = s + strlen(s) + 1;
	return k == n;
}

/* The combined column "Chức vụ; đơn vị công tác; địa chỉ nơi cư trú" into
 * its fields: parts separated by ';', else by lines; kept whole in chuc_vu
 * with a note when the text does not split so. */
static void split_combined(reader *rd, vndoc_value *item, const char *s, field f, size_t r)
{
	static const char *const fields[3] = { "chuc_vu", "don_vi_cong_tac", "noi_cu_tru" };
	size_t n = f == F_COMBINED3 ? 3 : 2;
	const char *at[4];

	if (!*s || vndoc_collect__blank(s)) {
		for (size_t i = 0; i < 3; i++)
			set(rd, item, fields[i], "", 0, r);
		return;
	}
	if (split(s, ';', n, at) || split(s, '\n', n, at)) {
		for (size_t i = 0; i < n; i++)
			set(rd, item, fields[i], at[i], (size_t)(at[i + 1] - 1 - at[i]), r);
		if (n == 2)
			set(rd, item, fields[2], "", 0, r);
		return;
	}
	vndoc_collect__note(rd->form, VNDOC_OK, "%s, row %zu: \"%.100s\" does not split into %s: kept whole in chuc_vu",
			    rd->title, r + 1, s, keys[f]);
	set(rd, item, "chuc_vu", s, strlen(s), r);
	set(rd, item, "don_vi_cong_tac", "", 0, r);
	set(rd, item, "noi_cu_tru", "", 0, r);
}

static void notes_for(reader *rd, const row_text *rt, size_t r)
{
	for (int f = F_NAME_TT; f < N_FIELDS; f++) {
		const char *key = keys[f] ? keys[f] : rd->kind == K_CA_NHAN ? "ho_ten" : "ten";
		if (rt->legacy[f][0])
			vndoc_collect__note(rd->form, VNDOC_OK, "%s, row %zu, %s: typed in the legacy font %s: converted to Unicode",
					    rd->title, r + 1, key, rt->legacy[f]);
		if (rt->merged[f] && rt->text[f].len)
			vndoc_collect__note(rd->form, VNDOC_OK, "%s, row %zu, %s: a cell merged with the row above: its text taken for this row too",
					    rd->title, r + 1, key);
	}
}

/* Text in columns of fields [from, to] the table's kind has not. */
static void unused(reader *rd, const row_text *rt, size_t r, field from, field to)
{
	for (field f = from; f <= to; f++)
		if (rt->text[f].len)
			vndoc_collect__note(rd->form, VNDOC_EDATA, "%s, row %zu: %s \"%.80s\" is not a field of %s: not taken",
					    rd->title, r + 1, keys[f], text_of(rt, f),
					    rd->kind == K_CA_NHAN ? "an individual" : "a collective");
}

/* A registration from a data row; NULL (with a note) when it has no name. */
static vndoc_value *registration(reader *rd, const row_text *rt, size_t r)
{
	bool cn = rd->kind == K_CA_NHAN;
	const char *name = rt->text[F_NAME_TT].len ? text_of(rt, F_NAME_TT)
			   : rt->text[F_NAME_CN].len ? text_of(rt, F_NAME_CN) : text_of(rt, F_NAME);
	vndoc_value *item;

	if (vndoc_collect__blank(name)) {
		for (int f = F_DIA_CHI; f < N_FIELDS; f++)
			if (rt->text[f].len) {
				vndoc_collect__note(rd->form, VNDOC_EDATA, "%s, row %zu: no %s, so the row is not taken (%s: \"%.80s\")",
						    rd->title, r + 1, cn ? "name (Họ và tên)" : "collective (Đơn vị)",
						    keys[f], text_of(rt, (field)f));
				break;
			}
		return NULL;
	}
	notes_for(rd, rt, r);
	item = vndoc_value_new_map();
	set(rd, item, cn ? "ho_ten" : "ten", name, strlen(name), r);
	if (cn) {
		if (rt->text[F_COMBINED3].len || rt->text[F_COMBINED2].len)
			split_combined(rd, item, text_of(rt, rt->text[F_COMBINED3].len ? F_COMBINED3 : F_COMBINED2),
				       rt->text[F_COMBINED3].len ? F_COMBINED3 : F_COMBINED2, r);
		else
			for (field f = F_CHUC_VU; f <= F_NOI_CU_TRU; f++) {
				/* an "Địa chỉ" column of individuals is where they live */
				field g = f == F_NOI_CU_TRU && !rt->text[f].len ? F_DIA_CHI : f;
				set(rd, item, keys[f], text_of(rt, g), rt->text[g].len, r);
			}
		unused(rd, rt, r, F_NGUOI_DUNG_DAU, F_NGUOI_DUNG_DAU);
	} else {
		unused(rd, rt, r, F_CHUC_VU, F_COMBINED2);
		set(rd, item, "dia_chi", text_of(rt, F_DIA_CHI), rt->text[F_DIA_CHI].len, r);
		set(rd, item, "nguoi_dung_dau", text_of(rt, F_NGUOI_DUNG_DAU), rt->text[F_NGUOI_DUNG_DAU].len, r);
	}
	for (field f = F_LINH_VUC; f <= F_GHI_CHU; f++)
		set(rd, item, keys[f], text_of(rt, f), rt->text[f].len, r);
	return item;
}

static void push(vndoc_value *unit, const char *list, vndoc_value *item)
{
	vndoc_value *l = (vndoc_value *)vndoc_value_get(unit, list, strlen(list));
	vndoc_value_list_push(l, item);
}

static void set_title(reader *rd)
{
	rd->title = rd->kind == K_CA_NHAN ? "II. CÁ NHÂN" : "I. TẬP THỂ";
}

/* The rows of a table that has a header: returns whether it had one. */
static bool read_table(reader *rd, vndoc_collect__table *t)
{
	for (size_t r = 0; r < t->n_rows; r++) {
		const vndoc_collect__row *row = &t->rows[r];
		row_text rt;
		vndoc_value *item;
		int kind;

		if (row->n_cells <= 2 && row->n_cells &&
		    (kind = section_kind(row->cells[0].text[0] ? row->cells[0].text
					 : row->cells[row->n_cells - 1].text)) != K_NONE) {
			rd->kind = kind;
			continue;
		}
		if (is_header(row)) {
			read_header(rd, row);
			rd->header_before = true;
			set_title(rd);
			continue;
		}
		rd->header_before = false;
		if (!rd->found || is_numbers(row))
			continue;
		memset(&rt, 0, sizeof rt);
		for (int f = 0; f < N_FIELDS; f++)
			vndoc_buf_init(&rt.text[f], (size_t)4 << 20);
		gather(rd, row, r, &rt);
		if (!row_blank(&rt) && (item = registration(rd, &rt, r)))
			push(rd->unit, rd->kind == K_CA_NHAN ? "ca_nhan" : "tap_the", item);
		for (int f = 0; f < N_FIELDS; f++)
			vndoc_buf_dispose(&rt.text[f]);
	}
	return rd->found > 0;
}

size_t vndoc_collect__find(vndoc_collect__form *form, vndoc_value *unit)
{
	size_t tables = 0;
	int heading = K_NONE;

	vndoc_value_map_set(unit, "tap_the", 7, vndoc_value_new_list());
	vndoc_value_map_set(unit, "ca_nhan", 7, vndoc_value_new_list());
	for (size_t i = 0; i < form->n_items; i++) {
		vndoc_collect__item *it = &form->items[i];
		reader rd;
		int k;

		if (it->text) {
			if (!vndoc_collect__blank(it->text) && (k = section_kind(it->text)) != K_NONE)
				heading = k;
			continue;
		}
		memset(&rd, 0, sizeof rd);
		rd.form = form;
		rd.unit = unit;
		rd.kind = heading;
		set_title(&rd);
		if (read_table(&rd, it->table)) {
			it->table->registrations = true;
			tables++;
		}
		free(rd.col);
	}
	return tables;
}
