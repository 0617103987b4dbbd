/*
 * docx/numbering.c: numbering.xml (abstract lists, lists, level overrides)
 * and list labels (decimal, roman, letters, bullets); the number formats
 * serve page numbers too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "docx/docx_internal.h"

static void parse_level(const xmlNode *lvl, vndoc_docx__level *out)
{
	const xmlNode *x;
	const char *s;

	if ((x = vndoc_docx__child(lvl, "start")))
		out->start = vndoc_docx__attr_int(x, "val", 1);
	if ((x = vndoc_docx__child(lvl, "numFmt")) && (s = vndoc_docx__attr(x, "val")))
		snprintf(out->fmt, sizeof out->fmt, "%s", s);
	if ((x = vndoc_docx__child(lvl, "lvlText")) && (s = vndoc_docx__attr(x, "val")))
		snprintf(out->text, sizeof out->text, "%s", s);
	if ((x = vndoc_docx__child(lvl, "suff")) && (s = vndoc_docx__attr(x, "val")))
		out->suffix = !strcmp(s, "space") ? 1 : !strcmp(s, "nothing") ? 2 : 0;
	if ((x = vndoc_docx__child(lvl, "lvlJc")) && (s = vndoc_docx__attr(x, "val")))
		out->jc = !strcmp(s, "center") ? 1 : !strcmp(s, "right") || !strcmp(s, "end") ? 2 : 0;
	vndoc_docx__parse_ppr(vndoc_docx__child(lvl, "pPr"), &out->p);
	vndoc_docx__parse_rpr(vndoc_docx__child(lvl, "rPr"), &out->r);
}

/* A list's (or abstract list's) id and its place in its array, sorted by
 * both: the last of an id comes last among its equals. */
typedef struct id_key {
	int id;
	size_t idx;
} id_key;

/* A w:num waiting for its abstract list: the id it names and how many
 * abstract lists came before it (only those can be its own). */
typedef struct num_ref {
	int aid;
	size_t limit;
} num_ref;

static int cmp_id_key(const void *a, const void *b)
{
	const id_key *x = a, *y = b;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Each w:num takes the last abstract list with its id among those before
 * it in the part (a list named before its abstract list has none): one
 * sort and a binary search each, where comparing every pair was
 * quadratic (10,000 lists). */
static void resolve_abstracts(vndoc_docx__loader *ld, const num_ref *refs)
{
	id_key *keys;

	if (!ld->n_nums)
		return;
	keys = vndoc_xreallocarray(NULL, ld->n_abstracts ? ld->n_abstracts : 1, sizeof *keys);
	for (size_t i = 0; i < ld->n_abstracts; i++)
		keys[i] = (id_key){ ld->abstracts[i].id, i };
	if (ld->n_abstracts)
		qsort(keys, ld->n_abstracts, sizeof *keys, cmp_id_key);
	for (size_t i = 0; i < ld->n_nums; i++) {
		/* The first key after (aid, limit - 1); the one before it is the
		 * answer if it has the id. */
		size_t lo = 0, hi = ld->n_abstracts;
		ld->nums[i].abstract = -1;
		if (!refs[i].limit)
			continue;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (keys[mid].id < refs[i].aid || (keys[mid].id == refs[i].aid && keys[mid].idx < refs[i].limit))
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo > 0 && keys[lo - 1].id == refs[i].aid)
			ld->nums[i].abstract = (int)keys[lo - 1].idx;
	}
	free(keys);
}

/* ld->nums sorted by id, the last w:num of each id kept (the one a
 * paragraph always found), for vndoc_docx__number's binary search.  Their
 * order is nobody else's concern: stream.c keeps indices it got from
 * vndoc_docx__number. */
static void index_nums(vndoc_docx__loader *ld)
{
	id_key *keys;
	vndoc_docx__num *sorted;
	size_t n = 0;

	if (!ld->n_nums)
		return;
	keys = vndoc_xreallocarray(NULL, ld->n_nums, sizeof *keys);
	for (size_t i = 0; i < ld->n_nums; i++)
		keys[i] = (id_key){ ld->nums[i].id, i };
	qsort(keys, ld->n_nums, sizeof *keys, cmp_id_key);
	sorted = vndoc_xreallocarray(NULL, ld->n_nums, sizeof *sorted);
	for (size_t i = 0; i < ld->n_nums; i++)
		if (i + 1 == ld->n_nums || keys[i + 1].id != keys[i].id)
			sorted[n++] = ld->nums[keys[i].idx];
	free(ld->nums);
	ld->nums = sorted;
	ld->n_nums = n;
	free(keys);
}

