/* Diagnostics as JSON; see diag_json.h. */
#include "render/diag_json.h"

json_t *diag_json_list(const struct jx_diags *d)
{
    json_t *list = json_array();

    for (size_t i = 0; i < d->nr; i++) {
        json_t *x = json_object();

        json_object_set_new(x, "severity", json_string(jx_severity_name(d->v[i].severity)));
        json_object_set_new(x, "line", json_integer(d->v[i].pos.line));
        json_object_set_new(x, "column", json_integer(d->v[i].pos.col));
        json_object_set_new(x, "message", json_string(d->v[i].msg));
        json_array_append_new(list, x);
    }
    return list;
}
