/* Two ops tables for two hardware generations; the v2 one lost .of_xlate. */
#include <linux/iommu.h>
#include <linux/mod_devicetable.h>

static int two_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	if (args->args_count != 1)
		return -EINVAL;
	return iommu_fwspec_add_ids(dev, args->args, 1);
}

/* ok: of-xlate-presence */
static const struct iommu_ops two_v1_ops = {
	.device_group	= generic_device_group,
	.of_xlate	= two_of_xlate,
};

/* expect: of-xlate-presence */
static const struct iommu_ops two_v2_ops = {
	.device_group	= generic_device_group,
};

static const struct of_device_id two_of_ids[] = {
	{ .compatible = "vendor,two-v1", .data = &two_v1_ops },
	{ .compatible = "vendor,two-v2", .data = &two_v2_ops },
	{ }
};

const struct of_device_id *two_ids(void)
{
	return two_of_ids;
}
