/* Diagnostics as JSON, the same shape in every machine output (score, check). */
#ifndef JX_RENDER_DIAG_JSON_H
#define JX_RENDER_DIAG_JSON_H

#include <jansson.h>

#include "core/err.h"

/* A new array of {"severity", "line", "column", "message"} (line/column 0 when unknown). */
json_t *diag_json_list(const struct jx_diags *d);

#endif
