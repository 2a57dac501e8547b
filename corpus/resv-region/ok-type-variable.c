/* The type is chosen per entry into a variable, one enumerator each time. */
#include <linux/iommu.h>

struct tv_entry {
	phys_addr_t base;
	size_t size;
	bool relaxable;
};

static const struct tv_entry tv_table[] = {
	{ 0x10000000, 0x1000, true },
	{ 0x20000000, 0x2000, false },
};

static void tv_get_resv_regions(struct device *dev, struct list_head *head)
{
	struct iommu_resv_region *resv;
	enum iommu_resv_type type;
	unsigned int i;

	for (i = 0; i < 2; i++) {
		type = tv_table[i].relaxable ? IOMMU_RESV_DIRECT_RELAXABLE :
					       IOMMU_RESV_DIRECT;
		/* ok: resv-region */
		resv = iommu_alloc_resv_region(tv_table[i].base, tv_table[i].size,
					       IOMMU_READ | IOMMU_WRITE, type,
					       GFP_KERNEL);
		if (!resv)
			break;
		list_add_tail(&resv->list, head);
	}
}

const struct iommu_ops tv_ops = {
	.get_resv_regions = tv_get_resv_regions,
};
