/*
 * Tests for core/decimal: parsing (signs, full-width digits, thousands separators, too many
 * decimals, overflow, garbage), formatting and the one rounding rule, half away from zero.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/decimal.h"
#include "core/err.h"

static int parse(const char *s, unsigned scale, int64_t *out)
{
    return dec_parse(s, strlen(s), scale, out);
}

static void assert_parses(const char *s, unsigned scale, int64_t want)
{
    int64_t v = -12345;
    int rc = parse(s, scale, &v);

    if (rc || v != want)
        fail_msg("dec_parse('%s', %u): rc %d value %lld, want %lld", s, scale, rc, (long long)v,
                 (long long)want);
}

static void assert_fails(const char *s, unsigned scale, int want_rc)
{
    int64_t v = -12345;
    int rc = parse(s, scale, &v);

    if (rc != want_rc)
        fail_msg("dec_parse('%s', %u): rc %d (%s), want %d (%s)", s, scale, rc, jx_err_name(rc),
                 want_rc, jx_err_name(want_rc));
    assert_int_equal(v, -12345); /* *out untouched on error */
}

static void test_parse_plain(void **state)
{
    (void)state;
    assert_parses("0", 2, 0);
    assert_parses("25", 2, 2500);
    assert_parses("25.5", 2, 2550);
    assert_parses("25.05", 2, 2505);
    assert_parses("0.01", 2, 1);
    assert_parses("007", 0, 7);
    assert_parses("4.5", 6, 4500000);
    assert_parses("345.3", 6, 345300000);
    assert_parses("100", 0, 100);
    assert_parses("0.000001", 6, 1);
}

static void test_parse_signs(void **state)
{
    (void)state;
    assert_parses("-25.5", 2, -2550);
    assert_parses("+25.5", 2, 2550);
    assert_parses("－3", 2, -300); /* full-width minus */
    assert_parses("＋3", 2, 300);
    assert_parses("-0", 2, 0);
    assert_parses("-0.01", 2, -1);
    assert_fails("--1", 2, JX_ESYNTAX);
    assert_fails("+-1", 2, JX_ESYNTAX);
    assert_fails("- 1", 2, JX_ESYNTAX);
    assert_fails("1-", 2, JX_ESYNTAX);
    assert_fails("-", 2, JX_ESYNTAX);
}

static void test_parse_fullwidth(void **state)
{
    (void)state;
    assert_parses("３４５．３", 6, 345300000);
    assert_parses("０", 2, 0);
    assert_parses("９", 0, 9);
    assert_parses("１，２３４", 0, 1234);
    assert_parses("1２3", 0, 123);               /* mixed widths */
    assert_fails("\xEF\xBC\x9A", 0, JX_ESYNTAX); /* U+FF1A '：' just past the digits */
    assert_fails("\xEF\xBC", 0, JX_ESYNTAX);     /* truncated */
}

static void test_parse_blanks(void **state)
{
    (void)state;
    assert_parses("  12 ", 0, 12);
    assert_parses("\t12\t", 0, 12);
    assert_parses("　12　", 0, 12); /* U+3000 */
    assert_parses("12 　 ", 0, 12); /* mixed trailing blanks */
    assert_parses("\xC2\xA0"
                  "12\xC2\xA0",
                  0, 12); /* U+00A0 */
    assert_fails("1 2", 0, JX_ESYNTAX);
    assert_fails("", 0, JX_ESYNTAX);
    assert_fails("   ", 0, JX_ESYNTAX);
    assert_fails("　", 0, JX_ESYNTAX);
}

static void test_parse_thousands(void **state)
{
    (void)state;
    assert_parses("3,453,000.00", 2, 345300000);
    assert_parses("1,000", 0, 1000);
    assert_parses("12,345", 0, 12345);
    assert_parses("123,456,789", 0, 123456789);
    assert_parses("1，000．5", 1, 10005);
    assert_fails("1,00", 0, JX_ESYNTAX);
    assert_fails("1,0000", 0, JX_ESYNTAX);
    assert_fails("1234,567", 0, JX_ESYNTAX);
    assert_fails(",123", 0, JX_ESYNTAX);
    assert_fails("1,,234", 0, JX_ESYNTAX);
    assert_fails("1,234,", 0, JX_ESYNTAX);
    assert_fails("1,23.5", 1, JX_ESYNTAX);
    assert_fails("1.234,5", 4, JX_ESYNTAX); /* no separators after the point */
}

