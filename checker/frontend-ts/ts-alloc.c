// SPDX-License-Identifier: GPL-2.0
/*
 * ts-alloc.c - the allocator the tree-sitter runtime uses in iommu-lint
 * (ts_set_allocator()).  A parse allocates and frees millions of small
 * subtrees of a few sizes; glibc's per-thread cache holds seven blocks a
 * size, so most of them went through the arena (malloc was 6-8 % of a
 * whole-tree run).  Here each thread keeps the blocks it frees, by size
 * class (16 bytes apart, up to 512), and hands them out again.
 *
 * A block has a 16-byte header with its class (or, past the classes, its
 * size), so realloc() and free() know what they hold.  Memory a thread
 * cached goes back when the thread ends (a pthread key's destructor) or
 * with ts_alloc_thread_release().
 * Under AddressSanitizer nothing is cached: reuse would hide its reports.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <tree_sitter/api.h>

#include "../util.h"
#include "ts-alloc.h"

#if defined(__SANITIZE_ADDRESS__)
#define TS_ALLOC_CACHE 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TS_ALLOC_CACHE 0
#endif
#endif
#ifndef TS_ALLOC_CACHE
#define TS_ALLOC_CACHE 1
#endif

#define HDR 16
#define NCLASS 32			/* 16 .. 512 bytes */
#define CLASS_CAP (1u << 16)		/* cached blocks a class and thread */

union hdr {
	size_t size;			/* of the block after the header */
	_Alignas(16) unsigned char pad[HDR];
};

struct block {
	struct block *next;
};

static __thread struct block *cache[NCLASS];
static __thread unsigned ncached[NCLASS];
static __thread bool registered;
static pthread_key_t release_key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void release_at_exit(void *arg)
{
	(void)arg;
	ts_alloc_thread_release();
}

static void key_init(void)
{
	if (pthread_key_create(&release_key, release_at_exit))
		release_key = (pthread_key_t)-1;
}

/* A thread that caches blocks gives them back when it ends. */
static void register_thread(void)
{
	pthread_once(&key_once, key_init);
	if (release_key != (pthread_key_t)-1)
		pthread_setspecific(release_key, (void *)1);
	registered = true;
}

/* The class of a request of n bytes (its block holds 16 * (class + 1)), or NCLASS. */
static unsigned class_of(size_t n)
{
	return n ? (unsigned)((n - 1) / 16 < NCLASS ? (n - 1) / 16 : NCLASS) : 0;
}

static void *ts_alloc(size_t n)
{
	unsigned c = class_of(n);
	size_t size = c < NCLASS ? 16 * ((size_t)c + 1) : n;
	union hdr *h;

	if (TS_ALLOC_CACHE && c < NCLASS && cache[c]) {
		struct block *b = cache[c];

		cache[c] = b->next;
		ncached[c]--;
		return b;
	}
	if (size > SIZE_MAX - HDR)
		die_oom();
	h = malloc(HDR + size);
	if (!h)
		die_oom();
	h->size = size;
	return (unsigned char *)h + HDR;
}

static void ts_dealloc(void *p)
{
	union hdr *h;
	unsigned c;

	if (!p)
		return;
	h = (union hdr *)((unsigned char *)p - HDR);
	c = class_of(h->size);
	if (TS_ALLOC_CACHE && c < NCLASS && 16 * ((size_t)c + 1) == h->size &&
	    ncached[c] < CLASS_CAP) {
		struct block *b = p;

		if (!registered)
			register_thread();
		b->next = cache[c];
		cache[c] = b;
		ncached[c]++;
		return;
	}
	free(h);
}

static void *ts_calloc_fn(size_t n, size_t m)
{
	void *p;

	if (m && n > SIZE_MAX / m)
		die_oom();
	p = ts_alloc(n * m);
	memset(p, 0, n * m);
	return p;
}

static void *ts_realloc_fn(void *p, size_t n)
{
	union hdr *h;
	void *q;

	if (!p)
		return ts_alloc(n);
	h = (union hdr *)((unsigned char *)p - HDR);
	if (n <= h->size)
		return p;
	q = ts_alloc(n);
	memcpy(q, p, h->size);
	ts_dealloc(p);
	return q;
}

void ts_alloc_install(void)
{
	ts_set_allocator(ts_alloc, ts_calloc_fn, ts_realloc_fn, ts_dealloc);
}

void ts_alloc_thread_release(void)
{
	unsigned c;

	for (c = 0; c < NCLASS; c++) {
		while (cache[c]) {
			struct block *b = cache[c];

			cache[c] = b->next;
			free((unsigned char *)b - HDR);
		}
		ncached[c] = 0;
	}
}
