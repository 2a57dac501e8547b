/*
 * Probe registers the IOMMU and carries on whatever the core said.  The
 * register comes right after the checked sysfs add: the fix removes the
 * sysfs entry on failure and fails like that check.
 */
#include <linux/iommu.h>
#include <linux/platform_device.h>

struct ri_iommu {
	struct iommu_device iommu;
};

static const struct iommu_ops ri_ops;

static int ri_probe(struct platform_device *pdev)
{
	struct ri_iommu *ri = devm_kzalloc(&pdev->dev, sizeof(*ri), GFP_KERNEL);
	int ret;

	if (!ri)
		return -ENOMEM;
	ret = iommu_device_sysfs_add(&ri->iommu, &pdev->dev, NULL, "ri");
	if (ret)
		return ret;
	/* expect: unchecked-return */
	iommu_device_register(&ri->iommu, &ri_ops, &pdev->dev);
	platform_set_drvdata(pdev, ri);
	return 0;
}

int ri_probe_entry(struct platform_device *pdev)
{
	return ri_probe(pdev);
}
