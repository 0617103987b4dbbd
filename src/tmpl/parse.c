/*
 * parse.c: compiling one XML part into a program (see tmpl_internal.h).
 *
 * 1. Paragraphs: the w:t elements of each (innermost) w:p are collected
 *    and their text concatenated; lex.c finds the tags in it.
 * 2. Tokens: the tree is serialized into RAW tokens; the text of a w:t
 *    that holds tags is cut into pieces, each tag standing as a TAG token
 *    in the w:t where it starts, its characters removed from the other
 *    w:t elements it spilled into.
 * 3. Sections: open and close tags are paired, and each pair gets the
 *    region of tokens it replaces and the content it repeats, by where the
 *    two tags stand (region_of).
 * 4. Program: the token stream, with sections nested by containment,
 *    becomes the op array.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/limits.h"
#include "tmpl/parse_internal.h"
#include "xml/xml.h"

static bool is_w(const xmlNode *n, const char *local)
{
	const char *href;
	if (!n || n->type != XML_ELEMENT_NODE || !n->ns || !n->ns->href ||
	    strcmp((const char *)n->name, local) != 0)
		return false;
	href = (const char *)n->ns->href;
	return !strcmp(href, "http://schemas.openxmlformats.org/wordprocessingml/2006/main") ||
	       !strcmp(href, "http://purl.oclc.org/ooxml/wordprocessingml/main");
}


void vndoc_tmpl__report(compiler *c, vndoc_code code, const vndoc_tmpl__tag *tag, const char *msg)
{
	vndoc_error e;
	vndoc_tmpl__tag_error(&e, code, c->part, tag, "%s", msg);
	vndoc_error_list_push(c->errs, &e);
	c->n_errors++;
}

/* ---- 1. Paragraphs ---------------------------------------------------- */

/* Iterative pre-order walk: the next node after `n` within `root`, not
 * descending when `skip_children`.  Calls `leave` for each element left. */
static xmlNode *next_node(xmlNode *n, xmlNode *root, bool skip_children,
			  void (*leave)(void *, xmlNode *), void *ud)
{
	if (!skip_children && n->type == XML_ELEMENT_NODE && n->children)
		return n->children;
	for (;;) {
		if (n->type == XML_ELEMENT_NODE && leave)
			leave(ud, n);
		if (n == root)
			return NULL;
		if (n->next)
			return n->next;
		n = n->parent;
	}
}

typedef struct {
	compiler *c;
	size_t stack[VNDOC_LIMIT_XML_DEPTH + 2];
	size_t depth;
} para_walk;

static void para_leave(void *ud, xmlNode *n)
{
	para_walk *w = ud;
	if (is_w(n, "p") && w->depth)
		w->depth--;
}

static int collect_paragraphs(compiler *c, xmlNode *root, vndoc_error *err)
{
	para_walk w = { .c = c, .depth = 0 };
	xmlNode *n = root;

	while (n) {
		bool skip = false;
		n->_private = NULL;
		if (is_w(n, "p")) {
			paragraph *p;
			if (w.depth == VNDOC_LIMIT_XML_DEPTH)
				return vndoc_error_set(err, VNDOC_ELIMIT, "XML nested deeper than %d levels",
						       VNDOC_LIMIT_XML_DEPTH);
			if (c->n_paras == c->cap_paras) {
				c->cap_paras = c->cap_paras ? c->cap_paras * 2 : 64;
				c->paras = vndoc_xreallocarray(c->paras, c->cap_paras, sizeof(*c->paras));
			}
			p = &c->paras[c->n_paras];
			memset(p, 0, sizeof *p);
			p->node = n;
			vndoc_buf_init(&p->text, VNDOC_LIMIT_PART_BYTES);
			w.stack[w.depth++] = c->n_paras++;
		} else if (is_w(n, "t") && w.depth) {
			segment *s;
			paragraph *p = &c->paras[w.stack[w.depth - 1]];
			if (c->n_segs == c->cap_segs) {
				c->cap_segs = c->cap_segs ? c->cap_segs * 2 : 256;
				c->segs = vndoc_xreallocarray(c->segs, c->cap_segs, sizeof(*c->segs));
			}
			s = &c->segs[c->n_segs++];
			s->node = n;
			s->para = w.stack[w.depth - 1];
			/* Office writes one text child; a w:t without it is empty. */
			if (n->children && !n->children->next && n->children->type == XML_TEXT_NODE) {
				s->text = (const char *)n->children->content;
				s->len = strlen(s->text);
			} else {
				s->text = "";
				s->len = 0;
			}
			s->off = p->text.len;
			vndoc_buf_put(&p->text, s->text, s->len);
			skip = true;
		}
		n = next_node(n, root, skip, para_leave, &w);
	}
	/* Segments are final now: point each w:t at its segment. */
	for (size_t i = 0; i < c->n_segs; i++)
		c->segs[i].node->_private = &c->segs[i];
	return 0;
}

