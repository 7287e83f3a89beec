/*
 * Tests of the ten scoring methods (core/method.c): the formulas of docs/scoring.md with
 * normal, boundary and edge inputs, exact half-way rounding (where binary floating point
 * and round-half-even both get it wrong), bounds written as actuals, the explain line
 * and every error message.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/method.h"
#include "core/money.h"

#include "eval_fixture.h"

/* One method call's inputs, with storage for the quantities the input points at. */
struct mcase {
    struct jx_qty t, a;
    struct method_input in;
};

static void setup(struct mcase *c, enum jx_method m, int64_t w, const char *target,
                  const char *actual)
{
    memset(c, 0, sizeof(*c));
    c->in.method = m;
    c->in.weight = w;
    c->in.tolerance = 10 * JX_MICRO;
    c->in.zero_at = 50 * JX_MICRO;
    c->in.exec_spent = c->in.exec_base = -1;
    c->in.satisfaction = -1;
    if (target) {
        c->t = fx_qty(target);
        c->in.target = &c->t;
    }
    if (actual) {
        c->a = fx_qty(actual);
        c->in.actual = &c->a;
    }
}

/* Scores c, asserts success and the score, and checks the explain line when given. */
static void expect_score(struct mcase *c, int64_t want, const char *explain)
{
    struct strbuf ex = STRBUF_INIT, why = STRBUF_INIT;
    int64_t s = -1;
    int rc = method_score(&c->in, &s, &ex, &why);

    if (rc)
        fail_msg("unexpected error: %s", why.buf);
    assert_int_equal(s, want);
    assert_int_equal(why.len, 0);
    if (explain)
        assert_string_equal(ex.buf, explain);
    /* Without explain the result is the same. */
    assert_int_equal(method_score(&c->in, &s, NULL, NULL), 0);
    assert_int_equal(s, want);
    strbuf_release(&ex);
    strbuf_release(&why);
}

static void expect_error(struct mcase *c, const char *msg)
{
    struct strbuf ex = STRBUF_INIT, why = STRBUF_INIT;
    int64_t s = 77;

    strbuf_addstr(&ex, "kept");
    assert_int_equal(method_score(&c->in, &s, &ex, &why), JX_EINVAL);
    assert_string_equal(why.buf, msg);
    assert_int_equal(s, 0);
    /* Nothing half-written is left in explain. */
    assert_string_equal(ex.buf, "kept");
    /* why may be NULL. */
    assert_int_equal(method_score(&c->in, &s, NULL, NULL), JX_EINVAL);
    strbuf_release(&ex);
    strbuf_release(&why);
}

/* ---- names ---- */

static void test_names(void **state)
{
    enum jx_method m;

    (void)state;
    for (int i = JX_METHOD_RATIO; i < JX_METHOD_COUNT_; i++) {
        assert_int_equal(method_from_name(method_name((enum jx_method)i), &m), 0);
        assert_int_equal(m, i);
        assert_true(strlen(method_label((enum jx_method)i)) > 0);
    }
    assert_string_equal(method_name(JX_METHOD_INVERSE), "inverse");
    assert_string_equal(method_label(JX_METHOD_RATIO), "正向定量");
    assert_string_equal(method_label(JX_METHOD_TIERS), "定性分档");
    assert_int_equal(method_from_name("none", &m), JX_EINVAL);
    assert_int_equal(method_from_name("Ratio", &m), JX_EINVAL);
    assert_int_equal(method_from_name("", &m), JX_EINVAL);
}

static void test_infer(void **state)
{
    struct jx_qty q;

    (void)state;
    q = fx_qty("≥4个");
    assert_int_equal(method_infer(&q), JX_METHOD_RATIO);
    q = fx_qty(">10%");
    assert_int_equal(method_infer(&q), JX_METHOD_RATIO);
    q = fx_qty("不低于90%");
    assert_int_equal(method_infer(&q), JX_METHOD_RATIO);
    q = fx_qty("≤500万元");
    assert_int_equal(method_infer(&q), JX_METHOD_INVERSE);
    q = fx_qty("<20%");
    assert_int_equal(method_infer(&q), JX_METHOD_INVERSE);
    q = fx_qty("10天以内");
    assert_int_equal(method_infer(&q), JX_METHOD_INVERSE);
    q = fx_qty("=0次");
    assert_int_equal(method_infer(&q), JX_METHOD_EQUAL);
    q = fx_qty("4个");
    assert_int_equal(method_infer(&q), JX_METHOD_NONE);
    q = fx_qty("达成预期目标");
    assert_int_equal(method_infer(&q), JX_METHOD_NONE);
    assert_int_equal(method_infer(NULL), JX_METHOD_NONE);
}

/* ---- ratio ---- */

