/*
 * data/check.c: the plan's rules for registrations (vndoc check).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/limits.h"
#include "data/data.h"
#include "vn/vn.h"

static const char *const tap_the_required[] = { "ten", "dia_chi", "nguoi_dung_dau", "linh_vuc", "giai_phap" };
static const char *const ca_nhan_required[] = { "ho_ten", "chuc_vu", "don_vi_cong_tac", "noi_cu_tru",
						"linh_vuc", "giai_phap" };
#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *text_of(const vndoc_value *map, const char *key)
{
	const char *s = vndoc_value_text(vndoc_value_get(map, key, strlen(key)), NULL);
	return s ? s : "";
}

static long row_of(const vndoc_value *item)
{
	const vndoc_value *r = vndoc_value_get(item, "_row", 4);
	double d = vndoc_value_type_of(r) == VNDOC_VALUE_NUMBER ? vndoc_value_number(r) : 0;
	/* A JSON file may say anything ("_row": 1e300): no cast out of range. */
	return d >= 1 && d <= VNDOC_LIMIT_XLSX_ROWS ? (long)d : 0;
}

static void add(vndoc_findings *out, const char *rule, const char *unit, long row, const char *field,
		const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void add(vndoc_findings *out, const char *rule, const char *unit, long row, const char *field,
		const char *fmt, ...)
{
	vndoc_finding *f;
	va_list ap;

	if (out->count >= VNDOC_LIMIT_FINDINGS) {
		out->dropped++;
		return;
	}
	if (out->count == out->cap) {
		out->cap = out->cap ? 2 * out->cap : 16;
		out->items = vndoc_xreallocarray(out->items, out->cap, sizeof *out->items);
	}
	f = &out->items[out->count++];
	memset(f, 0, sizeof *f);
	f->rule = rule;
	snprintf(f->unit, sizeof f->unit, "%s", unit);
	f->row = row;
	snprintf(f->field, sizeof f->field, "%s", field);
	va_start(ap, fmt);
	vsnprintf(f->message, sizeof f->message, fmt, ap);
	va_end(ap);
}

void vndoc_findings_dispose(vndoc_findings *f)
{
	free(f->items);
	f->items = NULL;
	f->count = f->cap = f->dropped = 0;
}

/* yyyymmdd if d/m/y is a day of the Gregorian calendar (1900-9999), or 0. */
static long ymd(long d, long m, long y)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 0;
	return y * 10000 + m * 100 + d;
}

/* Excel's serial day number (1900 system) as yyyymmdd; 0 outside its
 * dates (VNDOC_LIMIT_XLSX_DATE_SERIAL), as xlsx.c formats them. */
static long from_serial(long serial)
{
	long z, era, doe, yoe, doy, mp;
	if (serial < 1 || serial >= VNDOC_LIMIT_XLSX_DATE_SERIAL)
		return 0;
	z = serial - 25569 + (serial < 61) + 719468;
	era = z / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	return ymd(doy - (153 * mp + 2) / 5 + 1, mp < 10 ? mp + 3 : mp - 9, yoe + era * 400 + (mp >= 10));
}

/*
 * A date as people type it, as yyyymmdd, or 0 (not a date): d/m/yyyy (also
 * with '-' or '.', one or two digits), yyyy-mm-dd (ISO, with or without a
 * time after it), "ngày 25 tháng 7 năm 2024", and Excel's serial numbers
 * (a date cell read as a number).
 */
static long parse_date(const char *s)
{
	long a, b, c;
	char s1, s2, rest[32];
	int n = 0;

	while (*s == ' ')
		s++;
	if (sscanf(s, "ngày %ld tháng %ld năm %ld %n", &a, &b, &c, &n) == 3 && !s[n])
		return ymd(a, b, c);
	if (sscanf(s, "%ld%c%ld%c%ld%n", &a, &s1, &b, &s2, &c, &n) == 5 && s1 == s2 &&
	    (s1 == '/' || s1 == '-' || s1 == '.') && a >= 0 && b >= 0 && c >= 0) {
		const char *tail = s + n;
		if (a >= 1000 && s1 != '.' && (!*tail || (*tail == 'T' && sscanf(tail, "T%31s", rest) == 1)))
			return ymd(c, b, a); /* 2024-07-25, 2024-07-25T00:00:00 */
		while (*tail == ' ')
			tail++;
		return *tail ? 0 : ymd(a, b, c);
	}
	if (sscanf(s, "%ld%n", &a, &n) == 1 && s[n] == '\0' && strspn(s, "0123456789") == strlen(s))
		return from_serial(a);
	return 0;
}

