/*
 * Like omap-iommu: the driver walks the master's "iommus" phandles itself in
 * probe_device and never relies on the core's of_xlate translation.
 */
#include <linux/iommu.h>
#include <linux/mod_devicetable.h>
#include <linux/of.h>

static struct iommu_device *self_probe(struct device *dev)
{
	struct device_node *np;

	np = of_parse_phandle(dev->of_node, "iommus", 0);
	if (!np)
		return ERR_PTR(-ENODEV);
	of_node_put(np);
	return ERR_PTR(-ENODEV);
}

/* ok: of-xlate-presence */
static const struct iommu_ops self_ops = {
	.probe_device	= self_probe,
	.device_group	= generic_device_group,
};

static const struct of_device_id self_of_ids[] = {
	{ .compatible = "vendor,self-iommu" },
	{ }
};

const void *self_tables[] = { &self_ops, self_of_ids };
