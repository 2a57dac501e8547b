/*
 * The ipmmu-vmsa probe shape (still in 6.12): sysfs entry added, then a
 * failing iommu_device_register() returns straight out of probe.
 */
#include <linux/iommu.h>
#include <linux/platform_device.h>

struct rs_mmu {
	struct iommu_device iommu;
	bool leaf;
};

extern const struct iommu_ops rs_ops;

int rs_probe(struct platform_device *pdev);
int rs_probe(struct platform_device *pdev)
{
	struct rs_mmu *mmu;
	int ret;

	mmu = devm_kzalloc(&pdev->dev, sizeof(*mmu), GFP_KERNEL);
	if (!mmu)
		return -ENOMEM;

	if (mmu->leaf) {
		/* expect: register-unwind */
		ret = iommu_device_sysfs_add(&mmu->iommu, &pdev->dev, NULL, "%s",
					     dev_name(&pdev->dev));
		if (ret)
			return ret;

		ret = iommu_device_register(&mmu->iommu, &rs_ops, &pdev->dev);
		if (ret)
			return ret;
	}

	platform_set_drvdata(pdev, mmu);
	return 0;
}
