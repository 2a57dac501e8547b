/*
 * IOMMU core of the reference model: iommu_device registration and
 * sysfs, fwnode -> ops lookup, the OF probe flow (fwspec, of_xlate per
 * phandle, probe_device, device_group, default domain with direct
 * mappings), group reference counting, reserved regions, domains and the
 * page-splitting map/unmap, plus the MSI part of dma-iommu.
 *
 * Behaviour follows the 6.x kernel where the model's contracts are
 * concerned; every place where a driver can break a contract reports it
 * by name (see docs/reference.md for the list).
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/dma-iommu.h>
#include <linux/iommu.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "core.h"
#include "model.h"

struct iommu_group {
	struct kref kref;
	int id;
	struct list_head devices;
	struct iommu_domain *default_domain;
	struct iommu_domain *domain;
	struct list_head node;
};

struct group_device {
	struct list_head list;
	struct device *dev;
};

/* The model's stand-in for the per-registration state of bus_iommu_probe. */
struct iommu_registration {
	struct list_head node;
	struct iommu_device *iommu;
};

struct iommu_dma_msi_page {
	struct list_head list;
	phys_addr_t phys;
	dma_addr_t iova;
};

struct iommu_dma_cookie {
	struct list_head msi_page_list;
	bool driver;		/* taken by the driver's domain_alloc (before 5.15) */
};

/*
 * dma-cookie-pair: before 5.15 a driver's domain_alloc took the DMA cookie
 * itself and the core never put it.  A cookie taken inside domain_alloc is
 * therefore the driver's: a failed domain_alloc must not leave one behind,
 * and the core leaves its put to the driver's domain_free.
 */
static int cookie_in_driver;
static unsigned long cookies_live;

static LIST_HEAD(iommu_device_list);
static LIST_HEAD(iommu_group_list);
static int iommu_group_next_id;

static void iommu_class_release(struct device *dev)
{
	kfree(dev);
}

static const struct class iommu_class = {
	.name = "iommu",
	.dev_release = iommu_class_release,
};

/*
 * Create the sysfs device of an IOMMU.  The struct device is allocated
 * here, separately from the driver's structure, and freed by the class
 * release: since 4.12 iommu_device holds a pointer, not an embedded device.
 */
int iommu_device_sysfs_add(struct iommu_device *iommu, struct device *parent,
			   const struct attribute_group **groups,
			   const char *fmt, ...)
{
	struct device *dev;
	va_list vargs;
	int ret;

	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return -ENOMEM;
	kmem_label(dev, "iommu sysfs device");
	device_initialize(dev);
	dev->class = &iommu_class;
	dev->parent = parent;
	dev->groups = groups;

	va_start(vargs, fmt);
	ret = dev_set_name_va(dev, fmt, vargs);
	va_end(vargs);
	if (ret)
		goto out_put;

	ret = device_add(dev);
	if (ret)
		goto out_put;

	dev_set_drvdata(dev, iommu);
	iommu->dev = dev;
	return 0;

out_put:
	put_device(dev);
	return ret;
}

void iommu_device_sysfs_remove(struct iommu_device *iommu)
{
	if (!iommu->dev) {
		contract_violation("iommu-sysfs-remove",
				   "iommu_device_sysfs_remove(%p) without a successful iommu_device_sysfs_add",
				   iommu);
		return;
	}
	dev_set_drvdata(iommu->dev, NULL);
	device_unregister(iommu->dev);
	iommu->dev = NULL;
}

static struct iommu_registration *iommu_find_registration(struct iommu_device *iommu)
{
	struct iommu_registration *reg;

	list_for_each_entry(reg, &iommu_device_list, node)
		if (reg->iommu == iommu)
			return reg;
	return NULL;
}

/* Ops fields the modelled kernel no longer has, and required callbacks. */
static void iommu_check_ops(const struct iommu_ops *ops, struct device *hwdev)
{
	const char *name = hwdev ? dev_name(hwdev) : "?";

	if (ops->detach_dev)
		contract_violation("ops-api", "%s: iommu_ops.detach_dev was removed in 6.3; attach_dev must switch domains",
				   name);
	if (ops->put_resv_regions)
		contract_violation("ops-api", "%s: iommu_ops.put_resv_regions was removed in 6.2; the core frees regions",
				   name);
	if (ops->map_sg)
		contract_violation("ops-api", "%s: iommu_ops.map_sg is gone; iommu_map_sg is generic", name);
	if (!ops->domain_alloc || !ops->domain_free || !ops->attach_dev ||
	    !ops->map || !ops->unmap || !ops->iova_to_phys ||
	    !ops->probe_device || !ops->device_group)
		contract_violation("ops-api", "%s: iommu_ops lacks a required callback", name);
}

int iommu_device_register(struct iommu_device *iommu,
			  const struct iommu_ops *ops, struct device *hwdev)
{
	struct iommu_registration *reg;

	if (!ops)
		return -EINVAL;
	if (WARN_ON(iommu_find_registration(iommu)))
		return -EEXIST;
	iommu_check_ops(ops, hwdev);

	reg = kzalloc(sizeof(*reg), GFP_KERNEL);
	if (!reg)
		return -ENOMEM;
	kmem_label(reg, "iommu registration");
	reg->iommu = iommu;
	iommu->ops = ops;
	if (hwdev && dev_fwnode(hwdev))
		iommu->fwnode = dev_fwnode(hwdev);
	INIT_LIST_HEAD(&iommu->list);
	list_add_tail(&reg->node, &iommu_device_list);
	return 0;
}

