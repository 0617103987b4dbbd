/*
 * batch/sheet.c: the summary as a sheet (tong-hop.xlsx), a unit at a time.
 */
#include "batch/batch_internal.h"
#include "collect/collect.h"

int vndoc_batch__sheet(const char *path, vndoc_data_stream *s, vndoc_error *err)
{
	vndoc_collect_writer *w = NULL;
	vndoc_value *unit = NULL;
	int rc;

	if ((rc = vndoc_collect_writer_open(&w, path, NULL, err)) < 0)
		return rc;
	while ((rc = vndoc_data_stream_next(s, &unit, err)) > 0) {
		rc = vndoc_collect_writer_unit(w, unit, err);
		vndoc_value_free(unit);
		unit = NULL;
		if (rc < 0)
			break;
	}
	if (rc < 0) {
		vndoc_collect_writer_abort(w);
		return rc;
	}
	return vndoc_collect_writer_close(w, err);
}
