/* SPDX-License-Identifier: GPL-2.0 */
/* arena.h - bump allocator: a TU's facts are freed in one call. */
#ifndef IOMMU_LINT_ARENA_H
#define IOMMU_LINT_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t used;		/* bytes handed out, for --stats */
};

void *arena_alloc(struct arena *a, size_t size);	/* zeroed; aborts on OOM */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
/* Grow-by-doubling array in the arena: *arr holds *n items, room for *cap. */
void *arena_grow(struct arena *a, void *arr, unsigned n, unsigned *cap, size_t size);
void arena_free(struct arena *a);

#endif
