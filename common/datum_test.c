/* Tests of one line of the format: parse, check, series key, units. */
#include <stdlib.h>
#include <string.h>

#include "cwa.h"
#include "tap.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))

/* Parse a whole string; the datum_parse result, reason in why. */
static int
parse(const char *line, struct datum *d, char *why, size_t whylen)
{
	why[0] = '\0';
	return datum_parse(line, strlen(line), d, why, whylen);
}

/* The series key of a line that must parse; NULL otherwise. */
static char *
series_of(const char *line)
{
	struct datum	 d;
	char		 why[256], *s;

	if (parse(line, &d, why, sizeof(why)) != 0) {
		printf("# bad test line: %s: %s\n", line, why);
		return NULL;
	}
	s = datum_series(&d);
	datum_free(&d);
	return s;
}

DEF_TEST(good_value)
{
	const char	*line = "{\"MetricName\":\"CPUUtilization\","
	    "\"Dimensions\":[{\"Name\":\"Host\",\"Value\":\"a\"}],"
	    "\"Timestamp\":1700000000.5,\"Value\":12.5,\"Unit\":\"Percent\","
	    "\"StorageResolution\":1}";
	struct datum	 d;
	char		 why[256];

	EXPECT_EQ_INT(0, parse(line, &d, why, sizeof(why)));
	EXPECT_EQ_INT(DATUM_VALUE, d.kind);
	EXPECT_EQ_STR("CPUUtilization", d.name);
	EXPECT_EQ_STR("Percent", d.unit);
	EXPECT_EQ_DBL(12.5, d.value);
	EXPECT_EQ_INT(1, d.has_ts);
	EXPECT_EQ_DBL(1700000000.5, d.ts);
	EXPECT_EQ_INT(1, d.resolution);
	OK(json_is_array(d.dims) && json_array_size(d.dims) == 1);
	OK(d.values == NULL && d.counts == NULL);
	OK(json_is_object(d.obj));
	datum_free(&d);
	OK(d.obj == NULL && d.name == NULL);

	/* The least: no Unit, Timestamp, Dimensions or resolution. */
	EXPECT_EQ_INT(0, parse("{\"MetricName\":\"M\",\"Value\":-3}", &d, why,
	    sizeof(why)));
	EXPECT_EQ_INT(DATUM_VALUE, d.kind);
	EXPECT_EQ_DBL(-3, d.value);
	OK(d.unit == NULL && d.dims == NULL);
	EXPECT_EQ_INT(0, d.has_ts);
	EXPECT_EQ_INT(0, d.resolution);
	datum_free(&d);
	return 0;
}

DEF_TEST(good_values_and_stats)
{
	struct datum	 d;
	char		 why[256];

	EXPECT_EQ_INT(0, parse("{\"MetricName\":\"M\",\"Values\":[1,2.5,3],"
	    "\"Unit\":\"Bytes\"}", &d, why, sizeof(why)));
	EXPECT_EQ_INT(DATUM_VALUES, d.kind);
	OK(json_array_size(d.values) == 3);
	OK(d.counts == NULL);
	EXPECT_EQ_DBL(2.5, json_number_value(json_array_get(d.values, 1)));
	/* No Counts: every value weighs 1. */
	EXPECT_EQ_DBL(1, datum_count(&d, 0));
	EXPECT_EQ_DBL(1, datum_count(&d, 2));
	datum_free(&d);

	EXPECT_EQ_INT(0, parse("{\"MetricName\":\"M\",\"Values\":[1,2,3],"
	    "\"Counts\":[2,0,0.5]}", &d, why, sizeof(why)));
	EXPECT_EQ_INT(DATUM_VALUES, d.kind);
	OK(json_array_size(d.counts) == 3);
	EXPECT_EQ_DBL(2, datum_count(&d, 0));
	EXPECT_EQ_DBL(0, datum_count(&d, 1));
	EXPECT_EQ_DBL(0.5, datum_count(&d, 2));
	datum_free(&d);

	EXPECT_EQ_INT(0, parse("{\"MetricName\":\"M\",\"StatisticValues\":"
	    "{\"SampleCount\":4,\"Sum\":10,\"Minimum\":1,\"Maximum\":4},"
	    "\"StorageResolution\":60}", &d, why, sizeof(why)));
	EXPECT_EQ_INT(DATUM_STATS, d.kind);
	EXPECT_EQ_DBL(4, d.count);
	EXPECT_EQ_DBL(10, d.sum);
	EXPECT_EQ_DBL(1, d.min);
	EXPECT_EQ_DBL(4, d.max);
	EXPECT_EQ_INT(60, d.resolution);
	datum_free(&d);

	/* Minimum == Maximum is fine. */
	EXPECT_EQ_INT(0, parse("{\"MetricName\":\"M\",\"StatisticValues\":"
	    "{\"SampleCount\":1,\"Sum\":7,\"Minimum\":7,\"Maximum\":7}}", &d,
	    why, sizeof(why)));
	datum_free(&d);
	return 0;
}

