/*
 * A tiny TAP harness for the unit tests, after collectd's testing.h.
 *
 *	DEF_TEST(name) { ...; OK(cond); EXPECT_EQ_DBL(want, got); return 0; }
 *	int main(void) { RUN_TEST(name); END_TEST; }
 *
 * Every check prints one "ok N - ..." or "not ok N - ..." line; END_TEST
 * prints the plan and exits non-zero when a check failed.
 */
#ifndef TAP_H
#define TAP_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int tap_count, tap_failed;

#define TAP_RESULT(cond, ...) do {					\
	int tap_ok_ = (cond);						\
	printf("%s %d - ", tap_ok_ ? "ok" : "not ok", ++tap_count);	\
	printf(__VA_ARGS__);						\
	printf("\n");							\
	if (!tap_ok_) {							\
		tap_failed++;						\
		printf("#   at %s:%d\n", __FILE__, __LINE__);		\
	}								\
} while (0)

#define OK(cond)	TAP_RESULT((cond), "%s", #cond)
#define OK1(cond, ...)	TAP_RESULT((cond), __VA_ARGS__)

#define EXPECT_EQ_INT(want, got) do {					\
	long long w_ = (want), g_ = (got);				\
	TAP_RESULT(w_ == g_, "%s = %lld", #got, g_);			\
	if (w_ != g_)							\
		printf("#   want %lld\n", w_);				\
} while (0)

#define EXPECT_EQ_STR(want, got) do {					\
	const char *w_ = (want), *g_ = (got);				\
	int eq_ = (w_ == NULL && g_ == NULL) ||				\
	    (w_ != NULL && g_ != NULL && strcmp(w_, g_) == 0);		\
	TAP_RESULT(eq_, "%s = \"%s\"", #got, g_ ? g_ : "(null)");	\
	if (!eq_)							\
		printf("#   want \"%s\"\n", w_ ? w_ : "(null)");	\
} while (0)

#define EXPECT_NEAR(want, got, eps) do {				\
	double w_ = (want), g_ = (got);					\
	TAP_RESULT(fabs(w_ - g_) <= (eps), "%s = %.9g", #got, g_);	\
	if (!(fabs(w_ - g_) <= (eps)))					\
		printf("#   want %.9g (within %g)\n", w_, (double)(eps)); \
} while (0)

#define EXPECT_EQ_DBL(want, got)	EXPECT_NEAR(want, got, 1e-9)

#define DEF_TEST(name)	static int test_##name(void)

#define RUN_TEST(name) do {						\
	printf("# %s\n", #name);					\
	if (test_##name() != 0)						\
		TAP_RESULT(0, "%s returned an error", #name);		\
} while (0)

#define END_TEST do {							\
	printf("1..%d\n", tap_count);					\
	return tap_failed == 0 ? 0 : 1;					\
} while (0)

#endif /* TAP_H */
