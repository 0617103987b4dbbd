/*
 * package/write.c: writing packages deterministically.
 *
 * Output order: [Content_Types].xml, the template's parts in archive order,
 * then added parts in the order given.  Every entry gets the same DOS
 * timestamp (1980-01-01 00:00) and attributes.  Parts that are not replaced
 * are copied from the source archive as their original compressed bytes
 * (libzip copies a whole entry without recompressing when its compression
 * method is left as it was).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/fsutil.h"
#include "core/limits.h"
#include "package/package_internal.h"

#define CONTENT_TYPES "[Content_Types].xml"
#define DOS_DATE_1980_01_01 ((0 << 9) | (1 << 5) | 1)
#define DOS_TIME_MIDNIGHT 0

static const vndoc_part *find_part(const vndoc_part *parts, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcasecmp(parts[i].name, name))
			return &parts[i];
	return NULL;
}

typedef struct writer {
	zip_t *dst;
	zip_t *src;          /* the source archive, for raw copies; may be NULL */
	const vndoc_package *pkg;
	int level;
	vndoc_error *err;
} writer;

static int add_entry(writer *w, const char *name, zip_source_t *s, int raw)
{
	zip_int64_t idx;

	if (!s)
		return vndoc_package__zip_error(w->err, zip_get_error(w->dst), w->pkg, name, "cannot add part");
	idx = zip_file_add(w->dst, name, s, ZIP_FL_ENC_UTF_8);
	if (idx < 0) {
		zip_source_free(s);
		return vndoc_package__zip_error(w->err, zip_get_error(w->dst), w->pkg, name, "cannot add part");
	}
	if ((!raw && zip_set_file_compression(w->dst, (zip_uint64_t)idx, ZIP_CM_DEFLATE,
					      (zip_uint32_t)w->level) < 0) ||
	    zip_file_set_dostime(w->dst, (zip_uint64_t)idx, DOS_TIME_MIDNIGHT, DOS_DATE_1980_01_01, 0) < 0 ||
	    zip_file_set_external_attributes(w->dst, (zip_uint64_t)idx, 0, ZIP_OPSYS_DOS, 0) < 0)
		return vndoc_package__zip_error(w->err, zip_get_error(w->dst), w->pkg, name, "cannot set part");
	return 0;
}

static int add_given(writer *w, const vndoc_part *p)
{
	zip_source_t *s;

	if (p->len > VNDOC_LIMIT_PART_BYTES) {
		vndoc_error_set_part(w->err, p->name);
		return vndoc_error_set(w->err, VNDOC_ELIMIT, "part is larger than the limit");
	}
	if (p->file) {
		/* libzip closes the FILE it is given, and reads from where it
		 * stands: give it its own, at the start (the two share the
		 * file's position). */
		int fd = fflush(p->file) == 0 ? dup(fileno(p->file)) : -1;
		FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
		if (!f || fseeko(f, 0, SEEK_SET) != 0) {
			int e = errno;
			if (f)
				fclose(f);
			else if (fd >= 0)
				close(fd);
			vndoc_error_set_part(w->err, p->name);
			return vndoc_error_set_sys(w->err, VNDOC_EIO, e, "cannot read the part's file");
		}
		s = zip_source_filep(w->dst, f, 0, (zip_int64_t)p->len);
		if (!s)
			fclose(f);
	} else {
		s = zip_source_buffer(w->dst, p->data, p->len, 0);
	}
	return add_entry(w, p->name, s, 0);
}

static int add_original(writer *w, const vndoc_package_entry *e)
{
	vndoc_part p = { NULL, NULL, 0, NULL };

	if (e->data) { /* a folder package: compress its bytes */
		p.name = e->name;
		p.data = e->data;
		p.len = (size_t)e->size;
		return add_given(w, &p);
	}
	return add_entry(w, e->name, zip_source_zip(w->dst, w->src, e->index, 0, 0, -1), 1);
}

static int add_all(writer *w, const vndoc_part *parts, size_t n_parts)
{
	const vndoc_part *given;
	int rc;
	size_t n = w->pkg ? w->pkg->count : 0;

	for (size_t i = 0; i < n_parts; i++)
		if ((rc = vndoc_package_check_name(parts[i].name, w->err)) < 0)
			return rc;

	/* [Content_Types].xml first, wherever it comes from. */
	if ((given = find_part(parts, n_parts, CONTENT_TYPES))) {
		if ((given->data || given->file) && (rc = add_given(w, given)) < 0)
			return rc;
	} else if (w->pkg && vndoc_package_find(w->pkg, CONTENT_TYPES) >= 0) {
		if ((rc = add_original(w, &w->pkg->entries[vndoc_package_find(w->pkg, CONTENT_TYPES)])) < 0)
			return rc;
	}
	for (size_t i = 0; i < n; i++) {
		const vndoc_package_entry *e = &w->pkg->entries[i];
		if (!strcasecmp(e->name, CONTENT_TYPES))
			continue;
		given = find_part(parts, n_parts, e->name);
		if (given)
			rc = given->data || given->file ? add_given(w, given) : 0;
		else
			rc = add_original(w, e);
		if (rc < 0)
			return rc;
	}
	for (size_t i = 0; i < n_parts; i++) {
		if ((!parts[i].data && !parts[i].file) || !strcasecmp(parts[i].name, CONTENT_TYPES) ||
		    (w->pkg && vndoc_package_find(w->pkg, parts[i].name) >= 0))
			continue;
		if (find_part(parts, i, parts[i].name)) {
			vndoc_error_set_part(w->err, parts[i].name);
			return vndoc_error_set(w->err, VNDOC_EINVAL, "part given twice");
		}
		if ((rc = add_given(w, &parts[i])) < 0)
			return rc;
	}
	return 0;
}

