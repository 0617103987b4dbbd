/*
 * data/stream.c: a registration file's units, one at a time (issue 6).
 *
 * A JSON file is scanned once at open by a small scanner that knows only
 * what it needs to: the top-level object's members, strings with their
 * escapes, and bracket depth.  Each top-level value but don_vi is cut out
 * and handed to jansson (json.c's shared conversion); don_vi's items are
 * only delimited and counted.  next() cuts out one item at a time and hands
 * exactly its bytes to jansson, so jansson validates every byte the scanner
 * skipped, and its errors, counted from the item's first byte, are moved to
 * the item's line and column in the file.  The scanner counts lines and
 * columns as jansson does (columns in characters), so errors read the same
 * as the whole-file loader's.
 *
 * A CSV file is read once at open through csv.c's reader (a small window
 * refilled from the file): the header is checked as flat.c checks it, and
 * each row's unit (its key: the unit column repaired, as flat.c groups
 * rows) is noted, to count the units and to see that each unit's rows are
 * contiguous: the key changes only where a new unit starts and never comes
 * back.  Then next() reads the rows of one unit from where the last one
 * ended (the first row of the next unit is read, seen to differ, and given
 * back to the reader) and builds it with flat.c's builder, which keeps the
 * header and forgets each unit once handed over: the same repair, `_row`
 * numbers and errors as the whole-sheet load, the first bad row in the
 * file failing next() for its unit after the units before it came.  Memory
 * at open: the window, one record and the units' keys; after: one unit.
 * A sheet whose units' rows are not contiguous (or that the scan finds
 * malformed or cannot read) is loaded whole instead, so the whole-sheet
 * loader's grouping by first appearance and its first error stand.
 *
 * Everything else (XLSX, standard input, JSON without a list don_vi under
 * an object) is loaded whole and its units handed out as copies.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <glib.h>
#include <jansson.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/limits.h"
#include "data/data.h"
#include "data/data_internal.h"

#define READ_CHUNK (64 * 1024)

/* ------------------------------------------------------------------ */
/* The reader: a FILE* through a small buffer, counting as jansson does. */

typedef struct reader {
	FILE *f;
	unsigned char *buf;
	size_t pos, len;
	long line, column;    /* of the last byte read; column 0 before the first */
	int eof, error;       /* error: errno of a failed read */
	vndoc_buf *capture;   /* when set, bytes read are appended to it */
	size_t capture_from;  /* in buf: the first byte not yet appended */
} reader;

static void capture_flush(reader *r)
{
	if (r->capture && r->pos > r->capture_from)
		vndoc_buf_put(r->capture, r->buf + r->capture_from, r->pos - r->capture_from);
	r->capture_from = r->pos;
}

static int fill(reader *r)
{
	size_t n;

	if (r->eof)
		return 0;
	capture_flush(r);
	n = fread(r->buf, 1, READ_CHUNK, r->f);
	r->pos = r->capture_from = 0;
	r->len = n;
	if (n == 0) {
		r->eof = 1;
		if (ferror(r->f))
			r->error = errno ? errno : EIO;
		return 0;
	}
	return 1;
}

/* The next byte without reading it, or -1 at the end. */
static inline int peek(reader *r)
{
	if (r->pos == r->len && !fill(r))
		return -1;
	return r->buf[r->pos];
}

/* jansson's utf8_check_first: only the first byte of a character counts
 * as a column. */
static inline int starts_char(unsigned char c)
{
	return c < 0x80 || (c >= 0xC2 && c <= 0xF4);
}

/* The length of the UTF-8 sequence `c` starts (2 to 4), 0 if none. */
static size_t utf8_length(unsigned char c)
{
	if (c >= 0xC2 && c <= 0xDF)
		return 2;
	if (c >= 0xE0 && c <= 0xEF)
		return 3;
	if (c >= 0xF0 && c <= 0xF4)
		return 4;
	return 0;
}

/* jansson's utf8_check_full: no overlong form, surrogate or value past
 * U+10FFFF (the continuation bytes are checked by the caller). */
static int utf8_valid(const unsigned char *b, size_t n)
{
	if (n == 3)
		return !(b[0] == 0xE0 && b[1] < 0xA0) && !(b[0] == 0xED && b[1] > 0x9F);
	if (n == 4)
		return !(b[0] == 0xF0 && b[1] < 0x90) && !(b[0] == 0xF4 && b[1] > 0x8F);
	return n == 2;
}

