/*
 * tests/spec/layout_doc_pkg.c: the layout spec's sections, headers and
 * footers, document settings, and the DOCX package they all go into
 * (see layout_doc.c for the text, paragraphs and tables).
 */
#include "layout_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "layout_doc_internal.h"
#include "package/package.h"

/* ---- Sections, headers and footers ------------------------------------ */

static int starts_word(const char *s, size_t n, const char *w)
{
	size_t l = strlen(w);
	return n >= l && !memcmp(s, w, l) && (n == l || s[l] == ' ' || s[l] == ':');
}


static void sect_defaults(section *s)
{
	s->w = 5760;
	s->h = 4320;
	s->top = s->right = s->bottom = s->left = 720;
	s->header = s->footer = 360;
	s->cols = 1;
	s->col_space = 720;
	s->n_col_w = 0;
	snprintf(s->type, sizeof s->type, "nextPage");
	s->start = 0;
	s->title_page = 0;
}

void ld_put_sect(doc *d, vndoc_buf *out)
{
	section *s = &d->sect;
	vndoc_buf_printf(out, "<w:sectPr>%s<w:type w:val=\"%s\"/><w:pgSz w:w=\"%d\" w:h=\"%d\"%s/>"
			      "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" w:left=\"%d\" w:header=\"%d\" "
			      "w:footer=\"%d\" w:gutter=\"0\"/>",
			 s->refs.ptr, s->type, s->w, s->h, s->w > s->h ? " w:orient=\"landscape\"" : "", s->top,
			 s->right, s->bottom, s->left, s->header, s->footer);
	if (s->start)
		vndoc_buf_printf(out, "<w:pgNumType w:start=\"%d\"/>", s->start);
	if (s->n_col_w) {
		vndoc_buf_printf(out, "<w:cols w:num=\"%d\" w:equalWidth=\"0\">", s->n_col_w);
		for (int i = 0; i < s->n_col_w; i++)
			vndoc_buf_printf(out, "<w:col w:w=\"%d\" w:space=\"%d\"/>", s->col_w[i], s->col_sp[i]);
		vndoc_buf_puts(out, "</w:cols>");
	} else {
		vndoc_buf_printf(out, "<w:cols w:num=\"%d\" w:space=\"%d\"/>", s->cols, s->col_space);
	}
	if (s->title_page)
		vndoc_buf_puts(out, "<w:titlePg/>");
	vndoc_buf_puts(out, "</w:sectPr>");
}

static void section_line(doc *d, const char *s, size_t n)
{
	prop p[16];
	int k = ld_split_props(p, 16, s, n);
	section *sc = &d->sect;

	if (d->has_content) {
		ld_close_table(d);
		ld_flush_para(d, 1);
		vndoc_buf_clear(&sc->refs);
		sc->cols = 1;
		sc->n_col_w = 0;
		sc->start = 0;
		sc->title_page = 0;
		snprintf(sc->type, sizeof sc->type, "nextPage");
	}
	for (int j = 0; j < k; j++) {
		const char *key = p[j].key, *v = p[j].val;
		if (!strcmp(key, "type")) snprintf(sc->type, sizeof sc->type, "%s", v);
		else if (!strcmp(key, "page")) {
			double w, h;
			if (!strcmp(v, "A4")) sc->w = 11906, sc->h = 16838;
			else if (!strcmp(v, "A5")) sc->w = 8391, sc->h = 11906;
			else if (sscanf(v, "%lfx%lf", &w, &h) == 2) sc->w = ld_tw(w), sc->h = ld_tw(h);
			else ld_fail(d, "page=A4|A5|WxH expected");
		} else if (!strcmp(key, "landscape")) {
			int t = sc->w;
			sc->w = sc->h > sc->w ? sc->h : sc->w;
			sc->h = sc->w == t ? sc->h : t;
		} else if (!strcmp(key, "margins")) {
			double m[4];
			int c = sscanf(v, "%lf,%lf,%lf,%lf", &m[0], &m[1], &m[2], &m[3]);
			if (c == 1)
				m[1] = m[2] = m[3] = m[0];
			else if (c != 4)
				ld_fail(d, "margins=ALL or TOP,RIGHT,BOTTOM,LEFT expected");
			sc->top = ld_tw(m[0]), sc->right = ld_tw(m[1]), sc->bottom = ld_tw(m[2]), sc->left = ld_tw(m[3]);
		} else if (!strcmp(key, "header")) sc->header = ld_tw(atof(v));
		else if (!strcmp(key, "footer")) sc->footer = ld_tw(atof(v));
		else if (!strcmp(key, "cols")) {
			if (strchr(v, '/')) {
				/* W/S/W/S/W */
				const char *c = v;
				sc->n_col_w = 0;
				while (c && *c && sc->n_col_w < 8) {
					sc->col_w[sc->n_col_w] = ld_tw(atof(c));
					c = strchr(c, '/');
					sc->col_sp[sc->n_col_w] = c ? ld_tw(atof(c + 1)) : 0;
					sc->n_col_w++;
					if (c)
						c = strchr(c + 1, '/');
					if (c)
						c++;
				}
			} else
				sc->cols = atoi(v);
		} else if (!strcmp(key, "space")) sc->col_space = ld_tw(atof(v));
		else if (!strcmp(key, "start")) sc->start = atoi(v);
		else if (!strcmp(key, "title-page")) sc->title_page = 1;
		else
			ld_fail(d, "unknown section property \"%s\"", key);
	}
}

