/*
 * Tests of the executable specification: refmmu over the full lifecycle,
 * fault injection of every allocation, the model's own contract checks,
 * one test per seed topic (see docs/reference.md) and seeded property
 * tests for reserved-region merging and map/unmap page splitting.
 */
#include <criterion/criterion.h>
#include <criterion/logging.h>

#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/io.h>
#include <linux/iommu.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include <linux/scatterlist.h>
#include <linux/sizes.h>
#include <linux/slab.h>

#include "../reference/core/model.h"
#include "../reference/harness/lifecycle.h"

#define SEED		0x10a11e5u

static unsigned int rnd_state;

static unsigned int rnd(void)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 8) & 0xffffff;
}

static void fresh(void)
{
	refcheck_reset();
}

static void expect_clean_teardown(void)
{
	unsigned int n = refcheck_teardown();
	const char *names[16];
	unsigned int i, k = contract_names(names, 16);

	for (i = 0; i < k; i++)
		cr_log_error("contract %s: %s", names[i], contract_message(names[i]));
	cr_assert_eq(n, 0, "%u contract violation(s)", n);
}

/* A small platform: one refmmu and up to two masters. */
struct plat {
	struct device_node *mmu_np;
	struct device_node *m_np[2];
	struct platform_device *mmu;
	struct platform_device *m[2];
	int nr;
};

static u32 plat_regs[64];

static void plat_up(struct plat *p, int nr_masters)
{
	static const u32 one = 1, streams = 16;
	int i;

	memset(p, 0, sizeof(*p));
	p->nr = nr_masters;
	p->mmu_np = of_model_node_create("refmmu@0", "iommu-lint,refmmu");
	cr_assert_not_null(p->mmu_np);
	cr_assert_eq(of_model_set_u32s(p->mmu_np, "#iommu-cells", &one, 1), 0);
	cr_assert_eq(of_model_set_u32s(p->mmu_np, "refmmu,num-streams", &streams, 1), 0);
	p->mmu = platform_model_device_create(p->mmu_np, "refmmu", 0,
					      virt_to_phys(plat_regs), sizeof(plat_regs));
	cr_assert(!IS_ERR(p->mmu));
	cr_assert_eq(init_module(), 0);
	cr_assert_not_null(platform_get_drvdata(p->mmu), "refmmu did not probe");

	for (i = 0; i < nr_masters; i++) {
		/* master 0 masters through two stream IDs: two phandle entries */
		u32 iommus0[4] = { p->mmu_np->phandle, 1, p->mmu_np->phandle, 3 };
		u32 iommus1[2] = { p->mmu_np->phandle, 2 };

		p->m_np[i] = of_model_node_create(i ? "master-1" : "master-0", NULL);
		cr_assert_not_null(p->m_np[i]);
		cr_assert_eq(i ? of_model_set_u32s(p->m_np[i], "iommus", iommus1, 2) :
				 of_model_set_u32s(p->m_np[i], "iommus", iommus0, 4), 0);
		p->m[i] = platform_model_device_create(p->m_np[i], "master", i, 0, 0);
		cr_assert(!IS_ERR(p->m[i]));
		cr_assert_eq(of_dma_configure(&p->m[i]->dev, p->m_np[i], true), 0);
	}
}

static void plat_down(struct plat *p)
{
	int i;

	for (i = 0; i < p->nr; i++)
		platform_device_unregister(p->m[i]);
	cleanup_module();
	platform_device_unregister(p->mmu);
	for (i = 0; i < p->nr; i++)
		of_model_node_destroy(p->m_np[i]);
	of_model_node_destroy(p->mmu_np);
}

/* A recording fake driver for the core's splitting logic. */
struct call {
	unsigned long iova;
	phys_addr_t pa;
	size_t size;
	int prot;
};

static struct call calls[4096];
static unsigned int nr_calls;

static int fake_map(struct iommu_domain *d, unsigned long iova, phys_addr_t pa,
		    size_t size, int prot, gfp_t gfp)
{
	cr_assert_lt(nr_calls, 4096);
	calls[nr_calls++] = (struct call){ iova, pa, size, prot };
	return 0;
}

static size_t fake_unmap(struct iommu_domain *d, unsigned long iova, size_t size,
			 struct iommu_iotlb_gather *gather)
{
	cr_assert_lt(nr_calls, 4096);
	calls[nr_calls++] = (struct call){ iova, 0, size, 0 };
	return size;
}

