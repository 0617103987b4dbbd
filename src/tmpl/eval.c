/*
 * eval.c: running a compiled part against the data.
 *
 * Names are looked up from the innermost scope outwards: the first scope
 * (a map) that has the first segment of the path decides, and the rest of
 * the path is resolved inside that value only, as docxtemplater does.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "core/alloc.h"
#include "core/limits.h"
#include "tmpl/tmpl_internal.h"

typedef vndoc_tmpl__frame frame;

/* What a path resolves to: a value, a count (list.length, $stt, $index),
 * or nothing. */
typedef struct {
	const vndoc_value *value;
	long number;
	bool is_number, found;
} result;

typedef struct {
	const vndoc_tmpl__part *part;
	vndoc_buf *out;
	FILE *sink;              /* streamed merges: `out` is emptied into it */
	size_t flushed;          /* bytes already in the sink */
	const vndoc_tmpl_stream *streams;
	size_t n_streams;
	int stop;                /* a stream or the sink failed: its code */
	vndoc_error stop_err;
	bool strict;
	vndoc_error_list *errs;
	size_t errs_from;           /* errs->count when the part began */
	size_t n_missing;
	unsigned char *reported; /* per tag: missing value already reported */
	vndoc_tmpl__media *media; /* pictures from data */
	unsigned long bodies;    /* section bodies begun: a table wrote a row */
	bool hold;               /* a table may yet be left out: no flush */
	frame frames[VNDOC_LIMIT_TMPL_DEPTH + 64];
	size_t depth;
	size_t work;             /* operations run, up to VNDOC_LIMIT_TMPL_WORK */
} evaluator;

static bool seg_is(vndoc_str s, const char *lit)
{
	return vndoc_str_eq_cstr(s, lit);
}

static bool parse_index(vndoc_str s, size_t *out)
{
	size_t v = 0;
	if (!s.len || s.len > 9)
		return false;
	for (size_t i = 0; i < s.len; i++) {
		if (s.ptr[i] < '0' || s.ptr[i] > '9')
			return false;
		v = v * 10 + (size_t)(s.ptr[i] - '0');
	}
	*out = v;
	return true;
}

/* One step of a path inside a value. */
static result step(result r, vndoc_str seg)
{
	result none = { NULL, 0, false, false };
	const vndoc_value *v = r.value;
	size_t i;

	if (!r.found || r.is_number)
		return none;
	switch (vndoc_value_type_of(v)) {
	case VNDOC_VALUE_MAP:
		r.value = vndoc_value_get(v, seg.ptr, seg.len);
		r.found = r.value != NULL;
		return r;
	case VNDOC_VALUE_LIST:
		if (seg_is(seg, "length")) {
			r.number = (long)vndoc_value_count(v);
			r.is_number = true;
			r.value = NULL;
			return r;
		}
		if (parse_index(seg, &i) && i < vndoc_value_count(v)) {
			r.value = vndoc_value_at(v, i);
			return r;
		}
		return none;
	case VNDOC_VALUE_STRING:
		if (seg_is(seg, "length")) { /* JavaScript's: UTF-16 units */
			const char *s = vndoc_value_text(v, &i);
			long n = 0;
			for (size_t k = 0; k < i; k++)
				if (((unsigned char)s[k] & 0xC0) != 0x80)
					n += (unsigned char)s[k] >= 0xF0 ? 2 : 1;
			r.number = n;
			r.is_number = true;
			r.value = NULL;
			return r;
		}
		return none;
	default:
		return none;
	}
}

static result lookup(const evaluator *ev, const vndoc_tmpl__path *path)
{
	result r = { NULL, 0, false, false };
	size_t d;

	if (!path->n) { /* "." */
		r.value = ev->frames[ev->depth - 1].value;
		r.found = true;
		return r;
	}
	if (seg_is(path->segs[0], "$index") || seg_is(path->segs[0], "$stt")) {
		for (d = ev->depth; d-- > 0;) {
			if (ev->frames[d].index >= 0) {
				r.number = ev->frames[d].index + (seg_is(path->segs[0], "$stt") ? 1 : 0);
				r.is_number = r.found = true;
				return path->n == 1 ? r : (result){ NULL, 0, false, false };
			}
		}
		/* outside lists, a name in the data like any other */
	}
	/* As docxtemplater: the whole path in each scope from the innermost
	 * out; a null there looks further out, and is the value when no
	 * scope has another. */
	{
		result null = r;
		for (d = ev->depth; d-- > 0;) {
			const vndoc_value *v = ev->frames[d].value;
			const vndoc_value *hit;
			if (vndoc_value_type_of(v) != VNDOC_VALUE_MAP)
				continue;
			hit = vndoc_value_get(v, path->segs[0].ptr, path->segs[0].len);
			if (!hit)
				continue;
			r.value = hit;
			r.found = true;
			r.is_number = false;
			for (size_t i = 1; i < path->n; i++)
				r = step(r, path->segs[i]);
			if (r.found && (r.is_number || vndoc_value_type_of(r.value) != VNDOC_VALUE_NULL))
				return r;
			if (r.found)
				null = r;
		}
		return null;
	}
}

