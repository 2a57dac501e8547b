/*
 * No fix: a call with effects (it stores the private data) comes before
 * the ignored call, and whether its failure must undo that is not known.
 */
#include <linux/iommu.h>

static int ge_of_xlate(struct device *dev, struct of_phandle_args *spec)
{
	unsigned int id = 3;

	dev_iommu_priv_set(dev, spec);
	/* expect: unchecked-return */
	iommu_fwspec_add_ids(dev, &id, 1);

	return 0;
}

const struct iommu_ops ge_ops = {
	.of_xlate = ge_of_xlate,
};
