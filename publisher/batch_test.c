/* Tests of MetricDatum building and of the split into request bodies. */
#include <stdlib.h>
#include <string.h>

#include "cwa.h"
#include "publish.h"
#include "tap.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))

/* Bytes of a body with no datum: {"Namespace":NS,"MetricData":[]} */
#define ENVELOPE(ns_len)	(13 + (ns_len) + 15 + 2)

/* The namespace as JSON, as cwa-publish makes it; the caller frees. */
static char *
ns_json(const char *ns)
{
	json_t	*j = json_string(ns);
	char	*s = json_dumps(j, JSON_ENCODE_ANY);

	json_decref(j);
	return s;
}

/*
 * The MetricDatum for a line, with extra dimensions given as JSON (or
 * NULL for none), serialized; the caller frees.  NULL if the line is bad.
 */
static char *
build(const char *line, const char *extra_json, double arrival)
{
	struct datum	 d;
	json_t		*extra, *md;
	char		 why[256], *s = NULL;

	if (datum_parse(line, strlen(line), &d, why, sizeof(why)) != 0) {
		printf("# bad test line: %s: %s\n", line, why);
		return NULL;
	}
	extra = extra_json != NULL ? json_loads(extra_json, 0, NULL) :
	    json_array();
	if ((md = metricdata_build(&d, extra, arrival)) != NULL)
		s = json_dumps(md, CWA_JSON_FLAGS);
	json_decref(md);
	json_decref(extra);
	datum_free(&d);
	return s;
}

