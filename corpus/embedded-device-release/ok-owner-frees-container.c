/*
 * The device is embedded in a part of a larger structure that its owner
 * allocates and frees (after the parent's release): the part itself is
 * not freed here, so an empty release leaks nothing.
 */
#include <linux/device.h>

struct of_part {
	struct device dev;
	int index;
};

/* ok: embedded-device-release */
static void of_part_release(struct device *dev)
{
}

int of_part_add(struct of_part *part, struct device *parent);
int of_part_add(struct of_part *part, struct device *parent)
{
	part->dev.parent = parent;
	part->dev.release = of_part_release;
	return device_register(&part->dev);
}
