/*
 * libFuzzer harness for .docx reports: input starting with "PK" is a whole package
 * (io/ooxml.h caps and the zip layer), anything else is word/document.xml itself, so that
 * the fuzzer reaches the XML walk without having to forge zip archives. The text then
 * goes through report_text_parse and the report rules like a real report. Invariant
 * checked: the text handed on has the layout docx_text.h promises (a cell line holds no
 * second tab). A failed check or any sanitizer report is a crash.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/check.h"
#include "core/report_extract.h"
#include "io/docx_text.h"
#include "io/report_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_layout(const struct strbuf *text)
{
    const char *p = text->buf, *end = text->buf + text->len;

    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;

        if (*p == '\t' && memchr(p + 1, '\t', (size_t)(e - p - 1)))
            abort();
        p = e + 1;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct strbuf text = STRBUF_INIT, why = STRBUF_INIT;
    const char *buf = (const char *)data;
    int rc;

    if (size >= 2 && buf[0] == 'P' && buf[1] == 'K')
        rc = docx_text(buf, size, "fuzz.docx", &text, &why);
    else
        rc = docx_text_xml(buf, size, "fuzz.docx", &text, &why);
    if (rc < 0 && !why.len)
        abort();
    if (rc == 0) {
        struct report_extract rx;

        check_layout(&text);
        strbuf_reset(&why);
        if (report_text_parse(text.buf, text.len, &rx, &why) == 0) {
            struct check_doc doc;
            struct check_findings f = CHECK_FINDINGS_INIT;

            check_doc_init(&doc, &rx, "fuzz.docx");
            check_doc_run(&doc, &f);
            check_findings_release(&f);
            check_doc_release(&doc);
        }
        report_extract_release(&rx);
    }
    strbuf_release(&text);
    strbuf_release(&why);
    return 0;
}
