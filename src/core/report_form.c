/*
 * Reads the 项目支出绩效自评表 out of a report's text. The text is first cut into a stream
 * of cells, then the two header runs are found by their wording and the values after
 * them read by position. Invariant: a blank cell is kept as a blank cell (it is what marks
 * an empty 得分 or 偏差原因), except the blank line that ends a table row of a .docx
 * (docx_text.h), which is not a cell; numbers are parsed exactly or not taken at all.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/decimal.h"
#include "core/money.h"
#include "core/report_form.h"
#include "core/xalloc.h"

#define FORM_MAX_ROWS 1000

struct fcell {
    const char *s;
    size_t len;
    unsigned line;
};

struct fcells {
    struct fcell *v;
    size_t nr, alloc;
};

static bool starts(const char *s, size_t len, const char *p)
{
    size_t n = strlen(p);

    return len >= n && !memcmp(s, p, n);
}

static bool ends(const char *s, size_t len, const char *p)
{
    size_t n = strlen(p);

    return len >= n && !memcmp(s + len - n, p, n);
}

static bool has(const char *h, size_t hlen, const char *n)
{
    size_t nlen = strlen(n);

    /* memchr to the candidates first: most reports have no form and are scanned whole */
    while (hlen >= nlen) {
        const char *p = memchr(h, n[0], hlen - nlen + 1);

        if (!p)
            return false;
        if (!memcmp(p, n, nlen))
            return true;
        hlen -= (size_t)(p + 1 - h);
        h = p + 1;
    }
    return false;
}

/* Trims ASCII blanks, U+3000 and U+00A0 on both sides. */
static void trim(const char **s, size_t *len)
{
    for (;;) {
        if (*len && ((*s)[0] == ' ' || (*s)[0] == '\t' || (*s)[0] == '\r')) {
            (*s)++;
            (*len)--;
        } else if (starts(*s, *len, "\u3000")) {
            *s += 3;
            *len -= 3;
        } else if (starts(*s, *len, "\u00a0")) {
            *s += 2;
            *len -= 2;
        } else {
            break;
        }
    }
    for (;;) {
        if (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' || (*s)[*len - 1] == '\r'))
            (*len)--;
        else if (ends(*s, *len, "\u3000"))
            *len -= 3;
        else if (ends(*s, *len, "\u00a0"))
            *len -= 2;
        else
            break;
    }
}

static void add_cell(struct fcells *c, const char *s, size_t len, unsigned line)
{
    trim(&s, &len);
    if (c->nr == c->alloc) {
        c->alloc = c->alloc ? st_mult(c->alloc, 2) : 256;
        c->v = xrealloc(c->v, st_mult(c->alloc, sizeof(*c->v)));
    }
    c->v[c->nr++] = (struct fcell){s, len, line};
}

static void cut_cells(const char *text, size_t len, struct fcells *c)
{
    size_t pos = 0;
    unsigned line = 0;
    bool prev_tabbed = false;

    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        const char *l = text + pos;
        size_t llen = end - pos, i = 0;
        bool tabbed = llen && l[0] == '\t';
        const char *t = l;
        size_t tlen = llen;

        line++;
        pos = end + 1;
        trim(&t, &tlen);
        if (!tlen && !tabbed) {
            /* a .docx row ends with a blank line after its cells: not a cell */
            if (!prev_tabbed)
                add_cell(c, l, 0, line);
            prev_tabbed = false;
            continue;
        }
        prev_tabbed = tabbed;
        if (tabbed) {
            l++;
            llen--;
        }
        for (;;) {
            size_t j = i;

            while (j < llen && l[j] != '\t')
                j++;
            add_cell(c, l + i, j - i, line);
            if (j >= llen)
                break;
            i = j + 1;
        }
    }
}

static bool blank(const struct fcell *c)
{
    return c->len == 0;
}

/* Points or a plain count: "10", "9.5", "10分"; sets *places to the decimals written. */
static bool points(const struct fcell *c, int64_t *v, unsigned *places)
{
    size_t len = c->len;

    if (ends(c->s, len, "分"))
        len -= strlen("分");
    if (!len || dec_parse(c->s, len, 2, v))
        return false;
    if (places)
        *places = dec_places(c->s, len);
    return true;
}

static bool is_points(const struct fcells *c, size_t i)
{
    int64_t v;

    return i < c->nr && points(&c->v[i], &v, NULL);
}

static bool is_label(const struct fcell *c)
{
    return ends(c->s, c->len, "指标") && c->len <= 10 * 3;
}

static bool same(const struct fcell *c, const char *s)
{
    return c->len == strlen(s) && !memcmp(c->s, s, c->len);
}

/* 成本指标 is a 一级指标 in the 2021 form (with 经济成本指标 below it) and a 二级指标 under
 * 产出指标 in older ones: it is 一级 only when another label follows it. */
static bool is_level1(const struct fcells *c, size_t i)
{
    static const char *const names[] = {"产出指标", "效益指标", "满意度指标",
                                        "决策指标", "过程指标", NULL};

    for (const char *const *n = names; *n; n++)
        if (same(&c->v[i], *n))
            return true;
    return same(&c->v[i], "成本指标") && i + 1 < c->nr && is_label(&c->v[i + 1]);
}

static bool is_total(const struct fcell *c)
{
    return starts(c->s, c->len, "总分") || starts(c->s, c->len, "合计");
}

/* Index of the first cell at or after from (before limit) that starts with what. */
static size_t find_cell(const struct fcells *c, size_t from, size_t limit, const char *what)
{
    for (size_t i = from; i < c->nr && i < limit; i++)
        if (starts(c->v[i].s, c->v[i].len, what))
            return i;
    return c->nr;
}