static void test_ratio(void **state)
{
    struct mcase c;

    (void)state;
    setup(&c, JX_METHOD_RATIO, 1000, "≥4个", "3个");
    expect_score(&c, 750, "ratio: actual 3个 < target 4个 → 10.00 × 3/4 = 7.50");
    setup(&c, JX_METHOD_RATIO, 1000, "≥4个", "4个");
    expect_score(&c, 1000, "ratio: actual 4个 ≥ target 4个 → full 10.00");
    setup(&c, JX_METHOD_RATIO, 1000, "≥4个", "9个");
    expect_score(&c, 1000, NULL);
    setup(&c, JX_METHOD_RATIO, 1000, "≥4个", "0个");
    expect_score(&c, 0, "ratio: actual 0个 < target 4个 → 10.00 × 0/4 = 0.00");
    /* 10 × 2/3 = 6.666… */
    setup(&c, JX_METHOD_RATIO, 1000, "≥3", "2");
    expect_score(&c, 667, NULL);
    /* A bare count beside a unit takes the target's unit. */
    setup(&c, JX_METHOD_RATIO, 1000, "≥4个", "3");
    expect_score(&c, 750, "ratio: actual 3个 (3) < target 4个 → 10.00 × 3/4 = 7.50");
    /* A comparison on the actual that is a plain number ("=3个") is a number. */
    setup(&c, JX_METHOD_RATIO, 1000, "≥4个", "=3个");
    expect_score(&c, 750, NULL);
}

static void test_ratio_rounding(void **state)
{
    struct mcase c;

    (void)state;
    /* 10 × 105/10000 = 0.105 exactly: 0.11. In double it is 0.10499…, and 0.10. */
    setup(&c, JX_METHOD_RATIO, 1000, "≥10000", "105");
    expect_score(&c, 11, NULL);
    /* 1.15 × 1/2 = 0.575: 0.58 (double: 0.57499…). */
    setup(&c, JX_METHOD_RATIO, 115, "≥2", "1");
    expect_score(&c, 58, NULL);
    /* 10 × 1/16 = 0.625: half-up 0.63 where round-half-even gives 0.62. */
    setup(&c, JX_METHOD_RATIO, 1000, "≥16", "1");
    expect_score(&c, 63, NULL);
    /* Just below and at half a hundredth. */
    setup(&c, JX_METHOD_RATIO, 1000, "≥1", "0.000449");
    expect_score(&c, 0, NULL);
    setup(&c, JX_METHOD_RATIO, 1000, "≥1", "0.0005");
    expect_score(&c, 1, NULL);
}

static void test_ratio_edges(void **state)
{
    struct mcase c;

    (void)state;
    setup(&c, JX_METHOD_RATIO, 1000, "≥0个", "3个");
    expect_error(&c, "target is 0 for method 'ratio'");
    setup(&c, JX_METHOD_RATIO, 1000, "≥4个", "-3个");
    expect_score(&c, 0, "ratio: actual -3个 < target 4个, a negative actual → 0.00");
    setup(&c, JX_METHOD_RATIO, 1000, "≥-4个", "3个");
    expect_error(&c, "target is negative; method 'ratio' needs a target of 0 or more");
    setup(&c, JX_METHOD_RATIO, 1000, "达成预期目标", "达成");
    expect_error(&c, "target is qualitative; method 'ratio' needs a number");
    setup(&c, JX_METHOD_RATIO, 1000, NULL, "3个");
    expect_error(&c, "method 'ratio' needs a target (指标值)");
    setup(&c, JX_METHOD_RATIO, 1000, "≥4个", NULL);
    expect_error(&c, "actual value (实际完成值) is missing");
    setup(&c, JX_METHOD_RATIO, 1000, "≥4个", "基本完成");
    expect_error(&c, "actual is not a number; method 'ratio' needs one");
    setup(&c, JX_METHOD_RATIO, 1000, "≥4个", "4天");
    expect_error(&c, "unit '天' of the actual does not match unit '个' of the target");
    setup(&c, JX_METHOD_RATIO, -100, "≥4个", "4个");
    expect_error(&c, "weight is negative");
    setup(&c, JX_METHOD_RATIO, INT64_MAX, "≥4个", "4个");
    expect_error(&c, "weight is out of range");
    /* Extreme quantities stay exact: 128-bit products. */
    setup(&c, JX_METHOD_RATIO, 100000000, "≥9223372036854.775807", "9223372036854.775806");
    expect_score(&c, 100000000, NULL);
    setup(&c, JX_METHOD_RATIO, 0, "≥4个", "1个");
    expect_score(&c, 0, NULL);
}

static void test_ratio_units(void **state)
{
    struct mcase c;

    (void)state;
    /* The actual is brought into the target's unit first: 3453000元 = 345.3万元. */
    setup(&c, JX_METHOD_RATIO, 1000, "≥500万元", "3453000元");
    expect_score(&c, 691,
                 "ratio: actual 345.3万元 (3453000元) < target 500万元 → "
                 "10.00 × 345.3/500 = 6.91");
    setup(&c, JX_METHOD_RATIO, 1000, "≥90%", "0.95");
    expect_error(&c, "the actual has no unit but the target is in '%': write the unit on "
                     "both, such as '100%'");
}

static void test_ratio_bounds(void **state)
{
    struct mcase c;

    (void)state;
    /* The seed: 系统节约办件时间 target 高于10%, actual 高于10%. */
    setup(&c, JX_METHOD_RATIO, 500, ">10%", ">10%");
    expect_score(&c, 500, "ratio: actual >10% meets target >10% → full 5.00");
    setup(&c, JX_METHOD_RATIO, 500, "≥10%", "≥12%");
    expect_score(&c, 500, NULL);
    setup(&c, JX_METHOD_RATIO, 500, "≥10%", ">10%");
    expect_score(&c, 500, NULL);
    setup(&c, JX_METHOD_RATIO, 500, "≥10%", ">8%");
    expect_error(&c, "actual '>8%' is a bound that does not show target '≥10%' met; give the "
                     "actual as a number");
    setup(&c, JX_METHOD_RATIO, 500, "≥10%", "<20%");
    expect_error(&c, "actual '<20%' is a bound that does not show target '≥10%' met; give the "
                     "actual as a number");
}