static inline int get(reader *r)
{
	int c = peek(r);
	if (c < 0)
		return -1;
	r->pos++;
	if (c == '\n') {
		r->line++;
		r->column = 0;
	} else if (starts_char((unsigned char)c)) {
		r->column++;
	}
	return c;
}

static void capture_start(reader *r, vndoc_buf *b)
{
	vndoc_buf_clear(b);
	r->capture = b;
	r->capture_from = r->pos;
}

static void capture_stop(reader *r)
{
	capture_flush(r);
	r->capture = NULL;
}

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int skip_space(reader *r)
{
	int c;
	while ((c = peek(r)) >= 0 && is_space(c))
		get(r);
	return c;
}

/* ------------------------------------------------------------------ */
/* The stream. */

struct vndoc_data_stream {
	char *path;                /* as given; the file errors name */
	vndoc_data__json_ctx cx;   /* conversion: repair, warnings, scratch */
	vndoc_value *root;         /* the top level without don_vi */
	bool has_units;
	size_t count, index;
	/* JSON read unit by unit */
	reader r;
	long list_offset;          /* just after don_vi's '[' */
	long list_line, list_column;
	vndoc_buf unit;            /* the bytes of one unit */
	vndoc_error failure;       /* next()'s error, given again until a rewind */
	/* CSV read unit by unit */
	vndoc_data__csv *csv;
	vndoc_data__flat *flat;    /* holds the header */
	vndoc_data__csv_mark first; /* the first row after the header */
	vndoc_buf key, row_key;    /* the unit's key, a row's key */
	/* everything else: the units in memory */
	vndoc_value *units;
};

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Reads a token as jansson's lexer takes it: a word of letters (true,
 * false, null) or the characters of a number; saves up to `cap` bytes of
 * it in `save` (may be NULL).  Returns its length (0: neither). */
static size_t scalar_token(reader *r, char *save, size_t cap)
{
	size_t n = 0;
	int c = peek(r);

#define TAKE()                                          \
	do {                                            \
		int t_ = get(r);                        \
		if (save && n < cap)                    \
			save[n] = (char)t_;             \
		n++;                                    \
	} while (0)
	if (is_alpha(c)) {
		while (is_alpha(peek(r)))
			TAKE();
	} else if (c == '-' || is_digit(c)) {
		if (c == '-')
			TAKE();
		while (is_digit(peek(r)))
			TAKE();
		if (peek(r) == '.') {
			TAKE();
			while (is_digit(peek(r)))
				TAKE();
		}
		if (peek(r) == 'e' || peek(r) == 'E') {
			TAKE();
			if (peek(r) == '+' || peek(r) == '-')
				TAKE();
			while (is_digit(peek(r)))
				TAKE();
		}
	}
#undef TAKE
	return save && n > cap ? cap : n;
}

/* Whether the UTF-8 character that starts at the next byte is whole and
 * valid (reads ahead without consuming, within the buffer). */
static int utf8_ahead_ok(reader *r)
{
	size_t want = utf8_length(r->buf[r->pos]), k;
	if (!want)
		return 0;
	if (r->len - r->pos < want)
		return 1; /* across a refill: let it pass */
	for (k = 1; k < want; k++)
		if ((r->buf[r->pos + k] & 0xC0) != 0x80)
			return 0;
	return utf8_valid(r->buf + r->pos, want);
}

/* A syntax error the scanner found: jansson's words for it, at the end of
 * the token it found instead ("near end of file" at the end). */