static void read_funding(const struct fcells *c, size_t at, struct rx_form *f)
{
    const struct fcell *v = &c->v[at + 1];
    int64_t x;

    f->found = true;
    f->line = c->v[at].line;
    if (at + 6 >= c->nr)
        return;
    f->has_initial = !blank(&v[0]) && !money_parse(v[0].s, v[0].len, MONEY_WAN, &f->initial, NULL);
    f->has_planned = !blank(&v[1]) && !money_parse(v[1].s, v[1].len, MONEY_WAN, &f->planned, NULL);
    f->has_spent = !blank(&v[2]) && !money_parse(v[2].s, v[2].len, MONEY_WAN, &f->spent, NULL);
    f->has_weight = points(&v[3], &f->weight, NULL);
    if (v[4].len && (ends(v[4].s, v[4].len, "%") || ends(v[4].s, v[4].len, "％"))) {
        size_t n = v[4].len - (ends(v[4].s, v[4].len, "%") ? 1 : strlen("％"));

        if (n && !dec_parse(v[4].s, n, 2, &x)) {
            f->has_rate = true;
            f->rate = x;
            f->rate_places = dec_places(v[4].s, n);
        }
    }
    f->has_score = points(&v[5], &f->score, &f->score_places);
}

/* Could a row (三级指标, 指标值, 实际完成值, 分值, 得分) start at cell k? */
static bool row_at(const struct fcells *c, size_t k)
{
    return k + 4 < c->nr && !blank(&c->v[k]) && !is_label(&c->v[k]) && !is_total(&c->v[k]) &&
           is_points(c, k + 3) && (blank(&c->v[k + 4]) || is_points(c, k + 4));
}

static char *dup(const struct fcell *c)
{
    return xmemdupz(c->s, c->len);
}

static size_t read_total(const struct fcells *c, size_t i, struct rx_form *f)
{
    int found = 0;

    f->total_line = c->v[i].line;
    for (i++; i < c->nr && found < 2; i++) {
        int64_t v;

        if (blank(&c->v[i]))
            continue;
        if (!points(&c->v[i], &v, NULL))
            break;
        if (found++ == 0) {
            f->total_weight = v;
            f->has_total_weight = true;
        } else {
            f->total_score = v;
            f->has_total_score = true;
        }
    }
    return i;
}

static void read_rows(const struct fcells *c, size_t i, bool reason_col, struct rx_form *f)
{
    const struct fcell none = {"", 0, 0};
    const struct fcell *l1 = &none, *l2 = &none;

    while (i < c->nr && f->nr_rows < FORM_MAX_ROWS) {
        const struct fcell *v = &c->v[i];
        struct rx_form_row *r;

        if (blank(v)) {
            i++;
            continue;
        }
        if (is_total(v)) {
            read_total(c, i, f);
            return;
        }
        if (is_label(v)) {
            if (is_level1(c, i)) {
                l1 = v;
                l2 = &none;
            } else {
                l2 = v;
            }
            i++;
            continue;
        }
        if (!row_at(c, i))
            return;
        f->rows = xrealloc(f->rows, st_mult(f->nr_rows + 1, sizeof(*f->rows)));
        r = &f->rows[f->nr_rows++];
        memset(r, 0, sizeof(*r));
        r->line = v->line;
        r->level1 = dup(l1);
        r->level2 = dup(l2);
        r->name = dup(v);
        r->target = dup(&v[1]);
        r->actual = dup(&v[2]);
        r->has_weight = points(&v[3], &r->weight, NULL);
        r->has_score = points(&v[4], &r->score, NULL);
        i += 5;
        /* The reason cell: blank, text, or (when a copy dropped it) already the next row. */
        if (reason_col && i < c->nr && !blank(&c->v[i]) && !is_label(&c->v[i]) &&
            !is_total(&c->v[i]) && !(row_at(c, i) && !row_at(c, i + 1))) {
            r->reason = dup(&c->v[i]);
            i++;
        } else {
            if (reason_col && i < c->nr && blank(&c->v[i]))
                i++;
            r->reason = xstrdup("");
        }
    }
}

void report_form_parse(const char *text, size_t len, struct report_extract *rx)
{
    struct fcells c = {NULL, 0, 0};
    struct rx_form *f = &rx->form;
    size_t head, at, i;

    /* Most reports have no form: do not cut them into cells for nothing. */
    if (!has(text, len, "年初预算数") && !has(text, len, "三级指标"))
        return;
    cut_cells(text, len, &c);
    head = find_cell(&c, 0, c.nr, "年初预算数");
    if (head < c.nr && find_cell(&c, head, head + 12, "执行率") < c.nr) {
        at = find_cell(&c, head, head + 40, "年度资金总额");
        if (at < c.nr)
            read_funding(&c, at, f);
    }
    head = find_cell(&c, 0, c.nr, "三级指标");
    if (head < c.nr) {
        size_t act = find_cell(&c, head, head + 8, "实际完成值");
        size_t sc = act < c.nr ? find_cell(&c, act, act + 4, "得分") : c.nr;

        if (sc < c.nr) {
            bool reason_col;

            i = sc + 1;
            while (i < c.nr && blank(&c.v[i]))
                i++;
            reason_col = i < c.nr && starts(c.v[i].s, c.v[i].len, "偏差原因");
            if (reason_col)
                i++;
            f->found = true;
            read_rows(&c, i, reason_col, f);
        }
    }
    free(c.v);
}
