/*
 * Evidence rules (JX4xx): scores the file does not back: full marks everywhere or despite
 * an admitted weakness, satisfaction without a sample, 公众评判法 without a survey, a
 * judged score or a lost point with no reason, a survey too small to weigh.
 */
#include <stdlib.h>
#include <string.h>

#include "core/check_impl.h"

/* A survey with a sample size or answers: something a reader can weigh. */
static bool survey_has_sample(const struct jx_survey *s)
{
    return s && (s->valid > 0 || s->returned > 0 || s->issued > 0 || s->nr_options > 0);
}

static bool any_survey_sample(const struct jx_eval *ev)
{
    for (size_t i = 0; i < ev->nr_surveys; i++)
        if (survey_has_sample(&ev->surveys[i]))
            return true;
    return false;
}

void check_evidence_full_marks_everywhere(const struct jx_eval *ev, const struct check_rule *rule,
                                          struct check_findings *out)
{
    if (check_all_full(ev))
        check_report(
            out, rule, check_doc_pos(ev),
            "every indicator has full marks: give the evidence for each leaf in 'basis', or "
            "score the leaves that fell short");
}

static const char *const weakness_words[] = {"有待", "不足", "不够",   "欠缺", "不到位",
                                             "问题", "薄弱", "不完善", NULL};

void check_evidence_full_marks_admitted_weakness(const struct jx_eval *ev,
                                                 const struct check_rule *rule,
                                                 struct check_findings *out)
{
    const char *w;
    char *clause;

    if (check_text_says_nothing(ev->problems) || !check_all_full(ev))
        return;
    w = check_text_find_affirmed(ev->problems, weakness_words);
    if (!w)
        return;
    clause = check_text_clause_at(ev->problems, w);
    check_report(out, rule, check_text_pos(ev, ev->problems),
                 "full marks although 'problems' admits a weakness ('%s'): take points off the "
                 "indicator concerned or explain why it scores in full",
                 clause);
    free(clause);
}

void check_evidence_satisfaction_without_sample(const struct jx_eval *ev,
                                                const struct check_rule *rule,
                                                struct check_findings *out)
{
    struct check_leaves l = check_leaves_of(ev);

    for (size_t i = 0; i < l.nr; i++) {
        const struct jx_indicator *ind = l.v[i];
        const struct jx_survey *s;

        if (!check_text_contains(ind->name, "满意"))
            continue;
        s = ind->survey ? eval_find_survey(ev, ind->survey) : NULL;
        if (!survey_has_sample(s))
            check_report(out, rule, ind->pos,
                         "satisfaction '%s' is reported without a sample size: add a survey with "
                         "issued/valid counts or answers and use method survey",
                         ind->name);
    }
    free(l.v);
}

void check_evidence_public_judgement_without_survey(const struct jx_eval *ev,
                                                    const struct check_rule *rule,
                                                    struct check_findings *out)
{
    const char *name = check_text_contains(ev->work.methods, "公众评判法")     ? "公众评判法"
                       : check_text_contains(ev->work.methods, "公众评批判法") ? "公众评批判法"
                                                                               : NULL;

    if (name && !any_survey_sample(ev))
        check_report(out, rule, check_text_pos(ev, ev->work.methods),
                     "'work.methods' names '%s' but there is no survey data: add a surveys block "
                     "with the questionnaire counts, or drop the method",
                     name);
}

static bool judged(enum jx_method m)
{
    return m == JX_METHOD_TIERS || m == JX_METHOD_MANUAL || m == JX_METHOD_DEDUCT;
}

static const char *method_label(enum jx_method m)
{
    return m == JX_METHOD_TIERS ? "tiers" : m == JX_METHOD_MANUAL ? "manual" : "deduct";
}

void check_evidence_judged_without_basis(const struct jx_eval *ev, const struct check_rule *rule,
                                         struct check_findings *out)
{
    struct check_leaves l = check_leaves_of(ev);

    for (size_t i = 0; i < l.nr; i++) {
        const struct jx_indicator *ind = l.v[i];

        if (judged(ind->method) && check_text_says_nothing(ind->basis))
            check_report(out, rule, ind->pos,
                         "'%s' is scored by method %s without 'basis' (评分依据): write what the "
                         "score rests on (documents checked, tier met)",
                         ind->name, method_label(ind->method));
    }
    free(l.v);
}

/* Below this many valid answers a satisfaction rate says little (a common 抽样 floor). */
#define MIN_VALID 30

void check_evidence_weak_survey(const struct jx_eval *ev, const struct check_rule *rule,
                                struct check_findings *out)
{
    for (size_t i = 0; i < ev->nr_surveys; i++) {
        const struct jx_survey *s = &ev->surveys[i];
        struct jx_pos pos = check_at(s->pos, check_doc_pos(ev));
        const char *id = s->id ? s->id : "";

        if (s->valid >= 0 && s->valid < MIN_VALID)
            check_report(out, rule, pos,
                         "survey '%s' has %lld valid responses: collect at least %d before "
                         "reporting a satisfaction rate",
                         id, (long long)s->valid, MIN_VALID);
        /* 有效率 below 80%: valid / returned < 4 / 5, compared exactly. */
        if (s->valid >= 0 && s->returned > 0 && s->valid * 5 < s->returned * 4)
            check_report(out, rule, pos,
                         "survey '%s' has %lld valid of %lld returned questionnaires (有效率 below "
                         "80%%): explain the rejected ones or survey again",
                         id, (long long)s->valid, (long long)s->returned);
    }
}

void check_evidence_lost_points_unexplained(const struct jx_eval *ev, const struct check_rule *rule,
                                            struct check_findings *out)
{
    struct check_leaves l = check_leaves_of(ev);

    for (size_t i = 0; i < l.nr; i++) {
        const struct jx_indicator *ind = l.v[i];

        if (ind->scored && ind->score < ind->weight && check_text_says_nothing(ind->basis) &&
            check_text_says_nothing(ind->deviation_reason))
            check_report(out, rule, check_at(ind->score_pos, ind->pos),
                         "'%s' lost points without a reason: say why in 'basis' or "
                         "'deviation_reason' (偏差原因分析及改进措施)",
                         ind->name);
    }
    free(l.v);
}
