/* A bounded line reader: numbered lines, overlong ones reported and skipped. */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cwa.h"

#define READ_CHUNK	(64 * 1024)
#define BUF_MAX		(LINE_MAX_BYTES + READ_CHUNK + 1)

/* Start reading lines from fd; 0 or -1 (out of memory). */
int
lines_init(struct lines *lb, int fd)
{
	memset(lb, 0, sizeof(*lb));
	lb->fd = fd;
	lb->cap = READ_CHUNK;
	if ((lb->buf = malloc(lb->cap)) == NULL)
		return -1;
	return 0;
}

/* Release the buffer. */
void
lines_free(struct lines *lb)
{
	free(lb->buf);
	lb->buf = NULL;
}

/*
 * Read once from the descriptor: bytes read, 0 at end of input, -1 on an
 * error (errno set; EINTR and EAGAIN mean try again).
 */
long
lines_fill(struct lines *lb)
{
	ssize_t	 n;
	size_t	 ncap;
	char	*nbuf;

	if (lb->next > 0) {
		memmove(lb->buf, lb->buf + lb->next, lb->len - lb->next);
		lb->len -= lb->next;
		lb->next = 0;
	}
	if (lb->cap - lb->len < READ_CHUNK / 4 && lb->cap < BUF_MAX) {
		ncap = lb->cap * 2 > BUF_MAX ? BUF_MAX : lb->cap * 2;
		if ((nbuf = realloc(lb->buf, ncap)) == NULL) {
			errno = ENOMEM;
			return -1;
		}
		lb->buf = nbuf;
		lb->cap = ncap;
	}
	/* Keep one byte for the NUL of a final unterminated line. */
	n = read(lb->fd, lb->buf + lb->len, lb->cap - lb->len - 1);
	if (n == 0)
		lb->eof = 1;
	if (n > 0)
		lb->len += (size_t)n;
	return (long)n;
}

/*
 * The next complete line (a final unterminated one once at end of input),
 * NUL-terminated in place, without its newline: 1, or 0 when none is
 * buffered.  An overlong line is reported and skipped here.
 */
int
lines_next(struct lines *lb, char **line, size_t *len)
{
	char	*nl, *start;
	size_t	 n;

	for (;;) {
		start = lb->buf + lb->next;
		n = lb->len - lb->next;
		nl = memchr(start + lb->scan, '\n', n - lb->scan);
		if (nl == NULL) {
			if (n > LINE_MAX_BYTES && !lb->skipping) {
				lb->lineno++;
				log_error("line %lu: longer than %d bytes, "
				    "skipped", lb->lineno, LINE_MAX_BYTES);
				lb->skipping = 1;
			}
			if (lb->skipping) {
				/* Drop what is buffered of it. */
				lb->next = lb->len;
				lb->scan = 0;
				if (lb->eof)
					lb->skipping = 0;
				return 0;
			}
			lb->scan = n;
			if (!lb->eof || n == 0)
				return 0;
			/* A last line without a newline. */
			start[n] = '\0';
			lb->next = lb->len;
			lb->scan = 0;
			lb->lineno++;
			*line = start;
			*len = n;
			return 1;
		}
		*nl = '\0';
		n = (size_t)(nl - start);
		lb->next += n + 1;
		lb->scan = 0;
		if (lb->skipping) {
			/* The tail of an overlong line already reported. */
			lb->skipping = 0;
			continue;
		}
		lb->lineno++;
		if (n > LINE_MAX_BYTES) {
			log_error("line %lu: longer than %d bytes, skipped",
			    lb->lineno, LINE_MAX_BYTES);
			continue;
		}
		*line = start;
		*len = n;
		return 1;
	}
}

/*
 * Wait up to seconds (INFINITY: no limit) for input and read what came:
 * 1 when something was read or input ended (eof set), 0 when the time
 * ran out, -1 when a signal came first.  A read error is reported, sets
 * failed and ends input.
 */
int
lines_wait(struct lines *lb, double seconds)
{
	struct pollfd	 pfd = { .fd = lb->fd, .events = POLLIN };
	int		 ms, rc;

	if (isinf(seconds))
		ms = -1;
	else if (seconds <= 0)
		ms = 0;
	else
		ms = seconds > 86400 ? 86400000 : (int)ceil(seconds * 1000);
	if ((rc = poll(&pfd, 1, ms)) == 0)
		return 0;
	if (rc == -1 && errno == EINTR)
		return -1;
	if (rc == -1 || lines_fill(lb) == -1) {
		if (errno == EINTR || errno == EAGAIN)
			return -1;
		log_error("stdin: %s", strerror(errno));
		lb->failed = 1;
		lb->eof = 1;
	}
	return 1;
}
