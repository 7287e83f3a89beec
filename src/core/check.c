/*
 * The review engine (docs/rules.md): the static rule table, the runner and the helpers
 * rules share over findings and the indicator tree; the rules live one family per file
 * (check_arithmetic.c, check_consistency.c, check_target.c, check_evidence.c,
 * check_completeness.c). Invariant: every rule is a pure function of a scored evaluation; it only
 * appends findings, each at the position of the thing a person should change (the target, the leaf,
 * or the indicator tree when a text section has no recorded position), with a message that says
 * what would fix it.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/check_impl.h"
#include "core/xalloc.h"

struct jx_pos check_doc_pos(const struct jx_eval *ev)
{
    return ev->root.pos.line ? ev->root.pos : (struct jx_pos){1, 1};
}

struct jx_pos check_text_pos(const struct jx_eval *ev, const char *text)
{
    const struct {
        const char *text;
        struct jx_pos pos;
    } sections[] = {
        {ev->summary, ev->text_pos.summary},
        {ev->conclusion, ev->text_pos.conclusion},
        {ev->experience, ev->text_pos.experience},
        {ev->problems, ev->text_pos.problems},
        {ev->suggestions, ev->text_pos.suggestions},
        {ev->other, ev->text_pos.other},
        {ev->work.purpose, ev->text_pos.purpose},
        {ev->work.methods, ev->text_pos.methods},
        {ev->project.overall_goal, ev->text_pos.overall_goal},
    };

    if (text) {
        for (size_t i = 0; i < ARRAY_SIZE(sections); i++)
            if (text == sections[i].text)
                return check_at(sections[i].pos, check_doc_pos(ev));
        for (size_t i = 0; i < ev->root.nr_children; i++)
            if (text == ev->root.children[i].analysis)
                return check_at(ev->root.children[i].pos, check_doc_pos(ev));
    }
    return check_doc_pos(ev);
}

struct jx_pos check_at(struct jx_pos precise, struct jx_pos fallback)
{
    return precise.line ? precise : fallback;
}

void check_report(struct check_findings *out, const struct check_rule *rule, struct jx_pos pos,
                  const char *fmt, ...)
{
    struct strbuf sb = STRBUF_INIT;
    va_list ap;

    va_start(ap, fmt);
    strbuf_vaddf(&sb, fmt, ap);
    va_end(ap);
    if (out->nr == out->alloc) {
        out->alloc = out->alloc ? st_mult(out->alloc, 2) : 16;
        out->v = xrealloc(out->v, st_mult(out->alloc, sizeof(*out->v)));
    }
    out->v[out->nr++] =
        (struct check_finding){rule->id, rule->severity, pos, strbuf_detach(&sb, NULL)};
}

/* Leaf walking over a const tree (eval_for_each_leaf takes a mutable one). */

void check_collect(const struct jx_indicator *ind, struct check_leaves *l)
{
    if (ind->depth > 0 && indicator_is_leaf(ind)) {
        if (l->nr == l->alloc) {
            l->alloc = l->alloc ? st_mult(l->alloc, 2) : 32;
            l->v = xrealloc(l->v, st_mult(l->alloc, sizeof(*l->v)));
        }
        l->v[l->nr++] = ind;
        return;
    }
    for (size_t i = 0; i < ind->nr_children; i++)
        check_collect(&ind->children[i], l);
}

struct check_leaves check_leaves_of(const struct jx_eval *ev)
{
    struct check_leaves l = {NULL, 0, 0};

    check_collect(&ev->root, &l);
    return l;
}

bool check_all_full(const struct jx_eval *ev)
{
    struct check_leaves l = check_leaves_of(ev);
    bool full = l.nr > 0;

    for (size_t i = 0; i < l.nr; i++)
        if (!l.v[i]->scored || l.v[i]->score < l.v[i]->weight)
            full = false;
    free(l.v);
    return full;
}

