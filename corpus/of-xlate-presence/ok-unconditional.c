/* The fixed shape: .of_xlate always present in a DT driver's ops. */
#include <linux/iommu.h>
#include <linux/mod_devicetable.h>

static int unc_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	if (args->args_count != 1)
		return -EINVAL;
	return iommu_fwspec_add_ids(dev, args->args, 1);
}

/* ok: of-xlate-presence */
static const struct iommu_ops unc_ops = {
	.device_group	= generic_device_group,
	/* ok: of-xlate-presence */
	.of_xlate	= unc_of_xlate,
};

static const struct of_device_id unc_of_ids[] = {
	{ .compatible = "vendor,unc-iommu" },
	{ }
};

const void *unc_tables[] = { &unc_ops, unc_of_ids };
