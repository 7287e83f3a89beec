/*
 * `jixiao score --json`: the machine format documented in docs/score-json.md. Numbers
 * that are exact decimals (points, rates, money) are JSON strings ("25.00") so that no
 * consumer turns them into binary floating point.
 */
#ifndef JX_RENDER_SCORE_JSON_H
#define JX_RENDER_SCORE_JSON_H

#include <stdbool.h>

#include "core/eval.h"
#include "core/strbuf.h"

struct score_json;

struct score_json *score_json_new(void);
/* Adds one scored evaluation; with detail, leaves carry target, actual and the formula. */
void score_json_add(struct score_json *sj, const struct jx_eval *ev, bool detail);
/* Adds a file that could not be scored, with its diagnostics. */
void score_json_add_failed(struct score_json *sj, const char *file, const struct jx_diags *d);
/* Appends the document (with a final newline) and frees sj. */
void score_json_finish(struct score_json *sj, struct strbuf *out);

#endif
