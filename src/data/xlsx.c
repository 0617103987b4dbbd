/*
 * data/xlsx.c: registration data from an Excel workbook (SpreadsheetML),
 * read with libzip (package module) and libxml2's streaming reader.
 *
 * Shared strings, inline and rich-text strings, numbers (printed as JSON
 * prints them), booleans, dates stored as serial numbers (recognized by
 * the cell's number format, written d/m/yyyy), and empty cells.  The sheet
 * is streamed row by row into the flat-sheet builder (flat.c).
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/limits.h"
#include "data/data_internal.h"
#include "package/package.h"
#include "xml/xml.h"

#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

typedef struct strings {
	char **items;
	size_t count, cap;
} strings;

static void strings_push(strings *s, char *item)
{
	if (s->count == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 256;
		s->items = vndoc_xreallocarray(s->items, s->cap, sizeof *s->items);
	}
	s->items[s->count++] = item;
}

static void strings_dispose(strings *s)
{
	for (size_t i = 0; i < s->count; i++)
		free(s->items[i]);
	free(s->items);
}

typedef struct xlsx {
	const char *file;
	const vndoc_package *pkg;
	strings shared;
	unsigned char *date_style;  /* per cellXfs index: 1 if a date format */
	size_t n_styles;
	vndoc_error *err;
} xlsx;

static int part_error(xlsx *x, const char *part, xmlTextReaderPtr r, const char *msg)
{
	vndoc_error_set_file(x->err, x->file);
	vndoc_error_set_part(x->err, part);
	if (r)
		vndoc_error_set_pos(x->err, xmlTextReaderGetParserLineNumber(r),
				    xmlTextReaderGetParserColumnNumber(r));
	return vndoc_error_set(x->err, VNDOC_EFORMAT, "%s", msg);
}

/* Opens a streaming reader over a part (which the caller frees after):
 * the prolog checked as every XML part's is (xml/prolog.c). */
static int open_reader(xlsx *x, const char *part, char **data, xmlTextReaderPtr *r, int optional)
{
	size_t len;
	int rc;

	*r = NULL;
	*data = NULL;
	if (optional && vndoc_package_find(x->pkg, part) < 0)
		return 0;
	if ((rc = vndoc_package_read(data, &len, x->pkg, part, x->err)) < 0 ||
	    (rc = vndoc_xml_reader_open(r, *data, len, part,
					XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT,
					x->err)) < 0) {
		vndoc_error_set_file(x->err, x->file);
		free(*data);
		*data = NULL;
		return rc;
	}
	return 0;
}

static int is(xmlTextReaderPtr r, const char *local)
{
	return xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT &&
	       !strcmp((const char *)xmlTextReaderConstLocalName(r), local);
}

static int is_end(xmlTextReaderPtr r, const char *local)
{
	return xmlTextReaderNodeType(r) == XML_READER_TYPE_END_ELEMENT &&
	       !strcmp((const char *)xmlTextReaderConstLocalName(r), local);
}

/* Text of the current element's <t> descendants up to its end (rich text:
 * every run's <t>; phonetic <rPh> runs left out). */
static int read_text(xmlTextReaderPtr r, const char *until, vndoc_buf *out)
{
	int in_t = 0, in_rph = 0, rc;

	if (xmlTextReaderIsEmptyElement(r))
		return 1;
	while ((rc = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r);
		if (is_end(r, until))
			return 1;
		if (is(r, "rPh") && !xmlTextReaderIsEmptyElement(r))
			in_rph = 1;
		else if (is_end(r, "rPh"))
			in_rph = 0;
		else if (is(r, "t") && !xmlTextReaderIsEmptyElement(r))
			in_t = 1;
		else if (is_end(r, "t"))
			in_t = 0;
		else if (in_t && !in_rph && (type == XML_READER_TYPE_TEXT ||
					     type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
					     type == XML_READER_TYPE_WHITESPACE))
			vndoc_buf_puts(out, (const char *)xmlTextReaderConstValue(r));
	}
	return rc;
}

