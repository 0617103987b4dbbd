/*
 * vndoc pack DIR -o FILE.docx     (the build packs our templates this way)
 * vndoc unpack FILE.docx -o DIR   (XML pretty-printed, for review in git)
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "cli/exit.h"
#include "cli/opt.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/fsutil.h"
#include "core/limits.h"
#include "package/package.h"
#include "xml/xml.h"

static const char pack_usage[] =
	"usage: vndoc pack DIR -o FILE.docx\n"
	"\n"
	"Packs a folder holding an unpacked package (as `vndoc unpack` writes it)\n"
	"into a .docx.  Indentation added for review is removed from XML parts;\n"
	"text is kept exactly.  The same folder always gives the same bytes.\n"
	"\n"
	"Options:\n"
	"  -o, --output FILE   the package to write (required)\n"
	"  -h, --help          show this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage, 3 input/output error or malformed part.\n";

static const char unpack_usage[] =
	"usage: vndoc unpack FILE.docx -o DIR\n"
	"\n"
	"Unpacks a package into a new folder DIR, XML parts pretty-printed\n"
	"(two-space indentation of element-only content; text is kept exactly).\n"
	"DIR must not exist or be empty.  Nothing is left behind on failure.\n"
	"\n"
	"Options:\n"
	"  -o, --output DIR    the folder to create (required)\n"
	"  -h, --help          show this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage, 3 input/output error or malformed part.\n";

enum { OPT_OUTPUT = 1, OPT_HELP };

static const vndoc_opt_spec specs[] = {
	{ "output", 'o', true, OPT_OUTPUT },
	{ "help", 'h', false, OPT_HELP },
	{ NULL, 0, false, 0 },
};

/* Parses the shared command line: one operand and -o.  Returns -1 to go
 * on, or an exit status. */
static int parse_args(int argc, char **argv, const char *usage, const char **in, const char **out)
{
	vndoc_opt o;
	int id;

	vndoc_opt_init(&o, argc, argv, specs);
	*out = NULL;
	while ((id = vndoc_opt_next(&o)) != VNDOC_OPT_END) {
		if (id == OPT_OUTPUT) {
			*out = o.arg;
		} else if (id == OPT_HELP) {
			fputs(usage, stdout);
			return VNDOC_EXIT_OK;
		} else {
			fputs(usage, stderr);
			return VNDOC_EXIT_USAGE;
		}
	}
	if (o.n_operands != 1 || !*out) {
		fprintf(stderr, "vndoc %s: %s\n", argv[0], o.n_operands != 1 ? "expected one input" : "missing -o");
		fputs(usage, stderr);
		return VNDOC_EXIT_USAGE;
	}
	*in = o.operands[0];
	return -1;
}

/* Reads part `name` and re-serializes it: compact (pack) or pretty
 * (unpack).  Non-XML parts are returned as they are. */
static int convert_part(vndoc_buf *out, const vndoc_package *pkg, const char *name, int pretty,
			vndoc_error *err)
{
	char *data;
	size_t len;
	xmlDoc *doc;
	int rc;

	if ((rc = vndoc_package_read(&data, &len, pkg, name, err)) < 0)
		return rc;
	if (!vndoc_xml_is_xml_part(name)) {
		rc = vndoc_buf_put(out, data, len);
		free(data);
		return rc;
	}
	rc = vndoc_xml_parse(&doc, data, len, name, err);
	free(data);
	if (rc < 0)
		return rc;
	if (pretty) {
		rc = vndoc_xml_write_pretty(out, doc, err);
	} else {
		vndoc_xml_strip_indentation(doc);
		rc = vndoc_xml_write(out, doc, err);
	}
	xmlFreeDoc(doc);
	return rc;
}

static int fail(vndoc_error *err, const char *file)
{
	vndoc_error_set_file(err, file);
	vndoc_cli_print_error(err);
	return vndoc_cli_exit_status(err->code);
}

