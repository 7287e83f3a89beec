/* The table of evaluations for export (see eval_table.h). */
#include <stdlib.h>
#include <string.h>

#include "core/decimal.h"
#include "core/eval_table.h"
#include "core/xalloc.h"

void eval_table_init(struct jx_eval_table *t)
{
    memset(t, 0, sizeof(*t));
}

void eval_table_release(struct jx_eval_table *t)
{
    for (size_t i = 0; i < t->nr_rows; i++) {
        struct jx_table_row *r = &t->rows[i];

        free(r->unit);
        free(r->department);
        free(r->project);
        free(r->kind);
        free(r->status);
        free(r->grade);
        free(r->cells);
    }
    free(t->rows);
    for (size_t i = 0; i < t->nr_columns; i++)
        free(t->columns[i]);
    free(t->columns);
    memset(t, 0, sizeof(*t));
}

struct jx_table_row *eval_table_add_row(struct jx_eval_table *t)
{
    struct jx_table_row *r;

    ALLOC_GROW(t->rows, t->nr_rows + 1, t->alloc_rows);
    r = &t->rows[t->nr_rows++];
    memset(r, 0, sizeof(*r));
    r->planned = r->received = r->spent = -1;
    return r;
}

size_t eval_table_column(struct jx_eval_table *t, const char *name)
{
    for (size_t i = 0; i < t->nr_columns; i++)
        if (!strcmp(t->columns[i], name))
            return i;
    ALLOC_GROW(t->columns, t->nr_columns + 1, t->alloc_columns);
    t->columns[t->nr_columns] = xstrdup(name);
    return t->nr_columns++;
}

struct jx_table_cell *eval_table_cell(struct jx_table_row *row, size_t col)
{
    if (col >= row->nr_cells) {
        ALLOC_GROW(row->cells, col + 1, row->alloc_cells);
        memset(row->cells + row->nr_cells, 0, (col + 1 - row->nr_cells) * sizeof(*row->cells));
        row->nr_cells = col + 1;
    }
    return &row->cells[col];
}

const struct jx_table_cell *eval_table_get(const struct jx_table_row *row, size_t col)
{
    return col < row->nr_cells && row->cells[col].present ? &row->cells[col] : NULL;
}

int64_t eval_table_execution(const struct jx_table_row *row)
{
    return row->planned > 0 && row->spent >= 0 ? dec_rate(row->spent, row->planned) : -1;
}

void eval_table_column_stats(const struct jx_eval_table *t, size_t col, struct jx_column_stats *out)
{
    jx_i128 sum = 0, weights = 0;

    memset(out, 0, sizeof(*out));
    for (size_t i = 0; i < t->nr_rows; i++) {
        const struct jx_table_cell *c = eval_table_get(&t->rows[i], col);

        if (!c || !c->has_score)
            continue;
        if (!out->count || c->score < out->min)
            out->min = c->score;
        if (!out->count || c->score > out->max)
            out->max = c->score;
        out->count++;
        sum += c->score;
        weights += c->weight;
    }
    /* scores are never negative, so half away from zero is half-up */
    if (out->count)
        out->mean = dec_div_round(sum, out->count);
    out->rate = weights > 0 ? dec_rate(sum, weights) : -1;
}