static int load_shared_strings(xlsx *x)
{
	const char *part = "xl/sharedStrings.xml";
	vndoc_buf b = VNDOC_BUF_INIT(VNDOC_LIMIT_VALUE_BYTES);
	xmlTextReaderPtr r;
	char *data;
	int rc;

	if ((rc = open_reader(x, part, &data, &r, 1)) < 0 || !r)
		return rc;
	while ((rc = xmlTextReaderRead(r)) == 1) {
		if (!is(r, "si"))
			continue;
		vndoc_buf_clear(&b);
		if ((rc = read_text(r, "si", &b)) != 1)
			break;
		strings_push(&x->shared, vndoc_xstrndup(b.ptr, b.len));
	}
	if (rc < 0 || vndoc_buf_failed(&b))
		rc = part_error(x, part, r, rc < 0 ? "malformed XML" : "a string is larger than the limit");
	xmlFreeTextReader(r);
	free(data);
	vndoc_buf_dispose(&b);
	return rc < 0 ? rc : 0;
}

/* A number format shows a date when its code has d, m or y outside quotes
 * and brackets ("dd/mm/yyyy", "[$-42A]d/m/yyyy"), or is a built-in date. */
static int date_format(int id, const char *code)
{
	int quoted = 0, bracket = 0;
	if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47))
		return 1;
	for (const char *p = code ? code : ""; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == '[')
			bracket = 1;
		else if (*p == ']')
			bracket = 0;
		else if (!quoted && !bracket && (*p == 'd' || *p == 'y' || *p == 'D' || *p == 'Y'))
			return 1;
	}
	return 0;
}

/* A numFmtId attribute: a small number, else `dflt` (no atoi overflow). */
static int format_id(const char *s, int dflt)
{
	char *end;
	long v;
	if (!s)
		return dflt;
	errno = 0;
	v = strtol(s, &end, 10);
	return errno || *end || end == s || v < 0 || v > 0xFFFF ? -2 : (int)v;
}

static int load_styles(xlsx *x)
{
	const char *part = "xl/styles.xml";
	xmlTextReaderPtr r;
	char *data;
	int rc, in_xfs = 0;
	struct { int id; char *code; } fmts[256];
	size_t n_fmts = 0, cap = 0;

	if ((rc = open_reader(x, part, &data, &r, 1)) < 0 || !r)
		return rc;
	while ((rc = xmlTextReaderRead(r)) == 1) {
		if (is(r, "numFmt") && n_fmts < 256) {
			char *id = (char *)xmlTextReaderGetAttribute(r, (const xmlChar *)"numFmtId");
			fmts[n_fmts].id = format_id(id, -1);
			fmts[n_fmts++].code = (char *)xmlTextReaderGetAttribute(r, (const xmlChar *)"formatCode");
			xmlFree(id);
		} else if (is(r, "cellXfs")) {
			in_xfs = !xmlTextReaderIsEmptyElement(r);
		} else if (is_end(r, "cellXfs")) {
			in_xfs = 0;
		} else if (in_xfs && is(r, "xf")) {
			char *id = (char *)xmlTextReaderGetAttribute(r, (const xmlChar *)"numFmtId");
			int fid = format_id(id, 0), date;
			const char *code = NULL;
			xmlFree(id);
			for (size_t i = 0; i < n_fmts; i++)
				if (fmts[i].id == fid)
					code = fmts[i].code;
			date = date_format(fid, code);
			if (x->n_styles == cap) {
				cap = cap ? 2 * cap : 64;
				x->date_style = vndoc_xrealloc(x->date_style, cap);
			}
			x->date_style[x->n_styles++] = (unsigned char)date;
		}
	}
	if (rc < 0)
		rc = part_error(x, part, r, "malformed XML");
	for (size_t i = 0; i < n_fmts; i++)
		xmlFree(fmts[i].code);
	xmlFreeTextReader(r);
	free(data);
	return rc < 0 ? rc : 0;
}

