/*
 * Statistics of satisfaction surveys (公众评判法): per question and overall, the counts per
 * answer level, the share satisfied (exact, hundredths of a percent), a weighted score
 * (exact, hundredths of a point), the 95% Wilson score interval of the share (double: not
 * a money or score path, DESIGN.md) and Cochran's sample size with finite-population
 * correction. See docs/survey.md for the formulas.
 */
#ifndef JX_SURVEY_STATS_H
#define JX_SURVEY_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SURVEY_LEVELS 5

/* Level names, best first: 非常满意, 满意, 一般, 不满意, 非常不满意. */
extern const char *const survey_level_names[SURVEY_LEVELS];
/* Default weights of the levels in centi-points: 100, 80, 60, 40, 0. */
extern const int64_t survey_default_weights[SURVEY_LEVELS];

/* Answers to one question (or pooled over all): counts[0] is 非常满意. */
struct survey_tally {
    int64_t counts[SURVEY_LEVELS];
};

struct survey_result {
    int64_t n;                     /* answers */
    int64_t counts[SURVEY_LEVELS]; /* per level, best first */
    int64_t share;                 /* (非常满意 + 满意) / n, hundredths of %; -1 when n = 0 */
    int64_t score;                 /* Σ count·weight / n, centi-points; -1 when n = 0 */
    double lo, hi;                 /* 95% Wilson interval of the share, fractions 0..1 */
};

/* Computes r from t with the given level weights (centi-points, best first). */
void survey_stats_compute(const struct survey_tally *t, const int64_t weights[SURVEY_LEVELS],
                          struct survey_result *r);

/*
 * Wilson score interval for k successes out of n at normal quantile z:
 * (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n). n = 0 gives [0, 1].
 */
void survey_wilson(int64_t k, int64_t n, double z, double *lo, double *hi);

/*
 * Cochran's sample size n0 = z²p(1−p)/e², with the finite-population correction
 * n = n0 / (1 + (n0 − 1)/N) when population N > 0, rounded up. z 1.96, p 0.5, e 0.05
 * give 385 for an infinite population and 377 for N = 20000. N below n gives N.
 */
int64_t survey_sample_size(double z, double p, double e, int64_t population);

#endif