const vndoc_value *vndoc_tmpl_resolve_path(const vndoc_value *root, const char *path)
{
	result r = { root, 0, false, root != NULL };
	const char *p = path;

	if (!strcmp(path, ".") || !*path)
		return root;
	for (;;) {
		const char *dot = strchr(p, '.');
		r = step(r, vndoc_str_make(p, dot ? (size_t)(dot - p) : strlen(p)));
		if (!dot || !r.found)
			break;
		p = dot + 1;
	}
	return r.found && !r.is_number ? r.value : NULL;
}

/* Writes value text into a w:t: newlines become <w:br/>, tabs <w:tab/>. */
static void put_text(vndoc_buf *out, const char *s, size_t len)
{
	size_t run = 0;
	for (size_t i = 0; i < len; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '\n': rep = "</w:t><w:br/><w:t xml:space=\"preserve\">"; break;
		case '\t': rep = "</w:t><w:tab/><w:t xml:space=\"preserve\">"; break;
		case '\r': rep = ""; break;
		default: continue;
		}
		vndoc_buf_put(out, s + run, i - run);
		vndoc_buf_puts(out, rep);
		run = i + 1;
	}
	vndoc_buf_put(out, s + run, len - run);
}

/* A value as JavaScript's String() would print it, as docxtemplater does. */
static void put_value(vndoc_buf *out, const vndoc_value *v)
{
	size_t len;
	const char *s;

	switch (vndoc_value_type_of(v)) {
	case VNDOC_VALUE_NULL:
		break;
	case VNDOC_VALUE_BOOL:
		vndoc_buf_puts(out, vndoc_value_bool(v) ? "true" : "false");
		break;
	case VNDOC_VALUE_NUMBER:
	case VNDOC_VALUE_STRING:
		s = vndoc_value_text(v, &len);
		put_text(out, s, len);
		break;
	case VNDOC_VALUE_LIST:
		for (size_t i = 0; i < vndoc_value_count(v); i++) {
			if (i)
				vndoc_buf_putc(out, ',');
			put_value(out, vndoc_value_at(v, i));
		}
		break;
	case VNDOC_VALUE_MAP:
		vndoc_buf_puts(out, "[object Object]");
		break;
	}
}

/* Bytes written so far, flushed or not. */
static size_t written(const evaluator *ev)
{
	return ev->flushed + ev->out->len;
}

static void stop(evaluator *ev, int code, const char *what)
{
	if (ev->stop)
		return;
	ev->stop = code;
	vndoc_error_clear(&ev->stop_err);
	vndoc_error_set_part(&ev->stop_err, ev->part->name);
	if (code == VNDOC_EIO)
		vndoc_error_set_sys(&ev->stop_err, VNDOC_EIO, errno, "%s", what);
	else
		vndoc_error_set(&ev->stop_err, (vndoc_code)code, "%s", what);
}

/* Streamed merges: what `out` holds goes to the sink once there is enough
 * of it, so the merged part is never whole in memory. */
static void flush(evaluator *ev, size_t at_least)
{
	if (!ev->sink || ev->out->len < at_least || ev->stop || ev->hold)
		return;
	if (fwrite(ev->out->ptr, 1, ev->out->len, ev->sink) != ev->out->len) {
		stop(ev, VNDOC_EIO, "cannot write the merged part");
		return;
	}
	ev->flushed += ev->out->len;
	ev->out->len = 0;
	if (ev->flushed > VNDOC_LIMIT_PART_BYTES)
		stop(ev, VNDOC_ELIMIT, "merged part is larger than the part limit");
}

enum { FLUSH_BYTES = 256 * 1024 };

