/*
 * 评分表 grids → evaluations (see scoresheet_read.h). Both inputs become a struct
 * xlsx_sheet (a CSV is a sheet of text cells), so one reader handles xlsx and csv.
 * The rows build a tree of nodes keyed by their path of names; the tree then becomes the
 * evaluation's indicators, which are validated and scored like those of a YAML file.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/decimal.h"
#include "core/method.h"
#include "core/money.h"
#include "core/score.h"
#include "core/utf8.h"
#include "core/validate.h"
#include "io/gb18030.h"
#include "io/scoresheet_read.h"
#include "io/xlsx_read.h"

enum col {
    COL_L1,
    COL_L2,
    COL_L3,
    COL_L4,
    COL_WEIGHT,
    COL_TARGET,
    COL_ACTUAL,
    COL_SCORE,
    COL_BASIS,
    COL_METHOD,
    COL_STANDARD,
    COL_EXPLANATION,
    COL_COUNT_
};

/* Header names people use, normalised (blanks and a trailing （分） removed). */
static const struct {
    const char *name;
    enum col col;
} header_names[] = {
    {"一级指标", COL_L1},          {"一级", COL_L1},
    {"二级指标", COL_L2},          {"二级", COL_L2},
    {"三级指标", COL_L3},          {"三级", COL_L3},
    {"四级指标", COL_L4},          {"四级", COL_L4},
    {"分值", COL_WEIGHT},          {"权重", COL_WEIGHT},
    {"指标分值", COL_WEIGHT},      {"标准分", COL_WEIGHT},
    {"标准分值", COL_WEIGHT},      {"指标值", COL_TARGET},
    {"年度指标值", COL_TARGET},    {"目标值", COL_TARGET},
    {"计划值", COL_TARGET},        {"年度目标值", COL_TARGET},
    {"实际完成值", COL_ACTUAL},    {"实际值", COL_ACTUAL},
    {"完成值", COL_ACTUAL},        {"全年实际值", COL_ACTUAL},
    {"实际完成情况", COL_ACTUAL},  {"得分", COL_SCORE},
    {"评价得分", COL_SCORE},       {"实际得分", COL_SCORE},
    {"评分", COL_SCORE},           {"评分依据", COL_BASIS},
    {"得分依据", COL_BASIS},       {"评价依据", COL_BASIS},
    {"扣分原因", COL_BASIS},       {"评分说明", COL_BASIS},
    {"评分方法", COL_METHOD},      {"评分标准", COL_STANDARD},
    {"指标解释", COL_EXPLANATION},
};

static const char *const total_names[] = {"合计", "总计", "总分", "合计得分", "评价总得分"};

struct node {
    const char *name;
    unsigned depth;
    struct node **kids;
    size_t nr_kids, alloc_kids;
    bool has_row;
    uint32_t row;
    int64_t weight, score;
    bool has_weight, has_score;
};

struct reader {
    const char *name;  /* file name */
    const char *where; /* "x.xlsx:评分表" or "x.csv", for messages */
    bool csv;
    const struct xlsx_sheet *s;
    struct jx_eval *ev;
    struct jx_diags *d;
    int64_t col[COL_COUNT_];
    struct node root;
    struct jx_survey *surveys;
    size_t nr_surveys, alloc_surveys;
    struct strbuf tmp;
};

/* ---- messages ---- */

static void JX_PRINTF(5, 6) cell_diag(struct reader *r, enum jx_severity sev, uint32_t row,
                                      uint32_t col, const char *fmt, ...)
{
    va_list ap;
    struct jx_pos pos = {0, 0};
    const char *file;

    if (r->csv) {
        file = r->where;
        pos.line = row + 1;
        pos.col = col + 1;
    } else {
        struct strbuf sb = STRBUF_INIT;

        strbuf_addf(&sb, "%s!", r->where);
        xlsx_cell_name(&sb, row, col);
        file = arena_strdup(&r->ev->arena, sb.buf);
        strbuf_release(&sb);
    }
    va_start(ap, fmt);
    jx_diags_vadd(r->d, sev, file, pos, fmt, ap);
    va_end(ap);
}

static void JX_PRINTF(2, 3) file_error(struct reader *r, const char *fmt, ...)
{
    va_list ap;
    struct jx_pos pos = {0, 0};

    va_start(ap, fmt);
    jx_diags_vadd(r->d, JX_SEV_ERROR, r->where, pos, fmt, ap);
    va_end(ap);
}

/* ---- cell text ---- */

/* The cell's text with blanks (also U+3000, U+00A0) trimmed; "" when empty. */
static struct str cell_str(const struct xlsx_sheet *s, uint32_t row, int64_t col)
{
    const struct xlsx_cell *c;
    struct str v = {"", 0};

    if (col < 0 || !(c = xlsx_cell_at(s, row, (uint32_t)col)))
        return v;
    v.ptr = c->text;
    v.len = strlen(c->text);
    for (size_t b; v.len && (b = utf8_blank_at(v.ptr, v.len));) {
        v.ptr += b;
        v.len -= b;
    }
    while (v.len) {
        size_t k = 1;

        /* Find the start of the last character and test it for a blank. */
        while (k < v.len && ((unsigned char)v.ptr[v.len - k] & 0xC0) == 0x80)
            k++;
        if (!utf8_blank_at(v.ptr + v.len - k, k))
            break;
        v.len -= k;
    }
    return v;
}

static bool str_is(struct str s, const char *lit)
{
    return s.len == strlen(lit) && !memcmp(s.ptr, lit, s.len);
}

/* A header as compared: blanks removed, a trailing （分） / (分) dropped. */
static void normalise_header(struct str s, struct strbuf *out)
{
    strbuf_reset(out);
    for (size_t i = 0; i < s.len;) {
        size_t b = utf8_blank_at(s.ptr + i, s.len - i);

        if (b) {
            i += b;
            continue;
        }
        strbuf_addch(out, s.ptr[i++]);
    }
    if (out->len > 5 && !strcmp(out->buf + out->len - 5, "(分)"))
        strbuf_setlen(out, out->len - 5);
    else if (out->len > 9 && !strcmp(out->buf + out->len - 9, "（分）"))
        strbuf_setlen(out, out->len - 9);
}

