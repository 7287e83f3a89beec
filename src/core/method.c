/*
 * The ten scoring methods of docs/scoring.md. Invariant: a score is computed from the
 * exact integers (centi-points, micro-units, 分) with 128-bit products, rounded half away
 * from zero to 0.01 exactly once by dec_div_round(), then clamped to [0, w]. Nothing here
 * allocates unless it is asked to explain or has an error to report: method_score() runs
 * millions of times per second in the leaf-table benchmark.
 */
#include <stdarg.h>
#include <string.h>

#include "core/decimal.h"
#include "core/method.h"
#include "core/money.h"
#include "core/qty.h"
#include "core/xalloc.h"

/* Percent parameters are micro-percent: 1% is JX_MICRO, 100% is 100 * JX_MICRO. */
#define HUNDRED_PERCENT (100 * JX_MICRO)
/*
 * Ranges that keep every product below 2^127: w·zero_at·T, the largest, stays under
 * 1e8 · 1e10 · 9.3e18 ≈ 9.3e36. No real evaluation comes near them.
 */
#define MAX_WEIGHT INT64_C(100000000)           /* 1,000,000.00 points */
#define MAX_PERCENT (INT64_C(10000) * JX_MICRO) /* 10000% */

static const struct {
    const char *name, *label;
} methods[JX_METHOD_COUNT_] = {
    [JX_METHOD_NONE] = {"none", "未指定"},
    [JX_METHOD_RATIO] = {"ratio", "正向定量"},
    [JX_METHOD_INVERSE] = {"inverse", "反向定量"},
    [JX_METHOD_EQUAL] = {"equal", "定值"},
    [JX_METHOD_REACH] = {"reach", "达成判定"},
    [JX_METHOD_TIERS] = {"tiers", "定性分档"},
    [JX_METHOD_DEDUCT] = {"deduct", "扣分法"},
    [JX_METHOD_EXECUTION] = {"execution", "预算执行率"},
    [JX_METHOD_DEVIATION] = {"deviation", "偏差度"},
    [JX_METHOD_SURVEY] = {"survey", "满意度"},
    [JX_METHOD_MANUAL] = {"manual", "专家评分"},
};

static const char *const tier_names[] = {
    [JX_TIER_NONE] = "",
    [JX_TIER_MET] = "达成",
    [JX_TIER_PARTLY] = "部分达成",
    [JX_TIER_MISSED] = "未达成",
};

const char *method_name(enum jx_method m)
{
    if ((unsigned)m >= JX_METHOD_COUNT_)
        JX_BUG("bad method %d", (int)m);
    return methods[m].name;
}

const char *method_label(enum jx_method m)
{
    if ((unsigned)m >= JX_METHOD_COUNT_)
        JX_BUG("bad method %d", (int)m);
    return methods[m].label;
}

int method_from_name(const char *name, enum jx_method *m)
{
    /* "none" is how the absence prints, not a method a file may name. */
    for (unsigned i = JX_METHOD_NONE + 1; i < JX_METHOD_COUNT_; i++) {
        if (!strcmp(name, methods[i].name)) {
            *m = (enum jx_method)i;
            return 0;
        }
    }
    return JX_EINVAL;
}

enum jx_method method_infer(const struct jx_qty *target)
{
    if (!target || !target->is_number)
        return JX_METHOD_NONE;
    switch (target->cmp) {
    case JX_CMP_GE:
    case JX_CMP_GT:
        return JX_METHOD_RATIO;
    case JX_CMP_LE:
    case JX_CMP_LT:
        return JX_METHOD_INVERSE;
    case JX_CMP_EQ:
        return JX_METHOD_EQUAL;
    case JX_CMP_NONE:
        break;
    }
    return JX_METHOD_NONE;
}

bool method_needs_actual(enum jx_method m)
{
    return m == JX_METHOD_RATIO || m == JX_METHOD_INVERSE || m == JX_METHOD_EQUAL ||
           m == JX_METHOD_DEVIATION;
}

void method_input_from_leaf(const struct jx_eval *ev, const struct jx_indicator *leaf,
                            struct method_input *in)
{
    jx_i128 deducted = 0;
    const struct jx_survey *survey;