static const struct iommu_ops fake_ops = {
	.map = fake_map,
	.unmap = fake_unmap,
	.pgsize_bitmap = SZ_4K | SZ_2M | SZ_1G,
};

static void fake_domain(struct iommu_domain *d, unsigned long pgsize_bitmap)
{
	memset(d, 0, sizeof(*d));
	d->type = IOMMU_DOMAIN_UNMANAGED;
	d->ops = &fake_ops;
	d->pgsize_bitmap = pgsize_bitmap;
	nr_calls = 0;
}

/* --- lifecycle --- */

Test(lifecycle, refmmu_full_lifecycle_is_clean)
{
	struct lifecycle_report rep;

	lifecycle_check(0, &rep);
	cr_assert_eq(rep.rc, 0, "step '%s' failed with %d", rep.failed_step, rep.rc);
	cr_assert_eq(rep.violations, 0, "%u contract violation(s)", rep.violations);
	cr_assert_gt(rep.allocations, 50);
}

Test(lifecycle, fault_injection_each_allocation)
{
	struct lifecycle_report rep;
	unsigned long n, tolerated = 0;

	for (n = 1; ; n++) {
		lifecycle_check(n, &rep);
		if (!rep.fault_hit)
			break;
		cr_expect_eq(rep.violations, 0,
			     "allocation %lu failing (step %s): %u contract violation(s)",
			     n, rep.failed_step ? rep.failed_step : "-", rep.violations);
		if (rep.fault_tolerated)
			tolerated++;
		else
			cr_expect_neq(rep.rc, 0, "allocation %lu failed but the lifecycle reported no error", n);
	}
	cr_assert_gt(n, 50, "only %lu allocations in the lifecycle", n - 1);
	cr_log_info("fault injection: %lu allocations failed in turn, %lu absorbed by void get_resv_regions",
		    n - 1, tolerated);
}

/* --- the model's own checks --- */

Test(contracts, kfree_interior_pointer)
{
	char *p;

	fresh();
	p = kzalloc(64, GFP_KERNEL);
	kfree(p + 16);
	cr_assert(contract_seen("kfree-interior-pointer"));
	kfree(p);
	cr_assert_eq(refcheck_teardown(), 1);
}

Test(contracts, double_free_leak_and_use_after_free)
{
	char *a, *b, *c;

	fresh();
	a = kmalloc(8, GFP_KERNEL);
	b = kmalloc(8, GFP_KERNEL);
	c = kmalloc(8, GFP_KERNEL);
	kfree(a);
	kfree(a);
	kfree(c);
	c[3] = 1;
	cr_assert(contract_seen("double-free"));
	refcheck_teardown();
	cr_assert(contract_seen("leak"), "block %p not reported", b);
	cr_assert(contract_seen("use-after-free"));
}

Test(contracts, fault_injection_fails_nth_allocation)
{
	fresh();
	kmem_fail_nth(2);
	void *a = kmalloc(8, GFP_KERNEL);
	void *b = kmalloc(8, GFP_KERNEL);

	cr_assert_not_null(a);
	cr_assert_null(b);
	cr_assert(kmem_fault_hit());
	kfree(a);
	expect_clean_teardown();
}

static void test_release(struct device *dev)
{
	kfree(dev);
}

Test(contracts, device_reference_leak_and_kref_underflow)
{
	struct device *dev;

	fresh();
	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	device_initialize(dev);
	dev->release = test_release;
	get_device(dev);
	put_device(dev);
	refcheck_teardown();
	cr_assert(contract_seen("device-ref-leak"));

	fresh();
	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	device_initialize(dev);
	dev->release = test_release;
	put_device(dev);
	cr_assert_not(kmem_is_live(dev));
	expect_clean_teardown();
}

Test(contracts, group_refcount_never_below_zero)
{
	struct iommu_group *group;

	fresh();
	group = iommu_group_alloc();
	cr_assert(!IS_ERR(group));
	iommu_group_ref_get(group);
	iommu_group_put(group);
	iommu_group_put(group);
	cr_assert_not(kmem_is_live(group), "group not released at refcount 0");
	cr_assert_not(contract_seen("iommu-group-ref"));
	iommu_group_put(group);
	cr_assert(contract_seen("iommu-group-ref"));
	refcheck_teardown();
}

