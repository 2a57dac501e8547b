/* The ladder returns another value than the failing return: no fix. */
#include <linux/iommu.h>
#include <linux/platform_device.h>

struct lo_smmu {
	struct iommu_device iommu;
};

extern const struct iommu_ops lo_ops;
int lo_hw_init(struct lo_smmu *smmu);
void lo_hw_fini(struct lo_smmu *smmu);

int lo_probe(struct platform_device *pdev);
int lo_probe(struct platform_device *pdev)
{
	struct lo_smmu *smmu;
	int ret;

	smmu = devm_kzalloc(&pdev->dev, sizeof(*smmu), GFP_KERNEL);
	if (!smmu)
		return -ENOMEM;
	ret = lo_hw_init(smmu);
	if (ret)
		return ret;
	ret = iommu_device_sysfs_add(&smmu->iommu, &pdev->dev, NULL, "lo");
	if (ret)
		goto out_fini;
	ret = iommu_device_register(&smmu->iommu, &lo_ops, &pdev->dev);
	if (ret)
		return -ENODEV;
	return 0;

out_sysfs:
	iommu_device_sysfs_remove(&smmu->iommu);
out_fini:
	lo_hw_fini(smmu);
	return ret;
}