int vndoc_cmd_pack(int argc, char **argv)
{
	const char *in, *out;
	int status = parse_args(argc, argv, pack_usage, &in, &out);
	vndoc_package *pkg = NULL;
	vndoc_part *parts;
	vndoc_buf *bufs;
	vndoc_error err;
	size_t n;
	int rc = 0;

	if (status >= 0)
		return status;
	vndoc_error_clear(&err);
	if (!vndoc_fs_is_dir(in)) {
		fprintf(stderr, "vndoc: %s: not a folder (vndoc pack takes an unpacked package)\n", in);
		return VNDOC_EXIT_IO;
	}
	if (vndoc_cli_inside_folder(out, in)) {
		fprintf(stderr, "vndoc pack: %s is inside the folder %s being packed: the package would hold "
			"itself; write it elsewhere\n", out, in);
		return VNDOC_EXIT_USAGE;
	}
	if (vndoc_package_open(&pkg, in, &err) < 0)
		return fail(&err, in);
	n = vndoc_package_count(pkg);
	parts = vndoc_xcalloc(n, sizeof *parts);
	bufs = vndoc_xcalloc(n, sizeof *bufs);
	for (size_t i = 0; i < n && rc == 0; i++) {
		vndoc_buf_init(&bufs[i], VNDOC_LIMIT_PART_BYTES);
		parts[i].name = vndoc_package_name(pkg, i);
		rc = convert_part(&bufs[i], pkg, parts[i].name, 0, &err);
		parts[i].data = bufs[i].ptr;
		parts[i].len = bufs[i].len;
	}
	if (rc == 0)
		rc = vndoc_package_write(pkg, parts, n, out, NULL, &err);
	status = rc < 0 ? fail(&err, in) : VNDOC_EXIT_OK;
	for (size_t i = 0; i < n; i++)
		vndoc_buf_dispose(&bufs[i]);
	free(bufs);
	free(parts);
	vndoc_package_free(pkg);
	return status;
}

static mode_t current_umask(void)
{
	mode_t mask = umask(0);
	umask(mask);
	return mask;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Writes every part into `dir` (which exists and is empty). */
static int unpack_into(const vndoc_package *pkg, const char *dir, vndoc_error *err)
{
	vndoc_buf b = VNDOC_BUF_INIT(VNDOC_LIMIT_PART_BYTES);
	int rc = 0;

	for (size_t i = 0; i < vndoc_package_count(pkg) && rc == 0; i++) {
		const char *name = vndoc_package_name(pkg, i);
		char path[4096 + VNDOC_LIMIT_PART_NAME + 2], *slash;

		vndoc_buf_clear(&b);
		snprintf(path, sizeof path, "%s/%s", dir, name);
		if ((slash = strrchr(path, '/')) && slash > path + strlen(dir)) {
			*slash = '\0';
			rc = vndoc_fs_mkdirs(path, err);
			*slash = '/';
		}
		if (rc == 0)
			rc = convert_part(&b, pkg, name, 1, err);
		if (rc == 0)
			rc = vndoc_fs_write_file(path, b.ptr, b.len, err);
	}
	vndoc_buf_dispose(&b);
	return rc;
}

int vndoc_cmd_unpack(int argc, char **argv)
{
	const char *in, *out;
	int status = parse_args(argc, argv, unpack_usage, &in, &out);
	vndoc_package *pkg = NULL;
	vndoc_error err;
	char tmp[4096];

	if (status >= 0)
		return status;
	vndoc_error_clear(&err);
	if (vndoc_fs_is_dir(out) && rmdir(out) < 0) {
		fprintf(stderr, "vndoc: %s: the folder exists and is not empty\n", out);
		return VNDOC_EXIT_IO;
	}
	if (vndoc_package_open(&pkg, in, &err) < 0)
		return fail(&err, in);
	if (vndoc_package_count(pkg) == 0) {
		/* An archive with no entry (an end record alone) has nothing to unpack. */
		vndoc_package_free(pkg);
		fprintf(stderr, "vndoc: %s: an empty archive: nothing to unpack\n", in);
		return VNDOC_EXIT_IO;
	}
	/* Unpack beside the target, then rename: all or nothing.  mkdtemp
	 * makes 0700; the folder gets the usual 0777 & ~umask. */
	snprintf(tmp, sizeof tmp, "%s.vndoc-XXXXXX", out);
	if (!mkdtemp(tmp) || chmod(tmp, 0777 & ~current_umask()) < 0) {
		vndoc_error_set_sys(&err, VNDOC_EIO, errno, "cannot create folder");
		vndoc_package_free(pkg);
		return fail(&err, out);
	}
	if (unpack_into(pkg, tmp, &err) < 0 || rename(tmp, out) < 0) {
		char file[sizeof err.file];
		size_t n = strlen(tmp);
		if (err.code == VNDOC_OK)
			vndoc_error_set_sys(&err, VNDOC_EIO, errno, "cannot rename the unpacked folder");
		/* The temporary folder is ours, not the user's: a file written
		 * there is named as it would be in OUT, a part read as IN's. */
		if (!strncmp(err.file, tmp, n) && (err.file[n] == '/' || !err.file[n]))
			snprintf(file, sizeof file, "%s%s", out, err.file + n);
		else
			snprintf(file, sizeof file, "%s", err.file[0] ? err.file : err.sys_errno ? out : in);
		nftw(tmp, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
		vndoc_package_free(pkg);
		err.file[0] = '\0';
		return fail(&err, file);
	}
	vndoc_package_free(pkg);
	return VNDOC_EXIT_OK;
}
