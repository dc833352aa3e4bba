/*
 * cwa: the one-command front.  Runs cwa-collect | cwa-aggregate |
 * cwa-publish with the original agent's command line, forwards SIGTERM and
 * SIGINT to the head only, so that the EOF cascade flushes every stage.
 *
 *	main.c		options, argument vectors of the stages, exit status
 *	pipeline.c	start the stages, forward the stop, reap them
 */
#ifndef FRONT_H
#define FRONT_H

#include <sys/types.h>

struct stage {
	const char	*name;		/* program name, e.g. "cwa-collect" */
	char		**argv;		/* argv[0] is replaced by the path */
	pid_t		 pid;
	int		 status;	/* wait(2) status once reaped */
	int		 reaped;
};

/*
 * Run the stages as one pipeline (stdin to the first, stdout from the
 * last), forwarding SIGTERM or SIGINT to the first stage only, until every
 * stage has exited.  Each stage runs from the directory of this program
 * when it is there, else from PATH.  0, or -1 when a stage could not be
 * started (warned; the ones started are stopped and reaped).
 */
int	pipeline_run(struct stage *, size_t n);
/*
 * The pipeline's exit status, as with pipefail: that of the last stage
 * that failed, 128 + the signal for one killed, 0 when all succeeded.
 */
int	pipeline_status(const struct stage *, size_t n);

#endif /* FRONT_H */
