/*
 * The 2020-2025 of_xlate leak shape: the IOMMU instance behind the
 * phandle is looked up, its drvdata read, and the device reference
 * forgotten on the success path.
 */
#include <linux/iommu.h>
#include <linux/of_platform.h>

struct lk_iommu {
	struct iommu_device iommu;
};

static int lk_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	struct platform_device *iommu_pdev;
	struct lk_iommu *lk;

	/* expect: device-lookup-put */
	iommu_pdev = of_find_device_by_node(args->np);
	if (!iommu_pdev)
		return -ENODEV;

	lk = platform_get_drvdata(iommu_pdev);
	dev_iommu_priv_set(dev, lk);

	return iommu_fwspec_add_ids(dev, args->args, 1);
}

int lk_use(struct device *dev, struct of_phandle_args *args);
int lk_use(struct device *dev, struct of_phandle_args *args)
{
	return lk_of_xlate(dev, args);
}
