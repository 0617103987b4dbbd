/*
 * csv.c: a streaming RFC 4180 reader.  Fields are handed to the caller as
 * views into one reused buffer, a record at a time.
 */
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/limits.h"
#include "data/data.h"

typedef struct {
	const char *file;
	vndoc_error *err;
	long row, line, column; /* of the current position */
} pos;

/* Columns count characters, as an editor shows them, not bytes. */
static long chars(const char *s, size_t n)
{
	long c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

static int fail(const pos *p, vndoc_code code, long line, long column, const char *msg)
{
	vndoc_error_set_file(p->err, p->file);
	if (p->err) {
		p->err->row = p->row;
		vndoc_error_set_pos(p->err, line, column);
	}
	return vndoc_error_set(p->err, code, "%s", msg);
}

/* ',' or ';': whichever the first record has more of outside quotes. */
static char detect_separator(const char *s, size_t len)
{
	size_t commas = 0, semis = 0;
	bool quoted = false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && (s[i] == '\n' || s[i] == '\r'))
			break;
		else if (!quoted)
			commas += s[i] == ',', semis += s[i] == ';';
	}
	return semis > commas ? ';' : ',';
}

int vndoc_data_read_csv(const char *text, size_t len, const char *file,
			vndoc_csv_record_cb cb, void *userdata, vndoc_error *err)
{
	vndoc_buf bytes = VNDOC_BUF_INIT((size_t)VNDOC_LIMIT_CSV_FIELD_BYTES * 16);
	size_t *starts = vndoc_xcalloc(VNDOC_LIMIT_CSV_COLUMNS + 1, sizeof(size_t));
	vndoc_str *fields = vndoc_xcalloc(VNDOC_LIMIT_CSV_COLUMNS + 1, sizeof(vndoc_str));
	pos p = { file, err, 1, 1, 1 };
	size_t i = 0, n = 0;
	char sep;
	int rc = 0;

	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		i = 3;
	sep = detect_separator(text + i, len - i);
	while (i < len && !rc) {
		long rec_line = p.line;
		n = 0;
		vndoc_buf_clear(&bytes);
		/* One record. */
		for (;;) {
			size_t field_start = bytes.len;
			if (n == VNDOC_LIMIT_CSV_COLUMNS) {
				rc = fail(&p, VNDOC_ELIMIT, p.line, p.column,
					  "more than 1024 columns");
				goto done;
			}
			starts[n] = field_start;
			if (i < len && text[i] == '"') {
				long qline = p.line, qcol = p.column;
				i++, p.column++;
				for (;;) {
					if (i >= len) {
						rc = fail(&p, VNDOC_EFORMAT, qline, qcol, "unterminated quoted field");
						goto done;
					}
					if (text[i] == '"') {
						if (i + 1 < len && text[i + 1] == '"') {
							vndoc_buf_putc(&bytes, '"');
							i += 2, p.column += 2;
							continue;
						}
						i++, p.column++;
						break;
					}
					if (text[i] == '\n')
						p.line++, p.column = 0;
					if (!(text[i] == '\r' && i + 1 < len && text[i + 1] == '\n'))
						vndoc_buf_putc(&bytes, text[i]);
					p.column += ((unsigned char)text[i] & 0xC0) != 0x80;
					i++;
				}
				if (i < len && text[i] != sep && text[i] != '\n' && text[i] != '\r') {
					rc = fail(&p, VNDOC_EFORMAT, p.line, p.column,
						  "unexpected character after a closing quote");
					goto done;
				}
			} else {
				size_t s = i;
				while (i < len && text[i] != sep && text[i] != '\n' && text[i] != '\r')
					i++;
				vndoc_buf_put(&bytes, text + s, i - s);
				p.column += chars(text + s, i - s);
			}
			if (bytes.len - field_start > VNDOC_LIMIT_CSV_FIELD_BYTES) {
				rc = fail(&p, VNDOC_ELIMIT, p.line, p.column, "field longer than 262144 bytes");
				goto done;
			}
			n++;
			if (i < len && text[i] == sep) {
				i++, p.column++;
				continue;
			}
			break;
		}
		/* End of record: CRLF, LF, CR or the end of the text. */
		if (i < len && text[i] == '\r')
			i++;
		if (i < len && text[i] == '\n')
			i++;
		p.line++;
		p.column = 1;
		if (vndoc_buf_failed(&bytes)) {
			rc = fail(&p, VNDOC_ELIMIT, rec_line, 1, "record too large");
			goto done;
		}
		for (size_t k = 0; k < n; k++) {
			size_t end = k + 1 < n ? starts[k + 1] : bytes.len;
			fields[k] = vndoc_str_make(bytes.ptr + starts[k], end - starts[k]);
		}
		/* A blank line is not a record. */
		if (!(n == 1 && fields[0].len == 0))
			rc = cb(fields, n, p.row, rec_line, userdata);
		p.row++;
	}
done:
	vndoc_buf_dispose(&bytes);
	free(starts);
	free(fields);
	return rc;
}
