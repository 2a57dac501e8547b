/*
 * The of_device_id table sits under a switch this configuration leaves off:
 * the compiler never sees it, but in the configurations that have it the
 * ops table has no .of_xlate.  The binding is read from the text.
 */
#include <linux/iommu.h>
#include <linux/mod_devicetable.h>

/* expect: of-xlate-presence */
static const struct iommu_ops bco_ops = {
	.device_group	= generic_device_group,
};

#ifdef CONFIG_BCO_DT
static const struct of_device_id bco_of_ids[] = {
	{ .compatible = "vendor,bco-iommu" },
	{ }
};
#endif

const void *bco_tables[] = { &bco_ops };
