/* Open windows, one per series and period, and their closing. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cwa.h"
#include "aggregate.h"

struct window {
	char		*series;	/* datum_series key */
	json_t		*name;		/* MetricName */
	json_t		*unit;		/* Unit or NULL */
	json_t		*dims;		/* Dimensions or NULL */
	double		 start;		/* seconds since the epoch */
	double		 last;		/* wall time its last datum came */
	unsigned long	 seq;		/* order of first appearance */
	struct samples	 samples;
};

struct agg {
	long long	  period;
	double		  grace;
	emit_fn		  emit;
	void		 *arg;
	struct window	**open;
	size_t		  nopen, cap;
	unsigned long	  seq;
	double		  high;		/* the latest window start seen */
	double		  closed;	/* the latest window start closed */
	int		  any_seen, any_closed;
};

/*
 * Open an aggregator of windows of period seconds; a window also closes
 * grace seconds after its end once input is idle.  NULL when out of memory.
 */
struct agg *
agg_new(long long period, double grace, emit_fn emit, void *arg)
{
	struct agg	*a;

	if ((a = calloc(1, sizeof(*a))) == NULL)
		return NULL;
	a->period = period;
	a->grace = grace;
	a->emit = emit;
	a->arg = arg;
	return a;
}

static void
window_free(struct window *w)
{
	free(w->series);
	json_decref(w->name);
	json_decref(w->unit);
	json_decref(w->dims);
	samples_free(&w->samples);
	free(w);
}

/* Emit nothing more and release everything. */
void
agg_free(struct agg *a)
{
	size_t	 i;

	if (a == NULL)
		return;
	for (i = 0; i < a->nopen; i++)
		window_free(a->open[i]);
	free(a->open);
	free(a);
}

/* One output datum of a window; 0 or -1. */
static int
emit_one(struct agg *a, const struct window *w, const char *prefix,
    double value)
{
	json_t		*d = NULL;
	const char	*base = json_string_value(w->name);
	char		*name;
	size_t		 len;
	int		 rc = -1;

	len = strlen(prefix) + strlen(base) + 1;
	if ((name = malloc(len)) == NULL)
		return -1;
	snprintf(name, len, "%s%s", prefix, base);
	if ((d = json_object()) == NULL)
		goto fail;
	if (json_object_set_new(d, "MetricName", json_string(name)) == -1 ||
	    (w->dims != NULL &&
	    json_object_set(d, "Dimensions", w->dims) == -1) ||
	    json_object_set_new(d, "Timestamp",
	    json_integer((json_int_t)w->start)) == -1 ||
	    json_object_set_new(d, "Value", json_real(value)) == -1 ||
	    (w->unit != NULL && json_object_set(d, "Unit", w->unit) == -1) ||
	    (a->period < 60 && json_object_set_new(d, "StorageResolution",
	    json_integer(1)) == -1))
		goto fail;
	if (log_enabled(LOG_INFO))
		log_info("%s %.15g at %.0f", name, value, w->start);
	rc = a->emit(d, a->arg);
fail:
	json_decref(d);
	free(name);
	return rc;
}

/* Emit <Name> = median and Max<Name> = maximum of a window; 0 or -1. */
static int
window_emit(struct agg *a, struct window *w)
{
	double	 median;

	if (samples_median(&w->samples, &median) == -1)
		return 0;
	if (emit_one(a, w, "", median) == -1 ||
	    emit_one(a, w, "Max", w->samples.max) == -1)
		return -1;
	return 0;
}

