/*
 * JSON of a report_extract. Points and rates are decimal strings ("25.00", "100.00"), never
 * JSON floats, so that the numbers stay exact; money is an integer count of 分.
 */
#include <jansson.h>
#include <stdlib.h>

#include "core/decimal.h"
#include "core/xalloc.h"
#include "render/json_out.h"
#include "render/extract_json.h"

static json_t *centi(int64_t v)
{
    struct strbuf sb = STRBUF_INIT;
    json_t *j;

    dec_format(&sb, v, 2, 2);
    j = json_string(sb.buf);
    strbuf_release(&sb);
    return j;
}

void extract_json(const char *file, const struct report_extract *rx, struct strbuf *out)
{
    json_t *doc = json_object(), *secs = json_array(), *rows = json_array();
    json_t *amounts = json_array(), *rates = json_array();

    json_object_set_new(doc, "format", json_string("jixiao-extract/1"));
    json_object_set_new(doc, "file", json_string(file));
    for (size_t i = 0; i < rx->nr_sections; i++) {
        const struct rx_section *s = &rx->sections[i];

        json_array_append_new(secs,
                              json_pack("{s:I,s:s,s:s,s:s}", "line", (json_int_t)s->line, "style",
                                        s->style, "number", s->number, "title", s->title));
    }
    json_object_set_new(doc, "sections", secs);
    for (size_t i = 0; i < rx->nr_rows; i++) {
        const struct rx_row *r = &rx->rows[i];

        json_array_append_new(rows, json_pack("{s:I,s:s,s:o,s:o,s:o}", "line", (json_int_t)r->line,
                                              "name", r->name, "weight", centi(r->weight), "score",
                                              centi(r->score), "rate", centi(r->rate)));
    }
    json_object_set_new(doc, "summary_table", rows);
    json_object_set_new(doc, "total", rx->has_total ? centi(rx->total) : json_null());
    json_object_set_new(doc, "grade", rx->grade ? json_string(rx->grade) : json_null());
    for (size_t i = 0; i < rx->nr_amounts; i++) {
        const struct rx_amount *a = &rx->amounts[i];

        json_array_append_new(amounts, json_pack("{s:I,s:s,s:I}", "line", (json_int_t)a->line,
                                                 "text", a->text, "fen", (json_int_t)a->fen));
    }
    json_object_set_new(doc, "amounts", amounts);
    for (size_t i = 0; i < rx->nr_rates; i++) {
        const struct rx_rate *r = &rx->rates[i];

        json_array_append_new(rates, json_pack("{s:I,s:s,s:o}", "line", (json_int_t)r->line, "text",
                                               r->text, "rate", centi(r->rate)));
    }
    json_object_set_new(doc, "rates", rates);
    json_out_take(doc, out);
}
