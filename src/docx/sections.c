/*
 * docx/sections.c: section properties (page size and orientation, margins,
 * title page, page numbers) and the headers and footers they refer to.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "docx/docx_internal.h"

/* Loads the header or footer part `target` as a new story; returns its
 * index in doc->stories, or a negative error. */
static int load_story(vndoc_docx__loader *ld, const char *target)
{
	vndoc_docx *doc = ld->doc;
	vndoc_docx_story story = { NULL, 0 };
	xmlDoc *xml = NULL;
	int error;

	vndoc_docx__rel *rels = NULL, *doc_rels = ld->rels;
	size_t n_rels = 0, n_doc_rels = ld->n_rels;

	if ((error = vndoc_docx__read_xml(&xml, ld, target, false)) < 0)
		return error;
	/* The part's own relationships (a logo in a header) while it is read. */
	if ((error = vndoc_docx__load_rels(ld, target, &rels, &n_rels)) < 0) {
		vndoc_xml_free_doc(xml);
		return error;
	}
	ld->rels = rels;
	ld->n_rels = n_rels;
	ld->part = target;
	ld->in_hf = true;
	error = vndoc_docx__parse_story(ld, xmlDocGetRootElement(xml), &story, 0);
	ld->in_hf = false;
	ld->part = "word/document.xml";
	ld->rels = doc_rels;
	ld->n_rels = n_doc_rels;
	free(rels);
	vndoc_xml_free_doc(xml);
	if (error < 0) {
		vndoc_docx__story_dispose(&story);
		return error;
	}
	doc->stories = vndoc_xreallocarray(doc->stories, doc->n_stories + 1, sizeof *doc->stories);
	doc->stories[doc->n_stories] = story;
	return (int)doc->n_stories++;
}

static int hf_index(const char *type)
{
	if (type && !strcmp(type, "first"))
		return VNDOC_DOCX_HF_FIRST;
	if (type && !strcmp(type, "even"))
		return VNDOC_DOCX_HF_EVEN;
	return VNDOC_DOCX_HF_DEFAULT;
}

/* w:cols: their number, gaps, widths and separator. */
static void parse_cols(vndoc_docx_section *s, const xmlNode *cols)
{
	int n = vndoc_docx__attr_int(cols, "num", 1), k = 0;
	const char *eq = vndoc_docx__attr(cols, "equalWidth"), *sep = vndoc_docx__attr(cols, "sep");
	s->n_cols = n < 1 ? 1 : n > VNDOC_DOCX_MAX_COLS ? VNDOC_DOCX_MAX_COLS : n;
	s->col_space = vndoc_docx__attr_int(cols, "space", 720);
	if (s->col_space < 0)
		s->col_space = 0;
	s->col_sep = sep && (!strcmp(sep, "1") || !strcmp(sep, "true") || !strcmp(sep, "on"));
	s->col_equal = !(eq && (!strcmp(eq, "0") || !strcmp(eq, "false") || !strcmp(eq, "off")));
	for (const xmlNode *c = cols->children; c && k < VNDOC_DOCX_MAX_COLS; c = c->next) {
		if (!vndoc_docx__is(c, "col"))
			continue;
		s->col_w[k] = vndoc_docx__attr_int(c, "w", 0);
		s->col_gap[k] = vndoc_docx__attr_int(c, "space", 0);
		if (s->col_w[k] < 0)
			s->col_w[k] = 0;
		if (s->col_gap[k] < 0)
			s->col_gap[k] = 0;
		k++;
	}
	/* Unequal widths need every column's; else they are equal. */
	if (!s->col_equal && k < s->n_cols)
		s->col_equal = true;
}

