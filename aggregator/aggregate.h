/*
 * cwa-aggregate: median and maximum of each series per period.
 *
 *	main.c		options, the read loop, stall timer and drain
 *	window.c	open windows per (series, period), closing and output
 *	stats.c		weighted samples: median and maximum
 */
#ifndef AGGREGATE_H
#define AGGREGATE_H

#include <stddef.h>

#include <jansson.h>

struct datum;

/* stats.c */
struct samples {
	struct sample {
		double	 value, weight;
	}		*v;
	size_t		 n, cap;
	double		 weight;	/* sum of the weights */
	double		 max;		/* largest value with weight > 0 */
};

/* Add a value of a given weight (> 0); 0 or -1 when out of memory. */
int	samples_add(struct samples *, double value, double weight);
/*
 * The weighted median: the middle value, or the mean of the two middle
 * values when the weights split evenly between them.  Sorts the samples.
 * 0, or -1 when there are none.
 */
int	samples_median(struct samples *, double *);
/* Release the samples. */
void	samples_free(struct samples *);

/* window.c */
/* Called with each output datum; 0, or -1 to stop (output failed). */
typedef int (*emit_fn)(json_t *datum, void *arg);

struct agg;

/*
 * Open an aggregator of windows of period seconds; a window also closes
 * by the clock, grace seconds after both its end and its last datum.
 * NULL when out of memory.
 */
struct agg	*agg_new(long long period, double grace, emit_fn, void *arg);
/* Emit nothing more and release everything. */
void		 agg_free(struct agg *);
/*
 * Add a datum that arrived at wall time arrival (its window comes from its
 * Timestamp, or else from arrival); a datum of a later window first closes
 * every earlier one.  lineno is for diagnostics.
 * 0, or -1 when out of memory or when emit failed.
 */
int		 agg_add(struct agg *, const struct datum *, double arrival,
		    unsigned long lineno);
/*
 * Close the windows whose end, and whose last datum, are grace seconds or
 * more before now; 0 or -1.
 */
int		 agg_expire(struct agg *, double now);
/* Close every open window, partial ones included; 0 or -1. */
int		 agg_close_all(struct agg *);
/* The wall time at which the first open window expires, or INFINITY. */
double		 agg_deadline(const struct agg *);

#endif /* AGGREGATE_H */
