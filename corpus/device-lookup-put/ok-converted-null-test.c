/*
 * A local converted from the found device is set only when the lookup
 * succeeded: its NULL test is the lookup's, so that return holds nothing.
 */
#include <linux/device.h>

struct cn_cell {
	struct device dev;
	int value;
};

#define to_cn_cell(d) container_of(d, struct cn_cell, dev)

extern const struct bus_type cn_bus;
int cn_match(struct device *dev, const void *data);

int cn_read(const void *key);
int cn_read(const void *key)
{
	struct cn_cell *cell = NULL;
	struct device *dev;
	int v;

	/* ok: device-lookup-put */
	dev = bus_find_device(&cn_bus, NULL, key, cn_match);
	if (dev)
		cell = to_cn_cell(dev);
	if (!cell)
		return -ENODEV;
	v = cell->value;
	put_device(dev);
	return v;
}
