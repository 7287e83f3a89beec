/*
 * Errors and diagnostics. Fallible functions return 0 or a negative JX_E* code; when a
 * person needs the reason they also fill a struct jx_err. Validation, which must report
 * every problem and not only the first, appends to a struct jx_diags instead.
 */
#ifndef JX_ERR_H
#define JX_ERR_H

#include <stdbool.h>

#include "core/strbuf.h"

/* One list generates the codes, their names and their default messages (libuv). */
#define JX_ERRNO_MAP(X)                                                                            \
    X(EINVAL, "invalid input")                                                                     \
    X(ESYNTAX, "syntax error")                                                                     \
    X(ERANGE, "number out of range")                                                               \
    X(ETOOBIG, "input too large")                                                                  \
    X(EIO, "input/output error")                                                                   \
    X(ENOENT, "no such file or directory")                                                         \
    X(EISDIR, "is a directory")                                                                    \
    X(EUNSUPPORTED, "not supported")                                                               \
    X(EINTERNAL, "internal error")

enum jx_errno {
    JX_OK = 0,
#define JX_ERRNO_ENUM(name, msg) JX_##name,
    JX_ERRNO_FIRST_ = -100,
    JX_ERRNO_MAP(JX_ERRNO_ENUM)
#undef JX_ERRNO_ENUM
};

/* "EINVAL" for JX_EINVAL; "unknown" for anything else. */
const char *jx_err_name(int code);
/* "invalid input" for JX_EINVAL. */
const char *jx_strerror(int code);

/* Line and column are 1-based; 0 means unknown. */
struct jx_pos {
    unsigned line, col;
};

struct jx_err {
    int code;
    const char *file;
    unsigned line, col;
    struct strbuf msg;
};

#define JX_ERR_INIT                                                                                \
    {                                                                                              \
        0, NULL, 0, 0, STRBUF_INIT                                                                 \
    }
void jx_err_init(struct jx_err *e);
void jx_err_release(struct jx_err *e);
/* Sets code, position and message; returns code so callers can `return jx_err_set(...)`. */
int jx_err_set(struct jx_err *e, int code, const char *file, struct jx_pos pos, const char *fmt,
               ...) JX_PRINTF(5, 6);
/* Formats "file:line:col: message" (parts that are unknown are left out). */
void jx_err_format(const struct jx_err *e, struct strbuf *out);

enum jx_severity {
    JX_SEV_ERROR,
    JX_SEV_WARNING,
    JX_SEV_NOTE,
};

const char *jx_severity_name(enum jx_severity sev);

struct jx_diag {
    enum jx_severity severity;
    const char *file; /* borrowed; outlives the list */
    struct jx_pos pos;
    char *msg;
};

struct jx_diags {
    struct jx_diag *v;
    size_t nr, alloc;
    size_t errors, warnings;
};

#define JX_DIAGS_INIT                                                                              \
    {                                                                                              \
        NULL, 0, 0, 0, 0                                                                           \
    }
void jx_diags_release(struct jx_diags *d);
void jx_diags_add(struct jx_diags *d, enum jx_severity sev, const char *file, struct jx_pos pos,
                  const char *fmt, ...) JX_PRINTF(5, 6);
void jx_diags_vadd(struct jx_diags *d, enum jx_severity sev, const char *file, struct jx_pos pos,
                   const char *fmt, va_list ap) JX_PRINTF(5, 0);
/* Sorts by line, then column, keeping the order of equal positions. */
void jx_diags_sort(struct jx_diags *d);
/* Appends "file:line:col: [warning: ]message\n" for each diagnostic. */
void jx_diags_format(const struct jx_diags *d, struct strbuf *out);

#endif
