/*
 * The lookup result is never tested and never put: every return leaks
 * the reference when the device exists.
 */
#include <linux/iommu.h>
#include <linux/of_platform.h>

int uc_probe_device(struct device *dev, struct device_node *np);
int uc_probe_device(struct device *dev, struct device_node *np)
{
	/* expect: device-lookup-put */
	struct platform_device *pdev = of_find_device_by_node(np);

	dev_iommu_priv_set(dev, platform_get_drvdata(pdev));
	return 0;
}