void iommu_device_unregister(struct iommu_device *iommu)
{
	struct iommu_registration *reg = iommu_find_registration(iommu);

	if (!reg) {
		contract_violation("iommu-device-unregister",
				   "iommu_device_unregister(%p) of a device that is not registered",
				   iommu);
		return;
	}
	list_del(&reg->node);
	kfree(reg);
}

const struct iommu_ops *iommu_ops_from_fwnode(struct fwnode_handle *fwnode)
{
	struct iommu_registration *reg;

	list_for_each_entry(reg, &iommu_device_list, node)
		if (reg->iommu->fwnode == fwnode)
			return reg->iommu->ops;
	return NULL;
}

static const struct iommu_ops *dev_iommu_ops(struct device *dev)
{
	if (!dev->iommu)
		return NULL;
	if (dev->iommu->iommu_dev)
		return dev->iommu->iommu_dev->ops;
	return dev->iommu->fwspec ? dev->iommu->fwspec->ops : NULL;
}

bool device_iommu_capable(struct device *dev, enum iommu_cap cap)
{
	const struct iommu_ops *ops = dev_iommu_ops(dev);

	return ops && ops->capable && ops->capable(dev, cap);
}

/* Groups */

static void iommu_group_release(struct kref *kref)
{
	struct iommu_group *group = container_of(kref, struct iommu_group, kref);

	list_del(&group->node);
	if (group->default_domain)
		iommu_domain_free(group->default_domain);
	kfree(group);
}

struct iommu_group *iommu_group_alloc(void)
{
	struct iommu_group *group;

	group = kzalloc(sizeof(*group), GFP_KERNEL);
	if (!group)
		return ERR_PTR(-ENOMEM);
	kmem_label(group, "iommu_group");
	kref_init(&group->kref);
	INIT_LIST_HEAD(&group->devices);
	group->id = iommu_group_next_id++;
	list_add_tail(&group->node, &iommu_group_list);
	return group;
}

static bool iommu_group_live(struct iommu_group *group, const char *what)
{
	if (kmem_is_live(group))
		return true;
	contract_violation("iommu-group-ref",
			   "%s on group %p after its last reference was dropped: a group was handed out without iommu_group_ref_get",
			   what, group);
	return false;
}

struct iommu_group *iommu_group_ref_get(struct iommu_group *group)
{
	if (!iommu_group_live(group, "iommu_group_ref_get"))
		return group;
	kref_get(&group->kref);
	return group;
}

struct iommu_group *iommu_group_get(struct device *dev)
{
	struct iommu_group *group = dev->iommu_group;

	if (group)
		iommu_group_ref_get(group);
	return group;
}

void iommu_group_put(struct iommu_group *group)
{
	if (!group || !iommu_group_live(group, "iommu_group_put"))
		return;
	kref_put(&group->kref, iommu_group_release);
}

int iommu_group_id(struct iommu_group *group)
{
	return group->id;
}

struct iommu_domain *iommu_group_default_domain(struct iommu_group *group)
{
	return group->default_domain;
}

int iommu_group_add_device(struct iommu_group *group, struct device *dev)
{
	struct group_device *gd;

	if (!iommu_group_live(group, "iommu_group_add_device"))
		return -EINVAL;
	gd = kzalloc(sizeof(*gd), GFP_KERNEL);
	if (!gd)
		return -ENOMEM;
	kmem_label(gd, "group_device");
	gd->dev = dev;
	kref_get(&group->kref);
	dev->iommu_group = group;
	list_add_tail(&gd->list, &group->devices);
	return 0;
}

void iommu_group_remove_device(struct device *dev)
{
	struct iommu_group *group = dev->iommu_group;
	struct group_device *gd;

	if (!group)
		return;
	dev->iommu_group = NULL;
	if (!iommu_group_live(group, "iommu_group_remove_device"))
		return;
	list_for_each_entry(gd, &group->devices, list) {
		if (gd->dev == dev) {
			list_del(&gd->list);
			kfree(gd);
			break;
		}
	}
	iommu_group_put(group);
}

static unsigned int iommu_group_device_count(struct iommu_group *group)
{
	struct group_device *gd;
	unsigned int n = 0;

	list_for_each_entry(gd, &group->devices, list)
		n++;
	return n;
}

struct iommu_group *generic_device_group(struct device *dev)
{
	(void)dev;
	return iommu_group_alloc();
}

/* The model has no PCI bus: no device is a PCI device. */
struct iommu_group *pci_device_group(struct device *dev)
{
	(void)dev;
	return ERR_PTR(-EINVAL);
}

/* Domains */

