/*
 * Reads a plain-text report (UTF-8, or GB18030 converted with iconv) into a
 * report_extract: sections, the 评价情况总表 rows (one row per line or one cell per line),
 * the stated total and grade, amounts and 执行率.
 */
#ifndef JX_IO_REPORT_TEXT_H
#define JX_IO_REPORT_TEXT_H

#include <stddef.h>

#include "core/report_extract.h"
#include "core/strbuf.h"

/*
 * Parses buf into *rx (zeroed first). Returns 0, or -1 with a message (no file name, no
 * final period) appended to why when buf is empty, binary (NUL bytes) or neither UTF-8
 * nor GB18030. rx must be released in both cases.
 */
int report_text_parse(const char *buf, size_t len, struct report_extract *rx, struct strbuf *why);

#endif
