/*
 * The device sits two records deep; the device_type release frees the
 * device pointer instead of the outer record.
 */
#include <linux/device.h>
#include <linux/slab.h>

struct tn_core {
	int irq;
	struct device dev;
};

struct tn_iommu {
	void *base;
	struct tn_core core;
};

static void tn_release(struct device *dev)
{
	struct tn_iommu *mmu = container_of(dev, struct tn_iommu, core.dev);

	mmu->base = NULL;
	/* expect: embedded-device-release */
	kfree(dev);
}

static const struct device_type tn_type = {
	.name = "tn-iommu",
	.release = tn_release,
};

void tn_init(struct tn_iommu *mmu)
{
	device_initialize(&mmu->core.dev);
	mmu->core.dev.type = &tn_type;
}
