/*
 * Survey statistics. Shares and weighted scores are exact (integer counts, one rounding by
 * dec_div_round); only the Wilson interval and the sample size use double, and neither
 * feeds a score.
 */
#include <math.h>

#include "core/decimal.h"
#include "core/survey_stats.h"
#include "core/xalloc.h"

const char *const survey_level_names[SURVEY_LEVELS] = {"非常满意", "满意", "一般", "不满意",
                                                       "非常不满意"};
const int64_t survey_default_weights[SURVEY_LEVELS] = {10000, 8000, 6000, 4000, 0};

void survey_stats_compute(const struct survey_tally *t, const int64_t weights[SURVEY_LEVELS],
                          struct survey_result *r)
{
    jx_i128 weighted = 0;

    r->n = 0;
    for (int i = 0; i < SURVEY_LEVELS; i++) {
        r->counts[i] = t->counts[i];
        r->n += t->counts[i];
        weighted += (jx_i128)t->counts[i] * weights[i];
    }
    if (r->n == 0) {
        r->share = -1;
        r->score = -1;
        r->lo = 0.0;
        r->hi = 1.0;
        return;
    }
    r->share = dec_rate((jx_i128)t->counts[0] + t->counts[1], r->n);
    r->score = dec_div_round(weighted, r->n);
    survey_wilson(t->counts[0] + t->counts[1], r->n, 1.96, &r->lo, &r->hi);
}

void survey_wilson(int64_t k, int64_t n, double z, double *lo, double *hi)
{
    double p, z2, denom, centre, half;

    if (n <= 0) {
        *lo = 0.0;
        *hi = 1.0;
        return;
    }
    p = (double)k / (double)n;
    z2 = z * z;
    denom = 1.0 + z2 / (double)n;
    centre = (p + z2 / (2.0 * (double)n)) / denom;
    half = z * sqrt(p * (1.0 - p) / (double)n + z2 / (4.0 * (double)n * (double)n)) / denom;
    *lo = centre - half < 0.0 ? 0.0 : centre - half;
    *hi = centre + half > 1.0 ? 1.0 : centre + half;
}

int64_t survey_sample_size(double z, double p, double e, int64_t population)
{
    double n0 = z * z * p * (1.0 - p) / (e * e);
    double n = n0;
    int64_t need;

    if (population > 0)
        n = n0 / (1.0 + (n0 - 1.0) / (double)population);
    /* The tolerance keeps 385.0000000001 (floating-point noise) from rounding up to 386. */
    need = (int64_t)ceil(n - 1e-9);
    if (population > 0 && need > population)
        need = population;
    return need;
}