/*
 * A number cell's stored text as a plain decimal with the point moved `shift` places
 * right (2 for a percentage), exponents expanded, and rounded to 15 significant digits
 * when it has more (binary noise: Excel shows 15). Returns 0 or -1 when it is no number.
 */
static int plain_decimal(const char *s, int shift, struct strbuf *out)
{
    char digits[64];
    size_t n = 0, first;
    long point, exp = 0;
    bool neg = false, seen_point = false;
    long int_digits = 0;

    strbuf_reset(out);
    if (*s == '-' || *s == '+')
        neg = *s++ == '-';
    for (; (*s >= '0' && *s <= '9') || *s == '.'; s++) {
        if (*s == '.') {
            if (seen_point)
                return -1;
            seen_point = true;
            continue;
        }
        if (n >= sizeof(digits) - 2)
            return -1;
        digits[n++] = *s;
        if (!seen_point)
            int_digits++;
    }
    if (!n)
        return -1;
    if (*s == 'E' || *s == 'e') {
        char *end;

        exp = strtol(s + 1, &end, 10);
        if (end == s + 1 || *end || exp > 300 || exp < -300)
            return -1;
    } else if (*s) {
        return -1;
    }
    point = int_digits + exp + shift;
    for (first = 0; first < n && digits[first] == '0'; first++)
        ;
    if (n - first > 15) {
        size_t cut = first + 15;
        bool up = digits[cut] >= '5';

        n = cut;
        for (size_t i = cut; up && i-- > 0;) {
            if (digits[i] == '9') {
                digits[i] = '0';
            } else {
                digits[i]++;
                up = false;
            }
        }
        if (up) {
            memmove(digits + 1, digits, n);
            digits[0] = '1';
            n++;
            point++;
        }
    }
    if (neg)
        strbuf_addch(out, '-');
    if (point <= 0) {
        strbuf_addstr(out, "0.");
        strbuf_addchars(out, '0', (size_t)-point);
        strbuf_add(out, digits, n);
    } else if ((size_t)point >= n) {
        strbuf_add(out, digits, n);
        strbuf_addchars(out, '0', (size_t)point - n);
    } else {
        strbuf_add(out, digits, (size_t)point);
        strbuf_addch(out, '.');
        strbuf_add(out, digits + point, n - (size_t)point);
    }
    /* Leading zeros of the integer part go ("095" → "95", "00.5" → "0.5"). */
    {
        size_t start = neg, z = start;

        while (out->buf[z] == '0' && out->buf[z + 1] >= '0' && out->buf[z + 1] <= '9')
            z++;
        if (z > start) {
            memmove(out->buf + start, out->buf + z, out->len - z + 1);
            strbuf_setlen(out, out->len - (z - start));
        }
    }
    /* Trailing fraction zeros and a bare point go. */
    if (strchr(out->buf, '.')) {
        while (out->buf[out->len - 1] == '0')
            strbuf_setlen(out, out->len - 1);
        if (out->buf[out->len - 1] == '.')
            strbuf_setlen(out, out->len - 1);
    }
    return 0;
}

/*
 * Points (分值, 得分) in a cell: 0 with *v; 1 when the cell is empty; -1 after an error
 * that names the cell. `what` is "weight" or "score".
 */
static int cell_points(struct reader *r, uint32_t row, enum col key, const char *what, int64_t *v)
{
    const struct xlsx_cell *c;
    struct str s;
    int rc;

    if (r->col[key] < 0 || !(c = xlsx_cell_at(r->s, row, (uint32_t)r->col[key])))
        return 1;
    if (c->type == XLSX_ERROR || c->type == XLSX_BOOL) {
        cell_diag(r, JX_SEV_ERROR, row, (uint32_t)r->col[key],
                  "%s '%s' is not a number: enter the points", what, c->text);
        return -1;
    }
    if (c->type == XLSX_NUMBER) {
        if (plain_decimal(c->text, 0, &r->tmp) < 0) {
            cell_diag(r, JX_SEV_ERROR, row, (uint32_t)r->col[key],
                      "%s '%s' is not a number: the workbook is damaged", what, c->text);
            return -1;
        }
        s.ptr = r->tmp.buf;
        s.len = r->tmp.len;
    } else {
        s = cell_str(r->s, row, r->col[key]);
        if (s.len >= 3 && !memcmp(s.ptr + s.len - 3, "分", 3))
            s.len -= 3; /* "5分" */
        if (!s.len)
            return 1;
    }
    rc = dec_parse(s.ptr, s.len, 2, v);
    if (rc == JX_ERANGE && dec_places(s.ptr, s.len) > 2) {
        cell_diag(r, JX_SEV_ERROR, row, (uint32_t)r->col[key],
                  "%s '%.*s' has more than 2 decimals: points are kept to 0.01, round it in "
                  "the sheet",
                  what, (int)s.len, s.ptr);
        return -1;
    }
    if (rc || *v < 0) {
        struct strbuf ex = STRBUF_INIT;

        strbuf_add_excerpt(&ex, s.ptr, s.len);
        cell_diag(r, JX_SEV_ERROR, row, (uint32_t)r->col[key],
                  "%s %s is not a number of points such as '5' or '2.5'", what, ex.buf);
        strbuf_release(&ex);
        return -1;
    }
    return 0;
}

/* A text cell copied into the evaluation; numbers as plain decimals, percentages with %. */
static const char *cell_text(struct reader *r, uint32_t row, enum col key)
{
    const struct xlsx_cell *c;
    struct str s;

    if (r->col[key] < 0 || !(c = xlsx_cell_at(r->s, row, (uint32_t)r->col[key])))
        return NULL;
    if (c->type == XLSX_NUMBER && plain_decimal(c->text, c->percent ? 2 : 0, &r->tmp) == 0) {
        if (c->percent)
            strbuf_addch(&r->tmp, '%');
        return arena_strdup(&r->ev->arena, r->tmp.buf);
    }
    s = cell_str(r->s, row, r->col[key]);
    return s.len ? arena_strndup(&r->ev->arena, s.ptr, s.len) : NULL;
}

