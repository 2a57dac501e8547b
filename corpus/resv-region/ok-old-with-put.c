/*
 * A 5.x-era tree whose ops table pairs get_resv_regions with a put
 * (declared here: the project's iommu.h has the 6.2+ region shape).
 */
#include <linux/list.h>
#include <linux/slab.h>

struct device;

enum iommu_resv_type {
	IOMMU_RESV_DIRECT,
	IOMMU_RESV_RESERVED,
	IOMMU_RESV_MSI,
	IOMMU_RESV_SW_MSI,
};

struct iommu_resv_region {
	struct list_head list;
	unsigned long start;
	unsigned long length;
	int prot;
	enum iommu_resv_type type;
};

struct iommu_ops {
	void (*get_resv_regions)(struct device *dev, struct list_head *list);
	void (*put_resv_regions)(struct device *dev, struct list_head *list);
	unsigned long pgsize_bitmap;
};

struct iommu_resv_region *iommu_alloc_resv_region(unsigned long start,
						  unsigned long length, int prot,
						  enum iommu_resv_type type);
void generic_iommu_put_resv_regions(struct device *dev, struct list_head *list);

static void wp_get_resv_regions(struct device *dev, struct list_head *head)
{
	struct iommu_resv_region *region;

	region = iommu_alloc_resv_region(0, 0x1000, 0, IOMMU_RESV_RESERVED);
	if (!region)
		return;
	list_add_tail(&region->list, head);
}

const struct iommu_ops wp_ops = {
	/* ok: resv-region */
	.get_resv_regions = wp_get_resv_regions,
	.put_resv_regions = generic_iommu_put_resv_regions,
	.pgsize_bitmap = 0x1000,
};
