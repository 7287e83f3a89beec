/*
 * The 评分表 workbook with libxlsxwriter (see xlsx_export.h). One row per indicator in
 * tree order: a parent's row comes before its children and holds formulas that sum
 * them, so the sheet stays right when someone edits a leaf in Excel. Every formula is
 * written with its value cached, computed by jixiao, because a file that has not been
 * recalculated (a viewer, a script reading the XML) shows the cached value.
 *
 * xlsx stores numbers as binary doubles, so the API takes a double: each one is made
 * from the exact decimal text by strtod (the nearest double), and no arithmetic is done
 * on it. libxlsxwriter writes it with 16 significant digits ("%.16G"), so 9.38 is stored
 * as "9.380000000000001"; Excel and LibreOffice read that as 9.38, and so does
 * scoresheet_read, which rounds digits past Excel's 15 significant ones.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "core/decimal.h"
#include "core/grade.h"
#include "core/method.h"
#include "core/money.h"
#include "core/score.h"
#include "render/xlsx_export.h"

const char *const render_level_headers[JX_MAX_DEPTH] = {"一级指标", "二级指标", "三级指标",
                                                        "四级指标"};
const char *const render_scoresheet_headers[XLSX_COLS_AFTER_LEVELS] = {
    "分值", "指标值", "实际完成值", "得分", "得分率", "评分依据", "评分方法"};

/* Columns after the levels, as offsets from the first of them. */
enum { C_WEIGHT, C_TARGET, C_ACTUAL, C_SCORE, C_RATE, C_BASIS, C_METHOD };

#define SHEET_SCORES "评分表"
#define SHEET_FACTS "基本情况"
#define SHEET_SUMMARY "评价情况总表"
#define FIRST_DATA_ROW 2 /* row 0: title, row 1: header */
#define MAX_FORMULA 8000 /* Excel's limit is 8192 characters */

static const char *const tier_names[] = {[JX_TIER_NONE] = "",
                                         [JX_TIER_MET] = "达成",
                                         [JX_TIER_PARTLY] = "部分达成",
                                         [JX_TIER_MISSED] = "未达成"};

static unsigned max_depth(const struct jx_indicator *ind)
{
    unsigned d = ind->depth;

    for (size_t i = 0; i < ind->nr_children; i++) {
        unsigned c = max_depth(&ind->children[i]);

        if (c > d)
            d = c;
    }
    return d;
}

unsigned render_scoresheet_levels(const struct jx_eval *ev)
{
    unsigned d = max_depth(&ev->root);

    return d < 3 ? 3 : d > JX_MAX_DEPTH ? JX_MAX_DEPTH : d;
}

static void add_percent(struct strbuf *out, int64_t micro)
{
    dec_format_trim(out, micro, 6);
    strbuf_addch(out, '%');
}

void render_method_cell(const struct jx_indicator *leaf, struct strbuf *out)
{
    if (leaf->method == JX_METHOD_NONE)
        return;
    strbuf_addstr(out, method_name(leaf->method));
    switch (leaf->method) {
    case JX_METHOD_INVERSE:
        if (leaf->inverse_mode == JX_INVERSE_RATIO)
            strbuf_addstr(out, " ratio");
        break;
    case JX_METHOD_DEVIATION:
        strbuf_addch(out, ' ');
        add_percent(out, leaf->tolerance || leaf->zero_at ? leaf->tolerance : 10 * JX_MICRO);
        strbuf_addch(out, ' ');
        add_percent(out, leaf->tolerance || leaf->zero_at ? leaf->zero_at : 50 * JX_MICRO);
        break;
    case JX_METHOD_EXECUTION:
        strbuf_addstr(out, leaf->exec_base == JX_EXEC_RECEIVED ? " received" : " planned");
        break;
    case JX_METHOD_TIERS:
        if (leaf->tier != JX_TIER_NONE) {
            strbuf_addch(out, ' ');
            strbuf_addstr(out, tier_names[leaf->tier]);
        }
        break;
    default:
        break;
    }
}