DEF_TEST(good_edges)
{
	static const char *const good[] = {
		/* The '\r' of a CRLF line is JSON whitespace. */
		"{\"MetricName\":\"M\",\"Value\":1}\r",
		"  {\"MetricName\":\"M\",\"Value\":1}  ",
		/* Unknown keys are accepted. */
		"{\"MetricName\":\"M\",\"Value\":1,\"Foo\":{\"x\":[1]},"
		"\"Bar\":null}",
		"{\"MetricName\":\"M\",\"Value\":1,\"Timestamp\":0}",
		"{\"MetricName\":\"M\",\"Value\":1,\"Timestamp\":253402300799}",
		"{\"MetricName\":\"M\",\"Value\":1,\"Dimensions\":[]}",
		"{\"MetricName\":\"M\",\"Value\":1,\"Unit\":\"Count/Second\"}",
	};
	struct datum	 d;
	char		 why[256];
	size_t		 i;

	for (i = 0; i < N(good); i++) {
		OK1(parse(good[i], &d, why, sizeof(why)) == 0,
		    "accepted: %s", good[i]);
		if (why[0] != '\0')
			printf("#   why: %s\n", why);
		datum_free(&d);
	}

	/* Only len bytes are parsed. */
	OK(datum_parse("{\"MetricName\":\"M\",\"Value\":1}garbage", 28, &d,
	    why, sizeof(why)) == 0);
	datum_free(&d);
	return 0;
}

DEF_TEST(blank)
{
	static const char *const blank[] = { "", " ", "\t", "\r", " \t \r" };
	struct datum	 d;
	char		 why[64];
	size_t		 i;

	for (i = 0; i < N(blank); i++) {
		memset(&d, 0, sizeof(d));
		d.value = 99;
		strcpy(why, "unchanged");
		OK1(datum_parse(blank[i], strlen(blank[i]), &d, why,
		    sizeof(why)) == 1 && d.value == 99 && d.obj == NULL &&
		    strcmp(why, "unchanged") == 0,
		    "blank line %zu returns 1, fills nothing", i);
	}
	return 0;
}

