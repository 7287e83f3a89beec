/* Every machine output ends the same way: a jansson document appended as indented text. */
#ifndef JX_RENDER_JSON_OUT_H
#define JX_RENDER_JSON_OUT_H

#include <jansson.h>

#include "core/strbuf.h"

/* Appends doc (2-space indent, keys in insertion order, final newline) and releases it. */
void json_out_take(json_t *doc, struct strbuf *out);

#endif
