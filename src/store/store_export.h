/*
 * The store as one table for `jixiao db export`: every evaluation (of one year or all) with
 * its unit, 主管部门, project, budget and the 一级指标 (depth 1) of its current revision,
 * in id order. One query for all of it, in SQL that SQLite and PostgreSQL both run.
 */
#ifndef JX_STORE_EXPORT_H
#define JX_STORE_EXPORT_H

#include <stdint.h>

#include "core/eval_table.h"
#include "store/store.h"

/* Fills t (initialised by the caller, released by the caller even on error); year 0: all. */
int store_export_table(struct store *st, int64_t year, struct jx_eval_table *t, struct strbuf *why);

#endif
