/* After device_initialize() the shared unwind label still kfree()s. */
#include <linux/device.h>
#include <linux/slab.h>

struct ig_unit {
	struct device dev;
	void *buf;
};

static void ig_release(struct device *dev)
{
	struct ig_unit *u = container_of(dev, struct ig_unit, dev);

	kfree(u->buf);
	kfree(u);
}

struct ig_unit *ig_create(void)
{
	struct ig_unit *u;

	u = kzalloc(sizeof(*u), GFP_KERNEL);
	if (!u)
		return NULL;
	u->buf = kzalloc(64, GFP_KERNEL);
	if (!u->buf)
		goto out_free;
	device_initialize(&u->dev);
	u->dev.release = ig_release;
	if (dev_set_name(&u->dev, "ig0"))
		goto out_free;
	if (device_add(&u->dev))
		goto out_free;
	return u;

out_free:
	kfree(u->buf);
	/* expect: embedded-device-release */
	kfree(u);
	return NULL;
}
