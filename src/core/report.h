/*
 * The report model: one 绩效评价报告 as a sequence of blocks (headings, paragraphs,
 * tables, charts), built in core from a scored evaluation and a layout. The HTML, DOCX
 * and PDF renderers consume this model and never compute anything themselves, so the
 * three always say the same. All strings and arrays live in the report's arena.
 *
 * Text is final: numbers are already formatted ("345.30万元", "100.00%"), headings carry
 * their numbering ("一、基本情况", "（一）项目概况", "1.项目决策"), so a renderer only
 * chooses fonts, sizes and page layout.
 */
#ifndef JX_REPORT_H
#define JX_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

enum report_align {
    REPORT_ALIGN_DEFAULT, /* paragraphs: justified with a 2-character first-line indent;
                             cells: left for text, right for numbers as the table says */
    REPORT_ALIGN_LEFT,
    REPORT_ALIGN_CENTER,
    REPORT_ALIGN_RIGHT,
};

enum report_para_style {
    REPORT_PARA_BODY,      /* 正文: 仿宋 三号-ish, first-line indent 2 characters */
    REPORT_PARA_NOTE,      /* smaller text under a table or chart (注：…) */
    REPORT_PARA_CAPTION,   /* table or chart title, centred, bold (表1 评价情况总表) */
    REPORT_PARA_SIGNATURE, /* signing unit and date: right-aligned, no indent */
    REPORT_PARA_PLAIN,     /* no indent (lists, form lines) */
};

struct report_cell {
    const char *text;          /* may contain '\n' for line breaks inside the cell; "" for empty */
    unsigned colspan, rowspan; /* >= 1 on the cell that starts a merge */
    bool covered;              /* inside another cell's merge: not drawn, text is "" */
    bool bold;
    enum report_align align;
};

struct report_table {
    size_t nr_rows, nr_cols;
    size_t header_rows;        /* repeated at the top of every page the table spans */
    struct report_cell *cells; /* nr_rows * nr_cols, row-major */
    unsigned *col_widths;      /* relative widths, nr_cols entries summing to 1000 */
    bool small;                /* set in a smaller font (wide 评分表 / 附表) */
};

static inline struct report_cell *report_cell_at(const struct report_table *t, size_t row,
                                                 size_t col)
{
    return &t->cells[row * t->nr_cols + col];
}

enum report_chart_kind {
    REPORT_CHART_BAR,         /* one series: 得分率 by 一级指标 */
    REPORT_CHART_GROUPED_BAR, /* several series per category: 预算 / 到位 / 执行 */
};

/* Chart data are exact values with a scale (values[i] / 10^decimals) and their printed
 * labels, so a chart draws what the tables say; drawing may use double. */
struct report_chart {
    enum report_chart_kind kind;
    const char *title;  /* 各一级指标得分率 */
    const char *y_unit; /* "%" or "万元" */
    size_t nr_categories;
    const char **categories; /* x axis labels: 项目决策 … */
    size_t nr_series;
    const char **series_names; /* legend; NULL for a single unnamed series */
    const int64_t *values;     /* nr_series * nr_categories, series-major */
    const char **value_labels; /* same shape: "100.00%" printed above each bar */
    unsigned decimals;         /* values are scaled by 10^decimals */
    int64_t y_max;             /* top of the axis in the same scale (100% -> 10000) */
};

enum report_block_kind {
    REPORT_HEADING, /* level 1..3 -> styles 标题 1..3 */
    REPORT_PARAGRAPH,
    REPORT_TABLE,
    REPORT_CHART,
    REPORT_PAGE_BREAK, /* before 附表 / 附件 */
};

struct report_block {
    enum report_block_kind kind;
    unsigned level;               /* heading level 1..3 */
    enum report_para_style style; /* paragraphs */
    enum report_align align;      /* paragraphs: REPORT_ALIGN_DEFAULT or an override */
    const char *text;             /* heading and paragraph text */
    struct report_table *table;
    struct report_chart *chart;
};

enum report_page { REPORT_PORTRAIT, REPORT_LANDSCAPE };

struct report {
    struct jx_arena arena;
    const char *layout; /* layout name: 部门评价报告, 重点绩效评价报告, 项目支出绩效自评表 */
    const char *title;    /* document title, shown centred on top (标题 style) */
    const char *subtitle; /* e.g. "（2022年度）", NULL if none */
    const char *author;   /* the signing unit: PDF author, DOCX creator */
    const char *date;     /* YYYY-MM-DD of the evaluation, NULL if unknown */
    enum report_page page;
    struct report_block *blocks;
    size_t nr_blocks, alloc_blocks;
};

void report_init(struct report *r);
void report_release(struct report *r);

/* Builders used by report_build: each returns the block it appended (owned by r). */
struct report_block *report_add_heading(struct report *r, unsigned level, const char *text);
struct report_block *report_add_paragraph(struct report *r, enum report_para_style style,
                                          const char *text);
struct report_block *report_add_page_break(struct report *r);
/* A table of nr_rows x nr_cols empty cells (text "", colspan = rowspan = 1). */
struct report_table *report_add_table(struct report *r, size_t nr_rows, size_t nr_cols,
                                      size_t header_rows);
/* Sets a cell's text (copied into the arena). */
void report_cell_set(struct report *r, struct report_table *t, size_t row, size_t col,
                     const char *text);
/* Merges the rectangle starting at (row, col): marks the other cells covered. */
void report_cell_merge(struct report_table *t, size_t row, size_t col, unsigned rowspan,
                       unsigned colspan);
struct report_chart *report_add_chart(struct report *r);
/* Copies s into the report's arena. */
const char *report_strdup(struct report *r, const char *s);

#endif