/* ---- inverse ---- */

static void test_inverse_linear(void **state)
{
    struct mcase c;

    (void)state;
    setup(&c, JX_METHOD_INVERSE, 1000, "≤20%", "15%");
    expect_score(&c, 1000, "inverse: actual 15% ≤ ceiling 20% → full 10.00");
    setup(&c, JX_METHOD_INVERSE, 1000, "≤20%", "20%");
    expect_score(&c, 1000, NULL);
    setup(&c, JX_METHOD_INVERSE, 1000, "≤20%", "25%");
    expect_score(&c, 750, "inverse: actual 25% > ceiling 20% → 10.00 × (2×20 − 25)/20 = 7.50");
    setup(&c, JX_METHOD_INVERSE, 1000, "≤20%", "39%");
    expect_score(&c, 50, NULL);
    setup(&c, JX_METHOD_INVERSE, 1000, "≤20%", "40%");
    expect_score(&c, 0, "inverse: actual 40% ≥ 2 × ceiling 20% → 0.00");
    setup(&c, JX_METHOD_INVERSE, 1000, "≤20%", "95%");
    expect_score(&c, 0, NULL);
    setup(&c, JX_METHOD_INVERSE, 1000, "≤20%", "-5%");
    expect_score(&c, 1000, NULL);
    /* Exact half-way: 3 × (16 − 9)/8 = 2.625 → 2.63 (round-half-even: 2.62). */
    setup(&c, JX_METHOD_INVERSE, 300, "≤8天", "9天");
    expect_score(&c, 263, NULL);
    setup(&c, JX_METHOD_INVERSE, 1000, "≤16", "19");
    expect_score(&c, 813, NULL);
    /* 10 × (6 − 4)/3 = 6.666… */
    setup(&c, JX_METHOD_INVERSE, 1000, "≤3", "4");
    expect_score(&c, 667, NULL);
    /* 10天以内 is a ceiling too. */
    setup(&c, JX_METHOD_INVERSE, 1000, "10天以内", "12天");
    expect_score(&c, 800, NULL);
}

static void test_inverse_ratio(void **state)
{
    struct mcase c;

    (void)state;
    setup(&c, JX_METHOD_INVERSE, 1000, "≤20%", "25%");
    c.in.inverse_mode = JX_INVERSE_RATIO;
    expect_score(&c, 800, "inverse (ratio): actual 25% > ceiling 20% → 10.00 × 20/25 = 8.00");
    setup(&c, JX_METHOD_INVERSE, 1000, "≤20%", "80%");
    c.in.inverse_mode = JX_INVERSE_RATIO;
    expect_score(&c, 250, NULL);
    setup(&c, JX_METHOD_INVERSE, 1000, "≤20%", "10%");
    c.in.inverse_mode = JX_INVERSE_RATIO;
    expect_score(&c, 1000, NULL);
    /* 10 × 3/16 = 1.875 → 1.88 */
    setup(&c, JX_METHOD_INVERSE, 1000, "≤3", "16");
    c.in.inverse_mode = JX_INVERSE_RATIO;
    expect_score(&c, 188, NULL);
}

static void test_inverse_zero_and_bounds(void **state)
{
    struct mcase c;

    (void)state;
    setup(&c, JX_METHOD_INVERSE, 500, "≤0次", "0次");
    expect_score(&c, 500, "inverse: actual 0次 ≤ ceiling 0次 → full 5.00");
    setup(&c, JX_METHOD_INVERSE, 500, "≤0次", "1次");
    expect_score(&c, 0, "inverse: actual 1次 > ceiling 0次 → 0.00");
    /* The seed: 系统运行故障率 低于20% against 低于20%. */
    setup(&c, JX_METHOD_INVERSE, 800, "<20%", "<20%");
    expect_score(&c, 800, "inverse: actual <20% meets ceiling <20% → full 8.00");
    setup(&c, JX_METHOD_INVERSE, 800, "≤20%", "<15%");
    expect_score(&c, 800, NULL);
    setup(&c, JX_METHOD_INVERSE, 800, "≤20%", "≤20%");
    expect_score(&c, 800, NULL);
    setup(&c, JX_METHOD_INVERSE, 800, "≤20%", "<30%");
    expect_error(&c, "actual '<30%' is a bound that does not show target '≤20%' met; give the "
                     "actual as a number");
    setup(&c, JX_METHOD_INVERSE, 800, "≤20%", ">10%");
    expect_error(&c, "actual '>10%' is a bound that does not show target '≤20%' met; give the "
                     "actual as a number");
    setup(&c, JX_METHOD_INVERSE, 800, "≤0次", "<1次");
    expect_error(&c, "actual '<1次' is a bound that does not show target '≤0次' met; give the "
                     "actual as a number");
    setup(&c, JX_METHOD_INVERSE, 800, "≤0次", "≤0次");
    expect_score(&c, 800, NULL);
    /* Money ceilings convert: 3453000元 under 500万元. */
    setup(&c, JX_METHOD_INVERSE, 500, "≤500万元", "3453000元");
    expect_score(&c, 500, NULL);
}

/* ---- equal ---- */