/* ---- the header row ---- */

static int find_header(struct reader *r, uint32_t *header)
{
    struct strbuf norm = STRBUF_INIT;
    uint32_t limit = r->s->nr_rows < 30 ? r->s->nr_rows : 30;

    for (uint32_t row = 0; row < limit; row++) {
        int64_t cols[COL_COUNT_];

        for (int k = 0; k < COL_COUNT_; k++)
            cols[k] = -1;
        for (uint32_t col = 0; col < 64; col++) {
            struct str s = cell_str(r->s, row, col);

            if (!s.len)
                continue;
            normalise_header(s, &norm);
            for (size_t i = 0; i < sizeof(header_names) / sizeof(header_names[0]); i++) {
                if (!strcmp(norm.buf, header_names[i].name) && cols[header_names[i].col] < 0)
                    cols[header_names[i].col] = col;
            }
        }
        if (cols[COL_L1] >= 0 && (cols[COL_WEIGHT] >= 0 || cols[COL_SCORE] >= 0)) {
            memcpy(r->col, cols, sizeof(cols));
            *header = row;
            strbuf_release(&norm);
            return 0;
        }
    }
    strbuf_release(&norm);
    file_error(r,
               "no header row with 一级指标 and 分值 or 得分 in the first %u rows: name the "
               "columns 一级指标, 二级指标, 三级指标, 分值, 指标值, 实际完成值, 得分, 评分依据",
               limit ? limit : 1);
    return -1;
}

/*
 * Merged level cells: the name of the top-left cell is carried into the rows below it.
 * The copies are collected first and added after, because xlsx_cell_at needs the cells
 * sorted and adding breaks that until the next xlsx_sheet_sort.
 */
struct carried {
    uint32_t row, col;
    const char *text; /* in the sheet's arena: stable */
};

static void spread_merges(struct reader *r, struct xlsx_sheet *s, uint32_t header)
{
    struct carried *add = NULL;
    size_t nr = 0, alloc = 0;

    for (size_t i = 0; i < s->nr_merges; i++) {
        const struct xlsx_range *m = &s->merges[i];
        const struct xlsx_cell *top;
        bool level = false;

        for (int k = COL_L1; k <= COL_L4; k++)
            level = level || (r->col[k] >= 0 && (uint32_t)r->col[k] == m->c1);
        if (!level || m->r1 <= header || m->r2 == m->r1)
            continue;
        top = xlsx_cell_at(s, m->r1, m->c1);
        if (!top)
            continue;
        for (uint32_t row = m->r1 + 1; row <= m->r2 && s->nr_cells + nr < XLSX_MAX_CELLS; row++) {
            if (nr == alloc) {
                alloc = alloc ? alloc * 2 : 64;
                add = xrealloc(add, st_mult(alloc, sizeof(*add)));
            }
            add[nr].row = row;
            add[nr].col = m->c1;
            add[nr].text = top->text;
            nr++;
        }
    }
    for (size_t i = 0; i < nr; i++)
        xlsx_sheet_add(s, add[i].row, add[i].col, XLSX_STRING, add[i].text, strlen(add[i].text));
    if (nr)
        xlsx_sheet_sort(s);
    free(add);
}

/* ---- rows into nodes ---- */

static struct node *child(struct node *parent, struct str name, struct jx_arena *a)
{
    struct node *n;

    for (size_t i = parent->nr_kids; i-- > 0;) {
        if (strlen(parent->kids[i]->name) == name.len &&
            !memcmp(parent->kids[i]->name, name.ptr, name.len))
            return parent->kids[i];
    }
    n = xcalloc(1, sizeof(*n));
    n->name = arena_strndup(a, name.ptr, name.len);
    n->depth = parent->depth + 1;
    if (parent->nr_kids == parent->alloc_kids) {
        parent->alloc_kids = parent->alloc_kids ? parent->alloc_kids * 2 : 4;
        parent->kids = xrealloc(parent->kids, st_mult(parent->alloc_kids, sizeof(*parent->kids)));
    }
    parent->kids[parent->nr_kids++] = n;
    return n;
}

static void free_nodes(struct node *n)
{
    for (size_t i = 0; i < n->nr_kids; i++) {
        free_nodes(n->kids[i]);
        free(n->kids[i]);
    }
    free(n->kids);
}

static bool is_total(struct str s)
{
    for (size_t i = 0; i < sizeof(total_names) / sizeof(total_names[0]); i++) {
        if (str_is(s, total_names[i]))
            return true;
    }
    return false;
}

