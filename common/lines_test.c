/* Tests of the bounded line reader over a pipe. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cwa.h"
#include "tap.h"

#define N(a)		(sizeof(a) / sizeof((a)[0]))
#define MAXLINES	8
#define WRITE_CHUNK	(16 * 1024)

/* What a reader returned. */
struct got {
	char		*line[MAXLINES];
	size_t		 len[MAXLINES];
	unsigned long	 no[MAXLINES];	/* lineno right after each line */
	int		 n;
	int		 bad;		/* too many lines, or not NUL-terminated */
	unsigned long	 last;		/* lineno at end of input */
	size_t		 maxcap;	/* the largest buffer seen */
};

/* Bytes to write, then drain, before the next segment. */
struct seg {
	const char	*p;
	size_t		 len;
};

static void
got_free(struct got *g)
{
	int	 i;

	for (i = 0; i < g->n; i++)
		free(g->line[i]);
	memset(g, 0, sizeof(*g));
}

/* Take every line buffered in lb into g. */
static void
take(struct lines *lb, struct got *g)
{
	char	*line;
	size_t	 len;

	while (lines_next(lb, &line, &len) == 1) {
		/* Stop at too many: a reader stuck on one line never ends. */
		if (g->n == MAXLINES || line[len] != '\0' ||
		    (g->line[g->n] = malloc(len + 1)) == NULL) {
			g->bad = 1;
			break;
		}
		memcpy(g->line[g->n], line, len + 1);
		g->len[g->n] = len;
		g->no[g->n++] = lb->lineno;
	}
	if (lb->cap > g->maxcap)
		g->maxcap = lb->cap;
}

