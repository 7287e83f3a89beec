/*
 * The 评价汇总 CSV (see csv_summary.h). Built in UTF-8 and, for GB18030, converted as a
 * whole at the end (GB18030 encodes every Unicode character, so nothing is lost).
 */
#include <inttypes.h>
#include <string.h>

#include "core/decimal.h"
#include "core/money.h"
#include "render/csv_export.h"
#include "render/csv_summary.h"

const char *const render_summary_headers[SUMMARY_FIXED_COLUMNS] = {
    [SUMMARY_ID] = "评价ID",           [SUMMARY_UNIT] = "实施单位",
    [SUMMARY_DEPARTMENT] = "主管部门", [SUMMARY_PROJECT] = "项目名称",
    [SUMMARY_YEAR] = "年度",           [SUMMARY_KIND] = "评价类型",
    [SUMMARY_STATUS] = "状态",         [SUMMARY_VERSION] = "版本",
    [SUMMARY_TOTAL] = "总分",          [SUMMARY_GRADE] = "等级",
    [SUMMARY_PLANNED] = "预算数(元)",  [SUMMARY_RECEIVED] = "到位数(元)",
    [SUMMARY_SPENT] = "执行数(元)",    [SUMMARY_EXECUTION] = "执行率",
};

static void add_yuan(struct strbuf *out, int64_t fen)
{
    if (fen >= 0)
        money_format(out, fen, MONEY_YUAN, 2);
}

void render_summary_cell(const struct jx_table_row *row, enum summary_column col,
                         struct strbuf *out)
{
    const char *text = NULL;
    int64_t rate;

    switch (col) {
    case SUMMARY_ID:
        strbuf_addf(out, "%" PRId64, row->id);
        return;
    case SUMMARY_UNIT:
        text = row->unit;
        break;
    case SUMMARY_DEPARTMENT:
        text = row->department;
        break;
    case SUMMARY_PROJECT:
        text = row->project;
        break;
    case SUMMARY_YEAR:
        strbuf_addf(out, "%" PRId64, row->year);
        return;
    case SUMMARY_KIND:
        text = row->kind;
        break;
    case SUMMARY_STATUS:
        text = row->status;
        break;
    case SUMMARY_VERSION:
        strbuf_addf(out, "%" PRId64, row->version);
        return;
    case SUMMARY_TOTAL:
        dec_format(out, row->total, 2, 2);
        return;
    case SUMMARY_GRADE:
        text = row->grade;
        break;
    case SUMMARY_PLANNED:
        add_yuan(out, row->planned);
        return;
    case SUMMARY_RECEIVED:
        add_yuan(out, row->received);
        return;
    case SUMMARY_SPENT:
        add_yuan(out, row->spent);
        return;
    case SUMMARY_EXECUTION:
        rate = eval_table_execution(row);
        if (rate >= 0) {
            dec_format(out, rate, 2, 2);
            strbuf_addch(out, '%');
        }
        return;
    case SUMMARY_FIXED_COLUMNS:
        break;
    }
    if (text)
        strbuf_addstr(out, text);
}

int render_summary_csv(const struct jx_eval_table *t, enum csv_encoding enc, struct strbuf *out,
                       struct strbuf *why)
{
    struct strbuf cell = STRBUF_INIT;
    size_t start = out->len;

    if (enc == CSV_UTF8_BOM)
        strbuf_addstr(out, "\xEF\xBB\xBF");
    for (int i = 0; i < SUMMARY_FIXED_COLUMNS; i++)
        csv_field(out, render_summary_headers[i], i == 0);
    for (size_t c = 0; c < t->nr_columns; c++)
        csv_field(out, t->columns[c], false);
    strbuf_addstr(out, "\r\n");
    for (size_t r = 0; r < t->nr_rows; r++) {
        const struct jx_table_row *row = &t->rows[r];

        for (int i = 0; i < SUMMARY_FIXED_COLUMNS; i++) {
            strbuf_reset(&cell);
            render_summary_cell(row, (enum summary_column)i, &cell);
            csv_field(out, cell.buf, i == 0);
        }
        for (size_t c = 0; c < t->nr_columns; c++) {
            const struct jx_table_cell *v = eval_table_get(row, c);

            strbuf_reset(&cell);
            if (v && v->has_score)
                dec_format(&cell, v->score, 2, 2);
            csv_field(out, cell.buf, false);
        }
        strbuf_addstr(out, "\r\n");
    }
    strbuf_release(&cell);
    if (enc == CSV_GB18030)
        return csv_to_gb18030(out, start, why);
    return 0;
}
