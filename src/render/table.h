/*
 * Aligned plain-text tables for the terminal. Widths are display columns, so Chinese
 * text (two columns a character) lines up with ASCII numbers.
 */
#ifndef JX_RENDER_TABLE_H
#define JX_RENDER_TABLE_H

#include <stddef.h>

#include "core/strbuf.h"

#define TABLE_MAX_COLS 12

struct text_table {
    size_t nr_cols;
    char align[TABLE_MAX_COLS]; /* 'l' or 'r' */
    struct table_row *rows;
    size_t nr_rows, alloc;
};

/* aligns: one 'l' or 'r' per column, e.g. "lrrr". */
void table_init(struct text_table *t, const char *aligns);
void table_release(struct text_table *t);
/* Adds a row of nr_cols cells (copied). */
void table_add_row(struct text_table *t, const char *const *cells);
/* Adds a horizontal rule spanning the table. */
void table_add_rule(struct text_table *t);
/* Adds a line printed as-is between rows; it does not affect column widths. */
void table_add_note(struct text_table *t, const char *text);
/* Appends the table; columns separated by two spaces, no trailing blanks. */
void table_render(const struct text_table *t, struct strbuf *out);

#endif
