/*
 * The 评价汇总 of `jixiao db export` as CSV: a row per evaluation with its facts, budget in
 * 元 (two decimals, from the exact 分), 执行率, total and the score of every 一级指标.
 * The same columns as the workbook's 评价汇总 sheet (xlsx_summary.h). RFC 4180 quoting,
 * CRLF line ends and the encodings of the 评分表 CSV (csv_export.h).
 */
#ifndef JX_RENDER_CSV_SUMMARY_H
#define JX_RENDER_CSV_SUMMARY_H

#include "core/eval_table.h"
#include "core/strbuf.h"
#include "render/csv_export.h"

/* The columns before the 一级指标 ones. */
enum summary_column {
    SUMMARY_ID,
    SUMMARY_UNIT,
    SUMMARY_DEPARTMENT,
    SUMMARY_PROJECT,
    SUMMARY_YEAR,
    SUMMARY_KIND,
    SUMMARY_STATUS,
    SUMMARY_VERSION,
    SUMMARY_TOTAL,
    SUMMARY_GRADE,
    SUMMARY_PLANNED,
    SUMMARY_RECEIVED,
    SUMMARY_SPENT,
    SUMMARY_EXECUTION,
    SUMMARY_FIXED_COLUMNS
};

extern const char *const render_summary_headers[SUMMARY_FIXED_COLUMNS];

/*
 * Appends the text of fixed column col of row: numbers as shown in the workbook but without
 * thousands separators ("86.73", "1200000.00", "95.38%"), nothing for an unknown amount.
 */
void render_summary_cell(const struct jx_table_row *row, enum summary_column col,
                         struct strbuf *out);

/* Appends the CSV of t to out in enc. Returns 0, or -1 with a message in why (iconv). */
int render_summary_csv(const struct jx_eval_table *t, enum csv_encoding enc, struct strbuf *out,
                       struct strbuf *why) JX_MUST_CHECK;

#endif