int iommu_get_dma_cookie(struct iommu_domain *domain)
{
	struct iommu_dma_cookie *cookie;

	if (domain->iova_cookie)
		return 0;
	cookie = kzalloc(sizeof(*cookie), GFP_KERNEL);
	if (!cookie)
		return -ENOMEM;
	kmem_label(cookie, "iommu_dma_cookie");
	INIT_LIST_HEAD(&cookie->msi_page_list);
	cookie->driver = cookie_in_driver > 0;
	cookies_live++;
	domain->iova_cookie = cookie;
	return 0;
}

int iommu_get_msi_cookie(struct iommu_domain *domain, dma_addr_t base)
{
	(void)base;
	return iommu_get_dma_cookie(domain);
}

static void iommu_dma_cookie_free(struct iommu_dma_cookie *cookie)
{
	struct iommu_dma_msi_page *msi, *tmp;

	list_for_each_entry_safe(msi, tmp, &cookie->msi_page_list, list) {
		list_del(&msi->list);
		kfree(msi);
	}
	kfree(cookie);
	cookies_live--;
}

void iommu_put_dma_cookie(struct iommu_domain *domain)
{
	if (!domain->iova_cookie)
		return;
	iommu_dma_cookie_free(domain->iova_cookie);
	domain->iova_cookie = NULL;
}

static struct iommu_domain *__iommu_domain_alloc(const struct iommu_ops *ops,
						 unsigned int type)
{
	struct iommu_domain *domain;

	unsigned long cookies = cookies_live;

	if (!ops || !ops->domain_alloc)
		return NULL;
	cookie_in_driver++;
	domain = ops->domain_alloc(type);
	cookie_in_driver--;
	if (!domain) {
		if (cookies_live != cookies)
			contract_violation("dma-cookie-put",
					   "domain_alloc(%u) failed after taking a DMA cookie it did not put",
					   type);
		return NULL;
	}
	domain->ops = ops;
	domain->type = type;
	if (!domain->pgsize_bitmap)
		domain->pgsize_bitmap = ops->pgsize_bitmap;
	/* the ops' bitmap or the domain's own (per domain since 4.6): map/unmap need one */
	if ((type & __IOMMU_DOMAIN_PAGING) && !domain->pgsize_bitmap)
		contract_violation("pgsize-bitmap",
				   "paging domain of type %#x has no page sizes (neither ops->pgsize_bitmap nor its own)",
				   type);
	if ((type & __IOMMU_DOMAIN_DMA_API) && iommu_get_dma_cookie(domain)) {
		ops->domain_free(domain);
		return NULL;
	}
	return domain;
}

/*
 * Every attach_dev call goes through here: since 6.2 the kernel-doc of
 * attach_dev lists the codes it may return (contract "attach-dev-return"),
 * and -EINVAL, the "incompatible domain" answer callers probe for, must
 * come without an error in the log.
 */
static int iommu_call_attach_dev(struct iommu_domain *domain, struct device *dev)
{
	unsigned long logs = model_error_logs();
	int ret = domain->ops->attach_dev(domain, dev);

	switch (ret) {
	case 0:
	case -ENOMEM:
	case -ENOSPC:
	case -EBUSY:
	case -ENODEV:
		break;
	case -EINVAL:
		if (model_error_logs() != logs)
			contract_violation("attach-dev-return",
					   "%s: attach_dev logged an error while returning -EINVAL (incompatible domain)",
					   dev_name(dev));
		break;
	default:
		contract_violation("attach-dev-return",
				   "%s: attach_dev returned %d, not one of 0, -EINVAL, -ENOMEM, -ENOSPC, -EBUSY, -ENODEV",
				   dev_name(dev), ret);
		break;
	}
	return ret;
}

/* 6.x picks the IOMMU of the first device on @bus; the model the first registered. */
struct iommu_domain *iommu_domain_alloc(const struct bus_type *bus)
{
	struct iommu_registration *reg;

	if (bus && bus->iommu_ops)
		return __iommu_domain_alloc(bus->iommu_ops, IOMMU_DOMAIN_UNMANAGED);
	if (list_empty(&iommu_device_list))
		return NULL;
	reg = list_first_entry(&iommu_device_list, struct iommu_registration, node);
	return __iommu_domain_alloc(reg->iommu->ops, IOMMU_DOMAIN_UNMANAGED);
}

struct iommu_domain *iommu_paging_domain_alloc(struct device *dev)
{
	const struct iommu_ops *ops = dev_iommu_ops(dev);
	struct iommu_domain *domain;

	if (!ops)
		return ERR_PTR(-ENODEV);
	domain = __iommu_domain_alloc(ops, IOMMU_DOMAIN_UNMANAGED);
	return domain ? domain : ERR_PTR(-ENOMEM);
}

void iommu_domain_free(struct iommu_domain *domain)
{
	struct iommu_dma_cookie *cookie;

	if (!domain)
		return;
	cookie = domain->iova_cookie;
	if (cookie && cookie->driver) {
		domain->ops->domain_free(domain);
		if (kmem_is_live(cookie)) {
			contract_violation("dma-cookie-put",
					   "domain_free left the DMA cookie %p its domain_alloc took", cookie);
			iommu_dma_cookie_free(cookie);
		}
		return;
	}
	iommu_put_dma_cookie(domain);
	domain->ops->domain_free(domain);
}

