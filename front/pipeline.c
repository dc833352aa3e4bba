/* Start the stages of a pipeline, forward the stop to its head, reap it. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "cwa.h"
#include "front.h"

static volatile sig_atomic_t	 got_stop, got_child;

static void
on_signal(int sig)
{
	if (sig == SIGCHLD)
		got_child = 1;
	else
		got_stop = sig;
}

/* The directory this program runs from, with a trailing '/', or "". */
static void
self_dir(char *dir, size_t len)
{
	ssize_t	 n;
	char	*slash;

	dir[0] = '\0';
	if ((n = readlink("/proc/self/exe", dir, len - 1)) <= 0)
		return;
	dir[n] = '\0';
	if ((slash = strrchr(dir, '/')) == NULL)
		dir[0] = '\0';
	else
		slash[1] = '\0';
}

/* In the child: wire fds, restore signals, exec the stage.  No return. */
static void
child(struct stage *st, int in, int out, const char *dir, pid_t parent,
    const sigset_t *mask, int is_head)
{
	char	 path[PATH_MAX];

	signal(SIGTERM, SIG_DFL);
	signal(SIGCHLD, SIG_DFL);
	if (signal(SIGINT, SIG_DFL) == SIG_IGN)
		signal(SIGINT, SIG_IGN);
#ifdef __linux__
	/* If the front is killed, the head still starts the flush. */
	if (is_head && (prctl(PR_SET_PDEATHSIG, SIGTERM) == -1 ||
	    getppid() != parent))
		raise(SIGTERM);
#else
	(void)is_head;
	(void)parent;
#endif
	sigprocmask(SIG_SETMASK, mask, NULL);
	if ((in != STDIN_FILENO && dup2(in, STDIN_FILENO) == -1) ||
	    (out != STDOUT_FILENO && dup2(out, STDOUT_FILENO) == -1)) {
		log_error("%s: dup2: %s", st->name, strerror(errno));
		_exit(127);
	}
	if (*dir != '\0' && (size_t)snprintf(path, sizeof(path), "%s%s", dir,
	    st->name) < sizeof(path) && access(path, X_OK) == 0) {
		st->argv[0] = path;
		execv(path, st->argv);
	} else {
		st->argv[0] = (char *)(uintptr_t)st->name;
		execvp(st->name, st->argv);
	}
	log_error("%s: %s", st->name, strerror(errno));
	_exit(127);
}

/* Start every stage; 0, or -1 with the started ones left to reap. */
static int
start(struct stage *st, size_t n, const sigset_t *mask)
{
	char	 dir[PATH_MAX];
	pid_t	 parent = getpid();
	int	 in = STDIN_FILENO, fds[2];
	size_t	 i;

	self_dir(dir, sizeof(dir));
	for (i = 0; i < n; i++) {
		fds[0] = -1;
		fds[1] = STDOUT_FILENO;
		/* Close-on-exec: each stage keeps only its stdin and stdout. */
		if (i + 1 < n && (pipe(fds) == -1 ||
		    fcntl(fds[0], F_SETFD, FD_CLOEXEC) == -1 ||
		    fcntl(fds[1], F_SETFD, FD_CLOEXEC) == -1)) {
			log_error("pipe: %s", strerror(errno));
			break;
		}
		if ((st[i].pid = fork()) == -1) {
			log_error("fork: %s", strerror(errno));
			if (fds[0] != -1) {
				close(fds[0]);
				close(fds[1]);
			}
			break;
		}
		if (st[i].pid == 0)
			child(&st[i], in, fds[1], dir, parent, mask, i == 0);
		if (in != STDIN_FILENO)
			close(in);
		if (fds[1] != STDOUT_FILENO)
			close(fds[1]);
		in = fds[0];
	}
	if (i == n)
		return 0;
	if (in != STDIN_FILENO)
		close(in);
	return -1;
}

/* Reap what has exited; the number of stages still running. */
static size_t
reap(struct stage *st, size_t n)
{
	size_t	 i, running = 0;
	pid_t	 pid;
	int	 status;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		for (i = 0; i < n; i++)
			if (st[i].pid == pid) {
				st[i].status = status;
				st[i].reaped = 1;
			}
	for (i = 0; i < n; i++)
		if (st[i].pid > 0 && !st[i].reaped)
			running++;
	return running;
}

/*
 * Run the stages as one pipeline (stdin to the first, stdout from the
 * last), forwarding SIGTERM or SIGINT to the first stage only, until every
 * stage has exited.  Each stage runs from the directory of this program
 * when it is there, else from PATH.  0, or -1 when a stage could not be
 * started (warned; the ones started are stopped and reaped).
 */
int
pipeline_run(struct stage *st, size_t n)
{
	struct sigaction	 sa, old;
	sigset_t		 block, orig, waitmask;
	int			 rc, forwarded = 0;

	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &orig);
	/* The mask to wait with, and the stages' mask: none of these held. */
	waitmask = orig;
	sigdelset(&waitmask, SIGTERM);
	sigdelset(&waitmask, SIGINT);
	sigdelset(&waitmask, SIGCHLD);

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGCHLD, &sa, NULL);
	/* A background job of a shell has SIGINT ignored: keep it so. */
	sigaction(SIGINT, NULL, &old);
	if (old.sa_handler != SIG_IGN)
		sigaction(SIGINT, &sa, NULL);
	/* Write errors belong to the stages, not to the front. */
	signal(SIGPIPE, SIG_IGN);

	rc = start(st, n, &waitmask);
	if (rc == -1 && st[0].pid > 0) {
		kill(st[0].pid, SIGTERM);
		forwarded = 1;
	}
	while (reap(st, n) > 0) {
		/* A stage that failed stops the pipeline as a signal would. */
		if ((got_stop || pipeline_status(st, n) != 0) && !forwarded) {
			/* Only the head: the EOF it leaves flushes the rest. */
			log_debug("stopping %s (pid %ld)", st[0].name,
			    (long)st[0].pid);
			if (!st[0].reaped)
				kill(st[0].pid, SIGTERM);
			forwarded = 1;
		}
		sigsuspend(&waitmask);
	}
	sigprocmask(SIG_SETMASK, &orig, NULL);
	return rc;
}

/*
 * The pipeline's exit status, as with pipefail: that of the last stage
 * that failed, 128 + the signal for one killed, 0 when all succeeded.
 */
int
pipeline_status(const struct stage *st, size_t n)
{
	int	 status = 0, s;
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (!st[i].reaped)
			continue;
		s = st[i].status;
		if (WIFSIGNALED(s))
			status = 128 + WTERMSIG(s);
		else if (WIFEXITED(s) && WEXITSTATUS(s) != 0)
			status = WEXITSTATUS(s);
	}
	return status;
}
