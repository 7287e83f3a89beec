/*
 * GB18030 → UTF-8, for the text Chinese Windows tools save (survey exports, reports
 * saved from Word as plain text). glibc's iconv does the conversion.
 */
#ifndef JX_IO_GB18030_H
#define JX_IO_GB18030_H

#include <stddef.h>

#include "core/strbuf.h"

/* Appends buf[0..len) converted to UTF-8 to out. Returns 0, or -1 at an invalid sequence. */
int gb18030_to_utf8(const char *buf, size_t len, struct strbuf *out);

#endif
