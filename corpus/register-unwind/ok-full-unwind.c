/*
 * The fixed qcom_iommu shape: each failure jumps to the label that
 * undoes exactly the completed steps, in reverse order; remove() undoes
 * both after reading drvdata.
 */
#include <linux/iommu.h>
#include <linux/platform_device.h>

struct fu_iommu {
	struct iommu_device iommu;
	void *local_base;
};

extern const struct iommu_ops fu_ops;
int fu_pm_get(struct device *dev);
void fu_pm_disable(struct device *dev);

static int fu_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct fu_iommu *fu;
	int ret;

	fu = devm_kzalloc(dev, sizeof(*fu), GFP_KERNEL);
	if (!fu)
		return -ENOMEM;

	ret = iommu_device_sysfs_add(&fu->iommu, dev, NULL, "%s", dev_name(dev));
	if (ret)
		goto err_pm_disable;

	ret = iommu_device_register(&fu->iommu, &fu_ops, dev);
	if (ret)
		/* ok: register-unwind */
		goto err_sysfs_remove;

	if (fu->local_base) {
		ret = fu_pm_get(dev);
		if (ret)
			/* ok: register-unwind */
			goto err_iommu_unregister;
	}
	platform_set_drvdata(pdev, fu);
	return 0;

err_iommu_unregister:
	iommu_device_unregister(&fu->iommu);
err_sysfs_remove:
	iommu_device_sysfs_remove(&fu->iommu);
err_pm_disable:
	fu_pm_disable(dev);
	/* ok: register-unwind */
	return ret;
}

/* ok: register-unwind */
static void fu_remove(struct platform_device *pdev)
{
	struct fu_iommu *fu = platform_get_drvdata(pdev);

	iommu_device_unregister(&fu->iommu);
	iommu_device_sysfs_remove(&fu->iommu);
}

static struct platform_driver fu_driver = {
	.probe		= fu_probe,
	.remove_new	= fu_remove,
	.driver		= { .name = "fu-iommu" },
};
module_platform_driver(fu_driver);
