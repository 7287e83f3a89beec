/*
 * Quoted scalar values (see yaml_scalar.h). Invariant while scanning: out->buf[0..keep)
 * is settled; bytes after keep are literal blanks that a following line break would
 * trim (blanks produced by escapes, like "\t", are settled at once).
 */
#include <stdint.h>

#include "core/xalloc.h"
#include "io/yaml_scalar.h"

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static bool is_break(char c)
{
    return c == '\n' || c == '\r';
}

/* Skips one line break ("\r\n" is one); returns the index after it. */
static size_t skip_break(const char *s, size_t len, size_t i)
{
    if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
        return i + 2;
    return i + 1;
}

/*
 * At the start of a line after a break: counts the empty (blank-only) lines that follow,
 * then skips the next line's leading blanks. Returns the index of its first character.
 */
static size_t skip_empty_lines(const char *s, size_t len, size_t i, size_t *empties)
{
    *empties = 0;
    for (;;) {
        size_t j = i;

        while (j < len && is_blank(s[j]))
            j++;
        if (j < len && is_break(s[j])) {
            (*empties)++;
            i = skip_break(s, len, j);
            continue;
        }
        return j;
    }
}

static void add_utf8(struct strbuf *out, uint32_t cp)
{
    char b[4];
    size_t n;

    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    strbuf_add(out, b, n);
}

static bool is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static uint32_t hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return (uint32_t)(c - '0');
    if (c >= 'a' && c <= 'f')
        return (uint32_t)(c - 'a' + 10);
    return (uint32_t)(c - 'A' + 10);
}

/* \xXX, \uXXXX, \UXXXXXXXX: digits hex digits at s[i..]; false when they are not there. */
static bool hex_escape(const char *s, size_t len, size_t i, size_t digits, uint32_t *cp)
{
    uint32_t v = 0;

    if (len - i < digits)
        return false;
    for (size_t k = 0; k < digits; k++) {
        if (!is_hex(s[i + k]))
            return false;
        v = v << 4 | hex_value(s[i + k]);
    }
    if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return false;
    *cp = v;
    return true;
}

/* One escape at s[i] (just past the backslash); returns the index after it. */
static size_t escape(const char *s, size_t len, size_t i, struct strbuf *out)
{
    static const struct {
        char c;
        uint32_t cp;
    } simple[] = {
        {'0', 0x00}, {'a', 0x07},  {'b', 0x08}, {'t', 0x09}, {'\t', 0x09},  {'n', 0x0A},
        {'v', 0x0B}, {'f', 0x0C},  {'r', 0x0D}, {'e', 0x1B}, {' ', 0x20},   {'"', 0x22},
        {'/', 0x2F}, {'\\', 0x5C}, {'N', 0x85}, {'_', 0xA0}, {'L', 0x2028}, {'P', 0x2029},
    };
    uint32_t cp;

    for (size_t k = 0; k < ARRAY_SIZE(simple); k++) {
        if (s[i] == simple[k].c) {
            if (simple[k].cp)
                add_utf8(out, simple[k].cp);
            else
                strbuf_addch(out, '\0');
            return i + 1;
        }
    }
    /* JSON writes characters beyond the BMP as two \u escapes of a surrogate pair. */
    if (s[i] == 'u' && len - i >= 11 && s[i + 5] == '\\' && s[i + 6] == 'u') {
        uint32_t hi = 0, lo = 0;
        size_t k;

        for (k = 0; k < 4 && is_hex(s[i + 1 + k]) && is_hex(s[i + 7 + k]); k++) {
            hi = hi << 4 | hex_value(s[i + 1 + k]);
            lo = lo << 4 | hex_value(s[i + 7 + k]);
        }
        if (k == 4 && hi >= 0xD800 && hi <= 0xDBFF && lo >= 0xDC00 && lo <= 0xDFFF) {
            add_utf8(out, 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00));
            return i + 11;
        }
    }
    if ((s[i] == 'x' && hex_escape(s, len, i + 1, 2, &cp)) ||
        (s[i] == 'u' && hex_escape(s, len, i + 1, 4, &cp)) ||
        (s[i] == 'U' && hex_escape(s, len, i + 1, 8, &cp))) {
        add_utf8(out, cp);
        return i + 1 + (s[i] == 'x' ? 2 : s[i] == 'u' ? 4 : 8);
    }
    strbuf_addch(out, '\\'); /* not an escape a parser accepts: keep it as written */
    return i;
}

void yaml_scalar_unquote(const char *s, size_t len, bool dq, struct strbuf *out)
{
    size_t i = 0, keep = out->len, empties;

    while (i < len) {
        char c = s[i];

        if (is_break(c)) {
            /* Folding: blanks before the break go; the break becomes a space, or the
             * empty lines after it become line feeds; the next line's indent goes. */
            strbuf_setlen(out, keep);
            i = skip_empty_lines(s, len, skip_break(s, len, i), &empties);
            if (empties)
                strbuf_addchars(out, '\n', empties);
            else
                strbuf_addch(out, ' ');
            keep = out->len;
        } else if (dq && c == '\\' && i + 1 < len && is_break(s[i + 1])) {
            /* An escaped break joins the lines: blanks before it stay, none after. */
            i = skip_empty_lines(s, len, skip_break(s, len, i + 1), &empties);
            strbuf_addchars(out, '\n', empties);
            keep = out->len;
        } else if (dq && c == '\\' && i + 1 < len) {
            i = escape(s, len, i + 1, out);
            keep = out->len;
        } else if (!dq && c == '\'' && i + 1 < len && s[i + 1] == '\'') {
            strbuf_addch(out, '\'');
            i += 2;
            keep = out->len;
        } else {
            strbuf_addch(out, c);
            i++;
            if (!is_blank(c))
                keep = out->len;
        }
    }
}
