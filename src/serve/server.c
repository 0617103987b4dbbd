/*
 * serve/server.c: the HTTP server (libmicrohttpd, a thread per
 * connection, at most VNDOC_LIMIT_SERVE_CONNECTIONS): who may ask
 * (the access token off loopback, the CSRF token on every POST and
 * DELETE), the routes, and the answers.  Any URL that is not a route is
 * 404: nothing is served from the disk by its name.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <microhttpd.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/fsutil.h"
#include "core/limits.h"
#include "serve/assets.h"
#include "serve/campaign.h"
#include "serve/download.h"
#include "serve/upload.h"

#define CSP "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'"

enum route {
	R_NONE, R_PAGE, R_ASSET, R_LIST, R_CREATE, R_GET, R_DELETE, R_FORMS, R_PREVIEW, R_EVENTS, R_DOWNLOAD
};

typedef struct request {
	enum route route;
	char id[VNDOC_SERVE_ID_LEN + 1];
	char what[32];           /* a download's name */
	long form;               /* a preview's form */
	const vndoc_serve_asset *asset;
	bool uploading;
	bool answered;           /* a response was queued before the body's end */
	vndoc_serve_upload up;
} request;

/* Answers ------------------------------------------------------------------ */

static void common_headers(struct MHD_Response *r)
{
	MHD_add_response_header(r, "Content-Security-Policy", CSP);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Cache-Control", "no-store");
}

static enum MHD_Result send_response(struct MHD_Connection *c, int status, struct MHD_Response *r)
{
	enum MHD_Result ret;

	if (!r)
		return MHD_NO;
	common_headers(r);
	ret = MHD_queue_response(c, (unsigned)status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result send_json(struct MHD_Connection *c, int status, json_t *body)
{
	char *text = json_dumps(body, JSON_COMPACT | JSON_PRESERVE_ORDER);
	struct MHD_Response *r;

	json_decref(body);
	if (!text) {
		text = vndoc_xstrdup("{\"error\": \"internal error\"}");
		status = 500;
	}
	r = MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE);
	if (!r) {
		free(text);
		return MHD_NO;
	}
	MHD_add_response_header(r, "Content-Type", "application/json; charset=utf-8");
	return send_response(c, status, r);
}

static enum MHD_Result send_error(struct MHD_Connection *c, int status, const char *msg)
{
	return send_json(c, status, json_pack("{s:s}", "error", msg));
}

static enum MHD_Result send_reply(struct MHD_Connection *c, vndoc_serve_reply *rp)
{
	if (!rp->body)
		return send_error(c, 500, "internal error");
	return send_json(c, rp->status ? rp->status : 500, rp->body);
}

static const char *content_type(const char *name)
{
	char ext[8];
	vndoc_serve__extension(ext, name);
	if (!strcmp(ext, "zip"))
		return "application/zip";
	if (!strcmp(ext, "pdf"))
		return "application/pdf";
	if (!strcmp(ext, "png"))
		return "image/png";
	if (!strcmp(ext, "docx"))
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
	if (!strcmp(ext, "xlsx"))
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	return "application/octet-stream";
}

/* A file the server made, open on `fd` (taken), offered as `name`. */
static enum MHD_Result send_file(struct MHD_Connection *c, int fd, const char *name, bool attachment)
{
	struct stat st;
	struct MHD_Response *r;

	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		return send_error(c, 404, "no such file");
	}
	if (!(r = MHD_create_response_from_fd((uint64_t)st.st_size, fd))) {
		close(fd);
		return MHD_NO;
	}
	MHD_add_response_header(r, "Content-Type", content_type(name));
	if (attachment) {
		char disp[256];
		snprintf(disp, sizeof disp, "attachment; filename=\"%s\"", name);
		MHD_add_response_header(r, "Content-Disposition", disp);
	}
	return send_response(c, 200, r);
}