static void parse_abstract(const xmlNode *c, vndoc_docx__abstract *a)
{
	memset(a, 0, sizeof *a);
	a->id = vndoc_docx__attr_int(c, "abstractNumId", -1);
	for (int i = 0; i < 9; i++) {
		a->levels[i].start = 1;
		strcpy(a->levels[i].fmt, "decimal");
	}
	for (const xmlNode *l = c->children; l; l = l->next) {
		int i;
		if (!vndoc_docx__is(l, "lvl"))
			continue;
		i = vndoc_docx__attr_int(l, "ilvl", -1);
		if (i >= 0 && i < 9)
			parse_level(l, &a->levels[i]);
	}
}

/* A w:num; returns the abstract list id it names (-1 if none). */
static int parse_num(const xmlNode *c, vndoc_docx__num *n)
{
	const xmlNode *x;
	int aid = -1;

	memset(n, 0, sizeof *n);
	n->id = vndoc_docx__attr_int(c, "numId", 0);
	if ((x = vndoc_docx__child(c, "abstractNumId")))
		aid = vndoc_docx__attr_int(x, "val", -1);
	n->abstract = -1;
	for (int i = 0; i < 9; i++)
		n->start_override[i] = -1;
	for (x = c->children; x; x = x->next) {
		const xmlNode *so;
		int i;
		if (!vndoc_docx__is(x, "lvlOverride"))
			continue;
		i = vndoc_docx__attr_int(x, "ilvl", -1);
		if (i >= 0 && i < 9 && (so = vndoc_docx__child(x, "startOverride")))
			n->start_override[i] = vndoc_docx__attr_int(so, "val", 1);
	}
	return aid;
}

int vndoc_docx__load_numbering(vndoc_docx__loader *ld)
{
	xmlDoc *xml = NULL;
	const xmlNode *root, *c;
	size_t cap_a = 0, cap_n = 0;
	num_ref *refs = NULL;
	int error;

	if ((error = vndoc_docx__read_xml(&xml, ld, "word/numbering.xml", true)) < 0)
		return error;
	if (!xml)
		return 0;
	root = xmlDocGetRootElement(xml);
	for (c = root->children; c; c = c->next) {
		if (vndoc_docx__is(c, "abstractNum")) {
			if (ld->n_abstracts == cap_a) {
				cap_a = cap_a ? cap_a * 2 : 16;
				ld->abstracts = vndoc_xreallocarray(ld->abstracts, cap_a, sizeof *ld->abstracts);
			}
			parse_abstract(c, &ld->abstracts[ld->n_abstracts++]);
		} else if (vndoc_docx__is(c, "num")) {
			if (ld->n_nums == cap_n) {
				cap_n = cap_n ? cap_n * 2 : 16;
				ld->nums = vndoc_xreallocarray(ld->nums, cap_n, sizeof *ld->nums);
				refs = vndoc_xreallocarray(refs, cap_n, sizeof *refs);
			}
			refs[ld->n_nums].aid = parse_num(c, &ld->nums[ld->n_nums]);
			refs[ld->n_nums].limit = ld->n_abstracts;
			ld->n_nums++;
		}
	}
	vndoc_xml_free_doc(xml);
	resolve_abstracts(ld, refs);
	free(refs);
	index_nums(ld);
	return 0;
}

static void roman(char *out, size_t size, int n, bool upper)
{
	static const int vals[] = { 1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1 };
	static const char *const syms[] = { "m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i" };
	size_t len = 0;
	out[0] = '\0';
	if (n <= 0 || n >= 4000) {
		snprintf(out, size, "%d", n);
		return;
	}
	for (int i = 0; i < 13; i++)
		while (n >= vals[i] && len + 3 < size) {
			for (const char *s = syms[i]; *s; s++)
				out[len++] = upper ? (char)(*s - 'a' + 'A') : *s;
			n -= vals[i];
		}
	out[len] = '\0';
}

