/*
 * package/read.c: opening packages (zip files, zip bytes, unpacked folders)
 * and reading their parts.
 *
 * The archive is read into memory once and its entries checked against the
 * hostile-input limits; the handle that checked them is kept for reading
 * whole parts, one read at a time, and a read that finds it in use (another
 * thread's) or a streamed read opens its own libzip handle over those
 * bytes, so one package can serve several threads.  An archive file
 * larger than HOLD_BYTES (a summary of thousands of units) is not copied:
 * each handle reads the file itself.
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/fsutil.h"
#include "core/limits.h"
#include "package/package_internal.h"

/* Archive files up to this size are held in memory at open. */
#define HOLD_BYTES ((size_t)1 << 20)

int vndoc_package__zip_error(vndoc_error *err, zip_error_t *ze, const vndoc_package *pkg,
			     const char *part, const char *what)
{
	int ze_code = zip_error_code_zip(ze);
	vndoc_code code = ze_code == ZIP_ER_MEMORY ? VNDOC_ELIMIT
			  : ze_code == ZIP_ER_WRITE || ze_code == ZIP_ER_OPEN || ze_code == ZIP_ER_TMPOPEN
			  ? VNDOC_EIO : VNDOC_EFORMAT;
	vndoc_error_set_file(err, pkg ? pkg->label : "");
	if (part)
		vndoc_error_set_part(err, part);
	return vndoc_error_set(err, code, "%s: %s", what, zip_error_strerror(ze));
}

/* ZIP_CHECKCONS makes libzip compare each local header with the central
 * directory, which refuses overlapping entries (several names over one
 * stream of data, the "better zip bomb") and truncated archives. */
static pthread_once_t tz_once = PTHREAD_ONCE_INIT;

static void read_time_zone(void)
{
	tzset();
}

int vndoc_package__open_zip(zip_t **out, const vndoc_package *pkg, vndoc_error *err)
{
	zip_error_t ze;
	zip_source_t *src;

	/* libzip converts entry dates with the C library's time zone; read the
	 * zone once, not first in several threads at once (ThreadSanitizer). */
	pthread_once(&tz_once, read_time_zone);
	zip_error_init(&ze);
	*out = NULL;
	if (pkg->zip_path)
		src = zip_source_file_create(pkg->zip_path, 0, (zip_int64_t)pkg->zip_len, &ze);
	else
		src = zip_source_buffer_create(pkg->zip, pkg->zip_len, 0, &ze);
	if (src)
		*out = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	if (!*out) {
		int rc = vndoc_package__zip_error(err, &ze, pkg, NULL, "not a zip archive");
		zip_source_free(src);
		zip_error_fini(&ze);
		return rc;
	}
	zip_error_fini(&ze);
	return 0;
}

static vndoc_package *package_new(const char *label)
{
	vndoc_package *pkg = vndoc_xcalloc(1, sizeof *pkg);
	pkg->label = vndoc_xstrdup(label ? label : "");
	pthread_mutex_init(&pkg->held_lock, NULL);
	return pkg;
}

void vndoc_package_free(vndoc_package *pkg)
{
	if (!pkg)
		return;
	for (size_t i = 0; i < pkg->count; i++) {
		free(pkg->entries[i].name);
		free(pkg->entries[i].data);
	}
	free(pkg->entries);
	if (pkg->held)
		zip_discard(pkg->held);
	pthread_mutex_destroy(&pkg->held_lock);
	free(pkg->zip);
	free(pkg->zip_path);
	free(pkg->label);
	free(pkg);
}

static int cmp_names_ci(const void *a, const void *b)
{
	const vndoc_package_entry *x = a, *y = b;
	return strcasecmp(x->name, y->name);
}

/* Part names are compared without case in OPC: "Word/a.xml" and
 * "word/A.xml" are the same part, so an archive holding both is refused. */