static int read_rows(struct reader *r, uint32_t header)
{
    struct str path[JX_MAX_DEPTH] = {{"", 0}};
    unsigned path_len = 0;
    int errors = 0;

    if (r->s->nr_rows - header - 1 > SCORESHEET_MAX_ROWS) {
        file_error(r, "%lu rows, over the limit of %u for a 评分表: split the sheet",
                   (unsigned long)(r->s->nr_rows - header - 1), SCORESHEET_MAX_ROWS);
        return -1;
    }
    for (uint32_t row = header + 1; row < r->s->nr_rows; row++) {
        struct str lv[JX_MAX_DEPTH];
        int deepest = -1;
        bool any = false, stop = false;
        struct node *n = &r->root;

        for (int k = 0; k < JX_MAX_DEPTH; k++) {
            lv[k] = cell_str(r->s, row, r->col[k]);
            if (lv[k].len) {
                deepest = k;
                stop = stop || is_total(lv[k]);
            }
        }
        if (stop)
            break;
        for (int k = COL_WEIGHT; k < COL_COUNT_ && deepest < 0; k++)
            any = any || cell_str(r->s, row, r->col[k]).len;
        if (deepest < 0) {
            if (any)
                cell_diag(r, JX_SEV_WARNING, row, (uint32_t)r->col[COL_L1],
                          "row %lu has values but no indicator name: skipped",
                          (unsigned long)row + 1);
            continue; /* a spacer row */
        }
        for (int k = 0; k < deepest; k++) {
            if (lv[k].len)
                continue;
            if ((unsigned)k >= path_len) {
                cell_diag(r, JX_SEV_ERROR, row, (uint32_t)(r->col[k] >= 0 ? r->col[k] : 0),
                          "'%.*s' has no %s above it: fill in the level names",
                          (int)lv[deepest].len, lv[deepest].ptr,
                          k == 0   ? "一级指标"
                          : k == 1 ? "二级指标"
                                   : "三级指标");
                errors++;
                goto next;
            }
            lv[k] = path[k]; /* merged or left blank: the name above */
        }
        for (int k = 0; k <= deepest; k++)
            n = child(n, lv[k], &r->ev->arena);
        for (int k = 0; k <= deepest; k++)
            path[k] = lv[k];
        path_len = (unsigned)deepest + 1;
        if (n->has_row) {
            cell_diag(r, JX_SEV_ERROR, row, (uint32_t)r->col[deepest],
                      "'%s' appears twice (rows %lu and %lu): give each indicator one row", n->name,
                      (unsigned long)n->row + 1, (unsigned long)row + 1);
            errors++;
            continue;
        }
        n->has_row = true;
        n->row = row;
        {
            int rc = cell_points(r, row, COL_WEIGHT, "weight", &n->weight);

            n->has_weight = rc == 0;
            errors += rc < 0;
            rc = cell_points(r, row, COL_SCORE, "score", &n->score);
            n->has_score = rc == 0;
            errors += rc < 0;
        }
    next:;
    }
    if (!r->root.nr_kids && !errors) {
        file_error(r, "no indicator rows below the header");
        errors++;
    }
    return errors ? -1 : 0;
}

/* ---- nodes into indicators ---- */

static struct jx_survey *new_survey(struct reader *r)
{
    struct jx_survey *s;

    if (r->nr_surveys == r->alloc_surveys) {
        r->alloc_surveys = r->alloc_surveys ? r->alloc_surveys * 2 : 4;
        r->surveys = xrealloc(r->surveys, st_mult(r->alloc_surveys, sizeof(*r->surveys)));
    }
    s = &r->surveys[r->nr_surveys++];
    memset(s, 0, sizeof(*s));
    s->issued = s->returned = s->valid = -1;
    s->satisfaction = -1;
    return s;
}

/* "5%" → micro-percent. */
static int parse_percent(const char *s, int64_t *v)
{
    size_t len = strlen(s);

    if (!len || s[len - 1] != '%')
        return -1;
    return dec_parse(s, len - 1, 6, v) ? -1 : 0;
}

static const char *const tier_names[] = {"", "达成", "部分达成", "未达成"};

/* The 评分方法 cell: a method name (or its Chinese label) and its parameters. */
static int parse_method(struct reader *r, uint32_t row, struct jx_indicator *ind)
{
    const char *text = cell_text(r, row, COL_METHOD);
    char *words[4] = {0}, *save = NULL, *copy;
    int nw = 0, ret = 0;

    if (!text)
        return 1;
    copy = xstrdup(text);
    for (char *w = strtok_r(copy, " \t", &save); w && nw < 4; w = strtok_r(NULL, " \t", &save))
        words[nw++] = w;
    if (!nw) {
        free(copy);
        return 1;
    }
    if (method_from_name(words[0], &ind->method)) {
        bool found = false;

        for (unsigned m = JX_METHOD_NONE + 1; m < JX_METHOD_COUNT_ && !found; m++) {
            if (!strcmp(words[0], method_label((enum jx_method)m))) {
                ind->method = (enum jx_method)m;
                found = true;
            }
        }
        if (!found) {
            cell_diag(r, JX_SEV_ERROR, row, (uint32_t)r->col[COL_METHOD],
                      "unknown method '%s': use ratio, inverse, equal, reach, tiers, deduct, "
                      "execution, deviation, survey or manual",
                      words[0]);
            ret = -1;
            goto out;
        }
    }
    switch (ind->method) {
    case JX_METHOD_INVERSE:
        if (nw > 1 && !strcmp(words[1], "ratio"))
            ind->inverse_mode = JX_INVERSE_RATIO;
        break;
    case JX_METHOD_DEVIATION:
        if (nw > 2 &&
            (parse_percent(words[1], &ind->tolerance) || parse_percent(words[2], &ind->zero_at))) {
            cell_diag(r, JX_SEV_ERROR, row, (uint32_t)r->col[COL_METHOD],
                      "deviation takes a tolerance and a zero point such as 'deviation 10%% 50%%'");
            ret = -1;
        }
        break;
    case JX_METHOD_EXECUTION:
        if (nw > 1 && !strcmp(words[1], "received"))
            ind->exec_base = JX_EXEC_RECEIVED;
        break;
    case JX_METHOD_TIERS:
        for (unsigned t = 1; nw > 1 && t < 4; t++) {
            if (!strcmp(words[1], tier_names[t]))
                ind->tier = (enum jx_tier)t;
        }
        break;
    case JX_METHOD_SURVEY:
        if (nw > 1)
            ind->survey = arena_strdup(&r->ev->arena, words[1]);
        break;
    default:
        break;
    }
out:
    free(copy);
    return ret;
}

static void set_qty(struct reader *r, uint32_t row, enum col key, const char *text,
                    struct jx_qty *q, bool *has, int *errors)
{
    struct strbuf why = STRBUF_INIT;

    if (!text)
        return;
    if (qty_parse(text, strlen(text), q, &why)) {
        cell_diag(r, JX_SEV_ERROR, row, (uint32_t)r->col[key], "%s", why.buf);
        (*errors)++;
    } else {
        *has = true;
    }
    strbuf_release(&why);
}

/* The provenance note a leaf scored by the sheet gets when it has no 评分依据. */
static const char *provenance(struct reader *r, uint32_t row)
{
    struct strbuf sb = STRBUF_INIT;
    const char *s;
    const char *base = strrchr(r->where, '/');

    /* The file's own name, not its path: the note stays true when the files move. */
    strbuf_addf(&sb, "评分表得分（%s", base ? base + 1 : r->where);
    if (r->csv) {
        strbuf_addf(&sb, " 第%lu行）", (unsigned long)row + 1);
    } else {
        strbuf_addch(&sb, '!');
        xlsx_cell_name(&sb, row, (uint32_t)r->col[COL_SCORE]);
        strbuf_addstr(&sb, "）");
    }
    s = arena_strdup(&r->ev->arena, sb.buf);
    strbuf_release(&sb);
    return s;
}

