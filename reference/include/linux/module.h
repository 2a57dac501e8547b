/* Module metadata: each macro expands to a harmless file-scope assertion. */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

#include <linux/init.h>
#include <linux/types.h>

struct module;

#define THIS_MODULE		((struct module *)0)

#define MODULE_DEVICE_TABLE(type, name) \
	_Static_assert(sizeof(name) > 0, "MODULE_DEVICE_TABLE(" #type ")")
#define MODULE_LICENSE(s)	_Static_assert(sizeof(s) > 1, "MODULE_LICENSE")
#define MODULE_AUTHOR(s)	_Static_assert(sizeof(s) > 0, "MODULE_AUTHOR")
#define MODULE_DESCRIPTION(s)	_Static_assert(sizeof(s) > 0, "MODULE_DESCRIPTION")
#define MODULE_ALIAS(s)		_Static_assert(sizeof(s) > 0, "MODULE_ALIAS")

#endif /* _LINUX_MODULE_H */
