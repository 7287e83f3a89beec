/*
 * Plain-text report reader. The text is converted to UTF-8 first, then read line by line:
 * each line is a section heading, a 评价情况总表 cell run, or prose scanned for the total,
 * the grade, amounts and 执行率. Invariant: every number stored was parsed exactly
 * (dec_parse, money_parse); text that does not parse is skipped, never rounded.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/decimal.h"
#include "core/money.h"
#include "core/report_form.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "io/gb18030.h"
#include "io/report_text.h"

#define GROW(arr, nr)                                                                              \
    ((arr) = xrealloc((arr), ((nr) + 1) * sizeof(*(arr))),                                         \
     memset(&(arr)[(nr)], 0, sizeof(*(arr))), &(arr)[(nr)++])

/* memmem() is not POSIX: the first occurrence of n in [h, h + hlen), or NULL. */
static const char *find(const char *h, size_t hlen, const char *n, size_t nlen)
{
    /* memchr to the candidates first: a memcmp call per byte was the reader's hot spot */
    while (nlen && hlen >= nlen) {
        const char *p = memchr(h, n[0], hlen - nlen + 1);

        if (!p)
            return NULL;
        if (!memcmp(p, n, nlen))
            return p;
        hlen -= (size_t)(p + 1 - h);
        h = p + 1;
    }
    return nlen ? NULL : h;
}

static bool starts(const char *s, size_t len, const char *p)
{
    size_t n = strlen(p);

    return len >= n && !memcmp(s, p, n);
}

