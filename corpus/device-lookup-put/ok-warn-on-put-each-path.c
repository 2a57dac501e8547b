/*
 * WARN_ON-wrapped tests, the put written out on every exit after the
 * lookup succeeded.
 */
#include <linux/bug.h>
#include <linux/iommu.h>
#include <linux/of_platform.h>

struct we_iommu {
	unsigned int num_ctx;
};

int we_of_xlate(struct device *dev, struct of_phandle_args *args);
int we_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	struct platform_device *pdev = of_find_device_by_node(args->np);
	struct we_iommu *we;

	if (WARN_ON(!pdev))
		/* ok: device-lookup-put */
		return -EINVAL;

	we = platform_get_drvdata(pdev);
	if (WARN_ON(!we) || WARN_ON_ONCE(args->args[0] >= we->num_ctx)) {
		put_device(&pdev->dev);
		/* ok: device-lookup-put */
		return -EINVAL;
	}

	dev_iommu_priv_set(dev, we);
	platform_device_put(pdev);
	/* ok: device-lookup-put */
	return iommu_fwspec_add_ids(dev, args->args, 1);
}
