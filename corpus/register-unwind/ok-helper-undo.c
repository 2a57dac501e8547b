/*
 * Undo through a driver helper called on the failure path, and through a
 * devm action registered right after the step.
 */
#include <linux/iommu.h>
#include <linux/platform_device.h>

struct hu_smmu {
	struct iommu_device iommu;
	int irq;
};

extern const struct iommu_ops hu_ops;
int hu_request_irq(struct hu_smmu *smmu);

static void hu_sysfs_action(void *data)
{
	struct hu_smmu *smmu = data;

	iommu_device_sysfs_remove(&smmu->iommu);
}

static void hu_teardown(struct hu_smmu *smmu)
{
	iommu_device_unregister(&smmu->iommu);
}

int hu_probe(struct platform_device *pdev);
int hu_probe(struct platform_device *pdev)
{
	struct hu_smmu *smmu;
	int ret;

	smmu = devm_kzalloc(&pdev->dev, sizeof(*smmu), GFP_KERNEL);
	if (!smmu)
		return -ENOMEM;

	ret = iommu_device_sysfs_add(&smmu->iommu, &pdev->dev, NULL, "hu");
	if (ret)
		return ret;
	ret = devm_add_action_or_reset(&pdev->dev, hu_sysfs_action, smmu);
	if (ret)
		return ret;

	ret = iommu_device_register(&smmu->iommu, &hu_ops, &pdev->dev);
	if (ret)
		/* ok: register-unwind */
		return ret;

	ret = hu_request_irq(smmu);
	if (ret) {
		hu_teardown(smmu);
		/* ok: register-unwind */
		return ret;
	}
	return 0;
}
