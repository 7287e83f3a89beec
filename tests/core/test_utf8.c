/*
 * Tests for core/utf8: validation of every malformed class (overlongs, surrogates, past
 * U+10FFFF, truncated, stray continuation bytes), decoding, display width and columns.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/utf8.h"
#include "core/xalloc.h"

static void assert_valid(const char *s, size_t len)
{
    size_t bad = 12345;

    if (!utf8_valid(s, len, &bad))
        fail_msg("valid UTF-8 refused at byte %zu", bad);
    assert_int_equal(bad, 12345); /* untouched when valid */
}

static void assert_invalid_at(const char *s, size_t len, size_t at)
{
    size_t bad = 12345;

    assert_false(utf8_valid(s, len, &bad));
    assert_int_equal(bad, at);
    assert_false(utf8_valid(s, len, NULL));
}

static void test_valid(void **state)
{
    (void)state;
    assert_valid("", 0);
    assert_valid("abc", 3);
    assert_valid("绩效评价报告", strlen("绩效评价报告"));
    assert_valid("\xC2\x80", 2);         /* U+0080, smallest 2-byte */
    assert_valid("\xDF\xBF", 2);         /* U+07FF */
    assert_valid("\xE0\xA0\x80", 3);     /* U+0800, smallest 3-byte */
    assert_valid("\xED\x9F\xBF", 3);     /* U+D7FF, just below the surrogates */
    assert_valid("\xEE\x80\x80", 3);     /* U+E000, just above */
    assert_valid("\xEF\xBF\xBF", 3);     /* U+FFFF */
    assert_valid("\xF0\x90\x80\x80", 4); /* U+10000 */
    assert_valid("\xF4\x8F\xBF\xBF", 4); /* U+10FFFF, the last code point */
    assert_valid("\xF0\xA0\x80\x80", 4); /* U+20000 CJK Extension B */
    assert_valid("a\0b", 3);             /* NUL is valid UTF-8 */
}

static void test_overlong(void **state)
{
    (void)state;
    assert_invalid_at("\xC0\x80", 2, 0);         /* overlong NUL */
    assert_invalid_at("\xC1\xBF", 2, 0);         /* overlong U+007F */
    assert_invalid_at("ab\xE0\x80\x80", 5, 2);   /* overlong 3-byte NUL */
    assert_invalid_at("\xE0\x9F\xBF", 3, 0);     /* overlong U+07FF */
    assert_invalid_at("\xF0\x80\x80\x80", 4, 0); /* overlong 4-byte NUL */
    assert_invalid_at("\xF0\x8F\xBF\xBF", 4, 0); /* overlong U+FFFF */
    assert_invalid_at("\xC0\xAF", 2, 0);         /* the classic '/' */
}

static void test_surrogates(void **state)
{
    (void)state;
    assert_invalid_at("\xED\xA0\x80", 3, 0);              /* U+D800 */
    assert_invalid_at("\xED\xBF\xBF", 3, 0);              /* U+DFFF */
    assert_invalid_at("x\xED\xA0\xBD\xED\xB2\xA9", 7, 1); /* CESU-8 pair */
}

static void test_too_large(void **state)
{
    (void)state;
    assert_invalid_at("\xF4\x90\x80\x80", 4, 0); /* U+110000 */
    assert_invalid_at("\xF5\x80\x80\x80", 4, 0);
    assert_invalid_at("\xF7\xBF\xBF\xBF", 4, 0);
    assert_invalid_at("\xF8\x88\x80\x80\x80", 5, 0); /* old 5-byte form */
    assert_invalid_at("\xFC\x84\x80\x80\x80\x80", 6, 0);
    assert_invalid_at("\xFE", 1, 0);
    assert_invalid_at("\xFF", 1, 0);
}

static void test_truncated_and_stray(void **state)
{
    (void)state;
    assert_invalid_at("\xE7\xBB", 2, 0); /* 绩 cut after 2 bytes */
    assert_invalid_at("ok\xE7", 3, 2);
    assert_invalid_at("\xF0\x9F\x98", 3, 0);
    assert_invalid_at("\xC2", 1, 0);
    assert_invalid_at("\xE7\xBB\xA9", 2, 0); /* valid bytes, but len stops inside */
    assert_invalid_at("\x80", 1, 0);         /* lone continuation */
    assert_invalid_at("a\xBF", 2, 1);
    assert_invalid_at("\xE7\xBB"
                      "a",
                      3, 0); /* lead then ASCII */
    assert_invalid_at("\xC2"
                      "a",
                      2, 0);
    assert_invalid_at("\xF0\x9F\x98"
                      "a",
                      4, 0);
    assert_invalid_at("\xE7\xBB\xA9\xE7\x0A", 5, 3); /* second character broken */
    assert_invalid_at("\xC3\xA9\xC3", 3, 2);
    /* GB18030 bytes for 绩效 are not UTF-8 */
    assert_invalid_at("\xBC\xA8\xD0\xA7", 4, 0);
}

