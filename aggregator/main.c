/* cwa-aggregate: median and maximum per series and period, as lines. */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <poll.h>
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

/* Milliseconds for poll(2) until t seconds from now; -1 for never. */
static int
poll_ms(double t)
{
	if (isinf(t))
		return -1;
	if (t <= 0)
		return 0;
	return t > 86400 ? 86400000 : (int)ceil(t * 1000);
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
	struct pollfd		 pfd = { .fd = STDIN_FILENO, .events = POLLIN };
	struct lines		 in;
	struct agg		*agg;
	unsigned long long	 period = 60;
	double			 grace = 5, drain_end = 0, wait;
	long			 n;
	int			 ch, rc, status = 0;

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
		rc = poll(&pfd, 1, poll_ms(wait));
		if (rc == -1 && errno == EINTR)
			continue;
		if (rc == -1)
			err(1, "poll");
		if (rc == 0 && drain_end != 0)
			break;
		n = 1;
		if (rc > 0) {
			n = lines_fill(&in);
			if (n == -1 && (errno == EINTR || errno == EAGAIN))
				continue;
			if (n == -1) {
				log_error("stdin: %s", strerror(errno));
				status = 1;
			}
			if (take_lines(&in, agg) == -1)
				goto out_failed;
		}
		/* Windows of a stalled upstream, and of late datums. */
		if (agg_expire(agg, clock_wall()) == -1 || out_flush() == -1)
			goto out_failed;
		if (n <= 0)
			break;
	}
	if (agg_close_all(agg) == -1 || out_close() == -1)
		goto out_failed;
	agg_free(agg);
	lines_free(&in);
	return status;

out_failed:
	/* Downstream is gone (EPIPE) or stdout failed (reported). */
	return errno == EPIPE ? 0 : 1;
}
