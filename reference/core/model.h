/*
 * Model-only interface of the reference kernel: contract reporting, the
 * tracking allocator's controls, builders for device tree nodes and
 * platform devices, and the MSI path of dma-iommu.  Nothing here exists in
 * the kernel; drivers never include it, tests and the core do.
 */
#ifndef _REFERENCE_MODEL_H
#define _REFERENCE_MODEL_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/list.h>

struct device;
struct device_node;
struct platform_device;
struct iommu_resv_region;

/* Contracts: every violation is recorded by name with a description. */
__printf(2, 3) void contract_violation(const char *contract, const char *fmt, ...);
unsigned int contract_count(void);
bool contract_seen(const char *contract);
/* Distinct contract names seen since the last reset, in first-seen order. */
unsigned int contract_names(const char **names, unsigned int max);
/* The description of the first violation of @contract, or NULL. */
const char *contract_message(const char *contract);

/* Forget all model state: allocator, registries, contracts. */
void refcheck_reset(void);
/*
 * End of a run: report live devices, registered IOMMUs, live groups and
 * nodes, leaked and poisoned blocks, then release all memory.  Returns the
 * total number of violations of the run.
 */
unsigned int refcheck_teardown(void);

/* Tracking allocator controls. */
void kmem_fail_nth(unsigned long nth);	/* 0: never fail; else fail the nth allocation */
bool kmem_fault_hit(void);		/* the armed failure happened */
/*
 * Allocations inside callbacks that cannot return an error (the void
 * get_resv_regions) may fail silently: the core brackets such calls.
 */
void kmem_tolerate_faults(bool enter);
bool kmem_fault_tolerated(void);	/* the failure hit inside such a call */
unsigned long kmem_alloc_count(void);
bool kmem_is_live(const void *p);	/* start of an allocated, not freed block */
/* Blocks allocated after kmem_alloc_count() was seq that are still live. */
unsigned long kmem_live_since(unsigned long seq);
void kmem_label(const void *p, const char *label);

/* printk goes to stderr when REFMODEL_VERBOSE is set in the environment. */
void model_set_verbose(bool verbose);
/* Messages logged at KERN_ERR (pr_err, dev_err) since the last reset. */
unsigned long model_error_logs(void);
/* Count one error-level message (the dev_* printers know their level). */
void model_note_error_log(void);

/* Device tree builder: nodes start with one reference held by the tree. */
struct device_node *of_model_node_create(const char *name, const char *compatible);
int of_model_set_u32s(struct device_node *np, const char *name,
		      const u32 *vals, int n);
void of_model_node_destroy(struct device_node *np);

/* A platform device for @np with one MEM resource, added to the bus. */
struct platform_device *platform_model_device_create(struct device_node *np,
						     const char *name, int id,
						     phys_addr_t base, size_t size);

/*
 * What of_dma_configure leaves in the phandle cells the device tree does not
 * fill (the kernel's are uninitialised stack): a plausible stream id, so a
 * driver that reads them unchecked accepts it (of-xlate-args-count).
 */
#define OF_MODEL_CELL_POISON	13u

/* Some live platform device has a MEM resource overlapping [start, start + size). */
bool platform_model_is_mmio(phys_addr_t start, size_t size);

/* dma-iommu MSI path: the IOVA a device must write to reach @doorbell. */
int iommu_dma_map_msi(struct device *dev, phys_addr_t doorbell, dma_addr_t *iova);
/*
 * The device writes its MSI to @iova: the IOMMU translates it (refmmu-like
 * hardware has no MSI bypass).  Reports "msi-translation" when the write
 * does not reach @doorbell.
 */
int iommu_model_msi_write(struct device *dev, dma_addr_t iova, phys_addr_t doorbell);

/* The region insertion used by iommu_get_group_resv_regions (sort + merge). */
int iommu_model_insert_resv_region(struct iommu_resv_region *new,
				   struct list_head *regions);
/* Largest page of @pgsize_bitmap usable at iova/paddr for @size, or 0. */
size_t iommu_model_pgsize(unsigned long pgsize_bitmap, unsigned long iova,
			  phys_addr_t paddr, size_t size);

#endif /* _REFERENCE_MODEL_H */
