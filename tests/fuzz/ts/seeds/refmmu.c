// SPDX-License-Identifier: GPL-2.0
/*
 * refmmu: the reference IOMMU driver of iommu-lint.
 *
 * A small stream-table IOMMU: each master is identified by stream IDs
 * (one "iommus" cell), each stream points at a domain's two-level page
 * table (2M blocks at level 1, 4K pages at level 2, 1G of IOVA).  All
 * masters of one instance share one group, since the hardware cannot
 * isolate streams from each other.  MSI writes are translated like any
 * other write, so the MSI window is a software-managed (SW_MSI) region.
 *
 * The driver obeys every contract the checker's rules describe; each
 * mutant under reference/mutants/ breaks exactly one of them.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/io.h>
#include <linux/iommu.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/sizes.h>
#include <linux/slab.h>

#define REFMMU_CTRL			0x00
#define REFMMU_CTRL_ENABLE		BIT(0)
#define REFMMU_INV			0x04
#define REFMMU_STE(sid)			(0x40 + 4 * (sid))
#define REFMMU_STE_VALID		BIT(0)
#define REFMMU_STE_BYPASS		BIT(1)
#define REFMMU_REG_SIZE			0x100
#define REFMMU_MAX_STREAMS		16

#define REFMMU_IOVA_BITS		30
#define REFMMU_PTRS			512
#define REFMMU_L1_SHIFT			21
#define REFMMU_L2_SHIFT			12
#define REFMMU_PGSIZES			(SZ_4K | SZ_2M)

#define REFMMU_PTE_VALID		BIT_ULL(0)
#define REFMMU_PTE_TABLE		BIT_ULL(1)
#define REFMMU_PTE_READ			BIT_ULL(2)
#define REFMMU_PTE_WRITE		BIT_ULL(3)
#define REFMMU_PTE_XN			BIT_ULL(4)
#define REFMMU_PTE_CACHE		BIT_ULL(5)
#define REFMMU_PTE_DEVICE		BIT_ULL(6)
#define REFMMU_PTE_PRIV			BIT_ULL(7)
#define REFMMU_PTE_ADDR_MASK		GENMASK_ULL(47, 12)

/* Hardware hole: the top 1M of IOVA space never reaches memory. */
#define REFMMU_HOLE_BASE		((1ULL << REFMMU_IOVA_BITS) - SZ_1M)
#define REFMMU_HOLE_SIZE		SZ_1M

struct refmmu_pmu {
	struct refmmu_device *mmu;
	u64 events;
	struct device dev;
};

struct refmmu_device {
	struct device *dev;
	void __iomem *base;
	unsigned int num_streams;
	struct iommu_device iommu;
	struct iommu_group *group;
	struct refmmu_pmu *pmu;
	struct mutex lock;
	struct list_head node;
};

struct refmmu_domain {
	struct refmmu_device *mmu;
	u64 *pgd;
	unsigned int attached;
	struct iommu_domain domain;
};

struct refmmu_master {
	struct refmmu_device *mmu;
	struct device *dev;
	struct refmmu_domain *domain;
};

static LIST_HEAD(refmmu_devices);
static DEFINE_MUTEX(refmmu_devices_lock);
static const struct iommu_ops refmmu_ops;

static struct refmmu_domain *to_refmmu_domain(struct iommu_domain *dom)
{
	return container_of(dom, struct refmmu_domain, domain);
}

static struct refmmu_device *refmmu_find_by_fwnode(struct fwnode_handle *fwnode)
{
	struct refmmu_device *mmu, *found = NULL;

	mutex_lock(&refmmu_devices_lock);
	list_for_each_entry(mmu, &refmmu_devices, node) {
		if (mmu->iommu.fwnode == fwnode) {
			found = mmu;
			break;
		}
	}
	mutex_unlock(&refmmu_devices_lock);
	return found;
}

static void refmmu_tlb_inv_all(struct refmmu_device *mmu)
{
	if (mmu)
		writel(1, mmu->base + REFMMU_INV);
}

/* Point every stream of @master at @rdom (or fault when @rdom is NULL). */
static void refmmu_write_stes(struct refmmu_master *master,
			      struct refmmu_domain *rdom)
{
	struct iommu_fwspec *fwspec = dev_iommu_fwspec_get(master->dev);
	unsigned int i;
	u32 ste = 0;

	if (rdom)
		ste = REFMMU_STE_VALID |
		      (rdom->pgd ? 0 : REFMMU_STE_BYPASS);
	for (i = 0; i < fwspec->num_ids; i++)
		writel(ste, master->mmu->base + REFMMU_STE(fwspec->ids[i]));
	refmmu_tlb_inv_all(master->mmu);
}

