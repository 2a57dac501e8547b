/* A typedef'ed container, device nested one record deep, freed whole. */
#include <linux/device.h>
#include <linux/slab.h>

struct tdn_core {
	struct device dev;
};

typedef struct {
	int flags;
	struct tdn_core core;
} tdn_iommu_t;

static void tdn_release(struct device *dev)
{
	tdn_iommu_t *mmu = container_of(dev, tdn_iommu_t, core.dev);

	/* ok: embedded-device-release */
	kfree(mmu);
}

static const struct device_type tdn_type = {
	.release = tdn_release,
};

void tdn_init(tdn_iommu_t *mmu)
{
	device_initialize(&mmu->core.dev);
	mmu->core.dev.type = &tdn_type;
}
