/*
 * The device found is converted to its container, and the put goes
 * through the container's embedded device: the same reference.
 */
#include <linux/device.h>

struct pa_cell {
	struct device dev;
	int value;
};

#define to_pa_cell(d) container_of(d, struct pa_cell, dev)

extern const struct bus_type pa_bus;
int pa_match(struct device *dev, const void *data);

int pa_read(const void *key);
int pa_read(const void *key)
{
	struct pa_cell *cell;
	struct device *dev;
	int v;

	/* ok: device-lookup-put */
	dev = bus_find_device(&pa_bus, NULL, key, pa_match);
	if (!dev)
		return -ENODEV;
	cell = to_pa_cell(dev);
	v = cell->value;
	put_device(&cell->dev);
	return v;
}