static void refmmu_detach_master(struct refmmu_master *master)
{
	if (!master->domain)
		return;
	refmmu_write_stes(master, NULL);
	master->domain->attached--;
	master->domain = NULL;
}

static struct iommu_domain *refmmu_domain_alloc(unsigned int type)
{
	struct refmmu_domain *rdom;

	if (type != IOMMU_DOMAIN_UNMANAGED && type != IOMMU_DOMAIN_DMA &&
	    type != IOMMU_DOMAIN_IDENTITY)
		return NULL;

	rdom = kzalloc(sizeof(*rdom), GFP_KERNEL);
	if (!rdom)
		return NULL;

	if (type != IOMMU_DOMAIN_IDENTITY) {
		rdom->pgd = kcalloc(REFMMU_PTRS, sizeof(*rdom->pgd), GFP_KERNEL);
		if (!rdom->pgd)
			goto out_free_domain;
	}
	rdom->domain.pgsize_bitmap = REFMMU_PGSIZES;
	rdom->domain.geometry.aperture_start = 0;
	rdom->domain.geometry.aperture_end = (1ULL << REFMMU_IOVA_BITS) - 1;
	rdom->domain.geometry.force_aperture = true;
	return &rdom->domain;

out_free_domain:
	kfree(rdom);
	return NULL;
}

static void refmmu_domain_free(struct iommu_domain *domain)
{
	struct refmmu_domain *rdom = to_refmmu_domain(domain);
	unsigned int i;

	WARN_ON(rdom->attached);
	if (rdom->pgd) {
		for (i = 0; i < REFMMU_PTRS; i++)
			if (rdom->pgd[i] & REFMMU_PTE_TABLE)
				kfree(phys_to_virt(rdom->pgd[i] & REFMMU_PTE_ADDR_MASK));
		kfree(rdom->pgd);
	}
	kfree(rdom);
}

static int refmmu_attach_dev(struct iommu_domain *domain, struct device *dev)
{
	struct refmmu_domain *rdom = to_refmmu_domain(domain);
	struct refmmu_master *master = dev_iommu_priv_get(dev);

	if (!master)
		return -ENODEV;
	if (rdom->mmu && rdom->mmu != master->mmu)
		return -EINVAL;

	rdom->mmu = master->mmu;
	refmmu_detach_master(master);
	master->domain = rdom;
	rdom->attached++;
	refmmu_write_stes(master, rdom);
	return 0;
}

static u64 refmmu_prot_to_pte(int prot)
{
	u64 pte = REFMMU_PTE_VALID;

	if (prot & IOMMU_READ)
		pte |= REFMMU_PTE_READ;
	if (prot & IOMMU_WRITE)
		pte |= REFMMU_PTE_WRITE;
	if (prot & IOMMU_NOEXEC)
		pte |= REFMMU_PTE_XN;
	if (prot & IOMMU_CACHE)
		pte |= REFMMU_PTE_CACHE;
	if (prot & IOMMU_MMIO)
		pte |= REFMMU_PTE_DEVICE;
	if (prot & IOMMU_PRIV)
		pte |= REFMMU_PTE_PRIV;
	return pte;
}

/* Install one 4K page or 2M block; the core has split and aligned the request. */
static int refmmu_map(struct iommu_domain *domain, unsigned long iova,
		      phys_addr_t paddr, size_t size, int prot, gfp_t gfp)
{
	struct refmmu_domain *rdom = to_refmmu_domain(domain);
	u64 *l1, *table;

	if (!rdom->pgd)
		return -EINVAL;
	if (size != SZ_4K && size != SZ_2M)
		return -EINVAL;
	if (!IS_ALIGNED(iova | paddr, size))
		return -EINVAL;
	if (iova + size - 1 > domain->geometry.aperture_end)
		return -ERANGE;
	if (!(prot & (IOMMU_READ | IOMMU_WRITE)))
		return -EINVAL;

	l1 = &rdom->pgd[iova >> REFMMU_L1_SHIFT];
	if (size == SZ_2M) {
		if (*l1 & REFMMU_PTE_VALID)
			return -EEXIST;
		*l1 = paddr | refmmu_prot_to_pte(prot);
		return 0;
	}

	if (!(*l1 & REFMMU_PTE_VALID)) {
		table = kcalloc(REFMMU_PTRS, sizeof(*table), gfp);
		if (!table)
			return -ENOMEM;
		*l1 = virt_to_phys(table) | REFMMU_PTE_TABLE | REFMMU_PTE_VALID;
	} else if (!(*l1 & REFMMU_PTE_TABLE)) {
		return -EEXIST;
	}
	table = phys_to_virt(*l1 & REFMMU_PTE_ADDR_MASK);
	if (table[(iova >> REFMMU_L2_SHIFT) % REFMMU_PTRS] & REFMMU_PTE_VALID)
		return -EEXIST;
	table[(iova >> REFMMU_L2_SHIFT) % REFMMU_PTRS] = paddr | refmmu_prot_to_pte(prot);
	return 0;
}