/* The part holding the sheet called `name` (the first sheet if NULL). */
static int find_sheet(xlsx *x, const char *name, char *part, size_t size)
{
	xmlTextReaderPtr r;
	char *data, *rid = NULL;
	int rc;

	if ((rc = open_reader(x, "xl/workbook.xml", &data, &r, 0)) < 0)
		return rc;
	while (!rid && (rc = xmlTextReaderRead(r)) == 1) {
		char *n;
		if (!is(r, "sheet"))
			continue;
		n = (char *)xmlTextReaderGetAttribute(r, (const xmlChar *)"name");
		if (!name || (n && !strcmp(n, name)))
			rid = (char *)xmlTextReaderGetAttributeNs(r, (const xmlChar *)"id", (const xmlChar *)NS_REL);
		xmlFree(n);
	}
	xmlFreeTextReader(r);
	free(data);
	if (!rid) {
		vndoc_error_set_file(x->err, x->file);
		if (name)
			return vndoc_error_set(x->err, VNDOC_EDATA, "no sheet called \"%s\"", name);
		return vndoc_error_set(x->err, VNDOC_EFORMAT, "the workbook has no sheet");
	}
	if ((rc = open_reader(x, "xl/_rels/workbook.xml.rels", &data, &r, 0)) < 0) {
		xmlFree(rid);
		return rc;
	}
	part[0] = '\0';
	while (!part[0] && (rc = xmlTextReaderRead(r)) == 1) {
		char *id, *target;
		if (!is(r, "Relationship"))
			continue;
		id = (char *)xmlTextReaderGetAttribute(r, (const xmlChar *)"Id");
		target = (char *)xmlTextReaderGetAttribute(r, (const xmlChar *)"Target");
		if (id && target && !strcmp(id, rid))
			snprintf(part, size, "%s%s", target[0] == '/' ? "" : "xl/", target + (target[0] == '/'));
		xmlFree(id);
		xmlFree(target);
	}
	xmlFreeTextReader(r);
	free(data);
	xmlFree(rid);
	if (!part[0]) {
		vndoc_error_set_file(x->err, x->file);
		return vndoc_error_set(x->err, VNDOC_EFORMAT, "the sheet's part is not in the workbook's relationships");
	}
	return 0;
}

/* "B12" -> column 1 (0-based); -1 if there are no letters; columns past
 * the limit are VNDOC_LIMIT_CSV_COLUMNS (refused). */
static long column_of(const char *ref)
{
	long col = 0;
	const char *p = ref;
	for (; *p >= 'A' && *p <= 'Z'; p++) {
		col = col * 26 + (*p - 'A' + 1);
		if (col > VNDOC_LIMIT_CSV_COLUMNS)
			return VNDOC_LIMIT_CSV_COLUMNS;
	}
	return p == ref ? -1 : col - 1;
}

/* The cell's name for messages: column letters and row ("C2"). */
static void cell_name(char *out, size_t size, long col, long row)
{
	char letters[8];
	size_t n = sizeof letters - 1;
	letters[n] = '\0';
	for (long c = col + 1; c > 0 && n > 0; c = (c - 1) / 26)
		letters[--n] = (char)('A' + (c - 1) % 26);
	snprintf(out, size, "%s%ld", letters + n, row);
}

/* Excel's serial day number (1900 date system) as d/m/yyyy.  Serial 25569
 * is 1970-01-01; Excel counts a 29 February 1900 that never was, so
 * serials before 61 are one day later than their count.  The caller keeps
 * the serial within VNDOC_LIMIT_XLSX_DATE_SERIAL. */
static void format_date(vndoc_buf *out, double serial)
{
	long days = (long)floor(serial), z, era, doe, yoe, doy, mp, d, m, y;

	z = days - 25569 + (days < 61) + 719468;
	/* Civil date from a day count (Howard Hinnant's algorithm). */
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y = yoe + era * 400 + (m <= 2);
	vndoc_buf_printf(out, "%ld/%ld/%ld", d, m, y);
}

typedef struct row_state {
	vndoc_buf text;          /* the cells' text, one after another */
	size_t *starts;          /* where each column's text starts, per column */
	size_t *lens;
	size_t width;            /* columns seen in this row */
	long row;                /* its number */
	char cell[32];           /* the cell being read, for messages */
} row_state;

