/*
 * Both halves are conditional, but on different switches: with CONFIG_OF
 * and without CONFIG_OF_IOMMU the of_device_id table exists and .of_xlate
 * does not.
 */
#include <linux/iommu.h>
#include <linux/mod_devicetable.h>

static int ncb_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	if (args->args_count != 1)
		return -EINVAL;
	return iommu_fwspec_add_ids(dev, args->args, 1);
}

static const struct iommu_ops ncb_ops = {
	.device_group	= generic_device_group,
#ifdef CONFIG_OF_IOMMU
	/* expect: of-xlate-presence */
	.of_xlate	= ncb_of_xlate,
#endif
};

#define CONFIG_OF 1
#ifdef CONFIG_OF
static const struct of_device_id ncb_of_ids[] = {
	{ .compatible = "vendor,ncb-iommu" },
	{ }
};

const void *ncb_tables[] = { &ncb_ops, ncb_of_ids, ncb_of_xlate };
#endif