Test(contracts, list_debug_rejects_null_entry)
{
	LIST_HEAD(head);

	fresh();
	list_add_tail(NULL, &head);
	cr_assert(contract_seen("list-valid"));
	cr_assert(list_empty(&head));
	refcheck_teardown();
}

/* --- seed topics --- */

struct driver_priv {
	int state;
	struct iommu_device iommu;
};

/* 4.12: iommu_device.dev is a pointer to a separately allocated device. */
Test(seed, iommu_device_sysfs_dev_is_separate_allocation)
{
	struct driver_priv *priv;

	fresh();
	priv = kzalloc(sizeof(*priv), GFP_KERNEL);
	cr_assert_eq(iommu_device_sysfs_add(&priv->iommu, NULL, NULL, "iommu%d", 0), 0);
	cr_assert_not_null(priv->iommu.dev);
	cr_assert(kmem_is_live(priv->iommu.dev), "sysfs device is not its own allocation");
	cr_assert_str_eq(dev_name(priv->iommu.dev), "iommu0");
	cr_assert_eq(dev_get_drvdata(priv->iommu.dev), &priv->iommu);
	iommu_device_sysfs_remove(&priv->iommu);
	cr_assert_null(priv->iommu.dev);
	kfree(priv);
	expect_clean_teardown();
}

Test(seed, sysfs_remove_without_add_is_reported)
{
	struct iommu_device iommu = { 0 };

	fresh();
	iommu_device_sysfs_remove(&iommu);
	cr_assert(contract_seen("iommu-sysfs-remove"));
	refcheck_teardown();
}

/* 4.11: register/unregister; ops are looked up by fwnode. */
Test(seed, iommu_device_register_and_fwnode_lookup)
{
	struct plat p;
	const struct iommu_ops *ops;

	fresh();
	plat_up(&p, 0);
	ops = iommu_ops_from_fwnode(of_fwnode_handle(p.mmu_np));
	cr_assert_not_null(ops);
	cr_assert_not_null(ops->of_xlate);
	cleanup_module();
	cr_assert_null(iommu_ops_from_fwnode(of_fwnode_handle(p.mmu_np)));
	platform_device_unregister(p.mmu);
	of_model_node_destroy(p.mmu_np);
	expect_clean_teardown();
}

Test(seed, registered_iommu_must_be_unregistered)
{
	static const struct iommu_ops ops = { .pgsize_bitmap = SZ_4K };
	struct iommu_device *iommu;

	fresh();
	iommu = kzalloc(sizeof(*iommu), GFP_KERNEL);
	cr_assert_eq(iommu_device_register(iommu, &ops, NULL), 0);
	refcheck_teardown();
	cr_assert(contract_seen("iommu-device-unregister"));
}

/* 4.11: resv types are an enum; the MSI window is SW_MSI; OR-ing is refused. */
Test(seed, resv_region_types_and_sw_msi)
{
	struct iommu_resv_region *r;
	bool sw_msi = false, reserved = false;
	struct iommu_group *group;
	LIST_HEAD(regions);
	struct plat p;

	fresh();
	plat_up(&p, 1);
	group = iommu_group_get(&p.m[0]->dev);
	cr_assert_eq(iommu_get_group_resv_regions(group, &regions), 0);
	list_for_each_entry(r, &regions, list) {
		cr_assert_neq(r->type, IOMMU_RESV_MSI, "translated MSI window reported as hardware MSI");
		if (r->type == IOMMU_RESV_SW_MSI) {
			sw_msi = true;
			cr_assert_eq(r->start, MSI_IOVA_BASE);
			cr_assert_eq(r->length, MSI_IOVA_LENGTH);
		}
		if (r->type == IOMMU_RESV_RESERVED)
			reserved = true;
	}
	cr_assert(sw_msi && reserved);
	iommu_put_resv_regions(&p.m[0]->dev, &regions);
	iommu_group_put(group);
	plat_down(&p);
	expect_clean_teardown();

	fresh();
	r = iommu_alloc_resv_region(0, SZ_4K, 0, IOMMU_RESV_RESERVED | IOMMU_RESV_SW_MSI,
				    GFP_KERNEL);
	cr_assert_null(r);
	cr_assert(contract_seen("resv-region-type"));
	refcheck_teardown();
}

static void insert(struct list_head *head, phys_addr_t start, size_t len,
		   enum iommu_resv_type type)
{
	struct iommu_resv_region r = { .start = start, .length = len, .type = type };

