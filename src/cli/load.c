/*
 * read → decode → validate → score for one file. Validation runs even when decoding
 * found errors, so that one run reports every problem; its findings at a position the
 * decoder already complained about are dropped (a missing weight is one problem, not
 * two). Scoring runs only on a clean file: numbers from a tree whose weights do not
 * foot would mean nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/files.h"
#include "cli/load.h"
#include "cli/survey_answers.h"
#include "core/score.h"
#include "core/validate.h"
#include "io/eval_read.h"

static bool reported_at(const struct jx_diags *d, struct jx_pos pos)
{
    for (size_t i = 0; i < d->nr; i++)
        if (d->v[i].severity == JX_SEV_ERROR && d->v[i].pos.line == pos.line &&
            d->v[i].pos.col == pos.col)
            return true;
    return false;
}

/* Moves the diagnostics of from into to, except errors at positions to already has. */
static void merge_new(struct jx_diags *to, struct jx_diags *from)
{
    for (size_t i = 0; i < from->nr; i++) {
        struct jx_diag *x = &from->v[i];

        if (x->severity == JX_SEV_ERROR && reported_at(to, x->pos))
            continue;
        jx_diags_add(to, x->severity, x->file, x->pos, "%s", x->msg);
    }
    jx_diags_release(from);
}

int load_eval(const char *path, struct strbuf *buf, struct jx_eval *ev, struct jx_diags *d)
{
    struct strbuf why = STRBUF_INIT;
    struct jx_diags later = JX_DIAGS_INIT;
    struct jx_pos nowhere = {0, 0};
    /* Messages about standard input name it the way compilers do. */
    const char *name = strcmp(path, "-") ? path : "<stdin>";
    int ret = -1, read_ret;

    eval_init(ev, name);
    if (files_read(path, EVAL_READ_MAX_BYTES, buf, &why) < 0) {
        jx_diags_add(d, JX_SEV_ERROR, NULL, nowhere, "%s", why.buf);
        goto out;
    }
    eval_release(ev);
    read_ret = eval_read(buf->buf, buf->len, name, EVAL_SYNTAX_AUTO, ev, d);
    if (read_ret == JX_ETOOBIG || (read_ret && !ev->root.nr_children))
        goto out; /* nothing decoded worth validating */
    /* Surveys that point at answers files get their counts before anyone reads them. */
    survey_answers_fill(ev, path, d);
    validate_eval(ev, &later);
    merge_new(d, &later);
    if (read_ret || d->errors)
        goto out;
    if (score_eval(ev, d) != 0 || d->errors)
        goto out;
    ret = 0;
out:
    jx_diags_sort(d);
    strbuf_release(&why);
    return ret;
}
