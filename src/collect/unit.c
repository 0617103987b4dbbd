/*
 * collect/unit.c: the unit a form is from, and its signer, read from the
 * text around the registration tables.
 *
 * Above the tables (our form, the seed's annex, a retyped copy): the
 * superior body and the unit in capitals (the heading's lines other than
 * the national motto), "Số: …", "<place>, ngày … tháng … năm …", the
 * title, and the sentence "…, <unit> đăng ký thực hiện như sau:".  Below
 * them: the signature block, its title, "(Ký, ghi rõ họ và tên, đóng dấu)"
 * and the name.  Text is compared folded (no case, tone marks or
 * punctuation); what is taken keeps its own spelling.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "collect/collect_internal.h"
#include "core/alloc.h"

/* The form's text as lines: paragraphs and the cells of tables other than
 * the registration tables, in reading order.  `first` and `last`: where
 * the registration tables begin and end in the lines. */
typedef struct lines {
	char **line;
	size_t n, cap;
	size_t first, last;
	bool seen;
} lines;

static void add_text(lines *ls, const char *text)
{
	const char *p = text;
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (ls->n == ls->cap) {
			ls->cap = ls->cap ? ls->cap * 2 : 64;
			ls->line = vndoc_xreallocarray(ls->line, ls->cap, sizeof *ls->line);
		}
		ls->line[ls->n++] = vndoc_xstrndup(p, len);
		if (!nl)
			break;
		p = nl + 1;
	}
}

static void gather(const vndoc_collect__form *form, lines *ls)
{
	memset(ls, 0, sizeof *ls);
	for (size_t i = 0; i < form->n_items; i++) {
		const vndoc_collect__item *it = &form->items[i];
		if (it->text) {
			add_text(ls, it->text);
			continue;
		}
		if (it->table->registrations) {
			if (!ls->seen)
				ls->first = ls->n;
			ls->seen = true;
			ls->last = ls->n;
			continue;
		}
		for (size_t r = 0; r < it->table->n_rows; r++)
			for (size_t c = 0; c < it->table->rows[r].n_cells; c++)
				add_text(ls, it->table->rows[r].cells[c].text);
	}
	if (!ls->seen)
		ls->first = ls->last = ls->n;
}

static void lines_dispose(lines *ls)
{
	for (size_t i = 0; i < ls->n; i++)
		free(ls->line[i]);
	free(ls->line);
}

static bool folded_is(const char *s, const char *prefix, bool whole)
{
	vndoc_buf f = VNDOC_BUF_INIT(1 << 20);
	bool yes;

	while (*s == '(' || *s == ' ') /* "(Ký, ghi rõ họ và tên…)" */
		s++;
	vndoc_data_fold_header(&f, s, strlen(s));
	yes = whole ? !strcmp(f.ptr, prefix) : !strncmp(f.ptr, prefix, strlen(prefix));
	vndoc_buf_dispose(&f);
	return yes;
}

/* Words of a line: their bounds and folded forms. */
typedef struct words {
	const char **at;
	size_t *len;
	char **fold;
	size_t n;
} words;

static void split_words(words *w, const char *s)
{
	size_t cap = strlen(s) / 2 + 2;
	vndoc_buf f = VNDOC_BUF_INIT(1 << 20);

	w->at = vndoc_xcalloc(cap, sizeof *w->at);
	w->len = vndoc_xcalloc(cap, sizeof *w->len);
	w->fold = vndoc_xcalloc(cap, sizeof *w->fold);
	w->n = 0;
	for (const char *p = s; *p;) {
		const char *e;
		while (*p == ' ' || *p == '\t' || *p == '\n' || (*p == '\xc2' && p[1] == '\xa0'))
			p += *p == '\xc2' ? 2 : 1;
		if (!*p)
			break;
		for (e = p; *e && *e != ' ' && *e != '\t' && *e != '\n' && !(*e == '\xc2' && e[1] == '\xa0'); e++)
			;
		vndoc_data_fold_header(&f, p, (size_t)(e - p));
		w->at[w->n] = p;
		w->len[w->n] = (size_t)(e - p);
		w->fold[w->n++] = vndoc_xstrdup(f.ptr);
		p = e;
	}
	vndoc_buf_dispose(&f);
}

