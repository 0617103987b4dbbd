/*
 * media.c: the parts that pictures from data add to a merged package:
 * each picture as word/media/vndoc-<part>-<n>.<ext>, a relationship
 * rIdVndocPic<n> in the part's .rels (created when the part had none),
 * and a Default content type for png and jpeg when the package lacks it.
 * Names follow the order of the pictures, so the same template and data
 * give the same bytes.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* strcasestr */
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/limits.h"
#include "tmpl/media.h"

static const char RELS_NS[] = "http://schemas.openxmlformats.org/package/2006/relationships";
static const char IMAGE_REL[] = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";

/* "word/header1.xml" -> folder "word/", base "header1.xml". */
static void split_name(const char *name, size_t *folder_len, const char **base)
{
	const char *slash = strrchr(name, '/');
	*folder_len = slash ? (size_t)(slash - name + 1) : 0;
	*base = slash ? slash + 1 : name;
}

static void add(vndoc_tmpl__extra *x, const char *name, const char *data, size_t len, bool owned)
{
	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 8;
		x->parts = vndoc_xreallocarray(x->parts, x->cap, sizeof *x->parts);
		x->owned = vndoc_xreallocarray(x->owned, x->cap, sizeof *x->owned);
	}
	x->parts[x->n].name = vndoc_xstrdup(name);
	x->parts[x->n].data = data;
	x->parts[x->n].len = len;
	x->parts[x->n].file = NULL;
	x->owned[x->n] = owned ? (char *)data : NULL;
	x->n++;
}

/* The part's relationships with the pictures' added before the end. */
static int rels_part(vndoc_tmpl__extra *x, const vndoc_package *pkg, const char *part,
		     const vndoc_tmpl__media *m, vndoc_error *err)
{
	size_t folder_len, len = 0;
	const char *base, *end;
	char *old = NULL, name[600], stem[300];
	vndoc_buf b = VNDOC_BUF_INIT(VNDOC_LIMIT_PART_BYTES);
	int rc;

	split_name(part, &folder_len, &base);
	snprintf(name, sizeof name, "%.*s_rels/%s.rels", (int)folder_len, part, base);
	snprintf(stem, sizeof stem, "%.*s", (int)(strcspn(base, ".")), base);
	if (vndoc_package_find(pkg, name) >= 0) {
		if ((rc = vndoc_package_read(&old, &len, pkg, name, err)) < 0)
			return rc;
	}
	end = old ? strstr(old, "</Relationships>") : NULL;
	if (old && !end) {
		free(old);
		return vndoc_error_set(err, VNDOC_EFORMAT, "%s: no </Relationships>", name);
	}
	if (old)
		vndoc_buf_put(&b, old, (size_t)(end - old));
	else
		vndoc_buf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
				     "<Relationships xmlns=\"%s\">", RELS_NS);
	for (size_t i = 0; i < m->n; i++)
		vndoc_buf_printf(&b, "<Relationship Id=\"rIdVndocPic%zu\" Type=\"%s\" Target=\"media/vndoc-%s-%zu.%s\"/>",
				 i + 1, IMAGE_REL, stem, i + 1, m->items[i].ext);
	vndoc_buf_puts(&b, old ? end : "</Relationships>");
	free(old);
	for (size_t i = 0; i < m->n; i++) {
		char media[700];
		snprintf(media, sizeof media, "%.*smedia/vndoc-%s-%zu.%s", (int)folder_len, part, stem, i + 1,
			 m->items[i].ext);
		add(x, media, m->items[i].data, m->items[i].len, false);
	}
	{
		size_t n;
		char *data = vndoc_buf_detach(&b, &n);
		add(x, name, data, n, true);
	}
	return 0;
}

int vndoc_tmpl__media_parts(vndoc_tmpl__extra *x, const vndoc_package *pkg, const char *const *names,
			    const vndoc_tmpl__media *media, size_t n, vndoc_error *err)
{
	bool png = false, jpeg = false;
	char *types;
	size_t len;
	const char *end;
	vndoc_buf b = VNDOC_BUF_INIT(VNDOC_LIMIT_PART_BYTES);
	int rc;

	memset(x, 0, sizeof *x);
	for (size_t i = 0; i < n; i++) {
		if (!media[i].n)
			continue;
		if ((rc = rels_part(x, pkg, names[i], &media[i], err)) < 0)
			return rc;
		for (size_t k = 0; k < media[i].n; k++) {
			png |= !strcmp(media[i].items[k].ext, "png");
			jpeg |= !strcmp(media[i].items[k].ext, "jpeg");
		}
	}
	if (!png && !jpeg)
		return 0;
	if ((rc = vndoc_package_read(&types, &len, pkg, "[Content_Types].xml", err)) < 0)
		return rc;
	if (!(end = strstr(types, "</Types>"))) {
		free(types);
		return vndoc_error_set(err, VNDOC_EFORMAT, "[Content_Types].xml: no </Types>");
	}
	vndoc_buf_put(&b, types, (size_t)(end - types));
	if (png && !strcasestr(types, "Extension=\"png\""))
		vndoc_buf_puts(&b, "<Default Extension=\"png\" ContentType=\"image/png\"/>");
	if (jpeg && !strcasestr(types, "Extension=\"jpeg\""))
		vndoc_buf_puts(&b, "<Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/>");
	vndoc_buf_puts(&b, end);
	free(types);
	{
		char *data = vndoc_buf_detach(&b, &len);
		add(x, "[Content_Types].xml", data, len, true);
	}
	return 0;
}

void vndoc_tmpl__extra_dispose(vndoc_tmpl__extra *x)
{
	for (size_t i = 0; i < x->n; i++) {
		free((char *)x->parts[i].name);
		free(x->owned[i]);
	}
	free(x->parts);
	free(x->owned);
	memset(x, 0, sizeof *x);
}