static struct jx_pos pos_of(struct reader *r, uint32_t row, enum col key)
{
    struct jx_pos p = {row + 1, r->col[key] >= 0 ? (unsigned)r->col[key] + 1 : 1};

    return p;
}

static int fill_leaf(struct reader *r, const struct node *n, struct jx_indicator *ind)
{
    uint32_t row = n->row;
    int errors = 0, m;

    ind->target_text = cell_text(r, row, COL_TARGET);
    ind->actual_text = cell_text(r, row, COL_ACTUAL);
    set_qty(r, row, COL_TARGET, ind->target_text, &ind->target, &ind->has_target, &errors);
    set_qty(r, row, COL_ACTUAL, ind->actual_text, &ind->actual, &ind->has_actual, &errors);
    if (n->has_score && n->has_weight && n->score > n->weight) {
        struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

        dec_format(&a, n->score, 2, 2);
        dec_format(&b, n->weight, 2, 2);
        cell_diag(r, JX_SEV_ERROR, row, (uint32_t)r->col[COL_SCORE],
                  "score %s is above the weight %s", a.buf, b.buf);
        strbuf_release(&a);
        strbuf_release(&b);
        return 1;
    }
    m = parse_method(r, row, ind);
    if (m < 0)
        return 1;
    if (m > 0)
        ind->method = n->has_score ? JX_METHOD_MANUAL : JX_METHOD_NONE;
    /* A CSV (or a workbook without 基本情况) has no budget to compute 执行率 from: the
     * sheet's score stands, as an expert score that says where it came from. */
    if (ind->method == JX_METHOD_EXECUTION && n->has_score && !r->ev->budget.has_spent) {
        ind->method = JX_METHOD_MANUAL;
        if (!ind->basis)
            ind->basis = provenance(r, row);
    }
    switch (ind->method) {
    case JX_METHOD_TIERS:
    case JX_METHOD_MANUAL:
    case JX_METHOD_REACH:
    case JX_METHOD_DEDUCT:
        if (!n->has_score) {
            cell_diag(
                r, JX_SEV_ERROR, row, (uint32_t)(r->col[COL_SCORE] >= 0 ? r->col[COL_SCORE] : 0),
                "method '%s' of '%s' needs the score (得分)", method_name(ind->method), n->name);
            return 1;
        }
        break;
    default:
        break;
    }
    switch (ind->method) {
    case JX_METHOD_TIERS:
    case JX_METHOD_MANUAL:
        ind->given_score = n->score;
        ind->has_given_score = true;
        if (ind->method == JX_METHOD_MANUAL && !ind->basis)
            ind->basis = provenance(r, row);
        break;
    case JX_METHOD_REACH:
        ind->has_reached = true;
        ind->reached = n->score == ind->weight;
        break;
    case JX_METHOD_DEDUCT:
        if (ind->weight > n->score) {
            ind->deductions = arena_calloc(&r->ev->arena, 1, sizeof(*ind->deductions));
            ind->nr_deductions = 1;
            ind->deductions[0].points = ind->weight - n->score;
            ind->deductions[0].reason = ind->basis ? ind->basis : provenance(r, row);
            ind->deductions[0].pos = pos_of(r, row, COL_SCORE);
        }
        break;
    case JX_METHOD_SURVEY: {
        struct jx_survey *s = new_survey(r);
        const char *a = ind->actual_text;

        if (!ind->survey) {
            strbuf_reset(&r->tmp);
            strbuf_addf(&r->tmp, "s%lu", (unsigned long)row + 1);
            ind->survey = arena_strdup(&r->ev->arena, r->tmp.buf);
        }
        s->id = ind->survey;
        s->pos = pos_of(r, row, COL_ACTUAL);
        /* The satisfaction the sheet shows is a rate reported without the answers. */
        if (!a || !*a || a[strlen(a) - 1] != '%' || dec_parse(a, strlen(a) - 1, 2, &s->reported)) {
            cell_diag(
                r, JX_SEV_ERROR, row, (uint32_t)(r->col[COL_ACTUAL] >= 0 ? r->col[COL_ACTUAL] : 0),
                "method 'survey' of '%s' needs the satisfaction in 实际完成值, such as '95.40%%'",
                n->name);
            return 1;
        }
        s->has_reported = true;
        ind->actual_text = NULL;
        ind->has_actual = false;
        break;
    }
    default:
        break;
    }
    return errors;
}

static int build(struct reader *r, const struct node *n, struct jx_indicator *ind)
{
    int errors = 0;

    eval_indicator_init(ind);
    ind->name = n->name;
    ind->depth = n->depth;
    if (n->has_row) {
        uint32_t row = n->row;

        ind->pos = pos_of(r, row, (enum col)(n->depth - 1));
        ind->weight_pos = pos_of(r, row, COL_WEIGHT);
        ind->target_pos = pos_of(r, row, COL_TARGET);
        ind->actual_pos = pos_of(r, row, COL_ACTUAL);
        ind->score_pos = pos_of(r, row, COL_SCORE);
        ind->method_pos = pos_of(r, row, COL_METHOD);
        ind->basis = cell_text(r, row, COL_BASIS);
        ind->standard = cell_text(r, row, COL_STANDARD);
        ind->explanation = cell_text(r, row, COL_EXPLANATION);
    }
    ind->weight = n->weight;
    ind->has_weight = n->has_weight;
    if (!n->nr_kids) {
        if (!n->has_weight) {
            cell_diag(r, JX_SEV_ERROR, n->row,
                      (uint32_t)(r->col[COL_WEIGHT] >= 0 ? r->col[COL_WEIGHT] : 0),
                      "'%s' has no weight (分值)", n->name);
            return 1;
        }
        return fill_leaf(r, n, ind);
    }
    ind->children = arena_calloc(&r->ev->arena, n->nr_kids, sizeof(*ind->children));
    ind->nr_children = n->nr_kids;
    {
        int64_t sum = 0;

        for (size_t i = 0; i < n->nr_kids; i++) {
            errors += build(r, n->kids[i], &ind->children[i]);
            sum += ind->children[i].weight;
        }
        if (!n->has_weight) {
            ind->weight = sum; /* a hand-made sheet often gives only the leaves' weights */
            ind->has_weight = true;
        } else if (n->weight != sum && !errors) {
            struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

            dec_format(&a, n->weight, 2, 2);
            dec_format(&b, sum, 2, 2);
            cell_diag(r, JX_SEV_ERROR, n->row, (uint32_t)r->col[COL_WEIGHT],
                      "weight %s of '%s' is not the sum of its children (%s)", a.buf, n->name,
                      b.buf);
            errors++;
            strbuf_release(&a);
            strbuf_release(&b);
        }
    }
    return errors;
}

