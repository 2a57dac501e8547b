/*
 * An empty release silences the driver core's warning, and the driver
 * frees the container itself after unregistering: anyone still holding
 * a reference to the device then uses freed memory.  Reported as a note.
 */
#include <linux/device.h>
#include <linux/slab.h>

struct er_unit {
	struct device dev;
};

/* expect: embedded-device-release */
static void er_release(struct device *dev)
{
}

int er_add(struct er_unit *u)
{
	u->dev.release = er_release;
	return device_register(&u->dev);
}

void er_remove(struct er_unit *u)
{
	device_unregister(&u->dev);
	kfree(u);
}
