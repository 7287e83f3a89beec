/*
 * Tests for core/qty: comparisons, numbers and units of 指标值 / 实际完成值, qualitative
 * text, the refused forms (ranges, a comparison without a number), canonical formatting and
 * unit alignment.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/err.h"
#include "core/qty.h"

#define M(x) ((int64_t)(x)*1000000)

static const char *cmp_name(enum jx_cmp c)
{
    static const char *const names[] = {"NONE", "GE", "GT", "LE", "LT", "EQ"};

    return names[c];
}

static void assert_qty(const char *s, enum jx_cmp cmp, int64_t micro, const char *unit)
{
    struct strbuf why = STRBUF_INIT;
    struct jx_qty q;
    int rc;

    memset(&q, 0x5A, sizeof(q));
    rc = qty_parse(s, strlen(s), &q, &why);
    if (rc || !q.is_number || q.cmp != cmp || q.micro != micro || strcmp(q.unit, unit))
        fail_msg("qty_parse('%s'): rc %d is_number %d cmp %s micro %lld unit '%.*s'; want %s "
                 "%lld '%s' (%s)",
                 s, rc, q.is_number, q.is_number ? cmp_name(q.cmp) : "-", (long long)q.micro,
                 JX_UNIT_MAX, q.unit, cmp_name(cmp), (long long)micro, unit, why.buf);
    assert_int_equal(why.len, 0);
    strbuf_release(&why);
}

static void assert_qualitative(const char *s)
{
    struct jx_qty q;
    int rc;

    memset(&q, 0x5A, sizeof(q));
    rc = qty_parse(s, strlen(s), &q, NULL);
    if (rc || q.is_number)
        fail_msg("qty_parse('%s'): rc %d is_number %d, want qualitative", s, rc, q.is_number);
    assert_int_equal(q.cmp, JX_CMP_NONE);
    assert_int_equal(q.micro, 0);
    assert_string_equal(q.unit, "");
}

static void assert_refused(const char *s, int want_rc, const char *frag1, const char *frag2)
{
    struct strbuf why = STRBUF_INIT;
    struct jx_qty q;
    int rc;

    memset(&q, 0x5A, sizeof(q));
    strbuf_addstr(&why, "x: ");
    rc = qty_parse(s, strlen(s), &q, &why);
    if (rc != want_rc)
        fail_msg("qty_parse('%s'): rc %d (%s), want %s; %s", s, rc, jx_err_name(rc),
                 jx_err_name(want_rc), why.buf);
    assert_false(q.is_number); /* a refused quantity is left empty, never half-filled */
    assert_string_equal(q.unit, "");
    assert_true(!strncmp(why.buf, "x: ", 3));
    if (frag1 && !strstr(why.buf, frag1))
        fail_msg("message for '%s' lacks '%s': %s", s, frag1, why.buf);
    if (frag2 && !strstr(why.buf, frag2))
        fail_msg("message for '%s' lacks '%s': %s", s, frag2, why.buf);
    assert_true(why.buf[3] >= 'a' && why.buf[3] <= 'z');
    assert_true(why.buf[why.len - 1] != '.');
    assert_int_equal(qty_parse(s, strlen(s), &q, NULL), want_rc);
    strbuf_release(&why);
}

static void test_seed_targets(void **state)
{
    (void)state;
    /* The seed report's 指标值 column. */
    assert_qty("≥4个", JX_CMP_GE, M(4), "个");
    assert_qty("<20%", JX_CMP_LT, M(20), "%");
    assert_qty(">10%", JX_CMP_GT, M(10), "%");
    assert_qty("≤500万元", JX_CMP_LE, M(500), "万元");
    assert_qty("≥95%", JX_CMP_GE, M(95), "%");
    assert_qty("100%", JX_CMP_NONE, M(100), "%");
    assert_qty("=0次", JX_CMP_EQ, 0, "次");
    assert_qty("345.3万元", JX_CMP_NONE, 345300000, "万元");
}

static void test_symbols(void **state)
{
    (void)state;
    assert_qty(">=4个", JX_CMP_GE, M(4), "个");
    assert_qty("＞＝4个", JX_CMP_GE, M(4), "个");
    assert_qty("≧4个", JX_CMP_GE, M(4), "个");
    assert_qty("＞4", JX_CMP_GT, M(4), "");
    assert_qty(">4", JX_CMP_GT, M(4), "");
    assert_qty("<=4天", JX_CMP_LE, M(4), "天");
    assert_qty("＜＝4天", JX_CMP_LE, M(4), "天");
    assert_qty("≦4天", JX_CMP_LE, M(4), "天");
    assert_qty("＜4天", JX_CMP_LT, M(4), "天");
    assert_qty("=100%", JX_CMP_EQ, M(100), "%");
    assert_qty("＝100%", JX_CMP_EQ, M(100), "%");
}

