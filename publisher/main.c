/* cwa-publish: batch datums into PutMetricData requests. */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cwa.h"
#include "publish.h"

/* Datums that arrive within this many seconds of each other share a batch. */
#define LINGER_SECONDS	0.1
/* ...but none waits longer than this for its request. */
#define HOLD_SECONDS	1.0
/* After SIGTERM, how long upstream has to flush its last lines and EOF. */
#define DRAIN_SECONDS	3.0

struct publisher {
	char		*ns_json;	/* the namespace as a JSON string */
	json_t		*dims;		/* added dimensions, [{Name, Value}] */
	int		 dry_run;
	struct pending	 pending;
	double		 first;		/* when the oldest pending came */
};

static void
usage(void)
{
	fprintf(stderr, "usage: cwa-publish -n namespace [-d] [-s service] "
	    "[-D name=value ...]\n");
	exit(EXIT_USAGE);
}

/* Add the dimension name=value to the array, once per name; 0 or -1. */
static int
add_dim(json_t *dims, const char *name, size_t nlen, const char *value)
{
	json_t	*dim;
	size_t	 i;

	json_array_foreach(dims, i, dim)
		if (strlen(json_string_value(json_object_get(dim, "Name"))) ==
		    nlen && strncmp(json_string_value(json_object_get(dim,
		    "Name")), name, nlen) == 0) {
			warnx("dimension %.*s given twice", (int)nlen, name);
			return -1;
		}
	if (nlen == 0 || nlen > 255 || *value == '\0' || strlen(value) > 1024) {
		warnx("dimension \"%.*s=%s\": the name needs 1 to 255 "
		    "characters, the value 1 to 1024", (int)nlen, name, value);
		return -1;
	}
	dim = json_pack("{s:s%,s:s}", "Name", name, nlen, "Value", value);
	if (dim == NULL || json_array_append_new(dims, dim) == -1)
		errx(1, "out of memory");
	return 0;
}

/* Send or print every queued datum, a request at a time; 0 or -1. */
static int
flush(struct publisher *pub)
{
	size_t	 from = 0, len, n;
	char	*body;
	int	 rc = 0;

	while (from < pub->pending.n) {
		n = from;
		if ((body = batch_next(&pub->pending, pub->ns_json, &from,
		    &len)) == NULL) {
			log_error("out of memory");
			rc = -1;
			break;
		}
		log_info("request of %zu datums, %zu bytes", from - n, len);
		rc = out_line(body, len);
		free(body);
		if (rc == -1)
			break;
	}
	pending_clear(&pub->pending);
	if (rc == 0)
		rc = out_flush();
	return rc;
}

/* Parse and queue every buffered line; 0, or -1 when flush failed. */
static int
take_lines(struct publisher *pub, struct lines *in)
{
	struct datum	 d;
	json_t		*md;
	char		 why[256], *line;
	size_t		 len, ns_len = strlen(pub->ns_json);
	double		 now;
	int		 rc;

	/* The arrival time of datums without a Timestamp, in milliseconds. */
	now = round(clock_wall() * 1000) / 1000;
	while (lines_next(in, &line, &len)) {
		rc = datum_parse(line, len, &d, why, sizeof(why));
		if (rc == 1)
			continue;
		if (rc == -1) {
			log_error("line %lu: %s", in->lineno, why);
			continue;
		}
		md = metricdata_build(&d, pub->dims, now);
		datum_free(&d);
		if (md == NULL || pending_add(&pub->pending, md, ns_len) == -1) {
			json_decref(md);
			log_error("out of memory");
			return -1;
		}
		json_decref(md);
		if (pub->pending.n == 1)
			pub->first = clock_mono();
		if (pending_full(&pub->pending, ns_len) &&
		    flush(pub) == -1)
			return -1;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "namespace", required_argument, NULL, 'n' },
		{ "service", required_argument, NULL, 's' },
		{ "service-name", required_argument, NULL, 's' },
		{ "dimension", required_argument, NULL, 'D' },
		{ "dry-run", no_argument, NULL, 'd' },
		{ "dryrun", no_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct publisher pub;
	struct lines	 in;
	const char	*ns = NULL, *service = NULL, *eq;
	json_t		*extra;
	double		 last_input = 0, drain_end = 0, wait;
	int		 ch, rc;

	log_init("cwa-publish");
	memset(&pub, 0, sizeof(pub));
	if ((pub.dims = json_array()) == NULL ||
	    (extra = json_array()) == NULL)
		errx(1, "out of memory");
	while ((ch = getopt_long(argc, argv, "n:s:D:dhV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'n':
			ns = optarg;
			break;
		case 's':
			service = optarg;
			break;
		case 'D':
			if ((eq = strchr(optarg, '=')) == NULL) {
				warnx("--dimension: \"%s\" is not name=value",
				    optarg);
				usage();
			}
			if (add_dim(extra, optarg, (size_t)(eq - optarg),
			    eq + 1) == -1)
				usage();
			break;
		case 'd':
			pub.dry_run = 1;
			break;
		case 'V':
			printf("cwa-publish %s\n", CWA_VERSION);
			return 0;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	if (ns == NULL) {
		warnx("--namespace is required");
		usage();
	}
	if (*ns == '\0' || strlen(ns) > 255 || strncmp(ns, "AWS/", 4) == 0) {
		warnx("--namespace: \"%s\" needs 1 to 255 characters and may "
		    "not start with AWS/", ns);
		usage();
	}
	/* ServiceName first, as the original had it; then the others. */
	if (service != NULL && add_dim(pub.dims, "ServiceName",
	    strlen("ServiceName"), service) == -1)
		usage();
	for (size_t i = 0; i < json_array_size(extra); i++) {
		json_t *dim = json_array_get(extra, i);
		const char *name = json_string_value(json_object_get(dim,
		    "Name"));

		if (add_dim(pub.dims, name, strlen(name), json_string_value(
		    json_object_get(dim, "Value"))) == -1)
			usage();
	}
	json_decref(extra);
	if (!pub.dry_run) {
		warnx("sending to CloudWatch is not built yet: use --dry-run");
		usage();
	}
	if ((extra = json_string(ns)) == NULL ||
	    (pub.ns_json = json_dumps(extra, JSON_ENCODE_ANY)) == NULL)
		errx(1, "out of memory");
	json_decref(extra);
	if (sig_init() == -1)
		err(1, "sigaction");
	out_init();
	if (lines_init(&in, STDIN_FILENO) == -1)
		errx(1, "out of memory");

	for (;;) {
		if (sig_stop && drain_end == 0) {
			log_debug("signal %d: draining input", (int)sig_stop);
			drain_end = clock_mono() + DRAIN_SECONDS;
		}
		if (drain_end != 0)
			wait = drain_end - clock_mono();
		else if (pub.pending.n > 0)
			wait = fmin(last_input + LINGER_SECONDS,
			    pub.first + HOLD_SECONDS) - clock_mono();
		else
			wait = INFINITY;
		if ((rc = lines_wait(&in, wait)) == -1)
			continue;
		if (rc == 0) {
			if (drain_end != 0)
				break;
			if (flush(&pub) == -1)
				goto out_failed;
			continue;
		}
		last_input = clock_mono();
		if (take_lines(&pub, &in) == -1)
			goto out_failed;
		if (in.eof)
			break;
	}
	if (flush(&pub) == -1 || out_close() == -1)
		goto out_failed;
	pending_free(&pub.pending);
	lines_free(&in);
	json_decref(pub.dims);
	free(pub.ns_json);
	return in.failed;

out_failed:
	return errno == EPIPE ? 0 : 1;
}