static int syntax_error(vndoc_data_stream *s, vndoc_error *err, const char *expected)
{
	reader *r = &s->r;
	char near[64];
	size_t n = 0;
	int c = peek(r);

	if (r->error) {
		vndoc_error_set_file(err, s->path);
		return vndoc_error_set_sys(err, VNDOC_EIO, r->error, "cannot read");
	}
	if (c < 0) {
		snprintf(near, sizeof near, "end of file");
	} else {
		/* The token, as jansson's lexer would take it: a string, a
		 * word (literal or number), or one character. */
		near[n++] = '\'';
		if (c == '"') {
			/* jansson stops at a control character or the end, and
			 * says so instead */
			int esc = 0;
			near[n++] = (char)get(r);
			for (;;) {
				if ((c = peek(r)) < 0 || c < 0x20) {
					near[n++] = '\'';
					near[n] = '\0';
					vndoc_error_set_file(err, s->path);
					vndoc_error_set_pos(err, r->line, r->column > 0 ? r->column : 1);
					if (c < 0)
						return vndoc_error_set(err, VNDOC_EFORMAT, "invalid JSON: premature end of input near %s",
								       near);
					if (c == '\n')
						return vndoc_error_set(err, VNDOC_EFORMAT, "invalid JSON: unexpected newline near %s",
								       near);
					return vndoc_error_set(err, VNDOC_EFORMAT, "invalid JSON: control character 0x%x near %s",
							       (unsigned)c, near);
				}
				get(r);
				if (n < sizeof near - 6)
					near[n++] = (char)c;
				if (esc)
					esc = 0;
				else if (c == '\\')
					esc = 1;
				else if (c == '"')
					break;
			}
		} else if (is_alpha(c) || is_digit(c) || c == '-') {
			n += scalar_token(r, near + n, sizeof near - 6 - n);
			c = peek(r);
			if (c >= 0x80 && !utf8_ahead_ok(r)) {
				/* jansson reads the character after a token whole */
				near[n++] = '\'';
				near[n] = '\0';
				vndoc_error_set_file(err, s->path);
				vndoc_error_set_pos(err, r->line, r->column > 0 ? r->column : 1);
				return vndoc_error_set(err, VNDOC_EFORMAT, "invalid JSON: unable to decode byte 0x%x near %s",
						       (unsigned)c, near);
			}
		} else if (c >= 0x80) {
			/* a whole UTF-8 character, or jansson's complaint about it */
			long line = r->line, column = r->column;
			unsigned char seq[4];
			size_t want = utf8_length((unsigned char)c), k = 0;
			seq[k++] = (unsigned char)get(r);
			while (want && k < want && (c = peek(r)) >= 0 && (c & 0xC0) == 0x80)
				seq[k++] = (unsigned char)get(r);
			if (!want || k < want || !utf8_valid(seq, k)) {
				vndoc_error_set_file(err, s->path);
				vndoc_error_set_pos(err, line, column > 0 ? column : 1);
				return vndoc_error_set(err, VNDOC_EFORMAT, "invalid JSON: unable to decode byte 0x%x", seq[0]);
			}
			memcpy(near + n, seq, k);
			n += k;
		} else {
			near[n++] = (char)get(r);
		}
		near[n++] = '\'';
		near[n] = '\0';
	}
	vndoc_error_set_file(err, s->path);
	vndoc_error_set_pos(err, r->line, r->column > 0 ? r->column : 1);
	return vndoc_error_set(err, VNDOC_EFORMAT, "invalid JSON: %s near %s", expected, near);
}

/*
 * Reads one value (its first byte is next), leaving the reader after its
 * last byte: brackets by depth, strings with escapes, other tokens up to a
 * delimiter.  Validation is jansson's, on the bytes read.  1 when the value
 * is complete, 0 when the file ends inside it (jansson says why on the
 * bytes read), or a negative code (nothing that starts a value).
 */
static int skip_value(vndoc_data_stream *s, vndoc_error *err)
{
	reader *r = &s->r;
	long depth = 0;
	int c = peek(r);

	if (c == '{' || c == '[') {
		do {
			if ((c = get(r)) < 0)
				return 0;
			if (c == '"') {
				while ((c = get(r)) != '"') {
					if (c < 0 || (c == '\\' && get(r) < 0))
						return 0;
				}
			} else if (c == '{' || c == '[') {
				depth++;
			} else if (c == '}' || c == ']') {
				depth--;
			}
		} while (depth > 0);
		return 1;
	}
	if (c == '"') {
		get(r);
		while ((c = get(r)) != '"') {
			if (c < 0 || (c == '\\' && get(r) < 0))
				return 0;
		}
		return 1;
	}
	if (c < 0 || c == ',' || c == ']' || c == '}' || c == ':')
		return syntax_error(s, err, "unexpected token");
	/* true, false, null, a number, or something jansson will refuse */
	if (!scalar_token(r, NULL, 0)) {
		/* one character, whole, for jansson to refuse */
		get(r);
		while ((c = peek(r)) >= 0 && (c & 0xC0) == 0x80)
			get(r);
	}
	return 1;
}

