/*
 * libFuzzer harness for leaf tables (docs/leaftable.md): arbitrary bytes through the
 * one-thread scorer and the threaded one, which must agree on the outcome and on every
 * callback. A disagreement or any sanitizer report is a crash.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "io/leaftable.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_eval(const struct leaftable_eval *ev, void *user)
{
    struct strbuf *out = user;

    strbuf_addf(out, "%s %zu %lld %s\n", ev->id, ev->nr_l1, (long long)ev->total,
                ev->grade ? ev->grade : "-");
    return 0;
}

static void on_leaf(const char *eval_id, const char *leaf_id, int64_t score, void *user)
{
    strbuf_addf(user, "%s/%s=%lld\n", eval_id, leaf_id, (long long)score);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct strbuf one = STRBUF_INIT, two = STRBUF_INIT;
    struct jx_err e1 = JX_ERR_INIT, e2 = JX_ERR_INIT;
    int r1, r2;

    r1 =
        leaftable_score((const char *)data, size, "fuzz.csv", NULL, 0, on_eval, on_leaf, &one, &e1);
    r2 = leaftable_score_threads((const char *)data, size, "fuzz.csv", NULL, 0, 2, on_eval, on_leaf,
                                 &two, &e2);
    if (r1 != r2 || strcmp(one.buf, two.buf) || strcmp(e1.msg.buf, e2.msg.buf))
        abort();
    strbuf_release(&one);
    strbuf_release(&two);
    jx_err_release(&e1);
    jx_err_release(&e2);
    return 0;
}