void render_actual_cell(const struct jx_eval *ev, const struct jx_indicator *leaf,
                        struct strbuf *out)
{
    if (leaf->actual_text && *leaf->actual_text) {
        strbuf_addstr(out, leaf->actual_text);
    } else if (leaf->method == JX_METHOD_SURVEY && leaf->survey) {
        const struct jx_survey *s = eval_find_survey(ev, leaf->survey);

        if (s && s->satisfaction >= 0) {
            dec_format(out, s->satisfaction, 2, 2);
            strbuf_addch(out, '%');
        }
    }
}

/* The double libxlsxwriter needs, from the exact value (see the top of the file). */
static double to_double(int64_t v, unsigned scale)
{
    struct strbuf sb = STRBUF_INIT;
    double d;

    dec_format_trim(&sb, v, scale);
    d = strtod(sb.buf, NULL);
    strbuf_release(&sb);
    return d;
}

struct formats {
    lxw_format *title, *header, *text, *name, *points, *rate, *money, *bold_points, *bold_rate,
        *bold_text;
};

struct xlsx_out {
    const struct jx_eval *ev;
    lxw_workbook *wb;
    lxw_worksheet *ws;
    struct formats f;
    unsigned levels;
    lxw_row_t row;    /* next row to write on 评分表 */
    lxw_row_t *l1row; /* row of each 一级指标 */
    lxw_error err;
    struct strbuf tmp, formula;
};

static void keep_err(struct xlsx_out *x, lxw_error e)
{
    if (e && !x->err)
        x->err = e;
}

static void cell_name(struct strbuf *sb, lxw_row_t row, lxw_col_t col)
{
    char buf[32];

    lxw_rowcol_to_cell(buf, row, col);
    strbuf_addstr(sb, buf);
}

/* "SUM(E4:E6)+E9" over the given rows of one column, runs of consecutive rows as ranges. */
static void sum_formula(struct strbuf *f, const lxw_row_t *rows, size_t n, lxw_col_t col)
{
    strbuf_reset(f);
    strbuf_addch(f, '=');
    for (size_t i = 0; i < n;) {
        size_t j = i;

        while (j + 1 < n && rows[j + 1] == rows[j] + 1)
            j++;
        if (i)
            strbuf_addch(f, '+');
        if (j > i) {
            strbuf_addstr(f, "SUM(");
            cell_name(f, rows[i], col);
            strbuf_addch(f, ':');
            cell_name(f, rows[j], col);
            strbuf_addch(f, ')');
        } else {
            cell_name(f, rows[i], col);
        }
        i = j + 1;
    }
    if (n == 0)
        strbuf_addch(f, '0');
}

/* 得分率 = 得分 / 分值, 0 when the weight is 0, with jixiao's rate cached. */
static void write_rate(struct xlsx_out *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t wcol,
                       lxw_col_t scol, lxw_col_t rcol, int64_t rate, lxw_format *fmt)
{
    struct strbuf *f = &x->formula;

    strbuf_reset(f);
    strbuf_addstr(f, "=IF(");
    cell_name(f, row, wcol);
    strbuf_addstr(f, "=0,0,");
    cell_name(f, row, scol);
    strbuf_addch(f, '/');
    cell_name(f, row, wcol);
    strbuf_addch(f, ')');
    keep_err(x, worksheet_write_formula_num(ws, row, rcol, f->buf, fmt, to_double(rate, 4)));
}

static void write_sum(struct xlsx_out *x, lxw_row_t row, lxw_col_t col, const lxw_row_t *rows,
                      size_t n, int64_t value, lxw_format *fmt)
{
    sum_formula(&x->formula, rows, n, col);
    if (x->formula.len > MAX_FORMULA)
        keep_err(x, worksheet_write_number(x->ws, row, col, to_double(value, 2), fmt));
    else
        keep_err(x, worksheet_write_formula_num(x->ws, row, col, x->formula.buf, fmt,
                                                to_double(value, 2)));
}

