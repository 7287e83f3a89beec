/*
 * Survey statistics (core/survey_stats.h) as JSON. Exact values (shares, scores, the
 * interval in percent) are strings with two decimals, like the other jixiao documents.
 */
#ifndef JX_RENDER_SURVEY_JSON_H
#define JX_RENDER_SURVEY_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"
#include "core/survey_stats.h"

struct survey_report {
    const char *file;
    char *const *questions;              /* nr names */
    const struct survey_result *results; /* nr results, one per question */
    size_t nr;
    struct survey_result overall;
    int64_t valid, bad; /* respondent rows */
    int64_t population; /* 0 when not given */
    int64_t required;   /* sample size needed */
};

/* Appends the document "jixiao-survey/1" with a final newline. */
void survey_json_render(const struct survey_report *r, struct strbuf *out);

#endif
