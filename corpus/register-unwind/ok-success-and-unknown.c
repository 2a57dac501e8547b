/*
 * Exits that are not failures: the success return with both steps held,
 * and a return of the register call's own result.
 */
#include <linux/iommu.h>
#include <linux/platform_device.h>

struct su_smmu {
	struct iommu_device iommu;
	bool quirk;
};

extern const struct iommu_ops su_ops;

int su_probe(struct platform_device *pdev);
int su_probe(struct platform_device *pdev)
{
	struct su_smmu *smmu;
	int ret;

	smmu = devm_kzalloc(&pdev->dev, sizeof(*smmu), GFP_KERNEL);
	if (!smmu)
		return -ENOMEM;

	ret = iommu_device_sysfs_add(&smmu->iommu, &pdev->dev, NULL, "su");
	if (ret)
		return ret;

	if (smmu->quirk) {
		ret = iommu_device_register(&smmu->iommu, &su_ops, &pdev->dev);
		if (ret < 0)
			goto out_sysfs;
		/* ok: register-unwind */
		return 0;
	}

	ret = iommu_device_register(&smmu->iommu, &su_ops, &pdev->dev);
	if (!ret)
		/* ok: register-unwind */
		return ret;

out_sysfs:
	iommu_device_sysfs_remove(&smmu->iommu);
	/* ok: register-unwind */
	return ret;
}