static void test_parse_point(void **state)
{
    (void)state;
    assert_fails(".5", 2, JX_ESYNTAX);
    assert_fails("5.", 2, JX_ESYNTAX);
    assert_fails("1.2.3", 2, JX_ESYNTAX);
    assert_fails(".", 2, JX_ESYNTAX);
    assert_fails("5.", 0, JX_ESYNTAX); /* a dangling point is syntax even at scale 0 */
}

static void test_parse_garbage(void **state)
{
    (void)state;
    assert_fails("abc", 2, JX_ESYNTAX);
    assert_fails("12a", 2, JX_ESYNTAX);
    assert_fails("1e5", 2, JX_ESYNTAX);
    assert_fails("0x10", 2, JX_ESYNTAX);
    assert_fails("12%", 2, JX_ESYNTAX);
    assert_fails("十二", 2, JX_ESYNTAX);
    assert_fails("nan", 2, JX_ESYNTAX);
    /* Syntax wins over range: garbage after too many digits is still garbage. */
    assert_fails("99999999999999999999999x", 0, JX_ESYNTAX);
    assert_fails("1.234x", 2, JX_ESYNTAX);
}

static void test_parse_too_precise(void **state)
{
    (void)state;
    assert_fails("1.234", 2, JX_ERANGE);
    assert_fails("0.0000001", 6, JX_ERANGE);
    assert_fails("0.5", 0, JX_ERANGE);
    /* Trailing zeros past the scale change nothing and are accepted. */
    assert_parses("25.000", 2, 2500);
    assert_parses("25.0", 0, 25);
    assert_parses("1.100000000000000000000000000000", 1, 11);
    /* Regression: a tiny value with many decimals used to hit JX_BUG in pow10i. */
    assert_fails("0.000000000000000000001", 2, JX_ERANGE);
    assert_parses("0.000000000000000000000", 2, 0);
}

static void test_parse_overflow(void **state)
{
    (void)state;
    assert_parses("9223372036854775807", 0, INT64_MAX);
    assert_parses("-9223372036854775807", 0, -INT64_MAX);
    assert_parses("92233720368547758.07", 2, INT64_MAX);
    assert_parses("9,223,372,036,854.775807", 6, INT64_MAX);
    assert_fails("9223372036854775808", 0, JX_ERANGE);
    assert_fails("92233720368547758.08", 2, JX_ERANGE);
    assert_fails("9223372036854.775808", 6, JX_ERANGE);
    assert_fails("99999999999999999999999999999999999999999999", 0, JX_ERANGE);
    assert_fails("10000000000000", 6, JX_ERANGE);
    assert_parses("0000000000000000000000000000000000000001", 0, 1);
}

static void test_span(void **state)
{
    (void)state;
    assert_int_equal(dec_span("345.3万元", strlen("345.3万元")), 5);
    assert_int_equal(dec_span("3,453,000.00元", strlen("3,453,000.00元")), 12);
    assert_int_equal(dec_span("-5%", 3), 2);
    assert_int_equal(dec_span("４个", strlen("４个")), 3);
    assert_int_equal(dec_span("4.", 2), 1);   /* point without a digit after it */
    assert_int_equal(dec_span("4,个", 5), 1); /* separator without a digit after it */
    assert_int_equal(dec_span("90-95", 5), 2);
    assert_int_equal(dec_span("1,23", 4), 4); /* extent only; dec_parse judges grouping */
    assert_int_equal(dec_span("abc", 3), 0);
    assert_int_equal(dec_span("-", 1), 0);
    assert_int_equal(dec_span(".5", 2), 0);
    assert_int_equal(dec_span("", 0), 0);
    assert_int_equal(dec_span("12", 1), 1); /* respects len */
}

