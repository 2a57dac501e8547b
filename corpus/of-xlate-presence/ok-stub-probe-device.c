/*
 * A stub IOMMU whose .probe_device takes no device (it only returns an
 * error): the bindings are read by other code, no master is ever
 * translated through these ops, so no .of_xlate is needed.
 */
#include <linux/err.h>
#include <linux/iommu.h>
#include <linux/mod_devicetable.h>
#include <linux/platform_device.h>

static struct iommu_device *stub_probe_device(struct device *dev)
{
	return ERR_PTR(-ENODEV);
}

/* ok: of-xlate-presence */
static const struct iommu_ops stub_ops = {
	.probe_device	= stub_probe_device,
};

static const struct of_device_id stub_of_ids[] = {
	{ .compatible = "vendor,stub-dma" },
	{ }
};

const void *stub_tables[] = { &stub_ops, stub_of_ids };
