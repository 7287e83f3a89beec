/*
 * libFuzzer harness for existing plain-text reports: arbitrary bytes through
 * report_text_parse (encoding detection, sections, the 评价情况总表, the 自评表), then the
 * report seen as an evaluation and every rule that applies to reports, then the extract
 * JSON. Invariants checked: paragraphs are in line order and each points at a section
 * that exists; every finding locates to a paragraph or to the start. A failed check or
 * any sanitizer report is a crash.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/check.h"
#include "core/report_extract.h"
#include "io/report_text.h"
#include "render/extract_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct report_extract rx;
    struct strbuf why = STRBUF_INIT, out = STRBUF_INIT;

    if (report_text_parse((const char *)data, size, &rx, &why) == 0) {
        struct check_doc doc;
        struct check_findings f = CHECK_FINDINGS_INIT;

        for (size_t i = 0; i < rx.nr_paras; i++)
            if (rx.paras[i].section > rx.nr_sections ||
                (i && rx.paras[i].line <= rx.paras[i - 1].line))
                abort();
        check_doc_init(&doc, &rx, "fuzz.txt");
        check_doc_run(&doc, &f);
        for (size_t i = 0; i < f.nr; i++)
            report_extract_where(&rx, report_extract_locate(&rx, f.v[i].pos.line), &out);
        check_findings_release(&f);
        check_doc_release(&doc);
        extract_json("fuzz.txt", &rx, &out);
    } else if (!why.len) {
        abort();
    }
    report_extract_release(&rx);
    strbuf_release(&why);
    strbuf_release(&out);
    return 0;
}
