/*
 * libFuzzer harness for evaluation files: the path every `jixiao score FILE` takes,
 * read -> validate -> score, on arbitrary bytes. Everything is released, so
 * LeakSanitizer sees a leak as a crash.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/eval.h"
#include "core/score.h"
#include "core/strbuf.h"
#include "core/validate.h"
#include "io/eval_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct jx_diags d = JX_DIAGS_INIT;
    struct strbuf out = STRBUF_INIT;
    struct jx_eval ev;
    int ret;

    /* As cli/load.c, validation runs on whatever decoded. Scoring runs on every file the
     * reader accepts, validation errors or not: score_eval() promises to cope with them.
     * The name decides nothing here: JSON is recognised by its leading '{'. */
    ret = eval_read((const char *)data, size, "fuzz.yaml", EVAL_SYNTAX_AUTO, &ev, &d);
    if (ret != JX_ETOOBIG && (ret == 0 || ev.root.nr_children))
        (void)validate_eval(&ev, &d);
    if (ret == 0 && score_eval(&ev, &d) == 0 && ev.root.nr_children)
        score_explain(&ev, &ev.root.children[0], &out);
    jx_diags_format(&d, &out);
    strbuf_release(&out);
    jx_diags_release(&d);
    eval_release(&ev);
    return 0;
}
