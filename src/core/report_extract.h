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
};

void report_extract_release(struct report_extract *rx);

#endif
