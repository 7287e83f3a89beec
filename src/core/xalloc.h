/*
 * Allocation that never returns NULL: out of memory is not an input error jixiao can
 * report usefully, so it aborts with a message (git's xmalloc). Size arithmetic goes
 * through the checked helpers.
 */
#ifndef JX_XALLOC_H
#define JX_XALLOC_H

#include <stddef.h>
#include <stdint.h>

#define JX_NORETURN __attribute__((noreturn))
#define JX_MUST_CHECK __attribute__((warn_unused_result))
#define JX_PRINTF(f, a) __attribute__((format(printf, f, a)))

/* Programmer errors: print file:line and abort. */
#define JX_BUG(...) jx_bug(__FILE__, __LINE__, __VA_ARGS__)
JX_NORETURN void jx_bug(const char *file, int line, const char *fmt, ...) JX_PRINTF(3, 4);

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xmemdupz(const void *data, size_t len);

/* a * b and a + b, aborting on overflow. */
size_t st_mult(size_t a, size_t b);
size_t st_add(size_t a, size_t b);

/* Grow an array of n used elements to hold at least need, doubling (git's ALLOC_GROW). */
#define ALLOC_GROW(arr, need, alloc)                                                               \
    do {                                                                                           \
        if ((need) > (alloc)) {                                                                    \
            size_t grow_to_ = (alloc) < 8 ? 8 : (alloc)*2;                                         \
            if (grow_to_ < (need))                                                                 \
                grow_to_ = (need);                                                                 \
            (arr) = xrealloc((arr), st_mult(grow_to_, sizeof(*(arr))));                            \
            (alloc) = grow_to_;                                                                    \
        }                                                                                          \
    } while (0)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#include "core/banned.h"

#endif
