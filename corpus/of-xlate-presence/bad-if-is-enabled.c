/* The same hiding with #if IS_ENABLED(CONFIG_OF): still a config conditional. */
#include <linux/iommu.h>
#include <linux/mod_devicetable.h>

#define IS_ENABLED(x) 0

static int ise_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	if (args->args_count != 1)
		return -EINVAL;
	return iommu_fwspec_add_ids(dev, args->args, 1);
}

static const struct iommu_ops ise_ops = {
	.device_group	= generic_device_group,
#if IS_ENABLED(CONFIG_OF)
	/* expect: of-xlate-presence */
	.of_xlate	= ise_of_xlate,
#endif
};

static const struct of_device_id ise_of_ids[] = {
	{ .compatible = "vendor,ise-iommu" },
	{ }
};

const void *ise_tables[] = { &ise_ops, ise_of_ids };