static int check_duplicates(const vndoc_package *pkg, vndoc_error *err)
{
	vndoc_package_entry *sorted;
	int rc = 0;

	if (pkg->count < 2)
		return 0;
	sorted = vndoc_xreallocarray(NULL, pkg->count, sizeof *sorted);
	memcpy(sorted, pkg->entries, pkg->count * sizeof *sorted);
	qsort(sorted, pkg->count, sizeof *sorted, cmp_names_ci);
	for (size_t i = 1; i < pkg->count && !rc; i++)
		if (!strcasecmp(sorted[i - 1].name, sorted[i].name)) {
			vndoc_error_set_file(err, pkg->label);
			vndoc_error_set_part(err, sorted[i].name);
			rc = vndoc_error_set(err, VNDOC_ELIMIT, "the archive holds this part twice");
		}
	free(sorted);
	return rc;
}

static int entry_error(vndoc_error *err, const vndoc_package *pkg, const char *name, vndoc_code code,
		       const char *msg)
{
	vndoc_error_set_file(err, pkg->label);
	vndoc_error_set_part(err, name);
	return vndoc_error_set(err, code, "%s", msg);
}

/* Reads the central directory and refuses what no Office file holds. */
static int load_entries(vndoc_package *pkg, zip_t *za, vndoc_error *err)
{
	zip_int64_t n = zip_get_num_entries(za, 0);
	zip_uint64_t total = 0, total_comp = 0;
	int rc;

	if (n > VNDOC_LIMIT_ZIP_ENTRIES) {
		vndoc_error_set_file(err, pkg->label);
		return vndoc_error_set(err, VNDOC_ELIMIT, "the archive has %lld entries (limit %d)",
				       (long long)n, VNDOC_LIMIT_ZIP_ENTRIES);
	}
	pkg->entries = vndoc_xcalloc(n ? (size_t)n : 1, sizeof *pkg->entries);
	for (zip_int64_t i = 0; i < n; i++) {
		zip_stat_t st;
		size_t len;

		if (zip_stat_index(za, (zip_uint64_t)i, 0, &st) < 0)
			return vndoc_package__zip_error(err, zip_get_error(za), pkg, NULL, "bad entry");
		if (!(st.valid & ZIP_STAT_NAME) || !(st.valid & ZIP_STAT_SIZE))
			return entry_error(err, pkg, "", VNDOC_EFORMAT, "entry without name or size");
		len = strlen(st.name);
		if (len && st.name[len - 1] == '/')
			continue; /* a folder entry, not a part */
		if ((rc = vndoc_package_check_name(st.name, err)) < 0) {
			vndoc_error_set_file(err, pkg->label);
			return rc;
		}
		if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
			return entry_error(err, pkg, st.name, VNDOC_EFORMAT, "encrypted parts are not supported");
		if ((st.valid & ZIP_STAT_COMP_METHOD) && st.comp_method != ZIP_CM_STORE &&
		    st.comp_method != ZIP_CM_DEFLATE)
			return entry_error(err, pkg, st.name, VNDOC_EFORMAT,
					   "compression method is neither stored nor deflate");
		if (st.size > VNDOC_LIMIT_PART_BYTES)
			return entry_error(err, pkg, st.name, VNDOC_ELIMIT, "part is larger than the limit");
		if (st.size > VNDOC_LIMIT_ZIP_RATIO_MIN_BYTES &&
		    (!(st.valid & ZIP_STAT_COMP_SIZE) ||
		     st.size / (st.comp_size ? st.comp_size : 1) > VNDOC_LIMIT_ZIP_RATIO))
			return entry_error(err, pkg, st.name, VNDOC_ELIMIT,
					   "compression ratio is too high (zip bomb?)");
		total += st.size;
		total_comp += (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : st.size;
		if (total > VNDOC_LIMIT_PACKAGE_BYTES)
			return entry_error(err, pkg, st.name, VNDOC_ELIMIT,
					   "the parts together are larger than the limit");
		/* The ratio of the parts together too (issue 18): a bomb split
		 * into entries each under the minimum wrote 1 GB on unpack. */
		if (total > VNDOC_LIMIT_ZIP_RATIO_MIN_BYTES &&
		    total / (total_comp ? total_comp : 1) > VNDOC_LIMIT_ZIP_RATIO)
			return entry_error(err, pkg, st.name, VNDOC_ELIMIT,
					   "the parts together are compressed too well (zip bomb?)");
		pkg->entries[pkg->count].name = vndoc_xstrdup(st.name);
		pkg->entries[pkg->count].index = (zip_uint64_t)i;
		pkg->entries[pkg->count].size = st.size;
		pkg->count++;
	}
	return check_duplicates(pkg, err);
}

static unsigned le16(const unsigned char *p)
{
	return p[0] | (unsigned)p[1] << 8;
}

static unsigned long le32(const unsigned char *p)
{
	return p[0] | (unsigned long)p[1] << 8 | (unsigned long)p[2] << 16 | (unsigned long)p[3] << 24;
}

/* Where the archive whose last `n` bytes are `tail` (of `len` in all)
 * ends: after its end-of-central-directory record and the record's
 * comment.  `len` when it ends there, or when no record fits (libzip then
 * says what is wrong); else the end of the last record that fits, whose
 * central directory lies before it, at most VNDOC_LIMIT_ZIP_TRAILING_BYTES
 * before `len`.  What follows is ignored as Word and LibreOffice ignore
 * it; everything before is checked as any archive. */
static size_t archive_end(const unsigned char *tail, size_t n, size_t len)
{
	size_t best = len;
	bool found = false;
	for (size_t i = n >= 22 ? n - 22 + 1 : 0; i-- > 0;) {
		size_t at = len - n + i, end;
		if (memcmp(tail + i, "PK\5\6", 4))
			continue;
		end = at + 22 + le16(tail + i + 20);
		if (end == len)
			return len;
		if (end < len && len - end <= VNDOC_LIMIT_ZIP_TRAILING_BYTES && !found &&
		    (le32(tail + i + 16) == 0xffffffffUL || le32(tail + i + 16) + le32(tail + i + 12) <= at)) {
			best = end;
			found = true;
		}
	}
	return best;
}

/* The length of the archive `pkg` holds (in memory or in its file) without
 * the bytes after its end; pkg->zip_len when there are none or they
 * cannot be read. */
static size_t archive_length(const vndoc_package *pkg)
{
	size_t n = pkg->zip_len < 65535 + 22 + VNDOC_LIMIT_ZIP_TRAILING_BYTES
			   ? pkg->zip_len
			   : 65535 + 22 + VNDOC_LIMIT_ZIP_TRAILING_BYTES;
	unsigned char *tail;
	size_t end = pkg->zip_len;
	FILE *f;

	if (pkg->zip)
		return archive_end(pkg->zip + pkg->zip_len - n, n, pkg->zip_len);
	if (!(f = fopen(pkg->zip_path, "rb")))
		return end;
	tail = vndoc_xmalloc(n ? n : 1);
	if (fseeko(f, (off_t)(pkg->zip_len - n), SEEK_SET) == 0 && fread(tail, 1, n, f) == n)
		end = archive_end(tail, n, pkg->zip_len);
	free(tail);
	fclose(f);
	return end;
}

/* Takes ownership of `data` (malloc'd); with `data` NULL, the archive is
 * the file `label`, read in place. */
static int open_zip_bytes(vndoc_package **out, unsigned char *data, size_t len, const char *label,
			  vndoc_error *err)
{
	vndoc_package *pkg = package_new(label);
	zip_t *za;
	int rc;

	pkg->zip = data;
	pkg->zip_len = len;
	if (!data)
		pkg->zip_path = vndoc_xstrdup(label);
	pkg->zip_len = archive_length(pkg);
	*out = NULL;
	if ((rc = vndoc_package__open_zip(&za, pkg, err)) < 0) {
		vndoc_package_free(pkg);
		return rc;
	}
	rc = load_entries(pkg, za, err);
	if (rc < 0) {
		zip_discard(za);
		vndoc_package_free(pkg);
		return rc;
	}
	if (pkg->zip)
		pkg->held = za;
	else
		zip_discard(za); /* an archive read in place: no file kept open */
	*out = pkg;
	return 0;
}

int vndoc_package_open_memory(vndoc_package **out, const void *data, size_t len, const char *name,
			      vndoc_error *err)
{
	unsigned char *copy;

	*out = NULL;
	if (len > VNDOC_LIMIT_PACKAGE_BYTES) {
		vndoc_error_set_file(err, name);
		return vndoc_error_set(err, VNDOC_ELIMIT, "archive is larger than the limit");
	}
	copy = vndoc_xmalloc(len ? len : 1);
	memcpy(copy, data, len);
	return open_zip_bytes(out, copy, len, name, err);
}

/* Folder packages ------------------------------------------------------- */

typedef struct folder_walk {
	vndoc_package *pkg;
	size_t cap, total;
	vndoc_error *err;
} folder_walk;

static int cmp_names(const void *a, const void *b)
{
	const vndoc_package_entry *x = a, *y = b;
	return strcmp(x->name, y->name);
}

static int walk(folder_walk *w, const char *root, const char *rel, int depth)
{
	char path[4096];
	DIR *dir;
	struct dirent *de;
	int rc = 0;

	snprintf(path, sizeof path, "%s%s%s", root, *rel ? "/" : "", rel);
	if (depth > VNDOC_LIMIT_FOLDER_DEPTH || !(dir = opendir(path))) {
		vndoc_error_set_file(w->err, path);
		if (depth > VNDOC_LIMIT_FOLDER_DEPTH)
			return vndoc_error_set(w->err, VNDOC_ELIMIT, "folders nested more than %d deep",
					       VNDOC_LIMIT_FOLDER_DEPTH);
		return vndoc_error_set_sys(w->err, VNDOC_EIO, errno, "cannot open folder");
	}
	while (!rc && (de = readdir(dir))) {
		char name[VNDOC_LIMIT_PART_NAME + 2], file[4096 + VNDOC_LIMIT_PART_NAME + 2];
		struct stat st;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if ((size_t)snprintf(name, sizeof name, "%s%s%s", rel, *rel ? "/" : "", de->d_name) >= sizeof name) {
			vndoc_error_set_file(w->err, path);
			rc = vndoc_error_set(w->err, VNDOC_ELIMIT, "file name too long: %s", de->d_name);
			break;
		}
		snprintf(file, sizeof file, "%s/%s", root, name);
		if (lstat(file, &st) < 0) {
			vndoc_error_set_file(w->err, file);
			rc = vndoc_error_set_sys(w->err, VNDOC_EIO, errno, "cannot stat");
		} else if (S_ISDIR(st.st_mode)) {
			rc = walk(w, root, name, depth + 1);
		} else if (S_ISREG(st.st_mode)) {
			vndoc_package_entry *e;
			char *data;
			size_t len;

			if ((rc = vndoc_package_check_name(name, w->err)) < 0 ||
			    (rc = vndoc_fs_read_file(&data, &len, file, VNDOC_LIMIT_PART_BYTES, w->err)) < 0)
				break;
			w->total += len;
			if (w->pkg->count >= VNDOC_LIMIT_ZIP_ENTRIES || w->total > VNDOC_LIMIT_PACKAGE_BYTES) {
				free(data);
				vndoc_error_set_file(w->err, root);
				rc = vndoc_error_set(w->err, VNDOC_ELIMIT, "the folder holds too much to be a package");
				break;
			}
			if (w->pkg->count == w->cap) {
				w->cap = w->cap ? 2 * w->cap : 32;
				w->pkg->entries = vndoc_xreallocarray(w->pkg->entries, w->cap, sizeof *e);
			}
			e = &w->pkg->entries[w->pkg->count++];
			memset(e, 0, sizeof *e);
			e->name = vndoc_xstrdup(name);
			e->data = data;
			e->size = len;
		}
		/* Symbolic links and special files are not parts. */
	}
	closedir(dir);
	return rc;
}

static int open_folder(vndoc_package **out, const char *path, vndoc_error *err)
{
	folder_walk w = { package_new(path), 0, 0, err };
	int rc = walk(&w, path, "", 0);

	if (rc == 0 && w.pkg->count == 0) {
		vndoc_error_set_file(err, path);
		rc = vndoc_error_set(err, VNDOC_EFORMAT, "the folder holds no parts");
	}
	if (rc == 0 && w.pkg->count)
		qsort(w.pkg->entries, w.pkg->count, sizeof *w.pkg->entries, cmp_names);
	if (rc == 0)
		rc = check_duplicates(w.pkg, err);
	if (rc < 0) {
		vndoc_package_free(w.pkg);
		return rc;
	}
	*out = w.pkg;
	return 0;
}

int vndoc_package_open(vndoc_package **out, const char *path, vndoc_error *err)
{
	char *data;
	size_t len;
	int rc;

	struct stat st;

	*out = NULL;
	if (vndoc_fs_is_dir(path))
		return open_folder(out, path, err);
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size > HOLD_BYTES) {
		if ((size_t)st.st_size > VNDOC_LIMIT_PACKAGE_BYTES) {
			vndoc_error_set_file(err, path);
			return vndoc_error_set(err, VNDOC_ELIMIT, "archive is larger than the limit");
		}
		return open_zip_bytes(out, NULL, (size_t)st.st_size, path, err);
	}
	if ((rc = vndoc_fs_read_file(&data, &len, path, VNDOC_LIMIT_PACKAGE_BYTES, err)) < 0)
		return rc;
	return open_zip_bytes(out, (unsigned char *)data, len, path, err);
}

