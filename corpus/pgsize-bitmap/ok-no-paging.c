/* An ops table that hands out no paging domain needs no page sizes. */
#include <linux/iommu.h>

static struct iommu_device *np_probe_device(struct device *dev)
{
	return NULL;
}

/* ok: pgsize-bitmap */
const struct iommu_ops np_ops = {
	.probe_device	= np_probe_device,
	.device_group	= generic_device_group,
};
