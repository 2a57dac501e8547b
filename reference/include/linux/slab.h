/*
 * Slab allocator.  In the model every block goes through a tracking
 * allocator (reference/core/slab.c) with fault injection; kfree reports
 * interior pointers, double frees and unknown pointers by contract name.
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/types.h>
#include <linux/compiler.h>

#define __GFP_NOWARN	0x200u
#define __GFP_ZERO	0x100u
#define GFP_ATOMIC	0x20u
#define GFP_KERNEL	0xccu
#define GFP_NOWAIT	0x800u

void *kmalloc(size_t size, gfp_t flags) __malloc;
void *kzalloc(size_t size, gfp_t flags) __malloc;
void *kcalloc(size_t n, size_t size, gfp_t flags) __malloc;
void *kmalloc_array(size_t n, size_t size, gfp_t flags) __malloc;
void *krealloc(const void *p, size_t new_size, gfp_t flags);
void *kmemdup(const void *src, size_t len, gfp_t gfp);
char *kstrdup(const char *s, gfp_t gfp);
const char *kstrdup_const(const char *s, gfp_t gfp);
void kfree(const void *objp);
void kfree_const(const void *objp);
size_t ksize(const void *objp);

#endif /* _LINUX_SLAB_H */
