/*
 * cwa-publish: send datums to CloudWatch with PutMetricData.
 *
 *	main.c		options, the read loop, batching by arrival, dry run
 *	metricdata.c	one line of the format to one API MetricDatum
 *	batch.c		pending datums and their split into request bodies
 */
#ifndef PUBLISH_H
#define PUBLISH_H

#include <stddef.h>

#include <jansson.h>

struct datum;

/* PutMetricData limits: datums per request, bytes per request body. */
#define BATCH_MAX_DATUMS	1000
#define BATCH_MAX_BYTES		1000000

/* metricdata.c */
/*
 * The MetricDatum to send for a line: its known keys in API order, the
 * dimensions of extra (an array of {Name, Value}) added unless the datum
 * has one of that name, and the arrival time when it has no Timestamp.
 * NULL when out of memory.
 */
json_t	*metricdata_build(const struct datum *, const json_t *extra,
	    double arrival);

/* batch.c */
struct pending {
	char		**item;		/* datums as compact JSON */
	size_t		 *len;
	size_t		  n, cap;
	size_t		  bytes;	/* sum of len */
};

/*
 * Queue a datum for the namespace of ns_len bytes (as JSON); 0, 1 when
 * it alone is over the request size limit (warned, not queued), or -1
 * when out of memory.
 */
int	 pending_add(struct pending *, const json_t *datum, size_t ns_len);
/* Are there enough datums queued to fill a request? */
int	 pending_full(const struct pending *, size_t ns_len);
/* Drop every queued datum. */
void	 pending_clear(struct pending *);
/* Drop every queued datum and release the queue. */
void	 pending_free(struct pending *);
/*
 * The body of the next request, {"Namespace":…,"MetricData":[…]}, from the
 * queued datums from *from on: as many as fit in BATCH_MAX_DATUMS and
 * BATCH_MAX_BYTES.  Advance *from past them; the caller frees the body.
 * NULL when out of memory.
 */
char	*batch_next(const struct pending *, const char *ns_json,
	    size_t *from, size_t *len);

#endif /* PUBLISH_H */
