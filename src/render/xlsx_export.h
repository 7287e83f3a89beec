/*
 * The 评分表 workbook (xlsx) of one scored evaluation, for Excel and WPS users: sheets
 * 评分表 (the indicator tree as merged cells, with real formulas for every parent sum and
 * the totals, their values cached so that the sheet reads right before recalculation),
 * 基本情况 (project facts, budget, 执行率, scoring rules) and 评价情况总表. The layout is
 * described in docs/spreadsheets.md; scoresheet_read reads it back.
 *
 * Exception to "renderers write into a strbuf": libxlsxwriter 1.1.4 can only write to a
 * file name, so render_xlsx takes an output path. The CLI passes a temporary name in the
 * target directory and renames it into place, which keeps the output atomic.
 */
#ifndef JX_RENDER_XLSX_EXPORT_H
#define JX_RENDER_XLSX_EXPORT_H

#include "core/eval.h"
#include "core/strbuf.h"

/* Column headers of the 评分表 after the level columns (一级指标 … 四级指标). */
#define XLSX_COLS_AFTER_LEVELS 7
extern const char *const render_scoresheet_headers[XLSX_COLS_AFTER_LEVELS];
extern const char *const render_level_headers[JX_MAX_DEPTH];

/* Number of level columns: the tree's depth, at least 3 (the layout people know). */
unsigned render_scoresheet_levels(const struct jx_eval *ev);

/*
 * Appends the 评分方法 cell of a leaf: the method name of docs/format.md followed by the
 * parameters the sheet has no other column for ("inverse ratio", "deviation 5% 40%",
 * "execution received", "tiers 达成"), so that import can score the leaf again.
 */
void render_method_cell(const struct jx_indicator *leaf, struct strbuf *out);

/*
 * Appends the 实际完成值 cell of a leaf: the actual as written; for a survey leaf without
 * one, the survey's satisfaction ("95.40%"), which is what its score was computed from.
 */
void render_actual_cell(const struct jx_eval *ev, const struct jx_indicator *leaf,
                        struct strbuf *out);

/*
 * Writes the workbook of ev (scored: score_eval ran without errors) to path, replacing
 * it. Returns 0, or -1 with the reason in why (libxlsxwriter's error, e.g. cannot create
 * the file).
 */
int render_xlsx(const struct jx_eval *ev, const char *path, struct strbuf *why) JX_MUST_CHECK;

#endif
