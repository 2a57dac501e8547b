/* Firmware node handle: the token IOMMU drivers are looked up by. */
#ifndef _LINUX_FWNODE_H
#define _LINUX_FWNODE_H

#include <linux/types.h>

struct device;
struct fwnode_operations;

struct fwnode_handle {
	struct fwnode_handle *secondary;
	const struct fwnode_operations *ops;
	struct device *dev;
};

#endif /* _LINUX_FWNODE_H */
