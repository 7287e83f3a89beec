/*
 * A 评分表 (indicator scoring sheet) from a spreadsheet → struct jx_eval: the workbooks
 * `jixiao export` writes, and the ones people make by hand in Excel or WPS in the common
 * layouts. The header row is found by its names (一级指标 / 二级指标 / 三级指标 / 分值 /
 * 指标值 / 实际完成值 / 得分 / 评分依据 …); merged or blank level cells carry the name
 * above them down; blank spacer rows are skipped; a 合计 row ends the table; numbers may
 * be stored as text, with full-width digits; percentage cells become "95.5%".
 *
 * Numbers are exact: a number cell's decimal text from the XML is parsed as written, never
 * through a double. A weight or score with more than 2 decimals is refused, naming the
 * cell; the one rounding done is of binary noise past Excel's 15 significant digits
 * ("12.499999999999998" is 12.5), which is what Excel itself displays.
 *
 * Every message names the cell: "x.xlsx:评分表!H12: score 12.00 is above the weight 10.00"
 * (CSV: "x.csv:12:8: …"). The result is validated and scored; a leaf whose method jixiao
 * recomputes and that scores differently from the sheet's 得分 gets a warning.
 */
#ifndef JX_IO_SCORESHEET_READ_H
#define JX_IO_SCORESHEET_READ_H

#include <stddef.h>

#include "core/eval.h"

#define SCORESHEET_SHEET "评分表"
#define SCORESHEET_FACTS "基本情况"
/* A 评分表 with more indicator rows than this is not one: refused before any work. */
#define SCORESHEET_MAX_ROWS 100000u
/* Inputs larger than this are refused (the CLI reads at most this many bytes). */
#define SCORESHEET_MAX_BYTES (64u << 20)

/* What the sheet may not say (a sheet without 基本情况): from the command line. */
struct scoresheet_meta {
    const char *sheet; /* sheet to read; NULL: 评分表 */
    const char *kind;  /* 部门评价 when NULL */
    const char *unit, *project, *year;
};

/*
 * Reads the xlsx workbook in data[0..len) named name into ev (initialised here; release
 * it with eval_release either way). Problems go to d. Returns 0 when no error was added;
 * JX_EINVAL otherwise (not a zip, zip bomb, no such sheet — the message lists the sheets
 * there are —, no header row, a bad cell, a cap exceeded).
 */
int scoresheet_read_xlsx(const char *data, size_t len, const char *name,
                         const struct scoresheet_meta *meta, struct jx_eval *ev,
                         struct jx_diags *d) JX_MUST_CHECK;

/* The same from a CSV in UTF-8 (optional BOM) or GB18030, as `jixiao export` writes it. */
int scoresheet_read_csv(const char *data, size_t len, const char *name,
                        const struct scoresheet_meta *meta, struct jx_eval *ev,
                        struct jx_diags *d) JX_MUST_CHECK;

#endif
