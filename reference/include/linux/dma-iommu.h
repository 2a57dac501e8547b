/*
 * The IOVA cookie of the DMA API layer (4.4).  4.x .. 5.x drivers called
 * iommu_get_dma_cookie() from domain_alloc for IOMMU_DOMAIN_DMA and
 * iommu_put_dma_cookie() from domain_free; since 5.15 the core does it.
 * The model's core does it too, and these calls are idempotent.
 */
#ifndef __DMA_IOMMU_H
#define __DMA_IOMMU_H

#include <linux/iommu.h>

int iommu_get_dma_cookie(struct iommu_domain *domain);
void iommu_put_dma_cookie(struct iommu_domain *domain);
/* VFIO-style unmanaged domains: MSI doorbells go in the SW_MSI window at @base. */
int iommu_get_msi_cookie(struct iommu_domain *domain, dma_addr_t base);

#endif /* __DMA_IOMMU_H */
