/*
 * batch/earlier.c: the files of an earlier run into the same folder that
 * this run no longer makes (batch_internal.h).
 *
 * A run over fewer units than the last one would leave the forms of the
 * units gone beside a manifest that does not list them.  The earlier
 * manifest proves which files were the batch's: a file it lists, that the
 * new one does not, and whose bytes are still the SHA-256 it gives, is
 * removed (and its unit's folder when that is left empty).  A file changed
 * since is left and named.  Only names the batch writes are considered:
 * a manifest is not trusted to point anywhere else.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "batch/batch_internal.h"
#include "core/limits.h"


json_t *vndoc_batch__earlier_load(const char *manifest)
{
	struct stat st;
	json_error_t je;
	json_t *m;

	if (lstat(manifest, &st) < 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > VNDOC_LIMIT_MANIFEST_BYTES)
		return NULL;
	m = json_load_file(manifest, 0, &je);
	if (m && !json_is_array(m)) {
		json_decref(m);
		m = NULL;
	}
	return m;
}

/* A name the batch writes: ke-hoach.*, tong-hop.*, or SLUG/bieu-dang-ky.*
 * with SLUG one plain name. */
static bool batch_name(const char *rel)
{
	static const char *const docs[] = { "ke-hoach.", "tong-hop.", "bieu-dang-ky." };
	const char *slash = strchr(rel, '/'), *base = slash ? slash + 1 : rel, *ext;

	if (!*rel || *rel == '/' || *rel == '.' || (slash && strchr(base, '/')))
		return false;
	for (size_t i = 0; i < 3; i++) {
		if (strncmp(base, docs[i], strlen(docs[i])) || (i == 2) != (slash != NULL))
			continue;
		ext = base + strlen(docs[i]);
		return !strcmp(ext, "docx") || !strcmp(ext, "pdf") || !strcmp(ext, "xlsx");
	}
	return false;
}

static bool same_sha256(const char *path, const char *hex)
{
	GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
	unsigned char buf[65536];
	FILE *f = fopen(path, "rb");
	size_t n;
	bool same = false;

	if (f) {
		while ((n = fread(buf, 1, sizeof buf, f)) > 0)
			g_checksum_update(c, buf, (gssize)n);
		same = !ferror(f) && hex && !strcmp(g_checksum_get_string(c), hex);
		fclose(f);
	}
	g_checksum_free(c);
	return same;
}

size_t vndoc_batch__earlier_clean(json_t *earlier, const char *out_dir, const char *manifest,
				  vndoc_error_list *notes)
{
	json_t *now = vndoc_batch__earlier_load(manifest);
	GHashTable *kept = g_hash_table_new(g_str_hash, g_str_equal);
	size_t removed = 0, i;
	json_t *e;

	if (!earlier || !now) {
		json_decref(now);
		g_hash_table_destroy(kept);
		return 0;
	}
	json_array_foreach(now, i, e) {
		const char *file = json_string_value(json_object_get(e, "file"));
		if (file)
			g_hash_table_add(kept, (gpointer)file);
	}
	json_array_foreach(earlier, i, e) {
		const char *file = json_string_value(json_object_get(e, "file"));
		const char *sha = json_string_value(json_object_get(e, "sha256"));
		char path[8400];
		struct stat st;

		if (!file || !batch_name(file) || g_hash_table_contains(kept, file))
			continue;
		snprintf(path, sizeof path, "%s/%s", out_dir, file);
		if (lstat(path, &st) < 0 || !S_ISREG(st.st_mode))
			continue;
		if (!same_sha256(path, sha)) {
			vndoc_error note;
			vndoc_error_clear(&note);
			vndoc_error_set_file(&note, path);
			vndoc_error_set(&note, VNDOC_EIO, "written by an earlier run, not by this one, and changed "
					"since: left in place");
			vndoc_error_list_push(notes, &note);
			continue;
		}
		if (unlink(path) == 0) {
			removed++;
			if (strchr(file, '/')) {
				*strrchr(path, '/') = '\0';
				rmdir(path); /* only when empty */
			}
		}
	}
	json_decref(now);
	g_hash_table_destroy(kept);
	return removed;
}