/* The value that starts at the reader (after white space) into s->unit;
 * *line and *column say where it begins.  skip_value's result. */
static int capture_value(vndoc_data_stream *s, long *line, long *column, vndoc_error *err)
{
	reader *r = &s->r;
	int rc;

	skip_space(r);
	*line = r->line;
	*column = r->column + 1;
	capture_start(r, &s->unit);
	rc = skip_value(s, err);
	capture_stop(r);
	return rc;
}

/* Cuts out the value that starts next into s->unit and converts it. */
static int read_value(vndoc_value **out, vndoc_data_stream *s, int depth, vndoc_error *err)
{
	reader *r = &s->r;
	long line, column;
	int rc;

	*out = NULL;
	rc = capture_value(s, &line, &column, err);
	if (rc < 0)
		return rc;
	if (r->error)
		return syntax_error(s, err, "unexpected token");
	if (vndoc_buf_failed(&s->unit)) {
		vndoc_error_set_file(err, s->path);
		vndoc_error_set_pos(err, line, column);
		return vndoc_error_set(err, VNDOC_ELIMIT, "%s is longer than %u bytes", depth == 2 ? "a unit" : "a value",
				       VNDOC_LIMIT_DATA_BYTES);
	}
	/* Complete or cut short by the end of the file, jansson judges it. */
	return vndoc_data__json_load_at(out, s->unit.ptr, s->unit.len, line, column, depth, &s->cx, err);
}

/* jansson's error on bytes that begin at line:column, placed in the file
 * (jansson counts from the first byte it was given). */
static int jansson_error(vndoc_data_stream *s, const json_error_t *jerr, long line, long column, vndoc_error *err)
{
	long l = jerr->line > 0 ? line + jerr->line - 1 : line;
	long c = jerr->line > 1 ? jerr->column : column - 1 + (jerr->line == 1 ? jerr->column : 1);

	vndoc_error_set_file(err, s->path);
	vndoc_error_set_pos(err, l, c > 0 ? c : 1);
	return vndoc_error_set(err, VNDOC_EFORMAT, "invalid JSON: %s", jerr->text);
}

/* A member's key: the string that starts next, decoded. */
static int read_key(char **key, size_t *key_len, vndoc_data_stream *s, vndoc_error *err)
{
	reader *r = &s->r;
	json_error_t jerr;
	json_t *j;
	long line = r->line, column = r->column + 1;

	*key = NULL;
	capture_start(r, &s->unit);
	skip_value(s, err); /* a string: complete, or cut short by the end */
	capture_stop(r);
	if (r->error)
		return syntax_error(s, err, "premature end of input");
	j = json_loadb(s->unit.ptr, s->unit.len, JSON_DECODE_ANY, &jerr);
	if (!j)
		return jansson_error(s, &jerr, line, column, err);
	if (memchr(json_string_value(j), '\0', json_string_length(j))) {
		json_decref(j);
		vndoc_error_set_file(err, s->path);
		vndoc_error_set_pos(err, r->line, r->column);
		return vndoc_error_set(err, VNDOC_EFORMAT, "invalid JSON: NUL byte in object key not supported near '%.*s'",
				       (int)(s->unit.len < 40 ? s->unit.len : 40), s->unit.ptr);
	}
	*key_len = json_string_length(j);
	*key = vndoc_xstrndup(json_string_value(j), *key_len);
	json_decref(j);
	return 0;
}

/* jansson's verdict on the bytes of one unit held in s->unit (starting at
 * line:column), without converting: VNDOC_EFORMAT with `err` set when they
 * are not JSON, 0 otherwise. */
static int judge_unit(vndoc_data_stream *s, long line, long column, vndoc_error *err)
{
	json_error_t jerr;
	json_t *j = json_loadb(s->unit.ptr, s->unit.len, JSON_DECODE_ANY, &jerr);

	if (j) {
		json_decref(j);
		return 0;
	}
	return jansson_error(s, &jerr, line, column, err);
}

/* Delimits the units of don_vi (the reader is after its '[') and counts
 * them; leaves the reader after its ']'. */
