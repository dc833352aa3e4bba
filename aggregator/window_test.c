/* Tests of windows: alignment, closing, output datums. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cwa.h"
#include "aggregate.h"
#include "tap.h"

static json_t	*out;	/* every emitted datum, in order */

static int
collect(json_t *d, void *arg)
{
	(void)arg;
	return json_array_append(out, d);
}

/* Parse a line and add it; the agg_add result. */
static int
add(struct agg *a, const char *line, double arrival)
{
	struct datum	 d;
	char		 why[256];
	int		 rc;

	if (datum_parse(line, strlen(line), &d, why, sizeof(why)) != 0) {
		printf("# bad test line: %s: %s\n", line, why);
		return -1;
	}
	rc = agg_add(a, &d, arrival, 1);
	datum_free(&d);
	return rc;
}

/* Output datum i's field as a string or number, for checks. */
static const char *
name(size_t i)
{
	return json_string_value(json_object_get(json_array_get(out, i),
	    "MetricName"));
}

static double
num(size_t i, const char *key)
{
	json_t	*j = json_object_get(json_array_get(out, i), key);

	return j == NULL ? NAN : json_number_value(j);
}

static void
reset(void)
{
	json_decref(out);
	out = json_array();
}

DEF_TEST(close_on_later_window)
{
	struct agg	*a = agg_new(60, 5, collect, NULL);

	reset();
	add(a, "{\"MetricName\":\"CPU\",\"Value\":10,\"Unit\":\"Percent\","
	    "\"Timestamp\":120.5}", 0);
	add(a, "{\"MetricName\":\"CPU\",\"Value\":30,\"Unit\":\"Percent\","
	    "\"Timestamp\":150}", 0);
	add(a, "{\"MetricName\":\"CPU\",\"Value\":20,\"Unit\":\"Percent\","
	    "\"Timestamp\":179.999}", 0);
	EXPECT_EQ_INT(0, json_array_size(out));
	/* 180 starts the next window: [120, 180) closes. */
	add(a, "{\"MetricName\":\"CPU\",\"Value\":99,\"Unit\":\"Percent\","
	    "\"Timestamp\":180}", 0);
	EXPECT_EQ_INT(2, json_array_size(out));
	EXPECT_EQ_STR("CPU", name(0));
	EXPECT_EQ_DBL(20, num(0, "Value"));
	EXPECT_EQ_DBL(120, num(0, "Timestamp"));
	EXPECT_EQ_STR("MaxCPU", name(1));
	EXPECT_EQ_DBL(30, num(1, "Value"));
	EXPECT_EQ_STR("Percent", json_string_value(json_object_get(
	    json_array_get(out, 1), "Unit")));
	/* Period 60: standard resolution, no StorageResolution key. */
	OK(json_object_get(json_array_get(out, 0), "StorageResolution") ==
	    NULL);
	OK(agg_close_all(a) == 0);
	EXPECT_EQ_INT(4, json_array_size(out));
	EXPECT_EQ_DBL(180, num(2, "Timestamp"));
	EXPECT_EQ_DBL(99, num(3, "Value"));
	agg_free(a);
	return 0;
}

DEF_TEST(series_and_order)
{
	struct agg	*a = agg_new(10, 5, collect, NULL);

	reset();
	/* Same series: dimensions in either order.  Another: other unit. */
	add(a, "{\"MetricName\":\"M\",\"Value\":1,\"Timestamp\":3,"
	    "\"Dimensions\":[{\"Name\":\"a\",\"Value\":\"1\"},"
	    "{\"Name\":\"b\",\"Value\":\"2\"}]}", 0);
	add(a, "{\"MetricName\":\"M\",\"Value\":3,\"Timestamp\":4,"
	    "\"Dimensions\":[{\"Name\":\"b\",\"Value\":\"2\"},"
	    "{\"Name\":\"a\",\"Value\":\"1\"}]}", 0);
	add(a, "{\"MetricName\":\"M\",\"Value\":100,\"Timestamp\":5,"
	    "\"Unit\":\"Count\"}", 0);
	add(a, "{\"MetricName\":\"A\",\"Value\":7,\"Timestamp\":6}", 0);
	OK(agg_close_all(a) == 0);
	EXPECT_EQ_INT(6, json_array_size(out));
	/* Order of first appearance within the window. */
	EXPECT_EQ_STR("M", name(0));
	EXPECT_EQ_DBL(2, num(0, "Value"));
	EXPECT_EQ_INT(2, json_array_size(json_object_get(
	    json_array_get(out, 0), "Dimensions")));
	EXPECT_EQ_STR("MaxM", name(1));
	EXPECT_EQ_DBL(3, num(1, "Value"));
	EXPECT_EQ_DBL(100, num(2, "Value"));
	EXPECT_EQ_STR("A", name(4));
	/* A period under 60 s: high resolution. */
	EXPECT_EQ_DBL(1, num(0, "StorageResolution"));
	EXPECT_EQ_DBL(0, num(0, "Timestamp"));
	agg_free(a);
	return 0;
}

