/*
 * The PDF renderer on a hand-built report with every block kind, a table long enough to
 * span three pages with merged cells, a row taller than a page and hostile text: the
 * output is a complete PDF with the expected number of pages, its outline and metadata,
 * the same bytes on every run, and a Latin-only font is refused.
 *
 * JX_PDF_DUMP=FILE writes the test report there to look at it (pdftoppm, pdftotext).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Included to reach check_font (static); the library's copy is then not linked. */
#include "../../src/render/report_pdf.c"

static const char *const categories[] = {"项目决策", "项目过程", "项目产出", "项目效益"};
static const int64_t rates[] = {10000, 8750, 9630, 10000};
static const char *const rate_labels[] = {"100.00%", "87.50%", "96.30%", "100.00%"};

/* Rows of the long table: 3 pages of small rows with a vertical merge every 5 rows. */
#define LONG_ROWS 90

static void add_long_table(struct report *r)
{
    struct report_table *t = report_add_table(r, LONG_ROWS + 2, 5, 2);
    static unsigned widths[] = {120, 380, 150, 150, 200};
    char buf[128];

    t->col_widths = widths;
    report_cell_set(r, t, 0, 0, "序号");
    report_cell_set(r, t, 0, 1, "指标");
    report_cell_set(r, t, 0, 2, "分值与得分");
    report_cell_merge(t, 0, 2, 1, 2);
    report_cell_set(r, t, 0, 4, "评分依据");
    report_cell_merge(t, 0, 0, 2, 1);
    report_cell_merge(t, 0, 1, 2, 1);
    report_cell_merge(t, 0, 4, 2, 1);
    report_cell_set(r, t, 1, 2, "分值");
    report_cell_set(r, t, 1, 3, "得分");
    for (size_t i = 0; i < 2; i++)
        for (size_t c = 0; c < 5; c++)
            report_cell_at(t, i, c)->bold = true;
    for (size_t i = 0; i < LONG_ROWS; i++) {
        size_t row = i + 2;

        snprintf(buf, sizeof(buf), "%zu", i + 1);
        report_cell_set(r, t, row, 0, buf);
        snprintf(buf, sizeof(buf), "第%zu项 故障率", i + 1);
        report_cell_set(r, t, row, 1, buf);
        report_cell_set(r, t, row, 2, "5.00");
        report_cell_at(t, row, 2)->align = REPORT_ALIGN_RIGHT;
        report_cell_set(r, t, row, 3, "4.50");
        report_cell_at(t, row, 3)->align = REPORT_ALIGN_RIGHT;
        if (i % 5 == 0) {
            report_cell_set(r, t, row, 4, "同组五项共用的评分依据：按完成比例计分，见附件");
            report_cell_merge(t, row, 4, 5, 1);
        }
    }
}

/* A table whose only body row is taller than a page: it must continue, not vanish. */
static void add_tall_row_table(struct report *r)
{
    struct report_table *t = report_add_table(r, 2, 2, 1);
    static unsigned widths[] = {300, 700};
    struct strbuf long_text = STRBUF_INIT;

    t->col_widths = widths;
    report_cell_set(r, t, 0, 0, "事项");
    report_cell_set(r, t, 0, 1, "说明");
    report_cell_set(r, t, 1, 0, "超长说明");
    for (int i = 0; i < 120; i++)
        strbuf_addf(&long_text, "第%d行：资金到位后均已执行，执行率100%%。\n", i + 1);
    strbuf_addstr(&long_text, "超长单元格结束");
    report_cell_set(r, t, 1, 1, long_text.buf);
    strbuf_release(&long_text);
}

