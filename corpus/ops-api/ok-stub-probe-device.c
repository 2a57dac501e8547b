/*
 * A stub IOMMU (xen's grant-dma-iommu in 6.12): registered so that DT
 * consumers find an IOMMU, with a probe_device that always fails.  The
 * core never gets past probe_device for its devices, so it never calls
 * device_group nor asks for a domain: neither is required.
 */
#include <linux/iommu.h>

static struct iommu_device *sb_probe_device(struct device *dev)
{
	return ERR_PTR(-ENODEV);
}

/* ok: ops-api */
static const struct iommu_ops sb_ops = {
	.probe_device	= sb_probe_device,
};

int sb_register(struct iommu_device *iommu, struct device *dev)
{
	return iommu_device_register(iommu, &sb_ops, dev);
}
