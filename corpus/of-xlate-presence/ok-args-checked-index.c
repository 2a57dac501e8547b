/* The cell indexes an array after the count and the range are checked. */
#include <linux/iommu.h>
#include <linux/mod_devicetable.h>

#define CIX_NR 8

static struct device *cix_masters[CIX_NR];

static int cix_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	u32 id;

	if (args->args_count != 1)
		return -EINVAL;
	id = args->args[0];
	if (id >= CIX_NR)
		return -EINVAL;
	/* ok: of-xlate-presence */
	cix_masters[id] = dev;
	return iommu_fwspec_add_ids(dev, &id, 1);
}

static const struct iommu_ops cix_ops = {
	.device_group	= generic_device_group,
	.of_xlate	= cix_of_xlate,
};

static const struct of_device_id cix_of_ids[] = {
	{ .compatible = "vendor,cix-iommu" },
	{ }
};

const void *cix_tables[] = { &cix_ops, cix_of_ids };
