/*
 * Quantities of 指标值 / 实际完成值: [comparison] number [unit] [以上|以下|以内], or
 * qualitative text. qty_parse() runs on every cell of every evaluation (and on tens of
 * millions in the benchmark), so it is one pass over the bytes with fixed tables and
 * allocates nothing unless it has to explain an error in why.
 */
#include <string.h>

#include "core/decimal.h"
#include "core/err.h"
#include "core/qty.h"
#include "core/utf8.h"

#define EXPECTED "expected a quantity such as '≥4个', '<20%', '不低于90%' or '10天以内'"

struct word {
    const char *text;
    unsigned char len;
    unsigned char cmp;
};

#define W(s, c)                                                                                    \
    {                                                                                              \
        s, sizeof(s) - 1, c                                                                        \
    }

/* Symbols announce a number: one that is not followed by a number is an error. */
static const struct word symbols[] = {
    W("≥", JX_CMP_GE), W(">=", JX_CMP_GE), W("＞＝", JX_CMP_GE), W("≧", JX_CMP_GE),
    W("≤", JX_CMP_LE), W("<=", JX_CMP_LE), W("＜＝", JX_CMP_LE), W("≦", JX_CMP_LE),
    W(">", JX_CMP_GT), W("＞", JX_CMP_GT), W("<", JX_CMP_LT),    W("＜", JX_CMP_LT),
    W("=", JX_CMP_EQ), W("＝", JX_CMP_EQ),
};

/*
 * Words may also open a qualitative statement ("高于上年水平"): followed by text that is
 * not a number they leave the quantity qualitative; alone they are an error. Where one
 * word starts another the longer comes first.
 */
static const struct word words[] = {
    W("不低于", JX_CMP_GE),     W("不少于", JX_CMP_GE),     W("不小于", JX_CMP_GE),
    W("至少", JX_CMP_GE),       W("大于或等于", JX_CMP_GE), W("大于等于", JX_CMP_GE),
    W("高于", JX_CMP_GT),       W("大于", JX_CMP_GT),       W("超过", JX_CMP_GT),
    W("多于", JX_CMP_GT),       W("不高于", JX_CMP_LE),     W("不超过", JX_CMP_LE),
    W("不多于", JX_CMP_LE),     W("不大于", JX_CMP_LE),     W("至多", JX_CMP_LE),
    W("小于或等于", JX_CMP_LE), W("小于等于", JX_CMP_LE),   W("低于", JX_CMP_LT),
    W("小于", JX_CMP_LT),       W("少于", JX_CMP_LT),       W("等于", JX_CMP_EQ),
};

/* After the unit: 以上 and 以下 include the bound in Chinese usage, so they are ≥ and ≤. */
static const struct word suffixes[] = {
    W("及以上", JX_CMP_GE), W("或以上", JX_CMP_GE), W("以上", JX_CMP_GE), W("及以下", JX_CMP_LE),
    W("或以下", JX_CMP_LE), W("以下", JX_CMP_LE),   W("以内", JX_CMP_LE),
};

/* "（含）" / "(含)": the bound is included, turning > into ≥ and < into ≤. */
static const struct word inclusive[] = {
    W("（含）", JX_CMP_NONE),
    W("(含)", JX_CMP_NONE),
};

/* Between two numbers these make a range ("90%-95%", "3~5个", "3至5天"). */
static const struct word range_marks[] = {
    W("-", 0), W("－", 0), W("~", 0),  W("～", 0), W("〜", 0),
    W("—", 0), W("–", 0),  W("至", 0), W("到", 0),
};

/* Units in 元 times 10^exp; only these convert into each other. */
static const struct {
    const char *name;
    unsigned exp;
} money_units[] = {{"元", 0}, {"万元", 4}, {"亿元", 8}};

static const char *const cmp_symbols[] = {
    [JX_CMP_NONE] = "", [JX_CMP_GE] = "≥", [JX_CMP_GT] = ">",
    [JX_CMP_LE] = "≤",  [JX_CMP_LT] = "<", [JX_CMP_EQ] = "=",
};

static inline size_t skip_blanks(const char *s, size_t len, size_t i)
{
    size_t n;

    while (i < len && (n = utf8_blank_at(s + i, len - i)))
        i += n;
    return i;
}

/* Drops trailing blanks of s[start..*end). */
static void trim_end(const char *s, size_t start, size_t *end)
{
    for (;;) {
        size_t n = *end - start;

        if (n >= 1 && utf8_blank_at(s + *end - 1, 1))
            *end -= 1;
        else if (n >= 2 && utf8_blank_at(s + *end - 2, 2) == 2)
            *end -= 2;
        else if (n >= 3 && utf8_blank_at(s + *end - 3, 3) == 3)
            *end -= 3;
        else
            return;
    }
}

