/*
 * bus_find_device_by_fwnode() returns the matching device with a
 * reference, like every lookup of pairs.tbl class "device".  The file
 * names no other lookup, so only a prefilter made from the table lets it
 * be parsed.
 */
#include <linux/device.h>
#include <linux/iommu.h>
#include <linux/platform_device.h>

int bff_find_instance(struct fwnode_handle *fwnode, void **out);
int bff_find_instance(struct fwnode_handle *fwnode, void **out)
{
	struct device *dev;

	/* expect: device-lookup-put */
	dev = bus_find_device_by_fwnode(&platform_bus_type, fwnode);
	if (!dev)
		return -ENODEV;

	*out = dev_get_drvdata(dev);
	return 0;
}
