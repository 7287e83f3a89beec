/*
 * libFuzzer harness for evaluation files: the path every `jixiao score FILE` takes,
 * read -> validate -> score, on arbitrary bytes. Scoring runs on whatever decoded,
 * validation errors or not, because score_eval() promises to cope with any evaluation the
 * reader accepts. Everything is released, so LeakSanitizer sees a leak as a crash.
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

    /* The name decides nothing here: JSON is recognised by its leading '{'. */
    if (eval_read((const char *)data, size, "fuzz.yaml", EVAL_SYNTAX_AUTO, &ev, &d) == 0) {
        (void)validate_eval(&ev, &d);
        if (score_eval(&ev, &d) == 0 && ev.root.nr_children)
            score_explain(&ev, &ev.root.children[0], &out);
    }
    jx_diags_format(&d, &out);
    strbuf_release(&out);
    jx_diags_release(&d);
    eval_release(&ev);
    return 0;
}
