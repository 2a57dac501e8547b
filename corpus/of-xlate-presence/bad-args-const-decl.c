/*
 * No fix: the cell is read into a const object after a lookup; its
 * initialiser cannot become an assignment after the check.
 */
#include <linux/iommu.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>

static int cst_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	struct platform_device *iommu_pdev = of_find_device_by_node(args->np);
	/* expect: of-xlate-presence */
	const unsigned int id = args->args[0];

	put_device(&iommu_pdev->dev);

	return iommu_fwspec_add_ids(dev, &id, 1);
}

static const struct iommu_ops cst_ops = {
	.device_group	= generic_device_group,
	.of_xlate	= cst_of_xlate,
};

const struct iommu_ops *cst_get(void)
{
	return &cst_ops;
}
