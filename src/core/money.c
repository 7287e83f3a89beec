/*
 * Money amounts as people type them in budget documents, held as int64 分. An amount in
 * a unit is a decimal at the scale of that unit in 分 (元: 2, 万元: 6, 亿元: 10), so
 * dec_parse() at that scale both converts exactly and refuses anything finer than 1 分.
 * Parsing allocates nothing unless it has to explain an error.
 */
#include <string.h>

#include "core/decimal.h"
#include "core/err.h"
#include "core/money.h"
#include "core/utf8.h"

#define EXPECTED "expected an amount such as '345.3万元' or '3,453,000.00元'"

struct unit_name {
    const char *text;
    unsigned char len;
    unsigned char unit;
};

/* Matched against the whole text after the number, so no order is needed. */
static const struct unit_name unit_names[] = {
    {"元", 3, MONEY_YUAN},
    {"万元", 6, MONEY_WAN},
    {"亿元", 6, MONEY_YI},
    /* "345.3万" is read as 万元: in an amount field there is nothing else it can mean. */
    {"万", 3, MONEY_WAN},
    {"亿", 3, MONEY_YI},
};

/* Scale of a unit in 分: one 元 is 10^2 分, one 万元 10^6, one 亿元 10^10. */
static unsigned unit_scale(enum money_unit unit)
{
    switch (unit) {
    case MONEY_YUAN:
        return 2;
    case MONEY_WAN:
        return 6;
    case MONEY_YI:
        return 10;
    }
    JX_BUG("bad money unit %d", (int)unit);
}

const char *money_unit_name(enum money_unit unit)
{
    switch (unit) {
    case MONEY_YUAN:
        return "元";
    case MONEY_WAN:
        return "万元";
    case MONEY_YI:
        return "亿元";
    }
    JX_BUG("bad money unit %d", (int)unit);
}

static void trim(const char **s, size_t *len)
{
    size_t n;

    while (*len && (n = utf8_blank_at(*s, *len))) {
        *s += n;
        *len -= n;
    }
    for (;;) {
        if (*len >= 1 && utf8_blank_at(*s + *len - 1, 1))
            *len -= 1;
        else if (*len >= 2 && utf8_blank_at(*s + *len - 2, 2) == 2)
            *len -= 2;
        else if (*len >= 3 && utf8_blank_at(*s + *len - 3, 3) == 3)
            *len -= 3;
        else
            break;
    }
}

static size_t skip_blanks(const char *s, size_t len, size_t i)
{
    size_t n;

    while (i < len && (n = utf8_blank_at(s + i, len - i)))
        i += n;
    return i;
}

static size_t prefix(const char *s, size_t len, const char *lit, size_t n)
{
    return len >= n && !memcmp(s, lit, n) ? n : 0;
}

/* A sign: + - ＋ －. Returns its length or 0. */
static size_t sign_at(const char *s, size_t len, int *neg)
{
    size_t n;

    if (len && (s[0] == '+' || s[0] == '-')) {
        *neg = s[0] == '-';
        return 1;
    }
    if ((n = prefix(s, len, "\xEF\xBC\x8D", 3))) { /* － */
        *neg = 1;
        return n;
    }
    if ((n = prefix(s, len, "\xEF\xBC\x8B", 3))) { /* ＋ */
        *neg = 0;
        return n;
    }
    return 0;
}

/* ¥ (U+00A5) or ￥ (U+FFE5). */
static size_t currency_at(const char *s, size_t len)
{
    size_t n;

    if ((n = prefix(s, len, "\xC2\xA5", 2)))
        return n;
    return prefix(s, len, "\xEF\xBF\xA5", 3);
}

/* True when s starts with what can only belong to a number: a digit, a point or a comma. */
static bool number_like(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;

    if (u[0] == '.' || u[0] == ',' || (u[0] >= '0' && u[0] <= '9'))
        return true;
    /* full-width: EF BC 8C '，', 8E '．', 90..99 digits */
    return len >= 3 && u[0] == 0xEF && u[1] == 0xBC &&
           (u[2] == 0x8C || u[2] == 0x8E || (u[2] >= 0x90 && u[2] <= 0x99));
}