/* Writes ind's row and its subtree's; returns ind's row. */
static lxw_row_t write_indicator(struct xlsx_out *x, const struct jx_indicator *ind)
{
    lxw_row_t row = x->row++;
    lxw_col_t base = (lxw_col_t)x->levels, lc = (lxw_col_t)(ind->depth - 1);
    lxw_worksheet *ws = x->ws;

    if (ind->depth > x->levels)
        JX_BUG("indicator deeper than the level columns");
    keep_err(x, worksheet_write_string(ws, row, lc, ind->name ? ind->name : "", x->f.name));
    if (indicator_is_leaf(ind)) {
        keep_err(x, worksheet_write_number(ws, row, base + C_WEIGHT, to_double(ind->weight, 2),
                                           x->f.points));
        if (ind->target_text && *ind->target_text)
            keep_err(x,
                     worksheet_write_string(ws, row, base + C_TARGET, ind->target_text, x->f.text));
        strbuf_reset(&x->tmp);
        render_actual_cell(x->ev, ind, &x->tmp);
        if (x->tmp.len)
            keep_err(x, worksheet_write_string(ws, row, base + C_ACTUAL, x->tmp.buf, x->f.text));
        keep_err(x, worksheet_write_number(ws, row, base + C_SCORE, to_double(ind->score, 2),
                                           x->f.points));
        if (ind->basis && *ind->basis)
            keep_err(x, worksheet_write_string(ws, row, base + C_BASIS, ind->basis, x->f.text));
        strbuf_reset(&x->tmp);
        render_method_cell(ind, &x->tmp);
        if (x->tmp.len)
            keep_err(x, worksheet_write_string(ws, row, base + C_METHOD, x->tmp.buf, x->f.text));
    } else {
        lxw_row_t *rows = xcalloc(ind->nr_children, sizeof(*rows));
        lxw_row_t last;

        for (size_t i = 0; i < ind->nr_children; i++)
            rows[i] = write_indicator(x, &ind->children[i]);
        last = x->row - 1;
        write_sum(x, row, base + C_WEIGHT, rows, ind->nr_children, ind->weight, x->f.bold_points);
        write_sum(x, row, base + C_SCORE, rows, ind->nr_children, ind->score, x->f.bold_points);
        free(rows);
        /* The name spans the parent's row and its whole subtree, as people lay it out. */
        if (last > row)
            keep_err(x, worksheet_merge_range(ws, row, lc, last, lc, ind->name ? ind->name : "",
                                              x->f.name));
        if (ind->basis && *ind->basis)
            keep_err(x, worksheet_write_string(ws, row, base + C_BASIS, ind->basis, x->f.text));
    }
    write_rate(x, ws, row, base + C_WEIGHT, base + C_SCORE, base + C_RATE, score_rate(ind),
               indicator_is_leaf(ind) ? x->f.rate : x->f.bold_rate);
    return row;
}

static void make_formats(lxw_workbook *wb, struct formats *f)
{
    lxw_format **all[] = {&f->title, &f->header, &f->text,        &f->name,      &f->points,
                          &f->rate,  &f->money,  &f->bold_points, &f->bold_rate, &f->bold_text};

    for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
        *all[i] = workbook_add_format(wb);
        format_set_font_name(*all[i], "宋体");
        format_set_font_size(*all[i], 11);
        format_set_align(*all[i], LXW_ALIGN_VERTICAL_CENTER);
        if (*all[i] != f->title)
            format_set_border(*all[i], LXW_BORDER_THIN);
    }
    format_set_bold(f->title);
    format_set_font_size(f->title, 16);
    format_set_align(f->title, LXW_ALIGN_CENTER);
    format_set_bold(f->header);
    format_set_align(f->header, LXW_ALIGN_CENTER);
    format_set_text_wrap(f->header);
    format_set_bg_color(f->header, 0xD9E1F2);
    format_set_text_wrap(f->text);
    format_set_text_wrap(f->name);
    format_set_num_format(f->points, "0.00");
    format_set_num_format(f->bold_points, "0.00");
    format_set_bold(f->bold_points);
    format_set_num_format(f->rate, "0.00%");
    format_set_num_format(f->bold_rate, "0.00%");
    format_set_bold(f->bold_rate);
    format_set_num_format(f->money, "#,##0.00");
    format_set_bold(f->bold_text);
}