static const vndoc_tmpl_stream *stream_of(const evaluator *ev, const vndoc_tmpl__path *path)
{
	if (path->n != 1)
		return NULL;
	for (size_t i = 0; i < ev->n_streams; i++)
		if (vndoc_str_eq_cstr(path->segs[0], ev->streams[i].name))
			return &ev->streams[i];
	return NULL;
}

static void run(evaluator *ev, size_t from, size_t to);

/* The body of a section, once: a table around it keeps its rows. */
static void run_body(evaluator *ev, size_t from, size_t to)
{
	ev->bodies++;
	ev->hold = false;
	run(ev, from, to);
}

/* {#name} over a streamed list: the body once per item, in order. */
static void run_stream(evaluator *ev, const vndoc_tmpl_stream *st, size_t from, size_t to)
{
	const vndoc_value *item;
	long k = 0;
	int rc;

	if (st->rewind && (rc = st->rewind(st->userdata, &ev->stop_err)) < 0) {
		ev->stop = rc;
		return;
	}
	while (!ev->stop && (rc = st->next(st->userdata, &item, &ev->stop_err)) > 0) {
		ev->frames[ev->depth].value = item;
		ev->frames[ev->depth++].index = k++;
		run_body(ev, from, to);
		ev->depth--;
	}
	if (rc < 0 && !ev->stop)
		ev->stop = rc;
}

/* A data error at a tag, once per tag: a missing value (strict) or a
 * filter that could not work (always). */
static void data_error(evaluator *ev, uint32_t tag, const char *msg)
{
	vndoc_error e;
	const vndoc_tmpl__tag *t = &ev->part->tags[tag];
	if (!ev->reported)
		ev->reported = vndoc_xcalloc(ev->part->n_tags + 1, 1);
	if (ev->reported[tag])
		return;
	ev->reported[tag] = 1;
	if (msg)
		vndoc_tmpl__tag_error(&e, VNDOC_EDATA, ev->part->name, t, "%s", msg);
	else
		vndoc_tmpl__tag_error(&e, VNDOC_EDATA, ev->part->name, t, "no value for '%s'", t->name);
	vndoc_error_list_push(ev->errs, &e);
	ev->n_missing++;
}

static void missing(evaluator *ev, uint32_t tag)
{
	if (ev->strict)
		data_error(ev, tag, NULL);
}

/* An expression's value, looked for as docxtemplater does: evaluated
 * with the innermost scope as `this`, and again with each enclosing one
 * while it gives null or nothing.  False (reported) when missing or a
 * filter failed. */
static bool eval_expr(evaluator *ev, uint32_t tag, vndoc_tmpl__arena *arena, vndoc_tmpl__xv *out)
{
	vndoc_tmpl__xenv env;
	memset(&env, 0, sizeof env);
	env.frames = ev->frames;
	env.arena = arena;
	for (size_t d = ev->depth; d > 0; d--) {
		env.depth = d;
		*out = vndoc_tmpl__expr_eval(ev->part->tags[tag].expr, &env);
		if (env.error[0]) {
			data_error(ev, tag, env.error);
			return false;
		}
		if (out->kind != VNDOC_XV_UNDEF && out->kind != VNDOC_XV_NULL)
			break;
	}
	if (out->kind == VNDOC_XV_UNDEF) {
		missing(ev, tag);
		return false;
	}
	return true;
}

static void put_xv(vndoc_buf *out, vndoc_tmpl__xv x, vndoc_tmpl__arena *arena)
{
	size_t len;
	const char *s;
	if (x.kind == VNDOC_XV_DATA) {
		put_value(out, x.v);
	} else if (x.kind != VNDOC_XV_NULL && x.kind != VNDOC_XV_UNDEF) {
		s = vndoc_tmpl__xv_text(x, &len, arena);
		put_text(out, s, len);
	}
}

static bool truthy(result r)
{
	if (!r.found)
		return false;
	return r.is_number ? r.number != 0 : vndoc_value_truthy(r.value);
}

/* Adds a loaded picture to the part's media and writes its drawing.  The
 * same bytes again share one media part (a unit's logo repeated down a
 * summary is stored once); each drawing has an id of its own. */
