/*
 * Fixed-point decimal parsing, formatting and rounding. Every rounding in jixiao goes
 * through dec_div_round(): half away from zero, on exact 128-bit integers.
 */

#include "core/decimal.h"
#include "core/err.h"

static const int64_t pow10_table[] = {
    1,
    10,
    100,
    1000,
    10000,
    100000,
    1000000,
    10000000,
    100000000,
    1000000000,
    10000000000,
    100000000000,
    1000000000000,
    10000000000000,
    100000000000000,
    1000000000000000,
    10000000000000000,
    100000000000000000,
    1000000000000000000,
};

static int64_t pow10i(unsigned n)
{
    if (n >= ARRAY_SIZE(pow10_table))
        JX_BUG("decimal scale %u too large", n);
    return pow10_table[n];
}

int64_t dec_div_round(jx_i128 num, jx_i128 den)
{
    jx_i128 q, r;
    int neg;

    if (den == 0)
        JX_BUG("division by zero");
    neg = (num < 0) != (den < 0);
    if (num < 0)
        num = -num;
    if (den < 0)
        den = -den;
    q = num / den;
    r = num % den;
    if (r >= den - r) /* 2r >= den, without overflowing when den is near the i128 limit */
        q++;
    if (q > INT64_MAX)
        JX_BUG("decimal result out of range");
    return neg ? -(int64_t)q : (int64_t)q;
}

int64_t dec_rescale(int64_t v, unsigned from, unsigned to)
{
    if (from == to)
        return v;
    if (to > from) {
        jx_i128 r = (jx_i128)v * pow10i(to - from);

        if (r > INT64_MAX || r < INT64_MIN)
            JX_BUG("rescaling %lld from %u to %u overflows", (long long)v, from, to);
        return (int64_t)r;
    }
    return dec_div_round(v, pow10i(from - to));
}

int64_t dec_rate(jx_i128 part, jx_i128 whole)
{
    return dec_div_round(part * 10000, whole);
}

/* Reads one ASCII or full-width (U+FF10..U+FF19) digit; returns its byte length or 0. */
static inline size_t read_digit(const char *s, size_t len, int *digit)
{
    const unsigned char *u = (const unsigned char *)s;

    if (len >= 1 && u[0] >= '0' && u[0] <= '9') {
        *digit = u[0] - '0';
        return 1;
    }
    /* U+FF10..U+FF19 are EF BC 90..99 */
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99) {
        *digit = u[2] - 0x90;
        return 3;
    }
    return 0;
}

/* ',' or U+FF0C '，' (EF BC 8C): byte length or 0. */
static inline size_t read_comma(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;

    if (len >= 1 && u[0] == ',')
        return 1;
    return len >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] == 0x8C ? 3 : 0;
}

/* '.' or U+FF0E '．' (EF BC 8E): byte length or 0. */
static inline size_t read_point(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;

    if (len >= 1 && u[0] == '.')
        return 1;
    return len >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] == 0x8E ? 3 : 0;
}

/* + - and full-width U+FF0B '＋' (EF BC 8B), U+FF0D '－' (EF BC 8D): length or 0. */
static inline size_t read_sign(const char *s, size_t len, int *neg)
{
    const unsigned char *u = (const unsigned char *)s;

    if (len >= 1 && (u[0] == '+' || u[0] == '-')) {
        *neg = u[0] == '-';
        return 1;
    }
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBC && (u[2] == 0x8B || u[2] == 0x8D)) {
        *neg = u[2] == 0x8D;
        return 3;
    }
    return 0;
}

