/*
 * The reference platform's lifecycle (see lifecycle.h).  Each step that
 * fails records its name and error; teardown always runs and undoes
 * exactly what was set up, so that under fault injection any leak or
 * stale reference is the driver's or the core's, never the harness's.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/io.h>
#include <linux/iommu.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include <linux/scatterlist.h>
#include <linux/sizes.h>

#include "../core/model.h"
#include "lifecycle.h"

#define NR_MMUS		2
#define NR_CLIENTS	5
#define REG_WORDS	64
#define CLIENT_BAD	3
#define CLIENT_NOCELLS	4	/* its IOMMU node says #iommu-cells = 0 while it probes */

struct world {
	struct device_node *mmu_np[NR_MMUS];
	struct device_node *client_np[NR_CLIENTS];
	struct platform_device *mmu[NR_MMUS];
	struct platform_device *client[NR_CLIENTS];
	bool driver_loaded;
	int rc;
	const char *step;
};

static u32 hw_regs[NR_MMUS][REG_WORDS];

static bool step(struct world *w, const char *name, int ret)
{
	if (ret && !w->rc) {
		w->rc = ret;
		w->step = name;
	}
	return !ret;
}

static struct device_node *mmu_node(const char *name)
{
	static const u32 cells = 1, streams = 16;
	struct device_node *np = of_model_node_create(name, "iommu-lint,refmmu");

	if (!np)
		return NULL;
	if (of_model_set_u32s(np, "#iommu-cells", &cells, 1) ||
	    of_model_set_u32s(np, "refmmu,num-streams", &streams, 1)) {
		of_model_node_destroy(np);
		return NULL;
	}
	return np;
}

static struct device_node *client_node(const char *name, struct device_node *mmu,
				       u32 sid)
{
	struct device_node *np = of_model_node_create(name, NULL);
	u32 iommus[2] = { mmu->phandle, sid };

	if (!np)
		return NULL;
	if (of_model_set_u32s(np, "iommus", iommus, 2)) {
		of_model_node_destroy(np);
		return NULL;
	}
	return np;
}

/* "iommus = <&mmu>": no cell, for an IOMMU node with #iommu-cells = 0. */
static struct device_node *client_node_nocells(const char *name, struct device_node *mmu)
{
	struct device_node *np = of_model_node_create(name, NULL);

	if (!np)
		return NULL;
	if (of_model_set_u32s(np, "iommus", &mmu->phandle, 1)) {
		of_model_node_destroy(np);
		return NULL;
	}
	return np;
}

/*
 * A malformed device tree: the IOMMU node's #iommu-cells is 0 while the
 * no-cell master is configured (changed in place: no allocation).
 */
static int configure_nocells(struct device *dev, struct device_node *mmu)
{
	struct property *pp = of_find_property(mmu, "#iommu-cells", NULL);
	u32 *cells = pp ? (u32 *)pp->value : NULL;
	u32 saved;
	int ret;

	if (!cells)
		return -ENODEV;
	saved = *cells;
	*cells = 0;
	ret = of_dma_configure(dev, dev->of_node, true);
	*cells = saved;
	/* of_xlate must refuse an entry without its stream ID cell */
	if (ret == -EINVAL)
		return 0;
	return ret ? ret : -EIO;
}

static int build_tree(struct world *w)
{
	static const u32 direct_base = 0x100000, direct_size = SZ_64K;
	int i;

	w->mmu_np[0] = mmu_node("refmmu@0");
	w->mmu_np[1] = mmu_node("refmmu@1");
	if (!w->mmu_np[0] || !w->mmu_np[1])
		return -ENOMEM;
	w->client_np[0] = client_node("master-a", w->mmu_np[0], 1);
	w->client_np[1] = client_node("master-b", w->mmu_np[0], 2);
	w->client_np[2] = client_node("master-c", w->mmu_np[1], 0);
	w->client_np[CLIENT_BAD] = client_node("master-bad-sid", w->mmu_np[0], 99);
	w->client_np[CLIENT_NOCELLS] = client_node_nocells("master-no-cells", w->mmu_np[0]);
	for (i = 0; i < NR_CLIENTS; i++)
		if (!w->client_np[i])
			return -ENOMEM;
	if (of_model_set_u32s(w->client_np[2], "refmmu,direct-base", &direct_base, 1) ||
	    of_model_set_u32s(w->client_np[2], "refmmu,direct-size", &direct_size, 1))
		return -ENOMEM;
	return 0;
}

static int create_mmus(struct world *w)
{
	int i;

	for (i = 0; i < NR_MMUS; i++) {
		struct platform_device *pdev;

		pdev = platform_model_device_create(w->mmu_np[i], "refmmu", i,
						    virt_to_phys(hw_regs[i]),
						    sizeof(hw_regs[i]));
		if (IS_ERR(pdev))
			return (int)PTR_ERR(pdev);
		w->mmu[i] = pdev;
	}
	return 0;
}

