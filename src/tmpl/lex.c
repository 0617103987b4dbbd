/*
 * lex.c: finding template tags in the text of a paragraph.
 *
 * The text of a paragraph is the concatenation of its w:t elements, so a
 * tag that Word cut into several runs is seen whole here; parse.c then
 * moves it into the w:t where it starts.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/limits.h"
#include "tmpl/tmpl_internal.h"

void vndoc_tmpl__tag_dispose(vndoc_tmpl__tag *tag)
{
	free(tag->raw);
	free(tag->name);
	free(tag->path.segs);
	vndoc_tmpl__expr_free(tag->expr);
}

void vndoc_tmpl__tag_error(vndoc_error *e, vndoc_code code, const char *part,
			   const vndoc_tmpl__tag *tag, const char *fmt, ...)
{
	va_list ap;
	vndoc_error_clear(e);
	va_start(ap, fmt);
	vndoc_error_vset(e, code, fmt, ap);
	va_end(ap);
	vndoc_error_set_part(e, part);
	if (tag) {
		vndoc_error_set_tag(e, tag->raw, strlen(tag->raw));
		vndoc_error_set_excerpt(e, tag->excerpt, strlen(tag->excerpt));
	}
}

static size_t utf8_back(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

/* Up to ~80 bytes of the paragraph around `off`, cut on characters, with
 * "…" where it was cut. */
static void make_excerpt(char *out, size_t size, const char *text, size_t len, size_t off)
{
	size_t from = off > 30 ? utf8_back(text, off - 30) : 0;
	size_t to = from + 80 < len ? utf8_back(text, from + 80) : len;
	snprintf(out, size, "%s%.*s%s", from ? "…" : "", (int)(to - from), text + from,
		 to < len ? "…" : "");
}

static void split_path(vndoc_tmpl__path *path, const char *name)
{
	size_t n = 1, i = 0;
	const char *p = name, *dot;

	path->segs = NULL;
	path->n = 0;
	if (strcmp(name, ".") == 0)
		return;
	for (const char *q = name; *q; q++)
		n += *q == '.';
	path->segs = vndoc_xcalloc(n, sizeof(*path->segs));
	for (;;) {
		dot = strchr(p, '.');
		path->segs[i].ptr = p;
		path->segs[i].len = dot ? (size_t)(dot - p) : strlen(p);
		i++;
		if (!dot)
			break;
		p = dot + 1;
	}
	path->n = i;
}

static size_t find(const char *hay, size_t len, size_t from, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = from; i + n <= len; i++)
		if (hay[i] == needle[0] && !memcmp(hay + i, needle, n))
			return i;
	return SIZE_MAX;
}

/* The closing delimiter of a delimiter switch: the first `close` after
 * `from` that a "=" precedes (SIZE_MAX: none). */
static size_t find_delim_end(const char *text, size_t len, size_t from, const char *close)
{
	for (size_t c = find(text, len, from, close); c != SIZE_MAX; c = find(text, len, c + 1, close))
		if (c > from && text[c - 1] == '=')
			return c;
	return SIZE_MAX;
}

/* Parses "=OPEN CLOSE=" (inner text of a delimiter tag). */
static bool parse_delims(vndoc_tmpl__delims *d, vndoc_str inner)
{
	vndoc_str body = vndoc_str_trim(vndoc_str_make(inner.ptr + 1, inner.len - 2));
	size_t sp = 0;
	vndoc_str a, b;

	while (sp < body.len && !vndoc_str_is_space(body.ptr[sp]))
		sp++;
	a = vndoc_str_make(body.ptr, sp);
	b = vndoc_str_trim(vndoc_str_make(body.ptr + sp, body.len - sp));
	for (size_t i = 0; i < b.len; i++)
		if (vndoc_str_is_space(b.ptr[i]))
			return false;
	if (!a.len || !b.len || a.len >= sizeof d->open || b.len >= sizeof d->close)
		return false;
	memcpy(d->open, a.ptr, a.len);
	d->open[a.len] = '\0';
	memcpy(d->close, b.ptr, b.len);
	d->close[b.len] = '\0';
	return true;
}