    memset(in, 0, sizeof(*in));
    in->method = leaf->method;
    if (in->method == JX_METHOD_NONE && leaf->has_target)
        in->method = method_infer(&leaf->target);
    in->weight = leaf->weight;
    in->target = leaf->has_target ? &leaf->target : NULL;
    in->actual = leaf->has_actual ? &leaf->actual : NULL;
    in->inverse_mode = leaf->inverse_mode;
    in->tolerance = leaf->tolerance;
    in->zero_at = leaf->zero_at;
    /* Both 0 is never a valid setting (zero_at must exceed tolerance): the defaults. */
    if (!in->tolerance && !in->zero_at) {
        in->tolerance = 10 * JX_MICRO;
        in->zero_at = 50 * JX_MICRO;
    }
    in->tier = leaf->tier;
    in->given_score = leaf->given_score;
    in->has_given_score = leaf->has_given_score;
    in->reached = leaf->reached;
    in->has_reached = leaf->has_reached;

    for (size_t i = 0; i < leaf->nr_deductions; i++)
        deducted += leaf->deductions[i].points;
    /* Saturate: a sum past int64 deducts everything anyway; below it is an input error. */
    if (deducted > INT64_MAX)
        deducted = INT64_MAX;
    if (deducted < INT64_MIN)
        deducted = INT64_MIN;
    in->deducted = (int64_t)deducted;

    in->exec_mode = leaf->exec_base;
    in->exec_spent = ev->budget.has_spent ? ev->budget.spent : -1;
    if (leaf->exec_base == JX_EXEC_RECEIVED)
        in->exec_base = ev->budget.has_received ? ev->budget.received : -1;
    else
        in->exec_base = ev->budget.has_planned ? ev->budget.planned : -1;

    /* Computed from the survey's data, so that it does not depend on score_eval() order. */
    survey = eval_find_survey(ev, leaf->survey);
    in->satisfaction = survey ? eval_survey_satisfaction(survey) : -1;
}

/* ---- explanations and messages ---- */

/*
 * part / whole in hundredths of a percent, for display. dec_rate() treats a result past
 * int64 as a bug; absurd inputs (a target of 0.000001 against an actual of 10^12) must
 * not reach it, so ratios beyond 4·10^14 (far past any real rate) saturate. whole > 0.
 */
static int64_t shown_rate(jx_i128 part, jx_i128 whole)
{
    const jx_i128 limit = (jx_i128)400000000000000; /* 4e14, times 10^4 stays in int64 */

    if (part / whole > limit)
        return (int64_t)(limit * 10000);
    if (part / whole < -limit)
        return -(int64_t)(limit * 10000);
    return dec_rate(part, whole);
}

static void add_points(struct strbuf *sb, int64_t centi)
{
    dec_format(sb, centi, 2, 2);
}

static void add_number(struct strbuf *sb, int64_t micro)
{
    dec_format_trim(sb, micro, 6);
}

static void add_qty(struct strbuf *sb, const struct jx_qty *q)
{
    qty_format(sb, q);
}

static void add_percent(struct strbuf *sb, int64_t micro_percent)
{
    dec_format_trim(sb, micro_percent, 6);
    strbuf_addch(sb, '%');
}

/* The actual as aligned to the target's unit, and as written when that differs. */
static void add_actual(struct strbuf *sb, const struct method_input *in, const struct jx_qty *a)
{
    add_qty(sb, a);
    if (strcmp(in->actual->unit, a->unit)) {
        strbuf_addstr(sb, " (");
        add_qty(sb, in->actual);
        strbuf_addch(sb, ')');
    }
}

static void add_money(struct strbuf *sb, int64_t fen)
{
    money_format_unit(sb, fen, MONEY_WAN, 0);
}

static int fail(struct strbuf *why, const char *fmt, ...) JX_PRINTF(2, 3);
static int fail(struct strbuf *why, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    strbuf_vaddf(why, fmt, ap);
    va_end(ap);
    return JX_EINVAL;
}

/* Everything a method writes to explain starts with the method's name. */
static void head(struct strbuf *explain, const struct method_input *in)
{
    strbuf_addstr(explain, method_name(in->method));
    if (in->method == JX_METHOD_INVERSE && in->inverse_mode == JX_INVERSE_RATIO)
        strbuf_addstr(explain, " (ratio)");
    strbuf_addstr(explain, ": ");
}

static void full(struct strbuf *explain, int64_t w, int64_t *s)
{
    *s = w;
    if (explain) {
        strbuf_addstr(explain, " → full ");
        add_points(explain, w);
    }
}

