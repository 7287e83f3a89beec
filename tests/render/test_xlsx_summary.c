/*
 * Tests for the sheet names of render/xlsx_summary: a 一级指标 name with characters Excel
 * refuses in a sheet name ([]:*?/\, a leading or trailing apostrophe) is mended, a long one
 * is cut to 31 characters (not bytes: a CJK character is three), an empty one gets a name.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "render/xlsx_summary.h"

static void assert_sheet_name(const char *name, const char *want)
{
    struct strbuf sb = STRBUF_INIT;

    render_summary_sheet_name(name, &sb);
    if (strcmp(sb.buf, want))
        fail_msg("sheet name of '%s': '%s', want '%s'", name, sb.buf, want);
    strbuf_release(&sb);
}

static void test_plain(void **state)
{
    (void)state;
    assert_sheet_name("项目决策", "项目决策");
}

static void test_forbidden(void **state)
{
    (void)state;
    assert_sheet_name("决策/过程[一]:*?\\", "决策_过程_一_____");
    assert_sheet_name("'产出'", "_产出_");
}

static void test_long(void **state)
{
    (void)state;
    /* 32 CJK characters -> the first 31 */
    assert_sheet_name("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二",
                      "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一");
}

static void test_empty(void **state)
{
    (void)state;
    assert_sheet_name("", "一级指标");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain),
        cmocka_unit_test(test_forbidden),
        cmocka_unit_test(test_long),
        cmocka_unit_test(test_empty),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
