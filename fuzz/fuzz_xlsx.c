/*
 * libFuzzer harness for spreadsheets: the path every `jixiao import` takes on arbitrary
 * bytes — a zip (PK…) as an xlsx workbook (ooxml caps, workbook/rels/shared strings/
 * styles/sheet XML, merged ranges, the 评分表 reader, validation and scoring), anything
 * else as a CSV 评分表 — and then the YAML writer on what was read. Everything is
 * released, so LeakSanitizer sees a leak as a crash.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/eval.h"
#include "core/strbuf.h"
#include "io/eval_write.h"
#include "io/scoresheet_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct jx_diags d = JX_DIAGS_INIT;
    struct strbuf out = STRBUF_INIT;
    struct scoresheet_meta meta = {.unit = "u", .project = "p", .year = "2023"};
    struct jx_eval ev;
    int ret;

    if (size >= 2 && !memcmp(data, "PK", 2))
        ret = scoresheet_read_xlsx((const char *)data, size, "fuzz.xlsx", &meta, &ev, &d);
    else
        ret = scoresheet_read_csv((const char *)data, size, "fuzz.csv", &meta, &ev, &d);
    if (ret == 0)
        eval_write_yaml(&ev, &out);
    jx_diags_format(&d, &out);
    strbuf_release(&out);
    jx_diags_release(&d);
    eval_release(&ev);
    return 0;
}
