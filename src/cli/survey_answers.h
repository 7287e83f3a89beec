/* Filling an evaluation's surveys from the questionnaire answers files they point at. */
#ifndef JX_CLI_SURVEY_ANSWERS_H
#define JX_CLI_SURVEY_ANSWERS_H

#include "core/eval.h"

/*
 * For each survey of ev with `answers`, reads that CSV (relative to the directory of
 * eval_path, the evaluation file as given on the command line; "-" means the working
 * directory), counts its answers and fills the survey's options (非常满意 … 非常不满意 at
 * their default values, pooled over the chosen questions) and its returned / valid
 * counts, so that scoring and check see them. Problems go to d at the `answers` value:
 * errors for an unreadable or malformed file, warnings for bad rows.
 */
void survey_answers_fill(struct jx_eval *ev, const char *eval_path, struct jx_diags *d);

#endif
