/*
 * Differential harness for the YAML fast path: whatever yaml_fast.c accepts must parse
 * without error in libfyaml and give the same tree, node for node and position for
 * position. A difference aborts, so libFuzzer keeps the input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "io/eval_read.h"
#include "io/yaml_doc.h"
#include "io/yaml_fast.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    struct jx_arena fast_text = JX_ARENA_INIT, slow_text = JX_ARENA_INIT;
    struct yaml_doc fast = YAML_DOC_INIT, slow = YAML_DOC_INIT;
    struct jx_diags d = JX_DIAGS_INIT;
    struct strbuf why = STRBUF_INIT;

    /* eval_read() only hands over valid UTF-8 without NUL bytes. */
    if (!size || memchr(text, '\0', size) || !utf8_valid(text, size, NULL))
        return 0;
    if (yaml_fast_parse(&fast, text, size, EVAL_READ_MAX_NODES, &fast_text) == 0) {
        if (yaml_doc_parse(&slow, text, size, "fuzz.yaml", YAML_DOC_NO_FAST, EVAL_READ_MAX_NODES,
                           &slow_text, &d) != 0) {
            struct strbuf msgs = STRBUF_INIT;

            jx_diags_format(&d, &msgs);
            fprintf(stderr, "fast path accepted what libfyaml refuses:\n%s", msgs.buf);
            abort();
        }
        if (!ynode_same(fast.root, slow.root, &why)) {
            fprintf(stderr, "fast path and libfyaml differ: %s\n", why.buf);
            abort();
        }
    }
    strbuf_release(&why);
    jx_diags_release(&d);
    yaml_doc_release(&fast);
    yaml_doc_release(&slow);
    arena_release(&fast_text);
    arena_release(&slow_text);
    return 0;
}
