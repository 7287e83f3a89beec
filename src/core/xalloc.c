/*
 * Aborting allocators and checked size arithmetic. The only place in core that writes to
 * stderr, because an allocation failure or a bug cannot be returned to a caller.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

void jx_bug(const char *file, int line, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "BUG: %s:%d: ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}

static JX_NORETURN void out_of_memory(size_t size)
{
    fprintf(stderr, "fatal: out of memory allocating %zu bytes\n", size);
    abort();
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);

    if (!p)
        out_of_memory(size);
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);

    if (!p)
        out_of_memory(st_mult(n, size));
    return p;
}

void *xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);

    if (!p)
        out_of_memory(size);
    return p;
}

char *xmemdupz(const void *data, size_t len)
{
    char *p = xmalloc(st_add(len, 1));

    if (len)
        memcpy(p, data, len);
    p[len] = '\0';
    return p;
}

char *xstrdup(const char *s)
{
    return xmemdupz(s, strlen(s));
}

size_t st_mult(size_t a, size_t b)
{
    if (b && a > SIZE_MAX / b)
        JX_BUG("size overflow: %zu * %zu", a, b);
    return a * b;
}

size_t st_add(size_t a, size_t b)
{
    if (a > SIZE_MAX - b)
        JX_BUG("size overflow: %zu + %zu", a, b);
    return a + b;
}