int vndoc_docx__parse_sectpr(vndoc_docx__loader *ld, const xmlNode *sectpr, size_t end_block)
{
	vndoc_docx *doc = ld->doc;
	vndoc_docx_section *s;
	const xmlNode *c;

	if (doc->n_sections == ld->cap_sections) {
		ld->cap_sections = ld->cap_sections ? ld->cap_sections * 2 : 4;
		doc->sections = vndoc_xreallocarray(doc->sections, ld->cap_sections, sizeof *s);
	}
	s = &doc->sections[doc->n_sections++];
	memset(s, 0, sizeof *s);
	/* Word's defaults: Letter, 1" margins, header/footer at 0.5". */
	s->page_w = 12240;
	s->page_h = 15840;
	s->margin_top = s->margin_bottom = 1440;
	s->margin_left = s->margin_right = 1440;
	s->margin_header = s->margin_footer = 720;
	for (int i = 0; i < VNDOC_DOCX_HF_COUNT; i++)
		s->header[i] = s->footer[i] = -2; /* -2: inherit */
	s->end_block = end_block;
	s->page_start = -1;
	strcpy(s->page_format, "decimal");
	s->n_cols = 1;
	s->col_space = 720;
	s->col_equal = true;
	if (!sectpr)
		return 0;

	for (c = sectpr->children; c; c = c->next) {
		if (vndoc_docx__is(c, "pgSz")) {
			const char *o = vndoc_docx__attr(c, "orient");
			s->page_w = vndoc_docx__attr_int(c, "w", s->page_w);
			s->page_h = vndoc_docx__attr_int(c, "h", s->page_h);
			s->landscape = o && !strcmp(o, "landscape");
		} else if (vndoc_docx__is(c, "pgMar")) {
			s->margin_top = vndoc_docx__attr_int(c, "top", s->margin_top);
			s->margin_right = vndoc_docx__attr_int(c, "right", s->margin_right);
			s->margin_bottom = vndoc_docx__attr_int(c, "bottom", s->margin_bottom);
			s->margin_left = vndoc_docx__attr_int(c, "left", s->margin_left);
			s->margin_header = vndoc_docx__attr_int(c, "header", s->margin_header);
			s->margin_footer = vndoc_docx__attr_int(c, "footer", s->margin_footer);
		} else if (vndoc_docx__is(c, "pgNumType")) {
			int start = vndoc_docx__attr_int(c, "start", -1);
			const char *fmt = vndoc_docx__attr(c, "fmt");
			if (start >= 0 && start < 1000000)
				s->page_start = start;
			/* Each section has its own (decimal unless it says). */
			if (fmt && strlen(fmt) < sizeof s->page_format)
				strcpy(s->page_format, fmt);
		} else if (vndoc_docx__is(c, "cols")) {
			parse_cols(s, c);
		} else if (vndoc_docx__is(c, "footnotePr")) {
			vndoc_docx__note_restart(ld, c);
		} else if (vndoc_docx__is(c, "titlePg")) {
			s->title_page = vndoc_docx__onoff(c) == 1;
		} else if (vndoc_docx__is(c, "type")) {
			const char *t = vndoc_docx__attr(c, "val");
			s->type = !t                         ? VNDOC_DOCX_SECTION_NEXT_PAGE
				  : !strcmp(t, "continuous") ? VNDOC_DOCX_SECTION_CONTINUOUS
				  : !strcmp(t, "evenPage")   ? VNDOC_DOCX_SECTION_EVEN_PAGE
				  : !strcmp(t, "oddPage")    ? VNDOC_DOCX_SECTION_ODD_PAGE
							     : VNDOC_DOCX_SECTION_NEXT_PAGE;
		} else if (vndoc_docx__is(c, "headerReference") || vndoc_docx__is(c, "footerReference")) {
			bool header = vndoc_docx__is(c, "headerReference");
			const vndoc_docx__rel *rel = vndoc_docx__rel_find(ld, vndoc_docx__attr(c, "id"));
			int idx = hf_index(vndoc_docx__attr(c, "type")), story;
			/* `s` may move when a nested load grows the arrays: index again. */
			size_t si = doc->n_sections - 1;
			if (!rel)
				continue;
			if ((story = load_story(ld, rel->target)) < 0)
				return story;
			s = &doc->sections[si];
			if (header)
				s->header[idx] = story;
			else
				s->footer[idx] = story;
		}
	}
	/* Negative margins mean "do not move the text for the header"; the
	 * distance is what matters here. */
	if (s->margin_top < 0)
		s->margin_top = -s->margin_top;
	if (s->margin_bottom < 0)
		s->margin_bottom = -s->margin_bottom;
	return 0;
}

/* LibreOffice takes a page within 21 hundredths of a mm of a paper size on
 * both sides (either way round) as that paper (i18nutil's PaperInfo::
 * doSloppyFit): an A4 of 11907 x 16839 twips, or 11910 x 16840, is laid
 * out 11906 x 16838 (595.304 x 841.89 pt in its PDF); d4j-gettingstarted,
 * vn-ddd-baocao-thuctap.  The paper sizes, in hundredths of a mm. */
static const int papers[][2] = {
	{ 21000, 29700 }, /* A4 */
	{ 29700, 42000 }, /* A3 */
	{ 14800, 21000 }, /* A5 */
	{ 17600, 25000 }, /* B5 (ISO) */
	{ 21590, 27940 }, /* Letter */
	{ 21590, 35560 }, /* Legal */
};
#define PAPER_SLOPPY 21

static int twips_mm100(int tw)
{
	return (int)lround(tw * 127.0 / 72);
}

static int mm100_twips(int mm)
{
	return (int)lround(mm * 72.0 / 127);
}

static void fit_paper(vndoc_docx_section *s)
{
	int w = twips_mm100(s->page_w), h = twips_mm100(s->page_h);
	for (size_t i = 0; i < sizeof papers / sizeof *papers; i++)
		for (int turn = 0; turn < 2; turn++) {
			int pw = papers[i][turn], ph = papers[i][!turn];
			if (abs(w - pw) <= PAPER_SLOPPY && abs(h - ph) <= PAPER_SLOPPY) {
				s->page_w = mm100_twips(pw);
				s->page_h = mm100_twips(ph);
				return;
			}
		}
}

void vndoc_docx__finish_sections(vndoc_docx *doc)
{
	size_t first = 0;
	/* Not in documents Word wrote, where vndoc follows Word's page: Word
	 * keeps an A4 of 11907 twips (d4j-gettingstarted, mode 14: its text
	 * area of 9027 twips holds p22's Consolas line of 7587.3 after a tab
	 * stop at 1440, one line in Word's PDF; LibreOffice's 9026 does not). */
	bool lo = doc->other_app;
	for (size_t i = 0; i < doc->n_sections; i++) {
		vndoc_docx_section *s = &doc->sections[i];
		if (lo)
			fit_paper(s);
		for (int k = 0; k < VNDOC_DOCX_HF_COUNT; k++) {
			if (s->header[k] == -2)
				s->header[k] = i ? doc->sections[i - 1].header[k] : -1;
			if (s->footer[k] == -2)
				s->footer[k] = i ? doc->sections[i - 1].footer[k] : -1;
		}
		s->first_block = first;
		if (s->end_block < first)
			s->end_block = first;
		first = s->end_block;
	}
}