static void test_words(void **state)
{
    (void)state;
    assert_qty("不低于90%", JX_CMP_GE, M(90), "%");
    assert_qty("不少于3次", JX_CMP_GE, M(3), "次");
    assert_qty("至少1个", JX_CMP_GE, M(1), "个");
    assert_qty("不小于1个", JX_CMP_GE, M(1), "个");
    assert_qty("大于等于5个", JX_CMP_GE, M(5), "个");
    assert_qty("大于或等于5个", JX_CMP_GE, M(5), "个");
    assert_qty("高于10%", JX_CMP_GT, M(10), "%");
    assert_qty("大于10%", JX_CMP_GT, M(10), "%");
    assert_qty("超过10%", JX_CMP_GT, M(10), "%");
    assert_qty("多于10人", JX_CMP_GT, M(10), "人");
    assert_qty("不高于5%", JX_CMP_LE, M(5), "%");
    assert_qty("不超过500万元", JX_CMP_LE, M(500), "万元");
    assert_qty("不多于2次", JX_CMP_LE, M(2), "次");
    assert_qty("不大于2次", JX_CMP_LE, M(2), "次");
    assert_qty("小于等于2次", JX_CMP_LE, M(2), "次");
    assert_qty("低于20%", JX_CMP_LT, M(20), "%");
    assert_qty("小于20%", JX_CMP_LT, M(20), "%");
    assert_qty("少于20人", JX_CMP_LT, M(20), "人");
    assert_qty("等于0次", JX_CMP_EQ, 0, "次");
}

static void test_suffixes(void **state)
{
    (void)state;
    assert_qty("10天以内", JX_CMP_LE, M(10), "天");
    assert_qty("95%以上", JX_CMP_GE, M(95), "%");
    assert_qty("95%以下", JX_CMP_LE, M(95), "%");
    assert_qty("95%及以上", JX_CMP_GE, M(95), "%");
    assert_qty("95%及以下", JX_CMP_LE, M(95), "%");
    assert_qty("3次或以上", JX_CMP_GE, M(3), "次");
    assert_qty("90%（含）以上", JX_CMP_GE, M(90), "%");
    assert_qty("90%以上(含)", JX_CMP_GE, M(90), "%");
    assert_qty("10 天 以内", JX_CMP_LE, M(10), "天");
    assert_qty("100以上", JX_CMP_GE, M(100), "");
    /* A prefix and a suffix of the same direction: the prefix is the more exact. */
    assert_qty("不低于95%以上", JX_CMP_GE, M(95), "%");
    assert_qty("超过90%以上", JX_CMP_GT, M(90), "%");
    assert_qty("≤10天以内", JX_CMP_LE, M(10), "天");
    assert_qty("低于5%以下", JX_CMP_LT, M(5), "%");
    /* （含） makes a strict bound inclusive. */
    assert_qty("大于90%（含）", JX_CMP_GE, M(90), "%");
    assert_qty("小于5%(含)", JX_CMP_LE, M(5), "%");
    assert_qty("90%（含）", JX_CMP_NONE, M(90), "%");
}

static void test_numbers(void **state)
{
    (void)state;
    assert_qty("4", JX_CMP_NONE, M(4), "");
    assert_qty("4.5个", JX_CMP_NONE, 4500000, "个");
    assert_qty("0.000001", JX_CMP_NONE, 1, "");
    assert_qty("１００％", JX_CMP_NONE, M(100), "%"); /* full-width digits and ％ */
    assert_qty("≥９５．５％", JX_CMP_GE, 95500000, "%");
    assert_qty("1,000人次", JX_CMP_NONE, M(1000), "人次");
    assert_qty("1，000人次", JX_CMP_NONE, M(1000), "人次");
    assert_qty("-5%", JX_CMP_NONE, M(-5), "%");
    assert_qty("≥-5℃", JX_CMP_GE, M(-5), "℃");
    assert_qty("－5", JX_CMP_NONE, M(-5), "");
    assert_qty("9,223,372,036,854.775807", JX_CMP_NONE, INT64_MAX, "");
    assert_qty("≤￥500万元", JX_CMP_LE, M(500), "万元");
    assert_qty("5‰", JX_CMP_NONE, M(5), "‰");
    assert_qty("2个百分点", JX_CMP_NONE, M(2), "个百分点");
    assert_qty("1200平方米", JX_CMP_NONE, M(1200), "平方米");
    assert_qty("1200m2", JX_CMP_NONE, M(1200), "m2"); /* a digit in a unit after a letter */
    assert_qty("2022年", JX_CMP_NONE, M(2022), "年");
}