DEF_TEST(rejected)
{
	static const struct {
		const char	*line, *why;
	} cases[] = {
#define M	"{\"MetricName\":\"M\","
		/* Not JSON, not an object. */
		{ "{", "not JSON" },
		{ "MetricName", "not JSON" },
		{ "42", "not JSON" },
		{ M "\"Value\":1} x", "not JSON" },
		{ M "\"Value\":NaN}", "not JSON" },
		{ M "\"Value\":1e999}", "not JSON" },
		{ "[1]", "not a JSON object" },
		{ "[]", "not a JSON object" },
		/* Duplicate keys, including the one that matters. */
		{ M "\"MetricName\":\"N\",\"Value\":1}", "duplicate" },
		{ M "\"Value\":1,\"Value\":2}", "duplicate" },
		/* MetricName. */
		{ "{\"Value\":1}", "MetricName" },
		{ "{\"MetricName\":\"\",\"Value\":1}", "MetricName" },
		{ "{\"MetricName\":5,\"Value\":1}", "MetricName" },
		{ "{\"MetricName\":null,\"Value\":1}", "MetricName" },
		/* Exactly one of Value, Values, StatisticValues. */
		{ M "\"Unit\":\"Count\"}", "exactly one" },
		{ M "\"Value\":1,\"Values\":[1]}", "exactly one" },
		{ M "\"Value\":1,\"StatisticValues\":{\"SampleCount\":1,"
		    "\"Sum\":1,\"Minimum\":1,\"Maximum\":1}}", "exactly one" },
		{ M "\"Values\":[1],\"StatisticValues\":{\"SampleCount\":1,"
		    "\"Sum\":1,\"Minimum\":1,\"Maximum\":1}}", "exactly one" },
		{ M "\"Value\":null}", "Value is not a finite number" },
		{ M "\"Value\":\"1\"}", "Value is not a finite number" },
		{ M "\"Value\":true}", "Value is not a finite number" },
		{ M "\"Value\":[1]}", "Value is not a finite number" },
		/* Values and Counts. */
		{ M "\"Values\":[]}", "Values is not a non-empty array" },
		{ M "\"Values\":1}", "Values is not a non-empty array" },
		{ M "\"Values\":[1,\"2\"]}", "Values[1] is not a finite" },
		{ M "\"Values\":[null]}", "Values[0] is not a finite" },
		{ M "\"Values\":[1,2],\"Counts\":[1]}", "Counts is not an array" },
		{ M "\"Values\":[1],\"Counts\":[1,1]}", "Counts is not an array" },
		{ M "\"Values\":[1],\"Counts\":1}", "Counts is not an array" },
		{ M "\"Values\":[1,2],\"Counts\":[1,-1]}", "Counts[1] is not" },
		{ M "\"Values\":[1],\"Counts\":[\"1\"]}", "Counts[0] is not" },
		/* StatisticValues. */
		{ M "\"StatisticValues\":{\"SampleCount\":1,\"Sum\":1,"
		    "\"Minimum\":1}}", "StatisticValues needs finite" },
		{ M "\"StatisticValues\":{\"Sum\":1,\"Minimum\":1,"
		    "\"Maximum\":1}}", "StatisticValues needs finite" },
		{ M "\"StatisticValues\":{\"SampleCount\":1,\"Sum\":\"1\","
		    "\"Minimum\":1,\"Maximum\":1}}", "StatisticValues needs finite" },
		{ M "\"StatisticValues\":[1,1,1,1]}", "StatisticValues needs finite" },
		{ M "\"StatisticValues\":{\"SampleCount\":0,\"Sum\":0,"
		    "\"Minimum\":1,\"Maximum\":1}}", "SampleCount > 0" },
		{ M "\"StatisticValues\":{\"SampleCount\":-2,\"Sum\":0,"
		    "\"Minimum\":1,\"Maximum\":1}}", "SampleCount > 0" },
		{ M "\"StatisticValues\":{\"SampleCount\":2,\"Sum\":3,"
		    "\"Minimum\":2,\"Maximum\":1}}", "Minimum <= Maximum" },
		/* Unit: a StandardUnit name, case and all. */
		{ M "\"Value\":1,\"Unit\":\"percent\"}", "StandardUnit" },
		{ M "\"Value\":1,\"Unit\":\"\"}", "StandardUnit" },
		{ M "\"Value\":1,\"Unit\":\"Count/Minute\"}", "StandardUnit" },
		{ M "\"Value\":1,\"Unit\":5}", "StandardUnit" },
		/* Timestamp: seconds since the epoch. */
		{ M "\"Value\":1,\"Timestamp\":\"1700000000\"}",
		    "Timestamp is not a number" },
		{ M "\"Value\":1,\"Timestamp\":null}", "Timestamp is not a number" },
		{ M "\"Value\":1,\"Timestamp\":-1}", "out of range" },
		{ M "\"Value\":1,\"Timestamp\":1700000000000}", "milliseconds" },
		{ M "\"Value\":1,\"Timestamp\":253402300800}", "out of range" },
		/* Dimensions. */
		{ M "\"Value\":1,\"Dimensions\":{}}", "Dimensions is not an array" },
		{ M "\"Value\":1,\"Dimensions\":\"Host=a\"}",
		    "Dimensions is not an array" },
		{ M "\"Value\":1,\"Dimensions\":[{\"Name\":\"H\"}]}",
		    "Dimensions[0] needs a Name and a Value" },
		{ M "\"Value\":1,\"Dimensions\":[{\"Name\":\"\",\"Value\":\"a\"}]}",
		    "Dimensions[0] needs" },
		{ M "\"Value\":1,\"Dimensions\":[{\"Name\":\"H\",\"Value\":\"\"}]}",
		    "Dimensions[0] needs" },
		{ M "\"Value\":1,\"Dimensions\":[{\"Name\":\"H\",\"Value\":1}]}",
		    "Dimensions[0] needs" },
		{ M "\"Value\":1,\"Dimensions\":[{\"Name\":\"H\",\"Value\":\"a\"},"
		    "\"x\"]}", "Dimensions[1] needs" },
		{ M "\"Value\":1,\"Dimensions\":[{\"Name\":\"A\",\"Value\":\"1\"},"
		    "{\"Name\":\"A\",\"Value\":\"2\"}]}", "Name \"A\" given twice" },
		/* StorageResolution: 1 or 60 (1.0 is 1). */
		{ M "\"Value\":1,\"StorageResolution\":5}", "StorageResolution" },
		{ M "\"Value\":1,\"StorageResolution\":0}", "StorageResolution" },
		{ M "\"Value\":1,\"StorageResolution\":\"60\"}",
		    "StorageResolution" },
#undef M
	};
	struct datum	 d;
	char		 why[256];
	size_t		 i;
	int		 rc;

	for (i = 0; i < N(cases); i++) {
		memset(&d, 0, sizeof(d));
		rc = parse(cases[i].line, &d, why, sizeof(why));
		OK1(rc == -1 && strstr(why, cases[i].why) != NULL &&
		    d.obj == NULL, "refused: %s", cases[i].line);
		if (rc != -1 || strstr(why, cases[i].why) == NULL)
			printf("#   rc %d, why \"%s\", want \"%s\"\n", rc, why,
			    cases[i].why);
		if (rc == 0)
			datum_free(&d);
	}

	/* A short reason buffer is cut and still terminated. */
	OK(parse("[1]", &d, why, 8) == -1);
	EXPECT_EQ_STR("not a J", why);
	return 0;
}

