/*
 * Target-quality rules (JX3xx): targets that cannot fail or cannot be measured. Invariant:
 * thresholds are compared exactly on micro-units and 分 (no floating point).
 */
#include <stdlib.h>
#include <string.h>

#include "core/check_impl.h"
#include "core/decimal.h"
#include "core/money.h"

static bool is_percent(const struct jx_qty *q)
{
    return q->is_number && (!strcmp(q->unit, "%") || !strcmp(q->unit, "％"));
}

static bool is_ceiling(const struct jx_indicator *ind)
{
    return ind->target.cmp == JX_CMP_LE || ind->target.cmp == JX_CMP_LT ||
           (ind->target.cmp == JX_CMP_NONE && ind->method == JX_METHOD_INVERSE);
}

static void pct(struct strbuf *sb, int64_t micro)
{
    dec_format_trim(sb, micro, 6);
    strbuf_addch(sb, '%');
}

static const char *const failure_words[] = {"故障率", "差错率", "投诉率", "事故率", NULL};

void check_target_lax_failure_ceiling(const struct jx_eval *ev, const struct check_rule *rule,
                                      struct check_findings *out)
{
    struct check_leaves l = check_leaves_of(ev);

    for (size_t i = 0; i < l.nr; i++) {
        const struct jx_indicator *ind = l.v[i];
        struct strbuf sb = STRBUF_INIT;

        if (!check_text_contains_any(ind->name, failure_words) || !ind->has_target ||
            !is_percent(&ind->target) || !is_ceiling(ind) || ind->target.micro < 10000000)
            continue;
        pct(&sb, ind->target.micro);
        check_report(out, rule, check_at(ind->target_pos, ind->pos),
                     "ceiling '%s' of '%s' is lax: a failure rate of up to %s is not a performance "
                     "target; set it from the historical rate or the industry standard (e.g. ≤1%%)",
                     ind->target_text ? ind->target_text : sb.buf, ind->name, sb.buf);
        strbuf_release(&sb);
    }
    free(l.v);
}

void check_target_low_satisfaction_target(const struct jx_eval *ev, const struct check_rule *rule,
                                          struct check_findings *out)
{
    struct check_leaves l = check_leaves_of(ev);

    for (size_t i = 0; i < l.nr; i++) {
        const struct jx_indicator *ind = l.v[i];

        if (!check_text_contains(ind->name, "满意") || !ind->has_target ||
            !is_percent(&ind->target) || is_ceiling(ind) || ind->target.micro > 80000000)
            continue;
        check_report(
            out, rule, check_at(ind->target_pos, ind->pos),
            "satisfaction target '%s' of '%s' is 80%% or less: set at least 85%% (90%% is usual)",
            ind->target_text ? ind->target_text : "", ind->name);
    }
    free(l.v);
}

/* A money quantity in 分, or -1 when the unit is not money or the amount is out of range. */
static int64_t qty_fen(const struct jx_qty *q)
{
    if (!q->is_number || q->micro < 0)
        return -1;
    if (!strcmp(q->unit, "元"))
        return dec_div_round(q->micro, 10000);
    if (!strcmp(q->unit, "万元"))
        return q->micro; /* 1万元 = 10^6 分 and micro is number * 10^6 */
    if (!strcmp(q->unit, "亿元"))
        return q->micro > INT64_MAX / 100 ? -1 : q->micro * 100;
    return -1;
}

void check_target_cost_ceiling_above_budget(const struct jx_eval *ev, const struct check_rule *rule,
                                            struct check_findings *out)
{
    struct check_leaves l = check_leaves_of(ev);

