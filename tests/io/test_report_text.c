/*
 * The plain-text report reader: every section numbering style, what is not a heading
 * ("1.5万元", a bare number), the summary table flattened one cell per line and one row
 * per line, total/grade/amount/执行率 extraction, and bad input (empty, NUL, not text).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/xalloc.h"
#include "io/report_text.h"

static void parse_ok(const char *text, struct report_extract *rx)
{
    struct strbuf why = STRBUF_INIT;

    assert_int_equal(report_text_parse(text, strlen(text), rx, &why), 0);
    assert_int_equal(why.len, 0);
    strbuf_release(&why);
}

static void test_styles(void **state)
{
    struct report_extract rx;
    const char *text = "一、基本情况\n"
                       "1、 项目概况\n"
                       "（一）项目决策\n"
                       "（1）项目名称\n"
                       "1.总体目标\n"
                       "12、有关建议\n"
                       "(2) 半角括号\n"
                       "1.5万元已到位\n"
                       "2020年完成\n"
                       "一、\n";
    static const char *const want[][3] = {
        {"一、", "一、", "基本情况"},     {"1、", "1、", "项目概况"},
        {"（一）", "（一）", "项目决策"}, {"（1）", "（1）", "项目名称"},
        {"1.", "1.", "总体目标"},         {"1、", "12、", "有关建议"},
        {"（1）", "(2)", "半角括号"},
    };

    (void)state;
    parse_ok(text, &rx);
    assert_int_equal(rx.nr_sections, sizeof(want) / sizeof(want[0]));
    for (size_t i = 0; i < rx.nr_sections; i++) {
        assert_string_equal(rx.sections[i].style, want[i][0]);
        assert_string_equal(rx.sections[i].number, want[i][1]);
        assert_string_equal(rx.sections[i].title, want[i][2]);
        assert_int_equal(rx.sections[i].line, i + 1);
    }
    assert_int_equal(rx.nr_amounts, 1);
    assert_string_equal(rx.amounts[0].text, "1.5万元");
    assert_int_equal(rx.amounts[0].fen, 1500000);
    assert_int_equal(rx.amounts[0].line, 8);
    report_extract_release(&rx);
}

static void test_flattened_table(void **state)
{
    struct report_extract rx;
    const char *text = "评价得分为87.5分，绩效评价结果等级为“良”。\n"
                       "评价情况总表\n"
                       "\t一级指标\n\t分值\n\t评价得分\n\t得分率（%）\n\n"
                       "\t项目决策\n\t25.00\n\t20.00 \n\t80.00%\n\n"
                       "\t项目过程\n\t15.00\n\t12.50 \n\t83.33%\n\n"
                       "\t评价总得分\n\t40.00\n\t32.50 \n\t81.25%\n\n"
                       "资金120元，执行率为98.5%。\n";

    (void)state;
    parse_ok(text, &rx);
    assert_true(rx.has_total);
    assert_int_equal(rx.total, 8750);
    assert_string_equal(rx.grade, "良");
    assert_int_equal(rx.nr_rows, 2);
    assert_string_equal(rx.rows[0].name, "项目决策");
    assert_int_equal(rx.rows[0].line, 8);
    assert_int_equal(rx.rows[0].weight, 2500);
    assert_int_equal(rx.rows[0].score, 2000);
    assert_int_equal(rx.rows[0].rate, 8000);
    assert_string_equal(rx.rows[1].name, "项目过程");
    assert_int_equal(rx.rows[1].score, 1250);
    assert_int_equal(rx.rows[1].rate, 8333);
    assert_int_equal(rx.nr_rates, 1);
    assert_int_equal(rx.rates[0].rate, 9850);
    assert_int_equal(rx.rates[0].line, 23);
    assert_int_equal(rx.nr_amounts, 1);
    assert_int_equal(rx.amounts[0].fen, 12000);
    report_extract_release(&rx);
}

static void test_row_per_line_table(void **state)
{
    struct report_extract rx;
    const char *text = "评价情况总表\n"
                       "一级指标\t分值\t评价得分\t得分率\n"
                       "项目产出\t30\t30\t100%\n"
                       "项目效益\t30\t27\t90%\n"
                       "合计\t60\t57\t95%\n"
                       "（二）下一节\n";

    (void)state;
    parse_ok(text, &rx);
    assert_int_equal(rx.nr_rows, 2);
    assert_string_equal(rx.rows[1].name, "项目效益");
    assert_int_equal(rx.rows[1].score, 2700);
    assert_int_equal(rx.rows[1].line, 4);
    assert_int_equal(rx.nr_sections, 1);
    assert_string_equal(rx.sections[0].style, "（一）");
    assert_false(rx.has_total);
    assert_null(rx.grade);
    report_extract_release(&rx);
}

static void test_gb18030(void **state)
{
    struct report_extract rx;
    /* "一、概况" in GB18030. */
    const char text[] = "\xd2\xbb\xa1\xa2\xb8\xc5\xbf\xf6\n";

    (void)state;
    parse_ok(text, &rx);
    assert_int_equal(rx.nr_sections, 1);
    assert_string_equal(rx.sections[0].title, "概况");
    report_extract_release(&rx);
}

static void bad(const char *text, size_t len, const char *msg)
{
    struct report_extract rx;
    struct strbuf why = STRBUF_INIT;

    assert_int_equal(report_text_parse(text, len, &rx, &why), -1);
    assert_non_null(strstr(why.buf, msg));
    report_extract_release(&rx);
    strbuf_release(&why);
}

static void test_bad_input(void **state)
{
    (void)state;
    bad("", 0, "empty report");
    bad(" \n\t\n\u3000\n", strlen(" \n\t\n\u3000\n"), "empty report");
    bad("abc\0def", 7, "binary file");
    bad("\xff\xfe\xff", 3, "neither UTF-8 nor GB18030");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_styles),
        cmocka_unit_test(test_flattened_table),
        cmocka_unit_test(test_row_per_line_table),
        cmocka_unit_test(test_gb18030),
        cmocka_unit_test(test_bad_input),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