void vndoc_docx_format_number(char *out, size_t size, const char *fmt, int n)
{
	if (!size)
		return;
	if (!strcmp(fmt, "lowerRoman") || !strcmp(fmt, "upperRoman")) {
		roman(out, size, n, fmt[0] == 'u');
	} else if ((!strcmp(fmt, "lowerLetter") || !strcmp(fmt, "upperLetter")) && n > 0) {
		/* a..z, aa..zz, aaa..: the letter repeated, as Word does */
		int reps = (n - 1) / 26 + 1;
		char ch = (char)((fmt[0] == 'u' ? 'A' : 'a') + (n - 1) % 26);
		size_t i;
		for (i = 0; i < (size_t)reps && i + 1 < size; i++)
			out[i] = ch;
		out[i] = '\0';
	} else if (!strcmp(fmt, "decimalZero")) {
		snprintf(out, size, "%02d", n);
	} else if (!strcmp(fmt, "numberInDash")) {
		snprintf(out, size, "- %d -", n);
	} else if (!strcmp(fmt, "none")) {
		out[0] = '\0';
	} else {
		snprintf(out, size, "%d", n);
	}
}

/* Bullets written with Symbol/Wingdings private-use code points become
 * their Unicode look-alikes, so a Unicode font can draw them. */
static const char *bullet_text(const char *text)
{
	if (!strcmp(text, "\xef\x82\xb7") || !strcmp(text, "\xef\x82\xa7"))
		return "\xe2\x80\xa2"; /* U+F0B7, U+F0A7 -> bullet */
	if (!strcmp(text, "\xef\x83\x98"))
		return "\xe2\x9e\xa2"; /* U+F0D8 -> arrowhead */
	if (!strcmp(text, "o"))
		return "o";
	return text;
}

/* Level `l` of `n` counts from its start (or the num's override). */
static void start_level(vndoc_docx__loader *ld, vndoc_docx__num *n, int l)
{
	const vndoc_docx__level *lv = &ld->abstracts[n->abstract].levels[l];
	n->counters[l] = n->start_override[l] >= 0 ? n->start_override[l] : lv->start;
	n->started[l] = true;
}

bool vndoc_docx__number(vndoc_docx__loader *ld, int num_id, int level, char *label, size_t size,
			int *suffix, int *jc, const vndoc_docx__ppr_patch **p, const vndoc_docx__rpr_patch **r)
{
	vndoc_docx__num *n = NULL;
	const vndoc_docx__level *lv;
	size_t len = 0, lo = 0, hi = ld->n_nums;

	/* ld->nums is sorted by id, one of each (index_nums). */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ld->nums[mid].id == num_id) {
			n = &ld->nums[mid];
			break;
		}
		if (ld->nums[mid].id < num_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!n || n->abstract < 0 || level < 0 || level > 8)
		return false;
	lv = &ld->abstracts[n->abstract].levels[level];
	if (ld->nums_logging)
		vndoc_docx__nums_log(ld, (size_t)(n - ld->nums));
	/* The levels above that no item has numbered yet start here, at
	 * their start (Word and LibreOffice: a first item of level 0 after
	 * items of level 1 alone is the list's second, "2."). */
	for (int l = 0; l < level; l++)
		if (!n->started[l])
			start_level(ld, n, l);
	if (!n->started[level])
		start_level(ld, n, level);
	else
		n->counters[level]++;
	for (int i = level + 1; i < 9; i++)
		n->started[i] = false;

	*suffix = lv->suffix;
	*jc = lv->jc;
	*p = &lv->p;
	*r = &lv->r;
	if (!strcmp(lv->fmt, "bullet")) {
		snprintf(label, size, "%s", bullet_text(lv->text));
		return true;
	}
	/* lvlText: "%1.%2)" with %N replaced by level N's counter. */
	for (const char *t = lv->text; *t && len + 1 < size; t++) {
		if (t[0] == '%' && t[1] >= '1' && t[1] <= '9') {
			int l = t[1] - '1';
			const vndoc_docx__level *ll = &ld->abstracts[n->abstract].levels[l];
			char num[32];
			int v = n->started[l] ? n->counters[l] : ll->start;
			vndoc_docx_format_number(num, sizeof num, l == level ? lv->fmt : ll->fmt, v);
			for (const char *q = num; *q && len + 1 < size; q++)
				label[len++] = *q;
			t++;
		} else {
			label[len++] = *t;
		}
	}
	label[len] = '\0';
	return true;
}

void vndoc_docx__numbering_dispose(vndoc_docx__loader *ld)
{
	free(ld->abstracts);
	free(ld->nums);
	ld->abstracts = NULL;
	ld->nums = NULL;
	ld->n_abstracts = ld->n_nums = 0;
}