static void zero(struct strbuf *explain, int64_t *s)
{
    *s = 0;
    if (explain)
        strbuf_addstr(explain, " → 0.00");
}

/* " → 10.00 × " and " = 7.50": the frame of every explain line that scales the weight. */
static void weight_times(struct strbuf *explain, int64_t w)
{
    strbuf_addstr(explain, " → ");
    add_points(explain, w);
    strbuf_addstr(explain, " × ");
}

static void equals(struct strbuf *explain, int64_t s)
{
    strbuf_addstr(explain, " = ");
    add_points(explain, s);
}

/* " → 10.00 × 3/4 = 7.50" */
static void scaled(struct strbuf *explain, int64_t w, int64_t num, int64_t den, int64_t s)
{
    if (!explain)
        return;
    weight_times(explain, w);
    add_number(explain, num);
    strbuf_addch(explain, '/');
    add_number(explain, den);
    equals(explain, s);
}

/* ---- methods that compare an actual with a target ---- */

/* A bound ("<20%", "≥4个") as opposed to a number ("4个", "=4个"). */
static bool is_bound(const struct jx_qty *q)
{
    return q->cmp != JX_CMP_NONE && q->cmp != JX_CMP_EQ;
}

/*
 * Whether a bound actual proves the target met: with `up` the target is met when A ≥ T
 * (so "≥x" or ">x" with x ≥ T proves it), otherwise when A ≤ T ("≤x" or "<x", x ≤ T).
 */
static bool bound_meets(const struct jx_qty *a, int64_t t, bool up)
{
    if (up)
        return (a->cmp == JX_CMP_GE || a->cmp == JX_CMP_GT) && a->micro >= t;
    return (a->cmp == JX_CMP_LE || a->cmp == JX_CMP_LT) && a->micro <= t;
}

static int undecided(const struct method_input *in, const struct jx_qty *a, struct strbuf *why)
{
    strbuf_addstr(why, "actual '");
    add_qty(why, a);
    strbuf_addstr(why, "' is a bound that does not show target '");
    add_qty(why, in->target);
    return fail(why, "' met; give the actual as a number");
}

/* Checks that target and actual are numbers and brings the actual into the target's unit. */
static int numbers(const struct method_input *in, struct jx_qty *a, struct strbuf *why)
{
    const char *m = method_name(in->method);

    if (!in->target)
        return fail(why, "method '%s' needs a target (指标值)", m);
    if (!in->target->is_number)
        return fail(why, "target is qualitative; method '%s' needs a number", m);
    if (in->target->micro < 0)
        return fail(why, "target is negative; method '%s' needs a target of 0 or more", m);
    if (!in->actual)
        return fail(why, "actual value (实际完成值) is missing");
    if (!in->actual->is_number)
        return fail(why, "actual is not a number; method '%s' needs one", m);
    *a = *in->actual;
    if (qty_align_units(in->target, a, why))
        return JX_EINVAL;
    return 0;
}

/*
 * Opening of a comparison: "actual 3个 < target 4个". Between numbers the operator says
 * it all, so the target shows without its own comparison; after "meets" (a bound actual)
 * both show as written, since strictness is the point: "actual <20% meets ceiling <20%".
 */
static void compare(struct strbuf *explain, const struct method_input *in, const struct jx_qty *a,
                    const char *op, const char *what)
{
    struct jx_qty t;

    if (!explain)
        return;
    head(explain, in);
    strbuf_addstr(explain, "actual ");
    add_actual(explain, in, a);
    strbuf_addf(explain, " %s %s ", op, what);
    t = *in->target;
    if (strcmp(op, "meets"))
        t.cmp = JX_CMP_NONE;
    add_qty(explain, &t);
}

/* ratio, and equal with T > 0: w if A ≥ T, else w·A/T. */
static int more_is_better(const struct method_input *in, const struct jx_qty *a, int64_t *s,
                          struct strbuf *explain, struct strbuf *why)
{
    int64_t w = in->weight, t = in->target->micro, v = a->micro;
    const char *what = "target";

    if (!t)
        return fail(why, "target is 0 for method '%s'", method_name(in->method));
    if (is_bound(a)) {
        if (!bound_meets(a, t, true))
            return undecided(in, a, why);
        compare(explain, in, a, "meets", what);
        full(explain, w, s);
        return 0;
    }
    if (v >= t) {
        compare(explain, in, a, "≥", what);
        full(explain, w, s);
        return 0;
    }
    compare(explain, in, a, "<", what);
    if (v < 0) {
        if (explain)
            strbuf_addstr(explain, ", a negative actual");
        zero(explain, s);
        return 0;
    }
    *s = dec_div_round((jx_i128)w * v, t);
    scaled(explain, w, v, t, *s);
    return 0;
}