static enum MHD_Result send_page(vndoc_server *s, struct MHD_Connection *c, const vndoc_serve_asset *a)
{
	struct MHD_Response *r;

	if (!strcmp(a->name, "index.html")) {
		/* The page holds the CSRF token in its meta tag. */
		static const char mark[] = "{{CSRF_TOKEN}}";
		vndoc_buf b = VNDOC_BUF_INIT(16u << 20);
		const char *p = a->data, *end = a->data + a->len, *m;
		while ((m = memmem(p, (size_t)(end - p), mark, sizeof mark - 1))) {
			vndoc_buf_put(&b, p, (size_t)(m - p));
			vndoc_buf_puts(&b, s->csrf);
			p = m + sizeof mark - 1;
		}
		vndoc_buf_put(&b, p, (size_t)(end - p));
		{
			size_t len;
			char *text = vndoc_buf_detach(&b, &len);
			r = MHD_create_response_from_buffer(len, text, MHD_RESPMEM_MUST_FREE);
			if (!r)
				free(text);
		}
	} else {
		r = MHD_create_response_from_buffer(a->len, (void *)a->data, MHD_RESPMEM_PERSISTENT);
	}
	if (r)
		MHD_add_response_header(r, "Content-Type", a->type);
	return send_response(c, 200, r);
}

/* Who asks ---------------------------------------------------------------- */

static bool same_token(const char *a, const char *b)
{
	size_t la = a ? strlen(a) : 0, lb = strlen(b);
	unsigned char d = la != lb;
	for (size_t i = 0; i < lb; i++)
		d |= (unsigned char)((i < la ? a[i] : 0) ^ b[i]);
	return a && !d;
}

static bool has_access(const vndoc_server *s, struct MHD_Connection *c)
{
	const char *auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");

	if (!s->need_token)
		return true;
	if (auth && !strncmp(auth, "Bearer ", 7) && same_token(auth + 7, s->token))
		return true;
	return same_token(MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "vndoc_token"), s->token);
}

/* Routes ------------------------------------------------------------------ */

/* The next segment of `p` into `seg` (size bytes); the rest after it.
 * A segment too long for `seg` is cut to "", which no route matches. */
static const char *segment(const char *p, char *seg, size_t size)
{
	size_t n = 0;

	if (*p == '/')
		p++;
	for (; *p && *p != '/'; p++)
		if (n < size)
			seg[n++] = *p;
	if (n >= size)
		n = 0;
	seg[n] = '\0';
	return p;
}

static int route(request *rq, const vndoc_server *s, const char *url, const char *method)
{
	char a[64], b[64], c[64], d[64];
	const char *p;
	bool get = !strcmp(method, "GET") || !strcmp(method, "HEAD"), post = !strcmp(method, "POST"),
	     del = !strcmp(method, "DELETE");

	if (!strcmp(url, "/") || !strcmp(url, "/index.html")) {
		rq->route = R_PAGE;
		rq->asset = vndoc_serve__asset("index.html");
		return get ? 0 : 405;
	}
	if (url[0] == '/' && (rq->asset = vndoc_serve__asset(url + 1)) && strcmp(url + 1, "index.html")) {
		rq->route = R_ASSET;
		return get ? 0 : 405;
	}
	p = segment(url, a, sizeof a);
	p = segment(p, b, sizeof b);
	if (strcmp(a, "api") || strcmp(b, "campaigns"))
		return 404;
	if (!*p) {
		rq->route = post ? R_CREATE : R_LIST;
		return post || get ? 0 : 405;
	}
	p = segment(p, c, sizeof c);
	if (!vndoc_serve__campaign_exists(s, c))
		return 404;
	memcpy(rq->id, c, VNDOC_SERVE_ID_LEN + 1); /* valid: 20 bytes */
	if (!*p) {
		rq->route = del ? R_DELETE : R_GET;
		return del || get ? 0 : 405;
	}
	p = segment(p, d, sizeof d);
	if (!*p && !strcmp(d, "forms")) {
		rq->route = R_FORMS;
		return post ? 0 : 405;
	}
	if (!*p && !strcmp(d, "events")) {
		rq->route = R_EVENTS;
		return get ? 0 : 405;
	}
	if (!*p && vndoc_serve__is_download(d)) {
		rq->route = R_DOWNLOAD;
		snprintf(rq->what, sizeof rq->what, "%.31s", d);
		return get ? 0 : 405;
	}
	if (!strcmp(d, "forms")) {
		char n[32], e[32], *end;
		p = segment(p, n, sizeof n);
		p = segment(p, e, sizeof e);
		rq->form = strtol(n, &end, 10);
		if (!*p && n[0] >= '1' && n[0] <= '9' && !*end && rq->form <= VNDOC_LIMIT_SERVE_FORMS * 2L &&
		    !strcmp(e, "preview.png")) {
			rq->route = R_PREVIEW;
			return get ? 0 : 405;
		}
	}
	return 404;
}

