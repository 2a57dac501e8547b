/* Both halves in the #else of one switch (#ifndef and #else spellings). */
#include <linux/iommu.h>
#include <linux/mod_devicetable.h>

static int neg_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	if (args->args_count != 1)
		return -EINVAL;
	return iommu_fwspec_add_ids(dev, args->args, 1);
}

static const struct iommu_ops neg_ops = {
	.device_group	= generic_device_group,
#ifdef CONFIG_NEG_ACPI_ONLY
	.owner		= NULL,
#else
	/* ok: of-xlate-presence */
	.of_xlate	= neg_of_xlate,
#endif
};

#ifndef CONFIG_NEG_ACPI_ONLY
static const struct of_device_id neg_of_ids[] = {
	{ .compatible = "vendor,neg-iommu" },
	{ }
};

const void *neg_tables[] = { &neg_ops, neg_of_ids };
#endif
