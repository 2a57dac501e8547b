#ifndef _LINUX_MOD_DEVICETABLE_H
#define _LINUX_MOD_DEVICETABLE_H

#include <linux/types.h>

struct of_device_id {
	char name[32];
	char type[32];
	char compatible[128];
	const void *data;
};

struct platform_device_id {
	char name[20];
	unsigned long driver_data;
};

#endif /* _LINUX_MOD_DEVICETABLE_H */