static int create_clients(struct world *w)
{
	int i;

	for (i = 0; i < NR_CLIENTS; i++) {
		struct platform_device *pdev;

		pdev = platform_model_device_create(w->client_np[i], "master", i, 0, 0);
		if (IS_ERR(pdev))
			return (int)PTR_ERR(pdev);
		w->client[i] = pdev;
	}
	return 0;
}

static int check_bound(struct world *w)
{
	int i;

	for (i = 0; i < NR_MMUS; i++)
		if (!platform_get_drvdata(w->mmu[i]))
			return -ENODEV;
	return 0;
}

static int configure_clients(struct world *w)
{
	int i, ret;

	for (i = 0; i < NR_CLIENTS; i++) {
		struct device *dev = &w->client[i]->dev;

		if (i == CLIENT_NOCELLS) {
			ret = configure_nocells(dev, w->mmu_np[0]);
			if (ret)
				return ret;
			continue;
		}
		ret = of_dma_configure(dev, dev->of_node, true);
		if (i == CLIENT_BAD) {
			/* stream ID out of range: of_xlate must refuse it */
			if (ret == -EINVAL)
				continue;
			return ret ? ret : -EIO;
		}
		if (ret)
			return ret;
	}
	return 0;
}

static int check_groups(struct world *w)
{
	struct iommu_group *a = iommu_group_get(&w->client[0]->dev);
	struct iommu_group *b = iommu_group_get(&w->client[1]->dev);
	struct iommu_group *c = iommu_group_get(&w->client[2]->dev);
	int ret = 0;

	if (!a || !c || a != b || a == c)
		ret = -EIO;
	iommu_group_put(c);
	iommu_group_put(b);
	iommu_group_put(a);
	return ret;
}

static int query_regions(struct world *w)
{
	struct iommu_group *group = iommu_group_get(&w->client[0]->dev);
	LIST_HEAD(regions);
	int ret;

	if (!group)
		return -ENODEV;
	ret = iommu_get_group_resv_regions(group, &regions);
	iommu_put_resv_regions(&w->client[0]->dev, &regions);
	iommu_group_put(group);
	return ret;
}

/* Map 2M + 8K through the default DMA domain: one block and two pages. */
static int dma_map_default(struct world *w)
{
	struct iommu_domain *dom = iommu_get_domain_for_dev(&w->client[0]->dev);
	const unsigned long iova = SZ_2M;
	const phys_addr_t pa = 0x80000000ULL;
	const size_t size = SZ_2M + SZ_8K;
	int ret;

	if (!dom || dom->type != IOMMU_DOMAIN_DMA)
		return -ENODEV;
	ret = iommu_map(dom, iova, pa, size, IOMMU_READ | IOMMU_WRITE, GFP_KERNEL);
	if (ret)
		return ret;
	if (iommu_iova_to_phys(dom, iova + 0x1234) != pa + 0x1234 ||
	    iommu_iova_to_phys(dom, iova + SZ_2M + SZ_4K + 5) != pa + SZ_2M + SZ_4K + 5)
		ret = -EIO;
	if (iommu_unmap(dom, iova, size) != size)
		ret = ret ? ret : -EIO;
	if (!ret && iommu_iova_to_phys(dom, iova))
		ret = -EIO;
	return ret;
}

static int msi_clients(struct world *w)
{
	int i, ret;

	for (i = 0; i < 2; i++) {
		struct device *dev = &w->client[i]->dev;
		dma_addr_t iova;

		ret = iommu_dma_map_msi(dev, LIFECYCLE_DOORBELL, &iova);
		if (ret)
			return ret;
		ret = iommu_model_msi_write(dev, iova, LIFECYCLE_DOORBELL);
		if (ret)
			return ret;
	}
	return 0;
}

static int direct_and_identity(struct world *w)
{
	struct device *dev = &w->client[2]->dev;
	struct iommu_domain *dom = iommu_get_domain_for_dev(dev);
	int ret;

	if (!dom || iommu_iova_to_phys(dom, 0x100000 + SZ_4K) != 0x100000 + SZ_4K)
		return -EIO;
	ret = iommu_request_dm_for_dev(dev);
	if (ret)
		return ret;
	dom = iommu_get_domain_for_dev(dev);
	if (!dom || dom->type != IOMMU_DOMAIN_IDENTITY ||
	    iommu_iova_to_phys(dom, 0x12345678) != 0x12345678)
		return -EIO;
	return 0;
}