/* "header [first|even] props: text" and footers likewise. */
static void story_line(doc *d, const char *s, size_t n)
{
	int is_header = s[0] == 'h';
	size_t kw = 6; /* "header", "footer" */
	const char *type = "default";
	vndoc_buf xml = VNDOC_BUF_INIT(1 << 20);
	story_part *sp;

	if (d->n_stories == MAX_STORIES) {
		ld_fail(d, "too many headers and footers");
		return;
	}
	s += kw, n -= kw;
	while (n && *s == ' ')
		s++, n--;
	if (starts_word(s, n, "first") || starts_word(s, n, "even")) {
		size_t l = s[0] == 'f' ? 5 : 4;
		type = s[0] == 'f' ? "first" : "even";
		s += l, n -= l;
	}
	sp = &d->stories[d->n_stories];
	snprintf(sp->name, sizeof sp->name, "%s%d.xml", is_header ? "header" : "footer", d->n_stories + 1);
	vndoc_buf_printf(&xml, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
			       "<w:%s xmlns:w=\"" W_NS "\" xmlns:r=\"" R_NS "\">",
			 is_header ? "hdr" : "ftr");
	/* "p props: text" with the keyword replaced */
	{
		vndoc_buf line = VNDOC_BUF_INIT(1 << 16);
		vndoc_buf_puts(&line, "p");
		vndoc_buf_put(&line, s, n);
		ld_put_paragraphs(d, &xml, line.ptr, line.len, 0);
		vndoc_buf_dispose(&line);
	}
	vndoc_buf_printf(&xml, "</w:%s>", is_header ? "hdr" : "ftr");
	sp->xml = vndoc_buf_detach(&xml, NULL);
	d->n_stories++;
	vndoc_buf_printf(&d->sect.refs, "<w:%sReference w:type=\"%s\" r:id=\"rIdS%d\"/>",
			 is_header ? "header" : "footer", type, d->n_stories);
	vndoc_buf_printf(&d->rels, "<Relationship Id=\"rIdS%d\" Type=\"" REL_T "%s\" Target=\"%s\"/>", d->n_stories,
			 is_header ? "header" : "footer", sp->name);
}

static void doc_line(doc *d, const char *s, size_t n)
{
	prop p[12];
	int k = ld_split_props(p, 12, s, n);
	for (int j = 0; j < k; j++) {
		if (!strcmp(p[j].key, "font")) {
			snprintf(d->font, sizeof d->font, "%s", p[j].val);
			for (char *c = d->font; *c; c++)
				if (*c == '_')
					*c = ' ';
		} else if (!strcmp(p[j].key, "size")) d->size = atof(p[j].val);
		else if (!strcmp(p[j].key, "no-widow")) d->widow = 0;
		else if (!strcmp(p[j].key, "even-odd")) d->even_odd = 1;
		else if (!strcmp(p[j].key, "compat")) d->compat = atoi(p[j].val);
		else if (!strcmp(p[j].key, "app")) d->by_lo = !strcmp(p[j].val, "LibreOffice");
		else if (!strcmp(p[j].key, "fe")) snprintf(d->fe, sizeof d->fe, "%s", p[j].val);
		else if (!strcmp(p[j].key, "tab")) d->tab = ld_tw(atof(p[j].val));
		else if (!strcmp(p[j].key, "note-size")) d->note_size = atof(p[j].val);
		else if (!strcmp(p[j].key, "note-after")) d->note_after = atof(p[j].val);
		else if (!strcmp(p[j].key, "note-hanging")) d->note_hanging = atof(p[j].val);
		else if (!strcmp(p[j].key, "normal-size")) d->normal_size = atof(p[j].val);
		else
			ld_fail(d, "unknown document property \"%s\"", p[j].key);
	}
}