DEF_TEST(values_and_statistics)
{
	struct agg	*a = agg_new(60, 5, collect, NULL);

	reset();
	add(a, "{\"MetricName\":\"L\",\"Values\":[10,20,30],"
	    "\"Counts\":[1,1,2],\"Timestamp\":60}", 0);
	add(a, "{\"MetricName\":\"S\",\"StatisticValues\":{\"SampleCount\":4,"
	    "\"Sum\":40,\"Minimum\":1,\"Maximum\":25},\"Timestamp\":61}", 0);
	add(a, "{\"MetricName\":\"Z\",\"Values\":[5],\"Counts\":[0],"
	    "\"Timestamp\":62}", 0);
	OK(agg_close_all(a) == 0);
	/* Z had only a zero count: no sample, no output. */
	EXPECT_EQ_INT(4, json_array_size(out));
	EXPECT_EQ_DBL(25, num(0, "Value"));
	EXPECT_EQ_DBL(30, num(1, "Value"));
	EXPECT_EQ_STR("S", name(2));
	EXPECT_EQ_DBL(10, num(2, "Value"));
	EXPECT_EQ_DBL(25, num(3, "Value"));
	agg_free(a);
	return 0;
}

DEF_TEST(arrival_time_and_late)
{
	struct agg	*a = agg_new(60, 5, collect, NULL);

	reset();
	/* No Timestamp: the arrival time places it. */
	add(a, "{\"MetricName\":\"X\",\"Value\":1}", 1000);
	add(a, "{\"MetricName\":\"X\",\"Value\":2,\"Timestamp\":1090}", 0);
	EXPECT_EQ_INT(2, json_array_size(out));
	EXPECT_EQ_DBL(960, num(0, "Timestamp"));
	/* Late for the emitted [960, 1020): emitted again, on its own. */
	add(a, "{\"MetricName\":\"X\",\"Value\":5,\"Timestamp\":970}", 0);
	EXPECT_EQ_INT(2, json_array_size(out));
	add(a, "{\"MetricName\":\"X\",\"Value\":3,\"Timestamp\":1150}", 0);
	EXPECT_EQ_INT(6, json_array_size(out));
	EXPECT_EQ_DBL(960, num(2, "Timestamp"));
	EXPECT_EQ_DBL(5, num(2, "Value"));
	EXPECT_EQ_DBL(1080, num(4, "Timestamp"));
	OK(agg_close_all(a) == 0);
	EXPECT_EQ_INT(8, json_array_size(out));
	agg_free(a);
	return 0;
}

DEF_TEST(expire)
{
	struct agg	*a = agg_new(60, 5, collect, NULL);

	reset();
	OK(isinf(agg_deadline(a)));
	add(a, "{\"MetricName\":\"X\",\"Value\":1,\"Timestamp\":65}", 0);
	add(a, "{\"MetricName\":\"X\",\"Value\":1,\"Timestamp\":125}", 0);
	EXPECT_EQ_INT(2, json_array_size(out));
	EXPECT_EQ_DBL(185, agg_deadline(a));
	OK(agg_expire(a, 184.9) == 0);
	EXPECT_EQ_INT(2, json_array_size(out));
	OK(agg_expire(a, 185) == 0);
	EXPECT_EQ_INT(4, json_array_size(out));
	OK(isinf(agg_deadline(a)));
	/* A datum of the expired window now is late: its own record. */
	add(a, "{\"MetricName\":\"X\",\"Value\":9,\"Timestamp\":170}", 0);
	OK(agg_close_all(a) == 0);
	EXPECT_EQ_INT(6, json_array_size(out));
	EXPECT_EQ_DBL(9, num(4, "Value"));
	agg_free(a);
	return 0;
}

DEF_TEST(emit_failure_stops)
{
	struct agg	*a = agg_new(60, 5, collect, NULL);

	reset();
	json_decref(out);
	out = json_object();	/* json_array_append on it fails */
	add(a, "{\"MetricName\":\"X\",\"Value\":1,\"Timestamp\":0}", 0);
	OK(add(a, "{\"MetricName\":\"X\",\"Value\":1,\"Timestamp\":60}", 0)
	    == -1);
	agg_free(a);
	return 0;
}

int
main(void)
{
	log_init("window_test");
	RUN_TEST(close_on_later_window);
	RUN_TEST(series_and_order);
	RUN_TEST(values_and_statistics);
	RUN_TEST(arrival_time_and_late);
	RUN_TEST(expire);
	RUN_TEST(emit_failure_stops);
	json_decref(out);
	END_TEST;
}