static bool refmmu_table_empty(const u64 *table)
{
	unsigned int i;

	for (i = 0; i < REFMMU_PTRS; i++)
		if (table[i] & REFMMU_PTE_VALID)
			return false;
	return true;
}

/* Remove one page or block; blocks are never split, so a 4K hole in a 2M block fails. */
static size_t refmmu_unmap(struct iommu_domain *domain, unsigned long iova,
			   size_t size, struct iommu_iotlb_gather *gather)
{
	struct refmmu_domain *rdom = to_refmmu_domain(domain);
	u64 *l1, *table, *pte;

	if (!rdom->pgd || iova > domain->geometry.aperture_end)
		return 0;
	l1 = &rdom->pgd[iova >> REFMMU_L1_SHIFT];
	if (!(*l1 & REFMMU_PTE_VALID))
		return 0;

	if (!(*l1 & REFMMU_PTE_TABLE)) {
		if (size < SZ_2M)
			return 0;
		*l1 = 0;
		size = SZ_2M;
		goto out_gather;
	}

	table = phys_to_virt(*l1 & REFMMU_PTE_ADDR_MASK);
	if (size >= SZ_2M) {
		*l1 = 0;
		kfree(table);
		size = SZ_2M;
		goto out_gather;
	}
	pte = &table[(iova >> REFMMU_L2_SHIFT) % REFMMU_PTRS];
	if (!(*pte & REFMMU_PTE_VALID))
		return 0;
	*pte = 0;
	size = SZ_4K;
	if (refmmu_table_empty(table)) {
		*l1 = 0;
		kfree(table);
	}

out_gather:
	if (gather) {
		gather->start = min(gather->start, iova);
		gather->end = max(gather->end, iova + size - 1);
		gather->pgsize = size;
	}
	return size;
}

static void refmmu_iotlb_sync(struct iommu_domain *domain,
			      struct iommu_iotlb_gather *gather)
{
	(void)gather;
	refmmu_tlb_inv_all(to_refmmu_domain(domain)->mmu);
}

static void refmmu_flush_iotlb_all(struct iommu_domain *domain)
{
	refmmu_tlb_inv_all(to_refmmu_domain(domain)->mmu);
}

static phys_addr_t refmmu_iova_to_phys(struct iommu_domain *domain,
				       dma_addr_t iova)
{
	struct refmmu_domain *rdom = to_refmmu_domain(domain);
	u64 l1, *table, pte;

	if (!rdom->pgd)
		return iova;
	if (iova > domain->geometry.aperture_end)
		return 0;
	l1 = rdom->pgd[iova >> REFMMU_L1_SHIFT];
	if (!(l1 & REFMMU_PTE_VALID))
		return 0;
	if (!(l1 & REFMMU_PTE_TABLE))
		return (l1 & REFMMU_PTE_ADDR_MASK) + (iova & (SZ_2M - 1));
	table = phys_to_virt(l1 & REFMMU_PTE_ADDR_MASK);
	pte = table[(iova >> REFMMU_L2_SHIFT) % REFMMU_PTRS];
	if (!(pte & REFMMU_PTE_VALID))
		return 0;
	return (pte & REFMMU_PTE_ADDR_MASK) + (iova & (SZ_4K - 1));
}

static bool refmmu_capable(struct device *dev, enum iommu_cap cap)
{
	(void)dev;
	return cap == IOMMU_CAP_CACHE_COHERENCY || cap == IOMMU_CAP_NOEXEC;
}

static struct iommu_device *refmmu_probe_device(struct device *dev)
{
	struct iommu_fwspec *fwspec = dev_iommu_fwspec_get(dev);
	struct refmmu_master *master;
	struct refmmu_device *mmu;

	if (!fwspec || fwspec->ops != &refmmu_ops)
		return ERR_PTR(-ENODEV);

	mmu = refmmu_find_by_fwnode(fwspec->iommu_fwnode);
	if (!mmu)
		return ERR_PTR(-ENODEV);

