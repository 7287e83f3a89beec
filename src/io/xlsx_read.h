/*
 * Reading worksheets out of an xlsx workbook: the sheets by name (workbook.xml and its
 * relationships), cell values as written in the XML (shared strings, inline strings,
 * numbers as their decimal text, booleans), which number cells are formatted as
 * percentages (styles.xml), and the merged ranges. Numbers are never turned into doubles
 * here: a caller parses the text exactly ("12.5" stays 12.5).
 *
 * The package is opened with ooxml.h (zip-bomb caps); each XML part is parsed with
 * libxml2's streaming reader, without network access or DTD loading, and a sheet is
 * refused beyond XLSX_MAX_CELLS cells or XLSX_MAX_ROWS rows.
 */
#ifndef JX_IO_XLSX_READ_H
#define JX_IO_XLSX_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/strbuf.h"

#define XLSX_MAX_CELLS 2000000u
#define XLSX_MAX_ROWS 1048576u /* Excel's own limit */
#define XLSX_MAX_COLS 16384u   /* XFD */
#define XLSX_MAX_SHEETS 1000u

enum xlsx_type {
    XLSX_NUMBER, /* text is the number as stored: "12.5", "0.955", "1E-3" */
    XLSX_STRING, /* shared or inline string, or a formula's string result */
    XLSX_BOOL,   /* "1" or "0" */
    XLSX_ERROR,  /* "#DIV/0!" */
};

struct xlsx_cell {
    uint32_t row, col; /* 0-based */
    enum xlsx_type type;
    bool percent;     /* a number formatted as a percentage (0.955 shows as 95.5%) */
    const char *text; /* NUL-terminated UTF-8 */
};

struct xlsx_range {
    uint32_t r1, c1, r2, c2; /* inclusive, 0-based */
};

struct xlsx_sheet {
    const char *name;
    struct xlsx_cell *cells; /* sorted by row, then column; empty cells left out */
    size_t nr_cells, alloc_cells;
    struct xlsx_range *merges;
    size_t nr_merges, alloc_merges;
    uint32_t nr_rows; /* 1 + the last row that has a cell */
    struct jx_arena arena;
};

struct ooxml;

struct xlsx_book {
    const char *name; /* the file name, for messages */
    struct ooxml *zip;
    const char **sheets, **parts; /* sheet names and their part names, workbook order */
    size_t nr_sheets;
    const char **shared; /* shared strings */
    size_t nr_shared;
    bool *percent_xf; /* per cellXfs index: number format is a percentage */
    size_t nr_xf;
    struct jx_arena arena;
};

/*
 * Opens the workbook in data[0..len) (which must outlive the book): reads the sheet list,
 * the shared strings and the styles. Returns 0, or -1 with a message in why ("'x.xlsx'
 * is not a zip archive …", "'x.xlsx' has no xl/workbook.xml: not an xlsx workbook", a
 * cap exceeded, malformed XML with its line). The book must be closed either way.
 */
int xlsx_open(struct xlsx_book *b, const char *data, size_t len, const char *name,
              struct strbuf *why) JX_MUST_CHECK;
void xlsx_close(struct xlsx_book *b);

/*
 * Reads the sheet called sheet into out (initialised here; release it with
 * xlsx_sheet_release either way). Returns 0; 1 when there is no such sheet; -1 with a
 * message in why (malformed XML, over XLSX_MAX_CELLS or XLSX_MAX_ROWS).
 */
int xlsx_read_sheet(struct xlsx_book *b, const char *sheet, struct xlsx_sheet *out,
                    struct strbuf *why) JX_MUST_CHECK;
void xlsx_sheet_init(struct xlsx_sheet *s);
void xlsx_sheet_release(struct xlsx_sheet *s);

/* Adds a cell (text copied) or a merged range, for builders other than the reader (CSV). */
void xlsx_sheet_add(struct xlsx_sheet *s, uint32_t row, uint32_t col, enum xlsx_type type,
                    const char *text, size_t len);
/* Sorts the cells by position, dropping all but the first of duplicates. */
void xlsx_sheet_sort(struct xlsx_sheet *s);

/* The cell at row, col (0-based), or NULL when it is empty. O(log n). */
const struct xlsx_cell *xlsx_cell_at(const struct xlsx_sheet *s, uint32_t row, uint32_t col);

/* Appends the A1-style name of a cell: (11, 3) -> "D12". */
void xlsx_cell_name(struct strbuf *sb, uint32_t row, uint32_t col);
/* Parses "D12" (also "$D$12") into 0-based row and col. Returns 0 or -1. */
int xlsx_parse_ref(const char *s, uint32_t *row, uint32_t *col) JX_MUST_CHECK;

#endif
