/* UTF-8 checks and terminal display width (CJK characters take two columns). */
#ifndef JX_UTF8_H
#define JX_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when s[0..len) is valid UTF-8 (no overlongs, surrogates or values past U+10FFFF).
 * On false, *bad (when not NULL) is the byte offset of the first invalid sequence. */
bool utf8_valid(const char *s, size_t len, size_t *bad);

/* Decodes one code point at s (valid UTF-8 assumed); returns its length in bytes, 0 at NUL. */
size_t utf8_decode(const char *s, uint32_t *cp);

/* Display columns of a code point: 2 for East Asian Wide/Fullwidth, 0 for combining marks. */
unsigned utf8_cp_width(uint32_t cp);
/* Display columns of a NUL-terminated valid UTF-8 string. */
size_t utf8_width(const char *s);

/* 1-based column of byte offset off within a line starting at line_start, in characters. */
unsigned utf8_column(const char *line_start, size_t off);

#endif
