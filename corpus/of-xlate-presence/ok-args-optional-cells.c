/* The arm-smmu shape: each optional cell is read only when it is present. */
#include <linux/iommu.h>

static int opt_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	u32 fwid = 0;

	if (args->args_count > 0)
		/* ok: of-xlate-presence */
		fwid |= args->args[0];
	if (args->args_count > 1)
		fwid |= args->args[1] << 16;
	return iommu_fwspec_add_ids(dev, &fwid, 1);
}

static const struct iommu_ops opt_ops = {
	.device_group	= generic_device_group,
	.of_xlate	= opt_of_xlate,
};

const struct iommu_ops *opt_get(void)
{
	return &opt_ops;
}
