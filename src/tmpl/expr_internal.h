/*
 * tmpl/expr_internal.h: the compiled form of an expression (expr.h),
 * shared by expr_parse.c and expr_eval.c.
 */
#ifndef VNDOC_TMPL_EXPR_INTERNAL_H
#define VNDOC_TMPL_EXPR_INTERNAL_H

#include <stdint.h>

#include "tmpl/expr.h"

typedef enum {
	VNDOC_XOP_NUM, VNDOC_XOP_STR, VNDOC_XOP_BOOL, VNDOC_XOP_NULL, VNDOC_XOP_UNDEF,
	VNDOC_XOP_THIS, VNDOC_XOP_NAME,
	VNDOC_XOP_MEMBER,  /* a.text */
	VNDOC_XOP_INDEX,   /* a[b] */
	VNDOC_XOP_NOT, VNDOC_XOP_NEG, VNDOC_XOP_POS,
	VNDOC_XOP_OR, VNDOC_XOP_AND,
	VNDOC_XOP_EQ, VNDOC_XOP_NE, VNDOC_XOP_SEQ, VNDOC_XOP_SNE,
	VNDOC_XOP_LT, VNDOC_XOP_LE, VNDOC_XOP_GT, VNDOC_XOP_GE,
	VNDOC_XOP_ADD, VNDOC_XOP_SUB, VNDOC_XOP_MUL, VNDOC_XOP_DIV, VNDOC_XOP_MOD,
	VNDOC_XOP_COND,    /* a ? b : c */
	VNDOC_XOP_FILTER   /* a | filter : args[b .. b + c) */
} vndoc_tmpl__xop;

typedef struct {
	vndoc_tmpl__xop op;
	uint32_t a, b, c;                 /* operands (node indexes) */
	double num;                       /* NUM; BOOL: 0 or 1 */
	size_t text, len;                 /* NAME, MEMBER, STR: offset in `text` */
	const vndoc_tmpl__filter *filter; /* FILTER */
} vndoc_tmpl__xnode;

struct vndoc_tmpl__expr {
	vndoc_tmpl__xnode *nodes;
	size_t n_nodes, cap_nodes;
	uint32_t *args;                   /* filter arguments, node indexes */
	size_t n_args;
	char *text;                       /* names and strings, NUL-separated */
	size_t text_len;
	uint32_t root;
};

#endif