DEF_TEST(metricdata)
{
#define H	"[{\"Name\":\"Host\",\"Value\":\"a\"}]"
	static const struct {
		const char	*line, *extra, *want;
	} cases[] = {
		/* API key order, whatever the order of the line. */
		{ "{\"StorageResolution\":1,\"Unit\":\"Percent\",\"Value\":5,"
		  "\"Timestamp\":100,\"Dimensions\":" H ",\"MetricName\":\"M\"}",
		  NULL,
		  "{\"MetricName\":\"M\",\"Dimensions\":" H ",\"Timestamp\":100,"
		  "\"Value\":5,\"Unit\":\"Percent\",\"StorageResolution\":1}" },
		{ "{\"Counts\":[2,1],\"Unit\":\"Bytes\",\"Values\":[1,2],"
		  "\"MetricName\":\"M\",\"Timestamp\":100}", NULL,
		  "{\"MetricName\":\"M\",\"Timestamp\":100,\"Values\":[1,2],"
		  "\"Counts\":[2,1],\"Unit\":\"Bytes\"}" },
		{ "{\"StorageResolution\":60,\"StatisticValues\":{\"SampleCount\":"
		  "2,\"Sum\":3,\"Minimum\":1,\"Maximum\":2},\"MetricName\":\"M\","
		  "\"Timestamp\":100}", NULL,
		  "{\"MetricName\":\"M\",\"Timestamp\":100,\"StatisticValues\":"
		  "{\"SampleCount\":2,\"Sum\":3,\"Minimum\":1,\"Maximum\":2},"
		  "\"StorageResolution\":60}" },
		/* The arrival time only without a Timestamp. */
		{ "{\"MetricName\":\"M\",\"Value\":1}", NULL,
		  "{\"MetricName\":\"M\",\"Timestamp\":1700000000.25,"
		  "\"Value\":1}" },
		{ "{\"MetricName\":\"M\",\"Value\":1,\"Timestamp\":0}", NULL,
		  "{\"MetricName\":\"M\",\"Timestamp\":0,\"Value\":1}" },
		/* Unknown keys dropped. */
		{ "{\"Foo\":1,\"MetricName\":\"M\",\"Value\":1,\"Timestamp\":9,"
		  "\"Bar\":{\"Value\":2}}", NULL,
		  "{\"MetricName\":\"M\",\"Timestamp\":9,\"Value\":1}" },
		/*
		 * TODO: "Counts" is passed on for a Value or StatisticValues
		 * datum too (not even checked to be an array): the line
		 * {"MetricName":"M","Value":1,"Counts":[1],"Timestamp":9}
		 * builds {...,"Value":1,"Counts":[1]}, which PutMetricData
		 * refuses (Counts goes with Values).  Reported, not tested.
		 */
		/* Extra dimensions: appended unless the datum has the name. */
		{ "{\"MetricName\":\"M\",\"Value\":1,\"Timestamp\":9}", H,
		  "{\"MetricName\":\"M\",\"Dimensions\":" H ",\"Timestamp\":9,"
		  "\"Value\":1}" },
		{ "{\"MetricName\":\"M\",\"Value\":1,\"Timestamp\":9,"
		  "\"Dimensions\":[{\"Name\":\"Host\",\"Value\":\"mine\"}]}",
		  "[{\"Name\":\"Env\",\"Value\":\"prod\"},"
		  "{\"Name\":\"Host\",\"Value\":\"a\"},"
		  "{\"Name\":\"Az\",\"Value\":\"1a\"}]",
		  "{\"MetricName\":\"M\",\"Dimensions\":["
		  "{\"Name\":\"Host\",\"Value\":\"mine\"},"
		  "{\"Name\":\"Env\",\"Value\":\"prod\"},"
		  "{\"Name\":\"Az\",\"Value\":\"1a\"}],\"Timestamp\":9,"
		  "\"Value\":1}" },
		{ "{\"MetricName\":\"M\",\"Value\":1,\"Timestamp\":9,"
		  "\"Dimensions\":" H "}", "[]",
		  "{\"MetricName\":\"M\",\"Dimensions\":" H ",\"Timestamp\":9,"
		  "\"Value\":1}" },
		{ "{\"MetricName\":\"M\",\"Value\":1,\"Timestamp\":9,"
		  "\"Dimensions\":" H "}", H,
		  "{\"MetricName\":\"M\",\"Dimensions\":" H ",\"Timestamp\":9,"
		  "\"Value\":1}" },
	};
#undef H
	const char	*line;
	struct datum	 d;
	json_t		*extra, *md;
	char		 why[256], *s;
	size_t		 i;

	for (i = 0; i < N(cases); i++) {
		s = build(cases[i].line, cases[i].extra, 1700000000.25);
		EXPECT_EQ_STR(cases[i].want, s);
		free(s);
	}

	/* Neither the datum's dimensions nor extra are changed. */
	line = "{\"MetricName\":\"M\",\"Value\":1,"
	    "\"Dimensions\":[{\"Name\":\"A\",\"Value\":\"1\"}]}";
	if (datum_parse(line, strlen(line), &d, why, sizeof(why)) != 0)
		return -1;
	extra = json_pack("[{ssss}]", "Name", "B", "Value", "2");
	md = metricdata_build(&d, extra, 1);
	OK(json_array_size(json_object_get(md, "Dimensions")) == 2);
	OK(json_array_size(d.dims) == 1);
	OK(json_array_size(extra) == 1);
	json_decref(md);
	json_decref(extra);
	datum_free(&d);
	return 0;
}

/* Does body parse as a request for this namespace?  Its MetricData. */
static json_t *
body_data(const char *body, size_t len, const char *ns, json_t **root)
{
	json_t	*md;

	*root = json_loadb(body, len, JSON_REJECT_DUPLICATES, NULL);
	md = json_object_get(*root, "MetricData");
	if (!json_is_array(md) || json_object_size(*root) != 2 ||
	    !json_is_string(json_object_get(*root, "Namespace")) ||
	    strcmp(json_string_value(json_object_get(*root, "Namespace")),
	    ns) != 0)
		return NULL;
	return md;
}

