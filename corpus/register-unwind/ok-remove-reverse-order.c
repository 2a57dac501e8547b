/* remove() mirrors probe: unregister first, then remove the sysfs device. */
#include <linux/iommu.h>
#include <linux/platform_device.h>

struct rr_smmu {
	struct iommu_device iommu;
};

extern const struct iommu_ops rr_ops;

static int rr_probe(struct platform_device *pdev)
{
	struct rr_smmu *smmu;
	int ret;

	smmu = devm_kzalloc(&pdev->dev, sizeof(*smmu), GFP_KERNEL);
	if (!smmu)
		return -ENOMEM;

	ret = iommu_device_sysfs_add(&smmu->iommu, &pdev->dev, NULL, "rm");
	if (ret)
		return ret;

	ret = iommu_device_register(&smmu->iommu, &rr_ops, &pdev->dev);
	if (ret) {
		iommu_device_sysfs_remove(&smmu->iommu);
		return ret;
	}
	platform_set_drvdata(pdev, smmu);
	return 0;
}

/* ok: register-unwind */
static void rr_remove(struct platform_device *pdev)
{
	struct rr_smmu *smmu = platform_get_drvdata(pdev);

	iommu_device_unregister(&smmu->iommu);
	/* ok: register-unwind */
	iommu_device_sysfs_remove(&smmu->iommu);
}

static struct platform_driver rr_driver = {
	.probe		= rr_probe,
	.remove_new	= rr_remove,
	.driver		= { .name = "rr-smmu" },
};
module_platform_driver(rr_driver);
