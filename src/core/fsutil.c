#define _POSIX_C_SOURCE 200809L
#include "core/fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/buf.h"

int vndoc_fs_read_file(char **out, size_t *len, const char *path, size_t max, vndoc_error *err)
{
	vndoc_buf b = VNDOC_BUF_INIT(max);
	int fd, is_stdin = strcmp(path, "-") == 0;

	*out = NULL;
	if (len)
		*len = 0;
	fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		vndoc_error_set_file(err, path);
		return vndoc_error_set_sys(err, VNDOC_EIO, errno, "cannot open");
	}
	for (;;) {
		size_t room = max - b.len, want = room < 65536 ? room : 65536;
		ssize_t n;
		char probe;

		if (!want) {
			/* At the limit: fail only if there really is more. */
			do
				n = read(fd, &probe, 1);
			while (n < 0 && errno == EINTR);
			if (n == 0)
				break;
			if (!is_stdin)
				close(fd);
			vndoc_buf_dispose(&b);
			vndoc_error_set_file(err, path);
			return vndoc_error_set(err, VNDOC_ELIMIT, "file is larger than %zu bytes", max);
		}
		vndoc_buf_grow(&b, want);
		n = read(fd, b.ptr + b.len, want);
		if (n < 0) {
			int e = errno;
			if (e == EINTR)
				continue;
			if (!is_stdin)
				close(fd);
			vndoc_buf_dispose(&b);
			vndoc_error_set_file(err, path);
			return vndoc_error_set_sys(err, VNDOC_EIO, e, "cannot read");
		}
		if (n == 0)
			break;
		b.len += (size_t)n;
		b.ptr[b.len] = '\0';
	}
	if (!is_stdin)
		close(fd);
	*out = vndoc_buf_detach(&b, len);
	return 0;
}

/* Where this thread's temporary files go (vndoc_fs_set_temporary_dir);
 * NULL: beside their targets. */
static _Thread_local const char *temporary_dir;

void vndoc_fs_set_temporary_dir(const char *dir)
{
	temporary_dir = dir;
}

int vndoc_fs_atomic_open(vndoc_fs_atomic *f, const char *path, vndoc_error *err)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	int n;

	f->fd = -1;
	if (strlen(path) >= sizeof(f->path)) {
		vndoc_error_set_file(err, path);
		return vndoc_error_set(err, VNDOC_EIO, "path too long");
	}
	strcpy(f->path, path);
	/* The temporary file is a hidden sibling, so rename(2) stays within
	 * one file system and a crash leaves only a dot-file behind. */
	if (temporary_dir)
		n = snprintf(f->tmp_path, sizeof(f->tmp_path), "%s/%s.tmp-XXXXXX", temporary_dir, base);
	else
		n = snprintf(f->tmp_path, sizeof(f->tmp_path), "%.*s.%s.tmp-XXXXXX",
			     slash ? (int)(slash - path + 1) : 0, path, base);
	if (n < 0 || (size_t)n >= sizeof(f->tmp_path)) {
		vndoc_error_set_file(err, path);
		return vndoc_error_set(err, VNDOC_EIO, "path too long");
	}
	f->fd = mkstemp(f->tmp_path);
	if (f->fd < 0) {
		vndoc_error_set_file(err, path);
		return vndoc_error_set_sys(err, VNDOC_EIO, errno, "cannot create a temporary file");
	}
	/* mkstemp creates 0600; output files get the usual 0666 & ~umask. */
	{
		mode_t mask = umask(0);
		umask(mask);
		fchmod(f->fd, 0666 & ~mask);
	}
	return 0;
}

int vndoc_fs_atomic_commit(vndoc_fs_atomic *f, vndoc_error *err)
{
	int e;

	/* On the disk before it gets its name: a full disk (ENOSPC, EFBIG, a
	 * quota) is found here, not after the rename. */
	if (f->fd >= 0) {
		int failed = fsync(f->fd) < 0;
		e = errno;
		if (close(f->fd) < 0 && !failed) {
			failed = 1;
			e = errno;
		}
		f->fd = -1;
		if (failed) {
			unlink(f->tmp_path);
			vndoc_error_set_file(err, f->path);
			return vndoc_error_set_sys(err, VNDOC_EIO, e, "cannot write");
		}
	}
	if (rename(f->tmp_path, f->path) < 0) {
		e = errno;
		unlink(f->tmp_path);
		vndoc_error_set_file(err, f->path);
		return vndoc_error_set_sys(err, VNDOC_EIO, e, "cannot rename the temporary file");
	}
	return 0;
}

void vndoc_fs_atomic_abort(vndoc_fs_atomic *f)
{
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
	if (f->tmp_path[0])
		unlink(f->tmp_path);
}

int vndoc_fs_write_file(const char *path, const void *data, size_t len, vndoc_error *err)
{
	vndoc_fs_atomic f;
	const char *p = data;
	int error;

	if ((error = vndoc_fs_atomic_open(&f, path, err)) < 0)
		return error;
	while (len) {
		ssize_t n = write(f.fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			vndoc_fs_atomic_abort(&f);
			vndoc_error_set_file(err, path);
			return vndoc_error_set_sys(err, VNDOC_EIO, e, "cannot write");
		}
		p += n;
		len -= (size_t)n;
	}
	return vndoc_fs_atomic_commit(&f, err);
}

int vndoc_fs_mkdirs(const char *path, vndoc_error *err)
{
	char *p = vndoc_xstrdup(path), *s;
	int rc = 0;

	for (s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0777) < 0 && errno != EEXIST) {
				vndoc_error_set_file(err, p);
				rc = vndoc_error_set_sys(err, VNDOC_EIO, errno, "cannot create folder");
				break;
			}
			*s = c;
			if (!c)
				break;
		}
	}
	free(p);
	if (!rc && !vndoc_fs_is_dir(path)) {
		vndoc_error_set_file(err, path);
		rc = vndoc_error_set(err, VNDOC_EIO, "not a folder");
	}
	return rc;
}

int vndoc_fs_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int vndoc_fs_same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}
