/*
 * libFuzzer harness for questionnaire answers CSV (io/survey_csv.h): arbitrary bytes,
 * every column counted and then a named subset, through the statistics. Invariants
 * checked: a parse that succeeds counts every respondent row as valid or bad, and every
 * tally holds exactly the valid rows. A failed check or any sanitizer report is a crash.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/err.h"
#include "core/survey_stats.h"
#include "io/survey_csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void parse(const uint8_t *data, size_t size, const char *questions)
{
    struct survey_data s = {0};
    struct jx_diags d = JX_DIAGS_INIT;
    struct jx_err err = JX_ERR_INIT;

    if (survey_csv_parse("fuzz.csv", (const char *)data, size, questions, &s, &d, &err) == 0) {
        if (s.valid < 0 || s.bad < 0 || (size_t)s.bad > d.nr)
            abort();
        static const int64_t weights[SURVEY_LEVELS] = {10000, 8000, 6000, 4000, 2000};

        for (size_t i = 0; i < s.nr_questions; i++) {
            struct survey_result r;
            int64_t n = 0;

            for (size_t k = 0; k < SURVEY_LEVELS; k++)
                n += s.tallies[i].counts[k];
            if (n != s.valid)
                abort();
            survey_stats_compute(&s.tallies[i], weights, &r);
            if (r.n != n || (n && (r.share < 0 || r.share > 10000 || r.lo > r.hi)))
                abort();
        }
    }
    survey_data_release(&s);
    jx_diags_release(&d);
    jx_err_release(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    parse(data, size, NULL);
    parse(data, size, "Q1,满意度");
    return 0;
}
