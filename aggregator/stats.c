/* Weighted samples: median and maximum. */
#include <math.h>
#include <stdlib.h>

#include "aggregate.h"

/* Add a value of a given weight (> 0); 0 or -1 when out of memory. */
int
samples_add(struct samples *s, double value, double weight)
{
	struct sample	*nv;
	size_t		 ncap;

	if (s->n == s->cap) {
		ncap = s->cap == 0 ? 80 : s->cap * 2;
		if ((nv = reallocarray(s->v, ncap, sizeof(*nv))) == NULL)
			return -1;
		s->v = nv;
		s->cap = ncap;
	}
	s->v[s->n].value = value;
	s->v[s->n].weight = weight;
	if (s->n == 0 || value > s->max)
		s->max = value;
	s->n++;
	s->weight += weight;
	return 0;
}

static int
cmp_value(const void *a, const void *b)
{
	const struct sample	*x = a, *y = b;

	return (x->value > y->value) - (x->value < y->value);
}

/*
 * The weighted median: the middle value, or the mean of the two middle
 * values when the weights split evenly between them.  Sorts the samples.
 * 0, or -1 when there are none.
 */
int
samples_median(struct samples *s, double *out)
{
	double	 half, cum = 0, lo = NAN;
	size_t	 i;

	if (s->n == 0 || !(s->weight > 0))
		return -1;
	qsort(s->v, s->n, sizeof(*s->v), cmp_value);
	half = s->weight / 2;
	/*
	 * lo is the first value whose cumulative weight reaches half, hi the
	 * first that passes it; they differ only on an even split.
	 */
	for (i = 0; i < s->n; i++) {
		cum += s->v[i].weight;
		if (isnan(lo) && cum >= half)
			lo = s->v[i].value;
		if (cum > half) {
			*out = (lo + s->v[i].value) / 2;
			return 0;
		}
	}
	/* Rounding kept cum at or below half to the end. */
	*out = isnan(lo) ? s->v[s->n - 1].value : lo;
	return 0;
}

/* Release the samples. */
void
samples_free(struct samples *s)
{
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
	s->weight = 0;
}
