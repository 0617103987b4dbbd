/*
 * docx/mc.c: mc:AlternateContent (Markup Compatibility, ECMA-376 part 3),
 * read as Word reads it (issue 18).
 *
 * An mc:AlternateContent holds one or more mc:Choice, each naming in
 * Requires="p1 p2" the namespaces (by prefix) a reader must understand to
 * read it, and at most one mc:Fallback.  A reader takes the first Choice
 * whose namespaces it all understands, else the Fallback, else nothing.
 * Word writes the form for what is newer than the 2007 format (text boxes
 * as wps shapes with a VML fallback, w14 effects, emoji in w16se with a
 * plain-text fallback): before this, a paragraph or a block inside one was
 * dropped without a word.  The choice is made here only, for the body,
 * the paragraphs, the runs and the drawings (vndoc_docx__mc_branch).
 */
#include <stdio.h>
#include <string.h>

#include "docx/docx_internal.h"

#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"

/* The namespaces whose content vndoc reads: WordprocessingML 2010/2012
 * additions (effects and the like, which it may ignore while reading the
 * text), drawing canvases, groups and shapes, and VML. */
static const char *const understood[] = {
	"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
	"http://schemas.microsoft.com/office/word/2010/wordml",                 /* w14 */
	"http://schemas.microsoft.com/office/word/2012/wordml",                 /* w15 */
	"http://schemas.microsoft.com/office/word/2010/wordprocessingShape",    /* wps */
	"http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",    /* wpg */
	"http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",   /* wpc */
	"http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",  /* wp14 */
	"http://schemas.microsoft.com/office/drawing/2010/main",                /* a14 */
	"urn:schemas-microsoft-com:vml",                                        /* v */
	"urn:schemas-microsoft-com:office:office",                              /* o */
	"urn:schemas-microsoft-com:office:word",                                /* w10 */
};

bool vndoc_docx__is_mc(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->name[0] == (xmlChar)name[0] &&
	       !strcmp((const char *)n->name, name) && n->ns && n->ns->href &&
	       !strcmp((const char *)n->ns->href, MC_NS);
}

/* Every prefix of Requires names a namespace declared in scope that vndoc
 * understands (an undeclared prefix is not understood). */
static bool choice_understood(const xmlNode *choice)
{
	xmlChar *req = xmlGetProp(choice, (const xmlChar *)"Requires");
	char *save = NULL, *tok;
	bool ok = true;

	if (!req)
		return true;
	for (tok = strtok_r((char *)req, " \t\r\n", &save); tok && ok; tok = strtok_r(NULL, " \t\r\n", &save)) {
		xmlNs *ns = xmlSearchNs(choice->doc, (xmlNode *)choice, (const xmlChar *)tok);
		size_t k = 0;
		while (ns && ns->href && k < sizeof understood / sizeof understood[0] &&
		       strcmp((const char *)ns->href, understood[k]))
			k++;
		ok = ns && ns->href && k < sizeof understood / sizeof understood[0];
	}
	xmlFree(req);
	return ok;
}

const xmlNode *vndoc_docx__mc_branch(const xmlNode *ac)
{
	const xmlNode *fallback = NULL;

	for (const xmlNode *c = ac ? ac->children : NULL; c; c = c->next) {
		if (vndoc_docx__is_mc(c, "Choice") && choice_understood(c))
			return c;
		if (vndoc_docx__is_mc(c, "Fallback") && !fallback)
			fallback = c;
	}
	return fallback;
}

const xmlNode *vndoc_docx__mc_read(vndoc_docx__loader *ld, const xmlNode *ac)
{
	const xmlNode *branch = vndoc_docx__mc_branch(ac);
	if (!branch) {
		const xmlNode *choice = ac->children;
		xmlChar *req = NULL;
		while (choice && !vndoc_docx__is_mc(choice, "Choice"))
			choice = choice->next;
		req = choice ? xmlGetProp(choice, (const xmlChar *)"Requires") : NULL;
		vndoc_docx__warn(ld->doc, "content that needs %s%s%s and has no fallback not drawn (mc:AlternateContent)",
				 req ? "\"" : "", req ? (const char *)req : "a reader it does not name", req ? "\"" : "");
		xmlFree(req);
	}
	return branch;
}

bool vndoc_docx__mc_is_drawing(const xmlNode *branch)
{
	for (const xmlNode *c = branch ? branch->children : NULL; c; c = c->next)
		if (vndoc_docx__is(c, "drawing") || vndoc_docx__is(c, "pict") || vndoc_docx__is(c, "object"))
			return true;
	return false;
}
