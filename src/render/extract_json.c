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

static json_t *money(bool has, int64_t fen)
{
    return has ? json_integer((json_int_t)fen) : json_null();
}

static json_t *points(bool has, int64_t v)
{
    return has ? centi(v) : json_null();
}

/* The 项目支出绩效自评表: money in 分, points and rates as decimal strings, null when blank. */
static json_t *form_json(const struct rx_form *f)
{
    json_t *o = json_object(), *rows = json_array();

    json_object_set_new(o, "line", json_integer(f->line));
    json_object_set_new(o, "initial", money(f->has_initial, f->initial));
    json_object_set_new(o, "planned", money(f->has_planned, f->planned));
    json_object_set_new(o, "spent", money(f->has_spent, f->spent));
    json_object_set_new(o, "weight", points(f->has_weight, f->weight));
    json_object_set_new(o, "rate", points(f->has_rate, f->rate));
    json_object_set_new(o, "score", points(f->has_score, f->score));
    for (size_t i = 0; i < f->nr_rows; i++) {
        const struct rx_form_row *r = &f->rows[i];

        json_array_append_new(rows, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:s}", "line",
                                              (json_int_t)r->line, "level1", r->level1, "level2",
                                              r->level2, "name", r->name, "target", r->target,
                                              "actual", r->actual, "weight",
                                              points(r->has_weight, r->weight), "score",
                                              points(r->has_score, r->score), "reason", r->reason));
    }
    json_object_set_new(o, "rows", rows);
    json_object_set_new(o, "total_weight", points(f->has_total_weight, f->total_weight));
    json_object_set_new(o, "total_score", points(f->has_total_score, f->total_score));
    return o;
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
    json_object_set_new(doc, "form", rx->form.found ? form_json(&rx->form) : json_null());
    json_out_take(doc, out);
}
