/*
 * A direct-mapped reserved region over a device's registers: the core maps
 * it with the region's prot, so it needs IOMMU_MMIO too.
 */
#include <linux/iommu.h>
#include <linux/platform_device.h>

void drs_resv_regs(struct platform_device *pdev, struct list_head *head)
{
	struct resource *res = platform_get_resource(pdev, IORESOURCE_MEM, 1);
	struct iommu_resv_region *region;

	if (!res)
		return;
	/* expect: map-prot */
	region = iommu_alloc_resv_region(res->start, resource_size(res),
					 IOMMU_READ | IOMMU_WRITE,
					 IOMMU_RESV_DIRECT, GFP_KERNEL);
	if (region)
		list_add_tail(&region->list, head);
}