/* After scoring: the sheet's 得分 of every row against what jixiao computed. */
static void compare_scores(struct reader *r, const struct node *n, const struct jx_indicator *ind)
{
    if (n->has_row && n->has_score && ind->scored && n->score != ind->score) {
        struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

        dec_format(&a, n->score, 2, 2);
        dec_format(&b, ind->score, 2, 2);
        cell_diag(r, JX_SEV_WARNING, n->row, (uint32_t)r->col[COL_SCORE],
                  "score %s of '%s' in the sheet differs from %s computed by jixiao%s%s", a.buf,
                  n->name, b.buf, indicator_is_leaf(ind) ? " with method " : "",
                  indicator_is_leaf(ind) ? method_name(ind->method) : "");
        strbuf_release(&a);
        strbuf_release(&b);
    }
    for (size_t i = 0; i < n->nr_kids && i < ind->nr_children; i++)
        compare_scores(r, n->kids[i], &ind->children[i]);
}

/* ---- 基本情况 and the command-line facts ---- */

static struct str label_base(struct str s)
{
    /* "预算数（元）" → "预算数" */
    const char *paren = NULL;

    for (size_t i = 0; i + 3 <= s.len; i++) {
        if (!memcmp(s.ptr + i, "（", 3) || s.ptr[i] == '(') {
            paren = s.ptr + i;
            break;
        }
    }
    if (paren)
        s.len = (size_t)(paren - s.ptr);
    return s;
}

static int parse_grades(struct reader *r, const char *text)
{
    struct jx_grade_band bands[16];
    size_t nr = 0;
    char *copy = xstrdup(text), *save = NULL;
    int ret = 0;

    for (char *p = copy; *p; p++) {
        if (!strncmp(p, "；", 3))
            memcpy(p, ";  ", 3);
    }
    for (char *w = strtok_r(copy, "; ", &save); w && nr < 16; w = strtok_r(NULL, "; ", &save)) {
        char *ge = strstr(w, "≥");

        if (!ge || dec_parse(ge + 3, strlen(ge + 3), 2, &bands[nr].min)) {
            ret = -1;
            break;
        }
        bands[nr].grade = arena_strndup(&r->ev->arena, w, (size_t)(ge - w));
        nr++;
    }
    if (!ret && nr) {
        r->ev->grades = arena_calloc(&r->ev->arena, nr, sizeof(*bands));
        memcpy(r->ev->grades, bands, nr * sizeof(*bands));
        r->ev->nr_grades = nr;
    }
    free(copy);
    return ret ? -1 : 0;
}

static int bool_text(const char *t)
{
    return t && (!strcmp(t, "是") || !strcmp(t, "true"));
}

static void read_facts(struct reader *r, const struct xlsx_sheet *facts, const char *where)
{
    struct jx_eval *ev = r->ev;
    const struct xlsx_sheet *saved = r->s;
    int64_t saved_cols[COL_COUNT_];

    memcpy(saved_cols, r->col, sizeof(saved_cols));
    r->s = facts;
    r->col[COL_BASIS] = 1; /* cell_text reads column B through this slot */
    for (uint32_t row = 0; row < facts->nr_rows; row++) {
        struct str label = label_base(cell_str(facts, row, 0));
        const char *v = cell_text(r, row, COL_BASIS);
        struct strbuf why = STRBUF_INIT;
        int64_t *money = NULL;
        bool *has = NULL;
        struct jx_pos nowhere = {0, 0};

        if (!label.len || !v)
            continue;
        if (str_is(label, "评价类型")) {
            enum jx_kind k;

            if (eval_kind_from_name(v, &k) == 0)
                ev->kind = k;
            else
                jx_diags_add(r->d, JX_SEV_ERROR, where, nowhere,
                             "评价类型 '%s' is not 单位自评, 部门评价 or 财政评价", v);
        } else if (str_is(label, "报告标题")) {
            ev->title = v;
        } else if (str_is(label, "实施单位")) {
            ev->unit = v;
        } else if (str_is(label, "主管部门")) {
            ev->department = v;
        } else if (str_is(label, "评价年度")) {
            int64_t y;

            if (dec_parse(v, strlen(v), 0, &y) == 0 && y >= 0 && y < 10000)
                ev->year = (int)y;
        } else if (str_is(label, "评价日期")) {
            ev->date = v;
        } else if (str_is(label, "项目名称")) {
            ev->project.name = v;
        } else if (str_is(label, "项目内容")) {
            ev->project.content = v;
        } else if (str_is(label, "总体目标")) {
            ev->project.overall_goal = v;
        } else if (str_is(label, "年初预算数")) {
            money = &ev->budget.initial, has = &ev->budget.has_initial;
        } else if (str_is(label, "预算数")) {
            money = &ev->budget.planned, has = &ev->budget.has_planned;
        } else if (str_is(label, "到位数")) {
            money = &ev->budget.received, has = &ev->budget.has_received;
        } else if (str_is(label, "执行数")) {
            money = &ev->budget.spent, has = &ev->budget.has_spent;
        } else if (str_is(label, "总分值")) {
            int64_t p;

            if (dec_parse(v, strlen(v), 2, &p) == 0)
                ev->root.weight = p;
        } else if (str_is(label, "评价等级")) {
            if (parse_grades(r, v) < 0)
                jx_diags_add(r->d, JX_SEV_ERROR, where, nowhere,
                             "评价等级 '%s' is not a list such as '优≥90；良≥80；中≥60；差≥0'", v);
        } else if (str_is(label, "超计划比例")) {
            (void)parse_percent(v, &ev->rules.overshoot);
        } else if (str_is(label, "偏差扣分")) {
            int64_t p;

            if (dec_parse(v, strlen(v), 2, &p) == 0)
                ev->rules.overshoot_penalty = p;
        } else if (str_is(label, "执行率封顶")) {
            ev->rules.execution_cap = bool_text(v);
        } else if (str_is(label, "一票否决")) {
            ev->rules.veto = true;
            ev->rules.veto_reason = v;
        } else if (str_is(label, "证据不足判定")) {
            ev->rules.evidence_required = bool_text(v);
        }
        if (money) {
            /* The label says the unit: （元） by default, （万元） when written so. */
            struct str full = cell_str(facts, row, 0);
            enum money_unit unit = MONEY_YUAN;

            for (size_t i = label.len; i + 6 <= full.len; i++) {
                if (!memcmp(full.ptr + i, "万元", 6))
                    unit = MONEY_WAN;
            }
            if (money_parse(v, strlen(v), unit, money, &why) == 0)
                *has = true;
            else
                jx_diags_add(r->d, JX_SEV_ERROR, where, nowhere, "%.*s: %s", (int)label.len,
                             label.ptr, why.buf);
        }
        strbuf_release(&why);
    }
    r->s = saved;
    memcpy(r->col, saved_cols, sizeof(saved_cols));
}

