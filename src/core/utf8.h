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

/* Length of the blank at s (space, tab, CR, LF, U+00A0, U+3000), or 0. Inline: the number
 * parsers call it for every character they skip. */
static inline size_t utf8_blank_at(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;

    if (len >= 1 && (u[0] == ' ' || u[0] == '\t' || u[0] == '\r' || u[0] == '\n'))
        return 1;
    if (len >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
        return 2;
    return len >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80 ? 3 : 0;
}

#endif