static void test_equal(void **state)
{
    struct mcase c;

    (void)state;
    /* domain.md §3.2: T = 0 → w if A ≤ 0, else 0. */
    setup(&c, JX_METHOD_EQUAL, 500, "=0次", "0次");
    expect_score(&c, 500, "equal: actual 0次 ≤ target 0次 → full 5.00");
    setup(&c, JX_METHOD_EQUAL, 500, "=0次", "1次");
    expect_score(&c, 0, "equal: actual 1次 > target 0次 → 0.00");
    setup(&c, JX_METHOD_EQUAL, 500, "=0次", "0.5次");
    expect_score(&c, 0, NULL);
    /* T > 0 → w if A ≥ T, else w·A/T. */
    setup(&c, JX_METHOD_EQUAL, 1000, "=5个", "5个");
    expect_score(&c, 1000, "equal: actual 5个 ≥ target 5个 → full 10.00");
    setup(&c, JX_METHOD_EQUAL, 1000, "=5个", "6个");
    expect_score(&c, 1000, NULL);
    setup(&c, JX_METHOD_EQUAL, 1000, "=5个", "4个");
    expect_score(&c, 800, "equal: actual 4个 < target 5个 → 10.00 × 4/5 = 8.00");
    setup(&c, JX_METHOD_EQUAL, 1000, "=5个", "多个");
    expect_error(&c, "actual is not a number; method 'equal' needs one");
    setup(&c, JX_METHOD_EQUAL, 1000, "=0次", "<1次");
    expect_error(&c, "actual '<1次' is a bound that does not show target '=0次' met; give the "
                     "actual as a number");
}

/* ---- reach, tiers, deduct, manual ---- */

static void test_reach(void **state)
{
    struct mcase c;

    (void)state;
    setup(&c, JX_METHOD_REACH, 500, NULL, NULL);
    expect_error(&c, "method 'reach' needs reached (true or false)");
    c.in.has_reached = true;
    c.in.reached = true;
    expect_score(&c, 500, "reach: target reached → full 5.00");
    c.in.reached = false;
    expect_score(&c, 0, "reach: target not reached → 0.00");
}

static void tier(struct mcase *c, int64_t w, enum jx_tier t, int64_t score)
{
    setup(c, JX_METHOD_TIERS, w, "达成预期目标", NULL);
    c->in.tier = t;
    c->in.given_score = score;
    c->in.has_given_score = true;
}

static void test_tiers(void **state)
{
    struct mcase c;

    (void)state;
    tier(&c, 1000, JX_TIER_MET, 900);
    expect_score(&c, 900, "tiers: tier 达成 allows [8.00, 10.00] → assessor's score 9.00");
    tier(&c, 1000, JX_TIER_MET, 1000);
    expect_score(&c, 1000, NULL);
    tier(&c, 1000, JX_TIER_MET, 800);
    expect_score(&c, 800, NULL);
    tier(&c, 1000, JX_TIER_MET, 799);
    expect_error(&c, "score 7.99 is outside tier 达成 [8.00, 10.00]");
    tier(&c, 1000, JX_TIER_MET, 1001);
    expect_error(&c, "score 10.01 is outside tier 达成 [8.00, 10.00]");
    tier(&c, 1000, JX_TIER_PARTLY, 600);
    expect_score(&c, 600, "tiers: tier 部分达成 allows [6.00, 8.00) → assessor's score 6.00");
    tier(&c, 1000, JX_TIER_PARTLY, 799);
    expect_score(&c, 799, NULL);
    tier(&c, 1000, JX_TIER_PARTLY, 800);
    expect_error(&c, "score 8.00 is outside tier 部分达成 [6.00, 8.00)");
    tier(&c, 1000, JX_TIER_PARTLY, 900);
    expect_error(&c, "score 9.00 is outside tier 部分达成 [6.00, 8.00)");
    tier(&c, 1000, JX_TIER_MISSED, 0);
    expect_score(&c, 0, NULL);
    tier(&c, 1000, JX_TIER_MISSED, 599);
    expect_score(&c, 599, NULL);
    tier(&c, 1000, JX_TIER_MISSED, 600);
    expect_error(&c, "score 6.00 is outside tier 未达成 [0.00, 6.00)");
    tier(&c, 1000, JX_TIER_MISSED, -1);
    expect_error(&c, "score -0.01 is outside tier 未达成 [0.00, 6.00)");
}

static void test_tier_bounds_rounding(void **state)
{
    struct mcase c;

    (void)state;
    /* pmkpi: round(w*0.8, 2), round(w*0.6, 2). w = 7.27: 5.816 → 5.82, 4.362 → 4.36. */
    tier(&c, 727, JX_TIER_MET, 581);
    expect_error(&c, "score 5.81 is outside tier 达成 [5.82, 7.27]");
    tier(&c, 727, JX_TIER_MET, 582);
    expect_score(&c, 582, NULL);
    tier(&c, 727, JX_TIER_PARTLY, 436);
    expect_score(&c, 436, NULL);
    tier(&c, 727, JX_TIER_MISSED, 436);
    expect_error(&c, "score 4.36 is outside tier 未达成 [0.00, 4.36)");
    /* w = 3.33: 2.664 → 2.66, 1.998 → 2.00. */
    tier(&c, 333, JX_TIER_PARTLY, 200);
    expect_score(&c, 200, NULL);
    tier(&c, 333, JX_TIER_PARTLY, 265);
    expect_score(&c, 265, NULL);
    tier(&c, 333, JX_TIER_PARTLY, 266);
    expect_error(&c, "score 2.66 is outside tier 部分达成 [2.00, 2.66)");
    /* w = 0.01: both bounds round to 0.01, so 部分达成 holds nothing. */
    tier(&c, 1, JX_TIER_PARTLY, 1);
    expect_error(&c, "score 0.01 is outside tier 部分达成 [0.01, 0.01)");
}