DEF_TEST(small_datums)
{
	static const size_t	 want[] = { 1000, 1000, 500 };
	const char		*ns = "Test/\"cwa\"\\x\n\x01/\xc3\xa9";
	struct pending		 p = { 0 };
	json_t			*root, *md, *dat, *none = json_array();
	char			 line[128], *nsj, *body;
	size_t			 i, j, from, prev, len, k = 0, nb = 0;
	int			 order = 1, full_early = 0, added = 1;

	if ((nsj = ns_json(ns)) == NULL)
		return -1;
	for (i = 0; i < 2500; i++) {
		struct datum	 d;
		char		 why[64];

		snprintf(line, sizeof(line), "{\"MetricName\":\"M\","
		    "\"Value\":%zu,\"Unit\":\"Count\"}", i);
		if (datum_parse(line, strlen(line), &d, why, sizeof(why)) != 0)
			return -1;
		md = metricdata_build(&d, none, 1700000000);
		datum_free(&d);
		if (md == NULL || pending_add(&p, md, strlen(nsj)) != 0)
			added = 0;
		json_decref(md);
		if (i < 999 && pending_full(&p, strlen(nsj)))
			full_early = 1;
		if (i == 999)
			OK1(pending_full(&p, strlen(nsj)), "full at 1000");
	}
	OK(added);
	OK1(!full_early, "not full before 1000");
	EXPECT_EQ_INT(2500, p.n);
	for (from = 0; from < p.n && nb < 4; nb++) {
		prev = from;
		body = batch_next(&p, nsj, &from, &len);
		OK(body != NULL && strlen(body) == len && len <= BATCH_MAX_BYTES);
		md = body_data(body, len, ns, &root);
		OK1(md != NULL, "body %zu parses, namespace kept", nb);
		EXPECT_EQ_INT(nb < 3 ? want[nb] : 0, json_array_size(md));
		EXPECT_EQ_INT(json_array_size(md), from - prev);
		json_array_foreach(md, j, dat)
			if (json_number_value(json_object_get(dat, "Value")) !=
			    (double)k++)
				order = 0;
		json_decref(root);
		free(body);
	}
	EXPECT_EQ_INT(3, nb);
	EXPECT_EQ_INT(2500, k);
	OK1(order, "every datum once, in order");

	pending_clear(&p);
	EXPECT_EQ_INT(0, p.n);
	EXPECT_EQ_INT(0, p.bytes);
	OK(!pending_full(&p, strlen(nsj)));
	pending_free(&p);
	json_decref(none);
	free(nsj);
	return 0;
}

/* A datum of about size bytes as JSON: MetricName "M<i>", many Values. */
static json_t *
big_datum(size_t i, size_t size)
{
	json_t	*d, *v;
	char	 name[32];
	size_t	 j;

	snprintf(name, sizeof(name), "M%zu", i);
	v = json_array();
	for (j = 0; j < size / 6; j++)
		json_array_append_new(v, json_integer(10000 + (json_int_t)j));
	d = json_pack("{sssisO}", "MetricName", name, "Timestamp", 60,
	    "Values", v);
	json_decref(v);
	return d;
}

DEF_TEST(large_datums)
{
	const char	*ns = "Big";
	struct pending	 p = { 0 };
	json_t		*d, *root, *md, *dat;
	char		*nsj, *body, name[32];
	size_t		 i, j, k = 0, from, prev, len, nb = 0, ns_len;
	int		 order = 1, greedy = 1, bounded = 1, parsed = 1;
	int		 full_ok = 1, added = 1;

	if ((nsj = ns_json(ns)) == NULL)
		return -1;
	ns_len = strlen(nsj);
	for (i = 0; i < 25; i++) {
		d = big_datum(i, 100000 + i * 1000);
		if (pending_add(&p, d, ns_len) != 0)
			added = 0;
		json_decref(d);
		/* Full once a body of all queued would fill the limit. */
		if (pending_full(&p, ns_len) != (ENVELOPE(ns_len) + p.bytes +
		    p.n - 1 >= BATCH_MAX_BYTES))
			full_ok = 0;
	}
	OK(added);
	OK(p.len[0] > 100000 && p.len[0] < 110000);
	OK1(full_ok, "full once the queued datums fill a body");
	for (from = 0; from < p.n && nb < 25; nb++) {
		prev = from;
		body = batch_next(&p, nsj, &from, &len);
		if (body == NULL)
			return -1;
		if (len > BATCH_MAX_BYTES || strlen(body) != len)
			bounded = 0;
		/* Nothing more would have fit. */
		if (from < p.n && len + 1 + p.len[from] <= BATCH_MAX_BYTES)
			greedy = 0;
		if ((md = body_data(body, len, ns, &root)) == NULL ||
		    json_array_size(md) != from - prev || from == prev)
			parsed = 0;
		json_array_foreach(md, j, dat) {
			snprintf(name, sizeof(name), "M%zu", k++);
			if (strcmp(json_string_value(json_object_get(dat,
			    "MetricName")), name) != 0)
				order = 0;
		}
		json_decref(root);
		free(body);
	}
	OK1(nb == 3, "25 datums of 100 KB in %zu bodies", nb);
	OK1(bounded, "every body <= %d bytes", BATCH_MAX_BYTES);
	OK1(greedy, "bodies filled");
	OK1(parsed, "bodies parse, each with its datums");
	EXPECT_EQ_INT(25, k);
	OK1(order, "every datum once, in order");
	pending_free(&p);
	free(nsj);
	return 0;
}

