/*
 * The unchecked cell picks the register the callback writes: a device tree
 * with fewer #iommu-cells writes an arbitrary MMIO offset.
 */
#include <linux/iommu.h>
#include <linux/io.h>
#include <linux/mod_devicetable.h>

#define RGI_SMR(n)	(0x800 + (n) * 4)

static void __iomem *rgi_base;

static int rgi_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	u32 sid;

	/* expect: of-xlate-presence */
	sid = args->args[0];
	writel(1, rgi_base + RGI_SMR(sid));
	return iommu_fwspec_add_ids(dev, &sid, 1);
}

/* ok: of-xlate-presence */
static const struct iommu_ops rgi_ops = {
	.device_group	= generic_device_group,
	.of_xlate	= rgi_of_xlate,
};

static const struct of_device_id rgi_of_ids[] = {
	{ .compatible = "vendor,rgi-iommu" },
	{ }
};

const void *rgi_tables[] = { &rgi_ops, rgi_of_ids };
