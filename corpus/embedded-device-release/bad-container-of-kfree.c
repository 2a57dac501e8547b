/* The release finds its container, then frees the wrong pointer. */
#include <linux/device.h>
#include <linux/slab.h>

struct co_unit {
	int id;
	struct device dev;
};

static int co_ids;

static void co_release(struct device *dev)
{
	struct co_unit *unit = container_of(dev, struct co_unit, dev);

	co_ids &= ~(1 << unit->id);
	/* expect: embedded-device-release */
	kfree(dev);
}

void co_set_release(struct co_unit *unit, void (*fn)(struct device *));

void co_setup(struct co_unit *unit)
{
	co_set_release(unit, co_release);
}
