/*
 * batch/outdir.c: what the batch keeps in its output folder while it runs
 * (batch_internal.h).
 *
 * OUT/.vndoc is the batch's own folder, marked as such by the file
 * OUT/.vndoc/vndoc-batch.  In it, for each manifest (manifest, or
 * manifest-K-of-N for a shard), NAME.lock, held with flock(2) for the whole
 * run so that a second run writing the same manifest refuses, and
 * NAME.tmp/, where every temporary file of the run is made before it is
 * renamed to its place.  A run that was killed leaves its temporaries
 * there; the next run with that manifest removes them, and nothing else:
 * a file elsewhere that merely looks like a temporary is not ours.  A run
 * that ends removes what it made here, and the folder when it is empty.
 */
#define _DEFAULT_SOURCE /* flock */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch/batch_internal.h"

#define MARKER_NAME "vndoc-batch"
#define MARKER_TEXT "This folder belongs to vndoc batch: its locks and temporary files.\n"

static int fail(vndoc_error *err, const char *path, int e, const char *what)
{
	vndoc_error_set_file(err, path);
	return e ? vndoc_error_set_sys(err, VNDOC_EIO, e, "%s", what) : vndoc_error_set(err, VNDOC_EIO, "%s", what);
}

/* `path` is a folder of its own, not a symbolic link to one elsewhere. */
static int real_folder(const char *path, vndoc_error *err)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return fail(err, path, errno, "cannot read folder");
	if (S_ISLNK(st.st_mode))
		return fail(err, path, 0, "a symbolic link: refusing to write through it");
	if (!S_ISDIR(st.st_mode))
		return fail(err, path, 0, "not a folder");
	return 0;
}

int vndoc_batch__real_folder(const char *path, vndoc_error *err)
{
	return real_folder(path, err);
}

/* OUT/.vndoc, made with its marker, or found with it. */
static int own_folder(const char *own, vndoc_error *err)
{
	char marker[4200], text[sizeof MARKER_TEXT];
	ssize_t n;
	int fd;

	snprintf(marker, sizeof marker, "%s/" MARKER_NAME, own);
	if (mkdir(own, 0777) == 0) {
		fd = open(marker, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
		if (fd < 0 || write(fd, MARKER_TEXT, sizeof MARKER_TEXT - 1) != (ssize_t)(sizeof MARKER_TEXT - 1)) {
			int e = errno;
			if (fd >= 0)
				close(fd);
			return fail(err, marker, e, "cannot write");
		}
		close(fd);
		return 0;
	}
	if (errno != EEXIST)
		return fail(err, own, errno, "cannot create folder");
	if (real_folder(own, err) < 0)
		return VNDOC_EIO;
	fd = open(marker, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	n = fd < 0 ? -1 : read(fd, text, sizeof text - 1);
	if (fd >= 0)
		close(fd);
	if (n != (ssize_t)(sizeof MARKER_TEXT - 1) || memcmp(text, MARKER_TEXT, (size_t)n))
		return fail(err, own, 0, "not made by vndoc batch (no " MARKER_NAME " marker in it): move it away");
	return 0;
}

/* The lock of manifest `name`, taken without waiting.  A lock file that
 * an ending run unlinked between our open and our flock is not the one
 * the next run takes: open it again. */
static int take_lock(vndoc_batch__outdir *o, const char *out_dir, const char *name, vndoc_error *err)
{
	for (;;) {
		struct stat a, b;
		int fd = open(o->lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);

		if (fd < 0)
			return fail(err, o->lock, errno, "cannot create the lock file");
		if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
			int e = errno;
			close(fd);
			if (e == EWOULDBLOCK) {
				vndoc_error_set_file(err, out_dir);
				return vndoc_error_set(err, VNDOC_EIO,
						       "another vndoc batch is writing %s.json in this folder; "
						       "wait for it to end", name);
			}
			return fail(err, o->lock, e, "cannot lock");
		}
		if (fstat(fd, &a) == 0 && stat(o->lock, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
			o->lock_fd = fd;
			return 0;
		}
		close(fd);
	}
}

/* Empties this manifest's folder of temporaries (ours: it is in our
 * marked folder, and we hold its lock). */
static int clear_work(const char *work, vndoc_error *err)
{
	DIR *d;
	struct dirent *de;

	if (mkdir(work, 0777) == 0)
		return 0;
	if (errno != EEXIST)
		return fail(err, work, errno, "cannot create folder");
	if (real_folder(work, err) < 0)
		return VNDOC_EIO;
	if (!(d = opendir(work)))
		return fail(err, work, errno, "cannot read folder");
	while ((de = readdir(d))) {
		char path[8400];
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
			snprintf(path, sizeof path, "%s/%s", work, de->d_name);
			unlink(path);
		}
	}
	closedir(d);
	return 0;
}

int vndoc_batch__outdir_open(vndoc_batch__outdir *o, const char *out_dir, const char *name, vndoc_error *err)
{
	int n;

	o->lock_fd = -1;
	n = snprintf(o->own, sizeof o->own, "%s/.vndoc", out_dir);
	n |= snprintf(o->lock, sizeof o->lock, "%s/%s.lock", o->own, name);
	n |= snprintf(o->work, sizeof o->work, "%s/%s.tmp", o->own, name);
	if (n < 0 || strlen(o->work) + 1 >= sizeof o->work)
		return fail(err, out_dir, 0, "path too long");
	if (own_folder(o->own, err) < 0 || take_lock(o, out_dir, name, err) < 0)
		return VNDOC_EIO;
	if (clear_work(o->work, err) < 0) {
		vndoc_batch__outdir_close(o);
		return VNDOC_EIO;
	}
	return 0;
}

void vndoc_batch__outdir_close(vndoc_batch__outdir *o)
{
	char marker[4200];
	DIR *d;
	struct dirent *de;
	size_t others = 0;

	if (o->lock_fd < 0)
		return;
	rmdir(o->work);
	/* Unlinked while held: a run waiting on it opens the file again. */
	unlink(o->lock);
	close(o->lock_fd);
	o->lock_fd = -1;
	/* The folder goes when nothing but its marker is left in it. */
	if (!(d = opendir(o->own)))
		return;
	while ((de = readdir(d)))
		others += strcmp(de->d_name, ".") && strcmp(de->d_name, "..") && strcmp(de->d_name, MARKER_NAME);
	closedir(d);
	if (!others) {
		snprintf(marker, sizeof marker, "%s/" MARKER_NAME, o->own);
		unlink(marker);
		rmdir(o->own);
	}
}