static void test_tiers_missing(void **state)
{
    struct mcase c;

    (void)state;
    tier(&c, 1000, JX_TIER_NONE, 900);
    expect_error(&c, "method 'tiers' needs a tier (达成, 部分达成 or 未达成)");
    tier(&c, 1000, JX_TIER_MET, 900);
    c.in.has_given_score = false;
    expect_error(&c, "method 'tiers' needs the assessor's score");
}

static void test_deduct(void **state)
{
    struct mcase c;

    (void)state;
    setup(&c, JX_METHOD_DEDUCT, 1000, NULL, NULL);
    expect_score(&c, 1000, "deduct: nothing deducted → full 10.00");
    c.in.deducted = 300;
    expect_score(&c, 700, "deduct: 10.00 − 3.00 deducted = 7.00");
    c.in.deducted = 1000;
    expect_score(&c, 0, NULL);
    c.in.deducted = 1200;
    expect_score(&c, 0, "deduct: 10.00 − 12.00 deducted, floored at 0 → 0.00");
    c.in.deducted = INT64_MAX;
    expect_score(&c, 0, NULL);
    c.in.deducted = -100;
    expect_error(&c, "deductions add up to a negative number");
}

static void test_manual(void **state)
{
    struct mcase c;

    (void)state;
    setup(&c, JX_METHOD_MANUAL, 1000, NULL, NULL);
    expect_error(&c, "method 'manual' needs the expert's score");
    c.in.has_given_score = true;
    c.in.given_score = 850;
    expect_score(&c, 850, "manual: expert's score 8.50 of 10.00");
    c.in.given_score = 0;
    expect_score(&c, 0, NULL);
    c.in.given_score = 1000;
    expect_score(&c, 1000, NULL);
    c.in.given_score = 1200;
    expect_error(&c, "score 12.00 is above the weight 10.00");
    c.in.given_score = -50;
    expect_error(&c, "score -0.50 is negative");
}

/* ---- execution, deviation, survey ---- */

#define WAN(x) ((int64_t)(x)*1000000) /* 万元 in 分 */

static void test_execution(void **state)
{
    struct mcase c;

    (void)state;
    setup(&c, JX_METHOD_EXECUTION, 1000, NULL, NULL);
    expect_error(&c, "method 'execution' needs budget planned (预算数)");
    c.in.exec_mode = JX_EXEC_RECEIVED;
    expect_error(&c, "method 'execution' needs budget received (到位数)");
    c.in.exec_mode = JX_EXEC_PLANNED;
    c.in.exec_base = WAN(400);
    expect_error(&c, "method 'execution' needs budget spent (执行数)");
    c.in.exec_spent = WAN(300);
    expect_score(&c, 750,
                 "execution: spent 300万元 of planned 400万元 (75.00%) → "
                 "10.00 × 300万元/400万元 = 7.50");
    c.in.exec_spent = WAN(400);
    expect_score(&c, 1000, "execution: spent 400万元 of planned 400万元 (100.00%) → full 10.00");
    c.in.exec_spent = WAN(450);
    expect_score(&c, 1000, NULL);
    /* 10 × 345.3/400 = 8.6325 → 8.63 */
    c.in.exec_spent = 345300000;
    expect_score(&c, 863, NULL);
    /* 10 × 1/16 = 0.625 → 0.63, exactly half in 分 */
    c.in.exec_spent = 1;
    c.in.exec_base = 16;
    expect_score(&c, 63, NULL);
    c.in.exec_spent = 0;
    expect_score(&c, 0, NULL);
    c.in.exec_base = 0;
    expect_error(&c, "budget planned (预算数) is 0; the execution rate is undefined");
    c.in.exec_mode = JX_EXEC_RECEIVED;
    c.in.exec_base = WAN(200);
    c.in.exec_spent = WAN(150);
    expect_score(&c, 750,
                 "execution: spent 150万元 of received 200万元 (75.00%) → "
                 "10.00 × 150万元/200万元 = 7.50");
}

static void deviation(struct mcase *c, const char *actual)
{
    setup(c, JX_METHOD_DEVIATION, 1000, "=100万元", actual);
}

