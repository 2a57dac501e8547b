/* of_xlate reports success for a master whose IDs were never recorded. */
#include <linux/iommu.h>
#include <linux/of.h>

static int ai_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	if (args->args_count != 1)
		return -EINVAL;
	/* expect: unchecked-return */
	iommu_fwspec_add_ids(dev, args->args, 1);
	return 0;
}

const struct iommu_ops ai_ops = {
	.of_xlate = ai_of_xlate,
};
