/*
 * A bump allocator for data that lives and dies together: everything decoded from one
 * evaluation file is allocated here and freed in one call (h2o's mem pool).
 */
#ifndef JX_ARENA_H
#define JX_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct jx_arena {
    struct arena_chunk *head;
};

#define JX_ARENA_INIT                                                                              \
    {                                                                                              \
        NULL                                                                                       \
    }
/* Zeroed memory aligned for any type; never NULL. */
void *arena_alloc(struct jx_arena *a, size_t size);
/* n elements of size each, zeroed, overflow-checked. */
void *arena_calloc(struct jx_arena *a, size_t n, size_t size);
char *arena_strndup(struct jx_arena *a, const char *s, size_t len);
char *arena_strdup(struct jx_arena *a, const char *s);
void arena_release(struct jx_arena *a);

#endif