static void words_dispose(words *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->fold[i]);
	free(w->at);
	free(w->len);
	free(w->fold);
}

/* The original text of words [from, to), trailing ',' and ':' dropped. */
static vndoc_value *span(vndoc_collect__form *form, const words *w, size_t from, size_t to, const char *where)
{
	vndoc_value *v;
	char *s;
	size_t len;

	if (from >= to || to > w->n)
		return vndoc_collect__string(form, "", 0, where);
	len = (size_t)(w->at[to - 1] + w->len[to - 1] - w->at[from]);
	s = vndoc_xstrndup(w->at[from], len);
	while (len && (s[len - 1] == ',' || s[len - 1] == ':' || s[len - 1] == ' '))
		s[--len] = '\0';
	v = vndoc_collect__string(form, s, len, where);
	free(s);
	return v;
}

static long find_word(const words *w, size_t from, const char *folded)
{
	for (size_t i = from; i < w->n; i++)
		if (!strcmp(w->fold[i], folded))
			return (long)i;
	return -1;
}

static void set(vndoc_value *unit, const char *key, vndoc_value *v)
{
	vndoc_value_map_set(unit, key, strlen(key), v);
}

/* "19/7/2024" (or with '-' or '.') into ngay, thang, nam. */
static bool numeric_date(const char *s, size_t len, vndoc_value *unit, vndoc_collect__form *form)
{
	char buf[32], *part[3], *save = NULL;
	size_t n = 0;

	if (len >= sizeof buf || len < 5)
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	while (len && (buf[len - 1] == '.' || buf[len - 1] == ','))
		buf[--len] = '\0';
	for (char *t = strtok_r(buf, "/-.", &save); t && n < 3; t = strtok_r(NULL, "/-.", &save))
		part[n++] = t;
	if (n != 3 || strtok_r(NULL, "/-.", &save))
		return false;
	for (size_t i = 0; i < 3; i++)
		for (const char *c = part[i]; *c; c++)
			if (*c < '0' || *c > '9')
				return false;
	set(unit, "ngay", vndoc_collect__string(form, part[0], strlen(part[0]), "the date line, day"));
	set(unit, "thang", vndoc_collect__string(form, part[1], strlen(part[1]), "the date line, month"));
	set(unit, "nam", vndoc_collect__string(form, part[2], strlen(part[2]), "the date line, year"));
	return true;
}

/* "<place>, ngày <d> tháng <m> năm <y>" or "<place>, ngày d/m/yyyy": true
 * when the line is one. */
static bool date_line(vndoc_collect__form *form, const char *line, vndoc_value *unit)
{
	words w;
	long d, m, y;
	bool ok;

	split_words(&w, line);
	d = find_word(&w, 0, "ngay");
	m = d >= 0 ? find_word(&w, (size_t)d + 1, "thang") : -1;
	y = m >= 0 ? find_word(&w, (size_t)m + 1, "nam") : -1;
	ok = y >= 0 && d <= 6;
	if (!ok && d >= 0 && d <= 6 && (size_t)d + 1 < w.n && numeric_date(w.at[d + 1], w.len[d + 1], unit, form)) {
		set(unit, "dia_danh", span(form, &w, 0, (size_t)d, "the date line, place"));
		ok = true;
	} else if (ok) {
		set(unit, "dia_danh", span(form, &w, 0, (size_t)d, "the date line, place"));
		set(unit, "ngay", span(form, &w, (size_t)d + 1, (size_t)m, "the date line, day"));
		set(unit, "thang", span(form, &w, (size_t)m + 1, (size_t)y, "the date line, month"));
		set(unit, "nam", span(form, &w, (size_t)y + 1, w.n, "the date line, year"));
	}
	words_dispose(&w);
	return ok;
}

