/*
 * IOMMU API of the reference model.
 *
 * Shape: the ops table keeps everything in struct iommu_ops as 4.x .. 5.x
 * did (map/unmap/iova_to_phys/domain_free moved to struct
 * iommu_domain_ops in 5.19/6.1; map/unmap became map_pages/unmap_pages in
 * 5.15 and the old pair was dropped in 6.4).  Fields that later kernels
 * removed are kept so old-shaped code still compiles, and the model core
 * refuses them at iommu_device_register (contract "ops-api"):
 *   detach_dev        removed in 6.3 (attach_dev switches domains)
 *   put_resv_regions  removed in 6.2 (regions carry a ->free callback)
 *   map_sg            removed in 5.x (iommu_map_sg is generic)
 * Older removals (domain_init/domain_destroy and ops->priv in 4.1) are not
 * in the struct at all.
 *
 * History pinned by the reference tests (docs/reference.md), oldest
 * first: domain_alloc/domain_free replace domain_init/domain_destroy and
 * ops->priv goes; IOMMU_DOMAIN_* types; the iova_cookie for the DMA API
 * layer; the device_group callback; per-domain pgsize_bitmap; IOMMU_MMIO;
 * iommu_fwspec; fwnode-based ops lookup; IOMMU_PRIV; reserved regions
 * with exclusive types and SW_MSI (4.11); struct iommu_device with
 * register/unregister and sysfs helpers (4.11); iommu_device.dev made a
 * pointer (4.12: the embedded device was freed by a kfree release);
 * iommu_group_ref_get; of_xlate no longer under CONFIG_OF_IOMMU.
 */
#ifndef __LINUX_IOMMU_H
#define __LINUX_IOMMU_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/device.h>
#include <linux/of.h>
#include <linux/scatterlist.h>

#define IOMMU_READ	(1 << 0)
#define IOMMU_WRITE	(1 << 1)
#define IOMMU_CACHE	(1 << 2)	/* DMA cache coherency */
#define IOMMU_NOEXEC	(1 << 3)
#define IOMMU_MMIO	(1 << 4)	/* e.g. things like MSI doorbells */
#define IOMMU_PRIV	(1 << 5)	/* privileged accesses only */

struct iommu_ops;
struct iommu_group;
struct iommu_domain;
struct module;

/* Domain type bits and the composite types drivers allocate. */
#define __IOMMU_DOMAIN_PAGING	(1U << 0)
#define __IOMMU_DOMAIN_DMA_API	(1U << 1)
#define __IOMMU_DOMAIN_PT	(1U << 2)
#define __IOMMU_DOMAIN_DMA_FQ	(1U << 3)

#define IOMMU_DOMAIN_BLOCKED	(0U)
#define IOMMU_DOMAIN_IDENTITY	(__IOMMU_DOMAIN_PT)
#define IOMMU_DOMAIN_UNMANAGED	(__IOMMU_DOMAIN_PAGING)
#define IOMMU_DOMAIN_DMA	(__IOMMU_DOMAIN_PAGING | __IOMMU_DOMAIN_DMA_API)
#define IOMMU_DOMAIN_DMA_FQ	(__IOMMU_DOMAIN_PAGING | __IOMMU_DOMAIN_DMA_API | \
				 __IOMMU_DOMAIN_DMA_FQ)

struct iommu_domain_geometry {
	dma_addr_t aperture_start;
	dma_addr_t aperture_end;
	bool force_aperture;
};

typedef int (*iommu_fault_handler_t)(struct iommu_domain *, struct device *,
				     unsigned long, int, void *);

/*
 * 6.x: ops is const struct iommu_domain_ops *; here the whole iommu_ops.
 * iova_cookie is struct iommu_dma_cookie * since 5.x (void * in 4.4).
 */
struct iommu_domain {
	unsigned int type;
	const struct iommu_ops *ops;
	unsigned long pgsize_bitmap;	/* per domain since 4.6 */
	iommu_fault_handler_t handler;
	void *handler_token;
	struct iommu_domain_geometry geometry;
	void *iova_cookie;
};

enum iommu_cap {
	IOMMU_CAP_CACHE_COHERENCY,
	IOMMU_CAP_INTR_REMAP,
	IOMMU_CAP_NOEXEC,
};

/*
 * Reserved region types (4.11 "iommu: Disambiguate MSI region types"):
 * a plain enum, never OR-ed together.  MSI is a hardware MSI window that
 * bypasses translation; SW_MSI is a window software maps doorbells into.
 */
