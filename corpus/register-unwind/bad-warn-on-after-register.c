/*
 * A WARN_ON-wrapped sanity check after both steps returns a failure
 * with sysfs and the registration still in place.
 */
#include <linux/bug.h>
#include <linux/iommu.h>
#include <linux/platform_device.h>

struct wa_smmu {
	struct iommu_device iommu;
	void *base;
};

extern const struct iommu_ops wa_ops;

int wa_probe(struct platform_device *pdev);
int wa_probe(struct platform_device *pdev)
{
	struct wa_smmu *smmu;
	int ret;

	smmu = devm_kzalloc(&pdev->dev, sizeof(*smmu), GFP_KERNEL);
	if (!smmu)
		return -ENOMEM;

	/* expect: register-unwind */
	ret = iommu_device_sysfs_add(&smmu->iommu, &pdev->dev, NULL, "wa");
	if (ret)
		return ret;

	/* expect: register-unwind */
	ret = iommu_device_register(&smmu->iommu, &wa_ops, &pdev->dev);
	if (ret) {
		iommu_device_sysfs_remove(&smmu->iommu);
		return ret;
	}

	if (WARN_ON(!smmu->base))
		return -ENODEV;

	platform_set_drvdata(pdev, smmu);
	return 0;
}
