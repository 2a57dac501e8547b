/* A driver that sets the fwspec up by hand and ignores the result. */
#include <linux/iommu.h>
#include <linux/of.h>

static const struct iommu_ops fi_ops;

int fi_configure(struct device *dev, struct device_node *iommu_np, u32 sid)
{
	/* expect: unchecked-return */
	iommu_fwspec_init(dev, &iommu_np->fwnode, &fi_ops);
	return iommu_fwspec_add_ids(dev, &sid, 1);
}
