/* One line of the format to the MetricDatum that PutMetricData takes. */
#include <string.h>

#include "cwa.h"
#include "publish.h"

/* Does the array of {Name, Value} hold a dimension of this name? */
static int
has_dim(const json_t *dims, const char *name)
{
	const json_t	*dim;
	size_t		 i;

	json_array_foreach(dims, i, dim)
		if (strcmp(json_string_value(json_object_get(dim, "Name")),
		    name) == 0)
			return 1;
	return 0;
}

/* The datum's dimensions followed by those of extra it lacks; or NULL. */
static json_t *
merge_dims(const struct datum *d, const json_t *extra)
{
	json_t	*dims, *dim;
	size_t	 i;

	if (d->dims != NULL && json_array_size(extra) == 0)
		return json_incref(d->dims);
	if (d->dims == NULL && json_array_size(extra) > 0)
		return json_deep_copy(extra);
	if (d->dims == NULL)
		return NULL;
	if ((dims = json_copy(d->dims)) == NULL)
		return NULL;
	json_array_foreach(extra, i, dim) {
		if (has_dim(d->dims, json_string_value(
		    json_object_get(dim, "Name"))))
			continue;
		if (json_array_append(dims, dim) == -1) {
			json_decref(dims);
			return NULL;
		}
	}
	return dims;
}

/*
 * The MetricDatum to send for a line: its known keys in API order, the
 * dimensions of extra (an array of {Name, Value}) added unless the datum
 * has one of that name, and the arrival time when it has no Timestamp.
 * NULL when out of memory.
 */
json_t *
metricdata_build(const struct datum *d, const json_t *extra, double arrival)
{
	json_t	*out, *dims = NULL, *sv;
	int	 rc;

	if ((out = json_object()) == NULL)
		return NULL;
	if (json_object_set(out, "MetricName",
	    json_object_get(d->obj, "MetricName")) == -1)
		goto fail;
	if ((d->dims != NULL || json_array_size(extra) > 0) &&
	    ((dims = merge_dims(d, extra)) == NULL ||
	    json_object_set_new(out, "Dimensions", dims) == -1))
		goto fail;
	if (json_object_set_new(out, "Timestamp", d->has_ts ?
	    json_incref(json_object_get(d->obj, "Timestamp")) :
	    json_real(arrival)) == -1)
		goto fail;
	switch (d->kind) {
	case DATUM_VALUE:
		rc = json_object_set(out, "Value",
		    json_object_get(d->obj, "Value"));
		break;
	case DATUM_VALUES:
		rc = json_object_set(out, "Values", d->values);
		if (rc == 0 && d->counts != NULL)
			rc = json_object_set(out, "Counts", d->counts);
		break;
	case DATUM_STATS:
	default:
		sv = json_object_get(d->obj, "StatisticValues");
		rc = json_object_set_new(out, "StatisticValues", json_pack(
		    "{sOsOsOsO}", "SampleCount", json_object_get(sv,
		    "SampleCount"), "Sum", json_object_get(sv, "Sum"),
		    "Minimum", json_object_get(sv, "Minimum"), "Maximum",
		    json_object_get(sv, "Maximum")));
		break;
	}
	if (rc == -1 || (d->unit != NULL &&
	    json_object_set_new(out, "Unit", json_string(d->unit)) == -1) ||
	    (d->resolution != 0 && json_object_set_new(out,
	    "StorageResolution", json_integer(d->resolution)) == -1))
		goto fail;
	return out;
fail:
	json_decref(out);
	return NULL;
}
