/* stub */
#include <string.h>
#include "serve/download.h"
bool vndoc_serve__is_download(const char *what) { (void)what; return false; }
int vndoc_serve__download(vndoc_server *s, const char *id, const char *what, char *path, size_t size,
			  char *name, size_t name_size, vndoc_serve_reply *out)
{ (void)s; (void)id; (void)what; (void)path; (void)size; (void)name; (void)name_size; vndoc_serve__reply_error(out, 404, "x"); return -1; }
int vndoc_serve__preview(vndoc_server *s, const char *id, long n, char *path, size_t size, vndoc_serve_reply *out)
{ (void)s; (void)id; (void)n; (void)path; (void)size; vndoc_serve__reply_error(out, 404, "x"); return -1; }