int iommu_attach_device(struct iommu_domain *domain, struct device *dev)
{
	struct iommu_group *group = dev->iommu_group;
	int ret;

	if (!group)
		return -ENODEV;
	if (iommu_group_device_count(group) != 1)
		return -EINVAL;
	if (group->domain != group->default_domain)
		return -EBUSY;
	ret = iommu_call_attach_dev(domain, dev);
	if (ret)
		return ret;
	group->domain = domain;
	return 0;
}

/* Since 6.3 detaching means attaching the default domain again. */
void iommu_detach_device(struct iommu_domain *domain, struct device *dev)
{
	struct iommu_group *group = dev->iommu_group;
	struct iommu_domain *def;

	if (WARN_ON(!group || group->domain != domain))
		return;
	def = group->default_domain;
	if (def)
		WARN_ON(iommu_call_attach_dev(def, dev));
	group->domain = def;
}

struct iommu_domain *iommu_get_domain_for_dev(struct device *dev)
{
	return dev->iommu_group ? dev->iommu_group->domain : NULL;
}

size_t iommu_model_pgsize(unsigned long pgsize_bitmap, unsigned long iova,
			  phys_addr_t paddr, size_t size)
{
	unsigned long addr_merge = iova | (unsigned long)paddr;
	unsigned long pgsizes;

	if (!size)
		return 0;
	pgsizes = pgsize_bitmap & GENMASK(__fls(size), 0);
	if (addr_merge)
		pgsizes &= GENMASK(__ffs(addr_merge), 0);
	if (!pgsizes)
		return 0;
	return BIT(__fls(pgsizes));
}

/*
 * Map [iova, iova + size) to paddr, each step with the largest page size
 * of the domain's pgsize_bitmap that fits and is aligned for both
 * addresses; on failure everything mapped so far is unmapped again.
 */
int iommu_map(struct iommu_domain *domain, unsigned long iova,
	      phys_addr_t paddr, size_t size, int prot, gfp_t gfp)
{
	const struct iommu_ops *ops = domain->ops;
	unsigned long orig_iova = iova;
	size_t orig_size = size;
	unsigned long min_pagesz;
	int ret = 0;

	if (!ops || !ops->map || !domain->pgsize_bitmap)
		return -ENODEV;
	if (!(domain->type & __IOMMU_DOMAIN_PAGING))
		return -EINVAL;
	/*
	 * map-prot: io-pgtable maps nothing for a prot without READ/WRITE
	 * (IOMMU_PRIV only qualifies them), and a device's registers need
	 * IOMMU_MMIO.
	 */
	if (!(prot & (IOMMU_READ | IOMMU_WRITE)))
		contract_violation("map-no-access",
				   "iommu_map of iova 0x%lx with prot 0x%x: neither IOMMU_READ nor IOMMU_WRITE, nothing is mapped",
				   iova, prot);
	else if (!(prot & IOMMU_MMIO) && platform_model_is_mmio(paddr, size))
		contract_violation("map-mmio-as-memory",
				   "iommu_map of pa 0x%llx, a device's MEM resource, without IOMMU_MMIO",
				   (unsigned long long)paddr);
	min_pagesz = 1UL << __ffs(domain->pgsize_bitmap);
	if (!IS_ALIGNED(iova | paddr | size, min_pagesz)) {
		pr_err("unaligned: iova 0x%lx pa 0x%llx size 0x%zx min_pagesz 0x%lx\n",
		       iova, (unsigned long long)paddr, size, min_pagesz);
		return -EINVAL;
	}

	while (size) {
		size_t pgsize = iommu_model_pgsize(domain->pgsize_bitmap, iova,
						   paddr, size);

		if (!pgsize) {
			ret = -EINVAL;
			break;
		}
		ret = ops->map(domain, iova, paddr, pgsize, prot, gfp);
		if (ret)
			break;
		iova += pgsize;
		paddr += pgsize;
		size -= pgsize;
	}

	if (ret)
		iommu_unmap(domain, orig_iova, orig_size - size);
	return ret;
}

size_t iommu_unmap(struct iommu_domain *domain, unsigned long iova, size_t size)
{
	const struct iommu_ops *ops = domain->ops;
	struct iommu_iotlb_gather gather;
	unsigned long min_pagesz;
	size_t unmapped = 0;

	if (!ops || !ops->unmap || !domain->pgsize_bitmap)
		return 0;
	if (!(domain->type & __IOMMU_DOMAIN_PAGING))
		return 0;
	min_pagesz = 1UL << __ffs(domain->pgsize_bitmap);
	if (!IS_ALIGNED(iova | size, min_pagesz))
		return 0;

	iommu_iotlb_gather_init(&gather);
	while (unmapped < size) {
		size_t pgsize = iommu_model_pgsize(domain->pgsize_bitmap, iova, 0,
						   size - unmapped);
		size_t unmapped_page;

		if (!pgsize)
			break;
		unmapped_page = ops->unmap(domain, iova, pgsize, &gather);
		if (!unmapped_page)
			break;
		iova += unmapped_page;
		unmapped += unmapped_page;
	}
	if (ops->iotlb_sync)
		ops->iotlb_sync(domain, &gather);
	return unmapped;
}

