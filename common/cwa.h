/*
 * cwa: ship CPU and memory utilization to CloudWatch as three Unix filters.
 *
 *	cwa-collect | cwa-aggregate | cwa-publish
 *
 * Every stage reads and writes the same line format: one CloudWatch
 * MetricDatum per line, as JSON (cwa-format(5)).  This header is the part
 * all stages share (libcwa.a, in common/):
 *
 *	log.c		diagnostics on stderr, filtered by CWA_LOG
 *	num.c		checked number parsing for options and /proc fields
 *	clock.c		wall and monotonic clocks as seconds
 *	file.c		small files read whole (/proc, /sys)
 *	sig.c		SIGTERM/SIGINT set a flag; SIGPIPE becomes EPIPE
 *	lines.c		bounded, numbered line reader over a file descriptor
 *	datum.c		parse, check and serialize one line of the format
 *	out.c		line output on stdout, with EPIPE and error checks
 *
 * Each stage has its own header beside its main.c for its own parts.
 */
#ifndef CWA_H
#define CWA_H

#include <signal.h>
#include <stddef.h>

#include <jansson.h>

#define CWA_VERSION	"0.1.0"

/* Exit statuses, as in sysexits(3). */
#define EXIT_USAGE	64

/* The longest input line a stage accepts, newline excluded. */
#define LINE_MAX_BYTES	(1024 * 1024)

/* JSON output flags shared by every stage: compact, 15 significant digits. */
#define CWA_JSON_FLAGS	(JSON_COMPACT | JSON_REAL_PRECISION(15))

/* log.c */
enum log_level { LOG_ERROR, LOG_WARN, LOG_INFO, LOG_DEBUG };

/* Set the program name used as prefix and read CWA_LOG; bad values warn. */
void		 log_init(const char *progname);
/* The program name given to log_init. */
const char	*log_progname(void);
/* Is a message at this level shown? */
int		 log_enabled(enum log_level);
/* Print "progname: message" on stderr when level is enabled. */
void		 log_msg(enum log_level, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
#define log_error(...)	log_msg(LOG_ERROR, __VA_ARGS__)
#define log_warn(...)	log_msg(LOG_WARN, __VA_ARGS__)
#define log_info(...)	log_msg(LOG_INFO, __VA_ARGS__)
#define log_debug(...)	log_msg(LOG_DEBUG, __VA_ARGS__)

/* num.c */
/* Parse a whole string as a finite double in [min, max]; 0 or -1. */
int		 num_double(const char *, double min, double max, double *);
/* Parse a whole decimal string as an unsigned long long in [min, max]. */
int		 num_ull(const char *, unsigned long long min,
		    unsigned long long max, unsigned long long *);
/* Parse a decimal field at *p, skipping blanks; advance *p past it. */
int		 num_field(const char **p, unsigned long long *);

/* clock.c */
/* Seconds since the epoch, with fractions (CLOCK_REALTIME). */
double		 clock_wall(void);
/* Seconds on CLOCK_MONOTONIC. */
double		 clock_mono(void);

/* file.c */
/*
 * Read up to len - 1 bytes of a file into buf, NUL-terminated; the byte
 * count, or -1 (warned).
 */
long		 file_read(const char *path, char *buf, size_t len);

/* sig.c */
/* Set by SIGTERM and SIGINT once sig_init has run: 0 or the signal. */
extern volatile sig_atomic_t sig_stop;
/* Catch SIGTERM and SIGINT (SA_RESTART), ignore SIGPIPE; 0 or -1. */
int		 sig_init(void);

/* lines.c */
struct lines {
	int		 fd;
	char		*buf;		/* bytes read, not yet returned */
	size_t		 len, cap;
	size_t		 scan;		/* bytes of buf known to hold no '\n' */
	size_t		 next;		/* start of the next line in buf */
	unsigned long	 lineno;	/* number of the line last returned */
	int		 skipping;	/* discarding an overlong line */
	int		 eof;
	int		 failed;	/* a read error ended input */
};

/* Start reading lines from fd; 0 or -1 (out of memory). */
int		 lines_init(struct lines *, int fd);
/* Release the buffer. */
void		 lines_free(struct lines *);
/*
 * Read once from the descriptor: bytes read, 0 at end of input, -1 on an
 * error (errno set; EINTR and EAGAIN mean try again).
 */
long		 lines_fill(struct lines *);
/*
 * Wait up to seconds (INFINITY: no limit) for input and read what came:
 * 1 when something was read or input ended (eof set), 0 when the time
 * ran out, -1 when a signal came first.  A read error is reported, sets
 * failed and ends input.
 */
int		 lines_wait(struct lines *, double seconds);
/*
 * The next complete line (a final unterminated one once at end of input),
 * NUL-terminated in place, without its newline: 1, or 0 when none is
 * buffered.  An overlong line is reported and skipped here.
 */
int		 lines_next(struct lines *, char **line, size_t *len);

/* datum.c */
enum datum_kind { DATUM_VALUE, DATUM_VALUES, DATUM_STATS };

struct datum {
	json_t		*obj;		/* the parsed line, owned */
	const char	*name;		/* MetricName, inside obj */
	const char	*unit;		/* Unit or NULL, inside obj */
	json_t		*dims;		/* [{Name, Value}] or NULL, owned */
	double		 ts;		/* Timestamp, if has_ts */
	int		 has_ts;
	int		 resolution;	/* StorageResolution, 0 if absent */
	enum datum_kind	 kind;
	double		 value;		/* DATUM_VALUE */
	json_t		*values;	/* DATUM_VALUES, inside obj */
	json_t		*counts;	/* DATUM_VALUES, NULL: all 1 */
	double		 count, sum, min, max;	/* DATUM_STATS */
};

/*
 * Parse and check one line of the format.  On success fill *d (free it
 * with datum_free) and return 0; for a blank line return 1 and fill
 * nothing; otherwise write why into the buffer and return -1.
 */
int		 datum_parse(const char *line, size_t len, struct datum *,
		    char *why, size_t whylen);
/* Release what datum_parse filled in. */
void		 datum_free(struct datum *);
/* The weight (count) of values[i] of a DATUM_VALUES datum. */
double		 datum_count(const struct datum *, size_t i);
/*
 * The series key: MetricName, Unit and the Dimensions sorted by name,
 * as one string that the caller frees; NULL when out of memory.
 */
char		*datum_series(const struct datum *);
/* Is this a CloudWatch StandardUnit name? */
int		 datum_unit_valid(const char *);

/*
 * out.c: stdout is written a burst at a time: the lines of one sample or
 * of one closed window leave in one write(2) at out_flush, before the
 * stage waits again, so no line waits in a buffer and the next stage
 * wakes once a burst.
 */
/* Buffer stdout until out_flush. */
void		 out_init(void);
/*
 * Write a JSON value as one line on stdout; 0, or -1 when stdout failed
 * (errno EPIPE: downstream is gone; anything else was reported).
 */
int		 out_json(const json_t *);
/* Write one line (a newline is added) on stdout; 0 or -1 as out_json. */
int		 out_line(const char *, size_t);
/* Write out the burst; 0 or -1 as out_json. */
int		 out_flush(void);
/* Flush and check stdout before exit; 0 or -1 (reported unless EPIPE). */
int		 out_close(void);

#endif /* CWA_H */
