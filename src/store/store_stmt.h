/* Small helpers over the driver ops (store.h) that every store_*.c needs. */
#ifndef JX_STORE_STMT_H
#define JX_STORE_STMT_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

/* Binds v as text, or NULL when v is NULL. */
void stmt_bind_text_or_null(const struct store_ops *ops, struct store_stmt *s, int idx,
                            const char *v);
/* Binds v when has, else NULL. */
void stmt_bind_int_or_null(const struct store_ops *ops, struct store_stmt *s, int idx, bool has,
                           int64_t v);
/* Runs a statement to completion (a row, if any, is ignored) and resets it. */
int stmt_run(const struct store_ops *ops, struct store_stmt *s, struct strbuf *why);
/* A copy of column c's text (xstrdup), NULL for SQL NULL. */
char *stmt_column_strdup(const struct store_ops *ops, struct store_stmt *s, int c);
/* Column c as an integer, -1 for SQL NULL (for amounts and counts that are never negative). */
int64_t stmt_column_int_or_minus1(const struct store_ops *ops, struct store_stmt *s, int c);

#endif
