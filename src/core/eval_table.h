/*
 * The evaluations of a store as one table, for `jixiao db export`: a row per evaluation
 * (its facts, budget and total) and a column per 一级指标 name met in any of them, in the
 * order first met. The store fills it (store_export.h), the renderers write it
 * (xlsx_summary.h, csv_summary.h); it lives in core because both need it and neither may
 * include the other.
 *
 * Exact, as everywhere: money in 分, scores in centi-points. The statistics of a column
 * are integer arithmetic with one rounding, half-up.
 */
#ifndef JX_CORE_EVAL_TABLE_H
#define JX_CORE_EVAL_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One evaluation's 一级指标 of a column. */
struct jx_table_cell {
    bool present;   /* the evaluation has this 一级指标 */
    bool has_score; /* false when it could not be scored */
    int64_t weight, score;
};

struct jx_table_row {
    int64_t id, year, version, total;
    int64_t planned, received, spent;                          /* 分; -1 when not given */
    char *unit, *department, *project, *kind, *status, *grade; /* department may be NULL */
    struct jx_table_cell *cells; /* indexed by column; missing past nr_cells */
    size_t nr_cells, alloc_cells;
};

struct jx_eval_table {
    struct jx_table_row *rows;
    size_t nr_rows, alloc_rows;
    char **columns; /* the 一级指标 names */
    size_t nr_columns, alloc_columns;
};

/* The statistics of one column over the rows that have a score in it. */
struct jx_column_stats {
    int64_t count;
    int64_t mean, min, max; /* centi-points; 0 when count is 0 */
    /* Σ得分 / Σ分值 in hundredths of a percent (the points earned of the points at stake,
     * one exact division); -1 when there is no weight. */
    int64_t rate;
};

void eval_table_init(struct jx_eval_table *t);
void eval_table_release(struct jx_eval_table *t);
/* A new zeroed row at the end (strings NULL, budget -1). */
struct jx_table_row *eval_table_add_row(struct jx_eval_table *t);
/* The column of 一级指标 name, added at the end when new. */
size_t eval_table_column(struct jx_eval_table *t, const char *name);
/* The cell of row in column col, created (absent) when missing. */
struct jx_table_cell *eval_table_cell(struct jx_table_row *row, size_t col);
/* The cell of row in column col, or NULL when the row does not have that 一级指标. */
const struct jx_table_cell *eval_table_get(const struct jx_table_row *row, size_t col);
/* Per-evaluation 执行率 (spent / planned) in hundredths of a percent; -1 when unknown. */
int64_t eval_table_execution(const struct jx_table_row *row);
void eval_table_column_stats(const struct jx_eval_table *t, size_t col,
                             struct jx_column_stats *out);

#endif
