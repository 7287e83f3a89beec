/*
 * The 评价汇总 workbook with libxlsxwriter (see xlsx_summary.h). Numbers go in as the
 * double nearest their exact decimal text (strtod), as in xlsx_export.c; no arithmetic is
 * done on a double: means and rates come from eval_table_column_stats.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <xlsxwriter.h>

#include "core/decimal.h"
#include "core/utf8.h"
#include "render/csv_summary.h"
#include "render/xlsx_summary.h"

#define SHEET_NAME_MAX 31 /* Excel's limit, in characters */
#define MAX_ROWS 1048576  /* Excel's limit */

struct formats {
    lxw_format *header, *text, *integer, *points, *rate, *money, *label;
};

struct sum_out {
    const struct jx_eval_table *t;
    lxw_workbook *wb;
    struct formats f;
    lxw_error err;
    struct strbuf tmp;
};

static void keep_err(struct sum_out *x, lxw_error e)
{
    if (e && !x->err)
        x->err = e;
}

static double to_double(int64_t v, unsigned scale)
{
    struct strbuf sb = STRBUF_INIT;
    double d;

    dec_format_trim(&sb, v, scale);
    d = strtod(sb.buf, NULL);
    strbuf_release(&sb);
    return d;
}

static void make_formats(lxw_workbook *wb, struct formats *f)
{
    lxw_format **all[] = {&f->header, &f->text,  &f->integer, &f->points,
                          &f->rate,   &f->money, &f->label};

    for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
        *all[i] = workbook_add_format(wb);
        format_set_font_name(*all[i], "宋体");
        format_set_font_size(*all[i], 11);
        format_set_align(*all[i], LXW_ALIGN_VERTICAL_CENTER);
        format_set_border(*all[i], LXW_BORDER_THIN);
    }
    format_set_bold(f->header);
    format_set_align(f->header, LXW_ALIGN_CENTER);
    format_set_text_wrap(f->header);
    format_set_bg_color(f->header, 0xD9E1F2);
    format_set_bold(f->label);
    format_set_num_format(f->integer, "0");
    format_set_num_format(f->points, "0.00");
    format_set_num_format(f->rate, "0.00%");
    format_set_num_format(f->money, "#,##0.00");
}

static void text_cell(struct sum_out *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
                      lxw_format *fmt)
{
    if (s && *s)
        keep_err(x, worksheet_write_string(ws, r, c, s, fmt));
    else
        keep_err(x, worksheet_write_blank(ws, r, c, fmt));
}

/* v at scale, or a blank cell when v is negative (unknown). */
static void num_cell(struct sum_out *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, int64_t v,
                     unsigned scale, lxw_format *fmt)
{
    if (v >= 0)
        keep_err(x, worksheet_write_number(ws, r, c, to_double(v, scale), fmt));
    else
        keep_err(x, worksheet_write_blank(ws, r, c, fmt));
}

static void summary_row(struct sum_out *x, lxw_worksheet *ws, lxw_row_t r,
                        const struct jx_table_row *row)
{
    const struct formats *f = &x->f;

    num_cell(x, ws, r, SUMMARY_ID, row->id, 0, f->integer);
    text_cell(x, ws, r, SUMMARY_UNIT, row->unit, f->text);
    text_cell(x, ws, r, SUMMARY_DEPARTMENT, row->department, f->text);
    text_cell(x, ws, r, SUMMARY_PROJECT, row->project, f->text);
    num_cell(x, ws, r, SUMMARY_YEAR, row->year, 0, f->integer);
    text_cell(x, ws, r, SUMMARY_KIND, row->kind, f->text);
    text_cell(x, ws, r, SUMMARY_STATUS, row->status, f->text);
    num_cell(x, ws, r, SUMMARY_VERSION, row->version, 0, f->integer);
    num_cell(x, ws, r, SUMMARY_TOTAL, row->total, 2, f->points);
    text_cell(x, ws, r, SUMMARY_GRADE, row->grade, f->text);
    num_cell(x, ws, r, SUMMARY_PLANNED, row->planned, 2, f->money);
    num_cell(x, ws, r, SUMMARY_RECEIVED, row->received, 2, f->money);
    num_cell(x, ws, r, SUMMARY_SPENT, row->spent, 2, f->money);
    /* a rate in hundredths of a percent is a fraction at scale 4 */
    num_cell(x, ws, r, SUMMARY_EXECUTION, eval_table_execution(row), 4, f->rate);
    for (size_t c = 0; c < x->t->nr_columns; c++) {
        const struct jx_table_cell *v = eval_table_get(row, c);

        num_cell(x, ws, r, (lxw_col_t)(SUMMARY_FIXED_COLUMNS + c),
                 v && v->has_score ? v->score : -1, 2, f->points);
    }
}