/* The words are a few bytes long: a loop beats a call to memcmp on this hot path. */
static inline bool same_bytes(const char *a, const char *b, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (a[k] != b[k])
            return false;
    return true;
}

static const struct word *match_prefix(const struct word *t, size_t n, const char *s, size_t len)
{
    for (size_t k = 0; k < n; k++)
        if (len >= t[k].len && s[0] == t[k].text[0] && same_bytes(s, t[k].text, t[k].len))
            return &t[k];
    return NULL;
}

static const struct word *match_suffix(const struct word *t, size_t n, const char *s, size_t len)
{
    for (size_t k = 0; k < n; k++)
        if (len >= t[k].len && s[len - 1] == t[k].text[t[k].len - 1] &&
            same_bytes(s + len - t[k].len, t[k].text, t[k].len))
            return &t[k];
    return NULL;
}

static inline bool is_digit_at(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;

    if (len >= 1 && u[0] >= '0' && u[0] <= '9')
        return true;
    return len >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99;
}

static bool is_ascii_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* True when the text after a number holds a second number behind a range mark. */
static bool has_range(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];

        /* Marks start with '-', '~' or a lead byte; skip other ASCII and continuations. */
        if (c < 0xC0 && c != '-' && c != '~')
            continue;
        for (size_t k = 0; k < ARRAY_SIZE(range_marks); k++) {
            const struct word *m = &range_marks[k];

            if (s[i] == m->text[0] && len - i >= m->len && same_bytes(s + i, m->text, m->len)) {
                size_t j = skip_blanks(s, len, i + m->len);

                if (dec_span(s + j, len - j))
                    return true;
            }
        }
    }
    return false;
}

/*
 * True when the text after the number holds another number, as in a date
 * ("2022年12月底前完成"): the text is then a statement, not a number and a unit. An ASCII
 * digit right after an ASCII letter is part of a unit ("m2", "m3").
 */
static bool has_embedded_number(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            if (!i || !is_ascii_letter(s[i - 1]))
                return true;
        } else if (is_digit_at(s + i, len - i)) {
            return true;
        }
    }
    return false;
}

static bool strstr_n(const char *s, size_t len, const char *lit)
{
    size_t n = strlen(lit);

    for (size_t i = 0; i + n <= len; i++)
        if (!memcmp(s + i, lit, n))
            return true;
    return false;
}

/* "thing 'part' in 'text'" + rest: the common shape of the messages below. */
static int fail(struct strbuf *why, int code, const char *thing, const char *part, size_t part_len,
                const char *text, size_t text_len, const char *rest)
{
    if (!why)
        return code;
    strbuf_addf(why, "%s ", thing);
    strbuf_add_excerpt(why, part, part_len);
    if (part_len != text_len || memcmp(part, text, part_len)) {
        strbuf_addstr(why, " in ");
        strbuf_add_excerpt(why, text, text_len);
    }
    strbuf_addstr(why, rest);
    return code;
}

/* Same direction: 以上 may follow ≥ or >, 以下 may follow ≤ or <; the prefix, more exact, wins. */
static bool compatible(enum jx_cmp prefix_cmp, enum jx_cmp suffix_cmp)
{
    if (suffix_cmp == JX_CMP_GE)
        return prefix_cmp == JX_CMP_GE || prefix_cmp == JX_CMP_GT;
    return prefix_cmp == JX_CMP_LE || prefix_cmp == JX_CMP_LT;
}

