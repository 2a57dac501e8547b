/*
 * WARN_ON(!pdev) tests the lookup; the put is only on the last path, so
 * the "no drvdata yet" early return keeps the reference
 * (mtk_iommu / qcom_iommu of_xlate shape).
 */
#include <linux/bug.h>
#include <linux/iommu.h>
#include <linux/of_platform.h>

struct wn_iommu {
	struct iommu_device iommu;
	unsigned int num_ctx;
};

int wn_of_xlate(struct device *dev, struct of_phandle_args *args);
int wn_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	struct platform_device *pdev;
	struct wn_iommu *wn;

	/* expect: device-lookup-put */
	pdev = of_find_device_by_node(args->np);
	/* ok: device-lookup-put */
	if (WARN_ON(!pdev))
		/* ok: device-lookup-put */
		return -EINVAL;

	wn = platform_get_drvdata(pdev);
	if (!wn)
		return -EPROBE_DEFER;

	if (WARN_ON_ONCE(args->args[0] >= wn->num_ctx))
		return -EINVAL;

	put_device(&pdev->dev);
	return iommu_fwspec_add_ids(dev, args->args, 1);
}