static void add_picture(evaluator *ev, uint32_t tag, bool centered, vndoc_tmpl__picture *pic)
{
	vndoc_tmpl__media *m = ev->media;
	char msg[200];
	size_t k;

	if (pic->cached)
		k = pic->cached - 1;
	else
		for (k = 0; k < m->n; k++)
			if (m->items[k].len == pic->len && !strcmp(m->items[k].ext, pic->ext) &&
			    !memcmp(m->items[k].data, pic->data, pic->len))
				break;
	if (m->drawings >= VNDOC_LIMIT_PART_PICTURES || (k == m->n && m->bytes + pic->len > VNDOC_LIMIT_PART_PICTURE_BYTES)) {
		snprintf(msg, sizeof msg, m->drawings >= VNDOC_LIMIT_PART_PICTURES
			 ? "more than %u pictures from data in one part"
			 : "more than %u MB of pictures from data in one part: make them smaller (a signature or a seal scanned at 150 dpi is under 100 KB)",
			 m->drawings >= VNDOC_LIMIT_PART_PICTURES ? VNDOC_LIMIT_PART_PICTURES
								  : VNDOC_LIMIT_PART_PICTURE_BYTES >> 20);
		if (!pic->cached)
			free(pic->data);
		free(pic->path);
		data_error(ev, tag, msg);
		return;
	}
	if (k == m->n) {
		if (m->n == m->cap) {
			m->cap = m->cap ? m->cap * 2 : 4;
			m->items = vndoc_xreallocarray(m->items, m->cap, sizeof *m->items);
		}
		m->items[m->n++] = *pic;
		m->bytes += pic->len;
	} else if (!pic->cached) {
		free(pic->data); /* the same bytes as item k, from elsewhere */
	}
	if (pic->path) {
		/* That file is item k from now on: not read again. */
		if (!m->paths)
			m->paths = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
		g_hash_table_insert(m->paths, pic->path, GSIZE_TO_POINTER(k + 1));
		m->items[k].path = NULL;
	}
	m->drawings++;
	vndoc_buf_puts(ev->out, centered ? "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r>" : "</w:t>");
	vndoc_tmpl__picture_drawing(ev->out, pic, m->id_base + m->drawings, k + 1);
	vndoc_buf_puts(ev->out, centered ? "</w:r></w:p>" : "<w:t xml:space=\"preserve\">");
}

/* {%anh}: the picture its value names, in the run ({%%anh}: alone in a
 * centred paragraph), added to the part's media. */
static void run_picture(evaluator *ev, const vndoc_tmpl__op *op)
{
	const vndoc_tmpl__tag *t = &ev->part->tags[op->tag];
	vndoc_tmpl__arena arena;
	vndoc_value *tmp = NULL;
	const vndoc_value *v = NULL;
	vndoc_tmpl__picture pic;
	char msg[200];

	memset(&arena, 0, sizeof arena);
	if (t->expr) {
		vndoc_tmpl__xv x;
		if (eval_expr(ev, op->tag, &arena, &x)) {
			if (x.kind == VNDOC_XV_DATA)
				v = x.v;
			else if (x.kind == VNDOC_XV_STR)
				v = tmp = vndoc_value_new_string(x.s, x.len);
		}
	} else {
		result r = lookup(ev, &t->path);
		if (!r.found)
			missing(ev, op->tag);
		else if (!r.is_number)
			v = r.value;
	}
	if (v && vndoc_value_type_of(v) != VNDOC_VALUE_NULL) {
		if (!ev->media)
			data_error(ev, op->tag, "pictures from data: no media to add them to");
		else if (vndoc_tmpl__picture_load(&pic, v, ev->media->dir, ev->media, msg, sizeof msg) < 0)
			data_error(ev, op->tag, msg);
		else
			add_picture(ev, op->tag, t->centered, &pic);
	}
	vndoc_value_free(tmp);
	vndoc_tmpl__arena_free(&arena);
}

/* {#expression}…{/}: a list loops, an object is the scope, anything else
 * shows the body once when true; {^expression} when not. */