int qty_parse(const char *s, size_t len, struct jx_qty *q, struct strbuf *why)
{
    const struct word *cmp_word = NULL, *suffix = NULL, *w;
    enum jx_cmp cmp = JX_CMP_NONE;
    bool strict = false, incl = false;
    size_t start = 0, end = len, i, num_len, ustart, ulen, k, n;
    int64_t micro;
    int rc;

    q->is_number = false;
    q->cmp = JX_CMP_NONE;
    q->micro = 0;
    q->unit[0] = '\0';

    start = skip_blanks(s, len, 0);
    trim_end(s, start, &end);
    s += start;
    len = end - start;
    if (!len)
        return 0;

    i = 0;
    /* Most cells start with a digit: no table to search. */
    if (!is_digit_at(s, len)) {
        if ((cmp_word = match_prefix(symbols, ARRAY_SIZE(symbols), s, len)))
            strict = true;
        else
            cmp_word = match_prefix(words, ARRAY_SIZE(words), s, len);
        if (cmp_word) {
            cmp = (enum jx_cmp)cmp_word->cmp;
            i = skip_blanks(s, len, cmp_word->len);
        }
        /* ¥ (U+00A5) or ￥ (U+FFE5) before an amount: "≤￥500万元". */
        if (len - i >= 2 && !memcmp(s + i, "¥", 2))
            i = skip_blanks(s, len, i + 2);
        else if (len - i >= 3 && !memcmp(s + i, "￥", 3))
            i = skip_blanks(s, len, i + 3);
    }

    num_len = dec_span(s + i, len - i);
    if (!num_len) {
        if (cmp_word && (strict || i == len))
            return fail(why, JX_ESYNTAX, "comparison", cmp_word->text, cmp_word->len, s, len,
                        " is not followed by a number: " EXPECTED);
        return 0; /* qualitative */
    }
    rc = dec_parse(s + i, num_len, 6, &micro);
    if (rc == JX_ESYNTAX)
        return fail(why, rc, "malformed number", s + i, num_len, s, len,
                    memchr(s + i, ',', num_len) || strstr_n(s + i, num_len, "，")
                        ? " (thousands separators go between groups of 3 digits): " EXPECTED
                        : ": " EXPECTED);
    if (rc) {
        if (dec_places(s + i, num_len) > 6)
            return fail(why, rc, "number", s + i, num_len, s, len,
                        " has more than 6 decimals: round it to at most 6");
        return fail(why, rc, "number", s + i, num_len, s, len,
                    " is too large: the largest quantity is 9,223,372,036,854.775807");
    }

    ustart = skip_blanks(s, len, i + num_len);
    ulen = len - ustart;
    /* "4.x个": a point with no digit after it is a broken number, not a unit ".x个". */
    if (ulen && (s[ustart] == '.' || (ulen >= 3 && same_bytes(s + ustart, "．", 3))))
        return fail(why, JX_ESYNTAX, "malformed number", s + i, len - i, s, len, ": " EXPECTED);
    if (has_range(s + ustart, ulen))
        return fail(why, JX_ESYNTAX, "quantity", s, len, s, len,
                    " is a range, which is not supported: give one bound, such as '≥90%' or "
                    "'≤95%'");
    if (has_embedded_number(s + ustart, ulen))
        return 0; /* a date or a sentence: qualitative */

    /* Strip 以上/以下/以内 and （含） from the end, each at most once, in either order. */
    for (;;) {
        if (!suffix && (w = match_suffix(suffixes, ARRAY_SIZE(suffixes), s + ustart, ulen))) {
            suffix = w;
        } else if (!incl &&
                   (w = match_suffix(inclusive, ARRAY_SIZE(inclusive), s + ustart, ulen))) {
            incl = true;
        } else {
            break;
        }
        ulen -= w->len;
        end = ustart + ulen;
        trim_end(s, ustart, &end);
        ulen = end - ustart;
    }
    /* "95%以上以上", "5个以下以内": a second suffix would stay in the unit and come back. */
    if (match_suffix(suffixes, ARRAY_SIZE(suffixes), s + ustart, ulen) ||
        match_suffix(inclusive, ARRAY_SIZE(inclusive), s + ustart, ulen))
        return fail(why, JX_ESYNTAX, "quantity", s, len, s, len,
                    " repeats a comparison: give one, such as '≥90%' or '90%以上'");
    if (suffix) {
        if (cmp == JX_CMP_NONE)
            cmp = (enum jx_cmp)suffix->cmp;
        else if (!compatible(cmp, (enum jx_cmp)suffix->cmp))
            return fail(why, JX_ESYNTAX, "quantity", s, len, s, len,
                        " has two opposite comparisons: give one, such as '≥90%' or '90%以上'");
    }
    if (incl && cmp == JX_CMP_GT)
        cmp = JX_CMP_GE;
    else if (incl && cmp == JX_CMP_LT)
        cmp = JX_CMP_LE;

    /* Copy the unit, full-width ％ (EF BC 85) becoming %. */
    for (k = 0, n = 0; k < ulen; k++) {
        if (ulen - k >= 3 && same_bytes(s + ustart + k, "％", 3)) {
            if (n < JX_UNIT_MAX - 1)
                q->unit[n] = '%';
            k += 2;
        } else if (n < JX_UNIT_MAX - 1) {
            q->unit[n] = s[ustart + k];
        }
        n++;
    }
    if (n > JX_UNIT_MAX - 1) {
        q->unit[0] = '\0';
        if (why) {
            strbuf_addstr(why, "unit ");
            strbuf_add_excerpt(why, s + ustart, ulen);
            strbuf_addstr(why, " in ");
            strbuf_add_excerpt(why, s, len);
            strbuf_addf(why,
                        " is longer than %d bytes: write the number and a short unit, "
                        "such as '≥4个', and put explanations in the notes",
                        JX_UNIT_MAX - 1);
        }
        return JX_ESYNTAX;
    }
    q->unit[n] = '\0';
    q->is_number = true;
    q->cmp = cmp;
    q->micro = micro;
    return 0;
}

