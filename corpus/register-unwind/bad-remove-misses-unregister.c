/*
 * remove() tears down sysfs but never unregisters what probe registered.
 */
#include <linux/iommu.h>
#include <linux/platform_device.h>

struct rm_smmu {
	struct iommu_device iommu;
};

extern const struct iommu_ops rm_ops;

static int rm_probe(struct platform_device *pdev)
{
	struct rm_smmu *smmu;
	int ret;

	smmu = devm_kzalloc(&pdev->dev, sizeof(*smmu), GFP_KERNEL);
	if (!smmu)
		return -ENOMEM;

	ret = iommu_device_sysfs_add(&smmu->iommu, &pdev->dev, NULL, "rm");
	if (ret)
		return ret;

	ret = iommu_device_register(&smmu->iommu, &rm_ops, &pdev->dev);
	if (ret) {
		iommu_device_sysfs_remove(&smmu->iommu);
		return ret;
	}
	platform_set_drvdata(pdev, smmu);
	return 0;
}

/* expect: register-unwind */
static void rm_remove(struct platform_device *pdev)
{
	struct rm_smmu *smmu = platform_get_drvdata(pdev);

	iommu_device_sysfs_remove(&smmu->iommu);
}

static struct platform_driver rm_driver = {
	.probe		= rm_probe,
	.remove_new	= rm_remove,
	.driver		= { .name = "rm-smmu" },
};
module_platform_driver(rm_driver);