static void print_setup(lxw_worksheet *ws, lxw_row_t header_last)
{
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0); /* one page wide, as many tall as needed */
    worksheet_repeat_rows(ws, 0, header_last);
    worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
    worksheet_set_footer(ws, "&C第 &P 页，共 &N 页");
}

static void scores_sheet(struct xlsx_out *x)
{
    const struct jx_eval *ev = x->ev;
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, SHEET_SCORES);
    lxw_col_t base = (lxw_col_t)x->levels, last_col = base + XLSX_COLS_AFTER_LEVELS - 1;
    lxw_row_t total_row;

    x->ws = ws;
    strbuf_reset(&x->tmp);
    strbuf_addf(&x->tmp, "%s%s绩效评价评分表", ev->unit ? ev->unit : "",
                ev->project.name ? ev->project.name : "");
    keep_err(x, worksheet_merge_range(ws, 0, 0, 0, last_col, x->tmp.buf, x->f.title));
    worksheet_set_row(ws, 0, 28, NULL);
    for (unsigned i = 0; i < x->levels; i++)
        keep_err(x,
                 worksheet_write_string(ws, 1, (lxw_col_t)i, render_level_headers[i], x->f.header));
    for (unsigned i = 0; i < XLSX_COLS_AFTER_LEVELS; i++)
        keep_err(x, worksheet_write_string(ws, 1, base + (lxw_col_t)i, render_scoresheet_headers[i],
                                           x->f.header));
    worksheet_set_column(ws, 0, base - 1, 16, NULL);
    worksheet_set_column(ws, base + C_WEIGHT, base + C_WEIGHT, 8, NULL);
    worksheet_set_column(ws, base + C_TARGET, base + C_ACTUAL, 14, NULL);
    worksheet_set_column(ws, base + C_SCORE, base + C_RATE, 9, NULL);
    worksheet_set_column(ws, base + C_BASIS, base + C_BASIS, 36, NULL);
    worksheet_set_column(ws, base + C_METHOD, base + C_METHOD, 16, NULL);

    x->row = FIRST_DATA_ROW;
    x->l1row = xcalloc(ev->root.nr_children ? ev->root.nr_children : 1, sizeof(*x->l1row));
    for (size_t i = 0; i < ev->root.nr_children; i++)
        x->l1row[i] = write_indicator(x, &ev->root.children[i]);
    total_row = x->row++;
    keep_err(x,
             worksheet_merge_range(ws, total_row, 0, total_row, base - 1, "合计", x->f.bold_text));
    write_sum(x, total_row, base + C_WEIGHT, x->l1row, ev->root.nr_children, ev->root.weight,
              x->f.bold_points);
    write_sum(x, total_row, base + C_SCORE, x->l1row, ev->root.nr_children, ev->raw_total,
              x->f.bold_points);
    write_rate(x, ws, total_row, base + C_WEIGHT, base + C_SCORE, base + C_RATE,
               ev->root.weight ? dec_rate(ev->raw_total, ev->root.weight) : 0, x->f.bold_rate);
    worksheet_freeze_panes(ws, FIRST_DATA_ROW, 0);
    print_setup(ws, 1);
}

