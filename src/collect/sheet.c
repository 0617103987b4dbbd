/*
 * collect/sheet.c: the flat sheet, CSV or XLSX (sheet.h).
 */
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "collect/sheet.h"
#include "core/alloc.h"
#include "core/limits.h"

/* The columns as the sample sheets have them (samples/lai-chau.csv), the
 * path of each value in the unit (U:) or the registration (R:), and the
 * width of its XLSX column in characters. */
typedef struct column {
	const char *title, *path;
	double width;
} column;

static const column columns[] = {
	{ "Đơn vị đăng ký", "U:ten", 32 },
	{ "Cơ quan cấp trên", "U:co_quan_cap_tren", 26 },
	{ "Tên đơn vị in hoa", "U:ten_in_hoa", 26 },
	{ "Địa danh", "U:dia_danh", 12 },
	{ "Ngày", "U:ngay", 6 },
	{ "Tháng", "U:thang", 6 },
	{ "Năm", "U:nam", 6 },
	{ "Số", "U:so", 12 },
	{ "Thủ trưởng", "U:thu_truong.ho_ten", 22 },
	{ "Chức vụ thủ trưởng", "U:thu_truong.chuc_vu", 18 },
	{ "Loại", "", 9 },
	{ "Tên tập thể / Họ và tên", "R:", 30 },
	{ "Địa chỉ", "R:dia_chi", 30 },
	{ "Người đứng đầu; phụ trách đơn vị", "R:nguoi_dung_dau", 28 },
	{ "Chức vụ", "R:chuc_vu", 18 },
	{ "Đơn vị công tác", "R:don_vi_cong_tac", 28 },
	{ "Nơi cư trú", "R:noi_cu_tru", 30 },
	{ "Điển hình thuộc lĩnh vực", "R:linh_vuc", 22 },
	{ "Các giải pháp thực hiện xây dựng, nhân rộng điển hình (nêu khái quát)", "R:giai_phap", 60 },
	{ "Ghi chú", "R:ghi_chu", 24 },
};
#define N_COLUMNS (sizeof columns / sizeof columns[0])

struct vndoc_collect__sheet {
	FILE *csv;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *head, *body;
	lxw_row_t row;
};

static const char *text_at(const vndoc_value *v, const char *path)
{
	const char *dot = strchr(path, '.');
	if (dot)
		v = vndoc_value_get(v, path, (size_t)(dot - path)), path = dot + 1;
	return vndoc_value_text(vndoc_value_get(v, path, strlen(path)), NULL);
}

static void csv_cell(FILE *out, const char *s, bool last)
{
	if (strpbrk(s, ";\"\r\n")) {
		fputc('"', out);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', out);
			fputc(*s, out);
		}
		fputc('"', out);
	} else {
		fputs(s, out);
	}
	fputs(last ? "\r\n" : ";", out);
}

vndoc_collect__sheet *vndoc_collect__sheet_open_csv(FILE *out)
{
	vndoc_collect__sheet *s = vndoc_xcalloc(1, sizeof *s);
	s->csv = out;
	fputs("\xEF\xBB\xBF", out);
	for (size_t c = 0; c < N_COLUMNS; c++)
		csv_cell(out, columns[c].title, c + 1 == N_COLUMNS);
	return s;
}

/* The dates written into docProps/core.xml: SOURCE_DATE_EPOCH, else
 * 2000-01-01 (as the PDFs), so the same rows give the same bytes. */
static time_t fixed_time(void)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	char *end;
	if (env && *env) {
		long long v = strtoll(env, &end, 10);
		if (!*end && v > 0)
			return (time_t)v;
	}
	return (time_t)946684800;
}