static void test_places(void **state)
{
    (void)state;
    assert_int_equal(dec_places("1.2300", 6), 2);
    assert_int_equal(dec_places("5", 1), 0);
    assert_int_equal(dec_places("5.000", 5), 0);
    assert_int_equal(dec_places("0.0000001", 9), 7);
    assert_int_equal(dec_places("１．２３", strlen("１．２３")), 2);
    assert_int_equal(dec_places("1,234.5", 7), 1);
}

static void test_div_round_half_away(void **state)
{
    (void)state;
    assert_int_equal(dec_div_round(5, 2), 3);   /* 2.5 -> 3 */
    assert_int_equal(dec_div_round(-5, 2), -3); /* -2.5 -> -3, not -2 */
    assert_int_equal(dec_div_round(5, -2), -3);
    assert_int_equal(dec_div_round(-5, -2), 3);
    assert_int_equal(dec_div_round(7, 2), 4); /* 3.5 -> 4 (not banker's 4 by luck) */
    assert_int_equal(dec_div_round(9, 2), 5); /* 4.5 -> 5, banker's would give 4 */
    assert_int_equal(dec_div_round(4, 3), 1); /* 1.33 -> 1 */
    assert_int_equal(dec_div_round(5, 3), 2); /* 1.67 -> 2 */
    assert_int_equal(dec_div_round(-4, 3), -1);
    assert_int_equal(dec_div_round(-5, 3), -2);
    assert_int_equal(dec_div_round(0, 7), 0);
    assert_int_equal(dec_div_round(1249, 1000), 1);
    assert_int_equal(dec_div_round(1250, 1000), 1);
    assert_int_equal(dec_div_round(1500, 1000), 2);
    assert_int_equal(dec_div_round(1499, 1000), 1);
    assert_int_equal(dec_div_round(-1500, 1000), -2);
    /* 2/3 of 25 points = 16.666.. -> 16.67 at hundredths */
    assert_int_equal(dec_div_round((jx_i128)2500 * 2, 3), 1667);
    /* Huge denominators near the i128 limit: 2r must not overflow. */
    {
        jx_i128 big = (jx_i128)1 << 126;

        assert_int_equal(dec_div_round(big - 1, big), 1);     /* 0.99.. -> 1 */
        assert_int_equal(dec_div_round(big / 2, big), 1);     /* exactly 0.5 -> 1 */
        assert_int_equal(dec_div_round(big / 2 - 1, big), 0); /* just under 0.5 -> 0 */
        assert_int_equal(dec_div_round(-(big / 2), big), -1); /* -0.5 -> -1 */
    }
    assert_int_equal(dec_div_round(INT64_MAX, 1), INT64_MAX);
}

static void test_rescale(void **state)
{
    (void)state;
    assert_int_equal(dec_rescale(2500, 2, 2), 2500);
    assert_int_equal(dec_rescale(25, 0, 2), 2500);
    assert_int_equal(dec_rescale(-25, 0, 6), -25000000);
    assert_int_equal(dec_rescale(16665, 3, 2), 1667); /* 16.665 -> 16.67 */
    assert_int_equal(dec_rescale(-16665, 3, 2), -1667);
    assert_int_equal(dec_rescale(16664, 3, 2), 1666);
    assert_int_equal(dec_rescale(4500000, 6, 0), 5); /* 4.5 -> 5 */
    assert_int_equal(dec_rescale(-4500000, 6, 0), -5);
    assert_int_equal(dec_rescale(4499999, 6, 0), 4);
}

static void test_rate(void **state)
{
    (void)state;
    assert_int_equal(dec_rate(1, 1), 10000); /* 100.00% */
    assert_int_equal(dec_rate(1, 3), 3333);  /* 33.33% */
    assert_int_equal(dec_rate(2, 3), 6667);  /* 66.67% */
    assert_int_equal(dec_rate(1, 8), 1250);  /* 12.50% exactly */
    assert_int_equal(dec_rate(1, 20000), 1); /* 0.005% -> 0.01%: half away from zero */
    assert_int_equal(dec_rate(-1, 20000), -1);
    assert_int_equal(dec_rate(1, 20001), 0);
    assert_int_equal(dec_rate(345300000, 345300000), 10000);
    assert_int_equal(dec_rate(0, 5), 0);
}

