/*
 * The shared error path frees the container with put_device() once it was
 * registered and with kfree() before: a flag (or the release pointer)
 * tells which, so kfree() never runs after device_register().
 */
#include <linux/device.h>
#include <linux/slab.h>

struct fk_bus {
	struct device dev;
	int nr;
};

static void fk_release(struct device *dev)
{
	kfree(container_of(dev, struct fk_bus, dev));
}

int fk_setup(struct fk_bus *b);

int fk_add(int nr);
int fk_add(int nr)
{
	struct fk_bus *b = kzalloc(sizeof(*b), GFP_KERNEL);
	bool registered = false;
	int ret;

	if (!b)
		return -ENOMEM;
	b->nr = nr;
	b->dev.release = fk_release;
	ret = device_register(&b->dev);
	if (ret)
		goto free;
	registered = true;
	ret = fk_setup(b);
	if (ret)
		goto free;
	return 0;
free:
	if (registered)
		put_device(&b->dev);
	else
		/* ok: embedded-device-release */
		kfree(b);
	return ret;
}
