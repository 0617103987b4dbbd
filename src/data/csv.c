/*
 * csv.c: a streaming RFC 4180 reader.  Fields are handed to the caller as
 * views into one reused buffer, a record at a time.
 *
 * One state machine reads both text in memory (vndoc_data_read_csv) and a
 * file through a small refillable window (vndoc_data__csv_open, for the
 * unit stream): it looks at most two bytes ahead, and the window keeps the
 * bytes not yet read when it is refilled, so a record, a quoted field, a
 * doubled quote or a CRLF may straddle any number of refills.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/limits.h"
#include "data/data.h"
#include "data/data_internal.h"

size_t vndoc_data__csv_read_size = 64 * 1024;

struct vndoc_data__csv {
	/* The input: text[pos, len) is not read yet.  From a file, `text` is
	 * `window`, which holds the file's bytes from `base` on. */
	const char *text;
	size_t pos, len;
	FILE *f;
	char *window;
	size_t window_size;     /* bytes read at a time */
	long base;              /* file offset of text[0] */
	bool eof;
	int read_errno;
	const char *file;
	/* Where the next record starts. */
	long row, line, column;
	long start;             /* offset after the byte order mark */
	char sep;
	/* The record read last. */
	vndoc_buf bytes;
	size_t *starts;
	vndoc_str *fields;
	size_t n;
	long rec_row, rec_line;
	bool again;             /* vndoc_data__csv_unread was called */
};

/* Makes `need` bytes readable from pos if the input has them. */
static bool more(vndoc_data__csv *r, size_t need)
{
	if (r->len - r->pos >= need)
		return true;
	if (!r->f)
		return false;
	while (r->len - r->pos < need && !r->eof) {
		size_t got;
		/* Keep what is not read yet at the start of the window. */
		memmove(r->window, r->text + r->pos, r->len - r->pos);
		r->base += (long)r->pos;
		r->len -= r->pos;
		r->pos = 0;
		got = fread(r->window + r->len, 1, r->window_size, r->f);
		r->len += got;
		if (got < r->window_size) {
			if (ferror(r->f))
				r->read_errno = errno ? errno : EIO;
			r->eof = true;
		}
	}
	return r->len - r->pos >= need;
}

/* The byte k places ahead, or -1 past the end. */
static inline int at(vndoc_data__csv *r, size_t k)
{
	if (r->pos + k < r->len || more(r, k + 1))
		return (unsigned char)r->text[r->pos + k];
	return -1;
}

/* Reads on from `offset` (a place read before, or the start). */
static int seek_to(vndoc_data__csv *r, long offset, vndoc_error *err)
{
	if (offset >= r->base && offset <= r->base + (long)r->len) {
		r->pos = (size_t)(offset - r->base);
		return 0;
	}
	if (fseek(r->f, offset, SEEK_SET) != 0) {
		vndoc_error_set_file(err, r->file);
		return vndoc_error_set_sys(err, VNDOC_EIO, errno, "cannot read");
	}
	clearerr(r->f);
	r->base = offset;
	r->pos = r->len = 0;
	r->eof = false;
	r->read_errno = 0;
	return 0;
}