/* inverse and equal with T = 0: w if A ≤ 0, else 0. */
static int at_most_zero(const struct method_input *in, const struct jx_qty *a, int64_t *s,
                        struct strbuf *explain, struct strbuf *why)
{
    const char *what = in->method == JX_METHOD_EQUAL ? "target" : "ceiling";

    if (is_bound(a)) {
        if (!bound_meets(a, 0, false))
            return undecided(in, a, why);
        compare(explain, in, a, "meets", what);
        full(explain, in->weight, s);
        return 0;
    }
    if (a->micro <= 0) {
        compare(explain, in, a, "≤", what);
        full(explain, in->weight, s);
        return 0;
    }
    compare(explain, in, a, ">", what);
    zero(explain, s);
    return 0;
}

static int score_ratio(const struct method_input *in, int64_t *s, struct strbuf *explain,
                       struct strbuf *why)
{
    struct jx_qty a;

    if (numbers(in, &a, why))
        return JX_EINVAL;
    return more_is_better(in, &a, s, explain, why);
}

static int score_equal(const struct method_input *in, int64_t *s, struct strbuf *explain,
                       struct strbuf *why)
{
    struct jx_qty a;

    if (numbers(in, &a, why))
        return JX_EINVAL;
    /* domain.md §3.2: "=0" means nothing may happen; "=T" above 0 scores like ratio. */
    if (!in->target->micro)
        return at_most_zero(in, &a, s, explain, why);
    return more_is_better(in, &a, s, explain, why);
}

static int score_inverse(const struct method_input *in, int64_t *s, struct strbuf *explain,
                         struct strbuf *why)
{
    struct jx_qty a;
    int64_t w = in->weight, t, v;

    if (numbers(in, &a, why))
        return JX_EINVAL;
    t = in->target->micro;
    v = a.micro;
    if (!t)
        return at_most_zero(in, &a, s, explain, why);
    if (is_bound(&a)) {
        if (!bound_meets(&a, t, false))
            return undecided(in, &a, why);
        compare(explain, in, &a, "meets", "ceiling");
        full(explain, w, s);
        return 0;
    }
    if (v <= t) {
        compare(explain, in, &a, "≤", "ceiling");
        full(explain, w, s);
        return 0;
    }
    if (in->inverse_mode == JX_INVERSE_RATIO) {
        /* w·T/A; A > T > 0 here. */
        compare(explain, in, &a, ">", "ceiling");
        *s = dec_div_round((jx_i128)w * t, v);
        scaled(explain, w, t, v, *s);
        return 0;
    }
    if ((jx_i128)v >= 2 * (jx_i128)t) {
        compare(explain, in, &a, "≥ 2 ×", "ceiling");
        zero(explain, s);
        return 0;
    }
    /* w·(1 − (A − T)/T) = w·(2T − A)/T, one division so one rounding. */
    compare(explain, in, &a, ">", "ceiling");
    *s = dec_div_round((jx_i128)w * (2 * (jx_i128)t - v), t);
    if (explain) {
        weight_times(explain, w);
        strbuf_addstr(explain, "(2×");
        add_number(explain, t);
        strbuf_addstr(explain, " − ");
        add_number(explain, v);
        strbuf_addstr(explain, ")/");
        add_number(explain, t);
        equals(explain, *s);
    }
    return 0;
}

static int score_deviation(const struct method_input *in, int64_t *s, struct strbuf *explain,
                           struct strbuf *why)
{
    struct jx_qty a;
    int64_t w = in->weight, t, v, tol = in->tolerance, zat = in->zero_at;
    jx_i128 d, dev_t; /* |A − T| and the deviation times T, in micro-percent */