static int
cmp_window(const void *x, const void *y)
{
	const struct window	*a = *(struct window *const *)x;
	const struct window	*b = *(struct window *const *)y;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

/*
 * When a window closes by the clock: grace seconds after its end, and
 * after the last datum it got (a stalled upstream, or late datums).
 */
static double
expiry(const struct agg *a, const struct window *w)
{
	return fmax(w->start + (double)a->period, w->last) + a->grace;
}

/*
 * Close the windows that start before start_before, or whose expiry is
 * at or before now: emit them in order of start, then of first
 * appearance, and release them.  0, or -1 when emit failed.
 */
static int
close_windows(struct agg *a, double start_before, double now)
{
	struct window	*w;
	size_t		 i, keep = 0, nclose;
	int		 rc = 0;

	/* Move the closing windows to the end, then sort those. */
	for (i = 0; i < a->nopen; i++) {
		w = a->open[i];
		if (w->start < start_before || expiry(a, w) <= now)
			continue;
		a->open[i] = a->open[keep];
		a->open[keep++] = w;
	}
	nclose = a->nopen - keep;
	qsort(a->open + keep, nclose, sizeof(*a->open), cmp_window);
	for (i = keep; i < a->nopen; i++) {
		w = a->open[i];
		if (rc == 0)
			rc = window_emit(a, w);
		if (!a->any_closed || w->start > a->closed)
			a->closed = w->start;
		a->any_closed = 1;
		window_free(w);
	}
	a->nopen = keep;
	return rc;
}

/* The open window of a series and start, made if new; NULL on no memory. */
static struct window *
window_get(struct agg *a, const struct datum *d, char *series, double start,
    unsigned long lineno)
{
	struct window	*w, **nopen;
	size_t		 i, ncap;

	for (i = 0; i < a->nopen; i++) {
		w = a->open[i];
		if (w->start == start && strcmp(w->series, series) == 0) {
			free(series);
			return w;
		}
	}
	if (a->any_closed && start <= a->closed)
		log_warn("line %lu: %s for %.0f arrived after that period "
		    "was emitted: emitting it again with the late datums",
		    lineno, d->name, start);
	if (a->nopen == a->cap) {
		ncap = a->cap == 0 ? 8 : a->cap * 2;
		if ((nopen = reallocarray(a->open, ncap,
		    sizeof(*nopen))) == NULL)
			goto fail;
		a->open = nopen;
		a->cap = ncap;
	}
	if ((w = calloc(1, sizeof(*w))) == NULL)
		goto fail;
	w->series = series;
	w->name = json_incref(json_object_get(d->obj, "MetricName"));
	w->unit = json_incref(json_object_get(d->obj, "Unit"));
	w->dims = json_incref(d->dims);
	w->start = start;
	w->seq = a->seq++;
	a->open[a->nopen++] = w;
	return w;
fail:
	free(series);
	return NULL;
}

/*
 * Add a datum that arrived at wall time arrival (its window comes from its
 * Timestamp, or else from arrival); a datum of a later window first closes
 * every earlier one.  lineno is for diagnostics.
 * 0, or -1 when out of memory or when emit failed.
 */
int
agg_add(struct agg *a, const struct datum *d, double arrival,
    unsigned long lineno)
{
	struct window	*w;
	char		*series;
	double		 ts, start, weight;
	size_t		 i;

	ts = d->has_ts ? d->ts : arrival;
	start = floor(ts / (double)a->period) * (double)a->period;
	if (!a->any_seen || start > a->high) {
		if (a->any_seen && close_windows(a, start, -INFINITY) == -1)
			return -1;
		a->high = start;
		a->any_seen = 1;
	}
	if ((series = datum_series(d)) == NULL ||
	    (w = window_get(a, d, series, start, lineno)) == NULL) {
		log_error("out of memory");
		return -1;
	}
	w->last = arrival;
	switch (d->kind) {
	case DATUM_VALUE:
		return samples_add(&w->samples, d->value, 1);
	case DATUM_VALUES:
		for (i = 0; i < json_array_size(d->values); i++) {
			weight = datum_count(d, i);
			if (weight > 0 && samples_add(&w->samples,
			    json_number_value(json_array_get(d->values, i)),
			    weight) == -1)
				return -1;
		}
		return 0;
	case DATUM_STATS:
		/* A summary has no median: its mean stands for its samples. */
		if (samples_add(&w->samples, d->sum / d->count, d->count) == -1)
			return -1;
		if (d->max > w->samples.max)
			w->samples.max = d->max;
		return 0;
	}
	return 0;
}

/*
 * Close the windows whose end, and whose last datum, are grace seconds or
 * more before now; 0 or -1.
 */
int
agg_expire(struct agg *a, double now)
{
	return close_windows(a, -INFINITY, now);
}

/* Close every open window, partial ones included; 0 or -1. */
int
agg_close_all(struct agg *a)
{
	return close_windows(a, INFINITY, -INFINITY);
}

/* The wall time at which the first open window expires, or INFINITY. */
double
agg_deadline(const struct agg *a)
{
	double	 t, first = INFINITY;
	size_t	 i;

	for (i = 0; i < a->nopen; i++) {
		t = expiry(a, a->open[i]);
		if (t < first)
			first = t;
	}
	return first;
}
