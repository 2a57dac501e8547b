/*
 * remove() undoes both steps, but in the order probe made them (the ipmmu,
 * mtk, qcom, sprd and omap shape): sysfs goes first while the iommu_device
 * is still registered.
 */
#include <linux/iommu.h>
#include <linux/platform_device.h>

struct ro_smmu {
	struct iommu_device iommu;
};

extern const struct iommu_ops ro_ops;

static int ro_probe(struct platform_device *pdev)
{
	struct ro_smmu *smmu;
	int ret;

	smmu = devm_kzalloc(&pdev->dev, sizeof(*smmu), GFP_KERNEL);
	if (!smmu)
		return -ENOMEM;

	ret = iommu_device_sysfs_add(&smmu->iommu, &pdev->dev, NULL, "rm");
	if (ret)
		return ret;

	ret = iommu_device_register(&smmu->iommu, &ro_ops, &pdev->dev);
	if (ret) {
		iommu_device_sysfs_remove(&smmu->iommu);
		return ret;
	}
	platform_set_drvdata(pdev, smmu);
	return 0;
}

static void ro_remove(struct platform_device *pdev)
{
	struct ro_smmu *smmu = platform_get_drvdata(pdev);

	/* expect: register-unwind */
	iommu_device_sysfs_remove(&smmu->iommu);
	iommu_device_unregister(&smmu->iommu);
}

static struct platform_driver ro_driver = {
	.probe		= ro_probe,
	.remove_new	= ro_remove,
	.driver		= { .name = "ro-smmu" },
};
module_platform_driver(ro_driver);
