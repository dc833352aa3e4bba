/* Lines on stdout in bursts: every write checked, EPIPE told apart. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cwa.h"

/* Buffer stdout until out_flush. */
void
out_init(void)
{
	static char	 buf[64 * 1024];

	setvbuf(stdout, buf, _IOFBF, sizeof(buf));
}

static int
out_failed(void)
{
	if (errno != EPIPE)
		log_error("stdout: %s", strerror(errno));
	return -1;
}

/* Write one line (a newline is added) on stdout; 0 or -1 as out_json. */
int
out_line(const char *s, size_t len)
{
	if (fwrite(s, 1, len, stdout) != len || putchar('\n') == EOF)
		return out_failed();
	return 0;
}

/*
 * Write a JSON value as one line on stdout; 0, or -1 when stdout failed
 * (errno EPIPE: downstream is gone; anything else was reported).
 */
int
out_json(const json_t *j)
{
	char	*s;
	int	 rc;

	if ((s = json_dumps(j, CWA_JSON_FLAGS)) == NULL) {
		log_error("out of memory");
		errno = ENOMEM;
		return -1;
	}
	rc = out_line(s, strlen(s));
	free(s);
	return rc;
}

/* Write out the burst; 0 or -1 as out_json. */
int
out_flush(void)
{
	if (fflush(stdout) == EOF)
		return out_failed();
	return 0;
}

/* Flush and check stdout before exit; 0 or -1 (reported unless EPIPE). */
int
out_close(void)
{
	if (fflush(stdout) == EOF || ferror(stdout))
		return out_failed();
	return 0;
}
