/* Registration failure drops the reference; the release frees. */
#include <linux/device.h>
#include <linux/slab.h>

struct pu_node {
	struct device dev;
};

static void pu_release(struct device *dev)
{
	kfree(container_of(dev, struct pu_node, dev));
}

struct pu_node *pu_create(struct device *parent)
{
	struct pu_node *node;
	int ret;

	node = kzalloc(sizeof(*node), GFP_KERNEL);
	if (!node)
		return ERR_PTR(-ENOMEM);
	node->dev.parent = parent;
	node->dev.release = pu_release;
	ret = device_register(&node->dev);
	if (ret) {
		/* ok: embedded-device-release */
		put_device(&node->dev);
		return ERR_PTR(ret);
	}
	return node;
}
