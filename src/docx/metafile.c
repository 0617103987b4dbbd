/*
 * docx/metafile.c: the records of an EMF picture, checked (see
 * docx/metafile.h).  Every field is read byte by byte (little-endian),
 * never through a cast: a hostile file may put a record anywhere.
 */
#include <stdio.h>
#include <string.h>

#include <uemf.h>
#include <uemf_safe.h>
#include <uwmf.h>

#include "core/alloc.h"
#include "core/buf.h"
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
	e->n_handles = (uint32_t)d[56] | (uint32_t)d[57] << 8; /* nHandles: a 16-bit count */
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
	/* libuemf knows the layout of the records vndoc reads: their counts
	 * and offsets must stay inside the record's size.  (Not asked about
	 * the others, which are skipped unread: for some it prints a warning
	 * on the standard output.) */
	if (vndoc_docx_emf_drawn(r->type) && !U_emf_record_safe((const char *)r->p))
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

/* ---------------------------------------------------------------- WMF */

/* A WMF is drawn by the EMF player: each record it draws becomes the
 * EMF record that means the same (MS-WMF 2.3 -> MS-EMF 2.3), every field
 * read inside the record.  Objects take the lowest free slot of the
 * table (MS-WMF 3.1.4.1); EMF handle = WMF index + 1. */

typedef struct wmf_out {
	vndoc_buf b;
	uint32_t n_records;
	unsigned char *slots; /* used slots of the object table */
	uint32_t n_slots;
} wmf_out;