/* Queries and reads ------------------------------------------------------- */

size_t vndoc_package_count(const vndoc_package *pkg)
{
	return pkg->count;
}

const char *vndoc_package_name(const vndoc_package *pkg, size_t i)
{
	return i < pkg->count ? pkg->entries[i].name : NULL;
}

size_t vndoc_package_size(const vndoc_package *pkg, size_t i)
{
	return i < pkg->count ? (size_t)pkg->entries[i].size : 0;
}

long vndoc_package_find(const vndoc_package *pkg, const char *name)
{
	for (size_t i = 0; i < pkg->count; i++)
		if (!strcasecmp(pkg->entries[i].name, name))
			return (long)i;
	return -1;
}

/* A handle for one read: the package's held one when no other read has
 * it (opened again if a failed read dropped it; *held set), else one of
 * its own. */
static int hold_zip(zip_t **za, bool *held, const vndoc_package *pkg, vndoc_error *err)
{
	vndoc_package *p = (vndoc_package *)pkg; /* the held handle is a cache */
	int rc;
	*held = false;
	if (!pkg->zip || pthread_mutex_trylock(&p->held_lock) != 0)
		return vndoc_package__open_zip(za, pkg, err);
	if (!p->held && (rc = vndoc_package__open_zip(&p->held, pkg, err)) < 0) {
		pthread_mutex_unlock(&p->held_lock);
		return rc;
	}
	*za = p->held;
	*held = true;
	return 0;
}