static void apply_meta(struct reader *r, const struct scoresheet_meta *meta)
{
    struct jx_eval *ev = r->ev;

    if (meta->kind) {
        enum jx_kind k;

        if (eval_kind_from_name(meta->kind, &k) == 0)
            ev->kind = k;
        else
            file_error(r, "kind '%s' is not 单位自评, 部门评价 or 财政评价", meta->kind);
    }
    if (meta->unit)
        ev->unit = arena_strdup(&ev->arena, meta->unit);
    if (meta->project)
        ev->project.name = arena_strdup(&ev->arena, meta->project);
    if (meta->year) {
        int64_t y;

        if (dec_parse(meta->year, strlen(meta->year), 0, &y) == 0 && y > 0 && y < 10000)
            ev->year = (int)y;
        else
            file_error(r, "year '%s' is not a year such as 2022", meta->year);
    }
    if (!ev->unit || !ev->project.name || !ev->year)
        file_error(r, "the 实施单位, 项目名称 or 评价年度 is unknown (no 基本情况 sheet gives it): "
                      "give --unit, --project and --year");
}

/* ---- the common path ---- */

static int read_grid(struct reader *r, struct xlsx_sheet *s, const struct xlsx_sheet *facts,
                     const struct scoresheet_meta *meta)
{
    uint32_t header;
    int ret = JX_EINVAL;

    r->s = s;
    strbuf_init(&r->tmp, 0);
    r->ev->kind = JX_KIND_DEPT;
    if (find_header(r, &header) < 0)
        goto out;
    spread_merges(r, s, header);
    if (read_rows(r, header) < 0)
        goto out;
    if (facts)
        read_facts(r, facts, arena_strdup(&r->ev->arena, facts->name ? facts->name : ""));
    apply_meta(r, meta);
    {
        struct jx_indicator *root = &r->ev->root;
        int errors = 0;
        int64_t points = root->weight, sum = 0;
        bool points_given = facts && root->weight != 100 * JX_CENTI;

        root->children = arena_calloc(&r->ev->arena, r->root.nr_kids, sizeof(*root->children));
        root->nr_children = r->root.nr_kids;
        for (size_t i = 0; i < r->root.nr_kids; i++) {
            errors += build(r, r->root.kids[i], &root->children[i]);
            sum += root->children[i].weight;
        }
        /* A sheet on another scale than 100 (no 基本情况 to say so) keeps its own total. */
        root->weight = points_given ? points : (sum ? sum : points);
        if (r->nr_surveys) {
            r->ev->surveys = arena_calloc(&r->ev->arena, r->nr_surveys, sizeof(*r->surveys));
            memcpy(r->ev->surveys, r->surveys, r->nr_surveys * sizeof(*r->surveys));
            r->ev->nr_surveys = r->nr_surveys;
        }
        if (errors || r->d->errors)
            goto out;
    }
    validate_eval(r->ev, r->d);
    if (r->d->errors)
        goto out;
    (void)score_eval(r->ev, r->d);
    if (r->d->errors)
        goto out;
    compare_scores(r, &r->root, &r->ev->root);
    ret = 0;
out:
    free_nodes(&r->root);
    free(r->surveys);
    strbuf_release(&r->tmp);
    return ret;
}

static void reader_init(struct reader *r, const char *name, const char *where, bool csv,
                        struct jx_eval *ev, struct jx_diags *d)
{
    memset(r, 0, sizeof(*r));
    r->name = name;
    r->where = where;
    r->csv = csv;
    r->ev = ev;
    r->d = d;
    for (int k = 0; k < COL_COUNT_; k++)
        r->col[k] = -1;
}

