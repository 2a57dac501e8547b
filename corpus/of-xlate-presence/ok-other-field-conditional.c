/* Other callbacks under #ifdef are not this rule's business. */
#include <linux/iommu.h>
#include <linux/mod_devicetable.h>

static int oth_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	if (args->args_count != 1)
		return -EINVAL;
	return iommu_fwspec_add_ids(dev, args->args, 1);
}

static int oth_def_domain_type(struct device *dev)
{
	return IOMMU_DOMAIN_IDENTITY;
}

/* ok: of-xlate-presence */
static const struct iommu_ops oth_ops = {
	.device_group	= generic_device_group,
	/* ok: of-xlate-presence */
	.of_xlate	= oth_of_xlate,
#ifdef CONFIG_OTH_IDENTITY
	.def_domain_type = oth_def_domain_type,
#endif
};

static const struct of_device_id oth_of_ids[] = {
	{ .compatible = "vendor,oth-iommu" },
	{ }
};

const void *oth_tables[] = { &oth_ops, oth_of_ids };
