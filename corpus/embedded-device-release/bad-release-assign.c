/* A generic "free the device" release reused for an embedded device. */
#include <linux/device.h>
#include <linux/slab.h>

struct ra_port {
	unsigned long flags;
	struct device dev;
};

static void ra_free_dev(struct device *dev)
{
	/* expect: embedded-device-release */
	kfree(dev);
}

int ra_port_add(struct ra_port *port, struct device *parent)
{
	port->dev.parent = parent;
	port->dev.release = ra_free_dev;
	return device_register(&port->dev);
}