ssize_t iommu_map_sg(struct iommu_domain *domain, unsigned long iova,
		     struct scatterlist *sg, unsigned int nents, int prot,
		     gfp_t gfp)
{
	struct scatterlist *s;
	size_t mapped = 0;
	unsigned int i;
	int ret;

	for_each_sg(sg, s, nents, i) {
		ret = iommu_map(domain, iova + mapped, sg_phys(s), s->length, prot, gfp);
		if (ret)
			goto out_unmap;
		s->dma_address = iova + mapped;
		s->dma_length = s->length;
		mapped += s->length;
	}
	return (ssize_t)mapped;

out_unmap:
	iommu_unmap(domain, iova, mapped);
	return ret;
}

phys_addr_t iommu_iova_to_phys(struct iommu_domain *domain, dma_addr_t iova)
{
	if (domain->type == IOMMU_DOMAIN_IDENTITY)
		return iova;
	if (domain->type == IOMMU_DOMAIN_BLOCKED || !domain->ops->iova_to_phys)
		return 0;
	return domain->ops->iova_to_phys(domain, iova);
}

/* Reserved regions */

struct iommu_resv_region *iommu_alloc_resv_region(phys_addr_t start,
						  size_t length, int prot,
						  enum iommu_resv_type type,
						  gfp_t gfp)
{
	struct iommu_resv_region *region;

	if ((unsigned int)type > IOMMU_RESV_SW_MSI) {
		contract_violation("resv-region-type",
				   "iommu_alloc_resv_region(0x%llx, 0x%zx): type %u is not an enum iommu_resv_type value; the types are exclusive, never OR-ed",
				   (unsigned long long)start, length, (unsigned int)type);
		return NULL;
	}
	region = kzalloc(sizeof(*region), gfp);
	if (!region)
		return NULL;
	kmem_label(region, "iommu_resv_region");
	INIT_LIST_HEAD(&region->list);
	region->start = start;
	region->length = length;
	region->prot = prot;
	region->type = type;
	return region;
}

void iommu_get_resv_regions(struct device *dev, struct list_head *list)
{
	const struct iommu_ops *ops = dev_iommu_ops(dev);

	if (ops && ops->get_resv_regions) {
		kmem_tolerate_faults(true);
		ops->get_resv_regions(dev, list);
		kmem_tolerate_faults(false);
	}
}

/* 6.2+: the core frees the regions; ops->put_resv_regions is never called. */
void iommu_put_resv_regions(struct device *dev, struct list_head *list)
{
	struct iommu_resv_region *entry, *next;

	list_for_each_entry_safe(entry, next, list, list) {
		list_del(&entry->list);
		if (entry->free)
			entry->free(dev, entry);
		else
			kfree(entry);
	}
}

void generic_iommu_put_resv_regions(struct device *dev, struct list_head *list)
{
	iommu_put_resv_regions(dev, list);
}

/*
 * Insert a copy of @new into @regions, kept sorted by start (then type).
 * Regions of the same type that overlap or touch the new one are merged
 * into it; regions of other types are never merged with it.
 */
int iommu_model_insert_resv_region(struct iommu_resv_region *new,
				   struct list_head *regions)
{
	struct iommu_resv_region *nr, *iter, *tmp;
	phys_addr_t start, end;

	if (!new->length)
		return 0;
	nr = iommu_alloc_resv_region(new->start, new->length, new->prot,
				     new->type, GFP_KERNEL);
	if (!nr)
		return -ENOMEM;
	start = nr->start;
	end = nr->start + nr->length - 1;

	list_for_each_entry_safe(iter, tmp, regions, list) {
		phys_addr_t iter_end = iter->start + iter->length - 1;

		if (iter->type != nr->type)
			continue;
		if (iter->start > end + 1 || iter_end + 1 < start)
			continue;
		start = min(start, iter->start);
		end = max(end, iter_end);
		nr->prot |= iter->prot;
		list_del(&iter->list);
		kfree(iter);
	}
	nr->start = start;
	nr->length = end - start + 1;

	list_for_each_entry(iter, regions, list)
		if (iter->start > nr->start ||
		    (iter->start == nr->start && iter->type > nr->type))
			break;
	list_add_tail(&nr->list, &iter->list);
	return 0;
}

int iommu_get_group_resv_regions(struct iommu_group *group,
				 struct list_head *head)
{
	struct group_device *gd;
	int ret = 0;

	list_for_each_entry(gd, &group->devices, list) {
		struct iommu_resv_region *region;
		LIST_HEAD(dev_regions);

		iommu_get_resv_regions(gd->dev, &dev_regions);
		list_for_each_entry(region, &dev_regions, list) {
			ret = iommu_model_insert_resv_region(region, head);
			if (ret)
				break;
		}
		iommu_put_resv_regions(gd->dev, &dev_regions);
		if (ret)
			break;
	}
	return ret;
}

/* Identity-map the DIRECT regions of @dev into a paging default domain. */
static int iommu_create_device_direct_mappings(struct iommu_domain *domain,
					       struct device *dev)
{
	struct iommu_resv_region *entry;
	unsigned long pg_size;
	LIST_HEAD(mappings);
	int ret = 0;

