/* cwa-collect: emit CPU and memory utilization samples as lines. */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cwa.h"
#include "collect.h"

struct source {
	char		 stat[PATH_MAX];
	char		 meminfo[PATH_MAX];
	struct cpu_times prev;
	int		 have_prev;
};

static void
usage(void)
{
	fprintf(stderr, "usage: cwa-collect [-i seconds] [-c count] "
	    "[-P procdir]\n");
	exit(EXIT_USAGE);
}

/* Emit one datum of Unit Percent; 0 or -1 when stdout failed. */
static int
emit(const char *name, double pct, double ts)
{
	json_t	*j;
	int	 rc;

	/* Three decimals: far below a jiffy's share, and readable. */
	j = json_pack("{sssfsssf}", "MetricName", name,
	    "Value", round(pct * 1000) / 1000, "Unit", "Percent",
	    "Timestamp", round(ts * 1000) / 1000);
	if (j == NULL) {
		log_error("out of memory");
		return -1;
	}
	rc = out_json(j);
	if (rc == 0 && log_enabled(LOG_INFO))
		log_info("%s %.3f%% at %.3f", name, pct, ts);
	json_decref(j);
	return rc;
}

/* Take one sample and write its datums; 0, or -1 when stdout failed. */
static int
sample(struct source *src)
{
	struct cpu_times	 cur;
	struct meminfo		 mem;
	double			 ts, pct;

	ts = clock_wall();
	if (procstat_read(src->stat, &cur) == 0) {
		if (src->have_prev && cpu_busy_percent(&src->prev, &cur,
		    &pct) == 0) {
			if (emit("CPUUtilization", pct, ts) == -1)
				return -1;
		} else if (src->have_prev)
			log_debug("no jiffies elapsed: no CPU sample");
		src->prev = cur;
		src->have_prev = 1;
	}
	if (meminfo_read(src->meminfo, &mem) == 0) {
		if (mem_used_percent(&mem, &pct) == 0) {
			if (emit("MemoryUtilization", pct, ts) == -1)
				return -1;
		} else
			log_warn("%s: MemTotal is 0", src->meminfo);
	}
	return 0;
}

/* t + s seconds as a timespec. */
static struct timespec
ts_add(struct timespec t, double s)
{
	double	 whole = floor(s);

	t.tv_sec += (time_t)whole;
	t.tv_nsec += (long)((s - whole) * 1e9);
	if (t.tv_nsec >= 1000000000L) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000L;
	}
	return t;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "interval", required_argument, NULL, 'i' },
		{ "count", required_argument, NULL, 'c' },
		{ "proc", required_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct source		 src;
	struct meminfo		 mem;
	struct timespec		 start, deadline, now;
	const char		*procdir = "/proc";
	unsigned long long	 count = 0, n, k;
	double			 interval = 0.9, behind;
	int			 ch, rc;

	log_init("cwa-collect");
	while ((ch = getopt_long(argc, argv, "i:c:P:hV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'i':
			if (num_double(optarg, 0.001, 86400, &interval) == -1) {
				warnx("--interval: \"%s\" is not a number of "
				    "seconds from 0.001 to 86400", optarg);
				usage();
			}
			break;
		case 'c':
			if (num_ull(optarg, 1, ULLONG_MAX, &count) == -1) {
				warnx("--count: \"%s\" is not a whole number "
				    "of 1 or more", optarg);
				usage();
			}
			break;
		case 'P':
			procdir = optarg;
			break;
		case 'V':
			printf("cwa-collect %s\n", CWA_VERSION);
			return 0;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();

	memset(&src, 0, sizeof(src));
	if ((size_t)snprintf(src.stat, sizeof(src.stat), "%s/stat",
	    procdir) >= sizeof(src.stat) ||
	    (size_t)snprintf(src.meminfo, sizeof(src.meminfo), "%s/meminfo",
	    procdir) >= sizeof(src.meminfo))
		errx(EXIT_USAGE, "--proc: path too long");
	if (sig_init() == -1)
		err(1, "sigaction");
	out_init();

	/* The baseline: the first CPU sample is a delta from here. */
	if (procstat_read(src.stat, &src.prev) == -1)
		errx(1, "%s: cannot read the CPU counters", src.stat);
	src.have_prev = 1;
	if (meminfo_read(src.meminfo, &mem) == -1)
		errx(1, "%s: cannot read the memory counters", src.meminfo);

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (n = 0, k = 1; !sig_stop && (count == 0 || n < count); ) {
		/* Absolute deadlines: start + k * interval, no drift. */
		deadline = ts_add(start, (double)k * interval);
		rc = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME,
		    &deadline, NULL);
		if (sig_stop)
			break;
		if (rc == EINTR)
			continue;
		if (rc != 0) {
			errno = rc;
			err(1, "clock_nanosleep");
		}
		if (sample(&src) == -1 || out_flush() == -1)
			return errno == EPIPE ? 0 : 1;
		n++;
		k++;
		/* Suspended or starved: skip the deadlines already missed. */
		clock_gettime(CLOCK_MONOTONIC, &now);
		behind = (double)(now.tv_sec - start.tv_sec) +
		    (double)(now.tv_nsec - start.tv_nsec) / 1e9;
		if (behind > (double)k * interval) {
			log_debug("%.3f s behind: skipping samples",
			    behind - (double)(k - 1) * interval);
			k = (unsigned long long)(behind / interval) + 1;
		}
	}
	if (out_close() == -1)
		return errno == EPIPE ? 0 : 1;
	return 0;
}
