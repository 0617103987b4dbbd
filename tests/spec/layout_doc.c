/*
 * tests/spec/layout_doc.c: the layout spec's shorthand (see the top of
 * tests/spec/layout.txt) written as WordprocessingML, and packed with the
 * project's package writer into a DOCX that both vndoc and LibreOffice open.
 *
 * The shorthand is read a line at a time.  A paragraph is held back until
 * the next block begins, so that a section line can still put the sectPr
 * that ends a section into it (a section that ends with a table gets an
 * empty paragraph for its sectPr, as Word writes it).
 */
#include "layout_doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout_doc_internal.h"

int ld_fail(doc *d, const char *fmt, ...)
{
	char what[256];
	va_list ap;
	if (d->failed)
		return -1;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	snprintf(d->msg, d->msg_size, "shorthand line %d: %s", d->lineno, what);
	d->failed = 1;
	return -1;
}

int ld_tw(double pt)
{
	return (int)(pt * 20.0 + (pt < 0 ? -0.5 : 0.5));
}

/* ---- Words ----------------------------------------------------------- */


/* Splits s[0..n) into props; returns how many (at most max). */
int ld_split_props(prop *out, int max, const char *s, size_t n)
{
	int k = 0;
	size_t i = 0;
	while (i < n && k < max) {
		size_t j;
		while (i < n && s[i] == ' ')
			i++;
		if (i >= n)
			break;
		j = i;
		while (j < n && s[j] != ' ')
			j++;
		{
			const char *eq = memchr(s + i, '=', j - i);
			size_t kl = eq ? (size_t)(eq - s - i) : j - i;
			snprintf(out[k].key, sizeof out[k].key, "%.*s", (int)kl, s + i);
			snprintf(out[k].val, sizeof out[k].val, "%.*s", eq ? (int)(j - i - kl - 1) : 0,
				 eq ? eq + 1 : "");
		}
		k++;
		i = j;
	}
	return k;
}

static void put_escaped(vndoc_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': vndoc_buf_puts(b, "&amp;"); break;
		case '<': vndoc_buf_puts(b, "&lt;"); break;
		case '>': vndoc_buf_puts(b, "&gt;"); break;
		case '"': vndoc_buf_puts(b, "&quot;"); break;
		default: vndoc_buf_putc(b, s[i]);
		}
	}
}

/* {words N}: N words of a fixed text, of varied lengths. */
static const char *const WORDS[] = {
	"lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do",
	"eiusmod", "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua", "enim",
	"ad", "minim", "veniam", "quis", "nostrud", "exercitation", "ullamco", "laboris", "nisi",
	"aliquip", "ex", "ea", "commodo", "consequat",
};

static void put_words(vndoc_buf *b, int n)
{
	for (int i = 0; i < n; i++) {
		if (i)
			vndoc_buf_putc(b, ' ');
		vndoc_buf_puts(b, WORDS[(size_t)i % (sizeof WORDS / sizeof WORDS[0])]);
	}
}

/* ---- Runs ------------------------------------------------------------ */

/* "[b i sz=14 font=Liberation_Sans sup pos=3 w=150 sp=-0.3]" as an rPr body. */
static int run_props(doc *d, vndoc_buf *rpr, const char *s, size_t n)
{
	prop p[16];
	int k = ld_split_props(p, 16, s, n);
	char font[96] = "";
	int b = 0, i = 0, u = 0, sz = 0, pos = 0, va = 0, caps = 0, w = 0, sp = 0;
	for (int j = 0; j < k; j++) {
		if (!strcmp(p[j].key, "b")) b = 1;
		else if (!strcmp(p[j].key, "i")) i = 1;
		else if (!strcmp(p[j].key, "u")) u = 1;
		else if (!strcmp(p[j].key, "caps")) caps = 1;
		else if (!strcmp(p[j].key, "sup")) va = 1;
		else if (!strcmp(p[j].key, "sub")) va = 2;
		else if (!strcmp(p[j].key, "sz")) sz = (int)(atof(p[j].val) * 2 + 0.5);
		else if (!strcmp(p[j].key, "pos")) pos = (int)(atof(p[j].val) * 2 + (atof(p[j].val) < 0 ? -0.5 : 0.5));
		else if (!strcmp(p[j].key, "w")) w = atoi(p[j].val);
		else if (!strcmp(p[j].key, "sp")) sp = ld_tw(atof(p[j].val));
		else if (!strcmp(p[j].key, "font")) {
			snprintf(font, sizeof font, "%s", p[j].val);
			for (char *c = font; *c; c++)
				if (*c == '_')
					*c = ' ';
		} else
			return ld_fail(d, "unknown run property \"%s\"", p[j].key);
	}
	if (*font)
		vndoc_buf_printf(rpr, "<w:rFonts w:ascii=\"%s\" w:hAnsi=\"%s\" w:cs=\"%s\"/>", font, font, font);
	if (b) vndoc_buf_puts(rpr, "<w:b/>");
	if (i) vndoc_buf_puts(rpr, "<w:i/>");
	if (caps) vndoc_buf_puts(rpr, "<w:caps/>");
	if (pos) vndoc_buf_printf(rpr, "<w:position w:val=\"%d\"/>", pos);
	if (sz) vndoc_buf_printf(rpr, "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>", sz, sz);
	if (u) vndoc_buf_puts(rpr, "<w:u w:val=\"single\"/>");
	/* w:spacing in twips: letter spacing, negative condensed */
	if (sp) vndoc_buf_printf(rpr, "<w:spacing w:val=\"%d\"/>", sp);
	/* As python-docx writes it: a percentage with its sign (ST_TextScale). */
	if (w) vndoc_buf_printf(rpr, "<w:w w:val=\"%d%%\"/>", w);
	if (va) vndoc_buf_printf(rpr, "<w:vertAlign w:val=\"%s\"/>", va == 1 ? "superscript" : "subscript");
	return 0;
}