	if (!(domain->type & __IOMMU_DOMAIN_PAGING))
		return 0;
	/* no page sizes: already a pgsize-bitmap violation at allocation */
	if (!domain->pgsize_bitmap)
		return -EINVAL;
	pg_size = 1UL << __ffs(domain->pgsize_bitmap);

	iommu_get_resv_regions(dev, &mappings);
	list_for_each_entry(entry, &mappings, list) {
		phys_addr_t start, end, addr;

		if (entry->type != IOMMU_RESV_DIRECT &&
		    entry->type != IOMMU_RESV_DIRECT_RELAXABLE)
			continue;
		start = ALIGN_DOWN(entry->start, pg_size);
		end = ALIGN(entry->start + entry->length, pg_size);
		for (addr = start; addr < end; addr += pg_size) {
			if (iommu_iova_to_phys(domain, addr) == addr && addr)
				continue;
			ret = iommu_map(domain, addr, addr, pg_size, entry->prot,
					GFP_KERNEL);
			if (ret)
				goto out_put;
		}
	}
out_put:
	iommu_put_resv_regions(dev, &mappings);
	return ret;
}

int iommu_request_dm_for_dev(struct device *dev)
{
	const struct iommu_ops *ops = dev_iommu_ops(dev);
	struct iommu_group *group = iommu_group_get(dev);
	struct iommu_domain *dm, *old;
	int ret = 0;

	if (!group || !ops)
		return -ENODEV;
	if (group->default_domain &&
	    group->default_domain->type == IOMMU_DOMAIN_IDENTITY)
		goto out_put;
	if (iommu_group_device_count(group) != 1 ||
	    group->domain != group->default_domain) {
		ret = -EBUSY;
		goto out_put;
	}
	dm = __iommu_domain_alloc(ops, IOMMU_DOMAIN_IDENTITY);
	if (!dm) {
		ret = -ENOMEM;
		goto out_put;
	}
	ret = iommu_call_attach_dev(dm, dev);
	if (ret) {
		iommu_domain_free(dm);
		goto out_put;
	}
	old = group->default_domain;
	group->default_domain = dm;
	group->domain = dm;
	iommu_domain_free(old);
out_put:
	iommu_group_put(group);
	return ret;
}

/* fwspec */

static struct dev_iommu *dev_iommu_get(struct device *dev)
{
	struct dev_iommu *param;

	if (dev->iommu)
		return dev->iommu;
	param = kzalloc(sizeof(*param), GFP_KERNEL);
	if (!param)
		return NULL;
	kmem_label(param, "dev_iommu");
	dev->iommu = param;
	return param;
}

static void dev_iommu_free(struct device *dev)
{
	kfree(dev->iommu);
	dev->iommu = NULL;
}

int iommu_fwspec_init(struct device *dev, struct fwnode_handle *iommu_fwnode,
		      const struct iommu_ops *ops)
{
	struct iommu_fwspec *fwspec = dev_iommu_fwspec_get(dev);

	if (fwspec)
		return fwspec->iommu_fwnode == iommu_fwnode &&
		       fwspec->ops == ops ? 0 : -EINVAL;
	if (!dev_iommu_get(dev))
		return -ENOMEM;
	fwspec = kzalloc(sizeof(*fwspec), GFP_KERNEL);
	if (!fwspec)
		return -ENOMEM;
	kmem_label(fwspec, "iommu_fwspec");
	of_node_get(to_of_node(iommu_fwnode));
	fwspec->iommu_fwnode = iommu_fwnode;
	fwspec->ops = ops;
	dev_iommu_fwspec_set(dev, fwspec);
	return 0;
}

void iommu_fwspec_free(struct device *dev)
{
	struct iommu_fwspec *fwspec = dev_iommu_fwspec_get(dev);

	if (!fwspec)
		return;
	of_node_put(to_of_node(fwspec->iommu_fwnode));
	kfree(fwspec);
	dev_iommu_fwspec_set(dev, NULL);
}

int iommu_fwspec_add_ids(struct device *dev, const u32 *ids, int num_ids)
{
	struct iommu_fwspec *fwspec = dev_iommu_fwspec_get(dev);
	size_t size;
	int i;

	if (!fwspec || num_ids < 0)
		return -EINVAL;
	size = sizeof(*fwspec) + (fwspec->num_ids + (unsigned int)num_ids) * sizeof(u32);
	fwspec = krealloc(fwspec, size, GFP_KERNEL);
	if (!fwspec)
		return -ENOMEM;
	dev_iommu_fwspec_set(dev, fwspec);
	for (i = 0; i < num_ids; i++)
		fwspec->ids[fwspec->num_ids + (unsigned int)i] = ids[i];
	fwspec->num_ids += (unsigned int)num_ids;
	return 0;
}

/* Probe flow */

