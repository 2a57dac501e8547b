/*
 * Cells handed from an offset: &spec->args[1] with a count of two reads
 * cells 1 and 2, so the check asks for three.
 */
#include <linux/iommu.h>

static int off_of_xlate(struct device *dev, struct of_phandle_args *spec)
{
	/* expect: of-xlate-presence */
	if (spec->args[0] != 7)
		return -ENODEV;

	return iommu_fwspec_add_ids(dev, &spec->args[1], 2);
}

static const struct iommu_ops off_ops = {
	.device_group	= generic_device_group,
	.of_xlate	= off_of_xlate,
};

const struct iommu_ops *off_get(void)
{
	return &off_ops;
}
