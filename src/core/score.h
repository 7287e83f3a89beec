/*
 * The scoring engine: scores every leaf with its method, sums parents exactly, applies
 * the template rules (偏差扣分, 执行率封顶, 一票否决, 证据不足) and picks the grade.
 */
#ifndef JX_SCORE_H
#define JX_SCORE_H

#include "core/eval.h"

/*
 * Scores ev in place (indicator scores, surveys' satisfaction, total, grade; a leaf whose
 * method was inferred from its target gets that method and method_inferred set). Problems
 * that make a leaf unscorable are errors in d with the leaf's position; the leaf then
 * scores 0 and scoring goes on, so that every problem is reported. Returns 0 when no
 * error was added, JX_EINVAL otherwise.
 */
int score_eval(struct jx_eval *ev, struct jx_diags *d);

/* Appends the account of how leaf got its score (method_score's explain line). */
void score_explain(const struct jx_eval *ev, const struct jx_indicator *leaf, struct strbuf *out);

/* 得分率 of an indicator in hundredths of a percent (0 when its weight is 0). */
int64_t score_rate(const struct jx_indicator *ind);
/* Budget execution rate (执行数 / 预算数 or / 到位数) in hundredths of a percent; -1 if unknown. */
int64_t score_execution_rate(const struct jx_eval *ev, enum jx_exec_base base);

#endif
