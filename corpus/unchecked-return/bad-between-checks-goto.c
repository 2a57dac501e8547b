/*
 * An ignored iommu_fwspec_add_ids() between two checked ones that unwind
 * through the same label: the fix joins that label.
 */
#include <linux/iommu.h>
#include <linux/slab.h>

int bg_init_master(struct device *dev, const u32 *sids);
int bg_init_master(struct device *dev, const u32 *sids)
{
	u32 *copy;
	int ret;

	copy = kmemdup(sids, 3 * sizeof(*sids), GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	ret = iommu_fwspec_add_ids(dev, &copy[0], 1);
	if (ret < 0)
		goto out_free;
	/* expect: unchecked-return */
	iommu_fwspec_add_ids(dev, &copy[1], 1);
	ret = iommu_fwspec_add_ids(dev, &copy[2], 1);
	if (ret < 0) {
		dev_err(dev, "cannot add the last stream ID\n");
		goto out_free;
	}
	dev_iommu_priv_set(dev, copy);
	return 0;

out_free:
	kfree(copy);
	return ret;
}
