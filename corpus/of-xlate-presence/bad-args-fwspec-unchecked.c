/*
 * The arm-smmu-v3/virtio shape: the cells go straight to the fwspec with a
 * fixed count of one, whatever #iommu-cells said.
 */
#include <linux/iommu.h>

static int fw_of_xlate(struct device *dev, struct of_phandle_args *spec)
{
	/* expect: of-xlate-presence */
	return iommu_fwspec_add_ids(dev, spec->args, 1);
}

static const struct iommu_ops fw_ops = {
	.device_group	= generic_device_group,
	.of_xlate	= fw_of_xlate,
};

const struct iommu_ops *fw_get(void)
{
	return &fw_ops;
}