/* One label/value row of 基本情况; a NULL value leaves the cell empty. */
static void fact(struct xlsx_out *x, lxw_worksheet *ws, lxw_row_t *row, const char *label,
                 const char *value)
{
    keep_err(x, worksheet_write_string(ws, *row, 0, label, x->f.bold_text));
    if (value && *value)
        keep_err(x, worksheet_write_string(ws, *row, 1, value, x->f.text));
    else
        keep_err(x, worksheet_write_blank(ws, *row, 1, x->f.text));
    (*row)++;
}

static void money_fact(struct xlsx_out *x, lxw_worksheet *ws, lxw_row_t *row, const char *label,
                       bool has, int64_t fen)
{
    keep_err(x, worksheet_write_string(ws, *row, 0, label, x->f.bold_text));
    if (has)
        keep_err(x, worksheet_write_number(ws, *row, 1, to_double(fen, 2), x->f.money));
    else
        keep_err(x, worksheet_write_blank(ws, *row, 1, x->f.money));
    (*row)++;
}

/* A rate row "= num / den" over two money rows, cached from the exact amounts. */
static void rate_fact(struct xlsx_out *x, lxw_worksheet *ws, lxw_row_t *row, const char *label,
                      lxw_row_t num, lxw_row_t den, bool has, int64_t n, int64_t d)
{
    keep_err(x, worksheet_write_string(ws, *row, 0, label, x->f.bold_text));
    if (has && d) {
        strbuf_reset(&x->formula);
        strbuf_addch(&x->formula, '=');
        cell_name(&x->formula, num, 1);
        strbuf_addch(&x->formula, '/');
        cell_name(&x->formula, den, 1);
        keep_err(x, worksheet_write_formula_num(ws, *row, 1, x->formula.buf, x->f.rate,
                                                to_double(dec_rate(n, d), 4)));
    } else {
        keep_err(x, worksheet_write_blank(ws, *row, 1, x->f.rate));
    }
    (*row)++;
}

static void facts_sheet(struct xlsx_out *x)
{
    const struct jx_eval *ev = x->ev;
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, SHEET_FACTS);
    lxw_row_t row = 2, planned_row, received_row, spent_row;
    struct strbuf *t = &x->tmp;

    keep_err(x, worksheet_merge_range(ws, 0, 0, 0, 1, "项目基本情况", x->f.title));
    keep_err(x, worksheet_write_string(ws, 1, 0, "项目", x->f.header));
    keep_err(x, worksheet_write_string(ws, 1, 1, "内容", x->f.header));
    worksheet_set_column(ws, 0, 0, 22, NULL);
    worksheet_set_column(ws, 1, 1, 70, NULL);
    fact(x, ws, &row, "评价类型", eval_kind_name(ev->kind));
    fact(x, ws, &row, "报告标题", ev->title);
    fact(x, ws, &row, "实施单位", ev->unit);
    fact(x, ws, &row, "主管部门", ev->department);
    strbuf_reset(t);
    strbuf_addf(t, "%d", ev->year);
    fact(x, ws, &row, "评价年度", t->buf);
    fact(x, ws, &row, "评价日期", ev->date);
    fact(x, ws, &row, "项目名称", ev->project.name);
    fact(x, ws, &row, "项目内容", ev->project.content);
    fact(x, ws, &row, "总体目标", ev->project.overall_goal);
    money_fact(x, ws, &row, "年初预算数（元）", ev->budget.has_initial, ev->budget.initial);
    planned_row = row;
    money_fact(x, ws, &row, "预算数（元）", ev->budget.has_planned, ev->budget.planned);
    received_row = row;
    money_fact(x, ws, &row, "到位数（元）", ev->budget.has_received, ev->budget.received);
    spent_row = row;
    money_fact(x, ws, &row, "执行数（元）", ev->budget.has_spent, ev->budget.spent);
    rate_fact(x, ws, &row, "资金到位率", received_row, planned_row,
              ev->budget.has_received && ev->budget.has_planned, ev->budget.received,
              ev->budget.planned);
    rate_fact(x, ws, &row, "预算执行率", spent_row, planned_row,
              ev->budget.has_spent && ev->budget.has_planned, ev->budget.spent, ev->budget.planned);
    rate_fact(x, ws, &row, "预算执行率（按到位数）", spent_row, received_row,
              ev->budget.has_spent && ev->budget.has_received, ev->budget.spent,
              ev->budget.received);

    /* The scoring setup, so that an imported workbook scores and grades the same. */
    strbuf_reset(t);
    dec_format(t, ev->root.weight, 2, 2);
    fact(x, ws, &row, "总分值", t->buf);
    strbuf_reset(t);
    for (size_t i = 0; i < ev->nr_grades; i++) {
        if (i)
            strbuf_addstr(t, "；");
        strbuf_addf(t, "%s≥", ev->grades[i].grade);
        dec_format(t, ev->grades[i].min, 2, 2);
    }
    fact(x, ws, &row, "评价等级", t->buf);
    strbuf_reset(t);
    add_percent(t, ev->rules.overshoot);
    fact(x, ws, &row, "超计划比例", t->buf);
    strbuf_reset(t);
    dec_format(t, ev->rules.overshoot_penalty, 2, 2);
    fact(x, ws, &row, "偏差扣分", t->buf);
    fact(x, ws, &row, "执行率封顶", ev->rules.execution_cap ? "是" : "否");
    fact(x, ws, &row, "一票否决", ev->rules.veto ? ev->rules.veto_reason : NULL);
    fact(x, ws, &row, "证据不足判定", ev->rules.evidence_required ? "是" : "否");
    print_setup(ws, 1);
}