static int scan_units(vndoc_data_stream *s, size_t *count, vndoc_error *err)
{
	reader *r = &s->r;
	long line = 0, column = 0;
	int c, rc;

	*count = 0;
	vndoc_buf_clear(&s->unit);
	if (skip_space(r) == ']') {
		get(r);
		return 0;
	}
	for (;;) {
		if (skip_space(r) < 0)
			return syntax_error(s, err, "']' expected");
		line = r->line;
		column = r->column + 1;
		/* Kept (one unit) only to name the error if the scan fails. */
		capture_start(r, &s->unit);
		rc = skip_value(s, err);
		capture_stop(r);
		if (rc < 0)
			return rc;
		if (rc == 0 || r->error || vndoc_buf_failed(&s->unit)) {
			if (r->error)
				return syntax_error(s, err, "premature end of input");
			if (vndoc_buf_failed(&s->unit)) {
				vndoc_error_set_file(err, s->path);
				vndoc_error_set_pos(err, line, column);
				return vndoc_error_set(err, VNDOC_ELIMIT, "a unit is longer than %u bytes",
						       VNDOC_LIMIT_DATA_BYTES);
			}
			/* The file ends inside the unit: jansson says how. */
			if ((rc = judge_unit(s, line, column, err)) < 0)
				return rc;
			return syntax_error(s, err, "']' expected");
		}
		(*count)++;
		c = skip_space(r);
		if (c == ']') {
			get(r);
			break;
		}
		if (c != ',')
			return syntax_error(s, err, "']' expected");
		get(r);
		if (skip_space(r) == ']')
			return syntax_error(s, err, "unexpected token");
	}
	vndoc_buf_clear(&s->unit);
	return 0;
}

/*
 * The scan at open: the top-level object's members.  Returns 1 when the
 * file is an object with one list don_vi (streamed), 0 when it must be
 * loaded whole (another top level, don_vi not a list or given twice), or a
 * negative code.
 */
static int scan_top(vndoc_data_stream *s, vndoc_error *err)
{
	reader *r = &s->r;
	int c, rc, units = 0, whole = 0;
	char *key = NULL;
	size_t key_len = 0;

	/* A UTF-8 byte order mark, as Windows editors write, is not JSON. */
	if (peek(r) == 0xEF && r->len - r->pos >= 3 && !memcmp(r->buf + r->pos, "\xEF\xBB\xBF", 3))
		r->pos += 3;
	if (skip_space(r) != '{')
		return 0;
	get(r);
	s->root = vndoc_value_new_map();
	c = skip_space(r);
	if (c == '}') {
		get(r);
		goto after;
	}
	for (;;) {
		if (c != '"')
			return syntax_error(s, err, "string or '}' expected");
		if ((rc = read_key(&key, &key_len, s, err)) < 0)
			return rc;
		if (skip_space(r) != ':') {
			free(key);
			return syntax_error(s, err, "':' expected");
		}
		get(r);
		c = skip_space(r);
		if (key_len == 6 && !memcmp(key, "don_vi", 6)) {
			if (units || c != '[') {
				/* not a list, or twice: jansson's rules, on the whole */
				whole = 1;
			} else {
				get(r);
				units = 1;
				s->list_offset = ftell(r->f) - (long)(r->len - r->pos);
				s->list_line = r->line;
				s->list_column = r->column;
				if ((rc = scan_units(s, &s->count, err)) < 0) {
					free(key);
					return rc;
				}
				free(key);
				key = NULL;
			}
		}
		if (key) {
			vndoc_value *v;
			s->cx.key = key;
			rc = read_value(&v, s, 1, err);
			s->cx.key = NULL;
			if (rc < 0) {
				free(key);
				return rc;
			}
			vndoc_value_map_set(s->root, key, key_len, v);
			free(key);
			key = NULL;
		}
		c = skip_space(r);
		if (c == '}') {
			get(r);
			break;
		}
		if (c != ',')
			return syntax_error(s, err, "'}' expected");
		get(r);
		c = skip_space(r);
	}
after:
	if (skip_space(r) >= 0 || r->error)
		return syntax_error(s, err, "end of file expected");
	return units && !whole;
}

static int restart(vndoc_data_stream *s, vndoc_error *err);

/*
 * When the scan fails after don_vi began, a bad unit before the failure is
 * the first error in the file (a stray quote in a unit shifts what the
 * scanner sees after it): the units are read again and the first that
 * jansson refuses is named, as the whole-file loader would name it.
 */
