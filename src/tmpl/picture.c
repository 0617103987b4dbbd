/*
 * picture.c: pictures from data ({%anh} inline, {%%anh} alone in a
 * centred paragraph; docxtemplater's image-module syntax).
 *
 * The value is a path relative to the data file's folder, a `data:` URI
 * (base64), or an object {"src": …, "width": mm, "height": mm}.  A path
 * that leaves the folder, a symbolic link, or bytes that are not a PNG or
 * a JPEG are errors.  Without a size the picture is its pixels at 96 dpi;
 * with one dimension the other keeps the proportions.  merge.c adds each
 * picture as a media part with its relationship and content type.
 */
#define _DEFAULT_SOURCE /* realpath, lstat */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>

#include "core/alloc.h"
#include "core/limits.h"
#include "tmpl/tmpl_internal.h"

/* The pixel size of a PNG (IHDR) or a baseline/progressive JPEG (SOFn). */
static const char *picture_type(const unsigned char *d, size_t n, long *w, long *h)
{
	if (n >= 24 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8) && !memcmp(d + 12, "IHDR", 4)) {
		*w = (long)((unsigned long)d[16] << 24 | (unsigned long)d[17] << 16 | d[18] << 8 | d[19]);
		*h = (long)((unsigned long)d[20] << 24 | (unsigned long)d[21] << 16 | d[22] << 8 | d[23]);
		return *w > 0 && *h > 0 ? "png" : NULL;
	}
	if (n >= 4 && d[0] == 0xFF && d[1] == 0xD8) {
		size_t i = 2;
		while (i + 9 < n && d[i] == 0xFF) {
			unsigned m = d[i + 1];
			size_t len = (size_t)d[i + 2] << 8 | d[i + 3];
			if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
				*h = d[i + 5] << 8 | d[i + 6];
				*w = d[i + 7] << 8 | d[i + 8];
				return *w > 0 && *h > 0 ? "jpeg" : NULL;
			}
			if (m == 0xD8 || (m >= 0xD0 && m <= 0xD7)) {
				i += 2;
				continue;
			}
			i += 2 + len;
		}
	}
	return NULL;
}

/* Reads `src` below `dir`: relative, not leaving it, not a link. */
/* Reads `src` below `dir` into `out` (data, len; `path` set to the file's
 * device and inode, the key of `media`'s table): a file `media` holds
 * already, under any spelling of its name, is not read again (`cached`). */
static int read_below(vndoc_tmpl__picture *out, const char *src, const char *dir, const vndoc_tmpl__media *media,
		      char *msg, size_t size)
{
	char *joined, real_dir[PATH_MAX], real[PATH_MAX];
	struct stat st;
	gchar **parts;
	bool up = false;
	int rc = -1;

	parts = g_strsplit(src, "/", -1);
	for (gchar **p = parts; *p; p++)
		up |= !strcmp(*p, "..");
	g_strfreev(parts);
	if (src[0] == '/' || up || !*src) {
		snprintf(msg, size, "picture '%.60s': the path must stay inside the data file's folder", src);
		return -1;
	}
	if (!dir) {
		snprintf(msg, size, "picture '%.60s': a picture from a file needs the data file's folder", src);
		return -1;
	}
	joined = g_build_filename(dir, src, NULL);
	if (lstat(joined, &st) < 0) {
		snprintf(msg, size, "picture '%.60s': %s", src, strerror(errno));
	} else if (S_ISLNK(st.st_mode)) {
		snprintf(msg, size, "picture '%.60s': a symbolic link, not a picture", src);
	} else if (!realpath(dir, real_dir) || !realpath(joined, real) ||
		   strncmp(real, real_dir, strlen(real_dir)) || real[strlen(real_dir)] != '/') {
		snprintf(msg, size, "picture '%.60s': the path must stay inside the data file's folder", src);
	} else if (!S_ISREG(st.st_mode) || st.st_size > VNDOC_LIMIT_PICTURE_BYTES) {
		snprintf(msg, size, "picture '%.60s': not a file, or larger than %d bytes", src,
			 VNDOC_LIMIT_PICTURE_BYTES);
	} else {
		gsize n;
		GError *ge = NULL;
		gchar *bytes;
		char *key = g_strdup_printf("%ju:%ju", (uintmax_t)st.st_dev, (uintmax_t)st.st_ino);
		size_t k = media && media->paths ? GPOINTER_TO_SIZE(g_hash_table_lookup(media->paths, key)) : 0;
		if (k) {
			/* The same file again (a logo in each of 9,999 units'
			 * rows): a 32 MB picture was read 9,999 times. */
			out->data = media->items[k - 1].data;
			out->len = media->items[k - 1].len;
			out->cached = k;
			g_free(key);
			rc = 0;
		} else if (g_file_get_contents(joined, &bytes, &n, &ge)) {
			out->data = vndoc_xmalloc(n + 1);
			memcpy(out->data, bytes, n);
			out->len = n;
			out->path = vndoc_xstrdup(key);
			g_free(key);
			g_free(bytes);
			rc = 0;
		} else {
			snprintf(msg, size, "picture '%.60s': %s", src, ge->message);
			g_error_free(ge);
			g_free(key);
		}
	}
	g_free(joined);
	return rc;
}

