/* A device's register window, from its struct resource, mapped as memory. */
#include <linux/iommu.h>
#include <linux/platform_device.h>

int rs_map_regs(struct iommu_domain *domain, struct platform_device *pdev,
		unsigned long iova)
{
	struct resource *res = platform_get_resource(pdev, IORESOURCE_MEM, 0);

	if (!res)
		return -ENODEV;
	/* expect: map-prot */
	return iommu_map(domain, iova, res->start, resource_size(res),
			 IOMMU_READ | IOMMU_WRITE, GFP_KERNEL);
}