const struct jx_indicator *check_first_short(const struct jx_eval *ev)
{
    struct check_leaves l = check_leaves_of(ev);
    const struct jx_indicator *r = NULL;

    for (size_t i = 0; i < l.nr && !r; i++)
        if (l.v[i]->scored && l.v[i]->score < l.v[i]->weight)
            r = l.v[i];
    free(l.v);
    return r;
}

static const struct check_rule rules[] = {
    {"JX101", JX_SEV_ERROR, CHECK_ARITHMETIC, "stated-amount",
     "the text states a budget amount the budget block does not give",
     check_arithmetic_stated_amount, CHECK_ON_BOTH, NULL},
    {"JX102", JX_SEV_ERROR, CHECK_ARITHMETIC, "form-execution-rate",
     "the 自评表's 执行率 is not 全年执行数 / 全年预算数", NULL, CHECK_ON_REPORT,
     check_report_form_execution_rate},
    {"JX103", JX_SEV_ERROR, CHECK_ARITHMETIC, "form-execution-score",
     "the 自评表's 执行率 得分 is not 执行率 × 分值", NULL, CHECK_ON_REPORT,
     check_report_form_execution_score},
    {"JX104", JX_SEV_ERROR, CHECK_ARITHMETIC, "score-above-weight",
     "a row of a report's score table scores above its 分值", NULL, CHECK_ON_REPORT,
     check_report_score_above_weight},
    {"JX105", JX_SEV_ERROR, CHECK_ARITHMETIC, "form-total",
     "the 自评表's 总分 is not the sum of its rows", NULL, CHECK_ON_REPORT,
     check_report_form_total},
    {"JX106", JX_SEV_WARNING, CHECK_ARITHMETIC, "summary-table-rate",
     "a 得分率 in the 评价情况总表 is not 得分 / 分值", NULL, CHECK_ON_REPORT,
     check_report_summary_rate},
    {"JX201", JX_SEV_WARNING, CHECK_CONSISTENCY, "goal-not-in-content",
     "a goal mentions an item absent from the project content",
     check_consistency_goal_not_in_content, CHECK_ON_BOTH, NULL},
    {"JX202", JX_SEV_ERROR, CHECK_CONSISTENCY, "execution-rate-claim",
     "the text states an execution rate the budget does not give",
     check_consistency_execution_rate_claim, CHECK_ON_BOTH, NULL},
    {"JX203", JX_SEV_ERROR, CHECK_CONSISTENCY, "completion-claim",
     "the text claims the goals were met while an indicator lost points",
     check_consistency_completion_claim, CHECK_ON_BOTH_SCORED, NULL},
    {"JX204", JX_SEV_ERROR, CHECK_CONSISTENCY, "stated-total",
     "the text states a total score other than the computed one", check_consistency_stated_total,
     CHECK_ON_BOTH_SCORED, NULL},
    {"JX205", JX_SEV_ERROR, CHECK_CONSISTENCY, "stated-grade",
     "the text states a grade other than the computed one", check_consistency_stated_grade,
     CHECK_ON_BOTH_SCORED, NULL},
    {"JX206", JX_SEV_WARNING, CHECK_CONSISTENCY, "phase-not-reported",
     "a phased goal that no analysis or summary reports on", check_consistency_phase_not_reported,
     CHECK_ON_BOTH, NULL},
    {"JX207", JX_SEV_ERROR, CHECK_CONSISTENCY, "analysis-completion-claim",
     "a 一级指标's analysis claims completion while it lost points",
     check_consistency_analysis_completion_claim, CHECK_ON_BOTH_SCORED, NULL},
    {"JX208", JX_SEV_ERROR, CHECK_CONSISTENCY, "full-score-missed-target",
     "a 自评表 row scores in full while its 实际完成值 misses the 年度指标值", NULL,
     CHECK_ON_REPORT, check_report_full_score_missed_target},
    {"JX301", JX_SEV_WARNING, CHECK_TARGET, "lax-failure-ceiling",
     "a failure-rate ceiling of 10% or more", check_target_lax_failure_ceiling, CHECK_ON_BOTH,
     check_report_lax_failure_ceiling},
    {"JX302", JX_SEV_WARNING, CHECK_TARGET, "low-satisfaction-target",
     "a satisfaction target of 80% or less", check_target_low_satisfaction_target,
     CHECK_ON_BOTH_FORM, NULL},
    {"JX303", JX_SEV_WARNING, CHECK_TARGET, "cost-ceiling-above-budget",
     "a cost ceiling of 130% of the budget or more", check_target_cost_ceiling_above_budget,
     CHECK_ON_BOTH_FORM, NULL},
    {"JX304", JX_SEV_WARNING, CHECK_TARGET, "target-without-unit",
     "a quantitative target without a unit", check_target_target_without_unit, CHECK_ON_BOTH_FORM,
     NULL},
    {"JX305", JX_SEV_NOTE, CHECK_TARGET, "qualitative-output",
     "an output indicator measured only qualitatively", check_target_qualitative_output,
     CHECK_ON_BOTH_FORM, NULL},
    {"JX306", JX_SEV_WARNING, CHECK_TARGET, "identical-target-actual",
     "every quantitative actual is written as its target", check_target_identical_target_actual,
     CHECK_ON_BOTH_FORM, NULL},
    {"JX307", JX_SEV_WARNING, CHECK_TARGET, "all-output-qualitative",
     "no output indicator is measured quantitatively", check_target_all_output_qualitative,
     CHECK_ON_BOTH_FORM, NULL},
    {"JX401", JX_SEV_WARNING, CHECK_EVIDENCE, "full-marks-everywhere",
     "full marks on every indicator", check_evidence_full_marks_everywhere, CHECK_ON_BOTH_SCORED,
     NULL},
    {"JX402", JX_SEV_ERROR, CHECK_EVIDENCE, "full-marks-admitted-weakness",
     "full marks while the problems section admits a weakness",
     check_evidence_full_marks_admitted_weakness, CHECK_ON_BOTH_SCORED, NULL},
    {"JX403", JX_SEV_WARNING, CHECK_EVIDENCE, "satisfaction-without-sample",
     "satisfaction reported without a sample size", check_evidence_satisfaction_without_sample,
     CHECK_ON_BOTH, check_report_satisfaction_without_sample},
    {"JX404", JX_SEV_WARNING, CHECK_EVIDENCE, "public-judgement-without-survey",
     "公众评判法 named as a method with no survey data",
     check_evidence_public_judgement_without_survey, CHECK_ON_BOTH,
     check_report_public_judgement_without_survey},
    {"JX405", JX_SEV_WARNING, CHECK_EVIDENCE, "judged-without-basis",
     "a tiers, manual or deduct score without 评分依据", check_evidence_judged_without_basis,
     CHECK_ON_EVAL, NULL},
    {"JX406", JX_SEV_WARNING, CHECK_EVIDENCE, "weak-survey",
     "a survey with fewer than 30 valid responses or 有效率 below 80%", check_evidence_weak_survey,
     CHECK_ON_EVAL, NULL},
    {"JX407", JX_SEV_WARNING, CHECK_EVIDENCE, "lost-points-unexplained",
     "an indicator lost points with no reason given", check_evidence_lost_points_unexplained,
     CHECK_ON_BOTH_FORM, check_report_lost_points_unexplained},
    {"JX408", JX_SEV_WARNING, CHECK_EVIDENCE, "score-without-actual",
     "a 自评表 row is scored with a blank 实际完成值", NULL, CHECK_ON_REPORT,
     check_report_score_without_actual},
    {"JX501", JX_SEV_WARNING, CHECK_COMPLETENESS, "suggestions-none",
     "no suggestion while problems are listed", check_completeness_suggestions_none,
     CHECK_ON_BOTH_OUTLINE, NULL},
    {"JX502", JX_SEV_WARNING, CHECK_COMPLETENESS, "missing-basis", "立项依据 missing",
     check_completeness_missing_basis, CHECK_ON_BOTH_OUTLINE, NULL},
    {"JX503", JX_SEV_WARNING, CHECK_COMPLETENESS, "missing-signature",
     "signature unit or date missing", check_completeness_missing_signature, CHECK_ON_BOTH_OUTLINE,
     NULL},
    {"JX504", JX_SEV_WARNING, CHECK_COMPLETENESS, "missing-section",
     "a section of the 参考提纲 is missing", check_completeness_missing_sections,
     CHECK_ON_BOTH_OUTLINE, NULL},
    {"JX505", JX_SEV_WARNING, CHECK_COMPLETENESS, "missing-experience", "主要经验及做法 missing",
     check_completeness_missing_experience, CHECK_ON_BOTH_OUTLINE, NULL},
    {"JX506", JX_SEV_WARNING, CHECK_COMPLETENESS, "missing-scope", "评价对象和范围 missing",
     check_completeness_missing_scope, CHECK_ON_BOTH_OUTLINE, NULL},
    {"JX507", JX_SEV_WARNING, CHECK_COMPLETENESS, "missing-goals",
     "neither an overall nor a phased goal", check_completeness_missing_goals,
     CHECK_ON_BOTH_OUTLINE, NULL},
};

