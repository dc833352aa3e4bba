/* cwa-aggregate: median and maximum per series and period, as lines. */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cwa.h"
#include "aggregate.h"

/* After SIGTERM, how long upstream has to send its last lines and EOF. */
#define DRAIN_SECONDS	1.0

static void
usage(void)
{
	fprintf(stderr, "usage: cwa-aggregate [-p period] [-g grace]\n");
	exit(EXIT_USAGE);
}

static int
emit(json_t *datum, void *arg)
{
	(void)arg;
	return out_json(datum);
}

/* Parse and add every buffered line; 0, or -1 when output failed. */
static int
take_lines(struct lines *in, struct agg *agg)
{
	struct datum	 d;
	char		 why[256], *line;
	size_t		 len;
	double		 now = clock_wall();
	int		 rc;

	while (lines_next(in, &line, &len)) {
		rc = datum_parse(line, len, &d, why, sizeof(why));
		if (rc == 1)
			continue;
		if (rc == -1) {
			log_error("line %lu: %s", in->lineno, why);
			continue;
		}
		rc = agg_add(agg, &d, now, in->lineno);
		datum_free(&d);
		if (rc == -1)
			return -1;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "period", required_argument, NULL, 'p' },
		{ "grace", required_argument, NULL, 'g' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct lines		 in;
	struct agg		*agg;
	unsigned long long	 period = 60;
	double			 grace = 5, drain_end = 0, wait;
	int			 ch, rc;

	log_init("cwa-aggregate");
	while ((ch = getopt_long(argc, argv, "p:g:hV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'p':
			if (num_ull(optarg, 1, 31536000, &period) == -1) {
				warnx("--period: \"%s\" is not a whole number "
				    "of seconds from 1 to 31536000", optarg);
				usage();
			}
			break;
		case 'g':
			if (num_double(optarg, 0, 86400, &grace) == -1) {
				warnx("--grace: \"%s\" is not a number of "
				    "seconds from 0 to 86400", optarg);
				usage();
			}
			break;
		case 'V':
			printf("cwa-aggregate %s\n", CWA_VERSION);
			return 0;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	if (sig_init() == -1)
		err(1, "sigaction");
	out_init();
	if (lines_init(&in, STDIN_FILENO) == -1 ||
	    (agg = agg_new((long long)period, grace, emit, NULL)) == NULL)
		errx(1, "out of memory");

	for (;;) {
		if (sig_stop && drain_end == 0) {
			/* Upstream got the signal too: take its last lines. */
			log_debug("signal %d: draining input", (int)sig_stop);
			drain_end = clock_mono() + DRAIN_SECONDS;
		}
		if (drain_end != 0)
			wait = drain_end - clock_mono();
		else
			wait = agg_deadline(agg) - clock_wall();
		if ((rc = lines_wait(&in, wait)) == -1)
			continue;
		if (rc == 0 && drain_end != 0)
			break;
		if (rc == 1 && take_lines(&in, agg) == -1)
			goto out_failed;
		/* Windows of a stalled upstream, and of late datums. */
		if (agg_expire(agg, clock_wall()) == -1 || out_flush() == -1)
			goto out_failed;
		if (in.eof)
			break;
	}
	if (agg_close_all(agg) == -1 || out_close() == -1)
		goto out_failed;
	agg_free(agg);
	lines_free(&in);
	return in.failed;

out_failed:
	/* Downstream is gone (EPIPE) or stdout failed (reported). */
	return errno == EPIPE ? 0 : 1;
}