static void put32(vndoc_buf *b, uint32_t v)
{
	unsigned char c[4] = { (unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
			       (unsigned char)(v >> 24) };
	vndoc_buf_put(b, c, 4);
}

static unsigned u16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static int s16(const unsigned char *p)
{
	return (int16_t)u16(p);
}

/* Starts an EMF record of `type` and `size` bytes (a multiple of 4). */
static void emr(wmf_out *o, uint32_t type, uint32_t size)
{
	put32(&o->b, type);
	put32(&o->b, size);
	o->n_records++;
}

/* An EMF record of type `type` holding `n` 32-bit values. */
static void emr_ints(wmf_out *o, uint32_t type, int n, const int32_t *v)
{
	emr(o, type, 8 + 4 * (uint32_t)n);
	for (int i = 0; i < n; i++)
		put32(&o->b, (uint32_t)v[i]);
}

/* The lowest free slot taken: its EMF handle, 0 when the table is full. */
static uint32_t take_slot(wmf_out *o)
{
	for (uint32_t i = 0; i < o->n_slots; i++)
		if (!o->slots[i]) {
			o->slots[i] = 1;
			return i + 1;
		}
	return 0;
}

/* A string of `n` single-byte characters (Windows-1252 read as Latin-1)
 * as an EMR_EXTTEXTOUTW at x, y. */
static void text_out(wmf_out *o, int32_t x, int32_t y, const unsigned char *s, uint32_t n)
{
	uint32_t str = (2 * n + 3) / 4 * 4;
	emr(o, VNDOC_EMR_EXTTEXTOUTW, 76 + str);
	for (int i = 0; i < 4; i++)
		put32(&o->b, 0); /* bounds */
	put32(&o->b, 1);          /* GM_COMPATIBLE */
	put32(&o->b, 0x3f800000); /* exScale, eyScale: 1.0f */
	put32(&o->b, 0x3f800000);
	put32(&o->b, (uint32_t)x);
	put32(&o->b, (uint32_t)y);
	put32(&o->b, n);
	put32(&o->b, 76); /* offString */
	put32(&o->b, 0);  /* options */
	for (int i = 0; i < 4; i++)
		put32(&o->b, 0);
	put32(&o->b, 0); /* offDx: none */
	for (uint32_t i = 0; i < n; i++) {
		unsigned char c[2] = { s[i], 0 };
		vndoc_buf_put(&o->b, c, 2);
	}
	for (uint32_t i = 2 * n; i < str; i++)
		vndoc_buf_putc(&o->b, 0);
}

/* A DIB of a WMF bitmap record (`dib`, `n` bytes) as EMR_STRETCHDIBITS. */
static void stretch_dib(wmf_out *o, const int32_t dst[4], const int32_t src[4], const unsigned char *dib, uint32_t n,
			uint32_t rop)
{
	uint32_t hsize, bpp, used, pal, bmi, pad = (4 - n % 4) % 4;
	if (n < 40 || (hsize = vndoc_docx_emf_u32(dib)) < 40 || hsize > n)
		return;
	bpp = u16(dib + 14);
	used = vndoc_docx_emf_u32(dib + 32);
	pal = bpp <= 8 ? (used && used <= (1u << bpp) ? used : 1u << bpp) : 0;
	if (vndoc_docx_emf_u32(dib + 16) == 3)
		pal = 3; /* BI_BITFIELDS: three masks */
	bmi = hsize + 4 * pal;
	if (bmi > n)
		return;
	emr(o, VNDOC_EMR_STRETCHDIBITS, 80 + n + pad);
	for (int i = 0; i < 4; i++)
		put32(&o->b, 0);
	put32(&o->b, (uint32_t)dst[0]);
	put32(&o->b, (uint32_t)dst[1]);
	for (int i = 0; i < 4; i++)
		put32(&o->b, (uint32_t)src[i]);
	put32(&o->b, 80);
	put32(&o->b, bmi);
	put32(&o->b, 80 + bmi);
	put32(&o->b, n - bmi);
	put32(&o->b, 0); /* DIB_RGB_COLORS */
	put32(&o->b, rop);
	put32(&o->b, (uint32_t)dst[2]);
	put32(&o->b, (uint32_t)dst[3]);
	vndoc_buf_put(&o->b, dib, n);
	for (uint32_t i = 0; i < pad; i++)
		vndoc_buf_putc(&o->b, 0);
}

/* One WMF record (`f` its function, `p` its parameters, `n` bytes of
 * them) as EMF records; false when vndoc does not draw it. */
static bool wmf_record(wmf_out *o, unsigned f, const unsigned char *p, uint32_t n)
{
	int32_t v[8];
	uint32_t h;

	switch (f) {
	case 0x020b: /* SETWINDOWORG y, x */
	case 0x020c: /* SETWINDOWEXT */
	case 0x0214: /* MOVETO */
	case 0x0213: /* LINETO */
		if (n < 4)
			return true;
		v[0] = s16(p + 2), v[1] = s16(p);
		emr_ints(o, f == 0x020b ? VNDOC_EMR_SETWINDOWORGEX : f == 0x020c ? VNDOC_EMR_SETWINDOWEXTEX
						  : f == 0x0214 ? VNDOC_EMR_MOVETOEX : VNDOC_EMR_LINETO, 2, v);
		return true;
	case 0x0106: /* SETPOLYFILLMODE */
	case 0x0102: /* SETBKMODE */
	case 0x012e: /* SETTEXTALIGN */
		if (n < 2)
			return true;
		v[0] = (int32_t)u16(p);
		emr_ints(o, f == 0x0106 ? VNDOC_EMR_SETPOLYFILLMODE : f == 0x0102 ? VNDOC_EMR_SETBKMODE
										  : VNDOC_EMR_SETTEXTALIGN, 1, v);
		return true;
	case 0x0209: /* SETTEXTCOLOR */
		if (n < 4)
			return true;
		v[0] = (int32_t)vndoc_docx_emf_u32(p);
		emr_ints(o, VNDOC_EMR_SETTEXTCOLOR, 1, v);
		return true;
	case 0x0201: /* SETBKCOLOR, SETROP2, SETSTRETCHBLTMODE, SETMAPPERFLAGS, SETRELABS: nothing drawn */
	case 0x0104: case 0x0107: case 0x0231: case 0x0105: case 0x0035: case 0x0037: case 0x0234:
		return true;
	case 0x001e: /* SAVEDC */
		emr(o, VNDOC_EMR_SAVEDC, 8);
		return true;
	case 0x0127: /* RESTOREDC */
		if (n < 2)
			return true;
		v[0] = s16(p);
		emr_ints(o, VNDOC_EMR_RESTOREDC, 1, v);
		return true;
	case 0x02fa: /* CREATEPENINDIRECT: style, width x, y, colour */
		if (!(h = take_slot(o)) || n < 10)
			return true;
		v[0] = (int32_t)h, v[1] = (int32_t)u16(p), v[2] = s16(p + 2), v[3] = 0;
		v[4] = (int32_t)vndoc_docx_emf_u32(p + 6);
		emr_ints(o, VNDOC_EMR_CREATEPEN, 5, v);
		return true;
	case 0x02fc: /* CREATEBRUSHINDIRECT: style, colour, hatch */
		if (!(h = take_slot(o)) || n < 6)
			return true;
		v[0] = (int32_t)h, v[1] = (int32_t)u16(p), v[2] = (int32_t)vndoc_docx_emf_u32(p + 2);
		v[3] = n >= 8 ? (int32_t)u16(p + 6) : 0;
		emr_ints(o, VNDOC_EMR_CREATEBRUSHINDIRECT, 4, v);
		return true;
	case 0x02fb: { /* CREATEFONTINDIRECT */
		unsigned char face[64];
		if (!(h = take_slot(o)) || n < 18)
			return true;
		emr(o, VNDOC_EMR_EXTCREATEFONTINDIRECTW, 104);
		put32(&o->b, h);
		for (int i = 0; i < 5; i++)
			put32(&o->b, (uint32_t)s16(p + 2 * i));
		vndoc_buf_put(&o->b, p + 10, 8); /* italic ... pitch and family */
		memset(face, 0, sizeof face);
		for (uint32_t i = 0; i < 31 && 18 + i < n && p[18 + i]; i++)
			face[2 * i] = p[18 + i];
		vndoc_buf_put(&o->b, face, sizeof face);
		return true;
	}
	case 0x012d: /* SELECTOBJECT */
	case 0x01f0: /* DELETEOBJECT */
		if (n < 2)
			return true;
		h = u16(p);
		if (f == 0x01f0 && h < o->n_slots)
			o->slots[h] = 0;
		v[0] = (int32_t)(h + 1);
		emr_ints(o, f == 0x012d ? VNDOC_EMR_SELECTOBJECT : VNDOC_EMR_DELETEOBJECT, 1, v);
		return true;
	case 0x00f7: /* CREATEPALETTE, CREATEPATTERNBRUSH, DIBCREATEPATTERNBRUSH, CREATEREGION: a slot, not drawn */
	case 0x01f9: case 0x0142: case 0x06ff:
		take_slot(o);
		return f == 0x00f7;
	case 0x0324: /* POLYGON */
	case 0x0325: { /* POLYLINE */
		uint32_t c;
		if (n < 2 || (c = u16(p)) > (n - 2) / 4)
			return true;
		emr(o, f == 0x0324 ? VNDOC_EMR_POLYGON16 : VNDOC_EMR_POLYLINE16, 28 + 4 * c);
		for (int i = 0; i < 4; i++)
			put32(&o->b, 0);
		put32(&o->b, c);
		vndoc_buf_put(&o->b, p + 2, 4 * c);
		return true;
	}
	case 0x0538: { /* POLYPOLYGON */
		uint32_t np, total = 0;
		if (n < 2 || (np = u16(p)) > (n - 2) / 2)
			return true;
		for (uint32_t i = 0; i < np; i++)
			total += u16(p + 2 + 2 * i);
		if (total > (n - 2 - 2 * np) / 4)
			return true;
		emr(o, VNDOC_EMR_POLYPOLYGON16, 32 + 4 * np + 4 * total);
		for (int i = 0; i < 4; i++)
			put32(&o->b, 0);
		put32(&o->b, np);
		put32(&o->b, total);
		for (uint32_t i = 0; i < np; i++)
			put32(&o->b, u16(p + 2 + 2 * i));
		vndoc_buf_put(&o->b, p + 2 + 2 * np, 4 * total);
		return true;
	}
	case 0x041b: /* RECTANGLE bottom, right, top, left */
	case 0x0418: /* ELLIPSE */
	case 0x0416: /* INTERSECTCLIPRECT */
		if (n < 8)
			return true;
		v[0] = s16(p + 6), v[1] = s16(p + 4), v[2] = s16(p + 2), v[3] = s16(p);
		emr_ints(o, f == 0x041b ? VNDOC_EMR_RECTANGLE : f == 0x0418 ? VNDOC_EMR_ELLIPSE
									    : VNDOC_EMR_INTERSECTCLIPRECT, 4, v);
		return true;
	case 0x061c: /* ROUNDRECT height, width, bottom, right, top, left */
		if (n < 12)
			return true;
		v[0] = s16(p + 10), v[1] = s16(p + 8), v[2] = s16(p + 6), v[3] = s16(p + 4);
		v[4] = s16(p + 2), v[5] = s16(p);
		emr_ints(o, VNDOC_EMR_ROUNDRECT, 6, v);
		return true;
	case 0x0521: { /* TEXTOUT count, string (even), y, x */
		uint32_t c, at;
		if (n < 2 || (c = u16(p)) > n - 2)
			return true;
		at = 2 + (c + 1) / 2 * 2;
		if (at > n || n - at < 4)
			return true;
		text_out(o, s16(p + at + 2), s16(p + at), p + 2, c);
		return true;
	}
	case 0x0a32: { /* EXTTEXTOUT y, x, count, options, [rect], string */
		uint32_t c, at = 8;
		if (n < 8)
			return true;
		c = u16(p + 4);
		if (u16(p + 6) & 0x0006)
			at += 8;
		if (at > n || c > n - at)
			return true;
		text_out(o, s16(p + 2), s16(p), p + at, c);
		return true;
	}
	case 0x0b41: /* DIBSTRETCHBLT rop, srcH, srcW, ySrc, xSrc, destH, destW, yDest, xDest, DIB */
	case 0x0f43: { /* STRETCHDIB rop, usage, srcH, srcW, ySrc, xSrc, destH, destW, yDest, xDest, DIB */
		uint32_t at = f == 0x0f43 ? 6 : 4;
		int32_t dst[4], src[4];
		if (n < at + 16 + 40)
			return true; /* no bitmap: a raster operation alone */
		src[3] = s16(p + at), src[2] = s16(p + at + 2), src[1] = s16(p + at + 4), src[0] = s16(p + at + 6);
		dst[3] = s16(p + at + 8), dst[2] = s16(p + at + 10), dst[1] = s16(p + at + 12);
		dst[0] = s16(p + at + 14);
		stretch_dib(o, dst, src, p + at + 16, n - at - 16, vndoc_docx_emf_u32(p));
		return true;
	}
	case 0x0940: { /* DIBBITBLT rop, ySrc, xSrc, height, width, yDest, xDest, DIB */
		int32_t dst[4], src[4];
		if (n < 16 + 40)
			return true;
		src[1] = s16(p + 4), src[0] = s16(p + 6);
		dst[3] = src[3] = s16(p + 8), dst[2] = src[2] = s16(p + 10);
		dst[1] = s16(p + 12), dst[0] = s16(p + 14);
		stretch_dib(o, dst, src, p + 16, n - 16, vndoc_docx_emf_u32(p));
		return true;
	}
	default:
		return false;
	}
}

bool vndoc_docx_wmf_is(const unsigned char *d, size_t len)
{
	return len >= 4 && (!memcmp(d, "\xd7\xcd\xc6\x9a", 4) || !memcmp(d, "\x01\x00\x09\x00", 4) ||
			    !memcmp(d, "\x02\x00\x09\x00", 4));
}

int vndoc_docx_wmf_to_emf(const unsigned char *d, size_t len, char **emf, size_t *emf_len, char *skipped,
			  size_t size)
{
	wmf_out o;
	size_t off = 0, start;
	int32_t box[4] = { 0, 0, 0, 0 }, v[2];
	uint32_t inch = 1440, n_objects, n = 0;
	bool placeable = len >= 22 && !memcmp(d, "\xd7\xcd\xc6\x9a", 4), ended = false;
	char name[48];

	*skipped = '\0';
	if (!vndoc_docx_wmf_is(d, len))
		return -1;
	if (placeable) {
		box[0] = s16(d + 6), box[1] = s16(d + 8), box[2] = s16(d + 10), box[3] = s16(d + 12);
		inch = u16(d + 14);
		off = 22;
	}
	/* The 18-byte header: type, header size (9 words), version, size, objects. */
	if (len - off < 18 || u16(d + off + 2) != 9 || inch == 0)
		return -1;
	n_objects = u16(d + off + 10);
	off += 18;
	if (!placeable) {
		/* No bounding box: the window the records set, at 1440 a inch. */
		for (size_t at = off; at + 10 <= len;) {
			uint32_t words = vndoc_docx_emf_u32(d + at);
			if (words < 3 || words > (len - at) / 2)
				break;
			if (u16(d + at + 4) == 0x020c)
				box[3] = s16(d + at + 6), box[2] = s16(d + at + 8);
			else if (u16(d + at + 4) == 0x020b)
				box[1] = s16(d + at + 6), box[0] = s16(d + at + 8);
			at += 2 * (size_t)words;
		}
		box[2] += box[0], box[3] += box[1];
	}
	if (box[2] <= box[0] || box[3] <= box[1])
		return -1;
	vndoc_buf_init(&o.b, 2 * len + 65536 + (size_t)VNDOC_LIMIT_EMF_RECORDS * 128);
	o.n_records = 0;
	o.n_slots = n_objects;
	o.slots = vndoc_xcalloc(n_objects ? n_objects : 1, 1);
	/* The header: frame = the box in 0.01 mm; `inch` device pixels an inch. */
	emr(&o, VNDOC_EMR_HEADER, 88);
	for (int i = 0; i < 4; i++)
		put32(&o.b, (uint32_t)box[i]);
	for (int i = 0; i < 4; i++)
		put32(&o.b, (uint32_t)(int32_t)((int64_t)box[i] * 2540 / inch));
	vndoc_buf_put(&o.b, " EMF", 4);
	put32(&o.b, 0x10000);
	put32(&o.b, 0); /* nBytes, nRecords: filled below */
	put32(&o.b, 0);
	put32(&o.b, n_objects < 0xffff ? n_objects + 1 : 0xffff); /* nHandles (and a reserved 0) */
	put32(&o.b, 0);
	put32(&o.b, 0);
	put32(&o.b, 0);
	put32(&o.b, inch * 10);
	put32(&o.b, inch * 10);
	put32(&o.b, 254);
	put32(&o.b, 254);
	/* The window the records set maps onto the box. */
	v[0] = 8;
	emr_ints(&o, VNDOC_EMR_SETMAPMODE, 1, v);
	v[0] = box[0], v[1] = box[1];
	emr_ints(&o, VNDOC_EMR_SETVIEWPORTORGEX, 2, v);
	emr_ints(&o, VNDOC_EMR_SETWINDOWORGEX, 2, v);
	v[0] = box[2] - box[0], v[1] = box[3] - box[1];
	emr_ints(&o, VNDOC_EMR_SETVIEWPORTEXTEX, 2, v);
	emr_ints(&o, VNDOC_EMR_SETWINDOWEXTEX, 2, v);
	while (off + 6 <= len && !ended) {
		uint32_t words = vndoc_docx_emf_u32(d + off);
		unsigned f = u16(d + off + 4);
		if (words < 3 || words > (len - off) / 2) {
			snprintf(name, sizeof name, "damaged from record %lu", (unsigned long)n + 1);
			add_name(skipped, size, name);
			break;
		}
		if (++n > VNDOC_LIMIT_EMF_RECORDS) {
			add_name(skipped, size, "records past the limit");
			break;
		}
		start = off;
		off += 2 * (size_t)words;
		if (f == 0) {
			ended = true;
		} else if (!wmf_record(&o, f, d + start + 6, 2 * words - 6)) {
			const char *w = U_wmr_names(f & 0xff);
			if (w && !strncmp(w, "U_WMR_", 6))
				snprintf(name, sizeof name, "%s", w + 6);
			else
				snprintf(name, sizeof name, "record 0x%04x", f);
			add_name(skipped, size, name);
		}
	}
	emr(&o, VNDOC_EMR_EOF, 20);
	put32(&o.b, 0);
	put32(&o.b, 16);
	put32(&o.b, 20);
	free(o.slots);
	if (vndoc_buf_failed(&o.b)) {
		vndoc_buf_dispose(&o.b);
		return -1;
	}
	*emf = vndoc_buf_detach(&o.b, emf_len);
	/* nBytes and nRecords of the header. */
	for (int i = 0; i < 4; i++) {
		(*emf)[48 + i] = (char)(*emf_len >> (8 * i));
		(*emf)[52 + i] = (char)(o.n_records >> (8 * i));
	}
	return 0;
}