static int first_bad_unit(vndoc_data_stream *s, vndoc_error *err)
{
	reader *r = &s->r;
	vndoc_error ignored;
	int c;

	vndoc_error_clear(&ignored);
	if (restart(s, &ignored) < 0)
		return 0;
	for (;;) {
		long line, column;
		int rc;

		rc = capture_value(s, &line, &column, &ignored);
		if (rc < 0 || r->error || vndoc_buf_failed(&s->unit))
			return 0;
		if (judge_unit(s, line, column, err) < 0)
			return VNDOC_EFORMAT;
		if (rc == 0 || (c = skip_space(r)) != ',')
			return 0;
		get(r);
	}
}

static int scan(vndoc_data_stream *s, vndoc_error *err)
{
	vndoc_error mine;
	int rc;

	vndoc_error_clear(&mine);
	rc = scan_top(s, &mine);
	if (rc < 0 && s->list_offset > 0 && rc != VNDOC_EIO && first_bad_unit(s, err) < 0)
		return VNDOC_EFORMAT;
	if (rc < 0 && err)
		*err = mine;
	return rc;
}

static int open_file(vndoc_data_stream *s, vndoc_error *err)
{
	s->r.f = fopen(s->path, "rb");
	if (!s->r.f) {
		vndoc_error_set_file(err, s->path);
		return vndoc_error_set_sys(err, VNDOC_EIO, errno, "cannot open");
	}
	s->r.line = 1;
	return 0;
}

/* Removes don_vi from a map loaded whole; the list, if it is one, becomes
 * the units. */
static void split_whole(vndoc_data_stream *s, vndoc_value *whole)
{
	s->root = whole;
	if (vndoc_value_type_of(whole) != VNDOC_VALUE_MAP)
		return;
	for (size_t i = 0; i < whole->u.c.count; i++) {
		if (whole->u.c.keys[i].len != 6 || memcmp(whole->u.c.keys[i].ptr, "don_vi", 6))
			continue;
		if (whole->u.c.items[i]->type == VNDOC_VALUE_LIST) {
			s->units = whole->u.c.items[i];
			s->has_units = true;
			s->count = s->units->u.c.count;
		} else {
			vndoc_value_free(whole->u.c.items[i]);
		}
		free(whole->u.c.keys[i].ptr);
		memmove(whole->u.c.items + i, whole->u.c.items + i + 1, (whole->u.c.count - i - 1) * sizeof *whole->u.c.items);
		memmove(whole->u.c.keys + i, whole->u.c.keys + i + 1, (whole->u.c.count - i - 1) * sizeof *whole->u.c.keys);
		whole->u.c.count--;
		return;
	}
}

static int has_extension(const char *path, const char *ext)
{
	size_t n = strlen(path), e = strlen(ext);
	return n > e && !strcasecmp(path + n - e, ext);
}

/*
 * The scan of a CSV file at open: 1 when it is streamed (its units' rows
 * are contiguous), 0 when it must be loaded whole: its rows are not
 * contiguous, or the scan found something wrong (a missing column, bad
 * CSV, a unit past VNDOC_LIMIT_DATA_BYTES, a failed read), which the
 * whole-sheet loader then tells as it always has, after any bad row before
 * it.
 */
