#define _POSIX_C_SOURCE 200809L
#include "test.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/fsutil.h"
#include "package/package.h"

const char *test_fixture(const char *rel)
{
	static char path[4096];
	snprintf(path, sizeof(path), "%s/%s", VNDOC_FIXTURES, rel);
	return path;
}

char *test_read_file(const char *path, size_t *len)
{
	char *data = NULL;
	vndoc_error err;
	vndoc_error_clear(&err);
	if (vndoc_fs_read_file(&data, len, path, (size_t)1 << 30, &err) < 0)
		ck_abort_msg("cannot read %s: %s", path, err.message);
	return data;
}

char *test_read_part(const char *docx, const char *part, size_t *len)
{
	vndoc_package *pkg = NULL;
	char *data = NULL, msg[1024];
	vndoc_error err;
	vndoc_error_clear(&err);
	if (vndoc_package_open(&pkg, docx, &err) < 0 ||
	    vndoc_package_read(&data, len, pkg, part, &err) < 0) {
		vndoc_package_free(pkg);
		ck_abort_msg("cannot read %s from %s: %s", part, docx,
			     vndoc_error_format(&err, msg, sizeof msg));
	}
	vndoc_package_free(pkg);
	return data;
}

const char *test_address_limit(unsigned long kb)
{
	static char cmd[64];
#if defined(__SANITIZE_ADDRESS__)
	(void)kb;
	cmd[0] = '\0';
#else
	snprintf(cmd, sizeof cmd, "ulimit -v %lu; ", kb);
#endif
	return cmd;
}

const char *test_tmpdir(void)
{
	static char path[4096];
	const char *base = getenv("TMPDIR");
	snprintf(path, sizeof(path), "%s/vndoc-test-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(path))
		ck_abort_msg("mkdtemp failed");
	return path;
}

static char *slurp(FILE *f)
{
	vndoc_buf b = VNDOC_BUF_INIT((size_t)1 << 30);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		vndoc_buf_put(&b, chunk, n);
	return vndoc_buf_detach(&b, NULL);
}

int test_run(const char *cmd, char **out, char **errout)
{
	char errfile[] = "/tmp/vndoc-test-stderr-XXXXXX";
	int fd = mkstemp(errfile), status;
	char *full;
	FILE *p;
	size_t n;

	if (fd < 0)
		return -1;
	n = strlen(cmd) + strlen(errfile) + 16;
	full = malloc(n);
	snprintf(full, n, "%s 2>%s", cmd, errfile);
	p = popen(full, "r");
	free(full);
	if (!p) {
		close(fd);
		unlink(errfile);
		return -1;
	}
	{
		char *o = slurp(p);
		if (out)
			*out = o;
		else
			free(o);
	}
	status = pclose(p);
	{
		FILE *e = fdopen(fd, "r");
		char *s = slurp(e);
		fclose(e);
		if (errout)
			*errout = s;
		else
			free(s);
	}
	unlink(errfile);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int test_run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

size_t test_dir_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t n = 0;
	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)))
		n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
	closedir(d);
	return n;
}