static void test_blanks(void **state)
{
    (void)state;
    assert_qty(" ≥ 4 个 ", JX_CMP_GE, M(4), "个");
    assert_qty("≥　4　个", JX_CMP_GE, M(4), "个"); /* U+3000 */
    assert_qty("不低于 90 %", JX_CMP_GE, M(90), "%");
    assert_qty("\t<20%\r\n", JX_CMP_LT, M(20), "%");
    assert_qty("\xC2\xA0"
               "100%\xC2\xA0",
               JX_CMP_NONE, M(100), "%");
}

static void test_qualitative(void **state)
{
    (void)state;
    assert_qualitative("达成预期目标");
    assert_qualitative("有效提升");
    assert_qualitative("");
    assert_qualitative("   ");
    assert_qualitative("以上");
    assert_qualitative("三个");            /* Chinese numerals are text */
    assert_qualitative("完成4个平台建设"); /* a number inside a sentence */
    assert_qualitative("高于上年水平");    /* a comparison word opening a sentence */
    assert_qualitative("不低于上年");
    assert_qualitative("2022年12月底前完成"); /* a date */
    assert_qualitative("2022年12月31日");
    assert_qualitative("≤2023年6月");
    assert_qualitative("明显改善");
    assert_qualitative("约100人"); /* hedged numbers are statements */
}

static void test_comparison_without_number(void **state)
{
    (void)state;
    assert_refused("不低于", JX_ESYNTAX, "comparison '不低于' is not followed by a number",
                   "'≥4个'");
    assert_refused("≥", JX_ESYNTAX, "comparison '≥' is not followed by a number", NULL);
    assert_refused(" ≥  ", JX_ESYNTAX, "comparison '≥'", NULL);
    assert_refused("≥上年", JX_ESYNTAX, "comparison '≥' in '≥上年'", NULL);
    /* A point with no digit after it is a broken number, not the unit ".x个". */
    assert_refused("4.x个", JX_ESYNTAX, "malformed number", NULL);
    assert_refused("≥4．个", JX_ESYNTAX, "malformed number", NULL);
    assert_refused("<abc", JX_ESYNTAX, "comparison '<'", NULL);
    assert_refused("＝", JX_ESYNTAX, "comparison '＝'", NULL);
    assert_refused("超过 ", JX_ESYNTAX, "comparison '超过'", NULL);
}

static void test_ranges(void **state)
{
    (void)state;
    assert_refused("90%-95%", JX_ESYNTAX, "'90%-95%' is a range", "give one bound, such as '≥90%'");
    assert_refused("3-5个", JX_ESYNTAX, "is a range", NULL);
    assert_refused("3~5天", JX_ESYNTAX, "is a range", NULL);
    assert_refused("3～5天", JX_ESYNTAX, "is a range", NULL);
    assert_refused("3至5天", JX_ESYNTAX, "is a range", NULL);
    assert_refused("3到5天", JX_ESYNTAX, "is a range", NULL);
    assert_refused("90% — 95%", JX_ESYNTAX, "is a range", NULL);
    assert_refused("≥90%-95%", JX_ESYNTAX, "is a range", NULL);
    /* A mark not followed by a number is just text. */
    assert_qty("90%到位", JX_CMP_NONE, M(90), "%到位");
}

static void test_bad_numbers(void **state)
{
    (void)state;
    assert_refused("≥0.1234567%", JX_ERANGE, "number '0.1234567' in '≥0.1234567%'",
                   "more than 6 decimals");
    assert_refused("10000000000000个", JX_ERANGE, "'10000000000000' in", "too large");
    assert_refused("1,23个", JX_ESYNTAX, "malformed number '1,23'", NULL);
    assert_refused("≥1,2345", JX_ESYNTAX, "malformed number", "thousands separators");
    assert_refused("1.2.3个", JX_ESYNTAX, "malformed number '1.2.3' in '1.2.3个': expected", NULL);
    assert_refused("≥90%以下", JX_ESYNTAX, "two opposite comparisons", NULL);
    assert_refused("<5天以上", JX_ESYNTAX, "two opposite comparisons", NULL);
    assert_refused("=5天以上", JX_ESYNTAX, "two opposite comparisons", NULL);
    /* Regression (found by fuzzing): a second suffix stayed in the unit, so the canonical
     * form "≤5个以下" parsed back differently. */
    assert_refused("5个以下以内", JX_ESYNTAX, "'5个以下以内' repeats a comparison", NULL);
    assert_refused("95%以上以上", JX_ESYNTAX, "repeats a comparison", NULL);
    assert_refused("5(含)(含)", JX_ESYNTAX, "repeats a comparison", NULL);
    assert_refused("5个（含）以上（含）", JX_ESYNTAX, "repeats a comparison", NULL);
}