enum iommu_resv_type {
	IOMMU_RESV_DIRECT,		/* must be identity mapped */
	IOMMU_RESV_DIRECT_RELAXABLE,	/* 5.3+: direct, may be relaxed */
	IOMMU_RESV_RESERVED,		/* must not be mapped at all */
	IOMMU_RESV_MSI,			/* hardware MSI region, untranslated */
	IOMMU_RESV_SW_MSI,		/* software-managed MSI window */
};

struct iommu_resv_region {
	struct list_head list;
	phys_addr_t start;
	size_t length;
	int prot;
	enum iommu_resv_type type;
	void (*free)(struct device *dev, struct iommu_resv_region *region); /* 6.2+ */
};

struct iommu_iotlb_gather {
	unsigned long start;
	unsigned long end;
	size_t pgsize;
};

struct iommu_ops {
	bool (*capable)(struct device *dev, enum iommu_cap cap);	/* 4.x: (cap) */

	struct iommu_domain *(*domain_alloc)(unsigned int iommu_domain_type);
	void (*domain_free)(struct iommu_domain *domain);

	/*
	 * @attach_dev: attach an iommu domain to a device (6.2+ kernel-doc)
	 *  Return:
	 * * 0		- success
	 * * EINVAL	- device and domain are incompatible (no error logged:
	 *		  callers probe whether a domain can be reused)
	 * * ENOMEM	- out of memory
	 * * ENOSPC	- non-ENOMEM type of resource allocation failures
	 * * EBUSY	- device is attached to a domain and cannot be changed
	 * * ENODEV	- device specific errors, not able to be attached
	 * * <others>	- treated as ENODEV by the caller. Use is discouraged
	 */
	int (*attach_dev)(struct iommu_domain *domain, struct device *dev);
	void (*detach_dev)(struct iommu_domain *domain, struct device *dev); /* removed 6.3 */
	int (*map)(struct iommu_domain *domain, unsigned long iova,
		   phys_addr_t paddr, size_t size, int prot, gfp_t gfp);
	size_t (*unmap)(struct iommu_domain *domain, unsigned long iova,
			size_t size, struct iommu_iotlb_gather *iotlb_gather);
	size_t (*map_sg)(struct iommu_domain *domain, unsigned long iova,
			 struct scatterlist *sg, unsigned int nents, int prot); /* 4.x */
	void (*flush_iotlb_all)(struct iommu_domain *domain);
	void (*iotlb_sync)(struct iommu_domain *domain,
			   struct iommu_iotlb_gather *iotlb_gather);
	phys_addr_t (*iova_to_phys)(struct iommu_domain *domain, dma_addr_t iova);

	struct iommu_device *(*probe_device)(struct device *dev);	/* 5.8+ */
	void (*release_device)(struct device *dev);
	struct iommu_group *(*device_group)(struct device *dev);

	void (*get_resv_regions)(struct device *dev, struct list_head *list);
	void (*put_resv_regions)(struct device *dev, struct list_head *list); /* removed 6.2 */

	/* 6.8+: const struct of_phandle_args *; 4.13+: no longer #ifdef CONFIG_OF_IOMMU */
	int (*of_xlate)(struct device *dev, struct of_phandle_args *args);
	int (*def_domain_type)(struct device *dev);

	unsigned long pgsize_bitmap;
	struct module *owner;
};

/*
 * One hardware IOMMU instance.  dev is a pointer since 4.12: it is
 * allocated by iommu_device_sysfs_add with its own release; embedding it
 * made the kfree release free the middle of the driver's structure.
 */
struct iommu_device {
	struct list_head list;
	const struct iommu_ops *ops;
	struct fwnode_handle *fwnode;
	struct device *dev;
};

/* Per-device IOMMU data (5.8+; 4.x kept fwspec in struct device). */
struct dev_iommu {
	struct iommu_fwspec *fwspec;
	struct iommu_device *iommu_dev;
	void *priv;
};

/*
 * Firmware description of how a device masters through an IOMMU.  6.11
 * dropped fwspec->ops (the ops come from the iommu_device).
 */
struct iommu_fwspec {
	const struct iommu_ops *ops;
	struct fwnode_handle *iommu_fwnode;
	u32 flags;
	unsigned int num_ids;
	u32 ids[];
};

/* As arm-smmu defines them: the software-managed MSI window. */
#ifndef MSI_IOVA_BASE
#define MSI_IOVA_BASE		0x8000000
#define MSI_IOVA_LENGTH		0x100000
#endif

/* iommu_device: sysfs, registration, fwnode */
__printf(4, 5) int iommu_device_sysfs_add(struct iommu_device *iommu,
					  struct device *parent,
					  const struct attribute_group **groups,
					  const char *fmt, ...);
