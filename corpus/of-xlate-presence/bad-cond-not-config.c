/*
 * Not only CONFIG_OF*: a driver-private switch around .of_xlate, with the
 * of_device_id table outside it, builds a DT driver that cannot translate
 * its masters whenever the switch is off.
 */
#include <linux/iommu.h>
#include <linux/mod_devicetable.h>

#define NCF_HAVE_STREAMS 0

static int ncf_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	if (args->args_count != 1)
		return -EINVAL;
	return iommu_fwspec_add_ids(dev, args->args, 1);
}

static const struct iommu_ops ncf_ops = {
	.device_group	= generic_device_group,
#if NCF_HAVE_STREAMS
	/* expect: of-xlate-presence */
	.of_xlate	= ncf_of_xlate,
#endif
};

static const struct of_device_id ncf_of_ids[] = {
	{ .compatible = "vendor,ncf-iommu" },
	{ }
};

const void *ncf_tables[] = { &ncf_ops, ncf_of_ids, ncf_of_xlate };
