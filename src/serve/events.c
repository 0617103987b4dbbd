/*
 * serve/events.c: server-sent events.  What happens to a campaign (a job's
 * progress, its end, forms received) is posted to a ring of the last
 * RING events; each stream (GET /api/campaigns/ID/events, a connection
 * thread of its own) waits on the ring and sends its campaign's events,
 * and a comment line ": ping" after PING_SECONDS of silence, which also
 * finds a client that has left.  At most VNDOC_LIMIT_SERVE_STREAMS are
 * open: a new one ends the oldest.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <microhttpd.h>

#include "core/alloc.h"
#include "core/limits.h"
#include "serve/serve_internal.h"

#define RING 256
#define PING_SECONDS 15
#define CLOSE_SECONDS 2

typedef struct stream stream;

typedef struct event {
	unsigned long long seq;
	char id[VNDOC_SERVE_ID_LEN + 1];
	char *text;  /* "event: NAME\ndata: JSON\n\n" */
} event;

struct vndoc_serve_events {
	pthread_mutex_t lock;
	pthread_cond_t posted;
	event ring[RING];
	unsigned long long next;  /* the seq the next event gets */
	bool closed;
	stream *open[VNDOC_LIMIT_SERVE_STREAMS]; /* oldest first */
	size_t n_open;
};

struct stream {
	vndoc_serve_events *ev;
	char id[VNDOC_SERVE_ID_LEN + 1];
	unsigned long long seq;   /* the next event to look at */
	char *pending;            /* text not sent yet */
	size_t len, off;
	bool ended;               /* too many streams: this one, the oldest, ends */
	bool finished;            /* it has said its last (the server stops) */
};

vndoc_serve_events *vndoc_serve__events_new(void)
{
	vndoc_serve_events *ev = vndoc_xcalloc(1, sizeof *ev);
	pthread_condattr_t a;

	pthread_mutex_init(&ev->lock, NULL);
	pthread_condattr_init(&a);
	pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
	pthread_cond_init(&ev->posted, &a);
	pthread_condattr_destroy(&a);
	return ev;
}

void vndoc_serve__events_post(vndoc_serve_events *ev, const char *id, const char *name, json_t *data)
{
	char *json = json_dumps(data, JSON_COMPACT | JSON_PRESERVE_ORDER);
	size_t size = strlen(name) + (json ? strlen(json) : 2) + 32;
	event *e;

	json_decref(data);
	pthread_mutex_lock(&ev->lock);
	e = &ev->ring[ev->next % RING];
	free(e->text);
	e->text = vndoc_xmalloc(size);
	snprintf(e->text, size, "event: %s\ndata: %s\n\n", name, json ? json : "{}");
	snprintf(e->id, sizeof e->id, "%s", id);
	e->seq = ev->next++;
	pthread_cond_broadcast(&ev->posted);
	pthread_mutex_unlock(&ev->lock);
	free(json);
}

/* Whether every open stream has said its last. */
static bool all_finished(const vndoc_serve_events *ev)
{
	for (size_t i = 0; i < ev->n_open; i++)
		if (!ev->open[i]->finished)
			return false;
	return true;
}

void vndoc_serve__events_close(vndoc_serve_events *ev)
{
	struct timespec until;

	/* The streams send what was posted before they end; the server then
	 * closes their connections.  A client that reads nothing is not
	 * waited for past CLOSE_SECONDS. */
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += CLOSE_SECONDS;
	pthread_mutex_lock(&ev->lock);
	ev->closed = true;
	pthread_cond_broadcast(&ev->posted);
	while (!all_finished(ev) && pthread_cond_timedwait(&ev->posted, &ev->lock, &until) != ETIMEDOUT)
		;
	pthread_mutex_unlock(&ev->lock);
}

void vndoc_serve__events_free(vndoc_serve_events *ev)
{
	if (!ev)
		return;
	for (size_t i = 0; i < RING; i++)
		free(ev->ring[i].text);
	pthread_cond_destroy(&ev->posted);
	pthread_mutex_destroy(&ev->lock);
	free(ev);
}

/* The next text for stream `s`, waiting for it: an event, or a ping.
 * false when the server stops. */
static bool next_text(stream *s)
{
	vndoc_serve_events *ev = s->ev;
	struct timespec until;
	bool ok = true;

	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += PING_SECONDS;
	pthread_mutex_lock(&ev->lock);
	for (;;) {
		if (s->ended) {
			ok = false;
			break;
		}
		/* Events older than the ring holds are lost to a slow reader. */
		if (ev->next > RING && s->seq < ev->next - RING)
			s->seq = ev->next - RING;
		while (s->seq < ev->next && strcmp(ev->ring[s->seq % RING].id, s->id))
			s->seq++;
		if (s->seq < ev->next) {
			s->pending = vndoc_xstrdup(ev->ring[s->seq % RING].text);
			s->seq++;
			break;
		}
		/* The server stops: what was posted is sent first. */
		if (ev->closed) {
			s->finished = true;
			pthread_cond_broadcast(&ev->posted);
			ok = false;
			break;
		}
		if (pthread_cond_timedwait(&ev->posted, &ev->lock, &until) == ETIMEDOUT) {
			s->pending = vndoc_xstrdup(": ping\n\n");
			break;
		}
	}
	pthread_mutex_unlock(&ev->lock);
	if (ok) {
		s->len = strlen(s->pending);
		s->off = 0;
	}
	return ok;
}

static ssize_t read_stream(void *cls, uint64_t pos, char *buf, size_t max)
{
	stream *s = cls;
	size_t n;

	(void)pos;
	if (!s->pending && !next_text(s))
		return MHD_CONTENT_READER_END_OF_STREAM;
	n = s->len - s->off < max ? s->len - s->off : max;
	memcpy(buf, s->pending + s->off, n);
	if ((s->off += n) == s->len) {
		free(s->pending);
		s->pending = NULL;
	}
	return (ssize_t)n;
}

/* Takes `s` out of the open streams (the lock held). */
static void forget(vndoc_serve_events *ev, stream *s)
{
	for (size_t i = 0; i < ev->n_open; i++)
		if (ev->open[i] == s) {
			memmove(&ev->open[i], &ev->open[i + 1], (ev->n_open - i - 1) * sizeof ev->open[0]);
			ev->n_open--;
			return;
		}
}

static void free_stream(void *cls)
{
	stream *s = cls;

	pthread_mutex_lock(&s->ev->lock);
	forget(s->ev, s);
	pthread_mutex_unlock(&s->ev->lock);
	free(s->pending);
	free(s);
}

struct MHD_Response *vndoc_serve__events_response(vndoc_serve_events *ev, const char *id)
{
	stream *s = vndoc_xcalloc(1, sizeof *s);
	struct MHD_Response *r;

	s->ev = ev;
	snprintf(s->id, sizeof s->id, "%s", id);
	pthread_mutex_lock(&ev->lock);
	s->seq = ev->next; /* what happens from now on */
	if (ev->n_open == VNDOC_LIMIT_SERVE_STREAMS) {
		ev->open[0]->ended = true;
		forget(ev, ev->open[0]);
		pthread_cond_broadcast(&ev->posted);
	}
	ev->open[ev->n_open++] = s;
	pthread_mutex_unlock(&ev->lock);
	/* A first line at once, so the client knows the stream is open. */
	s->pending = vndoc_xstrdup(": connected\n\n");
	s->len = strlen(s->pending);
	r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, read_stream, s, free_stream);
	if (!r)
		free_stream(s);
	return r;
}
