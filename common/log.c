/* Diagnostics on stderr, one line each, filtered by CWA_LOG. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cwa.h"

static const char	*progname = "cwa";
static enum log_level	 threshold = LOG_ERROR;

static const char *const level_names[] = { "error", "warn", "info", "debug" };

/* Set the program name used as prefix and read CWA_LOG; bad values warn. */
void
log_init(const char *name)
{
	const char	*env;
	size_t		 i;

	progname = name;
	threshold = LOG_ERROR;
	if ((env = getenv("CWA_LOG")) == NULL || *env == '\0')
		return;
	for (i = 0; i < sizeof(level_names) / sizeof(level_names[0]); i++)
		if (strcmp(env, level_names[i]) == 0) {
			threshold = (enum log_level)i;
			return;
		}
	if (strcmp(env, "warning") == 0)
		threshold = LOG_WARN;
	else
		log_error("CWA_LOG: unknown level \"%s\" "
		    "(error, warn, info, debug); using error", env);
}

/* The program name given to log_init. */
const char *
log_progname(void)
{
	return progname;
}

/* Is a message at this level shown? */
int
log_enabled(enum log_level level)
{
	return level <= threshold;
}

/* Print "progname: message" on stderr when level is enabled. */
void
log_msg(enum log_level level, const char *fmt, ...)
{
	char	 msg[2048];
	va_list	 ap;

	if (!log_enabled(level))
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* One write per message, so lines of concurrent stages never mix. */
	fprintf(stderr, "%s: %s\n", progname, msg);
}