/* docProps/app.xml as LibreOffice writes it (doc app=LibreOffice). */
static const char APP_LO[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
	"<Application>LibreOffice/7.4.7.2$Linux_X86_64 LibreOffice_project/40$Build-2</Application></Properties>";

/* ---- The package ------------------------------------------------------ */

static void read_line(doc *d, const char *s, size_t n)
{
	if (!n || s[0] == '%')
		return; /* blank lines and comments */
	if (starts_word(s, n, "section")) {
		section_line(d, s + 7, n - 7);
		return;
	}
	if (starts_word(s, n, "doc")) {
		if (d->has_content)
			ld_fail(d, "\"doc\" must come first");
		doc_line(d, s + 3, n - 3);
		return;
	}
	if (memchr(s, '|', n) && (d->in_table || s[0] == '|')) {
		ld_put_rows(d, s, n);
		return;
	}
	if (starts_word(s, n, "header") || starts_word(s, n, "footer")) {
		story_line(d, s, n);
		return;
	}
	d->has_content = 1;
	if (starts_word(s, n, "table")) {
		ld_close_table(d);
		ld_flush_para(d, 0);
		ld_open_table(d, s + 5, n - 5);
		return;
	}
	ld_close_table(d);
	ld_flush_para(d, 0);
	ld_put_paragraphs(d, &d->para, s, n, 1);
	d->para_pending = 1;
}

/* A 2 x 2 RGB PNG (grey levels), made here so that no binary is stored. */
static char *make_png(size_t *len)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	unsigned char raw[2 * 7], z[64], ihdr[13] = { 0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0 };
	uLongf zn = sizeof z;
	vndoc_buf b = VNDOC_BUF_INIT(1 << 12);
	const struct {
		const char *type;
		const unsigned char *data;
		size_t n;
	} *c, chunks[3] = { { "IHDR", ihdr, sizeof ihdr }, { "IDAT", z, 0 }, { "IEND", NULL, 0 } };

	for (int r = 0; r < 2; r++) {
		raw[r * 7] = 0;
		for (int i = 1; i < 7; i++)
			raw[r * 7 + i] = (unsigned char)(0x40 * ((i + r) % 3 + 1));
	}
	compress2(z, &zn, raw, sizeof raw, 9);
	vndoc_buf_put(&b, sig, sizeof sig);
	for (c = chunks; c < chunks + 3; c++) {
		size_t n = c == &chunks[1] ? (size_t)zn : c->n;
		unsigned char be[4] = { (unsigned char)(n >> 24), (unsigned char)(n >> 16), (unsigned char)(n >> 8),
					(unsigned char)n };
		uLong crc = crc32(0, (const Bytef *)c->type, 4);
		if (n)
			crc = crc32(crc, c->data, (uInt)n);
		vndoc_buf_put(&b, be, 4);
		vndoc_buf_put(&b, c->type, 4);
		if (n)
			vndoc_buf_put(&b, c->data, n);
		be[0] = (unsigned char)(crc >> 24), be[1] = (unsigned char)(crc >> 16);
		be[2] = (unsigned char)(crc >> 8), be[3] = (unsigned char)crc;
		vndoc_buf_put(&b, be, 4);
	}
	return vndoc_buf_detach(&b, len);
}

