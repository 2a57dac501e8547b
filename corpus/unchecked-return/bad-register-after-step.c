/*
 * The amd shape, no fix: another step with effects (an allocation the
 * failure check does not cover) sits between the checked sysfs add and
 * the ignored register, so what a failed register must undo is not known.
 */
#include <linux/iommu.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

struct rs_iommu {
	struct iommu_device iommu;
	void *queue;
};

static const struct iommu_ops rs_ops;

static int rs_probe(struct platform_device *pdev)
{
	struct rs_iommu *rs = devm_kzalloc(&pdev->dev, sizeof(*rs), GFP_KERNEL);
	int ret;

	if (!rs)
		return -ENOMEM;
	ret = iommu_device_sysfs_add(&rs->iommu, &pdev->dev, NULL, "rs");
	if (ret)
		return ret;
	rs->queue = kzalloc(64, GFP_KERNEL);
	/* expect: unchecked-return */
	iommu_device_register(&rs->iommu, &rs_ops, &pdev->dev);
	platform_set_drvdata(pdev, rs);
	return 0;
}

int rs_probe_entry(struct platform_device *pdev)
{
	return rs_probe(pdev);
}
