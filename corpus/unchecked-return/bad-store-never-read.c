/* The result lands in a variable nobody reads. */
#include <linux/iommu.h>

int sn_add_master(struct device *dev, u32 *ids, int n)
{
	int err;

	/* expect: unchecked-return */
	err = iommu_fwspec_add_ids(dev, ids, n);
	return 0;
}
