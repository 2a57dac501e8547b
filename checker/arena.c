// SPDX-License-Identifier: GPL-2.0
/*
 * arena.c - chunked bump allocator.  Running out of memory is not a
 * condition the checker can report usefully mid-parse, so it aborts with one
 * line, like xmalloc in git or sparse.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "arena.h"

#define ARENA_CHUNK (64 * 1024)

struct arena_chunk {
	struct arena_chunk *next;
	size_t size, used;
	_Alignas(16) unsigned char data[];
};

static struct arena_chunk *chunk_new(size_t size)
{
	struct arena_chunk *c = malloc(sizeof(*c) + size);

	if (!c)
		die_oom();
	c->next = NULL;
	c->size = size;
	c->used = 0;
	return c;
}

void *arena_alloc(struct arena *a, size_t size)
{
	struct arena_chunk *c = a->head;
	void *p;

	size = (size + 15) & ~(size_t)15;
	if (!c || c->size - c->used < size) {
		c = chunk_new(size > ARENA_CHUNK ? size : ARENA_CHUNK);
		c->next = a->head;
		a->head = c;
	}
	p = c->data + c->used;
	c->used += size;
	a->used += size;
	memset(p, 0, size);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

void *arena_grow(struct arena *a, void *arr, unsigned n, unsigned *cap, size_t size)
{
	void *bigger;

	if (n < *cap)
		return arr;
	*cap = *cap ? *cap * 2 : 8;
	bigger = arena_alloc(a, (size_t)*cap * size);
	if (n)
		memcpy(bigger, arr, (size_t)n * size);
	return bigger;
}

void arena_free(struct arena *a)
{
	struct arena_chunk *c = a->head, *next;

	for (; c; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
	a->used = 0;
}