static char *styles_xml(const doc *d)
{
	vndoc_buf b = VNDOC_BUF_INIT(1 << 16);
	int sz = (int)(d->size * 2 + 0.5), note_sz = (int)(d->note_size * 2 + 0.5);
	char normal_rpr[64] = "", ea[128] = "", note_ind[64] = "";
	if (d->note_hanging > 0)
		snprintf(note_ind, sizeof note_ind, "<w:ind w:left=\"%d\" w:hanging=\"%d\"/>",
			 ld_tw(d->note_hanging), ld_tw(d->note_hanging));
	if (d->fe[0])
		snprintf(ea, sizeof ea, " w:eastAsia=\"%s\"", d->fe);
	if (d->normal_size > 0)
		snprintf(normal_rpr, sizeof normal_rpr, "<w:rPr><w:sz w:val=\"%d\"/></w:rPr>",
			 (int)(d->normal_size * 2 + 0.5));
	vndoc_buf_printf(&b,
		"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"" W_NS "\">"
		"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"%s\" w:hAnsi=\"%s\" w:eastAsia=\"%s\" w:cs=\"%s\"/>"
		"<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/><w:lang w:val=\"en-US\"%s/></w:rPr></w:rPrDefault>"
		"<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>"
		"</w:pPrDefault></w:docDefaults>"
		"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
		"<w:pPr><w:widowControl w:val=\"%d\"/></w:pPr>%s</w:style>"
		"<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
		"<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:pPr><w:keepNext/>"
		"<w:spacing w:before=\"240\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/></w:pPr>"
		"<w:rPr><w:b/><w:sz w:val=\"28\"/></w:rPr></w:style>"
		"<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>"
		"<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:pPr><w:keepNext/>"
		"<w:spacing w:before=\"120\" w:after=\"60\"/><w:outlineLvl w:val=\"1\"/></w:pPr>"
		"<w:rPr><w:b/><w:sz w:val=\"24\"/></w:rPr></w:style>"
		"<w:style w:type=\"paragraph\" w:styleId=\"FootnoteText\"><w:name w:val=\"footnote text\"/>"
		"<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"%d\"/>%s</w:pPr>"
		"<w:rPr><w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/></w:rPr></w:style>"
		"<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
		"<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>"
		"<w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/>"
		"<w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
		"<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/>"
		"<w:basedOn w:val=\"TableNormal\"/><w:tblPr><w:tblBorders>",
		d->font, d->font, d->font, d->font, sz, sz, ea, d->widow, normal_rpr, ld_tw(d->note_after), note_ind, note_sz, note_sz);
	for (int i = 0; i < 6; i++)
		vndoc_buf_printf(&b, "<w:%s w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>",
				 (const char *const[]){ "top", "left", "bottom", "right", "insideH", "insideV" }[i]);
	vndoc_buf_puts(&b, "</w:tblBorders></w:tblPr></w:style></w:styles>");
	return vndoc_buf_detach(&b, NULL);
}