/*
 * The duplicate state, the only thing that grows with the units: per list
 * (collectives, individuals) a table from a folded name to where it was
 * seen first.  A name is kept as the first 16 bytes of the SHA-256 of its
 * folded form (two different names agree with odds of 2^-128, far below
 * any data error), the "where" text once per unit; both in one arena, so an
 * entry costs 16 bytes and a table slot (about 50 bytes in all, where the
 * folded text took 100).
 */
#define DIGEST_BYTES 16

static guint digest_hash(gconstpointer key)
{
	guint h;
	memcpy(&h, key, sizeof h);
	return h;
}

static gboolean digest_equal(gconstpointer a, gconstpointer b)
{
	return !memcmp(a, b, DIGEST_BYTES);
}

struct vndoc_checker {
	const vndoc_value *root;
	long deadline;
	bool deadline_told;             /* han_dang_ky is not a date: said once */
	GStringChunk *arena;
	GHashTable *seen_tt, *seen_cn;  /* digest of the folded key -> where (both in arena) */
	const char *last_where;         /* in arena: reused while it is the same */
	vndoc_buf key, fold;            /* scratch */
	GChecksum *sha;
};

vndoc_checker *vndoc_checker_new(const vndoc_value *root)
{
	vndoc_checker *c = vndoc_xcalloc(1, sizeof *c);
	c->root = root;
	c->deadline = parse_date(text_of(root, "han_dang_ky"));
	c->arena = g_string_chunk_new(64 * 1024);
	c->seen_tt = g_hash_table_new(digest_hash, digest_equal);
	c->seen_cn = g_hash_table_new(digest_hash, digest_equal);
	c->sha = g_checksum_new(G_CHECKSUM_SHA256);
	vndoc_buf_init(&c->key, 4u << 20);
	vndoc_buf_init(&c->fold, 4u << 20);
	return c;
}

void vndoc_checker_free(vndoc_checker *c)
{
	if (!c)
		return;
	g_hash_table_destroy(c->seen_tt);
	g_hash_table_destroy(c->seen_cn);
	g_string_chunk_free(c->arena);
	g_checksum_free(c->sha);
	vndoc_buf_dispose(&c->key);
	vndoc_buf_dispose(&c->fold);
	free(c);
}

/* Records `name` (with `workplace`, for a person) as seen at `where`; says
 * where it was seen first, if so. */
static const char *seen_before(vndoc_checker *c, GHashTable *seen, const char *name, const char *workplace,
			       const char *where)
{
	const char *first;
	guint8 digest[32];
	gsize n = sizeof digest;

	vndoc_buf_clear(&c->key);
	vndoc_buf_puts(&c->key, name);
	vndoc_buf_putc(&c->key, '\x1f');
	vndoc_buf_puts(&c->key, workplace);
	vndoc_buf_clear(&c->fold);
	vndoc_vn_fold(&c->fold, c->key.ptr, c->key.len);
	g_checksum_reset(c->sha);
	g_checksum_update(c->sha, (const guchar *)c->fold.ptr, (gssize)c->fold.len);
	g_checksum_get_digest(c->sha, digest, &n);
	if ((first = g_hash_table_lookup(seen, digest)))
		return first;
	if (!c->last_where || strcmp(c->last_where, where))
		c->last_where = g_string_chunk_insert(c->arena, where);
	/* Not a string: the arena's copy is just DIGEST_BYTES bytes (and a NUL). */
	g_hash_table_insert(seen, g_string_chunk_insert_len(c->arena, (const gchar *)digest, DIGEST_BYTES),
			    (gpointer)c->last_where);
	return NULL;
}

static void check_list(vndoc_checker *c, vndoc_findings *out, const vndoc_value *unit, const char *uname,
		       const char *list, const char *const *required, size_t n_required, GHashTable *seen)
{
	const vndoc_value *items = vndoc_value_get(unit, list, strlen(list));
	const char *name_key = required[0];

	for (size_t i = 0; i < vndoc_value_count(items); i++) {
		const vndoc_value *it = vndoc_value_at(items, i);
		const char *name = text_of(it, name_key);
		char field[128], where[400];
		const char *first;

		for (size_t k = 0; k < n_required; k++) {
			if (*text_of(it, required[k]))
				continue;
			snprintf(field, sizeof field, "%s[%zu].%s", list, i, required[k]);
			add(out, "required", uname, row_of(it), field, "%s is empty", field);
		}
		if (!*name)
			continue;
		/* A person is the same person when name and workplace agree;
		 * a collective by its name alone. */
		if (row_of(it))
			snprintf(where, sizeof where, "\"%s\", row %ld", uname, row_of(it));
		else
			snprintf(where, sizeof where, "\"%s\"", uname);
		first = seen_before(c, seen, name, *list == 'c' ? text_of(it, "don_vi_cong_tac") : "", where);
		if (first) {
			snprintf(field, sizeof field, "%s[%zu].%s", list, i, name_key);
			add(out, "duplicate", uname, row_of(it), field, "\"%s\" is registered twice (also by %s)", name,
			    first);
		}
	}
}