static void summary_sheet(struct sum_out *x)
{
    const struct jx_eval_table *t = x->t;
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, SUMMARY_SHEET);
    lxw_col_t last = (lxw_col_t)(SUMMARY_FIXED_COLUMNS + t->nr_columns - 1);

    for (int i = 0; i < SUMMARY_FIXED_COLUMNS; i++)
        keep_err(
            x, worksheet_write_string(ws, 0, (lxw_col_t)i, render_summary_headers[i], x->f.header));
    for (size_t c = 0; c < t->nr_columns; c++)
        keep_err(x, worksheet_write_string(ws, 0, (lxw_col_t)(SUMMARY_FIXED_COLUMNS + c),
                                           t->columns[c], x->f.header));
    for (size_t r = 0; r < t->nr_rows; r++)
        summary_row(x, ws, (lxw_row_t)(r + 1), &t->rows[r]);
    worksheet_set_column(ws, SUMMARY_UNIT, SUMMARY_PROJECT, 24, NULL);
    worksheet_set_column(ws, SUMMARY_KIND, SUMMARY_STATUS, 10, NULL);
    worksheet_set_column(ws, SUMMARY_PLANNED, SUMMARY_SPENT, 16, NULL);
    worksheet_set_column(ws, SUMMARY_EXECUTION, last, 10, NULL);
    worksheet_freeze_panes(ws, 1, 0);
    keep_err(x, worksheet_autofilter(ws, 0, 0, (lxw_row_t)t->nr_rows, last));
}

void render_summary_sheet_name(const char *name, struct strbuf *out)
{
    size_t chars = 0;

    for (const char *p = name; *p && chars < SHEET_NAME_MAX; chars++) {
        uint32_t cp;
        size_t n = utf8_decode(p, &cp);

        if (!n)
            n = 1;
        if (strchr("[]:*?/\\", *p) && n == 1)
            strbuf_addch(out, '_');
        else
            strbuf_add(out, p, n);
        p += n;
    }
    /* a sheet name may not begin or end with an apostrophe */
    if (out->len && out->buf[0] == '\'')
        out->buf[0] = '_';
    if (out->len && out->buf[out->len - 1] == '\'')
        out->buf[out->len - 1] = '_';
    if (!out->len)
        strbuf_addstr(out, "一级指标");
}

/* The sheet name of column col, made unique against the 评价汇总 sheet and earlier ones. */
static void unique_name(struct sum_out *x, size_t col, char **used, struct strbuf *out)
{
    for (unsigned n = 1;; n++) {
        bool clash;

        strbuf_reset(out);
        render_summary_sheet_name(x->t->columns[col], out);
        if (n > 1) {
            char suffix[16];
            size_t keep = 0, chars = 0;

            snprintf(suffix, sizeof(suffix), "(%u)", n);
            /* cut whole characters so that name and suffix fit in 31 */
            while (keep < out->len && chars + strlen(suffix) < SHEET_NAME_MAX) {
                uint32_t cp;
                size_t k = utf8_decode(out->buf + keep, &cp);

                keep += k ? k : 1;
                chars++;
            }
            strbuf_setlen(out, keep);
            strbuf_addstr(out, suffix);
        }
        clash = !strcasecmp(out->buf, SUMMARY_SHEET);
        for (size_t i = 0; i < col && !clash; i++)
            clash = !strcasecmp(out->buf, used[i]);
        if (!clash)
            return;
    }
}

static void stat_row(struct sum_out *x, lxw_worksheet *ws, lxw_row_t r, const char *label,
                     int64_t v, unsigned scale, lxw_format *fmt)
{
    keep_err(x, worksheet_write_string(ws, r, 0, label, x->f.label));
    num_cell(x, ws, r, 1, v, scale, fmt);
}

