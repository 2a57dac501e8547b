/* The same physical address is ioremap()ed and IOMMU-mapped as memory. */
#include <linux/iommu.h>
#include <linux/io.h>
#include <linux/sizes.h>

static void __iomem *ior_regs;

int ior_map_doorbell(struct iommu_domain *domain, phys_addr_t doorbell,
		     unsigned long iova)
{
	int prot = IOMMU_WRITE;

	ior_regs = ioremap(doorbell, SZ_4K);
	if (!ior_regs)
		return -ENOMEM;
	/* expect: map-prot */
	return iommu_map(domain, iova, doorbell, SZ_4K, prot, GFP_KERNEL);
}
