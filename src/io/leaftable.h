/*
 * The leaf table: a flat CSV with one row per leaf indicator, the form in which a
 * province exports scoring data (docs/leaftable.md). Columns, by header name, in any order:
 *   eval_id, l1, leaf_id, weight, method, target, actual, score   (required)
 *   tier                                                          (optional)
 * (score: the assessor's score for tiers/manual, the deductions total for deduct, 1 or 0
 * for reach). Other columns are ignored. Rows of one evaluation are contiguous.
 *
 * Scoring streams: memory stays proportional to a few chunks of the input (about a
 * megabyte each) and to the longest row, not to the file, whichever the number of
 * threads. The table comes as one buffer (an mmap'd file) or through a read function.
 */
#ifndef JX_IO_LEAFTABLE_H
#define JX_IO_LEAFTABLE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/err.h"
#include "core/grade.h"

#define LEAFTABLE_MAX_L1 16
#define LEAFTABLE_L1_NAME_MAX 64 /* bytes, with the NUL: 21 CJK characters */

struct leaftable_l1 {
    char name[LEAFTABLE_L1_NAME_MAX];
    int64_t weight, score; /* centi-points: the exact sums of the leaves' */
};

/* One scored evaluation, handed to the callback and then reused. */
struct leaftable_eval {
    const char *id;
    unsigned line; /* line of the evaluation's first row */
    size_t nr_leaves;
    struct leaftable_l1 l1[LEAFTABLE_MAX_L1]; /* in order of first appearance */
    size_t nr_l1;
    int64_t weight, total; /* centi-points: the exact sums of the leaves' */
    const char *grade;
};

/* Called once per evaluation in file order; return non-zero to stop. */
typedef int (*leaftable_fn)(const struct leaftable_eval *ev, void *data);
/*
 * Called once per leaf in file order, before fn is called for the leaf's evaluation (for
 * cross-checks and the bench); may be NULL. The strings live until the call returns.
 */
typedef void (*leaftable_leaf_fn)(const char *eval_id, const char *leaf_id, int64_t score,
                                  void *data);

/*
 * Scores every evaluation in data[0..len) (CSV, UTF-8, optional BOM, RFC 4180 quoting)
 * in the calling thread. bands may be NULL (nr_bands 0) for the default grade bands.
 * Errors name the place: "name:LINE:COL: message". Returns 0; JX_ESYNTAX (the CSV
 * structure: header, quoting, field counts, an empty file) or JX_EINVAL (a value: a
 * number, a method, a score outside its range, an evaluation whose rows are not
 * contiguous) with err filled; or the callback's non-zero value. On an error, fn has
 * been called for the evaluations before the failing one (for an error in the CSV
 * structure of a row: before the evaluation of the row above it).
 */
int leaftable_score(const char *data, size_t len, const char *name,
                    const struct jx_grade_band *bands, size_t nr_bands, leaftable_fn fn,
                    leaftable_leaf_fn leaf_fn, void *user, struct jx_err *err) JX_MUST_CHECK;

/*
 * As leaftable_score, with nr_threads worker threads scoring chunks of the table while
 * the calling thread makes every callback, in file order: the results, the errors and
 * the calls are the same as with one thread. nr_threads 0 or 1 scores in the calling
 * thread; small inputs are scored there whatever nr_threads says.
 */
int leaftable_score_threads(const char *data, size_t len, const char *name,
                            const struct jx_grade_band *bands, size_t nr_bands, unsigned nr_threads,
                            leaftable_fn fn, leaftable_leaf_fn leaf_fn, void *user,
                            struct jx_err *err) JX_MUST_CHECK;

/*
 * Supplies the table: reads up to len bytes into buf and returns how many, 0 at the end of
 * the input, or -1 on an error (reported as JX_EIO; the caller knows the reason, errno).
 */
typedef ssize_t (*leaftable_read_fn)(void *src, char *buf, size_t len);

/*
 * As leaftable_score_threads, the bytes coming from read(src, ...) in blocks of about a
 * megabyte instead of one buffer: no mapping of the whole file, so memory stays at a few
 * megabytes, and on machines where touching a large mapping is slow (page faults are
 * costly under some hypervisors) it is also the faster way (docs/performance.md).
 * Returns as leaftable_score does, or JX_EIO when read fails.
 */
int leaftable_score_stream(leaftable_read_fn read, void *src, const char *name,
                           const struct jx_grade_band *bands, size_t nr_bands, unsigned nr_threads,
                           leaftable_fn fn, leaftable_leaf_fn leaf_fn, void *user,
                           struct jx_err *err) JX_MUST_CHECK;

#endif
