/* device_register() failed, and the error path frees the container. */
#include <linux/device.h>
#include <linux/slab.h>

struct rf_node {
	struct device dev;
	int index;
};

static void rf_release(struct device *dev)
{
	kfree(container_of(dev, struct rf_node, dev));
}

struct rf_node *rf_create(struct device *parent, int index)
{
	struct rf_node *node;
	int ret;

	node = kzalloc(sizeof(*node), GFP_KERNEL);
	if (!node)
		return ERR_PTR(-ENOMEM);
	node->index = index;
	node->dev.parent = parent;
	node->dev.release = rf_release;
	ret = device_register(&node->dev);
	if (ret) {
		/* expect: embedded-device-release */
		kfree(node);
		return ERR_PTR(ret);
	}
	return node;
}
