/* Terminal output of `jixiao score`: the 评价情况总表 and the detailed tree. */
#ifndef JX_RENDER_SCORE_TEXT_H
#define JX_RENDER_SCORE_TEXT_H

#include "core/eval.h"
#include "core/strbuf.h"

/* Heading line, the 评价情况总表 (一级指标, 分值, 评价得分, 得分率), total and grade. */
void render_score_summary(const struct jx_eval *ev, struct strbuf *out);
/* The whole tree with every leaf's method, target, actual and the formula applied. */
void render_score_detail(const struct jx_eval *ev, struct strbuf *out);
/* Appends "25.00" for centi-points. */
void render_points(struct strbuf *out, int64_t centi);
/* Appends "100.00%" for a rate in hundredths of a percent. */
void render_rate(struct strbuf *out, int64_t rate);

#endif