/* A datum of exactly size bytes as JSON: {"MetricName":"M","Pad":"aaa…"}. */
static json_t *
sized_datum(size_t size)
{
	size_t	 n = size - strlen("{\"MetricName\":\"M\",\"Pad\":\"\"}");
	char	*pad = malloc(n + 1);
	json_t	*d;

	memset(pad, 'a', n);
	pad[n] = '\0';
	d = json_pack("{ssss}", "MetricName", "M", "Pad", pad);
	free(pad);
	return d;
}

/* Queue a datum of exactly size bytes; what pending_add returns. */
static int
add_sized(struct pending *p, size_t size, size_t ns_len)
{
	json_t	*d = sized_datum(size);
	int	 rc = pending_add(p, d, ns_len);

	json_decref(d);
	return rc;
}

DEF_TEST(limits)
{
	struct pending	 p = { 0 };
	json_t		*d;
	char		*nsj, *body;
	size_t		 ns_len, env, from, len;
	long		 slack;

	if ((nsj = ns_json("NS")) == NULL)
		return -1;
	ns_len = strlen(nsj);
	env = ENVELOPE(ns_len);

	/* A datum that fills a body to the byte goes alone. */
	d = sized_datum(BATCH_MAX_BYTES - env);
	EXPECT_EQ_INT(0, pending_add(&p, d, ns_len));
	json_decref(d);
	OK(pending_full(&p, ns_len));
	from = 0;
	body = batch_next(&p, nsj, &from, &len);
	EXPECT_EQ_INT(BATCH_MAX_BYTES, len);
	EXPECT_EQ_INT(1, from);
	free(body);

	/* One byte more is refused, and the queue is unchanged. */
	d = sized_datum(BATCH_MAX_BYTES - env + 1);
	EXPECT_EQ_INT(1, pending_add(&p, d, ns_len));
	json_decref(d);
	EXPECT_EQ_INT(1, p.n);
	EXPECT_EQ_INT(BATCH_MAX_BYTES - env, p.bytes);
	/* The same datum fits with a shorter namespace. */
	d = sized_datum(BATCH_MAX_BYTES - env + 1);
	EXPECT_EQ_INT(0, pending_add(&p, d, ns_len - 1));
	json_decref(d);
	pending_clear(&p);

	/*
	 * Two datums, 500000 bytes and one that leaves the body slack bytes
	 * short of the limit: one byte short, to the byte, one byte over.
	 */
	for (slack = 1; slack >= -1; slack--) {
		EXPECT_EQ_INT(0, add_sized(&p, 500000, ns_len));
		EXPECT_EQ_INT(0, add_sized(&p,
		    (size_t)((long)(BATCH_MAX_BYTES - env - 500001) - slack),
		    ns_len));
		EXPECT_EQ_INT(slack <= 0, pending_full(&p, ns_len));
		from = 0;
		body = batch_next(&p, nsj, &from, &len);
		free(body);
		if (slack >= 0) {
			/* One body. */
			EXPECT_EQ_INT(BATCH_MAX_BYTES - slack, len);
			EXPECT_EQ_INT(2, from);
		} else {
			/* Two bodies. */
			EXPECT_EQ_INT(1, from);
			EXPECT_EQ_INT(env + 500000, len);
			body = batch_next(&p, nsj, &from, &len);
			free(body);
			EXPECT_EQ_INT(2, from);
			EXPECT_EQ_INT(BATCH_MAX_BYTES - 500000, len);
		}
		pending_clear(&p);
	}

	pending_free(&p);
	free(nsj);
	return 0;
}

int
main(void)
{
	log_init("batch_test");
	RUN_TEST(metricdata);
	RUN_TEST(small_datums);
	RUN_TEST(large_datums);
	RUN_TEST(limits);
	END_TEST;
}
