/*
 * tests/spec/layout_doc.h: the layout spec's shorthand for small documents
 * (described at the top of tests/spec/layout.txt), turned into the parts of
 * a real DOCX package.
 */
#ifndef VNDOC_LAYOUT_DOC_H
#define VNDOC_LAYOUT_DOC_H

#include <stddef.h>

#include "core/buf.h"

/** Writes the DOCX package described by `shorthand` into a malloc'd zip in
 * memory (*out, *len).  0, or -1 with a one-line message in `msg` naming the
 * shorthand's line. */
int layout_doc_build(char **out, size_t *len, const char *shorthand, char *msg, size_t msg_size);

#endif