/* The grade as an Excel formula over the bands, when the grade is the band of the total. */
static bool grade_formula(const struct jx_eval *ev, lxw_row_t total_row, struct strbuf *f)
{
    const char *band = grade_of(ev->grades, ev->nr_grades, ev->total);

    if (!ev->grade || !band || strcmp(band, ev->grade) || !ev->nr_grades)
        return false;
    strbuf_reset(f);
    strbuf_addch(f, '=');
    for (size_t i = 0; i + 1 < ev->nr_grades; i++) {
        strbuf_addstr(f, "IF(");
        cell_name(f, total_row, 2);
        strbuf_addstr(f, ">=");
        dec_format_trim(f, ev->grades[i].min, 2);
        strbuf_addf(f, ",\"%s\",", ev->grades[i].grade);
    }
    strbuf_addf(f, "\"%s\"", ev->grades[ev->nr_grades - 1].grade);
    for (size_t i = 0; i + 1 < ev->nr_grades; i++)
        strbuf_addch(f, ')');
    return f->len < MAX_FORMULA;
}

static void summary_sheet(struct xlsx_out *x)
{
    const struct jx_eval *ev = x->ev;
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, SHEET_SUMMARY);
    lxw_col_t base = (lxw_col_t)x->levels;
    lxw_row_t row = 2, sum_row, total_row;
    lxw_row_t *rows = xcalloc(ev->root.nr_children ? ev->root.nr_children : 1, sizeof(*rows));
    static const char *const heads[] = {"一级指标", "分值", "评价得分", "得分率"};
    struct strbuf *f = &x->formula;

    keep_err(x, worksheet_merge_range(ws, 0, 0, 0, 3, "评价情况总表", x->f.title));
    for (lxw_col_t c = 0; c < 4; c++)
        keep_err(x, worksheet_write_string(ws, 1, c, heads[c], x->f.header));
    worksheet_set_column(ws, 0, 0, 22, NULL);
    worksheet_set_column(ws, 1, 3, 12, NULL);
    for (size_t i = 0; i < ev->root.nr_children; i++, row++) {
        const struct jx_indicator *l1 = &ev->root.children[i];
        int64_t vals[2] = {l1->weight, l1->score};

        rows[i] = row;
        keep_err(x, worksheet_write_string(ws, row, 0, l1->name, x->f.text));
        for (int k = 0; k < 2; k++) {
            strbuf_reset(f);
            strbuf_addstr(f, "='" SHEET_SCORES "'!");
            cell_name(f, x->l1row[i], base + (k ? C_SCORE : C_WEIGHT));
            keep_err(x, worksheet_write_formula_num(ws, row, (lxw_col_t)(1 + k), f->buf,
                                                    x->f.points, to_double(vals[k], 2)));
        }
        write_rate(x, ws, row, 1, 2, 3, score_rate(l1), x->f.rate);
    }
    sum_row = row++;
    keep_err(x, worksheet_write_string(ws, sum_row, 0, "合计", x->f.bold_text));
    x->ws = ws;
    write_sum(x, sum_row, 1, rows, ev->root.nr_children, ev->root.weight, x->f.bold_points);
    write_sum(x, sum_row, 2, rows, ev->root.nr_children, ev->raw_total, x->f.bold_points);
    write_rate(x, ws, sum_row, 1, 2, 3,
               ev->root.weight ? dec_rate(ev->raw_total, ev->root.weight) : 0, x->f.bold_rate);
    free(rows);

    /* After the template rules (执行率封顶 may lower it): a formula only when it is the sum. */
    total_row = row++;
    keep_err(x, worksheet_write_string(ws, total_row, 0, "评价总得分", x->f.bold_text));
    keep_err(x, worksheet_write_blank(ws, total_row, 1, x->f.text));
    if (ev->total == ev->raw_total) {
        strbuf_reset(f);
        strbuf_addch(f, '=');
        cell_name(f, sum_row, 2);
        keep_err(x, worksheet_write_formula_num(ws, total_row, 2, f->buf, x->f.bold_points,
                                                to_double(ev->total, 2)));
    } else {
        keep_err(
            x, worksheet_write_number(ws, total_row, 2, to_double(ev->total, 2), x->f.bold_points));
    }
    keep_err(x, worksheet_write_blank(ws, total_row, 3, x->f.text));
    keep_err(x, worksheet_write_string(ws, row, 0, "评价结果等级", x->f.bold_text));
    keep_err(x, worksheet_write_blank(ws, row, 1, x->f.text));
    if (grade_formula(ev, total_row, f))
        keep_err(x, worksheet_write_formula_str(ws, row, 2, f->buf, x->f.bold_text, ev->grade));
    else
        keep_err(x, worksheet_write_string(ws, row, 2, ev->grade ? ev->grade : "", x->f.bold_text));
    keep_err(x, worksheet_write_blank(ws, row, 3, x->f.text));
    print_setup(ws, 1);
}

int render_xlsx(const struct jx_eval *ev, const char *path, struct strbuf *why)
{
    struct xlsx_out x = {0};
    lxw_workbook_options opt = {0};
    lxw_error e;

    x.ev = ev;
    x.levels = render_scoresheet_levels(ev);
    strbuf_init(&x.tmp, 0);
    strbuf_init(&x.formula, 0);
    x.wb = workbook_new_opt(path, &opt);
    if (!x.wb) {
        strbuf_addf(why, "cannot create '%s'", path);
        goto fail;
    }
    make_formats(x.wb, &x.f);
    scores_sheet(&x);
    facts_sheet(&x);
    summary_sheet(&x);
    e = workbook_close(x.wb);
    keep_err(&x, e);
    if (x.err) {
        strbuf_addf(why, "cannot write '%s': %s", path, lxw_strerror(x.err));
        goto fail;
    }
    free(x.l1row);
    strbuf_release(&x.tmp);
    strbuf_release(&x.formula);
    return 0;
fail:
    free(x.l1row);
    strbuf_release(&x.tmp);
    strbuf_release(&x.formula);
    return -1;
}
