/*
 * .of_xlate and the of_device_id table under the same switch, spelt two
 * ways (#ifdef X and #if IS_ENABLED(X)): no configuration has the binding
 * without the translation.
 */
#include <linux/iommu.h>
#include <linux/mod_devicetable.h>

#define IS_ENABLED(x) 0

static int shb_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	if (args->args_count != 1)
		return -EINVAL;
	return iommu_fwspec_add_ids(dev, args->args, 1);
}

static const struct iommu_ops shb_ops = {
	.device_group	= generic_device_group,
#if IS_ENABLED(CONFIG_OF)
	/* ok: of-xlate-presence */
	.of_xlate	= shb_of_xlate,
#endif
};

#ifdef CONFIG_OF
static const struct of_device_id shb_of_ids[] = {
	{ .compatible = "vendor,shb-iommu" },
	{ }
};
#endif

const void *shb_tables[] = { &shb_ops, shb_of_xlate };