	cr_assert_eq(iommu_model_insert_resv_region(&r, head), 0);
}

/* 4.11: group regions sorted by start, same-type overlaps merged. */
Test(seed, resv_regions_sorted_and_merged)
{
	struct iommu_resv_region *r;
	LIST_HEAD(head);
	static const struct { phys_addr_t start; size_t len; int type; } want[] = {
		{ 0x1000, 0x1800, IOMMU_RESV_DIRECT },
		{ 0x1800, 0x100, IOMMU_RESV_RESERVED },
		{ 0x8000, 0x1000, IOMMU_RESV_DIRECT },
	};
	unsigned int i = 0;

	fresh();
	insert(&head, 0x8000, 0x1000, IOMMU_RESV_DIRECT);
	insert(&head, 0x1800, 0x1000, IOMMU_RESV_DIRECT);
	insert(&head, 0x1800, 0x100, IOMMU_RESV_RESERVED);
	insert(&head, 0x1000, 0x1000, IOMMU_RESV_DIRECT);
	list_for_each_entry(r, &head, list) {
		cr_assert_lt(i, ARRAY_SIZE(want));
		cr_assert_eq(r->start, want[i].start, "region %u start 0x%llx", i,
			     (unsigned long long)r->start);
		cr_assert_eq(r->length, want[i].len);
		cr_assert_eq((int)r->type, want[i].type);
		i++;
	}
	cr_assert_eq(i, ARRAY_SIZE(want));
	iommu_put_resv_regions(NULL, &head);
	expect_clean_teardown();
}

#define SPACE 256

/* Property: the merged list equals the per-type maximal runs of the union. */
Test(property, resv_region_merge_matches_brute_force)
{
	unsigned int iter;

	rnd_state = SEED;
	cr_log_info("resv merge property: seed 0x%x, 500 cases", SEED);
	for (iter = 0; iter < 500; iter++) {
		bool cover[5][SPACE + 1] = { { false } };
		struct iommu_resv_region *r, *prev = NULL;
		unsigned int n = 1 + rnd() % 12, i, t, a;
		LIST_HEAD(head);

		fresh();
		for (i = 0; i < n; i++) {
			unsigned int start = rnd() % SPACE;
			unsigned int len = 1 + rnd() % (SPACE - start);

			t = rnd() % 5;
			insert(&head, start, len, t);
			for (a = start; a < start + len; a++)
				cover[t][a] = true;
		}
		list_for_each_entry(r, &head, list) {
			if (prev)
				cr_assert(prev->start < r->start ||
					  (prev->start == r->start && prev->type < r->type),
					  "case %u: list not sorted", iter);
			for (a = r->start; a < r->start + r->length; a++)
				cr_assert(cover[r->type][a], "case %u: 0x%x not covered", iter, a);
			/* maximal: the neighbours of a run are not covered */
			cr_assert(r->start == 0 || !cover[r->type][r->start - 1],
				  "case %u: region at %llu not merged with its left neighbour",
				  iter, (unsigned long long)r->start);
			cr_assert(!cover[r->type][r->start + r->length],
				  "case %u: region at %llu not merged with its right neighbour",
				  iter, (unsigned long long)r->start);
			for (a = r->start; a < r->start + r->length; a++)
				cover[r->type][a] = false;
			prev = r;
		}
		for (t = 0; t < 5; t++)
			for (a = 0; a < SPACE; a++)
				cr_assert_not(cover[t][a], "case %u: type %u address %u lost", iter, t, a);
		iommu_put_resv_regions(NULL, &head);
		expect_clean_teardown();
	}
}

/* of_xlate is called per phandle entry; the fwspec records ops, fwnode, ids. */
Test(seed, of_xlate_per_phandle_fills_fwspec)
{
	struct iommu_fwspec *fwspec;
	struct plat p;

	fresh();
	plat_up(&p, 1);
	fwspec = dev_iommu_fwspec_get(&p.m[0]->dev);
	cr_assert_not_null(fwspec);
	cr_assert_eq(fwspec->iommu_fwnode, of_fwnode_handle(p.mmu_np));
	cr_assert_eq(fwspec->ops, iommu_ops_from_fwnode(of_fwnode_handle(p.mmu_np)));
	cr_assert_eq(fwspec->num_ids, 2);
	cr_assert_eq(fwspec->ids[0], 1);
	cr_assert_eq(fwspec->ids[1], 3);
	plat_down(&p);
	expect_clean_teardown();
}

