/* Text tables: CJK text counts two columns a character, so columns line up. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "render/table.h"

static void render(struct text_table *t, struct strbuf *out)
{
    table_render(t, out);
    table_release(t);
}

static void test_cjk_alignment(void **state)
{
    struct text_table t;
    struct strbuf out = STRBUF_INIT;
    const char *head[] = {"一级指标", "分值"};
    const char *r1[] = {"项目决策", "25.00"};
    const char *r2[] = {"abc", "5.00"};

    (void)state;
    table_init(&t, "lr");
    table_add_row(&t, head);
    table_add_row(&t, r1);
    table_add_row(&t, r2);
    render(&t, &out);
    /* 一级指标 is 8 columns wide; "分值" is 4, "25.00" 5: right-aligned in 5. */
    assert_string_equal(out.buf, "一级指标   分值\n"
                                 "项目决策  25.00\n"
                                 "abc        5.00\n");
    strbuf_release(&out);
}

static void test_rule_and_note(void **state)
{
    struct text_table t;
    struct strbuf out = STRBUF_INIT;
    const char *r1[] = {"a", "1"};

    (void)state;
    table_init(&t, "lr");
    table_add_row(&t, r1);
    table_add_rule(&t);
    table_add_note(&t, "a note that is much wider than the table");
    render(&t, &out);
    /* The note does not widen the columns: the rule is 1 + 2 + 1 = 4 columns. */
    assert_string_equal(out.buf, "a  1\n────\na note that is much wider than the table\n");
    strbuf_release(&out);
}

static void test_no_trailing_blanks(void **state)
{
    struct text_table t;
    struct strbuf out = STRBUF_INIT;
    const char *r1[] = {"long name", "x", ""};
    const char *r2[] = {"a", "", ""};

    (void)state;
    table_init(&t, "lll");
    table_add_row(&t, r1);
    table_add_row(&t, r2);
    render(&t, &out);
    assert_string_equal(out.buf, "long name  x\na\n");
    strbuf_release(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cjk_alignment),
        cmocka_unit_test(test_rule_and_note),
        cmocka_unit_test(test_no_trailing_blanks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
