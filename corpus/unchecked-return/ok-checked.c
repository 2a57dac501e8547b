/* Every result is checked and unwound (goto out_<what>). */
#include <linux/iommu.h>
#include <linux/platform_device.h>

struct ck_iommu {
	struct iommu_device iommu;
};

static const struct iommu_ops ck_ops;

int ck_probe(struct platform_device *pdev, struct ck_iommu *ck)
{
	int ret;

	/* ok: unchecked-return */
	ret = iommu_device_sysfs_add(&ck->iommu, &pdev->dev, NULL, "ck");
	if (ret)
		return ret;
	/* ok: unchecked-return */
	ret = iommu_device_register(&ck->iommu, &ck_ops, &pdev->dev);
	if (ret)
		goto out_sysfs;
	return 0;

out_sysfs:
	iommu_device_sysfs_remove(&ck->iommu);
	return ret;
}
