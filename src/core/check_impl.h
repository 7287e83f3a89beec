/*
 * Shared by the files of the review engine (check.c and check_*.c), not by its users:
 * helpers over text and over the indicator tree, and the rule functions the table in
 * check.c points at, one group per family file.
 */
#ifndef JX_CHECK_IMPL_H
#define JX_CHECK_IMPL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/check.h"
#include "core/strbuf.h"

/* check_text.c: byte-level reading of Chinese prose in UTF-8. */
bool check_text_has(const char *s);
bool check_text_contains(const char *s, const char *what);
bool check_text_contains_any(const char *s, const char *const *words);
bool check_text_ascii_alnum(unsigned char c);
/* Start of the UTF-8 character before p (p > s). */
const char *check_text_prev_char(const char *s, const char *p);
/* A CJK unified ideograph starts at p (three-byte UTF-8 lead E4..E9). */
bool check_text_cjk_at(const char *p);
/* "无", "暂无" or blank: a section that says nothing. */
bool check_text_says_nothing(const char *s);
/* The clause around p, between punctuation (caller frees). */
char *check_text_clause_at(const char *text, const char *p);
/* The first occurrence not denied ("无明显问题") of the first of words that has one. */
const char *check_text_find_affirmed(const char *text, const char *const *words);
/* The number after key and a few filler characters (为, 达, ：), in hundredths; -1 if none. */
int64_t check_text_number_after(const char *s, const char *key, const char **next);

/* check.c: findings and the indicator tree. */
struct check_leaves {
    const struct jx_indicator **v;
    size_t nr, alloc;
};

void check_report(struct check_findings *out, const struct check_rule *rule, struct jx_pos pos,
                  const char *fmt, ...) JX_PRINTF(4, 5);
/* Text sections carry no position of their own: the indicator tree's, else 1:1. */
struct jx_pos check_doc_pos(const struct jx_eval *ev);
/* Where text (one of ev's sections, or a 一级指标's analysis) is in the file; the
 * document's position when unknown. */
struct jx_pos check_text_pos(const struct jx_eval *ev, const char *text);
/* precise when the decoder recorded it, else fallback. */
struct jx_pos check_at(struct jx_pos precise, struct jx_pos fallback);
/* Appends the leaves below ind (ind itself when it is a leaf below the root). */
void check_collect(const struct jx_indicator *ind, struct check_leaves *l);
struct check_leaves check_leaves_of(const struct jx_eval *ev); /* free(l.v) after */
bool check_all_full(const struct jx_eval *ev);
const struct jx_indicator *check_first_short(const struct jx_eval *ev);

#define CHECK_RULE_FN(name)                                                                        \
    void name(const struct jx_eval *ev, const struct check_rule *rule, struct check_findings *out)

/* check_arithmetic.c */
CHECK_RULE_FN(check_arithmetic_stated_amount);

/* check_evidence.c */
CHECK_RULE_FN(check_evidence_full_marks_everywhere);
CHECK_RULE_FN(check_evidence_full_marks_admitted_weakness);
CHECK_RULE_FN(check_evidence_satisfaction_without_sample);
CHECK_RULE_FN(check_evidence_public_judgement_without_survey);
CHECK_RULE_FN(check_evidence_judged_without_basis);
CHECK_RULE_FN(check_evidence_weak_survey);
CHECK_RULE_FN(check_evidence_lost_points_unexplained);

/* check_target.c */
CHECK_RULE_FN(check_target_lax_failure_ceiling);
CHECK_RULE_FN(check_target_low_satisfaction_target);
CHECK_RULE_FN(check_target_cost_ceiling_above_budget);
CHECK_RULE_FN(check_target_target_without_unit);
CHECK_RULE_FN(check_target_qualitative_output);
CHECK_RULE_FN(check_target_identical_target_actual);
CHECK_RULE_FN(check_target_all_output_qualitative);

/* check_consistency.c */
CHECK_RULE_FN(check_consistency_goal_not_in_content);
CHECK_RULE_FN(check_consistency_execution_rate_claim);
CHECK_RULE_FN(check_consistency_completion_claim);
CHECK_RULE_FN(check_consistency_stated_total);
CHECK_RULE_FN(check_consistency_stated_grade);
CHECK_RULE_FN(check_consistency_phase_not_reported);
CHECK_RULE_FN(check_consistency_analysis_completion_claim);

/* check_completeness.c */
CHECK_RULE_FN(check_completeness_suggestions_none);
CHECK_RULE_FN(check_completeness_missing_basis);
CHECK_RULE_FN(check_completeness_missing_signature);
CHECK_RULE_FN(check_completeness_missing_sections);
CHECK_RULE_FN(check_completeness_missing_experience);
CHECK_RULE_FN(check_completeness_missing_scope);
CHECK_RULE_FN(check_completeness_missing_goals);

#define CHECK_DOC_RULE_FN(name)                                                                    \
    void name(const struct check_doc *doc, const struct check_rule *rule,                          \
              struct check_findings *out)

/* check_report.c: rules and rule variants that read a report's prose and 自评表. */
CHECK_DOC_RULE_FN(check_report_lax_failure_ceiling);
CHECK_DOC_RULE_FN(check_report_satisfaction_without_sample);
CHECK_DOC_RULE_FN(check_report_public_judgement_without_survey);
CHECK_DOC_RULE_FN(check_report_lost_points_unexplained);
CHECK_DOC_RULE_FN(check_report_form_execution_rate);
CHECK_DOC_RULE_FN(check_report_form_execution_score);
CHECK_DOC_RULE_FN(check_report_score_above_weight);
CHECK_DOC_RULE_FN(check_report_form_total);
CHECK_DOC_RULE_FN(check_report_summary_rate);
CHECK_DOC_RULE_FN(check_report_full_score_missed_target);
CHECK_DOC_RULE_FN(check_report_score_without_actual);

#endif