    if (!ev->budget.has_planned || ev->budget.planned <= 0) {
        free(l.v);
        return;
    }
    for (size_t i = 0; i < l.nr; i++) {
        const struct jx_indicator *ind = l.v[i];
        int64_t fen = ind->has_target ? qty_fen(&ind->target) : -1;
        struct strbuf b = STRBUF_INIT, r = STRBUF_INIT;

        if (fen < 0 || !is_ceiling(ind) || (jx_i128)fen * 100 < (jx_i128)ev->budget.planned * 130)
            continue;
        money_format_unit(&b, ev->budget.planned, MONEY_WAN, 0);
        dec_format_trim(&r, dec_rate(fen, ev->budget.planned), 2);
        check_report(out, rule, check_at(ind->target_pos, ind->pos),
                     "cost ceiling '%s' of '%s' is %s%% of the budget (%s): set it at or below "
                     "the budget",
                     ind->target_text ? ind->target_text : "", ind->name, r.buf, b.buf);
        strbuf_release(&b);
        strbuf_release(&r);
    }
    free(l.v);
}

static bool quantitative(enum jx_method m)
{
    return m == JX_METHOD_RATIO || m == JX_METHOD_INVERSE || m == JX_METHOD_EQUAL ||
           m == JX_METHOD_DEVIATION;
}

void check_target_target_without_unit(const struct jx_eval *ev, const struct check_rule *rule,
                                      struct check_findings *out)
{
    struct check_leaves l = check_leaves_of(ev);

    for (size_t i = 0; i < l.nr; i++) {
        const struct jx_indicator *ind = l.v[i];

        if (quantitative(ind->method) && ind->has_target && ind->target.is_number &&
            !ind->target.unit[0])
            check_report(out, rule, check_at(ind->target_pos, ind->pos),
                         "target '%s' of '%s' has no unit: write the unit (个, %%, 万元, 天 ...)",
                         ind->target_text ? ind->target_text : "", ind->name);
    }
    free(l.v);
}

static bool qualitative(enum jx_method m)
{
    return m == JX_METHOD_TIERS || m == JX_METHOD_REACH || m == JX_METHOD_MANUAL;
}

void check_target_qualitative_output(const struct jx_eval *ev, const struct check_rule *rule,
                                     struct check_findings *out)
{
    for (size_t k = 0; k < ev->root.nr_children; k++) {
        const struct jx_indicator *l1 = &ev->root.children[k];
        struct check_leaves l = {NULL, 0, 0};

        if (!check_text_contains(l1->name, "产出"))
            continue;
        check_collect(l1, &l);
        for (size_t i = 0; i < l.nr; i++)
            if (qualitative(l.v[i]->method))
                check_report(out, rule, l.v[i]->pos,
                             "output indicator '%s' is measured only qualitatively: give it a "
                             "quantitative target (a count, a rate, a date)",
                             l.v[i]->name);
        free(l.v);
    }
}

void check_target_identical_target_actual(const struct jx_eval *ev, const struct check_rule *rule,
                                          struct check_findings *out)
{
    struct check_leaves l = check_leaves_of(ev);
    size_t n = 0;
    bool same = true;

    for (size_t i = 0; i < l.nr; i++) {
        const struct jx_indicator *ind = l.v[i];

        if (!ind->has_target || !ind->target.is_number)
            continue;
        n++;
        if (!ind->actual_text || !ind->target_text || strcmp(ind->actual_text, ind->target_text))
            same = false;
    }
    free(l.v);
    if (n >= 2 && same)
        check_report(out, rule, check_doc_pos(ev),
                     "every quantitative indicator has its target written as its actual value: "
                     "record what was measured, with its source, in 'actual'");
}

void check_target_all_output_qualitative(const struct jx_eval *ev, const struct check_rule *rule,
                                         struct check_findings *out)
{
    for (size_t k = 0; k < ev->root.nr_children; k++) {
        const struct jx_indicator *l1 = &ev->root.children[k];
        struct check_leaves l = {NULL, 0, 0};
        bool any = false;

        if (!check_text_contains(l1->name, "产出"))
            continue;
        check_collect(l1, &l);
        for (size_t i = 0; i < l.nr; i++)
            if (quantitative(l.v[i]->method) || l.v[i]->method == JX_METHOD_EXECUTION)
                any = true;
        if (l.nr && !any)
            check_report(out, rule, l1->pos,
                         "no leaf of '%s' is measured quantitatively: give at least the "
                         "quantity, quality or timeliness of the output a numeric target",
                         l1->name);
        free(l.v);
    }
}