DEF_TEST(series)
{
#define S(dims, unit) "{\"MetricName\":\"M\",\"Value\":1" unit \
	",\"Dimensions\":[" dims "]}"
#define D(n, v) "{\"Name\":\"" n "\",\"Value\":\"" v "\"}"
	/* Pairs that name the same series. */
	static const char *const same[][2] = {
		{ S(D("A", "1") "," D("B", "2"), ""),
		  S(D("B", "2") "," D("A", "1"), "") },
		{ S(D("A", "1") "," D("B", "2") "," D("C", "3"), ",\"Unit\":\"Percent\""),
		  S(D("C", "3") "," D("A", "1") "," D("B", "2"), ",\"Unit\":\"Percent\"") },
		/* Values, Timestamp and resolution do not matter. */
		{ "{\"MetricName\":\"M\",\"Value\":1}",
		  "{\"MetricName\":\"M\",\"Values\":[5],\"Timestamp\":60,"
		  "\"StorageResolution\":1}" },
		/* No dimensions and an empty array. */
		{ "{\"MetricName\":\"M\",\"Value\":1}",
		  "{\"MetricName\":\"M\",\"Value\":1,\"Dimensions\":[]}" },
	};
	/* Pairs that name different series. */
	static const char *const differ[][2] = {
		{ "{\"MetricName\":\"M\",\"Value\":1}",
		  "{\"MetricName\":\"N\",\"Value\":1}" },
		{ S(D("A", "1"), ",\"Unit\":\"Percent\""),
		  S(D("A", "1"), ",\"Unit\":\"Count\"") },
		{ S(D("A", "1"), ""), S(D("A", "2"), "") },
		{ S(D("A", "1"), ""), S(D("B", "1"), "") },
		{ S(D("A", "1"), ""), S(D("A", "1") "," D("B", "2"), "") },
		{ S(D("A", "1") "," D("B", "2"), ""),
		  S(D("A", "2") "," D("B", "1"), "") },
		/* Joining characters inside names and values. */
		{ S(D("A", "1,B=2"), ""), S(D("A", "1") "," D("B", "2"), "") },
		{ S(D("A", "1\\\",\\\"B"), ""),
		  S(D("A", "1") "," D("B", "1"), "") },
		{ S(D("A=1", "x"), ""), S(D("A", "1=x"), "") },
		{ S(D("A", "1\\\"],[\\\"B\\\",\\\"2"), ""),
		  S(D("A", "1") "," D("B", "2"), "") },
		{ "{\"MetricName\":\"M|Percent\",\"Value\":1}",
		  "{\"MetricName\":\"M\",\"Value\":1,\"Unit\":\"Percent\"}" },
		{ "{\"MetricName\":\"M\\\",\\\"Percent\",\"Value\":1}",
		  "{\"MetricName\":\"M\",\"Value\":1,\"Unit\":\"Percent\"}" },
	};
#undef S
#undef D
	char	*a, *b;
	size_t	 i;

	for (i = 0; i < N(same); i++) {
		a = series_of(same[i][0]);
		b = series_of(same[i][1]);
		OK1(a != NULL && b != NULL && strcmp(a, b) == 0,
		    "same series: %s", a ? a : "(null)");
		free(a);
		free(b);
	}
	for (i = 0; i < N(differ); i++) {
		a = series_of(differ[i][0]);
		b = series_of(differ[i][1]);
		OK1(a != NULL && b != NULL && strcmp(a, b) != 0,
		    "different series: %s | %s", a ? a : "(null)",
		    b ? b : "(null)");
		free(a);
		free(b);
	}
	return 0;
}