static int iommu_setup_default_domain(struct iommu_group *group,
				      struct device *dev,
				      const struct iommu_ops *ops)
{
	struct iommu_domain *domain = group->default_domain;
	int ret;

	if (!domain) {
		unsigned int type = IOMMU_DOMAIN_DMA;

		if (ops->def_domain_type && ops->def_domain_type(dev))
			type = (unsigned int)ops->def_domain_type(dev);
		domain = __iommu_domain_alloc(ops, type);
		if (!domain)
			return -ENOMEM;
		group->default_domain = domain;
		group->domain = domain;
	}
	ret = iommu_call_attach_dev(group->domain, dev);
	if (ret)
		return ret;
	return iommu_create_device_direct_mappings(group->default_domain, dev);
}

/*
 * probe_device and release_device pair up (probe-device-release): a failed
 * probe_device is never followed by release_device, so it must leave none
 * of its own allocations behind; release_device frees the per-device data
 * it finds attached (dev_iommu_priv_set) when that is an allocation.
 */
static struct iommu_device *iommu_call_probe_device(const struct iommu_ops *ops,
						    struct device *dev)
{
	unsigned long seq = kmem_alloc_count();
	struct iommu_device *iommu_dev = ops->probe_device(dev);
	unsigned long left;

	if (IS_ERR(iommu_dev) && (left = kmem_live_since(seq)))
		contract_violation("probe-device-unwind",
				   "%s: probe_device failed (%ld) and left %lu allocation(s) of its own behind; the core never calls release_device for a failed probe",
				   dev_name(dev), PTR_ERR(iommu_dev), left);
	return iommu_dev;
}

static void iommu_call_release_device(const struct iommu_ops *ops, struct device *dev)
{
	void *priv = dev->iommu ? dev->iommu->priv : NULL;

	ops->release_device(dev);
	if (priv && kmem_is_live(priv))
		contract_violation("release-device-priv",
				   "%s: release_device left the per-device data %p attached by probe_device allocated",
				   dev_name(dev), priv);
}

static int iommu_probe_device(struct device *dev)
{
	const struct iommu_ops *ops = dev_iommu_ops(dev);
	struct iommu_device *iommu_dev;
	struct iommu_group *group;
	int ret;

	if (!ops || !ops->probe_device || !ops->device_group)
		return -ENODEV;
	iommu_dev = iommu_call_probe_device(ops, dev);
	if (IS_ERR(iommu_dev))
		return (int)PTR_ERR(iommu_dev);
	dev->iommu->iommu_dev = iommu_dev;

	group = ops->device_group(dev);
	if (IS_ERR_OR_NULL(group)) {
		ret = group ? (int)PTR_ERR(group) : -ENODEV;
		goto out_release;
	}
	ret = iommu_group_add_device(group, dev);
	/* device_group returned a reference; the device now holds its own */
	iommu_group_put(group);
	if (ret)
		goto out_release;

	ret = iommu_setup_default_domain(group, dev, ops);
	if (ret)
		goto out_remove;
	return 0;

out_remove:
	iommu_group_remove_device(dev);
out_release:
	if (ops->release_device)
		iommu_call_release_device(ops, dev);
	dev->iommu->iommu_dev = NULL;
	return ret;
}

void iommu_release_device(struct device *dev)
{
	const struct iommu_ops *ops = dev_iommu_ops(dev);

	if (!dev->iommu)
		return;
	if (dev->iommu->iommu_dev) {
		iommu_group_remove_device(dev);
		if (ops && ops->release_device)
			iommu_call_release_device(ops, dev);
		dev->iommu->iommu_dev = NULL;
	}
	iommu_fwspec_free(dev);
	dev_iommu_free(dev);
}

static int of_iommu_xlate(struct device *dev, struct of_phandle_args *args)
{
	struct fwnode_handle *fwnode = of_fwnode_handle(args->np);
	const struct iommu_ops *ops = iommu_ops_from_fwnode(fwnode);
	int ret;

	if (!ops)
		return -EPROBE_DEFER;
	if (!ops->of_xlate) {
		contract_violation("of-xlate-missing",
				   "%s: the IOMMU at %s has no iommu_ops.of_xlate, so its DT masters cannot be configured",
				   dev_name(dev), args->np->full_name);
		return -ENODEV;
	}
	ret = iommu_fwspec_init(dev, fwnode, ops);
	if (ret)
		return ret;
	return ops->of_xlate(dev, args);
}

/*
 * of-xlate-args-count: of_xlate accepted an id that is a cell the device
 * tree did not give (#iommu-cells smaller than the driver reads): the
 * poison the unfilled cells hold reached the fwspec.
 */
static void check_xlate_cells(struct device *dev, const struct of_phandle_args *args)
{
	struct iommu_fwspec *fwspec = dev_iommu_fwspec_get(dev);
	unsigned int i;
	int k;

	for (k = 0; k < args->args_count; k++)
		if (args->args[k] == OF_MODEL_CELL_POISON)
			return;
	for (i = 0; fwspec && i < fwspec->num_ids; i++)
		if (fwspec->ids[i] == OF_MODEL_CELL_POISON)
			contract_violation("of-xlate-args-count",
					   "%s: of_xlate took id %u from a cell beyond the %d #iommu-cells of %s",
					   dev_name(dev), fwspec->ids[i], args->args_count,
					   args->np->full_name);
}

