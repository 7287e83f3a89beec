/*
 * Completeness rules (JX5xx): the parts of the 参考提纲 a report must have. Invariant: a
 * section that says only "无" counts as absent.
 */
#include <stdlib.h>
#include <string.h>

#include "core/check_impl.h"

void check_completeness_suggestions_none(const struct jx_eval *ev, const struct check_rule *rule,
                                         struct check_findings *out)
{
    if (!check_text_says_nothing(ev->problems) && check_text_says_nothing(ev->suggestions))
        check_report(
            out, rule, check_at(ev->text_pos.suggestions, check_text_pos(ev, ev->problems)),
            "'suggestions' is empty or '无' while 'problems' lists a problem: suggest what "
            "would address each problem");
}

void check_completeness_missing_basis(const struct jx_eval *ev, const struct check_rule *rule,
                                      struct check_findings *out)
{
    if (!ev->project.nr_basis)
        check_report(
            out, rule, check_at(ev->text_pos.project, check_doc_pos(ev)),
            "'project.basis' (立项依据) is missing: list the documents the project rests on");
}

void check_completeness_missing_signature(const struct jx_eval *ev, const struct check_rule *rule,
                                          struct check_findings *out)
{
    if (!check_text_has(ev->signature.unit))
        check_report(out, rule, check_at(ev->text_pos.signature, check_doc_pos(ev)),
                     "'signature.unit' is missing: name the unit that signs the report");
    if (!check_text_has(ev->signature.date))
        check_report(out, rule, check_at(ev->text_pos.signature, check_doc_pos(ev)),
                     "'signature.date' is missing: give the date the report was signed");
}

void check_completeness_missing_sections(const struct jx_eval *ev, const struct check_rule *rule,
                                         struct check_findings *out)
{
    const char *texts[] = {ev->work.purpose, ev->work.methods, ev->conclusion};
    const char *names[] = {"work.purpose", "work.methods", "conclusion"};

    for (size_t i = 0; i < 3; i++)
        if (check_text_says_nothing(texts[i]))
            check_report(out, rule, check_doc_pos(ev),
                         "section '%s' of the 参考提纲 is missing: write it", names[i]);
}

void check_completeness_missing_experience(const struct jx_eval *ev, const struct check_rule *rule,
                                           struct check_findings *out)
{
    if (check_text_says_nothing(ev->experience))
        check_report(out, rule, check_at(ev->text_pos.experience, check_doc_pos(ev)),
                     "'experience' (主要经验及做法) is missing: describe what worked and could be "
                     "repeated");
}

void check_completeness_missing_scope(const struct jx_eval *ev, const struct check_rule *rule,
                                      struct check_findings *out)
{
    if (check_text_says_nothing(ev->work.scope))
        check_report(
            out, rule, check_at(ev->text_pos.work, check_doc_pos(ev)),
            "'work.scope' (评价对象和范围) is missing: state what was evaluated, for which "
            "period and which funds");
}

void check_completeness_missing_goals(const struct jx_eval *ev, const struct check_rule *rule,
                                      struct check_findings *out)
{
    if (check_text_says_nothing(ev->project.overall_goal) && !ev->project.nr_phases)
        check_report(out, rule, check_at(ev->text_pos.project, check_doc_pos(ev)),
                     "the project states no goal: give 'project.goals.overall' (总体目标) or "
                     "'project.goals.phases' (阶段性目标)");
}
