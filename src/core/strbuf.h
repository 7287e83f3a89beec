/*
 * Growable byte buffers (git's strbuf). Invariant: buf is never NULL and always
 * NUL-terminated, so a strbuf can be handed to any C-string function at any time.
 */
#ifndef JX_STRBUF_H
#define JX_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

#include "core/xalloc.h"

struct strbuf {
    size_t len, alloc;
    char *buf;
};

extern char strbuf_slopbuf[];
#define STRBUF_INIT                                                                                \
    {                                                                                              \
        0, 0, strbuf_slopbuf                                                                       \
    }

/* A read-only view into bytes owned elsewhere; not NUL-terminated. */
struct str {
    const char *ptr;
    size_t len;
};

void strbuf_init(struct strbuf *sb, size_t hint);
/* Frees the contents and leaves sb empty and reusable. */
void strbuf_release(struct strbuf *sb);
/* Gives the caller the malloc'd string; sb is empty afterwards. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_setlen(struct strbuf *sb, size_t len);
#define strbuf_reset(sb) strbuf_setlen((sb), 0)

void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addchars(struct strbuf *sb, int c, size_t n);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) JX_PRINTF(2, 3);
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap) JX_PRINTF(2, 0);
/* Appends s with \ " and control characters escaped as in a JSON or C string. */
void strbuf_add_quoted(struct strbuf *sb, const char *s);
void strbuf_trim(struct strbuf *sb);
/*
 * Appends s[0..len) in single quotes, as messages quote the input they refuse: cut at
 * STRBUF_EXCERPT_MAX bytes on a UTF-8 character boundary, with "..." when cut.
 */
#define STRBUF_EXCERPT_MAX 64
void strbuf_add_excerpt(struct strbuf *sb, const char *s, size_t len);

#endif
