/*
 * docx/metafile.c: the records of an EMF picture, checked (see
 * docx/metafile.h).  Every field is read byte by byte (little-endian),
 * never through a cast: a hostile file may put a record anywhere.
 */
#include <stdio.h>
#include <string.h>

#include <uemf.h>
#include <uemf_safe.h>

#include "core/limits.h"
#include "docx/metafile.h"

/* MS-EMF 2.3.4.2: the header record's fixed part, to szlMillimeters. */
#define EMF_HEADER_MIN 88

int vndoc_docx_emf_open(vndoc_docx_emf *e, const unsigned char *d, size_t len)
{
	uint32_t size, bytes;

	memset(e, 0, sizeof *e);
	if (!d || len < EMF_HEADER_MIN || vndoc_docx_emf_u32(d) != VNDOC_EMR_HEADER || memcmp(d + 40, " EMF", 4))
		return -1;
	size = vndoc_docx_emf_u32(d + 4);
	if (size < EMF_HEADER_MIN || size > len || size % 4 || !U_emf_record_safe((const char *)d))
		return -1;
	/* nBytes, the file's own length, may be less than the part's. */
	bytes = vndoc_docx_emf_u32(d + 48);
	e->data = d;
	e->len = bytes >= size && bytes < len ? bytes : len;
	for (int i = 0; i < 4; i++)
		e->frame[i] = vndoc_docx_emf_i32(d + 24 + 4 * i);
	e->device[0] = vndoc_docx_emf_i32(d + 72);
	e->device[1] = vndoc_docx_emf_i32(d + 76);
	e->mm[0] = vndoc_docx_emf_i32(d + 80);
	e->mm[1] = vndoc_docx_emf_i32(d + 84);
	e->n_handles = vndoc_docx_emf_u32(d + 52) & 0xffff; /* nHandles is a 16-bit count */
	if (e->device[0] <= 0 || e->device[1] <= 0 || e->mm[0] <= 0 || e->mm[1] <= 0 ||
	    (int64_t)e->frame[2] - e->frame[0] <= 0 || (int64_t)e->frame[3] - e->frame[1] <= 0 ||
	    (int64_t)e->frame[2] - e->frame[0] > 100 * VNDOC_LIMIT_PICTURE_MM ||
	    (int64_t)e->frame[3] - e->frame[1] > 100 * VNDOC_LIMIT_PICTURE_MM)
		return -1;
	return 0;
}

int vndoc_docx_emf_next(const vndoc_docx_emf *e, size_t *off, vndoc_docx_emf_record *r)
{
	size_t left;

	if (*off > e->len || e->len - *off < 8)
		return 0;
	left = e->len - *off;
	r->p = e->data + *off;
	r->type = vndoc_docx_emf_u32(r->p);
	r->size = vndoc_docx_emf_u32(r->p + 4);
	if (r->size < 8 || r->size % 4 || r->size > left)
		return -1;
	if (r->type == VNDOC_EMR_EOF)
		return 0;
	/* libuemf knows the layout of every standard record: its counts and
	 * offsets must stay inside the record's size. */
	if (r->type >= U_EMR_MIN && r->type <= U_EMR_MAX && !U_emf_record_safe((const char *)r->p))
		return -1;
	*off += r->size;
	return 1;
}