Test(seed, missing_of_xlate_is_reported)
{
	static const struct iommu_ops no_xlate = { .pgsize_bitmap = SZ_4K };
	struct device_node *iommu_np, *np;
	struct platform_device *pdev;
	struct iommu_device iommu = { 0 };
	static const u32 one = 1;
	u32 iommus[2];

	fresh();
	iommu_np = of_model_node_create("other-iommu", NULL);
	of_model_set_u32s(iommu_np, "#iommu-cells", &one, 1);
	iommu_device_set_fwnode(&iommu, of_fwnode_handle(iommu_np));
	cr_assert_eq(iommu_device_register(&iommu, &no_xlate, NULL), 0);
	iommus[0] = iommu_np->phandle;
	iommus[1] = 7;
	np = of_model_node_create("master", NULL);
	of_model_set_u32s(np, "iommus", iommus, 2);
	pdev = platform_model_device_create(np, "master", 0, 0, 0);
	cr_assert_eq(of_dma_configure(&pdev->dev, np, true), -ENODEV);
	cr_assert(contract_seen("of-xlate-missing"));
	platform_device_unregister(pdev);
	iommu_device_unregister(&iommu);
	of_model_node_destroy(np);
	of_model_node_destroy(iommu_np);
	refcheck_teardown();
}

/* device_group hands out a referenced group; masters share it. */
Test(seed, device_group_shared_and_balanced)
{
	struct iommu_group *a, *b;
	struct plat p;

	fresh();
	plat_up(&p, 2);
	a = iommu_group_get(&p.m[0]->dev);
	b = iommu_group_get(&p.m[1]->dev);
	cr_assert_not_null(a);
	cr_assert_eq(a, b);
	iommu_group_put(a);
	iommu_group_put(b);
	plat_down(&p);
	cr_assert_not(kmem_is_live(a), "group still alive after remove");
	expect_clean_teardown();
}

/* The domain's pgsize_bitmap, not the ops', drives the split. */
Test(seed, per_domain_pgsize_bitmap)
{
	struct iommu_domain d;
	unsigned int i;

	fresh();
	fake_domain(&d, SZ_4K | SZ_64K);
	cr_assert_eq(iommu_map(&d, SZ_2M, SZ_1G, SZ_2M, IOMMU_READ, GFP_KERNEL), 0);
	cr_assert_eq(nr_calls, 32);
	for (i = 0; i < nr_calls; i++)
		cr_assert_eq(calls[i].size, SZ_64K);
	expect_clean_teardown();
}

/* domain_alloc/domain_free; the DMA domain's iova cookie. */
Test(seed, domain_alloc_free_and_iova_cookie)
{
	struct iommu_domain *dma, *unmanaged;
	struct plat p;

	fresh();
	plat_up(&p, 1);
	dma = iommu_get_domain_for_dev(&p.m[0]->dev);
	cr_assert_not_null(dma);
	cr_assert_eq(dma->type, IOMMU_DOMAIN_DMA);
	cr_assert_not_null(dma->iova_cookie);
	unmanaged = iommu_paging_domain_alloc(&p.m[0]->dev);
	cr_assert(!IS_ERR(unmanaged));
	cr_assert_eq(unmanaged->type, IOMMU_DOMAIN_UNMANAGED);
	cr_assert_null(unmanaged->iova_cookie);
	cr_assert_eq(unmanaged->pgsize_bitmap, SZ_4K | SZ_2M);
	cr_assert_eq(iommu_attach_device(unmanaged, &p.m[0]->dev), 0);
	cr_assert_eq(iommu_get_domain_for_dev(&p.m[0]->dev), unmanaged);
	iommu_detach_device(unmanaged, &p.m[0]->dev);
	cr_assert_eq(iommu_get_domain_for_dev(&p.m[0]->dev), dma);
	iommu_domain_free(unmanaged);
	plat_down(&p);
	expect_clean_teardown();
}

