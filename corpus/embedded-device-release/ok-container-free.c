/* The release frees the container it finds with container_of(). */
#include <linux/device.h>
#include <linux/slab.h>

struct cf_unit {
	int id;
	struct device dev;
};

static void cf_release(struct device *dev)
{
	struct cf_unit *unit = container_of(dev, struct cf_unit, dev);

	/* ok: embedded-device-release */
	kfree(unit);
}

static struct class cf_class = {
	.name = "cf",
	.dev_release = cf_release,
};

int cf_add(struct cf_unit *unit)
{
	device_initialize(&unit->dev);
	unit->dev.class = &cf_class;
	return device_add(&unit->dev);
}
