/*
 * The export table (store_export.h). The 一级指标 rows are LEFT JOINed so that an
 * evaluation without any still gets its row; ordering by id then seq brings every
 * evaluation's rows together and its 一级指标 in file order.
 */
#include <string.h>

#include "core/xalloc.h"
#include "store/store_export.h"
#include "store/store_stmt.h"

#define EXPORT_QUERY                                                                               \
    "SELECT e.id, e.year, e.version, e.total, e.budget_planned, e.budget_received, "               \
    "e.budget_spent, u.name, d.name, p.name, e.kind, e.status, e.grade, i.name, i.weight, "        \
    "i.score, i.seq FROM evaluations e JOIN projects p ON p.id = e.project_id "                    \
    "JOIN units u ON u.id = p.unit_id LEFT JOIN units d ON d.id = u.parent_id "                    \
    "JOIN evaluation_versions v ON v.evaluation_id = e.id AND v.revision = e.revision "            \
    "LEFT JOIN indicators i ON i.version_id = v.id AND i.depth = 1 "

static void read_eval(const struct store_ops *ops, struct store_stmt *s, struct jx_table_row *r)
{
    r->id = ops->column_int64(s, 0);
    r->year = ops->column_int64(s, 1);
    r->version = ops->column_int64(s, 2);
    r->total = ops->column_int64(s, 3);
    r->planned = stmt_column_int_or_minus1(ops, s, 4);
    r->received = stmt_column_int_or_minus1(ops, s, 5);
    r->spent = stmt_column_int_or_minus1(ops, s, 6);
    r->unit = stmt_column_strdup(ops, s, 7);
    r->department = stmt_column_strdup(ops, s, 8);
    r->project = stmt_column_strdup(ops, s, 9);
    r->kind = stmt_column_strdup(ops, s, 10);
    r->status = stmt_column_strdup(ops, s, 11);
    r->grade = stmt_column_strdup(ops, s, 12);
}

int store_export_table(struct store *st, int64_t year, struct jx_eval_table *t, struct strbuf *why)
{
    const struct store_ops *ops = store_ops_of(st);
    struct store_stmt *s;
    struct jx_table_row *row = NULL;
    int status;

    status = ops->prepare(st,
                          year ? EXPORT_QUERY "WHERE e.year = ? ORDER BY e.id, i.seq"
                               : EXPORT_QUERY "ORDER BY e.id, i.seq",
                          &s, why);
    if (status != STORE_DONE)
        return status;
    if (year)
        ops->bind_int64(s, 1, year);
    while ((status = ops->step(s, why)) == STORE_ROW) {
        if (!row || row->id != ops->column_int64(s, 0)) {
            row = eval_table_add_row(t);
            read_eval(ops, s, row);
        }
        if (!ops->column_is_null(s, 13)) {
            const char *name = ops->column_text(s, 13, NULL);
            struct jx_table_cell *c = eval_table_cell(row, eval_table_column(t, name));

            /* sibling names are unique (validation), so a cell is filled once */
            c->present = true;
            c->weight = ops->column_int64(s, 14);
            c->has_score = !ops->column_is_null(s, 15);
            c->score = c->has_score ? ops->column_int64(s, 15) : 0;
        }
    }
    ops->finalize(s);
    return status;
}