/* Work handed to the pool ---------------------------------------------------- */

typedef struct upload_job {
	vndoc_server *s;
	request *rq;
	vndoc_serve_reply reply;
} upload_job;

static int create_job(vndoc_serve_worker *w, void *arg)
{
	upload_job *j = arg;
	(void)w;
	vndoc_serve__campaign_create(j->s, &j->rq->up, &j->reply);
	return 0;
}

static int forms_job(vndoc_serve_worker *w, void *arg)
{
	upload_job *j = arg;
	(void)w;
	vndoc_serve__forms_add(j->s, j->rq->id, &j->rq->up, &j->reply);
	return 0;
}

static enum MHD_Result finish_upload(vndoc_server *s, struct MHD_Connection *c, request *rq)
{
	upload_job j = { s, rq, { 0, NULL } };

	if (vndoc_serve__upload_end(&rq->up) < 0)
		return send_error(c, rq->up.status, rq->up.error);
	if (vndoc_serve__jobs_run(s->jobs, rq->route == R_CREATE ? create_job : forms_job, &j) == VNDOC_SERVE_EBUSY)
		return send_error(c, 503, "busy: too much work waiting, try again in a moment");
	return send_reply(c, &j.reply);
}

static enum MHD_Result answer(vndoc_server *s, struct MHD_Connection *c, request *rq)
{
	char name[128];
	vndoc_serve_reply rp = { 0, NULL };
	int fd;

	switch (rq->route) {
	case R_PAGE:
	case R_ASSET:
		return send_page(s, c, rq->asset);
	case R_LIST:
		return send_json(c, 200, vndoc_serve__campaign_list(s));
	case R_GET: {
		json_t *j = vndoc_serve__campaign_json(s, rq->id);
		return j ? send_json(c, 200, j) : send_error(c, 404, "no such campaign");
	}
	case R_DELETE:
		return vndoc_serve__campaign_delete(s, rq->id) < 0 ? send_error(c, 404, "no such campaign")
								  : send_json(c, 200, json_object());
	case R_CREATE:
	case R_FORMS:
		return finish_upload(s, c, rq);
	case R_EVENTS: {
		struct MHD_Response *r = vndoc_serve__events_response(s->events, rq->id);
		if (r) {
			MHD_add_response_header(r, "Content-Type", "text/event-stream; charset=utf-8");
			MHD_add_response_header(r, "X-Accel-Buffering", "no");
			/* An ended stream frees its connection (kept alive, it would
			 * hold it until the idle timeout). */
			MHD_add_response_header(r, "Connection", "close");
		}
		return send_response(c, 200, r);
	}
	case R_DOWNLOAD:
		if (vndoc_serve__download(s, rq->id, rq->what, &fd, name, sizeof name, &rp) < 0)
			return send_reply(c, &rp);
		return send_file(c, fd, name, true);
	case R_PREVIEW:
		if (vndoc_serve__preview(s, rq->id, rq->form, &fd, &rp) < 0)
			return send_reply(c, &rp);
		return send_file(c, fd, "preview.png", false);
	default:
		return send_error(c, 404, "not found");
	}
}