    if (tol < 0 || tol > MAX_PERCENT)
        return fail(why, "tolerance is out of range (0%% to 10000%%)");
    if (zat <= tol || zat > MAX_PERCENT)
        return fail(why, "zero_at must lie above tolerance and at most 10000%%");
    if (numbers(in, &a, why))
        return JX_EINVAL;
    t = in->target->micro;
    v = a.micro;
    if (!t)
        return fail(why, "target is 0 for method 'deviation' (|A−T|/T is undefined)");
    if (is_bound(&a)) {
        strbuf_addstr(why, "actual '");
        add_qty(why, &a);
        return fail(why, "' is a bound; method 'deviation' needs a number");
    }
    d = (jx_i128)v - t;
    if (d < 0)
        d = -d;
    dev_t = d * HUNDRED_PERCENT;
    if (explain) {
        head(explain, in);
        strbuf_addstr(explain, "|A − T|/T = |");
        add_number(explain, v);
        strbuf_addstr(explain, " − ");
        add_number(explain, t);
        strbuf_addstr(explain, "|/");
        add_number(explain, t);
        strbuf_addstr(explain, " = ");
        /* Shown to 0.01%; the comparisons below are exact. */
        dec_format(explain, shown_rate(d, t), 2, 2);
        strbuf_addch(explain, '%');
    }
    if (dev_t <= (jx_i128)tol * t) {
        if (explain) {
            strbuf_addstr(explain, " ≤ tolerance ");
            add_percent(explain, tol);
        }
        full(explain, w, s);
        return 0;
    }
    if (dev_t >= (jx_i128)zat * t) {
        if (explain) {
            strbuf_addstr(explain, " ≥ zero_at ");
            add_percent(explain, zat);
        }
        zero(explain, s);
        return 0;
    }
    /* w·(zero_at − dev)/(zero_at − tol) with dev = D/T: multiply through by T. */
    *s = dec_div_round((jx_i128)w * ((jx_i128)zat * t - dev_t), (jx_i128)t * (zat - tol));
    if (explain) {
        strbuf_addstr(explain, ", between tolerance ");
        add_percent(explain, tol);
        strbuf_addstr(explain, " and zero_at ");
        add_percent(explain, zat);
        weight_times(explain, w);
        strbuf_addstr(explain, "(");
        add_percent(explain, zat);
        strbuf_addstr(explain, " − ");
        dec_format(explain, shown_rate(d, t), 2, 2);
        strbuf_addstr(explain, "%)/(");
        add_percent(explain, zat);
        strbuf_addstr(explain, " − ");
        add_percent(explain, tol);
        strbuf_addstr(explain, ") = ");
        add_points(explain, *s);
    }
    return 0;
}

/* ---- methods with their own inputs ---- */

static int score_reach(const struct method_input *in, int64_t *s, struct strbuf *explain,
                       struct strbuf *why)
{
    if (!in->has_reached)
        return fail(why, "method 'reach' needs reached (true or false)");
    if (explain) {
        head(explain, in);
        strbuf_addstr(explain, in->reached ? "target reached" : "target not reached");
    }
    if (in->reached)
        full(explain, in->weight, s);
    else
        zero(explain, s);
    return 0;
}

/* "[6.00, 8.00)" */
static void add_range(struct strbuf *sb, int64_t lo, int64_t hi, bool closed)
{
    strbuf_addch(sb, '[');
    add_points(sb, lo);
    strbuf_addstr(sb, ", ");
    add_points(sb, hi);
    strbuf_addch(sb, closed ? ']' : ')');
}

static int score_tiers(const struct method_input *in, int64_t *s, struct strbuf *explain,
                       struct strbuf *why)
{
    int64_t w = in->weight, g = in->given_score, lo, hi;
    /* pmkpi: round(w*0.8,2) and round(w*0.6,2); w is in hundredths already. */
    int64_t b80 = dec_div_round((jx_i128)w * 80, 100), b60 = dec_div_round((jx_i128)w * 60, 100);
    bool closed = false, ok;

    if ((unsigned)in->tier >= ARRAY_SIZE(tier_names))
        JX_BUG("bad tier %d", (int)in->tier);
    if (in->tier == JX_TIER_NONE)
        return fail(why, "method 'tiers' needs a tier (达成, 部分达成 or 未达成)");
    if (!in->has_given_score)
        return fail(why, "method 'tiers' needs the assessor's score");
    switch (in->tier) {
    case JX_TIER_MET:
        lo = b80;
        hi = w;
        closed = true;
        break;
    case JX_TIER_PARTLY:
        lo = b60;
        hi = b80;
        break;
    default:
        lo = 0;
        hi = b60;
        break;
    }
    ok = g >= lo && (closed ? g <= hi : g < hi);
    if (!ok) {
        strbuf_addstr(why, "score ");
        add_points(why, g);
        strbuf_addf(why, " is outside tier %s ", tier_names[in->tier]);
        add_range(why, lo, hi, closed);
        return JX_EINVAL;
    }
    *s = g;
    if (explain) {
        head(explain, in);
        strbuf_addf(explain, "tier %s allows ", tier_names[in->tier]);
        add_range(explain, lo, hi, closed);
        strbuf_addstr(explain, " → assessor's score ");
        add_points(explain, g);
    }
    return 0;
}

