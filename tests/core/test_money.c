/*
 * Tests for core/money: amounts as typed in budget documents, exact to the 分, and the
 * messages that explain a refused amount.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/err.h"
#include "core/money.h"

static void assert_amount(const char *s, enum money_unit def, int64_t want)
{
    struct strbuf why = STRBUF_INIT;
    int64_t fen = -777;
    int rc = money_parse(s, strlen(s), def, &fen, &why);

    if (rc || fen != want)
        fail_msg("money_parse('%s'): rc %d fen %lld, want %lld (%s)", s, rc, (long long)fen,
                 (long long)want, why.buf);
    assert_int_equal(why.len, 0); /* nothing appended on success */
    strbuf_release(&why);
}

/* Fails with want_rc; the message must contain each of the given fragments. */
static void assert_refused(const char *s, int want_rc, const char *frag1, const char *frag2)
{
    struct strbuf why = STRBUF_INIT;
    int64_t fen = -777;
    int rc;

    strbuf_addstr(&why, "prefix: "); /* why is appended to, never reset */
    rc = money_parse(s, strlen(s), MONEY_WAN, &fen, &why);
    if (rc != want_rc)
        fail_msg("money_parse('%s'): rc %d (%s), want %s; %s", s, rc, jx_err_name(rc),
                 jx_err_name(want_rc), why.buf);
    assert_int_equal(fen, -777);
    assert_true(!strncmp(why.buf, "prefix: ", 8));
    if (frag1 && !strstr(why.buf, frag1))
        fail_msg("message for '%s' lacks '%s': %s", s, frag1, why.buf);
    if (frag2 && !strstr(why.buf, frag2))
        fail_msg("message for '%s' lacks '%s': %s", s, frag2, why.buf);
    /* house style: lowercase first word, no final period */
    assert_true(why.buf[8] >= 'a' && why.buf[8] <= 'z');
    assert_true(why.buf[why.len - 1] != '.');
    /* the same call without why fails the same way */
    assert_int_equal(money_parse(s, strlen(s), MONEY_WAN, &fen, NULL), want_rc);
    strbuf_release(&why);
}

static void test_units(void **state)
{
    (void)state;
    assert_amount("345.3万元", MONEY_YUAN, 345300000); /* 3,453,000.00 元 */
    assert_amount("3,453,000.00元", MONEY_WAN, 345300000);
    assert_amount("3453000元", MONEY_WAN, 345300000);
    assert_amount("1.2亿元", MONEY_YUAN, 12000000000);
    assert_amount("0.01元", MONEY_WAN, 1);
    assert_amount("0.000001万元", MONEY_YUAN, 1);
    assert_amount("345.12345", MONEY_WAN, 345123450);
    assert_amount("0.0000000001亿元", MONEY_YUAN, 1);
    assert_amount("500万元", MONEY_YUAN, 500000000);
    assert_amount("345.3万", MONEY_YUAN, 345300000); /* 万 alone is 万元 */
    assert_amount("2亿", MONEY_YUAN, 20000000000);
    assert_amount("0元", MONEY_WAN, 0);
}

static void test_default_unit(void **state)
{
    (void)state;
    assert_amount("345.3", MONEY_WAN, 345300000);
    assert_amount("345.3", MONEY_YUAN, 34530);
    assert_amount("1.5", MONEY_YI, 15000000000);
    assert_amount("3,453,000.00", MONEY_YUAN, 345300000);
    /* ¥ means 元 whatever the default */
    assert_amount("¥1,000", MONEY_WAN, 100000);
    assert_amount("￥1000", MONEY_WAN, 100000);
    assert_amount("￥345.3万元", MONEY_YUAN, 345300000);
}

static void test_forms(void **state)
{
    (void)state;
    assert_amount("345.3 万元", MONEY_YUAN, 345300000);
    assert_amount("345.3　万元", MONEY_YUAN, 345300000); /* U+3000 */
    assert_amount("  345.3万元  ", MONEY_YUAN, 345300000);
    assert_amount("\t345.3万元\r\n", MONEY_YUAN, 345300000);
    assert_amount("３４５．３万元", MONEY_YUAN, 345300000);
    assert_amount("３，４５３，０００．００元", MONEY_YUAN, 345300000);
    assert_amount("¥ 1,000.50", MONEY_WAN, 100050);
    assert_amount("1.2300元", MONEY_WAN, 123); /* trailing zeros are not finer than 分 */
}

