/* The report model's builders (report.h). */
#include <stdlib.h>
#include <string.h>

#include "core/report.h"
#include "core/xalloc.h"

void report_init(struct report *r)
{
    memset(r, 0, sizeof(*r));
    r->arena = (struct jx_arena)JX_ARENA_INIT;
}

void report_release(struct report *r)
{
    free(r->blocks);
    arena_release(&r->arena);
    memset(r, 0, sizeof(*r));
}

const char *report_strdup(struct report *r, const char *s)
{
    return arena_strdup(&r->arena, s ? s : "");
}

static struct report_block *add_block(struct report *r, enum report_block_kind kind)
{
    struct report_block *b;

    if (r->nr_blocks == r->alloc_blocks) {
        r->alloc_blocks = r->alloc_blocks ? 2 * r->alloc_blocks : 64;
        r->blocks = xrealloc(r->blocks, r->alloc_blocks * sizeof(*r->blocks));
    }
    b = &r->blocks[r->nr_blocks++];
    memset(b, 0, sizeof(*b));
    b->kind = kind;
    return b;
}

struct report_block *report_add_heading(struct report *r, unsigned level, const char *text)
{
    struct report_block *b = add_block(r, REPORT_HEADING);

    if (level < 1 || level > 3)
        JX_BUG("heading level %u", level);
    b->level = level;
    b->text = report_strdup(r, text);
    return b;
}

struct report_block *report_add_paragraph(struct report *r, enum report_para_style style,
                                          const char *text)
{
    struct report_block *b = add_block(r, REPORT_PARAGRAPH);

    b->style = style;
    b->text = report_strdup(r, text);
    return b;
}

struct report_block *report_add_page_break(struct report *r)
{
    return add_block(r, REPORT_PAGE_BREAK);
}

struct report_table *report_add_table(struct report *r, size_t nr_rows, size_t nr_cols,
                                      size_t header_rows)
{
    struct report_block *b = add_block(r, REPORT_TABLE);
    struct report_table *t = arena_calloc(&r->arena, 1, sizeof(*t));

    if (!nr_rows || !nr_cols || header_rows > nr_rows)
        JX_BUG("table %zux%zu with %zu header rows", nr_rows, nr_cols, header_rows);
    t->nr_rows = nr_rows;
    t->nr_cols = nr_cols;
    t->header_rows = header_rows;
    t->cells = arena_calloc(&r->arena, nr_rows * nr_cols, sizeof(*t->cells));
    for (size_t i = 0; i < nr_rows * nr_cols; i++) {
        t->cells[i].text = "";
        t->cells[i].colspan = t->cells[i].rowspan = 1;
    }
    t->col_widths = arena_calloc(&r->arena, nr_cols, sizeof(*t->col_widths));
    for (size_t c = 0; c < nr_cols; c++)
        t->col_widths[c] = (unsigned)(1000 / nr_cols + (c < 1000 % nr_cols));
    b->table = t;
    return t;
}

void report_cell_set(struct report *r, struct report_table *t, size_t row, size_t col,
                     const char *text)
{
    if (row >= t->nr_rows || col >= t->nr_cols)
        JX_BUG("cell (%zu, %zu) outside %zux%zu", row, col, t->nr_rows, t->nr_cols);
    report_cell_at(t, row, col)->text = report_strdup(r, text);
}

void report_cell_merge(struct report_table *t, size_t row, size_t col, unsigned rowspan,
                       unsigned colspan)
{
    if (!rowspan || !colspan || row + rowspan > t->nr_rows || col + colspan > t->nr_cols)
        JX_BUG("merge (%zu, %zu) %ux%u outside %zux%zu", row, col, rowspan, colspan, t->nr_rows,
               t->nr_cols);
    for (size_t i = row; i < row + rowspan; i++)
        for (size_t j = col; j < col + colspan; j++) {
            struct report_cell *c = report_cell_at(t, i, j);

            c->covered = i != row || j != col;
            if (c->covered)
                c->text = "";
        }
    report_cell_at(t, row, col)->rowspan = rowspan;
    report_cell_at(t, row, col)->colspan = colspan;
}

struct report_chart *report_add_chart(struct report *r)
{
    struct report_block *b = add_block(r, REPORT_CHART);

    b->chart = arena_calloc(&r->arena, 1, sizeof(*b->chart));
    return b->chart;
}
