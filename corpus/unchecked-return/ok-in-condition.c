/* The call is the condition itself. */
#include <linux/iommu.h>
#include <linux/of.h>

static const struct iommu_ops ic_ops;

int ic_configure(struct device *dev, struct device_node *np, u32 sid)
{
	/* ok: unchecked-return */
	if (iommu_fwspec_init(dev, &np->fwnode, &ic_ops))
		return -EINVAL;
	/* ok: unchecked-return */
	if (WARN_ON(iommu_fwspec_add_ids(dev, &sid, 1)))
		return -ENOMEM;
	return 0;
}