/* The tags of every paragraph; false at a tag past VNDOC_LIMIT_TMPL_TAGS. */
static bool lex_paragraphs(compiler *c, const vndoc_tmpl_options *opts)
{
	vndoc_tmpl__delims d;
	bool full = false;
	snprintf(d.open, sizeof d.open, "%s", opts->delim_open ? opts->delim_open : "{");
	snprintf(d.close, sizeof d.close, "%s", opts->delim_close ? opts->delim_close : "}");
	for (size_t i = 0; i < c->n_paras && !full; i++) {
		paragraph *p = &c->paras[i];
		p->first_tag = c->n_tags;
		if (p->text.len)
			c->n_errors += vndoc_tmpl__lex_paragraph(&c->tags, &c->n_tags, &c->cap_tags,
								 p->text.ptr, p->text.len, i, &d,
								 c->part, c->errs, &full);
		p->n_tags = c->n_tags - p->first_tag;
	}
	return !full;
}

/* A w:t whose every character belonged to tags that started in an
 * earlier w:t is left out, and so is a run left with nothing else. */
static void mark_consumed(compiler *c)
{
	for (size_t i = 0; i < c->n_segs; i++) {
		segment *s = &c->segs[i];
		const paragraph *p = &c->paras[s->para];
		size_t covered = 0, end = s->off + s->len;
		bool starts = false;
		for (size_t k = p->first_tag; k < p->first_tag + p->n_tags; k++) {
			const vndoc_tmpl__tag *t = &c->tags[k];
			size_t tend = t->off + strlen(t->raw);
			if (tend <= s->off || t->off >= end)
				continue;
			starts |= t->off >= s->off;
			covered += (tend < end ? tend : end) - (t->off > s->off ? t->off : s->off);
		}
		s->consumed = s->len && !starts && covered == s->len;
	}
}

static bool is_consumed_wt(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE && n->_private && ((const segment *)n->_private)->consumed;
}

static bool is_consumed_run(const xmlNode *r)
{
	bool any = false;
	if (!is_w(r, "r"))
		return false;
	for (const xmlNode *k = r->children; k; k = k->next) {
		if (is_consumed_wt(k))
			any = true;
		else if (k->type == XML_ELEMENT_NODE && !is_w(k, "rPr"))
			return false;
	}
	return any;
}

/* ---- 2. Tokens -------------------------------------------------------- */

static size_t push_token(compiler *c, size_t off, size_t len, size_t tag)
{
	if (c->n_toks == c->cap_toks) {
		c->cap_toks = c->cap_toks ? c->cap_toks * 2 : 1024;
		c->toks = vndoc_xreallocarray(c->toks, c->cap_toks, sizeof(*c->toks));
	}
	c->toks[c->n_toks] = (token){ off, len, tag, NONE, NONE, false, false };
	return c->n_toks++;
}

/* The bytes appended to `raw` since `mark`, as one RAW token. */
static size_t raw_since(compiler *c, size_t mark)
{
	return push_token(c, mark, c->raw.len - mark, NONE);
}

static void emit_text(compiler *c, const char *text, size_t len)
{
	size_t mark = c->raw.len;
	if (len) {
		vndoc_xml_emit_text(&c->raw, text, len);
		raw_since(c, mark);
	}
}

typedef struct {
	xmlNode *node;
	size_t tok;
} open_elem;

