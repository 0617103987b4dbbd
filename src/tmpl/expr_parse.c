/*
 * expr_parse.c: compiling a template expression (expr.h) into a tree.
 *
 * The grammar is angular-expressions' (what docxtemplater's expressions.js
 * uses), without assignments, function calls and object literals:
 *
 *   chain    := cond ( '|' NAME ( ':' cond )* )*
 *   cond     := or ( '?' cond ':' cond )?
 *   or       := and ( '||' and )*          and := equality ( '&&' equality )*
 *   equality := rel ( ('=='|'!='|'==='|'!==') rel )*
 *   rel      := add ( ('<'|'<='|'>'|'>=') add )*
 *   add      := mul ( ('+'|'-') mul )*     mul := unary ( ('*'|'/'|'%') unary )*
 *   unary    := ('!'|'-'|'+') unary | postfix
 *   postfix  := primary ( '.' NAME | '[' chain ']' )*
 *   primary  := NUMBER | STRING | NAME | 'this' | '.' | '(' chain ')'
 *
 * As in expressions.js, a lone "." is `this`, and Word's curly quotes
 * (‘ ’ “ ”) are quotes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "core/alloc.h"
#include "core/limits.h"
#include "tmpl/expr_internal.h"

typedef struct {
	const char *src;
	size_t len, pos;
	vndoc_tmpl__expr *e;
	char *msg;
	size_t msg_size;
	bool failed;
	unsigned depth;
} parser;

/* The bytes of the name character at s[i] (a letter, a combining mark,
 * a digit unless `start`, _ or $), or 0: JavaScript's identifiers, as
 * expressions.js allows them. */
static size_t name_char(const char *s, size_t len, size_t i, bool start)
{
	unsigned char c = (unsigned char)s[i];
	gunichar u;
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' ||
		       (!start && c >= '0' && c <= '9');
	u = g_utf8_get_char_validated(s + i, (gssize)(len - i));
	if (u == (gunichar)-1 || u == (gunichar)-2)
		return 0;
	if (g_unichar_isalpha(u) || (!start && (g_unichar_ismark(u) || g_unichar_isdigit(u))))
		return (size_t)(g_utf8_next_char(s + i) - (s + i));
	return 0;
}

bool vndoc_tmpl__expr_is_path(const char *s, size_t len)
{
	bool seg_start = true, first = true, digits = false;
	if (len == 1 && s[0] == '.')
		return true;
	for (size_t i = 0; i < len;) {
		size_t n;
		if (s[i] == '.') {
			if (seg_start)
				return false;
			seg_start = true;
			first = false;
			i++;
		} else if (seg_start && !first && s[i] >= '0' && s[i] <= '9') {
			/* "a.0": an index, vndoc's own path form */
			digits = true;
			seg_start = false;
			i++;
		} else if ((n = name_char(s, len, i, seg_start)) && !(digits && !(s[i] >= '0' && s[i] <= '9'))) {
			digits = digits && !seg_start;
			seg_start = false;
			i += n;
		} else {
			return false;
		}
	}
	if (len >= 4 && (!strncmp(s, "this", 4) && (len == 4 || s[4] == '.')))
		return false;
	return len > 0 && !seg_start;
}

static size_t skip_name(const char *s, size_t len, size_t i)
{
	size_t n;
	if (i >= len || !name_char(s, len, i, true))
		return i;
	while (i < len && (n = name_char(s, len, i, false)))
		i += n;
	return i;
}

static void fail(parser *p, const char *fmt, const char *what)
{
	if (p->failed)
		return;
	p->failed = true;
	snprintf(p->msg, p->msg_size, fmt, what, (unsigned)(p->pos + 1));
}

/* A curly quote at `i` (UTF-8 E2 80 98/99/9C/9D): its ASCII quote, or 0. */
static char curly_quote(const parser *p, size_t i)
{
	const unsigned char *s = (const unsigned char *)p->src;
	if (i + 2 >= p->len + 0 || s[i] != 0xE2 || s[i + 1] != 0x80)
		return 0;
	switch (s[i + 2]) {
	case 0x98: case 0x99: return '\'';
	case 0x9C: case 0x9D: return '"';
	default: return 0;
	}
}

static void skip_space(parser *p)
{
	while (p->pos < p->len) {
		unsigned char c = (unsigned char)p->src[p->pos];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			p->pos++;
		else if (c == 0xC2 && p->pos + 1 < p->len && (unsigned char)p->src[p->pos + 1] == 0xA0)
			p->pos += 2; /* no-break space, which Word puts in */
		else
			break;
	}
}

