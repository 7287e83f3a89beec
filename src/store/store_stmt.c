/* Small helpers over the driver ops (store_stmt.h). */
#include <string.h>

#include "core/xalloc.h"
#include "store/store_stmt.h"

void stmt_bind_text_or_null(const struct store_ops *ops, struct store_stmt *s, int idx,
                            const char *v)
{
    if (v)
        ops->bind_text(s, idx, v, strlen(v));
    else
        ops->bind_null(s, idx);
}

void stmt_bind_int_or_null(const struct store_ops *ops, struct store_stmt *s, int idx, bool has,
                           int64_t v)
{
    if (has)
        ops->bind_int64(s, idx, v);
    else
        ops->bind_null(s, idx);
}

int stmt_run(const struct store_ops *ops, struct store_stmt *s, struct strbuf *why)
{
    int status = ops->step(s, why);

    if (status == STORE_ROW)
        status = STORE_DONE;
    ops->reset(s);
    return status;
}

char *stmt_column_strdup(const struct store_ops *ops, struct store_stmt *s, int c)
{
    const char *t = ops->column_text(s, c, NULL);

    return t ? xstrdup(t) : NULL;
}

int64_t stmt_column_int_or_minus1(const struct store_ops *ops, struct store_stmt *s, int c)
{
    return ops->column_is_null(s, c) ? -1 : ops->column_int64(s, c);
}
