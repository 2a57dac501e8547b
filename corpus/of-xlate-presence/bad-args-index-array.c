/*
 * The unchecked cell indexes the driver's master table with no bound: a
 * device tree with fewer #iommu-cells writes outside masters[] (a warning,
 * not the note of a plain unchecked read).
 */
#include <linux/iommu.h>
#include <linux/mod_devicetable.h>

#define IDX_NR_MASTERS 16

struct idx_iommu {
	struct device *masters[IDX_NR_MASTERS];
};

static struct idx_iommu idx_iommu;

static int idx_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	/* expect: of-xlate-presence */
	unsigned int id = args->args[0];

	idx_iommu.masters[id] = dev;
	return iommu_fwspec_add_ids(dev, &id, 1);
}

/* ok: of-xlate-presence */
static const struct iommu_ops idx_ops = {
	.device_group	= generic_device_group,
	.of_xlate	= idx_of_xlate,
};

static const struct of_device_id idx_of_ids[] = {
	{ .compatible = "vendor,idx-iommu" },
	{ }
};

const void *idx_tables[] = { &idx_ops, idx_of_ids };
