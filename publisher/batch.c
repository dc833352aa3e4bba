/* Queued datums and their split into PutMetricData request bodies. */
#include <stdlib.h>
#include <string.h>

#include "cwa.h"
#include "publish.h"

#define BODY_HEAD	"{\"Namespace\":"
#define BODY_MID	",\"MetricData\":["
#define BODY_TAIL	"]}"

/* Bytes of a body of the namespace and no datum. */
static size_t
envelope(size_t ns_len)
{
	return strlen(BODY_HEAD) + ns_len + strlen(BODY_MID) +
	    strlen(BODY_TAIL);
}

/*
 * Queue a datum for the namespace of ns_len bytes (as JSON); 0, 1 when
 * it alone is over the request size limit (warned, not queued), or -1
 * when out of memory.
 */
int
pending_add(struct pending *p, const json_t *datum, size_t ns_len)
{
	char	*s, **nitem;
	size_t	*nlen, ncap, len;

	if ((s = json_dumps(datum, CWA_JSON_FLAGS)) == NULL)
		return -1;
	len = strlen(s);
	if (envelope(ns_len) + len > BATCH_MAX_BYTES) {
		log_error("%s: datum of %zu bytes is over the request size "
		    "limit of %d bytes: dropped",
		    json_string_value(json_object_get(datum, "MetricName")),
		    len, BATCH_MAX_BYTES);
		free(s);
		return 1;
	}
	if (p->n == p->cap) {
		ncap = p->cap == 0 ? 64 : p->cap * 2;
		if ((nitem = reallocarray(p->item, ncap,
		    sizeof(*nitem))) == NULL) {
			free(s);
			return -1;
		}
		p->item = nitem;
		if ((nlen = reallocarray(p->len, ncap,
		    sizeof(*nlen))) == NULL) {
			free(s);
			return -1;
		}
		p->len = nlen;
		p->cap = ncap;
	}
	p->item[p->n] = s;
	p->len[p->n++] = len;
	p->bytes += len;
	return 0;
}

/* Are there enough datums queued to fill a request? */
int
pending_full(const struct pending *p, size_t ns_len)
{
	return p->n >= BATCH_MAX_DATUMS ||
	    envelope(ns_len) + p->bytes + p->n > BATCH_MAX_BYTES;
}

/* Drop every queued datum. */
void
pending_clear(struct pending *p)
{
	size_t	 i;

	for (i = 0; i < p->n; i++)
		free(p->item[i]);
	p->n = 0;
	p->bytes = 0;
}

/* Drop every queued datum and release the queue. */
void
pending_free(struct pending *p)
{
	pending_clear(p);
	free(p->item);
	free(p->len);
	memset(p, 0, sizeof(*p));
}

/*
 * The body of the next request, {"Namespace":…,"MetricData":[…]}, from the
 * queued datums from *from on: as many as fit in BATCH_MAX_DATUMS and
 * BATCH_MAX_BYTES.  Advance *from past them; the caller frees the body.
 * NULL when out of memory.
 */
char *
batch_next(const struct pending *p, const char *ns_json, size_t *from,
    size_t *lenp)
{
	size_t	 ns_len = strlen(ns_json), len, i, end, off;
	char	*body;

	/* pending_add made sure each datum fits on its own. */
	len = envelope(ns_len);
	for (end = *from; end < p->n && end - *from < BATCH_MAX_DATUMS;
	    end++) {
		if (len + p->len[end] + (end > *from) > BATCH_MAX_BYTES)
			break;
		len += p->len[end] + (end > *from);
	}
	if ((body = malloc(len + 1)) == NULL)
		return NULL;
	off = 0;
#define PUT(s, n) do { memcpy(body + off, (s), (n)); off += (n); } while (0)
	PUT(BODY_HEAD, strlen(BODY_HEAD));
	PUT(ns_json, ns_len);
	PUT(BODY_MID, strlen(BODY_MID));
	for (i = *from; i < end; i++) {
		if (i > *from)
			PUT(",", 1);
		PUT(p->item[i], p->len[i]);
	}
	PUT(BODY_TAIL, strlen(BODY_TAIL));
#undef PUT
	body[off] = '\0';
	*from = end;
	*lenp = off;
	return body;
}
