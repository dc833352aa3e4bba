/* The aggregate cpu line of /proc/stat and the busy share between readings. */
#include <string.h>

#include "cwa.h"
#include "collect.h"

/* Parse the aggregate cpu line from the text of /proc/stat; 0 or -1. */
int
procstat_parse(const char *text, struct cpu_times *out)
{
	unsigned long long	 f[8];
	const char		*p = text;
	size_t			 i;

	/* The aggregate line comes first: "cpu" and blanks, not "cpu0". */
	if (strncmp(p, "cpu", 3) != 0 || (p[3] != ' ' && p[3] != '\t'))
		return -1;
	p += 3;
	memset(f, 0, sizeof(f));
	/* user nice system idle are in every kernel; the rest may be absent. */
	for (i = 0; i < 8; i++) {
		if (num_field(&p, &f[i]) == -1) {
			if (i < 4)
				return -1;
			break;
		}
	}
	out->user = f[0];
	out->nice = f[1];
	out->system = f[2];
	out->idle = f[3];
	out->iowait = f[4];
	out->irq = f[5];
	out->softirq = f[6];
	out->steal = f[7];
	return 0;
}

/* Read the aggregate cpu line of a /proc/stat file; 0 or -1 (warned). */
int
procstat_read(const char *path, struct cpu_times *out)
{
	char	 buf[512];

	/* Only the first line is needed; the rest may be long. */
	if (file_read(path, buf, sizeof(buf)) == -1)
		return -1;
	if (procstat_parse(buf, out) == -1) {
		log_warn("%s: no aggregate cpu line", path);
		return -1;
	}
	return 0;
}

/* A counter delta that saturates at 0 when the counter went backwards. */
static unsigned long long
delta(unsigned long long prev, unsigned long long cur)
{
	return cur >= prev ? cur - prev : 0;
}

/*
 * Busy share of the jiffies between two readings, in percent:
 * busy = total - idle - iowait, each counter delta saturating at 0.
 * 0, or -1 when no jiffy elapsed.
 */
int
cpu_busy_percent(const struct cpu_times *a, const struct cpu_times *b,
    double *pct)
{
	unsigned long long	 busy, idle;

	busy = delta(a->user, b->user) + delta(a->nice, b->nice) +
	    delta(a->system, b->system) + delta(a->irq, b->irq) +
	    delta(a->softirq, b->softirq) + delta(a->steal, b->steal);
	idle = delta(a->idle, b->idle) + delta(a->iowait, b->iowait);
	if (busy + idle == 0)
		return -1;
	*pct = 100.0 * (double)busy / (double)(busy + idle);
	return 0;
}
