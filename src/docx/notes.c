/*
 * docx/notes.c: footnotes.  word/footnotes.xml (the part the document's
 * footnotes relationship names) is small: it is read whole, by
 * vndoc_docx_load and vndoc_docx_open alike, before the body, so that a
 * reference (w:footnoteReference) finds its footnote as it is read.  The
 * separator footnote is kept apart (doc->note_separator: in a document
 * Word wrote, the layout leaves its paragraph's height above the
 * footnotes); the continuation separator is not kept.  The layout draws
 * LibreOffice's rule.  References are numbered in the order
 * the body holds them, from footnotePr's numStart in its numFmt; with
 * numRestart eachPage (settings.xml or a section's footnotePr) the layout
 * numbers them again on each page (layout/notes.c).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "docx/docx_internal.h"

void vndoc_docx__note_pr(vndoc_docx__loader *ld, const xmlNode *pr)
{
	const xmlNode *n;
	if ((n = vndoc_docx__child(pr, "numFmt")) && vndoc_docx__attr(n, "val"))
		snprintf(ld->note_fmt, sizeof ld->note_fmt, "%s", vndoc_docx__attr(n, "val"));
	if ((n = vndoc_docx__child(pr, "numStart"))) {
		int v = vndoc_docx__attr_int(n, "val", 1);
		ld->note_start = v >= 0 && v < 1000000 ? v : 1;
	}
	ld->doc->note_start = ld->note_start;
	snprintf(ld->doc->note_format, sizeof ld->doc->note_format, "%s", ld->note_fmt);
	vndoc_docx__note_restart(ld, pr);
}

void vndoc_docx__note_restart(vndoc_docx__loader *ld, const xmlNode *pr)
{
	const xmlNode *n = vndoc_docx__child(pr, "numRestart");
	const char *v = n ? vndoc_docx__attr(n, "val") : NULL;
	if (v && !strcmp(v, "eachPage"))
		ld->doc->notes_each_page = true;
}

int vndoc_docx__note_find(const vndoc_docx *doc, int id)
{
	/* Ids usually follow one another: look where that puts it first
	 * (a body of many references stays linear). */
	if (doc->n_notes && id >= doc->notes[0].id && (size_t)id - (size_t)doc->notes[0].id < doc->n_notes &&
	    doc->notes[id - doc->notes[0].id].id == id)
		return id - doc->notes[0].id;
	for (size_t i = 0; i < doc->n_notes; i++)
		if (doc->notes[i].id == id)
			return (int)i;
	return -1;
}

void vndoc_docx__note_label(vndoc_docx__loader *ld, char *out, size_t size)
{
	int start = ld->note_start > 0 ? ld->note_start : 1;
	if (ld->note_count < INT_MAX - start)
		ld->note_count++;
	vndoc_docx_format_number(out, size, ld->note_fmt[0] ? ld->note_fmt : "decimal",
				 start + ld->note_count - 1);
}

int vndoc_docx__load_notes(vndoc_docx__loader *ld)
{
	vndoc_docx *doc = ld->doc;
	const vndoc_docx__rel *rel = NULL;
	xmlDoc *xml = NULL;
	size_t cap = 0;
	int error = 0;

	for (size_t i = 0; i < ld->n_rels && !rel; i++)
		if (!strcmp(ld->rels[i].type, "footnotes") && ld->rels[i].target[0])
			rel = &ld->rels[i];
	if (!rel)
		return 0;
	ld->part = rel->target;
	if ((error = vndoc_docx__read_xml(&xml, ld, rel->target, true)) < 0 || !xml)
		return error;
	ld->in_notes = true;
	for (const xmlNode *c = xmlDocGetRootElement(xml)->children; c && error == 0; c = c->next) {
		const char *type;
		vndoc_docx_note *note;
		if (c->type != XML_ELEMENT_NODE || !vndoc_docx__is(c, "footnote"))
			continue;
		/* separator, continuationSeparator, continuationNotice */
		if ((type = vndoc_docx__attr(c, "type")) && !strcmp(type, "separator") && !doc->has_note_separator) {
			doc->has_note_separator = true;
			error = vndoc_docx__parse_story(ld, c, &doc->note_separator, 1);
			continue;
		}
		if (type && strcmp(type, "normal") != 0)
			continue;
		if (doc->n_notes == cap) {
			cap = cap ? cap * 2 : 8;
			doc->notes = vndoc_xreallocarray(doc->notes, cap, sizeof *doc->notes);
		}
		note = &doc->notes[doc->n_notes++];
		memset(note, 0, sizeof *note);
		note->id = vndoc_docx__attr_int(c, "id", INT_MIN);
		error = vndoc_docx__parse_story(ld, c, &note->story, 1);
	}
	ld->in_notes = false;
	vndoc_xml_free_doc(xml);
	return error;
}

void vndoc_docx__notes_free(vndoc_docx *doc)
{
	for (size_t i = 0; i < doc->n_notes; i++)
		vndoc_docx__story_dispose(&doc->notes[i].story);
	free(doc->notes);
	doc->notes = NULL;
	doc->n_notes = 0;
	if (doc->has_note_separator)
		vndoc_docx__story_dispose(&doc->note_separator);
	doc->has_note_separator = false;
}
