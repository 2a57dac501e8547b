/* of_xlate hands the helper's result straight back. */
#include <linux/iommu.h>
#include <linux/of.h>

static int rt_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	if (args->args_count != 1)
		return -EINVAL;
	/* ok: unchecked-return */
	return iommu_fwspec_add_ids(dev, args->args, 1);
}

const struct iommu_ops rt_ops = {
	.of_xlate = rt_of_xlate,
};

int rt_bind(struct device *dev, struct of_phandle_args *args)
{
	/* ok: unchecked-return */
	int err = rt_of_xlate(dev, args);

	return err;
}
