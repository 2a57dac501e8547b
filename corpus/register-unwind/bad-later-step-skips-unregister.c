/*
 * The rockchip shape: after registration succeeded, a later probe step
 * fails and its goto chain removes sysfs but never unregisters.
 */
#include <linux/iommu.h>
#include <linux/platform_device.h>

struct ls_iommu {
	struct iommu_device iommu;
	int num_irq;
};

extern const struct iommu_ops ls_ops;
void ls_pm_enable(struct device *dev);
void ls_pm_disable(struct device *dev);

int ls_probe(struct platform_device *pdev);
int ls_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct ls_iommu *iommu;
	int err, i;

	iommu = devm_kzalloc(dev, sizeof(*iommu), GFP_KERNEL);
	if (!iommu)
		return -ENOMEM;

	err = iommu_device_sysfs_add(&iommu->iommu, dev, NULL, "%s", dev_name(dev));
	if (err)
		return err;

	/* expect: register-unwind */
	err = iommu_device_register(&iommu->iommu, &ls_ops, dev);
	if (err)
		goto err_remove_sysfs;

	ls_pm_enable(dev);
	for (i = 0; i < iommu->num_irq; i++) {
		int irq = platform_get_irq(pdev, i);

		if (irq < 0) {
			err = irq;
			goto err_pm_disable;
		}
	}
	return 0;

err_pm_disable:
	ls_pm_disable(dev);
err_remove_sysfs:
	iommu_device_sysfs_remove(&iommu->iommu);
	return err;
}
