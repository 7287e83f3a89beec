/*
 * Tests of the survey statistics (core/survey_stats.c): exact shares and weighted scores
 * with their one rounding, the Wilson interval against values computed independently,
 * and Cochran's sample size with and without the finite-population correction.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/survey_stats.h"

static void assert_near(double got, double want)
{
    double diff = got - want;

    if (diff < 0)
        diff = -diff;
    if (diff > 0.000005) /* 0.0005 percentage points: well inside the 0.01 printed */
        fail_msg("got %.6f, want %.6f", got, want);
}

static void test_wilson_80_of_100(void **state)
{
    double lo, hi;

    (void)state;
    survey_wilson(80, 100, 1.96, &lo, &hi);
    assert_near(lo, 0.7111690);
    assert_near(hi, 0.8666341);
}

static void test_wilson_edges(void **state)
{
    double lo, hi;

    (void)state;
    survey_wilson(0, 10, 1.96, &lo, &hi);
    assert_true(lo == 0.0); /* clamped: rounding gives -3e-15 */
    assert_near(hi, 0.2775402);
    survey_wilson(10, 10, 1.96, &lo, &hi);
    assert_near(lo, 0.7224598);
    assert_true(hi == 1.0);
    survey_wilson(0, 0, 1.96, &lo, &hi);
    assert_true(lo == 0.0 && hi == 1.0);
}

static void test_sample_size(void **state)
{
    (void)state;
    /* n0 = 1.96² · 0.25 / 0.05² = 384.16 */
    assert_int_equal(survey_sample_size(1.96, 0.5, 0.05, 0), 385);
    /* 384.16 / (1 + 383.16/20000) = 376.94 */
    assert_int_equal(survey_sample_size(1.96, 0.5, 0.05, 20000), 377);
    assert_int_equal(survey_sample_size(1.96, 0.5, 0.05, 1000), 278);
    assert_int_equal(survey_sample_size(1.96, 0.5, 0.05, 100), 80);
    /* A population smaller than the need: everyone. */
    assert_int_equal(survey_sample_size(1.96, 0.5, 0.05, 1), 1);
    /* z 2.576, e 0.03: 1843.27 */
    assert_int_equal(survey_sample_size(2.576, 0.5, 0.03, 0), 1844);
}

static void test_compute(void **state)
{
    struct survey_tally t = {{2, 2, 1, 0, 0}};
    struct survey_result r;

    (void)state;
    survey_stats_compute(&t, survey_default_weights, &r);
    assert_int_equal(r.n, 5);
    assert_int_equal(r.share, 8000); /* 4/5 */
    assert_int_equal(r.score, 8400); /* (200+160+60)/5 */
    assert_int_equal(r.counts[0], 2);
    assert_int_equal(r.counts[4], 0);
    assert_near(r.lo, 0.3755283);
    assert_near(r.hi, 0.9637768);
}

static void test_compute_rounding(void **state)
{
    /* 2/3 satisfied = 66.666…% -> 66.67%; score (100+80+60)/3 = 80.00 */
    struct survey_tally t = {{1, 1, 1, 0, 0}};
    /* 1 满意, 2 非常不满意: 80/3 = 26.666… -> 26.67; share 33.33% */
    struct survey_tally u = {{0, 1, 0, 0, 2}};
    struct survey_result r;

    (void)state;
    survey_stats_compute(&t, survey_default_weights, &r);
    assert_int_equal(r.share, 6667);
    assert_int_equal(r.score, 8000);
    survey_stats_compute(&u, survey_default_weights, &r);
    assert_int_equal(r.share, 3333);
    assert_int_equal(r.score, 2667);
}

static void test_compute_empty(void **state)
{
    struct survey_tally t = {{0}};
    struct survey_result r;

    (void)state;
    survey_stats_compute(&t, survey_default_weights, &r);
    assert_int_equal(r.n, 0);
    assert_int_equal(r.share, -1);
    assert_int_equal(r.score, -1);
}

static void test_custom_weights(void **state)
{
    static const int64_t w[SURVEY_LEVELS] = {10000, 7500, 5000, 2500, 0};
    struct survey_tally t = {{0, 1, 1, 1, 1}};
    struct survey_result r;

    (void)state;
    survey_stats_compute(&t, w, &r);
    assert_int_equal(r.score, 3750);
    assert_int_equal(r.share, 2500);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wilson_80_of_100), cmocka_unit_test(test_wilson_edges),
        cmocka_unit_test(test_sample_size),      cmocka_unit_test(test_compute),
        cmocka_unit_test(test_compute_rounding), cmocka_unit_test(test_compute_empty),
        cmocka_unit_test(test_custom_weights),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
