/*
 * The 项目支出绩效自评表 reader on the layouts a form arrives in: copied out of a PDF (one
 * cell per line, blank lines for empty cells, merged cells once), copied out of a web page
 * (a row per line, cells separated by tabs), read from a .docx table (a tab before each
 * cell, a blank line after each row, merged cells as blank cells), a copy that dropped
 * the empty 偏差原因 cells, and text with no form at all.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/report_form.h"

static const char funding_pdf[] = "年初预算数\n全年预算数\n全年执行数\n分值\n执行率\n得分\n"
                                  "年度资金总额\n100\n120\n108\n10\n90%\n9\n";

static void parse(const char *text, struct report_extract *rx)
{
    memset(rx, 0, sizeof(*rx));
    report_form_parse(text, strlen(text), rx);
}

static void expect_row(const struct rx_form_row *r, const char *l1, const char *l2,
                       const char *name, const char *target, const char *actual, int64_t weight,
                       int64_t score, const char *reason)
{
    assert_string_equal(r->level1, l1);
    assert_string_equal(r->level2, l2);
    assert_string_equal(r->name, name);
    assert_string_equal(r->target, target);
    assert_string_equal(r->actual, actual);
    assert_true(r->has_weight);
    assert_int_equal(r->weight, weight);
    assert_int_equal(r->score, score);
    assert_string_equal(r->reason, reason);
}

static void test_pdf_copy(void **state)
{
    struct report_extract rx;
    const char *text = "项目支出绩效自评表\n"
                       "年初预算数\n全年预算数\n全年执行数\n分值\n执行率\n得分\n"
                       "年度资金总额\n100\n120\n108\n10\n90%\n9\n"
                       "一级指标\n二级指标\n三级指标\n年度指标值\n实际完成值\n分值\n得分\n"
                       "偏差原因分析及改进措施\n"
                       "产出指标\n数量指标\n培训人数\n≥200人\n180人\n20\n18\n场地受限\n"
                       "培训场次\n≥4场\n4场\n20\n20\n\n"
                       "成本指标\n经济成本指标\n人均成本\n≤500元\n450元\n10\n\n\n"
                       "总分\n100\n87\n";

    (void)state;
    parse(text, &rx);
    assert_true(rx.form.found);
    assert_true(rx.form.has_initial && rx.form.has_planned && rx.form.has_spent);
    assert_int_equal(rx.form.initial, 100000000);
    assert_int_equal(rx.form.planned, 120000000);
    assert_int_equal(rx.form.spent, 108000000);
    assert_int_equal(rx.form.weight, 1000);
    assert_int_equal(rx.form.rate, 9000);
    assert_int_equal(rx.form.rate_places, 0);
    assert_int_equal(rx.form.score, 900);
    assert_int_equal(rx.form.nr_rows, 3);
    expect_row(&rx.form.rows[0], "产出指标", "数量指标", "培训人数", "≥200人", "180人", 2000, 1800,
               "场地受限");
    expect_row(&rx.form.rows[1], "产出指标", "数量指标", "培训场次", "≥4场", "4场", 2000, 2000, "");
    /* 成本指标 followed by another label is a 一级指标 */
    expect_row(&rx.form.rows[2], "成本指标", "经济成本指标", "人均成本", "≤500元", "450元", 1000, 0,
               "");
    assert_false(rx.form.rows[2].has_score);
    assert_int_equal(rx.form.total_weight, 10000);
    assert_int_equal(rx.form.total_score, 8700);
    report_extract_release(&rx);
}

static void test_web_copy(void **state)
{
    struct report_extract rx;
    const char *text = "年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
                       "年度资金总额\t100\t120\t108\t10\t90%\t9\n"
                       "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t"
                       "偏差原因分析及改进措施\n"
                       "产出指标\t数量指标\t培训人数\t≥200人\t180人\t20\t18\t场地受限\n"
                       "\t\t培训场次\t≥4场\t4场\t20\t20\t\n"
                       "合计\t100\t87\n";

    (void)state;
    parse(text, &rx);
    assert_int_equal(rx.form.spent, 108000000);
    assert_int_equal(rx.form.nr_rows, 2);
    expect_row(&rx.form.rows[1], "产出指标", "数量指标", "培训场次", "≥4场", "4场", 2000, 2000, "");
    assert_int_equal(rx.form.rows[1].line, 5);
    assert_int_equal(rx.form.total_score, 8700);
    report_extract_release(&rx);
}

static void test_docx_layout(void **state)
{
    struct report_extract rx;
    /* a .docx table: "\t" + cell per line, a blank line after each row, merged cells blank */
    const char *text =
        "\t三级指标\n\t年度指标值\n\t实际完成值\n\t分值\n\t得分\n\t偏差原因分析及改进措施\n\n"
        "\t产出指标\n\t质量指标\n\t合格率\n\t≥95%\n\t90%\n\t10\n\t10\n\t\n\n"
        "\t\n\t\n\t验收通过率\n\t100%\n\t100%\n\t10\n\t10\n\t\n\n";

    (void)state;
    parse(text, &rx);
    assert_true(rx.form.found);
    assert_false(rx.form.has_planned);
    assert_int_equal(rx.form.nr_rows, 2);
    expect_row(&rx.form.rows[0], "产出指标", "质量指标", "合格率", "≥95%", "90%", 1000, 1000, "");
    expect_row(&rx.form.rows[1], "产出指标", "质量指标", "验收通过率", "100%", "100%", 1000, 1000,
               "");
    report_extract_release(&rx);
}

static void test_dropped_reason_cells(void **state)
{
    struct report_extract rx;
    /* the copy lost the empty 偏差原因 cells: the next row starts right after 得分 */
    const char *text = "三级指标\n年度指标值\n实际完成值\n分值\n得分\n偏差原因分析及改进措施\n"
                       "培训人数\n≥200人\n180人\n20\n18\n场地受限，已协调新场地\n"
                       "培训场次\n≥4场\n4场\n20\n20\n"
                       "满意度\n≥90%\n96%\n10\n10\n";

    (void)state;
    parse(text, &rx);
    assert_int_equal(rx.form.nr_rows, 3);
    assert_string_equal(rx.form.rows[0].reason, "场地受限，已协调新场地");
    assert_string_equal(rx.form.rows[1].name, "培训场次");
    assert_string_equal(rx.form.rows[1].reason, "");
    assert_string_equal(rx.form.rows[2].name, "满意度");
    report_extract_release(&rx);
}

static void test_no_form(void **state)
{
    struct report_extract rx;

    (void)state;
    parse("一、基本情况\n项目资金345.3万元。\n", &rx);
    assert_false(rx.form.found);
    assert_int_equal(rx.form.nr_rows, 0);
    /* headers without values: found, but nothing made up */
    parse("年初预算数\n全年预算数\n全年执行数\n分值\n执行率\n得分\n年度资金总额\n", &rx);
    assert_false(rx.form.has_planned);
    report_extract_release(&rx);
    parse(funding_pdf, &rx);
    assert_true(rx.form.found && rx.form.has_rate);
    report_extract_release(&rx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pdf_copy),    cmocka_unit_test(test_web_copy),
        cmocka_unit_test(test_docx_layout), cmocka_unit_test(test_dropped_reason_cells),
        cmocka_unit_test(test_no_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
