/*
 * bus_find_device() returns the matching device with a reference; the
 * match-found path returns without put_device().
 */
#include <linux/device.h>
#include <linux/iommu.h>
#include <linux/platform_device.h>

static int bf_match(struct device *dev, const void *data)
{
	return dev->of_node == data;
}

int bf_find_instance(struct device_node *np, void **out);
int bf_find_instance(struct device_node *np, void **out)
{
	struct device *dev;
	void *priv;

	/* expect: device-lookup-put */
	dev = bus_find_device(&platform_bus_type, NULL, np, bf_match);
	if (!dev)
		return -ENODEV;

	priv = dev_get_drvdata(dev);
	if (!priv) {
		put_device(dev);
		return -EPROBE_DEFER;
	}
	*out = priv;
	return 0;
}