const struct check_rule *check_rules(size_t *nr)
{
    *nr = sizeof(rules) / sizeof(rules[0]);
    return rules;
}

const struct check_rule *check_rule_find(const char *id)
{
    for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
        if (!strcmp(rules[i].id, id))
            return &rules[i];
    return NULL;
}

const char *check_family_name(enum check_family f)
{
    static const char *const names[] = {"arithmetic", "consistency", "target", "evidence",
                                        "completeness"};

    return (size_t)f < sizeof(names) / sizeof(names[0]) ? names[f] : "?";
}

static int cmp_pos(struct jx_pos x, struct jx_pos y)
{
    if (x.line != y.line)
        return x.line < y.line ? -1 : 1;
    if (x.col != y.col)
        return x.col < y.col ? -1 : 1;
    return 0;
}

/* Insertion sort of out->v[before..]: stable, so findings at one position stay in rule order;
 * a file yields a few dozen findings at most. */
static void sort_findings(struct check_findings *out, size_t before)
{
    for (size_t i = before + 1; i < out->nr; i++) {
        struct check_finding f = out->v[i];
        size_t j = i;

        for (; j > before && cmp_pos(out->v[j - 1].pos, f.pos) > 0; j--)
            out->v[j] = out->v[j - 1];
        out->v[j] = f;
    }
}

size_t check_eval(const struct jx_eval *ev, struct check_findings *out)
{
    size_t before = out->nr;

    for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
        if (rules[i].scope != CHECK_ON_REPORT)
            rules[i].fn(ev, &rules[i], out);
    sort_findings(out, before);
    return out->nr - before;
}

size_t check_doc_run(const struct check_doc *doc, struct check_findings *out)
{
    size_t before = out->nr;

    for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
        const struct check_rule *r = &rules[i];

        if (r->scope == CHECK_ON_EVAL || (r->scope == CHECK_ON_BOTH_SCORED && !doc->scored) ||
            (r->scope == CHECK_ON_BOTH_FORM && !doc->form) ||
            (r->scope == CHECK_ON_BOTH_OUTLINE && !doc->outline))
            continue;
        if (r->report_fn)
            r->report_fn(doc, r, out);
        else
            r->fn(&doc->ev, r, out);
    }
    sort_findings(out, before);
    return out->nr - before;
}

void check_findings_release(struct check_findings *f)
{
    for (size_t i = 0; i < f->nr; i++)
        free(f->v[i].msg);
    free(f->v);
    *f = (struct check_findings)CHECK_FINDINGS_INIT;
}
