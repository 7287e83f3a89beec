/*
 * The value of a quoted YAML scalar from its source text, per YAML 1.2 (7.3.1, 7.3.2):
 * escapes in double quotes, '' in single quotes, and line folding. jixiao does this
 * itself because libfyaml 0.7.12 gets it wrong one way or another: fy_token_get_text()
 * leaks its buffer for quoted scalars with escapes, and the token iterator mis-joins runs
 * of escapes.
 */
#ifndef JX_IO_YAML_SCALAR_H
#define JX_IO_YAML_SCALAR_H

#include <stdbool.h>
#include <stddef.h>

#include "core/strbuf.h"

/*
 * Appends to out the value of the quoted scalar whose text between the quotes is
 * s[0..len), double-quoted when dq. The text must be one that a YAML parser accepted
 * (escapes well formed); anything else is copied as it stands, never read past len.
 */
void yaml_scalar_unquote(const char *s, size_t len, bool dq, struct strbuf *out);

#endif
