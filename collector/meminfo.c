/* /proc/meminfo and the used share of MemTotal. */
#include <string.h>

#include "cwa.h"
#include "collect.h"

/* Parse the text of /proc/meminfo; 0 or -1 with the missing field named. */
int
meminfo_parse(const char *text, struct meminfo *out, const char **what)
{
	struct meminfo	 m;
	const struct {
		const char		*key;
		unsigned long long	*dst;
		int			 required;
	} fields[] = {
		{ "MemTotal:", &m.total, 1 },
		{ "MemFree:", &m.free, 1 },
		{ "Buffers:", &m.buffers, 1 },
		{ "Cached:", &m.cached, 1 },
		/* Linux 2.6.19 and later. */
		{ "SReclaimable:", &m.sreclaimable, 0 },
	};
	const char	*line, *p;
	unsigned int	 seen = 0;
	size_t		 i, klen;

	memset(&m, 0, sizeof(m));
	for (line = text; *line != '\0'; line = p + 1) {
		for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
			klen = strlen(fields[i].key);
			if (strncmp(line, fields[i].key, klen) != 0)
				continue;
			p = line + klen;
			if (num_field(&p, fields[i].dst) == -1) {
				*what = fields[i].key;
				return -1;
			}
			seen |= 1U << i;
			break;
		}
		if ((p = strchr(line, '\n')) == NULL)
			break;
	}
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (fields[i].required && !(seen & (1U << i))) {
			*what = fields[i].key;
			return -1;
		}
	*out = m;
	return 0;
}

/* Read a /proc/meminfo file; 0 or -1 (warned). */
int
meminfo_read(const char *path, struct meminfo *out)
{
	char		 buf[8192];
	const char	*what;

	if (file_read(path, buf, sizeof(buf)) == -1)
		return -1;
	if (meminfo_parse(buf, out, &what) == -1) {
		log_warn("%s: %s missing or not a number", path, what);
		return -1;
	}
	return 0;
}

/*
 * Used memory in percent of MemTotal:
 * 100 * (MemTotal - MemFree - Buffers - Cached - SReclaimable) / MemTotal.
 * 0, or -1 when MemTotal is 0.
 */
int
mem_used_percent(const struct meminfo *m, double *pct)
{
	unsigned long long	 unused;

	if (m->total == 0)
		return -1;
	unused = m->free + m->buffers + m->cached + m->sreclaimable;
	/* Containers can show odd sums: never below 0 %. */
	*pct = unused >= m->total ? 0 :
	    100.0 * (double)(m->total - unused) / (double)m->total;
	return 0;
}
