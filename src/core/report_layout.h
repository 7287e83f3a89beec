/*
 * A report layout: the order of a report's headings and parts, read from a data file
 * (templates/layouts/, io/layout_read.c) so that a new layout needs no code. Each
 * item is a literal heading or one named part that report_build knows how to fill from
 * the evaluation (a text field, a table, a chart, the per-一级指标 analysis ...).
 *
 * The sentences that parts write when the evaluation gives no text are data as well
 * (templates/sentences/): templates with named placeholders ("{planned}").
 */
#ifndef JX_REPORT_LAYOUT_H
#define JX_REPORT_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/report.h"

enum layout_part {
    LAYOUT_HEADING, /* a literal heading (h1, h2, h3) */
    LAYOUT_TEXT,    /* evaluation text fields, with a label, a fallback sentence */
    LAYOUT_PROJECT, /* 1.项目名称 2.项目内容 3.立项依据 */
    LAYOUT_GOALS,   /* 1.总体目标 2.阶段性目标 */
    LAYOUT_BUDGET,  /* 资金投入和使用 sentence from the budget block */
    LAYOUT_PROCESS, /* 1.前期准备：… one paragraph per stage */
    LAYOUT_SCORE_SUMMARY, /* 评价情况总表: 一级指标, 分值, 评价得分, 得分率, total row */
    LAYOUT_GRADE_BANDS,  /* 评价结果等级分为“优、良、中、差”四个等级… */
    LAYOUT_CHART_RATES,  /* bar chart of 得分率 by 一级指标 */
    LAYOUT_CHART_BUDGET, /* grouped bars 预算 / 到位 / 执行 */
    LAYOUT_ANALYSIS,     /* one heading + analysis per 一级指标 (given or generated) */
    LAYOUT_SIGNATURE,    /* signing unit and date, right-aligned */
    LAYOUT_PAGE_BREAK,
    LAYOUT_SCORE_TABLE, /* 评分表: every level, 分值, 指标值, 实际完成值, 得分, 得分率, 评分依据 */
    LAYOUT_GOAL_TABLE, /* 绩效目标: 一级/二级/三级指标, 指标值, 指标值说明 */
    LAYOUT_L1_TABLES,  /* one table per 一级指标 with the analysis of each indicator */
    LAYOUT_RULE_TABLE, /* 评分表 with 评分规则 and 评分过程 */
    LAYOUT_PROBLEM_LIST, /* 问题清单: from the problems text and the indicators that lost points */
    LAYOUT_SURVEYS,      /* 满意度调查分析报告 from the evaluation's surveys */
    LAYOUT_SELF_FORM,    /* the one-page 项目支出绩效自评表 */
    LAYOUT_PART_COUNT_
};

/* "text" for LAYOUT_TEXT ... ; NULL for LAYOUT_HEADING, which is written h1/h2/h3. */
const char *layout_part_name(enum layout_part part);
/* Returns 0 and sets *part, or -1 for an unknown name. */
int layout_part_from_name(const char *name, enum layout_part *part);

struct layout_item {
    enum layout_part part;
    unsigned level; /* headings: 1..3; analysis and surveys: level of their headings */
    const char *text; /* heading text; or the heading template of analysis ("（{cn}）{name}情况") */
    const char **fields; /* text: evaluation fields joined in order (report_field_text) */
    size_t nr_fields;
    const char *label;    /* text put before the first paragraph ("主要做法：") */
    const char *fallback; /* sentence key written when every field is empty */
    const char *empty;    /* literal text written when every field is empty ("无") */
    const char *caption;  /* tables and charts: caption paragraph above them */
    struct jx_pos pos;    /* in the layout file */
};

struct report_layout {
    struct jx_arena arena;
    const char *file; /* source name for messages */
    const char *name; /* 部门评价报告 */
    const char
        *title; /* title template ("{title}", "项目支出绩效自评表"); NULL: the evaluation's */
    const char *subtitle; /* template or NULL ("（{year}年度）") */
    enum report_page page;
    struct layout_item *items;
    size_t nr_items;
};

void report_layout_init(struct report_layout *l, const char *file);
void report_layout_release(struct report_layout *l);

/* Names of the evaluation's text fields a text item may use ("summary", "purpose" ...),
 * NULL-terminated, and whether name is one of them. */
extern const char *const report_field_names[];
bool report_field_known(const char *name);

#endif
