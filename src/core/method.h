/*
 * Scoring methods (docs/scoring.md): one pure function from the inputs of a leaf to its
 * score. Both the evaluation path (score.c) and the flat leaf-table path (leaftable)
 * call it, so a leaf scores the same whichever way it arrives.
 *
 * The score is computed exactly with 128-bit integers and rounded half-up to 0.01 once,
 * then clamped to [0, w].
 */
#ifndef JX_METHOD_H
#define JX_METHOD_H

#include <stdbool.h>
#include <stdint.h>

#include "core/eval.h"

const char *method_name(enum jx_method m);  /* "ratio" */
const char *method_label(enum jx_method m); /* "正向定量" */
int method_from_name(const char *name, enum jx_method *m) JX_MUST_CHECK;
/* The method a bare target implies: ≥ > -> ratio, ≤ < -> inverse, = -> equal; NONE if none. */
enum jx_method method_infer(const struct jx_qty *target);

struct method_input {
    enum jx_method method;
    int64_t weight;              /* centi-points */
    const struct jx_qty *target; /* NULL when not given */
    const struct jx_qty *actual; /* NULL when not given */
    enum jx_inverse_mode inverse_mode;
    int64_t tolerance, zero_at; /* deviation, micro-percent */
    enum jx_tier tier;
    int64_t given_score; /* tiers, manual */
    bool has_given_score;
    bool reached, has_reached;
    int64_t deducted;              /* deduct: sum of deductions, centi-points */
    int64_t exec_spent, exec_base; /* execution: 执行数 and its base (分); -1 = not given */
    enum jx_exec_base exec_mode;   /* execution: which amount exec_base is (for explain) */
    int64_t satisfaction;          /* survey: hundredths of a percent; -1 = unknown */
};

/*
 * Computes the score of one leaf in centi-points. Returns 0, or JX_EINVAL with a message
 * in why (e.g. "target is 0 for method 'ratio'", "score 9.00 is outside tier 部分达成
 * [6.00, 8.00)"). When explain is not NULL, appends a one-line account of the formula
 * with the numbers that went in ("4个 ≥ 4个: target met, full 10.00").
 */
int method_score(const struct method_input *in, int64_t *score, struct strbuf *explain,
                 struct strbuf *why) JX_MUST_CHECK;

/* Fills a method_input from a leaf of ev (method inferred, budget and surveys resolved). */
void method_input_from_leaf(const struct jx_eval *ev, const struct jx_indicator *leaf,
                            struct method_input *in);

/* True for the methods that compare an actual with a target: ratio, inverse, equal, deviation. */
bool method_needs_actual(enum jx_method m);

/*
 * Whether the actual is at least `overshoot` (micro-percent) of the target, exactly: a
 * numeric actual (or survey satisfaction) against a target above 0, on ratio, equal or
 * survey. *share (when not NULL and the answer is true) gets A/T in hundredths of a
 * percent. False whenever the comparison does not apply.
 */
bool method_overshoot(const struct method_input *in, int64_t overshoot, int64_t *share);

#endif
