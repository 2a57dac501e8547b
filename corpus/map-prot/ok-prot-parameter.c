/* A prot the caller passes is not judged here. */
#include <linux/iommu.h>
#include <linux/platform_device.h>

int ppa_map(struct iommu_domain *domain, struct resource *res, unsigned long iova, int prot)
{
	/* ok: map-prot */
	return iommu_map(domain, iova, res->start, resource_size(res), prot, GFP_KERNEL);
}
