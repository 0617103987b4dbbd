/*
 * docx/metafile.h: walking the records of an EMF picture (Windows'
 * Enhanced Metafile), every size and offset checked against the record
 * and the file; libuemf's record-safety checks on top.  The document
 * checks a picture once when it is read (which records vndoc cannot
 * draw: one warning); render/metafile.c plays the records onto Cairo.
 */
#ifndef VNDOC_DOCX_METAFILE_H
#define VNDOC_DOCX_METAFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* EMR_* record types vndoc reads (MS-EMF 2.1.1). */
enum {
	VNDOC_EMR_HEADER = 1,
	VNDOC_EMR_POLYBEZIER = 2,
	VNDOC_EMR_POLYGON = 3,
	VNDOC_EMR_POLYLINE = 4,
	VNDOC_EMR_POLYBEZIERTO = 5,
	VNDOC_EMR_POLYLINETO = 6,
	VNDOC_EMR_POLYPOLYLINE = 7,
	VNDOC_EMR_POLYPOLYGON = 8,
	VNDOC_EMR_SETWINDOWEXTEX = 9,
	VNDOC_EMR_SETWINDOWORGEX = 10,
	VNDOC_EMR_SETVIEWPORTEXTEX = 11,
	VNDOC_EMR_SETVIEWPORTORGEX = 12,
	VNDOC_EMR_SETBRUSHORGEX = 13,
	VNDOC_EMR_EOF = 14,
	VNDOC_EMR_SETMAPPERFLAGS = 16,
	VNDOC_EMR_SETMAPMODE = 17,
	VNDOC_EMR_SETBKMODE = 18,
	VNDOC_EMR_SETPOLYFILLMODE = 19,
	VNDOC_EMR_SETROP2 = 20,
	VNDOC_EMR_SETSTRETCHBLTMODE = 21,
	VNDOC_EMR_SETTEXTALIGN = 22,
	VNDOC_EMR_SETTEXTCOLOR = 24,
	VNDOC_EMR_SETBKCOLOR = 25,
	VNDOC_EMR_MOVETOEX = 27,
	VNDOC_EMR_SETMETARGN = 28,
	VNDOC_EMR_INTERSECTCLIPRECT = 30,
	VNDOC_EMR_SAVEDC = 33,
	VNDOC_EMR_RESTOREDC = 34,
	VNDOC_EMR_SETWORLDTRANSFORM = 35,
	VNDOC_EMR_MODIFYWORLDTRANSFORM = 36,
	VNDOC_EMR_SELECTOBJECT = 37,
	VNDOC_EMR_CREATEPEN = 38,
	VNDOC_EMR_CREATEBRUSHINDIRECT = 39,
	VNDOC_EMR_DELETEOBJECT = 40,
	VNDOC_EMR_ELLIPSE = 42,
	VNDOC_EMR_RECTANGLE = 43,
	VNDOC_EMR_ROUNDRECT = 44,
	VNDOC_EMR_SELECTPALETTE = 48,
	VNDOC_EMR_LINETO = 54,
	VNDOC_EMR_SETMITERLIMIT = 58,
	VNDOC_EMR_BEGINPATH = 59,
	VNDOC_EMR_ENDPATH = 60,
	VNDOC_EMR_CLOSEFIGURE = 61,
	VNDOC_EMR_FILLPATH = 62,
	VNDOC_EMR_STROKEANDFILLPATH = 63,
	VNDOC_EMR_STROKEPATH = 64,
	VNDOC_EMR_ABORTPATH = 68,
	VNDOC_EMR_GDICOMMENT = 70,
	VNDOC_EMR_BITBLT = 76,
	VNDOC_EMR_STRETCHBLT = 77,
	VNDOC_EMR_STRETCHDIBITS = 81,
	VNDOC_EMR_EXTCREATEFONTINDIRECTW = 82,
	VNDOC_EMR_EXTTEXTOUTW = 84,
	VNDOC_EMR_POLYBEZIER16 = 85,
	VNDOC_EMR_POLYGON16 = 86,
	VNDOC_EMR_POLYLINE16 = 87,
	VNDOC_EMR_POLYBEZIERTO16 = 88,
	VNDOC_EMR_POLYLINETO16 = 89,
	VNDOC_EMR_POLYPOLYLINE16 = 90,
	VNDOC_EMR_POLYPOLYGON16 = 91,
	VNDOC_EMR_EXTCREATEPEN = 95,
	VNDOC_EMR_SETICMMODE = 98,
	VNDOC_EMR_ALPHABLEND = 114,
	VNDOC_EMR_SETLAYOUT = 115,
};

/** An EMF file: its header's sizes (MS-EMF 2.2.9). */
typedef struct vndoc_docx_emf {
	const unsigned char *data;
	size_t len;             /* the bytes the records are read from */
	int32_t frame[4];       /* the picture: left, top, right, bottom in 0.01 mm */
	int32_t device[2];      /* the reference device in pixels ... */
	int32_t mm[2];          /* ... and in millimetres */
	uint32_t n_handles;     /* the object table's size */
} vndoc_docx_emf;

/** One record: its type, and `size` bytes at `p` (header included). */
typedef struct vndoc_docx_emf_record {
	uint32_t type, size;
	const unsigned char *p;
} vndoc_docx_emf_record;

static inline uint32_t vndoc_docx_emf_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline int32_t vndoc_docx_emf_i32(const unsigned char *p)
{
	return (int32_t)vndoc_docx_emf_u32(p);
}

/** Reads an EMF's header; -1 when `d` is no EMF vndoc can read. */
int vndoc_docx_emf_open(vndoc_docx_emf *e, const unsigned char *d, size_t len);

/**
 * The record at *off (start at 0) into `r`, *off moved past it: 1; 0 at
 * the end (EMR_EOF, or the end of the bytes); -1 when the record is
 * damaged (a size past the file, a count past the record), where the
 * picture stops.
 */
int vndoc_docx_emf_next(const vndoc_docx_emf *e, size_t *off, vndoc_docx_emf_record *r);

/** Does render/metafile.c play (or rightly ignore) records of `type`? */
bool vndoc_docx_emf_drawn(uint32_t type);

/**
 * Checks EMF `d` as vndoc_docx_emf_next walks it: -1 when it cannot be
 * read at all; else 0, with what is not drawn in `skipped` ("" when all
 * is): the names of the record types skipped ("ARC, FILLRGN"), "EMF+"
 * when the picture is drawn by GDI+ records only, and where it is damaged.
 */
int vndoc_docx_emf_check(const unsigned char *d, size_t len, char *skipped, size_t size);

/** Are `d`'s first bytes a WMF's (placeable or not)? */
bool vndoc_docx_wmf_is(const unsigned char *d, size_t len);

/**
 * WMF `d` as an EMF (malloc'd into *emf, *emf_len bytes) that the EMF
 * player draws the same: the placeable header's box (else the window the
 * records set) is its frame.  -1 when it cannot be read; else 0, with the
 * records not drawn named in `skipped` ("" when none).
 */
int vndoc_docx_wmf_to_emf(const unsigned char *d, size_t len, char **emf, size_t *emf_len, char *skipped,
			  size_t size);

#endif