size_t vndoc_tmpl__lex_paragraph(vndoc_tmpl__tag **tags, size_t *n_tags, size_t *cap,
				  const char *text, size_t len, size_t para,
				  vndoc_tmpl__delims *delims, const char *part,
				  vndoc_error_list *errs, bool *full)
{
	size_t i = 0, n_errors = 0, first = *n_tags;
	/* The first closing delimiter at or after `close_from` (SIZE_MAX:
	 * none), kept between tags: 300,000 unmatched openings looked for it
	 * each to the end of the paragraph (quadratic, issue 18). */
	size_t close_at = SIZE_MAX, close_from = SIZE_MAX;

	for (;;) {
		size_t olen = strlen(delims->open), clen = strlen(delims->close);
		size_t o = find(text, len, i, delims->open), c, o2;
		vndoc_tmpl__tag tag;
		vndoc_str inner, t;
		vndoc_error e;

		if (o == SIZE_MAX)
			break;
		memset(&tag, 0, sizeof tag);
		tag.para = para;
		tag.off = o;
		make_excerpt(tag.excerpt, sizeof tag.excerpt, text, len, o);
		if (close_from > o + olen || (close_at != SIZE_MAX && close_at < o + olen)) {
			close_from = o + olen;
			close_at = find(text, len, close_from, delims->close);
		}
		c = close_at;
		o2 = find(text, len, o + olen, delims->open);
		if (o + olen < len && text[o + olen] == '=') {
			/* A delimiter switch ends at "=" and the closing delimiter:
			 * the new delimiters may hold the old ones ({={{ }}=}). */
			size_t d = find_delim_end(text, len, o + olen + 1, delims->close);
			if (d != SIZE_MAX)
				c = d, o2 = SIZE_MAX;
		}
		if (c == SIZE_MAX || (o2 != SIZE_MAX && o2 < c)) {
			size_t end = c == SIZE_MAX ? len : o2;
			if (end - o > 40)
				end = utf8_back(text, o + 40);
			tag.raw = vndoc_xstrndup(text + o, end - o);
			vndoc_tmpl__tag_error(&e, VNDOC_ETEMPLATE, part, &tag, "unclosed tag");
			vndoc_error_list_push(errs, &e);
			free(tag.raw);
			n_errors++;
			i = o + olen;
			continue;
		}
		tag.raw = vndoc_xstrndup(text + o, c + clen - o);
		inner = vndoc_str_make(text + o + olen, c - o - olen);
		t = vndoc_str_trim(inner);
		i = c + clen;

		if (inner.len >= 2 && inner.ptr[0] == '=' && inner.ptr[inner.len - 1] == '=') {
			tag.kind = VNDOC_TAG_DELIM;
			tag.name = vndoc_xstrdup("");
			close_from = SIZE_MAX; /* other delimiters from here */
			if (!parse_delims(delims, inner)) {
				vndoc_tmpl__tag_error(&e, VNDOC_ETEMPLATE, part, &tag, "invalid delimiter tag");
				vndoc_error_list_push(errs, &e);
				n_errors++;
			}
		} else if (!t.len) {
			vndoc_tmpl__tag_error(&e, VNDOC_ETEMPLATE, part, &tag, "empty tag");
			vndoc_error_list_push(errs, &e);
			vndoc_tmpl__tag_dispose(&tag);
			n_errors++;
			continue;
		} else if (inner.ptr[0] == '#' || inner.ptr[0] == '^' || inner.ptr[0] == '/') {
			vndoc_str name = vndoc_str_trim(vndoc_str_make(inner.ptr + 1, inner.len - 1));
			tag.kind = inner.ptr[0] == '#' ? VNDOC_TAG_OPEN
				 : inner.ptr[0] == '^' ? VNDOC_TAG_INVERT : VNDOC_TAG_CLOSE;
			tag.name = vndoc_xstrndup(name.ptr, name.len);
			if (!name.len && tag.kind != VNDOC_TAG_CLOSE) {
				vndoc_tmpl__tag_error(&e, VNDOC_ETEMPLATE, part, &tag, "empty tag");
				vndoc_error_list_push(errs, &e);
				vndoc_tmpl__tag_dispose(&tag);
				n_errors++;
				continue;
			}
		} else if (inner.ptr[0] == '%') {
			/* {%anh} a picture in the text, {%%anh} one alone, centred */
			bool centered = inner.len > 1 && inner.ptr[1] == '%';
			vndoc_str name = vndoc_str_trim(vndoc_str_make(inner.ptr + 1 + centered,
								       inner.len - 1 - centered));
			tag.kind = VNDOC_TAG_PICTURE;
			tag.centered = centered;
			tag.name = vndoc_xstrndup(name.ptr, name.len);
			if (!name.len) {
				vndoc_tmpl__tag_error(&e, VNDOC_ETEMPLATE, part, &tag, "empty tag");
				vndoc_error_list_push(errs, &e);
				vndoc_tmpl__tag_dispose(&tag);
				n_errors++;
				continue;
			}
		} else if (inner.ptr[0] == '@') {
			vndoc_tmpl__tag_error(&e, VNDOC_EUNSUPPORTED, part, &tag,
					      "raw XML tags are not supported");
			vndoc_error_list_push(errs, &e);
			free(tag.raw);
			n_errors++;
			continue;
		} else {
			tag.kind = VNDOC_TAG_VALUE;
			tag.name = vndoc_xstrndup(t.ptr, t.len);
		}
		if (tag.kind != VNDOC_TAG_CLOSE && tag.kind != VNDOC_TAG_DELIM &&
		    !vndoc_tmpl__expr_is_path(tag.name, strlen(tag.name))) {
			char msg[160];
			if (vndoc_tmpl__expr_compile(&tag.expr, tag.name, strlen(tag.name), msg, sizeof msg) < 0) {
				if (strstr(msg, "filter"))
					vndoc_tmpl__tag_error(&e, VNDOC_ETEMPLATE, part, &tag, "%s", msg);
				else
					vndoc_tmpl__tag_error(&e, VNDOC_ETEMPLATE, part, &tag,
							      "syntax error in expression: %s", msg);
				vndoc_error_list_push(errs, &e);
				vndoc_tmpl__tag_dispose(&tag);
				n_errors++;
				continue;
			}
		}
		if (!tag.expr)
			split_path(&tag.path, tag.name);
		if (tag.path.n > VNDOC_LIMIT_PATH_PARTS) {
			vndoc_tmpl__tag_error(&e, VNDOC_ELIMIT, part, &tag,
					      "path has more than %d parts", VNDOC_LIMIT_PATH_PARTS);
			vndoc_error_list_push(errs, &e);
			vndoc_tmpl__tag_dispose(&tag);
			n_errors++;
			continue;
		}
		if (*n_tags == VNDOC_LIMIT_TMPL_TAGS) {
			/* Refused as it is met, before the tags take more memory
			 * (issue 18: 340,000 stray {/} took 142 MB). */
			vndoc_tmpl__tag_dispose(&tag);
			*full = true;
			break;
		}
		if (*n_tags == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			*tags = vndoc_xreallocarray(*tags, *cap, sizeof(**tags));
		}
		(*tags)[(*n_tags)++] = tag;
	}

	/* A tag alone in its paragraph (white space aside) can take the whole
	 * paragraph with it (paragraph sections). */
	if (*n_tags - first == 1) {
		vndoc_tmpl__tag *tag = &(*tags)[first];
		size_t rlen = strlen(tag->raw);
		vndoc_str before = vndoc_str_trim(vndoc_str_make(text, tag->off));
		vndoc_str after = vndoc_str_trim(vndoc_str_make(text + tag->off + rlen, len - tag->off - rlen));
		tag->alone = !before.len && !after.len && !n_errors;
	}
	return n_errors;
}