/* Read from lb until want bytes more came in, taking lines as they come. */
static int
drain(struct lines *lb, struct got *g, size_t want)
{
	long	 n;

	while (want > 0) {
		if ((n = lines_fill(lb)) == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		want -= (size_t)n;
		take(lb, g);
	}
	return 0;
}

/*
 * Write the segments into a pipe, reading each out before the next is
 * written, so a segment never shares a read with the one after it; then
 * close the pipe and read to the end.  0, or -1 on a system error.
 */
static int
feed(const struct seg *s, size_t nseg, struct got *g)
{
	struct lines	 lb;
	size_t		 i, off, n;
	ssize_t		 w;
	long		 r;
	int		 fd[2], rc = -1;

	memset(g, 0, sizeof(*g));
	if (pipe(fd) == -1)
		return -1;
	if (fcntl(fd[1], F_SETFL, O_NONBLOCK) == -1 ||
	    lines_init(&lb, fd[0]) == -1)
		goto out;
	take(&lb, g);		/* nothing yet */
	for (i = 0; i < nseg; i++)
		for (off = 0; off < s[i].len; off += (size_t)w) {
			n = s[i].len - off;
			w = write(fd[1], s[i].p + off,
			    n > WRITE_CHUNK ? WRITE_CHUNK : n);
			if (w == -1 && errno != EAGAIN && errno != EINTR)
				goto free;
			if (w == -1)
				w = 0;
			if (drain(&lb, g, (size_t)w) == -1)
				goto free;
		}
	close(fd[1]);
	fd[1] = -1;
	do {
		if ((r = lines_fill(&lb)) == -1 && errno != EINTR)
			goto free;
		take(&lb, g);
	} while (r != 0);
	take(&lb, g);		/* nothing after the end */
	g->last = lb.lineno;
	rc = 0;
free:
	lines_free(&lb);
out:
	close(fd[0]);
	if (fd[1] != -1)
		close(fd[1]);
	return rc;
}

/* Does g hold exactly these lines, numbered so? */
static int
got_is(const struct got *g, const char *const *want,
    const unsigned long *no, int n)
{
	int	 i;

	if (g->bad || g->n != n)
		return 0;
	for (i = 0; i < n; i++)
		if (g->len[i] != strlen(want[i]) ||
		    memcmp(g->line[i], want[i], g->len[i]) != 0 ||
		    g->no[i] != no[i])
			return 0;
	return 1;
}

static void
got_show(const struct got *g)
{
	int	 i;

	printf("#   got %d lines%s, last %lu:", g->n, g->bad ? " (bad)" : "",
	    g->last);
	for (i = 0; i < g->n; i++)
		printf(" %lu:\"%.20s\"(%zu)", g->no[i], g->line[i], g->len[i]);
	printf("\n");
}

/* Step by step: what one read returns, and nothing before it is whole. */
DEF_TEST(reads)
{
	struct lines	 lb;
	char		*line = NULL;
	size_t		 len = 0;
	int		 fd[2];

	if (pipe(fd) == -1 || lines_init(&lb, fd[0]) == -1)
		return -1;
	OK(lines_next(&lb, &line, &len) == 0);

	/* Several lines in one read. */
	OK(write(fd[1], "a\nbb\nccc\ndd", 11) == 11);
	EXPECT_EQ_INT(11, lines_fill(&lb));
	OK(lines_next(&lb, &line, &len) == 1);
	EXPECT_EQ_STR("a", line);
	OK(lines_next(&lb, &line, &len) == 1);
	EXPECT_EQ_STR("bb", line);
	EXPECT_EQ_INT(2, lb.lineno);
	OK(lines_next(&lb, &line, &len) == 1);
	EXPECT_EQ_STR("ccc", line);
	EXPECT_EQ_INT(3, len);
	/* "dd" has no newline yet: not returned before the end. */
	OK(lines_next(&lb, &line, &len) == 0);
	OK(lines_next(&lb, &line, &len) == 0);

	/* The rest of it in a second read. */
	OK(write(fd[1], "d\r\nee", 5) == 5);
	EXPECT_EQ_INT(5, lines_fill(&lb));
	OK(lines_next(&lb, &line, &len) == 1);
	EXPECT_EQ_STR("ddd\r", line);
	EXPECT_EQ_INT(4, len);
	EXPECT_EQ_INT(4, lb.lineno);
	OK(lines_next(&lb, &line, &len) == 0);

	/* At the end, the unterminated "ee", once. */
	close(fd[1]);
	EXPECT_EQ_INT(0, lines_fill(&lb));
	OK(lines_next(&lb, &line, &len) == 1);
	EXPECT_EQ_STR("ee", line);
	EXPECT_EQ_INT(2, len);
	EXPECT_EQ_INT(5, lb.lineno);
	OK(lines_next(&lb, &line, &len) == 0);
	EXPECT_EQ_INT(0, lines_fill(&lb));
	OK(lines_next(&lb, &line, &len) == 0);
	EXPECT_EQ_INT(5, lb.lineno);
	lines_free(&lb);
	close(fd[0]);
	return 0;
}

/* Small inputs, segment by segment. */
DEF_TEST(small)
{
	static const struct {
		const char	*name;
		const char	*seg[4];
		const char	*want[6];
		unsigned long	 no[6];
		int		 n;
		unsigned long	 last;
	} cases[] = {
		{ "several lines in one read", { "a\nbb\nccc\n" },
		  { "a", "bb", "ccc" }, { 1, 2, 3 }, 3, 3 },
		{ "a line split across reads", { "hel", "lo\nwor", "ld\n" },
		  { "hello", "world" }, { 1, 2 }, 2, 2 },
		{ "split right after the newline", { "a\n", "b\n" },
		  { "a", "b" }, { 1, 2 }, 2, 2 },
		{ "CRLF keeps the CR", { "a\r\nb\r", "\n" },
		  { "a\r", "b\r" }, { 1, 2 }, 2, 2 },
		{ "final line without newline", { "a\nlast" },
		  { "a", "last" }, { 1, 2 }, 2, 2 },
		{ "final line split, no newline", { "a\nla", "s", "t" },
		  { "a", "last" }, { 1, 2 }, 2, 2 },
		{ "empty lines", { "\n\nx\n", "\n" },
		  { "", "", "x", "" }, { 1, 2, 3, 4 }, 4, 4 },
		{ "one newline", { "\n" }, { "" }, { 1 }, 1, 1 },
		{ "lone CR at the end", { "x\r" }, { "x\r" }, { 1 }, 1, 1 },
		{ "no input", { NULL }, { NULL }, { 0 }, 0, 0 },
		{ "empty segments", { "", "a", "", "\n" },
		  { "a" }, { 1 }, 1, 1 },
	};
	struct seg	 s[4];
	struct got	 g;
	size_t		 i, j;
	int		 ok;

	for (i = 0; i < N(cases); i++) {
		for (j = 0; j < 4 && cases[i].seg[j] != NULL; j++) {
			s[j].p = cases[i].seg[j];
			s[j].len = strlen(cases[i].seg[j]);
		}
		if (feed(s, j, &g) == -1)
			return -1;
		ok = got_is(&g, cases[i].want, cases[i].no, cases[i].n) &&
		    g.last == cases[i].last;
		OK1(ok, "%s", cases[i].name);
		if (!ok)
			got_show(&g);
		got_free(&g);
	}
	return 0;
}

/* Are the n bytes of s all c? */
static int
all(const char *s, size_t n, char c)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (s[i] != c)
			return 0;
	return 1;
}

