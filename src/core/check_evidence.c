/*
 * Evidence rules (JX4xx): scores the file does not back: full marks everywhere or despite
 * an admitted weakness, satisfaction without a sample, 公众评判法 without a survey.
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
