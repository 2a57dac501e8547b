/*
 * A release freeing the device it is given, the argument in parentheses
 * ("kfree((dev))" is kfree(dev) once the parentheses go).
 */
#include <linux/device.h>
#include <linux/slab.h>

struct rq_port {
	unsigned long flags;
	struct device dev;
};

static void rq_free_dev(struct device *dev)
{
	/* expect: embedded-device-release */
	kfree((dev));
}

int rq_port_add(struct rq_port *port, struct device *parent)
{
	port->dev.parent = parent;
	port->dev.release = rq_free_dev;
	return device_register(&port->dev);
}