static int cell_error(xlsx *x, xmlTextReaderPtr r, const char *part, int code, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static int cell_error(xlsx *x, xmlTextReaderPtr r, const char *part, int code, const char *fmt, ...)
{
	va_list ap;
	vndoc_error_set_file(x->err, x->file);
	vndoc_error_set_part(x->err, part);
	vndoc_error_set_pos(x->err, xmlTextReaderGetParserLineNumber(r), xmlTextReaderGetParserColumnNumber(r));
	va_start(ap, fmt);
	vndoc_error_vset(x->err, code, fmt, ap);
	va_end(ap);
	return code;
}

/* The text of a cell's <v> as the cell shows it: a shared string, a
 * boolean, a date, a number.  0 or a negative code (named by the cell). */
static int cell_value(xlsx *x, xmlTextReaderPtr r, const char *part, const row_state *rs, const char *type,
		      size_t style, vndoc_buf *v)
{
	char *end, num[64];

	if (!v->len)
		return 0;
	if (type && !strcmp(type, "s")) {
		unsigned long long i;
		errno = 0;
		i = strtoull(v->ptr, &end, 10);
		if (errno || *end || end == v->ptr || v->ptr[0] == '-' || i >= x->shared.count)
			return cell_error(x, r, part, VNDOC_EFORMAT, "cell %s: shared string %.40s does not exist (there are %zu)",
					  rs->cell, v->ptr, x->shared.count);
		vndoc_buf_clear(v);
		vndoc_buf_puts(v, x->shared.items[i]);
	} else if (type && !strcmp(type, "b")) {
		int t = v->ptr[0] == '1';
		vndoc_buf_clear(v);
		vndoc_buf_puts(v, t ? "true" : "false");
	} else if (!type || !strcmp(type, "n")) {
		double d = strtod(v->ptr, &end);
		int date = style < x->n_styles && x->date_style[style];
		if (*end || end == v->ptr || !isfinite(d))
			return cell_error(x, r, part, VNDOC_EFORMAT, "cell %s: \"%.40s\" is not a number", rs->cell, v->ptr);
		if (date && (d < 0 || d >= VNDOC_LIMIT_XLSX_DATE_SERIAL))
			return cell_error(x, r, part, VNDOC_EFORMAT,
					  "cell %s: %.40s is not a date (Excel's dates run from 0 to %d)", rs->cell,
					  v->ptr, VNDOC_LIMIT_XLSX_DATE_SERIAL - 1);
		vndoc_buf_clear(v);
		if (date) {
			format_date(v, d);
		} else {
			vndoc_data__format_number(num, sizeof num, d);
			vndoc_buf_puts(v, num);
		}
	}
	return 0;
}

/* Reads a <c> into the row: 1, or a negative code. */
static int read_cell(xlsx *x, xmlTextReaderPtr r, const char *part, row_state *rs, long *next_col)
{
	char *ref = (char *)xmlTextReaderGetAttribute(r, (const xmlChar *)"r");
	char *type = (char *)xmlTextReaderGetAttribute(r, (const xmlChar *)"t");
	char *style = (char *)xmlTextReaderGetAttribute(r, (const xmlChar *)"s");
	vndoc_buf v = VNDOC_BUF_INIT(VNDOC_LIMIT_VALUE_BYTES);
	long col = ref ? column_of(ref) : *next_col;
	size_t st = style ? (size_t)strtoul(style, NULL, 10) : 0;
	int rc = 1;

	if (col < 0)
		col = *next_col;
	*next_col = col + 1;
	cell_name(rs->cell, sizeof rs->cell, col, rs->row);
	if (type && !strcmp(type, "inlineStr")) {
		rc = read_text(r, "c", &v);
	} else if (!xmlTextReaderIsEmptyElement(r)) {
		int in_v = 0;
		while ((rc = xmlTextReaderRead(r)) == 1 && !is_end(r, "c")) {
			if (is(r, "v"))
				in_v = !xmlTextReaderIsEmptyElement(r);
			else if (is_end(r, "v"))
				in_v = 0;
			else if (in_v && xmlTextReaderNodeType(r) == XML_READER_TYPE_TEXT)
				vndoc_buf_puts(&v, (const char *)xmlTextReaderConstValue(r));
		}
	}
	if (rc == 1 && vndoc_buf_failed(&v))
		rc = cell_error(x, r, part, VNDOC_ELIMIT, "cell %s: longer than %u bytes", rs->cell,
				(unsigned)VNDOC_LIMIT_VALUE_BYTES);
	else if (rc == 1 && (!type || strcmp(type, "inlineStr")) && cell_value(x, r, part, rs, type, st, &v) < 0)
		rc = (int)x->err->code;
	if (rc == 1 && col >= VNDOC_LIMIT_CSV_COLUMNS) {
		rc = cell_error(x, r, part, VNDOC_ELIMIT, "more than %d columns", VNDOC_LIMIT_CSV_COLUMNS);
	} else if (rc == 1) {
		if ((size_t)col >= rs->width) {
			for (size_t c = rs->width; c <= (size_t)col; c++)
				rs->lens[c] = 0, rs->starts[c] = 0;
			rs->width = (size_t)col + 1;
		}
		/* Every view into the row's text is taken only once it holds
		 * all the cells: a row past the limit is refused whole. */
		rs->starts[col] = rs->text.len;
		rs->lens[col] = v.len;
		if (vndoc_buf_put(&rs->text, v.ptr, v.len) < 0)
			rc = cell_error(x, r, part, VNDOC_ELIMIT, "row %ld: the cells hold more than %u bytes", rs->row,
					(unsigned)VNDOC_LIMIT_XLSX_ROW_BYTES);
	}
	xmlFree(ref);
	xmlFree(type);
	xmlFree(style);
	vndoc_buf_dispose(&v);
	return rc;
}

/* The row's number: its r attribute, else the one after the last. */
static int row_number(xlsx *x, xmlTextReaderPtr r, const char *part, long *row)
{
	char *num = (char *)xmlTextReaderGetAttribute(r, (const xmlChar *)"r"), *end = NULL;
	long n = *row + 1;
	int rc = 0;

	if (num) {
		errno = 0;
		n = strtol(num, &end, 10);
		if (errno || *end || end == num)
			n = -1;
	}
	if (n < 1 || n > VNDOC_LIMIT_XLSX_ROWS)
		rc = cell_error(x, r, part, VNDOC_EFORMAT, "row number %.40s is not between 1 and %d",
				num ? num : "(after the last)", VNDOC_LIMIT_XLSX_ROWS);
	xmlFree(num);
	*row = n;
	return rc;
}

static int read_sheet(xlsx *x, const char *part, vndoc_data__flat *flat)
{
	xmlTextReaderPtr r;
	char *data;
	row_state rs;
	vndoc_str cells[VNDOC_LIMIT_CSV_COLUMNS];
	long row = 0;
	int rc;

	if ((rc = open_reader(x, part, &data, &r, 0)) < 0)
		return rc;
	vndoc_buf_init(&rs.text, VNDOC_LIMIT_XLSX_ROW_BYTES);
	rs.starts = vndoc_xcalloc(VNDOC_LIMIT_CSV_COLUMNS, sizeof *rs.starts);
	rs.lens = vndoc_xcalloc(VNDOC_LIMIT_CSV_COLUMNS, sizeof *rs.lens);
	while ((rc = xmlTextReaderRead(r)) == 1) {
		long next_col = 0;
		if (!is(r, "row"))
			continue;
		if ((rc = row_number(x, r, part, &row)) < 0)
			break;
		rs.row = row;
		vndoc_buf_clear(&rs.text);
		rs.width = 0;
		if (!xmlTextReaderIsEmptyElement(r))
			while ((rc = xmlTextReaderRead(r)) == 1 && !is_end(r, "row"))
				if (is(r, "c") && (rc = read_cell(x, r, part, &rs, &next_col)) != 1)
					break;
		if (rc != 1)
			break;
		for (size_t c = 0; c < rs.width; c++)
			cells[c] = vndoc_str_make(rs.text.ptr + rs.starts[c], rs.lens[c]);
		if ((rc = vndoc_data__flat_row(flat, cells, rs.width, row, x->err)) < 0)
			break;
		rc = 1;
	}
	if (rc == -1)
		rc = part_error(x, part, r, "malformed XML");
	xmlFreeTextReader(r);
	free(data);
	vndoc_buf_dispose(&rs.text);
	free(rs.starts);
	free(rs.lens);
	return rc < 0 ? rc : 0;
}

int vndoc_data_load_xlsx_package(vndoc_value **out, const vndoc_package *pkg, const char *name,
				 const vndoc_data_options *opts, vndoc_error *err)
{
	xlsx x = { name, pkg, { NULL, 0, 0 }, NULL, 0, err };
	vndoc_data__flat *flat = vndoc_data__flat_new(name, opts);
	char part[1100];
	int rc;

	*out = NULL;
	if ((rc = load_shared_strings(&x)) == 0 && (rc = load_styles(&x)) == 0 &&
	    (rc = find_sheet(&x, opts ? opts->sheet : NULL, part, sizeof part)) == 0 &&
	    (rc = read_sheet(&x, part, flat)) == 0)
		rc = vndoc_data__flat_finish(flat, out, err);
	vndoc_data__flat_free(flat);
	strings_dispose(&x.shared);
	free(x.date_style);
	return rc;
}

int vndoc_data_load_xlsx(vndoc_value **out, const char *path, const vndoc_data_options *opts,
			 vndoc_error *err)
{
	vndoc_package *pkg;
	int rc;

	*out = NULL;
	if ((rc = vndoc_package_open(&pkg, path, err)) < 0)
		return rc;
	rc = vndoc_data_load_xlsx_package(out, pkg, path, opts, err);
	vndoc_package_free(pkg);
	return rc;
}
