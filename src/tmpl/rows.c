/*
 * rows.c: what parse.c checks and adds for sections that repeat table
 * rows (issue 16): a section in the rows such a section repeats but
 * outside its tags is refused as unbalanced, as docxtemplater refuses it;
 * a table whose every row such sections repeat is left out when no row is
 * written (a pseudo-section, VNDOC_OP_TABLE), as docxtemplater drops it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "tmpl/parse_internal.h"

typedef struct {
	size_t key, pos, end;
} span;

static int cmp_span(const void *a, const void *b)
{
	const span *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* A row section repeats the whole rows of its tags: a section whose tag
 * stands in those rows outside its tags (`{/}{#c2}B{/}` in its closing
 * row) would be repeated with them; docxtemplater refuses it as
 * unbalanced, and so do we. */
void vndoc_tmpl__check_row_margins(compiler *c)
{
	span *marks = vndoc_xcalloc(2 * c->n_secs + 1, sizeof *marks);
	size_t n = 0;

	for (size_t i = 0; i < c->n_secs; i++) {
		marks[n++] = (span){ 0, c->tags[c->secs[i].open].tok, i };
		marks[n++] = (span){ 0, c->tags[c->secs[i].close].tok, i };
	}
	qsort(marks, n, sizeof *marks, cmp_span);
	for (size_t i = 0; i < c->n_secs; i++) {
		const section *s = &c->secs[i];
		size_t o = c->tags[s->open].tok, e = c->tags[s->close].tok, lo = 0, hi = n;
		if (!s->rows)
			continue;
		while (lo < hi) { /* the first mark at or after reg_start */
			size_t mid = (lo + hi) / 2;
			if (marks[mid].pos < s->reg_start)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t k = lo; k < n && marks[k].pos < s->reg_end; k++) {
			const section *t = &c->secs[marks[k].end];
			size_t to = c->tags[t->open].tok, te = c->tags[t->close].tok;
			char msg[200];
			if ((marks[k].pos >= o && marks[k].pos <= e) || (to < o && te > e))
				continue;
			snprintf(msg, sizeof msg, "unbalanced sections: %s…%s repeats the rows that hold %s…%s",
				 c->tags[s->open].raw, c->tags[s->close].raw, c->tags[t->open].raw,
				 c->tags[t->close].raw);
			vndoc_tmpl__report(c, VNDOC_ETEMPLATE, &c->tags[t->open], msg);
			break;
		}
	}
	free(marks);
}

/* Tables whose every row a row section repeats become pseudo-sections:
 * when no row is written the table goes too (docxtemplater drops it;
 * Word calls a table without rows a damaged document). */
void vndoc_tmpl__find_droppable_tables(compiler *c)
{
	span *iv = vndoc_xcalloc(c->n_secs + 1, sizeof *iv), *trs;
	size_t n_iv = 0, n_trs = 0, n_tables = 0, k = 0;

	for (size_t i = 0; i < c->n_secs; i++) {
		const section *s = &c->secs[i];
		size_t tbl = s->rows ? c->toks[s->reg_start].table : NONE;
		if (tbl != NONE)
			iv[n_iv++] = (span){ tbl, s->reg_start, s->reg_end };
	}
	if (!n_iv) {
		free(iv);
		return;
	}
	qsort(iv, n_iv, sizeof *iv, cmp_span);
	for (size_t i = 0; i < c->n_toks; i++)
		n_trs += c->toks[i].table != NONE;
	trs = vndoc_xcalloc(n_trs + 1, sizeof *trs);
	n_trs = 0;
	for (size_t i = 0; i < c->n_toks; i++)
		if (c->toks[i].table != NONE)
			trs[n_trs++] = (span){ c->toks[i].table, i, 0 };
	qsort(trs, n_trs, sizeof *trs, cmp_span);
	for (size_t i = 0; i < n_trs;) {
		size_t tbl = trs[i].key, covered = 0;
		bool all = true, any = false;
		while (k < n_iv && iv[k].key < tbl)
			k++;
		for (; i < n_trs && trs[i].key == tbl; i++) {
			while (k < n_iv && iv[k].key == tbl && iv[k].pos <= trs[i].pos) {
				covered = iv[k].end > covered ? iv[k].end : covered;
				any = true;
				k++;
			}
			all &= trs[i].pos < covered;
		}
		if (all && any && c->toks[tbl].is_table) {
			c->toks[tbl].droppable = true;
			n_tables++;
		}
	}
	if (n_tables) {
		c->secs = vndoc_xreallocarray(c->secs, c->n_secs + n_tables, sizeof *c->secs);
		for (size_t i = 0; i < c->n_toks; i++) {
			section *s;
			if (!c->toks[i].droppable)
				continue;
			s = &c->secs[c->n_secs];
			memset(s, 0, sizeof *s);
			s->table = true;
			s->open = s->close = NONE;
			s->reg_start = s->body_start = i;
			s->reg_end = s->body_end = c->toks[i].end + 1;
			s->order = c->n_secs++;
		}
		qsort(c->secs, c->n_secs, sizeof *c->secs, vndoc_tmpl__cmp_section);
	}
	free(trs);
	free(iv);
}
