/*
 * device_register() failed and the error path frees the container; the
 * device is written in parentheses, "&(node->dev)" (the fast prefilter once
 * took "(node" for the container and skipped the file).
 */
#include <linux/device.h>
#include <linux/slab.h>

struct rp_node {
	struct device dev;
	int index;
};

static void rp_release(struct device *dev)
{
	kfree(container_of(dev, struct rp_node, dev));
}

struct rp_node *rp_create(struct device *parent, int index)
{
	struct rp_node *node;
	int ret;

	node = kzalloc(sizeof(*node), GFP_KERNEL);
	if (!node)
		return ERR_PTR(-ENOMEM);
	node->index = index;
	node->dev.parent = parent;
	node->dev.release = rp_release;
	ret = device_register(&(node->dev));
	if (ret) {
		/* expect: embedded-device-release */
		kfree(node);
		return ERR_PTR(ret);
	}
	return node;
}