/* The field `key` of a picture object in mm: 0 when it is absent (or
 * null), -1 when it is not a number above 0 and at most
 * VNDOC_LIMIT_PICTURE_MM (1e308 mm overflowed the size in EMU). */
static double field_mm(const vndoc_value *v, const char *key)
{
	const vndoc_value *f = vndoc_value_get(v, key, strlen(key));
	double mm;

	if (!f || vndoc_value_type_of(f) == VNDOC_VALUE_NULL)
		return 0;
	if (vndoc_value_type_of(f) != VNDOC_VALUE_NUMBER)
		return -1;
	mm = vndoc_value_number(f);
	return mm > 0 && mm <= VNDOC_LIMIT_PICTURE_MM ? mm : -1;
}

int vndoc_tmpl__picture_load(vndoc_tmpl__picture *out, const vndoc_value *v, const char *dir,
			     const vndoc_tmpl__media *media, char *msg, size_t size)
{
	const vndoc_value *srcv = v;
	double wmm = 0, hmm = 0;
	const char *src;
	size_t slen;
	long w = 0, h = 0;

	memset(out, 0, sizeof *out);
	if (vndoc_value_type_of(v) == VNDOC_VALUE_MAP) {
		srcv = vndoc_value_get(v, "src", 3);
		wmm = field_mm(v, "width");
		hmm = field_mm(v, "height");
		if (wmm < 0 || hmm < 0) {
			snprintf(msg, size, "a picture's width and height are millimetres, above 0 and at most %d",
				 VNDOC_LIMIT_PICTURE_MM);
			return -1;
		}
	}
	if (!srcv || vndoc_value_type_of(srcv) != VNDOC_VALUE_STRING) {
		snprintf(msg, size, "a picture is a path, a data: URI or {\"src\": …, \"width\": mm, \"height\": mm}");
		return -1;
	}
	src = vndoc_value_text(srcv, &slen);
	if (!strncmp(src, "data:", 5)) {
		const char *comma = strchr(src, ',');
		gsize n;
		guchar *bytes;
		if (!comma || !strstr(src, ";base64,") || strstr(src, ";base64,") + 7 != comma ||
		    slen > 4 * (size_t)VNDOC_LIMIT_PICTURE_BYTES / 3 + 4) {
			snprintf(msg, size, "picture: a data: URI must be base64 (data:image/png;base64,…)");
			return -1;
		}
		bytes = g_base64_decode(comma + 1, &n);
		out->data = vndoc_xmalloc(n + 1);
		memcpy(out->data, bytes, n);
		out->len = n;
		g_free(bytes);
	} else if (read_below(out, src, dir, media, msg, size) < 0) {
		return -1;
	}
	if (!(out->ext = picture_type((const unsigned char *)out->data, out->len, &w, &h))) {
		free(out->data); /* never a cached one: it was a picture */
		free(out->path);
		out->data = out->path = NULL;
		snprintf(msg, size, "picture '%.60s': not a PNG or JPEG picture", strncmp(src, "data:", 5) ? src : "data:…");
		return -1;
	}
	/* EMU: 914400 an inch; pixels at 96 dpi are 9525 each, a mm 36000. */
	if (wmm > 0 && hmm > 0) {
		out->cx = (long)(wmm * 36000);
		out->cy = (long)(hmm * 36000);
	} else if (wmm > 0) {
		out->cx = (long)(wmm * 36000);
		out->cy = (long)((double)out->cx * h / w);
	} else if (hmm > 0) {
		out->cy = (long)(hmm * 36000);
		out->cx = (long)((double)out->cy * w / h);
	} else {
		out->cx = w * 9525;
		out->cy = h * 9525;
	}
	return 0;
}

void vndoc_tmpl__picture_drawing(vndoc_buf *out, const vndoc_tmpl__picture *p, unsigned id, size_t n)
{
	vndoc_buf_printf(out,
		"<w:drawing><wp:inline xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""
		" distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"%ld\" cy=\"%ld\"/>"
		"<wp:docPr id=\"%u\" name=\"Picture %u\"/>"
		"<a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
		"<a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
		"<pic:pic xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
		"<pic:nvPicPr><pic:cNvPr id=\"%u\" name=\"vndoc%zu.%s\"/><pic:cNvPicPr/></pic:nvPicPr>"
		"<pic:blipFill><a:blip xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
		" r:embed=\"rIdVndocPic%zu\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
		"<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"%ld\" cy=\"%ld\"/></a:xfrm>"
		"<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>"
		"</wp:inline></w:drawing>",
		p->cx, p->cy, id, id, id, n, p->ext, n, p->cx, p->cy);
}

void vndoc_tmpl__media_dispose(vndoc_tmpl__media *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->items[i].data);
	if (m->paths)
		g_hash_table_destroy(m->paths);
	m->paths = NULL;
	free(m->items);
	m->items = NULL;
	m->n = m->cap = 0;
}
