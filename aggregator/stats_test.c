/* Tests of the weighted median and maximum. */
#include <stdlib.h>

#include "aggregate.h"
#include "tap.h"

/* The median of n values of weight 1, or NAN when there is none. */
static double
median_of(const double *v, size_t n)
{
	struct samples	 s = { 0 };
	double		 m = NAN;
	size_t		 i;

	for (i = 0; i < n; i++)
		if (samples_add(&s, v[i], 1) == -1)
			abort();
	if (samples_median(&s, &m) == -1)
		m = NAN;
	samples_free(&s);
	return m;
}

DEF_TEST(median_unweighted)
{
	static const double	 odd[] = { 7, 1, 3 };
	static const double	 even[] = { 4, 1, 3, 2 };
	static const double	 one[] = { 42.5 };
	static const double	 same[] = { 5, 5, 5, 5 };
	static const double	 neg[] = { -3, -1, -2, 10 };
	struct samples		 s = { 0 };
	double			 m;

	EXPECT_EQ_DBL(3, median_of(odd, 3));
	/* An even count: the mean of the two middle values. */
	EXPECT_EQ_DBL(2.5, median_of(even, 4));
	EXPECT_EQ_DBL(42.5, median_of(one, 1));
	EXPECT_EQ_DBL(5, median_of(same, 4));
	EXPECT_EQ_DBL(-1.5, median_of(neg, 4));
	OK(samples_median(&s, &m) == -1);
	return 0;
}

DEF_TEST(median_weighted)
{
	struct samples	 s = { 0 };
	double		 m;

	/* Values [10, 20, 30] with Counts [1, 1, 2]: 10 20 30 30. */
	samples_add(&s, 30, 2);
	samples_add(&s, 10, 1);
	samples_add(&s, 20, 1);
	OK(samples_median(&s, &m) == 0);
	EXPECT_EQ_DBL(25, m);
	EXPECT_EQ_DBL(30, s.max);
	EXPECT_EQ_DBL(4, s.weight);
	samples_free(&s);

	/* [1 x3, 100 x1]: 1 1 1 100, the median is 1. */
	samples_add(&s, 100, 1);
	samples_add(&s, 1, 3);
	OK(samples_median(&s, &m) == 0);
	EXPECT_EQ_DBL(1, m);
	samples_free(&s);

	/* Fractional weights: 0.5 of 1 and 0.5 of 3 split evenly. */
	samples_add(&s, 3, 0.5);
	samples_add(&s, 1, 0.5);
	OK(samples_median(&s, &m) == 0);
	EXPECT_EQ_DBL(2, m);
	samples_free(&s);
	return 0;
}

DEF_TEST(many_samples)
{
	struct samples	 s = { 0 };
	double		 m;
	int		 i, failed = 0;

	/* 0..999 added backwards: median 499.5, max 999; growth works. */
	for (i = 999; i >= 0; i--)
		failed += samples_add(&s, i, 1) != 0;
	EXPECT_EQ_INT(0, failed);
	OK(samples_median(&s, &m) == 0);
	EXPECT_EQ_DBL(499.5, m);
	EXPECT_EQ_DBL(999, s.max);
	EXPECT_EQ_INT(1000, s.n);
	samples_free(&s);
	return 0;
}

int
main(void)
{
	RUN_TEST(median_unweighted);
	RUN_TEST(median_weighted);
	RUN_TEST(many_samples);
	END_TEST;
}
