/* The skipped label is also the target of a goto made before the step: no fix. */
#include <linux/iommu.h>
#include <linux/platform_device.h>

struct sl_smmu {
	struct iommu_device iommu;
	void *base;
};

extern const struct iommu_ops sl_ops;
int sl_hw_init(struct sl_smmu *smmu);

int sl_probe(struct platform_device *pdev);
int sl_probe(struct platform_device *pdev)
{
	struct sl_smmu *smmu;
	int ret;

	smmu = devm_kzalloc(&pdev->dev, sizeof(*smmu), GFP_KERNEL);
	if (!smmu)
		return -ENOMEM;
	ret = sl_hw_init(smmu);
	if (ret)
		goto out_free;
	ret = iommu_device_sysfs_add(&smmu->iommu, &pdev->dev, NULL, "sl");
	if (ret)
		goto out_free;
	if (!smmu->base) {
		ret = -ENODEV;
		goto out_free;
	}
	return 0;

out_free:
	kfree(smmu->base);
	return ret;
}
