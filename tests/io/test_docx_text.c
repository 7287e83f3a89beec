/*
 * The .docx text reader: paragraphs and runs, w:tab and w:br in runs but not the tab
 * stops of paragraph properties, deleted text left out and inserted text kept, tables as
 * one line per cell with a blank line after each row (empty cells as a bare tab, nested
 * tables folded into their cell), text boxes inside a paragraph, malformed XML, and the
 * seed report as .docx against its plain-text original.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "io/docx_text.h"
#include "io/report_text.h"

#define W "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"

static void expect_text(const char *xml, const char *want)
{
    struct strbuf out = STRBUF_INIT, why = STRBUF_INIT;

    assert_int_equal(docx_text_xml(xml, strlen(xml), "t.docx", &out, &why), 0);
    assert_string_equal(why.buf, "");
    assert_string_equal(out.buf, want);
    strbuf_release(&out);
    strbuf_release(&why);
}

static void test_paragraphs(void **state)
{
    (void)state;
    expect_text(W "<w:body><w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"420\"/></w:tabs>"
                  "</w:pPr><w:r><w:t>一、</w:t></w:r><w:r><w:t>基本情况</w:t></w:r></w:p>"
                  "<w:p/><w:p><w:r><w:t xml:space=\"preserve\">a </w:t><w:tab/><w:t>b</w:t>"
                  "<w:br/><w:t>c</w:t></w:r></w:p></w:body></w:document>",
                "一、基本情况\n\na \tb\nc\n");
}

static void test_revisions(void **state)
{
    (void)state;
    expect_text(W "<w:body><w:p><w:r><w:t>执行率</w:t></w:r><w:del><w:r><w:delText>98%"
                  "</w:delText></w:r><w:r><w:t>99%</w:t><w:tab/></w:r></w:del><w:ins><w:r>"
                  "<w:t>100%</w:t></w:r></w:ins></w:p></w:body></w:document>",
                "执行率100%\n");
}

static void test_tables(void **state)
{
    (void)state;
    expect_text(W "<w:body><w:p><w:r><w:t>评价情况总表</w:t></w:r></w:p><w:tbl><w:tr>"
                  "<w:tc><w:p><w:r><w:t>一级</w:t></w:r></w:p><w:p><w:r><w:t>指标</w:t>"
                  "</w:r></w:p></w:tc><w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>a</w:t><w:tab/>"
                  "<w:t>b</w:t><w:br/><w:t>c</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc>"
                  "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>嵌套</w:t></w:r></w:p></w:tc><w:tc><w:p>"
                  "<w:r><w:t>表</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc><w:tc/></w:tr>"
                  "</w:tbl><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>",
                "评价情况总表\n\t一级 指标\n\t\n\ta b c\n\n\t嵌套 表\n\t\n\n正文\n");
}

static void test_text_box(void **state)
{
    (void)state;
    /* a paragraph of a text box inside a run stays on its paragraph's line */
    expect_text(W "<w:body><w:p><w:r><w:t>外</w:t></w:r><w:r><w:pict><w:txbxContent><w:p>"
                  "<w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></w:pict></w:r></w:p>"
                  "</w:body></w:document>",
                "外 框内\n");
}

static void test_malformed(void **state)
{
    static const char *const bad[] = {
        W "<w:body><w:p><w:r><w:t>未闭合</w:t></w:r></w:body></w:document>",
        "<w:document><w:body>",
        "not xml at all",
        W "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><w:body><w:p><w:r>"
          "<w:t>&b;&c;</w:t></w:r></w:p></w:body></w:document>",
    };

    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct strbuf out = STRBUF_INIT, why = STRBUF_INIT;

        assert_int_equal(docx_text_xml(bad[i], strlen(bad[i]), "t.docx", &out, &why), -1);
        assert_non_null(strstr(why.buf, "'t.docx': word/document.xml is malformed"));
        strbuf_release(&out);
        strbuf_release(&why);
    }
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    assert_true(n > 0);
    rewind(f);
    buf = xmalloc((size_t)n + 1);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* The seed saved as .docx by LibreOffice reads to the rows the issue names. */
static void test_seed_docx(void **state)
{
    struct strbuf text = STRBUF_INIT, why = STRBUF_INIT;
    struct report_extract rx;
    size_t len;
    char *docx = slurp(JX_TEST_DATA "/check/reports/seed.docx", &len);
    static const char *const names[] = {"项目决策", "项目过程", "项目产出", "项目效益"};
    static const int64_t weights[] = {2500, 1500, 3000, 3000};

    (void)state;
    assert_int_equal(docx_text(docx, len, "seed.docx", &text, &why), 0);
    assert_int_equal(report_text_parse(text.buf, text.len, &rx, &why), 0);
    assert_int_equal(rx.nr_rows, 4);
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(rx.rows[i].name, names[i]);
        assert_int_equal(rx.rows[i].weight, weights[i]);
        assert_int_equal(rx.rows[i].score, weights[i]);
        assert_int_equal(rx.rows[i].rate, 10000);
    }
    assert_true(rx.has_total);
    assert_int_equal(rx.total, 10000);
    assert_string_equal(rx.grade, "优");
    assert_true(rx.nr_amounts > 0);
    assert_string_equal(rx.amounts[0].text, "345.3万元");
    assert_int_equal(rx.amounts[0].fen, 345300000);
    assert_int_equal(rx.nr_rates, 1);
    assert_int_equal(rx.rates[0].rate, 10000);
    report_extract_release(&rx);
    free(docx);
    strbuf_release(&text);
    strbuf_release(&why);
}

static void test_not_word(void **state)
{
    struct strbuf text = STRBUF_INIT, why = STRBUF_INIT;

    (void)state;
    assert_int_equal(docx_text("abc", 3, "x.docx", &text, &why), -1);
    assert_non_null(strstr(why.buf, "'x.docx' is not a zip archive"));
    strbuf_release(&text);
    strbuf_release(&why);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paragraphs), cmocka_unit_test(test_revisions),
        cmocka_unit_test(test_tables),     cmocka_unit_test(test_text_box),
        cmocka_unit_test(test_malformed),  cmocka_unit_test(test_seed_docx),
        cmocka_unit_test(test_not_word),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
