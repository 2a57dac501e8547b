/* The ops bitmap is filled at probe from what the device reports (virtio-iommu). */
#include <linux/iommu.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

struct pf_hw {
	unsigned long pgsizes;
};

static struct iommu_domain *pf_domain_alloc(unsigned int type)
{
	return kzalloc(sizeof(struct iommu_domain), GFP_KERNEL);
}

static int pf_map(struct iommu_domain *domain, unsigned long iova, phys_addr_t paddr,
		  size_t size, int prot, gfp_t gfp)
{
	return 0;
}

/* ok: pgsize-bitmap */
static struct iommu_ops pf_ops = {
	.map		= pf_map,
	.domain_alloc	= pf_domain_alloc,
	.device_group	= generic_device_group,
};

int pf_probe(struct platform_device *pdev, struct pf_hw *hw)
{
	pf_ops.pgsize_bitmap = hw->pgsizes;
	return 0;
}