DEF_TEST(units)
{
	static const char *const good[] = {
		"Seconds", "Microseconds", "Milliseconds",
		"Bytes", "Kilobytes", "Megabytes", "Gigabytes", "Terabytes",
		"Bits", "Kilobits", "Megabits", "Gigabits", "Terabits",
		"Percent", "Count",
		"Bytes/Second", "Kilobytes/Second", "Megabytes/Second",
		"Gigabytes/Second", "Terabytes/Second",
		"Bits/Second", "Kilobits/Second", "Megabits/Second",
		"Gigabits/Second", "Terabits/Second",
		"Count/Second", "None",
	};
	static const char *const bad[] = {
		"", "percent", "PERCENT", "Percent ", " Percent", "Byte",
		"bytes/second", "Bytes/second", "Count/Minute", "Bytes/Sec",
		"none", "Nanoseconds",
	};
	size_t	 i;

	EXPECT_EQ_INT(27, N(good));
	for (i = 0; i < N(good); i++)
		OK1(datum_unit_valid(good[i]), "unit \"%s\" valid", good[i]);
	for (i = 0; i < N(bad); i++)
		OK1(!datum_unit_valid(bad[i]), "unit \"%s\" invalid", bad[i]);
	return 0;
}

int
main(void)
{
	log_init("datum_test");
	RUN_TEST(good_value);
	RUN_TEST(good_values_and_stats);
	RUN_TEST(good_edges);
	RUN_TEST(blank);
	RUN_TEST(rejected);
	RUN_TEST(series);
	RUN_TEST(units);
	END_TEST;
}
