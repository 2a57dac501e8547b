/* The same sharing with the switch on: both halves exist together. */
#include <linux/iommu.h>
#include <linux/mod_devicetable.h>

#define CONFIG_SHA_DT 1

static int sha_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	if (args->args_count != 1)
		return -EINVAL;
	return iommu_fwspec_add_ids(dev, args->args, 1);
}

static const struct iommu_ops sha_ops = {
	.device_group	= generic_device_group,
#if defined(CONFIG_SHA_DT)
	/* ok: of-xlate-presence */
	.of_xlate	= sha_of_xlate,
#endif
};

#ifdef CONFIG_SHA_DT
static const struct of_device_id sha_of_ids[] = {
	{ .compatible = "vendor,sha-iommu" },
	{ }
};

const void *sha_tables[] = { &sha_ops, sha_of_ids };
#endif
