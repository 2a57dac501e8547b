/*
 * kref: reference count with a release callback.  The kernel stores a
 * refcount_t that saturates and WARNs on underflow; the model reports the
 * underflow as the contract "kref-underflow" and does not call release.
 */
#ifndef _LINUX_KREF_H
#define _LINUX_KREF_H

#include <linux/types.h>

struct kref {
	int refcount;
};

#define KREF_INIT(n)	{ .refcount = (n) }

void kref_underflow(struct kref *kref);

static inline void kref_init(struct kref *kref)
{
	kref->refcount = 1;
}

static inline unsigned int kref_read(const struct kref *kref)
{
	return (unsigned int)kref->refcount;
}

static inline void kref_get(struct kref *kref)
{
	if (kref->refcount <= 0)
		kref_underflow(kref);
	kref->refcount++;
}

/* Drop a reference; returns 1 when this put released the object. */
static inline int kref_put(struct kref *kref, void (*release)(struct kref *kref))
{
	if (kref->refcount <= 0) {
		kref_underflow(kref);
		return 0;
	}
	if (--kref->refcount == 0) {
		release(kref);
		return 1;
	}
	return 0;
}

#endif /* _LINUX_KREF_H */
