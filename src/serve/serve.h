/*
 * serve/serve.h: `vndoc serve`, the registration cycle as a web page on
 * the clerk's own machine: an HTTP server (libmicrohttpd) holding
 * campaigns in a folder, one folder per campaign, and a JSON API under
 * /api/ that the page itself uses (README, "HTTP API").
 *
 * Safe by default: bound to 127.0.0.1; bound elsewhere, every request
 * needs the access token the server prints.  State-changing requests
 * carry the page's CSRF token.  Uploads are capped (core/limits.h,
 * VNDOC_LIMIT_SERVE_*) and streamed to temporary files; heavy work goes
 * to a bounded pool of workers.  The library never prints: the command
 * (cli/cmd_serve.c) prints the address vndoc_serve_url gives.
 */
#ifndef VNDOC_SERVE_H
#define VNDOC_SERVE_H

#include "core/error.h"

typedef struct vndoc_serve_options {
	const char *bind;       /* IPv4 address; NULL: 127.0.0.1 */
	int port;               /* 0: a free port */
	const char *dir;        /* the campaigns' folder, created 0700 */
	const char *templates;  /* as vndoc_batch_options.templates */
	int jobs;               /* worker threads, 1..VNDOC_LIMIT_SERVE_WORKERS */
} vndoc_serve_options;

typedef struct vndoc_server vndoc_server;

/** Starts serving in threads of its own.  VNDOC_EIO when the folder or
 * the address cannot be taken, VNDOC_EINVAL for a bad address. */
int vndoc_serve_start(vndoc_server **out, const vndoc_serve_options *opts, vndoc_error *err);

/** The address to open: http://HOST:PORT/ (with ?token=… when bound to
 * an address other than loopback). */
const char *vndoc_serve_url(const vndoc_server *s);

/** Stops serving (open event streams end) and frees the server. */
void vndoc_serve_stop(vndoc_server *s);

#endif
