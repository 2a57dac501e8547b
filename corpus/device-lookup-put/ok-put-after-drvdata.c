/*
 * The fixed of_xlate: drvdata is read, then the reference is dropped
 * before any further check.  Reading drvdata is not a hand-over.
 */
#include <linux/iommu.h>
#include <linux/of_platform.h>

int pd_of_xlate(struct device *dev, struct of_phandle_args *args);
int pd_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	struct platform_device *iommu_pdev;
	void *priv;

	iommu_pdev = of_find_device_by_node(args->np);
	if (!iommu_pdev)
		/* ok: device-lookup-put */
		return -ENODEV;

	priv = platform_get_drvdata(iommu_pdev);
	put_device(&iommu_pdev->dev);
	if (!priv)
		/* ok: device-lookup-put */
		return -EPROBE_DEFER;

	dev_iommu_priv_set(dev, priv);
	/* ok: device-lookup-put */
	return iommu_fwspec_add_ids(dev, args->args, 1);
}
