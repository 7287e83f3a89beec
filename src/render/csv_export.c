/*
 * The 评分表 as CSV (see csv_export.h). Built in UTF-8, then converted as a whole when
 * GB18030 is asked for: GB18030 encodes every Unicode character, so nothing is lost.
 */
#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

#include "core/decimal.h"
#include "core/score.h"
#include "render/csv_export.h"
#include "render/xlsx_export.h"

int csv_encoding_from_name(const char *name, enum csv_encoding *enc)
{
    static const struct {
        const char *name;
        enum csv_encoding enc;
    } names[] = {
        {"utf-8", CSV_UTF8},        {"utf8", CSV_UTF8},       {"utf-8-bom", CSV_UTF8_BOM},
        {"utf8-bom", CSV_UTF8_BOM}, {"gb18030", CSV_GB18030}, {"gbk", CSV_GB18030},
    };

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (!strcasecmp(name, names[i].name)) {
            *enc = names[i].enc;
            return 0;
        }
    }
    return -1;
}

void csv_field(struct strbuf *out, const char *s, bool first)
{
    bool quote = false;

    if (!first)
        strbuf_addch(out, ',');
    if (!s)
        return;
    for (const char *p = s; *p; p++)
        quote = quote || *p == ',' || *p == '"' || *p == '\n' || *p == '\r';
    quote = quote || *s == ' ' || (*s && s[strlen(s) - 1] == ' ');
    if (!quote) {
        strbuf_addstr(out, s);
        return;
    }
    strbuf_addch(out, '"');
    for (; *s; s++) {
        if (*s == '"')
            strbuf_addch(out, '"');
        strbuf_addch(out, *s);
    }
    strbuf_addch(out, '"');
}

struct csv_out {
    const struct jx_eval *ev;
    unsigned levels;
    const char *path[JX_MAX_DEPTH];
    struct strbuf *out, cell;
};

static void points_field(struct csv_out *c, int64_t v)
{
    strbuf_reset(&c->cell);
    dec_format(&c->cell, v, 2, 2);
    csv_field(c->out, c->cell.buf, false);
}

static void rate_field(struct csv_out *c, int64_t rate)
{
    strbuf_reset(&c->cell);
    dec_format(&c->cell, rate, 2, 2);
    strbuf_addch(&c->cell, '%');
    csv_field(c->out, c->cell.buf, false);
}

static void write_row(struct csv_out *c, const struct jx_indicator *ind)
{
    bool leaf = indicator_is_leaf(ind);

    c->path[ind->depth - 1] = ind->name;
    for (unsigned i = 0; i < c->levels; i++)
        csv_field(c->out, i < ind->depth ? c->path[i] : NULL, i == 0);
    points_field(c, ind->weight);
    csv_field(c->out, leaf ? ind->target_text : NULL, false);
    strbuf_reset(&c->cell);
    if (leaf)
        render_actual_cell(c->ev, ind, &c->cell);
    csv_field(c->out, c->cell.buf, false);
    points_field(c, ind->score);
    rate_field(c, score_rate(ind));
    csv_field(c->out, ind->basis, false);
    strbuf_reset(&c->cell);
    if (leaf)
        render_method_cell(ind, &c->cell);
    csv_field(c->out, c->cell.buf, false);
    strbuf_addstr(c->out, "\r\n");
    for (size_t i = 0; i < ind->nr_children; i++)
        write_row(c, &ind->children[i]);
}

int csv_to_gb18030(struct strbuf *out, size_t from, struct strbuf *why)
{
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    struct strbuf conv = STRBUF_INIT;
    char *in = out->buf + from;
    size_t left = out->len - from;
    int ret = 0;

    if (cd == (iconv_t)-1) {
        strbuf_addstr(why, "cannot convert to GB18030: iconv does not support it");
        return -1;
    }
    strbuf_grow(&conv, left + 16);
    while (left) {
        char *o = conv.buf + conv.len;
        size_t room = conv.alloc - conv.len - 1;
        size_t r = iconv(cd, &in, &left, &o, &room);

        strbuf_setlen(&conv, (size_t)(o - conv.buf));
        if (r == (size_t)-1) {
            if (errno == E2BIG) {
                strbuf_grow(&conv, left + 16);
                continue;
            }
            strbuf_addstr(why, "cannot convert the text to GB18030");
            ret = -1;
            break;
        }
    }
    iconv_close(cd);
    if (!ret) {
        strbuf_setlen(out, from);
        strbuf_add(out, conv.buf, conv.len);
    }
    strbuf_release(&conv);
    return ret;
}

int render_scoresheet_csv(const struct jx_eval *ev, enum csv_encoding enc, struct strbuf *out,
                          struct strbuf *why)
{
    struct csv_out c = {.ev = ev, .levels = render_scoresheet_levels(ev), .out = out};
    size_t start = out->len;

    strbuf_init(&c.cell, 0);
    if (enc == CSV_UTF8_BOM)
        strbuf_addstr(out, "\xEF\xBB\xBF");
    for (unsigned i = 0; i < c.levels; i++)
        csv_field(out, render_level_headers[i], i == 0);
    for (unsigned i = 0; i < XLSX_COLS_AFTER_LEVELS; i++)
        csv_field(out, render_scoresheet_headers[i], false);
    strbuf_addstr(out, "\r\n");
    for (size_t i = 0; i < ev->root.nr_children; i++)
        write_row(&c, &ev->root.children[i]);
    csv_field(out, "合计", true);
    for (unsigned i = 1; i < c.levels; i++)
        csv_field(out, NULL, false);
    points_field(&c, ev->root.weight);
    csv_field(out, NULL, false);
    csv_field(out, NULL, false);
    points_field(&c, ev->raw_total);
    rate_field(&c, ev->root.weight ? dec_rate(ev->raw_total, ev->root.weight) : 0);
    csv_field(out, NULL, false);
    csv_field(out, NULL, false);
    strbuf_addstr(out, "\r\n");
    strbuf_release(&c.cell);
    if (enc == CSV_GB18030)
        return csv_to_gb18030(out, start, why);
    return 0;
}
