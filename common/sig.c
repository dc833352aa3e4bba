/* Signals: SIGTERM and SIGINT only set a flag; SIGPIPE becomes EPIPE. */
#include <signal.h>
#include <stddef.h>
#include <string.h>

#include "cwa.h"

volatile sig_atomic_t sig_stop;

static void
on_stop(int sig)
{
	sig_stop = sig;
}

/*
 * Catch SIGTERM and SIGINT, ignore SIGPIPE; 0 or -1.  SA_RESTART keeps
 * writes whole; poll(2) and clock_nanosleep(2) still return EINTR.
 */
int
sig_init(void)
{
	struct sigaction	 sa, old;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_stop;
	sa.sa_flags = SA_RESTART;
	if (sigaction(SIGTERM, &sa, NULL) == -1)
		return -1;
	/* A shell's background job has SIGINT ignored: keep it so. */
	if (sigaction(SIGINT, NULL, &old) == -1)
		return -1;
	if (old.sa_handler != SIG_IGN && sigaction(SIGINT, &sa, NULL) == -1)
		return -1;
	sa.sa_handler = SIG_IGN;
	if (sigaction(SIGPIPE, &sa, NULL) == -1)
		return -1;
	return 0;
}
