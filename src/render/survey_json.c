/*
 * JSON output of survey statistics with jansson, keys in insertion order so that the
 * output is stable for golden files.
 */
#include <jansson.h>
#include <stdlib.h>

#include "core/decimal.h"
#include "core/xalloc.h"
#include "render/json_out.h"
#include "render/survey_json.h"

static json_t *fixed(int64_t v)
{
    struct strbuf sb = STRBUF_INIT;
    json_t *j;

    if (v < 0)
        return json_null();
    dec_format(&sb, v, 2, 2);
    j = json_string(sb.buf);
    strbuf_release(&sb);
    return j;
}

static json_t *percent(double fraction)
{
    struct strbuf sb = STRBUF_INIT;
    json_t *j;

    strbuf_addf(&sb, "%.2f", fraction * 100.0);
    j = json_string(sb.buf);
    strbuf_release(&sb);
    return j;
}

static json_t *result(const char *name, const struct survey_result *r)
{
    json_t *o = json_object(), *counts = json_object();

    if (name)
        json_object_set_new(o, "name", json_string(name));
    json_object_set_new(o, "answers", json_integer(r->n));
    for (int i = 0; i < SURVEY_LEVELS; i++)
        json_object_set_new(counts, survey_level_names[i], json_integer(r->counts[i]));
    json_object_set_new(o, "counts", counts);
    json_object_set_new(o, "satisfied", fixed(r->share));
    json_object_set_new(o, "score", fixed(r->score));
    json_object_set_new(o, "wilson_low", r->n ? percent(r->lo) : json_null());
    json_object_set_new(o, "wilson_high", r->n ? percent(r->hi) : json_null());
    return o;
}

void survey_json_render(const struct survey_report *r, struct strbuf *out)
{
    json_t *doc = json_object(), *qs = json_array(), *sample = json_object();

    json_object_set_new(doc, "format", json_string("jixiao-survey/1"));
    json_object_set_new(doc, "file", json_string(r->file));
    json_object_set_new(doc, "valid", json_integer(r->valid));
    json_object_set_new(doc, "bad", json_integer(r->bad));
    for (size_t i = 0; i < r->nr; i++)
        json_array_append_new(qs, result(r->questions[i], &r->results[i]));
    json_object_set_new(doc, "questions", qs);
    json_object_set_new(doc, "overall", result(NULL, &r->overall));
    json_object_set_new(sample, "population",
                        r->population > 0 ? json_integer(r->population) : json_null());
    json_object_set_new(sample, "confidence", json_string("95"));
    json_object_set_new(sample, "margin", json_string("5"));
    json_object_set_new(sample, "required", json_integer(r->required));
    json_object_set_new(sample, "enough", json_boolean(r->valid >= r->required));
    json_object_set_new(doc, "sample", sample);
    json_out_take(doc, out);
}
