/*
 * The workbook of `jixiao db export --format xlsx`, for the bureau's own analysis: sheet
 * 评价汇总 (the rows and columns of the CSV, csv_summary.h, as typed numbers with
 * formats, under an autofilter) and one sheet per 一级指标 name: its statistics over the
 * evaluations that have it (评价数, 平均得分, 平均得分率 = Σ得分/Σ分值, 最低得分, 最高得分),
 * then each evaluation's 分值, 得分 and 得分率. Values, no formulas: every figure was
 * computed exactly by jixiao. The layout is described in docs/spreadsheets.md.
 *
 * Like render_xlsx, it writes to a file name (libxlsxwriter cannot write to memory): the
 * CLI passes a temporary name beside the target and renames it into place.
 */
#ifndef JX_RENDER_XLSX_SUMMARY_H
#define JX_RENDER_XLSX_SUMMARY_H

#include "core/eval_table.h"
#include "core/strbuf.h"

#define SUMMARY_SHEET "评价汇总"

/*
 * The name of the sheet of a 一级指标: the name with the characters a sheet name may not
 * hold ([]:*?/\) replaced by '_', cut to Excel's 31 characters. Exposed for the tests.
 */
void render_summary_sheet_name(const char *name, struct strbuf *out);

/* Writes the workbook of t to path, replacing it. Returns 0, or -1 with the reason in why. */
int render_summary_xlsx(const struct jx_eval_table *t, const char *path,
                        struct strbuf *why) JX_MUST_CHECK;

#endif
