/* A magic number instead of an IOMMU_RESV_* enumerator, in a helper. */
#include <linux/iommu.h>

static int it_add_reserved(struct list_head *head, phys_addr_t base, size_t size)
{
	struct iommu_resv_region *region;

	/* expect: resv-region */
	region = iommu_alloc_resv_region(base, size, 0, 2, GFP_KERNEL);
	if (!region)
		return -ENOMEM;
	list_add_tail(&region->list, head);
	return 0;
}

static void it_get_resv_regions(struct device *dev, struct list_head *head)
{
	it_add_reserved(head, 0xfee00000, 0x100000);
}

const struct iommu_ops it_ops = {
	.get_resv_regions = it_get_resv_regions,
};