/* Records where a tag stands: its token and its enclosing elements. */
static void place_tag(compiler *c, vndoc_tmpl__tag *t, size_t index, xmlNode *wt,
		      const open_elem *stack, size_t depth)
{
	t->tok = push_token(c, c->raw.len, 0, index);
	t->wt = wt;
	t->p_tok = t->p_parent_tok = t->tr_tok = t->tc_tok = t->tbl_tok = NONE;
	for (size_t d = depth; d-- > 0;) {
		xmlNode *e = stack[d].node;
		if (t->p_tok == NONE && is_w(e, "p")) {
			t->p_tok = stack[d].tok;
			t->p_parent_tok = d ? stack[d - 1].tok : NONE;
		} else if (t->tc_tok == NONE && is_w(e, "tc")) {
			t->tc_tok = stack[d].tok;
		} else if (t->tr_tok == NONE && is_w(e, "tr")) {
			t->tr_tok = stack[d].tok;
			t->tbl_tok = d ? stack[d - 1].tok : NONE;
		}
	}
}

/* A w:t: its text, less the characters of tags that started in an earlier
 * w:t, with the tags that start here in their places. */
static void emit_wt(compiler *c, const segment *s, const open_elem *stack, size_t depth)
{
	const paragraph *p = &c->paras[s->para];
	size_t seg_end = s->off + s->len, pos = s->off, mark;
	bool touched = false;

	for (size_t i = p->first_tag; i < p->first_tag + p->n_tags; i++) {
		const vndoc_tmpl__tag *t = &c->tags[i];
		size_t tend = t->off + strlen(t->raw);
		touched |= tend > s->off && t->off < seg_end;
	}
	/* Text that loses or gains characters may now start or end with a
	 * space, which Word drops unless told to preserve it. */
	mark = c->raw.len;
	vndoc_xml_emit_start(&c->raw, s->node, 0, touched);
	raw_since(c, mark);
	if (touched) {
		for (size_t i = p->first_tag; i < p->first_tag + p->n_tags; i++) {
			vndoc_tmpl__tag *t = &c->tags[i];
			size_t tend = t->off + strlen(t->raw);
			if (tend <= s->off || t->off >= seg_end)
				continue;
			if (t->off >= s->off) {
				emit_text(c, s->text + (pos - s->off), t->off - pos);
				/* The element stack does not hold the w:t itself. */
				place_tag(c, t, i, s->node, stack, depth);
			}
			pos = tend < seg_end ? tend : seg_end;
		}
	}
	emit_text(c, s->text + (pos - s->off), seg_end - pos);
	mark = c->raw.len;
	vndoc_xml_emit_end(&c->raw, s->node);
	raw_since(c, mark);
}