/* An unmanaged domain: attach, scatter-gather map, check, unmap, detach. */
static int unmanaged_domain(struct world *w)
{
	static const phys_addr_t phys[3] = { 0x90000000ULL, 0x90010000ULL, 0x90200000ULL };
	static const unsigned int len[3] = { SZ_4K, SZ_8K, SZ_2M };
	struct device *dev = &w->client[2]->dev;
	const unsigned long iova = 0x10000000;
	struct scatterlist sgl[3];
	struct iommu_domain *dom, *other;
	ssize_t mapped;
	int i, ret;

	other = iommu_domain_alloc(&platform_bus_type);
	if (!other)
		return -ENOMEM;
	iommu_domain_free(other);

	/*
	 * Probe whether master-a's domain (IOMMU 0) can be reused for
	 * master-c (IOMMU 1), as VFIO does: the answer is a quiet -EINVAL.
	 */
	other = iommu_get_domain_for_dev(&w->client[0]->dev);
	ret = other ? iommu_attach_device(other, dev) : -ENODEV;
	if (!ret)
		iommu_detach_device(other, dev);
	if (ret != -EINVAL)
		return ret ? ret : -EIO;

	dom = iommu_paging_domain_alloc(dev);
	if (IS_ERR(dom))
		return (int)PTR_ERR(dom);
	ret = iommu_attach_device(dom, dev);
	if (ret)
		goto out_free;

	sg_init_table(sgl, 3);
	for (i = 0; i < 3; i++)
		sg_set_phys(&sgl[i], phys[i], len[i]);
	mapped = iommu_map_sg(dom, iova, sgl, 3, IOMMU_READ | IOMMU_NOEXEC, GFP_KERNEL);
	if (mapped < 0) {
		ret = (int)mapped;
		goto out_detach;
	}
	if (mapped != SZ_4K + SZ_8K + SZ_2M ||
	    iommu_iova_to_phys(dom, iova + SZ_4K + 8) != phys[1] + 8 ||
	    iommu_iova_to_phys(dom, iova + 3 * SZ_4K + SZ_1M) != phys[2] + SZ_1M)
		ret = -EIO;
	if (iommu_unmap(dom, iova, (size_t)mapped) != (size_t)mapped)
		ret = ret ? ret : -EIO;

out_detach:
	iommu_detach_device(dom, dev);
out_free:
	iommu_domain_free(dom);
	return ret;
}

static void teardown(struct world *w)
{
	int i;

	for (i = 0; i < NR_CLIENTS; i++)
		if (w->client[i])
			platform_device_unregister(w->client[i]);
	if (w->driver_loaded)
		cleanup_module();
	for (i = 0; i < NR_MMUS; i++)
		if (w->mmu[i])
			platform_device_unregister(w->mmu[i]);
	for (i = 0; i < NR_CLIENTS; i++)
		if (w->client_np[i])
			of_model_node_destroy(w->client_np[i]);
	for (i = 0; i < NR_MMUS; i++)
		if (w->mmu_np[i])
			of_model_node_destroy(w->mmu_np[i]);
}

int lifecycle_run(const char **failed_step)
{
	struct world w = { 0 };

	if (!step(&w, "build device tree", build_tree(&w)))
		goto out_teardown;
	if (!step(&w, "create IOMMU devices", create_mmus(&w)))
		goto out_teardown;
	if (!step(&w, "load driver", init_module()))
		goto out_teardown;
	w.driver_loaded = true;
	if (!step(&w, "probe IOMMUs", check_bound(&w)))
		goto out_teardown;
	if (!step(&w, "create masters", create_clients(&w)))
		goto out_teardown;
	if (!step(&w, "configure masters", configure_clients(&w)))
		goto out_teardown;
	if (!step(&w, "groups", check_groups(&w)))
		goto out_teardown;
	if (!step(&w, "group reserved regions", query_regions(&w)))
		goto out_teardown;
	if (!step(&w, "DMA map/unmap", dma_map_default(&w)))
		goto out_teardown;
	if (!step(&w, "MSI", msi_clients(&w)))
		goto out_teardown;
	if (!step(&w, "direct and identity mapping", direct_and_identity(&w)))
		goto out_teardown;
	step(&w, "unmanaged domain", unmanaged_domain(&w));

out_teardown:
	teardown(&w);
	if (failed_step)
		*failed_step = w.step;
	return w.rc;
}

void lifecycle_check(unsigned long fail_nth, struct lifecycle_report *rep)
{
	unsigned long before;

	refcheck_reset();
	before = kmem_alloc_count();
	kmem_fail_nth(fail_nth);
	rep->failed_step = NULL;
	rep->rc = lifecycle_run(&rep->failed_step);
	rep->fault_hit = kmem_fault_hit();
	rep->fault_tolerated = kmem_fault_tolerated();
	rep->allocations = kmem_alloc_count() - before;
	kmem_fail_nth(0);
	rep->violations = refcheck_teardown();
}
