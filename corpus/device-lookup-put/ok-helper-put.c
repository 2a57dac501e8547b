/*
 * The reference is dropped by a small helper of the driver; the engine
 * looks into helpers that receive the device.
 */
#include <linux/iommu.h>
#include <linux/of_platform.h>

static void hp_release(struct platform_device *pdev)
{
	put_device(&pdev->dev);
}

int hp_of_xlate(struct device *dev, struct of_phandle_args *args);
int hp_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	struct platform_device *pdev = of_find_device_by_node(args->np);

	if (!pdev)
		return -ENODEV;
	dev_iommu_priv_set(dev, platform_get_drvdata(pdev));
	hp_release(pdev);
	/* ok: device-lookup-put */
	return iommu_fwspec_add_ids(dev, args->args, 1);
}