static void test_unit_length(void **state)
{
    (void)state;
    /* JX_UNIT_MAX - 1 = 31 bytes fit; 32 do not. */
    assert_qty("1abcdefghijklmnopqrstuvwxyzABCDE", JX_CMP_NONE, M(1),
               "abcdefghijklmnopqrstuvwxyzABCDE");
    assert_refused("1abcdefghijklmnopqrstuvwxyzABCDEF", JX_ESYNTAX,
                   "unit 'abcdefghijklmnopqrstuvwxyzABCDEF'", "longer than 31 bytes");
    assert_qty("4个平台建设完成并上线", JX_CMP_NONE, M(4), "个平台建设完成并上线"); /* 30 */
    assert_refused("4个平台建设完成并投入使用", JX_ESYNTAX, "longer than 31 bytes", NULL);
    /* ％ counts as the 1 byte of % it becomes. */
    assert_qty("1％abcdefghijklmnopqrstuvwxyzABCD", JX_CMP_NONE, M(1),
               "%abcdefghijklmnopqrstuvwxyzABCD");
}

static void test_not_nul_terminated(void **state)
{
    struct jx_qty q;

    (void)state;
    assert_int_equal(qty_parse("≥4个以上", strlen("≥4个"), &q, NULL), 0);
    assert_int_equal(q.cmp, JX_CMP_GE);
    assert_string_equal(q.unit, "个");
    assert_int_equal(qty_parse("45", 1, &q, NULL), 0);
    assert_int_equal(q.micro, M(4));
}

static void check_format(const char *in, const char *want)
{
    struct strbuf sb = STRBUF_INIT;
    struct jx_qty q;

    assert_int_equal(qty_parse(in, strlen(in), &q, NULL), 0);
    qty_format(&sb, &q);
    assert_string_equal(sb.buf, want);
    /* the canonical form parses back to the same quantity */
    if (q.is_number) {
        struct jx_qty back;

        assert_int_equal(qty_parse(sb.buf, sb.len, &back, NULL), 0);
        assert_true(back.is_number);
        assert_int_equal(back.cmp, q.cmp);
        assert_int_equal(back.micro, q.micro);
        assert_string_equal(back.unit, q.unit);
    }
    strbuf_release(&sb);
}

static void test_format(void **state)
{
    (void)state;
    check_format("≥4个", "≥4个");
    check_format(">=4.50个", "≥4.5个");
    check_format("不低于90％", "≥90%");
    check_format("10天以内", "≤10天");
    check_format("低于 20 %", "<20%");
    check_format("高于10%", ">10%");
    check_format("等于0次", "=0次");
    check_format("100%", "100%");
    check_format("4", "4");
    check_format("-0.5", "-0.5");
    check_format("1,000人次", "1000人次");
    check_format("达成预期目标", "");
}

static void test_cmp_symbol(void **state)
{
    (void)state;
    assert_string_equal(qty_cmp_symbol(JX_CMP_NONE), "");
    assert_string_equal(qty_cmp_symbol(JX_CMP_GE), "≥");
    assert_string_equal(qty_cmp_symbol(JX_CMP_GT), ">");
    assert_string_equal(qty_cmp_symbol(JX_CMP_LE), "≤");
    assert_string_equal(qty_cmp_symbol(JX_CMP_LT), "<");
    assert_string_equal(qty_cmp_symbol(JX_CMP_EQ), "=");
}

static struct jx_qty make(const char *s)
{
    struct jx_qty q;

    if (qty_parse(s, strlen(s), &q, NULL))
        fail_msg("cannot parse '%s'", s);
    return q;
}

static void assert_aligned(const char *target, const char *actual, int64_t micro, const char *unit)
{
    struct strbuf why = STRBUF_INIT;
    struct jx_qty t = make(target), a = make(actual);
    int rc = qty_align_units(&t, &a, &why);

    if (rc || a.micro != micro || strcmp(a.unit, unit))
        fail_msg("align '%s' to '%s': rc %d micro %lld unit '%s'; want %lld '%s' (%s)", actual,
                 target, rc, (long long)a.micro, a.unit, (long long)micro, unit, why.buf);
    assert_int_equal(why.len, 0);
    strbuf_release(&why);
}