int vndoc_collect__sheet_open_xlsx(vndoc_collect__sheet **out, const char *path, vndoc_error *err)
{
	lxw_workbook_options o = { .constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE };
	lxw_doc_properties props;
	vndoc_collect__sheet *s = vndoc_xcalloc(1, sizeof *s);

	*out = NULL;
	if (!(s->wb = workbook_new_opt(path, &o)) || !(s->ws = workbook_add_worksheet(s->wb, "Đăng ký"))) {
		vndoc_collect__sheet_abort(s);
		return vndoc_error_set(err, VNDOC_EIO, "cannot start the workbook");
	}
	memset(&props, 0, sizeof props);
	props.title = (char *)"Đăng ký điển hình tiên tiến";
	props.author = (char *)"vndoc";
	props.created = fixed_time();
	workbook_set_properties(s->wb, &props);
	s->head = workbook_add_format(s->wb);
	format_set_bold(s->head);
	format_set_text_wrap(s->head);
	format_set_align(s->head, LXW_ALIGN_VERTICAL_TOP);
	format_set_bg_color(s->head, 0xDDEBF7);
	format_set_border(s->head, LXW_BORDER_THIN);
	s->body = workbook_add_format(s->wb);
	format_set_text_wrap(s->body);
	format_set_align(s->body, LXW_ALIGN_VERTICAL_TOP);
	for (size_t c = 0; c < N_COLUMNS; c++)
		worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, columns[c].width, NULL);
	worksheet_freeze_panes(s->ws, 1, 0);
	for (size_t c = 0; c < N_COLUMNS; c++)
		worksheet_write_string(s->ws, 0, (lxw_col_t)c, columns[c].title, s->head);
	s->row = 1;
	*out = s;
	return 0;
}

static int put_row(vndoc_collect__sheet *s, const vndoc_value *unit, const vndoc_value *reg, bool tt, vndoc_error *err)
{
	for (size_t c = 0; c < N_COLUMNS; c++) {
		const char *p = columns[c].path, *v;
		if (!*p)
			v = tt ? "Tập thể" : "Cá nhân";
		else if (!strcmp(p, "R:"))
			v = text_at(reg, tt ? "ten" : "ho_ten");
		else
			v = text_at(p[0] == 'U' ? unit : reg, p + 2);
		if (s->csv) {
			csv_cell(s->csv, v, c + 1 == N_COLUMNS);
		} else if (*v && worksheet_write_string(s->ws, s->row, (lxw_col_t)c, v, s->body) != LXW_NO_ERROR) {
			return vndoc_error_set(err, VNDOC_ELIMIT, "row %lu, column %zu: the sheet cannot hold the value",
					       (unsigned long)s->row + 1, c + 1);
		}
	}
	if (!s->csv && s->row + 1 >= LXW_ROW_MAX)
		return vndoc_error_set(err, VNDOC_ELIMIT, "more rows than a sheet holds (%lu)", (unsigned long)LXW_ROW_MAX);
	s->row++;
	return 0;
}

int vndoc_collect__sheet_unit(vndoc_collect__sheet *s, const vndoc_value *unit, vndoc_error *err)
{
	int rows = 0, rc;
	for (int k = 0; k < 2; k++) {
		const vndoc_value *l = vndoc_value_get(unit, k ? "ca_nhan" : "tap_the", 7);
		for (size_t i = 0; i < vndoc_value_count(l); i++, rows++)
			if ((rc = put_row(s, unit, vndoc_value_at(l, i), !k, err)) < 0)
				return rc;
	}
	return rows;
}

int vndoc_collect__sheet_close(vndoc_collect__sheet *s, vndoc_error *err)
{
	lxw_error e = LXW_NO_ERROR;

	if (s->wb) {
		worksheet_autofilter(s->ws, 0, 0, s->row > 1 ? s->row - 1 : 1, (lxw_col_t)(N_COLUMNS - 1));
		e = workbook_close(s->wb);
		s->wb = NULL;
	}
	free(s);
	if (e != LXW_NO_ERROR)
		return vndoc_error_set(err, VNDOC_EIO, "cannot write the workbook: %s", lxw_strerror(e));
	return 0;
}

void vndoc_collect__sheet_abort(vndoc_collect__sheet *s)
{
	if (!s)
		return;
	if (s->wb) {
		/* workbook_close writes the file the caller then removes. */
		workbook_close(s->wb);
	}
	free(s);
}