/* GET /?token=TOKEN: the cookie set, then back to the page. */
static enum MHD_Result token_login(vndoc_server *s, struct MHD_Connection *c)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	char cookie[160];

	if (!r)
		return MHD_NO;
	snprintf(cookie, sizeof cookie, "vndoc_token=%s; Path=/; HttpOnly; SameSite=Strict", s->token);
	MHD_add_response_header(r, "Set-Cookie", cookie);
	MHD_add_response_header(r, "Location", "/");
	return send_response(c, 303, r);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
				  const char *version, const char *upload_data, size_t *upload_data_size,
				  void **con_cls)
{
	vndoc_server *s = cls;
	request *rq = *con_cls;
	int status;

	(void)version;
	if (!rq) {
		const char *len, *query;
		rq = vndoc_xcalloc(1, sizeof *rq);
		*con_cls = rq;
		query = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "token");
		if (s->need_token && !strcmp(url, "/") && !strcmp(method, "GET") && query && same_token(query, s->token)) {
			rq->answered = true;
			return token_login(s, c);
		}
		if (!has_access(s, c)) {
			rq->answered = true;
			return send_error(c, 401, "the access token is missing or wrong: open the address vndoc serve "
						  "printed");
		}
		if ((status = route(rq, s, url, method)) != 0) {
			rq->answered = true;
			return send_error(c, status, status == 405 ? "method not allowed" : "not found");
		}
		if ((rq->route == R_CREATE || rq->route == R_FORMS || rq->route == R_DELETE) &&
		    !same_token(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token"), s->csrf)) {
			rq->answered = true;
			return send_error(c, 403, "missing or wrong X-CSRF-Token: reload the page");
		}
		if (rq->route != R_CREATE && rq->route != R_FORMS)
			return MHD_YES;
		len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (len && strtoull(len, NULL, 10) > VNDOC_LIMIT_SERVE_REQUEST_BYTES) {
			rq->answered = true;
			char msg[128];
			snprintf(msg, sizeof msg, "the request is larger than the limit of %u MiB",
				 VNDOC_LIMIT_SERVE_REQUEST_BYTES >> 20);
			return send_error(c, 413, msg);
		}
		if (vndoc_serve__upload_begin(&rq->up, c, s->tmp) < 0) {
			rq->answered = true;
			return send_error(c, rq->up.status, rq->up.error);
		}
		rq->uploading = true;
		return MHD_YES;
	}
	if (*upload_data_size) {
		size_t n = *upload_data_size;
		*upload_data_size = 0;
		if (rq->answered)
			return MHD_YES;
		/* libmicrohttpd answers only once the body is read: a refused
		 * upload is read to its end and dropped, up to the request
		 * limit; past it (a body without end) the connection is cut. */
		if (rq->uploading && vndoc_serve__upload_feed(&rq->up, upload_data, n) < 0)
			return MHD_NO;
		return MHD_YES;
	}
	if (rq->answered)
		return MHD_YES;
	rq->answered = true;
	return answer(s, c, rq);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	request *rq = *con_cls;

	(void)cls;
	(void)c;
	(void)toe;
	if (!rq)
		return;
	vndoc_serve__upload_dispose(&rq->up);
	free(rq);
	*con_cls = NULL;
}

static void quiet_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	(void)fmt;
	(void)ap;
}

/* Start and stop ---------------------------------------------------------------- */

static bool is_loopback(struct in_addr a)
{
	return (ntohl(a.s_addr) >> 24) == 127;
}