static int tokenize(compiler *c, xmlDoc *doc, vndoc_error *err)
{
	open_elem stack[VNDOC_LIMIT_XML_DEPTH + 2];
	size_t depth = 0, mark;
	xmlNode *root = xmlDocGetRootElement(doc), *n = root;

	vndoc_buf_puts(&c->raw, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n");
	raw_since(c, 0);
	while (n) {
		if (is_consumed_wt(n) || is_consumed_run(n)) {
			/* left out */
		} else if (n->type == XML_ELEMENT_NODE && n->_private) {
			emit_wt(c, n->_private, stack, depth);
		} else if (n->type == XML_ELEMENT_NODE) {
			size_t tok;
			mark = c->raw.len;
			vndoc_xml_emit_start(&c->raw, n, !n->children, 0);
			tok = raw_since(c, mark);
			c->toks[tok].is_table = is_w(n, "tbl");
			if (is_w(n, "tr") && depth && is_w(stack[depth - 1].node, "tbl"))
				c->toks[tok].table = stack[depth - 1].tok;
			if (n->children) {
				if (depth == VNDOC_LIMIT_XML_DEPTH)
					return vndoc_error_set(err, VNDOC_ELIMIT,
							       "XML nested deeper than %d levels",
							       VNDOC_LIMIT_XML_DEPTH);
				stack[depth].node = n;
				stack[depth++].tok = tok;
				n = n->children;
				continue;
			}
			c->toks[tok].end = tok;
		} else {
			mark = c->raw.len;
			vndoc_xml_emit_node(&c->raw, n);
			if (c->raw.len > mark)
				raw_since(c, mark);
		}
		/* Next sibling, closing the elements we leave on the way up. */
		while (n && n != root && !n->next) {
			size_t end;
			n = n->parent;
			mark = c->raw.len;
			vndoc_xml_emit_end(&c->raw, n);
			end = raw_since(c, mark);
			c->toks[stack[--depth].tok].end = end;
		}
		n = n == root ? NULL : n->next;
	}
	if (vndoc_buf_failed(&c->raw))
		return vndoc_error_set(err, VNDOC_ELIMIT, "part is larger than %u bytes",
				       VNDOC_LIMIT_PART_BYTES);
	return 0;
}

/* ---- 3. Sections ------------------------------------------------------ */

/* The element names from the paragraph down to the tag's w:t match, so
 * that the XML between two tags can be repeated and stay well-formed. */
static bool same_shape(const vndoc_tmpl__tag *a, const vndoc_tmpl__tag *b)
{
	const xmlNode *x = a->wt, *y = b->wt;
	while (x && y) {
		if (strcmp((const char *)x->name, (const char *)y->name) != 0)
			return false;
		if (is_w(x, "p") || is_w(y, "p"))
			return is_w(x, "p") && is_w(y, "p");
		x = x->parent;
		y = y->parent;
	}
	return false;
}

/* True when the paragraphs are the whole content of a table cell, which
 * must keep at least one paragraph. */
static bool fills_cell(const xmlNode *first, const xmlNode *last)
{
	const xmlNode *n;
	if (!is_w(first->parent, "tc"))
		return false;
	for (n = first->prev; n; n = n->prev)
		if (n->type == XML_ELEMENT_NODE && !is_w(n, "tcPr"))
			return false;
	for (n = last->next; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return false;
	return true;
}

/* Where a section's open and close tags stand decides what it repeats. */
static bool region_of(compiler *c, section *s)
{
	const vndoc_tmpl__tag *o = &c->tags[s->open], *e = &c->tags[s->close];

	if (o->para == e->para) {
		/* Inline: the XML between the two tags, within the paragraph. */
		if (!same_shape(o, e))
			return false;
		s->reg_start = o->tok;
		s->reg_end = e->tok + 1;
		s->body_start = o->tok + 1;
		s->body_end = e->tok;
	} else if (o->alone && e->alone && o->p_parent_tok == e->p_parent_tok) {
		/* Paragraphs: those between the two tag paragraphs, which go. */
		s->reg_start = o->p_tok;
		s->reg_end = c->toks[e->p_tok].end + 1;
		s->body_start = c->toks[o->p_tok].end + 1;
		s->body_end = e->p_tok;
		s->ensure_paragraph = fills_cell(c->paras[o->para].node, c->paras[e->para].node);
	} else if (o->tr_tok != NONE && e->tr_tok != NONE && o->tbl_tok == e->tbl_tok &&
		   (o->tr_tok != e->tr_tok || o->tc_tok != e->tc_tok)) {
		/* Table rows: from the open tag's row to the close tag's row. */
		s->rows = true;
		s->reg_start = s->body_start = o->tr_tok;
		s->reg_end = s->body_end = c->toks[e->tr_tok].end + 1;
	} else if (o->p_parent_tok == e->p_parent_tok && same_shape(o, e)) {
		/* Joined: the tag paragraphs are split at the tags and the
		 * pieces joined, as docxtemplater does. */
		s->reg_start = o->tok;
		s->reg_end = e->tok + 1;
		s->body_start = o->tok + 1;
		s->body_end = e->tok;
	} else {
		return false;
	}
	return true;
}

static int cmp_tag_tok(const void *a, const void *b, void *tags)
{
	const vndoc_tmpl__tag *t = tags;
	size_t x = t[*(const size_t *)a].tok, y = t[*(const size_t *)b].tok;
	return x < y ? -1 : x > y;
}

int vndoc_tmpl__cmp_section(const void *a, const void *b)
{
	const section *x = a, *y = b;
	if (x->reg_start != y->reg_start)
		return x->reg_start < y->reg_start ? -1 : 1;
	if (x->reg_end != y->reg_end)
		return x->reg_end > y->reg_end ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Insertion sort by token: tags are nearly in order already (only text
 * boxes put paragraphs inside paragraphs). */
static void sort_by_token(compiler *c, size_t *idx)
{
	for (size_t i = 0; i < c->n_tags; i++)
		idx[i] = i;
	for (size_t i = 1; i < c->n_tags; i++) {
		size_t v = idx[i], j = i;
		while (j > 0 && cmp_tag_tok(&idx[j - 1], &v, c->tags) > 0) {
			idx[j] = idx[j - 1];
			j--;
		}
		idx[j] = v;
	}
}

static void pair_sections(compiler *c)
{
	size_t *idx = vndoc_xcalloc(c->n_tags + 1, sizeof(size_t));
	size_t *stack = vndoc_xcalloc(VNDOC_LIMIT_TMPL_DEPTH + 1, sizeof(size_t));
	size_t depth = 0, n_secs = 0;
	bool too_deep = false;

	sort_by_token(c, idx);
	c->secs = vndoc_xcalloc(c->n_tags / 2 + 1, sizeof(section));
	for (size_t k = 0; k < c->n_tags; k++) {
		size_t i = idx[k];
		vndoc_tmpl__tag *t = &c->tags[i];
		if (t->kind == VNDOC_TAG_OPEN || t->kind == VNDOC_TAG_INVERT) {
			if (depth == VNDOC_LIMIT_TMPL_DEPTH) {
				if (!too_deep)
					vndoc_tmpl__report(c, VNDOC_ELIMIT, t, "sections nested deeper than 64 levels");
				too_deep = true;
				continue;
			}
			stack[depth++] = i;
		} else if (t->kind == VNDOC_TAG_CLOSE) {
			const vndoc_tmpl__tag *o;
			if (too_deep)
				continue;
			if (!depth) {
				vndoc_tmpl__report(c, VNDOC_ETEMPLATE, t, "closing tag without an open section");
				continue;
			}
			o = &c->tags[stack[--depth]];
			if (t->name[0] && strcmp(t->name, o->name) != 0) {
				char msg[200];
				snprintf(msg, sizeof msg, "mismatched close: %s is open", o->raw);
				vndoc_tmpl__report(c, VNDOC_ETEMPLATE, t, msg);
			}
			c->secs[n_secs].open = stack[depth];
			c->secs[n_secs].close = i;
			c->secs[n_secs].order = n_secs;
			n_secs++;
		}
	}
	if (!too_deep)
		while (depth)
			vndoc_tmpl__report(c, VNDOC_ETEMPLATE, &c->tags[stack[--depth]], "unclosed section");
	c->n_secs = n_secs;
	free(stack);
	free(idx);
}

/* {%%anh} takes its whole paragraph: a pseudo-section that the picture's
 * centred paragraph replaces. */
static void add_picture_paragraphs(compiler *c)
{
	size_t n = 0;
	for (size_t i = 0; i < c->n_tags; i++)
		if (c->tags[i].kind == VNDOC_TAG_PICTURE && c->tags[i].centered) {
			if (!c->tags[i].alone || c->tags[i].p_tok == NONE) {
				vndoc_tmpl__report(c, VNDOC_ETEMPLATE, &c->tags[i],
						   "a centred picture ({%%…}) must be alone in its paragraph");
				return;
			}
			n++;
		}
	if (!n)
		return;
	c->secs = vndoc_xreallocarray(c->secs, c->n_secs + n, sizeof *c->secs);
	for (size_t i = 0; i < c->n_tags; i++) {
		section *s;
		if (c->tags[i].kind != VNDOC_TAG_PICTURE || !c->tags[i].centered)
			continue;
		s = &c->secs[c->n_secs];
		memset(s, 0, sizeof *s);
		s->picture = true;
		s->open = s->close = i;
		s->reg_start = c->tags[i].p_tok;
		s->reg_end = s->body_start = s->body_end = c->toks[c->tags[i].p_tok].end + 1;
		s->order = c->n_secs++;
	}
	qsort(c->secs, c->n_secs, sizeof *c->secs, vndoc_tmpl__cmp_section);
}

static void place_sections(compiler *c)
{
	for (size_t i = 0; i < c->n_secs; i++)
		if (!region_of(c, &c->secs[i]))
			vndoc_tmpl__report(c, VNDOC_ETEMPLATE, &c->tags[c->secs[i].open],
			       "section across paragraphs that cannot be joined");
	qsort(c->secs, c->n_secs, sizeof *c->secs, vndoc_tmpl__cmp_section);
	/* Regions must nest: each inside the body of the one around it. */
	{
		size_t *stack = vndoc_xcalloc(c->n_secs + 1, sizeof(size_t)), depth = 0;
		for (size_t i = 0; i < c->n_secs; i++) {
			section *s = &c->secs[i];
			while (depth && c->secs[stack[depth - 1]].reg_end <= s->reg_start)
				depth--;
			if (depth) {
				section *p = &c->secs[stack[depth - 1]];
				if (s->reg_start < p->body_start || s->reg_end > p->body_end) {
					vndoc_tmpl__report(c, VNDOC_ETEMPLATE, &c->tags[s->open],
					       "section overlaps another section");
					continue;
				}
			}
			stack[depth++] = i;
		}
		free(stack);
	}
	if (!c->n_errors)
		vndoc_tmpl__check_row_margins(c);
	if (!c->n_errors)
		vndoc_tmpl__find_droppable_tables(c);
	if (!c->n_errors)
		add_picture_paragraphs(c);
}

/* ---- 4. Program ------------------------------------------------------- */

static vndoc_tmpl__op *push_op(compiler *c, vndoc_tmpl__op_kind kind)
{
	if (c->n_ops == c->cap_ops) {
		c->cap_ops = c->cap_ops ? c->cap_ops * 2 : 256;
		c->ops = vndoc_xreallocarray(c->ops, c->cap_ops, sizeof(*c->ops));
	}
	memset(&c->ops[c->n_ops], 0, sizeof c->ops[0]);
	c->ops[c->n_ops].kind = kind;
	return &c->ops[c->n_ops++];
}

static void emit_tokens(compiler *c, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		const token *t = &c->toks[i];
		if (t->tag == NONE) {
			vndoc_tmpl__op *last = c->n_ops ? &c->ops[c->n_ops - 1] : NULL;
			if (!t->len)
				continue;
			if (last && c->n_ops > c->merge_floor && last->kind == VNDOC_OP_RAW &&
			    last->off + last->len == t->off) {
				last->len += t->len;
			} else {
				vndoc_tmpl__op *op = push_op(c, VNDOC_OP_RAW);
				op->off = t->off;
				op->len = t->len;
			}
		} else if (c->tags[t->tag].kind == VNDOC_TAG_VALUE) {
			push_op(c, VNDOC_OP_VALUE)->tag = (uint32_t)t->tag;
		} else if (c->tags[t->tag].kind == VNDOC_TAG_PICTURE) {
			vndoc_tmpl__op *op = push_op(c, VNDOC_OP_PICTURE);
			op->tag = (uint32_t)t->tag;
			op->end = (uint32_t)c->n_ops;
		}
	}
}

/* Emits tokens [from, to) with the sections secs[*next...] that start
 * inside, recursively; *next advances past them. */
static void emit_range(compiler *c, size_t from, size_t to, size_t *next)
{
	size_t pos = from;
	while (*next < c->n_secs && c->secs[*next].reg_start < to) {
		section *s = &c->secs[(*next)++];
		size_t at;
		emit_tokens(c, pos, s->reg_start);
		at = c->n_ops;
		if (s->picture) {
			vndoc_tmpl__op *op = push_op(c, VNDOC_OP_PICTURE);
			op->tag = (uint32_t)s->open;
			op->end = (uint32_t)c->n_ops;
			c->merge_floor = c->n_ops;
			pos = s->reg_end;
			continue;
		}
		if (s->table) {
			push_op(c, VNDOC_OP_TABLE);
		} else {
			vndoc_tmpl__op *op = push_op(c, c->tags[s->open].kind == VNDOC_TAG_INVERT
							  ? VNDOC_OP_INVERTED : VNDOC_OP_SECTION);
			op->tag = (uint32_t)s->open;
			op->ensure_paragraph = s->ensure_paragraph;
		}
		emit_range(c, s->body_start, s->body_end, next);
		c->ops[at].end = (uint32_t)c->n_ops;
		c->merge_floor = c->n_ops;
		pos = s->reg_end;
	}
	emit_tokens(c, pos, to);
}

/* ---- Entry point ------------------------------------------------------ */

static void compiler_dispose(compiler *c)
{
	for (size_t i = 0; i < c->n_paras; i++)
		vndoc_buf_dispose(&c->paras[i].text);
	free(c->paras);
	free(c->segs);
	free(c->toks);
	free(c->secs);
	free(c->ops);
	for (size_t i = 0; i < c->n_tags; i++)
		vndoc_tmpl__tag_dispose(&c->tags[i]);
	free(c->tags);
	vndoc_buf_dispose(&c->raw);
}

void vndoc_tmpl__part_free(vndoc_tmpl__part *part)
{
	if (!part)
		return;
	for (size_t i = 0; i < part->n_tags; i++)
		vndoc_tmpl__tag_dispose(&part->tags[i]);
	free(part->tags);
	free(part->ops);
	free(part->raw);
	free(part->name);
	free(part);
}

int vndoc_tmpl__compile_part(vndoc_tmpl__part **out, const char *xml, size_t len,
			     const char *name, const vndoc_tmpl_options *opts,
			     vndoc_error_list *errs, vndoc_error *err)
{
	compiler c;
	xmlDoc *doc = NULL;
	vndoc_error_list local = VNDOC_ERROR_LIST_INIT;
	int error;

	*out = NULL;
	memset(&c, 0, sizeof c);
	c.part = name;
	c.errs = errs ? errs : &local;
	c.errs_from = c.errs->count;
	vndoc_buf_init(&c.raw, VNDOC_LIMIT_PART_BYTES);

	if ((error = vndoc_xml_parse(&doc, xml, len, name, err)) < 0)
		goto done;
	if ((error = collect_paragraphs(&c, xmlDocGetRootElement(doc), err)) < 0)
		goto done;
	if (!lex_paragraphs(&c, opts)) {
		error = vndoc_error_set(err, VNDOC_ELIMIT, "more than %d tags in one part",
					VNDOC_LIMIT_TMPL_TAGS);
		goto done;
	}
	if (!c.n_tags && !c.n_errors)
		goto done; /* nothing to merge: the part is copied as it is */
	mark_consumed(&c);
	if ((error = tokenize(&c, doc, err)) < 0)
		goto done;
	pair_sections(&c);
	if (!c.n_errors)
		place_sections(&c);
	if (c.n_errors) {
		/* The list may be full (VNDOC_LIMIT_TMPL_ERRORS) before this part. */
		vndoc_error none;
		const vndoc_error *first = c.errs_from < c.errs->count ? &c.errs->items[c.errs_from] : &none;
		if (first == &none) {
			vndoc_error_clear(&none);
			vndoc_error_set_part(&none, name);
			vndoc_error_set(&none, VNDOC_ETEMPLATE, "template errors");
		}
		if (err)
			*err = *first;
		if (c.n_errors > 1 && err)
			snprintf(err->message, sizeof err->message, "%zu template errors", c.n_errors);
		error = first->code;
		goto done;
	}
	{
		size_t next = 0;
		vndoc_tmpl__part *p = vndoc_xcalloc(1, sizeof *p);
		emit_range(&c, 0, c.n_toks, &next);
		p->name = vndoc_xstrdup(name);
		p->raw = vndoc_buf_detach(&c.raw, &p->raw_len);
		p->ops = c.ops;
		p->n_ops = c.n_ops;
		p->tags = c.tags;
		p->n_tags = c.n_tags;
		for (size_t i = 0; i < p->n_tags; i++)
			p->tags[i].wt = NULL; /* the tree is gone after this */
		c.ops = NULL;
		c.tags = NULL;
		c.n_tags = 0;
		*out = p;
	}
done:
	if (error < 0 && err)
		vndoc_error_set_part(err, name);
	compiler_dispose(&c);
	xmlFreeDoc(doc);
	vndoc_error_list_dispose(&local);
	return error;
}