static int pack(doc *d, char **out, size_t *len)
{
	vndoc_part parts[12 + MAX_STORIES];
	size_t n = 0;
	vndoc_buf types = VNDOC_BUF_INIT(1 << 16), rels = VNDOC_BUF_INIT(1 << 16),
		  settings = VNDOC_BUF_INIT(1 << 12), notes = VNDOC_BUF_INIT(1 << 24);
	char *styles = styles_xml(d), *png = NULL;
	size_t png_len = 0;
	vndoc_error err;
	int rc;
	static const char root_rels[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		"<Relationship Id=\"rId1\" Type=\"" REL_T "officeDocument\" Target=\"word/document.xml\"/>"
		"</Relationships>";
	const char *ct = "application/vnd.openxmlformats-officedocument.wordprocessingml.";

	vndoc_buf_printf(&types, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
				 "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
				 "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
				 "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
				 "<Default Extension=\"png\" ContentType=\"image/png\"/>"
				 "<Override PartName=\"/word/document.xml\" ContentType=\"%sdocument.main+xml\"/>"
				 "<Override PartName=\"/word/styles.xml\" ContentType=\"%sstyles+xml\"/>"
				 "<Override PartName=\"/word/settings.xml\" ContentType=\"%ssettings+xml\"/>",
			 ct, ct, ct);
	vndoc_buf_printf(&rels, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
				"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
				"<Relationship Id=\"rIdSt\" Type=\"" REL_T "styles\" Target=\"styles.xml\"/>"
				"<Relationship Id=\"rIdSe\" Type=\"" REL_T "settings\" Target=\"settings.xml\"/>%s",
			 d->rels.ptr);
	vndoc_buf_printf(&settings, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
				    "<w:settings xmlns:w=\"" W_NS "\"><w:defaultTabStop w:val=\"%d\"/>%s",
			 d->tab, d->even_odd ? "<w:evenAndOddHeaders/>" : "");
	if (d->compat > 0 || d->fe[0])
		vndoc_buf_printf(&settings, "<w:compat>%s", d->fe[0] ? "<w:useFELayout/>" : "");
	if (d->compat > 0)
		vndoc_buf_printf(&settings, "<w:compatSetting w:name=\"compatibilityMode\" "
					    "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"%d\"/>",
				 d->compat);
	if (d->compat > 0 || d->fe[0])
		vndoc_buf_puts(&settings, "</w:compat>");
	vndoc_buf_puts(&settings, "</w:settings>");
	parts[n++] = (vndoc_part){ "[Content_Types].xml", NULL, 0, NULL };
	parts[n++] = (vndoc_part){ "_rels/.rels", root_rels, sizeof root_rels - 1, NULL };
	parts[n++] = (vndoc_part){ "word/document.xml", d->body.ptr, d->body.len, NULL };
	parts[n++] = (vndoc_part){ "word/styles.xml", styles, strlen(styles), NULL };
	parts[n++] = (vndoc_part){ "word/settings.xml", settings.ptr, settings.len, NULL };
	if (d->by_lo)
		parts[n++] = (vndoc_part){ "docProps/app.xml", APP_LO, sizeof APP_LO - 1, NULL };
	if (d->n_notes) {
		vndoc_buf_printf(&notes, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
					 "<w:footnotes xmlns:w=\"" W_NS "\" xmlns:r=\"" R_NS "\">"
					 "<w:footnote w:type=\"separator\" w:id=\"0\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" "
					 "w:lineRule=\"auto\"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>"
					 "<w:footnote w:type=\"continuationSeparator\" w:id=\"1\"><w:p><w:r><w:continuationSeparator/>"
					 "</w:r></w:p></w:footnote>%s</w:footnotes>",
				 d->notes.ptr);
		parts[n++] = (vndoc_part){ "word/footnotes.xml", notes.ptr, notes.len, NULL };
		vndoc_buf_printf(&types, "<Override PartName=\"/word/footnotes.xml\" ContentType=\"%sfootnotes+xml\"/>", ct);
		vndoc_buf_puts(&rels, "<Relationship Id=\"rIdFn\" Type=\"" REL_T "footnotes\" Target=\"footnotes.xml\"/>");
	}
	if (d->uses_png) {
		png = make_png(&png_len);
		parts[n++] = (vndoc_part){ "word/media/p.png", png, png_len, NULL };
		vndoc_buf_puts(&rels, "<Relationship Id=\"rIdPic\" Type=\"" REL_T "image\" Target=\"media/p.png\"/>");
	}
	for (int i = 0; i < d->n_stories; i++) {
		static char names[MAX_STORIES][48];
		snprintf(names[i], sizeof names[i], "word/%s", d->stories[i].name);
		parts[n++] = (vndoc_part){ names[i], d->stories[i].xml, strlen(d->stories[i].xml), NULL };
		vndoc_buf_printf(&types, "<Override PartName=\"/%s\" ContentType=\"%s%s+xml\"/>", names[i], ct,
				 d->stories[i].name[0] == 'h' ? "header" : "footer");
	}
	vndoc_buf_puts(&types, "</Types>");
	vndoc_buf_puts(&rels, "</Relationships>");
	parts[0].data = types.ptr;
	parts[0].len = types.len;
	parts[n++] = (vndoc_part){ "word/_rels/document.xml.rels", rels.ptr, rels.len, NULL };
	vndoc_error_clear(&err);
	rc = vndoc_package_write_memory(out, len, NULL, parts, n, NULL, &err);
	if (rc < 0)
		snprintf(d->msg, d->msg_size, "package: %s", err.message);
	free(styles);
	free(png);
	vndoc_buf_dispose(&types);
	vndoc_buf_dispose(&rels);
	vndoc_buf_dispose(&settings);
	vndoc_buf_dispose(&notes);
	return rc < 0 ? -1 : 0;
}

int layout_doc_build(char **out, size_t *len, const char *shorthand, char *msg, size_t msg_size)
{
	doc d;
	const char *line = shorthand;
	int rc = -1;

	memset(&d, 0, sizeof d);
	d.msg = msg;
	d.msg_size = msg_size;
	vndoc_buf_init(&d.body, 1 << 26);
	vndoc_buf_init(&d.para, 1 << 24);
	vndoc_buf_init(&d.notes, 1 << 24);
	vndoc_buf_init(&d.rels, 1 << 16);
	vndoc_buf_init(&d.sect.refs, 1 << 16);
	sect_defaults(&d.sect);
	snprintf(d.font, sizeof d.font, "Times New Roman");
	d.size = 10;
	d.widow = 1;
	d.compat = 15;
	d.tab = 720;
	d.note_size = 8;
	*out = NULL;
	*len = 0;
	vndoc_buf_puts(&d.body, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document "
				"xmlns:w=\"" W_NS "\" xmlns:r=\"" R_NS "\" "
				"xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\">"
				"<w:body>");
	while (*line && !d.failed) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		d.lineno++;
		d.line = line;
		read_line(&d, line, n);
		line = nl ? nl + 1 : line + n;
	}
	if (!d.failed) {
		ld_close_table(&d);
		ld_flush_para(&d, 0);
		ld_put_sect(&d, &d.body);
		vndoc_buf_puts(&d.body, "</w:body></w:document>");
		rc = pack(&d, out, len);
	}
	vndoc_buf_dispose(&d.body);
	vndoc_buf_dispose(&d.para);
	vndoc_buf_dispose(&d.notes);
	vndoc_buf_dispose(&d.rels);
	vndoc_buf_dispose(&d.sect.refs);
	for (int i = 0; i < d.n_stories; i++)
		free(d.stories[i].xml);
	return rc;
}