/* Lines of LINE_MAX_BYTES and over, written from the parent. */
DEF_TEST(overlong)
{
	enum { MAX = LINE_MAX_BYTES };
	static const char *const fa[] = { "first", "after" };
	static const char *const ff[] = { "first", "final" };
	static const unsigned long n13[] = { 1, 3 }, n14[] = { 1, 4 };
	static const unsigned long n1[] = { 1 };
	char		*x;
	struct got	 g;
	int		 ok;

	if ((x = malloc(3 * (size_t)MAX)) == NULL)
		return -1;
	memset(x, 'x', 3 * (size_t)MAX);

	/* Over the limit long before its newline: many reads skipped. */
	{
		struct seg s[] = { { "first\n", 6 }, { x, MAX + 200000 },
		    { "\nafter\n", 7 } };
		OK(feed(s, N(s), &g) == 0);
		ok = got_is(&g, fa, n13, 2) && g.last == 3;
		OK1(ok, "overlong line across many reads skipped");
		if (!ok)
			got_show(&g);
		OK1(g.maxcap < 2 * (size_t)MAX, "buffer bounded: %zu",
		    g.maxcap);
		got_free(&g);
	}
	/* One byte over, with its newline in the same read. */
	{
		struct seg s[] = { { "first\n", 6 }, { x, MAX },
		    { "x\nafter\n", 8 } };
		OK(feed(s, N(s), &g) == 0);
		ok = got_is(&g, fa, n13, 2) && g.last == 3;
		OK1(ok, "overlong line, newline in the same read, skipped");
		if (!ok)
			got_show(&g);
		got_free(&g);
	}
	/* Two overlong lines in a row, then a short final line. */
	{
		struct seg s[] = { { "first\n", 6 }, { x, MAX + 1 },
		    { "\n", 1 }, { x, 2 * (size_t)MAX }, { "\nfinal", 6 } };
		OK(feed(s, N(s), &g) == 0);
		ok = got_is(&g, ff, n14, 2) && g.last == 4;
		OK1(ok, "two overlong lines in a row skipped");
		if (!ok)
			got_show(&g);
		got_free(&g);
	}
	/* An overlong final line without newline. */
	{
		struct seg s[] = { { "first\n", 6 }, { x, MAX + 1 } };
		OK(feed(s, N(s), &g) == 0);
		ok = got_is(&g, fa, n1, 1) && g.last == 2;
		OK1(ok, "overlong final line without newline skipped");
		if (!ok)
			got_show(&g);
		got_free(&g);
	}
	/* Exactly LINE_MAX_BYTES is kept, with and without a newline. */
	{
		struct seg s[] = { { "first\n", 6 }, { x, MAX },
		    { "\nafter\n", 7 } };
		OK(feed(s, N(s), &g) == 0);
		OK(g.n == 3 && !g.bad);
		OK(g.n == 3 && g.len[1] == MAX && all(g.line[1], MAX, 'x') &&
		    g.no[1] == 2);
		OK(g.n == 3 && strcmp(g.line[2], "after") == 0 && g.no[2] == 3);
		got_free(&g);
	}
	{
		struct seg s[] = { { "first\n", 6 }, { x, MAX } };
		OK(feed(s, N(s), &g) == 0);
		OK(g.n == 2 && !g.bad && g.len[1] == MAX &&
		    all(g.line[1], MAX, 'x') && g.no[1] == 2 && g.last == 2);
		got_free(&g);
	}
	free(x);
	return 0;
}

/* Write all n bytes of p; 0 or -1. */
static int
put(int fd, const char *p, size_t n)
{
	ssize_t	 w;

	while (n > 0) {
		if ((w = write(fd, p, n)) == -1 && errno != EINTR)
			return -1;
		if (w > 0) {
			p += w;
			n -= (size_t)w;
		}
	}
	return 0;
}

/* A child writes as fast as it can; reads fall where they may. */
DEF_TEST(from_child)
{
	static const char *const want[] = { "first", "second", "third" };
	static const unsigned long no[] = { 1, 3, 4 };
	struct lines	 lb;
	struct got	 g;
	pid_t		 pid;
	long		 r;
	int		 fd[2], status, ok;

	memset(&g, 0, sizeof(g));
	if (pipe(fd) == -1)
		return -1;
	fflush(stdout);
	if ((pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		/* "first\n", 3 MiB of 'x', "\nsecond\nthird": no malloc. */
		static char	 block[64 * 1024];
		size_t		 i;

		close(fd[0]);
		memset(block, 'x', sizeof(block));
		if (put(fd[1], "first\n", 6) == -1)
			_exit(2);
		for (i = 0; i < 3 * LINE_MAX_BYTES / sizeof(block); i++)
			if (put(fd[1], block, sizeof(block)) == -1)
				_exit(2);
		_exit(put(fd[1], "\nsecond\nthird", 13) == -1 ? 2 : 0);
	}
	close(fd[1]);
	if (lines_init(&lb, fd[0]) == -1)
		return -1;
	do {
		if ((r = lines_fill(&lb)) == -1 && errno != EINTR)
			break;
		take(&lb, &g);
	} while (r != 0);
	g.last = lb.lineno;
	lines_free(&lb);
	close(fd[0]);
	OK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0);
	EXPECT_EQ_INT(0, r);
	ok = got_is(&g, want, no, 3) && g.last == 4;
	OK1(ok, "3 MiB line from a child skipped, others kept");
	if (!ok)
		got_show(&g);
	OK1(g.maxcap < 2 * (size_t)LINE_MAX_BYTES, "buffer bounded: %zu",
	    g.maxcap);
	got_free(&g);
	return 0;
}

int
main(void)
{
	log_init("lines_test");
	RUN_TEST(reads);
	RUN_TEST(small);
	RUN_TEST(overlong);
	RUN_TEST(from_child);
	END_TEST;
}