static void test_deviation(void **state)
{
    struct mcase c;

    (void)state;
    deviation(&c, "95万元");
    expect_score(&c, 1000,
                 "deviation: |A − T|/T = |95 − 100|/100 = 5.00% ≤ tolerance 10% → full 10.00");
    deviation(&c, "110万元");
    expect_score(&c, 1000, NULL); /* exactly the tolerance */
    deviation(&c, "90万元");
    expect_score(&c, 1000, NULL);
    deviation(&c, "111万元");
    expect_score(&c, 975, NULL);
    deviation(&c, "130万元");
    expect_score(&c, 500,
                 "deviation: |A − T|/T = |130 − 100|/100 = 30.00%, between tolerance "
                 "10% and zero_at 50% → 10.00 × (50% − 30.00%)/(50% − 10%) = 5.00");
    deviation(&c, "60万元");
    expect_score(&c, 250, NULL);
    deviation(&c, "150万元");
    expect_score(&c, 0, "deviation: |A − T|/T = |150 − 100|/100 = 50.00% ≥ zero_at 50% → 0.00");
    deviation(&c, "400万元");
    expect_score(&c, 0, NULL);
    /* 10 × (50 − 12.3)/40 = 9.425 exactly → 9.43 (double: 9.42499…, 9.42). */
    deviation(&c, "112.3万元");
    expect_score(&c, 943, NULL);
    /* Unit conversion before the comparison: 1,050,000元 = 105万元. */
    deviation(&c, "1050000元");
    expect_score(&c, 1000, NULL);
    /* Own tolerance and zero_at. */
    deviation(&c, "105万元");
    c.in.tolerance = 0;
    c.in.zero_at = 20 * JX_MICRO;
    expect_score(&c, 750, NULL);
}

static void test_deviation_errors(void **state)
{
    struct mcase c;

    (void)state;
    setup(&c, JX_METHOD_DEVIATION, 1000, "=0万元", "5万元");
    expect_error(&c, "target is 0 for method 'deviation' (|A−T|/T is undefined)");
    deviation(&c, "<100万元");
    expect_error(&c, "actual '<100万元' is a bound; method 'deviation' needs a number");
    deviation(&c, "100万元");
    c.in.zero_at = c.in.tolerance;
    expect_error(&c, "zero_at must lie above tolerance and at most 10000%");
    deviation(&c, "100万元");
    c.in.tolerance = -1;
    expect_error(&c, "tolerance is out of range (0% to 10000%)");
    setup(&c, JX_METHOD_DEVIATION, 1000, "合理", "100万元");
    expect_error(&c, "target is qualitative; method 'deviation' needs a number");
}

static void survey(struct mcase *c, const char *target, int64_t satisfaction)
{
    setup(c, JX_METHOD_SURVEY, 1000, target, NULL);
    c->in.satisfaction = satisfaction;
}

static void test_survey(void **state)
{
    struct mcase c;

    (void)state;
    survey(&c, "≥90%", 9500);
    expect_score(&c, 1000, "survey: satisfaction 95.00% ≥ target ≥90% → full 10.00");
    survey(&c, "≥90%", 9000);
    expect_score(&c, 1000, NULL);
    survey(&c, "≥90%", 8500);
    expect_score(&c, 944, "survey: satisfaction 85.00% < target ≥90% → 10.00 × 85/90 = 9.44");
    /* 10 × 50.04/80 = 6.255 exactly → 6.26 (double: 6.25). */
    survey(&c, "≥80%", 5004);
    expect_score(&c, 626, NULL);
    survey(&c, "≥0%", 0);
    expect_score(&c, 1000, NULL);
    survey(&c, "≥90%", -1);
    expect_error(&c, "survey satisfaction is unknown (the survey has no answers and no "
                     "reported rate)");
    survey(&c, NULL, 9000);
    expect_error(&c, "method 'survey' needs a target such as '≥90%'");
    survey(&c, "≥90分", 9000);
    expect_error(&c, "method 'survey' needs a target in percent such as '≥90%'");
    survey(&c, "较高", 9000);
    expect_error(&c, "method 'survey' needs a target in percent such as '≥90%'");
}

static void test_none(void **state)
{
    struct mcase c;

    (void)state;
    setup(&c, JX_METHOD_NONE, 1000, "达成预期目标", NULL);
    expect_error(&c, "method required: target is qualitative; use tiers, reach or manual");
    setup(&c, JX_METHOD_NONE, 1000, "4个", "4个");
    expect_error(&c, "method required: target has no comparison (≥, ≤ or =) to infer it from");
    setup(&c, JX_METHOD_NONE, 1000, NULL, NULL);
    expect_error(&c, "method required: there is no target to infer it from");
}

/* ---- overshoot ---- */

static void test_overshoot(void **state)
{
    struct mcase c;
    int64_t share = 0;
    const int64_t at130 = 130 * JX_MICRO;

    (void)state;
    setup(&c, JX_METHOD_RATIO, 1000, "≥100个", "130个");
    assert_true(method_overshoot(&c.in, at130, &share));
    assert_int_equal(share, 13000);
    /* Exact at the threshold: 129.999999 is not 130%, though it rounds to 130.00%. */
    setup(&c, JX_METHOD_RATIO, 1000, "≥100个", "129.999999个");
    assert_false(method_overshoot(&c.in, at130, &share));
    setup(&c, JX_METHOD_RATIO, 1000, "≥4个", "6个");
    assert_true(method_overshoot(&c.in, at130, &share));
    assert_int_equal(share, 15000);
    setup(&c, JX_METHOD_EQUAL, 1000, "=4个", "6个");
    assert_true(method_overshoot(&c.in, at130, NULL));
    /* Units align first: 650万元 is 130% of 5,000,000元. */
    setup(&c, JX_METHOD_RATIO, 1000, "≥5000000元", "650万元");
    assert_true(method_overshoot(&c.in, at130, NULL));
    /* Not for a ceiling, a bound, a target of 0 or mismatched units. */
    setup(&c, JX_METHOD_INVERSE, 1000, "≤4个", "6个");
    assert_false(method_overshoot(&c.in, at130, NULL));
    setup(&c, JX_METHOD_RATIO, 1000, "≥4个", ">6个");
    assert_false(method_overshoot(&c.in, at130, NULL));
    setup(&c, JX_METHOD_EQUAL, 1000, "=0次", "6次");
    assert_false(method_overshoot(&c.in, at130, NULL));
    setup(&c, JX_METHOD_RATIO, 1000, "≥4个", "6天");
    assert_false(method_overshoot(&c.in, at130, NULL));
    setup(&c, JX_METHOD_RATIO, 1000, "≥4个", NULL);
    assert_false(method_overshoot(&c.in, at130, NULL));
    /* Surveys compare their satisfaction. */
    survey(&c, "≥60%", 9000);
    assert_true(method_overshoot(&c.in, at130, &share));
    assert_int_equal(share, 15000);
    survey(&c, "≥90%", 10000);
    assert_false(method_overshoot(&c.in, at130, NULL));
    assert_true(method_needs_actual(JX_METHOD_DEVIATION));
    assert_false(method_needs_actual(JX_METHOD_SURVEY));
}