static bool peek_is(parser *p, const char *tok)
{
	size_t n = strlen(tok);
	skip_space(p);
	return p->pos + n <= p->len && !memcmp(p->src + p->pos, tok, n);
}

static bool accept(parser *p, const char *tok)
{
	if (!peek_is(p, tok))
		return false;
	p->pos += strlen(tok);
	return true;
}

static uint32_t node(parser *p, vndoc_tmpl__xop op)
{
	vndoc_tmpl__expr *e = p->e;
	if (e->n_nodes == e->cap_nodes) {
		e->cap_nodes = e->cap_nodes ? e->cap_nodes * 2 : 8;
		e->nodes = vndoc_xreallocarray(e->nodes, e->cap_nodes, sizeof *e->nodes);
	}
	memset(&e->nodes[e->n_nodes], 0, sizeof e->nodes[0]);
	e->nodes[e->n_nodes].op = op;
	return (uint32_t)e->n_nodes++;
}

/* Text kept by the expression (names, strings), as offsets in e->text. */
static size_t keep_text(parser *p, const char *s, size_t len)
{
	vndoc_tmpl__expr *e = p->e;
	size_t at = e->text_len;
	e->text = vndoc_xrealloc(e->text, e->text_len + len + 1);
	memcpy(e->text + at, s, len);
	e->text_len += len + 1;
	e->text[at + len] = '\0';
	return at;
}

static uint32_t chain(parser *p);
static uint32_t cond(parser *p);

static uint32_t string_literal(parser *p, char quote)
{
	char *buf = vndoc_xmalloc(p->len + 1);
	size_t n = 0;
	uint32_t k;

	p->pos += p->src[p->pos] == quote ? 1 : 3;
	for (;;) {
		char c, q;
		if (p->pos >= p->len) {
			free(buf);
			fail(p, "%sunterminated string at character %u", "");
			return node(p, VNDOC_XOP_UNDEF);
		}
		c = p->src[p->pos];
		q = curly_quote(p, p->pos);
		if (c == quote || q == quote) {
			p->pos += c == quote ? 1 : 3;
			break;
		}
		if (c == '\\' && p->pos + 1 < p->len) {
			c = p->src[++p->pos];
			switch (c) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			default: break;
			}
		}
		buf[n++] = c;
		p->pos++;
	}
	k = node(p, VNDOC_XOP_STR);
	p->e->nodes[k].text = keep_text(p, buf, n);
	p->e->nodes[k].len = n;
	free(buf);
	return k;
}

static uint32_t number_literal(parser *p)
{
	const char *start = p->src + p->pos;
	char *end, tmp[64];
	size_t n = 0;
	uint32_t k;

	while (p->pos + n < p->len && n < sizeof tmp - 1 &&
	       (strchr("0123456789.", start[n]) ||
		((start[n] == 'e' || start[n] == 'E')) ||
		((start[n] == '+' || start[n] == '-') && n && (start[n - 1] == 'e' || start[n - 1] == 'E'))))
		n++;
	memcpy(tmp, start, n);
	tmp[n] = '\0';
	k = node(p, VNDOC_XOP_NUM);
	p->e->nodes[k].num = strtod(tmp, &end);
	if ((size_t)(end - tmp) != n || !n)
		fail(p, "%sbad number at character %u", "");
	p->pos += n;
	return k;
}

static uint32_t primary(parser *p)
{
	unsigned char c;
	char q;

	skip_space(p);
	if (p->pos >= p->len) {
		fail(p, "%sexpression ends too early (character %u)", "");
		return node(p, VNDOC_XOP_UNDEF);
	}
	c = (unsigned char)p->src[p->pos];
	q = curly_quote(p, p->pos);
	if (c == '(') {
		uint32_t k;
		p->pos++;
		k = chain(p);
		if (!accept(p, ")"))
			fail(p, "%s')' expected at character %u", "");
		return k;
	}
	if (c == '\'' || c == '"' || q)
		return string_literal(p, q ? q : (char)c);
	if ((c >= '0' && c <= '9') ||
	    (c == '.' && p->pos + 1 < p->len && p->src[p->pos + 1] >= '0' && p->src[p->pos + 1] <= '9'))
		return number_literal(p);
	if (c == '.') { /* a lone "." is this */
		p->pos++;
		return node(p, VNDOC_XOP_THIS);
	}
	if (name_char(p->src, p->len, p->pos, true)) {
		size_t start = p->pos, n;
		uint32_t k;
		p->pos = skip_name(p->src, p->len, p->pos);
		n = p->pos - start;
#define IS(w) (n == sizeof(w) - 1 && !memcmp(p->src + start, w, n))
		if (IS("true") || IS("false")) {
			k = node(p, VNDOC_XOP_BOOL);
			p->e->nodes[k].num = IS("true");
			return k;
		}
		if (IS("null"))
			return node(p, VNDOC_XOP_NULL);
		if (IS("undefined"))
			return node(p, VNDOC_XOP_UNDEF);
		if (IS("this"))
			return node(p, VNDOC_XOP_THIS);
#undef IS
		k = node(p, VNDOC_XOP_NAME);
		p->e->nodes[k].text = keep_text(p, p->src + start, n);
		p->e->nodes[k].len = n;
		return k;
	}
	{
		char what[8];
		size_t n = 1;
		while (n < 4 && p->pos + n < p->len && ((unsigned char)p->src[p->pos + n] & 0xC0) == 0x80)
			n++;
		snprintf(what, sizeof what, "%.*s", (int)n, p->src + p->pos);
		fail(p, "'%s' unexpected at character %u", what);
	}
	return node(p, VNDOC_XOP_UNDEF);
}