/* The end of a {...} token starting at s[0] == '{' (nesting counted), or NULL. */
static const char *token_end(const char *s, const char *end)
{
	int depth = 0;
	for (const char *p = s; p < end; p++) {
		if (*p == '{')
			depth++;
		else if (*p == '}' && --depth == 0)
			return p;
	}
	return NULL;
}

static void put_inline(doc *d, vndoc_buf *out, const char *s, size_t n, const char *base_rpr);

static void put_drawing(doc *d, vndoc_buf *out, const char *s, size_t n, int floating)
{
	prop p[12];
	int k = ld_split_props(p, 12, s, n);
	double w = 72, h = 36, dist[4] = { 0, 0, 0, 0 }, y = 0;
	const char *wrap = "square", *x = "left", *from = "column", *vfrom = "paragraph", *side = "bothSides";
	long cx, cy;
	int id = ++d->n_pics;

	for (int j = 0; j < k; j++) {
		if (!strcmp(p[j].key, "size")) {
			if (sscanf(p[j].val, "%lfx%lf", &w, &h) != 2)
				ld_fail(d, "size=WxH expected");
		} else if (!strcmp(p[j].key, "wrap")) wrap = p[j].val;
		else if (!strcmp(p[j].key, "x")) x = p[j].val;
		else if (!strcmp(p[j].key, "y")) y = atof(p[j].val);
		else if (!strcmp(p[j].key, "dist")) {
			/* ALL or TOP,BOTTOM,LEFT,RIGHT */
			int c = sscanf(p[j].val, "%lf,%lf,%lf,%lf", &dist[0], &dist[1], &dist[2], &dist[3]);
			if (c == 1)
				dist[1] = dist[2] = dist[3] = dist[0];
			else if (c != 4)
				ld_fail(d, "dist=ALL or TOP,BOTTOM,LEFT,RIGHT expected");
		} else if (!strcmp(p[j].key, "side")) side = p[j].val;
		else if (!strcmp(p[j].key, "from")) from = p[j].val;
		else if (!strcmp(p[j].key, "vfrom")) vfrom = p[j].val;
		else
			ld_fail(d, "unknown picture property \"%s\"", p[j].key);
	}
	d->uses_png = 1;
	cx = (long)(w * 12700 + 0.5);
	cy = (long)(h * 12700 + 0.5);
	vndoc_buf_puts(out, "<w:r><w:drawing>");
	if (!floating) {
		vndoc_buf_puts(out, "<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">");
	} else {
		vndoc_buf_printf(out, "<wp:anchor distT=\"%ld\" distB=\"%ld\" distL=\"%ld\" distR=\"%ld\" simplePos=\"0\" "
				      "relativeHeight=\"%d\" behindDoc=\"0\" locked=\"0\" layoutInCell=\"1\" "
				      "allowOverlap=\"1\"><wp:simplePos x=\"0\" y=\"0\"/><wp:positionH relativeFrom=\"%s\">",
				 (long)(dist[0] * 12700 + 0.5), (long)(dist[1] * 12700 + 0.5), (long)(dist[2] * 12700 + 0.5),
				 (long)(dist[3] * 12700 + 0.5), id, from);
		if (!strcmp(x, "left") || !strcmp(x, "right") || !strcmp(x, "center"))
			vndoc_buf_printf(out, "<wp:align>%s</wp:align>", x);
		else
			vndoc_buf_printf(out, "<wp:posOffset>%ld</wp:posOffset>", (long)(atof(x) * 12700 + 0.5));
		vndoc_buf_printf(out, "</wp:positionH><wp:positionV relativeFrom=\"%s\"><wp:posOffset>%ld"
				      "</wp:posOffset></wp:positionV>", vfrom, (long)(y * 12700 + 0.5));
	}
	vndoc_buf_printf(out, "<wp:extent cx=\"%ld\" cy=\"%ld\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>",
			 cx, cy);
	if (floating) {
		if (!strcmp(wrap, "square"))
			vndoc_buf_printf(out, "<wp:wrapSquare wrapText=\"%s\"/>", side);
		else if (!strcmp(wrap, "tb"))
			vndoc_buf_puts(out, "<wp:wrapTopAndBottom/>");
		else if (!strcmp(wrap, "none"))
			vndoc_buf_puts(out, "<wp:wrapNone/>");
		else
			ld_fail(d, "wrap=square|tb|none expected");
	}
	vndoc_buf_printf(out, "<wp:docPr id=\"%d\" name=\"Picture %d\"/><wp:cNvGraphicFramePr/>"
			      "<a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
			      "<a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
			      "<pic:pic xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
			      "<pic:nvPicPr><pic:cNvPr id=\"%d\" name=\"p.png\"/><pic:cNvPicPr/></pic:nvPicPr>"
			      "<pic:blipFill><a:blip r:embed=\"rIdPic\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
			      "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"%ld\" cy=\"%ld\"/></a:xfrm>"
			      "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData>"
			      "</a:graphic>%s</w:drawing></w:r>",
			 id, id, id, cx, cy, floating ? "</wp:anchor>" : "</wp:inline>");
}

static void put_note(doc *d, vndoc_buf *out, const char *s, size_t n, const char *rpr)
{
	int id = 2 + d->n_notes++;
	vndoc_buf_printf(out, "<w:r><w:rPr>%s<w:vertAlign w:val=\"superscript\"/></w:rPr>"
			      "<w:footnoteReference w:id=\"%d\"/></w:r>", rpr, id);
	vndoc_buf_printf(&d->notes, "<w:footnote w:id=\"%d\"><w:p><w:pPr><w:pStyle w:val=\"FootnoteText\"/></w:pPr>"
				    "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:footnoteRef/></w:r>",
			 id);
	while (n && *s == ' ')
		s++, n--;
	vndoc_buf_puts(&d->notes, "<w:r><w:t xml:space=\"preserve\"> </w:t></w:r>");
	put_inline(d, &d->notes, s, n, "");
	vndoc_buf_puts(&d->notes, "</w:p></w:footnote>");
}

/* One {...} token inside a run whose text is open (<w:t> begun). */
static void put_token(doc *d, vndoc_buf *out, const char *s, size_t n, const char *rpr)
{
	const char *close_t = "</w:t></w:r>";
	if (n == 4 && !memcmp(s, "page", 4)) {
		vndoc_buf_puts(out, "</w:t><w:br w:type=\"page\"/><w:t xml:space=\"preserve\">");
	} else if (n == 3 && !memcmp(s, "col", 3)) {
		vndoc_buf_puts(out, "</w:t><w:br w:type=\"column\"/><w:t xml:space=\"preserve\">");
	} else if (n == 1 && *s == 'n') {
		vndoc_buf_printf(out, "%d", d->counter);
	} else if (n > 6 && !memcmp(s, "words ", 6)) {
		put_words(out, atoi(s + 6));
	} else if ((n == 4 && !memcmp(s, "PAGE", 4)) || (n == 8 && !memcmp(s, "NUMPAGES", 8))) {
		vndoc_buf_printf(out, "%s<w:fldSimple w:instr=\" %.*s \"><w:r><w:rPr>%s</w:rPr><w:t>1</w:t></w:r>"
				      "</w:fldSimple><w:r><w:rPr>%s</w:rPr><w:t xml:space=\"preserve\">",
				 close_t, (int)n, s, rpr, rpr);
	} else if (n >= 5 && !memcmp(s, "note:", 5)) {
		vndoc_buf_puts(out, close_t);
		put_note(d, out, s + 5, n - 5, rpr);
		vndoc_buf_printf(out, "<w:r><w:rPr>%s</w:rPr><w:t xml:space=\"preserve\">", rpr);
	} else if (n >= 3 && (!memcmp(s, "pic", 3) || (n >= 5 && !memcmp(s, "float", 5)))) {
		int floating = s[0] == 'f';
		size_t skip = floating ? 5 : 3;
		vndoc_buf_puts(out, close_t);
		put_drawing(d, out, s + skip, n - skip, floating);
		vndoc_buf_printf(out, "<w:r><w:rPr>%s</w:rPr><w:t xml:space=\"preserve\">", rpr);
	} else {
		ld_fail(d, "unknown token {%.*s}", (int)n, s);
	}
}

static const char TAB[] = "\xE2\x86\x92", BR[] = "\xE2\x86\xB5", RUN_SEP[] = "\xC2\xA6";

/* One run: "[props]" then text with tokens. */
static void put_run(doc *d, vndoc_buf *out, const char *s, size_t n, const char *base_rpr)
{
	vndoc_buf rpr = VNDOC_BUF_INIT(1 << 16);
	const char *end = s + n;
	vndoc_buf_puts(&rpr, base_rpr);
	if (n && *s == '[') {
		const char *close = memchr(s, ']', n);
		if (!close) {
			ld_fail(d, "run properties without ']'");
			vndoc_buf_dispose(&rpr);
			return;
		}
		run_props(d, &rpr, s + 1, (size_t)(close - s - 1));
		s = close + 1;
	}
	vndoc_buf_printf(out, "<w:r><w:rPr>%s</w:rPr><w:t xml:space=\"preserve\">", rpr.ptr);
	while (s < end) {
		if (*s == '{') {
			const char *z = token_end(s, end);
			if (!z) {
				ld_fail(d, "'{' without '}'");
				break;
			}
			put_token(d, out, s + 1, (size_t)(z - s - 1), rpr.ptr);
			s = z + 1;
		} else if (end - s >= 3 && !memcmp(s, TAB, 3)) {
			vndoc_buf_puts(out, "</w:t><w:tab/><w:t xml:space=\"preserve\">");
			s += 3;
		} else if (end - s >= 3 && !memcmp(s, BR, 3)) {
			vndoc_buf_puts(out, "</w:t><w:br/><w:t xml:space=\"preserve\">");
			s += 3;
		} else {
			put_escaped(out, s, 1);
			s++;
		}
	}
	vndoc_buf_puts(out, "</w:t></w:r>");
	vndoc_buf_dispose(&rpr);
}

/* Runs separated by '¦' (outside braces). */
static void put_inline(doc *d, vndoc_buf *out, const char *s, size_t n, const char *base_rpr)
{
	const char *end = s + n, *start = s;
	int depth = 0;
	for (const char *p = s; p <= end; p++) {
		if (p < end && *p == '{')
			depth++;
		else if (p < end && *p == '}')
			depth--;
		if (p == end || (!depth && end - p >= 2 && !memcmp(p, RUN_SEP, 2))) {
			if (p > start || p == end)
				put_run(d, out, start, (size_t)(p - start), base_rpr);
			if (p == end)
				break;
			start = p + 2;
			p++;
		}
	}
}

/* ---- Paragraphs ------------------------------------------------------- */

static void put_border(doc *d, vndoc_buf *ppr, const char *side, const char *val)
{
	double w = 0.5, sp = 1;
	if (*val && sscanf(val, "%lf/%lf", &w, &sp) < 1)
		ld_fail(d, "border=WIDTH/SPACE expected");
	vndoc_buf_printf(ppr, "<w:%s w:val=\"single\" w:sz=\"%d\" w:space=\"%d\" w:color=\"000000\"/>", side,
			 (int)(w * 8 + 0.5), (int)(sp + 0.5));
}

/* Paragraph properties, in the schema's order. */
static void para_props(doc *d, vndoc_buf *ppr, const char *s, size_t n)
{
	prop p[24];
	int k = ld_split_props(p, 24, s, n);
	vndoc_buf spacing = VNDOC_BUF_INIT(1 << 12), ind = VNDOC_BUF_INIT(1 << 12),
		  bdr = VNDOC_BUF_INIT(1 << 12), tabs = VNDOC_BUF_INIT(1 << 12);
	const char *style = NULL, *jc = NULL;
	int keep_next = 0, keep_lines = 0, brk = 0, widow = -1, mark_w = 0, mark_sup = 0, mark_hidden = 0;
	double mark_sz = 0;

	for (int j = 0; j < k; j++) {
		const char *key = p[j].key, *v = p[j].val;
		if (!strcmp(key, "style")) style = v;
		else if (!strcmp(key, "keep-next")) keep_next = 1;
		else if (!strcmp(key, "keep-lines")) keep_lines = 1;
		else if (!strcmp(key, "break-before")) brk = 1;
		else if (!strcmp(key, "widow")) widow = 1;
		else if (!strcmp(key, "no-widow")) widow = 0;
		else if (!strcmp(key, "jc")) jc = v;
		else if (!strcmp(key, "mark-w")) mark_w = atoi(v);
		else if (!strcmp(key, "mark-sup")) mark_sup = 1;
		else if (!strcmp(key, "mark-hidden")) mark_hidden = 1;
		else if (!strcmp(key, "mark-sz")) mark_sz = atof(v);
		else if (!strcmp(key, "before") || !strcmp(key, "after"))
			vndoc_buf_printf(&spacing, " w:%s=\"%d\"", key, ld_tw(atof(v)));
		else if (!strcmp(key, "auto-before") || !strcmp(key, "auto-after"))
			vndoc_buf_printf(&spacing, " w:%sAutospacing=\"1\"", key + 5);
		else if (!strcmp(key, "line")) {
			if (!strncmp(v, "exact:", 6) || !strncmp(v, "least:", 6))
				vndoc_buf_printf(&spacing, " w:line=\"%d\" w:lineRule=\"%s\"", ld_tw(atof(v + 6)),
						 v[0] == 'e' ? "exact" : "atLeast");
			else
				vndoc_buf_printf(&spacing, " w:line=\"%d\" w:lineRule=\"auto\"",
						 (int)(atof(v) * 240 + 0.5));
		} else if (!strcmp(key, "left") || !strcmp(key, "right") || !strcmp(key, "first") ||
			   !strcmp(key, "hanging"))
			vndoc_buf_printf(&ind, " w:%s=\"%d\"", !strcmp(key, "first") ? "firstLine" : key,
					 ld_tw(atof(v)));
		else if (!strcmp(key, "border-top")) put_border(d, &bdr, "top", v);
		else if (!strcmp(key, "border-bottom")) put_border(d, &bdr, "bottom", v);
		else if (!strcmp(key, "tabs")) {
			/* kind:pos[:leader],... */
			char kind[16], leader[16];
			double pos;
			for (const char *t = v; t && *t; t = strchr(t, ','), t = t ? t + 1 : NULL) {
				*leader = '\0';
				if (sscanf(t, "%15[a-z]:%lf:%15[a-z]", kind, &pos, leader) < 2) {
					ld_fail(d, "tabs=KIND:POS[:LEADER],... expected");
					break;
				}
				vndoc_buf_printf(&tabs, "<w:tab w:val=\"%s\" w:pos=\"%d\"%s%s%s/>", kind, ld_tw(pos),
						 *leader ? " w:leader=\"" : "", leader, *leader ? "\"" : "");
			}
		} else
			ld_fail(d, "unknown paragraph property \"%s\"", key);
	}
	if (style) vndoc_buf_printf(ppr, "<w:pStyle w:val=\"%s\"/>", style);
	if (keep_next) vndoc_buf_puts(ppr, "<w:keepNext/>");
	if (keep_lines) vndoc_buf_puts(ppr, "<w:keepLines/>");
	if (brk) vndoc_buf_puts(ppr, "<w:pageBreakBefore/>");
	if (widow >= 0) vndoc_buf_printf(ppr, "<w:widowControl w:val=\"%d\"/>", widow);
	if (bdr.len) vndoc_buf_printf(ppr, "<w:pBdr>%s</w:pBdr>", bdr.ptr);
	if (tabs.len) vndoc_buf_printf(ppr, "<w:tabs>%s</w:tabs>", tabs.ptr);
	if (spacing.len) vndoc_buf_printf(ppr, "<w:spacing%s/>", spacing.ptr);
	if (ind.len) vndoc_buf_printf(ppr, "<w:ind%s/>", ind.ptr);
	if (jc) vndoc_buf_printf(ppr, "<w:jc w:val=\"%s\"/>", jc);
	if (mark_w || mark_sup || mark_hidden || mark_sz > 0) {
		vndoc_buf_puts(ppr, "<w:rPr>");
		if (mark_sz > 0) vndoc_buf_printf(ppr, "<w:sz w:val=\"%d\"/>", (int)(mark_sz * 2 + 0.5));
		if (mark_hidden) vndoc_buf_puts(ppr, "<w:vanish/>");
		if (mark_w) vndoc_buf_printf(ppr, "<w:w w:val=\"%d%%\"/>", mark_w);
		if (mark_sup) vndoc_buf_puts(ppr, "<w:vertAlign w:val=\"superscript\"/>");
		vndoc_buf_puts(ppr, "</w:rPr>");
	}
	vndoc_buf_dispose(&spacing);
	vndoc_buf_dispose(&ind);
	vndoc_buf_dispose(&bdr);
	vndoc_buf_dispose(&tabs);
}

/* "p[*N] props: text" or plain text, into out as <w:p>s; a held-back
 * paragraph keeps its </w:pPr> open: `hold` set writes "<w:p><w:pPr>..."
 * without closing, the caller closing it (see flush_para). */
void ld_put_paragraphs(doc *d, vndoc_buf *out, const char *s, size_t n, int hold)
{
	const char *text = s, *props = "";
	size_t text_n = n, props_n = 0;
	int times = 1;

	if (n && s[0] == 'p' && (n == 1 || s[1] == ' ' || s[1] == ':' || s[1] == '*')) {
		const char *colon = NULL;
		for (size_t i = 1; i < n; i++)
			if (s[i] == ':' && (i + 1 == n || s[i + 1] == ' ')) {
				colon = s + i;
				break;
			}
		props = s + 1;
		props_n = colon ? (size_t)(colon - s - 1) : n - 1;
		if (props_n && *props == '*') {
			times = atoi(props + 1);
			while (props_n && *props != ' ')
				props++, props_n--;
		}
		text = colon ? colon + 1 : s + n;
		text_n = colon ? (size_t)(s + n - colon - 1) : 0;
		if (text_n && *text == ' ')
			text++, text_n--;
	}
	for (int t = 1; t <= times && !d->failed; t++) {
		if (times > 1)
			d->counter = t;
		vndoc_buf_puts(out, "<w:p><w:pPr>");
		para_props(d, out, props, props_n);
		if (!(hold && t == times))
			vndoc_buf_puts(out, "</w:pPr>");
		else
			vndoc_buf_puts(out, "\x01"); /* where </w:pPr> goes */
		if (text_n)
			put_inline(d, out, text, text_n, "");
		if (!(hold && t == times))
			vndoc_buf_puts(out, "</w:p>");
	}
}

void ld_put_sect(doc *d, vndoc_buf *out);

/* Writes the held-back paragraph, with `sect` (a sectPr) or not. */
void ld_flush_para(doc *d, int with_sect)
{
	char *mark;
	if (!d->para_pending) {
		if (with_sect) {
			vndoc_buf_puts(&d->body, "<w:p><w:pPr>");
			ld_put_sect(d, &d->body);
			vndoc_buf_puts(&d->body, "</w:pPr></w:p>");
		}
		return;
	}
	mark = strchr(d->para.ptr, '\x01');
	vndoc_buf_put(&d->body, d->para.ptr, (size_t)(mark - d->para.ptr));
	if (with_sect)
		ld_put_sect(d, &d->body);
	vndoc_buf_puts(&d->body, "</w:pPr>");
	vndoc_buf_puts(&d->body, mark + 1);
	vndoc_buf_puts(&d->body, "</w:p>");
	vndoc_buf_clear(&d->para);
	d->para_pending = 0;
}

/* ---- Tables ---------------------------------------------------------- */

void ld_close_table(doc *d)
{
	if (d->in_table)
		vndoc_buf_puts(&d->body, "</w:tbl>");
	d->in_table = 0;
}

void ld_open_table(doc *d, const char *s, size_t n)
{
	prop p[12];
	int k = ld_split_props(p, 12, s, n);
	vndoc_buf pr = VNDOC_BUF_INIT(1 << 14);
	const char *style = "TableNormal";
	char tblw[64] = "<w:tblW w:w=\"0\" w:type=\"auto\"/>";
	char tblp[320] = "", dist[160] = "";
	d->n_grid = 0;
	for (int j = 0; j < k; j++) {
		const char *v = p[j].val;
		if (!strcmp(p[j].key, "w")) {
			for (const char *c = v; c && *c && d->n_grid < MAX_GRID; c = strchr(c, ','), c = c ? c + 1 : NULL)
				d->grid[d->n_grid++] = ld_tw(atof(c));
		} else if (!strcmp(p[j].key, "borders") && v && *v) {
			/* borders=STYLE:SZ: the table's own borders, every side */
			const char *colon = strchr(v, ':');
			vndoc_buf_puts(&pr, "<w:tblBorders>");
			for (int i = 0; i < 6; i++)
				vndoc_buf_printf(&pr, "<w:%s w:val=\"%.*s\" w:sz=\"%d\" w:space=\"0\" w:color=\"000000\"/>",
						 (const char *const[]){ "top", "left", "bottom", "right", "insideH", "insideV" }[i],
						 colon ? (int)(colon - v) : (int)strlen(v), v, colon ? atoi(colon + 1) : 4);
			vndoc_buf_puts(&pr, "</w:tblBorders>");
		} else if (!strcmp(p[j].key, "borders")) style = "TableGrid";
		else if (!strcmp(p[j].key, "ind")) vndoc_buf_printf(&pr, "<w:tblInd w:w=\"%d\" w:type=\"dxa\"/>", ld_tw(atof(v)));
		else if (!strcmp(p[j].key, "jc")) vndoc_buf_printf(&pr, "<w:jc w:val=\"%s\"/>", v);
		else if (!strcmp(p[j].key, "fixed")) vndoc_buf_puts(&pr, "<w:tblLayout w:type=\"fixed\"/>");
		else if (!strcmp(p[j].key, "tblp") && v) {
			/* tblp=VERT:HORZ:X:Y: a floating table (w:tblpPr), vertAnchor
			 * and horzAnchor (text, margin, page), tblpX and tblpY in points */
			char va[16] = "", ha[16] = "";
			double x = 0, y = 0;
			if (sscanf(v, "%15[a-z]:%15[a-z]:%lf:%lf", va, ha, &x, &y) != 4)
				ld_fail(d, "tblp=VERT:HORZ:X:Y");
			snprintf(tblp, sizeof tblp, "w:vertAnchor=\"%s\" w:horzAnchor=\"%s\" w:tblpX=\"%d\" w:tblpY=\"%d\"",
				 va, ha, ld_tw(x), ld_tw(y));
		} else if (!strcmp(p[j].key, "tblp-dist") && v) {
			/* tblp-dist=L,R,T,B: its left/right/top/bottomFromText, points */
			double l = 0, r = 0, t = 0, b = 0;
			if (sscanf(v, "%lf,%lf,%lf,%lf", &l, &r, &t, &b) != 4)
				ld_fail(d, "tblp-dist=L,R,T,B");
			snprintf(dist, sizeof dist,
				 " w:leftFromText=\"%d\" w:rightFromText=\"%d\" w:topFromText=\"%d\" w:bottomFromText=\"%d\"",
				 ld_tw(l), ld_tw(r), ld_tw(t), ld_tw(b));
		} else if (!strcmp(p[j].key, "pct"))
			snprintf(tblw, sizeof tblw, "<w:tblW w:w=\"%d\" w:type=\"pct\"/>", (int)(atof(v) * 50 + 0.5));
		else
			ld_fail(d, "unknown table property \"%s\"", p[j].key);
	}
	if (!d->n_grid)
		ld_fail(d, "a table needs w=WIDTH,...");
	if (*dist && !*tblp)
		ld_fail(d, "tblp-dist needs tblp");
	vndoc_buf_printf(&d->body, "<w:tbl><w:tblPr><w:tblStyle w:val=\"%s\"/>", style);
	if (*tblp)
		vndoc_buf_printf(&d->body, "<w:tblpPr%s %s/>", dist, tblp);
	vndoc_buf_printf(&d->body, "%s%s<w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid>", tblw, pr.ptr);
	for (int i = 0; i < d->n_grid; i++)
		vndoc_buf_printf(&d->body, "<w:gridCol w:w=\"%d\"/>", d->grid[i]);
	vndoc_buf_puts(&d->body, "</w:tblGrid>");
	vndoc_buf_dispose(&pr);
	d->in_table = 1;
}

static const char PILCROW[] = "\xC2\xB6";

/* Whether a cell begins with "{span=..., vmerge, valign=..., fill=..., w=...}"
 * rather than a text token such as {n}. */
static int is_cell_props(const char *a, const char *z)
{
	static const char *const keys[] = { "span", "vmerge", "valign", "fill", "w" };
	if (a == z || *a != '{')
		return 0;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		size_t l = strlen(keys[i]);
		if ((size_t)(z - a) > l + 1 && !memcmp(a + 1, keys[i], l) && strchr("= }", a[1 + l]))
			return 1;
	}
	return 0;
}