/* Reads the whole of a (closed) source into a malloc'd buffer. */
static int drain_source(char **out, size_t *out_len, zip_source_t *s, vndoc_error *err)
{
	zip_stat_t st;
	char *data;
	zip_int64_t got;

	if (zip_source_open(s) < 0 || zip_source_stat(s, &st) < 0 || !(st.valid & ZIP_STAT_SIZE))
		return vndoc_package__zip_error(err, zip_source_error(s), NULL, NULL, "cannot write archive");
	data = vndoc_xmalloc(st.size ? (size_t)st.size : 1);
	got = zip_source_read(s, data, st.size);
	zip_source_close(s);
	if (got < 0 || (zip_uint64_t)got != st.size) {
		free(data);
		return vndoc_error_set(err, VNDOC_EIO, "cannot write archive: short read");
	}
	*out = data;
	*out_len = (size_t)st.size;
	return 0;
}

int vndoc_package_write_memory(char **out, size_t *out_len, const vndoc_package *pkg,
			       const vndoc_part *parts, size_t n_parts,
			       const vndoc_package_write_options *opts, vndoc_error *err)
{
	vndoc_package_write_options defaults = VNDOC_PACKAGE_WRITE_OPTIONS_INIT;
	writer w = { NULL, NULL, pkg, 0, err };
	zip_error_t ze;
	zip_source_t *s;
	int rc = 0;

	*out = NULL;
	*out_len = 0;
	if (!opts)
		opts = &defaults;
	w.level = opts->level >= 1 && opts->level <= 9 ? opts->level : 6;
	zip_error_init(&ze);
	if (!(s = zip_source_buffer_create(NULL, 0, 0, &ze)) ||
	    !(w.dst = zip_open_from_source(s, ZIP_TRUNCATE, &ze))) {
		rc = vndoc_package__zip_error(err, &ze, pkg, NULL, "cannot create archive");
		zip_source_free(s);
		zip_error_fini(&ze);
		return rc;
	}
	zip_error_fini(&ze);
	zip_source_keep(s);
	if (pkg && vndoc_package__is_zip(pkg))
		rc = vndoc_package__open_zip(&w.src, pkg, err);
	if (rc == 0)
		rc = add_all(&w, parts, n_parts);
	if (rc == 0 && zip_close(w.dst) < 0) {
		rc = vndoc_package__zip_error(err, zip_get_error(w.dst), pkg, NULL, "cannot write archive");
		zip_discard(w.dst);
	} else if (rc < 0) {
		zip_discard(w.dst);
	}
	if (w.src)
		zip_discard(w.src);
	if (rc == 0)
		rc = drain_source(out, out_len, s, err);
	zip_source_free(s);
	return rc;
}

/* Straight into the file, so that a large package never sits in memory:
 * libzip writes the temporary file vndoc_fs_atomic_open made (through its
 * own temporary beside it, renamed when complete), which is then renamed
 * onto `path`. */
int vndoc_package_write(const vndoc_package *pkg, const vndoc_part *parts, size_t n_parts,
			const char *path, const vndoc_package_write_options *opts, vndoc_error *err)
{
	vndoc_package_write_options defaults = VNDOC_PACKAGE_WRITE_OPTIONS_INIT;
	writer w = { NULL, NULL, pkg, 0, err };
	vndoc_fs_atomic f;
	int zerr = 0, rc = 0;

	if (!opts)
		opts = &defaults;
	w.level = opts->level >= 1 && opts->level <= 9 ? opts->level : 6;
	if ((rc = vndoc_fs_atomic_open(&f, path, err)) < 0)
		return rc;
	close(f.fd);
	f.fd = -1;
	if (!(w.dst = zip_open(f.tmp_path, ZIP_TRUNCATE, &zerr))) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		rc = vndoc_package__zip_error(err, &ze, pkg, NULL, "cannot create archive");
		zip_error_fini(&ze);
		vndoc_fs_atomic_abort(&f);
		vndoc_error_set_file(err, path);
		return rc;
	}
	if (pkg && vndoc_package__is_zip(pkg))
		rc = vndoc_package__open_zip(&w.src, pkg, err);
	if (rc == 0)
		rc = add_all(&w, parts, n_parts);
	if (rc == 0 && zip_close(w.dst) < 0) {
		/* About the file written, not the package read. */
		rc = vndoc_package__zip_error(err, zip_get_error(w.dst), NULL, NULL, "cannot write archive");
		if (err)
			err->file[0] = '\0';
		vndoc_error_set_file(err, path);
		zip_discard(w.dst);
	} else if (rc < 0) {
		zip_discard(w.dst);
	}
	if (w.src)
		zip_discard(w.src);
	if (rc < 0) {
		vndoc_fs_atomic_abort(&f);
		return rc;
	}
	/* libzip wrote the file by its name; the commit flushes it to the disk
	 * through this descriptor before the rename. */
	if ((f.fd = open(f.tmp_path, O_RDONLY | O_CLOEXEC)) < 0) {
		rc = vndoc_error_set_sys(err, VNDOC_EIO, errno, "cannot write");
		vndoc_fs_atomic_abort(&f);
		vndoc_error_set_file(err, path);
		return rc;
	}
	return vndoc_fs_atomic_commit(&f, err);
}