static int score_deduct(const struct method_input *in, int64_t *s, struct strbuf *explain,
                        struct strbuf *why)
{
    int64_t w = in->weight, d = in->deducted;

    if (d < 0)
        return fail(why, "deductions add up to a negative number");
    *s = d >= w ? 0 : w - d;
    if (explain) {
        head(explain, in);
        if (!d) {
            strbuf_addstr(explain, "nothing deducted");
            full(explain, w, s);
            return 0;
        }
        add_points(explain, w);
        strbuf_addstr(explain, " − ");
        add_points(explain, d);
        strbuf_addstr(explain, " deducted");
        if (d > w)
            strbuf_addstr(explain, ", floored at 0 → 0.00");
        else {
            equals(explain, *s);
        }
    }
    return 0;
}

static int score_execution(const struct method_input *in, int64_t *s, struct strbuf *explain,
                           struct strbuf *why)
{
    int64_t w = in->weight, spent = in->exec_spent, base = in->exec_base;
    const char *base_name =
        in->exec_mode == JX_EXEC_RECEIVED ? "received (到位数)" : "planned (预算数)";

    if (base < 0)
        return fail(why, "method 'execution' needs budget %s", base_name);
    if (spent < 0)
        return fail(why, "method 'execution' needs budget spent (执行数)");
    if (!base)
        return fail(why, "budget %s is 0; the execution rate is undefined", base_name);
    if (explain) {
        head(explain, in);
        strbuf_addstr(explain, "spent ");
        add_money(explain, spent);
        strbuf_addf(explain, " of %s ", in->exec_mode == JX_EXEC_RECEIVED ? "received" : "planned");
        add_money(explain, base);
        strbuf_addstr(explain, " (");
        dec_format(explain, shown_rate(spent, base), 2, 2);
        strbuf_addstr(explain, "%)");
    }
    if (spent >= base) {
        full(explain, w, s);
        return 0;
    }
    *s = dec_div_round((jx_i128)w * spent, base);
    if (explain) {
        weight_times(explain, w);
        add_money(explain, spent);
        strbuf_addch(explain, '/');
        add_money(explain, base);
        equals(explain, *s);
    }
    return 0;
}

static int score_survey(const struct method_input *in, int64_t *s, struct strbuf *explain,
                        struct strbuf *why)
{
    int64_t w = in->weight, sat = in->satisfaction, t;
    jx_i128 sat_micro; /* satisfaction in micro-percent, the target's scale */

    if (sat < 0)
        return fail(why, "survey satisfaction is unknown (the survey has no answers and no "
                         "reported rate)");
    if (!in->target)
        return fail(why, "method 'survey' needs a target such as '≥90%%'");
    if (!in->target->is_number || strcmp(in->target->unit, "%"))
        return fail(why, "method 'survey' needs a target in percent such as '≥90%%'");
    t = in->target->micro;
    if (t < 0)
        return fail(why, "target is negative; method 'survey' needs a target of 0 or more");
    sat_micro = (jx_i128)sat * (JX_MICRO / 100);
    if (explain) {
        head(explain, in);
        strbuf_addstr(explain, "satisfaction ");
        dec_format(explain, sat, 2, 2);
        strbuf_addf(explain, "%% %s target ", sat_micro >= t ? "≥" : "<");
        add_qty(explain, in->target);
    }
    if (sat_micro >= t) {
        full(explain, w, s);
        return 0;
    }
    *s = dec_div_round((jx_i128)w * sat_micro, t);
    if (explain) {
        weight_times(explain, w);
        dec_format_trim(explain, sat, 2);
        strbuf_addch(explain, '/');
        add_number(explain, t);
        equals(explain, *s);
    }
    return 0;
}

static int score_manual(const struct method_input *in, int64_t *s, struct strbuf *explain,
                        struct strbuf *why)
{
    int64_t g = in->given_score;