int scoresheet_read_xlsx(const char *data, size_t len, const char *name,
                         const struct scoresheet_meta *meta, struct jx_eval *ev, struct jx_diags *d)
{
    struct xlsx_book b;
    struct xlsx_sheet s, facts;
    struct strbuf why = STRBUF_INIT, where = STRBUF_INIT;
    struct jx_pos nowhere = {0, 0};
    const char *sheet = meta->sheet ? meta->sheet : SCORESHEET_SHEET;
    struct reader r;
    int ret = JX_EINVAL, rc;
    bool have_facts = false;

    eval_init(ev, name);
    xlsx_sheet_init(&s);
    xlsx_sheet_init(&facts);
    if (len > SCORESHEET_MAX_BYTES) {
        jx_diags_add(d, JX_SEV_ERROR, name, nowhere,
                     "file is too large: %zu bytes, the limit is %u", len, SCORESHEET_MAX_BYTES);
        return JX_ETOOBIG;
    }
    if (xlsx_open(&b, data, len, name, &why) < 0) {
        jx_diags_add(d, JX_SEV_ERROR, NULL, nowhere, "%s", why.buf);
        goto out;
    }
    rc = xlsx_read_sheet(&b, sheet, &s, &why);
    if (rc > 0) {
        strbuf_reset(&why);
        for (size_t i = 0; i < b.nr_sheets; i++)
            strbuf_addf(&why, "%s'%s'", i ? ", " : "", b.sheets[i]);
        jx_diags_add(d, JX_SEV_ERROR, name, nowhere,
                     "no sheet '%s'; the workbook has %s: name the sheet 评分表 or use --sheet",
                     sheet, b.nr_sheets ? why.buf : "no sheets");
        goto out;
    }
    if (rc < 0) {
        jx_diags_add(d, JX_SEV_ERROR, NULL, nowhere, "%s", why.buf);
        goto out;
    }
    rc = xlsx_read_sheet(&b, SCORESHEET_FACTS, &facts, &why);
    if (rc < 0) {
        jx_diags_add(d, JX_SEV_ERROR, NULL, nowhere, "%s", why.buf);
        goto out;
    }
    have_facts = rc == 0;
    strbuf_addf(&where, "%s:%s", name, sheet);
    ev->file = arena_strdup(&ev->arena, where.buf);
    if (have_facts) {
        strbuf_addf(&why, "%s:%s", name, SCORESHEET_FACTS);
        facts.name = arena_strdup(&ev->arena, why.buf);
    }
    reader_init(&r, name, ev->file, false, ev, d);
    ret = read_grid(&r, &s, have_facts ? &facts : NULL, meta);
out:
    if (ret == JX_EINVAL && !d->errors)
        ret = 0;
    xlsx_sheet_release(&s);
    xlsx_sheet_release(&facts);
    xlsx_close(&b);
    strbuf_release(&why);
    strbuf_release(&where);
    return d->errors ? JX_EINVAL : ret;
}

/* ---- CSV ---- */

/* RFC 4180 fields into text cells. Returns 0 or -1 with the reason in why. */
static int csv_cells(const char *p, size_t len, struct xlsx_sheet *s, struct strbuf *why)
{
    const char *end = p + len;
    struct strbuf field = STRBUF_INIT;
    uint32_t row = 0, col = 0;
    int ret = 0;

    while (p < end) {
        bool quoted = false;

        strbuf_reset(&field);
        if (*p == '"') {
            quoted = true;
            p++;
            for (;;) {
                if (p >= end) {
                    strbuf_addf(why, "line %lu: a quoted field is not closed",
                                (unsigned long)row + 1);
                    ret = -1;
                    goto out;
                }
                if (*p == '"') {
                    if (p + 1 < end && p[1] == '"') {
                        strbuf_addch(&field, '"');
                        p += 2;
                        continue;
                    }
                    p++;
                    break;
                }
                strbuf_addch(&field, *p++);
            }
        }
        while (p < end && *p != ',' && *p != '\n' && *p != '\r')
            strbuf_addch(&field, *p++);
        if (field.len || quoted) {
            if (s->nr_cells >= XLSX_MAX_CELLS || col >= XLSX_MAX_COLS) {
                strbuf_addf(why, "more than %u cells, over the limit", XLSX_MAX_CELLS);
                ret = -1;
                goto out;
            }
            if (field.len)
                xlsx_sheet_add(s, row, col, XLSX_STRING, field.buf, field.len);
        }
        if (p < end && *p == ',') {
            p++;
            col++;
            continue;
        }
        if (p < end && *p == '\r')
            p++;
        if (p < end && *p == '\n')
            p++;
        row++;
        col = 0;
        if (row >= XLSX_MAX_ROWS) {
            strbuf_addf(why, "more than %u rows, over the limit", XLSX_MAX_ROWS);
            ret = -1;
            goto out;
        }
    }
    s->nr_rows = row + (col > 0);
out:
    strbuf_release(&field);
    return ret;
}

int scoresheet_read_csv(const char *data, size_t len, const char *name,
                        const struct scoresheet_meta *meta, struct jx_eval *ev, struct jx_diags *d)
{
    struct xlsx_sheet s;
    struct strbuf conv = STRBUF_INIT, why = STRBUF_INIT;
    struct jx_pos nowhere = {0, 0};
    struct reader r;
    int ret = JX_EINVAL;

    eval_init(ev, name);
    xlsx_sheet_init(&s);
    if (len > SCORESHEET_MAX_BYTES) {
        jx_diags_add(d, JX_SEV_ERROR, name, nowhere,
                     "file is too large: %zu bytes, the limit is %u", len, SCORESHEET_MAX_BYTES);
        return JX_ETOOBIG;
    }
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
        data += 3;
        len -= 3;
    }
    if (memchr(data, '\0', len)) {
        jx_diags_add(d, JX_SEV_ERROR, name, nowhere,
                     "not a text file (NUL byte): give a CSV, or the .xlsx itself");
        goto out;
    }
    if (!utf8_valid(data, len, NULL)) {
        /* What Chinese Excel and WPS save by default. */
        if (gb18030_to_utf8(data, len, &conv) < 0) {
            jx_diags_add(d, JX_SEV_ERROR, name, nowhere,
                         "neither UTF-8 nor GB18030: save the CSV as UTF-8");
            goto out;
        }
        data = conv.buf;
        len = conv.len;
    }
    if (csv_cells(data, len, &s, &why) < 0) {
        jx_diags_add(d, JX_SEV_ERROR, name, nowhere, "%s", why.buf);
        goto out;
    }
    ev->file = arena_strdup(&ev->arena, name);
    reader_init(&r, name, ev->file, true, ev, d);
    ret = read_grid(&r, &s, NULL, meta);
out:
    xlsx_sheet_release(&s);
    strbuf_release(&conv);
    strbuf_release(&why);
    return d->errors ? JX_EINVAL : ret;
}