int vndoc_serve_start(vndoc_server **out, const vndoc_serve_options *opts, vndoc_error *err)
{
	vndoc_server *s = vndoc_xcalloc(1, sizeof *s);
	struct sockaddr_in addr;
	const union MHD_DaemonInfo *info;
	const char *bind = opts->bind ? opts->bind : "127.0.0.1";

	*out = NULL;
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)opts->port);
	if (inet_pton(AF_INET, bind, &addr.sin_addr) != 1) {
		free(s);
		return vndoc_error_set(err, VNDOC_EINVAL, "--bind takes an IPv4 address, not '%s'", bind);
	}
	s->need_token = !is_loopback(addr.sin_addr);
	snprintf(s->dir, sizeof s->dir, "%s", opts->dir);
	snprintf(s->tmp, sizeof s->tmp, "%s/.tmp", opts->dir);
	snprintf(s->templates, sizeof s->templates, "%s", opts->templates ? opts->templates : "templates");
	/* Made 0700 when missing (a folder the user names is left as it is). */
	if (!vndoc_fs_is_dir(s->dir) && (vndoc_fs_mkdirs(s->dir, err) < 0 || chmod(s->dir, 0700) < 0)) {
		free(s);
		vndoc_error_set_file(err, opts->dir);
		return vndoc_error_set(err, VNDOC_EIO, "cannot make the campaigns' folder");
	}
	/* Half uploads and half-made campaigns of a server that was killed. */
	vndoc_serve__remove_tree(s->tmp);
	if (mkdir(s->tmp, 0700) < 0 || vndoc_serve__random_hex(s->csrf, 16) < 0 ||
	    vndoc_serve__random_hex(s->token, 32) < 0) {
		vndoc_error_set(err, VNDOC_EIO, "%s: cannot make the temporary folder", s->tmp);
		free(s);
		return VNDOC_EIO;
	}
	vndoc_serve__campaign_sweep(s);
	pthread_mutex_init(&s->store, NULL);
	{
		pthread_mutexattr_t a;
		pthread_mutexattr_init(&a);
		pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
		for (size_t i = 0; i < sizeof s->build / sizeof s->build[0]; i++)
			pthread_mutex_init(&s->build[i], &a);
		pthread_mutexattr_destroy(&a);
	}
	s->batch_jobs = opts->jobs < 1 ? 1 : opts->jobs;
	s->jobs = vndoc_serve__jobs_new(opts->jobs);
	s->events = vndoc_serve__events_new();
	s->daemon = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG,
				     0, NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
				     MHD_OPTION_CONNECTION_LIMIT, (unsigned)VNDOC_LIMIT_SERVE_CONNECTIONS,
				     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)VNDOC_LIMIT_SERVE_IDLE_SECONDS,
				     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)VNDOC_LIMIT_SERVE_HEADER_BYTES,
				     MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_EXTERNAL_LOGGER, quiet_log,
				     NULL, MHD_OPTION_END);
	if (!s->daemon) {
		vndoc_serve_stop(s);
		return vndoc_error_set(err, VNDOC_EIO, "cannot listen on %s port %d (taken, or not this machine's)",
				       bind, opts->port);
	}
	info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	if (s->need_token)
		snprintf(s->url, sizeof s->url, "http://%s:%u/?token=%s", bind, info ? info->port : 0, s->token);
	else
		snprintf(s->url, sizeof s->url, "http://%s:%u/", bind, info ? info->port : 0);
	*out = s;
	return 0;
}

const char *vndoc_serve_url(const vndoc_server *s)
{
	return s->url;
}

void vndoc_serve_stop(vndoc_server *s)
{
	if (!s)
		return;
	if (s->events)
		vndoc_serve__events_close(s->events);
	if (s->daemon)
		MHD_stop_daemon(s->daemon);
	vndoc_serve__jobs_free(s->jobs);
	vndoc_serve__events_free(s->events);
	pthread_mutex_destroy(&s->store);
	for (size_t i = 0; i < sizeof s->build / sizeof s->build[0]; i++)
		pthread_mutex_destroy(&s->build[i]);
	free(s);
}
