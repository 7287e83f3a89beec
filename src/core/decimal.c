/*
 * Fixed-point decimal parsing, formatting and rounding. Every rounding in jixiao goes
 * through dec_div_round(): half away from zero, on exact 128-bit integers.
 */
#include <string.h>

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
    if (2 * r >= den)
        q++;
    if (q > INT64_MAX)
        JX_BUG("decimal result out of range");
    return neg ? -(int64_t)q : (int64_t)q;
}

int64_t dec_rescale(int64_t v, unsigned from, unsigned to)
{
    if (from == to)
        return v;
    if (to > from)
        return (int64_t)((jx_i128)v * pow10i(to - from));
    return dec_div_round(v, pow10i(from - to));
}

int64_t dec_rate(jx_i128 part, jx_i128 whole)
{
    return dec_div_round(part * 10000, whole);
}

/* Reads one ASCII or full-width (U+FF10..U+FF19) digit; returns its byte length or 0. */
static size_t read_digit(const char *s, size_t len, int *digit)
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

static size_t match(const char *s, size_t len, const char *lit)
{
    size_t n = strlen(lit);

    return len >= n && !memcmp(s, lit, n) ? n : 0;
}

static int is_blank(const char *s, size_t len, size_t *n)
{
    if (len && (s[0] == ' ' || s[0] == '\t')) {
        *n = 1;
        return 1;
    }
    if ((*n = match(s, len, "\xE3\x80\x80"))) /* U+3000 ideographic space */
        return 1;
    return 0;
}

int dec_parse(const char *s, size_t len, unsigned scale, int64_t *out)
{
    size_t i = 0, n;
    jx_i128 v = 0;
    int neg = 0, digits = 0, frac_digits = 0, seen_point = 0, digit;
    int group_len = -1; /* digits since the last thousands separator; -1: none seen */
    const jx_i128 limit = (jx_i128)INT64_MAX;

    if (scale >= ARRAY_SIZE(pow10_table))
        JX_BUG("decimal scale %u too large", scale);
    while (i < len && is_blank(s + i, len - i, &n))
        i += n;
    while (len > i && is_blank(s + len - 1, 1, &n))
        len--;
    while (len >= i + 3 && !memcmp(s + len - 3, "\xE3\x80\x80", 3))
        len -= 3;
    if (i < len && (s[i] == '+' || s[i] == '-')) {
        neg = s[i] == '-';
        i++;
    } else if ((n = match(s + i, len - i, "\xEF\xBC\x8D"))) { /* － */
        neg = 1;
        i += n;
    } else if ((n = match(s + i, len - i, "\xEF\xBC\x8B"))) { /* ＋ */
        i += n;
    }
    while (i < len) {
        if ((n = read_digit(s + i, len - i, &digit))) {
            v = v * 10 + digit;
            if (v > limit * 10) /* keep room for rescaling checks below */
                return JX_ERANGE;
            digits++;
            if (seen_point)
                frac_digits++;
            else if (group_len >= 0)
                group_len++;
            i += n;
        } else if (!seen_point && (s[i] == ',' || match(s + i, len - i, "\xEF\xBC\x8C"))) {
            /* A thousands separator must follow 1-3 digits (first group) or exactly 3. */
            if (!digits || (group_len >= 0 && group_len != 3) || (group_len < 0 && digits > 3))
                return JX_ESYNTAX;
            group_len = 0;
            i += s[i] == ',' ? 1 : 3;
        } else if (!seen_point && (s[i] == '.' || match(s + i, len - i, "\xEF\xBC\x8E"))) {
            if (!digits || (group_len >= 0 && group_len != 3))
                return JX_ESYNTAX;
            seen_point = 1;
            i += s[i] == '.' ? 1 : 3;
        } else {
            return JX_ESYNTAX;
        }
    }
    if (!digits || (seen_point && !frac_digits) || (!seen_point && group_len >= 0 && group_len != 3))
        return JX_ESYNTAX;
    if ((unsigned)frac_digits > scale) {
        /* Accept trailing zeros beyond the scale ("25.000" at scale 2); refuse real digits. */
        int64_t p = pow10i((unsigned)frac_digits - scale);

        if (v % p)
            return JX_ERANGE;
        v /= p;
        frac_digits = (int)scale;
    }
    v *= pow10i(scale - (unsigned)frac_digits);
    if (v > limit)
        return JX_ERANGE;
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
    strbuf_addf(sb, "%lld", (long long)(a / unit));
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
