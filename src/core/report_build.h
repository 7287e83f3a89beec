/*
 * Builds the report model (report.h) of a scored evaluation under a layout
 * (report_layout.h), writing the text the evaluation does not give from the sentence
 * table (report_sentences.h). Text given in the evaluation always wins over generated
 * text. Numbers are formatted from the integers: money in 万元 with 2 decimals, points
 * with 2 decimals, rates with 2 decimals and "%".
 */
#ifndef JX_REPORT_BUILD_H
#define JX_REPORT_BUILD_H

#include "core/eval.h"
#include "core/report.h"
#include "core/report_layout.h"
#include "core/report_sentences.h"

/* The layout a kind of evaluation gets by default: 单位自评 -> 项目支出绩效自评表, else
 * 部门评价报告. */
const char *report_default_layout(enum jx_kind kind);

/*
 * Fills r (report_init'ed, empty) with the report of ev, which must be scored (a bug
 * otherwise). s must hold every key of report_sentence_keys (sentences_read checks it).
 */
void report_build(struct report *r, const struct jx_eval *ev, const struct report_layout *l,
                  const struct report_sentences *s);

#endif
