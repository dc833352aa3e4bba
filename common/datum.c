/* One line of the format: a CloudWatch MetricDatum as a JSON object. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cwa.h"

/* Timestamps past 9999-12-31 are taken for milliseconds, and refused. */
#define TS_MAX	253402300799.0

static const char *const units[] = {
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

/* Is this a CloudWatch StandardUnit name? */
int
datum_unit_valid(const char *unit)
{
	size_t	 i;

	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strcmp(unit, units[i]) == 0)
			return 1;
	return 0;
}

static int
why(char *buf, size_t len, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	return -1;
}

/* Is j a finite number?  Store it in *v when it is. */
static int
finite_number(const json_t *j, double *v)
{
	if (!json_is_number(j) || !isfinite(json_number_value(j)))
		return 0;
	*v = json_number_value(j);
	return 1;
}

/* Check Dimensions and keep a clean copy, only {Name, Value}, in d->dims. */
static int
check_dims(struct datum *d, json_t *dims, char *buf, size_t len)
{
	json_t	*dim, *name, *value, *clean;
	size_t	 i, j;

	if (!json_is_array(dims))
		return why(buf, len, "Dimensions is not an array");
	if ((clean = json_array()) == NULL)
		return why(buf, len, "out of memory");
	json_array_foreach(dims, i, dim) {
		name = json_object_get(dim, "Name");
		value = json_object_get(dim, "Value");
		if (!json_is_string(name) || json_string_length(name) == 0 ||
		    !json_is_string(value) || json_string_length(value) == 0) {
			why(buf, len, "Dimensions[%zu] needs a Name and a "
			    "Value, both non-empty strings", i);
			goto fail;
		}
		for (j = 0; j < i; j++)
			if (json_equal(name, json_object_get(
			    json_array_get(dims, j), "Name"))) {
				why(buf, len, "Dimensions: Name \"%s\" given "
				    "twice", json_string_value(name));
				goto fail;
			}
		if (json_array_append_new(clean, json_pack("{sOsO}", "Name",
		    name, "Value", value)) == -1) {
			why(buf, len, "out of memory");
			goto fail;
		}
	}
	d->dims = clean;
	return 0;
fail:
	json_decref(clean);
	return -1;
}

static int
check_values(struct datum *d, json_t *values, json_t *counts,
    char *buf, size_t len)
{
	json_t	*j;
	double	 v;
	size_t	 i;

	if (!json_is_array(values) || json_array_size(values) == 0)
		return why(buf, len, "Values is not a non-empty array");
	json_array_foreach(values, i, j)
		if (!finite_number(j, &v))
			return why(buf, len, "Values[%zu] is not a finite "
			    "number", i);
	if (counts != NULL) {
		if (!json_is_array(counts) ||
		    json_array_size(counts) != json_array_size(values))
			return why(buf, len, "Counts is not an array as long "
			    "as Values");
		json_array_foreach(counts, i, j)
			if (!finite_number(j, &v) || v < 0)
				return why(buf, len, "Counts[%zu] is not a "
				    "finite number >= 0", i);
	}
	d->kind = DATUM_VALUES;
	d->values = values;
	d->counts = counts;
	return 0;
}

static int
check_stats(struct datum *d, json_t *sv, char *buf, size_t len)
{
	if (!json_is_object(sv) ||
	    !finite_number(json_object_get(sv, "SampleCount"), &d->count) ||
	    !finite_number(json_object_get(sv, "Sum"), &d->sum) ||
	    !finite_number(json_object_get(sv, "Minimum"), &d->min) ||
	    !finite_number(json_object_get(sv, "Maximum"), &d->max))
		return why(buf, len, "StatisticValues needs finite numbers "
		    "SampleCount, Sum, Minimum and Maximum");
	if (d->count <= 0 || d->min > d->max)
		return why(buf, len, "StatisticValues needs SampleCount > 0 "
		    "and Minimum <= Maximum");
	d->kind = DATUM_STATS;
	return 0;
}