/* Gives back what hold_zip gave; after a failed read the held handle is
 * dropped, whatever state the failure left it in. */
static void release_zip(zip_t *za, bool held, const vndoc_package *pkg, bool failed)
{
	vndoc_package *p = (vndoc_package *)pkg;
	if (!held) {
		zip_discard(za);
		return;
	}
	if (failed) {
		zip_discard(p->held);
		p->held = NULL;
	}
	pthread_mutex_unlock(&p->held_lock);
}

int vndoc_package_read(char **out, size_t *len, const vndoc_package *pkg, const char *name,
		       vndoc_error *err)
{
	long i = vndoc_package_find(pkg, name);
	const vndoc_package_entry *e;
	zip_t *za;
	zip_file_t *zf;
	char *data;
	zip_int64_t got;
	bool held;
	int rc;

	*out = NULL;
	if (len)
		*len = 0;
	if (i < 0)
		return entry_error(err, pkg, name, VNDOC_EFORMAT, "no such part");
	e = &pkg->entries[i];
	if (e->data) {
		*out = vndoc_xstrndup(e->data, (size_t)e->size);
		if (len)
			*len = (size_t)e->size;
		return 0;
	}
	if ((rc = hold_zip(&za, &held, pkg, err)) < 0)
		return rc;
	if (!(zf = zip_fopen_index(za, e->index, 0))) {
		rc = vndoc_package__zip_error(err, zip_get_error(za), pkg, e->name, "cannot read part");
		release_zip(za, held, pkg, true);
		return rc;
	}
	/* Then a read past the end: it catches a part that lies about its
	 * size, and it is the read at which libzip compares the CRC (a first
	 * read that ends just at the end returns its bytes and leaves the
	 * CRC's verdict to the next one). */
	data = vndoc_xmalloc((size_t)e->size + 2);
	got = zip_fread(zf, data, e->size);
	if (got >= 0 && (zip_uint64_t)got == e->size) {
		zip_int64_t more = zip_fread(zf, data + got, 1);
		got = more < 0 ? more : got + more;
	}
	if (got < 0)
		rc = vndoc_package__zip_error(err, zip_file_get_error(zf), pkg, e->name, "corrupt part");
	else if ((zip_uint64_t)got != e->size)
		rc = entry_error(err, pkg, e->name, VNDOC_EFORMAT, "part size differs from the directory");
	zip_fclose(zf);
	release_zip(za, held, pkg, rc < 0);
	if (rc < 0) {
		free(data);
		return rc;
	}
	data[got] = '\0';
	*out = data;
	if (len)
		*len = (size_t)got;
	return 0;
}

