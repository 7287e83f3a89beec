/* The pipeline every command runs on an evaluation file: read, decode, validate, score. */
#ifndef JX_CLI_LOAD_H
#define JX_CLI_LOAD_H

#include "core/eval.h"

/*
 * Reads path into buf (reused between calls), decodes it into ev, validates and scores
 * it. Every problem goes to d (sorted by position). Returns 0 when there is no error
 * (warnings may be in d), -1 otherwise. ev must be released by the caller either way.
 */
int load_eval(const char *path, struct strbuf *buf, struct jx_eval *ev, struct jx_diags *d);

#endif
