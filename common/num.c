/* Checked number parsing: whole strings, ranges, no atoi. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "cwa.h"

/* Parse a whole string as a finite double in [min, max]; 0 or -1. */
int
num_double(const char *s, double min, double max, double *out)
{
	char	*end;
	double	 v;

	/* strtod skips leading blanks: a whole string may not have them. */
	if (s == NULL || *s == '\0' || *s == ' ' || (*s >= '\t' && *s <= '\r'))
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || *end != '\0' || end == s || !isfinite(v) ||
	    v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* Parse a whole decimal string as an unsigned long long in [min, max]. */
int
num_ull(const char *s, unsigned long long min, unsigned long long max,
    unsigned long long *out)
{
	const char		*p = s;
	unsigned long long	 v;

	if (s == NULL || *s < '0' || *s > '9' || num_field(&p, &v) == -1 ||
	    *p != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* Parse a decimal field at *p, skipping blanks; advance *p past it. */
int
num_field(const char **p, unsigned long long *out)
{
	const char		*s = *p;
	char			*end;
	unsigned long long	 v;

	while (*s == ' ' || *s == '\t')
		s++;
	/* strtoull accepts a sign and wraps negatives: refuse both. */
	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || end == s)
		return -1;
	*out = v;
	*p = end;
	return 0;
}
