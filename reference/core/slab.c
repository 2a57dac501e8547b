/*
 * Tracking allocator behind kmalloc/kfree.
 *
 * Every block is recorded with its size, sequence number and a label.
 * kfree checks that the pointer is the start of a live block: a pointer
 * into the middle of a block is the 4.11 embedded-struct-device bug
 * ("kfree-interior-pointer"), a freed block is "double-free", anything
 * else "kfree-invalid-pointer".  Freed blocks are poisoned and kept until
 * the end of the run, so later writes show up as "use-after-free" and
 * reads of freed objects can be recognised by kmem_is_live().  Fault
 * injection fails the nth allocation of the run.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "core.h"
#include "model.h"

#define POISON_FREE	0x6b

struct kmem_block {
	struct kmem_block *next;
	unsigned char *ptr;
	size_t size;
	unsigned long seq;
	const char *label;
	bool freed;
};

static struct kmem_block *blocks;
static unsigned long alloc_seq;
static unsigned long fail_nth;
static bool fault_hit;
static bool fault_tolerated;
static int tolerate_depth;

static struct kmem_block *kmem_find(const void *p)
{
	struct kmem_block *b;

	for (b = blocks; b; b = b->next)
		if (b->ptr == p)
			return b;
	return NULL;
}

static struct kmem_block *kmem_find_containing(const void *p)
{
	const unsigned char *c = p;
	struct kmem_block *b;

	for (b = blocks; b; b = b->next)
		if (c > b->ptr && c < b->ptr + b->size)
			return b;
	return NULL;
}

static const char *kmem_name(const struct kmem_block *b)
{
	return b->label ? b->label : "kmalloc";
}

static void *kmem_alloc(size_t size)
{
	struct kmem_block *b;

	alloc_seq++;
	if (fail_nth && alloc_seq == fail_nth) {
		fault_hit = true;
		fault_tolerated = tolerate_depth > 0;
		return NULL;
	}
	b = host_alloc(sizeof(*b));
	if (!b)
		host_abort();
	b->ptr = host_alloc(size);
	if (!b->ptr)
		host_abort();
	b->size = size;
	b->seq = alloc_seq;
	b->next = blocks;
	blocks = b;
	return b->ptr;
}

void *kmalloc(size_t size, gfp_t flags)
{
	(void)flags;
	return kmem_alloc(size);
}

void *kzalloc(size_t size, gfp_t flags)
{
	(void)flags;
	return kmem_alloc(size);
}

void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	if (size && n > (size_t)-1 / size)
		return NULL;
	return kmalloc(n * size, flags);
}

void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return kmalloc_array(n, size, flags);
}

void *krealloc(const void *p, size_t new_size, gfp_t flags)
{
	struct kmem_block *old = NULL;
	void *n;

	if (p) {
		old = kmem_find(p);
		if (!old || old->freed) {
			contract_violation("kfree-invalid-pointer",
					   "krealloc of %p, not a live allocation", p);
			return NULL;
		}
	}
	n = kmalloc(new_size, flags);
	if (!n)
		return NULL;
	if (old) {
		memcpy(n, p, min(old->size, new_size));
		kmem_label(n, old->label);
		kfree(p);
	}
	return n;
}

void *kmemdup(const void *src, size_t len, gfp_t gfp)
{
	void *p = kmalloc(len, gfp);

	if (p)
		memcpy(p, src, len);
	return p;
}

char *kstrdup(const char *s, gfp_t gfp)
{
	if (!s)
		return NULL;
	return kmemdup(s, strlen(s) + 1, gfp);
}

const char *kstrdup_const(const char *s, gfp_t gfp)
{
	return kstrdup(s, gfp);
}

void kfree(const void *objp)
{
	struct kmem_block *b;

	if (!objp)
		return;
	b = kmem_find(objp);
	if (!b) {
		b = kmem_find_containing(objp);
		if (b)
			contract_violation("kfree-interior-pointer",
					   "kfree(%p) points %zu bytes into %s #%lu of %zu bytes; the object is embedded, free its container",
					   objp, (size_t)((const unsigned char *)objp - b->ptr),
					   kmem_name(b), b->seq, b->size);
		else
			contract_violation("kfree-invalid-pointer",
					   "kfree(%p) was never allocated", objp);
		return;
	}
	if (b->freed) {
		contract_violation("double-free", "kfree of %s #%lu (%p) twice",
				   kmem_name(b), b->seq, objp);
		return;
	}
	memset(b->ptr, POISON_FREE, b->size);
	b->freed = true;
}

void kfree_const(const void *objp)
{
	kfree(objp);
}

size_t ksize(const void *objp)
{
	struct kmem_block *b = kmem_find(objp);

	return b && !b->freed ? b->size : 0;
}

void kmem_fail_nth(unsigned long nth)
{
	fail_nth = nth ? alloc_seq + nth : 0;
	fault_hit = false;
}

bool kmem_fault_hit(void)
{
	return fault_hit;
}

void kmem_tolerate_faults(bool enter)
{
	tolerate_depth += enter ? 1 : -1;
}

bool kmem_fault_tolerated(void)
{
	return fault_hit && fault_tolerated;
}

unsigned long kmem_alloc_count(void)
{
	return alloc_seq;
}

bool kmem_is_live(const void *p)
{
	struct kmem_block *b = kmem_find(p);

	return b && !b->freed;
}

unsigned long kmem_live_since(unsigned long seq)
{
	struct kmem_block *b;
	unsigned long n = 0;

	for (b = blocks; b; b = b->next)
		n += b->seq > seq && !b->freed;
	return n;
}

void kmem_label(const void *p, const char *label)
{
	struct kmem_block *b = kmem_find(p);

	if (b)
		b->label = label;
}

/* Report leaks and writes after free, then give all memory back. */
void kmem_teardown(void)
{
	struct kmem_block *b, *next;
	size_t i;

	for (b = blocks; b; b = b->next) {
		if (!b->freed) {
			contract_violation("leak", "%s #%lu of %zu bytes (%p) never freed",
					   kmem_name(b), b->seq, b->size, b->ptr);
			continue;
		}
		for (i = 0; i < b->size; i++) {
			if (b->ptr[i] != POISON_FREE) {
				contract_violation("use-after-free",
						   "%s #%lu written at offset %zu after kfree",
						   kmem_name(b), b->seq, i);
				break;
			}
		}
	}
	for (b = blocks; b; b = next) {
		next = b->next;
		host_free(b->ptr);
		host_free(b);
	}
	blocks = NULL;
}

void kmem_reset(void)
{
	struct kmem_block *b, *next;

	for (b = blocks; b; b = next) {
		next = b->next;
		host_free(b->ptr);
		host_free(b);
	}
	blocks = NULL;
	alloc_seq = 0;
	fail_nth = 0;
	fault_hit = false;
	fault_tolerated = false;
	tolerate_depth = 0;
}