/* Columns count characters, as an editor shows them, not bytes. */
static long chars(const char *s, size_t n)
{
	long c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

static int fail(const vndoc_data__csv *r, vndoc_error *err, vndoc_code code, long line, long column,
		const char *msg)
{
	if (r->read_errno) {
		vndoc_error_set_file(err, r->file);
		return vndoc_error_set_sys(err, VNDOC_EIO, r->read_errno, "cannot read");
	}
	vndoc_error_set_file(err, r->file);
	if (err) {
		err->row = r->row;
		vndoc_error_set_pos(err, line, column);
	}
	return vndoc_error_set(err, code, "%s", msg);
}

/* ',' or ';': whichever the first record has more of outside quotes. */
static char detect_separator(vndoc_data__csv *r)
{
	size_t commas = 0, semis = 0;
	bool quoted = false;
	int c;

	while ((c = at(r, 0)) >= 0) {
		if (c == '"')
			quoted = !quoted;
		else if (!quoted && (c == '\n' || c == '\r'))
			break;
		else if (!quoted)
			commas += c == ',', semis += c == ';';
		r->pos++;
	}
	return semis > commas ? ';' : ',';
}

static vndoc_data__csv *reader_new(const char *file)
{
	vndoc_data__csv *r = vndoc_xcalloc(1, sizeof *r);

	r->file = file;
	vndoc_buf_init(&r->bytes, (size_t)VNDOC_LIMIT_CSV_FIELD_BYTES * 16);
	r->starts = vndoc_xcalloc(VNDOC_LIMIT_CSV_COLUMNS + 1, sizeof(size_t));
	r->fields = vndoc_xcalloc(VNDOC_LIMIT_CSV_COLUMNS + 1, sizeof(vndoc_str));
	r->text = "";
	return r;
}

/* Skips the byte order mark and finds the separator; leaves the reader at
 * the first record. */
static int reader_start(vndoc_data__csv *r, vndoc_error *err)
{
	int rc;

	if (at(r, 0) == 0xEF && at(r, 1) == 0xBB && at(r, 2) == 0xBF)
		r->pos += 3;
	r->start = r->base + (long)r->pos;
	r->sep = detect_separator(r);
	if (r->read_errno)
		return fail(r, err, VNDOC_EIO, 0, 0, "cannot read");
	if ((rc = seek_to(r, r->start, err)) < 0)
		return rc;
	r->row = r->line = r->column = 1;
	return 0;
}

/* Whether the file is UTF-8 throughout (a character may straddle two
 * reads), without a NUL byte: the unit stream reads only such files; any
 * other is loaded whole, where vndoc_data__csv_decode repairs or refuses it. */
static bool file_is_utf8(FILE *f)
{
	char buf[65536 + 4];
	size_t carry = 0, n;
	bool ok = true;

	while (ok && (n = fread(buf + carry, 1, sizeof buf - 4 - carry, f)) > 0) {
		const char *end;
		n += carry;
		carry = 0;
		if (memchr(buf, '\0', n))
			ok = false;
		else if (!g_utf8_validate_len(buf, n, &end)) {
			carry = n - (size_t)(end - buf);
			if (carry > 3 || (unsigned char)*end < 0xC2)
				ok = false;
			else
				memmove(buf, end, carry);
		}
	}
	ok = ok && !carry && !ferror(f);
	rewind(f);
	return ok;
}

int vndoc_data__csv_open(vndoc_data__csv **out, const char *path, vndoc_error *err)
{
	vndoc_data__csv *r;
	int rc;

	*out = NULL;
	r = reader_new(path);
	r->f = fopen(path, "rb");
	if (!r->f) {
		vndoc_error_set_file(err, path);
		rc = vndoc_error_set_sys(err, VNDOC_EIO, errno, "cannot open");
		vndoc_data__csv_free(r);
		return rc;
	}
	if (!file_is_utf8(r->f)) {
		vndoc_error_set_file(err, path);
		rc = vndoc_error_set(err, VNDOC_EFORMAT, "not UTF-8");
		vndoc_data__csv_free(r);
		return rc;
	}
	r->window_size = vndoc_data__csv_read_size ? vndoc_data__csv_read_size : 1;
	/* Room for the bytes kept when refilling (at most two ahead). */
	r->window = vndoc_xmalloc(r->window_size + 4);
	r->text = r->window;
	if ((rc = reader_start(r, err)) < 0) {
		vndoc_data__csv_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

void vndoc_data__csv_free(vndoc_data__csv *r)
{
	if (!r)
		return;
	if (r->f)
		fclose(r->f);
	free(r->window);
	vndoc_buf_dispose(&r->bytes);
	free(r->starts);
	free(r->fields);
	free(r);
}

/* One record, blank or not, into r->fields. */
static int read_record(vndoc_data__csv *r, vndoc_error *err)
{
	const char sep = r->sep;
	long rec_line = r->line;
	size_t n = 0;
	int c;

	vndoc_buf_clear(&r->bytes);
	for (;;) {
		size_t field_start = r->bytes.len;
		if (n == VNDOC_LIMIT_CSV_COLUMNS)
			return fail(r, err, VNDOC_ELIMIT, r->line, r->column, "more than 1024 columns");
		r->starts[n] = field_start;
		if (at(r, 0) == '"') {
			long qline = r->line, qcol = r->column;
			r->pos++, r->column++;
			for (;;) {
				if ((c = at(r, 0)) < 0)
					return fail(r, err, VNDOC_EFORMAT, qline, qcol, "unterminated quoted field");
				if (c == '"') {
					if (at(r, 1) == '"') {
						vndoc_buf_putc(&r->bytes, '"');
						r->pos += 2, r->column += 2;
						continue;
					}
					r->pos++, r->column++;
					break;
				}
				if (c == '\n')
					r->line++, r->column = 0;
				if (!(c == '\r' && at(r, 1) == '\n'))
					vndoc_buf_putc(&r->bytes, (char)c);
				r->column += (c & 0xC0) != 0x80;
				r->pos++;
			}
			c = at(r, 0);
			if (c >= 0 && c != sep && c != '\n' && c != '\r')
				return fail(r, err, VNDOC_EFORMAT, r->line, r->column,
					    "unexpected character after a closing quote");
		} else {
			/* A run at a time, refilling between runs. */
			while (more(r, 1)) {
				size_t s = r->pos;
				while (r->pos < r->len && r->text[r->pos] != sep && r->text[r->pos] != '\n' &&
				       r->text[r->pos] != '\r')
					r->pos++;
				vndoc_buf_put(&r->bytes, r->text + s, r->pos - s);
				r->column += chars(r->text + s, r->pos - s);
				if (r->pos < r->len)
					break;
			}
		}
		if (r->bytes.len - field_start > VNDOC_LIMIT_CSV_FIELD_BYTES)
			return fail(r, err, VNDOC_ELIMIT, r->line, r->column, "field longer than 262144 bytes");
		n++;
		if (at(r, 0) == sep) {
			r->pos++, r->column++;
			continue;
		}
		break;
	}
	/* End of record: CRLF, LF, CR or the end of the text. */
	if (at(r, 0) == '\r')
		r->pos++;
	if (at(r, 0) == '\n')
		r->pos++;
	if (r->read_errno)
		return fail(r, err, VNDOC_EIO, 0, 0, "cannot read");
	r->line++;
	r->column = 1;
	if (vndoc_buf_failed(&r->bytes))
		return fail(r, err, VNDOC_ELIMIT, rec_line, 1, "record too large");
	for (size_t k = 0; k < n; k++) {
		size_t end = k + 1 < n ? r->starts[k + 1] : r->bytes.len;
		r->fields[k] = vndoc_str_make(r->bytes.ptr + r->starts[k], end - r->starts[k]);
	}
	r->n = n;
	r->rec_row = r->row++;
	r->rec_line = rec_line;
	return 0;
}

int vndoc_data__csv_next(vndoc_data__csv *r, const vndoc_str **fields, size_t *n, long *row, long *line,
			 vndoc_error *err)
{
	int rc;

	if (r->again) {
		r->again = false;
	} else {
		do {
			if (!more(r, 1)) {
				if (r->read_errno)
					return fail(r, err, VNDOC_EIO, 0, 0, "cannot read");
				return 0;
			}
			if ((rc = read_record(r, err)) < 0)
				return rc;
			/* A blank line is not a record. */
		} while (r->n == 1 && r->fields[0].len == 0);
	}
	*fields = r->fields;
	*n = r->n;
	*row = r->rec_row;
	*line = r->rec_line;
	return 1;
}

void vndoc_data__csv_unread(vndoc_data__csv *r)
{
	r->again = true;
}

void vndoc_data__csv_tell(const vndoc_data__csv *r, vndoc_data__csv_mark *out)
{
	out->offset = r->base + (long)r->pos;
	out->row = r->row;
	out->line = r->line;
}

int vndoc_data__csv_seek(vndoc_data__csv *r, const vndoc_data__csv_mark *mark, vndoc_error *err)
{
	int rc = seek_to(r, mark->offset, err);
	if (rc < 0)
		return rc;
	r->row = mark->row;
	r->line = mark->line;
	r->column = 1;
	r->again = false;
	return 0;
}

int vndoc_data_read_csv(const char *text, size_t len, const char *file,
			vndoc_csv_record_cb cb, void *userdata, vndoc_error *err)
{
	vndoc_data__csv *r = reader_new(file);
	const vndoc_str *fields = NULL;
	size_t n = 0;
	long row = 0, line = 0;
	int rc;

	r->text = text;
	r->len = len;
	if ((rc = reader_start(r, err)) == 0)
		while ((rc = vndoc_data__csv_next(r, &fields, &n, &row, &line, err)) > 0 &&
		       !(rc = cb(fields, n, row, line, userdata)))
			;
	vndoc_data__csv_free(r);
	return rc;
}

/* The line of byte `at` (1-based). */
static long line_of(const char *text, size_t at)
{
	long line = 1;
	for (size_t i = 0; i < at; i++)
		line += text[i] == '\n';
	return line;
}

/* Counts the valid multi-byte UTF-8 characters and the bytes that start
 * none; *first: the first such byte. */
static void count_utf8(const char *text, size_t len, size_t *valid, size_t *invalid, size_t *first)
{
	*valid = *invalid = 0;
	*first = len;
	for (size_t i = 0; i < len;) {
		const char *end;
		size_t k;
		if (!(text[i] & 0x80)) {
			i++;
			continue;
		}
		for (k = 2; k <= 4 && i + k <= len; k++)
			if (g_utf8_validate_len(text + i, k, &end))
				break;
		if (k <= 4 && i + k <= len) {
			(*valid)++;
			i += k;
		} else {
			if (*first == len)
				*first = i;
			(*invalid)++;
			i++;
		}
	}
}

int vndoc_data__csv_decode(const char **text, size_t *len, char **owned, const char *file,
			   vndoc_error_list *warnings, vndoc_error *err)
{
	const unsigned char *b = (const unsigned char *)*text;
	const char *nul;
	size_t valid, invalid, first, got = 0, made = 0;
	GError *gerr = NULL;
	gchar *converted, *nfc;

	*owned = NULL;
	if (*len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
		return vndoc_error_set_file(err, file), vndoc_error_set(err, VNDOC_EFORMAT,
				       "encoded as UTF-16 (Excel's \"Unicode Text\"): save it as \"CSV UTF-8\"");
	if ((nul = memchr(*text, '\0', *len))) {
		vndoc_error_set_pos(err, line_of(*text, (size_t)(nul - *text)), 0);
		return vndoc_error_set_file(err, file), vndoc_error_set(err, VNDOC_EFORMAT,
				       "a NUL byte: not text, or UTF-16 without its mark (save it as \"CSV UTF-8\")");
	}
	if (g_utf8_validate_len(*text, *len, NULL))
		return 0;
	/* Windows-1258 (what older Vietnamese Excel saves) seldom makes a valid
	 * UTF-8 character; a UTF-8 file with stray bytes makes many. */
	count_utf8(*text, *len, &valid, &invalid, &first);
	if (valid >= invalid) {
		vndoc_error_set_pos(err, line_of(*text, first), 0);
		return vndoc_error_set_file(err, file), vndoc_error_set(err, VNDOC_EFORMAT,
				       "invalid UTF-8 (byte 0x%02X) in a file that is otherwise UTF-8: save it as \"CSV UTF-8\"",
				       b[first]);
	}
	converted = g_convert(*text, (gssize)*len, "UTF-8", "CP1258", &got, &made, &gerr);
	if (!converted) {
		size_t at = got < *len ? got : 0;
		g_clear_error(&gerr);
		vndoc_error_set_pos(err, line_of(*text, at), 0);
		return vndoc_error_set_file(err, file), vndoc_error_set(err, VNDOC_EFORMAT, "neither UTF-8 nor Windows-1258 (byte 0x%02X)", b[at]);
	}
	/* Windows-1258 writes tone marks as combining characters. */
	nfc = vndoc_vn_nfc(converted, (long)made);
	g_free(converted);
	if (!nfc)
		return vndoc_error_set_file(err, file), vndoc_error_set(err, VNDOC_EFORMAT, "neither UTF-8 nor Windows-1258");
	if (warnings) {
		vndoc_error w;
		vndoc_error_clear(&w);
		vndoc_error_set_file(&w, file);
		vndoc_error_set(&w, VNDOC_OK, "not UTF-8: read as Windows-1258 (Vietnamese Windows); "
					      "save it as \"CSV UTF-8\" to be sure");
		vndoc_error_list_push(warnings, &w);
	}
	*owned = nfc;
	*text = nfc;
	*len = strlen(nfc);
	return 0;
}
