/*
 * The leaf table: a flat CSV with one row per leaf indicator, the form in which a
 * province exports scoring data (docs/format.md, "Leaf table"). Columns, by header name:
 *   eval_id, l1, leaf_id, weight, method, target, actual, score
 * (score: the assessor's score for tiers/manual, deductions total for deduct).
 * Rows of one evaluation are contiguous. Scoring streams: memory stays proportional to
 * one evaluation's rows, not to the file.
 */
#ifndef JX_IO_LEAFTABLE_H
#define JX_IO_LEAFTABLE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/grade.h"

#define LEAFTABLE_MAX_L1 16

struct leaftable_l1 {
    char name[64];
    int64_t weight, score; /* centi-points */
};

/* One scored evaluation, handed to the callback and then reused. */
struct leaftable_eval {
    const char *id;
    size_t nr_leaves;
    struct leaftable_l1 l1[LEAFTABLE_MAX_L1];
    size_t nr_l1;
    int64_t weight, total; /* centi-points */
    const char *grade;
};

/* Called once per evaluation in file order; return non-zero to stop. */
typedef int (*leaftable_fn)(const struct leaftable_eval *ev, void *data);
/* Called once per leaf (for cross-checks and the bench); may be NULL. */
typedef void (*leaftable_leaf_fn)(const char *eval_id, const char *leaf_id, int64_t score,
                                  void *data);

/*
 * Scores every evaluation in data[0..len) (CSV, UTF-8, optional BOM, RFC 4180 quoting).
 * Errors name the row: "name:LINE:COL: message". Returns 0, JX_EINVAL/JX_ESYNTAX on bad
 * input (err filled), or the callback's non-zero value.
 */
int leaftable_score(const char *data, size_t len, const char *name,
                    const struct jx_grade_band *bands, size_t nr_bands, leaftable_fn fn,
                    leaftable_leaf_fn leaf_fn, void *user, struct jx_err *err) JX_MUST_CHECK;

#endif