bool vndoc_docx_emf_drawn(uint32_t type)
{
	switch (type) {
	case VNDOC_EMR_HEADER: case VNDOC_EMR_EOF: case VNDOC_EMR_GDICOMMENT:
	case VNDOC_EMR_POLYBEZIER: case VNDOC_EMR_POLYGON: case VNDOC_EMR_POLYLINE:
	case VNDOC_EMR_POLYBEZIERTO: case VNDOC_EMR_POLYLINETO: case VNDOC_EMR_POLYPOLYLINE:
	case VNDOC_EMR_POLYPOLYGON: case VNDOC_EMR_POLYBEZIER16: case VNDOC_EMR_POLYGON16:
	case VNDOC_EMR_POLYLINE16: case VNDOC_EMR_POLYBEZIERTO16: case VNDOC_EMR_POLYLINETO16:
	case VNDOC_EMR_POLYPOLYLINE16: case VNDOC_EMR_POLYPOLYGON16:
	case VNDOC_EMR_SETWINDOWEXTEX: case VNDOC_EMR_SETWINDOWORGEX: case VNDOC_EMR_SETVIEWPORTEXTEX:
	case VNDOC_EMR_SETVIEWPORTORGEX: case VNDOC_EMR_SETMAPMODE: case VNDOC_EMR_SETBKMODE:
	case VNDOC_EMR_SETPOLYFILLMODE: case VNDOC_EMR_SETTEXTALIGN: case VNDOC_EMR_SETTEXTCOLOR:
	case VNDOC_EMR_SETBKCOLOR: case VNDOC_EMR_MOVETOEX: case VNDOC_EMR_LINETO:
	case VNDOC_EMR_INTERSECTCLIPRECT: case VNDOC_EMR_SAVEDC: case VNDOC_EMR_RESTOREDC:
	case VNDOC_EMR_SETWORLDTRANSFORM: case VNDOC_EMR_MODIFYWORLDTRANSFORM: case VNDOC_EMR_SELECTOBJECT:
	case VNDOC_EMR_CREATEPEN: case VNDOC_EMR_EXTCREATEPEN: case VNDOC_EMR_CREATEBRUSHINDIRECT:
	case VNDOC_EMR_DELETEOBJECT: case VNDOC_EMR_EXTCREATEFONTINDIRECTW: case VNDOC_EMR_ELLIPSE:
	case VNDOC_EMR_RECTANGLE: case VNDOC_EMR_ROUNDRECT: case VNDOC_EMR_BEGINPATH: case VNDOC_EMR_ENDPATH:
	case VNDOC_EMR_CLOSEFIGURE: case VNDOC_EMR_FILLPATH: case VNDOC_EMR_STROKEANDFILLPATH:
	case VNDOC_EMR_STROKEPATH: case VNDOC_EMR_ABORTPATH: case VNDOC_EMR_EXTTEXTOUTW:
	case VNDOC_EMR_STRETCHDIBITS: case VNDOC_EMR_BITBLT: case VNDOC_EMR_STRETCHBLT: case VNDOC_EMR_ALPHABLEND:
	case VNDOC_EMR_SETMITERLIMIT:
	/* State that changes nothing vndoc draws: colour management, the
	 * stretching mode, raster operations (all drawn as copies), palettes,
	 * the brush origin (hatches are drawn solid), font mapping, layout. */
	case VNDOC_EMR_SETICMMODE: case VNDOC_EMR_SETSTRETCHBLTMODE: case VNDOC_EMR_SETROP2:
	case VNDOC_EMR_SELECTPALETTE: case VNDOC_EMR_SETBRUSHORGEX: case VNDOC_EMR_SETMAPPERFLAGS:
	case VNDOC_EMR_SETLAYOUT: case VNDOC_EMR_SETMETARGN:
		return true;
	default:
		return false;
	}
}

/* Appends `name` to the list in `out` unless it is there. */
static void add_name(char *out, size_t size, const char *name)
{
	size_t n = strlen(out), k = strlen(name);
	for (const char *p = strstr(out, name); p; p = strstr(p + 1, name))
		if ((p == out || p[-1] == ' ') && (p[k] == ',' || !p[k]))
			return;
	snprintf(out + n, size - n, "%s%s", n ? ", " : "", name);
}

int vndoc_docx_emf_check(const unsigned char *d, size_t len, char *skipped, size_t size)
{
	vndoc_docx_emf e;
	vndoc_docx_emf_record r;
	size_t off = 0;
	unsigned long n = 0;
	int rc;
	char buf[48];

	*skipped = '\0';
	if (vndoc_docx_emf_open(&e, d, len) < 0)
		return -1;
	while ((rc = vndoc_docx_emf_next(&e, &off, &r)) > 0) {
		if (++n > VNDOC_LIMIT_EMF_RECORDS) {
			add_name(skipped, size, "records past the limit");
			return 0;
		}
		if (r.type == VNDOC_EMR_GDICOMMENT && r.size >= 24 && !memcmp(r.p + 12, "EMF+", 4) &&
		    (r.p[16] | r.p[17] << 8) == 0x4001 && !(r.p[18] & 1)) {
			/* An EMF+ header without its "dual" flag: GDI+ draws it all. */
			add_name(skipped, size, "EMF+");
		} else if (!vndoc_docx_emf_drawn(r.type)) {
			const char *name = r.type >= U_EMR_MIN && r.type <= U_EMR_MAX ? U_emr_names(r.type) : NULL;
			if (name && !strncmp(name, "U_EMR_", 6))
				snprintf(buf, sizeof buf, "%s", name + 6);
			else
				snprintf(buf, sizeof buf, "record %u", (unsigned)r.type);
			add_name(skipped, size, buf);
		}
	}
	if (rc < 0) {
		snprintf(buf, sizeof buf, "damaged from record %lu", n + 1);
		add_name(skipped, size, buf);
	}
	return 0;
}
