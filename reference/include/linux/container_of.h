#ifndef _LINUX_CONTAINER_OF_H
#define _LINUX_CONTAINER_OF_H

#include <linux/compiler.h>
#include <linux/types.h>

/* container_of - the structure that embeds @member at @ptr. */
#define container_of(ptr, type, member) ({				\
	void *__mptr = (void *)(ptr);					\
	((type *)((char *)__mptr - offsetof(type, member))); })

#endif /* _LINUX_CONTAINER_OF_H */