/* The deadline rule: never skipped without a word (issue 18).  A deadline
 * that is not a date is said once; a unit's date that is not one, for
 * that unit. */
static void check_deadline(vndoc_checker *c, vndoc_findings *out, const vndoc_value *unit, const char *uname,
			   long first_row)
{
	const char *deadline = text_of(c->root, "han_dang_ky");
	char date[64];
	long when;

	if (!*deadline)
		return;
	if (!c->deadline) {
		if (!c->deadline_told)
			add(out, "deadline", "", 0, "han_dang_ky",
			    "\"%.60s\" is not a date (25/7/2024, 2024-07-25 or an Excel serial): no unit's date was "
			    "checked against it", deadline);
		c->deadline_told = true;
		return;
	}
	if (!*text_of(unit, "ngay") || !*text_of(unit, "thang") || !*text_of(unit, "nam"))
		return; /* the day left blank, to fill in by hand on the form */
	snprintf(date, sizeof date, "%.16s/%.16s/%.16s", text_of(unit, "ngay"), text_of(unit, "thang"),
		 text_of(unit, "nam"));
	if (!(when = parse_date(date)))
		add(out, "deadline", uname, first_row, "ngay",
		    "registered on \"%s\", which is not a date: not checked against the deadline %s", date, deadline);
	else if (when > c->deadline)
		add(out, "deadline", uname, first_row, "ngay", "registered on %s, after the deadline %s", date, deadline);
}

size_t vndoc_checker_unit(vndoc_checker *c, const vndoc_value *unit, size_t index, vndoc_findings *out)
{
	const vndoc_value *tt = vndoc_value_get(unit, "tap_the", 7);
	const vndoc_value *cn = vndoc_value_get(unit, "ca_nhan", 7);
	size_t before = out->count + out->dropped;
	char uname[256];
	long first_row = 0;

	snprintf(uname, sizeof uname, "%s", text_of(unit, "ten"));
	if (!*uname) {
		snprintf(uname, sizeof uname, "don_vi[%zu]", index);
		add(out, "required", uname, 0, "ten", "the unit has no name");
	}
	if (vndoc_value_count(tt))
		first_row = row_of(vndoc_value_at(tt, 0));
	else if (vndoc_value_count(cn))
		first_row = row_of(vndoc_value_at(cn, 0));
	if (vndoc_value_count(tt) != 1)
		add(out, "one-collective", uname, vndoc_value_count(tt) > 1 ? row_of(vndoc_value_at(tt, 1)) : first_row,
		    "tap_the", "registers %zu collectives; the plan asks for exactly one", vndoc_value_count(tt));
	if (vndoc_value_count(cn) == 0)
		add(out, "an-individual", uname, first_row, "ca_nhan",
		    "registers no individual; the plan asks for at least one");
	check_list(c, out, unit, uname, "tap_the", tap_the_required, N(tap_the_required), c->seen_tt);
	check_list(c, out, unit, uname, "ca_nhan", ca_nhan_required, N(ca_nhan_required), c->seen_cn);
	check_deadline(c, out, unit, uname, first_row);
	return out->count + out->dropped - before;
}

size_t vndoc_data_check(const vndoc_value *root, vndoc_findings *out)
{
	const vndoc_value *units = vndoc_value_get(root, "don_vi", 6);
	vndoc_checker *c;
	size_t before = out->count + out->dropped;

	if (vndoc_value_type_of(units) != VNDOC_VALUE_LIST)
		add(out, "required", "", 0, "don_vi", "the data has no list of units (don_vi)");
	c = vndoc_checker_new(root);
	for (size_t u = 0; u < vndoc_value_count(units); u++)
		vndoc_checker_unit(c, vndoc_value_at(units, u), u, out);
	vndoc_checker_free(c);
	return out->count + out->dropped - before;
}
