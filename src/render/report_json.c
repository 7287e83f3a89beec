/*
 * See report_json.h. A plain cell is written as its text, a covered cell as null, and a
 * cell with a span, bold or an alignment as an object, so that a table reads row by row
 * in the golden files.
 */
#include <jansson.h>

#include "render/json_out.h"
#include "render/report_json.h"

static const char *align_name(enum report_align a)
{
    static const char *const names[] = {"default", "left", "center", "right"};

    return (unsigned)a < sizeof(names) / sizeof(*names) ? names[a] : "default";
}

static const char *style_name(enum report_para_style s)
{
    static const char *const names[] = {"body", "note", "caption", "signature", "plain"};

    return (unsigned)s < sizeof(names) / sizeof(*names) ? names[s] : "body";
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *cell_json(const struct report_cell *c)
{
    json_t *o;

    if (c->covered)
        return json_null();
    if (c->colspan == 1 && c->rowspan == 1 && !c->bold && c->align == REPORT_ALIGN_DEFAULT)
        return json_string(c->text);
    o = json_object();
    json_object_set_new(o, "text", json_string(c->text));
    if (c->colspan != 1)
        json_object_set_new(o, "colspan", json_integer(c->colspan));
    if (c->rowspan != 1)
        json_object_set_new(o, "rowspan", json_integer(c->rowspan));
    if (c->bold)
        json_object_set_new(o, "bold", json_true());
    if (c->align != REPORT_ALIGN_DEFAULT)
        json_object_set_new(o, "align", json_string(align_name(c->align)));
    return o;
}

static json_t *table_json(const struct report_table *t)
{
    json_t *o = json_object(), *widths = json_array(), *rows = json_array();

    for (size_t c = 0; c < t->nr_cols; c++)
        json_array_append_new(widths, json_integer(t->col_widths[c]));
    for (size_t r = 0; r < t->nr_rows; r++) {
        json_t *row = json_array();

        for (size_t c = 0; c < t->nr_cols; c++)
            json_array_append_new(row, cell_json(report_cell_at(t, r, c)));
        json_array_append_new(rows, row);
    }
    json_object_set_new(o, "header_rows", json_integer((json_int_t)t->header_rows));
    if (t->small)
        json_object_set_new(o, "small", json_true());
    json_object_set_new(o, "col_widths", widths);
    json_object_set_new(o, "rows", rows);
    return o;
}

static json_t *strings(const char *const *v, size_t n)
{
    json_t *a = json_array();

    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_string(v[i]));
    return a;
}

static json_t *chart_json(const struct report_chart *c)
{
    json_t *o = json_object(), *values = json_array();
    size_t n = c->nr_series * c->nr_categories;

    json_object_set_new(o, "type",
                        json_string(c->kind == REPORT_CHART_BAR ? "bar" : "grouped_bar"));
    json_object_set_new(o, "title", str_or_null(c->title));
    json_object_set_new(o, "y_unit", str_or_null(c->y_unit));
    json_object_set_new(o, "categories", strings(c->categories, c->nr_categories));
    json_object_set_new(o, "series",
                        c->series_names ? strings(c->series_names, c->nr_series) : json_null());
    for (size_t i = 0; i < n; i++)
        json_array_append_new(values, json_integer(c->values[i]));
    json_object_set_new(o, "values", values);
    json_object_set_new(o, "value_labels", strings(c->value_labels, n));
    json_object_set_new(o, "decimals", json_integer(c->decimals));
    json_object_set_new(o, "y_max", json_integer(c->y_max));
    return o;
}

static json_t *block_json(const struct report_block *b)
{
    json_t *o = json_object();

    switch (b->kind) {
    case REPORT_HEADING:
        json_object_set_new(o, "heading", json_integer(b->level));
        json_object_set_new(o, "text", json_string(b->text));
        break;
    case REPORT_PARAGRAPH:
        json_object_set_new(o, "paragraph", json_string(style_name(b->style)));
        if (b->align != REPORT_ALIGN_DEFAULT)
            json_object_set_new(o, "align", json_string(align_name(b->align)));
        json_object_set_new(o, "text", json_string(b->text));
        break;
    case REPORT_TABLE:
        json_object_set_new(o, "table", table_json(b->table));
        break;
    case REPORT_CHART:
        json_object_set_new(o, "chart", chart_json(b->chart));
        break;
    case REPORT_PAGE_BREAK:
        json_object_set_new(o, "page_break", json_true());
        break;
    }
    return o;
}

void report_json(const struct report *r, struct strbuf *out)
{
    json_t *doc = json_object(), *blocks = json_array();

    json_object_set_new(doc, "layout", str_or_null(r->layout));
    json_object_set_new(doc, "title", str_or_null(r->title));
    json_object_set_new(doc, "subtitle", str_or_null(r->subtitle));
    json_object_set_new(doc, "author", str_or_null(r->author));
    json_object_set_new(doc, "date", str_or_null(r->date));
    json_object_set_new(doc, "page",
                        json_string(r->page == REPORT_LANDSCAPE ? "landscape" : "portrait"));
    for (size_t i = 0; i < r->nr_blocks; i++)
        json_array_append_new(blocks, block_json(&r->blocks[i]));
    json_object_set_new(doc, "blocks", blocks);
    json_out_take(doc, out);
}
