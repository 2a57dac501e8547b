/* Locks are single-threaded in the model; lock/unlock only check pairing. */
#ifndef _LINUX_MUTEX_H
#define _LINUX_MUTEX_H

#include <linux/types.h>

struct mutex {
	int locked;
};

#define DEFINE_MUTEX(name)	struct mutex name = { 0 }

static inline void mutex_init(struct mutex *lock)
{
	lock->locked = 0;
}

static inline void mutex_lock(struct mutex *lock)
{
	lock->locked++;
}

static inline void mutex_unlock(struct mutex *lock)
{
	lock->locked--;
}

#endif /* _LINUX_MUTEX_H */