/* IOMMU_MMIO, IOMMU_PRIV, IOMMU_NOEXEC: flags reach the driver. */
Test(seed, prot_flags_passed_through)
{
	const int prot = IOMMU_READ | IOMMU_WRITE | IOMMU_CACHE | IOMMU_NOEXEC |
			 IOMMU_MMIO | IOMMU_PRIV;
	struct iommu_domain d, *dom;
	struct plat p;

	cr_assert_eq(prot, 0x3f, "prot flags are not distinct bits");
	fresh();
	fake_domain(&d, SZ_4K);
	cr_assert_eq(iommu_map(&d, 0, 0, SZ_4K, prot, GFP_KERNEL), 0);
	cr_assert_eq(calls[0].prot, prot);

	plat_up(&p, 1);
	dom = iommu_get_domain_for_dev(&p.m[0]->dev);
	cr_assert_eq(iommu_map(dom, SZ_4M, 0x80000000ULL, SZ_2M + SZ_4K, prot, GFP_KERNEL), 0);
	cr_assert_eq(iommu_iova_to_phys(dom, SZ_4M + 0x10), 0x80000010ULL);
	cr_assert_eq(iommu_iova_to_phys(dom, SZ_4M + SZ_2M + 0x20), 0x80200020ULL);
	cr_assert_eq(iommu_unmap(dom, SZ_4M, SZ_2M + SZ_4K), SZ_2M + SZ_4K);
	cr_assert_eq(iommu_iova_to_phys(dom, SZ_4M + 0x10), 0);
	plat_down(&p);
	expect_clean_teardown();
}

/*
 * map-prot: a prot with neither READ nor WRITE (IOMMU_PRIV alone) maps
 * nothing; a device's MEM resource mapped without IOMMU_MMIO is mapped as
 * memory.  Both are reported; the MMIO mapping with the flag is not.
 */
Test(contracts, map_prot_access_and_mmio)
{
	const phys_addr_t regs = virt_to_phys(plat_regs) & ~(phys_addr_t)(SZ_4K - 1);
	struct iommu_domain *dom;
	struct plat p;

	fresh();
	plat_up(&p, 1);
	dom = iommu_get_domain_for_dev(&p.m[0]->dev);
	cr_assert_eq(iommu_map(dom, SZ_4M, regs, SZ_4K, IOMMU_WRITE | IOMMU_MMIO, GFP_KERNEL), 0);
	cr_assert_not(contract_seen("map-mmio-as-memory"));
	cr_assert_eq(iommu_unmap(dom, SZ_4M, SZ_4K), SZ_4K);
	cr_assert_eq(iommu_map(dom, SZ_4M, 0x80000000ULL, SZ_4K, IOMMU_PRIV, GFP_KERNEL), -EINVAL,
		     "refmmu accepted a mapping with neither read nor write");
	cr_assert(contract_seen("map-no-access"));
	cr_assert_not(contract_seen("map-mmio-as-memory"));
	cr_assert_eq(iommu_map(dom, SZ_4M, regs, SZ_4K, IOMMU_READ | IOMMU_WRITE, GFP_KERNEL), 0);
	cr_assert(contract_seen("map-mmio-as-memory"));
	cr_assert_eq(iommu_unmap(dom, SZ_4M, SZ_4K), SZ_4K);
	plat_down(&p);
	cr_assert_eq(refcheck_teardown(), 2);
}

Test(seed, map_sg_maps_each_entry)
{
	struct scatterlist sg[3];
	struct iommu_domain d;

	fresh();
	fake_domain(&d, SZ_4K | SZ_2M);
	sg_init_table(sg, 3);
	sg_set_phys(&sg[0], 0x10000, SZ_4K);
	sg_set_phys(&sg[1], 0x200000, SZ_2M);
	sg_set_phys(&sg[2], 0x30000, SZ_8K);
	cr_assert_eq(iommu_map_sg(&d, SZ_2M, sg, 3, IOMMU_READ, GFP_KERNEL),
		     SZ_4K + SZ_2M + SZ_8K);
	cr_assert_eq(sg[1].dma_address, SZ_2M + SZ_4K);
	cr_assert_eq(sg[2].dma_address, SZ_2M + SZ_4K + SZ_2M);
	expect_clean_teardown();
}

