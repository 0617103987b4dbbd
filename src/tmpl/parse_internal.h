/*
 * tmpl/parse_internal.h: the compiler's state while it compiles one part
 * (parse.c), shared with rows.c.
 */
#ifndef VNDOC_TMPL_PARSE_INTERNAL_H
#define VNDOC_TMPL_PARSE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tmpl/tmpl_internal.h"

#define NONE SIZE_MAX

/* A w:t of a paragraph and where its text sits in the paragraph's text. */
typedef struct {
	xmlNode *node;
	const char *text; /* borrowed from the tree */
	size_t len, off, para;
	bool consumed;    /* all its text belonged to tags that start elsewhere */
} segment;

typedef struct {
	xmlNode *node;
	vndoc_buf text;
	size_t first_tag, n_tags;
} paragraph;

typedef struct {
	size_t off, len; /* RAW bytes */
	size_t tag;      /* NONE for RAW */
	size_t end;      /* element start tokens: the token of its end */
	size_t table;    /* w:tr start tokens: their w:tbl's token (else NONE) */
	bool is_table;   /* a w:tbl start token */
	bool droppable;  /* a w:tbl whose every row a row section repeats */
} token;

typedef struct {
	size_t open, close;          /* tag indexes */
	size_t reg_start, reg_end;   /* tokens replaced: [start, end) */
	size_t body_start, body_end; /* tokens repeated */
	bool ensure_paragraph;
	bool rows;                   /* repeats table rows */
	bool table;                  /* not a section: a droppable table */
	bool picture;                /* not a section: a {%%anh} paragraph */
	size_t order;
} section;

typedef struct {
	const char *part;
	vndoc_error_list *errs;
	size_t n_errors;
	size_t errs_from;           /* errs->count when this part began */

	paragraph *paras;
	size_t n_paras, cap_paras;
	segment *segs;
	size_t n_segs, cap_segs;

	vndoc_tmpl__tag *tags;
	size_t n_tags, cap_tags;

	vndoc_buf raw;
	token *toks;
	size_t n_toks, cap_toks;

	section *secs;
	size_t n_secs;

	vndoc_tmpl__op *ops;
	size_t n_ops, cap_ops;
	size_t merge_floor; /* RAW ops before this index are closed (a body ended) */
} compiler;

void vndoc_tmpl__report(compiler *c, vndoc_code code, const vndoc_tmpl__tag *tag, const char *msg);
/** Sections by region: start, then the larger first, then order. */
int vndoc_tmpl__cmp_section(const void *a, const void *b);

/** rows.c: refuses sections in a row section's rows outside its tags. */
void vndoc_tmpl__check_row_margins(compiler *c);
/** rows.c: adds a pseudo-section for each table that may lose every row. */
void vndoc_tmpl__find_droppable_tables(compiler *c);

#endif
