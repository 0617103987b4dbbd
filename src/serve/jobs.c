/*
 * serve/jobs.c: a bounded pool of worker threads.  Request threads hand
 * heavy work (reading forms, making downloads, previews) to it and wait;
 * at most VNDOC_LIMIT_SERVE_QUEUE jobs wait for a worker, so a flood of
 * requests gets 503 instead of memory.  Each worker keeps the fonts of
 * its layouts from one job to the next (a vndoc_layout_fonts serves one
 * thread).
 */
#include <stdlib.h>

#include "core/alloc.h"
#include "core/limits.h"
#include "layout/layout.h"
#include "serve/serve_internal.h"

typedef struct job {
	vndoc_serve_job_fn fn;
	void *arg;
	int rc;
	bool done;
	struct job *next;
} job;

struct vndoc_serve_jobs {
	pthread_mutex_t lock;
	pthread_cond_t work, finished;
	job *head, *tail;
	size_t waiting;
	bool stop;
	int n;
	pthread_t threads[VNDOC_LIMIT_SERVE_WORKERS];
};

static void *worker(void *arg)
{
	vndoc_serve_jobs *j = arg;
	vndoc_serve_worker w = { NULL };

	pthread_mutex_lock(&j->lock);
	for (;;) {
		job *jb;
		while (!j->head && !j->stop)
			pthread_cond_wait(&j->work, &j->lock);
		if (!j->head)
			break;
		jb = j->head;
		if (!(j->head = jb->next))
			j->tail = NULL;
		j->waiting--;
		pthread_mutex_unlock(&j->lock);
		jb->rc = jb->fn(&w, jb->arg);
		pthread_mutex_lock(&j->lock);
		jb->done = true;
		pthread_cond_broadcast(&j->finished);
	}
	pthread_mutex_unlock(&j->lock);
	vndoc_layout_fonts_free(w.fonts);
	return NULL;
}

vndoc_serve_jobs *vndoc_serve__jobs_new(int workers)
{
	vndoc_serve_jobs *j = vndoc_xcalloc(1, sizeof *j);

	if (workers < 1)
		workers = 1;
	if (workers > VNDOC_LIMIT_SERVE_WORKERS)
		workers = VNDOC_LIMIT_SERVE_WORKERS;
	pthread_mutex_init(&j->lock, NULL);
	pthread_cond_init(&j->work, NULL);
	pthread_cond_init(&j->finished, NULL);
	for (j->n = 0; j->n < workers; j->n++)
		if (pthread_create(&j->threads[j->n], NULL, worker, j) != 0)
			break;
	return j;
}

int vndoc_serve__jobs_run(vndoc_serve_jobs *j, vndoc_serve_job_fn fn, void *arg)
{
	job jb = { fn, arg, 0, false, NULL };

	pthread_mutex_lock(&j->lock);
	if (j->stop || j->waiting >= VNDOC_LIMIT_SERVE_QUEUE || !j->n) {
		pthread_mutex_unlock(&j->lock);
		return VNDOC_SERVE_EBUSY;
	}
	if (j->tail)
		j->tail->next = &jb;
	else
		j->head = &jb;
	j->tail = &jb;
	j->waiting++;
	pthread_cond_signal(&j->work);
	while (!jb.done)
		pthread_cond_wait(&j->finished, &j->lock);
	pthread_mutex_unlock(&j->lock);
	return jb.rc;
}

void vndoc_serve__jobs_free(vndoc_serve_jobs *j)
{
	if (!j)
		return;
	pthread_mutex_lock(&j->lock);
	j->stop = true;
	pthread_cond_broadcast(&j->work);
	pthread_mutex_unlock(&j->lock);
	for (int i = 0; i < j->n; i++)
		pthread_join(j->threads[i], NULL);
	pthread_cond_destroy(&j->work);
	pthread_cond_destroy(&j->finished);
	pthread_mutex_destroy(&j->lock);
	free(j);
}
