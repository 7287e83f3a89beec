/* See json_out.h. Insertion order keeps golden files stable across jansson versions. */
#include <stdlib.h>

#include "render/json_out.h"

void json_out_take(json_t *doc, struct strbuf *out)
{
    char *text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

    if (!text)
        JX_BUG("json_dumps failed");
    strbuf_addstr(out, text);
    strbuf_addch(out, '\n');
    free(text);
    json_decref(doc);
}
