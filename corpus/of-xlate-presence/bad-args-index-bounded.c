/*
 * The cell indexes an array, but only after a range check: no out-of-bounds
 * access on a bad tree, so the missing args_count check is the hardening
 * note, not the warning.
 */
#include <linux/iommu.h>
#include <linux/mod_devicetable.h>

#define BND_NR_MASTERS 16

static struct device *bnd_masters[BND_NR_MASTERS];

static int bnd_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	/* expect: of-xlate-presence */
	unsigned int id = args->args[0];

	if (id >= BND_NR_MASTERS)
		return -EINVAL;
	bnd_masters[id] = dev;
	return iommu_fwspec_add_ids(dev, &id, 1);
}

/* ok: of-xlate-presence */
static const struct iommu_ops bnd_ops = {
	.device_group	= generic_device_group,
	.of_xlate	= bnd_of_xlate,
};

static const struct of_device_id bnd_of_ids[] = {
	{ .compatible = "vendor,bnd-iommu" },
	{ }
};

const void *bnd_tables[] = { &bnd_ops, bnd_of_ids };