    if (!in->has_given_score)
        return fail(why, "method 'manual' needs the expert's score");
    if (g < 0 || g > in->weight) {
        strbuf_addstr(why, "score ");
        add_points(why, g);
        strbuf_addstr(why, g < 0 ? " is negative" : " is above the weight ");
        if (g >= 0)
            add_points(why, in->weight);
        return JX_EINVAL;
    }
    *s = g;
    if (explain) {
        head(explain, in);
        strbuf_addstr(explain, "expert's score ");
        add_points(explain, g);
        strbuf_addstr(explain, " of ");
        add_points(explain, in->weight);
    }
    return 0;
}

static int score_none(const struct method_input *in, struct strbuf *why)
{
    if (!in->target)
        return fail(why, "method required: there is no target to infer it from");
    if (!in->target->is_number)
        return fail(why, "method required: target is qualitative; use tiers, reach or manual");
    return fail(why, "method required: target has no comparison (≥, ≤ or =) to infer it from");
}

static int dispatch(const struct method_input *in, int64_t *s, struct strbuf *explain,
                    struct strbuf *why)
{
    if (in->weight < 0)
        return fail(why, "weight is negative");
    if (in->weight > MAX_WEIGHT)
        return fail(why, "weight is out of range");

    switch (in->method) {
    case JX_METHOD_NONE:
        return score_none(in, why);
    case JX_METHOD_RATIO:
        return score_ratio(in, s, explain, why);
    case JX_METHOD_INVERSE:
        return score_inverse(in, s, explain, why);
    case JX_METHOD_EQUAL:
        return score_equal(in, s, explain, why);
    case JX_METHOD_REACH:
        return score_reach(in, s, explain, why);
    case JX_METHOD_TIERS:
        return score_tiers(in, s, explain, why);
    case JX_METHOD_DEDUCT:
        return score_deduct(in, s, explain, why);
    case JX_METHOD_EXECUTION:
        return score_execution(in, s, explain, why);
    case JX_METHOD_DEVIATION:
        return score_deviation(in, s, explain, why);
    case JX_METHOD_SURVEY:
        return score_survey(in, s, explain, why);
    case JX_METHOD_MANUAL:
        return score_manual(in, s, explain, why);
    case JX_METHOD_COUNT_:
        break;
    }
    JX_BUG("bad method %d", (int)in->method);
}

int method_score(const struct method_input *in, int64_t *score, struct strbuf *explain,
                 struct strbuf *why)
{
    struct strbuf local = STRBUF_INIT; /* stays unallocated unless there is an error */
    size_t explain_len = explain ? explain->len : 0;
    int64_t s = 0;
    int rc;

    rc = dispatch(in, &s, explain, why ? why : &local);
    strbuf_release(&local);
    if (rc) {
        if (explain)
            strbuf_setlen(explain, explain_len);
        *score = 0;
        return rc;
    }
    /* Every formula already lies in [0, w]; the clamp is the contract, not a repair. */
    if (s < 0)
        s = 0;
    if (s > in->weight)
        s = in->weight;
    *score = s;
    return 0;
}

bool method_overshoot(const struct method_input *in, int64_t overshoot, int64_t *share)
{
    struct strbuf local = STRBUF_INIT;
    struct jx_qty a;
    jx_i128 v;
    int64_t t;
    bool aligned;

    if (in->method != JX_METHOD_RATIO && in->method != JX_METHOD_EQUAL &&
        in->method != JX_METHOD_SURVEY)
        return false;
    if (!in->target || !in->target->is_number || in->target->micro <= 0 || overshoot < 0)
        return false;
    t = in->target->micro;
    if (in->method == JX_METHOD_SURVEY) {
        if (in->satisfaction < 0 || strcmp(in->target->unit, "%"))
            return false;
        v = (jx_i128)in->satisfaction * (JX_MICRO / 100);
    } else {
        if (!in->actual || !in->actual->is_number || is_bound(in->actual))
            return false;
        a = *in->actual;
        aligned = !qty_align_units(in->target, &a, &local);
        strbuf_release(&local);
        if (!aligned)
            return false;
        v = a.micro;
    }
    /* A/T ≥ overshoot/100%, multiplied out: exact, no rounding at the threshold. */
    if (v * HUNDRED_PERCENT < (jx_i128)overshoot * t)
        return false;
    if (share)
        *share = shown_rate(v, t);
    return true;
}