static void run_section_expr(evaluator *ev, const vndoc_tmpl__op *op, size_t i)
{
	vndoc_tmpl__arena arena;
	vndoc_tmpl__xv x;
	bool found, list, shown;

	memset(&arena, 0, sizeof arena);
	found = eval_expr(ev, op->tag, &arena, &x);
	list = found && x.kind == VNDOC_XV_DATA && vndoc_value_type_of(x.v) == VNDOC_VALUE_LIST;
	shown = found && (list ? vndoc_value_count(x.v) > 0 : vndoc_tmpl__xv_truthy(x));
	if (op->kind == VNDOC_OP_INVERTED) {
		if (!shown)
			run_body(ev, i + 1, op->end);
	} else if (list) {
		for (size_t k = 0; k < vndoc_value_count(x.v); k++) {
			ev->frames[ev->depth].value = vndoc_value_at(x.v, k);
			ev->frames[ev->depth++].index = (long)k;
			run_body(ev, i + 1, op->end);
			ev->depth--;
		}
	} else if (shown) {
		ev->frames[ev->depth].value = x.kind == VNDOC_XV_DATA ? x.v : ev->frames[ev->depth - 1].value;
		ev->frames[ev->depth++].index = -1;
		run_body(ev, i + 1, op->end);
		ev->depth--;
	}
	vndoc_tmpl__arena_free(&arena);
}

static void run(evaluator *ev, size_t from, size_t to)
{
	const vndoc_tmpl__op *ops = ev->part->ops;
	size_t i = from;

	while (i < to && !vndoc_buf_failed(ev->out) && !ev->stop) {
		const vndoc_tmpl__op *op = &ops[i];
		if (++ev->work > VNDOC_LIMIT_TMPL_WORK) {
			/* Sections nested over long lists multiply (26^6 runs of
			 * six nested {#don_vi}): the output limit alone came late. */
			stop(ev, VNDOC_ELIMIT, "the template takes more than " VNDOC_STR(VNDOC_LIMIT_TMPL_WORK)
					       " steps to merge (sections nested over long lists?)");
			break;
		}
		switch (op->kind) {
		case VNDOC_OP_RAW:
			vndoc_buf_put(ev->out, ev->part->raw + op->off, op->len);
			flush(ev, FLUSH_BYTES);
			i++;
			break;
		case VNDOC_OP_VALUE: {
			result r = { NULL, 0, false, false };
			if (ev->part->tags[op->tag].expr) {
				vndoc_tmpl__arena arena;
				vndoc_tmpl__xv x;
				memset(&arena, 0, sizeof arena);
				if (eval_expr(ev, op->tag, &arena, &x))
					put_xv(ev->out, x, &arena);
				vndoc_tmpl__arena_free(&arena);
				flush(ev, FLUSH_BYTES);
				i++;
				break;
			}
			r = lookup(ev, &ev->part->tags[op->tag].path);
			if (!r.found)
				missing(ev, op->tag);
			else if (r.is_number)
				vndoc_buf_printf(ev->out, "%ld", r.number);
			else
				put_value(ev->out, r.value);
			flush(ev, FLUSH_BYTES);
			i++;
			break;
		}
		case VNDOC_OP_PICTURE:
			run_picture(ev, op);
			i++;
			break;
		case VNDOC_OP_TABLE: {
			/* Every row is a section's: no row written, no table. */
			size_t mark = ev->out->len;
			unsigned long bodies = ev->bodies;
			bool hold = ev->hold;
			ev->hold = true;
			run(ev, i + 1, op->end);
			if (ev->bodies == bodies)
				vndoc_buf_truncate(ev->out, mark);
			ev->hold = hold;
			flush(ev, FLUSH_BYTES);
			i = op->end;
			break;
		}
		case VNDOC_OP_SECTION:
		case VNDOC_OP_INVERTED: {
			const vndoc_tmpl_stream *st = stream_of(ev, &ev->part->tags[op->tag].path);
			result r = { NULL, 0, false, false };
			size_t before = written(ev);
			if (ev->part->tags[op->tag].expr) {
				run_section_expr(ev, op, i);
				if (op->ensure_paragraph && written(ev) == before)
					vndoc_buf_puts(ev->out, "<w:p/>");
				i = op->end;
				break;
			}
			r = lookup(ev, &ev->part->tags[op->tag].path);
			if (st && op->kind == VNDOC_OP_INVERTED) {
				if (!st->count)
					run_body(ev, i + 1, op->end);
			} else if (st) {
				run_stream(ev, st, i + 1, op->end);
			} else if (op->kind == VNDOC_OP_INVERTED) {
				if (!truthy(r))
					run_body(ev, i + 1, op->end);
			} else if (!r.found) {
				missing(ev, op->tag);
			} else if (!r.is_number && vndoc_value_type_of(r.value) == VNDOC_VALUE_LIST) {
				size_t n = vndoc_value_count(r.value);
				for (size_t k = 0; k < n; k++) {
					ev->frames[ev->depth].value = vndoc_value_at(r.value, k);
					ev->frames[ev->depth++].index = (long)k;
					run_body(ev, i + 1, op->end);
					ev->depth--;
				}
			} else if (truthy(r)) {
				/* An object becomes the scope; any other true value
				 * too, so that {.} prints it. */
				ev->frames[ev->depth].value = r.is_number ? NULL : r.value;
				ev->frames[ev->depth++].index = -1;
				run_body(ev, i + 1, op->end);
				ev->depth--;
			}
			if (op->ensure_paragraph && written(ev) == before)
				vndoc_buf_puts(ev->out, "<w:p/>");
			i = op->end;
			break;
		}
		}
	}
}

