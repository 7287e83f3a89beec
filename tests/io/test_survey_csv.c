/*
 * Tests of the survey answers reader (io/survey_csv.c): RFC 4180 quoting, CRLF and BOM,
 * the three answer forms, id-like columns skipped, --questions, GB18030, and every kind of
 * bad row counted and reported with its line.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "io/survey_csv.h"

struct parsed {
    struct survey_data data;
    struct jx_diags d;
    struct jx_err err;
    int ret;
};

static void parse(struct parsed *p, const char *csv, const char *questions)
{
    memset(p, 0, sizeof(*p));
    jx_err_init(&p->err);
    p->ret = survey_csv_parse("a.csv", csv, strlen(csv), questions, &p->data, &p->d, &p->err);
}

static void release(struct parsed *p)
{
    survey_data_release(&p->data);
    jx_diags_release(&p->d);
    jx_err_release(&p->err);
}

static void test_forms_and_quoting(void **state)
{
    struct parsed p;

    (void)state;
    parse(&p,
          "\xEF\xBB\xBF序号,\"服务\n态度\",\"a \"\"b\"\"\",Q3\r\n"
          "1,非常满意,5,A\r\n"
          "2,\"满意\",4,b\r\n"
          "3, 一般 ,1,E\r\n",
          NULL);
    assert_int_equal(p.ret, 0);
    assert_int_equal(p.d.nr, 0);
    assert_int_equal(p.data.nr_questions, 3);
    assert_string_equal(p.data.questions[0], "服务\n态度");
    assert_string_equal(p.data.questions[1], "a \"b\"");
    assert_int_equal(p.data.valid, 3);
    assert_int_equal(p.data.bad, 0);
    assert_int_equal(p.data.tallies[0].counts[0], 1);
    assert_int_equal(p.data.tallies[0].counts[1], 1);
    assert_int_equal(p.data.tallies[0].counts[2], 1);
    assert_int_equal(p.data.tallies[1].counts[0], 1);
    assert_int_equal(p.data.tallies[1].counts[4], 1);
    assert_int_equal(p.data.tallies[2].counts[1], 1); /* lower-case b */
    assert_int_equal(p.data.tallies[2].counts[4], 1);
    release(&p);
}

static void test_bad_rows(void **state)
{
    struct parsed p;

    (void)state;
    parse(&p, "ID,Q1,Q2\n1,5,4\n2,6,4\n\n4,3\n5,4,\n6,4,5,9\n7,4,5\n", NULL);
    assert_int_equal(p.ret, 0);
    assert_int_equal(p.data.nr_questions, 2); /* "ID" is id-like, any case */
    assert_int_equal(p.data.valid, 2);
    assert_int_equal(p.data.bad, 5);
    assert_int_equal(p.d.nr, 5);
    assert_int_equal(p.d.v[0].pos.line, 3);
    assert_string_equal(p.d.v[0].msg, "answer '6' to 'Q1' is outside the scale 1–5");
    assert_int_equal(p.d.v[1].pos.line, 4);
    assert_string_equal(p.d.v[1].msg, "empty row");
    assert_string_equal(p.d.v[2].msg, "row has 2 columns, the header 3");
    assert_string_equal(p.d.v[3].msg, "no answer to 'Q2'");
    assert_int_equal(p.d.v[4].pos.line, 7);
    assert_string_equal(p.d.v[4].msg, "row has 4 columns, the header 3");
    /* The bad rows' answers are not counted. */
    assert_int_equal(p.data.tallies[0].counts[0], 1);
    assert_int_equal(p.data.tallies[0].counts[1], 1);
    release(&p);
}

static void test_line_numbers_after_quoted_newline(void **state)
{
    struct parsed p;

    (void)state;
    parse(&p, "序号,Q1,备注\n1,\"5\",\"two\nlines\"\n2,很满意,x\n", "Q1");
    assert_int_equal(p.ret, 0);
    assert_int_equal(p.data.nr_questions, 1);
    assert_int_equal(p.data.valid, 1);
    assert_int_equal(p.d.nr, 1);
    assert_int_equal(p.d.v[0].pos.line, 4);
    assert_string_equal(p.d.v[0].msg, "answer '很满意' to 'Q1' is outside the scale 1–5");
    release(&p);
}

static void test_questions_option(void **state)
{
    struct parsed p;

    (void)state;
    parse(&p, "Q1,Q2,Q3\n1,2,3\n", "Q3,Q1");
    assert_int_equal(p.ret, 0);
    assert_int_equal(p.data.nr_questions, 2);
    assert_string_equal(p.data.questions[0], "Q3");
    assert_int_equal(p.data.tallies[0].counts[2], 1);
    assert_int_equal(p.data.tallies[1].counts[4], 1);
    release(&p);
    parse(&p, "Q1,Q2\n1,2\n", "Q1,Q9");
    assert_int_equal(p.ret, JX_EINVAL);
    assert_string_equal(p.err.msg.buf, "question 'Q9' is not a column of the header");
    assert_int_equal(p.data.nr_questions, 0);
    release(&p);
}

static void test_gb18030(void **state)
{
    /* "序号,服务\n1,满意\n" in GB18030: 序号 D0 F2 BA C5, 服务 B7 FE CE F1, 满意 C2 FA D2 E2 */
    const char *gb = "\xD0\xF2\xBA\xC5,\xB7\xFE\xCE\xF1\n1,\xC2\xFA\xD2\xE2\n";
    struct parsed p;

    (void)state;
    parse(&p, gb, NULL);
    assert_int_equal(p.ret, 0);
    assert_int_equal(p.data.nr_questions, 1);
    assert_string_equal(p.data.questions[0], "服务");
    assert_int_equal(p.data.tallies[0].counts[1], 1);
    release(&p);
}

static void test_fatal(void **state)
{
    struct parsed p;

    (void)state;
    parse(&p, "", NULL);
    assert_int_equal(p.ret, JX_ESYNTAX);
    assert_string_equal(p.err.msg.buf, "no header row");
    release(&p);
    parse(&p, "序号,提交时间,\n1,x,\n", NULL);
    assert_int_equal(p.ret, JX_EINVAL);
    release(&p);
    parse(&p, "Q1\n\"5\n", NULL);
    assert_int_equal(p.ret, JX_ESYNTAX);
    assert_int_equal(p.err.line, 2);
    release(&p);
    /* 0x80 alone is neither UTF-8 nor GB18030. */
    parse(&p, "Q1\n\x80\n", NULL);
    assert_int_equal(p.ret, JX_ESYNTAX);
    release(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forms_and_quoting),
        cmocka_unit_test(test_bad_rows),
        cmocka_unit_test(test_line_numbers_after_quoted_newline),
        cmocka_unit_test(test_questions_option),
        cmocka_unit_test(test_gb18030),
        cmocka_unit_test(test_fatal),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
