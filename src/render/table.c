/*
 * Plain-text tables. Each row owns copies of its cells; rendering measures every column
 * in display columns (utf8_width) and pads with spaces.
 */
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/xalloc.h"
#include "render/table.h"

enum row_kind { ROW_CELLS, ROW_RULE, ROW_NOTE };

struct table_row {
    enum row_kind kind;
    char *cells[TABLE_MAX_COLS]; /* ROW_NOTE keeps its text in cells[0] */
};

void table_init(struct text_table *t, const char *aligns)
{
    size_t n = strlen(aligns);

    if (n == 0 || n > TABLE_MAX_COLS)
        JX_BUG("table with %zu columns", n);
    memset(t, 0, sizeof(*t));
    t->nr_cols = n;
    memcpy(t->align, aligns, n);
}

void table_release(struct text_table *t)
{
    for (size_t r = 0; r < t->nr_rows; r++)
        for (size_t c = 0; c < TABLE_MAX_COLS; c++)
            free(t->rows[r].cells[c]);
    free(t->rows);
    t->rows = NULL;
    t->nr_rows = t->alloc = 0;
}

static struct table_row *new_row(struct text_table *t, enum row_kind kind)
{
    struct table_row *row;

    ALLOC_GROW(t->rows, t->nr_rows + 1, t->alloc);
    row = &t->rows[t->nr_rows++];
    memset(row, 0, sizeof(*row));
    row->kind = kind;
    return row;
}

void table_add_row(struct text_table *t, const char *const *cells)
{
    struct table_row *row = new_row(t, ROW_CELLS);

    for (size_t c = 0; c < t->nr_cols; c++)
        row->cells[c] = xstrdup(cells[c] ? cells[c] : "");
}

void table_add_rule(struct text_table *t)
{
    new_row(t, ROW_RULE);
}

void table_add_note(struct text_table *t, const char *text)
{
    new_row(t, ROW_NOTE)->cells[0] = xstrdup(text);
}

void table_render(const struct text_table *t, struct strbuf *out)
{
    size_t width[TABLE_MAX_COLS] = {0}, total = 0;

    for (size_t r = 0; r < t->nr_rows; r++) {
        if (t->rows[r].kind != ROW_CELLS)
            continue;
        for (size_t c = 0; c < t->nr_cols; c++) {
            size_t w = utf8_width(t->rows[r].cells[c]);

            if (w > width[c])
                width[c] = w;
        }
    }
    for (size_t c = 0; c < t->nr_cols; c++)
        total += width[c] + (c ? 2 : 0);

    for (size_t r = 0; r < t->nr_rows; r++) {
        const struct table_row *row = &t->rows[r];
        size_t line_start = out->len;

        if (row->kind == ROW_RULE) {
            for (size_t i = 0; i < total; i++)
                strbuf_addstr(out, "─");
            strbuf_addch(out, '\n');
            continue;
        }
        if (row->kind == ROW_NOTE) {
            strbuf_addf(out, "%s\n", row->cells[0]);
            continue;
        }
        for (size_t c = 0; c < t->nr_cols; c++) {
            size_t pad = width[c] - utf8_width(row->cells[c]);

            if (c)
                strbuf_addstr(out, "  ");
            if (t->align[c] == 'r')
                strbuf_addchars(out, ' ', pad);
            strbuf_addstr(out, row->cells[c]);
            if (t->align[c] != 'r' && c + 1 < t->nr_cols)
                strbuf_addchars(out, ' ', pad);
        }
        /* No trailing blanks: they make golden files fragile and terminals don't need them. */
        while (out->len > line_start && out->buf[out->len - 1] == ' ')
            out->len--;
        out->buf[out->len] = '\0';
        strbuf_addch(out, '\n');
    }
}