/* ---- extremes ---- */

static void test_absurd_inputs(void **state)
{
    struct mcase c;
    struct strbuf ex = STRBUF_INIT;
    int64_t s, share = 0;

    (void)state;
    /* Rates shown in explain lines saturate instead of overflowing. */
    setup(&c, JX_METHOD_RATIO, 1000, "≥0.000001", "9223372036854");
    expect_score(&c, 1000, NULL);
    assert_true(method_overshoot(&c.in, 130 * JX_MICRO, &share));
    assert_int_equal(share, INT64_C(4000000000000000000));
    setup(&c, JX_METHOD_DEVIATION, 1000, "=0.000001", "9223372036854");
    expect_score(&c, 0, NULL);
    assert_int_equal(method_score(&c.in, &s, &ex, NULL), 0);
    assert_non_null(strstr(ex.buf, "40000000000000000.00% ≥ zero_at 50%"));
    setup(&c, JX_METHOD_EXECUTION, 1000, NULL, NULL);
    c.in.exec_spent = INT64_MAX;
    c.in.exec_base = 1;
    expect_score(&c, 1000, NULL);
    strbuf_release(&ex);
}

/* Deterministic sweep: every method on mixed inputs never aborts and stays in [0, w]. */
static void test_sweep(void **state)
{
    static const char *const qs[] = {
        NULL,
        "0",
        "≥0",
        "≤0",
        "=0",
        "1",
        "≥1",
        "<1",
        ">100%",
        "≤20%",
        "25%",
        "-5%",
        "=5个",
        "3个",
        "4天",
        "≥500万元",
        "3453000元",
        "1.5亿元",
        "达成",
        "≥9223372036854.775807",
        "9223372036854.775807",
        "-9223372036854.775807",
        "0.000001",
        "≤0.000001",
    };
    static const int64_t weights[] = {0, 1, 300, 1000, 100000000};
    static const int64_t percents[] = {0, 1, 10 * JX_MICRO, 50 * JX_MICRO, 10000 * JX_MICRO};
    struct strbuf ex = STRBUF_INIT, why = STRBUF_INIT;
    uint64_t x = 88172645463325252u;
    size_t ok = 0, err = 0;

    (void)state;
    for (int i = 0; i < 20000; i++) {
        struct mcase c;
        int64_t s;

        /* xorshift64 */
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        setup(&c, (enum jx_method)(x % JX_METHOD_COUNT_), weights[(x >> 8) % 5],
              qs[(x >> 12) % ARRAY_SIZE(qs)], qs[(x >> 20) % ARRAY_SIZE(qs)]);
        c.in.inverse_mode = (x >> 28) & 1 ? JX_INVERSE_RATIO : JX_INVERSE_LINEAR;
        c.in.tolerance = percents[(x >> 29) % 5];
        c.in.zero_at = percents[(x >> 32) % 5];
        c.in.tier = (enum jx_tier)((x >> 35) % 4);
        c.in.given_score = (int64_t)((x >> 37) % 2000) - 100;
        c.in.has_given_score = (x >> 48) & 1;
        c.in.reached = (x >> 49) & 1;
        c.in.has_reached = (x >> 50) & 1;
        c.in.deducted = (int64_t)((x >> 51) % 3000) - 100;
        c.in.exec_spent = (x >> 40) & 1 ? INT64_MAX : (int64_t)((x >> 41) % 1000) - 1;
        c.in.exec_base = (int64_t)((x >> 52) % 1000) - 1;
        c.in.satisfaction = (int64_t)((x >> 54) % 12000) - 1;
        strbuf_reset(&ex);
        strbuf_reset(&why);
        if (method_score(&c.in, &s, &ex, &why)) {
            assert_true(why.len > 0);
            assert_int_equal(s, 0);
            err++;
        } else {
            assert_true(s >= 0 && s <= c.in.weight);
            assert_true(ex.len > 0);
            (void)method_overshoot(&c.in, 130 * JX_MICRO, &s);
            ok++;
        }
    }
    /* The sweep reaches both outcomes in quantity. */
    assert_true(ok > 2000);
    assert_true(err > 2000);
    strbuf_release(&ex);
    strbuf_release(&why);
}

/* ---- from a leaf ---- */

