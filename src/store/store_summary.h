/*
 * Summaries over the store: counts, mean and median score, grade distribution, budget
 * totals and the ranking of units, for one year or all, overall and by unit, kind or grade.
 * Exact: scores in centi-points, money in 分; means and medians rounded half away from zero
 * (half-up for the non-negative scores). SQL selects and orders the rows, integer code
 * aggregates them.
 */
#ifndef JX_STORE_SUMMARY_H
#define JX_STORE_SUMMARY_H

#include <stdint.h>

#include "store/store.h"

enum store_group {
    STORE_BY_UNIT,  /* 实施单位 */
    STORE_BY_KIND,  /* 单位自评 / 部门评价 / 财政评价 */
    STORE_BY_GRADE, /* 优 良 中 差 ... */
};

#define STORE_MAX_GRADES 8

struct store_stats {
    char *key; /* the group; NULL for the whole */
    int64_t count;
    int64_t mean, median, min, max; /* centi-points; 0 when count is 0 */
    int64_t planned, received, spent;
    int64_t execution; /* spent / planned in hundredths of a percent; -1 when planned is 0 */
    struct {
        char *grade;
        int64_t count;
    } grades[STORE_MAX_GRADES]; /* 优 良 中 差 first, then others by name */
    size_t nr_grades;
    int64_t other_grades; /* evaluations beyond STORE_MAX_GRADES distinct grades */
};

struct store_summary {
    int64_t year; /* 0: every year */
    enum store_group by;
    struct store_stats all;
    struct store_stats *groups; /* ranked: mean high to low, then count, then key */
    size_t nr_groups;
};

const char *store_group_name(enum store_group g);
int store_group_from_name(const char *name, enum store_group *g);

int store_summarize(struct store *st, int64_t year, enum store_group by, struct store_summary *out,
                    struct strbuf *why);
void store_summary_release(struct store_summary *s);

#endif