/* Leading blank: space, tab, U+00A0 (C2 A0, pasted from spreadsheets), U+3000 (E3 80 80). */
static inline size_t blank_at(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;

    if (len >= 1 && (u[0] == ' ' || u[0] == '\t'))
        return 1;
    if (len >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
        return 2;
    return len >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80 ? 3 : 0;
}

/* Trailing blank of s[0..len), as blank_at. */
static inline size_t blank_before(const char *s, size_t len)
{
    if (len >= 1 && blank_at(s + len - 1, 1))
        return 1;
    if (len >= 2 && blank_at(s + len - 2, 2) == 2)
        return 2;
    return len >= 3 && blank_at(s + len - 3, 3) == 3 ? 3 : 0;
}

size_t dec_span(const char *s, size_t len)
{
    size_t i, n;
    int digit, neg;

    i = read_sign(s, len, &neg);
    if (!read_digit(s + i, len - i, &digit))
        return 0;
    while (i < len) {
        if ((n = read_digit(s + i, len - i, &digit))) {
            i += n;
            continue;
        }
        /* A separator or point belongs to the number only when a digit follows it. */
        n = read_comma(s + i, len - i);
        if (!n)
            n = read_point(s + i, len - i);
        if (!n || !read_digit(s + i + n, len - i - n, &digit))
            break;
        i += n;
    }
    return i;
}

unsigned dec_places(const char *s, size_t len)
{
    size_t i = 0, n;
    unsigned digits = 0, kept = 0;
    int digit, point = 0;

    while (i < len) {
        if (point && (n = read_digit(s + i, len - i, &digit))) {
            digits++;
            if (digit)
                kept = digits;
        } else if ((n = read_point(s + i, len - i))) {
            point = 1;
        } else {
            n = 1;
        }
        i += n;
    }
    return kept;
}

int dec_parse(const char *s, size_t len, unsigned scale, int64_t *out)
{
    size_t i = 0, n;
    uint64_t v = 0;
    int neg = 0, seen_point = 0, digit;
    unsigned digits = 0, frac_seen = 0, frac_kept = 0;
    int group_len = -1; /* digits since the last thousands separator; -1: none seen */
    int overflow = 0, too_precise = 0;

    if (scale >= ARRAY_SIZE(pow10_table))
        JX_BUG("decimal scale %u too large", scale);
    while (i < len && (n = blank_at(s + i, len - i)))
        i += n;
    while (len > i && (n = blank_before(s + i, len - i)))
        len -= n;
    i += read_sign(s + i, len - i, &neg);
    /*
     * Syntax is checked over the whole text before range, so that garbage is always
     * JX_ESYNTAX. Digits are accumulated only while they can still matter: past the
     * scale only zeros keep the value exact, and once v passes INT64_MAX it stays there.
     */
    while (i < len) {
        if ((n = read_digit(s + i, len - i, &digit))) {
            digits++;
            if (seen_point)
                frac_seen++;
            else if (group_len >= 0)
                group_len++;
            if (seen_point && frac_kept >= scale) {
                if (digit)
                    too_precise = 1;
            } else {
                if (seen_point)
                    frac_kept++;
                if (v > (uint64_t)(INT64_MAX - digit) / 10)
                    overflow = 1;
                else
                    v = v * 10 + (unsigned)digit;
            }
            i += n;
        } else if (!seen_point && (n = read_comma(s + i, len - i))) {
            /* A thousands separator must follow 1-3 digits (first group) or exactly 3. */
            if (!digits || (group_len >= 0 && group_len != 3) || (group_len < 0 && digits > 3))
                return JX_ESYNTAX;
            group_len = 0;
            i += n;
        } else if (!seen_point && (n = read_point(s + i, len - i))) {
            if (!digits || (group_len >= 0 && group_len != 3))
                return JX_ESYNTAX;
            seen_point = 1;
            i += n;
        } else {
            return JX_ESYNTAX;
        }
    }
    if (!digits || (seen_point && !frac_seen) || (!seen_point && group_len >= 0 && group_len != 3))
        return JX_ESYNTAX;
    if (overflow || too_precise)
        return JX_ERANGE;
    if (frac_kept < scale) {
        uint64_t p = (uint64_t)pow10i(scale - frac_kept);

        if (v > (uint64_t)INT64_MAX / p)
            return JX_ERANGE;
        v *= p;
    }
    *out = neg ? -(int64_t)v : (int64_t)v;
    return 0;
}

void dec_format(struct strbuf *sb, int64_t v, unsigned scale, unsigned places)
{
    jx_i128 a;
    int64_t unit;

    if (places < scale) {
        v = dec_rescale(v, scale, places);
        scale = places;
    }
    a = v;
    if (a < 0) {
        strbuf_addch(sb, '-');
        a = -a;
    }
    unit = pow10i(scale);
    /* unsigned: -INT64_MIN at scale 0 does not fit in long long */
    strbuf_addf(sb, "%llu", (unsigned long long)(a / unit));
    if (places) {
        int64_t f = (int64_t)(a % unit) * pow10i(places - scale);

        strbuf_addf(sb, ".%0*lld", (int)places, (long long)f);
    }
}

void dec_format_trim(struct strbuf *sb, int64_t v, unsigned scale)
{
    size_t start = sb->len;

    dec_format(sb, v, scale, scale);
    if (!scale)
        return;
    while (sb->len > start && sb->buf[sb->len - 1] == '0')
        sb->len--;
    if (sb->len > start && sb->buf[sb->len - 1] == '.')
        sb->len--;
    sb->buf[sb->len] = '\0';
}