static void test_input_from_leaf(void **state)
{
    struct jx_eval ev;
    struct jx_indicator *l1, *leaf;
    struct jx_survey *sv;
    struct jx_deduction *dd;
    struct method_input in;

    (void)state;
    eval_init(&ev, "eval.yaml");
    l1 = fx_children(&ev, &ev.root, 1);
    fx_ind(l1, "项目产出", 10000, 10);
    leaf = fx_children(&ev, l1, 4);

    /* Inferred from the target. */
    fx_leaf(&leaf[0], "系统运行故障率", 800, 20, JX_METHOD_NONE, "低于20%", "低于20%");
    method_input_from_leaf(&ev, &leaf[0], &in);
    assert_int_equal(in.method, JX_METHOD_INVERSE);
    assert_ptr_equal(in.target, &leaf[0].target);
    assert_ptr_equal(in.actual, &leaf[0].actual);
    assert_int_equal(in.weight, 800);
    assert_int_equal(in.tolerance, 10 * JX_MICRO);
    assert_int_equal(in.zero_at, 50 * JX_MICRO);

    /* A leaf never passed through eval_indicator_init still gets the deviation defaults. */
    leaf[0].tolerance = leaf[0].zero_at = 0;
    method_input_from_leaf(&ev, &leaf[0], &in);
    assert_int_equal(in.tolerance, 10 * JX_MICRO);
    assert_int_equal(in.zero_at, 50 * JX_MICRO);
    leaf[0].zero_at = 30 * JX_MICRO;
    method_input_from_leaf(&ev, &leaf[0], &in);
    assert_int_equal(in.tolerance, 0);

    /* Execution from the budget, per base. */
    fx_ind(&leaf[1], "预算执行率", 1000, 30);
    leaf[1].method = JX_METHOD_EXECUTION;
    method_input_from_leaf(&ev, &leaf[1], &in);
    assert_int_equal(in.exec_base, -1);
    assert_int_equal(in.exec_spent, -1);
    fx_budget(&ev, WAN(400), WAN(350), WAN(300));
    method_input_from_leaf(&ev, &leaf[1], &in);
    assert_int_equal(in.exec_base, WAN(400));
    assert_int_equal(in.exec_spent, WAN(300));
    assert_int_equal(in.exec_mode, JX_EXEC_PLANNED);
    leaf[1].exec_base = JX_EXEC_RECEIVED;
    method_input_from_leaf(&ev, &leaf[1], &in);
    assert_int_equal(in.exec_base, WAN(350));
    assert_int_equal(in.exec_mode, JX_EXEC_RECEIVED);

    /* Deductions are summed. */
    fx_ind(&leaf[2], "资金使用合规性", 1000, 40);
    leaf[2].method = JX_METHOD_DEDUCT;
    dd = arena_calloc(&ev.arena, 2, sizeof(*dd));
    dd[0].points = 150;
    dd[1].points = 225;
    leaf[2].deductions = dd;
    leaf[2].nr_deductions = 2;
    method_input_from_leaf(&ev, &leaf[2], &in);
    assert_int_equal(in.deducted, 375);

    /* Survey satisfaction: Σ count·value / Σ count = (30·100 + 10·80 + 2·60)/42 = 93.33%. */
    fx_ind(&leaf[3], "服务对象满意度", 1000, 50);
    leaf[3].method = JX_METHOD_SURVEY;
    leaf[3].survey = "s1";
    method_input_from_leaf(&ev, &leaf[3], &in);
    assert_int_equal(in.satisfaction, -1);
    sv = arena_calloc(&ev.arena, 1, sizeof(*sv));
    sv->id = "s1";
    sv->options = arena_calloc(&ev.arena, 3, sizeof(*sv->options));
    sv->options[0] = (struct jx_survey_option){"很满意", 10000, 30};
    sv->options[1] = (struct jx_survey_option){"满意", 8000, 10};
    sv->options[2] = (struct jx_survey_option){"一般", 6000, 2};
    sv->nr_options = 3;
    ev.surveys = sv;
    ev.nr_surveys = 1;
    method_input_from_leaf(&ev, &leaf[3], &in);
    assert_int_equal(in.satisfaction, 9333);
    eval_release(&ev);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),         cmocka_unit_test(test_infer),
        cmocka_unit_test(test_ratio),         cmocka_unit_test(test_ratio_rounding),
        cmocka_unit_test(test_ratio_edges),   cmocka_unit_test(test_ratio_units),
        cmocka_unit_test(test_ratio_bounds),  cmocka_unit_test(test_inverse_linear),
        cmocka_unit_test(test_inverse_ratio), cmocka_unit_test(test_inverse_zero_and_bounds),
        cmocka_unit_test(test_equal),         cmocka_unit_test(test_reach),
        cmocka_unit_test(test_tiers),         cmocka_unit_test(test_tier_bounds_rounding),
        cmocka_unit_test(test_tiers_missing), cmocka_unit_test(test_deduct),
        cmocka_unit_test(test_manual),        cmocka_unit_test(test_execution),
        cmocka_unit_test(test_deviation),     cmocka_unit_test(test_deviation_errors),
        cmocka_unit_test(test_survey),        cmocka_unit_test(test_none),
        cmocka_unit_test(test_overshoot),     cmocka_unit_test(test_absurd_inputs),
        cmocka_unit_test(test_sweep),         cmocka_unit_test(test_input_from_leaf),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