static void test_negative(void **state)
{
    (void)state;
    /* Refunds (退回) are negative amounts. */
    assert_amount("-345.3万元", MONEY_YUAN, -345300000);
    assert_amount("－100元", MONEY_WAN, -10000);
    assert_amount("-¥100", MONEY_WAN, -10000);
    assert_amount("¥-100", MONEY_WAN, -10000);
    assert_amount("－￥100", MONEY_WAN, -10000);
    assert_amount("- 5元", MONEY_WAN, -500);
    assert_amount("+5元", MONEY_WAN, 500);
    assert_amount("-0.01元", MONEY_WAN, -1);
    assert_amount("-0", MONEY_WAN, 0);
    assert_refused("--5元", JX_ESYNTAX, "not an amount '--5元'", "345.3万元");
    assert_refused("-¥-5", JX_ESYNTAX, "not an amount", NULL);
    assert_refused("¥¥5", JX_ESYNTAX, "not an amount", NULL);
}

static void test_finer_than_fen(void **state)
{
    (void)state;
    assert_refused("1.234元", JX_ERANGE, "'1.234元' is finer than one 分",
                   "at most 2 decimals in 元");
    assert_refused("0.0000001万元", JX_ERANGE, "finer than one 分", "at most 6 decimals in 万元");
    assert_refused("0.00000000001亿元", JX_ERANGE, "finer than one 分",
                   "at most 10 decimals in 亿元");
    assert_refused("345.1234567", JX_ERANGE, "finer than one 分", "万元"); /* default 万元 */
    assert_refused("¥0.001", JX_ERANGE, "finer than one 分", "元");
}

static void test_overflow(void **state)
{
    (void)state;
    assert_amount("92233720368547758.07元", MONEY_WAN, INT64_MAX);
    assert_amount("-92233720368547758.07元", MONEY_WAN, -INT64_MAX);
    assert_refused("92233720368547758.08元", JX_ERANGE, "too large", NULL);
    assert_refused("1000000000亿元", JX_ERANGE, "'1000000000亿元' is too large", NULL);
    assert_refused("99999999999999999999999999999", JX_ERANGE, "too large", NULL);
}

static void test_garbage(void **state)
{
    (void)state;
    assert_refused("", JX_ESYNTAX, "empty amount", "expected an amount such as '345.3万元'");
    assert_refused("   ", JX_ESYNTAX, "empty amount", NULL);
    assert_refused("abc", JX_ESYNTAX, "not an amount 'abc'", "'3,453,000.00元'");
    assert_refused("万元", JX_ESYNTAX, "not an amount", NULL);
    assert_refused("三百万元", JX_ESYNTAX, "not an amount", NULL);
    assert_refused("1,00元", JX_ESYNTAX, "not an amount '1,00元'", NULL);
    assert_refused("1.2.3元", JX_ESYNTAX, "not an amount", NULL);
    assert_refused("12 34元", JX_ESYNTAX, "not an amount '12 34元'", NULL);
    assert_refused("100美元", JX_ESYNTAX, "unknown unit '美元'",
                   "expected an amount in 元, 万元 or 亿元");
    assert_refused("100万元整", JX_ESYNTAX, "unknown unit '万元整'", NULL);
    assert_refused("100元万元", JX_ESYNTAX, "unknown unit", NULL);
    assert_refused("100%", JX_ESYNTAX, "unknown unit '%'", NULL);
    assert_refused(".5元", JX_ESYNTAX, "not an amount", NULL);
    assert_refused("5.元", JX_ESYNTAX, "not an amount '5.元'", NULL);
    assert_refused("5，元", JX_ESYNTAX, "not an amount", NULL);
    assert_refused("5元5", JX_ESYNTAX, "unknown unit '元5'", NULL);
}

static void test_long_input_is_cut_in_message(void **state)
{
    struct strbuf why = STRBUF_INIT;
    struct strbuf in = STRBUF_INIT;
    int64_t fen;

    (void)state;
    for (int i = 0; i < 40; i++)
        strbuf_addstr(&in, "坏"); /* 120 bytes, 3 per character */
    assert_int_equal(money_parse(in.buf, in.len, MONEY_WAN, &fen, &why), JX_ESYNTAX);
    assert_non_null(strstr(why.buf, "...'"));
    assert_true(why.len < 200);
    /* the cut falls between characters: 63 bytes = 21 characters */
    assert_non_null(strstr(why.buf, "'坏坏坏坏坏坏坏坏坏坏坏坏坏坏坏坏坏坏坏坏坏...'"));
    strbuf_release(&why);
    strbuf_release(&in);
}