static void build_report(struct report *r)
{
    struct report_chart *c;
    struct report_table *t;
    static unsigned widths[] = {400, 200, 200, 200};

    report_init(r);
    r->layout = "部门评价报告";
    r->title = "信息化建设项目绩效评价报告";
    r->subtitle = "（2022年度）";
    r->author = "信丰县行政审批局";
    r->date = "2023-03-20";
    report_add_heading(r, 1, "一、基本情况");
    report_add_heading(r, 2, "（一）项目概况");
    report_add_paragraph(r, REPORT_PARA_BODY,
                         "为推进政务服务信息化建设，进一步推进“放管服”改革，加强“五型”政府"
                         "建设，打造“四最”营商环境，完善我县相对集中行政许可权改革，提高划转"
                         "事项行政审批效率。");
    report_add_heading(r, 3, "1.项目决策");
    /* Hostile: markup, an unbreakable run, control characters, invalid UTF-8, RTL. */
    report_add_paragraph(r, REPORT_PARA_PLAIN,
                         "<b>不是标记</b> &amp; %s %n "
                         "https://example.invalid/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa \x01\x1b[31m"
                         "\xff\xfe\xc3 שלום 结束");
    report_add_paragraph(r, REPORT_PARA_BODY, "");
    report_add_heading(r, 1, "三、综合评价情况及评价结论\x01<i>");
    report_add_paragraph(r, REPORT_PARA_CAPTION, "表1 评价情况总表");
    t = report_add_table(r, 3, 4, 1);
    t->col_widths = widths;
    report_cell_set(r, t, 0, 0, "一级指标");
    report_cell_set(r, t, 0, 1, "分值");
    report_cell_set(r, t, 0, 2, "评价得分");
    report_cell_set(r, t, 0, 3, "得分率（%）");
    report_cell_set(r, t, 1, 0, "项目决策");
    report_cell_set(r, t, 1, 1, "25.00");
    report_cell_set(r, t, 1, 2, "25.00");
    report_cell_set(r, t, 1, 3, "100.00%");
    report_cell_set(r, t, 2, 0, "评价总得分");
    report_cell_set(r, t, 2, 1, "100.00");
    report_cell_merge(t, 2, 1, 1, 3);
    report_add_paragraph(r, REPORT_PARA_NOTE, "注：得分率＝评价得分÷分值×100%。");
    c = report_add_chart(r);
    c->kind = REPORT_CHART_BAR;
    c->title = "各一级指标得分率";
    c->y_unit = "%";
    c->nr_categories = 4;
    c->categories = (const char **)categories;
    c->nr_series = 1;
    c->values = rates;
    c->value_labels = (const char **)rate_labels;
    c->decimals = 2;
    c->y_max = 10000;
    report_add_paragraph(r, REPORT_PARA_SIGNATURE, "信丰县行政审批局\n2023年3月20日");
    report_add_page_break(r);
    report_add_page_break(r); /* a second break on an empty page adds no page */
    report_add_heading(r, 1, "附表");
    add_long_table(r);
    add_tall_row_table(r);
}

/* Occurrences of needle in the bytes of sb (a PDF holds NULs in its binary streams). */
static size_t count(const struct strbuf *sb, const char *needle)
{
    size_t n = 0, len = strlen(needle);

    for (size_t i = 0; i + len <= sb->len; i++)
        if (!memcmp(sb->buf + i, needle, len))
            n++;
    return n;
}

/* Pages are "/Type /Page" objects; "/Type /Pages" is the page tree. */
static size_t count_pages(const struct strbuf *pdf)
{
    return count(pdf, "/Type /Page") - count(pdf, "/Type /Pages");
}

static void dump(const struct strbuf *pdf)
{
    const char *path = getenv("JX_PDF_DUMP");
    FILE *f;

    if (!path)
        return;
    f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(pdf->buf, 1, pdf->len, f), pdf->len);
    assert_int_equal(fclose(f), 0);
}

