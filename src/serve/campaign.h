/*
 * serve/campaign.h: campaigns on the disk (campaign.c, forms.c; private
 * to src/serve).  A campaign is the folder DIR/ID:
 *
 *     campaign.json   {"id", "name", "created", "data_file", "doc_file"}
 *     data.EXT        the uploaded data, as uploaded (json, csv, xlsx)
 *     doc.json        the document's fields, optional
 *     units.json      what the data says, read once: the units (name, slug),
 *                     vndoc check's findings, the deadline
 *     forms/N.docx    received forms, N = 1, 2, 3… in arrival order
 *     forms/N.json    what collect read from it
 *     out/…           downloads made (a cache)
 *
 * Every file is written to a temporary name, flushed and renamed; a new
 * campaign is made in DIR/.tmp and renamed into place whole.
 */
#ifndef VNDOC_SERVE_CAMPAIGN_H
#define VNDOC_SERVE_CAMPAIGN_H

#include "serve/serve_internal.h"

/* An answer: an HTTP status and its JSON body (owned). */
typedef struct vndoc_serve_reply {
	int status;
	json_t *body;
} vndoc_serve_reply;

/** Sets the reply to {"error": message}. */
void vndoc_serve__reply_error(vndoc_serve_reply *r, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/** Whether campaign `id` exists (a valid ID naming a folder). */
bool vndoc_serve__campaign_exists(const vndoc_server *s, const char *id);
/** DIR/ID/REL into `out`. */
void vndoc_serve__campaign_path(char *out, size_t size, const vndoc_server *s, const char *id, const char *rel);
/** A new campaign from an upload (parts data, doc, name); on a worker. */
void vndoc_serve__campaign_create(vndoc_server *s, vndoc_serve_upload *u, vndoc_serve_reply *out);
/** The campaign as GET /api/campaigns/ID answers, or NULL (404). */
json_t *vndoc_serve__campaign_json(const vndoc_server *s, const char *id);
/** {"campaigns": [...]}, newest first. */
json_t *vndoc_serve__campaign_list(const vndoc_server *s);
/** Removes the campaign's folder; -1 when there is none. */
int vndoc_serve__campaign_delete(vndoc_server *s, const char *id);
/** At start: removes what a killed server left half made in campaigns
 * (a form without its N.json, a preview's pages). */
void vndoc_serve__campaign_sweep(const vndoc_server *s);
/** Forms received so far (the highest N with its N.json). */
long vndoc_serve__campaign_forms(const vndoc_server *s, const char *id);

/** Reads the `form` parts of an upload into campaign `id`; on a worker. */
void vndoc_serve__forms_add(vndoc_server *s, const char *id, vndoc_serve_upload *u, vndoc_serve_reply *out);
/** The latest form of each unit, as paths in unit order (malloc'd, with
 * *n); the caller frees each and the array. */
char **vndoc_serve__forms_latest(const vndoc_server *s, const char *id, size_t *n);

#endif