static void test_not_nul_terminated(void **state)
{
    int64_t fen = 0;

    (void)state;
    /* Only len bytes are read: "12元" out of "12元34". */
    assert_int_equal(money_parse("12元34", 5, MONEY_WAN, &fen, NULL), 0);
    assert_int_equal(fen, 1200);
    assert_int_equal(money_parse("1234", 2, MONEY_YUAN, &fen, NULL), 0);
    assert_int_equal(fen, 1200);
}

static void check_format(int64_t fen, enum money_unit unit, unsigned places, const char *want)
{
    struct strbuf sb = STRBUF_INIT;

    money_format(&sb, fen, unit, places);
    assert_string_equal(sb.buf, want);
    strbuf_release(&sb);
}

static void check_format_unit(int64_t fen, enum money_unit unit, unsigned places, const char *want)
{
    struct strbuf sb = STRBUF_INIT;

    strbuf_addstr(&sb, "=");
    money_format_unit(&sb, fen, unit, places);
    assert_string_equal(sb.buf + 1, want);
    strbuf_release(&sb);
}

static void test_format(void **state)
{
    (void)state;
    check_format(345300000, MONEY_WAN, 2, "345.30");
    check_format(345300000, MONEY_YUAN, 2, "3453000.00");
    check_format(345300000, MONEY_YI, 4, "0.0345"); /* 0.03453 -> 0.0345 */
    check_format(345350000, MONEY_YI, 4, "0.0345"); /* 0.034535 -> 0.0345 */
    check_format(345500000, MONEY_YI, 4, "0.0346"); /* 0.03455 -> 0.0346: half away */
    check_format(-345500000, MONEY_YI, 4, "-0.0346");
    check_format(123456, MONEY_WAN, 2, "0.12"); /* 0.123456 -> 0.12 */
    check_format(125000, MONEY_WAN, 2, "0.13"); /* 0.125 -> 0.13 */
    check_format(-125000, MONEY_WAN, 2, "-0.13");
    check_format(1, MONEY_YUAN, 2, "0.01");
    check_format(150, MONEY_YUAN, 0, "2"); /* 1.50 -> 2 */
    check_format(0, MONEY_WAN, 2, "0.00");
    check_format(345300000, MONEY_WAN, 0, "345");
}

static void test_format_unit(void **state)
{
    (void)state;
    check_format_unit(345300000, MONEY_WAN, 2, "345.30万元");
    check_format_unit(345300000, MONEY_WAN, 0, "345.3万元"); /* places 0: trimmed */
    check_format_unit(345300000, MONEY_YUAN, 0, "3453000元");
    check_format_unit(345300000, MONEY_YUAN, 2, "3453000.00元");
    check_format_unit(12000000000, MONEY_YI, 0, "1.2亿元");
    check_format_unit(1, MONEY_YI, 0, "0.0000000001亿元");
    check_format_unit(-10000, MONEY_YUAN, 0, "-100元");
    check_format_unit(0, MONEY_WAN, 0, "0万元");
}

static void test_unit_names(void **state)
{
    (void)state;
    assert_string_equal(money_unit_name(MONEY_YUAN), "元");
    assert_string_equal(money_unit_name(MONEY_WAN), "万元");
    assert_string_equal(money_unit_name(MONEY_YI), "亿元");
}

/* Whatever money_format_unit writes at full precision, money_parse reads back exactly. */
static void test_roundtrip(void **state)
{
    static const int64_t values[] = {0,          1,           99,        345300000,
                                     -345300000, 12000000000, 123456789, INT64_MAX};
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(values); i++) {
        for (int u = MONEY_YUAN; u <= MONEY_YI; u++) {
            struct strbuf sb = STRBUF_INIT;
            int64_t back = 0;

            money_format_unit(&sb, values[i], (enum money_unit)u, 0);
            assert_int_equal(money_parse(sb.buf, sb.len, MONEY_YUAN, &back, NULL), 0);
            assert_int_equal(back, values[i]);
            strbuf_release(&sb);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_units),
        cmocka_unit_test(test_default_unit),
        cmocka_unit_test(test_forms),
        cmocka_unit_test(test_negative),
        cmocka_unit_test(test_finer_than_fen),
        cmocka_unit_test(test_overflow),
        cmocka_unit_test(test_garbage),
        cmocka_unit_test(test_long_input_is_cut_in_message),
        cmocka_unit_test(test_not_nul_terminated),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_format_unit),
        cmocka_unit_test(test_unit_names),
        cmocka_unit_test(test_roundtrip),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
