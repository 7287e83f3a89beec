/*
 * Evaluation files: YAML (and the same structure as JSON) → struct jx_eval.
 * Parsers take bytes plus a source name and never open files, so every message can say
 * file:line:col (jq's locfile).
 */
#ifndef JX_IO_EVAL_READ_H
#define JX_IO_EVAL_READ_H

#include <stddef.h>

#include "core/eval.h"

/* Inputs larger than this are refused before parsing. */
#define EVAL_READ_MAX_BYTES (8u * 1024 * 1024)
/* Alias expansion and plain size together may not create more nodes than this. */
#define EVAL_READ_MAX_NODES 200000u

enum eval_syntax {
    EVAL_SYNTAX_AUTO, /* JSON when the name ends in .json or the text starts with '{' */
    EVAL_SYNTAX_YAML,
    EVAL_SYNTAX_JSON,
};

/*
 * Decodes data[0..len) named `name` into ev (which eval_read initialises; the caller
 * releases it with eval_release even on failure). Every problem found goes to d as
 * "name:line:col: message": syntax errors, invalid UTF-8, an empty file, unknown keys
 * (with "did you mean"), wrong types, malformed money, quantities and percentages,
 * unknown methods or kinds, alias bombs. Returns 0 when no error was added, JX_EINVAL
 * when the file has errors (ev then holds what could be decoded), JX_ETOOBIG over the cap.
 */
int eval_read(const char *data, size_t len, const char *name, enum eval_syntax syntax,
              struct jx_eval *ev, struct jx_diags *d) JX_MUST_CHECK;

#endif
