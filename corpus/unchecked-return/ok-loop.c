/* Results gathered in a loop and checked each time round. */
#include <linux/iommu.h>

int lp_add_all(struct device *dev, u32 *ids, int n)
{
	int i, ret = 0;

	for (i = 0; i < n; i++) {
		/* ok: unchecked-return */
		ret = iommu_fwspec_add_ids(dev, &ids[i], 1);
		if (ret)
			break;
	}
	return ret;
}
