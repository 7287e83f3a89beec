/*
 * XML 1.0 escaping. The input is scanned once; runs of ordinary bytes are copied in one
 * strbuf_add, which keeps long Chinese paragraphs (all multi-byte, nothing to escape)
 * at memcpy speed.
 */
#include <string.h>

#include "core/banned.h"
#include "render/xml_writer.h"

/* Length of the valid UTF-8 sequence at s[0..len) that XML allows, 0 if it must be dropped
 * (and then the caller skips one byte). ASCII is handled by the caller. */
static size_t allowed_seq(const unsigned char *s, size_t len)
{
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        return len >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        if (len < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if (s[0] == 0xE0 && s[1] < 0xA0)
            return 0; /* overlong */
        if (s[0] == 0xED && s[1] >= 0xA0)
            return 0; /* UTF-16 surrogate */
        if (s[0] == 0xEF && s[1] == 0xBF && s[2] >= 0xBE)
            return 0; /* U+FFFE, U+FFFF */
        return 3;
    }
    if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        if (len < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        if ((s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90))
            return 0; /* overlong or past U+10FFFF */
        return 4;
    }
    return 0;
}

void xml_writer_text(struct strbuf *sb, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t start = 0, i = 0;

    while (i < len) {
        unsigned char c = u[i];
        const char *rep = NULL;
        size_t n;

        if (c >= 0x20 && c < 0x7f && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'') {
            i++;
            continue;
        }
        if (c >= 0x80 && (n = allowed_seq(u + i, len - i)) > 0) {
            i += n;
            continue;
        }
        strbuf_add(sb, s + start, i - start);
        switch (c) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&apos;";
            break;
        case '\t':
        case '\n':
        case '\r':
            strbuf_addch(sb, c);
            break;
        default:
            break; /* forbidden control character, DEL or invalid byte: dropped */
        }
        if (rep)
            strbuf_addstr(sb, rep);
        start = ++i;
    }
    strbuf_add(sb, s + start, len - start);
}

void xml_writer_str(struct strbuf *sb, const char *s)
{
    if (s)
        xml_writer_text(sb, s, strlen(s));
}