static void put_cell(doc *d, const char *a, const char *z, int *col)
{
	int span = 1;
	vndoc_buf pr = VNDOC_BUF_INIT(1 << 12);
	int w = 0, tcw = -1;
	if (a < z && is_cell_props(a, z)) {
		const char *e = token_end(a, z);
		prop p[8];
		int k = e ? ld_split_props(p, 8, a + 1, (size_t)(e - a - 1)) : 0;
		for (int j = 0; j < k; j++) {
			if (!strcmp(p[j].key, "span")) span = atoi(p[j].val);
			else if (!strcmp(p[j].key, "vmerge"))
				vndoc_buf_printf(&pr, "<w:vMerge%s/>", *p[j].val ? " w:val=\"restart\"" : "");
			else if (!strcmp(p[j].key, "valign")) vndoc_buf_printf(&pr, "<w:vAlign w:val=\"%s\"/>", p[j].val);
			else if (!strcmp(p[j].key, "w")) tcw = ld_tw(atof(p[j].val));
			else if (!strcmp(p[j].key, "fill"))
				vndoc_buf_printf(&pr, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"%s\"/>", p[j].val);
			else
				ld_fail(d, "unknown cell property \"%s\"", p[j].key);
		}
		a = e ? e + 1 : z;
		while (a < z && *a == ' ')
			a++;
	}
	for (int i = 0; i < span && *col + i < d->n_grid; i++)
		w += d->grid[*col + i];
	*col += span;
	if (tcw >= 0)
		w = tcw;
	vndoc_buf_printf(&d->body, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>", w);
	if (span > 1)
		vndoc_buf_printf(&d->body, "<w:gridSpan w:val=\"%d\"/>", span);
	vndoc_buf_printf(&d->body, "%s</w:tcPr>", pr.ptr);
	vndoc_buf_dispose(&pr);
	/* " ¶ " separates paragraphs */
	for (;;) {
		const char *pil = NULL, *pz;
		for (const char *q = a; q + 1 < z; q++)
			if (!memcmp(q, PILCROW, 2)) {
				pil = q;
				break;
			}
		pz = pil ? pil : z;
		while (pz > a && pz[-1] == ' ')
			pz--;
		ld_put_paragraphs(d, &d->body, a, (size_t)(pz - a), 0);
		if (!pil)
			break;
		a = pil + 2;
		while (a < z && *a == ' ')
			a++;
	}
	vndoc_buf_puts(&d->body, "</w:tc>");
}

/* "[*N] [header] [cant-split] [h=PT|h=exact:PT] | cell | cell |" */
void ld_put_rows(doc *d, const char *s, size_t n)
{
	const char *bar = memchr(s, '|', n), *end = s + n;
	prop p[8];
	int k = ld_split_props(p, 8, s, (size_t)(bar - s)), times = 1;
	vndoc_buf pr = VNDOC_BUF_INIT(1 << 12);

	if (!d->in_table)
		ld_fail(d, "a row outside a table (a \"table w=...\" line first)");
	for (int j = 0; j < k; j++) {
		if (p[j].key[0] == '*') times = atoi(p[j].key + 1);
		else if (!strcmp(p[j].key, "cant-split")) vndoc_buf_puts(&pr, "<w:cantSplit/>");
		else if (!strcmp(p[j].key, "h")) {
			int exact = !strncmp(p[j].val, "exact:", 6);
			vndoc_buf_printf(&pr, "<w:trHeight w:val=\"%d\"%s/>", ld_tw(atof(p[j].val + (exact ? 6 : 0))),
					 exact ? " w:hRule=\"exact\"" : "");
		} else if (!strcmp(p[j].key, "header")) vndoc_buf_puts(&pr, "<w:tblHeader/>");
		else
			ld_fail(d, "unknown row property \"%s\"", p[j].key);
	}
	while (end > bar && (end[-1] == ' ' || end[-1] == '|'))
		end--;
	for (int t = 1; t <= times && !d->failed; t++) {
		const char *cell = bar + 1;
		int col = 0;
		d->counter = t;
		vndoc_buf_printf(&d->body, "<w:tr>%s%s%s", pr.len ? "<w:trPr>" : "", pr.ptr, pr.len ? "</w:trPr>" : "");
		while (cell <= end) {
			const char *z = memchr(cell, '|', (size_t)(end - cell));
			const char *a = cell, *ze;
			if (!z)
				z = end;
			ze = z;
			while (a < ze && *a == ' ')
				a++;
			while (ze > a && ze[-1] == ' ')
				ze--;
			put_cell(d, a, ze, &col);
			cell = z + 1;
		}
		vndoc_buf_puts(&d->body, "</w:tr>");
	}
	vndoc_buf_dispose(&pr);
}