void iommu_device_sysfs_remove(struct iommu_device *iommu);
/* 5.13+ shape; 4.11 .. 5.12: iommu_device_register(iommu) after set_ops/set_fwnode. */
int iommu_device_register(struct iommu_device *iommu,
			  const struct iommu_ops *ops, struct device *hwdev);
void iommu_device_unregister(struct iommu_device *iommu);

/* Removed in 5.13 (register takes ops and hwdev); kept for old-shaped code. */
static inline void iommu_device_set_ops(struct iommu_device *iommu,
					const struct iommu_ops *ops)
{
	iommu->ops = ops;
}

static inline void iommu_device_set_fwnode(struct iommu_device *iommu,
					   struct fwnode_handle *fwnode)
{
	iommu->fwnode = fwnode;
}

const struct iommu_ops *iommu_ops_from_fwnode(struct fwnode_handle *fwnode);

/* groups */
struct iommu_group *iommu_group_alloc(void);
struct iommu_group *iommu_group_get(struct device *dev);
struct iommu_group *iommu_group_ref_get(struct iommu_group *group);
void iommu_group_put(struct iommu_group *group);
int iommu_group_add_device(struct iommu_group *group, struct device *dev);
void iommu_group_remove_device(struct device *dev);
int iommu_group_id(struct iommu_group *group);
struct iommu_group *generic_device_group(struct device *dev);
struct iommu_group *pci_device_group(struct device *dev);
struct iommu_domain *iommu_group_default_domain(struct iommu_group *group);

/* reserved regions; 6.2+ shape with gfp (4.11 .. 6.1: no gfp argument) */
struct iommu_resv_region *iommu_alloc_resv_region(phys_addr_t start,
						  size_t length, int prot,
						  enum iommu_resv_type type,
						  gfp_t gfp);
void iommu_get_resv_regions(struct device *dev, struct list_head *list);
void iommu_put_resv_regions(struct device *dev, struct list_head *list);
/* 5.x helper, removed with ops->put_resv_regions in 6.2 */
void generic_iommu_put_resv_regions(struct device *dev, struct list_head *list);
int iommu_get_group_resv_regions(struct iommu_group *group,
				 struct list_head *head);

/* domains and mappings; iommu_map takes gfp since 6.3 */
struct iommu_domain *iommu_domain_alloc(const struct bus_type *bus);
struct iommu_domain *iommu_paging_domain_alloc(struct device *dev);	/* 6.11+ */
void iommu_domain_free(struct iommu_domain *domain);
int iommu_attach_device(struct iommu_domain *domain, struct device *dev);
void iommu_detach_device(struct iommu_domain *domain, struct device *dev);
struct iommu_domain *iommu_get_domain_for_dev(struct device *dev);
int iommu_map(struct iommu_domain *domain, unsigned long iova,
	      phys_addr_t paddr, size_t size, int prot, gfp_t gfp);
size_t iommu_unmap(struct iommu_domain *domain, unsigned long iova,
		   size_t size);
ssize_t iommu_map_sg(struct iommu_domain *domain, unsigned long iova,
		     struct scatterlist *sg, unsigned int nents, int prot,
		     gfp_t gfp);
phys_addr_t iommu_iova_to_phys(struct iommu_domain *domain, dma_addr_t iova);
int iommu_request_dm_for_dev(struct device *dev);
bool device_iommu_capable(struct device *dev, enum iommu_cap cap);

/* fwspec */
int iommu_fwspec_init(struct device *dev, struct fwnode_handle *iommu_fwnode,
		      const struct iommu_ops *ops);
void iommu_fwspec_free(struct device *dev);
int iommu_fwspec_add_ids(struct device *dev, const u32 *ids, int num_ids);

static inline struct iommu_fwspec *dev_iommu_fwspec_get(struct device *dev)
{
	if (dev->iommu)
		return dev->iommu->fwspec;
	return NULL;
}

static inline void dev_iommu_fwspec_set(struct device *dev,
					struct iommu_fwspec *fwspec)
{
	dev->iommu->fwspec = fwspec;
}

static inline void *dev_iommu_priv_get(struct device *dev)
{
	if (dev->iommu)
		return dev->iommu->priv;
	return NULL;
}

static inline void dev_iommu_priv_set(struct device *dev, void *priv)
{
	dev->iommu->priv = priv;
}

static inline void iommu_iotlb_gather_init(struct iommu_iotlb_gather *gather)
{
	gather->start = ULONG_MAX;
	gather->end = 0;
	gather->pgsize = 0;
}

#endif /* __LINUX_IOMMU_H */
