/* arena.h — a bump allocator: many small allocations, one free.
 *
 * Content lives in one arena for the life of the process; each screen visit owns one.
 * Memory from an arena is zeroed and aligned for any type. Out of memory dies. */
#ifndef MAMORI_ARENA_H
#define MAMORI_ARENA_H

#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;
typedef struct {
    ArenaBlock *head; /* owned: newest block first */
} Arena;

void *arena_alloc(Arena *a, size_t n); /* zeroed */
char *arena_strdup(Arena *a, const char *s);
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void arena_free(Arena *a); /* frees every block; the arena is reusable */

#define ARENA_NEW(a, T) ((T *)arena_alloc((a), sizeof(T)))
#define ARENA_ARRAY(a, T, n) ((T *)arena_alloc((a), sizeof(T) * (size_t)(n)))

#endif