const char *qty_cmp_symbol(enum jx_cmp cmp)
{
    if ((unsigned)cmp >= ARRAY_SIZE(cmp_symbols))
        JX_BUG("bad comparison %d", (int)cmp);
    return cmp_symbols[cmp];
}

void qty_format(struct strbuf *sb, const struct jx_qty *q)
{
    if (!q->is_number)
        return;
    strbuf_addstr(sb, qty_cmp_symbol(q->cmp));
    dec_format_trim(sb, q->micro, 6);
    strbuf_addstr(sb, q->unit);
}

static int64_t pow10_of(unsigned exp)
{
    int64_t p = 1;

    while (exp--)
        p *= 10;
    return p;
}

/* Index into money_units, or -1. */
static int money_unit(const char *unit)
{
    for (size_t k = 0; k < ARRAY_SIZE(money_units); k++)
        if (!strcmp(unit, money_units[k].name))
            return (int)k;
    return -1;
}

/* Units whose bare number is ambiguous: 345.3 of 万元 or of 元? 0.95 or 95 of %? */
static bool needs_unit(const char *unit)
{
    return money_unit(unit) >= 0 || !strcmp(unit, "%") || !strcmp(unit, "‰") || !strcmp(unit, "％");
}

/* % and ％ are one unit (qty_parse already writes %, but a qty may come from elsewhere). */
static bool same_unit(const char *a, const char *b)
{
    /* The common case first: this runs for every quantitative leaf scored. */
    if (!strcmp(a, b))
        return true;
    if (!strcmp(a, "％"))
        a = "%";
    if (!strcmp(b, "％"))
        b = "%";
    return !strcmp(a, b);
}

int qty_align_units(const struct jx_qty *t, struct jx_qty *a, struct strbuf *why)
{
    int mt, ma;
    jx_i128 v;

    if (!t->is_number || !a->is_number || same_unit(t->unit, a->unit))
        return 0;
    if (!a->unit[0] || !t->unit[0]) {
        const char *unit = a->unit[0] ? a->unit : t->unit;

        if (needs_unit(unit)) {
            if (why)
                strbuf_addf(why,
                            "the %s has no unit but the %s is in '%s': write the unit on both, "
                            "such as '%s%s'",
                            a->unit[0] ? "target" : "actual", a->unit[0] ? "actual" : "target",
                            unit, "100", unit);
            return JX_EINVAL;
        }
        /* A bare count beside "个" means 个: the actual takes the target's unit. */
        if (!a->unit[0])
            memcpy(a->unit, t->unit, strlen(t->unit) + 1);
        return 0;
    }
    mt = money_unit(t->unit);
    ma = money_unit(a->unit);
    if (mt < 0 || ma < 0) {
        if (why)
            strbuf_addf(why, "unit '%s' of the actual does not match unit '%s' of the target",
                        a->unit, t->unit);
        return JX_EINVAL;
    }
    v = a->micro;
    if (money_units[ma].exp >= money_units[mt].exp) {
        v *= pow10_of(money_units[ma].exp - money_units[mt].exp);
        if (v > INT64_MAX || v < INT64_MIN) {
            if (why)
                strbuf_addf(why, "actual in '%s' is too large to express in '%s'", a->unit,
                            t->unit);
            return JX_ERANGE;
        }
    } else {
        int64_t p = pow10_of(money_units[mt].exp - money_units[ma].exp);

        if (v % p) {
            if (why) {
                strbuf_addstr(why, "actual '");
                dec_format_trim(why, a->micro, 6);
                strbuf_addf(why,
                            "%s' needs more than 6 decimals in '%s', the unit of the target: "
                            "write the target in '%s'",
                            a->unit, t->unit, a->unit);
            }
            return JX_EINVAL;
        }
        v /= p;
    }
    a->micro = (int64_t)v;
    memcpy(a->unit, t->unit, strlen(t->unit) + 1);
    return 0;
}
