/* Tests of /proc/stat and /proc/meminfo parsing and the two formulas. */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cwa.h"
#include "collect.h"
#include "tap.h"

/* One fixture folder of tests/proc: read, compute, compare with expect. */
static void
fixture(const char *dir)
{
	struct cpu_times	 a, b;
	struct meminfo		 m;
	char			 path[PATH_MAX + 32], want_cpu[32];
	double			 want_mem, got;
	FILE			*f;
	int			 rc;

	snprintf(path, sizeof(path), "%s/expect", dir);
	if ((f = fopen(path, "r")) == NULL) {
		OK1(0, "%s: no expect file", dir);
		return;
	}
	rc = fscanf(f, "cpu %31s mem %lf", want_cpu, &want_mem);
	fclose(f);
	OK1(rc == 2, "%s: expect file readable", dir);
	if (rc != 2)
		return;

	snprintf(path, sizeof(path), "%s/before/stat", dir);
	OK1(procstat_read(path, &a) == 0, "%s: before/stat parses", dir);
	snprintf(path, sizeof(path), "%s/after/stat", dir);
	OK1(procstat_read(path, &b) == 0, "%s: after/stat parses", dir);
	rc = cpu_busy_percent(&a, &b, &got);
	if (strcmp(want_cpu, "none") == 0)
		OK1(rc == -1, "%s: no CPU sample without jiffies", dir);
	else {
		OK1(rc == 0, "%s: CPU computed", dir);
		EXPECT_NEAR(strtod(want_cpu, NULL), got, 1e-6);
	}
	snprintf(path, sizeof(path), "%s/after/meminfo", dir);
	OK1(meminfo_read(path, &m) == 0, "%s: meminfo parses", dir);
	OK1(mem_used_percent(&m, &got) == 0, "%s: memory computed", dir);
	EXPECT_NEAR(want_mem, got, 1e-6);
}

DEF_TEST(fixtures)
{
	const char	*root = "tests/proc";
	char		 dir[PATH_MAX];
	struct dirent	**ents;
	int		 i, n, cases = 0;

	if ((n = scandir(root, &ents, NULL, alphasort)) == -1) {
		OK1(0, "%s: cannot list (run from the top directory)", root);
		return 0;
	}
	for (i = 0; i < n; i++) {
		snprintf(dir, sizeof(dir), "%s/%s/expect", root,
		    ents[i]->d_name);
		if (ents[i]->d_name[0] != '.' && access(dir, R_OK) == 0) {
			snprintf(dir, sizeof(dir), "%s/%s", root,
			    ents[i]->d_name);
			fixture(dir);
			cases++;
		}
		free(ents[i]);
	}
	free(ents);
	OK1(cases >= 8, "%d fixture cases found", cases);
	return 0;
}

DEF_TEST(procstat_parse)
{
	struct cpu_times	 t;

	memset(&t, 0xff, sizeof(t));
	OK(procstat_parse("cpu  1 2 3 4 5 6 7 8 9 10\ncpu0 1\n", &t) == 0);
	EXPECT_EQ_INT(1, t.user);
	EXPECT_EQ_INT(4, t.idle);
	EXPECT_EQ_INT(8, t.steal);
	OK(procstat_parse("cpu 1 2 3 4\n", &t) == 0);
	EXPECT_EQ_INT(0, t.iowait);
	EXPECT_EQ_INT(0, t.steal);
	/* Refused: a per-CPU line first, too few fields, signs, garbage. */
	OK(procstat_parse("cpu0 1 2 3 4 5\n", &t) == -1);
	OK(procstat_parse("cpu 1 2 3\n", &t) == -1);
	OK(procstat_parse("cpu 1 -2 3 4\n", &t) == -1);
	OK(procstat_parse("cpu x 2 3 4\n", &t) == -1);
	OK(procstat_parse("", &t) == -1);
	OK(procstat_parse("intr 1 2 3 4\n", &t) == -1);
	OK(procstat_parse("cpu 99999999999999999999 2 3 4\n", &t) == -1);
	return 0;
}

DEF_TEST(meminfo_parse)
{
	struct meminfo	 m;
	const char	*what = NULL;
	double		 pct;

	OK(meminfo_parse("MemTotal: 1000 kB\nMemFree: 100 kB\n"
	    "Buffers: 50 kB\nCached: 200 kB\nSwapCached: 7 kB\n"
	    "SReclaimable: 150 kB\n", &m, &what) == 0);
	OK(mem_used_percent(&m, &pct) == 0);
	EXPECT_EQ_DBL(50.0, pct);
	/* "Cached:" must not match "SwapCached:". */
	EXPECT_EQ_INT(200, m.cached);
	OK(meminfo_parse("MemTotal: 1000 kB\nMemFree: 100 kB\n"
	    "Buffers: 50 kB\n", &m, &what) == -1);
	EXPECT_EQ_STR("Cached:", what);
	OK(meminfo_parse("MemTotal: lots\nMemFree: 1\nBuffers: 1\n"
	    "Cached: 1\n", &m, &what) == -1);
	EXPECT_EQ_STR("MemTotal:", what);
	/* More unused than total (odd containers): 0 %, not negative. */
	OK(meminfo_parse("MemTotal: 100 kB\nMemFree: 90 kB\nBuffers: 20 kB\n"
	    "Cached: 0 kB\n", &m, &what) == 0);
	OK(mem_used_percent(&m, &pct) == 0);
	EXPECT_EQ_DBL(0.0, pct);
	m.total = 0;
	OK(mem_used_percent(&m, &pct) == -1);
	return 0;
}

DEF_TEST(missing_files)
{
	struct cpu_times	 t;
	struct meminfo		 m;

	OK(procstat_read("tests/proc/no-such-case/stat", &t) == -1);
	OK(meminfo_read("tests/proc/no-such-case/meminfo", &m) == -1);
	return 0;
}

int
main(void)
{
	log_init("proc_test");
	RUN_TEST(fixtures);
	RUN_TEST(procstat_parse);
	RUN_TEST(meminfo_parse);
	RUN_TEST(missing_files);
	END_TEST;
}
