/*
 * Error codes, single errors and diagnostic lists. Messages follow the house form:
 * "file:line:col: message", lowercase first word, no final period.
 */
#include <stdlib.h>
#include <string.h>

#include "core/err.h"

const char *jx_err_name(int code)
{
    switch (code) {
    case JX_OK:
        return "OK";
#define JX_ERRNO_NAME(name, msg)                                                                   \
    case JX_##name:                                                                                \
        return #name;
        JX_ERRNO_MAP(JX_ERRNO_NAME)
#undef JX_ERRNO_NAME
    }
    return "unknown";
}

const char *jx_strerror(int code)
{
    switch (code) {
    case JX_OK:
        return "success";
#define JX_ERRNO_MSG(name, msg)                                                                    \
    case JX_##name:                                                                                \
        return msg;
        JX_ERRNO_MAP(JX_ERRNO_MSG)
#undef JX_ERRNO_MSG
    }
    return "unknown error";
}

void jx_err_init(struct jx_err *e)
{
    e->code = 0;
    e->file = NULL;
    e->line = e->col = 0;
    strbuf_init(&e->msg, 0);
}

void jx_err_release(struct jx_err *e)
{
    strbuf_release(&e->msg);
    jx_err_init(e);
}

int jx_err_set(struct jx_err *e, int code, const char *file, struct jx_pos pos, const char *fmt,
               ...)
{
    va_list ap;

    if (!e)
        return code;
    e->code = code;
    e->file = file;
    e->line = pos.line;
    e->col = pos.col;
    strbuf_reset(&e->msg);
    va_start(ap, fmt);
    strbuf_vaddf(&e->msg, fmt, ap);
    va_end(ap);
    return code;
}

static void format_location(struct strbuf *out, const char *file, struct jx_pos pos)
{
    if (file)
        strbuf_addf(out, "%s:", file);
    if (pos.line) {
        strbuf_addf(out, "%u:", pos.line);
        if (pos.col)
            strbuf_addf(out, "%u:", pos.col);
    }
    if (file || pos.line)
        strbuf_addch(out, ' ');
}

void jx_err_format(const struct jx_err *e, struct strbuf *out)
{
    struct jx_pos pos = {e->line, e->col};

    format_location(out, e->file, pos);
    strbuf_addstr(out, e->msg.len ? e->msg.buf : jx_strerror(e->code));
}

const char *jx_severity_name(enum jx_severity sev)
{
    switch (sev) {
    case JX_SEV_ERROR:
        return "error";
    case JX_SEV_WARNING:
        return "warning";
    case JX_SEV_NOTE:
        return "note";
    }
    return "error";
}

void jx_diags_release(struct jx_diags *d)
{
    for (size_t i = 0; i < d->nr; i++)
        free(d->v[i].msg);
    free(d->v);
    memset(d, 0, sizeof(*d));
}

void jx_diags_vadd(struct jx_diags *d, enum jx_severity sev, const char *file, struct jx_pos pos,
                   const char *fmt, va_list ap)
{
    struct strbuf sb = STRBUF_INIT;
    struct jx_diag *diag;

    strbuf_vaddf(&sb, fmt, ap);
    ALLOC_GROW(d->v, d->nr + 1, d->alloc);
    diag = &d->v[d->nr++];
    diag->severity = sev;
    diag->file = file;
    diag->pos = pos;
    diag->msg = strbuf_detach(&sb, NULL);
    if (sev == JX_SEV_ERROR)
        d->errors++;
    else if (sev == JX_SEV_WARNING)
        d->warnings++;
}

void jx_diags_add(struct jx_diags *d, enum jx_severity sev, const char *file, struct jx_pos pos,
                  const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    jx_diags_vadd(d, sev, file, pos, fmt, ap);
    va_end(ap);
}

static int pos_before(const struct jx_diag *a, const struct jx_diag *b)
{
    if (a->pos.line != b->pos.line)
        return a->pos.line < b->pos.line;
    return a->pos.col < b->pos.col;
}

void jx_diags_sort(struct jx_diags *d)
{
    /* Insertion sort: stable, and lists are short (tens of entries). */
    for (size_t i = 1; i < d->nr; i++) {
        struct jx_diag cur = d->v[i];
        size_t j = i;

        while (j > 0 && pos_before(&cur, &d->v[j - 1])) {
            d->v[j] = d->v[j - 1];
            j--;
        }
        d->v[j] = cur;
    }
}

void jx_diags_format(const struct jx_diags *d, struct strbuf *out)
{
    for (size_t i = 0; i < d->nr; i++) {
        const struct jx_diag *diag = &d->v[i];

        format_location(out, diag->file, diag->pos);
        if (diag->severity != JX_SEV_ERROR)
            strbuf_addf(out, "%s: ", jx_severity_name(diag->severity));
        strbuf_addstr(out, diag->msg);
        strbuf_addch(out, '\n');
    }
}
