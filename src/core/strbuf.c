/*
 * Growable byte buffers. See strbuf.h for the invariant (buf never NULL, always
 * NUL-terminated); an empty strbuf points at a shared one-byte slop buffer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"

char strbuf_slopbuf[1];

void strbuf_init(struct strbuf *sb, size_t hint)
{
    sb->len = sb->alloc = 0;
    sb->buf = strbuf_slopbuf;
    if (hint)
        strbuf_grow(sb, hint);
}

void strbuf_release(struct strbuf *sb)
{
    if (sb->alloc)
        free(sb->buf);
    strbuf_init(sb, 0);
}

char *strbuf_detach(struct strbuf *sb, size_t *len)
{
    char *res;

    strbuf_grow(sb, 0);
    res = sb->buf;
    if (len)
        *len = sb->len;
    strbuf_init(sb, 0);
    return res;
}

void strbuf_grow(struct strbuf *sb, size_t extra)
{
    size_t need = st_add(st_add(sb->len, extra), 1);
    int fresh = !sb->alloc;

    if (fresh)
        sb->buf = NULL;
    ALLOC_GROW(sb->buf, need, sb->alloc);
    if (fresh)
        sb->buf[0] = '\0';
}

void strbuf_setlen(struct strbuf *sb, size_t len)
{
    if (len > (sb->alloc ? sb->alloc - 1 : 0))
        JX_BUG("strbuf_setlen beyond buffer: %zu", len);
    sb->len = len;
    if (sb->alloc)
        sb->buf[len] = '\0';
}

void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
    if (!len)
        return;
    strbuf_grow(sb, len);
    memcpy(sb->buf + sb->len, data, len);
    sb->len += len;
    sb->buf[sb->len] = '\0';
}

void strbuf_addstr(struct strbuf *sb, const char *s)
{
    strbuf_add(sb, s, strlen(s));
}

void strbuf_addch(struct strbuf *sb, int c)
{
    strbuf_grow(sb, 1);
    sb->buf[sb->len++] = (char)c;
    sb->buf[sb->len] = '\0';
}

void strbuf_addchars(struct strbuf *sb, int c, size_t n)
{
    if (!n)
        return;
    strbuf_grow(sb, n);
    memset(sb->buf + sb->len, c, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
}

void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
    va_list cp;
    int n;

    va_copy(cp, ap);
    n = vsnprintf(sb->buf + sb->len, sb->alloc ? sb->alloc - sb->len : 0, fmt, cp);
    va_end(cp);
    if (n < 0)
        JX_BUG("vsnprintf failed for format '%s'", fmt);
    if (!sb->alloc || (size_t)n >= sb->alloc - sb->len) {
        strbuf_grow(sb, (size_t)n);
        n = vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, ap);
    }
    sb->len += (size_t)n;
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    strbuf_vaddf(sb, fmt, ap);
    va_end(ap);
}

void strbuf_add_quoted(struct strbuf *sb, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;

        if (c == '"' || c == '\\') {
            strbuf_addch(sb, '\\');
            strbuf_addch(sb, c);
        } else if (c == '\n') {
            strbuf_addstr(sb, "\\n");
        } else if (c == '\t') {
            strbuf_addstr(sb, "\\t");
        } else if (c < 0x20) {
            strbuf_addf(sb, "\\u%04x", c);
        } else {
            strbuf_addch(sb, c);
        }
    }
}

void strbuf_trim(struct strbuf *sb)
{
    size_t start = 0, end = sb->len;

    while (start < end && (sb->buf[start] == ' ' || sb->buf[start] == '\t' ||
                           sb->buf[start] == '\n' || sb->buf[start] == '\r'))
        start++;
    while (end > start && (sb->buf[end - 1] == ' ' || sb->buf[end - 1] == '\t' ||
                           sb->buf[end - 1] == '\n' || sb->buf[end - 1] == '\r'))
        end--;
    if (start && end > start)
        memmove(sb->buf, sb->buf + start, end - start);
    strbuf_setlen(sb, end - start);
}

void strbuf_add_excerpt(struct strbuf *sb, const char *s, size_t len)
{
    size_t n = len;

    if (n > STRBUF_EXCERPT_MAX) {
        n = STRBUF_EXCERPT_MAX;
        while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    strbuf_addf(sb, "'%.*s%s'", (int)n, s, n < len ? "..." : "");
}
