/*
 * read → decode → validate → score for one file. Validation errors stop before scoring,
 * because scoring a tree whose weights do not foot would print numbers that mean
 * nothing; decoding errors likewise.
 */
#include <string.h>

#include "cli/files.h"
#include "cli/load.h"
#include "core/score.h"
#include "core/validate.h"
#include "io/eval_read.h"

int load_eval(const char *path, struct strbuf *buf, struct jx_eval *ev, struct jx_diags *d)
{
    struct strbuf why = STRBUF_INIT;
    struct jx_pos nowhere = {0, 0};
    /* Messages about standard input name it the way compilers do. */
    const char *name = strcmp(path, "-") ? path : "<stdin>";
    int ret = -1;

    eval_init(ev, name);
    if (files_read(path, EVAL_READ_MAX_BYTES, buf, &why) < 0) {
        jx_diags_add(d, JX_SEV_ERROR, NULL, nowhere, "%s", why.buf);
        goto out;
    }
    eval_release(ev);
    if (eval_read(buf->buf, buf->len, name, EVAL_SYNTAX_AUTO, ev, d) != 0 || d->errors)
        goto out;
    if (validate_eval(ev, d) > 0 || d->errors)
        goto out;
    if (score_eval(ev, d) != 0 || d->errors)
        goto out;
    ret = 0;
out:
    jx_diags_sort(d);
    strbuf_release(&why);
    return ret;
}
