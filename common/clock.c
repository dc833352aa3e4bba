/* Wall and monotonic clocks as seconds. */
#include <time.h>

#include "cwa.h"

static double
clock_seconds(clockid_t id)
{
	struct timespec	 ts;

	if (clock_gettime(id, &ts) == -1)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Seconds since the epoch, with fractions (CLOCK_REALTIME). */
double
clock_wall(void)
{
	return clock_seconds(CLOCK_REALTIME);
}

/* Seconds on CLOCK_MONOTONIC. */
double
clock_mono(void)
{
	return clock_seconds(CLOCK_MONOTONIC);
}
