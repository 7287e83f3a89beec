/*
 * struct jx_eval → an evaluation file (YAML, docs/format.md). The inverse of eval_read:
 * reading what eval_write_yaml wrote gives back an equal evaluation (every key of the
 * format that the evaluation holds, with the same exact numbers). `jixiao import` uses it
 * to turn a spreadsheet into a file people can keep editing.
 */
#ifndef JX_IO_EVAL_WRITE_H
#define JX_IO_EVAL_WRITE_H

#include "core/eval.h"
#include "core/strbuf.h"

/*
 * Appends ev as a YAML evaluation file to out. Text is written as double-quoted scalars
 * (escapes for line breaks and control characters), so any text survives; numbers are
 * written in their exact decimal form (points with 2 decimals, money in 元 with 2
 * decimals, percentages trimmed), quantities as the text they were read from. Methods
 * the scorer inferred are left out, so the reader infers them again. ev need not be
 * scored. Cannot fail.
 */
void eval_write_yaml(const struct jx_eval *ev, struct strbuf *out);

#endif