static void check_format(int64_t v, unsigned scale, unsigned places, const char *want)
{
    struct strbuf sb = STRBUF_INIT;

    strbuf_addstr(&sb, "[");
    dec_format(&sb, v, scale, places);
    assert_string_equal(sb.buf + 1, want);
    strbuf_release(&sb);
}

static void check_trim(int64_t v, unsigned scale, const char *want)
{
    struct strbuf sb = STRBUF_INIT;

    strbuf_addstr(&sb, "x=");
    dec_format_trim(&sb, v, scale);
    assert_string_equal(sb.buf + 2, want);
    strbuf_release(&sb);
}

static void test_format(void **state)
{
    (void)state;
    check_format(2500, 2, 2, "25.00");
    check_format(2505, 2, 2, "25.05");
    check_format(5, 2, 2, "0.05");
    check_format(-5, 2, 2, "-0.05");
    check_format(-2550, 2, 2, "-25.50");
    check_format(0, 2, 2, "0.00");
    check_format(2500, 2, 0, "25");
    check_format(2550, 2, 0, "26");   /* 25.5 -> 26 */
    check_format(-2550, 2, 0, "-26"); /* -25.5 -> -26 */
    check_format(2549, 2, 0, "25");
    check_format(-49, 2, 0, "0"); /* -0.49 rounds to 0, no "-0" */
    check_format(345300000, 6, 2, "345.30");
    check_format(16665, 3, 2, "16.67");
    check_format(25, 0, 2, "25.00"); /* more places than the scale */
    check_format(255, 1, 3, "25.500");
    check_format(INT64_MAX, 0, 0, "9223372036854775807");
    check_format(INT64_MIN, 0, 0, "-9223372036854775808");
    check_format(INT64_MIN, 2, 2, "-92233720368547758.08");
    check_format(INT64_MAX, 2, 2, "92233720368547758.07");
}

static void test_format_trim(void **state)
{
    (void)state;
    check_trim(345300000, 6, "345.3");
    check_trim(4000000, 6, "4");
    check_trim(0, 6, "0");
    check_trim(1, 6, "0.000001");
    check_trim(-20000000, 6, "-20");
    check_trim(-500000, 6, "-0.5");
    check_trim(100, 0, "100"); /* scale 0: zeros of the integer stay */
    check_trim(1000, 2, "10");
    check_trim(1010, 2, "10.1");
}

/* Every value formatted at its own scale parses back to itself. */
static void test_roundtrip(void **state)
{
    static const int64_t values[] = {0,        1,          -1,        99,        100,
                                     12345678, -987654321, INT64_MAX, -INT64_MAX};
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(values); i++) {
        for (unsigned scale = 0; scale <= 10; scale += 2) {
            struct strbuf sb = STRBUF_INIT;
            int64_t back = 0;

            dec_format(&sb, values[i], scale, scale);
            assert_int_equal(dec_parse(sb.buf, sb.len, scale, &back), 0);
            assert_int_equal(back, values[i]);
            strbuf_release(&sb);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_plain),     cmocka_unit_test(test_parse_signs),
        cmocka_unit_test(test_parse_fullwidth), cmocka_unit_test(test_parse_blanks),
        cmocka_unit_test(test_parse_thousands), cmocka_unit_test(test_parse_point),
        cmocka_unit_test(test_parse_garbage),   cmocka_unit_test(test_parse_too_precise),
        cmocka_unit_test(test_parse_overflow),  cmocka_unit_test(test_span),
        cmocka_unit_test(test_places),          cmocka_unit_test(test_div_round_half_away),
        cmocka_unit_test(test_rescale),         cmocka_unit_test(test_rate),
        cmocka_unit_test(test_format),          cmocka_unit_test(test_format_trim),
        cmocka_unit_test(test_roundtrip),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