static int eval(evaluator *ev, const vndoc_tmpl__part *part, bool strict,
		const vndoc_value *const *scopes, size_t n_scopes, vndoc_error_list *errs, vndoc_error *err)
{
	vndoc_error_list local = VNDOC_ERROR_LIST_INIT;

	if (n_scopes > 32)
		return vndoc_error_set(err, VNDOC_EINVAL, "too many scopes");
	ev->part = part;
	ev->strict = strict;
	ev->errs = errs ? errs : &local;
	ev->errs_from = ev->errs->count;
	ev->reported = NULL; /* allocated at the first error */
	for (size_t i = 0; i < n_scopes; i++) {
		ev->frames[ev->depth].value = scopes[i];
		ev->frames[ev->depth++].index = -1;
	}
	if (!ev->depth) {
		ev->frames[0].value = NULL;
		ev->frames[0].index = -1;
		ev->depth = 1;
	}
	run(ev, 0, part->n_ops);
	flush(ev, 0);
	free(ev->reported);
	vndoc_error_list_dispose(&local);
	if (ev->stop) {
		if (err)
			*err = ev->stop_err;
		return ev->stop;
	}
	if (vndoc_buf_failed(ev->out)) {
		vndoc_error_set_part(err, part->name);
		return vndoc_error_set(err, VNDOC_ELIMIT, "merged part is larger than %zu bytes", ev->out->max);
	}
	if (ev->n_missing) {
		if (err) {
			if (ev->errs_from < ev->errs->count)
				*err = ev->errs->items[ev->errs_from];
			else /* the list was full (VNDOC_LIMIT_TMPL_ERRORS) before */
				vndoc_error_set(err, VNDOC_EDATA, "missing values");
			if (ev->n_missing > 1)
				snprintf(err->message, sizeof err->message, "%zu missing values", ev->n_missing);
		}
		return VNDOC_EDATA;
	}
	return 0;
}

int vndoc_tmpl__eval_part_media(vndoc_buf *out, const vndoc_tmpl__part *part, bool strict,
				const vndoc_value *const *scopes, size_t n_scopes, vndoc_tmpl__media *media,
				vndoc_error_list *errs, vndoc_error *err)
{
	evaluator ev;

	memset(&ev, 0, sizeof ev);
	ev.out = out;
	ev.media = media;
	return eval(&ev, part, strict, scopes, n_scopes, errs, err);
}

int vndoc_tmpl__eval_part(vndoc_buf *out, const vndoc_tmpl__part *part, bool strict,
			  const vndoc_value *const *scopes, size_t n_scopes,
			  vndoc_error_list *errs, vndoc_error *err)
{
	vndoc_tmpl__media media;
	int rc;

	memset(&media, 0, sizeof media);
	rc = vndoc_tmpl__eval_part_media(out, part, strict, scopes, n_scopes, &media, errs, err);
	vndoc_tmpl__media_dispose(&media);
	return rc;
}

int vndoc_tmpl__eval_part_to(FILE *sink, size_t *len, const vndoc_tmpl__part *part, bool strict,
			     const vndoc_value *const *scopes, size_t n_scopes,
			     const vndoc_tmpl_stream *streams, size_t n_streams, vndoc_tmpl__media *media,
			     vndoc_error_list *errs, vndoc_error *err)
{
	evaluator ev;
	vndoc_buf out = VNDOC_BUF_INIT(VNDOC_LIMIT_OUTPUT_BYTES);
	int rc;

	memset(&ev, 0, sizeof ev);
	ev.out = &out;
	ev.sink = sink;
	ev.streams = streams;
	ev.n_streams = n_streams;
	ev.media = media;
	rc = eval(&ev, part, strict, scopes, n_scopes, errs, err);
	*len = ev.flushed;
	vndoc_buf_dispose(&out);
	return rc;
}