int money_parse(const char *s, size_t len, enum money_unit default_unit, int64_t *fen,
                struct strbuf *why)
{
    const char *text = s;
    size_t text_len = len, i = 0, n, num_start, num_len, rest;
    enum money_unit unit = default_unit;
    int neg = 0, has_sign = 0, has_currency = 0, rc;
    int64_t v;

    trim(&text, &text_len);
    if (!text_len) {
        if (why)
            strbuf_addstr(why, "empty amount: " EXPECTED);
        return JX_ESYNTAX;
    }
    /* Sign and currency symbol in either order: "-¥5", "¥-5", "－￥5". */
    if ((n = sign_at(text, text_len, &neg))) {
        has_sign = 1;
        i = skip_blanks(text, text_len, i + n);
    }
    if ((n = currency_at(text + i, text_len - i))) {
        has_currency = 1;
        i = skip_blanks(text, text_len, i + n);
    }
    if (!has_sign && (n = sign_at(text + i, text_len - i, &neg)))
        i = skip_blanks(text, text_len, i + n);
    num_start = i;
    num_len = dec_span(text + i, text_len - i);
    /* dec_span accepts a sign of its own; one was taken above, a second is garbage. */
    if (!num_len || sign_at(text + i, text_len - i, &(int){0}))
        goto syntax;
    i = skip_blanks(text, text_len, i + num_len);
    rest = text_len - i;
    if (rest) {
        size_t k;

        for (k = 0; k < ARRAY_SIZE(unit_names); k++)
            if (rest == unit_names[k].len && !memcmp(text + i, unit_names[k].text, rest))
                break;
        if (k == ARRAY_SIZE(unit_names) && number_like(text + i, rest))
            goto syntax; /* "5.元", "12 34元": the number is malformed, not the unit */
        if (k == ARRAY_SIZE(unit_names)) {
            if (why) {
                strbuf_addstr(why, "amount ");
                strbuf_add_excerpt(why, text, text_len);
                strbuf_addstr(why, " has unknown unit ");
                strbuf_add_excerpt(why, text + i, rest);
                strbuf_addstr(why, ": expected an amount in 元, 万元 or 亿元, such as "
                                   "'345.3万元' or '3,453,000.00元'");
            }
            return JX_ESYNTAX;
        }
        unit = (enum money_unit)unit_names[k].unit;
    } else if (has_currency) {
        unit = MONEY_YUAN; /* "¥1000" is 1000 元 whatever the default unit */
    }
    rc = dec_parse(text + num_start, num_len, unit_scale(unit), &v);
    if (rc == JX_ESYNTAX)
        goto syntax;
    if (rc == JX_ERANGE) {
        if (!why)
            return rc;
        strbuf_addstr(why, "amount ");
        strbuf_add_excerpt(why, text, text_len);
        if (dec_places(text + num_start, num_len) > unit_scale(unit))
            strbuf_addf(why,
                        " is finer than one 分: give at most %u decimals in %s, "
                        "such as '3,453,000.00元' or '345.3万元'",
                        unit_scale(unit), money_unit_name(unit));
        else
            strbuf_addstr(why, " is too large: the largest amount is 92,233,720,368,547,758.07元");
        return rc;
    }
    if (rc)
        return rc;
    *fen = neg ? -v : v;
    return 0;
syntax:
    if (why) {
        strbuf_addstr(why, "not an amount ");
        strbuf_add_excerpt(why, text, text_len);
        strbuf_addstr(why, ": " EXPECTED);
    }
    return JX_ESYNTAX;
}

void money_format(struct strbuf *sb, int64_t fen, enum money_unit unit, unsigned places)
{
    dec_format(sb, fen, unit_scale(unit), places);
}

void money_format_unit(struct strbuf *sb, int64_t fen, enum money_unit unit, unsigned places)
{
    if (places)
        dec_format(sb, fen, unit_scale(unit), places);
    else
        dec_format_trim(sb, fen, unit_scale(unit));
    strbuf_addstr(sb, money_unit_name(unit));
}
