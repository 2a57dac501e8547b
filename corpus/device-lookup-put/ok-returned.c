/*
 * A helper that returns the looked-up device hands its reference to the
 * caller; the caller puts it.
 */
#include <linux/iommu.h>
#include <linux/of_platform.h>

static struct platform_device *rt_find(struct device_node *np)
{
	struct platform_device *pdev = of_find_device_by_node(np);

	if (!pdev)
		return NULL;
	if (!platform_get_drvdata(pdev)) {
		platform_device_put(pdev);
		return NULL;
	}
	/* ok: device-lookup-put */
	return pdev;
}

int rt_of_xlate(struct device *dev, struct of_phandle_args *args);
int rt_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	struct platform_device *pdev = rt_find(args->np);

	if (!pdev)
		return -ENODEV;
	dev_iommu_priv_set(dev, platform_get_drvdata(pdev));
	put_device(&pdev->dev);
	return iommu_fwspec_add_ids(dev, args->args, 1);
}