	master = kzalloc(sizeof(*master), GFP_KERNEL);
	if (!master)
		return ERR_PTR(-ENOMEM);
	master->mmu = mmu;
	master->dev = dev;
	dev_iommu_priv_set(dev, master);
	return &mmu->iommu;
}

static void refmmu_release_device(struct device *dev)
{
	struct refmmu_master *master = dev_iommu_priv_get(dev);

	if (!master)
		return;
	refmmu_detach_master(master);
	dev_iommu_priv_set(dev, NULL);
	kfree(master);
}

/*
 * All masters of an instance share one group.  The cached pointer holds
 * its own reference (dropped in remove), and every caller gets another.
 */
static struct iommu_group *refmmu_device_group(struct device *dev)
{
	struct refmmu_master *master = dev_iommu_priv_get(dev);
	struct refmmu_device *mmu = master->mmu;
	struct iommu_group *group;

	mutex_lock(&mmu->lock);
	if (mmu->group) {
		group = iommu_group_ref_get(mmu->group);
		goto out_unlock;
	}

	group = iommu_group_alloc();
	if (!IS_ERR(group))
		mmu->group = iommu_group_ref_get(group);
out_unlock:
	mutex_unlock(&mmu->lock);
	return group;
}

/*
 * Reserved regions: the software-managed MSI window, the hardware hole at
 * the top of the IOVA space and, when the master's node asks for one, an
 * identity-mapped window.  A failed allocation just ends the list.
 */
static void refmmu_get_resv_regions(struct device *dev, struct list_head *head)
{
	struct iommu_resv_region *region;
	int prot = IOMMU_WRITE | IOMMU_NOEXEC | IOMMU_MMIO;
	u32 base, size;

	region = iommu_alloc_resv_region(MSI_IOVA_BASE, MSI_IOVA_LENGTH, prot,
					 IOMMU_RESV_SW_MSI, GFP_KERNEL);
	if (!region)
		return;
	list_add_tail(&region->list, head);

	region = iommu_alloc_resv_region(REFMMU_HOLE_BASE, REFMMU_HOLE_SIZE, 0,
					 IOMMU_RESV_RESERVED, GFP_KERNEL);
	if (!region)
		return;
	list_add_tail(&region->list, head);

	if (of_property_read_u32(dev->of_node, "refmmu,direct-base", &base) ||
	    of_property_read_u32(dev->of_node, "refmmu,direct-size", &size))
		return;
	region = iommu_alloc_resv_region(base, size, IOMMU_READ | IOMMU_WRITE,
					 IOMMU_RESV_DIRECT, GFP_KERNEL);
	if (!region)
		return;
	list_add_tail(&region->list, head);
}

/*
 * One "iommus = <&refmmu sid>" entry.  The IOMMU's platform device is
 * looked up to check that it is bound; the reference that lookup takes is
 * dropped on every path.
 */
static int refmmu_of_xlate(struct device *dev, struct of_phandle_args *args)
{
	struct platform_device *iommu_pdev;
	struct refmmu_device *mmu;
	u32 sid;
	int ret;

	iommu_pdev = of_find_device_by_node(args->np);
	if (!iommu_pdev)
		return -EPROBE_DEFER;

	mmu = platform_get_drvdata(iommu_pdev);
	if (!mmu) {
		ret = -EPROBE_DEFER;
		goto out_put;
	}
	if (args->args_count != 1) {
		dev_err(dev, "expected one stream ID cell, got %d\n",
			args->args_count);
		ret = -EINVAL;
		goto out_put;
	}
	sid = args->args[0];
	if (sid >= mmu->num_streams) {
		dev_err(dev, "stream ID %u out of range\n", sid);
		ret = -EINVAL;
		goto out_put;
	}

	ret = iommu_fwspec_add_ids(dev, &sid, 1);
out_put:
	put_device(&iommu_pdev->dev);
	return ret;
}

static const struct iommu_ops refmmu_ops = {
	.capable		= refmmu_capable,
	.domain_alloc		= refmmu_domain_alloc,
	.domain_free		= refmmu_domain_free,
	.attach_dev		= refmmu_attach_dev,
	.map			= refmmu_map,
	.unmap			= refmmu_unmap,
	.flush_iotlb_all	= refmmu_flush_iotlb_all,
	.iotlb_sync		= refmmu_iotlb_sync,
	.iova_to_phys		= refmmu_iova_to_phys,
	.probe_device		= refmmu_probe_device,
	.release_device		= refmmu_release_device,
	.device_group		= refmmu_device_group,
	.get_resv_regions	= refmmu_get_resv_regions,
	.of_xlate		= refmmu_of_xlate,
	.pgsize_bitmap		= REFMMU_PGSIZES,
	.owner			= THIS_MODULE,
};

