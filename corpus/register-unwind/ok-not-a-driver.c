/*
 * A record with .probe/.remove that is not a bus driver (its name does not
 * end in _driver): a plugin table of the driver's own, not a contract of
 * the driver core.
 */
#include <linux/iommu.h>
#include <linux/device.h>
#include <linux/slab.h>

struct nd_smmu {
	struct iommu_device iommu;
};

struct nd_impl {
	int (*probe)(struct device *dev);
	void (*remove)(struct device *dev);
};

extern const struct iommu_ops nd_ops;
static struct nd_smmu *nd_the_smmu;

static int nd_impl_probe(struct device *dev)
{
	struct nd_smmu *smmu = kzalloc(sizeof(*smmu), GFP_KERNEL);
	int ret;

	if (!smmu)
		return -ENOMEM;
	ret = iommu_device_register(&smmu->iommu, &nd_ops, dev);
	if (ret) {
		kfree(smmu);
		return ret;
	}
	nd_the_smmu = smmu;
	return 0;
}

/* ok: register-unwind */
static void nd_impl_remove(struct device *dev)
{
	/* the owner unregisters in its own teardown */
}

const struct nd_impl nd_impl_ops = {
	.probe		= nd_impl_probe,
	.remove		= nd_impl_remove,
};