Test(seed, request_dm_for_dev)
{
	struct iommu_domain *dom;
	struct plat p;

	fresh();
	plat_up(&p, 2);
	cr_assert_eq(iommu_request_dm_for_dev(&p.m[0]->dev), -EBUSY,
		     "a shared group cannot change its default domain");
	plat_down(&p);
	expect_clean_teardown();

	fresh();
	plat_up(&p, 1);
	cr_assert_eq(iommu_request_dm_for_dev(&p.m[0]->dev), 0);
	dom = iommu_get_domain_for_dev(&p.m[0]->dev);
	cr_assert_eq(dom->type, IOMMU_DOMAIN_IDENTITY);
	cr_assert_eq(iommu_iova_to_phys(dom, 0xabcd000), 0xabcd000);
	plat_down(&p);
	expect_clean_teardown();
}

Test(seed, removed_ops_fields_are_refused)
{
	static const struct iommu_ops old = {
		.put_resv_regions = generic_iommu_put_resv_regions,
		.pgsize_bitmap = SZ_4K,
	};
	struct iommu_device iommu = { 0 };

	fresh();
	cr_assert_eq(iommu_device_register(&iommu, &old, NULL), 0);
	cr_assert(contract_seen("ops-api"));
	iommu_device_unregister(&iommu);
	refcheck_teardown();
}

static unsigned long random_page(unsigned long bitmap)
{
	unsigned int n = (unsigned int)__builtin_popcountl(bitmap), k = rnd() % n;

	while (k--)
		bitmap &= bitmap - 1;
	return bitmap & -bitmap;
}

/* Property: greedy split into the largest allowed, aligned pages. */
Test(property, map_unmap_page_splitting)
{
	unsigned int iter;

	rnd_state = SEED ^ 0x5a5a;
	cr_log_info("map/unmap split property: seed 0x%x, 2000 cases", SEED ^ 0x5a5a);
	for (iter = 0; iter < 2000; iter++) {
		unsigned long bitmap = 0, min_pg, iova;
		phys_addr_t pa;
		size_t size, total;
		struct iommu_domain d;
		unsigned int i, b, pass;

		fresh();
		for (b = 12; b <= 30; b++)
			if (rnd() % 3 == 0)
				bitmap |= 1UL << b;
		if (!bitmap)
			bitmap = 1UL << (12 + rnd() % 8);
		min_pg = bitmap & -bitmap;
		iova = (unsigned long)(rnd() % 64) * random_page(bitmap);
		pa = (phys_addr_t)(rnd() % 64) * random_page(bitmap);
		size = (size_t)(1 + rnd() % 64) * min_pg +
		       (size_t)(rnd() % 4) * random_page(bitmap);
		/* keep the worst case (all minimum pages) within the call log */
		while (size / min_pg > 4000)
			size = (size_t)(1 + rnd() % 600) * min_pg;

		for (pass = 0; pass < 2; pass++) {
			unsigned long cur_iova = iova;
			phys_addr_t cur_pa = pa;

			fake_domain(&d, bitmap);
			if (pass == 0)
				cr_assert_eq(iommu_map(&d, iova, pa, size, IOMMU_READ, GFP_KERNEL), 0,
					     "case %u", iter);
			else
				cr_assert_eq(iommu_unmap(&d, iova, size), size, "case %u", iter);
			total = 0;
			for (i = 0; i < nr_calls; i++) {
				size_t pg = calls[i].size;
				size_t left = size - total;
				unsigned long bigger;

				cr_assert(pg & bitmap && !(pg & (pg - 1)),
					  "case %u: page 0x%zx not in bitmap 0x%lx", iter, pg, bitmap);
				cr_assert_eq(calls[i].iova, cur_iova, "case %u: not contiguous", iter);
				cr_assert(IS_ALIGNED(cur_iova, pg), "case %u: iova unaligned", iter);
				if (pass == 0) {
					cr_assert_eq(calls[i].pa, cur_pa);
					cr_assert(IS_ALIGNED(cur_pa, pg), "case %u: pa unaligned", iter);
				}
				/* no larger allowed page would have fitted here */
				for (bigger = pg << 1; bigger && bigger <= left; bigger <<= 1)
					if ((bitmap & bigger) && IS_ALIGNED(cur_iova, bigger) &&
					    (pass || IS_ALIGNED(cur_pa, bigger)))
						cr_assert_fail("case %u: 0x%zx used where 0x%lx fits",
							       iter, pg, bigger);
				cur_iova += pg;
				cur_pa += pg;
				total += pg;
			}
			cr_assert_eq(total, size, "case %u: pages sum to 0x%zx, not 0x%zx",
				     iter, total, size);
		}
		refcheck_teardown();
	}
}