static uint32_t postfix(parser *p)
{
	uint32_t k = primary(p);
	while (!p->failed) {
		skip_space(p);
		if (p->pos < p->len && p->src[p->pos] == '.' ) {
			size_t start;
			uint32_t m;
			p->pos++;
			skip_space(p);
			start = p->pos;
			p->pos = skip_name(p->src, p->len, p->pos);
			if (p->pos == start) {
				fail(p, "%sa name expected after '.' at character %u", "");
				break;
			}
			m = node(p, VNDOC_XOP_MEMBER);
			p->e->nodes[m].a = k;
			p->e->nodes[m].text = keep_text(p, p->src + start, p->pos - start);
			p->e->nodes[m].len = p->pos - start;
			k = m;
		} else if (accept(p, "[")) {
			uint32_t m = node(p, VNDOC_XOP_INDEX), key = chain(p);
			p->e->nodes[m].a = k;
			p->e->nodes[m].b = key;
			if (!accept(p, "]"))
				fail(p, "%s']' expected at character %u", "");
			k = m;
		} else if (peek_is(p, "(")) {
			fail(p, "%sfunction calls are not supported (character %u)", "");
		} else {
			break;
		}
	}
	return k;
}

static uint32_t unary(parser *p)
{
	vndoc_tmpl__xop op;
	uint32_t k;
	if (++p->depth > VNDOC_LIMIT_EXPR_DEPTH) {
		fail(p, "%sexpression nested too deeply (character %u)", "");
		return node(p, VNDOC_XOP_UNDEF);
	}
	if (accept(p, "!"))
		op = VNDOC_XOP_NOT;
	else if (accept(p, "-"))
		op = VNDOC_XOP_NEG;
	else if (accept(p, "+"))
		op = VNDOC_XOP_POS;
	else {
		k = postfix(p);
		p->depth--;
		return k;
	}
	{
		uint32_t operand;
		k = node(p, op);
		operand = unary(p); /* may move the nodes */
		p->e->nodes[k].a = operand;
	}
	p->depth--;
	return k;
}

/* One level of left-associative binary operators, longest first. */
typedef struct {
	const char *tok;
	vndoc_tmpl__xop op;
} binop;

static uint32_t binary(parser *p, int level);

static const binop levels[][5] = {
	{ { "||", VNDOC_XOP_OR } },
	{ { "&&", VNDOC_XOP_AND } },
	{ { "===", VNDOC_XOP_SEQ }, { "!==", VNDOC_XOP_SNE }, { "==", VNDOC_XOP_EQ }, { "!=", VNDOC_XOP_NE } },
	{ { "<=", VNDOC_XOP_LE }, { ">=", VNDOC_XOP_GE }, { "<", VNDOC_XOP_LT }, { ">", VNDOC_XOP_GT } },
	{ { "+", VNDOC_XOP_ADD }, { "-", VNDOC_XOP_SUB } },
	{ { "*", VNDOC_XOP_MUL }, { "/", VNDOC_XOP_DIV }, { "%", VNDOC_XOP_MOD } },
};

static uint32_t binary(parser *p, int level)
{
	uint32_t k;
	if (level == (int)(sizeof levels / sizeof levels[0]))
		return unary(p);
	k = binary(p, level + 1);
	while (!p->failed) {
		const binop *b = NULL;
		for (const binop *x = levels[level]; x < levels[level] + 5 && x->tok; x++) {
			if (peek_is(p, x->tok)) {
				b = x;
				break;
			}
		}
		if (!b)
			break;
		p->pos += strlen(b->tok);
		{
			uint32_t m = node(p, b->op), r = binary(p, level + 1);
			p->e->nodes[m].a = k;
			p->e->nodes[m].b = r;
			k = m;
		}
	}
	return k;
}