static void assert_not_aligned(const char *target, const char *actual, int want_rc,
                               const char *frag)
{
    struct strbuf why = STRBUF_INIT;
    struct jx_qty t = make(target), a = make(actual), before = a;
    int rc = qty_align_units(&t, &a, &why);

    if (rc != want_rc)
        fail_msg("align '%s' to '%s': rc %d, want %d (%s)", actual, target, rc, want_rc, why.buf);
    assert_memory_equal(&a, &before, sizeof(a)); /* untouched on error */
    if (!strstr(why.buf, frag))
        fail_msg("message lacks '%s': %s", frag, why.buf);
    assert_true(why.buf[0] >= 'a' && why.buf[0] <= 'z');
    strbuf_release(&why);
}

static void test_align(void **state)
{
    (void)state;
    assert_aligned("≥4个", "4个", M(4), "个");
    assert_aligned("≥95%", "96％", M(96), "%");
    assert_aligned("≤500万元", "345.3万元", 345300000, "万元");
    /* money converts exactly between 元, 万元 and 亿元 */
    assert_aligned("≤500万元", "3453000元", 345300000, "万元");
    assert_aligned("≤5000000元", "345.3万元", M(3453000), "元");
    assert_aligned("≤1亿元", "345.3万元", 34530, "亿元"); /* 0.03453 亿元 */
    assert_aligned("≤1亿元", "-345.3万元", -34530, "亿元");
    assert_aligned("≤100万元", "1.5亿元", M(15000), "万元");
    assert_aligned("≤1亿元", "100元", 1, "亿元"); /* 0.000001 亿元 */
    /* a bare count beside a count unit takes the target's unit */
    assert_aligned("≥4个", "5", M(5), "个");
    assert_aligned("4", "5个", M(5), "个");
    assert_aligned("4", "5", M(5), "");
}

static void test_align_refused(void **state)
{
    (void)state;
    assert_not_aligned("≥95%", "4个", JX_EINVAL,
                       "unit '个' of the actual does not match unit '%' of the target");
    assert_not_aligned("≤10天", "240小时", JX_EINVAL, "unit '小时' of the actual");
    assert_not_aligned("≤500万元", "345.3万", JX_EINVAL, "unit '万'");
    assert_not_aligned("≤1亿元", "1元", JX_EINVAL, "more than 6 decimals");
    assert_not_aligned("≤1亿元", "1234.5元", JX_EINVAL, "more than 6 decimals");
    assert_aligned("≤1亿元", "0.5万元", 50, "亿元"); /* 0.00005 亿元 still fits */
    /* bare numbers beside units of scale are ambiguous (345.3 万元 or 元? 0.95 or 95 %?) */
    assert_not_aligned("≤500万元", "345.3", JX_EINVAL,
                       "the actual has no unit but the target is in '万元'");
    assert_not_aligned("≥95%", "0.96", JX_EINVAL, "the actual has no unit");
    assert_not_aligned("95", "96%", JX_EINVAL, "the target has no unit but the actual is in '%'");
    assert_not_aligned("≤5‰", "3", JX_EINVAL, "'‰'");
    {
        struct jx_qty t = make("≤1元"), a = make("9,223,372,036,854亿元");
        struct strbuf why = STRBUF_INIT;

        assert_int_equal(qty_align_units(&t, &a, &why), JX_ERANGE);
        assert_non_null(strstr(why.buf, "too large"));
        strbuf_release(&why);
    }
}

static void test_align_qualitative(void **state)
{
    struct jx_qty t = make("达成预期目标"), a = make("4个");

    (void)state;
    /* nothing to align: left for the scoring method to judge */
    assert_int_equal(qty_align_units(&t, &a, NULL), 0);
    assert_string_equal(a.unit, "个");
    assert_int_equal(qty_align_units(&a, &t, NULL), 0);
    assert_false(t.is_number);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_targets),
        cmocka_unit_test(test_symbols),
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_suffixes),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_blanks),
        cmocka_unit_test(test_qualitative),
        cmocka_unit_test(test_comparison_without_number),
        cmocka_unit_test(test_ranges),
        cmocka_unit_test(test_bad_numbers),
        cmocka_unit_test(test_unit_length),
        cmocka_unit_test(test_not_nul_terminated),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_cmp_symbol),
        cmocka_unit_test(test_align),
        cmocka_unit_test(test_align_refused),
        cmocka_unit_test(test_align_qualitative),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
