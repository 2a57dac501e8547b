/*
 * The tegra-smmu shape: the failing register undoes sysfs in its own
 * branch and returns ERR_PTR; the success path returns the object.
 */
#include <linux/err.h>
#include <linux/iommu.h>
#include <linux/slab.h>

struct iu_smmu {
	struct iommu_device iommu;
};

extern const struct iommu_ops iu_ops;

struct iu_smmu *iu_probe(struct device *dev);
struct iu_smmu *iu_probe(struct device *dev)
{
	struct iu_smmu *smmu;
	int err;

	smmu = devm_kzalloc(dev, sizeof(*smmu), GFP_KERNEL);
	if (!smmu)
		return ERR_PTR(-ENOMEM);

	err = iommu_device_sysfs_add(&smmu->iommu, dev, NULL, "%s", dev_name(dev));
	if (err)
		return ERR_PTR(err);

	err = iommu_device_register(&smmu->iommu, &iu_ops, dev);
	if (err) {
		iommu_device_sysfs_remove(&smmu->iommu);
		/* ok: register-unwind */
		return ERR_PTR(err);
	}

	/* ok: register-unwind */
	return smmu;
}
