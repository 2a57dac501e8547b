/* The kfree() label is only reached before the device is initialised. */
#include <linux/device.h>
#include <linux/slab.h>

struct kb_unit {
	struct device dev;
	void *buf;
};

static void kb_release(struct device *dev)
{
	struct kb_unit *u = container_of(dev, struct kb_unit, dev);

	kfree(u->buf);
	kfree(u);
}

struct kb_unit *kb_create(void)
{
	struct kb_unit *u;

	u = kzalloc(sizeof(*u), GFP_KERNEL);
	if (!u)
		return NULL;
	u->buf = kzalloc(64, GFP_KERNEL);
	if (!u->buf)
		goto out_free;
	device_initialize(&u->dev);
	u->dev.release = kb_release;
	if (device_add(&u->dev))
		goto out_put;
	return u;

out_put:
	put_device(&u->dev);
	return NULL;
out_free:
	/* ok: embedded-device-release */
	kfree(u);
	return NULL;
}