/* Bytes of blank (space, tab, CR, U+3000, U+00A0) at the start of s. */
static size_t blank_span(const char *s, size_t len)
{
    size_t i = 0;

    for (;;) {
        if (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
            i++;
        else if (starts(s + i, len - i, "\u3000"))
            i += 3;
        else if (starts(s + i, len - i, "\u00a0"))
            i += 2;
        else
            return i;
    }
}

/* Trims blanks on both sides of [*s, *s + *len). */
static void trim(const char **s, size_t *len)
{
    size_t b = blank_span(*s, *len);

    *s += b;
    *len -= b;
    while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' || (*s)[*len - 1] == '\r'))
        (*len)--;
    while (*len >= 3 && !memcmp(*s + *len - 3, "\u3000", 3))
        *len -= 3;
}

static size_t digits(const char *s, size_t len)
{
    size_t i = 0;

    while (i < len && s[i] >= '0' && s[i] <= '9')
        i++;
    return i;
}

/* Bytes of Chinese numerals (一…十, 百) at the start of s. */
static size_t cn_digits(const char *s, size_t len)
{
    static const char *const nums[] = {"一", "二", "三", "四", "五", "六",
                                       "七", "八", "九", "十", "百", "零"};
    size_t i = 0;

    for (;;) {
        size_t k;

        for (k = 0; k < sizeof(nums) / sizeof(nums[0]); k++)
            if (starts(s + i, len - i, nums[k]))
                break;
        if (k == sizeof(nums) / sizeof(nums[0]))
            return i;
        i += strlen(nums[k]);
    }
}

/* Recognizes a numbered heading; returns its style and sets *nlen to the numbering's length. */
static const char *heading(const char *s, size_t len, size_t *nlen)
{
    size_t n;

    if ((n = cn_digits(s, len)) && starts(s + n, len - n, "、")) {
        *nlen = n + strlen("、");
        return "一、";
    }
    if (starts(s, len, "（") || starts(s, len, "(")) {
        size_t o = s[0] == '(' ? 1 : strlen("（"), c;
        bool cn = (n = cn_digits(s + o, len - o)) != 0;

        if (!cn)
            n = digits(s + o, len - o);
        c = o + n;
        if (n && (starts(s + c, len - c, "）") || starts(s + c, len - c, ")"))) {
            *nlen = c + (s[c] == ')' ? 1 : strlen("）"));
            return cn ? "（一）" : "（1）";
        }
        return NULL;
    }
    if ((n = digits(s, len)) && n <= 3) {
        if (starts(s + n, len - n, "、")) {
            *nlen = n + strlen("、");
            return "1、";
        }
        /* "1." but not "1.5万元": the dot must not be followed by a digit. */
        if (n < len && (s[n] == '.' || starts(s + n, len - n, "．"))) {
            size_t d = n + (s[n] == '.' ? 1 : strlen("．"));

            if (d < len && s[d] >= '0' && s[d] <= '9')
                return NULL;
            *nlen = d;
            return "1.";
        }
    }
    return NULL;
}

/* Records s as a section heading when it is one; returns whether it was. */
static bool add_section(struct report_extract *rx, unsigned line, const char *s, size_t len)
{
    size_t nlen;
    const char *style = heading(s, len, &nlen);
    const char *t = s + nlen;
    size_t tlen = len - nlen;
    struct rx_section *sec;

    if (!style)
        return false;
    trim(&t, &tlen);
    if (!tlen)
        return false;
    sec = GROW(rx->sections, rx->nr_sections);
    sec->line = line;
    sec->style = style;
    sec->number = xmemdupz(s, nlen);
    sec->title = xmemdupz(t, tlen);
    return true;
}

static void add_para(struct report_extract *rx, unsigned line, unsigned number, const char *s,
                     size_t len)
{
    struct rx_para *p = GROW(rx->paras, rx->nr_paras);

    p->line = line;
    p->section = rx->nr_sections;
    p->number = number;
    p->text = xmemdupz(s, len);
}

/* A table cell: one line may hold one cell (the flattened layout) or several, tab-separated. */
struct cell {
    const char *s;
    size_t len;
    unsigned line;
};

struct cells {
    struct cell *v;
    size_t nr;
};

static void split_cells(struct cells *c, const char *s, size_t len, unsigned line)
{
    size_t i = 0;

    while (i < len) {
        size_t j = i;
        const char *p;
        size_t plen;

        while (j < len && s[j] != '\t')
            j++;
        p = s + i;
        plen = j - i;
        trim(&p, &plen);
        if (plen) {
            struct cell *cl = GROW(c->v, c->nr);

            cl->s = p;
            cl->len = plen;
            cl->line = line;
        }
        i = j + 1;
    }
}

static bool is_total_row(const struct cell *c)
{
    return starts(c->s, c->len, "评价总得分") || starts(c->s, c->len, "合计") ||
           starts(c->s, c->len, "总计") || starts(c->s, c->len, "总分");
}

/* Reads name, 分值, 评价得分, 得分率 groups after the header cells (ending with 得分率…). */
static void read_table(struct report_extract *rx, const struct cells *c)
{
    size_t i = 0;

    while (i < c->nr && !starts(c->v[i].s, c->v[i].len, "得分率"))
        i++;
    for (i++; i + 3 < c->nr && !is_total_row(&c->v[i]); i += 4) {
        int64_t w, sc, r;
        const struct cell *rc = &c->v[i + 3];
        size_t rlen = rc->len;
        struct rx_row *row;

        if (rlen && rc->s[rlen - 1] == '%')
            rlen--;
        if (dec_parse(c->v[i].s, c->v[i].len, 2, &w) == 0 ||
            dec_parse(c->v[i + 1].s, c->v[i + 1].len, 2, &w) ||
            dec_parse(c->v[i + 2].s, c->v[i + 2].len, 2, &sc) || dec_parse(rc->s, rlen, 2, &r))
            break;
        row = GROW(rx->rows, rx->nr_rows);
        row->line = c->v[i].line;
        row->name = xmemdupz(c->v[i].s, c->v[i].len);
        row->weight = w;
        row->score = sc;
        row->rate = r;
        row->rate_places = dec_places(rc->s, rlen);
    }
}

/* "得分为100分" and "等级为“优”": the first of each in the report. */
static void scan_total_grade(struct report_extract *rx, const char *s, size_t len)
{
    const char *p;

    if (!rx->has_total && (p = find(s, len, "得分为", strlen("得分为")))) {
        const char *n = p + strlen("得分为");
        size_t left = len - (size_t)(n - s), sp = dec_span(n, left);

        if (sp && starts(n + sp, left - sp, "分") && !dec_parse(n, sp, 2, &rx->total))
            rx->has_total = true;
    }
    if (!rx->grade && (p = find(s, len, "等级为", strlen("等级为")))) {
        const char *g = p + strlen("等级为");
        size_t left = len - (size_t)(g - s);
        const char *close = NULL;

        if (starts(g, left, "“"))
            close = "”";
        else if (starts(g, left, "\""))
            close = "\"";
        if (close) {
            const char *b = g + (close[0] == '"' ? 1 : strlen("“"));
            const char *e = find(b, len - (size_t)(b - s), close, strlen(close));

            if (e && e > b && e - b <= 12)
                rx->grade = xmemdupz(b, (size_t)(e - b));
        }
    }
}

static void scan_amounts(struct report_extract *rx, unsigned line, const char *s, size_t len)
{
    static const char *const units[] = {"亿元", "万元", "元"};

    for (size_t i = 0; i < len;) {
        size_t sp;

        if (s[i] < '0' || s[i] > '9' ||
            (i && ((s[i - 1] >= '0' && s[i - 1] <= '9') || s[i - 1] == '.'))) {
            i++;
            continue;
        }
        sp = dec_span(s + i, len - i);
        for (size_t u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
            size_t ulen = strlen(units[u]);
            int64_t fen;

            if (starts(s + i + sp, len - i - sp, units[u]) &&
                !money_parse(s + i, sp + ulen, MONEY_YUAN, &fen, NULL)) {
                struct rx_amount *a = GROW(rx->amounts, rx->nr_amounts);

                a->line = line;
                a->text = xmemdupz(s + i, sp + ulen);
                a->fen = fen;
                break;
            }
        }
        i += sp ? sp : 1;
    }
}

/* "执行率100%", "执行率为98.5%", "执行率达到100%": at most a few characters between. */
static void scan_rates(struct report_extract *rx, unsigned line, const char *s, size_t len)
{
    const char *p = s;

    while ((p = find(p, len - (size_t)(p - s), "执行率", strlen("执行率")))) {
        const char *n = p + strlen("执行率");
        const char *end = s + len;
        size_t skip = 0;

        while (n + skip < end && skip <= 9 && !(n[skip] >= '0' && n[skip] <= '9'))
            skip++;
        n += skip;
        if (n < end && n[0] >= '0' && n[0] <= '9') {
            size_t sp = dec_span(n, (size_t)(end - n));
            int64_t r;

            if (starts(n + sp, (size_t)(end - n) - sp, "%") && !dec_parse(n, sp, 2, &r)) {
                struct rx_rate *rt = GROW(rx->rates, rx->nr_rates);

                rt->line = line;
                rt->text = xmemdupz(n, sp + 1);
                rt->rate = r;
            }
        }
        p += strlen("执行率");
    }
}

int report_text_parse(const char *buf, size_t len, struct report_extract *rx, struct strbuf *why)
{
    struct strbuf conv = STRBUF_INIT;
    struct cells cells = {0};
    size_t bad = 0, pos = 0;
    unsigned line = 0, para = 0;
    bool in_table = false, any = false;
    const char *s = buf;

    memset(rx, 0, sizeof(*rx));
    if (memchr(buf, '\0', len)) {
        strbuf_addstr(why, "binary file (NUL byte): expected a plain-text report");
        return -1;
    }
    if (!utf8_valid(buf, len, &bad)) {
        if (gb18030_to_utf8(buf, len, &conv) < 0) {
            strbuf_addf(why, "neither UTF-8 nor GB18030 (bad byte at offset %zu)", bad);
            strbuf_release(&conv);
            return -1;
        }
        s = conv.buf;
        len = conv.len;
    }
    if (starts(s, len, "\xef\xbb\xbf"))
        pos = 3;
    while (pos < len) {
        const char *nl = memchr(s + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - s) : len;
        const char *l = s + pos;
        size_t llen = end - pos;
        bool cell = llen && l[0] == '\t';

        line++;
        pos = end + 1;
        trim(&l, &llen);
        if (!llen)
            continue;
        any = true;
        if (starts(l, llen, "评价情况总表")) {
            add_para(rx, line, ++para, l, llen);
            in_table = true;
            continue;
        }
        /* The table ends at the first prose line: not indented and no tab inside. */
        if (in_table && !cell && !memchr(l, '\t', llen)) {
            read_table(rx, &cells);
            cells.nr = 0;
            in_table = false;
        }
        if (in_table) {
            split_cells(&cells, l, llen, line);
            continue;
        }
        if (add_section(rx, line, l, llen)) {
            para = 0;
            add_para(rx, line, 0, l, llen);
        } else {
            add_para(rx, line, ++para, l, llen);
        }
        scan_total_grade(rx, l, llen);
        scan_amounts(rx, line, l, llen);
        scan_rates(rx, line, l, llen);
    }
    if (in_table)
        read_table(rx, &cells);
    free(cells.v);
    report_form_parse(s, len, rx);
    strbuf_release(&conv);
    if (!any) {
        strbuf_addstr(why, "empty report: no text to read");
        return -1;
    }
    return 0;
}
