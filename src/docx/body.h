/*
 * docx/body.h: reading word/document.xml's body as events, shared by the
 * loader (document.c: the whole body) and the streamed document (stream.c:
 * blocks and rows as layout asks for them).  Private to src/docx.
 */
#ifndef VNDOC_DOCX_BODY_H
#define VNDOC_DOCX_BODY_H

#include <stdbool.h>

#include <libxml/xmlreader.h>

#include "docx/docx_internal.h"
#include "xml/xml.h"

typedef struct body_reader {
	vndoc_docx__loader *ld;
	xmlTextReaderPtr r;
	bool failed;
} body_reader;

enum { EV_END = 0, EV_NODE, EV_TABLE, EV_ROW, EV_TABLE_END };
enum { ST_START = 0, ST_BODY, ST_TABLE_PRE, ST_TABLE_ROW, ST_TABLE_ROWS, ST_TABLE_EMPTY, ST_TAIL, ST_DONE };
enum { ADV_NONE = 0, ADV_READ, ADV_NEXT };

typedef struct body_cursor {
	body_reader br;
	int state;
	int advance;            /* how to move before looking again */
	int body_depth, tbl_depth;
	xmlNode *tblpr, *grid;  /* the current table's, for EV_TABLE (the reader's: copies) */
	/* The part's tree made by xml/fast.c (NULL: read by the reader):
	 * the same events walked from the tree; `at` the body's child (or
	 * the table's) last given or passed. */
	vndoc_xml_fast *fast;
	xmlNode *at, *tbl;
} body_cursor;

typedef struct story_builder {
	vndoc_docx_story *story;
	size_t cap;
} story_builder;

/* The reader's options and its error handler (fills the loader's error). */
extern const int vndoc_docx__reader_options;
void vndoc_docx__reader_error(void *arg, xmlErrorPtr e);

/* The next event of the body; *node: EV_NODE, EV_ROW's element, valid
 * until the next call.  EV_END at the end; a negative code on failure. */
int vndoc_docx__cursor_next(body_cursor *c, xmlNode **node);
void vndoc_docx__cursor_dispose(body_cursor *c);

/* The parts every document reads before its body (rels, theme, settings,
 * styles, numbering, core properties). */
int vndoc_docx__load_parts(vndoc_docx__loader *ld);
/* A child of a story (paragraph, table, content control...) into `sb`. */
int vndoc_docx__parse_block_node(vndoc_docx__loader *ld, const xmlNode *c, story_builder *sb, int depth,
				 int wrap);
void vndoc_docx__para_dispose(vndoc_docx_para *p);
/* walk.c: the fields `root` holds (its tables too), VNDOC_DOCX__FIELD_* or'd. */
enum { VNDOC_DOCX__FIELD_PAGE = 1, VNDOC_DOCX__FIELD_NUMPAGES = 2 };
unsigned vndoc_docx__node_fields(const vndoc_docx_node *root);

/* stream.c: frees a streamed document's reading state. */
void vndoc_docx__stream_free(vndoc_docx__stream *st);

#endif