static void test_decode(void **state)
{
    uint32_t cp = 0;

    (void)state;
    assert_int_equal(utf8_decode("A", &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(utf8_decode("", &cp), 0);
    assert_int_equal(cp, 0);
    assert_int_equal(utf8_decode("\xC3\xA9", &cp), 2);
    assert_int_equal(cp, 0xE9);
    assert_int_equal(utf8_decode("绩", &cp), 3);
    assert_int_equal(cp, 0x7EE9);
    assert_int_equal(utf8_decode("\xF0\x9F\x98\x80", &cp), 4);
    assert_int_equal(cp, 0x1F600);
    assert_int_equal(utf8_decode("\xF4\x8F\xBF\xBF", &cp), 4);
    assert_int_equal(cp, 0x10FFFF);
    assert_int_equal(utf8_decode("\xEF\xBC\x85", &cp), 3); /* ％ */
    assert_int_equal(cp, 0xFF05);
    /* Malformed input never reads past the NUL: one U+FFFD per bad byte. */
    assert_int_equal(utf8_decode("\xE7", &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(utf8_decode("\xE7\xBB", &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(utf8_decode("\x80", &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(utf8_decode("\xFF", &cp), 1);
    assert_int_equal(cp, 0xFFFD);
}

static void test_decode_all(void **state)
{
    (void)state;
    /* Every scalar value encoded by hand decodes back and validates. */
    for (uint32_t c = 1; c <= 0x10FFFF; c += (c < 0x3000 ? 1 : 97)) {
        unsigned char b[5] = {0};
        size_t n;
        uint32_t back = 0;

        if (c >= 0xD800 && c <= 0xDFFF)
            continue;
        if (c < 0x80) {
            b[0] = (unsigned char)c;
            n = 1;
        } else if (c < 0x800) {
            b[0] = (unsigned char)(0xC0 | (c >> 6));
            b[1] = (unsigned char)(0x80 | (c & 0x3F));
            n = 2;
        } else if (c < 0x10000) {
            b[0] = (unsigned char)(0xE0 | (c >> 12));
            b[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
            b[2] = (unsigned char)(0x80 | (c & 0x3F));
            n = 3;
        } else {
            b[0] = (unsigned char)(0xF0 | (c >> 18));
            b[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
            b[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
            b[3] = (unsigned char)(0x80 | (c & 0x3F));
            n = 4;
        }
        if (!utf8_valid((const char *)b, n, NULL))
            fail_msg("U+%04X refused", (unsigned)c);
        assert_int_equal(utf8_decode((const char *)b, &back), n);
        if (back != c)
            fail_msg("U+%04X decoded as U+%04X", (unsigned)c, (unsigned)back);
    }
}

static void test_cp_width(void **state)
{
    (void)state;
    assert_int_equal(utf8_cp_width('a'), 1);
    assert_int_equal(utf8_cp_width(' '), 1);
    assert_int_equal(utf8_cp_width('\n'), 0);
    assert_int_equal(utf8_cp_width(0x7F), 0);
    assert_int_equal(utf8_cp_width(0x85), 0);
    assert_int_equal(utf8_cp_width(0xE9), 1);   /* é */
    assert_int_equal(utf8_cp_width(0x7EE9), 2); /* 绩 */
    assert_int_equal(utf8_cp_width(0x4E00), 2); /* first of the URO */
    assert_int_equal(utf8_cp_width(0x9FFF), 2);
    assert_int_equal(utf8_cp_width(0x3000), 2); /* ideographic space */
    assert_int_equal(utf8_cp_width(0x3001), 2); /* 、 */
    assert_int_equal(utf8_cp_width(0xFF05), 2); /* ％ */
    assert_int_equal(utf8_cp_width(0xFF10), 2); /* ０ */
    assert_int_equal(utf8_cp_width(0xFF61), 1); /* halfwidth ｡ */
    assert_int_equal(utf8_cp_width(0xFFE5), 2); /* ￥ */
    assert_int_equal(utf8_cp_width(0xAC00), 2); /* 가 */
    assert_int_equal(utf8_cp_width(0x1100), 2); /* Hangul Jamo */
    assert_int_equal(utf8_cp_width(0x1160), 1);
    assert_int_equal(utf8_cp_width(0x3041), 2);  /* ぁ */
    assert_int_equal(utf8_cp_width(0x1F600), 2); /* 😀 */
    assert_int_equal(utf8_cp_width(0x1F914), 2); /* 🤔 */
    assert_int_equal(utf8_cp_width(0x1F650), 1);
    assert_int_equal(utf8_cp_width(0x20000), 2);
    assert_int_equal(utf8_cp_width(0x3FFFD), 2);
    assert_int_equal(utf8_cp_width(0x3FFFE), 1);
    assert_int_equal(utf8_cp_width(0x2265), 1); /* ≥ is narrow */
    assert_int_equal(utf8_cp_width(0x2030), 1); /* ‰ */
    assert_int_equal(utf8_cp_width(0x00A5), 1); /* ¥ */
    assert_int_equal(utf8_cp_width(0x2E7F), 1); /* just before a wide block */
    assert_int_equal(utf8_cp_width(0x303F), 1); /* just after */
    /* zero width */
    assert_int_equal(utf8_cp_width(0x0300), 0);
    assert_int_equal(utf8_cp_width(0x0301), 0);
    assert_int_equal(utf8_cp_width(0x036F), 0);
    assert_int_equal(utf8_cp_width(0x0370), 1);
    assert_int_equal(utf8_cp_width(0x200B), 0); /* zero width space */
    assert_int_equal(utf8_cp_width(0x200D), 0); /* ZWJ */
    assert_int_equal(utf8_cp_width(0xFE0F), 0); /* variation selector */
    assert_int_equal(utf8_cp_width(0xFEFF), 0); /* BOM */
    assert_int_equal(utf8_cp_width(0x302A), 0); /* combining mark inside a wide block */
    assert_int_equal(utf8_cp_width(0x3099), 0);
    assert_int_equal(utf8_cp_width(0x309B), 2);
    assert_int_equal(utf8_cp_width(0x20D7), 0);
    assert_int_equal(utf8_cp_width(0xE0100), 0);
}

static void test_width(void **state)
{
    (void)state;
    assert_int_equal(utf8_width(""), 0);
    assert_int_equal(utf8_width("abc"), 3);
    assert_int_equal(utf8_width("绩效"), 4);
    assert_int_equal(utf8_width("≥4个"), 4);
    assert_int_equal(utf8_width("项目产出 25.00"), 14);
    assert_int_equal(utf8_width("e\xCC\x81"), 1); /* e + combining acute */
    assert_int_equal(utf8_width("１００％"), 8);
    assert_int_equal(utf8_width("a\tb"), 2);     /* controls take no column */
    assert_int_equal(utf8_width("\xE7\xBB"), 2); /* broken bytes: one U+FFFD column each */
}

static void test_column(void **state)
{
    const char *line = "score: 绩效 ok";

    (void)state;
    assert_int_equal(utf8_column(line, 0), 1);
    assert_int_equal(utf8_column(line, 7), 8);             /* '绩' */
    assert_int_equal(utf8_column(line, 10), 9);            /* '效' */
    assert_int_equal(utf8_column(line, 13), 10);           /* ' ' after 效 */
    assert_int_equal(utf8_column(line, 14), 11);           /* 'o' */
    assert_int_equal(utf8_column(line, strlen(line)), 13); /* end of line */
    /* An offset inside a character reports that character. */
    assert_int_equal(utf8_column(line, 8), 8);
    assert_int_equal(utf8_column(line, 9), 8);
    assert_int_equal(utf8_column(line, 11), 9);
    /* Four-byte characters count once. */
    assert_int_equal(utf8_column("\xF0\x9F\x98\x80x", 4), 2);
    assert_int_equal(utf8_column("\xF0\x9F\x98\x80x", 3), 1);
    /* Only bytes before off are read: an unterminated buffer may end at off. */
    {
        char buf[3];

        memcpy(buf, "效", 3);
        assert_int_equal(utf8_column(buf, 3), 2);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_overlong),
        cmocka_unit_test(test_surrogates),
        cmocka_unit_test(test_too_large),
        cmocka_unit_test(test_truncated_and_stray),
        cmocka_unit_test(test_decode),
        cmocka_unit_test(test_decode_all),
        cmocka_unit_test(test_cp_width),
        cmocka_unit_test(test_width),
        cmocka_unit_test(test_column),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