/* The PMU is a child device with its struct device embedded. */
static void refmmu_pmu_release(struct device *dev)
{
	struct refmmu_pmu *pmu = container_of(dev, struct refmmu_pmu, dev);

	kfree(pmu);
}

static int refmmu_pmu_add(struct refmmu_device *mmu)
{
	struct refmmu_pmu *pmu;
	int ret;

	pmu = kzalloc(sizeof(*pmu), GFP_KERNEL);
	if (!pmu)
		return -ENOMEM;
	pmu->mmu = mmu;
	device_initialize(&pmu->dev);
	pmu->dev.parent = mmu->dev;
	pmu->dev.release = refmmu_pmu_release;

	ret = dev_set_name(&pmu->dev, "%s-pmu", dev_name(mmu->dev));
	if (ret)
		goto out_put;
	ret = device_add(&pmu->dev);
	if (ret)
		goto out_put;

	mmu->pmu = pmu;
	return 0;

out_put:
	put_device(&pmu->dev);
	return ret;
}

static void refmmu_pmu_remove(struct refmmu_device *mmu)
{
	device_unregister(&mmu->pmu->dev);
	mmu->pmu = NULL;
}

static int refmmu_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct refmmu_device *mmu;
	struct resource *res;
	u32 num_streams;
	int ret;

	mmu = devm_kzalloc(dev, sizeof(*mmu), GFP_KERNEL);
	if (!mmu)
		return -ENOMEM;
	mmu->dev = dev;
	mutex_init(&mmu->lock);
	INIT_LIST_HEAD(&mmu->node);

	res = platform_get_resource(pdev, IORESOURCE_MEM, 0);
	mmu->base = devm_ioremap_resource(dev, res);
	if (IS_ERR(mmu->base))
		return PTR_ERR(mmu->base);

	if (of_property_read_u32(dev->of_node, "refmmu,num-streams", &num_streams))
		num_streams = REFMMU_MAX_STREAMS;
	mmu->num_streams = min_t(u32, num_streams, REFMMU_MAX_STREAMS);
	writel(REFMMU_CTRL_ENABLE, mmu->base + REFMMU_CTRL);
	platform_set_drvdata(pdev, mmu);

	ret = refmmu_pmu_add(mmu);
	if (ret)
		goto out_disable;

	ret = iommu_device_sysfs_add(&mmu->iommu, dev, NULL, "%s", dev_name(dev));
	if (ret)
		goto out_pmu_remove;

	ret = iommu_device_register(&mmu->iommu, &refmmu_ops, dev);
	if (ret)
		goto out_sysfs_remove;

	mutex_lock(&refmmu_devices_lock);
	list_add_tail(&mmu->node, &refmmu_devices);
	mutex_unlock(&refmmu_devices_lock);
	return 0;

out_sysfs_remove:
	iommu_device_sysfs_remove(&mmu->iommu);
out_pmu_remove:
	refmmu_pmu_remove(mmu);
out_disable:
	writel(0, mmu->base + REFMMU_CTRL);
	return ret;
}

/* Undo probe in reverse order; the cached group reference goes last. */
static void refmmu_remove(struct platform_device *pdev)
{
	struct refmmu_device *mmu = platform_get_drvdata(pdev);

	mutex_lock(&refmmu_devices_lock);
	list_del(&mmu->node);
	mutex_unlock(&refmmu_devices_lock);

	iommu_device_unregister(&mmu->iommu);
	iommu_device_sysfs_remove(&mmu->iommu);
	refmmu_pmu_remove(mmu);
	writel(0, mmu->base + REFMMU_CTRL);

	if (mmu->group) {
		iommu_group_put(mmu->group);
		mmu->group = NULL;
	}
}

static const struct of_device_id refmmu_of_match[] = {
	{ .compatible = "iommu-lint,refmmu" },
	{ }
};
MODULE_DEVICE_TABLE(of, refmmu_of_match);

static struct platform_driver refmmu_driver = {
	.driver	= {
		.name		= "refmmu",
		.of_match_table	= refmmu_of_match,
	},
	.probe		= refmmu_probe,
	.remove_new	= refmmu_remove,
};
module_platform_driver(refmmu_driver);

MODULE_DESCRIPTION("Reference IOMMU driver for iommu-lint");
MODULE_LICENSE("GPL");