static void test_every_block_kind(void **state)
{
    struct report r;
    struct strbuf pdf = STRBUF_INIT, why = STRBUF_INIT;
    size_t pages;

    (void)state;
    build_report(&r);
    assert_int_equal(report_pdf(&r, &pdf, &why), 0);
    assert_int_equal(why.len, 0);
    dump(&pdf);
    assert_memory_equal(pdf.buf, "%PDF-", 5);
    assert_true(pdf.len > 8);
    assert_memory_equal(pdf.buf + pdf.len - 6, "%%EOF\n", 6);
    /* Page 1: title to signature and chart, maybe page 2; then 附表: the long table on
     * at least 3 pages, the tall row on at least 2 more. */
    pages = count_pages(&pdf);
    assert_true(pages >= 6);
    assert_true(pages <= 12);
    /* Outline: one entry per heading (5), nested under /Outlines. */
    assert_int_equal(count(&pdf, "/Type /Outlines"), 1);
    assert_true(count(&pdf, "/CreationDate (20230320000000)"));
    assert_true(count(&pdf, "/MediaBox [ 0 0 595.28 841.89 ]"));
    /* Fonts are embedded subsets of Noto CJK (the subset tag is "XXXXXX+"). */
    assert_true(count(&pdf, "+NotoSerifCJKsc-Regular"));
    assert_true(count(&pdf, "/FontFile3"));
    report_release(&r);
    strbuf_release(&pdf);
    strbuf_release(&why);
}

static void test_same_bytes_every_run(void **state)
{
    struct report r;
    struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, why = STRBUF_INIT;

    (void)state;
    build_report(&r);
    assert_int_equal(report_pdf(&r, &a, &why), 0);
    assert_int_equal(report_pdf(&r, &b, &why), 0);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.buf, b.buf, a.len);
    report_release(&r);
    strbuf_release(&a);
    strbuf_release(&b);
    strbuf_release(&why);
}

static void test_landscape_and_no_date(void **state)
{
    struct report r;
    struct strbuf pdf = STRBUF_INIT, why = STRBUF_INIT;

    (void)state;
    report_init(&r);
    r.title = "项目支出绩效自评表";
    r.page = REPORT_LANDSCAPE;
    r.date = "2023-3-20"; /* not YYYY-MM-DD: a fixed date, never the clock */
    report_add_paragraph(&r, REPORT_PARA_BODY, "评");
    assert_int_equal(report_pdf(&r, &pdf, &why), 0);
    assert_true(count(&pdf, "/MediaBox [ 0 0 841.89 595.28 ]"));
    assert_true(count(&pdf, "/CreationDate (19700101000000)"));
    assert_int_equal(count_pages(&pdf), 1);
    report_release(&r);
    strbuf_release(&pdf);
    strbuf_release(&why);
}

static void test_empty_report_is_one_page(void **state)
{
    struct report r;
    struct strbuf pdf = STRBUF_INIT, why = STRBUF_INIT;

    (void)state;
    report_init(&r);
    assert_int_equal(report_pdf(&r, &pdf, &why), 0);
    assert_int_equal(count_pages(&pdf), 1);
    report_release(&r);
    strbuf_release(&pdf);
    strbuf_release(&why);
}

static void test_latin_font_is_refused(void **state)
{
    PangoContext *ctx = pango_font_map_create_context(pango_cairo_font_map_get_default());
    PangoFontDescription *latin = font("DejaVu Sans", PANGO_WEIGHT_NORMAL, 12);
    PangoFontDescription *cjk = font(FONT_SERIF, PANGO_WEIGHT_NORMAL, 12);
    struct strbuf why = STRBUF_INIT;

    (void)state;
    assert_int_equal(check_font(ctx, cjk, &why), 0);
    assert_int_equal(why.len, 0);
    assert_int_equal(check_font(ctx, latin, &why), -1);
    assert_non_null(strstr(why.buf, "install fonts-noto-cjk"));
    pango_font_description_free(latin);
    pango_font_description_free(cjk);
    g_object_unref(ctx);
    strbuf_release(&why);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_block_kind),
        cmocka_unit_test(test_same_bytes_every_run),
        cmocka_unit_test(test_landscape_and_no_date),
        cmocka_unit_test(test_empty_report_is_one_page),
        cmocka_unit_test(test_latin_font_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
