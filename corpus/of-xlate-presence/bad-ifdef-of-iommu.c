/*
 * The mtk_iommu.c randconfig failure (seed): .of_xlate only exists when
 * CONFIG_OF_IOMMU is set, so other configurations build a driver the core
 * cannot bind device-tree masters to.
 */
#include <linux/iommu.h>
#include <linux/mod_devicetable.h>
#include <linux/platform_device.h>

static int bad_ifdef_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	if (args->args_count != 1)
		return -EINVAL;
	return iommu_fwspec_add_ids(dev, args->args, 1);
}

static struct iommu_group *bad_ifdef_device_group(struct device *dev)
{
	return generic_device_group(dev);
}

static const struct iommu_ops bad_ifdef_ops = {
	.device_group	= bad_ifdef_device_group,
#ifdef CONFIG_OF_IOMMU
	/* expect: of-xlate-presence */
	.of_xlate	= bad_ifdef_of_xlate,
#endif
	.pgsize_bitmap	= 0x1000,
};

static const struct of_device_id bad_ifdef_of_ids[] = {
	{ .compatible = "vendor,bad-ifdef-iommu" },
	{ }
};

const struct iommu_ops *bad_ifdef_get_ops(void)
{
	return &bad_ifdef_ops;
}

const struct of_device_id *bad_ifdef_get_ids(void)
{
	return bad_ifdef_of_ids;
}
