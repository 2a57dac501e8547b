/*
 * The failure is returned through dev_err_probe(): still a failure exit,
 * and the sysfs entry made just before stays behind.
 */
#include <linux/iommu.h>
#include <linux/platform_device.h>

struct de_smmu {
	struct iommu_device iommu;
};

extern const struct iommu_ops de_ops;

int de_probe(struct platform_device *pdev);
int de_probe(struct platform_device *pdev)
{
	struct de_smmu *smmu;
	int ret;

	smmu = devm_kzalloc(&pdev->dev, sizeof(*smmu), GFP_KERNEL);
	if (!smmu)
		return -ENOMEM;

	/* expect: register-unwind */
	ret = iommu_device_sysfs_add(&smmu->iommu, &pdev->dev, NULL, "de");
	if (ret)
		return dev_err_probe(&pdev->dev, ret, "sysfs\n");

	ret = iommu_device_register(&smmu->iommu, &de_ops, &pdev->dev);
	if (ret)
		return dev_err_probe(&pdev->dev, ret, "register\n");

	return 0;
}
