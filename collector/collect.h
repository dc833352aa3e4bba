/*
 * cwa-collect: sample the host's CPU and memory utilization.
 *
 *	main.c		options, the sampling loop on absolute deadlines
 *	procstat.c	the aggregate "cpu" line of /proc/stat, busy share
 *	meminfo.c	/proc/meminfo, used share of MemTotal
 */
#ifndef COLLECT_H
#define COLLECT_H

/* Jiffies of the aggregate cpu line; guest time is already in user/nice. */
struct cpu_times {
	unsigned long long	 user, nice, system, idle, iowait;
	unsigned long long	 irq, softirq, steal;
};

/* Read the aggregate cpu line of a /proc/stat file; 0 or -1 (warned). */
int	procstat_read(const char *path, struct cpu_times *);
/* Parse the aggregate cpu line from the text of /proc/stat; 0 or -1. */
int	procstat_parse(const char *text, struct cpu_times *);
/*
 * Busy share of the jiffies between two readings, in percent:
 * busy = total - idle - iowait, each counter delta saturating at 0.
 * 0, or -1 when no jiffy elapsed.
 */
int	cpu_busy_percent(const struct cpu_times *prev,
	    const struct cpu_times *cur, double *);

/* The /proc/meminfo fields of the used-memory formula, in kB. */
struct meminfo {
	unsigned long long	 total, free, buffers, cached, sreclaimable;
};

/* Read a /proc/meminfo file; 0 or -1 (warned). */
int	meminfo_read(const char *path, struct meminfo *);
/* Parse the text of /proc/meminfo; 0 or -1 with the missing field named. */
int	meminfo_parse(const char *text, struct meminfo *, const char **what);
/*
 * Used memory in percent of MemTotal:
 * 100 * (MemTotal - MemFree - Buffers - Cached - SReclaimable) / MemTotal.
 * 0, or -1 when MemTotal is 0.
 */
int	mem_used_percent(const struct meminfo *, double *);

#endif /* COLLECT_H */
