/*
 * The sun50i/tegra shape: the declarations look the IOMMU device up and
 * read the first cell before anything checks args_count.  The fix keeps
 * the declarations and moves their initialisers, in order, after the
 * check, so the early return skips the lookup (nothing to put).
 */
#include <linux/iommu.h>
#include <linux/mod_devicetable.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>

static int lk_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	struct platform_device *iommu_pdev = of_find_device_by_node(args->np);
	void *drvdata = platform_get_drvdata(iommu_pdev);
	int ret;
	/* expect: of-xlate-presence */
	unsigned int id = args->args[0];

	put_device(&iommu_pdev->dev);
	dev_iommu_priv_set(dev, drvdata);

	ret = iommu_fwspec_add_ids(dev, &id, 1);
	return ret;
}

/* ok: of-xlate-presence */
static const struct iommu_ops lk_ops = {
	.device_group	= generic_device_group,
	.of_xlate	= lk_of_xlate,
};

static const struct of_device_id lk_of_ids[] = {
	{ .compatible = "vendor,lk-iommu" },
	{ }
};

const void *lk_tables[] = { &lk_ops, lk_of_ids };