/* Streamed reads ------------------------------------------------------------ */

struct vndoc_part_reader {
	const vndoc_package *pkg;
	const vndoc_package_entry *e;
	zip_t *za;             /* zip packages: this reader's own handle */
	zip_file_t *zf;
	zip_uint64_t pos;      /* bytes handed out so far */
	int done;
};

int vndoc_package_part_open(vndoc_part_reader **out, const vndoc_package *pkg, const char *name,
			    vndoc_error *err)
{
	long i = vndoc_package_find(pkg, name);
	vndoc_part_reader *rd;
	int rc;

	*out = NULL;
	if (i < 0)
		return entry_error(err, pkg, name, VNDOC_EFORMAT, "no such part");
	rd = vndoc_xcalloc(1, sizeof *rd);
	rd->pkg = pkg;
	rd->e = &pkg->entries[i];
	if (!rd->e->data) {
		if ((rc = vndoc_package__open_zip(&rd->za, pkg, err)) < 0) {
			free(rd);
			return rc;
		}
		if (!(rd->zf = zip_fopen_index(rd->za, rd->e->index, 0))) {
			rc = vndoc_package__zip_error(err, zip_get_error(rd->za), pkg, rd->e->name,
						      "cannot read part");
			vndoc_part_reader_close(rd);
			return rc;
		}
	}
	*out = rd;
	return 0;
}

