/*
 * Bump allocator: chunks of at least 16 KiB, each allocation aligned to max_align_t.
 * Large requests get a chunk of their own so that they waste nothing.
 */
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/xalloc.h"

#define CHUNK_SIZE (16 * 1024)

struct arena_chunk {
    struct arena_chunk *next;
    size_t used, size;
    alignas(max_align_t) unsigned char data[];
};

void *arena_alloc(struct jx_arena *a, size_t size)
{
    const size_t align = alignof(max_align_t);
    struct arena_chunk *c = a->head;
    void *p;

    size = st_add(size, align - 1) & ~(align - 1);
    if (!c || c->size - c->used < size) {
        size_t cap = size > CHUNK_SIZE ? size : CHUNK_SIZE;

        c = xmalloc(st_add(sizeof(*c), cap));
        c->used = 0;
        c->size = cap;
        c->next = a->head;
        a->head = c;
    }
    p = c->data + c->used;
    c->used += size;
    memset(p, 0, size);
    return p;
}

void *arena_calloc(struct jx_arena *a, size_t n, size_t size)
{
    return arena_alloc(a, st_mult(n, size));
}

char *arena_strndup(struct jx_arena *a, const char *s, size_t len)
{
    char *p = arena_alloc(a, st_add(len, 1));

    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *arena_strdup(struct jx_arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

void arena_release(struct jx_arena *a)
{
    struct arena_chunk *c = a->head;

    while (c) {
        struct arena_chunk *next = c->next;

        free(c);
        c = next;
    }
    a->head = NULL;
}
