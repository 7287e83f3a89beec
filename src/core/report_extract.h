/*
 * What `jixiao check --extract` reads out of an existing plain-text report: its numbered
 * sections, the 评价情况总表 rows, the stated total and grade, money amounts and 执行率.
 * Numbers are exact: points and rates in hundredths (decimal.h), money in 分 (money.h).
 */
#ifndef JX_CORE_REPORT_EXTRACT_H
#define JX_CORE_REPORT_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"

struct rx_section {
    unsigned line;
    const char *style; /* "一、", "（一）", "（1）", "1、" or "1." (static strings) */
    char *number;      /* the numbering as written: "二、", "（1）" */
    char *title;
};

struct rx_row {
    unsigned line;               /* line of the name cell */
    char *name;                  /* 一级指标 */
    int64_t weight, score, rate; /* 分值, 评价得分 (hundredths), 得分率 (hundredths of a %) */
    unsigned rate_places;        /* decimals written in 得分率 */
};

struct rx_amount {
    unsigned line;
    char *text; /* as written: "345.3万元" */
    int64_t fen;
};

struct rx_rate {
    unsigned line;
    char *text;   /* "100%" */
    int64_t rate; /* hundredths of a percent */
};

/*
 * A line of the report's text in its section: the heading line itself is paragraph 0 of
 * its section, each later line of prose (or of a table outside the 评价情况总表) counts
 * 1, 2, ...; the 评价情况总表 with its cells is one paragraph. This is where a finding on
 * a report points: "section, paragraph" instead of line:col.
 */
struct rx_para {
    unsigned line;
    size_t section;  /* 1 + index into sections; 0 before the first heading */
    unsigned number; /* 0 for the heading line, then 1, 2, ... */
    char *text;
};

/* One indicator row of a 项目支出绩效自评表. Text cells are "" when blank, never NULL. */
struct rx_form_row {
    unsigned line;                /* line of the 三级指标 cell */
    char *level1, *level2, *name; /* 一级 / 二级 (carried down merged cells), 三级 */
    char *target, *actual, *reason; /* 年度指标值, 实际完成值, 偏差原因分析及改进措施 */
    int64_t weight, score;          /* 分值, 得分 (hundredths) */
    bool has_weight, has_score;
};

/* The 项目支出绩效自评表 as copied out of a PDF or web page (core/report_form.h). */
struct rx_form {
    bool found;
    unsigned line;                   /* line of the 年度资金总额 cell */
    int64_t initial, planned, spent; /* 年初预算数, 全年预算数, 全年执行数 (分) */
    int64_t weight, score, rate;     /* 分值, 得分 (hundredths), 执行率 (hundredths of %) */
    bool has_initial, has_planned, has_spent, has_weight, has_score, has_rate;
    unsigned rate_places, score_places; /* decimals written in 执行率 and 得分 */
    struct rx_form_row *rows;
    size_t nr_rows;
    unsigned total_line; /* line of 总分, 0 when absent */
    int64_t total_weight, total_score;
    bool has_total_weight, has_total_score;
};

struct report_extract {
    struct rx_section *sections;
    size_t nr_sections;
    struct rx_row *rows;
    size_t nr_rows;
    bool has_total;
    int64_t total; /* hundredths, from "得分为100分" */
    char *grade;   /* from "等级为“优”", or NULL */
    struct rx_amount *amounts;
    size_t nr_amounts;
    struct rx_rate *rates;
    size_t nr_rates;
    struct rx_para *paras; /* in line order */
    size_t nr_paras;
    struct rx_form form;
};

/*
 * The paragraph that holds line (the last one starting at or before it), or NULL when
 * line comes before every paragraph.
 */
const struct rx_para *report_extract_locate(const struct report_extract *rx, unsigned line);

/*
 * Appends where para is, as findings print it: the innermost section's numbering and
 * title cut at its first colon or comma (at most 30 characters), then "¶N"; text before
 * the first heading is "(开头)".
 */
void report_extract_where(const struct report_extract *rx, const struct rx_para *para,
                          struct strbuf *out);
/* The section label alone, as report_extract_where writes it. */
void report_extract_section_label(const struct report_extract *rx, size_t section,
                                  struct strbuf *out);

void report_extract_release(struct report_extract *rx);

#endif