enum { L_ID, L_UNIT, L_PROJECT, L_YEAR, L_KIND, L_WEIGHT, L_SCORE, L_RATE, L_COLUMNS };
static const char *const level1_headers[L_COLUMNS] = {"评价ID",   "实施单位", "项目名称", "年度",
                                                      "评价类型", "分值",     "得分",     "得分率"};
#define L_FIRST_ROW 7 /* the 一级指标 name, five statistics, a blank row */

static void level1_sheet(struct sum_out *x, size_t col, const char *sheet)
{
    const struct jx_eval_table *t = x->t;
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, sheet);
    struct jx_column_stats s;
    lxw_row_t r = L_FIRST_ROW;
    bool any;

    eval_table_column_stats(t, col, &s);
    any = s.count > 0;
    keep_err(x, worksheet_write_string(ws, 0, 0, "一级指标", x->f.label));
    keep_err(x, worksheet_write_string(ws, 0, 1, t->columns[col], x->f.text));
    stat_row(x, ws, 1, "评价数", s.count, 0, x->f.integer);
    stat_row(x, ws, 2, "平均得分", any ? s.mean : -1, 2, x->f.points);
    stat_row(x, ws, 3, "平均得分率", s.rate, 4, x->f.rate);
    stat_row(x, ws, 4, "最低得分", any ? s.min : -1, 2, x->f.points);
    stat_row(x, ws, 5, "最高得分", any ? s.max : -1, 2, x->f.points);
    for (int i = 0; i < L_COLUMNS; i++)
        keep_err(x, worksheet_write_string(ws, r, (lxw_col_t)i, level1_headers[i], x->f.header));
    for (size_t i = 0; i < t->nr_rows; i++) {
        const struct jx_table_row *row = &t->rows[i];
        const struct jx_table_cell *v = eval_table_get(row, col);

        if (!v)
            continue;
        r++;
        num_cell(x, ws, r, L_ID, row->id, 0, x->f.integer);
        text_cell(x, ws, r, L_UNIT, row->unit, x->f.text);
        text_cell(x, ws, r, L_PROJECT, row->project, x->f.text);
        num_cell(x, ws, r, L_YEAR, row->year, 0, x->f.integer);
        text_cell(x, ws, r, L_KIND, row->kind, x->f.text);
        num_cell(x, ws, r, L_WEIGHT, v->weight, 2, x->f.points);
        num_cell(x, ws, r, L_SCORE, v->has_score ? v->score : -1, 2, x->f.points);
        num_cell(x, ws, r, L_RATE,
                 v->has_score && v->weight > 0 ? dec_rate(v->score, v->weight) : -1, 4, x->f.rate);
    }
    worksheet_set_column(ws, 0, 0, 12, NULL);
    worksheet_set_column(ws, L_UNIT, L_PROJECT, 24, NULL);
    worksheet_set_column(ws, L_KIND, L_RATE, 10, NULL);
    worksheet_freeze_panes(ws, L_FIRST_ROW + 1, 0);
}

int render_summary_xlsx(const struct jx_eval_table *t, const char *path, struct strbuf *why)
{
    struct sum_out x = {.t = t};
    lxw_workbook_options opt = {0};
    char **used = NULL;
    int ret = -1;

    if (t->nr_rows >= MAX_ROWS - L_FIRST_ROW - 1) {
        strbuf_addf(why, "%zu evaluations do not fit in a worksheet: export one year (--year)",
                    t->nr_rows);
        return -1;
    }
    strbuf_init(&x.tmp, 0);
    x.wb = workbook_new_opt(path, &opt);
    if (!x.wb) {
        strbuf_addf(why, "cannot create '%s'", path);
        goto out;
    }
    make_formats(x.wb, &x.f);
    summary_sheet(&x);
    used = xcalloc(t->nr_columns ? t->nr_columns : 1, sizeof(*used));
    for (size_t c = 0; c < t->nr_columns; c++) {
        unique_name(&x, c, used, &x.tmp);
        used[c] = xstrdup(x.tmp.buf);
        level1_sheet(&x, c, used[c]);
    }
    keep_err(&x, workbook_close(x.wb));
    if (x.err) {
        strbuf_addf(why, "cannot write '%s': %s", path, lxw_strerror(x.err));
        goto out;
    }
    ret = 0;
out:
    for (size_t c = 0; used && c < t->nr_columns; c++)
        free(used[c]);
    free(used);
    strbuf_release(&x.tmp);
    return ret;
}
