/* cwa: cwa-collect | cwa-aggregate | cwa-publish, with one command line. */
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cwa.h"
#include "front.h"

#define MAX_DIMENSIONS	30

static void
usage(void)
{
	fprintf(stderr, "usage: cwa -n namespace [-d] [-s service] "
	    "[-p period] [-i interval] [-D name=value ...]\n");
	exit(EXIT_USAGE);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "namespace", required_argument, NULL, 'n' },
		{ "service", required_argument, NULL, 's' },
		{ "service-name", required_argument, NULL, 's' },
		{ "period", required_argument, NULL, 'p' },
		{ "interval", required_argument, NULL, 'i' },
		{ "dimension", required_argument, NULL, 'D' },
		{ "dry-run", no_argument, NULL, 'd' },
		{ "dryrun", no_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	/* The longest stage command line: the publisher's. */
	char			*collect[4], *aggregate[4];
	char			*publish[7 + 2 * MAX_DIMENSIONS];
	struct stage		 st[3];
	unsigned long long	 period;
	double			 interval;
	const char		*ns = NULL, *service = NULL;
	const char		*period_arg = "60", *interval_arg = NULL;
	const char		*dims[MAX_DIMENSIONS];
	size_t			 ndims = 0, i, k;
	int			 ch, dry_run = 0;

	log_init("cwa");
	while ((ch = getopt_long(argc, argv, "n:s:p:i:D:dhV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'n':
			ns = optarg;
			break;
		case 's':
			service = optarg;
			break;
		case 'p':
			if (num_ull(optarg, 1, 31536000, &period) == -1) {
				warnx("--period: \"%s\" is not a whole number "
				    "of seconds from 1 to 31536000", optarg);
				usage();
			}
			period_arg = optarg;
			break;
		case 'i':
			if (num_double(optarg, 0.001, 86400, &interval) == -1) {
				warnx("--interval: \"%s\" is not a number of "
				    "seconds from 0.001 to 86400", optarg);
				usage();
			}
			interval_arg = optarg;
			break;
		case 'D':
			if (ndims == MAX_DIMENSIONS) {
				warnx("--dimension: at most %d",
				    MAX_DIMENSIONS);
				usage();
			}
			dims[ndims++] = optarg;
			break;
		case 'd':
			dry_run = 1;
			break;
		case 'V':
			printf("cwa %s\n", CWA_VERSION);
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

	k = 0;
	collect[k++] = NULL;
	if (interval_arg != NULL) {
		collect[k++] = (char *)"--interval";
		collect[k++] = (char *)interval_arg;
	}
	collect[k] = NULL;

	aggregate[0] = NULL;
	aggregate[1] = (char *)"--period";
	aggregate[2] = (char *)period_arg;
	aggregate[3] = NULL;

	k = 0;
	publish[k++] = NULL;
	publish[k++] = (char *)"--namespace";
	publish[k++] = (char *)ns;
	if (service != NULL) {
		publish[k++] = (char *)"--service";
		publish[k++] = (char *)service;
	}
	for (i = 0; i < ndims; i++) {
		publish[k++] = (char *)"--dimension";
		publish[k++] = (char *)dims[i];
	}
	if (dry_run)
		publish[k++] = (char *)"--dry-run";
	publish[k] = NULL;

	memset(st, 0, sizeof(st));
	st[0].name = "cwa-collect";
	st[0].argv = collect;
	st[1].name = "cwa-aggregate";
	st[1].argv = aggregate;
	st[2].name = "cwa-publish";
	st[2].argv = publish;
	if (pipeline_run(st, 3) == -1)
		return 1;
	return pipeline_status(st, 3);
}
