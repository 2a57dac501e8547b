/*
 * A helper picks the type in a switch and checks once after it; the
 * region is handed back through the caller's list (the virtio shape).
 */
#include <linux/iommu.h>

enum sh_kind { SH_RESERVED, SH_MSI };

static int sh_add_region(struct list_head *head, enum sh_kind kind,
			 phys_addr_t start, size_t size)
{
	int prot = IOMMU_WRITE | IOMMU_NOEXEC | IOMMU_MMIO;
	struct iommu_resv_region *region = NULL;

	switch (kind) {
	case SH_RESERVED:
		region = iommu_alloc_resv_region(start, size, 0,
						 IOMMU_RESV_RESERVED, GFP_KERNEL);
		break;
	case SH_MSI:
		/* ok: resv-region */
		region = iommu_alloc_resv_region(start, size, prot,
						 IOMMU_RESV_MSI, GFP_KERNEL);
		break;
	}
	if (!region)
		return -ENOMEM;
	list_add_tail(&region->list, head);
	return 0;
}

static void sh_get_resv_regions(struct device *dev, struct list_head *head)
{
	sh_add_region(head, SH_MSI, 0x9000000, 0x1000);
}

const struct iommu_ops sh_ops = {
	.get_resv_regions = sh_get_resv_regions,
};
