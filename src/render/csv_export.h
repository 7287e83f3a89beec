/*
 * The 评分表 as CSV: the same rows and columns as the xlsx 评分表 (xlsx_export.h), one
 * row per indicator with every ancestor's name repeated (a CSV has no merged cells), the
 * values instead of formulas, and a 合计 row. RFC 4180 quoting and CRLF line ends, as
 * Excel writes them.
 */
#ifndef JX_RENDER_CSV_EXPORT_H
#define JX_RENDER_CSV_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/eval.h"
#include "core/strbuf.h"

enum csv_encoding {
    CSV_UTF8,     /* plain UTF-8 */
    CSV_UTF8_BOM, /* UTF-8 with a BOM: what Excel needs to open a UTF-8 CSV correctly */
    CSV_GB18030,  /* what Chinese Excel and WPS save and open by default */
};

/* "utf-8", "utf-8-bom", "gb18030" (case-insensitive) → *enc. Returns 0 or -1. */
int csv_encoding_from_name(const char *name, enum csv_encoding *enc) JX_MUST_CHECK;

/* Appends s as one RFC 4180 field (quoted when it holds a comma, quote, line break or an
 * edge space), preceded by a comma unless first; NULL is an empty field. */
void csv_field(struct strbuf *out, const char *s, bool first);

/* Converts out[from..] from UTF-8 to GB18030 in place. Returns 0, or -1 with why. */
int csv_to_gb18030(struct strbuf *out, size_t from, struct strbuf *why) JX_MUST_CHECK;

/*
 * Appends the 评分表 of ev (scored) to out in the encoding. Returns 0, or -1 with a
 * message in why when the text cannot be converted (iconv unavailable).
 */
int render_scoresheet_csv(const struct jx_eval *ev, enum csv_encoding enc, struct strbuf *out,
                          struct strbuf *why) JX_MUST_CHECK;

#endif
