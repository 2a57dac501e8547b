/*
 * A record whose name ends in _driver but that binds nothing (no .probe):
 * its .remove is not a remove() of anything probe registered.
 */
#include <linux/iommu.h>
#include <linux/device.h>

struct tbl_smmu {
	struct iommu_device iommu;
};

struct smmu_cleanup_driver {
	const char *name;
	void (*remove)(struct tbl_smmu *smmu);
};

/* ok: register-unwind */
static void tbl_remove(struct tbl_smmu *smmu)
{
	iommu_device_sysfs_remove(&smmu->iommu);
}

static struct smmu_cleanup_driver tbl_driver = {
	.name	= "tbl",
	.remove	= tbl_remove,
};
