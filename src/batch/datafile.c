/*
 * batch/datafile.c: the run's inputs.  Its outputs are never one of them
 * (the data file, --doc, a template: a second run from the summary sheet
 * or a data file named manifest.json in the output folder replaced it).
 * The data file as the run began, to tell at its end
 * whether the file changed meanwhile.  The run reads the file more than
 * once (batch.h): the first reading checks and counts, the workers read
 * the units, the plan and the summary read them again.  A file written to
 * while that happens could give forms of two versions of it.
 *
 * Size, modification time and inode tell most changes, not all: an edit
 * that keeps the size, with the time set back (`touch -d`, a copy that
 * keeps times, a clock moved), keeps them all (issue 18).  So the bytes
 * are compared too, by their SHA-256, read once at the start and once at
 * the end: two more readings of the file, the cheapest way that tells
 * every change still there at the end (a change undone before the end is
 * not told).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "batch/batch_internal.h"
#include "core/fsutil.h"

/* SHA-256 of the file open at `fd`, from its start; -1 if it cannot be read. */
static int digest(int fd, unsigned char out[32])
{
	GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
	unsigned char buf[1 << 16];
	gsize len = 32;
	ssize_t n;

	while ((n = read(fd, buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
		if (n > 0)
			g_checksum_update(c, buf, (gsize)n);
	if (n == 0)
		g_checksum_get_digest(c, out, &len);
	g_checksum_free(c);
	return n == 0 ? 0 : -1;
}

/* The file at `path` now: its stat and digest (false if it cannot be read). */
static bool take(vndoc_batch__data_mark *m, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	bool ok = fd >= 0 && fstat(fd, &m->st) == 0 && S_ISREG(m->st.st_mode) && digest(fd, m->sha256) == 0;

	if (fd >= 0)
		close(fd);
	return ok;
}

void vndoc_batch__data_mark_take(vndoc_batch__data_mark *m, const char *path)
{
	memset(m, 0, sizeof *m);
	/* Standard input is read once, and a file that cannot be read stops
	 * the run at its first reading. */
	m->known = strcmp(path, "-") != 0 && take(m, path);
}

int vndoc_batch__data_unchanged(const vndoc_batch__data_mark *m, const char *path, vndoc_error *err)
{
	vndoc_batch__data_mark now;

	if (!m->known)
		return 0;
	memset(&now, 0, sizeof now);
	if (take(&now, path) && now.st.st_dev == m->st.st_dev && now.st.st_ino == m->st.st_ino &&
	    now.st.st_size == m->st.st_size && now.st.st_mtim.tv_sec == m->st.st_mtim.tv_sec &&
	    now.st.st_mtim.tv_nsec == m->st.st_mtim.tv_nsec && !memcmp(now.sha256, m->sha256, sizeof now.sha256))
		return 0;
	vndoc_error_set_file(err, path);
	return vndoc_error_set(err, VNDOC_EIO, "the data file changed during the run: the files written may mix "
			       "two versions of it, and no manifest was written; run again");
}

int vndoc_batch__not_an_input(const char *out, const char *const *inputs, size_t n, vndoc_error *err)
{
	for (size_t i = 0; i < n; i++)
		if (inputs[i] && vndoc_fs_same_file(out, inputs[i])) {
			vndoc_error_set_file(err, out);
			return vndoc_error_set(err, VNDOC_EINVAL, "this run would write over its input %.300s; write "
					       "it elsewhere (-o)", inputs[i]);
		}
	return 0;
}