/* "Số: 12/ĐK-VP" (a line that starts with the word "Số" and a colon). */
static bool number_line(vndoc_collect__form *form, const char *line, vndoc_value *unit)
{
	const char *colon = strchr(line, ':');
	vndoc_value *v;
	char *s;

	if (!colon || colon - line > 8) {
		/* "Số 05/ĐK-TT": the word Số, then a number with a '/' */
		words w;
		bool yes;
		split_words(&w, line);
		yes = w.n == 2 && !strcmp(w.fold[0], "so") && memchr(w.at[1], '/', w.len[1]);
		if (yes)
			set(unit, "so", span(form, &w, 1, 2, "the number line"));
		words_dispose(&w);
		return yes;
	}
	if (!folded_is(line, "so", false))
		return false;
	{
		vndoc_buf f = VNDOC_BUF_INIT(64);
		vndoc_data_fold_header(&f, line, (size_t)(colon - line));
		if (strcmp(f.ptr, "so")) {
			vndoc_buf_dispose(&f);
			return false;
		}
		vndoc_buf_dispose(&f);
	}
	s = vndoc_xstrdup(colon + 1);
	v = vndoc_collect__string(form, s, strlen(s), "the number line");
	free(s);
	set(unit, "so", v);
	return true;
}

/* The unit's name in "…, <unit> đăng ký thực hiện như sau:"; NULL when the
 * line is not that sentence. */
static vndoc_value *sentence_name(vndoc_collect__form *form, const char *line)
{
	words w;
	long at = -1, from = 0;
	vndoc_value *v = NULL;

	split_words(&w, line);
	for (size_t i = 0; i + 3 < w.n; i++)
		if (!strcmp(w.fold[i], "dang") && !strcmp(w.fold[i + 1], "ky") && !strcmp(w.fold[i + 2], "thuc") &&
		    !strcmp(w.fold[i + 3], "hien"))
			at = (long)i;
	if (at >= 0) {
		/* After "… trên địa bàn <place>," when the sentence has it,
		 * else after the last comma (a name may hold commas). */
		for (long i = 0; i + 2 < at; i++)
			if (!strcmp(w.fold[i], "tren") && !strcmp(w.fold[i + 1], "dia") && !strcmp(w.fold[i + 2], "ban")) {
				for (long j = i + 3; j < at; j++)
					if (w.at[j][w.len[j] - 1] == ',') {
						from = j + 1;
						break;
					}
			}
		/* "Thực hiện …, <unit> đăng ký": after the last comma; a sentence
		 * of the unit's own, "<unit> đăng ký…": from its start */
		if (!from && w.n > 1 && !strcmp(w.fold[0], "thuc") && !strcmp(w.fold[1], "hien"))
			for (long i = at - 1; i >= 0 && !from; i--)
				if (w.at[i][w.len[i] - 1] == ',')
					from = i + 1;
		v = span(form, &w, (size_t)from, (size_t)at, "the sentence \"… đăng ký thực hiện như sau\"");
	}
	words_dispose(&w);
	return v;
}

static bool motto(const char *line)
{
	return folded_is(line, "cong hoa xa hoi chu nghia", false) || folded_is(line, "doc lap tu do", false);
}

/* A heading line without the placeholder dots around it ("ĐƠN VỊ..."). */
static char *heading_text(const char *line)
{
	size_t len = strlen(line);
	char *s;
	while (len && (line[len - 1] == '.' || line[len - 1] == ' ' || line[len - 1] == ':'))
		len--;
	while (len >= 3 && !memcmp(line + len - 3, "\xe2\x80\xa6", 3))
		len -= 3;
	s = vndoc_xstrndup(line, len);
	return s;
}

