/*
 * After unregistering, the container pointer is set to NULL: the kfree()
 * in the shared unwind then frees nothing.
 */
#include <linux/device.h>
#include <linux/slab.h>

struct nk_unit {
	struct device dev;
};

static void nk_release(struct device *dev)
{
	kfree(container_of(dev, struct nk_unit, dev));
}

int nk_setup(struct nk_unit *u);

int nk_add(void);
int nk_add(void)
{
	struct nk_unit *u = kzalloc(sizeof(*u), GFP_KERNEL);
	int ret;

	if (!u)
		return -ENOMEM;
	u->dev.release = nk_release;
	ret = device_register(&u->dev);
	if (ret) {
		put_device(&u->dev);
		return ret;
	}
	ret = nk_setup(u);
	if (ret) {
		device_unregister(&u->dev);
		u = NULL;
		goto err;
	}
	return 0;
err:
	/* ok: embedded-device-release */
	kfree(u);
	return ret;
}