/* of_dma_configure -> of_iommu_configure: one of_xlate call per "iommus" entry. */
int of_dma_configure(struct device *dev, struct device_node *np, bool force_dma)
{
	struct of_phandle_args args;
	int count, i, k, ret = 0;

	(void)force_dma;
	if (dev->iommu && dev->iommu->iommu_dev)
		return 0;
	count = of_count_phandle_with_args(np, "iommus", "#iommu-cells");
	if (count <= 0)
		return count == -ENOENT ? 0 : count;

	for (i = 0; i < count; i++) {
		/* the kernel's of_phandle_args is uninitialised stack */
		for (k = 0; k < MAX_PHANDLE_ARGS; k++)
			args.args[k] = OF_MODEL_CELL_POISON;
		ret = of_parse_phandle_with_args(np, "iommus", "#iommu-cells", i, &args);
		if (ret)
			break;
		ret = of_iommu_xlate(dev, &args);
		if (!ret)
			check_xlate_cells(dev, &args);
		of_node_put(args.np);
		if (ret)
			break;
	}
	if (!ret)
		ret = iommu_probe_device(dev);
	if (ret) {
		iommu_fwspec_free(dev);
		if (dev->iommu && !dev->iommu->iommu_dev)
			dev_iommu_free(dev);
	}
	return ret;
}

/* MSI part of dma-iommu */

int iommu_dma_map_msi(struct device *dev, phys_addr_t doorbell, dma_addr_t *iova)
{
	struct iommu_domain *domain = iommu_get_domain_for_dev(dev);
	struct iommu_resv_region *region, *sw = NULL, *hw = NULL;
	struct iommu_dma_cookie *cookie;
	struct iommu_dma_msi_page *msi;
	unsigned long granule;
	phys_addr_t page;
	LIST_HEAD(regions);
	unsigned int index = 0;
	int ret;

	if (!domain || !(domain->type & __IOMMU_DOMAIN_PAGING)) {
		*iova = doorbell;
		return 0;
	}
	ret = iommu_get_group_resv_regions(dev->iommu_group, &regions);
	if (ret)
		goto out_put;
	list_for_each_entry(region, &regions, list) {
		if (region->type == IOMMU_RESV_SW_MSI && !sw)
			sw = region;
		if (region->type == IOMMU_RESV_MSI)
			hw = region;
	}

	if (hw && !sw) {
		/* a hardware MSI region bypasses translation: nothing to map */
		*iova = doorbell;
		goto out_put;
	}
	cookie = domain->iova_cookie;
	if (!sw || !cookie) {
		ret = -ENODEV;
		goto out_put;
	}
	if (!domain->pgsize_bitmap) {
		ret = -EINVAL;
		goto out_put;
	}
	granule = 1UL << __ffs(domain->pgsize_bitmap);
	page = ALIGN_DOWN(doorbell, granule);
	list_for_each_entry(msi, &cookie->msi_page_list, list) {
		if (msi->phys == page)
			goto out_found;
		index++;
	}
	if ((index + 1) * granule > sw->length) {
		ret = -ENOSPC;
		goto out_put;
	}
	msi = kzalloc(sizeof(*msi), GFP_ATOMIC);
	if (!msi) {
		ret = -ENOMEM;
		goto out_put;
	}
	kmem_label(msi, "iommu_dma_msi_page");
	msi->phys = page;
	msi->iova = sw->start + index * granule;
	ret = iommu_map(domain, msi->iova, page, granule, IOMMU_WRITE | IOMMU_MMIO,
			GFP_ATOMIC);
	if (ret) {
		kfree(msi);
		goto out_put;
	}
	list_add_tail(&msi->list, &cookie->msi_page_list);
out_found:
	*iova = msi->iova + (doorbell - page);
out_put:
	iommu_put_resv_regions(dev, &regions);
	return ret;
}

int iommu_model_msi_write(struct device *dev, dma_addr_t iova, phys_addr_t doorbell)
{
	struct iommu_domain *domain = iommu_get_domain_for_dev(dev);
	phys_addr_t phys = domain ? iommu_iova_to_phys(domain, iova) : iova;

	if (phys == doorbell)
		return 0;
	contract_violation("msi-translation",
			   "%s: MSI write to IOVA 0x%llx reaches 0x%llx, not doorbell 0x%llx; a translated MSI window must be IOMMU_RESV_SW_MSI",
			   dev_name(dev), (unsigned long long)iova,
			   (unsigned long long)phys, (unsigned long long)doorbell);
	return -EFAULT;
}

void iommu_model_teardown(void)
{
	struct iommu_registration *reg;
	struct iommu_group *group;

	list_for_each_entry(reg, &iommu_device_list, node)
		contract_violation("iommu-device-unregister",
				   "iommu_device %p still registered at teardown", reg->iommu);
	list_for_each_entry(group, &iommu_group_list, node)
		contract_violation("iommu-group-ref",
				   "iommu_group %d still holds %d reference(s) at teardown",
				   group->id, group->kref.refcount);
}

void iommu_model_reset(void)
{
	INIT_LIST_HEAD(&iommu_device_list);
	INIT_LIST_HEAD(&iommu_group_list);
	iommu_group_next_id = 0;
	cookie_in_driver = 0;
	cookies_live = 0;
}