vndoc_value *vndoc_collect__heading(vndoc_collect__form *form, vndoc_error *err)
{
	lines ls;
	vndoc_value *unit = vndoc_value_new_map(), *name = NULL;
	char *head[2] = { NULL, NULL };
	size_t n_head = 0;
	bool titled = false;

	gather(form, &ls);
	for (size_t i = 0; i < ls.first; i++) {
		const char *line = ls.line[i];
		vndoc_value *v;
		if (vndoc_collect__blank(line) || motto(line))
			continue;
		if (!name && (v = sentence_name(form, line))) {
			name = v;
			continue;
		}
		if (titled || folded_is(line, "bieu dang ky", false)) {
			titled = true; /* below the title: the text of the form */
			continue;
		}
		if (number_line(form, line, unit) || date_line(form, line, unit))
			continue;
		/* The heading: the superior body, then the unit, in capitals. */
		if (n_head == 2) {
			char *joined = g_strconcat(head[0], " ", head[1], NULL);
			free(head[0]);
			head[0] = vndoc_xstrdup(joined);
			g_free(joined);
			free(head[1]);
			n_head = 1;
		}
		head[n_head++] = heading_text(line);
	}
	lines_dispose(&ls);
	{
		vndoc_value *h[2];
		h[0] = vndoc_collect__string(form, n_head == 2 ? head[0] : "", n_head == 2 ? strlen(head[0]) : 0,
					     "the heading");
		h[1] = vndoc_collect__string(form, n_head ? head[n_head - 1] : "",
					     n_head ? strlen(head[n_head - 1]) : 0, "the heading");
		free(head[0]);
		free(head[1]);
		if (!name && !titled) {
			vndoc_value_free(h[0]);
			vndoc_value_free(h[1]);
			vndoc_value_free(unit);
			vndoc_error_set_file(err, form->path);
			vndoc_error_set(err, VNDOC_EFORMAT, "not a registration form: neither the title \"BIỂU ĐĂNG KÝ\" "
				       "nor the sentence \"…, <unit> đăng ký thực hiện như sau\" (a summary? another document?)");
			return NULL;
		}
		if (!name || !*vndoc_value_text(name, NULL)) {
			vndoc_value_free(name);
			name = NULL;
			if (*vndoc_value_text(h[1], NULL)) {
				name = vndoc_value_copy(h[1]);
				vndoc_collect__note(form, VNDOC_OK, "the sentence \"…, <unit> đăng ký thực hiện như sau\" "
						    "names no unit: the heading's \"%s\" is taken as its name",
						    vndoc_value_text(name, NULL));
			}
		}
		if (!name) {
			vndoc_value_free(h[0]);
			vndoc_value_free(h[1]);
			vndoc_value_free(unit);
			vndoc_error_set_file(err, form->path);
			vndoc_error_set(err, VNDOC_EFORMAT, "no unit named: neither the heading nor the sentence "
				       "\"…, <unit> đăng ký thực hiện như sau\" says which unit the form is from");
			return NULL;
		}
		/* In the order of the data files: ten, ten_in_hoa, co_quan_cap_tren, … */
		{
			vndoc_value *ordered = vndoc_value_new_map();
			static const char *const order[] = { "dia_danh", "ngay", "thang", "nam", "so" };
			set(ordered, "ten", name);
			set(ordered, "ten_in_hoa", h[1]);
			set(ordered, "co_quan_cap_tren", h[0]);
			for (size_t k = 0; k < 5; k++) {
				const vndoc_value *v = vndoc_value_get(unit, order[k], strlen(order[k]));
				set(ordered, order[k], v ? vndoc_value_copy(v) : vndoc_value_new_string("", 0));
			}
			vndoc_value_free(unit);
			return ordered;
		}
	}
}

void vndoc_collect__signer(vndoc_collect__form *form, vndoc_value *unit)
{
	lines ls;
	vndoc_value *tt = vndoc_value_new_map();
	const char *title = "", *name = "";

	gather(form, &ls);
	for (size_t i = ls.last; i < ls.n; i++) {
		if (!folded_is(ls.line[i], "ky ghi ro", false) && !folded_is(ls.line[i], "ky ten dong dau", false) &&
		    !folded_is(ls.line[i], "ky dong dau", false))
			continue;
		for (size_t j = i; j-- > ls.last;)
			if (!vndoc_collect__blank(ls.line[j])) {
				if (!folded_is(ls.line[j], "thu truong co quan don vi", true))
					title = ls.line[j];
				break;
			}
		for (size_t j = i + 1; j < ls.n; j++)
			if (!vndoc_collect__blank(ls.line[j])) {
				name = ls.line[j];
				break;
			}
		break;
	}
	set(tt, "chuc_vu", vndoc_collect__string(form, title, strlen(title), "the signature's title"));
	set(tt, "ho_ten", vndoc_collect__string(form, name, strlen(name), "the signer's name"));
	set(unit, "thu_truong", tt);
	lines_dispose(&ls);
}
