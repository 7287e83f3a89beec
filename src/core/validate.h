/*
 * Semantic validation of a decoded evaluation: sums of sibling weights, scores within
 * weights, methods with their parameters, duplicate names, depth, plus the domain advice
 * of domain.md as warnings (产出+效益 below 60% of the weight in 部门/财政评价, an actual
 * >= 130% of its target with no 偏差原因 ...). Structural problems (types, unknown keys)
 * are the decoder's job (io/eval_read.c).
 */
#ifndef JX_VALIDATE_H
#define JX_VALIDATE_H

#include "core/eval.h"

/* Appends every problem to d (errors and warnings). Returns the number of errors added. */
size_t validate_eval(const struct jx_eval *ev, struct jx_diags *d);

#endif
