/* The driver calls its own of_xlate callback and ignores its verdict. */
#include <linux/iommu.h>
#include <linux/of.h>

static int ow_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	if (args->args_count < 1)
		return -EINVAL;
	return iommu_fwspec_add_ids(dev, args->args, 1);
}

const struct iommu_ops ow_ops = {
	.of_xlate = ow_of_xlate,
};

int ow_legacy_bind(struct device *dev, struct of_phandle_args *args)
{
	/* expect: unchecked-return */
	ow_of_xlate(dev, args);
	return 0;
}