/* Check the fields of a parsed object into *d; 0 or -1 with the reason. */
static int
check(struct datum *d, char *buf, size_t len)
{
	json_t	*j, *value, *values, *stats;

	if (!json_is_object(d->obj))
		return why(buf, len, "not a JSON object");
	j = json_object_get(d->obj, "MetricName");
	if (!json_is_string(j) || json_string_length(j) == 0)
		return why(buf, len, "MetricName is missing or not a "
		    "non-empty string");
	d->name = json_string_value(j);

	value = json_object_get(d->obj, "Value");
	values = json_object_get(d->obj, "Values");
	stats = json_object_get(d->obj, "StatisticValues");
	if ((value != NULL) + (values != NULL) + (stats != NULL) != 1)
		return why(buf, len, "needs exactly one of Value, Values "
		    "or StatisticValues");
	if (value != NULL) {
		if (!finite_number(value, &d->value))
			return why(buf, len, "Value is not a finite number");
		d->kind = DATUM_VALUE;
	} else if (values != NULL) {
		if (check_values(d, values,
		    json_object_get(d->obj, "Counts"), buf, len) == -1)
			return -1;
	} else if (check_stats(d, stats, buf, len) == -1)
		return -1;

	if ((j = json_object_get(d->obj, "Unit")) != NULL) {
		if (!json_is_string(j) || !datum_unit_valid(json_string_value(j)))
			return why(buf, len, "Unit is not a CloudWatch "
			    "StandardUnit name");
		d->unit = json_string_value(j);
	}
	if ((j = json_object_get(d->obj, "Timestamp")) != NULL) {
		if (!finite_number(j, &d->ts))
			return why(buf, len, "Timestamp is not a number of "
			    "seconds since the epoch");
		if (d->ts < 0 || d->ts > TS_MAX)
			return why(buf, len, "Timestamp %.0f is out of range "
			    "(seconds since the epoch, not milliseconds)",
			    d->ts);
		d->has_ts = 1;
	}
	if ((j = json_object_get(d->obj, "StorageResolution")) != NULL) {
		if (!json_is_number(j) || (json_number_value(j) != 1 &&
		    json_number_value(j) != 60))
			return why(buf, len, "StorageResolution is not 1 or 60");
		d->resolution = (int)json_number_value(j);
	}
	/* Last: the only check that allocates. */
	if ((j = json_object_get(d->obj, "Dimensions")) != NULL &&
	    check_dims(d, j, buf, len) == -1)
		return -1;
	return 0;
}

/*
 * Parse and check one line of the format.  On success fill *d (free it
 * with datum_free) and return 0; for a blank line return 1 and fill
 * nothing; otherwise write why into the buffer and return -1.
 */
int
datum_parse(const char *line, size_t len, struct datum *d, char *buf,
    size_t buflen)
{
	struct datum	 nd;
	json_error_t	 jerr;
	size_t		 i;

	for (i = 0; i < len; i++)
		if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
			break;
	if (i == len)
		return 1;
	memset(&nd, 0, sizeof(nd));
	nd.obj = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
	if (nd.obj == NULL)
		return why(buf, buflen, "not JSON: %s (column %d)", jerr.text,
		    jerr.column);
	if (check(&nd, buf, buflen) == -1) {
		json_decref(nd.obj);
		return -1;
	}
	*d = nd;
	return 0;
}

/* Release what datum_parse filled in. */
void
datum_free(struct datum *d)
{
	json_decref(d->dims);
	json_decref(d->obj);
	memset(d, 0, sizeof(*d));
}

/* The weight (count) of values[i] of a DATUM_VALUES datum. */
double
datum_count(const struct datum *d, size_t i)
{
	if (d->counts == NULL)
		return 1;
	return json_number_value(json_array_get(d->counts, i));
}

static int
dim_cmp(const void *a, const void *b)
{
	json_t *const	*x = a, *const *y = b;
	int		 c;

	c = strcmp(json_string_value(json_array_get(*x, 0)),
	    json_string_value(json_array_get(*y, 0)));
	if (c != 0)
		return c;
	return strcmp(json_string_value(json_array_get(*x, 1)),
	    json_string_value(json_array_get(*y, 1)));
}

/*
 * The series key: MetricName, Unit and the Dimensions sorted by name,
 * as one string that the caller frees; NULL when out of memory.
 */
char *
datum_series(const struct datum *d)
{
	json_t	*key = NULL, *pairs = NULL, *dim, **v = NULL;
	char	*s = NULL;
	size_t	 i, n;

	n = d->dims != NULL ? json_array_size(d->dims) : 0;
	if ((pairs = json_array()) == NULL ||
	    (n > 0 && (v = calloc(n, sizeof(*v))) == NULL))
		goto fail;
	for (i = 0; i < n; i++) {
		dim = json_array_get(d->dims, i);
		v[i] = json_pack("[OO]", json_object_get(dim, "Name"),
		    json_object_get(dim, "Value"));
		if (v[i] == NULL)
			goto fail;
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), dim_cmp);
	for (i = 0; i < n; i++)
		if (json_array_append(pairs, v[i]) == -1)
			goto fail;
	key = json_pack("[ssO]", d->name, d->unit != NULL ? d->unit : "",
	    pairs);
	if (key != NULL)
		s = json_dumps(key, JSON_COMPACT);
fail:
	for (i = 0; v != NULL && i < n; i++)
		json_decref(v[i]);
	free(v);
	json_decref(pairs);
	json_decref(key);
	return s;
}