static uint32_t cond(parser *p)
{
	uint32_t k = binary(p, 0);
	if (!p->failed && accept(p, "?")) {
		uint32_t m = node(p, VNDOC_XOP_COND), yes, no;
		if (++p->depth > VNDOC_LIMIT_EXPR_DEPTH) {
			fail(p, "%sexpression nested too deeply (character %u)", "");
			return m;
		}
		yes = cond(p);
		if (!accept(p, ":"))
			fail(p, "%s':' expected at character %u", "");
		no = cond(p);
		p->depth--;
		p->e->nodes[m].a = k;
		p->e->nodes[m].b = yes;
		p->e->nodes[m].c = no;
		k = m;
	}
	return k;
}

static uint32_t filter(parser *p, uint32_t input)
{
	size_t start, n;
	uint32_t k, args[16];
	unsigned n_args = 0;
	const vndoc_tmpl__filter *f;
	char name[64];

	skip_space(p);
	start = p->pos;
	p->pos = skip_name(p->src, p->len, p->pos);
	n = p->pos - start;
	if (!n) {
		fail(p, "%sa filter name expected after '|' at character %u", "");
		return input;
	}
	snprintf(name, sizeof name, "%.*s", (int)n, p->src + start);
	if (!(f = vndoc_tmpl__filter_find(p->src + start, n))) {
		if (!p->failed) {
			p->failed = true;
			snprintf(p->msg, p->msg_size, "unknown filter '%s' at character %u", name,
				 (unsigned)(start + 1));
		}
		return input;
	}
	while (!p->failed && accept(p, ":")) {
		if (n_args == sizeof args / sizeof args[0]) {
			fail(p, "%stoo many filter arguments at character %u", "");
			break;
		}
		args[n_args++] = cond(p);
	}
	if (!p->failed && (n_args < f->min_args || n_args > f->max_args)) {
		p->failed = true;
		if (f->min_args == f->max_args)
			snprintf(p->msg, p->msg_size, "filter '%s' takes %u argument%s, not %u", name,
				 f->min_args, f->min_args == 1 ? "" : "s", n_args);
		else
			snprintf(p->msg, p->msg_size, "filter '%s' takes %u to %u arguments, not %u", name,
				 f->min_args, f->max_args, n_args);
	}
	k = node(p, VNDOC_XOP_FILTER);
	p->e->nodes[k].a = input;
	p->e->nodes[k].filter = f;
	p->e->nodes[k].b = (uint32_t)p->e->n_args;
	p->e->nodes[k].c = n_args;
	p->e->args = vndoc_xreallocarray(p->e->args, p->e->n_args + n_args + 1, sizeof *p->e->args);
	memcpy(p->e->args + p->e->n_args, args, n_args * sizeof *args);
	p->e->n_args += n_args;
	return k;
}

static uint32_t chain(parser *p)
{
	uint32_t k = cond(p);
	while (!p->failed) {
		if (peek_is(p, "||") || !accept(p, "|"))
			break;
		k = filter(p, k);
	}
	return k;
}

int vndoc_tmpl__expr_compile(vndoc_tmpl__expr **out, const char *src, size_t len,
			     char *msg, size_t msg_size)
{
	parser p = { src, len, 0, NULL, msg, msg_size, false, 0 };

	*out = NULL;
	if (len > VNDOC_LIMIT_EXPR_BYTES) {
		snprintf(msg, msg_size, "expression longer than %d bytes", VNDOC_LIMIT_EXPR_BYTES);
		return -1;
	}
	p.e = vndoc_xcalloc(1, sizeof *p.e);
	p.e->root = chain(&p);
	skip_space(&p);
	if (!p.failed && p.pos < p.len) {
		if (p.src[p.pos] == '=')
			fail(&p, "%sassignments are not supported (character %u)", "");
		else
			primary(&p), fail(&p, "%sunexpected text at character %u", "");
	}
	if (p.failed) {
		vndoc_tmpl__expr_free(p.e);
		return -1;
	}
	*out = p.e;
	return 0;
}

void vndoc_tmpl__expr_free(vndoc_tmpl__expr *e)
{
	if (!e)
		return;
	free(e->nodes);
	free(e->args);
	free(e->text);
	free(e);
}
