/* The failing return is the unbraced body of an else: no fix. */
#include <linux/iommu.h>
#include <linux/platform_device.h>

struct er_smmu {
	struct iommu_device iommu;
	int quirk;
};

extern const struct iommu_ops er_ops;

int er_probe(struct platform_device *pdev);
int er_probe(struct platform_device *pdev)
{
	struct er_smmu *smmu;
	int ret;

	smmu = devm_kzalloc(&pdev->dev, sizeof(*smmu), GFP_KERNEL);
	if (!smmu)
		return -ENOMEM;
	ret = iommu_device_sysfs_add(&smmu->iommu, &pdev->dev, NULL, "er");
	if (ret)
		return ret;
	if (smmu->quirk)
		ret = 0;
	else
		return -ENODEV;
	return 0;
}