ssize_t vndoc_part_reader_read(vndoc_part_reader *rd, void *buf, size_t len, vndoc_error *err)
{
	const vndoc_package_entry *e = rd->e;
	zip_int64_t got;

	if (rd->done || !len)
		return 0;
	if (!rd->zf) { /* a folder package's part */
		size_t n = (size_t)(e->size - rd->pos) < len ? (size_t)(e->size - rd->pos) : len;
		memcpy(buf, e->data + rd->pos, n);
		rd->pos += n;
		rd->done = rd->pos == e->size;
		return (ssize_t)n;
	}
	got = zip_fread(rd->zf, buf, len);
	if (got < 0)
		return vndoc_package__zip_error(err, zip_file_get_error(rd->zf), rd->pkg, e->name, "corrupt part");
	rd->pos += (zip_uint64_t)got;
	/* The directory's size was checked against the limits at open; a
	 * part whose data goes on past it lies. */
	if (rd->pos > e->size || (got == 0 && rd->pos != e->size))
		return entry_error(err, rd->pkg, e->name, VNDOC_EFORMAT, "part size differs from the directory");
	rd->done = got == 0;
	return (ssize_t)got;
}

void vndoc_part_reader_close(vndoc_part_reader *rd)
{
	if (!rd)
		return;
	if (rd->zf)
		zip_fclose(rd->zf);
	if (rd->za)
		zip_discard(rd->za);
	free(rd);
}