static int scan_csv(vndoc_data_stream *s, const vndoc_data_options *opts)
{
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	const vndoc_str *fields;
	vndoc_data__csv_mark at;
	long row, line, unit_start = 0;
	size_t n;
	vndoc_error ignored;
	int rc, streamed = 0;

	vndoc_error_clear(&ignored);
	if (vndoc_data__csv_open(&s->csv, s->path, &ignored) < 0)
		goto done;
	s->flat = vndoc_data__flat_new(s->path, opts);
	/* The header: its columns, as the whole-sheet load finds them. */
	if (vndoc_data__csv_next(s->csv, &fields, &n, &row, &line, &ignored) <= 0 ||
	    vndoc_data__flat_csv_record(s->flat, fields, n, row, line, &ignored) < 0)
		goto done;
	vndoc_data__csv_tell(s->csv, &s->first);
	for (;;) {
		vndoc_data__csv_tell(s->csv, &at);
		if ((rc = vndoc_data__csv_next(s->csv, &fields, &n, &row, &line, &ignored)) < 0)
			goto done;
		if (rc == 0 || vndoc_data__flat_unit_key(s->flat, fields, n, &s->row_key)) {
			if (s->count && at.offset - unit_start > (long)VNDOC_LIMIT_DATA_BYTES)
				goto done;
			if (rc == 0)
				break;
		} else {
			continue; /* a blank row */
		}
		if (s->count && !strcmp(s->row_key.ptr, s->key.ptr))
			continue;
		/* A new unit starts, unless this one was seen before. */
		if (vndoc_buf_failed(&s->row_key) || g_hash_table_contains(seen, s->row_key.ptr))
			goto done;
		g_hash_table_add(seen, g_strdup(s->row_key.ptr));
		vndoc_buf_clear(&s->key);
		vndoc_buf_put(&s->key, s->row_key.ptr, s->row_key.len);
		unit_start = at.offset;
		s->count++;
	}
	streamed = 1;
done:
	g_hash_table_destroy(seen);
	if (!streamed) {
		vndoc_data__csv_free(s->csv);
		s->csv = NULL;
		vndoc_data__flat_free(s->flat);
		s->flat = NULL;
		s->count = 0;
	}
	return streamed;
}

int vndoc_data_stream_open(vndoc_data_stream **out, const char *path, const vndoc_data_options *opts,
			   vndoc_error *err)
{
	vndoc_data_stream *s;
	vndoc_value *whole = NULL;
	int error = 0;

	*out = NULL;
	s = vndoc_xcalloc(1, sizeof *s);
	s->path = vndoc_xstrdup(path);
	vndoc_data__json_ctx_init(&s->cx, s->path, opts);
	vndoc_buf_init(&s->unit, VNDOC_LIMIT_DATA_BYTES);
	vndoc_buf_init(&s->key, VNDOC_LIMIT_VALUE_BYTES * 4);
	vndoc_buf_init(&s->row_key, VNDOC_LIMIT_VALUE_BYTES * 4);
	if (has_extension(path, ".csv") && scan_csv(s, opts)) {
		/* The document's fields come from elsewhere (--doc), as when a
		 * sheet is loaded whole. */
		s->root = vndoc_value_new_map();
		s->has_units = true;
		error = vndoc_data_stream_rewind(s, err);
		goto done;
	}
	if (has_extension(path, ".json") && strcmp(path, "-") != 0) {
		s->r.buf = vndoc_xmalloc(READ_CHUNK);
		if ((error = open_file(s, err)) < 0 || (error = scan(s, err)) < 0)
			goto done;
		if (error == 1) {
			s->has_units = true;
			error = vndoc_data_stream_rewind(s, err);
			goto done;
		}
		/* Not streamed: start again, whole. */
		vndoc_value_free(s->root);
		s->root = NULL;
		s->count = 0;
		fclose(s->r.f);
		s->r.f = NULL;
	}
	if ((error = vndoc_data_load_file_with(&whole, path, opts, err)) < 0)
		goto done;
	split_whole(s, whole);
done:
	vndoc_buf_dispose(&s->unit);
	if (error < 0) {
		vndoc_data_stream_free(s);
		return error;
	}
	*out = s;
	return 0;
}

const vndoc_value *vndoc_data_stream_root(const vndoc_data_stream *s)
{
	return s->root;
}

bool vndoc_data_stream_has_units(const vndoc_data_stream *s)
{
	return s->has_units;
}

size_t vndoc_data_stream_count(const vndoc_data_stream *s)
{
	return s->count;
}

/* The reader back at the first unit. */
static int restart(vndoc_data_stream *s, vndoc_error *err)
{
	if (fseek(s->r.f, s->list_offset, SEEK_SET) != 0) {
		vndoc_error_set_file(err, s->path);
		return vndoc_error_set_sys(err, VNDOC_EIO, errno, "cannot read");
	}
	s->r.pos = s->r.len = s->r.capture_from = 0;
	s->r.eof = s->r.error = 0;
	s->r.capture = NULL;
	s->r.line = s->list_line;
	s->r.column = s->list_column;
	return 0;
}

int vndoc_data_stream_rewind(vndoc_data_stream *s, vndoc_error *err)
{
	s->index = 0;
	s->failure.code = VNDOC_OK;
	if (s->csv) {
		/* a unit left half built by an error */
		vndoc_value_free(vndoc_data__flat_take_units(s->flat));
		return vndoc_data__csv_seek(s->csv, &s->first, err);
	}
	return s->r.f ? restart(s, err) : 0;
}

vndoc_data__stream_mode vndoc_data__stream_mode_of(const vndoc_data_stream *s)
{
	return s->csv ? VNDOC_DATA__STREAM_CSV : s->r.f ? VNDOC_DATA__STREAM_JSON : VNDOC_DATA__STREAM_WHOLE;
}

/* The next unit of a CSV file: its rows, up to the first row of another
 * unit (given back to the reader) or the end. */
static int next_csv(vndoc_data_stream *s, vndoc_value **unit)
{
	const vndoc_str *fields;
	vndoc_value *units;
	size_t n;
	long row, line;
	bool started = false;
	int rc;

	for (;;) {
		if ((rc = vndoc_data__csv_next(s->csv, &fields, &n, &row, &line, &s->failure)) < 0)
			goto fail;
		if (rc == 0)
			break;
		if (vndoc_data__flat_unit_key(s->flat, fields, n, &s->row_key)) {
			if (!started) {
				vndoc_buf_clear(&s->key);
				vndoc_buf_put(&s->key, s->row_key.ptr, s->row_key.len);
				started = true;
			} else if (strcmp(s->row_key.ptr, s->key.ptr)) {
				vndoc_data__csv_unread(s->csv);
				break;
			}
		}
		if ((rc = vndoc_data__flat_csv_record(s->flat, fields, n, row, line, &s->failure)) < 0)
			goto fail;
	}
	units = vndoc_data__flat_take_units(s->flat);
	if (units->u.c.count != 1) {
		/* the scan at open saw another file */
		vndoc_value_free(units);
		vndoc_error_set_file(&s->failure, s->path);
		rc = vndoc_error_set(&s->failure, VNDOC_EIO, "changed while it was read");
		goto fail;
	}
	*unit = units->u.c.items[0];
	units->u.c.count = 0;
	vndoc_value_free(units);
	return 1;
fail:
	vndoc_value_free(vndoc_data__flat_take_units(s->flat));
	return rc;
}

int vndoc_data_stream_next(vndoc_data_stream *s, vndoc_value **unit, vndoc_error *err)
{
	int c, error;

	*unit = NULL;
	if (s->failure.code != VNDOC_OK) {
		if (err)
			*err = s->failure;
		return s->failure.code;
	}
	if (s->index >= s->count)
		return 0;
	if (s->csv) {
		vndoc_error_clear(&s->failure);
		if ((error = next_csv(s, unit)) < 0) {
			if (err)
				*err = s->failure;
			return error;
		}
		s->index++;
		return 1;
	}
	if (!s->r.f) {
		*unit = vndoc_value_copy(s->units->u.c.items[s->index++]);
		return 1;
	}
	/* The scan at open checked what lies between the units; a file that
	 * changed since is told as the scanner sees it. */
	vndoc_error_clear(&s->failure);
	c = skip_space(&s->r);
	if (s->index > 0 && c != ',') {
		error = syntax_error(s, &s->failure, "']' expected");
	} else {
		if (s->index > 0)
			get(&s->r);
		s->cx.key = "don_vi"; /* as the whole-file loader names a unit's own warnings */
		error = read_value(unit, s, 2, &s->failure);
		s->cx.key = NULL;
	}
	/* Keep the buffer for the next unit, unless this one was unusually big. */
	if (s->unit.cap > (1u << 20))
		vndoc_buf_dispose(&s->unit);
	if (error < 0) {
		if (err)
			*err = s->failure;
		return error;
	}
	s->index++;
	return 1;
}

void vndoc_data_stream_free(vndoc_data_stream *s)
{
	if (!s)
		return;
	if (s->r.f)
		fclose(s->r.f);
	free(s->r.buf);
	vndoc_data__csv_free(s->csv);
	vndoc_data__flat_free(s->flat);
	vndoc_buf_dispose(&s->key);
	vndoc_buf_dispose(&s->row_key);
	vndoc_value_free(s->root);
	vndoc_value_free(s->units);
	vndoc_buf_dispose(&s->unit);
	vndoc_data__json_ctx_dispose(&s->cx);
	free(s->path);
	free(s);
}
